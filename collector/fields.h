/*
 * fields.h - application/x-www-form-urlencoded bodies and query strings
 * into the validator's name/value pairs, with limits. Values keep their
 * length: after percent-decoding they may hold NUL or invalid UTF-8, which
 * the validator reports.
 */
#ifndef SIGSURVEY_FIELDS_H
#define SIGSURVEY_FIELDS_H

#include <stddef.h>

#include "answer.h"

#define FIELDS_MAX 256            /* pairs in one request */
#define FIELD_MAX_BYTES 16384     /* one decoded value */

struct fields {
	struct field *v;          /* names and values owned (NUL-terminated) */
	size_t n, cap;
};

enum fields_status { FIELDS_OK, FIELDS_TOO_MANY, FIELDS_TOO_LONG };

void fields_init(struct fields *fs);
void fields_release(struct fields *fs);

/* Parses s[0..len) and appends its pairs; past a limit nothing more. */
enum fields_status fields_parse(struct fields *fs, const char *s, size_t len);
/*
 * fields_parse() with the limits of a form (form_limits()): at most
 * max_pairs pairs in fs, values of at most max_value decoded bytes. The
 * pairs before the one past a limit are kept.
 */
enum fields_status fields_parse_within(struct fields *fs, const char *s,
				       size_t len, size_t max_pairs,
				       size_t max_value);
/* Appends a copy of one pair. */
void fields_add(struct fields *fs, const char *name, const char *value,
		size_t len);
/*
 * Drops a character cut in two at the end of the last pair's value (what
 * is left of an answer cut off mid-character; bytes before it are left
 * for the validator to judge); returns that pair's name, owned by fs, or
 * NULL when fs is empty.
 */
const char *fields_trim_last(struct fields *fs);
/* The first pair called name, or NULL. */
const struct field *fields_get(const struct fields *fs, const char *name);
/* 1 when a pair name=value is present (a ticked checkbox). */
int fields_has(const struct fields *fs, const char *name, const char *value);

#endif
