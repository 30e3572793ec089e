/*
 * admin-download.c - /admin/report (the PDF) and /admin/export (CSV or
 * JSON Lines) for the filters in the query string, which are the command
 * line's options. The file is made by this very program re-executed as
 * `sigsurvey report` or `sigsurvey export` in a child process (argv only,
 * no shell, a time limit, killed when it runs over: admin-child.c), so
 * that a crash or a hang in gnuplot or libharu never takes the collector
 * down; the request waits suspended, not on a worker thread. Without a
 * form in the query (or an export's options=1) the page offers the
 * options. An export is made for Excel (export --labels --excel: labels,
 * a byte order mark, local times, headings that say the question) unless
 * codes=1 asks for the command line's codes. Contact details are for
 * admins (README): a viewer's export is made with --no-contact, so that
 * the contact questions have no column in it.
 */
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "event.h"
#include "report.h"

/* The state of a download while its child runs (rq->app). */
struct dljob {
	struct deferred d;          /* first: see collector.h */
	struct http_request *rq;
	struct collector *c;
	const struct admin_options *opt;
	struct admin_child *ch;
	int report;
	char *disposition;
	const char *content_type;
	char *user, *role, *csrf;   /* for the error page's navigation */
	int is_admin;
	char *argv[64];             /* copies */
};

/* The inputs only a report (title, paper) or an export has. */
static void kind_inputs(struct areq *a, int report)
{
	struct html *h = a->h;
	static const char *const paper_v[] = { "a4", "letter" };
	static const char *const paper_l[] = { "A4", "US Letter" };
	static const char *const fmt_v[] = { "csv", "jsonl" };
	static const char *const fmt_l[] = { "CSV (spreadsheets)",
					     "JSON Lines" };

	if (report) {
		admin_input(a, "title", "Title (optional)", NULL, "text",
			    areq_valid(a, "title"), "off", NULL, 0);
		admin_select(a, "paper", "Paper", paper_v, paper_l, 2,
			     areq_valid(a, "paper"), NULL);
	} else {
		admin_select(a, "format", "Format", fmt_v, fmt_l, 2,
			     areq_valid(a, "format"), NULL);
		html_lit(h, "<div class=\"field\"><div class=\"option\">"
			 "<input type=\"checkbox\" id=\"codes\" name=\"codes\""
			 " value=\"1\"><label for=\"codes\">Codes and column "
			 "names, as sigsurvey export writes them (for scripts "
			 "and statistics packages)</label></div><p class=\"hint\">"
			 "Otherwise the file is made for Excel: option labels, "
			 "headings that say the question, local times Excel "
			 "reads as dates, and a byte order mark so that accented "
			 "names read right.</p></div>");
		if (!a->is_admin)
			html_lit(h, "<p class=\"meta\">Contact details (email "
				 "addresses, names, phone numbers) are left "
				 "out: they are for admins only.</p>");
	}
}

/* The options page: every form, its events, dates, title, format. */
static void options_page(struct areq *a, int report, int status,
			 const char *problem)
{
	struct html *h = a->h;
	const struct formset *fs = a->c->forms;
	const char *sel = areq_valid(a, "form");
	const char *fv[32], *fl[32];
	size_t nf = 0;

	a->p->rs->status = status;
	buf_reset(&h->b);
	admin_begin(a, report ? "Download a report" : "Export responses",
		    NULL);
	if (problem) {
		html_lit(h, "<div class=\"error-summary\" role=\"alert\"><h2>"
			 "There is a problem</h2><p>");
		html_text(h, problem);
		html_lit(h, "</p></div>\n");
	}
	html_lit(h, "<h1>");
	html_text(h, report ? "Download a PDF report" : "Export responses");
	html_lit(h, "</h1>\n<p class=\"lead\">");
	html_text(h, report ? "A committee-ready PDF with charts, the same as "
		  "sigsurvey report makes. It may take a few seconds."
		  : "One row per response, the same as sigsurvey export "
		    "makes. Spam is left out.");
	html_lit(h, "</p>\n<form method=\"get\"");
	html_attrf(h, "action", "%s/admin/%s", a->c->prefix,
		   report ? "report" : "export");
	html_lit(h, ">");
	for (size_t i = 0; i < fs->n && nf < 32; i++) {
		fv[nf] = fs->v[i]->key;
		fl[nf++] = fs->v[i]->title;
	}
	admin_select(a, "form", "Form", fv, fl, nf, sel, NULL);
	admin_input(a, "event", "Event (optional)",
		    "The event's short address, e.g. copyright-2026-03; "
		    "empty: every event.", "text", areq_valid(a, "event"),
		    "off", NULL, 0);
	admin_input(a, "series", "Series (optional)", NULL, "text",
		    areq_valid(a, "series"), "off", NULL, 0);
	admin_input(a, "from", "From (optional)", "YYYY-MM-DD", "date",
		    areq_valid(a, "from"), "off", NULL, 0);
	admin_input(a, "to", "To (optional)", "YYYY-MM-DD", "date",
		    areq_valid(a, "to"), "off", NULL, 0);
	kind_inputs(a, report);
	html_lit(h, "<div class=\"buttons\"><button type=\"submit\" "
		 "class=\"button\">Download</button></div></form>\n");
	admin_end(a);
}

