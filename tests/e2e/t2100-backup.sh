#!/bin/sh
# t2100-backup.sh - `sigsurvey backup FILE`: an online copy of the
# database, a new private file, never over an existing one; with --keep N,
# dated copies in a directory of which the newest N stay.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

q() { sqlite3 -batch -noheader "$@"; }

dump() {
	q "$1" "SELECT e.key, e.title, r.token, r.submitted, r.spam, a.seq,
		       a.key, a.code, a.num, a.text
		FROM response r LEFT JOIN event e ON e.id = r.event
		JOIN answer a ON a.response = r.id ORDER BY r.id, a.seq;
		SELECT name, hex(value) FROM secret ORDER BY name;
		PRAGMA user_version"
}

test_expect 'a database with events and responses' '
	sigsurvey event add --form event-feedback --key 2026-11-ill-basics \
		--title "ILL basics: Ærø" --date 2026-11-20 --attendees 25 &&
	q test.db "INSERT INTO form_version (form, hash, definition, first_seen,
		last_seen) VALUES (\"event-feedback\", \"h\", \"{}\", 1, 1);
	   INSERT INTO secret VALUES (\"form-token\", randomblob(32));
	   INSERT INTO response (form, version, event, submitted, token)
		SELECT \"event-feedback\", 1, 1, 1763640000 + value, \"t\" || value
		FROM generate_series(1, 500);
	   INSERT INTO answer (response, seq, key, code, num, text, event)
		SELECT r.id, s.value, \"q\" || s.value,
		       CASE s.value WHEN 0 THEN \"agree\" END,
		       CASE s.value WHEN 1 THEN r.id % 11 END,
		       CASE s.value WHEN 2 THEN \"Très utile, merci — 谢谢\" END, 1
		FROM response r, generate_series(0, 2) s" &&
	test "$(q test.db "SELECT count(*) FROM answer")" = 1500
'

test_expect 'backup copies everything, consistent, mode 0600' '
	sigsurvey backup copy.db >out &&
	size=$(stat -c %s copy.db) &&
	test "$(cat out)" = "copy.db$(printf "\t")$size bytes" &&
	test "$(stat -c %a copy.db)" = 600 &&
	test "$(q copy.db "PRAGMA integrity_check")" = ok &&
	test -z "$(q copy.db "PRAGMA foreign_key_check")" &&
	dump test.db >want && dump copy.db >got &&
	test -s want && diff -u want got
'

test_expect 'the copy is a working database for sigsurvey' '
	sigsurvey --db copy.db event list >out &&
	contains out "2026-11-ill-basics" &&
	contains out "$(printf "\t")500"
'

test_expect 'backup is online: it runs while a writer holds the lock' '
	mkfifo cmds || return 1
	sqlite3 test.db <cmds >writer.out 2>&1 &
	exec 3>cmds
	echo "BEGIN IMMEDIATE; INSERT INTO secret VALUES (\"pending\", zeroblob(1));" >&3 &&
	i=0 && while q test.db "BEGIN IMMEDIATE; ROLLBACK" 2>/dev/null; do
		i=$((i + 1)); [ $i -lt 100 ] || { echo "writer never locked"; exec 3>&-; return 1; }
		sleep 0.1
	done &&
	sigsurvey backup copy2.db >out
	st=$?
	echo "COMMIT;" >&3
	exec 3>&-
	wait
	test $st = 0 &&
	test "$(q copy2.db "SELECT count(*) FROM response")" = 500 &&
	test "$(q copy2.db "SELECT count(*) FROM secret WHERE name = \"pending\"")" = 0 &&
	test "$(q test.db "SELECT count(*) FROM secret WHERE name = \"pending\"")" = 1
'

test_expect 'a permissive umask does not make the copy readable' '
	(umask 000 && sigsurvey backup open.db >/dev/null) &&
	test "$(stat -c %a open.db)" = 600
'

test_expect '-bad- an existing file is never overwritten' '
	echo precious >keep &&
	expect_status 1 sigsurvey backup keep 2>err &&
	contains err "keep exists" &&
	test "$(cat keep)" = precious &&
	ln -s nowhere dangling &&
	expect_status 1 sigsurvey backup dangling 2>err &&
	test ! -e nowhere
'

