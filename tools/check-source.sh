#!/bin/sh
# check-source.sh - keeps each outside library in its one owner file and
# keeps unsafe calls out of the tree. Prints one line per violation as
# file:line: text, and exits 1 when there is any.
set -u
cd "$(dirname "$0")/.."
status=0
src=$(git ls-files -co --exclude-standard -- '*.c' '*.h' 2>/dev/null ||
	find core collector reports cli tools tests -name '*.[ch]')

# owned FILE PATH...: true when FILE is one of the PATHs: a file, a
# folder given with its trailing slash (core/store/: everything in it),
# or a shell pattern (reports/pdf*.c).
owned() {
	f=$1
	shift
	for p in "$@"; do
		case $p in
		*/) case $f in "$p"*) return 0 ;; esac ;;
		*) case $f in $p) return 0 ;; esac ;;
		esac
	done
	return 1
}

# owner PATTERN PATH...: PATTERN may appear only in those PATHs (above).
owner() {
	pattern=$1
	shift
	others=
	for f in $src; do
		case $f in tests/*) continue ;; esac
		owned "$f" "$@" || others="$others $f"
	done
	hits=$(printf '%s\n' $others | xargs grep -nE "$pattern" /dev/null 2>/dev/null)
	if [ -n "$hits" ]; then
		printf '%s\n' "$hits" | sed "s|\$|   <- only $* may use this|"
		status=1
	fi
}
owner '\bsqlite3_[a-z_]+ *\(|#include *<sqlite3\.h>' core/store/
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
exit $status
