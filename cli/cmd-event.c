/*
 * cmd-event.c - `sigsurvey event add|list|show|edit|close|open`: the
 * events a per-event form collects feedback for. Values are checked by
 * the event rules (core/event.c) before the store sees them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "certificate.h"
#include "cli.h"
#include "date.h"
#include "event.h"
#include "util.h"

static const char usage_event[] =
	"usage: sigsurvey event add --form FORM --key KEY --title TEXT --date DATE\n"
	"                           [OPTIONS]\n"
	"       sigsurvey event list [--form FORM]\n"
	"       sigsurvey event show KEY\n"
	"       sigsurvey event edit KEY [OPTIONS]\n"
	"       sigsurvey event close KEY\n"
	"       sigsurvey event open KEY\n";

static const char usage_fields[] =
	"\nOptions:\n"
	"  --form FORM         a per-event form (forms/FORM.yaml)\n"
	"  --key KEY           the event's URL slug: a-z, 0-9 and -, at most 64\n"
	"  --title TEXT        the event's title\n"
	"  --date YYYY-MM-DD   the day of the event\n"
	"  --location TEXT     where it takes place\n"
	"  --format CODE       in_person, webinar, hybrid, ...\n"
	"  --presenter TEXT    who presents\n"
	"  --attendees N       how many attended (for the response rate)\n"
	"  --series TEXT       a series tag that groups events in reports\n"
	"  --opens 'YYYY-MM-DD HH:MM'   first moment responses are taken\n"
	"                      (default for a new event: 00:00 on its date)\n"
	"  --closes 'YYYY-MM-DD HH:MM'  when responses stop (local time); a\n"
	"                      date alone means the end of that day\n"
	"  --window-days N     feedback closes N days after the event's date\n"
	"                      (default for a new event: 14)\n"
	"  --certificate-hours H  offer a certificate of attendance for H\n"
	"                      contact hours (1.5; tenths or quarters, at most\n"
	"                      100); empty: offer none\n";

static const char usage_add[] =
	"usage: sigsurvey event add --form FORM --key KEY --title TEXT"
	" --date YYYY-MM-DD\n"
	"           [--location TEXT] [--format CODE] [--presenter TEXT]\n"
	"           [--attendees N] [--series TEXT] [--opens TIME]"
	" [--closes TIME]\n"
	"           [--window-days N] [--certificate-hours H]\n";
static const char usage_edit[] =
	"usage: sigsurvey event edit KEY [--form FORM] [--title TEXT]"
	" [--date DATE]\n"
	"           [--location TEXT] [--format CODE] [--presenter TEXT]\n"
	"           [--attendees N] [--series TEXT] [--opens TIME]"
	" [--closes TIME]\n"
	"           [--window-days N] [--certificate-hours H]\n"
	"Only the options given change; an empty value clears an optional"
	" field.\n";
static const char usage_list[] =
	"usage: sigsurvey event list [--form FORM]\n"
	"One event per line, tab-separated: key, date, form, title, responses.\n";
static const char usage_show[] = "usage: sigsurvey event show KEY\n";
static const char usage_close[] =
	"usage: sigsurvey event close KEY\n"
	"Stops taking responses now.\n";
static const char usage_open[] =
	"usage: sigsurvey event open KEY\n"
	"Takes responses again: clears the closing time.\n";

/* Option ids: the event's fields, then what is stored beside it. */
#define O_CERT_HOURS EVENT_NFIELDS
#define F__MAX (EVENT_NFIELDS + 1)

