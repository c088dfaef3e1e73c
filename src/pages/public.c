/*
 * public.c - the organisation's public page for residents (/p/<slug>/),
 * its A4 poster and its calendar feed of public activities. No login: the
 * page shows only what staff marked public (the introduction, the open
 * communities with their description for residents, the public planned
 * activities) and answers 404 while the page is off.
 */
#include <string.h>

#include "../i18n/text.h"
#include "../util/clock.h"
#include "calendar_ui.h"
#include "pages.h"
#include "public_ui.h"
#include "respond.h"

#define PUBLIC_UPCOMING 12 /* activities on the page */
#define POSTER_UPCOMING 5  /* and on the poster */

/* The upcoming public activities, or false after writing the failure notice. */
static bool upcoming(struct req *r, struct html *h, long long org_id, long long limit,
                     struct cal_activity **acts, size_t *n)
{
	char today[16];
	clock_today(today);
	if (public_activities(r->db, &r->arena, org_id, today, limit, acts, n) != 0) {
		respond_section_failed(r, h, "public activities");
		return false;
	}
	return true;
}

/* Where an activity is: branch and/or place. */
static const char *where(struct arena *a, const struct cal_activity *v)
{
	if (v->branch[0] && v->place[0])
		return arena_printf(a, "%s, %s", v->branch, v->place);
	return v->branch[0] ? v->branch : v->place;
}

static void activities_section(struct req *r, struct html *h, const struct public_org *org)
{
	html(h,
	     "<section class=\"kring-pub__section\" aria-labelledby=\"h-agenda\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-agenda\">%s</h2>",
	     T(PUB_AGENDA_TITLE));
	struct cal_activity *acts;
	size_t n;
	if (!upcoming(r, h, org->id, PUBLIC_UPCOMING, &acts, &n)) {
		html(h, "</section>");
		return;
	}
	if (n == 0)
		html(h, "<p class=\"utrecht-paragraph\">%s</p>", T(PUB_AGENDA_EMPTY));
	else
		html(h, "<ul class=\"kring-pub__agenda\">");
	for (size_t i = 0; i < n; i++) {
		const struct cal_activity *v = &acts[i];
		html(h,
		     "<li class=\"kring-pub__event\"><p class=\"kring-pub__when\">%s</p>"
		     "<h3 class=\"utrecht-heading-3 kring-pub__what\">%s</h3>",
		     public_when(&r->arena, v), v->title);
		const char *w = where(&r->arena, v);
		if (w[0])
			html(h, "<p class=\"kring-pub__where\">%s</p>", w);
		if (v->communities[0])
			html(h, "<p class=\"kring-pub__with\">%s</p>",
			     T_printf(&r->arena, PUB_AGENDA_WITH, v->communities));
		html(h, "</li>");
	}
	if (n > 0)
		html(h, "</ul>");
	html(h,
	     "<p class=\"utrecht-paragraph kring-pub__feed\"><a class=\"utrecht-link\" "
	     "href=\"/p/%s/agenda.ics\">%s</a> %s</p></section>",
	     org->slug, T(PUB_AGENDA_FEED), T(PUB_AGENDA_FEED_HINT));
}

static void communities_section(struct req *r, struct html *h, const struct public_org *org)
{
	html(h,
	     "<section class=\"kring-pub__section\" aria-labelledby=\"h-groepen\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-groepen\">%s</h2>"
	     "<p class=\"utrecht-paragraph\">%s</p>",
	     T(PUB_GROUPS_TITLE), T(PUB_GROUPS_INTRO));
	struct public_community *cs;
	size_t n;
	if (public_communities(r->db, &r->arena, org->id, &cs, &n) != 0) {
		respond_section_failed(r, h, "public communities");
		html(h, "</section>");
		return;
	}
	if (n == 0)
		html(h, "<p class=\"utrecht-paragraph\">%s</p>", T(PUB_GROUPS_EMPTY));
	else
		html(h, "<ul class=\"kring-pub__groups\">");
	for (size_t i = 0; i < n; i++)
		html(h,
		     "<li class=\"kring-pub__group\"><h3 class=\"utrecht-heading-3\">%s</h3>"
		     "<p class=\"utrecht-paragraph kring-pre\">%s</p>"
		     "<p class=\"kring-pub__cta-line\"><a class=\"utrecht-button "
		     "utrecht-button--primary-action kring-button-link kring-pub__join\" "
		     "href=\"/p/%s/doe-mee?groep=%lld\">%s<span class=\"kring-sr\"> "
		     "%s</span></a></p>"
		     "</li>",
		     cs[i].name, cs[i].description, org->slug, cs[i].id, T(PUB_JOIN_BUTTON),
		     T_printf(&r->arena, PUB_JOIN_SR, cs[i].name));
	if (n > 0)
		html(h, "</ul>");
	html(h, "</section>");
}

