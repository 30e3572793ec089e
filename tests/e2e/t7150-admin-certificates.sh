#!/bin/sh
# t7150-admin-certificates.sh - certificates in the committee area: the
# event form sets the contact hours; the event page counts and lists the
# certificates issued, downloads them as CSV and revokes one (admins
# only, with the CSRF field).
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"
. "$TOP/tests/e2e/lib-admin.sh"

add_user chair admin 'chair-password' || echo "Bail out! cannot add a user"
add_user viewer viewer 'viewer-password' || echo "Bail out! cannot add a user"
start_admin_server --min-fill-seconds 0

# issue NAME: sends feedback on ce-2 and gets a certificate for NAME.
issue() {
	curl -s -o f.html "$URL/f/event-feedback/ce-2" &&
	tok=$(token f.html) &&
	loc=$(curl -s -o /dev/null -w "%{redirect_url}" --data-binary \
		"_token=$tok&_page=0&_action=submit&overall=5" \
		-H "Content-Type: application/x-www-form-urlencoded" \
		"$URL/f/event-feedback/ce-2") &&
	g=$(printf %s "$loc" | sed "s/.*[?]c=//") &&
	test "$(curl -s -o c.pdf -w "%{http_code}" --data-urlencode "c=$g" \
		--data-urlencode "name=$1" "$URL/certificate/ce-2")" = 200
}

test_expect 'the event form takes contact hours; a bad value is explained' '
	test "$(login chair chair-password "$WORK/jar")" = 303 &&
	test "$(aget /admin/events ev.html)" = 200 &&
	contains ev.html "for=\"certificate_hours\"" &&
	tok=$(csrf ev.html) && echo "$tok" >csrf &&
	test "$(apost /admin/events "_csrf=$tok&form=event-feedback&key=ce-2&title=Lending+workflows&date=2027-02-10&format=in_person&certificate_hours=1.35" out.html)" = 422 &&
	contains out.html "tenths or quarters" &&
	test "$(apost /admin/events "_csrf=$tok&form=event-feedback&key=ce-2&title=Lending+workflows&date=2027-02-10&format=in_person&certificate_hours=1.75" out.html)" = 303 &&
	sigsurvey event show ce-2 | grep -q "^certificate hours: 1.75$"
'

test_expect 'editing keeps the hours unless changed' '
	test "$(aget /admin/events/ce-2 e.html)" = 200 &&
	contains e.html "name=\"certificate_hours\"" &&
	contains e.html "value=\"1.75\"" &&
	tok=$(csrf e.html) &&
	test "$(apost /admin/events/ce-2 "_csrf=$tok&action=save&title=Lending+workflows+II&date=2027-02-10&format=in_person&certificate_hours=1.75" out.html)" = 303 &&
	sigsurvey event show ce-2 | grep -q "^certificate hours: 1.75$" &&
	test "$(apost /admin/events/ce-2 "_csrf=$tok&action=close" out.html)" = 303 &&
	sigsurvey event show ce-2 | grep -q "^certificate hours: 1.75$" &&
	test "$(apost /admin/events/ce-2 "_csrf=$tok&action=open" out.html)" = 303
'

test_expect 'the event page counts and lists the certificates issued' '
	issue "Ada Lovelace" && issue "=cmd|x" &&
	test "$(aget /admin/events/ce-2 e.html)" = 200 &&
	contains e.html "<strong>2</strong> certificates issued" &&
	contains e.html "Ada Lovelace" &&
	contains e.html "certificates.csv"
'

test_expect 'the CSV download lists them, formulas neutralised' '
	test "$(aget /admin/events/ce-2/certificates.csv c.csv)" = 200 &&
	head -n 1 c.csv | grep -q "^code,issued,name,event,hours,revoked" &&
	grep -q ",Ada Lovelace,ce-2,1.75," c.csv &&
	grep -q ",'\''=cmd|x,ce-2," c.csv
'

test_expect '-bad- a viewer cannot revoke; a POST without CSRF is refused' '
	code=$(q "SELECT code FROM certificate WHERE name = '\''Ada Lovelace'\''") &&
	echo "$code" >code &&
	test "$(login viewer viewer-password "$WORK/vjar")" = 303 &&
	test "$(aget /admin/events/ce-2 v.html "$WORK/vjar")" = 200 &&
	lacks v.html ">Revoke</button>" &&
	vt=$(csrf v.html) &&
	test "$(apost /admin/events/ce-2/certificates "_csrf=$vt&code=$code" out.html "$WORK/vjar")" = 403 &&
	test "$(apost /admin/events/ce-2/certificates "code=$code" out.html)" = 403 &&
	test -z "$(q "SELECT revoked FROM certificate WHERE code = '\''$code'\''")"
'

test_expect 'an admin revokes one; /c/CODE says so' '
	code=$(cat code) &&
	tok=$(csrf e.html) &&
	test "$(apost /admin/events/ce-2/certificates "_csrf=$tok&code=$code" out.html)" = 303 &&
	test -n "$(q "SELECT revoked FROM certificate WHERE code = '\''$code'\''")" &&
	test "$(aget "/admin/events/ce-2?revoked=1" e.html)" = 200 &&
	contains e.html "<strong>1</strong> certificate issued" &&
	contains e.html "Revoked" &&
	curl -s -o v.html "$URL/c/$code" &&
	contains v.html "has been revoked"
'

test_expect 'the printable handout mentions the certificate' '
	test "$(aget /admin/events/ce-2/handout.pdf h.pdf)" = 200 &&
	pdftotext h.pdf - 2>/dev/null | tr "\n" " " >h.txt &&
	contains h.txt "certificate of attendance (1.75 contact hours)"
'

stop_server
test_done
