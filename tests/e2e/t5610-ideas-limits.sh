#!/bin/sh
# t5610-ideas-limits.sh - votes behind a TLS proxy and under a tight
# per-client limit: the voter cookie is Secure when --base-url is https,
# votes get five times the submissions' limit per client, then 429.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"

start_server --min-fill-seconds 0 --rate-limit 1 --base-url https://ill.example.org
q "INSERT INTO idea (form, topic, status, created, changed)
   VALUES ('training-ideas', 'Copyright basics', 'suggested', 1, 1)" ||
	echo "Bail out! cannot add an idea"

vote() {    # vote JAR: prints the status
	curl -s -c "$1" -b "$1" -o board.html "$URL/ideas" &&
	curl -s -c "$1" -b "$1" -o /dev/null -D vh -w '%{http_code}' \
		--data-binary "_token=$(token board.html)" \
		-H 'Content-Type: application/x-www-form-urlencoded' \
		"$URL/ideas/1/vote"
}

test_expect 'behind https the voter cookie is Secure, HttpOnly, SameSite=Lax' '
	test "$(vote j0)" = 303 &&
	grep -qi "^Set-Cookie: sigsurvey_voter=[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*; Path=/ideas; HttpOnly; SameSite=Lax; Max-Age=[0-9]*; Secure" vh
'

test_expect '-bad- a forged voter cookie is replaced, not trusted' '
	printf "127.0.0.1\tFALSE\t/ideas\tFALSE\t0\tsigsurvey_voter\tAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n" >forged &&
	test "$(vote forged)" = 303 &&
	grep -qi "^Set-Cookie: sigsurvey_voter=" vh &&
	test "$(q "SELECT votes FROM idea")" = 2
'

test_expect '-bad- past five votes a minute from one client: 429' '
	for n in 1 2 3; do
		test "$(vote "j$n")" = 303 || return 1
	done &&
	test "$(vote j9)" = 429 &&
	test "$(q "SELECT votes FROM idea")" = 5
'

stop_server
test_done
