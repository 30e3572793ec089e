#!/bin/sh
# deps.sh - installs what sigsurvey needs to build and test on Debian 12:
# missing Debian packages with apt-get when run as root (otherwise prints
# the exact command), and the browser-test npm packages from the lock file.
set -e
cd "$(dirname "$0")/.."

PACKAGES="build-essential pkg-config libmicrohttpd-dev libsqlite3-dev libhpdf-dev
gnuplot-nox libyaml-dev libsodium-dev libqrencode-dev fonts-dejavu-core
fonts-droid-fallback fonts-wqy-microhei fonts-symbola
libcmocka-dev curl sqlite3 poppler-utils zbar-tools python3 perl
chromium nodejs npm default-jre-headless wrk hyperfine nginx"

missing=""
for p in $PACKAGES; do
	case "$p" in
	nodejs|npm) command -v "${p%js}" >/dev/null 2>&1 && continue ;;
	esac
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' ||
		missing="$missing $p"
done

if [ -n "$missing" ]; then
	cmd="apt-get install -y --no-install-recommends$missing"
	if [ "$(id -u)" = 0 ]; then
		echo "deps: installing$missing"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		# shellcheck disable=SC2086
		apt-get install -y -qq --no-install-recommends $missing >/dev/null
	else
		echo "deps: missing Debian packages; run as root:" >&2
		echo "  apt-get update && $cmd" >&2
		exit 1
	fi
fi

if [ -f package-lock.json ] && [ ! -d node_modules ] ||
   { [ -f package-lock.json ] && [ package-lock.json -nt node_modules ]; }; then
	echo "deps: installing npm packages from package-lock.json"
	npm ci --no-audit --no-fund --loglevel=error
	touch node_modules
fi
