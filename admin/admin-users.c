/*
 * admin-users.c - /admin/users, for admins only: the accounts, inviting
 * a colleague or making a password reset link (one-time links, shown
 * once: admin-account.c takes them), adding one with a password,
 * changing a role, setting a new password and removing an account.
 * The last admin can be neither removed nor made a viewer, and nobody
 * removes their own account here.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin.h"
#include "date.h"

static const char *const roles[] = { "viewer", "admin" };
static const char *const role_labels[] = {
	"Viewer (sees and downloads)", "Admin (also changes things)",
};

static const char *done_text(const char *done)
{
	static const char *const v[][2] = {
		{ "added", "The account was added." },
		{ "role", "The role was changed." },
		{ "passwd", "The password was changed; that account was signed "
			    "out everywhere." },
		{ "removed", "The account was removed." },
	};

	for (size_t i = 0; done && i < ARRAY_SIZE(v); i++)
		if (!strcmp(done, v[i][0]))
			return v[i][1];
	return NULL;
}

static void role_button(struct areq *a, const struct user *u)
{
	struct html *h = a->h;
	int admin = !strcmp(u->role, "admin");

	admin_form_open(a, "/admin/users");
	html_lit(h, "<input type=\"hidden\" name=\"action\" "
		 "value=\"role\"><input type=\"hidden\" name=\"name\"");
	html_attr(h, "value", u->name);
	html_lit(h, "><input type=\"hidden\" name=\"role\"");
	html_attr(h, "value", admin ? "viewer" : "admin");
	html_lit(h, "><button type=\"submit\" class=\"link-button\">");
	html_textf(h, "Make %s %s", u->name, admin ? "a viewer" : "an admin");
	html_lit(h, "</button></form>");
}

/* One account's row with the changes offered for it. */
static void user_row(struct areq *a, const struct user *u, long admins)
{
	struct html *h = a->h;
	char day[DATE_YMD_SIZE];
	int other = strcmp(u->name, a->se.user) != 0;
	int sole = !strcmp(u->role, "admin") && admins == 1;

	date_utc_day(u->created, day);
	html_lit(h, "<tr><th scope=\"row\">");
	html_text(h, u->name);
	html_lit(h, "</th><td>");
	html_text(h, u->role);
	html_lit(h, "</td><td>");
	html_text(h, day);
	html_lit(h, "</td><td><div class=\"row-actions\">");
	if (sole)
		html_lit(h, "<span class=\"meta\">The only admin</span>");
	else
		role_button(a, u);
	if (other && !sole) {
		admin_form_open(a, "/admin/users");
		html_lit(h, "<input type=\"hidden\" name=\"action\" "
			 "value=\"remove\"><input type=\"hidden\" name=\"name\"");
		html_attr(h, "value", u->name);
		html_lit(h, "><button type=\"submit\" "
			 "class=\"link-button danger-link\">");
		html_textf(h, "Remove %s", u->name);
		html_lit(h, "</button></form>");
	}
	html_lit(h, "</div></td></tr>\n");
}

/* A one-time link just made: shown once, above the accounts. */
struct made_link {
	const char *name;
	const char *url;
	int reset;
};

static void made_link_notice(struct areq *a, const struct made_link *m)
{
	struct html *h = a->h;

	html_lit(h, "<div class=\"notice\" role=\"status\"><p>");
	html_textf(h, m->reset ? "Send this link to %s: it sets a new "
			"password for the account and signs it out "
			"everywhere. It works once, for 7 days."
		   : "Send this link to %s: they choose their own password "
		     "and are signed in. It works once, for 7 days.",
		   m->name);
	html_lit(h, "</p><p><code class=\"invite-link\">");
	html_text(h, m->url);
	html_lit(h, "</code></p><p class=\"hint\">It is shown only now; a "
		 "new link for the same name replaces this one.</p></div>\n");
}

