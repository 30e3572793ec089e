#!/bin/sh
# t5020-serve-validation.sh - every kind of invalid answer comes back as a
# 422 page with a linked error summary, the message beside the field and
# every answer kept; hostile text is stored exactly or rejected, and is
# always rendered escaped.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"

start_server --min-fill-seconds 0 --rate-limit 0
add_event ev 'Event' || echo "Bail out! cannot add an event"
EF="$URL/f/event-feedback/ev"
MS="$URL/f/member-survey"

# bad FORM-URL FIELDS KEY MESSAGE [SUMMARY]: posts FIELDS with a fresh
# token and checks the 422 page: MESSAGE (the start of the message) beside
# the field, and a summary link to #f-KEY reading SUMMARY (its start;
# MESSAGE when not given).
bad() {
	curl -s -o form.html "$1" &&
	t=$(token form.html) &&
	test "$(post "$1" "_token=$t&$2" out.html)" = 422 || { echo "not 422 for $2"; return 1; }
	contains out.html "<div class=\"error-summary\" role=\"alert\"" &&
	contains out.html "<a href=\"#f-$3\">${5:-$4}" &&
	contains out.html "<p class=\"error-message\" id=\"e-$3\"><span class=\"visually-hidden\">Error: </span>$4" &&
	contains out.html "<title>Error: " &&
	grep -q "id=\"f-$3\"" out.html &&
	grep -q "aria-invalid=\"true\"" out.html &&
	grep -q "aria-describedby=\"[^\"]*e-$3" out.html &&
	test "$(q "SELECT count(*) FROM response")" = 0
}

test_expect 'a missing required answer; the other answers are kept' '
	bad "$EF" "format=webinar&next_topics=systems&improve=Shorter+breaks&relevant=a&recommend=7" overall "Select an answer" \
	    "Overall, how useful was this event for your work? – select an answer</a>" &&
	grep -q "value=\"webinar\" checked" out.html &&
	grep -q "value=\"systems\" checked" out.html &&
	grep -q "name=\"relevant\" value=\"a\" checked" out.html &&
	grep -q "name=\"recommend\" value=\"7\" checked" out.html &&
	contains out.html ">Shorter breaks</textarea>" &&
	contains out.html "name=\"_token\" value=\"$t\""
'

test_expect 'a rating out of range' '
	bad "$EF" "overall=6" overall "Select a number from 1 to 5" \
	    "Overall, how useful was this event for your work? – select a number from 1 to 5</a>"
'

test_expect 'an nps out of range' '
	bad "$EF" "overall=3&recommend=11" recommend "Select a number from 0 to 10" \
	    "How likely are you to recommend our events to a colleague? – select a number from 0 to 10</a>"
'

test_expect 'an option that does not exist' '
	bad "$EF" "overall=3&format=carrier_pigeon" format "Select one of the options" \
	    "Which format suits you best for future events? – select one of the options</a>"
'

test_expect 'a likert item answered off the scale, beside that item' '
	bad "$EF" "overall=3&clear=maybe&pace=a" clear "Select one of the options" \
	    "The presenter explained things clearly – select one of the options</a>" &&
	grep -q "name=\"pace\" value=\"a\" checked" out.html
'

test_expect 'Other ticked without saying what' '
	bad "$EF" "overall=3&next_topics=other" next_topics_other "Enter your answer for “Another topic”" \
	    "Which topics should we cover next? – enter your answer for “Another topic”</a>" &&
	contains out.html "<div class=\"question has-error\" id=\"q-next_topics\">"
'

test_expect 'an email in the wrong format is kept for correcting' '
	bad "$EF" "overall=3&wants_reply=yes&email=ada.example.org" email "Enter an email address in the right format, like name@example.org" \
	    "Your email address – enter an email address in the right format, like name@example.org</a>" &&
	contains out.html "value=\"ada.example.org\""
'

test_expect 'a required-when-shown answer uses the form'\''s own message' '
	bad "$EF" "overall=3&wants_reply=yes" email "Enter your email address so that we can reply, or answer No above." \
	    "Enter your email address so that we can reply, or answer No above.</a>"
'

test_expect 'text over its length limit' '
	long=$(head -c 2001 /dev/zero | tr "\0" "a") &&
	bad "$EF" "overall=3&improve=$long" improve "Use 2000 characters or fewer (you entered 2001)" \
	    "What could we do better? – use 2000 characters or fewer (you entered 2001)</a>" &&
	contains out.html ">$long</textarea>"
'

test_expect 'a number that is not one, and one out of range' '
	bad "$MS" "_page=0&_action=next&library_type=public&years=lots" years "Enter a whole number from 0 to 60" \
	    "How many years have you worked in resource sharing? – enter a whole number from 0 to 60</a>" &&
	contains out.html "value=\"lots\"" &&
	bad "$MS" "_page=0&_action=next&library_type=public&years=61" years "Enter a whole number from 0 to 60" \
	    "How many years have you worked in resource sharing? – enter a whole number from 0 to 60</a>"
