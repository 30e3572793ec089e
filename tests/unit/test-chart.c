/*
 * test-chart.c - the gnuplot script generator: hostile labels come out
 * as inert single-quoted strings, data blocks hold only numbers, every
 * chart kind gives a well-formed script; PNG completeness; and, when
 * gnuplot is installed, the real process draws them and runs nothing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chart.h"
#include "util.h"

static const char *const hostile[] = {
	"it's \"quoted\" `touch pwned` $(touch pwned2)\nEOD\nsystem('touch pwned3')",
	"EOD",
	"back\\slash and 100% and @macro and \r\t ctrl\x01 \xc2\x85 end",
	"\xff\xfe invalid UTF-8 \xe2\x82",
	"Ünïcödé ✓ 日本",
};

static const char *const levels[] = {
	"Strongly disagree", "Dis'agree", "`touch pwned`", "Agree\nEOD",
	"Strongly agree",
};

/*
 * Checks the script's shape: data blocks hold numbers only, and every
 * command line has balanced single quotes with no backtick or double
 * quote outside them.
 */
static void assert_inert(const char *script)
{
	char *copy = xstrdup(script), *save = NULL;
	int in_data = 0;

	for (char *line = strtok_r(copy, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (in_data) {
			if (!strcmp(line, "EOD")) {
				in_data = 0;
				continue;
			}
			for (const char *p = line; *p; p++)
				if (!isdigit((unsigned char)*p) &&
				    !strchr(" .-+e", *p))
					fail_msg("data line not numeric: %s",
						 line);
			continue;
		}
		if (strstr(line, " << EOD")) {
			in_data = 1;
			continue;
		}
		for (const char *p = line; *p; p++) {
			if (*p == '\'') {
				for (p++; *p; p++)
					if (*p == '\'' && p[1] == '\'')
						p++;
					else if (*p == '\'')
						break;
				if (!*p)
					fail_msg("unclosed quote: %s", line);
			} else if (*p == '`' || *p == '"') {
				fail_msg("%c outside a quoted string: %s", *p,
					 line);
			} else if ((unsigned char)*p < 0x20 && *p != '\t') {
				fail_msg("control character in: %s", line);
			}
		}
	}
	assert_int_equal(in_data, 0);
	free(copy);
}

static struct chart make(enum chart_kind k, const char *const *labels,
			 size_t n, const double *v, const long *cnt)
{
	struct chart c = { .kind = k, .width = 480, .height = 150,
			   .nrows = n, .labels = labels, .value = v,
			   .count = cnt, .xlabel = hostile[0],
			   .ylabel = hostile[1] };

	if (k == CHART_LIKERT) {
		c.series = levels;
		c.nseries = 5;
	}
	return c;
}

static const double values[25] = { 10, 20, 5, 0, 7, 1, 2, 3, 4, 5, 6, 7, 8,
				   9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
				   19, 20 };
static const long counts[5] = { 10, 20, 5, 0, 7 };

static void test_hostile_labels(void **state)
{
	for (int k = CHART_HBAR; k <= CHART_TREND; k++) {
		struct buf b = BUF_INIT;
		struct chart c = make(k, hostile, 5, values, counts);

		chart_script(&b, &c, "/tmp/x'y.png", 7);
		assert_inert(b.s);
		/* the labels are still there, quote doubled, newline gone */
		assert_non_null(strstr(b.s, "'it''s \"quoted\" `touch pwned` "
					    "$(touch pwned2) EOD system"));
		assert_non_null(strstr(b.s, "'/tmp/x''y.png'"));
		assert_non_null(strstr(b.s, "SIGSURVEY-CHART 7"));
		assert_null(strstr(b.s, "\nEOD\nsystem"));
		buf_release(&b);
	}
}

/* Long likert items are set in full on two lines, never cut with "…". */
static void test_likert_long_labels(void **state)
{
	static const char *const items[] = {
		"The content was relevant to my interlibrary loan work.",
		"Short one.",
	};
	struct buf b = BUF_INIT;
	struct chart c = make(CHART_LIKERT, items, 2, values, counts);

	chart_script(&b, &c, "/tmp/l.png", 1);
	assert_inert(b.s);
	assert_non_null(strstr(b.s, "'The content was relevant to' at graph 0, "
			       "first 0 right offset -1,0.55\n"));
	assert_non_null(strstr(b.s, "'my interlibrary loan work.' at graph 0, "
			       "first 0 right offset -1,-0.55\n"));
	assert_non_null(strstr(b.s, "'Short one.' at graph 0, first 1 right "
			       "offset -1,0\n"));
	assert_null(strstr(b.s, "\xe2\x80\xa6' at graph"));
	assert_null(strstr(b.s, "set ytics ("));
	buf_release(&b);
	(void)state;
}

static void test_quote(void **state)
{
	struct buf b = BUF_INIT;

	chart_quote(&b, "a'b\nc\x7f" "d\xff", 0);
	assert_string_equal(b.s, "'a''b cd'");
	buf_reset(&b);
	chart_quote(&b, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 3);
	/* cut at a character boundary, with an ellipsis */
	assert_string_equal(b.s, "'\xc3\xa9\xc3\xa9\xe2\x80\xa6'");
	buf_reset(&b);
	chart_quote(&b, NULL, 0);
	assert_string_equal(b.s, "''");
	buf_release(&b);
}

static void test_tic_percent(void **state)
{
	static const char *const l[] = { "100% sure", "50%" };
	static const double v[] = { 1, 2 };
	struct chart c = make(CHART_VBAR, l, 2, v, NULL);
	struct buf b = BUF_INIT;

	chart_script(&b, &c, "/tmp/x.png", 1);
	/* tic labels are formats to gnuplot: % must be doubled */
	assert_non_null(strstr(b.s, "'100%% sure' 0"));
	buf_release(&b);
}

static void test_empty_chart(void **state)
{
	struct chart c = make(CHART_HBAR, NULL, 0, NULL, NULL);
	struct buf b = BUF_INIT;

	chart_script(&b, &c, "/tmp/x.png", 1);
	assert_non_null(strstr(b.s, "No answers"));
	assert_inert(b.s);
	buf_release(&b);
}

static void test_nonfinite(void **state)
{
	static const char *const l[] = { "a", "b" };
	const double v[] = { 0.0 / 0.0, 1.0 / 0.0 };
	struct chart c = make(CHART_TREND, l, 2, v, NULL);
	struct buf b = BUF_INIT;

	chart_script(&b, &c, "/tmp/x.png", 1);
	assert_null(strstr(b.s, "nan"));
	assert_null(strstr(b.s, "inf"));
	assert_inert(b.s);
	buf_release(&b);
}

/*
 * The n of each trend point sits in a row above the frame, where no
 * point can be (it once sat on the lowest value and hid low points).
 */
static void test_trend_counts_above_frame(void **state)
{
	static const char *const l[] = { "a", "b", "c" };
	const double v[] = { -81, 27, -81 };
	const long n[] = { 34, 176, 27 };
	struct chart c = make(CHART_TREND, l, 3, v, n);
	struct buf b = BUF_INIT;

	(void)state;
	c.ymin = -100;
	c.ymax = 100;
	chart_script(&b, &c, "/tmp/x.png", 1);
	assert_non_null(strstr(b.s, "set label 10 'n=34' at first 0, graph 1 "
				    "offset 0,0.8 center"));
	assert_non_null(strstr(b.s, "set label 12 'n=27' at first 2, graph 1 "));
	assert_non_null(strstr(b.s, "set tmargin"));
	assert_null(strstr(b.s, "sprintf('n=%d'"));
	assert_inert(b.s);
	buf_release(&b);
}

static const unsigned char png_ok[] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
	0, 0, 0, 2, 'a', 'b', 'C', 'D', 1, 2, 0, 0, 0, 0,
	0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82,
};

