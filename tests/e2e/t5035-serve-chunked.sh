#!/bin/sh
# t5035-serve-chunked.sh - a body without a Content-Length (chunked, as no
# browser sends a form) gets our 411 answer with the security headers,
# never libmicrohttpd's own 500 page, however long its chunk extension.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"

start_server --min-fill-seconds 0

# raw EXTENSION_BYTES: a chunked POST over a raw socket; prints the answer.
raw() {
	python3 - "$PORT" "$1" <<-\EOF
	import socket, sys
	s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
	ext = b";" + b"x" * int(sys.argv[2]) if int(sys.argv[2]) else b""
	try:
	    s.sendall(b"POST /f/event-feedback HTTP/1.1\r\nHost: x\r\n"
	              b"Content-Type: application/x-www-form-urlencoded\r\n"
	              b"Transfer-Encoding: chunked\r\n\r\n"
	              b"9" + ext + b"\r\noverall=3\r\n0\r\n\r\n")
	except OSError:
	    pass
	s.settimeout(10)
	got = b""
	while True:
	    try:
	        d = s.recv(65536)
	    except OSError:
	        break
	    if not d:
	        break
	    got += d
	sys.stdout.write(got.decode("utf-8", "replace"))
	EOF
}

test_expect '-bad- a 100 KB chunk extension gets 411 with our headers' '
	raw 100000 >out &&
	head -n 1 out | grep -q "^HTTP/1.1 411 " &&
	grep -qi "^X-Content-Type-Options: nosniff" out &&
	grep -qi "^Content-Security-Policy: " out &&
	contains out "Content-Length." &&
	lacks out "ask the developer"
'

test_expect '-bad- a plain chunked body gets 411 too, nothing stored' '
	raw 0 >out &&
	head -n 1 out | grep -q "^HTTP/1.1 411 " &&
	test "$(q "SELECT count(*) FROM response")" = 0
'

test_expect 'the server goes on serving' '
	test "$(curl -s -o /dev/null -w "%{http_code}" "$URL/")" = 200
'

stop_server
test_done
