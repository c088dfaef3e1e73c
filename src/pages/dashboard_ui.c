/*
 * dashboard_ui.c - month names and the month table (see dashboard_ui.h).
 */
#include "dashboard_ui.h"

#include <stdlib.h>
#include <string.h>

#include "../i18n/text.h"

/* The month number 1..12 of "YYYY-MM", 0 when it is not one. */
static int month_of(const char *ym)
{
	if (!ym || strlen(ym) != 7 || ym[4] != '-')
		return 0;
	int m = atoi(ym + 5);
	return m >= 1 && m <= 12 ? m : 0;
}

const char *dash_month_short(struct arena *a, const char *ym)
{
	int m = month_of(ym);
	if (!m)
		return ym;
	/* January carries its year ("jan '26"); the table beside the chart has every year */
	if (m == 1)
		return arena_printf(a, "%s '%.2s", TX(TXT_DASH_MON_1), ym + 2);
	return TX(TXT_DASH_MON_1 + m - 1);
}

const char *dash_month_long(struct arena *a, const char *ym)
{
	int m = month_of(ym);
	if (!m)
		return ym;
	return arena_printf(a, "%s %.4s", TX(TXT_DASH_MONTH_1 + m - 1), ym);
}

/* "dec 2025": short enough for a table on a phone. */
static const char *month_in_table(struct arena *a, const char *ym)
{
	int m = month_of(ym);
	return m ? arena_printf(a, "%s %.4s", TX(TXT_DASH_MON_1 + m - 1), ym) : ym;
}

void dash_month_table(struct html *h, struct arena *a, const char *id, const char *caption,
                      const struct dash_month *m, int n)
{
	/* the caption is read by screen readers; the same words stand visibly above the
	 * region, so they never scroll away with a wide table on a phone */
	html(h,
	     "<p class=\"kring-chart__cap kring-dash-table__cap\" aria-hidden=\"true\">%s</p>"
	     "<div class=\"kring-chart-table kring-dash-table\" tabindex=\"0\" role=\"region\" "
	     "aria-labelledby=\"%s-c\"><table class=\"utrecht-table kring-table kring-num\">"
	     "<caption class=\"utrecht-table__caption kring-sr\" id=\"%s-c\">%s</caption>"
	     "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th></tr></thead>"
	     "<tbody class=\"utrecht-table__body\">",
	     caption, id, id, caption, T(DASH_COL_MONTH), T(DASH_COL_VOOR), T(DASH_COL_MET),
	     T(DASH_COL_DOOR), T(DASH_COL_ACTIVITIES), T(DASH_COL_PARTICIPANTS));
	long long tot[DASH_N_MADE] = {0}, all = 0, parts = 0;
	for (int i = 0; i < n; i++) {
		long long sum = 0, p = 0;
		for (int k = 0; k < DASH_N_MADE; k++) {
			sum += m[i].activities[k];
			p += m[i].participants[k];
			tot[k] += m[i].activities[k];
		}
		all += sum;
		parts += p;
		html(h,
		     "<tr class=\"utrecht-table__row\"><th class=\"utrecht-table__header-cell\" "
		     "scope=\"row\">%s</th><td class=\"utrecht-table__cell\">%lld</td>"
		     "<td class=\"utrecht-table__cell\">%lld</td><td "
		     "class=\"utrecht-table__cell\">%lld</td><td "
		     "class=\"utrecht-table__cell\">%lld</td><td "
		     "class=\"utrecht-table__cell\">%lld</td></tr>",
		     month_in_table(a, m[i].month), m[i].activities[0], m[i].activities[1],
		     m[i].activities[2], sum, p);
	}
	html(h,
	     "</tbody><tfoot><tr class=\"utrecht-table__row\"><th "
	     "class=\"utrecht-table__header-cell\" scope=\"row\">%s</th><td "
	     "class=\"utrecht-table__cell\"><strong>%lld</strong></td><td "
	     "class=\"utrecht-table__cell\"><strong>%lld</strong></td><td "
	     "class=\"utrecht-table__cell\"><strong>%lld</strong></td><td "
	     "class=\"utrecht-table__cell\"><strong>%lld</strong></td><td "
	     "class=\"utrecht-table__cell\"><strong>%lld</strong></td></tr></tfoot></table></div>",
	     T(DASH_TOTAL), tot[0], tot[1], tot[2], all, parts);
}
