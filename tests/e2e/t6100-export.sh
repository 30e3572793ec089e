#!/bin/sh
# t6100-export.sh - `sigsurvey export`: CSV that Python's csv module reads
# back cell for cell (hostile cells neutralised), JSON Lines, labels, the
# Excel byte order mark, scope filters, the codebook, and a reader that
# stops early.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

q() { sqlite3 -batch -noheader "$SIGSURVEY_DB" "$@"; }

test_expect 'setup: demo data and one response with hostile answers' '
	sigsurvey demo --events 4 --responses 300 --today 2026-11-01 >/dev/null &&
	ev=$(q "SELECT key FROM event ORDER BY key LIMIT 1") &&
	q "INSERT INTO response (form, version, event, submitted, token)
	   SELECT '\''event-feedback'\'', max(id), (SELECT id FROM event
	   WHERE key = '\''$ev'\''), 1790000000, '\''hostile'\''
	   FROM form_version WHERE form = '\''event-feedback'\'';
	   INSERT INTO answer (response, seq, key, text) VALUES
	   (last_insert_rowid(), 0, '\''worked'\'',
	    '\''=HYPERLINK(\"http://evil\",\"x\")'\''),
	   (last_insert_rowid(), 1, '\''improve'\'',
	    '\''a, \"quoted\"'\'' || char(10) || '\''second line'\'' || char(13)),
	   (last_insert_rowid(), 2, '\''next_topics_other'\'', '\''+1 -2 @3'\'');
	   INSERT INTO answer (response, seq, key, code) SELECT max(id), 3,
	   '\''next_topics'\'', '\''systems'\'' FROM response"
'

test_expect 'CSV round-trips through Python csv, hostile cells inert' '
	sigsurvey export --form event-feedback -o all.csv &&
	python3 - "$(q "SELECT count(*) FROM response WHERE form = '\''event-feedback'\''")" <<-\EOF
	import csv, sys
	with open("all.csv", newline="", encoding="utf-8") as f:
	    rows = list(csv.DictReader(f))
	assert len(rows) == int(sys.argv[1]), (len(rows), sys.argv[1])
	h = [r for r in rows if r["worked"].startswith("\x27=HYP")]
	assert len(h) == 1, len(h)
	h = h[0]
	assert h["worked"] == "\x27=HYPERLINK(\"http://evil\",\"x\")", h["worked"]
	assert h["improve"] == "a, \"quoted\"\nsecond line\r", repr(h["improve"])
	assert h["next_topics_other"] == "\x27+1 -2 @3"
	assert h["next_topics.systems"] == "1"
	assert h["next_topics.copyright"] == "0"
	assert h["overall"] == ""
	for r in rows:
	    for k, v in r.items():
	        assert not v or v[0] not in "=+-@\t\r" or k in ("overall",), (k, v)
	print("ok")
	EOF
'

test_expect 'every row has the event fields and ISO 8601 UTC times' '
	python3 <<-\EOF
	import csv, re
	rows = list(csv.reader(open("all.csv", newline="", encoding="utf-8")))
	head = rows[0]
	assert head[:5] == ["response", "event", "event_title", "event_date",
	                    "submitted"], head
	for c in ("overall", "relevant", "clear", "recommend", "format",
	          "next_topics.copyright", "next_topics_other", "worked",
	          "improve", "wants_reply", "email"):
	    assert c in head, c
	assert "contact" not in head
	for r in rows[1:]:
	    assert len(r) == len(head)
	    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", r[4]), r[4]
	    assert re.fullmatch(r"\d{4}-\d\d-\d\d", r[3]), r[3]
	EOF
'

test_expect 'codes by default, labels with --labels' '
	sigsurvey export --form event-feedback --labels -o labels.csv &&
	grep -q ",webinar," all.csv &&
	grep -q ",Live webinar," labels.csv &&
	! grep -q ",Live webinar," all.csv
'

test_expect '--excel starts with a byte order mark, plain CSV does not' '
	sigsurvey export --form event-feedback --excel >excel.csv &&
	test "$(head -c 3 excel.csv | od -An -tx1 | tr -d " ")" = efbbbf &&
	test "$(head -c 8 all.csv)" = response &&
	head -n 1 excel.csv | grep -q ",Submitted (local time)," &&
	head -n 1 excel.csv | grep -q "(next_topics.systems)" &&
	test "$(sed -n 2p all.csv | cut -d, -f1)" = "$(sed -n 2p excel.csv | cut -d, -f1)" &&
	sed -n 2p all.csv | grep -Eq ",20[0-9-]{8}T[0-9:]{8}Z," &&
	sed -n 2p excel.csv | grep -Eq ",20[0-9-]{8} [0-9]{2}:[0-9]{2},"
'

test_expect 'JSON Lines: one object per response, multi as a list' '
	sigsurvey export --form event-feedback --format jsonl -o all.jsonl &&
	python3 <<-\EOF
	import json
	rows = [json.loads(l) for l in open("all.jsonl", encoding="utf-8")]
	n = sum(1 for _ in open("all.csv", newline="", encoding="utf-8"))
	assert len(rows) >= 300
	h = [r for r in rows if r["worked"] and r["worked"].startswith("=HYP")]
	assert h and h[0]["next_topics"] == ["systems"], h
	assert h[0]["improve"] == "a, \"quoted\"\nsecond line\r"
	assert all(isinstance(r["overall"], (int, float, type(None))) for r in rows)
	EOF
'

test_expect 'an event filter exports only that event' '
	ev=$(q "SELECT key FROM event ORDER BY key LIMIT 1 OFFSET 1") &&
	sigsurvey export --form event-feedback --event "$ev" -o one.csv &&
	n=$(q "SELECT count(*) FROM response r JOIN event e ON e.id = r.event
	       WHERE e.key = '\''$ev'\''") &&
	python3 -c "import csv,sys; r=list(csv.DictReader(open(\"one.csv\", newline=\"\")));
assert len(r) == $n, len(r); assert {x[\"event\"] for x in r} == {\"$ev\"}"
'

test_expect 'standing forms export without event fields' '
	sigsurvey export --form training-ideas -o ideas.csv &&
	python3 -c "import csv; r=list(csv.DictReader(open(\"ideas.csv\", newline=\"\")));
assert len(r) == 30 and all(x[\"event\"] == \"\" and x[\"topic\"] for x in r), len(r)"
'

test_expect 'the codebook lists columns, types, labels and option codes' '
	sigsurvey export --form event-feedback --codebook >book.csv &&
	contains book.csv "column,question,type,label,code,code_label" &&
	contains book.csv "next_topics.copyright,next_topics,multi," &&
	contains book.csv "relevant,statements,likert,The content was relevant" &&
	contains book.csv ",sa,Strongly agree" &&
	contains book.csv "recommend,recommend,nps,"
'

test_expect 'a reader that stops early (| head) ends it quietly, as SIGPIPE' '
	{ sigsurvey export --form event-feedback --format jsonl 2>err
	  echo $? >status; } | head -n 1 >first.jsonl &&
	: "over twice the 64 KiB of a pipe: export is still writing when head stops" &&
	test "$(wc -c <all.jsonl)" -gt 131072 &&
	contains first.jsonl "\"response\":" &&
	test "$(cat status)" = 141 &&
	test ! -s err
'

test_expect '-bad- usage errors' '
	expect_status 2 sigsurvey export 2>err &&
	contains err "--form is required" &&
	expect_status 2 sigsurvey export --form event-feedback --format xml 2>err &&
	expect_status 1 sigsurvey export --form event-feedback --event nope 2>err &&
	contains err "no event"
'

test_done
