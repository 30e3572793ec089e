#!/bin/sh
# run.sh - `make run`: starts the collector with the shipped forms and
# data/sigsurvey.db. A database without events is first seeded with demo
# events and responses plus one event open today, so that a newcomer can
# fill in real feedback at once.
#
#   LISTEN=0.0.0.0:8080 make run     (default 127.0.0.1:8080)
set -eu
cd "$(dirname "$0")/.."
BIN=${SIGSURVEY:-./build/sigsurvey}
SIGSURVEY_DB=${SIGSURVEY_DB:-data/sigsurvey.db}
SIGSURVEY_FORMS=${SIGSURVEY_FORMS:-forms}
LISTEN=${LISTEN:-127.0.0.1:8080}
export SIGSURVEY_DB SIGSURVEY_FORMS

events=0
if [ -f "$SIGSURVEY_DB" ]; then
	events=$("$BIN" event list | wc -l)
fi
key="welcome-$(date +%Y-%m-%d)"
if [ "$events" = 0 ]; then
	echo "run: seeding $SIGSURVEY_DB with demo events and responses"
	"$BIN" demo --events 6 --responses 300
	"$BIN" event add --form event-feedback --key "$key" \
		--title "Welcome to interlibrary loan: a newcomers' workshop" \
		--date "$(date +%Y-%m-%d)" --location "Central Library, Room 2" \
		--format in_person --presenter "The ILL SIG committee"
fi
port=${LISTEN##*:}
if "$BIN" event show "$key" >/dev/null 2>&1; then
	echo "run: today's event: http://127.0.0.1:$port/f/event-feedback/$key"
fi
echo "run: stop with Ctrl-C"
exec "$BIN" serve --listen "$LISTEN"
