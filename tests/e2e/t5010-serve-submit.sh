#!/bin/sh
# t5010-serve-submit.sh - a full valid submission of each shipped form lands
# in the database with the right typed answers; multi-page forms carry
# answers forward; a replayed or double-clicked form is stored once.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"

start_server --min-fill-seconds 0
add_event ill-101 'ILL 101' || echo "Bail out! cannot add an event"
EF="$URL/f/event-feedback/ill-101"

test_expect 'event feedback: 303 to thanks, every answer typed' '
	curl -s -o page.html "$EF" &&
	tok=$(token page.html) && test -n "$tok" &&
	body="_token=$tok&_page=0&_action=submit&overall=4&relevant=a&clear=sa&pace=n&materials=d&recommend=9&format=hybrid&next_topics=systems&next_topics=statistics&next_topics=other&next_topics_other=Rare+books+%26+maps&worked=The+live+demo&improve=&wants_reply=yes&email=ada%40example.org" &&
	printf %s "$body" >ef.body &&
	curl -s -o /dev/null -D h --data-binary "$body" "$EF" &&
	grep -qi "^HTTP/1.1 303" h &&
	grep -qi "^Location: /f/event-feedback/ill-101/thanks" h &&
	test "$(q "SELECT count(*) FROM response r JOIN event e ON e.id = r.event
		   WHERE e.key = '\''ill-101'\'' AND r.form = '\''event-feedback'\''
		   AND r.token = '\''$tok'\''")" = 1 &&
	q "SELECT key, coalesce(code, '\''-'\''), coalesce(num, '\''-'\''),
		  coalesce(text, '\''-'\'') FROM answer ORDER BY seq" >got &&
	cat >want <<-\EOT &&
	overall|-|4.0|-
	relevant|a|-|-
	clear|sa|-|-
	pace|n|-|-
	materials|d|-|-
	recommend|-|9.0|-
	format|hybrid|-|-
	next_topics|systems|-|-
	next_topics|statistics|-|-
	next_topics_other|-|-|Rare books & maps
	worked|-|-|The live demo
	wants_reply|yes|-|-
	email|-|-|ada@example.org
	EOT
	diff want got &&
	test "$(q "SELECT typeof(num) FROM answer WHERE key = '\''overall'\''")" = real
'

test_expect 'the response points at the recorded form version' '
	test "$(q "SELECT f.form FROM response r JOIN form_version f
		   ON f.id = r.version")" = event-feedback &&
	test "$(q "SELECT count(*) FROM form_version")" = 3
'

test_expect 'the same token again (replay, double click) stores once, says so' '
	body=$(cat ef.body) &&
	curl -s -o again.html -D h --data-binary "$body" "$EF" &&
	grep -qi "^HTTP/1.1 200" h &&
	contains again.html "These answers were already received" &&
	curl -s -o /dev/null --data-binary "$body" "$EF" -o /dev/null --data-binary "$body" "$EF" &&
	test "$(q "SELECT count(*) FROM response")" = 1
'

test_expect 'two respondents are two responses' '
	curl -s -o page2.html "$EF" &&
	tok2=$(token page2.html) &&
	test "$tok2" != "$(token page.html)" &&
	test "$(post "$EF" "_token=$tok2&overall=2" x)" = 303 &&
	test "$(q "SELECT count(*) FROM response")" = 2
'

test_expect 'member survey: page 1 carries on to page 2 in hidden fields' '
	curl -s -o m1.html "$URL/f/member-survey" &&
	mtok=$(token m1.html) &&
	p1="_token=$mtok&library_type=other&library_type_other=Prison+library&library_size=s2&role=ill_lead&years=12&systems=tipasa&systems=email" &&
	printf %s "$p1" >p1 &&
	test "$(post "$URL/f/member-survey" "$p1&_page=0&_action=next" m2.html)" = 200 &&
	contains m2.html "Page 2 of 2" &&
	contains m2.html "<input type=\"hidden\" name=\"library_type_other\" value=\"Prison library\">" &&
	contains m2.html "<input type=\"hidden\" name=\"systems\" value=\"email\">" &&
	contains m2.html ">Back</button>" &&
	test "$(q "SELECT count(*) FROM response WHERE form = '\''member-survey'\''")" = 0
