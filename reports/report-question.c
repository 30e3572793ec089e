/*
 * report-question.c - one report section per question: a chart from the
 * counts, the numbers under it, trends across events, and the comments.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "report-int.h"
#include "util.h"

static const struct numdist no_nums;
static const struct codedist no_codes;

const struct optlist *rp_choices(const struct question *q)
{
	if (q->type == Q_LIKERT || (q->type == Q_CHOICE && q->scale))
		return q->scale ? &q->scale->opts : &q->options;
	return &q->options;
}

const struct numdist *rp_nums(const struct group *g, const char *key)
{
	const struct keystats *k = g ? group_key(g, key) : NULL;

	return k ? &k->nums : &no_nums;
}

const struct codedist *rp_codes(const struct group *g, const char *key)
{
	const struct keystats *k = g ? group_key(g, key) : NULL;

	return k ? &k->codes : &no_codes;
}

const struct comments *rp_comments(const struct rpt *r, const char *key)
{
	for (size_t i = 0; i < r->ncom; i++)
		if (!strcmp(r->com[i].key, key))
			return &r->com[i];
	return NULL;
}

long rp_ncomments(const struct rpt *r, const char *key)
{
	const struct comments *c = rp_comments(r, key);

	return c ? (long)c->n + c->more : 0;
}

/* "540 of 600 responses answered (90%)" */
void rp_answered(struct rpt *r, const char *kind, long n)
{
	struct buf b = BUF_INIT;

	buf_addf(&b, "%s \xc2\xb7 ", kind);
	rp_fmt_count(&b, n);
	buf_adds(&b, " of ");
	rp_fmt_count(&b, r->st.all.responses);
	buf_adds(&b, plural(r->st.all.responses, " response answered (",
			    " responses answered ("));
	rp_fmt_pct(&b, stats_pct(n, r->st.all.responses));
	buf_adds(&b, ")");
	rp_note(r, b.s, PDF_REGULAR, SZ_SMALL, COL_MUTED);
	rp_space(r, 4);
	buf_release(&b);
}

void rp_qheading(struct rpt *r, const struct question *q)
{
	struct buf b = BUF_INIT;

	buf_addf(&b, "%d. %s", ++r->qnum, q->label ? q->label : q->key);
	rp_heading(r, 1, b.s, 1);
	buf_release(&b);
}

int rp_no_answers(struct rpt *r, long n)
{
	if (n > 0)
		return 0;
	rp_para(r, "No answers.", PDF_REGULAR, SZ_BODY, COL_TEXT, 0);
	rp_space(r, 6);
	return 1;
}

int rp_too_few(struct rpt *r, long n)
{
	struct buf b = BUF_INIT;

	if (n >= r->o->min_group)
		return 0;
	buf_addf(&b, "Only %ld %s: counts, no chart.", n,
		 plural(n, "answer", "answers"));
	rp_note(r, b.s, PDF_REGULAR, SZ_SMALL, COL_MUTED);
	buf_release(&b);
	return 1;
}

static char *num_text(double v, int decimals)
{
	struct buf b = BUF_INIT;

	buf_addf(&b, "%.*f", decimals, v);
	return buf_detach(&b, NULL);
}

/* 1 when figures of event key may be shown on their own. */
static int event_shown(const struct rpt *r, const char *key)
{
	if (r->nev <= 1)
		return 1;
	return stats_trend_shown(&r->trend, key);
}

/*
 * Height a comment keeps on one page: its event line and the whole text
 * up to four lines, else the first two lines.
 */
static double comment_keep(struct rpt *r, const char *meta, const char *text)
{
	double line = SZ_BODY * 1.32;
	double h = rp_para_height(r, text, PDF_REGULAR, SZ_BODY, 10);

	if (h > 4.5 * line)
		h = 2 * line;
	return rp_para_height(r, meta, PDF_REGULAR, SZ_SMALL, 10) + h;
}

