/*
 * activities.c - the organisation's activities in one list (filter by
 * community, branch, voor/met/door and period; sort; page) and the same
 * list as CSV for Dutch Excel. An ambassadeur sees only the activities of
 * their own communities.
 */
#include <stdlib.h>
#include <string.h>

#include "../auth/roles.h"
#include "../core/partner.h"
#include "../core/vocab.h"
#include "../i18n/text.h"
#include "../util/date.h"
#include "../web/csv.h"
#include "../web/form.h"
#include "../web/layout.h"
#include "../web/xlsx.h"
#include "activity_ui.h"
#include "community_ui.h"
#include "pager.h"
#include "pages.h"
#include "respond.h"

#define LIST_PAGE 25

static const char *const sort_names[] = {"nieuwste", "oudste", "titel", "deelnemers", NULL};

/* The filter in the query, with only ids the person may choose. */
static void read_filter(struct req *r, const struct act_choices *c, struct activity_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->made = "";
	f->from = "";
	f->to = "";
	long long v = req_query_id(r, "community");
	for (size_t i = 0; v && i < c->n_communities; i++)
		if (c->communities[i].id == v)
			f->community = v;
	const char *s = req_query(r, "branch");
	for (size_t i = 1; s && i < c->n_branches; i++)
		if (strcmp(c->branch_values[i], s) == 0)
			f->branch = form_id_or_zero(s);
	s = req_query(r, "soort");
	if (vocab_index(activity_mades, s) >= 0)
		f->made = s;
	s = req_query(r, "van");
	if (s && date_valid(s))
		f->from = s;
	s = req_query(r, "tot");
	if (s && date_valid(s))
		f->to = s;
	int k = vocab_index(sort_names, req_query(r, "sorteer"));
	f->sort = k > 0 ? (enum activity_sort)k : ACT_SORT_NEWEST;
}

static void select_open(struct html *h, const char *name, const char *label)
{
	html(h,
	     "<div class=\"kring-filter\"><label class=\"utrecht-form-label\" for=\"filter-%s\">%s"
	     "</label><select class=\"utrecht-select\" id=\"filter-%s\" name=\"%s\">",
	     name, label, name, name);
}

static void filter_form(struct req *r, struct html *h, const struct act_choices *c,
                        const struct activity_filter *f, bool any)
{
	html(h,
	     "<form class=\"kring-filters kring-noprint\" method=\"get\" action=\"%s\" "
	     "aria-label=\"%s\">",
	     ui_activity_url(r, 0, ""), T(COMMUNITIES_FILTER_TITLE));
	select_open(h, "community", T(AF_COMMUNITIES));
	html(h, "<option value=\"\">%s</option>", T(FILTER_ALL));
	for (size_t i = 0; i < c->n_communities; i++)
		html(h, "<option value=\"%lld\"%s>%s</option>", c->communities[i].id,
		     c->communities[i].id == f->community ? " selected" : "",
		     ui_short(&r->arena, c->communities[i].name, 60));
	html(h, "</select></div>");
	select_open(h, "branch", T(AF_BRANCH));
	html(h, "<option value=\"\">%s</option>", T(FILTER_ALL));
	for (size_t i = 1; i < c->n_branches; i++)
		html(h, "<option value=\"%s\"%s>%s</option>", c->branch_values[i],
		     form_id_or_zero(c->branch_values[i]) == f->branch ? " selected" : "",
		     c->branch_labels[i]);
	html(h, "</select></div>");
	select_open(h, "soort", T(ACT_FILTER_MADE));
	html(h, "<option value=\"\">%s</option>", T(FILTER_ALL));
	for (int i = 0; activity_mades[i]; i++)
		html(h, "<option value=\"%s\"%s>%s</option>", activity_mades[i],
		     strcmp(activity_mades[i], f->made) == 0 ? " selected" : "",
		     ui_made_label(activity_mades[i]));
	html(h, "</select></div>");
	html(h,
	     "<div class=\"kring-filter\"><label class=\"utrecht-form-label\" for=\"filter-van\">%s"
	     "</label><input class=\"utrecht-textbox\" type=\"date\" id=\"filter-van\" "
	     "name=\"van\" value=\"%s\"></div><div class=\"kring-filter\"><label "
	     "class=\"utrecht-form-label\" for=\"filter-tot\">%s</label><input "
	     "class=\"utrecht-textbox\" type=\"date\" id=\"filter-tot\" name=\"tot\" "
	     "value=\"%s\"></div>",
	     T(ACT_FILTER_FROM), f->from, T(ACT_FILTER_TO), f->to);
	select_open(h, "sorteer", T(FILTER_SORT));
	for (int i = 0; sort_names[i]; i++)
		html(h, "<option value=\"%s\"%s>%s</option>", sort_names[i],
		     i == (int)f->sort ? " selected" : "", TX(TXT_ACT_SORT_NEWEST + i));
	html(h,
	     "</select></div><div class=\"kring-filter kring-filter--buttons\"><button "
	     "class=\"utrecht-button utrecht-button--secondary-action\" type=\"submit\">%s"
	     "</button>",
	     T(FILTER_APPLY));
	if (any)
		html(h, " <a class=\"utrecht-link\" href=\"%s\">%s</a>", ui_activity_url(r, 0, ""),
		     T(FILTER_RESET));
	html(h, "</div></form>");
}

