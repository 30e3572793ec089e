/*
 * report-cover.c - the first page of a report: organisation, title,
 * scope and totals, then the summary table per event (or the key figures
 * of a single event), with small events left out of the table.
 */
#include <string.h>

#include "date.h"
#include "report-int.h"
#include "util.h"

/* Attendees and responses over the events that have an attendee count. */
static void rate_of(const struct rpt *r, const size_t *idx, size_t n,
		    long *att, long *resp)
{
	*att = *resp = 0;
	for (size_t i = 0; i < n; i++) {
		const struct event *e = &r->ev[idx ? idx[i] : i];
		const struct group *g = stats_event(&r->st, e->key);

		if (e->attendees > 0) {
			*att += e->attendees;
			*resp += g ? g->responses : 0;
		}
	}
}

/* Mean, median of the score and the NPS of s as text ("–" when none). */
static void score_text(const struct stats_scores *s, struct buf *mean,
		       struct buf *median, struct buf *nps)
{
	if (s->score.n) {
		buf_addf(mean, "%.2f", s->score.mean);
		buf_addf(median, "%g", s->score.median);
	} else {
		buf_adds(mean, "\xe2\x80\x93");
		buf_adds(median, "\xe2\x80\x93");
	}
	stats_nps_text(nps, &s->nps);
}

/* "Score: “label” (1 to 5). " of the form's first rating, into b. */
static void score_name(const struct rpt *r, struct buf *b)
{
	const struct question *q = stats_first_question(r->form, Q_RATING);

	if (q)
		buf_addf(b, "Score: \xe2\x80\x9c%s\xe2\x80\x9d (%g to %g).",
			 q->label, q->min, q->max);
}

/* The top of the score's scale (5 when the form has no rating). */
static double s_max(const struct rpt *r)
{
	const struct question *q = stats_first_question(r->form, Q_RATING);

	return q && q->has_max ? q->max : 5;
}

/*
 * "Score: mean 3.63 of 5, median 4, of “label” (1 to 5)." of one
 * event's scores s, into b; nothing when the form has no rating.
 */
static void score_sentence(const struct rpt *r, const struct stats_scores *s,
			   struct buf *b)
{
	const struct question *q = stats_first_question(r->form, Q_RATING);

	if (!q)
		return;
	if (s->score.n)
		buf_addf(b, "Score: mean %.2f of %g, median %g, for "
			 "\xe2\x80\x9c%s\xe2\x80\x9d (%g to %g).",
			 s->score.mean, q->max, s->score.median, q->label,
			 q->min, q->max);
	else
		buf_addf(b, "Score: no answers to \xe2\x80\x9c%s\xe2\x80\x9d.",
			 q->label);
}

/* A row of big figures with small captions. */
static void figures(struct rpt *r, const char *const *num,
		    const char *const *cap, size_t n)
{
	double gap = 8, h = 58;
	double w = (r->x1 - r->x0 - gap * (double)(n - 1)) / (double)n;

	rp_need(r, h + 10);
	for (size_t i = 0; i < n; i++) {
		double x = r->x0 + (double)i * (w + gap);

		pdf_rect(r->pdf, x, r->y, w, h, COL_HEAD);
		pdf_text(r->pdf, x + 12, r->y + 30, PDF_BOLD, 20, COL_ACCENT,
			 num[i]);
		pdf_text(r->pdf, x + 12, r->y + 47, PDF_REGULAR, SZ_SMALL,
			 COL_MUTED, cap[i]);
	}
	r->y += h + 12;
}

static void scope_text(const struct rpt *r, struct buf *b)
{
	const struct scope *sc = &r->o->scope;

	if (sc->nevents == 1 && r->nev == 1)
		buf_addf(b, "Event: %s, %s", r->ev[0].title, r->ev[0].date);
	else if (sc->nevents)
		buf_addf(b, "%zu selected %s", sc->nevents,
			 plural((long long)sc->nevents, "event", "events"));
	if (sc->series)
		buf_addf(b, "%sSeries: %s", b->len ? " \xc2\xb7 " : "",
			 sc->series);
	if (sc->from || sc->to)
		buf_addf(b, "%s%s%s to %s", b->len ? " \xc2\xb7 " : "",
			 r->form->per_event ? "Events from " : "From ",
			 sc->from ? sc->from : "the start",
			 sc->to ? sc->to : "today");
	if (!b->len)
		buf_adds(b, r->form->per_event ? "All events" : "All responses");
}

