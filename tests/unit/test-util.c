/*
 * test-util.c - buffers, UTF-8 validation, keys, loopback addresses,
 * error() and BUG() (dates: test-date.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "buf.h"
#include "util.h"

static void buf_starts_empty_and_printable(void **state)
{
	struct buf b = BUF_INIT;

	assert_non_null(b.s);
	assert_string_equal(b.s, "");
	buf_release(&b);               /* releasing an unused buffer is fine */
	assert_string_equal(b.s, "");
}

static void buf_grows_across_many_appends(void **state)
{
	struct buf b = BUF_INIT;

	for (int i = 0; i < 1000; i++)
		buf_addf(&b, "%d,", i);
	assert_int_equal(b.len, strlen(b.s));
	assert_memory_equal(b.s, "0,1,2,", 6);
	assert_string_equal(b.s + b.len - 4, "999,");
	buf_release(&b);
}

static void buf_addf_longer_than_first_guess(void **state)
{
	struct buf b = BUF_INIT;
	char big[500];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	buf_adds(&b, "a");
	buf_addf(&b, "[%s]", big);
	assert_int_equal(b.len, 1 + 2 + 499);
	assert_int_equal(b.s[b.len - 1], ']');
	buf_release(&b);
}

static void buf_detach_hands_over_storage(void **state)
{
	struct buf b = BUF_INIT;
	size_t len;
	char *s;

	s = buf_detach(&b, &len);      /* even an empty buffer gives a string */
	assert_int_equal(len, 0);
	assert_string_equal(s, "");
	free(s);
	buf_add(&b, "ab\0c", 4);
	s = buf_detach(&b, &len);
	assert_int_equal(len, 4);
	assert_memory_equal(s, "ab\0c", 5);
	assert_string_equal(b.s, "");
	free(s);
}

static void buf_setlen_truncates(void **state)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "hello world");
	buf_setlen(&b, 5);
	assert_string_equal(b.s, "hello");
	buf_reset(&b);
	assert_string_equal(b.s, "");
	buf_release(&b);
}

/*
 * Runs fn in a child with stderr captured in err (size n): returns the
 * signal that ended the child, or 0 when it exited.
 */
static int run_child(void (*fn)(void), char *err, size_t n)
{
	int fd[2], st = 0;
	size_t len = 0;
	ssize_t k;
	pid_t pid;

	assert_int_equal(pipe(fd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		dup2(fd[1], 2);
		close(fd[0]);
		fn();
		_exit(0);
	}
	close(fd[1]);
	while (len + 1 < n && (k = read(fd[0], err + len, n - 1 - len)) > 0)
		len += (size_t)k;
	err[len] = '\0';
	close(fd[0]);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	return WIFSIGNALED(st) ? WTERMSIG(st) : 0;
}

static void setlen_past_end(void)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "abc");
	buf_setlen(&b, 4);
}

/* A programming error aborts with where it happened; it never exits 1. */
static void bad_buf_setlen_past_end_is_a_bug(void **state)
{
	char err[512];

	assert_int_equal(run_child(setlen_past_end, err, sizeof(err)), SIGABRT);
	assert_non_null(strstr(err, "BUG: core/buf.c:"));
	assert_non_null(strstr(err, "buf_setlen beyond end"));
}

static int fail_with_error(void)
{
	return error("a failure, %d", 42);
}

static void error_returns_minus_one(void **state)
{
	int fd = dup(2), null = open("/dev/null", O_WRONLY);

	dup2(null, 2);
	assert_int_equal(fail_with_error(), -1);
	dup2(fd, 2);
	close(fd);
	close(null);
}

static void utf8_accepts_valid_text(void **state)
{
	const char *ok[] = { "", "plain", "Zoë Łukasik", "José Muñoz",
			     "図書館相互貸借", "Ελληνικά", "😀 emoji" };

	for (size_t i = 0; i < ARRAY_SIZE(ok); i++)
		assert_true(utf8_valid(ok[i], strlen(ok[i])));
}

static void bad_utf8_sequences_rejected(void **state)
{
	static const char *bad[] = {
		"\xc3",                 /* truncated two-byte */
		"\xc0\xaf",             /* overlong '/' */
		"\xe0\x80\xaf",         /* overlong three-byte */
		"\xed\xa0\x80",         /* UTF-16 surrogate */
		"\xf4\x90\x80\x80",     /* beyond U+10FFFF */
		"\xff",
		"a\x80z",               /* stray continuation */
	};

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		assert_false(utf8_valid(bad[i], strlen(bad[i])));
	assert_false(utf8_valid("a\0b", 3));   /* NUL is never data */
}

static void utf8_decode_gives_length_and_code_point(void **state)
{
	unsigned cp = 0;

	assert_int_equal(utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(utf8_decode("\xc3\xab", 2, &cp), 2);        /* ë */
	assert_int_equal(cp, 0xeb);
	assert_int_equal(utf8_decode("\xe5\x9b\xb3", 3, &cp), 3);    /* 図 */
	assert_int_equal(cp, 0x56f3);
	assert_int_equal(utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4); /* 😀 */
	assert_int_equal(cp, 0x1f600);
	assert_int_equal(utf8_decode("\xf0\x9f\x98\x80", 3, NULL), 0);
	assert_int_equal(utf8_decode("\xc0\xaf", 2, NULL), 0);
	assert_int_equal(utf8_decode("\xed\xa0\x80", 3, NULL), 0);
	assert_int_equal(utf8_decode("\x80", 1, NULL), 0);
}

static void keys_follow_the_pattern(void **state)
{
	assert_true(key_valid("overall"));
	assert_true(key_valid("next_topics2"));
	assert_false(key_valid(""));
	assert_false(key_valid(NULL));
	assert_false(key_valid("Overall"));
	assert_false(key_valid("2nd"));
	assert_false(key_valid("next-topics"));
	assert_false(key_valid("_x"));
}

static void loopback_urls_are_recognised(void **state)
{
	assert_true(url_loopback("http://127.0.0.1:8080/f/x"));
	assert_true(url_loopback("http://127.1.2.3"));
	assert_true(url_loopback("http://LOCALHOST:8080"));
	assert_true(url_loopback("http://app.localhost/"));
	assert_true(url_loopback("http://[::1]:8080/"));
	assert_true(url_loopback("http://0.0.0.0:8080/"));
	assert_true(url_loopback("http://user@127.0.0.1/"));
	assert_true(url_loopback("/f/x"));
	assert_true(url_loopback(NULL));
	assert_false(url_loopback("http://192.168.1.20:8080/f/x"));
	assert_false(url_loopback("https://feedback.example.org/sig"));
	assert_false(url_loopback("http://[fd00::2]:8080/"));
	assert_false(url_loopback("http://127.0.0.1.example.org/"));
	assert_false(url_loopback("http://localhost.example.org/"));
	assert_false(url_loopback("http://127.0.0.1@example.org/"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(buf_starts_empty_and_printable),
		cmocka_unit_test(buf_grows_across_many_appends),
		cmocka_unit_test(buf_addf_longer_than_first_guess),
		cmocka_unit_test(buf_detach_hands_over_storage),
		cmocka_unit_test(buf_setlen_truncates),
		cmocka_unit_test(bad_buf_setlen_past_end_is_a_bug),
		cmocka_unit_test(error_returns_minus_one),
		cmocka_unit_test(utf8_accepts_valid_text),
		cmocka_unit_test(bad_utf8_sequences_rejected),
		cmocka_unit_test(utf8_decode_gives_length_and_code_point),
		cmocka_unit_test(keys_follow_the_pattern),
		cmocka_unit_test(loopback_urls_are_recognised),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
