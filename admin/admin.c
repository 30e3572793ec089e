/*
 * admin.c - the /admin routes: per-thread read-write connections, the
 * checks every request passes (Origin on POST, session cookie, CSRF
 * token, role) before a page family sees it, and request values.
 */
#include "admin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "util.h"

struct admin {
	struct admin_options opt;
	struct collector *c;        /* set when mounted and opened */
	char setup_token[AUTH_TOKEN_CHARS + 1];   /* "" when accounts exist */
	struct throttle *throttle;
	pthread_mutex_t lock;       /* guards conns */
	struct store **conns;       /* one read-write connection per thread */
	size_t nconns, cap;
};

static __thread struct store *tls_db;
static __thread const struct admin *tls_owner;

struct admin *admin_new(const struct admin_options *opt)
{
	struct admin *a = xcalloc(1, sizeof(*a));

	a->opt = *opt;
	pthread_mutex_init(&a->lock, NULL);
	a->throttle = throttle_new();
	return a;
}

/* The mount's open hook: binds a to c; a setup token when no account. */
static int admin_open(void *ctx, struct collector *c, struct store *db)
{
	struct admin *a = ctx;
	long users;

	a->c = c;
	if (c->opt.base_url && !strncmp(c->opt.base_url, "https://", 8))
		a->opt.secure_cookies = 1;       /* behind a TLS proxy */
	if (auth_init() < 0)
		return -1;
	users = store_user_count(db, NULL);
	if (users < 0)
		return -1;
	if (users == 0) {
		char hash[AUTH_HASH_HEX + 1];

		auth_token_new(a->setup_token);
		auth_token_hash(a->setup_token, hash);
		if (store_setup_put(db, hash, (long long)time(NULL)) < 0)
			return -1;
	}
	return 0;
}

/* The mount's close hook: the connections go, a stays for admin_free. */
static void admin_close(void *ctx)
{
	struct admin *a = ctx;

	pthread_mutex_lock(&a->lock);
	for (size_t i = 0; i < a->nconns; i++)
		store_close(a->conns[i]);
	a->nconns = 0;
	pthread_mutex_unlock(&a->lock);
	if (tls_owner == a) {         /* this thread's one is closed now */
		tls_db = NULL;
		tls_owner = NULL;
	}
	a->c = NULL;
}

void admin_free(struct admin *a)
{
	if (!a)
		return;
	admin_close(a);
	free(a->conns);
	throttle_free(a->throttle);
	sec_wipe(a->setup_token, sizeof(a->setup_token));
	pthread_mutex_destroy(&a->lock);
	free(a);
}

static int admin_handle(void *ctx, struct page *p);

void admin_mount(struct admin *a, struct collector_mount *m)
{
	m->first = "admin";
	m->handle = admin_handle;
	m->open = admin_open;
	m->close = admin_close;
	m->ctx = a;
}

const char *admin_setup_token(const struct admin *a)
{
	return a && a->setup_token[0] ? a->setup_token : NULL;
}

struct throttle *admin_throttle(struct areq *a)
{
	return a->ad->throttle;
}

/* This thread's read-write connection, or NULL (logged). */
static struct store *admin_db(struct admin *ad)
{
	struct store *s;

	if (tls_db && tls_owner == ad)
		return tls_db;
	if (store_open(&s, ad->c->opt.db_path, 0) < 0)
		return NULL;
	pthread_mutex_lock(&ad->lock);
	ALLOC_GROW(ad->conns, ad->nconns + 1, ad->cap);
	ad->conns[ad->nconns++] = s;
	pthread_mutex_unlock(&ad->lock);
	tls_db = s;
	tls_owner = ad;
	return s;
}

/* ---- values ---- */

static const char *clean(const struct field *f)
{
	if (!f || strlen(f->value) != f->len || !utf8_valid(f->value, f->len))
		return NULL;
	return f->value;
}

const char *areq_query(const struct areq *a, const char *name)
{
	return clean(fields_get(&a->query, name));
}

const char *areq_form(const struct areq *a, const char *name)
{
	return clean(fields_get(&a->form, name));
}

const char *areq_get(const struct areq *a, const char *name)
{
	return a->p->rq->method == HTTP_POST ? areq_form(a, name)
					     : areq_query(a, name);
}

/* ---- origins, cookies, sessions ---- */

