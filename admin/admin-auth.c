/*
 * admin-auth.c - /admin/setup (the one-time link that creates the first
 * admin), /admin/login with throttling, /admin/logout.
 *
 * Throttling is keyed on the client (a keyed hash of its address, never
 * the address) and on (account, client) together. Each failure pushes
 * that pair's next evaluated attempt further away (nothing sleeps: an
 * early attempt is refused without looking at the password), and an
 * account takes at most THROTTLE_PER_HOUR failures an hour from clients
 * that have failed for it: a client that has not failed for an account
 * always gets its password checked, so a stranger who knows a name
 * cannot lock its owner out. The pairs live in the database
 * (store_signin_*), where only real accounts get a row: made-up names
 * never push a real account's failures out. Each client's failures
 * across every name (made-up ones too) are kept in memory, a slot made
 * only by a failure, and delay that client alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "crypto.h"
#include "util.h"

#define THROTTLE_SLOTS 1024            /* clients, in memory */
#define THROTTLE_PER_HOUR 100          /* failures per account */
#define THROTTLE_CLIENT_PER_HOUR 300   /* failures per client, any name */
#define THROTTLE_FREE_FAILURES 3       /* per account and client */
#define THROTTLE_CLIENT_FREE 10        /* per client (offices share one) */
#define THROTTLE_MAX_DELAY 300         /* seconds */
#define CLIENT_ID 16                   /* bytes of a client's keyed hash */

struct slot {
	unsigned char id[CLIENT_ID];
	long long hour;         /* start of the hour counted in recent */
	long recent;            /* failures in that hour */
	long failures;          /* failures, any name */
	long long next_ok;      /* no attempt is evaluated before this */
	long long used;         /* last failure, for replacement */
};

struct throttle {
	pthread_mutex_t lock;
	unsigned char key[SEC_HASH_KEY_BYTES];
	int keyed;              /* key read from the database */
	struct slot client[THROTTLE_SLOTS];
};

struct throttle *throttle_new(void)
{
	struct throttle *t = xcalloc(1, sizeof(*t));

	pthread_mutex_init(&t->lock, NULL);
	return t;
}

void throttle_free(struct throttle *t)
{
	if (!t)
		return;
	pthread_mutex_destroy(&t->lock);
	sec_wipe(t, sizeof(*t));
	free(t);
}

/*
 * The slot of id, or NULL; with make, a new one in place of the least
 * recently used (never NULL).
 */
static struct slot *find_slot(struct slot *v, const unsigned char *id,
			      long long now, int make)
{
	struct slot *old = &v[0];

	for (size_t i = 0; i < THROTTLE_SLOTS; i++) {
		if (v[i].used && !memcmp(v[i].id, id, CLIENT_ID))
			return &v[i];
		if (v[i].used < old->used)
			old = &v[i];
	}
	if (!make)
		return NULL;
	memset(old, 0, sizeof(*old));
	memcpy(old->id, id, CLIENT_ID);
	old->hour = now;
	old->used = now;
	return old;
}

/*
 * The client's id: a keyed hash of its address, under the key kept in
 * the database (so that the pairs there outlive a restart). 0 or -1.
 */
static int client_id(struct areq *a, unsigned char id[CLIENT_ID])
{
	struct throttle *t = admin_throttle(a);
	int ret = 0;

	pthread_mutex_lock(&t->lock);
	if (!t->keyed) {
		ret = store_secret(a->db, "signin", t->key, sizeof(t->key));
		t->keyed = ret == 0;
	}
	if (!ret)
		sec_hash(id, CLIENT_ID, a->p->rq->addr,
			 a->p->rq->addrlen ? a->p->rq->addrlen : 1, t->key,
			 sizeof(t->key));
	pthread_mutex_unlock(&t->lock);
	return ret;
}

