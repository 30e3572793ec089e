/*
 * export.c - CSV and JSON Lines export and the codebook (see export.h).
 * Answers arrive from store_each_answer() ordered by response; a row is
 * written when the next response starts, so memory holds one response.
 */
#include "export.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csv.h"
#include "date.h"
#include "util.h"

enum ckind { C_VALUE, C_OPTION, C_OTHER };

struct column {
	char *name;
	enum ckind kind;
	const struct question *q;
	const struct optlist *labels;  /* code labels, or NULL */
	const char *code;              /* C_OPTION: the option */
	size_t first;                  /* C_OPTION: first column of its multi */
	/* this response */
	int set;
	enum akind akind;
	struct buf val;
};

struct keymap {
	const char *key;               /* answer key */
	size_t col;                    /* its column (multi: the first) */
};

struct ex {
	const struct form *f;
	const struct export_opts *o;
	FILE *out;
	struct column *c;
	size_t nc, capc;
	struct keymap *map;
	size_t nmap, capmap;
	struct event *ev;
	size_t nev;
	long long response;            /* current; 0 before the first */
	const struct event *cur_ev;
	long long submitted;
	struct csv row;
	struct buf line;
	int werr;
};

static const struct optlist *labels_of(const struct question *q)
{
	if (q->type == Q_LIKERT || (q->type == Q_CHOICE && q->scale))
		return q->scale ? &q->scale->opts : &q->options;
	if (q->type == Q_CHOICE || q->type == Q_YESNO || q->type == Q_MULTI)
		return &q->options;
	return NULL;
}

static size_t add_col(struct ex *x, const char *name, enum ckind k,
		      const struct question *q)
{
	struct column *c;

	ALLOC_GROW(x->c, x->nc + 1, x->capc);
	c = &x->c[x->nc];
	memset(c, 0, sizeof(*c));
	c->name = xstrdup(name);
	c->kind = k;
	c->q = q;
	c->labels = k == C_OTHER ? NULL : labels_of(q);
	buf_init(&c->val);
	return x->nc++;
}

static void add_map(struct ex *x, const char *key, size_t col)
{
	ALLOC_GROW(x->map, x->nmap + 1, x->capmap);
	x->map[x->nmap].key = key;
	x->map[x->nmap].col = col;
	x->nmap++;
}

static int cmp_map(const void *a, const void *b)
{
	return strcmp(((const struct keymap *)a)->key,
		      ((const struct keymap *)b)->key);
}

static void build_columns(struct ex *x)
{
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < x->f->nq; i++) {
		const struct question *q = &x->f->q[i];
		size_t col;

		if (x->o->no_contact && form_is_contact(q))
			continue;          /* its answers find no column */
		switch (q->type) {
		case Q_SECTION:
			continue;
		case Q_LIKERT:
			for (size_t k = 0; k < q->items.n; k++) {
				col = add_col(x, q->items.v[k].code, C_VALUE, q);
				add_map(x, x->c[col].name, col);
			}
			break;
		case Q_MULTI:
			col = x->nc;
			for (size_t k = 0; k < q->options.n; k++) {
				size_t c;

				buf_reset(&b);
				buf_addf(&b, "%s.%s", q->key, q->options.v[k].code);
				c = add_col(x, b.s, C_OPTION, q);
				x->c[c].code = q->options.v[k].code;
				x->c[c].first = col;
			}
			add_map(x, q->key, col);
			break;
		default:
			col = add_col(x, q->key, C_VALUE, q);
			add_map(x, x->c[col].name, col);
		}
		if (q->other && (q->type == Q_MULTI || q->type == Q_CHOICE)) {
			buf_reset(&b);
			buf_addf(&b, "%s_other", q->key);
			col = add_col(x, b.s, C_OTHER, q);
			add_map(x, x->c[col].name, col);
		}
	}
	qsort(x->map, x->nmap, sizeof(*x->map), cmp_map);
	buf_release(&b);
}

