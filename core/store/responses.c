/*
 * responses.c - the tables response and answer: storing submissions in one
 * transaction, marking spam, and the admin area's list of responses.
 */
#include "store-int.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Sets *id to the row id of sub's event, which must be one of its form. */
static int find_event(struct store *s, const struct submission *sub,
		      long long *id)
{
	sqlite3_stmt *st = db_stmt(s, S_EVENT_ID);
	int rc, ret = 0;

	db_bind_text(st, 1, sub->event);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *form = (const char *)sqlite3_column_text(st, 1);

		*id = sqlite3_column_int64(st, 0);
		if (!form || !sub->form || strcmp(form, sub->form))
			ret = error("event %s is not one of form %s",
				    sub->event,
				    sub->form ? sub->form : "(none)");
	} else if (rc == SQLITE_DONE) {
		ret = error("no event %s", sub->event);
	} else {
		ret = db_error(s, "finding the event");
	}
	sqlite3_reset(st);
	return ret;
}

/* Binds answer a, number seq of response id, to the 6 parameters of st
 * from base + 1 on. */
static void bind_answer(sqlite3_stmt *st, int base, long long id, size_t seq,
			const struct answer *a)
{
	sqlite3_bind_int64(st, base + 1, id);
	sqlite3_bind_int64(st, base + 2, (long long)seq);
	db_bind_text(st, base + 3, a->key);
	switch (a->kind) {
	case ANS_CODE:
		db_bind_text(st, base + 4, a->code);
		break;
	case ANS_NUM:
		sqlite3_bind_double(st, base + 5, a->num);
		break;
	case ANS_TEXT:
		db_bind_text(st, base + 6, a->text);
		break;
	}
}

/* Inserts sub's answers: ANSWER_ROWS to a statement, the rest one each. */
static int add_answers(struct store *s, const struct submission *sub)
{
	size_t i = 0;

	for (; i + ANSWER_ROWS <= sub->nanswers; i += ANSWER_ROWS) {
		sqlite3_stmt *st = db_stmt(s, S_ANSWERS_ADD);

		for (size_t j = 0; j < ANSWER_ROWS; j++)
			bind_answer(st, 6 * (int)j, sub->id, i + j,
				    &sub->answers[i + j]);
		if (db_run(s, st, "storing answers") < 0)
			return -1;
	}
	for (; i < sub->nanswers; i++) {
		sqlite3_stmt *st = db_stmt(s, S_ANSWER_ADD);

		bind_answer(st, 0, sub->id, i, &sub->answers[i]);
		if (db_run(s, st, "storing an answer") < 0)
			return -1;
	}
	return 0;
}

/*
 * Stores one submission inside the open transaction; *event is set to its
 * event's row id (-1: none). prev is the submission stored before it in
 * the batch, or NULL, and prev_event its event: a batch is mostly one
 * event's, found once.
 */
static int submit_one(struct store *s, struct submission *sub,
		      const struct submission *prev, long long prev_event,
		      long long *event)
{
	sqlite3_stmt *st;

	*event = -1;
	if (sub->event && prev && prev_event >= 0 && prev->event &&
	    !strcmp(prev->event, sub->event) && !strcmp(prev->form, sub->form))
		*event = prev_event;
	else if (sub->event && find_event(s, sub, event) < 0)
		return -1;
	st = db_stmt(s, S_RESPONSE_ADD);
	db_bind_text(st, 1, sub->form);
	sqlite3_bind_int64(st, 2, sub->version);
	db_bind_int_or_null(st, 3, *event, -1);
	sqlite3_bind_int64(st, 4, sub->submitted);
	db_bind_text(st, 5, sub->token);
	if (db_run(s, st, "storing a response") < 0)
		return -1;
	if (sqlite3_changes(s->db) == 0) {
		sub->duplicate = 1;
		return 0;
	}
	sub->id = sqlite3_last_insert_rowid(s->db);
	if (add_answers(s, sub) < 0)
		return -1;
	/* a board form's submission is also an idea (ideas.c) */
	st = db_stmt(s, S_IDEA_FROM_RESPONSE);
	sqlite3_bind_int64(st, 1, sub->id);
	return db_run(s, st, "storing an idea");
}

/*
 * Counts the batch just stored (ids from first on) into the tally and
 * moves the mark above it. When the mark sits just below first, every
 * response above it is of this batch, counted from memory (tally.c);
 * otherwise rows inserted by other means lie between them, and all of it
 * is counted through the view.
 */
static int tally_catch_up(struct store *s, const struct submission *subs,
			  const long long *events, size_t n, long long first)
{
	long long mark = db_count(s, db_stmt(s, S_TALLY_LAST),
				  "reading the tally's mark");
	sqlite3_stmt *st = db_stmt(s, S_TALLY_ADD);

	if (mark < 0)
		return -1;
	if (mark == first - 1) {
		if (tally_count_batch(s, subs, events, n) < 0)
			return -1;
	} else {
		sqlite3_bind_int64(st, 1, mark);
		if (db_run(s, st, "counting responses") < 0)
			return -1;
	}
	return db_run(s, db_stmt(s, S_TALLY_MARK), "counting responses");
}

int store_submit(struct store *s, struct submission *subs, size_t n)
{
	long long first = 0, *events = xcalloc(n ? n : 1, sizeof(*events));

	for (size_t i = 0; i < n; i++) {
		subs[i].duplicate = 0;
		subs[i].id = 0;
	}
	if (db_begin(s) < 0)
		goto undo;
	for (size_t i = 0; i < n; i++) {
		if (submit_one(s, &subs[i], i ? &subs[i - 1] : NULL,
			       i ? events[i - 1] : -1, &events[i]) < 0)
			goto fail;
		if (subs[i].id && !first)
			first = subs[i].id;
	}
	if (first && tally_catch_up(s, subs, events, n, first) < 0)
		goto fail;
	if (db_commit(s) < 0)
		goto undo;
	free(events);
	return 0;
fail:
	db_rollback(s);
undo:
	for (size_t i = 0; i < n; i++) {
		subs[i].duplicate = 0;
		subs[i].id = 0;
	}
	free(events);
	return -1;
}

