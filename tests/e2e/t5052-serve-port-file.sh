#!/bin/sh
# t5052-serve-port-file.sh - `serve --port-file`: the port is written
# through a temporary file renamed into place; when that fails, serve
# exits 1 saying why and leaves no temporary file behind.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

test_expect '-bad- a port file under a regular file: exit 1, a clear message' '
	expect_status 1 sigsurvey serve --listen 127.0.0.1:0 \
		--port-file /etc/passwd/x >out 2>err &&
	contains err "cannot write /etc/passwd/x" &&
	contains err "Not a directory" &&
	test ! -e /etc/passwd/x.tmp
'

test_expect '-bad- a port file that cannot replace what is there: no .tmp left' '
	mkdir -p taken/inside &&
	expect_status 1 sigsurvey serve --listen 127.0.0.1:0 \
		--port-file taken >out 2>err &&
	contains err "cannot write taken" &&
	test -d taken/inside &&
	test ! -e taken.tmp
'

test_expect 'a port file is written whole' '
	sigsurvey serve --listen 127.0.0.1:0 --port-file port >out 2>err &
	pid=$! && n=0 &&
	while [ ! -s port ] && [ $n -lt 200 ]; do n=$((n + 1)); sleep 0.05; done &&
	kill -TERM $pid && wait $pid &&
	grep -qx "[0-9][0-9]*" port &&
	test ! -e port.tmp
'

test_done
