/*
 * fuzz-escape.c - libFuzzer harness for the output escapers, with
 * oracles written here independently of the code under test:
 * - HTML text and attribute values: no raw < > " ' and every & starts
 *   one of the writer's five entities; the output is valid UTF-8 without
 *   C0 (but tab, LF, CR) or C1 controls; unescaped, it is the input with
 *   each bad byte replaced by U+FFFD.
 * - CSV: a row of the input's NUL-separated cells re-parses (a strict
 *   RFC 4180 reader below) to the neutralised cells: ' before a leading
 *   = + - @ tab CR, invalid UTF-8 as U+FFFD.
 * - JSON string literals: quoted, no raw control or U+2028/9, escapes
 *   valid.
 * - chart_quote(): '...' with every inner ' doubled, no control
 *   characters, valid UTF-8, at most max characters.
 * - chart_script() with the input's NUL-separated parts as row and level
 *   labels and axis titles: valid UTF-8, no control character but the
 *   line ends, every line's quotes closed, '%' doubled in tic labels.
 * Build and run with `make fuzz`.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "chart.h"
#include "csv.h"
#include "html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(x) do { if (!(x)) __builtin_trap(); } while (0)

/* Length of the well-formed UTF-8 sequence at s (Unicode table 3-7). */
static size_t u8(const unsigned char *s, size_t left, unsigned *cp)
{
	unsigned c = s[0], lo = 0x80, hi = 0xbf;
	size_t n;

	if (c < 0x80)
		n = 1;
	else if (c >= 0xc2 && c <= 0xdf)
		n = 2, c &= 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, c &= 0x0f, lo = c == 0 ? 0xa0 : 0x80,
		hi = c == 0xd ? 0x9f : 0xbf;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, c &= 0x07, lo = c == 0 ? 0x90 : 0x80,
		hi = c == 4 ? 0x8f : 0xbf;
	else
		return 0;
	if (n > left)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if (s[i] < (i == 1 ? lo : 0x80) || s[i] > (i == 1 ? hi : 0xbf))
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if (cp)
		*cp = c;
	return n;
}

static int is_control(unsigned cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
}

/* The input as the HTML writer must keep it: bad bytes as U+FFFD. */
static void html_expect(struct buf *b, const unsigned char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t n = u8(s + i, len - i, &cp);

		if (n && (!is_control(cp) || cp == '\t' || cp == '\n' ||
			  cp == '\r')) {
			buf_add(b, s + i, n);
			i += n;
		} else {
			buf_adds(b, "\xef\xbf\xbd");
			i++;
		}
	}
}

/* Checks escaped HTML s[0..len) and appends its unescaped text to out. */
static void html_check(const char *s, size_t len, struct buf *out)
{
	static const char *const ent[] = { "&lt;", "&gt;", "&amp;", "&quot;",
					   "&#39;" };
	static const char lit[] = "<>&\"'";

	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t n = u8((const unsigned char *)s + i, len - i, &cp);

		CHECK(n);
		CHECK(!is_control(cp) || cp == '\t' || cp == '\n' ||
		      cp == '\r');
		CHECK(!strchr("<>\"'", s[i]) || !s[i]);
		if (s[i] == '&') {
			size_t k = 0;

			while (k < 5 && (len - i < strlen(ent[k]) ||
					 memcmp(s + i, ent[k], strlen(ent[k]))))
				k++;
			CHECK(k < 5);
			buf_addc(out, lit[k]);
			i += strlen(ent[k]);
			continue;
		}
		buf_add(out, s + i, n);
		i += n;
	}
}

