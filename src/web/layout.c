/*
 * layout.c - page layout, error pages, dates (see layout.h).
 */
#include "layout.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../auth/auth.h"
#include "../auth/roles.h"
#include "../i18n/text.h"
#include "../util/embed.h"

/* ---- asset version: a hash of the stylesheet, for cache busting ---- */

static char css_version[17];
static pthread_once_t css_once = PTHREAD_ONCE_INIT;

static void css_version_init(void)
{
	unsigned long long h = 1469598103934665603ull; /* FNV-1a */
	for (size_t i = 0; i < n_embedded_assets; i++)
		for (size_t k = 0; k < embedded_assets[i].len; k++) {
			h ^= embedded_assets[i].data[k];
			h *= 1099511628211ull;
		}
	snprintf(css_version, sizeof(css_version), "%016llx", h);
}

struct nav_item {
	const char *path; /* below /o/<slug>/ */
	int text;         /* text id */
	unsigned roles;
};

static void nav_link(struct req *r, struct html *h, const char *path, const char *label)
{
	const char *href = arena_printf(&r->arena, "/o/%s/%s", r->org_slug, path);
	size_t n = strlen(href);
	bool here = strcmp(r->path, href) == 0 ||
	            (path[0] != '\0' && strncmp(r->path, href, n) == 0 && r->path[n] == '/');
	html(h, "<li><a class=\"kring-nav__link\" href=\"%s\"", href);
	if (here)
		html(h, " aria-current=\"page\"");
	html(h, ">%s</a></li>", label);
}

/* The search box in the menu: everyone searches within what they may see
 * (not on the search page itself, which has a big one). */
static void search_box(struct req *r, struct html *h)
{
	const char *here = arena_printf(&r->arena, "/o/%s/search", r->org_slug);
	if (strcmp(r->path, here) == 0)
		return;
	html(h,
	     "<form class=\"kring-search\" role=\"search\" method=\"get\" action=\"%s\" "
	     "aria-label=\"%s\"><label class=\"kring-sr\" for=\"kring-zoek\">%s</label>"
	     "<input class=\"kring-search__input\" type=\"search\" id=\"kring-zoek\" name=\"q\" "
	     "autocomplete=\"off\"><button class=\"kring-search__button\" type=\"submit\">%s"
	     "</button></form>",
	     here, T(NAV_SEARCH_LABEL), T(NAV_SEARCH_LABEL), T(NAV_SEARCH_BUTTON));
}

void page_begin(struct req *r, struct html *h, const char *title)
{
	pthread_once(&css_once, css_version_init);
	html_init(h, &r->arena);
	html(h,
	     "<!DOCTYPE html>\n<html lang=\"nl\" class=\"utrecht-theme\"><head>"
	     "<meta charset=\"utf-8\">"
	     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	     "<title>%s · kring</title>"
	     "<link rel=\"stylesheet\" href=\"/assets/kring.css?v=%s\">"
	     "<script src=\"/assets/kring.js?v=%s\" defer></script>"
	     "</head><body class=\"utrecht-document kring\">",
	     title, css_version, css_version);
	html(h, "<a class=\"utrecht-skip-link\" href=\"#inhoud\">%s</a>", T(SKIP_LINK));
	html(h,
	     "<header class=\"kring-header\"><div class=\"kring-header__bar\">"
	     "<a class=\"kring-brand\" href=\"/\">kring<span "
	     "class=\"kring-brand__sub\">%s</span></a>",
	     T(BRAND_TAGLINE));
	if (r->person_id != 0) {
		html(h, "<div class=\"kring-user\"><span class=\"kring-user__name\">%s</span>",
		     r->person_name);
		if (r->org_id != 0)
			html(h, " <span class=\"kring-user__role\">%s %s</span>",
			     role_label(r->role), T(ROLE_AT));
		if (r->org_id != 0)
			html(h, " <span class=\"kring-user__org\">%s</span>", r->org_name);
		html(h, " <a class=\"utrecht-link kring-user__switch\" href=\"/?kies=1\">%s</a>",
		     T(NAV_MY_ORGS));
		html(h,
		     "<form class=\"kring-logout\" method=\"post\" action=\"/logout\">"
		     "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		     "<button class=\"utrecht-button utrecht-button--secondary-action\" "
		     "type=\"submit\">%s</button></form></div>",
		     auth_csrf_token(r), T(LOGOUT));
	}
	html(h, "</div>");
	if (r->org_id != 0) {
		html(h, "<nav class=\"kring-nav\" aria-label=\"%s\"><ul>", T(NAV_LABEL));
		nav_link(r, h, "", T(NAV_HOME));
		nav_link(r, h, "communities", T(NAV_COMMUNITIES));
		if (r->role & ROLES_READ)
			nav_link(r, h, "scan", T(NAV_SCAN));
		/* partners and conversations stay with staff (and advisers, who read) */
		if (r->role & ROLES_READ) {
			nav_link(r, h, "partners", T(NAV_PARTNERS));
			nav_link(r, h, "conversations", T(NAV_TALKS));
		}
		nav_link(r, h, "branches", T(NAV_BRANCHES));
		if (r->role & ROLES_READ) {
			nav_link(r, h, "readiness", T(NAV_READINESS));
			nav_link(r, h, "vision", T(NAV_VISION));
			nav_link(r, h, "meetlat", T(NAV_MEETLAT));
		}
		if (r->role & ROLE_ADVISEUR)
			html(h, "<li><a class=\"kring-nav__link\" href=\"/adviser\">%s</a></li>",
			     T(NAV_ADVISER));
		if (r->role & ROLES_ADMIN) {
			nav_link(r, h, "people", T(NAV_PEOPLE));
			nav_link(r, h, "settings", T(NAV_SETTINGS));
			nav_link(r, h, "audit", T(NAV_AUDIT));
		}
		html(h, "</ul>");
		search_box(r, h);
		html(h, "</nav>");
	}
	html(h, "</header><main id=\"inhoud\" class=\"kring-main\" tabindex=\"-1\">");
}

