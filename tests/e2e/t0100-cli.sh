#!/bin/sh
# The command line itself: help, version, global options, usage errors.
. "${TOP:-$(dirname "$0")/../..}/tests/lib.sh"

test_expect '--help lists every command and exits 0' '
	sigsurvey --help >out &&
	for c in serve report export check event user backup demo certificates ideas; do
		contains out "  $c" || return 1
	done &&
	contains out "--db FILE"
'

test_expect '--version prints the version' '
	sigsurvey --version >out &&
	grep -qE "^sigsurvey [0-9]+\.[0-9]+\.[0-9]+$" out
'

test_expect '-bad- unknown command: one-line error, usage, exit 2' '
	expect_status 2 sigsurvey frobnicate 2>err &&
	head -n 1 err >first &&
	contains first "unknown command '"'"'frobnicate'"'"'" &&
	contains err "usage: sigsurvey"
'

test_expect '-bad- unknown global option exits 2' '
	expect_status 2 sigsurvey --frob 2>err &&
	contains err "unknown option"
'

test_expect '-bad- --db without a value exits 2' '
	expect_status 2 sigsurvey check --db 2>err &&
	contains err "--db needs a value"
'

test_expect 'no command: usage on stderr, exit 2' '
	expect_status 2 sigsurvey 2>err &&
	contains err "usage: sigsurvey"
'

test_expect 'every command answers --help with its usage' '
	for c in serve report export check event user backup demo certificates ideas; do
		sigsurvey $c --help >out || { echo "$c --help failed"; return 1; }
		grep -q "usage: sigsurvey" out || { echo "$c: no usage"; return 1; }
	done
'

test_expect 'the manual page documents every command in --help' '
	sigsurvey --help | sed -n "/^Commands:/,/^\$/p" | awk "NF { print \$1 }" |
		grep -v Commands: >cmds &&
	test "$(wc -l <cmds)" -ge 8 &&
	while read -r c; do
		grep -q "^\.B $c" "$TOP/docs/sigsurvey.1" || { echo "no $c in the man page"; return 1; }
	done <cmds
'

test_expect '--db and --forms work before and after the command' '
	cp -r "$TOP/forms" myforms &&
	sigsurvey --forms myforms check >a &&
	sigsurvey check --forms=myforms >b &&
	cmp a b &&
	sigsurvey event add --db "$WORK/other.db" --form event-feedback \
		--key k --title T --date 2026-01-01 &&
	test -f "$WORK/other.db" &&
	SIGSURVEY_DB="$WORK/env.db" sigsurvey event add --form event-feedback \
		--key k --title T --date 2026-01-01 &&
	test -f "$WORK/env.db"
'

test_expect 'the default database directory is created, mode 0700' '
	mkdir home && cd home &&
	env -u SIGSURVEY_DB sigsurvey event add --form event-feedback \
		--key k --title T --date 2026-01-01 &&
	test -f data/sigsurvey.db &&
	test "$(stat -c %a data)" = 700 &&
	test "$(stat -c %a data/sigsurvey.db)" = 600
'

# Commands that only read or change what is there, run where there is no
# database (the default path is relative: the wrong folder), say so and
# leave nothing behind; commands that add make it.
test_expect '-bad- reading commands with no database: message, exit 1, no file' '
	mkdir empty && cd empty &&
	for c in "event list" "event show k" "event close k" \
		 "report --form event-feedback" "export --form event-feedback" \
		 "ideas list" "certificates list" "certificates revoke AAAA-AAAA-AAAA-AAAA" \
		 "user list" "user remove ann" "backup b.db"; do
		expect_status 1 env -u SIGSURVEY_DB sigsurvey $c >../out 2>../err &&
		test ! -s ../out &&
		contains ../err "sigsurvey: error: no database at data/sigsurvey.db (set SIGSURVEY_DB or --db, or run a command that creates it such as \"sigsurvey serve\" or \"sigsurvey demo\")" &&
		test ! -e data || { echo "after: $c"; return 1; }
	done &&
	test -z "$(ls -A)"
'

test_expect 'a command that adds creates the database where there was none' '
	mkdir fresh && cd fresh &&
	env -u SIGSURVEY_DB sigsurvey event add --form event-feedback \
		--key k --title T --date 2026-01-01 >out &&
	test -s data/sigsurvey.db &&
	env -u SIGSURVEY_DB sigsurvey event list >out &&
	contains out "k	2026-01-01"
'

test_done
