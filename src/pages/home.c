/*
 * home.c - an organisation's start page: what to do today (issue 10).
 *
 * A medewerker sees their open and late action points, their next planned
 * contacts, a meetlat round waiting for their answer, the signals of their
 * communities and those communities' next activities. An ambassadeur sees
 * their communities' goals and next activities, nothing of the library's
 * internal steps. A beheerder sees the same as a medewerker plus a short
 * summary and the way to the dashboard; an adviser the summary. An empty
 * library gets a short first-use guide instead of empty blocks. Below, the
 * method's six steps, small. Every block reads narrowly (core/signal.h: the
 * kept signals and indexed queries): the start page is in the bench.
 */
#include <string.h>

#include "../auth/roles.h"
#include "../core/meetlat.h"
#include "../core/org.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "pages.h"
#include "respond.h"
#include "route_ui.h" /* route (issue 12a) */
#include "signal_ui.h"

#define HOME_ROWS 5 /* lines per block */

/* First word of a name, for a friendly greeting. */
static const char *first_name(struct arena *a, const char *name)
{
	const char *sp = strchr(name, ' ');
	return sp ? arena_strndup(a, name, (size_t)(sp - name)) : name;
}

/* Opens a block: a card with a heading. */
static void block_begin(struct html *h, const char *id, const char *title)
{
	html(h,
	     "<section class=\"kring-card kring-today\" aria-labelledby=\"h-%s\">"
	     "<h2 class=\"utrecht-heading-3\" id=\"h-%s\">%s</h2>",
	     id, id, title);
}

/* Closes a block with the link to where its work is done. */
static void block_end(struct req *r, struct html *h, const char *path, const char *label)
{
	if (path)
		html(h,
		     "<p class=\"utrecht-paragraph kring-today__more kring-noprint\"><a "
		     "class=\"utrecht-link\" href=\"/o/%s/%s\">%s</a></p>",
		     r->org_slug, path, label);
	html(h, "</section>");
}

static void my_actions(struct req *r, struct html *h, const char *today)
{
	struct home_item *v;
	size_t n;
	block_begin(h, "actiepunten", T(HOME_MY_ACTIONS));
	if (home_my_actions(r->db, &r->arena, r->org_id, r->person_id, HOME_ROWS, &v, &n) != 0) {
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
	block_end(r, h, "conversations#open-actiepunten", T(HOME_ALL_ACTIONS));
}

static void my_contacts(struct req *r, struct html *h, const char *today)
{
	struct home_item *v;
	size_t n;
	block_begin(h, "contacten", T(HOME_MY_CONTACTS));
	if (home_my_contacts(r->db, &r->arena, r->org_id, r->person_id, today, HOME_ROWS, &v, &n) !=
	    0) {
		respond_section_failed(r, h, "contacten");
	} else if (n == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>",
		     T(HOME_MY_CONTACTS_NONE));
	} else {
		html(h, "<ul class=\"kring-plain-list kring-today__list\">");
		for (size_t i = 0; i < n; i++)
			html(h,
			     "<li><span class=\"kring-today__date\">%s</span> <a "
			     "class=\"utrecht-link\" "
			     "href=\"/o/%s/conversations/%lld\">%s</a> <span "
			     "class=\"kring-muted\">%s</span></li>",
			     ui_date(&r->arena, v[i].date), r->org_slug, v[i].id,
			     ui_short(&r->arena, v[i].title, 80), v[i].detail);
		html(h, "</ul>");
	}
	block_end(r, h, "conversations", T(HOME_ALL_TALKS));
}

/* The meetlat block, only when a round is open that this person has not answered. */
static void meetlat_waiting(struct req *r, struct html *h)
{
	struct ml_round open;
	int has = meetlat_round_current_open(r->db, &r->arena, r->org_id, &open);
	if (has <= 0 || meetlat_has_answered(r->db, r->org_id, open.id, r->person_id) != 0)
		return;
	block_begin(h, "meetlat", T(HOME_MEETLAT_WAITING));
	html(h, "<p class=\"utrecht-paragraph\">%s</p>",
	     T_printf(&r->arena, HOME_MEETLAT_TEXT, fmt_date(&r->arena, open.opened_at)));
	block_end(r, h, arena_printf(&r->arena, "meetlat/%lld", open.id), T(HOME_MEETLAT_LINK));
}

static void my_signals(struct req *r, struct html *h, const char *today)
{
	struct signal *v;
	size_t n;
	struct signal_filter f = {.kind = -1, .mine = r->person_id};
	block_begin(h, "signalen", T(HOME_MY_SIGNALS));
	if (signals_list(r->db, &r->arena, r->org_id, &f, today, &v, &n) != 0) {
		respond_section_failed(r, h, "signalen");
	} else if (n == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>",
		     T(HOME_MY_SIGNALS_NONE));
	} else {
		html(h, "<ul class=\"kring-signal-list kring-today__list\">");
		for (size_t i = 0; i < n && i < HOME_ROWS; i++) {
			html(h, "<li class=\"kring-signal\">");
			sig_item(r, h, &v[i], true);
			html(h, "</li>");
		}
		html(h, "</ul>");
	}
	block_end(r, h, "signals?mijn=1", T(HOME_ALL_SIGNALS));
}

