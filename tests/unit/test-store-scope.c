/*
 * test-store-scope.c - the report and export queries (core/store/scopes.c)
 * on a small data set with known counts: counts by event, code, number
 * and day, texts, respondents per key, scope filters, spam left out.
 */
#include "store-fixture.h"

/* Rows as text lines, "event|key|code|num|text|count". */
static int to_lines(void *ctx, const struct store_row *r)
{
	buf_addf(ctx, "%s|%s|%s|%g|%s|%ld\n", r->event ? r->event : "-",
		 r->key ? r->key : "-", r->code ? r->code : "-", r->num,
		 r->text ? r->text : "-", r->count);
	return 0;
}

static int stop_after_two(void *ctx, const struct store_row *r)
{
	return ++*(int *)ctx == 2 ? 7 : 0;
}

static void callback_stops_query(void **state)
{
	struct fixture *fx = *state;
	struct scope sc = { .form = "fb" };
	int n = 0;

	assert_int_equal(store_each_answer(fx->s, &sc, stop_after_two, &n), 7);
	assert_int_equal(n, 2);
	/* the statement was reset: the store is still usable for writes */
	assert_int_equal(store_count_responses(fx->s, "fb"), 6);
	put_form(fx->s, "other", "{}");
}

/* ---- reports ---- */

static void report_counts_by_event_codes_numbers(void **state)
{
	struct fixture *fx = *state;
	struct scope sc = { .form = "fb" };
	struct buf b = BUF_INIT;

	assert_int_equal(store_count_by_event(fx->s, &sc, to_lines, &b), 0);
	assert_string_equal(b.s, "e1|-|-|0|-|3\ne2|-|-|0|-|2\ne3|-|-|0|-|1\n");
	buf_reset(&b);
	assert_int_equal(store_count_codes(fx->s, &sc, to_lines, &b), 0);
	assert_string_equal(b.s,
			    "e1|fmt|in_person|0|-|1\n"
			    "e1|fmt|webinar|0|-|2\n"
			    "e1|topics|copyright|0|-|1\n"
			    "e1|topics|lending|0|-|2\n"
			    "e2|fmt|hybrid|0|-|1\n"
			    "e2|fmt|webinar|0|-|1\n"
			    "e2|topics|copyright|0|-|1\n"
			    "e3|fmt|webinar|0|-|1\n"
			    "e3|topics|systems|0|-|1\n");
	buf_reset(&b);
	assert_int_equal(store_count_numbers(fx->s, &sc, to_lines, &b), 0);
	assert_string_equal(b.s,
			    "e1|overall|-|4|-|1\n"
			    "e1|overall|-|5|-|2\n"
			    "e2|overall|-|3|-|1\n"
			    "e2|overall|-|4|-|1\n"
			    "e3|overall|-|2|-|1\n");
	buf_release(&b);
}

static void report_standing_form_counts(void **state)
{
	struct fixture *fx = *state;
	struct scope sc = { .form = "ideas" };
	struct buf b = BUF_INIT;

	assert_int_equal(store_count_codes(fx->s, &sc, to_lines, &b), 0);
	assert_string_equal(b.s, "-|fmt|in_person|0|-|1\n-|fmt|webinar|0|-|1\n");
	buf_reset(&b);
	assert_int_equal(store_count_numbers(fx->s, &sc, to_lines, &b), 0);
	assert_string_equal(b.s, "-|overall|-|1|-|1\n-|overall|-|2|-|1\n");
	buf_reset(&b);
	sc.series = "basics";          /* standing responses have no series */
	assert_int_equal(store_count_codes(fx->s, &sc, to_lines, &b), 0);
	assert_string_equal(b.s, "");
	/* and a per-event form's counts do not leak into another form */
	sc = (struct scope){ .form = "nope" };
	assert_int_equal(store_count_codes(fx->s, &sc, to_lines, &b), 0);
	assert_int_equal(store_count_numbers(fx->s, &sc, to_lines, &b), 0);
	assert_int_equal(store_count_by_event(fx->s, &sc, to_lines, &b), 0);
	assert_string_equal(b.s, "");
	buf_release(&b);
}

