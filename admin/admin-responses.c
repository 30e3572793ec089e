/*
 * admin-responses.c - /admin/responses: a paged table of responses,
 * newest first, filtered by form, event and dates; /admin/responses/<id>
 * shows one in full, and an admin may mark it as spam (left out of
 * counts, reports and exports) or delete it after a confirmation.
 * Contact details (form_is_contact) are for admins (README): a viewer's
 * page leaves them out, and never previews them in the list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"

#define PER_PAGE 50
#define PREVIEW_CHARS 90

struct ans {
	char *key, *code, *text;
	double num;
	int has_num;
};

struct anslist {
	struct ans *v;
	size_t n, cap;
	int stop_at_text;          /* the list's preview: first text only */
	const struct form *f;      /* with stop_at_text: skips contact and
				      date answers */
};

static int collect(void *ctx, const struct store_row *row)
{
	struct anslist *l = ctx;
	struct ans *x;

	if (!row->key)
		return 0;
	if (l->stop_at_text && !row->text)
		return 0;
	if (l->stop_at_text && l->f) {
		const struct form_option *item;
		const struct question *q = form_answer_owner(l->f, row->key,
							     &item);

		if (q && (form_is_contact(q) || q->type == Q_DATE))
			return 0;          /* not a comment: no preview */
	}
	ALLOC_GROW(l->v, l->n + 1, l->cap);
	x = &l->v[l->n++];
	memset(x, 0, sizeof(*x));
	x->key = xstrdup(row->key);
	x->code = xstrdup(row->code);
	x->text = xstrdup(row->text);
	x->num = row->num;
	x->has_num = !row->code && !row->text;
	return l->stop_at_text ? 1 : 0;
}

static void anslist_release(struct anslist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].key);
		free(l->v[i].code);
		free(l->v[i].text);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* The first PREVIEW_CHARS characters of s, cut at a character boundary. */
static void preview(struct html *h, const char *s)
{
	size_t i = 0, chars = 0;

	while (s[i] && chars < PREVIEW_CHARS) {
		i++;
		while ((s[i] & 0xc0) == 0x80)
			i++;
		chars++;
	}
	html_textn(h, s, i);
	if (s[i])
		html_lit(h, "\xe2\x80\xa6");
}

/* The filters as a query string (for paging links), with a trailing &. */
static void filter_query(struct areq *a, const struct response_filter *f,
			 struct buf *q)
{
	const char *names[] = { "form", "event", "from", "to" };
	const char *vals[] = { f->form, f->event, f->from, f->to };

	for (size_t i = 0; i < 4; i++) {
		if (!vals[i])
			continue;
		buf_addf(q, "%s=", names[i]);
		for (const unsigned char *s = (const unsigned char *)vals[i];
		     *s; s++) {
			if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
			    (*s >= '0' && *s <= '9') || *s == '-' || *s == '_')
				buf_addc(q, *s);
			else
				buf_addf(q, "%%%02X", *s);
		}
		buf_addc(q, '&');
	}
}

static void filter_form(struct areq *a, const struct response_filter *f)
{
	struct html *h = a->h;
	const struct formset *fs = a->c->forms;
	const char *fv[33] = { "" }, *fl[33] = { "All forms" };
	size_t nf = 1;

	for (size_t i = 0; i < fs->n && nf < 33; i++) {
		fv[nf] = fs->v[i]->key;
		fl[nf++] = fs->v[i]->title;
	}
	html_lit(h, "<form method=\"get\" class=\"filters\"");
	html_attrf(h, "action", "%s/admin/responses", a->c->prefix);
	html_lit(h, "><fieldset><legend>Filter responses</legend>");
	admin_select(a, "form", "Form", fv, fl, nf, f->form, NULL);
	admin_input(a, "event", "Event", "Its short address", "text",
		    f->event, "off", NULL, 0);
	admin_input(a, "from", "Submitted from", NULL, "date", f->from, "off",
		    NULL, 0);
	admin_input(a, "to", "Submitted to", NULL, "date", f->to, "off",
		    NULL, 0);
	html_lit(h, "<div class=\"buttons\"><button type=\"submit\" "
		 "class=\"button button-secondary\">Show</button></div>"
		 "</fieldset></form>\n");
}

