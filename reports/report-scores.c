/*
 * report-scores.c - the sections of rating and NPS questions: the
 * distribution, mean and median or the NPS with its groups, and the
 * trend per event when the report covers several.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report-int.h"
#include "util.h"

#define DASH "\xe2\x80\x93"

/* Per-event trend of a rating mean or NPS: a chart. */
static int trend(struct rpt *r, const struct question *q)
{
	const char **labels = xcalloc(r->trend.n + 1, sizeof(*labels));
	double *val = xcalloc(r->trend.n + 1, sizeof(*val));
	long *cnt = xcalloc(r->trend.n + 1, sizeof(*cnt));
	struct chart c = { 0 };
	int nps = q->type == Q_NPS, ret;

	for (size_t i = 0; i < r->trend.n; i++) {
		const struct event *e = r->trend.v[i].e;
		const struct numdist *d = rp_nums(stats_event(&r->st, e->key),
					       q->key);
		struct numstats ns;
		struct nps np;

		labels[i] = e->date;
		stats_num(d, &ns);
		stats_nps(d, &np);
		val[i] = nps ? (double)stats_nps_rounded(&np) : ns.mean;
		cnt[i] = nps ? np.n : ns.n;
	}
	c = (struct chart){ .kind = CHART_TREND, .height = 135,
			    .nrows = r->trend.n, .labels = labels, .value = val,
			    .count = cnt, .decimals = nps ? 0 : 2,
			    .ymin = nps ? -100 : q->min,
			    .ymax = nps ? 100 : q->max };
	rp_space(r, 4);
	rp_note(r, nps ? "NPS per event" : "Mean per event", PDF_BOLD,
		SZ_BODY, COL_TEXT);
	if (r->trend.n > 16)
		rp_note(r, "Each point is an event; the summary by event has "
			"their names and figures.", PDF_REGULAR, SZ_SMALL,
			COL_MUTED);
	ret = rp_chart(r, &c, 0);
	/* the per-event figures are in the summary by event: no table */
	free(labels);
	free(val);
	free(cnt);
	return ret;
}

/* "1: 0 · 2: 1 · 3: 2" under the small-group threshold. */
static void counts_line(struct rpt *r, const char *const *lab,
			const double *val, size_t n)
{
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < n; i++)
		buf_addf(&b, "%s%s: %.0f", i ? " \xc2\xb7 " : "", lab[i],
			 val[i]);
	rp_para(r, b.s, PDF_REGULAR, SZ_BODY, COL_TEXT, 0);
	rp_space(r, 6);
	buf_release(&b);
}

int rp_rating(struct rpt *r, const struct question *q)
{
	const struct numdist *d = rp_nums(&r->st.all, q->key);
	long lo = lround(q->has_min ? q->min : 1);
	long hi = lround(q->has_max ? q->max : 5);
	size_t n = hi >= lo && hi - lo < 100 ? (size_t)(hi - lo + 1) : 0;
	char **lab = xcalloc(n + 1, sizeof(*lab));
	double *val = xcalloc(n + 1, sizeof(*val));
	struct numstats ns;
	struct chart c;
	struct buf b = BUF_INIT;
	int ret;

	if (q->type == Q_NPS)
		lo = 0, hi = 10, n = 11;
	stats_num(d, &ns);
	for (size_t i = 0; i < n; i++) {
		struct buf l = BUF_INIT;

		buf_addf(&l, "%ld", lo + (long)i);
		if (q->type != Q_NPS && (i == 0 || i == n - 1) &&
		    q->ends[i ? 1 : 0])
			buf_addf(&l, " %s", q->ends[i ? 1 : 0]);
		lab[i] = buf_detach(&l, NULL);
		val[i] = (double)numdist_count(d, (double)(lo + (long)i));
	}
	rp_qheading(r, q);
	rp_answered(r, "Rating", ns.n);
	buf_addf(&b, "Mean %.2f \xc2\xb7 median %g \xc2\xb7 n = ", ns.mean,
		 ns.median);
	rp_fmt_count(&b, ns.n);
	ret = 0;
	if (rp_no_answers(r, ns.n))
		goto out;
	rp_note(r, b.s, PDF_BOLD, SZ_BODY + 1, COL_TEXT);
	rp_space(r, 4);
	c = (struct chart){ .kind = CHART_VBAR, .height = 140, .nrows = n,
			    .labels = (const char *const *)lab, .value = val };
	if (rp_too_few(r, ns.n))
		counts_line(r, (const char *const *)lab, val, n);
	else
		ret = rp_chart(r, &c, 0);
	if (!ret && r->trend.n >= 2)
		ret = trend(r, q);
out:
	for (size_t i = 0; i < n; i++)
		free(lab[i]);
	free(lab);
	free(val);
	buf_release(&b);
	return ret;
}

