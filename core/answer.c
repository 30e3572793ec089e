/*
 * answer.c - validation of submitted answers against a form model: the
 * form_validate() driver, the answers list and error bookkeeping, cleaning
 * of raw values and the show_if evaluator. Pure: no I/O, no globals.
 * The per-type checks are in answer-check.c.
 */
#include "answer-int.h"

#include <stdlib.h>
#include <string.h>

/* ---- answers and the validation result ---- */

static struct answer *answers_push(struct answers *a, const char *key,
				   enum akind kind)
{
	struct answer *x;

	ALLOC_GROW(a->v, a->n + 1, a->cap);
	x = &a->v[a->n++];
	memset(x, 0, sizeof(*x));
	x->key = xstrdup(key);
	x->kind = kind;
	return x;
}

void answers_add_code(struct answers *a, const char *key, const char *code)
{
	answers_push(a, key, ANS_CODE)->code = xstrdup(code);
}

void answers_add_num(struct answers *a, const char *key, double num)
{
	answers_push(a, key, ANS_NUM)->num = num;
}

void answers_add_text(struct answers *a, const char *key, const char *text)
{
	answers_push(a, key, ANS_TEXT)->text = xstrdup(text);
}

void answers_release(struct answers *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->n; i++) {
		free(a->v[i].key);
		free(a->v[i].code);
		free(a->v[i].text);
	}
	free(a->v);
	a->v = NULL;
	a->n = a->cap = 0;
}

void validation_init(struct validation *v)
{
	memset(v, 0, sizeof(*v));
}

void validation_release(struct validation *v)
{
	if (!v)
		return;
	answers_release(&v->ans);
	for (size_t i = 0; i < v->nerr; i++) {
		free(v->err[i].key);
		free(v->err[i].msg);
	}
	free(v->err);
	validation_init(v);
}

const char *validation_error(const struct validation *v, const char *k)
{
	for (size_t i = 0; i < v->nerr; i++)
		if (!strcmp(v->err[i].key, k))
			return v->err[i].msg;
	return NULL;
}

void validation_add_error(struct validation *v, const char *key,
			  const char *msg)
{
	ALLOC_GROW(v->err, v->nerr + 1, v->cap);
	v->err[v->nerr].key = xstrdup(key);
	v->err[v->nerr].msg = xstrdup(msg);
	v->nerr++;
}

void validation_add_errorf(struct validation *v, const char *key,
			   const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	validation_add_error(v, key, b.s);
	buf_release(&b);
}

/* ---- cleaning values ---- */

int answer_is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/*
 * Copies the value of fl into out, trimmed. Long text keeps inner line
 * breaks (CRLF and CR become LF); everything else has each run of line
 * breaks turned into one space. Returns -1 when the bytes are not valid
 * UTF-8 or hold a NUL or another control character.
 */
int answer_clean_value(const struct field *fl, int keep_newlines,
		       struct buf *out)
{
	const char *s = fl->value ? fl->value : "";
	size_t len = fl->value ? fl->len : 0;
	size_t b = 0, e = len;

	buf_reset(out);
	if (!utf8_valid(s, len))
		return -1;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    c == 0x7f)
			return -1;
	}
	while (b < e && answer_is_space((unsigned char)s[b]))
		b++;
	while (e > b && answer_is_space((unsigned char)s[e - 1]))
		e--;
	for (size_t i = b; i < e; i++) {
		char c = s[i];

		if (c == '\r' || c == '\n') {
			if (c == '\r' && i + 1 < e && s[i + 1] == '\n')
				i++;
			buf_addc(out, keep_newlines ? '\n' : ' ');
			if (!keep_newlines)
				while (i + 1 < e && (s[i + 1] == '\r' ||
						     s[i + 1] == '\n'))
					i++;
		} else {
			buf_addc(out, c);
		}
	}
	return 0;
}

/*
 * Parses a plain decimal number: optional sign, digits, optional fraction
 * (no exponent, no hex, no inf). Returns 0 and sets *out and *whole.
 */
int answer_parse_number(const char *s, double *out, int *whole)
{
	const char *p = s;
	int digits = 0, frac_nonzero = 0;
	char *end;

	if (*p == '+' || *p == '-')
		p++;
	while (*p >= '0' && *p <= '9')
		p++, digits++;
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9') {
			if (*p != '0')
				frac_nonzero = 1;
			p++, digits++;
		}
	}
	if (*p || !digits || p - s > 40)
		return -1;
	*out = strtod(s, &end);
	if (*end)
		return -1;
	*whole = !frac_nonzero;
	return 0;
}

enum number_read answer_read_number(const char *s, double *out, int *whole)
{
	const char *comma = strchr(s, ',');
	char tmp[48];
	size_t len = strlen(s), after;

