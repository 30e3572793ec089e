/*
 * admin-follow-up.c - /admin/follow-up (admins only): everyone who said
 * yes to a follow-up question (asked to be contacted, offered to present
 * or mentor: form_follow_up_key), with what they asked for, their
 * contact details and comments, filterable by form and event, as a page
 * or as CSV (/admin/follow-up.csv); each can be marked done.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "csv.h"
#include "date.h"

#define KEYS_MAX 16

/* One response's answers, split into what the list shows. */
struct fu_row {
	struct buf asked;          /* labels of the yes answers, "; " */
	struct buf contact;        /* contact answers, "; " */
	struct buf answer;         /* other text answers, " / " */
};

struct fu_ctx {
	const struct form *f;
	struct fu_row *r;
};

static void join(struct buf *b, const char *sep, const char *s)
{
	if (b->len)
		buf_adds(b, sep);
	buf_adds(b, s);
}

static int fu_collect(void *ctx, const struct store_row *row)
{
	struct fu_ctx *x = ctx;
	const struct form_option *item = NULL;
	const struct question *q;

	if (!row->key)
		return 0;
	q = form_answer_owner(x->f, row->key, &item);
	if (!q || item)
		return 0;
	if (row->code && form_follow_up_key(x->f, q)) {
		if (!strcmp(row->code, "yes"))
			join(&x->r->asked, "; ", q->label);
	} else if (row->text && form_is_contact(q)) {
		join(&x->r->contact, "; ", row->text);
	} else if (row->text && q->type == Q_TEXT && *row->text) {
		join(&x->r->answer, " / ", row->text);
	}
	return 0;
}

static void fu_row_release(struct fu_row *r)
{
	buf_release(&r->asked);
	buf_release(&r->contact);
	buf_release(&r->answer);
}

/* The follow-up keys of f into keys (at most KEYS_MAX); how many. */
static size_t fu_keys(const struct form *f, const char **keys)
{
	size_t n = 0;

	for (size_t i = 0; i < f->nq && n < KEYS_MAX; i++)
		if (form_follow_up_key(f, &f->q[i]))
			keys[n++] = f->q[i].key;
	return n;
}

/* One form's part of the list: its responses and their answers. */
struct fu_part {
	const struct form *f;
	struct follow_up *v;
	struct fu_row *rows;
	size_t n;
};

struct fu_list {
	const char *form, *event;  /* the filters, or NULL */
	struct fu_part part[32];
	size_t nparts;
	size_t total, open;
};

static void fu_list_release(struct fu_list *l)
{
	for (size_t i = 0; i < l->nparts; i++) {
		for (size_t j = 0; j < l->part[i].n; j++)
			fu_row_release(&l->part[i].rows[j]);
		free(l->part[i].rows);
		follow_ups_free(l->part[i].v, l->part[i].n);
	}
	l->nparts = 0;
}

static int fu_part_load(struct areq *a, struct fu_list *l,
			const struct form *f)
{
	const char *keys[KEYS_MAX];
	size_t nk = fu_keys(f, keys);
	struct fu_part *p = &l->part[l->nparts];

	if (!nk)
		return 0;
	memset(p, 0, sizeof(*p));
	p->f = f;
	if (store_follow_up_list(a->db, f->key, l->event, keys, nk, &p->v,
				 &p->n) < 0)
		return -1;
	l->nparts++;
	p->rows = xcalloc(p->n + 1, sizeof(*p->rows));
	for (size_t i = 0; i < p->n; i++) {
		struct fu_ctx x = { f, &p->rows[i] };

		buf_init(&p->rows[i].asked);
		buf_init(&p->rows[i].contact);
		buf_init(&p->rows[i].answer);
		if (store_response_answers(a->db, p->v[i].id, fu_collect,
					   &x) < 0)
			return -1;
		l->total++;
		l->open += !p->v[i].done;
	}
	return 0;
}

/* Every form with follow-up questions (or the one asked for); 0 or -1. */
static int fu_list_load(struct areq *a, struct fu_list *l)
{
	const struct formset *fs = a->c->forms;

	memset(l, 0, sizeof(*l));
	l->form = areq_valid(a, "form");
	l->event = areq_valid(a, "event");
	for (size_t i = 0; i < fs->n && l->nparts < ARRAY_SIZE(l->part); i++)
		if ((!l->form || !strcmp(l->form, fs->v[i]->key)) &&
		    fu_part_load(a, l, fs->v[i]) < 0)
			return -1;
	return 0;
}

