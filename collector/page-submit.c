/*
 * page-submit.c - POST /f/<form>[/<event>]: the form's own limits, the
 * token, bot traps, the event's window, page-by-page validation, then
 * the writer. The request waits (suspended, not blocking a worker
 * thread) until its own transaction has committed; only then does it
 * answer 303 to the thank-you page. Every other outcome hands the
 * answers back (page-respond.c), except a filled-in honeypot.
 */
#include <stdlib.h>
#include <string.h>

#include "page-form.h"
#include "writer.h"

struct submit {
	struct deferred d;          /* first: see collector.h */
	struct form_target t;       /* owns t.ev */
	struct fields vals;
	struct validation val;
	char *token;
	int confirmed;              /* sent from the too-fast page */
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
	if (!p->c->opt.base_url)
		buf_adds(&loc, p->c->prefix);
	if (t->has_event)
		buf_addf(&loc, "/f/%s/%s/thanks", t->form->key, t->ev.key);
	else
		buf_addf(&loc, "/f/%s/thanks", t->form->key);
	page_certificate_grant(p, t, token, &loc);
	p->rs->status = 303;
	p->rs->location = buf_detach(&loc, NULL);
	/* browsers follow a 303 at once: its body is the short note with a
	 * link that RFC 9110 (15.4.4) asks for, not a whole page */
	html_lit(&p->h, "<!DOCTYPE html>\n<html lang=\"en\">\n<meta "
		 "charset=\"utf-8\">\n<title>Thank you</title>\n<p><a");
	html_attr(&p->h, "href", p->rs->location);
	html_lit(&p->h, ">Continue</a></p>\n");
}

/* The view of s's answers on page `page` with token. */
static struct form_view view_of(const struct submit *s, int page,
				const char *token)
{
	struct form_view v = {
		.t = &s->t, .vals = &s->vals, .page = page, .token = token,
	};

	return v;
}

/* Renders page `page` again with the answers given. */
static void rerender(struct page *p, const struct submit *s, int status,
		     int page, const struct validation *val,
		     const char *token, const char *notice)
{
	struct form_view v = view_of(s, page, token);

	v.val = val;
	v.notice = notice;
	p->rs->status = status;
	page_form_render(p, &v);
}

/* A honeypot filled in: no person does that, so it goes quietly. */
static void bot(struct page *p, const struct form_target *t, const char *why)
{
	unsigned long n = atomic_fetch_add(&p->c->spam, 1) + 1;

	form_strike_allowed(p);
	info("spam: %s on %s (%lu dropped so far)", why, t->form->key, n);
	thanks_redirect(p, t, NULL);
}

/* The page s was sent from (its _page field), 0 when unreadable. */
static int form_page_of(const struct submit *s)
{
	const struct field *fp = fields_get(&s->vals, F_PAGE);
	long n = fp ? strtol(fp->value, NULL, 10) : 0;

	if (n < 0 || n >= s->t.form->npages)
		n = 0;
	return (int)n;
}

static void on_committed(struct writer_job *job)
{
	struct submit *s = job->arg;

	http_resume(s->rq);
}

int page_submit_resume(struct page *p)
{
	struct submit *s = p->rq->app;
	struct store *db;
	long long when = p->now;

	if (s->job.status == 1 && s->job.sub.duplicate) {
		/* sent before, or twice at once and the other was first */
		if (!form_strike_allowed(p)) {
			struct form_view v = view_of(s, form_page_of(s),
						     s->token);

			respond_busy(p, &v);
			return 0;
		}
		db = collector_reader(p->c);
		if (db)
			store_response_when(db, s->token, &when);
		respond_already(p, &s->t, when);
		return 0;
	}
	if (s->job.status == 1) {
		if (s->confirmed)
			atomic_fetch_add(&p->c->fast_confirmed, 1);
		thanks_redirect(p, &s->t, s->token);
		return 0;
	}
	rerender(p, s, 503, s->t.form->npages - 1, NULL, s->token,
		 "Sorry, we could not save your answers just now. They are "
		 "still here: please try sending them again in a minute.");
	return 0;
}

static int precheck(struct page *p)
{
	struct http_request *rq = p->rq;

	if (!rq->content_type ||
	    strncasecmp(rq->content_type, "application/x-www-form-urlencoded",
			33)) {
		page_error(p, 415, "This form could not be read",
			   "Please go back and send the form from its page.");
		return -1;
	}
	return 0;
}

