/*
 * plan.c - the project plan of a community (M7, Routekaart step 7, issue
 * 11b): its tasks in one table with who, when, status, hours and money and
 * the goal each serves, with exact totals, printable on A4 for management.
 * Staff add and change every task; an ambassadeur changes the tasks they
 * own (pages/plan_form.c has the forms).
 */
#include <string.h>

#include "../auth/roles.h"
#include "../core/community.h"
#include "../core/plan.h"
#include "../i18n/text.h"
#include "../util/clock.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "pages.h"
#include "plan_ui.h"
#include "respond.h"

/* "Uren, gepland / besteed": a column's name where a cell stands alone (a phone). */
static const char *long_label(struct arena *a, int text)
{
	return arena_printf(a, "%s, %s", TX(text), T(PL_COL_PLANNED_SPENT));
}

static void task_row(struct req *r, struct html *h, const struct plan_task *t, const char *today,
                     bool any_edit)
{
	struct arena *a = &r->arena;
	html(h, "<tr id=\"taak-%lld\"><td data-label=\"%s\"><strong>%s</strong>", t->id,
	     T(PL_COL_TASK), t->title);
	if (t->description[0])
		html(h, "<span class=\"kring-plan__desc kring-pre\">%s</span>", t->description);
	if (t->serves[0])
		html(h, "<span class=\"kring-plan__serves\">%s: %s</span>", T(PL_COL_SERVES),
		     ui_short(a, t->serves, 120));
	html(h, "</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s", T(PL_COL_OWNER),
	     t->owner[0] ? (t->owner_is_amb ? T_printf(a, SF_OWNER_AMB, t->owner) : t->owner)
	                 : T(SF_NOBODY),
	     T(PL_COL_DUE), t->due_on[0] ? ui_date(a, t->due_on) : "");
	if (plan_task_overdue(t, today))
		html(h, " <span class=\"kring-badge kring-badge--late\">%s</span>", T(PL_LATE));
	html(h,
	     "</td><td data-label=\"%s\"><span class=\"kring-badge kring-plan-status--%s\">%s"
	     "</span></td><td data-label=\"%s\" class=\"kring-num\">%s / %s</td>"
	     "<td data-label=\"%s\" class=\"kring-num\">%s / %s</td>",
	     T(PL_COL_STATUS), t->status, plan_status_label(t->status),
	     long_label(a, TXT_PL_COL_HOURS), plan_hours(a, t->planned_minutes),
	     plan_hours(a, t->spent_minutes), long_label(a, TXT_PL_COL_MONEY),
	     plan_money(a, t->planned_cents), plan_money(a, t->spent_cents));
	if (any_edit) {
		html(h, "<td class=\"kring-col-action\">");
		if (plan_task_may_edit(r->role, r->person_id, t))
			html(h, "<a class=\"utrecht-link\" href=\"%s\" aria-label=\"%s\">%s</a>",
			     plan_community_url(r, r->param_id,
			                        arena_printf(a, "/plan/%lld", t->id)),
			     T_printf(a, PL_EDIT_LABEL, t->title), T(PL_EDIT));
		html(h, "</td>");
	}
	html(h, "</tr>");
}

