/*
 * invites.c - the table invite: one-time links with which a colleague
 * chooses their own password, for a new account or an existing one.
 */
#include "store-int.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

void invite_release(struct invite *iv)
{
	if (!iv)
		return;
	free(iv->name);
	free(iv->role);
	memset(iv, 0, sizeof(*iv));
}

static void invite_fill(sqlite3_stmt *st, void *out)
{
	struct invite *iv = out;

	iv->name = db_col_dup(st, 0);
	iv->role = db_col_dup(st, 1);
	iv->reset = sqlite3_column_int(st, 2);
	iv->expires = sqlite3_column_int64(st, 3);
}

static void invite_drop(void *one)
{
	invite_release(one);
}

static const struct db_rows invite_rows = {
	sizeof(struct invite), invite_fill, invite_drop, "a link", "links",
};

int store_invite_put(struct store *s, const char *token_hash,
		     const char *name, const char *role, long long now,
		     long long expires)
{
	sqlite3_stmt *st;

	if (db_begin(s) < 0)
		return -1;
	st = db_stmt(s, S_INVITE_PRUNE);
	sqlite3_bind_int64(st, 1, now);
	if (db_run(s, st, "dropping expired links") < 0)
		goto fail;
	st = db_stmt(s, S_INVITE_PUT);
	db_bind_text(st, 1, token_hash);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, role);
	sqlite3_bind_int64(st, 4, now);
	sqlite3_bind_int64(st, 5, expires);
	if (db_run(s, st, "storing a link") < 0)
		goto fail;
	if (sqlite3_changes(s->db) == 0) {
		if (role)
			error("user %s exists", name);
		else
			error("no user %s", name);
		goto fail;
	}
	return db_commit(s);
fail:
	db_rollback(s);
	return -1;
}

int store_invite_get(struct store *s, const char *token_hash, long long now,
		     struct invite *out)
{
	sqlite3_stmt *st = db_stmt(s, S_INVITE_GET);

	db_bind_text(st, 1, token_hash);
	sqlite3_bind_int64(st, 2, now);
	return db_get(s, st, &invite_rows, out);
}

/* Within the transaction: the account of iv made, or its password set. */
static int apply(struct store *s, const struct invite *iv, long long now,
		 const char *hash)
{
	sqlite3_stmt *st;

	if (!iv->reset) {
		st = db_stmt(s, S_USER_ADD);
		db_bind_text(st, 1, iv->name);
		db_bind_text(st, 2, iv->role);
		db_bind_text(st, 3, hash);
		sqlite3_bind_int64(st, 4, now);
		return db_run(s, st, "adding a user");
	}
	st = db_stmt(s, S_USER_SET_HASH);
	db_bind_text(st, 1, iv->name);
	db_bind_text(st, 2, hash);
	if (db_run(s, st, "changing a password") < 0)
		return -1;
	st = db_stmt(s, S_USER_END_SESSIONS);
	db_bind_text(st, 1, iv->name);
	return db_run(s, st, "ending sessions");
}

int store_invite_use(struct store *s, const char *token_hash, long long now,
		     const char *hash, struct invite *out)
{
	struct user u = { 0 };
	sqlite3_stmt *st;
	int found, taken = 0;

	memset(out, 0, sizeof(*out));
	if (db_begin(s) < 0)
		return -1;
	found = store_invite_get(s, token_hash, now, out);
	if (found == 1 && !out->reset)
		taken = store_user_get(s, out->name, &u);
	user_release(&u);
	if (found < 0 || taken < 0)
		goto fail;
	if (!found || taken) {
		db_rollback(s);
		return 0;
	}
	if (apply(s, out, now, hash) < 0)
		goto fail;
	st = db_stmt(s, S_INVITE_DELETE);
	db_bind_text(st, 1, token_hash);
	if (db_run(s, st, "using a link") < 0)
		goto fail;
	return db_commit(s) < 0 ? -1 : 1;
fail:
	db_rollback(s);
	return -1;
}