'

test_expect 'member survey: Back returns to page 1 with the answers kept' '
	p1=$(cat p1) &&
	test "$(post "$URL/f/member-survey" "$p1&_page=1&need_stats=high&_action=back" back.html)" = 200 &&
	contains back.html "Page 1 of 2" &&
	grep -q "value=\"tipasa\" checked" back.html &&
	contains back.html "value=\"Prison library\"" &&
	contains back.html "<input type=\"hidden\" name=\"need_stats\" value=\"high\">"
'

test_expect 'member survey: the last page stores everything, typed' '
	p1=$(cat p1) &&
	p2="need_copyright=some&need_systems=urgent&need_workflows=none&need_stats=high&mentoring=both&barriers=cover&barriers=times&last_attended=2025-10-02&suggestions=More+evening+sessions" &&
	test "$(post "$URL/f/member-survey" "$p1&_page=1&_action=submit&$p2" x)" = 303 &&
	id=$(q "SELECT id FROM response WHERE form = '\''member-survey'\''") &&
	test -n "$id" &&
	test "$(q "SELECT event IS NULL FROM response WHERE id = $id")" = 1 &&
	q "SELECT key || '\''='\'' || coalesce(code, num, text) FROM answer
	   WHERE response = $id ORDER BY seq" >got &&
	cat >want <<-\EOT &&
	library_type_other=Prison library
	library_size=s2
	role=ill_lead
	years=12.0
	systems=tipasa
	systems=email
	need_copyright=some
	need_systems=urgent
	need_workflows=none
	need_stats=high
	mentoring=both
	barriers=cover
	barriers=times
	last_attended=2025-10-02
	suggestions=More evening sessions
	EOT
	diff want got
'

test_expect 'training ideas: both pages, the conditional email kept when shown' '
	curl -s -o t1.html "$URL/f/training-ideas" &&
	ttok=$(token t1.html) &&
	t="_token=$ttok&topic=Lending+special+collections+by+mail&description=Packing%2C+insurance%0Aand+tracking&level=intermediate&format=workshop&would_present=yes&would_mentor=no&library_type=academic" &&
	test "$(post "$URL/f/training-ideas" "$t&_page=0&_action=next" t2.html)" = 200 &&
	contains t2.html "Page 2 of 2" &&
	test "$(post "$URL/f/training-ideas" "$t&_page=1&_action=submit&name=Grace+H.&email=grace%40example.org" x)" = 303 &&
	id=$(q "SELECT id FROM response WHERE form = '\''training-ideas'\''") &&
	test "$(q "SELECT text FROM answer WHERE response = $id AND key = '\''description'\''")" = "Packing, insurance
and tracking" &&
	test "$(q "SELECT code FROM answer WHERE response = $id AND key = '\''would_present'\''")" = yes &&
	test "$(q "SELECT text FROM answer WHERE response = $id AND key = '\''email'\''")" = grace@example.org &&
	test "$(q "SELECT count(*) FROM answer WHERE response = $id")" = 9
'

test_expect 'an answer to a hidden question (show_if false) is not stored' '
	curl -s -o t3.html "$URL/f/training-ideas" &&
	t3=$(token t3.html) &&
	test "$(post "$URL/f/training-ideas" "_token=$t3&_page=1&topic=Stats&level=all&would_present=no&email=x%40example.org" x)" = 303 &&
	id=$(q "SELECT max(id) FROM response WHERE form = '\''training-ideas'\''") &&
	test "$(q "SELECT count(*) FROM answer WHERE response = $id AND key = '\''email'\''")" = 0
'

stop_server
test_done
