/*
 * query.c - running the prepared statements: binding, reading columns,
 * transactions, and turning rows into structs (one loop for every list).
 */
#include "store-int.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

int db_error(struct store *s, const char *what)
{
	return error("database %s: %s: %s", s->path, what,
		     sqlite3_errmsg(s->db));
}

sqlite3_stmt *db_stmt(struct store *s, enum stmt id)
{
	sqlite3_stmt *st = s->st[id];

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

void db_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

void db_bind_int_or_null(sqlite3_stmt *st, int i, long long v,
			 long long none)
{
	if (v == none)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, v);
}

char *db_col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? xstrdup((const char *)t) : NULL;
}

long long db_col_int_or(sqlite3_stmt *st, int i, long long none)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return none;
	return sqlite3_column_int64(st, i);
}

int db_run(struct store *s, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_error(s, what);
	return 0;
}

long long db_count(struct store *s, sqlite3_stmt *st, const char *what)
{
	long long n = -1;

	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	else
		db_error(s, what);
	sqlite3_reset(st);
	return n;
}

int db_begin(struct store *s)
{
	return db_run(s, db_stmt(s, S_BEGIN), "begin");
}

void db_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_step(db_stmt(s, S_ROLLBACK));
	sqlite3_reset(s->st[S_ROLLBACK]);
}

int db_commit(struct store *s)
{
	if (db_run(s, db_stmt(s, S_COMMIT), "commit") < 0) {
		db_rollback(s);
		return -1;
	}
	return 0;
}

/* db_write(), and db_add() when may_exist is 1. */
static long long write_one(struct store *s, sqlite3_stmt *st,
			   const char *what, int may_exist)
{
	long long changed = -1;
	int rc;

	if (db_begin(s) < 0)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_CONSTRAINT_UNIQUE && may_exist)
		changed = DB_EXISTS;
	else if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		db_error(s, what);
	else
		changed = sqlite3_changes(s->db);
	if (changed <= 0) {              /* nothing to keep */
		db_rollback(s);
		return changed;
	}
	return db_commit(s) < 0 ? -1 : changed;
}

long long db_write(struct store *s, sqlite3_stmt *st, const char *what)
{
	return write_one(s, st, what, 0);
}

long long db_add(struct store *s, sqlite3_stmt *st, const char *what)
{
	return write_one(s, st, what, 1);
}

int db_get(struct store *s, sqlite3_stmt *st, const struct db_rows *k,
	   void *out)
{
	int rc, ret = 0;

	memset(out, 0, k->size);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		k->fill(st, out);
		ret = 1;
	} else if (rc != SQLITE_DONE) {
		ret = error("database %s: reading %s: %s", s->path, k->one,
			    sqlite3_errmsg(s->db));
	}
	sqlite3_reset(st);
	return ret;
}

int db_collect(struct store *s, sqlite3_stmt *st, const struct db_rows *k,
	       void **out, size_t *n)
{
	unsigned char *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(v, (len + 1) * k->size, cap);
		memset(v + len * k->size, 0, k->size);
		k->fill(st, v + len * k->size);
		len++;
	}
	sqlite3_reset(st);
	*out = NULL;
	*n = 0;
	if (rc != SQLITE_DONE) {
		for (size_t i = 0; i < len; i++)
			k->release(v + i * k->size);
		free(v);
		return error("database %s: listing %s: %s", s->path,
			     k->many, sqlite3_errmsg(s->db));
	}
	*out = v;
	*n = len;
	return 0;
}

void db_json_strings(struct buf *b, const char *const *v, size_t n)
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
