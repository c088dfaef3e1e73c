/*
 * plan_form.c - one task of a community's project plan: new (staff),
 * change (staff, or the ambassadeur who owns it; a version conflict shows
 * both versions), delete after asking (staff). Hours and money are read by
 * core/plan_parse.c with a Dutch message beside a field that is wrong.
 */
#include <string.h>

#include "../auth/roles.h"
#include "../core/community.h"
#include "../core/goal.h"
#include "../core/plan.h"
#include "../core/vocab.h"
#include "../i18n/text.h"
#include "../util/clock.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "pages.h"
#include "partner_ui.h"
#include "plan_ui.h"
#include "respond.h"

#define N_TASK_FIELDS 11

/* The choices of the owner and goal selects: values and labels, NULL-terminated. */
struct task_choices {
	const char **owner_values, **owner_labels;
	const char **serves_values, **serves_labels;
};

static int load_choices(struct req *r, struct task_choices *tc)
{
	struct arena *a = &r->arena;
	struct goal_owner *o;
	struct goal *g;
	struct subgoal *s;
	size_t n_o, n_g, n_s;
	char today[16];
	clock_today(today);
	if (subgoal_owner_choices(r->db, a, r->org_id, r->param_id, &o, &n_o) != 0 ||
	    goal_list(r->db, a, r->org_id, r->param_id, &g, &n_g) != 0 ||
	    subgoal_list(r->db, a, r->org_id, r->param_id, 0, today, &s, &n_s) != 0)
		return -1;
	tc->owner_values = arena_alloc(a, (n_o + 2) * sizeof(char *));
	tc->owner_labels = arena_alloc(a, (n_o + 2) * sizeof(char *));
	tc->owner_values[0] = "";
	tc->owner_labels[0] = T(SF_NOBODY);
	for (size_t i = 0; i < n_o; i++) {
		tc->owner_values[i + 1] = arena_printf(a, "%lld", o[i].person_id);
		tc->owner_labels[i + 1] =
		    o[i].is_amb ? T_printf(a, SF_OWNER_AMB, o[i].name) : o[i].name;
	}
	tc->owner_values[n_o + 1] = tc->owner_labels[n_o + 1] = NULL;
	size_t n = n_g + n_s;
	tc->serves_values = arena_alloc(a, (n + 2) * sizeof(char *));
	tc->serves_labels = arena_alloc(a, (n + 2) * sizeof(char *));
	tc->serves_values[0] = "";
	tc->serves_labels[0] = T(PL_F_SERVES_NONE);
	size_t k = 1;
	for (size_t i = 0; i < n_g; i++, k++) {
		int kind = vocab_index(goal_kinds, g[i].kind);
		tc->serves_values[k] = arena_printf(a, "g%lld", g[i].id);
		tc->serves_labels[k] =
		    arena_printf(a, "%s: %s", kind >= 0 ? TX(TXT_GOAL_TEXT_LIBRARY + kind) : "",
		                 ui_short(a, g[i].text, 80));
	}
	for (size_t i = 0; i < n_s; i++, k++) {
		tc->serves_values[k] = arena_printf(a, "s%lld", s[i].id);
		tc->serves_labels[k] = T_printf(a, PL_F_SUB, ui_short(a, s[i].title, 80));
	}
	tc->serves_values[k] = tc->serves_labels[k] = NULL;
	return 0;
}

