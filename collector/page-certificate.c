/*
 * page-certificate.c - certificates of attendance on the public site:
 * the grant a thank-you page carries, the offer on that page, the form
 * and PDF at /certificate/<event>, and verification at /c/<code>.
 *
 * The grant "H.TOKEN" binds the offer to one submission: H is the keyed
 * hash of the submission's form token (certificate_grant_hash) and TOKEN
 * a form token (token.c) signed over "certificate:H" and the event,
 * valid for a day. The store counts the uses of H. The certificate row
 * itself never learns H, nor anything else about the response.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "attendance.h"
#include "certificate.h"
#include "date.h"
#include "event.h"
#include "page-form.h"
#include "qr.h"
#include "util.h"

#define GRANT_FIELD "c"

/* ---- the grant ---- */

struct grant {
	char hash[AUTH_HASH_HEX + 1];
	long long served;            /* when the feedback was sent */
};

/* The form name a grant's token is signed for: "certificate:H". */
static void grant_form(struct buf *out, const char *hash)
{
	buf_addf(out, "certificate:%s", hash);
}

void page_certificate_grant(struct page *p, const struct form_target *t,
			    const char *token, struct buf *loc)
{
	char hash[AUTH_HASH_HEX + 1];
	struct buf form = BUF_INIT;
	char *signed_tok;

	if (!t->has_event || !token ||
	    collector_certificate_minutes(p->c, t->ev.key) <= 0)
		return;
	certificate_grant_hash(p->c->token_key, sizeof(p->c->token_key),
			       token, hash);
	grant_form(&form, hash);
	signed_tok = token_make(p->c->token_key, form.s, t->ev.key, p->now);
	buf_addf(loc, "?" GRANT_FIELD "=%s.%s", hash, signed_tok);
	free(signed_tok);
	buf_release(&form);
}

/* Checks grant text g for event: 0 with *out filled, or -1. */
static int grant_check(struct page *p, const char *event, const char *g,
		       struct grant *out)
{
	struct buf form = BUF_INIT;
	enum token_status ts;

	if (!g || strlen(g) < AUTH_HASH_HEX + 2 || g[AUTH_HASH_HEX] != '.' ||
	    strspn(g, "0123456789abcdef") != AUTH_HASH_HEX)
		return -1;
	memcpy(out->hash, g, AUTH_HASH_HEX);
	out->hash[AUTH_HASH_HEX] = '\0';
	grant_form(&form, out->hash);
	ts = token_check(p->c->token_key, g + AUTH_HASH_HEX + 1,
			 strlen(g + AUTH_HASH_HEX + 1), form.s, event, p->now,
			 &out->served);
	buf_release(&form);
	if (ts != TOKEN_OK ||
	    p->now - out->served >= CERTIFICATE_GRANT_SECONDS)
		return -1;
	return 0;
}

/* The value of field name in fs as a NUL-free string, or NULL. */
static const char *field(const struct fields *fs, const char *name)
{
	const struct field *f = fields_get(fs, name);

	return f && strlen(f->value) == f->len ? f->value : NULL;
}

void page_certificate_offer(struct page *p, const struct form_target *t)
{
	struct html *h = &p->h;
	struct fields q;
	struct grant gr;
	const char *g;

	fields_init(&q);
	fields_parse(&q, p->rq->query, strlen(p->rq->query));
	g = field(&q, GRANT_FIELD);
	if (t->has_event && g && grant_check(p, t->ev.key, g, &gr) == 0) {
		html_lit(h, "<section class=\"panel\" aria-labelledby=\"cert-h\">"
			 "<h2 id=\"cert-h\">Certificate of attendance</h2>\n"
			 "<p>This event counts towards continuing education. "
			 "You can download a certificate with your name, the "
			 "event and its contact hours.</p>\n<p><a "
			 "class=\"button\"");
		page_hreff(p, "/certificate/%s?" GRANT_FIELD "=%s", t->ev.key,
			   g);
		html_lit(h, ">Get your certificate of attendance</a></p>\n"
			 "</section>\n");
	}
	fields_release(&q);
}

/* ---- /certificate/<event> ---- */

