/*
 * cli-scope.h - the scope options that `report` and `export` share:
 * --form, --event (repeatable), --series, --from, --to.
 */
#ifndef SIGSURVEY_CLI_SCOPE_H
#define SIGSURVEY_CLI_SCOPE_H

#include "store.h"

struct cli_scope {
	struct scope scope;    /* points into argv and events */
	const char **events;
	size_t nevents, cap;
};

void cli_scope_init(struct cli_scope *cs);
void cli_scope_release(struct cli_scope *cs);

/*
 * Takes argv[*i] (and its value, advancing *i) when it is a scope option
 * or --help. Returns 1 when taken, 0 when not a scope option, -1 after a
 * usage error (printed), -2 after printing the usage for --help.
 */
int cli_scope_arg(struct cli_scope *cs, const char *cmd, const char *usage,
		  int argc, char **argv, int *i);
/* Checks the options together (form given, dates valid); prints. */
int cli_scope_check(struct cli_scope *cs, const char *cmd, const char *usage);
/* Each --event exists and belongs to the form; -1 logged otherwise. */
int cli_scope_events_exist(const struct cli_scope *cs, struct store *s);

#endif
