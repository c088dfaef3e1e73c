/*
 * report.c - /o/<slug>/report?year=YYYY, the year report (jaarverslag) for
 * the municipality and the board (M12, issue 10): what the communities
 * did, reached and made themselves (voor / met / door), the partners and
 * the meetlat, in sentences and tables, for A4 (the print stylesheet drops
 * the menu and every button). The page says how to make a PDF: print it
 * from the browser. All figures come from summaries (core/dashboard.h).
 *
 * year: missing or empty is this year; anything but a year from 2000 to
 * next year is a Dutch 400.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../auth/roles.h"
#include "../core/dashboard.h"
#include "../core/goal.h"
#include "../core/meetlat.h"
#include "../core/org.h"
#include "../core/vocab.h"
#include "../i18n/text.h"
#include "../web/chart.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "dashboard_ui.h"
#include "pages.h"
#include "partner_ui.h"

#define FIRST_YEAR 2000

/* The year asked for: 1 and *year, or 0 for a value that is not a year we report on. */
static int read_year(struct req *r, int this_year, int *year)
{
	const char *v = req_query(r, "year");
	*year = this_year;
	if (!v || !v[0])
		return 1;
	if (strlen(v) != 4)
		return 0;
	for (int i = 0; i < 4; i++)
		if (v[i] < '0' || v[i] > '9')
			return 0;
	int y = atoi(v);
	if (y < FIRST_YEAR || y > this_year + 1)
		return 0;
	*year = y;
	return 1;
}

/* Closed meetlat rounds of year, oldest first, with their phase. */
static void meetlat_part(struct req *r, struct html *h, const struct ml_round *rounds,
                         size_t n_rounds, int year)
{
	struct arena *a = &r->arena;
	html(h,
	     "<section class=\"kring-annual__part\" aria-labelledby=\"h-rep-ml\"><h2 "
	     "class=\"utrecht-heading-2\" id=\"h-rep-ml\">%s</h2>",
	     T(REPORT_MEETLAT_TITLE));
	size_t shown = 0;
	for (size_t i = n_rounds; i-- > 0;) {
		const struct ml_round *rd = &rounds[i];
		if (rd->open || !rd->closed_at)
			continue;
		time_t t = (time_t)rd->closed_at;
		struct tm tm;
		localtime_r(&t, &tm);
		if (tm.tm_year + 1900 != year)
			continue;
		struct meetlat_instrument in;
		struct ml_scores s;
		struct ml_phase ph = {0};
		if (meetlat_round_scores(r->db, a, r->org_id, rd, &in, &s) != 0) {
			html(h, "<p class=\"utrecht-paragraph\">%s</p>", T(REPORT_PART_FAILED));
			continue;
		}
		ml_phase(&in, &s, &ph);
		html(h, "<p class=\"utrecht-paragraph\">%s</p>",
		     ph.fase
		         ? T_printf(a, REPORT_MEETLAT_PHASE, rd->title, fmt_date(a, rd->closed_at),
		                    ph.fase, in.phases[ph.rule].title)
		         : T_printf(a, REPORT_MEETLAT_NO_PHASE, rd->title,
		                    fmt_date(a, rd->closed_at)));
		shown++;
	}
	if (shown == 0)
		html(h, "<p class=\"utrecht-paragraph\">%s</p>", T(REPORT_MEETLAT_NONE));
	html(h, "</section>");
}

/* The partners by kind: a sentence and a table. */
static void partners_part(struct req *r, struct html *h, const struct dash_partners *p)
{
	struct arena *a = &r->arena;
	html(h,
	     "<section class=\"kring-annual__part\" aria-labelledby=\"h-rep-p\"><h2 "
	     "class=\"utrecht-heading-2\" id=\"h-rep-p\">%s</h2>",
	     T(REPORT_PARTNERS_TITLE));
	if (p->total == 0) {
		html(h, "<p class=\"utrecht-paragraph\">%s</p></section>", T(REPORT_PARTNERS_NONE));
		return;
	}
	html(h, "<p class=\"utrecht-paragraph\">%s</p>",
	     TN_printf(a, REPORT_PARTNERS_SENTENCE, p->total, p->total, p->linked));
	html(h,
	     "<div class=\"kring-chart-table\" tabindex=\"0\" role=\"region\" aria-label=\"%s\">"
	     "<table class=\"utrecht-table kring-table kring-num kring-annual__table\"><caption "
	     "class=\"utrecht-table__caption\">%s</caption><thead "
	     "class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\"><th "
	     "class=\"utrecht-table__header-cell\" scope=\"col\">%s</th><th "
	     "class=\"utrecht-table__header-cell\" scope=\"col\">%s</th></tr></thead><tbody "
	     "class=\"utrecht-table__body\">",
	     T(REPORT_PARTNERS_CAPTION), T(REPORT_PARTNERS_CAPTION), T(REPORT_COL_KIND),
	     T(REPORT_COL_NUMBER));
	for (size_t k = 0; k < p->n_kinds; k++)
		if (p->n[k] > 0)
			html(
			    h,
			    "<tr class=\"utrecht-table__row\"><th "
			    "class=\"utrecht-table__header-cell\" "
			    "scope=\"row\">%s</th><td class=\"utrecht-table__cell\">%lld</td></tr>",
			    ui_partner_kind_label(p->kind[k]), p->n[k]);
	html(h, "</tbody></table></div></section>");
}

