#!/bin/sh
# t6000-report.sh - `sigsurvey report`: PDFs for one event, a series and
# a date range from demo data, read back with pdfinfo, pdftotext and
# pdfimages; small groups suppressed; hostile comments inert; a missing
# gnuplot is a clear error; reproducible output.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

q() { sqlite3 -batch -noheader "$SIGSURVEY_DB" "$@"; }

# The PDF's text on one line, so that wrapped sentences can be matched.
text() { pdftotext -q "$1" - | tr '\n' ' ' | tr -s ' '; }

# The question labels of event-feedback (the YAML's "label:" lines).
labels() {
	sed -n 's/^    label: //p' "$TOP/forms/event-feedback.yaml"
}

# Every label of event-feedback appears in the text file $1.
has_labels() {
	labels | while IFS= read -r l; do
		grep -qF -- "$l" "$1" || { echo "label missing: $l"; return 1; }
	done
}

# NPS of the responses of event $1 (all events when empty), as "+12".
nps() {
	q "SELECT printf('%+d', round(100.0 * (sum(a.num >= 9) -
		sum(a.num <= 6)) / count(*)))
	   FROM answer a JOIN response r ON r.id = a.response
	   JOIN event e ON e.id = r.event
	   WHERE a.key = 'recommend' AND ('$1' = '' OR e.key = '$1')"
}

# Adds a response with the given comment (the 'improve' answer) to
# event $1, straight into the database.
add_comment() {
	q "INSERT INTO response (form, version, event, submitted, token)
	   SELECT 'event-feedback', (SELECT max(id) FROM form_version
	   WHERE form = 'event-feedback'), id, 1790000000, 'tok-' || random()
	   FROM event WHERE key = '$1';
	   INSERT INTO answer (response, seq, key, num)
	   VALUES (last_insert_rowid(), 0, 'overall', 4);
	   INSERT INTO answer (response, seq, key, text)
	   SELECT max(id), 1, 'improve', CAST(X'$2' AS TEXT) FROM response"
}

test_expect 'setup: demo data with 6 events and 600 responses' '
	sigsurvey demo --events 6 --responses 600 --today 2026-11-01 >out &&
	contains out "6 events, 600 event-feedback"
'

