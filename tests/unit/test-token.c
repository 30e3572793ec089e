/*
 * test-token.c - signed form tokens (collector/token.c): they round-trip
 * bound to their form and event, and have exactly one spelling (findings
 * of tests/fuzz/fuzz-token.c pinned as unit tests).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include "crypto.h"
#include "token.h"

#define NOW 1800000000LL

static void token_round_trips_and_binds_form_and_event(void **state)
{
	unsigned char key[TOKEN_KEY_BYTES] = { 1, 2, 3 };
	char *t = token_make(key, "event-feedback", "ill-101", 1000000);
	char *u = token_make(key, "event-feedback", "ill-101", 1000000);
	long long served;

	assert_string_not_equal(t, u);            /* a nonce each */
	assert_int_equal(token_check(key, t, strlen(t), "event-feedback",
				     "ill-101", 1000060, &served), TOKEN_OK);
	assert_int_equal(served, 1000000);
	assert_int_equal(token_check(key, t, strlen(t), "event-feedback",
				     "ill-102", 1000060, &served), TOKEN_BAD);
	assert_int_equal(token_check(key, t, strlen(t), "member-survey",
				     NULL, 1000060, &served), TOKEN_BAD);
	assert_int_equal(token_check(key, t, strlen(t), "event-feedback",
				     "ill-101", 1000000 + TOKEN_MAX_AGE + 1,
				     &served), TOKEN_EXPIRED);
	free(t);
	free(u);
}

/*
 * token_write() makes the same tokens without the heap: they check, the
 * served time is kept (also before 1970), a buffer too small is refused
 * untouched, and a second key in the same thread is not mixed up with
 * the first.
 */
static void token_write_fits_checks_and_changes_key(void **state)
{
	unsigned char key[TOKEN_KEY_BYTES] = { 1, 2, 3 };
	unsigned char other[TOKEN_KEY_BYTES] = { 3, 2, 1 };
	char t[TOKEN_MAX], small[40];
	size_t n;
	long long served;

	(void)state;
	n = token_write(t, sizeof(t), key, "event-feedback", "ill-101", NOW);
	assert_true(n > 0 && n == strlen(t));
	assert_true(n <= token_len("event-feedback", "ill-101"));
	assert_int_equal(token_check(key, t, n, "event-feedback", "ill-101",
				     NOW + 60, &served), TOKEN_OK);
	assert_int_equal(served, NOW);
	n = token_write(t, sizeof(t), other, "member-survey", NULL, -5);
	assert_int_equal(token_check(other, t, n, "member-survey", NULL, -1,
				     &served), TOKEN_OK);
	assert_int_equal(served, -5);
	assert_int_equal(token_check(key, t, n, "member-survey", NULL, -1,
				     &served), TOKEN_BAD);
	n = token_write(t, sizeof(t), key, "member-survey", NULL, NOW);
	assert_int_equal(token_check(key, t, n, "member-survey", NULL, NOW,
				     &served), TOKEN_OK);
	memset(small, 'x', sizeof(small));
	assert_int_equal(token_write(small, sizeof(small), key,
				     "event-feedback", "ill-101", NOW), 0);
	assert_int_equal(small[0], 'x');
}

static void bad_token_tampered_or_other_key(void **state)
{
	unsigned char key[TOKEN_KEY_BYTES] = { 1 }, other[TOKEN_KEY_BYTES] = { 2 };
	char *t = token_make(key, "training-ideas", NULL, 5000);
	size_t len = strlen(t);
	long long served;

	assert_int_equal(token_check(other, t, len, "training-ideas", NULL,
				     5000, &served), TOKEN_BAD);
	t[3] ^= 1;
	assert_int_equal(token_check(key, t, len, "training-ideas", NULL,
				     5000, &served), TOKEN_BAD);
	assert_int_equal(token_check(key, "", 0, "training-ideas", NULL,
				     5000, &served), TOKEN_BAD);
	assert_int_equal(token_check(key, "abc.def", 7, "training-ideas",
				     NULL, 5000, &served), TOKEN_BAD);
	free(t);
}

/* A genuine token that holds at least one '_' (most of them do). */
static char *token_with_underscore(const unsigned char *key)
{
	for (int i = 0; i < 200; i++) {
		char *t = token_make(key, "event-feedback", "ill-101", NOW);

		if (strchr(t, '_'))
			return t;
		free(t);
	}
	fail_msg("no token with '_' in 200 tries");
	return NULL;
}

/*
 * libsodium 1.0.18 decodes any byte from 0x80 up as base64url '_': such
 * a respelt token used to pass, so one form page could be sent as many
 * "different" responses.
 */
