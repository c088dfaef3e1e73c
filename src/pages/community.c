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
#include "community_ui.h"
#include "pages.h"
#include "partner_ui.h"

#define ITEM_MAX_CHARS 20000

/* What went wrong with a change, to show beside the list it concerns. */
struct problem {
	const char *kind;       /* the list whose add form has an error, or NULL */
	const char *add_text;   /* what was typed there */
	const char *add_status; /* and the chosen status */
	const char *add_error;
	long long item_id; /* an item whose edit form has a conflict, or 0 */
	const char *mine;  /* the text this person saved */
	const char *mine_status;
	const char *theirs;     /* what the other saved (a conflict), or NULL */
	const char *edit_error; /* or what is wrong with the text, or NULL */
	long long version;      /* the version the next save starts from */
	const char *gone;       /* text of an item that no longer exists, with its kind in kind */
	const char *section;    /* "medewerkers" or "ambassadeurs": notice there */
	const char *message;    /* that notice */
};

/* The notice of a redirect (?klaar=...&bij=where), when it concerns where. */
static void done_notice(struct req *r, struct html *h, const char *where)
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

/* A <select> of the action statuses named name, with id. */
static void status_select(struct html *h, const char *id, const char *name, const char *current)
{
	html(h, "<select class=\"utrecht-select kring-select-small\" id=\"%s\" name=\"%s\">", id,
	     name);
	for (int k = 0; community_action_statuses[k]; k++)
		html(h, "<option value=\"%s\"%s>%s</option>", community_action_statuses[k],
		     strcmp(community_action_statuses[k], current) == 0 ? " selected" : "",
		     text_nl[TXT_ACTION_IDEE + k]);
	html(h, "</select>");
}

/* One item of a list, with its tools when the person may edit. */
static void item_li(struct req *r, struct html *h, const struct community *c,
                    const struct community_item *it, bool first, bool last, bool can_edit,
                    const struct problem *pb)
{
	bool action = vocab_index(community_item_kinds, it->kind) >= 2;
	const char *shorttext = ui_short(&r->arena, it->text, 60);
	const char *base =
	    ui_community_url(r, c->id, arena_printf(&r->arena, "/items/%lld", it->id));
	bool conflict = pb && pb->item_id == it->id;
	html(h, "<li class=\"kring-item%s\" id=\"item-%lld\" tabindex=\"-1\">",
	     action ? " kring-item--action" : "", it->id);
	html(h,
	     "<div class=\"kring-item__main\"><span class=\"kring-item__text kring-pre\">%s</span>",
	     it->text);
	if (action) {
		html(h, " ");
		ui_action_badge(h, it->status);
	}
	html(h, "</div>");
	if (!can_edit) {
		html(h, "</li>");
		return;
	}
	html(h, "<div class=\"kring-item__tools\">");
	if (!first) {
		ui_form(h, r, arena_printf(&r->arena, "%s/move", base), "kring-tool-form");
		html(h,
		     "<input type=\"hidden\" name=\"richting\" value=\"op\">"
		     "<button class=\"kring-tool\" type=\"submit\" data-kring-focus=\"op-%lld\">"
		     "<span aria-hidden=\"true\">↑</span> %s<span class=\"kring-sr\">: %s</span>"
		     "</button></form>",
		     it->id, T(ITEM_UP), shorttext);
	}
	if (!last) {
		ui_form(h, r, arena_printf(&r->arena, "%s/move", base), "kring-tool-form");
		html(h,
		     "<input type=\"hidden\" name=\"richting\" value=\"neer\">"
		     "<button class=\"kring-tool\" type=\"submit\" data-kring-focus=\"neer-%lld\">"
		     "<span aria-hidden=\"true\">↓</span> %s<span class=\"kring-sr\">: %s</span>"
		     "</button></form>",
		     it->id, T(ITEM_DOWN), shorttext);
	}
	html(h,
	     "<details class=\"kring-details kring-item__edit\"%s><summary>%s<span "
	     "class=\"kring-sr\">: %s</span></summary>",
	     conflict ? " open" : "", T(ITEM_EDIT), shorttext);
	if (conflict && pb->edit_error)
		html(h, "<p class=\"utrecht-form-field-error-message\" role=\"alert\">%s</p>",
		     pb->edit_error);
	if (conflict && pb->theirs) {
		html(
		    h,
		    "<div class=\"utrecht-alert utrecht-alert--warning kring-notice\" "
		    "role=\"alert\">"
		    "<p class=\"utrecht-paragraph\">%s</p><p class=\"utrecht-paragraph\"><strong>%s"
		    "</strong></p><p class=\"utrecht-paragraph kring-pre\">%s</p></div>",
		    T(ITEM_CONFLICT), T(ITEM_CONFLICT_THEIRS), pb->theirs);
	}
	ui_form(h, r, base, "kring-item-form");
	html(h,
	     "<input type=\"hidden\" name=\"version\" value=\"%lld\">"
	     "<label class=\"utrecht-form-label\" for=\"tekst-%lld\">%s</label>"
	     "<textarea class=\"utrecht-textarea\" id=\"tekst-%lld\" name=\"text\" rows=\"3\" "
	     "required>%s</textarea>",
	     conflict ? pb->version : it->version, it->id, T(ITEM_TEXT), it->id,
	     conflict ? pb->mine : it->text);
	if (action) {
		html(h, "<label class=\"utrecht-form-label\" for=\"status-%lld\">%s</label>",
		     it->id, T(ITEM_STATUS));
		status_select(h, arena_printf(&r->arena, "status-%lld", it->id), "status",
		              conflict ? pb->mine_status : it->status);
	}
	html(h,
	     "<p class=\"kring-actions\"><button class=\"utrecht-button "
	     "utrecht-button--primary-action\" type=\"submit\" data-kring-focus=\"save-%lld\">%s"
	     "</button></p></form>",
	     it->id, T(SAVE));
	ui_form(h, r, arena_printf(&r->arena, "%s/delete", base), "kring-tool-form");
	html(h,
	     "<p class=\"kring-actions\"><button class=\"utrecht-button "
	     "utrecht-button--secondary-action kring-danger\" type=\"submit\">%s<span "
	     "class=\"kring-sr\">: %s</span></button></p></form></details></div></li>",
	     T(ITEM_DELETE), shorttext);
}

