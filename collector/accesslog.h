/*
 * accesslog.h - the access log, written in blocks. Each thread that logs
 * gathers its lines in a buffer of its own and writes them with one
 * write() when the buffer is full (at most ACCESSLOG_CHUNK bytes, under
 * PIPE_BUF, so a block is never interleaved with another writer's line
 * on a pipe); a flusher thread writes what has waited for a second, and
 * accesslog_flush() and accesslog_close() write everything. So a clean
 * stop loses no line; a crash loses at most the last second's.
 * Lines are escaped as log_line() escapes them (util.h).
 */
#ifndef SIGSURVEY_ACCESSLOG_H
#define SIGSURVEY_ACCESSLOG_H

#include "util.h"

#define ACCESSLOG_CHUNK 4096
#define ACCESSLOG_FLUSH_MS 1000

struct accesslog;

/* Starts a log writing to fd (the caller's). 0 and *out, or -1 (logged). */
int accesslog_open(struct accesslog **out, int fd);
/* One answered request, as its access-log line shows it. */
struct accesslog_entry {
	const char *addr;          /* client address, or NULL: not logged */
	const char *method;        /* as the client sent it */
	const char *path;          /* percent-decoded */
	int status;                /* 0: none was sent ("-") */
	size_t bytes;              /* body bytes sent */
	long us;                   /* microseconds from head to answer */
};

/*
 * Keeps the line "access: [ADDR ]METHOD PATH STATUS BYTES USus" for e,
 * cut at 2047 bytes and escaped as log_line() escapes it (a newline is
 * added). Formats without printf. Any thread.
 */
void accesslog_request(struct accesslog *l, const struct accesslog_entry *e);
/* Writes every thread's lines now. */
void accesslog_flush(struct accesslog *l);
/*
 * Writes every line and frees l; accepts NULL. No thread may log to l
 * after this (stop the HTTP server's threads first).
 */
void accesslog_close(struct accesslog *l);

#endif
