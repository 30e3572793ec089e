/*
 * test-answer.c - form_validate() and cond_eval(): every rule, good and
 * bad, on a form built by hand (no loader needed).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "form-int.h"
#include "util.h"

static struct form_option agree5_opts[] = {
	{ "sd", "Strongly disagree" }, { "d", "Disagree" },
	{ "n", "Neutral" }, { "a", "Agree" }, { "sa", "Strongly agree" },
};
static struct scale agree5 = {
	.key = "agree5", .opts = { .v = agree5_opts, .n = 5 },
};
static struct form_option statement_items[] = {
	{ "relevant", "Relevant" }, { "clear", "Clear" },
};
static struct form_option format_opts[] = {
	{ "in_person", "In person" }, { "webinar", "Webinar" },
	{ "hybrid", "Hybrid" },
};
static struct form_option topic_opts[] = {
	{ "copyright", "Copyright" }, { "lending", "Lending" },
	{ "systems", "Systems" },
};
static struct form_option yesno_opts[] = { { "yes", "Yes" }, { "no", "No" } };

enum { OVERALL, STATEMENTS, RECOMMEND, FORMAT, TOPICS, YEARS, COST, WHEN,
       COMMENTS, CODE, SECTION, WANTS_REPLY, EMAIL, NQ };

static struct form *F;

static struct question *q_init(struct question *q, const char *key,
			       enum qtype t, const char *label)
{
	q->key = (char *)key;
	q->type = t;
	q->label = (char *)label;
	return q;
}

static int setup(void **state)
{
	struct question *q = xcalloc(NQ, sizeof(*q));
	char *err = NULL;
	size_t pos = 0;

	F = xcalloc(1, sizeof(*F));
	F->key = "test";
	F->q = q;
	F->nq = NQ;
	F->npages = 2;

	q_init(&q[OVERALL], "overall", Q_RATING, "Overall?");
	q[OVERALL].min = 1, q[OVERALL].max = 5;
	q[OVERALL].has_min = q[OVERALL].has_max = 1;
	q[OVERALL].required = 1;

	q_init(&q[STATEMENTS], "statements", Q_LIKERT, "Agree?");
	q[STATEMENTS].scale = &agree5;
	q[STATEMENTS].items.v = statement_items;
	q[STATEMENTS].items.n = 2;

	q_init(&q[RECOMMEND], "recommend", Q_NPS, "Recommend?");

	q_init(&q[FORMAT], "format", Q_CHOICE, "Format?");
	q[FORMAT].options.v = format_opts;
	q[FORMAT].options.n = 3;
	q[FORMAT].other = 1;

	q_init(&q[TOPICS], "topics", Q_MULTI, "Topics?");
	q[TOPICS].options.v = topic_opts;
	q[TOPICS].options.n = 3;
	q[TOPICS].other = 1;
	q[TOPICS].other_label = "Another topic";

	q_init(&q[YEARS], "years", Q_NUMBER, "Years?");
	q[YEARS].min = 0, q[YEARS].max = 60;
	q[YEARS].has_min = q[YEARS].has_max = 1;

	q_init(&q[COST], "cost", Q_NUMBER, "Cost?");
	q[COST].decimal = 1;
	q[COST].min = 0, q[COST].has_min = 1;

	q_init(&q[WHEN], "when", Q_DATE, "When?");
	q[WHEN].min_date = "2015-01-01";
	q[WHEN].max_date = "2030-12-31";

	q_init(&q[COMMENTS], "comments", Q_TEXT, "Comments?");
	q[COMMENTS].long_text = 1;
	q[COMMENTS].max_length = 10;

	q_init(&q[CODE], "code", Q_TEXT, "Library code?");
	q[CODE].max_length = 5;
	q[CODE].pattern = "[A-Z]{2}[0-9]+";
	q[CODE].pattern_hint = "two capital letters and digits, like NY12";

	q_init(&q[SECTION], "contact", Q_SECTION, "Staying in touch");
	q[SECTION].page = 1;
	q[SECTION].new_page = 1;

	q_init(&q[WANTS_REPLY], "wants_reply", Q_YESNO, "Reply?");
	q[WANTS_REPLY].options.v = yesno_opts;
	q[WANTS_REPLY].options.n = 2;
	q[WANTS_REPLY].page = 1;

	q_init(&q[EMAIL], "email", Q_EMAIL, "Email");
	q[EMAIL].required = 1;
	q[EMAIL].page = 1;
	q[EMAIL].show_if = cond_parse("wants_reply = yes", &err, &pos);
	assert_non_null(q[EMAIL].show_if);
	*state = F;
	return 0;
}

static int teardown(void **state)
{
	cond_free(F->q[EMAIL].show_if);
	free(F->q);
	free(F);
	return 0;
}

/* Builds fields from "name", "value" pairs ending in NULL. */
#define MAXF 32
struct fields {
	struct field v[MAXF];
	size_t n;
};

