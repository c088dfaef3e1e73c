/*
 * meetlat.c - meetlat rounds: the list, opening a round, one round's page
 * (its link, closing it, the answering form or the results) and closing.
 * Answering is in meetlat_answer.c, the results in meetlat_results.c.
 */
#include <string.h>
#include <time.h>

#include "../auth/roles.h"
#include "../core/instrument.h"
#include "../core/meetlat.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "meetlat_ui.h"
#include "pages.h"

static const struct field_spec open_fields[] = {
    {.name = "title",
     .label_text = FIELD_TEXTS(F_MEETLAT_TITLE_LABEL),
     .hint_text = FIELD_TEXTS(F_MEETLAT_TITLE_HINT),
     .kind = FIELD_TEXT,
     .required = true,
     .max_len = 200},
};

/* "Meetronde november 2026", the suggested title. */
static const char *default_title(struct arena *a)
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	return T_printf(
	    a, ML_DEFAULT_TITLE,
	    arena_printf(a, "%s %d", TX(TXT_CAL_MONTH_1 + tm.tm_mon), tm.tm_year + 1900));
}

static const char *count_text(struct arena *a, long long n)
{
	if (n == 0)
		return T(ML_COUNT_NONE);
	return TN_printf(a, ML_COUNT, n, n);
}

/* ---- the list of rounds ---- */

static int list_page(struct req *r, struct form *open_form, unsigned status)
{
	const struct meetlat_instrument *cur = instrument_meetlat();
	struct ml_round *rounds;
	size_t n;
	if (meetlat_round_list(r->db, &r->arena, r->org_id, &rounds, &n) != 0)
		return HANDLER_ERROR;
	struct html h;
	page_begin(r, &h, T(ML_TITLE));
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     T(ML_TITLE), T(ML_INTRO));

	/* rounds, newest first */
	html(&h,
	     "<section aria-labelledby=\"h-rondes\"><h2 class=\"utrecht-heading-2\" "
	     "id=\"h-rondes\">%s</h2>",
	     T(ML_ROUNDS_TITLE));
	if (n == 0) {
		html(&h, "<p class=\"utrecht-paragraph\">%s</p>", T(ML_ROUNDS_NONE));
	} else {
		html(&h,
		     "<table class=\"utrecht-table kring-table kring-table--stack\"><caption "
		     "class=\"utrecht-table__caption\">%s</caption>"
		     "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th></tr></thead>"
		     "<tbody class=\"utrecht-table__body\">",
		     T(ML_ROUNDS_CAPTION), T(ML_ROUND), T(ML_STATUS), T(ML_OPENED), T(ML_RESPONSES),
		     T(ML_PHASE));
		for (size_t i = 0; i < n; i++) {
			const char *fase = "–";
			if (!rounds[i].open) {
				struct meetlat_instrument in;
				struct ml_scores sc;
				struct ml_phase ph;
				if (meetlat_round_scores(r->db, &r->arena, r->org_id, &rounds[i],
				                         &in, &sc) != 0)
					return HANDLER_ERROR;
				ml_phase(&in, &sc, &ph);
				if (ph.fase > 0)
					fase = arena_printf(&r->arena, "%d: %s", ph.fase,
					                    in.phases[ph.rule].title);
			}
			html(&h,
			     "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\">"
			     "<a class=\"utrecht-link\" href=\"/o/%s/meetlat/%lld\">%s</a></td>"
			     "<td class=\"utrecht-table__cell\" data-label=\"%s\"><span "
			     "class=\"kring-status kring-status--%s\">%s</span></td>"
			     "<td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td>"
			     "<td class=\"utrecht-table__cell\" data-label=\"%s\">%lld</td>"
			     "<td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td></tr>",
			     r->org_slug, rounds[i].id, rounds[i].title, T(ML_STATUS),
			     rounds[i].open ? "open" : "closed",
			     rounds[i].open ? T(ML_STATUS_OPEN) : T(ML_STATUS_CLOSED), T(ML_OPENED),
			     fmt_date(&r->arena, rounds[i].opened_at), T(ML_RESPONSES),
			     rounds[i].n_responses, T(ML_PHASE), fase);
		}
		html(&h, "</tbody></table>");
	}
	html(&h, "</section>");

	if (r->role & ROLES_ASSESS) {
		html(&h,
		     "<section class=\"kring-card kring-narrow-card\" aria-labelledby=\"h-open\">"
		     "<h2 class=\"utrecht-heading-2\" id=\"h-open\">%s</h2><p "
		     "class=\"utrecht-paragraph\">%s</p>",
		     T(ML_OPEN_TITLE), T(ML_OPEN_INTRO));
		struct form f;
		if (open_form) {
			f = *open_form;
		} else {
			form_init(&f, open_fields, 1);
			form_set(&f, "title", default_title(&r->arena));
		}
		form_error_summary(&h, &f);
		form_begin(&h, r, arena_printf(&r->arena, "/o/%s/meetlat", r->org_slug));
		form_field(&h, &f, "title");
		form_end(&h, T(ML_OPEN_BUTTON));
		html(&h, "</section>");
	}

	/* the method: bouwstenen and phases */
	html(&h,
	     "<div class=\"kring-grid\"><section class=\"kring-card\" aria-labelledby=\"h-bs\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-bs\">%s</h2><dl class=\"kring-defs\">",
	     T(ML_BOUWSTENEN_TITLE));
	for (size_t b = 0; b < cur->n_bouwstenen; b++)
		html(&h, "<dt>%s</dt><dd>%s</dd>", cur->bouwstenen[b].name,
		     cur->bouwstenen[b].description);
	html(&h,
	     "</dl></section><section class=\"kring-card\" aria-labelledby=\"h-fasen\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-fasen\">%s</h2><dl class=\"kring-defs\">",
	     T(ML_PHASES_TITLE));
	for (size_t p = 0; p < cur->n_phases; p++)
		html(&h, "<dt>%s</dt><dd>%s</dd>",
		     T_printf(&r->arena, ML_PHASE_TITLE, cur->phases[p].fase, cur->phases[p].title),
		     cur->phases[p].question);
	html(&h, "</dl><p class=\"utrecht-paragraph kring-muted\">%s</p></section></div>",
	     cur->source);
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_meetlat(struct req *r)
{
	return list_page(r, NULL, 200);
}

