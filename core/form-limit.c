/*
 * form-limit.c - how much a browser may send for one form: the request
 * body and the number of name=value pairs, derived
 * from the questions so that every answer the form's own limits allow
 * can arrive. The collector enforces them; `check` warns when a form
 * needs more than the server's --max-body.
 */
#include <string.h>

#include "answer-int.h"
#include "form.h"

/*
 * Bytes of one percent-encoded character: UTF-8 takes up to 4 bytes,
 * each sent as %XX. (Text in Chinese, 3 bytes a character, takes 9; a
 * line break counted as one character is sent as %0D%0A.)
 */
#define ENCODED_CHAR 12
/* The collector's own fields (token, page, action, honeypot, confirm). */
#define OWN_BYTES 2048
#define OWN_PAIRS 8
/* What a person may type into a number or date box before it is judged. */
#define TYPED_CHARS 64

static size_t longest_code(const struct optlist *l)
{
	size_t n = 5;               /* "other" */

	for (size_t i = 0; i < l->n; i++)
		if (strlen(l->v[i].code) > n)
			n = strlen(l->v[i].code);
	return n;
}

/* Adds question q's pairs and encoded bytes to lim. */
static void add_question(const struct question *q, struct form_limits *lim)
{
	size_t key = strlen(q->key) + 2;        /* "key=" and "&" */
	size_t chars = 0, pairs = 1, code = 0;

	switch (q->type) {
	case Q_SECTION:
		return;
	case Q_TEXT:
	case Q_EMAIL:
		chars = q->max_length;
		break;
	case Q_NUMBER:
	case Q_DATE:
		chars = TYPED_CHARS;
		break;
	case Q_LIKERT:
		code = q->scale ? longest_code(&q->scale->opts) : 32;
		for (size_t i = 0; i < q->items.n; i++)
			lim->body += strlen(q->items.v[i].code) + 2 + code;
		lim->pairs += q->items.n;
		return;
	case Q_MULTI:
		code = longest_code(&q->options);
		pairs = q->options.n + 1;
		break;
	default:                    /* choice, yes/no, rating, nps */
		code = q->scale ? longest_code(&q->scale->opts)
				: longest_code(&q->options);
		if (code < 20)
			code = 20;  /* a number as long as any */
		break;
	}
	lim->pairs += pairs;
	lim->body += pairs * (key + code) + chars * ENCODED_CHAR;
	if (q->other) {
		lim->pairs++;
		lim->body += key + 6 + OTHER_TEXT_MAX * ENCODED_CHAR;
	}
}

void form_limits(const struct form *f, struct form_limits *out)
{
	out->body = OWN_BYTES;
	out->pairs = OWN_PAIRS;
	for (size_t i = 0; i < f->nq; i++)
		add_question(&f->q[i], out);
}
