#!/bin/sh
# t5054-serve-respondents.sh - every answer a person sends is stored or
# handed back, with `serve` at its default settings, driven as a browser
# would: the form page first, its hidden fields and token, then the POST.
# One block per case: too fast, a room on one address, long answers in
# non-Latin scripts, closing while filling in, event windows, conditions
# in a chain, numbers as people type them, the same page sent again.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"

mkdir -p "$WORK/forms" &&
cp "$TOP"/tests/fixtures/forms-respond/*.yaml "$TOP/forms/member-survey.yaml" \
	"$WORK/forms/" || echo "Bail out! cannot copy the forms"
SIGSURVEY_FORMS="$WORK/forms"
export SIGSURVEY_FORMS

start_server
# add_session KEY [ATTENDEES] [OPENS] [CLOSES]
add_session() {
	q "INSERT INTO event (key, form, title, date, attendees, opens, closes,
			      created)
	   VALUES ('$1', 'session-feedback', 'Session $1', date('now'),
		   ${2:-NULL}, ${3:-NULL}, ${4:-NULL}, strftime('%s', 'now'))"
}
add_session s1 && add_session room 60 && add_session late ||
	echo "Bail out! cannot add events"
S1="$URL/f/session-feedback/s1"
n_stored() { q "SELECT count(*) FROM response WHERE $1"; }

# form_body FILE: the hidden fields of a saved form page as a body.
form_body() {
	t=$(token "$1") &&
	p=$(sed -n 's/.*name="_page" value="\([0-9]*\)".*/\1/p' "$1" | head -n 1) &&
	printf '_token=%s&_page=%s' "$t" "$p" &&
	c=$(sed -n 's/.*name="_confirm" value="\([0-9a-f]*\)".*/\1/p' "$1" | head -n 1) &&
	if [ -n "$c" ]; then printf '&_confirm=%s' "$c"; fi
}

# ---- 1: too fast ----

test_expect '1: a send sooner than 3 s is shown back for one confirming click' '
	curl -s -o f.html "$S1" &&
	b="$(form_body f.html)&attended=yes&wants_reply=no&liked=Quick+one&_action=submit" &&
	test "$(post "$S1" "$b" c.html)" = 200 &&
	contains c.html "Please check your answers below" &&
	contains c.html "Quick one" &&
	grep -q "name=\"_confirm\" value=\"[0-9a-f]\{64\}\"" c.html &&
	test "$(token c.html)" = "$(token f.html)" &&
	test "$(n_stored "1")" = 0 &&
	b2="$(form_body c.html)&attended=yes&wants_reply=no&liked=Quick+one&_action=submit" &&
	test "$(post "$S1" "$b2" x)" = 303 &&
	test "$(n_stored "1")" = 1 &&
	grep -q "too fast: asked to confirm on session-feedback (1 asked, 0 confirmed so far)" "$WORK/serve.err"
'

test_expect '1: the first page sent again after confirming is not stored twice' '
	b="$(form_body f.html)&attended=yes&wants_reply=no&liked=Quick+one&_action=submit" &&
	test "$(post "$S1" "$b" again.html)" = 200 &&
	contains again.html "already received" &&
	test "$(n_stored "1")" = 1
'

test_expect '1: -bad- a confirmation not given by the page is asked again' '
	curl -s -o g.html "$S1" &&
	b="$(form_body g.html)&_confirm=1&attended=yes&wants_reply=no&liked=Forged&_action=submit" &&
	test "$(post "$S1" "$b" h.html)" = 200 &&
	contains h.html "Please check your answers below" &&
	test "$(n_stored "1")" = 1
'

test_expect '1: Continue on page 1 of a multi-page form is never timed' '
	curl -s -o m1.html "$URL/f/member-survey" &&
	b="$(form_body m1.html)&library_type=public&library_size=s2&role=ill_lead&_action=next" &&
	test "$(post "$URL/f/member-survey" "$b" m2.html)" = 200 &&
	contains m2.html "Page 2 of 2" &&
	lacks m2.html "Please check your answers"
'

# ---- 2: a room on one address ----

test_expect '2: 60 attendees on one address within two minutes are all stored' '
	i=0 && while [ $i -lt 60 ]; do
		curl -s -o r$i.html -w "%{http_code}\n" "$URL/f/session-feedback/room" >>codes || exit 1
		i=$((i + 1))
	done &&
	test "$(sort -u codes)" = 200 &&
	sleep 3 &&
	i=0 && while [ $i -lt 60 ]; do
		post "$URL/f/session-feedback/room" "$(form_body r$i.html)&attended=yes&_action=submit" x >>sent || exit 1
		echo >>sent
		i=$((i + 1))
	done &&
	test "$(sort -u sent)" = 303 &&
	test "$(n_stored "event = (SELECT id FROM event WHERE key = '\''room'\'')")" = 60
'

