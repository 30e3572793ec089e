/*
 * test-stats.c - report statistics: numeric summaries, NPS, code counts
 * and the per-event grouping, including the empty and degenerate cases.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "stats.h"

static void test_empty(void **state)
{
	struct numdist d = { 0 };
	struct numstats s;
	struct nps n;

	stats_num(&d, &s);
	assert_int_equal(s.n, 0);
	assert_true(s.mean == 0 && s.median == 0 && s.sd == 0);
	stats_nps(&d, &n);
	assert_int_equal(n.n, 0);
	assert_true(n.score == 0);
	assert_true(stats_pct(3, 0) == 0);
	numdist_release(&d);
}

static void test_one_response(void **state)
{
	struct numdist d = { 0 };
	struct numstats s;

	numdist_add(&d, 4, 1);
	stats_num(&d, &s);
	assert_int_equal(s.n, 1);
	assert_true(s.mean == 4 && s.median == 4 && s.min == 4 && s.max == 4);
	assert_true(s.sd == 0);
	assert_true(s.q1 == 4 && s.q3 == 4);
	numdist_release(&d);
}

static void test_median_even(void **state)
{
	struct numdist d = { 0 };
	struct numstats s;

	numdist_add(&d, 5, 1);
	numdist_add(&d, 1, 1);
	numdist_add(&d, 2, 1);
	numdist_add(&d, 4, 1);
	stats_num(&d, &s);
	assert_int_equal(s.n, 4);
	assert_true(s.median == 3);
	assert_true(s.mean == 3);
	assert_true(s.q1 == 1.5 && s.q3 == 4.5);
	assert_true(fabs(s.sd - sqrt(10.0 / 3.0)) < 1e-9);
	numdist_release(&d);
}

static void test_counts_merge(void **state)
{
	struct numdist d = { 0 };
	struct numstats s;

	numdist_add(&d, 3, 2);
	numdist_add(&d, 3, 3);
	numdist_add(&d, 1, 5);
	numdist_add(&d, 2, 0);          /* zero counts are ignored */
	numdist_add(&d, NAN, 4);        /* so are NaNs */
	assert_int_equal(d.n, 2);
	assert_int_equal(numdist_count(&d, 3), 5);
	assert_int_equal(numdist_count(&d, 2), 0);
	stats_num(&d, &s);
	assert_int_equal(s.n, 10);
	assert_true(s.median == 2);     /* mean of ranks 5 and 6: 1 and 3 */
	numdist_release(&d);
}

static void test_nps_edges(void **state)
{
	struct numdist d = { 0 };
	struct nps n;

	/* 6 is a detractor, 7 and 8 passives, 9 a promoter */
	numdist_add(&d, 6, 1);
	numdist_add(&d, 7, 1);
	numdist_add(&d, 8, 1);
	numdist_add(&d, 9, 1);
	stats_nps(&d, &n);
	assert_int_equal(n.n, 4);
	assert_int_equal(n.detractors, 1);
	assert_int_equal(n.passives, 2);
	assert_int_equal(n.promoters, 1);
	assert_true(n.score == 0);
	numdist_release(&d);

	numdist_add(&d, 10, 3);
	stats_nps(&d, &n);
	assert_true(n.score == 100);
	numdist_add(&d, 0, 9);
	numdist_add(&d, 11, 5);         /* out of range: ignored */
	stats_nps(&d, &n);
	assert_int_equal(n.n, 12);
	assert_true(n.score == -50);
	numdist_release(&d);

	numdist_add(&d, 0, 2);
	stats_nps(&d, &n);
	assert_true(n.score == -100);
	numdist_release(&d);
}

static void test_codes(void **state)
{
	struct codedist d = { 0 };

	codedist_add(&d, "a", 2);
	codedist_add(&d, "b", 1);
	codedist_add(&d, "a", 3);
	codedist_add(&d, NULL, 3);
	assert_int_equal(d.n, 2);
	assert_int_equal(d.total, 6);
	assert_int_equal(codedist_count(&d, "a"), 5);
	assert_int_equal(codedist_count(&d, "zz"), 0);
	codedist_release(&d);
}

static void test_groups(void **state)
{
	struct stats st;
	const struct group *g;
	const struct keystats *k;

	stats_init(&st);
	stats_add_responses(&st, "ev1", 3);
	stats_add_responses(&st, "ev2", 2);
	stats_add_responses(&st, NULL, 4);   /* standing-form responses */
	stats_add_code(&st, "ev1", "format", "webinar", 2);
	stats_add_code(&st, "ev2", "format", "webinar", 1);
	stats_add_num(&st, "ev1", "overall", 5, 3);
	stats_add_num(&st, NULL, "overall", 1, 4);
	stats_add_day(&st, "2026-03-01", 2);
	stats_add_day(&st, "2026-03-01", 1);
	stats_add_day(&st, "bad", 1);
	assert_int_equal(st.all.responses, 9);
	assert_int_equal(st.nev, 2);
	g = stats_event(&st, "ev1");
	assert_non_null(g);
	assert_int_equal(g->responses, 3);
	k = group_key(g, "overall");
	assert_non_null(k);
	assert_int_equal(k->nums.total, 3);
	k = group_key(&st.all, "overall");
	assert_int_equal(k->nums.total, 7);
	k = group_key(&st.all, "format");
	assert_int_equal(codedist_count(&k->codes, "webinar"), 3);
	assert_null(group_key(&st.all, "nothing"));
	assert_null(stats_event(&st, "ev3"));
	assert_null(stats_event(&st, NULL));
	assert_int_equal(st.ndays, 1);
	assert_int_equal(st.days[0].count, 3);
	stats_release(&st);
	stats_release(NULL);
}

static void test_all_skipped(void **state)
{
	struct stats st;

	/* responses, but nobody answered anything */
	stats_init(&st);
	stats_add_responses(&st, "ev1", 5);
	assert_null(group_key(&st.all, "overall"));
	assert_int_equal(st.all.responses, 5);
	stats_release(&st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_one_response),
		cmocka_unit_test(test_median_even),
		cmocka_unit_test(test_counts_merge),
		cmocka_unit_test(test_nps_edges),
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_all_skipped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
