/*
 * public_ui.c - the residents' pages' frame and small helpers (see public_ui.h).
 */
#include "public_ui.h"

#include <stdlib.h>
#include <string.h>

#include "../i18n/text.h"
#include "calendar_ui.h"
#include "respond.h"

void public_begin(struct req *r, struct html *h, const struct public_org *org, const char *title)
{
	html_init(h, &r->arena);
	html(h,
	     "<!DOCTYPE html>\n<html lang=\"%s\" class=\"utrecht-theme\"><head>"
	     "<meta charset=\"utf-8\">"
	     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	     "<title>%s · %s</title>"
	     "<link rel=\"stylesheet\" href=\"/assets/kring.css?v=%s\">"
	     "</head><body class=\"utrecht-document kring kring-pub\">",
	     text_lang_code(text_lang()), title, org->name, page_asset_version());
	html(h, "<a class=\"utrecht-skip-link\" href=\"#inhoud\">%s</a>", T(SKIP_LINK));
	html(h,
	     "<header class=\"kring-pub__header\"><div class=\"kring-pub__bar\">"
	     "<a class=\"kring-pub__brand\" href=\"/p/%s/\">%s</a>"
	     "<span class=\"kring-pub__tag\">%s</span></div></header>"
	     "<main id=\"inhoud\" class=\"kring-main kring-pub__main\" tabindex=\"-1\">",
	     org->slug, org->name, T(PUB_TAGLINE));
}

void public_end(struct req *r, struct html *h, const struct public_org *org, unsigned status)
{
	html(h,
	     "</main><footer class=\"kring-pub__footer\"><p>%s</p><p><a class=\"utrecht-link\" "
	     "href=\"/p/%s/#privacy\">%s</a></p></footer></body></html>\n",
	     T_printf(&r->arena, PUB_FOOTER, org->name), org->slug, T(PUB_FOOTER_PRIVACY));
	resp_buf(r, status, "text/html; charset=utf-8", &h->out);
}

const char *public_when(struct arena *a, const struct cal_activity *v)
{
	int y = atoi(v->held_on), m = atoi(v->held_on + 5), d = atoi(v->held_on + 8);
	const char *day = arena_printf(
	    a, "%s %d %s %d", cal_weekday_name(calendar_weekday(y, m, d)), d, cal_month_name(m), y);
	if (v->starts_at[0] && v->ends_at[0])
		return arena_printf(a, "%s, %s – %s", day, v->starts_at, v->ends_at);
	if (v->starts_at[0])
		return arena_printf(a, "%s, %s", day, v->starts_at);
	return day;
}

int public_load(struct req *r, struct public_org *org)
{
	int found = public_org_find(r->db, &r->arena, r->param_org, org);
	if (found == 0)
		respond_not_found(r);
	return found;
}

void public_activity_field(struct html *h, bool checked)
{
	html(h,
	     "<div class=\"utrecht-form-field kring-option\"><input class=\"utrecht-checkbox "
	     "utrecht-checkbox--html-input\" type=\"checkbox\" id=\"f-openbaar\" name=\"openbaar\" "
	     "value=\"1\" aria-describedby=\"f-openbaar-hint\"%s><label "
	     "class=\"kring-option__label\" "
	     "for=\"f-openbaar\">%s</label><p class=\"utrecht-form-field-description\" "
	     "id=\"f-openbaar-hint\">%s</p></div>",
	     checked ? " checked" : "", T(PUB_ACT_FIELD), T(PUB_ACT_FIELD_HINT));
}

enum save_result public_activity_field_save(struct req *r, long long activity_id)
{
	const char *v = req_form(r, "openbaar");
	return public_activity_set(r->db, r->org_id, activity_id, v != NULL && strcmp(v, "1") == 0);
}
