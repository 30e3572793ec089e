#!/bin/sh
# t7410-admin-invite.sh - colleagues choose their own passwords: an
# invitation link (from `sigsurvey user invite` or the Accounts page)
# sets a password once and signs in, and is refused when used again or
# expired; a reset link sets a new password for an existing account and
# signs it out elsewhere; everyone changes their own password with the
# current one; viewers make no links.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"
. "$TOP/tests/e2e/lib-admin.sh"

add_user chair admin 'chair-password' &&
add_user reader viewer 'reader-password' ||
	echo "Bail out! cannot add the users"
start_admin_server --min-fill-seconds 0

# use_link LINK PASSWORD [REPEAT] JAR OUT: sends the link's form; status
use_link() {
	t=${1#*token=}
	curl -s -o "$5" -D "$5.h" -w '%{http_code}' -c "$4" -b "$4" \
		-H "Origin: $URL" --data-urlencode "token=$t" \
		--data-urlencode "password=$2" --data-urlencode "password2=$3" \
		"$URL/admin/invite"
}
# link_in FILE: the one-time link printed or shown in FILE
link_in() {
	grep -o 'http://[^ <"]*/admin/invite?token=[A-Za-z0-9_-]*' "$1" | head -n 1
}

test_expect 'user invite prints a one-time link under --base-url' '
	sigsurvey user invite ann --role viewer --base-url "$URL/" >inv.txt &&
	link=$(link_in inv.txt) && test -n "$link" &&
	case $link in "$URL/admin/invite?token="*) ;; *) false ;; esac &&
	echo "$link" >ann.link &&
	test "$(q "SELECT name || '\''|'\'' || role FROM invite")" = "ann|viewer" &&
	lacks "$SIGSURVEY_DB" "${link#*token=}" &&
	sigsurvey user --help >help.txt &&
	contains help.txt "sigsurvey user invite NAME"
'

test_expect 'the link asks for a password, then signs the colleague in' '
	link=$(cat ann.link) &&
	test "$(curl -s -o page.html -w "%{http_code}" "$link")" = 200 &&
	contains page.html "Your account name is ann (viewer)" &&
	test "$(use_link "$link" short short ann.jar bad.html)" = 422 &&
	contains bad.html "at least 8 characters" &&
	test "$(use_link "$link" ann-password other-password ann.jar bad.html)" = 422 &&
	contains bad.html "The two passwords differ" &&
	test "$(use_link "$link" ann-password ann-password ann.jar ok.html)" = 303 &&
	tr -d "\r" <ok.html.h | grep -qix "Location: /admin" &&
	test "$(aget /admin dash.html "$WORK/ann.jar")" = 200 &&
	contains dash.html "ann (viewer)" &&
	test "$(login ann ann-password j)" = 303
'

test_expect 'the link is refused the second time' '
	link=$(cat ann.link) &&
	test "$(curl -s -o again.html -w "%{http_code}" "$link")" = 410 &&
	contains again.html "This link does not work any more" &&
	test "$(use_link "$link" hijack-password hijack-password x.jar x.html)" = 410 &&
	test "$(login ann hijack-password j)" = 401 &&
	test "$(q "SELECT count(*) FROM invite")" = 0
'

test_expect 'an expired link is refused' '
	sigsurvey user invite bob --base-url "$URL" >bob.txt &&
	link=$(link_in bob.txt) &&
	test "$(curl -s -o /dev/null -w "%{http_code}" "$link")" = 200 &&
	q "UPDATE invite SET expires = strftime('\''%s'\'', '\''now'\'') - 1" &&
	test "$(curl -s -o old.html -w "%{http_code}" "$link")" = 410 &&
	test "$(use_link "$link" bob-password bob-password b.jar b.html)" = 410 &&
	test "$(q "SELECT count(*) FROM account WHERE name = '\''bob'\''")" = 0
'

test_expect 'invite refuses a taken name, reset an unknown one' '
	! sigsurvey user invite ann >o.txt 2>e.txt &&
	contains e.txt "user ann exists" &&
	! sigsurvey user reset nobody >o.txt 2>e.txt &&
	contains e.txt "no user nobody"
'

