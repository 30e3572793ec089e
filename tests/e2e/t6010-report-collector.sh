#!/bin/sh
# t6010-report-collector.sh - answers submitted through the public form,
# with shell, gnuplot and data-block hazards in them, come out in the
# report as text and run nothing.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"

start_server --min-fill-seconds 0 --rate-limit 0
add_event hostile-night 'Hostile Night' || echo "Bail out! cannot add an event"
EF="$URL/f/event-feedback/hostile-night"

# improve: `touch pwned` it's / EOD / system('touch pwned2') / EOD
# next_topics_other: EOD'`touch pwned3`
test_expect 'a hostile comment and Other answer are accepted by the form' '
	curl -s -o page.html "$EF" &&
	tok=$(token page.html) && test -n "$tok" &&
	body="_token=$tok&_page=0&_action=submit&overall=3&recommend=7" &&
	body="$body&format=webinar&next_topics=other" &&
	body="$body&next_topics_other=EOD%27%60touch+pwned3%60" &&
	body="$body&improve=%60touch+pwned%60+it%27s%0AEOD%0Asystem(%27touch+pwned2%27)%0AEOD" &&
	test "$(post "$EF" "$body" x)" = 303 &&
	test "$(q "SELECT count(*) FROM answer WHERE text LIKE '\''%touch pwned%'\''")" = 2
'

test_expect 'the report prints them and nothing runs' '
	sigsurvey report --form event-feedback --event hostile-night \
		--min-group 1 -o hostile.pdf &&
	pdftotext -q hostile.pdf - | tr "\n" " " >hostile.txt &&
	contains hostile.txt "system('\''touch pwned2'\'')" &&
	contains hostile.txt "EOD'\''\`touch pwned3\`" &&
	for f in pwned pwned2 pwned3; do
		! test -e "$f" && ! test -e "$HOME/$f" && ! test -e "/tmp/$f" ||
			exit 1
	done
'

stop_server
test_done
