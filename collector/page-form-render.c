/*
 * page-form-render.c - one page of a form as accessible HTML: error
 * summary, each question in a fieldset/legend or with a label, hints and
 * errors tied to inputs with aria-describedby, earlier pages' answers
 * carried in hidden fields, the honeypot, and the buttons.
 */
#include <stdio.h>
#include <string.h>

#include "page-form.h"

struct ctx {
	struct page *p;
	struct html *h;
	const struct form_view *v;
	const struct form *f;
};

static const struct optlist *choices(const struct question *q)
{
	if (q->options.n || !q->scale)
		return &q->options;
	return &q->scale->opts;
}

int page_form_key_page(const struct form *f, const char *k)
{
	const struct form_option *item;
	const struct question *q = form_answer_owner(f, k, &item);

	return q ? q->page : 0;
}

static const char *err_for(const struct ctx *c, const char *key)
{
	return c->v->val ? validation_error(c->v->val, key) : NULL;
}

static const char *value_of(const struct ctx *c, const char *key, size_t *len)
{
	const struct field *fl = fields_get(c->v->vals, key);

	*len = fl ? fl->len : 0;
	return fl ? fl->value : NULL;
}

/* The required marker, in text so that everyone gets it. */
static void label_text(struct html *h, const struct question *q)
{
	html_text(h, q->label);
	if (q->required)
		html_lit(h, " <span class=\"req\">(required)</span>");
}

/* aria-describedby for key: its hint and its error, when present. */
static void describedby(struct ctx *c, const char *hint_key,
			const char *err_key)
{
	struct buf b = BUF_INIT;

	if (hint_key)
		buf_addf(&b, "h-%s", hint_key);
	if (err_key && err_for(c, err_key))
		buf_addf(&b, "%se-%s", b.len ? " " : "", err_key);
	if (b.len)
		html_attr(c->h, "aria-describedby", b.s);
	buf_release(&b);
}

static void hint(struct ctx *c, const char *key, const char *text,
		 const char *extra)
{
	if (!text && !extra)
		return;
	html_lit(c->h, "<p class=\"hint\"");
	html_attrf(c->h, "id", "h-%s", key);
	html_lit(c->h, ">");
	html_text(c->h, text);
	if (text && extra)
		html_lit(c->h, " ");
	html_text(c->h, extra);
	html_lit(c->h, "</p>\n");
}

static void error_msg(struct ctx *c, const char *key)
{
	const char *msg = err_for(c, key);

	if (!msg)
		return;
	html_lit(c->h, "<p class=\"error-message\"");
	html_attrf(c->h, "id", "e-%s", key);
	html_lit(c->h, "><span class=\"visually-hidden\">Error: </span>");
	html_text(c->h, msg);
	html_lit(c->h, "</p>\n");
}

/* One radio or checkbox with its label. */
static void choice_input(struct ctx *c, const char *type, const char *name,
			 const char *code, const char *label, const char *aside,
			 int first, int checked, int invalid)
{
	struct html *h = c->h;

	html_lit(h, "<div class=\"option\"><input");
	html_attr(h, "type", type);
	if (first)
		html_attrf(h, "id", "f-%s", name);
	else
		html_attrf(h, "id", "f-%s-%s", name, code);
	html_attr(h, "name", name);
	html_attr(h, "value", code);
	if (checked)
		html_lit(h, " checked");
	if (invalid)
		html_lit(h, " aria-invalid=\"true\"");
	html_lit(h, "><label");
	if (first)
		html_attrf(h, "for", "f-%s", name);
	else
		html_attrf(h, "for", "f-%s-%s", name, code);
	html_lit(h, ">");
	html_text(h, label);
	if (aside) {
		html_lit(h, "<span class=\"visually-hidden\"> \xe2\x80\x93 ");
		html_text(h, aside);
		html_lit(h, "</span>");
	}
	html_lit(h, "</label></div>\n");
}

static int value_is(const struct ctx *c, const char *key, const char *code)
{
	return fields_has(c->v->vals, key, code);
}

/* The free-text box of an "other" option: <key>_other. */
static void other_box(struct ctx *c, const struct question *q)
{
	struct html *h = c->h;
	struct buf key = BUF_INIT;
	const char *val;
	size_t len;

	buf_addf(&key, "%s_other", q->key);
	val = value_of(c, key.s, &len);
	html_lit(h, "<div class=\"other-text\"><label class=\"label-small\"");
	html_attrf(h, "for", "f-%s", key.s);
	html_lit(h, ">");
	html_textf(h, "%s: please say which",
		   q->other_label ? q->other_label : "Other");
	html_lit(h, "</label>\n");
	error_msg(c, key.s);
	html_lit(h, "<input type=\"text\" class=\"input\"");
	html_attrf(h, "id", "f-%s", key.s);
	html_attr(h, "name", key.s);
	if (val)
		html_attrn(h, "value", val, len);
	if (err_for(c, key.s)) {
		html_lit(h, " aria-invalid=\"true\"");
		html_attrf(h, "aria-describedby", "e-%s", key.s);
	}
	html_lit(h, "></div>\n");
	buf_release(&key);
}