/*
 * One list (sterktes, behoeften, or a column of werkblad 3): a heading, the
 * items in order and, for editors, a one-line form to add one.
 */
static void item_list(struct req *r, struct html *h, const struct community *c,
                      const struct community_item *items, size_t n, const char *kind,
                      const char *title, const char *hint, const char *example, const char *none,
                      const char *new_label, bool can_edit, const struct problem *pb)
{
	bool action = vocab_index(community_item_kinds, kind) >= 2;
	html(h,
	     "<div class=\"kring-list kring-list--%s\" id=\"lijst-%s\">"
	     "<h3 class=\"utrecht-heading-3 kring-list__title\" id=\"h-lijst-%s\" "
	     "tabindex=\"-1\">%s</h3><p class=\"kring-list__hint\">%s</p>",
	     kind, kind, kind, title, hint);
	done_notice(r, h, kind);
	if (pb && pb->gone && pb->kind && strcmp(pb->kind, kind) == 0)
		html(h,
		     "<div class=\"utrecht-alert utrecht-alert--warning kring-notice\" "
		     "role=\"alert\">"
		     "<p class=\"utrecht-paragraph\">%s</p><p class=\"utrecht-paragraph "
		     "kring-pre\">%s</p></div>",
		     T(ITEM_GONE), pb->gone);
	size_t count = 0, seen = 0;
	for (size_t i = 0; i < n; i++)
		count += strcmp(items[i].kind, kind) == 0;
	if (count == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-muted kring-list__none\">%s</p>", none);
	} else {
		html(h, "<ol class=\"kring-items\" aria-labelledby=\"h-lijst-%s\">", kind);
		for (size_t i = 0; i < n; i++) {
			if (strcmp(items[i].kind, kind) != 0)
				continue;
			item_li(r, h, c, &items[i], seen == 0, seen + 1 == count, can_edit, pb);
			seen++;
		}
		html(h, "</ol>");
	}
	if (can_edit) {
		bool err = pb && pb->add_error && pb->kind && strcmp(pb->kind, kind) == 0;
		ui_form(h, r, ui_community_url(r, c->id, "/items"), "kring-add");
		html(h,
		     "<input type=\"hidden\" name=\"kind\" value=\"%s\">"
		     "<div class=\"kring-add__field%s\"><label class=\"utrecht-form-label\" "
		     "for=\"nieuw-%s\">%s</label>",
		     kind, err ? " utrecht-form-field--invalid" : "", kind, new_label);
		if (err)
			html(h,
			     "<p class=\"utrecht-form-field-error-message\" "
			     "id=\"nieuw-%s-error\">%s</p>",
			     kind, pb->add_error);
		html(h,
		     "<textarea class=\"utrecht-textarea\" id=\"nieuw-%s\" name=\"text\" "
		     "rows=\"2\"%s",
		     kind, err ? " aria-invalid=\"true\"" : "");
		if (err)
			html(h, " aria-describedby=\"nieuw-%s-error\"", kind);
		html(h, ">%s</textarea></div>", err ? pb->add_text : "");
		if (action) {
			html(h,
			     "<div class=\"kring-add__status\"><label class=\"utrecht-form-label\" "
			     "for=\"nieuw-%s-status\">%s<span class=\"kring-sr\">: "
			     "%s</span></label>",
			     kind, T(ITEM_STATUS), new_label);
			status_select(h, arena_printf(&r->arena, "nieuw-%s-status", kind), "status",
			              err && pb->add_status ? pb->add_status : "idee");
			html(h, "</div>");
		}
		html(h,
		     "<button class=\"utrecht-button utrecht-button--secondary-action\" "
		     "type=\"submit\" data-kring-focus=\"add-%s\">%s<span class=\"kring-sr\">: "
		     "%s</span></button></form>",
		     kind, T(ITEM_ADD), new_label);
	}
	if (example)
		html(h, "<p class=\"kring-list__example\">%s</p>", example);
	html(h, "</div>");
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
                          const struct problem *pb)
{
	bool can_staff = (r->role & ROLES_STAFF) != 0;
	html(h,
	     "<section class=\"kring-card\" id=\"medewerkers\" data-kring-region "
	     "aria-labelledby=\"h-medewerkers\"><h2 class=\"utrecht-heading-2\" "
	     "id=\"h-medewerkers\" tabindex=\"-1\">%s</h2><p class=\"utrecht-paragraph "
	     "kring-small kring-muted\">%s</p>",
	     T(STAFF_TITLE), T(STAFF_INTRO));
	done_notice(r, h, "medewerkers");
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
				     arena_printf(&r->arena, T(PERSON_WITH_ROLE), staff[i].name,
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
		struct member *cand;
		size_t n_cand;
		if (community_candidates(r->db, &r->arena, r->org_id, false, &cand, &n_cand) != 0)
			n_cand = 0;
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
                               const struct problem *pb)
{
	struct community_person *amb;
	size_t n_amb;
	if (community_ambassador_list(r->db, &r->arena, r->org_id, c->id, &amb, &n_amb) != 0)
		n_amb = 0;
	bool can_staff = (r->role & ROLES_STAFF) != 0;
	html(h,
	     "<section class=\"kring-card\" id=\"ambassadeurs\" data-kring-region "
	     "aria-labelledby=\"h-ambassadeurs\"><h2 class=\"utrecht-heading-2\" "
	     "id=\"h-ambassadeurs\" tabindex=\"-1\">%s</h2><p class=\"utrecht-paragraph "
	     "kring-small kring-muted\">%s</p>",
	     T(AMB_TITLE), T(AMB_INTRO));
	done_notice(r, h, "ambassadeurs");
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
		struct member *cand;
		size_t n_cand;
		if (community_candidates(r->db, &r->arena, r->org_id, true, &cand, &n_cand) != 0)
			n_cand = 0;
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

static void history_section(struct req *r, struct html *h, const struct community *c)
{
	struct community_status_change *hist;
	size_t n;
	if (community_history(r->db, &r->arena, r->org_id, c->id, &hist, &n) != 0)
		n = 0;
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
			     arena_printf(&r->arena, T(HISTORY_BY), hist[i].who));
		html(h, "</li>");
	}
	html(h, "</ol></section>");
}

