/*
 * test-store-changes.c - what happens after a commit: store_changes()
 * (which the collector's event cache asks before each page view) moves
 * for commits of this process at once and for another process's soon
 * after; the checkpointer thread checkpoints a long WAL.
 */
#include "store-fixture.h"
#include "store-commit.h"

#include <sys/wait.h>
#include <time.h>

static void sleep_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&t, NULL);
}

static void changes_follow_this_process_at_once(void **state)
{
	struct fixture *fx = *state;
	struct store *other = NULL;
	long long a, b, c;

	assert_int_equal(store_open(&fx->s, fx->path, 0), 0);
	assert_int_equal(store_open(&other, fx->path, 0), 0);
	a = store_changes(fx->s);
	assert_true(a >= 0);
	/* nothing committed: the same number, however often asked */
	assert_true(store_changes(fx->s) == a);
	/* a commit on another connection of this process: the next ask */
	put_form(other, "fb", "{}");
	b = store_changes(fx->s);
	assert_true(b > a);
	/* and one on the same connection */
	add_event(fx->s, "e1", "fb", "2026-01-10", NULL, -1);
	c = store_changes(fx->s);
	assert_true(c > b);
	store_close(other);
}

static void changes_follow_another_process(void **state)
{
	struct fixture *fx = *state;
	long long a, b;
	pid_t pid;
	int status;

	assert_int_equal(store_open(&fx->s, fx->path, 0), 0);
	put_form(fx->s, "fb", "{}");
	a = store_changes(fx->s);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {         /* another process commits: no WAL hook here */
		struct store *s;

		if (store_open(&s, fx->path, 0) < 0)
			_exit(1);
		add_event(s, "e2", "fb", "2026-02-10", NULL, -1);
		store_close(s);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	sleep_ms(30);           /* more than the 10 ms between checks */
	b = store_changes(fx->s);
	assert_true(b > a);
	assert_true(store_changes(fx->s) == b);
}

/*
 * A connection that stores submissions only (the collector's writer):
 * its commits do not move the number at once, so no worker thread reads
 * its events again after each; within 10 ms they are seen, as another
 * connection's commits are.
 */
static void submissions_only_commits_are_seen_later(void **state)
{
	struct fixture *fx = *state;
	struct store *w = NULL;
	long long a, b, version;

	assert_int_equal(store_open(&fx->s, fx->path, 0), 0);
	assert_int_equal(store_open(&w, fx->path, 0), 0);
	version = put_form(fx->s, "fb", "{}");
	add_event(fx->s, "e3", "fb", "2026-03-10", NULL, -1);
	assert_int_equal(store_submissions_only(w), 0);
	a = store_changes(fx->s);
	submit(w, version, "fb", "e3", JAN10, 4, "online", NULL, NULL, NULL);
	assert_true(store_changes(fx->s) == a);
	sleep_ms(30);           /* more than the 10 ms between checks */
	b = store_changes(fx->s);
	assert_true(b > a);
	/* other connections' commits still move it at once */
	add_event(fx->s, "e4", "fb", "2026-03-11", NULL, -1);
	assert_true(store_changes(fx->s) > b);
	store_close(w);
}

/* The inode of path, or 0 when there is none. */
static ino_t inode_of(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? st.st_ino : 0;
}

/*
 * store_wal_sync() flushes the WAL every commit is appended to, the one
 * there is now: it follows a WAL deleted (by the last connection's
 * close) and made again.
 */
static void wal_sync_follows_the_wal(void **state)
{
	struct fixture *fx = *state;
	struct store *w = NULL;
	struct stat st;
	char wal[160];
	int fd = -1;

	snprintf(wal, sizeof(wal), "%s-wal", fx->path);
	assert_int_equal(store_open(&w, fx->path, 0), 0);
	assert_int_equal(store_sync_later(w), 0);
	put_form(w, "fb", "{}");
	assert_int_equal(store_wal_sync(w, &fd), 0);
	assert_true(fd >= 0);
	assert_int_equal(fstat(fd, &st), 0);
	assert_true(st.st_ino == inode_of(wal));
	store_close(w);                 /* the last connection: WAL gone */
	assert_true(inode_of(wal) == 0);
	assert_int_equal(store_open(&w, fx->path, 0), 0);
	add_event(w, "e5", "fb", "2026-03-12", NULL, -1);
	assert_true(inode_of(wal) != 0);
	assert_int_equal(store_wal_sync(w, &fd), 0);
	assert_int_equal(fstat(fd, &st), 0);
	assert_true(st.st_ino == inode_of(wal));
	assert_true(st.st_nlink == 1);  /* the new file, not the old one */
	store_close(w);
	close(fd);
}

static void checkpointer_checkpoints_a_long_wal(void **state)
{
	struct fixture *fx = *state;
	struct store *s = NULL;
	struct stat st;
	char wal[160], *big = xmalloc(20 << 20);

	assert_int_equal(store_open(&s, fx->path, 0), 0);
	assert_int_equal(store_checkpointer_start(fx->path), 0);
	/* -bad-: one per process */
	assert_int_equal(store_checkpointer_start(fx->path), -1);
	/* one commit of more than 4,000 pages of 4 KiB */
	memset(big, 'x', (20 << 20) - 1);
	big[(20 << 20) - 1] = '\0';
	put_form(s, "big", big);
	for (int i = 0; i < 200; i++) {
		char day[16];

		/* small commits after it: each asks again until it is done */
		snprintf(day, sizeof(day), "e%d", i);
		add_event(s, day, "big", "2026-03-01", NULL, -1);
		sleep_ms(1);
	}
	assert_true(store_checkpointer_stop() >= 1);
	/* the database file now holds the big form: it was checkpointed */
	assert_int_equal(stat(fx->path, &st), 0);
	assert_true(st.st_size > (19 << 20));
	snprintf(wal, sizeof(wal), "%s-wal", fx->path);
	assert_int_equal(stat(wal, &st), 0);
	store_close(s);
	free(big);
	/* stopping again is harmless */
	assert_int_equal(store_checkpointer_stop(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			changes_follow_this_process_at_once, setup, teardown),
		cmocka_unit_test_setup_teardown(
			changes_follow_another_process, setup, teardown),
		cmocka_unit_test_setup_teardown(
			submissions_only_commits_are_seen_later, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			wal_sync_follows_the_wal, setup, teardown),
		cmocka_unit_test_setup_teardown(
			checkpointer_checkpoints_a_long_wal, setup, teardown),
	};

	(void)open_filled;      /* the shared fixture's data set: not needed */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
