#!/bin/sh
# t5031-serve-ratelimit.sh - the options that protect the service: a
# minimum fill time (too fast: thank-you page, nothing stored), the
# per-client submission rate limit (429 page), the connection limit (503
# page when requests fill it, idle connections closed first), and --log-ip.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"

start_server --min-fill-seconds 3600 --rate-limit 3 --max-connections 16 --log-ip
add_event ev 'Event' || echo "Bail out! cannot add an event"
EF="$URL/f/event-feedback/ev"

test_expect 'a form sent sooner than --min-fill-seconds is dropped quietly' '
	curl -s -o f.html "$EF" && t=$(token f.html) &&
	curl -s -o /dev/null -D h --data "_token=$t&overall=5" "$EF" &&
	grep -qi "^HTTP/1.1 303" h &&
	grep -qi "^Location: /f/event-feedback/ev/thanks" h &&
	test "$(q "SELECT count(*) FROM response")" = 0 &&
	grep -q "spam: filled in too fast on event-feedback (1 dropped so far)" "$WORK/serve.err"
'

test_expect 'past --rate-limit submissions a minute the client gets 429' '
	curl -s -o f.html "$EF" && t=$(token f.html) &&
	test "$(post "$EF" "_token=$t&overall=5" x)" = 303 &&
	test "$(post "$EF" "_token=$t&overall=5" x)" = 303 &&
	curl -s -o out.html -D h --data "_token=$t&overall=5" "$EF" &&
	grep -qi "^HTTP/1.1 429" h &&
	grep -qi "^Retry-After: 60" h &&
	grep -qi "^Content-Security-Policy: " h &&
	contains out.html "Too many submissions" &&
	contains out.html "Please wait a minute"
'

test_expect 'reading forms is not rate limited' '
	for i in 1 2 3 4 5 6; do
		test "$(curl -s -o /dev/null -w "%{http_code}" "$EF")" = 200 || exit 1
	done
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
