/*
 * test-store.c - the database: migrations, file modes, submissions
 * (round trip, atomicity, duplicate tokens), events, secrets, backup and
 * every report query on a small data set with known counts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "buf.h"
#include "store.h"
#include "util.h"

struct fixture {
	char dir[64];
	char path[128];
	struct store *s;
	long long v_fb, v_ideas;
};

static int setup(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof(*fx));

	snprintf(fx->dir, sizeof(fx->dir), "%s", "/tmp/test-store.XXXXXX");
	if (!mkdtemp(fx->dir))
		return -1;
	snprintf(fx->path, sizeof(fx->path), "%s/t.db", fx->dir);
	*state = fx;
	return 0;
}

static void remove_files(const char *dir)
{
	static const char *const names[] = {
		"t.db", "t.db-wal", "t.db-shm", "t.db-journal",
		"copy.db", "copy.db-wal", "copy.db-shm", "copy.db-journal",
	};
	char p[256];

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		snprintf(p, sizeof(p), "%s/%s", dir, names[i]);
		unlink(p);
	}
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	store_close(fx->s);
	remove_files(fx->dir);
	rmdir(fx->dir);
	free(fx);
	return 0;
}

static struct form *fake_form(const char *key, const char *canonical)
{
	struct form *f = xcalloc(1, sizeof(*f));

	f->key = (char *)key;
	f->canonical = (char *)canonical;
	/* a stand-in hash: unique per canonical text in these tests */
	snprintf(f->hash, sizeof(f->hash), "%.20s-%.40s", key, canonical);
	return f;
}

static long long put_form(struct store *s, const char *key, const char *def)
{
	struct form *f = fake_form(key, def);
	long long v = 0;

	assert_int_equal(store_put_form(s, f, &v), 0);
	free(f);
	return v;
}

static void add_event(struct store *s, const char *key, const char *form,
		      const char *date, const char *series, long attendees)
{
	struct event e = {
		.key = (char *)key, .form = (char *)form,
		.title = (char *)"Title", .date = (char *)date,
		.series = (char *)series, .attendees = attendees,
	};

	assert_int_equal(store_event_add(s, &e), 0);
}

/* A submission with answers overall (num), fmt (code), topics (multi),
 * comment (text). comment NULL: left out. */
static long long submit(struct store *s, long long version, const char *form,
			const char *event, long long when, double overall,
			const char *fmt, const char *topic1,
			const char *topic2, const char *comment)
{
	struct answer a[5];
	size_t n = 0;
	struct submission sub = { 0 };

	memset(a, 0, sizeof(a));
	a[n].key = (char *)"overall";
	a[n].kind = ANS_NUM;
	a[n++].num = overall;
	a[n].key = (char *)"fmt";
	a[n].kind = ANS_CODE;
	a[n++].code = (char *)fmt;
	if (topic1) {
		a[n].key = (char *)"topics";
		a[n].kind = ANS_CODE;
		a[n++].code = (char *)topic1;
	}
	if (topic2) {
		a[n].key = (char *)"topics";
		a[n].kind = ANS_CODE;
		a[n++].code = (char *)topic2;
	}
	if (comment) {
		a[n].key = (char *)"comment";
		a[n].kind = ANS_TEXT;
		a[n++].text = (char *)comment;
	}
	sub.form = form;
	sub.version = version;
	sub.event = event;
	sub.submitted = when;
	sub.answers = a;
	sub.nanswers = n;
	assert_int_equal(store_submit(s, &sub, 1), 0);
	assert_int_equal(sub.duplicate, 0);
	assert_true(sub.id > 0);
	return sub.id;
}

/* 2026-01-10 12:00 UTC and friends. */
#define JAN10 1768046400LL
#define DAY 86400LL

/*
 * The data set:
 *   fb (per event): e1 2026-01-10 basics (3 + 1 spam), e2 2026-02-10
 *   basics (2), e3 2026-03-10 adv (1, no answers but overall/fmt).
 *   ideas (standing): 2 responses, on 2026-01-10 and 2026-02-11.
 */
static void fill(struct fixture *fx)
{
	struct store *s = fx->s;
	long long spam;

	fx->v_fb = put_form(s, "fb", "{\"v\":1}");
	fx->v_ideas = put_form(s, "ideas", "{\"v\":1}");
	add_event(s, "e1", "fb", "2026-01-10", "basics", 20);
	add_event(s, "e2", "fb", "2026-02-10", "basics", -1);
	add_event(s, "e3", "fb", "2026-03-10", "adv", 5);
	submit(s, fx->v_fb, "fb", "e1", JAN10, 5, "webinar", "copyright",
	       "lending", "Très bien");
	submit(s, fx->v_fb, "fb", "e1", JAN10 + 60, 4, "webinar", "lending",
	       NULL, "More examples");
	submit(s, fx->v_fb, "fb", "e1", JAN10 + DAY, 5, "in_person", NULL,
	       NULL, NULL);
	spam = submit(s, fx->v_fb, "fb", "e1", JAN10 + DAY, 1, "spam",
		      "spam", NULL, "buy now");
	assert_int_equal(store_set_spam(s, spam, 1), 0);
	submit(s, fx->v_fb, "fb", "e2", JAN10 + 31 * DAY, 3, "hybrid",
	       "copyright", NULL, "Pace too fast");
	submit(s, fx->v_fb, "fb", "e2", JAN10 + 32 * DAY, 4, "webinar",
	       NULL, NULL, NULL);
	submit(s, fx->v_fb, "fb", "e3", JAN10 + 59 * DAY, 2, "webinar",
	       "systems", NULL, NULL);
	submit(s, fx->v_ideas, "ideas", NULL, JAN10, 1, "webinar", NULL,
	       NULL, "Copyright 101");
	submit(s, fx->v_ideas, "ideas", NULL, JAN10 + 32 * DAY, 2,
	       "in_person", NULL, NULL, "Mentoring");
}

static int open_filled(void **state)
{
	struct fixture *fx;

	if (setup(state) < 0)
		return -1;
	fx = *state;
	if (store_open(&fx->s, fx->path, 0) < 0)
		return -1;
	fill(fx);
	return 0;
}

/* Rows as text lines, "event|key|code|num|text|count". */
static int to_lines(void *ctx, const struct store_row *r)
{
	buf_addf(ctx, "%s|%s|%s|%g|%s|%ld\n", r->event ? r->event : "-",
		 r->key ? r->key : "-", r->code ? r->code : "-", r->num,
		 r->text ? r->text : "-", r->count);
	return 0;
}

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
		cmocka_unit_test_setup_teardown(callback_stops_query,
						open_filled, teardown),
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
		cmocka_unit_test_setup_teardown(secrets_are_stable, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			backup_copies_and_never_overwrites, open_filled,
			teardown),
	};

	log_set_program("test-store");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
