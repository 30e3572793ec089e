/*
 * checkpoint.c - what happens after a commit: the process-wide commit
 * count behind store_changes(), and WAL checkpoints, made either on the
 * committing connection (as SQLite's wal_autocheckpoint would) or by a
 * thread of their own so that no commit waits for one.
 */
#include "store-int.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

/*
 * Frames in the WAL that ask for a checkpoint (16 MB of 4 KiB pages), in
 * place of SQLite's wal_autocheckpoint (1,000 by default,
 * https://sqlite.org/pragma.html#pragma_wal_autocheckpoint), which a WAL
 * hook of our own replaces. The pages a stream of submissions keeps
 * writing (the tally's, the newest answers') are copied once per
 * checkpoint however often they changed: measured at 64 connections,
 * 4,000 frames halve the checkpointer's CPU per submission against
 * 1,000 (3-4 against 6-9 µs) and write 10 % less.
 */
#define CHECKPOINT_FRAMES 4000
/* How often a connection asks whether another process has committed. */
#define EXTERNAL_CHECK_MS 10

/* Commits made through the connections of this process. */
static atomic_ullong commits;

static struct {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t thread;
	struct store *db;       /* the checkpointer's connection; NULL: none */
	int wanted, stop;
	unsigned long long made;
} cp = { .lock = PTHREAD_MUTEX_INITIALIZER,
	  .wake = PTHREAD_COND_INITIALIZER };

/* A passive checkpoint of db: copies what no reader still needs. */
static void checkpoint(struct store *s)
{
	int rc = sqlite3_wal_checkpoint_v2(s->db, NULL,
					   SQLITE_CHECKPOINT_PASSIVE, NULL,
					   NULL);

	if (rc != SQLITE_OK && rc != SQLITE_BUSY)
		db_error(s, "checkpoint");
}

int db_wal_committed(void *arg, sqlite3 *db, const char *name, int frames)
{
	struct store *s = arg;
	int handed = 0;

	(void)db;
	(void)name;
	if (!s->submissions_only)
		atomic_fetch_add_explicit(&commits, 1, memory_order_release);
	if (frames < CHECKPOINT_FRAMES)
		return SQLITE_OK;
	pthread_mutex_lock(&cp.lock);
	if (cp.db && !cp.stop) {
		cp.wanted = 1;
		pthread_cond_signal(&cp.wake);
		handed = 1;
	}
	pthread_mutex_unlock(&cp.lock);
	if (!handed)
		checkpoint(s);
	return SQLITE_OK;
}

static void *checkpointer(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&cp.lock);
	for (;;) {
		while (!cp.wanted && !cp.stop)
			pthread_cond_wait(&cp.wake, &cp.lock);
		if (cp.stop)
			break;
		cp.wanted = 0;
		pthread_mutex_unlock(&cp.lock);
		checkpoint(cp.db);
		pthread_mutex_lock(&cp.lock);
		cp.made++;
	}
	pthread_mutex_unlock(&cp.lock);
	return NULL;
}

int store_checkpointer_start(const char *path)
{
	struct store *s;

	if (cp.db)
		return error("database %s: a checkpointer is running", path);
	if (store_open(&s, path, 0) < 0)
		return -1;
	pthread_mutex_lock(&cp.lock);
	cp.db = s;
	cp.stop = cp.wanted = 0;
	cp.made = 0;
	pthread_mutex_unlock(&cp.lock);
	if (pthread_create(&cp.thread, NULL, checkpointer, NULL)) {
		pthread_mutex_lock(&cp.lock);
		cp.db = NULL;
		pthread_mutex_unlock(&cp.lock);
		store_close(s);
		return error("database %s: cannot start the checkpointer",
			     path);
	}
	return 0;
}

unsigned long long store_checkpointer_stop(void)
{
	struct store *s;
	unsigned long long made;

	if (!cp.db)
		return 0;
	pthread_mutex_lock(&cp.lock);
	cp.stop = 1;
	pthread_cond_signal(&cp.wake);
	pthread_mutex_unlock(&cp.lock);
	pthread_join(cp.thread, NULL);
	pthread_mutex_lock(&cp.lock);
	s = cp.db;
	cp.db = NULL;
	made = cp.made;
	pthread_mutex_unlock(&cp.lock);
	store_close(s);
	return made;
}

static long long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC_COARSE, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

int store_sync_later(struct store *s)
{
	char *msg = NULL;

	if (sqlite3_exec(s->db, "PRAGMA synchronous = NORMAL", NULL, NULL,
			 &msg) != SQLITE_OK) {
		error("database %s: synchronous: %s", s->path,
		      msg ? msg : sqlite3_errmsg(s->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* 1 when fd is the file at path now, 0 when not or there is none. */
static int same_file(int fd, const char *path)
{
	struct stat a, b;

	return fd >= 0 && fstat(fd, &a) == 0 && stat(path, &b) == 0 &&
	       a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

int store_wal_sync(const struct store *s, int *fd)
{
	char wal[4096];

	if ((size_t)snprintf(wal, sizeof(wal), "%s-wal", s->path) >=
	    sizeof(wal))
		return error("database %s: path too long", s->path);
	if (!same_file(*fd, wal)) {
		if (*fd >= 0)
			close(*fd);
		*fd = open(wal, O_RDONLY | O_CLOEXEC);
		if (*fd < 0)
			return errno == ENOENT ? 0 : error("database %s: %s",
							  wal, strerror(errno));
	}
	if (fdatasync(*fd) < 0)
		return error("database %s: fdatasync: %s", wal, strerror(errno));
	return 0;
}

int store_submissions_only(struct store *s)
{
	s->submissions_only = 1;
	if (sqlite3_exec(s->db, "PRAGMA foreign_keys = OFF", NULL, NULL,
			 NULL) != SQLITE_OK)
		return db_error(s, "configure");
	return 0;
}

long long store_changes(struct store *s)
{
	long long ms = now_ms();

	if (!s->checked_ms || ms - s->checked_ms >= EXTERNAL_CHECK_MS ||
	    ms < s->checked_ms) {
		long long v = store_data_version(s);

		if (v < 0)
			return -1;
		if (v != s->data_version) {
			s->data_version = v;
			s->external++;
		}
		s->checked_ms = ms;
	}
	return (long long)((atomic_load_explicit(&commits,
						memory_order_acquire) +
			    s->external) & (~0ULL >> 1));
}
