/*
 * partner_page.c - a partner's page: what they do, partner power
 * (werkblad 4), the communities they work with (linking and unlinking) and
 * the conversations and open action points with them.
 */
#include <stdlib.h>
#include <string.h>

#include "../auth/roles.h"
#include "../core/community.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "pages.h"
#include "privacy_ui.h" /* privacy (issue 14b) */
#include "partner_ui.h"
#include "respond.h"

/* ---- the partner's page ---- */

/* A fact: label and text, or "nog niet ingevuld". */
static void fact(struct html *h, const char *label, const char *value)
{
	html(h, "<div class=\"kring-fact\"><dt>%s</dt>", label);
	if (value && value[0])
		html(h, "<dd class=\"kring-pre\">%s</dd></div>", value);
	else
		html(h, "<dd class=\"kring-muted\">%s</dd></div>", T(EMPTY_VALUE));
}

/* One record as werkblad 4 lays it out: four boxes and success below. */
static void power_boxes(struct req *r, struct html *h, const struct partner_power *p)
{
	(void)r;
	html(h, "<dl class=\"kring-power\">");
	for (size_t i = 0; i < N_POWER_PARTS; i++) {
		const char *v = ui_power_value(p, i);
		html(h, "<div class=\"kring-power__box%s\"><dt>%s</dt>",
		     i == 4 ? " kring-power__box--wide" : "", TX(ui_power_parts[i].label));
		if (v[0])
			html(h, "<dd class=\"kring-pre\">%s</dd></div>", v);
		else
			html(h, "<dd class=\"kring-muted\">%s</dd></div>", T(EMPTY_VALUE));
	}
	html(h, "</dl>");
}

static void power_section(struct req *r, struct html *h, const struct partner *p, bool staff)
{
	struct partner_power *pw;
	size_t n;
	if (power_list(r->db, &r->arena, r->org_id, p->id, &pw, &n) != 0) {
		ui_failed_section(r, h, "partner-power", T(POWER_TITLE));
		return;
	}
	html(h,
	     "<section class=\"kring-card\" id=\"partner-power\" aria-labelledby=\"h-power\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-power\" tabindex=\"-1\">%s</h2>"
	     "<p class=\"utrecht-paragraph kring-small kring-muted\">%s</p>",
	     T(POWER_TITLE), T(POWER_INTRO));
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "power-nieuw") == 0)
		page_notice(h, "ok", T(POWER_CREATED));
	else if (done && strcmp(done, "power-opgeslagen") == 0)
		page_notice(h, "ok", T(POWER_SAVED));
	else if (done && strcmp(done, "power-weg") == 0)
		page_notice(h, "ok", T(POWER_DELETED));
	html(h, "<p class=\"kring-toolbar\">");
	if (staff)
		html(h,
		     "<a class=\"utrecht-button utrecht-button--primary-action kring-button-link\" "
		     "href=\"%s\">%s</a>",
		     ui_partner_url(r, p->id, "/power/new"), T(POWER_NEW));
	html(h, "<a class=\"utrecht-link\" href=\"/o/%s/partners/print?partner=%lld\">%s</a></p>",
	     r->org_slug, p->id, T(POWER_PRINT_FOR));
	if (n == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-empty\">%s</p>", T(POWER_NONE));
	} else {
		html(h, "<h3 class=\"utrecht-heading-3\">%s</h3>",
		     T_printf(&r->arena, POWER_OF_DATE, ui_date(&r->arena, pw[0].met_on)));
		if (pw[0].who[0])
			html(h, "<p class=\"utrecht-paragraph kring-small kring-muted\">%s</p>",
			     T_printf(&r->arena, POWER_WRITTEN_BY, pw[0].who));
		power_boxes(r, h, &pw[0]);
		if (staff)
			html(h,
			     "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
			     "href=\"%s\">%s</a></p>",
			     ui_partner_url(r, p->id,
			                    arena_printf(&r->arena, "/power/%lld", pw[0].id)),
			     T_printf(&r->arena, POWER_EDIT_OF, ui_date(&r->arena, pw[0].met_on)));
		if (n > 1) {
			html(h, "<h3 class=\"utrecht-heading-3\">%s</h3>", T(POWER_EARLIER));
			for (size_t i = 1; i < n; i++) {
				html(h,
				     "<details class=\"kring-details "
				     "kring-power-earlier\"><summary>%s</summary>",
				     T_printf(&r->arena, POWER_OF_DATE,
				              ui_date(&r->arena, pw[i].met_on)));
				power_boxes(r, h, &pw[i]);
				if (staff)
					html(h,
					     "<p class=\"utrecht-paragraph\"><a "
					     "class=\"utrecht-link\" "
					     "href=\"%s\">%s</a></p>",
					     ui_partner_url(
					         r, p->id,
					         arena_printf(&r->arena, "/power/%lld", pw[i].id)),
					     T_printf(&r->arena, POWER_EDIT_OF,
					              ui_date(&r->arena, pw[i].met_on)));
				html(h, "</details>");
			}
		}
	}
	html(h, "</section>");
}

