/*
 * admin-trend.c - a form summary over time: responses per day or per
 * month on a calendar axis, and the "Per event" part: the overall score
 * (mean of the form's first rating) and the NPS of each event in date
 * order, as inline SVG charts with the same numbers in a table. The
 * figures are gathered by stats_trend_gather() (reports/stats-figures.c),
 * the same as the report's: this file only draws them.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "date.h"
#include "stats.h"

#define DASH "\xe2\x80\x93"

/* Chart geometry, in viewBox units (the SVG scales to its box). */
#define CW 480.0               /* width */
#define CH 230.0               /* height */
#define PL 56.0                /* plot area: left, right, top, bottom */
#define PR 470.0
#define PT 22.0
#define PB 184.0

#define DAILY_MAX 92            /* longer spans are counted per month */

/* Days since 1970-01-01 of a YYYY-MM-DD date; 0 when it is not one. */
static long day_number(const char *ymd)
{
	long z = 0;

	return date_ymd_days(ymd, &z) < 0 ? 0 : z;
}

static long month_number(const char *ymd)
{
	int y = 1970, m = 1;

	if (sscanf(ymd, "%d-%d", &y, &m) != 2 || m < 1 || m > 12)
		return 0;
	return (long)y * 12 + m - 1;
}

/* Responses per day or month over the span of a stats' days. */
struct slots {
	const char *a, *z;     /* first and last day (borrowed) */
	int monthly;
	long first, n, max;    /* first slot's number, slots, largest count */
	long *count;           /* n counts; free() it */
};

static void slots_count(struct slots *s, const struct stats *st)
{
	s->a = st->days[0].day;
	s->z = st->days[st->ndays - 1].day;
	s->monthly = day_number(s->z) - day_number(s->a) + 1 > DAILY_MAX;
	s->first = s->monthly ? month_number(s->a) : day_number(s->a);
	s->n = (s->monthly ? month_number(s->z) : day_number(s->z)) -
	       s->first + 1;
	if (s->n < 1)
		s->n = 1;
	s->max = 1;
	s->count = xcalloc((size_t)s->n, sizeof(*s->count));
	for (size_t i = 0; i < st->ndays; i++) {
		const char *d = st->days[i].day;
		long k = (s->monthly ? month_number(d) : day_number(d)) -
			 s->first;

		if (k >= 0 && k < s->n)
			s->count[k] += st->days[i].count;
	}
	for (long k = 0; k < s->n; k++)
		s->max = s->count[k] > s->max ? s->count[k] : s->max;
}

void admin_timeline(struct html *h, const struct stats *st)
{
	struct slots s;
	const char *unit;
	size_t slots;
	double w;

	if (!st->ndays)
		return;
	slots_count(&s, st);
	unit = s.monthly ? "month" : "day";
	/* a short span: narrow columns from the left, not slabs */
	slots = (size_t)(s.n > (s.monthly ? 12 : 14) ? s.n
						    : s.monthly ? 12 : 14);
	w = 100.0 / (double)slots;
	html_lit(h, "<figure class=\"days\"><svg class=\"columns\" "
		 "viewBox=\"0 0 100 30\" preserveAspectRatio=\"none\" "
		 "role=\"img\"");
	html_attrf(h, "aria-label", "Responses per %s from %s to %s, at most "
		   "%ld a %s", unit, s.a, s.z, s.max, unit);
	html_lit(h, ">");
	for (long k = 0; k < s.n; k++) {
		double ht = 30.0 * (double)s.count[k] / (double)s.max;

		if (!s.count[k])
			continue;
		html_lit(h, "<rect fill=\"#0b4f6c\"");
		html_attrf(h, "x", "%.3f", w * (double)k + w * 0.1);
		html_attrf(h, "y", "%.3f", 30.0 - ht);
		html_attrf(h, "width", "%.3f", w * 0.8);
		html_attrf(h, "height", "%.3f", ht);
		html_lit(h, "/>");
	}
	html_lit(h, "</svg><figcaption>");
	if (s.monthly)
		html_textf(h, "Responses per month, %s %.4s to %s %.4s (at most "
			   "%ld in a month)", date_month_abbr((int)(s.first % 12) + 1), s.a,
			   date_month_abbr((int)((s.first + s.n - 1) % 12) + 1), s.z, s.max);
	else
		html_textf(h, "Responses per day, %s to %s (at most %ld in a "
			   "day)", s.a, s.z, s.max);
	html_lit(h, "</figcaption></figure>\n");
	free(s.count);
}

