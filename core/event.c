/*
 * event.c - the rules of an event, one copy for the command line and the
 * admin area: key, one-line texts, format codes, attendees, date, opening
 * and closing times; and the merge of what was typed with what is stored.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "event.h"
#include "util.h"

#define STR_(x) #x
#define STR(x) STR_(x)

static const char *const field_names[EVENT_NFIELDS] = {
	[EVENT_FORM] = "form", [EVENT_KEY] = "key", [EVENT_TITLE] = "title",
	[EVENT_DATE] = "date", [EVENT_LOCATION] = "location",
	[EVENT_FORMAT] = "format", [EVENT_PRESENTER] = "presenter",
	[EVENT_ATTENDEES] = "attendees", [EVENT_SERIES] = "series",
	[EVENT_OPENS] = "opens", [EVENT_CLOSES] = "closes",
	[EVENT_WINDOW_DAYS] = "window-days",
};

static const char *const known_formats[][2] = {
	{ "in_person", "In person" },
	{ "webinar", "Webinar" },
	{ "hybrid", "Hybrid" },
};

static const char msg_form[] =
	"Choose the form the event collects feedback with; no form has "
	"this key";
static const char msg_form_standing[] =
	"Choose the form the event collects feedback with; this one is a "
	"standing form, not one per event";
static const char msg_form_answered[] =
	"The form cannot change once the event has responses";
static const char msg_key[] =
	"Enter a short address of at most " STR(EVENT_KEY_MAX) " lower-case "
	"letters, digits and dashes, not starting with a dash, like "
	"copyright-2026-03";
static const char msg_key_fixed[] =
	"The address of an event cannot change (it is in its link)";
static const char msg_title[] =
	"Enter the event's title (one line, at most " STR(EVENT_TEXT_MAX)
	" characters)";
static const char msg_line[] =
	"Keep this to one line of at most " STR(EVENT_TEXT_MAX)
	" characters";
static const char msg_date[] =
	"Enter the date of the event as YYYY-MM-DD, for example 2026-03-14";
static const char msg_format[] =
	"Choose a format, or give a code of lower-case letters, digits and "
	"_ such as in_person";
static const char msg_attendees[] =
	"Enter how many attended as a whole number, or leave it empty";
static const char msg_opens[] =
	"Enter when feedback opens as a date and time (YYYY-MM-DD HH:MM), "
	"or leave it empty";
static const char msg_closes[] =
	"Enter when feedback closes as a date and time (YYYY-MM-DD HH:MM), "
	"or leave it empty";
static const char msg_order[] = "Feedback must close after it opens";
static const char msg_window[] =
	"Enter for how many days feedback is taken as a whole number from 1 "
	"to " STR(EVENT_WINDOW_DAYS_MAX) ", or leave it empty for "
	STR(EVENT_WINDOW_DAYS_DEFAULT);

const char *event_field_name(enum event_field f)
{
	return f >= 0 && f < EVENT_NFIELDS ? field_names[f] : "?";
}

enum event_field event_field_of(const char *name)
{
	int f;

	for (f = 0; f < EVENT_NFIELDS; f++)
		if (name && !strcmp(name, field_names[f]))
			break;
	return (enum event_field)f;
}

/* Where each text field lives in struct event; 0 for the others. */
static const size_t text_at[EVENT_NFIELDS] = {
	[EVENT_FORM] = offsetof(struct event, form) + 1,
	[EVENT_KEY] = offsetof(struct event, key) + 1,
	[EVENT_TITLE] = offsetof(struct event, title) + 1,
	[EVENT_DATE] = offsetof(struct event, date) + 1,
	[EVENT_LOCATION] = offsetof(struct event, location) + 1,
	[EVENT_FORMAT] = offsetof(struct event, format) + 1,
	[EVENT_PRESENTER] = offsetof(struct event, presenter) + 1,
	[EVENT_SERIES] = offsetof(struct event, series) + 1,
};

/* The string field f of e, or NULL when f is not a text field. */
static char **text_slot(struct event *e, enum event_field f)
{
	return text_at[f] ? (char **)((char *)e + text_at[f] - 1) : NULL;
}

