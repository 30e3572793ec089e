#!/bin/sh
# deps.sh - installs what sigsurvey needs on Debian 12, by purpose:
#
#   tools/deps.sh run     build and run (make run, make install)
#   tools/deps.sh test    also the test tools and the browser-test npm
#                         packages from the lock file (make test)
#   tools/deps.sh bench   also wrk, hyperfine and nginx (make bench)
#
# Missing Debian packages are installed with apt-get when run as root
# (otherwise the exact command is printed). nginx is only ever installed
# for bench, and then without starting or enabling it: on a systemd host
# its package would otherwise start a server on port 80.
set -e
cd "$(dirname "$0")/.."
purpose=${1:-test}
# where invoke-rc.d looks; another path only for tests/e2e/t0140-deps.sh
POLICY=${DEPS_POLICY_RC_D:-/usr/sbin/policy-rc.d}

RUN="build-essential pkg-config libmicrohttpd-dev libsqlite3-dev libhpdf-dev
gnuplot-nox libyaml-dev libsodium-dev libqrencode-dev fonts-dejavu-core
fonts-droid-fallback fonts-wqy-microhei fonts-symbola"
TEST="libcmocka-dev curl sqlite3 poppler-utils zbar-tools python3 perl
bsdutils util-linux systemd chromium nodejs npm default-jre-headless"
BENCH="wrk hyperfine nginx curl sqlite3 python3 time"

case "$purpose" in
run)   PACKAGES=$RUN ;;
test)  PACKAGES="$RUN $TEST" ;;
bench) PACKAGES="$RUN $BENCH" ;;
*)     echo "usage: tools/deps.sh run|test|bench" >&2; exit 2 ;;
esac

missing=""
for p in $PACKAGES; do
	case " $missing " in *" $p "*) continue ;; esac
	case "$p" in
	nodejs|npm) command -v "${p%js}" >/dev/null 2>&1 && continue ;;
	esac
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' ||
		missing="$missing $p"
done

# Keeps a package's maintainer scripts from starting its service while
# it is installed (invoke-rc.d and deb-systemd-invoke ask policy-rc.d),
# then disables the service it enabled. An existing policy is left alone.
no_autostart() {
	if [ ! -e "$POLICY" ]; then
		printf '#!/bin/sh\n# tools/deps.sh: no services started\nexit 101\n' \
			>"$POLICY"
		chmod 755 "$POLICY"
		policy_made=1
	fi
}

if [ -n "$missing" ]; then
	cmd="apt-get install -y --no-install-recommends$missing"
	if [ "$(id -u)" = 0 ]; then
		echo "deps ($purpose): installing$missing"
		export DEBIAN_FRONTEND=noninteractive
		policy_made=
		case " $missing " in *" nginx "*) no_autostart ;; esac
		trap '[ -z "$policy_made" ] || rm -f "$POLICY"' EXIT
		apt-get update -qq
		# shellcheck disable=SC2086
		apt-get install -y -qq --no-install-recommends $missing >/dev/null
		case " $missing " in *" nginx "*)
			if command -v systemctl >/dev/null 2>&1; then
				systemctl disable --quiet nginx.service 2>/dev/null || :
			fi
			echo "deps ($purpose): nginx installed, not started and not enabled"
		esac
	else
		echo "deps ($purpose): missing Debian packages; run as root:" >&2
		echo "  apt-get update && $cmd" >&2
		exit 1
	fi
fi

[ "$purpose" = test ] || exit 0
if [ -f package-lock.json ] && [ ! -d node_modules ] ||
   { [ -f package-lock.json ] && [ package-lock.json -nt node_modules ]; }; then
	echo "deps: installing npm packages from package-lock.json"
	npm ci --no-audit --no-fund --loglevel=error
	touch node_modules
fi
