/*
 * event-cache.h - the events a worker thread has looked up (and whether
 * they offer certificates), kept so that a page view reads no table. Each
 * worker thread has its own cache beside its read connection (no lock).
 * Before answering, the cache asks store_changes(), which moves at once
 * when any connection of this process has committed (the admin area's;
 * not the writer's, which stores submissions only) and within 10 ms when another process has (`sigsurvey
 * event`, a sqlite3 shell); then it forgets everything. So an edit in
 * the admin area is seen by the next request, and a page view while
 * nothing is written reads no table and, mostly, starts no transaction.
 * While submissions are being committed, events are read again after
 * each commit, as they were before there was a cache.
 */
#ifndef SIGSURVEY_EVENT_CACHE_H
#define SIGSURVEY_EVENT_CACHE_H

#include "store-commit.h"

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
/*
 * The contact minutes a certificate of the event with key is for
 * (store_event_certificate_minutes(), kept with the event): 0 when it
 * offers none or there is no such event, -1 on a read error (logged).
 */
long evcache_certificate_minutes(struct event_cache *ec, struct store *db,
				 const char *key);

#endif