static void report_texts_newest_first(void **state)
{
	struct fixture *fx = *state;
	struct scope sc = { .form = "fb" };
	struct buf b = BUF_INIT;

	assert_int_equal(store_texts(fx->s, &sc, to_lines, &b), 0);
	assert_string_equal(b.s,
			    "e2|comment|-|0|Pace too fast|1\n"
			    "e1|comment|-|0|More examples|1\n"
			    "e1|comment|-|0|Très bien|1\n");
	buf_release(&b);
}

/* A response of event e1 with the given answers (NULL code/text: none). */
static void submit_raw(struct fixture *fx, long long when, const char *code,
		       const char *other, const char *comment)
{
	struct answer a[3];
	size_t n = 0;
	struct submission sub = { 0 };

	memset(a, 0, sizeof(a));
	if (code) {
		a[n].key = (char *)"topics";
		a[n].kind = ANS_CODE;
		a[n++].code = (char *)code;
	}
	if (other) {
		a[n].key = (char *)"topics_other";
		a[n].kind = ANS_TEXT;
		a[n++].text = (char *)other;
	}
	if (comment) {
		a[n].key = (char *)"comment";
		a[n].kind = ANS_TEXT;
		a[n++].text = (char *)comment;
	}
	sub.form = "fb";
	sub.version = fx->v_fb;
	sub.event = "e1";
	sub.submitted = when;
	sub.answers = a;
	sub.nanswers = n;
	assert_int_equal(store_submit(fx->s, &sub, 1), 0);
}

/* Rows summed per event and key, as sorted "event|key|count|blank" lines. */
struct sums {
	char line[16][48];
	long count[16], blank[16];
	size_t n;
};

static int sum_rows(void *ctx, const struct store_row *r)
{
	struct sums *u = ctx;
	char name[48];
	size_t i;

	snprintf(name, sizeof(name), "%s|%s", r->event ? r->event : "-",
		 r->key);
	for (i = 0; i < u->n && strcmp(u->line[i], name); i++)
		;
	if (i == u->n) {
		assert_true(u->n < 16);
		memcpy(u->line[u->n++], name, sizeof(name));
	}
	u->count[i] += r->count;
	u->blank[i] += (long)r->num;
	return 0;
}

