/*
 * goals.c - the goals page of one community (step 5 and the roles of step
 * 6): the library's goal, the participants' goal and the shared goals with
 * their history of versions, the SMART subgoals under each shared goal
 * with their progress and measurements, and who does what (#afspraken).
 * Every change is a small form that posts and comes back to its place on
 * the page, so it all works without JavaScript. A conflict or a mistake
 * shows the page again with what was typed beside the field.
 */
#include <stdlib.h>
#include <string.h>

#include "../auth/roles.h"
#include "../core/community.h"
#include "../core/partner.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "goal_ui.h"
#include "pages.h"
#include "respond.h"

/* ---- the forms ---- */

#define N_GOAL_FIELDS 3

static void goal_specs(struct field_spec *s, int kind)
{
	s[0] = (struct field_spec){.name = "text",
	                           .label = TX(TXT_GOAL_TEXT_LIBRARY + kind),
	                           .hint = TX(TXT_GOAL_HINT_LIBRARY + kind),
	                           .kind = FIELD_TEXTAREA,
	                           .required = true,
	                           .max_len = 2000,
	                           .rows = 3};
	s[1] = (struct field_spec){
	    .name = "version", .label_text = FIELD_TEXTS(F_GOALS_VERSION_LABEL), .kind = FIELD_ID};
	s[2] = (struct field_spec){.name = "kind",
	                           .label = T(GOAL_KIND),
	                           .kind = FIELD_SELECT,
	                           .options = goal_kinds,
	                           .option_labels = T_ROW(GOAL_LIBRARY)};
}

#define N_MEASURE_FIELDS 3

static void measure_specs(struct field_spec *s)
{
	s[0] = (struct field_spec){.name = "measured_on",
	                           .label = T(MEAS_DATE),
	                           .kind = FIELD_DATE,
	                           .required = true,
	                           .max_len = 10};
	s[1] = (struct field_spec){.name = "value",
	                           .label = T(MEAS_VALUE),
	                           .kind = FIELD_TEXT,
	                           .required = true,
	                           .max_len = 20,
	                           .autocomplete = "off"};
	s[2] = (struct field_spec){.name = "note",
	                           .label = T(MEAS_NOTE),
	                           .kind = FIELD_TEXT,
	                           .max_len = 500,
	                           .autocomplete = "off"};
}

#define N_AGR_FIELDS 4

static void agreement_specs(struct field_spec *s)
{
	s[0] = (struct field_spec){.name = "side",
	                           .label = T(AGR_SIDE),
	                           .kind = FIELD_RADIO,
	                           .required = true,
	                           .options = agreement_sides,
	                           .option_labels = T_ROW(AGR_LIBRARY)};
	s[1] = (struct field_spec){.name = "text",
	                           .label = T(AGR_TEXT),
	                           .hint = T(AGR_TEXT_HINT),
	                           .kind = FIELD_TEXT,
	                           .required = true,
	                           .max_len = 500,
	                           .autocomplete = "off"};
	s[2] = (struct field_spec){.name = "agreed_with",
	                           .label = T(AGR_WITH),
	                           .hint = T(AGR_WITH_HINT),
	                           .kind = FIELD_TEXT,
	                           .max_len = 200,
	                           .autocomplete = "off"};
	s[3] = (struct field_spec){
	    .name = "agreed_on", .label = T(AGR_ON), .kind = FIELD_DATE, .max_len = 10};
}

/* The problem's form when it belongs at where, else NULL. */
static const struct goal_problem *at(const struct goal_problem *pb, const char *where)
{
	return pb && pb->where && strcmp(pb->where, where) == 0 ? pb : NULL;
}