/* The origin of base_url ("https://example.org"), or of the Host header. */
static int origin_ok(struct areq *a, const char *origin, int prefix)
{
	const char *base = a->c->opt.base_url;
	struct buf want = BUF_INIT;
	int ok = 0;

	if (base) {
		const char *p = strstr(base, "://");
		const char *slash = p ? strchr(p + 3, '/') : NULL;

		buf_add(&want, base, slash ? (size_t)(slash - base)
					   : strlen(base));
		ok = !strncmp(origin, want.s, want.len) &&
		     (prefix ? origin[want.len] == '/' : !origin[want.len]);
	} else {
		const char *host = http_header(a->p->rq, "Host");
		static const char *const schemes[] = { "http://", "https://" };

		for (size_t i = 0; host && *host && !ok && i < 2; i++) {
			if (i == 0 && a->opt->secure_cookies)
				continue;
			buf_reset(&want);
			buf_addf(&want, "%s%s", schemes[i], host);
			ok = !strncmp(origin, want.s, want.len) &&
			     (prefix ? origin[want.len] == '/'
				     : !origin[want.len]);
		}
	}
	buf_release(&want);
	return ok;
}

/* A POST must come from our own pages: Origin, else Referer, matches. */
static int same_origin(struct areq *a)
{
	const char *origin = http_header(a->p->rq, "Origin");
	const char *referer;

	if (origin)
		return origin_ok(a, origin, 0);
	referer = http_header(a->p->rq, "Referer");
	return referer && origin_ok(a, referer, 1);
}

/* The value of cookie name in the Cookie header, copied into out. */
static int cookie_value(struct areq *a, const char *name, char *out,
			size_t size)
{
	const char *s = http_header(a->p->rq, "Cookie");
	size_t nl = strlen(name);

	while (s && *s) {
		const char *end;

		while (*s == ' ' || *s == ';')
			s++;
		end = strchr(s, ';');
		if (!end)
			end = s + strlen(s);
		if ((size_t)(end - s) > nl && !strncmp(s, name, nl) &&
		    s[nl] == '=') {
			size_t vl = (size_t)(end - s) - nl - 1;

			if (vl >= size)
				return 0;
			memcpy(out, s + nl + 1, vl);
			out[vl] = '\0';
			return 1;
		}
		s = end;
	}
	return 0;
}

void admin_set_cookie(struct areq *a, const char *token)
{
	struct buf b = BUF_INIT;

	buf_addf(&b, ADMIN_COOKIE "=%s; Path=%s/admin; HttpOnly; "
		 "SameSite=Strict; Max-Age=%d%s", token ? token : "",
		 a->c->prefix, token ? ADMIN_SESSION_SECONDS : 0,
		 a->opt->secure_cookies ? "; Secure" : "");
	free(a->p->rs->set_cookie);
	a->p->rs->set_cookie = buf_detach(&b, NULL);
}

int admin_start_session(struct areq *a, const char *user)
{
	char token[AUTH_TOKEN_CHARS + 1], csrf[AUTH_TOKEN_CHARS + 1];
	char hash[AUTH_HASH_HEX + 1];
	int ret;

	auth_token_new(token);
	auth_token_new(csrf);
	auth_token_hash(token, hash);
	store_session_prune(a->db, a->p->now, ADMIN_IDLE_SECONDS);
	ret = store_session_add(a->db, hash, user, csrf, a->p->now,
				a->p->now + ADMIN_SESSION_SECONDS);
	if (!ret)
		admin_set_cookie(a, token);
	sec_wipe(token, sizeof(token));
	return ret;
}

/* Reads the session named by the cookie into a->se; 1 when signed in. */
static int load_session(struct areq *a)
{
	char token[AUTH_TOKEN_CHARS + 8];
	int found;

	if (!cookie_value(a, ADMIN_COOKIE, token, sizeof(token)) ||
	    strlen(token) != AUTH_TOKEN_CHARS)
		return 0;
	auth_token_hash(token, a->session_hash);
	sec_wipe(token, sizeof(token));
	found = store_session_get(a->db, a->session_hash, a->p->now,
				  ADMIN_IDLE_SECONDS, &a->se);
	if (found != 1) {
		session_release(&a->se);
		return 0;
	}
	if (a->p->now - a->se.last_seen >= 60)
		store_session_touch(a->db, a->session_hash, a->p->now);
	a->is_admin = !strcmp(a->se.role, "admin");
	return 1;
}

static int csrf_ok(struct areq *a)
{
	const struct field *f = fields_get(&a->form, "_csrf");

	return f && a->se.csrf &&
	       auth_equal(f->value, f->len, a->se.csrf, strlen(a->se.csrf));
}

