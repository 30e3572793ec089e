/*
 * admin.h - the committee area under /admin: sessions, the checks every
 * request passes (sign-in, role, CSRF token, Origin), its layout, and one
 * handler per page family (admin-*.c).
 */
#ifndef SIGSURVEY_ADMIN_H
#define SIGSURVEY_ADMIN_H

#include "auth.h"
#include "collector.h"
#include "fields.h"

#define ADMIN_COOKIE "sigsurvey_admin"
#define ADMIN_SESSION_SECONDS (12 * 60 * 60)   /* absolute lifetime */
#define ADMIN_IDLE_SECONDS (2 * 60 * 60)       /* idle timeout */

/* What `serve` tells the committee area (the rest is the collector's). */
struct admin_options {
	int secure_cookies;         /* session cookie only over HTTPS */
	const char *self;           /* this program, re-run for downloads */
	int self_fd;                /* > 2: this program opened at start,
				      exec'd instead of the path self (a
				      binary replaced or removed since,
				      as by `make install`, still runs);
				      0: self is run by its path */
	const char *forms_dir;      /* --forms, for those runs */
	unsigned report_timeout;    /* seconds a download may take; 0: 120 */
};

struct admin;

/*
 * A new committee area with a copy of opt (the strings stay the
 * caller's), not yet mounted. Free it with admin_free() after the
 * collector it was mounted on is released.
 */
struct admin *admin_new(const struct admin_options *opt);
void admin_free(struct admin *a);                 /* accepts NULL */
/*
 * Fills m to mount a under /admin: the collector's open hook makes a
 * one-time setup token when no account exists (see admin_setup_token),
 * its close hook closes a's database connections.
 */
void admin_mount(struct admin *a, struct collector_mount *m);
/*
 * The setup token made when the area was opened with no account, or
 * NULL. `serve` prints it as a link to /admin/setup?token=...
 */
const char *admin_setup_token(const struct admin *a);

/* A checked request value (admin-value.c). */
struct admin_value {
	const char *name;           /* the field table's name */
	const char *s;              /* the request's text, never "" */
	long long n;                /* numbers and flags: the value; else 0 */
};
#define ADMIN_VALUES_MAX 32

/* One admin request: what every handler gets. */
struct areq {
	struct page *p;
	struct html *h;
	struct collector *c;
	struct admin *ad;
	const struct admin_options *opt;
	struct store *db;           /* this thread's read-write connection */
	struct session se;          /* se.user NULL: not signed in */
	char session_hash[AUTH_HASH_HEX + 1];
	struct fields query;        /* the query string */
	struct fields form;         /* a POST's urlencoded body */
	int is_admin;               /* role admin: may change things */
	int post;                   /* a POST that passed the checks */
	/* from the route: its :event / :form segment, or its :id */
	const char *arg;
	long long id;
	/* the fields the route declares, checked (areq_valid and friends) */
	const char *fields;         /* their names, space-separated */
	struct admin_value val[ADMIN_VALUES_MAX];
	size_t nval;
};

/*
 * Raw values, for fields the route does not declare (free text checked
 * by its handler): from the query (GET) or the body (POST), or NULL;
 * valid UTF-8 without NUL bytes.
 */
const char *areq_get(const struct areq *a, const char *name);
const char *areq_query(const struct areq *a, const char *name);
const char *areq_form(const struct areq *a, const char *name);

/*
 * Typed values (admin-value.c), checked once per request against the
 * field table before the handler runs, for the names the route row
 * declares. Each reads name, which the route must declare.
 * areq_valid: the checked text, or NULL when absent or empty.
 * areq_int: the number (or flag, 1) given, or absent when not given.
 * areq_valid_all: up to max values of a field that may repeat into out;
 * returns how many.
 */
const char *areq_valid(const struct areq *a, const char *name);
long long areq_int(const struct areq *a, const char *name, long long absent);
size_t areq_valid_all(const struct areq *a, const char *name,
		      const char **out, size_t max);
/*
 * Checks the fields named in a->fields (query and body) into a->val.
 * Returns 0, or -1 after answering 400 with every problem listed.
 */
int admin_values_check(struct areq *a);
/* 1 when s is a valid path segment of kind ':event', ':form' or ':id'. */
int admin_segment_ok(const char *kind, const char *s, long long *id);
/*
 * The event named by the route's :event segment into *e (release it):
 * 1, or 0 after answering 404 (no such event) or 500.
 */
int admin_event_load(struct areq *a, struct event *e);