static void next_activities(struct req *r, struct html *h, const char *today, bool ambassador)
{
	struct home_item *v;
	size_t n;
	block_begin(h, "activiteiten", T(HOME_NEXT_ACTIVITIES));
	if (home_next_activities(r->db, &r->arena, r->org_id, r->person_id, ambassador, today,
	                         HOME_ROWS, &v, &n) != 0) {
		respond_section_failed(r, h, "activiteiten");
	} else if (n == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>",
		     T(HOME_NEXT_ACTIVITIES_NONE));
	} else {
		html(h, "<ul class=\"kring-plain-list kring-today__list\">");
		for (size_t i = 0; i < n; i++)
			html(h,
			     "<li><span class=\"kring-today__date\">%s</span> <a "
			     "class=\"utrecht-link\" "
			     "href=\"/o/%s/activities/%lld\">%s</a> <span "
			     "class=\"kring-muted\">%s</span></li>",
			     ui_date(&r->arena, v[i].date), r->org_slug, v[i].id,
			     ui_short(&r->arena, v[i].title, 80), v[i].detail);
		html(h, "</ul>");
	}
	block_end(r, h, "activities", T(HOME_ALL_ACTIVITIES));
}

static void goals(struct req *r, struct html *h)
{
	struct home_item *v;
	size_t n;
	block_begin(h, "doelen", T(HOME_GOALS));
	if (home_goals(r->db, &r->arena, r->org_id, r->person_id, HOME_ROWS * 2, &v, &n) != 0) {
		respond_section_failed(r, h, "doelen");
	} else if (n == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(HOME_GOALS_NONE));
	} else {
		html(h, "<ul class=\"kring-plain-list kring-today__list\">");
		for (size_t i = 0; i < n; i++)
			html(h,
			     "<li><strong>%s</strong> <span class=\"kring-muted\">%s</span></li>",
			     ui_short(&r->arena, v[i].title, 160), v[i].detail);
		html(h, "</ul>");
	}
	block_end(r, h, "goals", T(HOME_ALL_GOALS));
}

static void summary(struct req *r, struct html *h, const struct home_summary *s)
{
	block_begin(h, "kort", T(HOME_SUMMARY));
	const struct {
		int label;
		long long n;
		const char *path;
	} rows[] = {
	    {TXT_HOME_SUMMARY_COMMUNITIES, s->communities, "communities"},
	    {TXT_HOME_SUMMARY_WORKING, s->working, "communities?status=samenwerken"},
	    {TXT_HOME_SUMMARY_OPEN_ACTIONS, s->open_actions, "conversations#open-actiepunten"},
	    {TXT_HOME_SUMMARY_LATE_ACTIONS, s->late_actions, "conversations#open-actiepunten"},
	    {TXT_HOME_SUMMARY_SIGNALS, s->signals, "signals"},
	};
	html(h, "<dl class=\"kring-counts\">");
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		html(h,
		     "<div><dt><a class=\"utrecht-link\" "
		     "href=\"/o/%s/%s\">%s</a></dt><dd>%lld</dd></div>",
		     r->org_slug, rows[i].path, TX(rows[i].label), rows[i].n);
	html(h, "</dl>");
	block_end(r, h, "dashboard", T(HOME_DASHBOARD));
}

/* The first-use guide of an empty library. */
static void first_use(struct req *r, struct html *h)
{
	block_begin(h, "begin", T(HOME_FIRST_TITLE));
	if (r->role == ROLE_AMBASSADEUR) {
		html(h, "<p class=\"utrecht-paragraph\">%s</p>", T(HOME_FIRST_AMB));
		html(h, "</section>");
		return;
	}
	html(h,
	     "<p class=\"utrecht-paragraph\">%s</p><ol class=\"utrecht-ordered-list\">"
	     "<li><a class=\"utrecht-link\" href=\"/o/%s/readiness\">%s</a></li>",
	     T(HOME_FIRST_INTRO), r->org_slug, T(HOME_FIRST_1));
	if (r->role & ROLES_ADMIN)
		html(h, "<li><a class=\"utrecht-link\" href=\"/o/%s/people\">%s</a></li>",
		     r->org_slug, T(HOME_FIRST_2));
	html(h, "<li><a class=\"utrecht-link\" href=\"/o/%s/scan\">%s</a></li></ol></section>",
	     r->org_slug, T(HOME_FIRST_3));
}

