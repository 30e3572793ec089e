/*
 * admin-summary.c - /admin/forms/<form>: the statistics of the PDF
 * report on one page, for one event or a range (same filters as the
 * command line), with charts drawn as inline SVG next to the numbers
 * they show (the numbers stay in tables, so the charts are decoration
 * for screen readers), per-event figures and the latest comments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "stats.h"

#define COMMENTS_SHOWN 5
#define DAYS_SHOWN 90

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

static void figure(struct html *h, const char *label, const char *value)
{
	html_lit(h, "<span class=\"figure\"><strong>");
	html_text(h, value);
	html_lit(h, "</strong> ");
	html_text(h, label);
	html_lit(h, "</span> ");
}

static void numeric(struct html *h, const struct question *q,
		    const struct keystats *k)
{
	struct numstats ns;
	char v[64];

	stats_num(&k->nums, &ns);
	html_lit(h, "<p class=\"figures\">");
	snprintf(v, sizeof(v), "%ld", ns.n);
	figure(h, "answers", v);
	snprintf(v, sizeof(v), "%.2f", ns.mean);
	figure(h, "mean", v);
	snprintf(v, sizeof(v), "%g", ns.median);
	figure(h, "median", v);
	if (q->type == Q_NUMBER) {
		snprintf(v, sizeof(v), "%g\xe2\x80\x93%g", ns.min, ns.max);
		figure(h, "range", v);
	}
	html_lit(h, "</p>");
}

static void distribution(struct html *h, const struct question *q,
			 const struct keystats *k, double lo, double hi)
{
	char label[64];

	bars_start(h, q->label, "Answer");
	for (double x = lo; x <= hi; x += 1) {
		if (x == lo && q->ends[0])
			snprintf(label, sizeof(label), "%g", x);
		else
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

static void nps(struct html *h, const struct question *q,
		const struct keystats *k)
{
	struct nps n;
	char v[64];

	stats_nps(&k->nums, &n);
	html_lit(h, "<p class=\"figures\">");
	snprintf(v, sizeof(v), "%+.0f", n.score);
	figure(h, "net promoter score", v);
	snprintf(v, sizeof(v), "%ld", n.n);
	figure(h, "answers", v);
	html_lit(h, "</p>");
	if (n.n && n.n < 30)
		html_lit(h, "<p class=\"meta\">Fewer than 30 answers: read the "
			 "score as a rough indication.</p>");
	bars_start(h, q->label, "Group");
	bar_row(h, "Promoters (9\xe2\x80\x93" "10)", n.promoters, n.n);
	bar_row(h, "Passives (7\xe2\x80\x93" "8)", n.passives, n.n);
	bar_row(h, "Detractors (0\xe2\x80\x93" "6)", n.detractors, n.n);
	html_lit(h, "</tbody></table></div>");
}

static void options(struct html *h, const struct question *q,
		    const struct keystats *k, long base, int multi)
{
	bars_start(h, q->label, "Option");
	for (size_t i = 0; i < q->options.n; i++)
		bar_row(h, q->options.v[i].label,
			k ? codedist_count(&k->codes, q->options.v[i].code) : 0,
			multi ? base : k ? k->codes.total : 0);
	html_lit(h, "</tbody></table></div>");
	if (multi)
		html_lit(h, "<p class=\"meta\">Shares are of all responses; "
			 "people could tick several, so they add up to more "
			 "than 100%.</p>");
}

static void likert(struct html *h, const struct group *g,
		   const struct question *q)
{
	const struct optlist *lv = q->scale ? &q->scale->opts : &q->options;

	html_lit(h, "<ul class=\"legend\" aria-label=\"Levels\">");
	for (size_t j = 0; j < lv->n; j++) {
		html_lit(h, "<li><svg class=\"swatch\" viewBox=\"0 0 10 10\" "
			 "aria-hidden=\"true\" focusable=\"false\">"
			 "<rect width=\"10\" height=\"10\"");
		html_attr(h, "fill", level_colour(j, lv->n));
		html_lit(h, "/></svg>");
		html_text(h, lv->v[j].label);
		html_lit(h, "</li>");
	}
	/* wide: it may scroll sideways, so keyboards must reach it */
	html_lit(h, "</ul><div class=\"table-wrap\" role=\"region\" "
		 "tabindex=\"0\"");
	html_attrf(h, "aria-label", "Table: %s", q->label);
	html_lit(h, "><table class=\"bars likert\"><caption "
		 "class=\"visually-hidden\">");
	html_text(h, q->label);
	html_lit(h, "</caption><thead><tr><th scope=\"col\">Statement</th>"
		 "<th scope=\"col\"><span class=\"visually-hidden\">Chart"
		 "</span></th>");
	for (size_t j = 0; j < lv->n; j++) {
		html_lit(h, "<th scope=\"col\" class=\"level\">");
		html_text(h, lv->v[j].label);
		html_lit(h, "</th>");
	}
	html_lit(h, "<th scope=\"col\" class=\"num\">n</th></tr></thead><tbody>");
	for (size_t i = 0; i < q->items.n; i++) {
		const struct keystats *k = group_key(g, q->items.v[i].code);
		long total = k ? k->codes.total : 0;
		double x = 0;

		html_lit(h, "<tr><th scope=\"row\">");
		html_text(h, q->items.v[i].label);
		html_lit(h, "</th><td class=\"bar-cell\"><svg class=\"bar\" "
			 "viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" "
			 "aria-hidden=\"true\" focusable=\"false\">");
		for (size_t j = 0; j < lv->n && total; j++) {
			double w = stats_pct(codedist_count(&k->codes,
							    lv->v[j].code),
					     total);

			html_lit(h, "<rect height=\"10\"");
			html_attrf(h, "x", "%.2f", x);
			html_attrf(h, "width", "%.2f", w);
			html_attr(h, "fill", level_colour(j, lv->n));
			html_lit(h, "/>");
			x += w;
		}
		html_lit(h, "</svg></td>");
		for (size_t j = 0; j < lv->n; j++) {
			html_lit(h, "<td class=\"num\">");
			html_textf(h, "%.0f%%",
				   stats_pct(k ? codedist_count(&k->codes,
								lv->v[j].code)
					       : 0,
					     total));
			html_lit(h, "</td>");
		}
		html_lit(h, "<td class=\"num\">");
		html_num(h, total);
		html_lit(h, "</td></tr>");
	}
	html_lit(h, "</tbody></table></div>");
}