long store_count_responses(struct store *s, const char *form)
{
	sqlite3_stmt *st = db_stmt(s, S_COUNT_RESPONSES);

	db_bind_text(st, 1, form);
	return (long)db_count(s, st, "counting responses");
}

int store_response_when(struct store *s, const char *token,
			long long *when)
{
	sqlite3_stmt *st = db_stmt(s, S_RESPONSE_WHEN);
	int rc, ret = 0;

	db_bind_text(st, 1, token);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*when = sqlite3_column_int64(st, 0);
		ret = 1;
	} else if (rc != SQLITE_DONE) {
		ret = db_error(s, "finding a response by its token");
	}
	sqlite3_reset(st);
	return ret;
}

/*
 * Adds (sign 1) or takes away (sign -1) what response id counts for in
 * the tally, if it is counted, inside the open transaction; then the
 * rows of its event left at 0 go.
 */
static int tally_one(struct store *s, long long id, int sign)
{
	sqlite3_stmt *st = db_stmt(s, S_TALLY_ONE);

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, sign);
	if (db_run(s, st, "counting a response") < 0)
		return -1;
	st = db_stmt(s, S_TALLY_PRUNE);
	sqlite3_bind_int64(st, 1, id);
	return db_run(s, st, "counting a response");
}

/*
 * Runs st, bound to change response id (a spam mark, a deletion), in a
 * transaction that takes the response out of the tally before and puts
 * what it then counts for back after. Returns 0, or -1 (logged; nothing
 * written), also when there is no such response.
 */
static int change_response(struct store *s, long long id, sqlite3_stmt *st,
			   const char *what)
{
	int ret = -1;

	if (db_begin(s) < 0)
		return -1;
	if (tally_one(s, id, -1) < 0 || db_run(s, st, what) < 0)
		goto out;
	if (sqlite3_changes(s->db) == 0) {
		error("no response %lld", id);
		goto out;
	}
	if (tally_one(s, id, 1) < 0 ||
	    db_run(s, db_stmt(s, S_TALLY_MARK_DOWN), what) < 0)
		goto out;
	ret = db_commit(s);
out:
	if (ret < 0)
		db_rollback(s);
	return ret;
}

int store_set_spam(struct store *s, long long response, int spam)
{
	sqlite3_stmt *st = db_stmt(s, S_SET_SPAM);

	sqlite3_bind_int64(st, 1, response);
	sqlite3_bind_int(st, 2, !!spam);
	return change_response(s, response, st, "marking a response");
}

/* ---- the admin area's list ---- */

void response_info_release(struct response_info *r)
{
	if (!r)
		return;
	free(r->form);
	free(r->event);
	free(r->event_title);
	memset(r, 0, sizeof(*r));
}

void responses_free(struct response_info *v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		response_info_release(&v[i]);
	free(v);
}

static void response_fill(sqlite3_stmt *st, void *out)
{
	struct response_info *r = out;

	r->id = sqlite3_column_int64(st, 0);
	r->form = db_col_dup(st, 1);
	r->event = db_col_dup(st, 2);
	r->event_title = db_col_dup(st, 3);
	r->submitted = sqlite3_column_int64(st, 4);
	r->spam = sqlite3_column_int(st, 5);
}

static void response_drop(void *one)
{
	response_info_release(one);
}

static const struct db_rows response_rows = {
	sizeof(struct response_info), response_fill, response_drop,
	"a response", "responses",
};

static void bind_filter(sqlite3_stmt *st, const struct response_filter *f)
{
	db_bind_text(st, 1, f->form);
	db_bind_text(st, 2, f->event);
	db_bind_text(st, 3, f->from);
	db_bind_text(st, 4, f->to);
}

int store_response_list(struct store *s, const struct response_filter *f,
			long limit, long offset, struct response_info **out,
			size_t *n)
{
	sqlite3_stmt *st = db_stmt(s, S_RESPONSE_LIST);
	void *v = NULL;
	int ret;

	bind_filter(st, f);
	sqlite3_bind_int64(st, 5, limit);
	sqlite3_bind_int64(st, 6, offset);
	ret = db_collect(s, st, &response_rows, &v, n);
	*out = v;
	return ret;
}

long store_response_count(struct store *s, const struct response_filter *f)
{
	sqlite3_stmt *st = db_stmt(s, S_RESPONSE_COUNT);

	bind_filter(st, f);
	return (long)db_count(s, st, "counting responses");
}

int store_response_get(struct store *s, long long id,
		       struct response_info *out)
{
	sqlite3_stmt *st = db_stmt(s, S_RESPONSE_GET);

	sqlite3_bind_int64(st, 1, id);
	return db_get(s, st, &response_rows, out);
}

int store_response_delete(struct store *s, long long id)
{
	sqlite3_stmt *st = db_stmt(s, S_RESPONSE_DELETE);

	sqlite3_bind_int64(st, 1, id);
	return change_response(s, id, st, "deleting a response");
}

long store_count_since(struct store *s, const char *form, const char *event,
		       long long since)
{
	sqlite3_stmt *st = db_stmt(s, S_COUNT_SINCE);

	db_bind_text(st, 1, form);
	db_bind_text(st, 2, event);
	sqlite3_bind_int64(st, 3, since);
	return (long)db_count(s, st, "counting responses");
}
