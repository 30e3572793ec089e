#!/bin/sh
# t7300-admin-downloads.sh - /admin/report and /admin/export run
# `sigsurvey report` / `sigsurvey export` as a child process with the
# query's filters, and give the same files as the command line (signed
# in as a viewer: the command line's --no-contact, see t7260); the
# options pages; an unknown event is refused with the options page (a
# failing child: t7310) and the collector keeps serving.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"
. "$TOP/tests/e2e/lib-admin.sh"

SOURCE_DATE_EPOCH=1795000000
export SOURCE_DATE_EPOCH
add_user chair admin 'chair-password' &&
add_user reader viewer 'reader-password' &&
sigsurvey demo --events 4 --responses 240 --today 2026-11-01 >/dev/null ||
	echo "Bail out! setup failed"
start_admin_server --min-fill-seconds 0
EV=$(q "SELECT key FROM event ORDER BY date DESC LIMIT 1")
EV2=$(q "SELECT key FROM event ORDER BY date LIMIT 1")

test_expect 'the report page without a form offers the options' '
	test "$(login reader reader-password "$WORK/jar")" = 303 &&
	test "$(aget /admin/report opts.html)" = 200 &&
	contains opts.html "Download a PDF report" &&
	contains opts.html "<select class=\"input\" id=\"form\" name=\"form\">" &&
	contains opts.html "name=\"paper\"" &&
	test "$(aget /admin/export opts2.html)" = 200 &&
	contains opts2.html "name=\"format\""
'

test_expect 'the downloaded PDF for one event is the command line report' '
	curl -s -D h.txt -o web.pdf -b "$WORK/jar" "$URL/admin/report?form=event-feedback&event=$EV" &&
	grep -q "^HTTP/1.1 200" h.txt &&
	grep -qi "^Content-Type: application/pdf" h.txt &&
	grep -qi "^Content-Disposition: attachment; filename=\"report-event-feedback-$EV.pdf\"" h.txt &&
	grep -qi "^Cache-Control: no-store" h.txt &&
	sigsurvey report --form event-feedback --event "$EV" -o cli.pdf 2>/dev/null &&
	pdftotext web.pdf web.txt && pdftotext cli.pdf cli.txt &&
	test -s web.txt &&
	cmp web.txt cli.txt &&
	test "$(pdfinfo web.pdf | grep ^Pages)" = "$(pdfinfo cli.pdf | grep ^Pages)" &&
	cmp web.pdf cli.pdf
'

test_expect 'the same for a date range with a title and letter paper' '
	aget "/admin/report?form=event-feedback&from=2025-01-01&to=2026-12-31&title=Year+in+review&paper=letter" web2.pdf >/dev/null &&
	sigsurvey report --form event-feedback --from 2025-01-01 --to 2026-12-31 --title "Year in review" --paper letter -o cli2.pdf 2>/dev/null &&
	cmp web2.pdf cli2.pdf &&
	pdfinfo web2.pdf | grep -q "^Title: *Year in review"
'

test_expect 'the downloaded CSV and JSON Lines are the command line export' '
	curl -s -D h2.txt -o web.csv -b "$WORK/jar" "$URL/admin/export?form=event-feedback&event=$EV&event=$EV2&codes=1" &&
	grep -qi "^Content-Type: text/csv; charset=utf-8" h2.txt &&
	grep -qi "^Content-Disposition: attachment; filename=\"export-event-feedback-" h2.txt &&
	sigsurvey export --form event-feedback --no-contact --event "$EV" --event "$EV2" >cli.csv &&
	test "$(wc -l <cli.csv)" -gt 10 &&
	cmp web.csv cli.csv &&
	aget "/admin/export?form=event-feedback&format=jsonl&codes=1&labels=1&from=2026-01-01" web.jsonl >/dev/null &&
	sigsurvey export --form event-feedback --no-contact --format jsonl --labels --from 2026-01-01 >cli.jsonl &&
	cmp web.jsonl cli.jsonl &&
	aget "/admin/export?form=training-ideas&codes=1&excel=1" web3.csv >/dev/null &&
	sigsurvey export --form training-ideas --no-contact --excel >cli3.csv &&
	cmp web3.csv cli3.csv
'

test_expect 'the export links give a file for Excel: BOM, labels, question headings' '
	aget /admin ds.html >/dev/null &&
	contains ds.html "href=\"/admin/export?form=event-feedback&amp;event=$EV\"" &&
	contains ds.html "href=\"/admin/export?options=1&amp;form=event-feedback" &&
	aget "/admin/export?form=event-feedback&event=$EV" xl.csv >/dev/null &&
	test "$(head -c 3 xl.csv | od -An -tx1 | tr -d " ")" = efbbbf &&
	head -n 1 xl.csv | grep -q "Submitted (local time)" &&
	head -n 1 xl.csv | grep -q "Overall, how useful was this event for your work? (overall)" &&
	! grep -q ",sa," xl.csv && grep -q "Strongly agree" xl.csv &&
	sed -n 2p xl.csv | grep -Eq ",20[0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]," &&
	sigsurvey export --form event-feedback --no-contact --event "$EV" --labels --excel >clixl.csv &&
	cmp xl.csv clixl.csv &&
	aget "/admin/export?options=1&form=event-feedback&event=$EV" o.html >/dev/null &&
	contains o.html "name=\"codes\"" && contains o.html "value=\"$EV\"" &&
	aget "/admin/export?form=event-feedback&event=$EV&codes=1" codes.csv >/dev/null &&
	head -n 1 codes.csv | grep -q "^response,event,event_title"
'

test_expect 'spam is left out of the downloads as on the command line' '
	aget "/admin/export?form=event-feedback&event=$EV&codes=1" before.csv >/dev/null &&
	id=$(q "SELECT min(r.id) FROM response r JOIN event e ON e.id = r.event WHERE e.key = '\''$EV'\''") &&
	grep -q "^$id," before.csv &&
	q "UPDATE response SET spam = 1 WHERE id = $id" &&
	aget "/admin/export?form=event-feedback&event=$EV&codes=1" web4.csv >/dev/null &&
	! grep -q "^$id," web4.csv &&
	test "$(wc -l <web4.csv)" = "$(($(wc -l <before.csv) - 1))" &&
	sigsurvey export --form event-feedback --no-contact --event "$EV" >cli4.csv &&
	cmp web4.csv cli4.csv
'

# (a report whose child fails: t7310-admin-download-bad.sh)
test_expect '-bad- an unknown event is refused before anything runs, and the server goes on' '
	test "$(aget "/admin/report?form=event-feedback&event=no-such-event" bad.html)" = 400 &&
	contains bad.html "there is no event &#39;no-such-event&#39;" &&
	test "$(aget /admin ok.html)" = 200 &&
	test "$(curl -s -o /dev/null -w "%{http_code}" "$URL/health")" = 200
'

test_expect '-bad- bad options are refused before anything runs' '
	test "$(aget "/admin/report?form=nope" b1.html)" = 400 &&
	contains b1.html "Check the options" &&
	test "$(aget "/admin/report?form=event-feedback&from=yesterday" b2.html)" = 400 &&
	test "$(aget "/admin/report?form=event-feedback&event=--db" b3.html)" = 400 &&
	test "$(aget "/admin/report?form=event-feedback&title=--output%3D%2Ftmp%2Fx" b4.html)" = 400 &&
	test "$(aget "/admin/export?form=event-feedback&format=xml" b5.html)" = 400 &&
	test ! -e /tmp/x.pdf
'

stop_server
test_done
