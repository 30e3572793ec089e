/*
 * store.h - the database: the only module that talks to SQLite.
 * Written in core/store/, one file per table family.
 *
 * One struct store is one connection. A connection may be used by one
 * thread at a time; a program that reads from several threads opens one
 * connection per thread (WAL lets readers run beside the writer).
 * Every function that returns int returns 0 on success and -1 with the
 * error already logged, unless its comment says otherwise.
 */
#ifndef SIGSURVEY_STORE_H
#define SIGSURVEY_STORE_H

#include <stddef.h>

#include "answer.h"
#include "form.h"

struct store;

/*
 * Opens (creating when absent, mode 0600) the database at path and brings
 * its schema up to date with the embedded migrations. The directory must
 * exist. *out is a new handle; store_close() it. STORE_READONLY opens an
 * existing file for reading only; one from an older version of the
 * program is migrated first (which needs write access to the file).
 */
#define STORE_READONLY 1
int store_open(struct store **out, const char *path, int flags);
void store_close(struct store *s);          /* accepts NULL */

/* PRAGMA user_version, and how many migrations this build knows. */
int store_schema_version(struct store *s);
int store_schema_latest(void);
/*
 * PRAGMA data_version: a number that changes when another connection
 * (thread or process) has committed since this connection last asked.
 * No table is read. Returns it, or -1 (logged).
 */
long long store_data_version(struct store *s);

/*
 * Records the form's current version (by hash) when new; sets *version to
 * its row id, which submissions point at.
 */
int store_put_form(struct store *s, const struct form *f, long long *version);

/*
 * The canonical definition of the most recently recorded version of form
 * key, as a new string the caller frees, or NULL when there is none (not
 * an error) or on error (logged).
 */
char *store_latest_form(struct store *s, const char *key);

/*
 * The canonical definition of every recorded version of form key, oldest
 * first: *out is a new array of *n new strings, for store_strings_free().
 */
int store_form_versions(struct store *s, const char *key, char ***out,
			size_t *n);
void store_strings_free(char **v, size_t n);         /* accepts NULL */
/*
 * f with the options and likert items its recorded versions had and it
 * dropped, marked retired (form_with_retired), as a new form to
 * form_free(); NULL (logged) when the store fails. Reports, exports and
 * the committee area's summary count answers with it.
 */
struct form *store_form_history(struct store *s, const struct form *f);
/*
 * Stored answers (not spam) of form with answer key key and, when code
 * is not NULL, that option code; -1 on error.
 */
long store_count_key(struct store *s, const char *form, const char *key,
		     const char *code);

/* ---- events ---- */

struct event {
	char *key;             /* URL slug */
	char *form;            /* form key */
	char *title;
	char *date;            /* YYYY-MM-DD */
	char *location;        /* optional: NULL */
	char *format;          /* optional: in_person, webinar, hybrid, ... */
	char *presenter;       /* optional */
	char *series;          /* optional series tag */
	long attendees;        /* -1 unknown */
	long long opens;       /* unix seconds; 0 = open from creation */
	long long closes;      /* unix seconds; 0 = never closes */
	long responses;        /* filled by get/list: responses stored */
};

void event_release(struct event *e);            /* frees the strings */
/* 1 when the event takes responses at time now. */
int event_is_open(const struct event *e, long long now);

/* Adds e; a key in use is an error ("event KEY exists"). */
int store_event_add(struct store *s, const struct event *e);
/* Replaces every field of the event with key e->key. Unknown key: error. */
int store_event_update(struct store *s, const struct event *e);
/* Returns 1 and fills *out (release it), 0 when there is no such event. */
int store_event_get(struct store *s, const char *key, struct event *out);
/*
 * Like store_event_get() without counting the responses (responses = -1):
 * constant time, for the collector's every request.
 */
int store_event_find(struct store *s, const char *key, struct event *out);
/*
 * All events, or those of form when form is not NULL, by date then key.
 * *out is a new array the caller frees with events_free().
 */
int store_event_list(struct store *s, const char *form, struct event **out,
		     size_t *n);
/* Like store_event_list() without counting responses (responses = -1). */
int store_event_list_brief(struct store *s, const char *form,
			   struct event **out, size_t *n);
