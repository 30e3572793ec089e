/*
 * form-canon.c - the canonical JSON text of a form model and its SHA-256
 * (the form's version), and form_diff(): which changes between two
 * versions break the history of answers.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "form-int.h"
#include "util.h"

/* A JSON string that libyaml reads back as the same text. */
static void json_str(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!s) {
		buf_adds(b, "null");
		return;
	}
	buf_addc(b, '"');
	for (; *p; p++) {
		unsigned c = *p;

		if (c == '"' || c == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, (int)c);
		} else if (c == '\n') {
			buf_adds(b, "\\n");
		} else if (c == '\t') {
			buf_adds(b, "\\t");
		} else if (c < 0x20 || c == 0x7f) {
			buf_addf(b, "\\u%04x", c);
		} else if (c == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			/* C1 controls, NEL among them: YAML folds or refuses */
			buf_addf(b, "\\u%04x", (unsigned)p[1]);
			p++;
		} else if (c == 0xe2 && p[1] == 0x80 &&
			   (p[2] == 0xa8 || p[2] == 0xa9)) {
			buf_addf(b, "\\u%04x", p[2] == 0xa8 ? 0x2028u : 0x2029u);
			p += 2;
		} else if (c == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
			buf_adds(b, "\\ufeff");
			p += 2;
		} else {
			buf_addc(b, (int)c);
		}
	}
	buf_addc(b, '"');
}

/* The shortest %g spelling that reads back as the same double. */
static void json_num(struct buf *b, double v)
{
	char tmp[40];

	for (int prec = 15; prec <= 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*g", prec, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	buf_adds(b, tmp);
}

static void json_bool(struct buf *b, int v)
{
	buf_adds(b, v ? "true" : "false");
}

static void json_opts(struct buf *b, const struct optlist *l)
{
	buf_addc(b, '{');
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_addc(b, ',');
		json_str(b, l->v[i].code);
		buf_addc(b, ':');
		json_str(b, l->v[i].label);
	}
	buf_addc(b, '}');
}

static void field(struct buf *b, const char *name)
{
	buf_addf(b, ",\"%s\":", name);
}

static void canon_bounds(struct buf *b, const struct question *q)
{
	field(b, "min");
	if (q->type == Q_DATE)
		json_str(b, q->min_date);
	else if (q->has_min)
		json_num(b, q->min);
	else
		buf_adds(b, "null");
	field(b, "max");
	if (q->type == Q_DATE)
		json_str(b, q->max_date);
	else if (q->has_max)
		json_num(b, q->max);
	else
		buf_adds(b, "null");
}

static void canon_ends(struct buf *b, const struct question *q)
{
	field(b, "ends");
	if (!q->ends[0]) {
		buf_adds(b, "null");
		return;
	}
	buf_addc(b, '[');
	json_str(b, q->ends[0]);
	buf_addc(b, ',');
	json_str(b, q->ends[1]);
	buf_addc(b, ']');
}

static void canon_question(struct buf *b, const struct question *q)
{
	buf_adds(b, "{\"key\":");
	json_str(b, q->key);
	field(b, "type");
	json_str(b, qtype_name(q->type));
	field(b, "label");
	json_str(b, q->label);
	field(b, "hint");
	json_str(b, q->hint);
	if (q->type == Q_SECTION) {
		field(b, "new_page");
		json_bool(b, q->new_page);
		buf_addc(b, '}');
		return;
	}
	field(b, "required");
	json_bool(b, q->required);
	field(b, "show_if");
	if (q->show_if) {
		struct buf t = BUF_INIT;

		cond_print(&t, q->show_if);
		json_str(b, t.s);
		buf_release(&t);
	} else {
		buf_adds(b, "null");
	}
	field(b, "messages");
	buf_adds(b, "{\"required\":");
	json_str(b, q->msg_required);
	buf_adds(b, ",\"invalid\":");
	json_str(b, q->msg_invalid);
	buf_addc(b, '}');
	switch (q->type) {
	case Q_CHOICE:
	case Q_MULTI:
		field(b, "options");
		if (q->scale)
			buf_adds(b, "null");
		else
			json_opts(b, &q->options);
		if (q->type == Q_CHOICE) {
			field(b, "scale");
			json_str(b, q->scale_key);
		}
		field(b, "other");
		json_bool(b, q->other);
		field(b, "other_label");
		json_str(b, q->other_label);
		if (q->type == Q_CHOICE) {
			field(b, "ordinal");
			json_bool(b, q->ordinal);
		}
		break;
	case Q_LIKERT:
		field(b, "scale");
		json_str(b, q->scale_key);
		field(b, "items");
		json_opts(b, &q->items);
		break;
	case Q_RATING:
		canon_bounds(b, q);
		canon_ends(b, q);
		break;
	case Q_NPS:
		canon_ends(b, q);
		break;
	case Q_NUMBER:
		canon_bounds(b, q);
		field(b, "decimal");
		json_bool(b, q->decimal);
		break;
	case Q_DATE:
		canon_bounds(b, q);
		break;
	case Q_TEXT:
	case Q_EMAIL:
		if (q->type == Q_TEXT) {
			field(b, "long");
			json_bool(b, q->long_text);
		}
		field(b, "max_length");
		buf_addf(b, "%zu", q->max_length);
		field(b, "pattern");
		json_str(b, q->pattern);
		field(b, "pattern_hint");
		json_str(b, q->pattern_hint);
		break;
	default:
		break;
	}
	buf_addc(b, '}');
}

/*
 * The canonical text: JSON (so also YAML that form_load_text reads back)
 * with a fixed key order, every default spelled out and no positions.
 */
/*
 * A scale without a kind is its levels alone (as before kinds existed,
 * so such forms keep their hash); with one, kind and neutral are part
 * of its meaning: changing them makes a new version of the form.
 */