int page_meetlat_open(struct req *r)
{
	struct form f;
	if (!form_read(r, &f, open_fields, 1))
		return list_page(r, &f, 422);
	long long id = 0;
	if (meetlat_round_open(r->db, r->org_id, r->person_id, form_value(&f, "title"), 0, &id) !=
	    SAVE_OK)
		return HANDLER_ERROR;
	resp_redirect(r,
	              arena_printf(&r->arena, "/o/%s/meetlat/%lld?klaar=geopend", r->org_slug, id));
	return HANDLER_OK;
}

/* Refuses a submission plainly with a page of its own; nothing was stored. */
void mlp_refuse(struct req *r, const char *title, const char *message, const char *back,
                unsigned status)
{
	struct html h;
	page_begin(r, &h, title);
	html(&h, "<div class=\"kring-narrow\"><h1 class=\"utrecht-heading-1\">%s</h1>", title);
	page_notice(&h, status >= 500 ? "error" : "warning", message);
	if (back)
		html(&h,
		     "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
		     "href=\"%s\">%s</a></p>",
		     back, T(ML_BACK));
	html(&h, "</div>");
	page_end(r, &h, status);
}

/* ---- one round ---- */

int mlp_load_round(struct req *r, struct ml_round *round)
{
	int found = meetlat_round_get(r->db, &r->arena, r->org_id, r->param_id, round);
	if (found == 0)
		resp_error(r, 404);
	return found < 0 ? -1 : found;
}

/*
 * For who may close (ROLES_ASSESS): a way to the confirmation step, at the
 * foot of the page and away from the anonymous link, so nobody closes a
 * round by a slip while copying the link.
 */
