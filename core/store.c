/*
 * store.c - the database: the only file that includes sqlite3.h.
 * Owns opening (pragmas, file modes, migrations from schema_files[]), the
 * table of prepared statements, transactions, and every query.
 */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "embedded.h"
#include "util.h"

/*
 * Every statement the program runs, prepared once on open and used by
 * index (in the manner of kcgi's sqlbox). Parameters are always bound;
 * the SQL texts are constants, put together by the compiler only.
 */
enum stmt {
	S_BEGIN,
	S_COMMIT,
	S_ROLLBACK,
	S_USER_VERSION,
	S_FORM_PUT,
	S_FORM_ID,
	S_FORM_LATEST,
	S_EVENT_ID,
	S_EVENT_ADD,
	S_EVENT_UPDATE,
	S_EVENT_GET,
	S_EVENT_FIND,
	S_EVENT_LIST_BRIEF,
	S_EVENT_LIST,
	S_RESPONSE_ADD,
	S_ANSWER_ADD,
	S_COUNT_RESPONSES,
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
	S_RESPONSE_LIST,
	S_RESPONSE_COUNT,
	S_RESPONSE_GET,
	S_RESPONSE_DELETE,
	S_COUNT_SINCE,
	S__MAX
};

#define EVENT_COLS                                                          \
	"e.key, e.form, e.title, e.date, e.location, e.format, e.presenter,"  \
	" e.series, e.attendees, e.opens, e.closes,"                          \
	" (SELECT count(*) FROM response r WHERE r.form = e.form"              \
	" AND r.spam = 0 AND r.event = e.id)"

/*
 * The scope of a report: ?1 form, ?2 JSON array of event keys or NULL,
 * ?3 series or NULL, ?4 from and ?5 to (YYYY-MM-DD) or NULL. Responses
 * marked as spam are never in scope.
 */
#define SCOPE_DAY "coalesce(e.date, date(r.submitted, 'unixepoch'))"
#define SCOPE_WHERE                                                         \
	" r.form = ?1 AND r.spam = 0"                                         \
	" AND (?2 IS NULL OR e.key IN (SELECT value FROM json_each(?2)))"     \
	" AND (?3 IS NULL OR e.series = ?3)"                                  \
	" AND (?4 IS NULL OR " SCOPE_DAY " >= ?4)"                            \
	" AND (?5 IS NULL OR " SCOPE_DAY " <= ?5)"
/* The same scope split in two: the events of a per-event form ... */
#define EVENT_SCOPE                                                         \
	" e.form = ?1"                                                        \
	" AND (?2 IS NULL OR e.key IN (SELECT value FROM json_each(?2)))"     \
	" AND (?3 IS NULL OR e.series = ?3)"                                  \
	" AND (?4 IS NULL OR e.date >= ?4) AND (?5 IS NULL OR e.date <= ?5)"
/* ... and the responses of a standing form, which no event list matches. */
#define STANDING_SCOPE                                                      \
	" r.form = ?1 AND r.spam = 0 AND r.event IS NULL"                     \
	" AND ?2 IS NULL AND ?3 IS NULL"                                      \
	" AND (?4 IS NULL OR date(r.submitted, 'unixepoch') >= ?4)"           \
	" AND (?5 IS NULL OR date(r.submitted, 'unixepoch') <= ?5)"
/*
 * Counts of one answer column per event, key and value: per-event answers
 * straight from the covering index answer_<col>s in group order (no sort),
 * then those of standing forms through their responses.
 */
#define COUNT_ANSWERS(col, cols)                                            \
	"SELECT * FROM (SELECT e.key, a.key, " cols ", NULL, NULL, NULL,"     \
	" count(*) FROM event e JOIN answer a ON a.event = e.id"              \
	" WHERE" EVENT_SCOPE " AND a." col " IS NOT NULL AND a.spam = 0"      \
	" GROUP BY e.date, e.id, a.key, a." col                                \
	" ORDER BY e.date, e.id, a.key, a." col ")"                            \
	" UNION ALL SELECT * FROM (SELECT NULL, a.key, " cols ", NULL, NULL,"  \
	" NULL, count(*) FROM response r JOIN answer a ON a.response = r.id"  \
	" WHERE" STANDING_SCOPE " AND a." col " IS NOT NULL"                  \
	" GROUP BY a.key, a." col " ORDER BY a.key, a." col ")"
#define SCOPE_FROM " FROM response r LEFT JOIN event e ON e.id = r.event"
/* A text answer with more than white space (C's isspace). */
#define NOT_BLANK(col) "trim(" col ", char(32, 9, 10, 11, 12, 13)) <> ''"
/* ... and one of white space only (as in the index answer_blanks). */
#define BLANK(col) "trim(" col ", char(32, 9, 10, 11, 12, 13)) = ''"
/* ?6: JSON array of the answer keys counted. */
#define KEY_LIST " a.key IN (SELECT value FROM json_each(?6))"
/*
 * For store_count_answered(): the events in scope; the key of the
 * question that K_other belongs to; and the K_other answers of responses
 * that ticked no option of K, counted under K so that the rows of K add
 * up to the respondents who ticked an option or wrote another answer.
 */
#define IN_EVENTS " a.event IN (SELECT e.id FROM event e WHERE" EVENT_SCOPE ")"
/* A text answer, in the terms of the covering index answer_texts. */
#define IS_TEXT " a.code IS NULL AND a.num IS NULL"
#define BASE_KEY "substr(a.key, 1, length(a.key) - 6)"
#define OTHER_ONLY                                                          \
	IS_TEXT                                                               \
	" AND a.key IN (SELECT value || '_other' FROM json_each(?6))"         \
	" AND " NOT_BLANK("a.text") " AND NOT EXISTS (SELECT 1 FROM answer b"   \
	" WHERE b.response = a.response AND b.code IS NOT NULL"               \
	" AND b.key = " BASE_KEY ")"

/*
 * Query rows have one layout, so that one function fills struct store_row:
 * event, key, code, num, text, submitted, response, count.
 */
