#!/bin/sh
# t5070-serve-reload.sh - SIGHUP reloads the forms directory: an edited
# form is served at once with a new recorded version, a page fetched
# before the reload can still be sent after it, and a broken file is
# logged as file:line:col while the forms served before stay.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"

OLD='Overall, how useful was this event for your work?'
NEW='Overall, how much did this event help you?'

# wait_log TEXT N: waits until TEXT is in the log N times
wait_log() {
	n=0
	while [ "$(grep -c "$1" "$WORK/serve.err")" -lt "$2" ]; do
		n=$((n + 1))
		[ $n -gt 200 ] && return 1
		sleep 0.05
	done
}

cp -R "$TOP/forms" "$WORK/forms" || echo "Bail out! cannot copy the forms"
start_server --min-fill-seconds 0 --forms "$WORK/forms"
add_event ill-101 'ILL 101' || echo "Bail out! cannot add an event"
EF="$URL/f/event-feedback/ill-101"

test_expect 'before the reload the form has its shipped label' '
	curl -s -o before.html "$EF" &&
	contains before.html "$OLD" &&
	test "$(q "SELECT count(*) FROM form_version
		   WHERE form = '\''event-feedback'\''")" = 1
'

test_expect 'an edited form is served after SIGHUP, as a new version' '
	sed -i "s/$OLD/$NEW/" "$WORK/forms/event-feedback.yaml" &&
	kill -HUP $SERVER_PID &&
	wait_log "reloaded 3 forms from" 1 &&
	curl -s -o after.html "$EF" &&
	contains after.html "$NEW" &&
	lacks after.html "$OLD" &&
	test "$(q "SELECT count(*) FROM form_version
		   WHERE form = '\''event-feedback'\''")" = 2
'

test_expect 'a page fetched before the reload is accepted after it' '
	tok=$(token before.html) && test -n "$tok" &&
	test "$(post "$EF" "_token=$tok&_page=0&_action=submit&overall=4" x)" = 303 &&
	test "$(q "SELECT count(*) FROM response WHERE token = '\''$tok'\''")" = 1 &&
	test "$(q "SELECT v.id = (SELECT max(id) FROM form_version
				  WHERE form = '\''event-feedback'\'')
		   FROM response r JOIN form_version v ON v.id = r.version
		   WHERE r.token = '\''$tok'\''")" = 1
'

test_expect 'a broken file is logged with file:line:col; the old set stays' '
	curl -s -o mid.html "$EF" &&
	sed -i "s/^    type: choice$/    type: multiple-guess/" \
		"$WORK/forms/member-survey.yaml" &&
	sed -i "s/$NEW/A label held back by a broken file/" \
		"$WORK/forms/event-feedback.yaml" &&
	kill -HUP $SERVER_PID &&
	wait_log "not reloaded" 1 &&
	grep -E "member-survey\.yaml:[0-9]+:[0-9]+: " "$WORK/serve.err" &&
	curl -s -o broken.html "$EF" &&
	contains broken.html "$NEW" &&
	test "$(curl -s -o ms.html -w "%{http_code}" "$URL/f/member-survey")" = 200 &&
	tok=$(token mid.html) &&
	test "$(post "$EF" "_token=$tok&_page=0&_action=submit&overall=5" x)" = 303
'

test_expect 'once mended, the next SIGHUP serves the files' '
	cp "$TOP/forms/member-survey.yaml" "$WORK/forms/" &&
	kill -HUP $SERVER_PID &&
	wait_log "reloaded 3 forms from" 2 &&
	curl -s -o mended.html "$EF" &&
	contains mended.html "A label held back by a broken file"
'

stop_server
test_done
