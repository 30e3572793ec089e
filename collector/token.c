/*
 * token.c - signed form tokens with libsodium's crypto_auth (see token.h).
 * Payload: "1\nFORM\nEVENT\nSERVED\nNONCE" (EVENT empty for standing forms).
 */
#include "token.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "buf.h"
#include "util.h"

#define NONCE_BYTES 16

static void add_b64(struct buf *b, const unsigned char *bin, size_t len)
{
	const int v = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
	size_t n = sodium_base64_encoded_len(len, v);
	char *tmp = xmalloc(n);

	sodium_bin2base64(tmp, n, bin, len, v);
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
	static __thread unsigned char key[crypto_generichash_KEYBYTES];
	static __thread unsigned long long counter;
	static __thread int seeded;

	if (!seeded) {
		randombytes_buf(key, sizeof(key));
		seeded = 1;
	}
	counter++;
	crypto_generichash(out, NONCE_BYTES, (const unsigned char *)&counter,
			   sizeof(counter), key, sizeof(key));
}

char *token_make(const unsigned char key[TOKEN_KEY_BYTES], const char *form,
		 const char *event, long long now)
{
	struct buf payload = BUF_INIT, tok = BUF_INIT;
	unsigned char nonce[NONCE_BYTES], mac[crypto_auth_BYTES];

	make_nonce(nonce);
	buf_addf(&payload, "1\n%s\n%s\n%lld\n", form, event ? event : "", now);
	add_b64(&payload, nonce, sizeof(nonce));
	crypto_auth(mac, (const unsigned char *)payload.s, payload.len, key);
	add_b64(&tok, (const unsigned char *)payload.s, payload.len);
	buf_addc(&tok, '.');
	add_b64(&tok, mac, sizeof(mac));
	buf_release(&payload);
	return buf_detach(&tok, NULL);
}

/*
 * 1 when s[0..len) is all base64url letters. Checked before decoding
 * because libsodium 1.0.18's decoder reads every byte from 0x80 up as
 * '_', so that one token would have many spellings (and pass the store's
 * one-response-per-token check once per spelling).
 */
static int b64url_only(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '-' ||
		      s[i] == '_'))
			return 0;
	return 1;
}

enum token_status token_check(const unsigned char key[TOKEN_KEY_BYTES],
			      const char *tok, size_t len, const char *form,
			      const char *event, long long now,
			      long long *served)
{
	const int v = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
	unsigned char payload[512], mac[crypto_auth_BYTES];
	size_t plen = 0, mlen = 0;
	const char *dot = memchr(tok, '.', len);
	struct buf want = BUF_INIT;
	char *p, *end;
	long long t;
	enum token_status ret = TOKEN_BAD;

	*served = 0;
	if (!dot || len > 1024 || !b64url_only(tok, (size_t)(dot - tok)) ||
	    !b64url_only(dot + 1, len - (size_t)(dot - tok) - 1))
		return TOKEN_BAD;
	if (sodium_base642bin(payload, sizeof(payload) - 1, tok,
			      (size_t)(dot - tok), NULL, &plen, NULL, v) ||
	    sodium_base642bin(mac, sizeof(mac), dot + 1,
			      len - (size_t)(dot - tok) - 1, NULL, &mlen,
			      NULL, v) ||
	    mlen != sizeof(mac) ||
	    crypto_auth_verify(mac, payload, plen, key))
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