static const char *const sql[S__MAX] = {
	[S_BEGIN] = "BEGIN IMMEDIATE",
	[S_COMMIT] = "COMMIT",
	[S_ROLLBACK] = "ROLLBACK",
	[S_USER_VERSION] = "PRAGMA user_version",
	[S_FORM_PUT] =
		"INSERT INTO form_version (form, hash, definition, first_seen,"
		" last_seen) VALUES (?1, ?2, ?3, ?4, ?4)"
		" ON CONFLICT (hash) DO UPDATE SET last_seen ="
		" max(last_seen, excluded.last_seen)",
	[S_FORM_ID] = "SELECT id FROM form_version WHERE hash = ?1",
	[S_FORM_LATEST] =
		"SELECT definition FROM form_version WHERE form = ?1"
		" ORDER BY last_seen DESC, id DESC LIMIT 1",
	[S_EVENT_ID] = "SELECT id, form FROM event WHERE key = ?1",
	[S_EVENT_ADD] =
		"INSERT INTO event (key, form, title, date, location, format,"
		" presenter, series, attendees, opens, closes, created)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
	[S_EVENT_UPDATE] =
		"UPDATE event SET form = ?2, title = ?3, date = ?4,"
		" location = ?5, format = ?6, presenter = ?7, series = ?8,"
		" attendees = ?9, opens = ?10, closes = ?11 WHERE key = ?1",
	[S_EVENT_GET] = "SELECT " EVENT_COLS " FROM event e WHERE e.key = ?1",
	[S_EVENT_FIND] =
		"SELECT e.key, e.form, e.title, e.date, e.location, e.format,"
		" e.presenter, e.series, e.attendees, e.opens, e.closes, -1"
		" FROM event e WHERE e.key = ?1",
	[S_EVENT_LIST] =
		"SELECT " EVENT_COLS " FROM event e"
		" WHERE ?1 IS NULL OR e.form = ?1 ORDER BY e.date, e.key",
	[S_EVENT_LIST_BRIEF] =
		"SELECT e.key, e.form, e.title, e.date, e.location, e.format,"
		" e.presenter, e.series, e.attendees, e.opens, e.closes, -1"
		" FROM event e"
		" WHERE ?1 IS NULL OR e.form = ?1 ORDER BY e.date, e.key",
	[S_RESPONSE_ADD] =
		"INSERT INTO response (form, version, event, submitted, token)"
		" VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (token) DO NOTHING",
	[S_ANSWER_ADD] =
		"INSERT INTO answer (response, seq, key, code, num, text, event)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[S_COUNT_RESPONSES] =
		"SELECT count(*) FROM response WHERE form = ?1 AND spam = 0",
	[S_SET_SPAM] = "UPDATE response SET spam = ?2 WHERE id = ?1",
	[S_SECRET_GET] = "SELECT value FROM secret WHERE name = ?1",
	[S_SECRET_ADD] = "INSERT INTO secret (name, value) VALUES (?1, ?2)",
	[S_SCOPE_EVENTS] =
		"SELECT " EVENT_COLS " FROM event e WHERE" EVENT_SCOPE
		" ORDER BY e.date, e.key",
	[S_COUNT_BY_EVENT] =
		"SELECT e.key, NULL, NULL, NULL, NULL, NULL, NULL, count(*)"
		SCOPE_FROM " WHERE" SCOPE_WHERE
		" GROUP BY r.event ORDER BY e.date, e.key",
	[S_COUNT_CODES] = COUNT_ANSWERS("code", "a.code, NULL"),
	[S_COUNT_NUMBERS] = COUNT_ANSWERS("num", "NULL, a.num"),
	[S_TEXTS] =
		"SELECT e.key, a.key, NULL, NULL, a.text, r.submitted, r.id, 1"
		SCOPE_FROM " JOIN answer a ON a.response = r.id"
		" WHERE" SCOPE_WHERE " AND a.text IS NOT NULL"
		" ORDER BY r.submitted DESC, r.id DESC, a.seq",
	/*
	 * ?6 event key (NULL: responses without one), ?7 answer key, ?8
	 * limit. The response_scope index gives one event's responses in
	 * submission order: read backwards, no sort, stops at the limit.
	 */
	[S_TEXTS_NEWEST] =
		"SELECT e.key, a.key, NULL, NULL, a.text, r.submitted, r.id, 1"
		" FROM response r JOIN answer a ON a.response = r.id"
		" LEFT JOIN event e ON e.id = r.event"
		" WHERE r.form = ?1 AND r.spam = 0"
		" AND r.event IS (SELECT id FROM event WHERE key = ?6)"
		" AND (?6 IS NULL) = (r.event IS NULL)"
		" AND (?6 IS NOT NULL OR (?2 IS NULL AND ?3 IS NULL"
		" AND (?4 IS NULL OR date(r.submitted, 'unixepoch') >= ?4)"
		" AND (?5 IS NULL OR date(r.submitted, 'unixepoch') <= ?5)))"
		" AND a.key = ?7 AND a.text IS NOT NULL AND " NOT_BLANK("a.text")
		" ORDER BY r.submitted DESC, r.id DESC LIMIT ?8",
	/*
	 * Respondents per event and key: option codes through the covering
	 * index answer_codes, distinct responses (a multi question has
	 * several codes per response); text answers (one per key and
	 * response) in one pass over the answers, blank ones counted
	 * apart; then the responses of standing forms.
	 */
	[S_COUNT_ANSWERED] =
		"SELECT e.key, a.key, NULL, 0, NULL, NULL, NULL,"
		" count(DISTINCT a.response)"
		" FROM event e JOIN answer a ON a.event = e.id"
		" WHERE" EVENT_SCOPE " AND a.spam = 0 AND a.code IS NOT NULL"
		" AND" KEY_LIST " GROUP BY e.id, a.key"
		" UNION ALL SELECT e.key, t.key, NULL, sum(t.blank), NULL, NULL,"
		" NULL, sum(t.n) FROM (SELECT a.event, a.key, 0 AS blank,"
		" count(*) AS n FROM answer a WHERE" IN_EVENTS " AND a.spam = 0"
		" AND" IS_TEXT " AND" KEY_LIST " GROUP BY a.event, a.key"
		" UNION ALL SELECT a.event, a.key, count(*), -count(*)"
		" FROM answer a INDEXED BY answer_blanks WHERE" IN_EVENTS " AND a.spam = 0"
		" AND" IS_TEXT " AND " BLANK("a.text")
		" AND" KEY_LIST " GROUP BY a.event, a.key"
		" UNION ALL SELECT a.event, " BASE_KEY ", 0, count(*)"
		" FROM answer a WHERE" IN_EVENTS " AND a.spam = 0"
		" AND" OTHER_ONLY " GROUP BY a.event, a.key) t"
		" JOIN event e ON e.id = t.event GROUP BY t.event, t.key"
		" UNION ALL SELECT NULL, CASE WHEN t.k THEN " BASE_KEY
		" ELSE a.key END, NULL, sum(NOT t.k AND a.text IS NOT NULL"
		" AND NOT " NOT_BLANK("a.text") "), NULL, NULL, NULL,"
		" count(DISTINCT CASE WHEN a.text IS NULL"
		" OR " NOT_BLANK("a.text") " THEN a.response END)"
		" FROM response r JOIN answer a ON a.response = r.id"
		" CROSS JOIN (SELECT 0 AS k UNION ALL SELECT 1) t"
		" WHERE" STANDING_SCOPE " AND (t.k = 0 AND" KEY_LIST
		" OR t.k = 1 AND" OTHER_ONLY ") GROUP BY t.k, a.key",
	[S_COUNT_DAYS] =
		"SELECT NULL, NULL, NULL, NULL, date(r.submitted, 'unixepoch'),"
		" NULL, NULL, count(*)" SCOPE_FROM " WHERE" SCOPE_WHERE
		" GROUP BY 5 ORDER BY 5",
	/* A scan in rowid order: streams, with no sort of the whole scope. */
	[S_EACH_ANSWER] =
		"SELECT e.key, a.key, a.code, a.num, a.text, r.submitted, r.id, 1"
		" FROM response r NOT INDEXED LEFT JOIN event e ON e.id = r.event"
		" LEFT JOIN answer a ON a.response = r.id"
		" WHERE" SCOPE_WHERE " ORDER BY r.id, a.seq",
	[S_RESPONSE_ANSWERS] =
		"SELECT e.key, a.key, a.code, a.num, a.text, r.submitted, r.id, 1"
		" FROM response r LEFT JOIN event e ON e.id = r.event"
		" LEFT JOIN answer a ON a.response = r.id"
		" WHERE r.id = ?1 ORDER BY a.seq",
	/* admin area */
	[S_USER_ADD] =
		"INSERT INTO account (name, role, password, created)"
		" VALUES (?1, ?2, ?3, ?4)",
	[S_USER_GET] =
		"SELECT name, role, password, created FROM account"
		" WHERE name = ?1",
	[S_USER_LIST] =
		"SELECT name, role, password, created FROM account ORDER BY name",
	[S_USER_SET_ROLE] = "UPDATE account SET role = ?2 WHERE name = ?1",
	[S_USER_SET_HASH] = "UPDATE account SET password = ?2 WHERE name = ?1",
	[S_USER_END_SESSIONS] =
		"DELETE FROM session WHERE account ="
		" (SELECT id FROM account WHERE name = ?1)",
	[S_USER_REMOVE] = "DELETE FROM account WHERE name = ?1",
	[S_USER_COUNT] =
		"SELECT count(*) FROM account WHERE ?1 IS NULL OR role = ?1",
	[S_SETUP_PUT] =
		"INSERT OR REPLACE INTO setup_token (id, token_hash, created)"
		" VALUES (1, ?1, ?2)",
	[S_SETUP_CHECK] =
		"SELECT count(*) FROM setup_token WHERE token_hash = ?1"
		" AND NOT EXISTS (SELECT 1 FROM account)",
	[S_SETUP_CLEAR] = "DELETE FROM setup_token",
	[S_SESSION_ADD] =
		"INSERT INTO session (token_hash, account, csrf, created,"
		" last_seen, expires) SELECT ?1, id, ?3, ?4, ?4, ?5"
		" FROM account WHERE name = ?2",
	[S_SESSION_GET] =
		"SELECT a.name, a.role, s.csrf, s.created, s.last_seen,"
		" s.expires FROM session s JOIN account a ON a.id = s.account"
		" WHERE s.token_hash = ?1 AND s.expires > ?2"
		" AND s.last_seen + ?3 >= ?2",
	[S_SESSION_TOUCH] =
		"UPDATE session SET last_seen = ?2 WHERE token_hash = ?1",
	[S_SESSION_DELETE] = "DELETE FROM session WHERE token_hash = ?1",
	[S_SESSION_PRUNE] =
		"DELETE FROM session WHERE expires <= ?1"
		" OR last_seen + ?2 < ?1",
	[S_RESPONSE_LIST] =
		"SELECT r.id, r.form, e.key, e.title, r.submitted, r.spam"
		" FROM response r LEFT JOIN event e ON e.id = r.event"
		" WHERE (?1 IS NULL OR r.form = ?1) AND (?2 IS NULL OR e.key = ?2)"
		" AND (?3 IS NULL OR date(r.submitted, 'unixepoch') >= ?3)"
		" AND (?4 IS NULL OR date(r.submitted, 'unixepoch') <= ?4)"
		" ORDER BY r.submitted DESC, r.id DESC LIMIT ?5 OFFSET ?6",
	[S_RESPONSE_COUNT] =
		"SELECT count(*)"
		" FROM response r LEFT JOIN event e ON e.id = r.event"
		" WHERE (?1 IS NULL OR r.form = ?1) AND (?2 IS NULL OR e.key = ?2)"
		" AND (?3 IS NULL OR date(r.submitted, 'unixepoch') >= ?3)"
		" AND (?4 IS NULL OR date(r.submitted, 'unixepoch') <= ?4)",
	[S_RESPONSE_GET] =
		"SELECT r.id, r.form, e.key, e.title, r.submitted, r.spam"
		" FROM response r LEFT JOIN event e ON e.id = r.event"
		" WHERE r.id = ?1",
	[S_RESPONSE_DELETE] = "DELETE FROM response WHERE id = ?1",
	[S_COUNT_SINCE] =
		"SELECT count(*) FROM response r LEFT JOIN event e"
		" ON e.id = r.event WHERE r.form = ?1 AND r.spam = 0"
		" AND (?2 IS NULL OR e.key = ?2) AND r.submitted >= ?3",
};

