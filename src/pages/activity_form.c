/*
 * activity_form.c - recording an activity (quick on a phone: only title,
 * date, community and voor/met/door are needed; the rest folds open) and
 * changing one, with the conflict view. A DOOR action of werkblad 3 opens
 * the form filled in (?item=<id>&community=<id>).
 */
#include <stdlib.h>
#include <string.h>

#include "../auth/roles.h"
#include "../core/community.h"
#include "../core/partner.h"
#include "../i18n/text.h"
#include "../web/form.h"
#include "../web/layout.h"
#include "activity_ui.h"
#include "community_ui.h"
#include "energy_ui.h"
#include "pages.h"
#include "public_ui.h" /* public (issue 13) */
#include "partner_ui.h"
#include "respond.h"

#define N_ACT_FIELDS 14

static void act_specs(struct field_spec *s, const struct act_choices *c)
{
	s[0] = (struct field_spec){.name = "title",
	                           .label = T(AF_TITLE),
	                           .hint = T(AF_TITLE_HINT),
	                           .kind = FIELD_TEXT,
	                           .required = true,
	                           .max_len = ACTIVITY_TITLE_MAX,
	                           .autocomplete = "off"};
	s[1] = (struct field_spec){.name = "held_on",
	                           .label = T(AF_DATE),
	                           .kind = FIELD_DATE,
	                           .required = true,
	                           .max_len = 10};
	s[2] = (struct field_spec){.name = "starts_at",
	                           .label = T(AF_STARTS),
	                           .hint = T(AF_TIME_HINT),
	                           .kind = FIELD_TEXT,
	                           .max_len = 5,
	                           .autocomplete = "off"};
	s[3] = (struct field_spec){.name = "ends_at",
	                           .label = T(AF_ENDS),
	                           .hint = T(AF_TIME_HINT),
	                           .kind = FIELD_TEXT,
	                           .max_len = 5,
	                           .autocomplete = "off"};
	s[4] = (struct field_spec){.name = "made",
	                           .label = T(AF_MADE),
	                           .kind = FIELD_RADIO,
	                           .required = true,
	                           .options = activity_mades,
	                           .option_labels = T_ROW(MADE_VOOR),
	                           .option_hints = T_ROW(MADE_HINT_VOOR)};
	s[5] = (struct field_spec){.name = "branch",
	                           .label = T(AF_BRANCH),
	                           .hint = T(AF_BRANCH_HINT),
	                           .kind = FIELD_SELECT,
	                           .max_len = 20,
	                           .options = c->branch_values,
	                           .option_labels = c->branch_labels};
	s[6] = (struct field_spec){.name = "place",
	                           .label = T(AF_PLACE),
	                           .hint = T(AF_PLACE_HINT),
	                           .kind = FIELD_TEXT,
	                           .max_len = 200};
	s[7] = (struct field_spec){.name = "participants",
	                           .label = T(AF_PARTICIPANTS),
	                           .hint = T(AF_PARTICIPANTS_HINT),
	                           .kind = FIELD_TEXT,
	                           .max_len = 20,
	                           .autocomplete = "off"};
	s[8] = (struct field_spec){.name = "outcome",
	                           .label = T(AF_OUTCOME),
	                           .hint = T(AF_OUTCOME_HINT),
	                           .kind = FIELD_TEXTAREA,
	                           .max_len = 5000,
	                           .rows = 3};
	s[9] = (struct field_spec){.name = "follow_up",
	                           .label = T(AF_FOLLOW_UP),
	                           .hint = T(AF_FOLLOW_UP_HINT),
	                           .kind = FIELD_TEXTAREA,
	                           .max_len = 2000,
	                           .rows = 2};
	s[10] = (struct field_spec){.name = "status",
	                            .label = T(AF_STATUS),
	                            .kind = FIELD_SELECT,
	                            .max_len = 10,
	                            .options = activity_statuses,
	                            .option_labels = T_ROW(ACT_STATUS_PLANNED)};
	s[11] = (struct field_spec){.name = "version",
	                            .label_text = FIELD_TEXTS(F_ACTIVITY_FORM_VERSION_LABEL),
	                            .kind = FIELD_ID};
	s[12] = (struct field_spec){.name = "item",
	                            .label_text = FIELD_TEXTS(F_ACTIVITY_FORM_ITEM_LABEL),
	                            .kind = FIELD_ID};
	s[13] = energy_field_spec(); /* instruments: "waar de energie zit" */
}