/* "form=X&event=Y&" for the filters given (values are checked words). */
static void fu_query(const struct fu_list *l, struct buf *q)
{
	if (l->form)
		buf_addf(q, "form=%s&", l->form);
	if (l->event)
		buf_addf(q, "event=%s&", l->event);
}

/* ---- the page ---- */

static void fu_filter(struct areq *a, const struct fu_list *l)
{
	struct html *h = a->h;
	const struct formset *fs = a->c->forms;
	const char *fv[33] = { "" }, *fl[33] = { "All forms" };
	const char *keys[KEYS_MAX];
	size_t nf = 1;

	for (size_t i = 0; i < fs->n && nf < 33; i++)
		if (fu_keys(fs->v[i], keys)) {
			fv[nf] = fs->v[i]->key;
			fl[nf++] = fs->v[i]->title;
		}
	html_lit(h, "<form method=\"get\" class=\"filters\"");
	html_attrf(h, "action", "%s/admin/follow-up", a->c->prefix);
	html_lit(h, "><fieldset><legend>Filter the list</legend>");
	admin_select(a, "form", "Form", fv, fl, nf, l->form, NULL);
	admin_input(a, "event", "Event", "Its short address", "text",
		    l->event, "off", NULL, 0);
	html_lit(h, "<div class=\"buttons\"><button type=\"submit\" "
		 "class=\"button button-secondary\">Show</button></div>"
		 "</fieldset></form>\n");
}

static void fu_done_cell(struct areq *a, const struct fu_list *l,
			 const struct follow_up *v)
{
	struct html *h = a->h;
	struct buf q = BUF_INIT;

	fu_query(l, &q);
	if (q.len)
		buf_setlen(&q, q.len - 1);
	if (v->done) {
		html_lit(h, "Done ");
		page_time(h, v->done);
		html_lit(h, " by ");
		html_text(h, v->done_by);
	}
	admin_form_open(a, "/admin/follow-up%s%s", q.len ? "?" : "",
			q.len ? q.s : "");
	html_lit(h, "<input type=\"hidden\" name=\"response\"");
	html_attrf(h, "value", "%lld", v->id);
	html_lit(h, "><input type=\"hidden\" name=\"action\"");
	html_attr(h, "value", v->done ? "undo" : "done");
	html_lit(h, "><button type=\"submit\" class=\"button "
		 "button-secondary\">");
	if (v->done)
		html_lit(h, "Not done</button></form>");
	else
		html_lit(h, "Mark done</button></form>");
	buf_release(&q);
}

static void fu_part_render(struct areq *a, const struct fu_list *l,
			   const struct fu_part *p)
{
	struct html *h = a->h;

	html_lit(h, "<h2>");
	html_text(h, p->f->title);
	html_lit(h, "</h2>\n");
	if (!p->n) {
		html_lit(h, "<p>Nobody has asked yet.</p>\n");
		return;
	}
	html_lit(h, "<div class=\"table-wrap\"><table class=\"data\">"
		 "<thead><tr><th scope=\"col\">Response</th><th scope=\"col\">"
		 "Event</th><th scope=\"col\">Asked for</th><th scope=\"col\">"
		 "Contact</th><th scope=\"col\">Their answer</th>"
		 "<th scope=\"col\">Done</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < p->n; i++) {
		const struct follow_up *v = &p->v[i];

		html_lit(h, "<tr");
		html_attrf(h, "id", "r%lld", v->id);
		html_lit(h, "><th scope=\"row\"><a");
		page_hreff(a->p, "/admin/responses/%lld", v->id);
		html_lit(h, ">");
		html_textf(h, "#%lld", v->id);
		html_lit(h, "</a> ");
		page_time(h, v->submitted);
		html_lit(h, "</th><td>");
		html_text(h, v->event_title ? v->event_title : "");
		html_lit(h, "</td><td>");
		html_text(h, p->rows[i].asked.s);
		html_lit(h, "</td><td>");
		html_text(h, p->rows[i].contact.s);
		html_lit(h, "</td><td class=\"comment\">");
		html_text(h, p->rows[i].answer.s);
		html_lit(h, "</td><td>");
		fu_done_cell(a, l, v);
		html_lit(h, "</td></tr>\n");
	}
	html_lit(h, "</tbody></table></div>\n");
}

