/*
 * store-int.h - what the files of core/store/ share and nothing else
 * includes: the statement table, struct store, and the helpers that bind,
 * step and collect rows. Internal names start with db_.
 */
#ifndef SIGSURVEY_STORE_INT_H
#define SIGSURVEY_STORE_INT_H

#include <sqlite3.h>
#include <stddef.h>

#include "store.h"
#include "store-commit.h"

/*
 * Every statement the program runs, prepared once on open and used by
 * index (in the manner of kcgi's sqlbox); the texts are in stmt.c.
 */
enum stmt {
	S_BEGIN,
	S_COMMIT,
	S_ROLLBACK,
	S_USER_VERSION,
	S_DATA_VERSION,
	S_FORM_PUT,
	S_FORM_ID,
	S_FORM_LATEST,
	S_EVENT_ID,
	S_EVENT_ADD,
	S_EVENT_UPDATE,
	S_EVENT_GET,
	S_EVENT_LIST,
	S_RESPONSE_ADD,
	S_ANSWER_ADD,
	S_ANSWERS_ADD,
	S_TALLY_ADD,
	S_TALLY_PUT,
	S_TALLY_MARK,
	S_TALLY_LAST,
	S_TALLY_ONE,
	S_TALLY_PRUNE,
	S_TALLY_MARK_DOWN,
	S_READ_BEGIN,
	S_READ_END,
	S_COUNT_RESPONSES,
	S_RESPONSE_WHEN,
	S_SET_SPAM,
	S_SECRET_GET,
	S_SECRET_ADD,
	S_SCOPE_EVENTS,
	S_COUNT_BY_EVENT,
	S_COUNT_CODES,
	S_COUNT_NUMBERS,
	S_TEXTS,
	S_TEXTS_NEWEST,
	S_COUNT_ANSWERED,
	S_COUNT_DAYS,
	S_EACH_ANSWER,
	S_RESPONSE_ANSWERS,
	/* admin area */
	S_USER_ADD,
	S_USER_GET,
	S_USER_LIST,
	S_USER_SET_ROLE,
	S_USER_SET_HASH,
	S_USER_END_SESSIONS,
	S_USER_REMOVE,
	S_USER_COUNT,
	S_SETUP_PUT,
	S_SETUP_CHECK,
	S_SETUP_CLEAR,
	S_SESSION_ADD,
	S_SESSION_GET,
	S_SESSION_TOUCH,
	S_SESSION_DELETE,
	S_SESSION_PRUNE,
	/* invitations and reset links (invites.c) */
	S_INVITE_PUT,
	S_INVITE_GET,
	S_INVITE_DELETE,
	S_INVITE_PRUNE,
	S_RESPONSE_LIST,
	S_RESPONSE_COUNT,
	S_RESPONSE_GET,
	S_RESPONSE_DELETE,
	S_COUNT_SINCE,
	/* the topic board (ideas.c) */
	S_IDEA_FROM_RESPONSE,
	S_IDEA_LIST,
	S_IDEA_COUNT,
	S_IDEA_BOARD_VOTES,
	S_IDEA_BOARD_NEWEST,
	S_IDEA_BOARD_COUNT,
	S_IDEA_GET,
	S_IDEA_STATE,
	S_IDEA_APPROVE,
	S_IDEA_EDIT,
	S_IDEA_STATUS,
	S_IDEA_MERGE_VOTES,
	S_IDEA_DROP_VOTES,
	S_IDEA_RECOUNT,
	S_IDEA_MERGE_MARK,
	S_IDEA_REPOINT,
	S_IDEA_VOTE_TARGET,
	S_IDEA_VOTE_ADD,
	S_IDEA_VOTE_COUNT,
	S_IDEA_OFFERS,
	S_IDEA_FOR_EVENT,
	/* certificates of attendance (certificates.c) */
	S_CERT_HOURS_GET,
	S_CERT_HOURS_SET,
	S_CERT_HOURS_CLEAR,
	S_GRANT_PRUNE,
	S_GRANT_ADD,
	S_GRANT_USE,
	S_GRANT_LEFT,
	S_CERT_ADD,
	S_CERT_GET,
	S_CERT_LIST,
	S_CERT_REVOKE,
	S_CERT_TOTALS,
	/* the sign-in throttle (signin.c) */
	S_SIGNIN_GET,
	S_SIGNIN_FAILED,
	S_SIGNIN_SUCCEEDED,
	S_SIGNIN_PRUNE,
	S_SIGNIN_UNLOCK,
	/* the follow-up list (follow-up.c) */
	S_FOLLOW_UP_LIST,
	S_FOLLOW_UP_DONE,
	S_FOLLOW_UP_UNDO,
	/* retired options (forms.c) */
	S_FORM_VERSIONS,
	S_COUNT_KEY,
	S__MAX
};

/* The rows of one S_ANSWERS_ADD (its text has as many). */
#define ANSWER_ROWS 8

