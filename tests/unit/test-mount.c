/*
 * test-mount.c - the collector on its own: built and answering without
 * the committee area (nothing of admin/ is linked into this test), and
 * areas mounted under a first path segment with their open and close
 * hooks; a mount that takes a segment already in use is refused.
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

#include "collector.h"
#include "store.h"
#include "util.h"

struct fixture {
	char dir[64];
	char path[128];
	struct formset fs;
};

static int setup(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof(*fx));

	snprintf(fx->dir, sizeof(fx->dir), "%s", "/tmp/test-mount.XXXXXX");
	if (!mkdtemp(fx->dir))
		return -1;
	snprintf(fx->path, sizeof(fx->path), "%s/t.db", fx->dir);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	static const char *const names[] = { "t.db", "t.db-wal", "t.db-shm" };
	char p[256];

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		snprintf(p, sizeof(p), "%s/%s", fx->dir, names[i]);
		unlink(p);
	}
	rmdir(fx->dir);
	free(fx);
	return 0;
}

/* Starts c over the fixture's database with opt (db_path filled in). */
static int start(struct fixture *fx, struct collector *c,
		 struct collector_options *opt)
{
	struct store *db;

	opt->db_path = fx->path;
	if (store_open(&db, fx->path, 0) < 0)
		return -1;
	return collector_init(c, opt, &fx->fs, db);
}

/* GET path: the status, with the body kept in *body when non-NULL. */
static int get(struct collector *c, const char *path, struct buf *body)
{
	struct http_request rq = { .method = HTTP_GET, .method_name = "GET" };
	struct http_response rs = { .status = 200 };
	int status;

	rq.path = xstrdup(path);
	rq.query = xstrdup("");
	buf_init(&rq.body);
	buf_init(&rs.body);
	assert_int_equal(collector_handle(c, &rq, &rs), 0);
	status = rs.status;
	if (body)
		buf_add(body, rs.body.s, rs.body.len);
	buf_release(&rs.body);
	buf_release(&rq.body);
	free(rs.location);
	free(rs.etag);
	free(rs.set_cookie);
	free(rs.disposition);
	free(rq.path);
	free(rq.query);
	return status;
}

static void collector_answers_without_any_mount(void **state)
{
	struct fixture *fx = *state;
	struct collector_options opt = { .min_fill_seconds = 3 };
	struct collector c;
	struct buf body = BUF_INIT;

	assert_int_equal(start(fx, &c, &opt), 0);
	assert_int_equal(get(&c, "/health", NULL), 200);
	assert_int_equal(get(&c, "/admin", &body), 404);
	assert_non_null(strstr(body.s, "Page not found"));
	assert_int_equal(get(&c, "/admin/users", NULL), 404);
	collector_release(&c);
	buf_release(&body);
}

struct area {
	int opened, closed, calls;
	struct collector *seen;
	char last[64];
};

static int area_open(void *ctx, struct collector *c, struct store *db)
{
	struct area *a = ctx;

	a->opened++;
	a->seen = c;
	return db ? 0 : -1;
}

static void area_close(void *ctx)
{
	((struct area *)ctx)->closed++;
}

static int area_handle(void *ctx, struct page *p)
{
	struct area *a = ctx;

	a->calls++;
	snprintf(a->last, sizeof(a->last), "%zu:%s", p->nseg,
		 p->nseg > 1 ? p->seg[1] : "");
	p->rs->status = 204;
	return 0;
}

static void mount_gets_its_segment_and_hooks(void **state)
{
	struct fixture *fx = *state;
	struct area area = { 0 };
	struct collector_mount m = { "area", area_handle, area_open,
				     area_close, &area };
	struct collector_options opt = { .mounts = &m, .nmounts = 1 };
	struct collector c;

	assert_int_equal(start(fx, &c, &opt), 0);
	assert_int_equal(area.opened, 1);
	assert_ptr_equal(area.seen, &c);
	assert_int_equal(get(&c, "/area", NULL), 204);
	assert_int_equal(get(&c, "/area/x", NULL), 204);
	assert_string_equal(area.last, "2:x");
	assert_int_equal(get(&c, "/areas", NULL), 404);
	assert_int_equal(get(&c, "/health", NULL), 200);
	assert_int_equal(area.calls, 2);
	collector_release(&c);
	assert_int_equal(area.closed, 1);
}

static void bad_mount_on_a_taken_segment(void **state)
{
	struct fixture *fx = *state;
	struct area area = { 0 };
	struct collector_mount m[2] = {
		{ "f", area_handle, area_open, area_close, &area },
		{ "x", area_handle, NULL, NULL, &area },
	};
	struct collector_options opt = { .mounts = m, .nmounts = 1 };
	struct collector c;

	assert_int_equal(start(fx, &c, &opt), -1);
	assert_int_equal(area.opened, 0);
	assert_int_equal(area.closed, 1);
	m[0].first = "x";
	opt.nmounts = 2;
	assert_int_equal(start(fx, &c, &opt), -1);
	m[0].first = "";
	opt.nmounts = 1;
	assert_int_equal(start(fx, &c, &opt), -1);
	assert_int_equal(area.opened, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			collector_answers_without_any_mount, setup, teardown),
		cmocka_unit_test_setup_teardown(
			mount_gets_its_segment_and_hooks, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_mount_on_a_taken_segment,
						setup, teardown),
	};

	log_set_quiet(1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