static void fuzz_html(const uint8_t *data, size_t size)
{
	struct html h;
	struct buf want = BUF_INIT, got = BUF_INIT;
	const char *v;

	html_expect(&want, data, size);

	html_init(&h);
	html_textn(&h, (const char *)data, size);
	html_check(h.b.s ? h.b.s : "", h.b.len, &got);
	CHECK(got.len == want.len && !memcmp(got.s, want.s, got.len));
	html_release(&h);

	buf_reset(&got);
	html_init(&h);
	html_attrn(&h, "value", (const char *)data, size);
	v = h.b.s;
	CHECK(h.b.len >= 9 && !memcmp(v, " value=\"", 8) &&
	      v[h.b.len - 1] == '"');
	html_check(v + 8, h.b.len - 9, &got);
	CHECK(got.len == want.len && !memcmp(got.s, want.s, got.len));
	html_release(&h);
	buf_release(&want);
	buf_release(&got);
}

/* The cell as csv_cell() must write it, before quoting. */
static void csv_expect(struct buf *b, const char *s)
{
	size_t len = strlen(s);

	buf_reset(b);
	if (*s && strchr("=+-@\t\r", *s))
		buf_addc(b, '\'');
	for (size_t i = 0; i < len;) {
		size_t n = u8((const unsigned char *)s + i, len - i, NULL);

		if (n) {
			buf_add(b, s + i, n);
			i += n;
		} else {
			buf_adds(b, "\xef\xbf\xbd");
			i++;
		}
	}
}

/*
 * A strict RFC 4180 reader for one CRLF-terminated record: sets *cell to
 * the next field (appended to out) and returns the position after its
 * separator, or 0 when the text is not valid CSV.
 */
static size_t csv_field(const char *s, size_t len, size_t i, struct buf *out,
			int *last)
{
	if (i < len && s[i] == '"') {
		for (i++; ; i++) {
			if (i >= len)
				return 0;
			if (s[i] == '"') {
				if (i + 1 < len && s[i + 1] == '"') {
					buf_addc(out, '"');
					i++;
					continue;
				}
				i++;
				break;
			}
			buf_addc(out, s[i]);
		}
	} else {
		for (; i < len && s[i] != ',' && s[i] != '\r'; i++) {
			if (s[i] == '"' || s[i] == '\n')
				return 0;
			buf_addc(out, s[i]);
		}
	}
	if (i < len && s[i] == ',') {
		*last = 0;
		return i + 1;
	}
	if (i + 2 == len && s[i] == '\r' && s[i + 1] == '\n') {
		*last = 1;
		return len;
	}
	return 0;
}

static void fuzz_csv(const uint8_t *data, size_t size)
{
	struct csv c = CSV_INIT;
	struct buf want = BUF_INIT, got = BUF_INIT;
	char *copy = malloc(size + 1);
	size_t ncell = 0, pos = 0;
	int last = 0;

	if (!copy)
		abort();
	memcpy(copy, data, size);
	copy[size] = '\0';
	/* cells are the NUL-separated parts of the input */
	for (size_t i = 0; i <= size; i += strlen(copy + i) + 1, ncell++)
		csv_cell(&c, copy + i);
	csv_end(&c);
	for (size_t i = 0, k = 0; k < ncell;
	     i += strlen(copy + i) + 1, k++) {
		CHECK(!last);
		buf_reset(&got);
		pos = csv_field(c.line.s, c.line.len, pos, &got, &last);
		CHECK(pos);
		csv_expect(&want, copy + i);
		CHECK(got.len == want.len &&
		      !memcmp(got.s ? got.s : "", want.s ? want.s : "",
			      got.len));
		/* a neutralised cell never starts a formula */
		CHECK(!got.len || !strchr("=+-@\t\r", got.s[0]));
	}
	CHECK(last && pos == c.line.len);
	csv_release(&c);
	buf_release(&want);
	buf_release(&got);
	free(copy);
}

