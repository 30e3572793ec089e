/*
 * test-event.c - the event rules both front ends use (core/event.c): keys,
 * one-line texts and their limit, format codes, attendees, times, errors
 * listed per field, and an edit posted back as shown changing nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "event.h"

static int london(void **state)
{
	setenv("TZ", "Europe/London", 1);
	tzset();
	return 0;
}

/* Two forms: one per event, one standing. */
static struct form per_event = { .key = "event-feedback", .per_event = 1 };
static struct form standing = { .key = "member-survey" };
static struct form *form_list[] = { &per_event, &standing };
static const struct formset forms = { .v = form_list, .n = 2 };

/* A spec for a new event that passes but for its form. */
static void good_spec(struct event_spec *sp)
{
	memset(sp, 0, sizeof(*sp));
	sp->v[EVENT_KEY] = "ill-basics-2027";
	sp->v[EVENT_TITLE] = "ILL basics";
	sp->v[EVENT_DATE] = "2027-01-20";
}

/* A stored event, as the store would give it. */
static void stored(struct event *e)
{
	memset(e, 0, sizeof(*e));
	e->key = strdup("ws-2026");
	e->form = strdup("event-feedback");
	e->title = strdup("Workshop");
	e->date = strdup("2026-11-20");
	e->format = strdup("workshop");
	e->attendees = 12;
	e->opens = 1767603600;                 /* 2026-01-05 09:00 GMT */
	e->closes = 1796057763;                /* seconds not shown */
	e->responses = 3;
}

/* The message of field f in err, or NULL. */
static const char *msg_for(const struct event_errors *err,
			   enum event_field f)
{
	for (size_t i = 0; i < err->n; i++)
		if (err->v[i].field == f)
			return err->v[i].msg;
	return NULL;
}

static char *repeat(const char *s, size_t times)
{
	size_t n = strlen(s);
	char *r = malloc(n * times + 1);

	for (size_t i = 0; i < times; i++)
		memcpy(r + i * n, s, n);
	r[n * times] = '\0';
	return r;
}

static void keys(void **state)
{
	char *k64 = repeat("a", 64), *k65 = repeat("a", 65);

	assert_true(event_key_valid("2026-11-ill-basics"));
	assert_true(event_key_valid(k64));
	assert_false(event_key_valid(k65));
	free(k64);
	free(k65);
}

