/*
 * cmd-serve.c - `sigsurvey serve`: loads the forms, opens the database,
 * starts the collector with the committee area mounted under /admin,
 * reloads the forms on SIGHUP and stops both cleanly on SIGINT or
 * SIGTERM.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "admin.h"
#include "collector.h"
#include "http.h"
#include "store-commit.h"
#include "util.h"

static const char usage_text[] =
	"usage: sigsurvey serve [--listen ADDR:PORT] [--port-file FILE]\n"
	"                       [--min-fill-seconds N] [--rate-limit N]\n"
	"                       [--max-body BYTES] [--max-connections N]\n"
	"                       [--base-url URL] [--log-ip] [--secure-cookies]\n"
	"                       [--report-timeout N] [--threads N]\n"
	"                       [--trusted-proxy ADDR] [--close-grace MINUTES]\n"
	"\n"
	"Serves the forms to respondents and stores their answers.\n"
	"\n"
	"  --listen ADDR:PORT     address to listen on (default 127.0.0.1:8080;\n"
	"                         port 0 picks a free port)\n"
	"  --port-file FILE       write the port to FILE once listening\n"
	"  --min-fill-seconds N   a form sent sooner after its page was served\n"
	"                         is shown back for one confirming click\n"
	"                         (default 3; 0 off)\n"
	"  --rate-limit N         form pages a minute per client, form and event,\n"
	"                         plus 2 per attendee of the event; and invalid\n"
	"                         or repeated sends a minute per client\n"
	"                         (default 60; 0 off)\n"
	"  --max-body BYTES       largest request body; each form takes what its\n"
	"                         questions allow, up to this (default 1048576)\n"
	"  --max-connections N    open connections at most (default 1024); past\n"
	"                         3/4 of it each new connection closes the one\n"
	"                         that has waited longest for a whole request,\n"
	"                         and past 15/16 requests get a 503 page\n"
	"  --base-url URL         public address behind a reverse proxy, e.g.\n"
	"                         https://example.org/feedback\n"
	"  --log-ip               put client addresses in the access log\n"
	"  --secure-cookies       send the admin session cookie over HTTPS only\n"
	"                         (implied by an https:// --base-url)\n"
	"  --report-timeout N     seconds a report or export downloaded from the\n"
	"                         admin area may take (default 120)\n"
	"  --threads N            HTTP worker threads (default 2)\n"
	"  --trusted-proxy ADDR   the reverse proxy in front: from that peer\n"
	"                         only, the client address is the last one in\n"
	"                         X-Forwarded-For\n"
	"  --close-grace MINUTES  a page served while its event was open may\n"
	"                         still be sent this long after it closes\n"
	"                         (default 30)\n"
	"\n"
	"When no committee account exists yet, a one-time link to create the\n"
	"first admin (/admin/setup?token=...) is printed at start; otherwise\n"
	"the committee area's address (/admin/).\n"
	"\n"
	"SIGHUP reloads the forms directory: when every file is sound the new\n"
	"forms are served at once (pages already open can still be sent);\n"
	"otherwise the problems are logged and the old forms stay.\n";

/*
 * Writes port to path through path.tmp, renamed into place. Returns 0,
 * or -1 (logged) with the file closed and path.tmp removed.
 */
static int write_port_file(const char *path, int port)
{
	struct buf tmp = BUF_INIT;
	FILE *f;
	int ret = -1, err;

	buf_addf(&tmp, "%s.tmp", path);
	f = fopen(tmp.s, "w");
	if (!f) {
		err = errno;
		goto out;
	}
	if (fchmod(fileno(f), 0600) < 0)        /* whatever the umask */
		warning("cannot set the mode of %s: %s", tmp.s, strerror(errno));
	if (fprintf(f, "%d\n", port) < 0) {
		err = errno;
		fclose(f);
		goto fail;
	}
	if (fclose(f) != 0 || rename(tmp.s, path) < 0) {
		err = errno;
		goto fail;
	}
	ret = 0;
	goto out;
fail:
	unlink(tmp.s);
out:
	if (ret < 0)
		error("cannot write %s: %s", path, strerror(err));
	buf_release(&tmp);
	return ret;
}

/* 1 when listen address spec is a wildcard: every interface. */
static int wildcard(const char *spec)
{
	return !strncmp(spec, "0.0.0.0:", 8) || !strncmp(spec, "[::]:", 5);
}

