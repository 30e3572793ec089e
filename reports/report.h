/*
 * report.h - the committee report: a PDF with a cover, a summary per
 * event, one section per question with a chart and its numbers, the
 * comments, and closing notes. Used by `sigsurvey report` and by the
 * admin area (which runs that command as a child process).
 */
#ifndef SIGSURVEY_REPORT_H
#define SIGSURVEY_REPORT_H

#include <time.h>

#include "buf.h"
#include "form.h"
#include "pdf.h"
#include "store.h"

struct report_opts {
	struct scope scope;        /* scope.form must be f's key */
	const char *title;         /* NULL: "<form title>: <scope>" */
	enum pdf_paper paper;
	long min_group;            /* per-event figures need this many
				      (STATS_MIN_GROUP in stats.h) */
	long max_comments;         /* per question, newest first; 0: all */
	int progress;              /* 1: a progress line on stderr */
	time_t now;                /* the generated date (SOURCE_DATE_EPOCH) */
	int timeout;               /* seconds per chart; 0: default */
};

void report_opts_init(struct report_opts *o);

/*
 * Writes the report of form f over o->scope to out (appended). site names
 * the organisation (may be NULL). Returns 0, or -1 with the error logged
 * (gnuplot missing or failing, libharu failing, a store error).
 */
int report_pdf(struct store *s, const struct form *f, const struct site *site,
	       const struct report_opts *o, struct buf *out);

/*
 * A short name of the scope for file names and titles, e.g. "all",
 * "webinar-2026-03", "2026-01-01-to-2026-03-31", as a new string.
 */
char *report_scope_name(const struct scope *sc);

#endif
