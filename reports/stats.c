/*
 * stats.c - report statistics: numeric and code distributions, their
 * summaries, and the per-event collection built from the store queries.
 */
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Index of the first value >= v. */
static size_t lower_bound(const struct numdist *d, double v)
{
	size_t lo = 0, hi = d->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->v[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void numdist_add(struct numdist *d, double v, long count)
{
	size_t i;

	if (count <= 0 || isnan(v))
		return;
	i = lower_bound(d, v);
	d->total += count;
	if (i < d->n && d->v[i] == v) {
		d->c[i] += count;
		return;
	}
	if (d->n + 1 > d->cap) {
		size_t cap = d->cap < 8 ? 8 : d->cap * 2;

		d->v = xrealloc(d->v, cap * sizeof(*d->v));
		d->c = xrealloc(d->c, cap * sizeof(*d->c));
		d->cap = cap;
	}
	memmove(d->v + i + 1, d->v + i, (d->n - i) * sizeof(*d->v));
	memmove(d->c + i + 1, d->c + i, (d->n - i) * sizeof(*d->c));
	d->v[i] = v;
	d->c[i] = count;
	d->n++;
}

long numdist_count(const struct numdist *d, double v)
{
	size_t i = lower_bound(d, v);

	return i < d->n && d->v[i] == v ? d->c[i] : 0;
}

void numdist_release(struct numdist *d)
{
	if (!d)
		return;
	free(d->v);
	free(d->c);
	memset(d, 0, sizeof(*d));
}

/* The value at 0-based rank r of the sorted answers. */
static double at_rank(const struct numdist *d, long r)
{
	long seen = 0;

	for (size_t i = 0; i < d->n; i++) {
		seen += d->c[i];
		if (r < seen)
			return d->v[i];
	}
	return d->n ? d->v[d->n - 1] : 0;
}

/* Median of the answers at ranks lo..hi-1. */
static double median_of(const struct numdist *d, long lo, long hi)
{
	long m = hi - lo;

	if (m <= 0)
		return 0;
	if (m % 2)
		return at_rank(d, lo + m / 2);
	return (at_rank(d, lo + m / 2 - 1) + at_rank(d, lo + m / 2)) / 2;
}

void stats_num(const struct numdist *d, struct numstats *out)
{
	double sum = 0, ss = 0;
	long n = d->total;

	memset(out, 0, sizeof(*out));
	if (n <= 0)
		return;
	out->n = n;
	for (size_t i = 0; i < d->n; i++)
		sum += d->v[i] * (double)d->c[i];
	out->mean = sum / (double)n;
	for (size_t i = 0; i < d->n; i++) {
		double dev = d->v[i] - out->mean;

		ss += dev * dev * (double)d->c[i];
	}
	out->sd = n > 1 ? sqrt(ss / (double)(n - 1)) : 0;
	out->min = d->v[0];
	out->max = d->v[d->n - 1];
	out->median = median_of(d, 0, n);
	out->q1 = median_of(d, 0, (n + 1) / 2);
	out->q3 = median_of(d, n / 2, n);
}

void stats_nps(const struct numdist *d, struct nps *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < d->n; i++) {
		double v = d->v[i];

		if (v < 0 || v > 10)
			continue;
		out->n += d->c[i];
		if (v >= 9)
			out->promoters += d->c[i];
		else if (v >= 7)
			out->passives += d->c[i];
		else
			out->detractors += d->c[i];
	}
	if (out->n)
		out->score = 100.0 * (double)(out->promoters - out->detractors) /
			     (double)out->n;
}

long stats_nps_rounded(const struct nps *n)
{
	long long num = 100LL * (n->promoters - n->detractors);
	long long den = n->n, mag;

	if (den <= 0)
		return 0;
	mag = ((num < 0 ? -num : num) * 2 + den) / (2 * den);
	return (long)(num < 0 ? -mag : mag);
}

void stats_nps_text(struct buf *b, const struct nps *n)
{
	long v = stats_nps_rounded(n);

	if (!n->n)
		buf_adds(b, "\xe2\x80\x93");
	else if (v)
		buf_addf(b, "%+ld", v);
	else
		buf_adds(b, "0");
}

void codedist_add(struct codedist *d, const char *code, long count)
{
	if (count <= 0 || !code)
		return;
	d->total += count;
	for (size_t i = 0; i < d->n; i++)
		if (!strcmp(d->v[i].code, code)) {
			d->v[i].count += count;
			return;
		}
	ALLOC_GROW(d->v, d->n + 1, d->cap);
	d->v[d->n].code = xstrdup(code);
	d->v[d->n].count = count;
	d->n++;
}

long codedist_count(const struct codedist *d, const char *code)
{
	for (size_t i = 0; i < d->n; i++)
		if (!strcmp(d->v[i].code, code))
			return d->v[i].count;
	return 0;
}

void codedist_release(struct codedist *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].code);
	free(d->v);
	memset(d, 0, sizeof(*d));
}

