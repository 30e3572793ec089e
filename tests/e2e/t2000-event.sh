#!/bin/sh
# t2000-event.sh - `sigsurvey event add|list|show|edit|close|open`: the
# events a per-event form collects feedback for.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

q() { sqlite3 -batch -noheader "$SIGSURVEY_DB" "$@"; }
qdb() { sqlite3 -batch -noheader "$@"; }
TAB=$(printf '\t')
export TZ=UTC

add_basics() {
	sigsurvey event add --form event-feedback --key 2026-11-ill-basics \
		--title "ILL basics: Déjà vu" --date 2026-11-20 \
		--location "Central Library, Room 2" --format webinar \
		--presenter "Zoë Ng" --attendees 30 --series basics "$@"
}

test_expect 'add stores every field and prints the public path' '
	add_basics --opens "2026-11-20 09:00" --closes "2026-11-27T17:30" >out &&
	contains out "/f/event-feedback/2026-11-ill-basics" &&
	test "$(stat -c %a test.db)" = 600 &&
	test "$(q "SELECT key, form, title, date, location, format, presenter,
		attendees, series, datetime(opens, \"unixepoch\"),
		datetime(closes, \"unixepoch\") FROM event")" = \
	"2026-11-ill-basics|event-feedback|ILL basics: Déjà vu|2026-11-20|Central Library, Room 2|webinar|Zoë Ng|30|basics|2026-11-20 09:00:00|2026-11-27 17:30:00"
'

test_expect 'add with only the required options: feedback from the date for 14 days' '
	sigsurvey event add --form=event-feedback --key=2026-12-copyright \
		--title="Copyright Q&A" --date=2026-12-04 >out &&
	test "$(q "SELECT quote(location), quote(attendees), quote(series),
		datetime(opens, \"unixepoch\"), datetime(closes, \"unixepoch\")
		FROM event WHERE key = \"2026-12-copyright\"")" = \
		"NULL|NULL|NULL|2026-12-04 00:00:00|2026-12-18 00:00:00"
'

test_expect '--window-days sets the days; --closes DATE means the end of that day' '
	sigsurvey event add --form event-feedback --key w7 --title W \
		--date 2026-12-04 --window-days 7 &&
	sigsurvey event add --form event-feedback --key c1 --title C \
		--date 2026-11-20 --closes 2026-12-01 &&
	test "$(q "SELECT key, datetime(opens, \"unixepoch\"), datetime(closes, \"unixepoch\")
		FROM event WHERE key IN (\"w7\", \"c1\") ORDER BY key")" = \
		"c1|2026-11-20 00:00:00|2026-12-02 00:00:00
w7|2026-12-04 00:00:00|2026-12-11 00:00:00" &&
	sigsurvey event edit w7 --window-days 10 &&
	test "$(q "SELECT datetime(closes, \"unixepoch\") FROM event WHERE key = \"w7\"")" = \
		"2026-12-14 00:00:00" &&
	expect_status 1 sigsurvey event edit w7 --window-days 0 2>err &&
	contains err "--window-days" &&
	q "DELETE FROM event WHERE key IN (\"w7\", \"c1\")"
'

test_expect 'list prints one tab-separated line per event, by date' '
	sigsurvey event add --form event-feedback --key 2026-10-systems \
		--title "ILL systems" --date 2026-10-02 &&
	sigsurvey event list >out &&
	printf "%s\n" \
		"2026-10-systems${TAB}2026-10-02${TAB}event-feedback${TAB}ILL systems${TAB}0" \
		"2026-11-ill-basics${TAB}2026-11-20${TAB}event-feedback${TAB}ILL basics: Déjà vu${TAB}0" \
		"2026-12-copyright${TAB}2026-12-04${TAB}event-feedback${TAB}Copyright Q&A${TAB}0" >want &&
	diff -u want out
'

test_expect 'list counts responses, leaving spam out' '
	q "INSERT INTO form_version (form, hash, definition, first_seen,
		last_seen) VALUES (\"event-feedback\", \"h\", \"{}\", 1, 1);
	   INSERT INTO response (form, version, event, submitted, token, spam)
		SELECT \"event-feedback\", 1, id, 1, \"t\" || value, value = 3
		FROM event, generate_series(1, 3)
		WHERE key = \"2026-11-ill-basics\"" &&
	sigsurvey event list --form event-feedback >out &&
	grep "^2026-11-ill-basics$TAB" out | cut -f5 >n &&
	test "$(cat n)" = 2 &&
	sigsurvey event show 2026-11-ill-basics >show &&
	contains show "responses: 2" &&
	contains show "response rate: 7%"
'

test_expect 'list --form of a form with no events prints nothing' '
	sigsurvey event list --form training-ideas >out &&
	test ! -s out
'

test_expect 'show prints every field, the state and the URL path' '
	sigsurvey event show 2026-11-ill-basics >out &&
	for line in "key: 2026-11-ill-basics" "form: event-feedback" \
		"title: ILL basics: Déjà vu" "date: 2026-11-20" \
		"location: Central Library, Room 2" "format: webinar" \
		"presenter: Zoë Ng" "series: basics" "attendees: 30" \
		"opens: 2026-11-20 09:00" "closes: 2026-11-27 17:30" \
		"url: /f/event-feedback/2026-11-ill-basics"; do
		contains out "$line" || return 1
	done &&
	grep -E "^state: (open|closed|not open yet)$" out &&
	sigsurvey event show 2026-12-copyright >out2 &&
	contains out2 "location: -" &&
	contains out2 "attendees: -" &&
	contains out2 "state: not open yet"
'

test_expect 'edit changes only the fields given; an empty value clears' '
	sigsurvey event edit 2026-11-ill-basics --title "ILL basics (2)" \
		--location "" --attendees 40 >out &&
	contains out "updated event 2026-11-ill-basics" &&
	test "$(q "SELECT title, quote(location), attendees, presenter, series,
		date FROM event WHERE key = \"2026-11-ill-basics\"")" = \
		"ILL basics (2)|NULL|40|Zoë Ng|basics|2026-11-20"
'

test_expect 'close stops responses now and open takes them again' '
	before=$(date +%s) &&
	sigsurvey event close 2026-12-copyright >out &&
	contains out "closed event 2026-12-copyright" &&
	closes=$(q "SELECT closes FROM event WHERE key = \"2026-12-copyright\"") &&
	test "$closes" -ge "$before" && test "$closes" -le "$(date +%s)" &&
	sigsurvey event show 2026-12-copyright >show &&
	contains show "state: closed" &&
	sigsurvey event close 2026-12-copyright >again &&
	contains again "already closed" &&
	sigsurvey event open 2026-12-copyright >out &&
	contains out "opened event 2026-12-copyright" &&
	test "$(q "SELECT quote(closes) FROM event WHERE key = \"2026-12-copyright\"")" = NULL &&
	sigsurvey event show 2026-12-copyright >show &&
	contains show "state: open"
