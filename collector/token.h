/*
 * token.h - the signed form token: binds a rendered form to its form and
 * event, records when the page was served, and carries a random nonce so
 * that it is unique and can serve as the response's single-use token.
 */
#ifndef SIGSURVEY_TOKEN_H
#define SIGSURVEY_TOKEN_H

#include <stddef.h>

#define TOKEN_KEY_BYTES 32
#define TOKEN_MAX_AGE (24 * 60 * 60)   /* seconds a rendered form stays valid */

/*
 * A new token (caller frees) for form and event (NULL for standing
 * forms), served at now: base64url(payload) "." base64url(HMAC-SHA-512-256).
 */
char *token_make(const unsigned char key[TOKEN_KEY_BYTES], const char *form,
		 const char *event, long long now);

enum token_status {
	TOKEN_OK,
	TOKEN_BAD,             /* malformed, bad signature, other form/event */
	TOKEN_EXPIRED,         /* genuine but older than TOKEN_MAX_AGE */
};

/*
 * Checks tok (len bytes, untrusted) against form and event at time now;
 * sets *served to the time the form was served when the signature holds.
 */
enum token_status token_check(const unsigned char key[TOKEN_KEY_BYTES],
			      const char *tok, size_t len, const char *form,
			      const char *event, long long now,
			      long long *served);

#endif
