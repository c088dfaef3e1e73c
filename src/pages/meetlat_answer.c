/*
 * meetlat_answer.c - answering a meetlat round, with an account or
 * anonymously by the round's link: reading and checking what was sent,
 * the form, and storing it.
 */
#include <stdlib.h>
#include <string.h>

#include "../auth/roles.h"
#include "../core/instrument.h"
#include "../core/meetlat.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "meetlat_ui.h"
#include "pages.h"

#define COMMENT_MAX 2000

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
void mlp_answer_form(struct req *r, struct html *h, const struct meetlat_instrument *in,
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
		    bs->id, T_printf(&r->arena, ML_COMMENT_LABEL, bs->name), T(FORM_OPTIONAL),
		    bs->id, bs->id, c);
	}
	form_end(h, T(ML_SUBMIT));
	html(h, "</section>");
}

/*
 * Stores a submission for round (org from the context), or answers with
 * the plain refusal. back is where the refusal page links to.
 */
typedef int (*again_fn)(struct req *r, const struct ml_round *round, const struct org *org,
                        const struct given *g, unsigned status);

static int submit(struct req *r, const struct org *org, long long org_id,
                  const struct ml_round *round, long long person_id, const char *back,
                  const char *done_url, again_fn again)
{
	struct arena *a = &r->arena;
	const char *ronde = req_form(r, "ronde");
	if (ronde == NULL || form_id_or_zero(ronde) != round->id) {
		mlp_refuse(r, round->title, T(ML_ERR_OTHER_ROUND), back, 409);
		return HANDLER_OK;
	}
	if (!round->open) {
		mlp_refuse(r, round->title, T(ML_ERR_CLOSED), back, 409);
		return HANDLER_OK;
	}
	struct meetlat_instrument in;
	if (meetlat_instrument_of(r->db, a, round, &in) != 0)
		return HANDLER_ERROR;
	struct given *g = arena_alloc(a, sizeof(*g));
	if (!read_given(r, &in, g)) {
		return again(r, round, org, g, 422);
	}
	g->s.person_id = person_id;
	enum ml_submit rc = meetlat_submit(r->db, org_id, round->id, &in, &g->s);
	switch (rc) {
	case ML_SUBMIT_OK:
		resp_redirect(r, done_url);
		return HANDLER_OK;
	case ML_SUBMIT_CLOSED:
		mlp_refuse(r, round->title, T(ML_ERR_CLOSED), back, 409);
		return HANDLER_OK;
	case ML_SUBMIT_TWICE:
		mlp_refuse(r, round->title, person_id ? T(ML_ERR_TWICE_PERSON) : T(ML_ERR_TWICE),
		           back, 409);
		return HANDLER_OK;
	case ML_SUBMIT_NOT_FOUND:
		resp_error(r, 404);
		return HANDLER_OK;
	case ML_SUBMIT_INVALID:
		g->off_scale = true;
		return again(r, round, org, g, 422);
	case ML_SUBMIT_EMPTY:
		g->empty = true;
		return again(r, round, org, g, 422);
	default:
		return HANDLER_ERROR;
	}
}

int page_meetlat_answer(struct req *r)
{
	struct ml_round round;
	int found = mlp_load_round(r, &round);
	if (found <= 0)
		return found < 0 ? HANDLER_ERROR : HANDLER_OK;
	const char *back = arena_printf(&r->arena, "/o/%s/meetlat/%lld", r->org_slug, round.id);
	return submit(r, NULL, r->org_id, &round, r->person_id, back,
	              arena_printf(&r->arena, "%s?klaar=ingevuld", back), mlp_round_page);
}

/* ---- anonymous answering by link ---- */

/* org is the round's own organisation, found by the link. */
static int link_page(struct req *r, const struct ml_round *round, const struct org *org,
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
		return HANDLER_OK;
	}
	struct meetlat_instrument in;
	if (meetlat_instrument_of(r->db, a, round, &in) != 0)
		return HANDLER_ERROR;
	const char *title = T_printf(a, ML_ANON_TITLE, org->name);
	page_begin(r, &h, title);
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\"><strong>%s</strong>. %s</p>",
	     title, round->title, T(ML_ANON_INTRO));
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "ingevuld") == 0 && g == NULL) {
		page_notice(&h, "ok", T(ML_THANKS));
		page_end(r, &h, status);
		return HANDLER_OK;
	}
	mlp_answer_form(r, &h, &in, arena_printf(a, "/m/%s", round->token), round->id, g);
	page_end(r, &h, status);
	return HANDLER_OK;
}

/*
 * Finds the round of the link: 1; 0 after answering 404; -1 on a database
 * error (nothing answered: the caller returns HANDLER_ERROR, a logged 500).
 */
static int load_link(struct req *r, struct ml_round *round, struct org *org)
{
	int found = meetlat_round_by_token(r->db, &r->arena, r->param_token, round, org);
	if (found == 0)
		resp_error(r, 404);
	return found < 0 ? -1 : found;
}

int page_meetlat_link(struct req *r)
{
	struct ml_round round;
	struct org org;
	int found = load_link(r, &round, &org);
	if (found <= 0)
		return found < 0 ? HANDLER_ERROR : HANDLER_OK;
	return link_page(r, &round, &org, NULL, 200);
}

int page_meetlat_link_answer(struct req *r)
{
	struct ml_round round;
	struct org org;
	int found = load_link(r, &round, &org);
	if (found <= 0)
		return found < 0 ? HANDLER_ERROR : HANDLER_OK;
	const char *here = arena_printf(&r->arena, "/m/%s", round.token);
	/* the organisation is the round's own, found by the unguessable link */
	return submit(r, &org, org.id, &round, 0, NULL,
	              arena_printf(&r->arena, "%s?klaar=ingevuld", here), link_page);
}
