/*
 * auth.c - password hashes, tokens and constant-time comparison over
 * libsodium.
 */
#include "auth.h"

#include <pthread.h>
#include <string.h>

#include <sodium.h>

#include "util.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int init_status;
static char dummy_hash[crypto_pwhash_STRBYTES];

/* Argon2id with libsodium's interactive limits: 64 MiB, 2 passes. */
#define OPS crypto_pwhash_OPSLIMIT_INTERACTIVE
#define MEM crypto_pwhash_MEMLIMIT_INTERACTIVE

static void init_once(void)
{
	if (sodium_init() < 0) {
		init_status = -1;
		return;
	}
	if (crypto_pwhash_str_alg(dummy_hash, "not a password", 14, OPS, MEM,
				  crypto_pwhash_ALG_ARGON2ID13) != 0)
		init_status = -1;
}

int auth_name_valid(const char *name)
{
	size_t n = name ? strlen(name) : 0;

	if (n == 0 || n > 64)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '-' ||
		      c == '_' || c == '@'))
			return 0;
	}
	return 1;
}

int auth_init(void)
{
	pthread_once(&once, init_once);
	if (init_status < 0)
		return error("cannot initialise libsodium");
	return 0;
}

char *auth_hash_password(const char *password)
{
	char out[crypto_pwhash_STRBYTES];

	if (auth_init() < 0)
		return NULL;
	if (crypto_pwhash_str_alg(out, password, strlen(password), OPS, MEM,
				  crypto_pwhash_ALG_ARGON2ID13) != 0) {
		error("cannot hash the password: out of memory");
		return NULL;
	}
	return xstrdup(out);
}

int auth_check_password(const char *hash, const char *password)
{
	if (!hash || !password || auth_init() < 0)
		return 0;
	if (strncmp(hash, "$argon2id$", 10))
		return 0;
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void auth_burn_time(const char *password)
{
	if (auth_init() < 0 || !password)
		return;
	if (crypto_pwhash_str_verify(dummy_hash, password, strlen(password)))
		return;                 /* the expected outcome */
}

const char *auth_password_problem(const char *password)
{
	size_t n = password ? strlen(password) : 0;

	if (n < AUTH_PASSWORD_MIN)
		return "The password must be at least 8 characters long.";
	if (n > AUTH_PASSWORD_MAX)
		return "The password must be at most 1024 characters long.";
	if (!utf8_valid(password, n))
		return "The password must be valid UTF-8 text.";
	return NULL;
}

void auth_token_new(char out[AUTH_TOKEN_CHARS + 1])
{
	unsigned char raw[AUTH_TOKEN_BYTES];

	if (auth_init() < 0)
		die("no source of randomness");
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, AUTH_TOKEN_CHARS + 1, raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

void auth_token_hash(const char *token, char out[AUTH_HASH_HEX + 1])
{
	unsigned char h[32];

	crypto_generichash(h, sizeof(h), (const unsigned char *)token,
			   strlen(token), NULL, 0);
	sodium_bin2hex(out, AUTH_HASH_HEX + 1, h, sizeof(h));
}

int auth_equal(const char *a, size_t alen, const char *b, size_t blen)
{
	if (alen != blen || !a || !b)
		return 0;
	return sodium_memcmp(a, b, alen) == 0;
}