int page_activities(struct req *r)
{
	struct act_choices c;
	if (ui_act_choices(r, &c, false) != 0)
		return HANDLER_ERROR;
	struct activity_filter f;
	read_filter(r, &c, &f);
	struct pager pg;
	pager_init(&pg, r, LIST_PAGE);
	pager_filter_int(&pg, "community", f.community);
	pager_filter_int(&pg, "branch", f.branch);
	pager_filter_text(&pg, "soort", f.made);
	pager_filter_text(&pg, "van", f.from);
	pager_filter_text(&pg, "tot", f.to);
	pager_filter_text(&pg, "sorteer", f.sort ? sort_names[f.sort] : "");
	struct activity *v;
	size_t n;
	long long total;
	if (activity_list(r->db, &r->arena, r->org_id, r->only_attached, &f, pg.per_page,
	                  pager_offset(&pg), &v, &n, &total) != 0)
		return HANDLER_ERROR;
	pg.total = total;
	const char *today = partner_today(&r->arena);
	bool edit = (r->role & ROLES_EDIT) != 0;

	struct html h;
	page_begin(r, &h, T(ACTS_TITLE));
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p><ul class=\"kring-made-legend\">",
	     T(ACTS_TITLE), T(ACTS_INTRO));
	for (int i = 0; activity_mades[i]; i++)
		html(&h, "<li><span class=\"kring-badge kring-badge--made-%s\">%s</span> %s</li>",
		     activity_mades[i], ui_made_label(activity_mades[i]),
		     ui_made_hint(activity_mades[i]));
	html(&h, "</ul>");
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "verwijderd") == 0)
		page_notice(&h, "ok", T(ACT_DELETED));
	const char *q = pager_filter(&pg);
	html(&h, "<p class=\"kring-toolbar kring-noprint\">");
	if (edit)
		html(&h,
		     "<a class=\"utrecht-button utrecht-button--primary-action kring-button-link\" "
		     "href=\"%s\">%s</a>",
		     ui_activity_url(r, 0, "/new"), T(ACT_NEW));
	html(&h,
	     "<a class=\"utrecht-link\" href=\"/o/%s/activities.csv%s%s\">%s</a>"
	     "<a class=\"utrecht-link\" href=\"/o/%s/activities.xlsx%s%s\" download>%s</a></p>",
	     r->org_slug, q[0] ? "?" : "", q, T(ACTS_CSV), r->org_slug, q[0] ? "?" : "", q,
	     T(LIST_XLSX));
	bool any = f.community || f.branch || f.made[0] || f.from[0] || f.to[0] || f.sort;
	if (total > 0 || any)
		filter_form(r, &h, &c, &f, any);
	if (n == 0) {
		html(&h, "<p class=\"utrecht-paragraph kring-empty\">%s</p>",
		     any ? T(ACTS_NONE_FILTER) : T(ACTS_NONE));
	} else {
		html(&h,
		     "<div class=\"kring-table-wrap\"><table class=\"utrecht-table kring-table "
		     "kring-table--activities\"><caption class=\"utrecht-table__caption\">%s"
		     "</caption><thead class=\"utrecht-table__header\"><tr "
		     "class=\"utrecht-table__row\">"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th></tr></thead>"
		     "<tbody class=\"utrecht-table__body\">",
		     TN_printf(&r->arena, ACTS_CAPTION, total, total), T(ACOL_DATE),
		     T(ACOL_ACTIVITY), T(AF_COMMUNITIES), T(ACT_WHERE), T(AF_PARTICIPANTS));
		for (size_t i = 0; i < n; i++) {
			html(&h,
			     "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell "
			     "kring-nowrap\" data-label=\"%s\">%s</td><th "
			     "class=\"utrecht-table__cell\" "
			     "scope=\"row\"><a class=\"utrecht-link kring-strong-link\" "
			     "href=\"%s\">%s"
			     "</a><br>",
			     T(ACOL_DATE), ui_act_when(&r->arena, &v[i]),
			     ui_activity_url(r, v[i].id, ""), ui_short(&r->arena, v[i].title, 120));
			ui_made_badge(&h, &v[i]);
			html(&h,
			     "</th><td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td><td "
			     "class=\"utrecht-table__cell\" data-label=\"%s\">%s</td><td "
			     "class=\"utrecht-table__cell\" data-label=\"%s\">",
			     T(AF_COMMUNITIES),
			     ui_short(&r->arena, ui_act_communities(&r->arena, &v[i]), 120),
			     T(ACT_WHERE), ui_short(&r->arena, ui_act_where(&v[i]), 60),
			     T(AF_PARTICIPANTS));
			if (edit && ui_act_confirmable(&v[i], today))
				html(&h, "<a class=\"utrecht-link\" href=\"%s\">%s</a>",
				     ui_activity_url(r, v[i].id, "#bevestig"), T(ACT_CONFIRM_LINK));
			else
				html(&h, "%s",
				     v[i].participants >= 0
				         ? arena_printf(&r->arena, "%lld", v[i].participants)
				         : "–");
			html(&h, "</td></tr>");
		}
		html(&h, "</tbody></table></div>");
	}
	pager_nav(&h, &pg);
	page_end(r, &h, 200);
	return HANDLER_OK;
}

