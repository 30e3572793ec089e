/*
 * test-form.c - the form loader: every bad fixture gives its exact
 * file:line:col message, the shipped forms load, the model has its
 * defaults, pages, and a version hash that ignores layout but not labels.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "form-int.h"
#include "form.h"
#include "util.h"

static char *fixture(const char *rel)
{
	struct buf b = BUF_INIT;
	const char *top = getenv("TOP");

	char cwd[4096];

	if (!top || !*top)
		top = getcwd(cwd, sizeof(cwd));
	assert_non_null(top);
	buf_addf(&b, "%s/%s", top, rel);
	return buf_detach(&b, NULL);
}

static char *slurp(const char *rel)
{
	struct buf b = BUF_INIT;
	char *path = fixture(rel);

	assert_int_equal(buf_read_file(&b, path), 0);
	free(path);
	return buf_detach(&b, NULL);
}

/* Loads text; asserts it fails with exactly the one message want. */
static void expect_error(const char *text, const char *want)
{
	struct diag d = { 0 };
	struct form *f = form_load_text("t.yaml", text, strlen(text), &d);

	assert_null(f);
	if (d.n != 1 || strcmp(d.v[0], want)) {
		for (size_t i = 0; i < d.n; i++)
			print_error("got: %s\n", d.v[i]);
		print_error("want: %s\n", want);
		fail();
	}
	diag_release(&d);
}

static struct form *load_ok(const char *text)
{
	struct diag d = { 0 };
	struct form *f = form_load_text("t.yaml", text, strlen(text), &d);

	for (size_t i = 0; i < d.n; i++)
		print_error("%s\n", d.v[i]);
	assert_non_null(f);
	assert_int_equal(d.n, 0);
	diag_release(&d);
	return f;
}

/*
 * Each tests/fixtures/forms-bad/NAME.yaml starts with "# expect: L:C: msg"
 * and, alone in a forms directory, fails with exactly that message.
 */
static void bad_fixtures_give_their_messages(void **state)
{
	char *dir = fixture("tests/fixtures/forms-bad");
	char tmpl[] = "/tmp/test-form.XXXXXX";
	char *tmp = mkdtemp(tmpl);
	DIR *dp = opendir(dir);
	struct dirent *e;
	int count = 0;

	assert_non_null(tmp);
	assert_non_null(dp);
	while ((e = readdir(dp))) {
		size_t len = strlen(e->d_name);
		struct buf src = BUF_INIT, dst = BUF_INIT, want = BUF_INIT;
		struct buf text = BUF_INIT;
		struct formset fs;
		struct diag d = { 0 };
		char *nl;

		if (len < 6 || strcmp(e->d_name + len - 5, ".yaml"))
			continue;
		buf_addf(&src, "%s/%s", dir, e->d_name);
		buf_addf(&dst, "%s/%s", tmp, e->d_name);
		assert_int_equal(symlink(src.s, dst.s), 0);
		assert_int_equal(buf_read_file(&text, src.s), 0);
		assert_true(!strncmp(text.s, "# expect: ", 10));
		nl = strchr(text.s, '\n');
		assert_non_null(nl);
		*nl = '\0';
		buf_addf(&want, "%s:%s", dst.s, text.s + 10);

		assert_int_equal(formset_load(&fs, tmp, &d), -1);
		if (d.n != 1 || strcmp(d.v[0], want.s)) {
			for (size_t i = 0; i < d.n; i++)
				print_error("got: %s\n", d.v[i]);
			print_error("want: %s\n", want.s);
			fail();
		}
		assert_int_equal(fs.n, 0);
		formset_release(&fs);
		diag_release(&d);
		unlink(dst.s);
		buf_release(&src);
		buf_release(&dst);
		buf_release(&want);
		buf_release(&text);
		count++;
	}
	closedir(dp);
	rmdir(tmp);
	free(dir);
	assert_true(count >= 44);
}