/* The whole page; pb (may be NULL) says what to show about a failed change. */
static int profile_page(struct req *r, const struct problem *pb, unsigned status)
{
	struct community c;
	struct community_item *items;
	struct community_person *staff;
	size_t n_items, n_staff;
	int found = community_get(r->db, &r->arena, r->org_id, r->param_id, &c);
	if (found == 0) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	if (found < 0 ||
	    community_items(r->db, &r->arena, r->org_id, c.id, &items, &n_items) != 0 ||
	    community_staff_list(r->db, &r->arena, r->org_id, c.id, &staff, &n_staff) != 0)
		return HANDLER_ERROR;
	size_t n_strengths = 0, n_needs = 0;
	for (size_t i = 0; i < n_items; i++) {
		n_strengths += strcmp(items[i].kind, "sterkte") == 0;
		n_needs += strcmp(items[i].kind, "behoefte") == 0;
	}
	struct community_signals sig;
	community_signals_compute(staff, n_staff, n_strengths, n_needs, &sig);
	bool can_edit = (r->role & ROLES_EDIT) != 0;
	bool can_staff = (r->role & ROLES_STAFF) != 0;

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
	     arena_printf(&r->arena, T(STATUS_SINCE), fmt_date(&r->arena, c.status_since)));
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
	ui_signals(r, &h, c.id, &sig, n_strengths, n_needs);
	html(&h, "</div>");

	html(&h, "<div class=\"kring-profile\"><div class=\"kring-profile__main\">");
	about_section(r, &h, &c);
	html(&h, "</div><div class=\"kring-profile__side\">");
	staff_section(r, &h, &c, staff, n_staff, pb);
	ambassador_section(r, &h, &c, pb);
	history_section(r, &h, &c);
	html(&h, "</div></div>");

	/* werkblad 2: sterktes first, then behoeften */
	html(&h,
	     "<section class=\"kring-card\" id=\"sterktes\" data-kring-region "
	     "aria-labelledby=\"h-sterktes\"><h2 class=\"utrecht-heading-2\" id=\"h-sterktes\">%s"
	     "</h2><p class=\"utrecht-paragraph kring-small kring-muted\">%s</p>"
	     "<div class=\"kring-columns kring-columns--2\">",
	     T(STRENGTHS_TITLE), T(STRENGTHS_INTRO));
	item_list(r, &h, &c, items, n_items, "sterkte", T(LIST_STRENGTHS), T(LIST_STRENGTHS_HINT),
	          NULL, T(STRENGTHS_NONE), T(ITEM_NEW_STERKTE), can_edit, pb);
	item_list(r, &h, &c, items, n_items, "behoefte", T(LIST_NEEDS), T(LIST_NEEDS_HINT), NULL,
	          T(NEEDS_NONE), T(ITEM_NEW_BEHOEFTE), can_edit, pb);
	html(&h, "</div></section>");

	/* werkblad 3: OF / BY / FOR */
	html(&h,
	     "<section class=\"kring-card\" id=\"werkblad-3\" data-kring-region "
	     "aria-labelledby=\"h-werkblad-3\"><h2 class=\"utrecht-heading-2\" "
	     "id=\"h-werkblad-3\">%s</h2><p class=\"utrecht-paragraph kring-small kring-muted\">%s"
	     "</p><div class=\"kring-columns kring-columns--3\">",
	     arena_printf(&r->arena, T(WB3_TITLE), ui_short(&r->arena, c.name, 80)), T(WB3_INTRO));
	item_list(r, &h, &c, items, n_items, "van", T(COL_VAN_TITLE), T(COL_VAN_TEXT),
	          T(COL_VAN_EXAMPLE), T(ACTIONS_NONE), T(ITEM_NEW_VAN), can_edit, pb);
	item_list(r, &h, &c, items, n_items, "door", T(COL_DOOR_TITLE), T(COL_DOOR_TEXT),
	          T(COL_DOOR_EXAMPLE), T(ACTIONS_NONE), T(ITEM_NEW_DOOR), can_edit, pb);
	item_list(r, &h, &c, items, n_items, "voor", T(COL_VOOR_TITLE), T(COL_VOOR_TEXT),
	          T(COL_VOOR_EXAMPLE), T(ACTIONS_NONE), T(ITEM_NEW_VOOR), can_edit, pb);
	html(&h, "</div></section>");

	/* step 4: its partners and timeline (pages/partner_ui.c; staff and advisers only) */
	partner_community_sections(r, &h, c.id);
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_community(struct req *r)
{
	return profile_page(r, NULL, 200);
}

