#!/bin/sh
# t5030-serve-protection.sh - form tokens, the honeypot and the request
# limits: bots see the thank-you page and nothing is stored; forged,
# foreign or expired tokens re-render the form with the answers kept;
# oversized requests get a 413 page and the server goes on serving.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"

start_server --min-fill-seconds 0 --max-body 8192
add_event ev 'Event' && add_event other 'Another event' ||
	echo "Bail out! cannot add events"
EF="$URL/f/event-feedback/ev"

responses() { q "SELECT count(*) FROM response"; }

test_expect 'a filled honeypot gets the thank-you page and stores nothing' '
	curl -s -o f.html "$EF" && t=$(token f.html) &&
	curl -s -o /dev/null -D h --data "_token=$t&overall=5&your-website=http%3A%2F%2Fspam.example" "$EF" &&
	grep -qi "^HTTP/1.1 303" h &&
	grep -qi "^Location: /f/event-feedback/ev/thanks" h &&
	test "$(responses)" = 0 &&
	grep -q "spam: honeypot filled on event-feedback (1 dropped so far)" "$WORK/serve.err"
'

test_expect '-bad- a forged token: 400, answers kept, a fresh token' '
	test "$(post "$EF" "_token=MQpmYWtl.AAAA&overall=4&improve=Keep+me" out.html)" = 400 &&
	contains out.html "We could not check that this form came from this site" &&
	contains out.html ">Keep me</textarea>" &&
	grep -q "name=\"overall\" value=\"4\" checked" out.html &&
	nt=$(token out.html) && test -n "$nt" && test "$nt" != "MQpmYWtl.AAAA" &&
	test "$(post "$EF" "_token=$nt&overall=4" x)" = 303 &&
	test "$(responses)" = 1
'

test_expect '-bad- no token at all: 400 with the form again' '
	test "$(post "$EF" "overall=4" out.html)" = 400 &&
	test -n "$(token out.html)" &&
	test "$(responses)" = 1
'

test_expect '-bad- a token for another event or form is refused' '
	curl -s -o o.html "$URL/f/event-feedback/other" && ot=$(token o.html) &&
	test "$(post "$EF" "_token=$ot&overall=4" x)" = 400 &&
	curl -s -o t.html "$URL/f/training-ideas" && tt=$(token t.html) &&
	test "$(post "$EF" "_token=$tt&overall=4" x)" = 400 &&
	test "$(responses)" = 1
'

