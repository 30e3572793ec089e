/*
 * pdf.c - the PDF writer over libharu 2.3 (see pdf.h). The only file
 * that includes hpdf.h. Text is cleaned to what the embedded font can
 * draw before libharu sees it; errors are recorded by the handler.
 */
#include "pdf.h"

#include <hpdf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

#define FONT_DIR "/usr/share/fonts/truetype/dejavu"
#define SUBST 0xFFFDu

/*
 * Fonts for what DejaVu Sans lacks, tried in order for each character.
 * libharu 2.3 loads TrueType outlines (glyf) with a format 4 cmap only:
 * not CFF/OpenType-CFF (fonts-noto-cjk) nor colour bitmaps (CBDT emoji),
 * and nothing beyond the Basic Multilingual Plane. Each is loaded on
 * first need, so a report without such text is unchanged; libharu embeds
 * only the glyphs used. Missing files are skipped (the character is then
 * replaced and counted as before).
 */
static const struct fallback_file {
	const char *path;
	int index;             /* face in a .ttc collection; -1: a .ttf */
} fallback_files[] = {
	/* fonts-droid-fallback: Chinese and Japanese (a small subset) */
	{ "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", -1 },
	/* fonts-wqy-microhei: Korean Hangul too (a larger subset) */
	{ "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0 },
	/* fonts-symbola: symbols and the emoji of the BMP */
	{ "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf", -1 },
};
#define NFALLBACK (sizeof(fallback_files) / sizeof(fallback_files[0]))

struct pdf {
	HPDF_Doc doc;
	HPDF_Font font[2];
	HPDF_FontDef def[2];
	HPDF_Page *pages;
	size_t npages, cappages;
	HPDF_Page page;
	HPDF_Outline last_top;
	HPDF_Encoder utf8;
	double w, h;
	HPDF_PageSizes size;
	int landscape;               /* pages added from now on */
	unsigned long err, detail;   /* first libharu error */
	size_t subst;
	unsigned subst_cp;           /* SUBST when the font has it, else '?' */
	signed char cover[2][0x800]; /* glyph cache: 0 unknown, 1 yes, -1 no */
	struct {
		HPDF_Font font;
		HPDF_FontDef def;
		int state;           /* 0 not tried, 1 loaded, -1 unavailable */
	} fb[NFALLBACK];
	int fb_used;                 /* a fallback font drew something */
};

static void on_error(HPDF_STATUS err, HPDF_STATUS detail, void *data)
{
	struct pdf *p = data;

	if (!p->err) {
		p->err = err;
		p->detail = detail;
	}
}

static void encode(struct buf *b, unsigned c)
{
	if (c < 0x80) {
		buf_addc(b, (int)c);
	} else if (c < 0x800) {
		buf_addc(b, (int)(0xc0 | c >> 6));
		buf_addc(b, (int)(0x80 | (c & 0x3f)));
	} else {
		buf_addc(b, (int)(0xe0 | c >> 12));
		buf_addc(b, (int)(0x80 | (c >> 6 & 0x3f)));
		buf_addc(b, (int)(0x80 | (c & 0x3f)));
	}
}

/* Fallback font i, loaded on first use; NULL when it cannot be. */
static HPDF_FontDef fallback(struct pdf *p, size_t i)
{
	const struct fallback_file *f = &fallback_files[i];
	const char *name = NULL;
	unsigned long err = p->err;

	if (p->fb[i].state)
		return p->fb[i].state > 0 ? p->fb[i].def : NULL;
	p->fb[i].state = -1;
	if (access(f->path, R_OK))
		return NULL;
	name = f->index < 0 ? HPDF_LoadTTFontFromFile(p->doc, f->path, HPDF_TRUE)
		: HPDF_LoadTTFontFromFile2(p->doc, f->path, (HPDF_UINT)f->index,
					   HPDF_TRUE);
	p->fb[i].font = name ? HPDF_GetFont(p->doc, name, "UTF-8") : NULL;
	if (!p->fb[i].font) {
		if (!err) {     /* a font that will not load is no error */
			p->err = 0;
			HPDF_ResetError(p->doc);
		}
		return NULL;
	}
	p->fb[i].def = ((HPDF_FontAttr)p->fb[i].font->attr)->fontdef;
	p->fb[i].state = 1;
	return p->fb[i].def;
}

/*
 * The fallback font that draws c: 1 + its index, or 0 when none does.
 * Loads fallbacks in order until one has c.
 */
static size_t fallback_for(struct pdf *p, unsigned c)
{
	if (c > 0xffff || c < 0x80)
		return 0;
	for (size_t i = 0; i < NFALLBACK; i++) {
		HPDF_FontDef d = fallback(p, i);

		if (d && HPDF_TTFontDef_GetGlyphid(d, (HPDF_UINT16)c))
			return i + 1;
	}
	return 0;
}

/* 1 when both fonts have a glyph for c (a BMP code point). */
static int covered(struct pdf *p, unsigned c)
{
	if (c > 0xffff)
		return 0;
	for (int f = 0; f < 2; f++) {
		int has;

		if (c < 0x800 && p->cover[f][c])
			has = p->cover[f][c] > 0;
		else
			has = HPDF_TTFontDef_GetGlyphid(p->def[f],
							(HPDF_UINT16)c) != 0;
		if (c < 0x800)
			p->cover[f][c] = (signed char)(has ? 1 : -1);
		if (!has)
			return 0;
	}
	return 1;
}

void pdf_clean(struct pdf *p, struct buf *out, const char *s,
	       int keep_newlines)
{
	const unsigned char *u = (const unsigned char *)(s ? s : "");
	size_t left = strlen((const char *)u);

	while (left) {
		unsigned c;
		size_t n = utf8_decode((const char *)u, left, &c);

		if (!n) {
			n = 1;
			c = SUBST;
		}
		u += n;
		left -= n;
		if (c == '\n' || c == '\t' || c == '\r') {
			if (c == '\n' && keep_newlines)
				buf_addc(out, '\n');
			else if (c != '\r')
				buf_addc(out, ' ');
			continue;
		}
		if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0xad ||
		    (c >= 0x200b && c <= 0x200f) || c == 0xfeff)
			continue;
		if (c == SUBST || (!covered(p, c) && !fallback_for(p, c))) {
			p->subst++;
			c = p->subst_cp;
		}
		encode(out, c);
	}
}