/* Back to the profile, at the place that changed, with a notice there. */
static int back_to(struct req *r, const char *done, const char *where, const char *anchor)
{
	resp_redirect(r, ui_community_url(
	                     r, r->param_id,
	                     arena_printf(&r->arena, "?klaar=%s&bij=%s#%s", done, where, anchor)));
	return HANDLER_OK;
}

/* ---- items ---- */

static const struct field_spec item_fields[] = {
    {.name = "kind",
     .label = "Lijst",
     .kind = FIELD_SELECT,
     .required = true,
     .options = community_item_kinds,
     .option_labels = &text_nl[TXT_ITEM_KIND_STERKTE]},
    {.name = "text",
     .label = "Tekst",
     .kind = FIELD_TEXTAREA,
     .required = true,
     .max_len = ITEM_MAX_CHARS},
    {.name = "status",
     .label = "Status",
     .kind = FIELD_SELECT,
     .options = community_action_statuses,
     .option_labels = &text_nl[TXT_ACTION_IDEE]},
    {.name = "version", .label = "versie", .kind = FIELD_TEXT, .max_len = 20},
};
#define N_ITEM_FIELDS (sizeof(item_fields) / sizeof(item_fields[0]))

/* The error to show for a bad item text (empty or too long). */
static const char *item_error(const char *text)
{
	return text[0] == '\0' ? T(ITEM_EMPTY) : T(ITEM_TOO_LONG);
}