/* The form to add (g NULL) or change goal g of kind k, with a problem shown at it. */
static void goal_form(struct req *r, struct html *h, long long community_id, int k,
                      const struct goal *g, const struct goal_problem *pb)
{
	struct field_spec specs[N_GOAL_FIELDS];
	goal_specs(specs, k);
	struct form own, *f = &own;
	if (pb && pb->form) {
		f = pb->form;
	} else {
		form_init(&own, specs, N_GOAL_FIELDS);
		if (g)
			form_set(&own, "text", g->text);
	}
	f->id_prefix = g ? arena_printf(&r->arena, "doel-%lld-", g->id)
	                 : arena_printf(&r->arena, "nieuw-%s-", goal_kinds[k]);
	if (pb && pb->message)
		page_notice(h, pb->theirs ? "warning" : "error", pb->message);
	if (pb && pb->theirs)
		html(h,
		     "<div class=\"kring-goal-theirs\"><p class=\"kring-small\">%s</p><p "
		     "class=\"utrecht-paragraph kring-pre\">%s</p></div>",
		     T(GOAL_THEIRS), pb->theirs);
	form_error_summary(h, f);
	form_begin(h, r,
	           g ? goal_url(r, community_id, arena_printf(&r->arena, "/%lld", g->id))
	             : goal_url(r, community_id, ""));
	/* a conflict: the newer version; a mistake: the version the person started from */
	long long typed = pb && pb->form ? form_value_id(pb->form, "version") : 0;
	form_version_field(h, pb && pb->version ? pb->version : typed ? typed : g ? g->version : 0);
	html(h, "<input type=\"hidden\" name=\"kind\" value=\"%s\">", goal_kinds[k]);
	form_field(h, f, "text");
	form_end(h, g ? T(GOAL_SAVE) : T(GOAL_ADD));
}

/* The text of a goal, who wrote it, its versions and (when allowed) its edit form. */
static void goal_block(struct req *r, struct html *h, long long community_id, int k,
                       const struct goal *g, const struct goal_version *all, size_t n_all,
                       bool can_write, const struct goal_problem *pb)
{
	const struct goal_version *vs = NULL;
	size_t n_vs = 0;
	for (size_t i = 0; i < n_all; i++)
		if (all[i].goal_id == g->id) {
			if (vs == NULL)
				vs = &all[i];
			n_vs++;
		}
	html(h, "<p class=\"utrecht-paragraph kring-goal-text kring-pre\">%s</p>", g->text);
	html(h, "<p class=\"kring-small kring-muted\">%s · %s</p>",
	     goal_who(r, g->who, g->who_is_amb), fmt_date(&r->arena, g->updated_at));
	if (n_vs > 1) {
		html(h, "<details class=\"kring-goal-history\"><summary>%s</summary><ol>",
		     TN_printf(&r->arena, GOAL_HISTORY, n_vs, n_vs));
		for (size_t i = 0; i < n_vs; i++)
			html(h,
			     "<li><p class=\"kring-small kring-muted\">%s · %s</p><p "
			     "class=\"kring-pre\">%s</p></li>",
			     T_printf(&r->arena, GOAL_VERSION, vs[i].version,
			              fmt_date(&r->arena, vs[i].at)),
			     goal_who(r, vs[i].who, vs[i].who_is_amb), vs[i].text);
		html(h, "</ol></details>");
	}
	if (!can_write)
		return;
	const struct goal_problem *here = at(pb, arena_printf(&r->arena, "doel-%lld", g->id));
	html(h, "<details class=\"kring-goal-edit\"%s><summary>%s</summary>", here ? " open" : "",
	     T(GOAL_EDIT));
	goal_form(r, h, community_id, k, g, here);
	html(h,
	     "<p class=\"kring-small\"><a class=\"utrecht-link kring-danger-link\" "
	     "href=\"%s\">%s</a></p>",
	     goal_url(r, community_id, arena_printf(&r->arena, "/%lld/delete", g->id)),
	     T(GOAL_DELETE));
	html(h, "</details>");
}

/* One measurement form of subgoal s. */
static void measurement_form(struct req *r, struct html *h, long long community_id,
                             const struct subgoal *s, const char *today,
                             const struct goal_problem *pb)
{
	struct field_spec specs[N_MEASURE_FIELDS];
	measure_specs(specs);
	struct form own, *f = &own;
	const struct goal_problem *here = at(pb, arena_printf(&r->arena, "meting-%lld", s->id));
	if (here && here->form) {
		f = here->form;
	} else {
		form_init(&own, specs, N_MEASURE_FIELDS);
		form_set(&own, "measured_on", today);
	}
	f->id_prefix = arena_printf(&r->arena, "meting-%lld-", s->id);
	html(h, "<details class=\"kring-measure-add\"%s><summary>%s</summary>", here ? " open" : "",
	     T(MEAS_ADD_TITLE));
	form_error_summary(h, f);
	form_begin(h, r,
	           arena_printf(&r->arena, "/o/%s/communities/%lld/subgoals/%lld/measurements",
	                        r->org_slug, community_id, s->id));
	html(h, "<div class=\"kring-form-row\">");
	form_field(h, f, "measured_on");
	form_field(h, f, "value");
	html(h, "</div>");
	form_field(h, f, "note");
	form_end(h, T(MEAS_ADD));
	html(h, "</details>");
}

