/*
 * collector.c - the application behind the server: setup and teardown,
 * per-thread read connections, and the route table every request goes
 * through, with the areas mounted by the caller after it.
 */
#include "collector.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cache.h"
#include "crypto.h"
#include "embedded.h"
#include "event-cache.h"
#include "ratelimit.h"
#include "util.h"
#include "writer.h"

static const struct route {
	const char *first;          /* first path segment; "" is / */
	int (*fn)(struct page *p);
} routes[] = {
	{ "",       page_home },
	{ "f",      page_form },
	{ "static", page_static },
	{ "health", page_health },
	{ "certificate", page_certificate },
	{ "c",      page_verify },
	{ "ideas",  page_ideas },
};

/* The mount for first segment first, or NULL. */
static const struct collector_mount *find_mount(const struct collector *c,
						const char *first)
{
	for (size_t i = 0; i < c->opt.nmounts; i++)
		if (!strcmp(c->opt.mounts[i].first, first))
			return &c->opt.mounts[i];
	return NULL;
}

/* 0 when every mount has a segment of its own and a handler; else -1. */
static int check_mounts(const struct collector *c)
{
	if (c->opt.nmounts > COLLECTOR_MOUNTS_MAX)
		return error("collector: more than %d mounts",
			     COLLECTOR_MOUNTS_MAX);
	for (size_t i = 0; i < c->opt.nmounts; i++) {
		const struct collector_mount *m = &c->opt.mounts[i];
		int taken = find_mount(c, m->first) != m;

		for (size_t j = 0; j < ARRAY_SIZE(routes); j++)
			taken |= !strcmp(routes[j].first, m->first);
		if (!*m->first || strchr(m->first, '/') || taken || !m->handle)
			return error("collector: cannot mount /%s", m->first);
	}
	return 0;
}

/* Opens each mount in turn; 0, or -1 (logged) at the first failure. */
static int open_mounts(struct collector *c, struct store *db)
{
	if (check_mounts(c) < 0)
		return -1;
	for (size_t i = 0; i < c->opt.nmounts; i++) {
		const struct collector_mount *m = &c->opt.mounts[i];

		if (m->open && m->open(m->ctx, c, db) < 0)
			return -1;
	}
	return 0;
}

/*
 * A reload waits for the handler calls in progress, and new calls wait
 * for it: writers first, so steady traffic cannot starve a reload.
 */
