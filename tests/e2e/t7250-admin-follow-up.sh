#!/bin/sh
# t7250-admin-follow-up.sh - the committee area's follow-up list (admins
# only): everyone who asked to be contacted or offered to present, with
# their answer, event and contact details, filterable by form and event,
# as CSV, each markable as done; the report points at it and prints no
# contact detail.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"
. "$TOP/tests/e2e/lib-admin.sh"

add_user chair admin 'chair-password' &&
add_user reader viewer 'reader-password' || echo "Bail out! cannot add users"
start_admin_server --min-fill-seconds 0 --rate-limit 0
add_event evening-talk 'Evening talk' || echo "Bail out! no event"

EF="$URL/f/event-feedback/evening-talk"
TI="$URL/f/training-ideas"

# feedback WANTS EMAIL IMPROVE: one event response; prints the status
feedback() {
	curl -s -o "$WORK/form.html" "$EF" &&
	tok=$(token "$WORK/form.html") &&
	curl -s -o /dev/null -w '%{http_code}' \
		--data-urlencode "_token=$tok" --data "_page=0&_action=submit" \
		--data "overall=4&relevant=a&clear=sa&recommend=9" \
		--data "wants_reply=$1" --data-urlencode "email=$2" \
		--data-urlencode "improve=$3" "$EF"
}

# idea PRESENT NAME EMAIL: one training idea; prints the status
idea() {
	curl -s -o "$WORK/form.html" "$TI" &&
	tok=$(token "$WORK/form.html") &&
	curl -s -o /dev/null -w '%{http_code}' \
		--data-urlencode "_token=$tok" --data "_page=1&_action=submit" \
		--data "topic=Lending+rare+books&level=all&would_present=$1" \
		--data-urlencode "name=$2" --data-urlencode "email=$3" "$TI"
}

test_expect 'setup: two asked for a reply, one did not, one offers to present' '
	test "$(feedback yes ann@example.org "Longer breaks")" = 303 &&
	test "$(feedback yes bob@example.org "More examples")" = 303 &&
	test "$(feedback no "" "Fine as it is")" = 303 &&
	test "$(idea yes "Cleo Smith" cleo@example.org)" = 303 &&
	test "$(q "SELECT count(*) FROM response")" = 4 &&
	test "$(login chair chair-password "$WORK/jar")" = 303 &&
	test "$(login reader reader-password "$WORK/jar-v")" = 303
'

test_expect 'the list shows who asked, with their answer, event and address' '
	test "$(aget /admin/follow-up fu.html)" = 200 &&
	contains fu.html "<h1>Follow-up</h1>" &&
	contains fu.html "3 on the list, 3 not yet done" &&
	contains fu.html "ann@example.org" && contains fu.html "Longer breaks" &&
	contains fu.html "bob@example.org" && contains fu.html "Evening talk" &&
	contains fu.html "Cleo Smith" && contains fu.html "cleo@example.org" &&
	contains fu.html "Would you be willing to present" &&
	lacks fu.html "Fine as it is" &&
	contains fu.html "href=\"/admin/follow-up\""
'

test_expect 'it filters by form and by event' '
	test "$(aget "/admin/follow-up?form=training-ideas" f1.html)" = 200 &&
	contains f1.html "1 on the list" && contains f1.html "Cleo Smith" &&
	lacks f1.html "ann@example.org" &&
	test "$(aget "/admin/follow-up?event=evening-talk" f2.html)" = 200 &&
	contains f2.html "2 on the list" && lacks f2.html "Cleo Smith"
'

test_expect 'the CSV has a header, a BOM and one row each' '
	test "$(aget "/admin/follow-up.csv?form=event-feedback" fu.csv)" = 200 &&
	head -c 3 fu.csv | od -An -tx1 | grep -q "ef bb bf" &&
	contains fu.csv "Response,Submitted,Form,Event" &&
	contains fu.csv "ann@example.org" && lacks fu.csv "Cleo Smith" &&
	test "$(grep -c "@example.org" fu.csv)" = 2
'

ann=$(q "SELECT response FROM answer WHERE text = 'ann@example.org'")

test_expect 'an admin marks one done, and can undo it' '
	tok=$(csrf "$WORK/fu.html") &&
	test "$(apost "/admin/follow-up?form=event-feedback" "_csrf=$tok&response=$ann&action=done" out.html)" = 303 &&
	test "$(q "SELECT done_by FROM follow_up WHERE response = $ann")" = chair &&
	test "$(aget /admin/follow-up fu2.html)" = 200 &&
	contains fu2.html "3 on the list, 2 not yet done" &&
	contains fu2.html "by chair" && contains fu2.html "Not done" &&
	test "$(aget /admin/follow-up.csv all.csv)" = 200 &&
	grep "ann@example.org" all.csv | grep -q ",chair" &&
	test "$(apost /admin/follow-up "_csrf=$tok&response=$ann&action=undo" out.html)" = 303 &&
	test "$(q "SELECT count(*) FROM follow_up")" = 0 &&
	test "$(apost /admin/follow-up "_csrf=$tok&response=99999&action=done" out.html)" = 404 &&
	test "$(apost /admin/follow-up "_csrf=$tok&response=$ann&action=explode" out.html)" = 400
'

test_expect 'contact details are for admins: a viewer is refused' '
	test "$(aget /admin/follow-up v.html "$WORK/jar-v")" = 403 &&
	test "$(aget /admin/follow-up.csv v.csv "$WORK/jar-v")" = 403 &&
	lacks v.html "ann@example.org" && lacks v.csv "ann@example.org" &&
	test "$(aget /admin v2.html "$WORK/jar-v")" = 200 &&
	lacks v2.html "/admin/follow-up"
'

test_expect 'the report counts them and names the Follow-up page, no address' '
	sigsurvey report --form event-feedback -o "$WORK/r.pdf" >/dev/null &&
	pdftotext "$WORK/r.pdf" "$WORK/r.txt" &&
	tr "\n" " " <"$WORK/r.txt" | grep -q "2 of 3 (67%) asked to be contacted; they are listed on the committee" &&
	lacks r.txt "ann@example.org" &&
	sigsurvey report --form training-ideas -o "$WORK/t.pdf" >/dev/null &&
	pdftotext "$WORK/t.pdf" "$WORK/t.txt" &&
	tr "\n" " " <"$WORK/t.txt" | grep -q "Follow-up page" &&
	lacks t.txt "Cleo Smith" && lacks t.txt "cleo@example.org"
'

test_done