static void fset(struct fields *fs, ...)
{
	va_list ap;
	const char *name;

	fs->n = 0;
	va_start(ap, fs);
	while ((name = va_arg(ap, const char *))) {
		const char *value = va_arg(ap, const char *);

		fs->v[fs->n].name = name;
		fs->v[fs->n].value = value;
		fs->v[fs->n].len = strlen(value);
		fs->n++;
	}
	va_end(ap);
}

static void fadd(struct fields *fs, const char *name, const char *value,
		 size_t len)
{
	fs->v[fs->n].name = name;
	fs->v[fs->n].value = value;
	fs->v[fs->n].len = len;
	fs->n++;
}

static size_t run(struct fields *fs, int page, struct validation *v)
{
	validation_init(v);
	return form_validate(F, fs->v, fs->n, page, v);
}

static const struct answer *find(const struct validation *v, const char *k)
{
	for (size_t i = 0; i < v->ans.n; i++)
		if (!strcmp(v->ans.v[i].key, k))
			return &v->ans.v[i];
	return NULL;
}

/* Validates name=value (with the email shown); the error for name. */
static char *err_for(const char *name, const char *value)
{
	struct fields fs;
	struct validation v;
	const char *m;
	char *ret;

	fset(&fs, "wants_reply", "yes", name, value, NULL);
	run(&fs, -1, &v);
	m = validation_error(&v, name);
	ret = m ? xstrdup(m) : NULL;
	validation_release(&v);
	return ret;
}

static void expect_ok(const char *name, const char *value)
{
	char *m = err_for(name, value);

	if (m)
		fail_msg("%s=%s: unexpected error %s", name, value, m);
}

static void expect_err(const char *name, const char *value, const char *want)
{
	char *m = err_for(name, value);

	if (!m)
		fail_msg("%s=%s: no error", name, value);
	if (!strstr(m, want)) {
		free(m);
		fail_msg("%s=%s: message lacks '%s'", name, value, want);
	}
	free(m);
}

static void test_full_good_submission(void **state)
{
	struct fields fs;
	struct validation v;
	static const char *keys[] = {
		"overall", "relevant", "clear", "recommend", "format",
		"topics", "topics", "years", "cost", "when", "comments",
		"code", "wants_reply", "email",
	};

	fset(&fs, "token", "abc", "email", " zoe@example.org ",
	     "overall", "5", "relevant", "a", "clear", "sa", "recommend", "10",
	     "format", "webinar", "topics", "systems", "topics", "copyright",
	     "years", "12", "cost", "2.50", "when", "2026-03-14",
	     "comments", "Great!", "code", "NY12", "wants_reply", "yes",
	     NULL);
	assert_int_equal(run(&fs, -1, &v), 0);
	assert_int_equal(v.ans.n, ARRAY_SIZE(keys));
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++)
		assert_string_equal(v.ans.v[i].key, keys[i]);
	assert_int_equal(v.ans.v[0].kind, ANS_NUM);
	assert_true(v.ans.v[0].num == 5);
	assert_int_equal(v.ans.v[1].kind, ANS_CODE);
	assert_string_equal(v.ans.v[1].code, "a");
	/* multi: codes in option order */
	assert_string_equal(v.ans.v[5].code, "copyright");
	assert_string_equal(v.ans.v[6].code, "systems");
	assert_true(v.ans.v[8].num == 2.5);
	assert_int_equal(v.ans.v[9].kind, ANS_TEXT);
	assert_string_equal(v.ans.v[9].text, "2026-03-14");
	assert_string_equal(v.ans.v[13].text, "zoe@example.org");
	validation_release(&v);
}

