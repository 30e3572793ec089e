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
 * forms), served at now: 76 base64url characters holding the served
 * time, a nonce and a keyed BLAKE2b-256 MAC of them with form and event
 * (version 2; token.c has the layout).
 */
char *token_make(const unsigned char key[TOKEN_KEY_BYTES], const char *form,
		 const char *event, long long now);
/*
 * The same token written to out (cap bytes) with its NUL, without heap
 * or printf (keys of ordinary length). Returns its length, or 0 when cap
 * is not more than token_len(form, event): nothing is written then.
 */
size_t token_write(char *out, size_t cap,
		   const unsigned char key[TOKEN_KEY_BYTES], const char *form,
		   const char *event, long long now);
/* The most a token for form and event can take, not counting the NUL. */
size_t token_len(const char *form, const char *event);
/* Room for the token of any ordinary form and event (keys under 200 bytes). */
#define TOKEN_MAX 1200

enum token_status {
	TOKEN_OK,
	TOKEN_BAD,             /* malformed, bad signature, other form/event */
	TOKEN_EXPIRED,         /* genuine but older than TOKEN_MAX_AGE */
};

/*
 * Checks tok (len bytes, untrusted) against form and event at time now;
 * sets *served to the time the form was served when the signature holds.
 * Accepts version 2 tokens and the version 1 ones made before it
 * ("1\n..." payload "." HMAC-SHA-512-256), so that pages served before
 * an upgrade can still be sent until they expire.
 */
enum token_status token_check(const unsigned char key[TOKEN_KEY_BYTES],
			      const char *tok, size_t len, const char *form,
			      const char *event, long long now,
			      long long *served);

/* Hex digits of a confirmation (token_confirmation()), without the NUL. */
#define TOKEN_CONFIRM_HEX 64

/*
 * The value of the too-fast page's confirm field for tok: a BLAKE2b-256
 * MAC of it under key (sec_hash), in hex with its NUL. A respondent's
 * confirming click sends the page's own token back with it, so the
 * answers are stored once under that token however often they are sent;
 * the MAC keeps a client from skipping the question by sending the field
 * without having been asked.
 */
void token_confirmation(const unsigned char key[TOKEN_KEY_BYTES],
			const char *tok, char out[TOKEN_CONFIRM_HEX + 1]);
/* 1 when value (untrusted, may be NULL) is tok's confirmation, else 0. */
int token_confirmed(const unsigned char key[TOKEN_KEY_BYTES],
		    const char *tok, const char *value);

#endif
