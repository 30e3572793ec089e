/*
 * test-tally.c - the tally (schema/011) against a recount from the
 * answer rows, written here apart from the view tally_source: after
 * submissions in batches, spam marks and unmarks, deletions (the store,
 * its triggers off), and rows inserted, changed and deleted with SQL
 * behind the store's back (a connection of its own, triggers on). A
 * batch is counted from memory (core/store/tally.c) when nothing lies
 * above the mark, else through the view: both are checked here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "buf.h"
#include "store-commit.h"
#include "util.h"

#define TRIM(c) "trim(" c ", char(32, 9, 10, 11, 12, 13))"
#define JOIN " FROM answer a JOIN response r ON r.id = a.response" \
	" WHERE r.event IS NOT NULL AND r.spam = 0"

/* What the tally should hold: the old report queries' counts. */
static const char recount_sql[] =
	"SELECT event, kind, key, quote(value), n FROM ("
	"SELECT r.event, 'response' AS kind, r.form AS key,"
	" r.submitted - r.submitted % 900 AS value, count(*) AS n"
	" FROM response r WHERE r.event IS NOT NULL AND r.spam = 0"
	" GROUP BY 1, 3, 4"
	" UNION ALL SELECT r.event, 'code', a.key, a.code, count(*)" JOIN
	" AND a.code IS NOT NULL GROUP BY 1, 3, 4"
	" UNION ALL SELECT r.event, 'num', a.key, a.num, count(*)" JOIN
	" AND a.num IS NOT NULL GROUP BY 1, 3, 4"
	" UNION ALL SELECT event, 'answered', key, 0, sum(n) FROM ("
	"  SELECT r.event, a.key, count(DISTINCT a.response) AS n" JOIN
	"  AND a.code IS NOT NULL GROUP BY 1, 2"
	"  UNION ALL SELECT r.event, a.key, count(*)" JOIN
	"  AND a.text IS NOT NULL AND " TRIM("a.text") " <> '' GROUP BY 1, 2"
	"  UNION ALL SELECT r.event, substr(a.key, 1, length(a.key) - 6),"
	"  count(*)" JOIN " AND a.text IS NOT NULL"
	"  AND " TRIM("a.text") " <> '' AND a.key GLOB '*_other'"
	"  AND NOT EXISTS (SELECT 1 FROM answer b WHERE b.response = a.response"
	"  AND b.code IS NOT NULL"
	"  AND b.key = substr(a.key, 1, length(a.key) - 6)) GROUP BY 1, 2"
	" ) GROUP BY 1, 3"
	" UNION ALL SELECT r.event, 'answered', a.key, 1, count(*)" JOIN
	" AND a.text IS NOT NULL AND " TRIM("a.text") " = '' GROUP BY 1, 3"
	") ORDER BY 1, 2, 3, 4";

/* What reports read (tally and what lies above its mark). */
static const char now_sql[] =
	"SELECT event, kind, key, quote(value), sum(n) FROM ("
	"SELECT event, kind, key, value, n FROM tally UNION ALL"
	" SELECT event, kind, key, value, 1 FROM tally_source"
	" WHERE response > (SELECT last FROM tally_mark))"
	" GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4";

/* The table alone, which no row of 0 should stay in. */
static const char table_sql[] =
	"SELECT event, kind, key, quote(value), n FROM tally"
	" ORDER BY 1, 2, 3, 4";

struct fx {
	char dir[64], path[128];
	struct store *s;
	sqlite3 *db;            /* a second connection, for checks and SQL */
	long long version;
	unsigned seed;
};

static void rows(sqlite3 *db, const char *sql, struct buf *out)
{
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL),
			 SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int i = 0; i < 5; i++) {
			const unsigned char *t = sqlite3_column_text(st, i);

			buf_addf(out, "%s%c", t ? (const char *)t : "NULL",
				 i < 4 ? '|' : '\n');
		}
	}
	assert_int_equal(sqlite3_finalize(st), SQLITE_OK);
}

static void sql(struct fx *f, const char *text)
{
	assert_int_equal(sqlite3_exec(f->db, text, NULL, NULL, NULL),
			 SQLITE_OK);
}

/*
 * Each event's count of responses (store_scope_events(), from the tally
 * and what lies above its mark) is a count of its rows.
 */
static void check_event_counts(struct fx *f)
{
	struct scope sc = { .form = "fb" };
	struct event *ev = NULL;
	size_t n = 0;

	assert_int_equal(store_scope_events(f->s, &sc, &ev, &n), 0);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *st;

		assert_int_equal(sqlite3_prepare_v2(f->db,
				 "SELECT count(*) FROM response r JOIN event e"
				 " ON e.id = r.event WHERE e.key = ?1"
				 " AND r.form = 'fb' AND r.spam = 0", -1, &st,
				 NULL), SQLITE_OK);
		sqlite3_bind_text(st, 1, ev[i].key, -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(ev[i].responses, sqlite3_column_int(st, 0));
		sqlite3_finalize(st);
	}
	events_free(ev, n);
}

