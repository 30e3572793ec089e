/*
 * cli-scope.h - the scope options that `report` and `export` share:
 * --form, --event (repeatable), --series, --from, --to.
 */
#ifndef SIGSURVEY_CLI_SCOPE_H
#define SIGSURVEY_CLI_SCOPE_H

#include "cli.h"
#include "store.h"

struct cli_scope {
	struct scope scope;    /* points into argv and events */
	const char **events;
	size_t nevents, cap;
};

void cli_scope_init(struct cli_scope *cs);
void cli_scope_release(struct cli_scope *cs);

/* The ids of the scope options; CLI_SCOPE_OPTIONS goes in a table. */
enum {
	CLI_SCOPE_FORM = 100, CLI_SCOPE_EVENT, CLI_SCOPE_SERIES,
	CLI_SCOPE_FROM, CLI_SCOPE_TO,
};
#define CLI_SCOPE_OPTIONS                                              \
	{ "--form", 1, CLI_SCOPE_FORM }, { "--event", 1, CLI_SCOPE_EVENT }, \
	{ "--series", 1, CLI_SCOPE_SERIES }, { "--from", 1, CLI_SCOPE_FROM }, \
	{ "--to", 1, CLI_SCOPE_TO }

/*
 * Takes the scope option id (one of CLI_SCOPE_*) just returned by
 * cli_opts_next(p). Returns 0, or -1 after a usage error (printed).
 */
int cli_scope_set(struct cli_scope *cs, const struct cli_opts *p, int id);
/* Checks the options together (form given, dates valid); prints. */
int cli_scope_check(struct cli_scope *cs, const char *cmd, const char *usage);
/* Each --event exists and belongs to the form; -1 logged otherwise. */
int cli_scope_events_exist(const struct cli_scope *cs, struct store *s);

#endif
