/*
 * invite.c - invitations (issue 13 and 14): staff invite a resident as
 * ambassadeur of one community, a beheerder invites new staff from the
 * people page; the invited person opens /invite/<token>, chooses their own
 * name, e-mail address and password, and is logged in.
 */
#include <string.h>

#include "../auth/password.h"
#include "../auth/roles.h"
#include "../auth/token.h"
#include "../core/community.h"
#include "../core/inbox.h"
#include "../core/invite.h"
#include "../i18n/text.h"
#include "../util/clock.h"
#include "../web/layout.h"
#include "account_ui.h"
#include "community_ui.h"
#include "pages.h"

/* ---- making an invitation ---- */

static const struct field_spec amb_invite_fields[] = {
    {.name = "label",
     .label_text = FIELD_TEXTS(F_INVITE_LABEL_LABEL),
     .hint_text = FIELD_TEXTS(F_INVITE_LABEL_HINT),
     .kind = FIELD_TEXT,
     .max_len = 200,
     .autocomplete = "off"},
};
#define N_AMB_INVITE (sizeof(amb_invite_fields) / sizeof(amb_invite_fields[0]))

static void invite_form_page(struct req *r, const struct community *c, struct form *f,
                             const char *from_inbox, unsigned status)
{
	struct html h;
	page_begin(r, &h, T(INV_AMB_TITLE));
	html(&h,
	     "<p class=\"utrecht-paragraph kring-back\"><a class=\"utrecht-link\" "
	     "href=\"%s\">%s</a></p><div class=\"kring-narrow\">"
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     ui_community_url(r, c->id, "#ambassadeurs"), T_printf(&r->arena, INV_BACK_TO, c->name),
	     T(INV_AMB_TITLE), T_printf(&r->arena, INV_AMB_INTRO, c->name));
	if (from_inbox)
		page_notice(&h, "info", T_printf(&r->arena, INV_FROM_INBOX, from_inbox));
	form_error_summary(&h, f);
	form_begin(&h, r, ui_community_url(r, c->id, "/invite"));
	form_field(&h, f, "label");
	form_end(&h, T(INV_MAKE_LINK));
	html(&h, "<p class=\"utrecht-paragraph kring-muted\">%s</p></div>", T(INV_HOW));
	page_end(r, &h, status);
}

int page_community_invite_form(struct req *r)
{
	struct community c;
	int found = community_get(r->db, &r->arena, r->org_id, r->param_id, &c);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	struct form f;
	form_init(&f, amb_invite_fields, N_AMB_INVITE);
	/* from the inbox (?inbox=<id>, of this organisation): its first line, the resident's name */
	const char *from_inbox = NULL;
	long long inbox_id = req_query_id(r, "inbox");
	struct inbox_item x;
	if (inbox_id > 0) {
		int got = inbox_get(r->db, &r->arena, r->org_id, inbox_id, &x);
		if (got < 0)
			return HANDLER_ERROR;
		if (got == 1 && !x.anonymised) {
			size_t n = strcspn(x.message, "\r\n");
			from_inbox =
			    arena_printf(&r->arena, "%.*s", (int)(n > 200 ? 200 : n), x.message);
			if (x.name[0])
				form_set(&f, "label", x.name);
		}
	}
	invite_form_page(r, &c, &f, from_inbox, 200);
	return HANDLER_OK;
}

int invite_link_page(struct req *r, const char *token, const char *title, const char *what,
                     long long expires_at, const char *back_url, const char *back_text)
{
	struct html h;
	page_begin(r, &h, title);
	html(&h,
	     "<p class=\"utrecht-paragraph kring-back\"><a class=\"utrecht-link\" "
	     "href=\"%s\">%s</a></p><div class=\"kring-narrow\">"
	     "<h1 class=\"utrecht-heading-1\">%s</h1>",
	     back_url, back_text, title);
	page_notice(&h, "ok", T(INV_MADE));
	account_link_box(&h, r, account_link_url(r, arena_printf(&r->arena, "/invite/%s", token)),
	                 what, expires_at);
	html(&h, "<p class=\"utrecht-paragraph\">%s</p></div>", T(INV_ONCE));
	page_end(r, &h, 200);
	return HANDLER_OK;
}

