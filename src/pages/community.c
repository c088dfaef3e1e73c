/*
 * community.c - one community's page: the profile of werkblad 2 with its
 * status history, sterktes and behoeften, the OF / BY / FOR actions of
 * werkblad 3, the staff in their roles with the signals about them, and
 * the ambassadeurs. Every list is changed with small forms that post and
 * come back to the same place on the page (#anchor), so it all works
 * without JavaScript; assets/kring.js only saves the page reload.
 */
#include <stdlib.h>
#include <string.h>

#include "../auth/roles.h"
#include "../core/community.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "community_page.h"
#include "activity_ui.h"
#include "community_ui.h"
#include "energy_ui.h"    /* instruments: energy trend, pulse link */
#include "goal_ui.h"      /* goals: the Doelen section */
#include "knowledge_ui.h" /* knowledge (issue 11): the Kennis section */
#include "pages.h"
#include "respond.h"
#include "partner_ui.h"
#include "signal_ui.h"
#include "plan_ui.h" /* plan: the cycle, POST-O and plan block */

void community_done_notice(struct req *r, struct html *h, const char *where)
{
	const char *bij = req_query(r, "bij");
	const char *done = req_query(r, "klaar");
	if (bij == NULL || done == NULL || strcmp(bij, where) != 0)
		return;
	static const struct {
		const char *key;
		int text;
	} map[] = {
	    {"toegevoegd", TXT_ITEM_ADDED},   {"verplaatst", TXT_ITEM_MOVED},
	    {"opgeslagen", TXT_ITEM_SAVED},   {"weggehaald", TXT_ITEM_DELETED},
	    {"gekoppeld", TXT_STAFF_ADDED},   {"ontkoppeld", TXT_STAFF_REMOVED},
	    {"amb-gekoppeld", TXT_AMB_ADDED}, {"amb-ontkoppeld", TXT_AMB_REMOVED},
	};
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i].key, done) == 0)
			page_notice(h, "ok", text_nl[map[i].text]);
}

/* A <select> of people (id, name) named name, with a label. */
static void person_select(struct html *h, const char *id, const char *label, const struct member *m,
                          size_t n)
{
	html(h,
	     "<div class=\"kring-add__field\"><label class=\"utrecht-form-label\" for=\"%s\">%s"
	     "</label><select class=\"utrecht-select\" id=\"%s\" name=\"person\">",
	     id, label, id);
	for (size_t i = 0; i < n; i++)
		html(h, "<option value=\"%lld\">%s</option>", m[i].person_id, m[i].name);
	html(h, "</select></div>");
}

static void staff_section(struct req *r, struct html *h, const struct community *c,
                          const struct community_person *staff, size_t n_staff,
                          const struct member *cand, size_t n_cand, const struct problem *pb)
{
	bool can_staff = (r->role & ROLES_STAFF) != 0;
	html(h,
	     "<section class=\"kring-card\" id=\"medewerkers\" data-kring-region "
	     "aria-labelledby=\"h-medewerkers\"><h2 class=\"utrecht-heading-2\" "
	     "id=\"h-medewerkers\" tabindex=\"-1\">%s</h2><p class=\"utrecht-paragraph "
	     "kring-small kring-muted\">%s</p>",
	     T(STAFF_TITLE), T(STAFF_INTRO));
	community_done_notice(r, h, "medewerkers");
	if (pb && pb->section && strcmp(pb->section, "medewerkers") == 0)
		page_notice(h, "error", pb->message);
	html(h, "<dl class=\"kring-roles\">");
	for (int k = 0; k < COMMUNITY_N_ROLES; k++) {
		const char *role = community_staff_roles[k];
		html(h,
		     "<div class=\"kring-role\"><dt><span class=\"kring-role__name\">%s</span> "
		     "<span class=\"kring-role__hint\">%s</span></dt>",
		     text_nl[TXT_STAFF_BOUWER + k], text_nl[TXT_STAFF_HINT_BOUWER + k]);
		bool any = false;
		for (size_t i = 0; i < n_staff; i++) {
			if (strcmp(staff[i].role, role) != 0)
				continue;
			any = true;
			html(h, "<dd class=\"kring-role__person\"><span>%s</span>", staff[i].name);
			if (can_staff) {
				ui_form(
				    h, r,
				    ui_community_url(
				        r, c->id,
				        arena_printf(&r->arena, "/staff/%lld/remove", staff[i].id)),
				    "kring-tool-form");
				html(h,
				     "<button class=\"kring-tool\" type=\"submit\">%s<span "
				     "class=\"kring-sr\">: %s</span></button></form>",
				     T(STAFF_REMOVE),
				     T_printf(&r->arena, PERSON_WITH_ROLE, staff[i].name,
				              text_nl[TXT_STAFF_BOUWER + k]));
			}
			html(h, "</dd>");
		}
		if (!any)
			html(h, "<dd class=\"kring-role__missing\">%s</dd>", T(NOBODY));
		html(h, "</div>");
	}
	html(h, "</dl>");
	if (can_staff) {
		if (n_cand == 0) {
			html(h, "<p class=\"utrecht-paragraph\">%s</p>", T(STAFF_NO_CANDIDATES));
		} else {
			html(h, "<h3 class=\"utrecht-heading-3\">%s</h3>", T(STAFF_ADD_TITLE));
			ui_form(h, r, ui_community_url(r, c->id, "/staff"), "kring-add");
			person_select(h, "koppel-medewerker", T(STAFF_PERSON), cand, n_cand);
			html(h,
			     "<div class=\"kring-add__field\"><label class=\"utrecht-form-label\" "
			     "for=\"koppel-rol\">%s</label><select class=\"utrecht-select\" "
			     "id=\"koppel-rol\" name=\"role\">",
			     T(STAFF_ROLE));
			for (int k = 0; k < COMMUNITY_N_ROLES; k++)
				html(h, "<option value=\"%s\">%s</option>",
				     community_staff_roles[k], text_nl[TXT_STAFF_BOUWER + k]);
			html(h,
			     "</select></div><button class=\"utrecht-button "
			     "utrecht-button--secondary-action\" type=\"submit\" "
			     "data-kring-focus=\"add-staff\">%s</button></form>",
			     T(STAFF_ADD));
		}
	}
	html(h, "</section>");
}

