/*
 * workshop_rows.c - one row of a workshop's agenda: its edit page (with
 * the conflict view), saving, moving up or down with a small form, and
 * taking it out. Every change names the version the person saw.
 */
#include <stdlib.h>
#include <string.h>

#include "../i18n/text.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "pages.h"
#include "partner_ui.h"
#include "respond.h"
#include "workshop_ui.h"

/*
 * The edit page of row r->param_id2: f is the form (what was typed),
 * version the version it will carry, theirs what is saved now after a
 * conflict (or NULL), gone when the row was taken out meanwhile.
 */
static int row_page(struct req *r, struct form *f, long long version, const struct form *theirs,
                    bool gone, unsigned status)
{
	struct workshop w;
	int found = workshop_get(r->db, &r->arena, r->org_id, r->param_id, &w);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	struct html h;
	page_begin(r, &h, T(WS_ROW_TITLE));
	html(&h,
	     "<nav class=\"kring-crumbs\" aria-label=\"%s\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/workshops\">%s</a> › <a class=\"utrecht-link\" href=\"%s\">%s</a></nav>"
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     T(CRUMBS_LABEL), r->org_slug, T(WS_BACK), ui_workshop_url(r, w.id, ""), w.title,
	     T(WS_ROW_TITLE), T(WS_ROW_INTRO));
	if (gone)
		page_notice(&h, "error", T(WS_GONE));
	if (theirs) {
		page_notice(&h, "warning", T(WS_CONFLICT));
		ui_conflict_table(&h, f, theirs);
	}
	form_error_summary(&h, f);
	const char *base =
	    ui_workshop_url(r, w.id, arena_printf(&r->arena, "/rows/%lld", r->param_id2));
	if (!gone) {
		form_begin(&h, r, base);
		form_version_field(&h, version);
		ws_row_fields(&h, f);
		form_end(&h, T(SAVE));
		html(&h, "<h2 class=\"utrecht-heading-2\">%s</h2>", T(WS_ROW_DELETE));
		form_delete_confirm(&h, r, arena_printf(&r->arena, "%s/delete", base), version,
		                    T(WS_ROW_DELETE), ui_workshop_url(r, w.id, ""),
		                    T(WS_BACK_AGENDA));
	}
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_workshop_row(struct req *r)
{
	struct workshop_row row;
	int found = workshop_row_get(r->db, &r->arena, r->org_id, r->param_id, r->param_id2, &row);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	struct field_spec s[WS_N_ROW_FIELDS];
	ws_row_specs(s);
	struct form f;
	form_init(&f, s, WS_N_ROW_FIELDS);
	ws_row_fill(r, &f, &row);
	return row_page(r, &f, row.version, NULL, false, 200);
}

int page_workshop_row_save(struct req *r)
{
	struct field_spec s[WS_N_ROW_FIELDS];
	struct form f;
	struct workshop_row row;
	bool ok = ws_row_read(r, &f, s, &row);
	row.id = r->param_id2;
	struct workshop_row now;
	int found = workshop_row_get(r->db, &r->arena, r->org_id, r->param_id, row.id, &now);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0) /* another org's, or taken out meanwhile */
		return form_value(&f, "topic")[0] ? row_page(r, &f, row.version, NULL, true, 404)
		                                  : respond_not_found(r);
	if (!ok)
		return row_page(r, &f, row.version, NULL, false, 422);
	enum ws_problem why = WSP_NONE;
	enum save_result rc =
	    workshop_row_update(r->db, r->org_id, r->person_id, r->param_id, &row, &why);
	if (rc == SAVE_REFUSED) {
		ws_problem_error(&f, why, "minutes");
		return row_page(r, &f, row.version, NULL, false, 422);
	}
	if (rc == SAVE_CONFLICT) {
		if (workshop_row_get(r->db, &r->arena, r->org_id, r->param_id, row.id, &now) != 1)
			return HANDLER_ERROR;
		struct field_spec ts[WS_N_ROW_FIELDS];
		ws_row_specs(ts);
		struct form t;
		form_init(&t, ts, WS_N_ROW_FIELDS);
		ws_row_fill(r, &t, &now);
		return row_page(r, &f, now.version, &t, false, 409);
	}
	return respond_save(
	    r, rc,
	    ui_workshop_url(r, r->param_id,
	                    arena_printf(&r->arena, "?klaar=opgeslagen#onderdeel-%lld", row.id)));
}

int page_workshop_row_move(struct req *r)
{
	const char *dir = req_form(r, "richting");
	long long version = req_form_id(r, "version");
	bool up = dir && strcmp(dir, "op") == 0;
	if (!up && !(dir && strcmp(dir, "neer") == 0)) {
		resp_error(r, 400);
		return HANDLER_OK;
	}
	if (version == 0) {
		resp_error(r, 400);
		return HANDLER_OK;
	}
	enum save_result rc = workshop_row_move(r->db, r->org_id, r->person_id, r->param_id,
	                                        r->param_id2, version, up);
	return respond_save(
	    r, rc,
	    ui_workshop_url(r, r->param_id,
	                    arena_printf(&r->arena, "#onderdeel-%lld", r->param_id2)));
}

int page_workshop_row_delete(struct req *r)
{
	long long version = req_form_id(r, "version");
	if (version == 0) {
		resp_error(r, 400);
		return HANDLER_OK;
	}
	enum save_result rc =
	    workshop_row_delete(r->db, r->org_id, r->person_id, r->param_id, r->param_id2, version);
	return respond_save(r, rc, ui_workshop_url(r, r->param_id, "?klaar=opgeslagen#h-agenda"));
}