/* ---- comments ---- */

struct latest {
	const struct form *f;
	struct { char *key, *event, *text; long long when; } v[256];
	size_t n;
	size_t per_key_full;       /* keys with COMMENTS_SHOWN already */
	size_t text_keys;
};

static size_t count_for(const struct latest *l, const char *key)
{
	size_t n = 0;

	for (size_t i = 0; i < l->n; i++)
		n += !strcmp(l->v[i].key, key);
	return n;
}

static int on_text(void *ctx, const struct store_row *row)
{
	struct latest *l = ctx;
	const char *t = row->text;
	size_t have;

	if (!row->key || !t || l->n == ARRAY_SIZE(l->v))
		return l->n == ARRAY_SIZE(l->v);
	while (*t == ' ' || *t == '\n' || *t == '\r' || *t == '\t')
		t++;
	if (!*t)
		return 0;
	have = count_for(l, row->key);
	if (have >= COMMENTS_SHOWN)
		return 0;
	l->v[l->n].key = xstrdup(row->key);
	l->v[l->n].event = xstrdup(row->event);
	l->v[l->n].text = xstrdup(row->text);
	l->v[l->n].when = row->submitted;
	l->n++;
	if (have + 1 == COMMENTS_SHOWN && ++l->per_key_full >= l->text_keys)
		return 1;           /* every text question has its share */
	return 0;
}

static void comments(struct areq *a, const struct latest *l,
		     const char *key)
{
	struct html *h = a->h;
	size_t shown = 0;

	for (size_t i = 0; i < l->n; i++) {
		if (strcmp(l->v[i].key, key))
			continue;
		if (!shown++)
			html_lit(h, "<ul class=\"comments\">");
		html_lit(h, "<li><blockquote><p>");
		html_text(h, l->v[i].text);
		html_lit(h, "</p></blockquote><p class=\"meta\">");
		page_time(h, l->v[i].when);
		if (l->v[i].event) {
			html_lit(h, " \xc2\xb7 ");
			html_text(h, l->v[i].event);
		}
		html_lit(h, "</p></li>");
	}
	if (shown)
		html_lit(h, "</ul>");
	else
		html_lit(h, "<p class=\"meta\">No comments yet.</p>");
}