static void ambassador_section(struct req *r, struct html *h, const struct community *c,
                               const struct community_person *amb, size_t n_amb,
                               const struct member *cand, size_t n_cand, const struct problem *pb)
{
	bool can_staff = (r->role & ROLES_STAFF) != 0;
	html(h,
	     "<section class=\"kring-card\" id=\"ambassadeurs\" data-kring-region "
	     "aria-labelledby=\"h-ambassadeurs\"><h2 class=\"utrecht-heading-2\" "
	     "id=\"h-ambassadeurs\" tabindex=\"-1\">%s</h2><p class=\"utrecht-paragraph "
	     "kring-small kring-muted\">%s</p>",
	     T(AMB_TITLE), T(AMB_INTRO));
	community_done_notice(r, h, "ambassadeurs");
	if (pb && pb->section && strcmp(pb->section, "ambassadeurs") == 0)
		page_notice(h, "error", pb->message);
	if (n_amb == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(AMB_NONE));
	} else {
		html(h, "<ul class=\"kring-people\">");
		for (size_t i = 0; i < n_amb; i++) {
			html(h, "<li><span>%s</span>", amb[i].name);
			if (can_staff) {
				ui_form(h, r,
				        ui_community_url(r, c->id,
				                         arena_printf(&r->arena,
				                                      "/ambassadors/%lld/remove",
				                                      amb[i].id)),
				        "kring-tool-form");
				html(h,
				     "<button class=\"kring-tool\" type=\"submit\">%s<span "
				     "class=\"kring-sr\">: %s</span></button></form>",
				     T(STAFF_REMOVE), amb[i].name);
			}
			html(h, "</li>");
		}
		html(h, "</ul>");
	}
	if (can_staff) {
		if (n_cand == 0) {
			html(h, "<p class=\"utrecht-paragraph kring-small\">%s</p>",
			     T(AMB_NO_CANDIDATES));
		} else {
			ui_form(h, r, ui_community_url(r, c->id, "/ambassadors"), "kring-add");
			person_select(h, "koppel-ambassadeur", T(AMB_PERSON), cand, n_cand);
			html(h,
			     "<button class=\"utrecht-button utrecht-button--secondary-action\" "
			     "type=\"submit\" data-kring-focus=\"add-amb\">%s</button></form>",
			     T(AMB_ADD));
		}
		/* accounts (issue 13): a resident without an account gets an invitation link */
		html(h,
		     "<p class=\"utrecht-paragraph kring-small\"><a class=\"utrecht-link\" "
		     "href=\"%s\">%s</a></p>",
		     ui_community_url(r, c->id, "/invite"), T(INV_COMMUNITY_LINK));
	}
	html(h, "</section>");
}

/* A fact of the profile: label and text, or "nog niet ingevuld". */
static void fact(struct html *h, const char *label, const char *value)
{
	html(h, "<div class=\"kring-fact\"><dt>%s</dt>", label);
	if (value && value[0])
		html(h, "<dd class=\"kring-pre\">%s</dd></div>", value);
	else
		html(h, "<dd class=\"kring-muted\">%s</dd></div>", T(EMPTY_VALUE));
}

