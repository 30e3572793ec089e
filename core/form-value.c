/*
 * form-value.c - reading typed values (text, true/false, numbers, option
 * lists) out of YAML nodes, and sorting a mapping's properties into slots
 * with a "did you mean" for misspelt ones. Every problem is reported at
 * the node's line and column.
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "form-int.h"
#include "util.h"

void form_err(struct form_ctx *c, const struct form_node *n, const char *fmt,
	      ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(c->d, c->name, n ? n->line : 0, n ? n->col : 0, fmt, ap);
	va_end(ap);
	c->bad = 1;
}

/* ---- values ---- */

/* Optional text: NULL stays NULL. Returns 0, or -1 after an error. */
int form_get_text(struct form_ctx *c, const struct form_node *n,
		  const char *prop, const char *where, char **out)
{
	if (!n || form_node_is_null(n))
		return 0;
	if (n->kind != Y_SCALAR) {
		form_err(c, n, "%s of %s must be a text, not %s", prop, where,
			 form_node_kind_name(n));
		return -1;
	}
	free(*out);
	*out = xstrdup(n->s);
	return 0;
}

/* Required text: a missing or empty one is reported at where. */
int form_need_text(struct form_ctx *c, const struct form_node *n,
		     const struct form_node *at, const char *prop,
		     const char *where, char **out)
{
	if (form_get_text(c, n, prop, where, out) < 0)
		return -1;
	if (!*out || !**out) {
		form_err(c, n ? n : at, "%s has no %s; add %s: followed by "
			 "the text", where, prop, prop);
		return -1;
	}
	return 0;
}

void form_get_bool(struct form_ctx *c, const struct form_node *n,
		   const char *prop, const char *where, int *out)
{
	if (!n || form_node_is_null(n))
		return;
	if (n->kind == Y_SCALAR) {
		if (!strcmp(n->s, "true") || !strcmp(n->s, "True") ||
		    !strcmp(n->s, "TRUE")) {
			*out = 1;
			return;
		}
		if (!strcmp(n->s, "false") || !strcmp(n->s, "False") ||
		    !strcmp(n->s, "FALSE")) {
			*out = 0;
			return;
		}
		form_err(c, n, "%s of %s must be true or false, not '%s'", prop,
			 where, n->s);
		return;
	}
	form_err(c, n, "%s of %s must be true or false, not %s", prop, where,
		 form_node_kind_name(n));
}

/* Returns 1 when a number was read, 0 when absent, -1 after an error. */
int form_get_num(struct form_ctx *c, const struct form_node *n,
		 const char *prop, const char *where, double *out)
{
	char *end;
	double v;

	if (!n || form_node_is_null(n))
		return 0;
	if (n->kind != Y_SCALAR) {
		form_err(c, n, "%s of %s must be a number, not %s", prop, where,
			 form_node_kind_name(n));
		return -1;
	}
	v = strtod(n->s, &end);
	if (end == n->s || *end || !isfinite(v) || fabs(v) > 1e15) {
		form_err(c, n, "%s of %s must be a number, not '%s'", prop,
			 where, n->s);
		return -1;
	}
	*out = v;
	return 1;
}

int form_get_whole(struct form_ctx *c, const struct form_node *n,
		   const char *prop, const char *where, double *out)
{
	int r = form_get_num(c, n, prop, where, out);

	if (r > 0 && floor(*out) != *out) {
		form_err(c, n, "%s of %s must be a whole number, not '%s'",
			 prop, where, n->s);
		return -1;
	}
	return r;
}

/* ---- properties ---- */

const char *form_closest(const char *word, const char *const *names,
			   size_t n, unsigned long mask)
{
	const char *best = NULL;
	size_t bestd = 3;

	for (size_t i = 0; i < n; i++) {
		size_t dist;

		if (!(mask & (1UL << i)))
			continue;
		dist = edit_distance(word, names[i]);
		if (dist < bestd && dist < strlen(word)) {
			bestd = dist;
			best = names[i];
		}
	}
	return best;
}

