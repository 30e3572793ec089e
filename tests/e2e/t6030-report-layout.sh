#!/bin/sh
# t6030-report-layout.sh - the report's page flow, read back page by
# page: no question heading ends a page, what follows a heading stays
# with it, and the output is reproducible under SOURCE_DATE_EPOCH.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH

pages() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'; }

# The text lines of page $2 of $1, top to bottom, footer left out.
page() {
	pdftotext -q -layout -f "$2" -l "$2" "$1" - |
	grep -v '^[[:space:]]*$' | grep -v "Page $2 of"
}

# Prints "page N: HEADING" for each numbered question heading that is
# the last line of its page.
lone_headings() {
	i=1
	while test "$i" -le "$(pages "$1")"; do
		page "$1" "$i" | tail -n 1 | grep -E '^[0-9]+\. ' |
			sed "s/^/page $i: /"
		i=$((i + 1))
	done
}

# The page holding the line that matches $2 (first one).
page_of() {
	i=1
	while test "$i" -le "$(pages "$1")"; do
		page "$1" "$i" | grep -qE -- "$2" && { echo "$i"; return 0; }
		i=$((i + 1))
	done
	return 1
}

test_expect 'setup: demo data with 8 events and 800 responses' '
	sigsurvey demo --events 8 --responses 800 --today 2026-11-30 >out &&
	sigsurvey report --form event-feedback -o ef.pdf &&
	sigsurvey report --form training-ideas -o ti.pdf &&
	sigsurvey report --form member-survey -o ms.pdf
'

test_expect 'no question heading is left alone at the foot of a page' '
	lone_headings ef.pdf >lone &&
	lone_headings ti.pdf >>lone &&
	lone_headings ms.pdf >>lone &&
	cat lone && ! test -s lone
'

test_expect 'a yes/no question: its heading and what follows share a page' '
	for q in "present or co-present" "mentor a colleague"; do
		p=$(page_of ti.pdf "^[0-9]+\. .*$q") &&
		page ti.pdf "$p" | sed -n "/$q/,\$p" >after &&
		grep -E "Yes or no" after || return 1
	done
'

test_expect 'the comments start on the page their heading is on' '
	p=$(page_of ef.pdf "^[0-9]+\. What worked well") &&
	page ef.pdf "$p" | sed -n "/What worked well/,\$p" >after &&
	grep -q "newest first" after &&
	test "$(wc -l <after)" -ge 4
'

test_expect 'two runs give the same bytes' '
	sigsurvey report --form training-ideas -o ti2.pdf &&
	cmp ti.pdf ti2.pdf
'

test_done
