#!/bin/sh
# t6050-report-timezone.sh - one local time everywhere: site.yaml's
# timezone (checked against the system's zones) dates an evening
# response in a zone west of UTC on its own day in the report (comment
# dates, --from/--to) and the export for Excel, reads event windows, and
# is named on the report's cover.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

q() { sqlite3 -batch -noheader "$SIGSURVEY_DB" "$@"; }
text() { pdftotext -q "$1" - | tr '\n' ' ' | tr -s ' '; }

cp -R "$SIGSURVEY_FORMS" "$WORK/forms" &&
echo "timezone: America/New_York" >>"$WORK/forms/site.yaml" &&
SIGSURVEY_FORMS=$WORK/forms || echo "Bail out! no forms copy"
export SIGSURVEY_FORMS
# 2026-03-10 21:30 in New York (EDT, UTC-4) is 2026-03-11 01:30 UTC.
EVENING=1773192600

test_expect 'setup: one training idea sent at 21:30 New York time' '
	test "$(TZ=America/New_York date -d "2026-03-10 21:30" +%s)" = $EVENING &&
	sigsurvey demo --events 1 --responses 20 --today 2026-03-20 >/dev/null &&
	id=$(q "SELECT max(id) FROM response WHERE form = '\''training-ideas'\''") &&
	q "PRAGMA foreign_keys = ON;
	   DELETE FROM response WHERE form = '\''training-ideas'\'' AND id != $id;
	   UPDATE response SET submitted = $EVENING WHERE id = $id;
	   UPDATE answer SET text = '\''Evening marker topic'\''
	   WHERE response = $id AND key = '\''topic'\''" &&
	echo "$id" >id
'

test_expect 'the report dates it on its local day, and says the zone' '
	sigsurvey report --form training-ideas --from 2026-03-10 --to 2026-03-10 \
		-o day.pdf 2>/dev/null &&
	text day.pdf >day.txt &&
	contains day.txt "Dates and times are in America/New_York." &&
	contains day.txt "Evening marker topic" &&
	grep -q "Evening marker topic For: [^·]*· 2026-03-10" day.txt &&
	lacks day.txt "2026-03-11"
'

test_expect '--from/--to take local days in the report and the export' '
	test "$(sigsurvey export --form training-ideas --from 2026-03-10 --to 2026-03-10 | wc -l)" = 2 &&
	test "$(sigsurvey export --form training-ideas --from 2026-03-11 --to 2026-03-11 | wc -l)" = 1
'

test_expect 'the export for Excel writes the local time' '
	sigsurvey export --form training-ideas --excel >x.csv &&
	grep -q "^$(cat id),,,,2026-03-10 21:30," x.csv &&
	sigsurvey export --form training-ideas >plain.csv &&
	grep -q "^$(cat id),,,,2026-03-11T01:30:00Z," plain.csv
'

test_expect 'event windows are read in the zone' '
	sigsurvey event add --form event-feedback --key tz-night --title Night \
		--date 2026-03-10 --opens "2026-03-10 21:30" >/dev/null &&
	test "$(q "SELECT opens FROM event WHERE key = '\''tz-night'\''")" = $EVENING &&
	sigsurvey event edit tz-night --closes "2026-03-10 22:30" >/dev/null &&
	test "$(q "SELECT closes FROM event WHERE key = '\''tz-night'\''")" = $((EVENING + 3600))
'

test_expect '-bad- a zone the system does not know is refused' '
	sed -i "s|^timezone: .*|timezone: Mars/Olympus_Mons|" "$WORK/forms/site.yaml" &&
	! sigsurvey check 2>err &&
	contains err "'\''timezone'\'' in site.yaml is not a time zone of this system" &&
	sed -i "s|^timezone: .*|timezone: ../../etc/passwd|" "$WORK/forms/site.yaml" &&
	! sigsurvey check 2>err2 && contains err2 "not a time zone"
'

test_done
