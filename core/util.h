/*
 * util.h - allocation that aborts on exhaustion, logging, small string checks.
 * Everything here is safe to call from any thread.
 */
#ifndef SIGSURVEY_UTIL_H
#define SIGSURVEY_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * What the compiler and analysers (gcc -fanalyzer, scan-build) should
 * know: MALLOC_LIKE returns fresh memory, NONNULL_RETURN never NULL,
 * ALLOC_SIZE(a[, b]) the size in bytes is argument a (times b).
 */
#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#define NORETURN __attribute__((noreturn))
#define MALLOC_LIKE __attribute__((malloc))
#define NONNULL_RETURN __attribute__((returns_nonnull))
#define ALLOC_SIZE(...) __attribute__((alloc_size(__VA_ARGS__)))
#else
#define PRINTF_LIKE(f, a)
#define NORETURN
#define MALLOC_LIKE
#define NONNULL_RETURN
#define ALLOC_SIZE(...)
#endif

/* Allocation: never returns NULL; out of memory aborts the process. */
MALLOC_LIKE NONNULL_RETURN ALLOC_SIZE(1) void *xmalloc(size_t n);
MALLOC_LIKE NONNULL_RETURN ALLOC_SIZE(1, 2)
void *xcalloc(size_t nmemb, size_t size);
NONNULL_RETURN ALLOC_SIZE(2) void *xrealloc(void *p, size_t n);
/* A copy of s; xstrdup(NULL) returns NULL, so it is not NONNULL_RETURN. */
MALLOC_LIKE char *xstrdup(const char *s);
MALLOC_LIKE NONNULL_RETURN char *xstrndup(const char *s, size_t n);

/*
 * Grow the array p (of *cap elements) so that it holds at least n elements.
 * Usage: ALLOC_GROW(v, n + 1, cap); v[n++] = x;
 * Afterwards p is never NULL, even when a count computed by the caller
 * wrapped around to 0.
 */
#define ALLOC_GROW(p, n, cap)                                              \
	do {                                                               \
		if ((size_t)(n) > (cap) || !(p)) {                         \
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
 * Core never ends the process for a failure: it returns -1 (die() is
 * cli/'s, for main() and command entry points); a programming error is
 * a BUG().
 */
int error(const char *fmt, ...) PRINTF_LIKE(1, 2);
void warning(const char *fmt, ...) PRINTF_LIKE(1, 2);
void info(const char *fmt, ...) PRINTF_LIKE(1, 2);
/* One line "program: level: message" (no level: "program: message"). */
void log_vprintf(const char *level, const char *fmt, va_list ap);
/* One line with no program name (the access log), escaped the same way. */
void log_line(const char *fmt, ...) PRINTF_LIKE(1, 2);
/*
 * Copies s into out (cap bytes, cap > 4) with every byte below 0x20, 0x7f
 * and every byte that is not part of valid UTF-8 written as \xNN, so that
 * text from a request can neither start a new log line nor send a
 * terminal escape. Always NUL-terminates; cuts at a character boundary.
 * Returns the length written. What log_line() does to its text.
 */
size_t log_escape(char *out, size_t cap, const char *s);

/*
 * BUG("...") is for what cannot happen unless the code is wrong (a size
 * overflow, a length past the end, a bad format string), never for bad
 * input or a failing system: it prints the file and line and aborts, as
 * git's BUG() does.
 */
#define BUG(...) bug_fl(__FILE__, __LINE__, __VA_ARGS__)
NORETURN void bug_fl(const char *file, int line, const char *fmt, ...)
	PRINTF_LIKE(3, 4);

/*
 * As git-compat-util.h does: the value of error(...) is visibly -1 at
 * every call, so the compiler and analysers follow "return error(...)"
 * paths as failures (not as "may return anything, even 0").
 */
static inline int const_error(void)
{
	return -1;
}
#define error(...) (error(__VA_ARGS__), const_error())
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

/*
 * The noun that goes with the count n in English text the committee
 * reads: one when n is 1, else many ("1 response", "0 responses",
 * "2 responses"). Returns one of its arguments (static strings).
 */
const char *plural(long long n, const char *one, const char *many);


/*
 * 1 when the host of url ("http://HOST[:PORT]/...") is one that only this
 * machine can reach: localhost, 127.0.0.0/8, ::1, or the unspecified
 * 0.0.0.0 and ::; also for NULL or a url without a host. 0 otherwise.
 */
int url_loopback(const char *url);

/*
 * Removes dir and everything under it, depth first, without following
 * symbolic links (nftw() with FTW_PHYS). Best effort: what cannot be
 * removed stays, silently (temporary directories of charts and
 * downloads). Accepts NULL.
 */
void remove_tree(const char *dir);

#endif
