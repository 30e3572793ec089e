/*
 * form.h - the form model: what a forms/<key>.yaml file says, loaded with
 * libyaml into plain structs, checked, canonicalised and hashed.
 *
 * Ownership: a struct form owns every string and array hanging off it;
 * form_free() releases all of it. Models are immutable once loaded and may
 * be shared between threads.
 */
#ifndef SIGSURVEY_FORM_H
#define SIGSURVEY_FORM_H

#include <stddef.h>

#include "buf.h"

enum qtype {
	Q_CHOICE,       /* single choice from options (radios) */
	Q_MULTI,        /* any number of options (checkboxes), optional other */
	Q_RATING,       /* whole numbers min..max, labels at the ends */
	Q_LIKERT,       /* battery: items answered on a named scale */
	Q_NPS,          /* 0..10 */
	Q_TEXT,         /* short or long free text */
	Q_NUMBER,       /* number, integer unless decimal: true */
	Q_EMAIL,
	Q_DATE,         /* YYYY-MM-DD */
	Q_YESNO,        /* codes "yes" / "no" */
	Q_SECTION,      /* heading; starts a new page unless new_page: false */
};

struct form_option {
	char *code;     /* [a-z][a-z0-9_]* */
	char *label;
};

struct optlist {
	struct form_option *v;
	size_t n;
};

/* What a scale measures (see docs/forms.md, "Scales"). */
enum scale_kind {
	SCALE_KIND_UNSET,      /* not said: a choice's scale may leave it out */
	SCALE_BIPOLAR,         /* disagree .. agree, around a neutral middle */
	SCALE_ORDINAL,         /* levels of one thing, low to high */
};

struct scale {
	char *key;
	struct optlist opts;   /* in order, low to high */
	enum scale_kind kind;
	char *neutral;         /* bipolar: the middle level's code, or NULL */
};

/* "bipolar", "ordinal", or NULL for SCALE_KIND_UNSET. */
const char *form_scale_kind_name(enum scale_kind k);

/* show_if expression tree: KEY op VALUE leaves joined by and / or. */
enum cond_op { C_EQ, C_NE, C_LT, C_LE, C_GT, C_GE, C_AND, C_OR };

struct cond {
	enum cond_op op;
	struct cond *l, *r;    /* C_AND / C_OR */
	char *key;             /* leaves: answer key (question or likert item) */
	char *value;           /* leaves: option code, or the number as written */
	double num;            /* leaves with <, <=, >, >=: the number */
};

struct question {
	char *key;             /* for Q_SECTION also a key, never an answer */
	enum qtype type;
	char *label;           /* question text; section heading */
	char *hint;            /* optional help text; section intro */
	int required;
	int page;              /* 0-based page this question is on */

	/* choice, multi: options; likert: items (code = item key, label =
	 * item text); yesno: the two codes yes/no with labels Yes/No */
	struct optlist options;
	struct optlist items;          /* likert only */
	const struct scale *scale;     /* likert (and choice given scale:) */
	char *scale_key;
	int other;                     /* multi/choice: free-text <key>_other */
	char *other_label;             /* label of the Other box, default "Other" */
	int ordinal;                   /* choice: options are ordered */

	/* rating, number: bounds; nps is 0..10. has_min/has_max say if set.
	 * date: min_date/max_date as YYYY-MM-DD, or NULL. */
	double min, max;
	int has_min, has_max;
	int decimal;                   /* number: allow decimals */
	char *min_date, *max_date;
	char *ends[2];                 /* rating/nps: labels of low and high end */

	/* text, email */
	int long_text;                 /* textarea */
	size_t max_length;             /* in characters; 0 = type default */
	char *pattern;                 /* POSIX ERE the whole answer must match */
	char *pattern_hint;            /* optional: what the pattern means */

	struct cond *show_if;
	char *show_if_src;             /* as written, for messages and pages */
	int new_page;                  /* section: 1 = page break (default) */

	/* messages: custom texts for "required" and "invalid"; NULL = default */
	char *msg_required;
	char *msg_invalid;

	unsigned line, col;            /* where the question starts in its file */
};

struct form {
	char *key;             /* also the URL: /f/<key> */
	char *title;
	char *intro;
	char *thanks;
	int per_event;         /* answered for one event: /f/<key>/<event> */
	int board;             /* feeds the topic board (/ideas) */
	struct scale *scales;
	size_t nscales;
	struct question *q;
	size_t nq;
	int npages;            /* sections with new_page split pages; >= 1 */
	char *path;            /* file it came from, for messages */
	char *canonical;       /* canonical JSON of the model (see form_canonical) */
	char hash[65];         /* hex SHA-256 of canonical: the version */
};

