/*
 * form-load.c - turns the YAML node tree of one form file into a struct
 * form, checking everything a form author can get wrong and reporting each
 * mistake at its line and column. It goes on after errors to report as
 * many as it can.
 */
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "form-int.h"
#include "date.h"
#include "util.h"

enum prop {
	P_KEY, P_TYPE, P_LABEL, P_HINT, P_REQUIRED, P_SHOW_IF, P_MESSAGES,
	P_OPTIONS, P_SCALE, P_OTHER, P_OTHER_LABEL, P_ORDINAL, P_MIN, P_MAX,
	P_ENDS, P_ITEMS, P_DECIMAL, P_LONG, P_MAX_LENGTH, P_PATTERN,
	P_PATTERN_HINT, P_NEW_PAGE, NPROPS
};

static const char *const prop_names[NPROPS] = {
	"key", "type", "label", "hint", "required", "show_if", "messages",
	"options", "scale", "other", "other_label", "ordinal", "min", "max",
	"ends", "items", "decimal", "long", "max_length", "pattern",
	"pattern_hint", "new_page",
};

#define B(p) (1UL << (p))
#define COMMON (B(P_KEY) | B(P_TYPE) | B(P_LABEL) | B(P_HINT) | \
		B(P_REQUIRED) | B(P_SHOW_IF) | B(P_MESSAGES))
#define TEXTISH (B(P_MAX_LENGTH) | B(P_PATTERN) | B(P_PATTERN_HINT))

static const unsigned long type_props[] = {
	[Q_CHOICE] = COMMON | B(P_OPTIONS) | B(P_SCALE) | B(P_OTHER) |
		     B(P_OTHER_LABEL) | B(P_ORDINAL),
	[Q_MULTI] = COMMON | B(P_OPTIONS) | B(P_OTHER) | B(P_OTHER_LABEL),
	[Q_RATING] = COMMON | B(P_MIN) | B(P_MAX) | B(P_ENDS),
	[Q_LIKERT] = COMMON | B(P_SCALE) | B(P_ITEMS),
	[Q_NPS] = COMMON | B(P_ENDS),
	[Q_TEXT] = COMMON | B(P_LONG) | TEXTISH,
	[Q_NUMBER] = COMMON | B(P_MIN) | B(P_MAX) | B(P_DECIMAL),
	[Q_EMAIL] = COMMON | TEXTISH,
	[Q_DATE] = COMMON | B(P_MIN) | B(P_MAX),
	[Q_YESNO] = COMMON,
	[Q_SECTION] = B(P_KEY) | B(P_TYPE) | B(P_LABEL) | B(P_HINT) |
		      B(P_NEW_PAGE),
};
#define NTYPES (Q_SECTION + 1)
#define ALL_PROPS ((1UL << NPROPS) - 1)

static void load_scales(struct form_ctx *c, const struct form_node *n)
{
	struct form *f = c->f;

	if (!n || form_node_is_null(n))
		return;
	if (n->kind != Y_MAP) {
		form_err(c, n, "scales must be a mapping of NAME: {code: label, "
			 "...}, not %s", form_node_kind_name(n));
		return;
	}
	f->scales = xcalloc(n->n / 2 + 1, sizeof(*f->scales));
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct form_node *k = n->kids[i];
		struct scale *s = &f->scales[f->nscales];
		struct buf what = BUF_INIT;

		if (!key_valid(k->s) || strlen(k->s) > 64) {
			form_err(c, k, "scale name '%s' is not valid: use "
				 "lowercase letters, digits and _, starting "
				 "with a letter", k->s);
			continue;
		}
		buf_addf(&what, "scale '%s'", k->s);
		form_parse_scale(c, n->kids[i + 1], what.s, s);
		buf_release(&what);
		s->key = xstrdup(k->s);
		f->nscales++;
	}
}

