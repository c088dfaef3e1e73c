/*
 * pulse_answer.c - answering a pulse round by its link /s/<token>, without
 * an account (M9, issue 13). The form's CSRF token is bound to the
 * anonymous cookie (the router checks it); its one-time nonce makes a form
 * sent twice count once; after answering, a cookie for this round (path
 * /s/<token>) tells the same browser that it already answered, on the page
 * and when it posts again. Nothing about the person is stored.
 */
#include <stdio.h>
#include <string.h>

#include "../core/meetlat.h"
#include "../core/pulse.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "pages.h"

/* The cookie that says this browser answered round id. */
static const char *answered_cookie(struct arena *a, long long round_id)
{
	return arena_printf(a, "kring_pulse_%lld", round_id);
}

static bool answered_here(struct req *r, const struct pulse_round *round)
{
	const char *v = req_cookie(r, answered_cookie(&r->arena, round->id));
	return v != NULL && strcmp(v, "1") == 0;
}

/* What was sent, for a form shown again. */
struct pulse_given {
	int values[PU_MAX_TOTAL];
	const char *open;
	const char *nonce;
	bool off_scale, empty, too_long;
};

/* The answering page: the form, or the closed/answered/thanks word. */
static int answer_page(struct req *r, const struct pulse_round *round, const struct org *org,
                       const struct pulse_given *g, unsigned status)
{
	struct arena *a = &r->arena;
	const struct pulse_instrument *in = instrument_pulse();
	struct html h;
	page_begin(r, &h, in->title);
	html(&h,
	     "<div class=\"kring-narrow\"><h1 class=\"utrecht-heading-1\">%s</h1>"
	     "<p class=\"utrecht-paragraph kring-lead\">%s</p>",
	     in->title, T_printf(a, PU_ANSWER_FOR, round->community_name, org->name));
	const char *done = req_query(r, "klaar");
	if (!round->open) {
		html(&h, "<p class=\"utrecht-paragraph\">%s</p></div>", T(PU_ANSWER_CLOSED));
		page_end(r, &h, 410);
		return HANDLER_OK;
	}
	if (g == NULL && answered_here(r, round)) {
		page_notice(&h, "ok",
		            done && strcmp(done, "bedankt") == 0 ? T(PU_THANKS) : T(PU_ALREADY));
		html(&h, "</div>");
		page_end(r, &h, status);
		return HANDLER_OK;
	}
	html(&h, "<p class=\"utrecht-paragraph\">%s</p>", in->intro);
	if (g && (g->off_scale || g->empty || g->too_long)) {
		html(&h,
		     "<div class=\"utrecht-alert utrecht-alert--error kring-error-summary\" "
		     "role=\"alert\"><h2 class=\"utrecht-heading-3\">%s</h2>"
		     "<ul class=\"utrecht-unordered-list\">",
		     T(FORM_ERRORS_TITLE));
		if (g->empty)
			html(&h, "<li>%s</li>", T(PU_ERR_EMPTY));
		if (g->off_scale)
			html(&h, "<li>%s</li>", T(PU_ERR_SCALE));
		if (g->too_long)
			html(&h, "<li><a class=\"utrecht-link\" href=\"#open\">%s</a></li>",
			     T_printf(a, PU_ERR_LONG, PULSE_OPEN_MAX));
		html(&h, "</ul></div>");
	}
	const char *nonce =
	    g && meetlat_token_plausible(g->nonce) ? g->nonce : meetlat_new_token(a);
	form_begin(&h, r, arena_printf(a, "/s/%s", round->token));
	html(&h, "<input type=\"hidden\" name=\"nonce\" value=\"%s\">", nonce);
	size_t k = 0;
	for (size_t i = 0; i < in->n_ingredients; i++) {
		const struct pu_ingredient *ing = &in->ingredients[i];
		html(&h,
		     "<section class=\"kring-card\" aria-labelledby=\"h-ing-%s\">"
		     "<h2 class=\"utrecht-heading-2\" id=\"h-ing-%s\">%s</h2>"
		     "<p class=\"utrecht-paragraph kring-muted\">%s</p>",
		     ing->id, ing->id, ing->name, ing->description);
		for (size_t s = 0; s < ing->n_statements; s++, k++) {
			const struct pu_statement *st = &ing->statements[s];
			html(&h,
			     "<fieldset class=\"utrecht-form-fieldset kring-statement\">"
			     "<legend class=\"utrecht-form-fieldset__legend\">%s</legend>"
			     "<div class=\"kring-scale\">",
			     st->text);
			for (int v = in->scale_min; v <= in->scale_max; v++)
				html(&h,
				     "<label class=\"kring-scale__option\"><input type=\"radio\" "
				     "name=\"s_%s\" value=\"%d\"%s><span>%s</span></label>",
				     st->id, v, g && g->values[k] == v ? " checked" : "",
				     in->scale_labels[v - in->scale_min]);
			html(&h, "</div></fieldset>");
		}
		html(&h, "</section>");
	}
	html(&h,
	     "<div class=\"utrecht-form-field kring-field%s\"><p class=\"utrecht-form-label\">"
	     "<label class=\"utrecht-form-label\" for=\"open\">%s <span class=\"kring-optional\">"
	     "%s</span></label></p>",
	     g && g->too_long ? " utrecht-form-field--invalid" : "", in->open_question,
	     T(FORM_OPTIONAL));
	if (g && g->too_long)
		html(&h, "<p class=\"utrecht-form-field-error-message\">%s</p>",
		     T_printf(a, PU_ERR_LONG, PULSE_OPEN_MAX));
	html(&h,
	     "<textarea class=\"utrecht-textarea\" id=\"open\" name=\"open\" rows=\"3\">%s"
	     "</textarea></div>",
	     g && g->open ? g->open : "");
	form_end(&h, T(PU_SEND));
	html(&h, "</div>");
	page_end(r, &h, status);
	return HANDLER_OK;
}