static void bad_site_yaml_is_reported(void **state)
{
	char *dir = fixture("tests/fixtures/forms-bad/site");
	struct formset fs;
	struct diag d = { 0 };
	struct buf want = BUF_INIT;

	buf_addf(&want, "%s/site.yaml:2:1: unknown property 'shortname' in "
		 "site.yaml; did you mean 'short_name'?", dir);
	assert_int_equal(formset_load(&fs, dir, &d), -1);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0], want.s);
	assert_int_equal(fs.n, 1);                 /* the good form loaded */
	assert_non_null(formset_find(&fs, "ok"));
	formset_release(&fs);
	diag_release(&d);
	buf_release(&want);
	free(dir);
}

static void shipped_forms_load(void **state)
{
	char *dir = fixture("forms");
	struct formset fs;
	struct diag d = { 0 };
	static const char *const keys[] = {
		"event-feedback", "member-survey", "training-ideas",
	};

	assert_int_equal(formset_load(&fs, dir, &d), 0);
	for (size_t i = 0; i < d.n; i++)
		print_error("%s\n", d.v[i]);
	assert_int_equal(d.n, 0);
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
		const struct form *f = formset_find(&fs, keys[i]);
		struct diag d2 = { 0 };
		struct form *again;

		assert_non_null(f);
		assert_int_equal(strlen(f->hash), 64);
		/* the canonical text loads back to the same version */
		again = form_load_text("db", f->canonical,
				       strlen(f->canonical), &d2);
		assert_non_null(again);
		assert_string_equal(again->hash, f->hash);
		assert_string_equal(again->canonical, f->canonical);
		form_free(again);
	}
	assert_true(formset_find(&fs, "event-feedback")->per_event);
	assert_string_equal(fs.site.short_name, "ILL SIG");
	formset_release(&fs);
	free(dir);
}

static void site_defaults_without_site_yaml(void **state)
{
	char *dir = fixture("tests/fixtures/forms-good");
	struct formset fs;
	struct diag d = { 0 };

	assert_int_equal(formset_load(&fs, dir, &d), 0);
	assert_int_equal(fs.n, 1);
	assert_string_equal(fs.site.name,
			    "Interlibrary Loan Special Interest Group");
	assert_string_equal(fs.site.short_name, "ILL SIG");
	formset_release(&fs);
	free(dir);
}

static void bad_directory_without_forms(void **state)
{
	char tmpl[] = "/tmp/test-form.XXXXXX";
	char *tmp = mkdtemp(tmpl);
	struct formset fs;
	struct diag d = { 0 };
	struct buf want = BUF_INIT;

	buf_addf(&want, "%s: no forms here; a form is a file NAME.yaml with "
		 "form, title and questions", tmp);
	assert_int_equal(formset_load(&fs, tmp, &d), -1);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0], want.s);
	formset_release(&fs);
	diag_release(&d);
	assert_int_equal(formset_load(&fs, "/nonexistent/forms", &d), -1);
	assert_int_equal(d.n, 1);
	formset_release(&fs);
	diag_release(&d);
	buf_release(&want);
	rmdir(tmp);
}

