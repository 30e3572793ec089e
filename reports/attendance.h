/*
 * attendance.h - the one-page certificate of attendance (landscape):
 * organisation, the attendee's name, the event, its contact hours, who
 * signs for the committee, and the verification code with its address
 * and QR code. Drawn with pdf.h only; the caller gathers the texts.
 */
#ifndef SIGSURVEY_ATTENDANCE_H
#define SIGSURVEY_ATTENDANCE_H

#include <stddef.h>
#include <time.h>

#include "buf.h"
#include "pdf.h"

struct attendance {
	const char *org;           /* organisation (site name) */
	const char *name;          /* the attendee, as typed: any script */
	const char *title;         /* the event's title */
	const char *when;          /* the event's date as people read it */
	const char *format;        /* "Webinar", or NULL */
	const char *location;      /* or NULL */
	const char *presenter;     /* or NULL */
	const char *hours;         /* contact hours, "1.5" */
	const char *signer_name;   /* or NULL: a blank signature line */
	const char *signer_role;   /* or NULL */
	const char *issued;        /* the issue date as people read it */
	const char *code;          /* verification code */
	const char *verify_url;    /* BASE_URL/c/CODE */
	const void *qr_png;        /* a complete PNG of the QR code of it */
	size_t qr_len;
	enum pdf_paper paper;
	time_t created;            /* document date */
};

/*
 * Appends the PDF to out. A long name is set smaller until it fits one
 * line, then wrapped. Returns 0, or -1 logged (fonts, libharu).
 */
int attendance_pdf(const struct attendance *a, struct buf *out);

#endif