struct store {
	sqlite3 *db;
	char *path;
	int readonly;
	sqlite3_stmt *st[S__MAX];
};

static int db_error(struct store *s, const char *what)
{
	return error("database %s: %s: %s", s->path, what,
		     sqlite3_errmsg(s->db));
}

/* The statement, reset and with its bindings cleared, ready to bind. */
static sqlite3_stmt *stmt(struct store *s, enum stmt id)
{
	sqlite3_stmt *st = s->st[id];

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* Binds v, or NULL when v equals none. */
static void bind_int_or_null(sqlite3_stmt *st, int i, long long v,
			     long long none)
{
	if (v == none)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, v);
}

static char *col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? xstrdup((const char *)t) : NULL;
}

static long long col_int_or(sqlite3_stmt *st, int i, long long none)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return none;
	return sqlite3_column_int64(st, i);
}

/* Runs a statement that returns no rows; 0 or -1 (logged). */
static int run(struct store *s, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_error(s, what);
	return 0;
}

static int begin(struct store *s)
{
	return run(s, stmt(s, S_BEGIN), "begin");
}

static void rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_step(stmt(s, S_ROLLBACK));
	sqlite3_reset(s->st[S_ROLLBACK]);
}

/* Commits; a failed COMMIT rolls back and returns -1. */
static int commit(struct store *s)
{
	if (run(s, stmt(s, S_COMMIT), "commit") < 0) {
		rollback(s);
		return -1;
	}
	return 0;
}

/* ---- opening and migrations ---- */

int store_schema_latest(void)
{
	int n = 0;

	while (schema_files[n].name)
		n++;
	return n;
}

