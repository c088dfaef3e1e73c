/*
 * chart.h - charts drawn by kring as SVG: no JavaScript, a title and a
 * description for screen readers, and always shown next to a table with
 * the same numbers.
 */
#ifndef KRING_CHART_H
#define KRING_CHART_H

#include <stddef.h>

#include "html.h"

/*
 * v with one decimal, the same text as printf's "%.1f" (halves to even) but
 * without its slow floating-point path, with point as the decimal sign
 * ('.' in SVG coordinates, ',' for Dutch readers), in a.
 */
const char *chart_num1(struct arena *a, double v, char point);

struct chart_series {
	const char *label;    /* for the legend ("Deze ronde") */
	const double *values; /* one per axis; NAN where there is no value */
	const char *kind;     /* "now" or "before": colour and line style */
};

/*
 * A radar (spider) chart: n_axes axes from the centre, a ring for every
 * whole number from lo to hi, one polygon per series. id makes the title
 * and description ids unique on the page; title and desc are text.
 */
void chart_radar(struct html *h, struct arena *a, const char *id, const char *title,
                 const char *desc, const char *const *axes, size_t n_axes, double lo, double hi,
                 const struct chart_series *series, size_t n_series);

/* ---- bar charts (dashboard) ---- */

/*
 * A stacked column chart: one column per label (n_labels, e.g. months),
 * stacked from the bottom by series (n_series values arrays of n_labels
 * each, series_labels for the legend; at most 4 series, each with its own
 * colour and pattern so it is not told apart by colour alone). A scale with
 * whole numbers on the left. The SVG has role="img" with title and desc;
 * the numbers themselves belong in a table beside it.
 */
void chart_stacked(struct html *h, struct arena *a, const char *id, const char *title,
                   const char *desc, const char *const *labels, size_t n_labels,
                   const long long *const *values, const char *const *series_labels,
                   size_t n_series);

/*
 * A horizontal bar chart: one bar per label with its value written after
 * it (n rows). The same accessibility as chart_stacked.
 */
void chart_hbars(struct html *h, struct arena *a, const char *id, const char *title,
                 const char *desc, const char *const *labels, const long long *values, size_t n);

#endif
