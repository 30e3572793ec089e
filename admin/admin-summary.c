/*
 * admin-summary.c - /admin/forms/<form>: the statistics of the PDF
 * report on one page, for one event or a range (same filters as the
 * command line), with charts drawn as inline SVG next to the numbers
 * they show (the numbers stay in tables, so the charts are decoration
 * for screen readers), per-event figures and the latest comments. The
 * page and its comments live here; the question charts are in
 * admin-questions.c, the timeline and per-event trend in admin-trend.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "stats.h"

#define COMMENTS_SHOWN 5

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

/* The figures of q; 0 (and nothing written) when nobody answered it. */
static int question_body(struct areq *a, const struct stats *st,
			 const struct latest *l, const struct question *q)
{
	struct html *h = a->h;
	const struct keystats *k = group_key(&st->all, q->key);
	int numeric = q->type == Q_RATING || q->type == Q_NPS ||
		      q->type == Q_NUMBER;

	if (numeric && (!k || !k->nums.total))
		return 0;
	switch (q->type) {
	case Q_RATING:
		admin_numeric(h, q, k);
		admin_distribution(h, q, k, q->has_min ? q->min : 1,
			     q->has_max ? q->max : 5);
		break;
	case Q_NPS:
		admin_nps(h, q, k);
		break;
	case Q_NUMBER:
		admin_numeric(h, q, k);
		break;
	case Q_CHOICE:
	case Q_YESNO:
	case Q_MULTI:
		if (!admin_options(h, st, q, k))
			return 0;
		if (q->type == Q_MULTI && q->other) {
			struct buf key = BUF_INIT;

			html_lit(h, "<h4>Other answers</h4>");
			buf_addf(&key, "%s_other", q->key);
			comments(a, l, key.s);
			buf_release(&key);
		}
		break;
	case Q_LIKERT:
		return admin_likert(h, &st->all, q);
	case Q_TEXT:
	case Q_EMAIL:
		if (!a->is_admin && form_is_contact(q)) {
			html_lit(h, "<p class=\"meta\">Contact details are for "
				 "admins only.</p>");
			break;
		}
		if (q->type == Q_TEXT) {
			comments(a, l, q->key);
			break;
		}
		/* fall through */
	case Q_DATE:
		html_lit(h, "<p class=\"meta\">See the responses or the "
			 "export for these answers.</p>");
		break;
	case Q_SECTION:
		break;
	}
	return 1;
}

