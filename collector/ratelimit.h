/*
 * ratelimit.h - token buckets in memory only, for what is cheap for an
 * attacker and useless to a person: form pages handed out (each mints a
 * form token) and invalid or repeated submissions. A valid, fresh form
 * token is never limited: it was minted under the first limit and is
 * good for one response. Clients are told apart by a keyed hash of what
 * they are counted by; the key is random and replaced every day, so
 * nothing links a client across days and no address is kept.
 */
#ifndef SIGSURVEY_RATELIMIT_H
#define SIGSURVEY_RATELIMIT_H

#include <stddef.h>

struct ratelimit;

/* An empty table; enabled 0 makes every take succeed. */
struct ratelimit *ratelimit_new(int enabled);
void ratelimit_free(struct ratelimit *rl);      /* accepts NULL */

/*
 * Takes one token from the bucket of id (idlen bytes: an address, maybe
 * with a form and event) at time now (seconds, monotonic or wall). A
 * bucket holds up to burst tokens and refills per_minute a minute; a new
 * one starts full. Returns 1 when allowed, 0 when over the limit.
 * Thread-safe.
 */
int ratelimit_take(struct ratelimit *rl, const void *id, size_t idlen,
		   double burst, double per_minute, double now);

/*
 * The address a request is counted by into out (16 bytes), returning its
 * length: the peer's (peerlen bytes), or, when the peer is the trusted
 * proxy (proxylen bytes; 0: none), the last address of xff (the
 * X-Forwarded-For header that proxy appended to; may be NULL). A header
 * that does not end in an address leaves the peer's.
 */
size_t ratelimit_client(const unsigned char *peer, size_t peerlen,
			const unsigned char *proxy, size_t proxylen,
			const char *xff, unsigned char out[16]);

#endif
