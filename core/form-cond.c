/*
 * form-cond.c - the show_if expression language: parsing
 * "KEY = CODE and (KEY > 3 or KEY != CODE)" into a struct cond tree and
 * printing a tree back in one canonical spelling.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "form-int.h"
#include "util.h"

#define COND_MAX_DEPTH 16

enum tok { T_END, T_WORD, T_OP, T_LP, T_RP, T_BAD };

struct lexer {
	const char *src;
	size_t pos;            /* after the current token */
	size_t start;          /* where the current token starts */
	enum tok t;
	char word[128];
	enum cond_op op;
	char *err;
	size_t errpos;
	int depth;
};

static int word_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-' ||
	       c == '+';
}

static void next(struct lexer *lx)
{
	const char *s = lx->src;
	size_t p = lx->pos;

	while (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' || s[p] == '\r')
		p++;
	lx->start = p;
	if (!s[p]) {
		lx->t = T_END;
	} else if (s[p] == '(' || s[p] == ')') {
		lx->t = s[p] == '(' ? T_LP : T_RP;
		p++;
	} else if (s[p] == '=') {
		lx->t = T_OP, lx->op = C_EQ, p++;
	} else if (s[p] == '!' && s[p + 1] == '=') {
		lx->t = T_OP, lx->op = C_NE, p += 2;
	} else if (s[p] == '<' || s[p] == '>') {
		int eq = s[p + 1] == '=';

		lx->t = T_OP;
		lx->op = s[p] == '<' ? (eq ? C_LE : C_LT) : (eq ? C_GE : C_GT);
		p += 1 + eq;
	} else if (word_char((unsigned char)s[p])) {
		size_t n = 0;

		while (word_char((unsigned char)s[p])) {
			if (n + 1 < sizeof(lx->word))
				lx->word[n++] = s[p];
			p++;
		}
		lx->word[n] = '\0';
		lx->t = T_WORD;
	} else {
		lx->t = T_BAD;
		p++;
	}
	lx->pos = p;
}

static const char *tok_text(struct lexer *lx, char *tmp, size_t n)
{
	switch (lx->t) {
	case T_END:
		return "the end";
	case T_WORD:
		return lx->word;
	default:
		tmp[0] = '\0';
		if (n > 1) {
			size_t len = lx->pos - lx->start;

			if (len >= n)
				len = n - 1;
			memcpy(tmp, lx->src + lx->start, len);
			tmp[len] = '\0';
		}
		return tmp;
	}
}

static void fail(struct lexer *lx, const char *what)
{
	struct buf b = BUF_INIT;
	char tmp[8];

	if (lx->err)
		return;
	buf_addf(&b, "%s, found '%s'", what, tok_text(lx, tmp, sizeof(tmp)));
	lx->err = buf_detach(&b, NULL);
	lx->errpos = lx->start;
}

static int is_kw(const struct lexer *lx, const char *kw)
{
	return lx->t == T_WORD && !strcmp(lx->word, kw);
}

static struct cond *parse_or(struct lexer *lx);

static struct cond *parse_leaf(struct lexer *lx)
{
	struct cond *c;
	char *end;

	if (lx->t == T_LP) {
		if (++lx->depth > COND_MAX_DEPTH) {
			fail(lx, "too many nested parentheses");
			return NULL;
		}
		next(lx);
		c = parse_or(lx);
		if (!c)
			return NULL;
		if (lx->t != T_RP) {
			fail(lx, "expected ')'");
			cond_free(c);
			return NULL;
		}
		lx->depth--;
		next(lx);
		return c;
	}
	if (lx->t != T_WORD || is_kw(lx, "and") || is_kw(lx, "or") ||
	    !key_valid(lx->word)) {
		fail(lx, "expected a question key");
		return NULL;
	}
	c = xcalloc(1, sizeof(*c));
	c->key = xstrdup(lx->word);
	next(lx);
	if (lx->t != T_OP) {
		fail(lx, "expected =, !=, <, <=, > or >= after the key");
		cond_free(c);
		return NULL;
	}
	c->op = lx->op;
	next(lx);
	if (lx->t != T_WORD || is_kw(lx, "and") || is_kw(lx, "or")) {
		fail(lx, "expected an option code or a number");
		cond_free(c);
		return NULL;
	}
	c->value = xstrdup(lx->word);
	c->num = strtod(c->value, &end);
	if (*end || end == c->value || !isfinite(c->num)) {
		c->num = 0;
		if (c->op != C_EQ && c->op != C_NE) {
			fail(lx, "expected a number to compare with");
			cond_free(c);
			return NULL;
		}
	}
	next(lx);
	return c;
}

static struct cond *join(enum cond_op op, struct cond *l, struct cond *r)
{
	struct cond *c = xcalloc(1, sizeof(*c));

	c->op = op;
	c->l = l;
	c->r = r;
	return c;
}

static struct cond *parse_and(struct lexer *lx)
{
	struct cond *l = parse_leaf(lx), *r;

	while (l && is_kw(lx, "and")) {
		next(lx);
		r = parse_leaf(lx);
		if (!r) {
			cond_free(l);
			return NULL;
		}
		l = join(C_AND, l, r);
	}
	return l;
}

static struct cond *parse_or(struct lexer *lx)
{
	struct cond *l = parse_and(lx), *r;

	while (l && is_kw(lx, "or")) {
		next(lx);
		r = parse_and(lx);
		if (!r) {
			cond_free(l);
			return NULL;
		}
		l = join(C_OR, l, r);
	}
	return l;
}

struct cond *cond_parse(const char *src, char **err, size_t *errpos)
{
	struct lexer lx = { .src = src };
	struct cond *c;

	*err = NULL;
	*errpos = 0;
	next(&lx);
	if (lx.t == T_END) {
		*err = xstrdup("show_if is empty; expected KEY = CODE");
		return NULL;
	}
	c = parse_or(&lx);
	if (c && lx.t != T_END) {
		fail(&lx, "expected 'and', 'or' or the end");
		cond_free(c);
		c = NULL;
	}
	if (!c) {
		*err = lx.err ? lx.err : xstrdup("cannot parse show_if");
		*errpos = lx.errpos;
	}
	return c;
}

void cond_free(struct cond *c)
{
	if (!c)
		return;
	cond_free(c->l);
	cond_free(c->r);
	free(c->key);
	free(c->value);
	free(c);
}

static const char *op_text(enum cond_op op)
{
	static const char *const t[] = {
		[C_EQ] = "=", [C_NE] = "!=", [C_LT] = "<", [C_LE] = "<=",
		[C_GT] = ">", [C_GE] = ">=", [C_AND] = "and", [C_OR] = "or",
	};
	return t[op];
}

static int prec(const struct cond *c)
{
	return c->op == C_OR ? 1 : c->op == C_AND ? 2 : 3;
}

static void print_sub(struct buf *b, const struct cond *c, int paren)
{
	if (paren)
		buf_addc(b, '(');
	cond_print(b, c);
	if (paren)
		buf_addc(b, ')');
}

void cond_print(struct buf *b, const struct cond *c)
{
	if (!c)
		return;
	if (c->op != C_AND && c->op != C_OR) {
		buf_addf(b, "%s %s %s", c->key, op_text(c->op), c->value);
		return;
	}
	print_sub(b, c->l, prec(c->l) < prec(c));
	buf_addf(b, " %s ", op_text(c->op));
	print_sub(b, c->r, prec(c->r) <= prec(c));
}

/* ---- who asked to be contacted ---- */

int form_is_contact(const struct question *q)
{
	static const char *const names[] = { "name", "full_name", "your_name",
					     "contact_name", "phone",
					     "telephone" };

	if (q->type == Q_EMAIL)
		return 1;
	if (q->type != Q_TEXT)
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(q->key, names[i]))
			return 1;
	return 0;
}

/* 1 when a leaf of c is "key = yes". */
static int cond_says_yes(const struct cond *c, const char *key)
{
	if (!c)
		return 0;
	if (c->op == C_AND || c->op == C_OR)
		return cond_says_yes(c->l, key) || cond_says_yes(c->r, key);
	return c->op == C_EQ && c->key && c->value &&
	       !strcmp(c->key, key) && !strcmp(c->value, "yes");
}

int form_follow_up_key(const struct form *f, const struct question *q)
{
	if (q->type != Q_YESNO)
		return 0;
	for (size_t i = 0; i < f->nq; i++)
		if (f->q[i].type == Q_EMAIL &&
		    cond_says_yes(f->q[i].show_if, q->key))
			return 1;
	return 0;
}
