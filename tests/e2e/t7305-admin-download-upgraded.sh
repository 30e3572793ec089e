#!/bin/sh
# t7305-admin-download-upgraded.sh - report downloads re-run the program
# that is running (opened at start), not the path it was started from:
# after the binary is replaced by something else, or removed, as during
# `make install`, the committee still gets its PDF.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"
. "$TOP/tests/e2e/lib-admin.sh"

# serve from a copy of the binary that the test may replace and remove
rm -f "$BIN/sigsurvey" && cp "$SIGSURVEY" "$BIN/sigsurvey" &&
add_user chair admin 'chair-password' &&
sigsurvey demo --events 2 --responses 40 --today 2026-11-01 >/dev/null ||
	echo "Bail out! setup failed"
start_admin_server --min-fill-seconds 0

test_expect 'a report downloads from the binary as installed' '
	test "$(login chair chair-password "$WORK/jar")" = 303 &&
	curl -s -D h0.txt -o before.pdf -b "$WORK/jar" \
		"$URL/admin/report?form=event-feedback" &&
	grep -q "^HTTP/1.1 200" h0.txt &&
	pdfinfo before.pdf >/dev/null
'

test_expect 'after the binary is replaced by a failing program' '
	rm -f "$BIN/sigsurvey" &&
	printf "#!/bin/sh\necho replaced >&2\nexit 3\n" >"$BIN/sigsurvey" &&
	chmod +x "$BIN/sigsurvey" &&
	! "$BIN/sigsurvey" report --form event-feedback 2>/dev/null &&
	curl -s -D h1.txt -o replaced.pdf -b "$WORK/jar" \
		"$URL/admin/report?form=event-feedback" &&
	grep -q "^HTTP/1.1 200" h1.txt &&
	grep -qi "^Content-Type: application/pdf" h1.txt &&
	pdfinfo replaced.pdf >/dev/null
'

test_expect 'after the binary is removed' '
	rm -f "$BIN/sigsurvey" &&
	curl -s -D h2.txt -o removed.pdf -b "$WORK/jar" \
		"$URL/admin/report?form=event-feedback" &&
	grep -q "^HTTP/1.1 200" h2.txt &&
	pdfinfo removed.pdf >/dev/null &&
	curl -s -D h3.txt -o export.csv -b "$WORK/jar" \
		"$URL/admin/export?form=event-feedback" &&
	grep -q "^HTTP/1.1 200" h3.txt
'

stop_server
test_done
