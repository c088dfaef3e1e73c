/*
 * conversations.c - the list of conversations (gesprekken, M5) with the
 * open action points and the planned contacts, and preparing a talk (what
 * kring knows, and the tips of step 4b and 4d).
 */
#include <stdlib.h>
#include <string.h>

#include "../auth/roles.h"
#include "../core/community.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "pager.h"
#include "pages.h"
#include "partner_ui.h"
#include "respond.h"
#include "conversation_ui.h"

#define LIST_PAGE 25

/* ---- the list ---- */

static void open_actions_card(struct req *r, struct html *h, bool staff, const char *today)
{
	struct action_point *ap;
	size_t n;
	if (action_open_list(r->db, &r->arena, r->org_id, 0, 0, &ap, &n) != 0) {
		ui_failed_section(r, h, "open-actiepunten", T(OPEN_ACTIONS_TITLE));
		return;
	}
	size_t late = 0;
	for (size_t i = 0; i < n; i++)
		late += ap[i].due_on[0] && strcmp(ap[i].due_on, today) < 0;
	html(h,
	     "<section class=\"kring-card\" id=\"open-actiepunten\" aria-labelledby=\"h-open\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-open\" tabindex=\"-1\">%s</h2>",
	     T(OPEN_ACTIONS_TITLE));
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "ap-gedaan") == 0)
		page_notice(h, "ok", T(ACTION_TICKED));
	else if (done && strcmp(done, "ap-open") == 0)
		page_notice(h, "ok", T(ACTION_REOPENED));
	size_t gone = 0;
	for (size_t i = 0; i < n; i++)
		gone += ap[i].owner_gone;
	if (gone > 0)
		html(h, "<p class=\"kring-signals kring-signal-inline\"><strong>%s</strong>",
		     TN_printf(&r->arena, HANDOVER_SIGNAL, gone, gone));
	if (gone > 0 && (r->role & ROLES_ADMIN))
		html(h, " <a class=\"utrecht-link\" href=\"/o/%s/actions/owners\">%s</a>",
		     r->org_slug, T(HANDOVER_LINK));
	if (gone > 0)
		html(h, "</p>");
	if (late > 0)
		html(h, "<p class=\"kring-signals kring-signal-inline\"><strong>%s</strong> %s</p>",
		     TN_printf(&r->arena, SIGNAL_LATE_ACTIONS, late, late), T(SIGNAL_LATE_LESSON));
	if (n == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(OPEN_ACTIONS_NONE));
	} else {
		html(h, "<ul class=\"kring-actions-list\">");
		for (size_t i = 0; i < n; i++) {
			html(h, "<li class=\"kring-ap\">");
			if (staff)
				ui_action_toggle(r, h, &ap[i], "lijst");
			html(h,
			     "<span class=\"kring-ap__text\">%s</span><span "
			     "class=\"kring-ap__meta\">%s · ",
			     ui_short(&r->arena, ap[i].text, 200), ui_owner_name(r, &ap[i]));
			ui_due(r, h, ap[i].due_on, false, today);
			html(h, " · <a class=\"utrecht-link\" href=\"%s\">%s</a></span></li>",
			     ui_conversation_url(r, ap[i].conversation_id, ""),
			     ui_short(&r->arena,
			              ap[i].partner_name[0]
			                  ? arena_printf(&r->arena, "%s (%s)", ap[i].subject,
			                                 ap[i].partner_name)
			                  : ap[i].subject,
			              80));
		}
		html(h, "</ul>");
	}
	html(h, "</section>");
}