struct cert_req {
	struct event ev;
	long minutes;
	struct grant gr;
	const char *g;
	long left;                   /* uses left */
};

/* Shown when there is no grant, or a bad or spent one. */
static void refused(struct page *p, int spent)
{
	if (spent)
		page_error(p, 403, "This certificate link has been used up",
			   "The link on the thank-you page gives a few "
			   "certificates at most. If something is wrong with "
			   "yours, please ask the committee.");
	else
		page_error(p, 403, "This certificate link is not valid",
			   "A certificate of attendance is offered to the "
			   "person who has just sent feedback on the event, "
			   "from the page that thanks them, for one day. "
			   "Please send your feedback first, or ask the "
			   "committee.");
}

static void name_form(struct page *p, const struct cert_req *r,
		      const char *name, const char *err)
{
	struct html *h = &p->h;
	char hours[16];

	certificate_hours_text(r->minutes, hours);
	page_begin(p, "Your certificate of attendance");
	html_lit(h, "<h1>Your certificate of attendance</h1>\n"
		 "<div class=\"event-box\"><p class=\"event-title\">");
	html_text(h, r->ev.title);
	html_lit(h, "</p><p class=\"meta\">");
	page_date(h, r->ev.date);
	html_textf(h, " \xc2\xb7 %s contact hour%s", hours,
		   r->minutes == 60 ? "" : "s");
	html_lit(h, "</p></div>\n<p class=\"lead\">Your name is not attached "
		 "to your answers: the certificate is kept apart from your "
		 "feedback, and nobody can tell which answers were "
		 "yours.</p>\n");
	html_lit(h, "<form method=\"post\"");
	html_attrf(h, "action", "%s/certificate/%s", p->c->prefix, r->ev.key);
	html_lit(h, ">\n");
	html_lit(h, "<input type=\"hidden\" name=\"" GRANT_FIELD "\"");
	html_attr(h, "value", r->g);
	html_lit(h, ">\n");
	if (err) {
		html_lit(h, "<div class=\"question has-error\">");
	} else {
		html_lit(h, "<div class=\"question\">");
	}
	html_lit(h, "<label class=\"label\" for=\"name\">Your name as it "
		 "should print</label>\n<p class=\"hint\" id=\"name-hint\">"
		 "Any script and accents; at most 120 characters.</p>\n");
	if (err) {
		html_lit(h, "<p class=\"error-message\" id=\"name-error\">");
		html_text(h, err);
		html_lit(h, "</p>\n");
	}
	html_lit(h, "<input class=\"input\" type=\"text\" id=\"name\" "
		 "name=\"name\" autocomplete=\"name\" maxlength=\"240\" "
		 "required");
	html_attr(h, "aria-describedby", err ? "name-hint name-error"
					     : "name-hint");
	html_attr(h, "value", name);
	html_lit(h, "></div>\n<div class=\"buttons\"><button type=\"submit\" "
		 "class=\"button\">Download the certificate (PDF)</button>"
		 "</div>\n</form>\n<p class=\"meta\">");
	html_textf(h, "This link gives %ld more certificate%s today, so that "
		   "a typo can be put right.", r->left, plural(r->left, "", "s"));
	html_lit(h, "</p>\n");
	page_end(p);
}

/*
 * Reads the event of the path and the grant g into r: 0, or -1 with the
 * page answered (404 no such offer, 403 refused, 503).
 */
static int cert_load(struct page *p, const char *g, struct cert_req *r)
{
	struct store *db = collector_reader(p->c);
	int found;

	if (!db) {
		page_error(p, 503, "Sorry, there is a problem",
			   "The service is unavailable. Please try again in a "
			   "few minutes.");
		return -1;
	}
	found = store_event_find(db, p->seg[1], &r->ev);
	r->minutes = found == 1 ? store_event_certificate_minutes(db,
								   r->ev.key)
				: 0;
	if (r->minutes <= 0) {
		page_not_found(p);
		return -1;
	}
	r->g = g;
	if (grant_check(p, r->ev.key, g, &r->gr) < 0) {
		refused(p, 0);
		return -1;
	}
	r->left = store_certificate_grant_left(db, r->gr.hash,
					       CERTIFICATE_USES, p->now);
	if (r->left <= 0) {
		refused(p, r->left == 0);
		return -1;
	}
	return 0;
}