void events_free(struct event *v, size_t n);

/* ---- submissions ---- */

struct submission {
	const char *form;      /* form key */
	long long version;     /* from store_put_form() */
	const char *event;     /* event key, or NULL for standing forms */
	long long submitted;   /* unix seconds */
	const char *token;     /* unique; a repeated token is not stored again */
	const struct answer *answers;
	size_t nanswers;
	/* out */
	int duplicate;         /* 1: token already stored, nothing written */
	long long id;          /* response row id when stored */
};

/*
 * Stores n submissions in one transaction (BEGIN IMMEDIATE ... COMMIT):
 * all of them, with every answer, or none. Returns 0 once committed
 * (durably, unless store_sync_later(s): then after store_wal_sync()), -1
 * when nothing was stored. A duplicate
 * token is not an error: that submission gets duplicate = 1.
 */
int store_submit(struct store *s, struct submission *subs, size_t n);

/*
 * When the response sent with form token token was stored: 1 and *when
 * (unix seconds), 0 when none was, -1 on error (logged).
 */
int store_response_when(struct store *s, const char *token,
			long long *when);

/* Total responses stored for form (all events), or -1 on error. */
long store_count_responses(struct store *s, const char *form);

/*
 * A named random secret of len bytes, created on first use and kept in
 * the database (form-token signing key and the like).
 */
int store_secret(struct store *s, const char *name, unsigned char *out,
		 size_t len);

/* Online backup of the whole database to path (a new file, mode 0600). */
int store_backup(struct store *s, const char *path);
/*
 * PRAGMA quick_check: 0 when the database is sound, -1 when it is damaged
 * or cannot be read (what is wrong logged, a few lines at most).
 */
int store_quick_check(struct store *s);

/*
 * Marks (spam = 1) or unmarks a response as spam; reports, exports and
 * response counts leave spam out. Unknown id: error.
 */
int store_set_spam(struct store *s, long long response, int spam);

/*
 * For tests: creates (or migrates) the database at path to exactly schema
 * version `version` (0..store_schema_latest()) and closes it.
 */
int store_create_version(const char *path, int version);

/* ---- report and export queries ---- */

/*
 * What a report or export covers. form is required. events lists event
 * keys (none: all). from/to are inclusive YYYY-MM-DD bounds on the event
 * date for responses with an event, on the submitted day (local) for
 * standing forms; NULL means unbounded. series restricts to one series.
 */
struct scope {
	const char *form;
	const char *const *events;
	size_t nevents;
	const char *series;
	const char *from, *to;
};

/*
 * One row handed to a query callback. Which fields are set depends on the
 * query; strings are valid only during the call. event is NULL for
 * responses without one.
 */
struct store_row {
	const char *event;
	const char *key;       /* answer key */
	const char *code;
	double num;
	const char *text;
	long long submitted;
	long long response;    /* response id */
	long count;
};

/* Return nonzero from a callback to stop; the query then returns that. */
typedef int (*store_row_fn)(void *ctx, const struct store_row *row);

/* Events in scope with their response counts, by date then key. */
int store_scope_events(struct store *s, const struct scope *sc,
		       struct event **out, size_t *n);
/* Responses in scope per event: event, count (event NULL = no event). */
int store_count_by_event(struct store *s, const struct scope *sc,
			 store_row_fn fn, void *ctx);
/*
 * Option-code answers: event, key, code, count. The count queries below
 * give their rows by event (in date order; standing-form rows, event
 * NULL, last), then key, then value.
 */
int store_count_codes(struct store *s, const struct scope *sc,
		      store_row_fn fn, void *ctx);
/* Numeric answers: event, key, num, count (grouped by value). */
int store_count_numbers(struct store *s, const struct scope *sc,
			store_row_fn fn, void *ctx);
/* Text answers, newest first: event, key, text, submitted, response. */
int store_texts(struct store *s, const struct scope *sc, store_row_fn fn,
		void *ctx);