static void bad_required_missing(void **state)
{
	struct fields fs;
	struct validation v;

	fset(&fs, "overall", "   ", "format", "", NULL);
	assert_int_equal(run(&fs, -1, &v), 1);
	assert_string_equal(v.err[0].key, "overall");
	assert_string_equal(v.err[0].msg, "Select an answer");
	assert_int_equal(v.ans.n, 0);
	validation_release(&v);
}

static void test_show_if_hides_required(void **state)
{
	struct fields fs;
	struct validation v;

	fset(&fs, "overall", "3", "wants_reply", "no", "email", "x@y.org",
	     NULL);
	assert_int_equal(run(&fs, -1, &v), 0);
	assert_null(find(&v, "email"));
	assert_non_null(find(&v, "wants_reply"));
	validation_release(&v);

	/* hidden: even unreadable bytes are dropped without error */
	fset(&fs, "overall", "3", NULL);
	fadd(&fs, "email", "\xff\xfe", 2);
	assert_int_equal(run(&fs, -1, &v), 0);
	validation_release(&v);
}

static void bad_show_if_shown_required(void **state)
{
	struct fields fs;
	struct validation v;

	fset(&fs, "overall", "3", "wants_reply", "yes", NULL);
	assert_int_equal(run(&fs, -1, &v), 1);
	assert_string_equal(validation_error(&v, "email"),
			    "Enter your email address");
	validation_release(&v);
}

static void bad_unreadable_values(void **state)
{
	struct fields fs;
	struct validation v;
	static const char nul[] = "ab\0cd";

	fset(&fs, "overall", "4", NULL);
	fadd(&fs, "comments", "caf\xc3", 4);           /* truncated */
	fadd(&fs, "code", nul, 5);                      /* NUL inside */
	fadd(&fs, "format", "\xc0\xaf", 2);             /* overlong */
	fadd(&fs, "relevant", "a\x01", 2);              /* control */
	assert_int_equal(run(&fs, -1, &v), 4);
	assert_non_null(strstr(validation_error(&v, "comments"),
			       "characters we cannot read"));
	assert_non_null(strstr(validation_error(&v, "code"),
			       "characters we cannot read"));
	assert_non_null(strstr(validation_error(&v, "format"),
			       "characters we cannot read"));
	assert_non_null(strstr(validation_error(&v, "relevant"),
			       "characters we cannot read"));
	assert_null(find(&v, "comments"));
	validation_release(&v);
}

static void test_unknown_fields_ignored(void **state)
{
	struct fields fs;
	struct validation v;

	fset(&fs, "overall", "2", "form_token", "xyz", "website", "", NULL);
	fadd(&fs, "zzz", "\xff", 1);
	assert_int_equal(run(&fs, -1, &v), 0);
	assert_int_equal(v.ans.n, 1);
	validation_release(&v);
}

static void test_choice(void **state)
{
	struct fields fs;
	struct validation v;

	expect_ok("format", "hybrid");
	expect_err("format", "zoom", "Select one of the options");
	fset(&fs, "overall", "4", "format", "webinar", "format", "hybrid",
	     NULL);
	assert_int_equal(run(&fs, -1, &v), 1);
	assert_string_equal(validation_error(&v, "format"),
			    "Select only one answer");
	validation_release(&v);
	/* the same code twice is one answer */
	fset(&fs, "overall", "4", "format", "webinar", "format", "webinar",
	     NULL);
	assert_int_equal(run(&fs, -1, &v), 0);
	assert_string_equal(find(&v, "format")->code, "webinar");
	validation_release(&v);
}

