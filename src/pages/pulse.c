/*
 * pulse.c - the sense-of-community pulse of one community (M9, issue 13)
 * at /o/<slug>/communities/<id>/pulse: open a round and hand out its link,
 * close it, and the results over time as a chart with a table. Figures
 * per ingredient and open answers come from pulse_result(), which gives
 * only the count below the instrument's minimum (five): this page cannot
 * show what it is not given. Answering by link is in pulse_answer.c.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../auth/roles.h"
#include "../core/community.h"
#include "../core/pulse.h"
#include "../i18n/text.h"
#include "../util/buf.h"
#include "../web/chart.h"
#include "../web/layout.h"
#include "energy_ui.h"
#include "pages.h"
#include "respond.h"

#define PULSE_ROUNDS_SHOWN 12 /* rounds in the table over time */

/* The full answering link of a round, with the host the request came in on. */
static const char *round_link(struct req *r, const struct pulse_round *round)
{
	const char *host = req_header(r, "Host");
	if (host == NULL || strchr(host, '/') || strchr(host, '"'))
		host = "";
	return arena_printf(&r->arena, "%s%s/s/%s",
	                    host[0] ? (r->cfg && r->cfg->behind_tls ? "https://" : "http://") : "",
	                    host, round->token);
}

/* An open round: its link, its count, and (staff) the close button. */
static void open_round(struct req *r, struct html *h, const struct pulse_round *round)
{
	struct arena *a = &r->arena;
	html(h,
	     "<section class=\"kring-card\" aria-labelledby=\"h-pu-open-%lld\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-pu-open-%lld\">%s</h2>"
	     "<p class=\"utrecht-paragraph\"><span class=\"kring-status kring-status--open\">%s"
	     "</span> %s</p>",
	     round->id, round->id, T_printf(a, PU_ROUND_OPEN_TITLE, instr_day(a, round->opened_on)),
	     T(PU_STATUS_OPEN),
	     TN_printf(a, PU_ANSWERS_SO_FAR, round->n_answers, round->n_answers));
	html(h,
	     "<div class=\"utrecht-form-field kring-field\"><p class=\"utrecht-form-label\">"
	     "<label class=\"utrecht-form-label\" for=\"pulse-link-%lld\">%s</label></p>"
	     "<p class=\"utrecht-form-field-description\" id=\"pulse-link-%lld-hint\">%s</p>"
	     "<input class=\"utrecht-textbox kring-link\" id=\"pulse-link-%lld\" type=\"text\" "
	     "readonly value=\"%s\" aria-describedby=\"pulse-link-%lld-hint\"></div>",
	     round->id, T(PU_LINK_LABEL), round->id, T(PU_LINK_HINT), round->id,
	     round_link(r, round), round->id);
	if (r->role & ROLES_STAFF) {
		form_begin(h, r,
		           arena_printf(a, "/o/%s/communities/%lld/pulse/%lld/close", r->org_slug,
		                        round->community_id, round->id));
		form_end(h, T(PU_CLOSE));
	}
	html(h, "</section>");
}