int page_public(struct req *r)
{
	struct public_org org;
	int found = public_load(r, &org);
	if (found <= 0)
		return found < 0 ? HANDLER_ERROR : HANDLER_OK;
	struct html h;
	public_begin(r, &h, &org, T(PUB_TITLE));
	html(
	    &h,
	    "<div class=\"kring-pub__hero\"><h1 class=\"utrecht-heading-1\">%s</h1>"
	    "<p class=\"utrecht-paragraph kring-lead kring-pre\">%s</p>"
	    "<p class=\"kring-pub__ctas\"><a class=\"utrecht-button "
	    "utrecht-button--primary-action kring-button-link\" "
	    "href=\"#h-groepen\">%s</a> <a class=\"utrecht-button utrecht-button--secondary-action "
	    "kring-button-link\" href=\"/p/%s/idee\">%s</a></p></div>",
	    T(PUB_TITLE), org.intro[0] ? org.intro : T(PUB_INTRO_DEFAULT), T(PUB_CTA_JOIN),
	    org.slug, T(PUB_CTA_IDEA));
	html(&h, "<div class=\"kring-pub__columns\">");
	communities_section(r, &h, &org);
	activities_section(r, &h, &org);
	html(&h, "</div>");
	html(
	    &h,
	    "<section class=\"kring-pub__section kring-pub__idea\" aria-labelledby=\"h-idee\">"
	    "<h2 class=\"utrecht-heading-2\" id=\"h-idee\">%s</h2><p class=\"utrecht-paragraph\">%s"
	    "</p><p><a class=\"utrecht-link\" href=\"/p/%s/idee\">%s</a></p></section>",
	    T(PUB_IDEA_TITLE), T(PUB_IDEA_TEXT), org.slug, T(PUB_CTA_IDEA));
	html(
	    &h,
	    "<section class=\"kring-pub__section kring-pub__privacy\" id=\"privacy\" "
	    "aria-labelledby=\"h-privacy\"><h2 class=\"utrecht-heading-2\" id=\"h-privacy\">%s</h2>"
	    "<p class=\"utrecht-paragraph\">%s</p></section>",
	    T(PUB_PRIVACY_TITLE),
	    T_printf(&r->arena, PUB_PRIVACY_TEXT, org.name,
	             arena_printf(&r->arena, "%d", org.retention_days)));
	html(&h,
	     "<p class=\"utrecht-paragraph kring-pub__poster-link\"><a class=\"utrecht-link\" "
	     "href=\"/p/%s/poster\">%s</a></p>",
	     org.slug, T(PUB_POSTER_LINK));
	public_end(r, &h, &org, 200);
	return HANDLER_OK;
}

int page_public_poster(struct req *r)
{
	struct public_org org;
	int found = public_load(r, &org);
	if (found <= 0)
		return found < 0 ? HANDLER_ERROR : HANDLER_OK;
	struct html h;
	public_begin(r, &h, &org, T(PUB_POSTER_TITLE));
	html(&h,
	     "<div class=\"kring-poster\"><p class=\"kring-poster__org\">%s</p>"
	     "<h1 class=\"utrecht-heading-1 kring-poster__title\">%s</h1>"
	     "<p class=\"kring-poster__intro kring-pre\">%s</p>",
	     org.name, T(PUB_TITLE), org.intro[0] ? org.intro : T(PUB_INTRO_DEFAULT));
	struct public_community *cs;
	size_t n;
	if (public_communities(r->db, &r->arena, org.id, &cs, &n) != 0) {
		respond_section_failed(r, &h, "public communities");
	} else if (n > 0) {
		html(&h,
		     "<h2 class=\"utrecht-heading-2\">%s</h2><ul class=\"kring-poster__groups\">",
		     T(PUB_GROUPS_TITLE));
		for (size_t i = 0; i < n; i++)
			html(&h, "<li>%s</li>", cs[i].name);
		html(&h, "</ul>");
	}
	struct cal_activity *acts;
	size_t na;
	if (upcoming(r, &h, org.id, POSTER_UPCOMING, &acts, &na) && na > 0) {
		html(&h,
		     "<h2 class=\"utrecht-heading-2\">%s</h2><ul class=\"kring-poster__agenda\">",
		     T(PUB_AGENDA_TITLE));
		for (size_t i = 0; i < na; i++)
			html(&h, "<li><strong>%s</strong> %s</li>",
			     public_when(&r->arena, &acts[i]), acts[i].title);
		html(&h, "</ul>");
	}
	const char *host = req_header(r, "Host");
	const char *address = host && host[0] && strlen(host) < 200
	                          ? arena_printf(&r->arena, "%s/p/%s", host, org.slug)
	                          : arena_printf(&r->arena, "/p/%s", org.slug);
	html(&h,
	     "<p class=\"kring-poster__cta\">%s</p><p class=\"kring-poster__address\">%s</p>"
	     "<p class=\"kring-poster__print kring-no-print\"><a class=\"utrecht-link\" "
	     "href=\"/p/%s/\">%s</a> · %s</p></div>",
	     T(PUB_POSTER_CTA), address, org.slug, T(PUB_BACK), T(PUB_POSTER_PRINT_HINT));
	public_end(r, &h, &org, 200);
	return HANDLER_OK;
}

int page_public_ics(struct req *r)
{
	struct public_org org;
	int found = public_load(r, &org);
	if (found <= 0)
		return found < 0 ? HANDLER_ERROR : HANDLER_OK;
	char today[16];
	clock_today(today);
	struct cal_activity *acts;
	size_t n;
	if (public_activities(r->db, &r->arena, org.id, today, CALENDAR_FEED_MAX, &acts, &n) != 0)
		return HANDLER_ERROR;
	struct cal_feed feed = {.org_id = org.id,
	                        .org_slug = org.slug,
	                        .org_name = org.name,
	                        .community_id = 0,
	                        .community_name = ""};
	struct buf body;
	buf_init(&body, &r->arena);
	if (calendar_ics_write(&body, &r->arena, &feed, acts, n) != 0)
		return HANDLER_ERROR;
	r->status = 200;
	r->content_type = "text/calendar; charset=utf-8";
	r->resp = body;
	return HANDLER_OK;
}
