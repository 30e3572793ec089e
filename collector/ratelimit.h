/*
 * ratelimit.h - per-client token buckets for submissions, in memory only.
 * Clients are told apart by a keyed hash of their address; the key is
 * random and replaced every day, so nothing links a client across days
 * and no address is kept.
 */
#ifndef SIGSURVEY_RATELIMIT_H
#define SIGSURVEY_RATELIMIT_H

#include <stddef.h>

struct ratelimit;

/* per_minute submissions per minute, bursts up to that; 0 disables. */
struct ratelimit *ratelimit_new(unsigned per_minute);
void ratelimit_free(struct ratelimit *rl);      /* accepts NULL */

/*
 * Takes one token for the client with address addr at time now
 * (seconds, monotonic or wall). Returns 1 when allowed, 0 when over the
 * limit. Thread-safe.
 */
int ratelimit_take(struct ratelimit *rl, const unsigned char *addr,
		   size_t addrlen, double now);

#endif