static void task_specs(struct field_spec *s, const struct task_choices *tc)
{
	s[0] = (struct field_spec){.name = "title",
	                           .label = T(PL_F_TITLE),
	                           .hint = T(PL_F_TITLE_HINT),
	                           .kind = FIELD_TEXT,
	                           .required = true,
	                           .max_len = 200,
	                           .autocomplete = "off"};
	s[1] = (struct field_spec){.name = "description",
	                           .label = T(PL_F_DESC),
	                           .kind = FIELD_TEXTAREA,
	                           .max_len = PLAN_TEXT_MAX,
	                           .rows = 3};
	s[2] = (struct field_spec){.name = "owner",
	                           .label = T(PL_F_OWNER),
	                           .hint = T(PL_F_OWNER_HINT),
	                           .kind = FIELD_SELECT,
	                           .max_len = 20,
	                           .options = tc->owner_values,
	                           .option_labels = tc->owner_labels};
	s[3] = (struct field_spec){
	    .name = "due_on", .label = T(PL_F_DUE), .kind = FIELD_DATE, .max_len = 10};
	s[4] = (struct field_spec){.name = "status",
	                           .label = T(PL_F_STATUS),
	                           .kind = FIELD_SELECT,
	                           .required = true,
	                           .options = plan_statuses,
	                           .option_labels = T_ROW(PL_STATUS_OPEN)};
	s[5] = (struct field_spec){.name = "planned_hours",
	                           .label = T(PL_F_PLANNED_H),
	                           .hint = T(PL_F_HOURS_HINT),
	                           .kind = FIELD_TEXT,
	                           .max_len = 30,
	                           .autocomplete = "off"};
	s[6] = (struct field_spec){.name = "spent_hours",
	                           .label = T(PL_F_SPENT_H),
	                           .hint = T(PL_F_HOURS_HINT),
	                           .kind = FIELD_TEXT,
	                           .max_len = 30,
	                           .autocomplete = "off"};
	s[7] = (struct field_spec){.name = "planned_money",
	                           .label = T(PL_F_PLANNED_M),
	                           .hint = T(PL_F_MONEY_HINT),
	                           .kind = FIELD_TEXT,
	                           .max_len = 40,
	                           .autocomplete = "off"};
	s[8] = (struct field_spec){.name = "spent_money",
	                           .label = T(PL_F_SPENT_M),
	                           .hint = T(PL_F_MONEY_HINT),
	                           .kind = FIELD_TEXT,
	                           .max_len = 40,
	                           .autocomplete = "off"};
	s[9] = (struct field_spec){.name = "serves",
	                           .label = T(PL_F_SERVES),
	                           .hint = T(PL_F_SERVES_HINT),
	                           .kind = FIELD_SELECT,
	                           .max_len = 24,
	                           .options = tc->serves_values,
	                           .option_labels = tc->serves_labels};
	s[10] = (struct field_spec){.name = "version",
	                            .label_text = FIELD_TEXTS(F_PLAN_FORM_VERSION_LABEL),
	                            .kind = FIELD_ID};
}

static void task_to_form(struct req *r, struct form *f, const struct plan_task *t)
{
	struct arena *a = &r->arena;
	form_set(f, "title", t->title);
	form_set(f, "description", t->description);
	form_set(f, "owner", t->owner_id ? arena_printf(a, "%lld", t->owner_id) : "");
	form_set(f, "due_on", t->due_on);
	form_set(f, "status", t->status);
	form_set(f, "planned_hours", plan_hours_input(a, t->planned_minutes));
	form_set(f, "spent_hours", plan_hours_input(a, t->spent_minutes));
	form_set(f, "planned_money", plan_money_input(a, t->planned_cents));
	form_set(f, "spent_money", plan_money_input(a, t->spent_cents));
	form_set(f, "serves",
	         t->subgoal_id ? arena_printf(a, "s%lld", t->subgoal_id)
	         : t->goal_id  ? arena_printf(a, "g%lld", t->goal_id)
	                       : "");
}

/* Reads the posted task into *t, with a Dutch error beside each wrong field. */
static bool task_from_form(struct form *f, bool ok, struct plan_task *t)
{
	memset(t, 0, sizeof(*t));
	t->title = form_value(f, "title");
	t->description = form_value(f, "description");
	t->owner_id = form_value_id(f, "owner");
	t->due_on = form_value(f, "due_on");
	t->status = form_value(f, "status");
	t->version = form_value_id(f, "version");
	ok &= plan_read_hours(f, "planned_hours", &t->planned_minutes);
	ok &= plan_read_hours(f, "spent_hours", &t->spent_minutes);
	ok &= plan_read_money(f, "planned_money", &t->planned_cents);
	ok &= plan_read_money(f, "spent_money", &t->spent_cents);
	const char *serves = form_value(f, "serves");
	if (serves[0] == 'g')
		t->goal_id = form_id_or_zero(serves + 1);
	else if (serves[0] == 's')
		t->subgoal_id = form_id_or_zero(serves + 1);
	return ok;
}

