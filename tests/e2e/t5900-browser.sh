#!/bin/sh
# t5900-browser.sh - the respondent's flow in Chromium on a phone-sized
# screen, with axe-core accessibility checks (tests/browser/collector.mjs
# prints the TAP). Needs `make deps` (playwright-core, axe-core). A second
# server with default settings and the forms of tests/fixtures/forms-respond
# takes the too-fast confirmation and a chain of show_if conditions.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"

if [ ! -d "$TOP/node_modules/playwright-core" ] || [ ! -x /usr/bin/chromium ]; then
	echo "Bail out! playwright-core or chromium missing: run make deps"
	exit 1
fi

start_server --min-fill-seconds 0
now=$(date +%s)
add_event open-now 'Copyright basics' &&
add_event closed 'Lending workflows webinar' NULL $((now - 86400)) 2025-01-10 &&
add_event long-words 'Donaudampfschifffahrtsgesellschaftskapitänsinterlibraryloanworkshop https://example.org/a/very/long/address/without/any/spaces/at/all' ||
	echo "Bail out! cannot add events"

q "INSERT INTO event (key, form, title, date, created)
   VALUES ('chain', 'session-feedback', 'Chain session', date('now'),
	   strftime('%s', 'now'))" || echo "Bail out! cannot add an event"
sigsurvey --forms "$TOP/tests/fixtures/forms-respond" serve --listen 127.0.0.1:0 \
	--port-file "$WORK/port2" >"$WORK/serve2.out" 2>"$WORK/serve2.err" &
pid2=$!
test_on_exit "kill $pid2 2>/dev/null; wait $pid2 2>/dev/null"
n=0; while [ ! -s "$WORK/port2" ] && [ $n -lt 400 ]; do n=$((n + 1)); sleep 0.05; done
DEFAULTS_URL="http://127.0.0.1:$(cat "$WORK/port2")"
export DEFAULTS_URL

test_node_tap "$TOP/tests/browser/collector.mjs" "$URL" "$SIGSURVEY_DB" ${SHOTS:+"$SHOTS"}
stop_server
test_done
