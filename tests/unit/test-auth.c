/*
 * test-auth.c - password hashes, tokens, account names and constant-time
 * comparison (core/auth.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "auth.h"

static void password_hash_is_argon2id_and_verifies(void **state)
{
	char *h = auth_hash_password("correct horse");

	assert_non_null(h);
	assert_memory_equal(h, "$argon2id$", 10);
	assert_true(auth_check_password(h, "correct horse"));
	free(h);
}

static void bad_password_does_not_verify(void **state)
{
	char *h = auth_hash_password("correct horse");
	char *h2 = auth_hash_password("correct horse");

	assert_false(auth_check_password(h, "correct hors"));
	assert_false(auth_check_password(h, ""));
	assert_string_not_equal(h, h2);            /* salted */
	assert_false(auth_check_password("$argon2i$v=19$m=1,t=1,p=1$xx$yy",
					  "correct horse"));
	assert_false(auth_check_password("plain text", "plain text"));
	assert_false(auth_check_password(NULL, "x"));
	free(h);
	free(h2);
}

static void password_rules(void **state)
{
	assert_null(auth_password_problem("12345678"));
	assert_non_null(auth_password_problem("1234567"));
	assert_non_null(auth_password_problem(""));
	assert_non_null(auth_password_problem(NULL));
	assert_non_null(auth_password_problem("abcdefgh\xff"));
}

static void tokens_are_random_base64url_and_hash_to_hex(void **state)
{
	char a[AUTH_TOKEN_CHARS + 1], b[AUTH_TOKEN_CHARS + 1];
	char ha[AUTH_HASH_HEX + 1], hb[AUTH_HASH_HEX + 1];

	auth_token_new(a);
	auth_token_new(b);
	assert_int_equal(strlen(a), AUTH_TOKEN_CHARS);
	assert_int_equal(strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
				"qrstuvwxyz0123456789-_"), AUTH_TOKEN_CHARS);
	assert_string_not_equal(a, b);
	auth_token_hash(a, ha);
	auth_token_hash(b, hb);
	assert_int_equal(strlen(ha), AUTH_HASH_HEX);
	assert_string_not_equal(ha, hb);
	assert_string_not_equal(ha, a);
	auth_token_hash(a, hb);
	assert_string_equal(ha, hb);               /* a function of the token */
}

static void equal_compares_whole_strings(void **state)
{
	assert_true(auth_equal("abc", 3, "abc", 3));
	assert_false(auth_equal("abc", 3, "abd", 3));
	assert_false(auth_equal("abc", 3, "abcd", 4));
	assert_false(auth_equal("", 0, "a", 1));
	assert_false(auth_equal(NULL, 0, "", 0));
}

static void account_names(void **state)
{
	assert_true(auth_name_valid("chair"));
	assert_true(auth_name_valid("ann.lee@example.org"));
	assert_true(auth_name_valid("A_b-9"));
	assert_false(auth_name_valid(""));
	assert_false(auth_name_valid("two words"));
	assert_false(auth_name_valid("<script>"));
	assert_false(auth_name_valid("caf\xc3\xa9"));
	assert_false(auth_name_valid(
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(password_hash_is_argon2id_and_verifies),
		cmocka_unit_test(bad_password_does_not_verify),
		cmocka_unit_test(password_rules),
		cmocka_unit_test(tokens_are_random_base64url_and_hash_to_hex),
		cmocka_unit_test(equal_compares_whole_strings),
		cmocka_unit_test(account_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
