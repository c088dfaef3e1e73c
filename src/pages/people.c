/*
 * people.c - the people of an organisation, their roles, and the audit log.
 */
#include <stdlib.h>
#include <string.h>

#include "../auth/password.h"
#include "../auth/roles.h"
#include "../auth/token.h"
#include "../core/account.h"
#include "../core/invite.h"
#include "../core/org.h"
#include "../util/clock.h"
#include "account_ui.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "pager.h"
#include "pages.h"
#include "privacy_ui.h" /* privacy (issue 14b) */

static const char *const role_values[] = {"medewerker", "beheerder", "adviseur", "ambassadeur",
                                          NULL};
static const char *const role_labels[] = {"Medewerker", "Beheerder", "Adviseur", "Ambassadeur",
                                          NULL};

static const struct field_spec person_fields[] = {
    {.name = "name",
     .label_text = FIELD_TEXTS(F_PEOPLE_NAME_LABEL),
     .kind = FIELD_TEXT,
     .required = true,
     .max_len = 200,
     .autocomplete = "off",
     .required_text = FIELD_TEXTS(F_PEOPLE_NAME_REQUIRED)},
    {.name = "email",
     .label_text = FIELD_TEXTS(F_PEOPLE_EMAIL_LABEL),
     .kind = FIELD_EMAIL,
     .required = true,
     .max_len = 254,
     .autocomplete = "off",
     .required_text = FIELD_TEXTS(F_PEOPLE_EMAIL_REQUIRED)},
    {.name = "role",
     .label_text = FIELD_TEXTS(F_PEOPLE_ROLE_LABEL),
     .kind = FIELD_SELECT,
     .required = true,
     .options = role_values,
     .option_labels = role_labels,
     .hint_text = FIELD_TEXTS(F_PEOPLE_ROLE_HINT)},
};
#define N_PERSON_FIELDS (sizeof(person_fields) / sizeof(person_fields[0]))

static const struct field_spec role_fields[] = {
    {.name = "role",
     .label_text = FIELD_TEXTS(F_PEOPLE_ROLE_LABEL2),
     .kind = FIELD_SELECT,
     .required = true,
     .options = role_values,
     .option_labels = role_labels,
     .hint_text = FIELD_TEXTS(F_PEOPLE_ROLE_HINT2)},
};

/* accounts: invitations not yet accepted, each with a button to withdraw it. 0 or -1. */
static int open_invitations(struct req *r, struct html *h)
{
	struct invitation *inv;
	size_t n;
	if (invite_list_open(r->db, &r->arena, r->org_id, (long long)clock_now(), &inv, &n) != 0)
		return -1;
	if (n == 0)
		return 0;
	html(h,
	     "<section class=\"kring-card\" aria-labelledby=\"h-uitnodigingen\"><h2 "
	     "class=\"utrecht-heading-2\" id=\"h-uitnodigingen\">%s</h2><p "
	     "class=\"utrecht-paragraph kring-small\">%s</p><ul class=\"kring-people\">",
	     T(INV_OPEN_TITLE), T(INV_OPEN_INTRO));
	for (size_t i = 0; i < n; i++) {
		const char *who = inv[i].label[0] ? inv[i].label : T(INV_NO_LABEL);
		const char *as = inv[i].community_id
		                     ? T_printf(&r->arena, INV_OPEN_AMB, inv[i].community)
		                     : role_label(inv[i].role);
		html(h, "<li><span>%s · %s · %s</span>", who, as,
		     T_printf(&r->arena, INV_OPEN_UNTIL, fmt_date(&r->arena, inv[i].expires_at)));
		form_begin(h, r,
		           arena_printf(&r->arena, "/o/%s/people/invitations/%lld/withdraw",
		                        r->org_slug, inv[i].id));
		html(h,
		     "<button class=\"kring-tool\" type=\"submit\">%s<span class=\"kring-sr\">: "
		     "%s</span></button></form></li>",
		     T(INV_WITHDRAW), who);
	}
	html(h, "</ul></section>");
	return 0;
}

