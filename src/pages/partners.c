/*
 * partners.c - the list of partners (M5): filter, sort, pages, and the
 * same list as CSV for Dutch Excel.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../auth/roles.h"
#include "../core/community.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "pages.h"
#include "pager.h"
#include "partner_ui.h"
#include "respond.h"
#include "../web/csv.h"
#include "../web/xlsx.h"

#define LIST_PAGE 25

/* ---- the list ---- */

static const char *const sort_names[] = {"naam", "soort", "contact", "bijgewerkt", NULL};

/* The filter from the query string; unknown values are ignored. */
static void read_filter(struct req *r, struct partner_filter *f, const struct community_ref *cs,
                        size_t n_cs)
{
	memset(f, 0, sizeof(*f));
	const char *v = req_query(r, "soort");
	f->kind = vocab_index(partner_kinds, v) >= 0 ? v : "";
	v = req_query(r, "community");
	long long c = form_id_or_zero(v);
	for (size_t i = 0; i < n_cs; i++)
		if (cs[i].id == c)
			f->community = c; /* only a community of this organisation */
	int s = vocab_index(sort_names, req_query(r, "sorteer"));
	f->sort = s < 0 ? PSORT_NAME : (enum partner_sort)s;
}

/* The filter in effect as the pager's query (the names read_filter reads). */
static void filter_to_pager(struct pager *pg, const struct partner_filter *f)
{
	pager_filter_text(pg, "soort", f->kind);
	pager_filter_int(pg, "community", f->community);
	pager_filter_text(pg, "sorteer", f->sort != PSORT_NAME ? sort_names[f->sort] : "");
}

static void select_open(struct html *h, const char *name, const char *label)
{
	html(h,
	     "<div class=\"kring-filter\"><label class=\"utrecht-form-label\" for=\"filter-%s\">%s"
	     "</label><select class=\"utrecht-select\" id=\"filter-%s\" name=\"%s\">",
	     name, label, name, name);
}

static void filter_form(struct req *r, struct html *h, const struct partner_filter *f,
                        const struct community_ref *cs, size_t n_cs)
{
	html(h,
	     "<form class=\"kring-filters\" method=\"get\" action=\"/o/%s/partners\" "
	     "aria-labelledby=\"h-filter\"><h2 class=\"kring-sr\" id=\"h-filter\">%s</h2>",
	     r->org_slug, T(COMMUNITIES_FILTER_TITLE));
	select_open(h, "soort", T(PFILTER_KIND));
	html(h, "<option value=\"\">%s</option>", T(FILTER_ALL));
	for (int i = 0; partner_kinds[i]; i++)
		html(h, "<option value=\"%s\"%s>%s</option>", partner_kinds[i],
		     strcmp(partner_kinds[i], f->kind) == 0 ? " selected" : "",
		     TX(TXT_PARTNER_KIND_VERENIGING + i));
	html(h, "</select></div>");
	select_open(h, "community", T(PFILTER_COMMUNITY));
	html(h, "<option value=\"\">%s</option>", T(FILTER_ALL));
	for (size_t i = 0; i < n_cs; i++)
		html(h, "<option value=\"%lld\"%s>%s</option>", cs[i].id,
		     cs[i].id == f->community ? " selected" : "",
		     ui_short(&r->arena, cs[i].name, 60));
	html(h, "</select></div>");
	select_open(h, "sorteer", T(FILTER_SORT));
	for (int i = 0; sort_names[i]; i++)
		html(h, "<option value=\"%s\"%s>%s</option>", sort_names[i],
		     (int)f->sort == i ? " selected" : "", TX(TXT_PSORT_NAME + i));
	html(
	    h,
	    "</select></div><div class=\"kring-filter kring-filter--buttons\"><button "
	    "class=\"utrecht-button utrecht-button--secondary-action\" type=\"submit\">%s</button>",
	    T(FILTER_APPLY));
	if (f->kind[0] || f->community || f->sort != PSORT_NAME)
		html(h, " <a class=\"utrecht-link\" href=\"/o/%s/partners\">%s</a>", r->org_slug,
		     T(FILTER_RESET));
	html(h, "</div></form>");
}