static void fuzz_json(const uint8_t *data, size_t size)
{
	struct buf out = BUF_INIT;
	char *copy = malloc(size + 1);
	const unsigned char *s;
	size_t len;

	if (!copy)
		abort();
	memcpy(copy, data, size);
	copy[size] = '\0';
	csv_json_string(&out, copy);
	s = (const unsigned char *)out.s;
	len = out.len;
	CHECK(len >= 2 && s[0] == '"' && s[len - 1] == '"');
	for (size_t i = 1; i < len - 1;) {
		unsigned cp;
		size_t n = u8(s + i, len - 1 - i, &cp);

		CHECK(n && cp >= 0x20 && cp != '"' && cp != 0x2028 &&
		      cp != 0x2029);
		if (cp == '\\') {
			CHECK(i + 1 < len - 1);
			if (s[i + 1] == 'u') {
				CHECK(i + 6 < len);
				for (size_t k = 2; k < 6; k++)
					CHECK(strchr("0123456789abcdefABCDEF",
						     s[i + k]) && s[i + k]);
				i += 6;
			} else {
				CHECK(strchr("\"\\/bfnrt", s[i + 1]) &&
				      s[i + 1]);
				i += 2;
			}
			continue;
		}
		i += n;
	}
	buf_release(&out);
	free(copy);
}

static void fuzz_chart(const uint8_t *data, size_t size)
{
	struct buf out = BUF_INIT;
	size_t max = size ? data[0] % 80 : 0, chars = 0;
	char *copy = malloc(size + 1);
	const unsigned char *s;

	if (!copy)
		abort();
	memcpy(copy, data, size);
	copy[size] = '\0';
	chart_quote(&out, size ? copy + 1 : copy, max);
	s = (const unsigned char *)out.s;
	CHECK(out.len >= 2 && s[0] == '\'' && s[out.len - 1] == '\'');
	for (size_t i = 1; i < out.len - 1;) {
		unsigned cp;
		size_t n = u8(s + i, out.len - 1 - i, &cp);

		CHECK(n && !is_control(cp));
		if (cp == '\'') {
			CHECK(i + 1 < out.len - 1 && s[i + 1] == '\'');
			n = 2;
		}
		chars++;
		i += n;
	}
	CHECK(!max || chars <= max);
	buf_release(&out);
	free(copy);
}

/* The script's quoted strings are closed on their own line. */
static void script_check(const char *s, size_t len)
{
	int inq = 0, tic = 0;

	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t n = u8((const unsigned char *)s + i, len - i, &cp);

		CHECK(n && (!is_control(cp) || cp == '\n'));
		if (!i || s[i - 1] == '\n')
			tic = !strncmp(s + i, "set xtics (", 11) ||
			      !strncmp(s + i, "set ytics (", 11);
		if (cp == '\n')
			CHECK(!inq);
		if (cp == '\'') {
			if (inq && i + 1 < len && s[i + 1] == '\'')
				n = 2;
			else
				inq = !inq;
		}
		if (cp == '%' && inq && tic) {
			CHECK(i + 1 < len && s[i + 1] == '%');
			n = 2;
		}
		i += n;
	}
	CHECK(!inq && len && s[len - 1] == '\n');
}

static void fuzz_script(const uint8_t *data, size_t size)
{
	static const double val[16 * 5] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
	const char *part[16];
	struct chart c = { 0 };
	struct buf out = BUF_INIT;
	char *copy = malloc(size + 1);
	size_t n = 0;

	if (!copy)
		abort();
	memcpy(copy, data, size);
	copy[size] = '\0';
	for (size_t i = 0; i <= size && n < 16; i += strlen(copy + i) + 1)
		part[n++] = copy + i;
	c.kind = (enum chart_kind)(size ? data[0] % 4 : 0);
	c.width = 400;
	c.height = 200;
	c.nrows = n > 1 ? n - 1 : 0;
	c.labels = part + 1;
	c.value = val;
	c.series = part;
	c.nseries = n < 5 ? n : 5;
	c.xlabel = part[0];
	c.ylabel = part[n - 1];
	c.every = size > 1 ? data[1] % 4 : 0;
	c.decimals = 1;
	chart_script(&out, &c, part[0], 7);
	script_check(out.s, out.len);
	buf_release(&out);
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_html(data, size);
	fuzz_csv(data, size);
	fuzz_json(data, size);
	fuzz_chart(data, size);
	fuzz_script(data, size);
	return 0;
}
