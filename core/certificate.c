/*
 * certificate.c - contact hours, names, codes and grant keys of
 * certificates of attendance (see certificate.h).
 */
#include "certificate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "util.h"

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

const char *certificate_hours_problem(const char *s, long *minutes)
{
	static const char shape[] =
		"Give the contact hours as a number like 1, 1.5 or 0.75.";
	long whole = 0, frac = 0;
	size_t i = 0, digits = 0, decimals = 0;

	if (!s)
		return shape;
	for (; s[i] >= '0' && s[i] <= '9'; i++, digits++)
		if (digits < 4)
			whole = whole * 10 + (s[i] - '0');
	if (!digits || digits > 3)
		return digits ? "Contact hours are at most 100." : shape;
	if (s[i] == '.') {
		for (i++; s[i] >= '0' && s[i] <= '9'; i++, decimals++)
			if (decimals < 2)
				frac = frac * 10 + (s[i] - '0');
		if (!decimals)
			return shape;
	}
	if (s[i])
		return shape;
	if (decimals > 2)
		return "Give the contact hours in tenths or quarters of an "
		       "hour, like 1.5 or 1.25.";
	if (decimals == 1)
		frac *= 10;
	frac += whole * 100;                 /* hundredths of an hour */
	if (frac == 0)
		return "Contact hours must be more than 0.";
	if (frac > 10000)
		return "Contact hours are at most 100.";
	if (frac % 10 && frac % 25)
		return "Give the contact hours in tenths or quarters of an "
		       "hour, like 1.5 or 1.25.";
	*minutes = frac * 60 / 100;
	return NULL;
}

void certificate_hours_text(long minutes, char out[16])
{
	long h = minutes * 100 / 60;         /* hundredths, exact for rules */
	int len;

	len = snprintf(out, 16, "%ld.%02ld", h / 100, h % 100);
	while (len > 0 && out[len - 1] == '0')
		out[--len] = '\0';
	if (len > 0 && out[len - 1] == '.')
		out[--len] = '\0';
}

char *certificate_name_trim(const char *s)
{
	size_t n;

	if (!s)
		return xstrdup("");
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
		     s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return xstrndup(s, n);
}

const char *certificate_name_problem(const char *name)
{
	size_t len = name ? strlen(name) : 0, chars = 0;

	if (!len)
		return "Enter your name as it should appear on the "
		       "certificate.";
	if (!utf8_valid(name, len))
		return "Your name could not be read; please type it again.";
	for (size_t i = 0; i < len;) {
		unsigned c;
		size_t k = utf8_decode(name + i, len - i, &c);

		if (!k || c < 0x20 || (c >= 0x7f && c < 0xa0))
			return "Enter your name on one line.";
		i += k;
		chars++;
	}
	if (chars > CERTIFICATE_NAME_MAX)
		return "Your name is too long for the certificate: at most "
		       "120 characters.";
	return NULL;
}

/* The value of a base64url character, or -1. */
static int b64_value(char c)
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				"abcdefghijklmnopqrstuvwxyz0123456789-_";
	const char *p = c ? strchr(a, c) : NULL;

	return p ? (int)(p - a) : -1;
}

/* Writes 16 code characters c as XXXX-XXXX-XXXX-XXXX into out. */
static void code_format(const char c[16], char out[CERTIFICATE_CODE_CHARS + 1])
{
	size_t o = 0;

	for (size_t i = 0; i < 16; i++) {
		if (i && i % 4 == 0)
			out[o++] = '-';
		out[o++] = c[i];
	}
	out[o] = '\0';
}

void certificate_code_new(char out[CERTIFICATE_CODE_CHARS + 1])
{
	char raw[AUTH_TOKEN_CHARS + 1], c[16];
	unsigned bits = 0;
	int nbits = 0;
	size_t in = 0;

	auth_token_new(raw);
	for (size_t n = 0; n < 16; n++) {
		if (nbits < 5) {
			bits = (bits << 6 | (unsigned)b64_value(raw[in++])) &
			       0xfff;
			nbits += 6;
		}
		c[n] = crockford[(bits >> (nbits - 5)) & 31];
		nbits -= 5;
	}
	code_format(c, out);
	memset(raw, 0, sizeof(raw));
}

int certificate_code_normal(const char *s,
			    char out[CERTIFICATE_CODE_CHARS + 1])
{
	char c[16];
	size_t n = 0;

	out[0] = '\0';
	for (; s && *s; s++) {
		char ch = *s >= 'a' && *s <= 'z' ? (char)(*s - 'a' + 'A') : *s;

		if (ch == '-' || ch == ' ')
			continue;
		if (ch == 'O')
			ch = '0';
		else if (ch == 'I' || ch == 'L')
			ch = '1';
		if (!strchr(crockford, ch) || n == 16)
			return -1;
		c[n++] = ch;
	}
	if (n != 16)
		return -1;
	code_format(c, out);
	return 0;
}

void certificate_grant_hash(const unsigned char *key, size_t keylen,
			    const char *token, char out[AUTH_HASH_HEX + 1])
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "sigsurvey certificate grant\n");
	for (size_t i = 0; i < keylen; i++)
		buf_addf(&b, "%02x", key[i]);
	buf_addc(&b, '\n');
	buf_adds(&b, token);
	auth_token_hash(b.s, out);
	memset(b.s, 0, b.len);
	buf_release(&b);
}
