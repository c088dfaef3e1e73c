/*
 * dashboard.c - /o/<slug>/dashboard, the manager's start page (M12, issue
 * 10): communities by phase and archetype, activities and participants per
 * month with the voor / met / door split, open and overdue action points,
 * the latest meetlat phase. Every chart is a small SVG (web/chart.h) with a
 * table of the same numbers beside it: the table is the truth. Filters for
 * branch and period; all figures come from summaries (core/dashboard.h).
 *
 * An ambassadeur (r->only_attached) sees the communities and activities of
 * their own communities only, and none of the library's internal steps
 * (action points, meetlat): the page says so.
 *
 * Two blocks come from other subjects: goals on schedule versus behind
 * (block_goals, core/goal.h) and signals by kind (block_signals, from the
 * kept signals of core/signal.h). Each is one function below.
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
#include "../core/signal.h"
#include "../core/vocab.h"
#include "../i18n/text.h"
#include "../web/chart.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "dashboard_ui.h"
#include "pages.h"
#include "signal_ui.h"

static const int periods[] = {3, 6, 12, 24};
#define N_PERIODS (sizeof(periods) / sizeof(periods[0]))

/* What the page shows, from the query string: unknown values fall back to the defaults. */
struct dash_view {
	long long branch; /* -1 all, 0 without a branch, else a branch of the org */
	int months;       /* one of periods */
	char last[8];     /* this month, "YYYY-MM" */
	char today[16];   /* "YYYY-MM-DD" */
	struct branch *branches;
	size_t n_branches;
};

static int read_view(struct req *r, struct dash_view *v)
{
	memset(v, 0, sizeof(*v));
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(v->last, sizeof(v->last), "%Y-%m", &tm);
	strftime(v->today, sizeof(v->today), "%Y-%m-%d", &tm);
	v->months = 12;
	const char *p = req_query(r, "periode");
	for (size_t i = 0; p && i < N_PERIODS; i++) {
		char digits[8];
		snprintf(digits, sizeof(digits), "%d", periods[i]);
		if (strcmp(p, digits) == 0) /* strictly: "03" is not 3 */
			v->months = periods[i];
	}
	v->branch = -1;
	if (r->only_attached)
		return 0; /* an ambassadeur's figures are their communities' */
	if (branch_list(r->db, &r->arena, r->org_id, &v->branches, &v->n_branches) != 0)
		return -1;
	const char *b = req_query(r, "vestiging");
	if (b && strcmp(b, "geen") == 0)
		v->branch = 0;
	long long id = form_id_or_zero(b);
	for (size_t i = 0; id && i < v->n_branches; i++)
		if (v->branches[i].id == id)
			v->branch =
			    id; /* another organisation's branch is not in the list: ignored */
	return 0;
}

static void filter_form(struct req *r, struct html *h, const struct dash_view *v)
{
	html(
	    h,
	    "<form class=\"kring-filters\" method=\"get\" action=\"/o/%s/dashboard\" "
	    "aria-labelledby=\"h-dash-filter\"><h2 class=\"kring-sr\" id=\"h-dash-filter\">%s</h2>",
	    r->org_slug, T(DASH_FILTER_TITLE));
	if (!r->only_attached) {
		html(h,
		     "<div class=\"kring-filter\"><label class=\"utrecht-form-label\" "
		     "for=\"filter-vestiging\">%s</label><select class=\"utrecht-select\" "
		     "id=\"filter-vestiging\" name=\"vestiging\"><option value=\"\">%s</option>",
		     T(DASH_FILTER_BRANCH), T(DASH_BRANCH_ALL));
		for (size_t i = 0; i < v->n_branches; i++)
			html(h, "<option value=\"%lld\"%s>%s</option>", v->branches[i].id,
			     v->branch == v->branches[i].id ? " selected" : "",
			     v->branches[i].name);
		html(h, "<option value=\"geen\"%s>%s</option></select></div>",
		     v->branch == 0 ? " selected" : "", T(DASH_BRANCH_NONE));
	}
	html(h,
	     "<div class=\"kring-filter\"><label class=\"utrecht-form-label\" "
	     "for=\"filter-periode\">%s</label><select class=\"utrecht-select\" "
	     "id=\"filter-periode\" name=\"periode\">",
	     T(DASH_FILTER_PERIOD));
	for (size_t i = 0; i < N_PERIODS; i++)
		html(h, "<option value=\"%d\"%s>%s</option>", periods[i],
		     v->months == periods[i] ? " selected" : "",
		     T_printf(&r->arena, DASH_PERIOD_MONTHS, periods[i]));
	html(h,
	     "</select></div><div class=\"kring-filter kring-filter--buttons\"><button "
	     "class=\"utrecht-button utrecht-button--secondary-action\" "
	     "type=\"submit\">%s</button></div></form>",
	     T(FILTER_APPLY));
}

