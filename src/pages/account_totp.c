/*
 * account_totp.c - two-step login (issue 14): staff turn it on with a
 * secret shown as text and as an otpauth:// address, confirm it with a
 * code, and get ten recovery codes shown once; the login asks for a code
 * after the password (failures count in the login throttle); a beheerder
 * can require it for the organisation's staff.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../auth/roles.h"
#include "../auth/throttle.h"
#include "../auth/totp.h"
#include "../core/account.h"
#include "../i18n/text.h"
#include "../util/clock.h"
#include "../web/layout.h"
#include "account_ui.h"
#include "pages.h"

static const struct field_spec code_fields[] = {
    {.name = "code",
     .label_text = FIELD_TEXTS(F_ACCOUNT_TOTP_CODE_LABEL),
     .hint_text = FIELD_TEXTS(F_ACCOUNT_TOTP_CODE_HINT),
     .kind = FIELD_TEXT,
     .required = true,
     .max_len = 32,
     .autocomplete = "one-time-code",
     .required_text = FIELD_TEXTS(F_ACCOUNT_TOTP_CODE_REQUIRED)},
};

/* while setting up: only the app's code (recovery codes do not exist yet) */
static const struct field_spec setup_fields[] = {
    {.name = "code",
     .label_text = FIELD_TEXTS(F_ACCOUNT_TOTP_CODE_LABEL2),
     .hint_text = FIELD_TEXTS(F_ACCOUNT_TOTP_CODE_HINT2),
     .kind = FIELD_TEXT,
     .required = true,
     .max_len = 32,
     .autocomplete = "one-time-code",
     .required_text = FIELD_TEXTS(F_ACCOUNT_TOTP_CODE_REQUIRED2)},
};

/*
 * The person's two-step state with the secret opened (account_totp_get, 1,
 * 0 or -1). A secret that does not open (the server key changed, or the
 * value was altered) reads as none: no code is accepted, a recovery code
 * still is, and the person can set two-step login up again.
 */
static int totp_load(struct req *r, long long person, struct totp_state *ts)
{
	int rc = account_totp_get(r->db, &r->arena, person, ts);
	if (rc != 1)
		return rc;
	const char *hex = totp_unseal(&r->arena, person, ts->secret);
	if (hex == NULL) {
		fprintf(stderr,
		        "kring: the two-step secret of person %lld does not open (another server "
		        "key?): no code is accepted\n",
		        person);
		hex = "";
	}
	ts->secret = hex;
	return 1;
}

/* "ABCD EFGH ..." : the base32 secret in groups of four, easier to type over */
static const char *grouped(struct arena *a, const char *b32)
{
	size_t n = strlen(b32);
	char *out = arena_alloc(a, n + n / 4 + 1), *o = out;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && i % 4 == 0)
			*o++ = ' ';
		*o++ = b32[i];
	}
	*o = '\0';
	return out;
}