static int exec(struct store *s, const char *text, const char *what)
{
	char *msg = NULL;

	if (sqlite3_exec(s->db, text, NULL, NULL, &msg) != SQLITE_OK) {
		error("database %s: %s: %s", s->path, what,
		      msg ? msg : sqlite3_errmsg(s->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int read_version(struct store *s)
{
	sqlite3_stmt *st = NULL;
	int v = -1;

	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) !=
	    SQLITE_OK) {
		db_error(s, "reading the schema version");
		return -1;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	else
		db_error(s, "reading the schema version");
	sqlite3_finalize(st);
	return v;
}

/*
 * Applies migrations until the schema is at version target, one
 * transaction each; the migration file itself sets user_version. Another
 * process may migrate at the same time: the version is read again under
 * the write lock.
 */
static int migrate(struct store *s, int target)
{
	if (read_version(s) == target)     /* the usual case: no write lock */
		return 0;
	for (;;) {
		int v;

		if (exec(s, "BEGIN IMMEDIATE", "migration") < 0)
			return -1;
		v = read_version(s);
		if (v < 0)
			goto fail;
		if (v > store_schema_latest()) {
			error("database %s: schema version %d is newer than this"
			      " program knows (%d)", s->path, v,
			      store_schema_latest());
			goto fail;
		}
		if (v >= target) {
			if (exec(s, "COMMIT", "migration") < 0)
				goto fail;
			return 0;
		}
		if (exec(s, schema_files[v].data, schema_files[v].name) < 0)
			goto fail;
		if (read_version(s) != v + 1) {
			error("database %s: migration %s does not set"
			      " user_version to %d", s->path,
			      schema_files[v].name, v + 1);
			goto fail;
		}
		if (exec(s, "COMMIT", "migration") < 0)
			goto fail;
	}
fail:
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* Creates path mode 0600 when absent (whatever the umask). */
static int create_private(const char *path, int excl)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
		      0600);

	if (fd < 0) {
		if (errno == EEXIST && !excl)
			return 0;
		if (errno == EEXIST)
			return error("%s exists; not overwriting it", path);
		return error("cannot create %s: %s", path, strerror(errno));
	}
	if (fchmod(fd, 0600) < 0) {
		error("cannot set the mode of %s: %s", path, strerror(errno));
		close(fd);
		unlink(path);
		return -1;
	}
	close(fd);
	return 1;
}

/*
 * Opens the connection with its pragmas and migrates to target (readonly:
 * checks it is there). Statements are not prepared yet.
 */
static int open_db(struct store *s, const char *path, int flags, int target)
{
	int oflags = SQLITE_OPEN_READWRITE;

	s->path = xstrdup(path);
	s->readonly = !!(flags & STORE_READONLY);
	if (s->readonly)
		oflags = SQLITE_OPEN_READONLY;
	else if (create_private(path, 0) < 0)
		return -1;
	if (sqlite3_open_v2(path, &s->db, oflags, NULL) != SQLITE_OK) {
		if (!s->db)
			return error("database %s: out of memory", path);
		return db_error(s, "open");
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, 5000);
	if (sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL) !=
		    SQLITE_OK ||
	    sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL) !=
		    SQLITE_OK)
		return db_error(s, "configure");
	if (exec(s, "PRAGMA trusted_schema = OFF; PRAGMA foreign_keys = ON;"
		    " PRAGMA synchronous = FULL;", "pragmas") < 0)
		return -1;
	if (!s->readonly) {
		if (exec(s, "PRAGMA journal_mode = WAL", "journal mode") < 0)
			return -1;
		return migrate(s, target);
	}
	{
		int v = read_version(s);

		if (v < 0)
			return -1;
		if (v < target)
			return 1;               /* the caller migrates first */
		if (v != target)
			return error("database %s: schema version %d is newer"
				     " than this program knows (%d)", path, v,
				     target);
	}
	return 0;
}

static void close_db(struct store *s)
{
	for (int i = 0; i < S__MAX; i++)
		sqlite3_finalize(s->st[i]);
	if (s->db)
		sqlite3_close_v2(s->db);
	free(s->path);
	free(s);
}

int store_open(struct store **out, const char *path, int flags)
{
	struct store *s = xcalloc(1, sizeof(*s));
	int ret;

	*out = NULL;
	ret = open_db(s, path, flags, store_schema_latest());
	if (ret > 0) {
		/*
		 * A read-only open of a database from an older version: bring
		 * its schema up to date once, as any open for writing would,
		 * then open it read-only as asked.
		 */
		close_db(s);
		if (store_create_version(path, store_schema_latest()) < 0)
			return -1;
		s = xcalloc(1, sizeof(*s));
		ret = open_db(s, path, flags, store_schema_latest());
		if (ret > 0)
			ret = error("database %s: schema did not migrate", path);
	}
	if (ret < 0)
		goto fail;
	for (int i = 0; i < S__MAX; i++) {
		if (sqlite3_prepare_v3(s->db, sql[i], -1,
				       SQLITE_PREPARE_PERSISTENT, &s->st[i],
				       NULL) != SQLITE_OK) {
			error("database %s: preparing statement %d: %s", path, i,
			      sqlite3_errmsg(s->db));
			goto fail;
		}
	}
	*out = s;
	return 0;
fail:
	close_db(s);
	return -1;
}

int store_create_version(const char *path, int version)
{
	struct store *s = xcalloc(1, sizeof(*s));
	int ret;

	if (version < 0 || version > store_schema_latest()) {
		free(s);
		return error("no schema version %d", version);
	}
	ret = open_db(s, path, 0, version);
	close_db(s);
	return ret;
}

void store_close(struct store *s)
{
	if (s)
		close_db(s);
}

int store_schema_version(struct store *s)
{
	sqlite3_stmt *st = stmt(s, S_USER_VERSION);
	int v = -1;

	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	else
		db_error(s, "reading the schema version");
	sqlite3_reset(st);
	return v;
}

/* ---- form versions ---- */

int store_put_form(struct store *s, const struct form *f, long long *version)
{
	sqlite3_stmt *st;

	if (begin(s) < 0)
		return -1;
	st = stmt(s, S_FORM_PUT);
	bind_text(st, 1, f->key);
	bind_text(st, 2, f->hash);
	bind_text(st, 3, f->canonical ? f->canonical : "");
	sqlite3_bind_int64(st, 4, (long long)time(NULL));
	if (run(s, st, "recording the form version") < 0)
		goto fail;
	st = stmt(s, S_FORM_ID);
	bind_text(st, 1, f->hash);
	if (sqlite3_step(st) != SQLITE_ROW) {
		db_error(s, "reading the form version");
		goto fail;
	}
	*version = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return commit(s);
fail:
	rollback(s);
	return -1;
}