/* The options that set an event's fields; the id is the field. */
static const struct cli_option field_opts[F__MAX + 1] = {
	{ "--form", 1, EVENT_FORM }, { "--key", 1, EVENT_KEY },
	{ "--title", 1, EVENT_TITLE }, { "--date", 1, EVENT_DATE },
	{ "--location", 1, EVENT_LOCATION }, { "--format", 1, EVENT_FORMAT },
	{ "--presenter", 1, EVENT_PRESENTER },
	{ "--attendees", 1, EVENT_ATTENDEES },
	{ "--series", 1, EVENT_SERIES }, { "--opens", 1, EVENT_OPENS },
	{ "--closes", 1, EVENT_CLOSES },
	{ "--window-days", 1, EVENT_WINDOW_DAYS },
	{ "--certificate-hours", 1, O_CERT_HOURS }, { NULL, 0, 0 },
};
static const struct cli_option list_opts[] = {
	{ "--form", 1, EVENT_FORM }, { NULL, 0, 0 },
};
static const struct cli_option no_opts[] = { { NULL, 0, 0 } };

/*
 * Parses argv[1..] with the options of table into val (NULL: not given)
 * and at most max_ops operands, kept at argv[1 .. *nops]. Returns 0, 1
 * after printing help, or 2 after a usage error.
 */
static int parse_fields(const char *cmd, const char *usage,
			const struct cli_option *table, int max_ops, int argc,
			char **argv, const char *val[F__MAX], int *nops)
{
	struct cli_opts p;
	int id;

	memset(val, 0, sizeof(val[0]) * F__MAX);
	cli_opts_init(&p, cmd, usage, table, argc, argv);
	p.max_operands = max_ops;
	if (table != no_opts)
		p.help_extra = usage_fields;
	while ((id = cli_opts_next(&p)) >= 0)
		val[id] = p.value;
	*nops = p.nops;
	if (id != CLI_OPT_END)
		return id == CLI_OPT_HELP ? 1 : 2;
	return 0;
}

/* Appends local time t as 'YYYY-MM-DD HH:MM', or "-" for none. */
static void time_text(struct buf *out, long long t)
{
	if (t)
		date_local_add(out, t, ' ');
	else
		buf_adds(out, "-");
}

/*
 * Checks the given option values against the event rules into *out (a
 * new event: release it). old: the stored event when editing, else
 * NULL. Returns 0, or 1 after printing one line per wrong field.
 */
static int check_fields(const struct cli *cli, const struct event *old,
			const char *val[F__MAX], struct event *out)
{
	struct event_spec spec;
	struct event_errors err = { .n = 0 };
	struct formset fs = { 0 };

	memcpy(spec.v, val, sizeof(spec.v));
	/* always loaded: site.yaml's timezone reads the times given */
	if (cli_load_forms(cli, &fs) < 0 && val[EVENT_FORM]) {
		formset_release(&fs);
		return 1;
	}
	event_check(&spec, old, val[EVENT_FORM] ? &fs : NULL, out, &err);
	for (size_t i = 0; i < err.n; i++) {
		enum event_field f = err.v[i].field;

		error("--%s '%s': %s", event_field_name(f),
		      val[f] ? val[f] : "", err.v[i].msg);
	}
	formset_release(&fs);
	return err.n ? 1 : 0;
}

/*
 * --certificate-hours: the minutes it gives (0 for ""), or -1 after
 * saying what is wrong. Applied after the event itself is stored.
 */
static long cert_minutes(const char *v)
{
	const char *why;
	long m = 0;

	if (!*v)
		return 0;
	why = certificate_hours_problem(v, &m);
	if (why)
		return error("--certificate-hours '%s': %s", v, why);
	return m;
}

static int event_add(struct cli *cli, int argc, char **argv)
{
	static const char *const required[] = { "form", "key", "title", "date" };
	static const enum event_field req[] = { EVENT_FORM, EVENT_KEY,
						 EVENT_TITLE, EVENT_DATE };
	const char *val[F__MAX];
	struct event e = { 0 };
	struct store *s = NULL;
	long minutes = 0;
	int nops, ret;

	ret = parse_fields("event add", usage_add, field_opts, 0, argc, argv,
			   val, &nops);
	if (ret)
		return ret == 1 ? 0 : ret;
	for (size_t i = 0; i < ARRAY_SIZE(req); i++)
		if (!val[req[i]])
			return cli_usage_error("event add", usage_add,
					       "--%s is required", required[i]);
	ret = check_fields(cli, NULL, val, &e);
	if (ret)
		goto out;
	ret = 1;
	if (val[O_CERT_HOURS] && (minutes = cert_minutes(val[O_CERT_HOURS])) < 0)
		goto out;
	if (cli_open_store(cli, &s, CLI_DB_CREATE) < 0 ||
	    store_event_add(s, &e) < 0 ||
	    (minutes > 0 && store_event_certificate_set(s, e.key, minutes) < 0))
		goto out;
	printf("added event %s: /f/%s/%s\n", e.key, e.form, e.key);
	ret = 0;
out:
	store_close(s);
	event_release(&e);
	return ret;
}

