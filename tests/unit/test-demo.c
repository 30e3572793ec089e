/*
 * test-demo.c - the demo generator: every response it makes for the
 * shipped forms (and for a form using every question type) passes
 * form_validate(); the PRNG and date helpers are exact and reproducible.
 * The generator lives in cli/, so its sources are compiled in here.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "../../cli/demo-gen.c"
#include "../../cli/demo-text.c"

static const char every_type[] =
	"form: every-type\n"
	"title: Every type\n"
	"scales:\n"
	"  freq: {kind: ordinal,\n"
	"         levels: {never: Never, sometimes: Sometimes, often: Often}}\n"
	"questions:\n"
	"  - {key: pick, type: choice, label: Pick, required: true,\n"
	"     options: {a: A, b: B, c: C}, other: true}\n"
	"  - {key: many, type: multi, label: Many, required: true,\n"
	"     options: {x: X, y: Y}, other: true}\n"
	"  - {key: stars, type: rating, label: Stars, min: 0, max: 10,\n"
	"     required: true}\n"
	"  - key: often\n"
	"    type: likert\n"
	"    label: How often\n"
	"    scale: freq\n"
	"    required: true\n"
	"    items: {read: Read, write: Write}\n"
	"  - {key: nps, type: nps, label: NPS}\n"
	"  - {key: short, type: text, label: Short, max_length: 12,\n"
	"     required: true}\n"
	"  - {key: worked, type: text, long: true, label: Long,\n"
	"     max_length: 40}\n"
	"  - {key: code, type: text, label: Code, pattern: '[A-Z][a-z ]+'}\n"
	"  - {key: count, type: number, label: Count, min: 5, max: 9,\n"
	"     required: true}\n"
	"  - {key: price, type: number, label: Price, decimal: true, min: 0.5,\n"
	"     max: 2}\n"
	"  - {key: when, type: date, label: When, min: 2020-01-01,\n"
	"     max: 2021-06-30, required: true}\n"
	"  - {key: ok, type: yesno, label: OK, required: true}\n"
	"  - {key: mail, type: email, label: Mail, required: true,\n"
	"     show_if: ok = yes and stars >= 5}\n";

static const char *forms_dir(void)
{
	static char path[4096];
	const char *top = getenv("TOP");

	snprintf(path, sizeof(path), "%s/forms", top && *top ? top : ".");
	return path;
}

/* Generates n responses for f and validates each; returns the failures. */
static size_t generate(const struct form *f, uint64_t seed, size_t n,
		       size_t *answers)
{
	struct rng r;
	struct demo_resp d = { 0 };
	size_t bad = 0;

	rng_seed(&r, seed);
	*answers = 0;
	for (size_t i = 0; i < n; i++) {
		struct validation v;

		demo_answer(&r, f, rng_unit(&r), "2026-11-20", &d);
		validation_init(&v);
		if (form_validate(f, d.f, d.n, -1, &v)) {
			if (!bad)
				print_error("%s response %zu: %s: %s\n",
					    f->key, i, v.err[0].key,
					    v.err[0].msg);
			bad++;
		}
		*answers += v.ans.n;
		validation_release(&v);
	}
	demo_resp_release(&d);
	return bad;
}

static void test_shipped_forms_responses_all_valid(void **state)
{
	struct formset fs = { 0 };
	struct diag d = { 0 };
	size_t answers;

	assert_int_equal(formset_load(&fs, forms_dir(), &d), 0);
	assert_true(fs.n >= 3);
	for (size_t i = 0; i < fs.n; i++) {
		assert_int_equal(generate(fs.v[i], 42 + i, 3000, &answers), 0);
		assert_true(answers > 3000 * 3);
	}
	formset_release(&fs);
	diag_release(&d);
}

static void test_every_type_responses_all_valid(void **state)
{
	struct diag d = { 0 };
	struct form *f = form_load_text("every-type.yaml", every_type,
					strlen(every_type), &d);
	size_t answers;

	for (size_t i = 0; !f && i < d.n; i++)
		print_error("%s\n", d.v[i]);
	assert_non_null(f);
	assert_int_equal(generate(f, 7, 5000, &answers), 0);
	form_free(f);
	diag_release(&d);
}

/* The hidden email of event-feedback appears only after a yes. */
static void test_show_if_respected(void **state)
{
	struct formset fs = { 0 };
	struct diag d = { 0 };
	const struct form *f;
	struct demo_resp resp = { 0 };
	struct rng r;
	int emails = 0;

	assert_int_equal(formset_load(&fs, forms_dir(), &d), 0);
	f = formset_find(&fs, "event-feedback");
	assert_non_null(f);
	rng_seed(&r, 3);
	for (int i = 0; i < 2000; i++) {
		int yes = 0, email = 0;

		demo_answer(&r, f, 0.7, "2026-11-20", &resp);
		for (size_t k = 0; k < resp.n; k++) {
			if (!strcmp(resp.f[k].name, "wants_reply") &&
			    !strcmp(resp.f[k].value, "yes"))
				yes = 1;
			if (!strcmp(resp.f[k].name, "email"))
				email = 1;
		}
		assert_false(email && !yes);
		emails += email;
	}
	assert_true(emails > 50);
	demo_resp_release(&resp);
	formset_release(&fs);
	diag_release(&d);
}

static void test_rng_reproducible(void **state)
{
	struct rng a, b;

	rng_seed(&a, 0);
	/* the published first output of splitmix64 from state 0 */
	assert_true(rng_next(&a) == UINT64_C(0xe220a8397b1dcdaf));
	rng_seed(&a, 99);
	rng_seed(&b, 99);
	for (int i = 0; i < 1000; i++) {
		long x = rng_range(&a, 3, 7);

		assert_true(x >= 3 && x <= 7);
		assert_true(x == rng_range(&b, 3, 7));
	}
	for (int i = 0; i < 1000; i++) {
		double u = rng_unit(&a);

		assert_true(u >= 0 && u < 1);
	}
}

static void test_dates(void **state)
{
	assert_int_equal(demo_days("1970-01-01"), 0);
	assert_int_equal(demo_days("2000-03-01"), 11017);
	assert_int_equal(demo_days("1969-12-31"), -1);
}

static void test_text_cut_at_characters(void **state)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "Ζωή Łukasik 日本語");
	cut_chars(&b, 5);
	assert_string_equal(b.s, "Ζωή Ł");
	buf_reset(&b);
	buf_adds(&b, "ab cd");
	cut_chars(&b, 3);
	assert_string_equal(b.s, "ab");
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_forms_responses_all_valid),
		cmocka_unit_test(test_every_type_responses_all_valid),
		cmocka_unit_test(test_show_if_respected),
		cmocka_unit_test(test_rng_reproducible),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_text_cut_at_characters),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
