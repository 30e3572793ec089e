/*
 * run.c - the program's one spawner (see run.h): fork and exec with an
 * argv, pipes, a process group per child, a deadline, the exit status,
 * and the last bytes of stderr.
 */
#include "run.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

extern char **environ;

long long run_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void run_init(struct child *c)
{
	const struct child init = CHILD_INIT;

	*c = init;
}

void run_kill(pid_t pid)
{
	if (pid <= 0)
		return;
	kill(-pid, SIGKILL);
	kill(pid, SIGKILL);
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* Moves fd above 2, so that setting up 0, 1 and 2 cannot clobber it. */
static int high(int fd)
{
	int h;

	if (fd < 0 || fd > 2)
		return fd;
	h = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	close(fd);
	return h;
}

static int make_pipe(int p[2])
{
	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	p[0] = high(p[0]);
	p[1] = high(p[1]);
	return p[0] < 0 || p[1] < 0 ? -1 : 0;
}

/*
 * In the child, up to exec: only async-signal-safe calls. A failure is
 * reported as errno through report (close-on-exec: it stays silent when
 * exec succeeds).
 */
static NORETURN void child_exec(const struct child *c, int in, int out,
				int err, int report)
{
	sigset_t none;
	int e;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	if (!c->keep_group)
		setpgid(0, 0);
	if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0 ||
	    (c->dir && chdir(c->dir) < 0))
		goto fail;
	/* nothing else we hold reaches the program */
	syscall(SYS_close_range, 3u, ~0u, CLOSE_RANGE_CLOEXEC);
	if (c->exec_fd > 2)     /* close-on-exec is fine: not a script */
		syscall(SYS_execveat, c->exec_fd, "", c->argv,
			c->env ? (char *const *)c->env : environ,
			AT_EMPTY_PATH);
	else
		execve(c->argv[0], (char *const *)c->argv,
		       c->env ? (char *const *)c->env : environ);
fail:
	e = errno;
	if (write(report, &e, sizeof(e)) < 0)
		_exit(127);
	_exit(127);
}

static void reset(struct child *c)
{
	c->pid = 0;
	c->in = c->out = c->err_pipe = -1;
	c->deadline = 0;
	buf_reset(&c->output);
	memset(&c->err, 0, sizeof(c->err));
	c->status = -1;
	c->term_signal = c->timed_out = c->too_big = 0;
}

/* After fork: our ends kept, theirs closed; the exec outcome read. */
static int started(struct child *c, pid_t pid, int *in, int *out, int *err,
		   int *report)
{
	int e = 0;
	ssize_t n;

	if (!c->keep_group)
		setpgid(pid, pid);      /* whichever of the two runs first */
	c->pid = pid;
	c->in = in[1];
	c->out = out[0];
	c->err_pipe = err[0];
	in[1] = out[0] = err[0] = -1;
	close_fd(&report[1]);
	while ((n = read(report[0], &e, sizeof(e))) < 0 && errno == EINTR)
		;
	if (n == (ssize_t)sizeof(e)) {
		error("cannot run %s: %s", c->argv[0], strerror(e));
		run_release(c);
		return -1;
	}
	if (c->timeout_ms > 0)
		c->deadline = run_now_ms() + c->timeout_ms;
	return 0;
}

int run_start(struct child *c)
{
	int in[2] = { -1, -1 }, out[2] = { -1, -1 }, err[2] = { -1, -1 };
	int report[2] = { -1, -1 };
	pid_t pid;
	int ret = -1;

	reset(c);
	if (!c->argv || !c->argv[0])
		return error("BUG: run_start() without a program");
	if (c->pipe_in)
		make_pipe(in);
	else
		in[0] = high(open("/dev/null", O_RDONLY | O_CLOEXEC));
	if (in[0] < 0 || (c->pipe_in && in[1] < 0) || make_pipe(out) < 0 ||
	    make_pipe(report) < 0 ||
	    (c->err_fd <= 0 && make_pipe(err) < 0))
		goto fail_sys;
	pid = fork();
	if (pid < 0)
		goto fail_sys;
	if (pid == 0)
		child_exec(c, in[0], out[1],
			   c->err_fd > 0 ? c->err_fd : err[1], report[1]);
	ret = started(c, pid, in, out, err, report);
	goto out;
fail_sys:
	error("cannot start %s: %s", c->argv[0], strerror(errno));
out:
	for (int i = 0; i < 2; i++) {
		close_fd(&in[i]);
		close_fd(&out[i]);
		close_fd(&err[i]);
		close_fd(&report[i]);
	}
	return ret;
}

