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

/* One event's row of a trend table; b is five scratch buffers. */
static void trend_row(struct rpt *r, struct table *t, const struct event *e,
		      const struct question *q, struct buf *b)
{
	const struct numdist *d = rp_nums(stats_event(&r->st, e->key), q->key);
	const char *cells[7] = { e->title, e->date, b[0].s };
	struct numstats ns;
	struct nps np;

	stats_num(d, &ns);
	stats_nps(d, &np);
	for (int k = 0; k < 5; k++)
		buf_reset(&b[k]);
	fmt_count(&b[0], ns.n);
	cells[2] = b[0].s;
	if (q->type == Q_NPS) {
		fmt_pct(&b[1], stats_pct(np.promoters, np.n));
		fmt_pct(&b[2], stats_pct(np.passives, np.n));
		fmt_pct(&b[3], stats_pct(np.detractors, np.n));
		stats_nps_text(&b[4], &np);
		cells[3] = b[1].s;
		cells[4] = b[2].s;
		cells[5] = b[3].s;
		cells[6] = np.n ? b[4].s : DASH;
	} else {
		buf_addf(&b[1], "%.2f", ns.mean);
		buf_addf(&b[2], "%g", ns.median);
		cells[3] = ns.n ? b[1].s : DASH;
		cells[4] = ns.n ? b[2].s : DASH;
	}
	rp_table_row(r, t, cells, 0);
}

/* Per-event trend of a rating mean or NPS: chart plus table. */
static int trend(struct rpt *r, const struct question *q)
{
	const char **labels = xcalloc(r->trend.n + 1, sizeof(*labels));
	double *val = xcalloc(r->trend.n + 1, sizeof(*val));
	long *cnt = xcalloc(r->trend.n + 1, sizeof(*cnt));
	struct chart c = { 0 };
	struct table t;
	struct buf b[5] = { BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT };
	int nps = q->type == Q_NPS, ret;
	static const struct col cr[] = {
		{ "Event", 253, 0 }, { "Date", 62, 0 }, { "n", 45, 1 },
		{ "Mean", 60, 1 }, { "Median", 63, 1 },
	};
	static const struct col cn[] = {
		{ "Event", 178, 0 }, { "Date", 60, 0 }, { "n", 40, 1 },
		{ "Promoters", 58, 1 }, { "Passives", 54, 1 },
		{ "Detractors", 60, 1 }, { "NPS", 33, 1 },
	};

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
	ret = rp_chart(r, &c, r->trend.n);
	rp_table_start(r, &t, nps ? cn : cr, nps ? ARRAY_SIZE(cn)
					       : ARRAY_SIZE(cr), r->trend.n);
	for (size_t i = 0; i < r->trend.n; i++)
		trend_row(r, &t, r->trend.v[i].e, q, b);
	rp_table_end(r, &t);
	for (int k = 0; k < 5; k++)
		buf_release(&b[k]);
	free(labels);
	free(val);
	free(cnt);
	return ret;
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
	fmt_count(&b, ns.n);
	if (ns.n)
		rp_note(r, b.s, PDF_BOLD, SZ_BODY + 1, COL_TEXT);
	rp_space(r, 4);
	c = (struct chart){ .kind = CHART_VBAR, .height = 140, .nrows = n,
			    .labels = (const char *const *)lab, .value = val };
	ret = rp_chart(r, &c, 0);
	if (!ret && r->trend.n >= 2)
		ret = trend(r, q);
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
	int ret;

	stats_nps(d, &np);
	for (int i = 0; i <= 10; i++) {
		val[i] = (double)numdist_count(d, i);
		col[i] = i <= 6 ? CHART_RED : i <= 8 ? CHART_GREY : CHART_BLUE;
	}
	rp_qheading(r, q);
	rp_answered(r, "Net Promoter Score, 0 to 10", np.n);
	if (np.n) {
		buf_adds(&b, "NPS ");
		stats_nps_text(&b, &np);
		/* the score, its lines and the chart on one page */
		rp_need(r, 24 + 50 + 136);
		r->y += 24;
		pdf_text(r->pdf, r->x0, r->y - 4, PDF_BOLD, 22, COL_ACCENT, b.s);
		buf_reset(&b);
		buf_adds(&b, "Promoters (9\xe2\x80\x93" "10) ");
		fmt_pct(&b, stats_pct(np.promoters, np.n));
		buf_adds(&b, " \xc2\xb7 passives (7\xe2\x80\x93" "8) ");
		fmt_pct(&b, stats_pct(np.passives, np.n));
		buf_adds(&b, " \xc2\xb7 detractors (0\xe2\x80\x93" "6) ");
		fmt_pct(&b, stats_pct(np.detractors, np.n));
		buf_adds(&b, " \xc2\xb7 n = ");
		fmt_count(&b, np.n);
		rp_space(r, 4);
		rp_para(r, b.s, PDF_REGULAR, SZ_BODY, COL_TEXT, 0);
		rp_para(r, "The NPS is the percentage of promoters minus the "
			"percentage of detractors, from \xe2\x88\x92" "100 to +100. "
			"In the chart detractors are orange, passives grey and "
			"promoters blue.",
			PDF_REGULAR, SZ_SMALL, COL_MUTED, 0);
	}
	if (np.n < 30)
		rp_para(r, "Fewer than 30 responses: a few answers can move "
			"this score a lot. Read it with care.", PDF_BOLD,
			SZ_BODY, COL_WARN, 0);
	rp_space(r, 4);
	c = (struct chart){ .kind = CHART_VBAR, .height = 130, .nrows = 11,
			    .labels = lab, .value = val, .colour = col };
	ret = rp_chart(r, &c, 0);
	if (!ret && r->trend.n >= 2)
		ret = trend(r, q);
	buf_release(&b);
	return ret;
}

