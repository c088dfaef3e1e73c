/*
 * me.c - my contribution (lesson 3 of Nieuw Delen): one person's
 * communities and roles (bouwer, verbinder, aanjager), their open action
 * points and the activities they take part in, their route, and the way to
 * their private development pages (the Persoonlijk Impact Plan, the
 * zelftest); for a beheerder also the plans shared with them.
 */
#include <string.h>

#include "../auth/roles.h"
#include "../core/contribution.h"
#include "../core/route.h"
#include "../core/share.h"
#include "../core/signal.h"
#include "../i18n/text.h"
#include "../util/clock.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "pages.h"
#include "respond.h"
#include "route_ui.h"

#define ME_ROWS 10

static void section_begin(struct html *h, const char *id, const char *title)
{
	html(h,
	     "<section class=\"kring-card kring-today\" aria-labelledby=\"h-%s\">"
	     "<h2 class=\"utrecht-heading-3\" id=\"h-%s\">%s</h2>",
	     id, id, title);
}

static void communities(struct req *r, struct html *h)
{
	struct my_community *v;
	size_t n;
	section_begin(h, "communities", T(ME_COMMUNITIES));
	if (contribution_communities(r->db, &r->arena, r->org_id, r->person_id, &v, &n) != 0) {
		respond_section_failed(r, h, "communities");
	} else if (n == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>",
		     T(ME_COMMUNITIES_NONE));
	} else {
		html(h, "<ul class=\"kring-plain-list kring-today__list\">");
		for (size_t i = 0; i < n; i++) {
			html(h, "<li><a class=\"utrecht-link\" href=\"%s\">%s</a> ",
			     ui_community_url(r, v[i].id, ""), v[i].name);
			ui_status_badge(h, v[i].status);
			html(h, " <span class=\"kring-me-roles\">");
			/* the roles, as labels, in the order stored */
			const char *p = v[i].roles;
			for (bool first = true; *p; first = false) {
				const char *end = strchr(p, ',');
				size_t len = end ? (size_t)(end - p) : strlen(p);
				html(h, "%s<strong>%s</strong>", first ? "" : ", ",
				     ui_staff_role_label(arena_strndup(&r->arena, p, len)));
				p += len + (end ? 1 : 0);
			}
			html(h, "</span></li>");
		}
		html(h, "</ul>");
	}
	html(h, "<p class=\"utrecht-paragraph kring-muted kring-small\">%s</p></section>",
	     T(ME_ROLES_EXPLAIN));
}

static void actions(struct req *r, struct html *h, const char *today)
{
	struct home_item *v;
	size_t n;
	section_begin(h, "actiepunten", T(ME_ACTIONS));
	if (home_my_actions(r->db, &r->arena, r->org_id, r->person_id, ME_ROWS, &v, &n) != 0) {
		respond_section_failed(r, h, "actiepunten");
	} else if (n == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>",
		     T(HOME_MY_ACTIONS_NONE));
	} else {
		html(h, "<ul class=\"kring-plain-list kring-today__list\">");
		for (size_t i = 0; i < n; i++) {
			html(h,
			     "<li><a class=\"utrecht-link\" "
			     "href=\"/o/%s/conversations/%lld\">%s</a>",
			     r->org_slug, v[i].other_id, ui_short(&r->arena, v[i].title, 90));
			if (v[i].date[0] && strcmp(v[i].date, today) < 0)
				html(h, " <span class=\"kring-badge kring-badge--late\">%s</span>",
				     T(HOME_ACTION_LATE));
			if (v[i].date[0])
				html(h, " <span class=\"kring-muted\">%s</span>",
				     T_printf(&r->arena, HOME_ACTION_DUE,
				              ui_date(&r->arena, v[i].date)));
			html(h, "</li>");
		}
		html(h, "</ul>");
	}
	html(h,
	     "<p class=\"utrecht-paragraph kring-today__more kring-noprint\"><a "
	     "class=\"utrecht-link\" href=\"/o/%s/conversations#open-actiepunten\">%s</a></p>"
	     "</section>",
	     r->org_slug, T(HOME_ALL_ACTIONS));
}