/* Adds "--opt value" to argv for each query value of name. */
static void add_opt(const char **argv, size_t *n, const char *opt,
		    const char *v)
{
	if (v && *v) {
		argv[(*n)++] = opt;
		argv[(*n)++] = v;
	}
}

static void failed_page(struct areq *a, int report,
			const struct child_result *r)
{
	struct html *h = a->h;
	const char *what = report ? "report" : "export";

	a->p->rs->status = r->timed_out ? 504 : 500;
	buf_reset(&h->b);
	admin_begin(a, report ? "The report failed" : "The export failed",
		    NULL);
	html_lit(h, "<h1>");
	html_textf(h, "The %s could not be made", what);
	html_lit(h, "</h1>\n<p class=\"lead\">");
	if (r->timed_out)
		html_textf(h, "It took longer than %u seconds and was "
			   "stopped. Try a smaller scope (one event, or a "
			   "shorter date range).",
			   a->opt->report_timeout ? a->opt->report_timeout
						  : 120);
	else if (r->too_big)
		html_lit(h, "The file would be too large to download here. "
			 "Use the command line on the server instead.");
	else
		html_lit(h, "Nothing was lost: the responses are safe and "
			 "the collector keeps running. This is what went "
			 "wrong:");
	html_lit(h, "</p>\n");
	if (r->err.len) {
		html_lit(h, "<pre class=\"log\">");
		html_textn(h, r->err.s, r->err.len);
		html_lit(h, "</pre>\n");
	}
	html_lit(h, "<p><a");
	page_href(a->p, "/admin");
	html_lit(h, ">Back to the dashboard</a></p>\n");
	admin_end(a);
}

static void job_free(void *app)
{
	struct dljob *j = app;

	if (!j)
		return;
	admin_child_free(j->ch);
	for (size_t i = 0; j->argv[i]; i++)
		free(j->argv[i]);
	free(j->disposition);
	free(j->user);
	free(j->role);
	free(j->csrf);
	free(j);
}

/* The second call, once the child is done: the file or an error page. */
static int job_resume(struct page *p)
{
	struct dljob *j = p->rq->app;
	const struct child_result *r = admin_child_result(j->ch);
	struct areq a = { .p = p, .h = &p->h, .c = p->c, .opt = j->opt,
			  .is_admin = j->is_admin };

	a.se.user = j->user;
	a.se.role = j->role;
	a.se.csrf = j->csrf;
	p->rs->cache_control = "no-store";
	if (r->status != 0 || r->timed_out || r->too_big || !r->out.len) {
		warning("admin: %s for %s failed (%s)", j->argv[5], j->argv[7],
			r->timed_out ? "timed out" : "exit status");
		failed_page(&a, j->report, r);
		return 0;
	}
	p->rs->status = 200;
	p->rs->content_type = j->content_type;
	p->rs->disposition = j->disposition;
	j->disposition = NULL;
	admin_child_take_output(j->ch, &p->rs->body);
	return 0;
}

static void job_done(void *arg)
{
	http_resume(arg);
}

/* Runs once the connection is suspended: waits for the child. */
static void job_defer(struct http_request *rq)
{
	struct dljob *j = rq->app;

	admin_child_wait(j->ch, job_done, rq);
}

/* What a download asks for, read from the request's typed values. */
struct dlspec {
	int report, jsonl;
	const char *form;
	const char *events[16];
	size_t nev;
	const char *series, *from, *to, *title, *paper, *format;
};

static void spec_load(struct areq *a, int report, struct dlspec *d)
{
	memset(d, 0, sizeof(*d));
	d->report = report;
	d->form = areq_valid(a, "form");
	d->nev = areq_valid_all(a, "event", d->events, ARRAY_SIZE(d->events));
	d->series = areq_valid(a, "series");
	d->from = areq_valid(a, "from");
	d->to = areq_valid(a, "to");
	if (report) {
		d->title = areq_valid(a, "title");
		d->paper = areq_valid(a, "paper");
	} else {
		d->format = areq_valid(a, "format");
		d->jsonl = d->format && !strcmp(d->format, "jsonl");
	}
}

/* The command line of the child for d into argv (room for 64). */
static void spec_argv(struct areq *a, const struct dlspec *d,
		      const char **argv)
{
	size_t n = 0;

	argv[n++] = a->opt->self;
	argv[n++] = "--db";
	argv[n++] = a->c->opt.db_path;
	argv[n++] = "--forms";
	argv[n++] = a->opt->forms_dir ? a->opt->forms_dir : "forms";
	argv[n++] = d->report ? "report" : "export";
	argv[n++] = "--form";
	argv[n++] = d->form;
	for (size_t i = 0; i < d->nev; i++)
		add_opt(argv, &n, "--event", d->events[i]);
	add_opt(argv, &n, "--series", d->series);
	add_opt(argv, &n, "--from", d->from);
	add_opt(argv, &n, "--to", d->to);
	if (d->report) {
		add_opt(argv, &n, "--title", d->title);
		add_opt(argv, &n, "--paper", d->paper);
		argv[n++] = "-o";
		argv[n++] = "-";
	} else {
		int codes = areq_int(a, "codes", 0);

		add_opt(argv, &n, "--format", d->format);
		if (!codes || areq_int(a, "labels", 0))
			argv[n++] = "--labels";
		if ((!codes && !d->jsonl) || areq_int(a, "excel", 0))
			argv[n++] = "--excel";
		if (!a->is_admin)
			argv[n++] = "--no-contact";
	}
	argv[n] = NULL;
}