char *store_latest_form(struct store *s, const char *key)
{
	sqlite3_stmt *st = stmt(s, S_FORM_LATEST);
	char *def = NULL;
	int rc;

	bind_text(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		def = col_dup(st, 0);
	else if (rc != SQLITE_DONE)
		db_error(s, "reading the form version");
	sqlite3_reset(st);
	return def;
}

/* ---- events ---- */

void event_release(struct event *e)
{
	if (!e)
		return;
	free(e->key);
	free(e->form);
	free(e->title);
	free(e->date);
	free(e->location);
	free(e->format);
	free(e->presenter);
	free(e->series);
	memset(e, 0, sizeof(*e));
}

void events_free(struct event *v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		event_release(&v[i]);
	free(v);
}

int event_is_open(const struct event *e, long long now)
{
	if (e->opens && now < e->opens)
		return 0;
	if (e->closes && now >= e->closes)
		return 0;
	return 1;
}

/* Fills e from a row of EVENT_COLS. */
static void event_from_row(sqlite3_stmt *st, struct event *e)
{
	e->key = col_dup(st, 0);
	e->form = col_dup(st, 1);
	e->title = col_dup(st, 2);
	e->date = col_dup(st, 3);
	e->location = col_dup(st, 4);
	e->format = col_dup(st, 5);
	e->presenter = col_dup(st, 6);
	e->series = col_dup(st, 7);
	e->attendees = (long)col_int_or(st, 8, -1);
	e->opens = col_int_or(st, 9, 0);
	e->closes = col_int_or(st, 10, 0);
	e->responses = (long)sqlite3_column_int64(st, 11);
}

static void bind_event(sqlite3_stmt *st, const struct event *e)
{
	bind_text(st, 1, e->key);
	bind_text(st, 2, e->form);
	bind_text(st, 3, e->title);
	bind_text(st, 4, e->date);
	bind_text(st, 5, e->location);
	bind_text(st, 6, e->format);
	bind_text(st, 7, e->presenter);
	bind_text(st, 8, e->series);
	bind_int_or_null(st, 9, e->attendees < 0 ? -1 : e->attendees, -1);
	bind_int_or_null(st, 10, e->opens, 0);
	bind_int_or_null(st, 11, e->closes, 0);
}

int store_event_add(struct store *s, const struct event *e)
{
	sqlite3_stmt *st;
	int rc;

	if (begin(s) < 0)
		return -1;
	st = stmt(s, S_EVENT_ADD);
	bind_event(st, e);
	sqlite3_bind_int64(st, 12, (long long)time(NULL));
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_CONSTRAINT_UNIQUE) {
		error("event %s exists", e->key);
		goto fail;
	}
	if (rc != SQLITE_DONE) {
		db_error(s, "adding an event");
		goto fail;
	}
	return commit(s);
fail:
	rollback(s);
	return -1;
}

int store_event_update(struct store *s, const struct event *e)
{
	sqlite3_stmt *st;

	if (begin(s) < 0)
		return -1;
	st = stmt(s, S_EVENT_UPDATE);
	bind_event(st, e);
	if (run(s, st, "updating an event") < 0)
		goto fail;
	if (sqlite3_changes(s->db) == 0) {
		error("no event %s", e->key);
		goto fail;
	}
	return commit(s);
fail:
	rollback(s);
	return -1;
}

int store_event_get(struct store *s, const char *key, struct event *out)
{
	sqlite3_stmt *st = stmt(s, S_EVENT_GET);
	int rc, ret = 0;

	memset(out, 0, sizeof(*out));
	bind_text(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		event_from_row(st, out);
		ret = 1;
	} else if (rc != SQLITE_DONE) {
		ret = db_error(s, "reading an event");
	}
	sqlite3_reset(st);
	return ret;
}

int store_event_find(struct store *s, const char *key, struct event *out)
{
	sqlite3_stmt *st = stmt(s, S_EVENT_FIND);
	int rc, ret = 0;

	memset(out, 0, sizeof(*out));
	bind_text(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		event_from_row(st, out);
		ret = 1;
	} else if (rc != SQLITE_DONE) {
		ret = db_error(s, "reading an event");
	}
	sqlite3_reset(st);
	return ret;
}

/* Collects every row of an EVENT_COLS statement already bound. */
static int collect_events(struct store *s, sqlite3_stmt *st,
			  struct event **out, size_t *n)
{
	struct event *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(v, len + 1, cap);
		event_from_row(st, &v[len++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		events_free(v, len);
		*out = NULL;
		*n = 0;
		return db_error(s, "listing events");
	}
	*out = v;
	*n = len;
	return 0;
}

int store_event_list(struct store *s, const char *form, struct event **out,
		     size_t *n)
{
	sqlite3_stmt *st = stmt(s, S_EVENT_LIST);

	bind_text(st, 1, form);
	return collect_events(s, st, out, n);
}

int store_event_list_brief(struct store *s, const char *form,
			   struct event **out, size_t *n)
{
	sqlite3_stmt *st = stmt(s, S_EVENT_LIST_BRIEF);

	bind_text(st, 1, form);
	return collect_events(s, st, out, n);
}

/* ---- submissions ---- */

/* Stores one submission inside the open transaction. */
static int submit_one(struct store *s, struct submission *sub)
{
	sqlite3_stmt *st;
	long long event = -1;
	int rc;

	if (sub->event) {
		st = stmt(s, S_EVENT_ID);
		bind_text(st, 1, sub->event);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			const char *form =
				(const char *)sqlite3_column_text(st, 1);

			event = sqlite3_column_int64(st, 0);
			if (!form || !sub->form || strcmp(form, sub->form)) {
				sqlite3_reset(st);
				return error("event %s is not one of form %s",
					     sub->event,
					     sub->form ? sub->form : "(none)");
			}
		}
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return error("no event %s", sub->event);
		if (rc != SQLITE_ROW)
			return db_error(s, "finding the event");
	}
	st = stmt(s, S_RESPONSE_ADD);
	bind_text(st, 1, sub->form);
	sqlite3_bind_int64(st, 2, sub->version);
	bind_int_or_null(st, 3, event, -1);
	sqlite3_bind_int64(st, 4, sub->submitted);
	bind_text(st, 5, sub->token);
	if (run(s, st, "storing a response") < 0)
		return -1;
	if (sqlite3_changes(s->db) == 0) {
		sub->duplicate = 1;
		return 0;
	}
	sub->id = sqlite3_last_insert_rowid(s->db);
	for (size_t i = 0; i < sub->nanswers; i++) {
		const struct answer *a = &sub->answers[i];

		st = stmt(s, S_ANSWER_ADD);
		sqlite3_bind_int64(st, 1, sub->id);
		sqlite3_bind_int64(st, 2, (long long)i);
		bind_text(st, 3, a->key);
		bind_int_or_null(st, 7, event, -1);
		switch (a->kind) {
		case ANS_CODE:
			bind_text(st, 4, a->code);
			break;
		case ANS_NUM:
			sqlite3_bind_double(st, 5, a->num);
			break;
		case ANS_TEXT:
			bind_text(st, 6, a->text);
			break;
		}
		if (run(s, st, "storing an answer") < 0)
			return -1;
	}
	return 0;
}

int store_submit(struct store *s, struct submission *subs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		subs[i].duplicate = 0;
		subs[i].id = 0;
	}
	if (begin(s) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (submit_one(s, &subs[i]) < 0)
			goto fail;
	if (commit(s) < 0)
		goto undo;
	return 0;
fail:
	rollback(s);
undo:
	for (size_t i = 0; i < n; i++) {
		subs[i].duplicate = 0;
		subs[i].id = 0;
	}
	return -1;
}

