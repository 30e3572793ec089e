/*
 * cmd-report.c - `sigsurvey report`: the committee PDF for a form over
 * one event, several, a series or a date range.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "chart.h"
#include "cli-scope.h"
#include "outfile.h"
#include "report.h"
#include "util.h"

static const char usage_text[] =
	"usage: sigsurvey report --form KEY [--event KEY ...] [--series NAME]\n"
	"                        [--from DATE] [--to DATE] [--title TEXT]\n"
	"                        [--paper a4|letter] [--min-group N]\n"
	"                        [--comments N|all] [--max-comments N]\n"
	"                        [--timeout SECONDS]\n"
	"                        [-o FILE|-]\n\n"
	"Writes a PDF report with charts for the form's responses: a cover,\n"
	"a summary per event, one section per question and the comments.\n"
	"Without an event filter a per-event form is reported over all its\n"
	"events in the date range, with trends across events.\n\n"
	"  --form KEY        the form (required)\n"
	"  --event KEY       only this event (repeat for several)\n"
	"  --series NAME     only events of this series\n"
	"  --from, --to DATE inclusive bounds on the event date (YYYY-MM-DD)\n"
	"  --title TEXT      the report's title\n"
	"  --paper SIZE      a4 (default) or letter\n"
	"  --min-group N     hide per-event figures under N responses (5)\n"
	"  --comments N|all  written answers listed per question: N chosen,\n"
	"                    the newest and the longest across events\n"
	"                    (default 4), or all in an appendix\n"
	"  --max-comments N  instead, the newest N per question (0: all)\n"
	"  --timeout SECONDS gnuplot's time limit per chart (default 30)\n"
	"  -o FILE           output (default report-FORM-SCOPE.pdf; - is\n"
	"                    standard output)\n\n"
	"gnuplot is run from PATH or $SIGSURVEY_GNUPLOT. SOURCE_DATE_EPOCH\n"
	"fixes the generated date, for reproducible output.\n";

/* Writes data to path (see outfile.h), or to stdout for "-". */
static int write_output(const char *path, const char *data, size_t len)
{
	struct outfile of;

	if (outfile_open(&of, path) < 0)
		return -1;
	if (fwrite(data, 1, len, of.fp) != len) {
		error("cannot write %s: %s", path, strerror(errno));
		outfile_close(&of);
		return -1;
	}
	return outfile_commit(&of);
}

static volatile sig_atomic_t stopped_by;

/*
 * SIGTERM and SIGINT (the admin area's time limit, Ctrl-C): gnuplot is
 * killed at once, the report fails at its next chart, and the normal
 * way out removes the temporary directory and writes no file.
 */
static void on_signal(int sig)
{
	stopped_by = sig;
	chart_interrupt();
}

static void catch_signals(struct sigaction *old_term,
			  struct sigaction *old_int)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;        /* no SA_RESTART: waits end with EINTR */
	sigaction(SIGTERM, &sa, old_term);
	sigaction(SIGINT, &sa, old_int);
}

enum { O_OUTPUT, O_TITLE, O_PAPER, O_MIN_GROUP, O_MAX_COMMENTS, O_TIMEOUT,
       O_COMMENTS };

/* What the options ask for. */
struct report_cmd {
	struct cli_scope cs;
	struct report_opts o;
	const char *out;          /* -o, or NULL for the default name */
	const char *paper;        /* --paper, checked once all are read */
};

/* One option other than the scope's into rc; 0, or 2 after a usage error. */
static int take_option(struct report_cmd *rc, const struct cli_opts *p,
		       int id)
{
	long n = 0;

	if (id >= O_MIN_GROUP && id <= O_TIMEOUT &&
	    (cli_parse_long(p->value, &n) < 0 || n > 1000000))
		return cli_usage_error("report", usage_text,
				       "%s wants a whole number, not '%s'",
				       p->name, p->value);
	switch (id) {
	case O_OUTPUT: rc->out = p->value; break;
	case O_TITLE: rc->o.title = p->value; break;
	case O_PAPER: rc->paper = p->value; break;
	case O_MIN_GROUP: rc->o.min_group = n; break;
	case O_MAX_COMMENTS:
		rc->o.max_comments = n;
		rc->o.comments = REPORT_COMMENTS_NEWEST;
		break;
	case O_COMMENTS:
		if (report_opts_comments(&rc->o, p->value) < 0)
			return cli_usage_error("report", usage_text,
					       "--comments wants all or a number, "
					       "not '%s'", p->value);
		break;
	case O_TIMEOUT: rc->o.timeout = n > 0 ? (int)n : 1; break;
	}
	return 0;
}

