/*
 * report-layout.c - the report's page flow: a cursor going down the page,
 * headings kept with what follows, wrapped paragraphs, charts, tables
 * with repeated headers, running headers and page numbers.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report-int.h"
#include "util.h"

#define LEAD 1.32              /* line height as a multiple of the size */
#define PAD 3.0                /* table cell padding */
#define SZ_HEAD 7.5            /* table headers, running header */

void rp_new_page(struct rpt *r)
{
	pdf_add_page(r->pdf);
	r->y = r->top;
}

static void need_raw(struct rpt *r, double h)
{
	if (r->y + h > r->bottom && r->y > r->top + 1)
		rp_new_page(r);
}

static double heading_size(int level)
{
	return level ? SZ_H2 : SZ_H1;
}

static double held_height(struct rpt *r, const struct held *x)
{
	if (!x->text)
		return x->h;
	if (!x->heading)
		return rp_para_height(r, x->text, x->font, x->size, 0);
	return rp_para_height(r, x->text, PDF_BOLD, heading_size(x->level),
			      0) + (x->level ? 14 : 26);
}

static void draw_heading(struct rpt *r, const struct held *x)
{
	double size = heading_size(x->level);
	struct pdf_lines l = { 0 };
	double y0;

	pdf_wrap(r->pdf, PDF_BOLD, size, x->text, r->x1 - r->x0, &l);
	if (r->y > r->top + 1)
		r->y += x->level ? 10 : 16;
	y0 = r->y;
	for (size_t i = 0; i < l.n; i++) {
		r->y += size * LEAD;
		pdf_text(r->pdf, r->x0, r->y - size * 0.3, PDF_BOLD, size,
			 x->level ? COL_TEXT : COL_ACCENT, l.v[i]);
	}
	if (!x->level) {
		r->y += 3;
		pdf_line(r->pdf, r->x0, r->y, r->x1, r->y, 0.8, COL_ACCENT);
		r->y += 7;
	} else {
		r->y += 4;
	}
	if (x->bookmark)
		pdf_bookmark(r->pdf, x->level ? 1 : 0, x->text, y0);
	pdf_lines_release(&l);
}

static void draw_para(struct rpt *r, const char *text, enum pdf_font font,
		      double size, unsigned colour, double indent)
{
	struct pdf_lines l = { 0 };

	pdf_wrap(r->pdf, font, size, text, r->x1 - r->x0 - indent, &l);
	for (size_t i = 0; i < l.n; i++) {
		need_raw(r, size * LEAD);
		r->y += size * LEAD;
		pdf_text(r->pdf, r->x0 + indent, r->y - size * 0.3, font, size,
			 colour, l.v[i]);
	}
	pdf_lines_release(&l);
}

/* Draws the held items on the page that has room for them and h more. */
static void flush(struct rpt *r, double h)
{
	struct held *v = r->held;
	size_t n = r->nheld;
	double total = h;

	for (size_t i = 0; i < n; i++)
		total += held_height(r, &v[i]);
	r->nheld = 0;
	need_raw(r, total);
	for (size_t i = 0; i < n; i++) {
		if (!v[i].text) {
			if (r->y > r->top + 1)
				r->y += v[i].h;
		} else if (v[i].heading) {
			draw_heading(r, &v[i]);
		} else {
			draw_para(r, v[i].text, v[i].font, v[i].size,
				  v[i].colour, 0);
		}
		free(v[i].text);
	}
}

void rp_flush(struct rpt *r)
{
	if (r->nheld)
		flush(r, 0);
	free(r->held);
	r->held = NULL;
	r->capheld = 0;
}

void rp_need(struct rpt *r, double h)
{
	if (r->nheld)
		flush(r, h);
	else
		need_raw(r, h);
}

static struct held *hold(struct rpt *r)
{
	struct held *x;

	ALLOC_GROW(r->held, r->nheld + 1, r->capheld);
	x = &r->held[r->nheld++];
	memset(x, 0, sizeof(*x));
	return x;
}

void rp_space(struct rpt *r, double h)
{
	if (r->nheld)
		hold(r)->h = h;
	else if (r->y > r->top + 1)
		r->y += h;
}

void rp_heading(struct rpt *r, int level, const char *text, int bookmark)
{
	struct held *x = hold(r);

	x->heading = 1;
	x->level = level;
	x->bookmark = bookmark;
	x->text = xstrdup(text);
}

void rp_note(struct rpt *r, const char *text, enum pdf_font font,
	     double size, unsigned colour)
{
	struct held *x = hold(r);

	x->text = xstrdup(text);
	x->font = font;
	x->size = size;
	x->colour = colour;
}

double rp_para_height(struct rpt *r, const char *text, enum pdf_font font,
		      double size, double indent)
{
	struct pdf_lines l = { 0 };
	double h;

	pdf_wrap(r->pdf, font, size, text, r->x1 - r->x0 - indent, &l);
	h = (double)l.n * size * LEAD;
	pdf_lines_release(&l);
	return h;
}

