#!/bin/sh
# t7330-summary-matches-report.sh - the web summary of a scope and the PDF
# report of the same scope give the same figures: responses, response
# rate, mean overall score and NPS per event, the events left out by the
# small-group rule, and for each Likert statement its answers, the share
# at every level and the share agreeing (the PDF prints the counts per
# level; the share agreeing is worked out from them by the rule, top half
# of the scale, and must equal the page's "Agreeing" column, with the
# statements in the same order). Numbers are read out of the HTML table
# cells and the pdftotext lines and compared, not grepped for.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"
. "$TOP/tests/e2e/lib-admin.sh"

# figures.py KIND FILE: the figures of a summary page (KIND html) or of
# pdftotext -layout of a report (KIND pdf), one per line, sorted:
#   event DATE responses N / rate P / mean M / nps S
#   hidden N
#   likert ORDER LABEL n N / level J P / agree P
# Exits 1 when a table is missing or a row cannot be read.
cat >"$WORK/figures.py" <<'EOF'
import html, re, sys

kind, text = sys.argv[1], open(sys.argv[2]).read()
out = []
UPPER = None          # index of the first level counted as agreeing

def emit(*a):
    out.append(' '.join(str(x) for x in a))

def pct(p):           # as the page writes a share
    return '%.0f%%' % p

def num(s):
    return int(s.replace(',', ''))

def cells(row):
    return [html.unescape(re.sub(r'<[^>]+>', ' ', c)).split()
            for c in re.findall(r'<t[hd][^>]*>(.*?)</t[hd]>', row)]

def die(msg):
    print(msg, file=sys.stderr)
    sys.exit(1)

if kind == 'html':
    t = re.search(r'<table class="data per-event-table">(.*?)</table>', text, re.S)
    if not t:
        die('no per-event table')
    for row in re.findall(r'<tr><th scope="row">(.*?)</tr>', t.group(1)):
        c = cells('<th>' + row)
        date = c[0][-1]
        rate = re.search(r'(\d+)% of', ' '.join(c[1]))
        emit('event', date, 'responses', num(c[1][0]))
        emit('event', date, 'rate', rate.group(1) + '%' if rate else '-')
        emit('event', date, 'mean', c[2][0].replace('\u2013', '-'))
        emit('event', date, 'nps', c[3][0].replace('\u2013', '-'))
    h = re.search(r'(\d+) events? with fewer than \d+ responses', text)
    emit('hidden', h.group(1) if h else 0)
    t = re.search(r'<table class="data likert">(.*?)</table>', text, re.S)
    if not t:
        die('no Likert table')
    levels = re.findall(r'<th scope="col" class="level">', t.group(1))
    for i, row in enumerate(re.findall(r'<tr><th scope="row">(.*?)</tr>',
                                       t.group(1))):
        c = cells('<th>' + row)
        label = ' '.join(c[0])[:20]
        emit('likert', i, label, 'n', num(c[-1][0]))
        for j in range(len(levels)):
            emit('likert', i, label, 'level', j, c[1 + j][0])
        emit('likert', i, label, 'agree', c[1 + len(levels)][0])
else:
    s = text[text.index('Summary by event'):]
    s = s[:s.index('All events')]
    row = re.compile(r'^(.*?)\s*(\d{4}-\d\d-\d\d)\s+(\S+)\s+([\d,]+)\s+(\S+)'
                     r'\s+(\S+)\s+(\S+)\s+(\S+)\s*$')
    for line in s.split('\n'):
        m = row.match(line)
        if not m:
            continue
        date = m.group(2)
        emit('event', date, 'responses', num(m.group(4)))
        emit('event', date, 'rate', m.group(5).replace('\u2013', '-'))
        emit('event', date, 'mean', m.group(6).replace('\u2013', '-'))
        emit('event', date, 'nps', m.group(8).replace('\u2013', '-'))
    h = re.search(r'(\d+) events? with fewer than \d+ responses', text)
    emit('hidden', h.group(1) if h else 0)
    s = text[text.index('Agreement scale'):]
    s = s[:s.index('How likely')]
    cell = r'([\d,]+) \((<1|\d+)%\)'
    i = 0
    for line in s.split('\n'):
        got = re.findall(cell, line)
        if len(got) < 3:
            continue
        m = re.match(r'^(.*?)\s+' + r'\s+'.join([cell] * len(got)) +
                     r'\s+([\d,]+)\s*$', line)
        if not m:
            die('cannot read Likert row: ' + line)
        label = ' '.join(m.group(1).split())[:20]
        counts = [num(c) for c, _ in got]
        n = num(m.group(m.lastindex))
        if sum(counts) != n:
            die('Likert counts do not add up to n: ' + line)
        emit('likert', i, label, 'n', n)
        for j, (c, p) in enumerate(got):
            share = 100.0 * counts[j] / n if n else 0
            # the PDF writes "<1%" where the page rounds to 0% or 1%
            want = '<1' if 0 < share < 1 else '%.0f' % share
            if p != want:
                die('Likert share %s%% is not %d of %d' % (p, counts[j], n))
            emit('likert', i, label, 'level', j, pct(share))
        upper = len(counts) // 2 + len(counts) % 2
        emit('likert', i, label, 'agree',
             pct(100.0 * sum(counts[upper:]) / n if n else 0))
        i += 1
