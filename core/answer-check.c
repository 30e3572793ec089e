/*
 * answer-check.c - the per-type checks of one question's submitted values:
 * single values, choices, numbers, text, emails and dates, each turned into
 * typed answers or a friendly message beside the field.
 */
#include "answer-int.h"
#include "date.h"

#include <regex.h>
#include <stdlib.h>
#include <string.h>

#define SHORT_TEXT_MAX 500      /* characters, when max_length is 0 */
#define LONG_TEXT_MAX 5000
#define EMAIL_MAX 254
#define OTHER_CODE "other"      /* the Other tick, unless a real option */

static const char msg_unreadable[] =
	"This answer contains characters we cannot read. Please retype it.";

/* An "invalid" message: the form's own when it has one. */
#define INVALID(v, q, key, ...)                                            \
	do {                                                               \
		if ((q)->msg_invalid)                                      \
			validation_add_error((v), (key), (q)->msg_invalid); \
		else                                                       \
			validation_add_errorf((v), (key), __VA_ARGS__);    \
	} while (0)

static void required_error(struct validation *v, const struct question *q,
			   const char *key, const char *dflt)
{
	validation_add_error(v, key, q->msg_required ? q->msg_required : dflt);
}

/* ---- single values ---- */

/* Number of UTF-8 characters in valid UTF-8 s. */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/*
 * The single value given for name: 1 with the cleaned value in out, 0 when
 * none (or only empty ones) was given. -1 after adding an error: the value
 * is unreadable, or two different values were given (msg_twice).
 */
static int single_value(struct validation *v, const struct question *q,
			const char *name, const struct field *fields,
			size_t nfields, int keep_newlines, const char *msg_twice,
			struct buf *out)
{
	struct buf tmp = BUF_INIT;
	int found = 0, ret = 0;

	buf_reset(out);
	for (size_t i = 0; i < nfields; i++) {
		if (!fields[i].name || strcmp(fields[i].name, name))
			continue;
		if (answer_clean_value(&fields[i], keep_newlines, &tmp) < 0) {
			validation_add_error(v, name, msg_unreadable);
			ret = -1;
			goto out;
		}
		if (!tmp.len)
			continue;
		if (!found) {
			buf_add(out, tmp.s, tmp.len);
			found = 1;
		} else if (strcmp(out->s, tmp.s)) {
			INVALID(v, q, name, "%s", msg_twice);
			ret = -1;
			goto out;
		}
	}
	ret = found;
out:
	buf_release(&tmp);
	return ret;
}

/* ---- numbers, emails, dates ---- */

/* A number as a person writes it: 3, 2.5, -1. */
static void fmt_num(struct buf *b, double d)
{
	buf_addf(b, "%.15g", d);
}

static int email_ok(const char *s)
{
	const char *at = strchr(s, '@');
	const char *dom;

	if (!at || at == s || strchr(at + 1, '@') || strlen(s) > EMAIL_MAX)
		return 0;
	for (const char *p = s; *p; p++)
		if (answer_is_space((unsigned char)*p) || *p == ',' ||
		    *p == '<' || *p == '>')
			return 0;
	dom = at + 1;
	if (!strchr(dom, '.') || *dom == '.' || dom[strlen(dom) - 1] == '.' ||
	    strstr(dom, ".."))
		return 0;
	return 1;
}

/*
 * Normalises a date to YYYY-MM-DD: accepts YYYY-MM-DD (what
 * <input type=date> sends) and the lenient YYYY-M-D or YYYY/MM/DD that a
 * person types when the browser shows a plain text box. Returns -1 when
 * it is not a real calendar date.
 */
static int norm_date(const char *s, struct buf *out)
{
	int part[3] = { 0, 0, 0 }, ndig[3] = { 0, 0, 0 };
	int k = 0;
	char sep = 0;

	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (ndig[k] >= 4)
				return -1;
			part[k] = part[k] * 10 + (*p - '0');
			ndig[k]++;
		} else if ((*p == '-' || *p == '/') && k < 2 && ndig[k] &&
			   (!sep || sep == *p)) {
			sep = *p;
			k++;
		} else {
			return -1;
		}
	}
	if (k != 2 || ndig[0] != 4 || !ndig[1] || ndig[1] > 2 || !ndig[2] ||
	    ndig[2] > 2)
		return -1;
	buf_reset(out);
	buf_addf(out, "%04d-%02d-%02d", part[0], part[1], part[2]);
	return date_valid(out->s) ? 0 : -1;
}

