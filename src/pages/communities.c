/*
 * communities.c - the list of communities (filter, sort, pages) and its
 * export as CSV. A new community and the profile form are in
 * community_form.c, the profile page itself in community.c.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../auth/roles.h"
#include "../core/community.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "../web/xlsx.h"
#include "community_ui.h"
#include "pager.h"
#include "pages.h"
#include "signal_ui.h"

#define LIST_PAGE 25

static const char *const sort_names[] = {"naam", "status", "bijgewerkt", NULL};
static const char *const role_filters[] = {"bouwer", "verbinder", "aanjager", "ontbreekt", NULL};

/* The filter of the list from the query string; unknown values are ignored. */
static void read_filter(struct req *r, struct community_filter *f, const struct member *staff,
                        size_t n_staff)
{
	memset(f, 0, sizeof(*f));
	const char *v = req_query(r, "status");
	f->status = vocab_index(community_statuses, v) >= 0 ? v : "";
	v = req_query(r, "type");
	f->archetype = vocab_index(community_archetypes, v) >= 0 ? v : "";
	v = req_query(r, "rol");
	f->role = vocab_index(role_filters, v) >= 0 ? v : "";
	v = req_query(r, "wie");
	long long who = form_id_or_zero(v);
	for (size_t i = 0; i < n_staff; i++)
		if (staff[i].person_id == who)
			f->person = who;
	int s = vocab_index(sort_names, req_query(r, "sorteer"));
	f->sort = s < 0 ? SORT_NAME : (enum community_sort)s;
	f->only_attached = r->only_attached; /* decided by the route table */
}

/* The filter in effect as the pager's query (the same names read_filter reads). */
static void filter_to_pager(struct pager *pg, const struct community_filter *f)
{
	pager_filter_text(pg, "status", f->status);
	pager_filter_text(pg, "type", f->archetype);
	pager_filter_text(pg, "rol", f->role);
	pager_filter_int(pg, "wie", f->person);
	pager_filter_text(pg, "sorteer", f->sort != SORT_NAME ? sort_names[f->sort] : "");
}

/* A <select> of the filter form. values/labels NULL-terminated; first option "" = all. */
static void filter_select(struct html *h, const char *name, const char *label,
                          const char *all_label, const char *const *values,
                          const char *const *labels, const char *current)
{
	html(h,
	     "<div class=\"kring-filter\"><label class=\"utrecht-form-label\" for=\"filter-%s\">%s"
	     "</label><select class=\"utrecht-select\" id=\"filter-%s\" name=\"%s\">",
	     name, label, name, name);
	if (all_label)
		html(h, "<option value=\"\">%s</option>", all_label);
	for (size_t i = 0; values[i]; i++)
		html(h, "<option value=\"%s\"%s>%s</option>", values[i],
		     strcmp(values[i], current) == 0 ? " selected" : "", labels[i]);
	html(h, "</select></div>");
}

static void filter_form(struct req *r, struct html *h, const struct community_filter *f,
                        const struct member *staff, size_t n_staff, bool any_filter)
{
	html(h,
	     "<form class=\"kring-filters\" method=\"get\" action=\"/o/%s/communities\" "
	     "aria-labelledby=\"h-filter\"><h2 class=\"kring-sr\" id=\"h-filter\">%s</h2>",
	     r->org_slug, T(COMMUNITIES_FILTER_TITLE));
	filter_select(h, "status", T(FILTER_STATUS), T(FILTER_ALL), community_statuses,
	              T_ROW(STATUS_GEWENST), f->status);
	filter_select(h, "type", T(FILTER_ARCHETYPE), T(FILTER_ALL), community_archetypes,
	              T_ROW(ARCHETYPE_SHORT_PRACTICE), f->archetype);
	/* staff people: values are ids */
	const char **ids = arena_alloc(&r->arena, (n_staff + 1) * sizeof(*ids));
	const char **names = arena_alloc(&r->arena, (n_staff + 1) * sizeof(*names));
	for (size_t i = 0; i < n_staff; i++) {
		ids[i] = arena_printf(&r->arena, "%lld", staff[i].person_id);
		names[i] = staff[i].name;
	}
	filter_select(h, "wie", T(FILTER_PERSON), T(FILTER_ANYONE), ids, names,
	              f->person ? arena_printf(&r->arena, "%lld", f->person) : "");
	const char *rl[5] = {T(STAFF_BOUWER), T(STAFF_VERBINDER), T(STAFF_AANJAGER),
	                     T(FILTER_ROLE_MISSING), NULL};
	filter_select(h, "rol", T(FILTER_ROLE), T(FILTER_ROLE_ANY), role_filters, rl, f->role);
	filter_select(h, "sorteer", T(FILTER_SORT), NULL, sort_names, T_ROW(SORT_BY_NAME),
	              sort_names[f->sort]);
	html(h,
	     "<div class=\"kring-filter kring-filter--buttons\"><button class=\"utrecht-button "
	     "utrecht-button--secondary-action\" type=\"submit\">%s</button>",
	     T(FILTER_APPLY));
	if (any_filter)
		html(h, " <a class=\"utrecht-link\" href=\"/o/%s/communities\">%s</a>", r->org_slug,
		     T(FILTER_RESET));
	html(h, "</div></form>");
}

