/*
 * admin-layout.c - what every committee page is made of: the document
 * around it with the committee navigation, error pages, redirects, forms
 * with their CSRF field, labelled inputs and the error summary.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "embedded.h"
#include "util.h"

static void static_href(struct areq *a, const char *name)
{
	for (int i = 0; static_files[i].name; i++)
		if (!strcmp(static_files[i].name, name)) {
			page_hreff(a->p, "/static/%s?v=%s", name,
				   a->c->etags[i]);
			return;
		}
	page_hreff(a->p, "/static/%s", name);
}

static void nav_item(struct areq *a, const char *path, const char *label,
		     const char *nav, const char *name)
{
	struct html *h = a->h;

	html_lit(h, "<li><a");
	page_href(a->p, path);
	if (nav && !strcmp(nav, name))
		html_lit(h, " aria-current=\"page\"");
	html_lit(h, ">");
	html_text(h, label);
	html_lit(h, "</a></li>");
}

void admin_begin(struct areq *a, const char *title, const char *nav)
{
	struct html *h = a->h;
	const struct site *site = &a->c->forms->site;

	html_lit(h, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		 "<meta charset=\"utf-8\">\n"
		 "<meta name=\"viewport\" "
		 "content=\"width=device-width, initial-scale=1\">\n"
		 "<meta name=\"robots\" content=\"noindex\">\n<title>");
	html_text(h, title);
	html_lit(h, " \xe2\x80\x93 Committee");
	if (site->short_name) {
		html_lit(h, " \xe2\x80\x93 ");
		html_text(h, site->short_name);
	}
	html_lit(h, "</title>\n<link rel=\"stylesheet\"");
	static_href(a, "style.css");
	html_lit(h, ">\n<link rel=\"stylesheet\"");
	static_href(a, "admin.css");
	html_lit(h, ">\n<link rel=\"icon\" type=\"image/svg+xml\"");
	static_href(a, "favicon.svg");
	html_lit(h, ">\n</head>\n<body class=\"admin\">\n"
		 "<a class=\"skip-link\" href=\"#main\">Skip to main "
		 "content</a>\n<header class=\"site-header\">"
		 "<div class=\"wrap wide admin-bar\"><a class=\"site-name\"");
	page_href(a->p, "/admin");
	html_lit(h, ">");
	html_text(h, site->short_name ? site->short_name : "Feedback");
	html_lit(h, " committee</a>");
	if (a->se.user) {
		html_lit(h, "<nav aria-label=\"Committee area\">"
			 "<ul class=\"admin-nav\">");
		nav_item(a, "/admin", "Dashboard", nav, "dashboard");
		nav_item(a, "/admin/events", "Events", nav, "events");
		nav_item(a, "/admin/responses", "Responses", nav,
			 "responses");
		nav_item(a, "/admin/ideas", "Ideas", nav, "ideas");
		if (a->is_admin)
			nav_item(a, "/admin/follow-up", "Follow-up", nav,
				 "follow-up");
		if (a->is_admin)
			nav_item(a, "/admin/users", "Accounts", nav, "users");
		nav_item(a, "/admin/account", "Your account", nav, "account");
		html_lit(h, "</ul></nav>");
		admin_form_open(a, "/admin/logout");
		html_lit(h, "<span class=\"who\">");
		html_text(h, a->se.user);
		html_lit(h, " (");
		html_text(h, a->se.role);
		html_lit(h, ")</span> <button type=\"submit\" "
			 "class=\"link-button\">Sign out</button></form>");
	}
	html_lit(h, "</div></header>\n<main id=\"main\" class=\"wrap wide\" "
		 "tabindex=\"-1\">\n");
}

void admin_end(struct areq *a)
{
	html_lit(a->h, "</main>\n<footer class=\"site-footer\"><div "
		 "class=\"wrap wide\"><p>Committee area. Respondents' IP "
		 "addresses are never recorded.</p></div></footer>\n"
		 "</body>\n</html>\n");
}

void admin_error(struct areq *a, int status, const char *title,
		 const char *text)
{
	struct html *h = a->h;

	a->p->rs->status = status;
	buf_reset(&h->b);
	admin_begin(a, title, NULL);
	html_lit(h, "<h1>");
	html_text(h, title);
	html_lit(h, "</h1>\n<p class=\"lead\">");
	html_text(h, text);
	html_lit(h, "</p>\n<p><a");
	page_href(a->p, a->se.user ? "/admin" : "/admin/login");
	html_lit(h, ">");
	html_text(h, a->se.user ? "Back to the dashboard" : "Sign in");
	html_lit(h, "</a></p>\n");
	admin_end(a);
}

void admin_not_found(struct areq *a)
{
	admin_error(a, 404, "Page not found",
		    "There is nothing at this address in the committee area.");
}

void admin_forbidden(struct areq *a)
{
	admin_error(a, 403, "Only an admin can do this",
		    "Your account can see and download everything, but only "
		    "an admin can change events, responses or accounts.");
}

void admin_not_allowed(struct areq *a, const char *allow)
{
	a->p->rs->allow = allow;
	admin_error(a, 405, "This action is not allowed",
		    strcmp(allow, "POST") ? "This address is opened, not "
					    "submitted as a form."
					  : "This address takes a form sent "
					    "with a button of a page.");
}

/* The site path fmt (formatted with ap) under the base URL's prefix. */
static void prefixed(struct buf *b, struct areq *a, const char *fmt,
		     va_list ap)
{
	buf_adds(b, a->c->prefix);
	buf_vaddf(b, fmt, ap);
}