long store_count_responses(struct store *s, const char *form)
{
	sqlite3_stmt *st = stmt(s, S_COUNT_RESPONSES);
	long n = -1;

	bind_text(st, 1, form);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	else
		db_error(s, "counting responses");
	sqlite3_reset(st);
	return n;
}

int store_set_spam(struct store *s, long long response, int spam)
{
	sqlite3_stmt *st;

	if (begin(s) < 0)
		return -1;
	st = stmt(s, S_SET_SPAM);
	sqlite3_bind_int64(st, 1, response);
	sqlite3_bind_int(st, 2, !!spam);
	if (run(s, st, "marking a response") < 0)
		goto fail;
	if (sqlite3_changes(s->db) == 0) {
		error("no response %lld", response);
		goto fail;
	}
	return commit(s);
fail:
	rollback(s);
	return -1;
}

/* ---- secrets and backup ---- */

int store_secret(struct store *s, const char *name, unsigned char *out,
		 size_t len)
{
	sqlite3_stmt *st;
	int rc;

	if (sodium_init() < 0)
		return error("libsodium cannot be initialised");
	if (begin(s) < 0)
		return -1;
	st = stmt(s, S_SECRET_GET);
	bind_text(st, 1, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		int have = sqlite3_column_bytes(st, 0);
		const void *v = sqlite3_column_blob(st, 0);

		if (have < 0 || (size_t)have != len || !v) {
			sqlite3_reset(st);
			error("secret %s has %d bytes, wanted %zu", name, have,
			      len);
			goto fail;
		}
		memcpy(out, v, len);
		sqlite3_reset(st);
		return commit(s);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_error(s, "reading a secret");
		goto fail;
	}
	randombytes_buf(out, len);
	st = stmt(s, S_SECRET_ADD);
	bind_text(st, 1, name);
	sqlite3_bind_blob(st, 2, out, (int)len, SQLITE_STATIC);
	if (run(s, st, "storing a secret") < 0)
		goto fail;
	if (commit(s) < 0) {
		sodium_memzero(out, len);
		return -1;
	}
	return 0;
fail:
	rollback(s);
	sodium_memzero(out, len);
	return -1;
}

int store_backup(struct store *s, const char *path)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	int rc, ret = -1;

	if (create_private(path, 1) < 0)
		return -1;
	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		error("backup %s: %s", path,
		      dst ? sqlite3_errmsg(dst) : "out of memory");
		goto out;
	}
	b = sqlite3_backup_init(dst, "main", s->db, "main");
	if (!b) {
		error("backup %s: %s", path, sqlite3_errmsg(dst));
		goto out;
	}
	do {
		rc = sqlite3_backup_step(b, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(50);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		error("backup %s: %s", path, sqlite3_errstr(rc));
		goto out;
	}
	ret = 0;
out:
	if (dst && sqlite3_close(dst) != SQLITE_OK && ret == 0)
		ret = error("backup %s: %s", path, sqlite3_errmsg(dst));
	if (ret < 0)
		unlink(path);
	return ret;
}

int store_quick_check(struct store *s)
{
	sqlite3_stmt *st = NULL;
	int rc, ret = -1;

	if (sqlite3_prepare_v2(s->db, "PRAGMA quick_check(3)", -1, &st,
			       NULL) != SQLITE_OK) {
		db_error(s, "checking");
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *msg = (const char *)sqlite3_column_text(st, 0);

		if (msg && !strcmp(msg, "ok"))
			ret = 0;
		else
			error("database %s is damaged: %s", s->path,
			      msg ? msg : "?");
	}
	if (rc != SQLITE_DONE) {
		ret = -1;
		error("database %s is damaged: %s", s->path,
		      sqlite3_errmsg(s->db));
	}
out:
	sqlite3_finalize(st);
	return ret;
}

/* ---- report and export queries ---- */

/* A JSON array of strings, escaped, for json_each(). */
static void json_strings(struct buf *b, const char *const *v, size_t n)
{
	buf_addc(b, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_addc(b, ',');
		buf_addc(b, '"');
		for (const unsigned char *p = (const unsigned char *)v[i];
		     p && *p; p++) {
			if (*p == '"' || *p == '\\')
				buf_addf(b, "\\%c", *p);
			else if (*p < 0x20)
				buf_addf(b, "\\u%04x", *p);
			else
				buf_addc(b, *p);
		}
		buf_addc(b, '"');
	}
	buf_addc(b, ']');
}

/* Binds ?1..?5 of a scope query; json holds the event list meanwhile. */
static void bind_scope(sqlite3_stmt *st, const struct scope *sc,
		       struct buf *json)
{
	bind_text(st, 1, sc->form);
	if (sc->nevents) {
		json_strings(json, sc->events, sc->nevents);
		bind_text(st, 2, json->s);
	}
	bind_text(st, 3, sc->series);
	bind_text(st, 4, sc->from);
	bind_text(st, 5, sc->to);
}

/* Steps st, handing each row to fn; returns 0, fn's nonzero, or -1. */
static int each_row(struct store *s, sqlite3_stmt *st, store_row_fn fn,
		    void *ctx)
{
	struct store_row row;
	int rc, ret = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row.event = (const char *)sqlite3_column_text(st, 0);
		row.key = (const char *)sqlite3_column_text(st, 1);
		row.code = (const char *)sqlite3_column_text(st, 2);
		row.num = sqlite3_column_double(st, 3);
		row.text = (const char *)sqlite3_column_text(st, 4);
		row.submitted = sqlite3_column_int64(st, 5);
		row.response = sqlite3_column_int64(st, 6);
		row.count = (long)sqlite3_column_int64(st, 7);
		ret = fn(ctx, &row);
		if (ret)
			break;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = db_error(s, "query");
	sqlite3_reset(st);
	return ret;
}

static int scope_query(struct store *s, enum stmt id, const struct scope *sc,
		       store_row_fn fn, void *ctx)
{
	struct buf json = BUF_INIT;
	sqlite3_stmt *st = stmt(s, id);
	int ret;

	bind_scope(st, sc, &json);
	ret = each_row(s, st, fn, ctx);
	sqlite3_clear_bindings(st);
	buf_release(&json);
	return ret;
}

int store_scope_events(struct store *s, const struct scope *sc,
		       struct event **out, size_t *n)
{
	struct buf json = BUF_INIT;
	sqlite3_stmt *st = stmt(s, S_SCOPE_EVENTS);
	int ret;

	bind_scope(st, sc, &json);
	ret = collect_events(s, st, out, n);
	sqlite3_clear_bindings(st);
	buf_release(&json);
	return ret;
}

int store_count_by_event(struct store *s, const struct scope *sc,
			 store_row_fn fn, void *ctx)
{
	return scope_query(s, S_COUNT_BY_EVENT, sc, fn, ctx);
}

int store_count_codes(struct store *s, const struct scope *sc,
		      store_row_fn fn, void *ctx)
{
	return scope_query(s, S_COUNT_CODES, sc, fn, ctx);
}

