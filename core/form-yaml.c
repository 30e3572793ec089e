/*
 * form-yaml.c - reads YAML text with libyaml's event parser into a small
 * tree of nodes that remember their line and column, so that every later
 * message can point at the exact spot in the file.
 */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "form-int.h"
#include "util.h"

void form_node_free(struct form_node *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->n; i++)
		form_node_free(n->kids[i]);
	free(n->kids);
	free(n->s);
	free(n);
}

int form_node_is_null(const struct form_node *n)
{
	if (!n || n->kind != Y_SCALAR || !n->plain)
		return 0;
	return !*n->s || !strcmp(n->s, "~") || !strcmp(n->s, "null") ||
	       !strcmp(n->s, "Null") || !strcmp(n->s, "NULL");
}

const char *form_node_kind_name(const struct form_node *n)
{
	switch (n->kind) {
	case Y_SEQ:
		return "a list";
	case Y_MAP:
		return "a mapping";
	default:
		return "a text";
	}
}

static struct form_node *node_new(enum ykind kind, const yaml_mark_t *m)
{
	struct form_node *n = xcalloc(1, sizeof(*n));

	n->kind = kind;
	n->line = (unsigned)m->line + 1;
	n->col = (unsigned)m->column + 1;
	return n;
}

/* Line and column of a byte offset (reader errors have no mark). */
static void offset_pos(const char *text, size_t len, size_t off,
		       unsigned *line, unsigned *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off && i < len; i++) {
		if (text[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80) {
			(*col)++;
		}
	}
}

static void syntax_error(const char *name, const char *text, size_t len,
			 yaml_parser_t *p, struct diag *d)
{
	unsigned line, col;
	const char *problem = p->problem ? p->problem : "cannot parse";

	if (p->error == YAML_READER_ERROR) {
		offset_pos(text, len, p->problem_offset, &line, &col);
		diag_add(d, name, line, col, "not valid UTF-8 text: %s",
			 problem);
		return;
	}
	line = (unsigned)p->problem_mark.line + 1;
	col = (unsigned)p->problem_mark.column + 1;
	if (p->context)
		diag_add(d, name, line, col,
			 "YAML syntax error: %s (%s at line %u)", problem,
			 p->context, (unsigned)p->context_mark.line + 1);
	else
		diag_add(d, name, line, col, "YAML syntax error: %s", problem);
}

struct keyref {
	const struct form_node *k;
	size_t idx;
};

