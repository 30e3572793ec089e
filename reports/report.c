/*
 * report.c - the committee report: gathers the statistics and comments of
 * a scope, then lays out the cover, the summary per event, responses over
 * time, the question sections and the closing notes (see report.h).
 */
#include "report.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "report-int.h"
#include "util.h"

void report_opts_init(struct report_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->paper = PDF_A4;
	o->min_group = STATS_MIN_GROUP;
	o->comments = REPORT_COMMENTS_FEW;
	o->max_comments = REPORT_FEW_COMMENTS;
	o->now = time(NULL);
}

int report_opts_comments(struct report_opts *o, const char *text)
{
	char *end = NULL;
	long n;

	if (!strcmp(text, "all")) {
		o->comments = REPORT_COMMENTS_ALL;
		o->max_comments = 0;
		return 0;
	}
	n = strtol(text, &end, 10);
	if (!*text || *end || n < 0 || n > 1000)
		return -1;
	o->comments = REPORT_COMMENTS_FEW;
	o->max_comments = n;
	return 0;
}

static void slug_add(struct buf *b, const char *s)
{
	if (b->len)
		buf_addc(b, '-');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (isalnum(c) || c == '-' || c == '_')
			buf_addc(b, tolower(c));
		else if (b->len && b->s[b->len - 1] != '-')
			buf_addc(b, '-');
	}
}

char *report_scope_name(const struct scope *sc)
{
	struct buf b = BUF_INIT;

	if (sc->nevents == 1)
		slug_add(&b, sc->events[0]);
	else if (sc->nevents > 1)
		buf_addf(&b, "%zu-events", sc->nevents);
	if (sc->series)
		slug_add(&b, sc->series);
	if (sc->from && sc->to) {
		slug_add(&b, sc->from);
		buf_adds(&b, "-to-");
		buf_adds(&b, sc->to);
	} else if (sc->from) {
		slug_add(&b, "from");
		slug_add(&b, sc->from);
	} else if (sc->to) {
		slug_add(&b, "to");
		slug_add(&b, sc->to);
	}
	if (!b.len)
		buf_adds(&b, "all");
	return buf_detach(&b, NULL);
}

/* ---- gathering ---- */

/* Rows of store_count_answered(): respondents and comment totals. */
static int on_answered(void *ctx, const struct store_row *row)
{
	struct rpt *r = ctx;
	const struct form_option *item;
	const struct question *q;
	struct comments *c;

	if (!row->key)
		return 0;
	q = form_answer_owner(r->form, row->key, &item);
	if (!q)
		return 0;
	if (q->type == Q_MULTI && !strcmp(q->key, row->key)) {
		stats_add_answered(&r->st, row->event, row->key, row->count);
		return 0;
	}
	if (q->other && strcmp(q->key, row->key))  /* KEY_other: in the base */
		stats_add_answered(&r->st, row->event, row->key, row->count);
	c = rp_comments_of(r, row->key);
	c->total += row->count;
	c->blank += (long)row->num;
	return 0;
}

struct keylist {
	char **v;
	size_t n, cap;
};

static void keylist_add(struct keylist *l, const char *k)
{
	ALLOC_GROW(l->v, l->n + 1, l->cap);
	l->v[l->n++] = xstrdup(k);
}