static void options_group(struct ctx *c, const struct question *q,
			  const char *type)
{
	const struct optlist *opts = choices(q);
	int invalid = err_for(c, q->key) != NULL;
	int inline_ = q->type == Q_YESNO;

	if (inline_)
		html_lit(c->h, "<div class=\"options inline\">\n");
	else
		html_lit(c->h, "<div class=\"options\">\n");
	for (size_t i = 0; i < opts->n; i++)
		choice_input(c, type, q->key, opts->v[i].code,
			     opts->v[i].label, NULL, i == 0,
			     value_is(c, q->key, opts->v[i].code), invalid);
	if (q->other && !optlist_label(opts, "other"))
		choice_input(c, type, q->key, "other",
			     q->other_label ? q->other_label : "Other", NULL,
			     opts->n == 0, value_is(c, q->key, "other"),
			     invalid);
	html_lit(c->h, "</div>\n");
	if (q->other)
		other_box(c, q);
}

/* A number scale (rating, nps): radios in a row, ends labelled. */
static void scale_group(struct ctx *c, const struct question *q)
{
	struct html *h = c->h;
	int lo = q->type == Q_NPS ? 0 : q->has_min ? (int)q->min : 1;
	int hi = q->type == Q_NPS ? 10 : q->has_max ? (int)q->max : 5;
	int invalid = err_for(c, q->key) != NULL;
	char code[16];

	if (hi - lo > 6)
		html_lit(h, "<div class=\"scale scale-wide\">\n");
	else
		html_lit(h, "<div class=\"scale\">\n");
	for (int n = lo; n <= hi; n++) {
		const char *aside = n == lo ? q->ends[0]
				    : n == hi ? q->ends[1] : NULL;

		snprintf(code, sizeof(code), "%d", n);
		choice_input(c, "radio", q->key, code, code, aside, n == lo,
			     value_is(c, q->key, code), invalid);
	}
	html_lit(h, "</div>\n");
	if (q->ends[0] || q->ends[1]) {
		/* the ends, seen under the row; read out within the labels */
		html_lit(h, "<div class=\"scale-ends\" aria-hidden=\"true\">"
			 "<span>");
		if (q->ends[0])
			html_textf(h, "%d = %s", lo, q->ends[0]);
		html_lit(h, "</span><span>");
		if (q->ends[1])
			html_textf(h, "%d = %s", hi, q->ends[1]);
		html_lit(h, "</span></div>\n");
	}
}

static void group_begin(struct ctx *c, const struct question *q,
			const char *cls, const char *extra_hint)
{
	struct html *h = c->h;

	html_lit(h, "<fieldset");
	html_attr(h, "class", cls);
	describedby(c, q->hint || extra_hint ? q->key : NULL, q->key);
	html_lit(h, "><legend>");
	label_text(h, q);
	html_lit(h, "</legend>\n");
	hint(c, q->key, q->hint, extra_hint);
	error_msg(c, q->key);
}

static void likert(struct ctx *c, const struct question *q)
{
	struct html *h = c->h;
	const struct optlist *opts = choices(q);

	group_begin(c, q, "group likert", NULL);
	html_lit(h, "<div class=\"likert-items\">\n");
	for (size_t i = 0; i < q->items.n; i++) {
		const struct form_option *it = &q->items.v[i];
		int invalid = err_for(c, it->code) != NULL;

		html_lit(h, "<fieldset class=\"likert-item\"");
		describedby(c, NULL, it->code);
		html_lit(h, "><legend>");
		html_text(h, it->label);
		html_lit(h, "</legend>\n");
		error_msg(c, it->code);
		html_lit(h, "<div class=\"options likert-scale\">\n");
		for (size_t k = 0; k < opts->n; k++)
			choice_input(c, "radio", it->code, opts->v[k].code,
				     opts->v[k].label, NULL, k == 0,
				     value_is(c, it->code, opts->v[k].code),
				     invalid);
		html_lit(h, "</div></fieldset>\n");
	}
	html_lit(h, "</div></fieldset>\n");
}

