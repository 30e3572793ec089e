/*
 * date.h - calendar arithmetic (days from civil dates and back), month and
 * weekday names, YYYY-MM-DD and 'YYYY-MM-DD HH:MM' parsing as local time,
 * and dates and times as plain text for people. The only place that does
 * date arithmetic; HTML and PDF writers escape or draw its text.
 */
#ifndef SIGSURVEY_DATE_H
#define SIGSURVEY_DATE_H

#include "buf.h"

#define DATE_YMD_SIZE 11        /* "YYYY-MM-DD" and its NUL */

/*
 * Days since 1970-01-01 of the proleptic Gregorian date y-m-d (m 1..12,
 * d 1..31; not checked: out-of-range days count on). Negative before 1970.
 */
long date_days_from_civil(int y, int m, int d);

/* The date of day number z (days since 1970-01-01) into *y, *m, *d. */
void date_civil_from_days(long z, int *y, int *m, int *d);

/* Day of the week of day number z: 0 Sunday .. 6 Saturday. */
int date_weekday(long z);

/* 1 when y is a leap year of the Gregorian calendar. */
int date_is_leap(int y);

/* Days in month m (1..12) of year y; 0 for a month out of range. */
int date_month_days(int y, int m);

/*
 * English names: month m 1..12 ("March"), its three-letter form ("Mar"),
 * weekday wd 0..6 from Sunday ("Tuesday"). Static strings; "?" when the
 * number is out of range.
 */
const char *date_month_name(int m);
const char *date_month_abbr(int m);
const char *date_weekday_name(int wd);

/* 1 when s is a real calendar date written YYYY-MM-DD (year 1900 on). */
int date_valid(const char *s);

/*
 * Parses a date YYYY-MM-DD (as date_valid() accepts) into its day number.
 * Returns 0, or -1 when s is not one (nothing logged: bad input is the
 * caller's to report).
 */
int date_ymd_days(const char *s, long *days);

/* Writes day number z as "YYYY-MM-DD" into out. */
void date_days_ymd(long z, char out[DATE_YMD_SIZE]);

/* Writes the UTC day of unix time t as "YYYY-MM-DD" into out. */
void date_utc_day(long long t, char out[DATE_YMD_SIZE]);

/* Writes the local day of unix time t as "YYYY-MM-DD" into out. */
void date_local_day(long long t, char out[DATE_YMD_SIZE]);

/*
 * Time zones (site.yaml's timezone:). date_zone_valid: 1 when name is
 * a zone of the system's database, a file under /usr/share/zoneinfo
 * ("Europe/London", "America/New_York", "UTC"). date_zone_set: makes
 * name the process's local time (TZ, then tzset) for every later local
 * time, mktime and SQLite 'localtime'; call it before threads start.
 * date_zone_name: the zone in use (the one set, else the system's from
 * /etc/localtime, else "UTC") into out.
 */
int date_zone_valid(const char *name);
void date_zone_set(const char *name);
void date_zone_name(char *out, size_t size);

/*
 * Parses local time written 'YYYY-MM-DD HH:MM', 'YYYY-MM-DDTHH:MM' (as
 * an HTML datetime-local field sends it) or a bare 'YYYY-MM-DD' (00:00
 * that day) into unix seconds, through mktime() with tm_isdst = -1 so
 * summer time is the system's. Returns 0, or -1 when s is none of these
 * or names a time that does not exist (nothing logged).
 */
int date_parse_local(const char *s, long long *out);

/*
 * 00:00 local time, days days after the day of ymd (YYYY-MM-DD) or, when
 * ymd is NULL, after the local day of unix time t, into *out. Returns 0,
 * or -1 when ymd is not a date or the time does not exist.
 */
int date_local_midnight(const char *ymd, long long t, long days,
			long long *out);

/*
 * Appends unix time t as local 'YYYY-MM-DD HH:MM' to out, with sep
 * (' ' or 'T') between the date and the time. Appends nothing when the
 * system cannot convert t.
 */
void date_local_add(struct buf *out, long long t, char sep);

/*
 * Appends the date ymd as people read it, "Tuesday 3 March 2026". When
 * ymd is not a date it is appended as it is and -1 returned; else 0.
 * ymd NULL appends nothing and returns -1.
 */
int date_text(struct buf *out, const char *ymd);

/* Appends unix time t in local time as "3 March 2026 at 17:00". */
void date_time_text(struct buf *out, long long t);

#endif
