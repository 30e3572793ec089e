/*
 * forms.c - the table form_version: each distinct form definition, stored
 * once by its canonical hash, that responses point at.
 */
#include "store-int.h"

#include <stdlib.h>
#include <time.h>

#include "util.h"

int store_put_form(struct store *s, const struct form *f, long long *version)
{
	sqlite3_stmt *st;
	long long id;

	if (db_begin(s) < 0)
		return -1;
	st = db_stmt(s, S_FORM_PUT);
	db_bind_text(st, 1, f->key);
	db_bind_text(st, 2, f->hash);
	db_bind_text(st, 3, f->canonical ? f->canonical : "");
	sqlite3_bind_int64(st, 4, (long long)time(NULL));
	sqlite3_bind_int(st, 5, !!f->board);
	if (db_run(s, st, "recording the form version") < 0)
		goto fail;
	st = db_stmt(s, S_FORM_ID);
	db_bind_text(st, 1, f->hash);
	id = db_count(s, st, "reading the form version");
	if (id < 0 || db_commit(s) < 0)
		goto fail;
	*version = id;
	return 0;
fail:
	db_rollback(s);
	return -1;
}

char *store_latest_form(struct store *s, const char *key)
{
	sqlite3_stmt *st = db_stmt(s, S_FORM_LATEST);
	char *def = NULL;
	int rc;

	db_bind_text(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		def = db_col_dup(st, 0);
	else if (rc != SQLITE_DONE)
		db_error(s, "reading the form version");
	sqlite3_reset(st);
	return def;
}

int store_form_versions(struct store *s, const char *key, char ***out,
			size_t *n)
{
	sqlite3_stmt *st = db_stmt(s, S_FORM_VERSIONS);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	db_bind_text(st, 1, key);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(*out, *n + 1, cap);
		(*out)[(*n)++] = db_col_dup(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		store_strings_free(*out, *n);
		*out = NULL;
		*n = 0;
		return db_error(s, "reading the form versions");
	}
	return 0;
}

void store_strings_free(char **v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

long store_count_key(struct store *s, const char *form, const char *key,
		     const char *code)
{
	sqlite3_stmt *st = db_stmt(s, S_COUNT_KEY);

	db_bind_text(st, 1, form);
	db_bind_text(st, 2, key);
	db_bind_text(st, 3, code);
	return (long)db_count(s, st, "counting answers");
}

struct form *store_form_history(struct store *s, const struct form *f)
{
	char **defs = NULL;
	size_t n = 0;
	struct form *h;

	if (store_form_versions(s, f->key, &defs, &n) < 0)
		return NULL;
	h = form_with_retired(f, (const char *const *)defs, n);
	if (!h)
		error("form %s: cannot copy its model", f->key);
	store_strings_free(defs, n);
	return h;
}
