/*
 * certificates.c - the tables event_certificate, certificate and
 * certificate_grant: what an event offers, issuing against a grant,
 * reading, listing and revoking. No statement here touches a response.
 */
#include "store-int.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

void certificate_release(struct certificate *c)
{
	if (!c)
		return;
	free(c->code);
	free(c->event);
	free(c->event_title);
	free(c->event_date);
	free(c->name);
	memset(c, 0, sizeof(*c));
}

void certificates_free(struct certificate *v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		certificate_release(&v[i]);
	free(v);
}

long store_event_certificate_minutes(struct store *s, const char *event)
{
	sqlite3_stmt *st = db_stmt(s, S_CERT_HOURS_GET);
	long ret = 0;
	int rc;

	db_bind_text(st, 1, event);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		ret = (long)sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		ret = db_error(s, "reading an event's certificate");
	sqlite3_reset(st);
	return ret;
}

int store_event_certificate_set(struct store *s, const char *event,
				long minutes)
{
	sqlite3_stmt *st;
	long long n;
	struct event e;
	int found = store_event_find(s, event, &e);

	event_release(&e);
	if (found < 0)
		return -1;
	if (!found)
		return error("no event %s", event);
	st = db_stmt(s, minutes > 0 ? S_CERT_HOURS_SET : S_CERT_HOURS_CLEAR);
	db_bind_text(st, 1, event);
	if (minutes > 0)
		sqlite3_bind_int64(st, 2, minutes);
	n = db_write(s, st, "setting an event's certificate");
	return n < 0 ? -1 : 0;
}

long store_certificate_grant_left(struct store *s, const char *token_hash,
				  long uses, long long now)
{
	sqlite3_stmt *st = db_stmt(s, S_GRANT_LEFT);

	db_bind_text(st, 1, token_hash);
	sqlite3_bind_int64(st, 2, uses);
	sqlite3_bind_int64(st, 3, now);
	return (long)db_count(s, st, "reading a certificate grant");
}

/* Steps a bound statement that returns no rows: changes, or -1. */
static long long step(struct store *s, sqlite3_stmt *st, const char *what)
{
	if (db_run(s, st, what) < 0)
		return -1;
	return sqlite3_changes(s->db);
}

int store_certificate_issue(struct store *s, const char *token_hash,
			    long uses, long long expires, long long now,
			    const struct certificate *c)
{
	sqlite3_stmt *st;
	long long n;
	int ret = -1;

	if (db_begin(s) < 0)
		return -1;
	st = db_stmt(s, S_GRANT_PRUNE);
	sqlite3_bind_int64(st, 1, now);
	if (step(s, st, "pruning certificate grants") < 0)
		goto out;
	st = db_stmt(s, S_GRANT_ADD);
	db_bind_text(st, 1, token_hash);
	sqlite3_bind_int64(st, 2, uses);
	sqlite3_bind_int64(st, 3, expires);
	if (step(s, st, "adding a certificate grant") < 0)
		goto out;
	st = db_stmt(s, S_GRANT_USE);
	db_bind_text(st, 1, token_hash);
	sqlite3_bind_int64(st, 2, now);
	n = step(s, st, "using a certificate grant");
	if (n <= 0) {
		ret = n < 0 ? -1 : 0;
		goto out;
	}
	st = db_stmt(s, S_CERT_ADD);
	db_bind_text(st, 1, c->code);
	db_bind_text(st, 2, c->event);
	db_bind_text(st, 3, c->name);
	sqlite3_bind_int64(st, 4, c->minutes);
	sqlite3_bind_int64(st, 5, now - now % 86400);
	n = step(s, st, "adding a certificate");
	if (n == 0)
		error("no event %s", c->event);
	if (n <= 0)
		goto out;
	return db_commit(s) < 0 ? -1 : 1;
out:
	db_rollback(s);
	return ret;
}

/* Fills a certificate from a row of S_CERT_GET / S_CERT_LIST. */
static void cert_fill(sqlite3_stmt *st, void *out)
{
	struct certificate *c = out;

	c->code = db_col_dup(st, 0);
	c->event = db_col_dup(st, 1);
	c->event_title = db_col_dup(st, 2);
	c->event_date = db_col_dup(st, 3);
	c->name = db_col_dup(st, 4);
	c->minutes = (long)sqlite3_column_int64(st, 5);
	c->issued = sqlite3_column_int64(st, 6);
	c->revoked = db_col_int_or(st, 7, 0);
}

static void cert_drop(void *one)
{
	certificate_release(one);
}

static const struct db_rows cert_rows = {
	sizeof(struct certificate), cert_fill, cert_drop, "a certificate",
	"certificates",
};

int store_certificate_get(struct store *s, const char *code,
			  struct certificate *out)
{
	sqlite3_stmt *st = db_stmt(s, S_CERT_GET);

	db_bind_text(st, 1, code);
	return db_get(s, st, &cert_rows, out);
}

int store_certificate_list(struct store *s, const char *event,
			   struct certificate **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s, S_CERT_LIST);
	void *v = NULL;
	int ret;

	db_bind_text(st, 1, event);
	ret = db_collect(s, st, &cert_rows, &v, n);
	*out = v;
	return ret;
}

int store_certificate_revoke(struct store *s, const char *code,
			     long long now)
{
	sqlite3_stmt *st = db_stmt(s, S_CERT_REVOKE);
	long long n;

	db_bind_text(st, 1, code);
	sqlite3_bind_int64(st, 2, now);
	n = db_write(s, st, "revoking a certificate");
	if (n == 0)
		return error("no certificate %s", code);
	return n < 0 ? -1 : 0;
}