static void communities_section(struct req *r, struct html *h, const struct partner *p, bool staff)
{
	struct community_ref *cs, *all;
	size_t n, n_all;
	if (partner_communities(r->db, &r->arena, r->org_id, p->id, &cs, &n) != 0) {
		ui_failed_section(r, h, "communities", T(PCOMMUNITIES_TITLE));
		return;
	}
	html(h,
	     "<section class=\"kring-card\" id=\"communities\" aria-labelledby=\"h-communities\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-communities\" tabindex=\"-1\">%s</h2>"
	     "<p class=\"utrecht-paragraph kring-small kring-muted\">%s</p>",
	     T(PCOMMUNITIES_TITLE), T(PCOMMUNITIES_INTRO));
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "gekoppeld") == 0)
		page_notice(h, "ok", T(PARTNER_LINKED));
	else if (done && strcmp(done, "ontkoppeld") == 0)
		page_notice(h, "ok", T(PARTNER_UNLINKED));
	if (n == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(PCOMMUNITIES_NONE));
	} else {
		html(h, "<ul class=\"kring-people\">");
		for (size_t i = 0; i < n; i++) {
			html(h, "<li><a class=\"utrecht-link\" href=\"%s\">%s</a> ",
			     ui_community_url(r, cs[i].id, ""),
			     ui_short(&r->arena, cs[i].name, 100));
			ui_status_badge(h, cs[i].status);
			if (staff) {
				ui_form(h, r,
				        ui_partner_url(r, p->id,
				                       arena_printf(&r->arena, "/links/%lld/remove",
				                                    cs[i].id)),
				        "kring-tool-form");
				html(h,
				     "<button class=\"kring-tool\" type=\"submit\">%s<span "
				     "class=\"kring-sr\">: %s</span></button></form>",
				     T(STAFF_REMOVE), ui_short(&r->arena, cs[i].name, 60));
			}
			html(h, "</li>");
		}
		html(h, "</ul>");
	}
	if (staff && partner_community_choices(r->db, &r->arena, r->org_id, &all, &n_all) != 0)
		respond_section_failed(r, h, "communities: choices");
	else if (staff) {
		size_t n_free = 0;
		for (size_t i = 0; i < n_all; i++) {
			bool linked = false;
			for (size_t k = 0; k < n; k++)
				linked |= cs[k].id == all[i].id;
			if (!linked)
				all[n_free++] = all[i];
		}
		if (n_free > 0) {
			ui_form(h, r, ui_partner_url(r, p->id, "/links"), "kring-add");
			html(h,
			     "<div class=\"kring-add__field\"><label class=\"utrecht-form-label\" "
			     "for=\"koppel-community\">%s</label><select class=\"utrecht-select\" "
			     "id=\"koppel-community\" name=\"community\">",
			     T(PCOMMUNITIES_ADD_LABEL));
			for (size_t i = 0; i < n_free; i++)
				html(h, "<option value=\"%lld\">%s</option>", all[i].id,
				     ui_short(&r->arena, all[i].name, 80));
			html(
			    h,
			    "</select></div><button class=\"utrecht-button "
			    "utrecht-button--secondary-action\" type=\"submit\">%s</button></form>",
			    T(PCOMMUNITIES_ADD));
		}
	}
	html(h, "</section>");
}