/* The new/change page; theirs is what someone else saved meanwhile. */
static int task_page(struct req *r, struct form *f, long long id, long long version,
                     const struct form *theirs, const char *notice, unsigned status)
{
	struct community c;
	int found = community_get(r->db, &r->arena, r->org_id, r->param_id, &c);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	bool staff = (r->role & ROLES_STAFF) != 0;
	const char *title = id ? T(PL_EDIT_TITLE) : T(PL_NEW_TITLE);
	struct html h;
	page_begin(r, &h, title);
	html(
	    &h,
	    "<nav class=\"kring-crumbs\" aria-label=\"%s\"><a class=\"utrecht-link\" href=\"%s\">%s"
	    "</a> › <a class=\"utrecht-link\" href=\"%s\">%s</a></nav>"
	    "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	    "kring-lead\">%s</p>",
	    T(CRUMBS_LABEL), plan_community_url(r, c.id, ""), ui_short(&r->arena, c.name, 80),
	    plan_community_url(r, c.id, "/plan"), T(PL_TITLE), title, T(PL_FORM_INTRO));
	if (notice)
		page_notice(&h, theirs ? "warning" : "error", notice);
	if (theirs)
		ui_conflict_table(&h, f, theirs);
	form_error_summary(&h, f);
	form_begin(&h, r,
	           id ? plan_community_url(r, c.id, arena_printf(&r->arena, "/plan/%lld", id))
	              : plan_community_url(r, c.id, "/plan/new"));
	form_version_field(&h, version);
	form_field(&h, f, "title");
	form_field(&h, f, "description");
	if (staff)
		form_field(&h, f, "owner");
	html(&h, "<div class=\"kring-form-row\">");
	form_field(&h, f, "due_on");
	form_field(&h, f, "status");
	html(&h, "</div><div class=\"kring-form-row\">");
	form_field(&h, f, "planned_hours");
	form_field(&h, f, "spent_hours");
	html(&h, "</div><div class=\"kring-form-row\">");
	form_field(&h, f, "planned_money");
	form_field(&h, f, "spent_money");
	html(&h, "</div>");
	form_field(&h, f, "serves");
	form_end(&h, id ? T(SAVE) : T(PL_CREATE));
	if (id && staff)
		html(&h,
		     "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link kring-danger-link\" "
		     "href=\"%s\">%s</a></p>",
		     plan_community_url(r, c.id, arena_printf(&r->arena, "/plan/%lld/delete", id)),
		     T(PL_DELETE));
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_plan_task_new(struct req *r)
{
	struct task_choices tc;
	if (load_choices(r, &tc) != 0)
		return HANDLER_ERROR;
	struct field_spec specs[N_TASK_FIELDS];
	task_specs(specs, &tc);
	struct form f;
	form_init(&f, specs, N_TASK_FIELDS);
	form_set(&f, "status", "open");
	return task_page(r, &f, 0, 0, NULL, NULL, 200);
}

int page_plan_task_create(struct req *r)
{
	struct task_choices tc;
	if (load_choices(r, &tc) != 0)
		return HANDLER_ERROR;
	struct field_spec specs[N_TASK_FIELDS];
	task_specs(specs, &tc);
	struct form f;
	bool ok = form_read(r, &f, specs, N_TASK_FIELDS);
	struct plan_task t;
	ok = task_from_form(&f, ok, &t);
	if (!ok)
		return task_page(r, &f, 0, 0, NULL, NULL, 422);
	long long id = 0;
	enum save_result rc =
	    plan_task_save(r->db, r->org_id, r->person_id, r->role, r->param_id, &t, &id);
	if (rc == SAVE_NOT_FOUND || rc == SAVE_REFUSED) {
		form_error(&f, "owner", T(PL_BAD_REFS));
		return task_page(r, &f, 0, 0, NULL, NULL, rc == SAVE_NOT_FOUND ? 404 : 422);
	}
	return respond_save(
	    r, rc,
	    plan_community_url(r, r->param_id,
	                       arena_printf(&r->arena, "/plan?klaar=opgeslagen#taak-%lld", id)));
}

int page_plan_task_edit(struct req *r)
{
	struct plan_task t;
	int found = plan_task_get(r->db, &r->arena, r->org_id, r->param_id, r->param_id2, &t);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0 || !plan_task_may_edit(r->role, r->person_id, &t))
		return respond_not_found(r);
	struct task_choices tc;
	if (load_choices(r, &tc) != 0)
		return HANDLER_ERROR;
	struct field_spec specs[N_TASK_FIELDS];
	task_specs(specs, &tc);
	struct form f;
	form_init(&f, specs, N_TASK_FIELDS);
	task_to_form(r, &f, &t);
	return task_page(r, &f, t.id, t.version, NULL, NULL, 200);
}

