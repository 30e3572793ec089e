/*
 * test-store-admin.c - the committee area's tables in the store:
 * accounts, the one-time setup token, sessions with their absolute
 * expiry and idle timeout (with explicit clocks), and the admin's
 * response list, count, spam and delete.
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

#include "store.h"
#include "util.h"

struct fixture {
	char dir[64];
	char path[128];
	struct store *s;
};

static int setup(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof(*fx));

	snprintf(fx->dir, sizeof(fx->dir), "%s", "/tmp/test-store-admin.XXXXXX");
	if (!mkdtemp(fx->dir))
		return -1;
	snprintf(fx->path, sizeof(fx->path), "%s/t.db", fx->dir);
	if (store_open(&fx->s, fx->path, 0) < 0)
		return -1;
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

static void add(struct store *s, const char *name, const char *role)
{
	struct user u = { (char *)name, (char *)role, (char *)"$argon2id$x",
			  1000 };

	assert_int_equal(store_user_add(s, &u), 0);
}

static void accounts_round_trip(void **state)
{
	struct fixture *fx = *state;
	struct user u, *v;
	size_t n;

	assert_int_equal(store_user_count(fx->s, NULL), 0);
	add(fx->s, "zed", "viewer");
	add(fx->s, "amy", "admin");
	assert_int_equal(store_user_count(fx->s, NULL), 2);
	assert_int_equal(store_user_count(fx->s, "admin"), 1);
	assert_int_equal(store_user_get(fx->s, "amy", &u), 1);
	assert_string_equal(u.role, "admin");
	assert_string_equal(u.hash, "$argon2id$x");
	assert_int_equal(u.created, 1000);
	user_release(&u);
	assert_int_equal(store_user_get(fx->s, "nobody", &u), 0);
	assert_int_equal(store_user_list(fx->s, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].name, "amy");      /* by name */
	users_free(v, n);
	assert_int_equal(store_user_update(fx->s, "zed", "admin", NULL), 0);
	assert_int_equal(store_user_count(fx->s, "admin"), 2);
	assert_int_equal(store_user_remove(fx->s, "zed"), 0);
	assert_int_equal(store_user_count(fx->s, NULL), 1);
}

static void bad_accounts(void **state)
{
	struct fixture *fx = *state;
	struct user u = { (char *)"amy", (char *)"boss", (char *)"h", 1 };

	assert_int_equal(store_user_add(fx->s, &u), -1);     /* role CHECK */
	add(fx->s, "amy", "admin");
	u.role = (char *)"viewer";
	assert_int_equal(store_user_add(fx->s, &u), -1);     /* taken */
	assert_int_equal(store_user_update(fx->s, "nobody", NULL, "h"), -1);
	assert_int_equal(store_user_remove(fx->s, "nobody"), -1);
	assert_int_equal(store_user_count(fx->s, NULL), 1);
}

static void setup_token_works_once(void **state)
{
	struct fixture *fx = *state;
	struct user u = { (char *)"first", (char *)"admin", (char *)"h", 5 };

	assert_int_equal(store_setup_put(fx->s, "old", 1), 0);
	assert_int_equal(store_setup_put(fx->s, "tok", 2), 0);  /* replaces */
	assert_int_equal(store_setup_valid(fx->s, "old"), 0);
	assert_int_equal(store_setup_valid(fx->s, "tok"), 1);
	assert_int_equal(store_setup_use(fx->s, "wrong", &u), 0);
	assert_int_equal(store_user_count(fx->s, NULL), 0);
	assert_int_equal(store_setup_use(fx->s, "tok", &u), 1);
	assert_int_equal(store_user_count(fx->s, "admin"), 1);
	assert_int_equal(store_setup_valid(fx->s, "tok"), 0);
	u.name = (char *)"second";
	assert_int_equal(store_setup_use(fx->s, "tok", &u), 0);
	assert_int_equal(store_user_count(fx->s, NULL), 1);
}

static void setup_token_dead_once_an_account_exists(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(store_setup_put(fx->s, "tok", 1), 0);
	add(fx->s, "amy", "admin");                /* from the command line */
	assert_int_equal(store_setup_valid(fx->s, "tok"), 0);
}

static void sessions_expire_and_time_out(void **state)
{
	struct fixture *fx = *state;
	struct session se;

	add(fx->s, "amy", "viewer");
	/* created at 1000, expires at 1000 + 3600, idle limit 600 */
	assert_int_equal(store_session_add(fx->s, "h1", "amy", "csrf1", 1000,
					   4600), 0);
	assert_int_equal(store_session_get(fx->s, "h1", 1500, 600, &se), 1);
	assert_string_equal(se.user, "amy");
	assert_string_equal(se.role, "viewer");
	assert_string_equal(se.csrf, "csrf1");
	assert_int_equal(se.last_seen, 1000);
	session_release(&se);
	assert_int_equal(store_session_get(fx->s, "h1", 1601, 600, &se), 0);
	session_release(&se);
	assert_int_equal(store_session_touch(fx->s, "h1", 1550), 0);
	assert_int_equal(store_session_get(fx->s, "h1", 2100, 600, &se), 1);
	session_release(&se);
	/* kept alive, but never past the absolute expiry */
	assert_int_equal(store_session_touch(fx->s, "h1", 4500), 0);
	assert_int_equal(store_session_get(fx->s, "h1", 4599, 600, &se), 1);
	session_release(&se);
	assert_int_equal(store_session_get(fx->s, "h1", 4600, 600, &se), 0);
	session_release(&se);
	assert_int_equal(store_session_get(fx->s, "other", 1500, 600, &se), 0);
	session_release(&se);
	/* the role is read live: a demoted admin is a viewer at once */
	assert_int_equal(store_user_update(fx->s, "amy", "admin", NULL), 0);
	assert_int_equal(store_session_add(fx->s, "h2", "amy", "c2", 5000,
					   9000), 0);
	assert_int_equal(store_session_get(fx->s, "h2", 5001, 600, &se), 1);
	assert_string_equal(se.role, "admin");
	session_release(&se);
	assert_int_equal(store_session_prune(fx->s, 5001, 600), 0);
	assert_int_equal(store_session_get(fx->s, "h2", 5002, 600, &se), 1);
	session_release(&se);
	assert_int_equal(store_session_add(fx->s, "h3", "nobody", "c", 1, 2),
			 -1);
}