EV=$(q "SELECT e.key FROM event e JOIN response r ON r.event = e.id
	GROUP BY e.id ORDER BY count(*) DESC, e.key LIMIT 1")

test_expect 'a report for one event has the cover, every question and the NPS' '
	sigsurvey report --form event-feedback --event "$EV" -o one.pdf &&
	pdfinfo one.pdf >info 2>/dev/null &&
	grep "^Title: *Event feedback report: " info &&
	pages=$(sed -n "s/^Pages: *//p" info) &&
	test "$pages" -ge 3 && test "$pages" -le 30 &&
	text one.pdf >one.txt &&
	has_labels one.txt &&
	contains one.txt "Key figures" &&
	contains one.txt "NPS $(nps "$EV")" &&
	contains one.txt "Page 1 of $pages"
'

test_expect 'one event: one chart per question, plus responses over time' '
	test "$(pdfimages -list one.pdf 2>/dev/null | tail -n +3 | wc -l)" = 7
'

test_expect 'bookmarks lead to each section and question' '
	grep -a -q "/Outlines" one.pdf &&
	grep -a -q "/Title (Responses over time)" one.pdf &&
	grep -a -q "/Title (3. How likely are you to recommend our events to a colleague?)" one.pdf &&
	grep -a -q "/Title (About this report)" one.pdf
'

test_expect 'comments are listed in full, accents intact, newest first' '
	c=$(q "SELECT a.text FROM answer a JOIN response r ON r.id = a.response
	       JOIN event e ON e.id = r.event WHERE e.key = '\''$EV'\''
	       AND a.key = '\''worked'\'' AND a.text GLOB '\''*[éèüñ]*'\''
	       ORDER BY r.submitted DESC LIMIT 1") &&
	test -n "$c" &&
	sigsurvey report --form event-feedback --event "$EV" \
		--max-comments 0 -o every.pdf &&
	text every.pdf >every.txt &&
	contains every.txt "$(printf "%s" "$c" | tr -s " ")"
'

test_expect 'a series report covers its events with trends' '
	s=$(q "SELECT series FROM event WHERE series IS NOT NULL LIMIT 1") &&
	sigsurvey report --form event-feedback --series "$s" -o series.pdf &&
	text series.pdf >series.txt &&
	has_labels series.txt &&
	contains series.txt "Summary by event" &&
	q "SELECT title FROM event WHERE series = '\''$s'\''" >titles &&
	while IFS= read -r t; do contains series.txt "$t" || exit 1; done <titles
'

test_expect 'a date range report has trends: two charts for rating and NPS' '
	sigsurvey report --form event-feedback --from 2025-01-01 \
		--to 2026-12-31 -o range.pdf &&
	text range.pdf >range.txt &&
	has_labels range.txt &&
	contains range.txt "Mean per event" &&
	contains range.txt "NPS per event" &&
	contains range.txt "NPS $(nps "")" &&
	test "$(pdfimages -list range.pdf 2>/dev/null | tail -n +3 | wc -l)" = 9
'

test_expect 'default file name says form and scope; -o - writes stdout' '
	sigsurvey report --form event-feedback --from 2026-01-01 \
		--to 2026-06-30 2>err &&
	test -s report-event-feedback-2026-01-01-to-2026-06-30.pdf &&
	contains err "wrote report-event-feedback-2026-01-01-to-2026-06-30.pdf" &&
	sigsurvey report --form event-feedback -o - >stdout.pdf &&
	head -c 5 stdout.pdf | grep -q "%PDF-"
'

test_expect 'an event under --min-group is not shown separately' '
	sigsurvey event add --form event-feedback --key tiny-webinar \
		--title "Tiny Webinar Of Three" --date 2026-09-09 >/dev/null &&
	add_comment tiny-webinar 6f6b && add_comment tiny-webinar 6f6b &&
	sigsurvey report --form event-feedback -o min.pdf &&
	text min.pdf >min.txt &&
	lacks min.txt "Tiny Webinar Of Three" &&
	contains min.txt "1 event with fewer than 5 responses is not shown separately" &&
	sigsurvey report --form event-feedback --min-group 1 -o min1.pdf &&
	text min1.pdf >min1.txt &&
	contains min1.txt "Tiny Webinar Of Three"
'

test_expect 'a hostile comment is printed, and runs nothing' '
	# `touch pwned`, a quote, newlines and EOD lines
	add_comment tiny-webinar 60746f756368207077 &&
	add_comment tiny-webinar 606e656460270a454f440a73797374656d2827746f7563682070776e656427290a454f440a40706f6e67 &&
	sigsurvey report --form event-feedback --event tiny-webinar \
		--min-group 1 -o hostile.pdf &&
	text hostile.pdf >hostile.txt &&
	contains hostile.txt "system('\''touch pwned'\'')" &&
	! test -e pwned && ! test -e "$HOME/pwned" && ! test -e /tmp/pwned
'

test_expect 'Japanese prints as itself; an emoji the fonts lack is replaced, and the note says so' '
	add_comment tiny-webinar f09f9880e697a5e69cace8aa9e &&
	add_comment tiny-webinar f09f9880 &&
	sigsurvey report --form event-feedback --event tiny-webinar \
		--max-comments 0 -o cjk.pdf &&
	text cjk.pdf >cjk.txt &&
	contains cjk.txt "日本語" &&
	contains cjk.txt "characters that the report" &&
	contains cjk.txt "are shown as"
'

test_expect 'training-ideas lists the suggested topics by format' '
	sigsurvey report --form training-ideas -o ideas.pdf &&
	text ideas.pdf >ideas.txt &&
	contains ideas.txt "Suggested topics" &&
	contains ideas.txt "would present" &&
	t=$(q "SELECT text FROM answer WHERE key = '\''topic'\'' LIMIT 1") &&
	contains ideas.txt "$t"
'

test_expect 'member-survey: numbers, dates, a need scale, one chart each' '
	sigsurvey report --form member-survey -o members.pdf &&
	text members.pdf >members.txt &&
	sed -n "s/^    label: //p" "$TOP/forms/member-survey.yaml" >mlabels &&
	while IFS= read -r l; do contains members.txt "$l" || exit 1; done <mlabels &&
	contains members.txt "Quartile 1" &&
	contains members.txt "Date, counted per month" &&
	test "$(pdfimages -list members.pdf 2>/dev/null | tail -n +3 | wc -l)" = 10
'

test_expect 'a form with no responses gives a short, clear PDF' '
	SIGSURVEY_DB=$WORK/empty.db sigsurvey demo --events 0 --responses 0 \
		>/dev/null 2>&1;
	SIGSURVEY_DB=$WORK/empty.db sigsurvey report --form member-survey \
		-o empty.pdf &&
	pdfinfo empty.pdf 2>/dev/null | grep -q "^Pages: *[12]$" &&
	text empty.pdf >empty.txt &&
	contains empty.txt "No responses"
'

test_expect 'the same SOURCE_DATE_EPOCH gives byte-identical PDFs' '
	SOURCE_DATE_EPOCH=1780000000 sigsurvey report --form event-feedback \
		-o a.pdf &&
	SOURCE_DATE_EPOCH=1780000000 sigsurvey report --form event-feedback \
		-o b.pdf &&
	cmp a.pdf b.pdf &&
	pdfinfo a.pdf 2>/dev/null | grep "CreationDate:.*2026"
'

test_expect 'gnuplot gets its own temporary directory, removed after' '
	mkdir tmp &&
	TMPDIR=$WORK/tmp sigsurvey report --form event-feedback -o tmp.pdf &&
	test -s tmp.pdf &&
	test -z "$(ls -A tmp)"
'

test_expect 'progress on a terminal only' '
	sigsurvey report --form event-feedback -o quiet.pdf 2>err &&
	lacks err "chart 1 of" &&
	{ command -v script >/dev/null ||
	  fail "script(1) is missing: make deps installs bsdutils"; } &&
	script -qec "sigsurvey report --form event-feedback -o tty.pdf" \
		/dev/null >tty.out &&
	contains tty.out "sigsurvey report: chart 9 of 9"
'

test_expect '--paper letter gives US letter pages' '
	sigsurvey report --form event-feedback --paper letter -o letter.pdf &&
	pdfinfo letter.pdf 2>/dev/null | grep -q "(letter)"
'

test_expect '-bad- a missing gnuplot is a clear error, exit 1, no file' '
	SIGSURVEY_GNUPLOT=/nonexistent expect_status 1 sigsurvey report \
		--form event-feedback -o nognuplot.pdf 2>err &&
	contains err "gnuplot not found" &&
	! test -e nognuplot.pdf
'

# A stand-in for gnuplot: answers each chart's marker, after writing a
# PNG cut short ("truncated") or never ("hang").
fake_gnuplot() {
	cat >"fake-$1" <<-EOF
	#!/bin/sh
	while IFS= read -r line; do
		case "\$line" in
		"set output '"*)
			out=\$(printf '%s' "\$line" | sed "s/^set output '//; s/'\$//") ;;
		"print sprintf('SIGSURVEY-CHART "*)
			[ "$1" = hang ] && exec sleep 60
			printf '\211PNG\r\n\032\n\0\0\0\015IHDR' >"\$out"
			seq=\$(printf '%s' "\$line" | sed 's/[^0-9]*\([0-9]*\).*/\1/')
			echo "SIGSURVEY-CHART \$seq 0" ;;
		esac
	done
	EOF
	chmod +x "fake-$1"
}

