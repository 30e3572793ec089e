#!/bin/sh
# t7100-admin-events.sh - events in the committee area: creating one
# makes its public form live, validation keeps what was typed, editing,
# closing and reopening, the QR code (inline SVG on the page, a PNG that
# zbarimg decodes to the event's address) and the printable handout. The
# page and handout are fetched as a phone-reachable host would see them
# (Host: 192.0.2.10); on a loopback address they have no QR code (t7111).
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"
. "$TOP/tests/e2e/lib-admin.sh"

add_user chair admin 'chair-password' || echo "Bail out! cannot add a user"
start_admin_server --min-fill-seconds 0
PUB="http://192.0.2.10:$PORT"

# pget PATH OUT [CURL OPTIONS]: aget as if the server were reached at $PUB.
pget() {
	pget_path=$1 pget_out=$2
	shift 2
	curl -s -o "$pget_out" -w '%{http_code}' -H "Host: ${PUB#http://}" \
		-H "Cookie: $(grep -o 'sigsurvey_admin.*' "$WORK/jar" | tr '\t' =)" \
		"$@" "$URL$pget_path"
}

test_expect 'no setup link once an account exists' '
	lacks "$WORK/serve.out" "setup?token="
'

test_expect 'the events page offers a form to create one' '
	test "$(login chair chair-password "$WORK/jar")" = 303 &&
	test "$(aget /admin/events ev.html)" = 200 &&
	contains ev.html "<h1>Events</h1>" &&
	contains ev.html "There are no events yet." &&
	contains ev.html "<label class=\"label\" for=\"title\">Title</label>" &&
	contains ev.html "<option value=\"event-feedback\">"
'

test_expect 'creating an event makes its public form live' '
	test "$(curl -s -o /dev/null -w "%{http_code}" "$URL/f/event-feedback/ill-basics-2027")" = 404 &&
	tok=$(csrf ev.html) &&
	test "$(apost /admin/events "_csrf=$tok&form=event-feedback&key=ill-basics-2027&title=ILL+basics+%26+more&date=2027-01-20&location=Central+Library&format=webinar&presenter=Sam+Lee&attendees=40&series=basics&opens=2026-01-01T00:00&closes=" out.html)" = 303 &&
	test "$(curl -s -o pub.html -w "%{http_code}" "$URL/f/event-feedback/ill-basics-2027")" = 200 &&
	contains pub.html "ILL basics &amp; more" &&
	test "$(q "SELECT title, date, location, format, presenter, attendees, series FROM event WHERE key = '\''ill-basics-2027'\''")" = "ILL basics & more|2027-01-20|Central Library|webinar|Sam Lee|40|basics"
'

test_expect 'the event page shows the link, an inline QR code and downloads' '
	test "$(pget "/admin/events/ill-basics-2027?done=created" e.html)" = 200 &&
	contains e.html "The event was created." &&
	contains e.html "href=\"$PUB/f/event-feedback/ill-basics-2027\"" &&
	contains e.html "<svg class=\"qr\"" &&
	contains e.html "role=\"img\"" &&
	contains e.html "aria-label=\"QR code for $PUB/f/event-feedback/ill-basics-2027\"" &&
	contains e.html "href=\"/admin/events/ill-basics-2027/qr.png\"" &&
	contains e.html "href=\"/admin/events/ill-basics-2027/handout.pdf\"" &&
	contains e.html "value=\"2027-01-20\""
'

test_expect 'the QR code PNG decodes to the event URL' '
	curl -s -D qh.txt -o qr.png -b "$WORK/jar" "$URL/admin/events/ill-basics-2027/qr.png" &&
	grep -qi "^Content-Type: image/png" qh.txt &&
	grep -qi "^Content-Disposition: attachment; filename=\"qr-ill-basics-2027.png\"" qh.txt &&
	test "$(zbarimg -q --raw qr.png)" = "$URL/f/event-feedback/ill-basics-2027"
'

test_expect 'the printable handout is a one-page PDF with the title, date, link and QR code' '
	test "$(pget /admin/events/ill-basics-2027/handout.pdf handout.pdf -D hh.txt)" = 200 &&
	grep -qi "^Content-Type: application/pdf" hh.txt &&
	pdfinfo handout.pdf >info &&
	grep -q "^Pages: *1$" info &&
	grep -q "^Title: *ILL basics & more" info &&
	pdftotext handout.pdf - | tr -s " \n" "  " >text &&
	contains text "ILL basics & more" &&
	contains text "Wednesday 20 January 2027" &&
	contains text "Central Library" &&
	contains text "$PUB/f/event-feedback/ill-basics-2027" &&
	pdfimages -list handout.pdf >imgs &&
	test "$(tail -n +3 imgs | wc -l)" = 1 &&
	pdftoppm -r 100 -png handout.pdf page &&
	test "$(zbarimg -q --raw page-1.png)" = "$PUB/f/event-feedback/ill-basics-2027"