static void upcoming_card(struct req *r, struct html *h, const char *today)
{
	struct conversation *cv;
	size_t n;
	if (conversation_upcoming(r->db, &r->arena, r->org_id, today, &cv, &n) != 0) {
		ui_failed_section(r, h, "gepland", T(UPCOMING_TITLE));
		return;
	}
	html(h,
	     "<section class=\"kring-card\" id=\"gepland\" aria-labelledby=\"h-gepland\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-gepland\">%s</h2>"
	     "<p class=\"utrecht-paragraph kring-small kring-muted\">%s</p>",
	     T(UPCOMING_TITLE), T(TALK_HOLD_ON));
	if (n == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(UPCOMING_NONE));
	} else {
		html(h, "<ul class=\"kring-talks\">");
		for (size_t i = 0; i < n; i++) {
			const char *who =
			    cv[i].partner_name[0] ? cv[i].partner_name : cv[i].community_name;
			html(h,
			     "<li><span class=\"kring-talks__date\">%s</span> <a "
			     "class=\"utrecht-link\" "
			     "href=\"%s\">%s</a>",
			     ui_date(&r->arena, cv[i].next_on),
			     ui_conversation_url(r, cv[i].id, ""), ui_short(&r->arena, who, 80));
			if (cv[i].next_note[0])
				html(h, "<br><span class=\"kring-small kring-muted\">%s</span>",
				     ui_short(&r->arena, cv[i].next_note, 120));
			html(h, "</li>");
		}
		html(h, "</ul>");
	}
	html(h, "</section>");
}