/*
 * The host of a URL that reaches listen address spec from this machine:
 * a wildcard means the loopback address of its family (an IPv6 socket
 * here takes IPv6 only, see collector/http.c).
 */
static const char *host_of(const char *spec)
{
	if (!strncmp(spec, "0.0.0.0:", 8))
		return "127.0.0.1";
	if (!strncmp(spec, "[::]:", 5))
		return "[::1]";
	return spec;
}

static size_t host_len(const char *spec)
{
	const char *h = host_of(spec);
	const char *colon = strrchr(h, ':');

	if (h != spec)
		return strlen(h);
	return colon ? (size_t)(colon - h) : strlen(h);
}

/*
 * Prints where the server listens: "listening on http://HOST:PORT/", or
 * for a wildcard the address it truly listens on and a URL to open on
 * this machine, "listening on 0.0.0.0:8080 (on this machine:
 * http://127.0.0.1:8080/)".
 */
static void print_listening(const char *spec, int port)
{
	int len = (int)host_len(spec);
	const char *host = host_of(spec);

	if (wildcard(spec))
		printf("sigsurvey: listening on %.*s:%d (on this machine: "
		       "http://%.*s:%d/)\n", (int)(strrchr(spec, ':') - spec),
		       spec, port, len, host, port);
	else
		printf("sigsurvey: listening on http://%.*s:%d/\n", len, host,
		       port);
}

/*
 * Prints where the committee signs in: the one-time setup link when no
 * account exists yet (token), else the committee area's address.
 */
static void print_admin_link(const struct collector_options *opt,
			     const struct http_config *cfg, int port,
			     const char *token)
{
	struct buf base = BUF_INIT;

	if (opt->base_url) {
		buf_adds(&base, opt->base_url);
	} else {
		buf_addf(&base, "http://%.*s:%d", (int)host_len(cfg->listen),
			 host_of(cfg->listen), port);
	}
	if (token)
		printf("sigsurvey: no committee account yet; create the first "
		       "admin at %s/admin/setup?token=%s\n", base.s, token);
	else
		printf("sigsurvey: committee area at %s/admin/\n", base.s);
	buf_release(&base);
}

enum {
	O_LISTEN, O_PORT_FILE, O_BASE_URL, O_MIN_FILL, O_RATE_LIMIT,
	O_MAX_BODY, O_MAX_CONN, O_REPORT_TIMEOUT, O_THREADS, O_CLOSE_GRACE,
	O_LOG_IP, O_SECURE_COOKIES, O_TRUSTED_PROXY,
};

/*
 * A whole number for option id within its bounds into *out; 0, or 2
 * after the usage error.
 */
static int parse_uint(const struct cli_opts *p, int id, unsigned long *out)
{
	static const unsigned long lo[] = {
		[O_MAX_BODY] = 1024, [O_MAX_CONN] = 16, [O_REPORT_TIMEOUT] = 1,
		[O_THREADS] = 1, [O_CLOSE_GRACE] = 0,
	};
	static const unsigned long hi[] = {
		[O_MIN_FILL] = 3600, [O_RATE_LIMIT] = 1000000,
		[O_MAX_BODY] = 16 << 20, [O_MAX_CONN] = 100000,
		[O_REPORT_TIMEOUT] = 3600, [O_THREADS] = 64,
		[O_CLOSE_GRACE] = 7 * 24 * 60,
	};
	long v;

	if (cli_parse_long(p->value, &v) < 0 || (unsigned long)v > hi[id])
		return cli_usage_error("serve", usage_text,
				       "%s needs a whole number up to %lu",
				       p->name, hi[id]);
	if ((unsigned long)v < lo[id])
		return cli_usage_error("serve", usage_text,
				       "%s must be at least %lu", p->name,
				       lo[id]);
	*out = (unsigned long)v;
	return 0;
}

/* --trusted-proxy ADDR into opt; 0, or 2 after the usage error. */
static int parse_proxy(const struct cli_opts *p, struct collector_options *opt)
{
	if (inet_pton(AF_INET, p->value, opt->trusted_proxy) == 1) {
		opt->trusted_proxy_len = 4;
	} else if (inet_pton(AF_INET6, p->value, opt->trusted_proxy) == 1) {
		opt->trusted_proxy_len = 16;
	} else {
		return cli_usage_error("serve", usage_text,
				       "%s needs an IP address, like 127.0.0.1",
				       p->name);
	}
	return 0;
}

