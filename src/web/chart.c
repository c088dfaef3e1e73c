/*
 * chart.c - SVG charts (see chart.h).
 */
#include "chart.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define W  560.0
#define HT 460.0
#define CX 280.0
#define CY 210.0
#define R  160.0

#define DASHES "8 5" /* stroke-dasharray of the earlier round */

/*
 * v with one decimal, as "%.1f" writes it (halves to even), into out (at
 * least 24 bytes); returns out. printf's floating-point path cost half of
 * a results page (the radar has some 70 coordinates).
 */
static char *fmt1(char out[24], double v)
{
	double t = nearbyint(v * 10.0);
	if (!(fabs(t) < 1e15)) { /* NaN or huge: leave it to printf */
		snprintf(out, 24, "%.1f", v);
		return out;
	}
	long long n = (long long)t;
	char tmp[24];
	size_t k = 0;
	unsigned long long u = n < 0 ? (unsigned long long)(-n) : (unsigned long long)n;
	tmp[k++] = (char)('0' + u % 10);
	tmp[k++] = '.';
	u /= 10;
	do {
		tmp[k++] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	size_t o = 0;
	if (n < 0 || (n == 0 && signbit(t)))
		out[o++] = '-';
	while (k > 0)
		out[o++] = tmp[--k];
	out[o] = '\0';
	return out;
}

const char *chart_num1(struct arena *a, double v, char point)
{
	char b[24];
	char *s = arena_strdup(a, fmt1(b, v));
	char *dot = strchr(s, '.');
	if (dot)
		*dot = point;
	return s;
}

/* v as fmt1 writes it, in a. */
static const char *d1(struct arena *a, double v)
{
	return chart_num1(a, v, '.');
}

/* Appends "x,y" to pts, after a space unless first. */
static void put_point(struct buf *pts, bool first, double x, double y)
{
	char b[24];
	if (!first)
		buf_putc(pts, ' ');
	buf_puts(pts, fmt1(b, x));
	buf_putc(pts, ',');
	buf_puts(pts, fmt1(b, y));
}

/* The point at value v on axis i of n. */
static void point(size_t i, size_t n, double v, double lo, double hi, double *x, double *y)
{
	double f = (v - lo) / (hi - lo);
	if (f < 0)
		f = 0;
	if (f > 1)
		f = 1;
	double ang = -M_PI / 2 + 2 * M_PI * (double)i / (double)n;
	*x = CX + R * f * cos(ang);
	*y = CY + R * f * sin(ang);
}

void chart_radar(struct html *h, struct arena *a, const char *id, const char *title,
                 const char *desc, const char *const *axes, size_t n_axes, double lo, double hi,
                 const struct chart_series *series, size_t n_series)
{
	html(h,
	     "<svg class=\"kring-radar\" viewBox=\"0 0 %d %d\" role=\"img\" "
	     "aria-labelledby=\"%s-t %s-d\" xmlns=\"http://www.w3.org/2000/svg\">"
	     "<title id=\"%s-t\">%s</title><desc id=\"%s-d\">%s</desc>",
	     (int)W, (int)HT, id, id, id, title, id, desc);
	if (n_axes < 3 || hi <= lo) {
		html(h, "</svg>");
		return;
	}
	/* rings with their value on the first axis */
	for (int v = (int)ceil(lo); v <= (int)floor(hi); v++) {
		struct buf pts;
		buf_init(&pts, a);
		for (size_t i = 0; i < n_axes; i++) {
			double x, y;
			point(i, n_axes, v, lo, hi, &x, &y);
			put_point(&pts, i == 0, x, y);
		}
		html(h,
		     "<polygon class=\"kring-radar__ring\" points=\"%s\" fill=\"none\" "
		     "stroke=\"#c4c8ce\" stroke-width=\"1\"/>",
		     buf_str(&pts));
		double x, y;
		point(0, n_axes, v, lo, hi, &x, &y);
		html(h,
		     "<text x=\"%s\" y=\"%s\" font-size=\"13\" fill=\"#4a4a55\" "
		     "text-anchor=\"end\">%d</text>",
		     d1(a, x - 6), d1(a, y + 4), v);
	}
	/* axes and their names */
	for (size_t i = 0; i < n_axes; i++) {
		double x, y, lx, ly;
		point(i, n_axes, hi, lo, hi, &x, &y);
		html(h,
		     "<line x1=\"%d\" y1=\"%d\" x2=\"%s\" y2=\"%s\" stroke=\"#c4c8ce\" "
		     "stroke-width=\"1\"/>",
		     (int)CX, (int)CY, d1(a, x), d1(a, y));
		double ang = -M_PI / 2 + 2 * M_PI * (double)i / (double)n_axes;
		lx = CX + (R + 18) * cos(ang);
		ly = CY + (R + 18) * sin(ang) + 5;
		if (sin(ang) > 0.5)
			ly += 10;
		const char *anchor = cos(ang) > 0.3 ? "start" : cos(ang) < -0.3 ? "end" : "middle";
		html(
		    h,
		    "<text x=\"%s\" y=\"%s\" font-size=\"18\" font-weight=\"600\" fill=\"#1b1b1f\" "
		    "text-anchor=\"%s\">%s</text>",
		    d1(a, lx), d1(a, ly), anchor, axes[i]);
	}
	/* series: the earlier ones underneath */
	for (size_t s = n_series; s-- > 0;) {
		const struct chart_series *se = &series[s];
		int now = strcmp(se->kind, "now") == 0;
		const char *colour = now ? "#00557f" : "#9c3d00";
		struct buf pts;
		buf_init(&pts, a);
		size_t n_pts = 0;
		for (size_t i = 0; i < n_axes; i++) {
			if (isnan(se->values[i]))
				continue;
			double x, y;
			point(i, n_axes, se->values[i], lo, hi, &x, &y);
			put_point(&pts, n_pts == 0, x, y);
			n_pts++;
		}
		if (n_pts == n_axes) {
			html(h,
			     "<polygon class=\"kring-radar__%s\" points=\"%s\" fill=\"%s\" "
			     "fill-opacity=\"%s\" stroke=\"%s\" stroke-width=\"3\"",
			     se->kind, buf_str(&pts), colour, now ? "0.18" : "0.0", colour);
			/* the earlier round is dashed: not told apart by colour alone */
			html_attr(h, "stroke-dasharray", now ? NULL : DASHES);
			html(h, "/>");
		}
		for (size_t i = 0; i < n_axes; i++) {
			if (isnan(se->values[i]))
				continue;
			double x, y;
			point(i, n_axes, se->values[i], lo, hi, &x, &y);
			html(h, "<circle cx=\"%s\" cy=\"%s\" r=\"%s\" fill=\"%s\"/>", d1(a, x),
			     d1(a, y), now ? "5" : "4", colour);
		}
	}
	/* legend */
	double ly = HT - 16;
	double lx = 10;
	for (size_t s = 0; s < n_series; s++) {
		int now = strcmp(series[s].kind, "now") == 0;
		const char *colour = now ? "#00557f" : "#9c3d00";
		html(h,
		     "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\" "
		     "stroke-width=\"3\"",
		     d1(a, lx), d1(a, ly), d1(a, lx + 34), d1(a, ly), colour);
		html_attr(h, "stroke-dasharray", now ? NULL : DASHES);
		html(h, "/><text x=\"%s\" y=\"%s\" font-size=\"16\" fill=\"#1b1b1f\">%s</text>",
		     d1(a, lx + 42), d1(a, ly + 5), series[s].label);
		lx += 200;
	}
	html(h, "</svg>");
}

/* ---- bar charts ---- */

/* colours of the series of a stacked chart: dark blue, green, orange, grey */
static const char *const bar_colour[] = {"#00557f", "#2e7d32", "#b35900", "#6b6b76"};
/* a pattern per series too (WCAG 1.4.1): none, diagonal lines, dots, none */
static const char *const bar_fill_pattern[] = {NULL, "lines", "dots", NULL};

/* A coordinate in whole units of the viewBox: integers print far faster than %.1f. */
static int px(double v)
{
	return (int)lround(v);
}

/* A "nice" upper bound for a scale of whole numbers: 1, 2, 5 × 10^k, at least max. */
static long long nice_top(long long max)
{
	if (max <= 4)
		return max < 1 ? 1 : max;
	long long step = 1;
	while (step * 10 < max)
		step *= 10;
	for (;;) {
		if (step >= max)
			return step;
		if (2 * step >= max)
			return 2 * step;
		if (5 * step >= max)
			return 5 * step;
		step *= 10;
	}
}

/* The <defs> of the patterns of series s (id-unique per chart). */
static void bar_patterns(struct html *h, const char *id, size_t n_series)
{
	html(h, "<defs>");
	for (size_t s = 0; s < n_series && s < 4; s++) {
		if (!bar_fill_pattern[s])
			continue;
		const char *c = bar_colour[s];
		if (strcmp(bar_fill_pattern[s], "lines") == 0)
			html(h,
			     "<pattern id=\"%s-p%zu\" width=\"6\" height=\"6\" "
			     "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
			     "<rect width=\"6\" height=\"6\" fill=\"%s\"/>"
			     "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#ffffff\" "
			     "stroke-width=\"2\"/></pattern>",
			     id, s, c);
		else
			html(h,
			     "<pattern id=\"%s-p%zu\" width=\"6\" height=\"6\" "
			     "patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" "
			     "fill=\"%s\"/>"
			     "<circle cx=\"3\" cy=\"3\" r=\"1.3\" fill=\"#ffffff\"/></pattern>",
			     id, s, c);
	}
	html(h, "</defs>");
}

/* The fill of series s: its pattern or its colour. */
static const char *bar_fill(struct arena *a, const char *id, size_t s)
{
	if (s < 4 && bar_fill_pattern[s])
		return arena_printf(a, "url(#%s-p%zu)", id, s);
	return bar_colour[s < 4 ? s : 3];
}

void chart_stacked(struct html *h, struct arena *a, const char *id, const char *title,
                   const char *desc, const char *const *labels, size_t n_labels,
                   const long long *const *values, const char *const *series_labels,
                   size_t n_series)
{
	const double w = 480, ht = 260, left = 36, right = 6, top = 34, bottom = 34;
	html(h,
	     "<svg class=\"kring-bars\" viewBox=\"0 0 %d %d\" role=\"img\" "
	     "aria-labelledby=\"%s-t %s-d\" xmlns=\"http://www.w3.org/2000/svg\">"
	     "<title id=\"%s-t\">%s</title><desc id=\"%s-d\">%s</desc>",
	     (int)w, (int)ht, id, id, id, title, id, desc);
	if (n_labels == 0 || n_series == 0) {
		html(h, "</svg>");
		return;
	}
	bar_patterns(h, id, n_series);
	long long max = 0;
	for (size_t i = 0; i < n_labels; i++) {
		long long sum = 0;
		for (size_t s = 0; s < n_series; s++)
			sum += values[s][i] > 0 ? values[s][i] : 0;
		if (sum > max)
			max = sum;
	}
	long long topv = nice_top(max);
	double plot_h = ht - top - bottom, plot_w = w - left - right;
	/* the scale: 0, half and top */
	for (int k = 0; k <= 2; k++) {
		long long v = topv * k / 2;
		if (k == 1 && topv % 2)
			continue;
		double y = top + plot_h - plot_h * (double)v / (double)topv;
		html(h,
		     "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
		     "stroke-width=\"1\"/>"
		     "<text x=\"%d\" y=\"%d\" font-size=\"13\" fill=\"#4a4a55\" "
		     "text-anchor=\"end\">%lld</text>",
		     (int)left, px(y), (int)(w - right), px(y), k == 0 ? "#6b6b76" : "#dfe2e6",
		     (int)left - 6, px(y + 4), v);
	}
	double slot = plot_w / (double)n_labels;
	double bw = slot * 0.62;
	int every = n_labels > 12 ? 2 : 1; /* fewer month names when there are many */
	for (size_t i = 0; i < n_labels; i++) {
		double x = left + slot * (double)i + (slot - bw) / 2;
		double base = top + plot_h;
		for (size_t s = 0; s < n_series; s++) {
			long long v = values[s][i];
			if (v <= 0)
				continue;
			double bh = plot_h * (double)v / (double)topv;
			int bottom_y = px(base); /* whole units, stacked without gaps */
			base -= bh;
			html(h,
			     "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" "
			     "stroke=\"#ffffff\" stroke-width=\"0.5\"/>",
			     px(x), px(base), px(bw), bottom_y - px(base), bar_fill(a, id, s));
		}
		if (i % (size_t)every == 0)
			html(h,
			     "<text x=\"%d\" y=\"%d\" font-size=\"13\" fill=\"#1b1b1f\" "
			     "text-anchor=\"middle\">%s</text>",
			     px(x + bw / 2), px(ht - bottom + 17), labels[i]);
	}
	/* legend at the top */
	double lx = left;
	for (size_t s = 0; s < n_series; s++) {
		html(h,
		     "<rect x=\"%d\" y=\"8\" width=\"16\" height=\"16\" fill=\"%s\"/>"
		     "<text x=\"%d\" y=\"21\" font-size=\"14\" fill=\"#1b1b1f\">%s</text>",
		     px(lx), bar_fill(a, id, s), px(lx + 22), series_labels[s]);
		lx += 34 + 8.0 * (double)strlen(series_labels[s]);
	}
	html(h, "</svg>");
}

void chart_hbars(struct html *h, struct arena *a, const char *id, const char *title,
                 const char *desc, const char *const *labels, const long long *values, size_t n)
{
	(void)a; /* kept for the same signature as the other charts */
	/* the label column fits the longest label (about 7.6 units a character at size 14) */
	size_t longest = 0;
	for (size_t i = 0; i < n; i++) {
		size_t chars = 0;
		for (const unsigned char *c = (const unsigned char *)labels[i]; *c; c++)
			chars += (*c & 0xC0) != 0x80; /* count code points, not bytes */
		if (chars > longest)
			longest = chars;
	}
	double label_w = 12 + 7.6 * (double)longest;
	if (label_w < 118)
		label_w = 118;
	if (label_w > 300)
		label_w = 300;
	const double w = label_w + 302, row = 30, top = 6;
	double ht = top * 2 + row * (double)n;
	html(h,
	     "<svg class=\"kring-bars kring-bars--h\" viewBox=\"0 0 %d %d\" role=\"img\" "
	     "aria-labelledby=\"%s-t %s-d\" xmlns=\"http://www.w3.org/2000/svg\">"
	     "<title id=\"%s-t\">%s</title><desc id=\"%s-d\">%s</desc>",
	     (int)w, (int)ht, id, id, id, title, id, desc);
	long long max = 1;
	for (size_t i = 0; i < n; i++)
		if (values[i] > max)
			max = values[i];
	double plot_w = w - label_w - 40;
	for (size_t i = 0; i < n; i++) {
		double y = top + row * (double)i;
		double bw = values[i] > 0 ? plot_w * (double)values[i] / (double)max : 0;
		html(h,
		     "<text x=\"%d\" y=\"%d\" font-size=\"14\" fill=\"#1b1b1f\" "
		     "text-anchor=\"end\">%s</text>"
		     "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#00557f\"/>"
		     "<text x=\"%d\" y=\"%d\" font-size=\"14\" font-weight=\"600\" "
		     "fill=\"#1b1b1f\">%lld</text>",
		     (int)label_w - 8, px(y + row / 2 + 5), labels[i], (int)label_w, px(y + 5),
		     px(bw), px(row - 10), px(label_w + bw + 6), px(y + row / 2 + 5), values[i]);
	}
	html(h, "</svg>");
}