/* "Name (rol), Name (rol)" of a community's staff. */
static void staff_cell(struct html *h, const struct community_person *p, size_t n)
{
	if (n == 0) {
		html(h, "<span class=\"kring-muted\">%s</span>", T(NOBODY));
		return;
	}
	html(h, "<ul class=\"kring-plain-list\">");
	for (size_t i = 0; i < n; i++)
		html(h, "<li>%s <span class=\"kring-muted\">(%s)</span></li>", p[i].name,
		     ui_staff_role_label(p[i].role));
	html(h, "</ul>");
}

int page_communities(struct req *r)
{
	struct member *staff;
	size_t n_staff;
	if (community_candidates(r->db, &r->arena, r->org_id, false, &staff, &n_staff) != 0)
		return HANDLER_ERROR;
	struct community_filter f;
	read_filter(r, &f, staff, n_staff);
	struct pager pg;
	pager_init(&pg, r, LIST_PAGE);
	filter_to_pager(&pg, &f);
	struct community_row *rows;
	size_t n;
	if (community_list(r->db, &r->arena, r->org_id, &f, pg.per_page, pager_offset(&pg), &rows,
	                   &n, &pg.total) != 0)
		return HANDLER_ERROR;
	/* the staff of every row, read before the page starts: an error is a 500, not "nobody" */
	struct community_person **sp = arena_alloc(&r->arena, (n + 1) * sizeof(*sp));
	size_t *n_sp = arena_alloc(&r->arena, (n + 1) * sizeof(*n_sp));
	long long *ids = arena_alloc(&r->arena, (n + 1) * sizeof(*ids));
	for (size_t i = 0; i < n; i++)
		ids[i] = rows[i].id;
	if (community_staff_lists(r->db, &r->arena, r->org_id, ids, n, sp, n_sp) != 0)
		return HANDLER_ERROR;
	/* signals (issue 10): the kept ones, as on the profile and Aandacht nodig */
	struct signal *sv;
	size_t sn;
	struct signal_filter sf = {.kind = -1, .only_attached = r->only_attached};
	char today[16];
	signal_today(today);
	if (signals_list(r->db, &r->arena, r->org_id, &sf, today, &sv, &sn) != 0)
		return HANDLER_ERROR;
	bool staff_role = (r->role & ROLES_STAFF) != 0;
	bool ambassador = r->only_attached != 0;
	const char *q = pager_filter(&pg);
	long long total = pg.total;

	struct html h;
	page_begin(r, &h, T(COMMUNITIES_TITLE));
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     T(COMMUNITIES_TITLE),
	     ambassador ? T(COMMUNITIES_INTRO_AMBASSADOR) : T(COMMUNITIES_INTRO));
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "verwijderd") == 0)
		page_notice(&h, "ok", T(COMMUNITY_DELETED));

	html(&h, "<p class=\"kring-toolbar\">");
	if (staff_role)
		html(&h,
		     "<a class=\"utrecht-button utrecht-button--primary-action kring-button-link\" "
		     "href=\"/o/%s/communities/new\">%s</a>",
		     r->org_slug, T(COMMUNITIES_NEW));
	if (r->role & ROLES_READ)
		html(&h, "<a class=\"utrecht-link\" href=\"/o/%s/scan\">%s</a>", r->org_slug,
		     T(COMMUNITIES_SCAN_LINK));
	html(&h,
	     "<a class=\"utrecht-link\" href=\"/o/%s/communities/print\">%s</a>"
	     "<a class=\"utrecht-link\" href=\"/o/%s/communities.csv%s%s\" download>%s</a>"
	     "<a class=\"utrecht-link\" href=\"/o/%s/communities.xlsx%s%s\" download>%s</a></p>",
	     r->org_slug, T(COMMUNITIES_PRINT_BLANK), r->org_slug, q[0] ? "?" : "", q,
	     T(COMMUNITIES_CSV), r->org_slug, q[0] ? "?" : "", q, T(LIST_XLSX));

	bool any_filter = f.status[0] || f.archetype[0] || f.role[0] || f.person;
	if (total > 0 || any_filter)
		filter_form(r, &h, &f, staff, n_staff, any_filter);

	if (n == 0) {
		html(&h, "<p class=\"utrecht-paragraph kring-empty\">%s</p>",
		     ambassador   ? T(COMMUNITIES_NONE_AMBASSADOR)
		     : any_filter ? T(COMMUNITIES_NONE_FILTER)
		                  : T(COMMUNITIES_NONE));
	} else {
		html(&h,
		     "<div class=\"kring-table-wrap\"><table class=\"utrecht-table kring-table "
		     "kring-table--communities\"><caption "
		     "class=\"utrecht-table__caption\">%s</caption>"
		     "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th></tr></thead>"
		     "<tbody class=\"utrecht-table__body\">",
		     T_printf(&r->arena, COMMUNITIES_CAPTION, total), T(COL_NAME), T(COL_STATUS),
		     T(COL_ARCHETYPE), T(COL_STAFF), T(COL_SIGNALS), T(COL_UPDATED));
		for (size_t i = 0; i < n; i++) {
			html(&h,
			     "<tr class=\"utrecht-table__row\"><th class=\"utrecht-table__cell\" "
			     "scope=\"row\"><a class=\"utrecht-link kring-strong-link\" "
			     "href=\"%s\">%s</a></th><td class=\"utrecht-table__cell\" "
			     "data-label=\"%s\">",
			     ui_community_url(r, rows[i].id, ""),
			     ui_short(&r->arena, rows[i].name, 120), T(COL_STATUS));
			ui_status_badge(&h, rows[i].status);
			html(&h,
			     "<br><span class=\"kring-muted kring-small\">%s</span></td>"
			     "<td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td>"
			     "<td class=\"utrecht-table__cell\" data-label=\"%s\">",
			     T_printf(&r->arena, STATUS_SINCE,
			              fmt_date(&r->arena, rows[i].status_since)),
			     T(COL_ARCHETYPE),
			     rows[i].archetype[0] ? ui_archetype_label(rows[i].archetype) : "–",
			     T(COL_STAFF));
			staff_cell(&h, sp[i], n_sp[i]);
			html(&h, "</td><td class=\"utrecht-table__cell\" data-label=\"%s\">",
			     T(COL_SIGNALS));
			sig_short_cell(r, &h, sv, sn, rows[i].id);
			html(
			    &h,
			    "</td><td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td></tr>",
			    T(COL_UPDATED), fmt_date(&r->arena, rows[i].updated_at));
		}
		html(&h, "</tbody></table></div>");
	}
	pager_nav(&h, &pg);
	page_end(r, &h, 200);
	return HANDLER_OK;
}

