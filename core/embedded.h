/*
 * embedded.h - files compiled into the program by tools/embed.c.
 * Each array ends with an entry whose name is NULL.
 */
#ifndef SIGSURVEY_EMBEDDED_H
#define SIGSURVEY_EMBEDDED_H

#include <stddef.h>

struct embedded {
	const char *name;      /* base name, e.g. "001-initial.sql" */
	const char *data;      /* NUL-terminated */
	size_t len;
};

extern const struct embedded schema_files[];     /* schema/NNN-*.sql, in order */
extern const struct embedded static_files[];     /* collector/static/ * and admin/static/ * */

#endif
