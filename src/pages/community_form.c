/*
 * community_form.c - a new community and its profile form (werkblad 2),
 * with the conflict view when someone saved first; deleting one after a
 * confirmation step that names the version seen; and the blank worksheet
 * to print and take along.
 */
#include <stdlib.h>
#include <string.h>

#include "../auth/roles.h"
#include "../core/community.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "pages.h"

static const struct field_spec community_fields[] = {
    {.name = "name",
     .label_text = FIELD_TEXTS(F_COMMUNITY_FORM_NAME_LABEL),
     .hint_text = FIELD_TEXTS(F_COMMUNITY_FORM_NAME_HINT),
     .kind = FIELD_TEXT,
     .required = true,
     .max_len = 200,
     .autocomplete = "off"},
    {.name = "description",
     .label_text = FIELD_TEXTS(F_COMMUNITY_FORM_DESCRIPTION_LABEL),
     .hint_text = FIELD_TEXTS(F_COMMUNITY_FORM_DESCRIPTION_HINT),
     .kind = FIELD_TEXTAREA,
     .max_len = 100000,
     .rows = 5},
    {.name = "why",
     .label_text = FIELD_TEXTS(F_COMMUNITY_FORM_WHY_LABEL),
     .hint_text = FIELD_TEXTS(F_COMMUNITY_FORM_WHY_HINT),
     .kind = FIELD_TEXTAREA,
     .max_len = 20000,
     .rows = 3},
    {.name = "contact_name",
     .label_text = FIELD_TEXTS(F_COMMUNITY_FORM_CONTACT_NAME_LABEL),
     .hint_text = FIELD_TEXTS(F_COMMUNITY_FORM_CONTACT_NAME_HINT),
     .kind = FIELD_TEXT,
     .max_len = 200,
     .autocomplete = "off"},
    {.name = "contact_how",
     .label_text = FIELD_TEXTS(F_COMMUNITY_FORM_CONTACT_HOW_LABEL),
     .hint_text = FIELD_TEXTS(F_COMMUNITY_FORM_CONTACT_HOW_HINT),
     .kind = FIELD_TEXT,
     .max_len = 500,
     .autocomplete = "off"},
    {.name = "geography",
     .label_text = FIELD_TEXTS(F_COMMUNITY_FORM_GEOGRAPHY_LABEL),
     .hint_text = FIELD_TEXTS(F_COMMUNITY_FORM_GEOGRAPHY_HINT),
     .kind = FIELD_TEXTAREA,
     .max_len = 20000,
     .rows = 2},
    {.name = "identity",
     .label_text = FIELD_TEXTS(F_COMMUNITY_FORM_IDENTITY_LABEL),
     .hint_text = FIELD_TEXTS(F_COMMUNITY_FORM_IDENTITY_HINT),
     .kind = FIELD_TEXTAREA,
     .max_len = 20000,
     .rows = 2},
    {.name = "affinity",
     .label_text = FIELD_TEXTS(F_COMMUNITY_FORM_AFFINITY_LABEL),
     .hint_text = FIELD_TEXTS(F_COMMUNITY_FORM_AFFINITY_HINT),
     .kind = FIELD_TEXTAREA,
     .max_len = 20000,
     .rows = 2},
    {.name = "archetype",
     .label_text = FIELD_TEXTS(F_COMMUNITY_FORM_ARCHETYPE_LABEL),
     .hint_text = FIELD_TEXTS(F_COMMUNITY_FORM_ARCHETYPE_HINT),
     .kind = FIELD_RADIO,
     .options = community_archetypes,
     .option_text = FIELD_TEXTS(ARCHETYPE_PRACTICE),
     .option_hint_text = FIELD_TEXTS(ARCHETYPE_HINT_PRACTICE)},
    {.name = "bond",
     .label_text = FIELD_TEXTS(F_COMMUNITY_FORM_BOND_LABEL),
     .hint_text = FIELD_TEXTS(F_COMMUNITY_FORM_BOND_HINT),
     .kind = FIELD_RADIO,
     .options = community_bonds,
     .option_text = FIELD_TEXTS(BOND_NAUWELIJKS)},
    {.name = "status",
     .label_text = FIELD_TEXTS(F_COMMUNITY_FORM_STATUS_LABEL),
     .hint_text = FIELD_TEXTS(F_COMMUNITY_FORM_STATUS_HINT),
     .kind = FIELD_RADIO,
     .options = community_statuses,
     .option_text = FIELD_TEXTS(STATUS_GEWENST),
     .option_hint_text = FIELD_TEXTS(STATUS_HINT_GEWENST)},
    {.name = "started_on",
     .label_text = FIELD_TEXTS(F_COMMUNITY_FORM_STARTED_ON_LABEL),
     .hint_text = FIELD_TEXTS(F_COMMUNITY_FORM_STARTED_ON_HINT),
     .kind = FIELD_DATE,
     .max_len = 10},
    {.name = "version",
     .label_text = FIELD_TEXTS(F_COMMUNITY_FORM_VERSION_LABEL),
     .kind = FIELD_ID},
};
#define N_COMMUNITY_FIELDS (sizeof(community_fields) / sizeof(community_fields[0]))