static void close_section(struct req *r, struct html *h, const struct ml_round *round)
{
	if (!(r->role & ROLES_ASSESS))
		return;
	html(h,
	     "<section class=\"kring-card kring-narrow-card\" aria-labelledby=\"h-sluiten\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-sluiten\">%s</h2><p "
	     "class=\"utrecht-paragraph\">%s</p><p class=\"kring-actions\"><a "
	     "class=\"utrecht-button utrecht-button--secondary-action kring-button-link\" "
	     "href=\"/o/%s/meetlat/%lld/close\">%s</a></p></section>",
	     T(ML_CLOSE_TITLE), T(ML_CLOSE_INTRO), r->org_slug, round->id, T(ML_CLOSE_ASK));
}

int mlp_round_page(struct req *r, const struct ml_round *round, const struct org *org,
                   const struct given *g, unsigned status)
{
	(void)org; /* the organisation of the URL: r->org_* */
	struct arena *a = &r->arena;
	struct meetlat_instrument in;
	struct ml_scores s;
	if (meetlat_round_scores(r->db, a, r->org_id, round, &in, &s) != 0)
		return HANDLER_ERROR;
	struct html h;
	page_begin(r, &h, round->title);
	html(&h,
	     "<p class=\"utrecht-paragraph kring-crumb\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/meetlat\">%s</a></p><h1 class=\"utrecht-heading-1\">%s</h1>",
	     r->org_slug, T(ML_BACK), round->title);
	const char *done = req_query(r, "klaar");
	if (!round->open) {
		if (done && strcmp(done, "gesloten") == 0)
			page_notice(&h, "ok", T(ML_CLOSED_NOTICE));
		if (mlp_results(r, &h, round, &in, &s) != 0)
			return HANDLER_ERROR;
		page_end(r, &h, status);
		return HANDLER_OK;
	}
	if (done && strcmp(done, "geopend") == 0)
		page_notice(&h, "ok", T(ML_OPENED_NOTICE));
	else if (done && strcmp(done, "ingevuld") == 0)
		page_notice(&h, "ok", T(ML_THANKS));
	html(&h,
	     "<p class=\"utrecht-paragraph kring-lead\"><span class=\"kring-status "
	     "kring-status--open\">%s</span> %s <strong class=\"kring-count\">%s</strong> %s</p>",
	     T(ML_STATUS_OPEN), T_printf(a, ML_OPEN_SINCE, fmt_date(a, round->opened_at)),
	     count_text(a, round->n_responses), T(ML_RESULTS_WHEN_CLOSED));

	if (r->role & ROLES_ASSESS) {
		const char *host = req_header(r, "Host");
		if (host == NULL || strchr(host, '/') || strchr(host, '"'))
			host = "";
		const char *link = arena_printf(
		    a, "%s%s/m/%s",
		    host[0] ? (r->cfg && r->cfg->behind_tls ? "https://" : "http://") : "", host,
		    round->token);
		html(
		    &h,
		    "<div><section class=\"kring-card\" "
		    "aria-labelledby=\"h-link\">"
		    "<h2 class=\"utrecht-heading-2\" id=\"h-link\">%s</h2>"
		    "<div class=\"utrecht-form-field kring-field\"><p class=\"utrecht-form-label\">"
		    "<label class=\"utrecht-form-label\" for=\"anon-link\">%s</label></p>"
		    "<p class=\"utrecht-form-field-description\" id=\"anon-link-hint\">%s</p>"
		    "<input class=\"utrecht-textbox kring-link\" id=\"anon-link\" type=\"text\" "
		    "readonly value=\"%s\" aria-describedby=\"anon-link-hint\"></div></section>",
		    T(ML_LINK_TITLE), T(ML_LINK_LABEL), T(ML_LINK_HINT), link);
		html(&h, "</div>");
	}
	/*
	 * An adviseur coaches the library but does not answer as a member of
	 * its team (routes.def: ROLES_TEAM): no form, and a word on why.
	 */
	if (!(r->role & ROLES_TEAM)) {
		html(&h, "<p class=\"utrecht-paragraph\">%s</p>", T(ML_ADVISER_NO_FORM));
		close_section(r, &h, round);
		page_end(r, &h, status);
		return HANDLER_OK;
	}
	int answered = meetlat_has_answered(r->db, r->org_id, round->id, r->person_id);
	if (answered < 0)
		return HANDLER_ERROR;
	if (answered) {
		if (!(done && strcmp(done, "ingevuld") == 0))
			page_notice(&h, "ok", T(ML_ANSWERED));
	} else {
		mlp_answer_form(r, &h, &in,
		                arena_printf(a, "/o/%s/meetlat/%lld", r->org_slug, round->id),
		                round->id, g);
	}
	close_section(r, &h, round);
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_meetlat_round(struct req *r)
{
	struct ml_round round;
	int found = mlp_load_round(r, &round);
	if (found <= 0)
		return found < 0 ? HANDLER_ERROR : HANDLER_OK;
	return mlp_round_page(r, &round, NULL, NULL, 200);
}

int page_meetlat_close_confirm(struct req *r)
{
	struct ml_round round;
	int found = mlp_load_round(r, &round);
	if (found <= 0)
		return found < 0 ? HANDLER_ERROR : HANDLER_OK;
	const char *back = arena_printf(&r->arena, "/o/%s/meetlat/%lld", r->org_slug, round.id);
	if (!round.open) { /* nothing to confirm: say so, with the way to the results */
		mlp_refuse(r, round.title, T(ML_ERR_ALREADY_CLOSED), back, 200);
		return HANDLER_OK;
	}
	struct meetlat_instrument in;
	if (meetlat_instrument_of(r->db, &r->arena, &round, &in) != 0)
		return HANDLER_ERROR;
	struct html h;
	page_begin(r, &h, T(ML_CLOSE_CONFIRM_TITLE));
	html(&h,
	     "<div class=\"kring-narrow\"><p class=\"utrecht-paragraph kring-crumb\"><a "
	     "class=\"utrecht-link\" href=\"%s\">%s</a></p>"
	     "<h1 class=\"utrecht-heading-1\">%s</h1>"
	     "<p class=\"utrecht-paragraph kring-lead\"><strong>%s</strong></p>"
	     "<p class=\"utrecht-paragraph\">%s</p><p class=\"utrecht-paragraph\">%s</p>",
	     back, round.title, T(ML_CLOSE_CONFIRM_TITLE), count_text(&r->arena, round.n_responses),
	     T(ML_CLOSE_INTRO), T_printf(&r->arena, ML_CLOSE_CONFIRM_MIN, in.min_group));
	form_begin(&h, r,
	           arena_printf(&r->arena, "/o/%s/meetlat/%lld/close", r->org_slug, round.id));
	form_end(&h, T(ML_CLOSE_BUTTON));
	html(
	    &h,
	    "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"%s\">%s</a></p></div>",
	    back, T(ML_CLOSE_NOT_YET));
	page_end(r, &h, 200);
	return HANDLER_OK;
}

int page_meetlat_close(struct req *r)
{
	enum save_result rc = meetlat_round_close(r->db, r->org_id, r->person_id, r->param_id, 0);
	if (rc == SAVE_NOT_FOUND) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	if (rc == SAVE_REFUSED) {
		struct ml_round round;
		int found = mlp_load_round(r, &round);
		if (found <= 0)
			return found < 0 ? HANDLER_ERROR : HANDLER_OK;
		mlp_refuse(r, round.title, T(ML_ERR_ALREADY_CLOSED),
		           arena_printf(&r->arena, "/o/%s/meetlat/%lld", r->org_slug, round.id),
		           409);
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	resp_redirect(r, arena_printf(&r->arena, "/o/%s/meetlat/%lld?klaar=gesloten", r->org_slug,
	                              r->param_id));
	return HANDLER_OK;
}