static void about_section(struct req *r, struct html *h, const struct community *c)
{
	html(h,
	     "<section class=\"kring-card kring-about\" aria-labelledby=\"h-over\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-over\">%s</h2>"
	     "<p class=\"utrecht-paragraph kring-small kring-muted\">%s</p><dl "
	     "class=\"kring-facts\">",
	     T(PROFILE_ABOUT), T(PROFILE_ABOUT_INTRO));
	fact(h, T(LABEL_DESCRIPTION), c->description);
	fact(h, T(LABEL_WHY), c->why);
	html(h,
	     "</dl><h3 class=\"utrecht-heading-3\">%s</h3><dl class=\"kring-facts "
	     "kring-facts--three\">",
	     T(LABEL_CONNECTED));
	fact(h, T(LABEL_GEOGRAPHY), c->geography);
	fact(h, T(LABEL_IDENTITY), c->identity);
	fact(h, T(LABEL_AFFINITY), c->affinity);
	html(h, "</dl><dl class=\"kring-facts kring-facts--two\">");
	int a = vocab_index(community_archetypes, c->archetype);
	html(h, "<div class=\"kring-fact\"><dt>%s</dt>", T(LABEL_ARCHETYPE));
	if (a >= 0)
		html(h, "<dd>%s<br><span class=\"kring-small kring-muted\">%s</span></dd></div>",
		     text_nl[TXT_ARCHETYPE_PRACTICE + a], text_nl[TXT_ARCHETYPE_HINT_PRACTICE + a]);
	else
		html(h, "<dd class=\"kring-muted\">%s</dd></div>", T(EMPTY_VALUE));
	fact(h, T(LABEL_BOND), ui_bond_label(c->bond));
	const char *contact =
	    c->contact_name[0] && c->contact_how[0]
	        ? arena_printf(&r->arena, "%s\n%s", c->contact_name, c->contact_how)
	    : c->contact_name[0] ? c->contact_name
	                         : c->contact_how;
	fact(h, T(LABEL_CONTACT), contact);
	fact(h, T(LABEL_STARTED), ui_date(&r->arena, c->started_on));
	html(h, "</dl></section>");
}

static void history_section(struct req *r, struct html *h,
                            const struct community_status_change *hist, size_t n)
{
	html(
	    h,
	    "<section class=\"kring-card\" aria-labelledby=\"h-verloop\">"
	    "<h2 class=\"utrecht-heading-2\" id=\"h-verloop\">%s</h2><ol class=\"kring-timeline\">",
	    T(HISTORY_TITLE));
	for (size_t i = n; i-- > 0;) { /* newest first */
		html(h, "<li>");
		ui_status_badge(h, hist[i].status);
		html(h, " <span>%s</span>", fmt_date(&r->arena, hist[i].at));
		if (hist[i].who[0])
			html(h, " <span class=\"kring-muted\">%s</span>",
			     T_printf(&r->arena, HISTORY_BY, hist[i].who));
		html(h, "</li>");
	}
	html(h, "</ol></section>");
}

