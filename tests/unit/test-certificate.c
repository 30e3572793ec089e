/*
 * test-certificate.c - the rules of certificates of attendance
 * (core/certificate.c): contact hours, names, codes and grant keys.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "certificate.h"

static void hours_in_tenths_and_quarters(void **state)
{
	static const struct { const char *in; long minutes; const char *out; }
	ok[] = {
		{ "1.5", 90, "1.5" }, { "1", 60, "1" }, { "0.25", 15, "0.25" },
		{ "1.75", 105, "1.75" }, { "1.3", 78, "1.3" },
		{ "100", 6000, "100" }, { "0.1", 6, "0.1" },
		{ "2.50", 150, "2.5" },
	};

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		long m = -1;
		char t[16];

		assert_null(certificate_hours_problem(ok[i].in, &m));
		assert_int_equal(m, ok[i].minutes);
		certificate_hours_text(m, t);
		assert_string_equal(t, ok[i].out);
	}
}

static void bad_hours_refused(void **state)
{
	static const char *const bad[] = {
		"", "0", "0.0", "1.35", "100.25", "101", "1000", "-1", "1,5",
		"1.", ".5", "1.555", "one", "1.5h", " 1.5", NULL,
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		long m = -1;

		assert_non_null(certificate_hours_problem(bad[i], &m));
		assert_int_equal(m, -1);
	}
}

static void names_trimmed_and_checked(void **state)
{
	char *n = certificate_name_trim("  Zoë Ångström \t");
	char long_name[200];

	assert_string_equal(n, "Zoë Ångström");
	assert_null(certificate_name_problem(n));
	free(n);
	assert_null(certificate_name_problem("דוד כהן"));
	assert_non_null(certificate_name_problem(""));
	assert_non_null(certificate_name_problem("two\nlines"));
	assert_non_null(certificate_name_problem("\xff\xfe"));
	memset(long_name, 'x', 120);
	long_name[120] = '\0';
	assert_null(certificate_name_problem(long_name));
	long_name[120] = 'x';
	long_name[121] = '\0';
	assert_non_null(certificate_name_problem(long_name));
}

static void codes_random_and_normalised(void **state)
{
	char a[CERTIFICATE_CODE_CHARS + 1], b[CERTIFICATE_CODE_CHARS + 1];
	char n[CERTIFICATE_CODE_CHARS + 1];

	certificate_code_new(a);
	certificate_code_new(b);
	assert_int_equal(strlen(a), CERTIFICATE_CODE_CHARS);
	assert_string_not_equal(a, b);
	assert_int_equal(certificate_code_normal(a, n), 0);
	assert_string_equal(a, n);
	assert_int_equal(certificate_code_normal("abcd efgh-jkmn pqrs", n), 0);
	assert_string_equal(n, "ABCD-EFGH-JKMN-PQRS");
	assert_int_equal(certificate_code_normal("oOiL-0000-0000-0000", n), 0);
	assert_string_equal(n, "0011-0000-0000-0000");
}

static void bad_codes_refused(void **state)
{
	char n[CERTIFICATE_CODE_CHARS + 1];

	assert_int_equal(certificate_code_normal("ABCD-EFGH-JKMN-PQR", n), -1);
	assert_int_equal(certificate_code_normal("ABCD-EFGH-JKMN-PQRSX", n), -1);
	assert_int_equal(certificate_code_normal("ABCD-EFGH-JKMN-PQRU", n), -1);
	assert_int_equal(certificate_code_normal("../etc/passwd", n), -1);
	assert_int_equal(certificate_code_normal(NULL, n), -1);
	assert_string_equal(n, "");
}

static void grant_hash_is_keyed(void **state)
{
	unsigned char k1[32] = { 1 }, k2[32] = { 2 };
	char a[AUTH_HASH_HEX + 1], b[AUTH_HASH_HEX + 1], c[AUTH_HASH_HEX + 1];

	certificate_grant_hash(k1, sizeof(k1), "tok", a);
	certificate_grant_hash(k2, sizeof(k2), "tok", b);
	certificate_grant_hash(k1, sizeof(k1), "tok2", c);
	assert_int_equal(strlen(a), AUTH_HASH_HEX);
	assert_string_not_equal(a, b);
	assert_string_not_equal(a, c);
	auth_token_hash("tok", b);
	assert_string_not_equal(a, b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hours_in_tenths_and_quarters),
		cmocka_unit_test(bad_hours_refused),
		cmocka_unit_test(names_trimmed_and_checked),
		cmocka_unit_test(codes_random_and_normalised),
		cmocka_unit_test(bad_codes_refused),
		cmocka_unit_test(grant_hash_is_keyed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