/* The key figures at the top, each a number and a word. */
static void key_figures(struct req *r, struct html *h, const struct dash_communities *c,
                        const struct dash_month *m, int n_months, long long open, long long overdue)
{
	long long acts = 0, parts = 0, made_with = 0;
	for (int i = 0; i < n_months; i++)
		for (int k = 0; k < DASH_N_MADE; k++) {
			acts += m[i].activities[k];
			parts += m[i].participants[k];
			if (k > 0)
				made_with += m[i].activities[k];
		}
	long long active = c->total - c->status[5]; /* gestopt is not active */
	html(h, "<ul class=\"kring-keys\" aria-label=\"%s\">", T(DASH_KEYS_LABEL));
	html(h, "<li class=\"kring-key\"><span class=\"kring-key__n\">%lld</span> %s</li>", active,
	     TN(DASH_KEY_COMMUNITIES, active));
	html(h, "<li class=\"kring-key\"><span class=\"kring-key__n\">%lld</span> %s</li>", acts,
	     TN(DASH_KEY_ACTIVITIES, acts));
	html(h, "<li class=\"kring-key\"><span class=\"kring-key__n\">%lld</span> %s</li>", parts,
	     TN(DASH_KEY_PARTICIPANTS, parts));
	html(h, "<li class=\"kring-key\"><span class=\"kring-key__n\">%s</span> %s</li>",
	     acts ? arena_printf(&r->arena, "%lld%%", made_with * 100 / acts) : "–",
	     T(DASH_KEY_MADE_WITH));
	if (!r->only_attached)
		html(h,
		     "<li class=\"kring-key%s\"><span class=\"kring-key__n\">%lld</span> %s</li>",
		     overdue ? " kring-key--warn" : "", open,
		     overdue ? T_printf(&r->arena, DASH_KEY_ACTIONS_LATE, overdue)
		             : TN(DASH_KEY_ACTIONS, open));
	html(h, "</ul>");
}

