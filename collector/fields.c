/*
 * fields.c - urlencoded pairs (see fields.h).
 */
#include "fields.h"

#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "util.h"

void fields_init(struct fields *fs)
{
	memset(fs, 0, sizeof(*fs));
}

void fields_release(struct fields *fs)
{
	if (!fs)
		return;
	for (size_t i = 0; i < fs->n; i++) {
		free((char *)fs->v[i].name);
		free((char *)fs->v[i].value);
	}
	free(fs->v);
	fields_init(fs);
}

void fields_add(struct fields *fs, const char *name, const char *value,
		size_t len)
{
	char *v = xmalloc(len + 1);

	memcpy(v, value, len);
	v[len] = '\0';
	ALLOC_GROW(fs->v, fs->n + 1, fs->cap);
	fs->v[fs->n].name = xstrdup(name);
	fs->v[fs->n].value = v;
	fs->v[fs->n].len = len;
	fs->n++;
}

enum fields_status fields_parse(struct fields *fs, const char *s, size_t len)
{
	return fields_parse_within(fs, s, len, FIELDS_MAX, FIELD_MAX_BYTES);
}

enum fields_status fields_parse_within(struct fields *fs, const char *s,
				       size_t len, size_t max_pairs,
				       size_t max_value)
{
	size_t i = 0;

	while (i < len) {
		const char *amp = memchr(s + i, '&', len - i);
		size_t end = amp ? (size_t)(amp - s) : len;
		const char *eq = memchr(s + i, '=', end - i);
		size_t nend = eq ? (size_t)(eq - s) : end;
		char *name, *value;
		size_t nlen, vlen;

		if (end == i) {            /* "&&" */
			i = end + 1;
			continue;
		}
		if (fs->n >= max_pairs)
			return FIELDS_TOO_MANY;
		/* a decoded value is never longer than its encoding / 3 */
		if (eq && (end - nend - 1) / 3 > max_value)
			return FIELDS_TOO_LONG;
		name = xstrndup(s + i, nend - i);
		nlen = http_unescape(name, nend - i, 1);
		name[nlen] = '\0';
		vlen = eq ? end - nend - 1 : 0;
		value = xmalloc(vlen + 1);
		memcpy(value, eq ? eq + 1 : "", vlen);
		vlen = http_unescape(value, vlen, 1);
		value[vlen] = '\0';
		if (vlen > max_value) {
			free(name);
			free(value);
			return FIELDS_TOO_LONG;
		}
		ALLOC_GROW(fs->v, fs->n + 1, fs->cap);
		fs->v[fs->n].name = name;      /* a NUL in a name ends it */
		fs->v[fs->n].value = value;
		fs->v[fs->n].len = vlen;
		fs->n++;
		i = end + 1;
	}
	return FIELDS_OK;
}

const char *fields_trim_last(struct fields *fs)
{
	struct field *f;
	size_t len, lead;

	if (!fs->n)
		return NULL;
	f = &fs->v[fs->n - 1];
	len = f->len;
	lead = len;
	/* back over continuation bytes to the last character's first byte */
	while (lead && len - lead < 4 &&
	       ((unsigned char)f->value[lead - 1] & 0xc0) == 0x80)
		lead--;
	if (lead && utf8_decode(f->value + lead - 1, len - lead + 1, NULL) !=
			    len - lead + 1) {
		char *v = xstrndup(f->value, lead - 1);

		free((char *)f->value);
		f->value = v;
		f->len = lead - 1;
	}
	return f->name;
}

const struct field *fields_get(const struct fields *fs, const char *name)
{
	for (size_t i = 0; i < fs->n; i++)
		if (!strcmp(fs->v[i].name, name))
			return &fs->v[i];
	return NULL;
}

int fields_has(const struct fields *fs, const char *name, const char *value)
{
	size_t vl = strlen(value);

	for (size_t i = 0; i < fs->n; i++)
		if (!strcmp(fs->v[i].name, name) && fs->v[i].len == vl &&
		    !memcmp(fs->v[i].value, value, vl))
			return 1;
	return 0;
}