/* The method's six steps, small; each step links to where it is done. */
static void steps(struct req *r, struct html *h)
{
	html(h,
	     "<section class=\"kring-card kring-steps-card\" aria-labelledby=\"h-methode\">"
	     "<h2 class=\"utrecht-heading-3\" id=\"h-methode\">%s</h2>"
	     "<ol class=\"utrecht-ordered-list kring-steps kring-steps--small\">",
	     T(HOME_STEPS_TITLE));
	static const int titles[] = {TXT_STEP1_TITLE, TXT_STEP2_TITLE, TXT_STEP3_TITLE,
	                             TXT_STEP4_TITLE, TXT_STEP5_TITLE, TXT_STEP6_TITLE};
	/* the page where each step is done, and who may open it */
	static const struct {
		const char *page;
		unsigned roles;
	} step_pages[] = {
	    {"readiness", ROLES_READ},  {"vision", ROLES_READ}, {"scan", ROLES_READ},
	    {"communities", ROLES_ALL}, {"goals", ROLES_ALL},   {"activities", ROLES_ALL},
	};
	for (size_t i = 0; i < sizeof(titles) / sizeof(titles[0]); i++) {
		if (r->role & step_pages[i].roles)
			html(h, "<li><a class=\"utrecht-link\" href=\"/o/%s/%s\">%s</a></li>",
			     r->org_slug, step_pages[i].page, TX(titles[i]));
		else
			html(h, "<li>%s</li>", TX(titles[i]));
	}
	html(h, "</ol><p class=\"utrecht-paragraph kring-muted kring-small\">%s</p></section>",
	     T(HOME_METHOD_INTRO));
}

/* The role as a word within a sentence ("medewerker", "staff member"). */
static const char *role_in_sentence(unsigned role)
{
	switch (role) {
	case ROLE_BEHEERDER:
		return T(HOME_ROLE_BEHEERDER);
	case ROLE_MEDEWERKER:
		return T(HOME_ROLE_MEDEWERKER);
	case ROLE_ADVISEUR:
		return T(HOME_ROLE_ADVISEUR);
	case ROLE_AMBASSADEUR:
		return T(HOME_ROLE_AMBASSADEUR);
	}
	return "";
}

int page_org_home(struct req *r)
{
	struct org org;
	struct home_summary sum;
	char today[16];
	signal_today(today);
	if (org_get(r->db, &r->arena, r->org_id, &org) <= 0 ||
	    home_summary(r->db, r->org_id, today, &sum) != 0)
		return HANDLER_ERROR;
	bool staff = (r->role & ROLES_STAFF) != 0;
	bool ambassador = r->role == ROLE_AMBASSADEUR;

	struct html h;
	page_begin(r, &h, org.name);
	html(&h, "<h1 class=\"utrecht-heading-1\">%s</h1>", org.name);
	html(&h, "<p class=\"utrecht-paragraph kring-lead\">%s",
	     T_printf(&r->arena, HOME_GREETING,
	              first_name(&r->arena, r->person_name ? r->person_name : "")));
	html(&h, " %s <strong>%s</strong>. %s</p>", T(HOME_YOUR_ROLE), role_in_sentence(r->role),
	     role_explain(r->role));
	if (org.description[0])
		html(&h, "<p class=\"utrecht-paragraph kring-org-description\">%s</p>",
		     org.description);

	/*
	 * route (issue 12a): for staff of a new organisation, or new
	 * themselves, the route is the way in (where they are and the one next
	 * thing to do); once under way, one line "Mijn route: stap N".
	 */
	bool route_first = false;
	struct route_state rs;
	if (staff) {
		int is_new =
		    sum.communities == 0 ? 1 : route_is_new(r->db, r->org_id, r->person_id);
		if (is_new < 0 || route_get(r->db, r->org_id, r->person_id, &rs) != 0)
			respond_section_failed(r, &h, "route");
		else if (is_new)
			route_first = true;
		else
			route_line(r, &h, &rs);
	}
	html(&h, "<div class=\"kring-today-grid\">");
	if (route_first)
		route_first_use(r, &h, &rs);
	if (sum.communities == 0) {
		if (!route_first)
			first_use(r, &h);
	} else if (ambassador) {
		goals(r, &h);
		next_activities(r, &h, today, true);
	} else {
		if (staff && !route_first) { /* a new person: the route instead of empty blocks */
			my_actions(r, &h, today);
			my_contacts(r, &h, today);
			meetlat_waiting(r, &h);
			my_signals(r, &h, today);
			next_activities(r, &h, today, false);
		}
		if (r->role & (ROLE_BEHEERDER | ROLE_ADVISEUR))
			summary(r, &h, &sum);
	}
	html(&h, "</div>");
	if (!route_first) /* route (issue 12a): one way in, not two lists of steps */
		steps(r, &h);
	page_end(r, &h, 200);
	return HANDLER_OK;
}
