#!/bin/sh
# t6040-report-brief.sh - the committee's brief: the same length at any
# size (3,000 and 100,000 responses), key findings right after the cover,
# an ordinal scale never called agreement, the NPS rounded once and never
# "-0", a 60-option choice within its page, Chinese printed as itself,
# comments of the same second newest first, no contact details printed.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH

q() { sqlite3 -batch -noheader "$SIGSURVEY_DB" "$@"; }
pages() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'; }
text() { pdftotext -q "$1" - 2>/dev/null | tr '\n' ' ' | tr -s ' '; }
FFFD=$(printf '\357\277\275')

# The event with the most responses.
busiest() {
	q "SELECT e.key FROM event e JOIN response r ON r.event = e.id
	   WHERE e.form = 'event-feedback' GROUP BY e.id
	   ORDER BY count(*) DESC, e.key LIMIT 1"
}

# Adds an event $1 of event-feedback on 2026-10-30.
add_event() {
	sigsurvey event add --form event-feedback --key "$1" \
		--title "Event $1" --date 2026-10-30 >/dev/null
}

# add_nps EVENT VALUE COUNT: COUNT responses answering VALUE to recommend.
add_nps() {
	q "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
	   WHERE i < $3)
	   INSERT INTO response (form, version, event, submitted, token)
	   SELECT 'event-feedback', (SELECT max(id) FROM form_version
	   WHERE form = 'event-feedback'), (SELECT id FROM event
	   WHERE key = '$1'), 1793000000, 'nps-$1-$2-' || i FROM n;
	   INSERT INTO answer (response, seq, key, num, event)
	   SELECT id, 0, 'recommend', $2, event FROM response
	   WHERE token LIKE 'nps-$1-$2-%'"
}

# add_comment EVENT SUBMITTED TEXT: a response with an 'improve' answer.
add_comment() {
	q "INSERT INTO response (form, version, event, submitted, token)
	   SELECT 'event-feedback', (SELECT max(id) FROM form_version
	   WHERE form = 'event-feedback'), id, $2, 'c-' || random()
	   FROM event WHERE key = '$1';
	   INSERT INTO answer (response, seq, key, text, event)
	   SELECT id, 1, 'improve', '$3', event FROM response
	   WHERE id = last_insert_rowid()"
}

test_expect 'setup: 3,000 responses over 8 events' '
	sigsurvey demo --events 8 --responses 3000 --seed 3 \
		--today 2026-11-01 >/dev/null
'

test_expect '3,000 responses: at most 12 pages for the series and each standing form, 6 for one event' '
	sigsurvey report --form event-feedback -o series.pdf &&
	sigsurvey report --form event-feedback --event "$(busiest)" -o one.pdf &&
	sigsurvey report --form training-ideas -o ideas.pdf &&
	sigsurvey report --form member-survey -o members.pdf &&
	echo "$(pages series.pdf) $(pages one.pdf) $(pages ideas.pdf) $(pages members.pdf)" &&
	test "$(pages series.pdf)" -le 12 && test "$(pages one.pdf)" -le 6 &&
	test "$(pages ideas.pdf)" -le 12 && test "$(pages members.pdf)" -le 12
'

test_expect 'the page after the cover is headed Key findings, each with its n' '
	for f in series one ideas members; do
		pdftotext -q -f 2 -l 2 "$f.pdf" - 2>/dev/null |
			grep -v "^ *$" | sed -n 3p >head &&
		test "$(cat head)" = "Key findings" || { echo "$f:"; cat head; return 1; }
	done &&
	pdftotext -q -f 2 -l 2 series.pdf - 2>/dev/null | tr "\n" " " >kf &&
	contains kf "Response rate" && contains kf "Mean score" &&
	contains kf "NPS " && contains kf "Best rated:" &&
	contains kf "Most agreement:" && contains kf "asked to be contacted" &&
	contains kf "(n = "
'

test_expect 'the need scale is ordinal: stacked, "at High need or above", never "agree"' '
	text members.pdf >m.txt &&
	sed -n "s/.*How much do you need training in these areas?\(.*\)[0-9]\. Are you interested.*/\1/p" m.txt >need &&
	test -s need && cat need &&
	contains need "at High need or above" &&
	! grep -qi "agree" need &&
	! grep -qi "neutral" need
'

test_expect 'one event cover: "mean 3.63 of 5, median 4", not "3.63 / 4"' '
	text one.pdf >one.txt &&
	grep -E "Score: mean [0-9]\.[0-9][0-9] of 5, median [0-9.]+," one.txt &&
	! grep -E "[0-9]\.[0-9][0-9] / [0-9]" one.txt
'

test_expect 'NPS 12.5 prints +13 beside promoters 38% and detractors 25%' '
	add_event nps-half && add_nps nps-half 10 3 && add_nps nps-half 0 2 &&
	add_nps nps-half 8 3 &&
	sigsurvey report --form event-feedback --event nps-half -o half.pdf &&
	text half.pdf >half.txt &&
	contains half.txt "NPS +13" &&
	contains half.txt "Promoters (9–10) 38% · passives (7–8) 38% · detractors (0–6) 25%"
'

test_expect 'NPS -0.4 prints 0, never -0' '
	add_event nps-zero && add_nps nps-zero 10 1 && add_nps nps-zero 0 2 &&
	add_nps nps-zero 8 247 &&
	sigsurvey report --form event-feedback --event nps-zero -o zero.pdf &&
	text zero.pdf >zero.txt &&
	contains zero.txt "NPS 0 " && lacks zero.txt "NPS -0" &&
	! grep -E "(^| )[-+]0( |$)" zero.txt
'