int page_partners(struct req *r)
{
	struct community_ref *cs;
	size_t n_cs;
	if (partner_community_choices(r->db, &r->arena, r->org_id, &cs, &n_cs) != 0)
		return HANDLER_ERROR;
	struct partner_filter f;
	read_filter(r, &f, cs, n_cs);
	struct pager pg;
	pager_init(&pg, r, LIST_PAGE);
	filter_to_pager(&pg, &f);
	const char *today = partner_today(&r->arena);
	struct partner_row *rows;
	size_t n;
	long long total;
	if (partner_list(r->db, &r->arena, r->org_id, &f, today, pg.per_page, pager_offset(&pg),
	                 &rows, &n, &total) != 0)
		return HANDLER_ERROR;
	pg.total = total;
	bool staff = (r->role & ROLES_STAFF) != 0;
	const char *q = pager_filter(&pg);

	struct html h;
	page_begin(r, &h, T(PARTNERS_TITLE));
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     T(PARTNERS_TITLE), T(PARTNERS_INTRO));
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "verwijderd") == 0)
		page_notice(&h, "ok", T(PARTNER_DELETED));
	html(&h, "<p class=\"kring-toolbar\">");
	if (staff)
		html(&h,
		     "<a class=\"utrecht-button utrecht-button--primary-action kring-button-link\" "
		     "href=\"/o/%s/partners/new\">%s</a>",
		     r->org_slug, T(PARTNERS_NEW));
	html(&h,
	     "<a class=\"utrecht-link\" href=\"/o/%s/conversations\">%s</a>"
	     "<a class=\"utrecht-link\" href=\"/o/%s/partners/print\">%s</a>"
	     "<a class=\"utrecht-link\" href=\"/o/%s/partners.csv%s%s\" download>%s</a>"
	     "<a class=\"utrecht-link\" href=\"/o/%s/partners.xlsx%s%s\" download>%s</a></p>",
	     r->org_slug, T(PARTNERS_TALKS_LINK), r->org_slug, T(PARTNERS_PRINT_BLANK), r->org_slug,
	     q[0] ? "?" : "", q, T(PARTNERS_CSV), r->org_slug, q[0] ? "?" : "", q, T(LIST_XLSX));

	bool any_filter = f.kind[0] || f.community;
	if (total > 0 || any_filter)
		filter_form(r, &h, &f, cs, n_cs);
	if (n == 0) {
		html(&h, "<p class=\"utrecht-paragraph kring-empty\">%s</p>",
		     any_filter ? T(PARTNERS_NONE_FILTER) : T(PARTNERS_NONE));
	} else {
		html(
		    &h,
		    "<div class=\"kring-table-wrap\"><table class=\"utrecht-table kring-table "
		    "kring-table--partners\"><caption class=\"utrecht-table__caption\">%s</caption>"
		    "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
		    "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		    "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		    "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		    "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		    "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		    "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th></tr></thead>"
		    "<tbody class=\"utrecht-table__body\">",
		    T_printf(&r->arena, PARTNERS_CAPTION, total), T(COL_NAME), T(PCOL_KIND),
		    T(PCOL_COMMUNITIES), T(PCOL_LAST), T(PCOL_NEXT), T(PCOL_ACTIONS));
		for (size_t i = 0; i < n; i++) {
			struct community_ref *pc;
			size_t n_pc;
			if (partner_communities(r->db, &r->arena, r->org_id, rows[i].id, &pc,
			                        &n_pc) != 0)
				return HANDLER_ERROR;
			html(&h,
			     "<tr class=\"utrecht-table__row\"><th class=\"utrecht-table__cell\" "
			     "scope=\"row\"><a class=\"utrecht-link kring-strong-link\" "
			     "href=\"%s\">%s</a>",
			     ui_partner_url(r, rows[i].id, ""),
			     ui_short(&r->arena, rows[i].name, 120));
			if (rows[i].part_of[0])
				html(&h, "<br><span class=\"kring-muted kring-small\">%s</span>",
				     ui_short(&r->arena, rows[i].part_of, 80));
			html(&h, "</th><td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td>",
			     T(PCOL_KIND), ui_partner_kind_label(rows[i].kind));
			html(&h, "<td class=\"utrecht-table__cell\" data-label=\"%s\">",
			     T(PCOL_COMMUNITIES));
			if (n_pc == 0)
				html(&h, "<span class=\"kring-muted\">–</span>");
			else {
				html(&h, "<ul class=\"kring-plain-list\">");
				for (size_t k = 0; k < n_pc; k++)
					html(&h, "<li>%s</li>",
					     ui_short(&r->arena, pc[k].name, 60));
				html(&h, "</ul>");
			}
			html(&h, "</td><td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td>",
			     T(PCOL_LAST),
			     rows[i].last_contact[0] ? ui_date(&r->arena, rows[i].last_contact)
			                             : T(PARTNER_NEVER_MET));
			html(&h, "<td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td>",
			     T(PCOL_NEXT),
			     rows[i].next_contact[0] ? ui_date(&r->arena, rows[i].next_contact)
			                             : "–");
			html(&h, "<td class=\"utrecht-table__cell\" data-label=\"%s\">",
			     T(PCOL_ACTIONS));
			if (rows[i].n_open_actions == 0)
				html(&h, "<span class=\"kring-muted\">%s</span>",
				     T(PARTNER_NO_OPEN));
			else
				html(&h, "%s",
				     T_printf(&r->arena, PARTNER_N_OPEN, rows[i].n_open_actions));
			if (rows[i].n_overdue > 0)
				html(&h, " <span class=\"kring-badge kring-badge--late\">%s</span>",
				     T_printf(&r->arena, PARTNER_N_LATE, rows[i].n_overdue));
			html(&h, "</td></tr>");
		}
		html(&h, "</tbody></table></div>");
	}
	pager_nav(&h, &pg);
	page_end(r, &h, 200);
	return HANDLER_OK;
}

