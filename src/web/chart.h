/*
 * chart.h - charts drawn by kring as SVG: no JavaScript, a title and a
 * description for screen readers, and always shown next to a table with
 * the same numbers.
 */
#ifndef KRING_CHART_H
#define KRING_CHART_H

#include <stddef.h>

#include "html.h"

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

#endif