/*
 * The newest limit (-1: all) text answers of key among the responses
 * of event key event in scope (event NULL: the responses without an
 * event, when sc names no events or series), newest first, blank
 * answers (white space only) left out: event, key, text, submitted,
 * response. Walks an index and stops after limit rows: no sort.
 */
int store_texts_newest(struct store *s, const struct scope *sc,
		       const char *event, const char *key, long limit,
		       store_row_fn fn, void *ctx);
/*
 * Respondents per answer key, for the nkeys keys given: event, key,
 * count = distinct responses in scope with at least one answer for key
 * that is not blank; for text answers also num = blank answers (white
 * space only), left out of count. Keys without answers give no row.
 * Meant for multi questions and text answers, where the count of
 * answers is not the count of respondents (several codes per response,
 * blank texts); the other answers have one per key and response.
 */
int store_count_answered(struct store *s, const struct scope *sc,
			 const char *const *keys, size_t nkeys,
			 store_row_fn fn, void *ctx);
/* Responses per local day: text = YYYY-MM-DD, count. */
int store_count_days(struct store *s, const struct scope *sc,
		     store_row_fn fn, void *ctx);
/*
 * Every answer of every response in scope, ordered by response id then
 * answer order: response, event, submitted, key, code / num / text.
 * A response with no answers yields one row with key NULL. Streams:
 * memory does not grow with the number of responses.
 */
int store_each_answer(struct store *s, const struct scope *sc,
		      store_row_fn fn, void *ctx);

/*
 * The answers of one response (spam or not), in answer order, as rows of
 * store_each_answer(); a response with no answers gives one row with key
 * NULL, an unknown id no rows.
 */
int store_response_answers(struct store *s, long long response,
			   store_row_fn fn, void *ctx);

/* ==== admin area: accounts, sessions, responses (admin engineer) ==== */

struct user {
	char *name;
	char *role;            /* "admin" or "viewer" */
	char *hash;            /* sec_password_hash() output */
	long long created;     /* unix seconds */
};

void user_release(struct user *u);              /* frees the strings */
void users_free(struct user *v, size_t n);

/* Adds an account; a name in use is an error ("user NAME exists"). */
int store_user_add(struct store *s, const struct user *u);
/* Returns 1 and fills *out (release it), 0 when there is no such user. */
int store_user_get(struct store *s, const char *name, struct user *out);
/* Every account by name; *out is a new array for users_free(). */
int store_user_list(struct store *s, struct user **out, size_t *n);
/*
 * Sets the password hash (hash not NULL) and/or role (role not NULL) of
 * name and ends its sessions when the hash changes. Unknown name: error.
 */
int store_user_update(struct store *s, const char *name, const char *role,
		      const char *hash);
/* Removes the account and its sessions. Unknown name: error. */
int store_user_remove(struct store *s, const char *name);
/* Number of accounts (role NULL) or of accounts with role; -1 on error. */
long store_user_count(struct store *s, const char *role);

/*
 * The one-time setup token of a database without accounts: put replaces
 * any earlier one (token_hash is a hex hash, never the token itself).
 * store_setup_use() creates the first account u when token_hash matches
 * and no account exists yet, and deletes the token, in one transaction:
 * returns 1 when created, 0 when the token is wrong or already used.
 */
int store_setup_put(struct store *s, const char *token_hash, long long now);
int store_setup_use(struct store *s, const char *token_hash,
		    const struct user *u);
/* 1 when token_hash is the setup token and no account exists, else 0. */
int store_setup_valid(struct store *s, const char *token_hash);

/*
 * One-time links to choose a password (007-invites.sql): an invitation
 * makes a new account with its role; a reset link (reset = 1) gives an
 * existing account a new password and ends its sessions. Only a hash
 * of the token is stored (auth_token_hash()).
 */
struct invite {
	char *name;            /* the account made, or whose password is set */
	char *role;            /* "admin" or "viewer" (a reset: the account's) */
	int reset;
	long long expires;     /* unix seconds */
};
void invite_release(struct invite *iv);          /* frees the strings */
/*
 * Stores a link under token_hash for name until expires, replacing any
 * earlier link for that name and dropping expired ones. role: an
 * invitation, and no account may have the name; NULL: a reset link for
 * the existing account name. Returns 0, or -1 (logged: "user NAME
 * exists", "no user NAME", or the database's error).
 */
