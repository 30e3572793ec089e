#!/bin/sh
# t5061-serve-access-log.sh - the access log is written in blocks, yet
# every request has its line: soon while the server runs, and all of them
# when it is stopped with SIGTERM right after the last answer.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"

start_server

test_expect 'a request has its line while the server runs' '
	curl -s -o /dev/null "$URL/f/training-ideas" &&
	log_wait "^access: GET /f/training-ideas 200 [0-9]* [0-9]*us$"
'

# 600 requests on 3 connections at once, then SIGTERM at once
curl -s "$URL/health?a=[1-200]" >/dev/null &
a=$!
curl -s "$URL/health?b=[1-200]" >/dev/null &
b=$!
curl -s "$URL/health?c=[1-200]" >/dev/null
wait $a $b
stop_server

test_expect 'a clean stop loses no line' '
	test "$(grep -c "^access: GET /health 200 " "$WORK/serve.err")" = 600
'

test_expect 'no line is broken or merged' '
	test "$(grep -c "^access: " "$WORK/serve.err")" = 601 &&
	test "$(grep -c "access: .*access: " "$WORK/serve.err")" = 0
'

test_done
