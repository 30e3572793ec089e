/*
 * stats-findings.c - the key findings of a scope as short sentences,
 * each with its number and its n, computed from the counts of stats.c
 * and the per-event figures of stats-figures.c. Data, not layout: the
 * PDF's "Key findings" page prints them, and any other front end can.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "util.h"

#define EN_DASH "\xe2\x80\x93"
#define LQ "\xe2\x80\x9c"
#define RQ "\xe2\x80\x9d"

/* "1,234" */
static void count(struct buf *b, long n)
{
	char d[32];
	int len = snprintf(d, sizeof(d), "%ld", n < 0 ? -n : n);

	if (n < 0)
		buf_addc(b, '-');
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			buf_addc(b, ',');
		buf_addc(b, d[i]);
	}
}

/* "45%", "<1%" for a share above 0 that rounds to 0 */
static void pct(struct buf *b, double p)
{
	if (p > 0 && p < 0.5)
		buf_adds(b, "<1%");
	else
		buf_addf(b, "%.0f%%", p);
}

static void add(struct stats_findings *fs, struct buf *b)
{
	ALLOC_GROW(fs->v, fs->n + 1, fs->cap);
	fs->v[fs->n++] = buf_detach(b, NULL);
}

/* " (n = 1,234)" */
static void n_of(struct buf *b, long n)
{
	buf_adds(b, " (n = ");
	count(b, n);
	buf_addc(b, ')');
}

static void rate(struct stats_findings *fs, const struct stats *st,
		 const struct event *ev, size_t nev)
{
	struct buf b = BUF_INIT;
	long att = 0, resp = 0;
	size_t counted = 0;

	for (size_t i = 0; i < nev; i++) {
		const struct group *g = stats_event(st, ev[i].key);

		if (ev[i].attendees > 0) {
			att += ev[i].attendees;
			resp += g ? g->responses : 0;
			counted++;
		}
	}
	if (!att)
		return;
	buf_adds(&b, "Response rate ");
	pct(&b, stats_pct(resp, att));
	buf_adds(&b, ": ");
	count(&b, resp);
	buf_adds(&b, " responses from ");
	count(&b, att);
	buf_addf(&b, " attendees at %zu %s with a head count.", counted,
		 plural(counted, "event", "events"));
	add(fs, &b);
}

/* "up from" / "down from" / "level with" (against: "above" / "below") */
static const char *way(double now, double then, int against)
{
	if (now > then + 1e-9)
		return against ? "above" : "up from";
	if (now < then - 1e-9)
		return against ? "below" : "down from";
	return "level with";
}

/* The score or NPS of the scope, and of the latest event against the
 * previous one and the series average. */
static void score(struct stats_findings *fs, const struct stats_trend *t,
		  const struct stats_scores *all, int nps)
{
	struct buf b = BUF_INIT;
	const struct question *q = nps ? t->nps : t->rating;
	long n = nps ? all->nps.n : all->score.n;

	if (!q || !n)
		return;
	if (nps) {
		buf_adds(&b, "NPS ");
		stats_nps_text(&b, &all->nps);
	} else {
		buf_addf(&b, "Mean score %.2f of %g", all->score.mean, q->max);
	}
	n_of(&b, n);
	if (t->n >= 2) {
		const struct stats_event_row *last = &t->v[t->n - 1];
		const struct stats_event_row *prev = &t->v[t->n - 2];

		buf_addf(&b, "; the latest event, %s, ", last->e->title);
		if (nps) {
			stats_nps_text(&b, &last->s.nps);
			n_of(&b, last->s.nps.n);
			buf_addf(&b, ", %s ", way((double)stats_nps_rounded(
				 &last->s.nps), (double)stats_nps_rounded(
				 &prev->s.nps), 0));
			stats_nps_text(&b, &prev->s.nps);
			buf_adds(&b, " at the one before and ");
			buf_addf(&b, "%s the series' ", way((double)
				 stats_nps_rounded(&last->s.nps), (double)
				 stats_nps_rounded(&all->nps), 1));
			stats_nps_text(&b, &all->nps);
		} else {
			buf_addf(&b, "%.2f", last->s.score.mean);
			n_of(&b, last->s.score.n);
			buf_addf(&b, ", %s %.2f at the one before and %s the "
				 "series' %.2f", way(last->s.score.mean,
				 prev->s.score.mean, 0), prev->s.score.mean,
				 way(last->s.score.mean, all->score.mean, 1),
				 all->score.mean);
		}
	}
	buf_addc(&b, '.');
	add(fs, &b);
}

static void best_worst(struct stats_findings *fs, const struct stats_trend *t)
{
	const struct stats_event_row *hi = NULL, *lo = NULL;
	struct buf b = BUF_INIT;

	for (size_t i = 0; t->rating && i < t->n; i++) {
		const struct stats_event_row *e = &t->v[i];

		if (!e->s.score.n)
			continue;
		if (!hi || e->s.score.mean > hi->s.score.mean)
			hi = e;
		if (!lo || e->s.score.mean < lo->s.score.mean)
			lo = e;
	}
	if (!hi || hi == lo)
		return;
	buf_addf(&b, "Best rated: %s (%s), mean %.2f", hi->e->title,
		 hi->e->date, hi->s.score.mean);
	n_of(&b, hi->s.score.n);
	buf_addf(&b, "; lowest: %s (%s), mean %.2f", lo->e->title,
		 lo->e->date, lo->s.score.mean);
	n_of(&b, lo->s.score.n);
	buf_addc(&b, '.');
	add(fs, &b);
}

