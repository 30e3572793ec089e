/*
 * admin-child.c - this program re-executed as a child process for the
 * admin area's downloads (`sigsurvey report` / `export`), started and
 * collected through core/run.c (argv only, stdin from /dev/null, its own
 * process group so that its gnuplot goes with it, killed at the time
 * limit, the END of its stderr kept). What is the admin area's own: at
 * most ADMIN_CHILDREN_MAX at once, a helper thread per child so that
 * worker threads never wait (the request is suspended and resumed when
 * the child is done), a temporary directory per child (its TMPDIR, for
 * gnuplot's files) that goes once the child has ended however it ended,
 * and admin_quiesce() at shutdown.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "admin.h"
#include "run.h"
#include "util.h"

#define OUT_MAX (256u << 20)          /* largest file passed on */

struct admin_child {
	struct child c;               /* the process (core/run.c) */
	struct child_result r;
	void (*done)(void *arg);
	void *arg;
	char *tmpdir;                 /* the child's TMPDIR, or NULL */
	char **env;                   /* ours with that TMPDIR */
};

extern char **environ;

/* Children running now, for the limit and for admin_quiesce(). */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t idle = PTHREAD_COND_INITIALIZER;
static pid_t running[ADMIN_CHILDREN_MAX];
static int nrunning, quiescing;

static void forget(pid_t pid)
{
	pthread_mutex_lock(&lock);
	for (int i = 0; i < nrunning; i++)
		if (running[i] == pid) {
			running[i] = running[--nrunning];
			break;
		}
	pthread_cond_broadcast(&idle);
	pthread_mutex_unlock(&lock);
}

/* Removes the child's directory and all in it; frees its environment. */
static void tmp_remove(struct admin_child *ch)
{
	if (ch->tmpdir) {
		remove_tree(ch->tmpdir);
		free(ch->tmpdir);
		ch->tmpdir = NULL;
	}
	for (size_t i = 0; ch->env && ch->env[i]; i++)
		free(ch->env[i]);
	free(ch->env);
	ch->env = NULL;
	ch->c.env = NULL;
}

/*
 * A new directory sigsurvey-download.XXXXXX in our TMPDIR (or /tmp) for
 * the child, and our environment with TMPDIR naming it. 0 or -1 (logged).
 */
static int tmp_make(struct admin_child *ch)
{
	const char *tmp = getenv("TMPDIR");
	struct buf dir = BUF_INIT, var = BUF_INIT;
	size_t n = 0, k = 0;

	if (!tmp || !*tmp)
		tmp = "/tmp";
	buf_addf(&dir, "%s/sigsurvey-download.XXXXXX", tmp);
	if (!mkdtemp(dir.s)) {
		error("cannot create a directory in %s: %s", tmp,
		      strerror(errno));
		buf_release(&dir);
		return -1;
	}
	ch->tmpdir = buf_detach(&dir, NULL);
	while (environ[n])
		n++;
	ch->env = xcalloc(n + 2, sizeof(*ch->env));
	for (size_t i = 0; i < n; i++)
		if (strncmp(environ[i], "TMPDIR=", 7))
			ch->env[k++] = xstrdup(environ[i]);
	buf_addf(&var, "TMPDIR=%s", ch->tmpdir);
	ch->env[k] = buf_detach(&var, NULL);
	ch->c.env = (const char *const *)ch->env;
	return 0;
}

struct admin_child *admin_child_start(char *const argv[], int exec_fd,
				      unsigned timeout, int *busy)
{
	struct admin_child *ch;

	*busy = 0;
	pthread_mutex_lock(&lock);
	if (quiescing || nrunning >= ADMIN_CHILDREN_MAX) {
		pthread_mutex_unlock(&lock);
		*busy = 1;
		return NULL;
	}
	ch = xcalloc(1, sizeof(*ch));
	run_init(&ch->c);
	ch->c.argv = (const char *const *)argv;
	ch->c.exec_fd = exec_fd;
	ch->c.out_max = OUT_MAX;
	ch->c.timeout_ms = (long long)timeout * 1000;
	if (tmp_make(ch) < 0 || run_start(&ch->c) < 0) {
		pthread_mutex_unlock(&lock);
		run_release(&ch->c);
		tmp_remove(ch);
		free(ch);
		return NULL;
	}
	running[nrunning++] = ch->c.pid;
	pthread_mutex_unlock(&lock);
	buf_init(&ch->r.out);
	buf_init(&ch->r.err);
	ch->r.status = -1;
	return ch;
}

/* Collects the child's output until it ends or its time is up. */
static void collect(struct admin_child *ch)
{
	struct child_result *r = &ch->r;

	run_finish(&ch->c);
	tmp_remove(ch);                 /* it has ended, and its group */
	r->status = ch->c.status;
	r->timed_out = ch->c.timed_out;
	r->too_big = ch->c.too_big;
	buf_release(&r->out);
	r->out = ch->c.output;
	buf_init(&ch->c.output);
	run_err_text(&ch->c, &r->err);
}

static void finish(struct admin_child *ch)
{
	pid_t pid = ch->c.pid;
	void (*done)(void *) = ch->done;
	void *arg = ch->arg;

	collect(ch);
	done(arg);                      /* ch may be gone after this */
	forget(pid);
}

static void *thread_main(void *arg)
{
	finish(arg);
	return NULL;
}

void admin_child_wait(struct admin_child *ch, void (*done)(void *arg),
		      void *arg)
{
	pthread_attr_t attr;
	pthread_t t;
	int rc;

	ch->done = done;
	ch->arg = arg;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	rc = pthread_create(&t, &attr, thread_main, ch);
	pthread_attr_destroy(&attr);
	if (rc) {
		warning("no thread for a download (%s): waiting inline",
			strerror(rc));
		finish(ch);
	}
}

const struct child_result *admin_child_result(const struct admin_child *ch)
{
	return &ch->r;
}

void admin_child_free(struct admin_child *ch)
{
	pid_t pid;

	if (!ch)
		return;
	pid = ch->c.pid;                /* > 0: never waited for */
	run_release(&ch->c);            /* which then stops it */
	tmp_remove(ch);
	if (pid > 0)
		forget(pid);
	buf_release(&ch->r.out);
	buf_release(&ch->r.err);
	free(ch);
}

void admin_child_take_output(struct admin_child *ch, struct buf *out)
{
	buf_release(out);
	*out = ch->r.out;
	buf_init(&ch->r.out);
}

void admin_quiesce(void)
{
	struct timespec until;

	pthread_mutex_lock(&lock);
	quiescing = 1;
	for (int i = 0; i < nrunning; i++)
		run_kill(running[i]);
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 5;
	while (nrunning > 0)
		if (pthread_cond_timedwait(&idle, &lock, &until) == ETIMEDOUT)
			break;
	pthread_mutex_unlock(&lock);
}
