/*
 * token.c - signed form tokens with an HMAC-SHA-512-256 (sec_auth; see
 * token.h).
 * Payload: "1\nFORM\nEVENT\nSERVED\nNONCE" (EVENT empty for standing forms).
 */
#include "token.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "crypto.h"
#include "util.h"

#define NONCE_BYTES 16

_Static_assert(TOKEN_KEY_BYTES == SEC_AUTH_KEY_BYTES, "token key");

static void add_b64(struct buf *b, const unsigned char *bin, size_t len)
{
	size_t n = sec_base64url_len(len) + 1;
	char *tmp = xmalloc(n);

	sec_base64url(tmp, n, bin, len);
	buf_adds(b, tmp);
	free(tmp);
}

/*
 * A fresh 16-byte nonce: a keyed BLAKE2b of a per-thread counter under a
 * per-thread random key, which is unpredictable and never repeats, without
 * a getrandom() call for every page served.
 */
static void make_nonce(unsigned char out[NONCE_BYTES])
{
	static __thread unsigned char key[SEC_HASH_KEY_BYTES];
	static __thread unsigned long long counter;
	static __thread int seeded;

	if (!seeded) {
		sec_random(key, sizeof(key));
		seeded = 1;
	}
	counter++;
	sec_hash(out, NONCE_BYTES, &counter, sizeof(counter), key, sizeof(key));
}

char *token_make(const unsigned char key[TOKEN_KEY_BYTES], const char *form,
		 const char *event, long long now)
{
	struct buf payload = BUF_INIT, tok = BUF_INIT;
	unsigned char nonce[NONCE_BYTES], mac[SEC_AUTH_BYTES];

	make_nonce(nonce);
	buf_addf(&payload, "1\n%s\n%s\n%lld\n", form, event ? event : "", now);
	add_b64(&payload, nonce, sizeof(nonce));
	sec_auth(mac, payload.s, payload.len, key);
	add_b64(&tok, (const unsigned char *)payload.s, payload.len);
	buf_addc(&tok, '.');
	add_b64(&tok, mac, sizeof(mac));
	buf_release(&payload);
	return buf_detach(&tok, NULL);
}

enum token_status token_check(const unsigned char key[TOKEN_KEY_BYTES],
			      const char *tok, size_t len, const char *form,
			      const char *event, long long now,
			      long long *served)
{
	unsigned char payload[512], mac[SEC_AUTH_BYTES];
	size_t plen = 0, mlen = 0;
	const char *dot = memchr(tok, '.', len);
	struct buf want = BUF_INIT;
	char *p, *end;
	long long t;
	enum token_status ret = TOKEN_BAD;

	*served = 0;
	/*
	 * The decoder is strict (every byte in the base64url alphabet, no
	 * padding, zero unused bits), so that a token has one spelling and
	 * the store's one-response-per-token check cannot be passed twice
	 * by respelling it (libsodium 1.0.18 alone reads 0x80 up as '_').
	 */
	if (!dot || len > 1024 ||
	    sec_base64url_decode(payload, sizeof(payload) - 1, tok,
				 (size_t)(dot - tok), &plen) ||
	    sec_base64url_decode(mac, sizeof(mac), dot + 1,
				 len - (size_t)(dot - tok) - 1, &mlen) ||
	    mlen != sizeof(mac) || !sec_auth_verify(mac, payload, plen, key))
		return TOKEN_BAD;
	payload[plen] = '\0';
	if (strlen((char *)payload) != plen)
		return TOKEN_BAD;
	buf_addf(&want, "1\n%s\n%s\n", form, event ? event : "");
	if (plen <= want.len || memcmp(payload, want.s, want.len))
		goto out;
	p = (char *)payload + want.len;
	t = strtoll(p, &end, 10);
	if (end == p || *end != '\n')
		goto out;
	*served = t;
	ret = now - t > TOKEN_MAX_AGE || t > now + 300 ? TOKEN_EXPIRED
						       : TOKEN_OK;
out:
	buf_release(&want);
	return ret;
}