static void init_gen_lock(struct collector *c)
{
	pthread_rwlockattr_t attr;

	pthread_rwlockattr_init(&attr);
	pthread_rwlockattr_setkind_np(&attr,
		PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
	pthread_rwlock_init(&c->gen_lock, &attr);
	pthread_rwlockattr_destroy(&attr);
}

/* The version ids of fs's forms, recorded over db (caller frees), or NULL. */
static long long *put_versions(const struct formset *fs, struct store *db)
{
	long long *v = xcalloc(fs->n + 1, sizeof(*v));

	for (size_t i = 0; i < fs->n; i++)
		if (store_put_form(db, fs->v[i], &v[i]) < 0) {
			free(v);
			return NULL;
		}
	return v;
}

int collector_reload(struct collector *c, struct formset *fs,
		     struct store *db)
{
	long long *versions = put_versions(fs, db), *old_versions;
	struct render_cache *cache, *old_cache;

	ALLOC_GROW(c->reloaded, c->nreloaded + 1, c->reloaded_cap);
	c->reloaded[c->nreloaded++] = fs;
	if (!versions)
		return error("forms not reloaded: their versions could not "
			     "be stored");
	cache = cache_new();
	pthread_rwlock_wrlock(&c->gen_lock);
	old_versions = c->versions;
	old_cache = c->cache;
	c->forms = fs;
	c->versions = versions;
	c->cache = cache;
	pthread_rwlock_unlock(&c->gen_lock);
	free(old_versions);
	cache_free(old_cache);
	return 0;
}

/* A worker thread's read connection and what it has read. */
struct reader {
	struct store *db;
	struct event_cache *events;
};

static __thread struct reader tls_reader;
static __thread const struct collector *tls_owner;

int collector_init(struct collector *c, const struct collector_options *opt,
		   const struct formset *fs, struct store *db)
{
	size_t nstatic = 0;

	memset(c, 0, sizeof(*c));
	c->opt = *opt;
	c->forms = fs;
	pthread_mutex_init(&c->lock, NULL);
	init_gen_lock(c);
	c->versions = put_versions(fs, db);
	if (!c->versions)
		goto fail;
	if (store_secret(db, "form-token", c->token_key,
			 sizeof(c->token_key)) < 0)
		goto fail;
	while (static_files[nstatic].name)
		nstatic++;
	c->etags = xcalloc(nstatic + 1, sizeof(*c->etags));
	for (size_t i = 0; i < nstatic; i++) {
		unsigned char h[8];

		sec_hash(h, sizeof(h), static_files[i].data,
			 static_files[i].len, NULL, 0);
		sec_hex(c->etags[i], sizeof(c->etags[i]), h, sizeof(h));
	}
	c->prefix = xstrdup("");
	if (opt->base_url) {
		const char *p = strstr(opt->base_url, "://");

		p = p ? strchr(p + 3, '/') : NULL;
		if (p) {
			free(c->prefix);
			c->prefix = xstrdup(p);
		}
	}
	c->rl = ratelimit_new(opt->rate_limit != 0);
	c->mint = ratelimit_new(opt->rate_limit != 0);
	c->cache = cache_new();
	if (open_mounts(c, db) < 0)
		goto fail;
	if (writer_open(&c->writer, db) < 0) {
		db = NULL;
		goto fail_writer;
	}
	return 0;
fail:
	store_close(db);
fail_writer:
	collector_release(c);
	return -1;
}

void collector_release(struct collector *c)
{
	writer_close(c->writer);
	c->writer = NULL;
	for (size_t i = c->opt.nmounts; i-- > 0;)
		if (c->opt.mounts[i].close)
			c->opt.mounts[i].close(c->opt.mounts[i].ctx);
	c->opt.nmounts = 0;
	for (size_t i = 0; i < c->nreaders; i++) {
		store_close(c->readers[i].db);
		evcache_free(c->readers[i].events);
	}
	if (tls_owner == c) {         /* a later collector may reuse c */
		memset(&tls_reader, 0, sizeof(tls_reader));
		tls_owner = NULL;
	}
	free(c->readers);
	c->readers = NULL;
	c->nreaders = 0;
	ratelimit_free(c->rl);
	c->rl = NULL;
	ratelimit_free(c->mint);
	c->mint = NULL;
	cache_free(c->cache);
	c->cache = NULL;
	sec_wipe(c->token_key, sizeof(c->token_key));
	free(c->versions);
	free(c->etags);
	free(c->prefix);
	c->versions = NULL;
	c->etags = NULL;
	c->prefix = NULL;
	for (size_t i = 0; i < c->nreloaded; i++) {
		formset_release(c->reloaded[i]);
		free(c->reloaded[i]);
	}
	free(c->reloaded);
	c->reloaded = NULL;
	c->nreloaded = c->reloaded_cap = 0;
	pthread_mutex_destroy(&c->lock);
	pthread_rwlock_destroy(&c->gen_lock);
}

/* This thread's reader, opened on first use; NULL (logged). */
static struct reader *thread_reader(struct collector *c)
{
	struct reader r = { 0 };

	if (tls_reader.db && tls_owner == c)
		return &tls_reader;
	if (store_open(&r.db, c->opt.db_path, STORE_READONLY) < 0)
		return NULL;
	r.events = evcache_new();
	pthread_mutex_lock(&c->lock);       /* the list is for closing them */
	ALLOC_GROW(c->readers, c->nreaders + 1, c->readers_cap);
	c->readers[c->nreaders++] = r;
	pthread_mutex_unlock(&c->lock);
	tls_reader = r;
	tls_owner = c;
	return &tls_reader;
}

struct store *collector_reader(struct collector *c)
{
	struct reader *r = thread_reader(c);

	return r ? r->db : NULL;
}

int collector_event(struct collector *c, const char *key, struct event *out)
{
	struct reader *r = thread_reader(c);

	if (!r) {
		memset(out, 0, sizeof(*out));
		return -1;
	}
	return evcache_find(r->events, r->db, key, out);
}

long collector_certificate_minutes(struct collector *c, const char *key)
{
	struct reader *r = thread_reader(c);

	return r ? evcache_certificate_minutes(r->events, r->db, key) : -1;
}

int collector_form_index(const struct collector *c, const struct form *f)
{
	for (size_t i = 0; i < c->forms->n; i++)
		if (c->forms->v[i] == f)
			return (int)i;
	return -1;
}

/*
 * Splits path into p->seg, a copy in stack (size bytes) or, when longer,
 * in *block (caller frees); 0, or -1 when too deep.
 */
static int split_path(struct page *p, const char *path, char *stack,
		      size_t size, char **block)
{
	char *s, *save = NULL, *tok;
	size_t n;

	*block = NULL;
	if (path[0] != '/')
		return -1;
	n = strlen(path + 1);
	s = n < size ? stack : (*block = xmalloc(n + 1));
	memcpy(s, path + 1, n + 1);
	for (tok = strtok_r(s, "/", &save); tok;
	     tok = strtok_r(NULL, "/", &save)) {
		if (p->nseg >= ARRAY_SIZE(p->seg))
			return -1;
		p->seg[p->nseg++] = tok;
	}
	return 0;
}

/* Hands p to the route or mount of its first segment, or answers 404. */
static int route(struct page *p)
{
	const char *first = p->nseg ? p->seg[0] : "";
	const struct collector_mount *m;

	for (size_t i = 0; i < ARRAY_SIZE(routes); i++)
		if (!strcmp(routes[i].first, first))
			return routes[i].fn(p);
	m = find_mount(p->c, first);
	if (m)
		return m->handle(m->ctx, p);
	page_not_found(p);
	return 0;
}

int collector_handle(void *ctx, struct http_request *rq,
		     struct http_response *rs)
{
	struct page p = { .c = ctx, .rq = rq, .rs = rs };
	char stack[256], *block = NULL;
	int rc = 0;

	html_init(&p.h);
	p.now = (long long)time(NULL);
	pthread_rwlock_rdlock(&p.c->gen_lock);
	if (rq->app) {
		rc = ((struct deferred *)rq->app)->resume(&p);
	} else if (rq->overloaded && strcmp(rq->path, "/health")) {
		rs->retry_after = "10";
		rs->close = 1;
		page_error(&p, 503, "Sorry, we are very busy",
			   "Too many people are using this service right now. "
			   "Please try again in a few seconds.");
	} else if (split_path(&p, rq->path, stack, sizeof(stack), &block) < 0) {
		page_not_found(&p);
	} else {
		rc = route(&p);
	}
	if (rc != HTTP_SUSPEND && !rs->static_body && !rs->body.len) {
		buf_release(&rs->body);
		rs->body = p.h.b;
		buf_init(&p.h.b);
	}
	pthread_rwlock_unlock(&p.c->gen_lock);
	html_release(&p.h);
	free(block);
	return rc;
}
