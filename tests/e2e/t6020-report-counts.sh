#!/bin/sh
# t6020-report-counts.sh - what the report counts: multi questions as a
# percentage of the respondents who answered them, the newest
# --max-comments comments over all events with the rest counted, blank
# answers left out; and a report killed with SIGTERM leaves no
# temporary files.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

q() { sqlite3 -batch -noheader "$SIGSURVEY_DB" "$@"; }
text() { pdftotext -q "$1" - | tr '\n' ' ' | tr -s ' '; }

test_expect 'setup: demo data with 4 events and 400 responses' '
	sigsurvey demo --events 4 --responses 400 --today 2026-11-01 >/dev/null
'

EV=$(q "SELECT e.key FROM event e JOIN response r ON r.event = e.id
	WHERE e.form = 'event-feedback'
	GROUP BY e.id ORDER BY count(*) DESC, e.key LIMIT 1")

# Respondents of event $EV who ticked a topic or wrote another one.
topic_respondents() {
	q "SELECT count(DISTINCT r.id) FROM response r JOIN event e
	   ON e.id = r.event JOIN answer a ON a.response = r.id
	   WHERE e.key = '$EV' AND r.spam = 0
	   AND (a.key = 'next_topics' OR a.key = 'next_topics_other')"
}

test_expect 'multi: percentages are of the respondents who answered it' '
	n=$(topic_respondents) &&
	all=$(q "SELECT count(*) FROM response r JOIN event e ON e.id = r.event
		 WHERE e.key = '\''$EV'\'' AND r.spam = 0") &&
	test "$n" -gt 0 && test "$n" -lt "$all" &&
	c=$(q "SELECT count(*) FROM answer a JOIN response r ON r.id = a.response
	       JOIN event e ON e.id = r.event WHERE e.key = '\''$EV'\''
	       AND r.spam = 0 AND a.key = '\''next_topics'\''
	       AND a.code = '\''copyright'\''") &&
	pct=$(awk -v c="$c" -v n="$n" "BEGIN { printf \"%.0f\", 100 * c / n }") &&
	sigsurvey report --form event-feedback --event "$EV" -o multi.pdf &&
	text multi.pdf >multi.txt &&
	contains multi.txt "Several answers allowed · $n of $all responses answered" &&
	contains multi.txt "Percentages are of the $n respondents who answered this question; they could choose several, so percentages add up to more than 100%." &&
	contains multi.txt "Copyright, licensing and e-resource lending $c $pct%"
'

test_expect 'multi: ticking several options still counts one respondent' '
	n=$(topic_respondents) &&
	r=$(q "SELECT r.id FROM response r JOIN event e ON e.id = r.event
	       WHERE e.key = '\''$EV'\'' AND r.spam = 0 AND NOT EXISTS
	       (SELECT 1 FROM answer a WHERE a.response = r.id
	        AND a.key LIKE '\''next_topics%'\'') LIMIT 1") &&
	test -n "$r" &&
	q "INSERT INTO answer (response, seq, key, code, event)
	   SELECT $r, 100 + rowid, '\''next_topics'\'', value,
	   (SELECT event FROM response WHERE id = $r)
	   FROM json_each('\''[\"copyright\",\"workflows\",\"systems\"]'\'')" &&
	sigsurvey report --form event-feedback --event "$EV" -o multi2.pdf &&
	text multi2.pdf >multi2.txt &&
	contains multi2.txt "Percentages are of the $((n + 1)) respondents"
'

# The newest $1 'worked' comments of event-feedback, one a line.
newest() {
	q "SELECT replace(a.text, char(10), ' ') FROM answer a
	   JOIN response r ON r.id = a.response
	   WHERE r.form = 'event-feedback' AND r.spam = 0 AND a.key = 'worked'
	   AND trim(a.text) <> '' ORDER BY r.submitted DESC, r.id DESC LIMIT $1"
}

test_expect '--max-comments keeps the newest over all events, counts the rest' '
	first=$(q "SELECT r.id FROM response r JOIN event e ON e.id = r.event
		   WHERE e.form = '\''event-feedback'\'' ORDER BY e.date LIMIT 1") &&
	# the newest comment of all, in the oldest event
	q "UPDATE response SET submitted = 1900000000 WHERE id = $first;
	   DELETE FROM answer WHERE response = $first AND key = '\''worked'\'';
	   INSERT INTO answer (response, seq, key, text, event)
	   SELECT $first, 200, '\''worked'\'', '\''Newest of all: the oldest event'\'',
	   event FROM response WHERE id = $first" &&
	total=$(q "SELECT count(*) FROM answer a JOIN response r
		   ON r.id = a.response WHERE r.form = '\''event-feedback'\''
		   AND r.spam = 0 AND a.key = '\''worked'\''") &&
	sigsurvey report --form event-feedback --max-comments 3 -o max.pdf &&
	text max.pdf >max.txt &&
	contains max.txt "$total comments, newest first" &&
	contains max.txt "$((total - 3)) older answers are not listed here" &&
	newest 3 >want && test "$(head -n 1 want)" = "Newest of all: the oldest event" &&
	while IFS= read -r c; do contains max.txt "$c" || exit 1; done <want &&
	newest 4 | tail -n 1 >fourth && ! contains max.txt "$(cat fourth)"
'

test_expect 'blank comments are left out and counted apart' '
	r=$(q "SELECT max(r.id) FROM response r JOIN event e ON e.id = r.event
	       WHERE e.form = '\''event-feedback'\''") &&
	q "UPDATE response SET submitted = 1950000000 WHERE id = $r;
	   DELETE FROM answer WHERE response = $r AND key = '\''worked'\'';
	   INSERT INTO answer (response, seq, key, text, event)
	   SELECT $r, 201, '\''worked'\'', '\''  '\'' || char(9, 10) || '\'' '\'',
	   event FROM response WHERE id = $r" &&
	total=$(q "SELECT count(*) FROM answer a JOIN response r
		   ON r.id = a.response WHERE r.form = '\''event-feedback'\''
		   AND r.spam = 0 AND a.key = '\''worked'\''
		   AND trim(a.text, '\'' '\'' || char(9, 10)) <> '\'''\''") &&
	sigsurvey report --form event-feedback --max-comments 3 -o blank.pdf &&
	text blank.pdf >blank.txt &&
	contains blank.txt "$total comments, newest first (1 blank answer left out)" &&
	contains blank.txt "Newest of all: the oldest event"
'

# Page $2 of PDF $1 as one line of text.
page() { pdftotext -q -f "$2" -l "$2" "$1" - | tr '\n' ' ' | tr -s ' '; }

test_expect 'a standing form: key figures on the cover, key findings after it' '
	sigsurvey report --form member-survey -o members.pdf &&
	page members.pdf 1 >p1 &&
	contains p1 "Responses" && contains p1 "First response" &&
	page members.pdf 2 >p1 &&
	contains p1 "Key findings" && contains p1 "Responses over time" &&
	contains p1 "What kind of library do you work in?" &&
	top=$(q "SELECT count(*) FROM answer a JOIN response r ON r.id = a.response
		 WHERE r.spam = 0 AND r.form = '\''member-survey'\'' AND a.key = '\''library_type'\''
		 AND a.code = '\''special'\''") &&
	n=$(q "SELECT count(*) FROM answer a JOIN response r ON r.id = a.response
	       WHERE r.spam = 0 AND r.form = '\''member-survey'\''
		 AND a.key LIKE '\''library_type%'\''") &&
	pct=$(awk -v c="$top" -v n="$n" "BEGIN { printf \"%.0f\", 100 * c / n }") &&
	contains p1 "Special or corporate $pct%" &&
	pdftotext -q members.pdf - | grep -q "^Answers"
'

test_expect 'one event: key figures on the cover, key findings after it' '
	sigsurvey report --form event-feedback --event "$EV" -o one.pdf &&
	page one.pdf 1 >p1 &&
	contains p1 "Key figures" &&
	contains p1 "Overall, how useful was this event for your work?" &&
	page one.pdf 2 >p2 && contains p2 "Key findings" &&
	contains p2 "Responses over time"
'

# A stand-in for gnuplot that notes its pid in $WORK/hung and hangs at
# the first chart.
hanging_gnuplot() {
	cat >fake-hang <<-EOF
	#!/bin/sh
	while IFS= read -r line; do
		case "\$line" in
		"print sprintf('SIGSURVEY-CHART "*)
			echo \$\$ >"$WORK/hung.tmp" && mv "$WORK/hung.tmp" "$WORK/hung"
			exec sleep 30 ;;
		esac
	done
	EOF
	chmod +x fake-hang
}

# Waits up to 20 s for file $1.
wait_for() {
	i=0
	while ! test -s "$1"; do
		i=$((i + 1)) && test $i -lt 200 || return 1
		sleep 0.1
	done
}

test_expect '-bad- SIGTERM: gnuplot killed, temporary directory removed, exit 1' '
	hanging_gnuplot && mkdir tmp &&
	TMPDIR=$WORK/tmp SIGSURVEY_GNUPLOT=$WORK/fake-hang sigsurvey report \
		--form event-feedback --timeout 600 -o term.pdf 2>err &
	pid=$! &&
	wait_for hung &&
	ls tmp | grep -q "^sigsurvey-chart\." &&
	kill -TERM $pid &&
	{ wait $pid; status=$?; } ;
	test "$status" = 1 &&
	contains err "stopped by signal 15; no report written" &&
	test -z "$(ls -A tmp)" &&
	! kill -0 "$(cat hung)" 2>/dev/null &&
	! test -e term.pdf
'

test_done
