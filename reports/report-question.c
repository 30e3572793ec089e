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

static const struct optlist *choices(const struct question *q)
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

static const struct codedist *codes(const struct group *g, const char *key)
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

static long ncomments(const struct rpt *r, const char *key)
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
	buf_adds(&b, " responses answered (");
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
		 n == 1 ? "answer" : "answers");
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

		date_utc_day(m->submitted, day);
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

/* The diverging bars of the battery l: percentages of every level. */
static int likert_chart(struct rpt *r, const struct stats_likert *l)
{
	size_t ni = l->n, L = l->levels->n;
	double *val = xcalloc(ni * L + 1, sizeof(*val));
	const char **lab = xcalloc(ni + 1, sizeof(*lab));
	const char **lev = xcalloc(L + 1, sizeof(*lev));
	long *cnt = xcalloc(ni + 1, sizeof(*cnt));
	struct chart c;
	int ret;

	for (size_t k = 0; k < L; k++)
		lev[k] = l->levels->v[k].label;
	for (size_t i = 0; i < ni; i++) {
		lab[i] = l->v[i].item->label;
		cnt[i] = l->v[i].n;
		for (size_t k = 0; k < L; k++)
			val[i * L + k] = stats_likert_pct(l, i, k);
	}
	c = (struct chart){ .kind = CHART_LIKERT,
			    .height = 45.0 + 26.0 * (double)ni, .nrows = ni,
			    .labels = lab, .value = val, .count = cnt,
			    .series = lev, .nseries = L,
			    .stacked = l->ordinal };
	/* the table of a battery is detail: it may go to the next page */
	ret = rp_chart(r, &c, 0);
	free(val);
	free(lab);
	free(lev);
	free(cnt);
	return ret;
}

/* The table of l: "count (percent)" per level and the answers. */
static void likert_table(struct rpt *r, const struct stats_likert *l)
{
	size_t ni = l->n, L = l->levels->n;
	struct col *cols = xcalloc(L + 2, sizeof(*cols));
	char **cells = xcalloc(L + 2, sizeof(*cells));
	double levw = L ? (r->x1 - r->x0 - 150 - 40) / (double)L : 0;
	struct buf b = BUF_INIT;
	struct table t;

	cols[0] = (struct col){ "Item", 150, 0 };
	for (size_t k = 0; k < L; k++)
		cols[k + 1] = (struct col){ l->levels->v[k].label, levw, 1 };
	cols[L + 1] = (struct col){ "n", 40, 1 };
	rp_table_start(r, &t, cols, L + 2, ni);
	for (size_t i = 0; i < ni; i++) {
		cells[0] = xstrdup(l->v[i].item->label);
		for (size_t k = 0; k < L; k++) {
			buf_reset(&b);
			rp_fmt_count(&b, stats_likert_count(l, i, k));
			buf_adds(&b, " (");
			rp_fmt_pct(&b, stats_likert_pct(l, i, k));
			buf_adds(&b, ")");
			cells[k + 1] = xstrdup(b.s);
		}
		buf_reset(&b);
		rp_fmt_count(&b, l->v[i].n);
		cells[L + 1] = buf_detach(&b, NULL);
		rp_table_row(r, &t, (const char *const *)cells, 0);
		for (size_t k = 0; k < L + 2; k++)
			free(cells[k]);
	}
	rp_table_end(r, &t);
	buf_release(&b);
	free(cols);
	free(cells);
}

static int do_likert(struct rpt *r, const struct question *q)
{
	struct stats_likert l;
	int ret;

	struct buf b = BUF_INIT;

	stats_likert_gather(&l, &r->st.all, q);
	rp_qheading(r, q);
	rp_answered(r, l.ordinal ? "Levels, low to high" : "Agreement scale",
		    l.most);
	ret = 0;
	if (!l.most) {
		rp_para(r, "No answers.", PDF_REGULAR, SZ_BODY, COL_TEXT, 0);
		goto out;
	}
	buf_adds(&b, "Items sorted by ");
	stats_likert_share_name(&l, STATS_SHARE_SORTED, &b);
	buf_adds(&b, l.ordinal ? "; each bar reads from the lowest level on "
		 "the left to the highest on the right." : "; the neutral "
		 "answer is split at the centre line.");
	rp_note(r, b.s, PDF_REGULAR, SZ_SMALL, COL_MUTED);
	if (l.most >= r->o->min_group)
		ret = likert_chart(r, &l);
	likert_table(r, &l);
out:
	stats_likert_release(&l);
	buf_release(&b);
	return ret;
}

