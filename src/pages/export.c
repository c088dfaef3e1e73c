/*
 * export.c - /o/<slug>/export.xlsx, the whole organisation in one workbook
 * (M12, issue 10): a sheet per kind (communities, partners, activities,
 * conversations, action points), each with a header row, frozen panes,
 * dates as dates (web/xlsx.h). For the library's team and its advisers:
 * it holds partners and conversations, which an ambassadeur does not see.
 *
 * export_activities_sheet() writes the activities list; the activities
 * list's own activities.xlsx (and .csv) route can call it as it is.
 */
#include <string.h>
#include <time.h>

#include "../core/community.h"
#include "../core/dashboard.h"
#include "../core/partner.h"
#include "../i18n/text.h"
#include "../web/xlsx.h"
#include "community_ui.h"
#include "dashboard_ui.h"
#include "pages.h"
#include "partner_ui.h"

/* The Dutch word of a way of making (voor, met, door). */
static const char *made_label(const char *made)
{
	if (strcmp(made, "voor") == 0)
		return T(DASH_MADE_VOOR);
	if (strcmp(made, "met") == 0)
		return T(DASH_MADE_MET);
	if (strcmp(made, "door") == 0)
		return T(DASH_MADE_DOOR);
	return made;
}

static const char *activity_status_label(const char *status)
{
	if (strcmp(status, "planned") == 0)
		return T(XLSX_ACT_PLANNED);
	if (strcmp(status, "held") == 0)
		return T(XLSX_ACT_HELD);
	if (strcmp(status, "cancelled") == 0)
		return T(XLSX_ACT_CANCELLED);
	return status;
}

void export_activities_sheet(struct sheet *s, const struct dash_activity_row *rows, size_t n)
{
	const char *head[] = {T(XLSX_COL_TITLE),  T(XLSX_COL_DATE),         T(XLSX_COL_MADE),
	                      T(XLSX_COL_STATUS), T(XLSX_COL_PARTICIPANTS), T(XLSX_COL_BRANCH),
	                      T(XLSX_COL_PLACE),  T(XLSX_COL_COMMUNITIES),  T(XLSX_COL_OUTCOME)};
	sheet_header(s, head, sizeof(head) / sizeof(head[0]));
	for (size_t i = 0; i < n; i++) {
		sheet_text(s, rows[i].title);
		sheet_date(s, rows[i].held_on);
		sheet_text(s, made_label(rows[i].made));
		sheet_text(s, activity_status_label(rows[i].status));
		if (rows[i].participants < 0)
			sheet_text(s, "");
		else
			sheet_int(s, rows[i].participants);
		sheet_text(s, rows[i].branch);
		sheet_text(s, rows[i].place);
		sheet_text(s, rows[i].communities);
		sheet_text(s, rows[i].outcome);
		sheet_row_end(s);
	}
}

static void conversations_sheet(struct sheet *s, const struct dash_conversation_row *rows, size_t n)
{
	const char *head[] = {T(XLSX_COL_DATE),    T(XLSX_COL_KIND),      T(XLSX_COL_SUBJECT),
	                      T(XLSX_COL_PARTNER), T(XLSX_COL_COMMUNITY), T(XLSX_COL_REPORT_SENT),
	                      T(XLSX_COL_NEXT)};
	sheet_header(s, head, sizeof(head) / sizeof(head[0]));
	for (size_t i = 0; i < n; i++) {
		sheet_date(s, rows[i].held_on);
		sheet_text(s, ui_conversation_kind_label(rows[i].kind));
		sheet_text(s, rows[i].subject);
		sheet_text(s, rows[i].partner);
		sheet_text(s, rows[i].community);
		sheet_text(s, rows[i].report_sent ? T(XLSX_YES) : T(XLSX_NO));
		sheet_date(s, rows[i].next_on);
		sheet_row_end(s);
	}
}

static void actions_sheet(struct sheet *s, struct arena *a, const struct dash_action_row *rows,
                          size_t n)
{
	const char *head[] = {T(XLSX_COL_ACTION), T(XLSX_COL_OWNER),   T(XLSX_COL_DUE),
	                      T(XLSX_COL_DONE),   T(XLSX_COL_SUBJECT), T(XLSX_COL_DATE)};
	sheet_header(s, head, sizeof(head) / sizeof(head[0]));
	for (size_t i = 0; i < n; i++) {
		sheet_text(s, rows[i].text);
		sheet_text(s, rows[i].owner);
		sheet_date(s, rows[i].due_on);
		if (rows[i].done_at) {
			time_t t = (time_t)rows[i].done_at;
			struct tm tm;
			localtime_r(&t, &tm);
			char day[16];
			strftime(day, sizeof(day), "%Y-%m-%d", &tm);
			sheet_date(s, arena_strdup(a, day));
		} else {
			sheet_text(s, "");
		}
		sheet_text(s, rows[i].subject);
		sheet_date(s, rows[i].held_on);
		sheet_row_end(s);
	}
}

int page_export_xlsx(struct req *r)
{
	struct arena *a = &r->arena;
	struct community_filter cf = {.status = "", .archetype = "", .role = ""};
	struct partner_filter pf = {.kind = ""};
	struct community_export *cs;
	size_t n_cs;
	struct dash_activity_row *acts;
	size_t n_acts;
	struct dash_conversation_row *talks;
	size_t n_talks;
	struct dash_action_row *aps;
	size_t n_aps;
	if (community_export_rows(r->db, a, r->org_id, &cf, &cs, &n_cs) != 0 ||
	    dash_activity_rows(r->db, a, r->org_id, 0, &acts, &n_acts) != 0 ||
	    dash_conversation_rows(r->db, a, r->org_id, &talks, &n_talks) != 0 ||
	    dash_action_rows(r->db, a, r->org_id, &aps, &n_aps) != 0)
		return HANDLER_ERROR;
	struct xlsx x;
	if (xlsx_begin(&x) != 0)
		return HANDLER_ERROR;
	struct sheet s = {.xlsx = &x};
	xlsx_sheet(&x, T(XLSX_SHEET_COMMUNITIES));
	community_sheet_write(&s, a, cs, n_cs);
	xlsx_sheet(&x, T(XLSX_SHEET_PARTNERS));
	if (partner_export_sheet(r->db, a, r->org_id, &pf, partner_today(a), &s) != 0) {
		xlsx_abort(&x);
		return HANDLER_ERROR;
	}
	xlsx_sheet(&x, T(XLSX_SHEET_ACTIVITIES));
	export_activities_sheet(&s, acts, n_acts);
	xlsx_sheet(&x, T(XLSX_SHEET_TALKS));
	conversations_sheet(&s, talks, n_talks);
	xlsx_sheet(&x, T(XLSX_SHEET_ACTIONS));
	actions_sheet(&s, a, aps, n_aps);
	return xlsx_send(r, &x, "kring");
}