int store_count_numbers(struct store *s, const struct scope *sc,
			store_row_fn fn, void *ctx)
{
	return scope_query(s, S_COUNT_NUMBERS, sc, fn, ctx);
}

int store_texts(struct store *s, const struct scope *sc, store_row_fn fn,
		void *ctx)
{
	return scope_query(s, S_TEXTS, sc, fn, ctx);
}

int store_texts_newest(struct store *s, const struct scope *sc,
		       const char *event, const char *key, long limit,
		       store_row_fn fn, void *ctx)
{
	struct buf json = BUF_INIT;
	sqlite3_stmt *st = stmt(s, S_TEXTS_NEWEST);
	int ret;

	bind_scope(st, sc, &json);
	bind_text(st, 6, event);
	bind_text(st, 7, key);
	sqlite3_bind_int64(st, 8, limit < 0 ? -1 : limit);
	ret = each_row(s, st, fn, ctx);
	sqlite3_clear_bindings(st);
	buf_release(&json);
	return ret;
}

int store_count_answered(struct store *s, const struct scope *sc,
			 const char *const *keys, size_t nkeys,
			 store_row_fn fn, void *ctx)
{
	struct buf json = BUF_INIT, kj = BUF_INIT;
	sqlite3_stmt *st = stmt(s, S_COUNT_ANSWERED);
	int ret;

	if (!nkeys)
		return 0;
	bind_scope(st, sc, &json);
	json_strings(&kj, keys, nkeys);
	bind_text(st, 6, kj.s);
	ret = each_row(s, st, fn, ctx);
	sqlite3_clear_bindings(st);
	buf_release(&json);
	buf_release(&kj);
	return ret;
}

int store_count_days(struct store *s, const struct scope *sc,
		     store_row_fn fn, void *ctx)
{
	return scope_query(s, S_COUNT_DAYS, sc, fn, ctx);
}

int store_each_answer(struct store *s, const struct scope *sc,
		      store_row_fn fn, void *ctx)
{
	return scope_query(s, S_EACH_ANSWER, sc, fn, ctx);
}

int store_response_answers(struct store *s, long long response,
			   store_row_fn fn, void *ctx)
{
	sqlite3_stmt *st = stmt(s, S_RESPONSE_ANSWERS);

	sqlite3_bind_int64(st, 1, response);
	return each_row(s, st, fn, ctx);
}

/* ==== admin area: accounts, sessions, responses (admin engineer) ==== */

void user_release(struct user *u)
{
	if (!u)
		return;
	free(u->name);
	free(u->role);
	if (u->hash)
		sodium_memzero(u->hash, strlen(u->hash));
	free(u->hash);
	memset(u, 0, sizeof(*u));
}

void users_free(struct user *v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		user_release(&v[i]);
	free(v);
}

static void user_from_row(sqlite3_stmt *st, struct user *u)
{
	u->name = col_dup(st, 0);
	u->role = col_dup(st, 1);
	u->hash = col_dup(st, 2);
	u->created = sqlite3_column_int64(st, 3);
}

/* Inserts u inside the open transaction; 0, or -1 (logged). */
static int user_insert(struct store *s, const struct user *u)
{
	sqlite3_stmt *st = stmt(s, S_USER_ADD);
	int rc;

	bind_text(st, 1, u->name);
	bind_text(st, 2, u->role);
	bind_text(st, 3, u->hash);
	sqlite3_bind_int64(st, 4, u->created ? u->created
					     : (long long)time(NULL));
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_CONSTRAINT_UNIQUE)
		return error("user %s exists", u->name);
	if (rc != SQLITE_DONE)
		return db_error(s, "adding a user");
	return 0;
}

int store_user_add(struct store *s, const struct user *u)
{
	if (begin(s) < 0)
		return -1;
	if (user_insert(s, u) < 0) {
		rollback(s);
		return -1;
	}
	return commit(s);
}

int store_user_get(struct store *s, const char *name, struct user *out)
{
	sqlite3_stmt *st = stmt(s, S_USER_GET);
	int rc, ret = 0;

	memset(out, 0, sizeof(*out));
	bind_text(st, 1, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		user_from_row(st, out);
		ret = 1;
	} else if (rc != SQLITE_DONE) {
		ret = db_error(s, "reading a user");
	}
	sqlite3_reset(st);
	return ret;
}

int store_user_list(struct store *s, struct user **out, size_t *n)
{
	sqlite3_stmt *st = stmt(s, S_USER_LIST);
	struct user *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(v, len + 1, cap);
		user_from_row(st, &v[len++]);
	}
	sqlite3_reset(st);
	*out = NULL;
	*n = 0;
	if (rc != SQLITE_DONE) {
		users_free(v, len);
		return db_error(s, "listing users");
	}
	*out = v;
	*n = len;
	return 0;
}

int store_user_update(struct store *s, const char *name, const char *role,
		      const char *hash)
{
	sqlite3_stmt *st;
	int found = 0;

	if (begin(s) < 0)
		return -1;
	if (role) {
		st = stmt(s, S_USER_SET_ROLE);
		bind_text(st, 1, name);
		bind_text(st, 2, role);
		if (run(s, st, "changing a role") < 0)
			goto fail;
		found |= sqlite3_changes(s->db) > 0;
	}
	if (hash) {
		st = stmt(s, S_USER_SET_HASH);
		bind_text(st, 1, name);
		bind_text(st, 2, hash);
		if (run(s, st, "changing a password") < 0)
			goto fail;
		found |= sqlite3_changes(s->db) > 0;
		st = stmt(s, S_USER_END_SESSIONS);
		bind_text(st, 1, name);
		if (run(s, st, "ending sessions") < 0)
			goto fail;
	}
	if (!found) {
		error("no user %s", name);
		goto fail;
	}
	return commit(s);
fail:
	rollback(s);
	return -1;
}

int store_user_remove(struct store *s, const char *name)
{
	sqlite3_stmt *st;

	if (begin(s) < 0)
		return -1;
	st = stmt(s, S_USER_END_SESSIONS);
	bind_text(st, 1, name);
	if (run(s, st, "ending sessions") < 0)
		goto fail;
	st = stmt(s, S_USER_REMOVE);
	bind_text(st, 1, name);
	if (run(s, st, "removing a user") < 0)
		goto fail;
	if (sqlite3_changes(s->db) == 0) {
		error("no user %s", name);
		goto fail;
	}
	return commit(s);
fail:
	rollback(s);
	return -1;
}

/* The one integer of a bound single-row statement, or -1 (logged). */
static long long count_of(struct store *s, sqlite3_stmt *st, const char *what)
{
	long long n = -1;

	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	else
		db_error(s, what);
	sqlite3_reset(st);
	return n;
}

long store_user_count(struct store *s, const char *role)
{
	sqlite3_stmt *st = stmt(s, S_USER_COUNT);

	bind_text(st, 1, role);
	return (long)count_of(s, st, "counting users");
}

