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

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when invalid. */
static size_t utf8_seq(const unsigned char *s, size_t len)
{
	size_t need;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		need = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		need = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		need = 4;
	else
		return 0;
	if (len < need)
		return 0;
	for (size_t k = 1; k < need; k++)
		if ((s[k] & 0xc0) != 0x80)
			return 0;
	if (s[0] == 0xe0 && s[1] < 0xa0)          /* overlong */
		return 0;
	if (s[0] == 0xed && s[1] >= 0xa0)         /* surrogates */
		return 0;
	if (s[0] == 0xf0 && s[1] < 0x90)          /* overlong */
		return 0;
	if (s[0] == 0xf4 && s[1] >= 0x90)         /* past U+10FFFF */
		return 0;
	return need;
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
			size_t n = utf8_seq(s + i, len - i);

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
