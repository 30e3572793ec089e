/*
 * crypto.c - the program's one libsodium user (see crypto.h): random
 * bytes, MACs, hashes, base64url and hex, wiping, argon2id.
 */
#include "crypto.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "util.h"

_Static_assert(SEC_AUTH_KEY_BYTES == crypto_auth_KEYBYTES, "auth key");
_Static_assert(SEC_AUTH_BYTES == crypto_auth_BYTES, "auth tag");
_Static_assert(SEC_HASH_KEY_BYTES == crypto_generichash_KEYBYTES, "key");
_Static_assert(SEC_HASH_MAX == crypto_generichash_BYTES_MAX, "hash");
_Static_assert(SEC_SHORT_KEY_BYTES == crypto_shorthash_KEYBYTES, "short");
_Static_assert(SEC_SHORT_BYTES == crypto_shorthash_BYTES, "short hash");
_Static_assert(SEC_SHA256_HEX == 2 * crypto_hash_sha256_BYTES, "sha256");
_Static_assert(SEC_PASSWORD_HASH_MAX == crypto_pwhash_STRBYTES, "pwhash");
_Static_assert(crypto_auth_BYTES == crypto_auth_hmacsha512256_BYTES &&
	       crypto_auth_KEYBYTES == crypto_auth_hmacsha512256_KEYBYTES,
	       "crypto_auth is HMAC-SHA-512-256");

/* Argon2id with libsodium's interactive limits: 64 MiB, 2 passes. */
#define OPS crypto_pwhash_OPSLIMIT_INTERACTIVE
#define MEM crypto_pwhash_MEMLIMIT_INTERACTIVE
#define B64 sodium_base64_VARIANT_URLSAFE_NO_PADDING

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int init_status;

static void init_once(void)
{
	init_status = sodium_init() < 0 ? -1 : 0;
}

int sec_init(void)
{
	pthread_once(&once, init_once);
	if (init_status < 0)
		return error("cannot initialise libsodium");
	return 0;
}

/* Starts libsodium before a call that cannot report failure. */
static void ready(void)
{
	if (sec_init() < 0)
		abort();
}

void sec_random(void *out, size_t len)
{
	ready();
	randombytes_buf(out, len);
}

void sec_auth(unsigned char mac[SEC_AUTH_BYTES], const void *msg, size_t len,
	      const unsigned char key[SEC_AUTH_KEY_BYTES])
{
	ready();
	crypto_auth(mac, msg, len, key);
}

int sec_auth_verify(const unsigned char mac[SEC_AUTH_BYTES], const void *msg,
		    size_t len, const unsigned char key[SEC_AUTH_KEY_BYTES])
{
	ready();
	return crypto_auth_verify(mac, msg, len, key) == 0;
}

void sec_hash(unsigned char *out, size_t outlen, const void *in, size_t len,
	      const unsigned char *key, size_t keylen)
{
	ready();
	if (outlen < 1 || outlen > SEC_HASH_MAX || keylen > SEC_HASH_MAX ||
	    (keylen && !key) ||
	    crypto_generichash(out, outlen, in, len, key, keylen) != 0) {
		error("BUG: BLAKE2b of %zu bytes with a %zu-byte key", outlen,
		      keylen);
		abort();
	}
}

void sec_short_hash(unsigned char out[SEC_SHORT_BYTES], const void *in,
		    size_t len, const unsigned char key[SEC_SHORT_KEY_BYTES])
{
	ready();
	crypto_shorthash(out, in, len, key);
}

void sec_sha256_hex(char out[SEC_SHA256_HEX + 1], const void *in, size_t len)
{
	unsigned char h[crypto_hash_sha256_BYTES];

	ready();
	crypto_hash_sha256(h, in, len);
	sodium_bin2hex(out, SEC_SHA256_HEX + 1, h, sizeof(h));
}

size_t sec_base64url_len(size_t len)
{
	return sodium_base64_encoded_len(len, B64) - 1;
}

void sec_base64url(char *out, size_t outsize, const void *bin, size_t len)
{
	/* libsodium aborts itself when out is too small */
	sodium_bin2base64(out, outsize, bin, len, B64);
}

/*
 * 1 when s[0..len) is all base64url letters. Checked before decoding
 * because libsodium 1.0.18's decoder reads every byte from 0x80 up as
 * '_', so that one form token would have many spellings (and pass the
 * store's one-response-per-token check once per spelling).
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

int sec_base64url_decode(unsigned char *out, size_t outmax, const char *s,
			 size_t len, size_t *outlen)
{
	*outlen = 0;
	if (!b64url_only(s, len))
		return -1;
	/* no end pointer: libsodium then refuses leftover text and
	 * non-zero unused bits */
	if (sodium_base642bin(out, outmax, s, len, NULL, outlen, NULL, B64)) {
		*outlen = 0;
		return -1;
	}
	return 0;
}

void sec_hex(char *out, size_t outsize, const void *bin, size_t len)
{
	/* libsodium aborts itself when out is too small */
	sodium_bin2hex(out, outsize, bin, len);
}

int sec_equal(const void *a, const void *b, size_t len)
{
	return sodium_memcmp(a, b, len) == 0;
}

void sec_wipe(void *p, size_t len)
{
	if (len)
		sodium_memzero(p, len);
}

char *sec_password_hash(const char *password, size_t len)
{
	char out[crypto_pwhash_STRBYTES];

	if (sec_init() < 0)
		return NULL;
	if (crypto_pwhash_str_alg(out, password, len, OPS, MEM,
				  crypto_pwhash_ALG_ARGON2ID13) != 0) {
		error("cannot hash the password: out of memory");
		return NULL;
	}
	return xstrdup(out);
}

int sec_password_verify(const char *hash, const char *password, size_t len)
{
	if (!hash || !password || sec_init() < 0)
		return 0;
	if (strncmp(hash, "$argon2id$", 10))
		return 0;
	return crypto_pwhash_str_verify(hash, password, len) == 0;
}