void rp_cover(struct rpt *r, const char *date)
{
	struct buf b = BUF_INIT, n[4] = { BUF_INIT, BUF_INIT, BUF_INIT,
					  BUF_INIT };
	const char *num[4], *cap[4];
	long att, resp;

	rp_new_page(r);
	r->y = 120;
	if (r->site && r->site->name)
		rp_para(r, r->site->name, PDF_BOLD, 11, COL_ACCENT, 0);
	rp_space(r, 14);
	{
		struct pdf_lines l = { 0 };

		pdf_wrap(r->pdf, PDF_BOLD, 28, r->title, r->x1 - r->x0, &l);
		for (size_t i = 0; i < l.n; i++) {
			r->y += 34;
			pdf_text(r->pdf, r->x0, r->y, PDF_BOLD, 28, COL_TEXT,
				 l.v[i]);
		}
		pdf_lines_release(&l);
	}
	rp_space(r, 14);
	buf_addf(&b, "Form: %s", r->form->title ? r->form->title
						  : r->form->key);
	rp_para(r, b.s, PDF_REGULAR, 12, COL_MUTED, 0);
	buf_reset(&b);
	scope_text(r, &b);
	rp_para(r, b.s, PDF_REGULAR, 12, COL_MUTED, 0);
	buf_reset(&b);
	{
		char zone[128];

		date_zone_name(zone, sizeof(zone));
		buf_addf(&b, "Generated %s. Dates and times are in %s.", date,
			 zone);
	}
	rp_para(r, b.s, PDF_REGULAR, 10, COL_MUTED, 0);
	rp_space(r, 30);
	rp_fmt_count(&n[0], r->st.all.responses);
	num[0] = n[0].s;
	cap[0] = "Responses";
	if (r->form->per_event && r->nev == 1 && r->o->scope.nevents == 1) {
		/* one event: its key figures follow instead */
	} else if (r->form->per_event) {
		rate_of(r, NULL, r->nev, &att, &resp);
		rp_fmt_count(&n[1], (long)r->nev);
		num[1] = n[1].s;
		cap[1] = plural(r->nev, "Event", "Events");
		if (att)
			rp_fmt_count(&n[2], att);
		else
			buf_adds(&n[2], "\xe2\x80\x93");
		num[2] = n[2].s;
		cap[2] = "Attendees (where counted)";
		if (att)
			rp_fmt_pct(&n[3], stats_pct(resp, att));
		else
			buf_adds(&n[3], "\xe2\x80\x93");
		num[3] = n[3].s;
		cap[3] = "Response rate";
		figures(r, num, cap, 4);
	} else {
		buf_adds(&n[1], r->st.ndays ? r->st.days[0].day : "\xe2\x80\x93");
		buf_adds(&n[2], r->st.ndays ? r->st.days[r->st.ndays - 1].day
				  : "\xe2\x80\x93");
		num[1] = n[1].s;
		num[2] = n[2].s;
		cap[1] = "First response";
		cap[2] = "Latest response";
		figures(r, num, cap, 3);
	}
	for (int i = 0; i < 4; i++)
		buf_release(&n[i]);
	buf_release(&b);
}

static void summary_one(struct rpt *r, const struct event *e)
{
	struct stats_scores s;
	struct buf mean = BUF_INIT, med = BUF_INIT, nps = BUF_INIT,
		   b = BUF_INIT, rate = BUF_INIT;
	const char *num[4], *cap[4];

	stats_scores(&s, r->form, stats_event(&r->st, e->key));
	rp_heading(r, 0, "Key figures", 1);
	score_sentence(r, &s, &b);
	if (b.len) {
		rp_para(r, b.s, PDF_REGULAR, SZ_SMALL, COL_MUTED, 0);
		rp_space(r, 4);
		buf_reset(&b);
	}
	score_text(&s, &mean, &med, &nps);
	if (s.score.n)
		buf_addf(&b, "%s of %g", mean.s, s_max(r));
	else
		buf_adds(&b, mean.s);
	num[0] = b.s;
	cap[0] = "Mean score";
	num[1] = nps.s;
	cap[1] = "Net Promoter Score";
	buf_reset(&mean);
	rp_fmt_count(&mean, s.responses);
	num[2] = mean.s;
	cap[2] = "Responses";
	if (e->attendees > 0)
		rp_fmt_pct(&rate, stats_pct(s.responses, e->attendees));
	else
		buf_adds(&rate, "\xe2\x80\x93");
	num[3] = rate.s;
	cap[3] = "Response rate";
	figures(r, num, cap, 4);
	buf_reset(&b);
	buf_addf(&b, "%s", e->date);
	if (e->location)
		buf_addf(&b, " \xc2\xb7 %s", e->location);
	if (e->presenter)
		buf_addf(&b, " \xc2\xb7 presented by %s", e->presenter);
	if (e->attendees > 0)
		buf_addf(&b, " \xc2\xb7 %ld attendees", e->attendees);
	rp_para(r, b.s, PDF_REGULAR, SZ_BODY, COL_TEXT, 0);
	if (stats_group_small(s.responses, r->o->min_group)) {
		buf_reset(&b);
		buf_addf(&b, "Fewer than %ld responses: figures for this event "
			 "can identify people and swing widely. Share with care.",
			 r->o->min_group);
		rp_para(r, b.s, PDF_BOLD, SZ_BODY, COL_WARN, 0);
	}
	buf_release(&mean);
	buf_release(&med);
	buf_release(&nps);
	buf_release(&b);
	buf_release(&rate);
}

