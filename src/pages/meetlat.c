/*
 * meetlat.c - meetlat rounds: the list, opening and closing, answering
 * (with an account or anonymously by link), and the results of a closed
 * round: scores per bouwsteen and role group, radar chart with the
 * previous round, the fase with why, and the support advice.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../auth/roles.h"
#include "../core/instrument.h"
#include "../core/meetlat.h"
#include "../i18n/text.h"
#include "../web/chart.h"
#include "../web/layout.h"
#include "pages.h"

static const struct field_spec open_fields[] = {
    {.name = "title",
     .label = "Naam van de ronde",
     .hint = "Bijvoorbeeld: meetlat voorjaar 2026, of: nulmeting voor het nieuwe beleidsplan.",
     .kind = FIELD_TEXT,
     .required = true,
     .max_len = 200},
};

#define COMMENT_MAX 2000

static const char *const month_names[] = {"januari",   "februari", "maart",    "april",
                                          "mei",       "juni",     "juli",     "augustus",
                                          "september", "oktober",  "november", "december"};

/* "Meetronde november 2026", the suggested title. */
static const char *default_title(struct arena *a)
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	return arena_printf(a, T(ML_DEFAULT_TITLE),
	                    arena_printf(a, "%s %d", month_names[tm.tm_mon], tm.tm_year + 1900));
}

static const char *fmt1(struct arena *a, double x)
{
	char buf[8];
	return arena_strdup(a, ml_fmt1(buf, x));
}

static const char *count_text(struct arena *a, long long n)
{
	if (n == 0)
		return T(ML_COUNT_NONE);
	if (n == 1)
		return T(ML_COUNT_ONE);
	return arena_printf(a, T(ML_COUNT), n);
}

/* ---- the list of rounds ---- */

static void list_page(struct req *r, struct form *open_form, unsigned status)
{
	const struct meetlat_instrument *cur = instrument_meetlat();
	struct ml_round *rounds;
	size_t n;
	if (meetlat_round_list(r->db, &r->arena, r->org_id, &rounds, &n) != 0) {
		resp_error(r, 500);
		return;
	}
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
		     "<table class=\"utrecht-table kring-table\"><caption "
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
				                         &in, &sc) != 0) {
					resp_error(r, 500);
					return;
				}
				ml_phase(&in, &sc, &ph);
				if (ph.fase > 0)
					fase = arena_printf(&r->arena, "%d: %s", ph.fase,
					                    in.phases[ph.rule].title);
			}
			html(&h,
			     "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\">"
			     "<a class=\"utrecht-link\" href=\"/o/%s/meetlat/%lld\">%s</a></td>"
			     "<td class=\"utrecht-table__cell\"><span class=\"kring-status "
			     "kring-status--%s\">%s</span></td>"
			     "<td class=\"utrecht-table__cell\">%s</td>"
			     "<td class=\"utrecht-table__cell\">%lld</td>"
			     "<td class=\"utrecht-table__cell\">%s</td></tr>",
			     r->org_slug, rounds[i].id, rounds[i].title,
			     rounds[i].open ? "open" : "closed",
			     rounds[i].open ? T(ML_STATUS_OPEN) : T(ML_STATUS_CLOSED),
			     fmt_date(&r->arena, rounds[i].opened_at), rounds[i].n_responses, fase);
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
		     arena_printf(&r->arena, T(ML_PHASE_TITLE), cur->phases[p].fase,
		                  cur->phases[p].title),
		     cur->phases[p].question);
	html(&h, "</dl><p class=\"utrecht-paragraph kring-muted\">%s</p></section></div>",
	     cur->source);
	page_end(r, &h, status);
}

int page_meetlat(struct req *r)
{
	list_page(r, NULL, 200);
	return HANDLER_OK;
}

