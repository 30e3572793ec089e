/*
 * chart-script.c - gnuplot scripts from chart descriptions: a pure
 * function, unit-tested without gnuplot (see chart.h). Labels are
 * single-quoted with quotes doubled and control characters dropped; data
 * blocks hold numbers only.
 */
#include "chart.h"

#include <math.h>
#include <string.h>

#include "util.h"

#define DPI 150.0
#define FONT "DejaVu Sans"

static void quote(struct buf *out, const char *s, size_t max, int tic);

void chart_quote(struct buf *out, const char *s, size_t max)
{
	quote(out, s, max, 0);
}

/* tic is 1 for tic labels, which gnuplot reads as formats: % doubled. */
static void quote(struct buf *out, const char *s, size_t max, int tic)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t left = strlen((const char *)p), chars = 0;

	buf_addc(out, '\'');
	while (left) {
		size_t n = utf8_decode((const char *)p, left, NULL);

		if (!n) {                       /* invalid byte: dropped */
			p++;
			left--;
			continue;
		}
		if (max && chars + 1 >= max && left > n) {
			buf_adds(out, "\xe2\x80\xa6");   /* ellipsis */
			break;
		}
		if (n == 1 && (*p < 0x20 || *p == 0x7f)) {
			if (*p == '\t' || *p == '\n' || *p == '\r')
				buf_addc(out, ' ');
		} else if (n == 2 && p[0] == 0xc2 && p[1] < 0xa0) {
			/* C1 control: dropped */
		} else if (*p == '\'') {
			buf_adds(out, "''");
		} else if (*p == '%' && tic) {
			buf_adds(out, "%%");
		} else {
			buf_add(out, p, n);
		}
		chars++;
		p += n;
		left -= n;
	}
	buf_addc(out, '\'');
}

static void add_rgb(struct buf *b, unsigned rgb)
{
	buf_addf(b, "'#%06X'", rgb & 0xffffffu);
}

/* Numbers are written with %.6g: never a string, never "EOD". */
static void add_num(struct buf *b, double v)
{
	if (!isfinite(v))
		v = 0;
	buf_addf(b, "%.6g", v);
}

static void prelude(struct buf *b, const struct chart *c, const char *png)
{
	long w = lround(c->width / 72.0 * DPI);
	long h = lround(c->height / 72.0 * DPI);

	if (w < 100)
		w = 100;
	if (h < 60)
		h = 60;
	buf_adds(b, "reset\nset encoding utf8\n");
	/* cairo text is sized at 72 dpi: scale it to the drawn resolution */
	buf_addf(b, "set terminal pngcairo size %ld,%ld noenhanced "
		 "font '" FONT ",8' fontscale %.3f linewidth %.3f "
		 "background '#FFFFFF'\n", w, h, DPI / 96.0 * 0.95,
		 DPI / 96.0);
	buf_adds(b, "set output ");
	chart_quote(b, png, 0);
	buf_adds(b, "\nunset key\nset border 3 lc rgb '#777777'\n"
		 "set tics nomirror out scale 0.5 textcolor rgb '#333333'\n"
		 "set style fill solid 1.0 noborder\n");
}

static void finish(struct buf *b, unsigned seq)
{
	buf_addf(b, "unset output\n"
		 "print sprintf('SIGSURVEY-CHART %u %%d', GPVAL_ERRNO)\n"
		 "reset errors\n", seq);
}

/* set Xtics ('label' 0, 'label' 1, ...) */
static void tics(struct buf *b, const char *axis, const struct chart *c,
		 int every, size_t max)
{
	int first = 1;

	buf_addf(b, "set %stics (", axis);
	for (size_t i = 0; i < c->nrows; i++) {
		if (every > 1 && i % (size_t)every)
			continue;
		if (!first)
			buf_adds(b, ", ");
		quote(b, c->labels ? c->labels[i] : "", max, 1);
		buf_addf(b, " %zu", i);
		first = 0;
	}
	buf_adds(b, ")\n");
}

