/*
 * cmd-user.c - `sigsurvey user add|passwd|remove|list|invite|reset|unlock`:
 * the committee's accounts for the admin area, and clearing an account's
 * sign-in delays. Passwords are read from the terminal without echo, or
 * as one line from standard input when it is not one; invite and reset
 * print a one-time link instead, with which the colleague chooses their
 * own.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "cli.h"
#include "date.h"
#include "crypto.h"
#include "util.h"

static const char usage_text[] =
	"usage: sigsurvey user invite NAME [--role admin|viewer] [--base-url URL]\n"
	"       sigsurvey user reset NAME [--base-url URL]\n"
	"       sigsurvey user add NAME [--role admin|viewer]\n"
	"       sigsurvey user passwd NAME\n"
	"       sigsurvey user remove NAME\n"
	"       sigsurvey user list\n"
	"       sigsurvey user unlock NAME\n\n"
	"Committee accounts for the admin area (/admin). An admin changes\n"
	"events, responses and accounts; a viewer (the default role) can see\n"
	"and download.\n\n"
	"invite prints a one-time link, BASE/admin/invite?token=..., valid for\n"
	"7 days: the colleague opens it, chooses their own password and is\n"
	"signed in; then it stops working. reset prints the same kind of link\n"
	"for an existing account: it sets a new password and signs that\n"
	"account out everywhere. BASE is --base-url, the server's public\n"
	"address (default http://127.0.0.1:8080). A newer link for a name\n"
	"replaces the older one.\n\n"
	"add and passwd ask for the password on the terminal, or read it as\n"
	"one line from standard input when that is not a terminal. Passwords\n"
	"have at least 8 characters and are stored as argon2id hashes.\n"
	"unlock forgets NAME's failed sign-ins, so that no client waits\n"
	"any longer before its password is checked (the server need not\n"
	"restart).\n";

/* Reads one line (without its end) from fd into b; -1 at EOF or error. */
static int read_line_fd(int fd, struct buf *b)
{
	char c;
	int any = 0;

	buf_reset(b);
	for (;;) {
		ssize_t n = read(fd, &c, 1);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return any ? 0 : -1;
		any = 1;
		if (c == '\n')
			break;
		if (b->len > AUTH_PASSWORD_MAX + 1)
			continue;               /* too long: reported later */
		buf_addc(b, c);
	}
	if (b->len && b->s[b->len - 1] == '\r')
		buf_setlen(b, b->len - 1);
	return 0;
}

/* Asks on the terminal fd without echo. */
static int ask_tty(int fd, const char *prompt, struct buf *b)
{
	struct termios old, quiet;
	int ret;

	if (tcgetattr(fd, &old) < 0)
		return error("cannot read the terminal: %s", strerror(errno));
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	quiet.c_lflag |= ECHONL;
	if (write(fd, prompt, strlen(prompt)) < 0 ||
	    tcsetattr(fd, TCSAFLUSH, &quiet) < 0)
		return error("cannot use the terminal: %s", strerror(errno));
	ret = read_line_fd(fd, b);
	tcsetattr(fd, TCSAFLUSH, &old);
	return ret;
}

/*
 * The new password for name, in b: twice on the terminal, or one line of
 * stdin. Returns 0, or -1 with the problem printed.
 */
static int read_password(const char *name, struct buf *b)
{
	struct buf again = BUF_INIT, prompt = BUF_INIT;
	const char *problem;
	int ret = -1;

	if (isatty(0)) {
		buf_addf(&prompt, "New password for %s: ", name);
		if (ask_tty(0, prompt.s, b) < 0 ||
		    ask_tty(0, "Repeat the password: ", &again) < 0)
			goto out;
		if (strcmp(b->s, again.s)) {
			error("the passwords differ");
			goto out;
		}
	} else if (read_line_fd(0, b) < 0) {
		error("no password on standard input");
		goto out;
	}
	problem = auth_password_problem(b->s);
	if (problem) {
		error("%s", problem);
		goto out;
	}
	ret = 0;
out:
	if (again.cap)
		sec_wipe(again.s, again.len);
	buf_release(&again);
	buf_release(&prompt);
	return ret;
}

static void wipe(struct buf *b)
{
	if (b->cap)
		sec_wipe(b->s, b->len);
	buf_release(b);
}

static int user_add(struct store *s, const char *name, const char *role)
{
	struct buf pw = BUF_INIT;
	struct user u = { 0 };
	int ret = 1;

	if (read_password(name, &pw) < 0)
		goto out;
	u.name = (char *)name;
	u.role = (char *)role;
	u.created = (long long)time(NULL);
	u.hash = auth_hash_password(pw.s);
	if (!u.hash || store_user_add(s, &u) < 0)
		goto out;
	printf("added %s %s\n", role, name);
	ret = 0;
out:
	free(u.hash);
	wipe(&pw);
	return ret;
}

static int user_passwd(struct store *s, const char *name)
{
	struct buf pw = BUF_INIT;
	struct user u;
	char *hash = NULL;
	int ret = 1, found = store_user_get(s, name, &u);

	user_release(&u);
	if (found < 0)
		return 1;
	if (!found) {
		error("no user %s", name);
		return 1;
	}
	if (read_password(name, &pw) < 0)
		goto out;
	hash = auth_hash_password(pw.s);
	if (!hash || store_user_update(s, name, NULL, hash) < 0)
		goto out;
	printf("changed the password of %s (signed out everywhere)\n", name);
	ret = 0;
out:
	free(hash);
	wipe(&pw);
	return ret;
}

