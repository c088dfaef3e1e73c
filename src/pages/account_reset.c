/*
 * account_reset.c - a forgotten password (issue 14): a beheerder makes a
 * one-time reset link for a person of their organisation and hands it
 * over; "wachtwoord vergeten" on the login page mails one when an SMTP
 * relay is configured (KRING_SMTP_URL), and answers the same either way.
 * Also: a beheerder ends a person's sessions.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../auth/password.h"
#include "../auth/token.h"
#include "../core/account.h"
#include "../core/account_mail.h"
#include "../i18n/text.h"
#include "../util/clock.h"
#include "../web/layout.h"
#include "account_ui.h"
#include "pages.h"

/* ---- wachtwoord vergeten ---- */

static const struct field_spec forgot_fields[] = {
    {.name = "email",
     .label_text = FIELD_TEXTS(F_ACCOUNT_RESET_EMAIL_LABEL),
     .kind = FIELD_EMAIL,
     .required = true,
     .max_len = 254,
     .autocomplete = "username",
     .required_text = FIELD_TEXTS(F_ACCOUNT_RESET_EMAIL_REQUIRED)},
};

static bool mail_configured(void)
{
	const char *url = getenv("KRING_SMTP_URL");
	return url != NULL && url[0] != '\0';
}

static void forgot_page(struct req *r, struct form *f, bool sent, unsigned status)
{
	struct html h;
	page_begin(r, &h, T(ACC_FORGOT_TITLE));
	html(&h,
	     "<p class=\"utrecht-paragraph kring-back\"><a class=\"utrecht-link\" "
	     "href=\"/login\">%s</a></p><div class=\"kring-narrow\">"
	     "<h1 class=\"utrecht-heading-1\">%s</h1>",
	     T(ACC_BACK_TO_LOGIN), T(ACC_FORGOT_TITLE));
	if (!mail_configured()) {
		html(&h, "<p class=\"utrecht-paragraph kring-lead\">%s</p></div>",
		     T(ACC_FORGOT_ASK_ADMIN));
		page_end(r, &h, status);
		return;
	}
	if (sent) {
		page_notice(&h, "ok", T(ACC_FORGOT_SENT));
		html(&h, "<p class=\"utrecht-paragraph\">%s</p></div>", T(ACC_FORGOT_SENT_MORE));
		page_end(r, &h, status);
		return;
	}
	html(&h, "<p class=\"utrecht-paragraph kring-lead\">%s</p>", T(ACC_FORGOT_INTRO));
	form_error_summary(&h, f);
	form_begin(&h, r, "/login/forgot");
	form_field(&h, f, "email");
	form_end(&h, T(ACC_FORGOT_BUTTON));
	html(&h, "<p class=\"utrecht-paragraph kring-muted\">%s</p></div>",
	     T(ACC_FORGOT_ASK_ADMIN));
	page_end(r, &h, status);
}

int page_forgot(struct req *r)
{
	struct form f;
	form_init(&f, forgot_fields, 1);
	forgot_page(r, &f, false, 200);
	return HANDLER_OK;
}

int page_forgot_send(struct req *r)
{
	struct form f;
	if (!mail_configured()) { /* only the beheerder's way exists */
		form_init(&f, forgot_fields, 1);
		forgot_page(r, &f, false, 200);
		return HANDLER_OK;
	}
	if (!form_read(r, &f, forgot_fields, 1) || !mail_address_ok(form_value(&f, "email"))) {
		if (f.n_errors == 0)
			form_error(&f, "email", T(ACC_FORGOT_BAD_EMAIL));
		forgot_page(r, &f, false, 422);
		return HANDLER_OK;
	}
	const char *email = auth_normalize_email(&r->arena, form_value(&f, "email"));
	/* the same work for a known and an unknown address: a token, its hash, one statement */
	char token[TOKEN_LEN + 1], hash[TOKEN_HASH_LEN + 1];
	token_new(token, hash);
	long long now = (long long)clock_now();
	int stored = reset_request(r->db, email, hash, now, now + TOKEN_RESET_SECONDS);
	if (stored < 0)
		return HANDLER_ERROR;
	const char *base = getenv("KRING_BASE_URL");
	if (stored == 1 && base && base[0]) {
		const char *from = getenv("KRING_SMTP_FROM");
		const char *link = account_link_url(r, arena_printf(&r->arena, "/reset/%s", token));
		/* sent on a thread of its own: the answer does not wait for the relay */
		mail_send_later(getenv("KRING_SMTP_URL"),
		                from && from[0] ? from : "kring@localhost", email,
		                T(ACC_MAIL_SUBJECT), T_printf(&r->arena, ACC_MAIL_BODY, link));
	} else if (stored == 1) {
		fprintf(stderr, "kring: KRING_BASE_URL is not set: no reset link was mailed\n");
	}
	sodium_memzero(token, sizeof(token));
	forgot_page(r, &f, true, 200);
	return HANDLER_OK;
}

/* ---- the reset link ---- */

static const struct field_spec reset_fields[] = {
    {.name = "password",
     .label_text = FIELD_TEXTS(F_ACCOUNT_RESET_PASSWORD_LABEL),
     .hint_text = FIELD_TEXTS(F_ACCOUNT_RESET_PASSWORD_HINT),
     .kind = FIELD_PASSWORD,
     .required = true,
     .max_len = AUTH_PASSWORD_MAX,
     .autocomplete = "new-password",
     .required_text = FIELD_TEXTS(F_ACCOUNT_RESET_PASSWORD_REQUIRED)},
    {.name = "password2",
     .label_text = FIELD_TEXTS(F_ACCOUNT_RESET_PASSWORD2_LABEL),
     .kind = FIELD_PASSWORD,
     .required = true,
     .max_len = AUTH_PASSWORD_MAX,
     .autocomplete = "new-password",
     .required_text = FIELD_TEXTS(F_ACCOUNT_RESET_PASSWORD2_REQUIRED)},
};
#define N_RESET (sizeof(reset_fields) / sizeof(reset_fields[0]))