static const struct scale *find_scale(const struct form *f, const char *k)
{
	for (size_t i = 0; i < f->nscales; i++)
		if (!strcmp(f->scales[i].key, k))
			return &f->scales[i];
	return NULL;
}

/* Looks up the scale named by node n for question q. */
static void use_scale(struct form_ctx *c, struct question *q,
		      const struct form_node *n, const char *where)
{
	const struct scale *s;
	struct buf b = BUF_INIT;

	if (form_get_text(c, n, "scale", where, &q->scale_key) < 0 || !q->scale_key)
		return;
	s = find_scale(c->f, q->scale_key);
	if (!s) {
		for (size_t i = 0; i < c->f->nscales; i++)
			buf_addf(&b, "%s%s", i ? ", " : "",
				 c->f->scales[i].key);
		if (c->f->nscales)
			form_err(c, n, "scale '%s' of %s does not exist; the "
				 "form's scales are: %s", q->scale_key, where,
				 b.s);
		else
			form_err(c, n, "scale '%s' of %s does not exist; the "
				 "form defines no scales", q->scale_key, where);
		buf_release(&b);
		return;
	}
	q->scale = s;
	form_copy_optlist(&q->options, &s->opts);
}

/* ---- questions ---- */

static const char *const type_names[NTYPES] = {
	"choice", "multi", "rating", "likert", "nps", "text", "number",
	"email", "date", "yesno", "section",
};

static int parse_type(struct form_ctx *c, const struct form_node *n,
		      const char *where, enum qtype *out)
{
	struct buf b = BUF_INIT;
	const char *best;

	if (n->kind != Y_SCALAR) {
		form_err(c, n, "type of %s must be a text, not %s", where,
			 form_node_kind_name(n));
		return -1;
	}
	for (int i = 0; i < NTYPES; i++) {
		if (!strcmp(n->s, type_names[i])) {
			*out = (enum qtype)i;
			return 0;
		}
	}
	form_list_names(&b, type_names, NTYPES, (1UL << NTYPES) - 1);
	best = form_closest(n->s, type_names, NTYPES, (1UL << NTYPES) - 1);
	if (best)
		form_err(c, n, "unknown type '%s' in %s; did you mean '%s'? "
			 "(types: %s)", n->s, where, best, b.s);
	else
		form_err(c, n, "unknown type '%s' in %s; expected one of: %s",
			 n->s, where, b.s);
	buf_release(&b);
	return -1;
}

static void load_messages(struct form_ctx *c, struct question *q,
			  const struct form_node *n, const char *where)
{
	static const char *const names[] = { "required", "invalid" };
	const struct form_node *slots[2] = { NULL, NULL };
	struct buf w = BUF_INIT;

	if (!n || form_node_is_null(n))
		return;
	if (n->kind != Y_MAP) {
		form_err(c, n, "messages of %s must be a mapping with required "
			 "and/or invalid, not %s", where,
			 form_node_kind_name(n));
		return;
	}
	buf_addf(&w, "messages of %s", where);
	form_collect(c, n, names, 2, 3, w.s, "messages", slots);
	form_get_text(c, slots[0], "required", w.s, &q->msg_required);
	form_get_text(c, slots[1], "invalid", w.s, &q->msg_invalid);
	buf_release(&w);
}

static void load_ends(struct form_ctx *c, struct question *q,
		      const struct form_node *n, const char *where)
{
	if (!n || form_node_is_null(n))
		return;
	if (n->kind != Y_SEQ || n->n != 2 || n->kids[0]->kind != Y_SCALAR ||
	    n->kids[1]->kind != Y_SCALAR) {
		form_err(c, n, "ends of %s must be a list of two labels: "
			 "[low end, high end]", where);
		return;
	}
	q->ends[0] = xstrdup(n->kids[0]->s);
	q->ends[1] = xstrdup(n->kids[1]->s);
}

