/*
 * test-csv.c - CSV cells (RFC 4180 quoting, formula neutralising,
 * newlines, invalid UTF-8) and JSON string literals for the export.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "csv.h"

static const char *row1(const char *cell)
{
	static struct csv c = CSV_INIT;

	csv_reset(&c);
	csv_cell(&c, cell);
	csv_end(&c);
	return c.line.s;
}

static void test_plain_and_quoting(void **state)
{
	assert_string_equal(row1("hello"), "hello\r\n");
	assert_string_equal(row1("a,b"), "\"a,b\"\r\n");
	assert_string_equal(row1("say \"hi\""), "\"say \"\"hi\"\"\"\r\n");
	assert_string_equal(row1("line1\nline2"), "\"line1\nline2\"\r\n");
	assert_string_equal(row1("cr\rhere"), "\"cr\rhere\"\r\n");
	assert_string_equal(row1(""), "\r\n");
	assert_string_equal(row1(NULL), "\r\n");
}

static void test_formula_cells(void **state)
{
	assert_string_equal(row1("=1+2"), "'=1+2\r\n");
	assert_string_equal(row1("+1"), "'+1\r\n");
	assert_string_equal(row1("-cmd"), "'-cmd\r\n");
	assert_string_equal(row1("@SUM(A1)"), "'@SUM(A1)\r\n");
	assert_string_equal(row1("\tx"), "'\tx\r\n");
	assert_string_equal(row1("\rx"), "\"'\rx\"\r\n");
	assert_string_equal(row1("=HYPERLINK(\"http://x\",\"y\")"),
			    "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n");
	/* only the first character matters */
	assert_string_equal(row1("a=b"), "a=b\r\n");
}

static void test_numbers_not_neutralised(void **state)
{
	struct csv c = CSV_INIT;

	csv_num(&c, -3);
	csv_num(&c, 2.5);
	csv_int(&c, 42);
	csv_num(&c, 0.0 / 0.0);
	csv_end(&c);
	assert_string_equal(c.line.s, "-3,2.5,42,\r\n");
	csv_release(&c);
}

static void test_row_separators(void **state)
{
	struct csv c = CSV_INIT;

	csv_cell(&c, NULL);
	csv_cell(&c, "x");
	csv_cell(&c, NULL);
	csv_end(&c);
	assert_string_equal(c.line.s, ",x,\r\n");
	csv_reset(&c);
	csv_cell(&c, "y");
	csv_end(&c);
	assert_string_equal(c.line.s, "y\r\n");
	csv_release(&c);
}

static void bad_utf8(void **state)
{
	/* invalid bytes become U+FFFD; valid multibyte text is kept */
	assert_string_equal(row1("caf\xc3\xa9"), "caf\xc3\xa9\r\n");
	assert_string_equal(row1("a\xffz"), "a\xef\xbf\xbdz\r\n");
	assert_string_equal(row1("\xc3"), "\xef\xbf\xbd\r\n");
	assert_string_equal(row1("\xed\xa0\x80"),     /* a surrogate */
			    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\r\n");
	assert_string_equal(row1("\xc0\xaf"),         /* overlong */
			    "\xef\xbf\xbd\xef\xbf\xbd\r\n");
}

static void test_json(void **state)
{
	struct buf b = BUF_INIT;

	csv_json_string(&b, "a\"b\\c\nd\te\x01\xe2\x80\xa8");
	assert_string_equal(b.s, "\"a\\\"b\\\\c\\nd\\te\\u0001\\u2028\"");
	buf_reset(&b);
	csv_json_string(&b, "\xff");
	assert_string_equal(b.s, "\"\xef\xbf\xbd\"");
	buf_reset(&b);
	csv_json_string(&b, NULL);
	assert_string_equal(b.s, "\"\"");
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_and_quoting),
		cmocka_unit_test(test_formula_cells),
		cmocka_unit_test(test_numbers_not_neutralised),
		cmocka_unit_test(test_row_separators),
		cmocka_unit_test(bad_utf8),
		cmocka_unit_test(test_json),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