/* 1 when the page being asked for is safe to return to after sign-in. */
static int safe_next(const char *path)
{
	if (strncmp(path, "/admin", 6) || strstr(path, "//"))
		return 0;
	for (const char *s = path; *s; s++)
		if ((unsigned char)*s <= ' ' || (unsigned char)*s >= 0x7f ||
		    *s == '\\' || *s == '"')
			return 0;
	return 1;
}

static void to_login(struct areq *a)
{
	struct http_request *rq = a->p->rq;

	if (rq->method != HTTP_POST && safe_next(rq->path) &&
	    strcmp(rq->path, "/admin") && strcmp(rq->path, "/admin/"))
		admin_redirect(a, "/admin/login?next=%s", rq->path);
	else
		admin_redirect(a, "/admin/login");
}

/* ---- the route table ---- */

/*
 * Who may use a method of a route: NO means the method is not allowed
 * there (405); ANYONE needs no sign-in; VIEWER any signed-in account;
 * ADMIN the admin role.
 */
enum role { NO, ANYONE, VIEWER, ADMIN };

/*
 * One row per page: its path under /admin ("" is /admin itself), whose
 * segments are literal or a typed parameter (":event" an event's short
 * address, ":form" a form key, ":id" a number from 1: a->arg, a->id), so
 * the number of segments is part of the row; who may GET (and HEAD) and
 * POST it; and the request fields it reads as typed values (names of the
 * table in admin-value.c).
 */
static const struct route {
	const char *path;
	int (*fn)(struct areq *a);
	enum role get, post;
	const char *fields;
} routes[] = {
	{ "",                          admin_dashboard, VIEWER, NO, NULL },
	{ "setup",                     admin_setup, ANYONE, ANYONE, NULL },
	{ "login",                     admin_login, ANYONE, ANYONE, NULL },
	{ "logout",                    admin_logout, NO, VIEWER, NULL },
	{ "invite",                    admin_invite, ANYONE, ANYONE, NULL },
	{ "account",                   admin_account, VIEWER, VIEWER, "done" },
	{ "events",                    admin_events, VIEWER, ADMIN, NULL },
	{ "events/:event",             admin_event, VIEWER, ADMIN, NULL },
	{ "events/:event/qr.png",      admin_event_qr_page, VIEWER, NO, NULL },
	{ "events/:event/handout.pdf", admin_event_handout_page, VIEWER, NO,
	  NULL },
	{ "events/:event/certificates.csv", admin_certificate_csv, VIEWER, NO,
	  NULL },
	{ "events/:event/certificates", admin_certificate_revoke, NO, ADMIN,
	  NULL },
	{ "forms/:form",               admin_forms, VIEWER, NO,
	  "event series from to" },
	{ "responses",                 admin_responses, VIEWER, NO,
	  "page form event from to done" },
	{ "responses/:id",             admin_response, VIEWER, ADMIN,
	  "done confirm action" },
	{ "report",                    admin_report, VIEWER, NO,
	  "form event series from to title paper" },
	{ "export",                    admin_export, VIEWER, NO,
	  "form event series from to format labels excel codes options" },
	{ "users",                     admin_users, ADMIN, ADMIN,
	  "done action role invite-role" },
	{ "ideas",                     admin_ideas, VIEWER, NO, "status" },
	{ "ideas/:id",                 admin_idea, VIEWER, ADMIN,
	  "done action set link into" },
	{ "follow-up",                 admin_follow_up, ADMIN, ADMIN,
	  "form event done response action" },
	{ "follow-up.csv",             admin_follow_up_csv, ADMIN, NO,
	  "form event" },
};

/*
 * 1 when path segs (n of them, after "admin") match the row's pattern;
 * the typed segment's value goes to a->arg / a->id.
 */
static int route_match(struct areq *a, const char *pat, char **segs,
		       size_t n)
{
	size_t i = 0;

	while (*pat) {
		size_t len = strcspn(pat, "/");
		char kind[32];

		if (i == n || len >= sizeof(kind))
			return 0;
		memcpy(kind, pat, len);
		kind[len] = '\0';
		if (kind[0] == ':') {
			if (!admin_segment_ok(kind, segs[i], &a->id))
				return 0;
			a->arg = segs[i];
		} else if (strcmp(kind, segs[i])) {
			return 0;
		}
		i++;
		pat += len + (pat[len] == '/');
	}
	return i == n;
}

