/*
 * page-respond.c - the pages that hand a person's answers back instead
 * of storing them, each saying why and what to do: too many requests
 * from one network, feedback closed, answers too long, a send too fast
 * to be sure a person made it, and a page sent a second time.
 */
#include <stdlib.h>
#include <string.h>

#include "page-form.h"

/* Renders v with status and the notice text (a buf, released here). */
static void render(struct page *p, struct form_view *v, int status,
		   struct buf *notice)
{
	p->rs->status = status;
	v->notice = notice->s;
	page_form_render(p, v);
	v->notice = NULL;
	buf_release(notice);
}

void respond_busy(struct page *p, struct form_view *v)
{
	struct buf n = BUF_INIT;

	p->rs->retry_after = "60";
	buf_adds(&n, "Too many submissions: we have received a lot of "
		 "requests from your network in the last minute. Your "
		 "answers are kept below: please wait a minute, then send "
		 "them again.");
	render(p, v, 429, &n);
}

void respond_closed(struct page *p, struct form_view *v)
{
	const struct event *e = &v->t->ev;
	const struct site *site = &p->c->forms->site;
	int not_yet = e->opens && p->now < e->opens;
	struct buf n = BUF_INIT;

	if (not_yet) {
		buf_adds(&n, "Feedback on this event opens on ");
		date_time_text(&n, e->opens);
		buf_adds(&n, ", so these answers cannot be stored yet. ");
	} else {
		buf_adds(&n, "Feedback on this event has closed (on ");
		date_time_text(&n, e->closes);
		buf_adds(&n, "), so these answers can no longer be stored. ");
	}
	buf_adds(&n, "They are kept below: if you would like the committee "
		 "to have them, copy them and send them to ");
	if (site->contact)
		buf_addf(&n, "%s.", site->contact);
	else
		buf_addf(&n, "the %s committee.", site->short_name);
	v->no_send = 1;
	render(p, v, 410, &n);
}

/* Says which answer was cut off, and how long it may be. */
static void name_cut(struct buf *n, const struct question *q)
{
	buf_addf(n, "Your answer to \xe2\x80\x9c%s\xe2\x80\x9d was cut off "
		 "where it stopped fitting", q->label);
	if (q->type == Q_TEXT && q->max_length)
		buf_addf(n, " (it may have up to %zu characters)",
			 q->max_length);
	buf_adds(n, ": please shorten it, or your other long answers, and "
		 "send them again. ");
}

void respond_too_long(struct page *p, struct form_view *v,
		      const struct too_long *why)
{
	const struct form_option *item;
	const struct question *q = why->cut ?
		form_answer_owner(v->t->form, why->cut, &item) : NULL;
	struct buf n = BUF_INIT;

	p->rs->close = 1;
	if (why->too_many) {
		buf_adds(&n, "This page sent more answers than the form's "
			 "questions can have, so the last ones were left "
			 "out. Please check your answers below and send "
			 "them again. ");
	} else {
		buf_adds(&n, "Your answers are too long to send all at "
			 "once. ");
		if (q)
			name_cut(&n, q);
		else
			buf_adds(&n, "Please shorten your longest answers "
				 "and send them again. ");
	}
	if (why->rest_lost && q && !why->too_many)
		buf_adds(&n, "Answers after it did not arrive: please fill "
			 "them in again. ");
	else if (why->rest_lost)
		buf_adds(&n, "The end of what was sent did not arrive, so "
			 "later answers may be missing. ");
	buf_adds(&n, "Everything we received is kept below.");
	render(p, v, 413, &n);
}

void respond_confirm(struct page *p, struct form_view *v)
{
	struct buf n = BUF_INIT;
	unsigned long k = atomic_fetch_add(&p->c->fast_asked, 1) + 1;

	info("too fast: asked to confirm on %s (%lu asked, %lu confirmed "
	     "so far)", v->t->form->key, k,
	     (unsigned long)atomic_load(&p->c->fast_confirmed));
	buf_adds(&n, "That was quick! Please check your answers below, "
		 "then press \xe2\x80\x9cSend my answers\xe2\x80\x9d once "
		 "more to confirm. Nothing has been stored yet.");
	v->confirm = 1;
	render(p, v, 200, &n);
}

void respond_already(struct page *p, const struct form_target *t,
		     long long when)
{
	struct html *h = &p->h;

	p->rs->status = 200;
	page_begin(p, "These answers were already received");
	html_lit(h, "<div class=\"panel\" role=\"status\">\n<h1>These "
		 "answers were already received</h1>\n</div>\n"
		 "<p class=\"lead\">We received this form on ");
	page_time(h, when);
	html_lit(h, ". Sending the same page again does not change what "
		 "was stored, so any change made since was not saved.</p>\n"
		 "<p>To give different answers, <a");
	if (t->has_event)
		page_hreff(p, "/f/%s/%s", t->form->key, t->ev.key);
	else
		page_hreff(p, "/f/%s", t->form->key);
	html_lit(h, ">fill in a new form</a>; it is stored as a response "
		 "of its own.</p>\n");
	page_list_open(p, t->form->key, t->has_event ? t->ev.key : NULL);
	page_end(p);
}
