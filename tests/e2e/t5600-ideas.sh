#!/bin/sh
# t5600-ideas.sh - the topic board, driven as browsers would: a member
# suggests a topic through the training-ideas form, the committee
# approves it at /admin/ideas and merges it with an older duplicate,
# twenty colleagues vote (each browser once), the committee schedules it
# with next month's event, and the board shows it scheduled with the
# event linked. Hostile wording stays inert on every page; a viewer
# cannot moderate; no name or address is ever public.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"
. "$TOP/tests/e2e/lib-admin.sh"

add_user chair admin 'chair-password' || echo "Bail out! cannot add a user"
add_user ann viewer 'ann-password' || echo "Bail out! cannot add a user"
start_admin_server --min-fill-seconds 0

enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

# suggest TOPIC DESCRIPTION [NAME EMAIL]: both pages of the form, as a
# phone would send them; saves the thank-you page in thanks.html.
suggest() {
	pres=no && { [ -z "${3:-}" ] || pres=yes; } &&
	curl -s -o s1.html "$URL/f/training-ideas" &&
	t="_token=$(token s1.html)&topic=$(enc "$1")&description=$(enc "$2")&level=all&format=workshop&would_present=$pres&would_mentor=no" &&
	test "$(post "$URL/f/training-ideas" "$t&_page=0&_action=next" s2.html)" = 200 &&
	curl -s -o /dev/null -D sh -w '%{http_code}' --data-binary \
		"$t&_page=1&_action=submit&name=$(enc "${3:-}")&email=$(enc "${4:-}")" \
		-H 'Content-Type: application/x-www-form-urlencoded' \
		"$URL/f/training-ideas" >code &&
	test "$(cat code)" = 303 &&
	loc=$(sed -n 's/^Location: \([^\r]*\).*/\1/ip' sh) &&
	curl -s -o thanks.html "$URL$loc"
}

# vote JAR ID: the board in that browser, then its button for idea ID;
# prints the status and keeps the Location in vote.loc.
vote() {
	curl -s -c "$1" -b "$1" -o board.html "$URL/ideas" &&
	curl -s -c "$1" -b "$1" -o /dev/null -D vh -w '%{http_code}' \
		--data-binary "_token=$(token board.html)" \
		-H 'Content-Type: application/x-www-form-urlencoded' \
		"$URL/ideas/$2/vote" &&
	sed -n 's/^Location: \([^\r]*\).*/\1/ip' vh >vote.loc
}

idea_of() { q "SELECT id FROM idea WHERE topic = '$1'"; }

test_expect 'a suggestion waits for moderation; the thank-you page says so' '
	suggest "Lending rare books by mail" "Packing and insurance" "Grace Hopper" grace@example.org &&
	contains thanks.html "moderation" &&
	contains thanks.html "href=\"/ideas\"" &&
	test "$(q "SELECT status FROM idea")" = new &&
	curl -s -o b.html "$URL/ideas" &&
	lacks b.html "Lending rare books" &&
	curl -s -o home.html "$URL/" &&
	contains home.html "href=\"/ideas\""
'

test_expect 'approval shows it without any name or email' '
	test "$(login chair chair-password "$WORK/jar")" = 303 &&
	id=$(idea_of "Lending rare books by mail") &&
	test "$(aget /admin/ideas l.html)" = 200 &&
	contains l.html "1 idea awaiting moderation" &&
	test "$(aget /admin/ideas/$id i.html)" = 200 &&
	contains i.html "Grace Hopper" && contains i.html "grace@example.org" &&
	test "$(apost /admin/ideas/$id "_csrf=$(csrf i.html)&action=approve" x)" = 303 &&
	curl -s -o b.html "$URL/ideas" &&
	contains b.html "Lending rare books by mail" &&
	contains b.html "Packing and insurance" &&
	lacks b.html "Grace" && lacks b.html "example.org"
'

test_expect 'one browser counts once, another browser counts too' '
	id=$(idea_of "Lending rare books by mail") &&
	test "$(vote jar1 $id)" = 303 &&
	contains vote.loc "r=counted#idea-$id" &&
	grep -qi "^Set-Cookie: sigsurvey_voter=.*HttpOnly; SameSite=Lax" vh &&
	test "$(vote jar1 $id)" = 303 &&
	contains vote.loc "r=already" &&
	curl -s -b jar1 -o back.html "$URL$(cat vote.loc | sed "s/#.*//")" &&
	contains back.html "already counted" &&
	test "$(vote jar2 $id)" = 303 &&
	contains vote.loc "r=counted" &&
	test "$(q "SELECT votes FROM idea WHERE id = $id")" = 2 &&
	test "$(q "SELECT count(*) FROM vote")" = 2
'