/* The panels to invite a colleague and to make a reset link. */
static void link_forms(struct areq *a, const char *const *nv, size_t k,
		       const struct admin_errors *err)
{
	struct html *h = a->h;

	html_lit(h, "<div class=\"event-grid\"><section class=\"panel\" "
		 "aria-labelledby=\"inv-h\"><h2 id=\"inv-h\">Invite a "
		 "colleague</h2><p class=\"hint\">You get a one-time link "
		 "to send them; they choose their own password.</p>");
	admin_form_open(a, "/admin/users");
	html_lit(h, "<input type=\"hidden\" name=\"action\" "
		 "value=\"invite\">");
	admin_input(a, "invite-name", "Account name",
		    "Letters, digits, dots, dashes, underscores or @.", "text",
		    err ? areq_form(a, "invite-name") : NULL, "off",
		    err ? admin_error_for(err, "invite-name") : NULL,
		    INPUT_REQUIRED);
	admin_select(a, "invite-role", "Role", roles, role_labels, 2,
		     err && areq_valid(a, "invite-role")
			     ? areq_valid(a, "invite-role") : "viewer", NULL);
	html_lit(h, "<div class=\"buttons\"><button type=\"submit\" "
		 "class=\"button\">Make an invitation link</button></div>"
		 "</form></section>\n<section class=\"panel\" "
		 "aria-labelledby=\"reset-h\"><h2 id=\"reset-h\">Forgotten "
		 "password</h2><p class=\"hint\">A one-time link with which "
		 "they choose a new password.</p>");
	admin_form_open(a, "/admin/users");
	html_lit(h, "<input type=\"hidden\" name=\"action\" "
		 "value=\"reset\">");
	admin_select(a, "reset-name", "Account", nv, nv, k, NULL, NULL);
	html_lit(h, "<div class=\"buttons\"><button type=\"submit\" "
		 "class=\"button button-secondary\">Make a reset link"
		 "</button></div></form></section></div>\n");
}

/* The panels to add an account and to set a password (n accounts v). */
static void user_forms(struct areq *a, const struct user *v, size_t n,
		       const struct admin_errors *err)
{
	struct html *h = a->h;
	const char *nv[64];
	size_t k = 0;

	for (size_t i = 0; i < n && k < ARRAY_SIZE(nv); i++)
		nv[k++] = v[i].name;
	link_forms(a, nv, k, err);
	html_lit(h, "<div class=\"event-grid\"><section class=\"panel\" "
		 "aria-labelledby=\"add-h\"><h2 id=\"add-h\">Add an account "
		 "with a password</h2>");
	admin_form_open(a, "/admin/users");
	html_lit(h, "<input type=\"hidden\" name=\"action\" value=\"add\">");
	admin_input(a, "name", "Account name",
		    "Letters, digits, dots, dashes, underscores or @.", "text",
		    err ? areq_form(a, "name") : NULL, "off",
		    err ? admin_error_for(err, "name") : NULL, INPUT_REQUIRED);
	admin_select(a, "role", "Role", roles, role_labels, 2,
		     err && areq_valid(a, "role") ? areq_valid(a, "role")
						  : "viewer", NULL);
	admin_input(a, "password", "Password", "At least 8 characters. Tell "
		    "it to them in person or by phone.", "password", NULL,
		    "new-password", err ? admin_error_for(err, "password")
					: NULL, INPUT_REQUIRED);
	html_lit(h, "<div class=\"buttons\"><button type=\"submit\" "
		 "class=\"button\">Add account</button></div></form>"
		 "</section>\n<section class=\"panel\" aria-labelledby=\"pw-h\">"
		 "<h2 id=\"pw-h\">Set a new password</h2>");
	admin_form_open(a, "/admin/users");
	html_lit(h, "<input type=\"hidden\" name=\"action\" value=\"passwd\">");
	admin_select(a, "pw-name", "Account", nv, nv, k,
		     err ? areq_form(a, "pw-name") : NULL, NULL);
	admin_input(a, "new-password", "New password",
		    "At least 8 characters. Signs that account out.",
		    "password", NULL, "new-password",
		    err ? admin_error_for(err, "new-password") : NULL,
		    INPUT_REQUIRED);
	html_lit(h, "<div class=\"buttons\"><button type=\"submit\" "
		 "class=\"button button-secondary\">Set password</button>"
		 "</div></form></section></div>\n");
}

