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
#include "qr.h"

#define KEY_MAX 64
#define TEXT_MAX 200

static const char *const format_codes[] = { "", "in_person", "webinar",
					    "hybrid" };
static const char *const format_labels[] = { "Not set", "In person",
					     "Webinar", "Hybrid" };

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

static int slug_valid(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (!n || n > KEY_MAX || s[0] == '-')
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

/* One line of at most TEXT_MAX characters, no control characters. */
static int line_valid(const char *s)
{
	size_t chars = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return 0;
		if ((*p & 0xc0) != 0x80)
			chars++;
	}
	return chars <= TEXT_MAX;
}

/* "YYYY-MM-DDTHH:MM" (local time) to unix seconds; 0 empty, -1 bad. */
static long long parse_local(const char *s)
{
	struct tm tm = { 0 };
	char tail;
	int y, mo, d, hh, mm;

	if (!s || !*s)
		return 0;
	if (sscanf(s, "%4d-%2d-%2d%*1[T ]%2d:%2d%c", &y, &mo, &d, &hh, &mm,
		   &tail) != 5 || hh > 23 || mm > 59 || hh < 0 || mm < 0)
		return -1;
	{
		char ymd[16];

		snprintf(ymd, sizeof(ymd), "%04d-%02d-%02d", y, mo, d);
		if (!date_valid(ymd))
			return -1;
	}
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = hh;
	tm.tm_min = mm;
	tm.tm_isdst = -1;
	return (long long)mktime(&tm);
}

static void format_local(long long t, char out[20])
{
	struct tm tm;
	time_t tt = (time_t)t;

	out[0] = '\0';
	if (t && localtime_r(&tt, &tm))
		strftime(out, 20, "%Y-%m-%dT%H:%M", &tm);
}

static void add(struct fields *out, const char *name, const char *v)
{
	fields_add(out, name, v ? v : "", v ? strlen(v) : 0);
}

/* The event's fields as a form would post them. */
static void event_fields(const struct event *e, struct fields *out)
{
	char tbuf[20], nbuf[24];

	add(out, "form", e->form);
	add(out, "key", e->key);
	add(out, "title", e->title);
	add(out, "date", e->date);
	add(out, "location", e->location);
	add(out, "format", e->format);
	add(out, "presenter", e->presenter);
	add(out, "series", e->series);
	nbuf[0] = '\0';
	if (e->attendees >= 0)
		snprintf(nbuf, sizeof(nbuf), "%ld", e->attendees);
	add(out, "attendees", nbuf);
	format_local(e->opens, tbuf);
	add(out, "opens", tbuf);
	format_local(e->closes, tbuf);
	add(out, "closes", tbuf);
}

static const char *val(const struct fields *f, const char *name)
{
	const struct field *x = fields_get(f, name);

	if (!x || strlen(x->value) != x->len || !utf8_valid(x->value, x->len))
		return NULL;
	return x->value;
}

