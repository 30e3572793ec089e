/*
 * test-pdf.c - the PDF writer's text handling: cleaning (invalid UTF-8,
 * control characters, characters the font lacks), measuring and
 * wrapping at character boundaries, and a document that saves.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "pdf.h"
#include "util.h"

#define FFFD "\xef\xbf\xbd"

static int setup(void **state)
{
	*state = pdf_new(PDF_A4);
	return *state ? 0 : -1;
}

static int teardown(void **state)
{
	pdf_free(*state);
	return 0;
}

static void clean(struct pdf *p, const char *in, const char *want)
{
	struct buf b = BUF_INIT;

	pdf_clean(p, &b, in, 0);
	assert_string_equal(b.s, want);
	assert_true(utf8_valid(b.s, b.len));
	buf_release(&b);
}

static void test_clean(void **state)
{
	struct pdf *p = *state;
	size_t before = pdf_substitutions(p);

	clean(p, "Caf\xc3\xa9 Zo\xc3\xab \xc5\x81ukasik", "Caf\xc3\xa9 Zo\xc3\xab \xc5\x81ukasik");
	clean(p, "tab\there\nline\r", "tab here line");
	clean(p, "bell\x07 soft\xc2\xad hyphen", "bell soft hyphen");
	assert_int_equal(pdf_substitutions(p), before);
	clean(p, "bad \xff byte", "bad " FFFD " byte");
	clean(p, "emoji \xf0\x9f\x98\x80!", "emoji " FFFD "!");
	clean(p, "cut \xe2\x82", "cut " FFFD FFFD);
	assert_int_equal(pdf_substitutions(p), before + 4);
}

/*
 * Chinese, Japanese and Korean come from the fallback fonts (tools/deps.sh
 * installs them), drawn and measured, never replaced; emoji beyond the
 * Basic Multilingual Plane are still replaced (libharu 2.3 cannot).
 */
static void test_fallback_fonts(void **state)
{
	struct pdf *p = *state;
	size_t before = pdf_substitutions(p);

	clean(p, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",   /* Japanese */
	      "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e");
	clean(p, "\xe8\xae\xb2\xe5\xbe\x97\xe5\xbe\x88\xe6\xb8\x85\xe6\xa5\x9a",
	      "\xe8\xae\xb2\xe5\xbe\x97\xe5\xbe\x88\xe6\xb8\x85\xe6\xa5\x9a");
	clean(p, "\xed\x95\x9c\xea\xb5\xad", "\xed\x95\x9c\xea\xb5\xad"); /* Korean */
	clean(p, "\xe2\x98\xba", "\xe2\x98\xba");      /* a BMP smiley */
	assert_int_equal(pdf_substitutions(p), before);
	assert_true(pdf_width(p, PDF_REGULAR, 10, "\xe6\x97\xa5") > 5);
	p = pdf_new(PDF_A4);
	assert_non_null(p);
	assert_false(pdf_fallback_used(p));
	pdf_add_page(p);
	pdf_text(p, 50, 50, PDF_BOLD, 10, 0, "Bold \xe6\x97\xa5\xe6\x9c\xac text");
	assert_true(pdf_fallback_used(p));
	pdf_free(p);
}

static void test_width(void **state)
{
	struct pdf *p = *state;
	double a = pdf_width(p, PDF_REGULAR, 10, "a");
	double aa = pdf_width(p, PDF_REGULAR, 10, "aa");

	assert_true(a > 3 && a < 10);
	assert_true(aa > 1.99 * a && aa < 2.01 * a);
	assert_true(pdf_width(p, PDF_BOLD, 10, "m") >
		    pdf_width(p, PDF_REGULAR, 10, "m"));
	assert_true(pdf_width(p, PDF_REGULAR, 20, "x") >
		    1.99 * pdf_width(p, PDF_REGULAR, 10, "x"));
	assert_true(pdf_width(p, PDF_REGULAR, 10, "") == 0);
}

static void test_wrap(void **state)
{
	struct pdf *p = *state;
	struct pdf_lines l = { 0 };
	const char *word = "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
			   "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9";
	double w = pdf_width(p, PDF_REGULAR, 10, "\xc3\xa9") * 5.5;

	pdf_wrap(p, PDF_REGULAR, 10, "one two three four five six", 60, &l);
	assert_true(l.n >= 2);
	for (size_t i = 0; i < l.n; i++) {
		assert_true(pdf_width(p, PDF_REGULAR, 10, l.v[i]) <= 60);
		assert_true(l.v[i][0] != ' ');
	}
	pdf_lines_release(&l);

	/* a word longer than a line breaks between characters */
	pdf_wrap(p, PDF_REGULAR, 10, word, w, &l);
	assert_int_equal(l.n, 3);
	for (size_t i = 0; i < l.n; i++)
		assert_true(utf8_valid(l.v[i], strlen(l.v[i])));
	assert_string_equal(l.v[2], "\xc3\xa9\xc3\xa9");
	pdf_lines_release(&l);

	pdf_wrap(p, PDF_REGULAR, 10, "para one\n\npara two", 500, &l);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[1], "para two");
	pdf_lines_release(&l);

	pdf_wrap(p, PDF_REGULAR, 10, "   \n ", 500, &l);
	assert_int_equal(l.n, 0);
	pdf_lines_release(&l);
}

static void visual(struct pdf *p, const char *in, const char *want)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, in);
	pdf_visual_order(p, &b);
	assert_string_equal(b.s, want);
	buf_release(&b);
}

static void test_right_to_left(void **state)
{
	struct pdf *p = *state;

	visual(p, "plain text (1)", "plain text (1)");
	/* Hebrew: reversed, Latin and digits kept in order */
	visual(p, "abc \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d 12",
	       "abc \xd7\x9d\xd7\x95\xd7\x9c\xd7\xa9 12");
	/* Arabic salaam: initial seen, lam-alef final, isolated meem */
	visual(p, "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85",
	       "\xef\xbb\xa1\xef\xbb\xbc\xef\xba\xb3");
	/* two words: the space moves with the run */
	visual(p, "\xd7\x90\xd7\x91 \xd7\x92",
	       "\xd7\x92 \xd7\x91\xd7\x90");
}

static void test_save(void **state)
{
	struct pdf *p = *state;
	struct buf out = BUF_INIT;

	pdf_add_page(p);
	pdf_text(p, 50, 100, PDF_BOLD, 14, 0x222222, "Title \xe2\x9c\x93 \xf0\x9f\x98\x80");
	pdf_rect(p, 50, 120, 100, 20, 0x0072B2);
	pdf_line(p, 50, 150, 200, 150, 1, 0xCCCCCC);
	pdf_bookmark(p, 0, "Caf\xc3\xa9 \xe6\x97\xa5", 90);
	pdf_bookmark(p, 1, "Sub", 120);
	assert_int_equal(pdf_image_png(p, "not a png", 9, 0, 0, 10, 10), -1);
	pdf_set_info(p, "Report", "Org", 0);
	assert_int_equal(pdf_page_count(p), 1);
	assert_int_equal(pdf_save(p, &out), 0);
	assert_true(out.len > 1000);
	assert_memory_equal(out.s, "%PDF-", 5);
	buf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_fallback_fonts),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_right_to_left),
		cmocka_unit_test(test_save),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
