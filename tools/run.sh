#!/bin/sh
# run.sh - `make run`: starts the collector with the shipped forms and
# data/sigsurvey.db where a phone on the same network can reach it. A
# database without events is first seeded with demo events and responses
# plus one event open today, whose address and QR code are printed so
# that a newcomer can fill in real feedback on their phone at once.
#
#   make run                          listens on 0.0.0.0:8080 (every interface)
#   LISTEN=127.0.0.1:8080 make run    this computer only
#   LISTEN=0.0.0.0:8081 make run      another port
#   BASE_URL=http://laptop.lan:8080 make run   the address to put in links
#
# The public address (--base-url) is the listen address, or for 0.0.0.0
# and [::] the first non-loopback IPv4 address of this machine.
set -eu
cd "$(dirname "$0")/.."
BIN=${SIGSURVEY:-./build/sigsurvey}
SIGSURVEY_DB=${SIGSURVEY_DB:-data/sigsurvey.db}
SIGSURVEY_FORMS=${SIGSURVEY_FORMS:-forms}
LISTEN=${LISTEN:-0.0.0.0:8080}
export SIGSURVEY_DB SIGSURVEY_FORMS

port=${LISTEN##*:}
host=${LISTEN%:*}
case "$port" in
''|0|*[!0-9]*)
	echo "run: LISTEN=$LISTEN: give ADDR:PORT with a fixed port, e.g. 0.0.0.0:8080" >&2
	exit 2 ;;
esac
# a port in use is said before anything else is printed (curl exits 7
# when nothing accepts the connection)
case "$host" in
0.0.0.0) probe=127.0.0.1 ;;
'[::]')  probe='[::1]' ;;
*)       probe=$host ;;
esac
rc=0
curl -s -g -o /dev/null --max-time 2 "http://$probe:$port/" || rc=$?
if [ "$rc" != 7 ]; then
	echo "run: port $port is in use (is another sigsurvey running?); try LISTEN=$host:$((port + 1)) make run" >&2
	exit 1
fi

# The first IPv4 address that is not a loopback one, or nothing.
lan_address() {
	for a in $(hostname -I 2>/dev/null ||
		   ip -4 -o addr show 2>/dev/null | awk '{ sub("/.*", "", $4); print $4 }'); do
		case "$a" in
		127.*|*:*) ;;
		*.*.*.*) echo "$a"; return ;;
		esac
	done
}

case "$host" in
0.0.0.0|'[::]')
	lan=$(lan_address)
	if [ -z "$lan" ]; then
		echo "run: no network address found; only this computer can open the links"
		lan=127.0.0.1
	fi ;;
*)	lan=$host ;;
esac
BASE_URL=${BASE_URL:-http://$lan:$port}

events=0
if [ -f "$SIGSURVEY_DB" ]; then
	events=$("$BIN" event list | wc -l)
fi
key="welcome-$(date +%Y-%m-%d)"
if [ "$events" = 0 ]; then
	echo "run: seeding $SIGSURVEY_DB with demo events and responses"
	"$BIN" demo --events 6 --responses 300
	"$BIN" event add --form event-feedback --key "$key" \
		--title "Welcome to interlibrary loan: a newcomers' workshop" \
		--date "$(date +%Y-%m-%d)" --location "Central Library, Room 2" \
		--format in_person --presenter "The ILL SIG committee"
fi

case "$host" in
0.0.0.0|'[::]') echo "run: listening on every interface, port $port (a demo database)" ;;
*)              echo "run: listening on $LISTEN" ;;
esac
echo "run: on this network: $BASE_URL/"
link="$BASE_URL/"
if "$BIN" event show "$key" >/dev/null 2>&1; then
	link="$BASE_URL/f/event-feedback/$key"
	echo "run: today's event: $link"
fi
echo "run: scan with a phone on the same network:"
"$BIN" qr "$link"
echo "run: stop with Ctrl-C"
exec "$BIN" serve --listen "$LISTEN" --base-url "$BASE_URL"
