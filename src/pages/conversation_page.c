/*
 * conversation_page.c - one conversation: its report, its action points
 * (added, changed and ticked off in small forms that work without
 * JavaScript), the next contact; and deleting it after a confirmation step
 * that names the version it saw.
 */
#include <stdlib.h>
#include <string.h>

#include "../auth/roles.h"
#include "../core/community.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "pages.h"
#include "partner_ui.h"
#include "respond.h"
#include "conversation_ui.h"

/* ---- one conversation ---- */

/* A fact: label and text, or "nog niet ingevuld". */
static void fact_row(struct html *h, const char *label, const char *value)
{
	html(h, "<div class=\"kring-fact\"><dt>%s</dt>", label);
	if (value && value[0])
		html(h, "<dd class=\"kring-pre\">%s</dd></div>", value);
	else
		html(h, "<dd class=\"kring-muted\">%s</dd></div>", T(EMPTY_VALUE));
}

/*
 * The owner choice. gone (may be NULL): an owner without a role, shown
 * (chosen) as such, so that saving asks for someone else instead of
 * silently dropping them.
 */
static void owner_select(struct req *r, struct html *h, const char *id, const struct choices *os,
                         const char *current, const struct action_point *gone)
{
	html(h,
	     "<div class=\"kring-add__field\"><label class=\"utrecht-form-label\" for=\"%s\">%s"
	     "</label><select class=\"utrecht-select\" id=\"%s\" name=\"owner\">",
	     id, T(AF_OWNER), id);
	if (gone)
		html(h, "<option value=\"%lld\" selected>%s</option>", gone->owner_id,
		     ui_owner_name(r, gone));
	for (size_t i = 0; i < os->n; i++)
		html(h, "<option value=\"%s\"%s>%s</option>", os->values[i],
		     !gone && strcmp(os->values[i], current) == 0 ? " selected" : "",
		     os->labels[i]);
	html(h, "</select></div>");
}

static void due_input(struct html *h, const char *id, const char *value)
{
	html(h,
	     "<div class=\"kring-add__field kring-add__date\"><label class=\"utrecht-form-label\" "
	     "for=\"%s\">%s</label><input class=\"utrecht-textbox\" type=\"date\" id=\"%s\" "
	     "name=\"due\" value=\"%s\"></div>",
	     id, T(AF_DUE), id, value);
}

