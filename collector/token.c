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

/*
 * A fresh 16-byte nonce: 8 random bytes drawn once per thread, then a
 * per-thread counter, so that it never repeats without a getrandom() or
 * a hash for every page served. It need not be secret: the HMAC is what
 * makes a token unforgeable; the nonce only makes each one unique.
 */
static void make_nonce(unsigned char out[NONCE_BYTES])
{
	static __thread unsigned char seed[NONCE_BYTES / 2];
	static __thread unsigned long long counter;
	static __thread int seeded;

	_Static_assert(sizeof(counter) == NONCE_BYTES / 2, "nonce layout");
	if (!seeded) {
		sec_random(seed, sizeof(seed));
		seeded = 1;
	}
	counter++;
	memcpy(out, seed, sizeof(seed));
	memcpy(out + sizeof(seed), &counter, sizeof(counter));
}

/* Digits of now in decimal, with its sign, into out (room for 21). */
static size_t put_decimal(char *out, long long now)
{
	char tmp[24];
	size_t n = 0, o = 0;
	unsigned long long v = now < 0 ? 0ULL - (unsigned long long)now
				       : (unsigned long long)now;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	if (now < 0)
		out[o++] = '-';
	while (n)
		out[o++] = tmp[--n];
	return o;
}

/* Copies s[0..len) to p and returns the end of the copy. */
static char *put(char *p, const char *s, size_t len)
{
	memcpy(p, s, len);
	return p + len;
}

/*
 * The HMAC state for key, made once per thread (and again when the key
 * is another): the two SHA-512 blocks of the key's pads are not hashed
 * again for every token.
 */
static const struct sec_auth_key *thread_auth_key(
	const unsigned char key[TOKEN_KEY_BYTES])
{
	static __thread struct sec_auth_key state;
	static __thread unsigned char have[TOKEN_KEY_BYTES];
	static __thread int ready;

	if (!ready || !sec_equal(have, key, TOKEN_KEY_BYTES)) {
		sec_auth_key_init(&state, key);
		memcpy(have, key, TOKEN_KEY_BYTES);
		ready = 1;
	}
	return &state;
}

#define NONCE_B64 22    /* sec_base64url_len(NONCE_BYTES) */

size_t token_len(const char *form, const char *event)
{
	size_t plen = 2 + strlen(form) + 1 + (event ? strlen(event) : 0) +
		      1 + 20 + 1 + NONCE_B64;

	return sec_base64url_len(plen) + 1 + sec_base64url_len(SEC_AUTH_BYTES);
}

size_t token_write(char *out, size_t cap,
		   const unsigned char key[TOKEN_KEY_BYTES], const char *form,
		   const char *event, long long now)
{
	char stack[512], *payload = stack, *p;
	unsigned char nonce[NONCE_BYTES], mac[SEC_AUTH_BYTES];
	size_t fl = strlen(form), el = event ? strlen(event) : 0, plen, b;
	size_t room = 2 + fl + 1 + el + 1 + 20 + 1 + NONCE_B64 + 1;

	if (cap <= token_len(form, event))
		return 0;
	if (room > sizeof(stack))       /* very long keys only */
		payload = xmalloc(room);
	p = put(payload, "1\n", 2);
	p = put(p, form, fl);
	*p++ = '\n';
	p = put(p, event ? event : "", el);
	*p++ = '\n';
	p += put_decimal(p, now);
	*p++ = '\n';
	make_nonce(nonce);
	sec_base64url(p, NONCE_B64 + 1, nonce, sizeof(nonce));
	plen = (size_t)(p - payload) + NONCE_B64;
	sec_auth_with(mac, payload, plen, thread_auth_key(key));
	sec_base64url(out, cap, payload, plen);
	b = sec_base64url_len(plen);
	out[b++] = '.';
	sec_base64url(out + b, cap - b, mac, sizeof(mac));
	if (payload != stack)
		free(payload);
	return b + sec_base64url_len(sizeof(mac));
}

char *token_make(const unsigned char key[TOKEN_KEY_BYTES], const char *form,
		 const char *event, long long now)
{
	size_t cap = token_len(form, event) + 1;
	char *tok = xmalloc(cap);

	token_write(tok, cap, key, form, event, now);
	return tok;
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

void token_confirmation(const unsigned char key[TOKEN_KEY_BYTES],
			const char *tok, char out[TOKEN_CONFIRM_HEX + 1])
{
	static const char what[] = "sigsurvey confirm\n";
	size_t n = strlen(tok);
	char stack[TOKEN_MAX + sizeof(what)], *in = stack;
	unsigned char mac[TOKEN_CONFIRM_HEX / 2];

	if (n + sizeof(what) > sizeof(stack))
		in = xmalloc(n + sizeof(what));
	memcpy(in, what, sizeof(what) - 1);
	memcpy(in + sizeof(what) - 1, tok, n);
	sec_hash(mac, sizeof(mac), in, sizeof(what) - 1 + n, key,
		 TOKEN_KEY_BYTES);
	sec_hex(out, TOKEN_CONFIRM_HEX + 1, mac, sizeof(mac));
	if (in != stack)
		free(in);
}

int token_confirmed(const unsigned char key[TOKEN_KEY_BYTES],
		    const char *tok, const char *value)
{
	char want[TOKEN_CONFIRM_HEX + 1];

	if (!tok || !value || strlen(value) != TOKEN_CONFIRM_HEX)
		return 0;
	token_confirmation(key, tok, want);
	return sec_equal(want, value, TOKEN_CONFIRM_HEX);
}