static void bad_slugs(void **state)
{
	static const char *const bad[] = {
		"", "-lead", "Bad_Key", "a b", "caf\xc3\xa9", "a/b", "..",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(event_key_valid(bad[i]));
	assert_false(event_key_valid(NULL));
}

static void lines_count_characters(void **state)
{
	char *t500 = repeat("\xc3\xa9", 500);       /* 1000 bytes */
	char *t501 = repeat("e", 501);

	assert_true(event_line_valid("Central Library, Room 2"));
	assert_true(event_line_valid(""));
	assert_true(event_line_valid(t500));
	assert_false(event_line_valid(t501));
	free(t500);
	free(t501);
}

static void bad_lines(void **state)
{
	assert_false(event_line_valid("a\tb"));
	assert_false(event_line_valid("a\nb"));
	assert_false(event_line_valid("a\x7f"));
	assert_false(event_line_valid("\xc3"));
	assert_false(event_line_valid(NULL));
}

static void format_codes(void **state)
{
	const char *codes[8], *labels[8];
	size_t n;

	assert_true(event_format_valid("in_person"));
	assert_true(event_format_valid("workshop"));
	assert_string_equal(event_format_label("hybrid"), "Hybrid");
	assert_null(event_format_label("workshop"));
	n = event_format_choices("workshop", codes, labels, 8);
	assert_int_equal(n, 5);
	assert_string_equal(codes[0], "");
	assert_string_equal(labels[1], "In person");
	assert_string_equal(codes[4], "workshop");
	assert_int_equal(event_format_choices("webinar", codes, labels, 8), 4);
	assert_int_equal(event_format_choices(NULL, codes, labels, 8), 4);
}

static void bad_format_codes(void **state)
{
	char *long_code = repeat("a", 65);

	assert_false(event_format_valid("In-Person"));
	assert_false(event_format_valid("work shop"));
	assert_false(event_format_valid("_x"));
	assert_false(event_format_valid(long_code));
	free(long_code);
}

static void new_event_checked(void **state)
{
	struct event_spec sp;
	struct event_errors err = { .n = 0 };
	struct event e;

	good_spec(&sp);
	sp.v[EVENT_FORMAT] = "workshop";
	sp.v[EVENT_ATTENDEES] = "40";
	sp.v[EVENT_LOCATION] = "";
	sp.v[EVENT_CLOSES] = "2027-02-01";  /* the end of that day */
	sp.v[EVENT_FORM] = "event-feedback";
	assert_int_equal(event_check(&sp, NULL, &forms, &e, &err), 0);
	assert_string_equal(e.form, "event-feedback");
	assert_string_equal(e.key, "ill-basics-2027");
	assert_string_equal(e.format, "workshop");
	assert_null(e.location);
	assert_null(e.presenter);
	assert_int_equal(e.attendees, 40);
	assert_int_equal(e.opens, 1800403200);     /* 2027-01-20 00:00 GMT */
	assert_int_equal(e.closes, 1801526400);    /* 2027-02-02 00:00 GMT */
	event_release(&e);
}

static void new_event_window_defaults(void **state)
{
	struct event_spec sp;
	struct event_errors err = { .n = 0 };
	struct event e;

	good_spec(&sp);
	sp.v[EVENT_FORM] = "event-feedback";
	assert_int_equal(event_check(&sp, NULL, &forms, &e, &err), 0);
	assert_int_equal(e.opens, 1800403200);     /* 2027-01-20 00:00 */
	assert_int_equal(e.closes, 1800403200 + 14 * 86400);
	event_release(&e);

	sp.v[EVENT_WINDOW_DAYS] = "7";
	sp.v[EVENT_OPENS] = "";
	sp.v[EVENT_CLOSES] = "";
	assert_int_equal(event_check(&sp, NULL, &forms, &e, &err), 0);
	assert_int_equal(e.closes, 1800403200 + 7 * 86400);
	event_release(&e);

	/* summer time starts within the window: still 00:00 local */
	sp.v[EVENT_DATE] = "2027-03-20";
	sp.v[EVENT_WINDOW_DAYS] = NULL;
	assert_int_equal(event_check(&sp, NULL, &forms, &e, &err), 0);
	assert_int_equal(e.closes - e.opens, 14 * 86400 - 3600);
	event_release(&e);

	sp.v[EVENT_WINDOW_DAYS] = "0";
	assert_int_equal(event_check(&sp, NULL, &forms, &e, &err), 1);
	assert_string_equal(event_field_name(err.v[0].field), "window-days");
	event_release(&e);
}

static void bad_new_event_errors_per_field(void **state)
{
	struct event_spec sp;
	struct event_errors err = { .n = 0 };
	struct event e;
	char *t501 = repeat("x", 501);

	good_spec(&sp);
	sp.v[EVENT_KEY] = "Bad Key";
	sp.v[EVENT_TITLE] = t501;
	sp.v[EVENT_DATE] = "2026-02-29";
	sp.v[EVENT_FORMAT] = "In-Person";
	sp.v[EVENT_ATTENDEES] = "-3";
	sp.v[EVENT_OPENS] = "2027-01-01 10:00";
	sp.v[EVENT_CLOSES] = "2026-12-01 10:00";
	assert_int_equal(event_check(&sp, NULL, NULL, &e, &err), 7);
	assert_non_null(strstr(msg_for(&err, EVENT_FORM), "form"));
	assert_non_null(strstr(msg_for(&err, EVENT_KEY), "at most 64"));
	assert_non_null(strstr(msg_for(&err, EVENT_TITLE), "at most 500"));
	assert_non_null(strstr(msg_for(&err, EVENT_DATE), "YYYY-MM-DD"));
	assert_non_null(msg_for(&err, EVENT_FORMAT));
	assert_non_null(msg_for(&err, EVENT_ATTENDEES));
	assert_string_equal(msg_for(&err, EVENT_CLOSES),
			    "Feedback must close after it opens");
	assert_null(msg_for(&err, EVENT_OPENS));
	event_release(&e);
	free(t501);
}

static void bad_forms(void **state)
{
	struct event_spec sp;
	struct event_errors err = { .n = 0 };
	struct event e;

	good_spec(&sp);
	sp.v[EVENT_FORM] = "member-survey";
	assert_int_equal(event_check(&sp, NULL, &forms, &e, &err), 1);
	assert_non_null(strstr(msg_for(&err, EVENT_FORM), "standing form"));
	event_release(&e);
	err.n = 0;
	sp.v[EVENT_FORM] = "nope";
	assert_int_equal(event_check(&sp, NULL, &forms, &e, &err), 1);
	assert_non_null(strstr(msg_for(&err, EVENT_FORM), "no form"));
	event_release(&e);
}

static void bad_missing_required(void **state)
{
	struct event_spec sp = { { 0 } };
	struct event_errors err = { .n = 0 };
	struct event e;

	assert_int_equal(event_check(&sp, NULL, NULL, &e, &err), 4);
	assert_non_null(msg_for(&err, EVENT_TITLE));
	assert_non_null(msg_for(&err, EVENT_DATE));
	assert_int_equal(e.attendees, -1);
	event_release(&e);
	sp.v[EVENT_TITLE] = "";
	err.n = 0;
	event_check(&sp, NULL, NULL, &e, &err);
	assert_non_null(msg_for(&err, EVENT_TITLE));
	event_release(&e);
}

/* Every field posted exactly as event_field_text() shows it. */
static void as_shown(const struct event *old, struct event_spec *sp,
		     struct buf *texts)
{
	for (int f = 0; f < EVENT_NFIELDS; f++) {
		buf_init(&texts[f]);
		event_field_text(old, (enum event_field)f, &texts[f]);
		sp->v[f] = texts[f].s;
	}
}

static void edit_as_shown_keeps_everything(void **state)
{
	struct event old, e;
	struct event_spec sp;
	struct event_errors err = { .n = 0 };
	struct buf texts[EVENT_NFIELDS];
	char *long_title = repeat("ILL workshop ", 40);     /* 520 chars */

	stored(&old);
	free(old.title);
	old.title = long_title;            /* longer than the rule allows */
	as_shown(&old, &sp, texts);
	assert_string_equal(sp.v[EVENT_CLOSES], "2026-11-30T16:56");
	assert_int_equal(event_check(&sp, &old, NULL, &e, &err), 0);
	assert_string_equal(e.format, "workshop");
	assert_string_equal(e.title, old.title);
	assert_int_equal(e.closes, old.closes);    /* to the second */
	assert_int_equal(e.opens, old.opens);
	assert_int_equal(e.attendees, 12);
	event_release(&e);
	/* the title changed, the rest as shown: only the title moves */
	sp.v[EVENT_TITLE] = "Workshop, renamed";
	assert_int_equal(event_check(&sp, &old, NULL, &e, &err), 0);
	assert_string_equal(e.title, "Workshop, renamed");
	assert_string_equal(e.format, "workshop");
	assert_int_equal(e.closes, old.closes);
	event_release(&e);
	/* the command line's spelling of the same minute keeps it too */
	memset(&sp, 0, sizeof(sp));
	sp.v[EVENT_CLOSES] = "2026-11-30 16:56";
	assert_int_equal(event_check(&sp, &old, NULL, &e, &err), 0);
	assert_int_equal(e.closes, old.closes);
	event_release(&e);
	for (int f = 0; f < EVENT_NFIELDS; f++)
		buf_release(&texts[f]);
	event_release(&old);
}

static void edit_clears_and_changes(void **state)
{
	struct event old, e;
	struct event_spec sp = { { 0 } };
	struct event_errors err = { .n = 0 };

	stored(&old);
	sp.v[EVENT_FORMAT] = "";
	sp.v[EVENT_ATTENDEES] = "";
	sp.v[EVENT_CLOSES] = "";
	sp.v[EVENT_LOCATION] = "Room 2";
	assert_int_equal(event_check(&sp, &old, NULL, &e, &err), 0);
	assert_null(e.format);
	assert_int_equal(e.attendees, -1);
	assert_int_equal(e.closes, 0);
	assert_string_equal(e.location, "Room 2");
	assert_string_equal(e.title, "Workshop");
	assert_string_equal(e.key, "ws-2026");
	event_release(&e);
	event_release(&old);
}

static void bad_edit_key_and_answered_form(void **state)
{
	struct event old, e;
	struct event_spec sp = { { 0 } };
	struct event_errors err = { .n = 0 };

	stored(&old);
	sp.v[EVENT_KEY] = "other";
	sp.v[EVENT_FORM] = "member-survey";
	sp.v[EVENT_TITLE] = "a\tb";
	assert_int_equal(event_check(&sp, &old, NULL, &e, &err), 3);
	assert_non_null(strstr(msg_for(&err, EVENT_KEY), "cannot change"));
	assert_non_null(strstr(msg_for(&err, EVENT_FORM), "cannot change"));
	assert_non_null(strstr(msg_for(&err, EVENT_TITLE), "one line"));
	event_release(&e);
	event_release(&old);
}

static void bad_times_and_attendees(void **state)
{
	static const char *const bad_times[] = {
		"2026-11-20-09:00", "2026-13-01", "soon", "2026-11-20 25:00",
	};
	static const char *const bad_counts[] = {
		"many", "-3", "+3", "1000001", "4.5", " 4",
	};

	for (size_t i = 0; i < sizeof(bad_times) / sizeof(*bad_times); i++) {
		struct event_spec sp;
		struct event_errors err = { .n = 0 };
		struct event e;

		good_spec(&sp);
		sp.v[EVENT_OPENS] = bad_times[i];
		event_check(&sp, NULL, NULL, &e, &err);
		assert_non_null(msg_for(&err, EVENT_OPENS));
		event_release(&e);
	}
	for (size_t i = 0; i < sizeof(bad_counts) / sizeof(*bad_counts); i++) {
		struct event_spec sp;
		struct event_errors err = { .n = 0 };
		struct event e;

		good_spec(&sp);
		sp.v[EVENT_ATTENDEES] = bad_counts[i];
		event_check(&sp, NULL, NULL, &e, &err);
		assert_non_null(msg_for(&err, EVENT_ATTENDEES));
		event_release(&e);
	}
}

static void field_names(void **state)
{
	assert_string_equal(event_field_name(EVENT_CLOSES), "closes");
	assert_int_equal(event_field_of("format"), EVENT_FORMAT);
	assert_int_equal(event_field_of("nope"), EVENT_NFIELDS);
	assert_string_equal(event_field_name(EVENT_NFIELDS), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keys),
		cmocka_unit_test(bad_slugs),
		cmocka_unit_test(lines_count_characters),
		cmocka_unit_test(bad_lines),
		cmocka_unit_test(format_codes),
		cmocka_unit_test(bad_format_codes),
		cmocka_unit_test(new_event_checked),
		cmocka_unit_test(bad_new_event_errors_per_field),
		cmocka_unit_test(new_event_window_defaults),
		cmocka_unit_test(bad_forms),
		cmocka_unit_test(bad_missing_required),
		cmocka_unit_test(edit_as_shown_keeps_everything),
		cmocka_unit_test(edit_clears_and_changes),
		cmocka_unit_test(bad_edit_key_and_answered_form),
		cmocka_unit_test(bad_times_and_attendees),
		cmocka_unit_test(field_names),
	};

	return cmocka_run_group_tests(tests, london, NULL);
}
