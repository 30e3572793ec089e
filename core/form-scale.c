/*
 * form-scale.c - named answer scales: a plain `code: label` mapping, or
 * the long form that says what kind of scale it is (bipolar, with an
 * optional neutral middle, or ordinal), and the rule that every scale a
 * likert question uses says its kind.
 */
#include <stdlib.h>
#include <string.h>

#include "form-int.h"
#include "util.h"

enum sprop { S_KIND, S_NEUTRAL, S_LEVELS, NSPROPS };

static const char *const scale_props[NSPROPS] = { "kind", "neutral",
						  "levels" };

const char *form_scale_kind_name(enum scale_kind k)
{
	return k == SCALE_BIPOLAR ? "bipolar" : k == SCALE_ORDINAL ? "ordinal"
								   : NULL;
}

/* 1 when mapping n is the long form: it has a levels or kind key. */
static int long_form(const struct form_node *n)
{
	for (size_t i = 0; n->kind == Y_MAP && i + 1 < n->n; i += 2)
		if (!strcmp(n->kids[i]->s, "levels") ||
		    !strcmp(n->kids[i]->s, "kind"))
			return 1;
	return 0;
}

/* The kind property of scale s (node k), checked. */
static void get_kind(struct form_ctx *c, const struct form_node *k,
		     const char *where, struct scale *s)
{
	char *kind = NULL;

	if (form_get_text(c, k, "kind", where, &kind) < 0 || !kind)
		goto out;
	if (!strcmp(kind, "bipolar"))
		s->kind = SCALE_BIPOLAR;
	else if (!strcmp(kind, "ordinal"))
		s->kind = SCALE_ORDINAL;
	else {
		/* the load fails: set a kind so that no second message
		 * says the kind is missing */
		s->kind = SCALE_ORDINAL;
		form_err(c, k, "kind of %s must be bipolar (agree/disagree, "
			 "with an optional neutral middle) or ordinal (levels "
			 "of one thing, low to high), not '%s'", where, kind);
	}
out:
	free(kind);
}

/* The neutral code of a bipolar scale: its middle level. */
static void check_neutral(struct form_ctx *c, const struct form_node *at,
			  const char *where, struct scale *s)
{
	size_t n = s->opts.n;

	if (s->kind != SCALE_BIPOLAR) {
		if (s->neutral)
			form_err(c, at, "neutral of %s is only for kind: "
				 "bipolar", where);
		return;
	}
	if (!n)
		return;
	if (!s->neutral) {
		if (n % 2)
			form_err(c, at, "bipolar %s has an odd number of "
				 "levels: name the middle one with neutral: "
				 "%s", where, s->opts.v[n / 2].code);
		return;
	}
	if (n % 2 == 0 || strcmp(s->neutral, s->opts.v[n / 2].code))
		form_err(c, at, "neutral '%s' of %s must be the middle level%s%s",
			 s->neutral, where, n % 2 ? ", " : " of an odd number "
			 "of levels", n % 2 ? s->opts.v[n / 2].code : "");
}

void form_parse_scale(struct form_ctx *c, const struct form_node *n,
		      const char *where, struct scale *s)
{
	const struct form_node *p[NSPROPS] = { NULL };

	if (!long_form(n)) {
		form_parse_optlist(c, n, NULL, where, "code", &s->opts);
		return;
	}
	form_collect(c, n, scale_props, NSPROPS, (1UL << NSPROPS) - 1, where,
		     "a scale", p);
	get_kind(c, p[S_KIND], where, s);
	if (!p[S_KIND] || form_node_is_null(p[S_KIND]))
		form_err(c, n, "%s gives levels but no kind: add kind: bipolar "
			 "or kind: ordinal", where);
	form_get_text(c, p[S_NEUTRAL], "neutral", where, &s->neutral);
	if (!p[S_LEVELS])
		form_err(c, n, "%s has no levels; give levels: {code: label, "
			 "...}, low to high", where);
	else
		form_parse_optlist(c, p[S_LEVELS], "levels", where, "code",
				   &s->opts);
	check_neutral(c, p[S_NEUTRAL] ? p[S_NEUTRAL] : n, where, s);
}

void form_need_scale_kind(struct form_ctx *c, const struct question *q,
			  const struct form_node *at, const char *where)
{
	if (!q->scale || q->scale->kind != SCALE_KIND_UNSET)
		return;
	form_err(c, at, "scale '%s' of likert %s does not say its kind; write "
		 "it as %s: {kind: bipolar (agree/disagree; an odd scale adds "
		 "neutral: CODE) or kind: ordinal (levels of one thing), "
		 "levels: {code: label, ...}}", q->scale->key, where,
		 q->scale->key);
}