test_expect '-bad- a vote without a token from the page is refused' '
	id=$(idea_of "Lending rare books by mail") &&
	test "$(post "$URL/ideas/$id/vote" "_token=forged" x)" = 403 &&
	test "$(post "$URL/ideas/$id/vote" "" x)" = 403 &&
	test "$(q "SELECT votes FROM idea WHERE id = $id")" = 2
'

test_expect 'merging adds the votes once per browser' '
	suggest "Rare books by post" "The same idea, in other words" &&
	dup=$(idea_of "Rare books by post") &&
	old=$(idea_of "Lending rare books by mail") &&
	sigsurvey ideas approve $dup >/dev/null &&
	test "$(vote jar1 $dup)" = 303 && contains vote.loc r=counted &&
	test "$(vote jar3 $dup)" = 303 && contains vote.loc r=counted &&
	test "$(aget /admin/ideas/$dup m.html)" = 200 &&
	test "$(apost /admin/ideas/$dup "_csrf=$(csrf m.html)&action=merge&into=$old" x)" = 303 &&
	test "$(q "SELECT status FROM idea WHERE id = $dup")" = merged &&
	test "$(q "SELECT votes FROM idea WHERE id = $old")" = 3 &&
	test "$(q "SELECT count(*) FROM vote WHERE idea = $old")" = 3 &&
	curl -s -o b.html "$URL/ideas" &&
	lacks b.html "Rare books by post" &&
	test "$(vote jar3 $dup)" = 303 && contains vote.loc r=already
'

test_expect 'twenty colleagues vote, each counted once' '
	id=$(idea_of "Lending rare books by mail") &&
	for n in $(seq 1 20); do
		test "$(vote "c$n" $id)" = 303 || return 1
	done &&
	test "$(q "SELECT votes FROM idea WHERE id = $id")" = 23 &&
	curl -s -o b.html "$URL/ideas" &&
	contains b.html "<strong>23</strong> members would attend"
'

test_expect 'scheduling with an event shows the event on the board' '
	id=$(idea_of "Lending rare books by mail") &&
	add_event rare-mail "Rare books by mail: a workshop" "" "" "$(date -d "+30 days" +%Y-%m-%d)" &&
	test "$(aget /admin/ideas/$id s.html)" = 200 &&
	contains s.html "value=\"rare-mail\"" &&
	test "$(apost /admin/ideas/$id "_csrf=$(csrf s.html)&action=status&set=scheduled&link=rare-mail&note=" x)" = 303 &&
	curl -s -o b.html "$URL/ideas?status=scheduled" &&
	contains b.html "Lending rare books by mail" &&
	contains b.html "href=\"/f/event-feedback/rare-mail\">Rare books by mail: a workshop</a>" &&
	contains b.html ">Scheduled<" &&
	test "$(aget /admin/events/rare-mail e.html)" = 200 &&
	contains e.html "Suggested by members" &&
	contains e.html "23 supporters"
'

test_expect 'the event'"'"'s thank-you page says members suggested it' '
	curl -s -o ef.html "$URL/f/event-feedback/rare-mail" &&
	curl -s -o /dev/null -D eh --data-binary "_token=$(token ef.html)&_page=0&_action=submit&overall=4&relevant=a&clear=sa&pace=n&materials=d&recommend=9" \
		-H "Content-Type: application/x-www-form-urlencoded" "$URL/f/event-feedback/rare-mail" &&
	curl -s -o et.html "$URL/f/event-feedback/rare-mail/thanks" &&
	contains et.html "Suggested by members" &&
	contains et.html "Lending rare books by mail</a> (23 members said they would attend)"
'

test_expect 'an idea whose event has taken place reads done' '
	id=$(idea_of "Lending rare books by mail") &&
	q "UPDATE event SET date = date('\''now'\'', '\''-2 days'\'') WHERE key = '\''rare-mail'\''" &&
	curl -s -o b.html "$URL/ideas?status=done" &&
	contains b.html "Lending rare books by mail" &&
	contains b.html ">Done<" &&
	sigsurvey ideas list >l &&
	grep -q "^$id	done	23	Lending rare books by mail\$" l
'

HOSTILE='<script>alert(1)</script> "quoted" '"'"'single'"'"' עברית ‮gnol Pneumonoultramicroscopicsilicovolcanoconiosis_'

test_expect 'hostile wording is inert on every page' '
	long=$(printf "x%.0s" $(seq 1 110)) &&
	suggest "<script>alert(1)</script> \"q\" '"'"'s'"'"' ‮rtl" "$HOSTILE$long" &&
	id=$(q "SELECT max(id) FROM idea") &&
	sigsurvey ideas approve $id >/dev/null &&
	curl -s -o b.html "$URL/ideas?sort=newest" &&
	test "$(aget /admin/ideas l.html)" = 200 &&
	test "$(aget /admin/ideas/$id i.html)" = 200 &&
	for f in b.html l.html i.html thanks.html; do
		lacks $f "<script>alert" || return 1
	done &&
	contains b.html "&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot;" &&
	contains i.html "&lt;script&gt;alert(1)&lt;/script&gt;"
