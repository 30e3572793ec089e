#!/bin/sh
# t5062-serve-request-size.sh - each connection has 16 KiB for its request
# head: a browser's largest ordinary head (6 KB of cookies, a long
# Referer, a long User-Agent) is served, and a form posted with it is
# stored; a head too big for that memory gets 431 and the server goes on.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"

start_server --min-fill-seconds 0
add_event ev 'Event' || echo "Bail out! cannot add an event"
EF="$URL/f/event-feedback/ev"

cookies=$(for i in 1 2 3 4 5 6; do printf 'c%s=%s; ' "$i" "$(head -c 990 /dev/zero | tr '\0' 'v')"; done)
referer="https://example.org/$(head -c 500 /dev/zero | tr '\0' 'r')"
agent="Mozilla/5.0 $(head -c 300 /dev/zero | tr '\0' 'a')"

test_expect 'a page with 7 KB of request head is served' '
	test "$(curl -s -o page.html -w "%{http_code}" -H "Cookie: $cookies" \
		-e "$referer" -A "$agent" "$EF")" = 200 &&
	contains page.html "name=\"_token\""
'

test_expect 'a form posted with that head and a 36 KB body is stored' '
	long=$(printf "%2000s" "" | sed "s/ /\xe4\xb8\xad/g") &&
	test "$(curl -s -o out.html -w "%{http_code}" -H "Cookie: $cookies" \
		-e "$referer" -A "$agent" \
		--data "_token=$(token page.html)&_page=0&overall=4" \
		--data-urlencode "worked=$long" --data-urlencode "improve=$long" \
		"$EF")" = 303 &&
	test "$(q "SELECT count(*) FROM response")" = 1 &&
	test "$(q "SELECT length(text) FROM answer WHERE key = '"'"'worked'"'"'")" = 2000
'

test_expect '-bad- a 20 KB request head gets 431, and the server goes on' '
	big=$(head -c 20000 /dev/zero | tr "\0" "h") &&
	test "$(curl -s -o /dev/null -w "%{http_code}" -H "X-Big: $big" "$EF")" = 431 &&
	test "$(curl -s -o /dev/null -w "%{http_code}" "$EF")" = 200
'

stop_server
test_done
