/*
 * cmd-event.c - `sigsurvey event add|list|show|edit|close|open`: the
 * events a per-event form collects feedback for. Values are checked here
 * (slug, date, times, numbers, one-line texts) before the store sees them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "certificate.h"
#include "cli.h"
#include "util.h"

#define KEY_MAX 64

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
	"  --closes 'YYYY-MM-DD HH:MM'  when responses stop (local time)\n"
	"  --certificate-hours H  offer a certificate of attendance for H\n"
	"                      contact hours (1.5; tenths or quarters, at most\n"
	"                      100); empty: offer none\n";

static const char usage_add[] =
	"usage: sigsurvey event add --form FORM --key KEY --title TEXT"
	" --date YYYY-MM-DD\n"
	"           [--location TEXT] [--format CODE] [--presenter TEXT]\n"
	"           [--attendees N] [--series TEXT] [--opens TIME]"
	" [--closes TIME]\n"
	"           [--certificate-hours H]\n";
static const char usage_edit[] =
	"usage: sigsurvey event edit KEY [--form FORM] [--title TEXT]"
	" [--date DATE]\n"
	"           [--location TEXT] [--format CODE] [--presenter TEXT]\n"
	"           [--attendees N] [--series TEXT] [--opens TIME]"
	" [--closes TIME]\n"
	"           [--certificate-hours H]\n"
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

enum efield {
	F_FORM, F_KEY, F_TITLE, F_DATE, F_LOCATION, F_FORMAT, F_PRESENTER,
	F_ATTENDEES, F_SERIES, F_OPENS, F_CLOSES, F_CERT_HOURS, F__MAX
};

/* The options that set an event's fields; the id is the field. */
static const struct cli_option field_opts[F__MAX + 1] = {
	{ "--form", 1, F_FORM }, { "--key", 1, F_KEY },
	{ "--title", 1, F_TITLE }, { "--date", 1, F_DATE },
	{ "--location", 1, F_LOCATION }, { "--format", 1, F_FORMAT },
	{ "--presenter", 1, F_PRESENTER }, { "--attendees", 1, F_ATTENDEES },
	{ "--series", 1, F_SERIES }, { "--opens", 1, F_OPENS },
	{ "--closes", 1, F_CLOSES },
	{ "--certificate-hours", 1, F_CERT_HOURS }, { NULL, 0, 0 },
};
static const struct cli_option list_opts[] = {
	{ "--form", 1, F_FORM }, { NULL, 0, 0 },
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

/* 1 when s is a slug: [a-z0-9][a-z0-9-]*, at most KEY_MAX bytes. */
static int slug_valid(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > KEY_MAX || s[0] == '-')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

/* One line of UTF-8 text: no control characters (tabs and newlines
 * would break `event list`). */
static int line_valid(const char *s)
{
	if (!utf8_valid(s, strlen(s)))
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

/* Parses 'YYYY-MM-DD HH:MM' (or T, or a bare date: 00:00), local time. */
static int parse_time(const char *s, long long *out)
{
	char date[11];
	struct tm tm = { 0 };
	int hh = 0, mm = 0;
	size_t n = strlen(s);
	time_t t;

	if (n != 10 && n != 16)
		return -1;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (!date_valid(date))
		return -1;
	if (n == 16) {
		if ((s[10] != ' ' && s[10] != 'T') || s[13] != ':')
			return -1;
		for (int i = 11; i < 16; i++)
			if (i != 13 && (s[i] < '0' || s[i] > '9'))
				return -1;
		hh = (s[11] - '0') * 10 + (s[12] - '0');
		mm = (s[14] - '0') * 10 + (s[15] - '0');
		if (hh > 23 || mm > 59)
			return -1;
	}
	tm.tm_year = atoi(date) - 1900;
	tm.tm_mon = atoi(date + 5) - 1;
	tm.tm_mday = atoi(date + 8);
	tm.tm_hour = hh;
	tm.tm_min = mm;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	if (t == (time_t)-1)
		return -1;
	*out = (long long)t;
	return 0;
}

static void format_time(long long t, char *out, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!t || !localtime_r(&tt, &tm) ||
	    !strftime(out, size, "%Y-%m-%d %H:%M", &tm))
		snprintf(out, size, "-");
}

/* Replaces *slot with a copy of v; "" clears an optional field. */
static void set_text(char **slot, const char *v)
{
	free(*slot);
	*slot = *v ? xstrdup(v) : NULL;
}

/*
 * Applies the given option values to e, checking each. forms is loaded
 * when --form is given. Returns 0, or 1 after printing what is wrong.
 */
static int apply_fields(const struct cli *cli, struct event *e,
			const char *val[F__MAX])
{
	int bad = 0;

	for (int i = 0; i < F__MAX; i++) {
		if (val[i] && !line_valid(val[i])) {
			error("%s must be one line of text",
			      field_opts[i].name);
			bad = 1;
		}
	}
	if (bad)
		return 1;
	if (val[F_FORM]) {
		struct formset fs = { 0 };
		const struct form *f;

		cli_load_forms(cli, &fs);
		f = formset_find(&fs, val[F_FORM]);
		if (!f)
			bad = error("no form '%s' in %s", val[F_FORM],
				    cli->forms);
		else if (!f->per_event)
			bad = error("form '%s' is a standing form, not one per"
				    " event (per_event: true)", val[F_FORM]);
		else
			set_text(&e->form, val[F_FORM]);
		formset_release(&fs);
		if (bad)
			return 1;
	}
	if (val[F_KEY]) {
		if (!slug_valid(val[F_KEY]))
			return error("--key '%s': use a-z, 0-9 and -, not"
				     " starting with -, at most %d characters",
				     val[F_KEY], KEY_MAX), 1;
		set_text(&e->key, val[F_KEY]);
	}
	if (val[F_TITLE]) {
		if (!*val[F_TITLE])
			return error("--title must not be empty"), 1;
		set_text(&e->title, val[F_TITLE]);
	}
	if (val[F_DATE]) {
		if (!date_valid(val[F_DATE]))
			return error("--date '%s' is not a date (YYYY-MM-DD)",
				     val[F_DATE]), 1;
		set_text(&e->date, val[F_DATE]);
	}
	if (val[F_LOCATION])
		set_text(&e->location, val[F_LOCATION]);
	if (val[F_FORMAT]) {
		if (*val[F_FORMAT] && !key_valid(val[F_FORMAT]))
			return error("--format '%s': use a code like in_person,"
				     " webinar or hybrid", val[F_FORMAT]), 1;
		set_text(&e->format, val[F_FORMAT]);
	}
	if (val[F_PRESENTER])
		set_text(&e->presenter, val[F_PRESENTER]);
	if (val[F_SERIES])
		set_text(&e->series, val[F_SERIES]);
	if (val[F_ATTENDEES]) {
		long n = -1;

		if (*val[F_ATTENDEES] &&
		    cli_parse_long(val[F_ATTENDEES], &n) < 0)
			return error("--attendees '%s' is not a whole number",
				     val[F_ATTENDEES]), 1;
		e->attendees = n;
	}
	if (val[F_OPENS]) {
		long long t = 0;

		if (*val[F_OPENS] && parse_time(val[F_OPENS], &t) < 0)
			return error("--opens '%s' is not a time"
				     " (YYYY-MM-DD HH:MM)", val[F_OPENS]), 1;
		e->opens = t;
	}
	if (val[F_CLOSES]) {
		long long t = 0;

		if (*val[F_CLOSES] && parse_time(val[F_CLOSES], &t) < 0)
			return error("--closes '%s' is not a time"
				     " (YYYY-MM-DD HH:MM)", val[F_CLOSES]), 1;
		e->closes = t;
	}
	if (e->opens && e->closes && e->closes <= e->opens)
		return error("the event would close before it opens"), 1;
	return 0;
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
	static const enum efield req[] = { F_FORM, F_KEY, F_TITLE, F_DATE };
	const char *val[F__MAX];
	struct event e = { .attendees = -1 };
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
	ret = apply_fields(cli, &e, val);
	if (ret)
		goto out;
	ret = 1;
	if (val[F_CERT_HOURS] && (minutes = cert_minutes(val[F_CERT_HOURS])) < 0)
		goto out;
	if (cli_open_store(cli, &s, 0) < 0 || store_event_add(s, &e) < 0 ||
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
	    store_event_list(s, val[F_FORM], &v, &n) < 0)
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
	char opens[32], closes[32];
	int ret;

	ret = parse_key("event show", usage_show, argc, argv, &key);
	if (ret)
		return ret == 1 ? 0 : ret;
	ret = load_event(cli, &s, key, &e);
	if (ret)
		goto out;
	format_time(e.opens, opens, sizeof(opens));
	format_time(e.closes, closes, sizeof(closes));
	printf("key: %s\nform: %s\ntitle: %s\ndate: %s\n", e.key, e.form,
	       e.title, e.date);
	printf("location: %s\nformat: %s\npresenter: %s\nseries: %s\n",
	       e.location ? e.location : "-", e.format ? e.format : "-",
	       e.presenter ? e.presenter : "-", e.series ? e.series : "-");
	if (e.attendees >= 0)
		printf("attendees: %ld\n", e.attendees);
	else
		printf("attendees: -\n");
	printf("opens: %s\ncloses: %s\nstate: %s\nresponses: %ld\n", opens,
	       closes, state_name(&e, (long long)time(NULL)), e.responses);
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
	event_release(&e);
	store_close(s);
	return ret;
}

static int event_edit(struct cli *cli, int argc, char **argv)
{
	const char *val[F__MAX];
	struct event e = { 0 };
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
	if (val[F_KEY])
		return cli_usage_error("event edit", usage_edit,
				       "the key of an event cannot change (it is"
				       " in its URL)");
	ret = load_event(cli, &s, argv[1], &e);
	if (ret)
		goto out;
	if (val[F_FORM] && strcmp(val[F_FORM], e.form) && e.responses > 0) {
		error("event %s has %ld responses to form %s; its form cannot"
		      " change", e.key, e.responses, e.form);
		ret = 1;
		goto out;
	}
	ret = apply_fields(cli, &e, val);
	if (ret)
		goto out;
	ret = 1;
	if (val[F_CERT_HOURS] && (minutes = cert_minutes(val[F_CERT_HOURS])) < 0)
		goto out;
	ret = store_event_update(s, &e) < 0 ||
	      (val[F_CERT_HOURS] &&
	       store_event_certificate_set(s, e.key, minutes) < 0);
	if (!ret)
		printf("updated event %s\n", e.key);
out:
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
	char when[32];
	int ret;

	ret = parse_key(cmd, open ? usage_open : usage_close, argc, argv, &key);
	if (ret)
		return ret == 1 ? 0 : ret;
	ret = load_event(cli, &s, key, &e);
	if (ret)
		goto out;
	if (!open && e.closes && e.closes <= now) {
		format_time(e.closes, when, sizeof(when));
		printf("event %s was already closed at %s\n", e.key, when);
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
