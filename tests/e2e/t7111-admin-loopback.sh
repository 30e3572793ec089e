#!/bin/sh
# t7111-admin-loopback.sh - an event whose public address is a loopback
# one (127.0.0.1, localhost) cannot be opened from a phone: its page and
# its handout say so instead of showing a QR code; a --base-url that
# phones can reach brings the code back.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"
. "$TOP/tests/e2e/lib-admin.sh"

add_user chair admin 'chair-password' || echo "Bail out! cannot add a user"
sigsurvey event add --form event-feedback --key loop-2027 --title "Loop" \
	--date 2027-03-01 >/dev/null || echo "Bail out! event add failed"
start_admin_server

test_expect '-bad- on 127.0.0.1 the event page warns instead of a QR code' '
	test "$(login chair chair-password "$WORK/jar")" = 303 &&
	test "$(aget /admin/events/loop-2027 e.html)" = 200 &&
	contains e.html "href=\"$URL/f/event-feedback/loop-2027\"" &&
	contains e.html "No QR code: this address works only on the computer running sigsurvey" &&
	contains e.html "--base-url" &&
	lacks e.html "<svg class=\"qr\"" &&
	lacks e.html "qr.png"
'

test_expect '-bad- on localhost the handout warns instead of a QR code' '
	curl -s -o h.pdf --connect-to "localhost:$PORT:127.0.0.1:$PORT" \
		-H "Cookie: $(grep -o "sigsurvey_admin.*" "$WORK/jar" | tr "\t" =)" \
		"http://localhost:$PORT/admin/events/loop-2027/handout.pdf" &&
	pdfinfo h.pdf | grep -q "^Pages: *1$" &&
	pdftotext h.pdf - | tr -s " \n" "  " >text &&
	contains text "No QR code: this address works only on the computer running sigsurvey" &&
	contains text "http://localhost:$PORT/f/event-feedback/loop-2027" &&
	test "$(pdfimages -list h.pdf | tail -n +3 | wc -l)" = 0
'
stop_server

start_admin_server --base-url http://192.0.2.10:8080
test_expect 'with a --base-url phones can reach, the page shows the code' '
	test "$(aget /admin/events/loop-2027 e2.html)" = 200 &&
	contains e2.html "<svg class=\"qr\"" &&
	contains e2.html "aria-label=\"QR code for http://192.0.2.10:8080/f/event-feedback/loop-2027\"" &&
	lacks e2.html "No QR code" &&
	contains e2.html "/admin/events/loop-2027/qr.png"
'
stop_server
test_done
