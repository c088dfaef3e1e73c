/*
 * layout.c - page layout, error pages, forms, dates (see layout.h).
 */
#include "layout.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../auth/roles.h"
#include "../i18n/text.h"
#include "../util/date.h"
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
	/* the logout form needs the token the router set (r->csrf) */
	if (r->person_id != 0 && r->csrf != NULL) {
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
		     r->csrf, T(LOGOUT));
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

/* ---- forms ---- */

static int spec_index(const struct form *f, const char *name)
{
	for (size_t i = 0; i < f->n_specs; i++)
		if (strcmp(f->specs[i].name, name) == 0)
			return (int)i;
	return -1;
}

void form_init(struct form *f, const struct field_spec *specs, size_t n_specs)
{
	memset(f, 0, sizeof(*f));
	f->specs = specs;
	f->n_specs = n_specs < FORM_MAX_FIELDS ? n_specs : FORM_MAX_FIELDS;
}

/* Number of characters (code points) in valid UTF-8. */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static const char *trim(struct arena *a, const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n > 0 &&
	       (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	return arena_strndup(a, s, n);
}

bool form_read(struct req *r, struct form *f, const struct field_spec *specs, size_t n_specs)
{
	form_init(f, specs, n_specs);
	for (size_t i = 0; i < f->n_specs; i++) {
		const struct field_spec *s = &specs[i];
		const char *v = req_form(r, s->name);
		if (v == NULL)
			v = "";
		if (s->kind != FIELD_PASSWORD)
			v = trim(&r->arena, v);
		f->values[i] = v;
		size_t max = s->max_len ? s->max_len : 1000;
		if (s->required && v[0] == '\0') {
			f->errors[i] = s->required_msg
			                   ? s->required_msg
			                   : arena_printf(&r->arena, T(FORM_REQUIRED), s->label);
		} else if (utf8_chars(v) > max) {
			f->errors[i] =
			    arena_printf(&r->arena, T(FORM_TOO_LONG), s->label, max, utf8_chars(v));
		} else if (s->kind == FIELD_EMAIL && v[0] != '\0' &&
		           (strchr(v, '@') == NULL || strchr(v, ' ') != NULL || v[0] == '@' ||
		            strchr(v, '@')[1] == '\0')) {
			f->errors[i] = T(FORM_BAD_EMAIL);
		} else if (s->kind == FIELD_DATE && v[0] != '\0' && !date_valid(v)) {
			f->errors[i] = arena_printf(&r->arena, T(FORM_BAD_DATE), s->label);
		} else if ((s->kind == FIELD_SELECT || s->kind == FIELD_RADIO) && v[0] != '\0') {
			bool ok = false;
			for (size_t k = 0; s->options && s->options[k]; k++)
				ok |= strcmp(s->options[k], v) == 0;
			if (!ok)
				f->errors[i] =
				    arena_printf(&r->arena, T(FORM_BAD_CHOICE), s->label);
		}
		if (f->errors[i])
			f->n_errors++;
	}
	return f->n_errors == 0;
}

void form_set(struct form *f, const char *name, const char *value)
{
	int i = spec_index(f, name);
	if (i >= 0)
		f->values[i] = value;
}

const char *form_value(const struct form *f, const char *name)
{
	int i = spec_index(f, name);
	return i >= 0 && f->values[i] ? f->values[i] : "";
}

void form_error(struct form *f, const char *name, const char *message)
{
	int i = spec_index(f, name);
	if (i < 0)
		return;
	if (f->errors[i] == NULL)
		f->n_errors++;
	f->errors[i] = message;
}

const char *form_label(const struct form *f, const char *name)
{
	int i = spec_index(f, name);
	return i >= 0 ? f->specs[i].label : "";
}

/* A group of radio buttons in a fieldset; the legend is the label. */
static void radio_field(struct html *h, const struct form *f, const struct field_spec *s,
                        const char *pre)
{
	const char *v = form_value(f, s->name);
	const char *err = f->errors[spec_index(f, s->name)];
	html(h,
	     "<div class=\"utrecht-form-field kring-field%s\">"
	     "<fieldset class=\"utrecht-form-fieldset kring-fieldset\" id=\"%s%s\"",
	     err ? " utrecht-form-field--invalid" : "", pre, s->name);
	if (s->hint && err)
		html(h, " aria-describedby=\"%s%s-hint %s%s-error\"", pre, s->name, pre, s->name);
	else if (s->hint)
		html(h, " aria-describedby=\"%s%s-hint\"", pre, s->name);
	else if (err)
		html(h, " aria-describedby=\"%s%s-error\"", pre, s->name);
	html(h, "><legend class=\"utrecht-form-label kring-legend\">%s", s->label);
	if (!s->required)
		html(h, " <span class=\"kring-optional\">%s</span>", T(FORM_OPTIONAL));
	html(h, "</legend>");
	if (s->hint)
		html(h, "<p class=\"utrecht-form-field-description\" id=\"%s%s-hint\">%s</p>", pre,
		     s->name, s->hint);
	if (err)
		html(h, "<p class=\"utrecht-form-field-error-message\" id=\"%s%s-error\">%s</p>",
		     pre, s->name, err);
	html(h, "<div class=\"kring-options\">");
	size_t n_opts = 0;
	while (s->options && s->options[n_opts])
		n_opts++;
	/* an optional choice can be left open again: "weet ik nog niet" */
	for (size_t k = s->required ? 1 : 0; k <= n_opts; k++) {
		const char *value = k == 0 ? "" : s->options[k - 1];
		const char *label = k == 0 ? T(FORM_NOT_KNOWN) : s->option_labels[k - 1];
		const char *hint = k > 0 && s->option_hints ? s->option_hints[k - 1] : NULL;
		html(h,
		     "<div class=\"kring-option\"><input class=\"utrecht-radio-button\" "
		     "type=\"radio\" "
		     "id=\"%s%s-%zu\" name=\"%s\" value=\"%s\"%s",
		     pre, s->name, k, s->name, value, strcmp(value, v) == 0 ? " checked" : "");
		if (hint)
			html(h, " aria-describedby=\"%s%s-%zu-hint\"", pre, s->name, k);
		html(h, "><label class=\"kring-option__label\" for=\"%s%s-%zu\">%s</label>", pre,
		     s->name, k, label);
		if (hint)
			html(h, "<span class=\"kring-option__hint\" id=\"%s%s-%zu-hint\">%s</span>",
			     pre, s->name, k, hint);
		html(h, "</div>");
	}
	html(h, "</div></fieldset></div>");
}

void form_begin(struct html *h, struct req *r, const char *action)
{
	html(h,
	     "<form class=\"utrecht-form kring-form\" method=\"post\" action=\"%s\" novalidate>"
	     "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
	     action, r->csrf ? r->csrf : "");
}

void form_error_summary(struct html *h, const struct form *f)
{
	if (f->n_errors == 0)
		return;
	html(h,
	     "<div class=\"utrecht-alert utrecht-alert--error kring-error-summary\" role=\"alert\">"
	     "<h2 class=\"utrecht-heading-3\">%s</h2><ul class=\"utrecht-unordered-list\">",
	     T(FORM_ERRORS_TITLE));
	for (size_t i = 0; i < f->n_specs; i++)
		if (f->errors[i])
			html(h, "<li><a class=\"utrecht-link\" href=\"#%s%s\">%s</a></li>",
			     f->id_prefix ? f->id_prefix : "f-", f->specs[i].name, f->errors[i]);
	html(h, "</ul></div>");
}

void form_field(struct html *h, const struct form *f, const char *name)
{
	int i = spec_index(f, name);
	if (i < 0)
		return;
	const struct field_spec *s = &f->specs[i];
	const char *pre = f->id_prefix ? f->id_prefix : "f-";
	if (s->kind == FIELD_RADIO) {
		radio_field(h, f, s, pre);
		return;
	}
	const char *v = f->values[i] ? f->values[i] : "";
	const char *err = f->errors[i];
	html(h, "<div class=\"utrecht-form-field kring-field%s\">",
	     err ? " utrecht-form-field--invalid" : "");
	html(h,
	     "<p class=\"utrecht-form-label\"><label class=\"utrecht-form-label\" for=\"%s%s\">%s",
	     pre, s->name, s->label);
	if (!s->required)
		html(h, " <span class=\"kring-optional\">%s</span>",
		     s->optional_note ? s->optional_note : T(FORM_OPTIONAL));
	html(h, "</label></p>");
	if (s->hint)
		html(h, "<p class=\"utrecht-form-field-description\" id=\"%s%s-hint\">%s</p>", pre,
		     s->name, s->hint);
	if (err)
		html(h, "<p class=\"utrecht-form-field-error-message\" id=\"%s%s-error\">%s</p>",
		     pre, s->name, err);
	/* aria-describedby lists the hint and error that exist */
	const char *desc = "";
	if (s->hint && err)
		desc = "both";
	else if (s->hint)
		desc = "hint";
	else if (err)
		desc = "error";
	const char *ac = s->autocomplete;
	switch (s->kind) {
	case FIELD_TEXTAREA:
		html(h, "<textarea class=\"utrecht-textarea\" id=\"%s%s\" name=\"%s\" rows=\"%d\"",
		     pre, s->name, s->name, s->rows > 0 ? s->rows : 5);
		break;
	case FIELD_SELECT:
		html(h, "<select class=\"utrecht-select\" id=\"%s%s\" name=\"%s\"", pre, s->name,
		     s->name);
		break;
	default:
		html(h, "<input class=\"utrecht-textbox\" id=\"%s%s\" name=\"%s\" type=\"%s\"", pre,
		     s->name, s->name,
		     s->kind == FIELD_EMAIL      ? "email"
		     : s->kind == FIELD_PASSWORD ? "password"
		     : s->kind == FIELD_DATE     ? "date"
		                                 : "text");
		if (s->kind != FIELD_PASSWORD)
			html(h, " value=\"%s\"", v);
		break;
	}
	if (s->required)
		html(h, " required aria-required=\"true\"");
	if (err)
		html(h, " aria-invalid=\"true\"");
	if (ac)
		html(h, " autocomplete=\"%s\"", ac);
	if (strcmp(desc, "both") == 0)
		html(h, " aria-describedby=\"%s%s-hint %s%s-error\"", pre, s->name, pre, s->name);
	else if (strcmp(desc, "hint") == 0)
		html(h, " aria-describedby=\"%s%s-hint\"", pre, s->name);
	else if (strcmp(desc, "error") == 0)
		html(h, " aria-describedby=\"%s%s-error\"", pre, s->name);
	if (s->kind == FIELD_TEXTAREA) {
		html(h, ">%s</textarea>", v);
	} else if (s->kind == FIELD_SELECT) {
		html(h, ">");
		for (size_t k = 0; s->options && s->options[k]; k++)
			html(h, "<option value=\"%s\"%s>%s</option>", s->options[k],
			     strcmp(s->options[k], v) == 0 ? " selected" : "", s->option_labels[k]);
		html(h, "</select>");
	} else {
		html(h, ">");
	}
	html(h, "</div>");
}

void form_end(struct html *h, const char *button_label)
{
	html(h,
	     "<p class=\"kring-actions\"><button class=\"utrecht-button "
	     "utrecht-button--primary-action\" type=\"submit\">%s</button></p></form>",
	     button_label);
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