/* The SQL text of each statement: constants, bound parameters only. */
extern const char *const db_sql[S__MAX];

struct store {
	sqlite3 *db;
	char *path;
	int readonly;
	sqlite3_stmt *st[S__MAX];
	/* store_changes(): other processes' commits seen on this connection */
	long long data_version;         /* PRAGMA data_version last read */
	long long checked_ms;           /* when, CLOCK_MONOTONIC_COARSE */
	unsigned long long external;    /* times it was seen to change */
	int submissions_only;           /* store_submissions_only() */
};

/*
 * Called by SQLite after each commit on a connection of this process that
 * writes (sqlite3_wal_hook): counts the commit for store_changes() and
 * checkpoints the WAL once it has frames frames (checkpoint.c).
 */
int db_wal_committed(void *s, sqlite3 *db, const char *name, int frames);

/* Logs "database PATH: what: sqlite's message"; returns -1. */
int db_error(struct store *s, const char *what);

/* The statement, reset and with its bindings cleared, ready to bind. */
sqlite3_stmt *db_stmt(struct store *s, enum stmt id);

/* Binds v (a string the caller keeps until the step), or NULL. */
void db_bind_text(sqlite3_stmt *st, int i, const char *v);
/* Binds v, or NULL when v equals none. */
void db_bind_int_or_null(sqlite3_stmt *st, int i, long long v,
			 long long none);
/* Column i as a new string (xstrdup), or NULL for SQL NULL. */
char *db_col_dup(sqlite3_stmt *st, int i);
/* Column i, or none for SQL NULL. */
long long db_col_int_or(sqlite3_stmt *st, int i, long long none);

/* Steps a statement that returns no rows and resets it; 0 or -1. */
int db_run(struct store *s, sqlite3_stmt *st, const char *what);
/*
 * Appends the n strings v as a JSON array (RFC 8259 escaping) to b, for
 * json_each() in a bound parameter: lists are bound, never spliced into
 * SQL text.
 */
void db_json_strings(struct buf *b, const char *const *v, size_t n);
/* The one integer of a bound single-row statement, or -1 (logged). */
long long db_count(struct store *s, sqlite3_stmt *st, const char *what);

/* BEGIN IMMEDIATE; 0 or -1 (logged). */
int db_begin(struct store *s);
/* Rolls back the open transaction, if any. Never fails. */
void db_rollback(struct store *s);
/* Commits; a failed COMMIT rolls back and returns -1 (logged). */
int db_commit(struct store *s);

/*
 * Runs the bound statement st (one that returns no rows) in a
 * transaction of its own: BEGIN IMMEDIATE, step, COMMIT. Returns the
 * number of rows it changed once committed (0: nothing matched, nothing
 * written), or -1 (logged; nothing written).
 */
long long db_write(struct store *s, sqlite3_stmt *st, const char *what);
/*
 * db_write() for an INSERT that may meet its key in use: then returns
 * DB_EXISTS, with nothing written and nothing logged, for the caller to
 * say what exists.
 */
#define DB_EXISTS (-2)
long long db_add(struct store *s, sqlite3_stmt *st, const char *what);

/*
 * How one kind of row becomes a C struct: its size, fill() to set a
 * zeroed struct from the current row, release() to free one struct's
 * contents, and its names in error messages ("an event", "events").
 */
struct db_rows {
	size_t size;
	void (*fill)(sqlite3_stmt *st, void *out);
	void (*release)(void *one);
	const char *one, *many;
};

/*
 * Steps the bound statement st for its first row: returns 1 with *out
 * filled (zeroed first), 0 when there is none (*out zeroed), or -1
 * (logged). The statement is reset.
 */
int db_get(struct store *s, sqlite3_stmt *st, const struct db_rows *k,
	   void *out);
/*
 * Steps the bound statement st to the end and fills one struct per row:
 * *out is a new array (the caller frees each element and the array; NULL
 * when there are no rows) of *n structs. On error, nothing is returned
 * (*out NULL, *n 0) and -1 (logged).
 */
int db_collect(struct store *s, sqlite3_stmt *st, const struct db_rows *k,
	       void **out, size_t *n);

/* Events, as read from a row of EVENT_COLS (events.c). */
extern const struct db_rows db_event_rows;

/*
 * Creates path mode 0600 when absent, whatever the umask (open.c):
 * 1 created, 0 it existed (with excl: an error), -1 (logged).
 */
int db_create_private(const char *path, int excl);

/*
 * Adds to the tally what the n submissions subs count for (tally.c):
 * those stored (id set) with an event, events[i] its row id (-1: none).
 * The same rows as the view tally_source gives them, from the answers in
 * memory; inside the caller's transaction, which must hold the tally's
 * mark just below the first of them. 0, or -1 (logged; roll back).
 */
int tally_count_batch(struct store *s, const struct submission *subs,
		      const long long *events, size_t n);

#endif
