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

/* v as fmt1 writes it, in a. */
static const char *d1(struct arena *a, double v)
{
	char b[24];
	return arena_strdup(a, fmt1(b, v));
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