# as_user CMD...: runs CMD as nobody when we are root (root writes into
# any directory, so "unwritable" has to be tried as someone else).
as_user() {
	if [ "$(id -u)" = 0 ]; then
		setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
	else
		"$@"
	fi
}

test_expect '-bad- an unwritable place: exit 1, clear message, no file' '
	expect_status 1 sigsurvey backup no/such/dir/x.db 2>err &&
	contains err "cannot create no/such/dir/x.db" &&
	echo file >plain &&
	expect_status 1 sigsurvey backup plain/x.db 2>err &&
	contains err "cannot create plain/x.db"
'

# A directory of nobody's (when root) holding a copy of the program and
# of the database, and ro/, which nobody may not write to.
test_expect '-bad- a directory without write permission: exit 1, no file' '
	chmod 711 "$WORK" && mkdir u u/ro &&
	cp "$SIGSURVEY" u/sigsurvey && cp test.db u/test.db &&
	if [ "$(id -u)" = 0 ]; then chown -R nobody u; fi &&
	chmod 500 u/ro &&
	(cd u && expect_status 1 as_user ./sigsurvey --db test.db backup \
		ro/x.db 2>err) &&
	contains u/err "cannot create ro/x.db" &&
	contains u/err "ermission denied" &&
	test ! -e u/ro/x.db
'

test_expect '-bad- no database to back up' '
	expect_status 1 sigsurvey --db missing.db backup x.db 2>err &&
	contains err "no database at missing.db" &&
	test ! -e x.db && test ! -e missing.db
'

test_expect 'backup --keep 3 DIR adds a dated copy and keeps the newest three' '
	mkdir -p nightly &&
	for d in 20200101 20200102 20200103 20200104; do
		echo old >"nightly/sigsurvey-$d-031500.db" || return 1
	done &&
	echo mine >nightly/notes.txt && echo mine >nightly/sigsurvey-manual.db &&
	sigsurvey backup --keep 3 nightly >out &&
	new=$(ls nightly | grep "^sigsurvey-20[0-9]\{6\}-[0-9]\{6\}\.db$" | sort | tail -n 1) &&
	test "$new" != sigsurvey-20200104-031500.db &&
	test "$(stat -c %a "nightly/$new")" = 600 &&
	test "$(q "nightly/$new" "SELECT count(*) FROM response")" = 500 &&
	contains out "nightly/sigsurvey-20200101-031500.db	removed" &&
	contains out "nightly/sigsurvey-20200102-031500.db	removed" &&
	ls nightly >left &&
	test "$(cat left | tr "\n" " ")" = "notes.txt sigsurvey-20200103-031500.db sigsurvey-20200104-031500.db $new sigsurvey-manual.db "
'

test_expect 'backup --keep creates its directory, private' '
	sigsurvey backup --keep 2 fresh >out &&
	test "$(ls fresh | wc -l)" = 1 &&
	test "$(stat -c %a fresh)" = 700
'

test_expect '-bad- a damaged database is not copied, and --keep keeps the good copies' '
	mkdir -p kept && sigsurvey backup --keep 1 kept >out &&
	good=$(ls kept) && test -n "$good" &&
	cp "$SIGSURVEY_DB" damaged.db &&
	dd if=/dev/urandom of=damaged.db bs=1 seek=8000 count=40000 \
		conv=notrunc 2>/dev/null &&
	sleep 1.1 &&
	expect_status 1 sigsurvey --db damaged.db backup --keep 1 kept 2>err &&
	contains err "damaged" && contains err "earlier backups are kept" &&
	test "$(ls kept)" = "$good" &&
	test "$(sqlite3 "kept/$good" "PRAGMA quick_check")" = ok &&
	expect_status 1 sigsurvey --db damaged.db backup one.db 2>err &&
	test ! -e one.db
'

test_expect '-bad- usage errors exit 2' '
	expect_status 2 sigsurvey backup --keep 0 nightly 2>err &&
	contains err "--keep needs a whole number" &&
	expect_status 2 sigsurvey backup --keep 2 2>err &&
	contains err "give a directory" &&
	expect_status 2 sigsurvey backup 2>err && contains err "usage:" &&
	expect_status 2 sigsurvey backup a.db b.db 2>err &&
	expect_status 2 sigsurvey backup --frob 2>err &&
	contains err "unknown option" &&
	sigsurvey backup --help >out && contains out "usage: sigsurvey backup"
'

test_done