static int event_list(struct cli *cli, int argc, char **argv)
{
	const char *val[F__MAX];
	struct store *s = NULL;
	struct event *v = NULL;
	size_t n = 0;
	int nops, ret;

	ret = parse_fields("event list", usage_list, list_opts, 0, argc, argv,
			   val, &nops);
	if (ret)
		return ret == 1 ? 0 : ret;
	ret = 1;
	if (cli_open_store(cli, &s, 0) < 0 ||
	    store_event_list(s, val[EVENT_FORM], &v, &n) < 0)
		goto out;
	if (isatty(STDOUT_FILENO))
		printf("key\tdate\tform\ttitle\tresponses\n");
	for (size_t i = 0; i < n; i++)
		printf("%s\t%s\t%s\t%s\t%ld\n", v[i].key, v[i].date, v[i].form,
		       v[i].title, v[i].responses);
	ret = fflush(stdout) == 0 ? 0 : 1;
out:
	events_free(v, n);
	store_close(s);
	return ret;
}

/* Parses "KEY" and --help for show/close/open; fills *key. */
static int parse_key(const char *cmd, const char *usage, int argc, char **argv,
		     const char **key)
{
	const char *val[F__MAX];
	int nops, ret;

	ret = parse_fields(cmd, usage, no_opts, 1, argc, argv, val, &nops);
	if (ret)
		return ret;
	if (nops == 0)
		return cli_usage_error(cmd, usage, "which event? give its key");
	*key = argv[1];
	return 0;
}

/* Opens the store and reads event key; 0, or 1 with the message. */
static int load_event(const struct cli *cli, struct store **s,
		      const char *key, struct event *e)
{
	int found;

	if (cli_open_store(cli, s, 0) < 0)
		return 1;
	found = store_event_get(*s, key, e);
	if (found < 0)
		return 1;
	if (!found)
		return error("no event '%s' (see sigsurvey event list)", key),
		       1;
	return 0;
}

static const char *state_name(const struct event *e, long long now)
{
	if (event_is_open(e, now))
		return "open";
	if (e->opens && now < e->opens)
		return "not open yet";
	return "closed";
}

static int event_show(struct cli *cli, int argc, char **argv)
{
	struct event e = { 0 };
	struct store *s = NULL;
	const char *key = NULL;
	struct buf opens = BUF_INIT, closes = BUF_INIT;
	int ret;

	ret = parse_key("event show", usage_show, argc, argv, &key);
	if (ret)
		return ret == 1 ? 0 : ret;
	ret = load_event(cli, &s, key, &e);
	if (ret)
		goto out;
	time_text(&opens, e.opens);
	time_text(&closes, e.closes);
	printf("key: %s\nform: %s\ntitle: %s\ndate: %s\n", e.key, e.form,
	       e.title, e.date);
	printf("location: %s\nformat: %s\npresenter: %s\nseries: %s\n",
	       e.location ? e.location : "-", e.format ? e.format : "-",
	       e.presenter ? e.presenter : "-", e.series ? e.series : "-");
	if (e.attendees >= 0)
		printf("attendees: %ld\n", e.attendees);
	else
		printf("attendees: -\n");
	printf("opens: %s\ncloses: %s\nstate: %s\nresponses: %ld\n", opens.s,
	       closes.s, state_name(&e, (long long)time(NULL)), e.responses);
	if (e.attendees > 0)
		printf("response rate: %.0f%%\n",
		       100.0 * (double)e.responses / (double)e.attendees);
	{
		long m = store_event_certificate_minutes(s, e.key);
		char hours[16] = "-";

		if (m > 0)
			certificate_hours_text(m, hours);
		printf("certificate hours: %s\n", hours);
	}
	printf("url: /f/%s/%s\n", e.form, e.key);
out:
	buf_release(&opens);
	buf_release(&closes);
	event_release(&e);
	store_close(s);
	return ret;
}

