#!/bin/sh
# t0130-make-run.sh - what `make run` does (tools/run.sh) in a fresh
# directory: seeds a demo database, listens on every interface, and
# prints this machine's network address, today's event link with it and
# the event's QR code in the terminal; the links work.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-qr.sh"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("", 0)); print(s.getsockname()[1])')
lan=
for a in $(hostname -I 2>/dev/null); do
	case "$a" in 127.*|*:*) ;; *.*.*.*) lan=$a; break ;; esac
done
base="http://${lan:-127.0.0.1}:$port"
event="$base/f/event-feedback/welcome-$(date +%Y-%m-%d)"

SIGSURVEY_DB="$WORK/data/run.db" LISTEN="0.0.0.0:$port" \
	timeout 120 "$TOP/tools/run.sh" >"$WORK/run.out" 2>"$WORK/run.err" &
RUN_PID=$!
test_on_exit "kill $RUN_PID 2>/dev/null; wait $RUN_PID 2>/dev/null"
n=0
until grep -q "admin/setup" "$WORK/run.out" 2>/dev/null; do
	n=$((n + 1))
	if [ $n -gt 600 ] || ! kill -0 $RUN_PID 2>/dev/null; then
		echo "Bail out! tools/run.sh did not start:"
		sed -e 's/^/# /' "$WORK/run.out" "$WORK/run.err"
		exit 1
	fi
	sleep 0.1
done

test_expect 'make run seeds a demo database and says where it listens' '
	contains "$WORK/run.out" "run: seeding $WORK/data/run.db" &&
	contains "$WORK/run.out" "run: listening on every interface, port $port" &&
	contains "$WORK/run.out" "sigsurvey: listening on 0.0.0.0:$port (on this machine: http://127.0.0.1:$port/)" &&
	contains "$WORK/run.out" "run: on this network: $base/"
'

test_expect 'today'\''s event link and the setup link use the network address' '
	contains "$WORK/run.out" "run: today'\''s event: $event" &&
	contains "$WORK/run.out" "create the first admin at $base/admin/setup?token="
'

test_expect 'the QR code of today'\''s event is printed in the terminal' '
	grep -q "▀" "$WORK/run.out" &&
	test "$(qr_decode "$WORK/run.out")" = "$event"
'

test_expect 'the printed address answers' '
	test "$(curl -s -o ev.html -w "%{http_code}" "$event")" = 200 &&
	contains ev.html "Welcome to interlibrary loan" &&
	test "$(curl -s -o /dev/null -w "%{http_code}" "http://127.0.0.1:$port/")" = 200
'

test_expect '-bad- a second make run on the same port says so first, and nothing else' '
	! SIGSURVEY_DB="$WORK/data/run.db" LISTEN="0.0.0.0:$port" \
		"$TOP/tools/run.sh" >again.out 2>again.err &&
	contains again.err "run: port $port is in use (is another sigsurvey running?)" &&
	test ! -s again.out
'

test_done
