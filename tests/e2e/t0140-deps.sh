#!/bin/sh
# t0140-deps.sh - tools/deps.sh installs by purpose: run gets the build
# and runtime packages only, test adds the test tools, and only bench
# adds nginx, installed with services kept from starting (policy-rc.d
# answering 101) and then disabled. apt-get, dpkg-query, systemctl and id
# are stand-ins here that record what they were asked; the script
# runs from a copy, away from the repository's node_modules.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

STUBS="$WORK/stubs"
mkdir -p "$STUBS"
cat >"$STUBS/dpkg-query" <<'SH'
#!/bin/sh
exit 1
SH
cat >"$STUBS/apt-get" <<'SH'
#!/bin/sh
[ "$1" = update ] && exit 0
echo "$*" >>"$WORK/apt.log"
if [ -x "$DEPS_POLICY_RC_D" ]; then
	"$DEPS_POLICY_RC_D" nginx start
	echo "policy $?" >>"$WORK/apt.log"
fi
SH
cat >"$STUBS/systemctl" <<'SH'
#!/bin/sh
echo "systemctl $*" >>"$WORK/apt.log"
SH
printf '#!/bin/sh\necho 0\n' >"$STUBS/id"
chmod +x "$STUBS"/*
mkdir -p "$WORK/repo/tools"
cp "$TOP/tools/deps.sh" "$WORK/repo/tools/"

# deps PURPOSE: runs deps.sh with the stand-ins; the log in apt.log
deps() {
	rm -f "$WORK/apt.log"
	PATH="$STUBS:$PATH" DEPS_POLICY_RC_D="$WORK/policy-rc.d" \
		"$WORK/repo/tools/deps.sh" "$1" >deps.out 2>&1
}

test_expect 'run installs the build and runtime packages only' '
	deps run &&
	contains "$WORK/apt.log" "libmicrohttpd-dev" &&
	contains "$WORK/apt.log" "libqrencode-dev" &&
	lacks "$WORK/apt.log" "libcmocka-dev" &&
	lacks "$WORK/apt.log" "chromium" &&
	lacks "$WORK/apt.log" "nginx"
'

test_expect 'test adds the test tools, never nginx' '
	deps test &&
	contains "$WORK/apt.log" "libmicrohttpd-dev" &&
	contains "$WORK/apt.log" "libcmocka-dev" &&
	contains "$WORK/apt.log" "poppler-utils" &&
	contains "$WORK/apt.log" "chromium" &&
	contains "$WORK/apt.log" "bsdutils" &&
	lacks "$WORK/apt.log" "nginx" &&
	lacks "$WORK/apt.log" "wrk" &&
	lacks "$WORK/apt.log" "systemctl"
'

test_expect 'bench installs nginx without starting it, then disables it' '
	deps bench &&
	contains "$WORK/apt.log" "nginx" &&
	contains "$WORK/apt.log" "wrk" &&
	contains "$WORK/apt.log" "hyperfine" &&
	lacks "$WORK/apt.log" "libcmocka-dev" &&
	contains "$WORK/apt.log" "policy 101" &&
	contains "$WORK/apt.log" "systemctl disable --quiet nginx.service" &&
	test ! -e "$WORK/policy-rc.d" &&
	contains deps.out "nginx installed, not started and not enabled"
'

test_expect '-bad- an unknown purpose is a usage error' '
	expect_status 2 "$TOP/tools/deps.sh" frob 2>err &&
	contains err "usage: tools/deps.sh run|test|bench"
'

test_done