/* Seconds to wait after the given failures: 0, then 4, 8, 16 ... 300. */
static long long delay_after(long long failures, long free_failures)
{
	long long n = failures - free_failures;

	if (n <= 0)
		return 0;
	if (n > 7)
		return THROTTLE_MAX_DELAY;
	return (2LL << n) < THROTTLE_MAX_DELAY ? (2LL << n) : THROTTLE_MAX_DELAY;
}

static void wait_until(long long *wait, long long until, long long now)
{
	if (until - now > *wait)
		*wait = until - now;
}

/* The client's own wait, for its failures with any name. */
static long long client_wait(struct throttle *t, const unsigned char *id,
			     long long now)
{
	long long wait = 0;
	struct slot *sc;

	pthread_mutex_lock(&t->lock);
	sc = find_slot(t->client, id, now, 0);
	if (sc && now - sc->hour >= 3600) {  /* a client's slate is wiped */
		sc->hour = now;
		sc->recent = 0;
		sc->failures = 0;
	}
	if (sc) {
		wait_until(&wait, sc->next_ok, now);
		if (sc->recent >= THROTTLE_CLIENT_PER_HOUR)
			wait_until(&wait, sc->hour + 3600, now);
	}
	pthread_mutex_unlock(&t->lock);
	return wait;
}

/*
 * May the client's attempt for name be evaluated now? Returns 0 when
 * yes, the seconds to wait, or -1 when the database could not be read
 * (logged). A name that is no account reads as no failures, like an
 * account this client has not failed for.
 */
static long long throttle_begin(struct areq *a, const char *name,
				unsigned char id[CLIENT_ID])
{
	struct signin_state st;
	long long now = a->p->now, wait;

	if (client_id(a, id) < 0)
		return -1;
	wait = client_wait(admin_throttle(a), id, now);
	if (store_signin_get(a->db, name, id, CLIENT_ID, now, &st) < 0)
		return -1;
	if (st.failures > 0) {
		wait_until(&wait, st.last + delay_after(st.failures,
							THROTTLE_FREE_FAILURES),
			   now);
		if (st.account_recent >= THROTTLE_PER_HOUR)
			wait_until(&wait, st.account_hour + 3600, now);
	}
	return wait;
}

static void throttle_end(struct areq *a, const char *name,
			 const unsigned char *id, int success)
{
	struct throttle *t = admin_throttle(a);
	long long now = a->p->now;
	struct slot *sc;

	if (success) {
		store_signin_succeeded(a->db, name, id, CLIENT_ID);
		return;
	}
	pthread_mutex_lock(&t->lock);
	sc = find_slot(t->client, id, now, 1);
	sc->used = now;
	sc->failures++;
	sc->recent++;
	sc->next_ok = now + delay_after(sc->failures, THROTTLE_CLIENT_FREE);
	pthread_mutex_unlock(&t->lock);
	store_signin_failed(a->db, name, id, CLIENT_ID, now);
}

/* ---- pages ---- */

static void login_page(struct areq *a, int status, const char *problem,
		       const char *name)
{
	struct html *h = a->h;
	const char *next = areq_get(a, "next");

	a->p->rs->status = status;
	buf_reset(&h->b);
	admin_begin(a, "Sign in", NULL);
	html_lit(h, "<div class=\"narrow\"><h1>Sign in</h1>\n");
	if (problem) {
		html_lit(h, "<div class=\"error-summary\" role=\"alert\">"
			 "<h2>Sign-in failed</h2><p>");
		html_text(h, problem);
		html_lit(h, "</p></div>\n");
	} else {
		html_lit(h, "<p class=\"lead\">The committee area is for "
			 "people who run events and read the feedback.</p>\n");
	}
	admin_form_open(a, "/admin/login");
	if (next) {
		html_lit(h, "<input type=\"hidden\" name=\"next\"");
		html_attr(h, "value", next);
		html_lit(h, ">");
	}
	admin_input(a, "name", "Account name", NULL, "text", name, "username",
		    NULL, INPUT_REQUIRED);
	admin_input(a, "password", "Password", NULL, "password", NULL,
		    "current-password", NULL, INPUT_REQUIRED);
	html_lit(h, "<div class=\"buttons\"><button type=\"submit\" "
		 "class=\"button\">Sign in</button></div></form>\n"
		 "<p class=\"hint\">Forgotten your password? Another admin can "
		 "send you a reset link from the Accounts page, or make one on "
		 "the server with <code>sigsurvey user reset NAME</code>.</p>"
		 "</div>\n");
	admin_end(a);
}

