/*
 * outfile.h - where `report -o` and `export -o` write: a regular file is
 * replaced atomically (a temporary file in the same directory, renamed
 * over it), anything else (standard output, a FIFO, a device) is written
 * in place, and a symbolic link is followed to the file it names.
 */
#ifndef SIGSURVEY_OUTFILE_H
#define SIGSURVEY_OUTFILE_H

#include <stdio.h>

struct outfile {
	FILE *fp;          /* write here between open and commit */
	char *path;        /* the name given, for messages */
	char *target;      /* the file written: path with links followed */
	char *tmp;         /* the temporary file, NULL when writing in place */
};

/*
 * Opens path for writing: "-" is standard output; a FIFO, a device or a
 * socket is opened and written directly; a regular file (or a name not
 * yet taken) gets a temporary file, mode 0600, beside it. A symbolic
 * link (even a dangling one) is resolved to the file it names, which is
 * written and the link kept. Returns 0 with o->fp ready, or -1 (logged;
 * o needs no close).
 */
int outfile_open(struct outfile *o, const char *path);
/*
 * Flushes what was written and, for a regular file, syncs it and renames
 * the temporary file over the target. Returns 0, or -1 (logged; the
 * temporary file removed, the target untouched). o is closed either way.
 */
int outfile_commit(struct outfile *o);
/*
 * Closes o without committing: a temporary file is removed. Accepts an
 * outfile that is zeroed, failed to open or is already committed.
 */
void outfile_close(struct outfile *o);

#endif
