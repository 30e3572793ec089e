/*
 * page-error.c - friendly pages for the statuses a respondent can meet:
 * a heading, one plain sentence and a way back.
 */
#include "collector.h"

void page_error(struct page *p, int status, const char *title,
		const char *text)
{
	struct html *h = &p->h;

	p->rs->status = status;
	buf_reset(&h->b);
	page_begin(p, title);
	html_lit(h, "<h1>");
	html_text(h, title);
	html_lit(h, "</h1>\n<p class=\"lead\">");
	html_text(h, text);
	html_lit(h, "</p>\n<p><a");
	page_href(p, "/");
	html_lit(h, ">See all open feedback forms</a></p>\n");
	page_end(p);
}

void page_not_found(struct page *p)
{
	page_error(p, 404, "Page not found",
		   "There is no form at this address. If you typed the "
		   "address, check it is correct; if you followed a link or "
		   "QR code, the form may have moved.");
}

void page_method_not_allowed(struct page *p, const char *allow)
{
	p->rs->allow = allow;
	page_error(p, 405, "This action is not allowed",
		   "This address can only be opened or submitted as a form.");
}
