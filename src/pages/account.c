/*
 * account.c - my account (issue 14): change my own password, see and end
 * my sessions. Two-step login is in account_totp.c, reset links in
 * account_reset.c.
 */
#include <string.h>

#include "../auth/password.h"
#include "../core/account.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "account_ui.h"
#include "pages.h"

static void account_nav(struct html *h, const char *here)
{
	static const struct {
		const char *path;
		int text;
	} items[] = {{"/account", TXT_ACC_TITLE},
	             {"/account/password", TXT_ACC_PW_TITLE},
	             {"/account/sessions", TXT_ACC_SESSIONS_TITLE},
	             {"/account/totp", TXT_ACC_TOTP_TITLE}};
	html(h, "<nav class=\"kring-subnav kring-noprint\" aria-label=\"%s\"><ul>", T(ACC_NAV));
	for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++)
		html(h, "<li><a class=\"utrecht-link\" href=\"%s\"%s>%s</a></li>", items[i].path,
		     strcmp(items[i].path, here) == 0 ? " aria-current=\"page\"" : "",
		     TX(items[i].text));
	html(h, "</ul></nav>");
}

/* The start of every account page: navigation, title and its one-line explanation. */
void account_page_begin(struct req *r, struct html *h, const char *here, const char *title,
                        const char *intro)
{
	page_begin(r, h, title);
	account_nav(h, here);
	html(h,
	     "<div class=\"kring-narrow\"><h1 class=\"utrecht-heading-1\">%s</h1>"
	     "<p class=\"utrecht-paragraph kring-lead\">%s</p>",
	     title, intro);
}

/* ---- my language: Automatisch (the browser's), Nederlands, English ---- */

static const char *const lang_values[] = {"auto", "nl", "en", NULL};

/* The one field of the language form (its texts in the request's language). */
static struct field_spec lang_field(void)
{
	return (struct field_spec){.name = "lang",
	                           .label = T(ACC_LANG_LABEL),
	                           .hint = T(ACC_LANG_HINT),
	                           .kind = FIELD_RADIO,
	                           .required = true,
	                           .options = lang_values,
	                           .option_labels = T_ROW(ACC_LANG_AUTO)};
}

static void lang_form(struct req *r, struct html *h, const struct form *f)
{
	html(h,
	     "<section class=\"kring-section\" aria-labelledby=\"h-lang\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-lang\">%s</h2>",
	     T(ACC_LANG_TITLE));
	form_error_summary(h, f);
	form_begin(h, r, "/account/lang");
	form_field(h, f, "lang");
	form_end(h, T(ACC_LANG_BUTTON));
	html(h, "</section>");
}

