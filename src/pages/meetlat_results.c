/*
 * meetlat_results.c - the results of a closed meetlat round: scores per
 * bouwsteen and role group, the radar chart with the previous round, the
 * fase with why, the support advice and the comments.
 */
#include <math.h>
#include <string.h>

#include "../auth/roles.h"
#include "../core/instrument.h"
#include "../core/meetlat.h"
#include "../i18n/text.h"
#include "../web/chart.h"
#include "../web/layout.h"
#include "meetlat_ui.h"
#include "pages.h"

const char *mlp_fmt1(struct arena *a, double x)
{
	char buf[8];
	return arena_strdup(a, ml_fmt1(buf, x));
}

/* ---- results ---- */

/* Value of bouwsteen id in a scored instrument, NAN when absent or unanswered. */
static double value_of(const struct meetlat_instrument *in, const struct ml_scores *s,
                       const char *id)
{
	for (size_t b = 0; b < in->n_bouwstenen; b++)
		if (strcmp(in->bouwstenen[b].id, id) == 0)
			return s->all[b].n ? s->all[b].mean : NAN;
	return NAN;
}

static void phase_block(struct req *r, struct html *h, const struct meetlat_instrument *in,
                        const struct ml_scores *s, const struct ml_phase *ph)
{
	struct arena *a = &r->arena;
	html(h, "<section class=\"kring-card kring-phase\" aria-labelledby=\"h-fase\">");
	if (ph->fase == 0) {
		html(h, "<h2 class=\"utrecht-heading-2\" id=\"h-fase\">%s</h2>",
		     T(ML_PHASE_UNKNOWN));
		html(h, "<p class=\"utrecht-paragraph\">%s</p>",
		     s->n_respondents == 0
		         ? T(ML_WHY_NONE)
		         : T_printf(a, ML_WHY_MISSING, in->bouwstenen[ph->missing].name));
		html(h, "</section>");
		return;
	}
	const struct ml_phase_rule *rule = &in->phases[ph->rule];
	html(h,
	     "<p class=\"kring-phase__badge\" aria-hidden=\"true\">%d</p>"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-fase\">%s</h2>"
	     "<p class=\"utrecht-paragraph kring-phase__question\">%s</p>"
	     "<h3 class=\"utrecht-heading-3\">%s</h3><p class=\"utrecht-paragraph\">%s ",
	     ph->fase, T_printf(a, ML_PHASE_TITLE, ph->fase, rule->title), rule->question,
	     T(ML_WHY_TITLE),
	     T_printf(a, ML_WHY_NUMBERS, mlp_fmt1(a, ph->overall), in->bouwstenen[ph->lowest].name,
	              mlp_fmt1(a, s->all[ph->lowest].mean)));
	if (ph->rule == 0)
		html(h, "%s", T_printf(a, ML_WHY_RULE_FIRST, rule->fase));
	else
		html(h, "%s",
		     T_printf(a, ML_WHY_RULE, rule->fase, mlp_fmt1(a, rule->min_each),
		              mlp_fmt1(a, rule->min_mean)));
	if (ph->next >= 0) {
		const struct ml_phase_rule *nx = &in->phases[ph->next];
		html(h, " %s %s",
		     T_printf(a, ML_WHY_NEXT, nx->fase, mlp_fmt1(a, nx->min_each),
		              mlp_fmt1(a, nx->min_mean)),
		     ph->next_short_each && ph->next_short_mean ? T(ML_WHY_SHORT_BOTH)
		     : ph->next_short_each                      ? T(ML_WHY_SHORT_EACH)
		                                                : T(ML_WHY_SHORT_MEAN));
	} else {
		html(h, " %s", T(ML_WHY_TOP));
	}
	html(h, "</p></section>");
}

