/*
 * report-int.h - what the report*.c files share and nothing else
 * includes: the report state, the page flow (report-layout.c) and the
 * question sections (report-question.c).
 */
#ifndef SIGSURVEY_REPORT_INT_H
#define SIGSURVEY_REPORT_INT_H

#include "chart.h"
#include "pdf.h"
#include "report.h"
#include "stats.h"

/* Type sizes and colours: one place for the whole report. */
#define SZ_BODY   9.5
#define SZ_SMALL  8.0
#define SZ_TABLE  8.5
#define SZ_H1     15.0
#define SZ_H2     11.5
#define COL_TEXT   0x222222u
#define COL_MUTED  0x666666u
#define COL_ACCENT 0x0072B2u
#define COL_RULE   0xCCCCCCu
#define COL_HEAD   0xE8F0F7u
#define COL_ZEBRA  0xF6F6F6u
#define COL_WARN   0xB34700u

struct comment {
	char *event;           /* event key, or NULL */
	long long submitted;
	long long response;
	char *text;
};

/* Comments of one answer key, newest first. */
struct comments {
	char *key;
	struct comment *v;
	size_t n, cap;
	long total;            /* answers in scope, blank ones left out */
	long more;             /* not kept: beyond max_comments */
	struct codedist months; /* date questions: answers per YYYY-MM */
	long blank;            /* empty or whitespace only: left out */
};

/*
 * A heading, note or space held back until what follows it is drawn, so
 * that it lands on the same page as at least its first block.
 */
struct held {
	int heading;           /* 1: a heading, 0: a paragraph or space */
	int level;             /* headings: 0 section, 1 question */
	int bookmark;
	char *text;            /* NULL: vertical space of h points */
	enum pdf_font font;
	double size, indent, h;
	unsigned colour;
};

struct rpt {
	struct store *store;
	const struct form *form;
	const struct site *site;
	const struct report_opts *o;
	struct pdf *pdf;
	struct chart_proc *gp;
	struct stats st;
	struct event *ev;      /* events in scope, by date */
	size_t nev;
	struct stats_trend trend;  /* events shown on their own (min_group) */
	struct comments *com;
	size_t ncom, capcom;
	char *title;
	double x0, x1, top, bottom, y;   /* text box and cursor */
	int charts, charts_total;
	int qnum;              /* question sections so far */
	int failed;            /* a chart or image failed: give up */
	struct held *held;     /* waiting for the next block */
	size_t nheld, capheld;
};

/* ---- report-layout.c ---- */

void rp_new_page(struct rpt *r);
/*
 * Starts a new page unless h more points fit on this one. Anything held
 * (headings, notes) is drawn first, on the same page as those h points.
 */
void rp_need(struct rpt *r, double h);
/*
 * A heading, held until the next block (chart, table rows, paragraph
 * line) is drawn, so that it never ends a page alone.
 */
void rp_heading(struct rpt *r, int level, const char *text, int bookmark);
/* A wrapped paragraph, flowing over pages as needed. */
void rp_para(struct rpt *r, const char *text, enum pdf_font font,
	     double size, unsigned colour, double indent);
/* A short paragraph kept with what follows it, like a heading. */
void rp_note(struct rpt *r, const char *text, enum pdf_font font,
	     double size, unsigned colour);
/* Height of text wrapped as rp_para would wrap it. */
double rp_para_height(struct rpt *r, const char *text, enum pdf_font font,
		      double size, double indent);
/* Vertical space (held when something is held). */
void rp_space(struct rpt *r, double h);
/* Draws what is held; at the end of the report. Frees the hold. */
void rp_flush(struct rpt *r);

/* Tables up to this many rows are kept whole... */
#define RP_SHORT_TABLE 6
/* ...and up to this many on the page of the chart above them. */
#define RP_CHART_ROWS 4
/* Rows a table break leaves at least on either page. */
#define RP_MIN_ROWS 3

/* Height of a table of rows single-line rows (an estimate). */
double rp_table_height(size_t rows);
/*
 * Renders c (width is the text width) and draws it, on the same page as
 * a short table of rows rows drawn right under it; -1 on failure.
 */
int rp_chart(struct rpt *r, struct chart *c, size_t rows);

struct col {
	const char *head;
	double width;
	int right;             /* numbers: right-aligned */
};

struct table {
	const struct col *c;
	size_t n;
	int rows;              /* rows drawn, for zebra stripes */
	size_t left;           /* rows still to come */
	double extra;          /* spare width, given to the first column */
};