/* Queues s's answers for the writer; returns HTTP_SUSPEND. */
static int queue(struct page *p, struct submit *s)
{
	s->job.sub.form = s->t.form->key;
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

/*
 * A final send sooner after the page was served than a person fills a
 * form in: the answers come back with the same token and its signed
 * confirmation (token_confirmation()), so that the confirming click is
 * stored however quick it is, and only once: the page sent again with
 * its first token is then "already received". Never a drop.
 */
static void ask_confirm(struct page *p, struct submit *s, int page)
{
	struct form_view v = view_of(s, page, s->token);

	respond_confirm(p, &v);
}

/* 1 after answering when s's token has already been stored. */
static int already_stored(struct page *p, struct submit *s, int page)
{
	struct store *db = collector_reader(p->c);
	long long when = 0;
	struct form_view v;

	if (!db || store_response_when(db, s->token, &when) != 1)
		return 0;
	if (!form_strike_allowed(p)) {
		v = view_of(s, page, s->token);
		respond_busy(p, &v);
	} else {
		respond_already(p, &s->t, when);
	}
	return 1;
}

/*
 * Validates; on success queues the submission and returns HTTP_SUSPEND.
 * A token already stored is "already received" whatever the answers:
 * here, before any other page is shown; for answers that would be
 * stored, the writer finds it (a token is stored once, schema/001) and
 * page_submit_resume() says so, which spares every first send a read
 * of the database.
 */
static int submit_or_render(struct page *p, struct submit *s, int page,
			    const char *action, long long served)
{
	const struct form *f = s->t.form;
	int back = !strcmp(action, "back"), last = page >= f->npages - 1;
	int invalid = 0, too_fast;

	if (!back && last)          /* the final send: every page's answers */
		invalid = form_validate(f, s->vals.v, s->vals.n, -1, &s->val);
	too_fast = !s->confirmed &&
		   p->now - served < (long long)p->c->opt.min_fill_seconds;
	if (!back && last && !invalid && !too_fast)
		return queue(p, s);
	if (already_stored(p, s, page))
		return 0;
	if (back) {
		rerender(p, s, 200, page > 0 ? page - 1 : 0, NULL, s->token,
			 NULL);
		return 0;
	}
	if (!last) {                /* "Continue" is never timed */
		if (form_validate(f, s->vals.v, s->vals.n, page, &s->val)) {
			rerender(p, s, 422, page, &s->val, s->token, NULL);
			return 0;
		}
		validation_release(&s->val);
		rerender(p, s, 200, page + 1, NULL, s->token, NULL);
		return 0;
	}
	if (invalid)
		rerender(p, s, 422, page_form_key_page(f, s->val.err[0].key),
			 &s->val, s->token, NULL);
	else
		ask_confirm(p, s, page);
	return 0;
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

/* len, or less so that a %XX cut in two at its end is not read. */
static size_t whole_escapes(const char *s, size_t len)
{
	if (len >= 1 && s[len - 1] == '%')
		return len - 1;
	if (len >= 2 && s[len - 2] == '%')
		return len - 2;
	return len;
}

/* Start of the pair s[..len) ends in: just after its '&', or 0. */
static size_t last_pair(const char *s, size_t len)
{
	while (len && s[len - 1] != '&')
		len--;
	return len;
}

/*
 * Reads the pairs of body[from..len) after the cut into s->vals: all of
 * them when the whole body arrived, else those before the last '&' (the
 * one after it is where http.c stopped keeping the body).
 */
static enum fields_status parse_rest(struct submit *s, const struct buf *body,
				     size_t from, int whole, size_t pairs)
{
	const char *amp = memchr(body->s + from, '&', body->len - from);
	size_t start, end = body->len;

	if (!amp)
		return FIELDS_OK;
	start = (size_t)(amp - body->s) + 1;
	if (!whole)
		end = last_pair(body->s, end);
	if (end <= start)
		return FIELDS_OK;
	return fields_parse_within(&s->vals, body->s + start, end - start,
				   pairs, end - start);
}

/*
 * Parses the body into s->vals within the form's limits: its pairs, and
 * its length, up to which a value may be as long as it likes (the
 * validator says how many characters to cut). A body past them (or past
 * --max-body, whose first part http.c keeps) is read up to the limit,
 * the answer there cut back to whole characters and named in why->cut,
 * then on after that answer as far as the body arrived. Returns
 * FIELDS_OK, FIELDS_TOO_LONG when something did not fit, or
 * FIELDS_TOO_MANY when there were more pairs than the form can send.
 */
static enum fields_status parse_body(struct page *p, struct submit *s,
				     struct too_long *why)
{
	const struct buf *body = &p->rq->body;
	int whole = !p->rq->body_too_large;
	struct form_limits lim;
	size_t at, len, pair;
	enum fields_status st;

	form_limits(s->t.form, &lim);
	memset(why, 0, sizeof(*why));
	if (whole && body->len <= lim.body) {
		st = fields_parse_within(&s->vals, body->s, body->len,
					 lim.pairs, body->len);
		why->too_many = st == FIELDS_TOO_MANY;
		return st;
	}
	at = body->len < lim.body ? body->len : lim.body;
	len = whole_escapes(body->s, at);
	pair = last_pair(body->s, len);
	if (!memchr(body->s + pair, '=', len - pair))
		len = pair;             /* cut in a name: nothing to keep */
	st = fields_parse_within(&s->vals, body->s, len, lim.pairs, len);
	if (st == FIELDS_OK && len > pair &&
	    (at == body->len || body->s[at] != '&'))
		why->cut = fields_trim_last(&s->vals);
	if (st == FIELDS_OK)
		st = parse_rest(s, body, at, whole, lim.pairs);
	why->too_many = st == FIELDS_TOO_MANY;
	why->rest_lost = !whole;
	return st == FIELDS_OK ? FIELDS_TOO_LONG : st;
}

/* Hands back what arrived of a body past the form's limits. */
static void too_long(struct page *p, struct submit *s, int page,
		     const struct too_long *why)
{
	const struct field *tok = fields_get(&s->vals, F_TOKEN);
	const char *ev = s->t.has_event ? s->t.ev.key : NULL;
	long long served;
	struct form_view v;

	if (tok && token_check(p->c->token_key, tok->value, tok->len,
			       s->t.form->key, ev, p->now,
			       &served) == TOKEN_OK)
		s->token = xstrndup(tok->value, tok->len);
	else
		s->token = token_make(p->c->token_key, s->t.form->key, ev,
				      p->now);
	v = view_of(s, page, s->token);
	respond_too_long(p, &v, why);
}

/*
 * Checks the token: 0 with s->token and *served set, or -1 once the
 * answers have been handed back with a fresh token (or a 429 page).
 */
static int check_token(struct page *p, struct submit *s, int page,
		       long long *served)
{
	const struct field *tok = fields_get(&s->vals, F_TOKEN);
	const char *ev = s->t.has_event ? s->t.ev.key : NULL;
	enum token_status ts = TOKEN_BAD;
	struct form_view v;

	if (tok)
		ts = token_check(p->c->token_key, tok->value, tok->len,
				 s->t.form->key, ev, p->now, served);
	if (ts == TOKEN_OK) {
		s->token = xstrndup(tok->value, tok->len);
		return 0;
	}
	if (!form_strike_allowed(p)) {
		v = view_of(s, page, "");
		respond_busy(p, &v);
		return -1;
	}
	s->token = token_make(p->c->token_key, s->t.form->key, ev, p->now);
	if (ts == TOKEN_EXPIRED)
		rerender(p, s, 422, page, NULL, s->token,
			 "This page was open for a long time, so we need you "
			 "to send it once more. Your answers are kept below.");
	else
		rerender(p, s, 400, page, NULL, s->token,
			 "We could not check that this form came from this "
			 "site. Your answers are kept below: please send "
			 "them again.");
	return -1;
}

/*
 * 1 when the event takes s now: it is open, or it closed less than
 * --close-grace ago and the page was served before it closed.
 */
static int in_window(struct page *p, const struct submit *s,
		     long long served)
{
	const struct event *e = &s->t.ev;

	if (!s->t.has_event || event_is_open(e, p->now))
		return 1;
	/*
	 * served == closes: the page went out in the second the event
	 * closed, before it did (no page is served once it has).
	 */
	return e->closes && p->now >= e->closes && served <= e->closes &&
	       p->now - e->closes <= (long long)p->c->opt.close_grace;
}

int page_submit(struct page *p, struct form_target *t)
{
	struct submit *s;
	const struct field *hp, *act;
	struct too_long why;
	struct form_view v;
	long long served = 0;
	enum fields_status st;
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
	st = parse_body(p, s, &why);
	page = form_page_of(s);
	if (st != FIELDS_OK) {
		too_long(p, s, page, &why);
		goto done;
	}
	if (check_token(p, s, page, &served) < 0)
		goto done;
	hp = fields_get(&s->vals, F_HONEYPOT);
	if (hp && hp->len) {
		bot(p, &s->t, "honeypot filled");
		goto done;
	}
	v = view_of(s, page, s->token);
	if (!in_window(p, s, served)) {
		respond_closed(p, &v);
		goto done;
	}
	act = fields_get(&s->vals, F_CONFIRM);
	s->confirmed = act && token_confirmed(p->c->token_key, s->token,
					      act->value);
	act = fields_get(&s->vals, F_ACTION);
	rc = submit_or_render(p, s, page, act ? act->value : "submit",
			      served);
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
