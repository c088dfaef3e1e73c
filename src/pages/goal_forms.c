/*
 * goal_forms.c - a SMART subgoal of a shared goal (new, change with the
 * conflict view, delete after asking), and the measurements of a subgoal
 * (add on the goals page, delete after asking).
 */
#include <stdlib.h>
#include <string.h>

#include "../auth/roles.h"
#include "../core/community.h"
#include "../core/partner.h"
#include "../i18n/text.h"
#include "../util/date.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "goal_ui.h"
#include "pages.h"
#include "partner_ui.h"
#include "respond.h"

/* ---- the subgoal form ---- */

#define N_SUB_FIELDS 10

struct owner_choices {
	const char **values; /* "" (nobody) and the ids, NULL-terminated */
	const char **labels;
};

static int load_owners(struct req *r, struct owner_choices *oc)
{
	struct goal_owner *o;
	size_t n;
	if (subgoal_owner_choices(r->db, &r->arena, r->org_id, r->param_id, &o, &n) != 0)
		return -1;
	oc->values = arena_alloc(&r->arena, (n + 2) * sizeof(*oc->values));
	oc->labels = arena_alloc(&r->arena, (n + 2) * sizeof(*oc->labels));
	oc->values[0] = "";
	oc->labels[0] = T(SF_NOBODY);
	for (size_t i = 0; i < n; i++) {
		oc->values[i + 1] = arena_printf(&r->arena, "%lld", o[i].person_id);
		oc->labels[i + 1] =
		    o[i].is_amb ? T_printf(&r->arena, SF_OWNER_AMB, o[i].name) : o[i].name;
	}
	oc->values[n + 1] = NULL;
	oc->labels[n + 1] = NULL;
	return 0;
}

static void sub_specs(struct field_spec *s, const struct owner_choices *oc)
{
	s[0] = (struct field_spec){.name = "title",
	                           .label = T(SF_TITLE),
	                           .hint = T(SF_TITLE_HINT),
	                           .kind = FIELD_TEXT,
	                           .required = true,
	                           .max_len = 200,
	                           .autocomplete = "off"};
	s[1] = (struct field_spec){.name = "measure",
	                           .label = T(SF_MEASURE),
	                           .kind = FIELD_RADIO,
	                           .required = true,
	                           .options = goal_measures,
	                           .option_labels = T_ROW(MEASURE_MEMBERS),
	                           .option_hints = T_ROW(MEASURE_HINT_MEMBERS)};
	s[2] = (struct field_spec){.name = "measure_name",
	                           .label = T(SF_MEASURE_NAME),
	                           .hint = T(SF_MEASURE_NAME_HINT),
	                           .kind = FIELD_TEXT,
	                           .max_len = 200,
	                           .autocomplete = "off"};
	s[3] = (struct field_spec){.name = "baseline",
	                           .label = T(SF_BASELINE),
	                           .hint = T(SF_BASELINE_HINT),
	                           .kind = FIELD_TEXT,
	                           .max_len = 20,
	                           .autocomplete = "off"};
	s[4] = (struct field_spec){.name = "baseline_on",
	                           .label = T(SF_BASELINE_ON),
	                           .hint = T(SF_BASELINE_ON_HINT),
	                           .kind = FIELD_DATE,
	                           .max_len = 10};
	s[5] = (struct field_spec){.name = "target",
	                           .label = T(SF_TARGET),
	                           .hint = T(SF_TARGET_HINT),
	                           .kind = FIELD_TEXT,
	                           .max_len = 20,
	                           .autocomplete = "off"};
	s[6] = (struct field_spec){.name = "deadline",
	                           .label = T(SF_DEADLINE),
	                           .hint = T(SF_DEADLINE_HINT),
	                           .kind = FIELD_DATE,
	                           .max_len = 10};
	s[7] = (struct field_spec){.name = "owner",
	                           .label = T(SF_OWNER),
	                           .hint = T(SF_OWNER_HINT),
	                           .kind = FIELD_SELECT,
	                           .max_len = 20,
	                           .options = oc->values,
	                           .option_labels = oc->labels};
	s[8] = (struct field_spec){
	    .name = "goal", .label_text = FIELD_TEXTS(F_GOAL_FORMS_GOAL_LABEL), .kind = FIELD_ID};
	s[9] = (struct field_spec){.name = "version",
	                           .label_text = FIELD_TEXTS(F_GOAL_FORMS_VERSION_LABEL),
	                           .kind = FIELD_ID};
}

static const char *num_text(struct req *r, bool has, long long v)
{
	return has ? arena_printf(&r->arena, "%lld", v) : "";
}