test_expect '-bad- a tampered token is refused' '
	curl -s -o f.html "$EF" && t=$(token f.html) &&
	c=$(printf %s "$t" | cut -c 41) && r=A && { [ "$c" != A ] || r=B; } &&
	bad=$(printf %s "$t" | sed "s/^\(.\{40\}\)./\1$r/") &&
	test ${#bad} = ${#t} && test "$bad" != "$t" &&
	test "$(post "$EF" "_token=$bad&overall=4" x)" = 400
'

# the tokens made here are of the first format (payload.HMAC), which the
# collector still accepts for pages served before an upgrade
test_expect 'an expired token (over 24 hours) asks to send again, answers kept' '
	key=$(q "SELECT hex(value) FROM secret WHERE name = '\''form-token'\''") &&
	test -n "$key" &&
	old=$(python3 -c "
import base64, hmac, hashlib, sys, time
key = bytes.fromhex(sys.argv[1])
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b\"=\").decode()
p = (\"1\nevent-feedback\nev\n%d\n\" % (time.time() - 25 * 3600)).encode() + b64(b\"0123456789abcdef\").encode()
print(b64(p) + \".\" + b64(hmac.new(key, p, hashlib.sha512).digest()[:32]))
" "$key") &&
	test "$(post "$EF" "_token=$old&overall=2&worked=Old+tab" out.html)" = 422 &&
	contains out.html "This page was open for a long time" &&
	contains out.html ">Old tab</textarea>" &&
	nt=$(token out.html) && test "$nt" != "$old" &&
	test "$(responses)" = 1 &&
	fresh=$(python3 -c "
import base64, hmac, hashlib, sys, time
key = bytes.fromhex(sys.argv[1])
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b\"=\").decode()
p = (\"1\nevent-feedback\nev\n%d\n\" % (time.time() - 60)).encode() + b64(b\"fedcba9876543210\").encode()
print(b64(p) + \".\" + b64(hmac.new(key, p, hashlib.sha512).digest()[:32]))
" "$key") &&
	test "$(post "$EF" "_token=$fresh&overall=2" x)" = 303 &&
	test "$(responses)" = 2
'

test_expect 'a body over --max-body gets the 413 page, answers kept' '
	big=$(head -c 7000 /dev/zero | tr "\0" "a") &&
	pad=$(head -c 2000 /dev/zero | tr "\0" "b") &&
	curl -s -o out.html -D h --data "overall=3&improve=$big&liked=$pad" "$EF" &&
	grep -qi "^HTTP/1.1 413" h &&
	grep -qi "^X-Content-Type-Options: nosniff" h &&
	contains out.html "Your answers are too long to send" &&
	contains out.html "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" &&
	grep -q "value=\"3\" checked" out.html &&
	test "$(responses)" = 2
'

test_expect 'a chunked body (no Content-Length) gets 411 (see t5035)' '
	head -c 20000 /dev/zero | tr "\0" "b" | sed "s/^/improve=/" >big.body &&
	curl -s -o out.html -w "%{http_code}" -H "Transfer-Encoding: chunked" \
		-H "Content-Type: application/x-www-form-urlencoded" \
		--data-binary @big.body "$EF" >code &&
	test "$(cat code)" = 411 &&
	contains out.html "Content-Length"
'

test_expect 'too many fields, or one field too long, gets a 413 page' '
	curl -s -o f.html "$EF" && t=$(token f.html) &&
	many=$(i=0; while [ $i -lt 300 ]; do printf "x=1&"; i=$((i+1)); done) &&
	test "$(post "$EF" "_token=$t&${many}overall=3" out.html)" = 413 &&
	contains out.html "more answers than the form&#39;s questions can have"
'

test_expect 'a field longer than its question allows: 422 says what to cut' '
	cat >long.sh <<-\EOT &&
	set -e
	sigsurvey serve --listen 127.0.0.1:0 --port-file p2 --max-body 65536 --min-fill-seconds 0 2>err2 &
	pid=$!
	n=0; while [ ! -s p2 ] && [ $n -lt 200 ]; do n=$((n+1)); sleep 0.05; done
	u=http://127.0.0.1:$(cat p2)/f/event-feedback/ev
	curl -s -o f2.html "$u"
	t=$(sed -n "s/.*name=\"_token\" value=\"\([^\"]*\)\".*/\1/p" f2.html)
	v=$(head -c 17000 /dev/zero | tr "\0" "c")
	code=$(curl -s -o out2.html -w "%{http_code}" --data "_token=$t&overall=3&improve=$v" "$u")
	kill $pid; wait $pid || true
	test "$code" = 422
	grep -q "Use 2000 characters or fewer (you entered 17000)" out2.html
	grep -q ">$v</textarea>" out2.html
	EOT
	sh long.sh
'

test_expect 'a body that is not a form gets 415, and the server goes on' '
	test "$(curl -s -o out.html -w "%{http_code}" -H "Content-Type: application/json" --data "{}" "$EF")" = 415 &&
	test "$(curl -s -o /dev/null -w "%{http_code}" "$URL/health")" = 200
'

test_expect 'headers past the memory limit are refused, others still served' '
	huge=$(head -c 40000 /dev/zero | tr "\0" "h") &&
	code=$(curl -s -o /dev/null -w "%{http_code}" -H "X-Big: $huge" "$URL/") &&
	test "$code" = 431 &&
	test "$(curl -s -o /dev/null -w "%{http_code}" "$URL/")" = 200
'

test_expect 'no respondent address is stored anywhere' '
	! sqlite3 "$SIGSURVEY_DB" .dump | grep -q "127\.0\.0\.1"
'

stop_server
test_done
