#!/bin/sh
# t7000-admin-auth.sh - the committee area's accounts and sessions: the
# one-time setup link, `sigsurvey user`, sign-in that never says which
# part was wrong, throttling, the session cookie's flags, sign-out, and
# the checks every admin request passes (sign-in, CSRF token, Origin,
# role), and that signing in again in the same browser ends the session
# it had.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"
. "$TOP/tests/e2e/lib-admin.sh"

start_admin_server --min-fill-seconds 0

test_expect 'serve prints a one-time setup link when there is no account' '
	contains "$WORK/serve.out" "no committee account yet" &&
	case "$SETUP" in "$URL/admin/setup?token="???????????????????????????????????????????) ;;
	*) fail "setup link: $SETUP" ;; esac
'

test_expect '-bad- a wrong setup token is refused' '
	test "$(aget "/admin/setup?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" bad.html)" = 404 &&
	contains bad.html "This setup link is not valid" &&
	test "$(aget "/admin/setup" bad2.html)" = 404
'

# The thread that answers may have its connection open (the query fails)
# or not (opening fails): 503 either way.
test_expect '-bad- a database error during setup is 503, not "not valid"' '
	q "ALTER TABLE setup_token RENAME TO setup_token_x" &&
	st=$(curl -s -o dberr.html -D dberr.h -w "%{http_code}" "$SETUP")
	q "ALTER TABLE setup_token_x RENAME TO setup_token" &&
	test "$st" = 503 &&
	grep -qi "^Retry-After: 30" dberr.h &&
	contains dberr.html "Please try" &&
	lacks dberr.html "not valid" &&
	test "$(q "SELECT count(*) FROM setup_token")" = 1
'

test_expect 'the setup link creates the first admin and signs them in' '
	tok=${SETUP#*token=} &&
	test "$(curl -s -o setup.html -w "%{http_code}" "$SETUP")" = 200 &&
	contains setup.html "Create the first admin account" &&
	test "$(curl -s -o r.html -D h.txt -c "$WORK/jar" -w "%{http_code}" \
		-H "Origin: $URL" --data "token=$tok&name=chair&password=correct+horse&password2=correct+horse" \
		"$URL/admin/setup")" = 303 &&
	grep -qi "^Location: /admin" h.txt &&
	test "$(aget /admin dash.html)" = 200 &&
	contains dash.html "<h1>Dashboard</h1>" &&
	contains dash.html "chair (admin)" &&
	test "$(q "SELECT name || \" \" || role || \" \" || substr(password, 1, 10) FROM account")" = "chair admin \$argon2id\$"
'

