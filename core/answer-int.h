/*
 * answer-int.h - what answer.c (the validation driver, show_if, the answers
 * list and error bookkeeping) and answer-check.c (the per-type checks of one
 * question) share; nothing outside core/answer*.c includes it.
 */
#ifndef SIGSURVEY_ANSWER_INT_H
#define SIGSURVEY_ANSWER_INT_H

#include <stddef.h>

#include "answer.h"
#include "buf.h"
#include "util.h"

/* One form_validate() run: its inputs, its result and a scratch buffer. */
struct answer_ctx {
	const struct form *f;
	const struct field *fields;
	size_t nfields;
	struct validation *v;
	struct buf val;        /* the value being checked; owned, reused */
};

/* Appends (copies of) key and msg to v's error list. */
void validation_add_error(struct validation *v, const char *key,
			  const char *msg);
void validation_add_errorf(struct validation *v, const char *key,
			   const char *fmt, ...) PRINTF_LIKE(3, 4);

/* 1 for the ASCII white space a value is trimmed of, else 0. */
int answer_is_space(int c);

/*
 * Copies the value of fl into out, trimmed. Long text keeps inner line
 * breaks (CRLF and CR become LF); everything else has each run of line
 * breaks turned into one space. Returns -1 when the bytes are not valid
 * UTF-8 or hold a NUL or another control character.
 */
int answer_clean_value(const struct field *fl, int keep_newlines,
		       struct buf *out);

/*
 * Parses a plain decimal number: optional sign, digits, optional fraction
 * (no exponent, no hex, no inf). Returns 0 and sets *out and *whole, or -1.
 */
int answer_parse_number(const char *s, double *out, int *whole);

#define OTHER_TEXT_MAX 200       /* characters of an "Other" answer */

enum number_read { NUM_OK, NUM_BAD, NUM_AMBIGUOUS };

/*
 * A number as people type it: answer_parse_number()'s form, or the same
 * with one decimal comma ("3,5", as a comma locale's keypad offers it).
 * A comma followed by exactly three digits and nothing else ("1,234") may
 * be a thousands separator: NUM_AMBIGUOUS, nothing set. NUM_BAD when s is
 * no number; NUM_OK with *out and *whole set.
 */
enum number_read answer_read_number(const char *s, double *out, int *whole);

/*
 * Checks the submitted values of visible question q (not a section) and
 * adds its typed answers, or its error messages, to c->v.
 */
void answer_check(struct answer_ctx *c, const struct question *q);

#endif
