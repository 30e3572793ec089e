/*
 * token.c - signed form tokens (see token.h). Version 2, made now:
 * base64url of 57 bytes, TAG (2) SERVED (8, little-endian) NONCE (16)
 * MAC (32), the MAC a keyed BLAKE2b (sec_hash) of the first 25 bytes,
 * FORM, a NUL and EVENT (empty for standing forms). Version 1, still
 * checked: base64url("1\nFORM\nEVENT\nSERVED\nNONCE") "." base64url of
 * its HMAC-SHA-512-256 (sec_auth).
 */
#include "token.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "crypto.h"
#include "util.h"

#define NONCE_BYTES 16
#define V2_TAG 2                        /* first byte of a version 2 token */
#define MAC_AT (1 + 8 + NONCE_BYTES)    /* tag, served time, nonce */
#define V2_MAC 32                       /* BLAKE2b-256 */
#define V2_BYTES (MAC_AT + V2_MAC)
#define V2_CHARS 76                     /* sec_base64url_len(V2_BYTES) */

_Static_assert(TOKEN_KEY_BYTES == SEC_AUTH_KEY_BYTES, "token key");
_Static_assert(V2_BYTES % 3 == 0 && V2_CHARS == V2_BYTES / 3 * 4,
	       "version 2 token text");

/*
 * A fresh 16-byte nonce: 8 random bytes drawn once per thread, then a
 * per-thread counter, so that it never repeats without a getrandom() or
 * a hash for every page served. It need not be secret: the MAC is what
 * makes a token unforgeable; the nonce only makes each one unique. The
 * counter is written most significant byte first, so that one thread's
 * tokens of one second differ only near their end: the stored tokens'
 * UNIQUE index then takes a commit's tokens on a few neighbouring pages
 * instead of one page each (measured: WAL bytes per response, below).
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
	for (size_t i = 0; i < sizeof(counter); i++)   /* big-endian */
		out[NONCE_BYTES - 1 - i] = (unsigned char)(counter >> (8 * i));
}

/*
 * The version 2 MAC key for key, derived once per thread (and again when
 * the key is another): BLAKE2b of a label under the token key, so that
 * the token MAC never shares a key with the other MACs made under it
 * (token_confirmation(), certificate grants).
 */
static const unsigned char *thread_mac_key(
	const unsigned char key[TOKEN_KEY_BYTES])
{
	static const char label[] = "sigsurvey form token 2";
	static __thread unsigned char sub[SEC_HASH_KEY_BYTES];
	static __thread unsigned char have[TOKEN_KEY_BYTES];
	static __thread int ready;

	if (!ready || !sec_equal(have, key, TOKEN_KEY_BYTES)) {
		sec_hash(sub, sizeof(sub), label, sizeof(label) - 1, key,
			 TOKEN_KEY_BYTES);
		memcpy(have, key, TOKEN_KEY_BYTES);
		ready = 1;
	}
	return sub;
}

/* served as 8 bytes, little-endian two's complement, and back. */
static void put_time(unsigned char *p, long long t)
{
	unsigned long long v = (unsigned long long)t;

	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static long long get_time(const unsigned char *p)
{
	unsigned long long v = 0;

	for (int i = 0; i < 8; i++)
		v |= (unsigned long long)p[i] << (8 * i);
	return (long long)v;
}

/*
 * The MAC of a version 2 token: BLAKE2b-256 under the derived key of
 * head[0..MAC_AT) "\0"-separated from FORM and EVENT, which the token
 * does not carry (they are in the page's address).
 */
static void mac_v2(unsigned char mac[V2_MAC],
		   const unsigned char key[TOKEN_KEY_BYTES],
		   const unsigned char head[MAC_AT], const char *form,
		   const char *event)
{
	size_t fl = strlen(form), el = event ? strlen(event) : 0;
	size_t n = MAC_AT + fl + 1 + el;
	unsigned char stack[512], *in = stack;

	if (n > sizeof(stack))          /* very long keys only */
		in = xmalloc(n);
	memcpy(in, head, MAC_AT);
	memcpy(in + MAC_AT, form, fl);
	in[MAC_AT + fl] = '\0';
	memcpy(in + MAC_AT + fl + 1, event ? event : "", el);
	sec_hash(mac, V2_MAC, in, n, thread_mac_key(key), SEC_HASH_KEY_BYTES);
	if (in != stack)
		free(in);
}

size_t token_len(const char *form, const char *event)
{
	(void)form;
	(void)event;
	return V2_CHARS;
}

size_t token_write(char *out, size_t cap,
		   const unsigned char key[TOKEN_KEY_BYTES], const char *form,
		   const char *event, long long now)
{
	unsigned char bin[V2_BYTES];

	if (cap <= V2_CHARS)
		return 0;
	bin[0] = V2_TAG;
	put_time(bin + 1, now);
	make_nonce(bin + 9);
	mac_v2(bin + MAC_AT, key, bin, form, event);
	sec_base64url(out, cap, bin, sizeof(bin));
	return V2_CHARS;
}

char *token_make(const unsigned char key[TOKEN_KEY_BYTES], const char *form,
		 const char *event, long long now)
{
	size_t cap = token_len(form, event) + 1;
	char *tok = xmalloc(cap);

	token_write(tok, cap, key, form, event, now);
	return tok;
}

/* OK or EXPIRED for a genuine token served at t, checked at now. */
static enum token_status age(long long t, long long now)
{
	return now - t > TOKEN_MAX_AGE || t > now + 300 ? TOKEN_EXPIRED
							: TOKEN_OK;
}

/*
 * Checks a version 1 token, "base64url(PAYLOAD).base64url(HMAC)", as
 * made before version 2: pages served before an upgrade are still sent
 * for up to TOKEN_MAX_AGE.
 */
static enum token_status check_v1(const unsigned char key[TOKEN_KEY_BYTES],
				  const char *tok, size_t len,
				  const char *dot, const char *form,
				  const char *event, long long now,
				  long long *served)
{
	unsigned char payload[512], mac[SEC_AUTH_BYTES];
	size_t plen = 0, mlen = 0;
	struct buf want = BUF_INIT;
	char *p, *end;
	long long t;
	enum token_status ret = TOKEN_BAD;

	if (len > 1024 ||
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
	ret = age(t, now);
out:
	buf_release(&want);
	return ret;
}

enum token_status token_check(const unsigned char key[TOKEN_KEY_BYTES],
			      const char *tok, size_t len, const char *form,
			      const char *event, long long now,
			      long long *served)
{
	unsigned char bin[V2_BYTES], mac[V2_MAC];
	const char *dot = memchr(tok, '.', len);
	size_t n = 0;

	*served = 0;
	/*
	 * The decoder is strict (every byte in the base64url alphabet, no
	 * padding, zero unused bits), so that a token has one spelling and
	 * the store's one-response-per-token check cannot be passed twice
	 * by respelling it (libsodium 1.0.18 alone reads 0x80 up as '_').
	 */
	if (dot)
		return check_v1(key, tok, len, dot, form, event, now, served);
	if (len != V2_CHARS ||
	    sec_base64url_decode(bin, sizeof(bin), tok, len, &n) ||
	    n != sizeof(bin) || bin[0] != V2_TAG)
		return TOKEN_BAD;
	mac_v2(mac, key, bin, form, event);
	if (!sec_equal(mac, bin + MAC_AT, V2_MAC))
		return TOKEN_BAD;
	*served = get_time(bin + 1);
	return age(*served, now);
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