static double ypos(double v, double lo, double hi)
{
	if (hi <= lo)
		return PB;
	return PB - (PB - PT) * (v - lo) / (hi - lo);
}

static double xpos(size_t i, size_t n)
{
	return PL + (PR - PL) * ((double)i + 0.5) / (double)n;
}

/* Horizontal grid lines with their values, every step from lo to hi. */
static void grid(struct html *h, double lo, double hi, double step,
		 const char *fmt_plus)
{
	for (double v = lo; v <= hi + 1e-9; v += step) {
		double y = ypos(v, lo, hi);

		html_lit(h, "<line x1=\"56\" x2=\"470\"");
		html_attrf(h, "y1", "%.1f", y);
		html_attrf(h, "y2", "%.1f", y);
		html_attr(h, "stroke", fabs(v) < 1e-9 && lo < 0 ? "#333b45"
								  : "#d5dae0");
		html_lit(h, "/><text class=\"tick\" x=\"48\" text-anchor=\"end\"");
		html_attrf(h, "y", "%.1f", y + 6);
		html_lit(h, ">");
		if (fmt_plus && v > 0)
			html_textf(h, "+%g", v);
		else
			html_textf(h, "%g", v);
		html_lit(h, "</text>");
	}
}

/* Dates under the plot, thinned so that they never overlap. */
static void xlabels(struct html *h, const struct stats_trend *t)
{
	size_t every = (t->n + 3) / 4;

	for (size_t i = 0; i < t->n; i++) {
		if (i % every && i != t->n - 1)
			continue;
		if (i != t->n - 1 && t->n - 1 - i < every && i)
			continue;      /* too close to the last one */
		html_lit(h, "<text class=\"tick\" text-anchor=\"middle\"");
		/* a date is about 100 units wide: keep it inside the box */
		html_attrf(h, "x", "%.1f", fmin(fmax(xpos(i, t->n), 52),
						CW - 52));
		html_attrf(h, "y", "%.1f", PB + 26);
		html_lit(h, ">");
		html_text(h, t->v[i].e->date);
		html_lit(h, "</text>");
	}
}

static void chart_open(struct html *h, const char *id, const char *title,
		       const struct buf *desc)
{
	html_lit(h, "<figure class=\"trend\"><svg class=\"trend-chart\" "
		 "viewBox=\"0 0 480 230\" role=\"img\"");
	html_attrf(h, "aria-labelledby", "%s-t", id);
	html_attrf(h, "aria-describedby", "%s-d", id);
	html_lit(h, "><title");
	html_attrf(h, "id", "%s-t", id);
	html_lit(h, ">");
	html_text(h, title);
	html_lit(h, "</title><desc");
	html_attrf(h, "id", "%s-d", id);
	html_lit(h, ">");
	html_text(h, desc->s);
	html_lit(h, "</desc>");
}

static void chart_close(struct html *h, const char *caption)
{
	html_lit(h, "</svg><figcaption>");
	html_text(h, caption);
	html_lit(h, "</figcaption></figure>");
}

