#!/bin/sh
# t5000-serve-pages.sh - `sigsurvey serve`: every public page answers with
# the right status and content, security headers on every route, static
# files cached, keep-alive kept, one access-log line per request.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"

start_server --min-fill-seconds 0
now=$(date +%s)
add_event open-now 'Copyright basics & you' &&
add_event closed 'Lending workflows webinar' NULL $((now - 86400)) 2025-01-10 &&
add_event future 'Systems meet-up' $((now + 7 * 86400)) NULL 2099-03-03 ||
	echo "Bail out! cannot add events"

# get PATH OUT: saves the page, prints the status
get() { curl -s -o "$2" -w '%{http_code}' "$URL$1"; }

test_expect 'serve prints where it listens and writes the port file' '
	contains "$WORK/serve.out" "sigsurvey: listening on http://127.0.0.1:$PORT/"
'

test_expect 'serve --help describes the options' '
	sigsurvey serve --help >out &&
	contains out "--listen ADDR:PORT" &&
	contains out "--min-fill-seconds" &&
	contains out "--rate-limit"
'

test_expect '-bad- serve refuses a bad option value' '
	expect_status 2 sigsurvey serve --rate-limit lots 2>err &&
	contains err "--rate-limit needs a whole number"
'

test_expect 'home lists the open event and the standing forms only' '
	test "$(get / home.html)" = 200 &&
	contains home.html "<html lang=\"en\">" &&
	contains home.html "name=\"viewport\"" &&
	contains home.html "<title>Feedback and surveys" &&
	contains home.html "href=\"/f/event-feedback/open-now\"" &&
	contains home.html "Copyright basics &amp; you" &&
	contains home.html "href=\"/f/member-survey\"" &&
	contains home.html "href=\"/f/training-ideas\"" &&
	lacks home.html "/f/event-feedback/closed" &&
	lacks home.html "/f/event-feedback/future"
'

test_expect 'an event form shows the event, its questions and a token' '
	test "$(get /f/event-feedback/open-now ef.html)" = 200 &&
	contains ef.html "<title>How was the event? – Copyright basics &amp; you" &&
	contains ef.html "$(date +%Y)" &&
	contains ef.html "Central Library, Room 2" &&
	contains ef.html "<legend>Overall, how useful was this event for your work? <span class=\"req\">(required)</span></legend>" &&
	contains ef.html "<fieldset class=\"likert-item\"" &&
	lacks ef.html "<table" &&
	contains ef.html "name=\"_token\" value=\"" &&
	contains ef.html "Answer only if you answered “Yes” to “Would you like someone from the committee to contact you?”" &&
	contains ef.html "data-show-if=\"wants_reply = yes\"" &&
	contains ef.html "for=\"f-email\""
'

test_expect 'every input has a label and hints are tied to their fields' '
	for id in $(sed -n "s/.*<input[^>]* id=\"\(f-[^\"]*\)\".*/\1/p" ef.html | sort -u) \
		  $(grep -o "<input[^>]*>" ef.html | sed -n "s/.* id=\"\(f-[^\"]*\)\".*/\1/p"); do
		grep -q "<label[^>]* for=\"$id\"" ef.html || { echo "no label for $id"; exit 1; }
	done &&
	contains ef.html "aria-describedby=\"h-next_topics\"" &&
	contains ef.html "id=\"h-next_topics\"" &&
	lacks ef.html "<script>" &&
	lacks ef.html " style=" &&
	lacks ef.html " onclick="
'

test_expect 'the honeypot is hidden from people and screen readers' '
	grep -o "<div class=\"hp\"[^>]*><label[^>]*>[^<]*</label><input[^>]*>" ef.html >hp &&
	contains hp "aria-hidden=\"true\"" &&
	contains hp "tabindex=\"-1\"" &&
	contains hp "autocomplete=\"off\""
'

test_expect 'a query string pre-fills answers by key' '
	test "$(get "/f/event-feedback/open-now?format=webinar&next_topics=systems&next_topics=statistics&improve=More%20%3Cbreaks%3E" pre.html)" = 200 &&
	grep -q "value=\"webinar\" checked" pre.html &&
	grep -q "value=\"systems\" checked" pre.html &&
	grep -q "value=\"statistics\" checked" pre.html &&
	contains pre.html ">More &lt;breaks&gt;</textarea>"
'

test_expect 'a multi-page form says which page the respondent is on' '
	test "$(get /f/member-survey ms.html)" = 200 &&
	contains ms.html "Page 1 of 2" &&
	contains ms.html ">Continue</button>" &&
	lacks ms.html ">Back</button>"
'

test_expect 'a standing form with one page ends in a send button' '
	test "$(get /f/training-ideas ti.html)" = 200 &&
	contains ti.html "Suggest a training topic"
'

test_expect 'a per-event form without its event lists the open events (404)' '
	test "$(get /f/event-feedback which.html)" = 404 &&
	contains which.html "Which event was it?" &&
	contains which.html "href=\"/f/event-feedback/open-now\"" &&
	lacks which.html "/f/event-feedback/closed\""
'

test_expect 'a closed event says when it closed (410)' '
	test "$(get /f/event-feedback/closed closed.html)" = 410 &&
	contains closed.html "Feedback has closed" &&
	contains closed.html "Lending workflows webinar" &&
	contains closed.html "closed on" &&
	lacks closed.html "name=\"_token\""
'

test_expect 'an event not yet open says when it opens (410)' '
	test "$(get /f/event-feedback/future future.html)" = 410 &&
	contains future.html "Feedback is not open yet" &&
	contains future.html "Feedback opens on "
'