static void talks_section(struct req *r, struct html *h, const struct partner *p, bool staff)
{
	struct conversation_filter f = {.kind = "", .partner = p->id};
	struct conversation *cv;
	size_t n;
	long long total;
	struct action_point *ap;
	size_t n_ap;
	if (conversation_list(r->db, &r->arena, r->org_id, &f, 20, 0, &cv, &n, &total) != 0 ||
	    action_open_list(r->db, &r->arena, r->org_id, p->id, 0, &ap, &n_ap) != 0) {
		ui_failed_section(r, h, "gesprekken", T(PTALKS_TITLE));
		return;
	}
	const char *today = partner_today(&r->arena);
	html(h,
	     "<section class=\"kring-card\" id=\"gesprekken\" aria-labelledby=\"h-gesprekken\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-gesprekken\">%s</h2><p "
	     "class=\"kring-toolbar\">",
	     T(PTALKS_TITLE));
	if (staff)
		html(h,
		     "<a class=\"utrecht-button utrecht-button--secondary-action kring-button-link "
		     "kring-button-small\" href=\"/o/%s/conversations/new?partner=%lld\">%s</a>",
		     r->org_slug, p->id, T(TALK_NEW));
	html(h,
	     "<a class=\"utrecht-link\" "
	     "href=\"/o/%s/conversations/prepare?partner=%lld\">%s</a></p>",
	     r->org_slug, p->id, T(TALK_PREPARE));
	if (n == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(PTALKS_NONE));
	} else {
		html(h, "<ol class=\"kring-talks\">");
		for (size_t i = 0; i < n; i++) {
			html(h,
			     "<li><span class=\"kring-talks__date\">%s</span> <a "
			     "class=\"utrecht-link\" "
			     "href=\"%s\">%s</a> ",
			     ui_date(&r->arena, cv[i].held_on),
			     ui_conversation_url(r, cv[i].id, ""),
			     ui_short(&r->arena, cv[i].subject, 100));
			ui_conversation_badge(h, cv[i].kind);
			if (cv[i].next_on[0] && strcmp(cv[i].next_on, today) >= 0)
				html(h, "<br><span class=\"kring-small\">%s</span>",
				     T_printf(&r->arena, TALK_NEXT_ON,
				              ui_date(&r->arena, cv[i].next_on)));
			html(h, "</li>");
		}
		html(h, "</ol>");
	}
	html(h, "<h3 class=\"utrecht-heading-3\">%s</h3>", T(PACTIONS_TITLE));
	if (n_ap == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(PACTIONS_NONE));
	} else {
		html(h, "<ul class=\"kring-actions-list\">");
		for (size_t i = 0; i < n_ap; i++) {
			html(h, "<li class=\"kring-ap\">");
			if (staff)
				ui_action_toggle(r, h, &ap[i], "partner");
			html(h,
			     "<span class=\"kring-ap__text\">%s</span> <span "
			     "class=\"kring-ap__meta\">",
			     ap[i].text);
			if (ap[i].owner_id)
				html(h, "%s · ", ui_owner_name(r, &ap[i]));
			ui_due(r, h, ap[i].due_on, false, today);
			html(h, "</span></li>");
		}
		html(h, "</ul>");
	}
	html(h, "</section>");
}