static const char *label_of(const struct column *c, const char *code)
{
	const char *l = c->labels ? optlist_label(c->labels, code) : NULL;

	return l ? l : code;
}

static void emit(struct ex *x, const char *s, size_t n)
{
	if (!x->werr && n && fwrite(s, 1, n, x->out) != n)
		x->werr = errno ? errno : EIO;
}

static void iso_time(long long t, char out[32])
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Whether the multi starting at column first got any answer. */
static int multi_answered(const struct ex *x, const struct column *c)
{
	char other[256];
	const struct keymap *m;
	struct keymap k = { other, 0 };

	for (size_t i = c->first; i < x->nc && x->c[i].q == c->q &&
	     x->c[i].kind == C_OPTION; i++)
		if (x->c[i].set)
			return 1;
	snprintf(other, sizeof(other), "%s_other", c->q->key);
	m = bsearch(&k, x->map, x->nmap, sizeof(*x->map), cmp_map);
	return m && x->c[m->col].set;
}

/* The submitted time: ISO 8601 UTC, or for Excel local 'YYYY-MM-DD HH:MM'. */
static void csv_time(struct ex *x, long long t)
{
	char when[32];
	struct buf b = BUF_INIT;

	if (x->o->excel) {
		date_local_add(&b, t, ' ');
		csv_cell(&x->row, b.s);
		buf_release(&b);
		return;
	}
	iso_time(t, when);
	csv_cell(&x->row, when);
}

static void csv_row(struct ex *x)
{

	csv_reset(&x->row);
	csv_int(&x->row, x->response);
	csv_cell(&x->row, x->cur_ev ? x->cur_ev->key : NULL);
	csv_cell(&x->row, x->cur_ev ? x->cur_ev->title : NULL);
	csv_cell(&x->row, x->cur_ev ? x->cur_ev->date : NULL);
	csv_time(x, x->submitted);
	for (size_t i = 0; i < x->nc; i++) {
		const struct column *c = &x->c[i];

		if (c->kind == C_OPTION)
			csv_cell(&x->row, c->set ? "1" : multi_answered(x, c)
					  ? "0" : NULL);
		else if (!c->set)
			csv_cell(&x->row, NULL);
		else if (c->akind == ANS_NUM)
			csv_num(&x->row, strtod(c->val.s, NULL));
		else if (c->akind == ANS_CODE && x->o->labels)
			csv_cell(&x->row, label_of(c, c->val.s));
		else
			csv_cell(&x->row, c->val.s);
	}
	csv_end(&x->row);
	emit(x, x->row.line.s, x->row.line.len);
}

static void json_val(struct ex *x, const struct column *c, const char *v)
{
	if (c->akind == ANS_NUM)
		buf_addf(&x->line, "%.15g", strtod(v, NULL));
	else
		csv_json_string(&x->line, c->akind == ANS_CODE && x->o->labels
					  ? label_of(c, v) : v);
}

static void json_row(struct ex *x)
{
	char when[32];

	buf_reset(&x->line);
	buf_addf(&x->line, "{\"response\":%lld,\"event\":", x->response);
	if (x->cur_ev) {
		csv_json_string(&x->line, x->cur_ev->key);
		buf_adds(&x->line, ",\"event_title\":");
		csv_json_string(&x->line, x->cur_ev->title);
		buf_adds(&x->line, ",\"event_date\":");
		csv_json_string(&x->line, x->cur_ev->date);
	} else {
		buf_adds(&x->line, "null,\"event_title\":null,"
			 "\"event_date\":null");
	}
	iso_time(x->submitted, when);
	buf_addf(&x->line, ",\"submitted\":\"%s\"", when);
	for (size_t i = 0; i < x->nc; i++) {
		const struct column *c = &x->c[i];

		if (c->kind == C_OPTION) {
			if (i != c->first)
				continue;
			buf_adds(&x->line, ",");
			csv_json_string(&x->line, c->q->key);
			buf_adds(&x->line, ":");
			if (!multi_answered(x, c)) {
				buf_adds(&x->line, "null");
				continue;
			}
			buf_adds(&x->line, "[");
			for (size_t k = i, n = 0; k < x->nc && x->c[k].q == c->q &&
			     x->c[k].kind == C_OPTION; k++) {
				if (!x->c[k].set)
					continue;
				if (n++)
					buf_adds(&x->line, ",");
				csv_json_string(&x->line, x->o->labels
						? label_of(c, x->c[k].code)
						: x->c[k].code);
			}
			buf_adds(&x->line, "]");
			continue;
		}
		buf_adds(&x->line, ",");
		csv_json_string(&x->line, c->name);
		buf_adds(&x->line, ":");
		if (c->set)
			json_val(x, c, c->val.s);
		else
			buf_adds(&x->line, "null");
	}
	buf_adds(&x->line, "}\n");
	emit(x, x->line.s, x->line.len);
}