/* Options into opt, aopt, cfg and *port_file; 0, 1 after --help, or 2. */
/*
 * --base-url without its trailing slashes, so that every link is made by
 * appending "/path" (a copy kept for the life of the program).
 */
static const char *trim_slashes(const char *url)
{
	size_t n = strlen(url);

	while (n > 1 && url[n - 1] == '/')
		n--;
	return xstrndup(url, n);
}

static int parse_args(int argc, char **argv, struct collector_options *opt,
		      struct admin_options *aopt, struct http_config *cfg,
		      const char **port_file)
{
	static const struct cli_option table[] = {
		{ "--listen", 1, O_LISTEN }, { "--port-file", 1, O_PORT_FILE },
		{ "--base-url", 1, O_BASE_URL },
		{ "--min-fill-seconds", 1, O_MIN_FILL },
		{ "--rate-limit", 1, O_RATE_LIMIT },
		{ "--max-body", 1, O_MAX_BODY },
		{ "--max-connections", 1, O_MAX_CONN },
		{ "--report-timeout", 1, O_REPORT_TIMEOUT },
		{ "--threads", 1, O_THREADS },
		{ "--log-ip", 0, O_LOG_IP },
		{ "--secure-cookies", 0, O_SECURE_COOKIES },
		{ "--trusted-proxy", 1, O_TRUSTED_PROXY },
		{ "--close-grace", 1, O_CLOSE_GRACE }, { NULL, 0, 0 },
	};
	struct cli_opts p;
	unsigned long v = 0;
	int id;

	cli_opts_init(&p, "serve", usage_text, table, argc, argv);
	while ((id = cli_opts_next(&p)) >= 0) {
		if (id >= O_MIN_FILL && id <= O_CLOSE_GRACE &&
		    parse_uint(&p, id, &v))
			return 2;
		switch (id) {
		case O_LISTEN: cfg->listen = p.value; break;
		case O_PORT_FILE: *port_file = p.value; break;
		case O_BASE_URL: opt->base_url = trim_slashes(p.value); break;
		case O_MIN_FILL: opt->min_fill_seconds = (unsigned)v; break;
		case O_RATE_LIMIT: opt->rate_limit = (unsigned)v; break;
		case O_MAX_BODY: cfg->max_body = v; break;
		case O_MAX_CONN: cfg->conn_limit = (unsigned)v; break;
		case O_REPORT_TIMEOUT: aopt->report_timeout = (unsigned)v; break;
		case O_THREADS: cfg->threads = (unsigned)v; break;
		case O_LOG_IP: cfg->log_ip = 1; break;
		case O_SECURE_COOKIES: aopt->secure_cookies = 1; break;
		/* respondents */
		case O_CLOSE_GRACE: opt->close_grace = (unsigned)v * 60; break;
		case O_TRUSTED_PROXY:
			if (parse_proxy(&p, opt))
				return 2;
			break;
		}
	}
	if (id != CLI_OPT_END)
		return id == CLI_OPT_HELP ? 1 : 2;
	return 0;
}

/*
 * The running program as an open file, for the committee area's report
 * children: exec'ing it rather than the path read at start keeps
 * downloads working after `make install` replaced or removed the
 * binary. Returns the descriptor (> 2, close-on-exec), or 0 with a
 * warning: then the children run the path.
 */
static int open_self(void)
{
	int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);

	if (fd > 2)
		return fd;
	if (fd >= 0)
		close(fd);
	warning("cannot open /proc/self/exe (%s); report downloads will "
		"run %s", fd < 0 ? strerror(errno) : "a standard descriptor",
		"the program by its path");
	return 0;
}

/*
 * SIGHUP: loads the forms directory again, every file checked before
 * anything changes. When all are sound the collector serves the new set
 * (collector_reload(): versions stored, render cache renewed); on any
 * problem the set being served stays and each problem is logged as
 * file:line:col: message.
 */