/* The chart (newest shown round against the one before) and the table of rounds. */
static int over_time(struct req *r, struct html *h, const struct pulse_instrument *in,
                     const struct pulse_round *rounds, size_t n)
{
	struct arena *a = &r->arena;
	size_t shown_n = n < PULSE_ROUNDS_SHOWN ? n : PULSE_ROUNDS_SHOWN;
	struct pulse_result *res = arena_alloc(a, sizeof(*res) * (shown_n ? shown_n : 1));
	for (size_t i = 0; i < shown_n; i++)
		if (pulse_result(r->db, a, r->org_id, rounds[i].id, in, &res[i]) != 0)
			return -1;
	html(h,
	     "<section class=\"kring-card\" aria-labelledby=\"h-pu-time\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-pu-time\">%s</h2>"
	     "<p class=\"utrecht-paragraph kring-muted\">%s</p>",
	     T(PU_TIME_TITLE), T_printf(a, PU_MIN_RULE, in->min_answers));
	if (n == 0) {
		html(h, "<p class=\"utrecht-paragraph\">%s</p></section>", T(PU_NO_ROUNDS));
		return 0;
	}
	/* rounds are newest first: the first two with results make the chart */
	int now = -1, before = -1;
	for (size_t i = 0; i < shown_n; i++)
		if (res[i].shown) {
			if (now < 0)
				now = (int)i;
			else if (before < 0)
				before = (int)i;
		}
	const char *axes[PU_MAX_INGREDIENTS];
	for (size_t g = 0; g < in->n_ingredients; g++)
		axes[g] = in->ingredients[g].name;
	html(h, "<div class=\"kring-chart-grid\">");
	if (now >= 0) {
		struct buf desc;
		buf_init(&desc, a);
		for (size_t g = 0; g < in->n_ingredients; g++) {
			double v = res[now].mean[g];
			buf_puts(&desc, T_printf(a, PU_CHART_DESC_ITEM, axes[g],
			                         isnan(v) ? "–" : chart_num1(a, v, ',')));
		}
		struct chart_series series[2] = {
		    {T(PU_SERIES_NOW), res[now].mean, "now"},
		    {before >= 0 ? T(PU_SERIES_BEFORE) : "",
		     before >= 0 ? res[before].mean : res[now].mean, "before"},
		};
		html(h, "<figure class=\"kring-card kring-chart kring-chart--labels\">");
		chart_radar(h, a, "pulse", T(PU_CHART_TITLE), buf_str(&desc), axes,
		            in->n_ingredients, in->scale_min, in->scale_max, series,
		            before >= 0 ? 2 : 1);
		html(h, "</figure>");
	} else {
		html(h, "<p class=\"utrecht-paragraph\">%s</p>",
		     T_printf(a, PU_NO_RESULTS_YET, in->min_answers));
	}
	const char *caption = T_printf(a, PU_TABLE_CAPTION, in->scale_min, in->scale_max);
	html(h,
	     "<div class=\"kring-chart-table\" tabindex=\"0\" role=\"region\" aria-label=\"%s\">"
	     "<table class=\"utrecht-table kring-table kring-num\"><caption "
	     "class=\"utrecht-table__caption\">%s</caption><thead "
	     "class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>",
	     caption, caption, T(PU_COL_ROUND), T(PU_COL_ANSWERS));
	for (size_t g = 0; g < in->n_ingredients; g++)
		html(h, "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>", axes[g]);
	html(h, "</tr></thead><tbody class=\"utrecht-table__body\">");
	for (size_t i = 0; i < shown_n; i++) {
		html(h,
		     "<tr class=\"utrecht-table__row\"><th class=\"utrecht-table__header-cell\" "
		     "scope=\"row\">%s</th><td class=\"utrecht-table__cell\">%lld</td>",
		     rounds[i].open
		         ? T_printf(a, PU_ROUND_OPEN_CELL, instr_day(a, rounds[i].opened_on))
		         : T_printf(a, PU_ROUND_CLOSED_CELL, instr_day(a, rounds[i].opened_on)),
		     res[i].n_answers);
		if (!res[i].shown) {
			html(
			    h,
			    "<td class=\"utrecht-table__cell kring-muted\" colspan=\"%zu\">%s</td>",
			    in->n_ingredients, T_printf(a, PU_TOO_FEW, in->min_answers));
		} else {
			for (size_t g = 0; g < in->n_ingredients; g++)
				html(h, "<td class=\"utrecht-table__cell\">%s</td>",
				     isnan(res[i].mean[g]) ? "–"
				                           : chart_num1(a, res[i].mean[g], ','));
		}
		html(h, "</tr>");
	}
	html(h, "</tbody></table></div></div>");
	/* the open answers of the newest round with results, escaped like all text */
	if (now >= 0) {
		html(h,
		     "<h3 class=\"utrecht-heading-3\">%s</h3><p class=\"utrecht-paragraph "
		     "kring-muted\">%s</p>",
		     in->open_question,
		     T_printf(a, PU_OPEN_OF, instr_day(a, rounds[now].opened_on)));
		if (res[now].n_open == 0)
			html(h, "<p class=\"utrecht-paragraph\">%s</p>", T(PU_OPEN_NONE));
		else {
			html(h, "<ul class=\"utrecht-unordered-list kring-quotes\">");
			for (size_t k = 0; k < res[now].n_open; k++)
				html(h, "<li>%s</li>", res[now].open_answers[k]);
			html(h, "</ul>");
		}
	}
	html(h, "</section>");
	return 0;
}

static int pulse_page(struct req *r, unsigned status)
{
	struct arena *a = &r->arena;
	const struct pulse_instrument *in = instrument_pulse();
	struct community c;
	int found = community_get(r->db, a, r->org_id, r->param_id, &c);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	struct pulse_round *rounds;
	size_t n;
	if (pulse_round_list(r->db, a, r->org_id, c.id, &rounds, &n) != 0)
		return HANDLER_ERROR;
	struct html h;
	const char *title = T_printf(a, PU_TITLE, c.name);
	page_begin(r, &h, title);
	html(&h,
	     "<p class=\"utrecht-paragraph kring-muted kring-noprint\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/communities/%lld\">%s</a></p>"
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     r->org_slug, c.id, T_printf(a, PU_BACK, c.name), title, T(PU_LEAD));
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "geopend") == 0)
		page_notice(&h, "ok", T(PU_OPENED));
	else if (done && strcmp(done, "gesloten") == 0)
		page_notice(&h, "ok", T(PU_CLOSED_NOTICE));
	bool any_open = false;
	for (size_t i = 0; i < n; i++)
		if (rounds[i].open) {
			open_round(r, &h, &rounds[i]);
			any_open = true;
		}
	if (!any_open && (r->role & ROLES_STAFF)) {
		html(&h,
		     "<section class=\"kring-card kring-narrow-card kring-noprint\" "
		     "aria-labelledby=\"h-pu-new\"><h2 class=\"utrecht-heading-2\" "
		     "id=\"h-pu-new\">%s</h2><p class=\"utrecht-paragraph\">%s</p>",
		     T(PU_NEW_TITLE), T(PU_NEW_HINT));
		form_begin(&h, r,
		           arena_printf(a, "/o/%s/communities/%lld/pulse", r->org_slug, c.id));
		form_end(&h, T(PU_OPEN));
		html(&h, "</section>");
	}
	if (over_time(r, &h, in, rounds, n) != 0)
		respond_section_failed(r, &h, "pulse results");
	html(&h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", in->source);
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_pulse(struct req *r)
{
	return pulse_page(r, 200);
}

int page_pulse_open(struct req *r)
{
	enum save_result rc =
	    pulse_round_open(r->db, r->org_id, r->param_id, r->person_id, NULL, NULL);
	return respond_save(r, rc,
	                    arena_printf(&r->arena, "/o/%s/communities/%lld/pulse?klaar=geopend",
	                                 r->org_slug, r->param_id));
}

int page_pulse_close(struct req *r)
{
	enum save_result rc =
	    pulse_round_close(r->db, r->org_id, r->param_id, r->param_id2, r->person_id, NULL);
	return respond_save(r, rc,
	                    arena_printf(&r->arena, "/o/%s/communities/%lld/pulse?klaar=gesloten",
	                                 r->org_slug, r->param_id));
}