struct bar {
	const char *label;
	long count;
};

static int cmp_tally(const void *a, const void *b)
{
	const struct codecount *x = a, *y = b;

	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->code, y->code);
}

/* The Other answers of key, identical ones counted together. */
static void other_tally(struct rpt *r, const char *key, const char *label)
{
	const struct comments *c = rp_comments(r, key);
	static const struct col cols[] = { { "Answer", 405, 0 },
					   { "Count", 78, 1 } };
	struct codedist d = { 0 };
	struct buf b = BUF_INIT;
	struct table t;

	if (!c || !c->n)
		return;
	for (size_t i = 0; i < c->n; i++) {
		const char *s = c->v[i].text;
		size_t n = strlen(s);

		while (*s == ' ')
			s++, n--;
		while (n && s[n - 1] == ' ')
			n--;
		buf_reset(&b);
		buf_add(&b, s, n);
		codedist_add(&d, b.s, 1);
	}
	qsort(d.v, d.n, sizeof(*d.v), cmp_tally);
	buf_reset(&b);
	buf_addf(&b, "%s: the answers given", label);
	rp_space(r, 4);
	rp_note(r, b.s, PDF_BOLD, SZ_BODY, COL_TEXT);
	rp_table_start(r, &t, cols, ARRAY_SIZE(cols), d.n);
	for (size_t i = 0; i < d.n; i++) {
		const char *cells[2];

		buf_reset(&b);
		rp_fmt_count(&b, d.v[i].count);
		cells[0] = d.v[i].code;
		cells[1] = b.s;
		rp_table_row(r, &t, cells, 0);
	}
	rp_table_end(r, &t);
	if (c->more) {
		buf_reset(&b);
		rp_fmt_count(&b, c->more);
		buf_adds(&b, " older answers are not counted here; "
			 "\xe2\x80\x9csigsurvey export\xe2\x80\x9d has all of them.");
		rp_para(r, b.s, PDF_REGULAR, SZ_SMALL, COL_MUTED, 0);
	}
	codedist_release(&d);
	buf_release(&b);
}

/* 1 when a label is longer than the chart shows in full. */
static int long_label(const struct bar *bars, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t chars = 0;

		for (const char *s = bars[i].label; *s; s++)
			chars += ((unsigned char)*s & 0xc0) != 0x80;
		if (chars > RP_BAR_LABEL)
			return 1;
	}
	return 0;
}

/* "45 more options (120 answers) are in the table below." */
static void more_options(struct rpt *r, const struct bar *rest, size_t n,
			 struct buf *b)
{
	long sum = 0;

	for (size_t i = 0; i < n; i++)
		sum += rest[i].count;
	buf_reset(b);
	buf_addf(b, "The chart shows the %d most given; %zu more options (",
		 RP_MAX_BARS, n);
	rp_fmt_count(b, sum);
	buf_adds(b, sum == 1 ? " answer" : " answers");
	buf_adds(b, ") are in the table below.");
	rp_note(r, b->s, PDF_REGULAR, SZ_SMALL, COL_MUTED);
	buf_reset(b);
}

static int cmp_bar(const void *a, const void *b)
{
	const struct bar *x = a, *y = b;

	return x->count < y->count ? 1 : x->count > y->count ? -1 : 0;
}