static const struct route *find_route(struct areq *a)
{
	struct page *p = a->p;

	for (size_t i = 0; i < ARRAY_SIZE(routes); i++) {
		a->arg = NULL;
		a->id = 0;
		if (route_match(a, routes[i].path, p->seg + 1, p->nseg - 1))
			return &routes[i];
	}
	a->arg = NULL;
	a->id = 0;
	return NULL;
}

/* The Allow header for a row (a literal); every method without one. */
static const char *allow_of(const struct route *r)
{
	if (!r || (r->get != NO && r->post != NO))
		return "GET, HEAD, POST";
	return r->get != NO ? "GET, HEAD" : "POST";
}

/*
 * Parses the request's fields and opens this thread's connection; 0, or
 * -1 after answering (413, 500).
 */
static int prepare(struct areq *a)
{
	struct http_request *rq = a->p->rq;
	enum fields_status fst;

	if (rq->body_too_large) {
		admin_error(a, 413, "Too much data",
			    "What was sent is larger than this page accepts.");
		return -1;
	}
	fst = fields_parse(&a->query, rq->query, strlen(rq->query));
	if (fst == FIELDS_OK && rq->method == HTTP_POST)
		fst = fields_parse(&a->form, rq->body.s, rq->body.len);
	if (fst != FIELDS_OK) {
		admin_error(a, 413, "Too much data",
			    "What was sent has too many or too long fields.");
		return -1;
	}
	a->db = admin_db(a->ad);
	if (!a->db) {
		a->p->rs->retry_after = "30";
		admin_error(a, 503, "Sorry, there is a problem",
			    "The database cannot be opened. Please try again "
			    "in a few minutes.");
		return -1;
	}
	return 0;
}

/*
 * The checks of the row r (NULL: no such page) in their order: a POST
 * from our own pages, a session unless ANYONE may, the CSRF token of a
 * signed-in POST, the page, the method, the role, the declared fields.
 * Returns 0 when the handler may run, or -1 after answering.
 */
static int admit(struct areq *a, const struct route *r)
{
	struct http_request *rq = a->p->rq;
	int post = rq->method == HTTP_POST;
	enum role need = !r ? VIEWER : post ? r->post : r->get;

	if (post && !same_origin(a)) {
		struct buf why = BUF_INIT;

		/* mostly: the right server, reached by another address */
		if (a->c->opt.base_url)
			buf_addf(&why, "It did not come from a page of this "
				 "site's address, %s. Open %s/admin/ and try "
				 "again there.", a->c->opt.base_url,
				 a->c->opt.base_url);
		else
			buf_adds(&why, "It did not come from a page of this "
				 "site. Open the page again and resubmit it.");
		admin_error(a, 403, "This request was refused", why.s);
		buf_release(&why);
		return -1;
	}
	if (!load_session(a) && need != ANYONE) {
		to_login(a);
		return -1;
	}
	if (post && need != ANYONE && !csrf_ok(a)) {
		admin_error(a, 403, "This request was refused",
			    "The form was out of date or incomplete. Open "
			    "the page again and resubmit it.");
		return -1;
	}
	if (!r) {
		admin_not_found(a);
		return -1;
	}
	if (need == NO) {
		admin_not_allowed(a, allow_of(r));
		return -1;
	}
	if (need == ADMIN && !a->is_admin) {
		admin_forbidden(a);
		return -1;
	}
	a->fields = r->fields;
	if (admin_values_check(a) < 0)
		return -1;
	a->post = post;
	return 0;
}

/* The mount's handler: every request under /admin. */
static int admin_handle(void *ctx, struct page *p)
{
	struct admin *ad = ctx;
	struct areq a = { .p = p, .h = &p->h, .c = p->c, .ad = ad,
			  .opt = &ad->opt };
	const struct route *r;
	int rc = 0;

	fields_init(&a.query);
	fields_init(&a.form);
	p->rs->cache_control = "no-store";
	r = find_route(&a);
	if (p->rq->method == HTTP_OTHER)
		admin_not_allowed(&a, allow_of(r));
	else if (prepare(&a) == 0 && admit(&a, r) == 0)
		rc = r->fn(&a);
	session_release(&a.se);
	fields_release(&a.query);
	fields_release(&a.form);
	return rc;
}

/* ---- shared by handlers ---- */

int admin_event_load(struct areq *a, struct event *e)
{
	int found = a->arg ? store_event_get(a->db, a->arg, e) : 0;

	if (found == 1)
		return 1;
	if (found < 0) {
		a->p->rs->retry_after = "5";
		admin_error(a, 503, "Please try again",
			    "The event could not be read just now.");
	}
	else
		admin_not_found(a);
	return 0;
}
