#!/bin/sh
# The option parser every subcommand shares (cli/opt.c): --name VALUE and
# --name=VALUE, "--" before operands, and the same one-line usage errors
# (exit 2, usage on stderr) from every command.
. "${TOP:-$(dirname "$0")/../..}/tests/lib.sh"

test_expect '-bad- every command names an unknown option the same way' '
	for c in check demo serve report export backup "event add" \
		"event list" "event show" "event edit" "event close" \
		"event open" "user add" "user list"; do
		case $c in user*) name=user ;; *) name=$c ;; esac
		expect_status 2 sigsurvey $c --frob=1 2>err || return 1
		test "$(head -n 1 err)" = "sigsurvey $name: unknown option '"'"'--frob'"'"'" ||
			{ cat err; return 1; }
		contains err "usage: sigsurvey" || return 1
	done
'

test_expect '-bad- an option without its value, at the end, is a usage error' '
	for args in "demo --seed" "serve --listen" "report --form f --title" \
		"export --form f --format" "export --form f -o" \
		"event edit k --title" "user add ann --role"; do
		set -- $args
		shift $(($# - 1))
		expect_status 2 sigsurvey $args 2>err || return 1
		contains err ": $1 needs a value" || return 1
		contains err "usage: sigsurvey" || return 1
	done
'

test_expect '-bad- a flag given a value is a usage error' '
	expect_status 2 sigsurvey check --against-db=yes 2>err &&
	contains err "sigsurvey check: --against-db takes no value" &&
	expect_status 2 sigsurvey serve --log-ip=1 2>err &&
	contains err "sigsurvey serve: --log-ip takes no value"
'

test_expect '--name=value and --name value give the same output' '
	sigsurvey export --form event-feedback --codebook --format jsonl \
		-o a.txt &&
	sigsurvey export --form=event-feedback --codebook --format=jsonl \
		--output=b.txt &&
	test -s a.txt && cmp a.txt b.txt
'

test_expect 'after -- a word starting with - is an operand' '
	sigsurvey event add --form event-feedback --key k --title T \
		--date 2026-01-01 >/dev/null &&
	sigsurvey backup -- -copy.db >out &&
	test -s ./-copy.db &&
	contains out "-copy.db" &&
	expect_status 1 sigsurvey event show -- --frob 2>err &&
	contains err "no event '"'"'--frob'"'"'"
'

test_expect '-bad- operands a command does not take are refused' '
	expect_status 2 sigsurvey report --form event-feedback stray 2>err &&
	contains err "sigsurvey report: unexpected argument '"'"'stray'"'"'" &&
	expect_status 2 sigsurvey check -- --against-db 2>err &&
	contains err "unexpected argument '"'"'--against-db'"'"'"
'

test_expect '--help after other options prints the usage, exit 0' '
	sigsurvey report --form event-feedback --help >out 2>err &&
	contains out "usage: sigsurvey report" && test ! -s err &&
	sigsurvey user add --help >out && contains out "usage: sigsurvey user"
'

test_done
