/*
 * signin.c - the table signin_failure: failed sign-ins of known accounts
 * per client (a keyed hash of its address), for the sign-in throttle in
 * admin/admin-auth.c. A name that is no account never gets a row.
 */
#include "store-int.h"

#include <string.h>

#include "util.h"

int store_signin_get(struct store *s, const char *name,
		     const unsigned char *client, size_t clen, long long now,
		     struct signin_state *out)
{
	sqlite3_stmt *st = db_stmt(s, S_SIGNIN_GET);
	int rc, ret = 0;

	memset(out, 0, sizeof(*out));
	db_bind_text(st, 1, name);
	sqlite3_bind_blob(st, 2, client, (int)clen, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, now);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->failures = sqlite3_column_int64(st, 0);
		out->last = sqlite3_column_int64(st, 1);
		out->account_recent = sqlite3_column_int64(st, 2);
		out->account_hour = sqlite3_column_int64(st, 3);
	} else {
		ret = db_error(s, "reading sign-in failures");
	}
	sqlite3_reset(st);
	return ret;
}

int store_signin_failed(struct store *s, const char *name,
			const unsigned char *client, size_t clen,
			long long now)
{
	sqlite3_stmt *st = db_stmt(s, S_SIGNIN_PRUNE);
	long long n;

	sqlite3_bind_int64(st, 1, now);
	if (db_write(s, st, "pruning sign-in failures") < 0)
		return -1;
	st = db_stmt(s, S_SIGNIN_FAILED);
	db_bind_text(st, 1, name);
	sqlite3_bind_blob(st, 2, client, (int)clen, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, now);
	n = db_write(s, st, "counting a failed sign-in");
	return n < 0 ? -1 : 0;
}

int store_signin_succeeded(struct store *s, const char *name,
			   const unsigned char *client, size_t clen)
{
	sqlite3_stmt *st = db_stmt(s, S_SIGNIN_SUCCEEDED);

	db_bind_text(st, 1, name);
	sqlite3_bind_blob(st, 2, client, (int)clen, SQLITE_STATIC);
	return db_write(s, st, "clearing sign-in failures") < 0 ? -1 : 0;
}

long store_signin_unlock(struct store *s, const char *name)
{
	sqlite3_stmt *st = db_stmt(s, S_SIGNIN_UNLOCK);

	db_bind_text(st, 1, name);
	return (long)db_write(s, st, "clearing sign-in failures");
}
