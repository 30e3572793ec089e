/*
 * page-layout.c - what surrounds every page: document head, site header,
 * footer; links that honour --base-url; human dates.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "collector.h"
#include "embedded.h"

/* Index of the embedded static file name, or -1. */
static int static_index(const char *name)
{
	for (int i = 0; static_files[i].name; i++)
		if (!strcmp(static_files[i].name, name))
			return i;
	return -1;
}

static void static_link(struct page *p, const char *name)
{
	int i = static_index(name);

	page_hreff(p, "/static/%s?v=%s", name, i >= 0 ? p->c->etags[i] : "0");
}

void page_href(struct page *p, const char *path)
{
	html_attrf(&p->h, "href", "%s%s", p->c->prefix, path);
}

void page_hreff(struct page *p, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	buf_adds(&b, p->c->prefix);
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	html_attr(&p->h, "href", b.s);
	buf_release(&b);
}

void page_begin(struct page *p, const char *title)
{
	struct html *h = &p->h;
	const struct site *site = &p->c->forms->site;

	html_lit(h, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		 "<meta charset=\"utf-8\">\n"
		 "<meta name=\"viewport\" "
		 "content=\"width=device-width, initial-scale=1\">\n"
		 "<title>");
	html_text(h, title);
	if (site->short_name) {
		html_lit(h, " \xe2\x80\x93 ");
		html_text(h, site->short_name);
	}
	html_lit(h, "</title>\n<link rel=\"stylesheet\"");
	static_link(p, "style.css");
	html_lit(h, ">\n<link rel=\"icon\" type=\"image/svg+xml\"");
	static_link(p, "favicon.svg");
	html_lit(h, ">\n");
	if (p->script && static_index("show-if.js") >= 0) {
		html_lit(h, "<script defer");
		{
			int i = static_index("show-if.js");

			html_attrf(h, "src", "%s/static/show-if.js?v=%s",
				   p->c->prefix, p->c->etags[i]);
		}
		html_lit(h, "></script>\n");
	}
	html_lit(h, "</head>\n<body>\n"
		 "<a class=\"skip-link\" href=\"#main\">Skip to main "
		 "content</a>\n<header class=\"site-header\">"
		 "<div class=\"wrap\"><a class=\"site-name\"");
	page_href(p, "/");
	html_lit(h, ">");
	html_text(h, site->short_name ? site->short_name : "Feedback");
	html_lit(h, "</a>");
	if (site->name) {
		html_lit(h, "<span class=\"site-org\">");
		html_text(h, site->name);
		html_lit(h, "</span>");
	}
	html_lit(h, "</div></header>\n<main id=\"main\" class=\"wrap\" "
		 "tabindex=\"-1\">\n");
}

void page_end(struct page *p)
{
	struct html *h = &p->h;
	const struct site *site = &p->c->forms->site;

	html_lit(h, "</main>\n<footer class=\"site-footer\"><div "
		 "class=\"wrap\"><p>");
	html_text(h, site->name ? site->name : "");
	html_lit(h, "</p><p>We do not record your IP address. Answers are "
		 "read by the committee and reported only in summary.</p>"
		 "</div></footer>\n</body>\n</html>\n");
}

void page_date(struct html *h, const char *ymd)
{
	struct buf b = BUF_INIT;

	date_text(&b, ymd);
	html_text(h, b.s);
	buf_release(&b);
}

void page_time(struct html *h, long long t)
{
	struct buf b = BUF_INIT;

	date_time_text(&b, t);
	html_text(h, b.s);
	buf_release(&b);
}

void page_public_base(struct page *p, int https, struct buf *out)
{
	const char *base = p->c->opt.base_url;
	const char *host = http_header(p->rq, "Host");

	if (base) {
		buf_adds(out, base);
		return;
	}
	if (!host || !*host || strspn(host, "abcdefghijklmnopqrstuvwxyz"
				      "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
				      ".-:[]") != strlen(host))
		host = "localhost";
	buf_addf(out, "%s://%s", https ? "https" : "http", host);
}
