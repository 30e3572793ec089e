#!/bin/sh
# t5920-ideas-browser.sh - the topic board in Chromium: voting without
# JavaScript, and axe-core on /ideas and /admin/ideas at 390 and 1280 px
# (tests/browser/ideas.mjs prints the TAP). Needs `make deps`
# (playwright-core, axe-core).
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"
. "$TOP/tests/e2e/lib-admin.sh"

if [ ! -d "$TOP/node_modules/playwright-core" ] || [ ! -x /usr/bin/chromium ]; then
	echo "Bail out! playwright-core or chromium missing: run make deps"
	exit 1
fi

add_user chair admin 'chair-password' || echo "Bail out! cannot add a user"
start_admin_server --min-fill-seconds 0
add_event rare-mail 'Rare books by mail: a workshop' NULL NULL "$(date -d '+30 days' +%Y-%m-%d)" &&
q "INSERT INTO idea (form, topic, description, level, format, status, created, changed)
   VALUES ('training-ideas', 'Lending rare books by mail', 'Packing, insurance and tracking.', 'all', 'workshop', 'suggested', 1, 1),
	  ('training-ideas', 'Not yet approved', NULL, 'new', NULL, 'new', 2, 2),
	  ('training-ideas', 'Statistics for annual reports', 'Which figures the association asks for, and where they come from.', 'intermediate', 'webinar', 'scheduled', 3, 3),
	  ('training-ideas', '<script>alert(1)</script> \"quoted\" עברית Donaudampfschifffahrtsgesellschaftskapitänsinterlibraryloanworkshopandmore', 'A very long word: Pneumonoultramicroscopicsilicovolcanoconiosisinterlibraryloanwithoutspaces', 'advanced', 'discussion', 'declined', 4, 4);
   UPDATE idea SET event = (SELECT id FROM event WHERE key = 'rare-mail'), note = NULL WHERE status = 'scheduled';
   UPDATE idea SET note = 'Covered at the spring meeting' WHERE status = 'declined';" ||
	echo "Bail out! cannot add ideas"

test_node_tap "$TOP/tests/browser/ideas.mjs" "$URL" "$SIGSURVEY_DB" ${SHOTS:+"$SHOTS"}
stop_server
test_done
