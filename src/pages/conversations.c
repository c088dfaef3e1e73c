/*
 * conversations.c - conversations (gesprekken, M5): the list with the open
 * action points and the planned contacts, preparing a talk (what kring
 * knows, and the tips of step 4b and 4d), recording one with its first
 * action points in one form, its page where action points are added,
 * changed and ticked off (small forms that work without JavaScript), and
 * changing or deleting it.
 */
#include <stdlib.h>
#include <string.h>

#include "../auth/roles.h"
#include "../core/community.h"
#include "../core/partner.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "pages.h"
#include "partner_ui.h"

#define LIST_PAGE     25
#define N_NEW_ACTIONS 3 /* action points that can be typed with a new conversation */

static const char *const sent_values[] = {"nee", "ja", NULL};

/* ---- choices: partners, communities and owners as select options ---- */

struct choices {
	const char **values; /* "" first (none), then ids; NULL-terminated */
	const char **labels;
	size_t n;
};

static void choices_init(struct req *r, struct choices *c, size_t n, const char *none)
{
	c->values = arena_alloc(&r->arena, (n + 2) * sizeof(*c->values));
	c->labels = arena_alloc(&r->arena, (n + 2) * sizeof(*c->labels));
	c->values[0] = "";
	c->labels[0] = none;
	c->n = 1;
}

static void choices_add(struct req *r, struct choices *c, long long id, const char *label)
{
	c->values[c->n] = arena_printf(&r->arena, "%lld", id);
	c->labels[c->n] = ui_short(&r->arena, label, 80);
	c->n++;
}

/* The org's partners, communities and staff as choices. -1 on error. */
static int load_choices(struct req *r, struct choices *partners, struct choices *communities,
                        struct choices *owners)
{
	struct partner_ref *ps;
	struct community_ref *cs;
	struct member *ms;
	size_t n_ps, n_cs, n_ms;
	if (partner_choices(r->db, &r->arena, r->org_id, &ps, &n_ps) != 0 ||
	    partner_community_choices(r->db, &r->arena, r->org_id, &cs, &n_cs) != 0 ||
	    community_candidates(r->db, &r->arena, r->org_id, false, &ms, &n_ms) != 0)
		return -1;
	choices_init(r, partners, n_ps, T(TALK_NO_PARTNER));
	for (size_t i = 0; i < n_ps; i++)
		choices_add(r, partners, ps[i].id, ps[i].name);
	choices_init(r, communities, n_cs, T(TALK_NO_COMMUNITY));
	for (size_t i = 0; i < n_cs; i++)
		choices_add(r, communities, cs[i].id, cs[i].name);
	choices_init(r, owners, n_ms, T(ACTION_NOBODY));
	for (size_t i = 0; i < n_ms; i++)
		choices_add(r, owners, ms[i].person_id, ms[i].name);
	return 0;
}

/* ---- the conversation form ---- */

#define N_TALK_FIELDS 11

static void talk_specs(struct field_spec *s, const struct choices *partners,
                       const struct choices *communities)
{
	s[0] = (struct field_spec){.name = "held_on",
	                           .label = T(TF_DATE),
	                           .kind = FIELD_DATE,
	                           .required = true,
	                           .max_len = 10};
	s[1] = (struct field_spec){.name = "kind",
	                           .label = T(TF_KIND),
	                           .kind = FIELD_RADIO,
	                           .required = true,
	                           .options = conversation_kinds,
	                           .option_labels = &text_nl[TXT_CONVERSATION_KIND_KENNISMAKING],
	                           .option_hints = &text_nl[TXT_TALK_KIND_HINT_KENNISMAKING]};
	s[2] = (struct field_spec){.name = "partner",
	                           .label = T(TF_PARTNER),
	                           .hint = T(TF_PARTNER_HINT),
	                           .kind = FIELD_SELECT,
	                           .max_len = 20,
	                           .options = partners->values,
	                           .option_labels = partners->labels};
	s[3] = (struct field_spec){.name = "community",
	                           .label = T(TF_COMMUNITY),
	                           .hint = T(TF_COMMUNITY_HINT),
	                           .kind = FIELD_SELECT,
	                           .max_len = 20,
	                           .options = communities->values,
	                           .option_labels = communities->labels};
	s[4] = (struct field_spec){.name = "subject",
	                           .label = T(TF_SUBJECT),
	                           .hint = T(TF_SUBJECT_HINT),
	                           .kind = FIELD_TEXT,
	                           .required = true,
	                           .max_len = 200,
	                           .autocomplete = "off"};
	s[5] = (struct field_spec){.name = "participants",
	                           .label = T(TF_PARTICIPANTS),
	                           .hint = T(TF_PARTICIPANTS_HINT),
	                           .kind = FIELD_TEXT,
	                           .max_len = 1000,
	                           .autocomplete = "off"};
	s[6] = (struct field_spec){.name = "report",
	                           .label = T(TF_REPORT),
	                           .hint = T(TF_REPORT_HINT),
	                           .kind = FIELD_TEXTAREA,
	                           .max_len = 100000,
	                           .rows = 6};
	s[7] = (struct field_spec){.name = "report_sent",
	                           .label = T(TF_SENT),
	                           .hint = T(TF_SENT_HINT),
	                           .kind = FIELD_RADIO,
	                           .required = true,
	                           .options = sent_values,
	                           .option_labels = &text_nl[TXT_SENT_NO]};
	s[8] = (struct field_spec){.name = "next_on",
	                           .label = T(TF_NEXT),
	                           .hint = T(TF_NEXT_HINT),
	                           .kind = FIELD_DATE,
	                           .max_len = 10};
	s[9] = (struct field_spec){.name = "next_note",
	                           .label = T(TF_NEXT_NOTE),
	                           .hint = T(TF_NEXT_NOTE_HINT),
	                           .kind = FIELD_TEXT,
	                           .max_len = 500,
	                           .autocomplete = "off"};
	s[10] = (struct field_spec){
	    .name = "version", .label = "versie", .kind = FIELD_TEXT, .max_len = 20};
}

#define N_ACTION_FIELDS (3 * N_NEW_ACTIONS)

static const char *const action_names[N_ACTION_FIELDS] = {"a1_text", "a1_owner", "a1_due",
                                                          "a2_text", "a2_owner", "a2_due",
                                                          "a3_text", "a3_owner", "a3_due"};

static void action_specs(struct field_spec *s, const struct choices *owners)
{
	for (int i = 0; i < N_NEW_ACTIONS; i++) {
		s[3 * i] = (struct field_spec){.name = action_names[3 * i],
		                               .label = T(AF_TEXT),
		                               .kind = FIELD_TEXTAREA,
		                               .max_len = 2000,
		                               .rows = 2};
		s[3 * i + 1] = (struct field_spec){.name = action_names[3 * i + 1],
		                                   .label = T(AF_OWNER),
		                                   .kind = FIELD_SELECT,
		                                   .max_len = 20,
		                                   .options = owners->values,
		                                   .option_labels = owners->labels};
		s[3 * i + 2] = (struct field_spec){.name = action_names[3 * i + 2],
		                                   .label = T(AF_DUE),
		                                   .kind = FIELD_DATE,
		                                   .max_len = 10};
	}
}

static struct conversation talk_from_form(const struct form *f)
{
	struct conversation c = {0};
	c.held_on = form_value(f, "held_on");
	c.kind = form_value(f, "kind");
	c.partner_id = atoll(form_value(f, "partner"));
	c.community_id = atoll(form_value(f, "community"));
	c.subject = form_value(f, "subject");
	c.participants = form_value(f, "participants");
	c.report = form_value(f, "report");
	c.report_sent = strcmp(form_value(f, "report_sent"), "ja") == 0;
	c.next_on = form_value(f, "next_on");
	c.next_note = form_value(f, "next_note");
	c.version = atoll(form_value(f, "version"));
	return c;
}

static void talk_to_form(struct req *r, struct form *f, const struct conversation *c)
{
	form_set(f, "held_on", c->held_on);
	form_set(f, "kind", c->kind);
	form_set(f, "partner", c->partner_id ? arena_printf(&r->arena, "%lld", c->partner_id) : "");
	form_set(f, "community",
	         c->community_id ? arena_printf(&r->arena, "%lld", c->community_id) : "");
	form_set(f, "subject", c->subject);
	form_set(f, "participants", c->participants);
	form_set(f, "report", c->report);
	form_set(f, "report_sent", c->report_sent ? "ja" : "nee");
	form_set(f, "next_on", c->next_on);
	form_set(f, "next_note", c->next_note);
}