static void question(struct areq *a, const struct stats *st,
		     const struct latest *l, const struct question *q)
{
	struct html *h = a->h;
	const struct keystats *k = group_key(&st->all, q->key);

	html_lit(h, "<section class=\"panel question-summary\"");
	html_attrf(h, "aria-labelledby", "q-%s", q->key);
	html_lit(h, "><h3");
	html_attrf(h, "id", "q-%s", q->key);
	html_lit(h, ">");
	html_text(h, q->label);
	html_lit(h, "</h3>");
	switch (q->type) {
	case Q_RATING:
		if (!k || !k->nums.total)
			goto none;
		numeric(h, q, k);
		distribution(h, q, k, q->has_min ? q->min : 1,
			     q->has_max ? q->max : 5);
		break;
	case Q_NPS:
		if (!k || !k->nums.total)
			goto none;
		nps(h, q, k);
		break;
	case Q_NUMBER:
		if (!k || !k->nums.total)
			goto none;
		numeric(h, q, k);
		break;
	case Q_CHOICE:
	case Q_YESNO:
		if (!k || !k->codes.total)
			goto none;
		html_lit(h, "<p class=\"meta\">");
		html_num(h, k->codes.total);
		html_lit(h, " answers</p>");
		options(h, q, k, st->all.responses, 0);
		break;
	case Q_MULTI:
		options(h, q, k, st->all.responses, 1);
		if (q->other) {
			html_lit(h, "<h4>Other answers</h4>");
			{
				struct buf key = BUF_INIT;

				buf_addf(&key, "%s_other", q->key);
				comments(a, l, key.s);
				buf_release(&key);
			}
		}
		break;
	case Q_LIKERT:
		likert(h, &st->all, q);
		break;
	case Q_TEXT:
		comments(a, l, q->key);
		break;
	case Q_EMAIL:
	case Q_DATE:
		html_lit(h, "<p class=\"meta\">See the responses or the "
			 "export for these answers.</p>");
		break;
	case Q_SECTION:
		break;
	}
	html_lit(h, "</section>\n");
	return;
none:
	html_lit(h, "<p class=\"meta\">No answers yet.</p></section>\n");
}

static void days_chart(struct html *h, const struct stats *st)
{
	size_t first = st->ndays > DAYS_SHOWN ? st->ndays - DAYS_SHOWN : 0;
	long max = 1;
	double w;

	if (!st->ndays)
		return;
	for (size_t i = first; i < st->ndays; i++)
		if (st->days[i].count > max)
			max = st->days[i].count;
	w = 100.0 / (double)(st->ndays - first);
	html_lit(h, "<figure class=\"days\"><svg class=\"columns\" "
		 "viewBox=\"0 0 100 30\" preserveAspectRatio=\"none\" "
		 "role=\"img\"");
	html_attrf(h, "aria-label", "Responses per day from %s to %s, at most "
		   "%ld a day", st->days[first].day, st->days[st->ndays - 1].day,
		   max);
	html_lit(h, ">");
	for (size_t i = first; i < st->ndays; i++) {
		double ht = 30.0 * (double)st->days[i].count / (double)max;

		html_lit(h, "<rect fill=\"#0b4f6c\"");
		html_attrf(h, "x", "%.3f", w * (double)(i - first) + w * 0.1);
		html_attrf(h, "y", "%.3f", 30.0 - ht);
		html_attrf(h, "width", "%.3f", w * 0.8);
		html_attrf(h, "height", "%.3f", ht);
		html_lit(h, "/>");
	}
	html_lit(h, "</svg><figcaption>");
	html_textf(h, "Responses per day, %s to %s", st->days[first].day,
		   st->days[st->ndays - 1].day);
	html_lit(h, "</figcaption></figure>\n");
}