static void test_choice_other(void **state)
{
	struct fields fs;
	struct validation v;
	char big[260];

	fset(&fs, "overall", "4", "format_other", " Podcast ", NULL);
	assert_int_equal(run(&fs, -1, &v), 0);
	assert_null(find(&v, "format"));
	assert_int_equal(find(&v, "format_other")->kind, ANS_TEXT);
	assert_string_equal(find(&v, "format_other")->text, "Podcast");
	validation_release(&v);

	fset(&fs, "overall", "4", "format", "other", "format_other", "Radio",
	     NULL);
	assert_int_equal(run(&fs, -1, &v), 0);
	assert_string_equal(find(&v, "format_other")->text, "Radio");
	validation_release(&v);

	fset(&fs, "overall", "4", "format", "other", NULL);
	assert_int_equal(run(&fs, -1, &v), 1);
	assert_non_null(validation_error(&v, "format_other"));
	validation_release(&v);

	fset(&fs, "overall", "4", "format", "webinar", "format_other", "Radio",
	     NULL);
	assert_int_equal(run(&fs, -1, &v), 1);
	assert_non_null(strstr(validation_error(&v, "format"), "not both"));
	validation_release(&v);

	memset(big, 'x', 201);
	big[201] = '\0';
	expect_err("format_other", big,
		   "Use 200 characters or fewer (you entered 201)");
	big[200] = '\0';
	expect_ok("format_other", big);
}

static void test_multi(void **state)
{
	struct fields fs;
	struct validation v;

	fset(&fs, "overall", "4", "topics", "systems", "topics", "lending",
	     "topics", "systems", "topics", "", "topics_other", "Rapido",
	     NULL);
	assert_int_equal(run(&fs, -1, &v), 0);
	assert_int_equal(v.ans.n, 4);
	assert_string_equal(v.ans.v[1].code, "lending");
	assert_string_equal(v.ans.v[2].code, "systems");
	assert_string_equal(v.ans.v[3].key, "topics_other");
	assert_string_equal(v.ans.v[3].text, "Rapido");
	validation_release(&v);

	expect_err("topics", "cooking", "Select from the options given");
	fset(&fs, "overall", "4", "topics", "other", NULL);
	assert_int_equal(run(&fs, -1, &v), 1);
	assert_string_equal(validation_error(&v, "topics_other"),
			    "Enter your answer for \xe2\x80\x9c"
			    "Another topic\xe2\x80\x9d");
	validation_release(&v);
}

static void test_likert_required_items(void **state)
{
	struct fields fs;
	struct validation v;

	F->q[STATEMENTS].required = 1;
	fset(&fs, "overall", "4", "clear", "sa", NULL);
	assert_int_equal(run(&fs, -1, &v), 1);
	assert_string_equal(v.err[0].key, "relevant");
	/* short: it sits under the statement; the page's error summary
	 * adds the statement itself */
	assert_string_equal(validation_error(&v, "relevant"),
			    "Select an answer");
	assert_null(validation_error(&v, "clear"));
	validation_release(&v);

	fset(&fs, "overall", "4", NULL);
	assert_int_equal(run(&fs, -1, &v), 2);
	validation_release(&v);
	F->q[STATEMENTS].required = 0;

	expect_err("clear", "maybe", "Select one of the options");
	expect_ok("statements", "x");   /* the battery key is no answer key */
}

static void test_rating_nps(void **state)
{
	expect_ok("overall", " 3 ");
	expect_err("overall", "6", "Select a number from 1 to 5");
	expect_err("overall", "0", "from 1 to 5");
	expect_err("overall", "2.5", "from 1 to 5");
	expect_err("overall", "three", "from 1 to 5");
	expect_ok("recommend", "0");
	expect_ok("recommend", "10");
	expect_err("recommend", "11", "Select a number from 0 to 10");
	expect_err("recommend", "-1", "from 0 to 10");
}

