#!/bin/sh
# report.sh - benchmark of `sigsurvey report` and `sigsurvey export` on
# demo databases of 10,000, 100,000 and 1,000,000 event-feedback
# responses (built once, cached under build/bench/), against a baseline:
# the sqlite3 command line running the same aggregation (report) or
# dumping the same rows (export). Prints a markdown table for README.md.
#
#   SIGSURVEY=build/sigsurvey TOP=. tests/bench/report.sh [SIZES...]
set -eu
: "${TOP:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${SIGSURVEY:=$TOP/build/sigsurvey}"
DIR="$TOP/build/bench"
SIZES=${*:-10000 100000 1000000}
export SIGSURVEY_FORMS="$TOP/forms" SOURCE_DATE_EPOCH=1780000000
mkdir -p "$DIR"
for tool in /usr/bin/time hyperfine sqlite3 python3; do
	command -v "$tool" >/dev/null || { echo "report.sh: needs $tool" >&2; exit 1; }
done

# db N: the cached database with N responses (made by demo when missing).
db() {
	f="$DIR/demo-$1.db"
	if [ ! -s "$f" ]; then
		echo "building $f (once) ..." >&2
		rm -f "$f" "$f-wal" "$f-shm"
		SIGSURVEY_DB="$f" "$SIGSURVEY" demo --events 24 --responses "$1" \
			--today 2026-11-01 >&2
	fi
	echo "$f"
}

# measure CMD...: runs it once under /usr/bin/time -v; prints "SECONDS KB".
measure() {
	/usr/bin/time -v "$@" 2>"$DIR/time.txt" >/dev/null ||
		{ cat "$DIR/time.txt" >&2; exit 1; }
	awk -F': ' '/Elapsed/ { n = split($2, t, ":"); s = 0;
			for (i = 1; i <= n; i++) s = s * 60 + t[i] }
		/Maximum resident/ { kb = $2 }
		END { printf "%.2f %d\n", s, kb }' "$DIR/time.txt"
}

# mean CMD: hyperfine's mean in seconds over a few runs.
mean() {
	hyperfine -N --warmup 1 --runs 5 --export-json "$DIR/hf.json" "$1" \
		>/dev/null 2>&1 || { echo "hyperfine failed: $1" >&2; exit 1; }
	python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["mean"])' "$DIR/hf.json"
}

AGG="SELECT e.key, a.key, a.code, count(*) FROM response r
  LEFT JOIN event e ON e.id = r.event JOIN answer a ON a.response = r.id
  WHERE r.form = 'event-feedback' AND r.spam = 0 AND a.code IS NOT NULL
  GROUP BY r.event, a.key, a.code;
SELECT e.key, a.key, a.num, count(*) FROM response r
  LEFT JOIN event e ON e.id = r.event JOIN answer a ON a.response = r.id
  WHERE r.form = 'event-feedback' AND r.spam = 0 AND a.num IS NOT NULL
  GROUP BY r.event, a.key, a.num;
SELECT e.key, a.key, a.text, r.submitted FROM response r
  LEFT JOIN event e ON e.id = r.event JOIN answer a ON a.response = r.id
  WHERE r.form = 'event-feedback' AND r.spam = 0 AND a.text IS NOT NULL
  ORDER BY r.submitted DESC;"
DUMP="SELECT r.id, e.key, e.title, e.date, r.submitted, a.key, a.code, a.num,
  a.text FROM response r LEFT JOIN event e ON e.id = r.event
  LEFT JOIN answer a ON a.response = r.id
  WHERE r.form = 'event-feedback' AND r.spam = 0 ORDER BY r.id, a.seq;"

echo "| responses | report time | cold disk | report peak RSS | PDF pages | sqlite3 aggregation | ratio | export CSV time | export peak RSS | sqlite3 dump | ratio |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in $SIZES; do
	f=$(db "$n")
	pdf="$DIR/report-$n.pdf"
	set -- "$SIGSURVEY" --db "$f" report --form event-feedback -o "$pdf"
	# the first report from a cold disk, when the page cache can be
	# dropped (root); then the mean of warm runs
	cold="-"
	if sync 2>/dev/null && { echo 1 >/proc/sys/vm/drop_caches; } 2>/dev/null; then
		cold=$(measure "$@" | cut -d' ' -f1)
	fi
	read -r rs rkb <<-EOF
	$(measure "$@")
	EOF
	rs=$(mean "$SIGSURVEY --db $f report --form event-feedback -o $pdf")
	pages=$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
	read -r bs bkb <<-EOF
	$(measure sqlite3 "$f" "$AGG")
	EOF
	read -r es ekb <<-EOF
	$(measure "$SIGSURVEY" --db "$f" export --form event-feedback -o "$DIR/export-$n.csv")
	EOF
	read -r ds dkb <<-EOF
	$(measure sqlite3 -csv "$f" "$DUMP")
	EOF
	rm -f "$DIR/export-$n.csv"
	awk -v n="$n" -v rs="$rs" -v cold="$cold" -v rkb="$rkb" -v p="$pages" -v bs="$bs" \
	    -v es="$es" -v ekb="$ekb" -v ds="$ds" 'BEGIN {
		printf "| %d | %.2f s | %s | %.0f MB | %d | %.2f s | %.1f | %.2f s | %.0f MB | %.2f s | %.1f |\n",
			n, rs, (cold == "-" ? "-" : sprintf("%.2f s", cold)), rkb / 1024, p, bs, (bs > 0 ? rs / bs : 0),
			es, ekb / 1024, ds, (ds > 0 ? es / ds : 0) }'
done