/*
 * The measurable subgoals (step 5) as they stood at the end of the year (or
 * today, for this year): a sentence with how many were reached, on schedule
 * and behind, and a table per subgoal with its value and target.
 */
static void goals_part(struct req *r, struct html *h, const struct subgoal *v, size_t n,
                       const char *upto)
{
	struct arena *a = &r->arena;
	html(h,
	     "<section class=\"kring-annual__part\" aria-labelledby=\"h-rep-g\"><h2 "
	     "class=\"utrecht-heading-2\" id=\"h-rep-g\">%s</h2>",
	     T(REPORT_GOALS_TITLE));
	if (n == 0) {
		html(h, "<p class=\"utrecht-paragraph\">%s</p></section>", T(REPORT_GOALS_NONE));
		return;
	}
	long long count[4] = {0};
	struct goal_progress *pr = arena_alloc(a, n * sizeof(*pr));
	for (size_t i = 0; i < n; i++) {
		pr[i] = subgoal_progress(&v[i], upto);
		count[pr[i].state]++;
	}
	html(h, "<p class=\"utrecht-paragraph\">%s</p>",
	     TN_printf(a, REPORT_GOALS_SENTENCE, (long long)n, (long long)n, count[GOAL_REACHED],
	               count[GOAL_ON_SCHEDULE], count[GOAL_BEHIND]));
	html(h,
	     "<div class=\"kring-chart-table\" tabindex=\"0\" role=\"region\" aria-label=\"%s\">"
	     "<table class=\"utrecht-table kring-table kring-num kring-annual__table\"><caption "
	     "class=\"utrecht-table__caption\">%s</caption><thead "
	     "class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th></tr></thead><tbody "
	     "class=\"utrecht-table__body\">",
	     T(REPORT_GOALS_CAPTION), T(REPORT_GOALS_CAPTION), T(REPORT_GOALS_COL_SUBGOAL),
	     T(REPORT_GOALS_COL_COMMUNITY), T(REPORT_GOALS_COL_VALUE), T(REPORT_GOALS_COL_TARGET),
	     T(REPORT_GOALS_COL_STATE));
	/* the share made met or door is a percentage */
	const char **pct = arena_alloc(a, n * sizeof(*pct));
	for (size_t i = 0; i < n; i++)
		pct[i] = strcmp(v[i].measure, "made_by") == 0 ? "%" : "";
	static const int state_text[] = {TXT_DASH_GOALS_UNKNOWN, TXT_DASH_GOALS_ON,
	                                 TXT_DASH_GOALS_BEHIND, TXT_DASH_GOALS_REACHED};
	for (size_t i = 0; i < n; i++)
		html(h,
		     "<tr class=\"utrecht-table__row\"><th class=\"utrecht-table__header-cell "
		     "kring-text\" scope=\"row\">%s</th><td class=\"utrecht-table__cell "
		     "kring-text\">%s</td><td class=\"utrecht-table__cell\">%s</td><td "
		     "class=\"utrecht-table__cell\">%s</td><td class=\"utrecht-table__cell "
		     "kring-text\">%s</td></tr>",
		     v[i].title, v[i].community_name ? v[i].community_name : "",
		     v[i].has_value ? arena_printf(a, "%lld%s", v[i].value, pct[i]) : "–",
		     v[i].has_target ? arena_printf(a, "%lld%s", v[i].target, pct[i]) : "–",
		     TX(state_text[pr[i].state]));
	html(h, "</tbody></table></div></section>");
}

