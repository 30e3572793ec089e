#!/bin/sh
# t5910-html-valid.sh - every public page, the error states included, is
# valid HTML by the Nu HTML checker (vnu-jar from npm, run with Java).
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"

VNU="$TOP/node_modules/vnu-jar/build/dist/vnu.jar"
if [ ! -f "$VNU" ] || ! command -v java >/dev/null 2>&1; then
	echo "Bail out! vnu-jar or java missing: run make deps"
	exit 1
fi

start_server --min-fill-seconds 0
now=$(date +%s)
add_event open-now 'Copyright basics' &&
add_event closed 'Lending workflows' NULL $((now - 86400)) 2025-01-10 ||
	echo "Bail out! cannot add events"

test_expect 'the pages a respondent can meet are saved' '
	mkdir pages &&
	curl -s -o pages/home.html "$URL/" &&
	curl -s -o pages/form.html "$URL/f/event-feedback/open-now?format=webinar" &&
	curl -s -o pages/which.html "$URL/f/event-feedback" &&
	curl -s -o pages/closed.html "$URL/f/event-feedback/closed" &&
	curl -s -o pages/404.html "$URL/nothing" &&
	curl -s -o pages/thanks.html "$URL/f/event-feedback/open-now/thanks" &&
	curl -s -o pages/survey.html "$URL/f/member-survey" &&
	t=$(token pages/form.html) &&
	test "$(post "$URL/f/event-feedback/open-now" "_token=$t&recommend=12&wants_reply=yes&email=x&worked=%3Cb%3E%FF%00" pages/error.html)" = 422 &&
	curl -s -o s.html "$URL/f/member-survey" && t=$(token s.html) &&
	test "$(post "$URL/f/member-survey" "_token=$t&_page=0&_action=next&library_type=public" pages/survey-2.html)" = 200 &&
	test "$(post "$URL/f/member-survey" "_token=bad&library_type=public" pages/bad-token.html)" = 400 &&
	test "$(post "$URL/f/member-survey" "_token=$t&library_type=public&years=$(head -c 70000 /dev/zero | tr "\0" 1)" pages/413.html)" = 413 &&
	curl -s -o s.html "$URL/f/event-feedback/open-now" && t=$(token s.html) &&
	test "$(post "$URL/f/event-feedback/open-now" "_token=$t&overall=4&relevant=a&clear=sa&pace=n&materials=a&recommend=9&wants_reply=no" pages/303.html)" = 303 &&
	contains pages/303.html "href=\"/f/event-feedback/open-now/thanks\">Continue</a>"
'

test_expect 'the Nu HTML checker finds no errors' '
	java -Xss1m -jar "$VNU" --errors-only --format gnu pages/*.html >vnu.out 2>&1 ||
		{ cat vnu.out; exit 1; }
'

stop_server
test_done
