/*
 * html.c - the escaping HTML writer (see html.h). Text and attribute
 * values share one escaper that also repairs invalid UTF-8.
 */
#include "html.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void html_init(struct html *h)
{
	buf_init(&h->b);
}

void html_release(struct html *h)
{
	if (h)
		buf_release(&h->b);
}

void html_raw_(struct html *h, const char *literal)
{
	buf_adds(&h->b, literal);
}

static void escape(struct buf *b, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	buf_grow(b, len + len / 8);
	while (i < len) {
		size_t start = i;

		/* copy the longest run that needs no escaping at once */
		while (i < len && s[i] >= 0x20 && s[i] < 0x7f && s[i] != '<' &&
		       s[i] != '>' && s[i] != '&' && s[i] != '"' &&
		       s[i] != '\'')
			i++;
		if (i > start)
			buf_add(b, s + start, i - start);
		if (i >= len)
			break;
		switch (s[i]) {
		case '<': buf_adds(b, "&lt;"); i++; continue;
		case '>': buf_adds(b, "&gt;"); i++; continue;
		case '&': buf_adds(b, "&amp;"); i++; continue;
		case '"': buf_adds(b, "&quot;"); i++; continue;
		case '\'': buf_adds(b, "&#39;"); i++; continue;
		case '\t': case '\n': case '\r':
			buf_addc(b, s[i]);
			i++;
			continue;
		default:
			break;
		}
		if (s[i] < 0x20 || s[i] == 0x7f) {
			buf_adds(b, "\xef\xbf\xbd");
			i++;
			continue;
		}
		{
			size_t n = utf8_decode(str + i, len - i, NULL);

			/* C1 controls (U+0080..U+009F) are not allowed either */
			if (n == 2 && s[i] == 0xc2 && s[i + 1] < 0xa0)
				n = 0;
			if (!n) {
				buf_adds(b, "\xef\xbf\xbd");
				i++;
			} else {
				buf_add(b, s + i, n);
				i += n;
			}
		}
	}
}

void html_text(struct html *h, const char *s)
{
	if (s)
		escape(&h->b, s, strlen(s));
}

void html_textn(struct html *h, const char *s, size_t len)
{
	if (s)
		escape(&h->b, s, len);
}

void html_textf(struct html *h, const char *fmt, ...)
{
	struct buf tmp = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&tmp, fmt, ap);
	va_end(ap);
	escape(&h->b, tmp.s, tmp.len);
	buf_release(&tmp);
}

void html_num(struct html *h, long long n)
{
	buf_addf(&h->b, "%lld", n);
}

void html_attrn_(struct html *h, const char *name, const char *value,
		 size_t len)
{
	if (!value)
		return;
	buf_addc(&h->b, ' ');
	buf_adds(&h->b, name);
	buf_adds(&h->b, "=\"");
	escape(&h->b, value, len);
	buf_addc(&h->b, '"');
}

void html_attr_(struct html *h, const char *name, const char *value)
{
	if (value)
		html_attrn_(h, name, value, strlen(value));
}

void html_attrf_(struct html *h, const char *name, const char *fmt, ...)
{
	struct buf tmp = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&tmp, fmt, ap);
	va_end(ap);
	html_attrn_(h, name, tmp.s, tmp.len);
	buf_release(&tmp);
}
