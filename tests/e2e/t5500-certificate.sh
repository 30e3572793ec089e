#!/bin/sh
# t5500-certificate.sh - certificates of attendance: the thank-you page of
# an event with contact hours offers one to the person who just sent
# feedback; the PDF carries the name, event and hours; /c/CODE verifies
# it; nothing links a certificate to a response; the committee lists and
# revokes them.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"

start_server --min-fill-seconds 0
sigsurvey event add --form event-feedback --key ce-1 \
	--title 'Copyright for ILL staff' --date "$(date +%F)" --format webinar \
	--presenter 'Dr. Ada Byron' --certificate-hours 1.5 >/dev/null ||
	echo "Bail out! cannot add an event"
sigsurvey event add --form event-feedback --key plain \
	--title 'Coffee morning' --date "$(date +%F)" >/dev/null ||
	echo "Bail out! cannot add an event"

# feedback EVENT: sends feedback as a browser would; prints the
# thank-you address it is sent to (with its query).
feedback() {
	curl -s -o "f-$1.html" "$URL/f/event-feedback/$1" &&
	tok=$(token "f-$1.html") && test -n "$tok" &&
	curl -s -o /dev/null -D "h-$1" --data-binary \
		"_token=$tok&_page=0&_action=submit&overall=4" \
		-H 'Content-Type: application/x-www-form-urlencoded' \
		"$URL/f/event-feedback/$1" &&
	grep -qi "^HTTP/1.1 303" "h-$1" &&
	sed -n 's/^[Ll]ocation: *\([^[:space:]]*\).*/\1/p' "h-$1"
}

# offer THANKS OUT: follows the thank-you page's certificate link into
# OUT; prints that link.
offer() {
	curl -s -o thanks.html "$URL$1" &&
	link=$(sed -n 's/.*<a class="button" href="\([^"]*\)">Get your certificate of attendance.*/\1/p' thanks.html) &&
	test -n "$link" &&
	curl -s -o "$2" "$URL$link" &&
	printf '%s\n' "$link"
}

# grant LINK: the c= value of a certificate link.
grant() { printf '%s\n' "$1" | sed 's/.*[?]c=//'; }

# getpdf GRANT NAME OUT: POSTs the name; prints the status.
getpdf() {
	curl -s -o "$3" -D pdf.h -w '%{http_code}' --data-urlencode "c=$1" \
		--data-urlencode "name=$2" "$URL/certificate/ce-1"
}

test_expect 'feedback on an event with hours: the thank-you page offers a certificate' '
	loc=$(feedback ce-1) &&
	case $loc in /f/event-feedback/ce-1/thanks?c=*) ;; *) fail "$loc" ;; esac &&
	link=$(offer "$loc" form.html) && test -n "$link" &&
	echo "$link" >link &&
	contains form.html "Your name is not attached to your answers" &&
	contains form.html "Copyright for ILL staff" &&
	contains form.html "1.5 contact hours"
'

test_expect 'the certificate form answers with a PDF with the name, event and hours' '
	g=$(grant "$(cat link)") &&
	test "$(getpdf "$g" "Zoë Ångström-Núñez" cert.pdf)" = 200 &&
	grep -qi "^Content-Type: application/pdf" pdf.h &&
	grep -qi "^Content-Disposition: attachment; filename=\"certificate-ce-1.pdf\"" pdf.h &&
	pdfinfo cert.pdf >info && grep -q "^Pages: *1$" info &&
	grep -q "landscape\|842 x 595\|841.89 x 595" info &&
	pdftotext -raw cert.pdf cert.txt &&
	contains cert.txt "Zoë Ångström-Núñez" &&
	contains cert.txt "Copyright for ILL staff" &&
	contains cert.txt "Contact hours: 1.5" &&
	contains cert.txt "Certificate of Attendance" &&
	contains cert.txt "Dr. Ada Byron" &&
	contains cert.txt "Jordan Ellis" &&
	sed -n "s/.*Certificate \([0-9A-Z]\{4\}-[0-9A-Z]\{4\}-[0-9A-Z]\{4\}-[0-9A-Z]\{4\}\).*/\1/p" cert.txt >code &&
	test "$(wc -l <code)" = 1 &&
	contains cert.txt "$URL/c/$(cat code)"
'

