/*
 * page-form.c - the /f/ routes: /f/<form>, /f/<form>/<event>, and their
 * /thanks pages; friendly 404 and 410 pages for unknown, closed and not
 * yet open forms and events (503 when the database cannot be read); GET
 * renders the first page with answers pre-filled from the query string.
 */
#include <stdlib.h>
#include <string.h>

#include "page-form.h"
#include "cache.h"
#include "fields.h"

/* The database could not be read: not the respondent's fault, nor gone. */
static void try_again(struct page *p)
{
	p->rs->retry_after = "30";
	page_error(p, 503, "Sorry, there is a problem",
		   "The service is unavailable. Please try again in a few "
		   "minutes.");
}

static void no_event_page(struct page *p, const struct form *f)
{
	struct html *h = &p->h;
	struct store *db = collector_reader(p->c);
	struct event *ev = NULL;
	size_t n = 0, shown = 0;

	if (!db || store_event_list_brief(db, f->key, &ev, &n) < 0) {
		try_again(p);
		return;
	}
	p->rs->status = 404;
	page_begin(p, "Which event?");
	html_lit(h, "<h1>Which event was it?</h1>\n<p class=\"lead\">");
	html_textf(h, "\xe2\x80\x9c%s\xe2\x80\x9d is answered for one event. "
		   "Use the link or QR code you were given, or choose the "
		   "event below.", f->title);
	html_lit(h, "</p>\n");
	for (size_t i = 0; i < n; i++) {
		if (!event_is_open(&ev[i], p->now))
			continue;
		if (!shown++)
			html_lit(h, "<ul class=\"cards\">\n");
		html_lit(h, "<li class=\"card\"><a class=\"card-link\"");
		page_hreff(p, "/f/%s/%s", f->key, ev[i].key);
		html_lit(h, ">");
		html_text(h, ev[i].title);
		html_lit(h, "</a><p class=\"meta\">");
		page_date(h, ev[i].date);
		html_lit(h, "</p></li>\n");
	}
	if (shown)
		html_lit(h, "</ul>\n");
	else
		html_lit(h, "<p>No events are collecting feedback at the "
			 "moment.</p>\n");
	html_lit(h, "<p><a");
	page_href(p, "/");
	html_lit(h, ">See all open feedback forms</a></p>\n");
	page_end(p);
	events_free(ev, n);
}

static void closed_page(struct page *p, const struct event *e)
{
	struct html *h = &p->h;
	int not_yet = e->opens && p->now < e->opens;

	p->rs->status = 410;
	page_begin(p, not_yet ? "Feedback is not open yet"
			      : "Feedback has closed");
	if (not_yet)
		html_lit(h, "<h1>Feedback is not open yet</h1>\n");
	else
		html_lit(h, "<h1>Feedback has closed</h1>\n");
	html_lit(h, "<div class=\"event-box\"><p class=\"event-title\">");
	html_text(h, e->title);
	html_lit(h, "</p><p class=\"meta\">");
	page_date(h, e->date);
	html_lit(h, "</p></div>\n<p class=\"lead\">");
	if (not_yet) {
		html_lit(h, "Feedback opens on ");
		page_time(h, e->opens);
		html_lit(h, ". Please come back then: this link will take "
			 "you to the form.");
	} else {
		html_lit(h, "Feedback for this event closed on ");
		page_time(h, e->closes);
		html_lit(h, ". Thank you for your interest.");
	}
	html_lit(h, "</p>\n");
	page_list_open(p, NULL, e->key);
	page_end(p);
}

static void thanks_page(struct page *p, const struct form_target *t)
{
	struct html *h = &p->h;

	p->rs->status = 200;
	page_begin(p, "Your answers have been sent");
	/* the form's thanks text usually starts "Thank you": it follows the
	 * panel instead of repeating a "Thank you" heading */
	html_lit(h, "<div class=\"panel\" role=\"status\">\n<h1>Your "
		 "answers have been sent</h1>\n</div>\n<p class=\"lead\">");
	html_text(h, t->form->thanks ? t->form->thanks
				     : "Thank you for your feedback.");
	html_lit(h, "</p>\n");
	page_certificate_offer(p, t);
	if (t->has_event)
		page_ideas_answered(p, t->ev.key);
	page_list_open(p, t->form->key, t->has_event ? t->ev.key : NULL);
	page_end(p);
}

/* Adds s (NULL as "") and a newline to key. */
static void key_part(struct buf *key, const char *s)
{
	if (s)
		buf_adds(key, s);
	buf_addc(key, '\n');
}

