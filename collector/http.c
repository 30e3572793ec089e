/*
 * http.c - libmicrohttpd glue (the only file that includes microhttpd.h):
 * an epoll thread pool, limits, request assembly, suspend/resume for
 * answers that wait on the database writer, security headers and the
 * access log. Connections are reported to the watch (watch.c), which
 * gives heads and bodies their deadlines and sheds slow heads.
 */
#include "http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "accesslog.h"
#include "util.h"
#include "watch.h"

struct http_server {
	struct MHD_Daemon *d;
	struct http_config cfg;
	int port;
	struct watch *watch;        /* deadlines and shedding (watch.h) */
	struct accesslog *log;      /* buffered access log (accesslog.h) */
	atomic_long inflight;       /* requests started, not yet completed */
	atomic_int quiesced;
	atomic_int refusing;        /* new requests get a plain 503 */
};

struct req {
	struct http_request rq;
	struct http_response rs;
	struct http_server *srv;
	struct MHD_Connection *conn;
	struct watch_conn *cn;      /* the connection's watch entry */
	struct timespec start;
	int started;                /* first handler call done */
	int refused;                /* arrived while the server stops */
	int chunked;                /* a body with no Content-Length */
	int status;                 /* sent status, 0 before */
	size_t bytes;               /* body bytes sent */
	size_t dropped;             /* body bytes past the limit */
	char text[];                /* rq.path and rq.query, in one block */
};

static const char *const security_headers[][2] = {
	{ "Content-Security-Policy",
	  "default-src 'self'; object-src 'none'; base-uri 'none'; "
	  "frame-ancestors 'none'; form-action 'self'" },
	{ "X-Content-Type-Options", "nosniff" },
	{ "Referrer-Policy", "same-origin" },
};

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

size_t http_unescape(char *s, size_t len, int plus)
{
	size_t i = 0, o = 0;

	while (i < len) {
		if (s[i] == '%' && i + 2 < len && hexval(s[i + 1]) >= 0 &&
		    hexval(s[i + 2]) >= 0) {
			s[o++] = (char)(hexval(s[i + 1]) * 16 +
					hexval(s[i + 2]));
			i += 3;
		} else if (plus && s[i] == '+') {
			s[o++] = ' ';
			i++;
		} else {
			s[o++] = s[i++];
		}
	}
	if (o < len)
		s[o] = '\0';
	return o;
}

static long elapsed_us(const struct timespec *a)
{
	struct timespec b;

	clock_gettime(CLOCK_MONOTONIC, &b);
	return (b.tv_sec - a->tv_sec) * 1000000L +
	       (b.tv_nsec - a->tv_nsec) / 1000;
}

static void on_connection(void *cls, struct MHD_Connection *c,
			  void **socket_context,
			  enum MHD_ConnectionNotificationCode toe)
{
	struct http_server *s = cls;

	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(
			c, MHD_CONNECTION_INFO_CONNECTION_FD);

		*socket_context = watch_add(s->watch, ci ? ci->connect_fd : -1);
	} else {
		/* before libmicrohttpd closes the descriptor */
		watch_remove(s->watch, *socket_context);
		*socket_context = NULL;
	}
}

/*
 * Called first for every request, with the raw URI: sets up our state,
 * with the path and the query string in the same block (one malloc).
 */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	size_t ulen = strlen(uri);
	struct req *r = xmalloc(sizeof(*r) + ulen + 2);
	const char *q = memchr(uri, '?', ulen);
	size_t plen = q ? (size_t)(q - uri) : ulen;
	size_t qlen = q ? ulen - plen - 1 : 0;
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	memset(r, 0, sizeof(*r));
	r->srv = cls;
	r->conn = c;
	r->cn = ci ? ci->socket_context : NULL;
	clock_gettime(CLOCK_MONOTONIC, &r->start);
	r->rq.path = r->text;
	memcpy(r->rq.path, uri, plen);
	buf_init(&r->rq.body);
	buf_init(&r->rs.body);
	plen = http_unescape(r->rq.path, plen, 0);
	r->rq.path[plen] = '\0';
	if (strlen(r->rq.path) != plen) {
		/* a %00: the path as sent, which no route matches and the
		 * access log shows as it came */
		plen = q ? (size_t)(q - uri) : ulen;
		memcpy(r->rq.path, uri, plen);
		r->rq.path[plen] = '\0';
	}
	/* after the path's undecoded length, which decoding only shortens */
	r->rq.query = r->text + (q ? (size_t)(q - uri) : ulen) + 1;
	memcpy(r->rq.query, q ? q + 1 : "", qlen);
	r->rq.query[qlen] = '\0';
	r->rq.conn_ = r;
	return r;
}

