/*
 * admin-child.c - this program re-executed as a child process for the
 * admin area's downloads (`sigsurvey report` / `export`): argv only, no
 * shell, stdin from /dev/null, in its own process group so that its
 * gnuplot goes with it, output collected by a helper thread with a time
 * limit, killed when it runs over. Worker threads never wait for it: the
 * request is suspended and resumed when the child is done.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "admin.h"
#include "util.h"

#define OUT_MAX (256u << 20)          /* largest file passed on */
#define ERR_MAX 8192                  /* stderr kept for the error page */

struct admin_child {
	pid_t pid;
	int out, err;                 /* read ends */
	long long deadline;           /* CLOCK_MONOTONIC milliseconds */
	struct child_result r;
	void (*done)(void *arg);
	void *arg;
};

/* Children running now, for the limit and for admin_quiesce(). */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t idle = PTHREAD_COND_INITIALIZER;
static pid_t running[ADMIN_CHILDREN_MAX];
static int nrunning, quiescing;

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

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

struct admin_child *admin_child_start(char *const argv[], unsigned timeout,
				      int *busy)
{
	int outp[2] = { -1, -1 }, errp[2] = { -1, -1 };
	struct admin_child *ch;
	pid_t pid;

	*busy = 0;
	pthread_mutex_lock(&lock);
	if (quiescing || nrunning >= ADMIN_CHILDREN_MAX) {
		pthread_mutex_unlock(&lock);
		*busy = 1;
		return NULL;
	}
	if (pipe2(outp, O_CLOEXEC) < 0 || pipe2(errp, O_CLOEXEC) < 0) {
		error("pipe: %s", strerror(errno));
		goto fail;
	}
	pid = fork();
	if (pid < 0) {
		error("fork: %s", strerror(errno));
		goto fail;
	}
	if (pid == 0) {
		/* only async-signal-safe calls from here to exec */
		int null = open("/dev/null", O_RDONLY);

		setpgid(0, 0);
		if (null < 0 || dup2(null, 0) < 0 || dup2(outp[1], 1) < 0 ||
		    dup2(errp[1], 2) < 0)
			_exit(126);
		syscall(SYS_close_range, 3u, ~0u, 0u);
		execv(argv[0], argv);
		_exit(127);
	}
	setpgid(pid, pid);              /* whichever of the two runs first */
	running[nrunning++] = pid;
	pthread_mutex_unlock(&lock);
	close(outp[1]);
	close(errp[1]);
	ch = xcalloc(1, sizeof(*ch));
	ch->pid = pid;
	ch->out = outp[0];
	ch->err = errp[0];
	ch->deadline = now_ms() + (long long)timeout * 1000;
	buf_init(&ch->r.out);
	buf_init(&ch->r.err);
	ch->r.status = -1;
	return ch;
fail:
	pthread_mutex_unlock(&lock);
	for (int i = 0; i < 2; i++) {
		if (outp[i] >= 0)
			close(outp[i]);
		if (errp[i] >= 0)
			close(errp[i]);
	}
	return NULL;
}

/* Reads what fd has into b (at most max bytes kept); 0 at EOF. */
static int drain(int fd, struct buf *b, size_t max, int *over)
{
	char tmp[65536];
	ssize_t n = read(fd, tmp, sizeof(tmp));

	if (n < 0)
		return errno == EINTR || errno == EAGAIN ? 1 : 0;
	if (n == 0)
		return 0;
	if (b->len + (size_t)n > max) {
		if (over)
			*over = 1;
		return over ? 0 : 1;
	}
	buf_add(b, tmp, (size_t)n);
	return 1;
}

/* Collects the child's output until it ends or its time is up. */
static void collect(struct admin_child *ch)
{
	struct child_result *r = &ch->r;
	int open_out = 1, open_err = 1, ws = 0;

	while (open_out || open_err) {
		struct pollfd pf[2] = { { open_out ? ch->out : -1, POLLIN, 0 },
					{ open_err ? ch->err : -1, POLLIN, 0 } };
		long long left = ch->deadline - now_ms();
		int n;

		if (left <= 0) {
			r->timed_out = 1;
			break;
		}
		n = poll(pf, 2, (int)(left > 1000 ? 1000 : left));
		if (n < 0 && errno != EINTR)
			break;
		if (n <= 0)
			continue;
		if (open_out && pf[0].revents)
			open_out = drain(ch->out, &r->out, OUT_MAX, &r->too_big);
		if (open_err && pf[1].revents)
			open_err = drain(ch->err, &r->err, ERR_MAX, NULL);
		if (r->too_big)
			break;
	}
	if (open_out || open_err) {
		kill(-ch->pid, SIGKILL);
		kill(ch->pid, SIGKILL);
	}
	while (waitpid(ch->pid, &ws, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(ws))
		r->status = WEXITSTATUS(ws);
	close(ch->out);
	close(ch->err);
	ch->out = ch->err = -1;
}

static void finish(struct admin_child *ch)
{
	pid_t pid = ch->pid;
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
	if (!ch)
		return;
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
	for (int i = 0; i < nrunning; i++) {
		kill(-running[i], SIGKILL);
		kill(running[i], SIGKILL);
	}
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 5;
	while (nrunning > 0)
		if (pthread_cond_timedwait(&idle, &lock, &until) == ETIMEDOUT)
			break;
	pthread_mutex_unlock(&lock);
}