static int keyref_cmp(const void *a, const void *b)
{
	const struct keyref *x = a, *y = b;
	int c = strcmp(x->k->s, y->k->s);

	if (c)
		return c;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Reports every key given twice in map m (at its second place). */
static int check_duplicates(const char *name, const struct form_node *m,
			    struct diag *d)
{
	size_t np = m->n / 2;
	struct keyref *v;
	int bad = 0;

	if (np < 2)
		return 0;
	v = xmalloc(np * sizeof(*v));
	for (size_t i = 0; i < np; i++) {
		v[i].k = m->kids[2 * i];
		v[i].idx = i;
	}
	qsort(v, np, sizeof(*v), keyref_cmp);
	for (size_t i = 1; i < np; i++) {
		if (strcmp(v[i].k->s, v[i - 1].k->s) ||
		    v[i].k->kind != Y_SCALAR || v[i - 1].k->kind != Y_SCALAR)
			continue;
		diag_add(d, name, v[i].k->line, v[i].k->col,
			 "duplicate key '%s' in this mapping "
			 "(first given at line %u); give each key once",
			 v[i].k->s, v[i - 1].k->line);
		bad = 1;
	}
	free(v);
	return bad;
}

static void add_kid(struct form_node *parent, struct form_node *kid)
{
	ALLOC_GROW(parent->kids, parent->n + 1, parent->cap);
	parent->kids[parent->n++] = kid;
}

struct ybuild {
	const char *name;
	struct diag *d;
	struct form_node *root;
	struct form_node *stack[FORM_MAX_DEPTH];
	size_t depth;
	int ok;
};

/* Hangs n under the open collection; takes ownership. */
static void place(struct ybuild *y, struct form_node *n)
{
	struct form_node *parent;

	if (!y->depth) {
		if (y->root)
			form_node_free(y->root);
		y->root = n;
		return;
	}
	parent = y->stack[y->depth - 1];
	if (parent->kind == Y_MAP && parent->n % 2 == 0 &&
	    n->kind != Y_SCALAR) {
		diag_add(y->d, y->name, n->line, n->col,
			 "a mapping key must be a plain name, not %s",
			 form_node_kind_name(n));
		y->ok = 0;
		n->s = xstrdup("");    /* the tree is dropped; keep it sortable */
	}
	add_kid(parent, n);
}

/* Handles one event; returns 0 to go on, 1 at the end, -1 to stop. */
static int on_event(struct ybuild *y, yaml_event_t *ev, int *docs)
{
	struct form_node *n;

	switch (ev->type) {
	case YAML_STREAM_END_EVENT:
		return 1;
	case YAML_DOCUMENT_START_EVENT:
		if (++*docs > 1) {
			diag_add(y->d, y->name, ev->start_mark.line + 1,
				 ev->start_mark.column + 1,
				 "only one YAML document per form file");
			return -1;
		}
		return 0;
	case YAML_ALIAS_EVENT:
		diag_add(y->d, y->name, ev->start_mark.line + 1,
			 ev->start_mark.column + 1,
			 "aliases (*%s) are not supported; write the value "
			 "out in full", (char *)ev->data.alias.anchor);
		y->ok = 0;
		n = node_new(Y_SCALAR, &ev->start_mark);
		n->s = xstrdup("");
		place(y, n);
		return 0;
	case YAML_SCALAR_EVENT:
		n = node_new(Y_SCALAR, &ev->start_mark);
		n->s = xstrndup((char *)ev->data.scalar.value,
				ev->data.scalar.length);
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		if (strlen(n->s) != ev->data.scalar.length ||
		    !utf8_valid(n->s, ev->data.scalar.length)) {
			diag_add(y->d, y->name, n->line, n->col,
				 "text contains a NUL byte or invalid UTF-8");
			y->ok = 0;
		}
		place(y, n);
		return 0;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (y->depth >= FORM_MAX_DEPTH) {
			diag_add(y->d, y->name, ev->start_mark.line + 1,
				 ev->start_mark.column + 1,
				 "nested more than %d levels deep",
				 FORM_MAX_DEPTH);
			return -1;
		}
		n = node_new(ev->type == YAML_MAPPING_START_EVENT ? Y_MAP
								  : Y_SEQ,
			     &ev->start_mark);
		place(y, n);
		y->stack[y->depth++] = n;
		return 0;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (y->depth) {
			n = y->stack[--y->depth];
			if (n->kind == Y_MAP &&
			    check_duplicates(y->name, n, y->d))
				y->ok = 0;
		}
		return 0;
	default:
		return 0;
	}
}

struct form_node *form_tree_parse(const char *name, const char *text,
				  size_t len, struct diag *d)
{
	struct ybuild y = { .name = name, .d = d, .ok = 1 };
	yaml_parser_t p;
	yaml_event_t ev;
	int docs = 0, r = 0;

	if (len > FORM_MAX_BYTES) {
		diag_add(d, name, 0, 0, "file is larger than 1 MiB; refused");
		return NULL;
	}
	if (!yaml_parser_initialize(&p)) {
		diag_add(d, name, 0, 0, "cannot start the YAML parser");
		return NULL;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	while (!r) {
		if (!yaml_parser_parse(&p, &ev)) {
			syntax_error(name, text, len, &p, d);
			r = -1;
			break;
		}
		r = on_event(&y, &ev, &docs);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	if (r < 0 || !y.ok) {
		form_node_free(y.root);
		return NULL;
	}
	if (!y.root) {
		diag_add(d, name, 0, 0, "file is empty; expected a mapping "
			 "with form, title and questions");
		return NULL;
	}
	return y.root;
}
