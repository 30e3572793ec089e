#!/bin/sh
# t7900-admin-browser.sh - the committee area in Chromium: setup link,
# creating an event, its summary, downloading a report, and axe-core on
# every admin page (tests/browser/admin.mjs prints the TAP). Needs
# `make deps` (playwright-core, axe-core).
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"
. "$TOP/tests/e2e/lib-admin.sh"

if [ ! -d "$TOP/node_modules/playwright-core" ] || [ ! -x /usr/bin/chromium ]; then
	echo "Bail out! playwright-core or chromium missing: run make deps"
	exit 1
fi

sigsurvey demo --events 3 --responses 150 >/dev/null ||
	echo "Bail out! demo failed"
start_admin_server --min-fill-seconds 0

test_node_tap "$TOP/tests/browser/admin.mjs" "$URL" "$SIGSURVEY_DB" "$SETUP" ${SHOTS:+"$SHOTS"}
stop_server
test_done