static void event_row(struct rpt *r, struct table *t, const struct event *e,
		      const struct stats_scores *s, long att, long resp,
		      int bold)
{
	struct buf a = BUF_INIT, n = BUF_INIT, rate = BUF_INIT, mean = BUF_INIT,
		   med = BUF_INIT, nps = BUF_INIT;
	const char *cells[8];

	if (att > 0)
		rp_fmt_count(&a, att);
	rp_fmt_count(&n, s->responses);
	if (att > 0)
		rp_fmt_pct(&rate, stats_pct(resp, att));
	score_text(s, &mean, &med, &nps);
	cells[0] = e ? e->date : "";
	cells[1] = e ? e->title : "All events";
	cells[2] = att > 0 ? a.s : "\xe2\x80\x93";
	cells[3] = n.s;
	cells[4] = att > 0 ? rate.s : "\xe2\x80\x93";
	cells[5] = mean.s;
	cells[6] = med.s;
	cells[7] = nps.s;
	/* the event title is the wrapping column: swap it first */
	{
		const char *w[8] = { cells[1], cells[0], cells[2], cells[3],
				     cells[4], cells[5], cells[6], cells[7] };

		rp_table_row(r, t, w, bold);
	}
	buf_release(&a);
	buf_release(&n);
	buf_release(&rate);
	buf_release(&mean);
	buf_release(&med);
	buf_release(&nps);
}

void rp_summary(struct rpt *r)
{
	static const struct col cols[] = {
		{ "Event", 150, 0 }, { "Date", 58, 0 }, { "Attendees", 54, 1 },
		{ "Responses", 56, 1 }, { "Response rate", 50, 1 },
		{ "Score mean", 42, 1 }, { "Score median", 48, 1 },
		{ "NPS", 37, 1 },
	};
	struct table t;
	struct buf b = BUF_INIT;
	struct stats_scores all;
	long att, resp;

	if (!r->form->per_event)
		return;
	if (r->nev == 1 && r->o->scope.nevents == 1) {
		summary_one(r, &r->ev[0]);
		return;
	}
	rp_heading(r, 0, "Summary by event", 1);
	score_name(r, &b);
	if (b.len)
		buf_addc(&b, ' ');
	buf_adds(&b, "Response rate counts only events with a known number "
		 "of attendees.");
	rp_note(r, b.s, PDF_REGULAR, SZ_SMALL, COL_MUTED);
	rp_table_start(r, &t, cols, ARRAY_SIZE(cols), r->trend.n + 1);
	for (size_t i = 0; i < r->trend.n; i++) {
		const struct stats_event_row *row = &r->trend.v[i];

		event_row(r, &t, row->e, &row->s, row->e->attendees,
			  row->s.responses, 0);
	}
	rate_of(r, NULL, r->nev, &att, &resp);
	stats_scores(&all, r->form, &r->st.all);
	event_row(r, &t, NULL, &all, att, resp, 1);
	rp_table_end(r, &t);
	if (r->trend.hidden) {
		size_t hidden = r->trend.hidden;

		buf_reset(&b);
		buf_addf(&b, "%zu %s with fewer than %ld responses %s not shown "
			 "separately, to protect respondents; %s responses "
			 "count in the totals.", hidden,
			 plural(hidden, "event", "events"), r->o->min_group,
			 plural(hidden, "is", "are"),
			 plural(hidden, "its", "their"));
		rp_para(r, b.s, PDF_REGULAR, SZ_BODY, COL_TEXT, 0);
	}
	if (r->nev == 0)
		rp_para(r, "No events in this scope.", PDF_REGULAR, SZ_BODY,
			COL_TEXT, 0);
	buf_release(&b);
}
