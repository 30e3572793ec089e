#!/bin/sh
# t5900-browser.sh - the respondent's flow in Chromium on a phone-sized
# screen, with axe-core accessibility checks (tests/browser/collector.mjs
# prints the TAP). Needs `make deps` (playwright-core, axe-core).
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"

if [ ! -d "$TOP/node_modules/playwright-core" ] || [ ! -x /usr/bin/chromium ]; then
	echo "1..0 # SKIP playwright-core or chromium missing (run make deps)"
	exit 0
fi

start_server --min-fill-seconds 0
now=$(date +%s)
add_event open-now 'Copyright basics' &&
add_event closed 'Lending workflows webinar' NULL $((now - 86400)) 2025-01-10 &&
add_event long-words 'Donaudampfschifffahrtsgesellschaftskapitänsinterlibraryloanworkshop https://example.org/a/very/long/address/without/any/spaces/at/all' ||
	echo "Bail out! cannot add events"

test_node_tap "$TOP/tests/browser/collector.mjs" "$URL" "$SIGSURVEY_DB" ${SHOTS:+"$SHOTS"}
stop_server
test_done