int page_conversations(struct req *r)
{
	struct choices ps, cs, os;
	if (ui_load_choices(r, &ps, &cs, &os) != 0)
		return HANDLER_ERROR;
	struct conversation_filter f = {.kind = ""};
	const char *v = req_query(r, "soort");
	if (vocab_index(conversation_kinds, v) >= 0)
		f.kind = v;
	v = req_query(r, "partner");
	for (size_t i = 1; v && i < ps.n; i++) /* only a partner of this organisation */
		if (strcmp(ps.values[i], v) == 0)
			f.partner = form_id_or_zero(v);
	v = req_query(r, "community");
	for (size_t i = 1; v && i < cs.n; i++)
		if (strcmp(cs.values[i], v) == 0)
			f.community = form_id_or_zero(v);
	struct pager pg;
	pager_init(&pg, r, LIST_PAGE);
	pager_filter_text(&pg, "soort", f.kind);
	pager_filter_int(&pg, "partner", f.partner);
	pager_filter_int(&pg, "community", f.community);
	struct conversation *cv;
	size_t n;
	long long total;
	if (conversation_list(r->db, &r->arena, r->org_id, &f, pg.per_page, pager_offset(&pg), &cv,
	                      &n, &total) != 0)
		return HANDLER_ERROR;
	pg.total = total;
	bool staff = (r->role & ROLES_STAFF) != 0;
	const char *today = partner_today(&r->arena);

	struct html h;
	page_begin(r, &h, T(TALKS_TITLE));
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     T(TALKS_TITLE), T(TALKS_INTRO));
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "verwijderd") == 0)
		page_notice(&h, "ok", T(TALK_DELETED));
	html(&h, "<p class=\"kring-toolbar\">");
	if (staff)
		html(&h,
		     "<a class=\"utrecht-button utrecht-button--primary-action kring-button-link\" "
		     "href=\"/o/%s/conversations/new\">%s</a>",
		     r->org_slug, T(TALK_NEW));
	html(&h,
	     "<a class=\"utrecht-link\" href=\"/o/%s/conversations/prepare\">%s</a>"
	     "<a class=\"utrecht-link\" href=\"/o/%s/partners/print\">%s</a></p>",
	     r->org_slug, T(TALK_PREPARE), r->org_slug, T(PARTNERS_PRINT_BLANK));
	html(&h, "<div class=\"kring-columns kring-columns--2\">");
	open_actions_card(r, &h, staff, today);
	upcoming_card(r, &h, today);
	html(&h, "</div>");

	html(&h, "<h2 class=\"utrecht-heading-2\" id=\"h-alle\">%s</h2>", T(TALKS_ALL));
	bool any_filter = f.kind[0] || f.partner || f.community;
	if (total > 0 || any_filter) {
		html(&h,
		     "<form class=\"kring-filters\" method=\"get\" action=\"/o/%s/conversations\" "
		     "aria-label=\"%s\">",
		     r->org_slug, T(COMMUNITIES_FILTER_TITLE));
		html(&h,
		     "<div class=\"kring-filter\"><label class=\"utrecht-form-label\" "
		     "for=\"filter-soort\">%s</label><select class=\"utrecht-select\" "
		     "id=\"filter-soort\" name=\"soort\"><option value=\"\">%s</option>",
		     T(TF_KIND), T(FILTER_ALL));
		for (int i = 0; conversation_kinds[i]; i++)
			html(&h, "<option value=\"%s\"%s>%s</option>", conversation_kinds[i],
			     strcmp(conversation_kinds[i], f.kind) == 0 ? " selected" : "",
			     TX(TXT_CONVERSATION_KIND_KENNISMAKING + i));
		html(&h, "</select></div>");
		const char *names[] = {"partner", "community"};
		const struct choices *chs[] = {&ps, &cs};
		long long cur[] = {f.partner, f.community};
		const char *labels[] = {T(TF_PARTNER), T(TF_COMMUNITY)};
		for (int k = 0; k < 2; k++) {
			html(&h,
			     "<div class=\"kring-filter\"><label class=\"utrecht-form-label\" "
			     "for=\"filter-%s\">%s</label><select class=\"utrecht-select\" "
			     "id=\"filter-%s\" name=\"%s\"><option value=\"\">%s</option>",
			     names[k], labels[k], names[k], names[k], T(FILTER_ALL));
			for (size_t i = 1; i < chs[k]->n; i++)
				html(&h, "<option value=\"%s\"%s>%s</option>", chs[k]->values[i],
				     form_id_or_zero(chs[k]->values[i]) == cur[k] ? " selected"
				                                                  : "",
				     chs[k]->labels[i]);
			html(&h, "</select></div>");
		}
		html(&h,
		     "<div class=\"kring-filter kring-filter--buttons\"><button "
		     "class=\"utrecht-button utrecht-button--secondary-action\" "
		     "type=\"submit\">%s</button>",
		     T(FILTER_APPLY));
		if (any_filter)
			html(&h, " <a class=\"utrecht-link\" href=\"/o/%s/conversations\">%s</a>",
			     r->org_slug, T(FILTER_RESET));
		html(&h, "</div></form>");
	}
	if (n == 0) {
		html(&h, "<p class=\"utrecht-paragraph kring-empty\">%s</p>",
		     any_filter ? T(TALKS_NONE_FILTER) : T(TALKS_NONE));
	} else {
		html(&h,
		     "<div class=\"kring-table-wrap\"><table class=\"utrecht-table kring-table "
		     "kring-table--talks\"><caption class=\"utrecht-table__caption\">%s</caption>"
		     "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th></tr></thead>"
		     "<tbody class=\"utrecht-table__body\">",
		     T_printf(&r->arena, TALKS_CAPTION, total), T(TCOL_DATE), T(TCOL_TALK),
		     T(TCOL_WITH), T(TCOL_SENT), T(TCOL_NEXT));
		for (size_t i = 0; i < n; i++) {
			html(&h,
			     "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell "
			     "kring-nowrap\" data-label=\"%s\">%s</td><th "
			     "class=\"utrecht-table__cell\" "
			     "scope=\"row\"><a class=\"utrecht-link kring-strong-link\" "
			     "href=\"%s\">%s</a><br>",
			     T(TCOL_DATE), ui_date(&r->arena, cv[i].held_on),
			     ui_conversation_url(r, cv[i].id, ""),
			     ui_short(&r->arena, cv[i].subject, 120));
			ui_conversation_badge(&h, cv[i].kind);
			html(&h, "</th><td class=\"utrecht-table__cell\" data-label=\"%s\">",
			     T(TCOL_WITH));
			if (cv[i].partner_id)
				html(&h, "<a class=\"utrecht-link\" href=\"%s\">%s</a>",
				     ui_partner_url(r, cv[i].partner_id, ""),
				     ui_short(&r->arena, cv[i].partner_name, 60));
			if (cv[i].partner_id && cv[i].community_id)
				html(&h, "<br>");
			if (cv[i].community_id)
				html(&h, "<span class=\"kring-small\">%s</span>",
				     ui_short(&r->arena, cv[i].community_name, 60));
			html(&h, "</td><td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td>",
			     T(TCOL_SENT), cv[i].report_sent ? T(SENT_YES_SHORT) : T(SENT_NOT_YET));
			html(&h, "<td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td></tr>",
			     T(TCOL_NEXT),
			     cv[i].next_on[0] ? ui_date(&r->arena, cv[i].next_on) : "–");
		}
		html(&h, "</tbody></table></div>");
	}
	pager_nav(&h, &pg);
	page_end(r, &h, 200);
	return HANDLER_OK;
}