void rp_list_comments(struct rpt *r, const char *key)
{
	const struct comments *c = rp_comments(r, key);
	struct buf b = BUF_INIT;

	if (!c || !c->n)
		goto out;
	for (size_t i = 0; i < c->n; i++) {
		const struct comment *m = &c->v[i];
		char day[DATE_YMD_SIZE];

		date_local_day(m->submitted, day);
		buf_reset(&b);
		if (m->event && !event_shown(r, m->event)) {
			/* a small event: neither named nor dated */
			buf_addf(&b, "An event with fewer than %ld responses",
				 r->o->min_group);
		} else {
			if (m->event)
				buf_addf(&b, "%s \xc2\xb7 ",
					 rp_event_title(r, m->event));
			buf_adds(&b, day);
		}
		rp_space(r, 5);
		rp_need(r, comment_keep(r, b.s, m->text));
		rp_para(r, b.s, PDF_REGULAR, SZ_SMALL, COL_MUTED, 10);
		rp_para(r, m->text, PDF_REGULAR, SZ_BODY, COL_TEXT, 10);
	}
	if (c->more) {
		buf_reset(&b);
		rp_fmt_count(&b, c->more);
		if (r->o->comments == REPORT_COMMENTS_NEWEST)
			buf_adds(&b, " older answers are not listed here; "
				 "\xe2\x80\x9csigsurvey export\xe2\x80\x9d has "
				 "all of them.");
		else
			buf_adds(&b, " more \xe2\x80\x94 see \xe2\x80\x9csigsurvey "
				 "export\xe2\x80\x9d or the committee area\xe2\x80\x99s "
				 "responses page.");
		rp_space(r, 6);
		rp_para(r, b.s, PDF_REGULAR, SZ_SMALL, COL_MUTED, 10);
	}
	rp_space(r, 6);
out:
	buf_release(&b);
}

/* A number question: its distribution, mean and median. */
static int do_number(struct rpt *r, const struct question *q)
{
	const struct numdist *d = rp_nums(&r->st.all, q->key);
	struct numstats ns;
	size_t nb = 0;
	char **lab;
	double *val, width = 1;
	struct chart c;
	struct table t;
	int ret, ints = 1;
	static const struct col cols[] = {
		{ "n", 55, 1 }, { "Mean", 62, 1 }, { "Median", 62, 1 },
		{ "Std dev", 62, 1 }, { "Min", 62, 1 }, { "Quartile 1", 62, 1 },
		{ "Quartile 3", 62, 1 }, { "Max", 56, 1 },
	};

	stats_num(d, &ns);
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i] != floor(d->v[i]))
			ints = 0;
	if (ns.n) {
		if (ints && ns.max - ns.min < 30)
			nb = (size_t)(ns.max - ns.min) + 1;
		else {
			nb = 12;
			width = (ns.max - ns.min) / 12.0;
			if (ints)
				width = ceil(width);
			if (width <= 0)
				width = 1;
		}
	}
	lab = xcalloc(nb + 1, sizeof(*lab));
	val = xcalloc(nb + 1, sizeof(*val));
	for (size_t i = 0; i < nb; i++) {
		struct buf l = BUF_INIT;
		double a = ns.min + width * (double)i;

		if (width == 1 && ints)
			buf_addf(&l, "%g", a);
		else
			buf_addf(&l, "%g\xe2\x80\x93%g", a, a + width);
		lab[i] = buf_detach(&l, NULL);
	}
	for (size_t i = 0; i < d->n && nb; i++) {
		size_t k = (size_t)floor((d->v[i] - ns.min) / width);

		val[k < nb ? k : nb - 1] += (double)d->c[i];
	}
	rp_qheading(r, q);
	rp_answered(r, "Number", ns.n);
	c = (struct chart){ .kind = CHART_VBAR, .height = 130, .nrows = nb,
			    .labels = (const char *const *)lab, .value = val,
			    .every = nb > 16 ? 2 : 1 };
	ret = 0;
	if (!rp_no_answers(r, ns.n) && ns.n >= r->o->min_group)
		ret = rp_chart(r, &c, 1);
	if (ns.n) {
		char *v[8];
		struct buf b = BUF_INIT;

		rp_fmt_count(&b, ns.n);
		v[0] = buf_detach(&b, NULL);
		v[1] = num_text(ns.mean, 1);
		v[2] = num_text(ns.median, ints ? 1 : 2);
		v[3] = num_text(ns.sd, 1);
		v[4] = num_text(ns.min, ints ? 0 : 2);
		v[5] = num_text(ns.q1, ints ? 1 : 2);
		v[6] = num_text(ns.q3, ints ? 1 : 2);
		v[7] = num_text(ns.max, ints ? 0 : 2);
		rp_table_start(r, &t, cols, ARRAY_SIZE(cols), 1);
		rp_table_row(r, &t, (const char *const *)v, 0);
		rp_table_end(r, &t);
		for (int i = 0; i < 8; i++)
			free(v[i]);
	}
	for (size_t i = 0; i < nb; i++)
		free(lab[i]);
	free(lab);
	free(val);
	return ret;
}

/* Month number (year * 12 + month - 1) of "YYYY-MM". */
static long month_of(const char *m)
{
	return strtol(m, NULL, 10) * 12 + strtol(m + 5, NULL, 10) - 1;
}

