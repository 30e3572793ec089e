/*
 * admin.c - the /admin routes: per-thread read-write connections, the
 * checks every request passes (Origin on POST, session cookie, CSRF
 * token, role) before a page family sees it, and request values.
 */
#include "admin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "util.h"

struct admin {
	struct collector *c;
	char setup_token[AUTH_TOKEN_CHARS + 1];   /* "" when accounts exist */
	struct throttle *throttle;
	pthread_mutex_t lock;       /* guards conns */
	struct store **conns;       /* one read-write connection per thread */
	size_t nconns, cap;
};

static __thread struct store *tls_db;
static __thread const struct admin *tls_owner;

int admin_open(struct collector *c, struct store *db)
{
	struct admin *a = xcalloc(1, sizeof(*a));
	long users;

	a->c = c;
	if (c->opt.base_url && !strncmp(c->opt.base_url, "https://", 8))
		c->opt.secure_cookies = 1;       /* behind a TLS proxy */
	pthread_mutex_init(&a->lock, NULL);
	a->throttle = throttle_new();
	c->admin = a;
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

void admin_close(struct admin *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->nconns; i++)
		store_close(a->conns[i]);
	free(a->conns);
	throttle_free(a->throttle);
	sodium_memzero(a->setup_token, sizeof(a->setup_token));
	pthread_mutex_destroy(&a->lock);
	free(a);
}

const char *admin_setup_token(const struct collector *c)
{
	return c->admin && c->admin->setup_token[0] ? c->admin->setup_token
						     : NULL;
}

struct throttle *admin_throttle(struct areq *a)
{
	return a->c->admin->throttle;
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
			if (i == 0 && a->c->opt.secure_cookies)
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
		 a->c->opt.secure_cookies ? "; Secure" : "");
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
	sodium_memzero(token, sizeof(token));
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
	sodium_memzero(token, sizeof(token));
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

static int dispatch(struct areq *a, const char *sect)
{
	if (!strcmp(sect, ""))
		return a->p->nseg > 2 ? (admin_not_found(a), 0)
				      : admin_dashboard(a);
	if (!strcmp(sect, "logout"))
		return admin_logout(a);
	if (!strcmp(sect, "events"))
		return admin_events(a);
	if (!strcmp(sect, "forms"))
		return admin_forms(a);
	if (!strcmp(sect, "responses"))
		return admin_responses(a);
	if (!strcmp(sect, "report") && a->p->nseg == 2)
		return admin_download(a, 1);
	if (!strcmp(sect, "export") && a->p->nseg == 2)
		return admin_download(a, 0);
	if (!strcmp(sect, "users"))
		return admin_users(a);
	admin_not_found(a);
	return 0;
}

int page_admin(struct page *p)
{
	struct areq a = { .p = p, .h = &p->h, .c = p->c };
	struct http_request *rq = p->rq;
	const char *sect = p->nseg > 1 ? p->seg[1] : "";
	enum fields_status fst = FIELDS_OK;
	int rc = 0;

	fields_init(&a.query);
	fields_init(&a.form);
	p->rs->cache_control = "no-store";
	if (!p->c->admin) {
		page_error(p, 503, "The committee area is not available",
			   "Please try again later.");
		goto out;
	}
	if (rq->method == HTTP_OTHER) {
		p->rs->allow = "GET, HEAD, POST";
		admin_error(&a, 405, "This action is not allowed",
			    "Pages here are opened or submitted as forms.");
		goto out;
	}
	if (rq->body_too_large) {
		admin_error(&a, 413, "Too much data",
			    "What was sent is larger than this page accepts.");
		goto out;
	}
	fst = fields_parse(&a.query, rq->query, strlen(rq->query));
	if (fst == FIELDS_OK && rq->method == HTTP_POST)
		fst = fields_parse(&a.form, rq->body.s, rq->body.len);
	if (fst != FIELDS_OK) {
		admin_error(&a, 413, "Too much data",
			    "What was sent has too many or too long fields.");
		goto out;
	}
	a.db = admin_db(p->c->admin);
	if (!a.db) {
		p->rs->retry_after = "30";
		admin_error(&a, 503, "Sorry, there is a problem",
			    "The database cannot be opened. Please try again "
			    "in a few minutes.");
		goto out;
	}
	if (rq->method == HTTP_POST && !same_origin(&a)) {
		admin_error(&a, 403, "This request was refused",
			    "It did not come from a page of this site. Open "
			    "the page again and resubmit it.");
		goto out;
	}
	if (!strcmp(sect, "setup")) {
		rc = admin_setup(&a);
		goto out;
	}
	if (!strcmp(sect, "login")) {
		load_session(&a);
		rc = admin_login(&a);
		goto out;
	}
	if (!load_session(&a)) {
		to_login(&a);
		goto out;
	}
	if (rq->method == HTTP_POST) {
		if (!csrf_ok(&a)) {
			admin_error(&a, 403, "This request was refused",
				    "The form was out of date or incomplete. "
				    "Open the page again and resubmit it.");
			goto out;
		}
		if (!a.is_admin && strcmp(sect, "logout")) {
			admin_forbidden(&a);
			goto out;
		}
		a.post = 1;
	}
	rc = dispatch(&a, sect);
out:
	session_release(&a.se);
	fields_release(&a.query);
	fields_release(&a.form);
	return rc;
}
