/*
 * accounts.c - the tables account, setup_token and session: committee
 * accounts, the one-time setup token, and signed-in sessions.
 */
#include "store-int.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crypto.h"
#include "util.h"

void user_release(struct user *u)
{
	if (!u)
		return;
	free(u->name);
	free(u->role);
	if (u->hash)
		sec_wipe(u->hash, strlen(u->hash));
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

static void user_fill(sqlite3_stmt *st, void *out)
{
	struct user *u = out;

	u->name = db_col_dup(st, 0);
	u->role = db_col_dup(st, 1);
	u->hash = db_col_dup(st, 2);
	u->created = sqlite3_column_int64(st, 3);
}

static void user_drop(void *one)
{
	user_release(one);
}

static const struct db_rows user_rows = {
	sizeof(struct user), user_fill, user_drop, "a user", "users",
};

/* The statement S_USER_ADD bound to u. */
static sqlite3_stmt *user_insert(struct store *s, const struct user *u)
{
	sqlite3_stmt *st = db_stmt(s, S_USER_ADD);

	db_bind_text(st, 1, u->name);
	db_bind_text(st, 2, u->role);
	db_bind_text(st, 3, u->hash);
	sqlite3_bind_int64(st, 4, u->created ? u->created
					     : (long long)time(NULL));
	return st;
}

int store_user_add(struct store *s, const struct user *u)
{
	long long n = db_add(s, user_insert(s, u), "adding a user");

	if (n == DB_EXISTS)
		return error("user %s exists", u->name);
	return n < 0 ? -1 : 0;
}

int store_user_get(struct store *s, const char *name, struct user *out)
{
	sqlite3_stmt *st = db_stmt(s, S_USER_GET);

	db_bind_text(st, 1, name);
	return db_get(s, st, &user_rows, out);
}

int store_user_list(struct store *s, struct user **out, size_t *n)
{
	void *v = NULL;
	int ret = db_collect(s, db_stmt(s, S_USER_LIST), &user_rows, &v, n);

	*out = v;
	return ret;
}

int store_user_update(struct store *s, const char *name, const char *role,
		      const char *hash)
{
	sqlite3_stmt *st;
	int found = 0;

	if (db_begin(s) < 0)
		return -1;
	if (role) {
		st = db_stmt(s, S_USER_SET_ROLE);
		db_bind_text(st, 1, name);
		db_bind_text(st, 2, role);
		if (db_run(s, st, "changing a role") < 0)
			goto fail;
		found |= sqlite3_changes(s->db) > 0;
	}
	if (hash) {
		st = db_stmt(s, S_USER_SET_HASH);
		db_bind_text(st, 1, name);
		db_bind_text(st, 2, hash);
		if (db_run(s, st, "changing a password") < 0)
			goto fail;
		found |= sqlite3_changes(s->db) > 0;
		st = db_stmt(s, S_USER_END_SESSIONS);
		db_bind_text(st, 1, name);
		if (db_run(s, st, "ending sessions") < 0)
			goto fail;
	}
	if (!found) {
		error("no user %s", name);
		goto fail;
	}
	return db_commit(s);
fail:
	db_rollback(s);
	return -1;
}

int store_user_remove(struct store *s, const char *name)
{
	sqlite3_stmt *st;

	if (db_begin(s) < 0)
		return -1;
	st = db_stmt(s, S_USER_END_SESSIONS);
	db_bind_text(st, 1, name);
	if (db_run(s, st, "ending sessions") < 0)
		goto fail;
	st = db_stmt(s, S_USER_REMOVE);
	db_bind_text(st, 1, name);
	if (db_run(s, st, "removing a user") < 0)
		goto fail;
	if (sqlite3_changes(s->db) == 0) {
		error("no user %s", name);
		goto fail;
	}
	return db_commit(s);
fail:
	db_rollback(s);
	return -1;
}

long store_user_count(struct store *s, const char *role)
{
	sqlite3_stmt *st = db_stmt(s, S_USER_COUNT);

	db_bind_text(st, 1, role);
	return (long)db_count(s, st, "counting users");
}

int store_setup_put(struct store *s, const char *token_hash, long long now)
{
	sqlite3_stmt *st = db_stmt(s, S_SETUP_PUT);

	db_bind_text(st, 1, token_hash);
	sqlite3_bind_int64(st, 2, now);
	return db_write(s, st, "storing the setup token") < 0 ? -1 : 0;
}

int store_setup_use(struct store *s, const char *token_hash,
		    const struct user *u)
{
	sqlite3_stmt *st;
	long long ok;

	if (db_begin(s) < 0)
		return -1;
	st = db_stmt(s, S_SETUP_CHECK);
	db_bind_text(st, 1, token_hash);
	ok = db_count(s, st, "checking the setup token");
	if (ok < 0)
		goto fail;
	if (ok == 0) {
		db_rollback(s);
		return 0;
	}
	if (db_run(s, user_insert(s, u), "adding a user") < 0)
		goto fail;
	if (db_run(s, db_stmt(s, S_SETUP_CLEAR), "using the setup token") < 0)
		goto fail;
	return db_commit(s) < 0 ? -1 : 1;
fail:
	db_rollback(s);
	return -1;
}

int store_setup_valid(struct store *s, const char *token_hash)
{
	sqlite3_stmt *st = db_stmt(s, S_SETUP_CHECK);
	long long n;

	db_bind_text(st, 1, token_hash);
	n = db_count(s, st, "checking the setup token");
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
	sqlite3_stmt *st = db_stmt(s, S_SESSION_ADD);
	long long n;

	db_bind_text(st, 1, token_hash);
	db_bind_text(st, 2, user);
	db_bind_text(st, 3, csrf);
	sqlite3_bind_int64(st, 4, now);
	sqlite3_bind_int64(st, 5, expires);
	n = db_write(s, st, "starting a session");
	if (n == 0)
		return error("no user %s", user);
	return n < 0 ? -1 : 0;
}

int store_session_get(struct store *s, const char *token_hash, long long now,
		      long long idle, struct session *out)
{
	sqlite3_stmt *st = db_stmt(s, S_SESSION_GET);
	int rc, ret = 0;

	memset(out, 0, sizeof(*out));
	db_bind_text(st, 1, token_hash);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, idle);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->user = db_col_dup(st, 0);
		out->role = db_col_dup(st, 1);
		out->csrf = db_col_dup(st, 2);
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
	sqlite3_stmt *st = db_stmt(s, S_SESSION_TOUCH);

	db_bind_text(st, 1, token_hash);
	sqlite3_bind_int64(st, 2, now);
	return db_run(s, st, "updating a session");
}

int store_session_delete(struct store *s, const char *token_hash)
{
	sqlite3_stmt *st = db_stmt(s, S_SESSION_DELETE);

	db_bind_text(st, 1, token_hash);
	return db_run(s, st, "ending a session");
}

int store_session_prune(struct store *s, long long now, long long idle)
{
	sqlite3_stmt *st = db_stmt(s, S_SESSION_PRUNE);

	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, idle);
	return db_run(s, st, "pruning sessions");
}