/* Communities by phase: bars, and a table by phase and archetype. */
static void block_communities(struct req *r, struct html *h, const struct dash_communities *c)
{
	struct arena *a = &r->arena;
	html(h,
	     "<section class=\"kring-dash\" aria-labelledby=\"h-dash-com\"><h2 "
	     "class=\"utrecht-heading-2\" id=\"h-dash-com\">%s</h2><p "
	     "class=\"utrecht-paragraph kring-muted\">%s</p>",
	     T(DASH_COMMUNITIES_TITLE), T(DASH_COMMUNITIES_EXPLAIN));
	if (c->total == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-empty\">%s</p></section>",
		     r->only_attached ? T(DASH_NO_COMMUNITIES_AMB) : T(DASH_NO_COMMUNITIES));
		return;
	}
	const char *labels[DASH_N_STATUS];
	for (int s = 0; s < DASH_N_STATUS; s++)
		labels[s] = ui_status_label(community_statuses[s]);
	html(h, "<div class=\"kring-chart-grid kring-chart-grid--dash\"><figure "
	        "class=\"kring-card kring-chart\">");
	chart_hbars(h, a, "dash-com", T(DASH_COMMUNITIES_TITLE),
	            T_printf(a, DASH_COMMUNITIES_DESC, c->total), labels, c->status, DASH_N_STATUS);
	html(h,
	     "</figure><div><p class=\"kring-chart__cap\" aria-hidden=\"true\">%s</p><div "
	     "class=\"kring-chart-table\" tabindex=\"0\" role=\"region\" "
	     "aria-label=\"%s\"><table class=\"utrecht-table kring-table kring-num\"><caption "
	     "class=\"utrecht-table__caption kring-sr\">%s</caption><thead "
	     "class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\"><th "
	     "class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>",
	     T(DASH_COMMUNITIES_TABLE), T(DASH_COMMUNITIES_TABLE), T(DASH_COMMUNITIES_TABLE),
	     T(COL_STATUS));
	/* archetypes that occur, and "not chosen" */
	bool show[DASH_N_ARCHETYPE];
	for (int k = 0; k < DASH_N_ARCHETYPE; k++) {
		show[k] = c->archetype[k] > 0;
		if (show[k])
			html(h, "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>",
			     k < DASH_N_ARCHETYPE - 1 ? ui_archetype_label(community_archetypes[k])
			                              : T(DASH_ARCHETYPE_NONE));
	}
	html(h,
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th></tr></thead>"
	     "<tbody class=\"utrecht-table__body\">",
	     T(DASH_TOTAL));
	for (int s = 0; s < DASH_N_STATUS; s++) {
		/* each phase links to the list of its communities, where the work is done */
		html(h,
		     "<tr class=\"utrecht-table__row\"><th class=\"utrecht-table__header-cell\" "
		     "scope=\"row\"><a class=\"utrecht-link\" "
		     "href=\"/o/%s/communities?status=%s\">%s</a></th>",
		     r->org_slug, community_statuses[s], labels[s]);
		for (int k = 0; k < DASH_N_ARCHETYPE; k++)
			if (show[k])
				html(h, "<td class=\"utrecht-table__cell\">%lld</td>", c->by[s][k]);
		html(h, "<td class=\"utrecht-table__cell\"><strong>%lld</strong></td></tr>",
		     c->status[s]);
	}
	html(h,
	     "</tbody><tfoot><tr class=\"utrecht-table__row\"><th "
	     "class=\"utrecht-table__header-cell\" scope=\"row\">%s</th>",
	     T(DASH_TOTAL));
	for (int k = 0; k < DASH_N_ARCHETYPE; k++)
		if (show[k])
			html(h, "<td class=\"utrecht-table__cell\"><strong>%lld</strong></td>",
			     c->archetype[k]);
	html(h,
	     "<td class=\"utrecht-table__cell\"><strong>%lld</strong></td></tr></tfoot></table>"
	     "</div></div></div></section>",
	     c->total);
}

