/*
 * util.h - allocation that aborts on exhaustion, logging, small string checks.
 * Everything here is safe to call from any thread.
 */
#ifndef SIGSURVEY_UTIL_H
#define SIGSURVEY_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#define NORETURN __attribute__((noreturn))
#else
#define PRINTF_LIKE(f, a)
#define NORETURN
#endif

/* Allocation: never returns NULL; out of memory aborts the process. */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);            /* xstrdup(NULL) returns NULL */
char *xstrndup(const char *s, size_t n);

/*
 * Grow the array p (of *cap elements) so that it holds at least n elements.
 * Usage: ALLOC_GROW(v, n + 1, cap); v[n++] = x;
 */
#define ALLOC_GROW(p, n, cap)                                              \
	do {                                                               \
		if ((size_t)(n) > (cap)) {                                 \
			size_t nc_ = (cap) < 8 ? 8 : (cap) * 2;            \
			while (nc_ < (size_t)(n))                          \
				nc_ *= 2;                                  \
			(p) = xrealloc((p), nc_ * sizeof(*(p)));           \
			(cap) = nc_;                                       \
		}                                                          \
	} while (0)

/*
 * Logging to stderr, one line each, prefixed with the program name.
 * Whatever the arguments hold, a line stays one line: bytes below 0x20,
 * 0x7f and bytes that are not valid UTF-8 are written as \xNN.
 * error() returns -1 so that "return error(...)" reads naturally.
 * die() is for main() and command entry points only, never request paths.
 */
int error(const char *fmt, ...) PRINTF_LIKE(1, 2);
void warning(const char *fmt, ...) PRINTF_LIKE(1, 2);
void info(const char *fmt, ...) PRINTF_LIKE(1, 2);
NORETURN void die(const char *fmt, ...) PRINTF_LIKE(1, 2);
/* One line with no program name (the access log), escaped the same way. */
void log_line(const char *fmt, ...) PRINTF_LIKE(1, 2);
void log_set_program(const char *name);
void log_set_quiet(int quiet);            /* suppresses info() */

/*
 * Decodes the UTF-8 character at s (left > 0 bytes available): returns its
 * length, 1 to 4, and stores its code point in *cp (cp may be NULL); 0
 * when the bytes there are not a valid character (truncated, overlong,
 * a surrogate, past U+10FFFF). A NUL byte is a valid character here.
 */
size_t utf8_decode(const char *s, size_t left, unsigned *cp);

/* 1 when s[0..len) is valid UTF-8 with no NUL byte and no overlong form. */
int utf8_valid(const char *s, size_t len);

/* 1 when s matches [a-z][a-z0-9_]* (question, option, form keys). */
int key_valid(const char *s);

/* 1 when s is a real calendar date written YYYY-MM-DD. */
int date_valid(const char *s);

#endif