/* NULL for an empty optional value. */
static char *opt_dup(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

/*
 * Checks the posted fields into *e (strings owned by e: release it).
 * creating: the key and form come from the post too.
 */
static void check_event(struct areq *a, int creating, struct event *e,
			struct admin_errors *err)
{
	const struct fields *f = &a->form;
	const char *title = val(f, "title"), *date = val(f, "date");
	const char *att = val(f, "attendees");
	const char *opt[] = { "location", "presenter", "series" };
	char **dst[] = { &e->location, &e->presenter, &e->series };
	long long t;

	if (creating) {
		const char *form = val(f, "form"), *key = val(f, "key");
		const struct form *fm = form ? formset_find(a->c->forms, form)
					     : NULL;

		if (!fm || !fm->per_event)
			admin_error_add(err, "form", "Choose the form the "
					"event collects feedback with");
		else
			e->form = xstrdup(form);
		if (!slug_valid(key)) {
			admin_error_add(err, "key", "Enter a short address of "
					"1 to 64 lower-case letters, digits and "
					"dashes, like copyright-2026-03");
		} else {
			struct event old;

			if (store_event_get(a->db, key, &old) == 1)
				admin_error_add(err, "key", "Another event has "
						"this address; choose another");
			event_release(&old);
			e->key = xstrdup(key);
		}
	}
	if (!title || !*title || !line_valid(title))
		admin_error_add(err, "title", "Enter the event's title (one "
				"line, at most 200 characters)");
	else
		e->title = xstrdup(title);
	if (!date || !date_valid(date))
		admin_error_add(err, "date", "Enter the date of the event as "
				"YYYY-MM-DD, for example 2026-03-14");
	else
		e->date = xstrdup(date);
	for (size_t i = 0; i < ARRAY_SIZE(opt); i++) {
		const char *v = val(f, opt[i]);

		if (v && !line_valid(v))
			admin_error_add(err, opt[i], "Keep this to one line of "
					"at most 200 characters");
		else
			*dst[i] = opt_dup(v);
	}
	{
		const char *fmt = val(f, "format");
		size_t i;

		for (i = 0; i < ARRAY_SIZE(format_codes); i++)
			if (fmt && !strcmp(fmt, format_codes[i]))
				break;
		if (fmt && *fmt && i == ARRAY_SIZE(format_codes))
			admin_error_add(err, "format", "Choose a format");
		else
			e->format = opt_dup(fmt);
	}
	e->attendees = -1;
	if (att && *att) {
		char *end;
		long n = strtol(att, &end, 10);

		if (*end || n < 0 || n > 1000000 || att[0] == '-' ||
		    att[0] == '+')
			admin_error_add(err, "attendees", "Enter how many "
					"attended as a whole number, or leave "
					"it empty");
		else
			e->attendees = n;
	}
	t = parse_local(val(f, "opens"));
	if (t < 0)
		admin_error_add(err, "opens", "Enter when feedback opens as a "
				"date and time, or leave it empty");
	else
		e->opens = t;
	t = parse_local(val(f, "closes"));
	if (t < 0)
		admin_error_add(err, "closes", "Enter when feedback closes as "
				"a date and time, or leave it empty");
	else
		e->closes = t;
	if (e->opens > 0 && e->closes > 0 && e->closes <= e->opens)
		admin_error_add(err, "closes", "Feedback must close after it "
				"opens");
}

static void event_form(struct areq *a, const struct fields *v, int creating,
		       const struct admin_errors *err)
{
	const char *fv[16], *fl[16];
	size_t nf = 0;
	const struct formset *fs = a->c->forms;

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
	admin_select(a, "format", "Format", format_codes, format_labels,
		     ARRAY_SIZE(format_codes), val(v, "format"),
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
		    "Local date and time; empty: open from now.",
		    "datetime-local", val(v, "opens"), "off",
		    admin_error_for(err, "opens"), 0);
	admin_input(a, "closes", "Feedback closes",
		    "Local date and time; empty: stays open until closed.",
		    "datetime-local", val(v, "closes"), "off",
		    admin_error_for(err, "closes"), 0);
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
		event_form(a, v, 1, err);
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

	check_event(a, 1, &e, &err);
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

static void detail_page(struct areq *a, const struct event *e, int status,
			const struct fields *v, const struct admin_errors *err)
{
	struct html *h = a->h;
	const struct form *f = formset_find(a->c->forms, e->form);
	struct buf link = BUF_INIT, label = BUF_INIT;
	const char *done = areq_query(a, "done");
	struct qr q;

	a->p->rs->status = status;
	buf_reset(&h->b);
	admin_event_link(a, e, &link);
	admin_begin(a, e->title, "events");
	if (err)
		admin_error_summary(a, err);
	if (done_text(done)) {
		html_lit(h, "<div class=\"notice\" role=\"status\"><p>");
		html_text(h, done_text(done));
		html_lit(h, "</p></div>\n");
	}
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
	html_lit(h, "</p>\n<div class=\"event-grid\"><section class=\"panel\" "
		 "aria-labelledby=\"link-h\"><h2 id=\"link-h\">Link and QR "
		 "code</h2><p class=\"public-link\"><a");
	html_attr(h, "href", link.s);
	html_lit(h, ">");
	html_text(h, link.s);
	html_lit(h, "</a></p>");
	buf_addf(&label, "QR code for %s", link.s);
	if (qr_make(&q, link.s) == 0) {
		qr_svg(h, &q, label.s);
		qr_release(&q);
	}
	html_lit(h, "<ul class=\"inline-links\"><li><a");
	page_hreff(a->p, "/admin/events/%s/qr.png", e->key);
	html_lit(h, " download>QR code (PNG)</a></li><li><a");
	page_hreff(a->p, "/admin/events/%s/handout.pdf", e->key);
	html_lit(h, ">Printable handout (PDF)</a></li></ul></section>\n"
		 "<section class=\"panel\" aria-labelledby=\"resp-h\">"
		 "<h2 id=\"resp-h\">Responses</h2><p class=\"figures\">"
		 "<span class=\"figure\"><strong>");
	html_num(h, e->responses);
	html_lit(h, "</strong> responses</span>");
	if (e->attendees > 0) {
		html_lit(h, " <span class=\"figure\"><strong>");
		html_textf(h, "%.0f%%", 100.0 * (double)e->responses /
						(double)e->attendees);
		html_lit(h, "</strong> of ");
		html_num(h, e->attendees);
		html_lit(h, " attendees</span>");
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
	html_lit(h, ">CSV export</a></li></ul>");
	if (a->is_admin) {
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
	html_lit(h, "</section></div>\n");
	admin_certificate_panel(a, e);
	if (a->is_admin) {
		html_lit(h, "<section class=\"panel\" aria-labelledby=\"edit-h\">"
			 "<h2 id=\"edit-h\">Edit the event</h2>\n");
		admin_form_open(a, "/admin/events/%s", e->key);
		html_lit(h, "<input type=\"hidden\" name=\"action\" "
			 "value=\"save\">");
		event_form(a, v, 0, err);
		html_lit(h, "<div class=\"buttons\"><button type=\"submit\" "
			 "class=\"button\">Save changes</button></div></form>"
			 "</section>\n");
	}
	admin_end(a);
	buf_release(&link);
	buf_release(&label);
}

static int change_event(struct areq *a, struct event *e)
{
	const char *action = areq_form(a, "action");
	struct admin_errors err = { 0 };
	const char *done;

	long cert = -1;

	if (action && !strcmp(action, "save")) {
		struct event n = { 0 };

		check_event(a, 0, &n, &err);
		cert = admin_certificate_check(a, &err);
		if (err.n) {
			event_release(&n);
			detail_page(a, e, 422, &a->form, &err);
			return 0;
		}
		n.key = xstrdup(e->key);
		n.form = xstrdup(e->form);
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
	struct page *p = a->p;
	struct event e;
	int found;

	if (p->nseg == 2) {
		if (a->post)
			return create_event(a);
		list_page(a, 200, &a->query, NULL);
		return 0;
	}
	found = slug_valid(p->seg[2]) ? store_event_get(a->db, p->seg[2], &e)
				       : 0;
	if (found != 1 || p->nseg > 4) {
		if (found == 1)
			event_release(&e);
		admin_not_found(a);
		return 0;
	}
	if (p->nseg == 4 && !strcmp(p->seg[3], "certificates") && a->post) {
		admin_certificate_revoke(a, &e);
	} else if (p->nseg == 4 && !strcmp(p->seg[3], "certificates.csv") &&
		   !a->post) {
		admin_certificate_csv(a, &e);
	} else if (p->nseg == 4) {
		if (a->post)
			admin_error(a, 405, "This action is not allowed",
				    "This address can only be opened.");
		else if (!strcmp(p->seg[3], "qr.png"))
			admin_event_qr(a, &e);
		else if (!strcmp(p->seg[3], "handout.pdf"))
			admin_event_handout(a, &e);
		else
			admin_not_found(a);
	} else if (a->post) {
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