/* One page of the list, gathered before anything is written. */
struct listing {
	struct response_filter f;
	long long page;
	long total;
	struct response_info *v;
	char **preview;             /* first comment of each, or NULL */
	size_t n;
};

static void listing_release(struct listing *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->preview[i]);
	free(l->preview);
	responses_free(l->v, l->n);
}

/* Reads the page of responses the typed filters ask for; 0 or -1. */
static int listing_load(struct areq *a, struct listing *l)
{
	memset(l, 0, sizeof(*l));
	l->f.form = areq_valid(a, "form");
	l->f.event = areq_valid(a, "event");
	l->f.from = areq_valid(a, "from");
	l->f.to = areq_valid(a, "to");
	l->page = areq_int(a, "page", 1);
	l->total = store_response_count(a->db, &l->f);
	if (store_response_list(a->db, &l->f, PER_PAGE,
				(long)(l->page - 1) * PER_PAGE, &l->v,
				&l->n) < 0)
		return -1;
	l->preview = xcalloc(l->n + 1, sizeof(*l->preview));
	for (size_t i = 0; i < l->n; i++) {
		const struct form *fm = formset_find(a->c->forms, l->v[i].form);
		struct anslist al = { .stop_at_text = 1, .f = fm };

		store_response_answers(a->db, l->v[i].id, collect, &al);
		if (al.n)
			l->preview[i] = xstrdup(al.v[0].text);
		anslist_release(&al);
	}
	return 0;
}

static void list_row(struct areq *a, const struct response_info *r,
		     const char *comment)
{
	struct html *h = a->h;
	const struct form *fm = formset_find(a->c->forms, r->form);

	html_lit(h, "<tr><th scope=\"row\"><a");
	page_hreff(a->p, "/admin/responses/%lld", r->id);
	html_lit(h, ">");
	html_textf(h, "#%lld", r->id);
	html_lit(h, "</a>");
	if (r->spam)
		html_lit(h, " <span class=\"tag tag-closed\">Spam</span>");
	html_lit(h, "</th><td>");
	page_time(h, r->submitted);
	html_lit(h, "</td><td>");
	html_text(h, fm ? fm->title : r->form);
	if (r->event_title) {
		html_lit(h, "<span class=\"meta\">");
		html_text(h, r->event_title);
		html_lit(h, "</span>");
	}
	html_lit(h, "</td><td class=\"comment\">");
	if (comment)
		preview(h, comment);
	html_lit(h, "</td></tr>\n");
}

static void pager(struct areq *a, const struct listing *l)
{
	struct html *h = a->h;
	struct buf q = BUF_INIT;

	filter_query(a, &l->f, &q);
	html_lit(h, "<nav class=\"pager\" aria-label=\"Pages of responses\">");
	if (l->page > 1) {
		html_lit(h, "<a rel=\"prev\"");
		page_hreff(a->p, "/admin/responses?%spage=%lld", q.s,
			   l->page - 1);
		html_lit(h, ">Newer</a>");
	}
	if (l->total > l->page * PER_PAGE) {
		html_lit(h, " <a rel=\"next\"");
		page_hreff(a->p, "/admin/responses?%spage=%lld", q.s,
			   l->page + 1);
		html_lit(h, ">Older</a>");
	}
	html_lit(h, "</nav>\n");
	buf_release(&q);
}

