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

/* Writes data to path atomically (temp file + rename), or to stdout. */
static int write_output(const char *path, const char *data, size_t len)
{
	struct buf tmp = BUF_INIT;
	int fd = -1, ret = -1;
	size_t off = 0;

	if (!strcmp(path, "-")) {
		fd = 1;
	} else {
		buf_addf(&tmp, "%s.tmp-XXXXXX", path);
		fd = mkstemp(tmp.s);
		if (fd < 0) {
			error("cannot write %s: %s", path, strerror(errno));
			goto out;
		}
		if (fchmod(fd, 0644) < 0)
			warning("cannot set the mode of %s: %s", tmp.s,
				strerror(errno));
	}
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			error("cannot write %s: %s", path, strerror(errno));
			goto out;
		}
		off += (size_t)n;
	}
	if (fd != 1) {
		if (fsync(fd) < 0 || close(fd) < 0) {
			fd = -1;
			error("cannot write %s: %s", path, strerror(errno));
			goto out;
		}
		fd = -1;
		if (rename(tmp.s, path) < 0) {
			error("cannot write %s: %s", path, strerror(errno));
			goto out;
		}
	}
	ret = 0;
out:
	if (fd > 1)
		close(fd);
	if (ret && tmp.len)
		unlink(tmp.s);
	buf_release(&tmp);
	return ret;
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

int cmd_report(struct cli *cli, int argc, char **argv)
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
	struct sigaction old_term, old_int;
	struct cli_scope cs;
	struct report_opts o;
	struct formset fs = { 0 };
	struct store *s = NULL;
	struct buf pdf = BUF_INIT, name = BUF_INIT;
	const struct form *f;
	const char *out = NULL, *paper = NULL, *sde;
	char *scope_name = NULL;
	long n;
	int ret = 1, caught = 0, id;

	report_opts_init(&o);
	cli_scope_init(&cs);
	cli_opts_init(&p, "report", usage_text, table, argc, argv);
	while ((id = cli_opts_next(&p)) >= 0) {
		if (id >= CLI_SCOPE_FORM && cli_scope_set(&cs, &p, id) < 0) {
			ret = 2;
			goto out;
		}
		if (id >= O_MIN_GROUP && id <= O_TIMEOUT &&
		    (cli_parse_long(p.value, &n) < 0 || n > 1000000)) {
			ret = cli_usage_error("report", usage_text,
					      "%s wants a whole number, not '%s'",
					      p.name, p.value);
			goto out;
		}
		switch (id) {
		case O_OUTPUT: out = p.value; break;
		case O_TITLE: o.title = p.value; break;
		case O_PAPER: paper = p.value; break;
		case O_MIN_GROUP: o.min_group = n; break;
		case O_MAX_COMMENTS:
			o.max_comments = n;
			o.comments = REPORT_COMMENTS_NEWEST;
			break;
		case O_COMMENTS:
			if (report_opts_comments(&o, p.value) < 0) {
				ret = cli_usage_error("report", usage_text,
					"--comments wants all or a number, "
					"not '%s'", p.value);
				goto out;
			}
			break;
		case O_TIMEOUT: o.timeout = n > 0 ? (int)n : 1; break;
		}
	}
	if (id != CLI_OPT_END) {
		ret = cli_opts_exit(id);
		goto out;
	}
	if (paper && strcmp(paper, "a4") && strcmp(paper, "letter")) {
		ret = cli_usage_error("report", usage_text,
				      "--paper is a4 or letter, not '%s'", paper);
		goto out;
	}
	o.paper = paper && !strcmp(paper, "letter") ? PDF_LETTER : PDF_A4;
	if (cli_scope_check(&cs, "report", usage_text)) {
		ret = 2;
		goto out;
	}
	sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		if (cli_parse_long(sde, &n) < 0) {
			error("SOURCE_DATE_EPOCH is not a number of seconds: %s",
			      sde);
			goto out;
		}
		o.now = (time_t)n;
	}
	o.progress = isatty(2);
	catch_signals(&old_term, &old_int);
	caught = 1;
	if (cli_load_forms(cli, &fs) < 0)
		goto out;
	f = formset_find(&fs, cs.scope.form);
	if (!f) {
		error("no form '%s' in %s", cs.scope.form, cli->forms);
		goto out;
	}
	if (cli_open_store(cli, &s, STORE_READONLY) < 0 ||
	    cli_scope_events_exist(&cs, s))
		goto out;
	o.scope = cs.scope;
	if (!out) {
		scope_name = report_scope_name(&o.scope);
		buf_addf(&name, "report-%s-%s.pdf", f->key, scope_name);
		out = name.s;
	}
	if (report_pdf(s, f, &fs.site, &o, &pdf) < 0 || stopped_by ||
	    write_output(out, pdf.s, pdf.len) < 0)
		goto out;
	if (strcmp(out, "-"))
		info("wrote %s", out);
	ret = 0;
out:
	if (stopped_by) {
		error("stopped by signal %d; no report written",
		      (int)stopped_by);
		ret = 1;
	}
	if (caught) {
		sigaction(SIGTERM, &old_term, NULL);
		sigaction(SIGINT, &old_int, NULL);
	}
	store_close(s);
	formset_release(&fs);
	cli_scope_release(&cs);
	buf_release(&pdf);
	buf_release(&name);
	free(scope_name);
	return ret;
}
