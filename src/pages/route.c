/*
 * route.c - Mijn route (M10): the eight steps of the Routekaart for the
 * community librarian, each with its explanation, tips, reading and the
 * screens that do it; ticked off by what kring sees, or by hand. Also the
 * route's pieces on the start page and on my contribution (route_ui.h).
 */
#include <stdbool.h>
#include <string.h>

#include "../auth/roles.h"
#include "../core/route.h"
#include "../i18n/text.h"
#include "../web/form.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "pages.h"
#include "respond.h"
#include "route_ui.h"

#define STEP_LINKS 3

/* The texts of one step and the screens (below /o/<slug>/) that do it. */
struct step_text {
	int title, what, tip1, tip2, read, seen, next;
	struct {
		const char *path; /* NULL ends the list */
		int label;
	} links[STEP_LINKS];
};

static const struct step_text steps[ROUTE_STEPS] = {
    {TXT_RT_S1_TITLE,
     TXT_RT_S1_WHAT,
     TXT_RT_S1_TIP1,
     TXT_RT_S1_TIP2,
     TXT_RT_S1_READ,
     TXT_RT_S1_SEEN,
     TXT_RT_S1_NEXT,
     {{"readiness", TXT_RT_L_READINESS}, {"vision", TXT_RT_L_VISION}}},
    {TXT_RT_S2_TITLE,
     TXT_RT_S2_WHAT,
     TXT_RT_S2_TIP1,
     TXT_RT_S2_TIP2,
     TXT_RT_S2_READ,
     TXT_RT_S2_SEEN,
     TXT_RT_S2_NEXT,
     {{"me/impact", TXT_RT_L_IMPACT}, {"vision", TXT_RT_L_VISION}}},
    {TXT_RT_S3_TITLE,
     TXT_RT_S3_WHAT,
     TXT_RT_S3_TIP1,
     TXT_RT_S3_TIP2,
     TXT_RT_S3_READ,
     TXT_RT_S3_SEEN,
     TXT_RT_S3_NEXT,
     {{"scan", TXT_RT_L_SCAN}, {"communities", TXT_RT_L_COMMUNITIES}}},
    {TXT_RT_S4_TITLE,
     TXT_RT_S4_WHAT,
     TXT_RT_S4_TIP1,
     TXT_RT_S4_TIP2,
     TXT_RT_S4_READ,
     TXT_RT_S4_SEEN,
     TXT_RT_S4_NEXT,
     {{"conversations/prepare", TXT_RT_L_PREPARE},
      {"conversations", TXT_RT_L_TALKS},
      {"partners", TXT_RT_L_PARTNERS}}},
    {TXT_RT_S5_TITLE,
     TXT_RT_S5_WHAT,
     TXT_RT_S5_TIP1,
     TXT_RT_S5_TIP2,
     TXT_RT_S5_READ,
     TXT_RT_S5_SEEN,
     TXT_RT_S5_NEXT,
     {{"communities/*/post-o", TXT_RT_L_POSTO}, {"communities", TXT_RT_L_COMMUNITIES}}},
    {TXT_RT_S6_TITLE,
     TXT_RT_S6_WHAT,
     TXT_RT_S6_TIP1,
     TXT_RT_S6_TIP2,
     TXT_RT_S6_READ,
     TXT_RT_S6_SEEN,
     TXT_RT_S6_NEXT,
     {{"knowledge", TXT_RT_L_KNOWLEDGE}, {"activities", TXT_RT_L_ACTIVITIES}}},
    {TXT_RT_S7_TITLE,
     TXT_RT_S7_WHAT,
     TXT_RT_S7_TIP1,
     TXT_RT_S7_TIP2,
     TXT_RT_S7_READ,
     TXT_RT_S7_SEEN,
     TXT_RT_S7_NEXT,
     {{"communities/*/plan", TXT_RT_L_PLAN},
      {"goals", TXT_RT_L_GOALS},
      {"communities", TXT_RT_L_COMMUNITIES}}},
    {TXT_RT_S8_TITLE,
     TXT_RT_S8_WHAT,
     TXT_RT_S8_TIP1,
     TXT_RT_S8_TIP2,
     TXT_RT_S8_READ,
     TXT_RT_S8_SEEN,
     TXT_RT_S8_NEXT,
     {{"calendar", TXT_RT_L_CALENDAR},
      {"activities", TXT_RT_L_ACTIVITIES},
      {"meetlat", TXT_RT_L_MEETLAT}}},
};

