/*
 * test-stats.c - report statistics: numeric summaries, NPS, code counts
 * and the per-event grouping, including the empty and degenerate cases;
 * the figures shared by the PDF and the summary page (small-group rule,
 * per-event scores, Likert agreement).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
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

/* NPS of p promoters, d detractors and a passives, as text. */
static char *nps_of(long p, long d, long a)
{
	struct numdist nd = { 0 };
	struct buf b = BUF_INIT;
	struct nps n;

	numdist_add(&nd, 10, p);
	numdist_add(&nd, 0, d);
	numdist_add(&nd, 8, a);
	stats_nps(&nd, &n);
	stats_nps_text(&b, &n);
	numdist_release(&nd);
	return buf_detach(&b, NULL);
}

static void test_nps_rounding(void **state)
{
	char *s;

	(void)state;
	/* 3 of 8 promoters (37.5%), 2 of 8 detractors (25%): 12.5 is +13 */
	s = nps_of(3, 2, 3);
	assert_string_equal(s, "+13");
	free(s);
	s = nps_of(2, 3, 3);            /* -12.5: -13 */
	assert_string_equal(s, "-13");
	free(s);
	/* 1 promoter, 2 detractors, 248 passives: -0.4 is 0, not "-0" */
	s = nps_of(1, 2, 248);
	assert_string_equal(s, "0");
	free(s);
	s = nps_of(2, 1, 248);          /* +0.4: 0, not "+0" */
	assert_string_equal(s, "0");
	free(s);
	s = nps_of(0, 0, 0);            /* nobody answered: a dash */
	assert_string_equal(s, "\xe2\x80\x93");
	free(s);
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

/* ---- figures shared by the report and the summary page ---- */

static struct form_option agree5_levels[] = {
	{ "sd", "Strongly disagree" }, { "d", "Disagree" }, { "n", "Neutral" },
	{ "a", "Agree" }, { "sa", "Strongly agree" },
};
static struct scale agree5 = {
	.key = "agree5", .opts = { .v = agree5_levels, .n = 5 },
};
static struct form_option need4_levels[] = {
	{ "none", "None" }, { "some", "Some" }, { "much", "Much" },
	{ "all", "All" },
};
static struct scale need4 = {
	.key = "need4", .opts = { .v = need4_levels, .n = 4 },
};
static struct form_option items[] = {
	{ "relevant", "Relevant" }, { "clear", "Clear" }, { "pace", "Pace" },
	{ "venue", "Venue" },
};

static void make_form(struct form *f, struct question *q)
{
	memset(f, 0, sizeof(*f));
	memset(q, 0, 4 * sizeof(*q));
	q[0] = (struct question){ .key = "intro", .type = Q_SECTION };
	q[1] = (struct question){ .key = "overall", .type = Q_RATING,
				  .min = 1, .max = 5 };
	q[2] = (struct question){ .key = "recommend", .type = Q_NPS };
	q[3] = (struct question){ .key = "statements", .type = Q_LIKERT,
				  .scale = &agree5,
				  .items = { items, 4 } };
	f->q = q;
	f->nq = 4;
}

static void test_group_rule(void **state)
{
	assert_int_equal(STATS_MIN_GROUP, 5);
	assert_false(stats_group_shown(0, 5));
	assert_false(stats_group_small(0, 5));
	assert_false(stats_group_shown(4, 5));
	assert_true(stats_group_small(4, 5));
	assert_true(stats_group_shown(5, 5));
	assert_false(stats_group_small(5, 5));
	/* --min-group 0: every event with a response has figures */
	assert_true(stats_group_shown(1, 0));
	assert_false(stats_group_shown(0, 0));
}

/* n responses of event ev, each rating r and recommending nps. */
static void answers(struct stats *st, const char *ev, long n, double r,
		    double nps)
{
	stats_add_responses(st, ev, n);
	stats_add_num(st, ev, "overall", r, n);
	stats_add_num(st, ev, "recommend", nps, n);
}

static void test_trend_gather(void **state)
{
	struct form f;
	struct question q[4];
	struct event ev[4] = { { .key = "big" }, { .key = "small" },
			       { .key = "empty" }, { .key = "five" } };
	struct stats st;
	struct stats_trend t;
	struct stats_scores all;

	make_form(&f, q);
	stats_init(&st);
	answers(&st, "big", 4, 5, 10);      /* promoters */
	answers(&st, "big", 2, 2, 3);       /* detractors */
	answers(&st, "small", 2, 1, 0);
	answers(&st, "five", 5, 4, 8);      /* passives */
	stats_trend_gather(&t, &f, &st, ev, 4, STATS_MIN_GROUP);
	assert_ptr_equal(t.rating, &q[1]);
	assert_ptr_equal(t.nps, &q[2]);
	assert_int_equal(t.n, 2);
	assert_int_equal(t.hidden, 1);
	assert_ptr_equal(t.v[0].e, &ev[0]);
	assert_ptr_equal(t.v[1].e, &ev[3]);
	assert_int_equal(t.v[0].s.responses, 6);
	assert_int_equal(t.v[0].s.score.n, 6);
	assert_true(fabs(t.v[0].s.score.mean - 4.0) < 1e-9);
	assert_int_equal(t.v[0].s.nps.n, 6);
	/* 4 of 6 promoters, 2 of 6 detractors: 66.7 - 33.3 */
	assert_true(fabs(t.v[0].s.nps.score - 100.0 / 3.0) < 1e-9);
	assert_true(t.v[1].s.nps.score == 0);
	assert_true(stats_trend_shown(&t, "five"));
	assert_false(stats_trend_shown(&t, "small"));
	assert_false(stats_trend_shown(&t, NULL));
	stats_scores(&all, &f, &st.all);
	assert_int_equal(all.responses, 13);
	assert_int_equal(all.score.n, 13);
	stats_trend_release(&t);
	/* a lower threshold shows the small event too */
	stats_trend_gather(&t, &f, &st, ev, 4, 2);
	assert_int_equal(t.n, 3);
	assert_int_equal(t.hidden, 0);
	stats_trend_release(&t);
	stats_trend_release(NULL);
	stats_release(&st);
}

static void test_bad_scores_without_questions(void **state)
{
	struct form f = { 0 };
	struct question q = { .key = "comments", .type = Q_TEXT };
	struct stats st;
	struct stats_scores s;
	struct stats_trend t;
	struct event ev = { .key = "ev" };

	f.q = &q;
	f.nq = 1;
	stats_init(&st);
	answers(&st, "ev", 9, 3, 9);
	stats_scores(&s, &f, stats_event(&st, "ev"));
	assert_int_equal(s.responses, 9);
	assert_int_equal(s.score.n, 0);
	assert_int_equal(s.nps.n, 0);
	stats_scores(&s, &f, NULL);
	assert_int_equal(s.responses, 0);
	stats_trend_gather(&t, &f, &st, &ev, 1, 5);
	assert_null(t.rating);
	assert_null(t.nps);
	assert_int_equal(t.n, 1);
	assert_int_equal(t.v[0].s.score.n, 0);
	stats_trend_release(&t);
	stats_release(&st);
}

static void test_likert_gather(void **state)
{
	struct form f;
	struct question q[4];
	struct stats st;
	struct stats_likert l;

	make_form(&f, q);
	stats_init(&st);
	/* relevant: 3 of 4 agree (75%), the neutral answer not counted */
	stats_add_code(&st, "ev", "relevant", "sa", 2);
	stats_add_code(&st, "ev", "relevant", "a", 1);
	stats_add_code(&st, "ev", "relevant", "n", 1);
	/* clear: 1 of 4 (25%) */
	stats_add_code(&st, "ev", "clear", "a", 1);
	stats_add_code(&st, "ev", "clear", "d", 2);
	stats_add_code(&st, "ev", "clear", "sd", 1);
	/* pace: 3 of 4 like relevant: the tie keeps the form's order */
	stats_add_code(&st, "ev", "pace", "a", 3);
	stats_add_code(&st, "ev", "pace", "n", 1);
	/* venue: nobody answered */
	assert_int_equal(stats_likert_gather(&l, &st.all, &q[3]), 4);
	assert_int_equal(l.n, 4);
	assert_ptr_equal(l.levels, &agree5.opts);
	assert_string_equal(l.v[0].item->code, "relevant");
	assert_string_equal(l.v[1].item->code, "pace");
	assert_string_equal(l.v[2].item->code, "clear");
	assert_string_equal(l.v[3].item->code, "venue");
	assert_int_equal(l.v[0].agree, 3);
	assert_true(l.v[0].agree_pct == 75);
	assert_true(l.v[2].agree_pct == 25);
	assert_int_equal(l.v[3].n, 0);
	assert_true(l.v[3].agree_pct == 0);
	assert_null(l.v[3].codes);
	assert_int_equal(stats_likert_count(&l, 0, 4), 2);
	assert_true(stats_likert_pct(&l, 0, 4) == 50);
	assert_int_equal(stats_likert_count(&l, 3, 4), 0);
	assert_int_equal(stats_likert_count(&l, 0, 9), 0);
	stats_likert_release(&l);
	stats_likert_release(NULL);
	stats_release(&st);
}

static void test_likert_even_scale(void **state)
{
	struct form f;
	struct question q[4];
	struct stats st;
	struct stats_likert l;

	make_form(&f, q);
	q[3].scale = &need4;
	q[3].items.n = 1;
	stats_init(&st);
	/* four levels: the upper half is the top two */
	stats_add_code(&st, NULL, "relevant", "none", 1);
	stats_add_code(&st, NULL, "relevant", "some", 1);
	stats_add_code(&st, NULL, "relevant", "much", 1);
	stats_add_code(&st, NULL, "relevant", "all", 5);
	assert_int_equal(stats_likert_gather(&l, &st.all, &q[3]), 8);
	assert_int_equal(l.v[0].agree, 6);
	assert_true(l.v[0].agree_pct == 75);
	stats_likert_release(&l);
	stats_release(&st);
}

static void test_bad_likert_unanswered(void **state)
{
	struct form f;
	struct question q[4];
	struct stats_likert l;

	make_form(&f, q);
	assert_int_equal(stats_likert_gather(&l, NULL, &q[3]), 0);
	assert_int_equal(l.n, 4);
	for (size_t i = 0; i < l.n; i++) {
		assert_int_equal(l.v[i].n, 0);
		assert_int_equal(l.v[i].at, i);
	}
	stats_likert_release(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_one_response),
		cmocka_unit_test(test_median_even),
		cmocka_unit_test(test_counts_merge),
		cmocka_unit_test(test_nps_edges),
		cmocka_unit_test(test_nps_rounding),
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_all_skipped),
		cmocka_unit_test(test_group_rule),
		cmocka_unit_test(test_trend_gather),
		cmocka_unit_test(test_bad_scores_without_questions),
		cmocka_unit_test(test_likert_gather),
		cmocka_unit_test(test_likert_even_scale),
		cmocka_unit_test(test_bad_likert_unanswered),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