static void test_number(void **state)
{
	struct fields fs;
	struct validation v;

	expect_ok("years", "0");
	expect_ok("years", "60");
	expect_ok("years", "4.0");
	expect_err("years", "2.5", "Enter a whole number from 0 to 60");
	expect_err("years", "61", "Enter a whole number from 0 to 60");
	expect_err("years", "-1", "from 0 to 60");
	expect_err("years", "1e3", "Enter a whole number");
	expect_err("years", "0x10", "Enter a whole number");
	expect_err("years", "twelve", "Enter a whole number");
	expect_err("years", "3,5", "Enter a whole number from 0 to 60, "
		   "without a decimal part");
	expect_err("years", "1,234", "Write 1,234 without a comma, like 1234");
	expect_ok("cost", "3,5");
	expect_err("cost", "1,234", "Write 1,234 without a comma: 1234 for");
	expect_err("cost", "1,2,3", "Enter a number");
	expect_err("cost", ",5", "Enter a number");
	expect_err("cost", "1.000,5", "Enter a number");
	expect_ok("cost", "12.75");
	expect_err("cost", "-0.5", "Enter a number of 0 or more");
	expect_err("cost", "inf", "Enter a number");
	fset(&fs, "overall", "4", "cost", "12.75", NULL);
	run(&fs, -1, &v);
	assert_true(find(&v, "cost")->num == 12.75);
	validation_release(&v);
	fset(&fs, "overall", "4", "cost", "3,5", NULL);
	run(&fs, -1, &v);
	assert_true(find(&v, "cost")->num == 3.5);
	validation_release(&v);
}

/*
 * attended -> wants_reply -> email: a question hidden by show_if counts
 * as unanswered for the conditions that name it, transitively.
 */
static void test_show_if_chain(void **state)
{
	static const char text[] =
		"form: chain\ntitle: Chain\nquestions:\n"
		"  - {key: attended, type: yesno, label: A, required: true}\n"
		"  - {key: wants_reply, type: yesno, label: W,\n"
		"     show_if: attended = yes}\n"
		"  - {key: email, type: email, label: E, required: true,\n"
		"     show_if: wants_reply = yes}\n";
	struct diag d = { 0 };
	struct form *f = form_load_text("chain.yaml", text, strlen(text), &d);
	struct fields fs;
	struct validation v;

	(void)state;
	assert_non_null(f);
	fset(&fs, "attended", "no", "wants_reply", "yes", "email", "", NULL);
	validation_init(&v);
	assert_int_equal(form_validate(f, fs.v, fs.n, -1, &v), 0);
	validation_release(&v);
	fset(&fs, "attended", "no", "wants_reply", "yes", "email", "a@b.org",
	     NULL);
	validation_init(&v);
	assert_int_equal(form_validate(f, fs.v, fs.n, -1, &v), 0);
	assert_int_equal(v.ans.n, 1);
	assert_string_equal(v.ans.v[0].key, "attended");
	validation_release(&v);
	fset(&fs, "attended", "yes", "wants_reply", "yes", "email", "", NULL);
	validation_init(&v);
	assert_int_equal(form_validate(f, fs.v, fs.n, -1, &v), 1);
	assert_string_equal(v.err[0].key, "email");
	validation_release(&v);
	form_free(f);
	diag_release(&d);
}

static void test_email(void **state)
{
	char big[300];

	expect_ok("email", "jose.munoz@biblioteca.example.es");
	expect_err("email", "jose.example.org", "right format");
	expect_err("email", "a@b@c.org", "right format");
	expect_err("email", "a@localhost", "right format");
	expect_err("email", "jose munoz@example.org", "right format");
	expect_err("email", "@example.org", "right format");
	expect_err("email", "a@.org", "right format");
	memset(big, 'a', sizeof(big));
	memcpy(big + 243, "@example.org", 13);   /* 255 characters */
	expect_err("email", big, "right format");
}

/* email only validates when shown */
static char *email_err(const char *value)
{
	struct fields fs;
	struct validation v;
	const char *m;
	char *ret;

	fset(&fs, "overall", "4", "wants_reply", "yes", "email", value, NULL);
	run(&fs, -1, &v);
	m = validation_error(&v, "email");
	ret = m ? xstrdup(m) : NULL;
	validation_release(&v);
	return ret;
}

