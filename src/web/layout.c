/*
 * layout.c - page layout, error pages, dates (see layout.h).
 */
#include "layout.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

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

/* ---- the main menu (menu.def) ---- */

enum menu_group { MENU_TOP, MENU_WORK, MENU_COURSE, MENU_ADMIN, N_MENU_GROUPS };

struct menu_item {
	enum menu_group group;
	const char *path; /* below /o/<slug>/, or absolute with a leading '/' */
	enum text_id text;
	unsigned roles;
};

static const struct menu_item menu_items[] = {
#define MENU(group, path, text, roles) {MENU_##group, path, TXT_##text, roles},
#include "menu.def"
#undef MENU
};
#define N_MENU_ITEMS (sizeof(menu_items) / sizeof(menu_items[0]))

static const enum text_id menu_group_text[N_MENU_GROUPS] = {
    [MENU_WORK] = TXT_NAV_GROUP_WORK,
    [MENU_COURSE] = TXT_NAV_GROUP_COURSE,
    [MENU_ADMIN] = TXT_NAV_GROUP_ADMIN,
};

/* "/o/SLUG/PATH", or the path itself when it starts with '/' (put
 * together without printf: every page writes the whole menu). */
static const char *menu_href(struct req *r, const struct menu_item *m)
{
	if (m->path[0] == '/')
		return m->path;
	size_t ns = strlen(r->org_slug), np = strlen(m->path);
	char *s = arena_alloc(&r->arena, 3 + ns + 1 + np + 1);
	memcpy(s, "/o/", 3);
	memcpy(s + 3, r->org_slug, ns);
	s[3 + ns] = '/';
	memcpy(s + 4 + ns, m->path, np + 1);
	return s;
}

/* True when the page shown is the item's page or one below it. */
static bool menu_here(struct req *r, const struct menu_item *m)
{
	const char *href = menu_href(r, m);
	size_t n = strlen(href);
	return strcmp(r->path, href) == 0 ||
	       (href[n - 1] != '/' && strncmp(r->path, href, n) == 0 && r->path[n] == '/');
}

static void menu_link(struct req *r, struct html *h, const struct menu_item *m)
{
	html(h, "<li><a class=\"kring-nav__link\" href=\"%s\"", menu_href(r, m));
	if (menu_here(r, m))
		html(h, " aria-current=\"page\"");
	html(h, ">%s</a></li>", TX(m->text));
}

/*
 * The menu: each group of two or more items the person may see is a
 * disclosure (a dropdown on a wide screen, a fold-out in the phone menu);
 * a group with one item shows that item as a plain link.
 */