int store_invite_put(struct store *s, const char *token_hash,
		     const char *name, const char *role, long long now,
		     long long expires);
/*
 * Returns 1 and fills *out (release it) when token_hash is a link that
 * has not expired at now, else 0 (*out zeroed); -1 on error (logged).
 */
int store_invite_get(struct store *s, const char *token_hash, long long now,
		     struct invite *out);
/*
 * Uses the link token_hash at now with the new password hash, in one
 * transaction: makes the account (created now) or sets its password
 * and ends its sessions, and deletes the link. Fills *out as
 * store_invite_get() does (release it). Returns 1 when done, 0 when the
 * link is unknown, used, expired, or its name was taken meanwhile
 * (nothing changed), -1 on error (logged).
 */
int store_invite_use(struct store *s, const char *token_hash, long long now,
		     const char *hash, struct invite *out);

struct session {
	char *user;
	char *role;            /* the account's role now */
	char *csrf;            /* per-session form token */
	long long created, last_seen, expires;
};

void session_release(struct session *se);
/* Stores a session under token_hash (a hex hash of the cookie value). */
int store_session_add(struct store *s, const char *token_hash,
		      const char *user, const char *csrf, long long now,
		      long long expires);
/*
 * Returns 1 and fills *out (release it) for a session that exists, has
 * not expired at now and was last seen no more than idle seconds ago;
 * 0 otherwise.
 */
int store_session_get(struct store *s, const char *token_hash, long long now,
		      long long idle, struct session *out);
int store_session_touch(struct store *s, const char *token_hash,
			long long now);
/* Ends a session; an unknown one is not an error. */
int store_session_delete(struct store *s, const char *token_hash);
/* Deletes expired and idle sessions. */
int store_session_prune(struct store *s, long long now, long long idle);

/*
 * The sign-in throttle's record (signin.c) of failed sign-ins of known
 * accounts per client; client is an opaque key of clen bytes (a keyed
 * hash of the address). A name that is no account reads as no failures
 * and records nothing, so that both cost the same.
 */
struct signin_state {
	long long failures;        /* this client's, since its last success */
	long long last;            /* time of its last failure, or 0 */
	long long account_recent;  /* the account's failures, hours open */
	long long account_hour;    /* the oldest such hour's start, or 0 */
};
/* Fills *out (zeroed first) for name and client at now; 0 or -1. */
int store_signin_get(struct store *s, const char *name,
		     const unsigned char *client, size_t clen, long long now,
		     struct signin_state *out);
/* Counts a failure of name from client (and prunes day-old rows); 0/-1. */
int store_signin_failed(struct store *s, const char *name,
			const unsigned char *client, size_t clen,
			long long now);
/* A success: client's failures for name go to 0 (its hour stays); 0/-1. */
int store_signin_succeeded(struct store *s, const char *name,
			   const unsigned char *client, size_t clen);
/* Forgets every failure of name: the rows deleted, or -1 (logged). */
long store_signin_unlock(struct store *s, const char *name);

/* Responses (spam included, flagged) for the admin's list, newest first. */
struct response_info {
	long long id;
	char *form;
	char *event;           /* event key or NULL */
	char *event_title;     /* or NULL */
	long long submitted;
	int spam;
};

/*
 * What the responses page filters on: any field NULL means no filter;
 * from/to are inclusive YYYY-MM-DD bounds on the submitted day (local).
 */
struct response_filter {
	const char *form;
	const char *event;
	const char *from, *to;
};

void responses_free(struct response_info *v, size_t n);
/* One page: limit rows after skipping offset. */
int store_response_list(struct store *s, const struct response_filter *f,
			long limit, long offset, struct response_info **out,
			size_t *n);
/* How many responses match; -1 on error. */
long store_response_count(struct store *s, const struct response_filter *f);
/* Returns 1 and fills *out (response_info_release() it), 0 when unknown. */
int store_response_get(struct store *s, long long id,
		       struct response_info *out);
