#!/bin/sh
# check-source.sh - keeps each outside library in its one owner file and
# keeps unsafe calls out of the tree. Prints one line per violation as
# file:line: text, and exits 1 when there is any.
set -u
cd "$(dirname "$0")/.."
status=0
src=$(git ls-files -co --exclude-standard -- '*.c' '*.h' 2>/dev/null ||
	find core collector reports cli tools tests -name '*.[ch]')

# owner PATTERN FILE: PATTERN may appear only in FILE.
owner() {
	hits=$(printf '%s\n' $src | grep -v "^$2\$" | grep -v '^tests/' |
		xargs grep -nE "$1" /dev/null 2>/dev/null)
	if [ -n "$hits" ]; then
		printf '%s\n' "$hits" | sed "s|\$|   <- only $2 may use this|"
		status=1
	fi
}
owner '\bsqlite3_[a-z_]+ *\(|#include *<sqlite3\.h>' core/store.c
owner '\bMHD_[A-Za-z_]+|#include *<microhttpd\.h>' collector/http.c
owner '\bHPDF_[A-Za-z_]+|#include *<hpdf\.h>' reports/pdf.c

# Calls that have no place here: shells, unbounded copies and formats.
# String literals and comments are blanked first, so that a gnuplot
# sprintf() inside a script string is not taken for a C call.
hits=$(printf '%s\n' $src | xargs awk '
	{
		line = $0
		gsub(/"([^"\\]|\\.)*"/, "\"\"", line)
		sub(/\/\/.*/, "", line)
		if (line ~ /^[ \t]*\*/ || line ~ /^[ \t]*\/\*/)
			next
		if (line ~ /(^|[^a-z_.>])(popen|system|sprintf|vsprintf|strcpy|strcat|gets|strtok|tmpnam|mktemp)[ \t]*\(/)
			print FILENAME ":" FNR ": " $0
	}' /dev/null 2>/dev/null)
if [ -n "$hits" ]; then
	printf '%s\n' "$hits" | sed 's|$|   <- forbidden call|'
	status=1
fi

# The public collector knows nothing of the committee area: no file
# under collector/ includes a header of admin/ (by its name or a path).
for h in $(cd admin 2>/dev/null && ls -- *.h 2>/dev/null) '[^">]*admin/[^">]*'; do
	hits=$(find collector -name '*.[ch]' 2>/dev/null | sort |
		xargs grep -nE "^[ \t]*#[ \t]*include[ \t]*[\"<]$h[\">]" /dev/null 2>/dev/null)
	if [ -n "$hits" ]; then
		printf '%s\n' "$hits" | sed 's|$|   <- collector/ may not include admin/|'
		status=1
	fi
done
exit $status
