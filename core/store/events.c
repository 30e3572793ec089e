/*
 * events.c - the table event: adding, updating, reading and listing
 * events, with or without their count of responses.
 */
#include "store-int.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"

void event_release(struct event *e)
{
	if (!e)
		return;
	free(e->key);
	free(e->form);
	free(e->title);
	free(e->date);
	free(e->location);
	free(e->format);
	free(e->presenter);
	free(e->series);
	memset(e, 0, sizeof(*e));
}

void events_free(struct event *v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		event_release(&v[i]);
	free(v);
}

int event_is_open(const struct event *e, long long now)
{
	if (e->opens && now < e->opens)
		return 0;
	if (e->closes && now >= e->closes)
		return 0;
	return 1;
}

/* Fills an event from a row of EVENT_COLS. */
static void event_fill(sqlite3_stmt *st, void *out)
{
	struct event *e = out;

	e->key = db_col_dup(st, 0);
	e->form = db_col_dup(st, 1);
	e->title = db_col_dup(st, 2);
	e->date = db_col_dup(st, 3);
	e->location = db_col_dup(st, 4);
	e->format = db_col_dup(st, 5);
	e->presenter = db_col_dup(st, 6);
	e->series = db_col_dup(st, 7);
	e->attendees = (long)db_col_int_or(st, 8, -1);
	e->opens = db_col_int_or(st, 9, 0);
	e->closes = db_col_int_or(st, 10, 0);
	e->responses = (long)sqlite3_column_int64(st, 11);
}

static void event_drop(void *one)
{
	event_release(one);
}

const struct db_rows db_event_rows = {
	sizeof(struct event), event_fill, event_drop, "an event", "events",
};

/* Binds ?1..?11 of S_EVENT_ADD and S_EVENT_UPDATE. */
static void bind_event(sqlite3_stmt *st, const struct event *e)
{
	db_bind_text(st, 1, e->key);
	db_bind_text(st, 2, e->form);
	db_bind_text(st, 3, e->title);
	db_bind_text(st, 4, e->date);
	db_bind_text(st, 5, e->location);
	db_bind_text(st, 6, e->format);
	db_bind_text(st, 7, e->presenter);
	db_bind_text(st, 8, e->series);
	db_bind_int_or_null(st, 9, e->attendees < 0 ? -1 : e->attendees, -1);
	db_bind_int_or_null(st, 10, e->opens, 0);
	db_bind_int_or_null(st, 11, e->closes, 0);
}

int store_event_add(struct store *s, const struct event *e)
{
	sqlite3_stmt *st = db_stmt(s, S_EVENT_ADD);
	long long n;

	bind_event(st, e);
	sqlite3_bind_int64(st, 12, (long long)time(NULL));
	n = db_add(s, st, "adding an event");
	if (n == DB_EXISTS)
		return error("event %s exists", e->key);
	return n < 0 ? -1 : 0;
}

int store_event_update(struct store *s, const struct event *e)
{
	sqlite3_stmt *st = db_stmt(s, S_EVENT_UPDATE);
	long long n;

	bind_event(st, e);
	n = db_write(s, st, "updating an event");
	if (n == 0)
		return error("no event %s", e->key);
	return n < 0 ? -1 : 0;
}

/* The event with key, its responses counted when counted is 1. */
static int event_get(struct store *s, const char *key, int counted,
		     struct event *out)
{
	sqlite3_stmt *st = db_stmt(s, S_EVENT_GET);

	db_bind_text(st, 1, key);
	sqlite3_bind_int(st, 2, counted);
	return db_get(s, st, &db_event_rows, out);
}

int store_event_get(struct store *s, const char *key, struct event *out)
{
	return event_get(s, key, 1, out);
}

int store_event_find(struct store *s, const char *key, struct event *out)
{
	return event_get(s, key, 0, out);
}

/* The events of form (NULL: all), responses counted when counted is 1. */
static int event_list(struct store *s, const char *form, int counted,
		      struct event **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s, S_EVENT_LIST);
	void *v = NULL;
	int ret;

	db_bind_text(st, 1, form);
	sqlite3_bind_int(st, 2, counted);
	ret = db_collect(s, st, &db_event_rows, &v, n);
	*out = v;
	return ret;
}

int store_event_list(struct store *s, const char *form, struct event **out,
		     size_t *n)
{
	return event_list(s, form, 1, out, n);
}

int store_event_list_brief(struct store *s, const char *form,
			   struct event **out, size_t *n)
{
	return event_list(s, form, 0, out, n);
}