static void subgoal_item(struct req *r, struct html *h, long long community_id,
                         const struct subgoal *s, const struct measurement *ms, size_t n_ms,
                         const char *today, bool can_edit, const struct goal_problem *pb)
{
	html(h,
	     "<li class=\"kring-subgoal\" id=\"subdoel-%lld\"><h4 "
	     "class=\"utrecht-heading-4\">%s</h4>"
	     "<p class=\"kring-small\">%s <span class=\"kring-muted\">%s</span></p>",
	     s->id, s->title, goal_measure_label(s), goal_who(r, s->who, s->who_is_amb));
	goal_progress_view(r, h, s, today, false);
	bool by_hand = strcmp(s->measure, "members") == 0 || strcmp(s->measure, "custom") == 0;
	size_t n_own = 0;
	for (size_t i = 0; i < n_ms; i++)
		n_own += ms[i].subgoal_id == s->id;
	if (n_own > 0) {
		html(
		    h,
		    "<details class=\"kring-measurements\"><summary>%s</summary><table "
		    "class=\"utrecht-table kring-table\"><thead "
		    "class=\"utrecht-table__header\"><tr "
		    "class=\"utrecht-table__row\"><th class=\"utrecht-table__header-cell\" "
		    "scope=\"col\">%s</th><th class=\"utrecht-table__header-cell\" scope=\"col\">%s"
		    "</th><th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>",
		    TN_printf(&r->arena, MEAS_COUNT, n_own, n_own), T(MEAS_DATE), T(MEAS_VALUE),
		    T(MEAS_NOTE));
		if (can_edit)
			html(h,
			     "<th class=\"utrecht-table__header-cell\" scope=\"col\"><span "
			     "class=\"kring-sr\">%s</span></th>",
			     T(MEAS_DELETE));
		html(h, "</tr></thead><tbody class=\"utrecht-table__body\">");
		for (size_t i = 0; i < n_ms; i++) {
			if (ms[i].subgoal_id != s->id)
				continue;
			html(h,
			     "<tr class=\"utrecht-table__row\"><td "
			     "class=\"utrecht-table__cell\">%s</td>"
			     "<td class=\"utrecht-table__cell\">%lld</td><td "
			     "class=\"utrecht-table__cell\">%s <span "
			     "class=\"kring-muted\">%s</span></td>",
			     ui_date(&r->arena, ms[i].measured_on), ms[i].value, ms[i].note,
			     goal_who(r, ms[i].who, ms[i].who_is_amb));
			if (can_edit)
				html(h,
				     "<td class=\"utrecht-table__cell\"><a class=\"utrecht-link\" "
				     "href=\"/o/%s/communities/%lld/measurements/%lld/"
				     "delete\">%s<span "
				     "class=\"kring-sr\">: %s</span></a></td>",
				     r->org_slug, community_id, ms[i].id, T(MEAS_DELETE),
				     ui_date(&r->arena, ms[i].measured_on));
			html(h, "</tr>");
		}
		html(h, "</tbody></table></details>");
	}
	if (can_edit) {
		if (by_hand)
			measurement_form(r, h, community_id, s, today, pb);
		else
			html(h, "<p class=\"kring-small kring-muted\">%s</p>",
			     T(MEAS_COUNTED_NOTE));
		html(h,
		     "<p class=\"kring-toolbar\"><a class=\"utrecht-link\" "
		     "href=\"/o/%s/communities/%lld/subgoals/%lld\">%s<span class=\"kring-sr\">: %s"
		     "</span></a> <a class=\"utrecht-link kring-danger-link\" "
		     "href=\"/o/%s/communities/%lld/subgoals/%lld/delete\">%s<span "
		     "class=\"kring-sr\">: "
		     "%s</span></a></p>",
		     r->org_slug, community_id, s->id, T(SUB_EDIT), s->title, r->org_slug,
		     community_id, s->id, T(SUB_DELETE), s->title);
	}
	html(h, "</li>");
}