/* Activities and participants per month: two stacked charts and one table. */
static void block_months(struct req *r, struct html *h, const struct dash_view *v,
                         const struct dash_month *m)
{
	struct arena *a = &r->arena;
	int n = v->months;
	html(h,
	     "<section class=\"kring-dash\" aria-labelledby=\"h-dash-act\"><h2 "
	     "class=\"utrecht-heading-2\" id=\"h-dash-act\">%s</h2><p "
	     "class=\"utrecht-paragraph kring-muted\">%s</p>",
	     T(DASH_ACTIVITIES_TITLE), T(DASH_ACTIVITIES_EXPLAIN));
	const char **labels = arena_alloc(a, (size_t)n * sizeof(*labels));
	long long *acts[DASH_N_MADE], *parts[DASH_N_MADE];
	for (int k = 0; k < DASH_N_MADE; k++) {
		acts[k] = arena_alloc(a, (size_t)n * sizeof(long long));
		parts[k] = arena_alloc(a, (size_t)n * sizeof(long long));
	}
	long long total_acts = 0, total_parts = 0;
	for (int i = 0; i < n; i++) {
		labels[i] = dash_month_short(a, m[i].month);
		for (int k = 0; k < DASH_N_MADE; k++) {
			acts[k][i] = m[i].activities[k];
			parts[k][i] = m[i].participants[k];
			total_acts += m[i].activities[k];
			total_parts += m[i].participants[k];
		}
	}
	const char *series[DASH_N_MADE] = {T(DASH_MADE_VOOR), T(DASH_MADE_MET), T(DASH_MADE_DOOR)};
	const char *range = T_printf(a, DASH_RANGE, dash_month_long(a, m[0].month),
	                             dash_month_long(a, m[n - 1].month));
	if (total_acts == 0)
		html(h, "<p class=\"utrecht-paragraph kring-empty\">%s</p>", T(DASH_NO_ACTIVITIES));
	html(h, "<div class=\"kring-chart-pair\"><figure class=\"kring-card kring-chart\">"
	        "<figcaption class=\"kring-chart__cap\">");
	html(h, "%s</figcaption>", T(DASH_CHART_ACTIVITIES));
	chart_stacked(h, a, "dash-act", T(DASH_CHART_ACTIVITIES),
	              T_printf(a, DASH_CHART_ACT_DESC, range, total_acts), labels, (size_t)n,
	              (const long long *const *)acts, series, DASH_N_MADE);
	html(h, "</figure><figure class=\"kring-card kring-chart\"><figcaption "
	        "class=\"kring-chart__cap\">");
	html(h, "%s</figcaption>", T(DASH_CHART_PARTICIPANTS));
	chart_stacked(h, a, "dash-part", T(DASH_CHART_PARTICIPANTS),
	              T_printf(a, DASH_CHART_PART_DESC, range, total_parts), labels, (size_t)n,
	              (const long long *const *)parts, series, DASH_N_MADE);
	html(h, "</figure></div>");
	dash_month_table(h, a, "dash-months", T_printf(a, DASH_MONTHS_CAPTION, range), m, n);
	html(h, "</section>");
}

/* Open and overdue action points, with the way to them. */
static void block_actions(struct req *r, struct html *h, long long open, long long overdue)
{
	html(h,
	     "<section class=\"kring-dash kring-card\" aria-labelledby=\"h-dash-ap\"><h2 "
	     "class=\"utrecht-heading-2\" id=\"h-dash-ap\">%s</h2>",
	     T(DASH_ACTIONS_TITLE));
	if (open == 0)
		html(h, "<p class=\"utrecht-paragraph\">%s</p>", T(DASH_ACTIONS_NONE));
	else
		html(h, "<p class=\"utrecht-paragraph\">%s %s</p>",
		     TN_printf(&r->arena, DASH_ACTIONS_OPEN, open, open),
		     overdue ? TN_printf(&r->arena, DASH_ACTIONS_LATE, overdue, overdue)
		             : T(DASH_ACTIONS_NONE_LATE));
	html(h,
	     "<p class=\"utrecht-paragraph kring-noprint\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/conversations\">%s</a></p></section>",
	     r->org_slug, T(DASH_ACTIONS_LINK));
}

/* The latest closed meetlat round with its phase, and an open round. */
struct dash_meetlat {
	int has_last, has_open;
	struct ml_round last, open;
	struct meetlat_instrument in;
	struct ml_scores s;
	struct ml_phase ph;
};

static int load_meetlat(struct req *r, struct dash_meetlat *ml)
{
	struct arena *a = &r->arena;
	memset(ml, 0, sizeof(*ml));
	ml->has_last = meetlat_round_last_closed(r->db, a, r->org_id, &ml->last);
	if (ml->has_last < 0)
		return -1;
	ml->has_open = meetlat_round_current_open(r->db, a, r->org_id, &ml->open);
	if (ml->has_open < 0)
		return -1;
	if (ml->has_last) {
		if (meetlat_round_scores(r->db, a, r->org_id, &ml->last, &ml->in, &ml->s) != 0)
			return -1;
		ml_phase(&ml->in, &ml->s, &ml->ph);
	}
	return 0;
}

