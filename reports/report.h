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

/* Which written answers a report lists. */
enum report_comments {
	REPORT_COMMENTS_FEW,       /* default: max_comments of them, the
				      newest and the longest in turn,
				      across events */
	REPORT_COMMENTS_NEWEST,    /* --max-comments N: the newest N, 0: all */
	REPORT_COMMENTS_ALL,       /* --comments all: every one, in an
				      appendix at the end */
};
#define REPORT_FEW_COMMENTS 4

struct report_opts {
	struct scope scope;        /* scope.form must be f's key */
	const char *title;         /* NULL: "<form title>: <scope>" */
	enum pdf_paper paper;
	long min_group;            /* per-event figures need this many
				      (STATS_MIN_GROUP in stats.h) */
	enum report_comments comments;
	long max_comments;         /* per question (see comments) */
	int progress;              /* 1: a progress line on stderr */
	time_t now;                /* the generated date (SOURCE_DATE_EPOCH) */
	int timeout;               /* seconds per chart; 0: default */
};

void report_opts_init(struct report_opts *o);
/*
 * Sets o from the text of --comments: "all" (REPORT_COMMENTS_ALL) or a
 * number of comments to choose (REPORT_COMMENTS_FEW). Returns 0, or -1
 * (nothing logged) when the text is neither.
 */
int report_opts_comments(struct report_opts *o, const char *text);

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