static void sub_to_form(struct req *r, struct form *f, const struct subgoal *s)
{
	form_set(f, "title", s->title);
	form_set(f, "measure", s->measure);
	form_set(f, "measure_name", s->measure_name);
	form_set(f, "baseline", num_text(r, s->has_baseline, s->baseline));
	form_set(f, "baseline_on", s->baseline_on);
	form_set(f, "target", num_text(r, s->has_target, s->target));
	form_set(f, "deadline", s->deadline);
	form_set(f, "owner", s->owner_id ? arena_printf(&r->arena, "%lld", s->owner_id) : "");
}

/*
 * Reads the subgoal of a posted form into *s, adding a Dutch error beside
 * each field that is wrong. true when there is none.
 */
static bool sub_from_form(struct form *f, bool ok, struct subgoal *s)
{
	memset(s, 0, sizeof(*s));
	s->title = form_value(f, "title");
	s->measure = form_value(f, "measure");
	s->measure_name = form_value(f, "measure_name");
	s->baseline_on = form_value(f, "baseline_on");
	s->deadline = form_value(f, "deadline");
	s->owner_id = form_value_id(f, "owner");
	s->goal_id = form_value_id(f, "goal");
	s->version = form_value_id(f, "version");
	long long max = strcmp(s->measure, "made_by") == 0 ? 100 : GOAL_MAX_VALUE;
	ok &= goal_read_number(f, "baseline", max, &s->has_baseline, &s->baseline);
	ok &= goal_read_number(f, "target", max, &s->has_target, &s->target);
	if (strcmp(s->measure, "custom") == 0 && s->measure_name[0] == '\0') {
		form_error(f, "measure_name", T(SF_NAME_NEEDED));
		ok = false;
	}
	if (s->deadline[0] && s->baseline_on[0] && strcmp(s->deadline, s->baseline_on) < 0 &&
	    date_valid(s->deadline) && date_valid(s->baseline_on)) {
		form_error(f, "deadline", T(SF_DEADLINE_BEFORE));
		ok = false;
	}
	return ok;
}