'

test_expect '-bad- a wrong event form comes back with messages and what was typed' '
	tok=$(csrf ev.html) &&
	test "$(apost /admin/events "_csrf=$tok&form=member-survey&key=Bad+Key!&title=Kept+%3Cb%3Etitle%3C%2Fb%3E&date=2027-02-30&attendees=lots&opens=2027-01-01T10%3A00&closes=2026-12-01T10%3A00" bad.html)" = 422 &&
	contains bad.html "There is a problem" &&
	contains bad.html "href=\"#form\">Choose the form" &&
	contains bad.html "href=\"#key\">Enter a short address" &&
	contains bad.html "href=\"#date\">Enter the date of the event" &&
	contains bad.html "href=\"#attendees\">" &&
	contains bad.html "Feedback must close after it opens" &&
	contains bad.html "value=\"Kept &lt;b&gt;title&lt;/b&gt;\"" &&
	contains bad.html "value=\"Bad Key!\"" &&
	contains bad.html "aria-invalid=\"true\"" &&
	test "$(q "SELECT count(*) FROM event")" = 1
'

test_expect '-bad- an event address in use is refused' '
	tok=$(csrf ev.html) &&
	test "$(apost /admin/events "_csrf=$tok&form=event-feedback&key=ill-basics-2027&title=Again&date=2027-01-21" dup.html)" = 422 &&
	contains dup.html "Another event has this address" &&
	test "$(q "SELECT title FROM event WHERE key = '\''ill-basics-2027'\''")" = "ILL basics & more"
'

test_expect 'editing an event changes it and keeps its address' '
	tok=$(csrf e.html) &&
	test "$(apost /admin/events/ill-basics-2027 "_csrf=$tok&action=save&title=ILL+basics+2027&date=2027-01-21&location=&format=hybrid&presenter=&attendees=42&series=basics&opens=&closes=" out.html)" = 303 &&
	test "$(q "SELECT key, title, date, location IS NULL, format, attendees FROM event")" = "ill-basics-2027|ILL basics 2027|2027-01-21|1|hybrid|42" &&
	test "$(aget "/admin/events/ill-basics-2027?done=saved" e2.html)" = 200 &&
	contains e2.html "Your changes were saved."
'

test_expect 'closing stops the public form; opening brings it back' '
	tok=$(csrf e2.html) &&
	test "$(apost /admin/events/ill-basics-2027 "_csrf=$tok&action=close" out.html)" = 303 &&
	test "$(curl -s -o /dev/null -w "%{http_code}" "$URL/f/event-feedback/ill-basics-2027")" = 410 &&
	test "$(aget /admin/events/ill-basics-2027 e3.html)" = 200 &&
	contains e3.html "Closed" &&
	contains e3.html "Open feedback now" &&
	test "$(apost /admin/events/ill-basics-2027 "_csrf=$tok&action=open" out.html)" = 303 &&
	test "$(curl -s -o /dev/null -w "%{http_code}" "$URL/f/event-feedback/ill-basics-2027")" = 200
'

test_expect 'feedback opening later is not live yet, and the dashboard says so' '
	tok=$(csrf e2.html) &&
	later=$(date -d "+3 days" +%Y-%m-%dT10:00) &&
	test "$(apost /admin/events "_csrf=$tok&form=event-feedback&key=later&title=Later+event&date=2027-03-01&opens=$later" out.html)" = 303 &&
	test "$(curl -s -o /dev/null -w "%{http_code}" "$URL/f/event-feedback/later")" = 410 &&
	test "$(aget /admin dash.html)" = 200 &&
	contains dash.html "Not open yet" &&
	contains dash.html "ILL basics 2027" &&
	contains dash.html "href=\"/admin/events/later\""
'

test_expect '-bad- unknown events and sub-pages are 404' '
	test "$(aget /admin/events/nope out.html)" = 404 &&
	test "$(aget /admin/events/later/nope out.html)" = 404 &&
	test "$(aget "/admin/events/..%2Fetc" out.html)" = 404
'

stop_server
test_done
