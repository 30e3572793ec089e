/*
 * follow-up.c - the follow_up table: which responses on the committee
 * area's follow-up list have been dealt with, and the list itself.
 */
#include "store-int.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "util.h"

static void follow_up_release(void *one)
{
	struct follow_up *f = one;

	free(f->form);
	free(f->event);
	free(f->event_title);
	free(f->done_by);
	memset(f, 0, sizeof(*f));
}

void follow_ups_free(struct follow_up *v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		follow_up_release(&v[i]);
	free(v);
}

static void follow_up_fill(sqlite3_stmt *st, void *out)
{
	struct follow_up *f = out;

	f->id = sqlite3_column_int64(st, 0);
	f->form = db_col_dup(st, 1);
	f->event = db_col_dup(st, 2);
	f->event_title = db_col_dup(st, 3);
	f->submitted = sqlite3_column_int64(st, 4);
	f->done = db_col_int_or(st, 5, 0);
	f->done_by = db_col_dup(st, 6);
}

static const struct db_rows follow_up_rows = {
	sizeof(struct follow_up), follow_up_fill, follow_up_release,
	"a follow-up", "follow-ups",
};

int store_follow_up_list(struct store *s, const char *form,
			 const char *event, const char *const *keys,
			 size_t nkeys, struct follow_up **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s, S_FOLLOW_UP_LIST);
	struct buf json = BUF_INIT;
	void *v = NULL;
	int ret;

	db_json_strings(&json, keys, nkeys);
	db_bind_text(st, 1, form);
	db_bind_text(st, 2, event);
	db_bind_text(st, 3, json.s);
	ret = db_collect(s, st, &follow_up_rows, &v, n);
	*out = v;
	buf_release(&json);
	return ret;
}

int store_follow_up_set(struct store *s, long long id, int done,
			long long now, const char *user)
{
	sqlite3_stmt *st = db_stmt(s, done ? S_FOLLOW_UP_DONE
					   : S_FOLLOW_UP_UNDO);
	long long changed;

	sqlite3_bind_int64(st, 1, id);
	if (done) {
		sqlite3_bind_int64(st, 2, now);
		db_bind_text(st, 3, user);
	}
	changed = db_write(s, st, "marking a follow-up");
	if (changed < 0)
		return -1;
	return 0;
}
