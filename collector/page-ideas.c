/*
 * page-ideas.c - the public topic board: /ideas lists the approved ideas
 * (never who suggested them) with their votes and status, sorted by
 * votes or newest, filtered by status; POST /ideas/ID/vote counts one
 * vote per browser, named by a signed long-lived cookie, and answers
 * 303 back to the idea.
 *
 * The cookie is "ID.MAC": ID 16 random bytes, MAC an HMAC of ID under
 * the secret "ideas-voter"; the database stores only a keyed hash of ID.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "collector.h"
#include "crypto.h"
#include "idea.h"
#include "ratelimit.h"
#include "util.h"

#define VOTER_COOKIE "sigsurvey_voter"
#define VOTER_ID_BYTES 16
#define VOTER_SECONDS (2 * 365 * 24 * 60 * 60)
#define VOTE_FORM "board:vote"      /* the form name vote tokens sign */
/*
 * Votes per minute per client, as a multiple of the submissions' limit:
 * a room behind one address votes for several ideas each.
 */
#define VOTES_PER_SUBMISSION 5

static pthread_mutex_t vote_rl_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ratelimit *vote_rl;          /* for the life of the process */

static const char *const sorts[] = { "votes", "newest", NULL };

/* What /ideas was asked for: checked query values, or defaults. */
struct board_view {
	const char *status;          /* a public status, or NULL: all */
	int newest;
	long page;                   /* from 1 */
	long long voted;             /* the idea a vote came back to */
	const char *result;          /* "counted" / "already" / "closed" */
};

static const char *word_in(const char *s, const char *const *v)
{
	for (size_t i = 0; s && v[i]; i++)
		if (!strcmp(s, v[i]))
			return v[i];
	return NULL;
}

static const char *fval(const struct fields *fs, const char *name)
{
	const struct field *f = fields_get(fs, name);

	return f && strlen(f->value) == f->len ? f->value : NULL;
}

/* Reads sort, status, page (and voted, r on the page) from fs. */
static void view_read(const struct fields *fs, struct board_view *v)
{
	static const char *const results[] = { "counted", "already", "closed",
					       NULL };
	const char *s;
	long n;

	memset(v, 0, sizeof(*v));
	v->page = 1;
	v->status = word_in(fval(fs, "status"), idea_public_statuses);
	v->newest = word_in(fval(fs, "sort"), sorts) == sorts[1];
	s = fval(fs, "page");
	if (s && strspn(s, "0123456789") == strlen(s) && strlen(s) < 7 &&
	    (n = atol(s)) >= 1)
		v->page = n;
	s = fval(fs, "voted");
	if (s && strspn(s, "0123456789") == strlen(s) && strlen(s) < 13)
		v->voted = atoll(s);
	v->result = word_in(fval(fs, "r"), results);
}

/* The query string of v (sort, status, page), "" when all default. */
static void view_query(const struct board_view *v, long page, struct buf *out)
{
	char sep = '?';

	if (v->newest) {
		buf_addf(out, "%csort=newest", sep);
		sep = '&';
	}
	if (v->status) {
		buf_addf(out, "%cstatus=%s", sep, v->status);
		sep = '&';
	}
	if (page > 1)
		buf_addf(out, "%cpage=%ld", sep, page);
}

/* The label of option code of question key in the idea's form, or code. */
static const char *option_label(struct page *p, const char *form,
				const char *key, const char *code)
{
	const struct form *f = formset_find(p->c->forms, form);
	const struct question *q = f ? form_question(f, key) : NULL;

	for (size_t i = 0; q && code && i < q->options.n; i++)
		if (!strcmp(q->options.v[i].code, code))
			return q->options.v[i].label;
	return code;
}

/* 1 when members may still vote for i (as shown). */
static int votable(const struct idea_info *i)
{
	return !strcmp(i->status, "suggested") ||
	       !strcmp(i->status, "planned") ||
	       !strcmp(i->status, "scheduled");
}

static void idea_status(struct page *p, const struct idea_info *i)
{
	struct html *h = &p->h;

	html_lit(h, "<p class=\"idea-status\"><span");
	html_attrf(h, "class", "tag tag-%s", i->status);
	html_lit(h, ">");
	html_text(h, idea_status_label(i->status));
	html_lit(h, "</span>");
	if (i->event) {
		html_lit(h, " <a");
		if (i->event_form)
			page_hreff(p, "/f/%s/%s", i->event_form, i->event);
		html_lit(h, ">");
		html_text(h, i->event_title);
		html_lit(h, "</a>, ");
		page_date(h, i->event_date);
	}
	if (i->note) {
		html_lit(h, " <span class=\"idea-note\">");
		html_text(h, i->note);
		html_lit(h, "</span>");
	}
	html_lit(h, "</p>\n");
}

