/*
 * activity_section.c - the activities on a community's page: what comes
 * next, what was last, and the share made met or door the community over
 * the last six months (from community_activity_months), in a sentence with
 * the numbers.
 */
#include <stdio.h>
#include <string.h>

#include "../auth/roles.h"
#include "../core/partner.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "activity_ui.h"
#include "community_ui.h"
#include "respond.h"

#define SECTION_MAX 3 /* next and last activities shown */

/* The month six months before today's ("YYYY-MM"; this month counts as one of the six). */
static const char *six_months_back(struct arena *a, const char *today)
{
	int y = 0, m = 0;
	if (sscanf(today, "%4d-%2d", &y, &m) != 2)
		return "0000-00";
	m -= 5;
	while (m < 1) {
		m += 12;
		y--;
	}
	return arena_printf(a, "%04d-%02d", y, m);
}

static void act_items(struct req *r, struct html *h, const struct activity *v, size_t n,
                      const char *none)
{
	if (n == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", none);
		return;
	}
	html(h, "<ul class=\"kring-talks\">");
	for (size_t i = 0; i < n; i++) {
		html(h,
		     "<li><span class=\"kring-talks__date\">%s</span> <a class=\"utrecht-link\" "
		     "href=\"%s\">%s</a> ",
		     ui_act_when(&r->arena, &v[i]), ui_activity_url(r, v[i].id, ""),
		     ui_short(&r->arena, v[i].title, 80));
		ui_made_badge(h, &v[i]);
		if (v[i].participants >= 0)
			html(h, " <span class=\"kring-small kring-muted\">%s</span>",
			     ui_act_count(&r->arena, &v[i]));
		html(h, "</li>");
	}
	html(h, "</ul>");
}

void activity_community_section(struct req *r, struct html *h, long long community_id)
{
	const char *today = partner_today(&r->arena);
	struct activity *next, *last;
	size_t n_next, n_last;
	long long counts[3];
	if (activity_community_recent(r->db, &r->arena, r->org_id, community_id, today, SECTION_MAX,
	                              &next, &n_next, &last, &n_last) != 0 ||
	    activity_made_counts(r->db, r->org_id, community_id, six_months_back(&r->arena, today),
	                         counts) != 0) {
		respond_section_failed(r, h, "activiteiten");
		return;
	}
	html(h,
	     "<section class=\"kring-card\" id=\"activiteiten\" aria-labelledby=\"h-activiteiten\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-activiteiten\">%s</h2><p "
	     "class=\"utrecht-paragraph kring-small kring-muted\">%s</p>",
	     T(ACT_SECTION_TITLE), T(ACT_SECTION_INTRO));
	long long all = counts[0] + counts[1] + counts[2], ours = counts[1] + counts[2];
	if (all == 0)
		html(h, "<p class=\"utrecht-paragraph kring-made-share\">%s</p>",
		     T(ACT_SHARE_NONE));
	else
		html(h, "<p class=\"utrecht-paragraph kring-made-share\">%s</p>",
		     TN_printf(&r->arena, ACT_SHARE, all, ours, all, (ours * 100 + all / 2) / all,
		               counts[1], counts[2]));
	html(h,
	     "<div class=\"kring-columns kring-columns--2\"><div><h3 class=\"utrecht-heading-3\">%s"
	     "</h3>",
	     T(ACT_SECTION_NEXT));
	act_items(r, h, next, n_next, T(ACT_SECTION_NONE_NEXT));
	html(h, "</div><div><h3 class=\"utrecht-heading-3\">%s</h3>", T(ACT_SECTION_LAST));
	act_items(r, h, last, n_last, T(ACT_SECTION_NONE_LAST));
	html(h, "</div></div><p class=\"kring-toolbar kring-noprint\">");
	if (r->role & ROLES_EDIT)
		html(h,
		     "<a class=\"utrecht-button utrecht-button--secondary-action "
		     "kring-button-link\" "
		     "href=\"%s\">%s</a>",
		     ui_activity_url(r, 0,
		                     arena_printf(&r->arena, "/new?community=%lld", community_id)),
		     T(ACT_SECTION_ADD));
	html(h, "<a class=\"utrecht-link\" href=\"%s\">%s</a></p></section>",
	     ui_activity_url(r, 0, arena_printf(&r->arena, "?community=%lld", community_id)),
	     T(ACT_SECTION_ALL));
}
