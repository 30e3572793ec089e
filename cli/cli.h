/*
 * cli.h - what the subcommands share: global options, opening the
 * database and the forms, and usage errors.
 */
#ifndef SIGSURVEY_CLI_H
#define SIGSURVEY_CLI_H

#include "form.h"
#include "store.h"
#include "util.h"

/*
 * Prints "sigsurvey: message" and exits with status 1: for main() and
 * command entry points only, never below them (core returns -1, and a
 * request must not end the server).
 */
NORETURN void die(const char *fmt, ...) PRINTF_LIKE(1, 2);

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

/*
 * Opens cli's database into *s (store_close() it) with store_open()'s
 * flags. Without CLI_DB_CREATE a missing file is an error, "no database
 * at PATH (...)", and nothing is created: commands that only read or
 * change what is there must not leave an empty database behind when run
 * from the wrong folder. With it (commands that add: serve, demo, event
 * add, user add and invite) the file and its directory are created when
 * missing. Returns 0, or -1 with the message printed.
 */
#define CLI_DB_CREATE 0x100
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

/*
 * One option of a command, in a table ended by { NULL }: name is
 * "--name" (given as "--name VALUE" or "--name=VALUE") or "-o" (given as
 * "-o VALUE"); id (>= 0) is what cli_opts_next() returns for it.
 */
struct cli_option {
	const char *name;
	int has_value;
	int id;
};

/*
 * The state of parsing one command's argv (argv[0] is the command).
 * Operands are kept in order at argv[1 .. nops]; "--" ends the options.
 */
struct cli_opts {
	const char *cmd, *usage;      /* for the messages */
	const char *help_extra;       /* printed after usage for --help */
	const struct cli_option *table;
	int max_operands;             /* more is a usage error (default 0) */
	int argc;
	char **argv;
	int next, nops, only_operands;
	const char *name;             /* the option just returned */
	const char *value;            /* its value, into argv; NULL for flags */
};

#define CLI_OPT_END   (-1)   /* all parsed; operands at argv[1 .. nops] */
#define CLI_OPT_HELP  (-2)   /* --help or -h: usage printed on stdout */
#define CLI_OPT_ERROR (-3)   /* usage error printed on stderr */

void cli_opts_init(struct cli_opts *p, const char *cmd, const char *usage,
		   const struct cli_option *table, int argc, char **argv);
/*
 * The id of the next option (name and value in p), or one of CLI_OPT_*.
 * Prints "sigsurvey CMD: unknown option '--x'", "--x needs a value",
 * "--x takes no value" or "unexpected argument 'y'" with the usage.
 */
int cli_opts_next(struct cli_opts *p);
/* The exit status after CLI_OPT_HELP (0) or CLI_OPT_ERROR (2). */
int cli_opts_exit(int r);

int cmd_check(struct cli *cli, int argc, char **argv);
int cmd_event(struct cli *cli, int argc, char **argv);
int cmd_demo(struct cli *cli, int argc, char **argv);
int cmd_backup(struct cli *cli, int argc, char **argv);
int cmd_serve(struct cli *cli, int argc, char **argv);
int cmd_report(struct cli *cli, int argc, char **argv);
int cmd_export(struct cli *cli, int argc, char **argv);
int cmd_user(struct cli *cli, int argc, char **argv);
int cmd_qr(struct cli *cli, int argc, char **argv);
int cmd_certificates(struct cli *cli, int argc, char **argv);
int cmd_ideas(struct cli *cli, int argc, char **argv);

#endif
