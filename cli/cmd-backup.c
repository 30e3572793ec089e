/*
 * cmd-backup.c - `sigsurvey backup FILE`: an online copy of the database
 * (SQLite's backup API), safe while the collector is writing. The copy is
 * a new file, mode 0600; an existing file is never overwritten. With
 * --keep N the operand is a directory of dated copies
 * (sigsurvey-YYYYMMDD-HHMMSS.db), of which the newest N are kept: what
 * the nightly sigsurvey-backup.timer runs.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "util.h"

static const char usage_backup[] =
	"usage: sigsurvey backup FILE\n"
	"       sigsurvey backup --keep N DIR\n"
	"Copies the database (--db) to FILE, a new file, while it is in use.\n"
	"With --keep N, writes DIR/sigsurvey-YYYYMMDD-HHMMSS.db (UTC; DIR is\n"
	"created if missing) and then removes the oldest such copies in DIR\n"
	"beyond the newest N. Other files in DIR are left alone.\n";

#define KEEP_PREFIX "sigsurvey-"
#define KEEP_SUFFIX ".db"

/* 1 when name is one of our dated copies: sigsurvey-YYYYMMDD-HHMMSS.db. */
static int dated_copy(const char *name)
{
	const char *d = name + strlen(KEEP_PREFIX);

	if (strncmp(name, KEEP_PREFIX, strlen(KEEP_PREFIX)) ||
	    strlen(d) != 15 + strlen(KEEP_SUFFIX) ||
	    strcmp(d + 15, KEEP_SUFFIX) || d[8] != '-')
		return 0;
	for (int i = 0; i < 15; i++)
		if (i != 8 && (d[i] < '0' || d[i] > '9'))
			return 0;
	return 1;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Removes the oldest dated copies in dir beyond the newest keep. */
static int prune(const char *dir, long keep)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **v = NULL;
	size_t n = 0, cap = 0;
	int ret = 0;

	if (!d)
		return error("cannot read %s: %s", dir, strerror(errno));
	while ((de = readdir(d)))
		if (dated_copy(de->d_name)) {
			ALLOC_GROW(v, n + 1, cap);
			v[n++] = xstrdup(de->d_name);
		}
	closedir(d);
	qsort(v, n, sizeof(*v), by_name);     /* the names sort by date */
	for (size_t i = 0; i < n; i++) {
		struct buf path = BUF_INIT;

		buf_addf(&path, "%s/%s", dir, v[i]);
		if (i + (size_t)keep < n) {
			if (unlink(path.s) < 0)
				ret = error("cannot remove %s: %s", path.s,
					    strerror(errno));
			else
				printf("%s\tremoved\n", path.s);
		}
		buf_release(&path);
		free(v[i]);
	}
	free(v);
	return ret;
}

/* The new copy's path in dir (created 0700 if missing) into out. */
static int dated_path(const char *dir, struct buf *out)
{
	time_t now = time(NULL);
	struct tm tm;
	char stamp[32];

	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		return error("cannot create %s: %s", dir, strerror(errno));
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	buf_addf(out, "%s/" KEEP_PREFIX "%s" KEEP_SUFFIX, dir, stamp);
	return 0;
}

/*
 * The online copy of cli's database to path, a new file, after PRAGMA
 * quick_check found it sound; 0 or -1 (logged).
 */
static int copy_to(const struct cli *cli, const char *path)
{
	struct store *s = NULL;
	struct stat st;
	int ret = -1;

	if (lstat(path, &st) == 0)
		return error("%s exists; not overwriting it", path);
	if (cli_open_store(cli, &s, STORE_READONLY) < 0)
		goto out;
	/* a damaged database must not push good copies out (--keep) */
	if (store_quick_check(s) < 0) {
		error("not copying a damaged database; earlier backups are "
		      "kept (restore one: see docs/deploy.md)");
		goto out;
	}
	if (store_backup(s, path) < 0)
		goto out;
	if (stat(path, &st) < 0) {
		error("cannot read back %s", path);
		goto out;
	}
	printf("%s\t%lld bytes\n", path, (long long)st.st_size);
	ret = 0;
out:
	store_close(s);
	return ret;
}

int cmd_backup(struct cli *cli, int argc, char **argv)
{
	static const struct cli_option table[] = {
		{ "--keep", 1, 0 }, { NULL, 0, 0 },
	};
	struct cli_opts p;
	struct buf path = BUF_INIT;
	long keep = 0;
	int ret = 1, id;

	cli_opts_init(&p, "backup", usage_backup, table, argc, argv);
	p.max_operands = 1;
	while ((id = cli_opts_next(&p)) == 0)
		if (cli_parse_long(p.value, &keep) < 0 || keep < 1 ||
		    keep > 100000)
			return cli_usage_error("backup", usage_backup,
					       "--keep needs a whole number "
					       "from 1");
	if (id != CLI_OPT_END)
		return cli_opts_exit(id);
	if (p.nops < 1)
		return cli_usage_error("backup", usage_backup,
				       keep ? "where to? give a directory"
					    : "where to? give a file name");
	if (!keep)
		buf_adds(&path, argv[1]);
	else if (dated_path(argv[1], &path) < 0)
		goto out;
	if (copy_to(cli, path.s) < 0)
		goto out;
	if (keep && prune(argv[1], keep) < 0)
		goto out;
	ret = 0;
out:
	buf_release(&path);
	return ret;
}
