/*
 * cli.h - what the subcommands share: global options, opening the
 * database and the forms, and usage errors.
 */
#ifndef SIGSURVEY_CLI_H
#define SIGSURVEY_CLI_H

#include "form.h"
#include "store.h"

struct cli {
	const char *db;        /* --db, SIGSURVEY_DB, default data/sigsurvey.db */
	const char *forms;     /* --forms, SIGSURVEY_FORMS, default forms */
	const char *self;      /* path of this executable (/proc/self/exe) */
};

/*
 * A subcommand: argv[0] is the command's name, the global options are
 * already removed. Returns the process exit status: 0 success, 1 failure,
 * 2 usage error.
 */
typedef int (*cmd_fn)(struct cli *cli, int argc, char **argv);

/* Creates the database's directory when missing and opens it. */
int cli_open_store(const struct cli *cli, struct store **s, int flags);
/* Loads the forms directory; prints every problem to stderr on failure. */
int cli_load_forms(const struct cli *cli, struct formset *fs);
/*
 * Prints "sigsurvey CMD: message" and the usage to stderr; returns 2, the
 * exit status for usage errors.
 */
int cli_usage_error(const char *cmd, const char *usage, const char *fmt, ...)
	PRINTF_LIKE(3, 4);
/* Parses a whole non-negative number; returns 0, or -1 when s is not one. */
int cli_parse_long(const char *s, long *out);

int cmd_check(struct cli *cli, int argc, char **argv);
int cmd_event(struct cli *cli, int argc, char **argv);
int cmd_demo(struct cli *cli, int argc, char **argv);
int cmd_backup(struct cli *cli, int argc, char **argv);
int cmd_serve(struct cli *cli, int argc, char **argv);
int cmd_report(struct cli *cli, int argc, char **argv);
int cmd_export(struct cli *cli, int argc, char **argv);
int cmd_user(struct cli *cli, int argc, char **argv);

#endif
