/*
 * auth.h - committee accounts' secrets: password hashing (argon2id,
 * through crypto.h), random session tokens and their stored hashes, and
 * constant-time comparison. Knows nothing of HTTP or the database.
 */
#ifndef SIGSURVEY_AUTH_H
#define SIGSURVEY_AUTH_H

#include <stddef.h>

#define AUTH_TOKEN_BYTES 32            /* 256-bit session and setup tokens */
#define AUTH_TOKEN_CHARS 43            /* base64url without padding */
#define AUTH_HASH_HEX 64               /* hex of a token's BLAKE2b-256 hash */
#define AUTH_PASSWORD_MIN 8            /* bytes */
#define AUTH_PASSWORD_MAX 1024
#define AUTH_INVITE_SECONDS (7 * 24 * 60 * 60)   /* invitation, reset link */

/* 1 when name is an account name: 1 to 64 of a-z A-Z 0-9 . - _ @ */
int auth_name_valid(const char *name);

/*
 * Starts the crypto primitives and makes the dummy password hash once;
 * 0, or -1 logged. Safe from any thread.
 */
int auth_init(void);

/*
 * A new string (caller frees) holding the argon2id hash of password
 * (sec_password_hash(): RFC 9106 argon2id, interactive limits: 2 passes
 * over 64 MiB), or
 * NULL when hashing failed (out of memory for its work area: logged).
 */
char *auth_hash_password(const char *password);

/*
 * 1 when password matches hash, 0 when not (or hash is malformed).
 * auth_burn_time() spends the same effort on a dummy hash, so that an
 * unknown account name costs as long as a wrong password.
 */
int auth_check_password(const char *hash, const char *password);
void auth_burn_time(const char *password);

/* Checks a new password: NULL when acceptable, else a plain message. */
const char *auth_password_problem(const char *password);

/* A new random token: AUTH_TOKEN_CHARS base64url characters + NUL. */
void auth_token_new(char out[AUTH_TOKEN_CHARS + 1]);

/*
 * The hex BLAKE2b-256 hash of token (what the database stores instead
 * of the token), written to out with its NUL.
 */
void auth_token_hash(const char *token, char out[AUTH_HASH_HEX + 1]);

/*
 * 1 when a[0..alen) and b[0..blen) are equal; the time taken does not
 * depend on where they differ (lengths are not secret).
 */
int auth_equal(const char *a, size_t alen, const char *b, size_t blen);

#endif
