/*
 * pdf-rtl.c - right-to-left text for the PDF writer, which has no text
 * shaping engine: Arabic letters take their joined presentation forms
 * (with the lam-alef ligatures), and each right-to-left run is reversed
 * into drawing order. Pure functions over code points (see pdf.h).
 */
#include "pdf.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/*
 * Arabic letters U+0621..U+064A: 0 none, 1 joins only to the previous
 * letter (isolated, final), 2 joins both ways (isolated, final, initial,
 * medial). Their forms follow each other in Presentation Forms-B from
 * U+FE80, in this order.
 */
static const unsigned char ar_join[] = {
	1, 1, 1, 1, 1, 2, 1, 2, 1, 2, 2, 2, 2, 2, 1, 1, 1, 1, 2, 2, 2, 2,
	2, 2, 2, 2, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 1, 1, 2,
};

static unsigned ar_first_form(unsigned c)
{
	unsigned f = 0xFE80;

	if (c == 0x0621)
		return f;
	f++;
	for (unsigned k = 0x0622; k < c; k++)
		f += ar_join[k - 0x0621] == 2 ? 4 : ar_join[k - 0x0621] ? 2 : 0;
	return f;
}

static int ar_type(unsigned c)
{
	if (c == 0x0640)
		return 3;               /* tatweel: joins both, no forms */
	if (c >= 0x0621 && c <= 0x064A)
		return c == 0x0621 ? 0 : ar_join[c - 0x0621] ? ar_join[c - 0x0621]
							     : 0;
	return -1;
}

static int ar_mark(unsigned c)
{
	return (c >= 0x064B && c <= 0x065F) || c == 0x0670;
}

static int rtl(unsigned c)
{
	return (c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) ||
	       (c >= 0xFE70 && c <= 0xFEFF);
}

/* The joining type of the nearest letter before/after i, past marks. */
static int ar_neighbour(const unsigned *v, size_t n, size_t i, int dir)
{
	for (;;) {
		if ((dir < 0 && i == 0) || (dir > 0 && i + 1 >= n))
			return -1;
		i = dir < 0 ? i - 1 : i + 1;
		if (!ar_mark(v[i]))
			return ar_type(v[i]);
	}
}

/* Joins the Arabic letters of out[0..n); returns the new length. */
static size_t shape_arabic(unsigned *out, size_t n,
			   int (*has)(void *ctx, unsigned c), void *ctx)
{
	unsigned *v = xmalloc((n + 1) * sizeof(*v));
	size_t o = 0;

	memcpy(v, out, n * sizeof(*v));
	for (size_t i = 0; i < n; i++) {
		unsigned c = v[i], f;
		int t = ar_type(c), prev, next;

		if (t < 1 || t == 3) {
			out[o++] = c;
			continue;
		}
		prev = ar_neighbour(v, n, i, -1);
		prev = prev == 2 || prev == 3;
		if (c == 0x0644 && i + 1 < n && (v[i + 1] == 0x0622 ||
		    v[i + 1] == 0x0623 || v[i + 1] == 0x0625 ||
		    v[i + 1] == 0x0627)) {
			unsigned a = v[++i];
			unsigned lig = a == 0x0622 ? 0xFEF5 : a == 0x0623 ? 0xFEF7
				     : a == 0x0625 ? 0xFEF9 : 0xFEFB;

			out[o++] = lig + (unsigned)prev;
			continue;
		}
		next = t == 2 && ar_neighbour(v, n, i, +1) >= 1;
		f = ar_first_form(c) + (unsigned)prev;
		if (t == 2 && next)
			f = ar_first_form(c) + (prev ? 3 : 2);
		out[o++] = has(ctx, f) ? f : c;
	}
	free(v);
	return o;
}

static void mirror(unsigned *c)
{
	static const char pairs[] = "()[]{}<>";
	const char *q = *c < 0x80 ? strchr(pairs, (int)*c) : NULL;

	if (q && *c)
		*c = (unsigned char)pairs[(q - pairs) ^ 1];
}


int pdf_rtl_order(unsigned *v, size_t *np, int (*has)(void *ctx, unsigned c),
		  void *ctx)
{
	size_t n = *np;
	int any = 0;

	for (size_t i = 0; i < n && !any; i++)
		any = rtl(v[i]);
	if (!any)
		return 0;
	n = shape_arabic(v, n, has, ctx);
	for (size_t i = 0; i < n;) {
		size_t e, last = i;

		if (!rtl(v[i])) {
			i++;
			continue;
		}
		/* the run: RTL letters, and neutrals followed by more of them */
		for (e = i; e < n; e++) {
			if (rtl(v[e]))
				last = e;
			else if (v[e] < 0x80 && isalnum((int)v[e]))
				break;
			else if (v[e] >= 0x80 && !ar_mark(v[e]))
				break;
		}
		for (size_t a = i, b = last; a < b; a++, b--) {
			unsigned t = v[a];

			v[a] = v[b];
			v[b] = t;
		}
		for (size_t a = i; a <= last; a++)
			mirror(&v[a]);
		i = last + 1;
	}
	*np = n;
	return 1;
}
