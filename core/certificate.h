/*
 * certificate.h - the rules of certificates of attendance that both
 * front ends share: contact hours (parsed and printed), the attendee's
 * name, verification codes, and the grant key that binds the right to
 * a certificate to one submission. Knows nothing of HTTP or SQLite.
 */
#ifndef SIGSURVEY_CERTIFICATE_H
#define SIGSURVEY_CERTIFICATE_H

#include <stddef.h>

#include "auth.h"

/* Contact hours: 0 < H <= 100, in tenths or quarters of an hour. */
#define CERTIFICATE_MINUTES_MAX 6000
/* The longest name that prints (characters, after trimming). */
#define CERTIFICATE_NAME_MAX 120
/* "XXXX-XXXX-XXXX-XXXX": 16 Crockford base32 characters, 80 bits. */
#define CERTIFICATE_CODE_CHARS 19
/* Certificates one submission may ask for (a typo can be fixed). */
#define CERTIFICATE_USES 3
/* Seconds after the feedback is sent that the offer stands. */
#define CERTIFICATE_GRANT_SECONDS (24 * 60 * 60)

/*
 * Parses contact hours as typed ("1.5", "2", "0.25") into *minutes.
 * Accepted: a decimal with at most two decimal places, more than 0 and
 * at most 100, that is a whole number of tenths or of quarters of an
 * hour (1.3 and 1.75 are, 1.35 is not). Returns NULL when accepted,
 * else a plain sentence saying what is wrong (*minutes untouched).
 */
const char *certificate_hours_problem(const char *s, long *minutes);

/*
 * Writes minutes as hours for people ("1.5", "0.25", "2") into out,
 * with its NUL.
 */
void certificate_hours_text(long minutes, char out[16]);

/*
 * Checks an attendee's name (as typed, already trimmed by the caller
 * with certificate_name_trim): NULL when it can print, else a plain
 * sentence for the form.
 */
const char *certificate_name_problem(const char *name);
/* A new string (caller frees): s without white space at either end. */
char *certificate_name_trim(const char *s);

/* A new random code (80 bits from auth_token_new), with its NUL. */
void certificate_code_new(char out[CERTIFICATE_CODE_CHARS + 1]);

/*
 * The canonical spelling of a code as typed (any case, with or without
 * dashes or spaces; O read as 0, I and L as 1) into out: 0, or -1
 * when s cannot be a code (out is then "").
 */
int certificate_code_normal(const char *s,
			    char out[CERTIFICATE_CODE_CHARS + 1]);

/*
 * The grant key of a submission: a hex keyed hash (BLAKE2b over the
 * secret key, then token) of its form token, so that the token itself
 * is never stored with the grant nor shown in a link.
 */
void certificate_grant_hash(const unsigned char *key, size_t keylen,
			    const char *token, char out[AUTH_HASH_HEX + 1]);

#endif