/* The aside "Gesprek voorbereiden": the tips of step 4b and 4d. */
static void prepare_aside(struct html *h)
{
	html(h,
	     "<aside class=\"kring-guide kring-guide--tips\" aria-labelledby=\"h-tips\">"
	     "<h2 class=\"utrecht-heading-3\" id=\"h-tips\">%s</h2>"
	     "<p class=\"utrecht-paragraph\">%s</p>",
	     T(TALK_PREPARE), T(TIP_CONTACT_FIRST));
	ui_talk_tips(h, "tips");
	html(h, "</aside>");
}

/*
 * The new/edit page. id 0 is a new conversation (with rows for its first
 * action points in af); theirs is what someone else saved meanwhile.
 */
static int talk_form_page(struct req *r, struct form *f, struct form *af, long long id,
                          long long version, const struct form *theirs, bool gone, unsigned status)
{
	struct html h;
	const char *title = id ? T(TEDIT_TITLE) : T(TNEW_TITLE);
	page_begin(r, &h, title);
	html(&h,
	     "<nav class=\"kring-crumbs\" aria-label=\"%s\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/conversations\">%s</a>",
	     T(CRUMBS_LABEL), r->org_slug, T(TALK_BACK));
	if (id && !gone)
		html(&h, " › <a class=\"utrecht-link\" href=\"%s\">%s</a>",
		     ui_conversation_url(r, id, ""),
		     ui_short(&r->arena,
		              theirs ? form_value(theirs, "subject") : form_value(f, "subject"),
		              80));
	html(&h,
	     "</nav><h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     title, id ? T(TEDIT_INTRO) : T(TNEW_INTRO));
	if (gone)
		page_notice(&h, "error", T(TALK_GONE));
	if (theirs) {
		page_notice(&h, "warning", T(TALK_CONFLICT));
		ui_conflict_table(&h, f, theirs);
	}
	html(&h, "<div class=\"kring-form-with-guide\"><div class=\"kring-form-main\">");
	form_error_summary(&h, f);
	if (af)
		form_error_summary(&h, af);
	form_begin(&h, r,
	           id ? ui_conversation_url(r, id, "/edit")
	              : arena_printf(&r->arena, "/o/%s/conversations/new", r->org_slug));
	html(&h, "<input type=\"hidden\" name=\"version\" value=\"%lld\">", version);
	html(&h, "<h2 class=\"utrecht-heading-2\">%s</h2>", T(TF_SECTION_WHO));
	form_field(&h, f, "held_on");
	form_field(&h, f, "kind");
	html(&h, "<p class=\"utrecht-paragraph kring-muted\">%s</p><div class=\"kring-form-row\">",
	     T(TF_WHO_HINT));
	form_field(&h, f, "partner");
	form_field(&h, f, "community");
	html(&h, "</div>");
	form_field(&h, f, "participants");
	html(&h, "<h2 class=\"utrecht-heading-2\">%s</h2>", T(TF_SECTION_WHAT));
	form_field(&h, f, "subject");
	form_field(&h, f, "report");
	form_field(&h, f, "report_sent");
	if (af) {
		html(&h,
		     "<h2 class=\"utrecht-heading-2\">%s</h2><p class=\"utrecht-paragraph "
		     "kring-muted\">%s</p>",
		     T(TF_SECTION_ACTIONS), T(TF_ACTIONS_HINT));
		for (int i = 0; i < N_NEW_ACTIONS; i++) {
			html(&h,
			     "<fieldset class=\"kring-fieldset kring-action-row\"><legend "
			     "class=\"kring-legend\">%s</legend>",
			     arena_printf(&r->arena, T(TF_ACTION_N), i + 1));
			form_field(&h, af, action_names[3 * i]);
			html(&h, "<div class=\"kring-form-row\">");
			form_field(&h, af, action_names[3 * i + 1]);
			form_field(&h, af, action_names[3 * i + 2]);
			html(&h, "</div></fieldset>");
		}
	}
	html(&h, "<h2 class=\"utrecht-heading-2\">%s</h2>", T(TF_SECTION_NEXT));
	html(&h, "<div class=\"kring-form-row\">");
	form_field(&h, f, "next_on");
	form_field(&h, f, "next_note");
	html(&h, "</div>");
	form_end(&h, id ? T(SAVE) : T(TCREATE_BUTTON));
	html(&h, "</div>");
	prepare_aside(&h);
	html(&h, "</div>");
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_conversation_new(struct req *r)
{
	struct choices ps, cs, os;
	if (load_choices(r, &ps, &cs, &os) != 0)
		return HANDLER_ERROR;
	struct field_spec specs[N_TALK_FIELDS], aspecs[N_ACTION_FIELDS];
	talk_specs(specs, &ps, &cs);
	action_specs(aspecs, &os);
	struct form f, af;
	form_init(&f, specs, N_TALK_FIELDS);
	form_init(&af, aspecs, N_ACTION_FIELDS);
	form_set(&f, "held_on", partner_today(&r->arena));
	form_set(&f, "report_sent", "nee");
	/* from a partner's or a community's page: it is filled in (if it is this org's) */
	const char *v = req_query(r, "partner");
	for (size_t i = 1; v && i < ps.n; i++)
		if (strcmp(ps.values[i], v) == 0)
			form_set(&f, "partner", v);
	v = req_query(r, "community");
	for (size_t i = 1; v && i < cs.n; i++)
		if (strcmp(cs.values[i], v) == 0)
			form_set(&f, "community", v);
	v = req_query(r, "soort");
	form_set(&f, "kind", vocab_index(conversation_kinds, v) >= 0 ? v : "kennismaking");
	return talk_form_page(r, &f, &af, 0, 0, NULL, false, 200);
}

int page_conversation_create(struct req *r)
{
	struct choices ps, cs, os;
	if (load_choices(r, &ps, &cs, &os) != 0)
		return HANDLER_ERROR;
	struct field_spec specs[N_TALK_FIELDS], aspecs[N_ACTION_FIELDS];
	talk_specs(specs, &ps, &cs);
	action_specs(aspecs, &os);
	struct form f, af;
	bool ok = form_read(r, &f, specs, N_TALK_FIELDS);
	ok &= form_read(r, &af, aspecs, N_ACTION_FIELDS);
	struct conversation c = talk_from_form(&f);
	if (form_value(&f, "partner")[0] == '\0' && form_value(&f, "community")[0] == '\0') {
		form_error(&f, "partner", T(TALK_NEED_WHO));
		ok = false;
	}
	struct action_new aps[N_NEW_ACTIONS];
	for (int i = 0; i < N_NEW_ACTIONS; i++) {
		aps[i].text = form_value(&af, action_names[3 * i]);
		aps[i].owner_id = atoll(form_value(&af, action_names[3 * i + 1]));
		aps[i].due_on = form_value(&af, action_names[3 * i + 2]);
		if (aps[i].text[0] == '\0' &&
		    (aps[i].owner_id || aps[i].due_on[0])) { /* a who or when without a what */
			form_error(&af, action_names[3 * i], T(ACTION_EMPTY));
			ok = false;
		}
	}
	if (!ok)
		return talk_form_page(r, &f, &af, 0, 0, NULL, false, 422);
	long long id = 0;
	enum save_result rc =
	    conversation_create(r->db, r->org_id, r->person_id, &c, aps, N_NEW_ACTIONS, &id);
	if (rc == SAVE_NOT_FOUND || rc == SAVE_REFUSED) { /* the checks above should catch it */
		form_error(&f, "partner", T(TALK_BAD_REFS));
		return talk_form_page(r, &f, &af, 0, 0, NULL, false, 422);
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	resp_redirect(r, ui_conversation_url(r, id, "?klaar=nieuw"));
	return HANDLER_OK;
}

int page_conversation_edit(struct req *r)
{
	struct conversation c;
	int found = conversation_get(r->db, &r->arena, r->org_id, r->param_id, &c);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	struct choices ps, cs, os;
	if (load_choices(r, &ps, &cs, &os) != 0)
		return HANDLER_ERROR;
	struct field_spec specs[N_TALK_FIELDS];
	talk_specs(specs, &ps, &cs);
	struct form f;
	form_init(&f, specs, N_TALK_FIELDS);
	talk_to_form(r, &f, &c);
	return talk_form_page(r, &f, NULL, c.id, c.version, NULL, false, 200);
}

int page_conversation_save(struct req *r)
{
	struct choices ps, cs, os;
	if (load_choices(r, &ps, &cs, &os) != 0)
		return HANDLER_ERROR;
	struct field_spec specs[N_TALK_FIELDS];
	talk_specs(specs, &ps, &cs);
	struct form f;
	bool ok = form_read(r, &f, specs, N_TALK_FIELDS);
	struct conversation c = talk_from_form(&f);
	c.id = r->param_id;
	struct conversation now;
	int found = conversation_get(r->db, &r->arena, r->org_id, c.id, &now);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0) { /* another org's id, or deleted meanwhile: keep the text in view */
		if (form_value(&f, "subject")[0] == '\0') {
			resp_error(r, 404);
			return HANDLER_OK;
		}
		return talk_form_page(r, &f, NULL, c.id, c.version, NULL, true, 404);
	}
	if (form_value(&f, "partner")[0] == '\0' && form_value(&f, "community")[0] == '\0') {
		form_error(&f, "partner", T(TALK_NEED_WHO));
		ok = false;
	}
	if (!ok)
		return talk_form_page(r, &f, NULL, c.id, c.version, NULL, false, 422);
	enum save_result rc = conversation_update(r->db, r->org_id, r->person_id, &c);
	if (rc == SAVE_CONFLICT) {
		if (conversation_get(r->db, &r->arena, r->org_id, c.id, &now) != 1)
			return HANDLER_ERROR;
		struct field_spec tspecs[N_TALK_FIELDS];
		talk_specs(tspecs, &ps, &cs);
		struct form t;
		form_init(&t, tspecs, N_TALK_FIELDS);
		talk_to_form(r, &t, &now);
		return talk_form_page(r, &f, NULL, c.id, now.version, &t, false, 409);
	}
	if (rc == SAVE_NOT_FOUND || rc == SAVE_REFUSED) {
		form_error(&f, "partner", T(TALK_BAD_REFS));
		return talk_form_page(r, &f, NULL, c.id, c.version, NULL, false, 422);
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	resp_redirect(r, ui_conversation_url(r, c.id, "?klaar=opgeslagen"));
	return HANDLER_OK;
}

/* ---- one conversation ---- */

/* A fact: label and text, or "nog niet ingevuld". */
static void fact_row(struct html *h, const char *label, const char *value)
{
	html(h, "<div class=\"kring-fact\"><dt>%s</dt>", label);
	if (value && value[0])
		html(h, "<dd class=\"kring-pre\">%s</dd></div>", value);
	else
		html(h, "<dd class=\"kring-muted\">%s</dd></div>", T(EMPTY_VALUE));
}

/* What went wrong with an action point, to show where it happened. */
struct ap_problem {
	bool add;           /* the add form */
	long long id;       /* or the edit form of this action point */
	const char *text;   /* what was typed */
	const char *owner;  /* the chosen owner id ("" none) */
	const char *due;    /* the chosen date */
	const char *error;  /* what is wrong, or NULL */
	const char *theirs; /* what someone else saved meanwhile, or NULL */
	long long version;  /* the version the next save starts from */
};

static void owner_select(struct req *r, struct html *h, const char *id, const struct choices *os,
                         const char *current)
{
	html(h,
	     "<div class=\"kring-add__field\"><label class=\"utrecht-form-label\" for=\"%s\">%s"
	     "</label><select class=\"utrecht-select\" id=\"%s\" name=\"owner\">",
	     id, T(AF_OWNER), id);
	for (size_t i = 0; i < os->n; i++)
		html(h, "<option value=\"%s\"%s>%s</option>", os->values[i],
		     strcmp(os->values[i], current) == 0 ? " selected" : "", os->labels[i]);
	html(h, "</select></div>");
	(void)r;
}

static void due_input(struct html *h, const char *id, const char *value)
{
	html(h,
	     "<div class=\"kring-add__field kring-add__date\"><label class=\"utrecht-form-label\" "
	     "for=\"%s\">%s</label><input class=\"utrecht-textbox\" type=\"date\" id=\"%s\" "
	     "name=\"due\" value=\"%s\"></div>",
	     id, T(AF_DUE), id, value);
}

static void action_item(struct req *r, struct html *h, const struct conversation *c,
                        const struct action_point *ap, const struct choices *os, bool staff,
                        const char *today, const struct ap_problem *pb)
{
	bool mine = pb && !pb->add && pb->id == ap->id;
	html(h, "<li class=\"kring-ap%s\" id=\"ap-%lld\" tabindex=\"-1\">",
	     ap->done ? " kring-ap--done" : "", ap->id);
	if (staff)
		ui_action_toggle(r, h, ap, "gesprek");
	else
		html(h, "<span class=\"kring-badge kring-badge--%s\">%s</span> ",
		     ap->done ? "gedaan" : "gepland", ap->done ? T(ACTION_DONE) : T(ACTION_OPEN));
	html(h, "<span class=\"kring-ap__text kring-pre\">%s</span><span class=\"kring-ap__meta\">",
	     ap->text);
	html(h, "%s · ", ap->owner_name[0] ? ap->owner_name : T(ACTION_NOBODY));
	ui_due(r, h, ap->due_on, ap->done, today);
	if (ap->done)
		html(h, " · %s",
		     arena_printf(&r->arena, T(ACTION_DONE_ON), fmt_date(&r->arena, ap->done_at)));
	html(h, "</span>");
	if (staff) {
		const char *base =
		    ui_conversation_url(r, c->id, arena_printf(&r->arena, "/actions/%lld", ap->id));
		html(h,
		     "<details class=\"kring-details kring-item__edit\"%s><summary>%s<span "
		     "class=\"kring-sr\">: %s</span></summary>",
		     mine ? " open" : "", T(ITEM_EDIT), ui_short(&r->arena, ap->text, 60));
		if (mine && pb->error)
			html(h,
			     "<p class=\"utrecht-form-field-error-message\" role=\"alert\">%s</p>",
			     pb->error);
		if (mine && pb->theirs)
			html(h,
			     "<div class=\"utrecht-alert utrecht-alert--warning kring-notice\" "
			     "role=\"alert\"><p class=\"utrecht-paragraph\">%s</p><p "
			     "class=\"utrecht-paragraph\"><strong>%s</strong></p><p "
			     "class=\"utrecht-paragraph kring-pre\">%s</p></div>",
			     T(ACTION_CONFLICT), T(ITEM_CONFLICT_THEIRS), pb->theirs);
		ui_form(h, r, base, "kring-add kring-ap-form");
		html(h,
		     "<input type=\"hidden\" name=\"version\" value=\"%lld\">"
		     "<div class=\"kring-add__field kring-add__field--wide\"><label "
		     "class=\"utrecht-form-label\" for=\"ap-text-%lld\">%s</label><textarea "
		     "class=\"utrecht-textarea\" id=\"ap-text-%lld\" name=\"text\" rows=\"2\">%s"
		     "</textarea></div>",
		     mine ? pb->version : ap->version, ap->id, T(AF_TEXT), ap->id,
		     mine ? pb->text : ap->text);
		owner_select(
		    r, h, arena_printf(&r->arena, "ap-owner-%lld", ap->id), os,
		    mine ? pb->owner
		         : (ap->owner_id ? arena_printf(&r->arena, "%lld", ap->owner_id) : ""));
		due_input(h, arena_printf(&r->arena, "ap-due-%lld", ap->id),
		          mine ? pb->due : ap->due_on);
		html(h,
		     "<button class=\"utrecht-button utrecht-button--primary-action\" "
		     "type=\"submit\">%s</button></form>",
		     T(SAVE));
		ui_form(h, r, arena_printf(&r->arena, "%s/delete", base), "kring-tool-form");
		html(h,
		     "<p class=\"kring-actions\"><button class=\"utrecht-button "
		     "utrecht-button--secondary-action kring-danger\" type=\"submit\">%s<span "
		     "class=\"kring-sr\">: %s</span></button></p></form></details>",
		     T(ITEM_DELETE), ui_short(&r->arena, ap->text, 60));
	}
	html(h, "</li>");
}

static void actions_section(struct req *r, struct html *h, const struct conversation *c, bool staff,
                            const struct ap_problem *pb)
{
	struct action_point *aps;
	size_t n;
	if (action_list(r->db, &r->arena, r->org_id, c->id, &aps, &n) != 0)
		n = 0;
	struct choices ps, cs, os;
	if (staff && load_choices(r, &ps, &cs, &os) != 0)
		staff = false;
	const char *today = partner_today(&r->arena);
	html(h,
	     "<section class=\"kring-card\" id=\"actiepunten\" data-kring-region "
	     "aria-labelledby=\"h-actiepunten\"><h2 class=\"utrecht-heading-2\" "
	     "id=\"h-actiepunten\" tabindex=\"-1\">%s</h2><p class=\"utrecht-paragraph kring-small "
	     "kring-muted\">%s</p>",
	     T(ACTIONS_TITLE), T(ACTIONS_INTRO));
	const char *done = req_query(r, "klaar");
	static const struct {
		const char *key;
		int text;
	} notices[] = {
	    {"ap-nieuw", TXT_ACTION_ADDED},   {"ap-opgeslagen", TXT_ACTION_SAVED},
	    {"ap-gedaan", TXT_ACTION_TICKED}, {"ap-open", TXT_ACTION_REOPENED},
	    {"ap-weg", TXT_ACTION_DELETED},
	};
	for (size_t i = 0; done && i < sizeof(notices) / sizeof(notices[0]); i++)
		if (strcmp(done, notices[i].key) == 0)
			page_notice(h, "ok", text_nl[notices[i].text]);
	if (n == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(TALK_ACTIONS_NONE));
	} else {
		html(h, "<ul class=\"kring-actions-list\">");
		for (size_t i = 0; i < n; i++)
			action_item(r, h, c, &aps[i], &os, staff, today, pb);
		html(h, "</ul>");
	}
	if (staff) {
		bool err = pb && pb->add && pb->error;
		html(h, "<h3 class=\"utrecht-heading-3\">%s</h3>", T(ACTION_ADD_TITLE));
		ui_form(h, r, ui_conversation_url(r, c->id, "/actions"), "kring-add kring-ap-form");
		html(h,
		     "<div class=\"kring-add__field kring-add__field--wide%s\"><label "
		     "class=\"utrecht-form-label\" for=\"ap-nieuw\">%s</label>",
		     err ? " utrecht-form-field--invalid" : "", T(AF_TEXT));
		if (err)
			html(h,
			     "<p class=\"utrecht-form-field-error-message\" "
			     "id=\"ap-nieuw-error\">%s</p>",
			     pb->error);
		html(h, "<textarea class=\"utrecht-textarea\" id=\"ap-nieuw\" name=\"text\" "
		        "rows=\"2\"");
		if (err)
			html(h, " aria-invalid=\"true\" aria-describedby=\"ap-nieuw-error\"");
		html(h, ">%s</textarea></div>", err ? pb->text : "");
		owner_select(r, h, "ap-nieuw-owner", &os, err ? pb->owner : "");
		due_input(h, "ap-nieuw-due", err ? pb->due : "");
		html(h,
		     "<button class=\"utrecht-button utrecht-button--secondary-action\" "
		     "type=\"submit\">%s</button></form>",
		     T(ACTION_ADD));
	}
	html(h, "</section>");
}

static int talk_page(struct req *r, const struct ap_problem *pb, unsigned status)
{
	struct conversation c;
	int found = conversation_get(r->db, &r->arena, r->org_id, r->param_id, &c);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	bool staff = (r->role & ROLES_STAFF) != 0;
	const char *today = partner_today(&r->arena);
	struct html h;
	page_begin(r, &h, ui_short(&r->arena, c.subject, 80));
	html(&h,
	     "<nav class=\"kring-crumbs\" aria-label=\"%s\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/conversations\">%s</a></nav>"
	     "<div class=\"kring-profile-head\"><div><h1 class=\"utrecht-heading-1\">%s</h1>"
	     "<p class=\"kring-profile-head__meta\">",
	     T(CRUMBS_LABEL), r->org_slug, T(TALK_BACK), c.subject);
	ui_conversation_badge(&h, c.kind);
	html(&h, " <span>%s</span>", ui_date(&r->arena, c.held_on));
	html(&h, "</p></div><p class=\"kring-toolbar kring-profile-head__tools\">");
	if (staff)
		html(&h,
		     "<a class=\"utrecht-button utrecht-button--primary-action kring-button-link\" "
		     "href=\"%s\">%s</a>",
		     ui_conversation_url(r, c.id, "/edit"), T(TALK_EDIT));
	html(&h,
	     "<button class=\"utrecht-button utrecht-button--secondary-action\" type=\"button\" "
	     "data-kring-print hidden>%s</button>",
	     T(PROFILE_PRINT));
	if (staff)
		html(&h, "<a class=\"utrecht-link kring-danger-link\" href=\"%s\">%s</a>",
		     ui_conversation_url(r, c.id, "/delete"), T(PROFILE_DELETE));
	html(&h, "</p></div>");
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "nieuw") == 0)
		page_notice(&h, "ok", T(TALK_CREATED));
	else if (done && strcmp(done, "opgeslagen") == 0)
		page_notice(&h, "ok", T(TALK_SAVED));

	html(&h, "<div class=\"kring-profile\"><div class=\"kring-profile__main\">");
	html(&h,
	     "<section class=\"kring-card\" aria-labelledby=\"h-verslag\"><h2 "
	     "class=\"utrecht-heading-2\" id=\"h-verslag\">%s</h2>",
	     T(TF_REPORT));
	if (c.report[0])
		html(&h, "<div class=\"kring-report kring-pre\">%s</div>", c.report);
	else
		html(&h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(TALK_NO_REPORT));
	html(&h, "<dl class=\"kring-facts kring-facts--two\">");
	html(&h, "<div class=\"kring-fact\"><dt>%s</dt><dd>", T(TF_SENT));
	if (c.report_sent)
		html(&h, "<span class=\"kring-badge kring-badge--gedaan\">%s</span>", T(SENT_YES));
	else
		html(&h,
		     "<span class=\"kring-badge kring-badge--gepland\">%s</span> "
		     "<span class=\"kring-small kring-muted\">%s</span>",
		     T(SENT_NOT_YET), T(TALK_SEND_TIP));
	html(&h, "</dd></div>");
	fact_row(&h, T(TF_PARTICIPANTS), c.participants);
	if (c.who[0])
		fact_row(&h, T(TALK_WRITTEN_BY), c.who);
	html(&h, "</dl></section>");
	actions_section(r, &h, &c, staff, pb);
	html(&h, "</div><div class=\"kring-profile__side\">");
	html(&h,
	     "<section class=\"kring-card\" aria-labelledby=\"h-met\"><h2 "
	     "class=\"utrecht-heading-2\" id=\"h-met\">%s</h2><dl class=\"kring-facts\">",
	     T(TALK_WITH));
	html(&h, "<div class=\"kring-fact\"><dt>%s</dt><dd>", T(TF_PARTNER));
	if (c.partner_id)
		html(&h, "<a class=\"utrecht-link\" href=\"%s\">%s</a>",
		     ui_partner_url(r, c.partner_id, ""), c.partner_name);
	else
		html(&h, "<span class=\"kring-muted\">%s</span>", T(TALK_NO_PARTNER));
	html(&h, "</dd></div><div class=\"kring-fact\"><dt>%s</dt><dd>", T(TF_COMMUNITY));
	if (c.community_id)
		html(&h, "<a class=\"utrecht-link\" href=\"%s\">%s</a>",
		     ui_community_url(r, c.community_id, ""), c.community_name);
	else
		html(&h, "<span class=\"kring-muted\">%s</span>", T(TALK_NO_COMMUNITY));
	html(&h, "</dd></div></dl></section>");
	html(&h,
	     "<section class=\"kring-card\" id=\"volgend-contact\" aria-labelledby=\"h-volgend\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-volgend\">%s</h2>",
	     T(TF_SECTION_NEXT));
	if (c.next_on[0]) {
		html(&h, "<p class=\"kring-next\"><span class=\"kring-next__date\">%s</span>",
		     ui_date(&r->arena, c.next_on));
		if (strcmp(c.next_on, today) < 0)
			html(&h, " <span class=\"kring-badge kring-badge--late\">%s</span>",
			     T(NEXT_PASSED));
		html(&h, "</p>");
		if (c.next_note[0])
			html(&h, "<p class=\"utrecht-paragraph kring-pre\">%s</p>", c.next_note);
	} else {
		html(&h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(TALK_NO_NEXT));
	}
	html(&h, "<p class=\"utrecht-paragraph kring-small kring-muted\">%s</p>", T(TALK_HOLD_ON));
	if (staff) {
		struct buf q;
		buf_init(&q, &r->arena);
		if (c.partner_id)
			buf_printf(&q, "&partner=%lld", c.partner_id);
		if (c.community_id)
			buf_printf(&q, "&community=%lld", c.community_id);
		html(&h,
		     "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
		     "href=\"/o/%s/conversations/new?%s\">%s</a></p>",
		     r->org_slug, buf_str(&q) + 1, T(TALK_FOLLOW_UP));
	}
	html(&h, "</section></div></div>");
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_conversation(struct req *r)
{
	return talk_page(r, NULL, 200);
}

/* ---- delete, after a confirmation step ---- */

int page_conversation_delete_confirm(struct req *r)
{
	struct conversation c;
	int found = conversation_get(r->db, &r->arena, r->org_id, r->param_id, &c);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	struct html h;
	page_begin(r, &h, T(TDELETE_TITLE));
	html(
	    &h,
	    "<div class=\"kring-narrow\"><nav class=\"kring-crumbs\" aria-label=\"%s\">"
	    "<a class=\"utrecht-link\" href=\"/o/%s/conversations\">%s</a> › "
	    "<a class=\"utrecht-link\" href=\"%s\">%s</a></nav>"
	    "<h1 class=\"utrecht-heading-1\">%s</h1>"
	    "<p class=\"utrecht-paragraph kring-lead\">%s</p><p class=\"utrecht-paragraph\">%s</p>",
	    T(CRUMBS_LABEL), r->org_slug, T(TALK_BACK), ui_conversation_url(r, c.id, ""),
	    ui_short(&r->arena, c.subject, 80), T(TDELETE_TITLE),
	    arena_printf(&r->arena, T(TDELETE_QUESTION), ui_short(&r->arena, c.subject, 200),
	                 ui_date(&r->arena, c.held_on)),
	    T(TDELETE_EXPLAIN));
	form_begin(&h, r, ui_conversation_url(r, c.id, "/delete"));
	html(&h,
	     "<p class=\"kring-actions\"><button class=\"utrecht-button "
	     "utrecht-button--secondary-action kring-danger\" type=\"submit\">%s</button>"
	     "<a class=\"utrecht-button utrecht-button--primary-action kring-button-link\" "
	     "href=\"%s\">%s</a></p></form></div>",
	     T(TDELETE_CONFIRM), ui_conversation_url(r, c.id, ""), T(TDELETE_CANCEL));
	page_end(r, &h, 200);
	return HANDLER_OK;
}

int page_conversation_delete(struct req *r)
{
	enum save_result rc = conversation_delete(r->db, r->org_id, r->person_id, r->param_id);
	if (rc == SAVE_NOT_FOUND) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	resp_redirect(r,
	              arena_printf(&r->arena, "/o/%s/conversations?klaar=verwijderd", r->org_slug));
	return HANDLER_OK;
}

/* ---- action points ---- */

/* Reads text, owner and due of an action point form; the error, or NULL. */
static const char *read_action(struct req *r, struct action_new *ap, const char **owner)
{
	struct field_spec specs[3] = {
	    {.name = "text",
	     .label = T(AF_TEXT),
	     .kind = FIELD_TEXTAREA,
	     .required = true,
	     .max_len = 2000},
	    {.name = "owner", .label = T(AF_OWNER), .kind = FIELD_TEXT, .max_len = 20},
	    {.name = "due", .label = T(AF_DUE), .kind = FIELD_DATE, .max_len = 10},
	};
	struct form f;
	bool ok = form_read(r, &f, specs, 3);
	ap->text = form_value(&f, "text");
	*owner = form_value(&f, "owner");
	ap->owner_id = atoll(*owner);
	ap->due_on = form_value(&f, "due");
	if (ok)
		return NULL;
	if (ap->text[0] == '\0')
		return T(ACTION_EMPTY);
	for (size_t i = 0; i < 3; i++)
		if (f.errors[i])
			return f.errors[i];
	return T(ACTION_EMPTY);
}

static int back_to_talk(struct req *r, const char *done, const char *anchor)
{
	resp_redirect(r,
	              ui_conversation_url(r, r->param_id,
	                                  arena_printf(&r->arena, "?klaar=%s#%s", done, anchor)));
	return HANDLER_OK;
}

int page_action_add(struct req *r)
{
	struct action_new ap;
	const char *owner;
	const char *err = read_action(r, &ap, &owner);
	if (err) {
		struct ap_problem pb = {
		    .add = true, .text = ap.text, .owner = owner, .due = ap.due_on, .error = err};
		return talk_page(r, &pb, 422);
	}
	enum save_result rc = action_add(r->db, r->org_id, r->person_id, r->param_id, &ap, NULL);
	if (rc == SAVE_NOT_FOUND) {
		int exists = conversation_get(r->db, &r->arena, r->org_id, r->param_id,
		                              &(struct conversation){0});
		if (exists < 0)
			return HANDLER_ERROR;
		if (exists == 0) {
			resp_error(r, 404);
			return HANDLER_OK;
		}
		/* an owner who is not staff of this organisation */
		struct ap_problem pb = {.add = true,
		                        .text = ap.text,
		                        .owner = "",
		                        .due = ap.due_on,
		                        .error = T(ACTION_BAD_OWNER)};
		return talk_page(r, &pb, 422);
	}
	if (rc == SAVE_REFUSED) {
		struct ap_problem pb = {.add = true,
		                        .text = ap.text,
		                        .owner = owner,
		                        .due = ap.due_on,
		                        .error = T(ACTION_EMPTY)};
		return talk_page(r, &pb, 422);
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	return back_to_talk(r, "ap-nieuw", "actiepunten");
}

int page_action_save(struct req *r)
{
	struct action_new ap;
	const char *owner;
	const char *err = read_action(r, &ap, &owner);
	const char *v = req_form(r, "version");
	long long version = v ? atoll(v) : 0;
	struct action_point old;
	int found = action_get(r->db, &r->arena, r->org_id, r->param_id, r->param_id2, &old);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	struct ap_problem pb = {.id = old.id,
	                        .text = ap.text,
	                        .owner = owner,
	                        .due = ap.due_on,
	                        .error = err,
	                        .version = version};
	if (err)
		return talk_page(r, &pb, 422);
	enum save_result rc =
	    action_update(r->db, r->org_id, r->person_id, r->param_id, r->param_id2, &ap, version);
	if (rc == SAVE_CONFLICT) {
		struct action_point now;
		if (action_get(r->db, &r->arena, r->org_id, r->param_id, r->param_id2, &now) != 1)
			return HANDLER_ERROR;
		struct buf t;
		buf_init(&t, &r->arena);
		buf_puts(&t, now.text);
		buf_printf(&t, "\n%s · %s", now.owner_name[0] ? now.owner_name : T(ACTION_NOBODY),
		           now.due_on[0] ? ui_date(&r->arena, now.due_on) : T(ACTION_NO_DUE));
		pb.theirs = buf_str(&t);
		pb.version = now.version;
		return talk_page(r, &pb, 409);
	}
	if (rc == SAVE_NOT_FOUND) {
		pb.error = T(ACTION_BAD_OWNER);
		pb.owner = "";
		return talk_page(r, &pb, 422);
	}
	if (rc == SAVE_REFUSED) {
		pb.error = T(ACTION_EMPTY);
		return talk_page(r, &pb, 422);
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	return back_to_talk(r, "ap-opgeslagen", arena_printf(&r->arena, "ap-%lld", old.id));
}

int page_action_done(struct req *r)
{
	const char *d = req_form(r, "done");
	if (d == NULL || (strcmp(d, "1") != 0 && strcmp(d, "0") != 0)) {
		resp_error(r, 400);
		return HANDLER_OK;
	}
	bool done = d[0] == '1';
	struct conversation c;
	int found = conversation_get(r->db, &r->arena, r->org_id, r->param_id, &c);
	if (found < 0)
		return HANDLER_ERROR;
	enum save_result rc =
	    found ? action_set_done(r->db, r->org_id, r->person_id, r->param_id, r->param_id2, done)
	          : SAVE_NOT_FOUND;
	if (rc == SAVE_NOT_FOUND) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	const char *back = req_form(r, "terug");
	const char *key = done ? "ap-gedaan" : "ap-open";
	if (back && strcmp(back, "lijst") == 0)
		resp_redirect(r, arena_printf(&r->arena,
		                              "/o/%s/conversations?klaar=%s#open-actiepunten",
		                              r->org_slug, key));
	else if (back && strcmp(back, "partner") == 0 && c.partner_id)
		resp_redirect(r,
		              ui_partner_url(r, c.partner_id,
		                             arena_printf(&r->arena, "?klaar=%s#gesprekken", key)));
	else
		back_to_talk(r, key, arena_printf(&r->arena, "ap-%lld", r->param_id2));
	return HANDLER_OK;
}

int page_action_delete(struct req *r)
{
	enum save_result rc =
	    action_delete(r->db, r->org_id, r->person_id, r->param_id, r->param_id2);
	if (rc == SAVE_NOT_FOUND) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	return back_to_talk(r, "ap-weg", "actiepunten");
}

/* ---- the list ---- */

static void open_actions_card(struct req *r, struct html *h, bool staff, const char *today)
{
	struct action_point *ap;
	size_t n;
	if (action_open_list(r->db, &r->arena, r->org_id, 0, 0, &ap, &n) != 0)
		n = 0;
	size_t late = 0;
	for (size_t i = 0; i < n; i++)
		late += ap[i].due_on[0] && strcmp(ap[i].due_on, today) < 0;
	html(h,
	     "<section class=\"kring-card\" id=\"open-actiepunten\" aria-labelledby=\"h-open\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-open\" tabindex=\"-1\">%s</h2>",
	     T(OPEN_ACTIONS_TITLE));
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "ap-gedaan") == 0)
		page_notice(h, "ok", T(ACTION_TICKED));
	else if (done && strcmp(done, "ap-open") == 0)
		page_notice(h, "ok", T(ACTION_REOPENED));
	if (late > 0)
		html(h, "<p class=\"kring-signals kring-signal-inline\"><strong>%s</strong> %s</p>",
		     arena_printf(&r->arena, T(SIGNAL_LATE_ACTIONS), late), T(SIGNAL_LATE_LESSON));
	if (n == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(OPEN_ACTIONS_NONE));
	} else {
		html(h, "<ul class=\"kring-actions-list\">");
		for (size_t i = 0; i < n; i++) {
			html(h, "<li class=\"kring-ap\">");
			if (staff)
				ui_action_toggle(r, h, &ap[i], "lijst");
			html(h,
			     "<span class=\"kring-ap__text\">%s</span><span "
			     "class=\"kring-ap__meta\">%s · ",
			     ui_short(&r->arena, ap[i].text, 200),
			     ap[i].owner_name[0] ? ap[i].owner_name : T(ACTION_NOBODY));
			ui_due(r, h, ap[i].due_on, false, today);
			html(h, " · <a class=\"utrecht-link\" href=\"%s\">%s</a></span></li>",
			     ui_conversation_url(r, ap[i].conversation_id, ""),
			     ui_short(&r->arena,
			              ap[i].partner_name[0]
			                  ? arena_printf(&r->arena, "%s (%s)", ap[i].subject,
			                                 ap[i].partner_name)
			                  : ap[i].subject,
			              80));
		}
		html(h, "</ul>");
	}
	html(h, "</section>");
}