/* Keeps the last RUN_TAIL_MAX bytes of what passes through t. */
static void tail_add(struct run_tail *t, const char *p, size_t n)
{
	if (n >= RUN_TAIL_MAX) {
		t->dropped += t->len + n - RUN_TAIL_MAX;
		memcpy(t->data, p + n - RUN_TAIL_MAX, RUN_TAIL_MAX);
		t->head = 0;
		t->len = RUN_TAIL_MAX;
		return;
	}
	while (n) {
		size_t room = RUN_TAIL_MAX - t->head;
		size_t k = n < room ? n : room;

		memcpy(t->data + t->head, p, k);
		t->head = (t->head + k) % RUN_TAIL_MAX;
		if (t->len + k > RUN_TAIL_MAX) {
			t->dropped += t->len + k - RUN_TAIL_MAX;
			t->len = RUN_TAIL_MAX;
		} else {
			t->len += k;
		}
		p += k;
		n -= k;
	}
}

/* Reads what fd has (stdout when tail is NULL); 0 at its end. */
static int drain(struct child *c, int fd, struct run_tail *tail)
{
	char tmp[65536];
	ssize_t n = read(fd, tmp, sizeof(tmp));

	if (n < 0)
		return errno == EINTR || errno == EAGAIN;
	if (n == 0)
		return 0;
	if (tail) {
		tail_add(tail, tmp, (size_t)n);
		return 1;
	}
	if (c->out_max && c->output.len + (size_t)n > c->out_max) {
		c->too_big = 1;
		return 0;
	}
	buf_add(&c->output, tmp, (size_t)n);
	return 1;
}

/* Collects stdout (when captured) and stderr until they end. */
static void collect(struct child *c)
{
	int want_out = !c->pipe_out && c->out >= 0;
	int want_err = c->err_pipe >= 0;

	while ((want_out || want_err) && !c->too_big) {
		struct pollfd pf[2] = {
			{ want_out ? c->out : -1, POLLIN, 0 },
			{ want_err ? c->err_pipe : -1, POLLIN, 0 },
		};
		long long left = c->deadline ? c->deadline - run_now_ms()
					     : 1000;
		int n;

		if (left <= 0) {
			c->timed_out = 1;
			break;
		}
		n = poll(pf, 2, (int)(left > 1000 ? 1000 : left));
		if (n < 0 && errno != EINTR)
			break;
		if (n <= 0)
			continue;
		if (want_out && pf[0].revents)
			want_out = drain(c, c->out, NULL);
		if (want_err && pf[1].revents)
			want_err = drain(c, c->err_pipe, &c->err);
	}
	if (want_out || want_err || c->too_big)
		run_kill(c->pid);
}

/* Waits for the child, killing its group at the deadline. */
static int reap(struct child *c)
{
	struct timespec nap = { 0, 5 * 1000 * 1000 };
	int ws = 0;

	for (;;) {
		pid_t w = waitpid(c->pid, &ws, c->deadline ? WNOHANG : 0);

		if (w == c->pid)
			return ws;
		if (w < 0 && errno != EINTR)
			return -1;      /* not ours to wait for */
		if (w == 0 && run_now_ms() >= c->deadline) {
			c->timed_out = 1;
			run_kill(c->pid);
			c->deadline = 0;        /* now wait without one */
		} else if (w == 0) {
			nanosleep(&nap, NULL);
		}
	}
}

int run_finish(struct child *c)
{
	int ws;

	if (c->pid <= 0)
		return -1;
	close_fd(&c->in);
	collect(c);
	ws = reap(c);
	if (ws != -1 && WIFEXITED(ws)) {
		c->status = WEXITSTATUS(ws);
	} else {
		c->status = -1;
		c->term_signal = ws != -1 && WIFSIGNALED(ws) ? WTERMSIG(ws) : 0;
	}
	c->pid = 0;
	close_fd(&c->out);
	close_fd(&c->err_pipe);
	return c->status == 0 && !c->timed_out && !c->too_big ? 0 : -1;
}

void run_release(struct child *c)
{
	if (c->pid > 0) {
		int ws;

		close_fd(&c->in);
		run_kill(c->pid);
		while (waitpid(c->pid, &ws, 0) < 0 && errno == EINTR)
			;
		c->pid = 0;
	}
	close_fd(&c->in);
	close_fd(&c->out);
	close_fd(&c->err_pipe);
	buf_release(&c->output);
}

void run_err_text(const struct child *c, struct buf *out)
{
	const struct run_tail *t = &c->err;
	size_t start = (t->head + RUN_TAIL_MAX - t->len) % RUN_TAIL_MAX;
	size_t first = t->len < RUN_TAIL_MAX - start ? t->len
						      : RUN_TAIL_MAX - start;
	struct buf b = BUF_INIT;
	const char *nl;

	buf_add(&b, t->data + start, first);
	buf_add(&b, t->data, t->len - first);
	nl = t->dropped ? memchr(b.s, '\n', b.len) : NULL;
	if (nl && (size_t)(nl + 1 - b.s) < b.len) {
		buf_add(out, nl + 1, b.len - (size_t)(nl + 1 - b.s));
	} else {
		if (t->dropped)
			buf_adds(out, "...");
		buf_add(out, b.s, b.len);
	}
	buf_release(&b);
}
