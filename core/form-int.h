/*
 * form-int.h - what the form*.c files share and nothing else includes:
 * the YAML node tree with file positions, the show_if parser and the
 * canonical writer.
 */
#ifndef SIGSURVEY_FORM_INT_H
#define SIGSURVEY_FORM_INT_H

#include <stdarg.h>

#include "form.h"

#define FORM_MAX_BYTES (1024 * 1024)   /* larger files are refused */
#define FORM_MAX_DEPTH 32              /* deeper YAML nesting is refused */

enum ykind { Y_SCALAR, Y_SEQ, Y_MAP };

/* One YAML node. A map's kids alternate key, value (n is twice the pairs). */
struct form_node {
	enum ykind kind;
	char *s;               /* scalar text (NUL-free, valid UTF-8) */
	int plain;             /* scalar was written without quotes */
	unsigned line, col;    /* 1-based start of the node */
	struct form_node **kids;
	size_t n, cap;
};

/*
 * Parses text into a tree. Returns the root (free with form_node_free), or NULL
 * with the problems in d. Rejects aliases, several documents, nesting deeper
 * than FORM_MAX_DEPTH, duplicate mapping keys and non-scalar mapping keys.
 */
struct form_node *form_tree_parse(const char *name, const char *text,
				  size_t len, struct diag *d);
void form_node_free(struct form_node *n);
/* 1 when n is a plain null scalar (empty, ~, null) */
int form_node_is_null(const struct form_node *n);
const char *form_node_kind_name(const struct form_node *n);

/*
 * Parses a show_if expression; returns a new tree (cond_free) or NULL with
 * *err (a new string) describing the problem and *errpos its 0-based offset.
 */
struct cond *cond_parse(const char *src, char **err, size_t *errpos);
void cond_free(struct cond *c);
/* Appends the canonical text of c ("a = x and (b > 3 or c != y)"). */
void cond_print(struct buf *b, const struct cond *c);

/* Fills f->canonical and f->hash from the model; 0, or -1 (logged). */
int form_make_canonical(struct form *f);

/* The loader's state while it reads one file (form-load.c). */
struct form_ctx {
	const char *name;              /* file name for messages */
	struct diag *d;
	int bad;                       /* an error was reported */
	struct form *f;
	const struct form_node **show_if;  /* per question: its show_if node */
};

/* Reports "name:line:col: message" at node n and marks the load bad. */
void form_err(struct form_ctx *c, const struct form_node *n, const char *fmt,
	      ...) PRINTF_LIKE(3, 4);
/*
 * Typed values of YAML nodes (form-value.c). prop and where name the
 * property and its place in messages ("label", "question 'overall'").
 * A NULL or null node leaves *out as it is. get_text and get_num return
 * -1 after an error, get_num 1 when a number was read, else 0.
 */
int form_get_text(struct form_ctx *c, const struct form_node *n,
		  const char *prop, const char *where, char **out);
/* Like form_get_text, but a missing text is an error reported at at. */
int form_need_text(struct form_ctx *c, const struct form_node *n,
		   const struct form_node *at, const char *prop,
		   const char *where, char **out);
void form_get_bool(struct form_ctx *c, const struct form_node *n,
		   const char *prop, const char *where, int *out);
int form_get_num(struct form_ctx *c, const struct form_node *n,
		 const char *prop, const char *where, double *out);
int form_get_whole(struct form_ctx *c, const struct form_node *n,
		   const char *prop, const char *where, double *out);
/* The name in names (bit i of mask allows names[i]) closest to word. */
const char *form_closest(const char *word, const char *const *names,
			 size_t n, unsigned long mask);
void form_list_names(struct buf *b, const char *const *names, size_t n,
		     unsigned long mask);
/*
 * Sorts the pairs of mapping m into slots by property name; reports
 * unknown properties (suggesting the closest) and those not in mask.
 */
void form_collect(struct form_ctx *c, const struct form_node *m,
		  const char *const *names, size_t nnames, unsigned long mask,
		  const char *where, const char *kind,
		  const struct form_node **slots);
/* A code: label mapping into out (prop NULL: where names the list). */
void form_parse_optlist(struct form_ctx *c, const struct form_node *n,
			const char *prop, const char *where,
			const char *item, struct optlist *out);
void form_copy_optlist(struct optlist *to, const struct optlist *from);

/*
 * Scale NAME's value n into s (form-scale.c): a code: label mapping, or
 * {kind: bipolar|ordinal, neutral: CODE, levels: {code: label, ...}}.
 */
void form_parse_scale(struct form_ctx *c, const struct form_node *n,
		      const char *where, struct scale *s);
/* Reports at at when likert question q's scale does not say its kind. */
void form_need_scale_kind(struct form_ctx *c, const struct question *q,
			  const struct form_node *at, const char *where);

/* Answer keys unique; show_if parsed and checked (form-check.c). */
void form_check_keys(struct form_ctx *c);
/* Sets every q->page and f->npages. */
void form_compute_pages(struct form *f);

/* Loads a form; expect (may be NULL) is the key the file name demands. */
struct form *form_load_mem(const char *name, const char *text, size_t len,
			   const char *expect, struct diag *d);

/* diag_add with a va_list. */
void diag_vadd(struct diag *d, const char *file, unsigned line, unsigned col,
	       const char *fmt, va_list ap) PRINTF_LIKE(5, 0);

/* Damerau-Levenshtein distance (optimal string alignment), capped. */
size_t edit_distance(const char *a, const char *b);

#endif
