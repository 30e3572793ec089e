#!/bin/sh
# t5055-serve-long-answers.sh - an answer longer than its question allows
# is shown back, never lost: under the form's body limit the validator
# says how many characters to cut (422); past it the 413 page names the
# answer that was cut, keeps its start to a whole character and every
# other answer that arrived, and says so when the rest did not arrive.
# Driven as a browser sends the shipped event-feedback form: the page's
# hidden fields in its order, then the answers, urlencoded.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"

start_server
add_event ev1 "Long answers" || echo "Bail out! cannot add the event"
F="$URL/f/event-feedback/ev1"
n_stored() { q "SELECT count(*) FROM response"; }

# body PAGE NAME=VALUE...: the hidden fields of a saved form page in the
# page's order (token, page, the empty honeypot), then the answers, as
# application/x-www-form-urlencoded.
body() {
	python3 - "$@" <<-\EOT
	import html, re, sys, urllib.parse
	page = open(sys.argv[1], encoding="utf-8").read()
	pairs = []
	for tag in re.findall(r"<input[^>]*>", page):
	    name = re.search(r'name="([^"]*)"', tag)
	    if not name:
	        continue
	    value = re.search(r'value="([^"]*)"', tag)
	    if 'type="hidden"' in tag:
	        pairs.append((name.group(1), html.unescape(value.group(1))))
	    elif 'tabindex="-1"' in tag:
	        pairs.append((name.group(1), ""))
	pairs += [a.split("=", 1) for a in sys.argv[2:]]
	print(urllib.parse.urlencode(pairs), end="")
	EOT
}
# count FILE TEXT: how often TEXT is in FILE, read as strict UTF-8.
count() {
	python3 -c 'import sys; print(open(sys.argv[1], encoding="utf-8", errors="strict").read().count(sys.argv[2]))' "$1" "$2"
}
# send BODYFILE OUT: POSTs the body in BODYFILE to F, prints the status.
send() {
	curl -s -o "$2" -w '%{http_code}' --data-binary @"$1" \
		-H 'Content-Type: application/x-www-form-urlencoded' "$F"
}
zh() { python3 -c 'import sys; print("\u597d" * int(sys.argv[1]), end="")' "$1"; }

test_expect '9,000 Chinese characters: the 413 names the answer cut, keeps the rest' '
	curl -s -o f.html "$F" &&
	body f.html overall=4 relevant=a recommend=8 next_topics_other=x \
		"worked=$(zh 9000)" "improve=more coffee" wants_reply=no >b &&
	test $(wc -c <b) -gt 81000 &&
	test "$(send b out.html)" = 413 &&
	contains out.html "Your answer to “What worked well?” was cut off" &&
	contains out.html "(it may have up to 2000 characters)" &&
	lacks out.html "Which topics should we cover next?” was cut off" &&
	kept=$(count out.html "好") &&
	test "$kept" -gt 5000 && test "$kept" -lt 9000 &&
	contains out.html ">more coffee</textarea>" &&
	contains out.html "name=\"next_topics_other\" value=\"x\"" &&
	contains out.html "name=\"overall\" value=\"4\" checked" &&
	contains out.html "name=\"relevant\" value=\"a\" checked" &&
	contains out.html "name=\"recommend\" value=\"8\" checked" &&
	contains out.html "name=\"wants_reply\" value=\"no\" checked" &&
	lacks out.html "did not arrive" &&
	test "$(n_stored)" = 0
'

test_expect '80,000 ASCII letters: the 413 names the answer cut' '
	curl -s -o f.html "$F" &&
	body f.html overall=5 "worked=$(printf "%80000s" "" | tr " " a)" >b &&
	test "$(send b out.html)" = 413 &&
	contains out.html "Your answer to “What worked well?” was cut off" &&
	lacks out.html "Overall, how useful was this event for your work?” was cut off" &&
	contains out.html "name=\"overall\" value=\"5\" checked" &&
	test "$(count out.html aaaaaaaaaa)" -gt 5000 &&
	test "$(n_stored)" = 0
'

test_expect '3,000 Chinese characters (27 KB) get the 422 with every answer shown back' '
	curl -s -o f.html "$F" &&
	body f.html overall=4 "worked=$(zh 3000)" "improve=more coffee" \
		wants_reply=no >b &&
	test "$(send b out.html)" = 422 &&
	contains out.html "Use 2000 characters or fewer (you entered 3000)" &&
	test "$(count out.html "好")" = 3000 &&
	contains out.html ">more coffee</textarea>" &&
	test "$(n_stored)" = 0
'

test_expect '2,500 Chinese characters get the same 422' '
	curl -s -o f.html "$F" &&
	body f.html overall=4 "worked=$(zh 2500)" >b &&
	test "$(send b out.html)" = 422 &&
	contains out.html "Use 2000 characters or fewer (you entered 2500)"
'

test_expect 'shortened to 2,000 and sent again from the 422 page, it is stored' '
	curl -s -o f.html "$F" &&
	body f.html overall=4 "worked=$(zh 3000)" >b &&
	test "$(send b p.html)" = 422 &&
	sleep 3 &&
	body p.html overall=4 "worked=$(zh 2000)" "improve=more coffee" >b &&
	test "$(send b x)" = 303 &&
	test "$(q "SELECT length(text) FROM answer WHERE key = '\''worked'\''")" = 2000
'

test_expect 'more pairs than the form can send: a 413 that says so' '
	curl -s -o f.html "$F" &&
	{ body f.html overall=3 && python3 -c "print(\"&x=1\" * 2000, end=\"\")"; } >b &&
	test "$(send b out.html)" = 413 &&
	contains out.html "more answers than the form" &&
	contains out.html "name=\"overall\" value=\"3\" checked"
'

test_expect 'past --max-body the 413 says that the answers after the cut did not arrive' '
	curl -s -o f.html "$F" &&
	body f.html overall=4 "worked=$(zh 9000)" "improve=more coffee" \
		wants_reply=no >b &&
	cat >small.sh <<-\EOT &&
	set -e
	sigsurvey serve --listen 127.0.0.1:0 --port-file p2 --max-body 30000 2>err2 &
	pid=$!
	n=0; while [ ! -s p2 ] && [ $n -lt 200 ]; do n=$((n+1)); sleep 0.05; done
	code=$(curl -s -o small.html -w "%{http_code}" --data-binary @b \
		-H "Content-Type: application/x-www-form-urlencoded" \
		http://127.0.0.1:$(cat p2)/f/event-feedback/ev1)
	kill $pid; wait $pid || true
	test "$code" = 413
	EOT
	sh small.sh &&
	contains small.html "Your answer to “What worked well?” was cut off" &&
	contains small.html "Answers after it did not arrive" &&
	lacks small.html "more coffee" &&
	kept=$(count small.html "好") &&
	test "$kept" -gt 2000 && test "$kept" -lt 3400 &&
	test "$(n_stored)" = 1
'

stop_server
test_done