static void action_item(struct req *r, struct html *h, const struct conversation *c,
                        const struct action_point *ap, const struct choices *os, bool staff,
                        const char *today, const struct ap_problem *pb)
{
	bool mine = pb && !pb->add && pb->id == ap->id;
	html(h, "<li class=\"kring-ap%s\" id=\"ap-%lld\" tabindex=\"-1\">",
	     ap->done ? " kring-ap--done" : "", ap->id);
	if (staff)
		ui_action_toggle(r, h, ap, "gesprek");
	else
		html(h, "<span class=\"kring-badge kring-badge--%s\">%s</span> ",
		     ap->done ? "gedaan" : "gepland", ap->done ? T(ACTION_DONE) : T(ACTION_OPEN));
	html(h, "<span class=\"kring-ap__text kring-pre\">%s</span><span class=\"kring-ap__meta\">",
	     ap->text);
	html(h, "%s · ", ui_owner_name(r, ap));
	ui_due(r, h, ap->due_on, ap->done, today);
	if (ap->done)
		html(h, " · %s",
		     T_printf(&r->arena, ACTION_DONE_ON, fmt_date(&r->arena, ap->done_at)));
	html(h, "</span>");
	if (staff) {
		const char *base =
		    ui_conversation_url(r, c->id, arena_printf(&r->arena, "/actions/%lld", ap->id));
		html(h,
		     "<details class=\"kring-details kring-item__edit\"%s><summary>%s<span "
		     "class=\"kring-sr\">: %s</span></summary>",
		     mine ? " open" : "", T(ITEM_EDIT), ui_short(&r->arena, ap->text, 60));
		if (mine && pb->error)
			html(h,
			     "<p class=\"utrecht-form-field-error-message\" role=\"alert\">%s</p>",
			     pb->error);
		if (mine && pb->theirs)
			html(h,
			     "<div class=\"utrecht-alert utrecht-alert--warning kring-notice\" "
			     "role=\"alert\"><p class=\"utrecht-paragraph\">%s</p><p "
			     "class=\"utrecht-paragraph\"><strong>%s</strong></p><p "
			     "class=\"utrecht-paragraph kring-pre\">%s</p></div>",
			     pb->deleting ? T(ACTION_DELETE_STALE) : T(ACTION_CONFLICT),
			     T(ITEM_CONFLICT_THEIRS), pb->theirs);
		ui_form(h, r, base, "kring-add kring-ap-form");
		html(h,
		     "<input type=\"hidden\" name=\"version\" value=\"%lld\">"
		     "<div class=\"kring-add__field kring-add__field--wide\"><label "
		     "class=\"utrecht-form-label\" for=\"ap-text-%lld\">%s</label><textarea "
		     "class=\"utrecht-textarea\" id=\"ap-text-%lld\" name=\"text\" rows=\"2\">%s"
		     "</textarea></div>",
		     mine ? pb->version : ap->version, ap->id, T(AF_TEXT), ap->id,
		     mine ? pb->text : ap->text);
		owner_select(r, h, arena_printf(&r->arena, "ap-owner-%lld", ap->id), os,
		             mine ? pb->owner : ui_owner_value(r, ap),
		             !mine && ap->owner_gone && ap->owner_id ? ap : NULL);
		due_input(h, arena_printf(&r->arena, "ap-due-%lld", ap->id),
		          mine ? pb->due : ap->due_on);
		html(h,
		     "<button class=\"utrecht-button utrecht-button--primary-action\" "
		     "type=\"submit\">%s</button></form>",
		     T(SAVE));
		ui_form(h, r, arena_printf(&r->arena, "%s/delete", base), "kring-tool-form");
		html(h,
		     "<input type=\"hidden\" name=\"version\" value=\"%lld\">"
		     "<p class=\"kring-actions\"><button class=\"utrecht-button "
		     "utrecht-button--secondary-action kring-danger\" type=\"submit\">%s<span "
		     "class=\"kring-sr\">: %s</span></button></p></form></details>",
		     mine ? pb->version : ap->version, T(ITEM_DELETE),
		     ui_short(&r->arena, ap->text, 60));
	}
	html(h, "</li>");
}