static void check_range(struct form_ctx *c, const struct question *q,
			const struct form_node *at, const char *where)
{
	if (q->has_min && q->has_max && q->min > q->max)
		form_err(c, at, "min (%g) is greater than max (%g) in %s",
			 q->min, q->max, where);
}

static void load_numbers(struct form_ctx *c, struct question *q,
			 const struct form_node **s, const char *where)
{
	int r;

	if (q->type == Q_RATING) {
		q->min = 1;
		q->max = 5;
		q->has_min = q->has_max = 1;
		form_get_whole(c, s[P_MIN], "min", where, &q->min);
		form_get_whole(c, s[P_MAX], "max", where, &q->max);
		if (q->min >= q->max) {
			form_err(c, s[P_MIN] ? s[P_MIN] : s[P_MAX], "min (%g) "
				 "must be less than max (%g) in %s", q->min,
				 q->max, where);
		} else if (q->max - q->min > 100) {
			form_err(c, s[P_MAX] ? s[P_MAX] : s[P_MIN],
				 "a rating of %s has more than 101 "
				 "points; use a number question", where);
		}
	} else if (q->type == Q_NPS) {
		q->min = 0;
		q->max = 10;
		q->has_min = q->has_max = 1;
	} else if (q->type == Q_NUMBER) {
		r = form_get_num(c, s[P_MIN], "min", where, &q->min);
		q->has_min = r > 0;
		r = form_get_num(c, s[P_MAX], "max", where, &q->max);
		q->has_max = r > 0;
		check_range(c, q, s[P_MIN], where);
	}
}

static void load_dates(struct form_ctx *c, struct question *q,
		       const struct form_node **s, const char *where)
{
	const char *what[2] = { "min", "max" };
	char **out[2] = { &q->min_date, &q->max_date };

	for (int i = 0; i < 2; i++) {
		const struct form_node *n = s[i ? P_MAX : P_MIN];

		if (form_get_text(c, n, what[i], where, out[i]) < 0 || !*out[i])
			continue;
		if (!date_valid(*out[i])) {
			form_err(c, n, "%s of %s must be a date written "
				 "YYYY-MM-DD, not '%s'", what[i], where,
				 *out[i]);
			free(*out[i]);
			*out[i] = NULL;
		}
	}
	if (q->min_date && q->max_date && strcmp(q->min_date, q->max_date) > 0)
		form_err(c, s[P_MIN], "min (%s) is later than max (%s) in %s",
			 q->min_date, q->max_date, where);
}

static void load_text_props(struct form_ctx *c, struct question *q,
			    const struct form_node **s, const char *where)
{
	double len = 0;
	regex_t re;
	int rc;

	form_get_bool(c, s[P_LONG], "long", where, &q->long_text);
	if (form_get_whole(c, s[P_MAX_LENGTH], "max_length", where, &len) > 0) {
		if (len < 1 || len > 100000)
			form_err(c, s[P_MAX_LENGTH], "max_length of %s must be "
				 "between 1 and 100000, not %g", where, len);
		else
			q->max_length = (size_t)len;
	}
	if (!q->max_length)
		q->max_length = q->type == Q_EMAIL ? 254 :
				q->long_text ? 5000 : 200;
	form_get_text(c, s[P_PATTERN_HINT], "pattern_hint", where, &q->pattern_hint);
	if (form_get_text(c, s[P_PATTERN], "pattern", where, &q->pattern) < 0 ||
	    !q->pattern)
		return;
	rc = regcomp(&re, q->pattern, REG_EXTENDED | REG_NOSUB);
	if (rc) {
		char msg[256];

		regerror(rc, &re, msg, sizeof(msg));
		form_err(c, s[P_PATTERN], "pattern of %s is not a valid POSIX "
			 "extended regular expression: %s", where, msg);
	} else {
		regfree(&re);
	}
}

