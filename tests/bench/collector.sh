#!/bin/sh
# collector.sh - `make bench`: how fast the collector serves a form and
# stores responses, against nginx serving the same page as a static file.
# Not a test: it prints a table (see README.md).
#
#   1. nginx (own config and prefix, free ports, foreground, sendfile)
#      serves a saved copy of the rendered event-feedback page, with its
#      access log off (the upper baseline) and on (as Debian ships it)
#   2. sigsurvey serve renders the same page live; and libmicrohttpd
#      alone (bare-mhd.c) answers with the saved bytes from memory, with
#      the daemon options serve uses: the floor the library sets
#   3. completed submissions as a phone makes them (GET the page, POST
#      valid answers with its token; a 303 once its commit is on disk),
#      with 1 connection (one commit each) and with 64 (group commit);
#      rows are counted in the database afterwards and again after SIGTERM.
# The page runs are repeated BENCH_ROUNDS times (default 3), interleaved,
# and the median round is shown. For every run: requests per second, p99
# latency, and the server's CPU time per request (utime + stime from
# /proc/PID/stat of the server and its children, over the run); the
# machine may be shared, so compare the rows of one run, not runs. The
# ratios are to nginx with its access log off: requests per second (wrk
# shares the cores, so its own CPU narrows them) and CPU per request.
# BENCH_SECONDS (5), BENCH_CONNECTIONS (64) and BENCH_SERVE_OPTIONS
# (e.g. "--threads 4") change the runs.
set -eu
: "${TOP:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${SIGSURVEY:=$TOP/build/sigsurvey}"
DURATION=${BENCH_SECONDS:-5}
ROUNDS=${BENCH_ROUNDS:-3}
CONNS=${BENCH_CONNECTIONS:-64}