static double max_value(const struct chart *c)
{
	double m = 0;

	for (size_t i = 0; i < c->nrows; i++)
		if (isfinite(c->value[i]) && c->value[i] > m)
			m = c->value[i];
	return m;
}

static void hbar(struct buf *b, const struct chart *c)
{
	double m = max_value(c), total = 0;

	if (c->count)
		for (size_t i = 0; i < c->nrows; i++)
			total += (double)c->count[i];
	buf_adds(b, "$d << EOD\n");
	for (size_t i = 0; i < c->nrows; i++) {
		double pct = c->percent ? c->value[i]
			   : total > 0 && c->count
			   ? 100.0 * (double)c->count[i] / total : 0;

		buf_addf(b, "%zu ", i);
		add_num(b, c->value[i]);
		buf_addf(b, " %ld ", c->count ? c->count[i] : 0L);
		add_num(b, pct);
		buf_addc(b, '\n');
	}
	buf_adds(b, "EOD\n");
	buf_addf(b, "set yrange [%zu.4:-0.6]\n",
		 c->nrows ? c->nrows - 1 : 0);
	tics(b, "y", c, 1, 48);
	buf_adds(b, "set ytics scale 0\nset border 1 lc rgb '#777777'\n");
	if (c->percent)
		buf_adds(b, "set format x '%g%%'\n");
	if (!c->percent && m < 10)
		buf_adds(b, "set xtics 1\n");
	buf_adds(b, "set xrange [0:");
	add_num(b, m > 0 ? m * 1.28 : 1);
	buf_adds(b, "]\nset grid xtics back lt 1 lc rgb '#DDDDDD' lw 1\n"
		 "plot $d using (0):1:(0):2:($1-0.34):($1+0.34) "
		 "with boxxyerror fc rgb ");
	add_rgb(b, CHART_BLUE);
	if (c->percent)
		buf_adds(b, ", $d using 2:1:($3 > 0 ? sprintf(' %.0f%%  (%d)', "
			 "$2, $3) : sprintf(' %.0f%%', $2)) with labels left "
			 "tc rgb '#222222'\n");
	else if (c->count)
		buf_adds(b, ", $d using 2:1:(sprintf(' %d  (%.0f%%)', $3, $4)) "
			 "with labels left tc rgb '#222222'\n");
	else
		buf_adds(b, ", $d using 2:1:(sprintf(' %g', $2)) with labels "
			 "left tc rgb '#222222'\n");
}

static void vbar(struct buf *b, const struct chart *c)
{
	double m = max_value(c);

	buf_adds(b, "$d << EOD\n");
	for (size_t i = 0; i < c->nrows; i++) {
		buf_addf(b, "%zu ", i);
		add_num(b, c->value[i]);
		buf_addf(b, " %u\n", c->colour ? c->colour[i] & 0xffffffu
						: CHART_BLUE);
	}
	buf_adds(b, "EOD\n");
	buf_addf(b, "set xrange [-0.6:%zu.6]\n", c->nrows ? c->nrows - 1 : 0);
	tics(b, "x", c, c->every, 16);
	buf_adds(b, "set xtics scale 0\nset yrange [0:");
	add_num(b, m > 0 ? m * 1.18 : 1);
	buf_adds(b, "]\nset grid ytics back lt 1 lc rgb '#DDDDDD' lw 1\n"
		 "set ytics format '%g'\n");
	if (m < 10)
		buf_adds(b, "set ytics 1\n");     /* counts: whole numbers */
	if (c->nrows > 40)
		buf_adds(b, "set xtics rotate by 45 right\nset lmargin 10\n");
	buf_addf(b, "plot $d using 1:2:(%.2f):3 with boxes lc rgb variable",
		 c->nrows > 40 ? 0.9 : 0.72);
	if (c->nrows <= 24)
		buf_adds(b, ", $d using 1:2:($2 > 0 ? sprintf('%g', $2) : '') "
			 "with labels offset 0,0.7 tc rgb '#222222'");
	buf_addc(b, '\n');
}