int page_meetlat_open(struct req *r)
{
	struct form f;
	if (!form_read(r, &f, open_fields, 1)) {
		list_page(r, &f, 422);
		return HANDLER_OK;
	}
	long long id = 0;
	if (meetlat_round_open(r->db, r->org_id, r->person_id, form_value(&f, "title"), 0, &id) !=
	    SAVE_OK)
		return HANDLER_ERROR;
	resp_redirect(r,
	              arena_printf(&r->arena, "/o/%s/meetlat/%lld?klaar=geopend", r->org_slug, id));
	return HANDLER_OK;
}

/* ---- answering ---- */

/* What a respondent sent, and what is wrong with it. */
struct given {
	struct ml_submission s;
	bool group_missing;
	bool off_scale;
	bool comment_long;
	bool empty;
	bool present[ML_MAX_BOUWSTENEN][ML_MAX_STATEMENTS]; /* a choice was sent */
};

/*
 * Reads the form: "group", "s_<statement>" (0 = weet ik niet, or a point on
 * the scale) and "c_<bouwsteen>". Returns true when it can be stored.
 */
static bool read_given(struct req *r, const struct meetlat_instrument *in, struct given *g)
{
	memset(g, 0, sizeof(*g));
	const char *group = req_form(r, "group");
	if (group == NULL || ml_find_group(in, group) < 0)
		g->group_missing = true;
	else
		g->s.group = group;
	g->s.nonce = req_form(r, "nonce");
	int answered = 0;
	for (size_t b = 0; b < in->n_bouwstenen; b++) {
		const struct ml_bouwsteen *bs = &in->bouwstenen[b];
		for (size_t k = 0; k < bs->n_statements; k++) {
			const char *v =
			    req_form(r, arena_printf(&r->arena, "s_%s", bs->statements[k].id));
			if (v == NULL || v[0] == '\0')
				continue;
			char *end;
			long x = strtol(v, &end, 10);
			if (*end != '\0' || end == v ||
			    (x != 0 && (x < in->scale_min || x > in->scale_max))) {
				g->off_scale = true;
				continue;
			}
			g->present[b][k] = true;
			g->s.values[b][k] = (int)x;
			answered += x != 0;
		}
		const char *c = req_form(r, arena_printf(&r->arena, "c_%s", bs->id));
		if (c && strlen(c) > COMMENT_MAX * 4)
			g->comment_long = true;
		g->s.comments[b] = c;
	}
	g->empty = answered == 0 && !g->off_scale;
	return !g->group_missing && !g->off_scale && !g->comment_long && !g->empty;
}

