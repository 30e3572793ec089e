#!/bin/sh
# t7260-admin-contact.sh - contact details (email questions, and text
# questions keyed name, phone ...) are for admins: a viewer's export has
# no contact column and a viewer's response page, summary and idea page
# show none; an admin gets them all, and so does the command line.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"
. "$TOP/tests/e2e/lib-admin.sh"

add_user chair admin 'chair-password' &&
add_user reader viewer 'reader-password' || echo "Bail out! cannot add users"
start_admin_server --min-fill-seconds 0 --rate-limit 0
add_event evening-talk 'Evening talk' || echo "Bail out! no event"

EF="$URL/f/event-feedback/evening-talk"
TI="$URL/f/training-ideas"

test_expect 'setup: one asks for a reply, one offers to present' '
	curl -s -o "$WORK/form.html" "$EF" &&
	test "$(curl -s -o /dev/null -w "%{http_code}" \
		--data-urlencode "_token=$(token "$WORK/form.html")" \
		--data "_page=0&_action=submit&overall=4&relevant=a" \
		--data "clear=sa&recommend=9&wants_reply=yes" \
		--data-urlencode "email=ann@example.org" \
		--data-urlencode "improve=Longer breaks" "$EF")" = 303 &&
	curl -s -o "$WORK/form.html" "$TI" &&
	test "$(curl -s -o /dev/null -w "%{http_code}" \
		--data-urlencode "_token=$(token "$WORK/form.html")" \
		--data "_page=1&_action=submit&topic=Lending+rare+books" \
		--data "level=all&would_present=yes" \
		--data-urlencode "name=Cleo Smith" \
		--data-urlencode "email=cleo@example.org" "$TI")" = 303 &&
	test "$(login chair chair-password "$WORK/jar")" = 303 &&
	test "$(login reader reader-password "$WORK/jar-v")" = 303
'

ANN=$(q "SELECT response FROM answer WHERE text = 'ann@example.org'")
CLEO=$(q "SELECT response FROM answer WHERE text = 'cleo@example.org'")
EXP="/admin/export?form=event-feedback&event=evening-talk"

test_expect 'a viewer export has no contact column, and says so' '
	test "$(aget "$EXP" v.csv "$WORK/jar-v")" = 200 &&
	contains v.csv "Longer breaks" && lacks v.csv "ann@example.org" &&
	lacks v.csv "Your email address" &&
	test "$(aget "$EXP&codes=1" vc.csv "$WORK/jar-v")" = 200 &&
	head -n 1 vc.csv | grep -q ",improve,wants_reply" &&
	lacks vc.csv ",email" && lacks vc.csv "ann@example.org" &&
	test "$(aget "$EXP&format=jsonl" v.jsonl "$WORK/jar-v")" = 200 &&
	contains v.jsonl "Longer breaks" && lacks v.jsonl "\"email\"" &&
	lacks v.jsonl "ann@example.org" &&
	test "$(aget "/admin/export?form=training-ideas" vt.csv "$WORK/jar-v")" = 200 &&
	contains vt.csv "Lending rare books" &&
	lacks vt.csv "Cleo Smith" && lacks vt.csv "cleo@example.org" &&
	test "$(aget /admin/export vo.html "$WORK/jar-v")" = 200 &&
	contains vo.html "Contact details (email addresses, names, phone numbers) are left out"
'

test_expect 'an admin export has the contact columns, as the command line' '
	test "$(aget "$EXP" a.csv)" = 200 &&
	contains a.csv "ann@example.org" && contains a.csv "Your email address" &&
	test "$(aget "$EXP&codes=1" ac.csv)" = 200 &&
	sigsurvey export --form event-feedback --event evening-talk -o cli.csv &&
	cmp ac.csv cli.csv &&
	test "$(aget "/admin/export?form=training-ideas" at.csv)" = 200 &&
	contains at.csv "Cleo Smith" && contains at.csv "cleo@example.org" &&
	test "$(aget /admin/export ao.html)" = 200 &&
	lacks ao.html "are left out"
'

test_expect 'export --no-contact leaves the same columns out as for a viewer' '
	sigsurvey export --form event-feedback --event evening-talk \
		--no-contact -o nc.csv &&
	cmp vc.csv nc.csv &&
	sigsurvey export --form training-ideas --no-contact --codebook -o book.csv &&
	lacks book.csv "email" && ! grep -q "^name," "$WORK/book.csv" &&
	grep -q "^topic," "$WORK/book.csv" &&
	sigsurvey export --form training-ideas --codebook -o book2.csv &&
	grep -q "^email," "$WORK/book2.csv" && grep -q "^name," "$WORK/book2.csv"
'

test_expect 'a viewer response page leaves contact details out' '
	test "$(aget /admin/responses/$ANN r.html "$WORK/jar-v")" = 200 &&
	contains r.html "Longer breaks" && lacks r.html "ann@example.org" &&
	lacks r.html "Your email address" &&
	contains r.html "Contact details are left out: they are for admins only." &&
	test "$(aget /admin/responses/$CLEO r2.html "$WORK/jar-v")" = 200 &&
	contains r2.html "Lending rare books" &&
	lacks r2.html "Cleo Smith" && lacks r2.html "cleo@example.org" &&
	test "$(aget "/admin/responses?form=training-ideas" l.html "$WORK/jar-v")" = 200 &&
	lacks l.html "Cleo Smith"
'

test_expect 'an admin response page shows them' '
	test "$(aget /admin/responses/$ANN ra.html)" = 200 &&
	contains ra.html "ann@example.org" && lacks ra.html "are left out" &&
	test "$(aget /admin/responses/$CLEO ra2.html)" = 200 &&
	contains ra2.html "Cleo Smith" && contains ra2.html "cleo@example.org"
'

IDEA=$(q "SELECT id FROM idea WHERE topic = 'Lending rare books'")

test_expect 'a viewer summary and idea page name nobody; an admin one does' '
	test "$(aget /admin/forms/training-ideas s.html "$WORK/jar-v")" = 200 &&
	lacks s.html "Cleo Smith" && contains s.html "Contact details are for admins only." &&
	test "$(aget /admin/forms/training-ideas sa.html)" = 200 &&
	contains sa.html "Cleo Smith" &&
	test "$(aget /admin/ideas/$IDEA i.html "$WORK/jar-v")" = 200 &&
	contains i.html "1 offer." && lacks i.html "Cleo Smith" &&
	lacks i.html "cleo@example.org" &&
	test "$(aget /admin/ideas/$IDEA ia.html)" = 200 &&
	contains ia.html "Cleo Smith" && contains ia.html "cleo@example.org"
'

test_done
