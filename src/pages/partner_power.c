/*
 * partner_power.c - partner power records (werkblad 4, with werkblad 5's
 * questions beside each field): new, change, delete after a confirmation
 * that names the version it saw, and the blank form to print and take along.
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

/* ---- partner power ---- */

#define N_POWER_FIELDS 7

static void power_specs(struct field_spec *s)
{
	s[0] = (struct field_spec){.name = "met_on",
	                           .label = T(POWER_DATE),
	                           .hint = T(POWER_DATE_HINT),
	                           .kind = FIELD_DATE,
	                           .required = true,
	                           .max_len = 10};
	for (size_t i = 0; i < N_POWER_PARTS; i++)
		s[1 + i] = (struct field_spec){.name = ui_power_parts[i].name,
		                               .label = TX(ui_power_parts[i].label),
		                               .hint = TX(ui_power_parts[i].hint),
		                               .kind = FIELD_TEXTAREA,
		                               .max_len = 20000,
		                               .rows = 4};
	s[6] = (struct field_spec){.name = "version",
	                           .label_text = FIELD_TEXTS(F_PARTNER_POWER_VERSION_LABEL),
	                           .kind = FIELD_ID};
}

static struct partner_power power_from_form(const struct form *f, long long partner_id)
{
	struct partner_power p = {0};
	p.partner_id = partner_id;
	p.met_on = form_value(f, "met_on");
	p.challenges = form_value(f, "challenges");
	p.core_values = form_value(f, "core_values");
	p.goals = form_value(f, "goals");
	p.commitments = form_value(f, "commitments");
	p.success = form_value(f, "success");
	p.version = form_value_id(f, "version");
	return p;
}

static void power_to_form(struct form *f, const struct partner_power *p)
{
	form_set(f, "met_on", p->met_on);
	for (size_t i = 0; i < N_POWER_PARTS; i++)
		form_set(f, ui_power_parts[i].name, ui_power_value(p, i));
}

/*
 * The partner-power form: the date and the five fields of werkblad 4, each
 * with werkblad 5's questions beside it. id 0 is a new record.
 */
static int power_form_page(struct req *r, const struct partner *p, struct form *f, long long id,
                           long long version, const struct form *theirs, const char *error,
                           unsigned status)
{
	struct html h;
	const char *title = id ? T(POWER_EDIT_TITLE) : T(POWER_NEW_TITLE);
	page_begin(r, &h,
	           arena_printf(&r->arena, "%s: %s", title, ui_short(&r->arena, p->name, 80)));
	html(&h,
	     "<nav class=\"kring-crumbs\" aria-label=\"%s\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/partners\">%s</a> › <a class=\"utrecht-link\" href=\"%s\">%s</a></nav>"
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph kring-lead\">%s"
	     "</p>",
	     T(CRUMBS_LABEL), r->org_slug, T(PARTNER_BACK),
	     ui_partner_url(r, p->id, "#partner-power"), ui_short(&r->arena, p->name, 80),
	     T_printf(&r->arena, POWER_FORM_H1, ui_short(&r->arena, p->name, 120)),
	     T(POWER_FORM_INTRO));
	if (error)
		page_notice(&h, "error", error);
	if (theirs) {
		page_notice(&h, "warning", T(POWER_CONFLICT));
		ui_conflict_table(&h, f, theirs);
	}
	form_error_summary(&h, f);
	form_begin(&h, r,
	           id ? ui_partner_url(r, p->id, arena_printf(&r->arena, "/power/%lld", id))
	              : ui_partner_url(r, p->id, "/power/new"));
	form_version_field(&h, version);
	form_field(&h, f, "met_on");
	for (size_t i = 0; i < N_POWER_PARTS; i++) {
		const struct ui_power_part *pp = &ui_power_parts[i];
		html(&h,
		     "<div class=\"kring-power-field\"><div class=\"kring-power-field__input\">");
		form_field(&h, f, pp->name);
		html(&h,
		     "</div><aside class=\"kring-power-field__questions\" aria-labelledby=\"q-%s\">"
		     "<details open data-kring-fold-on-phone><summary "
		     "class=\"kring-power-field__qtitle\" "
		     "id=\"q-%s\">%s</summary><ul>",
		     pp->name, pp->name, TX(TXT_WB5_ABOUT_CHALLENGES + i));
		for (int k = 0; k < pp->n_questions; k++)
			html(&h, "<li>%s</li>", TX(pp->questions + k));
		html(&h, "</ul></details></aside></div>");
	}
	form_end(&h, T(POWER_SAVE));
	if (id) {
		html(&h,
		     "<details class=\"kring-details kring-delete-details\"><summary>%s</summary>"
		     "<p class=\"utrecht-paragraph\">%s</p>",
		     T(POWER_DELETE), T(POWER_DELETE_EXPLAIN));
		ui_form(&h, r,
		        ui_partner_url(r, p->id, arena_printf(&r->arena, "/power/%lld/delete", id)),
		        "kring-delete-form");
		html(&h,
		     "<input type=\"hidden\" name=\"version\" value=\"%lld\">"
		     "<p class=\"kring-actions\"><button class=\"utrecht-button "
		     "utrecht-button--secondary-action kring-danger\" "
		     "type=\"submit\">%s</button></p>"
		     "</form></details>",
		     version, T(POWER_DELETE_CONFIRM));
	}
	page_end(r, &h, status);
	return HANDLER_OK;
}

