/*
 * account_ui.c - shared parts of the account and invitation pages (see account_ui.h).
 */
#include "account_ui.h"

#include <stdlib.h>
#include <string.h>

#include "../auth/password.h"
#include "../i18n/text.h"
#include "../web/layout.h"

/* A host header we repeat in a link: letters, digits, dots, dashes, a port, brackets. */
static bool host_ok(const char *h)
{
	if (h == NULL || h[0] == '\0' || strlen(h) > 255)
		return false;
	for (const char *p = h; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == ':' ||
		      *p == '[' || *p == ']'))
			return false;
	return true;
}

const char *account_link_url(struct req *r, const char *path)
{
	const char *base = getenv("KRING_BASE_URL");
	if (base && base[0]) {
		size_t n = strlen(base);
		while (n > 0 && base[n - 1] == '/')
			n--;
		return arena_printf(&r->arena, "%.*s%s", (int)n, base, path);
	}
	const char *host = req_header(r, "Host");
	if (!host_ok(host))
		return path;
	return arena_printf(&r->arena, "%s://%s%s", r->cfg && r->cfg->behind_tls ? "https" : "http",
	                    host, path);
}

void account_link_box(struct html *h, struct req *r, const char *url, const char *what,
                      long long expires_at)
{
	html(h,
	     "<section class=\"kring-card kring-link-box\" aria-labelledby=\"h-link\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-link\">%s</h2>"
	     "<p class=\"utrecht-paragraph\">%s</p>"
	     "<p class=\"utrecht-paragraph\"><label class=\"utrecht-form-label\" "
	     "for=\"f-link\">%s</label></p>"
	     "<p class=\"utrecht-paragraph\"><input class=\"utrecht-textbox "
	     "utrecht-textbox--html-input kring-link-input\" id=\"f-link\" type=\"text\" "
	     "readonly value=\"%s\" data-kring-link></p>"
	     "<p class=\"utrecht-paragraph kring-muted\">%s</p></section>",
	     T(ACC_LINK_TITLE), what, T(ACC_LINK_LABEL), url,
	     T_printf(&r->arena, ACC_LINK_VALID_UNTIL, fmt_datetime(&r->arena, expires_at)));
}

int account_link_refused(struct req *r, enum link_state st)
{
	const char *body = st == LINK_EXPIRED ? T(ACC_LINK_EXPIRED)
	                   : st == LINK_USED  ? T(ACC_LINK_USED)
	                   : st == LINK_GONE  ? T(ACC_LINK_GONE)
	                                      : T(ACC_LINK_UNKNOWN);
	struct html h;
	page_begin(r, &h, T(ACC_LINK_BAD_TITLE));
	html(&h,
	     "<div class=\"kring-narrow\"><h1 class=\"utrecht-heading-1\">%s</h1>"
	     "<p class=\"utrecht-paragraph kring-lead\">%s</p>"
	     "<p class=\"utrecht-paragraph\">%s</p>"
	     "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
	     "href=\"/login\">%s</a></p></div>",
	     T(ACC_LINK_BAD_TITLE), body, T(ACC_LINK_ASK), T(ACC_TO_LOGIN));
	page_end(r, &h, st == LINK_UNKNOWN ? 404 : 410);
	return HANDLER_OK;
}

const char *account_password_problem(const char *pw, const char *repeat)
{
	if (pw == NULL || strlen(pw) < AUTH_PASSWORD_MIN)
		return T(PASSWORD_TOO_SHORT);
	if (repeat != NULL && strcmp(pw, repeat) != 0)
		return T(ACC_PASSWORD_MISMATCH);
	return NULL;
}