static void canon_scale(struct buf *b, const struct scale *s)
{
	if (!s->kind) {
		json_opts(b, &s->opts);
		return;
	}
	buf_adds(b, "{\"kind\":");
	json_str(b, form_scale_kind_name(s->kind));
	field(b, "neutral");
	json_str(b, s->neutral);
	field(b, "levels");
	json_opts(b, &s->opts);
	buf_addc(b, '}');
}

static char *form_canonical(const struct form *f)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "{\"form\":");
	json_str(&b, f->key);
	field(&b, "title");
	json_str(&b, f->title);
	field(&b, "intro");
	json_str(&b, f->intro);
	field(&b, "thanks");
	json_str(&b, f->thanks);
	field(&b, "per_event");
	json_bool(&b, f->per_event);
	if (f->board) {        /* only when set: other forms keep their hash */
		field(&b, "board");
		json_bool(&b, 1);
	}
	field(&b, "scales");
	buf_addc(&b, '{');
	for (size_t i = 0; i < f->nscales; i++) {
		if (i)
			buf_addc(&b, ',');
		json_str(&b, f->scales[i].key);
		buf_addc(&b, ':');
		canon_scale(&b, &f->scales[i]);
	}
	buf_addc(&b, '}');
	field(&b, "questions");
	buf_addc(&b, '[');
	for (size_t i = 0; i < f->nq; i++) {
		if (i)
			buf_addc(&b, ',');
		canon_question(&b, &f->q[i]);
	}
	buf_adds(&b, "]}\n");
	return buf_detach(&b, NULL);
}

int form_make_canonical(struct form *f)
{
	free(f->canonical);
	f->canonical = form_canonical(f);
	sec_sha256_hex(f->hash, f->canonical, strlen(f->canonical));
	return 0;
}

/* ---- what breaks history ---- */

static void PRINTF_LIKE(3, 4)
warn(struct diag *w, const struct form *f, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	diag_add(w, f->path, 0, 0, "form %s: %s", f->key, b.s);
	buf_release(&b);
}

/* How the stored answers of a removal are counted, when they are. */
struct diff_count {
	form_count_fn fn;
	void *ctx;
	struct buf text;           /* " (N stored answers)" or "" */
};

/* Sets c->text for the answers with key and code (NULL: any). */
static const char *stored(struct diff_count *c, const char *key,
			  const char *code)
{
	long n;

	buf_reset(&c->text);
	if (!c->fn)
		return c->text.s;
	n = c->fn(c->ctx, key, code);
	if (n >= 0)
		buf_addf(&c->text, " (%ld stored answer%s)", n,
			 n == 1 ? "" : "s");
	return c->text.s;
}

static int diff_options(const struct question *o, const struct question *n,
			const struct form *nf, struct diag *w,
			struct diff_count *c)
{
	int count = 0;

	for (size_t i = 0; i < o->options.n; i++) {
		const char *code = o->options.v[i].code;

		if (optlist_label(&n->options, code))
			continue;
		warn(w, nf, "option '%s' of question '%s' was dropped; "
		     "answers recorded with it are reported as retired%s",
		     code, o->key, stored(c, o->key, code));
		count++;
	}
	return count;
}

static int diff_question(const struct question *o, const struct form *nf,
			 struct diag *w, struct diff_count *c)
{
	const struct question *n = form_question(nf, o->key);
	int count = 0;

	if (!n || n->type == Q_SECTION) {
		warn(w, nf, "question '%s' (%s) was removed; its recorded "
		     "answers drop out of reports%s", o->key,
		     qtype_name(o->type), stored(c, o->key, NULL));
		return 1;
	}
	if (n->type != o->type) {
		warn(w, nf, "question '%s' changed type from %s to %s; "
		     "recorded answers no longer fit it", o->key,
		     qtype_name(o->type), qtype_name(n->type));
		return 1;
	}
	if (o->type == Q_CHOICE || o->type == Q_MULTI || o->type == Q_LIKERT)
		count += diff_options(o, n, nf, w, c);
	if (o->type == Q_RATING && (o->min != n->min || o->max != n->max)) {
		warn(w, nf, "rating '%s' changed its range from %g..%g to "
		     "%g..%g; scores before and after cannot be compared",
		     o->key, o->min, o->max, n->min, n->max);
		count++;
	}
	if (o->other && !n->other) {
		struct buf k = BUF_INIT;

		buf_addf(&k, "%s_other", o->key);
		warn(w, nf, "question '%s' no longer has an Other box; "
		     "recorded %s answers drop out of reports%s", o->key,
		     k.s, stored(c, k.s, NULL));
		buf_release(&k);
		count++;
	}
	for (size_t i = 0; i < o->items.n; i++) {
		const struct form_option *item;
		const char *k = o->items.v[i].code;

		if (form_answer_owner(nf, k, &item) && item)
			continue;
		warn(w, nf, "likert item '%s' of question '%s' was removed; "
		     "its recorded answers are reported as retired%s", k,
		     o->key, stored(c, k, NULL));
		count++;
	}
	return count;
}

int form_diff_counted(const struct form *old_form,
		      const struct form *new_form, struct diag *w,
		      form_count_fn fn, void *ctx)
{
	struct diff_count c = { fn, ctx, BUF_INIT };
	int count = 0;

	for (size_t i = 0; i < old_form->nq; i++)
		if (old_form->q[i].type != Q_SECTION)
			count += diff_question(&old_form->q[i], new_form, w,
					       &c);
	buf_release(&c.text);
	return count;
}

int form_diff(const struct form *old_form, const struct form *new_form,
	      struct diag *w)
{
	return form_diff_counted(old_form, new_form, w, NULL, NULL);
}