static void client_address(struct req *r)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(r->conn,
					MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	if (!sa)
		return;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)sa;

		memcpy(r->rq.addr, &in->sin_addr, 4);
		r->rq.addrlen = 4;
		if (r->srv->cfg.log_ip)
			inet_ntop(AF_INET, &in->sin_addr, r->rq.addr_text,
				  sizeof(r->rq.addr_text));
	} else if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)sa;

		memcpy(r->rq.addr, &in6->sin6_addr, 16);
		r->rq.addrlen = 16;
		if (r->srv->cfg.log_ip)
			inet_ntop(AF_INET6, &in6->sin6_addr, r->rq.addr_text,
				  sizeof(r->rq.addr_text));
	}
}

static enum MHD_Result send_response(struct req *r)
{
	struct http_response *rs = &r->rs;
	struct MHD_Response *resp;
	enum MHD_Result ret;

	watch_answer(r->srv->watch, r->cn);
	if (!rs->status)
		rs->status = 500;
	if (rs->static_body) {
		resp = MHD_create_response_from_buffer(
			rs->static_len, (void *)rs->static_body,
			MHD_RESPMEM_PERSISTENT);
		r->bytes = rs->static_len;
	} else {
		size_t len;
		char *body = buf_detach(&rs->body, &len);

		resp = MHD_create_response_from_buffer(len, body,
						       MHD_RESPMEM_MUST_FREE);
		if (!resp)
			free(body);
		r->bytes = len;
	}
	if (!resp)
		return MHD_NO;
	for (size_t i = 0; i < ARRAY_SIZE(security_headers); i++)
		MHD_add_response_header(resp, security_headers[i][0],
					security_headers[i][1]);
	MHD_add_response_header(resp, "Content-Type",
				rs->content_type ? rs->content_type
						 : "text/html; charset=utf-8");
	MHD_add_response_header(resp, "Cache-Control",
				rs->cache_control ? rs->cache_control
						  : "no-cache");
	if (rs->location)
		MHD_add_response_header(resp, "Location", rs->location);
	if (rs->etag)
		MHD_add_response_header(resp, "ETag", rs->etag);
	if (rs->allow)
		MHD_add_response_header(resp, "Allow", rs->allow);
	if (rs->retry_after)
		MHD_add_response_header(resp, "Retry-After", rs->retry_after);
	if (rs->set_cookie)
		MHD_add_response_header(resp, "Set-Cookie", rs->set_cookie);
	if (rs->disposition)
		MHD_add_response_header(resp, "Content-Disposition",
					rs->disposition);
	if (rs->close || atomic_load(&r->srv->quiesced))
		MHD_add_response_header(resp, "Connection", "close");
	r->status = rs->status;
	ret = MHD_queue_response(r->conn, (unsigned)rs->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum http_method parse_method(const char *m)
{
	if (!strcmp(m, "GET"))
		return HTTP_GET;
	if (!strcmp(m, "HEAD"))
		return HTTP_HEAD;
	if (!strcmp(m, "POST"))
		return HTTP_POST;
	return HTTP_OTHER;
}

/* A plain-text answer from the server itself; the connection closes. */
static enum MHD_Result send_plain(struct req *r, int status, const char *text,
				  const char *retry_after)
{
	r->rs.status = status;
	r->rs.content_type = "text/plain; charset=utf-8";
	r->rs.static_body = text;
	r->rs.static_len = strlen(text);
	r->rs.retry_after = retry_after;
	r->rs.close = 1;
	return send_response(r);
}

/* The Content-Length the client declared, or 0. */
static unsigned long long declared_length(struct req *r)
{
	const char *cl = MHD_lookup_connection_value(
		r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);

	return cl ? strtoull(cl, NULL, 10) : 0;
}

/* First call: headers are complete, nothing may be answered yet. */
static void first_call(struct req *r, const char *method)
{
	struct http_server *srv = r->srv;
	const char *ct, *cl;
	unsigned long long len;

	r->started = 1;
	atomic_fetch_add(&srv->inflight, 1);
	/* after the increment: http_wait_idle() sets refusing, then waits */
	r->refused = atomic_load(&srv->refusing);
	r->rq.method = parse_method(method);
	r->rq.method_name = method;
	ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
					 MHD_HTTP_HEADER_CONTENT_TYPE);
	r->rq.content_type = xstrdup(ct);
	cl = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
					 MHD_HTTP_HEADER_CONTENT_LENGTH);
	r->chunked = MHD_lookup_connection_value(
		r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING) != NULL;
	len = cl ? strtoull(cl, NULL, 10) : 0;
	if (len > srv->cfg.max_body)
		r->rq.body_too_large = 1;
	watch_body(srv->watch, r->cn, len > srv->cfg.max_body ? 0 : len);
	/* connections being shed do not count: their slots are freeing */
	r->rq.overloaded = watch_load(srv->watch) >
			   (long)srv->cfg.conn_limit * 15 / 16;
	r->rq.closing = atomic_load(&srv->quiesced);
	client_address(r);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
				  const char *url, const char *method,
				  const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	struct http_server *srv = cls;
	struct req *r = *con_cls;
	int rc;

