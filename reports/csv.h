/*
 * csv.h - RFC 4180 CSV cells and rows, safe to open in a spreadsheet:
 * fields quoted when they hold a comma, quote, CR or LF; text cells that
 * start with = + - @ tab or CR are prefixed with ' so that no spreadsheet
 * runs them as a formula; invalid UTF-8 becomes U+FFFD.
 */
#ifndef SIGSURVEY_CSV_H
#define SIGSURVEY_CSV_H

#include <stddef.h>

#include "buf.h"

/* One row being built. Initialise with CSV_INIT, release with csv_release. */
struct csv {
	struct buf line;
	size_t cells;          /* cells in the current row */
};

#define CSV_INIT { BUF_INIT, 0 }

void csv_release(struct csv *c);

/* Adds a text cell (NULL: an empty cell), neutralised and quoted. */
void csv_cell(struct csv *c, const char *s);
/* Adds a number cell, written as a plain number (never neutralised). */
void csv_num(struct csv *c, double v);
/* Adds an integer cell. */
void csv_int(struct csv *c, long long v);
/* Ends the row with CRLF; the row is then c->line (reset it after use). */
void csv_end(struct csv *c);
/* Empties c->line for the next row. */
void csv_reset(struct csv *c);

/* Appends s to out as valid UTF-8, invalid bytes replaced by U+FFFD. */
void csv_utf8(struct buf *out, const char *s, size_t len);

/* Appends s as a JSON string literal (quotes included), valid UTF-8. */
void csv_json_string(struct buf *out, const char *s);

#endif
