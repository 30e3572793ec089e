/*
 * form.c - the form model's life cycle: loading files and directories of
 * forms, diagnostics, lookups and freeing. The YAML reading is in
 * form-yaml.c, the checks in form-load.c, the version hash in form-canon.c.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "date.h"
#include "form-int.h"
#include "util.h"

void diag_vadd(struct diag *d, const char *file, unsigned line, unsigned col,
	       const char *fmt, va_list ap)
{
	struct buf b = BUF_INIT;

	if (line)
		buf_addf(&b, "%s:%u:%u: ", file, line, col);
	else
		buf_addf(&b, "%s: ", file);
	buf_vaddf(&b, fmt, ap);
	ALLOC_GROW(d->v, d->n + 1, d->cap);
	d->v[d->n++] = buf_detach(&b, NULL);
}

void diag_add(struct diag *d, const char *file, unsigned line, unsigned col,
	      const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(d, file, line, col, fmt, ap);
	va_end(ap);
}

void diag_release(struct diag *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i]);
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}

size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t d[33][33];

	if (la > 32 || lb > 32)
		return 99;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t v = d[i - 1][j] + 1;

			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[la][lb];
}

static void optlist_release(struct optlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].code);
		free(l->v[i].label);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static void question_release(struct question *q)
{
	free(q->key);
	free(q->label);
	free(q->hint);
	optlist_release(&q->options);
	optlist_release(&q->items);
	free(q->scale_key);
	free(q->other_label);
	free(q->min_date);
	free(q->max_date);
	free(q->ends[0]);
	free(q->ends[1]);
	free(q->pattern);
	free(q->pattern_hint);
	cond_free(q->show_if);
	free(q->show_if_src);
	free(q->msg_required);
	free(q->msg_invalid);
}

void form_free(struct form *f)
{
	if (!f)
		return;
	free(f->key);
	free(f->title);
	free(f->intro);
	free(f->thanks);
	for (size_t i = 0; i < f->nscales; i++) {
		free(f->scales[i].key);
		free(f->scales[i].neutral);
		optlist_release(&f->scales[i].opts);
	}
	free(f->scales);
	for (size_t i = 0; i < f->nq; i++)
		question_release(&f->q[i]);
	free(f->q);
	free(f->path);
	free(f->canonical);
	free(f);
}

/* Reads path (at most FORM_MAX_BYTES) and loads it. */
static struct form *load_file(const char *path, const char *expect,
			      struct diag *d)
{
	struct buf b = BUF_INIT;
	struct form *f = NULL;
	struct stat st;
	FILE *fp = fopen(path, "rb");
	char chunk[8192];
	size_t n;

	if (!fp) {
		diag_add(d, path, 0, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fileno(fp), &st) == 0 && !S_ISREG(st.st_mode)) {
		diag_add(d, path, 0, 0, "not a regular file");
		goto out;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		buf_add(&b, chunk, n);
		if (b.len > FORM_MAX_BYTES) {
			diag_add(d, path, 0, 0,
				 "file is larger than 1 MiB; refused");
			goto out;
		}
	}
	if (ferror(fp)) {
		diag_add(d, path, 0, 0, "cannot read: %s", strerror(errno));
		goto out;
	}
	f = form_load_mem(path, b.s, b.len, expect, d);
out:
	fclose(fp);
	buf_release(&b);
	return f;
}

struct form *form_load(const char *path, struct diag *d)
{
	return load_file(path, NULL, d);
}

struct form *form_load_text(const char *name, const char *text, size_t len,
			    struct diag *d)
{
	return form_load_mem(name, text, len, NULL, d);
}

/* ---- site.yaml ---- */

static void site_defaults(struct site *s)
{
	if (!s->name)
		s->name = xstrdup("Interlibrary Loan Special Interest Group");
	if (!s->short_name)
		s->short_name = xstrdup("ILL SIG");
	if (!s->paper)
		s->paper = xstrdup("a4");
}

