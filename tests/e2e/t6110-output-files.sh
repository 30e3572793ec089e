#!/bin/sh
# t6110-output-files.sh - where `report -o` and `export -o` write: a
# regular file is replaced whole and private (0600 whatever the umask),
# a FIFO or a device is written in place and stays what it is, a
# symbolic link is followed and kept; backups and the serve port file
# are private too.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

umask 022
mode() { stat -c %a "$1"; }
kind() { stat -c %F "$1"; }

test_expect 'setup: a small demo database' '
	sigsurvey demo --events 2 --responses 40 --today 2026-11-01 >/dev/null
'

test_expect 'a report and an export are 0600 under umask 022' '
	sigsurvey report --form event-feedback -o r.pdf 2>err &&
	test "$(mode r.pdf)" = 600 &&
	sigsurvey export --form event-feedback -o e.csv &&
	test "$(mode e.csv)" = 600 &&
	printf "old\n" >old.csv && chmod 644 old.csv &&
	sigsurvey export --form event-feedback -o old.csv &&
	test "$(mode old.csv)" = 600 && head -c 11 old.csv | grep -q response &&
	test -z "$(ls | grep "\.tmp-")"
'

test_expect 'a backup is 0600 under umask 022' '
	sigsurvey backup b.db >/dev/null && test "$(mode b.db)" = 600
'

for cmd in report export; do
	if [ $cmd = report ]; then
		args="report --form event-feedback"; check="pdfinfo -"
	else
		args="export --form event-feedback"; check="grep -q ^response"
	fi
	test_expect "$cmd -o a FIFO writes into it and it stays a FIFO" '
		rm -f fifo got && mkfifo fifo &&
		{ cat fifo >got & reader=$!; } &&
		sigsurvey $args -o fifo &&
		wait $reader &&
		test "$(kind fifo)" = fifo &&
		$check <got >/dev/null &&
		test -z "$(ls | grep "\.tmp-")"
	'
	test_expect "$cmd -o a symlink writes the file it names, keeps the link" '
		rm -rf sub link && mkdir sub && printf x >sub/target &&
		ln -s sub/target link &&
		sigsurvey $args -o link &&
		test -L link && test "$(readlink link)" = sub/target &&
		$check <sub/target >/dev/null &&
		test "$(mode sub/target)" = 600 &&
		test -z "$(ls sub | grep "\.tmp-")"
	'
	test_expect "$cmd -o a dangling symlink creates its target" '
		rm -f dangle && ln -s sub/new-$cmd dangle &&
		sigsurvey $args -o dangle &&
		test -L dangle && test -f sub/new-$cmd &&
		$check <sub/new-$cmd >/dev/null
	'
	test_expect "$cmd -o /dev/null leaves the device alone" '
		sigsurvey $args -o /dev/null &&
		test "$(kind /dev/null)" = "character special file"
	'
	test_expect "-bad- $cmd -o a directory fails and leaves it alone" '
		rm -rf dir && mkdir dir &&
		expect_status 1 sigsurvey $args -o dir 2>err &&
		contains err "dir is a directory" && test -d dir
	'
done

test_expect 'the serve --port-file is 0600 under umask 022' '
	sigsurvey serve --listen 127.0.0.1:0 --port-file port >serve.out 2>&1 &
	pid=$! && n=0 &&
	while [ ! -s port ] && [ $n -lt 200 ]; do sleep 0.05; n=$((n + 1)); done &&
	kill $pid && wait $pid;
	test "$(mode port)" = 600
'

test_done
