/*
 * collector.h - the collector application behind the HTTP server: shared
 * state (forms, versions, signing key, writer, rate limiter), the route
 * table and what every page handler gets. Other areas (the committee's,
 * admin/) are mounted under a first path segment of their own by whoever
 * starts the collector; the collector knows nothing more of them.
 */
#ifndef SIGSURVEY_COLLECTOR_H
#define SIGSURVEY_COLLECTOR_H

#include <pthread.h>
#include <stdatomic.h>

#include "date.h"
#include "fields.h"
#include "form.h"
#include "html.h"
#include "http.h"
#include "store.h"
#include "token.h"

struct writer;
struct ratelimit;
struct render_cache;
struct event_cache;
struct collector;
struct page;

/*
 * An area mounted under its own first path segment ("/admin/..."): every
 * request whose path starts with first goes to handle(ctx, p). open runs
 * in collector_init() with the database the writer is about to take
 * (still the caller's then); close runs in collector_release(), also
 * after a failed or skipped open, so it must cope with either. open and
 * close may be NULL; ctx stays the caller's and must outlive the
 * collector.
 */
struct collector_mount {
	const char *first;          /* first path segment, e.g. "admin" */
	int (*handle)(void *ctx, struct page *p);   /* as a route handler */
	int (*open)(void *ctx, struct collector *c, struct store *db);
	void (*close)(void *ctx);
	void *ctx;
};

#define COLLECTOR_MOUNTS_MAX 4

struct collector_options {
	const char *db_path;
	unsigned min_fill_seconds;  /* faster final sends are asked to confirm */
	unsigned rate_limit;        /* form pages and bad sends a minute per
				       client (see page-limit.c); 0 off */
	const char *base_url;       /* public URL prefix without a trailing
				       slash (serve trims it), or NULL */
	/* extra areas: nmounts (at most COLLECTOR_MOUNTS_MAX) of them */
	const struct collector_mount *mounts;       /* the caller's */
	size_t nmounts;
	/* respondents */
	unsigned close_grace;       /* seconds after closing that a page
				       served while open may still be sent */
	unsigned char trusted_proxy[16]; /* X-Forwarded-For from it only */
	size_t trusted_proxy_len;   /* 4 or 16 bytes; 0: none */
};

/*
 * The forms served, their versions and the render cache form one
 * generation, replaced whole by collector_reload() (SIGHUP). Every
 * handler call (collector_handle(), a resumed one too) holds gen_lock
 * for reading, so within one call forms, versions and cache belong
 * together; a reload swaps them under the write lock, between calls.
 * A request that waits (HTTP_SUSPEND) may keep pointers into the forms
 * it started with: reloaded sets are therefore kept until
 * collector_release() (one parsed formset per reload, a few tens of KB;
 * reloads are rare). The old versions and cache are freed at the swap.
 */
struct collector {
	struct collector_options opt;
	const struct formset *forms;   /* see above: read under gen_lock */
	long long *versions;        /* form_version ids, parallel to forms->v */
	pthread_rwlock_t gen_lock;
	struct formset **reloaded;  /* every set collector_reload() took */
	size_t nreloaded, reloaded_cap;
	unsigned char token_key[TOKEN_KEY_BYTES];
	struct writer *writer;
	struct ratelimit *rl;       /* invalid or repeated submissions */
	struct ratelimit *mint;     /* form pages handed out (page-limit.c) */
	char *prefix;               /* path part of base_url, "" when none */
	char (*etags)[24];          /* ETags of static_files[], in order */
	atomic_ulong spam;          /* submissions dropped as bots */
	atomic_ulong fast_asked;    /* too-fast sends asked to confirm */
	atomic_ulong fast_confirmed; /* ... and confirmed */
	struct render_cache *cache; /* first pages of forms, without token */

	pthread_mutex_t lock;       /* guards readers */
	struct reader *readers;     /* one per worker thread */
	size_t nreaders, readers_cap;
};

/*
 * Sets up c for the forms in fs (which must outlive c) over the database
 * opened as db (recording each form's version, reading the token key),
 * opens the mounts of opt in order, and hands db to the writer thread.
 * Returns 0, or -1 (logged; db closed, c released). A mount whose first
 * segment is taken, or more than COLLECTOR_MOUNTS_MAX, is an error.
 */
int collector_init(struct collector *c, const struct collector_options *opt,
		   const struct formset *fs, struct store *db);