void rp_para(struct rpt *r, const char *text, enum pdf_font font,
	     double size, unsigned colour, double indent)
{
	struct pdf_lines l = { 0 };
	double first;

	pdf_wrap(r->pdf, font, size, text, r->x1 - r->x0 - indent, &l);
	/* short paragraphs whole, long ones not with one line alone */
	first = (double)(l.n <= 4 ? l.n : 2) * size * LEAD;
	rp_need(r, first);
	pdf_lines_release(&l);
	draw_para(r, text, font, size, colour, indent);
}

static void progress(struct rpt *r)
{
	if (!r->o->progress)
		return;
	fprintf(stderr, "\rsigsurvey report: chart %d of %d", r->charts,
		r->charts_total);
	if (r->charts >= r->charts_total)
		fputc('\n', stderr);
	fflush(stderr);
}

double rp_table_height(size_t rows)
{
	return 4 + SZ_HEAD * 1.2 * 2 + 2 * PAD +
	       (double)rows * (SZ_TABLE * LEAD + 2 * PAD) + 8;
}

int rp_chart(struct rpt *r, struct chart *c, size_t rows)
{
	double keep = 0;

	struct buf png = BUF_INIT;
	int ret = -1;

	if (r->failed)
		return -1;
	if (c->width <= 0)
		c->width = r->x1 - r->x0;
	if (rows && rows <= RP_CHART_ROWS &&
	    c->height + 6 + rp_table_height(rows) < r->bottom - r->top)
		keep = rp_table_height(rows);
	rp_need(r, c->height + 6 + keep);
	if (chart_render(r->gp, c, &png) ||
	    pdf_image_png(r->pdf, png.s, png.len, r->x0, r->y, c->width,
			  c->height))
		goto out;
	r->y += c->height + 6;
	r->charts++;
	progress(r);
	ret = 0;
out:
	if (ret)
		r->failed = 1;
	buf_release(&png);
	return ret;
}

/* Width of column i: the first (wrapping) column takes the spare room. */
static double col_w(const struct table *t, size_t i)
{
	return t->c[i].width + (i ? 0 : t->extra);
}

static double col_x(const struct table *t, size_t i, double x0)
{
	for (size_t k = 0; k < i; k++)
		x0 += col_w(t, k);
	return x0;
}

static void draw_header(struct rpt *r, struct table *t)
{
	struct pdf_lines l[12] = { 0 };
	size_t n = t->n < 12 ? t->n : 12, most = 1, keep;
	double h;

	for (size_t i = 0; i < n; i++) {
		pdf_wrap(r->pdf, PDF_BOLD, SZ_HEAD, t->c[i].head,
			 col_w(t, i) - 2 * PAD, &l[i]);
		if (l[i].n > most)
			most = l[i].n;
	}
	h = (double)most * SZ_HEAD * 1.2 + 2 * PAD;
	keep = t->left && t->left <= RP_SHORT_TABLE ? t->left : RP_MIN_ROWS;
	rp_need(r, h + (double)keep * (SZ_TABLE * LEAD + 2 * PAD));
	pdf_rect(r->pdf, r->x0, r->y, col_x(t, n, 0), h, COL_HEAD);
	for (size_t i = 0; i < n; i++) {
		double x = col_x(t, i, r->x0);
		/* headers sit at the bottom of the header band */
		double y = r->y + h - PAD - (double)(l[i].n - 1) * SZ_HEAD * 1.2
			   - SZ_HEAD * 0.25;

		for (size_t k = 0; k < l[i].n; k++) {
			double tx = x + PAD;

			if (t->c[i].right)
				tx = x + col_w(t, i) - PAD -
				     pdf_width(r->pdf, PDF_BOLD, SZ_HEAD,
					       l[i].v[k]);
			pdf_text(r->pdf, tx, y + (double)k * SZ_HEAD * 1.2,
				 PDF_BOLD, SZ_HEAD, COL_TEXT, l[i].v[k]);
		}
		pdf_lines_release(&l[i]);
	}
	r->y += h;
	t->rows = 0;
}

void rp_table_start(struct rpt *r, struct table *t, const struct col *c,
		    size_t n, size_t rows)
{
	t->c = c;
	t->n = n;
	t->left = rows;
	t->rows = 0;
	t->extra = 0;
	t->extra = r->x1 - r->x0 - col_x(t, n, 0);
	if (t->extra < 0)
		t->extra = 0;
	rp_space(r, 4);
	draw_header(r, t);
}