/* The mean of the first rating: a line through the events. */
static void mean_chart(struct html *h, const struct stats_trend *t)
{
	const struct question *q = t->rating;
	double lo = q->has_min ? q->min : 1, hi = q->has_max ? q->max : 5;
	double step = hi - lo > 10 ? ceil((hi - lo) / 5) : 1;
	struct buf desc = BUF_INIT, cap = BUF_INIT, path = BUF_INIT;

	buf_addf(&desc, "Mean answer per event, on a scale from %g to %g:", lo,
		 hi);
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].s.score.n)
			buf_addf(&desc, "%s %s %.2f", i ? ";" : "",
				 t->v[i].e->date, t->v[i].s.score.mean);
	buf_addf(&cap, "Mean of \xe2\x80\x9c%s\xe2\x80\x9d (%g to %g) per event",
		 q->label, lo, hi);
	chart_open(h, "trend-mean", cap.s, &desc);
	grid(h, lo, hi, step, NULL);
	for (size_t i = 0; i < t->n; i++) {
		if (!t->v[i].s.score.n)
			continue;
		buf_addf(&path, "%s%.1f %.1f", path.len ? " L" : "M",
			 xpos(i, t->n), ypos(t->v[i].s.score.mean, lo, hi));
	}
	if (path.len) {
		html_lit(h, "<path fill=\"none\" stroke=\"#0b4f6c\" "
			 "stroke-width=\"3\"");
		html_attr(h, "d", path.s);
		html_lit(h, "/>");
	}
	for (size_t i = 0; i < t->n; i++) {
		double x = xpos(i, t->n), y;

		if (!t->v[i].s.score.n)
			continue;
		y = ypos(t->v[i].s.score.mean, lo, hi);
		html_lit(h, "<circle r=\"5\" fill=\"#0b4f6c\"");
		html_attrf(h, "cx", "%.1f", x);
		html_attrf(h, "cy", "%.1f", y);
		html_lit(h, "/><text class=\"value\" text-anchor=\"middle\"");
		html_attrf(h, "x", "%.1f", x);
		html_attrf(h, "y", "%.1f", y < PT + 22 ? y + 22 : y - 10);
		html_lit(h, ">");
		html_textf(h, "%.2f", t->v[i].s.score.mean);
		html_lit(h, "</text>");
	}
	xlabels(h, t);
	chart_close(h, cap.s);
	buf_release(&desc);
	buf_release(&cap);
	buf_release(&path);
}

/* The NPS: columns up or down from zero, -100..100. */
static void nps_chart(struct html *h, const struct stats_trend *t)
{
	double w = fmin((PR - PL) / (double)t->n * 0.6, 60);
	struct buf desc = BUF_INIT;

	buf_adds(&desc, "Net promoter score per event, from -100 to +100:");
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].s.nps.n)
{
			buf_addf(&desc, "%s %s ", i ? ";" : "",
				 t->v[i].e->date);
			stats_nps_text(&desc, &t->v[i].s.nps);
		}
	chart_open(h, "trend-nps", "Net promoter score per event", &desc);
	grid(h, -100, 100, 50, "+");
	for (size_t i = 0; i < t->n; i++) {
		double x = xpos(i, t->n), y0 = ypos(0, -100, 100), y;

		if (!t->v[i].s.nps.n)
			continue;
		y = ypos(t->v[i].s.nps.score, -100, 100);
		html_lit(h, "<rect");
		html_attrf(h, "x", "%.1f", x - w / 2);
		html_attrf(h, "y", "%.1f", y < y0 ? y : y0);
		html_attrf(h, "width", "%.1f", w);
		html_attrf(h, "height", "%.1f", fabs(y0 - y) < 1 ? 1 : fabs(y0 - y));
		html_attr(h, "fill", t->v[i].s.nps.score < 0 ? "#b34700" : "#0072b2");
		html_lit(h, "/><text class=\"value\" text-anchor=\"middle\"");
		html_attrf(h, "x", "%.1f", x);
		html_attrf(h, "y", "%.1f", t->v[i].s.nps.score < 0 ? y + 20 : y - 7);
		html_lit(h, ">");
		html_textf(h, "%+ld", stats_nps_rounded(&t->v[i].s.nps));
		html_lit(h, "</text>");
	}
	xlabels(h, t);
	chart_close(h, "Net promoter score per event (\xe2\x88\x92" "100 to +100)");
	buf_release(&desc);
}

