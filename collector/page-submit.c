/*
 * page-submit.c - POST /f/<form>[/<event>]: limits, rate limit, token,
 * bot traps, page-by-page validation, then the writer. The request waits
 * (suspended, not blocking a worker thread) until its own transaction
 * has committed; only then does it answer 303 to the thank-you page.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "page-form.h"
#include "ratelimit.h"
#include "writer.h"

struct submit {
	struct deferred d;          /* first: see collector.h */
	struct form_target t;       /* owns t.ev */
	struct fields vals;
	struct validation val;
	char *token;
	struct writer_job job;
	struct http_request *rq;
	struct collector *c;
};

static void submit_free(void *arg)
{
	struct submit *s = arg;

	if (!s)
		return;
	if (s->t.has_event)
		event_release(&s->t.ev);
	fields_release(&s->vals);
	validation_release(&s->val);
	free(s->token);
	free(s);
}

/* token: the stored submission's (a certificate grant is bound to it),
 * or NULL when nothing was stored (bots). */
static void thanks_redirect(struct page *p, const struct form_target *t,
			    const char *token)
{
	struct buf loc = BUF_INIT;

	buf_adds(&loc, p->c->opt.base_url ? p->c->opt.base_url : "");
	while (loc.len && loc.s[loc.len - 1] == '/')
		buf_setlen(&loc, loc.len - 1);
	if (!p->c->opt.base_url)
		buf_adds(&loc, p->c->prefix);
	if (t->has_event)
		buf_addf(&loc, "/f/%s/%s/thanks", t->form->key, t->ev.key);
	else
		buf_addf(&loc, "/f/%s/thanks", t->form->key);
	page_certificate_grant(p, t, token, &loc);
	p->rs->status = 303;
	p->rs->location = buf_detach(&loc, NULL);
	page_begin(p, "Thank you");
	html_lit(&p->h, "<h1>Thank you</h1>\n<p><a");
	html_attr(&p->h, "href", p->rs->location);
	html_lit(&p->h, ">Continue</a></p>\n");
	page_end(p);
}

/* Renders page `page` again with the answers given. */
static void rerender(struct page *p, const struct submit *s, int status,
		     int page, const struct validation *val,
		     const char *token, const char *notice)
{
	struct form_view v = {
		.t = &s->t, .vals = &s->vals, .val = val, .page = page,
		.token = token, .notice = notice,
	};

	p->rs->status = status;
	page_form_render(p, &v);
}

static void bot(struct page *p, const struct form_target *t, const char *why)
{
	unsigned long n = atomic_fetch_add(&p->c->spam, 1) + 1;

	info("spam: %s on %s (%lu dropped so far)", why, t->form->key, n);
	thanks_redirect(p, t, NULL);
}

static void on_committed(struct writer_job *job)
{
	struct submit *s = job->arg;

	http_resume(s->rq);
}

int page_submit_resume(struct page *p)
{
	struct submit *s = p->rq->app;

	if (s->job.status == 1) {
		thanks_redirect(p, &s->t, s->token);
		return 0;
	}
	rerender(p, s, 503, s->t.form->npages - 1, NULL, s->token,
		 "Sorry, we could not save your answers just now. They are "
		 "still here: please try sending them again in a minute.");
	return 0;
}

static int form_page_of(const struct submit *s)
{
	const struct field *fp = fields_get(&s->vals, F_PAGE);
	long n = fp ? strtol(fp->value, NULL, 10) : 0;

	if (n < 0 || n >= s->t.form->npages)
		n = 0;
	return (int)n;
}

static int precheck(struct page *p)
{
	struct http_request *rq = p->rq;
	struct timespec mono;

	if (rq->body_too_large) {
		p->rs->close = 1;
		page_error(p, 413, "Your answers are too long to send",
			   "Please shorten your longest answers and try again. "
			   "Use the back button of your browser to return to "
			   "them.");
		return -1;
	}
	if (!rq->content_type ||
	    strncasecmp(rq->content_type, "application/x-www-form-urlencoded",
			33)) {
		page_error(p, 415, "This form could not be read",
			   "Please go back and send the form from its page.");
		return -1;
	}
	clock_gettime(CLOCK_MONOTONIC, &mono);
	if (!ratelimit_take(p->c->rl, rq->addr, rq->addrlen,
			    (double)mono.tv_sec + mono.tv_nsec / 1e9)) {
		p->rs->retry_after = "60";
		page_error(p, 429, "Too many submissions",
			   "We have received a lot of answers from your "
			   "network in the last minute. Please wait a minute, "
			   "then go back and send your answers again.");
		return -1;
	}
	return 0;
}