/* The round of the link: 1; 0 after answering 404; -1 on a database error. */
static int load(struct req *r, struct pulse_round *round, struct org *org)
{
	int found = pulse_round_by_token(r->db, &r->arena, r->param_token, round, org);
	if (found == 0)
		resp_error(r, 404);
	return found;
}

int page_pulse_link(struct req *r)
{
	struct pulse_round round;
	struct org org;
	int found = load(r, &round, &org);
	if (found <= 0)
		return found < 0 ? HANDLER_ERROR : HANDLER_OK;
	return answer_page(r, &round, &org, NULL, 200);
}

/* Counts UTF-8 characters. */
static size_t chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

int page_pulse_link_answer(struct req *r)
{
	struct pulse_round round;
	struct org org;
	int found = load(r, &round, &org);
	if (found <= 0)
		return found < 0 ? HANDLER_ERROR : HANDLER_OK;
	struct arena *a = &r->arena;
	const struct pulse_instrument *in = instrument_pulse();
	if (!round.open || answered_here(r, &round)) {
		struct html h;
		page_begin(r, &h, in->title);
		html(&h,
		     "<div class=\"kring-narrow\"><h1 class=\"utrecht-heading-1\">%s</h1>"
		     "<p class=\"utrecht-paragraph\">%s</p></div>",
		     in->title, round.open ? T(PU_ALREADY) : T(PU_ANSWER_CLOSED));
		page_end(r, &h, round.open ? 409 : 410);
		return HANDLER_OK;
	}
	struct pulse_given *g = arena_alloc(a, sizeof(*g));
	memset(g, 0, sizeof(*g));
	g->nonce = req_form(r, "nonce");
	g->open = req_form(r, "open");
	size_t k = 0, answered = 0;
	for (size_t i = 0; i < in->n_ingredients; i++)
		for (size_t s = 0; s < in->ingredients[i].n_statements; s++, k++) {
			const char *v = req_form(
			    r, arena_printf(a, "s_%s", in->ingredients[i].statements[s].id));
			if (v == NULL || v[0] == '\0')
				continue;
			if (v[1] == '\0' && v[0] >= '0' + in->scale_min &&
			    v[0] <= '0' + in->scale_max && in->scale_max < 10) {
				g->values[k] = v[0] - '0';
				answered++;
			} else {
				g->off_scale = true;
			}
		}
	g->empty = answered == 0 && !g->off_scale;
	g->too_long = g->open && chars(g->open) > PULSE_OPEN_MAX;
	if (g->off_scale || g->empty || g->too_long)
		return answer_page(r, &round, &org, g, 422);
	switch (pulse_submit(r->db, round.id, in, g->values, g->open, g->nonce)) {
	case PULSE_OK:
		break;
	case PULSE_TWICE: {
		struct html h;
		page_begin(r, &h, in->title);
		html(&h,
		     "<div class=\"kring-narrow\"><h1 class=\"utrecht-heading-1\">%s</h1>"
		     "<p class=\"utrecht-paragraph\">%s</p></div>",
		     in->title, T(PU_ALREADY));
		page_end(r, &h, 409);
		return HANDLER_OK;
	}
	case PULSE_CLOSED:
		round.open = false;
		return answer_page(r, &round, &org, NULL, 410);
	case PULSE_INVALID:
		g->off_scale = true;
		return answer_page(r, &round, &org, g, 422);
	default:
		return HANDLER_ERROR;
	}
	resp_header(r, "Set-Cookie",
	            arena_printf(a, "%s=1; Path=/s/%s; Max-Age=31536000; HttpOnly; SameSite=Lax%s",
	                         answered_cookie(a, round.id), round.token,
	                         r->cfg && r->cfg->behind_tls ? "; Secure" : ""));
	resp_redirect(r, arena_printf(a, "/s/%s?klaar=bedankt", round.token));
	return HANDLER_OK;
}
