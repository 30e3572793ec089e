/*
 * demo-gen.c - answers any form the way a respondent would, from the form
 * model alone (question types, options, bounds, show_if) plus text pools
 * for the answer keys the demo knows; and the PRNG and date helpers it
 * needs. Everything is driven by struct rng, so a seed fixes the output.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "demo.h"
#include "util.h"

/* ---- PRNG ---- */

void rng_seed(struct rng *r, uint64_t seed)
{
	r->s = seed;
}

uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

double rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

long rng_range(struct rng *r, long lo, long hi)
{
	if (hi <= lo)
		return lo;
	return lo + (long)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

double rng_normal(struct rng *r)
{
	double u1 = 1.0 - rng_unit(r), u2 = rng_unit(r);

	return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

const char *rng_pick(struct rng *r, const char *const *v, size_t n)
{
	return n ? v[rng_next(r) % n] : NULL;
}

/* Days since 1970-01-01 of a date already checked (date_valid()). */
long demo_days(const char *date)
{
	long z = 0;

	date_ymd_days(date, &z);
	return z;
}

/* ---- the response being built ---- */

void demo_resp_release(struct demo_resp *d)
{
	for (size_t i = 0; i < d->nown; i++)
		free(d->own[i]);
	free(d->own);
	free(d->f);
	memset(d, 0, sizeof(*d));
}

static void resp_reset(struct demo_resp *d)
{
	for (size_t i = 0; i < d->nown; i++)
		free(d->own[i]);
	d->nown = 0;
	d->n = 0;
}

static void put(struct demo_resp *d, const char *name, const char *value)
{
	ALLOC_GROW(d->f, d->n + 1, d->cap);
	d->f[d->n].name = name;
	d->f[d->n].value = value;
	d->f[d->n].len = strlen(value);
	d->n++;
}

/* Like put(), but value (and name, when own_name) belong to the response. */
static void put_own(struct demo_resp *d, const char *name, int own_name,
		    char *value)
{
	ALLOC_GROW(d->own, d->nown + 2, d->capown);
	if (own_name)
		d->own[d->nown++] = (char *)name;
	d->own[d->nown++] = value;
	put(d, name, value);
}

static void put_num(struct demo_resp *d, const char *name, double v,
		    int decimal)
{
	struct buf b = BUF_INIT;

	if (decimal)
		buf_addf(&b, "%.1f", v);
	else
		buf_addf(&b, "%ld", (long)v);
	put_own(d, name, 0, buf_detach(&b, NULL));
}

/* ---- helpers ---- */

static double clamp(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

/* A fixed number in [0, 1) for a pair of strings: per-option tastes. */
static double taste(const char *a, const char *b)
{
	uint64_t h = UINT64_C(1469598103934665603);

	for (; *a; a++)
		h = (h ^ (unsigned char)*a) * UINT64_C(1099511628211);
	h = (h ^ '/') * UINT64_C(1099511628211);
	for (; *b; b++)
		h = (h ^ (unsigned char)*b) * UINT64_C(1099511628211);
	h ^= h >> 29;
	h *= UINT64_C(0xbf58476d1ce4e5b9);
	h ^= h >> 32;
	return (double)(h >> 11) * (1.0 / 9007199254740992.0);
}

static const struct optlist *choices(const struct question *q)
{
	if (q->options.n || !q->scale)
		return &q->options;
	return &q->scale->opts;
}

/* One option, weighted by a fixed taste per option so answers are skewed. */
static const char *weighted(struct rng *r, const struct question *q,
			    const struct optlist *o)
{
	double total = 0, x;

	for (size_t i = 0; i < o->n; i++) {
		double t = 0.15 + taste(q->key, o->v[i].code);

		total += t * t;
	}
	x = rng_unit(r) * total;
	for (size_t i = 0; i < o->n; i++) {
		double t = 0.15 + taste(q->key, o->v[i].code);

		if (x < t * t)
			return o->v[i].code;
		x -= t * t;
	}
	return o->n ? o->v[o->n - 1].code : NULL;
}

/* Chance of "yes" for the yes/no questions the demo knows. */
static double yes_chance(const char *key)
{
	static const struct {
		const char *key;
		double p;
	} t[] = {
		{ "wants_reply", 0.12 }, { "would_present", 0.18 },
		{ "would_mentor", 0.22 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(t); i++)
		if (!strcmp(t[i].key, key))
			return t[i].p;
	return 0.4;
}

/* Cuts s to at most max UTF-8 characters (at a character boundary). */
static void cut_chars(struct buf *b, size_t max)
{
	size_t chars = 0, i;

	for (i = 0; i < b->len; i++) {
		if (((unsigned char)b->s[i] & 0xc0) != 0x80 && chars++ == max)
			break;
	}
	while (i > 0 && b->s[i - 1] == ' ')
		i--;
	buf_setlen(b, i);
}

/*
 * A free-text answer for key from its pool: sometimes two entries for a
 * long text, cut to max characters. Returns a new string, or NULL when
 * nothing in the pool fits the question's pattern.
 */
static char *make_text(struct rng *r, const struct question *q,
		       const char *key, int other, size_t max, int chatty)
{
	const struct pool *p = demo_text_pool(key, other);
	struct buf b = BUF_INIT;
	size_t start = (size_t)rng_next(r) % p->n;

	if (q->pattern && !other) {
		for (size_t k = 0; k < p->n; k++) {
			const char *s = p->v[(start + k) % p->n];

			if (answer_matches(q->pattern, s))
				return xstrdup(s);
		}
		return NULL;
	}
	buf_adds(&b, p->v[start]);
	if (!other && q->long_text && chatty && p->n > 1) {
		buf_addc(&b, ' ');
		buf_adds(&b, p->v[(start + 1 + (size_t)rng_next(r) %
					     (p->n - 1)) % p->n]);
	}
	cut_chars(&b, max);
	return buf_detach(&b, NULL);
}

static char *own_key(const char *key, const char *suffix)
{
	struct buf b = BUF_INIT;

	buf_addf(&b, "%s%s", key, suffix);
	return buf_detach(&b, NULL);
}

/* ---- per type ---- */

static void gen_choice(struct rng *r, const struct question *q,
		       struct demo_resp *d)
{
	if (q->other && rng_unit(r) < 0.05) {
		char *k = own_key(q->key, "_other");

		put_own(d, k, 1, make_text(r, q, k, 1, 200, 0));
		return;
	}
	put(d, q->key, weighted(r, q, choices(q)));
}

static void gen_multi(struct rng *r, const struct question *q,
		      struct demo_resp *d)
{
	const struct optlist *o = choices(q);
	size_t before = d->n;

	for (size_t i = 0; i < o->n; i++)
		if (rng_unit(r) < 0.08 + 0.45 * taste(q->key, o->v[i].code))
			put(d, q->key, o->v[i].code);
	if (q->other && rng_unit(r) < 0.07) {
		char *k = own_key(q->key, "_other");

		put_own(d, k, 1, make_text(r, q, k, 1, 200, 0));
	}
	if (d->n == before && q->required && o->n)
		put(d, q->key, weighted(r, q, o));
}

static void gen_likert(struct rng *r, const struct question *q, double mood,
		       struct demo_resp *d)
{
	const struct optlist *s = q->scale ? &q->scale->opts : &q->options;

	if (!s->n)
		return;
	for (size_t i = 0; i < q->items.n; i++) {
		const char *ik = q->items.v[i].code;
		double bias = taste(q->key, ik) * 0.8 - 0.4;
		long idx;

		if (!q->required && rng_unit(r) < 0.04)
			continue;
		idx = lround((double)(s->n - 1) * mood + bias +
			     0.6 * rng_normal(r));
		idx = (long)clamp((double)idx, 0, (double)(s->n - 1));
		put(d, ik, s->v[idx].code);
	}
}

static void gen_number(struct rng *r, const struct question *q, double mood,
		       struct demo_resp *d)
{
	double lo = q->has_min ? q->min : 0, hi = q->has_max ? q->max : lo + 100;
	double v;

	if (q->type == Q_NPS) {
		v = lround(10.0 * pow(mood, 0.7) + 1.1 * rng_normal(r));
		v = clamp(v, 0, 10);
	} else if (q->type == Q_RATING) {
		if (!q->has_min)
			lo = 1;
		if (!q->has_max)
			hi = 5;
		v = lround(lo + (hi - lo) * mood + 0.6 * rng_normal(r));
		v = clamp(v, lo, hi);
	} else {
		/* most people near the bottom of the range: years, counts */
		v = lo + (hi - lo) * pow(rng_unit(r), 2.5);
		if (!q->decimal)
			v = floor(v);
		else
			v = floor(v * 10) / 10;
		v = clamp(v, ceil(lo), hi);
	}
	put_num(d, q->key, v, q->type == Q_NUMBER && q->decimal);
}

static void gen_date(struct rng *r, const struct question *q,
		     const char *today, struct demo_resp *d)
{
	long hi = demo_days(today), lo;
	char buf[11];

	if (q->max_date && demo_days(q->max_date) < hi)
		hi = demo_days(q->max_date);
	lo = hi - 3 * 365;                 /* the last three years ... */
	if (q->min_date && demo_days(q->min_date) > lo)
		lo = demo_days(q->min_date);
	if (lo > hi)                       /* ... or a range in the future */
		hi = q->max_date ? demo_days(q->max_date) : lo + 365;
	date_days_ymd(rng_range(r, lo, hi), buf);
	put_own(d, q->key, 0, xstrdup(buf));
}

static void gen_email(struct rng *r, const struct question *q,
		      struct demo_resp *d)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, rng_pick(r, demo_email_users.v, demo_email_users.n));
	if (rng_unit(r) < 0.3)
		buf_addf(&b, "%ld", rng_range(r, 1, 99));
	buf_addc(&b, '@');
	buf_adds(&b, rng_pick(r, demo_email_domains.v, demo_email_domains.n));
	put_own(d, q->key, 0, buf_detach(&b, NULL));
}

static void gen_text(struct rng *r, const struct question *q, int chatty,
		     struct demo_resp *d)
{
	size_t max = q->max_length ? q->max_length
				   : q->long_text ? 2000 : 200;
	char *t = make_text(r, q, q->key, 0, max, chatty);

	if (!t)
		return;
	put_own(d, q->key, 0, t);
}

/*
 * Chance that an optional question is left blank: free text far more
 * often than a tick, and "what worked" / "what to improve" with the mood.
 */
static double skip_chance(const struct question *q, double skip, double mood)
{
	if (q->type != Q_TEXT)
		return q->type == Q_EMAIL ? 0.08 : skip;
	if (!strcmp(q->key, "worked"))
		return 0.8 - 0.45 * mood;
	if (!strcmp(q->key, "improve") || !strcmp(q->key, "comments"))
		return 0.4 + 0.45 * mood;
	return 0.35 + skip;
}

void demo_answer(struct rng *r, const struct form *f, double mood,
		 const char *today, struct demo_resp *out)
{
	double skip = 0.08 + 0.22 * rng_unit(r);   /* this person's habit */
	int chatty = rng_unit(r) < 0.3;

	resp_reset(out);
	mood = clamp(mood, 0, 1);
	for (size_t i = 0; i < f->nq; i++) {
		const struct question *q = &f->q[i];

		if (q->type == Q_SECTION || !cond_eval(q->show_if, out->f,
						       out->n))
			continue;
		if (!q->required && rng_unit(r) < skip_chance(q, skip, mood))
			continue;
		switch (q->type) {
		case Q_CHOICE:
			gen_choice(r, q, out);
			break;
		case Q_MULTI:
			gen_multi(r, q, out);
			break;
		case Q_YESNO:
			put(out, q->key, rng_unit(r) < yes_chance(q->key)
						 ? "yes" : "no");
			break;
		case Q_LIKERT:
			gen_likert(r, q, mood, out);
			break;
		case Q_RATING:
		case Q_NPS:
		case Q_NUMBER:
			gen_number(r, q, mood, out);
			break;
		case Q_DATE:
			gen_date(r, q, today, out);
			break;
		case Q_EMAIL:
			gen_email(r, q, out);
			break;
		case Q_TEXT:
			gen_text(r, q, chatty, out);
			break;
		case Q_SECTION:
			break;
		}
	}
}
