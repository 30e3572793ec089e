#!/bin/sh
# t7310-admin-download-bad.sh - a report that hangs or fails in the child
# process: the hang is killed at --report-timeout with its gnuplot, the
# admin gets a clear error page, and the collector keeps serving; hanging
# reports do not tie up the server's threads, at most four run at once,
# and SIGTERM ends them and exits cleanly.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"
. "$TOP/tests/e2e/lib-admin.sh"

# a "gnuplot" that notes its pid and hangs, or one that fails at once
cat >"$WORK/hang-gnuplot" <<EOS
#!/bin/sh
echo \$\$ >"$WORK/gnuplot.pid"
echo \$\$ >>"$WORK/gnuplot.pids"
exec sleep 60
EOS
chmod +x "$WORK/hang-gnuplot"
add_user chair admin 'chair-password' &&
sigsurvey demo --events 2 --responses 40 >/dev/null ||
	echo "Bail out! setup failed"
SIGSURVEY_GNUPLOT="$WORK/hang-gnuplot"
export SIGSURVEY_GNUPLOT
start_admin_server --min-fill-seconds 0 --report-timeout 2

test_expect '-bad- a hanging report is stopped at the time limit' '
	test "$(login chair chair-password "$WORK/jar")" = 303 &&
	test "$(aget "/admin/report?form=event-feedback" hang.html)" = 504 &&
	contains hang.html "The report could not be made" &&
	contains hang.html "It took longer than 2 seconds and was stopped" &&
	test -s "$WORK/gnuplot.pid"
'

test_expect '-bad- its gnuplot is killed with it' '
	pid=$(cat "$WORK/gnuplot.pid") && n=0 &&
	while kill -0 "$pid" 2>/dev/null &&
	      ! grep -q "^State:.*Z" "/proc/$pid/status" 2>/dev/null; do
		n=$((n + 1)); test $n -lt 100 || { fail "gnuplot $pid alive"; exit 1; }
		sleep 0.1
	done
'

test_expect 'the collector goes on serving after it' '
	test "$(aget /admin ok.html)" = 200 &&
	test "$(curl -s -o /dev/null -w "%{http_code}" "$URL/health")" = 200 &&
	test "$(aget "/admin/export?form=event-feedback" ok.csv)" = 200 &&
	test "$(wc -l <ok.csv)" -gt 10
'

stop_server

# a gnuplot that fails at once: the child says why, the page shows it
SIGSURVEY_GNUPLOT=/bin/false
export SIGSURVEY_GNUPLOT
start_admin_server --min-fill-seconds 0

test_expect '-bad- a failing report shows what went wrong' '
	test "$(login chair chair-password "$WORK/jar2")" = 303 &&
	test "$(aget "/admin/report?form=event-feedback" fail.html "$WORK/jar2")" = 500 &&
	contains fail.html "The report could not be made" &&
	contains fail.html "the collector keeps running" &&
	contains fail.html "<pre class=\"log\">" &&
	contains fail.html "gnuplot" &&
	test "$(aget /admin ok.html "$WORK/jar2")" = 200
'

stop_server

# four reports that hang (with a long limit) while others use the server
SIGSURVEY_GNUPLOT="$WORK/hang-gnuplot"
export SIGSURVEY_GNUPLOT
rm -f "$WORK/gnuplot.pids"
start_admin_server --min-fill-seconds 0 --report-timeout 300

test_expect 'four hanging reports leave the server free for everyone else' '
	test "$(login chair chair-password "$WORK/jar3")" = 303 &&
	for i in 1 2 3 4; do
		curl -s -o "$WORK/hang$i.html" -w "%{http_code}" -b "$WORK/jar3" \
			"$URL/admin/report?form=event-feedback" >"$WORK/hang$i.status" &
	done &&
	n=0 &&
	while [ "$(cat "$WORK/gnuplot.pids" 2>/dev/null | wc -l)" -lt 4 ]; do
		n=$((n + 1)); test $n -lt 300 || { fail "reports did not start"; exit 1; }
		sleep 0.1
	done &&
	test "$(curl -s -o /dev/null -w "%{http_code}" "$URL/health")" = 200 &&
	test "$(curl -s -o /dev/null -w "%{http_code}" "$URL/f/member-survey")" = 200 &&
	test "$(aget /admin ok.html "$WORK/jar3")" = 200 &&
	test "$(aget "/admin/export?form=event-feedback" busy.html "$WORK/jar3")" = 503 &&
	contains busy.html "Other downloads are being made" &&
	for i in 1 2 3 4; do test ! -s "$WORK/hang$i.status" || exit 1; done
'

kill -TERM "$SERVER_PID" 2>/dev/null
wait "$SERVER_PID"
echo $? >"$WORK/serve.status"

test_expect 'SIGTERM ends the hanging reports, answers them and exits cleanly' '
	test "$(cat "$WORK/serve.status")" = 0 &&
	contains "$WORK/serve.err" "sigsurvey: stopped" &&
	lacks "$WORK/serve.err" "Sanitizer" &&
	lacks "$WORK/serve.err" "runtime error" &&
	for i in 1 2 3 4; do
		n=0
		while [ ! -s "$WORK/hang$i.status" ]; do
			n=$((n + 1)); test $n -lt 100 || { fail "hang$i unanswered"; exit 1; }
			sleep 0.1
		done
		test "$(cat "$WORK/hang$i.status")" = 500 || { fail "hang$i: $(cat "$WORK/hang$i.status")"; exit 1; }
	done &&
	for pid in $(cat "$WORK/gnuplot.pids"); do
		n=0
		while kill -0 "$pid" 2>/dev/null &&
		      ! grep -q "^State:.*Z" "/proc/$pid/status" 2>/dev/null; do
			n=$((n + 1)); test $n -lt 100 || { fail "gnuplot $pid alive"; exit 1; }
			sleep 0.1
		done
	done
'

test_done