static void totp_page(struct req *r, const struct totp_state *ts, struct form *f, const char *error,
                      unsigned status)
{
	struct html h;
	account_page_begin(r, &h, "/account/totp", T(ACC_TOTP_TITLE), T(ACC_TOTP_INTRO));
	if (req_query(r, "nodig") && !ts->on)
		page_notice(&h, "warning", T(ACC_TOTP_REQUIRED));
	if (ts->moved && !ts->on) /* the secret stayed behind at the other kring */
		page_notice(&h, "warning", T(ACC_TOTP_MOVED));
	if (error)
		page_notice(&h, "error", error);
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "uit") == 0)
		page_notice(&h, "ok", T(ACC_TOTP_TURNED_OFF));
	if (ts->on) {
		html(&h, "<p class=\"utrecht-paragraph\"><strong>%s</strong></p>",
		     T(ACC_TOTP_IS_ON));
		html(&h, "<p class=\"utrecht-paragraph\">%s</p>",
		     TN_printf(&r->arena, ACC_TOTP_CODES_LEFT, ts->recovery_left,
		               ts->recovery_left));
		html(&h,
		     "<section class=\"kring-card\" aria-labelledby=\"h-uit\"><h2 "
		     "class=\"utrecht-heading-2\" id=\"h-uit\">%s</h2><p "
		     "class=\"utrecht-paragraph\">%s</p>",
		     T(ACC_TOTP_OFF_TITLE), T(ACC_TOTP_OFF_INTRO));
		form_error_summary(&h, f);
		form_begin(&h, r, "/account/totp/off");
		form_field(&h, f, "code");
		form_end(&h, T(ACC_TOTP_OFF_BUTTON));
		html(&h, "</section></div>");
		page_end(r, &h, status);
		return;
	}
	if (ts->secret[0] == '\0') {
		html(&h, "<p class=\"utrecht-paragraph\">%s</p>", T(ACC_TOTP_HOW));
		form_begin(&h, r, "/account/totp/start");
		form_end(&h, T(ACC_TOTP_START));
		html(&h, "</div>");
		page_end(r, &h, status);
		return;
	}
	const char *b32 = totp_secret_base32(&r->arena, ts->secret);
	const char *uri = totp_uri(&r->arena, "kring", r->person_email, ts->secret);
	if (b32 == NULL || uri == NULL) {
		html(&h, "</div>");
		page_end(r, &h, 500);
		return;
	}
	html(&h,
	     "<ol class=\"kring-steps\"><li><p class=\"utrecht-paragraph\">%s</p>"
	     "<p class=\"utrecht-paragraph\"><code class=\"kring-secret\" "
	     "id=\"totp-secret\">%s</code></p>"
	     "<p class=\"utrecht-paragraph kring-small\">%s <a class=\"utrecht-link kring-break\" "
	     "href=\"%s\">%s</a></p></li><li><p class=\"utrecht-paragraph\">%s</p>",
	     T(ACC_TOTP_STEP1), grouped(&r->arena, b32), T(ACC_TOTP_URI), uri, uri,
	     T(ACC_TOTP_STEP2));
	form_error_summary(&h, f);
	form_begin(&h, r, "/account/totp/confirm");
	form_field(&h, f, "code");
	form_end(&h, T(ACC_TOTP_CONFIRM));
	html(&h, "</li></ol>");
	form_begin(&h, r, "/account/totp/start");
	html(&h,
	     "<p class=\"kring-actions\"><button class=\"utrecht-button "
	     "utrecht-button--secondary-action\" type=\"submit\">%s</button></p></form></div>",
	     T(ACC_TOTP_NEW_SECRET));
	page_end(r, &h, status);
}

int page_account_totp(struct req *r)
{
	struct totp_state ts;
	if (totp_load(r, r->person_id, &ts) != 1)
		return HANDLER_ERROR;
	struct form f;
	if (ts.on)
		form_init(&f, code_fields, 1);
	else
		form_init(&f, setup_fields, 1);
	totp_page(r, &ts, &f, NULL, 200);
	return HANDLER_OK;
}

