/*
 * org.c - an organisation's settings and its branches.
 */
#include <stdlib.h>
#include <string.h>

#include "../auth/roles.h"
#include "../core/org.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "pages.h"
#include "respond.h"
#include "signal_ui.h"

/* The start page (page_org_home) is in home.c. */

/* ---- settings ---- */

static const struct field_spec settings_fields[] = {
    {.name = "name",
     .label_text = FIELD_TEXTS(F_ORG_NAME_LABEL),
     .required_text = FIELD_TEXTS(F_ORG_NAME_REQUIRED),
     .kind = FIELD_TEXT,
     .required = true,
     .max_len = 200,
     .autocomplete = "organization"},
    {.name = "description",
     .label_text = FIELD_TEXTS(F_ORG_DESCRIPTION_LABEL),
     .hint_text = FIELD_TEXTS(F_ORG_DESCRIPTION_HINT),
     .kind = FIELD_TEXTAREA,
     .max_len = 2000},
    {.name = "version", .label_text = FIELD_TEXTS(F_ORG_VERSION_LABEL), .kind = FIELD_ID},
};
#define N_SETTINGS_FIELDS (sizeof(settings_fields) / sizeof(settings_fields[0]))

static void settings_page(struct req *r, struct form *f, long long version, const char *notice,
                          const char *notice_kind, const struct org *theirs, unsigned status)
{
	struct html h;
	page_begin(r, &h, T(SETTINGS_TITLE));
	html(&h,
	     "<div class=\"kring-narrow\"><h1 class=\"utrecht-heading-1\">%s</h1>"
	     "<p class=\"utrecht-paragraph kring-lead\">%s</p>",
	     T(SETTINGS_TITLE), T(SETTINGS_INTRO));
	if (notice)
		page_notice(&h, notice_kind, notice);
	if (theirs) {
		html(&h,
		     "<section class=\"kring-conflict\" aria-labelledby=\"h-conflict\">"
		     "<h2 class=\"utrecht-heading-3\" id=\"h-conflict\">%s</h2>"
		     "<dl><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd class=\"kring-pre\">%s</dd></dl>"
		     "</section>",
		     T(CONFLICT_THEIRS), field_label(&settings_fields[0]), theirs->name,
		     field_label(&settings_fields[1]), theirs->description);
	}
	form_error_summary(&h, f);
	form_begin(&h, r, arena_printf(&r->arena, "/o/%s/settings", r->org_slug));
	form_version_field(&h, version);
	form_field(&h, f, "name");
	form_field(&h, f, "description");
	form_end(&h, T(SAVE));
	sig_settings_section(r, &h); /* signals (issue 10): which kinds, how many communities */
	html(&h,
	     "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/settings/public\">%s</a></p>",
	     r->org_slug, T(PUB_SET_LINK)); /* public page (issue 13) */
	/* accounts (issue 14): two-step login for the organisation's staff */
	html(&h,
	     "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/settings/security\">%s</a></p>",
	     r->org_slug, T(ACC_ORG_SEC_LINK));
	/* privacy (issue 14b): its settings live on its own page */
	html(&h,
	     "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/privacy\">%s</a></p>",
	     r->org_slug, T(PRIV_SETTINGS_LINK));
	html(&h, "</div>");
	page_end(r, &h, status);
}

int page_org_settings(struct req *r)
{
	struct org org;
	if (org_get(r->db, &r->arena, r->org_id, &org) != 1)
		return HANDLER_ERROR;
	struct form f;
	form_init(&f, settings_fields, N_SETTINGS_FIELDS);
	form_set(&f, "name", org.name);
	form_set(&f, "description", org.description);
	settings_page(r, &f, org.version, req_query(r, "opgeslagen") ? T(SAVED) : NULL, "ok", NULL,
	              200);
	return HANDLER_OK;
}