/* Colour of level k of n on a diverging orange/grey/blue scale. */
static unsigned likert_colour(size_t k, size_t n)
{
	static const unsigned left[] = { 0xD55E00, 0xE69F00, 0xF3C98B };
	static const unsigned right[] = { 0x0072B2, 0x56B4E9, 0xA9D3EE };
	size_t half = n / 2, side, dist;

	if (n % 2 && k == half)
		return CHART_GREY;
	side = half < 3 ? half : 3;
	if (k < half) {
		dist = half - 1 - k;            /* 0: next to the centre */
		return left[side - 1 - (dist < side ? dist : side - 1)];
	}
	dist = k - (n + 1) / 2;
	return right[side - 1 - (dist < side ? dist : side - 1)];
}

/* Characters (not bytes) of UTF-8 text. */
static size_t chars_of(const char *s, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xc0) != 0x80;
	return k;
}

/*
 * Item labels in the left margin, in full: a label longer than one line
 * is split at the space nearest its middle and set as two labels, since
 * a single-quoted gnuplot string cannot hold a line break. Returns the
 * widest line in characters.
 */
static size_t item_labels(struct buf *b, const struct chart *c)
{
	size_t widest = 0;

	for (size_t i = 0; i < c->nrows; i++) {
		const char *s = c->labels && c->labels[i] ? c->labels[i] : "";
		size_t n = strlen(s), cut = 0, w = chars_of(s, n);
		struct buf l = BUF_INIT;

		if (w > 32)
			for (size_t k = 1; k < n; k++)
				if (s[k] == ' ' && (!cut || (k > n / 2 ? k - n / 2
					: n / 2 - k) < (cut > n / 2 ? cut - n / 2
					: n / 2 - cut)))
					cut = k;
		if (!cut) {
			buf_add(&l, s, n);
			buf_addf(b, "set label %zu ", 1000 + 2 * i);
			chart_quote(b, l.s, 60);
			buf_addf(b, " at graph 0, first %zu right offset -1,0\n", i);
			if (w > widest)
				widest = w;
		} else {
			for (int part = 0; part < 2; part++) {
				const char *p = part ? s + cut + 1 : s;
				size_t pn = part ? n - cut - 1 : cut;

				buf_reset(&l);
				buf_add(&l, p, pn);
				buf_addf(b, "set label %zu ", 1000 + 2 * i +
					 (size_t)part);
				chart_quote(b, l.s, 60);
				buf_addf(b, " at graph 0, first %zu right "
					 "offset -1,%s\n", i,
					 part ? "-0.55" : "0.55");
				if (chars_of(p, pn) > widest)
					widest = chars_of(p, pn);
			}
		}
		buf_release(&l);
	}
	return widest > 60 ? 60 : widest;
}

/* Colour of level k of n on a sequential light-to-dark blue scale. */
static unsigned ordinal_colour(size_t k, size_t n)
{
	static const unsigned seq[] = { 0xD6E9F5, 0x9CCAE8, 0x56B4E9,
					0x2B86C2, 0x0B4F6C };
	size_t i = n > 1 ? k * 4 / (n - 1) : 4;

	return seq[i > 4 ? 4 : i];
}

/* The x axis and key of a diverging (bipolar) battery, -ext to ext. */
static void diverging_axis(struct buf *b, double ext)
{
	buf_adds(b, "set border 0\nset xrange [");
	add_num(b, -ext);
	buf_adds(b, ":");
	add_num(b, ext);
	buf_adds(b, "]\nset xtics (");
	for (double x = -ext; x <= ext + 0.1; x += ext >= 100 ? 50 : 25)
		buf_addf(b, "%s'%.0f%%%%' %.0f", x > -ext ? ", " : "", fabs(x), x);
	buf_adds(b, ")\nset grid xtics back lt 1 lc rgb '#E4E4E4' lw 1\n"
		 "set arrow 1 from 0, graph 0 to 0, graph 1 nohead front "
		 "lc rgb '#444444' lw 1\n"
		 "set key outside below center horizontal reverse Left "
		 "samplen 1 spacing 1 width -3 maxrows 1 font ',7'\n"
		 "plot ");
}