int store_setup_put(struct store *s, const char *token_hash, long long now)
{
	sqlite3_stmt *st;

	if (begin(s) < 0)
		return -1;
	st = stmt(s, S_SETUP_PUT);
	bind_text(st, 1, token_hash);
	sqlite3_bind_int64(st, 2, now);
	if (run(s, st, "storing the setup token") < 0) {
		rollback(s);
		return -1;
	}
	return commit(s);
}

int store_setup_use(struct store *s, const char *token_hash,
		    const struct user *u)
{
	sqlite3_stmt *st;
	long long ok;

	if (begin(s) < 0)
		return -1;
	st = stmt(s, S_SETUP_CHECK);
	bind_text(st, 1, token_hash);
	ok = count_of(s, st, "checking the setup token");
	if (ok < 0)
		goto fail;
	if (ok == 0) {
		rollback(s);
		return 0;
	}
	if (user_insert(s, u) < 0)
		goto fail;
	if (run(s, stmt(s, S_SETUP_CLEAR), "using the setup token") < 0)
		goto fail;
	return commit(s) < 0 ? -1 : 1;
fail:
	rollback(s);
	return -1;
}

int store_setup_valid(struct store *s, const char *token_hash)
{
	sqlite3_stmt *st = stmt(s, S_SETUP_CHECK);
	long long n;

	bind_text(st, 1, token_hash);
	n = count_of(s, st, "checking the setup token");
	return n < 0 ? -1 : n > 0;
}

void session_release(struct session *se)
{
	if (!se)
		return;
	free(se->user);
	free(se->role);
	free(se->csrf);
	memset(se, 0, sizeof(*se));
}

int store_session_add(struct store *s, const char *token_hash,
		      const char *user, const char *csrf, long long now,
		      long long expires)
{
	sqlite3_stmt *st;

	if (begin(s) < 0)
		return -1;
	st = stmt(s, S_SESSION_ADD);
	bind_text(st, 1, token_hash);
	bind_text(st, 2, user);
	bind_text(st, 3, csrf);
	sqlite3_bind_int64(st, 4, now);
	sqlite3_bind_int64(st, 5, expires);
	if (run(s, st, "starting a session") < 0)
		goto fail;
	if (sqlite3_changes(s->db) == 0) {
		error("no user %s", user);
		goto fail;
	}
	return commit(s);
fail:
	rollback(s);
	return -1;
}

int store_session_get(struct store *s, const char *token_hash, long long now,
		      long long idle, struct session *out)
{
	sqlite3_stmt *st = stmt(s, S_SESSION_GET);
	int rc, ret = 0;

	memset(out, 0, sizeof(*out));
	bind_text(st, 1, token_hash);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, idle);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->user = col_dup(st, 0);
		out->role = col_dup(st, 1);
		out->csrf = col_dup(st, 2);
		out->created = sqlite3_column_int64(st, 3);
		out->last_seen = sqlite3_column_int64(st, 4);
		out->expires = sqlite3_column_int64(st, 5);
		ret = 1;
	} else if (rc != SQLITE_DONE) {
		ret = db_error(s, "reading a session");
	}
	sqlite3_reset(st);
	return ret;
}

int store_session_touch(struct store *s, const char *token_hash,
			long long now)
{
	sqlite3_stmt *st = stmt(s, S_SESSION_TOUCH);

	bind_text(st, 1, token_hash);
	sqlite3_bind_int64(st, 2, now);
	return run(s, st, "updating a session");
}

int store_session_delete(struct store *s, const char *token_hash)
{
	sqlite3_stmt *st = stmt(s, S_SESSION_DELETE);

	bind_text(st, 1, token_hash);
	return run(s, st, "ending a session");
}

int store_session_prune(struct store *s, long long now, long long idle)
{
	sqlite3_stmt *st = stmt(s, S_SESSION_PRUNE);

	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, idle);
	return run(s, st, "pruning sessions");
}

void response_info_release(struct response_info *r)
{
	if (!r)
		return;
	free(r->form);
	free(r->event);
	free(r->event_title);
	memset(r, 0, sizeof(*r));
}

void responses_free(struct response_info *v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		response_info_release(&v[i]);
	free(v);
}

static void response_from_row(sqlite3_stmt *st, struct response_info *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->form = col_dup(st, 1);
	r->event = col_dup(st, 2);
	r->event_title = col_dup(st, 3);
	r->submitted = sqlite3_column_int64(st, 4);
	r->spam = sqlite3_column_int(st, 5);
}

static void bind_filter(sqlite3_stmt *st, const struct response_filter *f)
{
	bind_text(st, 1, f->form);
	bind_text(st, 2, f->event);
	bind_text(st, 3, f->from);
	bind_text(st, 4, f->to);
}

int store_response_list(struct store *s, const struct response_filter *f,
			long limit, long offset, struct response_info **out,
			size_t *n)
{
	sqlite3_stmt *st = stmt(s, S_RESPONSE_LIST);
	struct response_info *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	bind_filter(st, f);
	sqlite3_bind_int64(st, 5, limit);
	sqlite3_bind_int64(st, 6, offset);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(v, len + 1, cap);
		response_from_row(st, &v[len++]);
	}
	sqlite3_reset(st);
	*out = NULL;
	*n = 0;
	if (rc != SQLITE_DONE) {
		responses_free(v, len);
		return db_error(s, "listing responses");
	}
	*out = v;
	*n = len;
	return 0;
}

long store_response_count(struct store *s, const struct response_filter *f)
{
	sqlite3_stmt *st = stmt(s, S_RESPONSE_COUNT);

	bind_filter(st, f);
	return (long)count_of(s, st, "counting responses");
}

int store_response_get(struct store *s, long long id,
		       struct response_info *out)
{
	sqlite3_stmt *st = stmt(s, S_RESPONSE_GET);
	int rc, ret = 0;

	memset(out, 0, sizeof(*out));
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		response_from_row(st, out);
		ret = 1;
	} else if (rc != SQLITE_DONE) {
		ret = db_error(s, "reading a response");
	}
	sqlite3_reset(st);
	return ret;
}

int store_response_delete(struct store *s, long long id)
{
	sqlite3_stmt *st;

	if (begin(s) < 0)
		return -1;
	st = stmt(s, S_RESPONSE_DELETE);
	sqlite3_bind_int64(st, 1, id);
	if (run(s, st, "deleting a response") < 0)
		goto fail;
	if (sqlite3_changes(s->db) == 0) {
		error("no response %lld", id);
		goto fail;
	}
	return commit(s);
fail:
	rollback(s);
	return -1;
}

long store_count_since(struct store *s, const char *form, const char *event,
		       long long since)
{
	sqlite3_stmt *st = stmt(s, S_COUNT_SINCE);

	bind_text(st, 1, form);
	bind_text(st, 2, event);
	sqlite3_bind_int64(st, 3, since);
	return (long)count_of(s, st, "counting responses");
}