static void test_email_when_shown(void **state)
{
	char *m = email_err("not-an-address");

	assert_non_null(m);
	free(m);
	m = email_err("ok@example.org");
	assert_null(m);
}

static void test_date(void **state)
{
	struct fields fs;
	struct validation v;

	expect_ok("when", "2024-02-29");
	expect_err("when", "2023-02-29", "Enter a real date");
	expect_err("when", "2026-13-01", "Enter a real date");
	expect_err("when", "14/03/2026", "Enter a real date");
	expect_err("when", "yesterday", "Enter a real date");
	expect_err("when", "2014-12-31",
		   "Enter a date from 2015-01-01 to 2030-12-31");
	expect_err("when", "2031-01-01", "from 2015-01-01 to 2030-12-31");
	fset(&fs, "overall", "4", "when", "2026-3-5", NULL);
	assert_int_equal(run(&fs, -1, &v), 0);
	assert_string_equal(find(&v, "when")->text, "2026-03-05");
	validation_release(&v);
}

static void test_text_length_in_characters(void **state)
{
	/* comments: max 10 characters; code: max 5 */
	expect_ok("comments", "ééééééééé\xc3\xa9");        /* 10 chars, 20 bytes */
	expect_err("comments", "ééééééééééé",
		   "Use 10 characters or fewer (you entered 11)");
	expect_ok("comments", "日本語の本です");             /* 7 chars, 21 bytes */
	expect_err("comments", "図書館間相互貸借のお知らせ",
		   "Use 10 characters or fewer (you entered 13)");
	expect_ok("comments", "Ζωή 👍");
	expect_err("code", "NY1234", "Use 5 characters or fewer (you entered 6)");
}

static void test_text_whitespace(void **state)
{
	struct fields fs;
	struct validation v;

	F->q[COMMENTS].max_length = 100;
	fset(&fs, "overall", "4", "comments", "\r\n  Line one\r\nLine two\r\n ",
	     "code", " AB1 ", NULL);
	assert_int_equal(run(&fs, -1, &v), 0);
	assert_string_equal(find(&v, "comments")->text, "Line one\nLine two");
	assert_string_equal(find(&v, "code")->text, "AB1");
	validation_release(&v);

	/* short text: line breaks become one space */
	F->q[CODE].pattern = NULL;
	F->q[CODE].max_length = 100;
	fset(&fs, "overall", "4", "code", "a\r\n\r\nb", NULL);
	assert_int_equal(run(&fs, -1, &v), 0);
	assert_string_equal(find(&v, "code")->text, "a b");
	validation_release(&v);
	F->q[CODE].pattern = "[A-Z]{2}[0-9]+";
	F->q[CODE].max_length = 5;
	F->q[COMMENTS].max_length = 10;
}

static void test_pattern(void **state)
{
	expect_ok("code", "NY12");
	expect_err("code", "ny12", "two capital letters and digits");
	expect_err("code", "XNY12", "Check the format");   /* whole match */
	F->q[CODE].pattern_hint = NULL;
	expect_err("code", "N12", "Check the format of your answer");
	F->q[CODE].pattern_hint = "two capital letters and digits, like NY12";
}

static void test_custom_messages(void **state)
{
	struct fields fs;
	struct validation v;

	F->q[OVERALL].msg_required = "Tell us how useful it was";
	F->q[YEARS].msg_invalid = "Years must be 0 to 60";
	fset(&fs, "years", "99", NULL);
	assert_int_equal(run(&fs, -1, &v), 2);
	assert_string_equal(validation_error(&v, "overall"),
			    "Tell us how useful it was");
	assert_string_equal(validation_error(&v, "years"),
			    "Years must be 0 to 60");
	validation_release(&v);
	F->q[OVERALL].msg_required = NULL;
	F->q[YEARS].msg_invalid = NULL;
}