size_t pdf_substitutions(const struct pdf *p)
{
	return p->subst;
}

int pdf_fallback_used(const struct pdf *p)
{
	return p->fb_used;
}

/*
 * The font that draws c: 0 for DejaVu, else 1 + the fallback's index.
 * Cleaned text has only characters that one of them has.
 */
static size_t font_of(struct pdf *p, unsigned c)
{
	if (c < 0x80 || covered(p, c))
		return 0;
	return fallback_for(p, c);
}

static HPDF_FontDef def_of(struct pdf *p, enum pdf_font f, size_t k)
{
	return k ? p->fb[k - 1].def : p->def[f];
}

/* Width of already cleaned UTF-8 text, in points. */
static double clean_width(struct pdf *p, enum pdf_font f, double size,
			  const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	long units = 0;

	while (len) {
		unsigned c = '?';
		size_t n = utf8_decode((const char *)u, len, &c);

		if (!n)
			n = 1;
		units += HPDF_TTFontDef_GetCharWidth(def_of(p, f, font_of(p, c)),
						     (HPDF_UINT16)c);
		u += n;
		len -= n;
	}
	return (double)units * size / 1000.0;
}

double pdf_width(struct pdf *p, enum pdf_font font, double size,
		 const char *s)
{
	struct buf b = BUF_INIT;
	size_t subst = p->subst;
	double w;

	pdf_clean(p, &b, s, 0);
	p->subst = subst;       /* measuring is not drawing */
	w = clean_width(p, font, size, b.s, b.len);
	buf_release(&b);
	return w;
}

static HPDF_REAL py(const struct pdf *p, double y)
{
	return (HPDF_REAL)(p->h - y);
}

static void set_fill(HPDF_Page page, unsigned rgb)
{
	HPDF_Page_SetRGBFill(page, (HPDF_REAL)((rgb >> 16 & 255) / 255.0),
			     (HPDF_REAL)((rgb >> 8 & 255) / 255.0),
			     (HPDF_REAL)((rgb & 255) / 255.0));
}

static int has_glyph(void *ctx, unsigned c)
{
	return covered(ctx, c);
}

void pdf_visual_order(struct pdf *p, struct buf *line)
{
	const unsigned char *u = (const unsigned char *)line->s;
	size_t left = line->len, n = 0;
	unsigned *v = xcalloc(line->len + 1, sizeof(*v));

	while (left) {
		size_t k = utf8_decode((const char *)u, left, &v[n]);

		if (!k)
			k = 1, v[n] = '?';
		u += k;
		left -= k;
		n++;
	}
	if (pdf_rtl_order(v, &n, has_glyph, p)) {
		buf_reset(line);
		for (size_t i = 0; i < n; i++)
			encode(line, v[i]);
	}
	free(v);
}

