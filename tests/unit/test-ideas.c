/*
 * test-ideas.c - the topic board in the store: a board form's submission
 * becomes an idea (another form's does not), votes count once per voter,
 * merging adds votes once per voter and votes for a merged idea go to
 * the idea it went into, statuses and their rules, and the status read
 * as done once a scheduled idea's event has passed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "idea.h"
#include "store.h"
#include "util.h"

struct fixture {
	char dir[64];
	char path[128];
	struct store *s;
	long long board, other;     /* form versions */
};

static long long put_form(struct store *s, const char *key, int board,
			  const char *hash)
{
	struct form f = { 0 };
	long long v = 0;

	f.key = (char *)key;
	f.canonical = (char *)"{}";
	f.board = board;
	memcpy(f.hash, hash, strlen(hash) + 1);
	assert_int_equal(store_put_form(s, &f, &v), 0);
	return v;
}

static int setup(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof(*fx));

	snprintf(fx->dir, sizeof(fx->dir), "%s", "/tmp/test-ideas.XXXXXX");
	if (!mkdtemp(fx->dir))
		return -1;
	snprintf(fx->path, sizeof(fx->path), "%s/t.db", fx->dir);
	if (store_open(&fx->s, fx->path, 0) < 0)
		return -1;
	fx->board = put_form(fx->s, "ideas", 1, "b1");
	fx->other = put_form(fx->s, "survey", 0, "o1");
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	static const char *const names[] = { "t.db", "t.db-wal", "t.db-shm" };
	char p[256];

	store_close(fx->s);
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		snprintf(p, sizeof(p), "%s/%s", fx->dir, names[i]);
		unlink(p);
	}
	rmdir(fx->dir);
	free(fx);
	return 0;
}

/* Submits a topic to form version v; returns the new idea's id or 0. */
static long long suggest(struct fixture *fx, long long v, const char *topic,
			 const char *token)
{
	struct answer a[2] = {
		{ .key = (char *)"topic", .kind = ANS_TEXT, .text = (char *)topic },
		{ .key = (char *)"description", .kind = ANS_TEXT,
		  .text = (char *)"details" },
	};
	struct submission sub = { .form = v == fx->board ? "ideas" : "survey",
				  .version = v, .submitted = 1000,
				  .token = token, .answers = a, .nanswers = 2 };
	struct idea_filter f = { .newest = 1, .limit = 1 };
	struct idea_info *ideas = NULL;
	size_t n = 0;
	long long id = 0;

	assert_int_equal(store_submit(fx->s, &sub, 1), 0);
	assert_int_equal(store_idea_list(fx->s, &f, &ideas, &n), 0);
	if (n && !strcmp(ideas[0].orig_topic, topic))
		id = ideas[0].id;
	ideas_free(ideas, n);
	return id;
}

static int vote(struct fixture *fx, long long id, char who)
{
	unsigned char voter[16];

	memset(voter, who, sizeof(voter));
	return store_idea_vote(fx->s, id, voter, sizeof(voter));
}

static long votes(struct fixture *fx, long long id)
{
	struct idea_info i = { 0 };
	long v;

	assert_int_equal(store_idea_get(fx->s, id, NULL, &i), 1);
	v = i.votes;
	idea_release(&i);
	return v;
}

static void board_form_makes_ideas(void **state)
{
	struct fixture *fx = *state;
	struct idea_info i = { 0 };
	long long id = suggest(fx, fx->board, "Copyright", "t1");

	assert_true(id > 0);
	assert_int_equal(suggest(fx, fx->other, "Not an idea", "t2"), 0);
	assert_int_equal(store_idea_get(fx->s, id, NULL, &i), 1);
	assert_string_equal(i.status, "new");
	assert_string_equal(i.description, "details");
	idea_release(&i);
}

static void votes_count_once_per_voter(void **state)
{
	struct fixture *fx = *state;
	long long id = suggest(fx, fx->board, "Copyright", "t1");

	assert_int_equal(vote(fx, id, 'a'), 0);     /* not approved yet */
	assert_int_equal(store_idea_approve(fx->s, id, 2000), 0);
	assert_int_equal(store_idea_approve(fx->s, id, 2000), -1);
	assert_int_equal(vote(fx, id, 'a'), 1);
	assert_int_equal(vote(fx, id, 'a'), 0);
	assert_int_equal(vote(fx, id, 'b'), 1);
	assert_int_equal(votes(fx, id), 2);
	assert_int_equal(vote(fx, 999, 'a'), 0);
}

