/*
 * partner_form.c - a new partner and changing one (with the conflict view
 * when someone else saved meanwhile), and deleting a partner after a
 * confirmation step that names the version it saw (refused while
 * conversations name it).
 */
#include <stdlib.h>
#include <string.h>

#include "../auth/roles.h"
#include "../core/community.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "pages.h"
#include "partner_ui.h"
#include "respond.h"

/* ---- the partner form ---- */

#define N_PARTNER_FIELDS 7

static void partner_specs(struct field_spec *s)
{
	s[0] = (struct field_spec){.name = "name",
	                           .label = T(PF_NAME),
	                           .hint = T(PF_NAME_HINT),
	                           .kind = FIELD_TEXT,
	                           .required = true,
	                           .max_len = 200,
	                           .autocomplete = "off"};
	s[1] = (struct field_spec){.name = "kind",
	                           .label = T(PF_KIND),
	                           .hint = T(PF_KIND_HINT),
	                           .kind = FIELD_SELECT,
	                           .required = true,
	                           .options = partner_kinds,
	                           .option_labels = T_ROW(PARTNER_KIND_VERENIGING)};
	s[2] = (struct field_spec){.name = "part_of",
	                           .label = T(PF_PART_OF),
	                           .hint = T(PF_PART_OF_HINT),
	                           .kind = FIELD_TEXT,
	                           .max_len = 200,
	                           .autocomplete = "off"};
	s[3] = (struct field_spec){.name = "description",
	                           .label = T(PF_DESCRIPTION),
	                           .hint = T(PF_DESCRIPTION_HINT),
	                           .kind = FIELD_TEXTAREA,
	                           .max_len = 100000,
	                           .rows = 4};
	s[4] = (struct field_spec){.name = "contact_name",
	                           .label = T(PF_CONTACT),
	                           .hint = T(PF_CONTACT_HINT),
	                           .kind = FIELD_TEXT,
	                           .max_len = 200,
	                           .autocomplete = "off"};
	s[5] = (struct field_spec){.name = "contact_how",
	                           .label = T(PF_CONTACT_HOW),
	                           .hint = T(PF_CONTACT_HOW_HINT),
	                           .kind = FIELD_TEXT,
	                           .max_len = 500,
	                           .autocomplete = "off"};
	s[6] = (struct field_spec){.name = "version",
	                           .label_text = FIELD_TEXTS(F_PARTNER_FORM_VERSION_LABEL),
	                           .kind = FIELD_ID};
}

static struct partner partner_from_form(const struct form *f)
{
	struct partner p = {0};
	p.name = form_value(f, "name");
	p.kind = form_value(f, "kind");
	p.part_of = form_value(f, "part_of");
	p.description = form_value(f, "description");
	p.contact_name = form_value(f, "contact_name");
	p.contact_how = form_value(f, "contact_how");
	p.version = form_value_id(f, "version");
	return p;
}

static void partner_to_form(struct form *f, const struct partner *p)
{
	form_set(f, "name", p->name);
	form_set(f, "kind", p->kind);
	form_set(f, "part_of", p->part_of);
	form_set(f, "description", p->description);
	form_set(f, "contact_name", p->contact_name);
	form_set(f, "contact_how", p->contact_how);
}

/* Every value of form field name that is a positive id, up to max. */
static size_t form_ids(struct req *r, const char *name, long long *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < r->form.n_items && n < max; i++)
		if (strcmp(r->form.items[i].name, name) == 0) {
			long long v = form_id_or_zero(r->form.items[i].value);
			if (v > 0)
				out[n++] = v;
		}
	return n;
}

#define MAX_LINKS 200

/*
 * The new/edit page. id 0 is a new partner (with community check boxes,
 * checked as in `checked`); theirs (may be NULL) is what someone else saved
 * meanwhile; gone says the partner was deleted meanwhile.
 */