/* The Content-Disposition of d's file (a new string). */
static char *spec_disposition(const struct dlspec *d)
{
	struct scope sc = { 0 };
	struct buf disp = BUF_INIT;
	char *scope_name;

	sc.form = d->form;
	sc.events = d->events;
	sc.nevents = d->nev;
	sc.series = d->series;
	sc.from = d->from;
	sc.to = d->to;
	scope_name = report_scope_name(&sc);
	buf_addf(&disp, "attachment; filename=\"%s-%s-%s.%s\"",
		 d->report ? "report" : "export", d->form, scope_name,
		 d->report ? "pdf" : d->jsonl ? "jsonl" : "csv");
	free(scope_name);
	return buf_detach(&disp, NULL);
}

/* Answers why the child of a download did not start. */
static void not_started(struct areq *a, int busy)
{
	if (busy) {
		a->p->rs->retry_after = "30";
		admin_error(a, 503, "Other downloads are being made",
			    "Please try again in half a minute.");
	} else {
		admin_error(a, 500, "The download could not be started",
			    "The server could not start a process; its log "
			    "says why.");
	}
}

/*
 * Starts the child for d and suspends the request until it is done:
 * HTTP_SUSPEND, or 0 after answering that it could not start.
 */
static int job_start(struct areq *a, const struct dlspec *d)
{
	const char *argv[64];
	struct dljob *j = xcalloc(1, sizeof(*j));
	int busy;

	spec_argv(a, d, argv);
	for (size_t i = 0; argv[i]; i++)
		j->argv[i] = xstrdup(argv[i]);
	j->ch = admin_child_start(j->argv, a->opt->self_fd,
				  a->opt->report_timeout
					  ? a->opt->report_timeout : 120,
				  &busy);
	if (!j->ch) {
		job_free(j);
		not_started(a, busy);
		return 0;
	}
	j->d.resume = job_resume;
	j->rq = a->p->rq;
	j->c = a->c;
	j->opt = a->opt;
	j->report = d->report;
	j->disposition = spec_disposition(d);
	j->content_type = d->report ? "application/pdf"
			  : d->jsonl ? "application/x-ndjson; charset=utf-8"
				     : "text/csv; charset=utf-8";
	j->user = xstrdup(a->se.user);
	j->role = xstrdup(a->se.role);
	j->csrf = xstrdup(a->se.csrf);
	j->is_admin = a->is_admin;
	a->p->rq->app = j;
	a->p->rq->app_free = job_free;
	a->p->rq->defer = job_defer;
	return HTTP_SUSPEND;
}

/*
 * What the typed values cannot say alone: the form exists, from is not
 * after to, and each event exists and belongs to the form. Returns 0, or
 * -1 after answering (400 with the options page, 503 when the database
 * cannot be read), so that no process starts for a mistake.
 */
static int spec_check(struct areq *a, const struct dlspec *d)
{
	struct buf msg = BUF_INIT;
	int ret = -1;

	if (!formset_find(a->c->forms, d->form))
		buf_adds(&msg, "Check the options: there is no form with that "
			 "name.");
	else if (d->from && d->to && strcmp(d->from, d->to) > 0)
		buf_addf(&msg, "Check the dates: From (%s) is after To (%s).",
			 d->from, d->to);
	for (size_t i = 0; !msg.len && i < d->nev; i++) {
		struct event e;
		int found = store_event_get(a->db, d->events[i], &e);

		if (found < 0) {
			a->p->rs->retry_after = "5";
			admin_error(a, 503, "Please try again",
				    "The events could not be read just now.");
			goto out;
		}
		if (!found)
			buf_addf(&msg, "Check the event: there is no event "
				 "'%s'.", d->events[i]);
		else if (strcmp(e.form, d->form))
			buf_addf(&msg, "Check the event: '%s' is an event of "
				 "the form '%s', not '%s'.", d->events[i],
				 e.form, d->form);
		if (found)
			event_release(&e);
	}
	if (msg.len)
		options_page(a, d->report, 400, msg.s);
	else
		ret = 0;
out:
	buf_release(&msg);
	return ret;
}

/* The options page without a form, else the file for the options. */
static int download(struct areq *a, int report)
{
	struct dlspec d;

	spec_load(a, report, &d);
	if (!d.form || (!report && areq_int(a, "options", 0))) {
		options_page(a, report, 200, NULL);
		return 0;
	}
	if (spec_check(a, &d) < 0)
		return 0;
	return job_start(a, &d);
}

int admin_report(struct areq *a)
{
	return download(a, 1);
}

int admin_export(struct areq *a)
{
	return download(a, 0);
}
