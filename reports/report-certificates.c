/*
 * report-certificates.c - the report's "Certificates of attendance"
 * section: per event in scope, the certificates issued (revoked ones
 * left out) and the contact hours they carry, with the total delivered
 * (the figure associations report each year).
 */
#include "report-int.h"

#include "certificate.h"
#include "util.h"

/* Hours of minutes as text, e.g. "37.5" (sums of tenths and quarters
 * of an hour are whole multiples of 3 minutes: exact). */
static void hours(struct buf *b, long minutes)
{
	char t[16];

	if (minutes % 3 == 0 && minutes < 100000000) {
		certificate_hours_text(minutes, t);
		buf_adds(b, t);
	} else {
		buf_addf(b, "%.2f", (double)minutes / 60.0);
	}
}

int rp_certificates(struct rpt *r)
{
	static const struct col cols[] = {
		{ "Event", 200, 0 }, { "Date", 60, 0 },
		{ "Hours each", 60, 1 }, { "Certificates", 70, 1 },
		{ "Contact hours", 75, 1 },
	};
	struct certificate_total *v = NULL;
	struct buf c[5] = { BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT };
	long issued = 0, minutes = 0;
	size_t n = 0, shown = 0;
	struct table t;

	if (!r->form->per_event)
		return 0;
	if (store_certificate_totals(r->store, &r->o->scope, &v, &n) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		shown += v[i].offered > 0 || v[i].issued > 0;
	if (!shown)
		goto out;
	rp_heading(r, 0, "Certificates of attendance", 1);
	rp_note(r, "Certificates issued from the thank-you page after "
		"feedback, revoked ones left out, and the contact hours they "
		"carry. Certificates are stored apart from the answers.",
		PDF_REGULAR, SZ_SMALL, COL_MUTED);
	rp_table_start(r, &t, cols, ARRAY_SIZE(cols), shown + 1);
	for (size_t i = 0; i < n; i++) {
		const char *cells[5];

		if (!v[i].offered && !v[i].issued)
			continue;
		for (size_t k = 0; k < 5; k++)
			buf_reset(&c[k]);
		buf_adds(&c[0], rp_event_title(r, v[i].event));
		buf_adds(&c[1], rp_event_date(r, v[i].event));
		if (v[i].offered)
			hours(&c[2], v[i].offered);
		else
			buf_adds(&c[2], "none now");
		rp_fmt_count(&c[3], v[i].issued);
		hours(&c[4], v[i].minutes);
		for (size_t k = 0; k < 5; k++)
			cells[k] = c[k].s;
		rp_table_row(r, &t, cells, 0);
		issued += v[i].issued;
		minutes += v[i].minutes;
	}
	{
		const char *cells[5];

		for (size_t k = 0; k < 5; k++)
			buf_reset(&c[k]);
		buf_adds(&c[0], "Total contact hours delivered");
		rp_fmt_count(&c[3], issued);
		hours(&c[4], minutes);
		for (size_t k = 0; k < 5; k++)
			cells[k] = c[k].s ? c[k].s : "";
		rp_table_row(r, &t, cells, 1);
	}
	rp_table_end(r, &t);
out:
	for (size_t k = 0; k < 5; k++)
		buf_release(&c[k]);
	certificate_totals_free(v, n);
	return 0;
}