'

test_expect 'an event that opens later is not open yet' '
	sigsurvey event add --form event-feedback --key future --title F \
		--date 2099-01-01 --opens "2099-01-01 09:00" &&
	sigsurvey event show future >out &&
	contains out "state: not open yet"
'

test_expect '-bad- values: one-line message, exit 1, nothing stored' '
	n=$(q "SELECT count(*) FROM event") &&
	for bad in "--date 2026-02-30" "--date 20-11-2026" "--key Bad_Key" \
		"--key -lead" "--attendees many" "--attendees -3" \
		"--format In-Person" "--form training-ideas" "--form nope" \
		"--opens 2026-11-20-09:00" "--closes 2026-13-01" \
		"--opens 2026-11-21 --closes 2026-11-20"; do
		set -- $bad
		case $bad in
		"--key "*) k=$2 ;;
		*) k=bad-$(echo "$bad" | tr -cd a-z0-9) ;;
		esac
		base="--form event-feedback --key $k --title T --date 2026-11-20"
		expect_status 1 sigsurvey event add $base "$@" 2>err ||
			return 1
		test "$(wc -l <err)" = 1 || { cat err; return 1; }
		lacks err "usage:" || return 1
	done &&
	test "$(q "SELECT count(*) FROM event")" = "$n"
'