/* choice, yesno and multi */
static int do_options(struct rpt *r, const struct question *q)
{
	const struct optlist *o = choices(q);
	const struct codedist *cd = codes(&r->st.all, q->key);
	int multi = q->type == Q_MULTI;
	struct buf okey = BUF_INIT, b = BUF_INIT, p = BUF_INIT;
	size_t n = o->n;
	struct bar *bars = xcalloc(n + 2, sizeof(*bars));
	const char **lab = xcalloc(n + 2, sizeof(*lab));
	double *val = xcalloc(n + 2, sizeof(*val));
	long *cnt = xcalloc(n + 2, sizeof(*cnt));
	long base = multi ? stats_answered(&r->st.all, q->key) : cd->total;
	long other = 0;
	static const struct col cols[] = {
		{ "Answer", 315, 0 }, { "Count", 90, 1 }, { "Percent", 78, 1 },
	};
	struct chart c;
	struct table t;
	size_t shown;
	int ret, small;

	for (size_t i = 0; i < n; i++)
		bars[i] = (struct bar){ o->v[i].label, codedist_count(cd,
							o->v[i].code) };
	if (q->other) {
		buf_addf(&okey, "%s_other", q->key);
		other = ncomments(r, okey.s);
		bars[n++] = (struct bar){ q->other_label ? q->other_label
					  : "Other", other };
		if (!multi)
			base += other;
	}
	if (!q->ordinal && q->type != Q_YESNO)
		qsort(bars, n, sizeof(*bars), cmp_bar);
	for (size_t i = 0; i < n; i++) {
		lab[i] = bars[i].label;
		cnt[i] = bars[i].count;
		val[i] = multi ? stats_pct(bars[i].count, base)
			       : (double)bars[i].count;
	}
	rp_qheading(r, q);
	rp_answered(r, multi ? "Several answers allowed"
		 : q->type == Q_YESNO ? "Yes or no" : "One answer", base);
	ret = 0;
	if (rp_no_answers(r, base))
		goto out;
	if (multi) {
		buf_adds(&b, "Percentages are of the ");
		rp_fmt_count(&b, base);
		buf_adds(&b, base == 1 ? " respondent" : " respondents");
		buf_adds(&b, " who answered this question; they could choose "
			 "several, so percentages add up to more than 100%.");
		rp_note(r, b.s, PDF_REGULAR, SZ_SMALL, COL_MUTED);
	}
	small = rp_too_few(r, base);
	shown = n > RP_MAX_BARS ? RP_MAX_BARS : n;
	if (!small && shown < n)
		more_options(r, bars + shown, n - shown, &b);
	c = (struct chart){ .kind = CHART_HBAR,
			    .height = 24.0 + 20.0 * (double)shown,
			    .nrows = shown, .labels = lab, .value = val,
			    .count = cnt, .percent = multi };
	if (!small)
		ret = rp_chart(r, &c, shown < n || long_label(bars, n) ? n : 0);
	/*
	 * the chart carries labels and counts: a table only when it adds
	 * (the options the chart leaves out or cuts short, or, for several
	 * answers, the counts beside shares of the respondents)
	 */
	if (!small && !multi && shown == n && !long_label(bars, n))
		goto other;
	rp_table_start(r, &t, cols, ARRAY_SIZE(cols), n);
	for (size_t i = 0; i < n; i++) {
		const char *cells[3];

		buf_reset(&b);
		buf_reset(&p);
		rp_fmt_count(&b, bars[i].count);
		rp_fmt_pct(&p, stats_pct(bars[i].count, base));
		cells[0] = bars[i].label;
		cells[1] = b.s;
		cells[2] = p.s;
		rp_table_row(r, &t, cells, 0);
	}
	rp_table_end(r, &t);
other:
	if (q->other && other)
		other_tally(r, okey.s, q->other_label ? q->other_label
						     : "Other");
out:
	buf_release(&okey);
	buf_release(&b);
	buf_release(&p);
	free(bars);
	free(lab);
	free(val);
	free(cnt);
	return ret;
}

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
	if (rp_contact(q)) {
		rp_fmt_count(&b, n);
		buf_adds(&b, q->type == Q_EMAIL
			 ? " respondents gave an address. Addresses are not "
			   "listed in the report; the export has them."
			 : " respondents answered. Contact details are not "
			   "listed in the report; the export has them.");
		rp_para(r, b.s, PDF_REGULAR, SZ_BODY, COL_TEXT, 0);
		buf_release(&b);
		return;
	}
	rp_fmt_count(&b, n);
	buf_adds(&b, n == 1 ? " comment" : " comments");
	buf_adds(&b, r->o->comments == REPORT_COMMENTS_ALL
		 ? ", all listed in the appendix"
		 : r->o->comments == REPORT_COMMENTS_FEW && c && c->more
		 ? "; a few of the newest and longest, newest first"
		 : ", newest first");
	if (c && c->blank) {
		buf_adds(&b, " (");
		rp_fmt_count(&b, c->blank);
		buf_adds(&b, " blank answers left out)");
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
		return do_likert(r, q);
	case Q_CHOICE:
	case Q_YESNO:
	case Q_MULTI:
		return do_options(r, q);
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