static void event_table(struct areq *a, const struct form *f,
			const struct stats *st, struct event *ev, size_t nev)
{
	struct html *h = a->h;
	const struct question *first = NULL, *nq = NULL;

	for (size_t i = 0; i < f->nq; i++) {
		if (f->q[i].type == Q_RATING && !first)
			first = &f->q[i];
		if (f->q[i].type == Q_NPS && !nq)
			nq = &f->q[i];
	}
	html_lit(h, "<h2>Per event</h2><div class=\"table-wrap\"><table "
		 "class=\"data\"><caption class=\"visually-hidden\">Responses "
		 "per event</caption><thead><tr><th scope=\"col\">Event</th>"
		 "<th scope=\"col\" class=\"num\">Responses</th><th "
		 "scope=\"col\" class=\"num\">Response rate</th>");
	if (first) {
		html_lit(h, "<th scope=\"col\" class=\"num\">Mean ");
		html_text(h, first->key);
		html_lit(h, "</th>");
	}
	if (nq)
		html_lit(h, "<th scope=\"col\" class=\"num\">NPS</th>");
	html_lit(h, "</tr></thead><tbody>");
	for (size_t i = 0; i < nev; i++) {
		const struct group *g = stats_event(st, ev[i].key);
		const struct keystats *k = g && first ? group_key(g, first->key)
						      : NULL;

		html_lit(h, "<tr><th scope=\"row\"><a");
		page_hreff(a->p, "/admin/forms/%s?event=%s", f->key, ev[i].key);
		html_lit(h, ">");
		html_text(h, ev[i].title);
		html_lit(h, "</a><span class=\"meta\">");
		html_text(h, ev[i].date);
		html_lit(h, "</span></th><td class=\"num\">");
		html_num(h, ev[i].responses);
		html_lit(h, "</td><td class=\"num\">");
		if (ev[i].attendees > 0)
			html_textf(h, "%.0f%%", stats_pct(ev[i].responses,
							  ev[i].attendees));
		else
			html_lit(h, "\xe2\x80\x93");
		html_lit(h, "</td>");
		if (first) {
			struct numstats ns = { 0 };

			if (k)
				stats_num(&k->nums, &ns);
			html_lit(h, "<td class=\"num\">");
			if (ns.n)
				html_textf(h, "%.2f", ns.mean);
			else
				html_lit(h, "\xe2\x80\x93");
			html_lit(h, "</td>");
		}
		if (nq) {
			const struct keystats *kn = g ? group_key(g, nq->key)
						      : NULL;
			struct nps np = { 0 };

			if (kn)
				stats_nps(&kn->nums, &np);
			html_lit(h, "<td class=\"num\">");
			if (np.n)
				html_textf(h, "%+.0f", np.score);
			else
				html_lit(h, "\xe2\x80\x93");
			html_lit(h, "</td>");
		}
		html_lit(h, "</tr>");
	}
	html_lit(h, "</tbody></table></div>\n");
}

/* The filters as they go into a download link. */
static void link_query(struct areq *a, const struct scope *sc,
		       struct buf *q)
{
	const char *n[] = { "event", "series", "from", "to" };
	const char *v[] = { sc->nevents ? sc->events[0] : NULL, sc->series,
			    sc->from, sc->to };

	buf_addf(q, "form=%s", sc->form);
	for (size_t i = 0; i < 4; i++) {
		if (!v[i])
			continue;
		buf_addf(q, "&%s=", n[i]);
		for (const unsigned char *s = (const unsigned char *)v[i]; *s;
		     s++) {
			if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
			    (*s >= '0' && *s <= '9') || *s == '-' || *s == '_')
				buf_addc(q, *s);
			else
				buf_addf(q, "%%%02X", *s);
		}
	}
}

static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

