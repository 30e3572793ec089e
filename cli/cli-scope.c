/*
 * cli-scope.c - parsing and checking the scope options of `report` and
 * `export` (see cli-scope.h).
 */
#include "cli-scope.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "date.h"
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

int cli_scope_set(struct cli_scope *cs, const struct cli_opts *p, int id)
{
	const char *v = p->value;

	if (!*v) {
		cli_usage_error(p->cmd, p->usage, "%s needs a value", p->name);
		return -1;
	}
	if ((id == CLI_SCOPE_FROM || id == CLI_SCOPE_TO) && !date_valid(v)) {
		cli_usage_error(p->cmd, p->usage, "%s wants a date like "
				"2026-03-14, not '%s'", p->name, v);
		return -1;
	}
	switch (id) {
	case CLI_SCOPE_FORM:
		cs->scope.form = v;
		break;
	case CLI_SCOPE_EVENT:
		ALLOC_GROW(cs->events, cs->nevents + 1, cs->cap);
		cs->events[cs->nevents++] = v;
		break;
	case CLI_SCOPE_SERIES:
		cs->scope.series = v;
		break;
	case CLI_SCOPE_FROM:
		cs->scope.from = v;
		break;
	case CLI_SCOPE_TO:
		cs->scope.to = v;
		break;
	}
	return 0;
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
