# tests/lib.sh - a small TAP harness for the end-to-end shell tests,
# in the manner of git's t/test-lib.sh:
#
#   . "$TOP/tests/lib.sh"
#   test_expect 'what the user sees' '
#       sigsurvey check >out &&
#       grep "3 forms" out
#   '
#   test_done
#
# Each test body runs in the test's own scratch directory ($WORK), with
# `sigsurvey` on PATH (the binary under test, $SIGSURVEY) and
# SIGSURVEY_FORMS pointing at the shipped forms. A failing body prints its
# commands' output as TAP diagnostics.

set -u
: "${TOP:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${SIGSURVEY:=$TOP/build/sigsurvey}"
export TOP SIGSURVEY

WORK=$(mktemp -d "${TMPDIR:-/tmp}/sigsurvey-test.XXXXXX")
BIN="$WORK/.bin"
mkdir -p "$BIN"
ln -s "$SIGSURVEY" "$BIN/sigsurvey"
PATH="$BIN:$PATH"
SIGSURVEY_FORMS="$TOP/forms"
SIGSURVEY_DB="$WORK/test.db"
export PATH SIGSURVEY_FORMS SIGSURVEY_DB WORK
unset SIGSURVEY_GNUPLOT

test_count=0
test_failed=0
test_cleanups=""

# Registers a command to run when the test script exits (servers, ...).
test_on_exit() {
	test_cleanups="$1; $test_cleanups"
}

test_exit_() {
	eval "$test_cleanups"
	cd / && rm -rf "$WORK"
}
trap test_exit_ EXIT
trap 'exit 130' INT TERM

# test_expect DESCRIPTION BODY: one TAP test.
test_expect() {
	test_count=$((test_count + 1))
	out="$WORK/.out.$test_count"
	if (cd "$WORK" && eval "$2") >"$out" 2>&1; then
		echo "ok $test_count - $1"
	else
		test_failed=$((test_failed + 1))
		echo "not ok $test_count - $1"
		sed -e 's/^/#   /' "$out" | head -n 60
		printf '#   --- body:%s\n' "$(printf '%s' "$2" | sed -e 's/^/#   /')"
	fi
}

# test_skip DESCRIPTION REASON
test_skip() {
	test_count=$((test_count + 1))
	echo "ok $test_count - $1 # SKIP $2"
}

# test_node_tap SCRIPT ARGS...: runs a node script that prints TAP and
# takes its tests as this script's own (its plan is replaced by ours; a
# non-zero exit with no failing test counts as one failure).
test_node_tap() {
	node "$@" >"$WORK/node.tap"
	node_status=$?
	grep -v '^1\.\.' "$WORK/node.tap"
	test_count=$(grep -c '^\(not \)\?ok ' "$WORK/node.tap")
	test_failed=$(grep -c '^not ok ' "$WORK/node.tap")
	[ "$node_status" = 0 ] || [ "$test_failed" != 0 ] || test_failed=1
}

test_done() {
	echo "1..$test_count"
	[ "$test_failed" = 0 ]
}

# Helpers for bodies.
fail() { echo "FAIL: $*"; return 1; }

# expect_status N CMD...: runs CMD, checks its exit status is N.
expect_status() {
	want=$1
	shift
	"$@"
	got=$?
	[ "$got" = "$want" ] || { echo "exit status $got, wanted $want: $*"; return 1; }
}

# contains FILE TEXT: a fixed-string grep that shows the file on failure.
contains() {
	grep -qF -- "$2" "$1" || { echo "'$2' not in $1:"; cat "$1"; return 1; }
}

# lacks FILE TEXT
lacks() {
	! grep -qF -- "$2" "$1" || { echo "'$2' unexpectedly in $1:"; cat "$1"; return 1; }
}