int page_community_invite(struct req *r)
{
	struct community c;
	int found = community_get(r->db, &r->arena, r->org_id, r->param_id, &c);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	struct form f;
	if (!form_read(r, &f, amb_invite_fields, N_AMB_INVITE)) {
		invite_form_page(r, &c, &f, NULL, 422);
		return HANDLER_OK;
	}
	char token[TOKEN_LEN + 1], hash[TOKEN_HASH_LEN + 1];
	token_new(token, hash);
	long long now = (long long)clock_now(), expires = now + TOKEN_INVITE_SECONDS;
	enum save_result rc = invite_create(r->db, r->org_id, r->person_id, ROLE_AMBASSADEUR, c.id,
	                                    form_value(&f, "label"), "", hash, now, expires, NULL);
	if (rc != SAVE_OK)
		return respond_failed(r, rc);
	const char *label = form_value(&f, "label");
	return invite_link_page(r, token, T(INV_AMB_TITLE),
	                        label[0] ? T_printf(&r->arena, INV_AMB_WHAT_FOR, label, c.name)
	                                 : T_printf(&r->arena, INV_AMB_WHAT, c.name),
	                        expires, ui_community_url(r, c.id, "#ambassadeurs"),
	                        T_printf(&r->arena, INV_BACK_TO, c.name));
}

int page_invitation_withdraw(struct req *r)
{
	enum save_result rc = invite_withdraw(r->db, r->org_id, r->person_id, r->param_id);
	if (rc != SAVE_OK)
		return respond_failed(r, rc);
	resp_redirect(r, arena_printf(&r->arena, "/o/%s/people?klaar=ingetrokken", r->org_slug));
	return HANDLER_OK;
}

/* ---- accepting one ---- */

static const struct field_spec accept_fields[] = {
    {.name = "name",
     .label_text = FIELD_TEXTS(F_INVITE_NAME_LABEL),
     .hint_text = FIELD_TEXTS(F_INVITE_NAME_HINT),
     .kind = FIELD_TEXT,
     .required = true,
     .max_len = 200,
     .autocomplete = "name",
     .required_text = FIELD_TEXTS(F_INVITE_NAME_REQUIRED)},
    {.name = "email",
     .label_text = FIELD_TEXTS(F_INVITE_EMAIL_LABEL),
     .hint_text = FIELD_TEXTS(F_INVITE_EMAIL_HINT),
     .kind = FIELD_EMAIL,
     .required = true,
     .max_len = 254,
     .autocomplete = "email",
     .required_text = FIELD_TEXTS(F_INVITE_EMAIL_REQUIRED)},
    {.name = "password",
     .label_text = FIELD_TEXTS(F_INVITE_PASSWORD_LABEL),
     .hint_text = FIELD_TEXTS(F_INVITE_PASSWORD_HINT),
     .kind = FIELD_PASSWORD,
     .required = true,
     .max_len = AUTH_PASSWORD_MAX,
     .autocomplete = "new-password",
     .required_text = FIELD_TEXTS(F_INVITE_PASSWORD_REQUIRED)},
    {.name = "password2",
     .label_text = FIELD_TEXTS(F_INVITE_PASSWORD2_LABEL),
     .kind = FIELD_PASSWORD,
     .required = true,
     .max_len = AUTH_PASSWORD_MAX,
     .autocomplete = "new-password",
     .required_text = FIELD_TEXTS(F_INVITE_PASSWORD2_REQUIRED)},
};
#define N_ACCEPT (sizeof(accept_fields) / sizeof(accept_fields[0]))

/* "als ambassadeur van de community Lezen met kinderen bij Bibliotheek De Sleutel" */
static const char *invitation_text(struct req *r, const struct invitation *inv)
{
	if (inv->community_id != 0)
		return T_printf(&r->arena, INV_AS_AMB, inv->community, inv->org_name);
	return T_printf(&r->arena, INV_AS_ROLE, role_label(inv->role), inv->org_name);
}