static void list_render(struct areq *a, const struct listing *l)
{
	struct html *h = a->h;

	a->p->rs->status = 200;
	admin_begin(a, "Responses", "responses");
	if (areq_valid(a, "done"))
		html_lit(h, "<div class=\"notice\" role=\"status\"><p>The "
			 "response was deleted.</p></div>\n");
	html_lit(h, "<h1>Responses</h1>\n");
	filter_form(a, &l->f);
	html_lit(h, "<p class=\"meta\">");
	html_num(h, l->total < 0 ? 0 : l->total);
	if (l->total == 1)
		html_lit(h, " response matches (spam included and marked).</p>\n");
	else
		html_lit(h, " responses match, newest first (spam included "
			 "and marked).</p>\n");
	if (l->n) {
		html_lit(h, "<div class=\"table-wrap\"><table class=\"data\">"
			 "<caption class=\"visually-hidden\">Responses, newest "
			 "first</caption><thead><tr><th scope=\"col\">"
			 "Response</th><th scope=\"col\">Submitted</th>"
			 "<th scope=\"col\">Form and event</th><th scope=\"col\">"
			 "First comment</th></tr></thead><tbody>\n");
		for (size_t i = 0; i < l->n; i++)
			list_row(a, &l->v[i], l->preview[i]);
		html_lit(h, "</tbody></table></div>\n");
	}
	pager(a, l);
	admin_end(a);
}

/* Label of an option code of question q (or of its likert scale). */
static const char *code_label(const struct question *q, const char *code)
{
	const char *l = NULL;

	if (q && q->scale)
		l = optlist_label(&q->scale->opts, code);
	if (!l && q)
		l = optlist_label(&q->options, code);
	return l ? l : code;
}

/*
 * Whether answer key k is shown to this account: contact details only to
 * admins. A key the form no longer has (or a form no longer loaded)
 * cannot be told apart from a contact detail, so it is an admin's too.
 */
static int shown(struct areq *a, const struct question *q)
{
	return a->is_admin || (q && !form_is_contact(q));
}

static void answer_rows(struct areq *a, const struct form *f,
			const struct anslist *l)
{
	struct html *h = a->h;
	size_t hidden = 0;

	html_lit(h, "<dl class=\"answers\">");
	for (size_t i = 0; i < l->n; i++) {
		const struct ans *x = &l->v[i];
		const struct form_option *item = NULL;
		const struct question *q =
			f ? form_answer_owner(f, x->key, &item) : NULL;
		int repeat = i > 0 && !strcmp(l->v[i - 1].key, x->key);

		if (!shown(a, q)) {
			hidden++;
			continue;
		}
		if (!repeat) {
			html_lit(h, "<dt>");
			if (item) {
				html_text(h, item->label);
			} else if (q) {
				html_text(h, q->label);
				if (strcmp(q->key, x->key))
					html_lit(h, " (other)");
			} else {
				html_text(h, x->key);
			}
			html_lit(h, "</dt>");
		}
		html_lit(h, "<dd>");
		if (x->code)
			html_text(h, code_label(q, x->code));
		else if (x->text)
			html_text(h, x->text);
		else
			html_textf(h, "%g", x->num);
		html_lit(h, "</dd>");
	}
	html_lit(h, "</dl>\n");
	if (hidden)
		html_lit(h, "<p class=\"meta\">Contact details are left out: "
			 "they are for admins only.</p>\n");
}

/* What an admin may do with response r: spam or not, delete. */
static void response_actions(struct areq *a, const struct response_info *r)
{
	struct html *h = a->h;

	html_lit(h, "<div class=\"actions\">");
	admin_form_open(a, "/admin/responses/%lld", r->id);
	if (r->spam)
		html_lit(h, "<input type=\"hidden\" name=\"action\" "
			 "value=\"unspam\"><button type=\"submit\" "
			 "class=\"button button-secondary\">Not spam"
			 "</button></form>");
	else
		html_lit(h, "<input type=\"hidden\" name=\"action\" "
			 "value=\"spam\"><button type=\"submit\" "
			 "class=\"button button-secondary\">Mark as "
			 "spam</button></form>");
	if (areq_valid(a, "confirm")) {
		html_lit(h, "<div class=\"panel danger\" role=\"alert\">"
			 "<h2>Delete this response?</h2><p>It is "
			 "removed for good, with all its answers. To "
			 "keep it out of reports but on record, mark "
			 "it as spam instead.</p>");
		admin_form_open(a, "/admin/responses/%lld", r->id);
		html_lit(h, "<input type=\"hidden\" name=\"action\" "
			 "value=\"delete\"><button type=\"submit\" "
			 "class=\"button button-danger\">Yes, delete "
			 "it</button> <a");
		page_hreff(a->p, "/admin/responses/%lld", r->id);
		html_lit(h, ">Cancel</a></form></div>");
	} else {
		html_lit(h, "<a class=\"button button-secondary\"");
		page_hreff(a->p, "/admin/responses/%lld?confirm=delete",
			   r->id);
		html_lit(h, ">Delete\xe2\x80\xa6</a>");
	}
	html_lit(h, "</div>\n");
}