'

test_expect 'a date that does not exist (on the last page of two)' '
	bad "$MS" "_page=1&library_type=public&last_attended=2025-02-30" last_attended "Enter a real date, like 20" \
	    "When did you last attend one of our events? – enter a real date, like 20" &&
	contains out.html "Page 2 of 2" &&
	contains out.html "value=\"2025-02-30\""
'

test_expect 'an error on page 1 found at the end sends the respondent back there' '
	bad "$MS" "_page=1&_action=submit&need_stats=high" library_type "Select an answer" \
	    "What kind of library do you work in? – select an answer</a>" &&
	contains out.html "Page 1 of 2" &&
	contains out.html "<input type=\"hidden\" name=\"need_stats\" value=\"high\">"
'

test_expect 'an option and an Other answer together' '
	bad "$MS" "_page=0&_action=next&library_type=public&library_type_other=Prison" library_type "Select one of the options or fill in “Another kind”, not both" \
	    "What kind of library do you work in? – select one of the options or fill in “Another kind”, not both</a>"
'

test_expect 'several missing answers: one summary link each, each naming its question' '
	curl -s -o form.html "$MS" && t=$(token form.html) &&
	test "$(post "$MS" "_token=$t&_page=0&_action=next&library_size=huge&role=huge&years=x" out.html)" = 422 &&
	sed -n "/class=\"error-summary\"/,/<\/div>/p" out.html | grep "<li><a" >links &&
	test "$(wc -l <links)" = 4 &&
	test "$(sort -u links | wc -l)" = "$(wc -l <links)" &&
	contains links "<a href=\"#f-library_type\">What kind of library do you work in? – select an answer</a>" &&
	contains links "<a href=\"#f-library_size\">How many staff work at your library? – select one of the options</a>" &&
	contains links "<a href=\"#f-role\">Which best describes your role? – select one of the options</a>" &&
	contains links "<a href=\"#f-years\">How many years have you worked in resource sharing? – enter a whole number from 0 to 60</a>" &&
	contains out.html "<span class=\"visually-hidden\">Error: </span>Select an answer</p>"
'

test_expect 'hostile text is stored exactly and shown escaped' '
	curl -s -o f.html "$EF" && t=$(token f.html) &&
	test "$(post "$EF" "_token=$t&overall=5&worked=%3Cscript%3Ealert(%22x%22)%3C%2Fscript%3E+%27quoted%27+%26amp%3B+%22double%22&improve=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E" x)" = 303 &&
	test "$(q "SELECT text FROM answer WHERE key = '\''worked'\''")" = "<script>alert(\"x\")</script> '\''quoted'\'' &amp; \"double\"" &&
	test "$(q "SELECT text FROM answer WHERE key = '\''improve'\''")" = "<img src=x onerror=alert(1)>" &&
	q "DELETE FROM answer; DELETE FROM response" &&
	curl -s -o f.html "$EF" && t=$(token f.html) &&
	test "$(post "$EF" "_token=$t&worked=%3Cscript%3Ealert(%22x%22)%3C%2Fscript%3E+%27q%27+%26amp%3B&improve=%22%3E%3Cimg+src%3Dx+onerror%3Dalert(1)%3E" out.html)" = 422 &&
	lacks out.html "<script>alert" &&
	lacks out.html "<img src=x" &&
	contains out.html ">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &#39;q&#39; &amp;amp;</textarea>" &&
	contains out.html ">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</textarea>" &&
	curl -s -o pre.html "$EF?improve=%22%3E%3Cscript%3Ex%3C%2Fscript%3E&format=%22%3E%3Cb%3E" &&
	lacks pre.html "<script>x" &&
	lacks pre.html "<b>"
'

test_expect 'invalid UTF-8 and NUL are rejected, and the page stays valid UTF-8' '
	bad "$EF" "overall=3&worked=caf%E9+%FF%FE" worked "This answer contains characters we cannot read. Please retype it." \
	    "What worked well? – this answer contains characters we cannot read. Please retype it.</a>" &&
	iconv -f UTF-8 -t UTF-8 out.html >/dev/null &&
	contains out.html ">caf� ��</textarea>" &&
	bad "$EF" "overall=3&improve=before%00after" improve "This answer contains characters we cannot read. Please retype it." \
	    "What could we do better? – this answer contains characters we cannot read. Please retype it.</a>" &&
	contains out.html ">before�after</textarea>" &&
	! grep -q "$(printf "\001")" out.html
'

test_expect 'a NUL in an option value or a field name is not an answer' '
	curl -s -o f.html "$EF" && t=$(token f.html) &&
	test "$(post "$EF" "_token=$t&overall=3%00&format=webinar" out.html)" = 422 &&
	curl -s -o f.html "$EF" && t=$(token f.html) &&
	test "$(post "$EF" "_token=$t&overall=3&form%00at=webinar" x)" = 303 &&
	test "$(q "SELECT count(*) FROM answer WHERE key LIKE '\''form%'\''")" = 0
'

stop_server
test_done