static int cmp_line(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void sums_text(struct sums *u, struct buf *b)
{
	char lines[16][64];

	for (size_t i = 0; i < u->n; i++)
		snprintf(lines[i], sizeof(lines[i]), "%s|%ld|%ld", u->line[i],
			 u->count[i], u->blank[i]);
	qsort(lines, u->n, sizeof(lines[0]), cmp_line);
	for (size_t i = 0; i < u->n; i++)
		buf_addf(b, "%s\n", lines[i]);
}

/*
 * Respondents per key: a multi question counts each response once
 * however many options it ticked, plus the responses that only wrote
 * an "other" answer; blank comments are counted apart; spam never.
 */
static void report_count_answered(void **state)
{
	struct fixture *fx = *state;
	struct scope sc = { .form = "fb" };
	const char *keys[] = { "topics", "topics_other", "comment" };
	struct sums u = { .n = 0 };
	struct buf b = BUF_INIT;

	submit_raw(fx, JAN10 + 2 * DAY, NULL, "Zines", " \t\n ");
	submit_raw(fx, JAN10 + 2 * DAY + 1, "lending", "Maps", NULL);
	assert_int_equal(store_count_answered(fx->s, &sc, keys, 3, sum_rows,
					      &u), 0);
	sums_text(&u, &b);
	assert_string_equal(b.s,
			    "e1|comment|2|1\n"
			    "e1|topics_other|2|0\n"
			    "e1|topics|4|0\n"
			    "e2|comment|1|0\n"
			    "e2|topics|1|0\n"
			    "e3|topics|1|0\n");
	/* one event; a key list without the texts */
	buf_reset(&b);
	memset(&u, 0, sizeof(u));
	sc.events = (const char *[]){ "e1" };
	sc.nevents = 1;
	assert_int_equal(store_count_answered(fx->s, &sc, keys, 1, sum_rows,
					      &u), 0);
	sums_text(&u, &b);
	assert_string_equal(b.s, "e1|topics|4|0\n");
	/* a standing form */
	buf_reset(&b);
	memset(&u, 0, sizeof(u));
	sc = (struct scope){ .form = "ideas" };
	assert_int_equal(store_count_answered(fx->s, &sc, keys, 3, sum_rows,
					      &u), 0);
	sums_text(&u, &b);
	assert_string_equal(b.s, "-|comment|2|0\n");
	buf_release(&b);
}

static void report_texts_newest_limited(void **state)
{
	struct fixture *fx = *state;
	struct scope sc = { .form = "fb" };
	struct buf b = BUF_INIT;

	/* the newest answer of e1 is blank: left out */
	submit_raw(fx, JAN10 + 2 * DAY, NULL, NULL, "   ");
	assert_int_equal(store_texts_newest(fx->s, &sc, "e1", "comment", 1,
					    to_lines, &b), 0);
	assert_string_equal(b.s, "e1|comment|-|0|More examples|1\n");
	buf_reset(&b);
	assert_int_equal(store_texts_newest(fx->s, &sc, "e1", "comment", -1,
					    to_lines, &b), 0);
	assert_string_equal(b.s, "e1|comment|-|0|More examples|1\n"
				 "e1|comment|-|0|Très bien|1\n");
	/* -bad-: an unknown event is not "no event" */
	buf_reset(&b);
	assert_int_equal(store_texts_newest(fx->s, &sc, "nope", "comment", -1,
					    to_lines, &b), 0);
	assert_int_equal(store_texts_newest(fx->s, &sc, NULL, "comment", -1,
					    to_lines, &b), 0);
	assert_string_equal(b.s, "");
	sc.form = "ideas";
	assert_int_equal(store_texts_newest(fx->s, &sc, NULL, "comment", 5,
					    to_lines, &b), 0);
	assert_string_equal(b.s, "-|comment|-|0|Mentoring|1\n"
				 "-|comment|-|0|Copyright 101|1\n");
	buf_release(&b);
}

static void report_days(void **state)
{
	struct fixture *fx = *state;
	struct scope sc = { .form = "fb" };
	struct buf b = BUF_INIT;

	assert_int_equal(store_count_days(fx->s, &sc, to_lines, &b), 0);
	assert_string_equal(b.s,
			    "-|-|-|0|2026-01-10|2\n"
			    "-|-|-|0|2026-01-11|1\n"
			    "-|-|-|0|2026-02-10|1\n"
			    "-|-|-|0|2026-02-11|1\n"
			    "-|-|-|0|2026-03-10|1\n");
	buf_release(&b);
}

static void scope_filters(void **state)
{
	struct fixture *fx = *state;
	const char *const two[] = { "e3", "e1" };
	const char *const odd[] = { "e\"1\\", "x\ny" };
	struct scope sc = { .form = "fb", .events = two, .nevents = 2 };
	struct buf b = BUF_INIT;
	struct event *v = NULL;
	size_t n = 0;

	assert_int_equal(store_count_by_event(fx->s, &sc, to_lines, &b), 0);
	assert_string_equal(b.s, "e1|-|-|0|-|3\ne3|-|-|0|-|1\n");
	assert_int_equal(store_scope_events(fx->s, &sc, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].key, "e1");
	assert_int_equal(v[0].responses, 3);
	assert_int_equal(v[0].attendees, 20);
	assert_string_equal(v[1].key, "e3");
	events_free(v, n);

	/* hostile keys are data, not JSON or SQL */
	sc.events = odd;
	buf_reset(&b);
	assert_int_equal(store_count_by_event(fx->s, &sc, to_lines, &b), 0);
	assert_string_equal(b.s, "");

	sc = (struct scope){ .form = "fb", .series = "basics" };
	buf_reset(&b);
	assert_int_equal(store_count_by_event(fx->s, &sc, to_lines, &b), 0);
	assert_string_equal(b.s, "e1|-|-|0|-|3\ne2|-|-|0|-|2\n");

	sc = (struct scope){ .form = "fb", .from = "2026-02-10",
			     .to = "2026-03-09" };
	buf_reset(&b);
	assert_int_equal(store_count_by_event(fx->s, &sc, to_lines, &b), 0);
	assert_string_equal(b.s, "e2|-|-|0|-|2\n");
	assert_int_equal(store_scope_events(fx->s, &sc, &v, &n), 0);
	assert_int_equal(n, 1);
	events_free(v, n);

	/* a standing form: the bounds apply to the submitted day */
	sc = (struct scope){ .form = "ideas", .from = "2026-01-11" };
	buf_reset(&b);
	assert_int_equal(store_count_by_event(fx->s, &sc, to_lines, &b), 0);
	assert_string_equal(b.s, "-|-|-|0|-|1\n");
	buf_reset(&b);
	assert_int_equal(store_texts(fx->s, &sc, to_lines, &b), 0);
	assert_string_equal(b.s, "-|comment|-|0|Mentoring|1\n");
	sc.from = NULL;
	sc.to = "2026-01-10";
	buf_reset(&b);
	assert_int_equal(store_texts(fx->s, &sc, to_lines, &b), 0);
	assert_string_equal(b.s, "-|comment|-|0|Copyright 101|1\n");
	assert_int_equal(store_scope_events(fx->s, &sc, &v, &n), 0);
	assert_int_equal(n, 0);
	events_free(v, n);
	/* an event filter leaves standing responses out */
	sc = (struct scope){ .form = "ideas", .events = two, .nevents = 2 };
	buf_reset(&b);
	assert_int_equal(store_count_by_event(fx->s, &sc, to_lines, &b), 0);
	assert_string_equal(b.s, "");
	buf_release(&b);
}

static void spam_is_out_of_every_query(void **state)
{
	struct fixture *fx = *state;
	struct scope sc = { .form = "fb" };
	struct buf b = BUF_INIT;

	assert_int_equal(store_count_codes(fx->s, &sc, to_lines, &b), 0);
	assert_int_equal(store_texts(fx->s, &sc, to_lines, &b), 0);
	assert_int_equal(store_each_answer(fx->s, &sc, to_lines, &b), 0);
	assert_null(strstr(b.s, "spam"));
	assert_null(strstr(b.s, "buy now"));
	assert_int_equal(store_set_spam(fx->s, 999999, 1), -1);
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(callback_stops_query,
						open_filled, teardown),
		cmocka_unit_test_setup_teardown(
			report_counts_by_event_codes_numbers, open_filled,
			teardown),
		cmocka_unit_test_setup_teardown(report_standing_form_counts,
						open_filled, teardown),
		cmocka_unit_test_setup_teardown(report_texts_newest_first,
						open_filled, teardown),
		cmocka_unit_test_setup_teardown(report_count_answered,
						open_filled, teardown),
		cmocka_unit_test_setup_teardown(report_texts_newest_limited,
						open_filled, teardown),
		cmocka_unit_test_setup_teardown(report_days, open_filled,
						teardown),
		cmocka_unit_test_setup_teardown(scope_filters, open_filled,
						teardown),
		cmocka_unit_test_setup_teardown(spam_is_out_of_every_query,
						open_filled, teardown),
	};

	log_set_program("test-store-scope");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
