#!/bin/sh
# t5045-serve-store-state.sh - the store's state is told, not hidden:
# `export` of a damaged database exits 1 with a clear message, and
# /health answers 503 while commits fail (a file size limit put on the
# running server with prlimit stands in for a full disk), 200 again
# once a commit succeeds.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"

test_expect 'setup: demo data' '
	sigsurvey demo --events 4 --responses 300 --today 2026-11-01 >/dev/null
'

test_expect '-bad- export of a damaged copy exits 1 and says why' '
	pages=$(($(stat -c %s "$SIGSURVEY_DB") / 4096)) &&
	for i in 0 1 2; do
		cp "$SIGSURVEY_DB" bad.db &&
		head -c 4096 /dev/zero | tr "\0" "\377" >junk &&
		dd if=junk of=bad.db bs=4096 seek=$((pages / 2 + i * 5)) count=1 \
			conv=notrunc 2>/dev/null &&
		expect_status 1 env SIGSURVEY_DB=$WORK/bad.db \
			sigsurvey export --form event-feedback -o out.csv 2>err &&
		contains err "bad.db is damaged" && test ! -e out.csv || return 1
	done
'

test_expect 'export of the sound database still works' '
	sigsurvey export --form event-feedback -o good.csv &&
	test "$(wc -l <good.csv)" -gt 100
'

# SIGXFSZ ignored (inherited by the server): a write past the limit then
# fails with EFBIG instead of killing the process.
trap '' XFSZ
start_server --min-fill-seconds 0
add_event ev 'Event' || echo "Bail out! cannot add an event"
EF="$URL/f/event-feedback/ev"

submit() {
	curl -s -o f.html "$EF" && t=$(token f.html) &&
	post "$EF" "_token=$t&overall=4" out.html
}
health() { curl -s -o health.txt -w "%{http_code}" "$URL/health"; }

test_expect '/health says 200 while commits succeed' '
	test "$(submit)" = 303 && test "$(health)" = 200 &&
	contains health.txt ok
'

# prlimit comes with util-linux (tools/deps.sh test).
test_expect '-bad- /health says 503 while commits fail' '
	old=$(prlimit --pid "$SERVER_PID" --fsize --raw --noheadings \
		-o SOFT) &&
	prlimit --pid "$SERVER_PID" --fsize=1024: &&
	code=$(submit);
	prlimit --pid "$SERVER_PID" --fsize="$old": &&
	test "$code" = 503 &&
	test "$(health)" = 503 &&
	contains health.txt "cannot store responses" &&
	test "$(q "SELECT count(*) FROM response WHERE token IS NOT NULL
		   AND event = (SELECT id FROM event WHERE key = '\''ev'\'')")" = 1
'
test_expect '/health is 200 again after a commit succeeds' '
	test "$(submit)" = 303 && test "$(health)" = 200
'

stop_server
test_done
