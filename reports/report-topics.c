/*
 * report-topics.c - for a form of suggested topics (a text question
 * "topic", choices "format" and "level", yes/no "would_present" and
 * "would_mentor", as in forms/training-ideas.yaml): every suggestion with
 * its details, grouped by format and then by level.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "report-int.h"
#include "util.h"

/* Suggestions listed per format (all with --comments all). */
#define RP_TOPICS_SHOWN 3

struct idea {
	long long response, submitted;
	char *topic, *desc, *level, *format;
	int present, mentor;
};

struct ideas {
	struct idea *v;
	size_t n, cap;
	struct idea cur;
};

static int topics_form(const struct form *f)
{
	const struct question *t = form_question(f, "topic");
	const struct question *fo = form_question(f, "format");
	const struct question *l = form_question(f, "level");

	return t && t->type == Q_TEXT && fo && fo->type == Q_CHOICE && l &&
	       l->type == Q_CHOICE;
}

int rp_topics_skip(const struct rpt *r, const struct question *q)
{
	return topics_form(r->form) &&
	       (!strcmp(q->key, "topic") || !strcmp(q->key, "description"));
}

static void idea_free(struct idea *i)
{
	free(i->topic);
	free(i->desc);
	free(i->level);
	free(i->format);
	memset(i, 0, sizeof(*i));
}

static void flush(struct ideas *s)
{
	if (s->cur.topic) {
		ALLOC_GROW(s->v, s->n + 1, s->cap);
		s->v[s->n++] = s->cur;
		memset(&s->cur, 0, sizeof(s->cur));
	} else {
		idea_free(&s->cur);
	}
}

static void set(char **slot, const char *v)
{
	if (!v)
		return;
	free(*slot);
	*slot = xstrdup(v);
}

static int on_answer(void *ctx, const struct store_row *row)
{
	struct ideas *s = ctx;

	if (row->response != s->cur.response) {
		flush(s);
		s->cur.response = row->response;
		s->cur.submitted = row->submitted;
	}
	if (!row->key)
		return 0;
	if (!strcmp(row->key, "topic"))
		set(&s->cur.topic, row->text);
	else if (!strcmp(row->key, "description"))
		set(&s->cur.desc, row->text);
	else if (!strcmp(row->key, "level"))
		set(&s->cur.level, row->code);
	else if (!strcmp(row->key, "format"))
		set(&s->cur.format, row->code);
	else if (!strcmp(row->key, "would_present"))
		s->cur.present = row->code && !strcmp(row->code, "yes");
	else if (!strcmp(row->key, "would_mentor"))
		s->cur.mentor = row->code && !strcmp(row->code, "yes");
	return 0;
}

static size_t opt_index(const struct optlist *l, const char *code)
{
	for (size_t i = 0; code && i < l->n; i++)
		if (!strcmp(l->v[i].code, code))
			return i;
	return l->n;
}

static const struct optlist *levels;

static int cmp_level(const void *a, const void *b)
{
	const struct idea *x = a, *y = b;
	size_t i = opt_index(levels, x->level), j = opt_index(levels, y->level);

	if (i != j)
		return i < j ? -1 : 1;
	return x->submitted > y->submitted ? -1 : x->submitted < y->submitted;
}

/* Topic, detail line and description up to four lines: one page. */
static double entry_keep(struct rpt *r, const char *topic, const char *meta,
			 const char *desc)
{
	double h = desc ? rp_para_height(r, desc, PDF_REGULAR, SZ_BODY, 10)
			: 0;

	if (h > 4.5 * SZ_BODY * 1.32)
		h = 2 * SZ_BODY * 1.32;
	return rp_para_height(r, topic, PDF_BOLD, SZ_BODY, 10) +
	       rp_para_height(r, meta, PDF_REGULAR, SZ_SMALL, 10) + h;
}

static void entry(struct rpt *r, const struct idea *i,
		  const struct optlist *lv)
{
	struct buf b = BUF_INIT;
	char day[DATE_YMD_SIZE];
	size_t k = opt_index(lv, i->level);

	date_local_day(i->submitted, day);
	buf_addf(&b, "For: %s", k < lv->n ? lv->v[k].label : "not given");
	if (i->present)
		buf_adds(&b, " \xc2\xb7 would present");
	if (i->mentor)
		buf_adds(&b, " \xc2\xb7 would mentor");
	buf_addf(&b, " \xc2\xb7 %s", day);
	rp_space(r, 6);
	rp_need(r, entry_keep(r, i->topic, b.s, i->desc));
	rp_para(r, i->topic, PDF_BOLD, SZ_BODY, COL_TEXT, 10);
	rp_para(r, b.s, PDF_REGULAR, SZ_SMALL, COL_MUTED, 10);
	if (i->desc)
		rp_para(r, i->desc, PDF_REGULAR, SZ_BODY, COL_TEXT, 10);
	buf_release(&b);
}

