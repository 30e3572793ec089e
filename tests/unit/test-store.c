/*
 * test-store.c - the database: migrations, file modes, submissions
 * (round trip, atomicity, duplicate tokens), events, secrets and backup.
 * The report queries are in test-store-scope.c.
 */
#include "store-fixture.h"

/* ---- migrations and files ---- */

static void open_creates_private_file_at_latest(void **state)
{
	struct fixture *fx = *state;
	struct stat st;
	char wal[160];
	mode_t old = umask(0);         /* a permissive umask must not matter */

	assert_int_equal(store_open(&fx->s, fx->path, 0), 0);
	umask(old);
	assert_int_equal(store_schema_version(fx->s), store_schema_latest());
	assert_true(store_schema_latest() >= 2);
	assert_int_equal(stat(fx->path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	put_form(fx->s, "fb", "{}");   /* a write makes the WAL file */
	snprintf(wal, sizeof(wal), "%s-wal", fx->path);
	assert_int_equal(stat(wal, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	snprintf(wal, sizeof(wal), "%s-shm", fx->path);
	assert_int_equal(stat(wal, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
}

static void migrates_from_every_earlier_version(void **state)
{
	struct fixture *fx = *state;
	int latest = store_schema_latest();

	for (int k = 0; k <= latest; k++) {
		struct store *s = NULL;
		long long v, id;

		remove_files(fx->dir);
		assert_int_equal(store_create_version(fx->path, k), 0);
		if (k % 2) {   /* a read-only open brings it up to date too */
			assert_int_equal(store_open(&s, fx->path,
						    STORE_READONLY), 0);
			assert_int_equal(store_schema_version(s), latest);
			store_close(s);
		}
		assert_int_equal(store_open(&s, fx->path, 0), 0);
		assert_int_equal(store_schema_version(s), latest);
		/* every table of every migration is usable */
		v = put_form(s, "fb", "{}");
		add_event(s, "e1", "fb", "2026-01-10", NULL, -1);
		id = submit(s, v, "fb", "e1", JAN10, 3, "webinar", NULL, NULL,
			    "x");
		assert_int_equal(store_count_responses(s, "fb"), 1);
		assert_int_equal(store_set_spam(s, id, 1), 0);
		assert_int_equal(store_count_responses(s, "fb"), 0);
		store_close(s);
		/* opening again at the latest version changes nothing */
		assert_int_equal(store_open(&s, fx->path, STORE_READONLY), 0);
		assert_int_equal(store_schema_version(s), latest);
		store_close(s);
	}
}

static void bad_open_of_missing_dir_fails(void **state)
{
	struct store *s = NULL;

	assert_int_equal(store_open(&s, "/nonexistent-dir/x/t.db", 0), -1);
	assert_null(s);
	assert_int_equal(store_open(&s, "/nonexistent-dir/t.db",
				    STORE_READONLY), -1);
}

/* ---- form versions ---- */

static void form_versions_by_hash(void **state)
{
	struct fixture *fx = *state;
	long long a, b, c;
	char *def;

	assert_int_equal(store_open(&fx->s, fx->path, 0), 0);
	assert_null(store_latest_form(fx->s, "fb"));
	a = put_form(fx->s, "fb", "{\"v\":1}");
	b = put_form(fx->s, "fb", "{\"v\":1}");
	assert_int_equal(a, b);
	c = put_form(fx->s, "fb", "{\"v\":2}");
	assert_true(c != a);
	def = store_latest_form(fx->s, "fb");
	assert_string_equal(def, "{\"v\":2}");
	free(def);
}

/* ---- submissions ---- */

struct collected {
	struct buf b;
	long rows;
};

static int typed_lines(void *ctx, const struct store_row *r)
{
	struct collected *c = ctx;

	c->rows++;
	if (!r->key)
		buf_addf(&c->b, "%lld:none\n", r->response);
	else if (r->code)
		buf_addf(&c->b, "%lld:%s=code:%s\n", r->response, r->key,
			 r->code);
	else if (r->text)
		buf_addf(&c->b, "%lld:%s=text:%s\n", r->response, r->key,
			 r->text);
	else
		buf_addf(&c->b, "%lld:%s=num:%g\n", r->response, r->key,
			 r->num);
	return 0;
}

static void submission_round_trip(void **state)
{
	struct fixture *fx = *state;
	struct scope sc = { .form = "fb" };
	struct collected c = { BUF_INIT, 0 };
	struct submission sub = { 0 };
	long long v, id;
	char want[512];

	assert_int_equal(store_open(&fx->s, fx->path, 0), 0);
	v = put_form(fx->s, "fb", "{}");
	add_event(fx->s, "e1", "fb", "2026-01-10", NULL, -1);
	id = submit(fx->s, v, "fb", "e1", JAN10, 4.5, "webinar", "a", "b",
		    "naïve <b>'x'</b>\n\"y\"");
	sub.form = "fb";               /* a response with no answers */
	sub.version = v;
	sub.event = "e1";
	sub.submitted = JAN10;
	sub.token = "tok";
	assert_int_equal(store_submit(fx->s, &sub, 1), 0);
	assert_int_equal(store_each_answer(fx->s, &sc, typed_lines, &c), 0);
	snprintf(want, sizeof(want),
		 "%lld:overall=num:4.5\n%lld:fmt=code:webinar\n"
		 "%lld:topics=code:a\n%lld:topics=code:b\n"
		 "%lld:comment=text:naïve <b>'x'</b>\n\"y\"\n%lld:none\n",
		 id, id, id, id, id, sub.id);
	assert_string_equal(c.b.s, want);
	buf_reset(&c.b);
	assert_int_equal(store_response_answers(fx->s, sub.id, typed_lines,
						&c), 0);
	snprintf(want, sizeof(want), "%lld:none\n", sub.id);
	assert_string_equal(c.b.s, want);
	buf_release(&c.b);
}

static void bad_submission_stores_nothing(void **state)
{
	struct fixture *fx = *state;
	struct answer a = { .key = (char *)"q", .kind = ANS_CODE,
			    .code = (char *)"x" };
	struct answer bad = { .key = (char *)"q", .kind = ANS_CODE };
	struct submission subs[2] = {
		{ .form = "fb", .event = "e1", .submitted = JAN10,
		  .token = "ok-1", .answers = &a, .nanswers = 1 },
		{ .form = "fb", .event = "e1", .submitted = JAN10,
		  .token = "bad-1", .answers = &a, .nanswers = 1 },
	};
	long long v;

	assert_int_equal(store_open(&fx->s, fx->path, 0), 0);
	v = put_form(fx->s, "fb", "{}");
	add_event(fx->s, "e1", "fb", "2026-01-10", NULL, -1);
	subs[0].version = v;
	subs[1].version = v + 1000;    /* no such form version */
	assert_int_equal(store_submit(fx->s, subs, 2), -1);
	assert_int_equal(subs[0].id, 0);
	assert_int_equal(store_count_responses(fx->s, "fb"), 0);

	subs[1].version = v;           /* an unknown event */
	subs[1].event = "nope";
	assert_int_equal(store_submit(fx->s, subs, 2), -1);
	assert_int_equal(store_count_responses(fx->s, "fb"), 0);

	subs[1].event = "e1";          /* an answer with no value */
	subs[1].answers = &bad;
	assert_int_equal(store_submit(fx->s, subs, 2), -1);
	assert_int_equal(store_count_responses(fx->s, "fb"), 0);

	subs[1].answers = &a;          /* an event of another form */
	subs[1].form = "ideas";
	assert_int_equal(store_submit(fx->s, subs, 2), -1);
	assert_int_equal(store_count_responses(fx->s, "ideas"), 0);
	assert_int_equal(store_count_responses(fx->s, "fb"), 0);

	subs[1].form = "fb";           /* and now all is well */
	assert_int_equal(store_submit(fx->s, subs, 2), 0);
	assert_int_equal(store_count_responses(fx->s, "fb"), 2);
	assert_true(subs[0].id > 0 && subs[1].id > subs[0].id);
}

static void duplicate_tokens_are_skipped(void **state)
{
	struct fixture *fx = *state;
	struct submission subs[3] = {
		{ .form = "fb", .submitted = JAN10, .token = "t1" },
		{ .form = "fb", .submitted = JAN10, .token = "t2" },
		{ .form = "fb", .submitted = JAN10, .token = "t2" },
	};
	long long v;

	assert_int_equal(store_open(&fx->s, fx->path, 0), 0);
	v = put_form(fx->s, "fb", "{}");
	for (int i = 0; i < 3; i++)
		subs[i].version = v;
	assert_int_equal(store_submit(fx->s, subs, 1), 0);
	assert_int_equal(subs[0].duplicate, 0);
	/* t1 again, t2 new, t2 repeated within the batch */
	assert_int_equal(store_submit(fx->s, subs, 3), 0);
	assert_int_equal(subs[0].duplicate, 1);
	assert_int_equal(subs[1].duplicate, 0);
	assert_true(subs[1].id > 0);
	assert_int_equal(subs[2].duplicate, 1);
	assert_int_equal(store_count_responses(fx->s, "fb"), 2);
}

/* ---- events ---- */

static void events_add_get_update_list(void **state)
{
	struct fixture *fx = *state;
	struct event e = { 0 }, *v = NULL;
	size_t n = 0;

	assert_int_equal(store_event_get(fx->s, "nope", &e), 0);
	assert_int_equal(store_event_get(fx->s, "e1", &e), 1);
	assert_string_equal(e.form, "fb");
	assert_string_equal(e.date, "2026-01-10");
	assert_string_equal(e.series, "basics");
	assert_null(e.location);
	assert_int_equal(e.attendees, 20);
	assert_int_equal(e.responses, 3);      /* spam left out */
	assert_int_equal(e.opens, 0);
	assert_int_equal(e.closes, 0);
	assert_true(event_is_open(&e, JAN10));

	free(e.location);
	e.location = xstrdup("Room 2");
	e.closes = JAN10;
	e.attendees = -1;
	assert_int_equal(store_event_update(fx->s, &e), 0);
	event_release(&e);
	assert_int_equal(store_event_get(fx->s, "e1", &e), 1);
	assert_string_equal(e.location, "Room 2");
	assert_int_equal(e.attendees, -1);
	assert_int_equal(e.closes, JAN10);
	assert_false(event_is_open(&e, JAN10));
	assert_true(event_is_open(&e, JAN10 - 1));
	e.opens = JAN10 - 10;
	assert_false(event_is_open(&e, JAN10 - 11));

	/* -bad-: a key in use, an unknown key, a bad date */
	assert_int_equal(store_event_add(fx->s, &e), -1);
	free(e.key);
	e.key = xstrdup("unknown");
	assert_int_equal(store_event_update(fx->s, &e), -1);
	free(e.date);
	e.date = xstrdup("2026-02-30");
	assert_int_equal(store_event_add(fx->s, &e), -1);
	event_release(&e);

	assert_int_equal(store_event_list(fx->s, NULL, &v, &n), 0);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].key, "e1");
	assert_string_equal(v[2].key, "e3");
	assert_int_equal(v[1].responses, 2);
	events_free(v, n);
	assert_int_equal(store_event_list(fx->s, "ideas", &v, &n), 0);
	assert_int_equal(n, 0);
	events_free(v, n);
}

/* Every field of two events, responses aside, is the same. */
static void assert_same_event(const struct event *a, const struct event *b)
{
	assert_string_equal(a->key, b->key);
	assert_string_equal(a->form, b->form);
	assert_string_equal(a->title, b->title);
	assert_string_equal(a->date, b->date);
	assert_true(!a->location == !b->location);
	if (a->location)
		assert_string_equal(a->location, b->location);
	assert_true(!a->series == !b->series);
	if (a->series)
		assert_string_equal(a->series, b->series);
	assert_int_equal(a->attendees, b->attendees);
	assert_int_equal(a->opens, b->opens);
	assert_int_equal(a->closes, b->closes);
}

/* get/find, list/list_brief and the scope's events read one row alike. */
static void event_reads_agree(void **state)
{
	struct fixture *fx = *state;
	struct event *all = NULL, *brief = NULL, *in_scope = NULL, e, f;
	struct scope sc = { .form = "fb" };
	size_t n = 0, nb = 0, ns = 0;

	assert_int_equal(store_event_list(fx->s, "fb", &all, &n), 0);
	assert_int_equal(store_event_list_brief(fx->s, "fb", &brief, &nb), 0);
	assert_int_equal(store_scope_events(fx->s, &sc, &in_scope, &ns), 0);
	assert_int_equal(n, 3);
	assert_int_equal(nb, n);
	assert_int_equal(ns, n);
	for (size_t i = 0; i < n; i++) {
		assert_same_event(&all[i], &brief[i]);
		assert_same_event(&all[i], &in_scope[i]);
		assert_int_equal(brief[i].responses, -1);
		assert_int_equal(in_scope[i].responses, all[i].responses);
		assert_int_equal(store_event_get(fx->s, all[i].key, &e), 1);
		assert_int_equal(store_event_find(fx->s, all[i].key, &f), 1);
		assert_same_event(&all[i], &e);
		assert_same_event(&all[i], &f);
		assert_int_equal(e.responses, all[i].responses);
		assert_int_equal(f.responses, -1);
		event_release(&e);
		event_release(&f);
	}
	assert_int_equal(all[0].responses, 3);
	events_free(all, n);
	events_free(brief, nb);
	events_free(in_scope, ns);

	/* -bad-: an unknown key fills nothing; an empty list is NULL */
	memset(&f, 0xff, sizeof(f));
	assert_int_equal(store_event_find(fx->s, "nope", &f), 0);
	assert_null(f.key);
	assert_int_equal(store_event_list_brief(fx->s, "ideas", &brief, &nb),
			 0);
	assert_null(brief);
	assert_int_equal(nb, 0);
}

/*
 * A change refused (unknown key, key in use, CHECK constraint) writes
 * nothing and leaves no transaction open: the next change goes through.
 */
static void bad_changes_leave_no_transaction(void **state)
{
	struct fixture *fx = *state;
	struct event e = { 0 };

	assert_int_equal(store_event_get(fx->s, "e1", &e), 1);
	free(e.title);
	e.title = xstrdup("Renamed");
	assert_int_equal(store_event_add(fx->s, &e), -1);       /* in use */
	assert_int_equal(store_set_spam(fx->s, 999999, 1), -1);  /* unknown */
	free(e.key);
	e.key = xstrdup("e9");
	assert_int_equal(store_event_update(fx->s, &e), -1);    /* unknown */
	free(e.date);
	e.date = xstrdup("2026-13-01");
	assert_int_equal(store_event_add(fx->s, &e), -1);       /* CHECK */
	event_release(&e);

	assert_int_equal(store_event_get(fx->s, "e9", &e), 0);
	assert_int_equal(store_event_get(fx->s, "e1", &e), 1);
	assert_string_equal(e.title, "Title");
	free(e.title);
	e.title = xstrdup("Renamed");
	assert_int_equal(store_event_update(fx->s, &e), 0);
	event_release(&e);
	assert_int_equal(store_event_get(fx->s, "e1", &e), 1);
	assert_string_equal(e.title, "Renamed");
	event_release(&e);
	submit(fx->s, fx->v_fb, "fb", "e2", JAN10, 3, "webinar", NULL, NULL,
	       NULL);
}

/* ---- secrets and backup ---- */

static void secrets_are_stable(void **state)
{
	struct fixture *fx = *state;
	unsigned char a[32], b[32], c[32], zero[32] = { 0 };

	assert_int_equal(store_open(&fx->s, fx->path, 0), 0);
	assert_int_equal(store_secret(fx->s, "token", a, sizeof(a)), 0);
	assert_memory_not_equal(a, zero, sizeof(a));
	assert_int_equal(store_secret(fx->s, "token", b, sizeof(b)), 0);
	assert_memory_equal(a, b, sizeof(a));
	assert_int_equal(store_secret(fx->s, "other", c, sizeof(c)), 0);
	assert_memory_not_equal(a, c, sizeof(a));
	store_close(fx->s);
	assert_int_equal(store_open(&fx->s, fx->path, 0), 0);
	assert_int_equal(store_secret(fx->s, "token", b, sizeof(b)), 0);
	assert_memory_equal(a, b, sizeof(a));
	/* -bad-: asking for another length is an error, not a new key */
	assert_int_equal(store_secret(fx->s, "token", b, 16), -1);
}

static void backup_copies_and_never_overwrites(void **state)
{
	struct fixture *fx = *state;
	struct store *copy = NULL;
	struct stat st;
	char path[160];

	snprintf(path, sizeof(path), "%s/copy.db", fx->dir);
	assert_int_equal(store_backup(fx->s, path), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(store_open(&copy, path, STORE_READONLY), 0);
	assert_int_equal(store_count_responses(copy, "fb"), 6);
	assert_int_equal(store_count_responses(copy, "ideas"), 2);
	store_close(copy);
	/* -bad-: an existing file is left alone */
	assert_int_equal(store_backup(fx->s, path), -1);
	assert_int_equal(stat(path, &st), 0);
	assert_true(st.st_size > 0);
	assert_int_equal(store_backup(fx->s, "/nonexistent-dir/x.db"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			open_creates_private_file_at_latest, setup, teardown),
		cmocka_unit_test_setup_teardown(
			migrates_from_every_earlier_version, setup, teardown),
		cmocka_unit_test(bad_open_of_missing_dir_fails),
		cmocka_unit_test_setup_teardown(form_versions_by_hash, setup,
						teardown),
		cmocka_unit_test_setup_teardown(submission_round_trip, setup,
						teardown),
		cmocka_unit_test_setup_teardown(bad_submission_stores_nothing,
						setup, teardown),
		cmocka_unit_test_setup_teardown(duplicate_tokens_are_skipped,
						setup, teardown),
		cmocka_unit_test_setup_teardown(events_add_get_update_list,
						open_filled, teardown),
		cmocka_unit_test_setup_teardown(event_reads_agree, open_filled,
						teardown),
		cmocka_unit_test_setup_teardown(
			bad_changes_leave_no_transaction, open_filled,
			teardown),
		cmocka_unit_test_setup_teardown(secrets_are_stable, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			backup_copies_and_never_overwrites, open_filled,
			teardown),
	};

	log_set_program("test-store");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