static void question(struct areq *a, const struct stats *st,
		     const struct latest *l, const struct question *q)
{
	struct html *h = a->h;

	html_lit(h, "<section class=\"panel question-summary\"");
	html_attrf(h, "aria-labelledby", "q-%s", q->key);
	html_lit(h, "><h3");
	html_attrf(h, "id", "q-%s", q->key);
	html_lit(h, ">");
	html_text(h, q->label);
	html_lit(h, "</h3>");
	if (!question_body(a, st, l, q))
		html_lit(h, "<p class=\"meta\">No answers yet.</p>");
	html_lit(h, "</section>\n");
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

/* Rows of store_count_answered(): respondents of multi and Other keys. */
static int on_answered(void *ctx, const struct store_row *row)
{
	if (row->key)
		stats_add_answered(ctx, row->event, row->key, row->count);
	return 0;
}

/*
 * Counts the people who answered each multi question and each Other
 * box, as the report does, into st. Returns 0 or -1 (logged).
 */
static int count_answered(struct store *db, const struct scope *sc,
			  const struct form *f, struct stats *st)
{
	char **keys = xcalloc(2 * f->nq + 1, sizeof(*keys));
	size_t n = 0;
	int ret = 0;

	for (size_t i = 0; i < f->nq; i++) {
		const struct question *q = &f->q[i];
		struct buf b = BUF_INIT;

		if (q->type == Q_MULTI)
			keys[n++] = xstrdup(q->key);
		if ((q->type == Q_MULTI || q->type == Q_CHOICE) && q->other) {
			buf_addf(&b, "%s_other", q->key);
			keys[n++] = buf_detach(&b, NULL);
		}
	}
	if (n)
		ret = store_count_answered(db, sc, (const char *const *)keys,
					   n, on_answered, st);
	for (size_t i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
	return ret ? -1 : 0;
}

/* What a summary page shows, gathered before anything is written. */
struct summary {
	const struct form *f;      /* with retired options: hist, if any */
	struct form *hist;
	const char *event;         /* ?event=, or NULL (borrowed) */
	struct scope sc;           /* borrows the query's strings */
	struct event one;          /* the event asked for, when have_one */
	int have_one;
	struct stats st;
	struct stats_scores one_scores;   /* of that event, in scope */
	struct stats_trend trend;  /* per-event figures of a per-event form */
	struct latest *l;          /* the newest comments */
	struct event *ev;          /* events in scope, by date */
	size_t nev;
	struct stats_findings findings;   /* the PDF's "Key findings" */
};

/*
 * The form, scope and event of the request into s (zeroed by the
 * caller). Returns 0, or 1 when the page does not exist.
 */
static int summary_scope(struct areq *a, struct summary *s)
{
	const struct form *f = formset_find(a->c->forms, a->arg);

	if (!f)
		return 1;
	s->hist = store_form_history(a->db, f);
	s->f = s->hist ? s->hist : f;
	f = s->f;
	s->event = areq_valid(a, "event");
	s->sc.form = f->key;
	s->sc.series = areq_valid(a, "series");
	s->sc.from = areq_valid(a, "from");
	s->sc.to = areq_valid(a, "to");
	if (!s->event)
		return 0;
	s->have_one = store_event_get(a->db, s->event, &s->one) == 1 &&
		      !strcmp(s->one.form, f->key);
	if (!s->have_one)
		return 1;
	s->sc.events = &s->event;
	s->sc.nevents = 1;
	return 0;
}

/*
 * Gathers everything the page shows into s (zeroed by the caller; release
 * with summary_release). Returns 0, 1 when the page does not exist, or
 * -1 when the store failed (logged).
 */
static int summary_load(struct areq *a, struct summary *s)
{
	const struct form *f;
	int ret = summary_scope(a, s);

	stats_init(&s->st);
	s->l = xcalloc(1, sizeof(*s->l));
	if (ret)
		return ret;
	f = s->f;
	s->l->f = f;
	for (size_t i = 0; i < f->nq; i++)
		s->l->text_keys += f->q[i].type == Q_TEXT ||
				   (f->q[i].type == Q_MULTI && f->q[i].other);
	if (stats_collect(&s->st, a->db, &s->sc) < 0 ||
	    count_answered(a->db, &s->sc, f, &s->st) < 0 ||
	    (s->l->text_keys &&
	     store_texts(a->db, &s->sc, on_text, s->l) < 0) ||
	    (f->per_event &&
	     store_scope_events(a->db, &s->sc, &s->ev, &s->nev) < 0))
		return -1;
	if (s->have_one)
		stats_scores(&s->one_scores, f,
			     stats_event(&s->st, s->one.key));
	stats_trend_gather(&s->trend, f, &s->st, s->ev, s->nev,
			   STATS_MIN_GROUP);
	stats_findings_gather(&s->findings, f, &s->st, &s->trend, s->ev,
			      s->nev);
	return 0;
}

static void summary_release(struct summary *s)
{
	for (size_t i = 0; s->l && i < s->l->n; i++) {
		free(s->l->v[i].key);
		free(s->l->v[i].event);
		free(s->l->v[i].text);
	}
	free(s->l);
	stats_trend_release(&s->trend);
	stats_findings_release(&s->findings);
	stats_release(&s->st);
	events_free(s->ev, s->nev);
	event_release(&s->one);
	form_free(s->hist);
}

/* The same sentences as the PDF's "Key findings" page, as a list. */
static void summary_findings(struct areq *a, const struct summary *s)
{
	struct html *h = a->h;

	if (!s->findings.n)
		return;
	html_lit(h, "<section class=\"panel\" aria-labelledby=\"find-h\">"
		 "<h2 id=\"find-h\">Key findings</h2>\n<ul class=\"findings\">");
	for (size_t i = 0; i < s->findings.n; i++) {
		html_lit(h, "<li>");
		html_text(h, s->findings.v[i]);
		html_lit(h, "</li>\n");
	}
	html_lit(h, "</ul></section>\n");
}

/* The heading and the line under it: the event, or the filters. */
static void summary_head(struct areq *a, const struct summary *s)
{
	struct html *h = a->h;

	html_lit(h, "<h1>");
	html_text(h, s->have_one ? s->one.title : s->f->title);
	html_lit(h, "</h1>\n<p class=\"meta\">");
	if (s->have_one) {
		html_text(h, s->f->title);
		html_lit(h, " \xc2\xb7 ");
		page_date(h, s->one.date);
		html_lit(h, " \xc2\xb7 <a");
		page_hreff(a->p, "/admin/events/%s", s->one.key);
		html_lit(h, ">Event details</a> \xc2\xb7 <a");
		page_hreff(a->p, "/admin/forms/%s", s->f->key);
		html_lit(h, ">All events</a>");
	} else {
		html_text(h, s->sc.from || s->sc.to || s->sc.series
				     ? "Filtered" : "All responses");
		if (s->sc.series)
			html_textf(h, " \xc2\xb7 series %s", s->sc.series);
		if (s->sc.from)
			html_textf(h, " \xc2\xb7 from %s", s->sc.from);
		if (s->sc.to)
			html_textf(h, " \xc2\xb7 to %s", s->sc.to);
	}
	html_lit(h, "</p>\n");
}

/* Responses, the response rate or number of events, the small-group note. */
static void summary_figures(struct areq *a, const struct summary *s)
{
	struct html *h = a->h;
	char v[32];

	html_lit(h, "<p class=\"figures\">");
	snprintf(v, sizeof(v), "%ld", s->st.all.responses);
	admin_figure(h, plural(s->st.all.responses, "response", "responses"),
		     v);
	if (s->have_one && s->one.attendees > 0) {
		snprintf(v, sizeof(v), "%.0f%%",
			 stats_pct(s->one_scores.responses, s->one.attendees));
		admin_figure(h, "response rate", v);
	} else if (s->f->per_event && !s->have_one) {
		snprintf(v, sizeof(v), "%zu", s->nev);
		admin_figure(h, plural((long long)s->nev, "event", "events"),
			     v);
	}
	html_lit(h, "</p>\n");
	if (s->have_one &&
	    stats_group_small(s->one_scores.responses, STATS_MIN_GROUP)) {
		html_lit(h, "<p class=\"note\">");
		html_textf(h, "Fewer than %d responses: figures for this event "
			   "can identify people and swing widely. Share with "
			   "care.", STATS_MIN_GROUP);
		html_lit(h, "</p>\n");
	}
}

static void summary_links(struct areq *a, const struct summary *s)
{
	struct html *h = a->h;
	struct buf q = BUF_INIT;

	link_query(a, &s->sc, &q);
	html_lit(h, "<ul class=\"inline-links downloads\"><li><a class=\"button\"");
	page_hreff(a->p, "/admin/report?%s", q.s);
	html_lit(h, ">Download PDF report</a></li><li><a");
	page_hreff(a->p, "/admin/export?%s", q.s);
	html_lit(h, ">Export for Excel</a></li><li><a");
	page_hreff(a->p, "/admin/export?options=1&%s", q.s);
	html_lit(h, ">Export options</a></li><li><a");
	page_hreff(a->p, "/admin/responses?%s", q.s);
	html_lit(h, ">Responses</a></li></ul>\n");
	buf_release(&q);
}

static void summary_render(struct areq *a, const struct summary *s)
{
	struct html *h = a->h;
	const struct form *f = s->f;

	a->p->rs->status = 200;
	admin_begin(a, f->title, NULL);
	summary_head(a, s);
	summary_figures(a, s);
	summary_links(a, s);
	if (!s->st.all.responses) {
		html_lit(h, "<p class=\"panel\">No responses yet. They appear "
			 "here as soon as they are submitted.</p>\n");
	} else {
		summary_findings(a, s);
		admin_timeline(h, &s->st);
		if (f->per_event && !s->have_one)
			admin_trend(a, f, &s->trend);
		html_lit(h, "<h2>Questions</h2>\n");
		for (size_t i = 0; i < f->nq; i++)
			if (f->q[i].type != Q_SECTION)
				question(a, &s->st, s->l, &f->q[i]);
	}
	admin_end(a);
}

int admin_forms(struct areq *a)
{
	struct summary s = { 0 };
	int ret = summary_load(a, &s);

	if (ret > 0)
		admin_not_found(a);
	else if (ret < 0)
		admin_error(a, 500, "Something went wrong",
			    "The responses could not be counted.");
	else
		summary_render(a, &s);
	summary_release(&s);
	return 0;
}
