#!/bin/sh
# t7112-admin-event-cache.sh - the collector keeps events in memory and
# its rendered pages in a cache, yet an event changed in the admin area
# is shown as changed by the very next page view, on every worker thread;
# one changed by another process (`sigsurvey event edit`, straight in the
# database) by every view from 10 ms after its commit (store_changes()).
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"
. "$TOP/tests/e2e/lib-admin.sh"

PAGE=/f/event-feedback/cache-2026

# views N OUT: N page views in a row (both worker threads see some),
# keeping each; prints their statuses on one line.
views() {
	for i in $(seq "$1"); do
		curl -s -o "$2.$i" -w '%{http_code} ' "$URL$PAGE"
	done
}

# every N OUT TEXT: every one of the N saved views contains TEXT
every() {
	for i in $(seq "$1"); do
		contains "$2.$i" "$3" || return 1
	done
}

# none N OUT TEXT: none of the N saved views contains TEXT
none() {
	for i in $(seq "$1"); do
		lacks "$2.$i" "$3" || return 1
	done
}

add_user chair admin 'chair-password' || echo "Bail out! cannot add a user"
sigsurvey event add --form event-feedback --key cache-2026 \
	--title "Cache talk one" --date 2026-11-20 --location "Room 1" \
	>/dev/null || echo "Bail out! cannot add an event"

start_admin_server --min-fill-seconds 0

test_expect 'the page shows the event, again and again' '
	test "$(views 6 a)" = "200 200 200 200 200 200 " &&
	every 6 a "Cache talk one" &&
	every 6 a "Room 1"
'

test_expect 'closed in the admin area: the next view says it has closed' '
	test "$(login chair chair-password "$WORK/jar")" = 303 &&
	test "$(aget /admin/events/cache-2026 e.html)" = 200 &&
	test "$(apost /admin/events/cache-2026 "_csrf=$(csrf e.html)&action=close" out.html)" = 303 &&
	test "$(views 6 b)" = "410 410 410 410 410 410 " &&
	every 6 b "Feedback has closed"
'

test_expect 'opened again in the admin area: the next view is the form' '
	test "$(apost /admin/events/cache-2026 "_csrf=$(csrf e.html)&action=open" out.html)" = 303 &&
	test "$(views 6 c)" = "200 200 200 200 200 200 " &&
	every 6 c "name=\"_token\""
'

test_expect 'renamed with sigsurvey event edit: the next view has the new title' '
	sigsurvey event edit cache-2026 --title "Cache talk two" >out &&
	test "$(views 6 d)" = "200 200 200 200 200 200 " &&
	every 6 d "Cache talk two" &&
	none 6 d "Cache talk one"
'

test_expect 'changed in the database by hand: the next view shows it' '
	q "UPDATE event SET location = '\''Room 9'\'' WHERE key = '\''cache-2026'\''" &&
	test "$(views 6 e)" = "200 200 200 200 200 200 " &&
	every 6 e "Room 9" &&
	none 6 e "Room 1"
'

test_expect 'every view has a token of its own' '
	for i in 1 2 3 4 5 6; do token e.$i; done | sort -u >tokens &&
	test "$(wc -l <tokens)" = 6
'

stop_server
test_done
