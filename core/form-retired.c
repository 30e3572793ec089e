/*
 * form-retired.c - answers to what a form no longer asks: a copy of the
 * current form with the options and likert items that earlier versions
 * had and this one dropped put back, labelled as retired, so that
 * reports and exports count old answers under the label they were
 * given with.
 */
#include <stdlib.h>
#include <string.h>

#include "form-int.h"
#include "util.h"

/* Appends (code, "label (retired)") to l unless code is in it. */
static void add_retired(struct optlist *l, const struct form_option *o)
{
	struct buf b = BUF_INIT;

	if (optlist_label(l, o->code))
		return;
	buf_addf(&b, "%s (retired)", o->label ? o->label : o->code);
	l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n].code = xstrdup(o->code);
	l->v[l->n].label = buf_detach(&b, NULL);
	l->n++;
}

/* What question o of an earlier version had that f's does not. */
static void merge_question(struct form *f, const struct question *o)
{
	const struct form_option *item = NULL;
	struct question *q = NULL;

	for (size_t i = 0; i < f->nq && !q; i++)
		if (!strcmp(f->q[i].key, o->key))
			q = &f->q[i];

	if (q && q->type == o->type &&
	    (q->type == Q_CHOICE || q->type == Q_MULTI))
		for (size_t i = 0; i < o->options.n; i++)
			add_retired(&q->options, &o->options.v[i]);
	if (!q || q->type != Q_LIKERT || o->type != Q_LIKERT)
		return;
	for (size_t i = 0; i < o->items.n; i++)
		if (!form_answer_owner(f, o->items.v[i].code, &item))
			add_retired(&q->items, &o->items.v[i]);
}

struct form *form_with_retired(const struct form *f,
			       const char *const *defs, size_t n)
{
	struct diag d = { 0 };
	struct form *copy = form_load_text(f->path, f->canonical,
					   strlen(f->canonical), &d);

	diag_release(&d);
	if (!copy)
		return NULL;
	for (size_t i = n; i-- > 0;) {         /* newest first: its labels */
		struct form *old = form_load_text("recorded version", defs[i],
						  strlen(defs[i]), &d);

		diag_release(&d);
		if (!old)
			continue;
		for (size_t k = 0; k < old->nq; k++)
			if (old->q[k].type != Q_SECTION)
				merge_question(copy, &old->q[k]);
		form_free(old);
	}
	return copy;
}