static void vote_result(struct page *p, const struct board_view *v)
{
	struct html *h = &p->h;

	html_lit(h, "<p class=\"notice\" role=\"status\">");
	if (!strcmp(v->result, "counted"))
		html_lit(h, "Thank you: your vote is counted.");
	else if (!strcmp(v->result, "already"))
		html_lit(h, "Your vote for this idea was already counted. "
			 "Each browser counts once per idea.");
	else
		html_lit(h, "This idea is no longer open to votes.");
	html_lit(h, "</p>\n");
}

static void idea_item(struct page *p, const struct idea_info *i,
		      const struct board_view *v, const char *token)
{
	struct html *h = &p->h;
	const char *level = option_label(p, i->form, "level", i->level);
	const char *format = option_label(p, i->form, "format", i->format);

	html_lit(h, "<li class=\"card idea\"");
	html_attrf(h, "id", "idea-%lld", i->id);
	html_lit(h, "><h2 class=\"idea-topic\">");
	html_text(h, i->topic);
	html_lit(h, "</h2>\n");
	if (i->description && *i->description) {
		html_lit(h, "<p class=\"idea-text\">");
		html_text(h, i->description);
		html_lit(h, "</p>\n");
	}
	if (level || format) {
		html_lit(h, "<p class=\"meta\">");
		html_text(h, level);
		if (level && format)
			html_lit(h, " \xc2\xb7 ");
		html_text(h, format);
		html_lit(h, "</p>\n");
	}
	idea_status(p, i);
	if (v->voted == i->id && v->result)
		vote_result(p, v);
	html_lit(h, "<div class=\"idea-votes\"><p class=\"votes\"><strong>");
	html_num(h, i->votes);
	html_lit(h, "</strong> ");
	html_text(h, i->votes == 1 ? "member would attend"
				   : "members would attend");
	html_lit(h, "</p>\n");
	if (votable(i) && token) {
		struct buf q = BUF_INIT;

		view_query(v, v->page, &q);
		html_lit(h, "<form method=\"post\"");
		html_attrf(h, "action", "%s/ideas/%lld/vote%s", p->c->prefix,
			   i->id, q.s);
		html_lit(h, "><input type=\"hidden\" name=\"_token\"");
		html_attr(h, "value", token);
		html_lit(h, "><button type=\"submit\" class=\"button "
			 "button-secondary button-vote\"");
		html_attrf(h, "aria-describedby", "idea-%lld-t", i->id);
		html_lit(h, ">I\xe2\x80\x99" "d attend this</button></form>\n");
		buf_release(&q);
	}
	html_lit(h, "</div>");
	/* the button names its idea for screen readers */
	html_lit(h, "<span class=\"visually-hidden\"");
	html_attrf(h, "id", "idea-%lld-t", i->id);
	html_lit(h, ">");
	html_text(h, i->topic);
	html_lit(h, "</span></li>\n");
}

static void filters(struct page *p, const struct board_view *v)
{
	struct html *h = &p->h;

	html_lit(h, "<form method=\"get\" class=\"board-filters\"");
	html_attrf(h, "action", "%s/ideas", p->c->prefix);
	html_lit(h, "><div><label class=\"label-small\" for=\"sort\">Sort by"
		 "</label><select class=\"input\" id=\"sort\" name=\"sort\">"
		 "<option value=\"votes\">Most votes</option><option "
		 "value=\"newest\"");
	if (v->newest)
		html_lit(h, " selected");
	html_lit(h, ">Newest</option></select></div>\n<div><label "
		 "class=\"label-small\" for=\"status\">Status</label><select "
		 "class=\"input\" id=\"status\" name=\"status\"><option "
		 "value=\"\">Any status</option>");
	for (size_t i = 0; idea_public_statuses[i]; i++) {
		html_lit(h, "<option");
		html_attr(h, "value", idea_public_statuses[i]);
		if (v->status && !strcmp(v->status, idea_public_statuses[i]))
			html_lit(h, " selected");
		html_lit(h, ">");
		html_text(h, idea_status_label(idea_public_statuses[i]));
		html_lit(h, "</option>");
	}
	html_lit(h, "</select></div>\n<div><button type=\"submit\" "
		 "class=\"button button-secondary\">Show</button></div>"
		 "</form>\n");
}