/* The ids ticked in the form (or stored), and the errors beside those groups. */
struct act_ticks {
	long long communities[ACTIVITY_MAX_REFS], staff[ACTIVITY_MAX_REFS],
	    partners[ACTIVITY_MAX_REFS];
	size_t n_communities, n_staff, n_partners;
	const char *communities_error, *staff_error, *partners_error;
};

/* The participant count typed: -1 for none, -2 for something that is no count. */
static long long parse_count(const char *s)
{
	if (s[0] == '\0')
		return -1;
	long long v = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9' || p - s >= 7)
			return -2;
		v = v * 10 + (*p - '0');
	}
	return v <= ACTIVITY_MAX_PARTICIPANTS ? v : -2;
}

static struct activity_ref *refs_of(struct req *r, const long long *ids, size_t n)
{
	struct activity_ref *v = arena_alloc(&r->arena, (n + 1) * sizeof(*v));
	for (size_t i = 0; i < n; i++)
		v[i] = (struct activity_ref){.id = ids[i], .name = ""};
	return v;
}

static struct activity act_from_form(struct req *r, const struct form *f, const struct act_ticks *t)
{
	struct activity a = {0};
	a.title = form_value(f, "title");
	a.held_on = form_value(f, "held_on");
	a.starts_at = form_value(f, "starts_at");
	a.ends_at = form_value(f, "ends_at");
	a.made = form_value(f, "made");
	a.branch_id = form_value_id(f, "branch");
	a.place = form_value(f, "place");
	a.participants = parse_count(form_value(f, "participants"));
	a.outcome = form_value(f, "outcome");
	a.follow_up = form_value(f, "follow_up");
	a.status = form_value(f, "status");
	a.version = form_value_id(f, "version");
	a.source_item_id = form_value_id(f, "item");
	a.communities = refs_of(r, t->communities, t->n_communities);
	a.n_communities = t->n_communities;
	a.staff = refs_of(r, t->staff, t->n_staff);
	a.n_staff = t->n_staff;
	a.partners = refs_of(r, t->partners, t->n_partners);
	a.n_partners = t->n_partners;
	return a;
}

static void act_to_form(struct req *r, struct form *f, struct act_ticks *t,
                        const struct activity *a)
{
	form_set(f, "title", a->title);
	form_set(f, "held_on", a->held_on);
	form_set(f, "starts_at", a->starts_at);
	form_set(f, "ends_at", a->ends_at);
	form_set(f, "made", a->made);
	form_set(f, "branch", a->branch_id ? arena_printf(&r->arena, "%lld", a->branch_id) : "");
	form_set(f, "place", a->place);
	form_set(f, "participants",
	         a->participants >= 0 ? arena_printf(&r->arena, "%lld", a->participants) : "");
	form_set(f, "outcome", a->outcome);
	form_set(f, "follow_up", a->follow_up);
	form_set(f, "status", a->status);
	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i < a->n_communities && i < ACTIVITY_MAX_REFS; i++)
		t->communities[t->n_communities++] = a->communities[i].id;
	for (size_t i = 0; i < a->n_staff && i < ACTIVITY_MAX_REFS; i++)
		t->staff[t->n_staff++] = a->staff[i].id;
	for (size_t i = 0; i < a->n_partners && i < ACTIVITY_MAX_REFS; i++)
		t->partners[t->n_partners++] = a->partners[i].id;
}

static void ticks_read(struct req *r, struct act_ticks *t)
{
	memset(t, 0, sizeof(*t));
	t->n_communities = ui_form_ids(r, "community", t->communities, ACTIVITY_MAX_REFS);
	t->n_staff = ui_form_ids(r, "staff", t->staff, ACTIVITY_MAX_REFS);
	t->n_partners = ui_form_ids(r, "partner", t->partners, ACTIVITY_MAX_REFS);
}

/*
 * The new/edit page. id 0 is a new activity; theirs (with its ticks) is
 * what someone else saved meanwhile; gone: it was deleted meanwhile.
 */