int page_org_settings_save(struct req *r)
{
	struct form f;
	bool ok = form_read(r, &f, settings_fields, N_SETTINGS_FIELDS);
	long long version = form_value_id(&f, "version");
	if (!ok) {
		settings_page(r, &f, version, NULL, NULL, NULL, 422);
		return HANDLER_OK;
	}
	enum save_result rc = org_update(r->db, r->org_id, r->person_id, form_value(&f, "name"),
	                                 form_value(&f, "description"), version);
	if (rc == SAVE_CONFLICT) {
		struct org theirs;
		if (org_get(r->db, &r->arena, r->org_id, &theirs) != 1)
			return HANDLER_ERROR;
		/* keep what this person typed; show what the other saved */
		settings_page(r, &f, theirs.version, T(CONFLICT), "warning", &theirs, 409);
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	resp_redirect(r, arena_printf(&r->arena, "/o/%s/settings?opgeslagen=1", r->org_slug));
	return HANDLER_OK;
}

/* ---- branches ---- */

static const struct field_spec branch_fields[] = {
    {.name = "name",
     .label_text = FIELD_TEXTS(F_ORG_NAME_LABEL2),
     .required_text = FIELD_TEXTS(F_ORG_NAME_REQUIRED2),
     .kind = FIELD_TEXT,
     .required = true,
     .max_len = 200},
    {.name = "place",
     .label_text = FIELD_TEXTS(F_ORG_PLACE_LABEL),
     .hint_text = FIELD_TEXTS(F_ORG_PLACE_HINT),
     .kind = FIELD_TEXT,
     .max_len = 200},
};
#define N_BRANCH_FIELDS (sizeof(branch_fields) / sizeof(branch_fields[0]))

/* The table of branches; a link per row to its own page for admins. */
static int branches_page(struct req *r, struct form *add, unsigned status)
{
	struct branch *b;
	size_t n;
	struct html h;
	if (branch_list(r->db, &r->arena, r->org_id, &b, &n) != 0)
		return HANDLER_ERROR; /* logged, and a 503 when the database is away */
	bool admin = (r->role & ROLES_ADMIN) != 0;
	page_begin(r, &h, T(BRANCHES_TITLE));
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     T(BRANCHES_TITLE), T(BRANCHES_INTRO));
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "toegevoegd") == 0)
		page_notice(&h, "ok", T(BRANCH_ADDED));
	else if (done && strcmp(done, "gewijzigd") == 0)
		page_notice(&h, "ok", T(BRANCH_RENAMED));
	else if (done && strcmp(done, "verwijderd") == 0)
		page_notice(&h, "ok", T(BRANCH_DELETED));

	if (n == 0) {
		html(&h, "<p class=\"utrecht-paragraph\">%s</p>", T(BRANCHES_NONE));
	} else {
		html(&h,
		     "<table class=\"utrecht-table kring-table kring-table--stack\">"
		     "<caption class=\"kring-sr\">%s</caption>"
		     "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>",
		     T(BRANCHES_CAPTION), T(BRANCH_NAME), T(BRANCH_PLACE));
		if (admin)
			html(&h,
			     "<th class=\"utrecht-table__header-cell kring-col-action\" "
			     "scope=\"col\">%s</th>",
			     T(ACTIONS));
		html(&h, "</tr></thead><tbody class=\"utrecht-table__body\">");
		for (size_t i = 0; i < n; i++) {
			html(&h,
			     "<tr class=\"utrecht-table__row\">"
			     "<td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td>"
			     "<td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td>",
			     T(BRANCH_NAME), b[i].name, T(BRANCH_PLACE), b[i].place);
			if (admin)
				html(&h,
				     "<td class=\"utrecht-table__cell kring-col-action\"><a "
				     "class=\"utrecht-link\" href=\"/o/%s/branches/%lld\">%s<span "
				     "class=\"kring-sr\"> %s</span></a></td>",
				     r->org_slug, b[i].id, T(CHANGE), b[i].name);
			html(&h, "</tr>");
		}
		html(&h, "</tbody></table>");
	}
	if (admin) {
		html(&h,
		     "<section class=\"kring-card kring-narrow kring-noprint\" "
		     "aria-labelledby=\"h-nieuw\">"
		     "<h2 class=\"utrecht-heading-2\" id=\"h-nieuw\">%s</h2>",
		     T(BRANCH_ADD_TITLE));
		struct form f;
		if (add)
			f = *add;
		else
			form_init(&f, branch_fields, N_BRANCH_FIELDS);
		form_error_summary(&h, &f);
		form_begin(&h, r, arena_printf(&r->arena, "/o/%s/branches", r->org_slug));
		form_field(&h, &f, "name");
		form_field(&h, &f, "place");
		form_end(&h, T(BRANCH_ADD_BUTTON));
		html(&h, "</section>");
	}
	page_end(r, &h, status);
	return HANDLER_OK;
}

