/*
 * admin-value.c - the committee area's request fields as typed values:
 * one table of the field names a route may declare, each with its
 * validator, run once per request before the handler (kcgi's kvalid is
 * the model), and the readers handlers use instead of parsing text.
 */
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "date.h"
#include "event.h"
#include "idea.h"
#include "util.h"

#define KEY_MAX 64

enum where { IN_QUERY, IN_BODY };

/* A field: its name, where it comes from, and what it may hold. */
struct spec {
	const char *name;
	enum where in;
	int (*check)(const struct spec *f, const char *s, long long *n);
	long long lo, hi;           /* integers: range */
	const char *const *words;   /* enums: the words, NULL-terminated */
	unsigned many;              /* most occurrences; 0: once */
	const char *want;           /* what a valid value is, for the 400 */
};

static int check_int(const struct spec *f, const char *s, long long *n)
{
	char *end;
	long long v;

	if (!(*s >= '0' && *s <= '9') || strlen(s) > 18)
		return 0;
	v = strtoll(s, &end, 10);
	*n = v;
	return !*end && v >= f->lo && v <= f->hi;
}

/* An event's short address, by the event rule (core/event.c). */
static int check_event(const struct spec *f, const char *s, long long *n)
{
	return event_key_valid(s);
}

/* A form's key: a lower-case letter, then [a-z0-9_-]. */
static int check_form(const struct spec *f, const char *s, long long *n)
{
	size_t len = strlen(s);

	return len <= KEY_MAX && *s >= 'a' && *s <= 'z' &&
	       strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_-") == len;
}

static int check_date(const struct spec *f, const char *s, long long *n)
{
	return date_valid(s);
}

/*
 * One line of text by the event rule (core/event.c), and not an option
 * ("-x"): series and titles go to a report child's argv.
 */
static int check_line(const struct spec *f, const char *s, long long *n)
{
	return s[0] != '-' && event_line_valid(s);
}

/* One of f->words; *n is its index. */
static int check_enum(const struct spec *f, const char *s, long long *n)
{
	for (long long i = 0; f->words[i]; i++)
		if (!strcmp(s, f->words[i])) {
			*n = i;
			return 1;
		}
	return 0;
}

/* A word of lower-case letters (actions, notices), at most 16. */
static int check_word(const struct spec *f, const char *s, long long *n)
{
	size_t len = strlen(s);

	return len <= 16 && strspn(s, "abcdefghijklmnopqrstuvwxyz") == len;
}

/* A checkbox: "1" or "on" sets it. */
static int check_flag(const struct spec *f, const char *s, long long *n)
{
	*n = 1;
	return !strcmp(s, "1") || !strcmp(s, "on");
}

static const char *const papers[] = { "a4", "letter", NULL };
static const char *const formats[] = { "csv", "jsonl", NULL };
static const char *const confirms[] = { "delete", NULL };
static const char *const roles[] = { "viewer", "admin", NULL };

#define LINE_WANT "one line of at most 500 characters, not starting " \
		  "with a dash"
#define DATE_WANT "a date written YYYY-MM-DD"

static const struct spec specs[] = {
	{ "page", IN_QUERY, check_int, 1, 1000000, NULL, 0,
	  "a page number from 1 to 1000000" },
	{ "form", IN_QUERY, check_form, 0, 0, NULL, 0,
	  "a form's short name: lower-case letters, digits, dashes and "
	  "underscores" },
	{ "event", IN_QUERY, check_event, 0, 0, NULL, 16,
	  "an event's short address: lower-case letters, digits and "
	  "dashes (at most 16 events)" },
	{ "series", IN_QUERY, check_line, 0, 0, NULL, 0, LINE_WANT },
	{ "title", IN_QUERY, check_line, 0, 0, NULL, 0, LINE_WANT },
	{ "from", IN_QUERY, check_date, 0, 0, NULL, 0, DATE_WANT },
	{ "to", IN_QUERY, check_date, 0, 0, NULL, 0, DATE_WANT },
	{ "paper", IN_QUERY, check_enum, 0, 0, papers, 0, "a4 or letter" },
	{ "format", IN_QUERY, check_enum, 0, 0, formats, 0, "csv or jsonl" },
	{ "labels", IN_QUERY, check_flag, 0, 0, NULL, 0, "1 when ticked" },
	{ "excel", IN_QUERY, check_flag, 0, 0, NULL, 0, "1 when ticked" },
	{ "codes", IN_QUERY, check_flag, 0, 0, NULL, 0, "1 when ticked" },
	{ "options", IN_QUERY, check_flag, 0, 0, NULL, 0, "1 to choose" },
	{ "done", IN_QUERY, check_word, 0, 0, NULL, 0,
	  "a word of lower-case letters" },
	{ "confirm", IN_QUERY, check_enum, 0, 0, confirms, 0, "delete" },
	{ "action", IN_BODY, check_word, 0, 0, NULL, 0,
	  "a word of lower-case letters" },
	{ "response", IN_BODY, check_int, 1, 999999999999LL, NULL, 0,
	  "a response number" },
	{ "role", IN_BODY, check_enum, 0, 0, roles, 0, "viewer or admin" },
	{ "invite-role", IN_BODY, check_enum, 0, 0, roles, 0,
	  "viewer or admin" },
	/* the topic board (admin-ideas.c) */
	{ "status", IN_QUERY, check_enum, 0, 0, idea_statuses, 0,
	  "an idea's status: new, suggested, planned, scheduled, done, "
	  "declined or merged" },
	{ "set", IN_BODY, check_enum, 0, 0, idea_public_statuses, 0,
	  "suggested, planned, scheduled, done or declined" },
	{ "link", IN_BODY, check_event, 0, 0, NULL, 0,
	  "an event's short address" },
	{ "into", IN_BODY, check_int, 1, 999999999999LL, NULL, 0,
	  "an idea's number" },
};