static void reload_forms(const struct cli *cli, struct collector *c)
{
	struct formset *fs = xcalloc(1, sizeof(*fs));
	struct diag d = { 0 };
	struct store *db = NULL;
	int ok = formset_load(fs, cli->forms, &d) == 0;

	for (size_t i = 0; i < d.n; i++)
		if (ok)
			warning("%s", d.v[i]);
		else
			error("%s", d.v[i]);
	diag_release(&d);
	if (!ok) {
		error("forms in %s not reloaded; the ones loaded before are "
		      "still served", cli->forms);
		formset_release(fs);
		free(fs);
		return;
	}
	if (cli_open_store(cli, &db, CLI_DB_CREATE) < 0) {
		formset_release(fs);
		free(fs);
		return;
	}
	if (collector_reload(c, fs, db) == 0)     /* takes fs */
		info("reloaded %zu form%s from %s", c->forms->n,
		     plural(c->forms->n, "", "s"), cli->forms);
	store_close(db);
}

/*
 * Waits for SIGINT or SIGTERM (blocked in sigs), reloading the forms on
 * each SIGHUP meanwhile, then stops accepting, ends running report
 * children and lets requests in flight finish. Returns 0, or -1 when
 * the wait failed.
 */
static int wait_and_stop(const struct cli *cli, struct collector *c,
			 struct http_server *srv, const sigset_t *sigs)
{
	int sig;

	for (;;) {
		if (sigwait(sigs, &sig) != 0)
			return -1;
		if (sig != SIGHUP)
			break;
		reload_forms(cli, c);
	}
	info("%s: finishing requests in flight", strsignal(sig));
	http_quiesce(srv);
	admin_quiesce();               /* running report children end now */
	if (http_wait_idle(srv, 10000))
		warning("requests still in flight after 10 seconds");
	return 0;
}

int cmd_serve(struct cli *cli, int argc, char **argv)
{
	struct collector_options opt = { .min_fill_seconds = 3,
					  .rate_limit = 60,
					  .close_grace = 30 * 60 };
	struct admin_options aopt = { 0 };
	struct http_config cfg = {
		.listen = "127.0.0.1:8080", .max_body = FORM_MAX_BODY_DEFAULT,
		.threads = 2, .conn_limit = 1024, .per_ip_limit = 256,
		.timeout = 30, .conn_memory = 16 * 1024,
	};
	const char *port_file = NULL;
	struct formset fs = { 0 };
	struct store *db = NULL;
	struct collector c;
	struct collector_mount mount;
	struct admin *adm = NULL;
	struct http_server *srv = NULL;
	sigset_t sigs;
	int ret;

	ret = parse_args(argc, argv, &opt, &aopt, &cfg, &port_file);
	if (ret)
		return ret == 1 ? 0 : ret;
	ret = 1;
	opt.db_path = cli->db;
	aopt.self = cli->self;
	aopt.self_fd = open_self();
	aopt.forms_dir = cli->forms;
	adm = admin_new(&aopt);
	admin_mount(adm, &mount);
	opt.mounts = &mount;
	opt.nmounts = 1;

	/* a client gone mid-answer is an EPIPE from send(), not a signal */
	signal(SIGPIPE, SIG_IGN);
	/* every thread started from here on leaves these signals to us */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGHUP);               /* reload the forms */
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);

	if (cli_load_forms(cli, &fs) < 0)
		goto out_forms;
	if (cli_open_store(cli, &db, CLI_DB_CREATE) < 0)
		goto out_forms;
	if (store_checkpointer_start(cli->db) < 0) {
		store_close(db);
		goto out_forms;
	}
	if (collector_init(&c, &opt, &fs, db) < 0)
		goto out_forms;            /* db handed over and closed */
	cfg.handler = collector_handle;
	cfg.ctx = &c;
	if (http_open(&srv, &cfg) < 0)
		goto out;
	if (port_file && write_port_file(port_file, http_port(srv)) < 0)
		goto out;
	print_listening(cfg.listen, http_port(srv));
	print_admin_link(&opt, &cfg, http_port(srv), admin_setup_token(adm));
	fflush(stdout);

	if (wait_and_stop(cli, &c, srv, &sigs) == 0)
		ret = 0;
out:
	http_close(srv);
	collector_release(&c);
out_forms:
	store_checkpointer_stop();
	formset_release(&fs);
	admin_free(adm);
	if (aopt.self_fd > 2)
		close(aopt.self_fd);
	if (!ret)
		info("stopped");
	return ret;
}