static void flush_row(struct ex *x)
{
	if (!x->response)
		return;
	if (x->o->format == EXPORT_JSONL)
		json_row(x);
	else
		csv_row(x);
	for (size_t i = 0; i < x->nc; i++) {
		x->c[i].set = 0;
		buf_reset(&x->c[i].val);
	}
}

static const struct event *find_event(struct ex *x, const char *key)
{
	if (!key)
		return NULL;
	if (x->cur_ev && !strcmp(x->cur_ev->key, key))
		return x->cur_ev;
	for (size_t i = 0; i < x->nev; i++)
		if (!strcmp(x->ev[i].key, key))
			return &x->ev[i];
	return NULL;
}

static int on_answer(void *ctx, const struct store_row *r)
{
	struct ex *x = ctx;
	struct keymap k, *m;
	struct column *c;

	if (r->response != x->response) {
		flush_row(x);
		if (x->werr)
			return -1;
		x->response = r->response;
		x->submitted = r->submitted;
		x->cur_ev = find_event(x, r->event);
	}
	if (!r->key)
		return 0;
	k.key = r->key;
	m = bsearch(&k, x->map, x->nmap, sizeof(*x->map), cmp_map);
	if (!m)
		return 0;          /* a question no longer in the form */
	c = &x->c[m->col];
	if (c->kind == C_OPTION) {
		for (size_t i = m->col; i < x->nc && x->c[i].q == c->q &&
		     x->c[i].kind == C_OPTION; i++)
			if (r->code && !strcmp(x->c[i].code, r->code))
				x->c[i].set = 1;
		return 0;
	}
	c->set = 1;
	buf_reset(&c->val);
	if (r->code) {
		c->akind = ANS_CODE;
		buf_adds(&c->val, r->code);
	} else if (r->text) {
		c->akind = ANS_TEXT;
		buf_adds(&c->val, r->text);
	} else {
		c->akind = ANS_NUM;
		buf_addf(&c->val, "%.17g", r->num);
	}
	return 0;
}

/*
 * A column's heading for Excel: what it asks, then its name in
 * parentheses ("Overall, how useful ...? (overall)", "Topics: Systems
 * (next_topics.systems)").
 */
static void excel_name(const struct column *c, struct buf *b)
{
	const struct question *q = c->q;
	const char *l = NULL;

	buf_reset(b);
	if (q->type == Q_LIKERT)
		l = optlist_label(&q->items, c->name);
	buf_adds(b, l ? l : q->label);
	if (c->kind == C_OPTION)
		buf_addf(b, ": %s", optlist_label(&q->options, c->code));
	else if (c->kind == C_OTHER)
		buf_addf(b, ": %s", q->other_label ? q->other_label : "Other");
	buf_addf(b, " (%s)", c->name);
}

