/*
 * chart.c - the one gnuplot process of a report (see chart.h), started
 * through core/run.c: pipes both ways, no shell, an empty HOME, a timeout
 * per chart, and a completeness check of every PNG before anyone decodes
 * it.
 */
#include "chart.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "run.h"
#include "util.h"

struct chart_proc {
	struct child c;        /* gnuplot: c.in we write, c.out we read */
	int timeout;           /* seconds per chart */
	unsigned seq;
	char dir[256];         /* temporary directory: HOME, cwd, PNGs */
	struct buf line;       /* partial line read from its stdout */
	int dead;
};

/* The gnuplot running now (0: none), and whether chart_interrupt() ran. */
static volatile sig_atomic_t running_pid;
static volatile sig_atomic_t interrupted;

void chart_interrupt(void)
{
	interrupted = 1;
	run_kill((pid_t)running_pid);
}

/* The gnuplot program: a path, or a name looked up on PATH. */
static char *find_gnuplot(void)
{
	const char *g = getenv("SIGSURVEY_GNUPLOT");
	const char *path = getenv("PATH");
	struct buf b = BUF_INIT;

	if (!g || !*g)
		g = "gnuplot";
	if (strchr(g, '/'))
		return access(g, X_OK) ? NULL : xstrdup(g);
	if (!path)
		path = "/usr/bin:/bin";
	while (*path) {
		size_t n = strcspn(path, ":");

		buf_reset(&b);
		if (n)
			buf_add(&b, path, n);
		else
			buf_addc(&b, '.');
		buf_addf(&b, "/%s", g);
		if (!access(b.s, X_OK))
			return buf_detach(&b, NULL);
		path += n;
		if (*path == ':')
			path++;
	}
	buf_release(&b);
	return NULL;
}

/* Removes gnuplot's directory with what it left there (font caches). */
static void remove_dir(const char *dir)
{
	remove_tree(dir);
}

/* The last line gnuplot wrote to its log, for messages. */
static void log_tail(const struct chart_proc *p, struct buf *out)
{
	struct buf b = BUF_INIT, path = BUF_INIT;
	char *end, *start;

	buf_addf(&path, "%s/gnuplot.log", p->dir);
	if (!buf_read_file(&b, path.s) && b.len) {
		end = b.s + b.len;
		while (end > b.s && (end[-1] == '\n' || end[-1] == ' '))
			end--;
		*end = '\0';
		start = strrchr(b.s, '\n');
		buf_adds(out, start ? start + 1 : b.s);
	}
	buf_release(&b);
	buf_release(&path);
}

/* Starts gnuplot in p->dir with an empty HOME, its stderr to a log. */
static int start(struct chart_proc *p, const char *prog)
{
	char envhome[310], envpath[4200], log[300];
	const char *path = getenv("PATH");
	const char *envp[] = { envhome, envpath, "LC_ALL=C.UTF-8", NULL };
	const char *argv[] = { prog, NULL };
	int fd, ret;

	snprintf(envhome, sizeof(envhome), "HOME=%s/home", p->dir);
	snprintf(envpath, sizeof(envpath), "PATH=%s",
		 path ? path : "/usr/bin:/bin");
	snprintf(log, sizeof(log), "%s/gnuplot.log", p->dir);
	fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return error("cannot create %s: %s", log, strerror(errno));
	p->c.argv = argv;
	p->c.env = envp;
	p->c.dir = p->dir;
	p->c.pipe_in = p->c.pipe_out = 1;
	p->c.keep_group = 1;            /* dies with a report killed as a group */
	p->c.err_fd = fd;
	ret = run_start(&p->c);
	close(fd);
	p->c.argv = p->c.env = NULL;    /* they were on this stack */
	p->c.dir = NULL;
	return ret;
}

int chart_open(struct chart_proc **outp, int timeout)
{
	struct chart_proc *p;
	const char *tmp = getenv("TMPDIR");
	char *prog = find_gnuplot();
	char home[300];

	*outp = NULL;
	if (interrupted) {
		free(prog);
		return error("interrupted");
	}
	if (!prog) {
		const char *g = getenv("SIGSURVEY_GNUPLOT");

		return error("gnuplot not found (%s): install gnuplot-nox or "
			     "set SIGSURVEY_GNUPLOT to its path",
			     g && *g ? g : "gnuplot on PATH");
	}
	p = xcalloc(1, sizeof(*p));
	run_init(&p->c);
	p->timeout = timeout > 0 ? timeout : 30;
	buf_init(&p->line);
	snprintf(p->dir, sizeof(p->dir), "%s/sigsurvey-chart.XXXXXX",
		 tmp && *tmp && strlen(tmp) < 200 ? tmp : "/tmp");
	if (!mkdtemp(p->dir)) {
		error("cannot create a temporary directory: %s",
		      strerror(errno));
		p->dir[0] = '\0';
		goto fail;
	}
	snprintf(home, sizeof(home), "%s/home", p->dir);
	if (mkdir(home, 0700) < 0) {
		error("cannot start gnuplot: %s", strerror(errno));
		goto fail;
	}
	signal(SIGPIPE, SIG_IGN);
	if (start(p, prog) < 0)
		goto fail;
	running_pid = p->c.pid;
	if (interrupted) {              /* the signal came before the line above */
		error("interrupted");
		goto fail;
	}
	fcntl(p->c.in, F_SETFL, O_NONBLOCK);
	free(prog);
	*outp = p;
	return 0;
fail:
	p->dead = 1;
	chart_close(p);
	free(prog);
	return -1;
}

