/*
 * ratelimit.c - token buckets in a fixed open-addressed table keyed by
 * SipHash of the client address under a key rotated daily.
 */
#include "ratelimit.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "util.h"

#define SLOTS 8192                /* power of two */
#define PROBE 8
#define ROTATE_SECONDS (24 * 60 * 60)

struct bucket {
	uint64_t id;               /* 0 = free */
	double tokens;
	double seen;
};

struct ratelimit {
	pthread_mutex_t lock;
	unsigned per_minute;
	unsigned char key[SEC_SHORT_KEY_BYTES];
	double rotated;            /* when the key was made; < 0: never */
	struct bucket *slot;
};

struct ratelimit *ratelimit_new(unsigned per_minute)
{
	struct ratelimit *rl = xcalloc(1, sizeof(*rl));

	pthread_mutex_init(&rl->lock, NULL);
	rl->per_minute = per_minute;
	rl->rotated = -1;
	rl->slot = xcalloc(SLOTS, sizeof(*rl->slot));
	return rl;
}

void ratelimit_free(struct ratelimit *rl)
{
	if (!rl)
		return;
	pthread_mutex_destroy(&rl->lock);
	sec_wipe(rl->key, sizeof(rl->key));
	free(rl->slot);
	free(rl);
}

/* Refills b to time now and reports whether it is full (reusable). */
static void refill(const struct ratelimit *rl, struct bucket *b, double now)
{
	b->tokens += (now - b->seen) * rl->per_minute / 60.0;
	if (b->tokens > rl->per_minute)
		b->tokens = rl->per_minute;
	b->seen = now;
}

int ratelimit_take(struct ratelimit *rl, const unsigned char *addr,
		   size_t addrlen, double now)
{
	unsigned char h[SEC_SHORT_BYTES];
	struct bucket *b = NULL, *oldest = NULL;
	uint64_t id;
	int ok;

	if (!rl || !rl->per_minute)
		return 1;
	pthread_mutex_lock(&rl->lock);
	if (rl->rotated < 0 || now - rl->rotated >= ROTATE_SECONDS) {
		sec_random(rl->key, sizeof(rl->key));
		memset(rl->slot, 0, SLOTS * sizeof(*rl->slot));
		rl->rotated = now;
	}
	sec_short_hash(h, addr, addrlen, rl->key);
	memcpy(&id, h, sizeof(id));
	id |= 1;                   /* never 0 */
	for (unsigned i = 0; i < PROBE; i++) {
		struct bucket *s = &rl->slot[(id + i) & (SLOTS - 1)];

		if (s->id == id) {
			b = s;
			break;
		}
		if (!oldest || s->id == 0 ||
		    (oldest->id != 0 && s->seen < oldest->seen))
			oldest = s;
	}
	if (!b) {
		/* a new client, or one evicted: starts with a full bucket */
		b = oldest;
		b->id = id;
		b->tokens = rl->per_minute;
		b->seen = now;
	}
	refill(rl, b, now);
	ok = b->tokens >= 1.0;
	if (ok)
		b->tokens -= 1.0;
	pthread_mutex_unlock(&rl->lock);
	return ok;
}