static int people_page(struct req *r, struct form *add, const char *notice, const char *notice_kind,
                       unsigned status)
{
	struct member *m;
	size_t n;
	if (member_list(r->db, &r->arena, r->org_id, &m, &n) != 0)
		return HANDLER_ERROR; /* logged, and a 503 when the database is away */
	struct html h;
	page_begin(r, &h, T(PEOPLE_TITLE));
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     T(PEOPLE_TITLE), T(PEOPLE_INTRO));
	const char *done = req_query(r, "klaar");
	if (notice)
		page_notice(&h, notice_kind, notice);
	else if (done && strcmp(done, "toegevoegd") == 0)
		page_notice(&h, "ok", T(PERSON_ADDED));
	else if (done && strcmp(done, "rol") == 0)
		page_notice(&h, "ok", T(PERSON_ROLE_CHANGED));
	else if (done && strcmp(done, "ingetrokken") == 0)
		page_notice(&h, "ok", T(INV_WITHDRAWN));
	else if (done && strcmp(done, "verwijderd") == 0) {
		page_notice(&h, "ok", T(PERSON_REMOVED));
		/* open action points keep their owner's name: hand them over in one step */
		html(&h,
		     "<p class=\"utrecht-paragraph\">%s <a class=\"utrecht-link\" "
		     "href=\"/o/%s/actions/owners\">%s</a></p>",
		     T(PERSON_REMOVED_ACTIONS), r->org_slug, T(HANDOVER_TITLE));
	}

	html(&h,
	     "<table class=\"utrecht-table kring-table kring-table--stack\">"
	     "<caption class=\"kring-sr\">%s</caption>"
	     "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell kring-col-action\" scope=\"col\">%s</th>"
	     "</tr></thead><tbody class=\"utrecht-table__body\">",
	     T(PEOPLE_CAPTION), T(PERSON_NAME), T(PERSON_EMAIL), T(PERSON_ROLE), T(ACTIONS));
	for (size_t i = 0; i < n; i++)
		html(&h,
		     "<tr class=\"utrecht-table__row\">"
		     "<td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td>"
		     "<td class=\"utrecht-table__cell kring-break\" data-label=\"%s\">%s</td>"
		     "<td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td>"
		     "<td class=\"utrecht-table__cell kring-col-action\"><a class=\"utrecht-link\" "
		     "href=\"/o/%s/people/%lld\">%s<span class=\"kring-sr\"> "
		     "%s</span></a></td></tr>",
		     T(PERSON_NAME), m[i].name, T(PERSON_EMAIL), m[i].email, T(PERSON_ROLE),
		     role_label(m[i].role), r->org_slug, m[i].person_id, T(CHANGE), m[i].name);
	html(&h, "</tbody></table>");
	if (open_invitations(r, &h) != 0)
		return HANDLER_ERROR;

	html(&h,
	     "<section class=\"kring-card kring-narrow kring-noprint\" aria-labelledby=\"h-nieuw\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-nieuw\">%s</h2><p "
	     "class=\"utrecht-paragraph\">%s</p>",
	     T(PERSON_ADD_TITLE), T(PERSON_ADD_INTRO));
	struct form f;
	if (add)
		f = *add;
	else
		form_init(&f, person_fields, N_PERSON_FIELDS);
	form_error_summary(&h, &f);
	form_begin(&h, r, arena_printf(&r->arena, "/o/%s/people", r->org_slug));
	form_field(&h, &f, "name");
	form_field(&h, &f, "email");
	form_field(&h, &f, "role");
	form_end(&h, T(PERSON_ADD_BUTTON));
	html(&h, "</section>");
	page_end(r, &h, status);
	return HANDLER_OK;
}

