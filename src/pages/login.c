/*
 * login.c - health check, start page, logging in and out.
 */
#include <time.h>

#include "../auth/password.h"
#include "../auth/throttle.h"
#include "../auth/roles.h"
#include "../core/account.h"
#include "../http/decode.h"
#include "../core/org.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "pages.h"

int page_healthz(struct req *r)
{
	switch (server_db_health(r)) {
	case DB_OK:
		resp_text(r, 200, "ok");
		break;
	case DB_FULL: /* reads still work; nothing can be saved */
		resp_text(r, 503, "disk full");
		break;
	default:
		resp_text(r, 503, "database unavailable");
		break;
	}
	return HANDLER_OK;
}

static const struct field_spec login_fields[] = {
    {.name = "email",
     .label_text = FIELD_TEXTS(F_LOGIN_EMAIL_LABEL),
     .kind = FIELD_EMAIL,
     .required = true,
     .max_len = 254,
     .autocomplete = "username",
     .required_text = FIELD_TEXTS(F_LOGIN_EMAIL_REQUIRED)},
    {.name = "password",
     .label_text = FIELD_TEXTS(F_LOGIN_PASSWORD_LABEL),
     .kind = FIELD_PASSWORD,
     .required = true,
     .max_len = AUTH_PASSWORD_MAX,
     .autocomplete = "current-password",
     .required_text = FIELD_TEXTS(F_LOGIN_PASSWORD_REQUIRED)},
};
#define N_LOGIN_FIELDS (sizeof(login_fields) / sizeof(login_fields[0]))

