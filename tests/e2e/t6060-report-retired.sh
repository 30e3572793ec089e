#!/bin/sh
# t6060-report-retired.sh - answers to what a form no longer asks: after
# an edit drops a choice option, a multi option and a likert item that
# have answers, the report and the export count them under the label
# they were given with, marked retired, and check --against-db says how
# many stored answers each removal affects.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

. "$TOP/tests/e2e/lib-collector.sh"
. "$TOP/tests/e2e/lib-admin.sh"
q() { sqlite3 -batch -noheader "$SIGSURVEY_DB" "$@"; }
text() { pdftotext -q "$1" - | tr '\n' ' ' | tr -s ' '; }

test_expect 'setup: responses to the form as it was, then an edit' '
	sigsurvey demo --events 2 --responses 200 --today 2026-11-01 >/dev/null &&
	test "$(q "SELECT count(*) FROM form_version WHERE form = '\''event-feedback'\''")" -ge 1 &&
	mkdir edited && cp "$SIGSURVEY_FORMS"/*.yaml edited/ &&
	sed -i -e "/      hybrid: /d" -e "/      systems: /d" -e "/      pace: /d" \
		edited/event-feedback.yaml &&
	! grep -q "hybrid:" edited/event-feedback.yaml &&
	test "$(q "SELECT count(*) FROM answer WHERE key = '\''format'\'' AND code = '\''hybrid'\''")" -gt 0
'

H=$(q "SELECT count(*) FROM answer a JOIN response r ON r.id = a.response
	WHERE r.spam = 0 AND a.key = 'format' AND a.code = 'hybrid'")
S=$(q "SELECT count(*) FROM answer a JOIN response r ON r.id = a.response
	WHERE r.spam = 0 AND a.key = 'next_topics' AND a.code = 'systems'")
P=$(q "SELECT count(*) FROM answer a JOIN response r ON r.id = a.response
	WHERE r.spam = 0 AND a.key = 'pace'")

test_expect 'check --against-db says how many stored answers each removal affects' '
	sigsurvey --forms edited check --against-db >out 2>err &&
	contains err "option '\''hybrid'\'' of question '\''format'\'' was dropped; answers recorded with it are reported as retired ($H stored answers)" &&
	contains err "option '\''systems'\'' of question '\''next_topics'\'' was dropped; answers recorded with it are reported as retired ($S stored answers)" &&
	contains err "likert item '\''pace'\'' of question '\''statements'\'' was removed; its recorded answers are reported as retired ($P stored answers)"
'

test_expect 'the report counts them under their old labels, marked retired' '
	sigsurvey --forms edited report --form event-feedback -o r.pdf 2>/dev/null &&
	text r.pdf >r.txt &&
	contains r.txt "Hybrid (in person with online participation) (retired)" &&
	contains r.txt "ILL systems and automation (retired)" &&
	contains r.txt "(retired)" &&
	sigsurvey report --form event-feedback -o before.pdf 2>/dev/null &&
	text before.pdf >before.txt && lacks before.txt "(retired)"
'

test_expect 'the export keeps their columns and labels' '
	sigsurvey --forms edited export --form event-feedback --labels >x.csv &&
	head -n 1 x.csv | grep -q ",next_topics.systems," &&
	head -n 1 x.csv | grep -q ",pace," &&
	test "$(grep -c "Hybrid (in person with online participation) (retired)" x.csv)" = "$H" &&
	sigsurvey --forms edited export --form event-feedback --excel >xl.csv &&
	head -n 1 xl.csv | grep -q "ILL systems and automation (retired) (next_topics.systems)"
'

add_user chair admin chair-password || echo "Bail out! no user"
SIGSURVEY_FORMS=$WORK/edited start_admin_server

test_expect 'the committee area summary counts them too' '
	test "$(login chair chair-password "$WORK/jar")" = 303 &&
	test "$(aget /admin/forms/event-feedback sum.html)" = 200 &&
	contains sum.html "Hybrid (in person with online participation) (retired)" &&
	contains sum.html "The pace was right for me. (retired)"
'

test_done
