/*
 * outfile.c - output files for the command line (see outfile.h): the one
 * place that decides between an atomic replace and a write in place.
 */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "util.h"

#define MAX_LINKS 40

/*
 * Follows symbolic links from path. Returns a new string naming the
 * first thing that is not a link (it may not exist), or NULL (logged).
 */
static char *follow_links(const char *path)
{
	char *cur = xstrdup(path);
	char link[PATH_MAX];
	struct stat st;

	for (int i = 0; i < MAX_LINKS; i++) {
		ssize_t n;
		const char *slash;
		struct buf next = BUF_INIT;

		if (lstat(cur, &st) < 0 || !S_ISLNK(st.st_mode))
			return cur;
		n = readlink(cur, link, sizeof(link) - 1);
		if (n < 0) {
			error("cannot read the link %s: %s", cur,
			      strerror(errno));
			free(cur);
			return NULL;
		}
		link[n] = '\0';
		slash = strrchr(cur, '/');
		if (link[0] != '/' && slash)
			buf_add(&next, cur, (size_t)(slash - cur + 1));
		buf_adds(&next, link);
		free(cur);
		cur = buf_detach(&next, NULL);
	}
	error("%s: too many levels of symbolic links", path);
	free(cur);
	return NULL;
}

/* A FIFO, a device or anything else that is not a regular file. */
static int open_in_place(struct outfile *o)
{
	int fd = open(o->target, O_WRONLY | O_NOCTTY | O_CLOEXEC);

	if (fd < 0 || !(o->fp = fdopen(fd, "w"))) {
		error("cannot write %s: %s", o->path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return 0;
}

/* A regular file or a new name: a private temporary file beside it. */
static int open_temporary(struct outfile *o)
{
	struct buf tmp = BUF_INIT;
	int fd;

	buf_addf(&tmp, "%s.tmp-XXXXXX", o->target);
	fd = mkstemp(tmp.s);
	if (fd < 0 || fchmod(fd, 0600) < 0 || !(o->fp = fdopen(fd, "w"))) {
		error("cannot write %s: %s", o->path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp.s);
		}
		buf_release(&tmp);
		return -1;
	}
	o->tmp = buf_detach(&tmp, NULL);
	return 0;
}

int outfile_open(struct outfile *o, const char *path)
{
	struct stat st;
	int rc;

	memset(o, 0, sizeof(*o));
	if (!strcmp(path, "-")) {
		o->path = xstrdup("standard output");
		o->fp = stdout;
		return 0;
	}
	o->target = follow_links(path);
	if (!o->target)
		return -1;
	o->path = xstrdup(path);
	if (stat(o->target, &st) == 0 && !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode)) {
			error("%s is a directory", path);
			rc = -1;
		} else {
			rc = open_in_place(o);
		}
	} else {
		rc = open_temporary(o);
	}
	if (rc < 0)
		outfile_close(o);
	return rc;
}

int outfile_commit(struct outfile *o)
{
	int bad = 0;

	if (!o->fp)
		return error("cannot write %s: not open", o->path);
	bad = fflush(o->fp) != 0;
	if (!bad && o->tmp)
		bad = fsync(fileno(o->fp)) < 0;
	if (o->fp != stdout)
		bad |= fclose(o->fp) != 0;
	o->fp = NULL;
	if (!bad && o->tmp) {
		bad = rename(o->tmp, o->target) < 0;
		if (!bad) {
			free(o->tmp);
			o->tmp = NULL;
		}
	}
	if (bad)
		error("cannot write %s: %s", o->path, strerror(errno));
	outfile_close(o);
	return bad ? -1 : 0;
}

void outfile_close(struct outfile *o)
{
	if (o->fp && o->fp != stdout)
		fclose(o->fp);
	if (o->tmp)
		unlink(o->tmp);
	free(o->tmp);
	free(o->target);
	free(o->path);
	memset(o, 0, sizeof(*o));
}