/*
 * The activities of the list's filter as a sheet (web/xlsx.h): the same
 * columns for CSV and XLSX. 0, or -1 on a database error.
 */
static int activities_sheet(struct req *r, struct sheet *sh)
{
	struct act_choices c;
	if (ui_act_choices(r, &c, false) != 0)
		return -1;
	struct activity_filter f;
	read_filter(r, &c, &f);
	struct activity *v;
	size_t n;
	long long total;
	if (activity_list(r->db, &r->arena, r->org_id, r->only_attached, &f, 0, 0, &v, &n,
	                  &total) != 0)
		return -1;
	const char *heads[] = {T(ACOL_DATE),     T(AF_STARTS),       T(AF_ENDS),
	                       T(ACOL_ACTIVITY), T(AF_COMMUNITIES),  T(AF_MADE),
	                       T(ACT_STATUS),    T(AF_PARTICIPANTS), T(ACT_WHERE),
	                       T(AF_OUTCOME),    T(AF_FOLLOW_UP),    T(ACT_WHO)};
	sheet_header(sh, heads, sizeof(heads) / sizeof(heads[0]));
	for (size_t i = 0; i < n; i++) {
		sheet_date(sh, v[i].held_on);
		sheet_text(sh, v[i].starts_at);
		sheet_text(sh, v[i].ends_at);
		sheet_text(sh, v[i].title);
		sheet_text(sh, ui_act_communities(&r->arena, &v[i]));
		sheet_text(sh, ui_made_label(v[i].made));
		sheet_text(sh, ui_act_status_label(v[i].status));
		if (v[i].participants >= 0)
			sheet_int(sh, v[i].participants);
		else
			sheet_text(sh, "");
		sheet_text(sh, ui_act_where(&v[i]));
		sheet_text(sh, v[i].outcome);
		sheet_text(sh, v[i].follow_up);
		sheet_text(sh, v[i].who);
		sheet_row_end(sh);
	}
	return 0;
}

int page_activities_csv(struct req *r)
{
	struct buf out;
	buf_init(&out, &r->arena);
	struct csv cv;
	csv_begin(&cv, &out);
	struct sheet sh = {.csv = &cv};
	if (activities_sheet(r, &sh) != 0)
		return HANDLER_ERROR;
	resp_header(r, "Content-Disposition", "attachment; filename=\"activiteiten.csv\"");
	resp_buf(r, 200, "text/csv; charset=utf-8", &out);
	return HANDLER_OK;
}

int page_activities_xlsx(struct req *r)
{
	struct xlsx x;
	if (xlsx_begin(&x) != 0)
		return HANDLER_ERROR;
	struct sheet sh = {.xlsx = &x};
	xlsx_sheet(&x, T(XLSX_SHEET_ACTIVITIES));
	if (activities_sheet(r, &sh) != 0) {
		xlsx_abort(&x);
		return HANDLER_ERROR;
	}
	return xlsx_send(r, &x, "activiteiten");
}