int page_community_item_add(struct req *r)
{
	struct form f;
	bool ok = form_read(r, &f, item_fields, N_ITEM_FIELDS);
	const char *kind = form_value(&f, "kind");
	if (vocab_index(community_item_kinds, kind) < 0) {
		resp_error(r, 400);
		return HANDLER_OK;
	}
	if (!ok) {
		struct problem pb = {.kind = kind,
		                     .add_text = form_value(&f, "text"),
		                     .add_status = form_value(&f, "status"),
		                     .add_error = item_error(form_value(&f, "text"))};
		return profile_page(r, &pb, 422);
	}
	long long id = 0;
	enum save_result rc =
	    community_item_add(r->db, r->org_id, r->person_id, r->param_id, kind,
	                       form_value(&f, "text"), form_value(&f, "status"), &id);
	if (rc == SAVE_NOT_FOUND) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	return back_to(r, "toegevoegd", kind, arena_printf(&r->arena, "lijst-%s", kind));
}

int page_community_item_save(struct req *r)
{
	struct form f;
	bool ok = form_read(r, &f, item_fields + 1, N_ITEM_FIELDS - 1);
	struct community_item old;
	int found =
	    community_item_get(r->db, &r->arena, r->org_id, r->param_id, r->param_id2, &old);
	if (found < 0)
		return HANDLER_ERROR;
	const char *text = form_value(&f, "text");
	if (found == 0) {
		/* not (or no longer) here: answer 404, but keep the text in view */
		struct problem pb = {.kind = NULL, .gone = text};
		if (text[0] == '\0') {
			resp_error(r, 404);
			return HANDLER_OK;
		}
		/* show it under the first list, where the person looks */
		pb.kind = "sterkte";
		return profile_page(r, &pb, 404);
	}
	if (!ok) {
		struct problem pb = {.item_id = old.id,
		                     .mine = text,
		                     .mine_status = form_value(&f, "status"),
		                     .edit_error = item_error(text),
		                     .version = atoll(form_value(&f, "version"))};
		return profile_page(r, &pb, 422);
	}
	enum save_result rc =
	    community_item_update(r->db, r->org_id, r->person_id, r->param_id, r->param_id2, text,
	                          form_value(&f, "status"), atoll(form_value(&f, "version")));
	if (rc == SAVE_CONFLICT) {
		struct community_item now;
		if (community_item_get(r->db, &r->arena, r->org_id, r->param_id, r->param_id2,
		                       &now) != 1)
			return HANDLER_ERROR;
		struct problem pb = {
		    .item_id = now.id,
		    .mine = text,
		    .mine_status = form_value(&f, "status"),
		    .theirs = now.status[0] ? arena_printf(&r->arena, "%s (%s)", now.text,
		                                           ui_action_status_label(now.status))
		                            : now.text,
		    .version = now.version};
		return profile_page(r, &pb, 409);
	}
	if (rc == SAVE_NOT_FOUND) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	return back_to(r, "opgeslagen", old.kind, arena_printf(&r->arena, "item-%lld", old.id));
}