/* Each community's year: status, activities voor / met / door, participants. */
static void communities_part(struct req *r, struct html *h, const struct dash_community_year *c,
                             size_t n)
{
	html(h,
	     "<section class=\"kring-annual__part\" aria-labelledby=\"h-rep-c\"><h2 "
	     "class=\"utrecht-heading-2\" id=\"h-rep-c\">%s</h2>",
	     T(REPORT_COMMUNITIES_TITLE));
	if (n == 0) {
		html(h, "<p class=\"utrecht-paragraph\">%s</p></section>", T(DASH_NO_COMMUNITIES));
		return;
	}
	html(h,
	     "<div class=\"kring-chart-table\" tabindex=\"0\" role=\"region\" aria-label=\"%s\">"
	     "<table class=\"utrecht-table kring-table kring-num kring-annual__table\"><caption "
	     "class=\"utrecht-table__caption\">%s</caption><thead "
	     "class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th></tr></thead>"
	     "<tbody class=\"utrecht-table__body\">",
	     T(REPORT_COMMUNITIES_CAPTION), T(REPORT_COMMUNITIES_CAPTION), T(COL_NAME),
	     T(COL_STATUS), T(DASH_COL_VOOR), T(DASH_COL_MET), T(DASH_COL_DOOR),
	     T(DASH_COL_PARTICIPANTS));
	for (size_t i = 0; i < n; i++)
		html(h,
		     "<tr class=\"utrecht-table__row\"><th class=\"utrecht-table__header-cell\" "
		     "scope=\"row\">%s</th><td class=\"utrecht-table__cell kring-text\">%s</td>"
		     "<td class=\"utrecht-table__cell\">%lld</td><td "
		     "class=\"utrecht-table__cell\">%lld</td><td "
		     "class=\"utrecht-table__cell\">%lld</td>"
		     "<td class=\"utrecht-table__cell\">%lld</td></tr>",
		     ui_short(&r->arena, c[i].name, 80), ui_status_label(c[i].status),
		     c[i].activities[0], c[i].activities[1], c[i].activities[2], c[i].participants);
	html(h, "</tbody></table></div></section>");
}

