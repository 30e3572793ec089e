/*
 * main.c - the sigsurvey program: global options, then one subcommand
 * from the table below.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "date.h"
#include "util.h"

#ifndef SIGSURVEY_VERSION
#define SIGSURVEY_VERSION "0.1.0"
#endif

static const struct command {
	const char *name;
	cmd_fn fn;
	const char *summary;
} commands[] = {
	{ "check",  cmd_check,  "validate form definitions" },
	{ "event",  cmd_event,  "add, list, show, edit and close events" },
	{ "demo",   cmd_demo,   "seed the database with synthetic responses" },
	{ "backup", cmd_backup, "online backup of the database" },
	{ "serve",  cmd_serve,  "serve the forms and collect responses" },
	{ "report", cmd_report, "PDF report with charts for the committee" },
	{ "export", cmd_export, "responses as CSV or JSON Lines" },
	{ "user",   cmd_user,   "add, change and remove committee accounts" },
	{ "qr",     cmd_qr,     "print the QR code of an address in the terminal" },
	{ "certificates", cmd_certificates,
	  "list and revoke certificates of attendance" },
	{ "ideas",  cmd_ideas,
	  "moderate the topic board: list, approve, edit, status, merge" },
};

static void usage(FILE *out)
{
	fputs("usage: sigsurvey [--db FILE] [--forms DIR] COMMAND [ARGS]\n"
	      "       sigsurvey --help | --version\n\n"
	      "Survey and feedback collection for training events.\n\n"
	      "Commands:\n", out);
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(out, "  %-12s %s\n", commands[i].name, commands[i].summary);
	fputs("\nGlobal options (before or after the command):\n"
	      "  --db FILE      database file (default data/sigsurvey.db,"
	      " or $SIGSURVEY_DB)\n"
	      "  --forms DIR    form definitions (default forms,"
	      " or $SIGSURVEY_FORMS)\n\n"
	      "Run 'sigsurvey COMMAND --help' for a command's options.\n", out);
}

/* mkdir -p of the directory part of path. */
static int make_parent_dirs(const char *path)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	int ret = 0;

	if (slash && slash != dir) {
		*slash = '\0';
		for (char *p = dir + 1; *p; p++) {
			if (*p != '/')
				continue;
			*p = '\0';
			if (mkdir(dir, 0700) < 0 && errno != EEXIST)
				ret = -1;
			*p = '/';
		}
		if (mkdir(dir, 0700) < 0 && errno != EEXIST)
			ret = -1;
		if (ret < 0)
			error("cannot create directory %s: %s", dir,
			      strerror(errno));
	}
	free(dir);
	return ret;
}

int cli_open_store(const struct cli *cli, struct store **s, int flags)
{
	struct stat st;

	if (!(flags & CLI_DB_CREATE)) {
		if (stat(cli->db, &st) < 0 &&
		    (errno == ENOENT || errno == ENOTDIR))
			return error("no database at %s (set SIGSURVEY_DB or "
				     "--db, or run a command that creates it "
				     "such as \"sigsurvey serve\" or "
				     "\"sigsurvey demo\")", cli->db);
	} else if (!(flags & STORE_READONLY) &&
		   make_parent_dirs(cli->db) < 0) {
		return -1;
	}
	return store_open(s, cli->db, flags & ~CLI_DB_CREATE);
}

int cli_load_forms(const struct cli *cli, struct formset *fs)
{
	struct diag d = { 0 };
	int ret = formset_load(fs, cli->forms, &d);

	for (size_t i = 0; i < d.n; i++)
		fprintf(stderr, "%s\n", d.v[i]);
	diag_release(&d);
	if (!ret && fs->site.timezone)       /* one local time everywhere */
		date_zone_set(fs->site.timezone);
	return ret;
}

/*
 * Takes --db and --forms (as "--db X" or "--db=X") out of argv wherever
 * they stand, so that every subcommand sees only its own options.
 * Returns the new argc, or -1 when a value is missing.
 */
static int take_globals(struct cli *cli, int argc, char **argv)
{
	int out = 1;

	for (int i = 1; i < argc; i++) {
		const char **slot = NULL;
		const char *val = NULL;
		const char *a = argv[i];

		if (!strcmp(a, "--")) {
			while (i < argc)
				argv[out++] = argv[i++];
			break;
		}
		if (!strcmp(a, "--db") || !strncmp(a, "--db=", 5))
			slot = &cli->db;
		else if (!strcmp(a, "--forms") || !strncmp(a, "--forms=", 8))
			slot = &cli->forms;
		if (!slot) {
			argv[out++] = argv[i];
			continue;
		}
		val = strchr(a, '=');
		if (val) {
			val++;
		} else {
			if (i + 1 >= argc) {
				fprintf(stderr, "sigsurvey: %s needs a value\n", a);
				return -1;
			}
			val = argv[++i];
		}
		if (!*val) {
			fprintf(stderr, "sigsurvey: %s needs a value\n", a);
			return -1;
		}
		*slot = val;
	}
	argv[out] = NULL;
	return out;
}

void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vprintf(NULL, fmt, ap);
	va_end(ap);
	exit(1);
}

int main(int argc, char **argv)
{
	static char self[4096];
	struct cli cli = { 0 };
	const char *env;
	ssize_t n;

	/*
	 * A reader gone from a pipe (`sigsurvey export | head`) stops the
	 * command as it stops any Unix tool, quietly, by SIGPIPE; serve
	 * ignores it (a client gone mid-answer is EPIPE there).
	 */
	signal(SIGPIPE, SIG_DFL);
	cli.db = (env = getenv("SIGSURVEY_DB")) && *env ? env
							 : "data/sigsurvey.db";
	cli.forms = (env = getenv("SIGSURVEY_FORMS")) && *env ? env : "forms";
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	cli.self = n > 0 ? (self[n] = '\0', self) : argv[0];

	argc = take_globals(&cli, argc, argv);
	if (argc < 0) {
		usage(stderr);
		return 2;
	}
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("sigsurvey %s\n", SIGSURVEY_VERSION);
		return 0;
	}
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(&cli, argc - 1, argv + 1);
	if (argv[1][0] == '-')
		fprintf(stderr, "sigsurvey: unknown option '%s'\n", argv[1]);
	else
		fprintf(stderr, "sigsurvey: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return 2;
}
