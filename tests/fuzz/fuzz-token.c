/*
 * fuzz-token.c - libFuzzer harness for form tokens: forgery attempts.
 * The input itself, checked as a token, must never pass (it was not
 * signed). Then a genuine token is edited by the input (replace, insert,
 * delete, truncate, append bytes): token_check() must give TOKEN_OK only
 * when the edits left the text unchanged, and TOKEN_BAD otherwise. A
 * genuine token also fails for another key, form or event, and is
 * TOKEN_EXPIRED (never OK) once older than TOKEN_MAX_AGE.
 * Build and run with `make fuzz`.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "token.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NOW 1800000000LL

static const struct {
	const char *form, *event;
} bind[] = {
	{ "event-feedback", "ill-101" },
	{ "event-feedback", NULL },
	{ "event-feedback", "ill-1011" },
	{ "event-feedbac", "kill-101" },
	{ "training-ideas", NULL },
};
#define NBIND (sizeof(bind) / sizeof(bind[0]))

static unsigned char key[TOKEN_KEY_BYTES], other[TOKEN_KEY_BYTES];

static enum token_status check(const unsigned char *k, const char *t,
			       size_t len, size_t b, long long now,
			       long long *served)
{
	return token_check(k, t, len, bind[b].form, bind[b].event, now,
			   served);
}

/* Applies edits (op, position, byte) from data to t; returns the length. */
static size_t edit(char *t, size_t len, size_t cap, const uint8_t *data,
		   size_t size)
{
	for (size_t i = 0; i + 2 < size; i += 3) {
		size_t pos = len ? (size_t)data[i + 1] * 7 % (len + 1) : 0;
		char c = (char)data[i + 2];

		switch (data[i] % 5) {
		case 0:                         /* replace */
			if (pos < len)
				t[pos] = c;
			break;
		case 1:                         /* insert */
			if (len < cap) {
				memmove(t + pos + 1, t + pos, len - pos);
				t[pos] = c;
				len++;
			}
			break;
		case 2:                         /* delete */
			if (pos < len) {
				memmove(t + pos, t + pos + 1, len - pos - 1);
				len--;
			}
			break;
		case 3:                         /* truncate */
			len = pos;
			break;
		default:                        /* append */
			if (len < cap)
				t[len++] = c;
			break;
		}
	}
	return len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	long long served;
	size_t b, len, tlen;
	char *tok, *t;
	enum token_status st;

	if (!key[0]) {
		if (sec_init() < 0)
			abort();
		for (size_t i = 0; i < TOKEN_KEY_BYTES; i++) {
			key[i] = (unsigned char)(i * 37 + 11);
			other[i] = key[i];
		}
		other[TOKEN_KEY_BYTES - 1] ^= 1;
	}
	/* the raw input was not signed by anyone */
	for (b = 0; b < NBIND; b++)
		if (check(key, (const char *)data, size, b, NOW, &served) !=
		    TOKEN_BAD)
			__builtin_trap();
	if (!size)
		return 0;

	b = data[0] % NBIND;
	tok = token_make(key, bind[b].form, bind[b].event, NOW);
	tlen = strlen(tok);
	t = malloc(tlen + size + 1);
	if (!t)
		abort();
	memcpy(t, tok, tlen);
	len = edit(t, tlen, tlen + size, data + 1, size - 1);

	st = check(key, t, len, b, NOW + 60, &served);
	if (len == tlen && !memcmp(t, tok, tlen)) {
		if (st != TOKEN_OK || served != NOW)
			__builtin_trap();
		/* genuine, but only for its own key, form and event */
		if (check(other, t, len, b, NOW, &served) != TOKEN_BAD)
			__builtin_trap();
		for (size_t o = 0; o < NBIND; o++)
			if (o != b && check(key, t, len, o, NOW, &served) !=
				      TOKEN_BAD)
				__builtin_trap();
		if (check(key, t, len, b, NOW + TOKEN_MAX_AGE + 1, &served) !=
		    TOKEN_EXPIRED)
			__builtin_trap();
	} else if (st != TOKEN_BAD) {
		__builtin_trap();               /* an edited token passed */
	}
	free(t);
	free(tok);
	return 0;
}
