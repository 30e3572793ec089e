/*
 * open.c - opening the database: file modes, pragmas, migrations from the
 * embedded schema_files[], preparing the statement table; closing, and
 * the online backup.
 */
#include "store-int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "embedded.h"
#include "util.h"

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

int db_create_private(const char *path, int excl)
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
	else if (db_create_private(path, 0) < 0)
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
		if (exec(s, "PRAGMA journal_mode = WAL", "journal mode") < 0 ||
		    migrate(s, target) < 0)
			return -1;
		sqlite3_wal_hook(s->db, db_wal_committed, s);
		/*
		 * The tally's triggers (schema/011) are for changes made
		 * with other tools: the store keeps the tally itself, and
		 * a trigger per answer inserted would cost every response.
		 */
		if (sqlite3_db_config(s->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0,
				      NULL) != SQLITE_OK)
			return db_error(s, "configure");
		return 0;
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
		if (sqlite3_prepare_v3(s->db, db_sql[i], -1,
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
	return (int)db_count(s, db_stmt(s, S_USER_VERSION),
			     "reading the schema version");
}

long long store_data_version(struct store *s)
{
	return db_count(s, db_stmt(s, S_DATA_VERSION), "reading the data version");
}

int store_backup(struct store *s, const char *path)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	int rc, ret = -1;

	if (db_create_private(path, 1) < 0)
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

