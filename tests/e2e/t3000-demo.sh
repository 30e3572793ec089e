#!/bin/sh
# t3000-demo.sh - `sigsurvey demo` fills a consistent, realistic and
# reproducible database.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

q() { sqlite3 -batch -noheader "$@"; }

# Everything the responses hold, in a stable order, without row ids.
dump() {
	q "$1" "SELECT r.token, r.form, e.key, r.submitted, a.seq, a.key,
		       a.code, a.num, a.text
		FROM response r LEFT JOIN event e ON e.id = r.event
		JOIN answer a ON a.response = r.id ORDER BY r.token, a.seq;
		SELECT key, form, title, date, location, format, presenter,
		       attendees, series, opens, closes FROM event ORDER BY key"
}

test_expect 'demo seeds 12 events and 2000 responses and says so' '
	sigsurvey demo --events 12 --responses 2000 --today 2026-11-20 >out &&
	contains out "12 events, 2000 event-feedback" &&
	contains out "200 member-survey" &&
	contains out "200 training-ideas"
'

test_expect 'the database is consistent' '
	test "$(q test.db "PRAGMA integrity_check")" = ok &&
	test -z "$(q test.db "PRAGMA foreign_key_check")"
'

test_expect 'responses and events are counted as asked' '
	test "$(q test.db "SELECT count(*) FROM event
		WHERE form = '\''event-feedback'\''")" = 12 &&
	test "$(q test.db "SELECT count(*) FROM response
		WHERE form = '\''event-feedback'\'' AND event IS NOT NULL")" = 2000 &&
	test "$(q test.db "SELECT count(*) FROM response
		WHERE form = '\''member-survey'\'' AND event IS NULL")" = 200 &&
	test "$(q test.db "SELECT count(*) FROM response
		WHERE form = '\''training-ideas'\''")" = 200
'

test_expect 'every event gets responses, unevenly' '
	q test.db "SELECT count(*) FROM response WHERE event IS NOT NULL
		GROUP BY event" >per-event &&
	test "$(wc -l <per-event)" = 12 &&
	test "$(sort -n per-event | head -n 1)" -lt "$(sort -n per-event | tail -n 1)"
'

test_expect 'response rates are plausible: between 35% and 100% of attendees' '
	q test.db "SELECT count(*) FROM event e WHERE e.attendees IS NULL OR
		(SELECT count(*) FROM response r WHERE r.event = e.id) > e.attendees OR
		(SELECT count(*) FROM response r WHERE r.event = e.id) < 0.3 * e.attendees" >bad &&
	test "$(cat bad)" = 0
'