/* The partner of the URL, or a 404 response (returns 0) or an error (-1). */
static int url_partner(struct req *r, struct partner *p)
{
	int found = partner_get(r->db, &r->arena, r->org_id, r->param_id, p);
	if (found == 0)
		resp_error(r, 404);
	return found;
}

int page_power_new(struct req *r)
{
	struct partner p;
	int found = url_partner(r, &p);
	if (found <= 0)
		return found < 0 ? HANDLER_ERROR : HANDLER_OK;
	struct field_spec specs[N_POWER_FIELDS];
	power_specs(specs);
	struct form f;
	form_init(&f, specs, N_POWER_FIELDS);
	form_set(&f, "met_on", partner_today(&r->arena));
	return power_form_page(r, &p, &f, 0, 0, NULL, NULL, 200);
}

int page_power_create(struct req *r)
{
	struct partner p;
	int found = url_partner(r, &p);
	if (found <= 0)
		return found < 0 ? HANDLER_ERROR : HANDLER_OK;
	struct field_spec specs[N_POWER_FIELDS];
	power_specs(specs);
	struct form f;
	if (!form_read(r, &f, specs, N_POWER_FIELDS))
		return power_form_page(r, &p, &f, 0, 0, NULL, NULL, 422);
	struct partner_power pw = power_from_form(&f, p.id);
	long long id = 0;
	enum save_result rc = power_create(r->db, r->org_id, r->person_id, &pw, &id);
	if (rc == SAVE_REFUSED)
		return power_form_page(r, &p, &f, 0, 0, NULL, T(POWER_EMPTY), 422);
	return respond_save(r, rc, ui_partner_url(r, p.id, "?klaar=power-nieuw#partner-power"));
}

int page_power_edit(struct req *r)
{
	struct partner p;
	int found = url_partner(r, &p);
	if (found <= 0)
		return found < 0 ? HANDLER_ERROR : HANDLER_OK;
	struct partner_power pw;
	found = power_get(r->db, &r->arena, r->org_id, p.id, r->param_id2, &pw);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	struct field_spec specs[N_POWER_FIELDS];
	power_specs(specs);
	struct form f;
	form_init(&f, specs, N_POWER_FIELDS);
	power_to_form(&f, &pw);
	return power_form_page(r, &p, &f, pw.id, pw.version, NULL, NULL, 200);
}

int page_power_save(struct req *r)
{
	struct partner p;
	int found = url_partner(r, &p);
	if (found <= 0)
		return found < 0 ? HANDLER_ERROR : HANDLER_OK;
	struct field_spec specs[N_POWER_FIELDS];
	power_specs(specs);
	struct form f;
	bool ok = form_read(r, &f, specs, N_POWER_FIELDS);
	struct partner_power pw = power_from_form(&f, p.id);
	pw.id = r->param_id2;
	struct partner_power now;
	found = power_get(r->db, &r->arena, r->org_id, p.id, pw.id, &now);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	if (!ok)
		return power_form_page(r, &p, &f, pw.id, pw.version, NULL, NULL, 422);
	enum save_result rc = power_update(r->db, r->org_id, r->person_id, &pw);
	if (rc == SAVE_CONFLICT) {
		if (power_get(r->db, &r->arena, r->org_id, p.id, pw.id, &now) != 1)
			return HANDLER_ERROR;
		struct field_spec tspecs[N_POWER_FIELDS];
		power_specs(tspecs);
		struct form t;
		form_init(&t, tspecs, N_POWER_FIELDS);
		power_to_form(&t, &now);
		return power_form_page(r, &p, &f, pw.id, now.version, &t, NULL, 409);
	}
	if (rc == SAVE_REFUSED)
		return power_form_page(r, &p, &f, pw.id, pw.version, NULL, T(POWER_EMPTY), 422);
	return respond_save(r, rc,
	                    ui_partner_url(r, p.id, "?klaar=power-opgeslagen#partner-power"));
}

