/*
 * cmd-backup.c - `sigsurvey backup FILE`: an online copy of the database
 * (SQLite's backup API), safe while the collector is writing. The copy is
 * a new file, mode 0600; an existing file is never overwritten.
 */
#include <stdio.h>
#include <sys/stat.h>

#include "cli.h"
#include "util.h"

static const char usage_backup[] =
	"usage: sigsurvey backup FILE\n"
	"Copies the database (--db) to FILE, a new file, while it is in use.\n";

int cmd_backup(struct cli *cli, int argc, char **argv)
{
	static const struct cli_option none[] = { { NULL, 0, 0 } };
	struct cli_opts p;
	struct store *s = NULL;
	struct stat st;
	const char *path;
	int ret = 1, id;

	cli_opts_init(&p, "backup", usage_backup, none, argc, argv);
	p.max_operands = 1;
	id = cli_opts_next(&p);
	if (id != CLI_OPT_END)
		return cli_opts_exit(id);
	if (p.nops < 1)
		return cli_usage_error("backup", usage_backup,
				       "where to? give a file name");
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