static int site_text(const char *path, const struct form_node *v,
		     const char *prop, char **out, struct diag *d)
{
	if (v->kind != Y_SCALAR || form_node_is_null(v) || !*v->s) {
		diag_add(d, path, v->line, v->col,
			 "'%s' in site.yaml must be a text, not %s", prop,
			 v->kind == Y_SCALAR ? "empty"
					      : form_node_kind_name(v));
		return -1;
	}
	free(*out);
	*out = xstrdup(v->s);
	return 0;
}

static int site_load(struct site *s, const char *path, struct diag *d)
{
	static const char *const props[] = { "name", "short_name", "paper",
					     "signer_name", "signer_role",
					     "contact", "timezone" };
	char **slots[] = { &s->name, &s->short_name, &s->paper,
			   &s->signer_name, &s->signer_role, &s->contact,
			   &s->timezone };
	struct buf b = BUF_INIT;
	struct form_node *root = NULL;
	int ret = -1;

	if (buf_read_file(&b, path) < 0) {
		diag_add(d, path, 0, 0, "cannot read");
		goto out;
	}
	root = form_tree_parse(path, b.s, b.len, d);
	if (!root)
		goto out;
	if (root->kind != Y_MAP) {
		diag_add(d, path, root->line, root->col,
			 "expected a mapping with name and short_name");
		goto out;
	}
	ret = 0;
	for (size_t i = 0; i + 1 < root->n; i += 2) {
		const struct form_node *k = root->kids[i];
		const struct form_node *v = root->kids[i + 1];
		size_t j = 0;

		while (j < ARRAY_SIZE(props) && strcmp(k->s, props[j]))
			j++;
		if (j < ARRAY_SIZE(props)) {
			ret |= site_text(path, v, props[j], slots[j], d);
			if (slots[j] == &s->paper && !ret && strcmp(s->paper, "a4") &&
			    strcmp(s->paper, "letter")) {
				diag_add(d, path, v->line, v->col,
					 "'paper' in site.yaml is a4 or letter,"
					 " not '%s'", s->paper);
				ret = -1;
			}
			if (slots[j] == &s->timezone && !ret &&
			    !date_zone_valid(s->timezone)) {
				diag_add(d, path, v->line, v->col,
					 "'timezone' in site.yaml is not a time "
					 "zone of this system (a name under "
					 "/usr/share/zoneinfo such as "
					 "Europe/London), not '%s'",
					 s->timezone);
				ret = -1;
			}
		} else {
			const char *best = NULL;

			for (j = 0; j < ARRAY_SIZE(props); j++)
				if (edit_distance(k->s, props[j]) <= 2)
					best = props[j];
			if (best)
				diag_add(d, path, k->line, k->col,
					 "unknown property '%s' in site.yaml; "
					 "did you mean '%s'?", k->s, best);
			else
				diag_add(d, path, k->line, k->col,
					 "unknown property '%s' in site.yaml; "
					 "expected name, short_name, paper, "
					 "signer_name, signer_role, contact or "
					 "timezone",
					 k->s);
			ret = -1;
		}
	}
out:
	form_node_free(root);
	buf_release(&b);
	return ret;
}

/* ---- directories ---- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_form(const void *a, const void *b)
{
	const struct form *x = *(struct form *const *)a;
	const struct form *y = *(struct form *const *)b;

	return strcmp(x->key, y->key);
}

/* The *.yaml names in dir, sorted; NULL with the error in d. */
static char **list_yaml(const char *dir, size_t *n, struct diag *d)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	size_t cap = 0;

	*n = 0;
	if (!dp) {
		diag_add(d, dir, 0, 0, "cannot open forms directory: %s",
			 strerror(errno));
		return NULL;
	}
	while ((e = readdir(dp))) {
		size_t len = strlen(e->d_name);

		if (e->d_name[0] == '.' || len <= 5 ||
		    strcmp(e->d_name + len - 5, ".yaml"))
			continue;
		ALLOC_GROW(v, *n + 1, cap);
		v[(*n)++] = xstrdup(e->d_name);
	}
	closedir(dp);
	if (*n)
		qsort(v, *n, sizeof(*v), cmp_str);
	return v ? v : xcalloc(1, sizeof(*v));
}