/*
 * The address of a step's screen below /o/<slug>/: a '*' stands for the
 * person's first community; without one, the communities list (label too).
 */
static const char *step_path(struct req *r, const char *path, int *label)
{
	const char *star = strchr(path, '*');
	if (!star)
		return path;
	long long cid = route_first_community(r->db, r->org_id, r->person_id);
	if (cid <= 0) {
		*label = TXT_RT_L_COMMUNITIES;
		return "communities";
	}
	return arena_printf(&r->arena, "%.*s%lld%s", (int)(star - path), path, cid, star + 1);
}

const char *route_step_title(int step)
{
	return step >= 1 && step <= ROUTE_STEPS ? TX(steps[step - 1].title) : "";
}

/* The badge and the words for how a step came to be done or open. */
static void step_state(struct html *h, const struct route_step *s)
{
	html(h, "<span class=\"kring-badge kring-badge--%s\">%s</span>",
	     s->done ? "gedaan" : "gewenst", s->done ? T(RT_DONE) : T(RT_OPEN));
	if (s->mark == 1)
		html(h, " <span class=\"kring-muted\">%s</span>", T(RT_BY_HAND));
	else if (s->mark == 0)
		html(h, " <span class=\"kring-muted\">%s</span>", T(RT_UNTICKED));
	else if (s->done)
		html(h, " <span class=\"kring-muted\">%s</span>", T(RT_SEEN));
}

static void step_card(struct req *r, struct html *h, const struct route_state *st, int n)
{
	const struct step_text *t = &steps[n - 1];
	const struct route_step *s = &st->step[n - 1];
	bool current = st->current == n;
	html(h,
	     "<li class=\"kring-card kring-route-step%s%s\" id=\"stap-%d\">"
	     "<h2 class=\"utrecht-heading-3 kring-route-step__title\">"
	     "<span class=\"kring-route-step__n\">%s</span> %s</h2><p "
	     "class=\"kring-route-step__state\">",
	     s->done ? " kring-route-step--done" : "", current ? " kring-route-step--current" : "",
	     n, T_printf(&r->arena, RT_STEP_N, n), TX(t->title));
	step_state(h, s);
	if (current)
		html(h, " <strong class=\"kring-route-step__now\">%s</strong>", T(RT_CURRENT));
	html(h, "</p><p class=\"utrecht-paragraph\">%s</p>", TX(t->what));
	if (s->done && s->seen && s->mark < 0)
		html(h, "<p class=\"utrecht-paragraph kring-muted kring-small\">%s</p>",
		     TX(t->seen));
	/* a step done keeps its tips and reading folded away (open on paper too) */
	html(h,
	     "<details class=\"kring-route-step__more\"%s><summary>%s</summary>"
	     "<ul class=\"utrecht-unordered-list\"><li>%s</li><li>%s</li></ul>"
	     "<p class=\"utrecht-paragraph kring-small\"><strong>%s:</strong> %s</p></details>",
	     s->done ? "" : " open", T(RT_TIPS_READ), TX(t->tip1), TX(t->tip2), T(RT_READ),
	     TX(t->read));
	html(h, "<p class=\"utrecht-paragraph kring-route-step__links kring-noprint\">%s: ",
	     T(RT_WHERE));
	for (int i = 0; i < STEP_LINKS && t->links[i].path; i++) {
		int label = t->links[i].label;
		const char *path = step_path(r, t->links[i].path, &label);
		html(h, "%s<a class=\"utrecht-link\" href=\"/o/%s/%s\">%s</a>", i ? " · " : "",
		     r->org_slug, path, TX(label));
	}
	html(h, "</p>");
	ui_form(h, r, arena_printf(&r->arena, "/o/%s/route/%d", r->org_slug, n),
	        "kring-noprint kring-route-step__form");
	html(h,
	     "<input type=\"hidden\" name=\"done\" value=\"%s\"><button class=\"utrecht-button "
	     "utrecht-button--secondary-action\" type=\"submit\">%s</button></form></li>",
	     s->done ? "0" : "1", s->done ? T(RT_UNTICK) : T(RT_TICK));
}

