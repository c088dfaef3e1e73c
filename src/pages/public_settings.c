/*
 * public_settings.c - the staff side of the public page: the beheerder's
 * settings (/o/<slug>/settings/public: on or off, the library's
 * introduction, how long residents' details are kept) and, per community,
 * whether it is open to newcomers with a description written for
 * residents (/o/<slug>/communities/<id>/public).
 */
#include <stdlib.h>
#include <string.h>

#include "../core/public.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "pages.h"
#include "respond.h"

/* ---- the organisation's settings ---- */

#define N_SET_SPECS 4

static void set_specs(struct field_spec s[N_SET_SPECS])
{
	static const char *const keep_opts[] = {"0", "1", NULL};
	static const char *keep_labels[3];
	keep_labels[0] = T(PUB_SET_KEEP_NO);
	keep_labels[1] = T(PUB_SET_KEEP_YES);
	s[0] = (struct field_spec){.name = "intro",
	                           .label = T(PUB_SET_INTRO),
	                           .hint = T(PUB_SET_INTRO_HINT),
	                           .kind = FIELD_TEXTAREA,
	                           .max_len = 2000,
	                           .rows = 4};
	s[1] = (struct field_spec){.name = "days",
	                           .label = T(PUB_SET_DAYS),
	                           .hint = T(PUB_SET_DAYS_HINT),
	                           .kind = FIELD_TEXT,
	                           .required = true,
	                           .max_len = 3,
	                           .autocomplete = "off"};
	s[2] = (struct field_spec){.name = "keep",
	                           .label = T(PUB_SET_KEEP),
	                           .kind = FIELD_RADIO,
	                           .required = true,
	                           .options = keep_opts,
	                           .option_labels = keep_labels};
	s[3] = (struct field_spec){.name = "version",
	                           .label_text = FIELD_TEXTS(F_PUBLIC_SETTINGS_VERSION_LABEL),
	                           .kind = FIELD_ID};
}