static int event_edit(struct cli *cli, int argc, char **argv)
{
	const char *val[F__MAX];
	struct event e = { 0 }, n = { 0 };
	struct store *s = NULL;
	long minutes = 0;
	int nops, ret;

	ret = parse_fields("event edit", usage_edit, field_opts, 1, argc, argv,
			   val, &nops);
	if (ret)
		return ret == 1 ? 0 : ret;
	if (nops == 0)
		return cli_usage_error("event edit", usage_edit,
				       "which event? give its key");
	if (val[EVENT_KEY])
		return cli_usage_error("event edit", usage_edit,
				       "the key of an event cannot change (it is"
				       " in its URL)");
	ret = load_event(cli, &s, argv[1], &e);
	if (ret)
		goto out;
	ret = check_fields(cli, &e, val, &n);
	if (ret)
		goto out;
	ret = 1;
	if (val[O_CERT_HOURS] &&
	    (minutes = cert_minutes(val[O_CERT_HOURS])) < 0)
		goto out;
	ret = store_event_update(s, &n) < 0 ||
	      (val[O_CERT_HOURS] &&
	       store_event_certificate_set(s, n.key, minutes) < 0);
	if (!ret)
		printf("updated event %s\n", n.key);
out:
	event_release(&n);
	event_release(&e);
	store_close(s);
	return ret;
}

/* close (open = 0) or reopen (open = 1) an event. */
static int event_set_open(struct cli *cli, int argc, char **argv, int open)
{
	const char *cmd = open ? "event open" : "event close";
	struct event e = { 0 };
	struct store *s = NULL;
	const char *key = NULL;
	long long now = (long long)time(NULL);
	struct buf when = BUF_INIT;
	int ret;

	ret = parse_key(cmd, open ? usage_open : usage_close, argc, argv, &key);
	if (ret)
		return ret == 1 ? 0 : ret;
	ret = load_event(cli, &s, key, &e);
	if (ret)
		goto out;
	if (!open && e.closes && e.closes <= now) {
		time_text(&when, e.closes);
		printf("event %s was already closed at %s\n", e.key, when.s);
		goto out;
	}
	if (open) {
		e.closes = 0;
		if (e.opens > now)
			e.opens = 0;
	} else {
		e.closes = now;
		if (e.opens > now)
			e.opens = 0;
	}
	ret = store_event_update(s, &e) < 0;
	if (!ret)
		printf("%s event %s\n", open ? "opened" : "closed", e.key);
out:
	buf_release(&when);
	event_release(&e);
	store_close(s);
	return ret;
}

int cmd_event(struct cli *cli, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : NULL;

	if (!sub)
		return cli_usage_error("event", usage_event,
				       "which subcommand?");
	if (!strcmp(sub, "--help") || !strcmp(sub, "-h")) {
		fputs(usage_event, stdout);
		fputs(usage_fields, stdout);
		return 0;
	}
	if (!strcmp(sub, "add"))
		return event_add(cli, argc - 1, argv + 1);
	if (!strcmp(sub, "list"))
		return event_list(cli, argc - 1, argv + 1);
	if (!strcmp(sub, "show"))
		return event_show(cli, argc - 1, argv + 1);
	if (!strcmp(sub, "edit"))
		return event_edit(cli, argc - 1, argv + 1);
	if (!strcmp(sub, "close"))
		return event_set_open(cli, argc - 1, argv + 1, 0);
	if (!strcmp(sub, "open"))
		return event_set_open(cli, argc - 1, argv + 1, 1);
	return cli_usage_error("event", usage_event, "unknown subcommand '%s'",
			       sub);
}
