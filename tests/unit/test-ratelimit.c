/*
 * test-ratelimit.c - the per-address token buckets and the client address
 * they count by (collector/ratelimit.c).
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
	struct ratelimit *rl = ratelimit_new(1);
	const unsigned char a[4] = { 10, 0, 0, 1 }, b[4] = { 10, 0, 0, 2 };

	assert_true(ratelimit_take(rl, a, 4, 3, 3, 100.0));
	assert_true(ratelimit_take(rl, a, 4, 3, 3, 100.0));
	assert_true(ratelimit_take(rl, a, 4, 3, 3, 100.0));
	assert_false(ratelimit_take(rl, a, 4, 3, 3, 100.5));
	assert_true(ratelimit_take(rl, b, 4, 3, 3, 100.5)); /* others */
	assert_true(ratelimit_take(rl, a, 4, 3, 3, 120.5)); /* 20 s: 1 */
	assert_false(ratelimit_take(rl, a, 4, 3, 3, 120.6));
	ratelimit_free(rl);
	rl = ratelimit_new(0);                  /* 0: off */
	for (int i = 0; i < 100; i++)
		assert_true(ratelimit_take(rl, a, 4, 3, 3, 1.0));
	ratelimit_free(rl);
}

static void ratelimit_client_trusts_only_the_proxy(void **state)
{
	const unsigned char peer[4] = { 10, 0, 0, 1 }, proxy[4] = { 10, 0, 0, 9 };
	const unsigned char want[4] = { 192, 0, 2, 7 };
	unsigned char out[16];

	/* not the proxy: the header is the client's own and ignored */
	assert_int_equal(ratelimit_client(peer, 4, proxy, 4, "192.0.2.7", out), 4);
	assert_memory_equal(out, peer, 4);
	/* the proxy: the address it appended, last */
	assert_int_equal(ratelimit_client(proxy, 4, proxy, 4,
					  "1.2.3.4, 192.0.2.7", out), 4);
	assert_memory_equal(out, want, 4);
	assert_int_equal(ratelimit_client(proxy, 4, proxy, 4, "2001:db8::1",
					  out), 16);
	assert_int_equal(ratelimit_client(proxy, 4, proxy, 4, "junk", out), 4);
	assert_memory_equal(out, proxy, 4);
	assert_int_equal(ratelimit_client(proxy, 4, NULL, 0, "192.0.2.7", out),
			 4);
	assert_memory_equal(out, proxy, 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ratelimit_allows_a_burst_then_refills),
		cmocka_unit_test(ratelimit_client_trusts_only_the_proxy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