void rp_table_row(struct rpt *r, struct table *t, const char *const *cells,
		  int bold)
{
	struct pdf_lines l = { 0 };
	enum pdf_font f = bold ? PDF_BOLD : PDF_REGULAR;
	double h, base;

	pdf_wrap(r->pdf, f, SZ_TABLE, cells[0], col_w(t, 0) - 2 * PAD, &l);
	h = (double)(l.n ? l.n : 1) * SZ_TABLE * LEAD + 2 * PAD;
	/* a break leaves at least RP_MIN_ROWS rows for the next page */
	if (r->y + h > r->bottom ||
	    (t->left > 1 && t->left <= RP_MIN_ROWS &&
	     t->rows >= RP_MIN_ROWS && r->y + h + (double)(t->left - 1) *
	     (SZ_TABLE * LEAD + 2 * PAD) > r->bottom)) {
		rp_new_page(r);
		draw_header(r, t);
	}
	if (t->rows++ % 2)
		pdf_rect(r->pdf, r->x0, r->y, col_x(t, t->n, 0), h, COL_ZEBRA);
	base = r->y + PAD + SZ_TABLE * LEAD - SZ_TABLE * 0.3;
	for (size_t k = 0; k < l.n; k++) {
		double x = r->x0 + PAD;

		if (t->c[0].right && l.n == 1)  /* a number: as its header */
			x = r->x0 + col_w(t, 0) - PAD -
			    pdf_width(r->pdf, f, SZ_TABLE, l.v[k]);
		pdf_text(r->pdf, x, base + (double)k * SZ_TABLE * LEAD,
			 f, SZ_TABLE, COL_TEXT, l.v[k]);
	}
	for (size_t i = 1; i < t->n; i++) {
		double x = col_x(t, i, r->x0) + PAD;

		if (!cells[i])
			continue;
		if (t->c[i].right)
			x = col_x(t, i + 1, r->x0) - PAD -
			    pdf_width(r->pdf, f, SZ_TABLE, cells[i]);
		pdf_text(r->pdf, x, base, f, SZ_TABLE, COL_TEXT, cells[i]);
	}
	r->y += h;
	if (t->left)
		t->left--;
	pdf_lines_release(&l);
}

void rp_table_end(struct rpt *r, struct table *t)
{
	pdf_line(r->pdf, r->x0, r->y, r->x0 + col_x(t, t->n, 0), r->y, 0.6,
		 COL_RULE);
	r->y += 8;
}

void rp_finish_pages(struct rpt *r, const char *date)
{
	size_t n;
	double w = pdf_page_width(r->pdf), h = pdf_page_height(r->pdf);
	const char *org = r->site && r->site->short_name ? r->site->short_name
				 : "";
	struct buf b = BUF_INIT;

	rp_flush(r);
	n = pdf_page_count(r->pdf);
	for (size_t i = 0; i < n; i++) {
		pdf_goto_page(r->pdf, i);
		buf_reset(&b);
		buf_addf(&b, "Page %zu of %zu", i + 1, n);
		pdf_text(r->pdf, r->x1 - pdf_width(r->pdf, PDF_REGULAR, SZ_HEAD,
						   b.s),
			 h - 30, PDF_REGULAR, SZ_HEAD, COL_MUTED, b.s);
		pdf_text(r->pdf, r->x0, h - 30, PDF_REGULAR, SZ_HEAD,
			 COL_MUTED, date);
		if (!i)
			continue;
		{
			struct pdf_lines l = { 0 };

			pdf_wrap(r->pdf, PDF_REGULAR, SZ_HEAD, r->title,
				 r->x1 - r->x0 - 120, &l);
			if (l.n)
				pdf_text(r->pdf, r->x0, 40, PDF_REGULAR,
					 SZ_HEAD, COL_MUTED, l.v[0]);
			pdf_lines_release(&l);
		}
		pdf_text(r->pdf, r->x1 - pdf_width(r->pdf, PDF_BOLD, SZ_HEAD,
						   org),
			 40, PDF_BOLD, SZ_HEAD, COL_ACCENT, org);
		pdf_line(r->pdf, r->x0, 46, w - r->x0, 46, 0.5, COL_RULE);
	}
	buf_release(&b);
}

void rp_fmt_count(struct buf *b, long n)
{
	char tmp[32];
	int len, lead;

	if (n < 0) {
		buf_addc(b, '-');
		n = -n;
	}
	len = snprintf(tmp, sizeof(tmp), "%ld", n);
	lead = len % 3 ? len % 3 : 3;
	buf_add(b, tmp, (size_t)lead);
	for (int i = lead; i < len; i += 3) {
		buf_addc(b, ',');
		buf_add(b, tmp + i, 3);
	}
}

void rp_fmt_pct(struct buf *b, double pct)
{
	if (pct > 0 && pct < 1)
		buf_adds(b, "<1%");
	else
		buf_addf(b, "%.0f%%", pct);
}

const char *rp_event_title(const struct rpt *r, const char *key)
{
	for (size_t i = 0; key && i < r->nev; i++)
		if (!strcmp(r->ev[i].key, key))
			return r->ev[i].title;
	return key;
}

const char *rp_event_date(const struct rpt *r, const char *key)
{
	for (size_t i = 0; key && i < r->nev; i++)
		if (!strcmp(r->ev[i].key, key))
			return r->ev[i].date;
	return NULL;
}
