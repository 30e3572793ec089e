/*
 * secrets.c - the table secret: named random keys (the form-token signing
 * key and the like), made on first use and kept in the database.
 */
#include "store-int.h"

#include <string.h>

#include "crypto.h"
#include "util.h"

int store_secret(struct store *s, const char *name, unsigned char *out,
		 size_t len)
{
	sqlite3_stmt *st;
	int rc;

	if (sec_init() < 0)
		return -1;
	if (db_begin(s) < 0)
		return -1;
	st = db_stmt(s, S_SECRET_GET);
	db_bind_text(st, 1, name);
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
		return db_commit(s);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_error(s, "reading a secret");
		goto fail;
	}
	sec_random(out, len);
	st = db_stmt(s, S_SECRET_ADD);
	db_bind_text(st, 1, name);
	sqlite3_bind_blob(st, 2, out, (int)len, SQLITE_STATIC);
	if (db_run(s, st, "storing a secret") < 0)
		goto fail;
	if (db_commit(s) < 0) {
		sec_wipe(out, len);
		return -1;
	}
	return 0;
fail:
	db_rollback(s);
	sec_wipe(out, len);
	return -1;
}