static void likert(struct stats_findings *fs, const struct group *g,
		   const struct question *q)
{
	struct stats_likert l;
	struct buf b = BUF_INIT;

	if (stats_likert_gather(&l, g, q) && l.n) {
		for (int k = 0; k < (l.n > 1 ? 2 : 1); k++) {
			const struct stats_likert_item *it =
				&l.v[k ? l.n - 1 : 0];

			buf_adds(&b, k ? "; lowest: " : l.ordinal ?
				 "Highest share: " : "Most agreement: ");
			buf_addf(&b, LQ "%s" RQ " ", it->item->label);
			pct(&b, it->agree_pct);
			buf_addc(&b, ' ');
			stats_likert_share_name(&l, STATS_SHARE_WORD, &b);
			n_of(&b, it->n);
		}
		buf_addc(&b, '.');
		add(fs, &b);
	}
	stats_likert_release(&l);
}

struct opt {
	const char *label;
	long count;
};

static int cmp_opt(const void *a, const void *b)
{
	const struct opt *x = a, *y = b;

	return x->count < y->count ? 1 : x->count > y->count ? -1 : 0;
}

/*
 * Options of choice or multi q, most given first: "Most chosen for
 * “label”: A 45%, B 30% (n = ...)"; choice questions also name the
 * least given (who the group reaches least).
 */
static void options(struct stats_findings *fs, const struct group *g,
		    const struct question *q)
{
	const struct keystats *k = group_key(g, q->key);
	const struct optlist *o = q->scale ? &q->scale->opts : &q->options;
	struct opt *v = xcalloc(o->n + 1, sizeof(*v));
	long base = q->type == Q_MULTI ? stats_answered(g, q->key)
		    : k ? k->codes.total : 0;
	struct buf b = BUF_INIT;
	size_t top = q->type == Q_MULTI ? 3 : 2;

	if (q->type == Q_CHOICE && q->other) {  /* as the question's section */
		buf_addf(&b, "%s_other", q->key);
		base += stats_answered(g, b.s);
		buf_reset(&b);
	}
	for (size_t i = 0; i < o->n; i++)
		v[i] = (struct opt){ o->v[i].label,
				     k ? codedist_count(&k->codes,
							o->v[i].code) : 0 };
	qsort(v, o->n, sizeof(*v), cmp_opt);
	if (!base || !o->n || !v[0].count)
		goto out;
	buf_addf(&b, "%s " LQ "%s" RQ ": ", q->type == Q_MULTI ?
		 "Most chosen for" : "Most common answer to", q->label);
	for (size_t i = 0; i < top && i < o->n && v[i].count; i++) {
		buf_addf(&b, "%s%s ", i ? ", " : "", v[i].label);
		pct(&b, stats_pct(v[i].count, base));
	}
	if (q->type == Q_CHOICE && o->n > top) {
		buf_addf(&b, "; fewest: %s ", v[o->n - 1].label);
		pct(&b, stats_pct(v[o->n - 1].count, base));
	}
	n_of(&b, base);
	buf_addc(&b, '.');
	add(fs, &b);
out:
	free(v);
	buf_release(&b);
}

/* 1 when a question asks for an email address only when q is yes. */
static int asks_contact(const struct form *f, const struct question *q)
{
	for (size_t i = 0; i < f->nq; i++) {
		const struct cond *c = f->q[i].show_if;

		if (f->q[i].type == Q_EMAIL && c && c->key &&
		    !strcmp(c->key, q->key))
			return 1;
	}
	return 0;
}

/* Yes/no q: "132 of 2,000 (7%) asked to be contacted" or "… said yes". */
static void yes(struct stats_findings *fs, const struct form *f,
		const struct group *g, const struct question *q)
{
	const struct keystats *k = group_key(g, q->key);
	long y = k ? codedist_count(&k->codes, "yes") : 0;
	long n = k ? k->codes.total : 0;
	struct buf b = BUF_INIT;

	if (!n)
		return;
	count(&b, y);
	buf_adds(&b, " of ");
	count(&b, n);
	buf_adds(&b, " (");
	pct(&b, stats_pct(y, n));
	if (asks_contact(f, q))
		buf_adds(&b, ") asked to be contacted; they are listed on the "
			 "committee area's Follow-up page, not in this "
			 "report.");
	else if (form_follow_up_key(f, q))
		buf_addf(&b, ") said yes to " LQ "%s" RQ "; they are listed on "
			 "the committee area's Follow-up page.", q->label);
	else
		buf_addf(&b, ") said yes to " LQ "%s" RQ ".", q->label);
	add(fs, &b);
}

void stats_findings_gather(struct stats_findings *fs, const struct form *f,
			   const struct stats *st, const struct stats_trend *t,
			   const struct event *ev, size_t nev)
{
	struct stats_scores all;
	int multi = 0;

	memset(fs, 0, sizeof(*fs));
	if (!st->all.responses)
		return;
	stats_scores(&all, f, &st->all);
	if (f->per_event)
		rate(fs, st, ev, nev);
	score(fs, t, &all, 0);
	score(fs, t, &all, 1);
	best_worst(fs, t);
	for (size_t i = 0; i < f->nq; i++) {
		const struct question *q = &f->q[i];

		if (q->type == Q_LIKERT)
			likert(fs, &st->all, q);
		else if (q->type == Q_MULTI && (!multi++ || !f->per_event))
			options(fs, &st->all, q);
		else if (q->type == Q_CHOICE && !f->per_event)
			options(fs, &st->all, q);
		else if (q->type == Q_YESNO)
			yes(fs, f, &st->all, q);
	}
}

void stats_findings_release(struct stats_findings *fs)
{
	if (!fs)
		return;
	for (size_t i = 0; i < fs->n; i++)
		free(fs->v[i]);
	free(fs->v);
	memset(fs, 0, sizeof(*fs));
}