static void upcoming_card(struct req *r, struct html *h, const char *today)
{
	struct conversation *cv;
	size_t n;
	if (conversation_upcoming(r->db, &r->arena, r->org_id, today, &cv, &n) != 0)
		n = 0;
	html(h,
	     "<section class=\"kring-card\" id=\"gepland\" aria-labelledby=\"h-gepland\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-gepland\">%s</h2>"
	     "<p class=\"utrecht-paragraph kring-small kring-muted\">%s</p>",
	     T(UPCOMING_TITLE), T(TALK_HOLD_ON));
	if (n == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(UPCOMING_NONE));
	} else {
		html(h, "<ul class=\"kring-talks\">");
		for (size_t i = 0; i < n; i++) {
			const char *who =
			    cv[i].partner_name[0] ? cv[i].partner_name : cv[i].community_name;
			html(h,
			     "<li><span class=\"kring-talks__date\">%s</span> <a "
			     "class=\"utrecht-link\" "
			     "href=\"%s\">%s</a>",
			     ui_date(&r->arena, cv[i].next_on),
			     ui_conversation_url(r, cv[i].id, ""), ui_short(&r->arena, who, 80));
			if (cv[i].next_note[0])
				html(h, "<br><span class=\"kring-small kring-muted\">%s</span>",
				     ui_short(&r->arena, cv[i].next_note, 120));
			html(h, "</li>");
		}
		html(h, "</ul>");
	}
	html(h, "</section>");
}