int rp_nps(struct rpt *r, const struct question *q)
{
	const struct numdist *d = rp_nums(&r->st.all, q->key);
	static const char *const lab[] = { "0", "1", "2", "3", "4", "5", "6",
					   "7", "8", "9", "10" };
	double val[11];
	unsigned col[11];
	struct nps np;
	struct chart c;
	struct buf b = BUF_INIT;
	int ret = 0;

	stats_nps(d, &np);
	for (int i = 0; i <= 10; i++) {
		val[i] = (double)numdist_count(d, i);
		col[i] = i <= 6 ? CHART_RED : i <= 8 ? CHART_GREY : CHART_BLUE;
	}
	rp_qheading(r, q);
	rp_answered(r, "Net Promoter Score, 0 to 10", np.n);
	if (rp_no_answers(r, np.n))
		goto out;
	if (np.n) {
		buf_adds(&b, "NPS ");
		stats_nps_text(&b, &np);
		/* the score, its lines and the chart on one page */
		rp_need(r, 24 + 50 + 136);
		r->y += 24;
		pdf_text(r->pdf, r->x0, r->y - 4, PDF_BOLD, 22, COL_ACCENT, b.s);
		buf_reset(&b);
		buf_adds(&b, "Promoters (9\xe2\x80\x93" "10) ");
		rp_fmt_pct(&b, stats_pct(np.promoters, np.n));
		buf_adds(&b, " \xc2\xb7 passives (7\xe2\x80\x93" "8) ");
		rp_fmt_pct(&b, stats_pct(np.passives, np.n));
		buf_adds(&b, " \xc2\xb7 detractors (0\xe2\x80\x93" "6) ");
		rp_fmt_pct(&b, stats_pct(np.detractors, np.n));
		buf_adds(&b, " \xc2\xb7 n = ");
		rp_fmt_count(&b, np.n);
		rp_space(r, 4);
		rp_para(r, b.s, PDF_REGULAR, SZ_BODY, COL_TEXT, 0);
		rp_para(r, "The NPS is the percentage of promoters minus the "
			"percentage of detractors, from \xe2\x88\x92" "100 to +100. "
			"In the chart detractors are orange, passives grey and "
			"promoters blue.",
			PDF_REGULAR, SZ_SMALL, COL_MUTED, 0);
	}
	if (np.n > 0 && np.n < 30)
		rp_para(r, "Fewer than 30 responses: a few answers can move "
			"this score a lot. Read it with care.", PDF_BOLD,
			SZ_BODY, COL_WARN, 0);
	rp_space(r, 4);
	c = (struct chart){ .kind = CHART_VBAR, .height = 130, .nrows = 11,
			    .labels = lab, .value = val, .colour = col };
	if (rp_too_few(r, np.n))
		counts_line(r, lab, val, 11);
	else
		ret = rp_chart(r, &c, 0);
	if (!ret && r->trend.n >= 2)
		ret = trend(r, q);
out:
	buf_release(&b);
	return ret;
}