static void agreements_section(struct req *r, struct html *h, long long community_id,
                               const struct agreement *ags, size_t n, bool can_edit,
                               const struct goal_problem *pb)
{
	html(h,
	     "<section class=\"kring-card\" id=\"afspraken\" aria-labelledby=\"h-afspraken\"><h2 "
	     "class=\"utrecht-heading-2\" id=\"h-afspraken\">%s</h2><p class=\"utrecht-paragraph "
	     "kring-small kring-muted\">%s</p><div class=\"kring-columns kring-columns--2\">",
	     T(AGR_TITLE), T(AGR_INTRO));
	for (int side = 0; side < 2; side++) {
		html(h, "<div><h3 class=\"utrecht-heading-3\">%s</h3>", TX(TXT_AGR_LIBRARY + side));
		bool any = false;
		for (size_t i = 0; i < n; i++) {
			if (strcmp(ags[i].side, agreement_sides[side]) != 0)
				continue;
			if (!any)
				html(h, "<ul class=\"kring-agreements\">");
			any = true;
			html(h,
			     "<li><p class=\"kring-agreement__text\">%s</p><p class=\"kring-small "
			     "kring-muted\">",
			     ags[i].text);
			if (ags[i].agreed_with[0])
				html(h, "%s ", T_printf(&r->arena, AGR_AGREED, ags[i].agreed_with));
			if (ags[i].agreed_on[0])
				html(h, "%s ",
				     T_printf(&r->arena, AGR_AGREED_ON,
				              ui_date(&r->arena, ags[i].agreed_on)));
			html(h, "(%s)</p>", goal_who(r, ags[i].who, ags[i].who_is_amb));
			if (can_edit) {
				ui_form(
				    h, r,
				    arena_printf(&r->arena,
				                 "/o/%s/communities/%lld/agreements/%lld/delete",
				                 r->org_slug, community_id, ags[i].id),
				    "kring-tool-form");
				html(h,
				     "<button class=\"kring-tool\" type=\"submit\">%s<span "
				     "class=\"kring-sr\">: %s</span></button></form>",
				     T(AGR_DELETE), ui_short(&r->arena, ags[i].text, 60));
			}
			html(h, "</li>");
		}
		if (any)
			html(h, "</ul>");
		else
			html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(AGR_NONE));
		html(h, "</div>");
	}
	html(h, "</div>");
	if (can_edit) {
		struct field_spec specs[N_AGR_FIELDS];
		agreement_specs(specs);
		struct form own, *f = &own;
		const struct goal_problem *here = at(pb, "afspraken");
		if (here && here->form) {
			f = here->form;
		} else {
			form_init(&own, specs, N_AGR_FIELDS);
			form_set(&own, "side", "library");
		}
		f->id_prefix = "afspraak-";
		html(h, "<h3 class=\"utrecht-heading-3\">%s</h3>", T(AGR_ADD_TITLE));
		form_error_summary(h, f);
		form_begin(h, r,
		           arena_printf(&r->arena, "/o/%s/communities/%lld/agreements", r->org_slug,
		                        community_id));
		form_field(h, f, "side");
		form_field(h, f, "text");
		html(h, "<div class=\"kring-form-row\">");
		form_field(h, f, "agreed_with");
		form_field(h, f, "agreed_on");
		html(h, "</div>");
		form_end(h, T(AGR_ADD));
	}
	html(h, "</section>");
}

