/*
 * test-accesslog.c - access-log lines (collector/accesslog.c): formatted
 * without printf, they are byte for byte what "access: %s %s %s %s %zu
 * %ldus" through a 2048-byte buffer and log_escape() gave, for plain
 * requests, hostile methods and paths, and paths past the line's limit;
 * but a backslash in the path is written \x5c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include "accesslog.h"
#include "buf.h"
#include "util.h"

/* The line as the printf version made it, with its newline, onto want. */
static void old_line(struct buf *want, const struct accesslog_entry *e)
{
	char line[2048], out[4 * sizeof(line) + 1], status[16];

	if (e->status)
		snprintf(status, sizeof(status), "%d", e->status);
	else
		snprintf(status, sizeof(status), "-");
	if (e->addr)
		snprintf(line, sizeof(line), "access: %s %s %s %s %zu %ldus",
			 e->addr, e->method, e->path, status, e->bytes, e->us);
	else
		snprintf(line, sizeof(line), "access: %s %s %s %zu %ldus",
			 e->method, e->path, status, e->bytes, e->us);
	log_escape(out, sizeof(out) - 1, line);
	buf_adds(want, out);
	buf_addc(want, '\n');
}

static void lines_match_the_printf_format(void **state)
{
	char longpath[3000], ctlpath[2100], cut[2100];
	const struct accesslog_entry e[] = {
		{ NULL, "GET", "/f/event-feedback/bench", 200, 12492, 57 },
		{ "127.0.0.1", "POST", "/f/x", 303, 0, 1234567 },
		{ "-", "GET", "/", 0, 0, 0 },
		{ NULL, "G\r\nET", "/x\r\naccess: 127.0.0.1 GET /forged 200",
		  404, 5, 9 },
		{ NULL, "GET", "/caf\xc3\xa9/\xe2\x82\xac/\x7f/\xc3/\xff\xfe",
		  404, 1, 2 },
		{ "::1", "BREW", longpath, 414, 18446744073709551615ULL, -3 },
		{ NULL, "GET", ctlpath, 404, 10, 10 },
		{ NULL, "GET", cut, 404, 10, 10 },
	};
	struct buf want = BUF_INIT;
	struct accesslog *l;
	FILE *f = tmpfile();
	char *got;
	long size;

	(void)state;
	/* a long path with a 2-byte letter across the 2047-byte cut, and
	 * one with a 3-byte letter across it ("access: GET " is 12 bytes) */
	memset(longpath, 'a', sizeof(longpath) - 1);
	longpath[sizeof(longpath) - 1] = '\0';
	for (size_t i = 1; i + 1 < sizeof(longpath); i += 2)
		if (i > 2000) {
			longpath[i] = '\xc3';
			longpath[i + 1] = '\xa9';
		}
	/* escaped, it is larger than a block: written apart, in order */
	memset(ctlpath, '\x01', sizeof(ctlpath) - 1);
	ctlpath[sizeof(ctlpath) - 1] = '\0';
	memset(cut, '/', sizeof(cut) - 1);
	cut[sizeof(cut) - 1] = '\0';
	cut[2033] = '\xe2';
	cut[2034] = '\x82';
	cut[2035] = '\xac';
	assert_non_null(f);
	assert_int_equal(accesslog_open(&l, fileno(f)), 0);
	for (size_t r = 0; r < 3; r++)
		for (size_t i = 0; i < sizeof(e) / sizeof(e[0]); i++) {
			accesslog_request(l, &e[i]);
			old_line(&want, &e[i]);
		}
	accesslog_close(l);
	size = ftell(f);
	assert_int_equal((size_t)size, want.len);
	got = malloc((size_t)size);
	assert_int_equal(pread(fileno(f), got, (size_t)size, 0), size);
	assert_memory_equal(got, want.s, want.len);
	free(got);
	buf_release(&want);
	fclose(f);
}

/*
 * -bad- a backslash in the path is written \x5c: "/\x0aforged" as sent
 * does not read as a newline escaped by the log.
 */
static void backslash_in_the_path_is_escaped(void **state)
{
	const struct accesslog_entry e = { NULL, "GET", "/\\x0aforged\\",
					   404, 1, 2 };
	static const char want[] = "access: GET /\\x5cx0aforged\\x5c 404 1 2us\n";
	struct accesslog *l;
	FILE *f = tmpfile();
	char got[sizeof(want)];

	(void)state;
	assert_non_null(f);
	assert_int_equal(accesslog_open(&l, fileno(f)), 0);
	accesslog_request(l, &e);
	accesslog_close(l);
	assert_int_equal(ftell(f), (long)sizeof(want) - 1);
	assert_int_equal(pread(fileno(f), got, sizeof(want) - 1, 0),
			 (ssize_t)sizeof(want) - 1);
	assert_memory_equal(got, want, sizeof(want) - 1);
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lines_match_the_printf_format),
		cmocka_unit_test(backslash_in_the_path_is_escaped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