test_expect '/c/CODE confirms it; a changed code is no certificate' '
	code=$(cat code) &&
	test "$(curl -s -o v.html -w "%{http_code}" "$URL/c/$code")" = 200 &&
	contains v.html "This certificate is genuine" &&
	contains v.html "Zoë Ångström-Núñez" &&
	contains v.html "Copyright for ILL staff" &&
	contains v.html "<dd>1.5</dd>" &&
	lower=$(printf %s "$code" | tr A-Z a-z | tr -d -) &&
	test "$(curl -s -o /dev/null -w "%{http_code}" "$URL/c/$lower")" = 200 &&
	last=$(printf %s "$code" | cut -c19) &&
	if [ "$last" = 2 ]; then other=3; else other=2; fi &&
	changed="$(printf %s "$code" | cut -c1-18)$other" &&
	test "$(curl -s -o bad.html -w "%{http_code}" "$URL/c/$changed")" = 404 &&
	contains bad.html "No such certificate" &&
	test "$(curl -s -o /dev/null -w "%{http_code}" "$URL/c/nonsense")" = 404
'

test_expect 'codes are random: 80 bits, none alike' '
	q "SELECT code FROM certificate" >codes &&
	grep -qE "^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$" codes
'

test_expect 'an event without hours offers nothing' '
	loc=$(feedback plain) &&
	test "$loc" = /f/event-feedback/plain/thanks &&
	curl -s -o t.html "$URL$loc" &&
	lacks t.html "certificate" &&
	test "$(curl -s -o /dev/null -w "%{http_code}" "$URL/certificate/plain")" = 404
'

test_expect '-bad- the certificate link without a submission is refused' '
	test "$(curl -s -o r.html -w "%{http_code}" "$URL/certificate/ce-1")" = 403 &&
	contains r.html "not valid" &&
	g=$(grant "$(cat link)") &&
	forged=$(printf %s "$g" | sed "s/^\(.\{70\}\)A/\1B/;t;s/^\(.\{70\}\)./\1A/") &&
	test "$forged" != "$g" &&
	test "$(curl -s -o /dev/null -w "%{http_code}" "$URL/certificate/ce-1?c=$forged")" = 403 &&
	test "$(getpdf "$forged" "Mallory" m.pdf)" = 403 &&
	other=$(printf %s "$g" | sed "s/^f/e/;t;s/^./f/") && test "$other" != "$g" &&
	test "$(getpdf "$other" "Mallory" m.pdf)" = 403 &&
	test "$(curl -s -o /dev/null -w "%{http_code}" "$URL/thanks?c=$g")" = 404 &&
	curl -s -o t2.html "$URL/f/event-feedback/ce-1/thanks" &&
	lacks t2.html "Get your certificate" &&
	test "$(q "SELECT count(*) FROM certificate WHERE name = '\''Mallory'\''")" = 0
'

test_expect '-bad- a grant belongs to its event' '
	g=$(grant "$(cat link)") &&
	sigsurvey event edit plain --certificate-hours 1 >/dev/null &&
	test "$(curl -s -o /dev/null -w "%{http_code}" "$URL/certificate/plain?c=$g")" = 403 &&
	sigsurvey event edit plain --certificate-hours "" >/dev/null &&
	sigsurvey event show plain | grep -q "^certificate hours: -$"
'

test_expect 'no table links a certificate to a response' '
	q "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
	   WHERE m.type = '\''table'\'' AND m.name LIKE '\''certificate%'\''" >cols &&
	lacks cols "response" && ! grep -q "|token$" cols &&
	test "$(q "SELECT group_concat(p.name, '\'','\'') FROM pragma_table_info('\''certificate'\'') p")" = \
		"code,event,name,minutes,issued,revoked" &&
	q "SELECT m.name, f.\"table\" FROM sqlite_master m,
	   pragma_foreign_key_list(m.name) f WHERE m.type = '\''table'\''" >fks &&
	! grep -E "^certificate.*\|response$" fks &&
	! grep -E "\|certificate" fks &&
	q "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
	   WHERE m.type = '\''table'\'' AND p.name LIKE '\''%cert%'\''" >certcols &&
	test ! -s certcols &&
	test "$(q "SELECT count(*) FROM certificate_grant")" -ge 1 &&
	test "$(q "SELECT count(*) FROM certificate_grant g JOIN certificate c
		   ON c.code = g.token_hash")" = 0 &&
	test "$(q "SELECT issued % 86400 FROM certificate LIMIT 1")" = 0 &&
	test "$(q "SELECT count(*) FROM response r, certificate_grant g
		   WHERE g.token_hash = r.token")" = 0
'

test_expect 'certificates list shows it, tab-separated' '
	sigsurvey certificates list >list &&
	printf "%s\t%s\tZoë Ångström-Núñez\tce-1\t1.5\n" "$(cat code)" \
		"$(date -u +%Y-%m-%d)" >want &&
	diff want list &&
	sigsurvey certificates list --event plain >none &&
	test ! -s none