static void merge_adds_votes_once(void **state)
{
	struct fixture *fx = *state;
	long long a = suggest(fx, fx->board, "Copyright", "t1");
	long long b = suggest(fx, fx->board, "Copyright law", "t2");
	long long c = suggest(fx, fx->board, "Copyright again", "t3");

	assert_int_equal(store_idea_approve(fx->s, a, 2000), 0);
	assert_int_equal(store_idea_approve(fx->s, b, 2000), 0);
	assert_int_equal(vote(fx, a, 'x'), 1);
	assert_int_equal(vote(fx, a, 'y'), 1);
	assert_int_equal(vote(fx, b, 'y'), 1);      /* voted for both */
	assert_int_equal(vote(fx, b, 'z'), 1);
	assert_int_equal(store_idea_merge(fx->s, b, a, 3000), 0);
	assert_int_equal(votes(fx, a), 3);
	assert_int_equal(votes(fx, b), 0);
	assert_int_equal(vote(fx, b, 'z'), 0);      /* goes to a: counted */
	assert_int_equal(vote(fx, b, 'w'), 1);
	assert_int_equal(votes(fx, a), 4);
	assert_int_equal(store_idea_merge(fx->s, a, a, 3000), -1);
	assert_int_equal(store_idea_merge(fx->s, b, a, 3000), -1);
	/* merging a into c carries b along */
	assert_int_equal(store_idea_merge(fx->s, a, c, 3000), 0);
	assert_int_equal(votes(fx, c), 4);
	assert_int_equal(vote(fx, b, 'v'), 0);      /* c is not approved */
}

static void status_and_done_on_read(void **state)
{
	struct fixture *fx = *state;
	struct event e = { 0 };
	struct idea_info i = { 0 };
	long long id = suggest(fx, fx->board, "Copyright", "t1");

	e.key = (char *)"copy";
	e.form = (char *)"survey";
	e.title = (char *)"Copyright workshop";
	e.date = (char *)"2030-05-01";
	e.attendees = -1;
	assert_int_equal(store_event_add(fx->s, &e), 0);
	assert_int_equal(store_idea_status(fx->s, id, "planned", NULL, NULL,
					   2000), -1);     /* approve first */
	assert_int_equal(store_idea_approve(fx->s, id, 2000), 0);
	assert_int_equal(store_idea_status(fx->s, id, "new", NULL, NULL,
					   2000), -1);
	assert_int_equal(store_idea_status(fx->s, id, "scheduled", "nope",
					   NULL, 2000), -1);
	assert_int_equal(store_idea_status(fx->s, id, "scheduled", "copy",
					   "", 2000), 0);
	assert_int_equal(store_idea_get(fx->s, id, "2030-05-01", &i), 1);
	assert_string_equal(i.status, "scheduled");
	assert_string_equal(i.event_title, "Copyright workshop");
	idea_release(&i);
	assert_int_equal(store_idea_get(fx->s, id, "2030-05-02", &i), 1);
	assert_string_equal(i.status, "done");
	idea_release(&i);
	assert_int_equal(store_idea_for_event(fx->s, "copy", NULL, &i), 1);
	assert_int_equal(i.id, id);
	idea_release(&i);
	assert_int_equal(store_idea_edit(fx->s, id, "Copyright basics", NULL,
					 2000), 0);
	assert_int_equal(store_idea_get(fx->s, id, NULL, &i), 1);
	assert_string_equal(i.topic, "Copyright basics");
	assert_string_equal(i.orig_topic, "Copyright");
	idea_release(&i);
}

static void wording_rules(void **state)
{
	char big[200];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_null(idea_topic_problem("Copyright for ILL"));
	assert_non_null(idea_topic_problem(""));
	assert_non_null(idea_topic_problem("two\nlines"));
	assert_non_null(idea_topic_problem(big));
	assert_non_null(idea_topic_problem("\xff bad"));
	assert_null(idea_description_problem(NULL));
	assert_true(idea_status_settable("declined"));
	assert_false(idea_status_settable("merged"));
	assert_false(idea_status_public("new"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(board_form_makes_ideas, setup,
						teardown),
		cmocka_unit_test_setup_teardown(votes_count_once_per_voter,
						setup, teardown),
		cmocka_unit_test_setup_teardown(merge_adds_votes_once, setup,
						teardown),
		cmocka_unit_test_setup_teardown(status_and_done_on_read, setup,
						teardown),
		cmocka_unit_test(wording_rules),
	};

	log_set_quiet(1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