static void header(struct ex *x)
{
	static const char *const fixed[] = { "response", "event", "event_title",
					     "event_date", "submitted" };
	static const char *const excel[] = { "Response", "Event", "Event title",
					     "Event date",
					     "Submitted (local time)" };
	struct buf b = BUF_INIT;

	if (x->o->format == EXPORT_JSONL)
		return;
	if (x->o->excel)
		emit(x, "\xef\xbb\xbf", 3);
	csv_reset(&x->row);
	for (size_t i = 0; i < ARRAY_SIZE(fixed); i++)
		csv_cell(&x->row, x->o->excel ? excel[i] : fixed[i]);
	for (size_t i = 0; i < x->nc; i++) {
		if (x->o->excel)
			excel_name(&x->c[i], &b);
		csv_cell(&x->row, x->o->excel ? b.s : x->c[i].name);
	}
	buf_release(&b);
	csv_end(&x->row);
	emit(x, x->row.line.s, x->row.line.len);
}

/* One codebook line: column, question, type, label, code, code label. */
static void book_line(struct ex *x, const char *const v[6])
{
	static const char *const names[] = { "column", "question", "type",
					     "label", "code", "code_label" };

	if (x->o->format == EXPORT_JSONL) {
		buf_reset(&x->line);
		buf_adds(&x->line, "{");
		for (int i = 0; i < 6; i++) {
			buf_addf(&x->line, "%s\"%s\":", i ? "," : "", names[i]);
			if (v[i])
				csv_json_string(&x->line, v[i]);
			else
				buf_adds(&x->line, "null");
		}
		buf_adds(&x->line, "}\n");
		emit(x, x->line.s, x->line.len);
		return;
	}
	csv_reset(&x->row);
	for (int i = 0; i < 6; i++)
		csv_cell(&x->row, v ? v[i] : names[i]);
	csv_end(&x->row);
	emit(x, x->row.line.s, x->row.line.len);
}

static void codebook(struct ex *x)
{
	static const char *const names[] = { "column", "question", "type",
					     "label", "code", "code_label" };

	if (x->o->format == EXPORT_CSV) {
		if (x->o->excel)
			emit(x, "\xef\xbb\xbf", 3);
		book_line(x, names);
	}
	for (size_t i = 0; i < x->nc; i++) {
		const struct column *c = &x->c[i];
		const struct question *q = c->q;
		const char *label = q->label;
		const char *v[6] = { c->name, q->key, qtype_name(q->type), NULL,
				     NULL, NULL };

		if (q->type == Q_LIKERT)
			label = optlist_label(&q->items, c->name);
		if (c->kind == C_OTHER) {
			v[2] = "text";
			label = q->other_label ? q->other_label : "Other";
		}
		v[3] = label;
		if (c->kind == C_OPTION) {
			v[4] = c->code;
			v[5] = optlist_label(&q->options, c->code);
			book_line(x, v);
			continue;
		}
		if (c->kind == C_VALUE && c->labels && c->labels->n) {
			for (size_t k = 0; k < c->labels->n; k++) {
				v[4] = c->labels->v[k].code;
				v[5] = c->labels->v[k].label;
				book_line(x, v);
			}
			continue;
		}
		book_line(x, v);
	}
}

int export_write(struct store *s, const struct form *f,
		 const struct export_opts *o, FILE *out)
{
	struct ex x = { 0 };
	int ret = -1;

	x.f = f;
	x.o = o;
	x.out = out;
	buf_init(&x.line);
	build_columns(&x);
	if (o->codebook) {
		codebook(&x);
	} else {
		if (store_scope_events(s, &o->scope, &x.ev, &x.nev) < 0)
			goto out;
		header(&x);
		if (store_each_answer(s, &o->scope, on_answer, &x) && !x.werr)
			goto out;
		flush_row(&x);
	}
	if (!x.werr && fflush(out))
		x.werr = errno ? errno : EIO;
	if (x.werr) {
		error("cannot write the export: %s", strerror(x.werr));
		goto out;
	}
	ret = 0;
out:
	for (size_t i = 0; i < x.nc; i++) {
		free(x.c[i].name);
		buf_release(&x.c[i].val);
	}
	free(x.c);
	free(x.map);
	events_free(x.ev, x.nev);
	csv_release(&x.row);
	buf_release(&x.line);
	return ret;
}
