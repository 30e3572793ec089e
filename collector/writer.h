/*
 * writer.h - the database writer thread. SQLite has one writer at a time;
 * this thread owns the write connection, takes submissions from a queue
 * and commits whatever has queued up in one transaction (group commit),
 * so concurrent respondents share one fsync while each learns the fate
 * of its own submission.
 */
#ifndef SIGSURVEY_WRITER_H
#define SIGSURVEY_WRITER_H

#include "store.h"

#define WRITER_QUEUE_MAX 4096     /* queued jobs past which submit refuses */
#define WRITER_BATCH_MAX 512      /* submissions in one transaction */

struct writer_job {
	struct submission sub;    /* in: filled by the caller; out: id, duplicate */
	int status;               /* out: 1 committed, -1 failed */
	/* called on the writer thread once status is set */
	void (*done)(struct writer_job *job);
	void *arg;
	struct writer_job *next;  /* the writer's */
};

struct writer;

/* Starts the thread; it takes ownership of s. Returns 0 or -1 (logged). */
int writer_open(struct writer **out, struct store *s);
/*
 * Queues job. Returns 0, or -1 when the queue is full or the writer is
 * stopping (job untouched, done never called).
 */
int writer_submit(struct writer *w, struct writer_job *job);
/*
 * 1 when the last commit the writer tried stored nothing (the disk is
 * full, the database cannot be written), 0 once one succeeds again or
 * before any was tried. Any thread; accepts NULL (0).
 */
int writer_failing(struct writer *w);
/*
 * Commits everything queued, stops the thread and closes the store.
 * Accepts NULL.
 */
void writer_close(struct writer *w);

#endif