static void sessions_end_with_password_change_and_removal(void **state)
{
	struct fixture *fx = *state;
	struct session se;

	add(fx->s, "amy", "admin");
	add(fx->s, "bob", "viewer");
	assert_int_equal(store_session_add(fx->s, "a1", "amy", "c", 10, 99999), 0);
	assert_int_equal(store_session_add(fx->s, "b1", "bob", "c", 10, 99999), 0);
	assert_int_equal(store_user_update(fx->s, "amy", NULL, "$new"), 0);
	assert_int_equal(store_session_get(fx->s, "a1", 11, 600, &se), 0);
	session_release(&se);
	assert_int_equal(store_session_get(fx->s, "b1", 11, 600, &se), 1);
	session_release(&se);
	assert_int_equal(store_session_delete(fx->s, "b1"), 0);
	assert_int_equal(store_session_get(fx->s, "b1", 11, 600, &se), 0);
	session_release(&se);
	assert_int_equal(store_session_add(fx->s, "b2", "bob", "c", 10, 99999), 0);
	assert_int_equal(store_user_remove(fx->s, "bob"), 0);
	assert_int_equal(store_session_get(fx->s, "b2", 11, 600, &se), 0);
	session_release(&se);
}

static void responses_list_count_spam_delete(void **state)
{
	struct fixture *fx = *state;
	struct answer ans = { (char *)"comment", ANS_TEXT, NULL, 0,
			      (char *)"hello" };
	struct submission sub[3] = {
		{ .form = "f", .version = 0, .submitted = 86400 * 10,
		  .token = "t1", .answers = &ans, .nanswers = 1 },
		{ .form = "f", .version = 0, .submitted = 86400 * 11,
		  .token = "t2" },
		{ .form = "g", .version = 0, .submitted = 86400 * 12,
		  .token = "t3" },
	};
	struct response_filter all = { 0 }, f = { "f", NULL, NULL, NULL };
	struct response_filter day = { NULL, NULL, "1970-01-12", "1970-01-12" };
	struct response_info *v, r;
	struct form form = { 0 };
	long long version;
	size_t n;

	form.key = (char *)"f";
	form.canonical = (char *)"{}";
	memcpy(form.hash, "0123", 5);
	assert_int_equal(store_put_form(fx->s, &form, &version), 0);
	for (int i = 0; i < 3; i++)
		sub[i].version = version;
	assert_int_equal(store_submit(fx->s, sub, 3), 0);
	assert_int_equal(store_response_count(fx->s, &all), 3);
	assert_int_equal(store_response_count(fx->s, &f), 2);
	assert_int_equal(store_response_count(fx->s, &day), 1);
	assert_int_equal(store_response_list(fx->s, &all, 2, 0, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, sub[2].id);      /* newest first */
	assert_int_equal(v[1].id, sub[1].id);
	assert_null(v[0].event);
	responses_free(v, n);
	assert_int_equal(store_response_list(fx->s, &all, 2, 2, &v, &n), 0);
	assert_int_equal(n, 1);
	responses_free(v, n);
	assert_int_equal(store_count_since(fx->s, "f", NULL, 86400 * 11), 1);
	assert_int_equal(store_set_spam(fx->s, sub[1].id, 1), 0);
	assert_int_equal(store_count_since(fx->s, "f", NULL, 0), 1);
	assert_int_equal(store_response_get(fx->s, sub[1].id, &r), 1);
	assert_int_equal(r.spam, 1);
	assert_string_equal(r.form, "f");
	response_info_release(&r);
	assert_int_equal(store_response_delete(fx->s, sub[0].id), 0);
	assert_int_equal(store_response_get(fx->s, sub[0].id, &r), 0);
	response_info_release(&r);
	assert_int_equal(store_response_delete(fx->s, sub[0].id), -1);
	assert_int_equal(store_response_count(fx->s, &all), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(accounts_round_trip, setup,
						teardown),
		cmocka_unit_test_setup_teardown(bad_accounts, setup, teardown),
		cmocka_unit_test_setup_teardown(setup_token_works_once, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			setup_token_dead_once_an_account_exists, setup,
			teardown),
		cmocka_unit_test_setup_teardown(sessions_expire_and_time_out,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			sessions_end_with_password_change_and_removal, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			responses_list_count_spam_delete, setup, teardown),
	};

	log_set_quiet(1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