/* One branch: change its name and place, or delete it (with a warning). */
static void branch_page(struct req *r, const struct branch *b, struct form *edit, unsigned status)
{
	struct html h;
	struct form f;
	if (edit) {
		f = *edit;
	} else {
		form_init(&f, branch_fields, N_BRANCH_FIELDS);
		form_set(&f, "name", b->name);
		form_set(&f, "place", b->place);
	}
	page_begin(r, &h, T(BRANCH_EDIT_TITLE));
	html(&h,
	     "<p class=\"utrecht-paragraph kring-back\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/branches\">%s</a></p>"
	     "<div class=\"kring-narrow\"><h1 class=\"utrecht-heading-1\">%s</h1>",
	     r->org_slug, T(BRANCHES_BACK), b->name);
	form_error_summary(&h, &f);
	form_begin(&h, r, arena_printf(&r->arena, "/o/%s/branches/%lld", r->org_slug, b->id));
	form_field(&h, &f, "name");
	form_field(&h, &f, "place");
	form_end(&h, T(SAVE));
	html(&h,
	     "<section class=\"kring-card kring-danger-zone\" aria-labelledby=\"h-weg\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-weg\">%s</h2>"
	     "<p class=\"utrecht-paragraph\">%s</p>",
	     T(BRANCH_DELETE_TITLE), T(BRANCH_DELETE_WARNING));
	form_begin(&h, r,
	           arena_printf(&r->arena, "/o/%s/branches/%lld/delete", r->org_slug, b->id));
	html(&h,
	     "<p class=\"kring-actions\"><button class=\"utrecht-button "
	     "utrecht-button--secondary-action kring-danger\" type=\"submit\">%s</button></p>"
	     "</form></section></div>",
	     T(BRANCH_DELETE_BUTTON));
	page_end(r, &h, status);
}

int page_branches(struct req *r)
{
	return branches_page(r, NULL, 200);
}

int page_branch(struct req *r)
{
	struct branch b;
	int found = branch_get(r->db, &r->arena, r->org_id, r->param_id, &b);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	branch_page(r, &b, NULL, 200);
	return HANDLER_OK;
}

int page_branch_add(struct req *r)
{
	struct form f;
	if (!form_read(r, &f, branch_fields, N_BRANCH_FIELDS)) {
		return branches_page(r, &f, 422);
	}
	if (branch_add(r->db, r->org_id, r->person_id, form_value(&f, "name"),
	               form_value(&f, "place")) != SAVE_OK)
		return HANDLER_ERROR;
	resp_redirect(r, arena_printf(&r->arena, "/o/%s/branches?klaar=toegevoegd", r->org_slug));
	return HANDLER_OK;
}

int page_branch_rename(struct req *r)
{
	struct form f;
	struct branch b;
	int found = branch_get(r->db, &r->arena, r->org_id, r->param_id, &b);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	if (!form_read(r, &f, branch_fields, N_BRANCH_FIELDS)) {
		branch_page(r, &b, &f, 422);
		return HANDLER_OK;
	}
	enum save_result rc = branch_rename(r->db, r->org_id, r->person_id, r->param_id,
	                                    form_value(&f, "name"), form_value(&f, "place"));
	if (rc != SAVE_OK)
		return respond_failed(r, rc);
	resp_redirect(r, arena_printf(&r->arena, "/o/%s/branches?klaar=gewijzigd", r->org_slug));
	return HANDLER_OK;
}

int page_branch_delete(struct req *r)
{
	enum save_result rc = branch_delete(r->db, r->org_id, r->person_id, r->param_id);
	if (rc != SAVE_OK)
		return respond_failed(r, rc);
	resp_redirect(r, arena_printf(&r->arena, "/o/%s/branches?klaar=verwijderd", r->org_slug));
	return HANDLER_OK;
}