/* The answering form; g holds what was sent before (or NULL). */
static void answer_form(struct req *r, struct html *h, const struct meetlat_instrument *in,
                        const char *action, long long round_id, const struct given *g)
{
	const char *nonce = g && g->s.nonce && meetlat_token_plausible(g->s.nonce)
	                        ? g->s.nonce
	                        : meetlat_new_token(&r->arena);
	html(h,
	     "<section class=\"kring-answer\" aria-labelledby=\"h-invullen\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-invullen\">%s</h2><p "
	     "class=\"utrecht-paragraph\">%s</p>",
	     T(ML_FORM_TITLE), T(ML_FORM_INTRO));
	if (g && (g->group_missing || g->off_scale || g->empty || g->comment_long)) {
		html(h,
		     "<div class=\"utrecht-alert utrecht-alert--error kring-error-summary\" "
		     "role=\"alert\"><h3 class=\"utrecht-heading-3\">%s</h3>"
		     "<ul class=\"utrecht-unordered-list\">",
		     T(FORM_ERRORS_TITLE));
		if (g->group_missing)
			html(h, "<li><a class=\"utrecht-link\" href=\"#groep\">%s</a></li>",
			     T(ML_ERR_GROUP));
		if (g->off_scale)
			html(h, "<li>%s</li>", T(ML_ERR_SCALE));
		if (g->empty)
			html(h, "<li>%s</li>", T(ML_ERR_EMPTY));
		if (g->comment_long)
			html(h, "<li>%s</li>", T(ML_ERR_COMMENT_LONG));
		html(h, "</ul></div>");
	}
	form_begin(h, r, action);
	html(h,
	     "<input type=\"hidden\" name=\"ronde\" value=\"%lld\">"
	     "<input type=\"hidden\" name=\"nonce\" value=\"%s\">",
	     round_id, nonce);
	/* role group */
	html(h,
	     "<fieldset class=\"utrecht-form-fieldset kring-choice kring-card%s\" id=\"groep\">"
	     "<legend class=\"utrecht-form-fieldset__legend\">%s</legend>"
	     "<p class=\"utrecht-form-field-description\">%s</p>",
	     g && g->group_missing ? " kring-choice--invalid" : "", T(ML_GROUP_LEGEND),
	     T(ML_GROUP_HINT));
	if (g && g->group_missing)
		html(h, "<p class=\"utrecht-form-field-error-message\">%s</p>", T(ML_ERR_GROUP));
	html(h, "<div class=\"kring-choice__options\">");
	for (size_t i = 0; i < in->n_groups; i++)
		html(h,
		     "<label class=\"kring-radio\"><input type=\"radio\" name=\"group\" "
		     "value=\"%s\"%s> %s</label>",
		     in->groups[i].id,
		     g && g->s.group && strcmp(g->s.group, in->groups[i].id) == 0 ? " checked" : "",
		     in->groups[i].label);
	html(h, "</div></fieldset>");

	for (size_t b = 0; b < in->n_bouwstenen; b++) {
		const struct ml_bouwsteen *bs = &in->bouwstenen[b];
		html(h,
		     "<section class=\"kring-card kring-bouwsteen\" aria-labelledby=\"h-bs-%s\">"
		     "<h3 class=\"utrecht-heading-3\" id=\"h-bs-%s\">%zu. %s</h3>"
		     "<p class=\"utrecht-paragraph kring-muted\">%s</p>",
		     bs->id, bs->id, b + 1, bs->name, bs->description);
		for (size_t k = 0; k < bs->n_statements; k++) {
			const struct ml_statement *st = &bs->statements[k];
			html(h,
			     "<fieldset class=\"utrecht-form-fieldset kring-statement\">"
			     "<legend class=\"utrecht-form-fieldset__legend\">%s</legend>"
			     "<div class=\"kring-scale\">",
			     st->text);
			bool sent = g && g->present[b][k];
			for (int v = in->scale_min; v <= in->scale_max; v++)
				html(h,
				     "<label class=\"kring-scale__option\"><input type=\"radio\" "
				     "name=\"s_%s\" value=\"%d\"%s><span>%s</span></label>",
				     st->id, v, sent && g->s.values[b][k] == v ? " checked" : "",
				     in->scale_labels[v - in->scale_min]);
			html(h,
			     "<label class=\"kring-scale__option kring-scale__option--dk\"><input "
			     "type=\"radio\" name=\"s_%s\" value=\"0\"%s><span>%s</span></label>"
			     "</div></fieldset>",
			     st->id, sent && g->s.values[b][k] == 0 ? " checked" : "",
			     in->dont_know);
		}
		const char *c = g && g->s.comments[b] ? g->s.comments[b] : "";
		html(
		    h,
		    "<div class=\"utrecht-form-field kring-field\"><p class=\"utrecht-form-label\">"
		    "<label class=\"utrecht-form-label\" for=\"c_%s\">%s <span "
		    "class=\"kring-optional\">%s</span></label></p>"
		    "<textarea class=\"utrecht-textarea\" id=\"c_%s\" name=\"c_%s\" "
		    "rows=\"2\">%s</textarea></div></section>",
		    bs->id, arena_printf(&r->arena, T(ML_COMMENT_LABEL), bs->name),
		    T(FORM_OPTIONAL), bs->id, bs->id, c);
	}
	form_end(h, T(ML_SUBMIT));
	html(h, "</section>");
}

