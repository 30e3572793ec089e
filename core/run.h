/*
 * run.h - child processes, in the manner of git's run-command: the only
 * place that forks, execs, waits or kills (tools/check-source.sh keeps it
 * so). A child gets an argv (never a shell), stdin from /dev/null or a
 * pipe, stdout captured or a pipe, stderr kept as a bounded tail (the
 * END of what it wrote) or sent to a file, its own process group (or
 * ours, for a helper that must die with us), and a deadline after which
 * the whole group is killed.
 *
 *	struct child c = CHILD_INIT;
 *	const char *argv[] = { "/usr/bin/gnuplot", NULL };
 *
 *	c.argv = argv;
 *	c.timeout_ms = 30000;
 *	if (run_start(&c) < 0)
 *		return -1;
 *	run_finish(&c);         (c.status, c.output, c.timed_out ...)
 *	run_release(&c);
 */
#ifndef SIGSURVEY_RUN_H
#define SIGSURVEY_RUN_H

#include <stddef.h>
#include <sys/types.h>

#include "buf.h"

#define RUN_TAIL_MAX 8192          /* bytes of stderr kept: the last ones */

/* The last RUN_TAIL_MAX bytes of a stream: a ring buffer. */
struct run_tail {
	char data[RUN_TAIL_MAX];
	size_t head;               /* where the next byte goes */
	size_t len;                /* bytes held, <= RUN_TAIL_MAX */
	size_t dropped;            /* earlier bytes no longer held */
};

struct child {
	/* Set by the caller before run_start(); zero is the default. */
	const char *const *argv;   /* argv[0] is a path: no PATH, no shell */
	const char *const *env;    /* the whole environment; NULL: ours */
	const char *dir;           /* working directory; NULL: ours */
	int exec_fd;               /* > 2: the program to run is this open
				      file (execveat, AT_EMPTY_PATH), not
				      the path argv[0], which is then only
				      the child's argv[0] and the name in
				      messages; 0: argv[0] is run */
	int pipe_in;               /* 1: stdin is a pipe, write end `in`;
				      0: stdin is /dev/null */
	int pipe_out;              /* 1: stdout is a pipe, read end `out`;
				      0: run_finish() collects it in output */
	int err_fd;                /* > 0: stderr goes to this descriptor
				      (the caller's); 0: kept in err */
	size_t out_max;            /* captured stdout above this many bytes
				      kills the child (too_big); 0: none */
	long long timeout_ms;      /* from run_start() to the deadline; 0:
				      none */
	int keep_group;            /* 1: stays in our process group, so that
				      whoever kills our group (a parent's
				      deadline, ^C) kills it too; 0: a new
				      group of its own */

	/* Set by run_start() and run_finish(). */
	pid_t pid;                 /* also its process group (unless
				      keep_group); 0: not running */
	int in, out;               /* our ends of the pipes, or -1 */
	int err_pipe;              /* private: read end of stderr, or -1 */
	long long deadline;        /* run_now_ms() clock; 0: none. The
				      caller may move it before finishing */
	struct buf output;         /* captured stdout */
	struct run_tail err;       /* the end of its stderr */
	int status;                /* exit status 0-255; -1: killed by a
				      signal or not waited for */
	int term_signal;           /* the signal that ended it, or 0 */
	int timed_out;             /* killed at the deadline */
	int too_big;               /* killed: stdout over out_max */
};

#define CHILD_INIT { .in = -1, .out = -1, .err_pipe = -1, \
		     .output = BUF_INIT, .status = -1 }

/* Sets *c to CHILD_INIT (for a child inside a heap object). */
void run_init(struct child *c);

/* Milliseconds on the monotonic clock (for deadlines). */
long long run_now_ms(void);

/*
 * Starts c->argv[0] with c->argv, as set up in c (see struct child);
 * the child runs in a new process group whose id is c->pid (unless
 * keep_group), with
 * SIGPIPE at its default and no signals blocked, and inherits no
 * descriptor but 0, 1 and 2. Returns 0, or -1 with the error logged
 * (no pipe, no fork, or the program could not be executed: then the
 * child has been reaped and c needs only run_release()).
 */
int run_start(struct child *c);

/*
 * Finishes a started child: closes `in` (so it sees end of input),
 * collects captured stdout and the stderr tail until both end, waits
 * for it to exit, and at the deadline (or when stdout exceeds out_max)
 * kills its whole process group first. Closes `out` last. Fills status,
 * term_signal, timed_out and too_big; pid becomes 0. Returns 0 when it
 * exited with status 0, else -1; nothing is logged: a failing child is
 * the caller's to describe (from those fields and run_err_text()).
 * Blocks: call it from a thread that may wait.
 */
int run_finish(struct child *c);

/*
 * Closes what c still holds and frees output; c may be reused after
 * being set up again. Kills and reaps a child still running (run_start()
 * without run_finish()). Accepts a c that was never started.
 */
void run_release(struct child *c);

/*
 * Appends the kept end of c's stderr to out. When earlier bytes were
 * dropped, the text starts after the first newline of what is kept (no
 * half line), or "..." when there is no newline in it.
 */
void run_err_text(const struct child *c, struct buf *out);

/*
 * SIGKILL to the process group pid and to pid itself; nothing when
 * pid <= 0. Async-signal-safe: for signal handlers and for stopping
 * children from another thread (c->pid is then the argument).
 */
void run_kill(pid_t pid);

#endif