/* A table of rows rows (kept whole when short; 0: not known). */
void rp_table_start(struct rpt *r, struct table *t, const struct col *c,
		    size_t n, size_t rows);
/* One row; cells[0] may wrap, the others are single lines. */
void rp_table_row(struct rpt *r, struct table *t, const char *const *cells,
		  int bold);
void rp_table_end(struct rpt *r, struct table *t);

/* Headers, footers and page numbers on every page but the cover. */
void rp_finish_pages(struct rpt *r, const char *date);

/* Appends "1,234" (thousands separated) and "45%" ("<1%" below 1). */
void rp_fmt_count(struct buf *b, long n);
void rp_fmt_pct(struct buf *b, double pct);
/* Title and date of event key in scope (the key itself, NULL: unknown). */
const char *rp_event_title(const struct rpt *r, const char *key);
const char *rp_event_date(const struct rpt *r, const char *key);

/* ---- report-choices.c ---- */

/*
 * The sections of a likert battery and of a choice, multi or yes/no
 * question: 0, or -1 when a chart failed (logged).
 */
int rp_likert(struct rpt *r, const struct question *q);
int rp_options(struct rpt *r, const struct question *q);

/* ---- report-question.c ---- */

/* The numeric answers of key in g (an empty distribution when none). */
const struct numdist *rp_nums(const struct group *g, const char *key);
/* The coded answers of key in g (an empty distribution when none). */
const struct codedist *rp_codes(const struct group *g, const char *key);
/* The options q is answered from: its scale's levels or its own options. */
const struct optlist *rp_choices(const struct question *q);
/* How many comments key has, listed or not. */
long rp_ncomments(const struct rpt *r, const char *key);
/* "Kind · 540 of 600 responses answered (90%)" */
void rp_answered(struct rpt *r, const char *kind, long n);
/* The numbered heading of question q (held, see rp_heading). */
void rp_qheading(struct rpt *r, const struct question *q);
/* "No answers." and 1 when n is 0; else 0, nothing drawn. */
int rp_no_answers(struct rpt *r, long n);
/*
 * Under the small-group threshold (0 < n < min_group): a note that the
 * counts stand without a chart, and 1; else 0, nothing drawn.
 */
int rp_too_few(struct rpt *r, long n);

/* Bars a choice chart shows at most; the rest are in its table. */
#define RP_MAX_BARS 15
/* Characters of a bar label the chart shows in full (chart-script.c). */
#define RP_BAR_LABEL 48

/* ---- report-cover.c ---- */

/* The cover page with its totals (starts the first page). */
void rp_cover(struct rpt *r, const char *date);
/* The summary per event, or a single event's key figures. */
void rp_summary(struct rpt *r);

/* ---- report-scores.c ---- */

int rp_rating(struct rpt *r, const struct question *q);
int rp_nps(struct rpt *r, const struct question *q);


/* The section of question q (not a section heading); -1 on failure. */
int rp_question(struct rpt *r, const struct question *q);
/* Comments of key, or NULL. */
const struct comments *rp_comments(const struct rpt *r, const char *key);
/* How many charts rp_question will draw for q. */
int rp_question_charts(const struct rpt *r, const struct question *q);

/* ---- report-certificates.c ---- */

/* Certificates issued and contact hours per event; nothing when no
 * event in scope offers one. -1 on a store error. */
int rp_certificates(struct rpt *r);

/* ---- report-comments.c ---- */

/* Answers of each event the default choice of comments picks from. */
#define RP_POOL 6
/* Other answers read for their tally, newest first (the rest counted). */
#define RP_OTHER_MAX 1000

/* The comments of key, made empty on first use. */
struct comments *rp_comments_of(struct rpt *r, const char *key);
/*
 * Reads the answers of text key (of question q) that the report lists,
 * by o->comments. Returns 0, or -1 (logged).
 */
int rp_texts_gather(struct rpt *r, const struct question *q,
		    const char *key);
/* With --comments all: every comment, per question, on pages at the end. */
void rp_appendix(struct rpt *r);
/* The kept comments of key, each under its event and date. */
void rp_list_comments(struct rpt *r, const char *key);

/* ---- report-topics.c ---- */

/* The suggested-topics section of a training-ideas style form. */
int rp_topics(struct rpt *r);

/* ---- report-ideas.c ---- */

/* "Programme pipeline" of a board form (the topic board); -1 on error. */
int rp_pipeline(struct rpt *r);
/* 1 when q is listed by rp_topics and gets no section of its own. */
int rp_topics_skip(const struct rpt *r, const struct question *q);

#endif
