/*
 * test-html.c - the escaping HTML writer (collector/html.c): text and
 * attribute values escaped, invalid UTF-8 and control bytes repaired.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "html.h"

static void html_escapes_text_and_attributes(void **state)
{
	struct html h;

	html_init(&h);
	html_lit(&h, "<p");
	html_attr(&h, "title", "\"><script>alert('x')</script>&");
	html_lit(&h, ">");
	html_text(&h, "<b>Tom & \"Jerry\"</b>");
	html_lit(&h, "</p>");
	assert_string_equal(h.b.s,
		"<p title=\"&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)"
		"&lt;/script&gt;&amp;\">&lt;b&gt;Tom &amp; &quot;Jerry&quot;"
		"&lt;/b&gt;</p>");
	html_release(&h);
}

static void html_repairs_invalid_utf8_nul_and_controls(void **state)
{
	struct html h;
	const char in[] = "caf\xc3\xa9 \xff|\xc0\xaf|a\0b|\x01|\xed\xa0\x80|\xc2\x85|\t\n";

	html_init(&h);
	html_textn(&h, in, sizeof(in) - 1);
	assert_string_equal(h.b.s,
		"caf\xc3\xa9 \xef\xbf\xbd|\xef\xbf\xbd\xef\xbf\xbd|"
		"a\xef\xbf\xbd" "b|\xef\xbf\xbd|\xef\xbf\xbd\xef\xbf\xbd"
		"\xef\xbf\xbd|\xef\xbf\xbd\xef\xbf\xbd|\t\n");
	html_release(&h);
}

static void html_keeps_valid_multibyte_text(void **state)
{
	struct html h;

	html_init(&h);
	html_text(&h, "\xe2\x80\x9cQuoted\xe2\x80\x9d \xf0\x9f\x93\x9a");
	html_textf(&h, " %d%%", 42);
	html_attr(&h, "x", NULL);
	assert_string_equal(h.b.s,
		"\xe2\x80\x9cQuoted\xe2\x80\x9d \xf0\x9f\x93\x9a 42%");
	html_release(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(html_escapes_text_and_attributes),
		cmocka_unit_test(html_repairs_invalid_utf8_nul_and_controls),
		cmocka_unit_test(html_keeps_valid_multibyte_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