/* The x axis and key of a stacked (ordinal) battery: 0 to 100%. */
static void stacked_axis(struct buf *b)
{
	buf_adds(b, "set border 0\nset xrange [0:100]\n"
		 "set xtics ('0%%' 0, '25%%' 25, '50%%' 50, '75%%' 75, "
		 "'100%%' 100)\n"
		 "set grid xtics back lt 1 lc rgb '#E4E4E4' lw 1\n"
		 "set key outside below center horizontal reverse Left "
		 "samplen 1 spacing 1 width -3 maxrows 1 font ',7'\n"
		 "plot ");
}

static void likert(struct buf *b, const struct chart *c)
{
	size_t L = c->nseries, half = c->stacked ? 0 : L / 2;
	double ext = 50;

	for (size_t i = 0; i < c->nrows; i++) {
		const double *p = c->value + i * L;
		double l = 0, r = 0;

		for (size_t k = 0; k < L; k++) {
			if (k < half)
				l += p[k];
			else if (L % 2 && k == half)
				l += p[k] / 2, r += p[k] / 2;
			else
				r += p[k];
		}
		if (l > ext)
			ext = l;
		if (r > ext)
			ext = r;
	}
	ext = ceil(ext / 25.0) * 25.0;
	buf_adds(b, "$d << EOD\n");
	for (size_t k = 0; k < L; k++) {
		for (size_t i = 0; i < c->nrows; i++) {
			const double *p = c->value + i * L;
			double x = 0;

			for (size_t j = 0; j < half; j++)
				x -= p[j];
			if (L % 2 && !c->stacked)
				x -= p[half] / 2;
			for (size_t j = 0; j < k; j++)
				x += p[j];
			buf_addf(b, "%zu ", i);
			add_num(b, x);
			buf_addc(b, ' ');
			add_num(b, x + p[k]);
			buf_addc(b, ' ');
			add_num(b, p[k]);
			buf_addc(b, '\n');
		}
		buf_adds(b, "\n\n");
	}
	buf_adds(b, "EOD\n");
	if (c->count) {          /* n per item, in the right margin */
		buf_adds(b, "set rmargin 9\n");
		for (size_t i = 0; i < c->nrows; i++)
			buf_addf(b, "set label %zu 'n=%ld' at graph 1.02, first "
				 "%zu left tc rgb '#666666'\n", i + 10,
				 c->count[i], i);
	}
	buf_addf(b, "set yrange [%zu.6:-0.6]\n",
		 c->nrows ? c->nrows - 1 : 0);
	buf_addf(b, "unset ytics\nset lmargin %.1f\n",
		 (double)item_labels(b, c) * 0.95 + 1);
	if (c->stacked)
		stacked_axis(b);
	else
		diverging_axis(b, ext);
	for (size_t k = 0; k < L; k++) {
		unsigned col = c->stacked ? ordinal_colour(k, L)
					  : likert_colour(k, L);
		int dark = col == 0xD55E00 || col == 0x0072B2 ||
			   col == 0x2B86C2 || col == 0x0B4F6C;

		if (k)
			buf_adds(b, ", \\\n  ");
		buf_addf(b, "$d index %zu using (($2+$3)/2):1:2:3:($1-0.34):"
			 "($1+0.34) with boxxyerror fc rgb ", k);
		add_rgb(b, col);
		buf_adds(b, " title ");
		chart_quote(b, c->series ? c->series[k] : "", 40);
		buf_addf(b, ", $d index %zu using (($2+$3)/2):1:($4 >= 7 ? "
			 "sprintf('%%.0f%%%%', $4) : '') with labels notitle "
			 "tc rgb ", k);
		add_rgb(b, dark ? 0xFFFFFFu : 0x222222u);
	}
	buf_addc(b, '\n');
}

/* Points of a trend that get a date, a value and an n each. */
#define TREND_LABELS 16

