/*
 * qr.h - QR codes for event links (the only user of libqrencode): the
 * module matrix, drawn as inline SVG for pages, as a PNG for downloads
 * and the printable handout, and as text for a terminal.
 */
#ifndef SIGSURVEY_QR_H
#define SIGSURVEY_QR_H

#include <stddef.h>

#include "buf.h"
#include "html.h"

#define QR_QUIET 4                 /* modules of white border */

struct qr {
	int width;                 /* modules per side, without border */
	unsigned char *dark;       /* width * width: 1 dark, 0 light */
};

/*
 * Encodes text (error correction level M, 8-bit mode) into q. Returns 0,
 * or -1 logged (text too long for a QR code, out of memory).
 */
int qr_make(struct qr *q, const char *text);
void qr_release(struct qr *q);

/*
 * Writes an <svg> of q, scalable, with role="img" and label as its
 * accessible name (escaped by the writer).
 */
void qr_svg(struct html *h, const struct qr *q, const char *label);

/*
 * Appends to out a PNG of q (1-bit greyscale, scale pixels per module,
 * with the quiet zone). Always succeeds for a made code.
 */
void qr_png(const struct qr *q, int scale, struct buf *out);

/*
 * Appends to out q with its quiet zone as lines of UTF-8 half blocks, two
 * modules to a character, the light modules drawn (as on a dark
 * terminal). With ansi, each line is also coloured white on black, so
 * that it scans on a light terminal too. Always succeeds.
 */
void qr_text(const struct qr *q, int ansi, struct buf *out);

#endif
