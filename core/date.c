/*
 * date.c - calendar arithmetic and local-time text: the one place that
 * turns dates into day numbers and back, parses what people type as
 * local time, and writes dates and times in words.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "date.h"

static const char *const month_names[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};
static const char *const weekday_names[] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
	"Saturday",
};

/*
 * days_from_civil and civil_from_days are Howard Hinnant's algorithms,
 * "chrono-Compatible Low-Level Date Algorithms"
 * (https://howardhinnant.github.io/date_algorithms.html): a year is
 * counted from March so the leap day comes last, in 400-year eras of
 * 146097 days.
 */
long date_days_from_civil(int y, int m, int d)
{
	long yy = (long)y - (m <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;                             /* 0..399 */
	long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;     /* 0..146096 */

	return era * 146097 + doe - 719468;
}

void date_civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int date_weekday(long z)
{
	return (int)(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}

int date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_month_days(int y, int m)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30,
				     31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	return mdays[m - 1] + (m == 2 && date_is_leap(y));
}

const char *date_month_name(int m)
{
	return m >= 1 && m <= 12 ? month_names[m - 1] : "?";
}

const char *date_month_abbr(int m)
{
	static const char *const abbr[] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
	};

	return m >= 1 && m <= 12 ? abbr[m - 1] : "?";
}

const char *date_weekday_name(int wd)
{
	return wd >= 0 && wd <= 6 ? weekday_names[wd] : "?";
}

/* Digits s[0..n) as a number; -1 when one is not a digit. */
static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Splits the YYYY-MM-DD at the start of s (10 bytes); 0 or -1. */
static int split_ymd(const char *s, int *y, int *m, int *d)
{
	if (!s || strnlen(s, 10) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	*y = digits(s, 4);
	*m = digits(s + 5, 2);
	*d = digits(s + 8, 2);
	if (*y < 1900 || *d < 1 || *d > date_month_days(*y, *m))
		return -1;
	return 0;
}

int date_valid(const char *s)
{
	int y, m, d;

	return s && strlen(s) == 10 && split_ymd(s, &y, &m, &d) == 0;
}

int date_ymd_days(const char *s, long *days)
{
	int y, m, d;

	if (!date_valid(s) || split_ymd(s, &y, &m, &d) < 0)
		return -1;
	*days = date_days_from_civil(y, m, d);
	return 0;
}

void date_days_ymd(long z, char out[DATE_YMD_SIZE])
{
	int y, m, d;

	date_civil_from_days(z, &y, &m, &d);
	y = y < 0 ? 0 : y % 10000;        /* four digits, whatever z is */
	snprintf(out, DATE_YMD_SIZE, "%04u-%02u-%02u", (unsigned)y,
		 (unsigned)m % 100u, (unsigned)d % 100u);
}

void date_utc_day(long long t, char out[DATE_YMD_SIZE])
{
	long long z = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);

	date_days_ymd((long)z, out);
}

int date_parse_local(const char *s, long long *out)
{
	struct tm tm = { 0 };
	size_t n = s ? strlen(s) : 0;
	int y, m, d, hh = 0, mm = 0;
	time_t t;

	if ((n != 10 && n != 16) || split_ymd(s, &y, &m, &d) < 0)
		return -1;
	if (n == 16) {
		if ((s[10] != ' ' && s[10] != 'T') || s[13] != ':')
			return -1;
		hh = digits(s + 11, 2);
		mm = digits(s + 14, 2);
		if (hh < 0 || hh > 23 || mm < 0 || mm > 59)
			return -1;
	}
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = hh;
	tm.tm_min = mm;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	if (t == (time_t)-1)
		return -1;
	*out = (long long)t;
	return 0;
}

void date_local_add(struct buf *out, long long t, char sep)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!localtime_r(&tt, &tm))
		return;
	buf_addf(out, "%04d-%02d-%02d%c%02d:%02d", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, sep, tm.tm_hour, tm.tm_min);
}

int date_text(struct buf *out, const char *ymd)
{
	int y, m, d;

	if (!ymd)
		return -1;
	if (!date_valid(ymd) || split_ymd(ymd, &y, &m, &d) < 0) {
		buf_adds(out, ymd);
		return -1;
	}
	buf_addf(out, "%s %d %s %d",
		 date_weekday_name(date_weekday(date_days_from_civil(y, m, d))),
		 d, date_month_name(m), y);
	return 0;
}

void date_time_text(struct buf *out, long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!localtime_r(&tt, &tm))
		return;
	buf_addf(out, "%d %s %d at %02d:%02d", tm.tm_mday,
		 date_month_name(tm.tm_mon + 1), tm.tm_year + 1900,
		 tm.tm_hour, tm.tm_min);
}

int date_local_midnight(const char *ymd, long long t, long days,
			long long *out)
{
	struct buf local = BUF_INIT;
	char day[DATE_YMD_SIZE];
	long z;
	int ret = -1;

	if (!ymd) {
		date_local_add(&local, t, ' ');
		if (local.len < 10)
			goto out;
		buf_setlen(&local, 10);
		ymd = local.s;
	}
	if (date_ymd_days(ymd, &z) < 0)
		goto out;
	date_days_ymd(z + days, day);
	ret = date_parse_local(day, out);
out:
	buf_release(&local);
	return ret;
}

void date_local_day(long long t, char out[DATE_YMD_SIZE])
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!localtime_r(&tt, &tm) ||
	    !strftime(out, DATE_YMD_SIZE, "%Y-%m-%d", &tm))
		date_utc_day(t, out);
}

#define ZONEINFO "/usr/share/zoneinfo/"

int date_zone_valid(const char *name)
{
	char path[256];
	struct stat st;
	size_t n = name ? strlen(name) : 0;

	if (!n || n > 100 || name[0] == '/' || strstr(name, "..") ||
	    strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		   "0123456789_+-/") != n)
		return 0;
	snprintf(path, sizeof(path), ZONEINFO "%s", name);
	return !stat(path, &st) && S_ISREG(st.st_mode);
}

void date_zone_set(const char *name)
{
	setenv("TZ", name, 1);
	tzset();
}

void date_zone_name(char *out, size_t size)
{
	const char *tz = getenv("TZ");
	char link[256];
	ssize_t n;

	if (tz && *tz) {
		snprintf(out, size, "%s", tz + (*tz == ':'));
		return;
	}
	n = readlink("/etc/localtime", link, sizeof(link) - 1);
	if (n > 0) {
		const char *z;

		link[n] = '\0';
		z = strstr(link, "zoneinfo/");
		if (z) {
			z += 9;
			if (!strncmp(z, "Etc/", 4))   /* Etc/UTC: UTC */
				z += 4;
			snprintf(out, size, "%s", z);
			return;
		}
	}
	snprintf(out, size, "UTC");
}
