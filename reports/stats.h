/*
 * stats.h - statistics for reports: distributions of numeric answers and
 * option codes, their summaries (mean, median, quartiles, NPS), and the
 * collection of every count a report needs from the store queries.
 * Pure arithmetic except stats_collect(), which reads the store.
 */
#ifndef SIGSURVEY_STATS_H
#define SIGSURVEY_STATS_H

#include <stddef.h>

#include "store.h"

/* Distinct numeric values, ascending, with how often each was given. */
struct numdist {
	double *v;
	long *c;
	size_t n, cap;
	long total;            /* sum of c */
};

/* Adds count answers of value v (merged with an equal value). */
void numdist_add(struct numdist *d, double v, long count);
void numdist_release(struct numdist *d);
/* How often exactly v was given. */
long numdist_count(const struct numdist *d, double v);

struct numstats {
	long n;                /* 0: every other field is 0 */
	double mean, median, sd, min, max, q1, q3;
};

/*
 * Summary of d. The median of an even count is the mean of the two middle
 * values; quartiles are medians of the lower and upper halves
 * (Tukey's hinges); sd is the sample standard deviation (0 when n < 2).
 */
void stats_num(const struct numdist *d, struct numstats *out);

struct nps {
	long n, promoters, passives, detractors;   /* 9-10, 7-8, 0-6 */
	double score;          /* % promoters - % detractors, -100..100 */
};

/* NPS of 0..10 answers in d (values outside 0..10 are ignored). */
void stats_nps(const struct numdist *d, struct nps *out);

/* Option codes with counts, in the order first seen. */
struct codecount {
	char *code;
	long count;
};

struct codedist {
	struct codecount *v;
	size_t n, cap;
	long total;
};

void codedist_add(struct codedist *d, const char *code, long count);
long codedist_count(const struct codedist *d, const char *code);
void codedist_release(struct codedist *d);

/* Percentage of part in whole, 0 when whole is 0. */
double stats_pct(long part, long whole);

/* Everything counted for one answer key within one group. */
struct keystats {
	char *key;
	struct codedist codes;
	struct numdist nums;
	long answered;         /* respondents, from stats_add_answered() */
};

/* One group of responses: one event, or the whole scope. */
struct group {
	char *event;           /* event key; NULL: the whole scope */
	long responses;
	struct keystats *k;
	size_t nk, capk;
};

struct daycount {
	char day[11];          /* YYYY-MM-DD */
	long count;
};

struct stats {
	struct group all;
	struct group *ev;      /* per event, in the order first seen */
	size_t nev, capev;
	struct daycount *days; /* ascending */
	size_t ndays, capdays;
};

void stats_init(struct stats *st);
void stats_release(struct stats *st);

/* The counts of key in g, or NULL when nothing was counted for it. */
const struct keystats *group_key(const struct group *g, const char *key);
/* The group of event key in st, or NULL. */
const struct group *stats_event(const struct stats *st, const char *event);

/*
 * Feeding rows by hand (stats_collect does it from the store; tests and
 * the admin area may too). event NULL counts only into st->all.
 */
void stats_add_responses(struct stats *st, const char *event, long count);
void stats_add_code(struct stats *st, const char *event, const char *key,
		    const char *code, long count);
void stats_add_num(struct stats *st, const char *event, const char *key,
		   double v, long count);
void stats_add_day(struct stats *st, const char *day, long count);
/*
 * Adds count respondents of key (rows of store_count_answered(): the
 * responses that answered a multi question, however many options each
 * ticked). stats_collect() does not count them: the caller chooses the
 * keys.
 */
void stats_add_answered(struct stats *st, const char *event,
			const char *key, long count);
/* The respondents of key in g counted so; 0 when none. */
long stats_answered(const struct group *g, const char *key);

/*
 * Fills st (initialised by the caller) with the response, code, number
 * and per-day counts of scope sc. Returns 0, or -1 (logged).
 */
int stats_collect(struct stats *st, struct store *s, const struct scope *sc);

#endif
