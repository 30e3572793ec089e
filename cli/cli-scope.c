/*
 * cli-scope.c - parsing and checking the scope options of `report` and
 * `export` (see cli-scope.h).
 */
#include "cli-scope.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util.h"

void cli_scope_init(struct cli_scope *cs)
{
	memset(cs, 0, sizeof(*cs));
}

void cli_scope_release(struct cli_scope *cs)
{
	free(cs->events);
	memset(cs, 0, sizeof(*cs));
}

int cli_scope_arg(struct cli_scope *cs, const char *cmd, const char *usage,
		  int argc, char **argv, int *i)
{
	static const char *const names[] = { "--form", "--event", "--series",
					     "--from", "--to" };
	const char *a = argv[*i], *v = NULL, *eq = strchr(a, '=');
	size_t nlen = eq ? (size_t)(eq - a) : strlen(a), k;

	if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
		fputs(usage, stdout);
		return -2;
	}
	for (k = 0; k < ARRAY_SIZE(names); k++)
		if (strlen(names[k]) == nlen && !strncmp(a, names[k], nlen))
			break;
	if (k == ARRAY_SIZE(names))
		return 0;
	if (eq)
		v = eq + 1;
	else if (*i + 1 < argc)
		v = argv[++*i];
	if (!v || !*v) {
		cli_usage_error(cmd, usage, "%.*s needs a value", (int)nlen, a);
		return -1;
	}
	switch (k) {
	case 0:
		cs->scope.form = v;
		break;
	case 1:
		ALLOC_GROW(cs->events, cs->nevents + 1, cs->cap);
		cs->events[cs->nevents++] = v;
		break;
	case 2:
		cs->scope.series = v;
		break;
	case 3:
	case 4:
		if (!date_valid(v)) {
			cli_usage_error(cmd, usage, "%s wants a date like "
					"2026-03-14, not '%s'", names[k], v);
			return -1;
		}
		if (k == 3)
			cs->scope.from = v;
		else
			cs->scope.to = v;
		break;
	}
	return 1;
}

int cli_scope_check(struct cli_scope *cs, const char *cmd, const char *usage)
{
	if (!cs->scope.form) {
		cli_usage_error(cmd, usage, "--form is required");
		return -1;
	}
	if (cs->scope.from && cs->scope.to &&
	    strcmp(cs->scope.from, cs->scope.to) > 0) {
		cli_usage_error(cmd, usage, "--from %s is after --to %s",
				cs->scope.from, cs->scope.to);
		return -1;
	}
	cs->scope.events = cs->events;
	cs->scope.nevents = cs->nevents;
	return 0;
}

int cli_scope_events_exist(const struct cli_scope *cs, struct store *s)
{
	for (size_t i = 0; i < cs->nevents; i++) {
		struct event e;
		int r = store_event_get(s, cs->events[i], &e);

		if (r < 0)
			return -1;
		if (!r)
			return error("no event '%s'", cs->events[i]);
		if (strcmp(e.form, cs->scope.form)) {
			error("event '%s' is for form '%s', not '%s'",
			      cs->events[i], e.form, cs->scope.form);
			event_release(&e);
			return -1;
		}
		event_release(&e);
	}
	return 0;
}
