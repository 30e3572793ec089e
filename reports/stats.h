/*
 * stats.h - statistics for reports: distributions of numeric answers and
 * option codes, their summaries (mean, median, quartiles, NPS), and the
 * collection of every count a report needs from the store queries.
 * Pure arithmetic except stats_collect(), which reads the store.
 *
 * The figures that both the PDF report and the admin summary page show
 * (per-event scores, the small-group rule, Likert agreement) are
 * gathered here once, as plain data (stats-figures.c); both front ends
 * only render them.
 */
#ifndef SIGSURVEY_STATS_H
#define SIGSURVEY_STATS_H

#include <stddef.h>

#include "buf.h"
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

/*
 * Net Promoter Score of 0..10 answers in d (values outside 0..10 are
 * ignored), as Reichheld defined it (Bain & Company, HBR 2003): the
 * percentage of promoters (9-10) minus the percentage of detractors
 * (0-6), so -100..100; 0 when nobody answered.
 */
void stats_nps(const struct numdist *d, struct nps *out);
/*
 * The score of n rounded once, from the unrounded shares, half away
 * from zero (12.5 is 13, -12.5 is -13); 0 when nobody answered.
 */
long stats_nps_rounded(const struct nps *n);
/*
 * Appends the rounded score as the PDF and the summary page print it:
 * "+13", "-4", "0" (never "+0" or "-0"), or an en dash when n->n is 0.
 */
void stats_nps_text(struct buf *b, const struct nps *n);

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

/* Percentage of part in whole (0..100 for 0 <= part <= whole), 0 when
 * whole is 0. */
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

/* ---- figures shown by the PDF and the admin summary (stats-figures.c) ---- */

/*
 * The small-group rule: an event with fewer responses than this gets no
 * figures of its own (its responses count in the totals only). The
 * default of the report's --min-group, and the admin summary's threshold.
 */
#define STATS_MIN_GROUP 5

/*
 * 1 when a group of n responses gets figures of its own: n > 0 and
 * n >= min_group. An empty group is neither shown nor small.
 */
int stats_group_shown(long n, long min_group);
/* 1 when a group of n responses is under the rule: 0 < n < min_group. */
int stats_group_small(long n, long min_group);

/* The first question of type t in f (borrowed), or NULL. */
const struct question *stats_first_question(const struct form *f,
					    enum qtype t);

/*
 * The headline figures of one group (an event or the whole scope): the
 * "score" is the form's first rating question, the NPS its first NPS
 * question. score.n / nps.n are 0 when the form has no such question or
 * nobody in the group answered it.
 */
struct stats_scores {
	long responses;
	struct numstats score;
	struct nps nps;
};

/* Fills out from g (NULL: an empty group). Nothing to release. */
void stats_scores(struct stats_scores *out, const struct form *f,
		  const struct group *g);

/* One event's row of a per-event table. */
struct stats_event_row {
	const struct event *e;     /* borrowed from the caller's array */
	struct stats_scores s;
};

/*
 * The per-event figures of a scope ("Summary by event" in the PDF, "Per
 * event" on the summary page): the events that pass the small-group
 * rule, with their scores.
 */
struct stats_trend {
	const struct question *rating, *nps;   /* borrowed from f; or NULL */
	struct stats_event_row *v;  /* shown events, in the order of ev */
	size_t n;
	size_t hidden;             /* events with 0 < responses < min_group */
	long min_group;
};

/*
 * Fills t (any previous content is not freed) from the counts in st for
 * the nev events ev (date order, as store_scope_events() gives them).
 * t borrows f, st and ev: they must outlive it. Release with
 * stats_trend_release(). Cannot fail (out of memory aborts).
 */
void stats_trend_gather(struct stats_trend *t, const struct form *f,
			const struct stats *st, const struct event *ev,
			size_t nev, long min_group);
/* 1 when event key is among t's shown events. */
int stats_trend_shown(const struct stats_trend *t, const char *event);
void stats_trend_release(struct stats_trend *t);   /* accepts NULL */

/*
 * One statement of a Likert battery. Its share is the top box: the
 * answers in the upper half of the levels, the middle level left out
 * when their number is odd. On a bipolar scale (strongly disagree ..
 * strongly agree) that is agreement, the "top-two box"; on an ordinal
 * one (no need .. urgent need) the share at the first upper level or
 * above ("at High need or above"), never called agreement.
 */
struct stats_likert_item {
	const struct form_option *item;   /* borrowed from the question */
	const struct codedist *codes;     /* borrowed from st; NULL: none */
	size_t at;                 /* its place in the form, 0-based */
	long n;                    /* answers to this statement */
	long agree;                /* of them, in the upper half (the
				      share: agreement when bipolar) */
	double agree_pct;          /* agree as a percentage of n, 0..100 */
};

struct stats_likert {
	const struct optlist *levels;     /* borrowed: the scale, low to high */
	struct stats_likert_item *v;      /* by agree_pct descending, ties in
					     form order */
	size_t n;
	long most;                 /* the largest n: 0 when nobody answered */
	int ordinal;               /* 1: an ordinal scale (stacked bars, "at
				      LEVEL or above"); 0: bipolar (diverging
				      bars, "agree") */
	size_t from;               /* the first level counted in the share */
};

/*
 * What the share of l is called, the same words in the PDF and on the
 * summary page. word: "agree" or "at High need or above" (after "76% ");
 * head: "Agreeing" or "High need or above" (a column heading); sorted:
 * the note on the order ("the share agreeing" / "the share at High need
 * or above"). Appends to b.
 */
enum stats_share_words { STATS_SHARE_WORD, STATS_SHARE_HEAD,
			 STATS_SHARE_SORTED };
void stats_likert_share_name(const struct stats_likert *l,
			     enum stats_share_words w, struct buf *b);

/*
 * Fills l with the statements of Likert question q counted in g (NULL:
 * none answered). l borrows q and g. Release with
 * stats_likert_release(). Returns l->most.
 */
long stats_likert_gather(struct stats_likert *l, const struct group *g,
			 const struct question *q);
/* Answers of statement i (in l's order) at level j of l->levels. */
long stats_likert_count(const struct stats_likert *l, size_t i, size_t j);
/* The same as a percentage of the statement's answers, 0..100. */
double stats_likert_pct(const struct stats_likert *l, size_t i, size_t j);
void stats_likert_release(struct stats_likert *l);   /* accepts NULL */

/* ---- key findings (stats-findings.c) ---- */

/* Short sentences, each with its number and n; strings owned by the list. */
struct stats_findings {
	char **v;
	size_t n, cap;
};

/*
 * The key findings of a scope from its counts st (with the respondents
 * of every KEY_other box added by stats_add_answered(), so that a
 * choice's shares are of all who answered it, Other included), its per-event figures
 * t and its nev events ev (date order): the response rate; the mean
 * score and the NPS, the latest event against the previous one and the
 * series; the best- and worst-rated events; the statements with the
 * highest and lowest share; the options most chosen (a standing form's
 * choices also the least: who the group reaches least); the yes/no
 * answers, as "asked to be contacted" when an email question depends on
 * one. Empty when st has no responses. Release with
 * stats_findings_release().
 */
void stats_findings_gather(struct stats_findings *fs, const struct form *f,
			   const struct stats *st, const struct stats_trend *t,
			   const struct event *ev, size_t nev);
void stats_findings_release(struct stats_findings *fs);   /* accepts NULL */

#endif
