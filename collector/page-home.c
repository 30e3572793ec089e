/*
 * page-home.c - "/": the events collecting feedback now and the standing
 * forms, also listed under the thank-you page.
 */
#include <string.h>

#include "collector.h"

static void event_item(struct page *p, const struct event *e)
{
	struct html *h = &p->h;

	html_lit(h, "<li class=\"card\"><a class=\"card-link\"");
	page_hreff(p, "/f/%s/%s", e->form, e->key);
	html_lit(h, ">");
	html_text(h, e->title);
	html_lit(h, "</a><p class=\"meta\">");
	page_date(h, e->date);
	if (e->location) {
		html_lit(h, " \xc2\xb7 ");
		html_text(h, e->location);
	}
	html_lit(h, "</p></li>\n");
}

static void form_item(struct page *p, const struct form *f)
{
	struct html *h = &p->h;

	html_lit(h, "<li class=\"card\"><a class=\"card-link\"");
	page_hreff(p, "/f/%s", f->key);
	html_lit(h, ">");
	html_text(h, f->title);
	html_lit(h, "</a>");
	if (f->intro) {
		html_lit(h, "<p class=\"meta\">");
		html_text(h, f->intro);
		html_lit(h, "</p>");
	}
	html_lit(h, "</li>\n");
}

void page_list_open(struct page *p, const char *skip_form,
		    const char *skip_event)
{
	struct html *h = &p->h;
	const struct formset *fs = p->c->forms;
	struct store *db = collector_reader(p->c);
	struct event *ev = NULL;
	size_t nev = 0, shown = 0;

	if (db && store_event_list_brief(db, NULL, &ev, &nev) < 0)
		nev = 0;
	for (size_t i = 0; i < nev; i++) {
		const struct form *f = formset_find(fs, ev[i].form);

		if (!f || !f->per_event || !event_is_open(&ev[i], p->now) ||
		    (skip_event && !strcmp(ev[i].key, skip_event)))
			continue;
		if (!shown++)
			html_lit(h, "<h2>Events collecting feedback</h2>\n"
				 "<ul class=\"cards\">\n");
		event_item(p, &ev[i]);
	}
	if (shown)
		html_lit(h, "</ul>\n");
	shown = 0;
	for (size_t i = 0; i < fs->n; i++) {
		if (fs->v[i]->per_event ||
		    (skip_form && !strcmp(fs->v[i]->key, skip_form)))
			continue;
		if (!shown++)
			html_lit(h, "<h2>Surveys for members</h2>\n"
				 "<ul class=\"cards\">\n");
		form_item(p, fs->v[i]);
	}
	if (shown)
		html_lit(h, "</ul>\n");
	for (size_t i = 0; i < fs->n; i++)
		if (fs->v[i]->board) {      /* the topic board (page-ideas.c) */
			html_lit(h, "<p class=\"board-link\"><a");
			page_href(p, "/ideas");
			html_lit(h, ">The topic board</a>: what members have "
				 "suggested, and vote for the sessions you "
				 "would attend.</p>\n");
			break;
		}
	events_free(ev, nev);
}

int page_home(struct page *p)
{
	struct html *h = &p->h;
	const struct site *site = &p->c->forms->site;

	if (p->rq->method != HTTP_GET && p->rq->method != HTTP_HEAD) {
		page_method_not_allowed(p, "GET, HEAD");
		return 0;
	}
	if (p->nseg) {
		page_not_found(p);
		return 0;
	}
	p->rs->status = 200;
	page_begin(p, "Feedback and surveys");
	html_lit(h, "<h1>Feedback and surveys</h1>\n<p class=\"lead\">");
	html_textf(h, "Tell %s what worked, what did not, and what you "
		   "would like next. No sign-in needed; each form takes a "
		   "few minutes.", site->short_name ? site->short_name
						    : "the committee");
	html_lit(h, "</p>\n");
	page_list_open(p, NULL, NULL);
	page_end(p);
	return 0;
}
