/*
 * test-cache.c - the rendered-page cache (collector/cache.c) and the
 * per-thread event cache (collector/event-cache.c).
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

#include "cache.h"
#include "event-cache.h"
#include "store.h"
#include "util.h"

static char dir[64], path[128];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "%s", "/tmp/test-cache.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/t.db", dir);
	return 0;
}

static int teardown(void **state)
{
	static const char *const names[] = { "t.db", "t.db-wal", "t.db-shm" };
	char p[160];

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		snprintf(p, sizeof(p), "%s/%s", dir, names[i]);
		unlink(p);
	}
	return rmdir(dir);
}

static void page_spliced_then_forgotten_by_clear(void **state)
{
	struct render_cache *c = cache_new();
	struct buf out = BUF_INIT;

	(void)state;
	assert_int_equal(cache_get(c, "k", "T", &out), 0);
	cache_put(c, "k", "<p>ab</p>", 9, 4);
	cache_put(c, "other", "x", 1, 0);
	assert_int_equal(cache_get(c, "k", "TOKEN", &out), 1);
	assert_string_equal(out.s, "<p>aTOKENb</p>");
	cache_clear(c);
	buf_reset(&out);
	assert_int_equal(cache_get(c, "k", "T", &out), 0);
	assert_int_equal(cache_get(c, "other", NULL, &out), 0);
	assert_int_equal(out.len, 0);
	cache_put(c, "k", "new", 3, 3);
	assert_int_equal(cache_get(c, "k", "!", &out), 1);
	assert_string_equal(out.s, "new!");
	buf_release(&out);
	cache_free(c);
}

/*
 * An event read once is served from memory while nothing is committed,
 * and read again after another connection's commit; unknown keys too.
 */
static void event_cache_follows_other_connections(void **state)
{
	struct store *w, *r;
	struct event_cache *ec = evcache_new();
	struct event e = { .key = "ev", .form = "f", .title = "One",
			   .date = "2026-01-02", .attendees = -1 };
	struct event got;

	(void)state;
	assert_int_equal(store_open(&w, path, 0), 0);
	assert_int_equal(store_event_add(w, &e), 0);
	assert_int_equal(store_open(&r, path, STORE_READONLY), 0);
	assert_int_equal(evcache_find(ec, r, "ev", &got), 1);
	assert_string_equal(got.title, "One");
	assert_int_equal(got.responses, -1);
	event_release(&got);
	assert_int_equal(evcache_find(ec, r, "none", &got), 0);
	e.title = "Two";
	assert_int_equal(store_event_update(w, &e), 0);
	assert_int_equal(evcache_find(ec, r, "ev", &got), 1);
	assert_string_equal(got.title, "Two");
	event_release(&got);
	e.key = "none";
	assert_int_equal(store_event_add(w, &e), 0);
	assert_int_equal(evcache_find(ec, r, "none", &got), 1);
	event_release(&got);
	evcache_free(ec);
	store_close(r);
	store_close(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(page_spliced_then_forgotten_by_clear),
		cmocka_unit_test_setup_teardown(
			event_cache_follows_other_connections, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
