/*
 * privacy_erase.c - erasing one person's data at their request (the
 * beheerder), and an ambassadeur leaving by themselves (issue 14b, M13).
 * Both ask first, then erase in one transaction (core/privacy.h).
 */
#include <string.h>

#include "../core/privacy.h"
#include "../i18n/text.h"
#include "../web/form.h"
#include "../web/layout.h"
#include "pages.h"

/* The neutral names an erased person's contributions keep. */
static struct privacy_labels labels_nl(void)
{
	return (struct privacy_labels){T(PRIV_LABEL_STAFF), T(PRIV_LABEL_AMBASSADOR),
	                               T(PRIV_LABEL_CONTACT)};
}

static const char *kind_segment(const char *kind)
{
	return kind; /* /privacy/person/:id, /privacy/partner/:id, /privacy/community/:id */
}

static int erase_confirm_page(struct req *r, const char *kind, bool refused, unsigned status)
{
	struct privacy_person p;
	int found = privacy_person_get(r->db, &r->arena, r->org_id, kind, r->param_id, &p);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	const char *base =
	    arena_printf(&r->arena, "/o/%s/privacy/%s/%lld", r->org_slug, kind_segment(kind), p.id);
	struct privacy_labels l = labels_nl();
	bool login = strcmp(kind, "person") == 0;
	const char *label = !login                               ? l.contact
	                    : strcmp(p.role, "ambassadeur") == 0 ? l.ambassador
	                                                         : l.staff;
	struct html h;
	page_begin(r, &h, T(PRIV_ERASE_TITLE));
	html(&h,
	     "<div class=\"kring-narrow\"><p class=\"utrecht-paragraph kring-back\"><a "
	     "class=\"utrecht-link\" href=\"%s\">%s</a></p>"
	     "<h1 class=\"utrecht-heading-1\">%s</h1>",
	     base, T(PRIV_ERASE_CANCEL), T(PRIV_ERASE_TITLE));
	if (refused)
		page_notice(&h, "error", T(PRIV_ERASE_REFUSED));
	html(
	    &h,
	    "<p class=\"utrecht-paragraph kring-lead\">%s</p><p class=\"utrecht-paragraph\">%s</p>",
	    T_printf(&r->arena, PRIV_ERASE_QUESTION, p.name[0] ? p.name : T(PRIV_LABEL_CONTACT)),
	    login ? T_printf(&r->arena, PRIV_ERASE_LOGIN, label)
	          : T_printf(&r->arena, PRIV_ERASE_CONTACT, label));
	page_notice(&h, "warning", T(PRIV_ERASE_AUDIT));
	form_begin(&h, r, arena_printf(&r->arena, "%s/erase", base));
	html(&h,
	     "<p class=\"kring-actions\"><button class=\"utrecht-button "
	     "utrecht-button--secondary-action kring-danger\" type=\"submit\">%s</button> "
	     "<a class=\"utrecht-link\" href=\"%s\">%s</a></p></form></div>",
	     T(PRIV_ERASE_CONFIRM), base, T(PRIV_ERASE_CANCEL));
	page_end(r, &h, status);
	return HANDLER_OK;
}

static int erase(struct req *r, const char *kind)
{
	struct privacy_labels l = labels_nl();
	enum save_result rc =
	    privacy_erase(r->db, r->org_id, r->person_id, kind, r->param_id, &l, false);
	if (rc == SAVE_NOT_FOUND) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	if (rc == SAVE_REFUSED)
		return erase_confirm_page(r, kind, true, 409);
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	resp_redirect(
	    r, arena_printf(&r->arena, "/o/%s/privacy/people?klaar=verwijderd", r->org_slug));
	return HANDLER_OK;
}

int page_privacy_person_erase_confirm(struct req *r)
{
	return erase_confirm_page(r, "person", false, 200);
}

int page_privacy_person_erase(struct req *r)
{
	return erase(r, "person");
}

int page_privacy_partner_erase_confirm(struct req *r)
{
	return erase_confirm_page(r, "partner", false, 200);
}

int page_privacy_partner_erase(struct req *r)
{
	return erase(r, "partner");
}

int page_privacy_community_erase_confirm(struct req *r)
{
	return erase_confirm_page(r, "community", false, 200);
}

int page_privacy_community_erase(struct req *r)
{
	return erase(r, "community");
}

/* ---- an ambassadeur leaves ---- */

static int leave_page(struct req *r, bool refused, unsigned status)
{
	struct html h;
	page_begin(r, &h, T(PRIV_LEAVE_TITLE));
	html(&h, "<div class=\"kring-narrow\"><h1 class=\"utrecht-heading-1\">%s</h1>",
	     T(PRIV_LEAVE_TITLE));
	if (refused)
		page_notice(&h, "error", T(PRIV_LEAVE_REFUSED));
	html(&h, "<p class=\"utrecht-paragraph kring-lead\">%s</p>", T(PRIV_LEAVE_INTRO));
	form_begin(&h, r, arena_printf(&r->arena, "/o/%s/me/leave", r->org_slug));
	html(&h,
	     "<p class=\"kring-actions\"><button class=\"utrecht-button "
	     "utrecht-button--secondary-action kring-danger\" type=\"submit\">%s</button> "
	     "<a class=\"utrecht-link\" href=\"/o/%s/\">%s</a></p></form></div>",
	     T(PRIV_LEAVE_CONFIRM), r->org_slug, T(PRIV_LEAVE_CANCEL));
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_me_leave_confirm(struct req *r)
{
	return leave_page(r, false, 200);
}

int page_me_leave(struct req *r)
{
	struct privacy_labels l = labels_nl();
	enum save_result rc =
	    privacy_erase(r->db, r->org_id, r->person_id, "person", r->person_id, &l, true);
	if (rc == SAVE_REFUSED || rc == SAVE_NOT_FOUND)
		return leave_page(r, true, 409);
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	r->logout = true; /* their sessions are gone already; the cookie goes too */
	resp_redirect(r, "/");
	return HANDLER_OK;
}
