/*
 * test-date.c - calendar arithmetic (day numbers both ways, leap years),
 * month names, YYYY-MM-DD and local 'YYYY-MM-DD HH:MM' parsing, and dates
 * and times in words. Local-time cases run in Europe/London, which has
 * summer time.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "date.h"

static int london(void **state)
{
	setenv("TZ", "Europe/London", 1);
	tzset();
	return 0;
}

static void days_from_civil_known_days(void **state)
{
	assert_int_equal(date_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(date_days_from_civil(1969, 12, 31), -1);
	assert_int_equal(date_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(date_days_from_civil(2026, 3, 3), 20515);
	assert_int_equal(date_days_from_civil(1900, 1, 1), -25567);
}

static void civil_round_trip(void **state)
{
	for (long z = -800000; z < 800000; z += 13) {
		int y, m, d;
		char ymd[DATE_YMD_SIZE];
		long back = 0;

		date_civil_from_days(z, &y, &m, &d);
		assert_true(m >= 1 && m <= 12);
		assert_true(d >= 1 && d <= date_month_days(y, m));
		assert_int_equal(date_days_from_civil(y, m, d), z);
		if (y >= 1900 && y <= 9999) {
			date_days_ymd(z, ymd);
			assert_int_equal(date_ymd_days(ymd, &back), 0);
			assert_int_equal(back, z);
		}
	}
}

static void leap_years(void **state)
{
	assert_true(date_is_leap(2024));
	assert_true(date_is_leap(2000));
	assert_false(date_is_leap(1900));
	assert_false(date_is_leap(2026));
	assert_int_equal(date_month_days(2024, 2), 29);
	assert_int_equal(date_month_days(2026, 2), 28);
	assert_int_equal(date_month_days(2026, 4), 30);
	assert_int_equal(date_month_days(2026, 13), 0);
	assert_int_equal(date_days_from_civil(2024, 3, 1) -
			 date_days_from_civil(2024, 2, 28), 2);
	assert_int_equal(date_days_from_civil(2100, 3, 1) -
			 date_days_from_civil(2100, 2, 28), 1);
}

static void names_and_weekdays(void **state)
{
	assert_string_equal(date_month_name(3), "March");
	assert_string_equal(date_month_abbr(12), "Dec");
	assert_string_equal(date_month_name(0), "?");
	assert_string_equal(date_weekday_name(2), "Tuesday");
	assert_int_equal(date_weekday(0), 4);             /* a Thursday */
	assert_int_equal(date_weekday(-1), 3);
	assert_int_equal(date_weekday(date_days_from_civil(2026, 3, 3)), 2);
}

static void dates_must_exist(void **state)
{
	assert_true(date_valid("2026-11-20"));
	assert_true(date_valid("2024-02-29"));
	assert_true(date_valid("2000-02-29"));
	assert_false(date_valid("1900-02-29"));
	assert_false(date_valid("2026-02-29"));
	assert_false(date_valid("2026-04-31"));
	assert_false(date_valid("2026-13-01"));
	assert_false(date_valid("2026-1-01"));
	assert_false(date_valid("20/11/2026"));
	assert_false(date_valid("2026-11-20 "));
	assert_false(date_valid(NULL));
}

static void bad_ymd_not_parsed(void **state)
{
	long z = 42;

	assert_int_equal(date_ymd_days("2026-02-30", &z), -1);
	assert_int_equal(date_ymd_days("", &z), -1);
	assert_int_equal(z, 42);
}

static void utc_days(void **state)
{
	char d[DATE_YMD_SIZE];

	date_utc_day(0, d);
	assert_string_equal(d, "1970-01-01");
	date_utc_day(-1, d);
	assert_string_equal(d, "1969-12-31");
	date_utc_day(1772582399, d);                     /* 23:59:59 UTC */
	assert_string_equal(d, "2026-03-03");
	date_utc_day(1772582400, d);
	assert_string_equal(d, "2026-03-04");
}

static void local_time_parsed_and_formatted(void **state)
{
	struct buf b = BUF_INIT;
	long long t = 0;

	assert_int_equal(date_parse_local("2026-03-03 17:00", &t), 0);
	assert_int_equal(t, 1772557200);                 /* GMT in March */
	assert_int_equal(date_parse_local("2026-03-03T17:00", &t), 0);
	assert_int_equal(t, 1772557200);
	assert_int_equal(date_parse_local("2026-07-01 09:30", &t), 0);
	assert_int_equal(t, 1782894600);                 /* BST: 08:30 UTC */
	date_local_add(&b, t, ' ');
	assert_string_equal(b.s, "2026-07-01 09:30");
	buf_reset(&b);
	date_local_add(&b, t, 'T');
	assert_string_equal(b.s, "2026-07-01T09:30");
	buf_release(&b);
}

/* Today's meaning of a bare date for --closes: midnight at its start. */
static void bare_date_is_midnight_local(void **state)
{
	long long t = 0, u = 0;

	assert_int_equal(date_parse_local("2026-12-01", &t), 0);
	assert_int_equal(date_parse_local("2026-12-01 00:00", &u), 0);
	assert_int_equal(t, u);
	assert_int_equal(t, 1796083200);
}

static void bad_local_times_refused(void **state)
{
	static const char *const bad[] = {
		"", "2026-11-20-09:00", "2026-13-01", "2026-11-20 24:00",
		"2026-11-20 09:60", "2026-11-20 9:00", "2026-11-20 09:00:00",
		"2026-02-29 10:00", "2026-11-20x09:00", "tomorrow",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		long long t = 7;

		assert_int_equal(date_parse_local(bad[i], &t), -1);
		assert_int_equal(t, 7);
	}
	assert_int_equal(date_parse_local(NULL, NULL), -1);
}

static void dates_in_words(void **state)
{
	struct buf b = BUF_INIT;

	assert_int_equal(date_text(&b, "2026-03-03"), 0);
	assert_string_equal(b.s, "Tuesday 3 March 2026");
	buf_reset(&b);
	assert_int_equal(date_text(&b, "2027-01-20"), 0);
	assert_string_equal(b.s, "Wednesday 20 January 2027");
	buf_reset(&b);
	date_time_text(&b, 1772557200);
	assert_string_equal(b.s, "3 March 2026 at 17:00");
	buf_reset(&b);
	date_time_text(&b, 1782894600);
	assert_string_equal(b.s, "1 July 2026 at 09:30");
	buf_release(&b);
}

static void bad_date_text_kept_as_typed(void **state)
{
	struct buf b = BUF_INIT;

	assert_int_equal(date_text(&b, "soon <b>"), -1);
	assert_string_equal(b.s, "soon <b>");
	buf_reset(&b);
	assert_int_equal(date_text(&b, NULL), -1);
	assert_string_equal(b.s, "");
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(days_from_civil_known_days),
		cmocka_unit_test(civil_round_trip),
		cmocka_unit_test(leap_years),
		cmocka_unit_test(names_and_weekdays),
		cmocka_unit_test(dates_must_exist),
		cmocka_unit_test(bad_ymd_not_parsed),
		cmocka_unit_test(utc_days),
		cmocka_unit_test(local_time_parsed_and_formatted),
		cmocka_unit_test(bare_date_is_midnight_local),
		cmocka_unit_test(bad_local_times_refused),
		cmocka_unit_test(dates_in_words),
		cmocka_unit_test(bad_date_text_kept_as_typed),
	};

	return cmocka_run_group_tests(tests, london, NULL);
}