static void actions_section(struct req *r, struct html *h, const struct conversation *c, bool staff,
                            const struct ap_problem *pb)
{
	struct action_point *aps;
	size_t n;
	struct choices ps, cs, os;
	if (action_list(r->db, &r->arena, r->org_id, c->id, &aps, &n) != 0 ||
	    (staff && (ui_load_choices(r, &ps, &cs, &os) != 0 ||
	               ui_owner_choices(r, c->community_id, &os) != 0))) {
		ui_failed_section(r, h, "actiepunten", T(ACTIONS_TITLE));
		return;
	}
	const char *today = partner_today(&r->arena);
	html(h,
	     "<section class=\"kring-card\" id=\"actiepunten\" data-kring-region "
	     "aria-labelledby=\"h-actiepunten\"><h2 class=\"utrecht-heading-2\" "
	     "id=\"h-actiepunten\" tabindex=\"-1\">%s</h2><p class=\"utrecht-paragraph kring-small "
	     "kring-muted\">%s</p>",
	     T(ACTIONS_TITLE), T(ACTIONS_INTRO));
	const char *done = req_query(r, "klaar");
	static const struct {
		const char *key;
		int text;
	} notices[] = {
	    {"ap-nieuw", TXT_ACTION_ADDED},   {"ap-opgeslagen", TXT_ACTION_SAVED},
	    {"ap-gedaan", TXT_ACTION_TICKED}, {"ap-open", TXT_ACTION_REOPENED},
	    {"ap-weg", TXT_ACTION_DELETED},
	};
	for (size_t i = 0; done && i < sizeof(notices) / sizeof(notices[0]); i++)
		if (strcmp(done, notices[i].key) == 0)
			page_notice(h, "ok", TX(notices[i].text));
	if (n == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(TALK_ACTIONS_NONE));
	} else {
		html(h, "<ul class=\"kring-actions-list\">");
		for (size_t i = 0; i < n; i++)
			action_item(r, h, c, &aps[i], &os, staff, today, pb);
		html(h, "</ul>");
	}
	if (staff) {
		bool err = pb && pb->add && pb->error;
		html(h, "<h3 class=\"utrecht-heading-3\">%s</h3>", T(ACTION_ADD_TITLE));
		ui_form(h, r, ui_conversation_url(r, c->id, "/actions"), "kring-add kring-ap-form");
		html(h,
		     "<div class=\"kring-add__field kring-add__field--wide%s\"><label "
		     "class=\"utrecht-form-label\" for=\"ap-nieuw\">%s</label>",
		     err ? " utrecht-form-field--invalid" : "", T(AF_TEXT));
		if (err)
			html(h,
			     "<p class=\"utrecht-form-field-error-message\" "
			     "id=\"ap-nieuw-error\">%s</p>",
			     pb->error);
		html(h, "<textarea class=\"utrecht-textarea\" id=\"ap-nieuw\" name=\"text\" "
		        "rows=\"2\"");
		if (err)
			html(h, " aria-invalid=\"true\" aria-describedby=\"ap-nieuw-error\"");
		html(h, ">%s</textarea></div>", err ? pb->text : "");
		owner_select(r, h, "ap-nieuw-owner", &os, err ? pb->owner : "", NULL);
		due_input(h, "ap-nieuw-due", err ? pb->due : "");
		html(h,
		     "<button class=\"utrecht-button utrecht-button--secondary-action\" "
		     "type=\"submit\">%s</button></form>",
		     T(ACTION_ADD));
	}
	html(h, "</section>");
}

