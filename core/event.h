/*
 * event.h - the rules of an event, for the command line and the admin
 * area alike: its key (the URL slug), one-line texts and their limits,
 * format codes, attendees, date and the local opening and closing times.
 * event_check() turns what a person typed into a struct event, or into
 * a list of (field, message) to show beside each field.
 */
#ifndef SIGSURVEY_EVENT_H
#define SIGSURVEY_EVENT_H

#include <stddef.h>

#include "buf.h"
#include "form.h"
#include "store.h"

#define EVENT_KEY_MAX 64          /* bytes of a key or format code */
#define EVENT_TEXT_MAX 500        /* characters of a one-line text */
#define EVENT_ATTENDEES_MAX 1000000

/* The fields a person sets; names as event_field_name() gives them. */
enum event_field {
	EVENT_FORM, EVENT_KEY, EVENT_TITLE, EVENT_DATE, EVENT_LOCATION,
	EVENT_FORMAT, EVENT_PRESENTER, EVENT_ATTENDEES, EVENT_SERIES,
	EVENT_OPENS, EVENT_CLOSES, EVENT_WINDOW_DAYS, EVENT_NFIELDS
};

/*
 * Feedback on a new event opens at 00:00 local time on its date and
 * closes this many days later unless window-days, opens or closes say
 * otherwise.
 */
#define EVENT_WINDOW_DAYS_DEFAULT 14
#define EVENT_WINDOW_DAYS_MAX 366

/*
 * What a person typed, one string per field (borrowed: they must outlive
 * the event_check() call). NULL: not given, the field keeps its stored
 * value (or its default when creating). "" clears an optional field.
 */
struct event_spec {
	const char *v[EVENT_NFIELDS];
};

/* What is wrong, by field; msg is a static sentence for a person. */
struct event_error {
	enum event_field field;
	const char *msg;
};

struct event_errors {
	struct event_error v[EVENT_NFIELDS];   /* at most one per field */
	size_t n;
};

/*
 * The field's name: "form", "key", "title", ... as the admin form names
 * its inputs and the command line its options (without "--"). A static
 * string; "?" for a value out of range.
 */
const char *event_field_name(enum event_field f);

/* The field whose name is name, or EVENT_NFIELDS when there is none. */
enum event_field event_field_of(const char *name);

/*
 * Appends field f of e as a form shows it, and as event_check() reads it
 * back: texts as stored ("" for none), attendees as a whole number ("" for
 * unknown), opens and closes as local 'YYYY-MM-DDTHH:MM' ("" for none),
 * window-days as "" (it is not stored: it sets closes).
 */
void event_field_text(const struct event *e, enum event_field f,
		      struct buf *out);

/* 1 when s is a key: [a-z0-9][a-z0-9-]*, at most EVENT_KEY_MAX bytes. */
int event_key_valid(const char *s);

/*
 * 1 when s is one line of text: valid UTF-8, no control characters (a tab
 * or newline would break `event list`), at most EVENT_TEXT_MAX characters.
 */
int event_line_valid(const char *s);

/*
 * 1 when s is a format code: one of the known ones (event_format_label())
 * or any other [a-z][a-z0-9_]* of at most EVENT_KEY_MAX bytes, such as
 * workshop.
 */
int event_format_valid(const char *s);

/* The label of a known format code ("In person"), else NULL. */
const char *event_format_label(const char *code);

/*
 * The formats to offer in a choice: "" (not set), the known codes, and
 * own when it is a code not among them (an event's own, such as
 * workshop). Fills codes[] and labels[] with static strings or own (for
 * its code and label) and returns how many: at most max (5 hold all).
 */
size_t event_format_choices(const char *own, const char **codes,
			    const char **labels, size_t max);

/*
 * Checks spec against the rules and writes the event it makes into *out,
 * with the window of feedback a new event gets by default: opens at 00:00
 * on its date, closes window-days (EVENT_WINDOW_DAYS_DEFAULT) later. A
 * closing time given as a bare date means the end of that day; an
 * opening time, its start. When editing, a window-days given moves the
 * closing time to that many days after the event's date.
 * a new event the caller releases with event_release() (also when there
 * are errors; then it is not to be stored).
 *
 * old is the stored event being edited, or NULL when creating (form, key,
 * title and date are then required). A given value equal to old's field
 * as event_field_text() shows it (for times, with ' ' or 'T') keeps old's
 * value exactly and is not checked again: a form posted back as displayed
 * changes nothing. When editing, the key cannot change, nor the form once
 * old has responses.
 *
 * fs holds the forms a new form key must name (a per-event one); it may
 * be NULL when spec gives no form. The key's uniqueness is the store's.
 *
 * Adds at most one error per field to err (not reset) and returns how
 * many it added: 0 when *out may be stored.
 */
size_t event_check(const struct event_spec *spec, const struct event *old,
		   const struct formset *fs, struct event *out,
		   struct event_errors *err);

#endif
