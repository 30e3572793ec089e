/*
 * cmd-ideas.c - `sigsurvey ideas list|show|approve|edit|status|merge`:
 * the committee's moderation of the topic board from the command line,
 * the same changes as /admin/ideas.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "idea.h"
#include "util.h"

static const char usage_ideas[] =
	"usage: sigsurvey ideas list [--status STATUS]\n"
	"       sigsurvey ideas show ID\n"
	"       sigsurvey ideas approve ID\n"
	"       sigsurvey ideas edit ID [--topic TEXT] [--description TEXT]\n"
	"       sigsurvey ideas status ID STATUS [--event KEY] [--note TEXT]\n"
	"       sigsurvey ideas merge ID INTO_ID\n"
	"Statuses: new (awaiting moderation), suggested, planned, scheduled,\n"
	"done, declined; merged ideas are listed with --status merged.\n";

enum { O_STATUS, O_TOPIC, O_DESCRIPTION, O_EVENT, O_NOTE };

static const struct cli_option opts[] = {
	{ "--status", 1, O_STATUS }, { "--topic", 1, O_TOPIC },
	{ "--description", 1, O_DESCRIPTION }, { "--event", 1, O_EVENT },
	{ "--note", 1, O_NOTE }, { NULL, 0, 0 },
};

/* What one subcommand was given. */
struct args {
	const char *status, *topic, *description, *event, *note;
	long long id[2];
	const char *word;       /* status's STATUS */
};