/* Refuses a submission plainly with a page of its own; nothing was stored. */
static void refuse(struct req *r, const char *title, const char *message, const char *back,
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
		         : arena_printf(a, T(ML_WHY_MISSING), in->bouwstenen[ph->missing].name));
		html(h, "</section>");
		return;
	}
	const struct ml_phase_rule *rule = &in->phases[ph->rule];
	html(h,
	     "<p class=\"kring-phase__badge\" aria-hidden=\"true\">%d</p>"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-fase\">%s</h2>"
	     "<p class=\"utrecht-paragraph kring-phase__question\">%s</p>"
	     "<h3 class=\"utrecht-heading-3\">%s</h3><p class=\"utrecht-paragraph\">%s ",
	     ph->fase, arena_printf(a, T(ML_PHASE_TITLE), ph->fase, rule->title), rule->question,
	     T(ML_WHY_TITLE),
	     arena_printf(a, T(ML_WHY_NUMBERS), fmt1(a, ph->overall),
	                  in->bouwstenen[ph->lowest].name, fmt1(a, s->all[ph->lowest].mean)));
	if (ph->rule == 0)
		html(h, "%s", arena_printf(a, T(ML_WHY_RULE_FIRST), rule->fase));
	else
		html(h, "%s",
		     arena_printf(a, T(ML_WHY_RULE), rule->fase, fmt1(a, rule->min_each),
		                  fmt1(a, rule->min_mean)));
	if (ph->next >= 0) {
		const struct ml_phase_rule *nx = &in->phases[ph->next];
		html(h, " %s %s",
		     arena_printf(a, T(ML_WHY_NEXT), nx->fase, fmt1(a, nx->min_each),
		                  fmt1(a, nx->min_mean)),
		     ph->next_short_each && ph->next_short_mean ? T(ML_WHY_SHORT_BOTH)
		     : ph->next_short_each                      ? T(ML_WHY_SHORT_EACH)
		                                                : T(ML_WHY_SHORT_MEAN));
	} else {
		html(h, " %s", T(ML_WHY_TOP));
	}
	html(h, "</p></section>");
}