int page_power_delete(struct req *r)
{
	struct partner p;
	int found = url_partner(r, &p);
	if (found <= 0)
		return found < 0 ? HANDLER_ERROR : HANDLER_OK;
	struct partner_power pw;
	found = power_get(r->db, &r->arena, r->org_id, p.id, r->param_id2, &pw);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	long long version;
	if (!ui_form_version(r, &version)) {
		resp_error(r, 400);
		return HANDLER_OK;
	}
	enum save_result rc = power_delete(r->db, r->org_id, r->person_id, p.id, pw.id, version);
	if (rc == SAVE_CONFLICT) { /* changed since: show it as it is now, delete nothing */
		if (power_get(r->db, &r->arena, r->org_id, p.id, pw.id, &pw) != 1)
			return HANDLER_ERROR;
		struct field_spec specs[N_POWER_FIELDS];
		power_specs(specs);
		struct form f;
		form_init(&f, specs, N_POWER_FIELDS);
		power_to_form(&f, &pw);
		return power_form_page(r, &p, &f, pw.id, pw.version, NULL, T(POWER_DELETE_STALE),
		                       409);
	}
	return respond_save(r, rc, ui_partner_url(r, p.id, "?klaar=power-weg#partner-power"));
}

/* ---- the blank form to take along ---- */

int page_partner_power_blank(struct req *r)
{
	const char *name = "", *part_of = "";
	const char *v = req_query(r, "partner");
	if (v) { /* a form for one partner: its name printed in */
		struct partner p;
		int found = partner_get(r->db, &r->arena, r->org_id, form_id_or_zero(v), &p);
		if (found < 0)
			return HANDLER_ERROR;
		if (found == 0)
			return respond_not_found(r);
		name = p.name;
		part_of = p.part_of;
	}
	struct html h;
	page_begin(r, &h, T(PPRINT_TITLE));
	html(&h,
	     "<div class=\"kring-screen-only\"><h1 class=\"utrecht-heading-1\">%s</h1>"
	     "<p class=\"utrecht-paragraph kring-lead\">%s</p><p class=\"utrecht-paragraph\">%s</p>"
	     "<p class=\"kring-actions\"><button class=\"utrecht-button "
	     "utrecht-button--primary-action\" type=\"button\" data-kring-print hidden>%s</button>"
	     "</p></div>",
	     T(PPRINT_TITLE), T(PPRINT_INTRO), T(PRINT_HOWTO), T(PRINT_BUTTON));
	/* werkblad 4 */
	html(&h,
	     "<section class=\"kring-sheet kring-sheet--power\" aria-labelledby=\"h-wb4\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-wb4\">%s</h2>"
	     "<p class=\"utrecht-paragraph kring-sheet__sub\">%s</p>"
	     "<p class=\"kring-sheet__q\">%s <span class=\"kring-sheet__fill\">%s</span></p>"
	     "<p class=\"kring-sheet__q\">%s <span class=\"kring-sheet__fill\">%s</span></p>"
	     "<p class=\"kring-sheet__q\">%s <span class=\"kring-sheet__fill "
	     "kring-sheet__fill--short\">"
	     "</span></p><div class=\"kring-sheet__grid\">",
	     T(WB4_HEADING), T(WB4_SUB), T(WB4_NAME), name, T(WB4_FROM), part_of, T(WB4_DATE));
	for (size_t i = 0; i < N_POWER_PARTS; i++)
		html(&h,
		     "<div class=\"kring-sheet__box%s\"><p "
		     "class=\"kring-sheet__boxtitle\">%s</p></div>",
		     i == 4 ? " kring-sheet__box--wide" : "", TX(TXT_WB4_CHALLENGES + i));
	html(&h, "</div></section>");
	/* werkblad 5: the questions, and the tips for the talk */
	html(
	    &h,
	    "<section class=\"kring-sheet kring-sheet--questions\" aria-labelledby=\"h-wb5\">"
	    "<h2 class=\"utrecht-heading-2\" id=\"h-wb5\">%s</h2>"
	    "<p class=\"utrecht-paragraph kring-sheet__sub\">%s</p><div class=\"kring-sheet__qs\">",
	    T(WB5_HEADING), T(WB5_SUB));
	/* werkblad 5 asks about values first */
	static const size_t order[] = {1, 0, 2, 3, 4};
	for (size_t j = 0; j < N_POWER_PARTS; j++) {
		const struct ui_power_part *pp = &ui_power_parts[order[j]];
		html(&h, "<div><h3 class=\"utrecht-heading-3\">%s</h3><ul>",
		     TX(TXT_WB5_ABOUT_CHALLENGES + order[j]));
		for (int k = 0; k < pp->n_questions; k++)
			html(&h, "<li>%s</li>", TX(pp->questions + k));
		html(&h, "</ul></div>");
	}
	html(&h,
	     "</div><div class=\"kring-sheet__tips\"><h3 class=\"utrecht-heading-3\">%s</h3>"
	     "<p class=\"utrecht-paragraph\">%s</p></div></section>",
	     T(WB5_TIPS_TITLE), T(WB5_TIPS));
	page_end(r, &h, 200);
	return HANDLER_OK;
}