static void fu_render(struct areq *a, const struct fu_list *l)
{
	struct html *h = a->h;
	struct buf q = BUF_INIT;

	a->p->rs->status = 200;
	admin_begin(a, "Follow-up", "follow-up");
	if (areq_valid(a, "done"))
		html_lit(h, "<div class=\"notice\" role=\"status\"><p>Saved."
			 "</p></div>\n");
	html_lit(h, "<h1>Follow-up</h1>\n<p>Everyone who asked to be "
		 "contacted or offered to present or mentor, newest first. "
		 "Their contact details are for this follow-up only.</p>\n");
	fu_filter(a, l);
	html_lit(h, "<p class=\"meta\">");
	html_num(h, (long long)l->total);
	html_lit(h, " on the list, ");
	html_num(h, (long long)l->open);
	html_lit(h, " not yet done. <a");
	fu_query(l, &q);
	page_hreff(a->p, "/admin/follow-up.csv%s%.*s", q.len ? "?" : "",
		   (int)(q.len ? q.len - 1 : 0), q.len ? q.s : "");
	html_lit(h, ">Download the list (CSV)</a></p>\n");
	for (size_t i = 0; i < l->nparts; i++)
		fu_part_render(a, l, &l->part[i]);
	admin_end(a);
	buf_release(&q);
}

/* POST: marks the response named done or not done, back to the list. */
static void fu_change(struct areq *a, const struct fu_list *l)
{
	const char *action = areq_valid(a, "action");
	long long id = areq_int(a, "response", 0);
	struct response_info r;
	struct buf q = BUF_INIT;
	int done = action && !strcmp(action, "done");

	if (!id || !action || (!done && strcmp(action, "undo"))) {
		admin_error(a, 400, "Unknown action",
			    "The form asked for something this page does not "
			    "do.");
		return;
	}
	if (store_response_get(a->db, id, &r) != 1) {
		admin_not_found(a);
		return;
	}
	response_info_release(&r);
	if (store_follow_up_set(a->db, id, done, a->p->now, a->se.user) < 0) {
		admin_error(a, 500, "Nothing was changed",
			    "The database refused the change. Please try "
			    "again.");
		return;
	}
	info("admin: %s marked follow-up %lld %s", a->se.user, id, action);
	fu_query(l, &q);
	admin_redirect(a, "/admin/follow-up?%sdone=%s#r%lld", q.s ? q.s : "",
		       action, id);
	buf_release(&q);
}

int admin_follow_up(struct areq *a)
{
	struct fu_list l;

	if (a->post) {
		memset(&l, 0, sizeof(l));
		l.form = areq_valid(a, "form");
		l.event = areq_valid(a, "event");
		fu_change(a, &l);
		return 0;
	}
	if (fu_list_load(a, &l) < 0)
		admin_error(a, 500, "Something went wrong",
			    "The follow-up list could not be read.");
	else
		fu_render(a, &l);
	fu_list_release(&l);
	return 0;
}

/* ---- CSV ---- */

static void fu_csv_part(struct buf *out, const struct fu_part *p)
{
	struct csv c = CSV_INIT;

	for (size_t i = 0; i < p->n; i++) {
		const struct follow_up *v = &p->v[i];
		struct buf t = BUF_INIT;

		csv_int(&c, v->id);
		date_local_add(&t, v->submitted, ' ');
		csv_cell(&c, t.s);
		csv_cell(&c, p->f->title);
		csv_cell(&c, v->event);
		csv_cell(&c, v->event_title);
		csv_cell(&c, p->rows[i].asked.s);
		csv_cell(&c, p->rows[i].contact.s);
		csv_cell(&c, p->rows[i].answer.s);
		buf_reset(&t);
		if (v->done)
			date_local_add(&t, v->done, ' ');
		csv_cell(&c, t.s);
		csv_cell(&c, v->done_by);
		csv_end(&c);
		buf_add(out, c.line.s, c.line.len);
		csv_reset(&c);
		buf_release(&t);
	}
	csv_release(&c);
}

int admin_follow_up_csv(struct areq *a)
{
	struct fu_list l;
	struct buf *out = &a->p->rs->body;

	if (fu_list_load(a, &l) < 0) {
		admin_error(a, 500, "Something went wrong",
			    "The follow-up list could not be read.");
		fu_list_release(&l);
		return 0;
	}
	buf_reset(out);
	buf_adds(out, "\xef\xbb\xbfResponse,Submitted,Form,Event,Event title,"
		 "Asked for,Contact,Their answer,Done,Done by\r\n");
	for (size_t i = 0; i < l.nparts; i++)
		fu_csv_part(out, &l.part[i]);
	a->p->rs->status = 200;
	a->p->rs->content_type = "text/csv; charset=utf-8";
	a->p->rs->disposition = xstrdup("attachment; filename=\"follow-up.csv\"");
	fu_list_release(&l);
	return 0;
}
