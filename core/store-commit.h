/*
 * store-commit.h - what happens after a commit (core/store/checkpoint.c):
 * the change count caches ask before each use, commits made durable
 * later than they are made, and WAL checkpoints on a thread of their
 * own. Every function that returns int returns 0 on success and -1 with
 * the error already logged, unless its comment says otherwise.
 */
#ifndef SIGSURVEY_STORE_COMMIT_H
#define SIGSURVEY_STORE_COMMIT_H

#include "store.h"

/*
 * A number that changes when anything was committed to the database:
 * at once for commits through any connection of this process (counted
 * by a WAL hook after each commit), and within 10 ms for commits of other
 * processes (`sigsurvey event`, a sqlite3 shell), which are noticed
 * through PRAGMA data_version on s at most every 10 ms; so a caller can
 * ask for each request and almost never starts a read transaction. It
 * only ever grows. Returns it, or -1 when the database cannot be read
 * (logged).
 */
long long store_changes(struct store *s);
/*
 * Declares that commits on s store submissions only (responses, their
 * answers, the tally and the ideas made from them), which no user of
 * store_changes() caches: they no longer move it at once. The
 * collector's writer commits several hundred times a second, and each
 * commit counted would make every worker thread read its events again.
 * Other connections still notice them within 10 ms through PRAGMA
 * data_version, as they notice any other connection's commits.
 * Foreign keys go unchecked on s: store_submit() finds a response's
 * event and inserts the response before its answers, all in its one
 * transaction, so each check would find what was just written (they were
 * a ninth of its instructions: callgrind, batches of 16). s must do
 * nothing else. Returns 0, or -1 (logged).
 */
int store_submissions_only(struct store *s);
/*
 * Commits on s no longer wait for the disk: PRAGMA synchronous = NORMAL,
 * under which WAL mode keeps the database sound but a power loss may undo
 * the last commits (https://sqlite.org/pragma.html#pragma_synchronous).
 * The caller makes them durable with store_wal_sync() before it tells
 * anyone they are stored, so that one flush of the disk can cover several
 * commits and the next commit need not wait for it. Returns 0, or -1
 * (logged).
 */
int store_sync_later(struct store *s);
/*
 * Makes every commit made so far to s's database durable, as
 * synchronous = FULL would at each commit: fdatasync(2) of its WAL, the
 * file every commit is appended to, through *fd (-1 at first: opened
 * here, and opened again when the WAL was replaced; close it when done).
 * No WAL: every commit is in the database file, which a checkpoint syncs
 * before the WAL goes. Any thread (s is only asked its path). Returns 0,
 * or -1 (logged): then the commits may not be on disk.
 */
int store_wal_sync(const struct store *s, int *fd);
/*
 * WAL checkpoints on a thread of their own, with its own connection to
 * path, so that no commit waits for one: once the WAL holds 4,000 frames
 * (16 MB; checkpoint.c says why not SQLite's default of 1,000) a commit
 * wakes it for a PASSIVE checkpoint. Without it, the committing
 * connection checkpoints itself, as SQLite would. One per process. Start returns 0, or -1 (logged);
 * stop waits for the thread and returns how many checkpoints it made.
 */
int store_checkpointer_start(const char *path);
unsigned long long store_checkpointer_stop(void);

#endif