/*
 * Draws cleaned text b in runs of one font each: DejaVu where it has the
 * glyph, else the first fallback that has it.
 */
static void draw_runs(struct pdf *p, double x, double y, enum pdf_font f,
		      double size, struct buf *b)
{
	size_t at = 0;

	while (at < b->len) {
		size_t end = at, k = (size_t)-1;
		char save;

		while (end < b->len) {
			unsigned c = '?';
			size_t n = utf8_decode(b->s + end, b->len - end, &c);
			size_t kc = font_of(p, c);

			if (!n)
				n = 1;
			if (k != (size_t)-1 && kc != k)
				break;
			k = kc;
			end += n;
		}
		if (k)
			p->fb_used = 1;
		save = b->s[end];
		b->s[end] = '\0';
		HPDF_Page_BeginText(p->page);
		HPDF_Page_SetFontAndSize(p->page, k ? p->fb[k - 1].font
						    : p->font[f], (HPDF_REAL)size);
		HPDF_Page_TextOut(p->page, (HPDF_REAL)x, py(p, y), b->s + at);
		HPDF_Page_EndText(p->page);
		x += clean_width(p, f, size, b->s + at, end - at);
		b->s[end] = save;
		at = end;
	}
}

void pdf_text(struct pdf *p, double x, double y, enum pdf_font font,
	      double size, unsigned rgb, const char *s)
{
	struct buf b = BUF_INIT;

	if (!p->page)
		return;
	pdf_clean(p, &b, s, 0);
	pdf_visual_order(p, &b);
	if (b.len) {
		set_fill(p->page, rgb);
		draw_runs(p, x, y, font, size, &b);
	}
	buf_release(&b);
}

static void add_line(struct pdf_lines *l, const char *s, size_t n)
{
	while (n && s[n - 1] == ' ')
		n--;
	ALLOC_GROW(l->v, l->n + 1, l->cap);
	l->v[l->n++] = xstrndup(s, n);
}

/* Wraps one paragraph (no newlines) of cleaned text. */
static void wrap_para(struct pdf *p, enum pdf_font f, double size,
		      const char *s, size_t len, double width,
		      struct pdf_lines *out)
{
	while (len) {
		size_t fit = 0, brk = 0, i = 0;
		double w = 0;

		while (len && *s == ' ')
			s++, len--;
		if (!len)
			break;
		while (i < len) {
			unsigned c;
			size_t n = utf8_decode(s + i, len - i,
					  &c);

			if (!n)
				n = 1;
			w += clean_width(p, f, size, s + i, n);
			if (w > width && fit)
				break;
			if (s[i] == ' ')
				brk = i;
			i += n;
			fit = i;
		}
		if (fit < len && brk)
			fit = brk;          /* break at the last space */
		add_line(out, s, fit);
		s += fit;
		len -= fit;
	}
}

void pdf_wrap(struct pdf *p, enum pdf_font font, double size,
	      const char *s, double width, struct pdf_lines *out)
{
	struct buf b = BUF_INIT;
	const char *q;

	pdf_clean(p, &b, s, 1);
	q = b.s;
	while (*q) {
		size_t n = strcspn(q, "\n");

		wrap_para(p, font, size, q, n, width, out);
		q += n;
		if (*q == '\n')
			q++;
	}
	buf_release(&b);
}

