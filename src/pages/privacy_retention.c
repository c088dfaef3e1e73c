/*
 * privacy_retention.c - the retention periods of an organisation and what
 * will be removed when (issue 14b, M13). kring enforces them itself each
 * night (core/retention.h, the server's daily pass and `kring retention`).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../core/inbox.h"
#include "../core/retention.h"
#include "../i18n/text.h"
#include "../web/form.h"
#include "../web/layout.h"
#include "pages.h"

static const struct field_spec ret_fields[] = {
    {.name = "contact",
     .label_text = FIELD_TEXTS(F_PRIVACY_RETENTION_CONTACT_LABEL),
     .hint_text = FIELD_TEXTS(F_PRIVACY_RETENTION_CONTACT_HINT),
     .kind = FIELD_TEXT,
     .required = true,
     .max_len = 4,
     .autocomplete = "off",
     .required_text = FIELD_TEXTS(F_PRIVACY_RETENTION_CONTACT_REQUIRED)},
    {.name = "links",
     .label_text = FIELD_TEXTS(F_PRIVACY_RETENTION_LINKS_LABEL),
     .hint_text = FIELD_TEXTS(F_PRIVACY_RETENTION_LINKS_HINT),
     .kind = FIELD_TEXT,
     .required = true,
     .max_len = 4,
     .autocomplete = "off",
     .required_text = FIELD_TEXTS(F_PRIVACY_RETENTION_LINKS_REQUIRED)},
    {.name = "access_log",
     .label_text = FIELD_TEXTS(F_PRIVACY_RETENTION_ACCESS_LOG_LABEL),
     .hint_text = FIELD_TEXTS(F_PRIVACY_RETENTION_ACCESS_LOG_HINT),
     .kind = FIELD_TEXT,
     .required = true,
     .max_len = 4,
     .autocomplete = "off",
     .required_text = FIELD_TEXTS(F_PRIVACY_RETENTION_ACCESS_LOG_REQUIRED)},
};
#define N_RET_FIELDS (sizeof(ret_fields) / sizeof(ret_fields[0]))

static const int cat_label[RET_N] = {TXT_PRIV_RET_CONTACT, TXT_PRIV_RET_LINKS,
                                     TXT_PRIV_RET_ACCESS_LOG};

/* "YYYY-MM-DD" as Unix seconds at local noon, for fmt_date; 0 when it is no date. */
static long long day_epoch(const char *ymd)
{
	struct tm tm = {0};
	if (sscanf(ymd, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	return (long long)mktime(&tm);
}

static int retention_page(struct req *r, struct form *edit, const char *notice, unsigned status)
{
	int days[RET_N];
	struct retention_due due[RET_N];
	struct inbox_due inbox;
	if (retention_days(r->db, r->org_id, days) != 0 ||
	    retention_overview(r->db, r->org_id, due) != 0 ||
	    inbox_retention_due(r->db, &r->arena, r->org_id, &inbox) != 0)
		return HANDLER_ERROR;
	long long inbox_next = day_epoch(inbox.next);
	struct html h;
	page_begin(r, &h, T(PRIV_RET_TITLE));
	html(&h,
	     "<p class=\"utrecht-paragraph kring-back\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/privacy\">%s</a></p>"
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     r->org_slug, T(PRIV_TITLE), T(PRIV_RET_TITLE), T(PRIV_RET_INTRO));
	if (notice)
		page_notice(&h, "ok", notice);
	html(&h,
	     "<table class=\"utrecht-table kring-table kring-table--stack\">"
	     "<caption class=\"kring-sr\">%s</caption>"
	     "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "</tr></thead><tbody class=\"utrecht-table__body\">",
	     T(PRIV_RET_CAPTION), T(PRIV_RET_CATEGORY), T(PRIV_RET_DAYS), T(PRIV_RET_NOW),
	     T(PRIV_RET_SOON), T(PRIV_RET_NEXT));
	for (int c = 0; c < RET_N; c++)
		html(&h,
		     "<tr class=\"utrecht-table__row\">"
		     "<td class=\"utrecht-table__cell kring-strong\" data-label=\"%s\">%s</td>"
		     "<td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td>"
		     "<td class=\"utrecht-table__cell\" data-label=\"%s\">%lld</td>"
		     "<td class=\"utrecht-table__cell\" data-label=\"%s\">%lld</td>"
		     "<td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td></tr>",
		     T(PRIV_RET_CATEGORY), TX(cat_label[c]), T(PRIV_RET_DAYS),
		     TN_printf(&r->arena, PRIV_RET_DAYS, days[c], (long long)days[c]),
		     T(PRIV_RET_NOW), due[c].now, T(PRIV_RET_SOON), due[c].soon, T(PRIV_RET_NEXT),
		     due[c].next ? fmt_date(&r->arena, due[c].next) : T(PRIV_RET_NONE));
	/* the inbox of the public page keeps its own period (core/inbox.h) */
	html(&h,
	     "<tr class=\"utrecht-table__row\">"
	     "<td class=\"utrecht-table__cell kring-strong\" data-label=\"%s\">%s</td>"
	     "<td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td>"
	     "<td class=\"utrecht-table__cell\" data-label=\"%s\">%lld</td>"
	     "<td class=\"utrecht-table__cell\" data-label=\"%s\">%lld</td>"
	     "<td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td></tr>",
	     T(PRIV_RET_CATEGORY), T(PRIV_RET_INBOX), T(PRIV_RET_DAYS),
	     TN_printf(&r->arena, PRIV_RET_DAYS, inbox.days, inbox.days), T(PRIV_RET_NOW),
	     inbox.now, T(PRIV_RET_SOON), inbox.soon, T(PRIV_RET_NEXT),
	     inbox_next ? fmt_date(&r->arena, inbox_next) : T(PRIV_RET_NONE));
	html(&h, "</tbody></table><p class=\"utrecht-paragraph\">%s</p>", T(PRIV_RET_IDEAS));

	struct form f;
	if (edit) {
		f = *edit;
	} else {
		form_init(&f, ret_fields, N_RET_FIELDS);
		for (int c = 0; c < RET_N; c++)
			form_set(&f, ret_fields[c].name, arena_printf(&r->arena, "%d", days[c]));
	}
	html(&h,
	     "<section class=\"kring-card kring-narrow kring-noprint\" "
	     "aria-labelledby=\"h-termijn\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-termijn\">%s</h2>",
	     T(PRIV_RET_FORM));
	form_error_summary(&h, &f);
	form_begin(&h, r, arena_printf(&r->arena, "/o/%s/privacy/retention", r->org_slug));
	for (size_t i = 0; i < N_RET_FIELDS; i++)
		form_field(&h, &f, ret_fields[i].name);
	form_end(&h, T(PRIV_RET_SAVE));
	html(&h, "</section>");
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_privacy_retention(struct req *r)
{
	const char *done = req_query(r, "klaar");
	return retention_page(
	    r, NULL, done && strcmp(done, "opgeslagen") == 0 ? T(PRIV_RET_SAVED) : NULL, 200);
}

int page_privacy_retention_save(struct req *r)
{
	struct form f;
	if (!form_read(r, &f, ret_fields, N_RET_FIELDS))
		return retention_page(r, &f, NULL, 422);
	int days[RET_N];
	bool ok = true;
	for (int c = 0; c < RET_N; c++) {
		const char *v = form_value(&f, ret_fields[c].name);
		days[c] = v[0] == '0' ? 99999 : 0; /* strictly: "07" is no 7 */
		for (const char *p = v; *p && days[c] <= 3650; p++)
			days[c] = *p >= '0' && *p <= '9' ? days[c] * 10 + (*p - '0') : 99999;
		if (days[c] < 1 || days[c] > 3650) {
			form_error(&f, ret_fields[c].name, T(PRIV_RET_BAD));
			ok = false;
		}
	}
	if (!ok)
		return retention_page(r, &f, NULL, 422);
	enum save_result rc = retention_set(r->db, r->org_id, r->person_id, days);
	if (rc == SAVE_REFUSED) {
		for (int c = 0; c < RET_N; c++)
			form_error(&f, ret_fields[c].name, T(PRIV_RET_BAD));
		return retention_page(r, &f, NULL, 422);
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	resp_redirect(
	    r, arena_printf(&r->arena, "/o/%s/privacy/retention?klaar=opgeslagen", r->org_slug));
	return HANDLER_OK;
}