	if (!r)
		return MHD_NO;
	if (!r->started) {
		first_call(r, method);
		/*
		 * libmicrohttpd 0.9.75 answers chunk framing it cannot parse
		 * (a chunk extension longer than its buffer, say) with its
		 * own 500 page, out of our hands; so a body must come with a
		 * Content-Length, as every browser sends it (RFC 9112, 411).
		 */
		if (r->chunked)
			return send_plain(r, 411, "Please send the request "
					  "with a Content-Length.\n", NULL);
		/*
		 * A declared body far past the limit is refused at once (the
		 * client then never sends it); a body a little past it is
		 * read, its first max_body bytes kept, so that the answers
		 * in it can be handed back. Everything else is answered on
		 * a later call so that keep-alive survives.
		 */
		if (r->rq.body_too_large && declared_length(r) >
						    16 * srv->cfg.max_body)
			goto answer;
		return MHD_YES;
	}
	if (*upload_size) {
		size_t n = *upload_size;

		*upload_size = 0;
		if (r->rq.body_too_large || r->rq.body.len + n >
						    srv->cfg.max_body) {
			/* keep what fits; count the rest by hand: a lying
			 * client sends more than it declared */
			size_t room = srv->cfg.max_body - r->rq.body.len;

			if (room > n)
				room = n;
			buf_add(&r->rq.body, upload, room);
			r->rq.body_too_large = 1;
			r->dropped += n - room;
			/* a client that keeps streaming is cut off */
			return r->dropped > 16 * srv->cfg.max_body ? MHD_NO
								     : MHD_YES;
		}
		buf_add(&r->rq.body, upload, n);
		return MHD_YES;
	}
answer:
	watch_answer(srv->watch, r->cn);
	if (r->refused)   /* too late for the application to suspend */
		return send_plain(r, 503, "The service is restarting. Please "
				  "try again in a moment.\n", "5");
	rc = srv->cfg.handler(srv->cfg.ctx, &r->rq, &r->rs);
	if (rc == HTTP_SUSPEND) {
		MHD_suspend_connection(c);
		if (r->rq.defer)
			r->rq.defer(&r->rq);
		return MHD_YES;
	}
	return send_response(r);
}