static void text_input(struct ctx *c, const struct question *q)
{
	struct html *h = c->h;
	struct buf extra = BUF_INIT;
	const char *val;
	size_t len;

	if (q->type == Q_TEXT && q->long_text && q->max_length)
		buf_addf(&extra, "Up to %zu characters.", q->max_length);
	if (q->type == Q_NUMBER && q->has_min && q->has_max)
		buf_addf(&extra, "A number from %g to %g.", q->min, q->max);
	if (q->type == Q_DATE)
		buf_adds(&extra, q->hint ? "" : "For example, 2025-03-27.");
	html_lit(h, "<label class=\"label\"");
	html_attrf(h, "for", "f-%s", q->key);
	html_lit(h, ">");
	label_text(h, q);
	html_lit(h, "</label>\n");
	hint(c, q->key, q->hint, extra.len ? extra.s : NULL);
	error_msg(c, q->key);
	val = value_of(c, q->key, &len);
	if (q->type == Q_TEXT && q->long_text)
		html_lit(h, "<textarea class=\"input\" rows=\"5\"");
	else if (q->type == Q_NUMBER)
		html_lit(h, "<input class=\"input input-short\"");
	else
		html_lit(h, "<input class=\"input\"");
	html_attrf(h, "id", "f-%s", q->key);
	html_attr(h, "name", q->key);
	switch (q->type) {
	case Q_EMAIL:
		html_lit(h, " type=\"email\" autocomplete=\"email\" "
			 "spellcheck=\"false\"");
		break;
	case Q_NUMBER:
		html_lit(h, " type=\"text\"");
		html_attr(h, "inputmode", q->decimal ? "decimal" : "numeric");
		break;
	case Q_DATE:
		html_lit(h, " type=\"date\"");
		html_attr(h, "min", q->min_date);
		html_attr(h, "max", q->max_date);
		break;
	case Q_TEXT:
		if (!q->long_text)
			html_lit(h, " type=\"text\"");
		break;
	default:
		break;
	}
	describedby(c, q->hint || extra.len ? q->key : NULL, q->key);
	if (err_for(c, q->key))
		html_lit(h, " aria-invalid=\"true\"");
	if (q->type == Q_TEXT && q->long_text) {
		html_lit(h, ">");
		if (val)
			html_textn(h, val, len);
		html_lit(h, "</textarea>\n");
	} else {
		if (val)
			html_attrn(h, "value", val, len);
		html_lit(h, ">\n");
	}
	buf_release(&extra);
}

/* "Answer only if ...": the show_if condition in words. */
static void cond_words(struct ctx *c, const struct cond *k)
{
	struct html *h = c->h;
	const struct form_option *item = NULL;
	const struct question *q;
	const char *label, *vlabel = NULL;

	if (k->op == C_AND || k->op == C_OR) {
		cond_words(c, k->l);
		if (k->op == C_AND)
			html_lit(h, " and ");
		else
			html_lit(h, " or ");
		cond_words(c, k->r);
		return;
	}
	q = form_answer_owner(c->f, k->key, &item);
	label = item ? item->label : q ? q->label : k->key;
	if (q)
		vlabel = optlist_label(choices(q), k->value);
	switch (k->op) {
	case C_EQ:
		html_textf(h, "you answered \xe2\x80\x9c%s\xe2\x80\x9d to "
			   "\xe2\x80\x9c%s\xe2\x80\x9d",
			   vlabel ? vlabel : k->value, label);
		break;
	case C_NE:
		html_textf(h, "you did not answer \xe2\x80\x9c%s\xe2\x80\x9d "
			   "to \xe2\x80\x9c%s\xe2\x80\x9d",
			   vlabel ? vlabel : k->value, label);
		break;
	default:
		html_textf(h, "your answer to \xe2\x80\x9c%s\xe2\x80\x9d is "
			   "%s %s", label,
			   k->op == C_LT ? "less than"
			   : k->op == C_LE ? "at most"
			   : k->op == C_GT ? "more than" : "at least",
			   k->value);
		break;
	}
}