/* Validates; on success queues the submission and returns HTTP_SUSPEND. */
static int submit_or_render(struct page *p, struct submit *s, int page,
			    const char *action)
{
	const struct form *f = s->t.form;
	int last = page >= f->npages - 1;

	if (!strcmp(action, "back")) {
		rerender(p, s, 200, page > 0 ? page - 1 : 0, NULL, s->token,
			 NULL);
		return 0;
	}
	if (!last) {
		if (form_validate(f, s->vals.v, s->vals.n, page, &s->val)) {
			rerender(p, s, 422, page, &s->val, s->token, NULL);
			return 0;
		}
		validation_release(&s->val);
		rerender(p, s, 200, page + 1, NULL, s->token, NULL);
		return 0;
	}
	if (form_validate(f, s->vals.v, s->vals.n, -1, &s->val)) {
		rerender(p, s, 422, page_form_key_page(f, s->val.err[0].key),
			 &s->val, s->token, NULL);
		return 0;
	}
	s->job.sub.form = f->key;
	s->job.sub.version = p->c->versions[s->t.form_index];
	s->job.sub.event = s->t.has_event ? s->t.ev.key : NULL;
	s->job.sub.submitted = p->now;
	s->job.sub.token = s->token;
	s->job.sub.answers = s->val.ans.v;
	s->job.sub.nanswers = s->val.ans.n;
	s->job.done = on_committed;
	s->job.arg = s;
	return HTTP_SUSPEND;
}

/* Runs once the connection is suspended: hands the job to the writer. */
static void defer(struct http_request *rq)
{
	struct submit *s = rq->app;

	if (writer_submit(s->c->writer, &s->job) < 0) {
		s->job.status = -1;        /* queue full or shutting down */
		http_resume(rq);
	}
}

int page_submit(struct page *p, struct form_target *t)
{
	struct submit *s;
	const struct field *tok, *hp, *act;
	enum token_status ts;
	long long served;
	int page, rc;

	if (precheck(p) < 0)
		return 0;
	s = xcalloc(1, sizeof(*s));
	s->d.resume = page_submit_resume;
	s->c = p->c;
	s->rq = p->rq;
	s->t = *t;                      /* takes the event's strings */
	memset(&t->ev, 0, sizeof(t->ev));
	fields_init(&s->vals);
	validation_init(&s->val);
	switch (fields_parse(&s->vals, p->rq->body.s, p->rq->body.len)) {
	case FIELDS_OK:
		break;
	case FIELDS_TOO_MANY:
		page_error(p, 413, "Too many answers to send",
			   "The form sent more fields than it has questions. "
			   "Please go back and try again.");
		goto done;
	case FIELDS_TOO_LONG:
		page_error(p, 413, "An answer is too long to send",
			   "One of your answers is longer than we can accept. "
			   "Please shorten it and send the form again.");
		goto done;
	}
	page = form_page_of(s);
	tok = fields_get(&s->vals, F_TOKEN);
	ts = tok ? token_check(p->c->token_key, tok->value, tok->len,
			       s->t.form->key,
			       s->t.has_event ? s->t.ev.key : NULL, p->now,
			       &served)
		 : TOKEN_BAD;
	if (ts != TOKEN_OK) {
		s->token = token_make(p->c->token_key, s->t.form->key,
				      s->t.has_event ? s->t.ev.key : NULL,
				      p->now);
		if (ts == TOKEN_EXPIRED)
			rerender(p, s, 422, page, NULL, s->token,
				 "This page was open for a long time, so we "
				 "need you to send it once more. Your answers "
				 "are kept below.");
		else
			rerender(p, s, 400, page, NULL, s->token,
				 "We could not check that this form came from "
				 "this site. Your answers are kept below: "
				 "please send them again.");
		goto done;
	}
	s->token = xstrndup(tok->value, tok->len);
	hp = fields_get(&s->vals, F_HONEYPOT);
	if (hp && hp->len) {
		bot(p, &s->t, "honeypot filled");
		goto done;
	}
	if (p->now - served < (long long)p->c->opt.min_fill_seconds) {
		bot(p, &s->t, "filled in too fast");
		goto done;
	}
	act = fields_get(&s->vals, F_ACTION);
	rc = submit_or_render(p, s, page, act ? act->value : "submit");
	if (rc == HTTP_SUSPEND) {
		p->rq->app = s;
		p->rq->app_free = submit_free;
		p->rq->defer = defer;
		return HTTP_SUSPEND;
	}
done:
	submit_free(s);
	return 0;
}
