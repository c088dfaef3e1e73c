/*
 * activity_page.c - one activity: when, where, how it was made, who took
 * part, the outcome; confirming a planned one afterwards with the real
 * count ("Bevestig: hoeveel kwamen er?"); and deleting it after a
 * confirmation step that names the version it saw.
 */
#include <stdlib.h>
#include <string.h>

#include "../auth/roles.h"
#include "../core/partner.h"
#include "../i18n/text.h"
#include "../web/form.h"
#include "../web/layout.h"
#include "activity_ui.h"
#include "community_ui.h"
#include "pages.h"
#include "partner_ui.h"
#include "respond.h"

/* A fact: label and text, or "nog niet ingevuld". */
static void fact(struct html *h, const char *label, const char *value)
{
	html(h, "<div class=\"kring-fact\"><dt>%s</dt>", label);
	if (value && value[0])
		html(h, "<dd class=\"kring-pre\">%s</dd></div>", value);
	else
		html(h, "<dd class=\"kring-muted\">%s</dd></div>", T(EMPTY_VALUE));
}

static const char *names(struct arena *a, const struct activity_ref *refs, size_t n)
{
	struct buf b;
	buf_init(&b, a);
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", refs[i].name);
	return buf_str(&b);
}

/* The confirm form: the real count of a planned activity. */
static void confirm_form(struct req *r, struct html *h, const struct activity *act,
                         const char *typed, const char *error)
{
	html(h,
	     "<section class=\"kring-card kring-confirm\" id=\"bevestig\" "
	     "aria-labelledby=\"h-bevestig\"><h2 class=\"utrecht-heading-2\" id=\"h-bevestig\">%s"
	     "</h2><p class=\"utrecht-paragraph\">%s</p>",
	     T(ACT_CONFIRM_TITLE), T(ACT_CONFIRM_HINT));
	ui_form(h, r, ui_activity_url(r, act->id, "/confirm"), "kring-add");
	html(h,
	     "<input type=\"hidden\" name=\"version\" value=\"%lld\"><div "
	     "class=\"utrecht-form-field kring-field%s\"><label class=\"utrecht-form-label\" "
	     "for=\"f-count\">%s</label>",
	     act->version, error ? " utrecht-form-field--invalid" : "", T(AF_PARTICIPANTS));
	if (error)
		html(h, "<p class=\"utrecht-form-field-error-message\" id=\"f-count-error\">%s</p>",
		     error);
	html(h,
	     "<input class=\"utrecht-textbox kring-input-short\" type=\"text\" "
	     "inputmode=\"numeric\" id=\"f-count\" name=\"participants\" value=\"%s\" "
	     "autocomplete=\"off\" required%s></div><button class=\"utrecht-button "
	     "utrecht-button--primary-action\" type=\"submit\">%s</button></form></section>",
	     typed ? typed : "",
	     error ? " aria-invalid=\"true\" aria-describedby=\"f-count-error\"" : "",
	     T(ACT_CONFIRM_BUTTON));
}

/* The page of activity r->param_id; typed/error: a refused confirmation. */
static int act_page(struct req *r, const char *typed, const char *error, unsigned status)
{
	struct activity a;
	int found = activity_get(r->db, &r->arena, r->org_id, r->only_attached, r->param_id, &a);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	bool edit = (r->role & ROLES_EDIT) != 0;
	const char *today = partner_today(&r->arena);
	struct html h;
	page_begin(r, &h, ui_short(&r->arena, a.title, 80));
	html(&h,
	     "<nav class=\"kring-crumbs\" aria-label=\"%s\"><a class=\"utrecht-link\" "
	     "href=\"%s\">%s</a></nav><h1 class=\"utrecht-heading-1\">%s</h1><p "
	     "class=\"kring-badges\">",
	     T(CRUMBS_LABEL), ui_activity_url(r, 0, ""), T(ACTS_TITLE), a.title);
	ui_made_badge(&h, &a);
	html(&h, " <span class=\"kring-muted\">%s</span></p>", ui_made_hint(a.made));
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "nieuw") == 0)
		page_notice(&h, "ok", T(ACT_CREATED));
	else if (done && strcmp(done, "opgeslagen") == 0)
		page_notice(&h, "ok", T(ACT_SAVED));
	else if (done && strcmp(done, "bevestigd") == 0)
		page_notice(&h, "ok", T(ACT_CONFIRMED));
	if (edit && (ui_act_confirmable(&a, today) || error))
		confirm_form(r, &h, &a, typed, error);
	html(&h, "<dl class=\"kring-facts\">");
	fact(&h, T(ACT_WHEN), ui_act_when(&r->arena, &a));
	fact(&h, T(ACT_WHERE), ui_act_where(&a));
	html(&h, "<div class=\"kring-fact\"><dt>%s</dt><dd>", T(AF_COMMUNITIES));
	for (size_t i = 0; i < a.n_communities; i++)
		html(&h, "%s<a class=\"utrecht-link\" href=\"%s\">%s</a>", i ? ", " : "",
		     ui_community_url(r, a.communities[i].id, ""), a.communities[i].name);
	html(&h, "</dd></div>");
	fact(&h, T(ACT_STATUS), ui_act_status_label(a.status));
	fact(&h, T(AF_PARTICIPANTS), ui_act_count(&r->arena, &a));
	fact(&h, T(AF_STAFF), names(&r->arena, a.staff, a.n_staff));
	fact(&h, T(AF_PARTNERS), names(&r->arena, a.partners, a.n_partners));
	fact(&h, T(AF_OUTCOME), a.outcome);
	fact(&h, T(AF_FOLLOW_UP), a.follow_up);
	fact(&h, T(ACT_WHO),
	     a.who[0] ? T_printf(&r->arena, ACT_WHO_WHEN, a.who, fmt_date(&r->arena, a.created_at))
	              : "");
	html(&h, "</dl>");
	if (edit)
		html(&h,
		     "<p class=\"kring-toolbar kring-noprint\"><a class=\"utrecht-button "
		     "utrecht-button--secondary-action kring-button-link\" href=\"%s\">%s</a>"
		     "<a class=\"utrecht-link\" href=\"%s\">%s</a></p>",
		     ui_activity_url(r, a.id, "/edit"), T(ACT_EDIT),
		     ui_activity_url(r, a.id, "/delete"), T(ACT_DELETE));
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_activity(struct req *r)
{
	return act_page(r, NULL, NULL, 200);
}

