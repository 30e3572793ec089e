/*
 * page-form.h - what page-form.c (rendering, routes) and page-submit.c
 * (POST) share: the resolved target of a /f/ URL and the form renderer.
 */
#ifndef SIGSURVEY_PAGE_FORM_H
#define SIGSURVEY_PAGE_FORM_H

#include "answer.h"
#include "collector.h"
#include "fields.h"

/* Names of the collector's own fields; never answer keys (those have no '-'). */
#define F_TOKEN "_token"
#define F_PAGE "_page"
#define F_ACTION "_action"
#define F_HONEYPOT "your-website"
#define F_CONFIRM "_confirm"            /* sent from the too-fast page */

struct form_target {
	const struct form *form;
	int form_index;
	struct event ev;            /* when has_event */
	int has_event;
};

struct form_view {
	const struct form_target *t;
	const struct fields *vals;          /* answers to show */
	const struct validation *val;       /* errors, or NULL */
	int page;                           /* 0-based */
	const char *token;
	const char *notice;                 /* message above the form, or NULL */
	int confirm;                        /* a too-fast send to confirm */
	int no_send;                        /* answers shown back, no button */
	size_t token_at;                    /* out: offset of the token value */
};

/* Renders the whole page (status already set by the caller). */
void page_form_render(struct page *p, struct form_view *v);
/* The page of the question that owns answer key k (0 when unknown). */
int page_form_key_page(const struct form *f, const char *k);
/*
 * Certificates (page-certificate.c): appends "?c=GRANT" to the thank-you
 * address loc when t's event offers a certificate, binding it to the
 * submission's form token; and the offer on the thank-you page, shown
 * when the query carries a valid grant.
 */
void page_certificate_grant(struct page *p, const struct form_target *t,
			    const char *token, struct buf *loc);
void page_certificate_offer(struct page *p, const struct form_target *t);
/* POST /f/<form>[/<event>] */
int page_submit(struct page *p, struct form_target *t);

/*
 * Limits (page-limit.c). Each takes one unit from this client's
 * allowance and returns 1, or 0 when it is spent: a form page handed out
 * for t (a new token), and an invalid or repeated submission.
 */
int form_mint_allowed(struct page *p, const struct form_target *t);
int form_strike_allowed(struct page *p);

/*
 * Pages that hand a person's answers back (page-respond.c): they take
 * the form view to render (its t, vals, page and token set).
 */
/* 429: too many pages or failed sends from this network. */
void respond_busy(struct page *p, struct form_view *v);
/* 410: the event closed (or is not open yet); no button to send. */
void respond_closed(struct page *p, struct form_view *v);
/* Why a body did not fit its form's limits (page-submit.c fills it). */
struct too_long {
	const char *cut;       /* the answer cut off (a key), or NULL */
	int too_many;          /* more pairs than the form's questions send */
	int rest_lost;         /* answers after the cut did not arrive */
};
/* 413: says what did not fit (why) and what to shorten. */
void respond_too_long(struct page *p, struct form_view *v,
		      const struct too_long *why);
/* 200: sent sooner than a person fills a form in; one click confirms. */
void respond_confirm(struct page *p, struct form_view *v);
/* 200: these answers (this token) were stored at when already. */
void respond_already(struct page *p, const struct form_target *t,
		     long long when);

#endif
