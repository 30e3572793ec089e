#!/bin/sh
# t7050-admin-routes.sh - the committee area's route table: who may use
# which method of a page (403 for a viewer, 405 with Allow for a method
# the page does not take), the number of path segments (404 past it),
# and request values checked into typed values before any page runs
# (400 naming the field).
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"
. "$TOP/tests/e2e/lib-admin.sh"

add_user chair admin 'chair-password' &&
add_user reader viewer 'reader-password' &&
add_event route-check "Route check" ||
	echo "Bail out! setup failed"
start_admin_server --min-fill-seconds 0

# ahead PATH METHOD [DATA] [JAR]: status and Allow header, one line.
ahead() {
	curl -s -o "$WORK/ahead.html" -D "$WORK/ahead.h" -w '%{http_code}' \
		-X "$2" -b "${4:-$WORK/jar}" -H "Origin: $URL" \
		${3:+--data-binary "$3"} "$URL$1" >"$WORK/ahead.s" &&
	printf '%s %s\n' "$(cat "$WORK/ahead.s")" \
		"$(sed -n 's/^Allow: \(.*\)\r$/\1/p' "$WORK/ahead.h")"
}

test_expect 'an admin and a viewer sign in' '
	test "$(login chair chair-password "$WORK/jar")" = 303 &&
	test "$(login reader reader-password "$WORK/jar-v")" = 303 &&
	test "$(aget /admin dash.html)" = 200 &&
	test "$(aget /admin v.html "$WORK/jar-v")" = 200
'

test_expect '-bad- a viewer posting to an admin-only page gets 403' '
	vt=$(csrf v.html) &&
	test "$(apost /admin/users "_csrf=$vt&action=add&name=x1&role=admin&password=12345678" out.html "$WORK/jar-v")" = 403 &&
	contains out.html "Only an admin can do this" &&
	test "$(apost /admin/events/route-check "_csrf=$vt&action=close" out.html "$WORK/jar-v")" = 403 &&
	test "$(q "SELECT count(*) FROM account WHERE name = '\''x1'\''")" = 0 &&
	test "$(q "SELECT closes IS NULL FROM event WHERE key = '\''route-check'\''")" = 1
'

test_expect '-bad- a method a page does not take gets 405 with Allow' '
	tok=$(csrf dash.html) &&
	test "$(ahead /admin/logout GET)" = "405 POST" &&
	test "$(ahead /admin POST "_csrf=$tok")" = "405 GET, HEAD" &&
	test "$(ahead /admin/responses POST "_csrf=$tok")" = "405 GET, HEAD" &&
	test "$(ahead /admin/events/route-check/qr.png POST "_csrf=$tok")" = "405 GET, HEAD" &&
	test "$(ahead "/admin/report?form=event-feedback" POST "_csrf=$tok")" = "405 GET, HEAD" &&
	test "$(ahead /admin/events PUT)" = "405 GET, HEAD, POST" &&
	contains "$WORK/ahead.html" "This action is not allowed" &&
	test "$(q "SELECT closes IS NULL FROM event WHERE key = '\''route-check'\''")" = 1
'

test_expect '-bad- more or fewer path segments than a page has are 404' '
	for r in /admin/users/x /admin/responses/1/x /admin/events/route-check/qr.png/x \
		 /admin/forms /admin/forms/event-feedback/x /admin/report/x \
		 /admin/logout/x /admin/events/route-check/x; do
		s=$(aget "$r" out.html)
		test "$s" = 404 || { fail "GET $r: $s"; exit 1; }
		contains out.html "Page not found" || exit 1
	done &&
	test "$(aget /admin/events/route-check/qr.png ok.png)" = 200 &&
	test "$(aget /admin/forms/event-feedback ok.html)" = 200
'

test_expect '-bad- a malformed value answers 400 naming the field' '
	test "$(aget "/admin/responses?page=abc" b1.html)" = 400 &&
	contains b1.html "A value is not valid" &&
	contains b1.html "<code>page</code>" &&
	contains b1.html "a page number from 1" &&
	test "$(aget "/admin/responses?page=0" b2.html)" = 400 &&
	test "$(aget "/admin/responses?event=../x" b3.html)" = 400 &&
	contains b3.html "<code>event</code>" &&
	test "$(aget "/admin/forms/event-feedback?from=2026-13-01" b4.html)" = 400 &&
	contains b4.html "<code>from</code>" &&
	test "$(aget "/admin/responses?page=1&page=2" b5.html)" = 400 &&
	test "$(aget "/admin/export?form=event-feedback&labels=yes%00" b6.html)" = 400 &&
	tok=$(csrf dash.html) &&
	test "$(apost /admin/users "_csrf=$tok&action=add&name=x2&role=boss&password=12345678" b7.html)" = 400 &&
	contains b7.html "<code>role</code>" &&
	test "$(q "SELECT count(*) FROM account WHERE name = '\''x2'\''")" = 0
'

test_expect 'valid typed values are used' '
	test "$(aget "/admin/responses?page=2&form=event-feedback&event=route-check&from=2026-01-01&to=" ok.html)" = 200 &&
	contains ok.html "0 responses match" &&
	contains ok.html "value=\"route-check\"" &&
	test "$(aget "/admin/export?form=event-feedback&event=route-check&labels=1" ok.csv)" = 200
'

stop_server
test_done