int answer_matches(const char *pattern, const char *s)
{
	struct buf re = BUF_INIT;
	regex_t rx;
	int ok = 0;

	buf_addf(&re, "^(%s)$", pattern);
	if (regcomp(&rx, re.s, REG_EXTENDED | REG_NOSUB) == 0) {
		ok = regexec(&rx, s, 0, NULL, 0) == 0;
		regfree(&rx);
	}
	buf_release(&re);
	return ok;
}

/* ---- per type ---- */

static const struct optlist *choices(const struct question *q)
{
	if (q->options.n || !q->scale)
		return &q->options;
	return &q->scale->opts;
}

static int has_code(const struct optlist *l, const char *code)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].code, code))
			return 1;
	return 0;
}

/* Max characters for text: the form's max_length or the type default. */
static size_t text_max(const struct question *q)
{
	if (q->max_length)
		return q->max_length;
	return q->long_text ? LONG_TEXT_MAX : SHORT_TEXT_MAX;
}

static void too_long(struct validation *v, const struct question *q,
		     const char *key, size_t max, size_t got)
{
	INVALID(v, q, key,
		"Use %zu characters or fewer (you entered %zu)", max, got);
}

/* The message for an Other tick without its text. */
static void other_missing(struct validation *v, const struct question *q,
			  const char *okey)
{
	validation_add_errorf(v, okey, "Enter your answer for "
			      "\xe2\x80\x9c%s\xe2\x80\x9d",
			      q->other_label ? q->other_label : "Other");
}

/*
 * The <key>_other text of q: 1 with it in c->val, 0 when empty, -1 after
 * an error.
 */
static int other_text(struct answer_ctx *c, const struct question *q,
		      struct buf *okey)
{
	int r;

	buf_reset(okey);
	buf_addf(okey, "%s_other", q->key);
	r = single_value(c->v, q, okey->s, c->fields, c->nfields, 0,
			 "Enter only one other answer", &c->val);
	if (r == 1 && utf8_chars(c->val.s) > OTHER_TEXT_MAX) {
		too_long(c->v, q, okey->s, OTHER_TEXT_MAX,
			 utf8_chars(c->val.s));
		return -1;
	}
	return r;
}

static void do_choice(struct answer_ctx *c, const struct question *q)
{
	const struct optlist *opts = choices(q);
	struct buf okey = BUF_INIT, code = BUF_INIT;
	int r, other_ticked = 0, oth = 0;

	r = single_value(c->v, q, q->key, c->fields, c->nfields, 0,
			 "Select only one answer", &code);
	if (r < 0)
		goto out;
	if (r == 1 && !has_code(opts, code.s)) {
		if (q->other && !strcmp(code.s, OTHER_CODE)) {
			other_ticked = 1;
			r = 0;
		} else {
			INVALID(c->v, q, q->key, "Select one of the options");
			goto out;
		}
	}
	if (q->other) {
		oth = other_text(c, q, &okey);
		if (oth < 0)
			goto out;
		if (oth && r == 1) {
			INVALID(c->v, q, q->key,
				"Select one of the options or fill in "
				"\xe2\x80\x9c%s\xe2\x80\x9d, "
				"not both", q->other_label ? q->other_label
							   : "Other");
			goto out;
		}
		if (other_ticked && !oth) {
			other_missing(c->v, q, okey.s);
			goto out;
		}
	}
	if (r == 1)
		answers_add_code(&c->v->ans, q->key, code.s);
	else if (oth == 1)
		answers_add_text(&c->v->ans, okey.s, c->val.s);
	else if (q->required)
		required_error(c->v, q, q->key, "Select an answer");
out:
	buf_release(&okey);
	buf_release(&code);
}

static void do_yesno(struct answer_ctx *c, const struct question *q)
{
	int r = single_value(c->v, q, q->key, c->fields, c->nfields, 0,
			     "Select only one answer", &c->val);

	if (r < 0)
		return;
	if (r == 0) {
		if (q->required)
			required_error(c->v, q, q->key, "Select yes or no");
		return;
	}
	if (q->options.n ? !has_code(&q->options, c->val.s)
			 : strcmp(c->val.s, "yes") && strcmp(c->val.s, "no")) {
		INVALID(c->v, q, q->key, "Select yes or no");
		return;
	}
	answers_add_code(&c->v->ans, q->key, c->val.s);
}

