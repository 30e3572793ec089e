/*
 * writer.c - the group-commit writer thread and its syncer (see
 * writer.h). The writer commits a batch without waiting for the disk
 * (store_sync_later()) and goes on with the next; the syncer flushes the
 * WAL once for every batch committed while it was flushing the last one
 * (store_wal_sync()), and only then are their requests answered. The
 * disk's flush (about 1 ms here) is off the writer's path, and one flush
 * covers more submissions: what PostgreSQL's commit_delay and group
 * commit do for its WAL.
 */
#include "writer.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store-commit.h"
#include "util.h"

struct writer {
	struct store *db;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	struct writer_job *head, *tail;
	size_t queued;
	int stopping;
	unsigned long commits, stored, duplicates, failed;
	atomic_int failing;         /* the last commit stored nothing */
	/* the syncer: committed jobs waiting for the WAL to be on disk */
	pthread_t syncer;
	pthread_mutex_t sync_lock;
	pthread_cond_t sync_wake;
	struct writer_job *sync_head, *sync_tail;
	int sync_stop;
	int wal_fd;                 /* the syncer's; store_wal_sync() */
	unsigned long syncs, sync_failed;   /* jobs failed by a flush */
	unsigned long sync_lost;    /* of them, counted in stored */
};

/* 1 when a and b carry the same token (a submission may have none). */
static int same_token(const struct submission *a, const struct submission *b)
{
	return a->token && b->token && !strcmp(a->token, b->token);
}

/* Queues jobs[0..n), their fate set, for the syncer. */
static void hand_to_syncer(struct writer *w, struct writer_job **jobs,
			   size_t n)
{
	if (!n)
		return;
	for (size_t i = 0; i + 1 < n; i++)
		jobs[i]->next = jobs[i + 1];
	jobs[n - 1]->next = NULL;
	pthread_mutex_lock(&w->sync_lock);
	if (w->sync_tail)
		w->sync_tail->next = jobs[0];
	else
		w->sync_head = jobs[0];
	w->sync_tail = jobs[n - 1];
	pthread_cond_signal(&w->sync_wake);
	pthread_mutex_unlock(&w->sync_lock);
}

/*
 * The syncer: takes every job committed so far, flushes the WAL once,
 * then answers them. A failed flush fails the jobs it was to make
 * durable: their answers are handed back to be sent again, and a repeat
 * of one that did reach the disk is "already received".
 */
static void *sync_run(void *arg)
{
	struct writer *w = arg;

	pthread_mutex_lock(&w->sync_lock);
	for (;;) {
		struct writer_job *j, *next;
		int failed;

		while (!w->sync_head && !w->sync_stop)
			pthread_cond_wait(&w->sync_wake, &w->sync_lock);
		if (!w->sync_head)
			break;
		j = w->sync_head;
		w->sync_head = w->sync_tail = NULL;
		pthread_mutex_unlock(&w->sync_lock);
		failed = store_wal_sync(w->db, &w->wal_fd) < 0;
		w->syncs++;
		if (failed)             /* as when a commit fails */
			atomic_store(&w->failing, 1);
		for (; j; j = next) {
			next = j->next;
			if (failed && j->status == 1) {
				j->status = -1;
				w->sync_failed++;
				w->sync_lost += !j->sub.duplicate;
			}
			j->done(j);
		}
		pthread_mutex_lock(&w->sync_lock);
	}
	pthread_mutex_unlock(&w->sync_lock);
	return NULL;
}

/*
 * Commits jobs[0..n) in one transaction. When that fails, each is tried in
 * a transaction of its own, so that one bad submission cannot sink the
 * others. Then every job learns its fate.
 */
static void commit(struct writer *w, struct writer_job **jobs, size_t n)
{
	struct submission *subs = xcalloc(n, sizeof(*subs));
	size_t *map = xcalloc(n, sizeof(*map));     /* job -> subs index */
	int *repeat = xcalloc(n, sizeof(*repeat));  /* per job */
	int *ok = xcalloc(n, sizeof(*ok));          /* per subs index */
	size_t m = 0;

	/* the same token twice in one group: the later is a repeat and
	 * shares the fate of the first */
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;

		while (k < i && !same_token(&jobs[k]->sub, &jobs[i]->sub))
			k++;
		repeat[i] = k < i;
		map[i] = repeat[i] ? map[k] : m;
		if (!repeat[i])
			subs[m++] = jobs[i]->sub;
	}
	if (m && store_submit(w->db, subs, m) == 0) {
		for (size_t i = 0; i < m; i++)
			ok[i] = 1;
	} else if (m > 1) {
		for (size_t i = 0; i < m; i++)
			ok[i] = store_submit(w->db, &subs[i], 1) == 0;
	}
	w->commits++;
	if (m) {
		int any = 0;

		for (size_t i = 0; i < m && !any; i++)
			any = ok[i];
		atomic_store(&w->failing, !any);
	}
	for (size_t i = 0; i < n; i++) {
		struct writer_job *j = jobs[i];

		j->status = ok[map[i]] ? 1 : -1;
		j->sub.duplicate = repeat[i] ? 1 : subs[map[i]].duplicate;
		j->sub.id = repeat[i] ? 0 : subs[map[i]].id;
		if (j->status < 0)
			w->failed++;
		else if (j->sub.duplicate)
			w->duplicates++;
		else
			w->stored++;
	}
	free(subs);
	free(map);
	free(repeat);
	free(ok);
	hand_to_syncer(w, jobs, n);
}