static void question(struct ctx *c, const struct question *q)
{
	struct html *h = c->h;
	int bad = err_for(c, q->key) != NULL;

	if (q->type == Q_SECTION) {
		html_lit(h, "<h2 class=\"section-title\">");
		html_text(h, q->label);
		html_lit(h, "</h2>\n");
		if (q->hint) {
			html_lit(h, "<p class=\"section-hint\">");
			html_text(h, q->hint);
			html_lit(h, "</p>\n");
		}
		return;
	}
	for (size_t i = 0; !bad && q->type == Q_LIKERT && i < q->items.n; i++)
		bad = err_for(c, q->items.v[i].code) != NULL;
	if (!bad && q->other) {
		struct buf okey = BUF_INIT;

		buf_addf(&okey, "%s_other", q->key);
		bad = err_for(c, okey.s) != NULL;
		buf_release(&okey);
	}
	if (bad)
		html_lit(h, "<div class=\"question has-error\"");
	else
		html_lit(h, "<div class=\"question\"");
	html_attrf(h, "id", "q-%s", q->key);
	if (q->show_if)
		html_attr(h, "data-show-if", q->show_if_src);
	html_lit(h, ">\n");
	if (q->show_if) {
		/* the words end in a closing quote or a number: no full stop
		 * after a question mark in quotes */
		html_lit(h, "<p class=\"condition\">Answer only if ");
		cond_words(c, q->show_if);
		html_lit(h, "</p>\n");
	}
	switch (q->type) {
	case Q_CHOICE:
		group_begin(c, q, "group", NULL);
		options_group(c, q, "radio");
		html_lit(h, "</fieldset>\n");
		break;
	case Q_YESNO:
		group_begin(c, q, "group", NULL);
		options_group(c, q, "radio");
		html_lit(h, "</fieldset>\n");
		break;
	case Q_MULTI:
		group_begin(c, q, "group", q->hint ? NULL
						   : "Select all that apply.");
		options_group(c, q, "checkbox");
		html_lit(h, "</fieldset>\n");
		break;
	case Q_RATING:
	case Q_NPS:
		group_begin(c, q, "group", NULL);
		scale_group(c, q);
		html_lit(h, "</fieldset>\n");
		break;
	case Q_LIKERT:
		likert(c, q);
		break;
	default:
		text_input(c, q);
		break;
	}
	html_lit(h, "</div>\n");
}

/*
 * A summary link must make sense on its own, away from the field: the
 * validator's short message ("Select an answer") follows the label of
 * what is missing, "Overall, how useful was this event? - select an
 * answer" (a likert item names its statement). A form's own message
 * (messages: required/invalid) is the author's wording and stands alone.
 */
static void summary_text(struct ctx *c, const struct field_error *e)
{
	const struct form_option *item = NULL;
	const struct question *q = form_answer_owner(c->f, e->key, &item);
	const char *label, *msg = e->msg;
	size_t n;

	if (!q || (q->msg_required && !strcmp(msg, q->msg_required)) ||
	    (q->msg_invalid && !strcmp(msg, q->msg_invalid))) {
		html_text(c->h, msg);
		return;
	}
	label = item ? item->label : q->label;
	n = strlen(label);
	while (n && (label[n - 1] == '.' || label[n - 1] == ':' ||
		     label[n - 1] == ' '))
		n--;
	html_textn(c->h, label, n);
	html_lit(c->h, " \xe2\x80\x93 ");
	/* "Select ..." becomes "select ...", an acronym stays as it is */
	if (msg[0] >= 'A' && msg[0] <= 'Z' &&
	    !(msg[1] >= 'A' && msg[1] <= 'Z')) {
		char first = (char)(msg[0] - 'A' + 'a');

		html_textn(c->h, &first, 1);
		msg++;
	}
	html_text(c->h, msg);
}

static void error_summary(struct ctx *c)
{
	struct html *h = c->h;
	const struct validation *val = c->v->val;
	size_t shown = 0;

	if (!val)
		return;
	for (size_t i = 0; i < val->nerr; i++) {
		if (page_form_key_page(c->f, val->err[i].key) != c->v->page)
			continue;
		if (!shown++)
			html_lit(h, "<div class=\"error-summary\" role=\"alert\" "
				 "tabindex=\"-1\" aria-labelledby=\"es-title\">"
				 "\n<h2 id=\"es-title\">There is a problem</h2>"
				 "\n<ul>\n");
		html_lit(h, "<li><a");
		html_attrf(h, "href", "#f-%s", val->err[i].key);
		html_lit(h, ">");
		summary_text(c, &val->err[i]);
		html_lit(h, "</a></li>\n");
	}
	if (shown)
		html_lit(h, "</ul>\n</div>\n");
}

/* Answers from the other pages travel along in hidden fields. */
static void carried(struct ctx *c)
{
	const struct fields *vals = c->v->vals;

	for (size_t i = 0; i < vals->n; i++) {
		const struct form_option *item;
		const struct question *q =
			form_answer_owner(c->f, vals->v[i].name, &item);

		if (!q || q->page == c->v->page)
			continue;
		html_lit(c->h, "<input type=\"hidden\"");
		html_attr(c->h, "name", vals->v[i].name);
		html_attrn(c->h, "value", vals->v[i].value, vals->v[i].len);
		html_lit(c->h, ">\n");
	}
}