/* Tabs and newlines in text would break the columns. */
static void cell(const char *s)
{
	for (; s && *s; s++)
		putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

static int parse_id(const char *s, long long *out)
{
	long v;

	if (cli_parse_long(s, &v) < 0 || v < 1)
		return error("'%s' is not an idea number", s);
	*out = v;
	return 0;
}

/*
 * Parses argv of subcommand sub (argv[0]) with nids ids and, for
 * status, a word; returns -1 to go on, else the exit status.
 */
static int parse(const char *sub, int argc, char **argv, int nids,
		 int word, struct args *a)
{
	char cmd[32];
	struct cli_opts p;
	int id;

	snprintf(cmd, sizeof(cmd), "ideas %s", sub);
	cli_opts_init(&p, cmd, usage_ideas, opts, argc, argv);
	p.max_operands = nids + word;
	while ((id = cli_opts_next(&p)) >= 0) {
		const char **slot[] = { &a->status, &a->topic, &a->description,
					&a->event, &a->note };

		*slot[id] = p.value;
	}
	if (id != CLI_OPT_END)
		return cli_opts_exit(id);
	if (p.nops != nids + word)
		return cli_usage_error(cmd, usage_ideas, "wrong number of "
				       "arguments");
	for (int i = 0; i < nids; i++)
		if (parse_id(argv[1 + i], &a->id[i]) < 0)
			return 1;
	a->word = word ? argv[1 + nids] : NULL;
	return -1;
}

static void print_idea(const struct idea_info *i)
{
	printf("id\t%lld\nstatus\t%s\nvotes\t%ld\ntopic\t", i->id, i->status,
	       i->votes);
	cell(i->topic);
	printf("\ndescription\t");
	cell(i->description);
	printf("\n");
	if (strcmp(i->topic, i->orig_topic)) {
		printf("member's topic\t");
		cell(i->orig_topic);
		printf("\n");
	}
	if (i->level)
		printf("level\t%s\n", i->level);
	if (i->format)
		printf("format\t%s\n", i->format);
	if (i->event)
		printf("event\t%s\t%s\n", i->event, i->event_date);
	if (i->note) {
		printf("note\t");
		cell(i->note);
		printf("\n");
	}
	if (i->merged_into)
		printf("merged into\t%lld\n", i->merged_into);
	printf("offers\t%ld to present, %ld to mentor\n", i->presenters,
	       i->mentors);
}

static int ideas_list(struct store *s, const struct args *a)
{
	struct idea_filter f = { .status = a->status, .limit = -1 };
	struct idea_info *v = NULL;
	char today[11];
	size_t n = 0;

	if (a->status && !idea_status_valid(a->status))
		return error("'%s' is not a status", a->status), 1;
	idea_today((long long)time(NULL), today);
	f.today = today;
	if (store_idea_list(s, &f, &v, &n) < 0)
		return 1;
	for (size_t i = 0; i < n; i++) {
		printf("%lld\t%s\t%ld\t", v[i].id, v[i].status, v[i].votes);
		cell(v[i].topic);
		printf("\n");
	}
	ideas_free(v, n);
	return fflush(stdout) == 0 ? 0 : 1;
}

static int ideas_show(struct store *s, const struct args *a)
{
	struct idea_info i = { 0 };
	struct idea_offer *o = NULL;
	char today[11];
	size_t n = 0;
	int found;

	idea_today((long long)time(NULL), today);
	found = store_idea_get(s, a->id[0], today, &i);
	if (found <= 0)
		return found < 0 ? 1 : (error("no idea %lld", a->id[0]), 1);
	print_idea(&i);
	if (store_idea_offers(s, i.id, &o, &n) == 0)
		for (size_t k = 0; k < n; k++) {
			printf("offer\t%s%s\t", o[k].present ? "present" : "",
			       o[k].mentor ? (o[k].present ? ",mentor"
							   : "mentor") : "");
			cell(o[k].name ? o[k].name : "(no name)");
			printf("\t");
			cell(o[k].email ? o[k].email : "(no email)");
			printf("\n");
		}
	idea_offers_free(o, n);
	idea_release(&i);
	return 0;
}

/* The checks of edit's and status's texts; 0, or -1 (logged). */
static int check_texts(const struct args *a)
{
	const char *bad;

	if (a->topic && (bad = idea_topic_problem(a->topic)))
		return error("--topic %s", bad);
	if (a->description &&
	    (bad = idea_description_problem(a->description)))
		return error("--description %s", bad);
	if (a->note && (bad = idea_note_problem(a->note)))
		return error("--note %s", bad);
	return 0;
}

/* Runs sub on the open store; the exit status. */
static int run(struct store *s, const char *sub, struct args *a)
{
	long long now = (long long)time(NULL);

	if (!strcmp(sub, "list"))
		return ideas_list(s, a);
	if (!strcmp(sub, "show"))
		return ideas_show(s, a);
	if (check_texts(a) < 0)
		return 1;
	if (!strcmp(sub, "approve") && !store_idea_approve(s, a->id[0], now))
		printf("approved idea %lld\n", a->id[0]);
	else if (!strcmp(sub, "edit") &&
		 !store_idea_edit(s, a->id[0], a->topic, a->description, now))
		printf("edited idea %lld\n", a->id[0]);
	else if (!strcmp(sub, "status") &&
		 !store_idea_status(s, a->id[0], a->word, a->event, a->note,
				    now))
		printf("idea %lld is %s\n", a->id[0], a->word);
	else if (!strcmp(sub, "merge") &&
		 !store_idea_merge(s, a->id[0], a->id[1], now))
		printf("merged idea %lld into %lld\n", a->id[0], a->id[1]);
	else
		return 1;
	return 0;
}

int cmd_ideas(struct cli *cli, int argc, char **argv)
{
	static const struct { const char *name; int ids, word; } subs[] = {
		{ "list", 0, 0 }, { "show", 1, 0 }, { "approve", 1, 0 },
		{ "edit", 1, 0 }, { "status", 1, 1 }, { "merge", 2, 0 },
	};
	const char *sub = argc > 1 ? argv[1] : NULL;
	struct args a = { 0 };
	struct store *s = NULL;
	int ret;

	if (!sub)
		return cli_usage_error("ideas", usage_ideas, "which subcommand?");
	if (!strcmp(sub, "--help") || !strcmp(sub, "-h")) {
		fputs(usage_ideas, stdout);
		return 0;
	}
	for (size_t i = 0; i < ARRAY_SIZE(subs); i++) {
		if (strcmp(sub, subs[i].name))
			continue;
		ret = parse(sub, argc - 1, argv + 1, subs[i].ids, subs[i].word,
			    &a);
		if (ret >= 0)
			return ret;
		if (cli_open_store(cli, &s, 0) < 0)
			return 1;
		ret = run(s, sub, &a);
		store_close(s);
		return ret;
	}
	return cli_usage_error("ideas", usage_ideas,
			       "unknown subcommand '%s'", sub);
}