int page_plan_task_save(struct req *r)
{
	struct task_choices tc;
	if (load_choices(r, &tc) != 0)
		return HANDLER_ERROR;
	struct field_spec specs[N_TASK_FIELDS];
	task_specs(specs, &tc);
	struct form f;
	bool ok = form_read(r, &f, specs, N_TASK_FIELDS);
	struct plan_task t, now;
	ok = task_from_form(&f, ok, &t);
	t.id = r->param_id2;
	int found = plan_task_get(r->db, &r->arena, r->org_id, r->param_id, t.id, &now);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0) { /* deleted meanwhile, or another community's: keep the text in view */
		if (form_value(&f, "title")[0] == '\0')
			return respond_not_found(r);
		return task_page(r, &f, 0, 0, NULL, T(PL_GONE), 404);
	}
	bool staff = (r->role & ROLES_STAFF) != 0;
	if (!staff) { /* an ambassadeur: only their own task, and it stays theirs */
		if (!plan_task_may_edit(r->role, r->person_id, &now))
			return respond_not_found(r);
		t.owner_id = r->person_id;
	}
	if (!ok)
		return task_page(r, &f, t.id, t.version, NULL, NULL, 422);
	enum save_result rc =
	    plan_task_save(r->db, r->org_id, r->person_id, r->role, r->param_id, &t, NULL);
	if (rc == SAVE_CONFLICT) {
		if (plan_task_get(r->db, &r->arena, r->org_id, r->param_id, t.id, &now) != 1)
			return HANDLER_ERROR;
		struct field_spec tspecs[N_TASK_FIELDS];
		task_specs(tspecs, &tc);
		struct form theirs;
		form_init(&theirs, tspecs, N_TASK_FIELDS);
		task_to_form(r, &theirs, &now);
		return task_page(r, &f, t.id, now.version, &theirs, T(PL_CONFLICT), 409);
	}
	if (rc == SAVE_NOT_FOUND || rc == SAVE_REFUSED) {
		form_error(&f, "owner", staff ? T(PL_BAD_REFS) : T(PL_ONLY_OWN));
		return task_page(r, &f, t.id, t.version, NULL, NULL, 422);
	}
	return respond_save(
	    r, rc,
	    plan_community_url(r, r->param_id,
	                       arena_printf(&r->arena, "/plan?klaar=opgeslagen#taak-%lld", t.id)));
}

int page_plan_task_delete_confirm(struct req *r)
{
	struct plan_task t;
	int found = plan_task_get(r->db, &r->arena, r->org_id, r->param_id, r->param_id2, &t);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	struct html h;
	page_begin(r, &h, T(PL_DELETE_TITLE));
	html(&h, "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph\">%s</p>",
	     T(PL_DELETE_TITLE), T_printf(&r->arena, PL_DELETE_TEXT, t.title));
	form_delete_confirm(
	    &h, r,
	    plan_community_url(r, r->param_id, arena_printf(&r->arena, "/plan/%lld/delete", t.id)),
	    t.version, T(PL_DELETE_CONFIRM),
	    plan_community_url(r, r->param_id, arena_printf(&r->arena, "/plan#taak-%lld", t.id)),
	    T(PL_CANCEL));
	page_end(r, &h, 200);
	return HANDLER_OK;
}

int page_plan_task_delete(struct req *r)
{
	enum save_result rc = plan_task_delete(r->db, r->org_id, r->person_id, r->param_id,
	                                       r->param_id2, req_form_id(r, "version"));
	return respond_save(r, rc, plan_community_url(r, r->param_id, "/plan?klaar=weggehaald"));
}