test_expect '-bad- the setup link works only once' '
	test "$(curl -s -o again.html -w "%{http_code}" "$SETUP")" = 410 &&
	contains again.html "This setup link has been used" &&
	tok=${SETUP#*token=} &&
	test "$(curl -s -o again2.html -w "%{http_code}" -H "Origin: $URL" \
		--data "token=$tok&name=evil&password=12345678&password2=12345678" \
		"$URL/admin/setup")" = 410 &&
	test "$(q "SELECT count(*) FROM account")" = 1 &&
	test "$(q "SELECT count(*) FROM setup_token")" = 0
'

test_expect 'the session cookie is HttpOnly, SameSite=Strict, Path=/admin, stored hashed' '
	cookie=$(grep -i "^Set-Cookie:" h.txt) &&
	echo "$cookie" | grep -q "sigsurvey_admin=[A-Za-z0-9_-]\{43\};" &&
	echo "$cookie" | grep -q "; HttpOnly" &&
	echo "$cookie" | grep -q "; SameSite=Strict" &&
	echo "$cookie" | grep -q "; Path=/admin;" &&
	! echo "$cookie" | grep -qi "secure" &&
	value=$(echo "$cookie" | sed "s/.*sigsurvey_admin=\([^;]*\);.*/\1/") &&
	test "$(q "SELECT count(*) FROM session")" = 1 &&
	test "$(q "SELECT count(*) FROM session WHERE token_hash = '\''$value'\''")" = 0 &&
	test "$(q "SELECT length(token_hash) FROM session")" = 64
'

test_expect 'admin pages are never cached' '
	curl -s -o /dev/null -D h2.txt -b "$WORK/jar" "$URL/admin" &&
	grep -qi "^Cache-Control: no-store" h2.txt &&
	curl -s -o /dev/null -D h3.txt "$URL/admin/login" &&
	grep -qi "^Cache-Control: no-store" h3.txt
'

test_expect 'sigsurvey user add, list, passwd and remove' '
	printf "viewerpass\n" | sigsurvey user add reader >out &&
	contains out "added viewer reader" &&
	printf "adminpass1\n" | sigsurvey user add treasurer --role admin >out &&
	sigsurvey user list >list &&
	contains list "reader	viewer	" &&
	contains list "treasurer	admin	" &&
	contains list "chair	admin	" &&
	printf "adminpass2\n" | sigsurvey user passwd treasurer >out &&
	contains out "changed the password of treasurer" &&
	test "$(login treasurer adminpass2 "$WORK/jar-t")" = 303 &&
	sigsurvey user remove treasurer >out &&
	contains out "removed treasurer" &&
	test "$(login treasurer adminpass2 "$WORK/jar-t2")" = 401
'

test_expect '-bad- sigsurvey user refuses short passwords, bad names and roles' '
	printf "short\n" | expect_status 1 sigsurvey user add shorty 2>err &&
	contains err "at least 8 characters" &&
	printf "longenough\n" | expect_status 2 sigsurvey user add "bad name" 2>err &&
	printf "longenough\n" | expect_status 2 sigsurvey user add x --role boss 2>err &&
	contains err "admin or viewer" &&
	printf "longenough\n" | expect_status 1 sigsurvey user add chair 2>err &&
	contains err "user chair exists" &&
	expect_status 1 sigsurvey user passwd nobody </dev/null 2>err &&
	contains err "no user nobody"
'

test_expect '-bad- a wrong password or unknown name fails without saying which' '
	test "$(login chair wrong-password "$WORK/jar-x")" = 401 &&
	cp "$WORK/login.html" wrong-pw.html &&
	test "$(login nobody-here correct+horse "$WORK/jar-y")" = 401 &&
	cp "$WORK/login.html" wrong-name.html &&
	contains wrong-pw.html "The account name or password is not right" &&
	contains wrong-name.html "The account name or password is not right" &&
	lacks wrong-pw.html "unknown" && lacks wrong-name.html "unknown" &&
	lacks wrong-pw.html "no such" && lacks wrong-name.html "no such" &&
	! grep -q sigsurvey_admin "$WORK/jar-x" &&
	contains wrong-pw.html "value=\"chair\""
'

test_expect 'the right password signs in and goes back to the page asked for' '
	test "$(curl -s -o /dev/null -w "%{redirect_url}" "$URL/admin/responses")" = "$URL/admin/login?next=/admin/responses" &&
	test "$(curl -s -o /dev/null -D h4.txt -c "$WORK/jar-c" -w "%{http_code}" \
		-H "Origin: $URL" --data "name=chair&password=correct+horse&next=/admin/responses" \
		"$URL/admin/login")" = 303 &&
	grep -qi "^Location: /admin/responses" h4.txt &&
	test "$(curl -s -o /dev/null -D h5.txt -w "%{http_code}" \
		-H "Origin: $URL" --data "name=chair&password=correct+horse&next=//evil.example/" \
		"$URL/admin/login")" = 303 &&
	grep -qi "^Location: /admin.$" h5.txt
'

test_expect '-bad- repeated failures are throttled, even with the right password' '
	printf "target-pass\n" | sigsurvey user add target >/dev/null &&
	for i in 1 2 3 4; do
		s=$(login target "guess-$i" "$WORK/jar-g"); test "$s" = 401 || { fail "guess $i: $s"; exit 1; }
	done &&
	s=$(login target target-pass "$WORK/jar-g") &&
	{ test "$s" = 429 || fail "right password while throttled: $s"; } &&
	contains "$WORK/login.html" "Too many failed attempts" &&
	s=$(login chair "correct horse" "$WORK/jar-ok") &&
	{ test "$s" = 303 || fail "other account: $s"; }