/* The form's values as a community (strings stay owned by the form). */
static struct community from_form(const struct form *f)
{
	struct community c = {0};
	c.name = form_value(f, "name");
	c.description = form_value(f, "description");
	c.why = form_value(f, "why");
	c.contact_name = form_value(f, "contact_name");
	c.contact_how = form_value(f, "contact_how");
	c.geography = form_value(f, "geography");
	c.identity = form_value(f, "identity");
	c.affinity = form_value(f, "affinity");
	c.archetype = form_value(f, "archetype");
	c.bond = form_value(f, "bond");
	c.status = form_value(f, "status");
	c.started_on = form_value(f, "started_on");
	c.version = form_value_id(f, "version");
	return c;
}

static void to_form(struct form *f, const struct community *c)
{
	form_set(f, "name", c->name);
	form_set(f, "description", c->description);
	form_set(f, "why", c->why);
	form_set(f, "contact_name", c->contact_name);
	form_set(f, "contact_how", c->contact_how);
	form_set(f, "geography", c->geography);
	form_set(f, "identity", c->identity);
	form_set(f, "affinity", c->affinity);
	form_set(f, "archetype", c->archetype);
	form_set(f, "bond", c->bond);
	form_set(f, "status", c->status);
	form_set(f, "started_on", c->started_on);
}

/* How a field's value reads to a person (labels for the fixed choices). */
static const char *shown_value(const char *field, const char *v)
{
	if (strcmp(field, "archetype") == 0)
		return vocab_label(community_archetypes, TXT_ARCHETYPE_PRACTICE, v);
	if (strcmp(field, "bond") == 0)
		return ui_bond_label(v);
	if (strcmp(field, "status") == 0)
		return ui_status_label(v);
	return v;
}

/* The fields where what this person typed differs from what was saved meanwhile. */
static void conflict_table(struct html *h, const struct form *f, const struct community *theirs)
{
	struct form t;
	form_init(&t, community_fields, N_COMMUNITY_FIELDS);
	to_form(&t, theirs);
	html(h,
	     "<section class=\"kring-conflict\" aria-labelledby=\"h-conflict\">"
	     "<h2 class=\"utrecht-heading-3\" id=\"h-conflict\">%s</h2>"
	     "<div class=\"kring-table-wrap\"><table class=\"utrecht-table kring-table\">"
	     "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th></tr></thead>"
	     "<tbody class=\"utrecht-table__body\">",
	     T(CONFLICT_FIELDS_TITLE), T(CONFLICT_FIELD), T(CONFLICT_YOURS), T(CONFLICT_SAVED));
	for (size_t i = 0; i + 1 < N_COMMUNITY_FIELDS; i++) {
		const char *name = community_fields[i].name;
		const char *mine = form_value(f, name), *saved = form_value(&t, name);
		if (strcmp(mine, saved) == 0)
			continue;
		html(h,
		     "<tr class=\"utrecht-table__row\"><th class=\"utrecht-table__cell\" "
		     "scope=\"row\">%s</th><td class=\"utrecht-table__cell kring-pre\">%s</td>"
		     "<td class=\"utrecht-table__cell kring-pre\">%s</td></tr>",
		     field_label(&community_fields[i]), shown_value(name, mine),
		     shown_value(name, saved));
	}
	html(h, "</tbody></table></div></section>");
}

