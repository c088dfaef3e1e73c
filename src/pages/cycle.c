/*
 * cycle.c - a community's place in Lankes's knowledge cycle (M7, issue
 * 11b): the current stage with its evidence, a form to record a move (on,
 * back, or a new note in the same stage), the four conditions with their
 * current rating and a form to rate one, and the history of both. Staff and
 * the community's ambassadeurs write; an adviser reads.
 */
#include <string.h>

#include "../auth/roles.h"
#include "../core/community.h"
#include "../core/cycle.h"
#include "../core/vocab.h"
#include "../i18n/text.h"
#include "../util/clock.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "pages.h"
#include "plan_ui.h"
#include "respond.h"

#define N_MOVE_FIELDS 3
#define N_RATE_FIELDS 4

static void move_specs(struct field_spec *s)
{
	s[0] = (struct field_spec){.name = "stage",
	                           .label = T(CY_STAGE),
	                           .kind = FIELD_RADIO,
	                           .required = true,
	                           .options = cycle_stages,
	                           .option_labels = T_ROW(CY_STAGE_ACTIVITY),
	                           .option_hints = T_ROW(CY_STAGE_HINT_ACTIVITY)};
	s[1] = (struct field_spec){.name = "since_on",
	                           .label = T(CY_SINCE_ON),
	                           .kind = FIELD_DATE,
	                           .required = true,
	                           .max_len = 10};
	s[2] = (struct field_spec){.name = "note",
	                           .label = T(CY_NOTE),
	                           .hint = T(CY_NOTE_HINT),
	                           .kind = FIELD_TEXTAREA,
	                           .max_len = CYCLE_NOTE_MAX,
	                           .rows = 3};
}

static void rate_specs(struct field_spec *s)
{
	s[0] = (struct field_spec){.name = "condition",
	                           .label = T(CY_RATE_COND),
	                           .kind = FIELD_SELECT,
	                           .required = true,
	                           .options = cycle_conditions,
	                           .option_labels = T_ROW(CY_COND_ACCESS)};
	s[1] = (struct field_spec){.name = "rating",
	                           .label = T(CY_RATE_RATING),
	                           .kind = FIELD_RADIO,
	                           .required = true,
	                           .options = cycle_ratings,
	                           .option_labels = T_ROW(CY_RATING_WEAK)};
	s[2] = (struct field_spec){.name = "rated_on",
	                           .label = T(CY_RATE_ON),
	                           .kind = FIELD_DATE,
	                           .required = true,
	                           .max_len = 10};
	s[3] = (struct field_spec){.name = "note",
	                           .label = T(CY_RATE_NOTE),
	                           .kind = FIELD_TEXTAREA,
	                           .max_len = CYCLE_NOTE_MAX,
	                           .rows = 2};
}

/* "Sascha" or "Fatima (ambassadeur)"; "" when unknown. */
static const char *who_name(struct req *r, const char *who, bool is_amb)
{
	return is_amb && who[0] ? T_printf(&r->arena, SF_OWNER_AMB, who) : who;
}

/* The cycle as an ordered list, the current stage marked. */
static void stage_ring(struct req *r, struct html *h, const struct cycle_move *cur, int has)
{
	html(h, "<ol class=\"kring-cycle\">");
	for (int k = 0; cycle_stages[k]; k++) {
		bool now = has == 1 && strcmp(cur->stage, cycle_stages[k]) == 0;
		html(h, "<li class=\"kring-cycle__stage%s\"",
		     now ? " kring-cycle__stage--now" : "");
		html_attr(h, "aria-current", now ? "step" : NULL);
		html(h, "><strong>%s</strong>", TX(TXT_CY_STAGE_ACTIVITY + k));
		if (now)
			html(h, " <span class=\"kring-badge\">%s</span>", T(CY_NOW));
		html(h, "<span class=\"kring-small kring-muted\">%s</span></li>",
		     TX(TXT_CY_STAGE_HINT_ACTIVITY + k));
	}
	html(h, "</ol>");
	(void)r;
}

static void conditions_table(struct req *r, struct html *h, const struct cycle_rating *v, size_t n)
{
	html(h,
	     "<table class=\"utrecht-table kring-table kring-table--stack\"><thead><tr>"
	     "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	     "<th scope=\"col\">%s</th></tr></thead><tbody>",
	     T(CY_COND_COL), T(CY_COND_NOW), T(CY_COL_NOTE), T(CY_COL_DATE));
	for (int k = 0; cycle_conditions[k]; k++) {
		const struct cycle_rating *now = NULL;
		for (size_t i = 0; i < n && !now; i++) /* newest first: the first is current */
			if (strcmp(v[i].kind, cycle_conditions[k]) == 0)
				now = &v[i];
		html(h, "<tr><th scope=\"row\">%s<span class=\"kring-cycle__hint\">%s</span></th>",
		     TX(TXT_CY_COND_ACCESS + k), TX(TXT_CY_COND_HINT_ACCESS + k));
		if (now)
			html(h,
			     "<td data-label=\"%s\"><span class=\"kring-badge "
			     "kring-rating--%s\">%s</span>"
			     "</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td></tr>",
			     T(CY_COND_NOW), now->rating, cycle_rating_label(now->rating),
			     T(CY_COL_NOTE), now->note, T(CY_COL_DATE),
			     ui_date(&r->arena, now->rated_on));
		else
			html(h,
			     "<td data-label=\"%s\" "
			     "class=\"kring-muted\">%s</td><td></td><td></td></tr>",
			     T(CY_COND_NOW), T(CY_NOT_RATED));
	}
	html(h, "</tbody></table>");
}