/* A moment as the local calendar date "YYYY-MM-DD" (what Excel reads as a date). */
static const char *iso_day(struct arena *a, long long epoch)
{
	time_t t = (time_t)epoch;
	struct tm tm;
	localtime_r(&t, &tm);
	char s[16];
	strftime(s, sizeof(s), "%Y-%m-%d", &tm);
	return arena_strdup(a, s);
}

/*
 * The CSV: the header row with the Dutch column names, then one row per
 * partner with its details, communities, latest partner power and contact
 * moments. Core gives the rows; this page writes them (csv.h).
 */
int partner_export_csv(struct db *db, struct arena *a, long long org_id,
                       const struct partner_filter *f, const char *today, struct buf *out)
{
	struct csv c;
	csv_begin(&c, out);
	struct sheet s = {.csv = &c};
	return partner_export_sheet(db, a, org_id, f, today, &s);
}

int partner_export_sheet(struct db *db, struct arena *a, long long org_id,
                         const struct partner_filter *f, const char *today, struct sheet *s)
{
	struct partner_row *rows;
	size_t n_rows;
	long long total;
	if (partner_list(db, a, org_id, f, today, 0, 0, &rows, &n_rows, &total) != 0)
		return -1;
	static const int header[] = {
	    TXT_PCSV_NAME,         TXT_PCSV_KIND,        TXT_PCSV_PART_OF,     TXT_PCSV_DESCRIPTION,
	    TXT_PCSV_CONTACT,      TXT_PCSV_CONTACT_HOW, TXT_PCSV_COMMUNITIES, TXT_PCSV_POWER_ON,
	    TXT_PCSV_CHALLENGES,   TXT_PCSV_VALUES,      TXT_PCSV_GOALS,       TXT_PCSV_COMMITMENTS,
	    TXT_PCSV_SUCCESS,      TXT_PCSV_TALKS,       TXT_PCSV_LAST_TALK,   TXT_PCSV_NEXT_TALK,
	    TXT_PCSV_OPEN_ACTIONS, TXT_PCSV_OVERDUE,     TXT_PCSV_UPDATED,
	};
	const size_t n_cols = sizeof(header) / sizeof(header[0]);
	const char *head[sizeof(header) / sizeof(header[0])];
	for (size_t i = 0; i < n_cols; i++)
		head[i] = TX(header[i]);
	sheet_header(s, head, n_cols);
	for (size_t r = 0; r < n_rows; r++) {
		struct partner p;
		struct community_ref *cs;
		struct partner_power *pw;
		size_t n_cs, n_pw;
		if (partner_get(db, a, org_id, rows[r].id, &p) != 1 ||
		    partner_communities(db, a, org_id, p.id, &cs, &n_cs) != 0 ||
		    power_list(db, a, org_id, p.id, &pw, &n_pw) != 0)
			return -1;
		struct buf names;
		buf_init(&names, a);
		for (size_t i = 0; i < n_cs; i++)
			buf_printf(&names, "%s%s", i ? ", " : "", cs[i].name);
		sheet_text(s, p.name);
		sheet_text(s, ui_partner_kind_label(p.kind));
		sheet_text(s, p.part_of);
		sheet_text(s, p.description);
		sheet_text(s, p.contact_name);
		sheet_text(s, p.contact_how);
		sheet_text(s, buf_str(&names));
		const struct partner_power *last = n_pw > 0 ? &pw[0] : NULL;
		sheet_date(s, last ? last->met_on : "");
		sheet_text(s, last ? last->challenges : "");
		sheet_text(s, last ? last->core_values : "");
		sheet_text(s, last ? last->goals : "");
		sheet_text(s, last ? last->commitments : "");
		sheet_text(s, last ? last->success : "");
		sheet_int(s, rows[r].n_conversations);
		sheet_date(s, rows[r].last_contact);
		sheet_date(s, rows[r].next_contact);
		sheet_int(s, rows[r].n_open_actions);
		sheet_int(s, rows[r].n_overdue);
		sheet_date(s, iso_day(a, p.updated_at));
		sheet_row_end(s);
	}
	return 0;
}

