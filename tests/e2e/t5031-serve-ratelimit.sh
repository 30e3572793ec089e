#!/bin/sh
# t5031-serve-ratelimit.sh - the options that protect the service: the
# per-client rate limit on form pages and on bad sends (429 page, answers
# kept), the connection limit (503 page when requests fill it, idle
# connections closed first), and --log-ip.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"

start_server --rate-limit 3 --max-connections 16 --log-ip
add_event ev 'Event' || echo "Bail out! cannot add an event"
EF="$URL/f/event-feedback/ev"

test_expect 'a fresh token is never rate limited; --rate-limit pages a minute' '
	for i in 1 2 3; do
		curl -s -o f$i.html "$EF" || exit 1
	done &&
	test "$(curl -s -o busy.html -D h -w "%{http_code}" "$EF")" = 429 &&
	grep -qi "^Retry-After: 60" h &&
	contains busy.html "Too many forms opened" &&
	sleep 3 &&
	for i in 1 2 3; do
		t=$(token f$i.html) &&
		test "$(post "$EF" "_token=$t&overall=5" x)" = 303 || exit 1
	done &&
	test "$(q "SELECT count(*) FROM response")" = 3
'

test_expect 'past --rate-limit bad sends a minute: 429 with the answers kept' '
	for i in 1 2 3; do
		test "$(post "$EF" "_token=forged&overall=4" x)" = 400 || exit 1
	done &&
	curl -s -o out.html -D h --data "_token=forged&overall=4&improve=More+examples" "$EF" &&
	grep -qi "^HTTP/1.1 429" h &&
	grep -qi "^Retry-After: 60" h &&
	grep -qi "^Content-Security-Policy: " h &&
	contains out.html "Too many submissions" &&
	contains out.html "please wait a minute" &&
	contains out.html "More examples" &&
	grep -q "value=\"4\" checked" out.html
'

test_expect '--log-ip puts the client address in the access log' '
	log_wait "^access: 127.0.0.1 GET /f/event-feedback/ev 200 [0-9]* [0-9]*us$"
'

# hold.py PORT HOW: holds 15 connections, then asks for a form. HOW is
# "body" (each has sent a head and part of a body: requests in progress)
# or "idle" (each has had an answer and waits, keep-alive).
cat >"$WORK/hold.py" <<-\EOT
	import socket, subprocess, sys, time
	port, how = int(sys.argv[1]), sys.argv[2]
	held = []
	for i in range(15):
	    s = socket.create_connection(("127.0.0.1", port))
	    if how == "body":
	        s.sendall(b"POST /f/training-ideas HTTP/1.1\r\nHost: x\r\n"
	                  b"Content-Type: application/x-www-form-urlencoded\r\n"
	                  b"Content-Length: 100\r\n\r\nidea=")
	        time.sleep(0.05)    # the head is read: a request in progress
	    else:
	        s.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
	        got = b""
	        while not got.endswith(b"ok\n"):
	            got += s.recv(4096)
	    held.append(s)
	time.sleep(0.3)
	out = subprocess.run(["curl", "-s", "-D", "-", "-o", "busy.html",
	                      "http://127.0.0.1:%d/f/training-ideas" % port],
	                     capture_output=True, text=True).stdout
	print(out)
	for s in held:
	    s.close()
EOT

test_expect 'past 15/16 of --max-connections busy with requests: a 503 page' '
	python3 "$WORK/hold.py" "$PORT" body >h &&
	grep -qi "^HTTP/1.1 503" h &&
	grep -qi "^Retry-After: 10" h &&
	grep -qi "^Connection: close" h &&
	contains busy.html "Sorry, we are very busy" &&
	n=0 &&
	until test "$(curl -s -o /dev/null -w "%{http_code}" "$URL/f/training-ideas")" = 200; do
		n=$((n + 1)); test $n -lt 100 || exit 1; sleep 0.05
	done
'

test_expect 'connections waiting for a request head are closed to make room' '
	python3 "$WORK/hold.py" "$PORT" idle >h &&
	grep -qi "^HTTP/1.1 200" h &&
	contains busy.html "<form"
'

stop_server
test_done