int page_plan(struct req *r)
{
	struct community c;
	int found = community_get(r->db, &r->arena, r->org_id, r->param_id, &c);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	struct plan_task *v;
	size_t n;
	if (plan_task_list(r->db, &r->arena, r->org_id, c.id, &v, &n) != 0)
		return HANDLER_ERROR;
	char today[16];
	clock_today(today);
	struct plan_totals tot;
	plan_totals_of(v, n, today, &tot);
	bool staff = (r->role & ROLES_STAFF) != 0, any_edit = staff;
	for (size_t i = 0; i < n && !any_edit; i++)
		any_edit = plan_task_may_edit(r->role, r->person_id, &v[i]) != 0;
	struct arena *a = &r->arena;
	struct html h;
	page_begin(r, &h, arena_printf(a, "%s: %s", T(PL_TITLE), c.name));
	html(&h,
	     "<nav class=\"kring-crumbs\" aria-label=\"%s\"><a class=\"utrecht-link\" "
	     "href=\"%s\">%s</a></nav><h1 class=\"utrecht-heading-1\">%s</h1>"
	     "<p class=\"utrecht-paragraph kring-lead\">%s</p>"
	     "<p class=\"utrecht-paragraph kring-small kring-muted kring-noprint\">%s</p>",
	     T(CRUMBS_LABEL), plan_community_url(r, c.id, ""), ui_short(a, c.name, 80),
	     T_printf(a, PL_HEADING, c.name), T(PL_LEAD), T(PL_PRINT_HINT));
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "opgeslagen") == 0)
		page_notice(&h, "ok", T(PL_SAVED));
	else if (done && strcmp(done, "weggehaald") == 0)
		page_notice(&h, "ok", T(PL_DELETED));
	if (staff)
		html(&h,
		     "<p class=\"utrecht-paragraph kring-noprint\"><a class=\"utrecht-button "
		     "utrecht-button--primary-action kring-button-link\" "
		     "href=\"%s\">%s</a></p>",
		     plan_community_url(r, c.id, "/plan/new"), T(PL_ADD));
	html(&h,
	     "<section class=\"kring-card\" aria-labelledby=\"h-taken\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-taken\">%s</h2>",
	     T(PL_CAPTION));
	if (n == 0) {
		html(&h, "<p class=\"utrecht-paragraph\">%s</p></section>", T(PL_NONE));
		page_end(r, &h, 200);
		return HANDLER_OK;
	}
	html(&h, "<p class=\"utrecht-paragraph\">%s %s", T_printf(a, PL_AS_OF, ui_date(a, today)),
	     T_printf(a, PL_SUMMARY, tot.n_open, tot.n_busy, tot.n_done));
	if (tot.n_overdue)
		html(&h, " <strong>%s</strong>",
		     TN_printf(a, PL_OVERDUE, tot.n_overdue, tot.n_overdue));
	html(&h, "</p>");
	if (tot.planned_minutes > 0 && tot.spent_minutes > tot.planned_minutes)
		page_notice(&h, "warning", T(PL_OVER_HOURS));
	if (tot.planned_cents > 0 && tot.spent_cents > tot.planned_cents)
		page_notice(&h, "warning", T(PL_OVER_MONEY));
	html(&h,
	     "<div class=\"kring-scroll\"><table class=\"utrecht-table kring-table "
	     "kring-table--stack "
	     "kring-plan\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	     "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\" "
	     "class=\"kring-num\">%s<span class=\"kring-plan__unit\">%s</span></th>"
	     "<th scope=\"col\" class=\"kring-num\">%s<span class=\"kring-plan__unit\">%s</span>"
	     "</th>",
	     T(PL_COL_TASK), T(PL_COL_OWNER), T(PL_COL_DUE), T(PL_COL_STATUS), T(PL_COL_HOURS),
	     T(PL_COL_PLANNED_SPENT), T(PL_COL_MONEY), T(PL_COL_PLANNED_SPENT));
	if (any_edit)
		html(&h, "<th scope=\"col\" class=\"kring-col-action\">%s</th>", T(PL_COL_ACTION));
	html(&h, "</tr></thead><tbody>");
	for (size_t i = 0; i < n; i++)
		task_row(r, &h, &v[i], today, any_edit);
	html(&h,
	     "</tbody><tfoot><tr class=\"kring-plan__total\"><th scope=\"row\" colspan=\"4\">%s"
	     "</th><td data-label=\"%s\" class=\"kring-num\">%s / %s</td>"
	     "<td data-label=\"%s\" class=\"kring-num\">%s / %s</td>",
	     T(PL_TOTAL), long_label(a, TXT_PL_COL_HOURS), plan_hours(a, tot.planned_minutes),
	     plan_hours(a, tot.spent_minutes), long_label(a, TXT_PL_COL_MONEY),
	     plan_money(a, tot.planned_cents), plan_money(a, tot.spent_cents));
	if (any_edit)
		html(&h, "<td class=\"kring-col-action\"></td>");
	html(&h, "</tr></tfoot></table></div></section>");
	page_end(r, &h, 200);
	return HANDLER_OK;
}
