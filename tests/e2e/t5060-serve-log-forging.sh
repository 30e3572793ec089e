#!/bin/sh
# t5060-serve-log-forging.sh - request text in the log stays on its line:
# a percent-encoded newline cannot forge a log line, an escape byte never
# reaches the terminal, invalid UTF-8 is shown as \xNN.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"

start_server --log-ip

test_expect '-bad- a %0a in the path forges no log line' '
	test "$(curl -s -o /dev/null -w "%{http_code}" \
		"$URL/%0asigsurvey:%20admin:%20mallory%20signed%20in")" = 404 &&
	test "$(curl -s -o /dev/null -w "%{http_code}" \
		"$URL/x%0d%0aaccess:%20127.0.0.1%20GET%20/forged%20200")" = 404 &&
	log_wait "mallory signed in 404" && log_wait "/forged 200 404" &&
	! grep -q "^sigsurvey: admin: mallory" "$WORK/serve.err" &&
	! grep -q "^access: 127.0.0.1 GET /forged" "$WORK/serve.err" &&
	contains "$WORK/serve.err" "GET /\\x0asigsurvey: admin: mallory signed in 404" &&
	contains "$WORK/serve.err" "GET /x\\x0d\\x0aaccess: 127.0.0.1 GET /forged 200 404"
'

test_expect '-bad- terminal escapes and invalid UTF-8 are written as \xNN' '
	curl -g -s -o /dev/null "$URL/%1b[31mred%7f" &&
	curl -s -o /dev/null "$URL/bad%ff%c3%28-caf%c3%a9" &&
	log_wait "red.* 404" && log_wait "caf.* 404" &&
	! grep -q "$(printf "\033")" "$WORK/serve.err" &&
	! grep -q "$(printf "\177")" "$WORK/serve.err" &&
	contains "$WORK/serve.err" "GET /\\x1b[31mred\\x7f 404" &&
	contains "$WORK/serve.err" "GET /bad\\xff\\xc3(-café 404" &&
	python3 -c "open(\"$WORK/serve.err\", encoding=\"utf-8\").read()"
'

test_expect '-bad- a %00 in the path: 404, logged as it was sent' '
	test "$(curl -s -o /dev/null -w "%{http_code}" "$URL/abc%00def")" = 404 &&
	test "$(curl -s -o /dev/null -w "%{http_code}" "$URL/f/member-survey%00")" = 404 &&
	log_wait "GET /abc%00def 404" &&
	log_wait "GET /f/member-survey%00 404"
'

test_expect '-bad- a backslash in the path is written \\x5c, not taken for an escape' '
	test "$(curl -s --path-as-is -o /dev/null -w "%{http_code}" "$URL/%5cx0aforged")" = 404 &&
	log_wait "forged 404" &&
	contains "$WORK/serve.err" "GET /\\x5cx0aforged 404"
'

stop_server
test_done
