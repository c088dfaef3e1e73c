/*
 * partner_sections.c - what a community's page shows of partners and
 * conversations: its partners and its timeline (see partner_ui.h).
 */
#include <string.h>

#include "../auth/roles.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "calendar_ui.h"
#include "community_ui.h"
#include "partner_ui.h"
#include "respond.h"
#include "plan_ui.h" /* issue 11b: the cycle's stages */

/* ---- on a community's page ---- */

static void partners_card(struct req *r, struct html *h, long long community_id)
{
	struct partner_ref *ps;
	size_t n;
	if (community_partner_list(r->db, &r->arena, r->org_id, community_id, &ps, &n) != 0) {
		ui_failed_section(r, h, "partners", T(CPARTNERS_TITLE));
		return;
	}
	bool staff = (r->role & ROLES_STAFF) != 0;
	html(h,
	     "<section class=\"kring-card\" id=\"partners\" aria-labelledby=\"h-partners\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-partners\" tabindex=\"-1\">%s</h2>"
	     "<p class=\"utrecht-paragraph kring-small kring-muted\">%s</p>",
	     T(CPARTNERS_TITLE), T(CPARTNERS_INTRO));
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "partner-gekoppeld") == 0)
		page_notice(h, "ok", T(PARTNER_LINKED));
	if (n == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(CPARTNERS_NONE));
	} else {
		html(h, "<ul class=\"kring-people\">");
		for (size_t i = 0; i < n; i++)
			html(h,
			     "<li><a class=\"utrecht-link kring-strong-link\" href=\"%s\">%s</a> "
			     "<span class=\"kring-chip\">%s</span></li>",
			     ui_partner_url(r, ps[i].id, ""), ui_short(&r->arena, ps[i].name, 100),
			     ui_partner_kind_label(ps[i].kind));
		html(h, "</ul>");
	}
	if (staff) {
		struct partner_ref *all;
		size_t n_all, n_free = 0;
		if (partner_choices(r->db, &r->arena, r->org_id, &all, &n_all) != 0) {
			respond_section_failed(r, h, "partners: choices");
			n_all = 0;
		}
		for (size_t i = 0; i < n_all; i++) {
			bool linked = false;
			for (size_t k = 0; k < n; k++)
				linked |= ps[k].id == all[i].id;
			if (!linked)
				all[n_free++] = all[i];
		}
		if (n_free > 0) {
			ui_form(h, r,
			        arena_printf(&r->arena, "/o/%s/communities/%lld/partners",
			                     r->org_slug, community_id),
			        "kring-add");
			html(h,
			     "<div class=\"kring-add__field\"><label class=\"utrecht-form-label\" "
			     "for=\"koppel-partner\">%s</label><select class=\"utrecht-select\" "
			     "id=\"koppel-partner\" name=\"partner\">",
			     T(CPARTNERS_ADD_LABEL));
			for (size_t i = 0; i < n_free; i++)
				html(h, "<option value=\"%lld\">%s</option>", all[i].id,
				     ui_short(&r->arena, all[i].name, 80));
			html(
			    h,
			    "</select></div><button class=\"utrecht-button "
			    "utrecht-button--secondary-action\" type=\"submit\">%s</button></form>",
			    T(CPARTNERS_ADD));
		}
		html(h,
		     "<p class=\"utrecht-paragraph kring-small\"><a class=\"utrecht-link\" "
		     "href=\"/o/%s/partners/new?community=%lld\">%s</a></p>",
		     r->org_slug, community_id, T(CPARTNERS_NEW));
	}
	html(h, "</section>");
}

/* The label of a timeline entry's kind. */
static const char *tl_label(enum timeline_kind k)
{
	switch (k) {
	case TL_STATUS:
		return T(TL_STATUS);
	case TL_CONVERSATION:
		return T(TL_CONVERSATION);
	case TL_ACTION_DONE:
		return T(TL_ACTION_DONE);
	case TL_ACTION_DUE:
		return T(TL_ACTION_DUE);
	case TL_NEXT_CONTACT:
		return T(TL_NEXT_CONTACT);
	case TL_PARTNER:
		return T(TL_PARTNER);
	case TL_ACTIVITY: /* issue 9 */
		return T(TL_ACTIVITY);
	case TL_MEASUREMENT:
		return T(TL_MEASUREMENT);
	case TL_CYCLE: /* issue 11b */
		return T(TL_CYCLE);
	}
	return "";
}

#define TL_PAST_SHOWN 25 /* past events on the profile before "show all" */