int admin_forms(struct areq *a)
{
	struct html *h = a->h;
	const struct form *f = a->p->nseg == 3
				       ? formset_find(a->c->forms, a->p->seg[2])
				       : NULL;
	const char *event = nonempty(areq_query(a, "event"));
	struct scope sc = { 0 };
	struct stats st;
	struct latest *l;
	struct event *ev = NULL, one = { 0 };
	size_t nev = 0;
	struct buf q = BUF_INIT;
	int have_one = 0;

	if (!f || a->post) {
		admin_not_found(a);
		return 0;
	}
	sc.form = f->key;
	sc.series = nonempty(areq_query(a, "series"));
	sc.from = nonempty(areq_query(a, "from"));
	sc.to = nonempty(areq_query(a, "to"));
	if ((sc.from && !date_valid(sc.from)) || (sc.to && !date_valid(sc.to)))
		sc.from = sc.to = NULL;
	if (event) {
		have_one = store_event_get(a->db, event, &one) == 1 &&
			   !strcmp(one.form, f->key);
		if (!have_one) {
			event_release(&one);
			admin_not_found(a);
			return 0;
		}
		sc.events = &event;
		sc.nevents = 1;
	}
	stats_init(&st);
	l = xcalloc(1, sizeof(*l));
	l->f = f;
	for (size_t i = 0; i < f->nq; i++)
		l->text_keys += f->q[i].type == Q_TEXT ||
				(f->q[i].type == Q_MULTI && f->q[i].other);
	if (stats_collect(&st, a->db, &sc) < 0 ||
	    (l->text_keys && store_texts(a->db, &sc, on_text, l) < 0) ||
	    (f->per_event && store_scope_events(a->db, &sc, &ev, &nev) < 0)) {
		admin_error(a, 500, "Something went wrong",
			    "The responses could not be counted.");
		goto out;
	}
	a->p->rs->status = 200;
	admin_begin(a, f->title, NULL);
	html_lit(h, "<h1>");
	html_text(h, have_one ? one.title : f->title);
	html_lit(h, "</h1>\n<p class=\"meta\">");
	if (have_one) {
		html_text(h, f->title);
		html_lit(h, " \xc2\xb7 ");
		page_date(h, one.date);
		html_lit(h, " \xc2\xb7 <a");
		page_hreff(a->p, "/admin/events/%s", one.key);
		html_lit(h, ">Event details</a> \xc2\xb7 <a");
		page_hreff(a->p, "/admin/forms/%s", f->key);
		html_lit(h, ">All events</a>");
	} else {
		html_text(h, sc.from || sc.to || sc.series ? "Filtered"
							   : "All responses");
		if (sc.series)
			html_textf(h, " \xc2\xb7 series %s", sc.series);
		if (sc.from)
			html_textf(h, " \xc2\xb7 from %s", sc.from);
		if (sc.to)
			html_textf(h, " \xc2\xb7 to %s", sc.to);
	}
	html_lit(h, "</p>\n<p class=\"figures\">");
	{
		char v[32];

		snprintf(v, sizeof(v), "%ld", st.all.responses);
		figure(h, "responses", v);
		if (have_one && one.attendees > 0) {
			snprintf(v, sizeof(v), "%.0f%%",
				 stats_pct(one.responses, one.attendees));
			figure(h, "response rate", v);
		} else if (f->per_event && !have_one) {
			snprintf(v, sizeof(v), "%zu", nev);
			figure(h, "events", v);
		}
	}
	html_lit(h, "</p>\n");
	link_query(a, &sc, &q);
	html_lit(h, "<ul class=\"inline-links downloads\"><li><a class=\"button\"");
	page_hreff(a->p, "/admin/report?%s", q.s);
	html_lit(h, ">Download PDF report</a></li><li><a");
	page_hreff(a->p, "/admin/export?%s", q.s);
	html_lit(h, ">CSV export</a></li><li><a");
	page_hreff(a->p, "/admin/export?%s&format=jsonl", q.s);
	html_lit(h, ">JSON Lines</a></li><li><a");
	page_hreff(a->p, "/admin/responses?%s", q.s);
	html_lit(h, ">Responses</a></li></ul>\n");
	if (!st.all.responses) {
		html_lit(h, "<p class=\"panel\">No responses yet. They appear "
			 "here as soon as they are submitted.</p>\n");
	} else {
		days_chart(h, &st);
		if (f->per_event && !have_one && nev > 1)
			event_table(a, f, &st, ev, nev);
		html_lit(h, "<h2>Questions</h2>\n");
		for (size_t i = 0; i < f->nq; i++)
			if (f->q[i].type != Q_SECTION)
				question(a, &st, l, &f->q[i]);
	}
	admin_end(a);
out:
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].key);
		free(l->v[i].event);
		free(l->v[i].text);
	}
	free(l);
	buf_release(&q);
	stats_release(&st);
	events_free(ev, nev);
	event_release(&one);
	return 0;
}