/* The page; move and rate (may be NULL) are forms as typed, with errors. */
static int cycle_page(struct req *r, struct form *move, struct form *rate, unsigned status)
{
	struct community c;
	int found = community_get(r->db, &r->arena, r->org_id, r->param_id, &c);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	struct cycle_move *hist;
	struct cycle_rating *rates;
	size_t n_hist, n_rates;
	if (cycle_history(r->db, &r->arena, r->org_id, c.id, &hist, &n_hist) != 0 ||
	    cycle_rating_list(r->db, &r->arena, r->org_id, c.id, &rates, &n_rates) != 0)
		return HANDLER_ERROR;
	char today[16];
	clock_today(today);
	bool can_write = (r->role & ROLES_EDIT) != 0;
	struct html h;
	page_begin(r, &h, arena_printf(&r->arena, "%s: %s", T(CY_TITLE), c.name));
	html(&h,
	     "<nav class=\"kring-crumbs\" aria-label=\"%s\"><a class=\"utrecht-link\" "
	     "href=\"%s\">%s</a></nav><h1 class=\"utrecht-heading-1\">%s</h1>"
	     "<p class=\"utrecht-paragraph kring-lead\">%s</p>",
	     T(CRUMBS_LABEL), plan_community_url(r, c.id, ""), ui_short(&r->arena, c.name, 80),
	     T_printf(&r->arena, CY_HEADING, c.name), T(CY_LEAD));
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "fase") == 0)
		page_notice(&h, "ok", T(CY_SAVED));
	else if (done && strcmp(done, "voorwaarde") == 0)
		page_notice(&h, "ok", T(CY_RATED));

	/* where it is now */
	html(&h,
	     "<section class=\"kring-card\" id=\"fase\" aria-labelledby=\"h-fase\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-fase\">%s</h2>",
	     T(CY_NOW_TITLE));
	int has = n_hist > 0;
	stage_ring(r, &h, has ? &hist[0] : NULL, has);
	if (has) {
		html(&h, "<p class=\"utrecht-paragraph\"><strong>%s</strong> %s</p>",
		     cycle_stage_label(hist[0].stage),
		     T_printf(&r->arena, CY_SINCE, ui_date(&r->arena, hist[0].since_on),
		              hist[0].round));
		if (hist[0].note[0])
			html(&h, "<p class=\"utrecht-paragraph kring-pre\">%s</p>", hist[0].note);
	} else {
		html(&h, "<p class=\"utrecht-paragraph\">%s</p>", T(CY_NONE));
	}
	if (can_write) {
		struct field_spec specs[N_MOVE_FIELDS];
		struct form f0;
		if (move == NULL) {
			move_specs(specs);
			form_init(&f0, specs, N_MOVE_FIELDS);
			/* the next stage, round again after impact */
			int k = has ? vocab_index(cycle_stages, hist[0].stage) + 1 : 0;
			form_set(&f0, "stage", cycle_stages[k < 4 ? k : 0]);
			form_set(&f0, "since_on", today);
			move = &f0;
		}
		move->id_prefix = "fase-";
		html(&h,
		     "<details class=\"kring-details kring-noprint\"%s><summary>%s</summary>"
		     "<p class=\"utrecht-paragraph kring-small\">%s</p>",
		     status != 200 && move->n_errors ? " open" : "", T(CY_MOVE_TITLE),
		     T(CY_MOVE_INTRO));
		form_error_summary(&h, move);
		form_begin(&h, r, plan_community_url(r, c.id, "/cycle"));
		form_field(&h, move, "stage");
		form_field(&h, move, "since_on");
		form_field(&h, move, "note");
		form_end(&h, T(CY_MOVE_SAVE));
		html(&h, "</details>");
	} else {
		html(&h, "<p class=\"utrecht-paragraph kring-small kring-muted\">%s</p>",
		     T(CY_CANNOT));
	}
	html(&h, "</section>");

	/* the four conditions */
	html(&h,
	     "<section class=\"kring-card\" id=\"voorwaarden\" aria-labelledby=\"h-voorwaarden\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-voorwaarden\">%s</h2>"
	     "<p class=\"utrecht-paragraph\">%s</p>",
	     T(CY_COND_TITLE), T(CY_COND_INTRO));
	conditions_table(r, &h, rates, n_rates);
	if (can_write) {
		struct field_spec specs[N_RATE_FIELDS];
		struct form f1;
		if (rate == NULL) {
			rate_specs(specs);
			form_init(&f1, specs, N_RATE_FIELDS);
			form_set(&f1, "rated_on", today);
			rate = &f1;
		}
		rate->id_prefix = "voorwaarde-";
		html(&h, "<details class=\"kring-details kring-noprint\"%s><summary>%s</summary>",
		     status != 200 && rate->n_errors ? " open" : "", T(CY_RATE_TITLE));
		form_error_summary(&h, rate);
		form_begin(&h, r, plan_community_url(r, c.id, "/cycle/conditions"));
		form_field(&h, rate, "condition");
		form_field(&h, rate, "rating");
		form_field(&h, rate, "rated_on");
		form_field(&h, rate, "note");
		form_end(&h, T(CY_RATE_SAVE));
		html(&h, "</details>");
	}
	html(&h, "<h3 class=\"utrecht-heading-3\">%s</h3>", T(CY_RATE_HISTORY));
	if (n_rates == 0) {
		html(&h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>",
		     T(CY_RATE_HISTORY_NONE));
	} else {
		html(&h,
		     "<table class=\"utrecht-table kring-table kring-table--stack\"><thead><tr>"
		     "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		     "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		     T(CY_COL_DATE), T(CY_COND_COL), T(CY_RATE_RATING), T(CY_COL_NOTE),
		     T(CY_COL_WHO));
		for (size_t i = 0; i < n_rates; i++)
			html(&h,
			     "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
			     "<td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
			     "<td data-label=\"%s\">%s</td></tr>",
			     T(CY_COL_DATE), ui_date(&r->arena, rates[i].rated_on), T(CY_COND_COL),
			     cycle_condition_label(rates[i].kind), T(CY_RATE_RATING),
			     cycle_rating_label(rates[i].rating), T(CY_COL_NOTE), rates[i].note,
			     T(CY_COL_WHO), who_name(r, rates[i].who, rates[i].who_is_amb));
		html(&h, "</tbody></table>");
	}
	html(&h, "</section>");

	/* the history of the cycle */
	html(&h,
	     "<section class=\"kring-card\" id=\"verloop\" aria-labelledby=\"h-verloop\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-verloop\">%s</h2>",
	     T(CY_HISTORY_TITLE));
	if (n_hist == 0) {
		html(&h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(CY_HISTORY_NONE));
	} else {
		html(&h,
		     "<table class=\"utrecht-table kring-table kring-table--stack\"><thead><tr>"
		     "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		     "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		     T(CY_COL_DATE), T(CY_STAGE), T(CY_COL_ROUND), T(CY_COL_NOTE), T(CY_COL_WHO));
		for (size_t i = 0; i < n_hist; i++)
			html(&h,
			     "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
			     "<td data-label=\"%s\">%lld</td><td data-label=\"%s\">%s</td>"
			     "<td data-label=\"%s\">%s</td></tr>",
			     T(CY_COL_DATE), ui_date(&r->arena, hist[i].since_on), T(CY_STAGE),
			     cycle_stage_label(hist[i].stage), T(CY_COL_ROUND), hist[i].round,
			     T(CY_COL_NOTE), hist[i].note, T(CY_COL_WHO),
			     who_name(r, hist[i].who, hist[i].who_is_amb));
		html(&h, "</tbody></table>");
	}
	html(&h, "</section>");
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_cycle(struct req *r)
{
	return cycle_page(r, NULL, NULL, 200);
}

