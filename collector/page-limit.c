/*
 * page-limit.c - the limits a respondent meets, sized so that a room of
 * attendees behind one address is never turned away: form pages handed
 * out (each mints a token) per client, form and event, with an allowance
 * of two pages per attendee of the event on top of --rate-limit; and
 * invalid or repeated submissions per client. A valid fresh token is
 * never limited: it stands for a page handed out under the first limit.
 */
#include <string.h>
#include <time.h>

#include "page-form.h"
#include "ratelimit.h"

/* Form pages per attendee that an event's allowance holds at once. */
#define PAGES_PER_ATTENDEE 2

static double monotonic(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

size_t page_client(struct page *p, unsigned char out[16])
{
	const struct collector_options *o = &p->c->opt;

	return ratelimit_client(p->rq->addr, p->rq->addrlen, o->trusted_proxy,
				o->trusted_proxy_len,
				http_header(p->rq, "X-Forwarded-For"), out);
}

int form_mint_allowed(struct page *p, const struct form_target *t)
{
	unsigned char addr[16];
	size_t n = page_client(p, addr);
	double rate = p->c->opt.rate_limit, burst = rate;
	struct buf id = BUF_INIT;
	const char *ev = t->has_event ? t->ev.key : "";
	int ok;

	if (t->has_event && t->ev.attendees > 0)
		burst += (double)t->ev.attendees * PAGES_PER_ATTENDEE;
	/* client, form and event: "ADDR\nFORM\nEVENT" */
	buf_grow(&id, n + strlen(t->form->key) + strlen(ev) + 2);
	buf_add(&id, addr, n);
	buf_addc(&id, '\n');
	buf_adds(&id, t->form->key);
	buf_addc(&id, '\n');
	buf_adds(&id, ev);
	ok = ratelimit_take(p->c->mint, id.s, id.len, burst, rate,
			    monotonic());
	buf_release(&id);
	return ok;
}

int form_strike_allowed(struct page *p)
{
	unsigned char addr[16];
	size_t n = page_client(p, addr);
	double rate = p->c->opt.rate_limit;

	return ratelimit_take(p->c->rl, addr, n, rate, rate, monotonic());
}