/* Commits what is queued and closes every connection. */
void collector_release(struct collector *c);
/*
 * Serves the forms in fs from now on: records each form's version over
 * db (the caller's, any read-write connection), then swaps forms,
 * versions and a fresh render cache in for the next handler calls (see
 * struct collector). Takes fs (heap, loaded without error) in any case:
 * it is freed by collector_release(). Returns 0, or -1 (logged) when a
 * version could not be stored: then the old set keeps serving.
 *
 * Form tokens bind a form's key and event, not its version, so a page
 * served before the reload can still be sent after it; the answers are
 * then checked against, and stored as answers to, the form as it is
 * now (a question added as required asks the respondent for it; one
 * taken away is not stored).
 */
int collector_reload(struct collector *c, struct formset *fs,
		     struct store *db);
/* The http_handler_fn for the server; ctx is the struct collector. */
int collector_handle(void *ctx, struct http_request *rq,
		     struct http_response *rs);

/* ---- for page handlers ---- */

struct page {
	struct collector *c;
	struct http_request *rq;
	struct http_response *rs;
	struct html h;
	long long now;              /* wall clock, unix seconds */
	char *seg[8];               /* path segments: /f/x -> "f", "x" */
	size_t nseg;
	int script;                 /* page_begin links show-if.js */
};

/* This thread's read connection (opened on first use), or NULL (logged). */
struct store *collector_reader(struct collector *c);
/*
 * The event with key, read through this thread's cache of events (see
 * event-cache.h): 1 and a copy in *out to event_release(), 0 when none,
 * -1 when the database cannot be read (logged).
 */
int collector_event(struct collector *c, const char *key, struct event *out);
/*
 * The contact minutes of the certificate event key offers, from the same
 * cache: 0 none, -1 when the database cannot be read (logged).
 */
long collector_certificate_minutes(struct collector *c, const char *key);
/* Index of form in c->forms, or -1. */
int collector_form_index(const struct collector *c, const struct form *f);

/* Route handlers: fill p->h / p->rs; return 0 or HTTP_SUSPEND. */
int page_home(struct page *p);
int page_form(struct page *p);
int page_static(struct page *p);
int page_health(struct page *p);
/* Certificates of attendance (page-certificate.c): the form and PDF at
 * /certificate/<event>?c=GRANT, and verification at /c/<code>. */
int page_certificate(struct page *p);
int page_verify(struct page *p);
/* The topic board (page-ideas.c): /ideas and POST /ideas/<id>/vote. */
int page_ideas(struct page *p);
/*
 * "Suggested by members": the idea event answers, with its supporters
 * and a link to it on the board; nothing when it answers none. For the
 * event's thank-you page (the form's own pages are cached).
 */
void page_ideas_answered(struct page *p, const char *event);
/*
 * Answers that wait (HTTP_SUSPEND): the handler sets rq->app to its state,
 * whose first member is a struct deferred; when the request is resumed,
 * collector_handle() calls resume() with the same request.
 */
struct deferred {
	int (*resume)(struct page *p);
};
/* The second call for a submission that waited on the writer. */
int page_submit_resume(struct page *p);

/*
 * The address p's request is counted by for rate limits (page-limit.c),
 * into out; returns its length (4 or 16): the peer's, or behind
 * --trusted-proxy the client's (ratelimit_client()).
 */
size_t page_client(struct page *p, unsigned char out[16]);

/* Layout (page-layout.c): everything around a page's main content. */
void page_begin(struct page *p, const char *title);
void page_end(struct page *p);
/*
 * The public base of links printed or shown off-site ("https://host"):
 * base_url, else the request's Host (scheme https when https is set: the
 * committee area behind a TLS proxy).
 */
void page_public_base(struct page *p, int https, struct buf *out);
/* Writes an href attribute for a site path ("/f/x"), base_url aware. */
void page_href(struct page *p, const char *path);
void page_hreff(struct page *p, const char *fmt, ...) PRINTF_LIKE(2, 3);
/*
 * date_text() and date_time_text() (date.h) escaped into h: "Tuesday 3
 * March 2026" for YYYY-MM-DD (the input itself if not a date), "3 March
 * 2026 at 17:00" for unix seconds in local time.
 */
void page_date(struct html *h, const char *ymd);
void page_time(struct html *h, long long t);

/* Error pages (page-error.c): a heading, a sentence, a way home. */
void page_error(struct page *p, int status, const char *title,
		const char *text);
void page_not_found(struct page *p);
void page_method_not_allowed(struct page *p, const char *allow);

/* Lists the open standing forms and events (home and thanks pages). */
void page_list_open(struct page *p, const char *skip_form,
		    const char *skip_event);

#endif