for tool in wrk nginx curl sqlite3 python3 cc pkg-config /usr/bin/time; do
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
	/usr/bin/time -f "%U %S" -o "$tmp/$name.wcpu" \
		wrk --latency -d "${DURATION}s" "$@" >"$tmp/$name.wrk" 2>&1
}
rps() { sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$tmp/$1.wrk"; }
reqs() { sed -n 's/^ *\([0-9]*\) requests in .*/\1/p' "$tmp/$1.wrk"; }

# cpu_ticks PID: utime + stime of PID and its child processes, in ticks
cpu_ticks() {
	t=0
	for p in $1 $(cat /proc/$1/task/*/children 2>/dev/null); do
		t=$((t + $(sed 's/^.*) //' /proc/$p/stat | cut -d' ' -f12-13 | tr ' ' '+')))
	done
	echo $t
}
# measure NAME PID ARGS...: run_wrk NAME ARGS, and the CPU microseconds
# PID spent per request in $tmp/NAME.cpu
HZ=$(getconf CLK_TCK)
measure() {
	name=$1 pid=$2; shift 2
	t0=$(cpu_ticks "$pid")
	run_wrk "$name" "$@"
	t1=$(cpu_ticks "$pid")
	echo "$t0 $t1 $HZ $(reqs "$name")" | awk '{ printf "%.1f\n", ($2 - $1) * 1e6 / $3 / ($4 ? $4 : 1) }' >"$tmp/$name.cpu"
}
p99() { sed -n 's/^ *99% *\([0-9.]*[a-z]*\).*/\1/p' "$tmp/$1.wrk"; }

export SIGSURVEY_DB="$tmp/bench.db" SIGSURVEY_FORMS="$TOP/forms"

# --- the collector --------------------------------------------------------
# shellcheck disable=SC2086 # BENCH_SERVE_OPTIONS: e.g. "--threads 4"
"$SIGSURVEY" serve --listen 127.0.0.1:0 --port-file "$tmp/port" \
	--min-fill-seconds 0 --rate-limit 0 ${BENCH_SERVE_OPTIONS:-} >"$tmp/serve.out" 2>"$tmp/serve.log" &
pids="$pids $!"
SPID=$!
n=0; while [ ! -s "$tmp/port" ]; do n=$((n + 1)); [ $n -lt 200 ] || exit 1; sleep 0.05; done
SURL="http://127.0.0.1:$(cat "$tmp/port")"
sqlite3 "$SIGSURVEY_DB" "INSERT INTO event (key, form, title, date, location, created)
	VALUES ('bench', 'event-feedback', 'Benchmark webinar', date('now'),
		'Online', strftime('%s', 'now'))"
PAGE="/f/event-feedback/bench"
mkdir -p "$tmp/www"
curl -s -o "$tmp/www/index.html" "$SURL$PAGE"
bytes=$(wc -c <"$tmp/www/index.html")

# --- nginx, the baselines --------------------------------------------------
NPORT=$(free_port)
LPORT=$(free_port)
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
	sendfile on;
	tcp_nopush on;
	client_body_temp_path $tmp/nginx/body;
	proxy_temp_path $tmp/nginx/proxy;
	fastcgi_temp_path $tmp/nginx/fastcgi;
	uwsgi_temp_path $tmp/nginx/uwsgi;
	scgi_temp_path $tmp/nginx/scgi;
	types { text/html html; }
	server {        # the upper baseline: access log off
		listen 127.0.0.1:$NPORT;
		access_log off;
		root $tmp/www;
		location = $PAGE { default_type "text/html; charset=utf-8"; try_files /index.html =404; }
	}
	server {        # as Debian ships it: access log on
		listen 127.0.0.1:$LPORT;
		access_log $tmp/nginx/logs/access.log;
		root $tmp/www;
		location = $PAGE { default_type "text/html; charset=utf-8"; try_files /index.html =404; }
	}
}
EOT
nginx -e stderr -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" 2>"$tmp/nginx.err" &
NPID=$!
pids="$pids $NPID"
wait_for "http://127.0.0.1:$NPORT$PAGE"
wait_for "http://127.0.0.1:$LPORT$PAGE"

# --- libmicrohttpd alone ------------------------------------------------------
# shellcheck disable=SC2046 # pkg-config prints several words
cc -O2 -o "$tmp/bare-mhd" "$TOP/tests/bench/bare-mhd.c" \
	$(pkg-config --cflags --libs libmicrohttpd) -lpthread
"$tmp/bare-mhd" "$tmp/www/index.html" "$tmp/bare.port" &
BPID=$!
pids="$pids $BPID"
n=0; while [ ! -s "$tmp/bare.port" ]; do n=$((n + 1)); [ $n -lt 200 ] || exit 1; sleep 0.05; done
BURL="http://127.0.0.1:$(cat "$tmp/bare.port")"
wait_for "$BURL$PAGE"

echo "bench: ${DURATION}s per run, $CONNS connections, 2 wrk threads, page of $bytes bytes, $ROUNDS rounds"
for r in $(seq "$ROUNDS"); do
	measure "nginx.$r" "$NPID" -t2 -c"$CONNS" "http://127.0.0.1:$NPORT$PAGE"
	measure "nginxlog.$r" "$NPID" -t2 -c"$CONNS" "http://127.0.0.1:$LPORT$PAGE"
	measure "page.$r" "$SPID" -t2 -c"$CONNS" "$SURL$PAGE"
	measure "bare.$r" "$BPID" -t2 -c"$CONNS" "$BURL$PAGE"
done
kill "$BPID"; wait "$BPID" 2>/dev/null || true

# --- completed submissions ----------------------------------------------------
rows() { sqlite3 "$SIGSURVEY_DB" "SELECT count(*) FROM response"; }
# bytes the collector wrote to files (the database, its WAL, the log)
wchar() { sed -n 's/^wchar: //p' /proc/$SPID/io; }
logsize() { wc -c <"$tmp/serve.log"; }
submit() {      # submit NAME WRK-ARGS...
	name=$1; shift
	b=$(rows) w=$(wchar) l=$(logsize)
	measure "$name" "$SPID" "$@" -s "$TOP/tests/bench/collector-submit.lua" "$SURL$PAGE"
	a=$(rows)
	echo "$((a - b)) $(( $(wchar) - w - $(logsize) + l ))" >"$tmp/$name.rows"
	if ! grep -q "^failed: 0$" "$tmp/$name.wrk" ||
	   [ "$(sed -n 's/^stored: //p' "$tmp/$name.wrk")" -gt "$((a - b))" ]; then
		echo "bench: $name had failed or lost submissions:" >&2
		cat "$tmp/$name.wrk" >&2
		exit 1
	fi
}
submit post1 -t1 -c1
submit post64 -t2 -c"$CONNS"
acked=$(sed -n 's/^stored: //p' "$tmp/post1.wrk" "$tmp/post64.wrk" | awk '{ n += $1 } END { print n }')

# stop the collector cleanly: every acknowledged response is committed
kill -TERM "$SPID"
wait "$SPID" || true
final=$(rows)

python3 - "$tmp" "$ROUNDS" "$DURATION" "$CONNS" "$acked" "$final" <<'EOT'
import re, statistics, sys
tmp, rounds, dur, conns, acked, final = sys.argv[1:]
rounds, dur = int(rounds), float(dur)
def read(name):
    w = open("%s/%s.wrk" % (tmp, name)).read()
    rps = float(re.search(r"Requests/sec:\s*([0-9.]+)", w).group(1))
    p99 = re.search(r"^\s*99%\s*(\S+)", w, re.M).group(1)
    cpu = float(open("%s/%s.cpu" % (tmp, name)).read())
    m = re.search(r"^stored: (\d+)", w, re.M)
    n = int(re.search(r"(\d+) requests in", w).group(1))
    return rps, p99, cpu, int(m.group(1)) if m else 0, n
def median(name):
    runs = sorted((read("%s.%d" % (name, r)) for r in range(1, rounds + 1)),
                  key=lambda x: x[0])
    return runs[len(runs) // 2], [r[2] for r in runs]
rows = []
loads = []
base = median("nginx")[0]
for name, label in (("nginx", "nginx, saved page, access log off (baseline)"),
                    ("nginxlog", "nginx, saved page, access log on (Debian)"),
                    ("page", "sigsurvey serve, the same page rendered live"),
                    ("bare", "libmicrohttpd alone, the saved page from memory")):
    (rps, p99, cpu, _, _), cpus = median(name)
    rows.append((label, "%.0f" % rps, p99, "%.1f" % cpu, "%.2f" % (rps / base[0]),
                 "/".join("%.0f" % c for c in sorted(cpus)), "%.2f" % (cpu / base[2])))
for name, label in (("post1", "submissions (GET+POST), 1 connection"),
                    ("post64", "submissions (GET+POST), %s connections" % conns)):
    rps, p99, cpu, stored, nreq = read(name)
    n, written = map(int, open("%s/%s.rows" % (tmp, name)).read().split())
    user, system = map(float, open("%s/%s.wcpu" % (tmp, name)).read().split()[-2:])
    loads.append("%s: wrk %.0f µs" % (name[4:] + " connection" + ("s" if name != "post1" else ""),
                                     (user + system) * 1e6 / max(stored, 1)))
    # CPU per completed submission: its GET and its POST
    rows.append((label + " [%.0f stored/s, %.0f KB written each]"
                 % (stored / dur, written / 1024 / max(n, 1)),
                 "%.0f" % rps, p99, "%.1f" % (cpu * nreq / max(stored, 1)), "", "", ""))
w = max(len(r[0]) for r in rows)
print()
print("| %-*s | %7s | %8s | %9s | %5s | %5s |" % (w, "what (wrk -t2 on 127.0.0.1)", "req/s", "p99", "CPU µs/req", "req/s ratio", "CPU ratio"))
print("|%s|%s|%s|%s|%s|%s|" % ("-" * (w + 2), "-" * 8 + ":", "-" * 9 + ":", "-" * 11 + ":", "-" * 12 + ":", "-" * 10 + ":"))
for r in rows:
    print("| %-*s | %7s | %8s | %10s | %11s | %9s |" % (w, r[0], r[1], r[2], r[3], r[4], r[6]))
print()
print("CPU µs/req of the page runs, all rounds: " +
      "; ".join("%s %s" % (r[0].split(",")[0] + (" log" if "log on" in r[0] else ""), r[5]) for r in rows[:4]))
print("submission rows: CPU µs per completed submission (GET + POST); "
      "written = bytes the collector wrote to the database and WAL")
print("CPU per completed submission spent by the load generator itself on the same cores: "
      + "; ".join(loads))
print("%s submissions acknowledged (303), %s rows in the database after SIGTERM"
      % (acked, final))
if int(final) < int(acked):
    sys.exit("bench: acknowledged submissions are missing")
EOT