print('\n'.join(sorted(out)))
EOF

# same SCOPE-NAME: the figures of page $1.html and report $1.txt agree,
# with at least MIN events shown.
same() {
	python3 figures.py html "$1.html" >"$1.page" &&
	python3 figures.py pdf "$1.txt" >"$1.pdf-figures" &&
	test "$(grep -c "^event .* responses " "$1.page")" -ge "$2" &&
	test "$(grep -c "^likert .* agree " "$1.page")" = 4 &&
	diff -u "$1.pdf-figures" "$1.page"
}

add_user chair admin 'chair-password' &&
sigsurvey demo --events 8 --responses 480 --today 2026-11-01 --seed 8330 >/dev/null &&
q "UPDATE event SET series = 'core' WHERE date >= '2025-09-01';
   INSERT INTO event (key, form, title, date, series, attendees, created)
   VALUES ('small-one', 'event-feedback', 'A small one', '2026-03-03',
	   'core', 40, 1);
   UPDATE response SET event = (SELECT id FROM event WHERE key = 'small-one')
   WHERE id IN (SELECT id FROM response WHERE event =
		(SELECT max(id) FROM event WHERE key != 'small-one') LIMIT 4);
   UPDATE answer SET event = (SELECT event FROM response r
			      WHERE r.id = answer.response);" ||
	echo "Bail out! setup failed"
start_admin_server --min-fill-seconds 0

test_expect 'setup: signed in; the series has events and one small one' '
	test "$(login chair chair-password "$WORK/jar")" = 303 &&
	test "$(q "SELECT count(*) FROM event WHERE series = '\''core'\''")" -ge 5
'

test_expect 'a series: the page and the PDF give the same figures' '
	test "$(aget "/admin/forms/event-feedback?series=core" core.html)" = 200 &&
	sigsurvey report --form event-feedback --series core -o core.pdf 2>err &&
	pdftotext -layout core.pdf core.txt 2>/dev/null &&
	same core 4 &&
	grep -qx "hidden 1" core.page
'

test_expect 'every event: the page and the PDF give the same figures' '
	test "$(aget /admin/forms/event-feedback all.html)" = 200 &&
	sigsurvey report --form event-feedback -o all.pdf 2>err &&
	pdftotext -layout all.pdf all.txt 2>/dev/null &&
	same all 6
'

test_expect '-bad- a figure changed on one side is caught' '
	sed "s|<td class=\"num\">\([0-9]\)\.\([0-9]\)\([0-9]\)</td>|<td class=\"num\">\1.\29</td>|" \
		core.html >changed.html &&
	! cmp -s core.html changed.html &&
	cp core.txt changed.txt &&
	! same changed 4 >/dev/null 2>&1 &&
	sed "s|<td class=\"num agree\">\([0-9]*\)%|<td class=\"num agree\">1\1%|" \
		core.html >changed.html &&
	! same changed 4 >/dev/null 2>&1
'

# findings PAGE PDF: every "Key findings" sentence of the page (HTML)
# stands in the PDF's text (pdftotext, white space folded), and the PDF
# has as many; prints what differs.
cat >"$WORK/findings.py" <<\EOF
import html, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<ul class="findings">(.*?)</ul>', page, re.S)
items = [re.sub(r"\s+", " ", html.unescape(x)).strip()
	 for x in re.findall(r"<li>(.*?)</li>", m.group(1), re.S)] if m else []
text = re.sub(r"\s+", " ", open(sys.argv[2], encoding="utf-8").read())
block = text.split("Key findings", 1)[1] if "Key findings" in text else ""
bad = [x for x in items if x not in block]
print(len(items), "findings;", len(bad), "not in the PDF")
for x in bad:
	print("missing:", x)
sys.exit(1 if not items or bad or block.count("\u2022") < len(items) else 0)
EOF

test_expect 'the page shows the PDF report'"'"'s key findings, word for word' '
	pdftotext core.pdf core.raw 2>/dev/null &&
	python3 "$WORK/findings.py" core.html core.raw &&
	pdftotext all.pdf all.raw 2>/dev/null &&
	python3 "$WORK/findings.py" all.html all.raw &&
	sed "s|<li>Response rate \([0-9]*\)%|<li>Response rate 1\1%|" \
		core.html >changed.html &&
	! cmp -s core.html changed.html &&
	! python3 "$WORK/findings.py" changed.html core.raw >/dev/null
'

stop_server
test_done