int page_partners_csv(struct req *r)
{
	struct community_ref *cs;
	size_t n_cs;
	if (partner_community_choices(r->db, &r->arena, r->org_id, &cs, &n_cs) != 0)
		return HANDLER_ERROR;
	struct partner_filter f;
	read_filter(r, &f, cs, n_cs);
	const char *today = partner_today(&r->arena);
	struct buf out;
	buf_init(&out, &r->arena);
	if (partner_export_csv(r->db, &r->arena, r->org_id, &f, today, &out) != 0)
		return HANDLER_ERROR;
	r->status = 200;
	r->content_type = "text/csv; charset=utf-8";
	r->resp = out;
	resp_header(r, "Content-Disposition",
	            arena_printf(&r->arena, "attachment; filename=\"partners-%s-%s.csv\"",
	                         r->org_slug, today));
	return HANDLER_OK;
}

/* dashboard: the same list as XLSX (web/xlsx.h), with the filter of the page */
int page_partners_xlsx(struct req *r)
{
	struct community_ref *cs;
	size_t n_cs;
	if (partner_community_choices(r->db, &r->arena, r->org_id, &cs, &n_cs) != 0)
		return HANDLER_ERROR;
	struct partner_filter f;
	read_filter(r, &f, cs, n_cs);
	struct xlsx x;
	if (xlsx_begin(&x) != 0)
		return HANDLER_ERROR;
	struct sheet s = {.xlsx = &x};
	xlsx_sheet(&x, T(XLSX_SHEET_PARTNERS));
	if (partner_export_sheet(r->db, &r->arena, r->org_id, &f, partner_today(&r->arena), &s) !=
	    0) {
		xlsx_abort(&x);
		return HANDLER_ERROR;
	}
	return xlsx_send(r, &x, "partners");
}