'

test_expect '-bad- a viewer sees ideas but cannot moderate' '
	suggest "A viewer cannot approve this" "" &&
	id=$(idea_of "A viewer cannot approve this") &&
	test "$(login ann ann-password "$WORK/jar-ann")" = 303 &&
	test "$(aget /admin/ideas/$id v.html "$WORK/jar-ann")" = 200 &&
	lacks v.html "Approve" &&
	test "$(apost /admin/ideas/$id "_csrf=$(csrf v.html)&action=approve" x "$WORK/jar-ann")" = 403 &&
	test "$(q "SELECT status FROM idea WHERE id = $id")" = new
'

test_expect 'the committee edits the public wording; the original is kept' '
	id=$(idea_of "A viewer cannot approve this") &&
	test "$(aget /admin/ideas/$id e.html)" = 200 &&
	test "$(apost /admin/ideas/$id "_csrf=$(csrf e.html)&action=approve" x)" = 303 &&
	test "$(apost /admin/ideas/$id "_csrf=$(csrf e.html)&action=edit&topic=Copyright+basics&description=For+everyone" x)" = 303 &&
	curl -s -o b.html "$URL/ideas" &&
	contains b.html "Copyright basics" && lacks b.html "A viewer cannot" &&
	test "$(q "SELECT topic FROM idea WHERE id = $id")" = "A viewer cannot approve this" &&
	test "$(apost /admin/ideas/$id "_csrf=$(csrf e.html)&action=status&set=declined&note=Covered+last+spring" x)" = 303 &&
	curl -s -o b.html "$URL/ideas?status=declined" &&
	contains b.html "Covered last spring" &&
	lacks b.html "attend this</button>" &&
	test "$(vote jar1 $id)" = 303 && contains vote.loc "r=closed#idea-$id" &&
	test "$(q "SELECT votes FROM idea WHERE id = $id")" = 0
'

test_expect '-bad- no vote for an idea that is not public' '
	suggest "Still awaiting moderation" "" &&
	id=$(idea_of "Still awaiting moderation") &&
	test "$(vote jar1 $id)" = 404 &&
	test "$(vote jar1 99999)" = 404 &&
	test "$(q "SELECT count(*) FROM vote WHERE idea = $id")" = 0
'

test_expect '-bad- approving twice or merging into itself changes nothing' '
	id=$(idea_of "A viewer cannot approve this") &&
	test "$(aget /admin/ideas/$id e.html)" = 200 &&
	test "$(apost /admin/ideas/$id "_csrf=$(csrf e.html)&action=approve" x)" = 409 &&
	test "$(apost /admin/ideas/$id "_csrf=$(csrf e.html)&action=merge&into=$id" x)" = 409 &&
	expect_status 1 sigsurvey ideas merge $id $id 2>err &&
	contains err "into itself" &&
	expect_status 2 sigsurvey ideas status 2>err
'

test_expect 'the report has a Programme pipeline section without names' '
	sigsurvey report --form training-ideas -o r.pdf 2>err &&
	pdftotext -layout r.pdf r.txt 2>/dev/null &&
	awk "/^ *Programme pipeline/ { on = 1 } on && /^ *[0-9]+\\. / { exit } on" r.txt >pipe.txt &&
	contains pipe.txt "Awaiting moderation: 1 idea, the newest sent on $(date -u +%Y-%m-%d)" &&
	grep -q "Lending rare books by mail  *Done  *23" pipe.txt &&
	grep -q "Lending rare books by mail  *1  *0" pipe.txt &&
	contains pipe.txt "Ideas turned into events in this period" &&
	grep -q "Lending rare books by mail  *Rare books by mail: a workshop" pipe.txt &&
	lacks pipe.txt "Grace" && lacks pipe.txt "example.org"
'

VNU="$TOP/node_modules/vnu-jar/build/dist/vnu.jar"
# java and the Nu checker come with make deps (default-jre-headless, vnu-jar).
test_expect 'the board and its committee pages are valid HTML' '
	mkdir pages &&
	curl -s -o pages/board.html "$URL/ideas?sort=newest" &&
	curl -s -o pages/voted.html "$URL/ideas?voted=1&r=already" &&
	curl -s -o pages/empty.html "$URL/ideas?status=planned" &&
	aget /admin/ideas pages/admin-list.html &&
	aget "/admin/ideas/$(q "SELECT max(id) FROM idea")" pages/admin-idea.html &&
	aget /admin/events/rare-mail pages/admin-event.html &&
	java -Xss1m -jar "$VNU" --errors-only --format gnu pages/*.html >vnu.out 2>&1 ||
		{ cat vnu.out; exit 1; }
'

stop_server
test_done
