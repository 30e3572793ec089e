/*
 * cache.c - the rendered-page cache (see cache.h).
 */
#include "cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define SLOTS 32

struct slot {
	char *key;
	char *page;
	size_t len, mark;
};

struct render_cache {
	pthread_mutex_t lock;
	struct slot slot[SLOTS];
	unsigned next;
};

struct render_cache *cache_new(void)
{
	struct render_cache *c = xcalloc(1, sizeof(*c));

	pthread_mutex_init(&c->lock, NULL);
	return c;
}

void cache_free(struct render_cache *c)
{
	if (!c)
		return;
	for (unsigned i = 0; i < SLOTS; i++) {
		free(c->slot[i].key);
		free(c->slot[i].page);
	}
	pthread_mutex_destroy(&c->lock);
	free(c);
}

int cache_get(struct render_cache *c, const char *key, const char *insert,
	      struct buf *out)
{
	size_t ilen = insert ? strlen(insert) : 0;
	int hit = 0;

	pthread_mutex_lock(&c->lock);
	for (unsigned i = 0; i < SLOTS && !hit; i++) {
		const struct slot *s = &c->slot[i];

		if (!s->key || strcmp(s->key, key))
			continue;
		buf_grow(out, s->len + ilen);
		buf_add(out, s->page, s->mark);
		buf_add(out, insert, ilen);
		buf_add(out, s->page + s->mark, s->len - s->mark);
		hit = 1;
	}
	pthread_mutex_unlock(&c->lock);
	return hit;
}

void cache_clear(struct render_cache *c)
{
	pthread_mutex_lock(&c->lock);
	for (unsigned i = 0; i < SLOTS; i++) {
		free(c->slot[i].key);
		free(c->slot[i].page);
		memset(&c->slot[i], 0, sizeof(c->slot[i]));
	}
	pthread_mutex_unlock(&c->lock);
}

void cache_put(struct render_cache *c, const char *key, const char *page,
	       size_t len, size_t mark)
{
	struct slot *s;

	pthread_mutex_lock(&c->lock);
	s = &c->slot[c->next++ % SLOTS];
	free(s->key);
	free(s->page);
	s->key = xstrdup(key);
	s->page = xmalloc(len + 1);
	memcpy(s->page, page, len);
	s->page[len] = '\0';
	s->len = len;
	s->mark = mark;
	pthread_mutex_unlock(&c->lock);
}
