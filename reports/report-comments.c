/*
 * report-comments.c - which written answers a report lists: a few per
 * question by default (the newest and the longest, spread across
 * events), the newest N with --max-comments, or all of them in an
 * appendix with --comments all; and the appendix itself.
 */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "report-int.h"
#include "util.h"

struct comments *rp_comments_of(struct rpt *r, const char *key)
{
	struct comments *c = (struct comments *)rp_comments(r, key);

	if (c)
		return c;
	ALLOC_GROW(r->com, r->ncom + 1, r->capcom);
	c = &r->com[r->ncom++];
	memset(c, 0, sizeof(*c));
	c->key = xstrdup(key);
	return c;
}

struct texts {
	struct rpt *r;
	const struct question *q;
	struct comments *c;
	long limit;            /* -1: keep all */
	long long floor;       /* with limit kept: older rows cannot stay */
};

/*
 * Rows of store_texts_newest(), newest first: kept (dates: counted per
 * month). Returns 1 to stop at the first row older than the limit-th
 * newest kept so far, which could not stay.
 */
static int on_text(void *ctx, const struct store_row *row)
{
	struct texts *x = ctx;
	struct comments *c = x->c;

	if (!row->text)
		return 0;
	if (x->q->type == Q_DATE) {     /* counted per month, not listed */
		char month[8];

		if (date_valid(row->text)) {
			memcpy(month, row->text, 7);
			month[7] = '\0';
			codedist_add(&c->months, month, 1);
		}
		return 0;
	}
	if (x->limit >= 0 && (long)c->n >= x->limit &&
	    row->submitted < x->floor)
		return 1;
	ALLOC_GROW(c->v, c->n + 1, c->cap);
	c->v[c->n].event = xstrdup(row->event);
	c->v[c->n].submitted = row->submitted;
	c->v[c->n].response = row->response;
	c->v[c->n].text = xstrdup(row->text);
	c->n++;
	return 0;
}

static int cmp_newest(const void *a, const void *b)
{
	const struct comment *x = a, *y = b;

	if (x->submitted != y->submitted)
		return x->submitted < y->submitted ? 1 : -1;
	if (x->response != y->response)
		return x->response < y->response ? 1 : -1;
	return 0;
}

/* Sorts the kept answers newest first and drops those beyond limit. */
static void keep_newest(struct texts *x)
{
	struct comments *c = x->c;

	if (c->n > 1)
		qsort(c->v, c->n, sizeof(*c->v), cmp_newest);
	if (x->limit < 0 || c->n <= (size_t)x->limit)
		return;
	for (size_t k = (size_t)x->limit; k < c->n; k++) {
		free(c->v[k].event);
		free(c->v[k].text);
	}
	c->n = (size_t)x->limit;
	if (c->n)
		x->floor = c->v[c->n - 1].submitted;
}

/*
 * The newest max_comments answers of key: those of each event, newest
 * event first, each an index walk that stops at the limit or at the
 * first answer older than all those kept. Reads only what it may keep,
 * whatever the number of responses.
 */
static int newest_texts(struct rpt *r, const struct question *q,
			const char *key, long limit)
{
	struct texts x = { r, q, rp_comments_of(r, key), -1, 0 };

	if (q->type != Q_DATE && limit > 0)
		x.limit = limit;
	for (size_t i = r->nev + 1; i-- > 0;) {
		int rc = store_texts_newest(r->store, &r->o->scope,
					    i < r->nev ? r->ev[i].key : NULL,
					    key, x.limit, on_text, &x);

		if (rc < 0)
			return -1;
		keep_newest(&x);
	}
	if (x.c->total < (long)x.c->n)  /* answers stored by hand: listed */
		x.c->total = (long)x.c->n;
	if (q->type != Q_DATE)
		x.c->more = x.c->total - (long)x.c->n;
	return 0;
}

/* Rows of store_texts_newest() into the pool x->c, as they come. */
static int on_pool(void *ctx, const struct store_row *row)
{
	struct texts *x = ctx;
	struct comments *c = x->c;

	if (!row->text)
		return 0;
	ALLOC_GROW(c->v, c->n + 1, c->cap);
	c->v[c->n].event = xstrdup(row->event);
	c->v[c->n].submitted = row->submitted;
	c->v[c->n].response = row->response;
	c->v[c->n].text = xstrdup(row->text);
	c->n++;
	return 0;
}