const char *http_header(struct http_request *rq, const char *name)
{
	struct req *r = rq->conn_;

	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

void http_resume(struct http_request *rq)
{
	struct req *r = rq->conn_;

	rq->resumed++;
	MHD_resume_connection(r->conn);
}

static void log_access(struct req *r)
{
	struct accesslog_entry e = {
		.addr = !r->srv->cfg.log_ip ? NULL
			: r->rq.addr_text[0] ? r->rq.addr_text : "-",
		.method = r->rq.method_name ? r->rq.method_name : "-",
		.path = r->rq.path,
		.status = r->status,
		.bytes = r->bytes,
		.us = elapsed_us(&r->start),
	};

	accesslog_request(r->srv->log, &e);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct http_server *srv = cls;
	struct req *r = *con_cls;

	if (!r)
		return;
	*con_cls = NULL;
	if (r->started)   /* a head never completed has nothing to log */
		log_access(r);
	/* keep-alive: the next request's head has its own deadline */
	watch_head(srv->watch, r->cn);
	if (r->started)
		atomic_fetch_sub(&srv->inflight, 1);
	if (r->rq.app_free)
		r->rq.app_free(r->rq.app);
	buf_release(&r->rq.body);
	buf_release(&r->rs.body);
	free(r->rs.location);
	free(r->rs.etag);
	free(r->rs.set_cookie);
	free(r->rs.disposition);
	free(r->rq.content_type);
	free(r);
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	struct buf b = BUF_INIT;

	buf_vaddf(&b, fmt, ap);
	while (b.len && b.s[b.len - 1] == '\n')
		buf_setlen(&b, b.len - 1);
	/*
	 * A client that goes away mid-request, or one the watch closed, is
	 * routine: under a slow-client attack these would be thousands of
	 * lines a second (the watch logs its own counts once a minute).
	 */
	if (!strstr(b.s, "detected connection closure") &&
	    !strstr(b.s, "closed by remote side with incomplete request"))
		warning("http: %s", b.s);
	buf_release(&b);
}

/* "ADDR:PORT" or "[ADDR]:PORT" into ss. */
static int parse_listen(const char *spec, struct sockaddr_storage *ss,
			socklen_t *sslen)
{
	char host[128];
	const char *colon = strrchr(spec, ':');
	long port;
	size_t hl;
	char *end;

	if (!colon)
		return error("--listen %s: expected ADDR:PORT", spec);
	hl = (size_t)(colon - spec);
	if (spec[0] == '[' && hl >= 2 && spec[hl - 1] == ']') {
		spec++;
		hl -= 2;
	}
	if (hl >= sizeof(host))
		return error("--listen %s: address too long", spec);
	memcpy(host, spec, hl);
	host[hl] = '\0';
	errno = 0;
	port = strtol(colon + 1, &end, 10);
	if (errno || *end || end == colon + 1 || port < 0 || port > 65535)
		return error("--listen: bad port '%s'", colon + 1);
	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, host, &((struct sockaddr_in *)ss)->sin_addr)) {
		((struct sockaddr_in *)ss)->sin_family = AF_INET;
		((struct sockaddr_in *)ss)->sin_port = htons((uint16_t)port);
		*sslen = sizeof(struct sockaddr_in);
	} else if (inet_pton(AF_INET6, host,
			     &((struct sockaddr_in6 *)ss)->sin6_addr)) {
		((struct sockaddr_in6 *)ss)->sin6_family = AF_INET6;
		((struct sockaddr_in6 *)ss)->sin6_port = htons((uint16_t)port);
		*sslen = sizeof(struct sockaddr_in6);
	} else {
		return error("--listen: '%s' is not an IP address", host);
	}
	return 0;
}

/*
 * A listening socket of our own for ss, so that a taken address is a
 * clear message rather than libmicrohttpd's "Failed to bind to port".
 * SO_REUSEADDR only lets a restart bind past connections in TIME_WAIT;
 * no port sharing, so a second server on one address fails here.
 * Returns the socket, or -1 (logged).
 */
