/*
 * fuzz-fields.c - libFuzzer harness for the urlencoded parser (request
 * bodies and query strings share fields_parse()). Oracles: every pair
 * matches an independent reference decoder byte for byte (value of its
 * stated length, NUL-terminated; a name ends at its first NUL), the
 * status and the pairs kept before a limit match the reference, and the
 * pairs re-encoded (with '+' or %20 for spaces) parse back to themselves.
 * An input starting with 0xff is repeated to reach FIELD_MAX_BYTES.
 * Build and run with `make fuzz`.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fields.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct pair {
	char *name;            /* NUL-terminated, cut at the first NUL */
	char *value;           /* len bytes plus a NUL */
	size_t len;
};

struct model {
	struct pair v[FIELDS_MAX];
	size_t n;
};

static int hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* %XX (two hex digits) is one byte, '+' a space, anything else itself. */
static char *decode(const char *s, size_t len, size_t *out)
{
	char *d = malloc(len + 1);
	size_t o = 0;

	if (!d)
		abort();
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '%' && i + 2 < len && hex(s[i + 1]) >= 0 &&
		    hex(s[i + 2]) >= 0) {
			d[o++] = (char)(hex(s[i + 1]) * 16 + hex(s[i + 2]));
			i += 2;
		} else {
			d[o++] = s[i] == '+' ? ' ' : s[i];
		}
	}
	d[o] = '\0';
	*out = o;
	return d;
}

static void model_release(struct model *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].name);
		free(m->v[i].value);
	}
	m->n = 0;
}

/* The reference: split on '&', skip empty parts, first '=' splits. */
static enum fields_status model_parse(struct model *m, const char *s,
				      size_t len)
{
	size_t start = 0;

	for (size_t i = 0; i <= len; i++) {
		size_t nlen, vlen;
		const char *eq;

		if (i < len && s[i] != '&')
			continue;
		if (i == start) {
			start = i + 1;
			continue;
		}
		if (m->n == FIELDS_MAX)
			return FIELDS_TOO_MANY;
		eq = memchr(s + start, '=', i - start);
		nlen = (size_t)((eq ? eq : s + i) - (s + start));
		m->v[m->n].name = decode(s + start, nlen, &nlen);
		m->v[m->n].value = eq ? decode(eq + 1, (size_t)(s + i - eq - 1),
					       &vlen)
				      : decode("", 0, &vlen);
		m->v[m->n].len = vlen;
		m->n++;
		if (vlen > FIELD_MAX_BYTES) {
			m->n--;
			free(m->v[m->n].name);
			free(m->v[m->n].value);
			return FIELDS_TOO_LONG;
		}
		start = i + 1;
	}
	return FIELDS_OK;
}

static void check_same(const struct fields *fs, const struct model *m)
{
	if (fs->n != m->n)
		__builtin_trap();
	for (size_t i = 0; i < fs->n; i++) {
		const struct field *f = &fs->v[i];

		if (strcmp(f->name, m->v[i].name) || f->len != m->v[i].len ||
		    memcmp(f->value, m->v[i].value, f->len) ||
		    f->value[f->len] != '\0')
			__builtin_trap();
	}
}

static void encode(struct buf *b, const char *s, size_t len, int plus)
{
	static const char hexd[] = "0123456789ABCDEF";

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~", c)) {
			buf_addc(b, c);
		} else if (c == ' ' && plus) {
			buf_addc(b, '+');
		} else {
			buf_addc(b, '%');
			buf_addc(b, hexd[c >> 4]);
			buf_addc(b, hexd[c & 15]);
		}
	}
}

/* Encoding the pairs and parsing them again gives the same pairs. */
static void round_trip(const struct fields *fs, int plus)
{
	struct buf enc = BUF_INIT;
	struct fields again;

	for (size_t i = 0; i < fs->n; i++) {
		if (i)
			buf_addc(&enc, '&');
		encode(&enc, fs->v[i].name, strlen(fs->v[i].name), plus);
		buf_addc(&enc, '=');
		encode(&enc, fs->v[i].value, fs->v[i].len, plus);
	}
	fields_init(&again);
	if (fields_parse(&again, enc.s, enc.len) != FIELDS_OK)
		__builtin_trap();
	/* "=" with an empty name is a pair too: the counts must agree */
	if (again.n != fs->n)
		__builtin_trap();
	for (size_t i = 0; i < fs->n; i++)
		if (strcmp(again.v[i].name, fs->v[i].name) ||
		    again.v[i].len != fs->v[i].len ||
		    memcmp(again.v[i].value, fs->v[i].value, fs->v[i].len))
			__builtin_trap();
	fields_release(&again);
	buf_release(&enc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf body = BUF_INIT;
	struct fields fs;
	struct model *m = calloc(1, sizeof(*m));
	enum fields_status st, want;

	if (!m)
		abort();
	if (size > 1 && data[0] == 0xff) {
		/* repeated: values around FIELD_MAX_BYTES, a few pairs */
		size_t target = FIELD_MAX_BYTES - 64 + (size_t)data[1] * 2;

		while (body.len < target && size > 2)
			buf_add(&body, data + 2, size - 2);
	} else {
		buf_add(&body, data, size);
	}
	fields_init(&fs);
	st = fields_parse(&fs, body.s ? body.s : "", body.len);
	want = model_parse(m, body.s ? body.s : "", body.len);
	if (st != want)
		__builtin_trap();
	check_same(&fs, m);
	if (st == FIELDS_OK) {
		round_trip(&fs, 0);
		round_trip(&fs, 1);
	}
	/* fields_get finds the first pair of a name */
	for (size_t i = 0; i < fs.n; i++) {
		const struct field *g = fields_get(&fs, fs.v[i].name);

		if (!g || g > &fs.v[i] || strcmp(g->name, fs.v[i].name))
			__builtin_trap();
		for (const struct field *f = fs.v; f < g; f++)
			if (!strcmp(f->name, fs.v[i].name))
				__builtin_trap();
	}
	fields_release(&fs);
	model_release(m);
	free(m);
	buf_release(&body);
	return 0;
}