/* The new/change page; theirs is what someone else saved meanwhile. */
static int sub_page(struct req *r, struct form *f, long long id, long long goal_id,
                    long long version, const struct form *theirs, const char *notice,
                    unsigned status)
{
	struct community c;
	int found = community_get(r->db, &r->arena, r->org_id, r->param_id, &c);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	struct goal g;
	int gfound = goal_id ? goal_get(r->db, &r->arena, r->org_id, c.id, goal_id, &g) : 0;
	if (gfound < 0)
		return HANDLER_ERROR;
	struct html h;
	const char *title = id ? T(SUB_EDIT_TITLE) : T(SUB_NEW_TITLE);
	page_begin(r, &h, title);
	html(
	    &h,
	    "<nav class=\"kring-crumbs\" aria-label=\"%s\"><a class=\"utrecht-link\" href=\"%s\">%s"
	    "</a> › <a class=\"utrecht-link\" href=\"%s\">%s</a></nav>"
	    "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	    "kring-lead\">%s</p>",
	    T(CRUMBS_LABEL), ui_community_url(r, c.id, ""), ui_short(&r->arena, c.name, 80),
	    goal_url(r, c.id, ""), T(SUB_BACK), title, T(SUB_INTRO));
	if (gfound == 1)
		html(&h,
		     "<p class=\"utrecht-paragraph\"><span class=\"kring-muted\">%s</span> %s</p>",
		     T(SUB_UNDER), ui_short(&r->arena, g.text, 200));
	if (notice)
		page_notice(&h, theirs ? "warning" : "error", notice);
	if (theirs)
		ui_conflict_table(&h, f, theirs);
	form_error_summary(&h, f);
	form_begin(
	    &h, r,
	    id ? arena_printf(&r->arena, "/o/%s/communities/%lld/subgoals/%lld", r->org_slug, c.id,
	                      id)
	       : arena_printf(&r->arena, "/o/%s/communities/%lld/subgoals/new", r->org_slug, c.id));
	form_version_field(&h, version);
	if (goal_id)
		html(&h, "<input type=\"hidden\" name=\"goal\" value=\"%lld\">", goal_id);
	form_field(&h, f, "title");
	form_field(&h, f, "measure");
	form_field(&h, f, "measure_name");
	html(&h, "<div class=\"kring-form-row\">");
	form_field(&h, f, "baseline");
	form_field(&h, f, "baseline_on");
	html(&h, "</div><div class=\"kring-form-row\">");
	form_field(&h, f, "target");
	form_field(&h, f, "deadline");
	html(&h, "</div>");
	form_field(&h, f, "owner");
	form_end(&h, id ? T(SAVE) : T(SUB_CREATE));
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_subgoal_new(struct req *r)
{
	struct owner_choices oc;
	if (load_owners(r, &oc) != 0)
		return HANDLER_ERROR;
	struct field_spec specs[N_SUB_FIELDS];
	sub_specs(specs, &oc);
	struct form f;
	form_init(&f, specs, N_SUB_FIELDS);
	form_set(&f, "measure", "members");
	form_set(&f, "baseline_on", partner_today(&r->arena));
	long long goal_id = req_query_id(r, "doel");
	if (goal_id == 0) { /* the community's first shared goal */
		struct goal *goals;
		size_t n;
		if (goal_list(r->db, &r->arena, r->org_id, r->param_id, &goals, &n) != 0)
			return HANDLER_ERROR;
		for (size_t i = 0; i < n && goal_id == 0; i++)
			if (strcmp(goals[i].kind, "shared") == 0)
				goal_id = goals[i].id;
	}
	return sub_page(r, &f, 0, goal_id, 0, NULL, goal_id ? NULL : T(SUB_NO_GOAL), 200);
}

int page_subgoal_create(struct req *r)
{
	struct owner_choices oc;
	if (load_owners(r, &oc) != 0)
		return HANDLER_ERROR;
	struct field_spec specs[N_SUB_FIELDS];
	sub_specs(specs, &oc);
	struct form f;
	bool ok = form_read(r, &f, specs, N_SUB_FIELDS);
	struct subgoal s;
	ok = sub_from_form(&f, ok, &s);
	if (!ok)
		return sub_page(r, &f, 0, s.goal_id, 0, NULL, NULL, 422);
	s.id = 0;
	long long id = 0;
	enum save_result rc = subgoal_save(r->db, r->org_id, r->person_id, r->param_id, &s, &id);
	if (rc == SAVE_NOT_FOUND) /* a goal or owner of another community */
		return sub_page(r, &f, 0, 0, 0, NULL, T(SF_BAD_REFS), 404);
	if (rc == SAVE_REFUSED)
		return sub_page(r, &f, 0, s.goal_id, 0, NULL, T(SF_BAD_REFS), 422);
	return respond_save(
	    r, rc,
	    goal_url(r, r->param_id,
	             arena_printf(&r->arena, "?klaar=opgeslagen#subdoel-%lld", id)));
}

int page_subgoal_edit(struct req *r)
{
	struct subgoal s;
	int found = subgoal_get(r->db, &r->arena, r->org_id, r->param_id, r->param_id2, &s);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	struct owner_choices oc;
	if (load_owners(r, &oc) != 0)
		return HANDLER_ERROR;
	struct field_spec specs[N_SUB_FIELDS];
	sub_specs(specs, &oc);
	struct form f;
	form_init(&f, specs, N_SUB_FIELDS);
	sub_to_form(r, &f, &s);
	return sub_page(r, &f, s.id, s.goal_id, s.version, NULL, NULL, 200);
}

int page_subgoal_save(struct req *r)
{
	struct owner_choices oc;
	if (load_owners(r, &oc) != 0)
		return HANDLER_ERROR;
	struct field_spec specs[N_SUB_FIELDS];
	sub_specs(specs, &oc);
	struct form f;
	bool ok = form_read(r, &f, specs, N_SUB_FIELDS);
	struct subgoal s, now;
	ok = sub_from_form(&f, ok, &s);
	s.id = r->param_id2;
	int found = subgoal_get(r->db, &r->arena, r->org_id, r->param_id, s.id, &now);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0) { /* deleted meanwhile, or another community's: keep the text in view */
		if (form_value(&f, "title")[0] == '\0')
			return respond_not_found(r);
		return sub_page(r, &f, 0, 0, 0, NULL, T(SUB_GONE), 404);
	}
	if (!ok)
		return sub_page(r, &f, s.id, now.goal_id, s.version, NULL, NULL, 422);
	enum save_result rc = subgoal_save(r->db, r->org_id, r->person_id, r->param_id, &s, NULL);
	if (rc == SAVE_CONFLICT) {
		if (subgoal_get(r->db, &r->arena, r->org_id, r->param_id, s.id, &now) != 1)
			return HANDLER_ERROR;
		struct field_spec tspecs[N_SUB_FIELDS];
		sub_specs(tspecs, &oc);
		struct form t;
		form_init(&t, tspecs, N_SUB_FIELDS);
		sub_to_form(r, &t, &now);
		return sub_page(r, &f, s.id, now.goal_id, now.version, &t, T(SUB_CONFLICT), 409);
	}
	if (rc == SAVE_NOT_FOUND || rc == SAVE_REFUSED) {
		form_error(&f, "owner", T(SF_BAD_REFS));
		return sub_page(r, &f, s.id, now.goal_id, s.version, NULL, NULL, 422);
	}
	return respond_save(
	    r, rc,
	    goal_url(r, r->param_id,
	             arena_printf(&r->arena, "?klaar=opgeslagen#subdoel-%lld", s.id)));
}