/* Characters (not bytes) of UTF-8 text. */
static size_t chars_of(const char *s)
{
	size_t k = 0;

	for (; *s; s++)
		k += ((unsigned char)*s & 0xc0) != 0x80;
	return k;
}

/* 1 when a comment of event e is among the first n of v. */
static int event_taken(const struct comment *v, size_t n, const char *e)
{
	for (size_t i = 0; i < n; i++)
		if ((!e && !v[i].event) ||
		    (e && v[i].event && !strcmp(e, v[i].event)))
			return 1;
	return 0;
}

/*
 * The index in v[from..n) of the newest (longest: by length) comment,
 * of an event not among v[0..from) when fresh; n when there is none.
 */
static size_t pick(const struct comment *v, size_t from, size_t n,
		   int longest, int fresh)
{
	size_t best = n;

	for (size_t i = from; i < n; i++) {
		if (fresh && event_taken(v, from, v[i].event))
			continue;
		if (best == n || (longest && chars_of(v[i].text) >
				  chars_of(v[best].text)))
			best = i;
	}
	return best;
}

/*
 * Keeps k of the pool c (newest first): in turn the newest and the
 * longest not yet kept, from an event not yet heard while there is one;
 * then newest first again. Frees the rest.
 */
static void keep_few(struct comments *c, size_t k)
{
	size_t kept = 0;

	while (kept < k && kept < c->n) {
		int longest = kept % 2;
		size_t i = pick(c->v, kept, c->n, longest, 1);
		struct comment t;

		if (i == c->n)
			i = pick(c->v, kept, c->n, longest, 0);
		t = c->v[i];
		memmove(&c->v[kept + 1], &c->v[kept],
			(i - kept) * sizeof(*c->v));
		c->v[kept++] = t;
	}
	for (size_t i = kept; i < c->n; i++) {
		free(c->v[i].event);
		free(c->v[i].text);
	}
	c->n = kept;
	if (c->n > 1)
		qsort(c->v, c->n, sizeof(*c->v), cmp_newest);
}

/*
 * A few answers of key (REPORT_COMMENTS_FEW): the newest RP_POOL of each
 * event (and of the responses without one) make the pool to choose from,
 * so reading stays bounded whatever the number of responses.
 */
static int few_texts(struct rpt *r, const char *key)
{
	struct texts x = { r, NULL, rp_comments_of(r, key), -1, 0 };
	long pool = r->nev > 20 ? 2 : RP_POOL;

	for (size_t i = r->nev + 1; i-- > 0;)
		if (store_texts_newest(r->store, &r->o->scope,
				       i < r->nev ? r->ev[i].key : NULL, key,
				       pool, on_pool, &x) < 0)
			return -1;
	if (x.c->n > 1)
		qsort(x.c->v, x.c->n, sizeof(*x.c->v), cmp_newest);
	keep_few(x.c, (size_t)r->o->max_comments);
	if (x.c->total < (long)x.c->n)
		x.c->total = (long)x.c->n;
	x.c->more = x.c->total - (long)x.c->n;
	return 0;
}

int rp_texts_gather(struct rpt *r, const struct question *q, const char *key)
{
	if (strcmp(q->key, key))       /* Other answers: tallied, not listed */
		return newest_texts(r, q, key, r->o->comments ==
				    REPORT_COMMENTS_NEWEST ? r->o->max_comments
				    : RP_OTHER_MAX);
	if (q->type != Q_DATE && r->o->comments == REPORT_COMMENTS_FEW)
		return few_texts(r, key);
	return newest_texts(r, q, key, r->o->comments == REPORT_COMMENTS_NEWEST
				       ? r->o->max_comments : 0);
}

void rp_appendix(struct rpt *r)
{
	int started = 0;

	if (r->o->comments != REPORT_COMMENTS_ALL)
		return;
	for (size_t i = 0; i < r->form->nq; i++) {
		const struct question *q = &r->form->q[i];
		const struct comments *c = rp_comments(r, q->key);

		if (q->type != Q_TEXT || form_is_contact(q) || !c || !c->n)
			continue;
		if (!started) {
			rp_new_page(r);
			rp_heading(r, 0, "Appendix: all comments", 1);
			started = 1;
		}
		rp_heading(r, 1, q->label ? q->label : q->key, 1);
		rp_list_comments(r, q->key);
	}
}