static void group(struct rpt *r, struct idea *v, size_t n, const char *name,
		  const struct optlist *lv)
{
	struct buf b = BUF_INIT;
	/* a few per format, the length not growing with the suggestions */
	size_t shown = r->o->comments == REPORT_COMMENTS_ALL ? n
		       : r->o->comments == REPORT_COMMENTS_NEWEST &&
			 r->o->max_comments == 0 ? n : RP_TOPICS_SHOWN;

	if (!n)
		return;
	levels = lv;
	qsort(v, n, sizeof(*v), cmp_level);
	buf_addf(&b, "%s (%zu)", name, n);
	rp_heading(r, 1, b.s, 1);
	for (size_t i = 0; i < n && i < shown; i++)
		entry(r, &v[i], lv);
	if (n > shown) {
		buf_reset(&b);
		buf_addf(&b, "%zu more \xe2\x80\x94 see \xe2\x80\x9csigsurvey "
			 "export\xe2\x80\x9d or the committee area\xe2\x80\x99s "
			 "responses page.", n - shown);
		rp_space(r, 4);
		rp_para(r, b.s, PDF_REGULAR, SZ_SMALL, COL_MUTED, 10);
	}
	buf_release(&b);
}

int rp_topics(struct rpt *r)
{
	const struct question *fq, *lq;
	struct ideas s = { 0 };
	static const struct col cols[] = {
		{ "Format", 255, 0 }, { "Suggestions", 80, 1 },
		{ "Would present", 80, 1 }, { "Would mentor", 80, 1 },
	};
	struct table t;
	struct buf b = BUF_INIT, c[3] = { BUF_INIT, BUF_INIT, BUF_INIT };
	long pres = 0, ment = 0;
	int ret = -1;

	if (!topics_form(r->form))
		return 0;
	fq = form_question(r->form, "format");
	lq = form_question(r->form, "level");
	if (store_each_answer(r->store, &r->o->scope, on_answer, &s))
		goto out;
	flush(&s);
	for (size_t i = 0; i < s.n; i++) {
		pres += s.v[i].present;
		ment += s.v[i].mentor;
	}
	rp_heading(r, 0, "Suggested topics", 1);
	buf_addf(&b, "%zu %s. %ld of them come from people who would "
		 "present or co-present, %ld from people who would mentor a "
		 "colleague. Grouped by format, then by level; a few of each "
		 "format are listed.", s.n,
		 plural((long long)s.n, "suggestion", "suggestions"), pres,
		 ment);
	rp_para(r, b.s, PDF_REGULAR, SZ_BODY, COL_TEXT, 0);
	/* sort by format (form order, unknown last), then group */
	rp_table_start(r, &t, cols, ARRAY_SIZE(cols), fq->options.n + 1);
	for (size_t f = 0; f <= fq->options.n; f++) {
		long n = 0, p = 0, m = 0;
		const char *cells[4];

		for (size_t i = 0; i < s.n; i++)
			if (opt_index(&fq->options, s.v[i].format) == f)
				n++, p += s.v[i].present, m += s.v[i].mentor;
		if (!n)
			continue;
		for (int k = 0; k < 3; k++)
			buf_reset(&c[k]);
		buf_addf(&c[0], "%ld", n);
		buf_addf(&c[1], "%ld", p);
		buf_addf(&c[2], "%ld", m);
		cells[0] = f < fq->options.n ? fq->options.v[f].label
					    : "No format given";
		cells[1] = c[0].s;
		cells[2] = c[1].s;
		cells[3] = c[2].s;
		rp_table_row(r, &t, cells, 0);
	}
	rp_table_end(r, &t);
	for (size_t f = 0; f <= fq->options.n; f++) {
		struct idea *v = xcalloc(s.n + 1, sizeof(*v));
		size_t n = 0;

		for (size_t i = 0; i < s.n; i++)
			if (opt_index(&fq->options, s.v[i].format) == f)
				v[n++] = s.v[i];
		group(r, v, n, f < fq->options.n ? fq->options.v[f].label
						 : "No format given",
		      &lq->options);
		free(v);
	}
	ret = 0;
out:
	for (size_t i = 0; i < s.n; i++)
		idea_free(&s.v[i]);
	idea_free(&s.cur);
	free(s.v);
	buf_release(&b);
	for (int k = 0; k < 3; k++)
		buf_release(&c[k]);
	return ret;
}
