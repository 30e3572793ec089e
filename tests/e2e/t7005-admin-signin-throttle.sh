#!/bin/sh
# t7005-admin-signin-throttle.sh - sign-in throttling keyed on the
# account and the client together: failures with made-up names do not
# wipe a real account's failures (they never had a slot to take), a
# client's failures do not stop another client's right password, the
# hourly cap holds back only clients that have failed, and `sigsurvey
# user unlock` clears an account's delays. Clients are addresses on
# 127.0.0.0/8 (curl --interface).
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"
. "$TOP/tests/e2e/lib-admin.sh"

add_user target admin 'target-pass' &&
add_user victim viewer 'victim-pass' || echo "Bail out! setup failed"
start_admin_server --min-fill-seconds 0

# from ADDR NAME PASSWORD: signs in from ADDR; the status
from() {
	curl -s -o "$WORK/from.html" -w '%{http_code}' --interface "$1" \
		-H "Origin: $URL" --data-urlencode "name=$2" \
		--data-urlencode "password=$3" "$URL/admin/login"
}

# failures NAME: the failures counted for NAME, all clients
failures() {
	q "SELECT coalesce(sum(f.failures), 0) FROM signin_failure f
	   JOIN account a ON a.id = f.account WHERE a.name = '$1'"
}

# fake_config N: a curl config for N sign-ins from 127.0.0.5 with
# made-up names, on one connection, each writing its status on a line
fake_config() {
	i=0
	while [ $i -lt "$1" ]; do
		i=$((i + 1))
		[ $i -gt 1 ] && echo next
		printf 'url = "%s/admin/login"\n' "$URL"
		printf 'interface = 127.0.0.5\noutput = /dev/null\n'
		printf 'header = "Origin: %s"\n' "$URL"
		printf 'data = "name=made-up-%d&password=guess"\n' $i
		printf 'write-out = "%%{http_code}\\n"\n'
	done
}

test_expect '-bad- four wrong passwords from one client delay that client' '
	for i in 1 2 3 4; do
		s=$(from 127.0.0.2 target "guess-$i")
		test "$s" = 401 || { fail "guess $i: $s"; exit 1; }
	done &&
	test "$(from 127.0.0.2 target target-pass)" = 429 &&
	contains "$WORK/from.html" "Too many failed attempts" &&
	test "$(failures target)" = 4
'

test_expect 'they do not stop the right password from another client' '
	test "$(from 127.0.0.3 target target-pass)" = 303 &&
	test "$(from 127.0.0.2 target target-pass)" = 429
'

test_expect 'sigsurvey user unlock clears the delay' '
	sigsurvey user unlock target >out &&
	contains out "unlocked target (1 client had failed)" &&
	test "$(failures target)" = 0 &&
	test "$(from 127.0.0.2 target target-pass)" = 303 &&
	expect_status 1 sigsurvey user unlock nobody 2>err &&
	contains err "no user nobody" &&
	sigsurvey user --help >help &&
	contains help "sigsurvey user unlock NAME"
'

test_expect '-bad- the hourly cap holds back only clients that have failed' '
	test "$(from 127.0.0.6 target wrong)" = 401 &&
	q "UPDATE signin_failure SET recent = 100" &&
	test "$(from 127.0.0.6 target target-pass)" = 429 &&
	test "$(from 127.0.0.7 target target-pass)" = 303 &&
	sigsurvey user unlock target >/dev/null
'

# five failures: the fifth only after the 4 s delay of the fourth, and
# then 8 s to wait, longer than the made-up names below take
test_expect 'setup: five failures for victim from 127.0.0.4' '
	for i in 1 2 3 4; do
		s=$(from 127.0.0.4 victim "guess-$i")
		test "$s" = 401 || { fail "guess $i: $s"; exit 1; }
	done &&
	sleep 4.2 &&
	test "$(from 127.0.0.4 victim guess-5)" = 401 &&
	test "$(failures victim)" = 5
'

test_expect '-bad- 1,100 made-up names from another client leave them counted' '
	fake_config 1100 >fakes.cfg &&
	start=$(date +%s) &&
	curl -s -K fakes.cfg >codes &&
	{ test "$(wc -l <codes)" = 1100 || fail "lines: $(wc -l <codes) $(head -c 300 codes)"; } &&
	{ test "$(grep -c "^401$" codes)" = 11 || fail "codes: $(sort codes | uniq -c | tr "\n" " ")"; } &&
	test "$(grep -c "^429$" codes)" = 1089 &&
	test "$(failures victim)" = 5 &&
	s=$(from 127.0.0.4 victim victim-pass) &&
	{ test "$s" = 429 || fail "victim after $(( $(date +%s) - start )) s: $s"; } &&
	test "$(q "SELECT count(*) FROM signin_failure f JOIN account a ON a.id = f.account WHERE a.name LIKE '\''made-up-%'\''")" = 0
'

test_expect 'the right password from a client that never failed still works' '
	test "$(from 127.0.0.8 victim victim-pass)" = 303
'

stop_server
test_done
