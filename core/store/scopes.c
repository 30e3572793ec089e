/*
 * scopes.c - the report and export queries: a struct scope bound to the
 * parameters ?1..?5 of each, and rows handed to a callback as they come.
 */
#include "store-int.h"

#include <stdlib.h>

#include "buf.h"

/* Binds ?1..?5 of a scope query; json holds the event list meanwhile. */
static void bind_scope(sqlite3_stmt *st, const struct scope *sc,
		       struct buf *json)
{
	db_bind_text(st, 1, sc->form);
	if (sc->nevents) {
		db_json_strings(json, sc->events, sc->nevents);
		db_bind_text(st, 2, json->s);
	}
	db_bind_text(st, 3, sc->series);
	db_bind_text(st, 4, sc->from);
	db_bind_text(st, 5, sc->to);
}

/* Steps st, handing each row to fn; returns 0, fn's nonzero, or -1. */
static int each_row(struct store *s, sqlite3_stmt *st, store_row_fn fn,
		    void *ctx)
{
	struct store_row row;
	int rc, ret = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row.event = (const char *)sqlite3_column_text(st, 0);
		row.key = (const char *)sqlite3_column_text(st, 1);
		row.code = (const char *)sqlite3_column_text(st, 2);
		row.num = sqlite3_column_double(st, 3);
		row.text = (const char *)sqlite3_column_text(st, 4);
		row.submitted = sqlite3_column_int64(st, 5);
		row.response = sqlite3_column_int64(st, 6);
		row.count = (long)sqlite3_column_int64(st, 7);
		ret = fn(ctx, &row);
		if (ret)
			break;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = db_error(s, "query");
	sqlite3_reset(st);
	return ret;
}

/*
 * each_row() for a statement that reads the tally (its ?9 is the tally's
 * mark, schema/011): the mark and the rows are read in one transaction,
 * so that a batch committed in between is not counted twice.
 */
static int tally_rows(struct store *s, sqlite3_stmt *st, store_row_fn fn,
		      void *ctx)
{
	long long mark;
	int ret = -1;

	if (sqlite3_bind_parameter_count(st) < 9)
		return each_row(s, st, fn, ctx);
	if (db_run(s, db_stmt(s, S_READ_BEGIN), "reading the tally") < 0)
		return -1;
	mark = db_count(s, db_stmt(s, S_TALLY_LAST), "reading the tally");
	if (mark >= 0) {
		sqlite3_bind_int64(st, 9, mark);
		ret = each_row(s, st, fn, ctx);
	}
	if (db_run(s, db_stmt(s, S_READ_END), "reading the tally") < 0)
		ret = -1;
	return ret;
}

static int scope_query(struct store *s, enum stmt id, const struct scope *sc,
		       store_row_fn fn, void *ctx)
{
	struct buf json = BUF_INIT;
	sqlite3_stmt *st = db_stmt(s, id);
	int ret;

	bind_scope(st, sc, &json);
	ret = tally_rows(s, st, fn, ctx);
	sqlite3_clear_bindings(st);
	buf_release(&json);
	return ret;
}

int store_scope_events(struct store *s, const struct scope *sc,
		       struct event **out, size_t *n)
{
	struct buf json = BUF_INIT;
	sqlite3_stmt *st = db_stmt(s, S_SCOPE_EVENTS);
	void *v = NULL;
	int ret;

	bind_scope(st, sc, &json);
	ret = db_collect(s, st, &db_event_rows, &v, n);
	*out = v;
	sqlite3_clear_bindings(st);
	buf_release(&json);
	return ret;
}

int store_count_by_event(struct store *s, const struct scope *sc,
			 store_row_fn fn, void *ctx)
{
	return scope_query(s, S_COUNT_BY_EVENT, sc, fn, ctx);
}

int store_count_codes(struct store *s, const struct scope *sc,
		      store_row_fn fn, void *ctx)
{
	return scope_query(s, S_COUNT_CODES, sc, fn, ctx);
}

int store_count_numbers(struct store *s, const struct scope *sc,
			store_row_fn fn, void *ctx)
{
	return scope_query(s, S_COUNT_NUMBERS, sc, fn, ctx);
}

int store_texts(struct store *s, const struct scope *sc, store_row_fn fn,
		void *ctx)
{
	return scope_query(s, S_TEXTS, sc, fn, ctx);
}

int store_texts_newest(struct store *s, const struct scope *sc,
		       const char *event, const char *key, long limit,
		       store_row_fn fn, void *ctx)
{
	struct buf json = BUF_INIT;
	sqlite3_stmt *st = db_stmt(s, S_TEXTS_NEWEST);
	int ret;

	bind_scope(st, sc, &json);
	db_bind_text(st, 6, event);
	db_bind_text(st, 7, key);
	sqlite3_bind_int64(st, 8, limit < 0 ? -1 : limit);
	ret = each_row(s, st, fn, ctx);
	sqlite3_clear_bindings(st);
	buf_release(&json);
	return ret;
}

int store_count_answered(struct store *s, const struct scope *sc,
			 const char *const *keys, size_t nkeys,
			 store_row_fn fn, void *ctx)
{
	struct buf json = BUF_INIT, kj = BUF_INIT;
	sqlite3_stmt *st = db_stmt(s, S_COUNT_ANSWERED);
	int ret;

	if (!nkeys)
		return 0;
	bind_scope(st, sc, &json);
	db_json_strings(&kj, keys, nkeys);
	db_bind_text(st, 6, kj.s);
	ret = tally_rows(s, st, fn, ctx);
	sqlite3_clear_bindings(st);
	buf_release(&json);
	buf_release(&kj);
	return ret;
}

int store_count_days(struct store *s, const struct scope *sc,
		     store_row_fn fn, void *ctx)
{
	return scope_query(s, S_COUNT_DAYS, sc, fn, ctx);
}

int store_each_answer(struct store *s, const struct scope *sc,
		      store_row_fn fn, void *ctx)
{
	return scope_query(s, S_EACH_ANSWER, sc, fn, ctx);
}

int store_response_answers(struct store *s, long long response,
			   store_row_fn fn, void *ctx)
{
	sqlite3_stmt *st = db_stmt(s, S_RESPONSE_ANSWERS);

	sqlite3_bind_int64(st, 1, response);
	return each_row(s, st, fn, ctx);
}

/* ---- certificates issued per event (certificates.c owns the rest) ---- */

static void total_fill(sqlite3_stmt *st, void *out)
{
	struct certificate_total *t = out;

	t->event = db_col_dup(st, 0);
	t->issued = (long)sqlite3_column_int64(st, 1);
	t->minutes = (long)sqlite3_column_int64(st, 2);
	t->offered = (long)db_col_int_or(st, 3, 0);
}

static void total_drop(void *one)
{
	struct certificate_total *t = one;

	free(t->event);
}

void certificate_totals_free(struct certificate_total *v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		total_drop(&v[i]);
	free(v);
}

int store_certificate_totals(struct store *s, const struct scope *sc,
			     struct certificate_total **out, size_t *n)
{
	static const struct db_rows rows = {
		sizeof(struct certificate_total), total_fill, total_drop,
		"certificate totals", "certificate totals",
	};
	struct buf json = BUF_INIT;
	sqlite3_stmt *st = db_stmt(s, S_CERT_TOTALS);
	void *v = NULL;
	int ret;

	bind_scope(st, sc, &json);
	ret = db_collect(s, st, &rows, &v, n);
	*out = v;
	sqlite3_clear_bindings(st);
	buf_release(&json);
	return ret;
}
