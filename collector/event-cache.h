/*
 * event-cache.h - the events a worker thread has looked up, kept so that
 * a page view reads no table. Each worker thread has its own cache beside
 * its read connection (no lock). Before answering, the cache asks that
 * connection for PRAGMA data_version, which changes when any other
 * connection - the admin area's, the writer's, `sigsurvey event`, a
 * sqlite3 shell - has committed since it last asked; then it forgets
 * everything. So an edit is seen by the next request, and a page view
 * while nothing is written costs one pragma (no table, no SQL parsing).
 * While submissions are being committed, events are read again after
 * each commit, as they were before there was a cache.
 */
#ifndef SIGSURVEY_EVENT_CACHE_H
#define SIGSURVEY_EVENT_CACHE_H

#include "store.h"

struct event_cache;

struct event_cache *evcache_new(void);
void evcache_free(struct event_cache *ec);      /* accepts NULL */

/*
 * The event with key as db (the calling thread's read connection, always
 * the same one for ec) has it: 1 and a copy in *out that the caller
 * releases with event_release(); 0 when there is no such event; -1 when
 * the database cannot be read (logged). out->responses is -1.
 */
int evcache_find(struct event_cache *ec, struct store *db, const char *key,
		 struct event *out);

#endif