static const struct spec *find_spec(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(specs); i++)
		if (!strcmp(specs[i].name, name))
			return &specs[i];
	return NULL;
}

int admin_segment_ok(const char *kind, const char *s, long long *id)
{
	static const struct spec idspec = { .lo = 1, .hi = 999999999999LL };
	long long n = 0;

	*id = 0;
	if (!*s)
		return 0;
	if (!strcmp(kind, ":event"))
		return check_event(NULL, s, &n);
	if (!strcmp(kind, ":form"))
		return check_form(NULL, s, &n);
	if (!strcmp(kind, ":id") && check_int(&idspec, s, &n)) {
		*id = n;
		return 1;
	}
	return 0;
}

/* 1 when name is one of the space-separated names in list. */
static int declared(const char *list, const char *name)
{
	size_t len = strlen(name);

	for (const char *s = list; s && *s;) {
		size_t n = strcspn(s, " ");

		if (n == len && !strncmp(s, name, n))
			return 1;
		s += n + (s[n] == ' ');
	}
	return 0;
}

/* Checks every occurrence of field f in fs; adds problems to err. */
static void check_field(struct areq *a, const struct spec *f,
			const struct fields *fs, struct admin_errors *err)
{
	unsigned seen = 0, most = f->many ? f->many : 1;

	for (size_t i = 0; i < fs->n; i++) {
		const struct field *x = &fs->v[i];
		struct admin_value *v;
		long long n = 0;

		if (strcmp(x->name, f->name) || !x->len)
			continue;
		if (++seen > most || a->nval == ADMIN_VALUES_MAX) {
			admin_error_add(err, f->name, "is given too many times");
			return;
		}
		if (strlen(x->value) != x->len ||
		    !utf8_valid(x->value, x->len) || !f->check(f, x->value, &n)) {
			admin_error_add(err, f->name, f->want);
			return;
		}
		v = &a->val[a->nval++];
		v->name = f->name;
		v->s = x->value;
		v->n = n;
	}
}

/* The 400 page: each field named with what it should be. */
static void bad_page(struct areq *a, const struct admin_errors *err)
{
	struct html *h = a->h;

	a->p->rs->status = 400;
	buf_reset(&h->b);
	admin_begin(a, "A value is not valid", NULL);
	html_lit(h, "<h1>A value is not valid</h1>\n<p class=\"lead\">This "
		 "page was asked for with a value it cannot use. Nothing was "
		 "changed.</p>\n<ul>");
	for (size_t i = 0; i < err->n; i++) {
		html_lit(h, "<li><code>");
		html_text(h, err->id[i]);
		html_lit(h, "</code>: ");
		html_text(h, err->msg[i]);
		html_lit(h, "</li>");
	}
	html_lit(h, "</ul>\n<p><a");
	page_href(a->p, "/admin");
	html_lit(h, ">Back to the dashboard</a></p>\n");
	admin_end(a);
}

int admin_values_check(struct areq *a)
{
	struct admin_errors err = { 0 };
	const char *s = a->fields;

	a->nval = 0;
	while (s && *s) {
		size_t n = strcspn(s, " ");
		char name[32];
		const struct spec *f;

		if (n >= sizeof(name))
			n = sizeof(name) - 1;
		memcpy(name, s, n);
		name[n] = '\0';
		s += n + (s[n] == ' ');
		f = find_spec(name);
		if (!f) {
			warning("admin: route declares unknown field %s", name);
			continue;
		}
		check_field(a, f, f->in == IN_QUERY ? &a->query : &a->form,
			    &err);
	}
	if (!err.n)
		return 0;
	bad_page(a, &err);
	return -1;
}

/* The first checked value of name, or NULL; name must be declared. */
static const struct admin_value *value(const struct areq *a,
				       const char *name)
{
	if (!declared(a->fields, name))
		warning("admin: %s read but not declared by the route", name);
	for (size_t i = 0; i < a->nval; i++)
		if (!strcmp(a->val[i].name, name))
			return &a->val[i];
	return NULL;
}

const char *areq_valid(const struct areq *a, const char *name)
{
	const struct admin_value *v = value(a, name);

	return v ? v->s : NULL;
}

long long areq_int(const struct areq *a, const char *name, long long absent)
{
	const struct admin_value *v = value(a, name);

	return v ? v->n : absent;
}

size_t areq_valid_all(const struct areq *a, const char *name,
		      const char **out, size_t max)
{
	size_t k = 0;

	value(a, name);
	for (size_t i = 0; i < a->nval && k < max; i++)
		if (!strcmp(a->val[i].name, name))
			out[k++] = a->val[i].s;
	return k;
}
