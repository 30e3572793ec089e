#!/bin/sh
# t5040-serve-durability.sh - a response is acknowledged (303) only once
# committed: a commit that fails gives a 503 page with the answers still in
# the form; SIGTERM during a stream of submissions exits 0 with every
# acknowledged response in the database.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"

start_server --min-fill-seconds 0 --rate-limit 0
add_event ev 'Event' || echo "Bail out! cannot add an event"
EF="$URL/f/event-feedback/ev"

test_expect '-bad- a commit that fails: 503, answers kept, never a thank-you' '
	mkfifo lock.fifo || exit 1
	sqlite3 "$SIGSURVEY_DB" <lock.fifo >lock.out 2>&1 &
	holder=$!
	exec 9>lock.fifo &&
	printf ".timeout 10000\nBEGIN IMMEDIATE;\n" >&9 &&
	n=0 && locked=0 &&
	while [ $locked -lt 3 ]; do       # held: a write fails three times running
		if sqlite3 "$SIGSURVEY_DB" "BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1; then
			locked=0
		else
			locked=$((locked + 1))
		fi
		n=$((n + 1)); test $n -lt 400 || { echo "never locked"; cat lock.out; exit 1; }
		sleep 0.02
	done &&
	curl -s -o f.html "$EF" && t=$(token f.html) &&
	code=$(post "$EF" "_token=$t&overall=4&improve=Please+keep+this" out.html) &&
	echo "ROLLBACK;" >&9 && exec 9>&- && wait $holder &&
	{ test "$code" = 503 || { echo "status $code"; cat lock.out; false; }; } &&
	contains out.html "we could not save your answers just now" &&
	contains out.html ">Please keep this</textarea>" &&
	grep -q "name=\"overall\" value=\"4\" checked" out.html &&
	test "$(q "SELECT count(*) FROM response")" = 0 &&
	test "$(post "$EF" "_token=$(token out.html)&overall=4&improve=Please+keep+this" x)" = 303 &&
	test "$(q "SELECT count(*) FROM response")" = 1
'

test_expect 'SIGTERM mid-stream: exit 0, every acknowledged response stored' '
	SIGSURVEY_DB=$WORK/stream.db
	sigsurvey serve --listen 127.0.0.1:0 --port-file sport --min-fill-seconds 0 --rate-limit 0 >s.out 2>s.err &
	spid=$!
	trap "kill $spid 2>/dev/null" EXIT    # even when a step below fails
	n=0 &&
	while [ ! -s sport ]; do n=$((n + 1)); test $n -lt 400 || exit 1; sleep 0.05; done &&
	add_event ev Event &&
	su="http://127.0.0.1:$(cat sport)/f/event-feedback/ev" &&
	cat >client.sh <<-\EOT &&
	# posts until the server is gone; logs "STATUS TOKEN" per attempt
	while :; do
		t=$(curl -s "$1" | sed -n "s/.*name=\"_token\" value=\"\([^\"]*\)\".*/\1/p")
		[ -n "$t" ] || break
		code=$(curl -s -o /dev/null -w "%{http_code}" --data "_token=$t&overall=5&worked=stream" "$1")
		echo "$code $t"
		[ "$code" = 303 ] || [ "$code" = 503 ] || break
	done
	EOT
	for i in 1 2 3 4 5 6; do
		sh client.sh "$su" >"c$i.log" 2>&1 &
	done
	n=0 &&
	while [ "$(q "SELECT count(*) FROM response")" -lt 60 ]; do
		n=$((n + 1)); test $n -lt 400 || exit 1; sleep 0.05
	done &&
	kill -TERM $spid &&
	wait $spid; status=$?
	wait
	test "$status" = 0 || { echo "exit status $status"; exit 1; }
	cat c*.log >all.log &&
	grep "^303 " all.log | cut -d" " -f2 | sort >acked &&
	test "$(wc -l <acked)" -ge 60 &&
	q "SELECT token FROM response" | sort >stored &&
	comm -23 acked stored >lost &&
	test ! -s lost &&
	grep -q "finishing requests in flight" s.err &&
	grep -q "writer: [0-9]* responses stored in [0-9]* commits" s.err &&
	grep -q "stopped" s.err &&
	! grep -q "Sanitizer\\|runtime error" s.err
'

test_expect 'the database is consistent after the stop' '
	SIGSURVEY_DB=$WORK/stream.db &&
	test "$(q "PRAGMA integrity_check")" = ok &&
	test "$(q "SELECT count(*) FROM response r WHERE NOT EXISTS
		   (SELECT 1 FROM answer a WHERE a.response = r.id)")" = 0
'

stop_server
test_done