static void reset_page(struct req *r, const struct reset_link *l, struct form *f, unsigned status)
{
	struct html h;
	page_begin(r, &h, T(ACC_RESET_TITLE));
	html(&h,
	     "<div class=\"kring-narrow\"><h1 class=\"utrecht-heading-1\">%s</h1>"
	     "<p class=\"utrecht-paragraph kring-lead\">%s</p>",
	     T(ACC_RESET_TITLE), T_printf(&r->arena, ACC_RESET_INTRO, l->name, l->email));
	form_error_summary(&h, f);
	form_begin(&h, r, arena_printf(&r->arena, "/reset/%s", r->param_token));
	html(&h, "<input type=\"hidden\" name=\"username\" value=\"%s\" autocomplete=\"username\">",
	     l->email);
	form_field(&h, f, "password");
	form_field(&h, f, "password2");
	form_end(&h, T(ACC_RESET_BUTTON));
	html(&h, "<p class=\"utrecht-paragraph kring-muted\">%s</p></div>", T(ACC_RESET_AFTER));
	page_end(r, &h, status);
}

int page_reset(struct req *r)
{
	char hash[TOKEN_HASH_LEN + 1];
	token_hash(r->param_token, hash);
	struct reset_link l;
	enum link_state st = reset_lookup(r->db, &r->arena, hash, (long long)clock_now(), &l);
	if (st == LINK_ERROR)
		return HANDLER_ERROR;
	if (st != LINK_OK)
		return account_link_refused(r, st);
	struct form f;
	form_init(&f, reset_fields, N_RESET);
	reset_page(r, &l, &f, 200);
	return HANDLER_OK;
}

int page_reset_save(struct req *r)
{
	char thash[TOKEN_HASH_LEN + 1];
	token_hash(r->param_token, thash);
	long long now = (long long)clock_now();
	struct reset_link l;
	enum link_state st = reset_lookup(r->db, &r->arena, thash, now, &l);
	if (st == LINK_ERROR)
		return HANDLER_ERROR;
	if (st != LINK_OK)
		return account_link_refused(r, st);
	struct form f;
	bool ok = form_read(r, &f, reset_fields, N_RESET);
	const char *problem =
	    ok ? account_password_problem(form_value(&f, "password"), form_value(&f, "password2"))
	       : NULL;
	if (problem) {
		form_error(&f, "password", problem);
		ok = false;
	}
	if (!ok) {
		form_set(&f, "password", "");
		form_set(&f, "password2", "");
		reset_page(r, &l, &f, 422);
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
	long long person = 0;
	st = reset_use(r->db, thash, now, j->hash, &person);
	if (st == LINK_ERROR)
		return HANDLER_ERROR;
	if (st != LINK_OK)
		return account_link_refused(r, st);
	/* every session ended; log in again with the new password (and the code, if asked) */
	r->logout = r->person_id != 0;
	resp_redirect(r, "/login?hersteld=1");
	return HANDLER_OK;
}

/* ---- the beheerder's side ---- */

int page_person_reset(struct req *r)
{
	char token[TOKEN_LEN + 1], hash[TOKEN_HASH_LEN + 1];
	token_new(token, hash);
	long long now = (long long)clock_now(), expires = now + TOKEN_RESET_SECONDS;
	enum save_result rc =
	    reset_create(r->db, r->org_id, r->person_id, r->param_id, hash, now, expires);
	if (rc != SAVE_OK)
		return respond_failed(r, rc);
	const char *back = arena_printf(&r->arena, "/o/%s/people/%lld", r->org_slug, r->param_id);
	struct html h;
	page_begin(r, &h, T(ACC_RESET_LINK_TITLE));
	html(&h,
	     "<p class=\"utrecht-paragraph kring-back\"><a class=\"utrecht-link\" "
	     "href=\"%s\">%s</a></p><div class=\"kring-narrow\">"
	     "<h1 class=\"utrecht-heading-1\">%s</h1>",
	     back, T(PEOPLE_BACK), T(ACC_RESET_LINK_TITLE));
	page_notice(&h, "ok", T(ACC_RESET_LINK_MADE));
	account_link_box(&h, r, account_link_url(r, arena_printf(&r->arena, "/reset/%s", token)),
	                 T(ACC_RESET_LINK_WHAT), expires);
	html(&h, "<p class=\"utrecht-paragraph\">%s</p></div>", T(ACC_RESET_LINK_ONCE));
	page_end(r, &h, 200);
	return HANDLER_OK;
}

int page_person_sessions_end(struct req *r)
{
	enum save_result rc =
	    account_sessions_end_member(r->db, r->org_id, r->person_id, r->param_id);
	if (rc != SAVE_OK)
		return respond_failed(r, rc);
	if (r->param_id == r->person_id) {
		resp_redirect(r, "/login");
		return HANDLER_OK;
	}
	resp_redirect(r, arena_printf(&r->arena, "/o/%s/people/%lld?klaar=sessies", r->org_slug,
	                              r->param_id));
	return HANDLER_OK;
}