static int partner_form_page(struct req *r, struct form *f, long long id, long long version,
                             const struct partner *theirs, bool gone, const long long *checked,
                             size_t n_checked, const char *links_error, unsigned status)
{
	struct html h;
	const char *title = id ? T(PEDIT_TITLE) : T(PNEW_TITLE);
	const char *name = form_value(f, "name");
	page_begin(r, &h,
	           id && name[0]
	               ? arena_printf(&r->arena, "%s: %s", title, ui_short(&r->arena, name, 80))
	               : title);
	html(&h,
	     "<nav class=\"kring-crumbs\" aria-label=\"%s\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/partners\">%s</a>",
	     T(CRUMBS_LABEL), r->org_slug, T(PARTNER_BACK));
	if (id && !gone)
		html(&h, " › <a class=\"utrecht-link\" href=\"%s\">%s</a>",
		     ui_partner_url(r, id, ""),
		     ui_short(&r->arena, theirs ? theirs->name : name, 80));
	html(&h,
	     "</nav><h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     title, id ? T(PEDIT_INTRO) : T(PNEW_INTRO));
	if (gone)
		page_notice(&h, "error", T(PARTNER_GONE));
	if (theirs) {
		struct field_spec specs[N_PARTNER_FIELDS];
		partner_specs(specs);
		struct form t;
		form_init(&t, specs, N_PARTNER_FIELDS);
		partner_to_form(&t, theirs);
		page_notice(&h, "warning", T(PARTNER_CONFLICT));
		ui_conflict_table(&h, f, &t);
	}
	html(&h, "<div class=\"kring-form-with-guide\"><div class=\"kring-form-main\">");
	form_error_summary(&h, f);
	if (links_error)
		page_notice(&h, "error", links_error);
	form_begin(&h, r,
	           id ? ui_partner_url(r, id, "/edit")
	              : arena_printf(&r->arena, "/o/%s/partners/new", r->org_slug));
	form_version_field(&h, version);
	form_field(&h, f, "name");
	form_field(&h, f, "kind");
	form_field(&h, f, "part_of");
	form_field(&h, f, "description");
	form_field(&h, f, "contact_name");
	form_field(&h, f, "contact_how");
	if (id == 0) {
		struct community_ref *cs;
		size_t n_cs;
		if (partner_community_choices(r->db, &r->arena, r->org_id, &cs, &n_cs) != 0)
			return HANDLER_ERROR;
		if (n_cs > 0) {
			html(&h,
			     "<div class=\"utrecht-form-field kring-field\"><fieldset "
			     "class=\"utrecht-form-fieldset kring-fieldset\" "
			     "aria-describedby=\"f-communities-hint\"><legend "
			     "class=\"utrecht-form-label "
			     "kring-legend\">%s <span class=\"kring-optional\">%s</span></legend>"
			     "<p class=\"utrecht-form-field-description\" "
			     "id=\"f-communities-hint\">%s"
			     "</p><div class=\"kring-options kring-options--columns\">",
			     T(PF_COMMUNITIES), T(FORM_OPTIONAL), T(PF_COMMUNITIES_HINT));
			for (size_t i = 0; i < n_cs; i++) {
				bool on = false;
				for (size_t k = 0; k < n_checked; k++)
					on |= checked[k] == cs[i].id;
				html(
				    &h,
				    "<div class=\"kring-option\"><input class=\"utrecht-checkbox\" "
				    "type=\"checkbox\" id=\"f-community-%lld\" name=\"community\" "
				    "value=\"%lld\"%s><label class=\"kring-option__label\" "
				    "for=\"f-community-%lld\">%s</label></div>",
				    cs[i].id, cs[i].id, on ? " checked" : "", cs[i].id,
				    ui_short(&r->arena, cs[i].name, 100));
			}
			html(&h, "</div></fieldset></div>");
		}
	}
	form_end(&h, id ? T(SAVE) : T(PCREATE_BUTTON));
	html(&h,
	     "</div><aside class=\"kring-guide\" aria-labelledby=\"h-guide\">"
	     "<h2 class=\"utrecht-heading-3\" id=\"h-guide\">%s</h2>"
	     "<p class=\"utrecht-paragraph\">%s</p><p class=\"utrecht-paragraph\">%s</p>"
	     "<p class=\"utrecht-paragraph kring-muted\">%s</p></aside></div>",
	     T(PGUIDE_TITLE), T(PGUIDE_1), T(PGUIDE_2), T(PGUIDE_3));
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_partner_new(struct req *r)
{
	struct field_spec specs[N_PARTNER_FIELDS];
	partner_specs(specs);
	struct form f;
	form_init(&f, specs, N_PARTNER_FIELDS);
	/* from a community's page: that community is ticked already */
	const char *c = req_query(r, "community");
	long long checked = form_id_or_zero(c);
	return partner_form_page(r, &f, 0, 0, NULL, false, &checked, checked > 0 ? 1 : 0, NULL,
	                         200);
}

int page_partner_create(struct req *r)
{
	struct field_spec specs[N_PARTNER_FIELDS];
	partner_specs(specs);
	struct form f;
	long long links[MAX_LINKS];
	size_t n_links = form_ids(r, "community", links, MAX_LINKS);
	if (!form_read(r, &f, specs, N_PARTNER_FIELDS))
		return partner_form_page(r, &f, 0, 0, NULL, false, links, n_links, NULL, 422);
	struct partner p = partner_from_form(&f);
	long long id = 0;
	enum save_result rc =
	    partner_create(r->db, r->org_id, r->person_id, &p, links, n_links, &id);
	if (rc == SAVE_NOT_FOUND) /* a community id of another organisation */
		return partner_form_page(r, &f, 0, 0, NULL, false, NULL, 0, T(PF_COMMUNITIES_BAD),
		                         422);
	if (rc == SAVE_REFUSED)
		return partner_form_page(r, &f, 0, 0, NULL, false, links, n_links, NULL, 422);
	return respond_save(r, rc, ui_partner_url(r, id, "?klaar=nieuw"));
}

int page_partner_edit(struct req *r)
{
	struct partner p;
	int found = partner_get(r->db, &r->arena, r->org_id, r->param_id, &p);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	struct field_spec specs[N_PARTNER_FIELDS];
	partner_specs(specs);
	struct form f;
	form_init(&f, specs, N_PARTNER_FIELDS);
	partner_to_form(&f, &p);
	return partner_form_page(r, &f, p.id, p.version, NULL, false, NULL, 0, NULL, 200);
}

int page_partner_save(struct req *r)
{
	struct field_spec specs[N_PARTNER_FIELDS];
	partner_specs(specs);
	struct form f;
	bool ok = form_read(r, &f, specs, N_PARTNER_FIELDS);
	struct partner p = partner_from_form(&f);
	p.id = r->param_id;
	struct partner now;
	int found = partner_get(r->db, &r->arena, r->org_id, p.id, &now);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0) {
		/* another org's id is simply not found; a deleted one keeps the text in view */
		if (form_value(&f, "name")[0] == '\0')
			return respond_not_found(r);
		return partner_form_page(r, &f, p.id, p.version, NULL, true, NULL, 0, NULL, 404);
	}
	if (!ok)
		return partner_form_page(r, &f, p.id, p.version, NULL, false, NULL, 0, NULL, 422);
	enum save_result rc = partner_update(r->db, r->org_id, r->person_id, &p);
	if (rc == SAVE_CONFLICT) {
		if (partner_get(r->db, &r->arena, r->org_id, p.id, &now) != 1)
			return HANDLER_ERROR;
		/* keep what this person typed; the next save starts from the new version */
		return partner_form_page(r, &f, p.id, now.version, &now, false, NULL, 0, NULL, 409);
	}
	if (rc == SAVE_NOT_FOUND)
		return partner_form_page(r, &f, p.id, p.version, NULL, true, NULL, 0, NULL, 404);
	if (rc == SAVE_REFUSED)
		return partner_form_page(r, &f, p.id, p.version, NULL, false, NULL, 0, NULL, 422);
	return respond_save(r, rc, ui_partner_url(r, p.id, "?klaar=opgeslagen"));
}

/* ---- delete, after a confirmation step ---- */

/* The partner as it is now, for a person whose confirmation was stale. */
static void current_facts(struct req *r, struct html *h, const struct partner *p)
{
	html(h, "<h2 class=\"utrecht-heading-2\">%s</h2><dl class=\"kring-facts\">",
	     T(DELETE_STALE_NOW));
	const char *labels[] = {
	    T(PF_NAME),    T(PF_KIND),        T(PF_PART_OF),          T(PF_DESCRIPTION),
	    T(PF_CONTACT), T(PF_CONTACT_HOW), T(DELETE_STALE_CHANGED)};
	const char *values[] = {p->name,
	                        ui_partner_kind_label(p->kind),
	                        p->part_of,
	                        p->description,
	                        p->contact_name,
	                        p->contact_how,
	                        fmt_datetime(&r->arena, p->updated_at)};
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		html(h,
		     "<div class=\"kring-fact\"><dt>%s</dt><dd class=\"kring-pre\">%s</dd></div>",
		     labels[i], values[i][0] ? values[i] : "–");
	html(h, "</dl>");
}

/*
 * The confirmation page (its form names the version shown), or the
 * explanation why it cannot be deleted yet. stale: the person confirmed an
 * older version; say so and show the partner as it is now (status 409).
 */
static int delete_page(struct req *r, const struct partner *p, bool stale, unsigned status)
{
	long long talks = partner_conversation_count(r->db, r->org_id, p->id);
	if (talks < 0)
		return HANDLER_ERROR;
	struct html h;
	page_begin(r, &h, T(PDELETE_TITLE));
	html(&h,
	     "<div class=\"kring-narrow\"><nav class=\"kring-crumbs\" aria-label=\"%s\">"
	     "<a class=\"utrecht-link\" href=\"/o/%s/partners\">%s</a> › "
	     "<a class=\"utrecht-link\" href=\"%s\">%s</a></nav>"
	     "<h1 class=\"utrecht-heading-1\">%s</h1>",
	     T(CRUMBS_LABEL), r->org_slug, T(PARTNER_BACK), ui_partner_url(r, p->id, ""),
	     ui_short(&r->arena, p->name, 80), T(PDELETE_TITLE));
	if (talks > 0) {
		struct conversation_filter f = {.kind = "", .partner = p->id};
		struct conversation *cv;
		size_t n;
		long long total;
		if (conversation_list(r->db, &r->arena, r->org_id, &f, 0, 0, &cv, &n, &total) != 0)
			return HANDLER_ERROR;
		page_notice(&h, "warning",
		            TN_printf(&r->arena, PDELETE_REFUSED, talks,
		                      ui_short(&r->arena, p->name, 200), talks));
		html(&h, "<p class=\"utrecht-paragraph\">%s</p><ul class=\"kring-talks\">",
		     T(PDELETE_REFUSED_HOW));
		for (size_t i = 0; i < n; i++)
			html(&h,
			     "<li><span class=\"kring-talks__date\">%s</span> <a "
			     "class=\"utrecht-link\" "
			     "href=\"%s\">%s</a></li>",
			     ui_date(&r->arena, cv[i].held_on),
			     ui_conversation_url(r, cv[i].id, ""),
			     ui_short(&r->arena, cv[i].subject, 100));
		html(&h,
		     "</ul><p class=\"kring-actions\"><a class=\"utrecht-button "
		     "utrecht-button--primary-action kring-button-link\" "
		     "href=\"%s\">%s</a></p></div>",
		     ui_partner_url(r, p->id, ""), T(PDELETE_BACK));
		page_end(r, &h, status == 200 ? 200 : 409);
		return HANDLER_OK;
	}
	if (stale) {
		page_notice(&h, "warning", T(PDELETE_STALE));
		current_facts(r, &h, p);
	}
	html(
	    &h,
	    "<p class=\"utrecht-paragraph kring-lead\">%s</p><p class=\"utrecht-paragraph\">%s</p>",
	    T_printf(&r->arena, PDELETE_QUESTION, ui_short(&r->arena, p->name, 200)),
	    T(PDELETE_EXPLAIN));
	form_delete_confirm(&h, r, ui_partner_url(r, p->id, "/delete"), p->version,
	                    T(PDELETE_CONFIRM), ui_partner_url(r, p->id, ""), T(PDELETE_CANCEL));
	html(&h, "</div>");
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_partner_delete_confirm(struct req *r)
{
	struct partner p;
	int found = partner_get(r->db, &r->arena, r->org_id, r->param_id, &p);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	return delete_page(r, &p, false, 200);
}

/* SAVE_CONFLICT and SAVE_REFUSED of a delete: the page again, as it is now. */
static int delete_again(struct req *r, void *ctx)
{
	struct partner *p = ctx;
	if (partner_get(r->db, &r->arena, r->org_id, p->id, p) != 1)
		return HANDLER_ERROR;
	return delete_page(r, p, true, 409);
}

int page_partner_delete(struct req *r)
{
	struct partner p;
	int found = partner_get(r->db, &r->arena, r->org_id, r->param_id, &p);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	long long version;
	if (!ui_form_version(r, &version)) {
		resp_error(r, 400);
		return HANDLER_OK;
	}
	enum save_result rc = partner_delete(r->db, r->org_id, r->person_id, p.id, version);
	/* stale: the partner as it is now; refused (conversations name it): explain */
	return respond_saved(
	    r, rc,
	    &(struct respond_save){
	        .location = arena_printf(&r->arena, "/o/%s/partners?klaar=verwijderd", r->org_slug),
	        .conflict = delete_again,
	        .refused = delete_again,
	        .ctx = &p});
}