void event_field_text(const struct event *e, enum event_field f,
		      struct buf *out)
{
	if (text_at[f])
		buf_adds(out, *(char *const *)((const char *)e +
					       text_at[f] - 1));
	else if (f == EVENT_ATTENDEES && e->attendees >= 0)
		buf_addf(out, "%ld", e->attendees);
	else if (f == EVENT_OPENS && e->opens)
		date_local_add(out, e->opens, 'T');
	else if (f == EVENT_CLOSES && e->closes)
		date_local_add(out, e->closes, 'T');
}

int event_key_valid(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (!n || n > EVENT_KEY_MAX || s[0] == '-')
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

int event_line_valid(const char *s)
{
	size_t chars = 0;

	if (!s || !utf8_valid(s, strlen(s)))
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return 0;
		if ((*p & 0xc0) != 0x80)
			chars++;
	}
	return chars <= EVENT_TEXT_MAX;
}

int event_format_valid(const char *s)
{
	return s && strlen(s) <= EVENT_KEY_MAX && key_valid(s);
}

const char *event_format_label(const char *code)
{
	for (size_t i = 0; code && i < ARRAY_SIZE(known_formats); i++)
		if (!strcmp(code, known_formats[i][0]))
			return known_formats[i][1];
	return NULL;
}

size_t event_format_choices(const char *own, const char **codes,
			    const char **labels, size_t max)
{
	size_t n = 0;

	if (n < max) {
		codes[n] = "";
		labels[n++] = "Not set";
	}
	for (size_t i = 0; i < ARRAY_SIZE(known_formats) && n < max; i++) {
		codes[n] = known_formats[i][0];
		labels[n++] = known_formats[i][1];
	}
	if (own && *own && !event_format_label(own) && n < max) {
		codes[n] = own;
		labels[n++] = own;
	}
	return n;
}

/* Adds (f, msg) unless f has an error already; returns 1 when added. */
static size_t add_error(struct event_errors *err, enum event_field f,
			const char *msg)
{
	for (size_t i = 0; i < err->n; i++)
		if (err->v[i].field == f)
			return 0;
	if (err->n == ARRAY_SIZE(err->v))
		return 0;
	err->v[err->n].field = f;
	err->v[err->n++].msg = msg;
	return 1;
}

/* 1 when v is old's field f as a form shows it (times: ' ' or 'T'). */
static int as_shown(const struct event *old, enum event_field f,
		    const char *v)
{
	struct buf b = BUF_INIT;
	int same;

	if (!old)
		return 0;
	event_field_text(old, f, &b);
	same = !strcmp(b.s, v);
	if (!same && (f == EVENT_OPENS || f == EVENT_CLOSES) &&
	    strlen(v) == 16 && v[10] == ' ' && b.len == 16)
		same = !memcmp(b.s, v, 10) && !strcmp(b.s + 11, v + 11);
	buf_release(&b);
	return same;
}

/* A copy of old (strings duplicated), or an empty new event. */
static void start_from(struct event *out, const struct event *old)
{
	memset(out, 0, sizeof(*out));
	out->attendees = -1;
	if (!old)
		return;
	*out = *old;
	for (int f = 0; f < EVENT_NFIELDS; f++) {
		char **slot = text_slot(out, (enum event_field)f);

		if (slot)
			*slot = xstrdup(*slot);
	}
}

static void set_text(struct event *e, enum event_field f, const char *v)
{
	char **slot = text_slot(e, f);

	free(*slot);
	*slot = *v ? xstrdup(v) : NULL;
}

/* "" -> -1; else a whole number 0..EVENT_ATTENDEES_MAX; -2 when bad. */
static long parse_attendees(const char *v)
{
	long n = 0;

	if (!*v)
		return -1;
	for (const char *p = v; *p; p++) {
		if (*p < '0' || *p > '9')
			return -2;
		n = n * 10 + (*p - '0');
		if (n > EVENT_ATTENDEES_MAX)
			return -2;
	}
	return n;
}

static const char *check_form(const char *v, const struct event *old,
			      const struct formset *fs, struct event *out)
{
	const struct form *fm = fs ? formset_find(fs, v) : NULL;

	if (old && old->responses > 0 && strcmp(v, old->form))
		return msg_form_answered;
	if (!fm)
		return msg_form;
	if (!fm->per_event)
		return msg_form_standing;
	set_text(out, EVENT_FORM, v);
	return NULL;
}