int page_activity_confirm(struct req *r)
{
	long long version = req_form_id(r, "version");
	const char *typed = req_form(r, "participants");
	typed = typed ? typed : "";
	long long n = -1;
	size_t len = strlen(typed);
	if (len > 0 && len <= 7) {
		n = 0;
		for (size_t i = 0; i < len && n >= 0; i++)
			n = typed[i] >= '0' && typed[i] <= '9' ? n * 10 + (typed[i] - '0') : -1;
	}
	if (n < 0 || n > ACTIVITY_MAX_PARTICIPANTS)
		return act_page(r, typed, T(ACT_ERR_COUNT), 422);
	enum save_result rc = activity_confirm(r->db, r->org_id, r->person_id, r->only_attached,
	                                       r->param_id, version, n);
	if (rc == SAVE_CONFLICT)
		return act_page(r, typed, T(ACT_CONFIRM_CONFLICT), 409);
	return respond_save(r, rc, ui_activity_url(r, r->param_id, "?klaar=bevestigd"));
}

/* ---- deleting ---- */

static int delete_page(struct req *r, const struct activity *a, bool stale, unsigned status)
{
	struct html h;
	page_begin(r, &h, T(ACT_DELETE_TITLE));
	html(&h,
	     "<div class=\"kring-narrow\"><nav class=\"kring-crumbs\" aria-label=\"%s\">"
	     "<a class=\"utrecht-link\" href=\"%s\">%s</a> › "
	     "<a class=\"utrecht-link\" href=\"%s\">%s</a></nav>"
	     "<h1 class=\"utrecht-heading-1\">%s</h1>",
	     T(CRUMBS_LABEL), ui_activity_url(r, 0, ""), T(ACTS_TITLE),
	     ui_activity_url(r, a->id, ""), ui_short(&r->arena, a->title, 80), T(ACT_DELETE_TITLE));
	if (stale) {
		page_notice(&h, "warning", T(ACT_DELETE_STALE));
		html(&h, "<h2 class=\"utrecht-heading-2\">%s</h2><dl class=\"kring-facts\">",
		     T(DELETE_STALE_NOW));
		fact(&h, T(AF_TITLE), a->title);
		fact(&h, T(ACT_WHEN), ui_act_when(&r->arena, a));
		fact(&h, T(AF_PARTICIPANTS), ui_act_count(&r->arena, a));
		fact(&h, T(DELETE_STALE_CHANGED), fmt_datetime(&r->arena, a->updated_at));
		html(&h, "</dl>");
	}
	html(
	    &h,
	    "<p class=\"utrecht-paragraph kring-lead\">%s</p><p class=\"utrecht-paragraph\">%s</p>",
	    T_printf(&r->arena, ACT_DELETE_QUESTION, ui_short(&r->arena, a->title, 200),
	             ui_date(&r->arena, a->held_on)),
	    T(ACT_DELETE_EXPLAIN));
	form_delete_confirm(&h, r, ui_activity_url(r, a->id, "/delete"), a->version,
	                    T(ACT_DELETE_CONFIRM), ui_activity_url(r, a->id, ""),
	                    T(ACT_DELETE_CANCEL));
	html(&h, "</div>");
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_activity_delete_confirm(struct req *r)
{
	struct activity a;
	int found = activity_get(r->db, &r->arena, r->org_id, r->only_attached, r->param_id, &a);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	return delete_page(r, &a, false, 200);
}

/* SAVE_CONFLICT of a delete: the confirmation again, as the activity is now. */
static int delete_again(struct req *r, void *ctx)
{
	struct activity *a = ctx;
	if (activity_get(r->db, &r->arena, r->org_id, r->only_attached, a->id, a) != 1)
		return HANDLER_ERROR;
	return delete_page(r, a, true, 409);
}

int page_activity_delete(struct req *r)
{
	struct activity a;
	int found = activity_get(r->db, &r->arena, r->org_id, r->only_attached, r->param_id, &a);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	long long version;
	if (!ui_form_version(r, &version)) {
		resp_error(r, 400);
		return HANDLER_OK;
	}
	enum save_result rc =
	    activity_delete(r->db, r->org_id, r->person_id, r->only_attached, a.id, version);
	return respond_saved(
	    r, rc,
	    &(struct respond_save){.location = ui_activity_url(r, 0, "?klaar=verwijderd"),
	                           .conflict = delete_again,
	                           .ctx = &a});
}
