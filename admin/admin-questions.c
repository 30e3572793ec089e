/*
 * admin-questions.c - one question of a form summary: the figures and
 * inline SVG charts beside the numbers, as the PDF report shows them
 * (rating distribution, NPS groups as a stacked bar, options sorted as
 * in the report, Likert items sorted by agreement on diverging bars).
 * Charts are hidden from screen readers: the numbers are in tables.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "stats.h"

/* Diverging colours for ordered levels, disagree to agree. */
static const char *level_colour(size_t i, size_t n)
{
	static const char *const neg[] = { "#b34700", "#e69f00" };
	static const char *const pos[] = { "#56b4e9", "#0072b2" };
	size_t half = n / 2;

	if (n % 2 && i == half)
		return "#9a9a9a";
	if (i < half)
		return neg[half - i > 1 ? 0 : 1];
	i = n - 1 - i;
	return pos[half - i > 1 ? 1 : 0];
}

/* Sequential colours for the levels of one thing, light to dark. */
static const char *ordinal_colour(size_t i, size_t n)
{
	static const char *const seq[] = { "#d6e9f5", "#9ccae8", "#56b4e9",
					   "#2b86c2", "#0b4f6c" };
	size_t k = n > 1 ? i * 4 / (n - 1) : 4;

	return seq[k > 4 ? 4 : k];
}

static const char *colour_of(const struct stats_likert *l, size_t i)
{
	return l->ordinal ? ordinal_colour(i, l->levels->n)
			  : level_colour(i, l->levels->n);
}

static void bar_svg(struct html *h, double pct, const char *colour)
{
	html_lit(h, "<svg class=\"bar\" viewBox=\"0 0 100 10\" "
		 "preserveAspectRatio=\"none\" aria-hidden=\"true\" "
		 "focusable=\"false\"><rect height=\"10\"");
	html_attrf(h, "width", "%.2f", pct < 0 ? 0 : pct > 100 ? 100 : pct);
	html_attr(h, "fill", colour ? colour : "#0b4f6c");
	html_lit(h, "/></svg>");
}

static void bars_start(struct html *h, const char *caption, const char *what)
{
	html_lit(h, "<div class=\"table-wrap\"><table class=\"bars\">"
		 "<caption class=\"visually-hidden\">");
	html_text(h, caption);
	html_lit(h, "</caption><thead><tr><th scope=\"col\">");
	html_text(h, what);
	html_lit(h, "</th><th scope=\"col\"><span class=\"visually-hidden\">"
		 "Chart</span></th><th scope=\"col\" class=\"num\">Count</th>"
		 "<th scope=\"col\" class=\"num\">Share</th></tr></thead>"
		 "<tbody>");
}

static void bar_row(struct html *h, const char *label, long count,
		    long base)
{
	double pct = stats_pct(count, base);

	html_lit(h, "<tr><th scope=\"row\">");
	html_text(h, label);
	html_lit(h, "</th><td class=\"bar-cell\">");
	bar_svg(h, pct, NULL);
	html_lit(h, "</td><td class=\"num\">");
	html_num(h, count);
	html_lit(h, "</td><td class=\"num\">");
	html_textf(h, "%.0f%%", pct);
	html_lit(h, "</td></tr>");
}

void admin_figure(struct html *h, const char *label, const char *value)
{
	html_lit(h, "<span class=\"figure\"><strong>");
	html_text(h, value);
	html_lit(h, "</strong> ");
	html_text(h, label);
	html_lit(h, "</span> ");
}

void admin_numeric(struct html *h, const struct question *q,
		   const struct keystats *k)
{
	struct numstats ns;
	char v[64];

	stats_num(&k->nums, &ns);
	html_lit(h, "<p class=\"figures\">");
	snprintf(v, sizeof(v), "%ld", ns.n);
	admin_figure(h, plural(ns.n, "answer", "answers"), v);
	snprintf(v, sizeof(v), "%.2f", ns.mean);
	admin_figure(h, "mean", v);
	snprintf(v, sizeof(v), "%g", ns.median);
	admin_figure(h, "median", v);
	if (q->type == Q_NUMBER) {
		snprintf(v, sizeof(v), "%g\xe2\x80\x93%g", ns.min, ns.max);
		admin_figure(h, "range", v);
	}
	html_lit(h, "</p>");
}

