#!/bin/sh
# sigsurvey check: the shipped forms pass with a summary line each, every
# bad fixture fails with its file:line:col message, and --against-db warns
# when an edited form breaks the history recorded in the database.
. "${TOP:-$(dirname "$0")/../..}/tests/lib.sh"

BAD="$TOP/tests/fixtures/forms-bad"

test_expect 'the shipped forms pass with one summary line each' '
	sigsurvey check >out 2>err &&
	test ! -s err &&
	test "$(wc -l <out)" -ge 3 &&
	grep -qE "^event-feedback: [0-9]+ questions, [0-9]+ pages?, per event, version [0-9a-f]{8}$" out &&
	grep -qE "^member-survey: [0-9]+ questions, [0-9]+ pages?, standing, version [0-9a-f]{8}$" out &&
	grep -qE "^training-ideas: [0-9]+ questions, [0-9]+ pages?, standing, version [0-9a-f]{8}$" out
'

test_expect 'the summary counts questions and pages (sections excluded)' '
	sigsurvey --forms "$TOP/tests/fixtures/forms-good" check >out &&
	contains out "all-types: 13 questions, 2 pages, per event, version "
'

test_expect 'reformatting a form keeps its version' '
	sigsurvey --forms "$TOP/tests/fixtures/forms-good" check >a &&
	sigsurvey --forms "$TOP/tests/fixtures/forms-good/reformatted" check >b &&
	cmp a b
'