int goals_page(struct req *r, const struct goal_problem *pb, unsigned status)
{
	struct community c;
	struct goal *goals;
	struct subgoal *subs;
	struct measurement *ms;
	struct agreement *ags;
	struct goal_version *vs;
	size_t n_goals, n_subs, n_ms, n_ags, n_vs;
	const char *today = partner_today(&r->arena);
	int found = community_get(r->db, &r->arena, r->org_id, r->param_id, &c);
	if (found == 0)
		return respond_not_found(r);
	if (found < 0 || goal_list(r->db, &r->arena, r->org_id, c.id, &goals, &n_goals) != 0 ||
	    goal_versions(r->db, &r->arena, r->org_id, c.id, 0, &vs, &n_vs) != 0 ||
	    subgoal_list(r->db, &r->arena, r->org_id, c.id, 0, today, &subs, &n_subs) != 0 ||
	    measurement_list(r->db, &r->arena, r->org_id, c.id, &ms, &n_ms) != 0 ||
	    agreement_list(r->db, &r->arena, r->org_id, c.id, &ags, &n_ags) != 0)
		return HANDLER_ERROR;
	bool can_edit = (r->role & ROLES_EDIT) != 0;
	struct html h;
	page_begin(r, &h, T_printf(&r->arena, GOAL_PAGE_TITLE, ui_short(&r->arena, c.name, 80)));
	html(
	    &h,
	    "<nav class=\"kring-crumbs\" aria-label=\"%s\"><a class=\"utrecht-link\" "
	    "href=\"/o/%s/communities\">%s</a> › <a class=\"utrecht-link\" href=\"%s\">%s</a></nav>"
	    "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	    "kring-lead\">%s</p>",
	    T(CRUMBS_LABEL), r->org_slug, T(PROFILE_BACK), ui_community_url(r, c.id, ""),
	    ui_short(&r->arena, c.name, 80),
	    T_printf(&r->arena, GOAL_PAGE_TITLE, ui_short(&r->arena, c.name, 80)), T(GOAL_INTRO));
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "opgeslagen") == 0)
		page_notice(&h, "ok", T(SAVED));
	else if (done && strcmp(done, "weggehaald") == 0)
		page_notice(&h, "ok", T(GOAL_REMOVED));
	if (!can_edit)
		html(&h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(GOAL_READ_ONLY));

	/* the library's goal and the participants' goal */
	html(&h, "<div class=\"kring-columns kring-columns--2\">");
	for (int k = 0; k < 2; k++) {
		const struct goal *g = NULL;
		for (size_t i = 0; i < n_goals && !g; i++)
			if (strcmp(goals[i].kind, goal_kinds[k]) == 0)
				g = &goals[i];
		bool can_write = goal_may_write(r->role, goal_kinds[k]) != 0;
		html(&h,
		     "<section class=\"kring-card\" id=\"doel-%s\" "
		     "aria-labelledby=\"h-doel-%s\"><h2 "
		     "class=\"utrecht-heading-2\" id=\"h-doel-%s\">%s</h2><p "
		     "class=\"utrecht-paragraph "
		     "kring-small kring-muted\">%s</p>",
		     goal_kinds[k], goal_kinds[k], goal_kinds[k], TX(TXT_GOAL_LIBRARY + k),
		     TX(TXT_GOAL_HINT_LIBRARY + k));
		if (g) {
			goal_block(r, &h, c.id, k, g, vs, n_vs, can_write, pb);
		} else {
			html(&h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(GOAL_NONE));
			if (can_write)
				goal_form(
				    r, &h, c.id, k, NULL,
				    at(pb, arena_printf(&r->arena, "nieuw-%s", goal_kinds[k])));
		}
		if (!can_write && can_edit)
			html(&h, "<p class=\"kring-small\">%s</p>", T(GOAL_STAFF_ONLY));
		html(&h, "</section>");
	}
	html(&h, "</div>");

	/* the shared goals with their SMART subgoals */
	html(&h,
	     "<section class=\"kring-card\" id=\"gezamenlijk\" "
	     "aria-labelledby=\"h-gezamenlijk\"><h2 "
	     "class=\"utrecht-heading-2\" id=\"h-gezamenlijk\">%s</h2><p class=\"utrecht-paragraph "
	     "kring-small kring-muted\">%s</p>",
	     T(GOAL_SHARED), T(GOAL_HINT_SHARED));
	size_t n_shared = 0;
	for (size_t i = 0; i < n_goals; i++) {
		if (strcmp(goals[i].kind, "shared") != 0)
			continue;
		n_shared++;
		html(&h,
		     "<article class=\"kring-goal\" id=\"doel-%lld\" "
		     "aria-labelledby=\"h-g%lld\"><h3 "
		     "class=\"utrecht-heading-3\" id=\"h-g%lld\">%s</h3>",
		     goals[i].id, goals[i].id, goals[i].id,
		     T_printf(&r->arena, GOAL_SHARED_N, n_shared));
		goal_block(r, &h, c.id, 2, &goals[i], vs, n_vs, can_edit, pb);
		html(&h, "<h4 class=\"utrecht-heading-4\">%s</h4>", T(SUB_LIST_TITLE));
		bool any = false;
		for (size_t j = 0; j < n_subs; j++) {
			if (subs[j].goal_id != goals[i].id)
				continue;
			if (!any)
				html(&h, "<ul class=\"kring-subgoals\">");
			any = true;
			subgoal_item(r, &h, c.id, &subs[j], ms, n_ms, today, can_edit, pb);
		}
		if (any)
			html(&h, "</ul>");
		else
			html(&h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(SUB_NONE));
		if (can_edit)
			html(&h,
			     "<p><a class=\"utrecht-button utrecht-button--secondary-action "
			     "kring-button-link\" "
			     "href=\"/o/%s/communities/%lld/subgoals/new?doel=%lld\">%s"
			     "</a></p>",
			     r->org_slug, c.id, goals[i].id, T(SUB_ADD));
		html(&h, "</article>");
	}
	if (n_shared == 0)
		html(&h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(GOAL_SHARED_NONE));
	if (can_edit) {
		html(&h, "<h3 class=\"utrecht-heading-3\" id=\"nieuw-doel\">%s</h3>",
		     T(GOAL_NEW_SHARED));
		goal_form(r, &h, c.id, 2, NULL, at(pb, "nieuw-shared"));
	}
	html(&h, "</section>");
	agreements_section(r, &h, c.id, ags, n_ags, can_edit, pb);
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_goals(struct req *r)
{
	return goals_page(r, NULL, 200);
}