int page_conversations(struct req *r)
{
	struct choices ps, cs, os;
	if (load_choices(r, &ps, &cs, &os) != 0)
		return HANDLER_ERROR;
	struct conversation_filter f = {.kind = ""};
	const char *v = req_query(r, "soort");
	if (vocab_index(conversation_kinds, v) >= 0)
		f.kind = v;
	v = req_query(r, "partner");
	for (size_t i = 1; v && i < ps.n; i++) /* only a partner of this organisation */
		if (strcmp(ps.values[i], v) == 0)
			f.partner = atoll(v);
	v = req_query(r, "community");
	for (size_t i = 1; v && i < cs.n; i++)
		if (strcmp(cs.values[i], v) == 0)
			f.community = atoll(v);
	long long page = 1;
	const char *p = req_query(r, "pagina");
	if (p) {
		page = atoll(p);
		if (page < 1 || page > 100000)
			page = 1;
	}
	struct conversation *cv;
	size_t n;
	long long total;
	if (conversation_list(r->db, &r->arena, r->org_id, &f, LIST_PAGE, (page - 1) * LIST_PAGE,
	                      &cv, &n, &total) != 0)
		return HANDLER_ERROR;
	bool staff = (r->role & ROLES_STAFF) != 0;
	const char *today = partner_today(&r->arena);
	struct buf qb;
	buf_init(&qb, &r->arena);
	if (f.kind[0])
		buf_printf(&qb, "&soort=%s", f.kind);
	if (f.partner)
		buf_printf(&qb, "&partner=%lld", f.partner);
	if (f.community)
		buf_printf(&qb, "&community=%lld", f.community);
	const char *q = qb.len ? buf_str(&qb) + 1 : "";

	struct html h;
	page_begin(r, &h, T(TALKS_TITLE));
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     T(TALKS_TITLE), T(TALKS_INTRO));
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "verwijderd") == 0)
		page_notice(&h, "ok", T(TALK_DELETED));
	html(&h, "<p class=\"kring-toolbar\">");
	if (staff)
		html(&h,
		     "<a class=\"utrecht-button utrecht-button--primary-action kring-button-link\" "
		     "href=\"/o/%s/conversations/new\">%s</a>",
		     r->org_slug, T(TALK_NEW));
	html(&h,
	     "<a class=\"utrecht-link\" href=\"/o/%s/conversations/prepare\">%s</a>"
	     "<a class=\"utrecht-link\" href=\"/o/%s/partners/print\">%s</a></p>",
	     r->org_slug, T(TALK_PREPARE), r->org_slug, T(PARTNERS_PRINT_BLANK));
	html(&h, "<div class=\"kring-columns kring-columns--2\">");
	open_actions_card(r, &h, staff, today);
	upcoming_card(r, &h, today);
	html(&h, "</div>");

	html(&h, "<h2 class=\"utrecht-heading-2\" id=\"h-alle\">%s</h2>", T(TALKS_ALL));
	bool any_filter = f.kind[0] || f.partner || f.community;
	if (total > 0 || any_filter) {
		html(&h,
		     "<form class=\"kring-filters\" method=\"get\" action=\"/o/%s/conversations\" "
		     "aria-label=\"%s\">",
		     r->org_slug, T(COMMUNITIES_FILTER_TITLE));
		html(&h,
		     "<div class=\"kring-filter\"><label class=\"utrecht-form-label\" "
		     "for=\"filter-soort\">%s</label><select class=\"utrecht-select\" "
		     "id=\"filter-soort\" name=\"soort\"><option value=\"\">%s</option>",
		     T(TF_KIND), T(FILTER_ALL));
		for (int i = 0; conversation_kinds[i]; i++)
			html(&h, "<option value=\"%s\"%s>%s</option>", conversation_kinds[i],
			     strcmp(conversation_kinds[i], f.kind) == 0 ? " selected" : "",
			     text_nl[TXT_CONVERSATION_KIND_KENNISMAKING + i]);
		html(&h, "</select></div>");
		const char *names[] = {"partner", "community"};
		const struct choices *chs[] = {&ps, &cs};
		long long cur[] = {f.partner, f.community};
		const char *labels[] = {T(TF_PARTNER), T(TF_COMMUNITY)};
		for (int k = 0; k < 2; k++) {
			html(&h,
			     "<div class=\"kring-filter\"><label class=\"utrecht-form-label\" "
			     "for=\"filter-%s\">%s</label><select class=\"utrecht-select\" "
			     "id=\"filter-%s\" name=\"%s\"><option value=\"\">%s</option>",
			     names[k], labels[k], names[k], names[k], T(FILTER_ALL));
			for (size_t i = 1; i < chs[k]->n; i++)
				html(&h, "<option value=\"%s\"%s>%s</option>", chs[k]->values[i],
				     atoll(chs[k]->values[i]) == cur[k] ? " selected" : "",
				     chs[k]->labels[i]);
			html(&h, "</select></div>");
		}
		html(&h,
		     "<div class=\"kring-filter kring-filter--buttons\"><button "
		     "class=\"utrecht-button utrecht-button--secondary-action\" "
		     "type=\"submit\">%s</button>",
		     T(FILTER_APPLY));
		if (any_filter)
			html(&h, " <a class=\"utrecht-link\" href=\"/o/%s/conversations\">%s</a>",
			     r->org_slug, T(FILTER_RESET));
		html(&h, "</div></form>");
	}
	if (n == 0) {
		html(&h, "<p class=\"utrecht-paragraph kring-empty\">%s</p>",
		     any_filter ? T(TALKS_NONE_FILTER) : T(TALKS_NONE));
	} else {
		html(&h,
		     "<div class=\"kring-table-wrap\"><table class=\"utrecht-table kring-table "
		     "kring-table--talks\"><caption class=\"utrecht-table__caption\">%s</caption>"
		     "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th></tr></thead>"
		     "<tbody class=\"utrecht-table__body\">",
		     arena_printf(&r->arena, T(TALKS_CAPTION), total), T(TCOL_DATE), T(TCOL_TALK),
		     T(TCOL_WITH), T(TCOL_SENT), T(TCOL_NEXT));
		for (size_t i = 0; i < n; i++) {
			html(&h,
			     "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell "
			     "kring-nowrap\" data-label=\"%s\">%s</td><th "
			     "class=\"utrecht-table__cell\" "
			     "scope=\"row\"><a class=\"utrecht-link kring-strong-link\" "
			     "href=\"%s\">%s</a><br>",
			     T(TCOL_DATE), ui_date(&r->arena, cv[i].held_on),
			     ui_conversation_url(r, cv[i].id, ""),
			     ui_short(&r->arena, cv[i].subject, 120));
			ui_conversation_badge(&h, cv[i].kind);
			html(&h, "</th><td class=\"utrecht-table__cell\" data-label=\"%s\">",
			     T(TCOL_WITH));
			if (cv[i].partner_id)
				html(&h, "<a class=\"utrecht-link\" href=\"%s\">%s</a>",
				     ui_partner_url(r, cv[i].partner_id, ""),
				     ui_short(&r->arena, cv[i].partner_name, 60));
			if (cv[i].partner_id && cv[i].community_id)
				html(&h, "<br>");
			if (cv[i].community_id)
				html(&h, "<span class=\"kring-small\">%s</span>",
				     ui_short(&r->arena, cv[i].community_name, 60));
			html(&h, "</td><td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td>",
			     T(TCOL_SENT), cv[i].report_sent ? T(SENT_YES_SHORT) : T(SENT_NOT_YET));
			html(&h, "<td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td></tr>",
			     T(TCOL_NEXT),
			     cv[i].next_on[0] ? ui_date(&r->arena, cv[i].next_on) : "–");
		}
		html(&h, "</tbody></table></div>");
	}
	if (total > LIST_PAGE) {
		long long pages = (total + LIST_PAGE - 1) / LIST_PAGE;
		html(&h,
		     "<nav class=\"kring-pager\" aria-label=\"%s\"><p class=\"utrecht-paragraph\">",
		     T(PAGER_LABEL));
		if (page > 1)
			html(&h, "<a class=\"utrecht-link\" href=\"?%s%spagina=%lld\">%s</a> ", q,
			     q[0] ? "&" : "", page - 1, T(PAGER_PREV));
		html(&h, "%s", arena_printf(&r->arena, T(PAGER_OF), page, pages));
		if (page < pages)
			html(&h, " <a class=\"utrecht-link\" href=\"?%s%spagina=%lld\">%s</a>", q,
			     q[0] ? "&" : "", page + 1, T(PAGER_NEXT));
		html(&h, "</p></nav>");
	}
	page_end(r, &h, 200);
	return HANDLER_OK;
}