static int settings_page(struct req *r, struct form *f, bool enabled, long long version,
                         const char *notice, const char *kind, unsigned status)
{
	struct html h;
	page_begin(r, &h, T(PUB_SET_TITLE));
	html(&h,
	     "<div class=\"kring-narrow\"><nav class=\"kring-crumbs\" aria-label=\"%s\"><a "
	     "class=\"utrecht-link\" href=\"/o/%s/settings\">%s</a></nav>"
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     T(CRUMBS_LABEL), r->org_slug, T(SETTINGS_TITLE), T(PUB_SET_TITLE), T(PUB_SET_LEAD));
	if (notice)
		page_notice(&h, kind, notice);
	if (enabled)
		html(&h,
		     "<p class=\"utrecht-paragraph\">%s <a class=\"utrecht-link\" "
		     "href=\"/p/%s/\">/p/%s/"
		     "</a></p>",
		     T(PUB_SET_LIVE), r->org_slug, r->org_slug);
	form_error_summary(&h, f);
	form_begin(&h, r, arena_printf(&r->arena, "/o/%s/settings/public", r->org_slug));
	form_version_field(&h, version);
	html(
	    &h,
	    "<div class=\"utrecht-form-field kring-option\"><input class=\"utrecht-checkbox "
	    "utrecht-checkbox--html-input\" type=\"checkbox\" id=\"f-enabled\" name=\"enabled\" "
	    "value=\"1\"%s><label class=\"kring-option__label\" for=\"f-enabled\">%s</label></div>",
	    enabled ? " checked" : "", T(PUB_SET_ENABLED));
	form_field(&h, f, "intro");
	form_field(&h, f, "days");
	form_field(&h, f, "keep");
	form_end(&h, T(SAVE));
	html(&h, "<p class=\"utrecht-paragraph\">%s</p></div>", T(PUB_SET_COMMUNITIES_HINT));
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_public_settings(struct req *r)
{
	struct public_settings s;
	if (public_settings_get(r->db, &r->arena, r->org_id, &s) != 0)
		return HANDLER_ERROR;
	struct field_spec specs[N_SET_SPECS];
	set_specs(specs);
	struct form f;
	form_init(&f, specs, N_SET_SPECS);
	form_set(&f, "intro", s.intro);
	form_set(&f, "days", arena_printf(&r->arena, "%d", s.retention_days));
	form_set(&f, "keep", s.keep_message ? "1" : "0");
	return settings_page(r, &f, s.enabled, s.version,
	                     req_query(r, "opgeslagen") ? T(SAVED) : NULL, "ok", 200);
}

int page_public_settings_save(struct req *r)
{
	struct field_spec specs[N_SET_SPECS];
	set_specs(specs);
	struct form f;
	bool ok = form_read(r, &f, specs, N_SET_SPECS);
	const char *on = req_form(r, "enabled");
	bool enabled = on && strcmp(on, "1") == 0;
	long long version = form_value_id(&f, "version");
	const char *d = form_value(&f, "days");
	char *end = NULL;
	long days = strtol(d, &end, 10);
	if (d[0] &&
	    (end == d || *end || days < PUBLIC_RETENTION_MIN || days > PUBLIC_RETENTION_MAX)) {
		form_error(&f, "days", T(PUB_SET_DAYS_BAD));
		ok = false;
	}
	if (!ok)
		return settings_page(r, &f, enabled, version, NULL, NULL, 422);
	struct public_settings s = {.enabled = enabled,
	                            .intro = form_value(&f, "intro"),
	                            .retention_days = (int)days,
	                            .keep_message = strcmp(form_value(&f, "keep"), "1") == 0,
	                            .version = version};
	enum save_result rc = public_settings_save(r->db, r->org_id, r->person_id, &s);
	if (rc == SAVE_CONFLICT) {
		struct public_settings now;
		if (public_settings_get(r->db, &r->arena, r->org_id, &now) != 0)
			return HANDLER_ERROR;
		return settings_page(r, &f, enabled, now.version, T(CONFLICT), "warning", 409);
	}
	return respond_save(
	    r, rc, arena_printf(&r->arena, "/o/%s/settings/public?opgeslagen=1", r->org_slug));
}

/* ---- one community's public side ---- */

#define N_COM_SPECS 2

static void com_specs(struct field_spec s[N_COM_SPECS])
{
	s[0] = (struct field_spec){.name = "description",
	                           .label = T(PUB_COM_DESCRIPTION),
	                           .hint = T(PUB_COM_DESCRIPTION_HINT),
	                           .kind = FIELD_TEXTAREA,
	                           .max_len = 2000,
	                           .rows = 5};
	s[1] = (struct field_spec){.name = "version",
	                           .label_text = FIELD_TEXTS(F_PUBLIC_SETTINGS_VERSION_LABEL2),
	                           .kind = FIELD_ID};
}

static int com_page(struct req *r, const struct public_community_settings *c, struct form *f,
                    bool open, long long version, const char *notice, const char *kind,
                    unsigned status)
{
	struct html h;
	const char *title = T_printf(&r->arena, PUB_COM_TITLE, c->name);
	page_begin(r, &h, title);
	html(&h,
	     "<div class=\"kring-narrow\"><nav class=\"kring-crumbs\" aria-label=\"%s\"><a "
	     "class=\"utrecht-link\" href=\"/o/%s/communities/%lld\">%s</a></nav>"
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     T(CRUMBS_LABEL), r->org_slug, r->param_id, c->name, title, T(PUB_COM_LEAD));
	if (notice)
		page_notice(&h, kind, notice);
	form_error_summary(&h, f);
	form_begin(
	    &h, r,
	    arena_printf(&r->arena, "/o/%s/communities/%lld/public", r->org_slug, r->param_id));
	form_version_field(&h, version);
	html(&h,
	     "<div class=\"utrecht-form-field kring-option\"><input class=\"utrecht-checkbox "
	     "utrecht-checkbox--html-input\" type=\"checkbox\" id=\"f-open\" name=\"open\" "
	     "value=\"1\"%s><label class=\"kring-option__label\" for=\"f-open\">%s</label></div>",
	     open ? " checked" : "", T(PUB_COM_OPEN));
	form_field(&h, f, "description");
	form_end(&h, T(SAVE));
	html(&h, "</div>");
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_community_public(struct req *r)
{
	struct public_community_settings c;
	int found = public_community_get(r->db, &r->arena, r->org_id, r->param_id, &c);
	if (found <= 0)
		return found < 0 ? HANDLER_ERROR : respond_not_found(r);
	struct field_spec specs[N_COM_SPECS];
	com_specs(specs);
	struct form f;
	form_init(&f, specs, N_COM_SPECS);
	form_set(&f, "description", c.description);
	return com_page(r, &c, &f, c.open, c.version, req_query(r, "opgeslagen") ? T(SAVED) : NULL,
	                "ok", 200);
}

int page_community_public_save(struct req *r)
{
	struct public_community_settings c;
	int found = public_community_get(r->db, &r->arena, r->org_id, r->param_id, &c);
	if (found <= 0)
		return found < 0 ? HANDLER_ERROR : respond_not_found(r);
	struct field_spec specs[N_COM_SPECS];
	com_specs(specs);
	struct form f;
	bool ok = form_read(r, &f, specs, N_COM_SPECS);
	const char *o = req_form(r, "open");
	bool open = o && strcmp(o, "1") == 0;
	long long version = form_value_id(&f, "version");
	if (open && form_value(&f, "description")[0] == '\0') {
		form_error(&f, "description", T(PUB_COM_DESCRIPTION_REQUIRED));
		ok = false;
	}
	if (!ok)
		return com_page(r, &c, &f, open, version, NULL, NULL, 422);
	enum save_result rc = public_community_save(r->db, r->org_id, r->person_id, r->param_id,
	                                            open, form_value(&f, "description"), version);
	if (rc == SAVE_CONFLICT)
		return com_page(r, &c, &f, open, c.version, T(CONFLICT), "warning", 409);
	return respond_save(r, rc,
	                    arena_printf(&r->arena, "/o/%s/communities/%lld/public?opgeslagen=1",
	                                 r->org_slug, r->param_id));
}