/*
 * Gathers the options and the environment into rc. Returns 0 to go on,
 * or -1 with *status the exit status (2 after a usage error, 0 after
 * --help, 1 for a bad SOURCE_DATE_EPOCH).
 */
static int gather(struct report_cmd *rc, int argc, char **argv, int *status)
{
	static const struct cli_option table[] = {
		CLI_SCOPE_OPTIONS, { "--title", 1, O_TITLE },
		{ "--paper", 1, O_PAPER }, { "--min-group", 1, O_MIN_GROUP },
		{ "--max-comments", 1, O_MAX_COMMENTS },
		{ "--comments", 1, O_COMMENTS },
		{ "--timeout", 1, O_TIMEOUT }, { "--output", 1, O_OUTPUT },
		{ "-o", 1, O_OUTPUT }, { NULL, 0, 0 },
	};
	struct cli_opts p;
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	long n;
	int id;

	cli_opts_init(&p, "report", usage_text, table, argc, argv);
	while ((id = cli_opts_next(&p)) >= 0) {
		if (id >= CLI_SCOPE_FORM ? cli_scope_set(&rc->cs, &p, id) < 0
					 : take_option(rc, &p, id) != 0)
			return *status = 2, -1;
	}
	if (id != CLI_OPT_END)
		return *status = cli_opts_exit(id), -1;
	if (rc->paper && strcmp(rc->paper, "a4") && strcmp(rc->paper, "letter"))
		return *status = cli_usage_error("report", usage_text,
						 "--paper is a4 or letter, "
						 "not '%s'", rc->paper), -1;
	rc->o.paper = rc->paper && !strcmp(rc->paper, "letter") ? PDF_LETTER
								: PDF_A4;
	if (cli_scope_check(&rc->cs, "report", usage_text))
		return *status = 2, -1;
	if (sde && *sde) {
		if (cli_parse_long(sde, &n) < 0) {
			*status = 1;
			return error("SOURCE_DATE_EPOCH is not a number of "
				     "seconds: %s", sde);
		}
		rc->o.now = (time_t)n;
	}
	rc->o.progress = isatty(2);
	return 0;
}

/*
 * Loads the form and the events of the scope, renders the report and
 * writes it. Returns 0, or -1 with the error logged.
 */
static int run(struct cli *cli, struct report_cmd *rc)
{
	const char *out = rc->out;
	struct formset fs = { 0 };
	struct store *s = NULL;
	struct buf pdf = BUF_INIT, name = BUF_INIT;
	const struct form *f;
	struct form *hist = NULL;
	char *scope_name = NULL;
	int ret = -1;

	if (cli_load_forms(cli, &fs) < 0)
		goto out;
	f = formset_find(&fs, rc->cs.scope.form);
	if (!f) {
		error("no form '%s' in %s", rc->cs.scope.form, cli->forms);
		goto out;
	}
	if (cli_open_store(cli, &s, STORE_READONLY) < 0 ||
	    cli_scope_events_exist(&rc->cs, s))
		goto out;
	rc->o.scope = rc->cs.scope;
	if (!out) {
		scope_name = report_scope_name(&rc->o.scope);
		buf_addf(&name, "report-%s-%s.pdf", f->key, scope_name);
		out = name.s;
	}
	hist = store_form_history(s, f);
	if (!hist || report_pdf(s, hist, &fs.site, &rc->o, &pdf) < 0 ||
	    stopped_by ||
	    write_output(out, pdf.s, pdf.len) < 0)
		goto out;
	if (strcmp(out, "-"))
		info("wrote %s", out);
	ret = 0;
out:
	form_free(hist);
	store_close(s);
	formset_release(&fs);
	buf_release(&pdf);
	buf_release(&name);
	free(scope_name);
	return ret;
}

int cmd_report(struct cli *cli, int argc, char **argv)
{
	struct report_cmd rc = { .out = NULL };
	struct sigaction old_term, old_int;
	int ret = 1;

	report_opts_init(&rc.o);
	cli_scope_init(&rc.cs);
	if (gather(&rc, argc, argv, &ret) < 0)
		goto out;
	catch_signals(&old_term, &old_int);
	ret = run(cli, &rc) < 0 ? 1 : 0;
	if (stopped_by) {
		error("stopped by signal %d; no report written",
		      (int)stopped_by);
		ret = 1;
	}
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGINT, &old_int, NULL);
out:
	cli_scope_release(&rc.cs);
	return ret;
}