static void menu_groups(struct req *r, struct html *h)
{
	for (int g = 0; g < N_MENU_GROUPS; g++) {
		size_t n = 0, here = 0;
		for (size_t i = 0; i < N_MENU_ITEMS; i++)
			if (menu_items[i].group == (enum menu_group)g &&
			    (menu_items[i].roles & r->role)) {
				n++;
				here += menu_here(r, &menu_items[i]);
			}
		bool fold = g != MENU_TOP && n > 1;
		if (fold)
			html(h,
			     "<li class=\"kring-nav__group%s\"><details "
			     "class=\"kring-nav__details\" "
			     "name=\"kring-menu-group\"><summary "
			     "class=\"kring-nav__summary\">%s</summary>"
			     "<ul class=\"kring-nav__sub\">",
			     here ? " kring-nav__group--here" : "", TX(menu_group_text[g]));
		for (size_t i = 0; i < N_MENU_ITEMS; i++)
			if (menu_items[i].group == (enum menu_group)g &&
			    (menu_items[i].roles & r->role))
				menu_link(r, h, &menu_items[i]);
		if (fold)
			html(h, "</ul></details></li>");
	}
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
	     "<!DOCTYPE html>\n<html lang=\"%s\" class=\"utrecht-theme\"><head>"
	     "<meta charset=\"utf-8\">"
	     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	     "<title>%s · kring</title>"
	     "<link rel=\"stylesheet\" href=\"/assets/kring.css?v=%s\">"
	     "<script src=\"/assets/kring.js?v=%s\" defer></script>"
	     "</head><body class=\"utrecht-document kring\">",
	     text_lang_code(text_lang()), title, css_version, css_version);
	html(h, "<a class=\"utrecht-skip-link\" href=\"#inhoud\">%s</a>", T(SKIP_LINK));
	html(h,
	     "<header class=\"kring-header\"><div class=\"kring-header__bar\">"
	     "<a class=\"kring-brand\" href=\"/\">kring<span "
	     "class=\"kring-brand__sub\">%s</span></a>",
	     T(BRAND_TAGLINE));
	/* the logout form needs the token the router set (r->csrf) */
	if (r->person_id != 0 && r->csrf != NULL) {
		/* one menu button on a phone; on a wide screen the stylesheet lays the
		 * panel out as the menu bar (without JavaScript either way) */
		html(h,
		     "<details class=\"kring-menu\"><summary class=\"kring-menu__button\">"
		     "<span class=\"kring-menu__icon\" aria-hidden=\"true\"></span>%s</summary>"
		     "<div class=\"kring-menu__panel\">",
		     T(NAV_MENU));
		if (r->org_id != 0) {
			html(h,
			     "<nav class=\"kring-nav\" aria-label=\"%s\"><ul "
			     "class=\"kring-nav__list\">",
			     T(NAV_LABEL));
			menu_groups(r, h);
			html(h, "</ul>");
			search_box(r, h);
			html(h, "</nav>");
		}
		html(h, "<div class=\"kring-user\"><span class=\"kring-user__name\">%s</span>",
		     r->person_name);
		if (r->org_id != 0)
			html(h, " <span class=\"kring-user__role\">%s %s</span>",
			     role_label(r->role), T(ROLE_AT));
		if (r->org_id != 0)
			html(h, " <span class=\"kring-user__org\">%s</span>", r->org_name);
		html(h, " <a class=\"utrecht-link kring-user__switch\" href=\"/?kies=1\">%s</a>",
		     T(NAV_MY_ORGS));
		/* accounts (issue 14): my password, sessions, two-step login */
		html(h, " <a class=\"utrecht-link kring-user__switch\" href=\"/account\">%s</a>",
		     T(ACC_LINK_HEADER));
		html(h,
		     "<form class=\"kring-logout\" method=\"post\" action=\"/logout\">"
		     "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		     "<button class=\"utrecht-button utrecht-button--secondary-action\" "
		     "type=\"submit\">%s</button></form></div>",
		     r->csrf, T(LOGOUT));
		html(h, "</div></details>");
	}
	html(h, "</div>");
	html(h, "</header><main id=\"inhoud\" class=\"kring-main\" tabindex=\"-1\">");
}

const char *page_asset_version(void)
{
	pthread_once(&css_once, css_version_init);
	return css_version;
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
	resp_buf(r, status, "text/html; charset=utf-8", &h->out);
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
	/* in the request's language: also when the server answers it after the
	 * router (500, 503) or before (400, 413: r->lang is still Dutch) */
	text_set_lang((enum text_lang)r->lang);
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
	case 414:
		title = T(ERR_414_TITLE);
		body = T(ERR_414_BODY);
		break;
	case 431:
		title = T(ERR_431_TITLE);
		body = T(ERR_431_BODY);
		break;
	case 503: /* busy, or a database fault the server recorded */
		title = r->db_fault == DB_FULL          ? T(ERR_503_FULL_TITLE)
		        : r->db_fault == DB_UNAVAILABLE ? T(ERR_503_UNAVAILABLE_TITLE)
		                                        : T(ERR_503_TITLE);
		body = r->db_fault == DB_FULL          ? T(ERR_503_FULL_BODY)
		       : r->db_fault == DB_UNAVAILABLE ? T(ERR_503_UNAVAILABLE_BODY)
		                                       : T(ERR_503_BODY);
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
	text_set_lang(LANG_NL);
}

/* ---- dates ---- */

/* The name of month tm_mon (0-11) in the request's language. */
#define MONTH_NAME(mon) TX(TXT_CAL_MONTH_1 + (mon))

const char *fmt_datetime(struct arena *a, long long epoch)
{
	time_t t = (time_t)epoch;
	struct tm tm;
	localtime_r(&t, &tm);
	return arena_printf(a, "%d %s %d, %02d:%02d", tm.tm_mday, MONTH_NAME(tm.tm_mon),
	                    tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
}

const char *fmt_date(struct arena *a, long long epoch)
{
	time_t t = (time_t)epoch;
	struct tm tm;
	localtime_r(&t, &tm);
	return arena_printf(a, "%d %s %d", tm.tm_mday, MONTH_NAME(tm.tm_mon), tm.tm_year + 1900);
}
