/*
 * admin-events.c - /admin/events (list and create) and /admin/events/<key>
 * (details, edit, open and close, the public link with its QR code;
 * the downloads are in admin-handout.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin.h"
#include "event.h"
#include "qr.h"

const char *admin_event_state(const struct event *e, long long now,
			      const char **cls)
{
	const char *c = "open", *s = "Open";

	if (e->opens && now < e->opens) {
		c = "soon";
		s = "Not open yet";
	} else if (e->closes && now >= e->closes) {
		c = "closed";
		s = "Closed";
	}
	if (cls)
		*cls = c;
	return s;
}

void admin_event_tag(struct areq *a, const struct event *e)
{
	const char *cls;
	const char *s = admin_event_state(e, a->p->now, &cls);

	html_lit(a->h, "<span");
	html_attrf(a->h, "class", "tag tag-%s", cls);
	html_lit(a->h, ">");
	html_text(a->h, s);
	html_lit(a->h, "</span>");
}

static void add(struct fields *out, const char *name, const char *v)
{
	fields_add(out, name, v ? v : "", v ? strlen(v) : 0);
}

/* The event's fields as its form shows them (see event_field_text()). */
static void event_fields(const struct event *e, struct fields *out)
{
	struct buf b = BUF_INIT;

	for (int f = 0; f < EVENT_NFIELDS; f++) {
		buf_reset(&b);
		event_field_text(e, (enum event_field)f, &b);
		add(out, event_field_name((enum event_field)f), b.s);
	}
	buf_release(&b);
}

static const char *val(const struct fields *f, const char *name)
{
	const struct field *x = fields_get(f, name);

	if (!x || strlen(x->value) != x->len || !utf8_valid(x->value, x->len))
		return NULL;
	return x->value;
}

/*
 * Checks the posted fields against the event rules (core/event.c) into
 * *e (strings owned by e: release it). old: the stored event when
 * editing (a field posted as it was shown keeps its stored value), NULL
 * when creating. Errors go to err by field name.
 */
static void check_event(struct areq *a, const struct event *old,
			struct event *e, struct admin_errors *err)
{
	/* a value that breaks every rule, for a field sent with a NUL */
	static const char broken[] = "\x01";
	struct event_spec spec = { { 0 } };
	struct event_errors ev = { .n = 0 };

	for (int f = 0; f < EVENT_NFIELDS; f++) {
		const struct field *x = fields_get(&a->form,
			event_field_name((enum event_field)f));

		if (x)
			spec.v[f] = strlen(x->value) == x->len ? x->value
							       : broken;
	}
	event_check(&spec, old, a->c->forms, e, &ev);
	for (size_t i = 0; i < ev.n; i++)
		admin_error_add(err, event_field_name(ev.v[i].field),
				ev.v[i].msg);
	if (!old && !admin_error_for(err, "key")) {
		struct event other = { 0 };

		if (store_event_get(a->db, e->key, &other) == 1)
			admin_error_add(err, "key", "Another event has this "
					"address; choose another");
		event_release(&other);
	}
}

/*
 * The fields of an event's form with the values v; stored is the event
 * being edited (NULL: creating), whose format is offered even when the
 * value shown is not a format code.
 */
static void event_form(struct areq *a, const struct fields *v,
		       const struct event *stored,
		       const struct admin_errors *err)
{
	const char *fv[16], *fl[16], *own = val(v, "format");
	size_t nf = 0;
	const struct formset *fs = a->c->forms;
	int creating = !stored;

	if (creating) {
		for (size_t i = 0; i < fs->n && nf < 16; i++)
			if (fs->v[i]->per_event) {
				fv[nf] = fs->v[i]->key;
				fl[nf++] = fs->v[i]->title;
			}
		admin_select(a, "form", "Feedback form", fv, fl, nf,
			     val(v, "form"), admin_error_for(err, "form"));
	}
	admin_input(a, "title", "Title", NULL, "text", val(v, "title"), "off",
		    admin_error_for(err, "title"), INPUT_REQUIRED);
	if (creating)
		admin_input(a, "key", "Short address",
			    "Lower-case letters, digits and dashes; it "
			    "becomes the link /f/FORM/ADDRESS and cannot "
			    "change later.", "text", val(v, "key"), "off",
			    admin_error_for(err, "key"), INPUT_REQUIRED);
	admin_input(a, "date", "Date", "YYYY-MM-DD", "date", val(v, "date"),
		    "off", admin_error_for(err, "date"), INPUT_REQUIRED);
	admin_input(a, "location", "Location", NULL, "text",
		    val(v, "location"), "off", admin_error_for(err, "location"),
		    0);
	if (!event_format_valid(own))
		own = stored ? stored->format : NULL;
	nf = event_format_choices(own, fv, fl, ARRAY_SIZE(fv));
	admin_select(a, "format", "Format", fv, fl, nf, val(v, "format"),
		     admin_error_for(err, "format"));
	admin_input(a, "presenter", "Presenter", NULL, "text",
		    val(v, "presenter"), "off",
		    admin_error_for(err, "presenter"), 0);
	admin_input(a, "attendees", "Attendees",
		    "How many came, for the response rate. Can be added later.",
		    "number", val(v, "attendees"), "off",
		    admin_error_for(err, "attendees"), 0);
	admin_input(a, "series", "Series",
		    "Optional tag that groups events in reports, e.g. "
		    "webinars-2026.", "text", val(v, "series"), "off",
		    admin_error_for(err, "series"), 0);
	admin_input(a, "opens", "Feedback opens",
		    "Local date and time; empty: 00:00 on the event's date.",
		    "datetime-local", val(v, "opens"), "off",
		    admin_error_for(err, "opens"), 0);
	admin_input(a, "closes", "Feedback closes",
		    "Local date and time; empty: after the days below.",
		    "datetime-local", val(v, "closes"), "off",
		    admin_error_for(err, "closes"), 0);
	admin_input(a, "window-days", "Days of feedback",
		    "Feedback closes this many days after the event's date; "
		    "empty: 14 for a new event.", "number",
		    val(v, "window-days"), "off",
		    admin_error_for(err, "window-days"), 0);
	admin_certificate_field(a, v, err);
}