static void one_page(struct areq *a, const struct response_info *r)
{
	struct html *h = a->h;
	const struct form *f = formset_find(a->c->forms, r->form);
	const char *done = areq_valid(a, "done");
	struct anslist l = { 0 };

	store_response_answers(a->db, r->id, collect, &l);
	a->p->rs->status = 200;
	admin_begin(a, "Response", "responses");
	if (done)
		html_lit(h, "<div class=\"notice\" role=\"status\"><p>Saved."
			 "</p></div>\n");
	html_lit(h, "<p class=\"crumbs\"><a");
	page_href(a->p, "/admin/responses");
	html_lit(h, ">Responses</a></p>\n<h1>");
	html_textf(h, "Response #%lld", r->id);
	html_lit(h, "</h1>\n<p class=\"meta\">");
	html_text(h, f ? f->title : r->form);
	if (r->event_title) {
		html_lit(h, " \xc2\xb7 ");
		html_text(h, r->event_title);
	}
	html_lit(h, " \xc2\xb7 submitted ");
	page_time(h, r->submitted);
	if (r->spam)
		html_lit(h, " <span class=\"tag tag-closed\">Marked as spam"
			 "</span>");
	html_lit(h, "</p>\n");
	if (l.n)
		answer_rows(a, f, &l);
	else
		html_lit(h, "<p>Every question was skipped.</p>\n");
	if (a->is_admin)
		response_actions(a, r);
	admin_end(a);
	anslist_release(&l);
}

static void change(struct areq *a, const struct response_info *r)
{
	const char *action = areq_valid(a, "action");
	int rc;

	if (action && (!strcmp(action, "spam") || !strcmp(action, "unspam"))) {
		rc = store_set_spam(a->db, r->id, !strcmp(action, "spam"));
		if (!rc) {
			info("admin: %s marked response %lld %s", a->se.user,
			     r->id, action);
			admin_redirect(a, "/admin/responses/%lld?done=%s",
				       r->id, action);
			return;
		}
	} else if (action && !strcmp(action, "delete")) {
		rc = store_response_delete(a->db, r->id);
		if (!rc) {
			info("admin: %s deleted response %lld", a->se.user,
			     r->id);
			admin_redirect(a, "/admin/responses?done=deleted");
			return;
		}
	} else {
		admin_error(a, 400, "Unknown action",
			    "The form asked for something this page does not "
			    "do.");
		return;
	}
	admin_error(a, 500, "Nothing was changed",
		    "The database refused the change. Please try again.");
}

int admin_responses(struct areq *a)
{
	struct listing l;

	if (listing_load(a, &l) < 0)
		admin_error(a, 500, "Something went wrong",
			    "The responses could not be read.");
	else
		list_render(a, &l);
	listing_release(&l);
	return 0;
}

int admin_response(struct areq *a)
{
	struct response_info r;

	if (store_response_get(a->db, a->id, &r) != 1) {
		admin_not_found(a);
		return 0;
	}
	if (a->post)
		change(a, &r);
	else
		one_page(a, &r);
	response_info_release(&r);
	return 0;
}