static void load_options(struct form_ctx *c, struct question *q,
			 const struct form_node **s, const struct form_node *m,
			 const char *where)
{
	int has_opts = s[P_OPTIONS] && !form_node_is_null(s[P_OPTIONS]);
	int has_scale = s[P_SCALE] && !form_node_is_null(s[P_SCALE]);

	if (q->type == Q_CHOICE && has_opts && has_scale)
		form_err(c, s[P_SCALE], "%s gives both options and scale; give "
			 "one of them", where);
	else if (has_scale)
		use_scale(c, q, s[P_SCALE], where);
	else if (s[P_OPTIONS])
		form_parse_optlist(c, s[P_OPTIONS], "options", where,
			      "option code", &q->options);
	else
		form_err(c, m, "%s has no options; give options: {code: label, "
			 "...}%s", where, q->type == Q_CHOICE ?
			 " or scale: NAME" : "");
	form_get_bool(c, s[P_OTHER], "other", where, &q->other);
	form_get_text(c, s[P_OTHER_LABEL], "other_label", where, &q->other_label);
	if (q->other_label && !q->other)
		form_err(c, s[P_OTHER_LABEL], "other_label of %s needs "
			 "other: true", where);
	if (q->other && !q->other_label)
		q->other_label = xstrdup("Other");
	form_get_bool(c, s[P_ORDINAL], "ordinal", where, &q->ordinal);
}

static void load_likert(struct form_ctx *c, struct question *q,
			const struct form_node **s, const struct form_node *m,
			const char *where)
{
	if (!s[P_SCALE] || form_node_is_null(s[P_SCALE]))
		form_err(c, m, "likert %s needs scale: NAME, naming one of the "
			 "form's scales", where);
	else
		use_scale(c, q, s[P_SCALE], where);
	form_need_scale_kind(c, q, s[P_SCALE], where);
	if (!s[P_ITEMS])
		form_err(c, m, "likert %s has no items; give items: {key: "
			 "statement, ...}", where);
	else
		form_parse_optlist(c, s[P_ITEMS], "items", where, "item key",
			      &q->items);
}

static void yesno_options(struct question *q)
{
	q->options.v = xcalloc(2, sizeof(*q->options.v));
	q->options.v[0].code = xstrdup("yes");
	q->options.v[0].label = xstrdup("Yes");
	q->options.v[1].code = xstrdup("no");
	q->options.v[1].label = xstrdup("No");
	q->options.n = 2;
}

