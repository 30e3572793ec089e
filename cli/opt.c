/*
 * opt.c - the one option parser every subcommand uses (see cli.h), and
 * the usage errors it and the commands report.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_usage_error(const char *cmd, const char *usage_text, const char *fmt,
		    ...)
{
	va_list ap;

	fprintf(stderr, "sigsurvey %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s", usage_text);
	return 2;
}

int cli_parse_long(const char *s, long *out)
{
	char *end;
	long v;

	if (!s || !*s || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

void cli_opts_init(struct cli_opts *p, const char *cmd, const char *usage,
		   const struct cli_option *table, int argc, char **argv)
{
	memset(p, 0, sizeof(*p));
	p->cmd = cmd;
	p->usage = usage;
	p->table = table;
	p->argc = argc;
	p->argv = argv;
	p->next = 1;
}

/* Keeps operand a at argv[1 + nops]; an error past max_operands. */
static int take_operand(struct cli_opts *p, char *a)
{
	if (p->nops >= p->max_operands) {
		cli_usage_error(p->cmd, p->usage, "unexpected argument '%s'", a);
		return CLI_OPT_ERROR;
	}
	p->argv[1 + p->nops++] = a;
	return 0;
}

/* The table entry for a ("--name", "--name=value" or "-o"), or NULL. */
static const struct cli_option *lookup(const struct cli_option *t,
				       const char *a, size_t len)
{
	for (; t->name; t++)
		if (strlen(t->name) == len && !strncmp(a, t->name, len))
			return t;
	return NULL;
}

int cli_opts_next(struct cli_opts *p)
{
	while (p->next < p->argc) {
		char *a = p->argv[p->next++];
		const struct cli_option *o;
		const char *eq = NULL;
		size_t len;

		if (p->only_operands || a[0] != '-' || !a[1]) {
			if (take_operand(p, a) < 0)
				return CLI_OPT_ERROR;
			continue;
		}
		if (!strcmp(a, "--")) {
			p->only_operands = 1;
			continue;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(p->usage, stdout);
			if (p->help_extra)
				fputs(p->help_extra, stdout);
			return CLI_OPT_HELP;
		}
		if (a[1] == '-')
			eq = strchr(a, '=');
		len = eq ? (size_t)(eq - a) : strlen(a);
		o = lookup(p->table, a, len);
		if (!o) {
			cli_usage_error(p->cmd, p->usage,
					"unknown option '%.*s'", (int)len, a);
			return CLI_OPT_ERROR;
		}
		p->name = o->name;
		p->value = NULL;
		if (o->has_value && eq) {
			p->value = eq + 1;
		} else if (o->has_value) {
			if (p->next >= p->argc) {
				cli_usage_error(p->cmd, p->usage,
						"%s needs a value", o->name);
				return CLI_OPT_ERROR;
			}
			p->value = p->argv[p->next++];
		} else if (eq) {
			cli_usage_error(p->cmd, p->usage, "%s takes no value",
					o->name);
			return CLI_OPT_ERROR;
		}
		return o->id;
	}
	return CLI_OPT_END;
}

int cli_opts_exit(int r)
{
	return r == CLI_OPT_HELP ? 0 : 2;
}