int page_communities_csv(struct req *r)
{
	struct member *staff;
	size_t n_staff;
	if (community_candidates(r->db, &r->arena, r->org_id, false, &staff, &n_staff) != 0)
		return HANDLER_ERROR;
	struct community_filter f;
	read_filter(r, &f, staff, n_staff);
	struct community_export *rows;
	size_t n;
	if (community_export_rows(r->db, &r->arena, r->org_id, &f, &rows, &n) != 0)
		return HANDLER_ERROR;
	struct buf out;
	buf_init(&out, &r->arena);
	community_csv_write(&out, &r->arena, rows, n);
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	char day[16];
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	r->status = 200;
	r->content_type = "text/csv; charset=utf-8";
	r->resp = out;
	resp_header(r, "Content-Disposition",
	            arena_printf(&r->arena, "attachment; filename=\"communities-%s-%s.csv\"",
	                         r->org_slug, day));
	return HANDLER_OK;
}

/* dashboard: the same list as XLSX (web/xlsx.h), with the filter of the page */
int page_communities_xlsx(struct req *r)
{
	struct member *staff;
	size_t n_staff;
	if (community_candidates(r->db, &r->arena, r->org_id, false, &staff, &n_staff) != 0)
		return HANDLER_ERROR;
	struct community_filter f;
	read_filter(r, &f, staff, n_staff);
	struct community_export *rows;
	size_t n;
	if (community_export_rows(r->db, &r->arena, r->org_id, &f, &rows, &n) != 0)
		return HANDLER_ERROR;
	struct xlsx x;
	if (xlsx_begin(&x) != 0)
		return HANDLER_ERROR;
	struct sheet s = {.xlsx = &x};
	xlsx_sheet(&x, T(XLSX_SHEET_COMMUNITIES));
	community_sheet_write(&s, &r->arena, rows, n);
	return xlsx_send(r, &x, "communities");
}
