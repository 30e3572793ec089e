#!/bin/sh
# check-source.sh - keeps each outside library, and the starting of
# processes, in its one owner and keeps unsafe calls out of the tree.
# Prints one line per violation as file:line: text, and exits 1 when
# there is any. Files under tests/ may use anything.
set -u
cd "$(dirname "$0")/.."
status=0
src=$(git ls-files -co --exclude-standard -- '*.c' '*.h' 2>/dev/null ||
	find core collector admin reports cli tools tests -name '*.[ch]')

# owned FILE PLACE...: true when FILE is one of the PLACEs, each a file,
# a folder ending in / (everything under it), or a shell pattern such as
# reports/pdf*.c.
owned() {
	f=$1
	shift
	for place; do
		case $place in */) place="$place*" ;; esac
		# shellcheck disable=SC2254  # the place is a pattern
		case $f in $place) return 0 ;; esac
	done
	return 1
}

# owner PATTERN PLACE...: the extended regex PATTERN may appear only in
# the PLACEs (see owned).
owner() {
	pattern=$1
	shift
	others=$(for f in $src; do
		case $f in tests/*) continue ;; esac
		owned "$f" "$@" || printf '%s\n' "$f"
	done)
	[ -n "$others" ] || return 0
	hits=$(printf '%s\n' $others | xargs grep -nE "$pattern" /dev/null \
		2>/dev/null)
	if [ -n "$hits" ]; then
		printf '%s\n' "$hits" | sed "s|\$|   <- only $* may use this|"
		status=1
	fi
}
owner '\bsqlite3_[a-z_]+ *\(|#include *<sqlite3\.h>' core/store/
owner '\bMHD_[A-Za-z_]+|#include *<microhttpd\.h>' collector/http.c
owner '\bHPDF_[A-Za-z_]+|#include *<hpdf\.h>' 'reports/pdf*.c'
# libyaml's API, not the form loader's own yaml_tree/ynode names.
owner '\byaml_(parser|emitter|event|document|token|node|mark|char|version_directive|tag_directive|encoding|error_type|get_version|set_max_nest)[a-z_]*\b|\bYAML_[A-Z_]+\b|#include *<yaml\.h>' \
	core/form-yaml.c
owner '\b(QRcode|QRinput|QRspec|MQRspec|QRraw|MQRraw)[A-Za-z_]*|\bQR_(ECLEVEL|MODE)_|#include *<qrencode\.h>' \
	collector/qr.c
owner '\bsodium_|\bcrypto_[a-z]|\brandombytes_|#include *<sodium\.h>' \
	core/crypto.c
# Processes: started, waited for and killed only through core/run.c.
owner '\b(v?fork|waitpid|waitid|kill|killpg) *\(|\b(fexecve|exec[lv]p?e?) *\(|\bposix_spawn' \
	core/run.c

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