static void table(struct areq *a, const struct form *f, const struct stats_trend *t)
{
	struct html *h = a->h;

	html_lit(h, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" "
		 "aria-label=\"Table: figures per event\"><table class=\"data "
		 "per-event-table\"><caption class=\"visually-hidden\">Figures "
		 "per event</caption><thead><tr><th scope=\"col\">Event</th>"
		 "<th scope=\"col\" class=\"num\">Responses<span "
		 "class=\"meta\">and rate</span></th>");
	if (t->rating) {
		html_lit(h, "<th scope=\"col\" class=\"num\"><abbr");
		html_attr(h, "title", t->rating->label);
		html_lit(h, ">Mean</abbr></th>");
	}
	if (t->nps)
		html_lit(h, "<th scope=\"col\" class=\"num\">NPS</th>");
	html_lit(h, "</tr></thead><tbody>");
	for (size_t i = 0; i < t->n; i++) {
		const struct stats_event_row *pt = &t->v[i];

		html_lit(h, "<tr><th scope=\"row\"><a");
		page_hreff(a->p, "/admin/forms/%s?event=%s", f->key,
			   pt->e->key);
		html_lit(h, ">");
		html_text(h, pt->e->title);
		html_lit(h, "</a><span class=\"meta\">");
		html_text(h, pt->e->date);
		html_lit(h, "</span></th><td class=\"num\">");
		html_num(h, pt->s.responses);
		if (pt->e->attendees > 0) {
			html_lit(h, "<span class=\"meta\">");
			html_textf(h, "%.0f%% of %ld", stats_pct(pt->s.responses,
				   pt->e->attendees), pt->e->attendees);
			html_lit(h, "</span>");
		}
		html_lit(h, "</td>");
		if (t->rating) {
			html_lit(h, "<td class=\"num\">");
			if (pt->s.score.n)
				html_textf(h, "%.2f", pt->s.score.mean);
			else
				html_lit(h, DASH);
			html_lit(h, "</td>");
		}
		if (t->nps) {
			html_lit(h, "<td class=\"num\">");
			if (pt->s.nps.n) {
				struct buf nb = BUF_INIT;

				stats_nps_text(&nb, &pt->s.nps);
				html_text(h, nb.s);
				buf_release(&nb);
			} else {
				html_lit(h, DASH);
			}
			html_lit(h, "</td>");
		}
		html_lit(h, "</tr>");
	}
	html_lit(h, "</tbody></table></div>\n");
}

void admin_trend(struct areq *a, const struct form *f,
		 const struct stats_trend *t)
{
	struct html *h = a->h;

	if (!t->n && !t->hidden)
		return;
	html_lit(h, "<section class=\"per-event\" aria-labelledby=\"per-event\">"
		 "<h2 id=\"per-event\">Per event</h2>\n");
	if (t->n >= 2 && (t->rating || t->nps)) {
		html_lit(h, "<div class=\"trends\">");
		if (t->rating)
			mean_chart(h, t);
		if (t->nps)
			nps_chart(h, t);
		html_lit(h, "</div>\n");
	}
	if (t->n)
		table(a, f, t);
	if (t->hidden) {
		html_lit(h, "<p class=\"note\">");
		html_textf(h, "%zu %s with fewer than %ld responses %s not shown "
			   "separately, to protect respondents; %s responses "
			   "count in the totals.", t->hidden,
			   plural(t->hidden, "event", "events"), t->min_group,
			   plural(t->hidden, "is", "are"),
			   plural(t->hidden, "its", "their"));
		html_lit(h, "</p>\n");
	}
	html_lit(h, "</section>\n");
}
