/*
 * admin-certificates.c - certificates of attendance in the committee
 * area: the event form's contact-hours field, the "Certificates" panel
 * of an event's page (count, list, revoke), and its CSV download.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin.h"
#include "certificate.h"
#include "csv.h"

void admin_certificate_field(struct areq *a, const struct fields *v,
			     const struct admin_errors *err)
{
	const struct field *f = fields_get(v, "certificate_hours");

	admin_input(a, "certificate_hours", "Certificate contact hours",
		    "Offer attendees a certificate of attendance after their "
		    "feedback, e.g. 1.5 (tenths or quarters of an hour); "
		    "empty: no certificate.", "text", f ? f->value : NULL,
		    "off", admin_error_for(err, "certificate_hours"), 0);
}

void admin_certificate_fields(struct areq *a, const char *event,
			      struct fields *out)
{
	long m = store_event_certificate_minutes(a->db, event);
	char hours[16] = "";

	if (m > 0)
		certificate_hours_text(m, hours);
	fields_add(out, "certificate_hours", hours, strlen(hours));
}

long admin_certificate_check(struct areq *a, struct admin_errors *err)
{
	const char *v = areq_form(a, "certificate_hours");
	const char *why;
	long m = 0;

	if (!v || !*v)
		return 0;
	why = certificate_hours_problem(v, &m);
	if (why) {
		admin_error_add(err, "certificate_hours", why);
		return -1;
	}
	return m;
}

/* The issued day of c, YYYY-MM-DD. */
static void day(const struct certificate *c, char out[16])
{
	time_t t = (time_t)c->issued;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

static void cert_row(struct areq *a, const struct event *e,
		     const struct certificate *c)
{
	struct html *h = a->h;
	char d[16], hours[16];

	day(c, d);
	certificate_hours_text(c->minutes, hours);
	html_lit(h, "<tr><td><a");
	page_hreff(a->p, "/c/%s", c->code);
	html_lit(h, "><code>");
	html_text(h, c->code);
	html_lit(h, "</code></a></td><td>");
	html_text(h, c->name);
	html_lit(h, "</td><td>");
	html_text(h, d);
	html_lit(h, "</td><td class=\"num\">");
	html_text(h, hours);
	html_lit(h, "</td><td>");
	if (c->revoked) {
		html_lit(h, "Revoked");
	} else if (a->is_admin) {
		admin_form_open(a, "/admin/events/%s/certificates", e->key);
		html_lit(h, "<input type=\"hidden\" name=\"code\"");
		html_attr(h, "value", c->code);
		html_lit(h, "><button type=\"submit\" class=\"button "
			 "button-secondary\">Revoke</button></form>");
	} else {
		html_lit(h, "Valid");
	}
	html_lit(h, "</td></tr>\n");
}

void admin_certificate_panel(struct areq *a, const struct event *e)
{
	struct html *h = a->h;
	struct certificate *v = NULL;
	size_t n = 0, valid = 0;
	long m = store_event_certificate_minutes(a->db, e->key);

	if (store_certificate_list(a->db, e->key, &v, &n) < 0)
		return;
	if (m <= 0 && !n)
		goto out;
	for (size_t i = 0; i < n; i++)
		valid += !v[i].revoked;
	html_lit(h, "<section class=\"panel\" aria-labelledby=\"cert-h\">"
		 "<h2 id=\"cert-h\">Certificates of attendance</h2>\n"
		 "<p class=\"figures\"><span class=\"figure\"><strong>");
	html_num(h, (long long)valid);
	html_lit(h, "</strong> ");
	html_text(h, plural((long long)valid, "certificate issued",
			    "certificates issued"));
	html_lit(h, "</span></p>\n");
	if (areq_query(a, "revoked"))
		html_lit(h, "<div class=\"notice\" role=\"status\"><p>The "
			 "certificate was revoked: its address now says "
			 "so.</p></div>\n");
	if (n) {
		html_lit(h, "<div class=\"table-wrap\"><table class=\"data\">"
			 "<caption class=\"visually-hidden\">Certificates "
			 "issued for this event</caption><thead><tr>"
			 "<th scope=\"col\">Code</th><th scope=\"col\">Name"
			 "</th><th scope=\"col\">Issued</th><th scope=\"col\" "
			 "class=\"num\">Hours</th><th scope=\"col\">State</th>"
			 "</tr></thead><tbody>\n");
		for (size_t i = 0; i < n; i++)
			cert_row(a, e, &v[i]);
		html_lit(h, "</tbody></table></div>\n<ul class=\"inline-links\">"
			 "<li><a");
		page_hreff(a->p, "/admin/events/%s/certificates.csv", e->key);
		html_lit(h, " download>Certificates (CSV)</a></li></ul>\n");
	}
	html_lit(h, "</section>\n");
out:
	certificates_free(v, n);
}

/* The certificates of e as a CSV download. */
static void certificate_csv(struct areq *a, const struct event *e)
{
	struct certificate *v = NULL;
	struct csv c = CSV_INIT;
	struct buf *out = &a->p->rs->body;
	size_t n = 0;

	if (store_certificate_list(a->db, e->key, &v, &n) < 0) {
		admin_error(a, 500, "No download", "The database failed.");
		return;
	}
	buf_reset(out);
	buf_adds(out, "code,issued,name,event,hours,revoked\r\n");
	for (size_t i = 0; i < n; i++) {
		char d[16], hours[16];

		day(&v[i], d);
		certificate_hours_text(v[i].minutes, hours);
		csv_cell(&c, v[i].code);
		csv_cell(&c, d);
		csv_cell(&c, v[i].name);
		csv_cell(&c, v[i].event);
		csv_num(&c, (double)v[i].minutes / 60.0);
		csv_cell(&c, v[i].revoked ? "yes" : "");
		csv_end(&c);
		buf_add(out, c.line.s, c.line.len);
		csv_reset(&c);
	}
	csv_release(&c);
	certificates_free(v, n);
	a->p->rs->status = 200;
	a->p->rs->content_type = "text/csv; charset=utf-8";
	{
		struct buf d = BUF_INIT;

		buf_addf(&d, "attachment; filename=\"certificates-%s.csv\"",
			 e->key);
		a->p->rs->disposition = buf_detach(&d, NULL);
	}
}

/* Revokes the certificate posted as code, which must be one of e's. */
static void certificate_revoke(struct areq *a, const struct event *e)
{
	char code[CERTIFICATE_CODE_CHARS + 1];
	struct certificate c = { 0 };
	int found = 0;

	if (certificate_code_normal(areq_form(a, "code"), code) == 0)
		found = store_certificate_get(a->db, code, &c);
	if (found != 1 || strcmp(c.event, e->key)) {
		certificate_release(&c);
		admin_not_found(a);
		return;
	}
	certificate_release(&c);
	if (store_certificate_revoke(a->db, code, a->p->now) < 0) {
		admin_error(a, 500, "Not revoked",
			    "The database refused it. Please try again.");
		return;
	}
	info("admin: %s revoked certificate %s", a->se.user, code);
	admin_redirect(a, "/admin/events/%s?revoked=1#cert-h", e->key);
}

int admin_certificate_csv(struct areq *a)
{
	struct event e;

	if (admin_event_load(a, &e)) {
		certificate_csv(a, &e);
		event_release(&e);
	}
	return 0;
}

int admin_certificate_revoke(struct areq *a)
{
	struct event e;

	if (admin_event_load(a, &e)) {
		certificate_revoke(a, &e);
		event_release(&e);
	}
	return 0;
}
