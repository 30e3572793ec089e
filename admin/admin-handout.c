/*
 * admin-handout.c - what an event's page offers to print and share: its
 * public address, the QR code of it as a PNG, and the one-page handout
 * PDF with title, date, place, QR code and short link.
 */
#include <string.h>
#include <time.h>

#include "admin.h"
#include "date.h"
#include "certificate.h"
#include "handout.h"
#include "qr.h"

const char admin_loopback_warning[] =
	"No QR code: this address works only on the computer running "
	"sigsurvey, so a phone cannot open it. Start the collector with "
	"--base-url set to an address that phones can reach.";

void admin_event_link(struct areq *a, const struct event *e,
			struct buf *out)
{
	admin_public_base(a, out);
	buf_addf(out, "/f/%s/%s", e->form, e->key);
}

void admin_event_qr(struct areq *a, const struct event *e)
{
	struct buf link = BUF_INIT;
	struct qr q;

	admin_event_link(a, e, &link);
	if (qr_make(&q, link.s) < 0) {
		admin_error(a, 500, "No QR code", "The link is too long.");
	} else {
		a->p->rs->status = 200;
		a->p->rs->content_type = "image/png";
		qr_png(&q, 10, &a->p->rs->body);
		buf_reset(&link);
		buf_addf(&link, "attachment; filename=\"qr-%s.png\"", e->key);
		a->p->rs->disposition = buf_detach(&link, NULL);
		qr_release(&q);
	}
	buf_release(&link);
}

void admin_event_handout(struct areq *a, const struct event *e)
{
	const struct site *site = &a->c->forms->site;
	struct buf link = BUF_INIT, png = BUF_INIT, when = BUF_INIT,
		   cert = BUF_INIT;
	char hours[16];
	long cert_minutes;
	struct handout ho = { 0 };
	struct qr q;

	admin_event_link(a, e, &link);
	date_text(&when, e->date);
	if (url_loopback(link.s)) {
		ho.qr_missing = admin_loopback_warning;
	} else if (qr_make(&q, link.s) < 0) {
		admin_error(a, 500, "No handout", "The link is too long.");
		goto out;
	} else {
		qr_png(&q, 10, &png);
		qr_release(&q);
		ho.qr_png = png.s;
		ho.qr_len = png.len;
	}
	ho.org = site->name;
	ho.title = e->title;
	ho.when = when.s;
	ho.where = e->location;
	ho.invitation = "Tell us how it went \xe2\x80\x93 it takes two minutes.";
	cert_minutes = store_event_certificate_minutes(a->db, e->key);
	if (cert_minutes > 0) {
		certificate_hours_text(cert_minutes, hours);
		buf_addf(&cert, "Send your feedback to get a certificate of "
			 "attendance (%s contact hour%s).", hours,
			 cert_minutes == 60 ? "" : "s");
		ho.certificate = cert.s;
	}
	ho.link = link.s;
	ho.paper = PDF_A4;
	ho.created = (time_t)a->p->now;
	if (handout_pdf(&ho, &a->p->rs->body) < 0) {
		buf_reset(&a->p->rs->body);
		admin_error(a, 500, "The handout could not be made",
			    "The PDF library failed; the server log says why.");
		goto out;
	}
	a->p->rs->status = 200;
	a->p->rs->content_type = "application/pdf";
	buf_reset(&link);
	buf_addf(&link, "inline; filename=\"handout-%s.pdf\"", e->key);
	a->p->rs->disposition = buf_detach(&link, NULL);
out:
	buf_release(&link);
	buf_release(&png);
	buf_release(&when);
	buf_release(&cert);
}

int admin_event_qr_page(struct areq *a)
{
	struct event e;

	if (admin_event_load(a, &e)) {
		admin_event_qr(a, &e);
		event_release(&e);
	}
	return 0;
}

int admin_event_handout_page(struct areq *a)
{
	struct event e;

	if (admin_event_load(a, &e)) {
		admin_event_handout(a, &e);
		event_release(&e);
	}
	return 0;
}
