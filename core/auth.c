/*
 * auth.c - committee passwords, session tokens and their hashes, and
 * constant-time comparison, over the primitives of crypto.c.
 */
#include "auth.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "util.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int init_status;
static char dummy_hash[SEC_PASSWORD_HASH_MAX];

static void init_once(void)
{
	char *h = sec_init() < 0 ? NULL
				 : sec_password_hash("not a password", 14);

	if (!h || strlen(h) >= sizeof(dummy_hash))
		init_status = -1;
	else
		memcpy(dummy_hash, h, strlen(h) + 1);
	free(h);
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
		return error("cannot prepare password hashing");
	return 0;
}

char *auth_hash_password(const char *password)
{
	if (auth_init() < 0)
		return NULL;
	return sec_password_hash(password, strlen(password));
}

int auth_check_password(const char *hash, const char *password)
{
	if (!hash || !password || auth_init() < 0)
		return 0;
	return sec_password_verify(hash, password, strlen(password));
}

void auth_burn_time(const char *password)
{
	if (auth_init() < 0 || !password)
		return;
	if (!sec_password_verify(dummy_hash, password, strlen(password)))
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

	sec_random(raw, sizeof(raw));
	sec_base64url(out, AUTH_TOKEN_CHARS + 1, raw, sizeof(raw));
	sec_wipe(raw, sizeof(raw));
}

void auth_token_hash(const char *token, char out[AUTH_HASH_HEX + 1])
{
	unsigned char h[32];

	sec_hash(h, sizeof(h), token, strlen(token), NULL, 0);
	sec_hex(out, AUTH_HASH_HEX + 1, h, sizeof(h));
}

int auth_equal(const char *a, size_t alen, const char *b, size_t blen)
{
	if (alen != blen || !a || !b)
		return 0;
	return sec_equal(a, b, alen);
}