static void pager(struct page *p, const struct board_view *v, long total)
{
	struct html *h = &p->h;
	long pages = (total + IDEA_PAGE - 1) / IDEA_PAGE;
	struct buf q = BUF_INIT;

	if (pages <= 1)
		return;
	html_lit(h, "<nav class=\"pager\" aria-label=\"Pages of ideas\"><p>");
	if (v->page > 1) {
		view_query(v, v->page - 1, &q);
		html_lit(h, "<a rel=\"prev\"");
		page_hreff(p, "/ideas%s", q.s);
		html_lit(h, ">Previous</a> ");
	}
	html_textf(h, "Page %ld of %ld", v->page, pages);
	if (v->page < pages) {
		buf_reset(&q);
		view_query(v, v->page + 1, &q);
		html_lit(h, " <a rel=\"next\"");
		page_hreff(p, "/ideas%s", q.s);
		html_lit(h, ">Next</a>");
	}
	html_lit(h, "</p></nav>\n");
	buf_release(&q);
}

/* GET /ideas: gathers the page of ideas, then renders it. */
static void board_page(struct page *p)
{
	struct html *h = &p->h;
	struct store *db = collector_reader(p->c);
	struct board_view v;
	struct idea_filter f = { 0 };
	struct idea_info *ideas = NULL;
	struct fields q;
	char today[11];
	char *token = NULL;
	size_t n = 0;
	long total = -1;

	fields_init(&q);
	fields_parse(&q, p->rq->query, strlen(p->rq->query));
	view_read(&q, &v);
	idea_today(p->now, today);
	f.status = v.status ? v.status : "public";
	f.today = today;
	f.newest = v.newest;
	f.limit = IDEA_PAGE;
	f.offset = (v.page - 1) * IDEA_PAGE;
	if (db)
		total = store_idea_count(db, &f);
	if (total < 0 || store_idea_list(db, &f, &ideas, &n) < 0) {
		page_error(p, 503, "Sorry, there is a problem",
			   "The topic board cannot be read just now. Please "
			   "try again in a few minutes.");
		goto out;
	}
	token = token_make(p->c->token_key, VOTE_FORM, NULL, p->now);
	p->rs->status = 200;
	p->rs->cache_control = "no-store";
	page_begin(p, "Topic board");
	html_lit(h, "<h1>Topic board</h1>\n<p class=\"lead\">Training and "
		 "programme ideas from members. Vote for the sessions you "
		 "would attend: the committee plans with the most wanted "
		 "first.</p>\n");
	for (size_t i = 0; i < p->c->forms->n; i++)
		if (p->c->forms->v[i]->board) {
			html_lit(h, "<p><a");
			page_hreff(p, "/f/%s", p->c->forms->v[i]->key);
			html_lit(h, ">Suggest a topic</a> (new ideas appear "
				 "here once the committee has read them)</p>\n");
			break;
		}
	filters(p, &v);
	if (!n)
		html_lit(h, "<p>No ideas here yet.</p>\n");
	else
		html_lit(h, "<ol class=\"cards ideas\">\n");
	for (size_t i = 0; i < n; i++)
		idea_item(p, &ideas[i], &v, token);
	if (n)
		html_lit(h, "</ol>\n");
	pager(p, &v, total);
	page_end(p);
out:
	free(token);
	ideas_free(ideas, n);
	fields_release(&q);
}

/* ---- POST /ideas/ID/vote ---- */

/* The value of cookie name in the request, or 0 when absent/too long. */
static int cookie_get(struct page *p, const char *name, char *out,
		      size_t size)
{
	const char *s = http_header(p->rq, "Cookie");
	size_t nl = strlen(name);

	while (s && *s) {
		const char *end;

		while (*s == ' ' || *s == ';')
			s++;
		end = s + strcspn(s, ";");
		if ((size_t)(end - s) > nl && !strncmp(s, name, nl) &&
		    s[nl] == '=') {
			size_t vl = (size_t)(end - s) - nl - 1;

			if (vl >= size)
				return 0;
			memcpy(out, s + nl + 1, vl);
			out[vl] = '\0';
			return 1;
		}
		s = end;
	}
	return 0;
}