void admin_distribution(struct html *h, const struct question *q,
			const struct keystats *k, double lo, double hi)
{
	char label[64];

	bars_start(h, q->label, "Answer");
	for (double x = lo; x <= hi; x += 1) {
		snprintf(label, sizeof(label), "%g", x);
		bar_row(h, label, numdist_count(&k->nums, x), k->nums.total);
	}
	html_lit(h, "</tbody></table></div>");
	if (q->ends[0] && q->ends[1]) {
		html_lit(h, "<p class=\"meta\">");
		html_textf(h, "%g = %s, %g = %s", lo, q->ends[0], hi, q->ends[1]);
		html_lit(h, "</p>");
	}
}

static void swatch(struct html *h, const char *colour)
{
	html_lit(h, "<svg class=\"swatch\" viewBox=\"0 0 10 10\" "
		 "aria-hidden=\"true\" focusable=\"false\">"
		 "<rect width=\"10\" height=\"10\"");
	html_attr(h, "fill", colour);
	html_lit(h, "/></svg>");
}

#define NPS_DETRACT "#b34700"
#define NPS_PASSIVE "#8c8c8c"
#define NPS_PROMOTE "#0072b2"

static const char *const nps_name[] = {
	"Detractors (0\xe2\x80\x93" "6)", "Passives (7\xe2\x80\x93" "8)",
	"Promoters (9\xe2\x80\x93" "10)",
};
static const char *const nps_colour[] = { NPS_DETRACT, NPS_PASSIVE,
					  NPS_PROMOTE };

/* The three NPS groups with count and share, and how the score is made. */
static void nps_table(struct html *h, const struct question *q,
		      const struct nps *n)
{
	const long cnt[3] = { n->detractors, n->passives, n->promoters };

	html_lit(h, "<div class=\"table-wrap\"><table class=\"data "
		 "split\"><caption class=\"visually-hidden\">");
	html_text(h, q->label);
	html_lit(h, "</caption><thead><tr><th scope=\"col\">Group</th>"
		 "<th scope=\"col\" class=\"num\">Count</th><th scope=\"col\" "
		 "class=\"num\">Share</th></tr></thead><tbody>");
	for (int i = 0; i < 3; i++) {
		html_lit(h, "<tr><th scope=\"row\">");
		swatch(h, nps_colour[i]);
		html_text(h, nps_name[i]);
		html_lit(h, "</th><td class=\"num\">");
		html_num(h, cnt[i]);
		html_lit(h, "</td><td class=\"num\">");
		html_textf(h, "%.0f%%", stats_pct(cnt[i], n->n));
		html_lit(h, "</td></tr>");
	}
	html_lit(h, "</tbody></table></div><p class=\"meta\">The NPS is the "
		 "percentage of promoters minus the percentage of detractors, "
		 "from \xe2\x88\x92" "100 to +100.</p>");
}

/* The NPS, its three groups as one stacked bar, and their table. */
void admin_nps(struct html *h, const struct question *q,
	       const struct keystats *k)
{
	struct nps n;
	long cnt[3];
	double x = 0;
	char v[64];
	struct buf nb = BUF_INIT;

	stats_nps(&k->nums, &n);
	cnt[0] = n.detractors;
	cnt[1] = n.passives;
	cnt[2] = n.promoters;
	html_lit(h, "<p class=\"figures\">");
	stats_nps_text(&nb, &n);
	admin_figure(h, "net promoter score", nb.s);
	buf_release(&nb);
	snprintf(v, sizeof(v), "%ld", n.n);
	admin_figure(h, plural(n.n, "answer", "answers"), v);
	html_lit(h, "</p>");
	if (n.n && n.n < 30)
		html_lit(h, "<p class=\"note\">Fewer than 30 answers: a few "
			 "answers can move this score a lot. Read it with "
			 "care.</p>");
	html_lit(h, "<svg class=\"stack\" viewBox=\"0 0 100 10\" "
		 "preserveAspectRatio=\"none\" aria-hidden=\"true\" "
		 "focusable=\"false\">");
	for (int i = 0; i < 3; i++) {
		double w = stats_pct(cnt[i], n.n);

		html_lit(h, "<rect height=\"10\"");
		html_attrf(h, "x", "%.2f", x);
		html_attrf(h, "width", "%.2f", w);
		html_attr(h, "fill", nps_colour[i]);
		html_lit(h, "/>");
		x += w;
	}
	html_lit(h, "</svg>");
	nps_table(h, q, &n);
}

