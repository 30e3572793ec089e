/*
 * test-run.c - the one spawner (core/run.c): the kept stderr is its end,
 * the deadline kills the whole process group, the exit status comes
 * back, argv is never read by a shell, pipes both ways.
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

#include "run.h"

static int run_sh(struct child *c, const char *script)
{
	static const char *argv[4];

	argv[0] = "/bin/sh";
	argv[1] = "-c";
	argv[2] = script;
	argv[3] = NULL;
	c->argv = argv;
	if (run_start(c) < 0)
		return -1;
	return run_finish(c);
}

static void stderr_tail_keeps_the_last_line(void **state)
{
	struct child c = CHILD_INIT;
	struct buf err = BUF_INIT;

	/* 100 KB of noise in lines, then the line that says what went wrong */
	run_sh(&c, "i=0; while [ $i -lt 2000 ]; do "
		   "echo 'noise noise noise noise noise noise noise noise "
		   "noise' >&2; i=$((i+1)); done; "
		   "echo 'fatal: the decisive last line' >&2; exit 2");
	assert_int_equal(c.status, 2);
	assert_true(c.err.dropped > 90000);
	run_err_text(&c, &err);
	assert_true(err.len <= RUN_TAIL_MAX);
	assert_non_null(strstr(err.s, "fatal: the decisive last line\n"));
	assert_memory_equal(err.s, "noise", 5);   /* starts at a whole line */
	buf_release(&err);
	run_release(&c);
}

static void short_stderr_kept_whole(void **state)
{
	struct child c = CHILD_INIT;
	struct buf err = BUF_INIT;

	assert_int_equal(run_sh(&c, "echo one >&2; echo two >&2"), 0);
	run_err_text(&c, &err);
	assert_string_equal(err.s, "one\ntwo\n");
	buf_release(&err);
	run_release(&c);
}

/* 1 when pid is gone or a zombie (killed, not yet reaped by init). */
static int dead(long pid)
{
	char path[64], st[512];
	FILE *f;
	char *p;
	size_t n;

	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	f = fopen(path, "r");
	if (!f)
		return 1;
	n = fread(st, 1, sizeof(st) - 1, f);
	fclose(f);
	st[n] = '\0';
	p = strrchr(st, ')');
	return p && (p[2] == 'Z' || p[2] == 'X');
}

static void bad_child_past_deadline_killed_with_its_group(void **state)
{
	struct child c = CHILD_INIT;
	long long t0 = run_now_ms();
	long grandchild;
	int i;

	c.timeout_ms = 300;
	assert_int_equal(run_sh(&c, "sleep 30 & echo $!; sleep 30"), -1);
	assert_true(run_now_ms() - t0 < 5000);
	assert_true(c.timed_out);
	assert_int_equal(c.status, -1);
	assert_int_equal(c.term_signal, 9);
	grandchild = strtol(c.output.s, NULL, 10);
	assert_true(grandchild > 1);
	for (i = 0; i < 100 && !dead(grandchild); i++)
		usleep(10000);
	assert_true(dead(grandchild));
	run_release(&c);
}

static void exit_status_reported(void **state)
{
	struct child c = CHILD_INIT;

	assert_int_equal(run_sh(&c, "exit 3"), -1);
	assert_int_equal(c.status, 3);
	assert_false(c.timed_out);
	run_release(&c);
	assert_int_equal(run_sh(&c, "exit 0"), 0);
	assert_int_equal(c.status, 0);
	run_release(&c);
}

static void argv_not_read_by_a_shell(void **state)
{
	static const char arg[] = "a;b|c && $(touch x) `id` * > y 'q\"";
	const char *argv[] = { "/usr/bin/printf", "%s", arg, NULL };
	struct child c = CHILD_INIT;

	c.argv = argv;
	assert_int_equal(run_start(&c), 0);
	assert_int_equal(run_finish(&c), 0);
	assert_string_equal(c.output.s, arg);
	run_release(&c);
}

static void bad_program_refused_at_start(void **state)
{
	const char *argv[] = { "/nonexistent/program", NULL };
	struct child c = CHILD_INIT;

	c.argv = argv;
	assert_int_equal(run_start(&c), -1);
	assert_int_equal(c.pid, 0);
	run_release(&c);
}

static void bad_output_over_limit_kills(void **state)
{
	struct child c = CHILD_INIT;

	c.out_max = 1000;
	assert_int_equal(run_sh(&c, "head -c 100000 /dev/zero; sleep 30"), -1);
	assert_true(c.too_big);
	assert_true(c.output.len <= 1000);
	run_release(&c);
}

static void pipes_both_ways(void **state)
{
	const char *argv[] = { "/bin/cat", NULL };
	struct child c = CHILD_INIT;
	char got[16] = { 0 };

	c.argv = argv;
	c.pipe_in = c.pipe_out = 1;
	assert_int_equal(run_start(&c), 0);
	assert_int_equal(write(c.in, "hello\n", 6), 6);
	assert_int_equal(read(c.out, got, sizeof(got) - 1), 6);
	assert_string_equal(got, "hello\n");
	assert_int_equal(run_finish(&c), 0);
	run_release(&c);
}

static void own_group_unless_kept_in_ours(void **state)
{
	const char *argv[] = { "/bin/cat", NULL };
	struct child c = CHILD_INIT;

	c.argv = argv;
	c.pipe_in = 1;
	assert_int_equal(run_start(&c), 0);
	assert_int_equal(getpgid(c.pid), c.pid);
	assert_int_equal(run_finish(&c), 0);
	c.keep_group = 1;
	assert_int_equal(run_start(&c), 0);
	assert_int_equal(getpgid(c.pid), getpgrp());
	assert_int_equal(run_finish(&c), 0);
	run_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stderr_tail_keeps_the_last_line),
		cmocka_unit_test(short_stderr_kept_whole),
		cmocka_unit_test(bad_child_past_deadline_killed_with_its_group),
		cmocka_unit_test(exit_status_reported),
		cmocka_unit_test(argv_not_read_by_a_shell),
		cmocka_unit_test(bad_program_refused_at_start),
		cmocka_unit_test(bad_output_over_limit_kills),
		cmocka_unit_test(pipes_both_ways),
		cmocka_unit_test(own_group_unless_kept_in_ours),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