/* ---- preparing a talk ---- */

int page_conversation_prepare(struct req *r)
{
	struct partner p;
	struct community cm;
	bool has_p = false, has_c = false;
	const char *v = req_query(r, "partner");
	if (v && v[0]) {
		int found = partner_get(r->db, &r->arena, r->org_id, atoll(v), &p);
		if (found < 0)
			return HANDLER_ERROR;
		if (found == 0) { /* not a partner of this organisation */
			resp_error(r, 404);
			return HANDLER_OK;
		}
		has_p = true;
	}
	v = req_query(r, "community");
	if (v && v[0]) {
		int found = community_get(r->db, &r->arena, r->org_id, atoll(v), &cm);
		if (found < 0)
			return HANDLER_ERROR;
		if (found == 0) {
			resp_error(r, 404);
			return HANDLER_OK;
		}
		has_c = true;
	}
	bool staff = (r->role & ROLES_STAFF) != 0;
	const char *today = partner_today(&r->arena);
	struct html h;
	const char *title =
	    has_p   ? arena_printf(&r->arena, T(PREPARE_WITH), ui_short(&r->arena, p.name, 80))
	    : has_c ? arena_printf(&r->arena, T(PREPARE_WITH), ui_short(&r->arena, cm.name, 80))
	            : T(TALK_PREPARE);
	page_begin(r, &h, title);
	html(&h,
	     "<nav class=\"kring-crumbs\" aria-label=\"%s\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/conversations\">%s</a>",
	     T(CRUMBS_LABEL), r->org_slug, T(TALK_BACK));
	if (has_p)
		html(&h, " › <a class=\"utrecht-link\" href=\"%s\">%s</a>",
		     ui_partner_url(r, p.id, ""), ui_short(&r->arena, p.name, 80));
	else if (has_c)
		html(&h, " › <a class=\"utrecht-link\" href=\"%s\">%s</a>",
		     ui_community_url(r, cm.id, ""), ui_short(&r->arena, cm.name, 80));
	html(&h,
	     "</nav><h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     title, T(PREPARE_INTRO));
	html(&h, "<p class=\"kring-toolbar\">");
	if (staff) {
		struct buf q;
		buf_init(&q, &r->arena);
		if (has_p)
			buf_printf(&q, "&partner=%lld", p.id);
		if (has_c)
			buf_printf(&q, "&community=%lld", cm.id);
		html(&h,
		     "<a class=\"utrecht-button utrecht-button--primary-action kring-button-link\" "
		     "href=\"/o/%s/conversations/new%s%s\">%s</a>",
		     r->org_slug, q.len ? "?" : "", q.len ? buf_str(&q) + 1 : "",
		     T(PREPARE_RECORD));
	}
	if (has_p)
		html(&h,
		     "<a class=\"utrecht-link\" href=\"/o/%s/partners/print?partner=%lld\">%s</a>",
		     r->org_slug, p.id, T(POWER_PRINT_FOR));
	else
		html(&h, "<a class=\"utrecht-link\" href=\"/o/%s/partners/print\">%s</a>",
		     r->org_slug, T(PARTNERS_PRINT_BLANK));
	html(&h, "</p>");

	if (!has_p && !has_c) { /* choose whom to prepare for */
		struct choices ps, cs, os;
		if (load_choices(r, &ps, &cs, &os) != 0)
			return HANDLER_ERROR;
		html(&h,
		     "<form class=\"kring-filters\" method=\"get\" "
		     "action=\"/o/%s/conversations/prepare\" "
		     "aria-labelledby=\"h-kies\"><h2 class=\"kring-sr\" id=\"h-kies\">%s</h2>"
		     "<div class=\"kring-filter\"><label class=\"utrecht-form-label\" "
		     "for=\"prep-partner\">%s</label><select class=\"utrecht-select\" "
		     "id=\"prep-partner\" "
		     "name=\"partner\">",
		     r->org_slug, T(PREPARE_CHOOSE), T(TF_PARTNER));
		for (size_t i = 0; i < ps.n; i++)
			html(&h, "<option value=\"%s\">%s</option>", ps.values[i], ps.labels[i]);
		html(&h,
		     "</select></div><div class=\"kring-filter kring-filter--buttons\"><button "
		     "class=\"utrecht-button utrecht-button--secondary-action\" type=\"submit\">%s"
		     "</button></div></form>",
		     T(PREPARE_SHOW));
	}

	html(&h, "<div class=\"kring-profile\"><div class=\"kring-profile__main\">");
	if (has_p || has_c) {
		html(&h,
		     "<section class=\"kring-card\" aria-labelledby=\"h-weet\"><h2 "
		     "class=\"utrecht-heading-2\" id=\"h-weet\">%s</h2>",
		     T(PREPARE_KNOWN));
		if (has_p) {
			struct partner_power *pw;
			size_t n_pw;
			if (power_list(r->db, &r->arena, r->org_id, p.id, &pw, &n_pw) != 0)
				return HANDLER_ERROR;
			if (p.description[0])
				html(&h, "<p class=\"utrecht-paragraph kring-pre\">%s</p>",
				     p.description);
			if (n_pw > 0) {
				html(&h,
				     "<h3 class=\"utrecht-heading-3\">%s</h3><dl "
				     "class=\"kring-power\">",
				     arena_printf(&r->arena, T(POWER_OF_DATE),
				                  ui_date(&r->arena, pw[0].met_on)));
				const char *vals[] = {pw[0].challenges, pw[0].core_values,
				                      pw[0].goals, pw[0].commitments,
				                      pw[0].success};
				const char *labels[] = {T(POWER_CHALLENGES), T(POWER_VALUES),
				                        T(POWER_GOALS), T(POWER_COMMITMENTS),
				                        T(POWER_SUCCESS)};
				for (int i = 0; i < 5; i++)
					html(&h,
					     "<div class=\"kring-power__box%s\"><dt>%s</dt><dd "
					     "class=\"%s\">%s</dd></div>",
					     i == 4 ? " kring-power__box--wide" : "", labels[i],
					     vals[i][0] ? "kring-pre" : "kring-muted",
					     vals[i][0] ? vals[i] : T(EMPTY_VALUE));
				html(&h, "</dl>");
			} else {
				html(&h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>",
				     T(PREPARE_NO_POWER));
			}
		}
		struct conversation_filter f = {
		    .kind = "", .partner = has_p ? p.id : 0, .community = has_p ? 0 : cm.id};
		struct conversation *cv;
		size_t n;
		long long total;
		if (conversation_list(r->db, &r->arena, r->org_id, &f, 3, 0, &cv, &n, &total) != 0)
			return HANDLER_ERROR;
		html(&h, "<h3 class=\"utrecht-heading-3\">%s</h3>", T(PREPARE_LAST_TALKS));
		if (n == 0)
			html(&h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>",
			     T(PREPARE_FIRST_TIME));
		for (size_t i = 0; i < n; i++) {
			html(&h,
			     "<div class=\"kring-prev-talk\"><p "
			     "class=\"utrecht-paragraph\"><strong>%s"
			     "</strong> · <a class=\"utrecht-link\" href=\"%s\">%s</a></p>",
			     ui_date(&r->arena, cv[i].held_on),
			     ui_conversation_url(r, cv[i].id, ""),
			     ui_short(&r->arena, cv[i].subject, 100));
			if (cv[i].report[0])
				html(&h,
				     "<p class=\"utrecht-paragraph kring-small kring-pre\">%s</p>",
				     ui_short(&r->arena, cv[i].report, 400));
			html(&h, "</div>");
		}
		struct action_point *ap;
		size_t n_ap;
		if (action_open_list(r->db, &r->arena, r->org_id, has_p ? p.id : 0,
		                     has_p ? 0 : cm.id, &ap, &n_ap) != 0)
			return HANDLER_ERROR;
		html(&h, "<h3 class=\"utrecht-heading-3\">%s</h3>", T(PACTIONS_TITLE));
		if (n_ap == 0)
			html(&h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>",
			     T(PACTIONS_NONE));
		else {
			html(&h, "<ul class=\"kring-actions-list\">");
			for (size_t i = 0; i < n_ap; i++) {
				html(&h,
				     "<li class=\"kring-ap\"><span "
				     "class=\"kring-ap__text\">%s</span>"
				     "<span class=\"kring-ap__meta\">%s · ",
				     ui_short(&r->arena, ap[i].text, 200),
				     ap[i].owner_name[0] ? ap[i].owner_name : T(ACTION_NOBODY));
				ui_due(r, &h, ap[i].due_on, false, today);
				html(&h, "</span></li>");
			}
			html(&h, "</ul>");
		}
		html(&h, "</section>");
	}
	/* werkblad 5: the questions that help */
	html(&h,
	     "<section class=\"kring-card\" aria-labelledby=\"h-vragen\"><h2 "
	     "class=\"utrecht-heading-2\" id=\"h-vragen\">%s</h2><p class=\"utrecht-paragraph "
	     "kring-small kring-muted\">%s</p><div class=\"kring-columns kring-columns--2\">",
	     T(PREPARE_QUESTIONS), T(PREPARE_QUESTIONS_INTRO));
	static const struct {
		int title, first, n;
	} qs[] = {
	    {TXT_WB5_ABOUT_VALUES, TXT_Q_VALUES_1, 2},
	    {TXT_WB5_ABOUT_CHALLENGES, TXT_Q_CHALLENGES_1, 4},
	    {TXT_WB5_ABOUT_GOALS, TXT_Q_GOALS_1, 4},
	    {TXT_WB5_ABOUT_COMMITMENTS, TXT_Q_COMMITMENTS_1, 3},
	    {TXT_WB5_ABOUT_SUCCESS, TXT_Q_SUCCESS_1, 3},
	};
	for (size_t i = 0; i < sizeof(qs) / sizeof(qs[0]); i++) {
		html(&h,
		     "<div><h3 class=\"utrecht-heading-3\">%s</h3><ul "
		     "class=\"utrecht-unordered-list\">",
		     text_nl[qs[i].title]);
		for (int k = 0; k < qs[i].n; k++)
			html(&h, "<li>%s</li>", text_nl[qs[i].first + k]);
		html(&h, "</ul></div>");
	}
	html(&h, "</div></section></div><div class=\"kring-profile__side\">");
	html(
	    &h,
	    "<section class=\"kring-card kring-tips-card\" aria-labelledby=\"h-tips\">"
	    "<h2 class=\"utrecht-heading-2\" id=\"h-tips\">%s</h2><p class=\"utrecht-paragraph\">%s"
	    "</p>",
	    T(PREPARE_TIPS), T(TIP_CONTACT_FIRST));
	ui_talk_tips(&h, "prep");
	html(&h, "</section></div></div>");
	page_end(r, &h, 200);
	return HANDLER_OK;
}
