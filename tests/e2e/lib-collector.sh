# tests/e2e/lib-collector.sh - helpers for the collector's end-to-end tests
# (sourced after tests/lib.sh; not a test itself).
#
#   start_server [SERVE OPTIONS]   at top level, not inside test_expect:
#                                  sets PORT, URL and SERVER_PID
#   add_event KEY TITLE [OPENS] [CLOSES] [DATE]
#   token FILE                     the form token in a saved page
#   q SQL                          one query against the test database
#   log_wait REGEX                 waits for a line of the server's log

q() { sqlite3 -batch -noheader "$SIGSURVEY_DB" "$@"; }

start_server() {
	rm -f "$WORK/port"
	sigsurvey serve --listen 127.0.0.1:0 --port-file "$WORK/port" "$@" \
		>"$WORK/serve.out" 2>"$WORK/serve.err" &
	SERVER_PID=$!
	test_on_exit "kill $SERVER_PID 2>/dev/null; wait $SERVER_PID 2>/dev/null"
	n=0
	while [ ! -s "$WORK/port" ]; do
		n=$((n + 1))
		if [ $n -gt 400 ] || ! kill -0 $SERVER_PID 2>/dev/null; then
			echo "Bail out! sigsurvey serve did not start:"
			sed -e 's/^/# /' "$WORK/serve.err"
			exit 1
		fi
		sleep 0.05
	done
	PORT=$(cat "$WORK/port")
	URL="http://127.0.0.1:$PORT"
	export PORT URL SERVER_PID
}

# add_event KEY TITLE [OPENS] [CLOSES] [DATE]: opens/closes are unix
# seconds or NULL; the date defaults to today.
add_event() {
	q "INSERT INTO event (key, form, title, date, location, opens, closes,
			      created)
	   VALUES ('$1', 'event-feedback', '$2',
		   coalesce(nullif('${5:-}', ''), date('now')),
		   'Central Library, Room 2', ${3:-NULL}, ${4:-NULL},
		   strftime('%s', 'now'))"
}

# log_wait REGEX: waits until a line of the server's log (serve.err)
# matches; fails after 10 s. Access-log lines are written in blocks, at
# the latest a second after the request (collector/accesslog.h).
log_wait() {
	n=0
	until grep -q -e "$1" "$WORK/serve.err"; do
		n=$((n + 1))
		[ $n -lt 200 ] || return 1
		sleep 0.05
	done
}

token() {
	sed -n 's/.*name="_token" value="\([^"]*\)".*/\1/p' "$1" | head -n 1
}

# post URL BODY OUT: POSTs BODY, saves the page in OUT, prints the status.
post() {
	curl -s -o "$3" -w '%{http_code}' --data-binary "$2" \
		-H 'Content-Type: application/x-www-form-urlencoded' "$1"
}

# stop_server: at top level, before test_done. Stops the server with
# SIGTERM and adds a test that it exited 0 without a sanitizer report.
stop_server() {
	kill -TERM "$SERVER_PID" 2>/dev/null
	wait "$SERVER_PID"
	echo $? >"$WORK/serve.status"
	test_expect 'the server stops cleanly on SIGTERM' '
		test "$(cat "$WORK/serve.status")" = 0 &&
		contains "$WORK/serve.err" "sigsurvey: stopped" &&
		lacks "$WORK/serve.err" "Sanitizer" &&
		lacks "$WORK/serve.err" "runtime error"
	'
}
