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

#endif