void response_info_release(struct response_info *r);
/* Deletes a response and its answers. Unknown id: error. */
int store_response_delete(struct store *s, long long id);
/*
 * Responses (not spam) of form, or of event when event is not NULL,
 * submitted at or after since; -1 on error.
 */
long store_count_since(struct store *s, const char *form, const char *event,
		       long long since);

/* ==== certificates of attendance (certificates.c) ==== */

/*
 * A certificate as stored: nothing in it (or anywhere) names the
 * response of the person it was issued to.
 */
struct certificate {
	char *code;            /* CERTIFICATE_CODE_CHARS, see certificate.h */
	char *event;           /* event key */
	char *event_title;     /* filled by get/list */
	char *event_date;      /* YYYY-MM-DD, filled by get/list */
	char *name;            /* as the attendee typed it */
	long minutes;          /* contact hours * 60 when issued */
	long long issued;      /* unix seconds: the start of the UTC day */
	long long revoked;     /* unix seconds; 0 when valid */
};

void certificate_release(struct certificate *c);   /* frees the strings */
void certificates_free(struct certificate *v, size_t n);

/*
 * The contact minutes an event's certificate carries: > 0, 0 when the
 * event offers none (or does not exist), -1 on error.
 */
long store_event_certificate_minutes(struct store *s, const char *event);
/* Sets them (minutes > 0) or stops offering one (0). Unknown event: error. */
int store_event_certificate_set(struct store *s, const char *event,
				long minutes);

/*
 * Uses left at now of the grant token_hash (a hex keyed hash of the
 * submission's form token): `uses` when it has not been used yet; -1
 * on error.
 */
long store_certificate_grant_left(struct store *s, const char *token_hash,
				  long uses, long long now);
/*
 * In one transaction: deletes expired grants, takes one use of grant
 * token_hash (created with `uses` uses until `expires` when new) and
 * stores c (code, event, name, minutes; issued is set from now, to the
 * day). Returns 1 when stored, 0 when the grant has no use left or has
 * expired (nothing written), -1 on error (unknown event: logged).
 */
int store_certificate_issue(struct store *s, const char *token_hash,
			    long uses, long long expires, long long now,
			    const struct certificate *c);
/* Returns 1 and fills *out (release it), 0 when there is no such code. */
int store_certificate_get(struct store *s, const char *code,
			  struct certificate *out);
/*
 * Every certificate, or those of event key event (not NULL), by event
 * date, event, issued day, name; *out for certificates_free().
 */
int store_certificate_list(struct store *s, const char *event,
			   struct certificate **out, size_t *n);
/*
 * Marks code revoked at now (an earlier revocation keeps its time).
 * Unknown code: error ("no certificate CODE").
 */
int store_certificate_revoke(struct store *s, const char *code,
			     long long now);

/* Per event in a report's scope: certificates issued and hours. */
struct certificate_total {
	char *event;           /* event key */
	long issued;           /* certificates not revoked */
	long minutes;          /* their contact minutes, summed */
	long offered;          /* minutes the event offers now; 0 none */
};
/*
 * The events of sc (its form, events, series and dates, as
 * store_scope_events) with their totals, by date then key; *out is a
 * new array for certificate_totals_free().
 */
int store_certificate_totals(struct store *s, const struct scope *sc,
			     struct certificate_total **out, size_t *n);
void certificate_totals_free(struct certificate_total *v, size_t n);

/* ==== the topic board (ideas.c) ==== */

/*
 * An idea as read: topic and description are what the board shows (the
 * committee's wording when it edited one, else the member's); the
 * member's own stay in orig_topic and orig_description. status is the
 * status as shown: a scheduled idea whose event's date is before the
 * day given to the query reads "done" (computed on read, nothing is
 * written when an event takes place).
 */
struct idea_info {
	long long id;
	char *form;
	char *topic, *description;
	char *orig_topic, *orig_description;
	char *level, *format;  /* option codes of the form, or NULL */
	char *status;
	char *event;           /* linked event's key, or NULL */
	char *event_title, *event_date, *event_form;
	char *note;            /* the committee's short public note, or NULL */
	long long merged_into; /* 0: not merged */
	long votes;
	long presenters;       /* offers to present, this idea and merged ones */
	long mentors;          /* offers to mentor, likewise */
	long long created, changed;
};