/* Writes the results of a closed round. 0, or -1 on a database error. */
static int results(struct req *r, struct html *h, const struct ml_round *round,
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
	     arena_printf(a, T(ML_CLOSED_META), fmt_date(a, round->closed_at), round->n_responses,
	                  round->instrument_version));
	phase_block(r, h, in, s, &ph);

	/* chart and table with the same numbers */
	struct buf desc;
	buf_init(&desc, a);
	for (size_t b = 0; b < in->n_bouwstenen; b++) {
		if (b)
			buf_puts(&desc, "; ");
		buf_puts(&desc,
		         arena_printf(a, T(ML_CHART_DESC_NOW), in->bouwstenen[b].name,
		                      isnan(now_v[b]) ? T(ML_NO_ANSWERS) : fmt1(a, now_v[b])));
		if (has_prev && !isnan(prev_v[b]))
			buf_puts(&desc,
			         arena_printf(a, T(ML_CHART_DESC_BEFORE), fmt1(a, prev_v[b])));
	}
	buf_puts(&desc, ".");
	struct chart_series series[2] = {
	    {T(ML_CHART_THIS), now_v, "now"},
	    {has_prev ? arena_printf(a, T(ML_CHART_PREV), prev.title) : "", prev_v, "before"},
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
	const char *caption = arena_printf(a, T(ML_TABLE_CAPTION), in->scale_min, in->scale_max);
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
			     fmt1(a, st->mean), fmt1(a, st->sd), st->n);
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
				     isnan(prev_v[b]) ? "–" : fmt1(a, prev_v[b]));
			} else {
				long d = lround(st->mean * 10) - lround(prev_v[b] * 10);
				html(h,
				     "<td class=\"utrecht-table__cell\">%s</td>"
				     "<td class=\"utrecht-table__cell\">%s%s <span "
				     "class=\"kring-sr\">(%s)</span></td>",
				     fmt1(a, prev_v[b]),
				     d > 0   ? "+"
				     : d < 0 ? "−"
				             : "",
				     fmt1(a, fabs((double)d) / 10),
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

	/* per role group */
	html(h,
	     "<section aria-labelledby=\"h-groepen\"><h2 class=\"utrecht-heading-2\" "
	     "id=\"h-groepen\">%s</h2><p class=\"utrecht-paragraph\">%s</p>"
	     "<div class=\"kring-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"%s\">"
	     "<table class=\"utrecht-table kring-table kring-num\">"
	     "<caption class=\"utrecht-table__caption\">%s</caption>"
	     "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>",
	     T(ML_GROUPS_TITLE), T(ML_GROUPS_INTRO), T(ML_GROUPS_CAPTION), T(ML_GROUPS_CAPTION),
	     T(ML_BOUWSTEEN));
	for (size_t g = 0; g < in->n_groups; g++)
		html(h, "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s (%d)</th>",
		     in->groups[g].label, s->n_group[g]);
	html(h, "</tr></thead><tbody class=\"utrecht-table__body\">");
	for (size_t b = 0; b < in->n_bouwstenen; b++) {
		double lo = 1e9, hi = -1e9;
		for (size_t g = 0; g < in->n_groups; g++)
			if (s->group[g][b].n) {
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
			if (st->n)
				html(h, "<td class=\"utrecht-table__cell\">%s (%d)</td>",
				     fmt1(a, st->mean), st->n);
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
	     T(ML_ADVICE_TITLE), arena_printf(a, T(ML_ADVICE_INTRO), fmt1(a, in->weak_below)));
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
		     bs->id, bs->id, bs->name, fmt1(a, s->all[b].mean), T(ML_ADVICE_SUPPORT));
		for (size_t k = 0; k < bs->n_support; k++) {
			const struct ml_support *sp = &in->support[bs->support[k]];
			html(h, "<li><strong>%s</strong>: %s</li>", sp->label, sp->text);
		}
		html(h, "</ul><h4 class=\"kring-h4\">%s</h4><ol class=\"utrecht-ordered-list\">",
		     T(ML_ADVICE_STEPS));
		for (size_t k = 0; k < bs->n_steps; k++)
			html(h, "<li>%s</li>", bs->steps[k]);
		html(h, "</ol></article>");
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
		     arena_printf(a, T(ML_COMMENTS_TITLE), n_cm));
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
				int g = ml_find_group(in, cm[i].group);
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

/* ---- one round ---- */

/* Loads the round of the URL; 1, or 0 after answering 404 / 500. */
static int load_round(struct req *r, struct ml_round *round)
{
	int found = meetlat_round_get(r->db, &r->arena, r->org_id, r->param_id, round);
	if (found < 0) {
		resp_error(r, 500);
		return 0;
	}
	if (found == 0) {
		resp_error(r, 404);
		return 0;
	}
	return 1;
}

static void round_page(struct req *r, const struct ml_round *round, const struct org *org,
                       const struct given *g, unsigned status)
{
	(void)org; /* the organisation of the URL: r->org_* */
	struct arena *a = &r->arena;
	struct meetlat_instrument in;
	struct ml_scores s;
	if (meetlat_round_scores(r->db, a, r->org_id, round, &in, &s) != 0) {
		resp_error(r, 500);
		return;
	}
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
		if (results(r, &h, round, &in, &s) != 0) {
			resp_error(r, 500);
			return;
		}
		page_end(r, &h, status);
		return;
	}
	if (done && strcmp(done, "geopend") == 0)
		page_notice(&h, "ok", T(ML_OPENED_NOTICE));
	else if (done && strcmp(done, "ingevuld") == 0)
		page_notice(&h, "ok", T(ML_THANKS));
	html(&h,
	     "<p class=\"utrecht-paragraph kring-lead\"><span class=\"kring-status "
	     "kring-status--open\">%s</span> %s <strong class=\"kring-count\">%s</strong> %s</p>",
	     T(ML_STATUS_OPEN), arena_printf(a, T(ML_OPEN_SINCE), fmt_date(a, round->opened_at)),
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
		    "<div class=\"kring-grid\"><section class=\"kring-card\" "
		    "aria-labelledby=\"h-link\">"
		    "<h2 class=\"utrecht-heading-2\" id=\"h-link\">%s</h2>"
		    "<div class=\"utrecht-form-field kring-field\"><p class=\"utrecht-form-label\">"
		    "<label class=\"utrecht-form-label\" for=\"anon-link\">%s</label></p>"
		    "<p class=\"utrecht-form-field-description\" id=\"anon-link-hint\">%s</p>"
		    "<input class=\"utrecht-textbox kring-link\" id=\"anon-link\" type=\"text\" "
		    "readonly value=\"%s\" aria-describedby=\"anon-link-hint\"></div></section>",
		    T(ML_LINK_TITLE), T(ML_LINK_LABEL), T(ML_LINK_HINT), link);
		html(&h,
		     "<section class=\"kring-card\" aria-labelledby=\"h-sluiten\">"
		     "<h2 class=\"utrecht-heading-2\" id=\"h-sluiten\">%s</h2><p "
		     "class=\"utrecht-paragraph\">%s</p>",
		     T(ML_CLOSE_TITLE), T(ML_CLOSE_INTRO));
		form_begin(&h, r,
		           arena_printf(a, "/o/%s/meetlat/%lld/close", r->org_slug, round->id));
		form_end(&h, T(ML_CLOSE_BUTTON));
		html(&h, "</section></div>");
	}
	int answered = meetlat_has_answered(r->db, r->org_id, round->id, r->person_id);
	if (answered < 0) {
		resp_error(r, 500);
		return;
	}
	if (answered) {
		if (!(done && strcmp(done, "ingevuld") == 0))
			page_notice(&h, "ok", T(ML_ANSWERED));
	} else {
		answer_form(r, &h, &in,
		            arena_printf(a, "/o/%s/meetlat/%lld", r->org_slug, round->id),
		            round->id, g);
	}
	page_end(r, &h, status);
}

