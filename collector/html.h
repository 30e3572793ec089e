/*
 * html.h - the one HTML writer. Every string handed to it is escaped for
 * the context it lands in (text or a quoted attribute); the only raw write
 * takes string literals, so markup cannot come from data by accident.
 */
#ifndef SIGSURVEY_HTML_H
#define SIGSURVEY_HTML_H

#include <stddef.h>

#include "buf.h"

struct html {
	struct buf b;          /* the document so far */
};

void html_init(struct html *h);
void html_release(struct html *h);

/* Raw markup: only through html_lit(), which accepts string literals. */
void html_raw_(struct html *h, const char *literal);
#define html_lit(h, s) html_raw_((h), "" s "")

/*
 * Escaped text. Bytes that are not valid UTF-8, NUL and other control
 * characters (except tab, LF, CR) become U+FFFD, so any input yields a
 * well-formed document. s may be NULL (writes nothing).
 */
void html_text(struct html *h, const char *s);
void html_textn(struct html *h, const char *s, size_t len);
/* printf into a scratch buffer, then escaped like html_text(). */
void html_textf(struct html *h, const char *fmt, ...) PRINTF_LIKE(2, 3);
void html_num(struct html *h, long long n);

/*
 * An attribute, written as ` name="value"` with value escaped; the name
 * must be a literal. A NULL value writes nothing.
 */
void html_attr_(struct html *h, const char *name, const char *value);
#define html_attr(h, name, v) html_attr_((h), "" name "", (v))
void html_attrn_(struct html *h, const char *name, const char *value,
		 size_t len);
#define html_attrn(h, name, v, n) html_attrn_((h), "" name "", (v), (n))
void html_attrf_(struct html *h, const char *name, const char *fmt, ...)
	PRINTF_LIKE(3, 4);
#define html_attrf(h, name, ...) html_attrf_((h), "" name "", __VA_ARGS__)

#endif