static void *run(void *arg)
{
	struct writer *w = arg;
	struct writer_job **batch = xcalloc(WRITER_BATCH_MAX, sizeof(*batch));

	pthread_mutex_lock(&w->lock);
	for (;;) {
		size_t n = 0;

		while (!w->head && !w->stopping)
			pthread_cond_wait(&w->wake, &w->lock);
		if (!w->head && w->stopping)
			break;
		while (w->head && n < WRITER_BATCH_MAX) {
			batch[n++] = w->head;
			w->head = w->head->next;
			w->queued--;
		}
		if (!w->head)
			w->tail = NULL;
		pthread_mutex_unlock(&w->lock);
		commit(w, batch, n);
		pthread_mutex_lock(&w->lock);
	}
	pthread_mutex_unlock(&w->lock);
	free(batch);
	return NULL;
}

int writer_open(struct writer **out, struct store *s)
{
	struct writer *w = xcalloc(1, sizeof(*w));
	int rc;

	*out = NULL;
	w->db = s;
	w->wal_fd = -1;
	/* no event cache need read again; foreign keys go unchecked */
	if (store_submissions_only(s) < 0 || store_sync_later(s) < 0) {
		free(w);
		return -1;
	}
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->wake, NULL);
	pthread_mutex_init(&w->sync_lock, NULL);
	pthread_cond_init(&w->sync_wake, NULL);
	rc = pthread_create(&w->syncer, NULL, sync_run, w);
	if (!rc) {
		rc = pthread_create(&w->thread, NULL, run, w);
		if (rc) {
			w->sync_stop = 1;
			pthread_cond_signal(&w->sync_wake);
			pthread_join(w->syncer, NULL);
		}
	}
	if (rc) {
		pthread_mutex_destroy(&w->lock);
		pthread_cond_destroy(&w->wake);
		pthread_mutex_destroy(&w->sync_lock);
		pthread_cond_destroy(&w->sync_wake);
		free(w);
		return error("cannot start the writer thread: %s",
			     strerror(rc));
	}
	*out = w;
	return 0;
}

int writer_submit(struct writer *w, struct writer_job *job)
{
	int ret = 0;

	job->next = NULL;
	job->status = 0;
	pthread_mutex_lock(&w->lock);
	if (w->stopping || w->queued >= WRITER_QUEUE_MAX) {
		ret = -1;
	} else {
		if (w->tail)
			w->tail->next = job;
		else
			w->head = job;
		w->tail = job;
		w->queued++;
		pthread_cond_signal(&w->wake);
	}
	pthread_mutex_unlock(&w->lock);
	return ret;
}

int writer_failing(struct writer *w)
{
	return w && atomic_load(&w->failing);
}

void writer_close(struct writer *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->lock);
	w->stopping = 1;
	pthread_cond_signal(&w->wake);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	/* then the syncer, once it has answered every job committed */
	pthread_mutex_lock(&w->sync_lock);
	w->sync_stop = 1;
	pthread_cond_signal(&w->sync_wake);
	pthread_mutex_unlock(&w->sync_lock);
	pthread_join(w->syncer, NULL);
	if (w->commits)         /* said only when something was sent */
		info("writer: %lu responses stored in %lu commits and %lu "
		     "flushes, %lu repeats, %lu failed",
		     w->stored - w->sync_lost, w->commits, w->syncs,
		     w->duplicates - (w->sync_failed - w->sync_lost),
		     w->failed + w->sync_failed);
	if (w->wal_fd >= 0)
		close(w->wal_fd);
	store_close(w->db);
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->wake);
	pthread_mutex_destroy(&w->sync_lock);
	pthread_cond_destroy(&w->sync_wake);
	free(w);
}