/* A window in days, 1..EVENT_WINDOW_DAYS_MAX; -1 when v is none. */
static long parse_days(const char *v)
{
	char *end;
	long n;

	if (!(*v >= '0' && *v <= '9'))
		return -1;
	n = strtol(v, &end, 10);
	return *end || n < 1 || n > EVENT_WINDOW_DAYS_MAX ? -1 : n;
}

/*
 * The window of feedback: a new event without opens or closes (NULL or
 * "") gets the default; a window-days given sets closes from the event's
 * date unless closes is given too. Opening early leaves closes as it is.
 */
static void default_window(const struct event_spec *spec,
			   const struct event *old, struct event *out)
{
	const char *o = spec->v[EVENT_OPENS], *c = spec->v[EVENT_CLOSES];
	const char *w = spec->v[EVENT_WINDOW_DAYS];
	long days = w && *w ? parse_days(w) : EVENT_WINDOW_DAYS_DEFAULT;
	int given_w = w && *w;
	int changed_c = c && !as_shown(old, EVENT_CLOSES, c);
	long long t;

	if (days < 0 || !date_valid(out->date ? out->date : ""))
		return;
	if (!old && !(o && *o) &&
	    date_local_midnight(out->date, 0, 0, &t) == 0)
		out->opens = t;
	if (old ? !given_w || changed_c : c && *c)
		return;
	if (date_local_midnight(out->date, 0, days, &t) == 0)
		out->closes = t;
}

/* Checks field f's given value v into out; the message, or NULL. */
static const char *check_field(enum event_field f, const char *v,
			       const struct event *old,
			       const struct formset *fs, struct event *out)
{
	long long t = 0;
	long n;

	switch (f) {
	case EVENT_FORM:
		return check_form(v, old, fs, out);
	case EVENT_KEY:
		if (old)
			return msg_key_fixed;
		if (!event_key_valid(v))
			return msg_key;
		break;
	case EVENT_TITLE:
		if (!*v || !event_line_valid(v))
			return msg_title;
		break;
	case EVENT_DATE:
		if (!date_valid(v))
			return msg_date;
		break;
	case EVENT_FORMAT:
		if (*v && !event_format_valid(v))
			return msg_format;
		break;
	case EVENT_ATTENDEES:
		n = parse_attendees(v);
		if (n == -2)
			return msg_attendees;
		out->attendees = n;
		return NULL;
	case EVENT_OPENS:
	case EVENT_CLOSES:
		if (*v && date_parse_local(v, &t) < 0)
			return f == EVENT_OPENS ? msg_opens : msg_closes;
		/* a closing day without a time: feedback is taken all day */
		if (f == EVENT_CLOSES && date_valid(v) &&
		    date_local_midnight(v, 0, 1, &t) < 0)
			return msg_closes;
		*(f == EVENT_OPENS ? &out->opens : &out->closes) = t;
		return NULL;
	case EVENT_WINDOW_DAYS:
		return *v && parse_days(v) < 0 ? msg_window : NULL;
	default:                    /* location, presenter, series */
		if (!event_line_valid(v))
			return msg_line;
		break;
	}
	set_text(out, f, v);
	return NULL;
}

/* The message for a required field left out when creating. */
static const char *missing(enum event_field f)
{
	switch (f) {
	case EVENT_FORM: return msg_form;
	case EVENT_KEY: return msg_key;
	case EVENT_TITLE: return msg_title;
	case EVENT_DATE: return msg_date;
	default: return NULL;
	}
}

size_t event_check(const struct event_spec *spec, const struct event *old,
		   const struct formset *fs, struct event *out,
		   struct event_errors *err)
{
	size_t added = 0;
	int timed = 0;

	start_from(out, old);
	for (int i = 0; i < EVENT_NFIELDS; i++) {
		enum event_field f = (enum event_field)i;
		const char *v = spec->v[f], *msg;

		if (!v) {
			if (!old && missing(f))
				added += add_error(err, f, missing(f));
			continue;
		}
		if (as_shown(old, f, v))
			continue;
		msg = check_field(f, v, old, fs, out);
		if (msg)
			added += add_error(err, f, msg);
		else if (f == EVENT_OPENS || f == EVENT_CLOSES)
			timed = 1;
	}
	if (!added)
		default_window(spec, old, out);
	if (timed && out->opens && out->closes && out->closes <= out->opens)
		added += add_error(err, EVENT_CLOSES, msg_order);
	return added;
}