static void tl_item(struct req *r, struct html *h, const struct timeline_entry *e,
                    const char *today)
{
	static const char *const cls[] = {"status",  "talk",     "done",    "due",  "next",
	                                  "partner", "activity", "measure", "cycle"};
	html(h,
	     "<li class=\"kring-tl__item kring-tl__item--%s\"><span class=\"kring-tl__date\">%s"
	     "</span><span class=\"kring-tl__kind\">%s</span><span class=\"kring-tl__text\">",
	     cls[e->kind], ui_date(&r->arena, e->date), tl_label(e->kind));
	const char *text = ui_short(&r->arena, e->text, 140);
	switch (e->kind) {
	case TL_STATUS:
		ui_status_badge(h, e->text);
		break;
	case TL_CONVERSATION:
		html(h, "<a class=\"utrecht-link\" href=\"%s\">%s</a> ",
		     ui_conversation_url(r, e->ref_id, ""), text);
		ui_conversation_badge(h, e->detail);
		break;
	case TL_PARTNER:
		html(h, "<a class=\"utrecht-link\" href=\"%s\">%s</a>",
		     ui_partner_url(r, e->ref_id, ""), text);
		break;
	case TL_ACTIVITY: /* issue 9 */
		html(h,
		     "<a class=\"utrecht-link\" href=\"/o/%s/activities/%lld\">%s</a> <span "
		     "class=\"kring-muted\">(%s)</span>",
		     r->org_slug, e->ref_id, text,
		     T_printf(&r->arena, TL_ACTIVITY_MADE, cal_made_label(e->detail)));
		break;
	case TL_MEASUREMENT:
		html(h, "%s <span class=\"kring-muted\">(%s)</span>", text,
		     T_printf(&r->arena, TL_MEASURED, e->detail));
		break;
	case TL_CYCLE: /* issue 11b: the stage, linked to the cycle page */
		html(h, "<a class=\"utrecht-link\" href=\"%s\">%s</a>",
		     ui_community_url(r, r->param_id, "/cycle"), cycle_stage_label(e->text));
		if (e->detail[0])
			html(h, " <span class=\"kring-muted\">%s</span>",
			     ui_short(&r->arena, e->detail, 140));
		break;
	case TL_ACTION_DUE:
	case TL_ACTION_DONE:
	case TL_NEXT_CONTACT:
		html(h, "<a class=\"utrecht-link\" href=\"%s\">%s</a>",
		     ui_conversation_url(r, e->ref_id,
		                         e->kind == TL_NEXT_CONTACT ? "" : "#actiepunten"),
		     text);
		if (e->detail[0])
			html(h, " <span class=\"kring-muted\">(%s)</span>", e->detail);
		if (e->kind == TL_ACTION_DUE && strcmp(e->date, today) < 0)
			html(h, " <span class=\"kring-badge kring-badge--late\">%s</span>",
			     T(ACTION_LATE));
		break;
	}
	html(h, "</span></li>");
}

/* Still to come: open action points (also late ones) and contacts planned from today. */
static bool tl_planned(const struct timeline_entry *e, const char *today)
{
	return e->kind == TL_ACTION_DUE ||
	       ((e->kind == TL_NEXT_CONTACT || e->kind == TL_ACTIVITY) &&
	        strcmp(e->date, today) >= 0);
}

static void timeline_card(struct req *r, struct html *h, long long community_id)
{
	struct timeline_entry *tl;
	size_t n;
	if (community_timeline(r->db, &r->arena, r->org_id, community_id, &tl, &n) != 0) {
		ui_failed_section(r, h, "tijdlijn", T(TL_TITLE));
		return;
	}
	const char *today = partner_today(&r->arena);
	html(h,
	     "<section class=\"kring-card\" id=\"tijdlijn\" aria-labelledby=\"h-tijdlijn\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-tijdlijn\">%s</h2>"
	     "<p class=\"utrecht-paragraph kring-small kring-muted\">%s</p><p "
	     "class=\"kring-toolbar\">",
	     T(TL_TITLE), T(TL_INTRO));
	if (r->role & ROLES_STAFF)
		html(h,
		     "<a class=\"utrecht-button utrecht-button--secondary-action kring-button-link "
		     "kring-button-small\" href=\"/o/%s/conversations/new?community=%lld\">%s</a>",
		     r->org_slug, community_id, T(TALK_NEW));
	html(h,
	     "<a class=\"utrecht-link\" href=\"/o/%s/conversations/prepare?community=%lld\">%s</a>"
	     "</p>",
	     r->org_slug, community_id, T(TALK_PREPARE));
	size_t n_planned = 0;
	for (size_t i = 0; i < n; i++)
		n_planned += tl_planned(&tl[i], today);
	html(h, "<div class=\"kring-tl\"><h3 class=\"utrecht-heading-3\">%s</h3>", T(TL_PLANNED));
	if (n_planned == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(TL_NOTHING_PLANNED));
	} else {
		html(h, "<ol class=\"kring-tl__list\">");
		for (size_t i = n; i-- > 0;) /* soonest first */
			if (tl_planned(&tl[i], today))
				tl_item(r, h, &tl[i], today);
		html(h, "</ol>");
	}
	html(h, "<h3 class=\"utrecht-heading-3\">%s</h3>", T(TL_PAST));
	if (n_planned == n) {
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(TL_NOTHING_YET));
	} else {
		/* the latest TL_PAST_SHOWN, unless all are asked for: the page stays the
		   same size however long the community's history grows */
		const char *all = req_query(r, "tijdlijn");
		size_t n_past = n - n_planned, shown = 0,
		       limit = all && strcmp(all, "alles") == 0 ? n_past : TL_PAST_SHOWN;
		html(h, "<ol class=\"kring-tl__list\">");
		for (size_t i = 0; i < n && shown < limit; i++)
			if (!tl_planned(&tl[i], today)) {
				tl_item(r, h, &tl[i], today);
				shown++;
			}
		html(h, "</ol>");
		if (shown < n_past)
			html(h,
			     "<p class=\"utrecht-paragraph kring-small kring-noprint\">%s <a "
			     "class=\"utrecht-link\" href=\"?tijdlijn=alles#tijdlijn\">%s</a></p>",
			     T_printf(&r->arena, TL_PAST_SOME, shown, n_past), T(TL_PAST_ALL));
	}
	html(h, "</div></section>");
}

void partner_community_sections(struct req *r, struct html *h, long long community_id)
{
	if ((r->role & ROLES_READ) == 0 || r->only_attached != 0)
		return; /* partners and conversations stay with staff */
	html(h, "<div class=\"kring-community-partners\">");
	timeline_card(r, h, community_id);
	partners_card(r, h, community_id);
	html(h, "</div>");
}
