/*
 * test-crypto.c - the primitives of core/crypto.c against published
 * vectors (FIPS 180-4, RFC 4648 §10, RFC 7693), and the strictness of the
 * base64url decoder.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crypto.h"

static void sha256_hex_of_abc(void **state)
{
	char hex[SEC_SHA256_HEX + 1];

	sec_sha256_hex(hex, "abc", 3);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223"
				 "b00361a396177a9cb410ff61f20015ad");
}

static void blake2b_plain_and_keyed(void **state)
{
	unsigned char h[64], k1[16], k2[16];
	unsigned char key[SEC_HASH_KEY_BYTES] = { 1 };
	char hex[129];

	/* RFC 7693 appendix A: BLAKE2b-512("abc") */
	sec_hash(h, 64, "abc", 3, NULL, 0);
	sec_hex(hex, sizeof(hex), h, 64);
	assert_memory_equal(hex, "ba80a53f981c4d0d6a2797b69f12f6e9", 32);
	sec_hash(k1, 16, "abc", 3, key, sizeof(key));
	key[0] = 2;
	sec_hash(k2, 16, "abc", 3, key, sizeof(key));
	assert_memory_not_equal(k1, k2, 16);
}

static void base64url_rfc4648_vectors(void **state)
{
	static const char *const in[] = { "", "f", "fo", "foo", "foob",
					  "fooba", "foobar" };
	static const char *const out[] = { "", "Zg", "Zm8", "Zm9v", "Zm9vYg",
					   "Zm9vYmE", "Zm9vYmFy" };
	char text[16];
	unsigned char bin[16];
	size_t n;

	for (size_t i = 0; i < 7; i++) {
		assert_int_equal(sec_base64url_len(strlen(in[i])),
				 strlen(out[i]));
		sec_base64url(text, sizeof(text), in[i], strlen(in[i]));
		assert_string_equal(text, out[i]);
		assert_int_equal(sec_base64url_decode(bin, sizeof(bin), out[i],
						      strlen(out[i]), &n), 0);
		assert_int_equal(n, strlen(in[i]));
		assert_memory_equal(bin, in[i], n);
	}
	sec_base64url(text, sizeof(text), "\xfb\xff", 2);
	assert_string_equal(text, "-_8");       /* §5: - and _, not + and / */
}

static void bad_base64url_refused(void **state)
{
	static const char *const bad[] = {
		"Zm9v\xdf",      /* a byte from 0x80 up (read as '_' by 1.0.18) */
		"Zg==",          /* padding */
		"Zm9 v",         /* white space */
		"Zm+v",          /* the standard alphabet's + */
		"Zh",            /* unused low bits not zero: a second spelling */
		"Z",             /* a lone character */
	};
	unsigned char bin[16];
	size_t n = 99;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(sec_base64url_decode(bin, sizeof(bin), bad[i],
						      strlen(bad[i]), &n), -1);
	assert_int_equal(n, 0);
	assert_int_equal(sec_base64url_decode(bin, 2, "Zm9v", 4, &n), -1);
}

static void auth_tag_verifies_only_its_message_and_key(void **state)
{
	unsigned char key[SEC_AUTH_KEY_BYTES] = { 3 }, mac[SEC_AUTH_BYTES];

	sec_auth(mac, "payload", 7, key);
	assert_true(sec_auth_verify(mac, "payload", 7, key));
	assert_false(sec_auth_verify(mac, "payloae", 7, key));
	key[1] = 1;
	assert_false(sec_auth_verify(mac, "payload", 7, key));
}

/*
 * Every byte value at every place of a 3-byte group encodes to the
 * alphabet of RFC 4648 §5 and decodes back; the letters are those of
 * the RFC's table.
 */
static void base64url_every_byte_round_trips(void **state)
{
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				       "abcdefghijklmnopqrstuvwxyz0123456789-_";
	unsigned char in[258], back[258];
	char text[400];
	size_t n;

	(void)state;
	for (unsigned v = 0; v < 64; v++) {
		unsigned char b = (unsigned char)(v << 2);

		sec_base64url(text, sizeof(text), &b, 1);
		assert_int_equal(text[0], alphabet[v]);
	}
	for (size_t i = 0; i < sizeof(in); i++)
		in[i] = (unsigned char)(i * 7 + i / 256);
	for (size_t len = 250; len <= sizeof(in); len++) {
		sec_base64url(text, sizeof(text), in, len);
		assert_int_equal(strlen(text), sec_base64url_len(len));
		assert_int_equal(strspn(text, alphabet), strlen(text));
		assert_int_equal(sec_base64url_decode(back, sizeof(back), text,
						      strlen(text), &n), 0);
		assert_int_equal(n, len);
		assert_memory_equal(back, in, len);
	}
}

static void equal_wipe_random_short_hash(void **state)
{
	unsigned char a[32] = { 0 }, b[32] = { 0 }, zero[32] = { 0 };
	unsigned char key[SEC_SHORT_KEY_BYTES] = { 0 };
	unsigned char h1[SEC_SHORT_BYTES], h2[SEC_SHORT_BYTES];

	sec_random(a, sizeof(a));
	sec_random(b, sizeof(b));
	assert_false(sec_equal(a, b, sizeof(a)));
	assert_true(sec_equal(a, a, sizeof(a)));
	sec_short_hash(h1, a, sizeof(a), key);
	sec_short_hash(h2, a, sizeof(a), key);
	assert_memory_equal(h1, h2, sizeof(h1));
	sec_wipe(a, sizeof(a));
	assert_memory_equal(a, zero, sizeof(a));
	sec_wipe(NULL, 0);
}

static void password_hash_argon2id_only(void **state)
{
	char *h = sec_password_hash("pw secret", 9);

	assert_non_null(h);
	assert_memory_equal(h, "$argon2id$", 10);
	assert_true(sec_password_verify(h, "pw secret", 9));
	assert_false(sec_password_verify(h, "pw secreT", 9));
	assert_false(sec_password_verify(h + 1, "pw secret", 9));
	assert_false(sec_password_verify(NULL, "pw secret", 9));
	free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sha256_hex_of_abc),
		cmocka_unit_test(blake2b_plain_and_keyed),
		cmocka_unit_test(base64url_rfc4648_vectors),
		cmocka_unit_test(bad_base64url_refused),
		cmocka_unit_test(auth_tag_verifies_only_its_message_and_key),
		cmocka_unit_test(base64url_every_byte_round_trips),
		cmocka_unit_test(equal_wipe_random_short_hash),
		cmocka_unit_test(password_hash_argon2id_only),
	};

	if (sec_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