/* Where to go after signing in: a checked /admin path, else /admin. */
static const char *after_login(struct areq *a)
{
	const char *next = areq_get(a, "next");

	if (!next || strncmp(next, "/admin", 6) || strstr(next, "//"))
		return "/admin";
	for (const char *s = next; *s; s++)
		if ((unsigned char)*s <= ' ' || (unsigned char)*s >= 0x7f ||
		    *s == '\\' || *s == '"')
			return "/admin";
	return next;
}

int admin_login(struct areq *a)
{
	const char *name, *password;
	unsigned char client[CLIENT_ID];
	struct user u = { 0 };
	long long wait;
	int found, ok = 0;

	if (a->p->rq->method != HTTP_POST) {
		if (a->se.user) {
			admin_redirect(a, "%s", after_login(a));
			return 0;
		}
		session_release(&a->se);
		login_page(a, 200, NULL, NULL);
		return 0;
	}
	name = areq_form(a, "name");
	password = areq_form(a, "password");
	if (!name || !*name || !password || !*password) {
		login_page(a, 422, "Enter your account name and password.",
			   name);
		return 0;
	}
	wait = throttle_begin(a, name, client);
	if (wait < 0) {
		admin_error(a, 500, "Something went wrong",
			    "The database could not be read. Please try again.");
		return 0;
	}
	if (wait) {
		struct buf msg = BUF_INIT;

		buf_addf(&msg, "Too many failed attempts. Wait %lld second%s "
			 "and try again.", wait, plural(wait, "", "s"));
		a->p->rs->retry_after = "60";
		login_page(a, 429, msg.s, name);
		buf_release(&msg);
		return 0;
	}
	found = auth_name_valid(name) ? store_user_get(a->db, name, &u) : 0;
	if (found < 0) {
		admin_error(a, 500, "Something went wrong",
			    "The database could not be read. Please try again.");
		return 0;
	}
	if (found)
		ok = auth_check_password(u.hash, password);
	else
		auth_burn_time(password);
	throttle_end(a, name, client, ok);
	if (!ok) {
		user_release(&u);
		login_page(a, 401, "The account name or password is not "
			   "right. Check both and try again.", name);
		return 0;
	}
	if (a->se.user)                 /* a session this browser had ends */
		store_session_delete(a->db, a->session_hash);
	if (admin_start_session(a, u.name) < 0) {
		user_release(&u);
		admin_error(a, 500, "Something went wrong",
			    "You could not be signed in. Please try again.");
		return 0;
	}
	info("admin: %s signed in", u.name);
	user_release(&u);
	admin_redirect(a, "%s", after_login(a));
	return 0;
}

int admin_logout(struct areq *a)
{
	store_session_delete(a->db, a->session_hash);
	admin_set_cookie(a, NULL);
	session_release(&a->se);
	admin_redirect(a, "/admin/login?signed_out=1");
	return 0;
}