static int act_form_page(struct req *r, const struct act_choices *c, struct form *f,
                         const struct act_ticks *t, long long id, long long version,
                         const struct form *theirs, bool gone, unsigned status)
{
	struct html h;
	const char *title = id ? T(ACT_EDIT_TITLE) : T(ACT_NEW_TITLE);
	page_begin(r, &h, title);
	html(&h,
	     "<div class=\"kring-narrow\"><nav class=\"kring-crumbs\" aria-label=\"%s\"><a "
	     "class=\"utrecht-link\" href=\"%s\">%s</a>",
	     T(CRUMBS_LABEL), ui_activity_url(r, 0, ""), T(ACTS_TITLE));
	if (id && !gone)
		html(&h, " › <a class=\"utrecht-link\" href=\"%s\">%s</a>",
		     ui_activity_url(r, id, ""),
		     ui_short(&r->arena,
		              theirs ? form_value(theirs, "title") : form_value(f, "title"), 80));
	html(&h,
	     "</nav><h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     title, id ? T(ACT_EDIT_INTRO) : T(ACT_NEW_INTRO));
	if (gone)
		page_notice(&h, "error", T(ACT_GONE));
	if (theirs) {
		page_notice(&h, "warning", T(CONFLICT));
		ui_conflict_table(&h, f, theirs);
	}
	form_error_summary(&h, f);
	if (t->communities_error || t->staff_error || t->partners_error)
		page_notice(&h, "error",
		            t->communities_error ? t->communities_error
		            : t->staff_error     ? t->staff_error
		                                 : t->partners_error);
	form_begin(&h, r, id ? ui_activity_url(r, id, "/edit") : ui_activity_url(r, 0, "/new"));
	form_version_field(&h, version);
	if (form_value_id(f, "item"))
		html(&h, "<input type=\"hidden\" name=\"item\" value=\"%lld\">",
		     form_value_id(f, "item"));
	form_field(&h, f, "title");
	form_field(&h, f, "held_on");
	ui_id_checks(r, &h, "community", T(AF_COMMUNITIES), T(AF_COMMUNITIES_HINT),
	             t->communities_error, false, c->communities, c->n_communities, t->communities,
	             t->n_communities);
	form_field(&h, f, "made");
	form_field(&h, f, "participants");
	if (id)
		form_field(&h, f, "status");
	form_field(&h, f, "energy");
	bool more = id != 0 || form_value(f, "starts_at")[0] || form_value(f, "ends_at")[0] ||
	            form_value(f, "branch")[0] || form_value(f, "place")[0] ||
	            form_value(f, "outcome")[0] || form_value(f, "follow_up")[0] || t->n_staff ||
	            t->n_partners || t->staff_error || t->partners_error;
	html(&h,
	     "<details class=\"kring-details\"%s><summary class=\"kring-details__summary\">%s"
	     "</summary><div class=\"kring-form-row\">",
	     more ? " open" : "", T(AF_MORE));
	form_field(&h, f, "starts_at");
	form_field(&h, f, "ends_at");
	html(&h, "</div>");
	form_field(&h, f, "branch");
	form_field(&h, f, "place");
	ui_id_checks(r, &h, "staff", T(AF_STAFF), T(AF_STAFF_HINT), t->staff_error, true, c->staff,
	             c->n_staff, t->staff, t->n_staff);
	ui_id_checks(r, &h, "partner", T(AF_PARTNERS), T(AF_PARTNERS_HINT), t->partners_error, true,
	             c->partners, c->n_partners, t->partners, t->n_partners);
	form_field(&h, f, "outcome");
	form_field(&h, f, "follow_up");
	html(&h, "</details>");
	/* public (issue 13): the activity on the public page */
	const char *pub = req_form(r, "openbaar");
	public_activity_field(&h, strcmp(r->method, "POST") == 0
	                              ? pub != NULL && strcmp(pub, "1") == 0
	                              : id && public_activity_get(r->db, r->org_id, id) == 1);
	form_end(&h, id ? T(SAVE) : T(ACT_CREATE_BUTTON));
	html(&h, "</div>");
	page_end(r, &h, status);
	return HANDLER_OK;
}

/* Puts the problem core found beside its field. */
static void problem_to_form(struct form *f, struct act_ticks *t, enum activity_problem why)
{
	switch (why) {
	case ACT_BAD_TITLE:
		form_error(f, "title", T(ACT_ERR_TITLE));
		break;
	case ACT_BAD_DATE:
		form_error(f, "held_on", T(ACT_ERR_DATE));
		break;
	case ACT_BAD_TIME:
		form_error(f, "ends_at", T(ACT_ERR_TIME));
		break;
	case ACT_BAD_MADE:
		form_error(f, "made", T(ACT_ERR_MADE));
		break;
	case ACT_BAD_COUNT:
		form_error(f, "participants", T(ACT_ERR_COUNT));
		break;
	case ACT_NO_COMMUNITY:
		t->communities_error = T(ACT_ERR_NO_COMMUNITY);
		break;
	case ACT_FOREIGN_COMMUNITY:
	case ACT_FOREIGN_ITEM:
		t->communities_error = T(ACT_ERR_COMMUNITY);
		break;
	case ACT_FOREIGN_BRANCH:
		form_error(f, "branch", T(ACT_ERR_BRANCH));
		break;
	case ACT_FOREIGN_STAFF:
		t->staff_error = T(ACT_ERR_STAFF);
		break;
	case ACT_FOREIGN_PARTNER:
		t->partners_error = T(ACT_ERR_PARTNER);
		break;
	case ACT_OK:
		break;
	}
}

/* Checks in the page what core checks too, to show every problem at once. */
static bool act_check(struct form *f, struct act_ticks *t)
{
	bool ok = f->n_errors == 0;
	if (parse_count(form_value(f, "participants")) == -2) {
		form_error(f, "participants", T(ACT_ERR_COUNT));
		ok = false;
	}
	if (!activity_time_valid(form_value(f, "starts_at")) ||
	    !activity_time_valid(form_value(f, "ends_at"))) {
		form_error(f, "starts_at", T(ACT_ERR_TIME));
		ok = false;
	}
	if (t->n_communities == 0) {
		t->communities_error = T(ACT_ERR_NO_COMMUNITY);
		ok = false;
	}
	return ok;
}

int page_activity_new(struct req *r)
{
	struct act_choices c;
	if (ui_act_choices(r, &c, true) != 0)
		return HANDLER_ERROR;
	struct field_spec specs[N_ACT_FIELDS];
	act_specs(specs, &c);
	struct form f;
	form_init(&f, specs, N_ACT_FIELDS);
	struct act_ticks t = {0};
	form_set(&f, "held_on", partner_today(&r->arena));
	/* from a community's page: that community is ticked (if it may be chosen) */
	long long cid = req_query_id(r, "community");
	for (size_t i = 0; cid && i < c.n_communities; i++)
		if (c.communities[i].id == cid)
			t.communities[t.n_communities++] = cid;
	if (c.n_communities == 1 && t.n_communities == 0)
		t.communities[t.n_communities++] = c.communities[0].id;
	/* from a DOOR action marked gedaan: door, its text as title */
	long long item = req_query_id(r, "item");
	struct community_item it;
	if (item && t.n_communities == 1) {
		int found =
		    community_item_get(r->db, &r->arena, r->org_id, t.communities[0], item, &it);
		if (found < 0)
			return HANDLER_ERROR;
		if (found == 1 && strcmp(it.kind, "door") == 0) {
			form_set(&f, "title", ui_short(&r->arena, it.text, ACTIVITY_TITLE_MAX - 1));
			form_set(&f, "made", "door");
			form_set(&f, "item", arena_printf(&r->arena, "%lld", item));
		}
	}
	return act_form_page(r, &c, &f, &t, 0, 0, NULL, false, 200);
}

int page_activity_create(struct req *r)
{
	struct act_choices c;
	if (ui_act_choices(r, &c, true) != 0)
		return HANDLER_ERROR;
	struct field_spec specs[N_ACT_FIELDS];
	act_specs(specs, &c);
	struct form f;
	form_read(r, &f, specs, N_ACT_FIELDS);
	struct act_ticks t;
	ticks_read(r, &t);
	if (!act_check(&f, &t))
		return act_form_page(r, &c, &f, &t, 0, 0, NULL, false, 422);
	struct activity a = act_from_form(r, &f, &t);
	a.status = ""; /* a new one: planned or held by its date and count */
	long long id = 0;
	enum activity_problem why = ACT_OK;
	enum save_result rc =
	    activity_create(r->db, r->org_id, r->person_id, r->only_attached, &a, &id, &why);
	if (rc == SAVE_NOT_FOUND || rc == SAVE_REFUSED) {
		problem_to_form(&f, &t, why);
		return act_form_page(r, &c, &f, &t, 0, 0, NULL, false, 422);
	}
	rc = energy_after_save(r, rc, ENERGY_ACTIVITY, id, &f);
	if (rc == SAVE_OK && public_activity_field_save(r, id) != SAVE_OK) /* public (issue 13) */
		return HANDLER_ERROR;
	return respond_save(r, rc, ui_activity_url(r, id, "?klaar=nieuw"));
}

int page_activity_edit(struct req *r)
{
	struct activity a;
	int found = activity_get(r->db, &r->arena, r->org_id, r->only_attached, r->param_id, &a);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	struct act_choices c;
	if (ui_act_choices(r, &c, true) != 0)
		return HANDLER_ERROR;
	struct field_spec specs[N_ACT_FIELDS];
	act_specs(specs, &c);
	struct form f;
	form_init(&f, specs, N_ACT_FIELDS);
	struct act_ticks t;
	act_to_form(r, &f, &t, &a);
	int energy = 0;
	if (energy_get(r->db, r->org_id, ENERGY_ACTIVITY, a.id, &energy) < 0)
		return HANDLER_ERROR;
	energy_to_form(r, &f, energy);
	return act_form_page(r, &c, &f, &t, a.id, a.version, NULL, false, 200);
}

int page_activity_save(struct req *r)
{
	struct act_choices c;
	if (ui_act_choices(r, &c, true) != 0)
		return HANDLER_ERROR;
	struct field_spec specs[N_ACT_FIELDS];
	act_specs(specs, &c);
	struct form f;
	form_read(r, &f, specs, N_ACT_FIELDS);
	struct act_ticks t;
	ticks_read(r, &t);
	struct activity now;
	int found = activity_get(r->db, &r->arena, r->org_id, r->only_attached, r->param_id, &now);
	if (found < 0)
		return HANDLER_ERROR;
	long long version = form_value_id(&f, "version");
	if (found == 0) { /* another org's id, or deleted meanwhile: keep the text in view */
		if (form_value(&f, "title")[0] == '\0')
			return respond_not_found(r);
		return act_form_page(r, &c, &f, &t, r->param_id, version, NULL, true, 404);
	}
	if (!act_check(&f, &t))
		return act_form_page(r, &c, &f, &t, now.id, version, NULL, false, 422);
	struct activity a = act_from_form(r, &f, &t);
	a.id = now.id;
	a.source_item_id = now.source_item_id;
	if (strcmp(a.status, "planned") == 0 && a.participants >= 0)
		a.status = "held"; /* a count says it took place */
	enum activity_problem why = ACT_OK;
	enum save_result rc =
	    activity_update(r->db, r->org_id, r->person_id, r->only_attached, &a, &why);
	if (rc == SAVE_CONFLICT) {
		if (activity_get(r->db, &r->arena, r->org_id, r->only_attached, a.id, &now) != 1)
			return HANDLER_ERROR;
		struct field_spec tspecs[N_ACT_FIELDS];
		act_specs(tspecs, &c);
		struct form theirs;
		form_init(&theirs, tspecs, N_ACT_FIELDS);
		struct act_ticks tt;
		act_to_form(r, &theirs, &tt, &now);
		int energy = 0;
		if (energy_get(r->db, r->org_id, ENERGY_ACTIVITY, a.id, &energy) < 0)
			return HANDLER_ERROR;
		energy_to_form(r, &theirs, energy);
		return act_form_page(r, &c, &f, &t, a.id, now.version, &theirs, false, 409);
	}
	if (rc == SAVE_NOT_FOUND || rc == SAVE_REFUSED) {
		problem_to_form(&f, &t, why);
		return act_form_page(r, &c, &f, &t, a.id, version, NULL, false, 422);
	}
	rc = energy_after_save(r, rc, ENERGY_ACTIVITY, a.id, &f);
	if (rc == SAVE_OK && public_activity_field_save(r, a.id) != SAVE_OK) /* public (issue 13) */
		return HANDLER_ERROR;
	return respond_save(r, rc, ui_activity_url(r, a.id, "?klaar=opgeslagen"));
}
