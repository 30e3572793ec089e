/*
 * test-qr.c - QR codes (collector/qr.c): a well-formed 1-bit PNG, and an
 * SVG whose label is escaped.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "html.h"
#include "qr.h"

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static void qr_png_is_well_formed(void **state)
{
	struct qr q;
	struct buf png = BUF_INIT;
	const unsigned char *d;
	int side;

	assert_int_equal(qr_make(&q, "http://127.0.0.1:8080/f/event-feedback/x"),
			 0);
	assert_true(q.width >= 21);
	qr_png(&q, 3, &png);
	d = (const unsigned char *)png.s;
	side = (q.width + 2 * QR_QUIET) * 3;
	assert_memory_equal(d, "\x89PNG\r\n\x1a\n", 8);
	assert_memory_equal(d + 12, "IHDR", 4);
	assert_int_equal(be32(d + 16), side);
	assert_int_equal(be32(d + 20), side);
	assert_int_equal(d[24], 1);                /* 1-bit */
	assert_int_equal(d[25], 0);                /* greyscale */
	assert_memory_equal(d + png.len - 8, "IEND\xae\x42\x60\x82", 8);
	buf_release(&png);
	qr_release(&q);
}

static void qr_svg_is_escaped_and_labelled(void **state)
{
	struct qr q;
	struct html h;

	assert_int_equal(qr_make(&q, "x"), 0);
	html_init(&h);
	qr_svg(&h, &q, "QR \"code\" <for> x");
	assert_non_null(strstr(h.b.s, "role=\"img\""));
	assert_non_null(strstr(h.b.s,
			       "aria-label=\"QR &quot;code&quot; &lt;for&gt; x\""));
	assert_non_null(strstr(h.b.s, "<path fill=\"#000\" d=\"M4 4h7v1h-7z"));
	html_release(&h);
	qr_release(&q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(qr_png_is_well_formed),
		cmocka_unit_test(qr_svg_is_escaped_and_labelled),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
