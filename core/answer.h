/*
 * answer.h - validation of submitted answers against a form: a pure
 * function from a form plus submitted name/value pairs to typed answers
 * plus a list of (answer key, message) errors. Knows nothing of HTTP.
 */
#ifndef SIGSURVEY_ANSWER_H
#define SIGSURVEY_ANSWER_H

#include <stddef.h>

#include "form.h"

/* One submitted pair, as it came in: name and value bytes (not trusted). */
struct field {
	const char *name;
	const char *value;
	size_t len;            /* bytes in value; value may hold NULs */
};

enum akind { ANS_CODE, ANS_NUM, ANS_TEXT };

/*
 * One typed answer, as stored:
 *   choice, yesno, likert item    ANS_CODE  (key = question or item key)
 *   multi                         ANS_CODE, one per ticked option
 *   <key>_other                   ANS_TEXT
 *   rating, nps, number           ANS_NUM
 *   text, email, date (YYYY-MM-DD) ANS_TEXT
 */
struct answer {
	char *key;
	enum akind kind;
	char *code;            /* ANS_CODE */
	double num;            /* ANS_NUM */
	char *text;            /* ANS_TEXT: valid UTF-8, no NUL */
};

struct answers {
	struct answer *v;
	size_t n, cap;
};

struct field_error {
	char *key;             /* answer key the message belongs beside */
	char *msg;             /* plain text, for the respondent */
};

struct validation {
	struct answers ans;
	struct field_error *err;
	size_t nerr, cap;
};

void validation_init(struct validation *v);
void validation_release(struct validation *v);

/*
 * Validates fields against form f and fills out (initialised by the
 * caller). page < 0 validates every page; page >= 0 only the questions on
 * that page (multi-page forms check as the respondent goes). show_if is
 * always evaluated over all fields given; hidden questions are dropped
 * without error. Unknown field names are ignored (they may be the
 * collector's own, like the form token). Returns out->nerr.
 */
size_t form_validate(const struct form *f, const struct field *fields,
		     size_t nfields, int page, struct validation *out);

/*
 * Which questions of f are shown for these fields: shown[i] (f->nq bytes,
 * the caller's) is 1 when f->q[i]'s show_if holds. A hidden question's
 * answers count as not given for every condition that refers to it, so a
 * question whose condition names a hidden one is judged without it
 * (transitively). kept (room for n, the caller's) receives the fields
 * that do not belong to a hidden question, borrowed from fields; returns
 * how many.
 */
size_t form_visible(const struct form *f, const struct field *fields,
		    size_t n, unsigned char *shown, struct field *kept);

/* The first error message for answer key k, or NULL. */
const char *validation_error(const struct validation *v, const char *k);

/*
 * Evaluates a show_if condition over the submitted fields (a multi's
 * KEY = CODE is true when CODE is ticked). NULL is true.
 */
int cond_eval(const struct cond *c, const struct field *fields, size_t n);

/*
 * 1 when the whole of s matches the POSIX extended regular expression
 * pattern (as a question's pattern: is checked), else 0; a pattern that
 * does not compile matches nothing (the loader rejects such forms).
 */
int answer_matches(const char *pattern, const char *s);

void answers_add_code(struct answers *a, const char *key, const char *code);
void answers_add_num(struct answers *a, const char *key, double num);
void answers_add_text(struct answers *a, const char *key, const char *text);
void answers_release(struct answers *a);

#endif