static int listen_socket(const char *spec, const struct sockaddr_storage *ss,
			 socklen_t sslen)
{
	int fd = socket(ss->ss_family, SOCK_STREAM | SOCK_CLOEXEC |
			SOCK_NONBLOCK, 0);
	int on = 1;

	if (fd < 0)
		return error("cannot listen on %s: %s", spec, strerror(errno));
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	if (ss->ss_family == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof(on));
	if (bind(fd, (const struct sockaddr *)ss, sslen) == 0 &&
	    listen(fd, 128) == 0)
		return fd;
	if (errno == EADDRINUSE)
		fprintf(stderr, "sigsurvey: %s is in use (is another sigsurvey "
			"running?)\n", spec);
	else
		error("cannot listen on %s: %s", spec, strerror(errno));
	close(fd);
	return -1;
}

int http_open(struct http_server **out, const struct http_config *cfg)
{
	struct http_server *s;
	struct sockaddr_storage ss;
	socklen_t sslen = 0;
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD |
			 MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
	const union MHD_DaemonInfo *di;
	int fd, rc;

	*out = NULL;
	if (parse_listen(cfg->listen, &ss, &sslen) < 0)
		return -1;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	fd = listen_socket(cfg->listen, &ss, sslen);
	if (fd < 0)
		return -1;
	s = xcalloc(1, sizeof(*s));
	s->cfg = *cfg;
	/* shed heads before the 15/16 at which requests are refused */
	if (watch_open(&s->watch, (long)cfg->conn_limit * 3 / 4) < 0 ||
	    accesslog_open(&s->log, STDERR_FILENO) < 0) {
		watch_close(s->watch);
		close(fd);
		free(s);
		return -1;
	}
	s->d = MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, s,
		MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, s,
		MHD_OPTION_LISTEN_SOCKET, (MHD_socket)fd,
		MHD_OPTION_THREAD_POOL_SIZE, cfg->threads,
		MHD_OPTION_CONNECTION_LIMIT, cfg->conn_limit,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->per_ip_limit,
		MHD_OPTION_CONNECTION_TIMEOUT, cfg->timeout,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, cfg->conn_memory,
		MHD_OPTION_URI_LOG_CALLBACK, on_uri, s,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
		MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
		MHD_OPTION_END);
	if (!s->d) {
		rc = error("cannot listen on %s: %s", cfg->listen,
			   errno ? strerror(errno) : "libmicrohttpd failed");
		close(fd);
		http_close(s);
		return rc;
	}
	di = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	s->port = di ? di->port : 0;
	*out = s;
	return 0;
}

int http_port(const struct http_server *s)
{
	return s->port;
}

void http_quiesce(struct http_server *s)
{
	MHD_socket fd;

	if (atomic_exchange(&s->quiesced, 1))
		return;
	fd = MHD_quiesce_daemon(s->d);
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
}

static long wait_inflight(struct http_server *s, int timeout_ms)
{
	struct timespec ts = { 0, 5 * 1000 * 1000 };

	for (int waited = 0; waited < timeout_ms; waited += 5) {
		if (atomic_load(&s->inflight) <= 0)
			return 0;
		nanosleep(&ts, NULL);
	}
	return atomic_load(&s->inflight);
}

long http_wait_idle(struct http_server *s, int timeout_ms)
{
	long left = wait_inflight(s, timeout_ms);

	/*
	 * A request may still come in on a connection accepted before the
	 * quiesce. From here on such requests get a plain 503 and never
	 * reach the application (which could suspend them, and libmicrohttpd
	 * cannot stop with suspended connections); the few that started in
	 * between are waited for.
	 */
	atomic_store(&s->refusing, 1);
	return left + wait_inflight(s, timeout_ms);
}

void http_close(struct http_server *s)
{
	if (!s)
		return;
	if (s->d)
		MHD_stop_daemon(s->d);   /* reports every close to the watch */
	watch_close(s->watch);
	accesslog_close(s->log);        /* after the last request is logged */
	free(s);
}