void admin_redirect(struct areq *a, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	prefixed(&b, a, fmt, ap);
	va_end(ap);
	a->p->rs->status = 303;
	free(a->p->rs->location);
	a->p->rs->location = buf_detach(&b, NULL);
	buf_reset(&a->h->b);
	html_lit(a->h, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
		 "charset=\"utf-8\"><title>See other</title></head><body><p>"
		 "<a");
	html_attr(a->h, "href", a->p->rs->location);
	html_lit(a->h, ">Continue</a></p></body></html>\n");
}

void admin_csrf_field(struct areq *a)
{
	if (!a->se.csrf)
		return;
	html_lit(a->h, "<input type=\"hidden\" name=\"_csrf\"");
	html_attr(a->h, "value", a->se.csrf);
	html_lit(a->h, ">");
}

void admin_form_open(struct areq *a, const char *action_fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, action_fmt);
	prefixed(&b, a, action_fmt, ap);
	va_end(ap);
	html_lit(a->h, "<form method=\"post\"");
	html_attr(a->h, "action", b.s);
	html_lit(a->h, ">");
	admin_csrf_field(a);
	buf_release(&b);
}

static void field_head(struct areq *a, const char *id, const char *label,
		       const char *hint, const char *err)
{
	struct html *h = a->h;

	html_lit(h, "<div class=\"field");
	if (err)
		html_lit(h, " has-error");
	html_lit(h, "\"><label class=\"label\"");
	html_attr(h, "for", id);
	html_lit(h, ">");
	html_text(h, label);
	html_lit(h, "</label>");
	if (hint) {
		html_lit(h, "<p class=\"hint\"");
		html_attrf(h, "id", "%s-hint", id);
		html_lit(h, ">");
		html_text(h, hint);
		html_lit(h, "</p>");
	}
	if (err) {
		html_lit(h, "<p class=\"error-message\"");
		html_attrf(h, "id", "%s-error", id);
		html_lit(h, "><span class=\"visually-hidden\">Error:</span> ");
		html_text(h, err);
		html_lit(h, "</p>");
	}
}

static void described_by(struct areq *a, const char *id, const char *hint,
			 const char *err)
{
	if (hint && err)
		html_attrf(a->h, "aria-describedby", "%s-hint %s-error", id, id);
	else if (hint)
		html_attrf(a->h, "aria-describedby", "%s-hint", id);
	else if (err)
		html_attrf(a->h, "aria-describedby", "%s-error", id);
}

void admin_input(struct areq *a, const char *id, const char *label,
		 const char *hint, const char *type, const char *value,
		 const char *autocomplete, const char *err, int flags)
{
	struct html *h = a->h;

	field_head(a, id, label, hint, err);
	html_lit(h, "<input class=\"input\"");
	if (flags & INPUT_REQUIRED)
		html_lit(h, " required");
	html_attr(h, "type", type);
	html_attr(h, "id", id);
	html_attr(h, "name", id);
	html_attr(h, "autocomplete", autocomplete);
	if (value && *value)
		html_attr(h, "value", value);
	if (err)
		html_lit(h, " aria-invalid=\"true\"");
	described_by(a, id, hint, err);
	html_lit(h, "></div>\n");
}

void admin_select(struct areq *a, const char *id, const char *label,
		  const char *const *values, const char *const *labels,
		  size_t n, const char *selected, const char *err)
{
	struct html *h = a->h;

	field_head(a, id, label, NULL, err);
	html_lit(h, "<select class=\"input\"");
	html_attr(h, "id", id);
	html_attr(h, "name", id);
	described_by(a, id, NULL, err);
	html_lit(h, ">");
	for (size_t i = 0; i < n; i++) {
		html_lit(h, "<option");
		html_attr(h, "value", values[i]);
		if (selected && !strcmp(selected, values[i]))
			html_lit(h, " selected");
		html_lit(h, ">");
		html_text(h, labels[i]);
		html_lit(h, "</option>");
	}
	html_lit(h, "</select></div>\n");
}

void admin_error_add(struct admin_errors *e, const char *id, const char *msg)
{
	if (e->n < ARRAY_SIZE(e->id)) {
		e->id[e->n] = id;
		e->msg[e->n] = msg;
		e->n++;
	}
}

const char *admin_error_for(const struct admin_errors *e, const char *id)
{
	for (size_t i = 0; e && i < e->n; i++)
		if (!strcmp(e->id[i], id))
			return e->msg[i];
	return NULL;
}

void admin_error_summary(struct areq *a, const struct admin_errors *e)
{
	struct html *h = a->h;

	if (!e || !e->n)
		return;
	html_lit(h, "<div class=\"error-summary\" role=\"alert\" "
		 "tabindex=\"-1\"><h2>There is a problem</h2><ul>");
	for (size_t i = 0; i < e->n; i++) {
		html_lit(h, "<li><a");
		html_attrf(h, "href", "#%s", e->id[i]);
		html_lit(h, ">");
		html_text(h, e->msg[i]);
		html_lit(h, "</a></li>");
	}
	html_lit(h, "</ul></div>\n");
}

void admin_public_base(struct areq *a, struct buf *out)
{
	page_public_base(a->p, a->opt->secure_cookies, out);
}