static void keylist_release(struct keylist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

/* The keys whose answers are counted per respondent or read as text. */
static void answer_keys(const struct form *f, struct keylist *keys,
			struct keylist *texts)
{
	for (size_t i = 0; i < f->nq; i++) {
		const struct question *q = &f->q[i];

		if (q->type == Q_MULTI)
			keylist_add(keys, q->key);
		if (q->type == Q_TEXT || q->type == Q_EMAIL ||
		    q->type == Q_DATE) {
			keylist_add(keys, q->key);
			keylist_add(texts, q->key);
		}
		if (q->other) {
			struct buf b = BUF_INIT;

			buf_addf(&b, "%s_other", q->key);
			keylist_add(keys, b.s);
			keylist_add(texts, b.s);
			buf_release(&b);
		}
	}
}

static int gather(struct rpt *r)
{
	struct keylist keys = { 0 }, texts = { 0 };
	int ret = -1;

	if (store_scope_events(r->store, &r->o->scope, &r->ev, &r->nev) ||
	    stats_collect(&r->st, r->store, &r->o->scope))
		goto out;
	answer_keys(r->form, &keys, &texts);
	if (store_count_answered(r->store, &r->o->scope,
				 (const char *const *)keys.v, keys.n,
				 on_answered, r))
		goto out;
	for (size_t i = 0; i < texts.n; i++) {
		const struct form_option *item;
		const struct question *q = form_answer_owner(r->form,
							      texts.v[i],
							      &item);

		if (q && !form_is_contact(q) && rp_texts_gather(r, q, texts.v[i]))
			goto out;
		if (q && form_is_contact(q)) {
			struct comments *c = rp_comments_of(r, texts.v[i]);

			c->more = c->total;
		}
	}
	stats_trend_gather(&r->trend, r->form, &r->st, r->ev, r->nev,
			   r->o->min_group);
	ret = 0;
out:
	keylist_release(&keys);
	keylist_release(&texts);
	return ret;
}

static void release(struct rpt *r)
{
	for (size_t i = 0; i < r->ncom; i++) {
		for (size_t k = 0; k < r->com[i].n; k++) {
			free(r->com[i].v[k].event);
			free(r->com[i].v[k].text);
		}
		free(r->com[i].v);
		free(r->com[i].key);
		codedist_release(&r->com[i].months);
	}
	free(r->com);
	events_free(r->ev, r->nev);
	stats_trend_release(&r->trend);
	stats_release(&r->st);
	free(r->title);
	rp_flush(r);
}

/* ---- responses over time ---- */

static long long day_secs(const char *d)
{
	long z = 0;

	date_ymd_days(d, &z);
	return (long long)z * 86400;
}

static int over_time(struct rpt *r)
{
	long long first, last, step;
	size_t n;
	char **lab;
	double *val;
	struct chart c;
	int ret, weekly;

	if (!r->st.ndays)
		return 0;
	first = day_secs(r->st.days[0].day);
	last = day_secs(r->st.days[r->st.ndays - 1].day);
	weekly = last - first > 62LL * 86400;
	step = weekly ? 7 * 86400 : 86400;
	if (weekly) {       /* weeks start on Monday */
		long long wd = (first / 86400 + 3) % 7;

		first -= wd * 86400;
	}
	n = (size_t)((last - first) / step) + 1;
	lab = xcalloc(n + 1, sizeof(*lab));
	val = xcalloc(n + 1, sizeof(*val));
	for (size_t i = 0; i < n; i++) {
		char s[DATE_YMD_SIZE];

		date_utc_day(first + (long long)i * step, s);
		lab[i] = xstrdup(s);
	}
	for (size_t i = 0; i < r->st.ndays; i++) {
		size_t k = (size_t)((day_secs(r->st.days[i].day) - first) / step);

		if (k < n)
			val[k] += (double)r->st.days[i].count;
	}
	rp_heading(r, 0, "Responses over time", 1);
	rp_note(r, weekly ? "Responses per week (weeks start on Monday)."
			  : "Responses per day.", PDF_REGULAR, SZ_SMALL,
		COL_MUTED);
	c = (struct chart){ .kind = CHART_VBAR, .height = 130, .nrows = n,
			    .labels = (const char *const *)lab, .value = val,
			    .every = n > 12 ? (int)((n + 11) / 12) : 1 };
	ret = rp_chart(r, &c, 0);
	for (size_t i = 0; i < n; i++)
		free(lab[i]);
	free(lab);
	free(val);
	return ret;
}

/* ---- key findings ---- */

/* A page headed "Key findings" right after the cover: one per line. */
static void key_findings(struct rpt *r)
{
	struct stats_findings fs;

	stats_findings_gather(&fs, r->form, &r->st, &r->trend, r->ev, r->nev);
	rp_new_page(r);
	rp_heading(r, 0, "Key findings", 1);
	if (!fs.n)
		rp_para(r, "Too few answers for findings.", PDF_REGULAR,
			SZ_BODY, COL_TEXT, 0);
	for (size_t i = 0; i < fs.n; i++) {
		struct buf b = BUF_INIT;

		buf_addf(&b, "\xe2\x80\xa2 %s", fs.v[i]);
		rp_para(r, b.s, PDF_REGULAR, SZ_BODY + 1, COL_TEXT, 0);
		rp_space(r, 5);
		buf_release(&b);
	}
	stats_findings_release(&fs);
}

/* ---- closing ---- */

static void closing(struct rpt *r)
{
	struct buf b = BUF_INIT;

	rp_heading(r, 0, "About this report", 1);
	rp_para(r, "Percentages are rounded to whole numbers and may not add "
		"up to exactly 100%. Means are of the answers given; skipped "
		"questions are left out. Medians of an even number of answers "
		"are the mean of the two middle answers.", PDF_REGULAR, SZ_BODY,
		COL_TEXT, 0);
	rp_space(r, 4);
	buf_addf(&b, "Figures for a single event are shown only when it has at "
		 "least %ld responses", r->o->min_group);
	if (r->trend.hidden)
		buf_addf(&b, "; %zu %s fewer and %s included only in the "
			 "totals", r->trend.hidden,
			 plural(r->trend.hidden, "event had", "events had"),
			 plural(r->trend.hidden, "is", "are"));
	buf_adds(&b, ".");
	rp_para(r, b.s, PDF_REGULAR, SZ_BODY, COL_TEXT, 0);
	if (r->o->comments == REPORT_COMMENTS_NEWEST && r->o->max_comments > 0) {
		rp_space(r, 4);
		buf_reset(&b);
		buf_addf(&b, "At most %ld answers are listed per question, newest "
			 "first; \xe2\x80\x9csigsurvey export\xe2\x80\x9d gives every answer.",
			 r->o->max_comments);
		rp_para(r, b.s, PDF_REGULAR, SZ_BODY, COL_TEXT, 0);
	}
	if (pdf_substitutions(r->pdf)) {
		rp_space(r, 4);
		buf_reset(&b);
		buf_addf(&b, "%zu %s that the report's fonts cannot show (for "
			 "example emoji beyond the basic set) "
			 "%s shown as \xef\xbf\xbd; the export has the original "
			 "text.", pdf_substitutions(r->pdf),
			 pdf_substitutions(r->pdf) == 1 ? "character"
							: "characters",
			 pdf_substitutions(r->pdf) == 1 ? "is" : "are");
		rp_para(r, b.s, PDF_REGULAR, SZ_BODY, COL_TEXT, 0);
	}
	rp_space(r, 4);
	rp_para(r, pdf_fallback_used(r->pdf)
		? "Made with sigsurvey. Charts drawn by gnuplot; text set in "
		  "DejaVu Sans, with Droid Sans Fallback, WenQuanYi Micro Hei "
		  "or Symbola where it lacks a character."
		: "Made with sigsurvey. Charts drawn by gnuplot; text set in "
		  "DejaVu Sans.", PDF_REGULAR, SZ_SMALL, COL_MUTED, 0);
	buf_release(&b);
}

static char *default_title(const struct rpt *r)
{
	struct buf b = BUF_INIT;
	const char *k = r->form->key;

	if (r->o->title && *r->o->title)
		return xstrdup(r->o->title);
	buf_addc(&b, toupper((unsigned char)*k));
	for (k++; *k; k++)
		buf_addc(&b, *k == '-' || *k == '_' ? ' ' : *k);
	buf_adds(&b, " report");
	if (r->o->scope.nevents == 1 && r->nev == 1)
		buf_addf(&b, ": %s", r->ev[0].title);
	else if (r->o->scope.series)
		buf_addf(&b, ": %s series", r->o->scope.series);
	return buf_detach(&b, NULL);
}

static int count_charts(const struct rpt *r)
{
	int n = r->st.ndays ? 1 : 0;

	if (!r->st.all.responses)
		return 0;
	for (size_t i = 0; i < r->form->nq; i++)
		n += rp_question_charts(r, &r->form->q[i]);
	return n;
}

static int questions(struct rpt *r)
{
	int first = 1;

	for (size_t i = 0; i < r->form->nq && !r->failed; i++) {
		const struct question *q = &r->form->q[i];

		if (q->type == Q_SECTION) {
			rp_heading(r, 0, q->label ? q->label : q->key, 1);
			if (q->hint)
				rp_note(r, q->hint, PDF_REGULAR, SZ_SMALL,
					COL_MUTED);
			first = 0;
			continue;
		}
		if (first) {
			rp_heading(r, 0, "Answers", 1);
			first = 0;
		}
		if (rp_topics_skip(r, q))
			continue;
		if (rp_question(r, q))
			return -1;
	}
	return r->failed ? -1 : 0;
}

int report_pdf(struct store *s, const struct form *f, const struct site *site,
	       const struct report_opts *o, struct buf *out)
{
	struct rpt r = { 0 };
	struct chart_proc *gp;
	char date[DATE_YMD_SIZE];
	int ret = -1;

	r.store = s;
	r.form = f;
	r.site = site;
	r.o = o;
	stats_init(&r.st);
	date_local_day((long long)o->now, date);
	if (gather(&r))
		goto out;
	r.title = default_title(&r);
	r.charts_total = count_charts(&r);
	if (r.charts_total && chart_open(&r.gp, o->timeout))
		goto out;
	r.pdf = pdf_new(o->paper);
	if (!r.pdf)
		goto out;
	r.x0 = 50;
	r.x1 = pdf_page_width(r.pdf) - 50;
	r.top = 62;
	r.bottom = pdf_page_height(r.pdf) - 56;
	rp_cover(&r, date);
	pdf_bookmark(r.pdf, 0, "Cover", 0);
	if (!r.st.all.responses) {
		rp_heading(&r, 0, "No responses", 1);
		rp_para(&r, "There are no responses in this scope yet, so there "
			"is nothing to chart. Check the form, the events and "
			"the dates asked for, or run the report again after the "
			"next event.", PDF_REGULAR, SZ_BODY, COL_TEXT, 0);
	} else {
		int table = f->per_event && !(r.nev == 1 &&
						   o->scope.nevents == 1);

		if (!table)
			rp_summary(&r);     /* one event: its key figures */
		key_findings(&r);
		if (table) {
			rp_space(&r, 10);
			rp_summary(&r);
		}
		rp_space(&r, 10);
		if (over_time(&r) || rp_topics(&r) || rp_pipeline(&r) ||
		    questions(&r) ||
		    rp_certificates(&r))
			goto out;
	}
	gp = r.gp;
	r.gp = NULL;
	if (chart_close(gp)) {
		error("gnuplot did not exit cleanly");
		goto out;
	}
	closing(&r);
	rp_appendix(&r);
	rp_finish_pages(&r, date);
	pdf_set_info(r.pdf, r.title, site ? site->name : NULL, o->now);
	if (pdf_save(r.pdf, out))
		goto out;
	ret = 0;
out:
	chart_close(r.gp);
	pdf_free(r.pdf);
	release(&r);
	return ret;
}
