/*
 * test-writer.c - the group-commit writer thread (collector/writer.c):
 * every job of a group learns its own fate, repeats of a token included.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <unistd.h>

#include <cmocka.h>

#include "writer.h"

struct fixture {
	char dir[64], path[96];
	struct writer *w;
	long long version;
};

/* Jobs report here; the first one holds the writer until released. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int finished, held, released;

static void done_held(struct writer_job *job)
{
	pthread_mutex_lock(&lock);
	finished++;
	held = 1;
	pthread_cond_broadcast(&changed);
	while (!released)
		pthread_cond_wait(&changed, &lock);
	pthread_mutex_unlock(&lock);
}

static void done(struct writer_job *job)
{
	pthread_mutex_lock(&lock);
	finished++;
	pthread_cond_broadcast(&changed);
	pthread_mutex_unlock(&lock);
}

static void wait_for(int *flag, int value)
{
	pthread_mutex_lock(&lock);
	while (*flag < value)
		pthread_cond_wait(&changed, &lock);
	pthread_mutex_unlock(&lock);
}

static int setup(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof(*fx));
	struct form f = { .key = (char *)"fb", .canonical = (char *)"{}" };
	struct store *s = NULL;

	snprintf(fx->dir, sizeof(fx->dir), "%s", "/tmp/test-writer.XXXXXX");
	if (!mkdtemp(fx->dir))
		return -1;
	snprintf(fx->path, sizeof(fx->path), "%s/t.db", fx->dir);
	snprintf(f.hash, sizeof(f.hash), "%s", "fb-hash");
	if (store_open(&s, fx->path, 0) < 0 ||
	    store_put_form(s, &f, &fx->version) < 0 ||
	    writer_open(&fx->w, s) < 0)
		return -1;
	log_set_quiet(1);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	static const char *const names[] = { "t.db", "t.db-wal", "t.db-shm" };
	char p[160];

	writer_close(fx->w);
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		snprintf(p, sizeof(p), "%s/%s", fx->dir, names[i]);
		unlink(p);
	}
	rmdir(fx->dir);
	free(fx);
	return 0;
}

static void job_init(struct writer_job *j, const struct fixture *fx,
		     const char *token, void (*fn)(struct writer_job *))
{
	memset(j, 0, sizeof(*j));
	j->sub.form = "fb";
	j->sub.version = fx->version;
	j->sub.submitted = 1800000000;
	j->sub.token = token;
	j->done = fn;
}

/*
 * One group holds a job without a token, then the same token twice: the
 * repeat is found past the tokenless job (once a NULL strcmp()) and
 * shares the fate of its first.
 */
static void repeat_after_a_tokenless_job_in_one_group(void **state)
{
	struct fixture *fx = *state;
	struct writer_job j[4];
	struct store *s = NULL;

	job_init(&j[0], fx, "first", done_held);
	job_init(&j[1], fx, NULL, done);
	job_init(&j[2], fx, "same", done);
	job_init(&j[3], fx, "same", done);
	assert_int_equal(writer_submit(fx->w, &j[0]), 0);
	wait_for(&held, 1);          /* the writer waits in j[0]'s done */
	for (int i = 1; i < 4; i++)
		assert_int_equal(writer_submit(fx->w, &j[i]), 0);
	pthread_mutex_lock(&lock);
	released = 1;
	pthread_cond_broadcast(&changed);
	pthread_mutex_unlock(&lock);
	wait_for(&finished, 4);
	for (int i = 0; i < 4; i++)
		assert_int_equal(j[i].status, 1);
	assert_int_equal(j[1].sub.duplicate, 0);
	assert_true(j[1].sub.id > 0);
	assert_int_equal(j[2].sub.duplicate, 0);
	assert_true(j[2].sub.id > 0);
	assert_int_equal(j[3].sub.duplicate, 1);
	assert_int_equal(j[3].sub.id, 0);
	assert_int_equal(store_open(&s, fx->path, STORE_READONLY), 0);
	assert_int_equal(store_count_responses(s, "fb"), 3);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			repeat_after_a_tokenless_job_in_one_group, setup,
			teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