int page_report(struct req *r)
{
	struct arena *a = &r->arena;
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	int this_year = tm.tm_year + 1900, year;
	if (!read_year(r, this_year, &year)) {
		resp_error(r, 400);
		return HANDLER_OK;
	}
	char ys[16], last[16], from[16], to[16];
	snprintf(ys, sizeof(ys), "%04d", year);
	snprintf(last, sizeof(last), "%04d-12", year);
	snprintf(from, sizeof(from), "%04d-01", year);
	snprintf(to, sizeof(to), "%04d-12", year);

	struct org org;
	struct dash_communities c;
	struct dash_month m[12];
	struct dash_community_year *cy;
	size_t n_cy;
	struct dash_partners p;
	long long started, talks;
	struct ml_round *rounds;
	size_t n_rounds;
	if (org_get(r->db, a, r->org_id, &org) != 1 ||
	    dash_communities(r->db, r->org_id, 0, &c) != 0 ||
	    dash_months(r->db, r->org_id, 0, -1, last, 12, m) != 0 ||
	    dash_community_period(r->db, a, r->org_id, from, to, &cy, &n_cy) != 0 ||
	    dash_partners(r->db, a, r->org_id, &p) != 0 ||
	    dash_started_in(r->db, r->org_id, ys, &started) != 0 ||
	    dash_conversations_in(r->db, r->org_id, ys, &talks) != 0 ||
	    meetlat_round_list(r->db, a, r->org_id, &rounds, &n_rounds) != 0)
		return HANDLER_ERROR;
	/* the subgoals as they stood at the end of that year, or today for this year */
	char upto[40];
	snprintf(upto, sizeof(upto), "%04d-12-31", year);
	if (year == this_year)
		snprintf(upto, sizeof(upto), "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
		         tm.tm_mday);
	struct subgoal *subs;
	size_t n_subs;
	if (subgoal_list(r->db, a, r->org_id, 0, 0, upto, &subs, &n_subs) != 0)
		return HANDLER_ERROR;

	long long acts[DASH_N_MADE] = {0}, all = 0, parts = 0;
	for (int i = 0; i < 12; i++)
		for (int k = 0; k < DASH_N_MADE; k++) {
			acts[k] += m[i].activities[k];
			all += m[i].activities[k];
			parts += m[i].participants[k];
		}
	long long active = c.total - c.status[5];
	long long together = c.status[3] + c.status[4]; /* samenwerken, zelfdragend */

	struct html h;
	const char *title = T_printf(a, REPORT_TITLE, year);
	page_begin(r, &h, title);
	html(&h,
	     "<article class=\"kring-annual\"><header class=\"kring-annual__head\"><p "
	     "class=\"kring-annual__org\">%s</p><h1 class=\"utrecht-heading-1\">%s</h1>"
	     "<p class=\"utrecht-paragraph kring-lead\">%s</p></header>",
	     org.name, title, T_printf(a, REPORT_INTRO, org.name, year));

	/* on screen only: another year, and how to make a PDF */
	html(&h,
	     "<div class=\"kring-annual__tools kring-noprint\"><form class=\"kring-filters\" "
	     "method=\"get\" action=\"/o/%s/report\" aria-labelledby=\"h-rep-year\"><h2 "
	     "class=\"kring-sr\" id=\"h-rep-year\">%s</h2><div class=\"kring-filter\"><label "
	     "class=\"utrecht-form-label\" for=\"rep-year\">%s</label><select "
	     "class=\"utrecht-select\" id=\"rep-year\" name=\"year\">",
	     r->org_slug, T(REPORT_OTHER_YEAR), T(REPORT_YEAR_LABEL));
	for (int y = this_year; y >= this_year - 5 && y >= FIRST_YEAR; y--)
		html(&h, "<option value=\"%d\"%s>%d</option>", y, y == year ? " selected" : "", y);
	html(&h,
	     "</select></div><div class=\"kring-filter kring-filter--buttons\"><button "
	     "class=\"utrecht-button utrecht-button--secondary-action\" "
	     "type=\"submit\">%s</button></div></form><p class=\"utrecht-paragraph "
	     "kring-annual__pdf\">%s</p></div>",
	     T(REPORT_SHOW), T(REPORT_PDF_HOWTO));

	/* in sentences */
	html(&h,
	     "<section class=\"kring-annual__part\" aria-labelledby=\"h-rep-sum\"><h2 "
	     "class=\"utrecht-heading-2\" id=\"h-rep-sum\">%s</h2>",
	     T(REPORT_SUMMARY_TITLE));
	html(&h, "<p class=\"utrecht-paragraph\">%s %s</p>",
	     TN_printf(a, REPORT_COMMUNITIES_SENTENCE, active, active, together),
	     TN_printf(a, REPORT_STARTED_SENTENCE, started, started));
	if (all == 0)
		html(&h, "<p class=\"utrecht-paragraph\">%s</p>",
		     T_printf(a, REPORT_NO_ACTIVITIES, year));
	else
		html(&h, "<p class=\"utrecht-paragraph\">%s %s</p>",
		     TN_printf(a, REPORT_ACTIVITIES_SENTENCE, all, all, parts),
		     T_printf(a, REPORT_MADE_SENTENCE, acts[0], acts[1], acts[2],
		              (acts[1] + acts[2]) * 100 / all));
	html(&h, "<p class=\"utrecht-paragraph\">%s</p>",
	     TN_printf(a, REPORT_TALKS_SENTENCE, talks, talks));
	html(&h, "<p class=\"utrecht-paragraph kring-muted\">%s</p></section>",
	     T(REPORT_MADE_EXPLAIN));

	/* the year by month */
	html(&h,
	     "<section class=\"kring-annual__part\" aria-labelledby=\"h-rep-m\"><h2 "
	     "class=\"utrecht-heading-2\" id=\"h-rep-m\">%s</h2>",
	     T(REPORT_MONTHS_TITLE));
	const char *labels[12];
	long long *va[DASH_N_MADE];
	for (int k = 0; k < DASH_N_MADE; k++)
		va[k] = arena_alloc(a, 12 * sizeof(long long));
	for (int i = 0; i < 12; i++) {
		labels[i] = TX(TXT_DASH_MON_1 + i);
		for (int k = 0; k < DASH_N_MADE; k++)
			va[k][i] = m[i].activities[k];
	}
	const char *series[DASH_N_MADE] = {T(DASH_MADE_VOOR), T(DASH_MADE_MET), T(DASH_MADE_DOOR)};
	html(&h, "<figure class=\"kring-chart kring-annual__chart\">");
	chart_stacked(&h, a, "rep-act", T(DASH_CHART_ACTIVITIES),
	              TN_printf(a, REPORT_CHART_DESC, all, year, all), labels, 12,
	              (const long long *const *)va, series, DASH_N_MADE);
	html(&h, "</figure>");
	dash_month_table(&h, a, "rep-months", T_printf(a, REPORT_MONTHS_CAPTION, year), m, 12);
	html(&h, "</section>");

	communities_part(r, &h, cy, n_cy);
	partners_part(r, &h, &p);
	meetlat_part(r, &h, rounds, n_rounds, year);
	goals_part(r, &h, subs, n_subs, upto);
	html(
	    &h,
	    "<footer class=\"kring-annual__foot\"><p class=\"utrecht-paragraph kring-muted\">%s</p>"
	    "</footer></article>",
	    T_printf(a, REPORT_FOOT, org.name, fmt_date(a, (long long)now)));
	page_end(r, &h, 200);
	return HANDLER_OK;
}
