/*
 * demo.h - what `sigsurvey demo` is made of: a small reproducible PRNG,
 * the text pools (demo-text.c) and the generator that answers a form the
 * way a respondent would (demo-gen.c). Shared by cmd-demo.c and its tests.
 */
#ifndef SIGSURVEY_DEMO_H
#define SIGSURVEY_DEMO_H

#include <stddef.h>
#include <stdint.h>

#include "answer.h"
#include "form.h"

/* splitmix64: tiny, fast, the same stream on every machine. */
struct rng {
	uint64_t s;
};

void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
double rng_unit(struct rng *r);                   /* [0, 1) */
long rng_range(struct rng *r, long lo, long hi);  /* lo..hi inclusive */
double rng_normal(struct rng *r);                 /* mean 0, sd 1 */
/* One of n strings, or NULL when n is 0. */
const char *rng_pick(struct rng *r, const char *const *v, size_t n);

/* ---- text pools (demo-text.c) ---- */

struct pool {
	const char *const *v;
	size_t n;
};

struct demo_title {
	const char *title;
	const char *slug;
	const char *series;        /* NULL: not part of a series */
	const char *format;        /* in_person, webinar, hybrid */
};

extern const struct demo_title demo_titles[];
extern const size_t demo_ntitles;
extern const struct pool demo_presenters;
extern const struct pool demo_venues;           /* in-person locations */
extern const struct pool demo_email_users;       /* ASCII local parts */
extern const struct pool demo_email_domains;

/*
 * The pool of free-text answers for answer key k (a question key or
 * <key>_other), or a general pool when k is not one the demo knows.
 * other is 1 for the short "Other" texts.
 */
const struct pool *demo_text_pool(const char *k, int other);

/* ---- generator (demo-gen.c) ---- */

/*
 * One generated response: the fields a respondent's browser would post.
 * Values point at the form, the pools or own storage; release with
 * demo_resp_release().
 */
struct demo_resp {
	struct field *f;
	size_t n, cap;
	char **own;                /* values made up for this response */
	size_t nown, capown;
};

/*
 * Answers form f like one respondent whose sentiment is mood (0 worst,
 * 1 best): required questions always, optional ones sometimes skipped,
 * show_if respected, dates up to today (YYYY-MM-DD). Fills *out (reset
 * first).
 */
void demo_answer(struct rng *r, const struct form *f, double mood,
		 const char *today, struct demo_resp *out);
void demo_resp_release(struct demo_resp *d);

/* Days since 1970-01-01 for a valid YYYY-MM-DD date (see date.h). */
long demo_days(const char *date);

#endif