struct bar {
	const char *label;
	long count;
};

static int cmp_bar(const void *a, const void *b)
{
	const struct bar *x = a, *y = b;

	return x->count < y->count ? 1 : x->count > y->count ? -1 : 0;
}

/*
 * choice, yesno and multi, as the report: most chosen first unless the
 * options are ordered; a multi question's shares are of the people who
 * answered it. Returns 0 when nothing was answered.
 */
int admin_options(struct html *h, const struct stats *st,
		  const struct question *q, const struct keystats *k)
{
	int multi = q->type == Q_MULTI;
	struct bar *bars = xcalloc(q->options.n + 2, sizeof(*bars));
	struct buf okey = BUF_INIT;
	size_t n = 0;
	long base = multi ? stats_answered(&st->all, q->key)
			  : k ? k->codes.total : 0;
	long other = 0;

	for (size_t i = 0; i < q->options.n; i++)
		bars[n++] = (struct bar){ q->options.v[i].label,
			k ? codedist_count(&k->codes, q->options.v[i].code) : 0 };
	if (q->other) {
		buf_addf(&okey, "%s_other", q->key);
		other = stats_answered(&st->all, okey.s);
		bars[n++] = (struct bar){ q->other_label ? q->other_label
					  : "Other", other };
		if (!multi)
			base += other;
	}
	if (!base)
		goto out;
	if (!q->ordinal && q->type != Q_YESNO)
		qsort(bars, n, sizeof(*bars), cmp_bar);
	html_lit(h, "<p class=\"meta\">");
	html_num(h, base);
	if (multi)
		html_text(h, base == 1 ? " person answered. Percentages are of "
			  "the people who answered this question; they could "
			  "choose several, so percentages add up to more than "
			  "100%." : " people answered. Percentages are of the "
			  "people who answered this question; they could choose "
			  "several, so percentages add up to more than 100%.");
	else
		html_text(h, plural(base, " answer", " answers"));
	html_lit(h, "</p>");
	bars_start(h, q->label, "Option");
	for (size_t i = 0; i < n; i++)
		bar_row(h, bars[i].label, bars[i].count, base);
	html_lit(h, "</tbody></table></div>");
out:
	free(bars);
	buf_release(&okey);
	return base != 0;
}

/*
 * One bar: bipolar, diverging (disagreement left of the centre,
 * agreement right); ordinal, stacked from the left, 100% the full width.
 */
static void diverging(struct html *h, const struct stats_likert *l, size_t i)
{
	size_t L = l->levels->n, half = L / 2;
	double x = 100, neutral = 0, k = l->ordinal ? 2 : 1;

	for (size_t j = 0; j < half; j++)
		x -= stats_likert_pct(l, i, j);
	if (L % 2)
		neutral = stats_likert_pct(l, i, half);
	x -= neutral / 2;
	if (l->ordinal)
		x = 0;
	html_lit(h, "<svg class=\"bar diverging\" viewBox=\"0 0 200 10\" "
		 "preserveAspectRatio=\"none\" aria-hidden=\"true\" "
		 "focusable=\"false\">");
	for (size_t j = 0; j < L && l->v[i].n; j++) {
		double w = k * stats_likert_pct(l, i, j);

		html_lit(h, "<rect height=\"10\"");
		html_attrf(h, "x", "%.2f", x);
		html_attrf(h, "width", "%.2f", w);
		html_attr(h, "fill", colour_of(l, j));
		html_lit(h, "/>");
		x += w;
	}
	if (!l->ordinal)
		html_lit(h, "<line x1=\"100\" x2=\"100\" y1=\"0\" y2=\"10\" "
			 "stroke=\"#1d2329\" stroke-width=\"2\" "
			 "vector-effect=\"non-scaling-stroke\"/>");
	html_lit(h, "</svg>");
}