static void users_page(struct areq *a, int status,
		       const struct admin_errors *err,
		       const struct made_link *made)
{
	struct html *h = a->h;
	struct user *v = NULL;
	size_t n = 0;
	const char *done = done_text(areq_valid(a, "done"));
	long admins = store_user_count(a->db, "admin");

	if (store_user_list(a->db, &v, &n) < 0) {
		admin_error(a, 500, "Something went wrong",
			    "The accounts could not be read.");
		return;
	}
	a->p->rs->status = status;
	buf_reset(&h->b);
	admin_begin(a, "Accounts", "users");
	if (err)
		admin_error_summary(a, err);
	if (made)
		made_link_notice(a, made);
	if (done) {
		html_lit(h, "<div class=\"notice\" role=\"status\"><p>");
		html_text(h, done);
		html_lit(h, "</p></div>\n");
	}
	html_lit(h, "<h1>Accounts</h1>\n<div class=\"table-wrap\"><table "
		 "class=\"data\"><caption class=\"visually-hidden\">Committee "
		 "accounts</caption><thead><tr><th scope=\"col\">Name</th>"
		 "<th scope=\"col\">Role</th><th scope=\"col\">Added</th>"
		 "<th scope=\"col\">Change</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < n; i++)
		user_row(a, &v[i], admins);
	html_lit(h, "</tbody></table></div>\n");
	user_forms(a, v, n, err);
	admin_end(a);
	users_free(v, n);
}

/* 1 when name is the only admin. */
static int last_admin(struct areq *a, const char *name)
{
	struct user u;
	int found = store_user_get(a->db, name, &u), ret = 0;

	if (found == 1 && !strcmp(u.role, "admin"))
		ret = store_user_count(a->db, "admin") <= 1;
	user_release(&u);
	return ret;
}

/* 1 when the account name exists; else 0 after answering 404. */
static int known(struct areq *a, const char *name)
{
	struct user u = { 0 };
	int found = name ? store_user_get(a->db, name, &u) : 0;

	user_release(&u);
	if (found != 1)
		admin_error(a, 404, "No such account",
			    "The account does not exist (any more). Nothing "
			    "was changed.");
	return found == 1;
}

/*
 * Each action returns what the store said (0 or -1), or 1 after
 * answering itself (a refusal, or the page again with errors).
 */
static int add_user(struct areq *a, const char *name)
{
	const char *role = areq_valid(a, "role");
	const char *pw = areq_form(a, "password");
	const char *problem = auth_password_problem(pw);
	struct admin_errors err = { 0 };
	struct user u = { 0 };
	int rc;

	if (!name || !auth_name_valid(name))
		admin_error_add(&err, "name", "Enter an account name of 1 to "
				"64 letters, digits, dots, dashes, underscores "
				"or @");
	else if (store_user_get(a->db, name, &u) == 1)
		admin_error_add(&err, "name", "There is an account with this "
				"name already");
	user_release(&u);
	if (problem)
		admin_error_add(&err, "password", problem);
	if (err.n) {
		users_page(a, 422, &err, NULL);
		return 1;
	}
	u.name = (char *)name;
	u.role = (char *)(role ? role : "viewer");
	u.created = a->p->now;
	u.hash = auth_hash_password(pw);
	rc = u.hash ? store_user_add(a->db, &u) : -1;
	free(u.hash);
	return rc;
}

static int set_password(struct areq *a, const char *name)
{
	const char *pw = areq_form(a, "new-password");
	const char *problem = auth_password_problem(pw);
	struct admin_errors err = { 0 };
	char *hash;
	int rc;

	if (problem) {
		admin_error_add(&err, "new-password", problem);
		users_page(a, 422, &err, NULL);
		return 1;
	}
	hash = auth_hash_password(pw);
	rc = hash ? store_user_update(a->db, name, NULL, hash) : -1;
	free(hash);
	return rc;
}

/*
 * Makes and shows a one-time link for name: an invitation with the
 * form's role, or (reset) a reset link for the existing account.
 */
static int make_link(struct areq *a, const char *name, int reset)
{
	const char *role = reset ? NULL : areq_valid(a, "invite-role");
	struct admin_errors err = { 0 };
	struct buf url = BUF_INIT;
	struct made_link made = { name, NULL, reset };
	struct user u = { 0 };

	if (!reset && (!name || !auth_name_valid(name)))
		admin_error_add(&err, "invite-name", "Enter an account name "
				"of 1 to 64 letters, digits, dots, dashes, "
				"underscores or @");
	else if (!reset && store_user_get(a->db, name, &u) == 1)
		admin_error_add(&err, "invite-name", "There is an account "
				"with this name already");
	user_release(&u);
	if (err.n) {
		users_page(a, 422, &err, NULL);
		return 1;
	}
	if (admin_invite_link(a, name, reset ? NULL : role ? role : "viewer",
			      &url) < 0) {
		buf_release(&url);
		return -1;
	}
	info("admin: %s: users %s %s", a->se.user, reset ? "reset" : "invite",
	     name);
	made.url = url.s;
	users_page(a, 200, NULL, &made);
	buf_release(&url);
	return 1;
}

static int set_role(struct areq *a, const char *name)
{
	const char *role = areq_valid(a, "role");

	if (!role) {
		admin_error(a, 400, "Unknown role", "Nothing changed.");
		return 1;
	}
	if (!strcmp(role, "viewer") && last_admin(a, name)) {
		admin_error(a, 409, "The last admin stays an admin",
			    "Make someone else an admin first.");
		return 1;
	}
	return store_user_update(a->db, name, role, NULL);
}

static int remove_user(struct areq *a, const char *name)
{
	if (!strcmp(name, a->se.user)) {
		admin_error(a, 409, "You cannot remove your own account",
			    "Ask another admin to remove it.");
		return 1;
	}
	if (last_admin(a, name)) {
		admin_error(a, 409, "The last admin cannot be removed",
			    "Make someone else an admin first.");
		return 1;
	}
	return store_user_remove(a->db, name);
}

static void change(struct areq *a)
{
	const char *action = areq_valid(a, "action");
	const char *name = areq_form(a, "name");
	int rc;

	if (action && !strcmp(action, "passwd"))
		name = areq_form(a, "pw-name");
	else if (action && !strcmp(action, "reset"))
		name = areq_form(a, "reset-name");
	else if (action && !strcmp(action, "invite"))
		name = areq_form(a, "invite-name");
	if (!action || (strcmp(action, "add") && strcmp(action, "passwd") &&
			strcmp(action, "role") && strcmp(action, "remove") &&
			strcmp(action, "invite") && strcmp(action, "reset"))) {
		admin_error(a, 400, "Unknown action", "Nothing was changed.");
		return;
	}
	if (strcmp(action, "add") && strcmp(action, "invite") &&
	    !known(a, name))
		return;
	rc = !strcmp(action, "invite")   ? make_link(a, name, 0)
	     : !strcmp(action, "reset")  ? make_link(a, name, 1)
	     : !strcmp(action, "add")    ? add_user(a, name)
	     : !strcmp(action, "passwd") ? set_password(a, name)
	     : !strcmp(action, "role")   ? set_role(a, name)
					 : remove_user(a, name);
	if (rc == 1)
		return;
	if (rc < 0) {
		admin_error(a, 500, "Nothing was changed",
			    "The account does not exist, or the database "
			    "refused the change.");
		return;
	}
	info("admin: %s: users %s %s", a->se.user, action, name ? name : "");
	admin_redirect(a, "/admin/users?done=%s", action);
}

int admin_users(struct areq *a)
{
	if (a->post)
		change(a);
	else
		users_page(a, 200, NULL, NULL);
	return 0;
}