void pdf_lines_release(struct pdf_lines *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void pdf_rect(struct pdf *p, double x, double y, double w, double h,
	      unsigned rgb)
{
	if (!p->page)
		return;
	set_fill(p->page, rgb);
	HPDF_Page_Rectangle(p->page, (HPDF_REAL)x, py(p, y + h), (HPDF_REAL)w,
			    (HPDF_REAL)h);
	HPDF_Page_Fill(p->page);
}

void pdf_line(struct pdf *p, double x1, double y1, double x2, double y2,
	      double width, unsigned rgb)
{
	if (!p->page)
		return;
	HPDF_Page_SetRGBStroke(p->page, (HPDF_REAL)((rgb >> 16 & 255) / 255.0),
			       (HPDF_REAL)((rgb >> 8 & 255) / 255.0),
			       (HPDF_REAL)((rgb & 255) / 255.0));
	HPDF_Page_SetLineWidth(p->page, (HPDF_REAL)width);
	HPDF_Page_MoveTo(p->page, (HPDF_REAL)x1, py(p, y1));
	HPDF_Page_LineTo(p->page, (HPDF_REAL)x2, py(p, y2));
	HPDF_Page_Stroke(p->page);
}

int pdf_image_png(struct pdf *p, const void *data, size_t len, double x,
		  double y, double w, double h)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n',
					      0x1a, '\n' };
	static const unsigned char iend[8] = { 'I', 'E', 'N', 'D', 0xae, 0x42,
					       0x60, 0x82 };
	const unsigned char *d = data;
	HPDF_Image img;

	/* libharu 2.3 aborts the process on a truncated PNG: refuse it */
	if (!p->page || len < 20 || memcmp(d, sig, 8) ||
	    memcmp(d + len - 8, iend, 8))
		return error("refusing an incomplete PNG image");
	img = HPDF_LoadPngImageFromMem(p->doc, (const HPDF_BYTE *)data,
				       (HPDF_UINT)len);
	if (!img)
		return error("cannot read a chart image (libharu error %#lx)",
			     p->err);
	HPDF_Page_DrawImage(p->page, img, (HPDF_REAL)x, py(p, y + h),
			    (HPDF_REAL)w, (HPDF_REAL)h);
	return 0;
}

/*
 * Outline titles and document information are PDFDocEncoding strings in
 * libharu 2.3 (its UTF-8 encoder is refused there): Latin-1 covers the
 * accents of most titles; anything else becomes '?'.
 */
static void latin1(struct pdf *p, struct buf *out, const char *s)
{
	struct buf b = BUF_INIT;
	const unsigned char *u;
	size_t left;

	pdf_clean(p, &b, s, 0);
	u = (const unsigned char *)b.s;
	left = b.len;
	while (left) {
		unsigned c = '?';
		size_t n = utf8_decode((const char *)u, left, &c);

		if (!n)
			n = 1;
		buf_addc(out, c >= 0x20 && c < 0x7f ? (int)c
			 : c >= 0xa0 && c <= 0xff ? (int)c : '?');
		u += n;
		left -= n;
	}
	buf_release(&b);
}

void pdf_bookmark(struct pdf *p, int level, const char *title, double y)
{
	struct buf b = BUF_INIT;
	HPDF_Outline o;
	HPDF_Destination dst;

	if (!p->page)
		return;
	latin1(p, &b, title);
	o = HPDF_CreateOutline(p->doc, level > 0 ? p->last_top : NULL, b.s,
			       NULL);
	if (o) {
		dst = HPDF_Page_CreateDestination(p->page);
		if (dst) {
			HPDF_Destination_SetFitH(dst, py(p, y > 0 ? y : 1));
			HPDF_Outline_SetDestination(o, dst);
		}
		HPDF_Outline_SetOpened(o, HPDF_FALSE);
		if (level <= 0)
			p->last_top = o;
	}
	buf_release(&b);
}

void pdf_set_info(struct pdf *p, const char *title, const char *author,
		  time_t created)
{
	struct buf b = BUF_INIT;
	struct tm tm;
	HPDF_Date d = { 0 };

	latin1(p, &b, title);
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_TITLE, b.s);
	buf_reset(&b);
	latin1(p, &b, author);
	if (b.len)
		HPDF_SetInfoAttr(p->doc, HPDF_INFO_AUTHOR, b.s);
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, "sigsurvey");
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_PRODUCER, "sigsurvey with libharu");
	gmtime_r(&created, &tm);
	d.year = tm.tm_year + 1900;
	d.month = tm.tm_mon + 1;
	d.day = tm.tm_mday;
	d.hour = tm.tm_hour;
	d.minutes = tm.tm_min;
	d.seconds = tm.tm_sec;
	d.ind = 'Z';
	HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_CREATION_DATE, d);
	HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_MOD_DATE, d);
	buf_release(&b);
}

static int load_font(struct pdf *p, int f, const char *dir, const char *file)
{
	struct buf path = BUF_INIT;
	const char *name;
	int ret = -1;

	buf_addf(&path, "%s/%s", dir, file);
	if (access(path.s, R_OK)) {
		error("font %s not found (install fonts-dejavu-core or set "
		      "SIGSURVEY_FONT_DIR)", path.s);
		goto out;
	}
	name = HPDF_LoadTTFontFromFile(p->doc, path.s, HPDF_TRUE);
	p->font[f] = name ? HPDF_GetFont(p->doc, name, "UTF-8") : NULL;
	if (!p->font[f]) {
		error("cannot load font %s (libharu error %#lx)", path.s, p->err);
		goto out;
	}
	p->def[f] = ((HPDF_FontAttr)p->font[f]->attr)->fontdef;
	ret = 0;
out:
	buf_release(&path);
	return ret;
}