'

routes_get="/admin /admin/ /admin/events /admin/events/x /admin/events/x/qr.png
/admin/events/x/handout.pdf /admin/forms/event-feedback /admin/responses
/admin/responses/1 /admin/report /admin/export /admin/users /admin/nowhere"
routes_post="/admin /admin/logout /admin/events /admin/events/x
/admin/responses/1 /admin/users"

test_expect '-bad- every admin route without a session redirects to sign-in' '
	for r in $routes_get; do
		s=$(curl -s -o /dev/null -w "%{http_code} %{redirect_url}" "$URL$r")
		case "$s" in "303 $URL/admin/login"*) ;;
		*) fail "GET $r: $s"; exit 1 ;; esac
	done &&
	for r in $routes_post; do
		s=$(curl -s -o /dev/null -w "%{http_code} %{redirect_url}" \
			-H "Origin: $URL" --data "_csrf=x&action=delete" "$URL$r")
		case "$s" in "303 $URL/admin/login"*) ;;
		*) fail "POST $r: $s"; exit 1 ;; esac
	done
'

test_expect '-bad- a bad or stale cookie is no session' '
	s=$(curl -s -o /dev/null -w "%{http_code}" -H "Cookie: sigsurvey_admin=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" "$URL/admin") &&
	test "$s" = 303
'

test_expect '-bad- every admin POST without a valid CSRF token gets 403' '
	test "$(aget /admin/events ev.html)" = 200 &&
	tok=$(csrf ev.html) && test -n "$tok" &&
	for r in $routes_post; do
		s=$(apost "$r" "action=close" out.html)
		test "$s" = 403 || { fail "no token: POST $r: $s"; exit 1; }
		contains out.html "This request was refused" || exit 1
		s=$(apost "$r" "_csrf=${tok}x&action=close" out.html)
		test "$s" = 403 || { fail "wrong token: POST $r: $s"; exit 1; }
	done
'

test_expect '-bad- every admin POST from a foreign Origin gets 403' '
	tok=$(csrf ev.html) &&
	for r in $routes_post /admin/login /admin/setup; do
		s=$(curl -s -o out.html -w "%{http_code}" -b "$WORK/jar" \
			-H "Origin: http://evil.example" --data "_csrf=$tok" "$URL$r")
		test "$s" = 403 || { fail "POST $r: $s"; exit 1; }
		s=$(curl -s -o out.html -w "%{http_code}" -b "$WORK/jar" \
			-H "Origin: null" --data "_csrf=$tok" "$URL$r")
		test "$s" = 403 || { fail "null origin: POST $r: $s"; exit 1; }
		s=$(curl -s -o out.html -w "%{http_code}" -b "$WORK/jar" \
			--data "_csrf=$tok" "$URL$r")
		test "$s" = 403 || { fail "no origin: POST $r: $s"; exit 1; }
		s=$(curl -s -o out.html -w "%{http_code}" -b "$WORK/jar" \
			-H "Referer: http://evil.example$r" --data "_csrf=$tok" "$URL$r")
		test "$s" = 403 || { fail "foreign referer: POST $r: $s"; exit 1; }
	done
'

test_expect 'a POST without Origin but with our own Referer is accepted' '
	tok=$(csrf ev.html) &&
	s=$(curl -s -o out.html -w "%{http_code}" -b "$WORK/jar" \
		-H "Referer: $URL/admin/events" \
		--data "_csrf=$tok&form=event-feedback&key=ref-check&title=Referer+check&date=2026-05-01" \
		"$URL/admin/events") &&
	test "$s" = 303 &&
	test "$(q "SELECT title FROM event WHERE key = '\''ref-check'\''")" = "Referer check"
'

