#!/bin/sh
# t5051-serve-one-per-port.sh - one server per address: a second
# `sigsurvey serve` on a port that is taken exits 1 with a message that
# says so, and the first keeps serving every request from its database.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"

sigsurvey event add --form event-feedback --key first-db --title "Only in the first database" \
	--date "$(date +%Y-%m-%d)" >/dev/null || echo "Bail out! event add failed"
start_server

test_expect '-bad- a second serve on the same address exits 1 and says why' '
	expect_status 1 timeout 10 sigsurvey --db "$WORK/second.db" serve \
		--listen "127.0.0.1:$PORT" >out 2>err &&
	contains err "sigsurvey: 127.0.0.1:$PORT is in use (is another sigsurvey running?)" &&
	lacks err "Failed to bind" &&
	lacks out "listening on"
'

test_expect 'every request still reaches the first server' '
	for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
		curl -s "$URL/" | grep -c "Only in the first database" || return 1
	done >counts &&
	test "$(grep -c "^1$" counts)" = 12
'

stop_server
test_done