int page_partner(struct req *r)
{
	struct partner p;
	int found = partner_get(r->db, &r->arena, r->org_id, r->param_id, &p);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	/* privacy (issue 14b): who saw the contact person, in the access log */
	if ((p.contact_name[0] || p.contact_how[0]) &&
	    privacy_page_logged(r, "partner", p.id, "detail") != 0)
		return HANDLER_ERROR;
	bool staff = (r->role & ROLES_STAFF) != 0;
	struct html h;
	page_begin(r, &h, ui_short(&r->arena, p.name, 80));
	html(&h,
	     "<nav class=\"kring-crumbs\" aria-label=\"%s\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/partners\">%s</a></nav>"
	     "<div class=\"kring-profile-head\"><div><h1 class=\"utrecht-heading-1\">%s</h1>"
	     "<p class=\"kring-profile-head__meta\"><span class=\"kring-chip\">%s</span>",
	     T(CRUMBS_LABEL), r->org_slug, T(PARTNER_BACK), p.name, ui_partner_kind_label(p.kind));
	if (p.part_of[0])
		html(&h, " <span class=\"kring-muted\">%s</span>",
		     T_printf(&r->arena, PARTNER_PART_OF, p.part_of));
	html(&h, "</p></div><p class=\"kring-toolbar kring-profile-head__tools\">");
	if (staff)
		html(&h,
		     "<a class=\"utrecht-button utrecht-button--primary-action kring-button-link\" "
		     "href=\"%s\">%s</a>",
		     ui_partner_url(r, p.id, "/edit"), T(PARTNER_EDIT));
	if (staff)
		html(&h, "<a class=\"utrecht-link kring-danger-link\" href=\"%s\">%s</a>",
		     ui_partner_url(r, p.id, "/delete"), T(PROFILE_DELETE));
	html(&h, "</p></div>");
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "nieuw") == 0)
		page_notice(&h, "ok", T(PARTNER_CREATED));
	else if (done && strcmp(done, "opgeslagen") == 0)
		page_notice(&h, "ok", T(PARTNER_SAVED));

	html(&h, "<div class=\"kring-profile\"><div class=\"kring-profile__main\">");
	html(&h,
	     "<section class=\"kring-card kring-about\" aria-labelledby=\"h-over\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-over\">%s</h2><dl class=\"kring-facts\">",
	     T(PARTNER_ABOUT));
	fact(&h, T(PF_DESCRIPTION), p.description);
	html(&h, "</dl><dl class=\"kring-facts kring-facts--two\">");
	fact(&h, T(PF_CONTACT), p.contact_name);
	fact(&h, T(PF_CONTACT_HOW), p.contact_how);
	html(&h, "</dl></section>");
	power_section(r, &h, &p, staff);
	html(&h, "</div><div class=\"kring-profile__side\">");
	communities_section(r, &h, &p, staff);
	talks_section(r, &h, &p, staff);
	html(&h, "</div></div>");
	page_end(r, &h, 200);
	return HANDLER_OK;
}

/* ---- communities ---- */

int page_partner_link(struct req *r)
{
	const char *c = req_form(r, "community");
	long long cid = form_id_or_zero(c);
	/* a community id of another organisation is simply not found */
	enum save_result rc = partner_link(r->db, r->org_id, r->person_id, r->param_id, cid);
	return respond_save(r, rc, ui_partner_url(r, r->param_id, "?klaar=gekoppeld#communities"));
}

int page_partner_unlink(struct req *r)
{
	enum save_result rc =
	    partner_unlink(r->db, r->org_id, r->person_id, r->param_id, r->param_id2);
	return respond_save(r, rc, ui_partner_url(r, r->param_id, "?klaar=ontkoppeld#communities"));
}

int page_community_partner_link(struct req *r)
{
	const char *p = req_form(r, "partner");
	long long pid = form_id_or_zero(p);
	/* the route checked the community; a partner of another organisation is not found */
	enum save_result rc = partner_link(r->db, r->org_id, r->person_id, pid, r->param_id);
	return respond_save(r, rc,
	                    ui_community_url(r, r->param_id, "?klaar=partner-gekoppeld#partners"));
}
