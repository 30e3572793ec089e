#!/bin/sh
# t5050-serve-slow-clients.sh - slow clients cannot deny the form to
# others. Four addresses (127.0.0.2-5) keep 100 connections each open
# against --max-connections 256, each sending an unfinished request head
# and one header line every 3 s, reopening whatever the server closes; a
# normal client at 127.0.0.1 must get the form for at least 95% of its
# requests meanwhile. Then a request head and a request body trickled in
# one line (one byte) every 2 s are closed at their total deadlines
# (15 s for a head, 20 s for a short body), not kept alive by each line.
# About 40 seconds.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"

SLOW="$TOP/tests/e2e/slow-clients.py"
start_server --max-connections 256

test_expect 'during a slow-head flood from 4 addresses, >= 95% of requests get the form' '
	python3 "$SLOW" "$PORT" flood 100 15 /f/training-ideas >flood.out &&
	cat flood.out &&
	read -r _ got total <flood.out &&
	test "$total" -ge 20 &&
	test $((got * 100)) -ge $((total * 95)) &&
	closed=$(sed -n "s/^closed //p" flood.out) && test "$closed" -gt 0
'
[ -f "$WORK/flood.out" ] && sed -e 's/^/# /' "$WORK/flood.out"

test_expect 'a trickled head closes at 15 s, a trickled body at 20 s' '
	python3 "$SLOW" "$PORT" deadline 5 5 >deadline.out &&
	cat deadline.out &&
	python3 - <<-\EOF
	v = dict((l.split()[0], [float(x) for x in l.split()[1:]])
	         for l in open("deadline.out"))
	assert 14 <= v["heads"][0] and v["heads"][1] <= 19, v
	assert 19 <= v["bodies"][0] and v["bodies"][1] <= 24, v
	EOF
'

test_expect 'the server still serves' '
	test "$(curl -s -o /dev/null -w "%{http_code}" "$URL/f/training-ideas")" = 200
'

stop_server
test_expect 'the server logged what it closed, in one line' '
	grep "http: closed [0-9]* connections whose request head took over 15 s" \
		"$WORK/serve.err" &&
	lacks "$WORK/serve.err" "detected connection closure"
'
test_done
