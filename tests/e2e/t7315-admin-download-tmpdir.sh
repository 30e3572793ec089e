#!/bin/sh
# t7315-admin-download-tmpdir.sh - a report download that is killed (at
# --report-timeout, or by the server's SIGTERM) leaves nothing in TMPDIR:
# the server gives each download child a directory of its own and
# removes it once the child has ended, whatever happened.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"
. "$TOP/tests/e2e/lib-admin.sh"

# a "gnuplot" that notes where it runs (its directory has the charts) and
# hangs
cat >"$WORK/hang-gnuplot" <<EOS
#!/bin/sh
pwd >>"$WORK/gnuplot.dirs"
: >made-by-gnuplot.png
exec sleep 60
EOS
chmod +x "$WORK/hang-gnuplot"
add_user chair admin 'chair-password' &&
sigsurvey demo --events 2 --responses 20 >/dev/null &&
mkdir "$WORK/tmp" || echo "Bail out! setup failed"
SIGSURVEY_GNUPLOT="$WORK/hang-gnuplot"
TMPDIR="$WORK/tmp"
export SIGSURVEY_GNUPLOT TMPDIR
start_admin_server --min-fill-seconds 0 --report-timeout 1

# gone DIR: DIR is removed within 5 s
gone() {
	n=0
	while [ -e "$1" ]; do
		n=$((n + 1)); test $n -lt 50 || { fail "$1 left: $(find "$1")"; return 1; }
		sleep 0.1
	done
}

test_expect '-bad- a report stopped at --report-timeout leaves no directory' '
	test "$(login chair chair-password "$WORK/jar")" = 303 &&
	test "$(aget "/admin/report?form=event-feedback" hang.html)" = 504 &&
	dir=$(head -n 1 "$WORK/gnuplot.dirs") &&
	case "$dir" in "$WORK/tmp/sigsurvey-download."*/sigsurvey-chart.*) ;;
	*) fail "gnuplot ran in $dir"; exit 1 ;; esac &&
	gone "$dir" &&
	test -z "$(ls -A "$WORK/tmp")"
'

stop_server
rm -f "$WORK/gnuplot.dirs"
start_admin_server --min-fill-seconds 0 --report-timeout 300

test_expect 'a report is being made when the server is told to stop' '
	test "$(login chair chair-password "$WORK/jar")" = 303 &&
	{ curl -s -o /dev/null -b "$WORK/jar" "$URL/admin/report?form=event-feedback" & } &&
	n=0 &&
	while [ ! -e "$(head -n 1 "$WORK/gnuplot.dirs" 2>/dev/null)/made-by-gnuplot.png" ]; do
		n=$((n + 1)); test $n -lt 100 || { fail "no report started"; exit 1; }
		sleep 0.1
	done
'

kill -TERM "$SERVER_PID" 2>/dev/null
wait "$SERVER_PID"
echo $? >"$WORK/serve.status"

test_expect '-bad- a report ended by SIGTERM leaves no directory' '
	test "$(cat "$WORK/serve.status")" = 0 &&
	gone "$(head -n 1 "$WORK/gnuplot.dirs")" &&
	test -z "$(ls -A "$WORK/tmp")"
'

test_done