static void setup_page(struct areq *a, int status, const char *token,
		       const struct admin_errors *e, const char *name)
{
	struct html *h = a->h;

	a->p->rs->status = status;
	buf_reset(&h->b);
	admin_begin(a, "Create the first admin account", NULL);
	html_lit(h, "<div class=\"narrow\">");
	admin_error_summary(a, e);
	html_lit(h, "<h1>Create the first admin account</h1>\n"
		 "<p class=\"lead\">This link works once. The account you "
		 "create can add the rest of the committee.</p>\n");
	admin_form_open(a, "/admin/setup");
	html_lit(h, "<input type=\"hidden\" name=\"token\"");
	html_attr(h, "value", token);
	html_lit(h, ">");
	admin_input(a, "name", "Account name",
		    "Letters, digits, dots, dashes, underscores or @.", "text",
		    name, "username", admin_error_for(e, "name"),
		    INPUT_REQUIRED);
	admin_input(a, "password", "Password", "At least 8 characters.",
		    "password", NULL, "new-password",
		    admin_error_for(e, "password"), INPUT_REQUIRED);
	admin_input(a, "password2", "Repeat the password", NULL, "password",
		    NULL, "new-password", admin_error_for(e, "password2"),
		    INPUT_REQUIRED);
	html_lit(h, "<div class=\"buttons\"><button type=\"submit\" "
		 "class=\"button\">Create account and sign in</button></div>"
		 "</form></div>\n");
	admin_end(a);
}

/* A database error: the link may well be good, so never "not valid". */
static void setup_try_again(struct areq *a)
{
	a->p->rs->retry_after = "30";
	admin_error(a, 503, "Sorry, there is a problem",
		    "The database could not be read. Please try the link "
		    "again in a few minutes.");
}

int admin_setup(struct areq *a)
{
	const char *token = areq_get(a, "token");
	const char *name, *pw, *pw2, *problem;
	struct admin_errors e = { 0 };
	char hash[AUTH_HASH_HEX + 1];
	struct user u = { 0 };
	int valid = 0, rc;

	if (token && strlen(token) == AUTH_TOKEN_CHARS) {
		auth_token_hash(token, hash);
		valid = store_setup_valid(a->db, hash);
	}
	if (valid != 1) {
		long users = valid < 0 ? -1 : store_user_count(a->db, NULL);

		if (users < 0)
			setup_try_again(a);
		else if (users > 0)
			admin_error(a, 410, "This setup link has been used",
				    "The first account exists. Sign in with "
				    "it, or ask an admin for an account.");
		else
			admin_error(a, 404, "This setup link is not valid",
				    "Use the link that sigsurvey serve printed "
				    "when it started (restarting it prints a "
				    "new one).");
		return 0;
	}
	if (a->p->rq->method != HTTP_POST) {
		setup_page(a, 200, token, &e, NULL);
		return 0;
	}
	name = areq_form(a, "name");
	pw = areq_form(a, "password");
	pw2 = areq_form(a, "password2");
	if (!name || !auth_name_valid(name))
		admin_error_add(&e, "name", "Enter an account name of 1 to 64 "
				"letters, digits, dots, dashes, underscores or @");
	problem = auth_password_problem(pw);
	if (problem)
		admin_error_add(&e, "password", problem);
	else if (!pw2 || strcmp(pw, pw2))
		admin_error_add(&e, "password2", "The two passwords differ");
	if (e.n) {
		setup_page(a, 422, token, &e, name);
		return 0;
	}
	u.name = (char *)name;
	u.role = (char *)"admin";
	u.created = a->p->now;
	u.hash = auth_hash_password(pw);
	rc = u.hash ? store_setup_use(a->db, hash, &u) : -2;
	free(u.hash);
	if (rc == -1) {
		setup_try_again(a);
		return 0;
	}
	if (rc != 1) {
		admin_error(a, rc < 0 ? 500 : 410, "The account was not created",
			    "The setup link was used meanwhile, or the "
			    "password could not be stored. Sign in, or "
			    "restart the server for a new link.");
		return 0;
	}
	info("admin: first account %s created with the setup link", name);
	if (admin_start_session(a, name) < 0) {
		admin_redirect(a, "/admin/login");
		return 0;
	}
	admin_redirect(a, "/admin");
	return 0;
}
