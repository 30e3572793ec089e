/*
 * http.h - the HTTP server: the only module that knows libmicrohttpd.
 * It hands each complete request (path, query, body) to one handler and
 * sends what the handler fills in, with the security headers every
 * response carries, and writes one access-log line per request.
 * A request head must arrive whole within 15 s and a body within 20 s
 * plus 1 s per 8 KiB it declares, or the connection is closed; past 3/4
 * of conn_limit open connections, each new one closes the connection
 * that has waited longest for a complete head, so that a complete request
 * is refused (503, "overloaded") only when no such connection is left.
 * A body must come with a Content-Length (411 otherwise).
 */
#ifndef SIGSURVEY_HTTP_H
#define SIGSURVEY_HTTP_H

#include <stddef.h>

#include "buf.h"

enum http_method { HTTP_GET, HTTP_HEAD, HTTP_POST, HTTP_OTHER };

struct http_request {
	enum http_method method;
	const char *method_name;   /* as the client sent it */
	char *path;                /* percent-decoded path; may hold no NUL */
	char *query;               /* raw text after '?', "" when none */
	char *content_type;        /* NULL when absent */
	struct buf body;           /* the whole body (at most max_body) */
	int body_too_large;        /* past max_body: body holds its start */
	int overloaded;            /* more connections than the soft limit */
	int closing;               /* the server is shutting down */
	unsigned char addr[16];    /* client address bytes (v4 or v6) */
	size_t addrlen;
	char addr_text[64];        /* printable with --log-ip, else "" */

	/*
	 * Deferred answers: a handler that returns HTTP_SUSPEND sets defer;
	 * http.c suspends the connection, then calls defer(rq). Whoever
	 * finishes the work calls http_resume(rq) (from any thread), and the
	 * handler is called again for the same request with resumed > 0.
	 */
	void (*defer)(struct http_request *rq);
	int resumed;
	void *app;                 /* the handler's per-request state */
	void (*app_free)(void *app);
	void *conn_;               /* http.c's */
};

struct http_response {
	int status;
	const char *content_type;  /* literal; default text/html; utf-8 */
	struct buf body;           /* dynamic body, or: */
	const char *static_body;   /* a body that outlives the server */
	size_t static_len;
	char *location;            /* new string or NULL */
	char *etag;                /* new string or NULL */
	const char *cache_control; /* literal or NULL ("no-cache" default) */
	const char *allow;         /* literal, for 405 */
	const char *retry_after;   /* literal, for 429 / 503 */
	int close;                 /* close the connection after it */
	char *set_cookie;          /* Set-Cookie value, new string or NULL */
	char *disposition;         /* Content-Disposition, new string or NULL */
};

#define HTTP_SUSPEND 1

/*
 * Fills rs for rq. Returns 0 when rs is ready, or HTTP_SUSPEND (see
 * defer above). Called from the server's worker threads.
 */
typedef int (*http_handler_fn)(void *ctx, struct http_request *rq,
			       struct http_response *rs);

struct http_config {
	const char *listen;        /* "ADDR:PORT" or "[V6]:PORT"; port 0 = any */
	size_t max_body;           /* request body limit in bytes */
	unsigned threads;          /* worker threads */
	unsigned conn_limit;       /* hard connection limit */
	unsigned per_ip_limit;     /* connections per client address */
	unsigned timeout;          /* idle connection timeout, seconds */
	size_t conn_memory;        /* memory per connection (headers) */
	int log_ip;                /* client address in the access log */
	http_handler_fn handler;
	void *ctx;
};

struct http_server;

/* Starts listening. Returns 0 and a new server in *out, or -1 (logged). */
int http_open(struct http_server **out, const struct http_config *cfg);
/* The port the server listens on. */
int http_port(const struct http_server *s);
/* Stops accepting connections; later responses close their connection. */
void http_quiesce(struct http_server *s);
/*
 * Waits up to timeout_ms for the requests in flight to be answered, then
 * answers any later request with a plain 503 without calling the handler
 * and waits for the stragglers. Call after http_quiesce() and before
 * http_close(). Returns the number still in flight (0 = idle).
 */
long http_wait_idle(struct http_server *s, int timeout_ms);
/* Stops the worker threads and frees the server; accepts NULL. */
void http_close(struct http_server *s);
/* Wakes a request whose handler returned HTTP_SUSPEND; any thread. */
void http_resume(struct http_request *rq);

/*
 * A request header's value, or NULL; valid while the handler runs (not
 * after HTTP_SUSPEND until the handler is called again).
 */
const char *http_header(struct http_request *rq, const char *name);

/* Decodes %XX and (when plus) '+' in place; returns the new length. */
size_t http_unescape(char *s, size_t len, int plus);

#endif
