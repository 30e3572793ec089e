#!/bin/sh
# t0150-install.sh - `make install` for a real host: into a DESTDIR it
# lays out the binary, the man page, the example forms, the systemd units
# (paths filled in) and the sysusers.d file, all of which systemd-analyze
# verify accepts; `make uninstall` removes exactly those files.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

# mk ARGS: make in the source tree with the binary under test, outside
# any make this test runs under.
B=$(dirname "$SIGSURVEY")
mk() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$TOP" B="$B" "$@"
}

cat >want <<'EOF2'
usr/bin/sigsurvey
usr/lib/systemd/system/sigsurvey-backup.service
usr/lib/systemd/system/sigsurvey-backup.timer
usr/lib/systemd/system/sigsurvey.service
usr/lib/sysusers.d/sigsurvey.conf
usr/share/man/man1/sigsurvey.1
usr/share/sigsurvey/forms/event-feedback.yaml
usr/share/sigsurvey/forms/member-survey.yaml
usr/share/sigsurvey/forms/site.yaml
usr/share/sigsurvey/forms/training-ideas.yaml
EOF2
mv want "$WORK/want"

test_expect 'make install DESTDIR=... PREFIX=/usr lays out every file' '
	mk install DESTDIR="$WORK/root" PREFIX=/usr >out 2>&1 &&
	(cd root && find . -type f -o -type l) | sed "s|^\./||" | sort >got &&
	diff -u "$WORK/want" got &&
	test -x root/usr/bin/sigsurvey &&
	test "$(stat -c %a root/usr/lib/systemd/system/sigsurvey.service)" = 644
'

test_expect 'the units run the installed binary on the installed forms' '
	u=root/usr/lib/systemd/system &&
	contains $u/sigsurvey.service "ExecStart=/usr/bin/sigsurvey serve --listen \${LISTEN}" &&
	contains $u/sigsurvey.service "SIGSURVEY_FORMS=/usr/share/sigsurvey/forms" &&
	contains $u/sigsurvey.service "StateDirectory=sigsurvey" &&
	contains $u/sigsurvey.service "User=sigsurvey" &&
	contains $u/sigsurvey.service "ProtectSystem=strict" &&
	contains $u/sigsurvey.service "NoNewPrivileges=yes" &&
	contains $u/sigsurvey-backup.service "ExecStart=/usr/bin/sigsurvey backup --keep \${BACKUP_KEEP} /var/lib/sigsurvey/backups" &&
	contains $u/sigsurvey-backup.timer "OnCalendar=" &&
	contains root/usr/lib/sysusers.d/sigsurvey.conf "u sigsurvey" &&
	! grep -rn "@[A-Z]*DIR@" root
'

test_expect 'the installed binary accepts the installed forms' '
	root/usr/bin/sigsurvey --forms root/usr/share/sigsurvey/forms check >out &&
	contains out "event-feedback"
'

# systemd-analyze comes with the systemd package (tools/deps.sh test).
test_expect 'systemd-analyze verify accepts the installed units' '
	mk install PREFIX="$WORK/prefix" >out 2>&1 &&
	systemd-analyze verify --man=no \
		"$WORK/prefix/lib/systemd/system/sigsurvey.service" \
		"$WORK/prefix/lib/systemd/system/sigsurvey-backup.service" \
		"$WORK/prefix/lib/systemd/system/sigsurvey-backup.timer" \
		>verify.out 2>&1 &&
	test ! -s verify.out &&
	mk uninstall PREFIX="$WORK/prefix" >out 2>&1
'

test_expect 'make uninstall leaves none of it' '
	mk uninstall DESTDIR="$WORK/root" PREFIX=/usr >out 2>&1 &&
	test -z "$(find root -type f -o -type l)" &&
	test -z "$(find root -name "*sigsurvey*")"
'

test_done
