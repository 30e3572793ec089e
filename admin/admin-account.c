/*
 * admin-account.c - choosing one's own password: /admin/invite, where a
 * one-time link (an invitation or a reset link, core/store/invites.c)
 * lets a colleague set their password and signs them in, and
 * /admin/account, where a signed-in account changes its password with
 * the current one. The links are made by `sigsurvey user invite|reset`
 * and on the Accounts page (admin_invite_link()).
 */
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "crypto.h"
#include "util.h"

int admin_invite_link(struct areq *a, const char *name, const char *role,
		      struct buf *out)
{
	char token[AUTH_TOKEN_CHARS + 1], hash[AUTH_HASH_HEX + 1];
	int ret;

	auth_token_new(token);
	auth_token_hash(token, hash);
	ret = store_invite_put(a->db, hash, name, role, a->p->now,
			       a->p->now + AUTH_INVITE_SECONDS);
	if (ret == 0) {
		admin_public_base(a, out);
		buf_addf(out, "/admin/invite?token=%s", token);
	}
	sec_wipe(token, sizeof(token));
	return ret;
}

/*
 * The new password and its repeat from the form, checked as for the
 * first account (auth_password_problem()); problems go to e.
 */
static const char *new_password(struct areq *a, struct admin_errors *e)
{
	const char *pw = areq_form(a, "password");
	const char *pw2 = areq_form(a, "password2");
	const char *problem = auth_password_problem(pw);

	if (problem)
		admin_error_add(e, "password", problem);
	else if (!pw2 || strcmp(pw, pw2))
		admin_error_add(e, "password2", "The two passwords differ");
	return e->n ? NULL : pw;
}

static void new_password_inputs(struct areq *a, const struct admin_errors *e)
{
	admin_input(a, "password", "New password", "At least 8 characters.",
		    "password", NULL, "new-password",
		    admin_error_for(e, "password"), INPUT_REQUIRED);
	admin_input(a, "password2", "Repeat the new password", NULL,
		    "password", NULL, "new-password",
		    admin_error_for(e, "password2"), INPUT_REQUIRED);
}

static void invite_page(struct areq *a, int status, const char *token,
			const struct invite *iv, const struct admin_errors *e)
{
	struct html *h = a->h;

	a->p->rs->status = status;
	buf_reset(&h->b);
	admin_begin(a, iv->reset ? "Choose a new password"
				 : "Choose your password", NULL);
	html_lit(h, "<div class=\"narrow\">");
	admin_error_summary(a, e);
	html_lit(h, "<h1>");
	html_text(h, iv->reset ? "Choose a new password"
			       : "Welcome to the committee area");
	html_lit(h, "</h1>\n<p class=\"lead\">");
	html_textf(h, "Your account name is %s (%s). ", iv->name, iv->role);
	html_text(h, iv->reset ? "Choose a new password: you will be signed "
				 "out everywhere else. This link works once."
			       : "Choose your password; this link works "
				 "once.");
	html_lit(h, "</p>\n");
	admin_form_open(a, "/admin/invite");
	html_lit(h, "<input type=\"hidden\" name=\"token\"");
	html_attr(h, "value", token);
	html_lit(h, "><input type=\"hidden\" name=\"name\" "
		 "autocomplete=\"username\"");
	html_attr(h, "value", iv->name);
	html_lit(h, ">");
	new_password_inputs(a, e);
	html_lit(h, "<div class=\"buttons\"><button type=\"submit\" "
		 "class=\"button\">Set password and sign in</button></div>"
		 "</form></div>\n");
	admin_end(a);
}

static void link_gone(struct areq *a)
{
	admin_error(a, 410, "This link does not work any more",
		    "It has been used, it has expired (links last 7 days), "
		    "or a newer link replaced it. Ask an admin for a new "
		    "one.");
}

static void try_again(struct areq *a)
{
	a->p->rs->retry_after = "30";
	admin_error(a, 503, "Sorry, there is a problem",
		    "The database could not be used. Please try the link "
		    "again in a few minutes.");
}

