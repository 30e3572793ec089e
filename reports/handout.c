/*
 * handout.c - the event handout (see handout.h): one page, everything
 * centred, the QR code as large as the page allows.
 */
#include "handout.h"

#include "util.h"

#define INK   0x1b1f23u
#define MUTED 0x4a5360u
#define BRAND 0x0b4f6cu

/* Draws s wrapped to width, each line centred; returns the next y. */
static double centred(struct pdf *p, const char *s, enum pdf_font font,
		      double size, unsigned rgb, double y, double width)
{
	struct pdf_lines l = { 0 };
	double pw = pdf_page_width(p);

	if (!s)
		return y;
	pdf_wrap(p, font, size, s, width, &l);
	for (size_t i = 0; i < l.n; i++) {
		double w = pdf_width(p, font, size, l.v[i]);

		y += size * 1.25;
		pdf_text(p, (pw - w) / 2, y, font, size, rgb, l.v[i]);
	}
	pdf_lines_release(&l);
	return y;
}

int handout_pdf(const struct handout *ho, struct buf *out)
{
	struct pdf *p = pdf_new(ho->paper);
	double pw, ph, width, y, qr;
	int ret = -1;

	if (!p)
		return -1;
	pdf_add_page(p);
	pw = pdf_page_width(p);
	ph = pdf_page_height(p);
	width = pw - 2 * 60;
	pdf_rect(p, 0, 0, pw, 14, BRAND);
	y = 50;
	y = centred(p, ho->org, PDF_REGULAR, 13, MUTED, y, width);
	y = centred(p, ho->title, PDF_BOLD, 28, INK, y + 14, width);
	y = centred(p, ho->when, PDF_REGULAR, 15, INK, y + 8, width);
	y = centred(p, ho->where, PDF_REGULAR, 15, INK, y + 2, width);
	y = centred(p, ho->invitation, PDF_BOLD, 18, BRAND, y + 26, width);
	y = centred(p, ho->certificate, PDF_REGULAR, 13, INK, y + 6, width);
	qr = ph - y - 170;
	if (qr > 400)
		qr = 400;
	if (qr < 150)
		qr = 150;
	if (!ho->qr_png)
		y = centred(p, ho->qr_missing, PDF_BOLD, 14, INK, y + 40, width);
	else if (pdf_image_png(p, ho->qr_png, ho->qr_len, (pw - qr) / 2,
			       y + 20, qr, qr) < 0)
		goto out;
	else
		y += 20 + qr;
	if (ho->qr_png)
		y = centred(p, "Scan the code with your phone's camera, or "
			    "type:", PDF_REGULAR, 12, MUTED, y + 10, width);
	{
		double size = 15, w = pdf_width(p, PDF_BOLD, size, ho->link);

		if (w > width)                    /* one line if at all legible */
			size = size * width / w < 9 ? 9 : size * width / w;
		y = centred(p, ho->link, PDF_BOLD, size, INK, y + 4, width);
	}
	centred(p, "About two minutes. No sign-in. Your answers are read by "
		"the committee and reported only in summary.", PDF_REGULAR,
		11, MUTED, y + 20, width);
	pdf_set_info(p, ho->title, ho->org, ho->created);
	ret = pdf_save(p, out);
out:
	pdf_free(p);
	return ret;
}