static void block_meetlat(struct req *r, struct html *h, const struct dash_meetlat *ml)
{
	struct arena *a = &r->arena;
	int has_last = ml->has_last, has_open = ml->has_open;
	const struct ml_round *last = &ml->last, *open = &ml->open;
	const struct ml_phase *ph = &ml->ph;
	html(h,
	     "<section class=\"kring-dash kring-card\" aria-labelledby=\"h-dash-ml\"><h2 "
	     "class=\"utrecht-heading-2\" id=\"h-dash-ml\">%s</h2>",
	     T(DASH_MEETLAT_TITLE));
	if (!has_last)
		html(h, "<p class=\"utrecht-paragraph\">%s</p>", T(DASH_MEETLAT_NONE));
	else if (ph->fase == 0)
		html(h, "<p class=\"utrecht-paragraph\">%s</p>",
		     T_printf(a, DASH_MEETLAT_UNKNOWN, last->title, fmt_date(a, last->closed_at)));
	else
		html(h,
		     "<p class=\"utrecht-paragraph kring-dash-phase\"><strong>%s</strong></p>"
		     "<p class=\"utrecht-paragraph\">%s</p>",
		     T_printf(a, DASH_MEETLAT_PHASE, ph->fase, ml->in.phases[ph->rule].title),
		     T_printf(a, DASH_MEETLAT_FROM, last->title, fmt_date(a, last->closed_at)));
	if (has_open)
		html(h, "<p class=\"utrecht-paragraph\">%s</p>",
		     TN_printf(a, DASH_MEETLAT_OPEN, open->n_responses, open->title,
		               open->n_responses));
	html(h,
	     "<p class=\"utrecht-paragraph kring-noprint\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/meetlat\">%s</a></p></section>",
	     r->org_slug, T(DASH_MEETLAT_LINK));
}

/*
 * Goals on schedule versus behind (issue 9, core/goal.h): the subgoals of
 * the organisation by their state today, as bars and a table, with the way
 * to the goals overview. Counted for the whole organisation, so not shown
 * to an ambassadeur (who sees their own goals on the goals overview).
 */
static void block_goals(struct req *r, struct html *h, const struct goal_schedule_counts *g)
{
	struct arena *a = &r->arena;
	long long total = g->on_schedule + g->behind + g->reached + g->unknown;
	html(h,
	     "<section class=\"kring-dash\" aria-labelledby=\"h-dash-goals\"><h2 "
	     "class=\"utrecht-heading-2\" id=\"h-dash-goals\">%s</h2><p "
	     "class=\"utrecht-paragraph kring-muted\">%s</p>",
	     T(DASH_GOALS_TITLE), T(DASH_GOALS_EXPLAIN));
	if (total == 0) {
		html(
		    h,
		    "<p class=\"utrecht-paragraph kring-empty\">%s</p><p class=\"utrecht-paragraph "
		    "kring-noprint\"><a class=\"utrecht-link\" "
		    "href=\"/o/%s/goals\">%s</a></p></section>",
		    T(DASH_GOALS_NONE), r->org_slug, T(DASH_GOALS_LINK));
		return;
	}
	const char *labels[] = {T(DASH_GOALS_ON), T(DASH_GOALS_BEHIND), T(DASH_GOALS_REACHED),
	                        T(DASH_GOALS_UNKNOWN)};
	const long long values[] = {g->on_schedule, g->behind, g->reached, g->unknown};
	html(h, "<div class=\"kring-chart-grid kring-chart-grid--dash\"><figure "
	        "class=\"kring-card kring-chart\">");
	chart_hbars(h, a, "dash-goals", T(DASH_GOALS_TITLE), T_printf(a, DASH_GOALS_DESC, total),
	            labels, values, 4);
	html(
	    h,
	    "</figure><div><p class=\"kring-chart__cap\" aria-hidden=\"true\">%s</p><div "
	    "class=\"kring-chart-table\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table "
	    "class=\"utrecht-table kring-table kring-num\"><caption class=\"utrecht-table__caption "
	    "kring-sr\">%s</caption><thead class=\"utrecht-table__header\"><tr "
	    "class=\"utrecht-table__row\"><th class=\"utrecht-table__header-cell\" "
	    "scope=\"col\">%s</th><th class=\"utrecht-table__header-cell\" "
	    "scope=\"col\">%s</th></tr></thead><tbody class=\"utrecht-table__body\">",
	    T(DASH_GOALS_TABLE), T(DASH_GOALS_TABLE), T(DASH_GOALS_TABLE), T(DASH_GOALS_COL_STATE),
	    T(DASH_GOALS_COL_N));
	for (int i = 0; i < 4; i++)
		html(h,
		     "<tr class=\"utrecht-table__row\"><th class=\"utrecht-table__header-cell\" "
		     "scope=\"row\">%s</th><td class=\"utrecht-table__cell\">%lld</td></tr>",
		     labels[i], values[i]);
	html(h,
	     "</tbody><tfoot><tr class=\"utrecht-table__row\"><th "
	     "class=\"utrecht-table__header-cell\" scope=\"row\">%s</th><td "
	     "class=\"utrecht-table__cell\"><strong>%lld</strong></td></tr></tfoot></table></div>"
	     "<p class=\"utrecht-paragraph kring-noprint\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/goals\">%s</a></p></div></div></section>",
	     T(DASH_TOTAL), total, r->org_slug, T(DASH_GOALS_LINK));
}