int page_community_item_move(struct req *r)
{
	const char *dir = req_form(r, "richting");
	int delta = dir && strcmp(dir, "op") == 0 ? -1 : dir && strcmp(dir, "neer") == 0 ? 1 : 0;
	if (delta == 0) {
		resp_error(r, 400);
		return HANDLER_OK;
	}
	struct community_item it;
	int found = community_item_get(r->db, &r->arena, r->org_id, r->param_id, r->param_id2, &it);
	if (found < 0)
		return HANDLER_ERROR;
	enum save_result rc =
	    found ? community_item_move(r->db, r->org_id, r->param_id, r->param_id2, delta)
	          : SAVE_NOT_FOUND;
	if (rc == SAVE_NOT_FOUND) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	return back_to(r, "verplaatst", it.kind, arena_printf(&r->arena, "item-%lld", it.id));
}

int page_community_item_delete(struct req *r)
{
	struct community_item it;
	int found = community_item_get(r->db, &r->arena, r->org_id, r->param_id, r->param_id2, &it);
	if (found < 0)
		return HANDLER_ERROR;
	enum save_result rc =
	    found ? community_item_delete(r->db, r->org_id, r->person_id, r->param_id, r->param_id2)
	          : SAVE_NOT_FOUND;
	if (rc == SAVE_NOT_FOUND) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	return back_to(r, "weggehaald", it.kind, arena_printf(&r->arena, "lijst-%s", it.kind));
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
		return profile_page(r, &pb, 422);
	}
	/* a person id that is not staff of this organisation is simply not found */
	enum save_result rc =
	    community_staff_add(r->db, r->org_id, r->person_id, r->param_id,
	                        atoll(form_value(&f, "person")), form_value(&f, "role"));
	if (rc == SAVE_NOT_FOUND) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	return back_to(r, "gekoppeld", "medewerkers", "medewerkers");
}

int page_community_staff_remove(struct req *r)
{
	enum save_result rc =
	    community_staff_remove(r->db, r->org_id, r->person_id, r->param_id, r->param_id2);
	if (rc == SAVE_NOT_FOUND) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	return back_to(r, "ontkoppeld", "medewerkers", "medewerkers");
}

int page_community_ambassador_add(struct req *r)
{
	struct form f;
	if (!form_read(r, &f, staff_fields, 1)) {
		struct problem pb = {.section = "ambassadeurs", .message = T(AMB_BAD)};
		return profile_page(r, &pb, 422);
	}
	enum save_result rc = community_ambassador_add(r->db, r->org_id, r->person_id, r->param_id,
	                                               atoll(form_value(&f, "person")));
	if (rc == SAVE_NOT_FOUND) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	return back_to(r, "amb-gekoppeld", "ambassadeurs", "ambassadeurs");
}

int page_community_ambassador_remove(struct req *r)
{
	enum save_result rc =
	    community_ambassador_remove(r->db, r->org_id, r->person_id, r->param_id, r->param_id2);
	if (rc == SAVE_NOT_FOUND) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	return back_to(r, "amb-ontkoppeld", "ambassadeurs", "ambassadeurs");
}
