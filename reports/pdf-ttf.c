/*
 * pdf-ttf.c - the components of composite TrueType glyphs, for pdf.c:
 * libharu 2.3 embeds only the glyphs a document uses, but not the
 * glyphs a composite one is built from, so most CJK characters (built
 * from radicals) came out blank or broken. Pure byte reading: no libharu.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"
#include "util.h"

enum {
	ARG_WORDS = 0x0001,    /* ARG_1_AND_2_ARE_WORDS */
	HAS_SCALE = 0x0008,    /* WE_HAVE_A_SCALE */
	MORE = 0x0020,         /* MORE_COMPONENTS */
	XY_SCALE = 0x0040,     /* WE_HAVE_AN_X_AND_Y_SCALE */
	TWO_BY_TWO = 0x0080,   /* WE_HAVE_A_TWO_BY_TWO */
};

static unsigned u16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/*
 * Marks (used[gid] = 1) the components of glyph g, whose data is
 * d[0..n). Returns 1 when it marked one that was not marked before.
 */
static int mark(const unsigned char *d, size_t n, unsigned char *used,
		size_t nglyphs)
{
	size_t at = 10;
	unsigned flags;
	int more = 0;

	if (n < 10 || (d[0] & 0x80) == 0)   /* numberOfContours >= 0 */
		return 0;
	do {
		unsigned gid;

		if (at + 4 > n)
			break;
		flags = u16(d + at);
		gid = u16(d + at + 2);
		at += 4 + (flags & ARG_WORDS ? 4 : 2);
		at += flags & HAS_SCALE ? 2 : flags & XY_SCALE ? 4
		      : flags & TWO_BY_TWO ? 8 : 0;
		if (gid < nglyphs && !used[gid]) {
			used[gid] = 1;
			more = 1;
		}
	} while (flags & MORE);
	return more;
}

int pdf_ttf_mark_components(const char *path, unsigned long glyf,
			    const unsigned *loca, size_t nglyphs,
			    unsigned char *used)
{
	FILE *f = fopen(path, "rb");
	unsigned char *d = NULL;
	size_t cap = 0;
	int again = 1, ret = -1;

	if (!f)
		return error("cannot read font %s", path);
	while (again) {             /* components may be composite too */
		again = 0;
		for (size_t g = 0; g < nglyphs; g++) {
			size_t n = loca[g + 1] > loca[g] ? loca[g + 1] - loca[g]
							 : 0;

			if (!used[g] || n < 10)
				continue;
			if (n > cap)
				d = xrealloc(d, cap = n);
			if (fseek(f, (long)(glyf + loca[g]), SEEK_SET) ||
			    fread(d, 1, n, f) != n)
				goto out;
			again |= mark(d, n, used, nglyphs);
		}
	}
	ret = 0;
out:
	if (ret)
		error("cannot read the glyphs of font %s", path);
	free(d);
	fclose(f);
	return ret;
}