/* The whole page; pb (may be NULL) says what to show about a failed change. */
int community_profile_page(struct req *r, const struct problem *pb, unsigned status)
{
	struct community c;
	struct community_item *items;
	struct community_person *staff, *amb;
	struct community_status_change *hist;
	struct member *cand_staff = NULL, *cand_amb = NULL;
	size_t n_items, n_staff, n_amb, n_hist, n_cand_staff = 0, n_cand_amb = 0;
	bool can_edit = (r->role & ROLES_EDIT) != 0;
	bool can_staff = (r->role & ROLES_STAFF) != 0;
	int found = community_get(r->db, &r->arena, r->org_id, r->param_id, &c);
	if (found == 0) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	/* everything is read before the page starts: a failed read is a 500, never "nobody" */
	if (found < 0 ||
	    community_items(r->db, &r->arena, r->org_id, c.id, &items, &n_items) != 0 ||
	    community_staff_list(r->db, &r->arena, r->org_id, c.id, &staff, &n_staff) != 0 ||
	    community_ambassador_list(r->db, &r->arena, r->org_id, c.id, &amb, &n_amb) != 0 ||
	    community_history(r->db, &r->arena, r->org_id, c.id, &hist, &n_hist) != 0 ||
	    (can_staff && community_candidates_both(r->db, &r->arena, r->org_id, &cand_staff,
	                                            &n_cand_staff, &cand_amb, &n_cand_amb) != 0))
		return HANDLER_ERROR;

	struct html h;
	page_begin(r, &h, ui_short(&r->arena, c.name, 80));
	html(&h,
	     "<nav class=\"kring-crumbs\" aria-label=\"%s\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/communities\">%s</a></nav>"
	     "<div class=\"kring-profile-head\"><div><h1 class=\"utrecht-heading-1\">%s</h1>"
	     "<p class=\"kring-profile-head__meta\">",
	     T(CRUMBS_LABEL), r->org_slug, T(PROFILE_BACK), c.name);
	ui_status_badge(&h, c.status);
	html(&h, " <span class=\"kring-muted\">%s</span>",
	     T_printf(&r->arena, STATUS_SINCE, fmt_date(&r->arena, c.status_since)));
	if (c.archetype[0])
		html(&h, " <span class=\"kring-chip\">%s</span>", ui_archetype_label(c.archetype));
	html(&h, "</p></div><p class=\"kring-toolbar kring-profile-head__tools\">");
	if (can_edit)
		html(&h,
		     "<a class=\"utrecht-button utrecht-button--primary-action kring-button-link\" "
		     "href=\"%s\">%s</a>",
		     ui_community_url(r, c.id, "/edit"), T(PROFILE_EDIT));
	html(&h,
	     "<button class=\"utrecht-button utrecht-button--secondary-action\" type=\"button\" "
	     "data-kring-print hidden>%s</button>",
	     T(PROFILE_PRINT));
	if (can_staff) /* public (issue 13): open to newcomers, the text for residents */
		html(&h, "<a class=\"utrecht-link\" href=\"%s\">%s</a>",
		     ui_community_url(r, c.id, "/public"), T(PUB_COM_LINK));
	if (can_staff)
		html(&h, "<a class=\"utrecht-link kring-danger-link\" href=\"%s\">%s</a>",
		     ui_community_url(r, c.id, "/delete"), T(PROFILE_DELETE));
	html(&h, "</p></div>");

	const char *done = req_query(r, "klaar");
	if (done && req_query(r, "bij") == NULL) {
		if (strcmp(done, "nieuw") == 0)
			page_notice(&h, "ok", T(PROFILE_CREATED));
		else if (strcmp(done, "opgeslagen") == 0)
			page_notice(&h, "ok", T(PROFILE_SAVED));
	}
	html(&h, "<div id=\"signalen\" data-kring-region>");
	sig_community_box(r, &h, c.id); /* signals: kept by core/signal.c */
	html(&h, "</div>");

	html(&h, "<div class=\"kring-profile\"><div class=\"kring-profile__main\">");
	about_section(r, &h, &c);
	html(&h, "</div><div class=\"kring-profile__side\">");
	staff_section(r, &h, &c, staff, n_staff, cand_staff, n_cand_staff, pb);
	ambassador_section(r, &h, &c, amb, n_amb, cand_amb, n_cand_amb, pb);
	history_section(r, &h, hist, n_hist);
	html(&h, "</div></div>");

	/* werkblad 2: sterktes first, then behoeften */
	html(&h,
	     "<section class=\"kring-card\" id=\"sterktes\" data-kring-region "
	     "aria-labelledby=\"h-sterktes\"><h2 class=\"utrecht-heading-2\" id=\"h-sterktes\">%s"
	     "</h2><p class=\"utrecht-paragraph kring-small kring-muted\">%s</p>"
	     "<div class=\"kring-columns kring-columns--2\">",
	     T(STRENGTHS_TITLE), T(STRENGTHS_INTRO));
	community_item_list(r, &h, &c, items, n_items, "sterkte", T(LIST_STRENGTHS),
	                    T(LIST_STRENGTHS_HINT), NULL, T(STRENGTHS_NONE), T(ITEM_NEW_STERKTE),
	                    can_edit, pb);
	community_item_list(r, &h, &c, items, n_items, "behoefte", T(LIST_NEEDS),
	                    T(LIST_NEEDS_HINT), NULL, T(NEEDS_NONE), T(ITEM_NEW_BEHOEFTE), can_edit,
	                    pb);
	html(&h, "</div></section>");

	/* werkblad 3: OF / BY / FOR */
	html(&h,
	     "<section class=\"kring-card\" id=\"werkblad-3\" data-kring-region "
	     "aria-labelledby=\"h-werkblad-3\"><h2 class=\"utrecht-heading-2\" "
	     "id=\"h-werkblad-3\">%s</h2><p class=\"utrecht-paragraph kring-small kring-muted\">%s"
	     "</p><div class=\"kring-columns kring-columns--3\">",
	     T_printf(&r->arena, WB3_TITLE, ui_short(&r->arena, c.name, 80)), T(WB3_INTRO));
	community_item_list(r, &h, &c, items, n_items, "van", T(COL_VAN_TITLE), T(COL_VAN_TEXT),
	                    T(COL_VAN_EXAMPLE), T(ACTIONS_NONE), T(ITEM_NEW_VAN), can_edit, pb);
	community_item_list(r, &h, &c, items, n_items, "door", T(COL_DOOR_TITLE), T(COL_DOOR_TEXT),
	                    T(COL_DOOR_EXAMPLE), T(ACTIONS_NONE), T(ITEM_NEW_DOOR), can_edit, pb);
	community_item_list(r, &h, &c, items, n_items, "voor", T(COL_VOOR_TITLE), T(COL_VOOR_TEXT),
	                    T(COL_VOOR_EXAMPLE), T(ACTIONS_NONE), T(ITEM_NEW_VOOR), can_edit, pb);
	html(&h, "</div></section>");

	/* step 5: its goals (pages/goal_section.c) */
	goal_profile_section(r, &h, c.id);
	/* step 6: its activities (pages/activity_section.c) */
	activity_community_section(r, &h, c.id);
	/* steps 5-7: cycle, POST-O and project plan (issue 11b, pages/plan_ui.c) */
	plan_profile_section(r, &h, c.id);
	/* instruments (issue 13): energy trend and the pulse (pages/energy_ui.c) */
	instruments_community_sections(r, &h, c.id);
	/* knowledge (issue 11): its latest knowledge items (pages/knowledge.c) */
	knowledge_section(r, &h, c.id);

	/* step 4: its partners and timeline (pages/partner_ui.c; staff and advisers only) */
	partner_community_sections(r, &h, c.id);
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_community(struct req *r)
{
	return community_profile_page(r, NULL, 200);
}

/* Back to the profile, at the place that changed, with a notice there. */
int community_back_to(struct req *r, const char *done, const char *where, const char *anchor)
{
	resp_redirect(r, ui_community_url(
	                     r, r->param_id,
	                     arena_printf(&r->arena, "?klaar=%s&bij=%s#%s", done, where, anchor)));
	return HANDLER_OK;
}

/* ---- staff and ambassadeurs ---- */

static const struct field_spec staff_fields[] = {
    {.name = "person", .label = "Medewerker", .kind = FIELD_TEXT, .required = true, .max_len = 20},
    {.name = "role",
     .label = "Rol",
     .kind = FIELD_SELECT,
     .required = true,
     .options = community_staff_roles,
     .option_labels = &text_nl[TXT_STAFF_BOUWER]},
};

int page_community_staff_add(struct req *r)
{
	struct form f;
	if (!form_read(r, &f, staff_fields, 2)) {
		struct problem pb = {.section = "medewerkers", .message = T(STAFF_BAD)};
		return community_profile_page(r, &pb, 422);
	}
	/* a person id that is not staff of this organisation is simply not found */
	enum save_result rc =
	    community_staff_add(r->db, r->org_id, r->person_id, r->param_id,
	                        form_value_id(&f, "person"), form_value(&f, "role"));
	if (rc != SAVE_OK)
		return respond_failed(r, rc);
	return community_back_to(r, "gekoppeld", "medewerkers", "medewerkers");
}

int page_community_staff_remove(struct req *r)
{
	enum save_result rc =
	    community_staff_remove(r->db, r->org_id, r->person_id, r->param_id, r->param_id2);
	if (rc != SAVE_OK)
		return respond_failed(r, rc);
	return community_back_to(r, "ontkoppeld", "medewerkers", "medewerkers");
}

int page_community_ambassador_add(struct req *r)
{
	struct form f;
	if (!form_read(r, &f, staff_fields, 1)) {
		struct problem pb = {.section = "ambassadeurs", .message = T(AMB_BAD)};
		return community_profile_page(r, &pb, 422);
	}
	enum save_result rc = community_ambassador_add(r->db, r->org_id, r->person_id, r->param_id,
	                                               form_value_id(&f, "person"));
	if (rc != SAVE_OK)
		return respond_failed(r, rc);
	return community_back_to(r, "amb-gekoppeld", "ambassadeurs", "ambassadeurs");
}

int page_community_ambassador_remove(struct req *r)
{
	enum save_result rc =
	    community_ambassador_remove(r->db, r->org_id, r->person_id, r->param_id, r->param_id2);
	if (rc != SAVE_OK)
		return respond_failed(r, rc);
	return community_back_to(r, "amb-ontkoppeld", "ambassadeurs", "ambassadeurs");
}