static void do_multi(struct answer_ctx *c, const struct question *q)
{
	const struct optlist *opts = choices(q);
	char *ticked = xcalloc(opts->n + 1, 1);
	struct buf okey = BUF_INIT;
	int any = 0, other_ticked = 0, oth = 0;

	for (size_t i = 0; i < c->nfields; i++) {
		size_t k;

		if (!c->fields[i].name || strcmp(c->fields[i].name, q->key))
			continue;
		if (answer_clean_value(&c->fields[i], 0, &c->val) < 0) {
			validation_add_error(c->v, q->key, msg_unreadable);
			goto out;
		}
		if (!c->val.len)
			continue;
		for (k = 0; k < opts->n; k++)
			if (!strcmp(opts->v[k].code, c->val.s))
				break;
		if (k < opts->n) {
			ticked[k] = 1;
			any = 1;
		} else if (q->other && !strcmp(c->val.s, OTHER_CODE)) {
			other_ticked = 1;
		} else {
			INVALID(c->v, q, q->key, "Select from the options given");
			goto out;
		}
	}
	if (q->other) {
		oth = other_text(c, q, &okey);
		if (oth < 0)
			goto out;
		if (other_ticked && !oth) {
			other_missing(c->v, q, okey.s);
			goto out;
		}
	}
	if (!any && !oth) {
		if (q->required)
			required_error(c->v, q, q->key,
				       "Select at least one option");
		goto out;
	}
	for (size_t k = 0; k < opts->n; k++)
		if (ticked[k])
			answers_add_code(&c->v->ans, q->key, opts->v[k].code);
	if (oth)
		answers_add_text(&c->v->ans, okey.s, c->val.s);
out:
	free(ticked);
	buf_release(&okey);
}

static void do_likert(struct answer_ctx *c, const struct question *q)
{
	const struct optlist *scale = q->scale ? &q->scale->opts : &q->options;

	for (size_t i = 0; i < q->items.n; i++) {
		const char *ik = q->items.v[i].code;
		int r = single_value(c->v, q, ik, c->fields, c->nfields, 0,
				     "Select only one answer", &c->val);

		if (r < 0)
			continue;
		if (r == 0) {
			if (q->required)
				required_error(c->v, q, ik, "Select an answer");
			continue;
		}
		if (!has_code(scale, c->val.s)) {
			INVALID(c->v, q, ik, "Select one of the options");
			continue;
		}
		answers_add_code(&c->v->ans, ik, c->val.s);
	}
}

/* The range a number question takes, for its error messages. */
struct num_range {
	double lo, hi;
	int has_lo, has_hi;
};

/* " from 1 to 5", " of 0 or more", " of 10 or less" or "" into b. */
static void range_text(struct buf *b, const struct num_range *r)
{
	if (r->has_lo && r->has_hi) {
		buf_adds(b, " from ");
		fmt_num(b, r->lo);
		buf_adds(b, " to ");
		fmt_num(b, r->hi);
	} else if (r->has_lo) {
		buf_adds(b, " of ");
		fmt_num(b, r->lo);
		buf_adds(b, " or more");
	} else if (r->has_hi) {
		buf_adds(b, " of ");
		fmt_num(b, r->hi);
		buf_adds(b, " or less");
	}
}

/* The error "WHAT<range of r>THEN", made only when it is needed. */
static void range_invalid(struct answer_ctx *c, const struct question *q,
			  const char *what, const struct num_range *r,
			  const char *then)
{
	struct buf range = BUF_INIT;

	range_text(&range, r);
	INVALID(c->v, q, q->key, "%s%s%s", what, range.s, then);
	buf_release(&range);
}

/*
 * Reads the number typed for question q into *d: 0, or -1 with the error
 * that says what to type instead (with the range of r: " from 1 to 5").
 */
static int number_typed(struct answer_ctx *c, const struct question *q,
			int must_whole, const struct num_range *r, double *d)
{
	int whole = 0;

	switch (answer_read_number(c->val.s, d, &whole)) {
	case NUM_AMBIGUOUS:
		if (must_whole)
			INVALID(c->v, q, q->key, "Write %s without a comma, "
				"like 1234", c->val.s);
		else
			INVALID(c->v, q, q->key, "Write %s without a comma: "
				"1234 for one thousand two hundred and "
				"thirty-four, or 1.234 with a decimal point",
				c->val.s);
		return -1;
	case NUM_BAD:
		range_invalid(c, q, must_whole ? "Enter a whole number"
					       : "Enter a number", r, "");
		return -1;
	case NUM_OK:
		break;
	}
	if (must_whole && !whole) {
		range_invalid(c, q, "Enter a whole number", r,
			      ", without a decimal part");
		return -1;
	}
	if ((q->has_min && *d < q->min) || (q->has_max && *d > q->max)) {
		range_invalid(c, q, must_whole ? "Enter a whole number"
					       : "Enter a number", r, "");
		return -1;
	}
	return 0;
}