static int account_page(struct req *r, struct form *lf, unsigned status)
{
	struct totp_state ts;
	if (account_totp_get(r->db, &r->arena, r->person_id, &ts) < 0)
		return HANDLER_ERROR;
	struct html h;
	account_page_begin(r, &h, "/account", T(ACC_TITLE), T(ACC_INTRO));
	if (req_query(r, "taal") != NULL && status == 200)
		page_notice(&h, "ok", T(ACC_LANG_SAVED));
	html(&h,
	     "<dl class=\"kring-facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>"
	     "<dt>%s</dt><dd>%s</dd></dl>",
	     T(PERSON_NAME), r->person_name, T(PERSON_EMAIL), r->person_email, T(ACC_TOTP_TITLE),
	     ts.on ? T(ACC_TOTP_IS_ON) : T(ACC_TOTP_IS_OFF));
	html(&h,
	     "<ul class=\"kring-cards\">"
	     "<li class=\"kring-card\"><a class=\"utrecht-link kring-card__title\" "
	     "href=\"/account/password\">%s</a><p class=\"utrecht-paragraph\">%s</p></li>"
	     "<li class=\"kring-card\"><a class=\"utrecht-link kring-card__title\" "
	     "href=\"/account/sessions\">%s</a><p class=\"utrecht-paragraph\">%s</p></li>"
	     "<li class=\"kring-card\"><a class=\"utrecht-link kring-card__title\" "
	     "href=\"/account/totp\">%s</a><p class=\"utrecht-paragraph\">%s</p></li></ul>",
	     T(ACC_PW_TITLE), T(ACC_PW_INTRO), T(ACC_SESSIONS_TITLE), T(ACC_SESSIONS_INTRO),
	     T(ACC_TOTP_TITLE), T(ACC_TOTP_INTRO));
	lang_form(r, &h, lf);
	html(&h, "</div>");
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_account(struct req *r)
{
	struct field_spec spec = lang_field();
	struct form f;
	form_init(&f, &spec, 1);
	form_set(&f, "lang", r->person_lang && r->person_lang[0] ? r->person_lang : "auto");
	return account_page(r, &f, 200);
}

int page_account_lang_save(struct req *r)
{
	struct field_spec spec = lang_field();
	struct form f;
	if (!form_read(r, &f, &spec, 1))
		return account_page(r, &f, 400);
	const char *v = form_value(&f, "lang");
	enum save_result rc =
	    account_lang_set(r->db, r->person_id, strcmp(v, "auto") == 0 ? "" : v);
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	resp_redirect(r, "/account?taal=1");
	return HANDLER_OK;
}

/* ---- my password ---- */

static const struct field_spec pw_fields[] = {
    {.name = "current",
     .label_text = FIELD_TEXTS(F_ACCOUNT_CURRENT_LABEL),
     .kind = FIELD_PASSWORD,
     .required = true,
     .max_len = AUTH_PASSWORD_MAX,
     .autocomplete = "current-password",
     .required_text = FIELD_TEXTS(F_ACCOUNT_CURRENT_REQUIRED)},
    {.name = "password",
     .label_text = FIELD_TEXTS(F_ACCOUNT_PASSWORD_LABEL),
     .hint_text = FIELD_TEXTS(F_ACCOUNT_PASSWORD_HINT),
     .kind = FIELD_PASSWORD,
     .required = true,
     .max_len = AUTH_PASSWORD_MAX,
     .autocomplete = "new-password",
     .required_text = FIELD_TEXTS(F_ACCOUNT_PASSWORD_REQUIRED)},
    {.name = "password2",
     .label_text = FIELD_TEXTS(F_ACCOUNT_PASSWORD2_LABEL),
     .kind = FIELD_PASSWORD,
     .required = true,
     .max_len = AUTH_PASSWORD_MAX,
     .autocomplete = "new-password",
     .required_text = FIELD_TEXTS(F_ACCOUNT_PASSWORD2_REQUIRED)},
};
#define N_PW (sizeof(pw_fields) / sizeof(pw_fields[0]))

static void pw_page(struct req *r, struct form *f, const char *notice, unsigned status)
{
	struct html h;
	account_page_begin(r, &h, "/account/password", T(ACC_PW_TITLE), T(ACC_PW_INTRO));
	if (notice)
		page_notice(&h, "error", notice);
	else if (req_query(r, "klaar"))
		page_notice(&h, "ok", T(ACC_PW_CHANGED));
	form_error_summary(&h, f);
	form_begin(&h, r, "/account/password");
	form_field(&h, f, "current");
	form_field(&h, f, "password");
	form_field(&h, f, "password2");
	form_end(&h, T(ACC_PW_BUTTON));
	html(&h, "<p class=\"utrecht-paragraph kring-muted\">%s</p></div>", T(ACC_PW_OTHERS_END));
	page_end(r, &h, status);
}

int page_account_password(struct req *r)
{
	struct form f;
	form_init(&f, pw_fields, N_PW);
	pw_page(r, &f, NULL, 200);
	return HANDLER_OK;
}

struct pw_job {
	const char *stored, *current, *fresh;
	bool ok;
	char hash[crypto_pwhash_STRBYTES];
	int rc;
};

static void pw_work(void *arg)
{
	struct pw_job *j = arg;
	j->ok = auth_password_verify(j->stored, j->current);
	j->rc = j->ok ? auth_password_hash(j->fresh, j->hash) : 0;
}

int page_account_password_save(struct req *r)
{
	struct form f;
	bool ok = form_read(r, &f, pw_fields, N_PW);
	const char *problem =
	    ok ? account_password_problem(form_value(&f, "password"), form_value(&f, "password2"))
	       : NULL;
	if (problem) {
		form_error(&f, "password", problem);
		ok = false;
	}
	if (!ok) {
		form_set(&f, "current", "");
		form_set(&f, "password", "");
		form_set(&f, "password2", "");
		pw_page(r, &f, NULL, 422);
		return HANDLER_OK;
	}
	if (r->defer == DEFER_NONE) {
		struct pw_job *j = arena_alloc(&r->arena, sizeof(*j));
		if (account_password_hash(r->db, &r->arena, r->person_id, &j->stored) != 1)
			return HANDLER_ERROR;
		j->current = form_value(&f, "current");
		j->fresh = form_value(&f, "password");
		return req_defer(r, pw_work, j);
	}
	struct pw_job *j = r->defer_job;
	if (!j->ok) {
		form_error(&f, "current", T(ACC_PW_CURRENT_WRONG));
		form_set(&f, "current", "");
		form_set(&f, "password", "");
		form_set(&f, "password2", "");
		pw_page(r, &f, NULL, 422);
		return HANDLER_OK;
	}
	if (j->rc != 0)
		return HANDLER_ERROR;
	enum save_result rc = account_password_set(r->db, r->person_id, j->hash, r->session_hash);
	if (rc != SAVE_OK)
		return respond_failed(r, rc);
	resp_redirect(r, "/account/password?klaar=1");
	return HANDLER_OK;
}

/* ---- my sessions ---- */

/* A table of sessions; with an "end" form per row when end_action is not NULL. */
void account_sessions_table(struct req *r, struct html *h, const struct session_info *s, size_t n,
                            const char *current_hash, const char *end_action)
{
	html(h,
	     "<table class=\"utrecht-table kring-table kring-table--stack\">"
	     "<caption class=\"kring-sr\">%s</caption>"
	     "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>",
	     T(ACC_SESSIONS_CAPTION), T(ACC_SESSION_AGENT), T(ACC_SESSION_CREATED),
	     T(ACC_SESSION_SEEN));
	/* the action column only where sessions are ended one by one (my own list) */
	if (end_action)
		html(h,
		     "<th class=\"utrecht-table__header-cell kring-col-action\" "
		     "scope=\"col\">%s</th>",
		     T(ACTIONS));
	html(h, "</tr></thead><tbody class=\"utrecht-table__body\">");
	for (size_t i = 0; i < n; i++) {
		bool current = current_hash && strcmp(s[i].id_hash, current_hash) == 0;
		html(h,
		     "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\" "
		     "data-label=\"%s\">%s</td><td class=\"utrecht-table__cell\" "
		     "data-label=\"%s\">%s</td><td class=\"utrecht-table__cell\" "
		     "data-label=\"%s\">%s</td>",
		     T(ACC_SESSION_AGENT),
		     s[i].user_agent[0] ? s[i].user_agent : T(ACC_SESSION_AGENT_UNKNOWN),
		     T(ACC_SESSION_CREATED), fmt_datetime(&r->arena, s[i].created_at),
		     T(ACC_SESSION_SEEN), fmt_datetime(&r->arena, s[i].seen_at));
		if (end_action == NULL) {
			html(h, "</tr>");
			continue;
		}
		html(h, "<td class=\"utrecht-table__cell kring-col-action\">");
		if (current) {
			html(h, "<strong>%s</strong>", T(ACC_SESSION_THIS));
		} else {
			form_begin(h, r, end_action);
			html(
			    h,
			    "<input type=\"hidden\" name=\"sessie\" value=\"%s\">"
			    "<button class=\"utrecht-button utrecht-button--secondary-action\" "
			    "type=\"submit\">%s<span class=\"kring-sr\"> %s</span></button></form>",
			    s[i].id_hash, T(ACC_SESSION_END),
			    fmt_datetime(&r->arena, s[i].created_at));
		}
		html(h, "</td></tr>");
	}
	html(h, "</tbody></table>");
}

int page_account_sessions(struct req *r)
{
	struct session_info *s;
	size_t n;
	if (account_sessions(r->db, &r->arena, r->person_id, &s, &n) != 0)
		return HANDLER_ERROR;
	struct html h;
	account_page_begin(r, &h, "/account/sessions", T(ACC_SESSIONS_TITLE),
	                   T(ACC_SESSIONS_INTRO));
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "een") == 0)
		page_notice(&h, "ok", T(ACC_SESSION_ENDED));
	else if (done && strcmp(done, "alle") == 0)
		page_notice(&h, "ok", T(ACC_SESSIONS_ENDED));
	account_sessions_table(r, &h, s, n, r->session_hash, "/account/sessions/end");
	if (n > 1) {
		form_begin(&h, r, "/account/sessions/end-others");
		form_end(&h, T(ACC_SESSIONS_END_OTHERS));
	}
	html(&h, "</div>");
	page_end(r, &h, 200);
	return HANDLER_OK;
}

int page_account_session_end(struct req *r)
{
	const char *which = req_form(r, "sessie");
	/* a session hash is 64 hex characters; anything else is no session of ours */
	if (which == NULL || strlen(which) != 64 || strspn(which, "0123456789abcdef") != 64) {
		resp_error(r, 400);
		return HANDLER_OK;
	}
	int rc = account_session_end(r->db, r->person_id, which);
	if (rc < 0)
		return HANDLER_ERROR;
	if (rc == 0)
		return respond_not_found(r);
	resp_redirect(r, r->session_hash && strcmp(which, r->session_hash) == 0
	                     ? "/login"
	                     : "/account/sessions?klaar=een");
	return HANDLER_OK;
}

int page_account_sessions_end_others(struct req *r)
{
	if (account_sessions_end(r->db, r->person_id, r->session_hash) < 0)
		return HANDLER_ERROR;
	resp_redirect(r, "/account/sessions?klaar=alle");
	return HANDLER_OK;
}