/* The organisation, from the optional forms/site.yaml. */
struct site {
	char *name;            /* "Metro Library Association ILL SIG" */
	char *short_name;      /* "ILL SIG" */
	char *paper;           /* "a4" (default) or "letter" */
	char *signer_name;     /* signs certificates for the committee, or NULL */
	char *signer_role;     /* "Chair, Programme Committee", or NULL */
	char *contact;         /* whom respondents may write to, or NULL */
	char *timezone;        /* "Europe/London", or NULL: the system's */
};

struct formset {
	struct form **v;       /* sorted by key */
	size_t n;
	struct site site;      /* defaults filled in when site.yaml is absent */
};

/*
 * Diagnostics: each entry is one finished line "file:line:col: message"
 * (or "file: message" when there is no position).
 */
struct diag {
	char **v;
	size_t n, cap;
};

void diag_add(struct diag *d, const char *file, unsigned line, unsigned col,
	      const char *fmt, ...) PRINTF_LIKE(5, 6);
void diag_release(struct diag *d);

/*
 * Loads one form file. Returns a new form the caller frees with
 * form_free(), or NULL with every problem found appended to d (the loader
 * goes on after the first error to report as many as it can).
 */
struct form *form_load(const char *path, struct diag *d);

/*
 * Loads a form from text (YAML or its JSON subset, as stored in the
 * database); name is used in messages. Same contract as form_load().
 */
struct form *form_load_text(const char *name, const char *text, size_t len,
			    struct diag *d);

void form_free(struct form *f);

/*
 * Loads every *.yaml in dir (site.yaml as the site settings) into fs.
 * Returns 0, or -1 with all problems in d; on -1 fs holds the forms that
 * did load. Release with formset_release() either way. A form key that
 * differs from its file name is an error; so are two files with one key.
 */
int formset_load(struct formset *fs, const char *dir, struct diag *d);
void formset_release(struct formset *fs);
const struct form *formset_find(const struct formset *fs, const char *key);

/* The question (or section) with this key, or NULL. */
const struct question *form_question(const struct form *f, const char *key);

/*
 * The question that owns answer key k: a question key itself, a likert
 * item key (its battery), or <key>_other. Sets *item to the likert item
 * when k is one, else NULL. Returns NULL for unknown keys.
 */
const struct question *form_answer_owner(const struct form *f, const char *k,
					 const struct form_option **item);

/*
 * What a browser may send for one form (form-limit.c), derived from its
 * questions so that whatever the form's own limits allow arrives: every
 * text at its max_length in characters of up to 4 UTF-8 bytes, sent
 * percent-encoded (12 bytes each), every box ticked, plus the
 * collector's own fields. One value has no limit of its own: an answer
 * longer than its question allows reaches the validator, which says how
 * many characters to cut.
 */
struct form_limits {
	size_t body;           /* bytes of the urlencoded request body */
	size_t pairs;          /* name=value pairs */
};
void form_limits(const struct form *f, struct form_limits *out);
/* serve's default --max-body: the ceiling over every form's body limit. */
#define FORM_MAX_BODY_DEFAULT (1024 * 1024)

/*
 * Contact details (form-cond.c), kept out of PDFs and shown to admins
 * only: 1 when q is an email question or a text question keyed name,
 * full_name, your_name, contact_name, phone or telephone.
 */
int form_is_contact(const struct question *q);
/*
 * 1 when q is a yes/no question that an email question's show_if asks
 * to be "yes" (wants_reply, would_present ...): a yes puts the response
 * on the committee area's follow-up list.
 */
int form_follow_up_key(const struct form *f, const struct question *q);

/*
 * A new copy of f (form_free it) with what the n recorded versions defs
 * (canonical JSON, oldest first) had and f dropped: options of choice
 * and multi questions and likert items, labelled "LABEL (retired)" from
 * the newest version that had them, after f's own. Versions that do
 * not load are skipped. NULL when f's own model does not load (logged
 * nowhere: it loaded once).
 */
struct form *form_with_retired(const struct form *f,
			       const char *const *defs, size_t n);

/* Label of option code in list, or NULL. */
const char *optlist_label(const struct optlist *l, const char *code);

const char *qtype_name(enum qtype t);      /* "choice", "multi", ... */

/*
 * Writes warnings to w for changes from old to new that break history:
 * a question or likert item removed, a type changed, an option code
 * dropped. Each is "file: form KEY: ..." with new's path. Returns the
 * number of warnings.
 */
int form_diff(const struct form *old_form, const struct form *new_form,
	      struct diag *w);
/*
 * form_diff(), each removal followed by " (N stored answers)" from
 * fn(ctx, answer key, option code or NULL for any), which returns the
 * count or -1 (then nothing is added).
 */
typedef long (*form_count_fn)(void *ctx, const char *key, const char *code);
int form_diff_counted(const struct form *old_form,
		      const struct form *new_form, struct diag *w,
		      form_count_fn fn, void *ctx);

#endif