/* Only local paths are followed after login (no open redirect). */
static const char *safe_next(const char *next)
{
	if (next == NULL || next[0] != '/' || next[1] == '/' || next[1] == '\\')
		return "/";
	/* browsers drop tabs and newlines from URLs: "/\t/x" would become "//x" */
	for (const char *p = next; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
			return "/";
	return next;
}

static void login_page(struct req *r, struct form *f, const char *message, unsigned status)
{
	struct html h;
	page_begin(r, &h, T(LOGIN_TITLE));
	html(&h,
	     "<div class=\"kring-narrow\"><h1 class=\"utrecht-heading-1\">%s</h1>"
	     "<p class=\"utrecht-paragraph kring-lead\">%s</p>",
	     T(LOGIN_TITLE), T(LOGIN_INTRO));
	if (message)
		page_notice(&h, "error", message);
	else if (req_query(r, "uitgelogd") && f->n_errors == 0)
		page_notice(&h, "ok", T(LOGGED_OUT));
	else if (req_query(r, "hersteld") && f->n_errors == 0)
		page_notice(&h, "ok", T(ACC_RESET_DONE));
	form_error_summary(&h, f);
	form_begin(&h, r, "/login");
	const char *next =
	    safe_next(req_form(r, "next") ? req_form(r, "next") : req_query(r, "next"));
	html(&h, "<input type=\"hidden\" name=\"next\" value=\"%s\">", next);
	form_field(&h, f, "email");
	form_field(&h, f, "password");
	form_end(&h, T(LOGIN_BUTTON));
	/* accounts: the way to a forgotten password */
	html(&h,
	     "<p class=\"utrecht-paragraph kring-muted\"><a class=\"utrecht-link\" "
	     "href=\"/login/forgot\">%s</a></p></div>",
	     T(LOGIN_HELP));
	page_end(r, &h, status);
}

int page_login_form(struct req *r)
{
	if (r->person_id != 0) {
		resp_redirect(r, safe_next(req_query(r, "next")));
		return HANDLER_OK;
	}
	struct form f;
	form_init(&f, login_fields, N_LOGIN_FIELDS);
	login_page(r, &f, NULL, 200);
	return HANDLER_OK;
}

/* Password check on a worker thread: the slow part of a login. */
struct login_job {
	const char *hash; /* NULL for an unknown address: verify against a dummy */
	const char *password;
	long long attempt[2]; /* the attempt's rows in login_failures */
	bool ok;
};

static void login_verify(void *arg)
{
	struct login_job *j = arg;
	j->ok = auth_password_verify(j->hash, j->password);
}

int page_login_submit(struct req *r)
{
	struct form f;
	bool valid = form_read(r, &f, login_fields, N_LOGIN_FIELDS);
	const char *email = auth_normalize_email(&r->arena, form_value(&f, "email"));
	if (!valid) {
		login_page(r, &f, NULL, 422);
		return HANDLER_OK;
	}
	long long person = 0;
	const char *name = NULL, *hash = NULL;
	int locked = 0;
	int found = person_find(r->db, &r->arena, email, &person, &name, &hash, &locked);
	if (found < 0)
		return HANDLER_ERROR;

	if (r->defer == DEFER_NONE) {
		struct login_job *j = arena_alloc(&r->arena, sizeof(*j));
		int rc = auth_attempt_begin(r->db, email, r->remote_ip, time(NULL), j->attempt);
		if (rc < 0)
			return HANDLER_ERROR;
		if (rc == 1) {
			login_page(r, &f, T(LOGIN_THROTTLED), 429);
			return HANDLER_OK;
		}
		j->hash = found ? hash : NULL;
		j->password = form_value(&f, "password");
		return req_defer(r, login_verify, j);
	}

	/* a failed attempt stays recorded as a failure */
	struct login_job *j = r->defer_job;
	if (!found || locked || !j->ok) {
		form_set(&f, "password", "");
		login_page(r, &f, T(LOGIN_FAILED), 401);
		return HANDLER_OK;
	}
	auth_attempt_succeeded(r->db, email, j->attempt);
	r->login_person_id = person; /* the router starts the session */
	/* accounts: with two-step login on, the session waits for the code */
	struct totp_state ts;
	if (account_totp_get(r->db, &r->arena, person, &ts) < 0)
		return HANDLER_ERROR;
	if (ts.on) {
		r->login_pending = true;
		resp_redirect(r,
		              arena_printf(&r->arena, "/login/code?next=%s",
		                           url_encode(&r->arena, safe_next(req_form(r, "next")))));
		return HANDLER_OK;
	}
	/* the organisation moved here and two-step login stayed behind: say so first */
	resp_redirect(r, ts.moved ? "/account/totp" : safe_next(req_form(r, "next")));
	return HANDLER_OK;
}

int page_logout(struct req *r)
{
	r->logout = true; /* the router ends the session */
	resp_redirect(r, "/login?uitgelogd=1");
	return HANDLER_OK;
}

int page_start(struct req *r)
{
	if (r->person_id == 0) {
		resp_redirect(r, "/login");
		return HANDLER_OK;
	}
	struct org_access *orgs;
	size_t n;
	if (org_list_for_person(r->db, &r->arena, r->person_id, &orgs, &n) != 0)
		return HANDLER_ERROR;
	if (n == 1 && req_query(r, "kies") == NULL) {
		resp_redirect(r, arena_printf(&r->arena, "/o/%s/", orgs[0].slug));
		return HANDLER_OK;
	}
	struct html h;
	page_begin(r, &h, T(START_TITLE));
	html(&h, "<h1 class=\"utrecht-heading-1\">%s</h1>", T(START_TITLE));
	if (n == 0) {
		html(&h, "<p class=\"utrecht-paragraph\">%s</p>", T(START_NONE));
	} else {
		html(&h,
		     "<p class=\"utrecht-paragraph kring-lead\">%s</p><ul class=\"kring-cards\">",
		     n > 1 ? T(START_INTRO) : T(START_INTRO_ONE));
		for (size_t i = 0; i < n; i++)
			html(&h,
			     "<li class=\"kring-card\"><a class=\"utrecht-link kring-card__title\" "
			     "href=\"/o/%s/\">%s</a><p class=\"utrecht-paragraph\">%s %s</p></li>",
			     orgs[i].slug, orgs[i].name, T(START_YOUR_ROLE),
			     role_label(orgs[i].role));
		html(&h, "</ul>");
	}
	page_end(r, &h, 200);
	return HANDLER_OK;
}
