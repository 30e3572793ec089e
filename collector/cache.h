/*
 * cache.h - rendered pages kept for reuse. A form's first page looks the
 * same for every respondent except for its token, so it is rendered once
 * per (form, event details) and served by copying, with the fresh token
 * put in at the remembered offset. Thread-safe; a small fixed number of
 * entries replaced round robin.
 */
#ifndef SIGSURVEY_CACHE_H
#define SIGSURVEY_CACHE_H

#include <stddef.h>

#include "buf.h"

struct render_cache;

struct render_cache *cache_new(void);
void cache_free(struct render_cache *c);        /* accepts NULL */

/*
 * When key is cached, appends its page to out with insert (may be NULL)
 * spliced in at the page's mark, and returns 1; otherwise returns 0.
 */
int cache_get(struct render_cache *c, const char *key, const char *insert,
	      struct buf *out);
/* Keeps a copy of page[0..len) under key; mark is where inserts go. */
void cache_put(struct render_cache *c, const char *key, const char *page,
	       size_t len, size_t mark);
/*
 * Forgets every page (when what pages are made of changes other than
 * through their keys, e.g. the forms are reloaded). Any thread.
 */
void cache_clear(struct render_cache *c);

#endif
