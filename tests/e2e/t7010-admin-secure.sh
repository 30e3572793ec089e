#!/bin/sh
# t7010-admin-secure.sh - behind HTTPS: with --secure-cookies the session
# cookie is Secure and only https origins may post; an https --base-url
# implies it, puts the cookie's path under the prefix, and the setup link
# and redirects use the public address.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"
. "$TOP/tests/e2e/lib-admin.sh"

start_admin_server --min-fill-seconds 0 --secure-cookies
host=${URL#http://}

test_expect '--secure-cookies: the session cookie is Secure' '
	tok=${SETUP#*token=} &&
	test "$(curl -s -o /dev/null -D h.txt -w "%{http_code}" \
		-H "Origin: https://$host" \
		--data "token=$tok&name=chair&password=12345678&password2=12345678" \
		"$URL/admin/setup")" = 303 &&
	grep -i "^Set-Cookie:" h.txt | grep -q "; HttpOnly; SameSite=Strict; Max-Age=43200; Secure"
'

test_expect '-bad- --secure-cookies: a plain http origin may not post' '
	test "$(curl -s -o /dev/null -w "%{http_code}" -H "Origin: $URL" \
		--data "name=chair&password=12345678" "$URL/admin/login")" = 403 &&
	test "$(curl -s -o /dev/null -w "%{http_code}" -H "Origin: https://$host" \
		--data "name=chair&password=12345678" "$URL/admin/login")" = 303
'

stop_server
rm -f "$SIGSURVEY_DB" "$SIGSURVEY_DB-wal" "$SIGSURVEY_DB-shm"
start_admin_server --min-fill-seconds 0 --base-url https://example.org/feedback/

test_expect 'an https base URL: the setup link is public, the cookie Secure under the prefix' '
	case "$SETUP" in "https://example.org/feedback/admin/setup?token="*) ;;
	*) fail "setup link: $SETUP" ;; esac &&
	tok=${SETUP#*token=} &&
	test "$(curl -s -o /dev/null -D h2.txt -w "%{http_code}" \
		-H "Origin: https://example.org" \
		--data "token=$tok&name=chair&password=12345678&password2=12345678" \
		"$URL/admin/setup")" = 303 &&
	grep -qi "^Location: /feedback/admin" h2.txt &&
	grep -i "^Set-Cookie:" h2.txt | grep -q "Path=/feedback/admin; HttpOnly; SameSite=Strict; Max-Age=43200; Secure"
'

test_expect '-bad- an https base URL: posts from elsewhere are refused' '
	test "$(curl -s -o refused.html -w "%{http_code}" -H "Origin: $URL" \
		--data "name=chair&password=12345678" "$URL/admin/login")" = 403 &&
	contains refused.html "this site&#39;s address, https://example.org/feedback. Open https://example.org/feedback/admin/ and try again there." &&
	test "$(curl -s -o /dev/null -w "%{http_code}" -H "Origin: http://example.org" \
		--data "name=chair&password=12345678" "$URL/admin/login")" = 403 &&
	test "$(curl -s -o /dev/null -w "%{http_code}" -H "Origin: https://example.org.evil" \
		--data "name=chair&password=12345678" "$URL/admin/login")" = 403 &&
	test "$(curl -s -o /dev/null -w "%{http_code}" -H "Referer: https://example.org/feedback/admin/login" \
		--data "name=chair&password=12345678" "$URL/admin/login")" = 303
'

stop_server
test_done
