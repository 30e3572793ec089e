/*
 * test-fields.c - urlencoded form fields (collector/fields.c): decoding
 * with lengths, and the limits on their number and size.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "fields.h"

static void fields_decode_with_lengths(void **state)
{
	struct fields fs;
	const char body[] = "a=1+2&b=x%26y%3D&b=%00z&c&=empty&d=%zz%4";

	fields_init(&fs);
	assert_int_equal(fields_parse(&fs, body, strlen(body)), FIELDS_OK);
	assert_int_equal(fs.n, 6);
	assert_string_equal(fields_get(&fs, "a")->value, "1 2");
	assert_string_equal(fields_get(&fs, "b")->value, "x&y=");
	assert_int_equal(fs.v[2].len, 2);
	assert_memory_equal(fs.v[2].value, "\0z", 2);
	assert_true(fields_has(&fs, "b", "x&y="));
	assert_false(fields_has(&fs, "b", "z"));
	assert_string_equal(fields_get(&fs, "c")->value, "");
	assert_string_equal(fields_get(&fs, "d")->value, "%zz%4");
	fields_release(&fs);
}

static void bad_fields_too_many_or_too_long(void **state)
{
	struct fields fs;
	struct buf b = BUF_INIT;

	for (int i = 0; i <= FIELDS_MAX; i++)
		buf_adds(&b, "k=v&");
	fields_init(&fs);
	assert_int_equal(fields_parse(&fs, b.s, b.len), FIELDS_TOO_MANY);
	fields_release(&fs);
	buf_reset(&b);
	buf_adds(&b, "k=");
	for (int i = 0; i <= FIELD_MAX_BYTES; i++)
		buf_addc(&b, 'x');
	fields_init(&fs);
	assert_int_equal(fields_parse(&fs, b.s, b.len), FIELDS_TOO_LONG);
	fields_release(&fs);
	buf_release(&b);
}

static void fields_trim_last_drops_a_cut_character(void **state)
{
	struct fields fs;
	/* "ab" then the first two of the three bytes of U+597D */
	const char cut[] = "k=1&t=ab%E5%A5";
	const char whole[] = "t=%E5%A5%BD";
	const char bad[] = "t=%FFab";

	fields_init(&fs);
	assert_null(fields_trim_last(&fs));
	assert_int_equal(fields_parse(&fs, cut, strlen(cut)), FIELDS_OK);
	assert_string_equal(fields_trim_last(&fs), "t");
	assert_int_equal(fs.v[1].len, 2);
	assert_string_equal(fs.v[1].value, "ab");
	fields_release(&fs);
	fields_init(&fs);
	assert_int_equal(fields_parse(&fs, whole, strlen(whole)), FIELDS_OK);
	fields_trim_last(&fs);
	assert_string_equal(fs.v[0].value, "\xe5\xa5\xbd");
	fields_release(&fs);
	/* bytes before the end are the validator's to judge */
	fields_init(&fs);
	assert_int_equal(fields_parse(&fs, bad, strlen(bad)), FIELDS_OK);
	fields_trim_last(&fs);
	assert_int_equal(fs.v[0].len, 3);
	fields_release(&fs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fields_decode_with_lengths),
		cmocka_unit_test(bad_fields_too_many_or_too_long),
		cmocka_unit_test(fields_trim_last_drops_a_cut_character),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