int page_account_totp_start(struct req *r)
{
	char secret[TOTP_SECRET_HEX + 1];
	totp_secret_new(secret);
	const char *sealed = totp_seal(&r->arena, r->person_id, secret); /* never stored plain */
	sodium_memzero(secret, sizeof(secret));
	if (sealed == NULL)
		return HANDLER_ERROR;
	enum save_result rc = account_totp_begin(r->db, r->person_id, sealed);
	if (rc == SAVE_REFUSED) { /* already on: nothing to start */
		resp_redirect(r, "/account/totp");
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return respond_failed(r, rc);
	resp_redirect(r, "/account/totp");
	return HANDLER_OK;
}

int page_account_totp_confirm(struct req *r)
{
	struct totp_state ts;
	if (totp_load(r, r->person_id, &ts) != 1)
		return HANDLER_ERROR;
	struct form f;
	bool ok = form_read(r, &f, setup_fields, 1);
	long long step = 0;
	if (ok && (ts.on || ts.secret[0] == '\0')) {
		resp_redirect(r, "/account/totp");
		return HANDLER_OK;
	}
	if (ok && !totp_check(ts.secret, form_value(&f, "code"), clock_now(), 0, &step)) {
		form_error(&f, "code", T(ACC_TOTP_CODE_WRONG));
		ok = false;
	}
	if (!ok) {
		form_set(&f, "code", "");
		totp_page(r, &ts, &f, NULL, 422);
		return HANDLER_OK;
	}
	char codes[RECOVERY_CODES][RECOVERY_CODE_LEN + 1];
	char hashes[RECOVERY_CODES][65];
	for (int i = 0; i < RECOVERY_CODES; i++) {
		recovery_code_new(codes[i]);
		recovery_code_hash(codes[i], hashes[i]);
	}
	enum save_result rc =
	    account_totp_enable(r->db, r->person_id, step, hashes, RECOVERY_CODES);
	if (rc == SAVE_REFUSED) {
		resp_redirect(r, "/account/totp");
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return respond_failed(r, rc);
	struct html h;
	account_page_begin(r, &h, "/account/totp", T(ACC_TOTP_TITLE), T(ACC_TOTP_INTRO));
	page_notice(&h, "ok", T(ACC_TOTP_TURNED_ON));
	html(&h,
	     "<section class=\"kring-card\" aria-labelledby=\"h-codes\"><h2 "
	     "class=\"utrecht-heading-2\" id=\"h-codes\">%s</h2><p "
	     "class=\"utrecht-paragraph\">%s</p>"
	     "<ol class=\"kring-codes\" id=\"recovery-codes\">",
	     T(ACC_TOTP_CODES_TITLE), T(ACC_TOTP_CODES_INTRO));
	for (int i = 0; i < RECOVERY_CODES; i++)
		html(&h, "<li><code>%s</code></li>", codes[i]);
	html(&h,
	     "</ol></section><p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
	     "href=\"/\">%s</a></p></div>",
	     T(ACC_TOTP_CODES_DONE));
	sodium_memzero(codes, sizeof(codes));
	page_end(r, &h, 200);
	return HANDLER_OK;
}

/* True when code is the person's current code (step recorded) or an unused recovery code (used up). */
static int code_good(struct req *r, long long person, const struct totp_state *ts, const char *code)
{
	long long step = 0;
	if (totp_check(ts->secret, code, clock_now(), ts->step, &step))
		return account_totp_use_step(r->db, person, step);
	char hash[65];
	recovery_code_hash(code, hash);
	return account_recovery_use(r->db, person, hash);
}

int page_account_totp_off(struct req *r)
{
	struct totp_state ts;
	if (totp_load(r, r->person_id, &ts) != 1)
		return HANDLER_ERROR;
	if (!ts.on) {
		resp_redirect(r, "/account/totp");
		return HANDLER_OK;
	}
	struct form f;
	bool ok = form_read(r, &f, code_fields, 1);
	int good = ok ? code_good(r, r->person_id, &ts, form_value(&f, "code")) : 0;
	if (good < 0)
		return HANDLER_ERROR;
	if (ok && good == 0) {
		form_error(&f, "code", T(ACC_TOTP_CODE_WRONG));
		ok = false;
	}
	if (!ok) {
		form_set(&f, "code", "");
		totp_page(r, &ts, &f, NULL, 422);
		return HANDLER_OK;
	}
	enum save_result rc = account_totp_disable(r->db, r->person_id);
	if (rc != SAVE_OK)
		return respond_failed(r, rc);
	resp_redirect(r, "/account/totp?klaar=uit");
	return HANDLER_OK;
}

/* ---- the second step of a login ---- */

/* Only local paths are followed after login (no open redirect). */
static const char *safe_next(const char *next)
{
	if (next == NULL || next[0] != '/' || next[1] == '/' || next[1] == '\\')
		return "/";
	for (const char *p = next; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
			return "/";
	return next;
}

static void code_page(struct req *r, struct form *f, const char *error, unsigned status)
{
	struct html h;
	page_begin(r, &h, T(ACC_CODE_TITLE));
	html(&h,
	     "<div class=\"kring-narrow\"><h1 class=\"utrecht-heading-1\">%s</h1>"
	     "<p class=\"utrecht-paragraph kring-lead\">%s</p>",
	     T(ACC_CODE_TITLE), T(ACC_CODE_INTRO));
	if (error)
		page_notice(&h, "error", error);
	form_error_summary(&h, f);
	form_begin(&h, r, "/login/code");
	const char *next =
	    safe_next(req_form(r, "next") ? req_form(r, "next") : req_query(r, "next"));
	html(&h, "<input type=\"hidden\" name=\"next\" value=\"%s\">", next);
	form_field(&h, f, "code");
	form_end(&h, T(ACC_CODE_BUTTON));
	html(&h,
	     "<p class=\"utrecht-paragraph kring-muted\">%s</p><p class=\"utrecht-paragraph\">"
	     "<a class=\"utrecht-link\" href=\"/login\">%s</a></p></div>",
	     T(ACC_CODE_HELP), T(ACC_BACK_TO_LOGIN));
	page_end(r, &h, status);
}

int page_login_code(struct req *r)
{
	if (r->pending_person_id == 0) {
		resp_redirect(r, r->person_id ? "/" : "/login");
		return HANDLER_OK;
	}
	struct form f;
	form_init(&f, code_fields, 1);
	code_page(r, &f, NULL, 200);
	return HANDLER_OK;
}

int page_login_code_check(struct req *r)
{
	long long person = r->pending_person_id;
	if (person == 0) {
		resp_redirect(r, "/login");
		return HANDLER_OK;
	}
	struct form f;
	if (!form_read(r, &f, code_fields, 1)) {
		code_page(r, &f, NULL, 422);
		return HANDLER_OK;
	}
	struct totp_state ts;
	if (totp_load(r, person, &ts) != 1)
		return HANDLER_ERROR;
	/* a code failure counts in the login throttle like a wrong password */
	long long attempt[2];
	int rc = auth_attempt_begin(r->db, ts.email, r->remote_ip, time(NULL), attempt);
	if (rc < 0)
		return HANDLER_ERROR;
	if (rc == 1) {
		code_page(r, &f, T(LOGIN_THROTTLED), 429);
		return HANDLER_OK;
	}
	int good = ts.on ? code_good(r, person, &ts, form_value(&f, "code")) : 0;
	if (good < 0)
		return HANDLER_ERROR;
	if (good == 0) {
		form_set(&f, "code", "");
		code_page(r, &f, T(ACC_CODE_WRONG), 401);
		return HANDLER_OK;
	}
	auth_attempt_succeeded(r->db, ts.email, attempt);
	r->login_person_id = person; /* the router replaces the waiting session by a full one */
	resp_redirect(r, safe_next(req_form(r, "next")));
	return HANDLER_OK;
}

/* ---- the organisation's rule ---- */

int page_org_security(struct req *r)
{
	int on = org_totp_required(r->db, r->org_id);
	if (on < 0)
		return HANDLER_ERROR;
	struct html h;
	page_begin(r, &h, T(ACC_ORG_SEC_TITLE));
	html(&h,
	     "<p class=\"utrecht-paragraph kring-back\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/settings\">%s</a></p><div class=\"kring-narrow\">"
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     r->org_slug, T(ACC_BACK_TO_SETTINGS), T(ACC_ORG_SEC_TITLE), T(ACC_ORG_SEC_INTRO));
	if (req_query(r, "klaar"))
		page_notice(&h, "ok", T(ACC_ORG_SEC_SAVED));
	form_begin(&h, r, arena_printf(&r->arena, "/o/%s/settings/security", r->org_slug));
	html(&h,
	     "<div class=\"kring-option\"><input class=\"utrecht-checkbox "
	     "utrecht-checkbox--html-input\" type=\"checkbox\" id=\"f-totp\" name=\"totp\" "
	     "value=\"1\"%s><label class=\"utrecht-form-label\" for=\"f-totp\">%s</label></div>",
	     on ? " checked" : "", T(ACC_ORG_SEC_LABEL));
	form_end(&h, T(ACC_ORG_SEC_SAVE));
	html(&h, "<p class=\"utrecht-paragraph kring-muted\">%s</p></div>", T(ACC_ORG_SEC_NOTE));
	page_end(r, &h, 200);
	return HANDLER_OK;
}

int page_org_security_save(struct req *r)
{
	const char *v = req_form(r, "totp");
	if (v != NULL && strcmp(v, "1") != 0) {
		resp_error(r, 400);
		return HANDLER_OK;
	}
	enum save_result rc = org_totp_require(r->db, r->org_id, r->person_id, v != NULL);
	if (rc != SAVE_OK)
		return respond_failed(r, rc);
	resp_redirect(r, arena_printf(&r->arena, "/o/%s/settings/security?klaar=1", r->org_slug));
	return HANDLER_OK;
}