int formset_load(struct formset *fs, const char *dir, struct diag *d)
{
	size_t n = 0, cap = 0;
	char **names;
	int ret = 0;

	memset(fs, 0, sizeof(*fs));
	names = list_yaml(dir, &n, d);
	if (!names) {
		site_defaults(&fs->site);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		struct buf path = BUF_INIT;
		char *stem = xstrndup(names[i], strlen(names[i]) - 5);
		struct form *f;

		buf_addf(&path, "%s/%s", dir, names[i]);
		if (!strcmp(stem, "site")) {
			if (site_load(&fs->site, path.s, d) < 0)
				ret = -1;
		} else if (!(f = load_file(path.s, stem, d))) {
			ret = -1;
		} else if (formset_find(fs, f->key)) {
			diag_add(d, path.s, 0, 0, "form '%s' is defined twice",
				 f->key);
			form_free(f);
			ret = -1;
		} else {
			ALLOC_GROW(fs->v, fs->n + 1, cap);
			fs->v[fs->n++] = f;
		}
		free(stem);
		buf_release(&path);
		free(names[i]);
	}
	free(names);
	site_defaults(&fs->site);
	if (!fs->n && !ret) {
		diag_add(d, dir, 0, 0, "no forms here; a form is a file "
			 "NAME.yaml with form, title and questions");
		ret = -1;
	}
	if (fs->n)
		qsort(fs->v, fs->n, sizeof(*fs->v), cmp_form);
	return ret;
}

void formset_release(struct formset *fs)
{
	if (!fs)
		return;
	for (size_t i = 0; i < fs->n; i++)
		form_free(fs->v[i]);
	free(fs->v);
	free(fs->site.name);
	free(fs->site.short_name);
	free(fs->site.paper);
	free(fs->site.signer_name);
	free(fs->site.signer_role);
	free(fs->site.contact);
	free(fs->site.timezone);
	memset(fs, 0, sizeof(*fs));
}

const struct form *formset_find(const struct formset *fs, const char *key)
{
	for (size_t i = 0; i < fs->n; i++)
		if (!strcmp(fs->v[i]->key, key))
			return fs->v[i];
	return NULL;
}

/* ---- lookups ---- */

const struct question *form_question(const struct form *f, const char *key)
{
	for (size_t i = 0; i < f->nq; i++)
		if (!strcmp(f->q[i].key, key))
			return &f->q[i];
	return NULL;
}

const struct question *form_answer_owner(const struct form *f, const char *k,
					 const struct form_option **item)
{
	size_t klen = strlen(k);

	*item = NULL;
	for (size_t i = 0; i < f->nq; i++) {
		const struct question *q = &f->q[i];
		size_t qlen = strlen(q->key);

		if (q->type == Q_SECTION)
			continue;
		if (!strcmp(q->key, k))
			return q;
		if (q->other && klen == qlen + 6 && !strncmp(k, q->key, qlen) &&
		    !strcmp(k + qlen, "_other"))
			return q;
		for (size_t j = 0; j < q->items.n; j++) {
			if (!strcmp(q->items.v[j].code, k)) {
				*item = &q->items.v[j];
				return q;
			}
		}
	}
	return NULL;
}

const char *optlist_label(const struct optlist *l, const char *code)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].code, code))
			return l->v[i].label;
	return NULL;
}

const char *qtype_name(enum qtype t)
{
	static const char *const names[] = {
		[Q_CHOICE] = "choice", [Q_MULTI] = "multi",
		[Q_RATING] = "rating", [Q_LIKERT] = "likert",
		[Q_NPS] = "nps",       [Q_TEXT] = "text",
		[Q_NUMBER] = "number", [Q_EMAIL] = "email",
		[Q_DATE] = "date",     [Q_YESNO] = "yesno",
		[Q_SECTION] = "section",
	};
	return (unsigned)t < ARRAY_SIZE(names) ? names[t] : "unknown";
}