static void test_page_restricted(void **state)
{
	struct fields fs;
	struct validation v;

	/* page 1: overall (page 0) is not checked, email is */
	fset(&fs, "wants_reply", "yes", "recommend", "99", NULL);
	assert_int_equal(run(&fs, 1, &v), 1);
	assert_non_null(validation_error(&v, "email"));
	assert_null(validation_error(&v, "overall"));
	assert_null(validation_error(&v, "recommend"));
	assert_int_equal(v.ans.n, 1);
	validation_release(&v);

	/* page 0: the missing email on page 1 is not reported */
	fset(&fs, "wants_reply", "yes", NULL);
	assert_int_equal(run(&fs, 0, &v), 1);
	assert_non_null(validation_error(&v, "overall"));
	assert_null(validation_error(&v, "email"));
	validation_release(&v);
}

static struct cond *parse(const char *src)
{
	char *err = NULL;
	size_t pos = 0;
	struct cond *c = cond_parse(src, &err, &pos);

	if (!c)
		fail_msg("cond_parse(%s): %s", src, err);
	return c;
}

static int eval(const char *src, struct fields *fs)
{
	struct cond *c = parse(src);
	int r = cond_eval(c, fs->v, fs->n);

	cond_free(c);
	return r;
}

static void test_cond_eval(void **state)
{
	struct fields fs;

	fset(&fs, "years", " 12 ", "topics", "lending", "topics", "systems",
	     "format", "webinar", "odd", "abc", NULL);
	assert_true(cond_eval(NULL, fs.v, fs.n));
	assert_true(eval("format = webinar", &fs));
	assert_false(eval("format = hybrid", &fs));
	assert_true(eval("format != hybrid", &fs));
	assert_false(eval("format != webinar", &fs));
	assert_true(eval("missing != yes", &fs));
	assert_false(eval("missing = yes", &fs));
	assert_true(eval("topics = systems", &fs));
	assert_true(eval("topics = lending", &fs));
	assert_false(eval("topics = copyright", &fs));
	assert_true(eval("years > 10", &fs));
	assert_true(eval("years >= 12", &fs));
	assert_true(eval("years <= 12", &fs));
	assert_false(eval("years < 12", &fs));
	assert_false(eval("missing < 5", &fs));
	assert_false(eval("missing >= 0", &fs));
	assert_false(eval("odd > 0", &fs));
	assert_false(eval("odd <= 0", &fs));
	assert_true(eval("format = hybrid or years > 3", &fs));
	assert_false(eval("format = webinar and years > 30", &fs));
	assert_true(eval("(format = hybrid or topics = lending) and years < 20",
			 &fs));
}

static void bad_cond_unreadable_is_missing(void **state)
{
	struct fields fs = { .n = 0 };

	fadd(&fs, "years", "1\xff", 2);
	assert_false(eval("years > 0", &fs));
	fadd(&fs, "format", "web\0inar", 8);
	assert_false(eval("format = web", &fs));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_good_submission),
		cmocka_unit_test(bad_required_missing),
		cmocka_unit_test(test_show_if_hides_required),
		cmocka_unit_test(test_show_if_chain),
		cmocka_unit_test(bad_show_if_shown_required),
		cmocka_unit_test(bad_unreadable_values),
		cmocka_unit_test(test_unknown_fields_ignored),
		cmocka_unit_test(test_choice),
		cmocka_unit_test(test_choice_other),
		cmocka_unit_test(test_multi),
		cmocka_unit_test(test_likert_required_items),
		cmocka_unit_test(test_rating_nps),
		cmocka_unit_test(test_number),
		cmocka_unit_test(test_email),
		cmocka_unit_test(test_email_when_shown),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_text_length_in_characters),
		cmocka_unit_test(test_text_whitespace),
		cmocka_unit_test(test_pattern),
		cmocka_unit_test(test_custom_messages),
		cmocka_unit_test(test_page_restricted),
		cmocka_unit_test(test_cond_eval),
		cmocka_unit_test(bad_cond_unreadable_is_missing),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