static void trend(struct buf *b, const struct chart *c)
{
	double lo = c->ymin, hi = c->ymax;

	if (!(lo < hi)) {
		lo = 0;
		hi = max_value(c) * 1.2 + 1;
	}
	buf_adds(b, "$d << EOD\n");
	for (size_t i = 0; i < c->nrows; i++) {
		buf_addf(b, "%zu ", i);
		add_num(b, c->value[i]);
		buf_addf(b, " %ld\n", c->count ? c->count[i] : 0L);
	}
	buf_adds(b, "EOD\n");
	buf_addf(b, "set xrange [-0.5:%zu.5]\n", c->nrows ? c->nrows - 1 : 0);
	/* many events: every few dates, and no n or value per point */
	tics(b, "x", c, c->nrows > TREND_LABELS ? (int)((c->nrows +
		TREND_LABELS - 1) / TREND_LABELS) : 1, 22);
	buf_adds(b, "set xtics scale 0\n");
	if (c->nrows > 5)
		buf_adds(b, "set xtics rotate by 30 right\nset lmargin 10\n");
	/* n per point in a row above the frame, clear of any point */
	for (size_t i = 0; c->count && c->nrows <= TREND_LABELS &&
			   i < c->nrows; i++)
		buf_addf(b, "set label %zu 'n=%ld' at first %zu, graph 1 "
			 "offset 0,0.8 center tc rgb '#777777' front\n",
			 i + 10, c->count[i], i);
	if (c->count && c->nrows <= TREND_LABELS)
		buf_adds(b, "set tmargin 2.2\n");
	buf_adds(b, "set yrange [");
	add_num(b, lo);
	buf_adds(b, ":");
	add_num(b, hi);
	buf_adds(b, "]\nset grid ytics back lt 1 lc rgb '#DDDDDD' lw 1\n"
		 "plot $d using 1:2 with linespoints lw 2 pt 7 ps 1.1 lc rgb ");
	add_rgb(b, CHART_BLUE);
	if (c->nrows <= TREND_LABELS)
		buf_addf(b, ", $d using 1:2:(sprintf('%%.%df', $2)) with "
			 "labels offset 0,1.1 tc rgb '#222222'", c->decimals);
	buf_addc(b, '\n');
}

void chart_script(struct buf *out, const struct chart *c,
		  const char *png_path, unsigned seq)
{
	prelude(out, c, png_path);
	if (c->xlabel) {
		buf_adds(out, "set xlabel ");
		chart_quote(out, c->xlabel, 60);
		buf_adds(out, " textcolor rgb '#555555'\n");
	}
	if (c->ylabel) {
		buf_adds(out, "set ylabel ");
		chart_quote(out, c->ylabel, 60);
		buf_adds(out, " textcolor rgb '#555555'\n");
	}
	if (!c->nrows || (c->kind == CHART_LIKERT && !c->nseries)) {
		buf_adds(out, "unset border\nunset tics\nset xrange [0:1]\n"
			 "set yrange [0:1]\nset label 1 'No answers' at 0.5,0.5 "
			 "center\nplot NaN notitle\n");
	} else {
		switch (c->kind) {
		case CHART_HBAR:
			hbar(out, c);
			break;
		case CHART_VBAR:
			vbar(out, c);
			break;
		case CHART_LIKERT:
			likert(out, c);
			break;
		case CHART_TREND:
			trend(out, c);
			break;
		}
	}
	finish(out, seq);
}

int chart_png_complete(const unsigned char *d, size_t len)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n',
					      0x1a, '\n' };
	size_t pos = 8;

	if (len < 8 + 12 || memcmp(d, sig, 8))
		return 0;
	while (pos + 12 <= len) {
		size_t n = (size_t)d[pos] << 24 | (size_t)d[pos + 1] << 16 |
			   (size_t)d[pos + 2] << 8 | d[pos + 3];

		if (n > len - pos - 12)
			return 0;
		if (!memcmp(d + pos + 4, "IEND", 4))
			return pos + 12 + n == len;
		pos += 12 + n;
	}
	return 0;
}

