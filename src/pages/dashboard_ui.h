/*
 * dashboard_ui.h - pieces shared by the dashboard (dashboard.c) and the
 * year report (report.c): month names and the table of activities and
 * participants per month with the voor / met / door split.
 */
#ifndef KRING_DASHBOARD_UI_H
#define KRING_DASHBOARD_UI_H

#include "../core/dashboard.h"
#include "../web/html.h"

/* "feb" of "2026-02"; January carries its year: "jan '26". Arena-owned. */
const char *dash_month_short(struct arena *a, const char *ym);
/* "januari 2026" of "2026-01". Arena-owned. */
const char *dash_month_long(struct arena *a, const char *ym);

/*
 * The table of n months (oldest first): month, activities voor / met /
 * door, all activities, participants; a total row. id is unique on the
 * page; caption is text.
 */
void dash_month_table(struct html *h, struct arena *a, const char *id, const char *caption,
                      const struct dash_month *m, int n);

struct sheet;
/*
 * The activities (dash_activity_rows) as a sheet (web/xlsx.h): title, date,
 * voor / met / door, status, participants, branch, place, communities,
 * outcome. For the whole-organisation export and activities.xlsx. (export.c)
 */
void export_activities_sheet(struct sheet *s, const struct dash_activity_row *rows, size_t n);

#endif
