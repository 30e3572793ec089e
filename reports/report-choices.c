/*
 * report-choices.c - the report sections of answers from a list: Likert
 * batteries (diverging or stacked bars by the scale's kind, with the
 * counts per level) and single and multiple choices (the top options that
 * fit a chart, the rest in a table, and the "Other" answers tallied).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report-int.h"
#include "util.h"

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

int rp_likert(struct rpt *r, const struct question *q)
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
	buf_adds(b, plural(sum, " answer", " answers"));
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
int rp_options(struct rpt *r, const struct question *q)
{
	const struct optlist *o = rp_choices(q);
	const struct codedist *cd = rp_codes(&r->st.all, q->key);
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
		other = rp_ncomments(r, okey.s);
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
		buf_adds(&b, plural(base, " respondent", " respondents"));
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