/*
 * Signals by kind, read from the kept signals (core/signal.h; nothing is
 * computed here): a bar per kind that has any, a table of the same numbers,
 * each kind linking to Aandacht nodig filtered on it. 0, or -1 on a database
 * error.
 */
static int block_signals(struct req *r, struct html *h, const char *today)
{
	struct arena *a = &r->arena;
	struct signal *v;
	size_t n;
	struct signal_filter f = {.kind = -1, .only_attached = r->only_attached};
	if (signals_list(r->db, a, r->org_id, &f, today, &v, &n) != 0)
		return -1;
	long long per_kind[SIG_N] = {0};
	for (size_t i = 0; i < n; i++)
		if (v[i].kind >= 0 && v[i].kind < SIG_N)
			per_kind[v[i].kind]++;
	const char *labels[SIG_N];
	long long values[SIG_N];
	int kinds[SIG_N];
	size_t shown = 0;
	for (int k = 0; k < SIG_N; k++)
		if (per_kind[k] > 0) {
			kinds[shown] = k;
			labels[shown] = sig_kind_label(k);
			values[shown++] = per_kind[k];
		}
	html(h,
	     "<section class=\"kring-dash\" aria-labelledby=\"h-dash-signals\"><h2 "
	     "class=\"utrecht-heading-2\" id=\"h-dash-signals\">%s</h2><p "
	     "class=\"utrecht-paragraph kring-muted\">%s</p>",
	     T(DASH_SIGNALS_TITLE), T(DASH_SIGNALS_EXPLAIN));
	if (shown == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-empty\">%s</p></section>",
		     T(DASH_SIGNALS_NONE));
		return 0;
	}
	html(h, "<div class=\"kring-chart-grid kring-chart-grid--dash\"><figure "
	        "class=\"kring-card kring-chart\">");
	chart_hbars(h, a, "dash-signals", T(DASH_SIGNALS_TITLE),
	            T_printf(a, DASH_SIGNALS_DESC, (long long)n), labels, values, shown);
	html(
	    h,
	    "</figure><div><p class=\"kring-chart__cap\" aria-hidden=\"true\">%s</p><div "
	    "class=\"kring-chart-table\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table "
	    "class=\"utrecht-table kring-table kring-num\"><caption class=\"utrecht-table__caption "
	    "kring-sr\">%s</caption><thead class=\"utrecht-table__header\"><tr "
	    "class=\"utrecht-table__row\"><th class=\"utrecht-table__header-cell\" "
	    "scope=\"col\">%s</th><th class=\"utrecht-table__header-cell\" "
	    "scope=\"col\">%s</th></tr></thead><tbody class=\"utrecht-table__body\">",
	    T(DASH_SIGNALS_TABLE), T(DASH_SIGNALS_TABLE), T(DASH_SIGNALS_TABLE),
	    T(DASH_SIGNALS_COL_KIND), T(DASH_GOALS_COL_N));
	for (size_t i = 0; i < shown; i++)
		html(
		    h,
		    "<tr class=\"utrecht-table__row\"><th class=\"utrecht-table__header-cell\" "
		    "scope=\"row\"><a class=\"utrecht-link\" href=\"/o/%s/signals?soort=%s\">%s</a>"
		    "</th><td class=\"utrecht-table__cell\">%lld</td></tr>",
		    r->org_slug, signal_kind_names[kinds[i]], labels[i], values[i]);
	html(h,
	     "</tbody><tfoot><tr class=\"utrecht-table__row\"><th "
	     "class=\"utrecht-table__header-cell\" scope=\"row\">%s</th><td "
	     "class=\"utrecht-table__cell\"><strong>%lld</strong></td></tr></tfoot></table></div>"
	     "<p class=\"utrecht-paragraph kring-noprint\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/signals\">%s</a></p></div></div></section>",
	     T(DASH_TOTAL), (long long)n, r->org_slug, T(DASH_SIGNALS_LINK));
	return 0;
}