/*
 * The browser's voter id from its cookie when the signature holds under
 * key; else a new random one, with the cookie to set on the response.
 */
static void voter_id(struct page *p, const unsigned char *key,
		     unsigned char id[VOTER_ID_BYTES])
{
	char c[128], b64[64], macb64[64];
	unsigned char mac[SEC_AUTH_BYTES];
	struct buf ck = BUF_INIT;
	const char *dot;
	const char *base = p->c->opt.base_url;
	size_t il = 0, ml = 0;

	if (cookie_get(p, VOTER_COOKIE, c, sizeof(c)) &&
	    (dot = strchr(c, '.')) &&
	    sec_base64url_decode(id, VOTER_ID_BYTES, c, (size_t)(dot - c),
				 &il) == 0 && il == VOTER_ID_BYTES &&
	    sec_base64url_decode(mac, sizeof(mac), dot + 1, strlen(dot + 1),
				 &ml) == 0 && ml == SEC_AUTH_BYTES &&
	    sec_auth_verify(mac, id, VOTER_ID_BYTES, key))
		return;
	sec_random(id, VOTER_ID_BYTES);
	sec_auth(mac, id, VOTER_ID_BYTES, key);
	sec_base64url(b64, sizeof(b64), id, VOTER_ID_BYTES);
	sec_base64url(macb64, sizeof(macb64), mac, sizeof(mac));
	buf_addf(&ck, VOTER_COOKIE "=%s.%s; Path=%s/ideas; HttpOnly; "
		 "SameSite=Lax; Max-Age=%d%s", b64, macb64, p->c->prefix,
		 VOTER_SECONDS,
		 base && !strncmp(base, "https://", 8) ? "; Secure" : "");
	free(p->rs->set_cookie);
	p->rs->set_cookie = buf_detach(&ck, NULL);
}

/*
 * Stores the vote of this browser for idea: 1 counted, 0 not counted,
 * -1 on error. Opens a write connection of its own for the moment.
 */
static int vote_store(struct page *p, long long idea)
{
	unsigned char key[SEC_AUTH_KEY_BYTES], id[VOTER_ID_BYTES];
	unsigned char voter[16];
	struct store *db = NULL;
	int ret = -1;

	if (store_open(&db, p->c->opt.db_path, 0) < 0 ||
	    store_secret(db, "ideas-voter", key, sizeof(key)) < 0)
		goto out;
	voter_id(p, key, id);
	sec_hash(voter, sizeof(voter), id, sizeof(id), key, sizeof(key));
	ret = store_idea_vote(db, idea, voter, sizeof(voter));
out:
	store_close(db);
	sec_wipe(key, sizeof(key));
	return ret;
}

/* The vote limiter, made on first use from the collector's limit. */
static struct ratelimit *vote_limiter(struct page *p)
{
	struct ratelimit *rl;

	pthread_mutex_lock(&vote_rl_lock);
	if (!vote_rl)
		vote_rl = ratelimit_new(p->c->opt.rate_limit != 0);
	rl = vote_rl;
	pthread_mutex_unlock(&vote_rl_lock);
	return rl;
}

/* Checks the vote request: 0, or -1 with the page answered. */
static int vote_admit(struct page *p, const struct fields *body,
		      long long *idea)
{
	const struct field *tok = fields_get(body, "_token");
	const char *s = p->seg[1];
	double votes = (double)p->c->opt.rate_limit * VOTES_PER_SUBMISSION;
	unsigned char addr[16];
	size_t alen = page_client(p, addr);
	struct timespec mono;
	long long served;

	if (strspn(s, "0123456789") != strlen(s) || strlen(s) > 12 ||
	    (*idea = atoll(s)) < 1) {
		page_not_found(p);
		return -1;
	}
	if (!tok || token_check(p->c->token_key, tok->value, tok->len,
				VOTE_FORM, NULL, p->now, &served) != TOKEN_OK) {
		page_error(p, 403, "This vote could not be counted",
			   "The page was out of date. Please open the topic "
			   "board again and vote from there.");
		return -1;
	}
	clock_gettime(CLOCK_MONOTONIC, &mono);
	if (!ratelimit_take(vote_limiter(p), addr, alen, votes, votes,
			    (double)mono.tv_sec + mono.tv_nsec / 1e9)) {
		p->rs->retry_after = "60";
		page_error(p, 429, "Too many votes",
			   "We have received a lot of votes from your network "
			   "in the last minute. Please wait a minute, then "
			   "vote again.");
		return -1;
	}
	return 0;
}