static void list_page(struct areq *a, int status, const struct fields *v,
		      const struct admin_errors *err)
{
	struct html *h = a->h;
	struct event *ev = NULL;
	size_t n = 0;

	a->p->rs->status = status;
	buf_reset(&h->b);
	admin_begin(a, "Events", "events");
	if (err)
		admin_error_summary(a, err);
	html_lit(h, "<h1>Events</h1>\n");
	if (store_event_list(a->db, NULL, &ev, &n) < 0)
		n = 0;
	if (!n) {
		html_lit(h, "<p>There are no events yet.</p>\n");
	} else {
		html_lit(h, "<div class=\"table-wrap\"><table class=\"data\">"
			 "<caption class=\"visually-hidden\">All events, newest "
			 "first</caption><thead><tr><th scope=\"col\">Event"
			 "</th><th scope=\"col\">Date</th><th scope=\"col\">"
			 "Form</th><th scope=\"col\">State</th><th scope=\"col\""
			 " class=\"num\">Responses</th></tr></thead><tbody>\n");
		for (size_t i = n; i-- > 0;) {
			const struct form *f =
				formset_find(a->c->forms, ev[i].form);

			html_lit(h, "<tr><th scope=\"row\"><a");
			page_hreff(a->p, "/admin/events/%s", ev[i].key);
			html_lit(h, ">");
			html_text(h, ev[i].title);
			html_lit(h, "</a></th><td>");
			html_text(h, ev[i].date);
			html_lit(h, "</td><td>");
			html_text(h, f ? f->title : ev[i].form);
			html_lit(h, "</td><td>");
			admin_event_tag(a, &ev[i]);
			html_lit(h, "</td><td class=\"num\">");
			html_num(h, ev[i].responses);
			html_lit(h, "</td></tr>\n");
		}
		html_lit(h, "</tbody></table></div>\n");
	}
	events_free(ev, n);
	if (a->is_admin) {
		html_lit(h, "<section class=\"panel\" aria-labelledby=\"new\">"
			 "<h2 id=\"new\">Create an event</h2>\n"
			 "<p>The feedback form goes live at once (or when "
			 "feedback opens). You get its link, QR code and a "
			 "printable handout on the next page.</p>\n");
		admin_form_open(a, "/admin/events");
		event_form(a, v, NULL, err);
		html_lit(h, "<div class=\"buttons\"><button type=\"submit\" "
			 "class=\"button\">Create event</button></div></form>"
			 "</section>\n");
	}
	admin_end(a);
}

static int create_event(struct areq *a)
{
	struct admin_errors err = { 0 };
	struct event e = { 0 };
	long cert;

	check_event(a, NULL, &e, &err);
	cert = admin_certificate_check(a, &err);
	if (err.n) {
		list_page(a, 422, &a->form, &err);
	} else if (store_event_add(a->db, &e) < 0 ||
		   (cert > 0 &&
		    store_event_certificate_set(a->db, e.key, cert) < 0)) {
		admin_error(a, 500, "The event was not saved",
			    "The database refused it. Please try again.");
	} else {
		info("admin: %s created event %s", a->se.user, e.key);
		admin_redirect(a, "/admin/events/%s?done=created", e.key);
	}
	event_release(&e);
	return 0;
}

