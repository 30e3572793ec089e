/*
 * cmd-backup.c - `sigsurvey backup FILE`: an online copy of the database
 * (SQLite's backup API), safe while the collector is writing. The copy is
 * a new file, mode 0600; an existing file is never overwritten.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "util.h"

static const char usage_backup[] =
	"usage: sigsurvey backup FILE\n"
	"Copies the database (--db) to FILE, a new file, while it is in use.\n";

int cmd_backup(struct cli *cli, int argc, char **argv)
{
	struct store *s = NULL;
	struct stat st;
	const char *path;
	int ret = 1;

	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs(usage_backup, stdout);
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "--"))
		argv++, argc--;
	else if (argc > 1 && argv[1][0] == '-' && argv[1][1])
		return cli_usage_error("backup", usage_backup,
				       "unknown option '%s'", argv[1]);
	if (argc < 2)
		return cli_usage_error("backup", usage_backup,
				       "where to? give a file name");
	if (argc > 2)
		return cli_usage_error("backup", usage_backup,
				       "unexpected argument '%s'", argv[2]);
	path = argv[1];
	if (lstat(path, &st) == 0) {
		error("%s exists; not overwriting it", path);
		return 1;
	}
	if (stat(cli->db, &st) < 0) {
		error("no database at %s", cli->db);
		return 1;
	}
	if (store_open(&s, cli->db, STORE_READONLY) < 0)
		goto out;
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
