#!/bin/sh
# ideas.sh - `make bench`: the topic board at scale. 10,000 approved
# ideas and 1,000,000 votes (100 per idea on average, skewed) are put in
# a fresh database; then wrk measures /ideas by votes (the default),
# /ideas?sort=newest and /ideas?status=scheduled (the status computed on
# read), and hyperfine times merging two busy ideas from the command
# line. Not a test: it prints a table (see README.md).
set -eu
: "${TOP:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${SIGSURVEY:=$TOP/build/sigsurvey}"
DURATION=${BENCH_SECONDS:-5}
IDEAS=${BENCH_IDEAS:-10000}
VOTES=${BENCH_VOTES:-1000000}

for tool in wrk hyperfine curl sqlite3; do
	command -v "$tool" >/dev/null 2>&1 || { echo "bench: $tool is missing (make deps)" >&2; exit 1; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sigsurvey-bench-ideas.XXXXXX")
pid=""
cleanup() {
	[ -z "$pid" ] || { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
export SIGSURVEY_DB="$tmp/bench.db" SIGSURVEY_FORMS="$TOP/forms"

# creates the database and the event the scheduled ideas point to
"$SIGSURVEY" event add --form event-feedback --key bench \
	--title "Benchmark workshop" --date "$(date -d '+30 days' +%F)" >/dev/null
t0=$(date +%s.%N)
sqlite3 "$SIGSURVEY_DB" >/dev/null <<EOT
PRAGMA journal_mode = WAL;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $IDEAS)
INSERT INTO idea (form, topic, description, level, format, status, event,
		  created, changed)
SELECT 'training-ideas', 'Idea number ' || i || ' about interlibrary loan',
	'What the session should cover, in a sentence or two (' || i || ').',
	'all', 'workshop',
	CASE i % 10 WHEN 0 THEN 'scheduled' WHEN 1 THEN 'planned'
		WHEN 2 THEN 'declined' ELSE 'suggested' END,
	CASE i % 10 WHEN 0 THEN 1 END, 1700000000 + i, 1700000000 + i
FROM n;
-- skewed: low ids get many votes; voters are 16-byte blobs
WITH RECURSIVE v(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM v WHERE k < $VOTES - 1)
INSERT OR IGNORE INTO vote (idea, voter)
SELECT 1 + (abs(random()) % $IDEAS) * (abs(random()) % $IDEAS) / $IDEAS,
	randomblob(16) FROM v;
UPDATE idea SET votes = (SELECT count(*) FROM vote WHERE vote.idea = idea.id);
COMMIT;
ANALYZE;
EOT
t1=$(date +%s.%N)
[ -z "${BENCH_KEEP:-}" ] || cp "$SIGSURVEY_DB" "$BENCH_KEEP"
nv=$(sqlite3 "$SIGSURVEY_DB" "SELECT count(*) FROM vote")
ni=$(sqlite3 "$SIGSURVEY_DB" "SELECT count(*) FROM idea")

"$SIGSURVEY" serve --listen 127.0.0.1:0 --port-file "$tmp/port" \
	>"$tmp/serve.out" 2>"$tmp/serve.log" &
pid=$!
n=0; while [ ! -s "$tmp/port" ]; do n=$((n + 1)); [ $n -lt 200 ] || exit 1; sleep 0.05; done
URL="http://127.0.0.1:$(cat "$tmp/port")"

row() {     # row NAME PATH: one wrk run, one table line
	curl -s -o "$tmp/page.html" "$URL$2"
	wrk --latency -d "${DURATION}s" -c 1 -t 1 "$URL$2" >"$tmp/w" 2>&1
	printf '%-32s %8s %10s %10s %8s\n' "$1" \
		"$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$tmp/w")" \
		"$(sed -n 's/^ *50% *\([0-9.]*[a-z]*\).*/\1/p' "$tmp/w")" \
		"$(sed -n 's/^ *99% *\([0-9.]*[a-z]*\).*/\1/p' "$tmp/w")" \
		"$(wc -c <"$tmp/page.html")"
}

echo "topic board: $ni ideas, $nv votes (seeded in $(echo "$t1 - $t0" | bc) s), 1 connection (render time), ${DURATION}s each"
printf '%-32s %8s %10s %10s %8s\n' "page" "req/s" "p50" "p99" "bytes"
row "/ideas (by votes)" "/ideas"
row "/ideas?sort=newest" "/ideas?sort=newest"
row "/ideas?status=scheduled" "/ideas?status=scheduled"
row "/ideas?page=100 (by votes)" "/ideas?page=100"
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""

a=$(sqlite3 "$SIGSURVEY_DB" "SELECT id FROM idea ORDER BY votes DESC LIMIT 1 OFFSET 1")
b=$(sqlite3 "$SIGSURVEY_DB" "SELECT id FROM idea ORDER BY votes DESC LIMIT 1")
va=$(sqlite3 "$SIGSURVEY_DB" "SELECT votes FROM idea WHERE id = $a")
hyperfine -N --runs 1 --export-json "$tmp/merge.json" \
	"$SIGSURVEY ideas merge $a $b" >/dev/null 2>&1
printf 'merging an idea of %s votes: %s ms (sigsurvey ideas merge, hyperfine, one run)\n' \
	"$va" "$(sed -n 's/.*"mean": *\([0-9.]*\).*/\1/p' "$tmp/merge.json" | head -n 1 | awk '{ printf "%.0f", $1 * 1000 }')"