static void test_png_complete(void **state)
{
	unsigned char bad[sizeof(png_ok)];

	assert_true(chart_png_complete(png_ok, sizeof(png_ok)));
	for (size_t n = 0; n < sizeof(png_ok); n++)
		assert_false(chart_png_complete(png_ok, n));
	memcpy(bad, png_ok, sizeof(bad));
	bad[11] = 200;              /* a chunk longer than the file */
	assert_false(chart_png_complete(bad, sizeof(bad)));
	memcpy(bad, png_ok, sizeof(bad));
	bad[0] = 0;
	assert_false(chart_png_complete(bad, sizeof(bad)));
}

static void bad_missing_gnuplot(void **state)
{
	struct chart_proc *p = (struct chart_proc *)1;

	setenv("SIGSURVEY_GNUPLOT", "/nonexistent/gnuplot", 1);
	assert_int_equal(chart_open(&p, 5), -1);
	assert_null(p);
	unsetenv("SIGSURVEY_GNUPLOT");
}

static void test_render_for_real(void **state)
{
	char dir[] = "/tmp/sigsurvey-test-chart.XXXXXX";
	struct chart_proc *p = NULL;
	struct buf png = BUF_INIT;
	struct stat st;
	char old[4096];

	if (access("/usr/bin/gnuplot", X_OK))
		skip();
	assert_non_null(mkdtemp(dir));
	assert_non_null(getcwd(old, sizeof(old)));
	assert_int_equal(chdir(dir), 0);
	assert_int_equal(chart_open(&p, 20), 0);
	for (int k = CHART_HBAR; k <= CHART_TREND; k++) {
		struct chart c = make(k, hostile, 5, values, counts);

		assert_int_equal(chart_render(p, &c, &png), 0);
		assert_true(chart_png_complete((unsigned char *)png.s, png.len));
	}
	assert_int_equal(chart_close(p), 0);
	/* nothing ran: neither here nor in gnuplot's own directory */
	assert_int_not_equal(stat("pwned", &st), 0);
	assert_int_not_equal(stat("pwned2", &st), 0);
	assert_int_not_equal(stat("pwned3", &st), 0);
	assert_int_equal(chdir(old), 0);
	assert_int_equal(rmdir(dir), 0);
	buf_release(&png);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hostile_labels),
		cmocka_unit_test(test_quote),
		cmocka_unit_test(test_likert_long_labels),
		cmocka_unit_test(test_trend_counts_above_frame),
		cmocka_unit_test(test_tic_percent),
		cmocka_unit_test(test_empty_chart),
		cmocka_unit_test(test_nonfinite),
		cmocka_unit_test(test_png_complete),
		cmocka_unit_test(bad_missing_gnuplot),
		cmocka_unit_test(test_render_for_real),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