/* The worksheet's questions beside the form. */
static void guide(struct html *h)
{
	html(h,
	     "<aside class=\"kring-guide\" aria-labelledby=\"h-guide\">"
	     "<h2 class=\"utrecht-heading-3\" id=\"h-guide\">%s</h2>"
	     "<p class=\"utrecht-paragraph\">%s</p><ol class=\"utrecht-ordered-list\">"
	     "<li>%s</li><li>%s</li><li>%s</li><li>%s</li><li>%s</li></ol>"
	     "<p class=\"utrecht-paragraph kring-muted\">%s</p></aside>",
	     T(GUIDE_TITLE), T(GUIDE_INTRO), T(GUIDE_Q1), T(GUIDE_Q2), T(GUIDE_Q3), T(GUIDE_Q4),
	     T(GUIDE_Q5), T(GUIDE_TIP));
}

/*
 * The new/edit page. id 0 is a new community. theirs (may be NULL) is what
 * someone else saved meanwhile; gone says the community was deleted meanwhile.
 */
static void profile_form_page(struct req *r, struct form *f, long long id, long long version,
                              const struct community *theirs, bool gone, unsigned status)
{
	struct html h;
	const char *title = id ? T(EDIT_TITLE) : T(NEW_TITLE);
	const char *name = form_value(f, "name");
	page_begin(r, &h, id && name[0] ? arena_printf(&r->arena, "%s: %s", title, name) : title);
	html(&h,
	     "<nav class=\"kring-crumbs\" aria-label=\"%s\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/communities\">%s</a>",
	     T(CRUMBS_LABEL), r->org_slug, T(PROFILE_BACK));
	if (id)
		html(&h, " › <a class=\"utrecht-link\" href=\"%s\">%s</a>",
		     ui_community_url(r, id, ""),
		     ui_short(&r->arena, theirs ? theirs->name : name, 80));
	html(&h,
	     "</nav><h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     title, id ? T(EDIT_INTRO) : T(NEW_INTRO));
	if (gone)
		page_notice(&h, "error", T(CONFLICT_GONE));
	const char *from = req_query(r, "uit");
	if (id && !theirs && !gone && from && strcmp(from, "scan") == 0)
		page_notice(&h, "ok", T(PROFILE_FROM_SCAN));
	if (theirs) {
		page_notice(&h, "warning", T(CONFLICT_COMMUNITY));
		conflict_table(&h, f, theirs);
	}
	html(&h, "<div class=\"kring-form-with-guide\"><div class=\"kring-form-main\">");
	form_error_summary(&h, f);
	form_begin(&h, r,
	           id ? ui_community_url(r, id, "/edit")
	              : arena_printf(&r->arena, "/o/%s/communities/new", r->org_slug));
	form_version_field(&h, version);
	html(&h, "<h2 class=\"utrecht-heading-2\">%s</h2>", T(FORM_SECTION_WHO));
	form_field(&h, f, "name");
	form_field(&h, f, "description");
	form_field(&h, f, "why");
	form_field(&h, f, "contact_name");
	form_field(&h, f, "contact_how");
	html(&h,
	     "<h2 class=\"utrecht-heading-2\">%s</h2><p class=\"utrecht-paragraph "
	     "kring-muted\">%s</p>",
	     T(FORM_SECTION_CONNECTED), T(FORM_SECTION_CONNECTED_HINT));
	form_field(&h, f, "geography");
	form_field(&h, f, "identity");
	form_field(&h, f, "affinity");
	html(&h, "<h2 class=\"utrecht-heading-2\">%s</h2>", T(FORM_SECTION_KIND));
	form_field(&h, f, "archetype");
	form_field(&h, f, "bond");
	html(&h, "<h2 class=\"utrecht-heading-2\">%s</h2>", T(FORM_SECTION_STATUS));
	form_field(&h, f, "status");
	form_field(&h, f, "started_on");
	form_end(&h, id ? T(SAVE) : T(CREATE_BUTTON));
	html(&h, "</div>");
	guide(&h);
	html(&h, "</div>");
	page_end(r, &h, status);
}

int page_community_new(struct req *r)
{
	struct form f;
	form_init(&f, community_fields, N_COMMUNITY_FIELDS);
	form_set(&f, "status", "gewenst");
	profile_form_page(r, &f, 0, 0, NULL, false, 200);
	return HANDLER_OK;
}

int page_community_create(struct req *r)
{
	struct form f;
	if (!form_read(r, &f, community_fields, N_COMMUNITY_FIELDS)) {
		profile_form_page(r, &f, 0, 0, NULL, false, 422);
		return HANDLER_OK;
	}
	struct community c = from_form(&f);
	long long id = 0;
	enum save_result rc = community_create(r->db, r->org_id, r->person_id, &c, &id);
	if (rc == SAVE_REFUSED) {
		profile_form_page(r, &f, 0, 0, NULL, false, 422);
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	resp_redirect(r, ui_community_url(r, id, "?klaar=nieuw"));
	return HANDLER_OK;
}

int page_community_edit(struct req *r)
{
	struct community c;
	if (community_get(r->db, &r->arena, r->org_id, r->param_id, &c) != 1)
		return HANDLER_ERROR; /* the route checked it exists */
	struct form f;
	form_init(&f, community_fields, N_COMMUNITY_FIELDS);
	to_form(&f, &c);
	profile_form_page(r, &f, c.id, c.version, NULL, false, 200);
	return HANDLER_OK;
}

int page_community_save(struct req *r)
{
	struct form f;
	bool ok = form_read(r, &f, community_fields, N_COMMUNITY_FIELDS);
	struct community c = from_form(&f);
	c.id = r->param_id;
	if (!ok) {
		profile_form_page(r, &f, c.id, c.version, NULL, false, 422);
		return HANDLER_OK;
	}
	if (c.status[0] == '\0') { /* no status chosen: it stays what it is */
		struct community now;
		int found = community_get(r->db, &r->arena, r->org_id, c.id, &now);
		if (found < 0)
			return HANDLER_ERROR;
		c.status = found ? now.status : "";
	}
	enum save_result rc = community_update(r->db, r->org_id, r->person_id, &c);
	if (rc == SAVE_CONFLICT) {
		struct community theirs;
		if (community_get(r->db, &r->arena, r->org_id, c.id, &theirs) != 1)
			return HANDLER_ERROR;
		/* keep what this person typed; the next save starts from the new version */
		profile_form_page(r, &f, c.id, theirs.version, &theirs, false, 409);
		return HANDLER_OK;
	}
	if (rc == SAVE_NOT_FOUND) { /* deleted meanwhile: show the text so it is not lost */
		profile_form_page(r, &f, c.id, c.version, NULL, true, 409);
		return HANDLER_OK;
	}
	if (rc == SAVE_REFUSED) {
		profile_form_page(r, &f, c.id, c.version, NULL, false, 422);
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	resp_redirect(r, ui_community_url(r, c.id, "?klaar=opgeslagen"));
	return HANDLER_OK;
}

/* ---- delete, after a confirmation step ---- */

/*
 * The confirmation step. The form carries the version of the community
 * this person sees; stale (after a 409) says it changed since the last one.
 */
static int delete_confirm_page(struct req *r, bool stale, unsigned status)
{
	struct community c;
	int found = community_get(r->db, &r->arena, r->org_id, r->param_id, &c);
	if (found == 0) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	if (found < 0)
		return HANDLER_ERROR;
	struct html h;
	page_begin(r, &h, T(DELETE_TITLE));
	html(&h,
	     "<div class=\"kring-narrow\"><nav class=\"kring-crumbs\" aria-label=\"%s\">"
	     "<a class=\"utrecht-link\" href=\"/o/%s/communities\">%s</a> › "
	     "<a class=\"utrecht-link\" href=\"%s\">%s</a></nav>"
	     "<h1 class=\"utrecht-heading-1\">%s</h1>",
	     T(CRUMBS_LABEL), r->org_slug, T(PROFILE_BACK), ui_community_url(r, c.id, ""),
	     ui_short(&r->arena, c.name, 80), T(DELETE_TITLE));
	if (stale)
		page_notice(&h, "error", T(DELETE_STALE));
	html(&h,
	     "<p class=\"utrecht-paragraph kring-lead\">%s</p>"
	     "<p class=\"utrecht-paragraph\">%s</p>",
	     T_printf(&r->arena, DELETE_QUESTION, ui_short(&r->arena, c.name, 200)),
	     T(DELETE_EXPLAIN));
	page_notice(&h, "warning", T(DELETE_TIP));
	form_delete_confirm(&h, r, ui_community_url(r, c.id, "/delete"), c.version,
	                    T(DELETE_CONFIRM), ui_community_url(r, c.id, ""), T(DELETE_CANCEL));
	html(&h, "</div>");
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_community_delete_confirm(struct req *r)
{
	return delete_confirm_page(r, false, 200);
}

int page_community_delete(struct req *r)
{
	enum save_result rc = community_delete(r->db, r->org_id, r->person_id, r->param_id,
	                                       form_id_or_zero(req_form(r, "version")));
	if (rc == SAVE_NOT_FOUND) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	if (rc == SAVE_CONFLICT) /* changed since the question was asked: ask again */
		return delete_confirm_page(r, true, 409);
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	resp_redirect(r,
	              arena_printf(&r->arena, "/o/%s/communities?klaar=verwijderd", r->org_slug));
	return HANDLER_OK;
}

/* ---- the blank worksheet to take along ---- */

static void write_lines(struct html *h, int n)
{
	for (int i = 0; i < n; i++)
		html(h, "<span class=\"kring-line\"></span>");
}

int page_community_blank(struct req *r)
{
	struct html h;
	page_begin(r, &h, T(PRINT_TITLE));
	html(&h,
	     "<div class=\"kring-screen-only\"><h1 class=\"utrecht-heading-1\">%s</h1>"
	     "<p class=\"utrecht-paragraph kring-lead\">%s</p>"
	     "<p class=\"utrecht-paragraph\">%s</p>"
	     "<p class=\"kring-actions\"><button class=\"utrecht-button "
	     "utrecht-button--primary-action\" type=\"button\" data-kring-print hidden>%s</button>"
	     "</p></div>",
	     T(PRINT_TITLE), T(PRINT_INTRO), T(PRINT_HOWTO), T(PRINT_BUTTON));

	/* werkblad 2 */
	html(&h,
	     "<section class=\"kring-sheet\" aria-labelledby=\"h-wb2\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-wb2\">%s</h2>"
	     "<p class=\"utrecht-paragraph kring-sheet__sub\">%s</p>"
	     "<p class=\"kring-sheet__q\">%s</p>",
	     T(WB2_HEADING), T(WB2_SUB), T(WB2_Q1));
	write_lines(&h, 1);
	html(&h, "<p class=\"kring-sheet__q\">%s</p>", T(WB2_Q2));
	write_lines(&h, 1);
	html(&h, "<p class=\"kring-sheet__q\">%s</p>", T(WB2_Q3));
	html(&h, "<ul class=\"kring-sheet__boxes\">");
	const char *kinds[] = {T(LABEL_GEOGRAPHY), T(LABEL_IDENTITY), T(LABEL_AFFINITY)};
	for (int i = 0; i < 3; i++)
		html(&h,
		     "<li><span class=\"kring-box\" aria-hidden=\"true\"></span> %s: "
		     "<span class=\"kring-line kring-line--inline\"></span></li>",
		     kinds[i]);
	html(&h,
	     "</ul><p class=\"kring-sheet__q\">%s</p><ul class=\"kring-sheet__boxes "
	     "kring-sheet__boxes--wrap\">",
	     T(WB2_Q4));
	for (int i = 0; community_bonds[i]; i++)
		html(&h, "<li><span class=\"kring-box\" aria-hidden=\"true\"></span> %s</li>",
		     TX(TXT_BOND_NAUWELIJKS + i));
	html(&h,
	     "</ul><p class=\"kring-sheet__q\">%s</p><ul class=\"kring-sheet__boxes "
	     "kring-sheet__boxes--wrap\">",
	     T(WB2_TYPE));
	for (int i = 0; community_archetypes[i]; i++)
		html(&h, "<li><span class=\"kring-box\" aria-hidden=\"true\"></span> %s</li>",
		     TX(TXT_ARCHETYPE_SHORT_PRACTICE + i));
	html(&h,
	     "</ul><p class=\"kring-sheet__q\">%s</p>"
	     "<table class=\"kring-sheet__table\"><thead><tr>"
	     "<th scope=\"col\">%s<br><span class=\"kring-sheet__hint\">%s</span></th>"
	     "<th scope=\"col\">%s<br><span class=\"kring-sheet__hint\">%s</span></th>"
	     "</tr></thead><tbody>",
	     T(WB2_Q5), T(LIST_STRENGTHS), T(LIST_STRENGTHS_HINT), T(LIST_NEEDS),
	     T(LIST_NEEDS_HINT));
	for (int i = 0; i < 7; i++)
		html(&h, "<tr><td>&gt;</td><td>&gt;</td></tr>");
	html(&h,
	     "</tbody></table><p class=\"utrecht-paragraph kring-sheet__note\">%s</p></section>",
	     T(WB2_NOTE));

	/* werkblad 3 */
	html(&h,
	     "<section class=\"kring-sheet kring-sheet--landscape\" aria-labelledby=\"h-wb3\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-wb3\">%s</h2>"
	     "<p class=\"kring-sheet__q\">%s</p>"
	     "<table class=\"kring-sheet__table kring-sheet__table--3\"><thead><tr>"
	     "<th scope=\"col\">%s<br><span class=\"kring-sheet__hint\">%s</span></th>"
	     "<th scope=\"col\">%s<br><span class=\"kring-sheet__hint\">%s</span></th>"
	     "<th scope=\"col\">%s<br><span class=\"kring-sheet__hint\">%s</span></th>"
	     "</tr></thead><tbody>",
	     T(WB3_HEADING), T(WB3_SENTENCE), T(COL_VAN_TITLE), T(COL_VAN_TEXT), T(COL_DOOR_TITLE),
	     T(COL_DOOR_TEXT), T(COL_VOOR_TITLE), T(COL_VOOR_TEXT));
	for (int i = 0; i < 8; i++)
		html(&h, "<tr><td>&gt;</td><td>&gt;</td><td>&gt;</td></tr>");
	html(&h,
	     "<tr class=\"kring-sheet__examples\"><td>%s</td><td>%s</td><td>%s</td></tr>"
	     "</tbody></table></section>",
	     T(COL_VAN_EXAMPLE), T(COL_DOOR_EXAMPLE), T(COL_VOOR_EXAMPLE));
	page_end(r, &h, 200);
	return HANDLER_OK;
}
