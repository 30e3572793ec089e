/*
 * handout.h - the one-page printable handout for an event: its title,
 * date and place, a line of invitation, a large QR code and the short
 * link, to put on the last slide or on the tables. Drawn with pdf.h only.
 */
#ifndef SIGSURVEY_HANDOUT_H
#define SIGSURVEY_HANDOUT_H

#include <stddef.h>
#include <time.h>

#include "buf.h"
#include "pdf.h"

struct handout {
	const char *org;           /* organisation, or NULL */
	const char *title;         /* the event's title */
	const char *when;          /* the date as people read it */
	const char *where;         /* location, or NULL */
	const char *invitation;    /* one line asking for feedback */
	const char *certificate;   /* the certificate offered, or NULL */
	const char *link;          /* the address printed under the code */
	const void *qr_png;        /* a complete PNG of the QR code, or NULL */
	size_t qr_len;
	const char *qr_missing;    /* printed in its place when qr_png is NULL */
	enum pdf_paper paper;
	time_t created;            /* document date */
};

/* Appends the PDF to out. Returns 0, or -1 logged (fonts, libharu). */
int handout_pdf(const struct handout *ho, struct buf *out);

#endif