/* The tally, with and without what lies above the mark, is the recount. */
static void check(struct fx *f, int caught_up)
{
	struct buf want = BUF_INIT, now = BUF_INIT, table = BUF_INIT;

	check_event_counts(f);

	rows(f->db, recount_sql, &want);
	rows(f->db, now_sql, &now);
	assert_string_equal(now.s ? now.s : "", want.s ? want.s : "");
	if (caught_up) {
		rows(f->db, table_sql, &table);
		assert_string_equal(table.s ? table.s : "",
				    want.s ? want.s : "");
	}
	buf_release(&want);
	buf_release(&now);
	buf_release(&table);
}

/* The one number sql gives on the second connection. */
static long count(struct fx *f, const char *sql)
{
	sqlite3_stmt *st;
	long n = -1;

	assert_int_equal(sqlite3_prepare_v2(f->db, sql, -1, &st, NULL),
			 SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* The number of rows of the tally (the data set is not trivial). */
static long tally_rows(struct fx *f)
{
	return count(f, "SELECT count(*) FROM tally");
}

static unsigned next(struct fx *f)
{
	f->seed = f->seed * 1103515245u + 12345u;
	return (f->seed >> 16) & 0x7fff;
}

/* One made-up response: a choice with Other, a multi, numbers, texts. */
static size_t make_answers(struct fx *f, struct answer *a)
{
	static const char *const codes[] = { "a", "b", "c", "other" };
	static const char *const texts[] = { "fine", "  ", "\t\n", "x y" };
	size_t n = 0;

	memset(a, 0, 8 * sizeof(*a));
	if (next(f) % 4) {
		a[n].key = (char *)"pick";
		a[n].kind = ANS_CODE;
		a[n++].code = (char *)codes[next(f) % 4];
	}
	for (int i = next(f) % 3; i > 0; i--) {
		a[n].key = (char *)"many";
		a[n].kind = ANS_CODE;
		a[n++].code = (char *)codes[(next(f) + i) % 3];
	}
	if (next(f) % 3) {
		a[n].key = (char *)"score";
		a[n].kind = ANS_NUM;
		a[n++].num = next(f) % 5 + (next(f) % 2 ? 0.5 : 0);
	}
	if (next(f) % 2) {
		a[n].key = (char *)"pick_other";
		a[n].kind = ANS_TEXT;
		a[n++].text = (char *)texts[next(f) % 4];
	}
	if (next(f) % 2) {
		a[n].key = (char *)"many_other";
		a[n].kind = ANS_TEXT;
		a[n++].text = (char *)texts[next(f) % 4];
	}
	if (next(f) % 2) {
		a[n].key = (char *)"comment";
		a[n].kind = ANS_TEXT;
		a[n++].text = (char *)texts[next(f) % 4];
	}
	return n;
}

/* Stores n made-up responses in one batch; their ids into ids. */
static void submit_batch(struct fx *f, size_t n, long long *ids)
{
	static const char *const events[] = { "e1", "e2", NULL };
	struct submission sub[16];
	struct answer a[16][8];

	assert_true(n <= 16);
	memset(sub, 0, sizeof(sub));
	for (size_t i = 0; i < n; i++) {
		sub[i].form = "fb";
		sub[i].version = f->version;
		sub[i].event = events[next(f) % 3];
		sub[i].submitted = 1768046400LL + next(f) * 97;
		sub[i].answers = a[i];
		sub[i].nanswers = make_answers(f, a[i]);
	}
	assert_int_equal(store_submit(f->s, sub, n), 0);
	for (size_t i = 0; i < n; i++)
		ids[i] = sub[i].id;
}

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));
	struct form form = { 0 };
	struct event e1 = { .key = (char *)"e1", .form = (char *)"fb",
			    .title = (char *)"One", .date = (char *)"2026-01-10",
			    .attendees = -1 };
	struct event e2 = e1;

	snprintf(f->dir, sizeof(f->dir), "%s", "/tmp/test-tally.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/t.db", f->dir);
	if (store_open(&f->s, f->path, 0) < 0)
		return -1;
	form.key = (char *)"fb";
	form.canonical = (char *)"{}";
	memcpy(form.hash, "fb-1", 5);
	if (store_put_form(f->s, &form, &f->version) < 0)
		return -1;
	e2.key = (char *)"e2";
	e2.date = (char *)"2026-02-10";
	if (store_event_add(f->s, &e1) < 0 || store_event_add(f->s, &e2) < 0)
		return -1;
	if (sqlite3_open(f->path, &f->db) != SQLITE_OK)
		return -1;
	sqlite3_busy_timeout(f->db, 5000);
	f->seed = 42;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char p[256];
	static const char *const names[] = { "t.db", "t.db-wal", "t.db-shm" };

	sqlite3_close(f->db);
	store_close(f->s);
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		snprintf(p, sizeof(p), "%s/%s", f->dir, names[i]);
		unlink(p);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