test_expect 'the Accounts page makes an invitation link (admins only)' '
	test "$(login chair chair-password "$WORK/jar")" = 303 &&
	test "$(aget /admin/users u.html)" = 200 &&
	contains u.html "Invite a colleague" &&
	tok=$(csrf u.html) &&
	test "$(apost /admin/users "_csrf=$tok&action=invite&invite-name=cara&invite-role=admin" made.html)" = 200 &&
	contains made.html "Send this link to cara" &&
	link=$(link_in made.html) && test -n "$link" &&
	test "$(use_link "$link" cara-password cara-password cara.jar c.html)" = 303 &&
	test "$(aget /admin/users cu.html "$WORK/cara.jar")" = 200 &&
	test "$(q "SELECT role FROM account WHERE name = '\''cara'\''")" = admin &&
	test "$(apost /admin/users "_csrf=$tok&action=invite&invite-name=cara&invite-role=admin" dup.html)" = 422 &&
	contains dup.html "There is an account with this name already"
'

test_expect 'a viewer cannot make invitation or reset links' '
	test "$(login reader reader-password "$WORK/rjar")" = 303 &&
	test "$(aget /admin/account acc.html "$WORK/rjar")" = 200 &&
	rtok=$(csrf acc.html) &&
	test "$(apost /admin/users "_csrf=$rtok&action=invite&invite-name=eve&invite-role=admin" no.html "$WORK/rjar")" = 403 &&
	test "$(apost /admin/users "_csrf=$rtok&action=reset&reset-name=chair" no.html "$WORK/rjar")" = 403 &&
	test "$(q "SELECT count(*) FROM invite")" = 0
'

test_expect 'a reset link sets a new password and signs the account out' '
	test "$(aget /admin dash.html "$WORK/ann.jar")" = 200 &&
	tok=$(csrf u.html) &&
	test "$(apost /admin/users "_csrf=$tok&action=reset&reset-name=ann" made.html)" = 200 &&
	contains made.html "it sets a new password" &&
	link=$(link_in made.html) &&
	test "$(curl -s -o page.html -w "%{http_code}" "$link")" = 200 &&
	contains page.html "Choose a new password" &&
	test "$(aget /admin dash.html "$WORK/ann.jar")" = 200 &&
	test "$(use_link "$link" ann-new-password ann-new-password ann2.jar r.html)" = 303 &&
	test "$(aget /admin dash.html "$WORK/ann.jar")" = 303 &&
	test "$(aget /admin dash.html "$WORK/ann2.jar")" = 200 &&
	test "$(login ann ann-password j)" = 401 &&
	test "$(login ann ann-new-password j)" = 303 &&
	test "$(curl -s -o /dev/null -w "%{http_code}" "$link")" = 410
'

test_expect 'user reset prints a reset link too' '
	sigsurvey user reset reader --base-url "$URL" >r.txt &&
	contains r.txt "sets a new password" &&
	test -n "$(link_in r.txt)"
'

# change_own JAR CSRF CURRENT NEW REPEAT OUT: status; the jar takes the
# new session cookie
change_own() {
	curl -s -o "$6" -D "$6.h" -w '%{http_code}' -b "$1" -c "$1" \
		-H "Origin: $URL" --data-urlencode "_csrf=$2" \
		--data-urlencode "current=$3" --data-urlencode "password=$4" \
		--data-urlencode "password2=$5" "$URL/admin/account"
}

test_expect 'everyone changes their own password, with the current one' '
	test "$(aget /admin/account acc.html "$WORK/rjar")" = 200 &&
	contains acc.html "Change your password" &&
	contains acc.html "Your account" &&
	rtok=$(csrf acc.html) &&
	test "$(change_own "$WORK/rjar" "$rtok" wrong-password reader-new-pw reader-new-pw w.html)" = 422 &&
	contains w.html "The current password is not right" &&
	test "$(login reader reader-password j)" = 303 &&
	test "$(change_own "$WORK/rjar" "$rtok" reader-password reader-new-pw other-new-pw w.html)" = 422 &&
	test "$(change_own "$WORK/rjar" "$rtok" reader-password reader-new-pw reader-new-pw ok.html)" = 303 &&
	grep -qi "^Location: /admin/account?done=passwd" ok.html.h &&
	test "$(aget "/admin/account?done=passwd" done.html "$WORK/rjar")" = 200 &&
	contains done.html "Your password was changed" &&
	test "$(login reader reader-password j)" = 401 &&
	test "$(login reader reader-new-pw j)" = 303
'

stop_server
test_done