test_expect '-bad- a truncated PNG is refused before libharu sees it' '
	fake_gnuplot truncated &&
	SIGSURVEY_GNUPLOT=$WORK/fake-truncated expect_status 1 sigsurvey \
		report --form event-feedback -o trunc.pdf 2>err &&
	contains err "incomplete PNG" &&
	! test -e trunc.pdf
'

test_expect '-bad- a gnuplot that hangs is killed after the timeout' '
	fake_gnuplot hang &&
	start=$(date +%s) &&
	SIGSURVEY_GNUPLOT=$WORK/fake-hang expect_status 1 sigsurvey \
		report --form event-feedback --timeout 1 -o hang.pdf 2>err &&
	contains err "did not finish a chart within 1 s" &&
	test $(($(date +%s) - start)) -lt 10 &&
	! test -e hang.pdf
'

test_expect '-bad- usage errors exit 2, unknown events exit 1' '
	expect_status 2 sigsurvey report 2>err &&
	contains err "--form is required" &&
	expect_status 2 sigsurvey report --form event-feedback --from 2026-13-01 2>err &&
	expect_status 2 sigsurvey report --form event-feedback --paper a5 2>err &&
	expect_status 1 sigsurvey report --form event-feedback --event nope 2>err &&
	contains err "no event" &&
	expect_status 1 sigsurvey report --form no-such-form 2>err
'

test_expect 'a database from the previous version is brought up to date by report' '
	cp test.db old.db &&
	sqlite3 old.db "SELECT '"'DROP TRIGGER '"' || name || '"';'"'
		FROM sqlite_master WHERE type = '"'trigger'"'" | sqlite3 old.db &&
	sqlite3 old.db "DROP VIEW tally_source;
		DROP TABLE tally_mark; DROP TABLE tally;
		UPDATE answer SET event = r.event, spam = r.spam
			FROM response r WHERE r.id = answer.response;
		CREATE TRIGGER response_spam AFTER UPDATE OF spam ON response
		BEGIN UPDATE answer SET spam = NEW.spam WHERE response = NEW.id; END;
		CREATE INDEX answer_codes ON answer (event, spam, key, code)
			WHERE code IS NOT NULL;
		CREATE INDEX answer_nums ON answer (event, spam, key, num)
			WHERE num IS NOT NULL;" &&
	sqlite3 old.db "DROP TABLE certificate_grant; DROP TABLE certificate;
		DROP TABLE event_certificate; DROP TABLE invite;
		DROP TABLE vote; DROP TABLE idea;
		ALTER TABLE form_version DROP COLUMN board;
		DROP TABLE signin_failure;
		DROP TABLE follow_up;
		PRAGMA user_version = 4" &&
	SIGSURVEY_DB=$WORK/old.db sigsurvey report --form event-feedback \
		-o old.pdf 2>err &&
	pdfinfo old.pdf >/dev/null &&
	test "$(sqlite3 old.db "PRAGMA user_version")" -ge 5 &&
	sqlite3 old.db "SELECT name FROM sqlite_master WHERE name = '"'tally'"'" >idx &&
	contains idx tally &&
	sqlite3 old.db "SELECT sum(n) FROM tally WHERE kind = '"'response'"'" >n &&
	sqlite3 old.db "SELECT count(*) FROM response
		WHERE event IS NOT NULL AND spam = 0" >want &&
	test "$(cat n)" = "$(cat want)"
'

test_done
