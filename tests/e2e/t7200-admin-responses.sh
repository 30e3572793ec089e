#!/bin/sh
# t7200-admin-responses.sh - responses in the committee area: the paged
# list with filters, one response in full, marking spam (left out of
# counts, the summary and exports), deleting after a confirmation, and a
# response with <script> and <img onerror> text submitted through the
# public form shown escaped on every admin page.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"
. "$TOP/tests/e2e/lib-admin.sh"

add_user chair admin 'chair-password' &&
add_user reader viewer 'reader-password' || echo "Bail out! cannot add users"
start_admin_server --min-fill-seconds 0 --rate-limit 0
add_event hostile-night 'Night <b>school</b>' || echo "Bail out! no event"

EF="$URL/f/event-feedback/hostile-night"
XSS='<script>alert(1)</script> & <img src=x onerror=alert(2)>'

# submit OVERALL WORKED OTHER: one public response; prints the status
submit() {
	curl -s -o "$WORK/form.html" "$EF" &&
	tok=$(token "$WORK/form.html") &&
	curl -s -o /dev/null -w '%{http_code}' \
		--data-urlencode "_token=$tok" --data "_page=0&_action=submit" \
		--data "overall=$1&relevant=a&clear=sa&recommend=9&format=hybrid" \
		--data "next_topics=systems&next_topics=other" \
		--data-urlencode "next_topics_other=$3" \
		--data-urlencode "worked=$2" --data-urlencode "improve=$3" "$EF"
}

test_expect 'setup: three public responses, one with hostile text' '
	test "$(submit 4 "Clear slides" "Rare books")" = 303 &&
	test "$(submit 5 "$XSS" "$XSS")" = 303 &&
	test "$(submit 2 "Too fast" "Maps")" = 303 &&
	test "$(q "SELECT count(*) FROM response")" = 3 &&
	test "$(login chair chair-password "$WORK/jar")" = 303
'

hostile=$(q "SELECT response FROM answer WHERE key = 'worked' AND text LIKE '<script>%'")

test_expect 'the list shows responses newest first with a preview' '
	test "$(aget /admin/responses list.html)" = 200 &&
	contains list.html "3 responses match" &&
	contains list.html "href=\"/admin/responses/$hostile\"" &&
	contains list.html "Maps" &&
	test "$(grep -n "Maps\|Rare books" list.html | head -n 1 | grep -c "Maps")" = 1 &&
	test "$(aget "/admin/responses?form=event-feedback&event=hostile-night&from=2000-01-01&to=2999-01-01" f.html)" = 200 &&
	contains f.html "3 responses match" &&
	test "$(aget "/admin/responses?form=member-survey" f2.html)" = 200 &&
	contains f2.html "0 responses match"
'

test_expect 'one response in full, with question labels and option labels' '
	test "$(aget /admin/responses/$hostile one.html)" = 200 &&
	contains one.html "Response #$hostile" &&
	contains one.html "Overall, how useful was this event for your work?" &&
	contains one.html "<dd>5</dd>" &&
	contains one.html "The content was relevant to my interlibrary loan work." &&
	contains one.html "<dd>Agree</dd>" &&
	contains one.html "Mark as spam" &&
	contains one.html "href=\"/admin/responses/$hostile?confirm=delete\""
'

test_expect 'hostile text is shown escaped on every admin page' '
	ev=hostile-night &&
	for p in /admin /admin/events /admin/events/$ev /admin/responses \
		 /admin/responses/$hostile /admin/forms/event-feedback \
		 "/admin/forms/event-feedback?event=$ev" /admin/users; do
		s=$(aget "$p" page.html)
		test "$s" = 200 || { fail "$p: $s"; exit 1; }
		if grep -q "<script\|<img\|onerror=alert(2)>\|<b>school" page.html; then
			fail "unescaped on $p:"; grep -n "<script\|<img\|<b>school" page.html; exit 1
		fi
	done &&
	aget /admin/responses/$hostile one.html >/dev/null &&
	contains one.html "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;" &&
	aget /admin/forms/event-feedback sum.html >/dev/null &&
	contains sum.html "&lt;script&gt;alert(1)&lt;/script&gt;" &&
	aget /admin/responses list.html >/dev/null &&
	contains list.html "&lt;script&gt;alert(1)&lt;/script&gt;" &&
	aget /admin/events ev.html >/dev/null &&
	contains ev.html "Night &lt;b&gt;school&lt;/b&gt;"
'

