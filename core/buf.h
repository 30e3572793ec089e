/*
 * buf.h - growable byte buffers in the manner of git's strbuf.
 * A buffer is never NULL-backed: b->s always points at a NUL-terminated
 * string (possibly the shared empty one), so it can be printed at once.
 */
#ifndef SIGSURVEY_BUF_H
#define SIGSURVEY_BUF_H

#include <stddef.h>

#include "util.h"

struct buf {
	char *s;        /* NUL-terminated; never NULL */
	size_t len;     /* bytes in use, not counting the NUL */
	size_t cap;     /* 0 while s points at the shared empty string */
};

extern char buf_empty_[];
#define BUF_INIT { buf_empty_, 0, 0 }

void buf_init(struct buf *b);
/* Frees the storage and leaves b empty and reusable. */
void buf_release(struct buf *b);
/* Hands the storage to the caller (free() it); b is left empty. Never NULL. */
MALLOC_LIKE NONNULL_RETURN char *buf_detach(struct buf *b, size_t *len);
/* Makes room for extra more bytes. */
void buf_grow(struct buf *b, size_t extra);
void buf_reset(struct buf *b);          /* len = 0, storage kept */
void buf_add(struct buf *b, const void *data, size_t n);
void buf_adds(struct buf *b, const char *s);   /* s may be NULL: adds nothing */
void buf_addc(struct buf *b, int c);
void buf_addf(struct buf *b, const char *fmt, ...) PRINTF_LIKE(2, 3);
void buf_vaddf(struct buf *b, const char *fmt, va_list ap);
void buf_setlen(struct buf *b, size_t len);
/* Reads a whole file into b; returns 0, or -1 with the error logged. */
int buf_read_file(struct buf *b, const char *path);

#endif
