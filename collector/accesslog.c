/*
 * accesslog.c - per-thread access log buffers and their flusher thread
 * (see accesslog.h).
 */
#include "accesslog.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
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

#define RAW_MAX 2048              /* a line's raw text, with its NUL */

/* A line being put together, cut at RAW_MAX - 1 bytes. */
struct line {
	char s[RAW_MAX];
	size_t len;
};

static void add(struct line *ln, const char *s, size_t n)
{
	if (n > RAW_MAX - 1 - ln->len)
		n = RAW_MAX - 1 - ln->len;
	memcpy(ln->s + ln->len, s, n);
	ln->len += n;
}

static void add_str(struct line *ln, const char *s)
{
	add(ln, s, strlen(s));
}

/*
 * The request path, its backslashes written \x5c: then every \xNN in a
 * line is an escape (log_escape() writes the other bytes that way), and
 * a path cannot pass for one with an escaped newline in it. An escape
 * that does not fit before the cut is left out whole.
 */
static void add_path(struct line *ln, const char *s)
{
	for (const char *b; (b = strchr(s, '\\')); s = b + 1) {
		add(ln, s, (size_t)(b - s));
		if (ln->len + 4 > RAW_MAX - 1)
			return;
		add(ln, "\\x5c", 4);
	}
	add_str(ln, s);
}

/* v in decimal; negative values with their sign. */
static void add_num(struct line *ln, long long v)
{
	char tmp[24];
	size_t n = sizeof(tmp);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v
				     : (unsigned long long)v;

	do {
		tmp[--n] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		tmp[--n] = '-';
	add(ln, tmp + n, sizeof(tmp) - n);
}

/* 1 when s[0..len) is all printable ASCII: log_escape() leaves it be. */
static int plain(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7f)
			return 0;
	return 1;
}

/* Keeps s[0..n) in this thread's buffer, or writes it when larger. */
static void keep(struct accesslog *l, const char *s, size_t n)
{
	struct tbuf *t = thread_buf(l);

	pthread_mutex_lock(&t->lock);
	if (t->len + n > sizeof(t->b))
		drain(l, t);
	if (n > sizeof(t->b)) {
		write_all(l->fd, s, n);
	} else {
		memcpy(t->b + t->len, s, n);
		t->len += n;
	}
	pthread_mutex_unlock(&t->lock);
}

void accesslog_request(struct accesslog *l, const struct accesslog_entry *e)
{
	struct line ln = { .len = 0 };
	char out[4 * RAW_MAX + 1];
	size_t n;

	add(&ln, "access: ", 8);
	if (e->addr) {
		add_str(&ln, e->addr);
		add(&ln, " ", 1);
	}
	add_str(&ln, e->method);
	add(&ln, " ", 1);
	add_path(&ln, e->path);
	add(&ln, " ", 1);
	if (e->status)
		add_num(&ln, e->status);
	else
		add(&ln, "-", 1);
	add(&ln, " ", 1);
	add_num(&ln, (long long)e->bytes);
	add(&ln, " ", 1);
	add_num(&ln, e->us);
	add(&ln, "us", 2);
	if (plain(ln.s, ln.len)) {
		ln.s[ln.len++] = '\n';          /* room: len was at most 2047 */
		keep(l, ln.s, ln.len);
		return;
	}
	ln.s[ln.len] = '\0';
	n = log_escape(out, sizeof(out) - 1, ln.s);
	out[n++] = '\n';
	keep(l, out, n);
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
