/*
 * stats-figures.c - the figures that the PDF report and the admin
 * summary page both show, gathered once from the counts of stats.c:
 * the small-group rule, the scores per event, Likert agreement.
 */
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "util.h"

int stats_group_shown(long n, long min_group)
{
	return n > 0 && n >= min_group;
}

int stats_group_small(long n, long min_group)
{
	return n > 0 && n < min_group;
}

const struct question *stats_first_question(const struct form *f,
					    enum qtype t)
{
	for (size_t i = 0; f && i < f->nq; i++)
		if (f->q[i].type == t)
			return &f->q[i];
	return NULL;
}

/* The scores of g for the questions qr (rating) and qn (NPS). */
static void scores_of(struct stats_scores *out, const struct question *qr,
		      const struct question *qn, const struct group *g)
{
	const struct keystats *k;

	memset(out, 0, sizeof(*out));
	if (!g)
		return;
	out->responses = g->responses;
	if (qr && (k = group_key(g, qr->key)))
		stats_num(&k->nums, &out->score);
	if (qn && (k = group_key(g, qn->key)))
		stats_nps(&k->nums, &out->nps);
}

void stats_scores(struct stats_scores *out, const struct form *f,
		  const struct group *g)
{
	scores_of(out, stats_first_question(f, Q_RATING),
		  stats_first_question(f, Q_NPS), g);
}

void stats_trend_gather(struct stats_trend *t, const struct form *f,
			const struct stats *st, const struct event *ev,
			size_t nev, long min_group)
{
	memset(t, 0, sizeof(*t));
	t->rating = stats_first_question(f, Q_RATING);
	t->nps = stats_first_question(f, Q_NPS);
	t->min_group = min_group;
	t->v = xcalloc(nev + 1, sizeof(*t->v));
	for (size_t i = 0; i < nev; i++) {
		const struct group *g = stats_event(st, ev[i].key);
		long n = g ? g->responses : 0;

		if (stats_group_small(n, min_group))
			t->hidden++;
		if (!stats_group_shown(n, min_group))
			continue;
		t->v[t->n].e = &ev[i];
		scores_of(&t->v[t->n].s, t->rating, t->nps, g);
		t->n++;
	}
}

int stats_trend_shown(const struct stats_trend *t, const char *event)
{
	for (size_t i = 0; event && i < t->n; i++)
		if (!strcmp(t->v[i].e->key, event))
			return 1;
	return 0;
}

void stats_trend_release(struct stats_trend *t)
{
	if (!t)
		return;
	free(t->v);
	memset(t, 0, sizeof(*t));
}

static int cmp_item(const void *a, const void *b)
{
	const struct stats_likert_item *x = a, *y = b;

	if (x->agree_pct != y->agree_pct)
		return x->agree_pct < y->agree_pct ? 1 : -1;
	return x->at < y->at ? -1 : x->at > y->at;
}

long stats_likert_gather(struct stats_likert *l, const struct group *g,
			 const struct question *q)
{
	const struct optlist *lv = q->scale ? &q->scale->opts : &q->options;
	size_t L = lv->n;

	memset(l, 0, sizeof(*l));
	l->levels = lv;
	l->ordinal = q->scale && q->scale->kind == SCALE_ORDINAL;
	l->from = L / 2 + L % 2;
	l->n = q->items.n;
	l->v = xcalloc(l->n + 1, sizeof(*l->v));
	for (size_t i = 0; i < l->n; i++) {
		struct stats_likert_item *it = &l->v[i];
		const struct keystats *k = g ? group_key(g, q->items.v[i].code)
					     : NULL;

		it->item = &q->items.v[i];
		it->at = i;
		it->codes = k ? &k->codes : NULL;
		it->n = k ? k->codes.total : 0;
		for (size_t j = l->from; it->codes && j < L; j++)
			it->agree += codedist_count(it->codes, lv->v[j].code);
		it->agree_pct = stats_pct(it->agree, it->n);
		if (it->n > l->most)
			l->most = it->n;
	}
	qsort(l->v, l->n, sizeof(*l->v), cmp_item);
	return l->most;
}

long stats_likert_count(const struct stats_likert *l, size_t i, size_t j)
{
	const struct stats_likert_item *it = &l->v[i];

	return it->codes && j < l->levels->n
		       ? codedist_count(it->codes, l->levels->v[j].code)
		       : 0;
}

double stats_likert_pct(const struct stats_likert *l, size_t i, size_t j)
{
	return stats_pct(stats_likert_count(l, i, j), l->v[i].n);
}

void stats_likert_share_name(const struct stats_likert *l,
			     enum stats_share_words w, struct buf *b)
{
	const char *lv = l->from < l->levels->n
				 ? l->levels->v[l->from].label : "the top";

	if (!l->ordinal)
		buf_adds(b, w == STATS_SHARE_WORD ? "agree"
			 : w == STATS_SHARE_HEAD ? "Agreeing"
			 : "the share agreeing");
	else if (w == STATS_SHARE_WORD)
		buf_addf(b, "at %s or above", lv);
	else if (w == STATS_SHARE_HEAD)
		buf_addf(b, "%s or above", lv);
	else
		buf_addf(b, "the share at %s or above", lv);
}

void stats_likert_release(struct stats_likert *l)
{
	if (!l)
		return;
	free(l->v);
	memset(l, 0, sizeof(*l));
}
