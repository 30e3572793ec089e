/*
 * ideas.c - the tables idea and vote: the topic board's list, the
 * committee's changes (approve, edit, status, merge), votes counted once
 * per browser, and the offers to present or mentor. The idea rows
 * themselves are made with their submission (responses.c).
 */
#include "store-int.h"

#include <stdlib.h>
#include <string.h>

#include "idea.h"
#include "util.h"

void idea_release(struct idea_info *i)
{
	if (!i)
		return;
	free(i->form);
	free(i->topic);
	free(i->description);
	free(i->orig_topic);
	free(i->orig_description);
	free(i->level);
	free(i->format);
	free(i->status);
	free(i->event);
	free(i->event_title);
	free(i->event_date);
	free(i->event_form);
	free(i->note);
	memset(i, 0, sizeof(*i));
}

void ideas_free(struct idea_info *v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		idea_release(&v[i]);
	free(v);
}

/* A row of IDEA_COLS (stmt.c). */
static void idea_fill(sqlite3_stmt *st, void *out)
{
	struct idea_info *i = out;

	i->id = sqlite3_column_int64(st, 0);
	i->form = db_col_dup(st, 1);
	i->topic = db_col_dup(st, 2);
	i->description = db_col_dup(st, 3);
	i->orig_topic = db_col_dup(st, 4);
	i->orig_description = db_col_dup(st, 5);
	i->level = db_col_dup(st, 6);
	i->format = db_col_dup(st, 7);
	i->status = db_col_dup(st, 8);
	i->event = db_col_dup(st, 9);
	i->event_title = db_col_dup(st, 10);
	i->event_date = db_col_dup(st, 11);
	i->event_form = db_col_dup(st, 12);
	i->note = db_col_dup(st, 13);
	i->merged_into = db_col_int_or(st, 14, 0);
	i->votes = (long)sqlite3_column_int64(st, 15);
	i->presenters = (long)sqlite3_column_int64(st, 16);
	i->mentors = (long)sqlite3_column_int64(st, 17);
	i->created = sqlite3_column_int64(st, 18);
	i->changed = sqlite3_column_int64(st, 19);
}

static void idea_drop(void *one)
{
	idea_release(one);
}

static const struct db_rows idea_rows = {
	sizeof(struct idea_info), idea_fill, idea_drop, "an idea", "ideas",
};

static void bind_filter(sqlite3_stmt *st, const struct idea_filter *f)
{
	db_bind_text(st, 1, f->today ? f->today : "0000-00-00");
	db_bind_text(st, 2, f->status);
	db_bind_text(st, 3, f->event_from);
	db_bind_text(st, 4, f->event_to);
}

/*
 * 1 when f asks for the public board as it stands (every approved idea,
 * no event range): statements that walk an index and stop at the page.
 */
static int board_only(const struct idea_filter *f)
{
	return f->status && !strcmp(f->status, "public") && !f->event_from &&
	       !f->event_to;
}

int store_idea_list(struct store *s, const struct idea_filter *f,
		    struct idea_info **out, size_t *n)
{
	sqlite3_stmt *st;
	void *v = NULL;
	int ret;

	if (board_only(f)) {
		st = db_stmt(s, f->newest ? S_IDEA_BOARD_NEWEST
					  : S_IDEA_BOARD_VOTES);
		db_bind_text(st, 1, f->today ? f->today : "0000-00-00");
		sqlite3_bind_int64(st, 2, f->limit);
		sqlite3_bind_int64(st, 3, f->offset);
	} else {
		st = db_stmt(s, S_IDEA_LIST);
		bind_filter(st, f);
		sqlite3_bind_int(st, 5, !!f->newest);
		sqlite3_bind_int64(st, 6, f->limit);
		sqlite3_bind_int64(st, 7, f->offset);
	}
	ret = db_collect(s, st, &idea_rows, &v, n);
	*out = v;
	return ret;
}

long store_idea_count(struct store *s, const struct idea_filter *f)
{
	sqlite3_stmt *st;

	if (board_only(f))
		return (long)db_count(s, db_stmt(s, S_IDEA_BOARD_COUNT),
				      "counting ideas");
	st = db_stmt(s, S_IDEA_COUNT);
	bind_filter(st, f);
	return (long)db_count(s, st, "counting ideas");
}

int store_idea_get(struct store *s, long long id, const char *today,
		   struct idea_info *out)
{
	sqlite3_stmt *st = db_stmt(s, S_IDEA_GET);

	db_bind_text(st, 1, today ? today : "0000-00-00");
	sqlite3_bind_int64(st, 2, id);
	return db_get(s, st, &idea_rows, out);
}

int store_idea_for_event(struct store *s, const char *event,
			 const char *today, struct idea_info *out)
{
	sqlite3_stmt *st = db_stmt(s, S_IDEA_FOR_EVENT);

	db_bind_text(st, 1, today ? today : "0000-00-00");
	db_bind_text(st, 2, event);
	return db_get(s, st, &idea_rows, out);
}

/*
 * The stored status of idea id (inside or outside a transaction) as a
 * new string, or NULL with "no idea ID" logged (or the database error).
 */
static char *idea_state(struct store *s, long long id)
{
	sqlite3_stmt *st = db_stmt(s, S_IDEA_STATE);
	char *status = NULL;
	int rc;

	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		status = db_col_dup(st, 0);
	else if (rc == SQLITE_DONE)
		error("no idea %lld", id);
	else
		db_error(s, "reading an idea");
	sqlite3_reset(st);
	return status;
}

/*
 * Runs the bound update st of idea id on its own; when it changes
 * nothing, says why: no such idea, or "idea ID <why> (it is STATUS)".
 */
