/*
 * qr.c - QR codes through libqrencode, a small PNG writer for them
 * (stored deflate blocks: a QR PNG is a few kilobytes either way, and
 * this keeps zlib out of the program) and a terminal rendering.
 */
#include "qr.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "util.h"

int qr_make(struct qr *q, const char *text)
{
	QRcode *code;

	memset(q, 0, sizeof(*q));
	code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!code)
		return error("cannot make a QR code of %zu bytes", strlen(text));
	q->width = code->width;
	q->dark = xmalloc((size_t)q->width * (size_t)q->width);
	for (int i = 0; i < q->width * q->width; i++)
		q->dark[i] = code->data[i] & 1;
	QRcode_free(code);
	return 0;
}

void qr_release(struct qr *q)
{
	if (!q)
		return;
	free(q->dark);
	memset(q, 0, sizeof(*q));
}

void qr_svg(struct html *h, const struct qr *q, const char *label)
{
	struct buf d = BUF_INIT;
	int side = q->width + 2 * QR_QUIET;

	for (int y = 0; y < q->width; y++)
		for (int x = 0; x < q->width; x++) {
			int run = 0;

			if (!q->dark[y * q->width + x])
				continue;
			while (x + run < q->width &&
			       q->dark[y * q->width + x + run])
				run++;
			buf_addf(&d, "M%d %dh%dv1h-%dz", x + QR_QUIET,
				 y + QR_QUIET, run, run);
			x += run - 1;
		}
	html_lit(h, "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" "
		 "role=\"img\" shape-rendering=\"crispEdges\"");
	html_attrf(h, "viewBox", "0 0 %d %d", side, side);
	html_attr(h, "aria-label", label);
	html_lit(h, "><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
		 "<path fill=\"#000\"");
	html_attr(h, "d", d.s);
	html_lit(h, "/></svg>");
	buf_release(&d);
}

/* 1 when module (x, y) of the code with its quiet zone is light. */
static int light(const struct qr *q, int x, int y)
{
	x -= QR_QUIET;
	y -= QR_QUIET;
	return x < 0 || y < 0 || x >= q->width || y >= q->width ||
	       !q->dark[y * q->width + x];
}

void qr_text(const struct qr *q, int ansi, struct buf *out)
{
	static const char *const cell[4] = {
		" ", "\xe2\x96\x84", "\xe2\x96\x80", "\xe2\x96\x88",
	};                          /* light: none, lower, upper, both */
	int side = q->width + 2 * QR_QUIET;

	for (int y = 0; y < side; y += 2) {
		if (ansi)
			buf_adds(out, "\033[97;40m");
		for (int x = 0; x < side; x++)
			buf_adds(out, cell[light(q, x, y) * 2 +
					   (y + 1 < side && light(q, x, y + 1))]);
		if (ansi)
			buf_adds(out, "\033[0m");
		buf_addc(out, '\n');
	}
}

static uint32_t crc_table[256];
static pthread_once_t crc_once = PTHREAD_ONCE_INIT;

static void crc_init(void)
{
	for (uint32_t n = 0; n < 256; n++) {
		uint32_t c = n;

		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc_table[n] = c;
	}
}

static uint32_t crc32_of(const unsigned char *p, size_t n)
{
	uint32_t c = 0xffffffffu;

	for (size_t i = 0; i < n; i++)
		c = crc_table[(c ^ p[i]) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffffu;
}

static void put32(struct buf *b, uint32_t v)
{
	unsigned char x[4] = { v >> 24, v >> 16, v >> 8, v };

	buf_add(b, x, 4);
}

static void chunk(struct buf *out, const char *type, const void *data,
		  size_t n)
{
	size_t start;

	put32(out, (uint32_t)n);
	start = out->len;
	buf_add(out, type, 4);
	buf_add(out, data, n);
	put32(out, crc32_of((const unsigned char *)out->s + start, n + 4));
}

/* A zlib stream of raw in stored (uncompressed) deflate blocks. */
static void zlib_stored(struct buf *z, const unsigned char *raw, size_t n)
{
	uint32_t a = 1, b = 0;
	size_t off = 0;

	buf_addc(z, 0x78);
	buf_addc(z, 0x01);
	do {
		size_t len = n - off > 65535 ? 65535 : n - off;
		unsigned char hdr[5] = {
			off + len == n, len & 0xff, len >> 8,
			~len & 0xff, (~len >> 8) & 0xff,
		};

		buf_add(z, hdr, 5);
		buf_add(z, raw + off, len);
		off += len;
	} while (off < n);
	for (size_t i = 0; i < n; i++) {
		a = (a + raw[i]) % 65521;
		b = (b + a) % 65521;
	}
	put32(z, (b << 16) | a);
}

void qr_png(const struct qr *q, int scale, struct buf *out)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n',
					      0x1a, '\n' };
	int side = (q->width + 2 * QR_QUIET) * scale;
	size_t row = 1 + ((size_t)side + 7) / 8;
	unsigned char *raw = xcalloc(row * (size_t)side, 1);
	unsigned char ihdr[13];
	struct buf z = BUF_INIT;

	pthread_once(&crc_once, crc_init);
	for (int py = 0; py < side; py++) {
		unsigned char *r = raw + (size_t)py * row;
		int my = py / scale - QR_QUIET;

		memset(r + 1, 0xff, row - 1);        /* white */
		for (int px = 0; px < side; px++) {
			int mx = px / scale - QR_QUIET;

			if (mx >= 0 && my >= 0 && mx < q->width &&
			    my < q->width && q->dark[my * q->width + mx])
				r[1 + px / 8] &= (unsigned char)~(0x80 >> (px % 8));
		}
	}
	buf_add(out, sig, sizeof(sig));
	ihdr[0] = (unsigned char)(side >> 24);
	ihdr[1] = (unsigned char)(side >> 16);
	ihdr[2] = (unsigned char)(side >> 8);
	ihdr[3] = (unsigned char)side;
	memcpy(ihdr + 4, ihdr, 4);
	ihdr[8] = 1;        /* bit depth */
	ihdr[9] = 0;        /* greyscale */
	ihdr[10] = ihdr[11] = ihdr[12] = 0;
	chunk(out, "IHDR", ihdr, sizeof(ihdr));
	zlib_stored(&z, raw, row * (size_t)side);
	chunk(out, "IDAT", z.s, z.len);
	chunk(out, "IEND", "", 0);
	buf_release(&z);
	free(raw);
}
