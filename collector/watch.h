/*
 * watch.h - the connection watch behind http.c. libmicrohttpd's timeout
 * is per read, so a client sending a byte now and then holds a
 * connection for ever; the watch gives each request head and each body
 * a total deadline, and when the connection table fills it closes the
 * connections that have waited longest for a complete head, so that a
 * complete request is refused only when no such connection is left.
 * It closes a connection from our side with shutdown(): the server's own
 * thread then sees the end of the stream and cleans up as usual.
 */
#ifndef SIGSURVEY_WATCH_H
#define SIGSURVEY_WATCH_H

#define WATCH_HEAD_SECONDS 15       /* a whole request head */
#define WATCH_BODY_SECONDS 20       /* a body, plus 1 s per WATCH_BODY_RATE */
#define WATCH_BODY_RATE 8192        /* bytes of declared Content-Length */

struct watch;
struct watch_conn;

/*
 * Starts the watch thread. Past shed_at open connections, each new one
 * makes the watch close the oldest that is still sending its head.
 * Returns 0 and a new watch in *out, or -1 (logged).
 */
int watch_open(struct watch **out, long shed_at);
/* Stops the thread and frees w (every connection must be removed). NULL ok. */
void watch_close(struct watch *w);

/*
 * A new connection on socket fd, waiting for its head; may close older
 * ones to make room. The entry is the watch's until watch_remove().
 */
struct watch_conn *watch_add(struct watch *w, int fd);
/* The connection is closed (whoever closed it); frees cn. NULL ok. */
void watch_remove(struct watch *w, struct watch_conn *cn);

/* cn waits for (the next) request head. NULL ok. */
void watch_head(struct watch *w, struct watch_conn *cn);
/* cn's head is complete; a body of length bytes (0: none or unknown) may follow. */
void watch_body(struct watch *w, struct watch_conn *cn,
		unsigned long long length);
/* cn's request is with the application or being answered: no deadline. */
void watch_answer(struct watch *w, struct watch_conn *cn);

/* Open connections, not counting those the watch is closing. */
long watch_load(struct watch *w);

#endif