static int user_remove(struct store *s, const char *name)
{
	struct user u;
	int found = store_user_get(s, name, &u);
	int last_admin = 0;

	if (found == 1 && !strcmp(u.role, "admin"))
		last_admin = store_user_count(s, "admin") == 1;
	user_release(&u);
	if (found < 0)
		return 1;
	if (!found) {
		error("no user %s", name);
		return 1;
	}
	if (store_user_remove(s, name) < 0)
		return 1;
	printf("removed %s\n", name);
	if (last_admin)
		warning("no admin account is left; add one with "
			"'sigsurvey user add NAME --role admin'");
	return 0;
}

/*
 * Prints a one-time link for name under base: an invitation with role,
 * or (role NULL) a reset link for the existing account.
 */
static int user_link(struct store *s, const char *name, const char *role,
		     const char *base)
{
	char token[AUTH_TOKEN_CHARS + 1], hash[AUTH_HASH_HEX + 1];
	char until[DATE_YMD_SIZE];
	long long now = (long long)time(NULL);
	size_t len = strlen(base);

	auth_token_new(token);
	auth_token_hash(token, hash);
	if (store_invite_put(s, hash, name, role, now,
			     now + AUTH_INVITE_SECONDS) < 0)
		return 1;
	while (len && base[len - 1] == '/')
		len--;
	date_utc_day(now + AUTH_INVITE_SECONDS, until);
	if (role)
		printf("Send this link to %s; it makes their account (%s) "
		       "with a password they choose, once, until %s UTC:\n",
		       name, role, until);
	else
		printf("Send this link to %s; it sets a new password for the "
		       "account, once, until %s UTC:\n", name, until);
	printf("%.*s/admin/invite?token=%s\n", (int)len, base, token);
	sec_wipe(token, sizeof(token));
	return 0;
}

static int user_list(struct store *s)
{
	struct user *v = NULL;
	size_t n = 0;

	if (store_user_list(s, &v, &n) < 0)
		return 1;
	for (size_t i = 0; i < n; i++) {
		char day[DATE_YMD_SIZE];

		date_utc_day(v[i].created, day);
		printf("%s\t%s\t%s\n", v[i].name, v[i].role, day);
	}
	users_free(v, n);
	return 0;
}

/* ---- user unlock ---- */

static int user_unlock(struct store *s, const char *name)
{
	struct user u;
	int found = store_user_get(s, name, &u);
	long n;

	user_release(&u);
	if (found < 0)
		return 1;
	if (!found) {
		error("no user %s", name);
		return 1;
	}
	n = store_signin_unlock(s, name);
	if (n < 0)
		return 1;
	printf("unlocked %s (%ld client%s had failed)\n", name, n,
	       plural(n, "", "s"));
	return 0;
}

int cmd_user(struct cli *cli, int argc, char **argv)
{
	static const struct cli_option opts[] = {
		{ "--role", 1, 0 }, { "--base-url", 1, 1 }, { NULL, 0, 0 },
	};
	static const struct cli_option add_opts[] = {
		{ "--role", 1, 0 }, { NULL, 0, 0 },
	};
	static const struct cli_option *const none = opts + 2;
	struct cli_opts p;
	struct store *s = NULL;
	const char *sub, *name = NULL, *role = "viewer";
	const char *base = "http://127.0.0.1:8080";
	int ret, id;

	if (argc < 2)
		return cli_usage_error("user", usage_text, "which action?");
	sub = argv[1];
	if (!strcmp(sub, "--help") || !strcmp(sub, "-h")) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (strcmp(sub, "add") && strcmp(sub, "passwd") &&
	    strcmp(sub, "remove") && strcmp(sub, "list") &&
	    strcmp(sub, "invite") && strcmp(sub, "reset") &&
	    strcmp(sub, "unlock"))
		return cli_usage_error("user", usage_text,
				       "unknown action '%s'", sub);
	cli_opts_init(&p, "user", usage_text,
		      !strcmp(sub, "invite") ? opts
		      : !strcmp(sub, "add") ? add_opts
		      : !strcmp(sub, "reset") ? opts + 1 : none,
		      argc - 1, argv + 1);
	p.max_operands = strcmp(sub, "list") ? 1 : 0;
	while ((id = cli_opts_next(&p)) >= 0)
		*(id ? &base : &role) = p.value;
	if (id != CLI_OPT_END)
		return cli_opts_exit(id);
	if (p.nops)
		name = argv[2];
	if (strcmp(sub, "list") && !name)
		return cli_usage_error("user", usage_text, "%s needs a NAME",
				       sub);
	if (strcmp(role, "admin") && strcmp(role, "viewer"))
		return cli_usage_error("user", usage_text,
				       "--role is admin or viewer, not '%s'",
				       role);
	if (name && !auth_name_valid(name))
		return cli_usage_error("user", usage_text,
				       "a NAME is 1 to 64 letters, digits and"
				       " . - _ @");
	/* only add and invite make a database where there was none */
	if (auth_init() < 0 ||
	    cli_open_store(cli, &s, !strcmp(sub, "add") ||
				    !strcmp(sub, "invite") ? CLI_DB_CREATE : 0) < 0)
		return 1;
	if (!strcmp(sub, "add"))
		ret = user_add(s, name, role);
	else if (!strcmp(sub, "passwd"))
		ret = user_passwd(s, name);
	else if (!strcmp(sub, "remove"))
		ret = user_remove(s, name);
	else if (!strcmp(sub, "invite") || !strcmp(sub, "reset"))
		ret = user_link(s, name, strcmp(sub, "reset") ? role : NULL,
				base);
	else if (!strcmp(sub, "unlock"))
		ret = user_unlock(s, name);
	else
		ret = user_list(s);
	store_close(s);
	return ret;
}