int ui_talk_page(struct req *r, const struct ap_problem *pb, unsigned status)
{
	struct conversation c;
	int found = conversation_get(r->db, &r->arena, r->org_id, r->param_id, &c);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	bool staff = (r->role & ROLES_STAFF) != 0;
	const char *today = partner_today(&r->arena);
	struct html h;
	page_begin(r, &h, ui_short(&r->arena, c.subject, 80));
	html(&h,
	     "<nav class=\"kring-crumbs\" aria-label=\"%s\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/conversations\">%s</a></nav>"
	     "<div class=\"kring-profile-head\"><div><h1 class=\"utrecht-heading-1\">%s</h1>"
	     "<p class=\"kring-profile-head__meta\">",
	     T(CRUMBS_LABEL), r->org_slug, T(TALK_BACK), c.subject);
	ui_conversation_badge(&h, c.kind);
	html(&h, " <span>%s</span>", ui_date(&r->arena, c.held_on));
	html(&h, "</p></div><p class=\"kring-toolbar kring-profile-head__tools\">");
	if (staff)
		html(&h,
		     "<a class=\"utrecht-button utrecht-button--primary-action kring-button-link\" "
		     "href=\"%s\">%s</a>",
		     ui_conversation_url(r, c.id, "/edit"), T(TALK_EDIT));
	html(&h,
	     "<button class=\"utrecht-button utrecht-button--secondary-action\" type=\"button\" "
	     "data-kring-print hidden>%s</button>",
	     T(PROFILE_PRINT));
	if (staff)
		html(&h, "<a class=\"utrecht-link kring-danger-link\" href=\"%s\">%s</a>",
		     ui_conversation_url(r, c.id, "/delete"), T(PROFILE_DELETE));
	html(&h, "</p></div>");
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "nieuw") == 0)
		page_notice(&h, "ok", T(TALK_CREATED));
	else if (done && strcmp(done, "opgeslagen") == 0)
		page_notice(&h, "ok", T(TALK_SAVED));

	html(&h, "<div class=\"kring-profile\"><div class=\"kring-profile__main\">");
	html(&h,
	     "<section class=\"kring-card\" aria-labelledby=\"h-verslag\"><h2 "
	     "class=\"utrecht-heading-2\" id=\"h-verslag\">%s</h2>",
	     T(TF_REPORT));
	if (c.report[0])
		html(&h, "<div class=\"kring-report kring-pre\">%s</div>", c.report);
	else
		html(&h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(TALK_NO_REPORT));
	html(&h, "<dl class=\"kring-facts kring-facts--two\">");
	html(&h, "<div class=\"kring-fact\"><dt>%s</dt><dd>", T(TF_SENT));
	if (c.report_sent)
		html(&h, "<span class=\"kring-badge kring-badge--gedaan\">%s</span>", T(SENT_YES));
	else
		html(&h,
		     "<span class=\"kring-badge kring-badge--gepland\">%s</span> "
		     "<span class=\"kring-small kring-muted\">%s</span>",
		     T(SENT_NOT_YET), T(TALK_SEND_TIP));
	html(&h, "</dd></div>");
	fact_row(&h, T(TF_PARTICIPANTS), c.participants);
	if (c.who[0])
		fact_row(&h, T(TALK_WRITTEN_BY), c.who);
	html(&h, "</dl></section>");
	actions_section(r, &h, &c, staff, pb);
	html(&h, "</div><div class=\"kring-profile__side\">");
	html(&h,
	     "<section class=\"kring-card\" aria-labelledby=\"h-met\"><h2 "
	     "class=\"utrecht-heading-2\" id=\"h-met\">%s</h2><dl class=\"kring-facts\">",
	     T(TALK_WITH));
	html(&h, "<div class=\"kring-fact\"><dt>%s</dt><dd>", T(TF_PARTNER));
	if (c.partner_id)
		html(&h, "<a class=\"utrecht-link\" href=\"%s\">%s</a>",
		     ui_partner_url(r, c.partner_id, ""), c.partner_name);
	else
		html(&h, "<span class=\"kring-muted\">%s</span>", T(TALK_NO_PARTNER));
	html(&h, "</dd></div><div class=\"kring-fact\"><dt>%s</dt><dd>", T(TF_COMMUNITY));
	if (c.community_id)
		html(&h, "<a class=\"utrecht-link\" href=\"%s\">%s</a>",
		     ui_community_url(r, c.community_id, ""), c.community_name);
	else
		html(&h, "<span class=\"kring-muted\">%s</span>", T(TALK_NO_COMMUNITY));
	html(&h, "</dd></div></dl></section>");
	html(&h,
	     "<section class=\"kring-card\" id=\"volgend-contact\" aria-labelledby=\"h-volgend\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-volgend\">%s</h2>",
	     T(TF_SECTION_NEXT));
	if (c.next_on[0]) {
		html(&h, "<p class=\"kring-next\"><span class=\"kring-next__date\">%s</span>",
		     ui_date(&r->arena, c.next_on));
		if (strcmp(c.next_on, today) < 0)
			html(&h, " <span class=\"kring-badge kring-badge--late\">%s</span>",
			     T(NEXT_PASSED));
		html(&h, "</p>");
		if (c.next_note[0])
			html(&h, "<p class=\"utrecht-paragraph kring-pre\">%s</p>", c.next_note);
	} else {
		html(&h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(TALK_NO_NEXT));
	}
	html(&h, "<p class=\"utrecht-paragraph kring-small kring-muted\">%s</p>", T(TALK_HOLD_ON));
	if (staff) {
		struct buf q;
		buf_init(&q, &r->arena);
		if (c.partner_id)
			buf_printf(&q, "&partner=%lld", c.partner_id);
		if (c.community_id)
			buf_printf(&q, "&community=%lld", c.community_id);
		html(&h,
		     "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
		     "href=\"/o/%s/conversations/new?%s\">%s</a></p>",
		     r->org_slug, buf_str(&q) + 1, T(TALK_FOLLOW_UP));
	}
	html(&h, "</section></div></div>");
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_conversation(struct req *r)
{
	return ui_talk_page(r, NULL, 200);
}

