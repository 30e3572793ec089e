/*
 * form-check.c - the checks that need the whole form: answer keys unique
 * across questions, likert items and Other boxes; show_if conditions that
 * name earlier questions and their real codes; and the page numbers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form-int.h"
#include "util.h"

struct akey {
	const char *key;
	size_t q;              /* index of the owning question */
	const struct form_option *item;
	unsigned line, col;
	char what[96];
};

static int akey_cmp(const void *a, const void *b)
{
	const struct akey *x = a, *y = b;
	int r = strcmp(x->key, y->key);

	if (r)
		return r;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->col < y->col ? -1 : x->col > y->col;
}

/* Every answer key of the form (question keys, likert items, _other). */
static struct akey *answer_keys(struct form_ctx *c, size_t *n, char ***others)
{
	struct form *f = c->f;
	struct akey *v = NULL;
	size_t cap = 0, no = 0;

	*n = 0;
	*others = xcalloc(f->nq + 1, sizeof(**others));
	for (size_t i = 0; i < f->nq; i++) {
		struct question *q = &f->q[i];

		if (!*q->key)
			continue;
		ALLOC_GROW(v, *n + q->items.n + 2, cap);
		v[*n] = (struct akey){ q->key, i, NULL, q->line, q->col, "" };
		snprintf(v[*n].what, sizeof(v->what), "question '%s'", q->key);
		(*n)++;
		for (size_t j = 0; j < q->items.n; j++) {
			v[*n] = (struct akey){ q->items.v[j].code, i,
					       &q->items.v[j], q->line, q->col,
					       "" };
			snprintf(v[*n].what, sizeof(v->what),
				 "an item of likert question '%s'", q->key);
			(*n)++;
		}
		if (q->other) {
			struct buf b = BUF_INIT;

			buf_addf(&b, "%s_other", q->key);
			(*others)[no++] = buf_detach(&b, NULL);
			v[*n] = (struct akey){ (*others)[no - 1], i, NULL,
					       q->line, q->col, "" };
			snprintf(v[*n].what, sizeof(v->what),
				 "the Other box of '%s'", q->key);
			(*n)++;
		}
	}
	if (*n)
		qsort(v, *n, sizeof(*v), akey_cmp);
	return v;
}

static void check_duplicate_keys(struct form_ctx *c, const struct akey *v,
				 size_t n)
{
	for (size_t i = 1; i < n; i++) {
		if (strcmp(v[i].key, v[i - 1].key))
			continue;
		diag_add(c->d, c->name, v[i].line, v[i].col,
			 "duplicate key '%s' (%s): already used by %s at "
			 "line %u; answer keys must be unique in a form",
			 v[i].key, v[i].what, v[i - 1].what, v[i - 1].line);
		c->bad = 1;
	}
}

static const struct akey *find_akey(const struct akey *v, size_t n,
				    const char *k)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = strcmp(v[mid].key, k);

		if (!r) {
			while (mid && !strcmp(v[mid - 1].key, k))
				mid--;
			return &v[mid];
		}
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

struct sictx {
	struct form_ctx *c;
	const struct akey *keys;
	size_t nkeys;
	size_t qi;
	const struct form_node *at;
};

static void check_leaf(struct sictx *s, const struct cond *l)
{
	struct form_ctx *c = s->c;
	const char *self = c->f->q[s->qi].key;
	const struct akey *a = find_akey(s->keys, s->nkeys, l->key);
	const struct question *q;
	const struct optlist *opts;
	int numeric = l->op != C_EQ && l->op != C_NE;
	char *end;

	if (!a || c->f->q[a->q].type == Q_SECTION ||
	    (!a->item && strcmp(c->f->q[a->q].key, l->key))) {
		form_err(c, s->at, "show_if of question '%s' names '%s', which "
			 "is not a question in this form", self, l->key);
		return;
	}
	if (a->q >= s->qi) {
		form_err(c, s->at, "show_if of question '%s' names '%s', which "
			 "%s; a question can only depend on earlier questions",
			 self, l->key, a->q == s->qi ? "is the question itself"
			 : "comes after it");
		return;
	}
	q = &c->f->q[a->q];
	switch (q->type) {
	case Q_RATING:
	case Q_NPS:
	case Q_NUMBER:
		strtod(l->value, &end);
		if (*end || end == l->value)
			form_err(c, s->at, "show_if of question '%s': '%s' is a "
				 "%s question, so '%s' must be compared with a "
				 "number, not '%s'", self, l->key,
				 qtype_name(q->type), l->key, l->value);
		return;
	case Q_CHOICE:
	case Q_MULTI:
	case Q_YESNO:
	case Q_LIKERT:
		opts = &q->options;
		break;
	default:
		form_err(c, s->at, "show_if of question '%s' tests '%s', a %s "
			 "question; only choice, multi, yesno, likert, rating, "
			 "nps and number answers can be tested", self, l->key,
			 qtype_name(q->type));
		return;
	}
	if (numeric) {
		form_err(c, s->at, "show_if of question '%s': '%s' is a %s "
			 "question; compare it with = or !=, not <, <=, >, >=",
			 self, l->key, qtype_name(q->type));
	} else if (opts->n && !optlist_label(opts, l->value)) {
		struct buf b = BUF_INIT;

		for (size_t i = 0; i < opts->n; i++)
			buf_addf(&b, "%s%s", i ? ", " : "", opts->v[i].code);
		form_err(c, s->at, "show_if of question '%s': '%s' is not an "
			 "option of '%s' (codes: %s)", self, l->value, l->key,
			 b.s);
		buf_release(&b);
	}
}

static void check_cond(struct sictx *s, const struct cond *l)
{
	if (l->op == C_AND || l->op == C_OR) {
		check_cond(s, l->l);
		check_cond(s, l->r);
	} else {
		check_leaf(s, l);
	}
}

static void parse_show_ifs(struct form_ctx *c, const struct akey *keys,
			   size_t n)
{
	for (size_t i = 0; i < c->f->nq; i++) {
		struct question *q = &c->f->q[i];
		const struct form_node *at = c->show_if[i];
		struct sictx s = { c, keys, n, i, at };
		char *msg;
		size_t pos;

		if (!q->show_if_src || !at)
			continue;
		q->show_if = cond_parse(q->show_if_src, &msg, &pos);
		if (!q->show_if) {
			unsigned col = at->col + (unsigned)pos +
				       (at->plain ? 0 : 1);

			if (strchr(q->show_if_src, '\n'))
				col = at->col;
			diag_add(c->d, c->name, at->line, col, "show_if of "
				 "question '%s': %s", q->key, msg);
			c->bad = 1;
			free(msg);
			continue;
		}
		check_cond(&s, q->show_if);
	}
}

void form_compute_pages(struct form *f)
{
	int page = 0, content = 0;

	for (size_t i = 0; i < f->nq; i++) {
		struct question *q = &f->q[i];

		if (q->type == Q_SECTION && q->new_page && content) {
			page++;
			content = 0;
		}
		if (q->type != Q_SECTION)
			content = 1;
		q->page = page;
	}
	f->npages = page + 1;
}

void form_check_keys(struct form_ctx *c)
{
	char **others;
	size_t n;
	struct akey *v = answer_keys(c, &n, &others);

	check_duplicate_keys(c, v, n);
	parse_show_ifs(c, v, n);
	for (size_t i = 0; others[i]; i++)
		free(others[i]);
	free(others);
	free(v);
}