/* accounts: a reset link for a forgotten password, and the person's sessions. */
static void person_account_sections(struct req *r, struct html *h, const struct member *m)
{
	html(h,
	     "<section class=\"kring-card\" aria-labelledby=\"h-herstel\"><h2 "
	     "class=\"utrecht-heading-2\" id=\"h-herstel\">%s</h2><p "
	     "class=\"utrecht-paragraph\">%s</p>",
	     T(ACC_RESET_LINK_TITLE), T(ACC_RESET_LINK_INTRO));
	form_begin(h, r,
	           arena_printf(&r->arena, "/o/%s/people/%lld/reset", r->org_slug, m->person_id));
	form_end(h, T(ACC_RESET_LINK_BUTTON));
	html(h, "</section>");
	struct session_info *s;
	size_t n;
	html(h,
	     "<section class=\"kring-card\" aria-labelledby=\"h-sessies\"><h2 "
	     "class=\"utrecht-heading-2\" id=\"h-sessies\">%s</h2><p "
	     "class=\"utrecht-paragraph\">%s</p>",
	     T(ACC_SESSIONS_OF_TITLE), T(ACC_SESSIONS_OF_INTRO));
	if (account_sessions(r->db, &r->arena, m->person_id, &s, &n) != 0) {
		respond_section_failed(r, h, T(ACC_SESSIONS_OF_TITLE));
	} else if (n == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(ACC_SESSIONS_NONE));
	} else {
		account_sessions_table(r, h, s, n, r->session_hash, NULL);
		form_begin(h, r,
		           arena_printf(&r->arena, "/o/%s/people/%lld/sessions/end", r->org_slug,
		                        m->person_id));
		form_end(h, T(ACC_SESSIONS_END_ALL));
	}
	html(h, "</section>");
}

/* One person's role here: change it, or take it away. */
static void person_page(struct req *r, const struct member *m, const char *notice, unsigned status)
{
	struct html h;
	struct form f;
	form_init(&f, role_fields, 1);
	form_set(&f, "role", role_name(m->role));
	page_begin(r, &h, m->name);
	html(&h,
	     "<p class=\"utrecht-paragraph kring-back\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/people\">%s</a></p>"
	     "<div class=\"kring-narrow\"><h1 class=\"utrecht-heading-1\">%s</h1>"
	     "<p class=\"utrecht-paragraph kring-lead\">%s</p>",
	     r->org_slug, T(PEOPLE_BACK), m->name, m->email);
	if (notice)
		page_notice(&h, "error", notice);
	else if (req_query(r, "klaar"))
		page_notice(&h, "ok", T(ACC_SESSIONS_ENDED_OF));
	form_begin(&h, r,
	           arena_printf(&r->arena, "/o/%s/people/%lld/role", r->org_slug, m->person_id));
	form_field(&h, &f, "role");
	form_end(&h, T(PERSON_ROLE_SAVE));
	person_account_sections(r, &h, m);
	html(&h,
	     "<section class=\"kring-card kring-danger-zone\" aria-labelledby=\"h-weg\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-weg\">%s</h2>"
	     "<p class=\"utrecht-paragraph\">%s</p><p class=\"utrecht-paragraph\">%s "
	     "<a class=\"utrecht-link\" href=\"/o/%s/actions/owners\">%s</a></p>",
	     T(PERSON_REMOVE_TITLE), T(PERSON_REMOVE_WARNING), T(PERSON_REMOVE_ACTIONS),
	     r->org_slug, T(HANDOVER_TITLE));
	form_begin(&h, r,
	           arena_printf(&r->arena, "/o/%s/people/%lld/remove", r->org_slug, m->person_id));
	html(&h,
	     "<p class=\"kring-actions\"><button class=\"utrecht-button "
	     "utrecht-button--secondary-action kring-danger\" type=\"submit\">%s</button></p>"
	     "</form></section></div>",
	     T(PERSON_REMOVE));
	page_end(r, &h, status);
}