static void bad_token_high_byte_replaces_underscore(void **state)
{
	unsigned char key[TOKEN_KEY_BYTES] = { 7, 1, 9 };
	char *t = token_with_underscore(key);
	size_t len = strlen(t);
	char *u = strchr(t, '_');
	long long served;

	assert_int_equal(token_check(key, t, len, "event-feedback", "ill-101",
				     NOW + 60, &served), TOKEN_OK);
	for (int c = 0x80; c <= 0xff; c++) {
		*u = (char)c;
		assert_int_equal(token_check(key, t, len, "event-feedback",
					     "ill-101", NOW + 60, &served),
				 TOKEN_BAD);
	}
	*u = '_';
	assert_int_equal(token_check(key, t, len, "event-feedback", "ill-101",
				     NOW + 60, &served), TOKEN_OK);
	free(t);
}

/* Nothing outside the base64url letters and the one dot is accepted. */
static void bad_token_any_byte_outside_base64url(void **state)
{
	unsigned char key[TOKEN_KEY_BYTES] = { 3 };
	char *t = token_make(key, "training-ideas", NULL, NOW);
	size_t len = strlen(t);
	char *s = malloc(len + 2);
	long long served;

	for (int c = 1; c < 256; c++) {
		if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			   "0123456789-_", c))
			continue;
		/* appended at the end, and put in the payload's place */
		memcpy(s, t, len);
		s[len] = (char)c;
		assert_int_equal(token_check(key, s, len + 1, "training-ideas",
					     NULL, NOW, &served), TOKEN_BAD);
		s[0] = (char)c;
		assert_int_equal(token_check(key, s, len, "training-ideas",
					     NULL, NOW, &served), TOKEN_BAD);
	}
	free(s);
	free(t);
}

/*
 * A version 1 token as token.c made them before version 2:
 * base64url("1\nFORM\nEVENT\nSERVED\nNONCE") "." base64url(HMAC-SHA-512-256).
 */
static char *token_v1(const unsigned char *key, const char *form,
		      const char *event, long long served)
{
	char payload[256], *t = malloc(512);
	unsigned char mac[SEC_AUTH_BYTES];
	int n = snprintf(payload, sizeof(payload),
			 "1\n%s\n%s\n%lld\nAAAAAAAAAAAAAAAAAAAAAA", form,
			 event ? event : "", served);
	size_t b;

	sec_auth(mac, payload, (size_t)n, key);
	sec_base64url(t, 512, payload, (size_t)n);
	b = strlen(t);
	t[b++] = '.';
	sec_base64url(t + b, 512 - b, mac, sizeof(mac));
	return t;
}

/*
 * Pages served before version 2 still carry version 1 tokens: they
 * check (served time kept) until they expire, and only for their form,
 * event and key; a changed letter fails.
 */
static void old_format_token_still_checks(void **state)
{
	unsigned char key[TOKEN_KEY_BYTES] = { 4, 4 }, other[TOKEN_KEY_BYTES] = { 5 };
	char *t = token_v1(key, "event-feedback", "ill-101", NOW);
	char *s = token_v1(key, "training-ideas", NULL, NOW);
	size_t len = strlen(t);
	long long served;

	(void)state;
	assert_int_equal(token_check(key, t, len, "event-feedback", "ill-101",
				     NOW + 60, &served), TOKEN_OK);
	assert_int_equal(served, NOW);
	assert_int_equal(token_check(key, s, strlen(s), "training-ideas", NULL,
				     NOW + 60, &served), TOKEN_OK);
	assert_int_equal(token_check(key, t, len, "event-feedback", "ill-101",
				     NOW + TOKEN_MAX_AGE + 1, &served),
			 TOKEN_EXPIRED);
	assert_int_equal(token_check(key, t, len, "event-feedback", "ill-102",
				     NOW + 60, &served), TOKEN_BAD);
	assert_int_equal(token_check(other, t, len, "event-feedback",
				     "ill-101", NOW + 60, &served), TOKEN_BAD);
	t[5] = t[5] == 'A' ? 'B' : 'A';
	assert_int_equal(token_check(key, t, len, "event-feedback", "ill-101",
				     NOW + 60, &served), TOKEN_BAD);
	free(t);
	free(s);
}

/*
 * Tokens are made in version 2 (no dot, 76 letters): they expire after
 * TOKEN_MAX_AGE, and one from the future (past 5 minutes of clock skew)
 * is not taken either.
 */
