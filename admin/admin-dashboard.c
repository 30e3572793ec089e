/*
 * admin-dashboard.c - /admin: every form and event with its response
 * count, the responses of the last seven days, open or closed, and the
 * links a committee member wants the morning after an event.
 */
#include <stdlib.h>
#include <string.h>

#include "admin.h"

#define WEEK (7 * 24 * 60 * 60)

static void form_links(struct areq *a, const char *form, const char *event)
{
	struct html *h = a->h;

	html_lit(h, "<ul class=\"inline-links\"><li><a");
	if (event)
		page_hreff(a->p, "/admin/forms/%s?event=%s", form, event);
	else
		page_hreff(a->p, "/admin/forms/%s", form);
	html_lit(h, ">Summary</a></li><li><a");
	if (event)
		page_hreff(a->p, "/admin/responses?form=%s&event=%s", form,
			   event);
	else
		page_hreff(a->p, "/admin/responses?form=%s", form);
	html_lit(h, ">Responses</a></li><li><a");
	if (event)
		page_hreff(a->p, "/admin/report?form=%s&event=%s", form, event);
	else
		page_hreff(a->p, "/admin/report?form=%s", form);
	html_lit(h, ">PDF report</a></li><li><a");
	if (event)
		page_hreff(a->p, "/admin/export?form=%s&event=%s", form, event);
	else
		page_hreff(a->p, "/admin/export?form=%s", form);
	html_lit(h, ">Export for Excel</a></li><li><a");
	if (event)
		page_hreff(a->p, "/admin/export?options=1&form=%s&event=%s",
			   form, event);
	else
		page_hreff(a->p, "/admin/export?options=1&form=%s", form);
	html_lit(h, ">Export options</a></li>");
	if (event) {
		html_lit(h, "<li><a");
		page_hreff(a->p, "/admin/events/%s", event);
		html_lit(h, ">Event details and QR code</a></li>");
	}
	html_lit(h, "</ul>");
}

/* What the dashboard shows of one form, read before anything is written. */
struct panel {
	const struct form *f;
	long total, week;           /* responses; -1 unknown */
	struct event *ev;           /* per-event forms: its events, date order */
	long *ev_week;              /* the last 7 days of each */
	size_t nev;
};

static void panels_free(struct panel *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		events_free(v[i].ev, v[i].nev);
		free(v[i].ev_week);
	}
	free(v);
}

/* The figures of every form (one panel each, in form order). */
static struct panel *panels_load(struct areq *a)
{
	const struct formset *fs = a->c->forms;
	struct panel *v = xcalloc(fs->n + 1, sizeof(*v));
	long long since = a->p->now - WEEK;

	for (size_t i = 0; i < fs->n; i++) {
		struct panel *pl = &v[i];

		pl->f = fs->v[i];
		pl->total = store_count_responses(a->db, pl->f->key);
		pl->week = store_count_since(a->db, pl->f->key, NULL, since);
		if (!pl->f->per_event ||
		    store_event_list(a->db, pl->f->key, &pl->ev, &pl->nev) < 0)
			continue;
		pl->ev_week = xcalloc(pl->nev + 1, sizeof(*pl->ev_week));
		for (size_t k = 0; k < pl->nev; k++)
			pl->ev_week[k] = store_count_since(a->db, pl->f->key,
							   pl->ev[k].key,
							   since);
	}
	return v;
}

static void event_row(struct areq *a, const struct panel *pl, size_t k)
{
	struct html *h = a->h;
	const struct event *e = &pl->ev[k];

	html_lit(h, "<tr><th scope=\"row\"><a");
	page_hreff(a->p, "/admin/events/%s", e->key);
	html_lit(h, ">");
	html_text(h, e->title);
	html_lit(h, "</a><span class=\"meta\">");
	page_date(h, e->date);
	html_lit(h, "</span></th><td>");
	admin_event_tag(a, e);
	html_lit(h, "</td><td class=\"num\">");
	html_num(h, e->responses);
	if (e->attendees > 0) {
		html_lit(h, "<span class=\"meta\">of ");
		html_num(h, e->attendees);
		html_lit(h, "</span>");
	}
	html_lit(h, "</td><td class=\"num\">");
	html_num(h, pl->ev_week[k] < 0 ? 0 : pl->ev_week[k]);
	html_lit(h, "</td><td>");
	form_links(a, pl->f->key, e->key);
	html_lit(h, "</td></tr>\n");
}

static void events_table(struct areq *a, const struct panel *pl)
{
	struct html *h = a->h;

	if (!pl->nev) {
		html_lit(h, "<p>No events yet.");
		if (a->is_admin) {
			html_lit(h, " <a");
			page_href(a->p, "/admin/events#new");
			html_lit(h, ">Create the first one</a>.");
		}
		html_lit(h, "</p>\n");
		return;
	}
	html_lit(h, "<div class=\"table-wrap\"><table class=\"data\">"
		 "<caption class=\"visually-hidden\">Events of ");
	html_text(h, pl->f->title);
	html_lit(h, ", newest first</caption><thead><tr><th scope=\"col\">"
		 "Event</th><th scope=\"col\">State</th>"
		 "<th scope=\"col\" class=\"num\">Responses</th>"
		 "<th scope=\"col\" class=\"num\">Last 7 days</th>"
		 "<th scope=\"col\">Links</th></tr></thead><tbody>\n");
	for (size_t k = pl->nev; k-- > 0;)
		event_row(a, pl, k);
	html_lit(h, "</tbody></table></div>\n");
}

static void form_panel(struct areq *a, const struct panel *pl)
{
	struct html *h = a->h;
	const struct form *f = pl->f;

	html_lit(h, "<section class=\"panel form-panel\"");
	html_attrf(h, "aria-labelledby", "form-%s", f->key);
	html_lit(h, "><h2");
	html_attrf(h, "id", "form-%s", f->key);
	html_lit(h, ">");
	html_text(h, f->title);
	html_lit(h, "</h2><p class=\"figures\"><span class=\"figure\">"
		 "<strong>");
	html_num(h, pl->total < 0 ? 0 : pl->total);
	html_lit(h, "</strong> ");
	html_text(h, plural(pl->total, "response", "responses"));
	html_lit(h, "</span> <span class=\"figure\"><strong>");
	html_num(h, pl->week < 0 ? 0 : pl->week);
	html_lit(h, "</strong> in the last 7 days</span> "
		 "<span class=\"meta\">");
	if (f->per_event) {
		html_lit(h, "Answered for one event at ");
		html_textf(h, "/f/%s/EVENT", f->key);
	} else {
		html_lit(h, "Standing form, always open at ");
		html_textf(h, "/f/%s", f->key);
	}
	html_lit(h, "</span></p>");
	form_links(a, f->key, NULL);
	if (f->per_event)
		events_table(a, pl);
	html_lit(h, "</section>\n");
}

int admin_dashboard(struct areq *a)
{
	struct html *h = a->h;
	struct panel *v = panels_load(a);

	a->p->rs->status = 200;
	admin_begin(a, "Dashboard", "dashboard");
	html_lit(h, "<h1>Dashboard</h1>\n<p class=\"lead\">Every form and "
		 "event with its responses. Spam is not counted.</p>\n");
	if (a->is_admin) {
		html_lit(h, "<p><a class=\"button\"");
		page_href(a->p, "/admin/events#new");
		html_lit(h, ">Create an event</a></p>\n");
	}
	for (size_t i = 0; i < a->c->forms->n; i++)
		form_panel(a, &v[i]);
	admin_end(a);
	panels_free(v, a->c->forms->n);
	return 0;
}
