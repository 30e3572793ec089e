/*
 * store-fixture.h - what test-store.c and test-store-scope.c share: a
 * database in a temporary folder, and a small data set with known counts
 * (fill). Included by one test file each; everything is static.
 */
#ifndef SIGSURVEY_STORE_FIXTURE_H
#define SIGSURVEY_STORE_FIXTURE_H

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

#endif