test_expect '-bad- long key and tab in the title are refused' '
	long=$(printf "a%.0s" $(seq 65)) &&
	expect_status 1 sigsurvey event add --form event-feedback --key $long \
		--title T --date 2026-11-20 2>err &&
	contains err "at most 64" &&
	expect_status 1 sigsurvey event add --form event-feedback --key tabbed \
		--title "a${TAB}b" --date 2026-11-20 2>err &&
	contains err "one line"
'

test_expect '-bad- a key in use is refused' '
	expect_status 1 add_basics 2>err &&
	contains err "event 2026-11-ill-basics exists"
'

test_expect '-bad- unknown event for show, edit, close, open: exit 1' '
	for c in show edit close open; do
		expect_status 1 sigsurvey event $c nope 2>err || return 1
		contains err "no event '"'"'nope'"'"'" || return 1
	done
'

test_expect '-bad- edit cannot change the key, or the form once answered' '
	expect_status 2 sigsurvey event edit 2026-11-ill-basics --key x 2>err &&
	contains err "cannot change" &&
	expect_status 1 sigsurvey event edit 2026-11-ill-basics \
		--form event-feedback --date 2026-02-31 2>err &&
	contains err "Enter the date of the event as YYYY-MM-DD"
'

test_expect '-bad- usage errors exit 2 with the usage' '
	expect_status 2 sigsurvey event 2>err && contains err "usage:" &&
	expect_status 2 sigsurvey event frob 2>err &&
	contains err "unknown subcommand '"'"'frob'"'"'" &&
	expect_status 2 sigsurvey event add --form event-feedback --key k \
		--date 2026-11-20 2>err &&
	contains err "--title is required" && contains err "usage:" &&
	expect_status 2 sigsurvey event add --frob 2>err &&
	contains err "unknown option '"'"'--frob'"'"'" &&
	expect_status 2 sigsurvey event add --form 2>err &&
	contains err "--form needs a value" &&
	expect_status 2 sigsurvey event list --title x 2>err &&
	expect_status 2 sigsurvey event list extra 2>err &&
	expect_status 2 sigsurvey event show 2>err &&
	contains err "give its key" &&
	expect_status 2 sigsurvey event show a b 2>err &&
	expect_status 2 sigsurvey event close --attendees 3 k 2>err
'

test_expect 'an old database (schema 2) with responses is migrated on open' '
	qdb old.db ".read $TOP/schema/001-initial.sql" \
		".read $TOP/schema/002-spam.sql" \
		"INSERT INTO form_version VALUES (1, \"event-feedback\", \"h\", \"{}\", 1, 1);
		 INSERT INTO event (key, form, title, date, created)
			VALUES (\"old\", \"event-feedback\", \"Old\", \"2025-05-05\", 1);
		 INSERT INTO response (form, version, event, submitted, token, spam)
			SELECT \"event-feedback\", 1, 1, 1, \"t\" || value, value = 3
			FROM generate_series(1, 3);
		 INSERT INTO answer (response, seq, key, code)
			SELECT id, 0, \"format\", \"webinar\" FROM response" &&
	test "$(qdb old.db "PRAGMA user_version")" = 2 &&
	sigsurvey --db old.db event list >out &&
	test "$(cut -f1,5 out)" = "old${TAB}2" &&
	test "$(qdb old.db "PRAGMA user_version")" -ge 3 &&
	test "$(qdb old.db "SELECT group_concat(event || \":\" || spam) FROM answer")" = "1:0,1:0,1:1" &&
	test "$(qdb old.db "PRAGMA integrity_check")" = ok
'

test_expect '-bad- a database from a newer sigsurvey is refused' '
	qdb new.db "PRAGMA user_version = 999" &&
	expect_status 1 sigsurvey --db new.db event list 2>err &&
	contains err "schema version 999 is newer"
'

test_expect 'every subcommand has --help' '
	sigsurvey event --help >out && contains out "event add" &&
	for c in add list show edit close open; do
		sigsurvey event $c --help >out || return 1
		contains out "usage: sigsurvey event $c" || return 1
	done &&
	sigsurvey event add --help >out && contains out "--attendees N"
'

test_expect '-bad- certificates list on a mistyped --db creates nothing' '
	expect_status 1 sigsurvey --db nowhere/x.db certificates list 2>err &&
	contains err "nowhere/x.db" && test ! -e nowhere
'

test_done
