#!/bin/sh
# t7320-admin-summary.sh - the summary page of a form says what the PDF
# report says: mean and NPS per event in date order (charts with the
# numbers in a table, the report's summary by event), events under 5 responses left out with a note,
# Likert items in the report's order, the NPS groups, and multi-choice
# shares of the people who answered; checked against pdftotext of the
# command line report for the same data.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"
. "$TOP/tests/e2e/lib-admin.sh"

# cmp.py WHAT PAGE.html REPORT.txt: compares one part of the page with
# the report's text; prints what differs and exits 1.
cat >"$WORK/cmp.py" <<'EOF'
import html, re, sys

what, page, report = sys.argv[1], open(sys.argv[2]).read(), open(sys.argv[3]).read()

def text(s):
    return html.unescape(re.sub(r'<[^>]+>', ' ', s)).split()

def section(s, start, end):
    i = s.index(start)
    return s[i:s.index(end, i)]

def rows(s):
    return [text(r) for r in re.findall(r'<tr><th scope="row">(.*?)</tr>', s)]

def report_table(head, header):
    """Rows of the report's table under the header line (a regex) that
    follows the line head; page headers and footers are left out."""
    t = report[report.index(head):]
    t = t[re.search(header, t).end():]
    out = []
    for line in t.split('\n')[1:]:
        cells = re.split(r'\s{2,}', line.strip())
        if re.match(r'\d+\. ', line) or (len(cells) == 1 and len(line) > 40):
            break
        if len(cells) > 2:
            out.append(cells)
    return out

def fail(msg, a, b):
    print(msg); print('page:  ', a); print('report:', b); sys.exit(1)

if what == 'per-event':
    sec = section(page, 'id="per-event"', '</section>')
    got = []
    for r in rows(sec):
        d = [t for t in r if re.fullmatch(r'\d{4}-\d\d-\d\d', t)][0]
        got.append((d, r[-2], r[-1]))
    # the report's summary by event: event, date, attendees, responses,
    # rate, mean, median, NPS (the total row has no date)
    rows_ = [c for c in report_table('Summary by event', r'\nEvent\s{2,}Date')
             if len(c) == 8 and re.fullmatch(r'\d{4}-\d\d-\d\d', c[1])]
    means = npss = rows_
    want = [(m[1], m[5], m[7]) for m in rows_]
    if [g[0] for g in got] != sorted(g[0] for g in got) or len(got) < 3:
        fail('events not in date order', got, sorted(got))
    if got != want or len(means) != len(npss):
        fail('per-event figures differ', got, want)
    desc = 'Net promoter score per event, from -100 to +100: ' + \
        '; '.join('%s %s' % (w[0], w[2]) for w in want)
    if '<desc id="trend-nps-d">%s</desc>' % desc not in page:
        fail('the NPS chart does not name its numbers', '', desc)
elif what == 'likert':
    sec = section(page, '<table class="data likert">', '</table>')
    got = [[c for c in r if c.endswith('%')] for r in rows(sec)]
    order = [' '.join(t for t in r if not t.endswith('%') and not t.isdigit())
             for r in rows(sec)]
    t = report[report.index('How far do you agree'):]
    t = t[:t.index('How likely')]
    pos = [t.index(o[:25]) for o in order]
    want = []
    for o in order:
        line = [l for l in t.split('\n') if l.startswith(o[:25])][0]
        want.append(re.findall(r'\((\d+%)\)', line))
    if pos != sorted(pos):
        fail('Likert items in another order', order, pos)
    if [g[:-1] for g in got] != want:
        fail('Likert shares differ', got, want)
elif what == 'multi':
    sec = section(page, 'id="q-next_topics"', '</section>')
    n = re.search(r'<p class="meta">(\d+) people answered', sec).group(1)
    m = re.search(r'Percentages are of the (\d+) respondents', report).group(1)
    got = [(' '.join(r[:-2]), r[-2], r[-1]) for r in rows(sec)]
    want = [(c[0], c[1], c[2]) for c in
            report_table('. Which topics should we cover next?', r'\nAnswer\s{2,}Count')]
    if n != m or got != want:
        fail('multi-choice shares differ', (n, got), (m, want))
