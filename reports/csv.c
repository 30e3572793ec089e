/*
 * csv.c - CSV cells (RFC 4180, formula cells neutralised) and JSON
 * string literals for the export, both always valid UTF-8.
 */
#include "csv.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

void csv_release(struct csv *c)
{
	buf_release(&c->line);
	c->cells = 0;
}

void csv_utf8(struct buf *out, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	while (len) {
		size_t n = utf8_decode((const char *)u, len, NULL);

		if (!n) {
			buf_adds(out, "\xef\xbf\xbd");
			n = 1;
		} else if (n == 1 && !*u) {
			n = 1;          /* NUL: dropped */
		} else {
			buf_add(out, u, n);
		}
		u += n;
		len -= n;
	}
}

static void sep(struct csv *c)
{
	if (c->cells++)
		buf_addc(&c->line, ',');
}

void csv_cell(struct csv *c, const char *s)
{
	struct buf v = BUF_INIT;

	sep(c);
	if (!s || !*s)
		return;
	if (strchr("=+-@\t\r", *s))
		buf_addc(&v, '\'');
	csv_utf8(&v, s, strlen(s));
	if (strpbrk(v.s, ",\"\r\n")) {
		buf_addc(&c->line, '"');
		for (const char *p = v.s; *p; p++) {
			if (*p == '"')
				buf_addc(&c->line, '"');
			buf_addc(&c->line, *p);
		}
		buf_addc(&c->line, '"');
	} else {
		buf_add(&c->line, v.s, v.len);
	}
	buf_release(&v);
}

void csv_num(struct csv *c, double v)
{
	sep(c);
	if (isfinite(v))
		buf_addf(&c->line, "%.15g", v);
}

void csv_int(struct csv *c, long long v)
{
	sep(c);
	buf_addf(&c->line, "%lld", v);
}

void csv_end(struct csv *c)
{
	buf_adds(&c->line, "\r\n");
	c->cells = 0;
}

void csv_reset(struct csv *c)
{
	buf_reset(&c->line);
	c->cells = 0;
}

void csv_json_string(struct buf *out, const char *s)
{
	struct buf v = BUF_INIT;

	csv_utf8(&v, s ? s : "", s ? strlen(s) : 0);
	buf_addc(out, '"');
	for (const unsigned char *p = (const unsigned char *)v.s; *p; p++) {
		switch (*p) {
		case '"':
			buf_adds(out, "\\\"");
			break;
		case '\\':
			buf_adds(out, "\\\\");
			break;
		case '\n':
			buf_adds(out, "\\n");
			break;
		case '\r':
			buf_adds(out, "\\r");
			break;
		case '\t':
			buf_adds(out, "\\t");
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				buf_addf(out, "\\u%04x", *p);
			else if (p[0] == 0xe2 && p[1] == 0x80 &&
				 (p[2] == 0xa8 || p[2] == 0xa9))
				buf_addf(out, "\\u%04x", 0x2028 + (p[2] - 0xa8)),
					p += 2;
			else
				buf_addc(out, *p);
		}
	}
	buf_addc(out, '"');
	buf_release(&v);
}