static void new_token_format_and_expiry(void **state)
{
	unsigned char key[TOKEN_KEY_BYTES] = { 6 };
	char *t = token_make(key, "event-feedback", "ill-101", NOW);
	size_t len = strlen(t);
	long long served;

	(void)state;
	assert_null(strchr(t, '.'));
	assert_int_equal(len, token_len("event-feedback", "ill-101"));
	assert_int_equal(token_check(key, t, len, "event-feedback", "ill-101",
				     NOW + TOKEN_MAX_AGE, &served), TOKEN_OK);
	assert_int_equal(token_check(key, t, len, "event-feedback", "ill-101",
				     NOW + TOKEN_MAX_AGE + 1, &served),
			 TOKEN_EXPIRED);
	assert_int_equal(served, NOW);
	assert_int_equal(token_check(key, t, len, "event-feedback", "ill-101",
				     NOW - 301, &served), TOKEN_EXPIRED);
	free(t);
}

/* Re-encodes bin[0..57) as a token into t (room for 80). */
static void encode57(char *t, const unsigned char *bin)
{
	sec_base64url(t, 80, bin, 57);
}

/*
 * Forgeries of version 2: a later served time or another nonce under the
 * old MAC, a MAC made with another key, a version 1 payload with a
 * version 2 layout, a wrong tag byte, a truncated or lengthened token,
 * and the form/event boundary moved ("a"/"bc" for "ab"/"c").
 */
static void bad_token_forged_new_format(void **state)
{
	unsigned char key[TOKEN_KEY_BYTES] = { 8 }, other[TOKEN_KEY_BYTES] = { 9 };
	char *t = token_make(key, "event-feedback", "ill-101", NOW);
	char *o = token_make(other, "event-feedback", "ill-101", NOW);
	char *ab = token_make(key, "ab", "c", NOW);
	unsigned char bin[57], obin[57];
	char f[80], longer[80];
	size_t n;
	long long served;

	(void)state;
	assert_int_equal(sec_base64url_decode(bin, sizeof(bin), t, strlen(t),
					      &n), 0);
	assert_int_equal(n, sizeof(bin));
	assert_int_equal(bin[0], 2);
	/* the served time moved on a day: the MAC no longer holds */
	bin[2] ^= 0x01;
	encode57(f, bin);
	assert_int_equal(token_check(key, f, strlen(f), "event-feedback",
				     "ill-101", NOW + 60, &served), TOKEN_BAD);
	assert_int_equal(served, 0);
	bin[2] ^= 0x01;
	bin[20] ^= 0x80;                        /* the nonce */
	encode57(f, bin);
	assert_int_equal(token_check(key, f, strlen(f), "event-feedback",
				     "ill-101", NOW + 60, &served), TOKEN_BAD);
	bin[20] ^= 0x80;
	bin[0] = 1;                             /* the tag */
	encode57(f, bin);
	assert_int_equal(token_check(key, f, strlen(f), "event-feedback",
				     "ill-101", NOW + 60, &served), TOKEN_BAD);
	bin[0] = 2;
	/* the body of a genuine token, the MAC of one under another key */
	assert_int_equal(sec_base64url_decode(obin, sizeof(obin), o,
					      strlen(o), &n), 0);
	memcpy(bin + 25, obin + 25, 32);
	encode57(f, bin);
	assert_int_equal(token_check(key, f, strlen(f), "event-feedback",
				     "ill-101", NOW + 60, &served), TOKEN_BAD);
	assert_int_equal(token_check(key, o, strlen(o), "event-feedback",
				     "ill-101", NOW + 60, &served), TOKEN_BAD);
	/* cut short, or one letter more */
	assert_int_equal(token_check(key, t, strlen(t) - 4, "event-feedback",
				     "ill-101", NOW + 60, &served), TOKEN_BAD);
	snprintf(longer, sizeof(longer), "%sAAAA", t);
	assert_int_equal(token_check(key, longer, strlen(longer),
				     "event-feedback", "ill-101", NOW + 60,
				     &served), TOKEN_BAD);
	/* the form and event are bound apart */
	assert_int_equal(token_check(key, ab, strlen(ab), "ab", "c", NOW,
				     &served), TOKEN_OK);
	assert_int_equal(token_check(key, ab, strlen(ab), "a", "bc", NOW,
				     &served), TOKEN_BAD);
	assert_int_equal(token_check(key, ab, strlen(ab), "abc", NULL, NOW,
				     &served), TOKEN_BAD);
	assert_int_equal(token_check(key, t, strlen(t), "event-feedback",
				     "ill-101", NOW + 60, &served), TOKEN_OK);
	free(t);
	free(o);
	free(ab);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(token_round_trips_and_binds_form_and_event),
		cmocka_unit_test(token_write_fits_checks_and_changes_key),
		cmocka_unit_test(bad_token_tampered_or_other_key),
		cmocka_unit_test(bad_token_high_byte_replaces_underscore),
		cmocka_unit_test(bad_token_any_byte_outside_base64url),
		cmocka_unit_test(old_format_token_still_checks),
		cmocka_unit_test(new_token_format_and_expiry),
		cmocka_unit_test(bad_token_forged_new_format),
	};

	if (sec_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