/* Back to the goals page at anchor, with a notice. */
static int back(struct req *r, const char *done, const char *anchor)
{
	resp_redirect(
	    r, goal_url(r, r->param_id, arena_printf(&r->arena, "?klaar=%s#%s", done, anchor)));
	return HANDLER_OK;
}

/* ---- goals ---- */

int page_goal_add(struct req *r)
{
	struct field_spec specs[N_GOAL_FIELDS];
	goal_specs(specs, 2);
	struct form f;
	bool ok = form_read(r, &f, specs, N_GOAL_FIELDS);
	int k = vocab_index(goal_kinds, form_value(&f, "kind"));
	if (k < 0)
		k = 2;
	goal_specs(specs, k); /* the labels of its kind */
	if (!goal_may_write(r->role, goal_kinds[k])) {
		resp_error(r, 403);
		return HANDLER_OK;
	}
	struct goal_problem pb = {.where = arena_printf(&r->arena, "nieuw-%s", goal_kinds[k]),
	                          .form = &f};
	if (!ok)
		return goals_page(r, &pb, 422);
	long long id = 0;
	enum save_result rc = goal_add(r->db, r->org_id, r->person_id, r->role, r->param_id,
	                               goal_kinds[k], form_value(&f, "text"), &id);
	if (rc == SAVE_CONFLICT) { /* someone wrote this goal meanwhile: show theirs, keep ours */
		struct goal *goals;
		size_t n;
		if (goal_list(r->db, &r->arena, r->org_id, r->param_id, &goals, &n) != 0)
			return HANDLER_ERROR;
		for (size_t i = 0; i < n; i++)
			if (strcmp(goals[i].kind, goal_kinds[k]) == 0) {
				pb.where = arena_printf(&r->arena, "doel-%lld", goals[i].id);
				pb.theirs = goals[i].text;
				pb.version = goals[i].version;
			}
		pb.message = T(GOAL_CONFLICT);
		return goals_page(r, &pb, 409);
	}
	if (rc != SAVE_OK)
		return respond_failed(r, rc);
	return back(r, "opgeslagen",
	            k == 2 ? arena_printf(&r->arena, "doel-%lld", id)
	                   : arena_printf(&r->arena, "doel-%s", goal_kinds[k]));
}