/* rating, nps and number */
static void do_number(struct answer_ctx *c, const struct question *q)
{
	struct num_range r = { q->min, q->max, q->has_min, q->has_max };
	int must_whole = q->type != Q_NUMBER || !q->decimal;
	int whole, got;
	double d;

	if (q->type == Q_NPS) {
		r.lo = 0, r.hi = 10, r.has_lo = r.has_hi = 1;
	} else if (q->type == Q_RATING) {
		if (!r.has_lo)
			r.lo = 1, r.has_lo = 1;
		if (!r.has_hi)
			r.hi = 5, r.has_hi = 1;
	}
	got = single_value(c->v, q, q->key, c->fields, c->nfields, 0,
			   "Give only one answer", &c->val);
	if (got < 0)
		return;
	if (got == 0) {
		if (q->required)
			required_error(c->v, q, q->key,
				       q->type == Q_NUMBER ? "Enter a number"
							   : "Select an answer");
		return;
	}
	if (q->type == Q_NUMBER && number_typed(c, q, must_whole, &r, &d) < 0)
		return;
	if (q->type != Q_NUMBER &&
	    (answer_parse_number(c->val.s, &d, &whole) < 0 || !whole ||
	     (r.has_lo && d < r.lo) || (r.has_hi && d > r.hi))) {
		range_invalid(c, q, "Select a number", &r, "");
		return;
	}
	answers_add_num(&c->v->ans, q->key, d);
}

static void do_text(struct answer_ctx *c, const struct question *q)
{
	int keep = q->type == Q_TEXT && q->long_text;
	int r = single_value(c->v, q, q->key, c->fields, c->nfields, keep,
			     "Give only one answer", &c->val);
	size_t n, max;

	if (r < 0)
		return;
	if (r == 0) {
		if (q->required)
			required_error(c->v, q, q->key,
				       q->type == Q_EMAIL
					       ? "Enter your email address"
					       : "Enter an answer");
		return;
	}
	if (q->type == Q_EMAIL) {
		if (!email_ok(c->val.s)) {
			INVALID(c->v, q, q->key,
				"Enter an email address in the right format, "
				"like name@example.org");
			return;
		}
	} else {
		n = utf8_chars(c->val.s);
		max = text_max(q);
		if (n > max) {
			too_long(c->v, q, q->key, max, n);
			return;
		}
	}
	if (q->pattern && !answer_matches(q->pattern, c->val.s)) {
		if (q->pattern_hint)
			INVALID(c->v, q, q->key, "Check the format: %s",
				q->pattern_hint);
		else
			INVALID(c->v, q, q->key,
				"Check the format of your answer");
		return;
	}
	answers_add_text(&c->v->ans, q->key, c->val.s);
}

static void do_date(struct answer_ctx *c, const struct question *q)
{
	struct buf d = BUF_INIT;
	int r = single_value(c->v, q, q->key, c->fields, c->nfields, 0,
			     "Give only one answer", &c->val);

	if (r < 0)
		goto out;
	if (r == 0) {
		if (q->required)
			required_error(c->v, q, q->key, "Enter a date");
		goto out;
	}
	if (norm_date(c->val.s, &d) < 0) {
		INVALID(c->v, q, q->key,
			"Enter a real date, like 2026-03-14");
		goto out;
	}
	if ((q->min_date && strcmp(d.s, q->min_date) < 0) ||
	    (q->max_date && strcmp(d.s, q->max_date) > 0)) {
		if (q->min_date && q->max_date)
			INVALID(c->v, q, q->key,
				"Enter a date from %s to %s", q->min_date,
				q->max_date);
		else if (q->min_date)
			INVALID(c->v, q, q->key,
				"Enter a date on or after %s", q->min_date);
		else
			INVALID(c->v, q, q->key,
				"Enter a date on or before %s", q->max_date);
		goto out;
	}
	answers_add_text(&c->v->ans, q->key, d.s);
out:
	buf_release(&d);
}

void answer_check(struct answer_ctx *c, const struct question *q)
{
	switch (q->type) {
	case Q_CHOICE:
		do_choice(c, q);
		break;
	case Q_MULTI:
		do_multi(c, q);
		break;
	case Q_YESNO:
		do_yesno(c, q);
		break;
	case Q_LIKERT:
		do_likert(c, q);
		break;
	case Q_RATING:
	case Q_NPS:
	case Q_NUMBER:
		do_number(c, q);
		break;
	case Q_TEXT:
	case Q_EMAIL:
		do_text(c, q);
		break;
	case Q_DATE:
		do_date(c, q);
		break;
	case Q_SECTION:
		break;
	}
}
