/*
 * attendance.c - the certificate of attendance (see attendance.h): a
 * framed landscape page, everything centred, the signature at the
 * bottom left and the verification block at the bottom right.
 */
#include "attendance.h"

#include "util.h"

#define INK    0x1b1f23u
#define MUTED  0x4a5360u
#define BRAND  0x0b4f6cu
#define GOLD   0xa8842cu
#define NAME_MAX_PT 32.0
#define NAME_MIN_PT 17.0

/* Draws s wrapped to width, each line centred on cx; returns the next y. */
static double centred(struct pdf *p, const char *s, enum pdf_font font,
		      double size, unsigned rgb, double y, double cx,
		      double width)
{
	struct pdf_lines l = { 0 };

	if (!s || !*s)
		return y;
	pdf_wrap(p, font, size, s, width, &l);
	for (size_t i = 0; i < l.n; i++) {
		double w = pdf_width(p, font, size, l.v[i]);

		y += size * 1.3;
		pdf_text(p, cx - w / 2, y, font, size, rgb, l.v[i]);
	}
	pdf_lines_release(&l);
	return y;
}

/* The frame: a coloured band inside the margin and a fine inner rule. */
static void frame(struct pdf *p, double pw, double ph)
{
	double m = 24, t = 5, r = m + t + 6;

	pdf_rect(p, m, m, pw - 2 * m, t, BRAND);
	pdf_rect(p, m, ph - m - t, pw - 2 * m, t, BRAND);
	pdf_rect(p, m, m, t, ph - 2 * m, BRAND);
	pdf_rect(p, pw - m - t, m, t, ph - 2 * m, BRAND);
	pdf_line(p, r, r, pw - r, r, 0.8, GOLD);
	pdf_line(p, r, ph - r, pw - r, ph - r, 0.8, GOLD);
	pdf_line(p, r, r, r, ph - r, 0.8, GOLD);
	pdf_line(p, pw - r, r, pw - r, ph - r, 0.8, GOLD);
}

/*
 * The name: the largest size from NAME_MAX_PT down to NAME_MIN_PT that
 * fits one line, else wrapped at NAME_MIN_PT. Returns the next y.
 */
static double name_block(struct pdf *p, const char *name, double y,
			 double cx, double width)
{
	double size = NAME_MAX_PT;

	while (size > NAME_MIN_PT &&
	       pdf_width(p, PDF_BOLD, size, name) > width)
		size -= 1;
	y = centred(p, name, PDF_BOLD, size, INK, y, cx, width);
	pdf_line(p, cx - width / 2, y + 9, cx + width / 2, y + 9, 0.6, GOLD);
	return y + 9;
}

/* "Tuesday 3 March 2026 · Webinar · Online": the event's particulars. */
static void particulars(const struct attendance *a, struct buf *out)
{
	const char *part[] = { a->when, a->format, a->location };

	for (size_t i = 0; i < ARRAY_SIZE(part); i++) {
		if (!part[i] || !*part[i])
			continue;
		if (out->len)
			buf_adds(out, "  \xc2\xb7  ");
		buf_adds(out, part[i]);
	}
}

/* Signature line, signer and role, bottom left; the issue date under. */
static void signature(struct pdf *p, const struct attendance *a, double x,
		      double y, double w)
{
	double cx = x + w / 2, ty = y;

	pdf_line(p, x, y, x + w, y, 0.7, INK);
	ty = centred(p, a->signer_name, PDF_BOLD, 11, INK, ty + 2, cx, w);
	ty = centred(p, a->signer_role, PDF_REGULAR, 9.5, MUTED, ty, cx, w);
	centred(p, a->org, PDF_REGULAR, 8.5, MUTED, ty, cx, w);
}

/* Code, address and QR code, bottom right; -1 when the image fails. */
static int verification(struct pdf *p, const struct attendance *a,
			double right, double bottom)
{
	double qr = 78, x = right - qr, y = bottom - qr, tw = 210;
	struct buf line = BUF_INIT;
	double size = 8;

	if (pdf_image_png(p, a->qr_png, a->qr_len, x, y, qr, qr) < 0)
		return -1;
	buf_addf(&line, "Certificate %s", a->code);
	pdf_text(p, x - 10 - pdf_width(p, PDF_BOLD, 9, line.s), y + 30,
		 PDF_BOLD, 9, INK, line.s);
	while (size > 5.5 && pdf_width(p, PDF_REGULAR, size, a->verify_url) >
			     tw)
		size -= 0.5;
	pdf_text(p, x - 10 - pdf_width(p, PDF_REGULAR, 8, "Verify at"),
		 y + 44, PDF_REGULAR, 8, MUTED, "Verify at");
	pdf_text(p, x - 10 - pdf_width(p, PDF_REGULAR, size, a->verify_url),
		 y + 56, PDF_REGULAR, size, MUTED, a->verify_url);
	buf_reset(&line);
	buf_addf(&line, "Issued %s", a->issued);
	pdf_text(p, x - 10 - pdf_width(p, PDF_REGULAR, 8, line.s), y + 68,
		 PDF_REGULAR, 8, MUTED, line.s);
	buf_release(&line);
	return 0;
}

int attendance_pdf(const struct attendance *a, struct buf *out)
{
	struct pdf *p = pdf_new(a->paper);
	struct buf b = BUF_INIT;
	double pw, ph, cx, width, y;
	int ret = -1;

	if (!p)
		return -1;
	pdf_set_landscape(p);
	pdf_add_page(p);
	pw = pdf_page_width(p);
	ph = pdf_page_height(p);
	cx = pw / 2;
	width = pw - 2 * 110;
	frame(p, pw, ph);
	y = centred(p, a->org, PDF_REGULAR, 13, MUTED, 66, cx, width);
	y = centred(p, "Certificate of Attendance", PDF_BOLD, 36, BRAND,
		    y + 22, cx, width);
	y = centred(p, "This is to certify that", PDF_REGULAR, 13, MUTED,
		    y + 28, cx, width);
	y = name_block(p, a->name, y + 16, cx, width);
	y = centred(p, "attended", PDF_REGULAR, 13, MUTED, y + 20, cx, width);
	y = centred(p, a->title, PDF_BOLD, 20, INK, y + 8, cx, width);
	particulars(a, &b);
	y = centred(p, b.s, PDF_REGULAR, 12, INK, y + 8, cx, width);
	if (a->presenter && *a->presenter) {
		buf_reset(&b);
		buf_addf(&b, "Presented by %s", a->presenter);
		y = centred(p, b.s, PDF_REGULAR, 12, INK, y + 2, cx, width);
	}
	buf_reset(&b);
	buf_addf(&b, "Contact hours: %s", a->hours);
	centred(p, b.s, PDF_BOLD, 15, BRAND, y + 22, cx, width);
	signature(p, a, 80, ph - 98, 230);
	if (verification(p, a, pw - 62, ph - 58) < 0)
		goto out;
	pdf_set_info(p, "Certificate of attendance", a->org, a->created);
	ret = pdf_save(p, out);
out:
	buf_release(&b);
	pdf_free(p);
	return ret;
}