/* The PDF of certificate c for event r->ev into out: 0, or -1 logged. */
static int cert_pdf(struct page *p, const struct cert_req *r,
		    const struct certificate *c, struct buf *out)
{
	const struct site *site = &p->c->forms->site;
	struct buf url = BUF_INIT, png = BUF_INIT, when = BUF_INIT,
		   fmt = BUF_INIT, issued = BUF_INIT;
	char hours[16], day[DATE_YMD_SIZE];
	struct attendance a = { 0 };
	struct qr q;
	time_t now = (time_t)p->now;
	int ret = -1;

	page_public_base(p, 0, &url);
	buf_addf(&url, "%s/c/%s", p->c->opt.base_url ? "" : p->c->prefix,
		 c->code);
	if (qr_make(&q, url.s) < 0)
		goto out;
	qr_png(&q, 8, &png);
	qr_release(&q);
	date_text(&when, r->ev.date);
	if (r->ev.format)
		buf_adds(&fmt, event_format_label(r->ev.format)
				       ? event_format_label(r->ev.format)
				       : r->ev.format);
	date_utc_day(p->now, day);
	date_text(&issued, day);
	certificate_hours_text(c->minutes, hours);
	a.org = site->name;
	a.name = c->name;
	a.title = r->ev.title;
	a.when = when.s;
	a.format = fmt.len ? fmt.s : NULL;
	a.location = r->ev.location;
	a.presenter = r->ev.presenter;
	a.hours = hours;
	a.signer_name = site->signer_name;
	a.signer_role = site->signer_role;
	a.issued = issued.s;
	a.code = c->code;
	a.verify_url = url.s;
	a.qr_png = png.s;
	a.qr_len = png.len;
	a.paper = site->paper && !strcmp(site->paper, "letter") ? PDF_LETTER
								 : PDF_A4;
	a.created = now;
	ret = attendance_pdf(&a, out);
out:
	buf_release(&url);
	buf_release(&png);
	buf_release(&when);
	buf_release(&fmt);
	buf_release(&issued);
	return ret;
}

/* Opens a write connection, issues c against r's grant: 1, 0 spent, -1. */
static int cert_issue(struct page *p, const struct cert_req *r,
		      const struct certificate *c)
{
	struct store *db = NULL;
	int ret;

	if (store_open(&db, p->c->opt.db_path, 0) < 0)
		return -1;
	ret = store_certificate_issue(db, r->gr.hash, CERTIFICATE_USES,
				      r->gr.served +
				      CERTIFICATE_GRANT_SECONDS, p->now, c);
	store_close(db);
	return ret;
}

/* POST: checks the name, makes the PDF, then stores the certificate. */
static void cert_post(struct page *p, struct cert_req *r,
		      const struct fields *body)
{
	struct certificate c = { 0 };
	char code[CERTIFICATE_CODE_CHARS + 1];
	struct buf pdf = BUF_INIT;
	const char *err;
	int rc;

	c.name = certificate_name_trim(field(body, "name"));
	err = certificate_name_problem(c.name);
	if (err) {
		p->rs->status = 422;
		name_form(p, r, c.name, err);
		goto out;
	}
	certificate_code_new(code);
	c.code = code;
	c.event = r->ev.key;
	c.minutes = r->minutes;
	if (cert_pdf(p, r, &c, &pdf) < 0) {
		page_error(p, 500, "Sorry, the certificate could not be made",
			   "Please try again in a few minutes.");
		goto out;
	}
	rc = cert_issue(p, r, &c);
	if (rc <= 0) {
		if (rc == 0)
			refused(p, 1);
		else
			page_error(p, 503, "Sorry, there is a problem",
				   "The certificate could not be saved. "
				   "Please try again in a minute.");
		goto out;
	}
	info("certificate %s issued for event %s", code, r->ev.key);
	p->rs->status = 200;
	p->rs->content_type = "application/pdf";
	p->rs->cache_control = "no-store";
	buf_release(&p->rs->body);
	p->rs->body = pdf;
	buf_init(&pdf);
	{
		struct buf d = BUF_INIT;

		buf_addf(&d, "attachment; filename=\"certificate-%s.pdf\"",
			 r->ev.key);
		p->rs->disposition = buf_detach(&d, NULL);
	}
out:
	c.code = NULL;
	c.event = NULL;
	certificate_release(&c);
	buf_release(&pdf);
}