static void load_question(struct form_ctx *c, struct question *q,
			  const struct form_node *m, size_t idx)
{
	const struct form_node *s[NPROPS] = { NULL };
	const struct form_node *tnode = NULL, *knode = NULL;
	struct buf where = BUF_INIT, kind = BUF_INIT;
	int typed = 0;

	q->line = m->line;
	q->col = m->col;
	q->new_page = 1;
	for (size_t i = 0; i + 1 < m->n; i += 2) {
		if (!strcmp(m->kids[i]->s, "type"))
			tnode = m->kids[i + 1];
		if (!strcmp(m->kids[i]->s, "key"))
			knode = m->kids[i + 1];
	}
	if (knode && knode->kind == Y_SCALAR && key_valid(knode->s) &&
	    strlen(knode->s) <= 64)
		buf_addf(&where, "question '%s'", knode->s);
	else
		buf_addf(&where, "question %zu", idx + 1);
	if (!tnode)
		form_err(c, m, "%s has no type; expected one of: choice, multi, "
			 "rating, likert, nps, text, number, email, date, "
			 "yesno, section", where.s);
	else
		typed = parse_type(c, tnode, where.s, &q->type) == 0;
	buf_addf(&kind, "a %s question", typed ? qtype_name(q->type) : "");
	form_collect(c, m, prop_names, NPROPS, typed ? type_props[q->type]
		: ALL_PROPS, where.s, kind.s, s);

	if (!knode)
		form_err(c, m, "%s has no key; give key: a_name (lowercase "
			 "letters, digits, _)", where.s);
	else if (form_get_text(c, knode, "key", where.s, &q->key) == 0 &&
		 (!q->key || !key_valid(q->key) || strlen(q->key) > 64))
		form_err(c, knode, "key '%s' of %s is not valid: use lowercase "
			 "letters, digits and _, starting with a letter "
			 "(at most 64)", q->key ? q->key : "", where.s);
	if (typed && q->type == Q_SECTION)
		form_get_text(c, s[P_LABEL], "label", where.s, &q->label);
	else
		form_need_text(c, s[P_LABEL], m, "label", where.s, &q->label);
	form_get_text(c, s[P_HINT], "hint", where.s, &q->hint);
	form_get_bool(c, s[P_REQUIRED], "required", where.s, &q->required);
	form_get_text(c, s[P_SHOW_IF], "show_if", where.s, &q->show_if_src);
	if (q->show_if_src)
		c->show_if[idx] = s[P_SHOW_IF];
	load_messages(c, q, s[P_MESSAGES], where.s);
	form_get_bool(c, s[P_NEW_PAGE], "new_page", where.s, &q->new_page);
	if (typed) {
		switch (q->type) {
		case Q_CHOICE:
		case Q_MULTI:
			load_options(c, q, s, m, where.s);
			break;
		case Q_LIKERT:
			load_likert(c, q, s, m, where.s);
			break;
		case Q_RATING:
		case Q_NPS:
			load_ends(c, q, s[P_ENDS], where.s);
			load_numbers(c, q, s, where.s);
			break;
		case Q_NUMBER:
			form_get_bool(c, s[P_DECIMAL], "decimal", where.s, &q->decimal);
			load_numbers(c, q, s, where.s);
			break;
		case Q_DATE:
			load_dates(c, q, s, where.s);
			break;
		case Q_TEXT:
		case Q_EMAIL:
			load_text_props(c, q, s, where.s);
			break;
		case Q_YESNO:
			yesno_options(q);
			break;
		case Q_SECTION:
			break;
		}
	}
	if (!q->key)
		q->key = xstrdup("");
	if (!q->label)
		q->label = xstrdup("");
	buf_release(&where);
	buf_release(&kind);
}

/* ---- the form ---- */

enum fprop { F_FORM, F_TITLE, F_INTRO, F_THANKS, F_PER_EVENT, F_BOARD,
	     F_SCALES, F_QUESTIONS, NFPROPS };

static const char *const form_props[NFPROPS] = {
	"form", "title", "intro", "thanks", "per_event", "board", "scales",
	"questions",
};

static int form_key_valid(const char *s)
{
	if (!s || !(*s >= 'a' && *s <= 'z') || strlen(s) > 64)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '-' || *s == '_'))
			return 0;
	return 1;
}

/*
 * A board form (board: true) feeds the topic board: its topic question
 * (one line of text) becomes the idea and description (text) its
 * details (docs/forms.md).
 */
static void check_board(struct form_ctx *c, const struct form_node *at)
{
	static const char *const need[] = { "topic", "description" };
	const struct form *f = c->f;

	for (size_t k = 0; k < 2; k++) {
		const struct question *q = NULL;

		for (size_t i = 0; i < f->nq && !q; i++)
			if (f->q[i].key && !strcmp(f->q[i].key, need[k]))
				q = &f->q[i];
		if (!q)
			form_err(c, at, "a board form needs a text question "
				 "with key '%s'", need[k]);
		else if (q->type != Q_TEXT)
			form_err(c, at, "a board form's '%s' question must be "
				 "of type text", need[k]);
	}
	for (size_t i = 0; i < f->nq; i++)
		if (f->q[i].key && !strcmp(f->q[i].key, "topic") &&
		    f->q[i].long_text)
			form_err(c, at, "a board form's topic must be one line "
				 "(not long: true)");
}