	if (!comma)
		return answer_parse_number(s, out, whole) ? NUM_BAD : NUM_OK;
	if (strchr(comma + 1, ',') || strchr(s, '.') || len >= sizeof(tmp))
		return NUM_BAD;
	after = len - (size_t)(comma - s) - 1;
	memcpy(tmp, s, len + 1);
	tmp[comma - s] = '.';
	if (answer_parse_number(tmp, out, whole) < 0 || comma == s ||
	    !(comma[-1] >= '0' && comma[-1] <= '9') || !after)
		return NUM_BAD;
	return after == 3 ? NUM_AMBIGUOUS : NUM_OK;
}

size_t form_validate(const struct form *f, const struct field *fields,
		     size_t nfields, int page, struct validation *out)
{
	struct answer_ctx c = { f, NULL, 0, out, BUF_INIT };
	unsigned char *shown = xcalloc(f->nq + 1, 1);
	struct field *kept = xcalloc(nfields + 1, sizeof(*kept));

	/* answers to hidden questions are not there for anything */
	c.nfields = form_visible(f, fields, nfields, shown, kept);
	c.fields = kept;
	for (size_t i = 0; i < f->nq; i++) {
		const struct question *q = &f->q[i];

		if (q->type == Q_SECTION || (page >= 0 && q->page != page))
			continue;
		if (!shown[i])
			continue;
		answer_check(&c, q);
	}
	buf_release(&c.val);
	free(shown);
	free(kept);
	return out->nerr;
}

/* 1 when field name belongs to a question that shown[] marks hidden. */
static int hidden_field(const struct form *f, const unsigned char *shown,
			const char *name)
{
	const struct form_option *item;
	const struct question *q = name ? form_answer_owner(f, name, &item)
					: NULL;

	return q && !shown[q - f->q];
}

/* Copies into kept the fields not hidden by shown[]; returns how many. */
static size_t keep_shown(const struct form *f, const unsigned char *shown,
			 const struct field *fields, size_t n,
			 struct field *kept)
{
	size_t m = 0;

	for (size_t i = 0; i < n; i++)
		if (!hidden_field(f, shown, fields[i].name))
			kept[m++] = fields[i];
	return m;
}

size_t form_visible(const struct form *f, const struct field *fields,
		    size_t n, unsigned char *shown, struct field *kept)
{
	size_t m = n;

	memset(shown, 1, f->nq);
	memcpy(kept, fields, n * sizeof(*fields));
	/*
	 * Hiding a question takes its answers away from the conditions that
	 * refer to it, which may hide more: repeat until nothing changes.
	 * Conditions refer to earlier questions, so nq rounds always do.
	 */
	for (size_t round = 0; round <= f->nq; round++) {
		int changed = 0;

		for (size_t i = 0; i < f->nq; i++) {
			unsigned char s = (unsigned char)cond_eval(
				f->q[i].show_if, kept, m);

			changed |= s != shown[i];
			shown[i] = s;
		}
		/* unchanged: kept already is what shown keeps (at first,
		 * everything shown, every field) */
		if (!changed)
			break;
		m = keep_shown(f, shown, fields, n, kept);
	}
	return m;
}

/* ---- show_if ---- */

/* Field value trimmed into out; -1 when unreadable. */
static int cond_value(const struct field *fl, struct buf *out)
{
	return answer_clean_value(fl, 0, out);
}

static int leaf_eval(const struct cond *c, const struct field *fields,
		     size_t n)
{
	struct buf v = BUF_INIT;
	int ret = 0, seen = 0;

	for (size_t i = 0; i < n; i++) {
		double d;
		int whole;

		if (!fields[i].name || strcmp(fields[i].name, c->key))
			continue;
		if (cond_value(&fields[i], &v) < 0 || !v.len)
			continue;
		if (c->op == C_EQ || c->op == C_NE) {
			if (!strcmp(v.s, c->value)) {
				seen = 1;
				break;
			}
			continue;
		}
		if (answer_read_number(v.s, &d, &whole) != NUM_OK)
			break;
		switch (c->op) {
		case C_LT: ret = d < c->num; break;
		case C_LE: ret = d <= c->num; break;
		case C_GT: ret = d > c->num; break;
		case C_GE: ret = d >= c->num; break;
		default: break;
		}
		break;
	}
	if (c->op == C_EQ)
		ret = seen;
	else if (c->op == C_NE)
		ret = !seen;
	buf_release(&v);
	return ret;
}

int cond_eval(const struct cond *c, const struct field *fields, size_t n)
{
	if (!c)
		return 1;
	switch (c->op) {
	case C_AND:
		return cond_eval(c->l, fields, n) && cond_eval(c->r, fields, n);
	case C_OR:
		return cond_eval(c->l, fields, n) || cond_eval(c->r, fields, n);
	default:
		return leaf_eval(c, fields, n);
	}
}