int page_goal_save(struct req *r)
{
	struct goal g;
	int found = goal_get(r->db, &r->arena, r->org_id, r->param_id, r->param_id2, &g);
	if (found < 0)
		return HANDLER_ERROR;
	int k = found ? vocab_index(goal_kinds, g.kind) : 2;
	struct field_spec specs[N_GOAL_FIELDS];
	goal_specs(specs, k < 0 ? 2 : k);
	struct form f;
	bool ok = form_read(r, &f, specs, N_GOAL_FIELDS);
	if (found == 0) { /* deleted meanwhile, or not this community's: keep the text */
		if (form_value(&f, "text")[0] == '\0')
			return respond_not_found(r);
		struct goal_problem pb = {
		    .where = "nieuw-shared", .form = &f, .message = T(GOAL_GONE)};
		return goals_page(r, &pb, 404);
	}
	if (!goal_may_write(r->role, g.kind)) {
		resp_error(r, 403);
		return HANDLER_OK;
	}
	struct goal_problem pb = {.where = arena_printf(&r->arena, "doel-%lld", g.id), .form = &f};
	if (!ok)
		return goals_page(r, &pb, 422);
	enum save_result rc =
	    goal_update(r->db, r->org_id, r->person_id, r->role, r->param_id, g.id,
	                form_value(&f, "text"), form_value_id(&f, "version"));
	if (rc == SAVE_CONFLICT) {
		if (goal_get(r->db, &r->arena, r->org_id, r->param_id, g.id, &g) != 1)
			return HANDLER_ERROR;
		pb.theirs = g.text;
		pb.version = g.version;
		pb.message = T(GOAL_CONFLICT);
		return goals_page(r, &pb, 409);
	}
	if (rc != SAVE_OK)
		return respond_failed(r, rc);
	return back(r, "opgeslagen",
	            strcmp(g.kind, "shared") == 0 ? pb.where
	                                          : arena_printf(&r->arena, "doel-%s", g.kind));
}

int page_goal_delete_confirm(struct req *r)
{
	struct goal g;
	int found = goal_get(r->db, &r->arena, r->org_id, r->param_id, r->param_id2, &g);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	if (!goal_may_write(r->role, g.kind)) {
		resp_error(r, 403);
		return HANDLER_OK;
	}
	struct html h;
	page_begin(r, &h, T(GOAL_DELETE_TITLE));
	html(&h, "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph\">%s</p>",
	     T(GOAL_DELETE_TITLE),
	     T_printf(&r->arena, GOAL_DELETE_TEXT, ui_short(&r->arena, g.text, 200)));
	form_delete_confirm(
	    &h, r, goal_url(r, r->param_id, arena_printf(&r->arena, "/%lld/delete", g.id)),
	    g.version, T(GOAL_DELETE_CONFIRM), goal_url(r, r->param_id, ""), T(GOAL_DELETE_CANCEL));
	page_end(r, &h, 200);
	return HANDLER_OK;
}

int page_goal_delete(struct req *r)
{
	long long version = req_form_id(r, "version");
	enum save_result rc = goal_delete(r->db, r->org_id, r->person_id, r->role, r->param_id,
	                                  r->param_id2, version);
	if (rc == SAVE_REFUSED) {
		resp_error(r, 403);
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return respond_failed(r, rc);
	return back(r, "weggehaald", "gezamenlijk");
}

/* ---- step 6: who does what ---- */

int page_agreement_add(struct req *r)
{
	struct field_spec specs[N_AGR_FIELDS];
	agreement_specs(specs);
	struct form f;
	struct goal_problem pb = {.where = "afspraken", .form = &f};
	if (!form_read(r, &f, specs, N_AGR_FIELDS))
		return goals_page(r, &pb, 422);
	struct agreement ag = {.side = form_value(&f, "side"),
	                       .text = form_value(&f, "text"),
	                       .agreed_with = form_value(&f, "agreed_with"),
	                       .agreed_on = form_value(&f, "agreed_on")};
	enum save_result rc = agreement_add(r->db, r->org_id, r->person_id, r->param_id, &ag);
	if (rc != SAVE_OK)
		return respond_failed(r, rc);
	return back(r, "opgeslagen", "afspraken");
}

int page_agreement_delete(struct req *r)
{
	enum save_result rc =
	    agreement_delete(r->db, r->org_id, r->person_id, r->param_id, r->param_id2);
	if (rc != SAVE_OK)
		return respond_failed(r, rc);
	return back(r, "opgeslagen", "afspraken");
}