int page_cycle_move(struct req *r)
{
	struct field_spec specs[N_MOVE_FIELDS];
	move_specs(specs);
	struct form f;
	bool ok = form_read(r, &f, specs, N_MOVE_FIELDS);
	char today[16];
	clock_today(today);
	const char *since = form_value(&f, "since_on");
	if (ok && strcmp(since, today) > 0) {
		form_error(&f, "since_on", T(CY_FUTURE));
		ok = false;
	}
	if (!ok)
		return cycle_page(r, &f, NULL, 422);
	enum save_result rc = cycle_move_to(r->db, r->org_id, r->person_id, r->param_id,
	                                    form_value(&f, "stage"), since, form_value(&f, "note"));
	return respond_save(r, rc, plan_community_url(r, r->param_id, "/cycle?klaar=fase#fase"));
}

int page_cycle_rate(struct req *r)
{
	struct field_spec specs[N_RATE_FIELDS];
	rate_specs(specs);
	struct form f;
	bool ok = form_read(r, &f, specs, N_RATE_FIELDS);
	char today[16];
	clock_today(today);
	const char *on = form_value(&f, "rated_on");
	if (ok && strcmp(on, today) > 0) {
		form_error(&f, "rated_on", T(CY_FUTURE));
		ok = false;
	}
	if (!ok)
		return cycle_page(r, NULL, &f, 422);
	enum save_result rc =
	    cycle_rate(r->db, r->org_id, r->person_id, r->param_id, form_value(&f, "condition"),
	               form_value(&f, "rating"), on, form_value(&f, "note"));
	return respond_save(
	    r, rc, plan_community_url(r, r->param_id, "/cycle?klaar=voorwaarde#voorwaarden"));
}
