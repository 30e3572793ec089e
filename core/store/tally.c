/*
 * tally.c - counting a batch of new submissions into the tally (schema/011)
 * from the answers the writer has in memory, instead of reading them back
 * through the view tally_source.
 *
 * The view stays the definition: the triggers, spam marks, deletions and
 * every response inserted by other means are counted through it. This
 * file gives, for a response just inserted by store_submit() (an event,
 * not spam), the same rows, in the same order of rules as the view's
 * branches in schema/012-tally-source.sql. tests/unit/test-tally.c checks
 * the result against a recount from the answer rows written apart from
 * both, over random batches of every kind of answer.
 *
 * Measured (callgrind, 2,048 benchmark responses in batches of 16): the
 * view's catch-up cost about 178k instructions a response, more than the
 * response and its answers' inserts together; this costs a sort of some
 * 25 rows a response and one upsert per distinct row of the batch.
 */
#include "store-int.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* In the order of their names, which is the tally's key order. */
enum tkind { T_ANSWERED, T_CODE, T_NUM, T_RESPONSE };
static const char *const kind_name[] = { "answered", "code", "num",
					 "response" };

/* One row of tally_source: key points into the batch (not owned). */
struct trow {
	long long event;
	enum tkind kind;
	const char *key;
	size_t keylen;
	const char *code;      /* T_CODE's value */
	double num;            /* T_NUM's value */
	long long i;           /* T_RESPONSE's quarter hour, T_ANSWERED's 0/1 */
};

struct trows {
	struct trow *v;
	size_t n, cap;
};

static void add(struct trows *r, const struct trow *t)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 256;
		r->v = xrealloc(r->v, r->cap * sizeof(*r->v));
	}
	r->v[r->n++] = *t;
}

/* trim(text, char(32, 9, 10, 11, 12, 13)) = '' in SQLite's terms. */
static int blank(const char *text)
{
	return text[strspn(text, " \t\n\v\f\r")] == '\0';
}

/* 1 when one of sub's first upto answers ticks an option of key. */
static int ticked(const struct submission *sub, size_t upto, const char *key,
		  size_t keylen)
{
	for (size_t j = 0; j < upto; j++) {
		const struct answer *b = &sub->answers[j];

		if (b->kind == ANS_CODE && strlen(b->key) == keylen &&
		    !memcmp(b->key, key, keylen))
			return 1;
	}
	return 0;
}

/* The rows of tally_source for sub, stored as response of event. */
static void response_rows(struct trows *r, const struct submission *sub,
			  long long event)
{
	long long t = sub->submitted;
	struct trow row = { .event = event, .kind = T_RESPONSE,
			    .key = sub->form, .keylen = strlen(sub->form),
			    .i = t - (t % 900 + 900) % 900 };

	add(r, &row);
	for (size_t i = 0; i < sub->nanswers; i++) {
		const struct answer *a = &sub->answers[i];
		size_t len = strlen(a->key);

		row = (struct trow){ .event = event, .key = a->key,
				     .keylen = len };
		switch (a->kind) {
		case ANS_CODE:
			row.kind = T_CODE;
			row.code = a->code;
			add(r, &row);
			/* respondents: the key's first option ticked */
			if (!ticked(sub, i, a->key, len)) {
				row.kind = T_ANSWERED;
				row.i = 0;
				add(r, &row);
			}
			break;
		case ANS_NUM:
			row.kind = T_NUM;
			row.num = a->num;
			add(r, &row);
			break;
		case ANS_TEXT:
			row.kind = T_ANSWERED;
			row.i = blank(a->text);
			add(r, &row);
			/* KEY_other, filled in, with no option of KEY ticked */
			if (len >= 6 && !memcmp(a->key + len - 6, "_other", 6) &&
			    !row.i &&
			    !ticked(sub, sub->nanswers, a->key, len - 6)) {
				row.keylen = len - 6;
				row.i = 0;
				add(r, &row);
			}
			break;
		}
	}
}

static int cmp_ll(long long a, long long b)
{
	return (a > b) - (a < b);
}

static int cmp_row(const void *pa, const void *pb)
{
	const struct trow *a = pa, *b = pb;
	int c;

	if ((c = cmp_ll(a->event, b->event)) || (c = (int)a->kind - (int)b->kind))
		return c;
	c = memcmp(a->key, b->key, a->keylen < b->keylen ? a->keylen
							  : b->keylen);
	if (c || (c = cmp_ll((long long)a->keylen, (long long)b->keylen)))
		return c;
	switch (a->kind) {
	case T_CODE:
		return strcmp(a->code, b->code);
	case T_NUM:
		return (a->num > b->num) - (a->num < b->num);
	default:
		return cmp_ll(a->i, b->i);
	}
}

/* Adds n of row t to the tally (an upsert). */
static int put(struct store *s, const struct trow *t, long long n)
{
	sqlite3_stmt *st = db_stmt(s, S_TALLY_PUT);

	sqlite3_bind_int64(st, 1, t->event);
	sqlite3_bind_text(st, 2, kind_name[t->kind], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, t->key, (int)t->keylen, SQLITE_STATIC);
	if (t->kind == T_CODE)
		sqlite3_bind_text(st, 4, t->code, -1, SQLITE_STATIC);
	else if (t->kind == T_NUM)
		sqlite3_bind_double(st, 4, t->num);
	else
		sqlite3_bind_int64(st, 4, t->i);
	sqlite3_bind_int64(st, 5, n);
	return db_run(s, st, "counting responses");
}

int tally_count_batch(struct store *s, const struct submission *subs,
		      const long long *events, size_t n)
{
	struct trows r = { 0 };
	int ret = 0;

	for (size_t i = 0; i < n; i++)
		if (subs[i].id && events[i] >= 0)
			response_rows(&r, &subs[i], events[i]);
	qsort(r.v, r.n, sizeof(*r.v), cmp_row);
	for (size_t i = 0, j; i < r.n && !ret; i = j) {
		for (j = i + 1; j < r.n && !cmp_row(&r.v[i], &r.v[j]); j++)
			;
		ret = put(s, &r.v[i], (long long)(j - i));
	}
	free(r.v);
	return ret;
}
