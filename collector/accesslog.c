/*
 * accesslog.c - per-thread access log buffers and their flusher thread
 * (see accesslog.h).
 */
#include "accesslog.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct tbuf {
	pthread_mutex_t lock;       /* the owner thread and the flusher */
	size_t len;
	char b[ACCESSLOG_CHUNK];
	struct tbuf *next;
};

struct accesslog {
	int fd;
	unsigned long id;           /* tells a thread's buffer which log */
	pthread_mutex_t lock;       /* guards bufs, stop */
	pthread_cond_t wake;
	struct tbuf *bufs;
	int stop;
	pthread_t thread;
};

static atomic_ulong next_id = 1;
static __thread struct tbuf *tls_buf;
static __thread unsigned long tls_id;

/* Writes all of b[0..len) to fd, going on after EINTR. */
static void write_all(int fd, const char *b, size_t len)
{
	while (len) {
		ssize_t n = write(fd, b, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;     /* nowhere to report it: stderr is the log */
		b += n;
		len -= (size_t)n;
	}
}

/* Writes t's lines; the caller holds t->lock. */
static void drain(struct accesslog *l, struct tbuf *t)
{
	write_all(l->fd, t->b, t->len);
	t->len = 0;
}

void accesslog_flush(struct accesslog *l)
{
	pthread_mutex_lock(&l->lock);
	for (struct tbuf *t = l->bufs; t; t = t->next) {
		pthread_mutex_lock(&t->lock);
		drain(l, t);
		pthread_mutex_unlock(&t->lock);
	}
	pthread_mutex_unlock(&l->lock);
}

static void *run(void *arg)
{
	struct accesslog *l = arg;
	struct timespec ts;

	pthread_mutex_lock(&l->lock);
	while (!l->stop) {
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += (ACCESSLOG_FLUSH_MS % 1000) * 1000000L;
		ts.tv_sec += ACCESSLOG_FLUSH_MS / 1000 + ts.tv_nsec / 1000000000L;
		ts.tv_nsec %= 1000000000L;
		pthread_cond_timedwait(&l->wake, &l->lock, &ts);
		pthread_mutex_unlock(&l->lock);
		accesslog_flush(l);
		pthread_mutex_lock(&l->lock);
	}
	pthread_mutex_unlock(&l->lock);
	return NULL;
}

int accesslog_open(struct accesslog **out, int fd)
{
	struct accesslog *l = xcalloc(1, sizeof(*l));
	int rc;

	l->fd = fd;
	l->id = atomic_fetch_add(&next_id, 1);
	pthread_mutex_init(&l->lock, NULL);
	pthread_cond_init(&l->wake, NULL);
	rc = pthread_create(&l->thread, NULL, run, l);
	if (rc) {
		pthread_cond_destroy(&l->wake);
		pthread_mutex_destroy(&l->lock);
		free(l);
		*out = NULL;
		return error("access log: cannot start a thread: %s",
			     strerror(rc));
	}
	*out = l;
	return 0;
}

/* This thread's buffer for l, made on first use. */
static struct tbuf *thread_buf(struct accesslog *l)
{
	struct tbuf *t;

	if (tls_buf && tls_id == l->id)
		return tls_buf;
	t = xcalloc(1, sizeof(*t));
	pthread_mutex_init(&t->lock, NULL);
	pthread_mutex_lock(&l->lock);
	t->next = l->bufs;
	l->bufs = t;
	pthread_mutex_unlock(&l->lock);
	tls_buf = t;
	tls_id = l->id;
	return t;
}

void accesslog_line(struct accesslog *l, const char *fmt, ...)
{
	char line[2048], out[4 * sizeof(line) + 1];
	struct tbuf *t = thread_buf(l);
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	n = log_escape(out, sizeof(out) - 1, line);
	out[n++] = '\n';
	pthread_mutex_lock(&t->lock);
	if (t->len + n > sizeof(t->b))
		drain(l, t);
	if (n > sizeof(t->b))
		write_all(l->fd, out, n);
	else {
		memcpy(t->b + t->len, out, n);
		t->len += n;
	}
	pthread_mutex_unlock(&t->lock);
}

void accesslog_close(struct accesslog *l)
{
	if (!l)
		return;
	pthread_mutex_lock(&l->lock);
	l->stop = 1;
	pthread_cond_signal(&l->wake);
	pthread_mutex_unlock(&l->lock);
	pthread_join(l->thread, NULL);
	accesslog_flush(l);
	while (l->bufs) {
		struct tbuf *t = l->bufs;

		l->bufs = t->next;
		pthread_mutex_destroy(&t->lock);
		free(t);
	}
	pthread_cond_destroy(&l->wake);
	pthread_mutex_destroy(&l->lock);
	free(l);
}