int page_meetlat_round(struct req *r)
{
	struct ml_round round;
	if (load_round(r, &round))
		round_page(r, &round, NULL, NULL, 200);
	return HANDLER_OK;
}

/*
 * Stores a submission for round (org from the context), or answers with
 * the plain refusal. back is where the refusal page links to.
 */
typedef void (*again_fn)(struct req *r, const struct ml_round *round, const struct org *org,
                         const struct given *g, unsigned status);

static int submit(struct req *r, const struct org *org, long long org_id,
                  const struct ml_round *round, long long person_id, const char *back,
                  const char *done_url, again_fn again)
{
	struct arena *a = &r->arena;
	const char *ronde = req_form(r, "ronde");
	if (ronde == NULL || atoll(ronde) != round->id) {
		refuse(r, round->title, T(ML_ERR_OTHER_ROUND), back, 409);
		return HANDLER_OK;
	}
	if (!round->open) {
		refuse(r, round->title, T(ML_ERR_CLOSED), back, 409);
		return HANDLER_OK;
	}
	struct meetlat_instrument in;
	if (meetlat_instrument_of(r->db, a, round, &in) != 0)
		return HANDLER_ERROR;
	struct given *g = arena_alloc(a, sizeof(*g));
	if (!read_given(r, &in, g)) {
		again(r, round, org, g, 422);
		return HANDLER_OK;
	}
	g->s.person_id = person_id;
	enum ml_submit rc = meetlat_submit(r->db, org_id, round->id, &in, &g->s);
	switch (rc) {
	case ML_SUBMIT_OK:
		resp_redirect(r, done_url);
		return HANDLER_OK;
	case ML_SUBMIT_CLOSED:
		refuse(r, round->title, T(ML_ERR_CLOSED), back, 409);
		return HANDLER_OK;
	case ML_SUBMIT_TWICE:
		refuse(r, round->title, person_id ? T(ML_ERR_TWICE_PERSON) : T(ML_ERR_TWICE), back,
		       409);
		return HANDLER_OK;
	case ML_SUBMIT_NOT_FOUND:
		resp_error(r, 404);
		return HANDLER_OK;
	case ML_SUBMIT_INVALID:
		g->off_scale = true;
		again(r, round, org, g, 422);
		return HANDLER_OK;
	case ML_SUBMIT_EMPTY:
		g->empty = true;
		again(r, round, org, g, 422);
		return HANDLER_OK;
	default:
		return HANDLER_ERROR;
	}
}