static void model_has_defaults_filled_in(void **state)
{
	char *text = slurp("tests/fixtures/forms-good/all-types.yaml");
	struct form *f = load_ok(text);
	const struct question *q;
	const struct form_option *item;

	assert_string_equal(f->key, "all-types");
	assert_true(f->per_event);
	assert_int_equal(f->nq, 16);
	assert_int_equal(f->nscales, 2);

	q = form_question(f, "overall");
	assert_int_equal(q->type, Q_RATING);
	assert_true(q->required && q->has_min && q->has_max);
	assert_true(q->min == 1 && q->max == 7);
	assert_string_equal(q->ends[1], "Very useful");
	assert_string_equal(q->msg_required, "Please rate the event.");
	assert_null(q->msg_invalid);
	assert_int_equal(q->line, 18);
	assert_int_equal(q->col, 5);

	q = form_question(f, "recommend");
	assert_true(q->min == 0 && q->max == 10);

	q = form_question(f, "statements");
	assert_int_equal(q->type, Q_LIKERT);
	assert_int_equal(q->items.n, 2);
	assert_int_equal(q->options.n, 5);          /* the scale's codes */
	assert_string_equal(q->scale->key, "agree5");
	assert_string_equal(optlist_label(&q->options, "sa"),
			    "Strongly agree");

	q = form_question(f, "format");
	assert_true(q->other);
	assert_string_equal(q->other_label, "Other");
	assert_null(q->scale);
	q = form_question(f, "level");
	assert_string_equal(q->scale_key, "level3");
	assert_int_equal(q->options.n, 3);
	assert_true(q->ordinal);
	assert_string_equal(form_question(f, "topics")->other_label,
			    "Another topic");

	q = form_question(f, "staff");
	assert_false(q->decimal);
	assert_true(form_question(f, "budget")->decimal);
	q = form_question(f, "started");
	assert_string_equal(q->min_date, "1970-01-01");
	assert_string_equal(q->max_date, "2030-12-31");

	assert_int_equal(form_question(f, "library_code")->max_length, 8);
	assert_int_equal(form_question(f, "comments")->max_length, 5000);
	assert_true(form_question(f, "comments")->long_text);
	assert_int_equal(form_question(f, "email")->max_length, 254);
	q = form_question(f, "wants_reply");
	assert_int_equal(q->options.n, 2);
	assert_string_equal(q->options.v[0].code, "yes");
	assert_string_equal(q->options.v[1].label, "No");
	assert_false(form_question(f, "no_break")->new_page);
	assert_true(form_question(f, "second_page")->new_page);

	assert_ptr_equal(form_answer_owner(f, "clear", &item),
			 form_question(f, "statements"));
	assert_string_equal(item->label, "It was clear.");
	assert_ptr_equal(form_answer_owner(f, "topics_other", &item),
			 form_question(f, "topics"));
	assert_null(item);
	assert_ptr_equal(form_answer_owner(f, "format_other", &item),
			 form_question(f, "format"));
	assert_null(form_answer_owner(f, "level_other", &item));
	assert_null(form_answer_owner(f, "intro_section", &item));
	assert_null(form_answer_owner(f, "nope", &item));
	assert_string_equal(qtype_name(Q_SECTION), "section");
	form_free(f);
	free(text);
}

static void pages_split_at_sections(void **state)
{
	char *text = slurp("tests/fixtures/forms-good/all-types.yaml");
	struct form *f = load_ok(text);

	/* a section that starts the form does not make an empty page */
	assert_int_equal(form_question(f, "intro_section")->page, 0);
	assert_int_equal(form_question(f, "overall")->page, 0);
	assert_int_equal(form_question(f, "topics")->page, 0);
	assert_int_equal(form_question(f, "second_page")->page, 1);
	assert_int_equal(form_question(f, "staff")->page, 1);
	/* new_page: false is a heading on the same page */
	assert_int_equal(form_question(f, "email")->page, 1);
	assert_int_equal(f->npages, 2);
	form_free(f);
	free(text);

	f = load_ok("form: p\ntitle: T\nquestions:\n"
		    "  - {key: a, type: yesno, label: A}\n"
		    "  - {key: s1, type: section, label: S1}\n"
		    "  - {key: s2, type: section, label: S2}\n"
		    "  - {key: b, type: yesno, label: B}\n"
		    "  - {key: s3, type: section}\n"
		    "  - {key: c, type: yesno, label: C}\n"
		    "  - {key: s4, type: section, label: Trailing}\n");
	assert_int_equal(form_question(f, "a")->page, 0);
	assert_int_equal(form_question(f, "s1")->page, 1);
	assert_int_equal(form_question(f, "s2")->page, 1);
	assert_int_equal(form_question(f, "b")->page, 1);
	assert_int_equal(form_question(f, "c")->page, 2);
	assert_int_equal(form_question(f, "s4")->page, 3);
	assert_int_equal(f->npages, 4);
	form_free(f);
}