/*
 * What the first page of t's form shows: the cache key. The form's hash
 * is its version, so a reloaded form that changed is rendered anew; the
 * event's shown fields are in it, so is an edited event.
 */
static void cache_key(struct buf *key, const struct form_target *t)
{
	const struct event *e = &t->ev;
	const char *part[] = { t->form->hash, e->key, e->title, e->date,
			       e->location, e->presenter };
	size_t n = 0;

	for (size_t i = 0; i < (t->has_event ? ARRAY_SIZE(part) : 1); i++)
		n += (part[i] ? strlen(part[i]) : 0) + 1;
	buf_grow(key, n);                       /* one allocation */
	key_part(key, t->form->hash);
	if (!t->has_event)
		return;
	key_part(key, e->key);
	key_part(key, e->title);
	key_part(key, e->date);
	key_part(key, e->location);
	key_part(key, e->presenter);
}

/*
 * First render of a form: answers from the query string, a fresh token.
 * Without a query string the page is the same for everyone but for the
 * token, so it comes from the cache.
 */
static void form_get(struct page *p, const struct form_target *t)
{
	struct fields vals;
	struct form_view v = { .t = t, .vals = &vals };
	struct buf key = BUF_INIT;
	const char *event = t->has_event ? t->ev.key : NULL;
	char stack[TOKEN_MAX], *heap = NULL, *token = stack;
	int cacheable = !p->rq->query[0];

	if (!token_write(stack, sizeof(stack), p->c->token_key, t->form->key,
			 event, p->now))
		token = heap = token_make(p->c->token_key, t->form->key, event,
					  p->now);

	p->rs->status = 200;
	fields_init(&vals);
	if (!form_mint_allowed(p, t)) {
		p->rs->retry_after = "60";
		page_error(p, 429, "Too many forms opened",
			   "A great many forms have been opened from your "
			   "network in the last minute. Please wait a "
			   "minute, then load this page again.");
		goto out;
	}
	if (cacheable) {
		cache_key(&key, t);
		if (cache_get(p->c->cache, key.s, token, &p->h.b))
			goto out;
		v.token = "";
		page_form_render(p, &v);
		cache_put(p->c->cache, key.s, p->h.b.s, p->h.b.len,
			  v.token_at);
		buf_reset(&p->h.b);
		cache_get(p->c->cache, key.s, token, &p->h.b);
		goto out;
	}
	fields_parse(&vals, p->rq->query, strlen(p->rq->query));
	v.token = token;
	page_form_render(p, &v);
out:
	buf_release(&key);
	fields_release(&vals);
	free(heap);
}

int page_form(struct page *p)
{
	struct form_target t = { 0 };
	size_t rest;
	int thanks = 0, rc = 0, found;

	if (p->nseg < 2 || !(t.form = formset_find(p->c->forms, p->seg[1]))) {
		page_not_found(p);
		return 0;
	}
	t.form_index = collector_form_index(p->c, t.form);
	rest = p->nseg - 2;
	if (rest && !strcmp(p->seg[p->nseg - 1], "thanks")) {
		thanks = 1;
		rest--;
	}
	if (rest != (t.form->per_event ? 1u : 0u)) {
		if (t.form->per_event && rest == 0 && !thanks)
			no_event_page(p, t.form);
		else
			page_not_found(p);
		return 0;
	}
	if (t.form->per_event) {
		found = collector_event(p->c, p->seg[2], &t.ev);
		if (found != 1) {
			if (found < 0)
				try_again(p);
			else
				page_not_found(p);
			return 0;
		}
		t.has_event = 1;
		if (strcmp(t.ev.form, t.form->key)) {
			page_not_found(p);
			goto out;
		}
	}
	if (thanks) {
		if (p->rq->method != HTTP_GET && p->rq->method != HTTP_HEAD)
			page_method_not_allowed(p, "GET, HEAD");
		else
			thanks_page(p, &t);
		goto out;
	}
	/* a POST may still be in time (page-submit.c) */
	if (t.has_event && !event_is_open(&t.ev, p->now) &&
	    p->rq->method != HTTP_POST) {
		closed_page(p, &t.ev);
		goto out;
	}
	switch (p->rq->method) {
	case HTTP_GET:
	case HTTP_HEAD:
		form_get(p, &t);
		break;
	case HTTP_POST:
		rc = page_submit(p, &t);
		break;
	default:
		page_method_not_allowed(p, "GET, HEAD, POST");
		break;
	}
out:
	/* page_submit takes the event when it suspends */
	if (t.has_event)
		event_release(&t.ev);
	return rc;
}