int page_certificate(struct page *p)
{
	struct cert_req r = { 0 };
	struct fields f;
	int post = p->rq->method == HTTP_POST;

	fields_init(&f);
	if (p->nseg != 2) {
		page_not_found(p);
		goto out;
	}
	if (!post && p->rq->method != HTTP_GET && p->rq->method != HTTP_HEAD) {
		page_method_not_allowed(p, "GET, HEAD, POST");
		goto out;
	}
	if (post && (!p->rq->content_type ||
		     strncasecmp(p->rq->content_type,
				 "application/x-www-form-urlencoded", 33))) {
		page_error(p, 415, "This form could not be read",
			   "Please go back and send the form from its page.");
		goto out;
	}
	if (post)
		fields_parse(&f, p->rq->body.s ? p->rq->body.s : "",
			     p->rq->body.len);
	else
		fields_parse(&f, p->rq->query, strlen(p->rq->query));
	if (cert_load(p, field(&f, GRANT_FIELD), &r) < 0)
		goto out;
	p->rs->cache_control = "no-store";
	if (post) {
		cert_post(p, &r, &f);
	} else {
		p->rs->status = 200;
		name_form(p, &r, NULL, NULL);
	}
out:
	event_release(&r.ev);
	fields_release(&f);
	return 0;
}

/* ---- /c/<code> ---- */

static void verify_page(struct page *p, const struct certificate *c)
{
	struct html *h = &p->h;
	char hours[16];

	certificate_hours_text(c->minutes, hours);
	page_begin(p, c->revoked ? "Certificate revoked"
				 : "Certificate of attendance");
	if (c->revoked)
		html_lit(h, "<div class=\"error-summary\" role=\"alert\"><h1>"
			 "This certificate has been revoked</h1><p>The "
			 "committee withdrew it on ");
	else
		html_lit(h, "<div class=\"panel\" role=\"status\"><h1>"
			 "This certificate is genuine</h1><p>Issued by ");
	if (c->revoked)
		page_time(h, c->revoked);
	else
		html_text(h, p->c->forms->site.name);
	html_lit(h, ".</p></div>\n<dl class=\"cert\"><dt>Code</dt><dd>");
	html_text(h, c->code);
	html_lit(h, "</dd><dt>Name</dt><dd>");
	html_text(h, c->name);
	html_lit(h, "</dd><dt>Event</dt><dd>");
	html_text(h, c->event_title);
	html_lit(h, "</dd><dt>Date</dt><dd>");
	page_date(h, c->event_date);
	html_lit(h, "</dd><dt>Contact hours</dt><dd>");
	html_text(h, hours);
	html_lit(h, "</dd></dl>\n");
	page_end(p);
}

int page_verify(struct page *p)
{
	char code[CERTIFICATE_CODE_CHARS + 1];
	struct certificate c = { 0 };
	struct store *db;
	int found = 0;

	if (p->rq->method != HTTP_GET && p->rq->method != HTTP_HEAD) {
		page_method_not_allowed(p, "GET, HEAD");
		return 0;
	}
	if (p->nseg == 2 && certificate_code_normal(p->seg[1], code) == 0) {
		db = collector_reader(p->c);
		found = db ? store_certificate_get(db, code, &c) : -1;
	}
	if (found < 0) {
		page_error(p, 503, "Sorry, there is a problem",
			   "The service is unavailable. Please try again in a "
			   "few minutes.");
	} else if (!found) {
		page_error(p, 404, "No such certificate",
			   "There is no certificate with this code. Check "
			   "the code printed on the certificate; letters and "
			   "digits only, dashes optional.");
	} else {
		p->rs->status = 200;
		p->rs->cache_control = "no-store";
		verify_page(p, &c);
	}
	certificate_release(&c);
	return 0;
}