static void likert_head(struct html *h, const struct stats_likert *l)
{
	const struct optlist *lv = l->levels;
	struct buf b = BUF_INIT;

	stats_likert_share_name(l, STATS_SHARE_SORTED, &b);
	html_lit(h, "<p class=\"meta\">Sorted by ");
	html_text(h, b.s);
	if (l->ordinal)
		html_lit(h, ". Each bar reads from the lowest level on the "
			 "left to the highest on the right.</p>");
	else
		html_lit(h, " (the upper half of the scale). Each bar is "
			 "centred on the middle of the scale: disagreement to "
			 "the left, agreement to the right, the neutral answer "
			 "split across the line.</p>");
	html_lit(h, "<ul class=\"legend\" aria-label=\"Levels\">");
	buf_release(&b);
	for (size_t j = 0; j < lv->n; j++) {
		html_lit(h, "<li>");
		swatch(h, colour_of(l, j));
		html_text(h, lv->v[j].label);
		html_lit(h, "</li>");
	}
	html_lit(h, "</ul>");
}

/* The table of every level, after the chart; it may scroll sideways. */
static void likert_table(struct html *h, const struct question *q,
			 const struct stats_likert *l)
{
	const struct optlist *lv = l->levels;
	struct buf b = BUF_INIT;

	html_lit(h, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\"");
	html_attrf(h, "aria-label", "Table: %s", q->label);
	html_lit(h, "><table class=\"data likert\"><caption "
		 "class=\"visually-hidden\">");
	html_text(h, q->label);
	html_lit(h, "</caption><thead><tr><th scope=\"col\">Statement</th>");
	for (size_t j = 0; j < lv->n; j++) {
		html_lit(h, "<th scope=\"col\" class=\"level\">");
		html_text(h, lv->v[j].label);
		html_lit(h, "</th>");
	}
	stats_likert_share_name(l, STATS_SHARE_HEAD, &b);
	html_lit(h, "<th scope=\"col\" class=\"num agree\">");
	html_text(h, b.s);
	html_lit(h, "</th><th scope=\"col\" class=\"num\">n</th></tr>"
		 "</thead><tbody>");
	buf_release(&b);
	for (size_t i = 0; i < l->n; i++) {
		html_lit(h, "<tr><th scope=\"row\">");
		html_text(h, l->v[i].item->label);
		html_lit(h, "</th>");
		for (size_t j = 0; j < lv->n; j++) {
			html_lit(h, "<td class=\"num\">");
			html_textf(h, "%.0f%%", stats_likert_pct(l, i, j));
			html_lit(h, "</td>");
		}
		html_lit(h, "<td class=\"num agree\">");
		html_textf(h, "%.0f%%", l->v[i].agree_pct);
		html_lit(h, "</td><td class=\"num\">");
		html_num(h, l->v[i].n);
		html_lit(h, "</td></tr>");
	}
	html_lit(h, "</tbody></table></div>");
}

/*
 * The battery as the report sorts and counts it (stats_likert_gather).
 * Returns 0 (and writes nothing) when no item was answered.
 */
int admin_likert(struct html *h, const struct group *g,
		 const struct question *q)
{
	struct stats_likert l;
	long most = stats_likert_gather(&l, g, q);
	struct buf word = BUF_INIT;

	if (!most)
		goto out;
	likert_head(h, &l);
	stats_likert_share_name(&l, STATS_SHARE_WORD, &word);
	/* the chart repeats the table's numbers: hidden from screen readers */
	html_lit(h, "<ol class=\"likert-chart\" aria-hidden=\"true\">");
	for (size_t i = 0; i < l.n; i++) {
		html_lit(h, "<li><span class=\"statement\">");
		html_text(h, l.v[i].item->label);
		html_lit(h, "</span>");
		diverging(h, &l, i);
		html_lit(h, "<span class=\"agree\">");
		html_textf(h, "%.0f%%", l.v[i].agree_pct);
		html_lit(h, " <small>");
		html_text(h, word.s);
		html_lit(h, "</small></span></li>");
	}
	html_lit(h, "</ol>");
	likert_table(h, q, &l);
out:
	buf_release(&word);
	stats_likert_release(&l);
	return most != 0;
}