/* Layout: a page with the committee navigation; nav names the tab. */
void admin_begin(struct areq *a, const char *title, const char *nav);
void admin_end(struct areq *a);
/* A page with a heading and one sentence (status set, body replaced). */
void admin_error(struct areq *a, int status, const char *title,
		 const char *text);
void admin_not_found(struct areq *a);
/* 403 for a viewer who tried to change something. */
void admin_forbidden(struct areq *a);
/* 405 with Allow: allow (a literal). */
void admin_not_allowed(struct areq *a, const char *allow);
/* 303 to the site path (prefix added), no body to speak of. */
void admin_redirect(struct areq *a, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* The hidden CSRF field every form of a signed-in page carries. */
void admin_csrf_field(struct areq *a);
/* <form method="post" action="..."> opened with the CSRF field. */
void admin_form_open(struct areq *a, const char *action_fmt, ...)
	PRINTF_LIKE(2, 3);
/*
 * A labelled input: id is also its name; hint and err may be NULL (err
 * is shown beside it and ties to it with aria-describedby); flags:
 */
#define INPUT_REQUIRED 1
void admin_input(struct areq *a, const char *id, const char *label,
		 const char *hint, const char *type, const char *value,
		 const char *autocomplete, const char *err, int flags);
/* A <select> of n (value, label) pairs with value selected. */
void admin_select(struct areq *a, const char *id, const char *label,
		  const char *const *values, const char *const *labels,
		  size_t n, const char *selected, const char *err);
/* Error summary (GOV.UK style) of (field id, message) pairs. */
struct admin_errors {
	const char *id[16];
	const char *msg[16];
	size_t n;
};
void admin_error_add(struct admin_errors *e, const char *id, const char *msg);
/* Both accept e == NULL (no errors). */
void admin_error_summary(struct areq *a, const struct admin_errors *e);
const char *admin_error_for(const struct admin_errors *e, const char *id);

/* Public base of links shown to respondents ("http://host:port"). */
void admin_public_base(struct areq *a, struct buf *out);
/* A session cookie header value for token (or one that clears it). */
void admin_set_cookie(struct areq *a, const char *token);
/* Starts a session for user: cookie set, row stored. 0 or -1. */
int admin_start_session(struct areq *a, const char *user);

/* "Open", "Closed" or "Not open yet", with a class name for the tag. */
const char *admin_event_state(const struct event *e, long long now,
			      const char **cls);
/* Writes the state tag of e. */
void admin_event_tag(struct areq *a, const struct event *e);

/* The event's public form address ("http://host/f/FORM/KEY") into out. */
void admin_event_link(struct areq *a, const struct event *e, struct buf *out);
/* Answer the event's QR code PNG / printable handout PDF (admin-handout.c). */
void admin_event_qr(struct areq *a, const struct event *e);
void admin_event_handout(struct areq *a, const struct event *e);
/*
 * Shown instead of the QR code, on the page and the handout, when the
 * event's address is a loopback one (url_loopback()) no phone can open.
 */
extern const char admin_loopback_warning[];

/*
 * Certificates of attendance (admin-certificates.c): the event form's
 * contact-hours field, its value for the form, its check (minutes, 0
 * for none, -1 with the error added), the panel on the event's page,
 * the CSV download and revoking (admin only, POST).
 */
void admin_certificate_field(struct areq *a, const struct fields *v,
			     const struct admin_errors *err);
void admin_certificate_fields(struct areq *a, const char *event,
			      struct fields *out);
long admin_certificate_check(struct areq *a, struct admin_errors *err);
void admin_certificate_panel(struct areq *a, const struct event *e);
/* Routes /admin/events/:event/certificates.csv (GET), .../certificates (POST). */
int admin_certificate_csv(struct areq *a);
int admin_certificate_revoke(struct areq *a);

/*
 * Route handlers, one per row of the table in admin.c, which has checked
 * the method, the role, the path and the declared fields: each returns 0
 * with p->rs filled, or HTTP_SUSPEND.
 */
int admin_setup(struct areq *a);             /* admin-auth.c */
int admin_login(struct areq *a);
int admin_logout(struct areq *a);
int admin_dashboard(struct areq *a);         /* admin-dashboard.c */
int admin_events(struct areq *a);            /* admin-events.c: list, new */
int admin_event(struct areq *a);             /* one event, its changes */
int admin_event_qr_page(struct areq *a);     /* admin-handout.c */
int admin_event_handout_page(struct areq *a);
int admin_forms(struct areq *a);             /* admin-summary.c */

struct stats;
struct stats_trend;
/*
 * The "Per event" section of a form summary from t (gathered by
 * stats_trend_gather() with STATS_MIN_GROUP, as the report's): mean of
 * the first rating and NPS per event as charts and a table, small events
 * left out with a note (admin-trend.c). Writes nothing when no event has
 * responses.
 */
void admin_trend(struct areq *a, const struct form *f,
		 const struct stats_trend *t);
/*
 * Responses per day of st as a column chart on a calendar axis (per
 * month when the days span more than three months); nothing when empty.
 */
void admin_timeline(struct html *h, const struct stats *st);

/*
 * One question's figures and charts in a summary (admin-questions.c),
 * from the counts of k (non-NULL: the caller says "no answers" itself).
 * admin_options() and admin_likert() return 0, writing nothing, when
 * nobody answered; admin_options() reads the respondents of a multi
 * question and of Other boxes from stats_answered(&st->all, ...).
 */
struct keystats;
struct group;
void admin_figure(struct html *h, const char *label, const char *value);
void admin_numeric(struct html *h, const struct question *q,
		   const struct keystats *k);
void admin_distribution(struct html *h, const struct question *q,
			const struct keystats *k, double lo, double hi);
void admin_nps(struct html *h, const struct question *q,
	       const struct keystats *k);
int admin_options(struct html *h, const struct stats *st,
		  const struct question *q, const struct keystats *k);
int admin_likert(struct html *h, const struct group *g,
		 const struct question *q);
int admin_responses(struct areq *a);         /* admin-responses.c */
int admin_response(struct areq *a);
int admin_report(struct areq *a);            /* admin-download.c */
int admin_export(struct areq *a);
int admin_users(struct areq *a);             /* admin-users.c */
/* /admin/invite (anyone with a link) and /admin/account (admin-account.c) */
int admin_invite(struct areq *a);
int admin_account(struct areq *a);
/*
 * Makes a one-time link for name, valid AUTH_INVITE_SECONDS: an
 * invitation to a new account with role, or (role NULL) a reset link
 * for an existing one (store_invite_put()); appends the whole address,
 * BASE/admin/invite?token=..., to out. Returns 0, or -1 (logged; name
 * in use or unknown, or a database error).
 */
int admin_invite_link(struct areq *a, const char *name, const char *role,
		      struct buf *out);
/*
 * The idea an event answers, on the event's page (admin-ideas.c):
 * "Suggested by members" with its supporters (votes); nothing when the
 * event answers none.
 */
void admin_idea_panel(struct areq *a, const struct event *e);
int admin_ideas(struct areq *a);             /* admin-ideas.c: the list */
int admin_idea(struct areq *a);              /* one idea, its changes */
int admin_follow_up(struct areq *a);         /* admin-follow-up.c */
int admin_follow_up_csv(struct areq *a);

/* ---- child processes for downloads (admin-child.c) ---- */

#define ADMIN_CHILDREN_MAX 4       /* reports and exports at once */

struct child_result {
	struct buf out, err;        /* its stdout; the end of its stderr */
	int status;                 /* exit status; -1 killed or crashed */
	int timed_out, too_big;
};

struct admin_child;

/*
 * Starts argv[0] with argv (no shell; stdin /dev/null; its own process
 * group) with timeout seconds to finish; when exec_fd > 2 the program
 * run is that open file instead of the path argv[0] (see struct child's
 * exec_fd). Returns the child, or NULL:
 * *busy = 1 when ADMIN_CHILDREN_MAX run already or the server is
 * stopping, else it could not start (logged).
 */
struct admin_child *admin_child_start(char *const argv[], int exec_fd,
				      unsigned timeout, int *busy);
/*
 * Collects its output on a helper thread, kills it (and its process
 * group) at the time limit, then calls done(arg) on that thread. The
 * caller must not touch ch until done has been called.
 */
void admin_child_wait(struct admin_child *ch, void (*done)(void *arg),
		      void *arg);
const struct child_result *admin_child_result(const struct admin_child *ch);
/* Moves the collected stdout into out (released first). */
void admin_child_take_output(struct admin_child *ch, struct buf *out);
void admin_child_free(struct admin_child *ch);       /* accepts NULL */
/*
 * For shutdown, after the server stops accepting: no new children; the
 * running ones are killed and their requests answered (waits up to 5 s).
 */
void admin_quiesce(void);

/* Login throttling (admin-auth.c): in memory, per account and client. */
struct throttle;
struct throttle *throttle_new(void);
struct throttle *admin_throttle(struct areq *a);
void throttle_free(struct throttle *t);

#endif