/* Writes the results of a closed round. 0, or -1 on a database error. */
int mlp_results(struct req *r, struct html *h, const struct ml_round *round,
                const struct meetlat_instrument *in, const struct ml_scores *s)
{
	struct arena *a = &r->arena;
	struct ml_phase ph;
	ml_phase(in, s, &ph);

	/* the previous closed round, compared by bouwsteen id */
	struct ml_round prev;
	struct meetlat_instrument prev_in;
	struct ml_scores prev_s;
	int has_prev = meetlat_round_previous(r->db, a, r->org_id, round->id, &prev);
	if (has_prev < 0 ||
	    (has_prev && meetlat_round_scores(r->db, a, r->org_id, &prev, &prev_in, &prev_s) != 0))
		return -1;
	double now_v[ML_MAX_BOUWSTENEN], prev_v[ML_MAX_BOUWSTENEN];
	const char *axes[ML_MAX_BOUWSTENEN];
	for (size_t b = 0; b < in->n_bouwstenen; b++) {
		now_v[b] = s->all[b].n ? s->all[b].mean : NAN;
		prev_v[b] = has_prev ? value_of(&prev_in, &prev_s, in->bouwstenen[b].id) : NAN;
		axes[b] = in->bouwstenen[b].short_name;
	}

	html(h,
	     "<h2 class=\"utrecht-heading-2 kring-results-title\">%s</h2>"
	     "<p class=\"utrecht-paragraph kring-muted\">%s</p>",
	     T(ML_RESULTS_TITLE),
	     TN_printf(a, ML_CLOSED_META, round->n_responses, fmt_date(a, round->closed_at),
	               round->n_responses, round->instrument_version));
	phase_block(r, h, in, s, &ph);

	/* chart and table with the same numbers */
	struct buf desc;
	buf_init(&desc, a);
	for (size_t b = 0; b < in->n_bouwstenen; b++) {
		if (b)
			buf_puts(&desc, "; ");
		buf_puts(&desc,
		         T_printf(a, ML_CHART_DESC_NOW, in->bouwstenen[b].name,
		                  isnan(now_v[b]) ? T(ML_NO_ANSWERS) : mlp_fmt1(a, now_v[b])));
		if (has_prev && !isnan(prev_v[b]))
			buf_puts(&desc, T_printf(a, ML_CHART_DESC_BEFORE, mlp_fmt1(a, prev_v[b])));
	}
	buf_puts(&desc, ".");
	struct chart_series series[2] = {
	    {T(ML_CHART_THIS), now_v, "now"},
	    {has_prev ? T_printf(a, ML_CHART_PREV, prev.title) : "", prev_v, "before"},
	};
	html(h,
	     "<section class=\"kring-results\" aria-labelledby=\"h-scores\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-scores\">%s</h2><div "
	     "class=\"kring-chart-grid\">"
	     "<figure class=\"kring-card kring-chart\">",
	     T(ML_CHART_TITLE));
	chart_radar(h, a, "radar", arena_printf(a, "%s: %s", T(ML_CHART_TITLE), round->title),
	            buf_str(&desc), axes, in->n_bouwstenen, in->scale_min, in->scale_max, series,
	            has_prev ? 2 : 1);
	const char *caption = T_printf(a, ML_TABLE_CAPTION, in->scale_min, in->scale_max);
	/* a region that may scroll sideways on a phone is reachable by keyboard */
	html(h,
	     "</figure><div class=\"kring-chart-table\" tabindex=\"0\" role=\"region\" "
	     "aria-label=\"%s\">",
	     caption);
	html(h,
	     "<table class=\"utrecht-table kring-table kring-num\"><caption "
	     "class=\"utrecht-table__caption\">%s</caption>"
	     "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>",
	     caption, T(ML_BOUWSTEEN), T(ML_MEAN), T(ML_SPREAD), T(ML_N));
	if (has_prev)
		html(h,
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>",
		     T(ML_PREV), T(ML_DIFF));
	html(h, "</tr></thead><tbody class=\"utrecht-table__body\">");
	for (size_t b = 0; b < in->n_bouwstenen; b++) {
		const struct ml_stat *st = &s->all[b];
		bool weak = ml_weak(in, st);
		html(h,
		     "<tr class=\"utrecht-table__row\"><th class=\"utrecht-table__header-cell\" "
		     "scope=\"row\">%s",
		     in->bouwstenen[b].name);
		if (weak)
			html(h, " <span class=\"kring-tag kring-tag--weak\">%s</span>", T(ML_WEAK));
		if (st->n)
			html(h,
			     "</th><td class=\"utrecht-table__cell\">%s</td>"
			     "<td class=\"utrecht-table__cell\">%s</td>"
			     "<td class=\"utrecht-table__cell\">%d</td>",
			     mlp_fmt1(a, st->mean), mlp_fmt1(a, st->sd), st->n);
		else
			html(h,
			     "</th><td class=\"utrecht-table__cell\" colspan=\"2\">%s</td>"
			     "<td class=\"utrecht-table__cell\">0</td>",
			     T(ML_NO_ANSWERS));
		if (has_prev) {
			if (isnan(prev_v[b]) || !st->n) {
				html(h,
				     "<td class=\"utrecht-table__cell\">%s</td>"
				     "<td class=\"utrecht-table__cell\">–</td>",
				     isnan(prev_v[b]) ? "–" : mlp_fmt1(a, prev_v[b]));
			} else {
				long d = lround(st->mean * 10) - lround(prev_v[b] * 10);
				html(h,
				     "<td class=\"utrecht-table__cell\">%s</td>"
				     "<td class=\"utrecht-table__cell\">%s%s <span "
				     "class=\"kring-sr\">(%s)</span></td>",
				     mlp_fmt1(a, prev_v[b]),
				     d > 0   ? "+"
				     : d < 0 ? "−"
				             : "",
				     mlp_fmt1(a, fabs((double)d) / 10),
				     d > 0   ? T(ML_UP)
				     : d < 0 ? T(ML_DOWN)
				             : T(ML_SAME));
			}
		}
		html(h, "</tr>");
	}
	html(h, "</tbody></table><p class=\"utrecht-paragraph kring-muted kring-small\">%s</p>",
	     T(ML_SPREAD_NOTE));
	html(h, "</div></div></section>");

	/* per role group; small groups hidden (ml_hide_small_groups) so nobody is recognised */
	html(h,
	     "<section aria-labelledby=\"h-groepen\"><h2 class=\"utrecht-heading-2\" "
	     "id=\"h-groepen\">%s</h2><p class=\"utrecht-paragraph\">%s</p>"
	     "<p class=\"utrecht-paragraph kring-muted\">%s</p>"
	     "<div class=\"kring-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"%s\">"
	     "<table class=\"utrecht-table kring-table kring-num\">"
	     "<caption class=\"utrecht-table__caption\">%s</caption>"
	     "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>",
	     T(ML_GROUPS_TITLE), T(ML_GROUPS_INTRO), T_printf(a, ML_GROUPS_MIN, in->min_group),
	     T(ML_GROUPS_CAPTION), T(ML_GROUPS_CAPTION), T(ML_BOUWSTEEN));
	for (size_t g = 0; g < in->n_groups; g++) {
		if (s->group_hidden[g])
			html(h, "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>",
			     in->groups[g].label);
		else
			html(h,
			     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s (%d)</th>",
			     in->groups[g].label, s->n_group[g]);
	}
	html(h, "</tr></thead><tbody class=\"utrecht-table__body\">");
	for (size_t b = 0; b < in->n_bouwstenen; b++) {
		double lo = 1e9, hi = -1e9;
		for (size_t g = 0; g < in->n_groups; g++)
			if (s->group[g][b].n && !s->group[g][b].hidden) {
				lo = fmin(lo, s->group[g][b].mean);
				hi = fmax(hi, s->group[g][b].mean);
			}
		bool gap = hi - lo >= 1.0 - 1e-9;
		html(h,
		     "<tr class=\"utrecht-table__row\"><th class=\"utrecht-table__header-cell\" "
		     "scope=\"row\">%s",
		     in->bouwstenen[b].name);
		if (gap)
			html(h, " <span class=\"kring-tag kring-tag--gap\">%s</span>",
			     T(ML_BIG_GAP));
		html(h, "</th>");
		for (size_t g = 0; g < in->n_groups; g++) {
			const struct ml_stat *st = &s->group[g][b];
			if (st->hidden)
				html(h, "<td class=\"utrecht-table__cell kring-muted\">%s</td>",
				     T(ML_GROUP_TOO_FEW));
			else if (st->n)
				html(h, "<td class=\"utrecht-table__cell\">%s (%d)</td>",
				     mlp_fmt1(a, st->mean), st->n);
			else
				html(h, "<td class=\"utrecht-table__cell\">–</td>");
		}
		html(h, "</tr>");
	}
	html(h, "</tbody></table></div></section>");

	/* advice per weak bouwsteen */
	html(h,
	     "<section aria-labelledby=\"h-advies\"><h2 class=\"utrecht-heading-2\" "
	     "id=\"h-advies\">%s</h2><p class=\"utrecht-paragraph\">%s</p>",
	     T(ML_ADVICE_TITLE), T_printf(a, ML_ADVICE_INTRO, mlp_fmt1(a, in->weak_below)));
	int n_weak = 0;
	for (size_t b = 0; b < in->n_bouwstenen; b++)
		n_weak += ml_weak(in, &s->all[b]);
	if (n_weak == 0)
		html(h, "<p class=\"utrecht-paragraph\">%s</p>", T(ML_ADVICE_NONE));
	html(h, "<div class=\"kring-advice-list\">");
	for (size_t b = 0; b < in->n_bouwstenen; b++) {
		const struct ml_bouwsteen *bs = &in->bouwstenen[b];
		bool weak = ml_weak(in, &s->all[b]);
		/* with no weak bouwsteen, the lowest one still gets its advice */
		if (!weak && !(n_weak == 0 && ph.lowest == (int)b))
			continue;
		html(h,
		     "<article class=\"kring-card kring-advice\" aria-labelledby=\"h-adv-%s\">"
		     "<h3 class=\"utrecht-heading-3\" id=\"h-adv-%s\">%s <span "
		     "class=\"kring-advice__score\">%s</span></h3>"
		     "<h4 class=\"kring-h4\">%s</h4><ul class=\"kring-support\">",
		     bs->id, bs->id, bs->name, mlp_fmt1(a, s->all[b].mean), T(ML_ADVICE_SUPPORT));
		for (size_t k = 0; k < bs->n_support; k++) {
			const struct ml_support *sp = &in->support[bs->support[k]];
			html(h, "<li><strong>%s</strong>: %s</li>", sp->label, sp->text);
		}
		html(h, "</ul><h4 class=\"kring-h4\">%s</h4><ol class=\"utrecht-ordered-list\">",
		     T(ML_ADVICE_STEPS));
		for (size_t k = 0; k < bs->n_steps; k++)
			html(h, "<li>%s</li>", bs->steps[k]);
		html(h, "</ol>");
		/* instruments (issue 12): competences start with oneself, in the zelftest */
		if (strcmp(bs->id, "kennis") == 0 && (r->role & ROLES_STAFF))
			html(h,
			     "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
			     "href=\"/o/%s/me/zelftest\">%s</a></p>",
			     r->org_slug, T(ZT_MEETLAT_LINK));
		html(h, "</article>");
	}
	html(h, "</div></section>");

	/* comments, without names */
	struct ml_comment *cm;
	size_t n_cm;
	if (meetlat_comments(r->db, a, r->org_id, round->id, &cm, &n_cm) != 0)
		return -1;
	{
		html(h,
		     "<section aria-labelledby=\"h-toelichting\"><h2 class=\"utrecht-heading-2\" "
		     "id=\"h-toelichting\">%s</h2>",
		     T_printf(a, ML_COMMENTS_TITLE, n_cm));
		if (n_cm == 0)
			html(h, "<p class=\"utrecht-paragraph\">%s</p>", T(ML_COMMENTS_NONE));
		for (size_t b = 0; b < in->n_bouwstenen && n_cm; b++) {
			bool any = false;
			for (size_t i = 0; i < n_cm; i++)
				any |= strcmp(cm[i].bouwsteen, in->bouwstenen[b].id) == 0;
			if (!any)
				continue;
			html(h,
			     "<h3 class=\"utrecht-heading-3\">%s</h3><ul class=\"kring-comments\">",
			     in->bouwstenen[b].name);
			for (size_t i = 0; i < n_cm; i++) {
				if (strcmp(cm[i].bouwsteen, in->bouwstenen[b].id) != 0)
					continue;
				/* a comment names its group only when the group is shown */
				int g = ml_find_group(in, cm[i].group);
				if (g >= 0 && s->group_hidden[g])
					g = -1;
				html(h,
				     "<li><p class=\"utrecht-paragraph kring-pre\">%s</p><p "
				     "class=\"kring-muted kring-small\">%s</p></li>",
				     cm[i].body, g >= 0 ? in->groups[g].label : "");
			}
			html(h, "</ul>");
		}
		html(h, "</section>");
	}
	return 0;
}