/* Dates counted per month (per year over ten years), gaps included. */
static int do_date(struct rpt *r, const struct question *q)
{
	const struct comments *cm = rp_comments(r, q->key);
	long lo = -1, hi = -1, total = 0, step = 1;
	char **lab = NULL;
	double *val = NULL;
	struct chart c;
	size_t n = 0;
	int ret;

	for (size_t i = 0; cm && i < cm->months.n; i++) {
		long m = month_of(cm->months.v[i].code);

		lo = lo < 0 || m < lo ? m : lo;
		hi = m > hi ? m : hi;
		total += cm->months.v[i].count;
	}
	if (total) {
		if (hi - lo >= 120) {
			step = 12;
			lo -= lo % 12;
		}
		n = (size_t)((hi - lo) / step) + 1;
		lab = xcalloc(n, sizeof(*lab));
		val = xcalloc(n, sizeof(*val));
		for (size_t i = 0; i < n; i++) {
			long m = lo + (long)i * step;
			struct buf l = BUF_INIT;

			if (step == 12)
				buf_addf(&l, "%ld", m / 12);
			else
				buf_addf(&l, "%ld-%02ld", m / 12, m % 12 + 1);
			lab[i] = buf_detach(&l, NULL);
		}
		for (size_t i = 0; i < cm->months.n; i++) {
			long m = month_of(cm->months.v[i].code);

			val[(m - lo) / step] += (double)cm->months.v[i].count;
		}
	}
	rp_qheading(r, q);
	rp_answered(r, step == 12 ? "Date, counted per year"
				  : "Date, counted per month", total);
	c = (struct chart){ .kind = CHART_VBAR, .height = 130, .nrows = n,
			    .labels = (const char *const *)lab, .value = val,
			    .every = n > 36 ? 6 : n > 18 ? 3 : 1 };
	ret = 0;
	if (!rp_no_answers(r, total))
		ret = rp_chart(r, &c, 0);
	for (size_t i = 0; i < n; i++)
		free(lab[i]);
	free(lab);
	free(val);
	return ret;
}

static void do_text(struct rpt *r, const struct question *q)
{
	const struct comments *c = rp_comments(r, q->key);
	long n = c ? (long)c->n + c->more : 0;
	struct buf b = BUF_INIT;

	rp_qheading(r, q);
	if (form_is_contact(q)) {
		rp_fmt_count(&b, n);
		buf_adds(&b, plural(n, " respondent", " respondents"));
		buf_adds(&b, q->type == Q_EMAIL
			 ? " gave an address. Addresses are not "
			   "listed in the report; the export has them."
			 : " answered. Contact details are not "
			   "listed in the report; the export has them.");
		rp_para(r, b.s, PDF_REGULAR, SZ_BODY, COL_TEXT, 0);
		buf_release(&b);
		return;
	}
	rp_fmt_count(&b, n);
	buf_adds(&b, plural(n, " comment", " comments"));
	buf_adds(&b, r->o->comments == REPORT_COMMENTS_ALL
		 ? ", all listed in the appendix"
		 : r->o->comments == REPORT_COMMENTS_FEW && c && c->more
		 ? "; a few of the newest and longest, newest first"
		 : ", newest first");
	if (c && c->blank) {
		buf_adds(&b, " (");
		rp_fmt_count(&b, c->blank);
		buf_adds(&b, plural(c->blank, " blank answer left out)",
				      " blank answers left out)"));
	}
	rp_note(r, b.s, PDF_REGULAR, SZ_SMALL, COL_MUTED);
	if (!n)
		rp_para(r, "No comments.", PDF_REGULAR, SZ_BODY, COL_TEXT, 0);
	if (r->o->comments != REPORT_COMMENTS_ALL)
		rp_list_comments(r, q->key);
	buf_release(&b);
}

int rp_question(struct rpt *r, const struct question *q)
{
	switch (q->type) {
	case Q_RATING:
		return rp_rating(r, q);
	case Q_NPS:
		return rp_nps(r, q);
	case Q_LIKERT:
		return rp_likert(r, q);
	case Q_CHOICE:
	case Q_YESNO:
	case Q_MULTI:
		return rp_options(r, q);
	case Q_NUMBER:
		return do_number(r, q);
	case Q_DATE:
		return do_date(r, q);
	case Q_TEXT:
	case Q_EMAIL:
		do_text(r, q);
		return 0;
	case Q_SECTION:
		break;
	}
	return 0;
}

int rp_question_charts(const struct rpt *r, const struct question *q)
{
	switch (q->type) {
	case Q_RATING:
	case Q_NPS:
		return r->trend.n >= 2 ? 2 : 1;
	case Q_LIKERT:
	case Q_CHOICE:
	case Q_YESNO:
	case Q_MULTI:
	case Q_NUMBER:
	case Q_DATE:
		return 1;
	default:
		return 0;
	}
}
