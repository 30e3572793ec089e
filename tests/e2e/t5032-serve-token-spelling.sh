#!/bin/sh
# t5032-serve-token-spelling.sh - a form token has one spelling: the same
# page sent again with a byte of its token respelt (libsodium 1.0.18 reads
# bytes from 0x80 up as base64url '_') is refused, not stored twice.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"

start_server --min-fill-seconds 0
add_event ev 'Event' || echo "Bail out! cannot add an event"
EF="$URL/f/event-feedback/ev"

responses() { q "SELECT count(*) FROM response"; }

test_expect 'a response sent twice with the same token is stored once' '
	n=0 && t= &&
	while [ $n -lt 40 ] && ! expr "$t" : ".*_" >/dev/null; do
		curl -s -o f.html "$EF" && t=$(token f.html) && n=$((n + 1))
	done &&
	expr "$t" : ".*_" >/dev/null &&
	echo "$t" >"$WORK/tok" &&
	test "$(post "$EF" "_token=$t&overall=5" x)" = 303 &&
	test "$(responses)" = 1 &&
	post "$EF" "_token=$t&overall=5" x >/dev/null &&
	test "$(responses)" = 1
'

test_expect '-bad- the token with a high byte for its underscore is refused' '
	t=$(cat "$WORK/tok") &&
	for b in 80 c3 ff; do
		r=$(printf "%s" "$t" | sed "s/_/%$b/") &&
		test "$(post "$EF" "_token=$r&overall=5" out.html)" = 400 &&
		contains out.html "We could not check that this form came from this site" ||
		return 1
	done &&
	test "$(responses)" = 1
'

stop_server
test_done