int page_meetlat_answer(struct req *r)
{
	struct ml_round round;
	if (!load_round(r, &round))
		return HANDLER_OK;
	const char *back = arena_printf(&r->arena, "/o/%s/meetlat/%lld", r->org_slug, round.id);
	return submit(r, NULL, r->org_id, &round, r->person_id, back,
	              arena_printf(&r->arena, "%s?klaar=ingevuld", back), round_page);
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
		if (load_round(r, &round))
			refuse(r, round.title, T(ML_ERR_ALREADY_CLOSED),
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

/* ---- anonymous answering by link ---- */

/* org is the round's own organisation, found by the link. */
static void link_page(struct req *r, const struct ml_round *round, const struct org *org,
                      const struct given *g, unsigned status)
{
	struct arena *a = &r->arena;
	struct html h;
	if (!round->open) {
		page_begin(r, &h, T(ML_ANON_CLOSED_TITLE));
		html(&h,
		     "<div class=\"kring-narrow\"><h1 class=\"utrecht-heading-1\">%s</h1>"
		     "<p class=\"utrecht-paragraph\">%s</p></div>",
		     T(ML_ANON_CLOSED_TITLE), T(ML_ANON_CLOSED));
		page_end(r, &h, 410);
		return;
	}
	struct meetlat_instrument in;
	if (meetlat_instrument_of(r->db, a, round, &in) != 0) {
		resp_error(r, 500);
		return;
	}
	const char *title = arena_printf(a, T(ML_ANON_TITLE), org->name);
	page_begin(r, &h, title);
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\"><strong>%s</strong>. %s</p>",
	     title, round->title, T(ML_ANON_INTRO));
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "ingevuld") == 0 && g == NULL) {
		page_notice(&h, "ok", T(ML_THANKS));
		page_end(r, &h, status);
		return;
	}
	answer_form(r, &h, &in, arena_printf(a, "/m/%s", round->token), round->id, g);
	page_end(r, &h, status);
}

/* Finds the round of the link; 1, or 0 after answering 404 / 500. */
static int load_link(struct req *r, struct ml_round *round, struct org *org)
{
	int found = meetlat_round_by_token(r->db, &r->arena, r->param_token, round, org);
	if (found < 0) {
		resp_error(r, 500);
		return 0;
	}
	if (found == 0) {
		resp_error(r, 404);
		return 0;
	}
	return 1;
}

int page_meetlat_link(struct req *r)
{
	struct ml_round round;
	struct org org;
	if (load_link(r, &round, &org))
		link_page(r, &round, &org, NULL, 200);
	return HANDLER_OK;
}

int page_meetlat_link_answer(struct req *r)
{
	struct ml_round round;
	struct org org;
	if (!load_link(r, &round, &org))
		return HANDLER_OK;
	const char *here = arena_printf(&r->arena, "/m/%s", round.token);
	/* the organisation is the round's own, found by the unguessable link */
	return submit(r, &org, org.id, &round, 0, NULL,
	              arena_printf(&r->arena, "%s?klaar=ingevuld", here), link_page);
}