static const char *done_text(const char *done)
{
	static const char *const v[][2] = {
		{ "created", "The event was created. Its feedback form is at "
			     "the link below." },
		{ "saved", "Your changes were saved." },
		{ "opened", "Feedback is open." },
		{ "closed", "Feedback is closed. The form no longer takes "
			    "responses." },
	};

	for (size_t i = 0; done && i < ARRAY_SIZE(v); i++)
		if (!strcmp(done, v[i][0]))
			return v[i][1];
	return NULL;
}

/* The heading of an event's page: title, date, place, form and state. */
static void detail_head(struct areq *a, const struct event *e)
{
	struct html *h = a->h;
	const struct form *f = formset_find(a->c->forms, e->form);

	html_lit(h, "<p class=\"crumbs\"><a");
	page_href(a->p, "/admin/events");
	html_lit(h, ">Events</a></p>\n<h1>");
	html_text(h, e->title);
	html_lit(h, "</h1>\n<p class=\"meta\">");
	page_date(h, e->date);
	if (e->location) {
		html_lit(h, " \xc2\xb7 ");
		html_text(h, e->location);
	}
	html_lit(h, " \xc2\xb7 ");
	html_text(h, f ? f->title : e->form);
	html_lit(h, " ");
	admin_event_tag(a, e);
	html_lit(h, "</p>\n");
}

/*
 * The panel with the event's public link and its QR code (or, for a
 * loopback address no phone can open, the warning instead).
 */
static void link_panel(struct areq *a, const struct event *e)
{
	struct html *h = a->h;
	struct buf link = BUF_INIT, label = BUF_INIT;
	struct qr q;

	admin_event_link(a, e, &link);
	html_lit(h, "<section class=\"panel\" aria-labelledby=\"link-h\">"
		 "<h2 id=\"link-h\">Link and QR code</h2><p class=\"public-"
		 "link\"><a");
	html_attr(h, "href", link.s);
	html_lit(h, ">");
	html_text(h, link.s);
	html_lit(h, "</a></p>");
	buf_addf(&label, "QR code for %s", link.s);
	if (url_loopback(link.s)) {
		html_lit(h, "<p class=\"note\" id=\"qr-loopback\">");
		html_text(h, admin_loopback_warning);
		html_lit(h, "</p>");
	} else if (qr_make(&q, link.s) == 0) {
		qr_svg(h, &q, label.s);
		qr_release(&q);
	}
	html_lit(h, "<ul class=\"inline-links\">");
	if (!url_loopback(link.s)) {     /* a code no phone can open: none */
		html_lit(h, "<li><a");
		page_hreff(a->p, "/admin/events/%s/qr.png", e->key);
		html_lit(h, " download>QR code (PNG)</a></li>");
	}
	html_lit(h, "<li><a");
	page_hreff(a->p, "/admin/events/%s/handout.pdf", e->key);
	html_lit(h, ">Printable handout (PDF)</a></li></ul></section>\n");
	buf_release(&link);
	buf_release(&label);
}

/* The button that closes an open event now, or opens a closed one. */
static void open_close_button(struct areq *a, const struct event *e)
{
	struct html *h = a->h;
	const char *cls;

	admin_event_state(e, a->p->now, &cls);
	admin_form_open(a, "/admin/events/%s", e->key);
	if (!strcmp(cls, "open"))
		html_lit(h, "<input type=\"hidden\" name=\"action\" "
			 "value=\"close\"><button type=\"submit\" "
			 "class=\"button button-secondary\">Close "
			 "feedback now</button>");
	else
		html_lit(h, "<input type=\"hidden\" name=\"action\" "
			 "value=\"open\"><button type=\"submit\" "
			 "class=\"button\">Open feedback now</button>");
	html_lit(h, "</form>");
}