int page_subgoal_delete_confirm(struct req *r)
{
	struct subgoal s;
	int found = subgoal_get(r->db, &r->arena, r->org_id, r->param_id, r->param_id2, &s);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	struct html h;
	page_begin(r, &h, T(SUB_DELETE_TITLE));
	html(&h, "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph\">%s</p>",
	     T(SUB_DELETE_TITLE), T_printf(&r->arena, SUB_DELETE_TEXT, s.title));
	form_delete_confirm(
	    &h, r,
	    arena_printf(&r->arena, "/o/%s/communities/%lld/subgoals/%lld/delete", r->org_slug,
	                 r->param_id, s.id),
	    s.version, T(SUB_DELETE_CONFIRM),
	    goal_url(r, r->param_id, arena_printf(&r->arena, "#subdoel-%lld", s.id)),
	    T(GOAL_DELETE_CANCEL));
	page_end(r, &h, 200);
	return HANDLER_OK;
}

int page_subgoal_delete(struct req *r)
{
	enum save_result rc = subgoal_delete(r->db, r->org_id, r->person_id, r->param_id,
	                                     r->param_id2, req_form_id(r, "version"));
	return respond_save(r, rc, goal_url(r, r->param_id, "?klaar=weggehaald#gezamenlijk"));
}

/* ---- measurements ---- */

int page_measurement_add(struct req *r)
{
	struct field_spec specs[3];
	specs[0] = (struct field_spec){.name = "measured_on",
	                               .label = T(MEAS_DATE),
	                               .kind = FIELD_DATE,
	                               .required = true,
	                               .max_len = 10};
	specs[1] = (struct field_spec){.name = "value",
	                               .label = T(MEAS_VALUE),
	                               .kind = FIELD_TEXT,
	                               .required = true,
	                               .max_len = 20,
	                               .autocomplete = "off"};
	specs[2] = (struct field_spec){.name = "note",
	                               .label = T(MEAS_NOTE),
	                               .kind = FIELD_TEXT,
	                               .max_len = 500,
	                               .autocomplete = "off"};
	struct form f;
	bool ok = form_read(r, &f, specs, 3);
	struct subgoal s;
	int found = subgoal_get(r->db, &r->arena, r->org_id, r->param_id, r->param_id2, &s);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	bool has;
	long long v;
	long long max = strcmp(s.measure, "made_by") == 0 ? 100 : GOAL_MAX_VALUE;
	ok &= goal_read_number(&f, "value", max, &has, &v);
	if (!ok) {
		struct goal_problem pb = {.where = arena_printf(&r->arena, "meting-%lld", s.id),
		                          .form = &f};
		return goals_page(r, &pb, 422);
	}
	enum save_result rc =
	    measurement_add(r->db, r->org_id, r->person_id, r->param_id, s.id,
	                    form_value(&f, "measured_on"), v, form_value(&f, "note"));
	return respond_save(
	    r, rc,
	    goal_url(r, r->param_id,
	             arena_printf(&r->arena, "?klaar=opgeslagen#subdoel-%lld", s.id)));
}

int page_measurement_delete_confirm(struct req *r)
{
	struct measurement m;
	int found = measurement_get(r->db, &r->arena, r->org_id, r->param_id, r->param_id2, &m);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	struct html h;
	page_begin(r, &h, T(MEAS_DELETE_TITLE));
	html(&h, "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph\">%s</p>",
	     T(MEAS_DELETE_TITLE),
	     T_printf(&r->arena, MEAS_DELETE_TEXT, ui_date(&r->arena, m.measured_on), m.value));
	/* a measurement is never changed, only added and deleted: version 1 */
	form_delete_confirm(
	    &h, r,
	    arena_printf(&r->arena, "/o/%s/communities/%lld/measurements/%lld/delete", r->org_slug,
	                 r->param_id, m.id),
	    1, T(MEAS_DELETE_CONFIRM),
	    goal_url(r, r->param_id, arena_printf(&r->arena, "#subdoel-%lld", m.subgoal_id)),
	    T(GOAL_DELETE_CANCEL));
	page_end(r, &h, 200);
	return HANDLER_OK;
}

int page_measurement_delete(struct req *r)
{
	struct measurement m;
	int found = measurement_get(r->db, &r->arena, r->org_id, r->param_id, r->param_id2, &m);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	enum save_result rc =
	    measurement_delete(r->db, r->org_id, r->person_id, r->param_id, r->param_id2);
	return respond_save(
	    r, rc,
	    goal_url(r, r->param_id,
	             arena_printf(&r->arena, "?klaar=weggehaald#subdoel-%lld", m.subgoal_id)));
}