static void accept_page(struct req *r, const struct invitation *inv, struct form *f,
                        unsigned status)
{
	struct html h;
	page_begin(r, &h, T(INV_ACCEPT_TITLE));
	html(&h,
	     "<div class=\"kring-narrow\"><h1 class=\"utrecht-heading-1\">%s</h1>"
	     "<p class=\"utrecht-paragraph kring-lead\">%s</p>",
	     T(INV_ACCEPT_TITLE),
	     inv->inviter[0]
	         ? T_printf(&r->arena, INV_INVITED_BY, inv->inviter, invitation_text(r, inv))
	         : T_printf(&r->arena, INV_INVITED, invitation_text(r, inv)));
	html(&h, "<p class=\"utrecht-paragraph\">%s</p>", role_explain(inv->role));
	const char *action = arena_printf(&r->arena, "/invite/%s", r->param_token);
	if (r->person_id != 0) {
		/* already logged in: take the role on this account */
		html(&h, "<p class=\"utrecht-paragraph\">%s</p>",
		     T_printf(&r->arena, INV_AS_YOU, r->person_name));
		form_begin(&h, r, action);
		html(&h, "<input type=\"hidden\" name=\"als\" value=\"ik\">");
		form_end(&h, T(INV_ACCEPT_SELF));
		html(&h, "</div>");
		page_end(r, &h, status);
		return;
	}
	html(&h, "<p class=\"utrecht-paragraph\">%s</p>", T(INV_ACCEPT_INTRO));
	form_error_summary(&h, f);
	form_begin(&h, r, action);
	form_field(&h, f, "name");
	form_field(&h, f, "email");
	form_field(&h, f, "password");
	form_field(&h, f, "password2");
	form_end(&h, T(INV_ACCEPT_BUTTON));
	html(&h, "<p class=\"utrecht-paragraph kring-muted\">%s</p></div>",
	     T_printf(&r->arena, INV_VALID_UNTIL, fmt_datetime(&r->arena, inv->expires_at)));
	page_end(r, &h, status);
}

int page_invite(struct req *r)
{
	char hash[TOKEN_HASH_LEN + 1];
	token_hash(r->param_token, hash);
	struct invitation inv;
	enum link_state st = invite_lookup(r->db, &r->arena, hash, (long long)clock_now(), &inv);
	if (st == LINK_ERROR)
		return HANDLER_ERROR;
	if (st != LINK_OK)
		return account_link_refused(r, st);
	struct form f;
	form_init(&f, accept_fields, N_ACCEPT);
	if (inv.label[0])
		form_set(&f, "name", inv.label);
	if (inv.email[0])
		form_set(&f, "email", inv.email);
	accept_page(r, &inv, &f, 200);
	return HANDLER_OK;
}

int page_invite_accept(struct req *r)
{
	char thash[TOKEN_HASH_LEN + 1];
	token_hash(r->param_token, thash);
	long long now = (long long)clock_now();
	struct invitation inv;
	enum link_state st = invite_lookup(r->db, &r->arena, thash, now, &inv);
	if (st == LINK_ERROR)
		return HANDLER_ERROR;
	if (st != LINK_OK)
		return account_link_refused(r, st);

	long long person = 0;
	enum invite_accept_result res;
	struct form f;
	form_init(&f, accept_fields, N_ACCEPT);
	if (r->person_id != 0) {
		res =
		    invite_accept(r->db, thash, now, r->person_id, NULL, NULL, NULL, &person, &st);
	} else {
		bool ok = form_read(r, &f, accept_fields, N_ACCEPT);
		const char *problem = ok ? account_password_problem(form_value(&f, "password"),
		                                                    form_value(&f, "password2"))
		                         : NULL;
		if (problem) {
			form_error(&f, "password", problem);
			ok = false;
		}
		if (!ok) {
			form_set(&f, "password", "");
			form_set(&f, "password2", "");
			accept_page(r, &inv, &f, 422);
			return HANDLER_OK;
		}
		if (r->defer == DEFER_NONE) {
			struct password_hash_job *j = arena_alloc(&r->arena, sizeof(*j));
			j->password = form_value(&f, "password");
			return req_defer(r, auth_password_hash_job, j);
		}
		struct password_hash_job *j = r->defer_job;
		if (j->rc != 0)
			return HANDLER_ERROR;
		const char *email = auth_normalize_email(&r->arena, form_value(&f, "email"));
		res = invite_accept(r->db, thash, now, 0, email, form_value(&f, "name"), j->hash,
		                    &person, &st);
		if (res == ACCEPT_EMAIL_TAKEN) {
			form_error(&f, "email", T(INV_EMAIL_TAKEN));
			form_set(&f, "password", "");
			form_set(&f, "password2", "");
			accept_page(r, &inv, &f, 409);
			return HANDLER_OK;
		}
	}
	if (res == ACCEPT_LINK)
		return account_link_refused(r, st);
	if (res != ACCEPT_OK)
		return HANDLER_ERROR;
	if (r->person_id == 0)
		r->login_person_id = person; /* the router starts the session */
	resp_redirect(r, inv.community_id
	                     ? arena_printf(&r->arena, "/o/%s/communities/%lld?welkom=1",
	                                    inv.org_slug, inv.community_id)
	                     : arena_printf(&r->arena, "/o/%s/?welkom=1", inv.org_slug));
	return HANDLER_OK;
}