test_expect 'marking spam leaves a response out of counts, summary and export' '
	tok=$(csrf one.html) &&
	test "$(apost /admin/responses/$hostile "_csrf=$tok&action=spam" out.html)" = 303 &&
	test "$(q "SELECT spam FROM response WHERE id = $hostile")" = 1 &&
	aget /admin/responses/$hostile one.html >/dev/null &&
	contains one.html "Marked as spam" &&
	aget /admin/forms/event-feedback sum.html >/dev/null &&
	contains sum.html "<strong>2</strong> responses" &&
	lacks sum.html "alert(1)" &&
	aget "/admin/export?form=event-feedback" exp.csv >/dev/null &&
	test "$(python3 -c "import csv,sys; print(len(list(csv.DictReader(open(\"exp.csv\")))))")" = 2 &&
	lacks exp.csv "alert" &&
	aget /admin dash.html >/dev/null &&
	contains dash.html "<strong>2</strong> responses" &&
	aget /admin/responses list.html >/dev/null &&
	contains list.html "Spam</span>"
'

test_expect 'a spam mark can be taken back' '
	tok=$(csrf one.html) &&
	test "$(apost /admin/responses/$hostile "_csrf=$tok&action=unspam" out.html)" = 303 &&
	test "$(q "SELECT spam FROM response WHERE id = $hostile")" = 0
'

test_expect 'deleting asks first, then removes the response and its answers' '
	test "$(aget "/admin/responses/$hostile?confirm=delete" c.html)" = 200 &&
	contains c.html "Delete this response?" &&
	contains c.html "name=\"action\" value=\"delete\"" &&
	test "$(q "SELECT count(*) FROM response WHERE id = $hostile")" = 1 &&
	tok=$(csrf c.html) &&
	test "$(apost /admin/responses/$hostile "_csrf=$tok&action=delete" out.html)" = 303 &&
	test "$(q "SELECT count(*) FROM response WHERE id = $hostile")" = 0 &&
	test "$(q "SELECT count(*) FROM answer WHERE response = $hostile")" = 0 &&
	test "$(aget /admin/responses/$hostile gone.html)" = 404 &&
	test "$(q "SELECT count(*) FROM response")" = 2
'

test_expect '-bad- a viewer cannot mark or delete, and sees no buttons' '
	test "$(login reader reader-password "$WORK/jar-v")" = 303 &&
	id=$(q "SELECT min(id) FROM response") &&
	test "$(aget /admin/responses/$id v.html "$WORK/jar-v")" = 200 &&
	lacks v.html "Mark as spam" &&
	lacks v.html "confirm=delete" &&
	tok=$(csrf v.html) &&
	test "$(apost /admin/responses/$id "_csrf=$tok&action=delete" out.html "$WORK/jar-v")" = 403 &&
	test "$(apost /admin/responses/$id "_csrf=$tok&action=spam" out.html "$WORK/jar-v")" = 403 &&
	test "$(q "SELECT count(*) FROM response WHERE id = $id AND spam = 0")" = 1
'

test_expect '-bad- unknown responses and actions' '
	test "$(aget /admin/responses/999999 out.html)" = 404 &&
	test "$(aget /admin/responses/abc out.html)" = 404 &&
	id=$(q "SELECT min(id) FROM response") &&
	tok=$(csrf list.html) &&
	test "$(apost /admin/responses/$id "_csrf=$tok&action=explode" out.html)" = 400 &&
	test "$(q "SELECT count(*) FROM response")" = 2
'

test_expect 'one response counted: "1 response", "1 answer", not plurals' '
	id=$(q "SELECT min(id) FROM response") &&
	aget /admin/responses/$id one.html >/dev/null &&
	tok=$(csrf one.html) &&
	test "$(apost /admin/responses/$id "_csrf=$tok&action=spam" out.html)" = 303 &&
	aget /admin/forms/event-feedback sum.html >/dev/null &&
	contains sum.html "<strong>1</strong> response</span>" &&
	contains sum.html "<strong>1</strong> answer</span>" &&
	lacks sum.html "<strong>1</strong> responses" &&
	lacks sum.html "<strong>1</strong> answers" &&
	aget /admin dash.html >/dev/null &&
	contains dash.html "<strong>1</strong> response</span>" &&
	aget /admin/events/hostile-night ev.html >/dev/null &&
	contains ev.html "<strong>1</strong> response</span>" &&
	test "$(apost /admin/responses/$id "_csrf=$tok&action=unspam" out.html)" = 303 &&
	aget /admin/forms/event-feedback sum.html >/dev/null &&
	contains sum.html "<strong>2</strong> responses</span>"
'

stop_server
test_done