int page_dashboard(struct req *r)
{
	struct arena *a = &r->arena;
	struct dash_view v;
	if (read_view(r, &v) != 0)
		return HANDLER_ERROR;
	struct dash_communities c;
	struct dash_month *m = arena_alloc(a, (size_t)v.months * sizeof(*m));
	long long open = 0, overdue = 0;
	if (dash_communities(r->db, r->org_id, r->only_attached, &c) != 0 ||
	    dash_months(r->db, r->org_id, r->only_attached, v.branch, v.last, v.months, m) != 0 ||
	    (!r->only_attached && dash_actions(r->db, r->org_id, v.today, &open, &overdue) != 0))
		return HANDLER_ERROR;
	struct dash_meetlat *ml = arena_alloc(a, sizeof(*ml));
	if (!r->only_attached && load_meetlat(r, ml) != 0)
		return HANDLER_ERROR;
	struct goal_schedule_counts goals = {0};
	if (!r->only_attached && goal_schedule_counts(r->db, r->org_id, v.today, &goals) != 0)
		return HANDLER_ERROR;

	struct html h;
	page_begin(r, &h, T(DASH_TITLE));
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     T(DASH_TITLE), r->only_attached ? T(DASH_INTRO_AMBASSADOR) : T(DASH_INTRO));
	if (r->role & ROLES_READ)
		html(&h,
		     "<p class=\"kring-toolbar\"><a class=\"utrecht-link\" "
		     "href=\"/o/%s/report\">%s</a>"
		     "<a class=\"utrecht-link\" href=\"/o/%s/export.xlsx\" download>%s</a></p>",
		     r->org_slug, T(DASH_REPORT_LINK), r->org_slug, T(DASH_EXPORT_LINK));
	filter_form(r, &h, &v);
	key_figures(r, &h, &c, m, v.months, open, overdue);
	block_communities(r, &h, &c);
	block_months(r, &h, &v, m);
	if (!r->only_attached)
		block_goals(r, &h, &goals);
	if (!r->only_attached) {
		html(&h, "<div class=\"kring-dash-pair\">");
		block_actions(r, &h, open, overdue);
		block_meetlat(r, &h, ml);
		html(&h, "</div>");
	}
	if (block_signals(r, &h, v.today) != 0)
		return HANDLER_ERROR;
	page_end(r, &h, 200);
	return HANDLER_OK;
}