void idea_release(struct idea_info *i);              /* frees the strings */
void ideas_free(struct idea_info *v, size_t n);

/*
 * Which ideas a list holds. status: one status as shown, "public" (every
 * approved idea: not new, not merged), or NULL (every one but the
 * merged). today (YYYY-MM-DD) decides which scheduled ideas read done.
 * event_from/event_to (or NULL): only ideas linked to an event dated in
 * that range. Order: votes, most first (newest: 0), else newest first.
 */
struct idea_filter {
	const char *status;
	const char *today;
	const char *event_from, *event_to;
	int newest;
	long limit, offset;    /* limit -1: all */
};

/* The ideas f selects; *out is a new array for ideas_free(). */
int store_idea_list(struct store *s, const struct idea_filter *f,
		    struct idea_info **out, size_t *n);
/* How many ideas f selects (limit and offset aside); -1 on error. */
long store_idea_count(struct store *s, const struct idea_filter *f);
/* Returns 1 and fills *out (release it), 0 when there is no idea id. */
int store_idea_get(struct store *s, long long id, const char *today,
		   struct idea_info *out);
/*
 * The changes of the committee, each in one transaction, stamping
 * changed = now; an unknown id, or an idea in the wrong state for the
 * change, is an error that says so ("idea 4 is not awaiting moderation").
 * approve: new -> suggested. edit: the public wording (NULL leaves one
 * as it is; the member's is kept). status: one of the public statuses
 * of an approved idea, with an event key and/or a note (NULL leaves
 * each as it is; "" clears it). merge: from's votes go to into (a
 * browser that voted for both counts once), from becomes "merged" and
 * points at into, as do the ideas merged into from before.
 */
int store_idea_approve(struct store *s, long long id, long long now);
int store_idea_edit(struct store *s, long long id, const char *topic,
		    const char *description, long long now);
int store_idea_status(struct store *s, long long id, const char *status,
		      const char *event, const char *note, long long now);
int store_idea_merge(struct store *s, long long from, long long into,
		     long long now);
/*
 * One vote of voter (len bytes, a keyed hash of the browser's id) for
 * idea id (or, when it was merged, the idea it went into): 1 counted,
 * 0 already counted or not open to votes (new, done, declined,
 * unknown), -1 on error.
 */
int store_idea_vote(struct store *s, long long id, const void *voter,
		    size_t len);

/* Someone who offered to present or mentor on an idea (committee only). */
struct idea_offer {
	long long idea;        /* the idea whose submission it was */
	char *name, *email;    /* as given, or NULL */
	int present, mentor;
};
void idea_offers_free(struct idea_offer *v, size_t n);
/* The offers of idea id and the ideas merged into it, oldest first. */
int store_idea_offers(struct store *s, long long id, struct idea_offer **out,
		      size_t *n);
/*
 * The idea linked to event key (the most voted one when several are):
 * 1 with *out filled (release it), 0 when none.
 */
int store_idea_for_event(struct store *s, const char *event,
			 const char *today, struct idea_info *out);

/* ==== the committee area's follow-up list (follow-up.c) ==== */

/* A response that said yes to a follow-up question, and whether done. */
struct follow_up {
	long long id;          /* response id */
	char *form;
	char *event;           /* event key or NULL */
	char *event_title;     /* or NULL */
	long long submitted;
	long long done;        /* unix seconds marked done; 0: not yet */
	char *done_by;         /* account that marked it, or NULL */
};

void follow_ups_free(struct follow_up *v, size_t n);    /* accepts NULL */
/*
 * The responses (not spam) of form, or of event key event when not
 * NULL, that answered "yes" to one of the nkeys yes/no keys given,
 * newest first; *out is a new array for follow_ups_free().
 */
int store_follow_up_list(struct store *s, const char *form,
			 const char *event, const char *const *keys,
			 size_t nkeys, struct follow_up **out, size_t *n);
/*
 * Marks response id done at now by user (done 1), or not done (done 0).
 * Unknown id: error.
 */
int store_follow_up_set(struct store *s, long long id, int done,
			long long now, const char *user);

#endif