/* 1 and *out when person holds a role in r's organisation, 0 if not, -1 on error. */
static int find_member(struct req *r, long long person, struct member *out)
{
	struct member *m;
	size_t n;
	if (member_list(r->db, &r->arena, r->org_id, &m, &n) != 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (m[i].person_id == person) {
			*out = m[i];
			return 1;
		}
	return 0;
}

int page_person(struct req *r)
{
	struct member m;
	int found = find_member(r, r->param_id, &m);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	/* privacy (issue 14b): who opened this person's details, in the access log */
	if (privacy_page_logged(r, "person", m.person_id, "detail") != 0)
		return HANDLER_ERROR;
	person_page(r, &m, NULL, 200);
	return HANDLER_OK;
}

int page_people(struct req *r)
{
	return people_page(r, NULL, NULL, NULL, 200);
}

int page_person_add(struct req *r)
{
	struct form f;
	bool ok = form_read(r, &f, person_fields, N_PERSON_FIELDS);
	const char *email = auth_normalize_email(&r->arena, form_value(&f, "email"));
	long long person = 0;
	int found = ok ? person_find(r->db, &r->arena, email, &person, NULL, NULL, NULL) : 0;
	if (found < 0)
		return HANDLER_ERROR;
	if (!ok)
		return people_page(r, &f, NULL, NULL, 422);
	unsigned role = role_from_name(form_value(&f, "role"));
	if (!found) {
		/* no account yet: an invitation; the person chooses their own password */
		char token[TOKEN_LEN + 1], hash[TOKEN_HASH_LEN + 1];
		token_new(token, hash);
		long long now = (long long)clock_now(), expires = now + TOKEN_INVITE_SECONDS;
		enum save_result rc = SAVE_REFUSED;
		if (role != ROLE_AMBASSADEUR)
			rc = invite_create(r->db, r->org_id, r->person_id, role, 0,
			                   form_value(&f, "name"), email, hash, now, expires, NULL);
		if (rc == SAVE_REFUSED) { /* an ambassadeur is invited from their community */
			form_error(&f, "role", T(INV_AMB_FROM_COMMUNITY));
			return people_page(r, &f, NULL, NULL, 422);
		}
		if (rc != SAVE_OK)
			return respond_failed(r, rc);
		return invite_link_page(
		    r, token, T(INV_STAFF_TITLE),
		    T_printf(&r->arena, INV_STAFF_WHAT, form_value(&f, "name"), role_label(role)),
		    expires, arena_printf(&r->arena, "/o/%s/people", r->org_slug), T(PEOPLE_BACK));
	}
	enum save_result rc = member_set_role(r->db, r->org_id, r->person_id, person, role);
	if (rc == SAVE_REFUSED) {
		return people_page(r, NULL, T(LAST_ADMIN), "error", 409);
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	resp_redirect(r, arena_printf(&r->arena, "/o/%s/people?klaar=toegevoegd", r->org_slug));
	return HANDLER_OK;
}

int page_person_role(struct req *r)
{
	struct form f;
	struct member m;
	int found = find_member(r, r->param_id, &m);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	if (!form_read(r, &f, role_fields, 1)) {
		person_page(r, &m, T(FORM_BAD_ROLE), 422);
		return HANDLER_OK;
	}
	unsigned role = role_from_name(form_value(&f, "role"));
	enum save_result rc = member_set_role(r->db, r->org_id, r->person_id, r->param_id, role);
	if (rc == SAVE_REFUSED) {
		person_page(r, &m, T(LAST_ADMIN), 409);
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	/* someone who took away their own beheerder role can no longer see this page */
	if (r->param_id == r->person_id && role != ROLE_BEHEERDER)
		resp_redirect(r, arena_printf(&r->arena, "/o/%s/", r->org_slug));
	else
		resp_redirect(r, arena_printf(&r->arena, "/o/%s/people?klaar=rol", r->org_slug));
	return HANDLER_OK;
}

int page_person_remove(struct req *r)
{
	struct member m;
	int found = find_member(r, r->param_id, &m);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	enum save_result rc = member_remove(r->db, r->org_id, r->person_id, r->param_id);
	if (rc == SAVE_NOT_FOUND) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	if (rc == SAVE_REFUSED) {
		person_page(r, &m, T(LAST_ADMIN), 409);
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	if (r->param_id == r->person_id)
		resp_redirect(r, "/");
	else
		resp_redirect(
		    r, arena_printf(&r->arena, "/o/%s/people?klaar=verwijderd", r->org_slug));
	return HANDLER_OK;
}

/* ---- audit log ---- */

/*
 * The detail texts below each take one string: the compiler checks that
 * here, because the table below hands them to text_aprintf_() by number.
 */
__attribute__((unused)) static void audit_detail_formats_checked(void)
{
	T_CHECK_(TXTLIT_AUDIT_WAS, "");
	T_CHECK_(TXTLIT_AUDIT_READINESS_DETAIL, "");
	T_CHECK_(TXTLIT_AUDIT_MEETLAT_OPEN_DETAIL, "");
	T_CHECK_(TXTLIT_AUDIT_MEETLAT_CLOSE_DETAIL, "");
}

/* How an audit action reads: its label and how its detail is shown (-1: as stored). */
static const struct audit_kind {
	const char *action;
	int label;
	int detail_fmt;
} audit_kinds[] = {
    {"org.create", TXT_AUDIT_ORG_CREATE, -1},
    {"org.update", TXT_AUDIT_ORG_UPDATE, -1},
    {"branch.add", TXT_AUDIT_BRANCH_ADD, -1},
    {"branch.rename", TXT_AUDIT_BRANCH_RENAME, TXT_AUDIT_WAS},
    {"branch.delete", TXT_AUDIT_BRANCH_DELETE, -1},
    {"member.role", TXT_AUDIT_MEMBER_ROLE, -1},
    {"member.remove", TXT_AUDIT_MEMBER_REMOVE, -1},
    {"readiness.save", TXT_AUDIT_READINESS, TXT_AUDIT_READINESS_DETAIL},
    {"frame.save", TXT_AUDIT_FRAME, -1},
    {"vision.session", TXT_AUDIT_VISION_SESSION, -1},
    {"vision.add", TXT_AUDIT_VISION_ADD, -1},
    {"vision.shared", TXT_AUDIT_VISION_SHARED, -1},
    {"meetlat.open", TXT_AUDIT_MEETLAT_OPEN, TXT_AUDIT_MEETLAT_OPEN_DETAIL},
    {"meetlat.close", TXT_AUDIT_MEETLAT_CLOSE, TXT_AUDIT_MEETLAT_CLOSE_DETAIL},
    {"meetlat.answer", TXT_AUDIT_MEETLAT_ANSWER, -1},
    {"community.create", TXT_AUDIT_COMMUNITY_CREATE, -1},
    {"community.update", TXT_AUDIT_COMMUNITY_UPDATE, -1},
    {"community.delete", TXT_AUDIT_COMMUNITY_DELETE, -1},
    {"community.item.add", TXT_AUDIT_COMMUNITY_ITEM_ADD, -1},
    {"community.item.update", TXT_AUDIT_COMMUNITY_ITEM_UPDATE, -1},
    {"community.item.delete", TXT_AUDIT_COMMUNITY_ITEM_DELETE, -1},
    {"community.staff.add", TXT_AUDIT_COMMUNITY_STAFF_ADD, -1},
    {"community.staff.remove", TXT_AUDIT_COMMUNITY_STAFF_REMOVE, -1},
    {"community.ambassador.add", TXT_AUDIT_COMMUNITY_AMB_ADD, -1},
    {"community.ambassador.remove", TXT_AUDIT_COMMUNITY_AMB_REMOVE, -1},
    {"scan.add", TXT_AUDIT_SCAN_ADD, -1},
    {"scan.update", TXT_AUDIT_SCAN_UPDATE, -1},
    {"scan.delete", TXT_AUDIT_SCAN_DELETE, -1},
    {"scan.note.add", TXT_AUDIT_SCAN_NOTE_ADD, -1},
    {"scan.note.update", TXT_AUDIT_SCAN_NOTE_UPDATE, -1},
    {"scan.note.delete", TXT_AUDIT_SCAN_NOTE_DELETE, -1},
    /* partners and conversations */
    {"partner.create", TXT_AUDIT_PARTNER_CREATE, -1},
    {"partner.update", TXT_AUDIT_PARTNER_UPDATE, -1},
    {"partner.delete", TXT_AUDIT_PARTNER_DELETE, -1},
    {"partner.link", TXT_AUDIT_PARTNER_LINK, -1},
    {"partner.unlink", TXT_AUDIT_PARTNER_UNLINK, -1},
    {"power.create", TXT_AUDIT_POWER_CREATE, -1},
    {"power.update", TXT_AUDIT_POWER_UPDATE, -1},
    {"power.delete", TXT_AUDIT_POWER_DELETE, -1},
    {"conversation.create", TXT_AUDIT_TALK_CREATE, -1},
    {"conversation.update", TXT_AUDIT_TALK_UPDATE, -1},
    {"conversation.delete", TXT_AUDIT_TALK_DELETE, -1},
    {"action.add", TXT_AUDIT_ACTION_ADD, -1},
    {"action.update", TXT_AUDIT_ACTION_UPDATE, -1},
    {"action.done", TXT_AUDIT_ACTION_DONE, -1},
    {"action.reopen", TXT_AUDIT_ACTION_REOPEN, -1},
    {"action.delete", TXT_AUDIT_ACTION_DELETE, -1},
    {"action.handover", TXT_AUDIT_ACTION_HANDOVER, -1},
    /* signals (issue 10) */
    {"signal.aside", TXT_AUDIT_SIGNAL_ASIDE, -1},
    {"signal.restore", TXT_AUDIT_SIGNAL_RESTORE, -1},
    {"signals.settings", TXT_AUDIT_SIGNAL_SETTINGS, -1},
    /* instruments (issues 12, 13): zelftest shares and pulse rounds */
    {"zelftest.share", TXT_AUDIT_ZELFTEST_SHARE, -1},
    {"zelftest.unshare", TXT_AUDIT_ZELFTEST_UNSHARE, -1},
    {"pulse.open", TXT_AUDIT_PULSE_OPEN, -1},
    {"pulse.close", TXT_AUDIT_PULSE_CLOSE, -1},
    /* activities (issue 9) */
    {"activity.create", TXT_AUDIT_ACT_CREATE, -1},
    {"activity.update", TXT_AUDIT_ACT_UPDATE, -1},
    {"activity.confirm", TXT_AUDIT_ACT_CONFIRM, -1},
    {"activity.delete", TXT_AUDIT_ACT_DELETE, -1},
    /* goals (step 5) and who does what (step 6) */
    {"goal.add", TXT_AUDIT_GOAL_ADD, -1},
    {"goal.update", TXT_AUDIT_GOAL_UPDATE, -1},
    {"goal.delete", TXT_AUDIT_GOAL_DELETE, -1},
    {"subgoal.add", TXT_AUDIT_SUBGOAL_ADD, -1},
    {"subgoal.update", TXT_AUDIT_SUBGOAL_UPDATE, -1},
    {"subgoal.delete", TXT_AUDIT_SUBGOAL_DELETE, -1},
    {"measurement.add", TXT_AUDIT_MEASUREMENT_ADD, -1},
    {"measurement.delete", TXT_AUDIT_MEASUREMENT_DELETE, -1},
    {"agreement.add", TXT_AUDIT_AGREEMENT_ADD, -1},
    {"agreement.delete", TXT_AUDIT_AGREEMENT_DELETE, -1},
    /* calendar */
    {"calendar.key_renew", TXT_AUDIT_CALENDAR_KEY_RENEW, -1},
    /* public page and inbox (issue 13, public) */
    {"public.settings", TXT_AUDIT_PUBLIC_SETTINGS, -1},
    {"public.community", TXT_AUDIT_PUBLIC_COMMUNITY, -1},
    {"inbox.received", TXT_AUDIT_INBOX_RECEIVED, -1},
    {"inbox.handled", TXT_AUDIT_INBOX_HANDLED, -1},
    {"inbox.retention", TXT_AUDIT_INBOX_RETENTION, -1},
    /* knowledge (issue 11) */
    {"knowledge.create", TXT_AUDIT_KN_CREATE, -1},
    {"knowledge.update", TXT_AUDIT_KN_UPDATE, -1},
    {"knowledge.delete", TXT_AUDIT_KN_DELETE, -1},
    {"knowledge.share", TXT_AUDIT_KN_SHARE, -1},
    {"knowledge.unshare", TXT_AUDIT_KN_UNSHARE, -1},
    /* accounts and invitations (issue 13, 14) */
    {"invite.create", TXT_AUDIT_INVITE_CREATE, -1},
    {"invite.accept", TXT_AUDIT_INVITE_ACCEPT, -1},
    {"invite.withdraw", TXT_AUDIT_INVITE_WITHDRAW, -1},
    {"account.reset_link", TXT_AUDIT_RESET_LINK, -1},
    {"account.reset", TXT_AUDIT_RESET_USED, -1},
    {"account.sessions_end", TXT_AUDIT_SESSIONS_END, -1},
    {"org.totp_on", TXT_AUDIT_TOTP_ON, -1},
    {"org.totp_off", TXT_AUDIT_TOTP_OFF, -1},
    /* privacy (issue 14b): that it happened, never what */
    {"privacy.erase", TXT_AUDIT_PRIVACY_ERASE, -1},
    {"retention.settings", TXT_AUDIT_RETENTION_SETTINGS, -1},
    {"retention.run", TXT_AUDIT_RETENTION_RUN, -1},
    /* workshops (issue 12) */
    {"workshop.add", TXT_AUDIT_WS_ADD, -1},
    {"workshop.template", TXT_AUDIT_WS_TEMPLATE, -1},
    {"workshop.update", TXT_AUDIT_WS_UPDATE, -1},
    {"workshop.delete", TXT_AUDIT_WS_DELETE, -1},
    {"workshop.row.add", TXT_AUDIT_WS_ROW_ADD, -1},
    {"workshop.row.update", TXT_AUDIT_WS_ROW_UPDATE, -1},
    {"workshop.row.delete", TXT_AUDIT_WS_ROW_DELETE, -1},
    {"workshop.row.up", TXT_AUDIT_WS_ROW_MOVE, -1},
    {"workshop.row.down", TXT_AUDIT_WS_ROW_MOVE, -1},
    {"workshop.evaluate", TXT_AUDIT_WS_EVALUATE, -1},
    /* Lankes cycle, POST-O and project plan (issue 11) */
    {"cycle.move", TXT_AUDIT_CYCLE_MOVE, -1},
    {"cycle.rate", TXT_AUDIT_CYCLE_RATE, -1},
    {"posto.save", TXT_AUDIT_POSTO_SAVE, -1},
    {"plan.add", TXT_AUDIT_PLAN_ADD, -1},
    {"plan.update", TXT_AUDIT_PLAN_UPDATE, -1},
    {"plan.delete", TXT_AUDIT_PLAN_DELETE, -1},
};

static const struct audit_kind *audit_kind_of(const char *action)
{
	for (size_t i = 0; i < sizeof(audit_kinds) / sizeof(audit_kinds[0]); i++)
		if (strcmp(audit_kinds[i].action, action) == 0)
			return &audit_kinds[i];
	return NULL;
}

/* "van Medewerker naar Ambassadeur" from the stored "medewerker>ambassadeur". */
static const char *role_change_text(struct arena *a, const char *detail)
{
	const char *gt = strchr(detail, '>');
	if (gt == NULL) /* entries written before the change was kept */
		return role_label(role_from_name(detail));
	const char *old = arena_strndup(a, detail, (size_t)(gt - detail));
	unsigned from = role_from_name(old), to = role_from_name(gt + 1);
	if (from == ROLE_NONE)
		return T_printf(a, AUDIT_ROLE_NEW, role_label(to));
	return T_printf(a, AUDIT_ROLE_CHANGE, role_label(from), role_label(to));
}

#define AUDIT_PAGE 50

int page_audit(struct req *r)
{
	struct pager pg;
	pager_init(&pg, r, AUDIT_PAGE);
	pg.total = audit_count(r->db, r->org_id);
	if (pg.total < 0) /* an error is not an empty log */
		return HANDLER_ERROR;
	struct audit_entry *e;
	size_t n;
	if (audit_list(r->db, &r->arena, r->org_id, pg.per_page, pager_offset(&pg), &e, &n) != 0)
		return HANDLER_ERROR;
	struct html h;
	page_begin(r, &h, T(AUDIT_TITLE));
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     T(AUDIT_TITLE), T(AUDIT_INTRO));
	if (n == 0) {
		html(&h, "<p class=\"utrecht-paragraph\">%s</p>", T(AUDIT_NONE));
	} else {
		html(&h,
		     "<table class=\"utrecht-table kring-table kring-table--stack\"><caption "
		     "class=\"kring-sr\">%s</caption>"
		     "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th></tr></thead>"
		     "<tbody class=\"utrecht-table__body\">",
		     T(AUDIT_CAPTION), T(AUDIT_WHEN), T(AUDIT_WHO), T(AUDIT_WHAT), T(AUDIT_DETAIL));
		for (size_t i = 0; i < n; i++) {
			const struct audit_kind *k = audit_kind_of(e[i].action);
			const char *detail = e[i].detail;
			const char *who = e[i].who[0] ? e[i].who : T(AUDIT_SYSTEM);
			if (strcmp(e[i].action, "member.role") == 0)
				detail = role_change_text(&r->arena, detail);
			else if (strncmp(e[i].action, "invite.", 7) ==
			         0) /* the role, stored by name */
				detail = role_label(role_from_name(detail));
			else if (k && k->detail_fmt >= 0 && detail[0])
				detail = text_aprintf_(&r->arena, TX(k->detail_fmt), detail);
			if (strcmp(e[i].action, "meetlat.answer") == 0 && e[i].who[0] == '\0') {
				who = T(AUDIT_ANON_LINK);
				detail = "";
			}
			html(&h,
			     "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\" "
			     "data-label=\"%s\">%s</td>"
			     "<td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td>"
			     "<td class=\"utrecht-table__cell\" data-label=\"%s\">%s",
			     T(AUDIT_WHEN), fmt_datetime(&r->arena, e[i].at), T(AUDIT_WHO), who,
			     T(AUDIT_WHAT), k ? TX(k->label) : e[i].action);
			if (e[i].object[0])
				html(&h, ": %s", e[i].object);
			html(&h,
			     "</td><td class=\"utrecht-table__cell kring-break\" "
			     "data-label=\"%s\">%s</td></tr>",
			     T(AUDIT_DETAIL), detail);
		}
		html(&h, "</tbody></table>");
	}
	pager_nav(&h, &pg);
	page_end(r, &h, 200);
	return HANDLER_OK;
}
