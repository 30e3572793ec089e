/*
 * event-cache.c - events kept per worker thread, checked against
 * store_changes() (see event-cache.h).
 */
#include "event-cache.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define ENTRIES 64      /* events (and unknown keys) per thread */

struct entry {
	char *key;              /* NULL: free */
	int found;              /* 0: the key names no event */
	struct event ev;
	long minutes;           /* contact minutes of its certificate, 0: none */
};

struct event_cache {
	long long version;      /* store_changes() the entries were read at */
	struct entry e[ENTRIES];
	unsigned next;          /* round robin replacement */
};

struct event_cache *evcache_new(void)
{
	struct event_cache *ec = xcalloc(1, sizeof(*ec));

	ec->version = -1;
	return ec;
}

static void forget(struct event_cache *ec)
{
	for (unsigned i = 0; i < ENTRIES; i++) {
		struct entry *en = &ec->e[i];

		free(en->key);
		if (en->found)
			event_release(&en->ev);
		memset(en, 0, sizeof(*en));
	}
	ec->next = 0;
}

void evcache_free(struct event_cache *ec)
{
	if (!ec)
		return;
	forget(ec);
	free(ec);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* A deep copy of e into *out. */
static void event_copy(struct event *out, const struct event *e)
{
	*out = *e;
	out->key = dup_or_null(e->key);
	out->form = dup_or_null(e->form);
	out->title = dup_or_null(e->title);
	out->date = dup_or_null(e->date);
	out->location = dup_or_null(e->location);
	out->format = dup_or_null(e->format);
	out->presenter = dup_or_null(e->presenter);
	out->series = dup_or_null(e->series);
}

/* The entry for key, read from db when missing; NULL on a read error. */
static struct entry *lookup(struct event_cache *ec, struct store *db,
			    const char *key)
{
	struct entry *en;
	struct event ev;
	long minutes;
	int found;

	for (unsigned i = 0; i < ENTRIES; i++)
		if (ec->e[i].key && !strcmp(ec->e[i].key, key))
			return &ec->e[i];
	found = store_event_find(db, key, &ev);
	if (found < 0)
		return NULL;
	minutes = found == 1 ? store_event_certificate_minutes(db, key) : 0;
	if (minutes < 0) {
		event_release(&ev);
		return NULL;
	}
	en = &ec->e[ec->next++ % ENTRIES];
	free(en->key);
	if (en->found)
		event_release(&en->ev);
	en->key = xstrdup(key);
	en->found = found == 1;
	en->minutes = minutes;
	if (en->found)
		en->ev = ev;
	else
		memset(&en->ev, 0, sizeof(en->ev));
	return en;
}

/* The entry for key, current as of now; NULL on a read error. */
static const struct entry *current(struct event_cache *ec, struct store *db,
				   const char *key)
{
	long long v = store_changes(db);

	if (v < 0)
		return NULL;
	/* the version is read first: a commit after it is seen next time */
	if (v != ec->version) {
		forget(ec);
		ec->version = v;
	}
	return lookup(ec, db, key);
}

int evcache_find(struct event_cache *ec, struct store *db, const char *key,
		 struct event *out)
{
	const struct entry *en = current(ec, db, key);

	memset(out, 0, sizeof(*out));
	if (!en)
		return -1;
	if (!en->found)
		return 0;
	event_copy(out, &en->ev);
	return 1;
}

long evcache_certificate_minutes(struct event_cache *ec, struct store *db,
				 const char *key)
{
	const struct entry *en = current(ec, db, key);

	return en ? en->minutes : -1;
}
