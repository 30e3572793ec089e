/*
 * export.h - the raw data: one row per response as CSV (RFC 4180,
 * formula cells neutralised) or JSON Lines, streamed from the store so
 * that memory stays flat, and the codebook that explains the columns.
 */
#ifndef SIGSURVEY_EXPORT_H
#define SIGSURVEY_EXPORT_H

#include <stdio.h>

#include "form.h"
#include "store.h"

enum export_format { EXPORT_CSV, EXPORT_JSONL };

struct export_opts {
	struct scope scope;        /* scope.form must be f's key */
	enum export_format format;
	int labels;                /* option labels instead of codes */
	int excel;                 /* CSV for Excel: a UTF-8 byte order mark,
				      headings "Question (column)", local
				      'YYYY-MM-DD HH:MM' times */
	int codebook;              /* the columns, not the responses */
	int no_contact;            /* leave out the columns of contact
				      questions (form_is_contact): the
				      committee area's export for viewers */
};

/*
 * Writes the export of form f to out. Columns: response, event,
 * event_title, event_date, submitted (ISO 8601 UTC), then per question in
 * form order: one column (a likert battery: one per item; a multi: one
 * per option named KEY.CODE holding 1, 0 or empty when the question was
 * not answered), and KEY_other where the question has an Other box.
 * JSON Lines has the same names, a multi as an array of codes. With
 * o->no_contact the contact questions have no column at all, in the
 * rows and in the codebook alike.
 * Returns 0, or -1 logged (store or write error).
 */
int export_write(struct store *s, const struct form *f,
		 const struct export_opts *o, FILE *out);

#endif
