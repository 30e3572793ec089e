/*
 * page-static.c - the embedded stylesheet and script, and /health (the
 * database readable at the right schema, and its last commit stored).
 */
#include <string.h>

#include "collector.h"
#include "embedded.h"
#include "writer.h"

static const char *content_type(const char *name)
{
	const char *dot = strrchr(name, '.');

	if (dot && !strcmp(dot, ".css"))
		return "text/css; charset=utf-8";
	if (dot && !strcmp(dot, ".js"))
		return "text/javascript; charset=utf-8";
	if (dot && !strcmp(dot, ".svg"))
		return "image/svg+xml; charset=utf-8";
	return "text/plain; charset=utf-8";
}

int page_static(struct page *p)
{
	struct http_response *rs = p->rs;
	const char *inm, *v;
	int i;

	if (p->rq->method != HTTP_GET && p->rq->method != HTTP_HEAD) {
		page_method_not_allowed(p, "GET, HEAD");
		return 0;
	}
	if (p->nseg != 2) {
		page_not_found(p);
		return 0;
	}
	for (i = 0; static_files[i].name; i++)
		if (!strcmp(static_files[i].name, p->seg[1]))
			break;
	if (!static_files[i].name) {
		page_not_found(p);
		return 0;
	}
	rs->etag = xmalloc(strlen(p->c->etags[i]) + 3);
	memcpy(rs->etag, "\"", 1);
	memcpy(rs->etag + 1, p->c->etags[i], strlen(p->c->etags[i]));
	memcpy(rs->etag + 1 + strlen(p->c->etags[i]), "\"", 2);
	/* a versioned URL never changes; a bare one is revalidated hourly */
	v = strstr(p->rq->query, "v=");
	rs->cache_control = v && !strcmp(v + 2, p->c->etags[i])
		? "public, max-age=31536000, immutable"
		: "public, max-age=3600";
	rs->content_type = content_type(static_files[i].name);
	inm = http_header(p->rq, "If-None-Match");
	if (inm && !strcmp(inm, rs->etag)) {
		rs->status = 304;
		rs->static_body = "";
		rs->static_len = 0;
		return 0;
	}
	rs->status = 200;
	rs->static_body = static_files[i].data;
	rs->static_len = static_files[i].len;
	return 0;
}

int page_health(struct page *p)
{
	struct store *db;
	const char *text = "ok\n";

	if (p->rq->method != HTTP_GET && p->rq->method != HTTP_HEAD) {
		page_method_not_allowed(p, "GET, HEAD");
		return 0;
	}
	db = collector_reader(p->c);
	if (!db || store_schema_version(db) != store_schema_latest())
		text = "database unavailable\n";
	else if (writer_failing(p->c->writer))
		text = "database cannot store responses: the last commit "
		       "failed\n";
	p->rs->content_type = "text/plain; charset=utf-8";
	p->rs->cache_control = "no-store";
	p->rs->status = strcmp(text, "ok\n") ? 503 : 200;
	p->rs->static_body = text;
	p->rs->static_len = strlen(text);
	return 0;
}