int page_route(struct req *r)
{
	struct route_state st;
	if (route_get(r->db, r->org_id, r->person_id, &st) != 0)
		return HANDLER_ERROR;
	struct html h;
	page_begin(r, &h, T(RT_TITLE));
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     T(RT_TITLE), T(RT_INTRO));
	if (req_query(r, "opgeslagen"))
		page_notice(&h, "ok", T(RT_SAVED));
	html(&h, "<p class=\"utrecht-paragraph\"><strong>%s</strong>",
	     st.current ? T_printf(&r->arena, RT_PROGRESS, st.n_done) : T(RT_PROGRESS_ALL));
	if (st.current)
		html(&h, " %s",
		     T_printf(&r->arena, RT_NOW, st.current, route_step_title(st.current)));
	html(&h, "</p>");
	route_summary(r, &h, &st);
	html(&h, "<ol class=\"kring-route\">");
	for (int n = 1; n <= ROUTE_STEPS; n++)
		step_card(r, &h, &st, n);
	html(&h, "</ol>");
	page_end(r, &h, 200);
	return HANDLER_OK;
}

int page_route_mark(struct req *r)
{
	long long step = r->param_id;
	const char *done = req_form(r, "done");
	if (!done || (strcmp(done, "0") != 0 && strcmp(done, "1") != 0)) {
		resp_error(r, 400);
		return HANDLER_OK;
	}
	enum save_result rc = step > ROUTE_STEPS ? SAVE_NOT_FOUND
	                                         : route_mark(r->db, r->org_id, r->person_id,
	                                                      (int)step, done[0] == '1');
	return respond_save(
	    r, rc,
	    arena_printf(&r->arena, "/o/%s/route?opgeslagen=1#stap-%lld", r->org_slug, step));
}

void route_summary(struct req *r, struct html *h, const struct route_state *st)
{
	html(h, "<ol class=\"kring-route-bar\" aria-label=\"%s\">", T(RT_TITLE));
	for (int n = 1; n <= ROUTE_STEPS; n++) {
		const struct route_step *s = &st->step[n - 1];
		html(h,
		     "<li class=\"kring-route-bar__step%s%s\"><a class=\"utrecht-link\" "
		     "href=\"/o/%s/route#stap-%d\"><span class=\"kring-route-bar__n\">%d</span> "
		     "%s <span class=\"kring-sr\">(%s)</span></a></li>",
		     s->done ? " kring-route-bar__step--done" : "",
		     st->current == n ? " kring-route-bar__step--current" : "", r->org_slug, n, n,
		     route_step_title(n), s->done ? T(RT_DONE) : T(RT_OPEN));
	}
	html(h, "</ol>");
}

void route_first_use(struct req *r, struct html *h, const struct route_state *st)
{
	int n = st->current ? st->current : ROUTE_STEPS;
	const struct step_text *t = &steps[n - 1];
	int label = t->links[0].label;
	const char *path = step_path(r, t->links[0].path, &label);
	html(h,
	     "<section class=\"kring-card kring-today kring-route-first\" "
	     "aria-labelledby=\"h-route\"><h2 class=\"utrecht-heading-3\" id=\"h-route\">%s</h2>"
	     "<p class=\"utrecht-paragraph\">%s</p>",
	     T(RT_FIRST_TITLE), T_printf(&r->arena, RT_FIRST_INTRO, n));
	/* the one next thing first, then where it sits on the route */
	html(h,
	     "<h3 class=\"utrecht-heading-4\">%s</h3><p class=\"utrecht-paragraph "
	     "kring-route-first__next\"><strong>%s · %s.</strong> %s</p>"
	     "<p class=\"utrecht-paragraph\"><a class=\"utrecht-button "
	     "utrecht-button--primary-action kring-button-link\" href=\"/o/%s/%s\">%s</a></p>",
	     T(RT_FIRST_NEXT), T_printf(&r->arena, RT_STEP_N, n), TX(t->title), TX(t->next),
	     r->org_slug, path, TX(label));
	if (r->role & ROLE_BEHEERDER)
		html(h,
		     "<p class=\"utrecht-paragraph kring-muted\">%s <a class=\"utrecht-link\" "
		     "href=\"/o/%s/people\">%s</a></p>",
		     T(RT_FIRST_TEAM), r->org_slug, T(RT_FIRST_INVITE));
	route_summary(r, h, st);
	html(h,
	     "<p class=\"utrecht-paragraph kring-today__more\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/route\">%s</a></p></section>",
	     r->org_slug, T(RT_FIRST_ALL));
}

void route_line(struct req *r, struct html *h, const struct route_state *st)
{
	html(h,
	     "<p class=\"utrecht-paragraph kring-route-line\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/route\">%s</a></p>",
	     r->org_slug,
	     st->current
	         ? T_printf(&r->arena, RT_MY_LINE, st->current, route_step_title(st->current))
	         : T(RT_MY_LINE_ALL));
}
