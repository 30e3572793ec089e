/*
 * test-ratelimit.c - the per-address submission limiter
 * (collector/ratelimit.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ratelimit.h"

static void ratelimit_allows_a_burst_then_refills(void **state)
{
	struct ratelimit *rl = ratelimit_new(3);
	const unsigned char a[4] = { 10, 0, 0, 1 }, b[4] = { 10, 0, 0, 2 };

	assert_true(ratelimit_take(rl, a, 4, 100.0));
	assert_true(ratelimit_take(rl, a, 4, 100.0));
	assert_true(ratelimit_take(rl, a, 4, 100.0));
	assert_false(ratelimit_take(rl, a, 4, 100.5));
	assert_true(ratelimit_take(rl, b, 4, 100.5));      /* others unaffected */
	assert_true(ratelimit_take(rl, a, 4, 120.5));      /* 20 s: one more */
	assert_false(ratelimit_take(rl, a, 4, 120.6));
	ratelimit_free(rl);
	rl = ratelimit_new(0);                              /* 0: off */
	for (int i = 0; i < 100; i++)
		assert_true(ratelimit_take(rl, a, 4, 1.0));
	ratelimit_free(rl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ratelimit_allows_a_burst_then_refills),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