static void heading(struct ctx *c)
{
	struct html *h = c->h;
	const struct form_target *t = c->v->t;

	html_lit(h, "<h1>");
	html_text(h, c->f->title);
	html_lit(h, "</h1>\n");
	if (t->has_event) {
		html_lit(h, "<div class=\"event-box\"><p class=\"event-title\">");
		html_text(h, t->ev.title);
		html_lit(h, "</p><p class=\"meta\">");
		page_date(h, t->ev.date);
		if (t->ev.location) {
			html_lit(h, " \xc2\xb7 ");
			html_text(h, t->ev.location);
		}
		if (t->ev.presenter) {
			html_lit(h, " \xc2\xb7 with ");
			html_text(h, t->ev.presenter);
		}
		html_lit(h, "</p></div>\n");
	}
	if (c->v->page == 0 && c->f->intro) {
		html_lit(h, "<p class=\"lead\">");
		html_text(h, c->f->intro);
		html_lit(h, "</p>\n");
	}
	if (c->f->npages > 1) {
		html_lit(h, "<p class=\"progress\">");
		html_textf(h, "Page %d of %d", c->v->page + 1, c->f->npages);
		html_lit(h, "</p>\n");
	}
}

void page_form_render(struct page *p, struct form_view *v)
{
	struct ctx c = { p, &p->h, v, v->t->form };
	struct html *h = &p->h;
	struct buf title = BUF_INIT;
	int last = v->page >= c.f->npages - 1;

	if (v->val && v->val->nerr)
		buf_adds(&title, "Error: ");
	buf_adds(&title, c.f->title);
	if (v->t->has_event)
		buf_addf(&title, " \xe2\x80\x93 %s", v->t->ev.title);
	if (c.f->npages > 1)
		buf_addf(&title, " (page %d of %d)", v->page + 1,
			 c.f->npages);
	p->script = 1;
	page_begin(p, title.s);
	buf_release(&title);
	error_summary(&c);
	heading(&c);
	if (v->notice) {
		html_lit(h, "<div class=\"notice\" role=\"status\"><p>");
		html_text(h, v->notice);
		html_lit(h, "</p></div>\n");
	}
	html_lit(h, "<form method=\"post\" novalidate");
	if (v->t->has_event)
		html_attrf(h, "action", "%s/f/%s/%s", p->c->prefix, c.f->key,
			   v->t->ev.key);
	else
		html_attrf(h, "action", "%s/f/%s", p->c->prefix, c.f->key);
	html_lit(h, ">\n<input type=\"hidden\" name=\"" F_TOKEN "\" value=\"");
	v->token_at = h->b.len;
	html_text(h, v->token);
	html_lit(h, "\"");
	html_lit(h, ">\n<input type=\"hidden\" name=\"" F_PAGE "\"");
	html_attrf(h, "value", "%d", v->page);
	html_lit(h, ">\n");
	if (v->confirm) {
		char mac[TOKEN_CONFIRM_HEX + 1];

		token_confirmation(p->c->token_key, v->token, mac);
		html_lit(h, "<input type=\"hidden\" name=\"" F_CONFIRM "\"");
		html_attr(h, "value", mac);
		html_lit(h, ">\n");
	}
	if (!v->no_send)
		carried(&c);
	html_lit(h, "<div class=\"hp\" aria-hidden=\"true\"><label "
		 "for=\"f-hp\">Leave this field empty</label><input "
		 "type=\"text\" id=\"f-hp\" name=\"" F_HONEYPOT "\" "
		 "tabindex=\"-1\" autocomplete=\"off\"></div>\n");
	/* answers that cannot be sent are all shown, to be copied */
	for (size_t i = 0; i < c.f->nq; i++)
		if (c.f->q[i].page == v->page || v->no_send)
			question(&c, &c.f->q[i]);
	if (v->no_send) {
		html_lit(h, "</form>\n");
		page_end(p);
		return;
	}
	html_lit(h, "<div class=\"buttons\">\n");
	if (last)
		html_lit(h, "<button type=\"submit\" class=\"button\" "
			 "name=\"" F_ACTION "\" value=\"submit\">Send my "
			 "answers</button>\n");
	else
		html_lit(h, "<button type=\"submit\" class=\"button\" "
			 "name=\"" F_ACTION "\" value=\"next\">Continue"
			 "</button>\n");
	if (v->page > 0)
		html_lit(h, "<button type=\"submit\" class=\"button "
			 "button-secondary\" name=\"" F_ACTION "\" "
			 "value=\"back\">Back</button>\n");
	html_lit(h, "</div>\n</form>\n");
	page_end(p);
}