static void reformatting_keeps_the_version(void **state)
{
	char *a = slurp("tests/fixtures/forms-good/all-types.yaml");
	char *b = slurp("tests/fixtures/forms-good/reformatted/all-types.yaml");
	struct form *fa = load_ok(a), *fb = load_ok(b), *fc;

	assert_string_equal(fa->canonical, fb->canonical);
	assert_string_equal(fa->hash, fb->hash);
	/* the canonical text is itself a form with the same version */
	fc = load_ok(fa->canonical);
	assert_string_equal(fc->hash, fa->hash);
	assert_string_equal(fc->canonical, fa->canonical);
	assert_null(strstr(fa->canonical, "\"line\""));
	form_free(fa);
	form_free(fb);
	form_free(fc);
	free(a);
	free(b);
}

/* Replaces the first from in text with to; returns a new string. */
static char *replace(const char *text, const char *from, const char *to)
{
	struct buf b = BUF_INIT;
	const char *p = strstr(text, from);

	assert_non_null(p);
	buf_add(&b, text, (size_t)(p - text));
	buf_adds(&b, to);
	buf_adds(&b, p + strlen(from));
	return buf_detach(&b, NULL);
}

static void content_changes_make_a_new_version(void **state)
{
	static const char *const edits[][2] = {
		{ "label: Which format?", "label: Which format suits you?" },
		{ "{in_person: In person, webinar: Webinar, hybrid: Hybrid}",
		  "{webinar: Webinar, in_person: In person, hybrid: Hybrid}" },
		{ "max: 7", "max: 10" },
		{ "thanks: Thanks!", "thanks: Thank you!" },
		{ "n: Neutral", "n: Neither" },
		{ "    required: true\n    show_if", "    show_if" },
		{ "recommend > 8", "recommend >= 8" },
		{ "      relevant: It was relevant.\n", "" },
	};
	char *text = slurp("tests/fixtures/forms-good/all-types.yaml");
	struct form *base = load_ok(text);

	for (size_t i = 0; i < ARRAY_SIZE(edits); i++) {
		char *t = replace(text, edits[i][0], edits[i][1]);
		struct form *f = load_ok(t);

		assert_string_not_equal(f->hash, base->hash);
		form_free(f);
		free(t);
	}
	form_free(base);
	free(text);
}

static void show_if_parses_with_precedence(void **state)
{
	static const char *const cases[][2] = {
		{ "a = x", "a = x" },
		{ "a=x", "a = x" },
		{ "a != x", "a != x" },
		{ "n < 3", "n < 3" },
		{ "n<=3.5", "n <= 3.5" },
		{ "n > -1 and n >= 0", "n > -1 and n >= 0" },
		{ "a = x or b = y and c = z", "a = x or b = y and c = z" },
		{ "(a = x or b = y) and c = z", "(a = x or b = y) and c = z" },
		{ "a = x or (b = y or c = z)", "a = x or (b = y or c = z)" },
		{ "((a = x))", "a = x" },
	};
	char *err;
	size_t pos;
	struct cond *c;

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct buf b = BUF_INIT;

		c = cond_parse(cases[i][0], &err, &pos);
		assert_non_null(c);
		cond_print(&b, c);
		assert_string_equal(b.s, cases[i][1]);
		buf_release(&b);
		cond_free(c);
	}
	c = cond_parse("a = x or b = y and c = z", &err, &pos);
	assert_int_equal(c->op, C_OR);
	assert_int_equal(c->l->op, C_EQ);
	assert_string_equal(c->l->key, "a");
	assert_string_equal(c->l->value, "x");
	assert_int_equal(c->r->op, C_AND);
	assert_string_equal(c->r->r->key, "c");
	cond_free(c);
	c = cond_parse("n >= 2.5", &err, &pos);
	assert_int_equal(c->op, C_GE);
	assert_true(c->num == 2.5);
	cond_free(c);
}