void form_list_names(struct buf *b, const char *const *names, size_t n,
		       unsigned long mask)
{
	const char *sep = "";

	for (size_t i = 0; i < n; i++) {
		if (!(mask & (1UL << i)))
			continue;
		buf_addf(b, "%s%s", sep, names[i]);
		sep = ", ";
	}
}

/*
 * Sorts the pairs of map m into slots by property name; reports unknown
 * properties (with a suggestion) and ones not in mask. where names the
 * place in messages ("question 'overall'"), kind the thing ("a rating
 * question").
 */
void form_collect(struct form_ctx *c, const struct form_node *m,
		    const char *const *names, size_t nnames,
		    unsigned long mask, const char *where, const char *kind,
		    const struct form_node **slots)
{
	for (size_t i = 0; i + 1 < m->n; i += 2) {
		const struct form_node *k = m->kids[i];
		struct buf b = BUF_INIT;
		const char *best;
		size_t p;

		for (p = 0; p < nnames; p++)
			if (!strcmp(k->s, names[p]))
				break;
		if (p < nnames && (mask & (1UL << p))) {
			slots[p] = m->kids[i + 1];
			continue;
		}
		if (p < nnames) {
			form_list_names(&b, names, nnames, mask);
			form_err(c, k, "property '%s' is not valid for %s "
				 "(%s); valid properties are: %s", k->s, kind,
				 where, b.s);
		} else if ((best = form_closest(k->s, names, nnames, mask)) ||
			   (best = form_closest(k->s, names, nnames,
					   (1UL << nnames) - 1))) {
			form_err(c, k, "unknown property '%s' in %s; did you "
				 "mean '%s'?", k->s, where, best);
		} else {
			form_list_names(&b, names, nnames, mask);
			form_err(c, k, "unknown property '%s' in %s; valid "
				 "properties are: %s", k->s, where, b.s);
		}
		buf_release(&b);
	}
}

/* ---- option lists ---- */

void form_parse_optlist(struct form_ctx *c, const struct form_node *n,
			  const char *prop, const char *where,
			  const char *item, struct optlist *out)
{
	struct buf subj = BUF_INIT;

	if (prop)
		buf_addf(&subj, "%s of %s", prop, where);
	else
		buf_adds(&subj, where);
	if (n->kind != Y_MAP)
		form_err(c, n, "%s must be a mapping of %s: label, not %s",
			 subj.s, item, form_node_is_null(n) ? "empty" :
			 form_node_kind_name(n));
	else if (!n->n)
		form_err(c, n, "%s is empty; give at least one %s: label",
			 subj.s, item);
	buf_release(&subj);
	if (n->kind != Y_MAP || !n->n)
		return;
	out->v = xcalloc(n->n / 2, sizeof(*out->v));
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct form_node *k = n->kids[i], *v = n->kids[i + 1];
		struct form_option *o = &out->v[out->n];

		if (!key_valid(k->s) || strlen(k->s) > 64) {
			form_err(c, k, "%s '%s' in %s is not valid: use lowercase "
				 "letters, digits and _, starting with a "
				 "letter", item, k->s, where);
			continue;
		}
		if (v->kind != Y_SCALAR || form_node_is_null(v) || !*v->s) {
			form_err(c, v, "%s '%s' in %s needs a label (text), not "
				 "%s", item, k->s, where, v->kind == Y_SCALAR ?
				 "nothing" : form_node_kind_name(v));
			continue;
		}
		o->code = xstrdup(k->s);
		o->label = xstrdup(v->s);
		out->n++;
	}
}

void form_copy_optlist(struct optlist *to, const struct optlist *from)
{
	to->v = xcalloc(from->n ? from->n : 1, sizeof(*to->v));
	for (size_t i = 0; i < from->n; i++) {
		to->v[i].code = xstrdup(from->v[i].code);
		to->v[i].label = xstrdup(from->v[i].label);
	}
	to->n = from->n;
}