static void load_top(struct form_ctx *c, const struct form_node *root,
		     const char *expect)
{
	const struct form_node *s[NFPROPS] = { NULL };
	struct form *f = c->f;
	const struct form_node *qs;

	form_collect(c, root, form_props, NFPROPS, (1UL << NFPROPS) - 1,
		"the form", "a form", s);
	if (!s[F_FORM] || form_node_is_null(s[F_FORM]))
		form_err(c, s[F_FORM] ? s[F_FORM] : root, "the form has no form "
			 "key; add form: NAME, where NAME is the file name "
			 "without .yaml");
	else if (form_need_text(c, s[F_FORM], root, "form", "the form",
			   &f->key) == 0) {
		if (!form_key_valid(f->key))
			form_err(c, s[F_FORM], "form key '%s' is not valid: use "
				 "lowercase letters, digits, - and _, starting "
				 "with a letter", f->key);
		else if (expect && strcmp(expect, f->key))
			form_err(c, s[F_FORM], "form key '%s' differs from the "
				 "file name; expected 'form: %s' (or rename the "
				 "file to %s.yaml)", f->key, expect, f->key);
	}
	form_need_text(c, s[F_TITLE], root, "title", "the form", &f->title);
	form_get_text(c, s[F_INTRO], "intro", "the form", &f->intro);
	form_get_text(c, s[F_THANKS], "thanks", "the form", &f->thanks);
	form_get_bool(c, s[F_PER_EVENT], "per_event", "the form", &f->per_event);
	form_get_bool(c, s[F_BOARD], "board", "the form", &f->board);
	load_scales(c, s[F_SCALES]);
	qs = s[F_QUESTIONS];
	if (!qs || form_node_is_null(qs)) {
		form_err(c, qs ? qs : root, "the form has no questions; add "
			 "questions: followed by a list of questions");
		return;
	}
	if (qs->kind != Y_SEQ) {
		form_err(c, qs, "questions must be a list (each question starts "
			 "with '- key: ...'), not %s", form_node_kind_name(qs));
		return;
	}
	if (!qs->n) {
		form_err(c, qs, "questions is empty; give at least one");
		return;
	}
	f->q = xcalloc(qs->n, sizeof(*f->q));
	c->show_if = xcalloc(qs->n, sizeof(*c->show_if));
	for (size_t i = 0; i < qs->n; i++) {
		const struct form_node *m = qs->kids[i];

		if (m->kind != Y_MAP) {
			form_err(c, m, "question %zu must be a mapping "
				 "(key: ..., type: ..., label: ...), not %s",
				 i + 1, form_node_kind_name(m));
			continue;
		}
		load_question(c, &f->q[f->nq], m, i);
		c->show_if[f->nq] = c->show_if[i];
		if (f->nq != i)
			c->show_if[i] = NULL;
		f->nq++;
	}
	form_check_keys(c);
	if (f->board)
		check_board(c, s[F_BOARD]);
	form_compute_pages(f);
}

struct form *form_load_mem(const char *name, const char *text, size_t len,
			   const char *expect, struct diag *d)
{
	struct form_ctx c = { .name = name, .d = d };
	struct form_node *root = form_tree_parse(name, text, len, d);

	if (!root)
		return NULL;
	c.f = xcalloc(1, sizeof(*c.f));
	c.f->path = xstrdup(name);
	c.f->npages = 1;
	if (root->kind != Y_MAP)
		form_err(&c, root, "expected a mapping with form, title and "
			 "questions at the top, not %s",
			 form_node_kind_name(root));
	else
		load_top(&c, root, expect);
	free(c.show_if);
	form_node_free(root);
	if (!c.bad && form_make_canonical(c.f) < 0) {
		diag_add(d, name, 0, 0, "the form's version hash could not "
			 "be computed");
		c.bad = 1;
	}
	if (c.bad) {
		form_free(c.f);
		return NULL;
	}
	return c.f;
}