/* ---- delete, after a confirmation step ---- */

/*
 * The confirmation page; its form names the version shown. stale: the
 * person confirmed an older version: say so, show the conversation as it
 * is now, and ask again (409).
 */
static int delete_page(struct req *r, const struct conversation *c, bool stale, unsigned status)
{
	struct html h;
	page_begin(r, &h, T(TDELETE_TITLE));
	html(&h,
	     "<div class=\"kring-narrow\"><nav class=\"kring-crumbs\" aria-label=\"%s\">"
	     "<a class=\"utrecht-link\" href=\"/o/%s/conversations\">%s</a> › "
	     "<a class=\"utrecht-link\" href=\"%s\">%s</a></nav>"
	     "<h1 class=\"utrecht-heading-1\">%s</h1>",
	     T(CRUMBS_LABEL), r->org_slug, T(TALK_BACK), ui_conversation_url(r, c->id, ""),
	     ui_short(&r->arena, c->subject, 80), T(TDELETE_TITLE));
	if (stale) {
		page_notice(&h, "warning", T(TDELETE_STALE));
		html(&h, "<h2 class=\"utrecht-heading-2\">%s</h2><dl class=\"kring-facts\">",
		     T(DELETE_STALE_NOW));
		fact_row(&h, T(TF_SUBJECT), c->subject);
		fact_row(&h, T(TF_DATE), ui_date(&r->arena, c->held_on));
		fact_row(&h, T(TF_PARTICIPANTS), c->participants);
		fact_row(&h, T(TF_REPORT), c->report);
		fact_row(&h, T(DELETE_STALE_CHANGED), fmt_datetime(&r->arena, c->updated_at));
		html(&h, "</dl>");
	}
	html(
	    &h,
	    "<p class=\"utrecht-paragraph kring-lead\">%s</p><p class=\"utrecht-paragraph\">%s</p>",
	    T_printf(&r->arena, TDELETE_QUESTION, ui_short(&r->arena, c->subject, 200),
	             ui_date(&r->arena, c->held_on)),
	    T(TDELETE_EXPLAIN));
	form_delete_confirm(&h, r, ui_conversation_url(r, c->id, "/delete"), c->version,
	                    T(TDELETE_CONFIRM), ui_conversation_url(r, c->id, ""),
	                    T(TDELETE_CANCEL));
	html(&h, "</div>");
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_conversation_delete_confirm(struct req *r)
{
	struct conversation c;
	int found = conversation_get(r->db, &r->arena, r->org_id, r->param_id, &c);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	return delete_page(r, &c, false, 200);
}

/* SAVE_CONFLICT of a delete: the confirmation again, as the conversation is now. */
static int delete_again(struct req *r, void *ctx)
{
	struct conversation *c = ctx;
	if (conversation_get(r->db, &r->arena, r->org_id, c->id, c) != 1)
		return HANDLER_ERROR;
	return delete_page(r, c, true, 409);
}

int page_conversation_delete(struct req *r)
{
	struct conversation c;
	int found = conversation_get(r->db, &r->arena, r->org_id, r->param_id, &c);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	long long version;
	if (!ui_form_version(r, &version)) {
		resp_error(r, 400);
		return HANDLER_OK;
	}
	enum save_result rc = conversation_delete(r->db, r->org_id, r->person_id, c.id, version);
	return respond_saved(
	    r, rc,
	    &(struct respond_save){
	        .location =
	            arena_printf(&r->arena, "/o/%s/conversations?klaar=verwijderd", r->org_slug),
	        .conflict = delete_again,
	        .ctx = &c});
}
