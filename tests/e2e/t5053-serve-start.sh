#!/bin/sh
# t5053-serve-start.sh - what `sigsurvey serve` prints at start: the
# one-time setup link while no committee account exists, and after that
# the committee area's address (with --base-url, the public one).
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"

# serve_once [OPTIONS]: starts, waits for the start lines, stops.
serve_once() {
	start_server "$@"
	n=0
	until grep -q "admin" "$WORK/serve.out" || [ $n -gt 100 ]; do
		n=$((n + 1))
		sleep 0.05
	done
	kill -TERM "$SERVER_PID" && wait "$SERVER_PID"
}

serve_once
mv "$WORK/serve.out" "$WORK/first.out"
test_expect 'with no account, serve prints the setup link' '
	contains "$WORK/first.out" "sigsurvey: listening on $URL/" &&
	contains "$WORK/first.out" "create the first admin at $URL/admin/setup?token=" &&
	lacks "$WORK/first.out" "committee area at"
'

printf '%s\n' 'a long passphrase' | sigsurvey user add chair --role admin >/dev/null
serve_once
mv "$WORK/serve.out" "$WORK/again.out"
test_expect 'once an account exists, serve says where the committee signs in' '
	contains "$WORK/again.out" "sigsurvey: committee area at $URL/admin/" &&
	lacks "$WORK/again.out" "setup?token="
'

serve_once --base-url https://feedback.example.org/sig/
mv "$WORK/serve.out" "$WORK/base.out"
test_expect 'behind a proxy, the address printed is the public one' '
	contains "$WORK/base.out" "sigsurvey: committee area at https://feedback.example.org/sig/admin/"
'

test_done
