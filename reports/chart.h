/*
 * chart.h - charts for reports and the admin area. chart_script() is a
 * pure function from a chart description to gnuplot commands; the
 * chart_proc functions own the one gnuplot process of a report (spawned
 * without a shell, fed through a pipe, killed after a timeout).
 *
 * Labels come only from form files and event titles: they are written
 * single-quoted with quotes doubled, control characters stripped, and the
 * terminal is noenhanced. Data blocks hold numbers only. Respondent free
 * text must never be put into a struct chart.
 */
#ifndef SIGSURVEY_CHART_H
#define SIGSURVEY_CHART_H

#include <stddef.h>

#include "buf.h"

enum chart_kind {
	CHART_HBAR,    /* horizontal bars, one per row, sorted by the caller */
	CHART_VBAR,    /* vertical bars: a distribution or counts over time */
	CHART_LIKERT,  /* diverging stacked bars: rows are items */
	CHART_TREND,   /* a value per row (event) joined by a line */
};

/* The palette (Okabe-Ito, colour-blind safe), for charts and the PDF. */
#define CHART_BLUE    0x0072B2u
#define CHART_SKY     0x56B4E9u
#define CHART_ORANGE  0xE69F00u
#define CHART_RED     0xD55E00u
#define CHART_GREEN   0x009E73u
#define CHART_GREY    0xBBBBBBu
#define CHART_DARK    0x333333u

struct chart {
	enum chart_kind kind;
	double width, height;      /* drawn size in PDF points (1/72 inch) */
	size_t nrows;
	const char *const *labels; /* nrows row labels (bars, items, events) */
	/*
	 * HBAR, VBAR, TREND: nrows values. LIKERT: nrows * nseries
	 * percentages, row-major, each row's levels from low to high.
	 */
	const double *value;
	/* HBAR: count per row, printed "count (value%)"; TREND: n per point
	 * printed under the value; NULL: values only. */
	const long *count;
	const unsigned *colour;    /* VBAR: a colour per bar, or NULL */
	const char *const *series; /* LIKERT: nseries level labels */
	size_t nseries;
	int percent;               /* HBAR: values are percentages */
	int stacked;               /* LIKERT: an ordinal scale, stacked from
				      0 to 100% left to right in sequential
				      colours (0: diverging around the
				      centre) */
	const char *xlabel;        /* optional axis titles */
	const char *ylabel;
	double ymin, ymax;         /* TREND: value axis range when ymin < ymax */
	int every;                 /* VBAR: label every Nth bar (0/1: all) */
	int decimals;              /* TREND: digits after the point */
};

/*
 * Appends to out one gnuplot script that draws c into png_path and then
 * prints the line "SIGSURVEY-CHART <seq> <errno>" on gnuplot's stdout.
 * Pure: no I/O. Row and level labels are sanitised with chart_quote().
 */
void chart_script(struct buf *out, const struct chart *c,
		  const char *png_path, unsigned seq);

/*
 * Appends s to out as a gnuplot single-quoted string: control characters
 * and invalid UTF-8 dropped, ' doubled, cut to at most max characters
 * (with an ellipsis) when max > 0.
 */
void chart_quote(struct buf *out, const char *s, size_t max);

/* 1 when data[0..len) is a complete PNG: signature, chunks, IEND last. */
int chart_png_complete(const unsigned char *data, size_t len);

struct chart_proc;

/*
 * Starts gnuplot ($SIGSURVEY_GNUPLOT, else gnuplot on PATH) with an empty
 * temporary HOME and working directory. timeout is the seconds one chart
 * may take (0: 30). Returns 0 and a new process in *out, or -1 with a
 * clear message logged (gnuplot missing or not runnable). Ignores
 * SIGPIPE in the calling process, so that a gnuplot that dies mid-script
 * is an error return rather than the end of the caller.
 */
int chart_open(struct chart_proc **out, int timeout);

/*
 * Draws c and sets png (reset first) to the finished PNG's bytes.
 * Returns 0, or -1 logged: gnuplot reported an error, died, timed out or
 * wrote an incomplete PNG. After a -1 other than a gnuplot error the
 * process is gone and later calls fail at once.
 */
int chart_render(struct chart_proc *p, const struct chart *c,
		 struct buf *png);

/*
 * Ends gnuplot (closing its input, killing it after the timeout) and
 * removes its temporary directory. Returns 0 when it exited cleanly.
 * Accepts NULL.
 */
int chart_close(struct chart_proc *p);

/*
 * For a SIGTERM or SIGINT handler (async-signal-safe): kills the running
 * gnuplot at once and makes chart_open() and chart_render() fail from
 * now on, so that the report stops and chart_close() removes the
 * temporary directory on the way out.
 */
void chart_interrupt(void);

#endif