void page_script(struct html *h, const char *name)
{
	pthread_once(&css_once, css_version_init);
	html(h, "<script src=\"/assets/%s?v=%s\" defer></script>", name, css_version);
}

void page_end(struct req *r, struct html *h, unsigned status)
{
	html(h, "</main><footer class=\"kring-footer\"><p>%s</p></footer></body></html>\n",
	     T(FOOTER));
	resp_html(r, status, h);
}

void page_notice(struct html *h, const char *kind, const char *text)
{
	const char *role = strcmp(kind, "error") == 0 ? "alert" : "status";
	html(h,
	     "<div class=\"utrecht-alert utrecht-alert--%s kring-notice\" role=\"%s\">"
	     "<p class=\"utrecht-paragraph\">%s</p></div>",
	     kind, role, text);
}

void resp_error(struct req *r, unsigned status)
{
	struct html h;
	const char *title, *body;
	switch (status) {
	case 400:
		title = T(ERR_400_TITLE);
		body = T(ERR_400_BODY);
		break;
	case 403:
		title = T(ERR_403_TITLE);
		body = T(ERR_403_BODY);
		break;
	case 404:
		title = T(ERR_404_TITLE);
		body = T(ERR_404_BODY);
		break;
	case 405:
		title = T(ERR_405_TITLE);
		body = T(ERR_405_BODY);
		break;
	case 413:
		title = T(ERR_413_TITLE);
		body = T(ERR_413_BODY);
		break;
	case 503:
		title = T(ERR_503_TITLE);
		body = T(ERR_503_BODY);
		break;
	default:
		status = 500;
		title = T(ERR_500_TITLE);
		body = T(ERR_500_BODY);
		break;
	}
	/* the error page shows no organisation: it may be one the visitor cannot see */
	r->org_id = 0;
	r->resp_static = NULL;
	page_begin(r, &h, title);
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph\">%s</p>"
	     "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/\">%s</a></p>",
	     title, body, T(ERR_BACK_HOME));
	page_end(r, &h, status);
}

/* ---- dates ---- */

static const char *const months[] = {"januari",   "februari", "maart",    "april",
                                     "mei",       "juni",     "juli",     "augustus",
                                     "september", "oktober",  "november", "december"};

const char *fmt_datetime(struct arena *a, long long epoch)
{
	time_t t = (time_t)epoch;
	struct tm tm;
	localtime_r(&t, &tm);
	return arena_printf(a, "%d %s %d, %02d:%02d", tm.tm_mday, months[tm.tm_mon],
	                    tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
}

const char *fmt_date(struct arena *a, long long epoch)
{
	time_t t = (time_t)epoch;
	struct tm tm;
	localtime_r(&t, &tm);
	return arena_printf(a, "%d %s %d", tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900);
}
