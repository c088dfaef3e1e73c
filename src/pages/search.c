/*
 * search.c - find anything: one search box over communities, partners and
 * conversations, results grouped by kind, each with a link and the piece of
 * text where it was found. What a person finds follows their role
 * (core/search.h): an ambassadeur finds only their own communities.
 */
#include <string.h>

#include "../auth/roles.h"
#include "../core/search.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "pages.h"
#include "activity_ui.h"
#include "partner_ui.h"

#define SEARCH_MAX_INPUT 200 /* characters of the search box that are used */

static const char *hit_url(struct req *r, const struct search_hit *hit)
{
	if (strcmp(hit->kind, "partner") == 0)
		return ui_partner_url(r, hit->id, "");
	if (strcmp(hit->kind, "conversation") == 0)
		return ui_conversation_url(r, hit->id, "");
	if (strcmp(hit->kind, "activity") == 0) /* issue 9 */
		return ui_activity_url(r, hit->id, "");
	if (strcmp(hit->kind, "knowledge") == 0) /* knowledge (issue 11) */
		return arena_printf(&r->arena, "/o/%s/knowledge/%lld", r->org_slug, hit->id);
	if (strcmp(hit->kind, "goal") == 0) /* goals: on the overview of every community's goals */
		return arena_printf(&r->arena, "/o/%s/goals#doel-%lld", r->org_slug, hit->id);
	return ui_community_url(r, hit->id, "");
}

int page_search(struct req *r)
{
	const char *q = req_query(r, "q");
	if (q == NULL)
		q = "";
	q = ui_short(&r->arena, q, SEARCH_MAX_INPUT);
	bool staff_kinds = (r->role & ROLES_READ) != 0 && r->only_attached == 0;
	struct search_result res;
	if (q[0] &&
	    search_run(r->db, &r->arena, r->org_id, r->only_attached, staff_kinds, q, &res) != 0)
		return HANDLER_ERROR;

	struct html h;
	page_begin(r, &h, q[0] ? T_printf(&r->arena, SEARCH_TITLE_FOR, q) : T(SEARCH_TITLE));
	html(
	    &h,
	    "<h1 class=\"utrecht-heading-1\">%s</h1>"
	    "<form class=\"kring-search-big\" role=\"search\" method=\"get\" "
	    "action=\"/o/%s/search\" "
	    "aria-label=\"%s\"><label class=\"utrecht-form-label\" for=\"zoekterm\">%s</label>"
	    "<p class=\"utrecht-form-field-description\" id=\"zoekterm-hint\">%s</p>"
	    "<div class=\"kring-search-big__row\"><input class=\"utrecht-textbox\" type=\"search\" "
	    "id=\"zoekterm\" name=\"q\" value=\"%s\" aria-describedby=\"zoekterm-hint\" "
	    "autocomplete=\"off\"><button class=\"utrecht-button utrecht-button--primary-action\" "
	    "type=\"submit\">%s</button></div></form>",
	    T(SEARCH_TITLE), r->org_slug, T(SEARCH_TITLE), T(SEARCH_LABEL),
	    staff_kinds ? T(SEARCH_HINT) : T(SEARCH_HINT_AMBASSADOR), q, T(SEARCH_BUTTON));
	if (q[0] == '\0') {
		page_end(r, &h, 200);
		return HANDLER_OK;
	}
	if (res.n_hits == 0) {
		struct search_query sq;
		search_query_build(&r->arena, q, &sq);
		html(&h, "<p class=\"utrecht-paragraph kring-empty\" role=\"status\">%s</p>",
		     sq.n_terms == 0 ? T(SEARCH_NO_TERMS) : T_printf(&r->arena, SEARCH_NOTHING, q));
		page_end(r, &h, 200);
		return HANDLER_OK;
	}
	html(&h, "<p class=\"utrecht-paragraph kring-lead\" role=\"status\">%s</p>",
	     TN_printf(&r->arena, SEARCH_RESULTS, res.n_hits, res.n_hits, q));
	static const struct {
		const char *kind;
		int title;
	} groups[] = {
	    {"community", TXT_SEARCH_COMMUNITIES},
	    {"partner", TXT_SEARCH_PARTNERS},
	    {"conversation", TXT_SEARCH_TALKS},
	    {"activity", TXT_SEARCH_ACTIVITIES}, /* issue 9 */
	    {"goal", TXT_SEARCH_GOALS},          /* goals */
	    {"knowledge", TXT_SEARCH_KNOWLEDGE}, /* knowledge (issue 11) */
	};
	size_t at = 0;
	for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
		size_t n = res.n_kind[g];
		if (n == 0)
			continue;
		html(
		    &h,
		    "<section class=\"kring-card kring-results\" aria-labelledby=\"h-%s\">"
		    "<h2 class=\"utrecht-heading-2\" id=\"h-%s\">%s <span class=\"kring-count\">%zu"
		    "</span></h2><ol class=\"kring-results__list\">",
		    groups[g].kind, groups[g].kind, TX(groups[g].title), n);
		for (size_t i = at; i < at + n; i++) {
			const struct search_hit *hit = &res.hits[i];
			html(&h,
			     "<li class=\"kring-result\"><a class=\"utrecht-link kring-strong-link "
			     "kring-result__title\" href=\"%s\">%s</a>",
			     hit_url(r, hit), ui_short(&r->arena, hit->title, 150));
			if (hit->before[0] || hit->match[0] || hit->after[0]) {
				html(&h, "<p class=\"kring-result__text\">%s", hit->before);
				if (hit->match[0])
					html(&h, "<mark>%s</mark>", hit->match);
				html(&h, "%s</p>", hit->after);
			}
			html(&h, "</li>");
		}
		html(&h, "</ol></section>");
		at += n;
	}
	page_end(r, &h, 200);
	return HANDLER_OK;
}
