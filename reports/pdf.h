/*
 * pdf.h - a small PDF writer over libharu (the only user of hpdf.h):
 * pages, embedded DejaVu Sans with UTF-8 text, measuring and wrapping,
 * rectangles, lines, PNG images, bookmarks and document information.
 *
 * Coordinates are in points from the TOP-left corner of the page; text is
 * placed by its baseline. Every string is cleaned before libharu sees it:
 * invalid UTF-8 and characters the font cannot draw become a visible
 * substitute (counted by pdf_substitutions()); control characters go.
 * libharu errors are recorded, never jumped out of: drawing calls return
 * nothing, and pdf_save() fails when any error was recorded.
 */
#ifndef SIGSURVEY_PDF_H
#define SIGSURVEY_PDF_H

#include <stddef.h>
#include <time.h>

#include "buf.h"

enum pdf_font { PDF_REGULAR, PDF_BOLD };
enum pdf_paper { PDF_A4, PDF_LETTER };

struct pdf;

/*
 * A new document with compression on and the fonts loaded (from
 * $SIGSURVEY_FONT_DIR or /usr/share/fonts/truetype/dejavu). Returns NULL
 * with the error logged when a font is missing or libharu fails.
 */
struct pdf *pdf_new(enum pdf_paper paper);
void pdf_free(struct pdf *p);                 /* accepts NULL */

double pdf_page_width(const struct pdf *p);
double pdf_page_height(const struct pdf *p);

/*
 * Turns the pages added from now on sideways (landscape); width and
 * height swap. Call before the first pdf_add_page().
 */
void pdf_set_landscape(struct pdf *p);

/* Starts a new page and makes it current. */
void pdf_add_page(struct pdf *p);
size_t pdf_page_count(const struct pdf *p);
/* Makes page i (0-based) current again, e.g. for headers and numbers. */
void pdf_goto_page(struct pdf *p, size_t i);

/*
 * Appends to out the cleaned form of s (NULL: nothing): valid UTF-8,
 * tabs and newlines kept only when keep_newlines, other control
 * characters removed, undrawable characters replaced by U+FFFD (or '?').
 */
void pdf_clean(struct pdf *p, struct buf *out, const char *s,
	       int keep_newlines);
/*
 * Rewrites one cleaned line into drawing order (pdf_text does this):
 * Arabic letters take their joined forms, and each right-to-left run
 * (Hebrew, Arabic) is reversed; digits and Latin text keep their order.
 */
void pdf_visual_order(struct pdf *p, struct buf *line);

/*
 * The same on code points v[0..*n): joins Arabic letters (forms that
 * has(ctx, c) says the font lacks are left alone) and reverses each
 * right-to-left run. Returns 0 and leaves v alone when there is no
 * right-to-left text, else 1 with *n updated (joining can shorten it).
 */
int pdf_rtl_order(unsigned *v, size_t *n, int (*has)(void *ctx, unsigned c),
		  void *ctx);

/* Characters replaced so far by pdf_clean (for the closing note). */
size_t pdf_substitutions(const struct pdf *p);
/*
 * 1 when some text was drawn in a fallback font (WenQuanYi Micro Hei for
 * Chinese, Japanese and Korean, Symbola for symbols): DejaVu Sans lacked
 * it. Characters that no font has are replaced (pdf_substitutions).
 */
int pdf_fallback_used(const struct pdf *p);

/* Width in points of s (cleaned) set in font at size. */
double pdf_width(struct pdf *p, enum pdf_font font, double size,
		 const char *s);

/* Draws s (cleaned) with its baseline at (x, y) in colour rgb. */
void pdf_text(struct pdf *p, double x, double y, enum pdf_font font,
	      double size, unsigned rgb, const char *s);

/* Lines of wrapped text: each a new string owned by the list. */
struct pdf_lines {
	char **v;
	size_t n, cap;
};

/*
 * Appends to out the lines of s (cleaned) wrapped to width: breaks at
 * spaces, at newlines in s, and inside a word longer than a line (always
 * at a character boundary). Blank input gives no lines.
 */
void pdf_wrap(struct pdf *p, enum pdf_font font, double size,
	      const char *s, double width, struct pdf_lines *out);
void pdf_lines_release(struct pdf_lines *l);

void pdf_rect(struct pdf *p, double x, double y, double w, double h,
	      unsigned rgb);
void pdf_line(struct pdf *p, double x1, double y1, double x2, double y2,
	      double width, unsigned rgb);

/*
 * Draws a PNG (which the caller has checked is complete, see
 * chart_png_complete) into the box at (x, y) of size w x h. Returns 0,
 * or -1 logged (refused or not decodable).
 */
int pdf_image_png(struct pdf *p, const void *data, size_t len, double x,
		  double y, double w, double h);

/*
 * A bookmark to the current page at height y; level 0 is top level,
 * level 1 goes under the last level-0 bookmark.
 */
void pdf_bookmark(struct pdf *p, int level, const char *title, double y);

/* Document information: title, author, and creation time (UTC). */
void pdf_set_info(struct pdf *p, const char *title, const char *author,
		  time_t created);

/*
 * For pdf.c: marks in used[0..nglyphs) the glyphs that the marked
 * composite glyphs of the TrueType file path are built from (glyf: the
 * file offset of its glyf table; loca: nglyphs + 1 byte offsets into
 * it), until none is left out. Returns 0, or -1 logged (unreadable).
 */
int pdf_ttf_mark_components(const char *path, unsigned long glyf,
			    const unsigned *loca, size_t nglyphs,
			    unsigned char *used);

/* Writes the document to out. Returns 0, or -1 when libharu failed. */
int pdf_save(struct pdf *p, struct buf *out);

#endif
