#!/bin/sh
# t2110-backup-restore.sh - a nightly copy is a working database: back up
# a demo database as the timer does (backup --keep), restore the newest
# copy by putting it in place, serve it, and the events are all there.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"

sigsurvey demo --events 4 --responses 120 >/dev/null &&
sigsurvey event add --form event-feedback --key restore-check \
	--title "Restored workshop" --date "$(date +%Y-%m-%d)" >/dev/null ||
	echo "Bail out! cannot make the demo database"
sigsurvey event list >"$WORK/events.before"

test_expect 'the nightly backup writes a dated copy' '
	sigsurvey backup --keep 7 "$WORK/backups" >out &&
	test "$(ls "$WORK/backups" | wc -l)" = 1
'

# restore: the newest copy becomes the database
newest=$(ls "$WORK/backups" | sort | tail -n 1)
mv "$SIGSURVEY_DB" "$WORK/lost.db"
cp "$WORK/backups/$newest" "$SIGSURVEY_DB"
start_server

test_expect 'the restored database serves the events' '
	test "$(curl -s -o home.html -w "%{http_code}" "$URL/")" = 200 &&
	contains home.html "Restored workshop" &&
	test "$(curl -s -o ev.html -w "%{http_code}" "$URL/f/event-feedback/restore-check")" = 200
'

test_expect 'every event and its responses came back' '
	sigsurvey event list >after &&
	diff -u "$WORK/events.before" after &&
	test "$(wc -l <after)" = 5
'

stop_server
test_done