static void activities(struct req *r, struct html *h, const char *today)
{
	struct my_activity *v;
	size_t n;
	section_begin(h, "activiteiten", T(ME_ACTIVITIES));
	if (contribution_activities(r->db, &r->arena, r->org_id, r->person_id, today, ME_ROWS, &v,
	                            &n) != 0) {
		respond_section_failed(r, h, "activiteiten");
	} else if (n == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(ME_ACTIVITIES_NONE));
	} else {
		html(h, "<ul class=\"kring-plain-list kring-today__list\">");
		for (size_t i = 0; i < n; i++)
			html(h,
			     "<li><span class=\"kring-today__date\">%s</span> <a "
			     "class=\"utrecht-link\" "
			     "href=\"/o/%s/activities/%lld\">%s</a></li>",
			     ui_date(&r->arena, v[i].held_on), r->org_slug, v[i].id,
			     ui_short(&r->arena, v[i].title, 80));
		html(h, "</ul>");
	}
	html(h,
	     "<p class=\"utrecht-paragraph kring-today__more kring-noprint\"><a "
	     "class=\"utrecht-link\" href=\"/o/%s/activities\">%s</a></p></section>",
	     r->org_slug, T(HOME_ALL_ACTIVITIES));
}

/* The private development pages, and what colleagues shared with a beheerder. */
static void grow(struct req *r, struct html *h)
{
	section_begin(h, "ontwikkeling", T(ME_GROW));
	html(h,
	     "<p class=\"utrecht-paragraph kring-muted\">%s</p><ul class=\"kring-plain-list\">"
	     "<li><a class=\"utrecht-link\" href=\"/o/%s/me/impact\">%s</a></li>"
	     "<li><a class=\"utrecht-link\" href=\"/o/%s/me/zelftest\">%s</a></li></ul>",
	     T(ME_GROW_INTRO), r->org_slug, T(RT_L_IMPACT), r->org_slug, T(RT_L_ZELFTEST));
	if (r->role & ROLE_BEHEERDER) {
		struct shared_with_me *v;
		size_t n;
		if (share_list_for_viewer(r->db, &r->arena, r->org_id, r->person_id, SHARE_IMPACT,
		                          &v, &n) != 0) {
			respond_section_failed(r, h, "gedeeld");
		} else if (n > 0) {
			html(h,
			     "<h3 class=\"utrecht-heading-4\">%s</h3><ul "
			     "class=\"kring-plain-list\">",
			     T(ME_SHARED_WITH_ME));
			for (size_t i = 0; i < n; i++)
				html(h,
				     "<li><a class=\"utrecht-link\" "
				     "href=\"/o/%s/people/%lld/impact\">%s</a></li>",
				     r->org_slug, v[i].owner_id,
				     T_printf(&r->arena, ME_SHARED_ITEM, v[i].owner_name));
			html(h, "</ul>");
		}
	}
	html(h, "</section>");
}

int page_me(struct req *r)
{
	struct route_state st;
	char today[16];
	clock_today(today);
	if (route_get(r->db, r->org_id, r->person_id, &st) != 0)
		return HANDLER_ERROR;
	struct html h;
	page_begin(r, &h, T(ME_TITLE));
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     T(ME_TITLE), T(ME_INTRO));
	html(&h, "<div class=\"kring-today-grid\">");
	communities(r, &h);
	actions(r, &h, today);
	activities(r, &h, today);
	grow(r, &h);
	html(&h, "</div>");
	html(&h,
	     "<section class=\"kring-card\" aria-labelledby=\"h-route\"><h2 "
	     "class=\"utrecht-heading-3\" id=\"h-route\">%s</h2>",
	     T(ME_ROUTE));
	route_line(r, &h, &st);
	route_summary(r, &h, &st);
	html(&h, "</section>");
	page_end(r, &h, 200);
	return HANDLER_OK;
}