static int idea_update(struct store *s, sqlite3_stmt *st, long long id,
		       const char *what, const char *why)
{
	long long n = db_write(s, st, what);
	char *status;

	if (n != 0)
		return n < 0 ? -1 : 0;
	status = idea_state(s, id);
	if (status)
		error("idea %lld %s (it is %s)", id, why, status);
	free(status);
	return -1;
}

int store_idea_approve(struct store *s, long long id, long long now)
{
	sqlite3_stmt *st = db_stmt(s, S_IDEA_APPROVE);

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, now);
	return idea_update(s, st, id, "approving an idea",
			   "is not awaiting moderation");
}

int store_idea_edit(struct store *s, long long id, const char *topic,
		    const char *description, long long now)
{
	sqlite3_stmt *st = db_stmt(s, S_IDEA_EDIT);

	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, topic);
	db_bind_text(st, 3, description);
	sqlite3_bind_int64(st, 4, now);
	return idea_update(s, st, id, "editing an idea",
			   "cannot be edited");
}

int store_idea_status(struct store *s, long long id, const char *status,
		      const char *event, const char *note, long long now)
{
	sqlite3_stmt *st;

	if (!idea_status_settable(status))
		return error("'%s' is not a status an idea can be given",
			     status ? status : "");
	if (event && *event) {
		struct event e;
		int found = store_event_find(s, event, &e);

		event_release(&e);
		if (found <= 0)
			return found < 0 ? -1 : error("no event %s", event);
	}
	st = db_stmt(s, S_IDEA_STATUS);
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, status);
	db_bind_text(st, 3, event);
	db_bind_text(st, 4, note);
	sqlite3_bind_int64(st, 5, now);
	return idea_update(s, st, id, "setting an idea's status",
			   "must be approved first");
}

int store_idea_merge(struct store *s, long long from, long long into,
		     long long now)
{
	char *a = NULL, *b = NULL;
	sqlite3_stmt *st;
	int ret = -1;

	if (from == into)
		return error("cannot merge idea %lld into itself", from);
	if (db_begin(s) < 0)
		return -1;
	if (!(a = idea_state(s, from)) || !(b = idea_state(s, into)))
		goto fail;
	if (!strcmp(a, "merged") || !strcmp(b, "merged")) {
		error("idea %lld is merged already", !strcmp(a, "merged")
			  ? from : into);
		goto fail;
	}
	st = db_stmt(s, S_IDEA_MERGE_VOTES);
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, into);
	if (db_run(s, st, "moving votes") < 0)
		goto fail;
	st = db_stmt(s, S_IDEA_DROP_VOTES);
	sqlite3_bind_int64(st, 1, from);
	if (db_run(s, st, "moving votes") < 0)
		goto fail;
	st = db_stmt(s, S_IDEA_RECOUNT);
	sqlite3_bind_int64(st, 1, into);
	sqlite3_bind_int64(st, 2, now);
	if (db_run(s, st, "counting votes") < 0)
		goto fail;
	st = db_stmt(s, S_IDEA_MERGE_MARK);
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, into);
	sqlite3_bind_int64(st, 3, now);
	if (db_run(s, st, "merging an idea") < 0)
		goto fail;
	st = db_stmt(s, S_IDEA_REPOINT);
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, into);
	if (db_run(s, st, "merging an idea") < 0 || db_commit(s) < 0)
		goto out;
	ret = 0;
	goto out;
fail:
	db_rollback(s);
out:
	free(a);
	free(b);
	return ret;
}

int store_idea_vote(struct store *s, long long id, const void *voter,
		    size_t len)
{
	sqlite3_stmt *st;
	long long target = 0;
	int rc, counted = 0;

	if (db_begin(s) < 0)
		return -1;
	st = db_stmt(s, S_IDEA_VOTE_TARGET);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		target = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_error(s, "reading an idea");
		goto fail;
	}
	if (target) {
		st = db_stmt(s, S_IDEA_VOTE_ADD);
		sqlite3_bind_int64(st, 1, target);
		sqlite3_bind_blob(st, 2, voter, (int)len, SQLITE_TRANSIENT);
		if (db_run(s, st, "storing a vote") < 0)
			goto fail;
		counted = sqlite3_changes(s->db) > 0;
	}
	if (counted) {
		st = db_stmt(s, S_IDEA_VOTE_COUNT);
		sqlite3_bind_int64(st, 1, target);
		if (db_run(s, st, "counting a vote") < 0)
			goto fail;
	}
	if (db_commit(s) < 0)
		return -1;
	return counted;
fail:
	db_rollback(s);
	return -1;
}

void idea_offers_free(struct idea_offer *v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].email);
	}
	free(v);
}

static void offer_fill(sqlite3_stmt *st, void *out)
{
	struct idea_offer *o = out;

	o->idea = sqlite3_column_int64(st, 0);
	o->name = db_col_dup(st, 1);
	o->email = db_col_dup(st, 2);
	o->present = sqlite3_column_int(st, 3);
	o->mentor = sqlite3_column_int(st, 4);
}

static void offer_drop(void *one)
{
	struct idea_offer *o = one;

	free(o->name);
	free(o->email);
}

static const struct db_rows offer_rows = {
	sizeof(struct idea_offer), offer_fill, offer_drop, "an offer",
	"offers",
};

int store_idea_offers(struct store *s, long long id, struct idea_offer **out,
		      size_t *n)
{
	sqlite3_stmt *st = db_stmt(s, S_IDEA_OFFERS);
	void *v = NULL;
	int ret;

	sqlite3_bind_int64(st, 1, id);
	ret = db_collect(s, st, &offer_rows, &v, n);
	*out = v;
	return ret;
}
