/*
 * conversation_form.c - recording a conversation with its first action
 * points in one form, and changing one (with the conflict view).
 */
#include <stdlib.h>
#include <string.h>

#include "../auth/roles.h"
#include "../core/community.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "energy_ui.h"
#include "pages.h"
#include "partner_ui.h"
#include "respond.h"
#include "conversation_ui.h"

#define N_NEW_ACTIONS 3 /* action points that can be typed with a new conversation */

static const char *const sent_values[] = {"nee", "ja", NULL};

/* ---- the conversation form ---- */

#define N_TALK_FIELDS 12

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
	                           .option_labels = T_ROW(CONVERSATION_KIND_KENNISMAKING),
	                           .option_hints = T_ROW(TALK_KIND_HINT_KENNISMAKING)};
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
	                           .option_labels = T_ROW(SENT_NO)};
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
	s[10] = (struct field_spec){.name = "version",
	                            .label_text = FIELD_TEXTS(F_CONVERSATION_FORM_VERSION_LABEL),
	                            .kind = FIELD_ID};
	s[11] = energy_field_spec(); /* instruments: "waar de energie zit" */
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
	c.partner_id = form_value_id(f, "partner");
	c.community_id = form_value_id(f, "community");
	c.subject = form_value(f, "subject");
	c.participants = form_value(f, "participants");
	c.report = form_value(f, "report");
	c.report_sent = strcmp(form_value(f, "report_sent"), "ja") == 0;
	c.next_on = form_value(f, "next_on");
	c.next_note = form_value(f, "next_note");
	c.version = form_value_id(f, "version");
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
	form_version_field(&h, version);
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
	form_field(&h, f, "energy");
	if (af) {
		html(&h,
		     "<h2 class=\"utrecht-heading-2\">%s</h2><p class=\"utrecht-paragraph "
		     "kring-muted\">%s</p>",
		     T(TF_SECTION_ACTIONS), T(TF_ACTIONS_HINT));
		for (int i = 0; i < N_NEW_ACTIONS; i++) {
			html(&h,
			     "<fieldset class=\"kring-fieldset kring-action-row\"><legend "
			     "class=\"kring-legend\">%s</legend>",
			     T_printf(&r->arena, TF_ACTION_N, i + 1));
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
	if (ui_load_choices(r, &ps, &cs, &os) != 0 ||
	    ui_owner_choices(r, req_query_id(r, "community"), &os) != 0) /* issue 9 */
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
	if (ui_load_choices(r, &ps, &cs, &os) != 0 ||
	    ui_owner_choices(r, req_form_id(r, "community"), &os) != 0) /* issue 9 */
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
		ui_owner_parse(form_value(&af, action_names[3 * i + 1]), &aps[i]);
		aps[i].due_on = form_value(&af, action_names[3 * i + 2]);
		if (aps[i].text[0] == '\0' &&
		    (aps[i].owner_id || aps[i].owner_partner_id ||
		     aps[i].due_on[0])) { /* a who or when without a what */
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
	rc = energy_after_save(r, rc, ENERGY_CONVERSATION, id, &f);
	return respond_save(r, rc, ui_conversation_url(r, id, "?klaar=nieuw"));
}

int page_conversation_edit(struct req *r)
{
	struct conversation c;
	int found = conversation_get(r->db, &r->arena, r->org_id, r->param_id, &c);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	struct choices ps, cs, os;
	if (ui_load_choices(r, &ps, &cs, &os) != 0)
		return HANDLER_ERROR;
	struct field_spec specs[N_TALK_FIELDS];
	talk_specs(specs, &ps, &cs);
	struct form f;
	form_init(&f, specs, N_TALK_FIELDS);
	talk_to_form(r, &f, &c);
	int energy = 0;
	if (energy_get(r->db, r->org_id, ENERGY_CONVERSATION, c.id, &energy) < 0)
		return HANDLER_ERROR;
	energy_to_form(r, &f, energy);
	return talk_form_page(r, &f, NULL, c.id, c.version, NULL, false, 200);
}

int page_conversation_save(struct req *r)
{
	struct choices ps, cs, os;
	if (ui_load_choices(r, &ps, &cs, &os) != 0)
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
		if (form_value(&f, "subject")[0] == '\0')
			return respond_not_found(r);
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
		int energy = 0;
		if (energy_get(r->db, r->org_id, ENERGY_CONVERSATION, c.id, &energy) < 0)
			return HANDLER_ERROR;
		energy_to_form(r, &t, energy);
		return talk_form_page(r, &f, NULL, c.id, now.version, &t, false, 409);
	}
	if (rc == SAVE_NOT_FOUND || rc == SAVE_REFUSED) {
		form_error(&f, "partner", T(TALK_BAD_REFS));
		return talk_form_page(r, &f, NULL, c.id, c.version, NULL, false, 422);
	}
	rc = energy_after_save(r, rc, ENERGY_CONVERSATION, c.id, &f);
	return respond_save(r, rc, ui_conversation_url(r, c.id, "?klaar=opgeslagen"));
}