test_expect '2: --trusted-proxy: X-Forwarded-For counts only from that proxy' '
	cat >proxy.sh <<-\EOT &&
	set -e
	sigsurvey serve --listen 127.0.0.1:0 --port-file p2 --rate-limit 2 \
		--trusted-proxy 127.0.0.1 2>err2 &
	pid=$!
	n=0; while [ ! -s p2 ] && [ $n -lt 200 ]; do n=$((n+1)); sleep 0.05; done
	u=http://127.0.0.1:$(cat p2)/f/essay
	get() { curl -s -o /dev/null -w "%{http_code} " -H "X-Forwarded-For: $1" "$u"; }
	codes="$(get "10.9.9.9, 192.0.2.1")$(get 192.0.2.1)$(get 192.0.2.1)$(get 192.0.2.2)"
	kill $pid; wait $pid || true
	test "$codes" = "200 200 429 200 "
	EOT
	sh proxy.sh
'

# ---- 3: long answers in non-Latin scripts ----

test_expect '3: two answers of 4,000 Chinese characters (a ~72 KB body) are stored' '
	zh=$(python3 -c "import urllib.parse; print(urllib.parse.quote(\"\u8bfe\" * 4000))") &&
	curl -s -o f.html "$S1" && sleep 3 &&
	b="$(form_body f.html)&attended=no&liked=$zh&improve=$zh&_action=submit" &&
	test ${#b} -gt 72000 &&
	test "$(post "$S1" "$b" x)" = 303 &&
	test "$(q "SELECT length(text) FROM answer WHERE key IN ('\''liked'\'', '\''improve'\'') ORDER BY response DESC LIMIT 2")" = "4000
4000"
'

test_expect '3: a 60-question page with 300 ticks is accepted' '
	curl -s -o f.html "$URL/f/ticks" && sleep 3 &&
	ticks=$(python3 -c "print(\"&\".join(\"q%d=o%d\" % (i, j) for i in range(60) for j in range(5)))") &&
	test "$(post "$URL/f/ticks" "$(form_body f.html)&$ticks&_action=submit" x)" = 303 &&
	test "$(q "SELECT count(*) FROM answer WHERE key LIKE '\''q%'\''")" = 300
'

test_expect '3: check warns about a form that needs more than --max-body' '
	sigsurvey check 2>err >out &&
	contains err "form essay: its answers may need 1202055 bytes, more than serve'\''s --max-body of 1048576" &&
	lacks err "session-feedback"
'

test_expect '3: a 413 that must happen keeps what it can and says what to shorten' '
	# 100,000 characters of 4 bytes: within max_length, past --max-body
	curl -s -o f.html "$URL/f/essay" && sleep 3 &&
	python3 -c "import urllib.parse; print(\"essay=\" + urllib.parse.quote(\"\U00020000\" * 100000), end=\"\")" >tail.body &&
	{ printf "%s&" "$(form_body f.html)"; cat tail.body; } >big.body &&
	code=$(curl -s -o out.html -w "%{http_code}" \
		-H "Content-Type: application/x-www-form-urlencoded" \
		--data-binary @big.body "$URL/f/essay") &&
	test "$code" = 413 &&
	contains out.html "Your answer to “Your essay” was cut off" &&
	kept=$(python3 -c "print(open(\"out.html\", encoding=\"utf-8\").read().count(\"\U00020000\"))") &&
	test "$kept" -gt 80000 && test "$kept" -lt 100000 &&
	test "$(n_stored "form = '\''essay'\''")" = 0
'

# ---- 4: closing while filling in ----

test_expect '4: a page served while open is stored after `event close`' '
	curl -s -o f.html "$URL/f/session-feedback/late" && sleep 3 &&
	sigsurvey event close late >/dev/null &&
	test "$(curl -s -o /dev/null -w "%{http_code}" "$URL/f/session-feedback/late")" = 410 &&
	test "$(post "$URL/f/session-feedback/late" "$(form_body f.html)&attended=yes&_action=submit" x)" = 303 &&
	test "$(n_stored "event = (SELECT id FROM event WHERE key = '\''late'\'')")" = 1
'

test_expect '4: ... also when it closed in the very second the page went out' '
	add_session sharp &&
	curl -s -o sharp.html "$URL/f/session-feedback/sharp" &&
	served=$(token sharp.html | python3 -c "import base64, sys
t = base64.urlsafe_b64decode(sys.stdin.read().strip())
print(int.from_bytes(t[1:9], \"little\", signed=True))") &&
	q "UPDATE event SET closes = $served WHERE key = '\''sharp'\''" &&
	sleep 3 &&
	test "$(post "$URL/f/session-feedback/sharp" "$(form_body sharp.html)&attended=yes&_action=submit" x)" = 303 &&
	test "$(n_stored "event = (SELECT id FROM event WHERE key = '\''sharp'\'')")" = 1
'

test_expect '4: past 30 minutes the closed page shows the answers and whom to write to' '
	key=$(q "SELECT hex(value) FROM secret WHERE name = '\''form-token'\''") &&
	now=$(date +%s) &&
	q "UPDATE event SET closes = $now - 1900 WHERE key = '\''late'\''" &&
	tok=$(python3 - "$key" $((now - 2000)) <<-\EOT
	import base64, hashlib, hmac, os, sys
	b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
	payload = ("1\nsession-feedback\nlate\n%s\n" % sys.argv[2]).encode() + b64(os.urandom(16)).encode()
	mac = hmac.new(bytes.fromhex(sys.argv[1]), payload, hashlib.sha512).digest()[:32]
	print(b64(payload) + "." + b64(mac))
	EOT
	) &&
	test "$(post "$URL/f/session-feedback/late" "_token=$tok&_page=0&attended=yes&liked=The+case+studies&_action=submit" c.html)" = 410 &&
	contains c.html "Feedback on this event has closed" &&
	contains c.html "The case studies" &&
	contains c.html "ill-sig@metrolibraries.example.org" &&
	lacks c.html "Send my answers" &&
	test "$(n_stored "event = (SELECT id FROM event WHERE key = '\''late'\'')")" = 1
'

# ---- 5: event windows that match events ----

test_expect '5: an event is offered from 00:00 on its date to 14 days later' '
	sigsurvey event add --form session-feedback --key soon --title "Coming soon" \
		--date "$(date -d "+3 days" +%Y-%m-%d)" &&
	sigsurvey event add --form session-feedback --key past --title "Long ago" \
		--date "$(date -d "-20 days" +%Y-%m-%d)" &&
	sigsurvey event add --form session-feedback --key today --title "Today talk" \
		--date "$(date +%Y-%m-%d)" &&
	curl -s -o home.html "$URL/" &&
	lacks home.html "Coming soon" && lacks home.html "Long ago" &&
	contains home.html "Today talk" &&
	test "$(curl -s -o soon.html -w "%{http_code}" "$URL/f/session-feedback/soon")" = 410 &&
	contains soon.html "Feedback opens on " &&
	test "$(curl -s -o past.html -w "%{http_code}" "$URL/f/session-feedback/past")" = 410 &&
	contains past.html "Feedback has closed"
'

# ---- 6: conditions in a chain ----

test_expect '6: Yes then No: the hidden email is neither required nor stored' '
	had=$(q "SELECT count(*) FROM answer WHERE key IN ('\''email'\'', '\''wants_reply'\'')") &&
	curl -s -o f.html "$S1" && sleep 3 &&
	test "$(post "$S1" "$(form_body f.html)&attended=no&wants_reply=yes&email=&_action=submit" x)" = 303 &&
	curl -s -o f.html "$S1" && sleep 3 &&
	test "$(post "$S1" "$(form_body f.html)&attended=no&wants_reply=yes&email=kim%40example.org&_action=submit" x)" = 303 &&
	test "$(q "SELECT count(*) FROM answer WHERE key IN ('\''email'\'', '\''wants_reply'\'')")" = "$had" &&
	curl -s -o f.html "$S1" && sleep 3 &&
	test "$(post "$S1" "$(form_body f.html)&attended=yes&wants_reply=yes&email=&_action=submit" e.html)" = 422 &&
	contains e.html "Enter your email address"
'

# ---- 7: numbers as people type them ----

test_expect '7: 3,5 is 3.5; 1,234 says how to write it; 3.5 wants a whole number' '
	curl -s -o f.html "$S1" && sleep 3 &&
	test "$(post "$S1" "$(form_body f.html)&attended=no&hours=1%2C234&sessions=3.5&_action=submit" e.html)" = 422 &&
	contains e.html "Write 1,234 without a comma" &&
	contains e.html "Enter a whole number from 0 to 20, without a decimal part" &&
	test "$(post "$S1" "$(form_body f.html)&attended=no&hours=3%2C5&sessions=3&_action=submit" x)" = 303 &&
	test "$(q "SELECT num FROM answer WHERE key = '\''hours'\''")" = 3.5
'

# ---- 8: sending the same page again ----

test_expect '8: the same page sent again says it was already received, and when' '
	curl -s -o f.html "$S1" && sleep 3 &&
	b="$(form_body f.html)&attended=yes&wants_reply=no&_action=submit" &&
	test "$(post "$S1" "$b" x)" = 303 &&
	n=$(n_stored 1) &&
	test "$(post "$S1" "${b%&_action=submit}&liked=Changed+my+mind&_action=submit" again.html)" = 200 &&
	contains again.html "These answers were already received" &&
	contains again.html "We received this form on $(date +%-d) " &&
	contains again.html "any change made since was not saved" &&
	contains again.html "href=\"/f/session-feedback/s1\">fill in a new form</a>" &&
	test "$(n_stored 1)" = "$n"
'

stop_server
test_done