test_expect 'unknown forms, events and pages are a friendly 404' '
	test "$(get /f/no-such-form nf.html)" = 404 &&
	contains nf.html "Page not found" &&
	contains nf.html "See all open feedback forms" &&
	test "$(get /f/event-feedback/no-such-event ne.html)" = 404 &&
	test "$(get /f/training-ideas/extra x.html)" = 404 &&
	test "$(get /nothing/here x.html)" = 404 &&
	test "$(get /f/event-feedback/open-now/thanks/more x.html)" = 404
'

test_expect '-bad- a database error is 503 "try again", never "not found"' '
	q "ALTER TABLE event RENAME TO event_x" &&
	ev=$(curl -s -o dberr.html -D dberr.h -w "%{http_code}" \
		"$URL/f/event-feedback/open-now")
	which=$(get /f/event-feedback dberr2.html)
	q "ALTER TABLE event_x RENAME TO event" &&
	test "$ev" = 503 &&
	grep -qi "^Retry-After: 30" dberr.h &&
	contains dberr.html "Please try again in a few minutes" &&
	lacks dberr.html "Page not found" &&
	test "$which" = 503 &&
	lacks dberr2.html "No events are collecting feedback" &&
	test "$(get /f/event-feedback/open-now back.html)" = 200
'

test_expect 'thank-you pages show the form text and the other forms' '
	test "$(get /f/event-feedback/open-now/thanks ty.html)" = 200 &&
	contains ty.html "<title>Your answers have been sent – " &&
	tr -d "\n" <ty.html >ty1.html &&
	contains ty1.html "<div class=\"panel\" role=\"status\"><h1>Your answers have been sent</h1></div><p class=\"lead\">Thank you! The committee reads every answer" &&
	test "$(grep -c "Thank you" ty.html)" = 1 &&
	contains ty.html "href=\"/f/member-survey\"" &&
	test "$(get /f/training-ideas/thanks ty2.html)" = 200 &&
	contains ty2.html "The committee reviews ideas" &&
	lacks ty2.html "href=\"/f/training-ideas\""
'

test_expect 'other methods get 405 with Allow' '
	curl -s -o x.html -D h -X DELETE "$URL/f/training-ideas" &&
	grep -qi "^HTTP/1.1 405" h &&
	grep -qi "^Allow: GET, HEAD, POST" h &&
	curl -s -o x.html -D h2 -X PUT "$URL/" &&
	grep -qi "^Allow: GET, HEAD" h2
'

test_expect 'the stylesheet is cached and revalidated by ETag' '
	css=$(sed -n "s/.*<link rel=\"stylesheet\" href=\"\([^\"]*\)\".*/\1/p" home.html) &&
	curl -s -D h -o style.css "$URL$css" &&
	grep -qi "^HTTP/1.1 200" h &&
	grep -qi "^Content-Type: text/css; charset=utf-8" h &&
	grep -qi "^Cache-Control: public, max-age=31536000, immutable" h &&
	etag=$(sed -n "s/^[Ee][Tt]ag: *\([^[:space:]]*\).*/\1/p" h) &&
	test -n "$etag" &&
	contains style.css ":focus-visible" &&
	curl -s -D h2 -o /dev/null -H "If-None-Match: $etag" "$URL/static/style.css" &&
	grep -qi "^HTTP/1.1 304" h2 &&
	test "$(get /static/nope.css x)" = 404
'

test_expect 'the show_if script is a file, not inline' '
	test "$(get /static/show-if.js js)" = 200 &&
	contains js "data-show-if" &&
	contains ef.html "<script defer src=\"/static/show-if.js?v="
'

test_expect 'health reports ok with the database reachable' '
	test "$(get /health health)" = 200 &&
	test "$(cat health)" = ok &&
	for m in POST PUT DELETE TRACE FOO; do
		test "$(curl -s -o /dev/null -w "%{http_code}" -X $m "$URL/health")" = 405 || return 1
	done
'

test_expect 'security headers are on every route, errors and static included' '
	for path in / /f/event-feedback/open-now /f/event-feedback /f/event-feedback/closed \
		    /f/member-survey /f/training-ideas/thanks /nope /static/style.css \
		    /static/show-if.js /health; do
		curl -s -o /dev/null -D h "$URL$path" &&
		grep -qi "^Content-Security-Policy: default-src '\''self'\''; object-src '\''none'\''; base-uri '\''none'\''; frame-ancestors '\''none'\''" h &&
		grep -qi "^X-Content-Type-Options: nosniff" h &&
		grep -qi "^Referrer-Policy: same-origin" h &&
		grep -qi "^Content-Type: [a-z/]*; charset=utf-8" h || { echo "missing on $path:"; cat h; exit 1; }
	done &&
	curl -s -o /dev/null -D h -X POST -H "Content-Type: text/plain" --data x "$URL/f/training-ideas" &&
	grep -qi "^X-Content-Type-Options: nosniff" h
'

test_expect 'HEAD answers like GET without a body' '
	curl -s -I "$URL/f/training-ideas" >h &&
	grep -qi "^HTTP/1.1 200" h &&
	grep -qi "^Content-Type: text/html; charset=utf-8" h &&
	! grep -q "<html" h
'

test_expect 'keep-alive: curl reuses one connection for two requests' '
	curl -sv -o /dev/null -o /dev/null "$URL/" "$URL/f/training-ideas" 2>v &&
	grep -q "Re-using existing connection" v &&
	test "$(grep -c "Connected to" v)" = 1
'

test_expect 'one access-log line per request, without the client address' '
	curl -s -o /dev/null "$URL/f/training-ideas?secret=1" &&
	log_wait "^access: GET /f/training-ideas 200" &&
	grep "^access: GET /f/training-ideas 200 [0-9]* [0-9]*us$" "$WORK/serve.err" >log &&
	lacks log "secret" &&
	lacks "$WORK/serve.err" "127.0.0.1"
'

stop_server
test_done
