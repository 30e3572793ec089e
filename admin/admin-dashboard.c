/*
 * admin-dashboard.c - /admin: every form and event with its response
 * count, the responses of the last seven days, open or closed, and the
 * links a committee member wants the morning after an event.
 */
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
	html_lit(h, ">PDF report</a></li>");
	if (event) {
		html_lit(h, "<li><a");
		page_hreff(a->p, "/admin/events/%s", event);
		html_lit(h, ">Event details and QR code</a></li>");
	}
	html_lit(h, "</ul>");
}

static void events_table(struct areq *a, const struct form *f)
{
	struct html *h = a->h;
	struct event *ev = NULL;
	size_t n = 0;

	if (store_event_list(a->db, f->key, &ev, &n) < 0 || !n) {
		html_lit(h, "<p>No events yet.");
		if (a->is_admin) {
			html_lit(h, " <a");
			page_href(a->p, "/admin/events#new");
			html_lit(h, ">Create the first one</a>.");
		}
		html_lit(h, "</p>\n");
		events_free(ev, n);
		return;
	}
	html_lit(h, "<div class=\"table-wrap\"><table class=\"data\">"
		 "<caption class=\"visually-hidden\">Events of ");
	html_text(h, f->title);
	html_lit(h, ", newest first</caption><thead><tr><th scope=\"col\">"
		 "Event</th><th scope=\"col\">State</th>"
		 "<th scope=\"col\" class=\"num\">Responses</th>"
		 "<th scope=\"col\" class=\"num\">Last 7 days</th>"
		 "<th scope=\"col\">Links</th></tr></thead><tbody>\n");
	for (size_t i = n; i-- > 0;) {
		const struct event *e = &ev[i];
		long week = store_count_since(a->db, f->key, e->key,
					      a->p->now - WEEK);

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
		html_num(h, week < 0 ? 0 : week);
		html_lit(h, "</td><td>");
		form_links(a, f->key, e->key);
		html_lit(h, "</td></tr>\n");
	}
	html_lit(h, "</tbody></table></div>\n");
	events_free(ev, n);
}

int admin_dashboard(struct areq *a)
{
	struct html *h = a->h;
	const struct formset *fs = a->c->forms;

	a->p->rs->status = 200;
	admin_begin(a, "Dashboard", "dashboard");
	html_lit(h, "<h1>Dashboard</h1>\n<p class=\"lead\">Every form and "
		 "event with its responses. Spam is not counted.</p>\n");
	if (a->is_admin) {
		html_lit(h, "<p><a class=\"button\"");
		page_href(a->p, "/admin/events#new");
		html_lit(h, ">Create an event</a></p>\n");
	}
	for (size_t i = 0; i < fs->n; i++) {
		const struct form *f = fs->v[i];
		long total = store_count_responses(a->db, f->key);
		long week = store_count_since(a->db, f->key, NULL,
					      a->p->now - WEEK);

		html_lit(h, "<section class=\"panel form-panel\"");
		html_attrf(h, "aria-labelledby", "form-%s", f->key);
		html_lit(h, "><h2");
		html_attrf(h, "id", "form-%s", f->key);
		html_lit(h, ">");
		html_text(h, f->title);
		html_lit(h, "</h2><p class=\"figures\"><span class=\"figure\">"
			 "<strong>");
		html_num(h, total < 0 ? 0 : total);
		html_lit(h, "</strong> responses</span> <span class=\"figure\">"
			 "<strong>");
		html_num(h, week < 0 ? 0 : week);
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
			events_table(a, f);
		html_lit(h, "</section>\n");
	}
	admin_end(a);
	return 0;
}