/* Writes all of s within the deadline. */
static int send_all(struct chart_proc *p, const char *s, size_t len,
		    long long deadline)
{
	while (len) {
		struct pollfd pf = { .fd = p->c.in, .events = POLLOUT };
		long long left = deadline - run_now_ms();
		ssize_t n;

		if (left <= 0)
			return error("gnuplot did not take its input within "
				     "%d s", p->timeout);
		if (poll(&pf, 1, (int)left) < 0 && errno != EINTR)
			return error("poll: %s", strerror(errno));
		n = write(p->c.in, s, len);
		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			return error("gnuplot stopped reading its input: %s",
				     strerror(errno));
		}
		s += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Reads gnuplot's stdout up to the marker of chart seq; *gperr = errno. */
static int wait_marker(struct chart_proc *p, long long deadline, int *gperr)
{
	char want[64];
	int wl = snprintf(want, sizeof(want), "SIGSURVEY-CHART %u ", p->seq);

	for (;;) {
		char *nl;
		struct pollfd pf = { .fd = p->c.out, .events = POLLIN };
		char chunk[512];
		long long left;
		ssize_t n;
		int pr;

		while ((nl = memchr(p->line.s, '\n', p->line.len))) {
			size_t ll = (size_t)(nl - p->line.s) + 1;
			int hit = !strncmp(p->line.s, want, (size_t)wl);

			if (hit)
				*gperr = atoi(p->line.s + wl);
			memmove(p->line.s, nl + 1, p->line.len - ll);
			buf_setlen(&p->line, p->line.len - ll);
			if (hit)
				return 0;
		}
		left = deadline - run_now_ms();
		if (left <= 0)
			return error("gnuplot did not finish a chart within "
				     "%d s", p->timeout);
		pr = poll(&pf, 1, (int)left);
		if (pr < 0 && errno != EINTR)
			return error("poll: %s", strerror(errno));
		if (pr <= 0)
			continue;       /* the deadline is checked above */
		n = read(p->c.out, chunk, sizeof(chunk));
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0)
			return error("gnuplot ended unexpectedly");
		buf_add(&p->line, chunk, (size_t)n);
	}
}

int chart_render(struct chart_proc *p, const struct chart *c,
		 struct buf *png)
{
	struct buf script = BUF_INIT, path = BUF_INIT, msg = BUF_INIT;
	long long deadline = run_now_ms() + (long long)p->timeout * 1000;
	int gperr = 0, ret = -1;

	buf_reset(png);
	if (interrupted)
		p->dead = 1;
	if (p->dead)
		return error(interrupted ? "interrupted"
				       : "gnuplot is no longer running");
	p->seq++;
	buf_addf(&path, "%s/c%u.png", p->dir, p->seq % 64);
	if (p->seq == 1)
		buf_adds(&script, "set print '-'\n");
	chart_script(&script, c, path.s, p->seq);
	if (send_all(p, script.s, script.len, deadline) ||
	    wait_marker(p, deadline, &gperr)) {
		p->dead = 1;
		if (interrupted)
			goto out;
		log_tail(p, &msg);
		if (msg.len)
			error("gnuplot: %s", msg.s);
		goto out;
	}
	if (gperr) {
		log_tail(p, &msg);
		error("gnuplot could not draw a chart: %s",
		      msg.len ? msg.s : "unknown error");
		goto out;
	}
	if (buf_read_file(png, path.s))
		goto out;
	unlink(path.s);
	if (!chart_png_complete((const unsigned char *)png->s, png->len)) {
		error("gnuplot wrote an incomplete PNG (%zu bytes)", png->len);
		buf_reset(png);
		goto out;
	}
	ret = 0;
out:
	buf_release(&script);
	buf_release(&path);
	buf_release(&msg);
	return ret;
}

int chart_close(struct chart_proc *p)
{
	int ret;

	if (!p)
		return 0;
	/* end of input, then a chart's time to finish; none when dead */
	p->c.deadline = run_now_ms() + (p->dead || interrupted
					? 0 : (long long)p->timeout * 1000);
	ret = run_finish(&p->c);
	run_release(&p->c);
	running_pid = 0;
	if (p->dir[0])
		remove_dir(p->dir);
	buf_release(&p->line);
	free(p);
	return ret;
}