/*
 * Whether idea *id takes votes: 1 yes (a merged idea's votes go to the
 * idea it went into, which *id then names), 0 closed (done, declined),
 * -1 with the page answered (no such public idea: 404; 503).
 */
static int vote_open(struct page *p, long long *id)
{
	struct store *db = collector_reader(p->c);
	struct idea_info i = { 0 };
	char today[11];
	int found = -1, ret = -1;

	idea_today(p->now, today);
	if (db)
		found = store_idea_get(db, *id, today, &i);
	if (found == 1 && !strcmp(i.status, "merged") && i.merged_into) {
		*id = i.merged_into;
		idea_release(&i);
		found = store_idea_get(db, *id, today, &i);
	}
	if (found < 0)
		page_error(p, 503, "Sorry, there is a problem",
			   "Your vote could not be saved. Please try again in "
			   "a minute.");
	else if (!found || !idea_status_public(i.status))
		page_not_found(p);
	else
		ret = votable(&i);
	idea_release(&i);
	return ret;
}

static void vote(struct page *p)
{
	struct fields body, q;
	struct board_view v;
	struct buf loc = BUF_INIT;
	long long idea;
	int rc, open;

	fields_init(&body);
	fields_init(&q);
	if (!p->rq->content_type ||
	    strncasecmp(p->rq->content_type,
			"application/x-www-form-urlencoded", 33)) {
		page_error(p, 415, "This vote could not be read",
			   "Please vote from the topic board's page.");
		goto out;
	}
	fields_parse(&body, p->rq->body.s ? p->rq->body.s : "",
		     p->rq->body.len);
	fields_parse(&q, p->rq->query, strlen(p->rq->query));
	if (vote_admit(p, &body, &idea) < 0 || (open = vote_open(p, &idea)) < 0)
		goto out;
	rc = open ? vote_store(p, idea) : 0;
	if (rc < 0) {
		page_error(p, 503, "Sorry, there is a problem",
			   "Your vote could not be saved. Please try again in "
			   "a minute.");
		goto out;
	}
	view_read(&q, &v);
	buf_addf(&loc, "%s/ideas", p->c->prefix);
	view_query(&v, v.page, &loc);
	buf_addf(&loc, "%cvoted=%lld&r=%s#idea-%lld",
		 strchr(loc.s, '?') ? '&' : '?', idea,
		 !open ? "closed" : rc ? "counted" : "already", idea);
	p->rs->status = 303;
	p->rs->cache_control = "no-store";
	p->rs->location = buf_detach(&loc, NULL);
	page_begin(p, "Vote received");
	html_lit(&p->h, "<p><a");
	html_attr(&p->h, "href", p->rs->location);
	html_lit(&p->h, ">Back to the topic board</a></p>\n");
	page_end(p);
out:
	buf_release(&loc);
	fields_release(&body);
	fields_release(&q);
}

int page_ideas(struct page *p)
{
	int get = p->rq->method == HTTP_GET || p->rq->method == HTTP_HEAD;

	if (p->nseg == 1 && get) {
		board_page(p);
	} else if (p->nseg == 1) {
		page_method_not_allowed(p, "GET, HEAD");
	} else if (p->nseg == 3 && !strcmp(p->seg[2], "vote")) {
		if (p->rq->method == HTTP_POST)
			vote(p);
		else
			page_method_not_allowed(p, "POST");
	} else {
		page_not_found(p);
	}
	return 0;
}

void page_ideas_answered(struct page *p, const char *event)
{
	struct html *h = &p->h;
	struct store *db = collector_reader(p->c);
	struct idea_info i = { 0 };
	char today[11];

	idea_today(p->now, today);
	if (!db || store_idea_for_event(db, event, today, &i) != 1)
		return;
	html_lit(h, "<section class=\"panel\" aria-labelledby=\"idea-h\">"
		 "<h2 id=\"idea-h\">Suggested by members</h2>\n<p>This event "
		 "answers an idea from the topic board: <a");
	page_hreff(p, "/ideas#idea-%lld", i.id);
	html_lit(h, ">");
	html_text(h, i.topic);
	html_lit(h, "</a>");
	html_textf(h, " (%ld member%s said they would attend).", i.votes,
		   plural(i.votes, "", "s"));
	html_lit(h, "</p></section>\n");
	idea_release(&i);
}