test_expect 'rewording a label makes a new version' '
	mkdir forms && cp "$TOP"/forms/*.yaml forms/ &&
	sigsurvey --forms forms check >before &&
	sed -i "s/^title: How was the event?/title: How was it?/" forms/event-feedback.yaml &&
	sigsurvey --forms forms check >after &&
	! cmp -s before after &&
	grep -v "^event-feedback" before >b1 && grep -v "^event-feedback" after >a1 &&
	cmp b1 a1
'

test_expect '-bad- every bad fixture exits 1 with its file:line:col message' '
	n=0 &&
	for f in "$BAD"/*.yaml; do
		name=$(basename "$f") &&
		rm -rf one && mkdir one && cp "$f" one/ &&
		line="one/$name:$(sed -n "1s/^# expect: //p" "$f")" &&
		{ expect_status 1 sigsurvey --forms one check >out 2>err ||
			return 1; } &&
		test ! -s out &&
		printf "%s\n" "$line" >expected &&
		{ cmp -s expected err || { echo "$name:"; cat err; echo "wanted: $line"; return 1; }; } &&
		n=$((n + 1)) || return 1
	done &&
	test "$n" -ge 44
'

test_expect '-bad- all errors in a directory are listed, each on its own line' '
	mkdir many && cp "$BAD/unknown-type.yaml" "$BAD/missing-scale.yaml" \
		"$BAD/show-if-later.yaml" "$TOP/forms/event-feedback.yaml" many/ &&
	expect_status 1 sigsurvey --forms many check >out 2>err &&
	test "$(wc -l <err)" = 3 &&
	contains err "many/unknown-type.yaml:6:11: unknown type '"'"'ratng'"'"'" &&
	contains err "many/missing-scale.yaml:10:12: scale '"'"'agree7'"'"'" &&
	contains err "many/show-if-later.yaml:8:14: show_if of question"
'

test_expect '-bad- a misspelt property gets a suggestion' '
	mkdir typo && cp "$TOP/forms/event-feedback.yaml" typo/ &&
	sed -i "0,/    required: true/s//    requried: true/" typo/event-feedback.yaml &&
	expect_status 1 sigsurvey --forms typo check 2>err &&
	grep -qE "^typo/event-feedback.yaml:[0-9]+:5: unknown property '"'"'requried'"'"' in question '"'"'overall'"'"'; did you mean '"'"'required'"'"'\?$" err
'

test_expect '-bad- a bad site.yaml fails the check' '
	expect_status 1 sigsurvey --forms "$BAD/site" check >out 2>err &&
	contains err "site/site.yaml:2:1: unknown property '"'"'shortname'"'"' in site.yaml; did you mean '"'"'short_name'"'"'?"
'

test_expect '-bad- a directory without forms fails' '
	mkdir empty &&
	expect_status 1 sigsurvey --forms empty check 2>err &&
	contains err "empty: no forms here"
'

test_expect '-bad- unknown option exits 2 with the usage' '
	expect_status 2 sigsurvey check --frob 2>err &&
	contains err "sigsurvey check: unknown option '"'"'--frob'"'"'" &&
	contains err "usage: sigsurvey check"
'

test_expect 'check --help prints the usage and exits 0' '
	sigsurvey check --help >out &&
	contains out "--against-db"
'

# A database that has recorded the shipped event-feedback form as it is in
# the repository (the definition may be any text the loader reads: here
# the YAML file itself).
record_form() {
	sigsurvey --db "$1" event add --form event-feedback --key k \
		--title T --date 2026-01-01 >/dev/null &&
	sqlite3 "$1" "INSERT INTO form_version (form, hash, definition,
		first_seen, last_seen) VALUES ('event-feedback', 'x',
		CAST(readfile('$TOP/forms/event-feedback.yaml') AS TEXT), 1, 1)"
}

test_expect 'check --against-db with no database fails and creates none' '
	expect_status 1 sigsurvey --db none/x.db check --against-db >out 2>err &&
	contains err "sigsurvey: error: no database at none/x.db" &&
	test ! -e none
'

test_expect 'check --against-db is quiet when nothing changed' '
	record_form db1 &&
	sigsurvey --db db1 check --against-db >out 2>err &&
	test ! -s err &&
	contains out "event-feedback: "
'

test_expect 'check --against-db warns when a change breaks history' '
	record_form db2 &&
	mkdir edited && cp "$TOP"/forms/*.yaml edited/ &&
	f=edited/event-feedback.yaml &&
	sed -i -e "/      pace: /d" -e "/      recorded: /d" "$f" &&
	sed -i "/  - key: recommend/,/    ends:/d" "$f" &&
	sigsurvey --db db2 --forms edited check --against-db >out 2>err &&
	contains out "event-feedback: " &&
	contains err "edited/event-feedback.yaml: form event-feedback: changed since recorded version" &&
	contains err "warning: edited/event-feedback.yaml: form event-feedback: question '"'"'recommend'"'"' (nps) was removed" &&
	contains err "likert item '"'"'pace'"'"' of question '"'"'statements'"'"' was removed" &&
	contains err "option '"'"'recorded'"'"' of question '"'"'format'"'"' was dropped" &&
	test "$(grep -c "^warning: " err)" = 3
'

test_expect 'check --against-db: a reworded label changes the version but breaks nothing' '
	record_form db3 &&
	mkdir reworded && cp "$TOP"/forms/*.yaml reworded/ &&
	sed -i "s/label: What worked well?/label: What went well?/" reworded/event-feedback.yaml &&
	sigsurvey --db db3 --forms reworded check --against-db >out 2>err &&
	contains err "nothing breaks history" &&
	lacks err "warning:"
'

test_expect 'check --against-db after demo: the recorded canonical versions match, then an edit warns' '
	sigsurvey --db demo.db demo --events 1 --responses 5 >/dev/null &&
	sigsurvey --db demo.db check --against-db >out 2>err &&
	test ! -s err &&
	for k in event-feedback member-survey training-ideas; do
		v=$(sed -n "s/^$k: .*version \([0-9a-f]*\)$/\1/p" out) &&
		sqlite3 demo.db "SELECT hash FROM form_version WHERE form = '\''$k'\''" >h &&
		grep -q "^$v" h || return 1
	done &&
	mkdir d && cp "$TOP"/forms/*.yaml d/ &&
	sed -i "s/^    type: multi$/    type: choice/" d/event-feedback.yaml &&
	sigsurvey --db demo.db --forms d check --against-db >out 2>err &&
	contains err "question '"'"'next_topics'"'"' changed type from multi to choice"
'

test_done