/* POST /admin/invite with a valid link iv: the password set, signed in. */
static void invite_use(struct areq *a, const char *token, const char *hash,
		       const struct invite *iv)
{
	struct admin_errors e = { 0 };
	const char *pw = new_password(a, &e);
	struct invite used = { 0 };
	char *pw_hash;
	int rc;

	if (!pw) {
		invite_page(a, 422, token, iv, &e);
		return;
	}
	pw_hash = auth_hash_password(pw);
	rc = pw_hash ? store_invite_use(a->db, hash, a->p->now, pw_hash, &used)
		     : -1;
	free(pw_hash);
	if (rc == 0) {
		link_gone(a);
	} else if (rc < 0) {
		try_again(a);
	} else {
		info("admin: %s %s with a one-time link", used.name,
		     used.reset ? "set a new password" : "joined");
		if (admin_start_session(a, used.name) < 0)
			admin_redirect(a, "/admin/login");
		else
			admin_redirect(a, "/admin");
	}
	invite_release(&used);
}

int admin_invite(struct areq *a)
{
	const char *token = areq_get(a, "token");
	char hash[AUTH_HASH_HEX + 1];
	struct invite iv = { 0 };
	int found = 0;

	if (token && strlen(token) == AUTH_TOKEN_CHARS) {
		auth_token_hash(token, hash);
		found = store_invite_get(a->db, hash, a->p->now, &iv);
	}
	if (found < 0)
		try_again(a);
	else if (!found)
		link_gone(a);
	else if (!a->post)
		invite_page(a, 200, token, &iv, NULL);
	else
		invite_use(a, token, hash, &iv);
	invite_release(&iv);
	return 0;
}

static void account_page(struct areq *a, int status,
			 const struct admin_errors *e)
{
	struct html *h = a->h;
	const char *done = areq_valid(a, "done");

	a->p->rs->status = status;
	buf_reset(&h->b);
	admin_begin(a, "Your account", "account");
	html_lit(h, "<div class=\"narrow\">");
	admin_error_summary(a, e);
	if (done && !strcmp(done, "passwd"))
		html_lit(h, "<div class=\"notice\" role=\"status\"><p>Your "
			 "password was changed; your other sessions were "
			 "signed out.</p></div>\n");
	html_lit(h, "<h1>Your account</h1>\n<p class=\"lead\">");
	html_textf(h, "You are signed in as %s (%s).", a->se.user,
		   a->se.role);
	html_lit(h, "</p>\n<h2>Change your password</h2>");
	admin_form_open(a, "/admin/account");
	html_lit(h, "<input type=\"hidden\" name=\"name\" "
		 "autocomplete=\"username\"");
	html_attr(h, "value", a->se.user);
	html_lit(h, ">");
	admin_input(a, "current", "Current password", NULL, "password", NULL,
		    "current-password", admin_error_for(e, "current"),
		    INPUT_REQUIRED);
	new_password_inputs(a, e);
	html_lit(h, "<div class=\"buttons\"><button type=\"submit\" "
		 "class=\"button\">Change password</button></div></form>"
		 "</div>\n");
	admin_end(a);
}

/* POST /admin/account: the current password, then the new one. */
static void account_change(struct areq *a)
{
	struct admin_errors e = { 0 };
	const char *current = areq_form(a, "current");
	const char *pw = new_password(a, &e);
	struct user u = { 0 };
	char *hash = NULL;
	int found = store_user_get(a->db, a->se.user, &u);

	if (found < 0) {
		try_again(a);
		goto out;
	}
	if (found != 1 || !current ||
	    !auth_check_password(u.hash, current))
		admin_error_add(&e, "current", "The current password is not "
				"right");
	if (e.n) {
		account_page(a, 422, &e);
		goto out;
	}
	hash = auth_hash_password(pw);
	if (!hash || store_user_update(a->db, u.name, NULL, hash) < 0) {
		admin_error(a, 500, "The password was not changed",
			    "The database refused the change. Please try "
			    "again.");
		goto out;
	}
	info("admin: %s changed their password", u.name);
	if (admin_start_session(a, u.name) < 0)  /* the old one ended */
		admin_redirect(a, "/admin/login");
	else
		admin_redirect(a, "/admin/account?done=passwd");
out:
	free(hash);
	user_release(&u);
}

int admin_account(struct areq *a)
{
	if (a->post)
		account_change(a);
	else
		account_page(a, 200, NULL);
	return 0;
}