test_expect 'a question nobody answered says "No answers", no empty chart or zeros' '
	contains zero.txt "No answers." &&
	lacks zero.txt "percentages of the 0" &&
	lacks zero.txt "Percentages are of the 0" &&
	lacks zero.txt "Fewer than 30 responses"
'

test_expect 'a Chinese comment is extracted as itself, without U+FFFD' '
	add_comment "$(busiest)" 1800000000 "讲得很清楚，谢谢大家！" &&
	sigsurvey report --form event-feedback --event "$(busiest)" -o zh.pdf &&
	pdftotext -q zh.pdf - 2>/dev/null >zh.txt &&
	grep -F "讲得很清楚，谢谢大家！" zh.txt &&
	! grep -F "$FFFD" zh.txt
'

test_expect 'comments submitted in the same second come newest first' '
	add_comment nps-half 1801000000 "Same second, stored first" &&
	add_comment nps-half 1801000000 "Same second, stored second" &&
	sigsurvey report --form event-feedback --event nps-half -o same.pdf &&
	text same.pdf >same.txt &&
	sed -n "s/.*\(stored second\).*\(stored first\).*/\1 \2/p" same.txt >order &&
	test "$(cat order)" = "stored second stored first"
'

test_expect 'a few comments per question, then where the rest are' '
	text series.pdf >s.txt &&
	grep -E "[0-9,]+ more — see “sigsurvey export” or the committee area’s responses page" s.txt
'

test_expect '--comments all lists every comment in an appendix' '
	sigsurvey report --form event-feedback --event nps-half --comments all \
		-o all.pdf &&
	text all.pdf >all.txt &&
	contains all.txt "Appendix: all comments" &&
	contains all.txt "Same second, stored first" &&
	contains all.txt "Same second, stored second" &&
	expect_status 2 sigsurvey report --form event-feedback --comments some \
		-o bad.pdf 2>err && contains err "--comments wants all or a number"
'

test_expect 'no respondent name or email address in any PDF' '
	q "SELECT DISTINCT a.text FROM answer a JOIN response r
	   ON r.id = a.response WHERE a.key = '\''name'\''
	   AND r.form = '\''training-ideas'\''" >names &&
	test "$(wc -l <names)" -gt 10 &&
	text ideas.pdf >ideas.txt &&
	while IFS= read -r c; do
		! grep -qF -- "$c" ideas.txt || { echo "printed: $c"; return 1; }
	done <names &&
	for f in series one ideas members; do text "$f.pdf"; done >alltext &&
	! grep -E "[A-Za-z0-9._-]+@[A-Za-z0-9-]+\." alltext &&
	text ideas.pdf | grep -q "Contact details are not listed"
'

test_expect 'a choice of 60 options: the top 15 charted within the page, every option in the table' '
	mkdir -p long && cp "$TOP/tests/fixtures/forms-long/long-choice.yaml" long/ &&
	q "INSERT INTO form_version (form, hash, definition, first_seen, last_seen)
	   VALUES ('\''long-choice'\'', '\''long'\'', '\''{}'\'', 0, 0);
	   WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
	   WHERE i < 600)
	   INSERT INTO response (form, version, submitted, token)
	   SELECT '\''long-choice'\'', (SELECT id FROM form_version
	   WHERE hash = '\''long'\''), 1790000000 + i, '\''long-'\'' || i FROM n;
	   INSERT INTO answer (response, seq, key, code)
	   SELECT id, 0, '\''source'\'', printf('\''s%02d'\'', 1 + (id * 7 + id / 3) % 60)
	   FROM response WHERE token LIKE '\''long-%'\''" &&
	SIGSURVEY_FORMS=$WORK/long sigsurvey report --form long-choice -o long.pdf &&
	text long.pdf >long.txt &&
	contains long.txt "45 more options" &&
	contains long.txt "Source number 60" &&
	contains long.txt "A newsletter of a regional library consortium that goes out every second month" &&
	pdfimages -list long.pdf 2>/dev/null | awk "NR > 2 { print \$4, \$13 }" >imgs &&
	cat imgs &&
	awk "{ if (\$1 / \$2 * 72 > 700) bad = 1 } END { exit bad }" imgs
'

test_expect 'the full table of 60 options breaks leaving at least three rows on each page' '
	i=1 && : >rows &&
	while test "$i" -le "$(pages long.pdf)"; do
		pdftotext -q -layout -f "$i" -l "$i" long.pdf - 2>/dev/null |
			grep -cE "^ *(Source number [0-9]+|A newsletter).* [0-9]+ +[0-9<]+%" >>rows
		i=$((i + 1))
	done &&
	cat rows && test "$(awk "{ s += \$1 } END { print s }" rows)" = 60 &&
	! grep -qxE "[12]" rows
'

test_expect 'setup: 100,000 responses over 50 events' '
	SIGSURVEY_DB=$WORK/big.db sigsurvey demo --events 50 \
		--responses 100000 --seed 4 --today 2026-11-01 >/dev/null
'

test_expect '100,000 responses: at most 12 pages for the series, 6 for one event' '
	export SIGSURVEY_DB=$WORK/big.db &&
	sigsurvey report --form event-feedback -o bigseries.pdf &&
	sigsurvey report --form event-feedback --event "$(busiest)" -o bigone.pdf &&
	sigsurvey report --form member-survey -o bigmembers.pdf &&
	echo "$(pages bigseries.pdf) $(pages bigone.pdf) $(pages bigmembers.pdf)" &&
	test "$(pages bigseries.pdf)" -le 12 && test "$(pages bigone.pdf)" -le 6 &&
	test "$(pages bigmembers.pdf)" -le 12
'

test_done