test_expect 'answers of every question type are stored with the right kind' '
	for kq in "overall num" "recommend num" "years num" \
		  "relevant code" "format code" "next_topics code" \
		  "wants_reply code" "library_size code" \
		  "worked text" "topic text" "email text" "last_attended text"
	do
		set -- $kq
		n=$(q test.db "SELECT count(*) FROM answer
			WHERE key = '\''$1'\'' AND $2 IS NOT NULL") &&
		test "$n" -gt 0 || fail "no $2 answers for $1" || return 1
	done &&
	test "$(q test.db "SELECT count(*) FROM answer
		WHERE key = '\''last_attended'\''
		  AND text NOT GLOB '\''[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'\''")" = 0
'

test_expect 'scores stay in range and optional questions are sometimes skipped' '
	test "$(q test.db "SELECT count(*) FROM answer WHERE
		(key = '\''overall'\'' AND (num < 1 OR num > 5 OR num != round(num)))
		OR (key = '\''recommend'\'' AND (num < 0 OR num > 10))")" = 0 &&
	skipped=$(q test.db "SELECT count(*) FROM response r WHERE r.form =
		'\''event-feedback'\'' AND NOT EXISTS (SELECT 1 FROM answer a
		WHERE a.response = r.id AND a.key = '\''recommend'\'')") &&
	test "$skipped" -gt 100 && test "$skipped" -lt 800
'

test_expect 'several topics are ticked in one response' '
	test "$(q test.db "SELECT count(*) FROM (SELECT response FROM answer
		WHERE key = '\''next_topics'\'' GROUP BY response
		HAVING count(*) > 1)")" -gt 100
'

test_expect 'an email is only there when the respondent asked for a reply' '
	test "$(q test.db "SELECT count(*) FROM answer a
		JOIN response r ON r.id = a.response
		WHERE r.form = '\''event-feedback'\'' AND a.key = '\''email'\''
		AND NOT EXISTS (SELECT 1 FROM answer y WHERE y.response = a.response
			AND y.key = '\''wants_reply'\'' AND y.code = '\''yes'\'')")" = 0 &&
	test "$(q test.db "SELECT count(*) FROM answer
		WHERE key = '\''email'\''")" -gt 0
'

test_expect 'comments are varied, with accents and non-Latin scripts' '
	q test.db "SELECT DISTINCT text FROM answer
		WHERE key IN ('\''worked'\'', '\''improve'\'', '\''suggestions'\'')" >texts &&
	test "$(wc -l <texts)" -gt 20 &&
	grep -q "[ΑαΒβΓγΔδΕεΠπΣσΛλ]" texts &&
	grep -q "[АаБбВвГгДдОоСс]" texts &&
	grep -q "ありがとう\|分かりやすい\|資料" texts &&
	grep -q "ش\|ع" texts &&
	q test.db "SELECT presenter FROM event" | grep -q "[éëñçŁłøåÖöčř]"
'

test_expect 'responses come in within days after their event' '
	test "$(q test.db "SELECT count(*) FROM response r JOIN event e
		ON e.id = r.event WHERE r.submitted < unixepoch(e.date)
		OR r.submitted > unixepoch(e.date) + 7 * 86400")" = 0 &&
	test "$(q test.db "SELECT count(*) FROM event
		WHERE date >= '\''2026-11-20'\''
		   OR date < '\''2025-05-01'\''")" = 0
'

test_expect 'the same seed gives the same database contents' '
	sigsurvey --db same.db demo --events 12 --responses 2000 \
		--today 2026-11-20 >/dev/null &&
	dump test.db >a.txt && dump same.db >b.txt &&
	test -s a.txt && cmp a.txt b.txt
'

test_expect 'another seed gives other responses' '
	sigsurvey --db other.db demo --events 12 --responses 2000 --seed 7 \
		--today 2026-11-20 >/dev/null &&
	dump other.db >c.txt &&
	! cmp -s a.txt c.txt &&
	contains c.txt "demo-7-"
'

test_expect 'without --today the events lie before today' '
	sigsurvey --db now.db demo --events 3 --responses 30 >out &&
	contains out "3 events, 30 event-feedback" &&
	test "$(q now.db "SELECT count(*) FROM event
		WHERE date >= date('\''now'\'')")" = 0
'

test_expect 'running demo twice adds new events and responses' '
	sigsurvey demo --events 12 --responses 2000 --today 2026-11-20 >out2 2>&1 &&
	lacks out2 "already stored" &&
	test "$(q test.db "SELECT count(*) FROM event")" = 24 &&
	test "$(q test.db "SELECT count(*) FROM response")" = 4800 &&
	q test.db "SELECT key FROM event" | grep -q -- "-2\$"
'

test_expect 'demo --help lists its options' '
	sigsurvey demo --help >out &&
	contains out "--events N" && contains out "--responses N" &&
	contains out "--seed N" && contains out "--today"
'

test_expect 'demo-bad-options exit 2 with the usage' '
	expect_status 2 sigsurvey demo --events many 2>err &&
	contains err "usage: sigsurvey demo" &&
	expect_status 2 sigsurvey demo --bogus 2>err &&
	contains err "unknown option" &&
	expect_status 2 sigsurvey demo --seed 2>err &&
	contains err "needs a value" &&
	expect_status 2 sigsurvey demo --today 2026-02-30 2>err &&
	contains err "--today" &&
	expect_status 2 sigsurvey demo --events 0 --responses 5 2>err &&
	contains err "at least one event"
'

test_done