struct pdf *pdf_new(enum pdf_paper paper)
{
	struct pdf *p = xcalloc(1, sizeof(*p));
	const char *dir = getenv("SIGSURVEY_FONT_DIR");

	if (!dir || !*dir)
		dir = FONT_DIR;
	p->size = paper == PDF_LETTER ? HPDF_PAGE_SIZE_LETTER
				      : HPDF_PAGE_SIZE_A4;
	p->w = paper == PDF_LETTER ? 612 : 595.276;
	p->h = paper == PDF_LETTER ? 792 : 841.89;
	p->doc = HPDF_New(on_error, p);
	if (!p->doc) {
		error("cannot start a PDF document");
		free(p);
		return NULL;
	}
	HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(p->doc);
	HPDF_SetCurrentEncoder(p->doc, "UTF-8");
	p->utf8 = HPDF_GetEncoder(p->doc, "UTF-8");
	if (load_font(p, PDF_REGULAR, dir, "DejaVuSans.ttf") ||
	    load_font(p, PDF_BOLD, dir, "DejaVuSans-Bold.ttf")) {
		pdf_free(p);
		return NULL;
	}
	HPDF_SetPageMode(p->doc, HPDF_PAGE_MODE_USE_OUTLINE);
	p->subst_cp = covered(p, SUBST) ? SUBST : '?';
	return p;
}

void pdf_free(struct pdf *p)
{
	if (!p)
		return;
	HPDF_Free(p->doc);
	free(p->pages);
	free(p);
}

double pdf_page_width(const struct pdf *p)
{
	return p->w;
}

double pdf_page_height(const struct pdf *p)
{
	return p->h;
}

void pdf_add_page(struct pdf *p)
{
	HPDF_Page page = HPDF_AddPage(p->doc);

	if (!page)
		return;
	HPDF_Page_SetSize(page, p->size, p->landscape ? HPDF_PAGE_LANDSCAPE
						     : HPDF_PAGE_PORTRAIT);
	ALLOC_GROW(p->pages, p->npages + 1, p->cappages);
	p->pages[p->npages++] = page;
	p->page = page;
}

void pdf_set_landscape(struct pdf *p)
{
	double w = p->w;

	if (p->landscape)
		return;
	p->landscape = 1;
	p->w = p->h;
	p->h = w;
}

size_t pdf_page_count(const struct pdf *p)
{
	return p->npages;
}

void pdf_goto_page(struct pdf *p, size_t i)
{
	if (i < p->npages)
		p->page = p->pages[i];
}

/*
 * libharu 2.3 embeds the glyphs used but not the parts of composite ones
 * (most CJK characters): mark those parts too before it writes a font.
 */
static int embed_components(HPDF_FontDef def, const char *path)
{
	HPDF_TTFontDefAttr a = (HPDF_TTFontDefAttr)def->attr;

	return pdf_ttf_mark_components(path, a->glyph_tbl.base_offset,
				       a->glyph_tbl.offsets, a->num_glyphs,
				       a->glyph_tbl.flgs);
}

int pdf_save(struct pdf *p, struct buf *out)
{
	HPDF_UINT32 size;
	HPDF_BYTE chunk[65536];

	for (size_t i = 0; i < NFALLBACK; i++)
		if (p->fb[i].state > 0 &&
		    embed_components(p->fb[i].def, fallback_files[i].path))
			return -1;
	if (!p->err && HPDF_SaveToStream(p->doc) == HPDF_OK) {
		size = HPDF_GetStreamSize(p->doc);
		buf_grow(out, size);
		while (size) {
			HPDF_UINT32 n = sizeof(chunk);
			HPDF_STATUS st = HPDF_ReadFromStream(p->doc, chunk, &n);

			buf_add(out, chunk, n);
			size = n > size ? 0 : size - n;
			if (st != HPDF_OK || !n)
				break;
		}
		if (!size && !p->err)
			return 0;
	}
	return error("cannot write the PDF (libharu error %#lx, detail %lu)",
		     p->err, p->detail);
}