/* Responses, the response rate, the feedback window and its links. */
static void responses_panel(struct areq *a, const struct event *e)
{
	struct html *h = a->h;

	html_lit(h, "<section class=\"panel\" aria-labelledby=\"resp-h\">"
		 "<h2 id=\"resp-h\">Responses</h2><p class=\"figures\">"
		 "<span class=\"figure\"><strong>");
	html_num(h, e->responses);
	html_lit(h, "</strong> ");
	html_text(h, plural(e->responses, "response", "responses"));
	html_lit(h, "</span>");
	if (e->attendees > 0) {
		html_lit(h, " <span class=\"figure\"><strong>");
		html_textf(h, "%.0f%%", 100.0 * (double)e->responses /
						(double)e->attendees);
		html_lit(h, "</strong> of ");
		html_num(h, e->attendees);
		html_lit(h, " ");
		html_text(h, plural(e->attendees, "attendee", "attendees"));
		html_lit(h, "</span>");
	}
	html_lit(h, "</p><p>Feedback ");
	if (e->opens) {
		html_text(h, e->opens > a->p->now ? "opens " : "opened ");
		page_time(h, e->opens);
	} else {
		html_lit(h, "open from creation");
	}
	if (e->closes) {
		html_text(h, e->closes > a->p->now ? "; closes " : "; closed ");
		page_time(h, e->closes);
	}
	html_lit(h, ".</p><ul class=\"inline-links\"><li><a");
	page_hreff(a->p, "/admin/forms/%s?event=%s", e->form, e->key);
	html_lit(h, ">Summary</a></li><li><a");
	page_hreff(a->p, "/admin/responses?form=%s&event=%s", e->form, e->key);
	html_lit(h, ">Responses</a></li><li><a");
	page_hreff(a->p, "/admin/report?form=%s&event=%s", e->form, e->key);
	html_lit(h, ">PDF report</a></li><li><a");
	page_hreff(a->p, "/admin/export?form=%s&event=%s", e->form, e->key);
	html_lit(h, ">Export for Excel</a></li><li><a");
	page_hreff(a->p, "/admin/export?options=1&form=%s&event=%s", e->form,
		   e->key);
	html_lit(h, ">Export options</a></li></ul>");
	if (a->is_admin)
		open_close_button(a, e);
	html_lit(h, "</section>");
}

/*
 * An event's page: notices and errors, its heading, link, responses and
 * certificates, and for admins the edit form filled from v.
 */
static void detail_page(struct areq *a, const struct event *e, int status,
			const struct fields *v, const struct admin_errors *err)
{
	struct html *h = a->h;
	const char *done = areq_query(a, "done");

	a->p->rs->status = status;
	buf_reset(&h->b);
	admin_begin(a, e->title, "events");
	if (err)
		admin_error_summary(a, err);
	if (done_text(done)) {
		html_lit(h, "<div class=\"notice\" role=\"status\"><p>");
		html_text(h, done_text(done));
		html_lit(h, "</p></div>\n");
	}
	detail_head(a, e);
	html_lit(h, "<div class=\"event-grid\">");
	link_panel(a, e);
	responses_panel(a, e);
	html_lit(h, "</div>\n");
	admin_certificate_panel(a, e);
	admin_idea_panel(a, e);
	if (a->is_admin) {
		html_lit(h, "<section class=\"panel\" aria-labelledby=\"edit-h\">"
			 "<h2 id=\"edit-h\">Edit the event</h2>\n");
		admin_form_open(a, "/admin/events/%s", e->key);
		html_lit(h, "<input type=\"hidden\" name=\"action\" "
			 "value=\"save\">");
		event_form(a, v, e, err);
		html_lit(h, "<div class=\"buttons\"><button type=\"submit\" "
			 "class=\"button\">Save changes</button></div></form>"
			 "</section>\n");
	}
	admin_end(a);
}

static int change_event(struct areq *a, struct event *e)
{
	const char *action = areq_form(a, "action");
	struct admin_errors err = { 0 };
	const char *done;

	long cert = -1;

	if (action && !strcmp(action, "save")) {
		struct event n = { 0 };

		check_event(a, e, &n, &err);
		cert = admin_certificate_check(a, &err);
		if (err.n) {
			event_release(&n);
			detail_page(a, e, 422, &a->form, &err);
			return 0;
		}
		event_release(e);
		*e = n;
		done = "saved";
	} else if (action && !strcmp(action, "close")) {
		e->closes = a->p->now;
		if (e->opens > a->p->now)
			e->opens = 0;
		done = "closed";
	} else if (action && !strcmp(action, "open")) {
		if (e->closes && e->closes <= a->p->now)
			e->closes = 0;
		if (e->opens > a->p->now)
			e->opens = a->p->now;
		done = "opened";
	} else {
		admin_error(a, 400, "Unknown action",
			    "The form asked for something this page does not "
			    "do.");
		return 0;
	}
	if (store_event_update(a->db, e) < 0 ||
	    (cert >= 0 && store_event_certificate_set(a->db, e->key, cert) < 0)) {
		admin_error(a, 500, "The event was not saved",
			    "The database refused it. Please try again.");
		return 0;
	}
	info("admin: %s %s event %s", a->se.user, done, e->key);
	admin_redirect(a, "/admin/events/%s?done=%s", e->key, done);
	return 0;
}

int admin_events(struct areq *a)
{
	if (a->post)
		return create_event(a);
	list_page(a, 200, &a->query, NULL);
	return 0;
}

int admin_event(struct areq *a)
{
	struct event e;

	if (!admin_event_load(a, &e))
		return 0;
	if (a->post) {
		change_event(a, &e);
	} else {
		struct fields v;

		fields_init(&v);
		event_fields(&e, &v);
		admin_certificate_fields(a, e.key, &v);
		detail_page(a, &e, 200, &v, NULL);
		fields_release(&v);
	}
	event_release(&e);
	return 0;
}