test_expect '-bad- GET never changes anything' '
	test "$(aget "/admin/events/ref-check?action=close&_csrf=$(csrf ev.html)" out.html)" = 200 &&
	test "$(q "SELECT closes - opens FROM event WHERE key = '\''ref-check'\''")" = 1209600 &&
	test "$(aget "/admin/logout" out.html)" = 405 &&
	test "$(aget /admin dash.html)" = 200
'

test_expect '-bad- a viewer can see and download but not change anything' '
	test "$(login reader viewerpass "$WORK/jar-v")" = 303 &&
	test "$(aget /admin v.html "$WORK/jar-v")" = 200 &&
	contains v.html "reader (viewer)" &&
	lacks v.html "Create an event" &&
	test "$(aget /admin/events/ref-check v2.html "$WORK/jar-v")" = 200 &&
	lacks v2.html "Save changes" &&
	lacks v2.html "Close feedback now" &&
	test "$(aget /admin/events/ref-check/qr.png v.png "$WORK/jar-v")" = 200 &&
	test "$(aget "/admin/export?form=event-feedback" v.csv "$WORK/jar-v")" = 200 &&
	test "$(aget /admin/users v3.html "$WORK/jar-v")" = 403 &&
	vt=$(csrf v.html) &&
	for r in /admin/events /admin/events/ref-check /admin/responses/1 /admin/users; do
		s=$(apost "$r" "_csrf=$vt&action=close&form=event-feedback&key=v-made&title=V&date=2026-01-01&name=x&role=admin&password=12345678" out.html "$WORK/jar-v")
		test "$s" = 403 || { fail "viewer POST $r: $s"; exit 1; }
		contains out.html "Only an admin can do this" || exit 1
	done &&
	test "$(q "SELECT count(*) FROM event WHERE key = '\''v-made'\''")" = 0 &&
	test "$(q "SELECT closes - opens FROM event WHERE key = '\''ref-check'\''")" = 1209600 &&
	test "$(q "SELECT role FROM account WHERE name = '\''reader'\''")" = viewer
'

test_expect 'sign-out ends the session on the server' '
	tok=$(csrf v.html) &&
	curl -s -o /dev/null -D lo.txt -b "$WORK/jar-v" -H "Origin: $URL" \
		--data "_csrf=$tok" "$URL/admin/logout" &&
	grep -q "^HTTP/1.1 303" lo.txt &&
	grep -qi "^Set-Cookie: sigsurvey_admin=;.*Max-Age=0" lo.txt &&
	test "$(aget /admin out.html "$WORK/jar-v")" = 303 &&
	test "$(q "SELECT count(*) FROM session s JOIN account a ON a.id = s.account WHERE a.name = '\''reader'\''")" = 0
'

test_expect 'a second sign-in in the same browser ends the first session' '
	test "$(login reader viewerpass "$WORK/jar-s")" = 303 &&
	cp "$WORK/jar-s" "$WORK/jar-s1" &&
	test "$(aget /admin out.html "$WORK/jar-s1")" = 200 &&
	test "$(q "SELECT count(*) FROM session s JOIN account a ON a.id = s.account WHERE a.name = '\''reader'\''")" = 1 &&
	test "$(curl -s -o /dev/null -w "%{http_code}" -b "$WORK/jar-s" -c "$WORK/jar-s" \
		-H "Origin: $URL" --data "name=reader&password=viewerpass" \
		"$URL/admin/login")" = 303 &&
	test "$(aget /admin out.html "$WORK/jar-s1")" = 303 &&
	test "$(aget /admin out.html "$WORK/jar-s")" = 200 &&
	test "$(q "SELECT count(*) FROM session s JOIN account a ON a.id = s.account WHERE a.name = '\''reader'\''")" = 1
'

test_expect 'a new password signs that account out everywhere' '
	test "$(login reader viewerpass "$WORK/jar-v2")" = 303 &&
	test "$(aget /admin out.html "$WORK/jar-v2")" = 200 &&
	printf "viewerpass2\n" | sigsurvey user passwd reader >/dev/null &&
	test "$(aget /admin out.html "$WORK/jar-v2")" = 303
'

stop_server
test_done
