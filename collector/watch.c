/*
 * watch.c - deadlines for request heads and bodies, and shedding of slow
 * heads when the connection table fills (see watch.h).
 */
#include "watch.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "util.h"

#define PERIOD_MS 250
#define LOG_PERIOD_MS 60000

enum phase { PHASE_HEAD, PHASE_BODY, PHASE_ANSWER };

struct watch_conn {
	struct watch_conn *prev, *next;   /* w->live, under w->lock */
	int fd;
	enum phase phase;
	long long since_ms;         /* the phase began (monotonic) */
	long long deadline_ms;      /* the phase must end by then; 0: never */
	int shed;                   /* shut down by us, not yet removed */
};

struct watch {
	pthread_mutex_t lock;       /* guards everything below */
	pthread_cond_t wake;        /* ends the thread's sleep */
	pthread_t thread;
	int stopping;
	long shed_at;
	long open, shedding;        /* connections; those being closed */
	struct watch_conn *live;    /* newest first */
	unsigned long late_heads, late_bodies, shed_heads;
	long long logged_ms;        /* when the counts above were logged */
};

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Under w->lock: closes cn from our side. Its descriptor is still cn's:
 * the server reports the close (watch_remove, which takes the lock)
 * before it closes the descriptor.
 */
static void shed(struct watch *w, struct watch_conn *cn)
{
	if (cn->shed || cn->fd < 0)
		return;
	cn->shed = 1;
	w->shedding++;
	shutdown(cn->fd, SHUT_RDWR);
}

/*
 * Under w->lock: while more connections are open (and not being closed)
 * than shed_at, closes the one that has waited longest for a complete
 * head, other than keep.
 */
static void make_room(struct watch *w, const struct watch_conn *keep)
{
	for (long over = w->open - w->shedding - w->shed_at; over > 0;
	     over--) {
		struct watch_conn *oldest = NULL;

		for (struct watch_conn *cn = w->live; cn; cn = cn->next)
			if (cn != keep && !cn->shed && cn->phase == PHASE_HEAD &&
			    (!oldest || cn->since_ms <= oldest->since_ms))
				oldest = cn;
		if (!oldest)
			break;
		shed(w, oldest);
		w->shed_heads++;
	}
}

/*
 * Under w->lock: one line a minute at most on what the watch closed
 * (and whatever is left when force).
 */
static void log_counts(struct watch *w, long long now, int force)
{
	if ((!force && now - w->logged_ms < LOG_PERIOD_MS) ||
	    !(w->late_heads + w->late_bodies + w->shed_heads))
		return;
	/* info: a browser's unused preconnection is one of them */
	info("http: closed %lu connection%s whose request head took over "
	     "%d s, %lu whose body was late, %lu still sending a head to "
	     "make room", w->late_heads, plural(w->late_heads, "", "s"),
	     WATCH_HEAD_SECONDS, w->late_bodies, w->shed_heads);
	w->late_heads = w->late_bodies = w->shed_heads = 0;
	w->logged_ms = now;
}

static void *run(void *arg)
{
	struct watch *w = arg;

	pthread_mutex_lock(&w->lock);
	while (!w->stopping) {
		struct timespec ts;
		long long now;

		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += PERIOD_MS * 1000000L;
		ts.tv_sec += ts.tv_nsec / 1000000000L;
		ts.tv_nsec %= 1000000000L;
		pthread_cond_timedwait(&w->wake, &w->lock, &ts);
		now = now_ms();
		for (struct watch_conn *cn = w->live; cn; cn = cn->next) {
			if (cn->shed || !cn->deadline_ms || now < cn->deadline_ms)
				continue;
			shed(w, cn);
			if (cn->phase == PHASE_HEAD)
				w->late_heads++;
			else
				w->late_bodies++;
		}
		log_counts(w, now, 0);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

int watch_open(struct watch **out, long shed_at)
{
	struct watch *w = xcalloc(1, sizeof(*w));
	int rc;

	*out = NULL;
	w->shed_at = shed_at;
	w->logged_ms = now_ms();
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->wake, NULL);
	rc = pthread_create(&w->thread, NULL, run, w);
	if (rc) {
		pthread_mutex_destroy(&w->lock);
		pthread_cond_destroy(&w->wake);
		free(w);
		return error("cannot start the connection watch: %s",
			     strerror(rc));
	}
	*out = w;
	return 0;
}

void watch_close(struct watch *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->lock);
	w->stopping = 1;
	pthread_cond_signal(&w->wake);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	log_counts(w, now_ms(), 1);
	while (w->live)
		watch_remove(w, w->live);
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->wake);
	free(w);
}

/* cn enters phase ph, which must end within ms milliseconds (0: never). */
static void set_phase(struct watch *w, struct watch_conn *cn, enum phase ph,
		      long long ms)
{
	long long now = now_ms();

	if (!cn)
		return;
	pthread_mutex_lock(&w->lock);
	cn->phase = ph;
	cn->since_ms = now;
	cn->deadline_ms = ms ? now + ms : 0;
	pthread_mutex_unlock(&w->lock);
}

struct watch_conn *watch_add(struct watch *w, int fd)
{
	struct watch_conn *cn = xcalloc(1, sizeof(*cn));

	cn->fd = fd;
	cn->phase = PHASE_HEAD;
	cn->since_ms = now_ms();
	cn->deadline_ms = cn->since_ms + WATCH_HEAD_SECONDS * 1000LL;
	pthread_mutex_lock(&w->lock);
	cn->next = w->live;
	if (w->live)
		w->live->prev = cn;
	w->live = cn;
	w->open++;
	make_room(w, cn);
	pthread_mutex_unlock(&w->lock);
	return cn;
}

void watch_remove(struct watch *w, struct watch_conn *cn)
{
	if (!cn)
		return;
	pthread_mutex_lock(&w->lock);
	if (cn->prev)
		cn->prev->next = cn->next;
	else
		w->live = cn->next;
	if (cn->next)
		cn->next->prev = cn->prev;
	w->open--;
	if (cn->shed)
		w->shedding--;
	pthread_mutex_unlock(&w->lock);
	free(cn);
}

void watch_head(struct watch *w, struct watch_conn *cn)
{
	set_phase(w, cn, PHASE_HEAD, WATCH_HEAD_SECONDS * 1000LL);
}

void watch_body(struct watch *w, struct watch_conn *cn,
		unsigned long long length)
{
	set_phase(w, cn, PHASE_BODY, WATCH_BODY_SECONDS * 1000LL +
		  (long long)(length / WATCH_BODY_RATE) * 1000);
}

void watch_answer(struct watch *w, struct watch_conn *cn)
{
	set_phase(w, cn, PHASE_ANSWER, 0);
}

long watch_load(struct watch *w)
{
	long n;

	pthread_mutex_lock(&w->lock);
	n = w->open - w->shedding;
	pthread_mutex_unlock(&w->lock);
	return n;
}
