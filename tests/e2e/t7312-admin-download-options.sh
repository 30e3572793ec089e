#!/bin/sh
# t7312-admin-download-options.sh - ordinary mistakes in a download's
# options (an event that does not exist, From after To, an event of
# another form) answer 400 with the options page and what to fix, and
# start no process (the log has no failed child, the page no 500).
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"
. "$TOP/tests/e2e/lib-admin.sh"

add_user chair admin 'chair-password' &&
sigsurvey demo --events 2 --responses 10 >/dev/null ||
	echo "Bail out! setup failed"
start_admin_server --min-fill-seconds 0
EV=$(q "SELECT key FROM event WHERE form = 'event-feedback' LIMIT 1")

# bad PATH WHAT: 400, the options page with WHAT, no child started
bad() {
	s=$(aget "$1" out.html) &&
	{ test "$s" = 400 || fail "$1: $s"; } &&
	contains out.html "There is a problem" &&
	contains out.html "$2" &&
	contains out.html "<select" &&
	lacks "$WORK/serve.err" "failed (" || fail "$1"
}

test_expect 'setup: signed in, an event of event-feedback' '
	test "$(login chair chair-password "$WORK/jar")" = 303 &&
	test -n "$EV"
'

test_expect '-bad- an event that does not exist is 400, not 500' '
	bad "/admin/export?form=event-feedback&event=nosuch" "there is no event &#39;nosuch&#39;" &&
	bad "/admin/report?form=event-feedback&event=nosuch" "there is no event" &&
	bad "/admin/export?form=event-feedback&event=$EV&event=nosuch2" "nosuch2"
'

test_expect '-bad- From after To is 400, not 500' '
	bad "/admin/export?form=event-feedback&from=2026-05-01&to=2026-04-01" "From (2026-05-01) is after To (2026-04-01)" &&
	bad "/admin/report?form=event-feedback&from=2026-05-01&to=2026-04-01" "is after To"
'

test_expect '-bad- an event of another form is 400, not 500' '
	bad "/admin/export?form=member-survey&event=$EV" "is an event of the form" &&
	bad "/admin/report?form=member-survey&event=$EV" "of the form &#39;event-feedback&#39;, not &#39;member-survey&#39;"
'

test_expect 'good options still download' '
	test "$(aget "/admin/export?form=event-feedback&event=$EV&from=2020-01-01&to=2030-12-31" ok.csv)" = 200 &&
	test "$(aget "/admin/export?form=event-feedback&from=2026-04-01&to=2026-04-01" ok2.csv)" = 200 &&
	lacks "$WORK/serve.err" "failed ("
'

stop_server
test_done
