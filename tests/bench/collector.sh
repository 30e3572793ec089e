#!/bin/sh
# collector.sh - `make bench`: how fast the collector serves a form and
# stores responses, against Debian's nginx serving the same page as a
# static file. Not a test: it prints a table (see README.md).
#
#   1. nginx (own config and prefix, free port, foreground, access log on
#      as in Debian's default config) serves a saved copy of the rendered
#      event-feedback page                            -> the baseline
#   2. sigsurvey serve renders the same page live
#   3. durable submissions (POST, fresh token each, synchronous=FULL), with
#      1 connection (one commit per response) and with 64 (group commit);
#      rows are counted in the database afterwards.
set -eu
: "${TOP:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${SIGSURVEY:=$TOP/build/sigsurvey}"
DURATION=${BENCH_SECONDS:-5}
CONNS=${BENCH_CONNECTIONS:-64}

for tool in wrk nginx curl sqlite3 python3; do
	command -v "$tool" >/dev/null 2>&1 || PATH=$PATH:/usr/sbin
	command -v "$tool" >/dev/null 2>&1 || { echo "bench: $tool is missing (make deps)" >&2; exit 1; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sigsurvey-bench.XXXXXX")
chmod 755 "$tmp"
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_for() {    # wait_for URL
	n=0
	until curl -s -o /dev/null "$1"; do
		n=$((n + 1)); [ $n -lt 200 ] || { echo "bench: $1 did not come up" >&2; exit 1; }
		sleep 0.05
	done
}

# run_wrk NAME ARGS...: runs wrk, keeps its output in $tmp/NAME.wrk
run_wrk() {
	name=$1; shift
	wrk --latency -d "${DURATION}s" "$@" >"$tmp/$name.wrk" 2>&1
}
rps() { sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$tmp/$1.wrk"; }
p99() { sed -n 's/^ *99% *\([0-9.]*[a-z]*\).*/\1/p' "$tmp/$1.wrk"; }

export SIGSURVEY_DB="$tmp/bench.db" SIGSURVEY_FORMS="$TOP/forms"

# --- the collector --------------------------------------------------------
"$SIGSURVEY" serve --listen 127.0.0.1:0 --port-file "$tmp/port" \
	--min-fill-seconds 0 --rate-limit 0 >"$tmp/serve.out" 2>"$tmp/serve.log" &
pids="$pids $!"
n=0; while [ ! -s "$tmp/port" ]; do n=$((n + 1)); [ $n -lt 200 ] || exit 1; sleep 0.05; done
SURL="http://127.0.0.1:$(cat "$tmp/port")"
sqlite3 "$SIGSURVEY_DB" "INSERT INTO event (key, form, title, date, location, created)
	VALUES ('bench', 'event-feedback', 'Benchmark webinar', date('now'),
		'Online', strftime('%s', 'now'))"
PAGE="/f/event-feedback/bench"
mkdir -p "$tmp/www"
curl -s -o "$tmp/www/index.html" "$SURL$PAGE"
bytes=$(wc -c <"$tmp/www/index.html")

# --- nginx, the baseline ----------------------------------------------------
NPORT=$(free_port)
mkdir -p "$tmp/nginx/logs"
user_line=""
[ "$(id -u)" = 0 ] && user_line="user root;"
cat >"$tmp/nginx/nginx.conf" <<EOT
$user_line
daemon off;
worker_processes 2;
pid $tmp/nginx/nginx.pid;
error_log stderr warn;
events { worker_connections 1024; }
http {
	# as Debian ships it: access log on, sendfile; like the collector's log
	access_log $tmp/nginx/logs/access.log;
	sendfile on;
	tcp_nopush on;
	client_body_temp_path $tmp/nginx/body;
	proxy_temp_path $tmp/nginx/proxy;
	fastcgi_temp_path $tmp/nginx/fastcgi;
	uwsgi_temp_path $tmp/nginx/uwsgi;
	scgi_temp_path $tmp/nginx/scgi;
	types { text/html html; }
	server {
		listen 127.0.0.1:$NPORT;
		root $tmp/www;
		location = $PAGE { default_type "text/html; charset=utf-8"; try_files /index.html =404; }
	}
}
EOT
nginx -e stderr -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" 2>"$tmp/nginx.err" &
pids="$pids $!"
NURL="http://127.0.0.1:$NPORT"
wait_for "$NURL$PAGE"

echo "bench: ${DURATION}s per run, $CONNS connections, 2 wrk threads, page of $bytes bytes"
run_wrk nginx -t2 -c"$CONNS" "$NURL$PAGE"
run_wrk page -t2 -c"$CONNS" "$SURL$PAGE"

# --- durable submissions ------------------------------------------------------
# Tokens as the server issues them (HMAC with its key, served a minute ago),
# made up front so that every POST is a new response.
key=$(sqlite3 "$SIGSURVEY_DB" "SELECT hex(value) FROM secret WHERE name = 'form-token'")
python3 - "$key" 400000 >"$tmp/tokens" <<'EOT'
import base64, hashlib, hmac, os, sys, time
key, n = bytes.fromhex(sys.argv[1]), int(sys.argv[2])
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
served = int(time.time()) - 60
out = []
for _ in range(n):
    p = ("1\nevent-feedback\nbench\n%d\n" % served).encode() + b64(os.urandom(16)).encode()
    out.append(b64(p) + "." + b64(hmac.new(key, p, hashlib.sha512).digest()[:32]))
sys.stdout.write("\n".join(out) + "\n")
EOT
split -n l/2 -d "$tmp/tokens" "$tmp/tok."

rows() { sqlite3 "$SIGSURVEY_DB" "SELECT count(*) FROM response"; }
before=$(rows)
run_wrk post1 -t1 -c1 -s "$TOP/tests/bench/collector-post.lua" "$SURL$PAGE" -- "$tmp/tok.00" 1
mid=$(rows)
run_wrk post64 -t2 -c"$CONNS" -s "$TOP/tests/bench/collector-post.lua" "$SURL$PAGE" -- "$tmp/tok.01" 2
after=$(rows)

for r in post1 post64; do
	if ! grep -q "^not-303: 0$" "$tmp/$r.wrk" || ! grep -q "^replayed: 0$" "$tmp/$r.wrk"; then
		echo "bench: $r had failed or replayed submissions:" >&2
		cat "$tmp/$r.wrk" >&2
		exit 1
	fi
done

# stop the collector cleanly: every acknowledged response is committed
kill -TERM $(echo $pids | cut -d' ' -f1)
wait $(echo $pids | cut -d' ' -f1) || true
final=$(rows)

python3 - "$(rps nginx)" "$(p99 nginx)" "$(rps page)" "$(p99 page)" \
	"$(rps post1)" "$(p99 post1)" "$(rps post64)" "$(p99 post64)" \
	$((mid - before)) $((after - mid)) "$final" "$DURATION" "$CONNS" <<'EOT'
import sys
a = sys.argv[1:]
nginx, np99, page, pp99, p1, p1p99, p64, p64p99 = a[:8]
rows1, rows64, final, dur, conns = int(a[8]), int(a[9]), int(a[10]), float(a[11]), a[12]
n, pg, s1, s64 = float(nginx), float(page), float(p1), float(p64)
rows = [
    ("nginx, saved event-feedback page (baseline, %s conn)" % conns, n, np99),
    ("sigsurvey serve, same page rendered live (%s conn)" % conns, pg, pp99),
    ("durable submissions, 1 connection (1 commit each)", s1, p1p99),
    ("durable submissions, %s connections (group commit)" % conns, s64, p64p99),
]
w = max(len(r[0]) for r in rows)
print()
print("| %-*s | %8s | %8s | %5s |" % (w, "what (wrk on 127.0.0.1, 2 threads)", "req/s", "p99", "ratio"))
print("|%s|%s|%s|%s|" % ("-" * (w + 2), "-" * 9 + ":", "-" * 9 + ":", "-" * 6 + ":"))
for name, r, p in rows:
    print("| %-*s | %8.0f | %8s | %5.2f |" % (w, name, r, p, r / n))
print()
print("rows stored: %d with 1 connection (%.0f/s), %d with %s (%.0f/s); %d in the database after SIGTERM"
      % (rows1, rows1 / dur, rows64, conns, rows64 / dur, final))
print("group commit: %.1fx the submissions of one commit per response" % (s64 / s1 if s1 else 0))
EOT