'

test_expect 'a typo can be fixed a few times; then the link is used up' '
	g=$(grant "$(cat link)") &&
	test "$(getpdf "$g" "Zoe Angstrom" 2.pdf)" = 200 &&
	test "$(getpdf "$g" "Zoë Ångström" 3.pdf)" = 200 &&
	test "$(getpdf "$g" "Fourth try" 4.pdf)" = 403 &&
	test "$(curl -s -o used.html -w "%{http_code}" "$URL/certificate/ce-1?c=$g")" = 403 &&
	contains used.html "used up" &&
	test "$(q "SELECT count(*) FROM certificate")" = 3
'

test_expect 'revoking shows on /c/CODE and in the list' '
	code=$(cat code) &&
	sigsurvey certificates revoke "$(printf %s "$code" | tr A-Z a-z)" >out &&
	contains out "revoked certificate $code" &&
	curl -s -o v.html "$URL/c/$code" &&
	contains v.html "This certificate has been revoked" &&
	lacks v.html "genuine" &&
	sigsurvey certificates list | grep "^$code" | grep -q "	revoked$" &&
	expect_status 1 sigsurvey certificates revoke AAAA-AAAA-AAAA-AAAA 2>err &&
	contains err "no certificate"
'

test_expect '-bad- a blank or over-long name is refused, the use kept' '
	loc=$(feedback ce-1) && link=$(offer "$loc" form2.html) &&
	g=$(grant "$link") && echo "$g" >grant2 &&
	test "$(getpdf "$g" "   " e.html)" = 422 &&
	contains e.html "Enter your name" &&
	long=$(printf "%0121d" 0 | tr 0 x) &&
	test "$(getpdf "$g" "$long" e.html)" = 422 &&
	contains e.html "at most 120 characters" &&
	contains e.html "3 more certificates"
'

test_expect 'hostile names are escaped on the page and printed as typed' '
	g=$(cat grant2) &&
	name="<script>alert(\"x\")</script> O'\''Brien & Co" &&
	test "$(getpdf "$g" "$name" h.pdf)" = 200 &&
	pdftotext -raw h.pdf h.txt &&
	contains h.txt "$name" &&
	code=$(q "SELECT code FROM certificate WHERE name LIKE '\''<script>%'\''") &&
	curl -s -o v.html "$URL/c/$code" &&
	lacks v.html "<script>" &&
	contains v.html "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Brien &amp; Co"
'

test_expect 'a 120-character name fits: one page, nothing cut' '
	g=$(cat grant2) &&
	long="Maria-Fernanda Guadalupe Concepción de los Ángeles Rodríguez-Villanueva y Castellanos-Montenegro de la Santísima Trinida" &&
	test "$(printf %s "$long" | wc -m)" = 120 &&
	test "$(getpdf "$g" "$long" long.pdf)" = 200 &&
	pdfinfo long.pdf | grep -q "^Pages: *1$" &&
	pdftotext -raw long.pdf long.txt &&
	tr "\n" " " <long.txt | tr -s " " >flat.txt &&
	contains flat.txt "$long" &&
	pdftoppm -png -r 60 long.pdf long && test -s long-1.png
'

test_expect 'right-to-left names print (Hebrew, Arabic)' '
	loc=$(feedback ce-1) && link=$(offer "$loc" form3.html) &&
	g=$(grant "$link") &&
	test "$(getpdf "$g" "דוד כהן" he.pdf)" = 200 &&
	pdftotext he.pdf he.txt && grep -q "כהן\|ןהכ" he.txt &&
	test "$(getpdf "$g" "ليلى حداد" ar.pdf)" = 200 &&
	pdffonts ar.pdf >/dev/null &&
	pdftoppm -png -r 60 ar.pdf ar && test -s ar-1.png &&
	cp cert.pdf long.pdf ar.pdf "$TOP/build/" 2>/dev/null; true
'

test_expect 'the committee report gives certificates and contact hours per event' '
	valid=$(q "SELECT count(*) FROM certificate WHERE revoked IS NULL") &&
	test "$valid" = 6 &&
	sigsurvey report --form event-feedback -o report.pdf 2>/dev/null &&
	pdftotext -layout report.pdf report.txt &&
	contains report.txt "Certificates of attendance" &&
	grep -q "Copyright for ILL staff.* 1.5 *6 *9$" report.txt &&
	grep -q "Total contact hours delivered *6 *9$" report.txt
'

stop_server
test_done