elif what == 'nps':
    sec = section(page, 'id="q-recommend"', '</section>')
    shares = [r[-1] for r in rows(sec)]
    line = re.search(r'Promoters \(9.10\) (\d+%) . passives \(7.8\) (\d+%) . '
                     r'detractors \(0.6\) (\d+%)', report)
    want = [line.group(3), line.group(2), line.group(1)]
    if shares != want:
        fail('NPS groups differ', shares, want)
EOF

add_user chair admin 'chair-password' &&
sigsurvey demo --events 6 --responses 300 --today 2026-11-01 >/dev/null &&
q "INSERT INTO event (key, form, title, date, created)
   VALUES ('tiny-workshop', 'event-feedback', 'Tiny workshop', '2026-09-10', 1);
   UPDATE response SET event = (SELECT id FROM event WHERE key = 'tiny-workshop')
   WHERE id IN (SELECT id FROM response WHERE event =
		(SELECT id FROM event WHERE key = '2026-07-illiad-clinic') LIMIT 3);
   UPDATE answer SET event = (SELECT event FROM response r WHERE r.id = answer.response);" &&
sigsurvey report --form event-feedback -o "$WORK/all.pdf" 2>/dev/null &&
pdftotext -layout "$WORK/all.pdf" "$WORK/all.txt" 2>/dev/null ||
	echo "Bail out! setup failed"
start_admin_server --min-fill-seconds 0

test_expect 'the form summary has the mean and NPS per event of the report' '
	test "$(login chair chair-password "$WORK/jar")" = 303 &&
	test "$(aget /admin/forms/event-feedback sum.html)" = 200 &&
	contains sum.html "<h2 id=\"per-event\">Per event</h2>" &&
	python3 cmp.py per-event sum.html all.txt
'

test_expect 'the trend charts are images with a name and their numbers' '
	contains sum.html "<svg class=\"trend-chart\" viewBox=\"0 0 480 230\" role=\"img\" aria-labelledby=\"trend-mean-t\" aria-describedby=\"trend-mean-d\">" &&
	contains sum.html "<title id=\"trend-nps-t\">Net promoter score per event</title>" &&
	contains sum.html "<desc id=\"trend-nps-d\">Net promoter score per event, from -100 to +100: 2025-08-01 " &&
	contains sum.html "<table class=\"data per-event-table\">" &&
	test "$(grep -o "<circle r=\"5\"" sum.html | wc -l)" = 6
'

test_expect '-bad- an event under 5 responses gets no figures of its own' '
	lacks sum.html "Tiny workshop" &&
	contains sum.html "1 event with fewer than 5 responses is not shown separately, to protect respondents; its responses count in the totals." &&
	grep -q "^1 event with fewer than 5 responses is not shown separately" all.txt &&
	test "$(aget "/admin/forms/event-feedback?event=tiny-workshop" tiny.html)" = 200 &&
	contains tiny.html "Fewer than 5 responses: figures for this event can identify people" &&
	lacks tiny.html "id=\"per-event\""
'

test_expect 'Likert items are sorted by agreement as in the report' '
	contains sum.html "<ol class=\"likert-chart\" aria-hidden=\"true\">" &&
	test "$(grep -o "<svg class=\"bar diverging\"" sum.html | wc -l)" = 4 &&
	python3 cmp.py likert sum.html all.txt
'

test_expect 'the NPS groups are a stacked bar with the report shares' '
	contains sum.html "<svg class=\"stack\"" &&
	python3 cmp.py nps sum.html all.txt
'

test_expect 'multi-choice shares are of the people who answered' '
	contains sum.html "people answered. Percentages are of the people who answered this question; they could choose several, so percentages add up to more than 100%." &&
	python3 cmp.py multi sum.html all.txt
'

test_expect 'one event: its figures, and they match its own report' '
	test "$(aget "/admin/forms/event-feedback?event=2026-10-contu" one.html)" = 200 &&
	lacks one.html "id=\"per-event\"" &&
	sigsurvey report --form event-feedback --event 2026-10-contu -o one.pdf 2>/dev/null &&
	pdftotext -layout one.pdf one.txt 2>/dev/null &&
	python3 cmp.py likert one.html one.txt &&
	python3 cmp.py nps one.html one.txt &&
	python3 cmp.py multi one.html one.txt
'

test_expect 'a standing form has no per-event part; months on its timeline' '
	test "$(aget /admin/forms/member-survey member.html)" = 200 &&
	lacks member.html "id=\"per-event\"" &&
	contains member.html "<figcaption>Responses per month, "
'

stop_server
test_done