/* ---- preparing a talk ---- */

int page_conversation_prepare(struct req *r)
{
	struct partner p;
	struct community cm;
	bool has_p = false, has_c = false;
	const char *v = req_query(r, "partner");
	if (v && v[0]) {
		int found = partner_get(r->db, &r->arena, r->org_id, form_id_or_zero(v), &p);
		if (found < 0)
			return HANDLER_ERROR;
		if (found == 0) { /* not a partner of this organisation */
			resp_error(r, 404);
			return HANDLER_OK;
		}
		has_p = true;
	}
	v = req_query(r, "community");
	if (v && v[0]) {
		int found = community_get(r->db, &r->arena, r->org_id, form_id_or_zero(v), &cm);
		if (found < 0)
			return HANDLER_ERROR;
		if (found == 0)
			return respond_not_found(r);
		has_c = true;
	}
	bool staff = (r->role & ROLES_STAFF) != 0;
	const char *today = partner_today(&r->arena);
	struct html h;
	const char *title =
	    has_p   ? T_printf(&r->arena, PREPARE_WITH, ui_short(&r->arena, p.name, 80))
	    : has_c ? T_printf(&r->arena, PREPARE_WITH, ui_short(&r->arena, cm.name, 80))
	            : T(TALK_PREPARE);
	page_begin(r, &h, title);
	html(&h,
	     "<nav class=\"kring-crumbs\" aria-label=\"%s\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/conversations\">%s</a>",
	     T(CRUMBS_LABEL), r->org_slug, T(TALK_BACK));
	if (has_p)
		html(&h, " › <a class=\"utrecht-link\" href=\"%s\">%s</a>",
		     ui_partner_url(r, p.id, ""), ui_short(&r->arena, p.name, 80));
	else if (has_c)
		html(&h, " › <a class=\"utrecht-link\" href=\"%s\">%s</a>",
		     ui_community_url(r, cm.id, ""), ui_short(&r->arena, cm.name, 80));
	html(&h,
	     "</nav><h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     title, T(PREPARE_INTRO));
	html(&h, "<p class=\"kring-toolbar\">");
	if (staff) {
		struct buf q;
		buf_init(&q, &r->arena);
		if (has_p)
			buf_printf(&q, "&partner=%lld", p.id);
		if (has_c)
			buf_printf(&q, "&community=%lld", cm.id);
		html(&h,
		     "<a class=\"utrecht-button utrecht-button--primary-action kring-button-link\" "
		     "href=\"/o/%s/conversations/new%s%s\">%s</a>",
		     r->org_slug, q.len ? "?" : "", q.len ? buf_str(&q) + 1 : "",
		     T(PREPARE_RECORD));
	}
	if (has_p)
		html(&h,
		     "<a class=\"utrecht-link\" href=\"/o/%s/partners/print?partner=%lld\">%s</a>",
		     r->org_slug, p.id, T(POWER_PRINT_FOR));
	else
		html(&h, "<a class=\"utrecht-link\" href=\"/o/%s/partners/print\">%s</a>",
		     r->org_slug, T(PARTNERS_PRINT_BLANK));
	html(&h, "</p>");

	if (!has_p && !has_c) { /* choose whom to prepare for */
		struct choices ps, cs, os;
		if (ui_load_choices(r, &ps, &cs, &os) != 0)
			return HANDLER_ERROR;
		html(&h,
		     "<form class=\"kring-filters\" method=\"get\" "
		     "action=\"/o/%s/conversations/prepare\" "
		     "aria-labelledby=\"h-kies\"><h2 class=\"kring-sr\" id=\"h-kies\">%s</h2>"
		     "<div class=\"kring-filter\"><label class=\"utrecht-form-label\" "
		     "for=\"prep-partner\">%s</label><select class=\"utrecht-select\" "
		     "id=\"prep-partner\" "
		     "name=\"partner\">",
		     r->org_slug, T(PREPARE_CHOOSE), T(TF_PARTNER));
		for (size_t i = 0; i < ps.n; i++)
			html(&h, "<option value=\"%s\">%s</option>", ps.values[i], ps.labels[i]);
		html(&h,
		     "</select></div><div class=\"kring-filter kring-filter--buttons\"><button "
		     "class=\"utrecht-button utrecht-button--secondary-action\" type=\"submit\">%s"
		     "</button></div></form>",
		     T(PREPARE_SHOW));
	}

	html(&h, "<div class=\"kring-profile\"><div class=\"kring-profile__main\">");
	if (has_p || has_c) {
		html(&h,
		     "<section class=\"kring-card\" aria-labelledby=\"h-weet\"><h2 "
		     "class=\"utrecht-heading-2\" id=\"h-weet\">%s</h2>",
		     T(PREPARE_KNOWN));
		if (has_p) {
			struct partner_power *pw;
			size_t n_pw;
			if (power_list(r->db, &r->arena, r->org_id, p.id, &pw, &n_pw) != 0)
				return HANDLER_ERROR;
			if (p.description[0])
				html(&h, "<p class=\"utrecht-paragraph kring-pre\">%s</p>",
				     p.description);
			if (n_pw > 0) {
				html(&h,
				     "<h3 class=\"utrecht-heading-3\">%s</h3><dl "
				     "class=\"kring-power\">",
				     T_printf(&r->arena, POWER_OF_DATE,
				              ui_date(&r->arena, pw[0].met_on)));
				const char *vals[] = {pw[0].challenges, pw[0].core_values,
				                      pw[0].goals, pw[0].commitments,
				                      pw[0].success};
				const char *labels[] = {T(POWER_CHALLENGES), T(POWER_VALUES),
				                        T(POWER_GOALS), T(POWER_COMMITMENTS),
				                        T(POWER_SUCCESS)};
				for (int i = 0; i < 5; i++)
					html(&h,
					     "<div class=\"kring-power__box%s\"><dt>%s</dt><dd "
					     "class=\"%s\">%s</dd></div>",
					     i == 4 ? " kring-power__box--wide" : "", labels[i],
					     vals[i][0] ? "kring-pre" : "kring-muted",
					     vals[i][0] ? vals[i] : T(EMPTY_VALUE));
				html(&h, "</dl>");
			} else {
				html(&h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>",
				     T(PREPARE_NO_POWER));
			}
		}
		struct conversation_filter f = {
		    .kind = "", .partner = has_p ? p.id : 0, .community = has_p ? 0 : cm.id};
		struct conversation *cv;
		size_t n;
		long long total;
		if (conversation_list(r->db, &r->arena, r->org_id, &f, 3, 0, &cv, &n, &total) != 0)
			return HANDLER_ERROR;
		html(&h, "<h3 class=\"utrecht-heading-3\">%s</h3>", T(PREPARE_LAST_TALKS));
		if (n == 0)
			html(&h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>",
			     T(PREPARE_FIRST_TIME));
		for (size_t i = 0; i < n; i++) {
			html(&h,
			     "<div class=\"kring-prev-talk\"><p "
			     "class=\"utrecht-paragraph\"><strong>%s"
			     "</strong> · <a class=\"utrecht-link\" href=\"%s\">%s</a></p>",
			     ui_date(&r->arena, cv[i].held_on),
			     ui_conversation_url(r, cv[i].id, ""),
			     ui_short(&r->arena, cv[i].subject, 100));
			if (cv[i].report[0])
				html(&h,
				     "<p class=\"utrecht-paragraph kring-small kring-pre\">%s</p>",
				     ui_short(&r->arena, cv[i].report, 400));
			html(&h, "</div>");
		}
		struct action_point *ap;
		size_t n_ap;
		if (action_open_list(r->db, &r->arena, r->org_id, has_p ? p.id : 0,
		                     has_p ? 0 : cm.id, &ap, &n_ap) != 0)
			return HANDLER_ERROR;
		html(&h, "<h3 class=\"utrecht-heading-3\">%s</h3>", T(PACTIONS_TITLE));
		if (n_ap == 0)
			html(&h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>",
			     T(PACTIONS_NONE));
		else {
			html(&h, "<ul class=\"kring-actions-list\">");
			for (size_t i = 0; i < n_ap; i++) {
				html(&h,
				     "<li class=\"kring-ap\"><span "
				     "class=\"kring-ap__text\">%s</span>"
				     "<span class=\"kring-ap__meta\">%s · ",
				     ui_short(&r->arena, ap[i].text, 200),
				     ui_owner_name(r, &ap[i]));
				ui_due(r, &h, ap[i].due_on, false, today);
				html(&h, "</span></li>");
			}
			html(&h, "</ul>");
		}
		html(&h, "</section>");
	}
	/* werkblad 5: the questions that help */
	html(&h,
	     "<section class=\"kring-card\" aria-labelledby=\"h-vragen\"><h2 "
	     "class=\"utrecht-heading-2\" id=\"h-vragen\">%s</h2><p class=\"utrecht-paragraph "
	     "kring-small kring-muted\">%s</p><div class=\"kring-columns kring-columns--2\">",
	     T(PREPARE_QUESTIONS), T(PREPARE_QUESTIONS_INTRO));
	static const struct {
		int title, first, n;
	} qs[] = {
	    {TXT_WB5_ABOUT_VALUES, TXT_Q_VALUES_1, 2},
	    {TXT_WB5_ABOUT_CHALLENGES, TXT_Q_CHALLENGES_1, 4},
	    {TXT_WB5_ABOUT_GOALS, TXT_Q_GOALS_1, 4},
	    {TXT_WB5_ABOUT_COMMITMENTS, TXT_Q_COMMITMENTS_1, 3},
	    {TXT_WB5_ABOUT_SUCCESS, TXT_Q_SUCCESS_1, 3},
	};
	for (size_t i = 0; i < sizeof(qs) / sizeof(qs[0]); i++) {
		html(&h,
		     "<div><h3 class=\"utrecht-heading-3\">%s</h3><ul "
		     "class=\"utrecht-unordered-list\">",
		     TX(qs[i].title));
		for (int k = 0; k < qs[i].n; k++)
			html(&h, "<li>%s</li>", TX(qs[i].first + k));
		html(&h, "</ul></div>");
	}
	html(&h, "</div></section></div><div class=\"kring-profile__side\">");
	html(
	    &h,
	    "<section class=\"kring-card kring-tips-card\" aria-labelledby=\"h-tips\">"
	    "<h2 class=\"utrecht-heading-2\" id=\"h-tips\">%s</h2><p class=\"utrecht-paragraph\">%s"
	    "</p>",
	    T(PREPARE_TIPS), T(TIP_CONTACT_FIRST));
	ui_talk_tips(&h, "prep");
	html(&h, "</section></div></div>");
	page_end(r, &h, 200);
	return HANDLER_OK;
}