static void store_changes_keep_the_tally(void **state)
{
	struct fx *f = *state;
	long long ids[200];
	size_t n = 0;

	check(f, 1);                                   /* empty */
	for (int b = 0; b < 12; b++, n += 16)
		submit_batch(f, 16, ids + n);
	check(f, 1);
	assert_true(tally_rows(f) > 100);
	for (size_t i = 0; i < n; i += 3)
		assert_int_equal(store_set_spam(f->s, ids[i], 1), 0);
	check(f, 1);
	for (size_t i = 0; i < n; i += 6) {
		assert_int_equal(store_set_spam(f->s, ids[i], 0), 0);
		assert_int_equal(store_set_spam(f->s, ids[i], 0), 0);
	}
	check(f, 1);
	for (size_t i = 1; i < n; i += 4)
		assert_int_equal(store_response_delete(f->s, ids[i]), 0);
	assert_int_equal(store_response_delete(f->s, ids[n - 1]), 0);
	check(f, 1);
	/* the newest gone: a new response takes its id, and counts */
	submit_batch(f, 3, ids);
	check(f, 1);
}

static void sql_changes_keep_the_tally(void **state)
{
	struct fx *f = *state;
	long long ids[64];

	for (int b = 0; b < 4; b++)
		submit_batch(f, 16, ids + 16 * b);
	/* rows inserted behind the store's back: above the mark */
	sql(f, "INSERT INTO response (form, version, event, submitted)"
	       " SELECT 'fb', max(version), 1, 1768050000 FROM response;"
	       "INSERT INTO answer (response, seq, key, code)"
	       " SELECT max(id), 0, 'pick', 'b' FROM response;"
	       "INSERT INTO answer (response, seq, key, text)"
	       " SELECT max(id), 1, 'pick_other', 'mine' FROM response");
	check(f, 0);
	submit_batch(f, 2, ids);                      /* counts them too */
	check(f, 1);
	/* changes to counted responses and their answers */
	sql(f, "UPDATE response SET submitted = submitted + 3600,"
	       " event = CASE event WHEN 1 THEN 2 ELSE event END"
	       " WHERE id % 5 = 0");
	check(f, 1);
	sql(f, "DELETE FROM answer WHERE key = 'pick' AND response % 3 = 0");
	check(f, 1);
	sql(f, "UPDATE answer SET text = '   ' WHERE key = 'comment'"
	       " AND response % 2 = 0");
	check(f, 1);
	sql(f, "INSERT INTO answer (response, seq, key, code)"
	       " SELECT id, 99, 'pick', 'a' FROM response WHERE id % 7 = 0"
	       " AND NOT EXISTS (SELECT 1 FROM answer WHERE response = id"
	       " AND key = 'pick')");
	check(f, 1);
	sql(f, "UPDATE response SET spam = 1 WHERE id % 4 = 1");
	check(f, 1);
	/* a deleted response put back under its own id, as from a backup */
	sql(f, "CREATE TEMP TABLE r AS SELECT * FROM response WHERE id ="
	       " (SELECT min(id) FROM response WHERE event IS NOT NULL"
	       " AND spam = 0);"
	       "CREATE TEMP TABLE a AS SELECT * FROM answer"
	       " WHERE response = (SELECT id FROM temp.r);"
	       "DELETE FROM answer WHERE response = (SELECT id FROM temp.r);"
	       "DELETE FROM response WHERE id = (SELECT id FROM temp.r)");
	check(f, 1);
	sql(f, "INSERT INTO response SELECT * FROM temp.r;"
	       "INSERT INTO answer SELECT * FROM temp.a");
	check(f, 1);
	sql(f, "DELETE FROM response WHERE id % 4 = 2");
	check(f, 1);
	/* foreign keys off here, as in the sqlite3 shell: no answer stays
	 * behind for the next response to inherit (schema/014) */
	assert_int_equal(count(f, "SELECT count(*) FROM answer WHERE response"
			 " NOT IN (SELECT id FROM response)"), 0);
	sql(f, "DELETE FROM answer; DELETE FROM response");
	check(f, 1);
	assert_int_equal(tally_rows(f), 0);
	submit_batch(f, 5, ids);
	check(f, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(store_changes_keep_the_tally,
						setup, teardown),
		cmocka_unit_test_setup_teardown(sql_changes_keep_the_tally,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