double stats_pct(long part, long whole)
{
	return whole > 0 ? 100.0 * (double)part / (double)whole : 0;
}

static void group_release(struct group *g)
{
	for (size_t i = 0; i < g->nk; i++) {
		free(g->k[i].key);
		codedist_release(&g->k[i].codes);
		numdist_release(&g->k[i].nums);
	}
	free(g->k);
	free(g->event);
	memset(g, 0, sizeof(*g));
}

void stats_init(struct stats *st)
{
	memset(st, 0, sizeof(*st));
}

void stats_release(struct stats *st)
{
	if (!st)
		return;
	group_release(&st->all);
	for (size_t i = 0; i < st->nev; i++)
		group_release(&st->ev[i]);
	free(st->ev);
	free(st->days);
	memset(st, 0, sizeof(*st));
}

const struct keystats *group_key(const struct group *g, const char *key)
{
	for (size_t i = 0; i < g->nk; i++)
		if (!strcmp(g->k[i].key, key))
			return &g->k[i];
	return NULL;
}

static struct keystats *group_key_add(struct group *g, const char *key)
{
	struct keystats *k = (struct keystats *)group_key(g, key);

	if (k)
		return k;
	ALLOC_GROW(g->k, g->nk + 1, g->capk);
	k = &g->k[g->nk++];
	memset(k, 0, sizeof(*k));
	k->key = xstrdup(key);
	return k;
}

const struct group *stats_event(const struct stats *st, const char *event)
{
	if (!event)
		return NULL;
	for (size_t i = 0; i < st->nev; i++)
		if (!strcmp(st->ev[i].event, event))
			return &st->ev[i];
	return NULL;
}

static struct group *event_group(struct stats *st, const char *event)
{
	struct group *g;

	if (!event)
		return NULL;
	g = (struct group *)stats_event(st, event);
	if (g)
		return g;
	ALLOC_GROW(st->ev, st->nev + 1, st->capev);
	g = &st->ev[st->nev++];
	memset(g, 0, sizeof(*g));
	g->event = xstrdup(event);
	return g;
}

void stats_add_responses(struct stats *st, const char *event, long count)
{
	struct group *g = event_group(st, event);

	st->all.responses += count;
	if (g)
		g->responses += count;
}

void stats_add_code(struct stats *st, const char *event, const char *key,
		    const char *code, long count)
{
	struct group *g = event_group(st, event);

	if (!key || !code)
		return;
	codedist_add(&group_key_add(&st->all, key)->codes, code, count);
	if (g)
		codedist_add(&group_key_add(g, key)->codes, code, count);
}

void stats_add_num(struct stats *st, const char *event, const char *key,
		   double v, long count)
{
	struct group *g = event_group(st, event);

	if (!key)
		return;
	numdist_add(&group_key_add(&st->all, key)->nums, v, count);
	if (g)
		numdist_add(&group_key_add(g, key)->nums, v, count);
}

void stats_add_day(struct stats *st, const char *day, long count)
{
	struct daycount *dc;

	if (!day || strlen(day) != 10)
		return;
	if (st->ndays && !strcmp(st->days[st->ndays - 1].day, day)) {
		st->days[st->ndays - 1].count += count;
		return;
	}
	ALLOC_GROW(st->days, st->ndays + 1, st->capdays);
	dc = &st->days[st->ndays++];
	memcpy(dc->day, day, 11);
	dc->count = count;
}

void stats_add_answered(struct stats *st, const char *event,
			const char *key, long count)
{
	struct group *g = event_group(st, event);

	if (!key || count <= 0)
		return;
	group_key_add(&st->all, key)->answered += count;
	if (g)
		group_key_add(g, key)->answered += count;
}

long stats_answered(const struct group *g, const char *key)
{
	const struct keystats *k = g ? group_key(g, key) : NULL;

	return k ? k->answered : 0;
}

static int on_response(void *ctx, const struct store_row *r)
{
	stats_add_responses(ctx, r->event, r->count);
	return 0;
}

static int on_code(void *ctx, const struct store_row *r)
{
	stats_add_code(ctx, r->event, r->key, r->code, r->count);
	return 0;
}

static int on_num(void *ctx, const struct store_row *r)
{
	stats_add_num(ctx, r->event, r->key, r->num, r->count);
	return 0;
}

static int on_day(void *ctx, const struct store_row *r)
{
	stats_add_day(ctx, r->text, r->count);
	return 0;
}

static int cmp_day(const void *a, const void *b)
{
	return strcmp(((const struct daycount *)a)->day,
		      ((const struct daycount *)b)->day);
}

int stats_collect(struct stats *st, struct store *s, const struct scope *sc)
{
	if (store_count_by_event(s, sc, on_response, st) ||
	    store_count_codes(s, sc, on_code, st) ||
	    store_count_numbers(s, sc, on_num, st) ||
	    store_count_days(s, sc, on_day, st))
		return -1;
	if (st->ndays > 1)
		qsort(st->days, st->ndays, sizeof(*st->days), cmp_day);
	return 0;
}
