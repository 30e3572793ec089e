/*
 * crypto.h - every secret-handling primitive the program uses: random
 * bytes, MACs, keyed and unkeyed hashes, base64url and hex, constant-time
 * comparison, wiping, argon2id password hashes. core/crypto.c is the only
 * user of libsodium (tools/check-source.sh keeps it so); this header does
 * not include <sodium.h>, and its sizes are checked against libsodium's
 * at compile time.
 *
 * Functions that cannot fail on a working system (random bytes, hashes)
 * return nothing: if libsodium cannot start, or a length is outside what
 * is documented here (a programming error), the process aborts after
 * logging, as it does when memory runs out.
 */
#ifndef SIGSURVEY_CRYPTO_H
#define SIGSURVEY_CRYPTO_H

#include <stddef.h>

#define SEC_AUTH_KEY_BYTES 32      /* HMAC-SHA-512-256 key */
#define SEC_AUTH_BYTES 32          /* HMAC-SHA-512-256 tag */
#define SEC_HASH_KEY_BYTES 32      /* recommended BLAKE2b key */
#define SEC_HASH_MAX 64            /* longest BLAKE2b output */
#define SEC_SHORT_KEY_BYTES 16     /* SipHash-2-4 key */
#define SEC_SHORT_BYTES 8          /* SipHash-2-4 output */
#define SEC_SHA256_HEX 64          /* hex digits of a SHA-256, no NUL */
#define SEC_PASSWORD_HASH_MAX 128  /* argon2id string, with its NUL */

/*
 * Starts libsodium once (safe from any thread, any number of times).
 * Returns 0, or -1 with the error logged. Every other function starts
 * it on first use too; calling this early lets a command fail cleanly.
 */
int sec_init(void);

/*
 * Fills out[0..len) with bytes from the system's CSPRNG (getrandom(2)
 * through libsodium). Never fails: without a source
 * of randomness the process aborts.
 */
void sec_random(void *out, size_t len);

/*
 * The MAC of msg[0..len) under key: HMAC-SHA-512 cut to 256 bits
 * (libsodium's "auth" construction; RFC 4231 for HMAC-SHA-512),
 * written to mac.
 */
void sec_auth(unsigned char mac[SEC_AUTH_BYTES], const void *msg, size_t len,
	      const unsigned char key[SEC_AUTH_KEY_BYTES]);

/*
 * 1 when mac is the MAC of msg[0..len) under key, 0 when not. Compares
 * in constant time; msg may be untrusted.
 */
int sec_auth_verify(const unsigned char mac[SEC_AUTH_BYTES], const void *msg,
		    size_t len, const unsigned char key[SEC_AUTH_KEY_BYTES]);

/*
 * BLAKE2b (RFC 7693) of in[0..len) into out[0..outlen), outlen 1 to 64
 * (16 or more where collisions matter). key may be NULL (keylen 0) for
 * the plain hash; else keylen is 1 to 64 (SEC_HASH_KEY_BYTES advised)
 * and the hash is a MAC/PRF under that key.
 */
void sec_hash(unsigned char *out, size_t outlen, const void *in, size_t len,
	      const unsigned char *key, size_t keylen);

/*
 * SipHash-2-4 of in[0..len) under key: a fast keyed hash for hash
 * tables fed by untrusted input, not a MAC.
 */
void sec_short_hash(unsigned char out[SEC_SHORT_BYTES], const void *in,
		    size_t len, const unsigned char key[SEC_SHORT_KEY_BYTES]);

/*
 * The SHA-256 (FIPS 180-4) of in[0..len), written to out as 64 lower-
 * case hex digits and a NUL.
 */
void sec_sha256_hex(char out[SEC_SHA256_HEX + 1], const void *in, size_t len);

/*
 * Characters of the base64url text of len bytes: RFC 4648 §5 alphabet,
 * no padding (§3.2), not counting the NUL.
 */
size_t sec_base64url_len(size_t len);

/*
 * Writes bin[0..len) as base64url without padding, and a NUL, to out,
 * which holds outsize >= sec_base64url_len(len) + 1 bytes (less aborts).
 * Constant time: bin may be a secret.
 */
void sec_base64url(char *out, size_t outsize, const void *bin, size_t len);

/*
 * Decodes the base64url text s[0..len) (untrusted) into out (room for
 * outmax bytes) and sets *outlen. Strict, so that a value has exactly
 * one spelling: only the RFC 4648 §5 alphabet is accepted (no padding,
 * no white space, no byte from 0x80 up), the unused low bits of the last
 * character must be zero, and the whole text must be used. Returns 0,
 * or -1 (nothing logged: bad input is expected) when s breaks any rule
 * or decodes to more than outmax bytes.
 */
int sec_base64url_decode(unsigned char *out, size_t outmax, const char *s,
			 size_t len, size_t *outlen);

/*
 * Writes bin[0..len) as lower-case hex and a NUL to out, which holds
 * outsize >= 2 * len + 1 bytes (less aborts). Constant time.
 */
void sec_hex(char *out, size_t outsize, const void *bin, size_t len);

/*
 * 1 when a[0..len) equals b[0..len), else 0; the time taken does not
 * depend on where they differ. len may be 0 (equal).
 */
int sec_equal(const void *a, const void *b, size_t len);

/*
 * Overwrites p[0..len) with zeros in a way the compiler cannot remove
 * (libsodium's memzero). p may be NULL when len is 0.
 */
void sec_wipe(void *p, size_t len);

/*
 * The argon2id (RFC 9106) hash of password[0..len) with a random salt,
 * as a PHC string "$argon2id$v=19$m=...,t=...,p=1$salt$hash", using
 * libsodium's interactive limits (2 passes over 64 MiB). Returns a new
 * string (caller frees), or NULL when hashing failed (out of memory for
 * its work area, or libsodium did not start: logged).
 */
char *sec_password_hash(const char *password, size_t len);

/*
 * 1 when password[0..len) matches hash, an argon2id string made by
 * sec_password_hash() (any costs), else 0: wrong password, NULL or
 * malformed hash, or a hash of another algorithm (argon2i, bcrypt ...),
 * which is refused. Takes as long as hashing with the hash's costs.
 */
int sec_password_verify(const char *hash, const char *password, size_t len);

#endif
