/*
 * privacy.c - the register of personal data (the verwerkingsregister
 * extract for kring) and the access log (issue 14b, M13).
 */
#include <string.h>

#include "../core/privacy.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "pager.h"
#include "pages.h"

/* One row of the register, from db/personal.def. */
static const struct reg_row {
	int label, category, purpose, keep, who;
} reg_rows[] = {
#define PERSONAL(table, column, label, category, purpose, keep, who)                               \
	{TXT_PRIV_COL_##label, TXT_PRIV_CAT_##category, TXT_PRIV_PURPOSE_##purpose,                \
	 TXT_PRIV_KEEP_##keep, TXT_PRIV_WHO_##who},
#include "../db/personal.def"
};

/* The links to the privacy tasks, shown on every privacy page. */
static void privacy_nav(struct req *r, struct html *h)
{
	html(h,
	     "<nav class=\"kring-noprint\" aria-label=\"%s\"><ul class=\"utrecht-unordered-list\">"
	     "<li><a class=\"utrecht-link\" href=\"/o/%s/privacy/people\">%s</a></li>"
	     "<li><a class=\"utrecht-link\" href=\"/o/%s/privacy/retention\">%s</a></li>"
	     "<li><a class=\"utrecht-link\" href=\"/o/%s/privacy/log\">%s</a></li></ul></nav>",
	     T(PRIV_LINKS_LABEL), r->org_slug, T(PRIV_LINK_PEOPLE), r->org_slug,
	     T(PRIV_LINK_RETENTION), r->org_slug, T(PRIV_LINK_LOG));
}

int page_privacy(struct req *r)
{
	struct html h;
	page_begin(r, &h, T(NAV_PRIVACY));
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     T(PRIV_TITLE), T(PRIV_INTRO));
	privacy_nav(r, &h);
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
	     T(PRIV_REG_CAPTION), T(PRIV_REG_DATA), T(PRIV_REG_CATEGORY), T(PRIV_REG_PURPOSE),
	     T(PRIV_REG_KEEP), T(PRIV_REG_WHO));
	for (size_t i = 0; i < sizeof(reg_rows) / sizeof(reg_rows[0]); i++) {
		const struct reg_row *g = &reg_rows[i];
		html(&h,
		     "<tr class=\"utrecht-table__row\">"
		     "<td class=\"utrecht-table__cell kring-strong\" data-label=\"%s\">%s</td>"
		     "<td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td>"
		     "<td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td>"
		     "<td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td>"
		     "<td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td></tr>",
		     T(PRIV_REG_DATA), TX(g->label), T(PRIV_REG_CATEGORY), TX(g->category),
		     T(PRIV_REG_PURPOSE), TX(g->purpose), T(PRIV_REG_KEEP), TX(g->keep),
		     T(PRIV_REG_WHO), TX(g->who));
	}
	html(&h,
	     "</tbody></table><p class=\"utrecht-paragraph\">%s</p>"
	     "<p class=\"utrecht-paragraph\">%s</p>",
	     T(PRIV_REG_SECURE), T(PRIV_REG_THIRD));
	page_end(r, &h, 200);
	return HANDLER_OK;
}

/* ---- the access log ---- */

static const char *log_what(const char *what)
{
	if (strcmp(what, "inzage") == 0)
		return T(PRIV_LOG_INZAGE);
	if (strcmp(what, "download") == 0)
		return T(PRIV_LOG_DOWNLOAD);
	if (strcmp(what, "erase") == 0)
		return T(PRIV_LOG_ERASE);
	return T(PRIV_LOG_DETAIL);
}

#define LOG_PAGE 50

int page_privacy_log(struct req *r)
{
	struct pager pg;
	pager_init(&pg, r, LOG_PAGE);
	pg.total = privacy_log_count(r->db, r->org_id);
	if (pg.total < 0) /* an error is not an empty log */
		return HANDLER_ERROR;
	struct access_entry *e;
	size_t n;
	if (privacy_log_list(r->db, &r->arena, r->org_id, pg.per_page, pager_offset(&pg), &e, &n) !=
	    0)
		return HANDLER_ERROR;
	struct html h;
	page_begin(r, &h, T(PRIV_LOG_TITLE));
	html(&h,
	     "<p class=\"utrecht-paragraph kring-back\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/privacy\">%s</a></p>"
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     r->org_slug, T(PRIV_TITLE), T(PRIV_LOG_TITLE), T(PRIV_LOG_INTRO));
	if (n == 0) {
		html(&h, "<p class=\"utrecht-paragraph\">%s</p>", T(PRIV_LOG_NONE));
	} else {
		html(&h,
		     "<table class=\"utrecht-table kring-table kring-table--stack\"><caption "
		     "class=\"kring-sr\">%s</caption>"
		     "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th></tr></thead>"
		     "<tbody class=\"utrecht-table__body\">",
		     T(PRIV_LOG_CAPTION), T(PRIV_LOG_WHEN), T(PRIV_LOG_WHO), T(PRIV_LOG_WHOSE),
		     T(PRIV_LOG_WHAT));
		for (size_t i = 0; i < n; i++)
			html(&h,
			     "<tr class=\"utrecht-table__row\">"
			     "<td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td>"
			     "<td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td>"
			     "<td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td>"
			     "<td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td></tr>",
			     T(PRIV_LOG_WHEN), fmt_datetime(&r->arena, e[i].at), T(PRIV_LOG_WHO),
			     e[i].viewer[0] ? e[i].viewer : T(AUDIT_SYSTEM), T(PRIV_LOG_WHOSE),
			     e[i].subject[0] ? e[i].subject : T(PRIV_LOG_ERASED), T(PRIV_LOG_WHAT),
			     log_what(e[i].what));
		html(&h, "</tbody></table>");
	}
	pager_nav(&h, &pg);
	page_end(r, &h, 200);
	return HANDLER_OK;
}