static void bad_show_if_points_at_the_problem(void **state)
{
	static const struct {
		const char *src;
		size_t pos;
		const char *msg;
	} cases[] = {
		{ "", 0, "show_if is empty; expected KEY = CODE" },
		{ "a", 1, "expected =, !=, <, <=, > or >= after the key, "
			  "found 'the end'" },
		{ "a =", 3, "expected an option code or a number, found "
			    "'the end'" },
		{ "a = x and", 9, "expected a question key, found 'the end'" },
		{ "a = x b = y", 6, "expected 'and', 'or' or the end, found "
				   "'b'" },
		{ "(a = x", 6, "expected ')', found 'the end'" },
		{ "a = x)", 5, "expected 'and', 'or' or the end, found ')'" },
		{ "a ~ x", 2, "expected =, !=, <, <=, > or >= after the key, "
			      "found '~'" },
		{ "a < x", 4, "expected a number to compare with, found 'x'" },
		{ "A = x", 0, "expected a question key, found 'A'" },
		{ "a = or", 4, "expected an option code or a number, found "
			       "'or'" },
		{ "((((((((((((((((((a = x))))))))))))))))))", 16,
		  "too many nested parentheses, found '('" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *err = NULL;
		size_t pos = 99;
		struct cond *c = cond_parse(cases[i].src, &err, &pos);

		assert_null(c);
		assert_non_null(err);
		assert_string_equal(err, cases[i].msg);
		assert_int_equal(pos, cases[i].pos);
		free(err);
	}
}

#define HEAD "form: t\ntitle: T\nquestions:\n"

static void show_if_is_checked_against_the_form(void **state)
{
	struct form *f = load_ok(
		HEAD "  - {key: n, type: number, label: N}\n"
		"  - {key: m, type: multi, label: M, options: {a: A, b: B}}\n"
		"  - key: x\n    type: yesno\n    label: X\n"
		"    show_if: '(n > 3 or m = b) and n != 7'\n");

	assert_int_equal(form_question(f, "x")->show_if->op, C_AND);
	assert_string_equal(form_question(f, "x")->show_if_src,
			    "(n > 3 or m = b) and n != 7");
	form_free(f);

	expect_error(HEAD "  - {key: m, type: multi, label: M, options: "
		     "{a: A}}\n  - {key: x, type: yesno, label: X, show_if: "
		     "m > 2}\n",
		     "t.yaml:5:46: show_if of question 'x': 'm' is a multi "
		     "question; compare it with = or !=, not <, <=, >, >=");
	expect_error(HEAD "  - {key: t, type: text, label: T}\n"
		     "  - {key: x, type: yesno, label: X, show_if: t = a}\n",
		     "t.yaml:5:46: show_if of question 'x' tests 't', a text "
		     "question; only choice, multi, yesno, likert, rating, "
		     "nps and number answers can be tested");
	expect_error(HEAD "  - {key: x, type: yesno, label: X, show_if: "
		     "x = yes}\n",
		     "t.yaml:4:46: show_if of question 'x' names 'x', which "
		     "is the question itself; a question can only depend on "
		     "earlier questions");
	expect_error(HEAD "  - {key: s, type: section, label: S}\n"
		     "  - {key: x, type: yesno, label: X, show_if: s = a}\n",
		     "t.yaml:5:46: show_if of question 'x' names 's', which "
		     "is not a question in this form");
	expect_error(HEAD "  - {key: x, type: yesno, label: X, show_if: "
		     "\"x = \"}\n",
		     "t.yaml:4:51: show_if of question 'x': expected an "
		     "option code or a number, found 'the end'");
}

/* Contact questions and the yes/no questions that put one on follow-up. */
static void contact_and_follow_up_questions(void **state)
{
	struct form *f = load_ok(
		HEAD "  - {key: present, type: yesno, label: P}\n"
		"  - {key: mentor, type: yesno, label: M}\n"
		"  - {key: other, type: yesno, label: O}\n"
		"  - {key: name, type: text, label: Name}\n"
		"  - {key: topic, type: text, label: Topic}\n"
		"  - key: email\n    type: email\n    label: E\n"
		"    show_if: 'present = yes or (mentor = yes and other = no)'\n");

	assert_true(form_is_contact(form_question(f, "name")));
	assert_true(form_is_contact(form_question(f, "email")));
	assert_false(form_is_contact(form_question(f, "topic")));
	assert_false(form_is_contact(form_question(f, "present")));
	assert_true(form_follow_up_key(f, form_question(f, "present")));
	assert_true(form_follow_up_key(f, form_question(f, "mentor")));
	assert_false(form_follow_up_key(f, form_question(f, "other")));
	assert_false(form_follow_up_key(f, form_question(f, "name")));
	form_free(f);
}

static void likert_items_can_be_tested(void **state)
{
	struct form *f = load_ok(
		"form: t\ntitle: T\nscales: {ag: {kind: bipolar, levels: {d: D, a: A}}}\nquestions:\n"
		"  - {key: l, type: likert, label: L, scale: ag, items: "
		"{clear: Clear}}\n"
		"  - {key: x, type: text, label: X, show_if: clear = d}\n");
	const struct cond *c = form_question(f, "x")->show_if;

	assert_string_equal(c->key, "clear");
	form_free(f);
}

/* A scale's kind is read, and changing it makes a new version. */
static void scale_kind_is_read_and_versioned(void **state)
{
	static const char head[] = "form: t\ntitle: T\nscales:\n  s: {kind: ";
	static const char tail[] = ", levels: {lo: Low, mid: Mid, hi: High}}\n"
		"questions:\n  - {key: l, type: likert, label: L, scale: s, "
		"items: {a: A}}\n";
	struct buf b = BUF_INIT;
	struct form *ord, *bip;

	buf_addf(&b, "%sordinal%s", head, tail);
	ord = load_ok(b.s);
	buf_reset(&b);
	buf_addf(&b, "%sbipolar, neutral: mid%s", head, tail);
	bip = load_ok(b.s);
	assert_int_equal(ord->scales[0].kind, SCALE_ORDINAL);
	assert_null(ord->scales[0].neutral);
	assert_int_equal(bip->scales[0].kind, SCALE_BIPOLAR);
	assert_string_equal(bip->scales[0].neutral, "mid");
	assert_string_not_equal(ord->hash, bip->hash);
	form_free(ord);
	form_free(bip);
	buf_release(&b);
}

static void bad_form_reports_every_error(void **state)
{
	const char *text =
		HEAD "  - {key: a, type: ratng, label: A}\n"
		"  - {key: B, type: yesno, label: B}\n"
		"  - {key: c, type: yesno}\n";
	struct diag d = { 0 };

	assert_null(form_load_text("t.yaml", text, strlen(text), &d));
	assert_int_equal(d.n, 3);
	assert_true(!strncmp(d.v[0], "t.yaml:4:20: unknown type 'ratng'", 33));
	assert_true(!strncmp(d.v[1], "t.yaml:5:11: key 'B'", 20));
	assert_string_equal(d.v[2], "t.yaml:6:5: question 'c' has no label; "
			    "add label: followed by the text");
	diag_release(&d);
}

static void bad_hostile_input_is_refused(void **state)
{
	struct buf b = BUF_INIT;
	struct diag d = { 0 };

	for (int i = 0; i < 100; i++)
		buf_adds(&b, "[");
	assert_null(form_load_text("deep", b.s, b.len, &d));
	assert_string_equal(d.v[0], "deep:1:33: nested more than 32 levels "
			    "deep");
	diag_release(&d);

	buf_reset(&b);
	buf_adds(&b, "form: big\ntitle: T\nquestions: []\nintro: ");
	while (b.len <= FORM_MAX_BYTES)
		buf_adds(&b, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
	assert_null(form_load_text("big", b.s, b.len, &d));
	assert_string_equal(d.v[0], "big: file is larger than 1 MiB; refused");
	diag_release(&d);

	assert_null(form_load_text("empty", "", 0, &d));
	assert_string_equal(d.v[0], "empty: file is empty; expected a "
			    "mapping with form, title and questions");
	diag_release(&d);

	assert_null(form_load_text("nul", "form: a\0b", 9, &d));
	assert_int_equal(d.n, 1);
	diag_release(&d);

	assert_null(form_load_text("utf8", "form: \xff\xfe", 8, &d));
	assert_true(!strncmp(d.v[0], "utf8:1:7: not valid UTF-8", 25));
	diag_release(&d);

	assert_null(form_load_text("key", "{[a]: b, {c: d}: e}", 19, &d));
	assert_int_equal(d.n, 2);
	assert_string_equal(d.v[0], "key:1:2: a mapping key must be a plain "
			    "name, not a list");
	diag_release(&d);

	assert_null(form_load_text("anchor", "a: &x [1]\nb: *x\n", 16, &d));
	assert_string_equal(d.v[0], "anchor:2:4: aliases (*x) are not "
			    "supported; write the value out in full");
	diag_release(&d);

	assert_null(form_load("/nonexistent/x.yaml", &d));
	assert_string_equal(d.v[0], "/nonexistent/x.yaml: cannot open: No "
			    "such file or directory");
	diag_release(&d);
	buf_release(&b);
}

static void diff_warns_about_breaking_changes(void **state)
{
	char *text = slurp("tests/fixtures/forms-good/all-types.yaml");
	struct form *old = load_ok(text), *f;
	struct diag w = { 0 };
	char *t1, *t2, *t3, *t4, *t5;

	f = load_ok(text);
	assert_int_equal(form_diff(old, f, &w), 0);
	assert_int_equal(w.n, 0);
	form_free(f);

	/* rewording is fine */
	t1 = replace(text, "label: Which format?", "label: Format?");
	f = load_ok(t1);
	assert_int_equal(form_diff(old, f, &w), 0);
	form_free(f);

	t2 = replace(t1, ", hybrid: Hybrid}", "}");
	t3 = replace(t2, "      clear: It was clear.\n", "");
	t4 = replace(t3, "    type: number\n    label: Budget",
		     "    type: text\n    label: Budget");
	t5 = replace(t4, "  - key: wants_reply\n    type: yesno\n"
		     "    label: Shall we reply?\n", "");
	free(t1);
	t1 = replace(t5, "    show_if: wants_reply = yes\n", "");
	free(t2);
	t2 = replace(t1, "    decimal: true\n    min: 0\n    max: 100\n", "");
	f = load_ok(t2);
	assert_int_equal(form_diff(old, f, &w), 4);
	assert_int_equal(w.n, 4);
	assert_string_equal(w.v[0], "t.yaml: form all-types: likert item "
			    "'clear' of question 'statements' was removed; "
			    "its recorded answers are reported as retired");
	assert_string_equal(w.v[1], "t.yaml: form all-types: option 'hybrid' "
			    "of question 'format' was dropped; answers "
			    "recorded with it are reported as retired");
	assert_string_equal(w.v[2], "t.yaml: form all-types: question "
			    "'budget' changed type from number to text; "
			    "recorded answers no longer fit it");
	assert_string_equal(w.v[3], "t.yaml: form all-types: question "
			    "'wants_reply' (yesno) was removed; its recorded "
			    "answers drop out of reports");
	form_free(f);
	diag_release(&w);
	form_free(old);
	free(text);
	free(t1);
	free(t2);
	free(t3);
	free(t4);
	free(t5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bad_fixtures_give_their_messages),
		cmocka_unit_test(bad_site_yaml_is_reported),
		cmocka_unit_test(shipped_forms_load),
		cmocka_unit_test(site_defaults_without_site_yaml),
		cmocka_unit_test(bad_directory_without_forms),
		cmocka_unit_test(model_has_defaults_filled_in),
		cmocka_unit_test(pages_split_at_sections),
		cmocka_unit_test(reformatting_keeps_the_version),
		cmocka_unit_test(content_changes_make_a_new_version),
		cmocka_unit_test(show_if_parses_with_precedence),
		cmocka_unit_test(contact_and_follow_up_questions),
		cmocka_unit_test(bad_show_if_points_at_the_problem),
		cmocka_unit_test(show_if_is_checked_against_the_form),
		cmocka_unit_test(likert_items_can_be_tested),
		cmocka_unit_test(scale_kind_is_read_and_versioned),
		cmocka_unit_test(bad_form_reports_every_error),
		cmocka_unit_test(bad_hostile_input_is_refused),
		cmocka_unit_test(diff_warns_about_breaking_changes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
