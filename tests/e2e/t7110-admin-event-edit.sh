#!/bin/sh
# t7110-admin-event-edit.sh - the command line and the admin area share the
# event rules: an event made with `sigsurvey event add --format workshop`
# and a 250-character title is offered as it is on its edit page, and a
# browser's post of that page that changes only the title keeps every
# other field exactly as stored (format, closing time to the second).
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"
. "$TOP/tests/e2e/lib-admin.sh"

# 250 characters: "ILL workshop " 19 times, then "ILL".
long=$(printf 'ILL workshop %.0s' $(seq 20) | cut -c1-250)
long2=$(printf 'ILL workshop, revised %.0s' $(seq 12) | cut -c1-250)
toolong=$(printf 'x%.0s' $(seq 501))

# unescape: the text of an HTML attribute value.
unescape() {
	sed -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&quot;/"/g' \
		-e "s/&#39;/'/g" -e 's/&amp;/\&/g'
}

# edit_form PAGE: the edit form of a saved event page, one element a line.
edit_form() {
	sed -n '/value="save"/,/<\/form>/p' "$1" | sed 's/></>\n</g'
}

# browser_post PAGE OUT NAME=VALUE...: posts the edit form of PAGE as a
# browser would, every input and the selected option as displayed, except
# the fields given; prints the status.
browser_post() {
	page=$1 out=$2
	shift 2
	n=$#
	for kv; do
		set -- "$@" --data-urlencode "$kv"
	done
	shift $n
	set -- "$@" --data-urlencode "_csrf=$(csrf "$page")"
	for name in $(edit_form "$page" |
		sed -n 's/.*<input [^>]*name="\([^"]*\)".*/\1/p'); do
		case " $* " in *" $name="*) continue ;; esac
		v=$(edit_form "$page" |
			sed -n "s/.*<input [^>]*name=\"$name\"[^>]*value=\"\([^\"]*\)\".*/\1/p" |
			unescape)
		set -- "$@" --data-urlencode "$name=$v"
	done
	for name in $(edit_form "$page" |
		sed -n 's/.*<select [^>]*name="\([^"]*\)".*/\1/p'); do
		case " $* " in *" $name="*) continue ;; esac
		v=$(edit_form "$page" | sed -n "/name=\"$name\"/,/<\/select>/p" |
			sed -n 's/.*<option value="\([^"]*\)" selected>.*/\1/p' |
			unescape)
		set -- "$@" --data-urlencode "$name=$v"
	done
	curl -s -o "$out" -w '%{http_code}' -b "$WORK/jar" -H "Origin: $URL" \
		"$@" "$URL/admin/events/ws-2026"
}

add_user chair admin 'chair-password' || echo "Bail out! cannot add a user"

test_expect 'the command line makes a workshop with a 250-character title' '
	sigsurvey event add --form event-feedback --key ws-2026 \
		--title "$long" --date 2026-11-20 --format workshop \
		--location "Room 1 & 2" --opens "2026-01-05 09:00" \
		--attendees 12 >out &&
	sigsurvey event close ws-2026 >out &&
	sigsurvey event show ws-2026 >show &&
	contains show "format: workshop" &&
	contains show "title: $long"
'

start_admin_server --min-fill-seconds 0

test_expect 'its edit page offers the workshop format, selected' '
	test "$(login chair chair-password "$WORK/jar")" = 303 &&
	test "$(aget /admin/events/ws-2026 e.html)" = 200 &&
	edit_form e.html >form &&
	contains form "<option value=\"workshop\" selected>workshop</option>" &&
	contains form "<option value=\"in_person\">In person</option>" &&
	contains form "<option value=\"webinar\">Webinar</option>" &&
	contains form "<option value=\"hybrid\">Hybrid</option>" &&
	contains form "value=\"$long\""
'

test_expect 'renaming it in the browser keeps its format and closing time' '
	before=$(q "SELECT format, location, attendees, opens, closes, series IS NULL FROM event") &&
	test "$(browser_post e.html out.html "title=$long2")" = 303 &&
	sigsurvey event show ws-2026 >show &&
	contains show "format: workshop" &&
	contains show "title: $long2" &&
	test "$(q "SELECT format, location, attendees, opens, closes, series IS NULL FROM event")" = "$before"
'

test_expect 'a post that changes nothing changes nothing' '
	before=$(q "SELECT * FROM event") &&
	test "$(aget /admin/events/ws-2026 e2.html)" = 200 &&
	test "$(browser_post e2.html out.html)" = 303 &&
	test "$(q "SELECT * FROM event")" = "$before"
'

test_expect 'a 250-character title can be given to a new event in the browser' '
	test "$(aget /admin/events ev.html)" = 200 &&
	tok=$(csrf ev.html) &&
	test "$(curl -s -o out.html -w "%{http_code}" -b "$WORK/jar" -H "Origin: $URL" \
		--data-urlencode "_csrf=$tok" --data-urlencode form=event-feedback \
		--data-urlencode key=long-new --data-urlencode "title=$long" \
		--data-urlencode date=2026-12-01 --data-urlencode format=webinar \
		"$URL/admin/events")" = 303 &&
	test "$(q "SELECT title, format FROM event WHERE key = '\''long-new'\''")" = "$long|webinar"
'

test_expect '-bad- a title over 500 characters is refused alike in both' '
	test "$(browser_post e2.html bad.html "title=$toolong")" = 422 &&
	contains bad.html "at most 500 characters" &&
	test "$(q "SELECT title FROM event WHERE key = '\''ws-2026'\''")" = "$long2" &&
	expect_status 1 sigsurvey event edit ws-2026 --title "$toolong" 2>err &&
	contains err "at most 500 characters" &&
	test "$(q "SELECT title FROM event WHERE key = '\''ws-2026'\''")" = "$long2"
'

test_expect '-bad- an unknown format code is refused, a new well-formed one kept' '
	test "$(browser_post e2.html bad.html "format=Work Shop")" = 422 &&
	contains bad.html "href=\"#format\">" &&
	test "$(browser_post e2.html out.html "format=round_table")" = 303 &&
	test "$(q "SELECT format FROM event WHERE key = '\''ws-2026'\''")" = round_table
'

stop_server
test_done
