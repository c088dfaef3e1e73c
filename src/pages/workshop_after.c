/*
 * workshop_after.c - after a workshop: which of the staff were there, how
 * many others, what went well, what to change and an optional 1-5 score;
 * and where the outcome goes next (a meetlat round, knowledge).
 */
#include <stdlib.h>
#include <string.h>

#include "../auth/roles.h"
#include "../i18n/text.h"
#include "../util/clock.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "pages.h"
#include "respond.h"
#include "workshop_ui.h"

/*
 * Knowledge items (issue 11, another subject) can hold a workshop's
 * outcome: when that page exists, the lead sets this to the address of a
 * new knowledge item below /o/<slug>/ (e.g. "knowledge/new"); the link adds
 * "?workshop=<id>". NULL shows no link.
 */
#define WS_KNOWLEDGE_NEW "knowledge/new"

#define N_AFTER_FIELDS 5

static const char *const score_values[] = {"0", "1", "2", "3", "4", "5", NULL};

static void after_specs(struct field_spec *s)
{
	s[0] = (struct field_spec){.name = "others",
	                           .label = T(WS_F_OTHERS),
	                           .hint = T(WS_F_OTHERS_HINT),
	                           .kind = FIELD_TEXT,
	                           .max_len = 8,
	                           .autocomplete = "off"};
	s[1] = (struct field_spec){.name = "went_well",
	                           .label = T(WS_F_WELL),
	                           .kind = FIELD_TEXTAREA,
	                           .max_len = 4000,
	                           .rows = 3};
	s[2] = (struct field_spec){.name = "to_change",
	                           .label = T(WS_F_CHANGE),
	                           .kind = FIELD_TEXTAREA,
	                           .max_len = 4000,
	                           .rows = 3};
	s[3] = (struct field_spec){.name = "score",
	                           .label = T(WS_F_SCORE),
	                           .hint = T(WS_F_SCORE_HINT),
	                           .kind = FIELD_SELECT,
	                           .required = true,
	                           .options = score_values,
	                           .option_labels = T_ROW(WS_SCORE_0)};
	s[4] = (struct field_spec){.name = "version",
	                           .label_text = FIELD_TEXTS(F_WORKSHOP_AFTER_VERSION_LABEL),
	                           .kind = FIELD_ID};
}

/* The attendance checkboxes: the org's staff, ticked as stored or as sent. */
static void present_field(struct req *r, struct html *h, const struct workshop_staff *staff,
                          size_t n, const struct ws_sent *sent, const char *error)
{
	html(h,
	     "<div class=\"utrecht-form-field%s\"><fieldset class=\"utrecht-form-fieldset "
	     "kring-fieldset\" aria-describedby=\"na-present-hint%s\"><legend "
	     "class=\"utrecht-form-label kring-legend\">%s</legend><p "
	     "class=\"utrecht-form-field-description\" id=\"na-present-hint\">%s</p>",
	     error ? " utrecht-form-field--invalid" : "", error ? " na-present-error" : "",
	     T(WS_F_PRESENT), T(WS_F_PRESENT_HINT));
	if (error)
		html(h,
		     "<p class=\"utrecht-form-field-error-message\" id=\"na-present-error\">%s</p>",
		     error);
	if (n == 0)
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(WS_NO_STAFF));
	html(h, "<div class=\"kring-options kring-options--columns\">");
	for (size_t i = 0; i < n; i++) {
		bool on = staff[i].present;
		if (sent && sent->after) {
			on = false;
			for (size_t k = 0; k < sent->n_present; k++)
				on |= sent->present[k] == staff[i].person_id;
		}
		html(h,
		     "<div class=\"kring-option\"><input class=\"utrecht-checkbox "
		     "utrecht-checkbox--html-input\" type=\"checkbox\" id=\"na-present-%lld\" "
		     "name=\"present\" value=\"%lld\"%s><label class=\"kring-option__label\" "
		     "for=\"na-present-%lld\">%s</label></div>",
		     staff[i].person_id, staff[i].person_id, on ? " checked" : "",
		     staff[i].person_id, ui_short(&r->arena, staff[i].name, 100));
	}
	html(h, "</div></fieldset></div>");
}

void ws_after_section(struct req *r, struct html *h, const struct workshop *w,
                      const struct ws_sent *sent)
{
	html(h,
	     "<section class=\"kring-card kring-after-card%s\" id=\"na-afloop\" "
	     "aria-labelledby=\"h-na-afloop\"><h2 class=\"utrecht-heading-2\" "
	     "id=\"h-na-afloop\">%s</h2>",
	     w->evaluated_at ? "" : " kring-noprint", T(WS_AFTER_TITLE));
	if (w->evaluated_at) {
		html(h, "<div class=\"kring-after\"><p class=\"utrecht-paragraph\">%s",
		     T_printf(&r->arena, WS_AFTER_SUMMARY, w->n_present, w->others));
		if (w->score > 0)
			html(h, " %s", T_printf(&r->arena, WS_SCORE_SHOWN, w->score));
		html(h, "</p>");
		if (w->went_well[0])
			html(h,
			     "<h3 class=\"utrecht-heading-3\">%s</h3><p class=\"utrecht-paragraph "
			     "kring-pre\">%s</p>",
			     T(WS_F_WELL), w->went_well);
		if (w->to_change[0])
			html(h,
			     "<h3 class=\"utrecht-heading-3\">%s</h3><p class=\"utrecht-paragraph "
			     "kring-pre\">%s</p>",
			     T(WS_F_CHANGE), w->to_change);
		html(h, "</div>");
	}
	struct workshop_staff *staff;
	size_t n;
	if (workshop_staff(r->db, &r->arena, r->org_id, w->id, &staff, &n) != 0) {
		respond_section_failed(r, h, "workshop attendance");
		html(h, "</section>");
		return;
	}
	/* open by itself when it is time to fill it in: held, and not yet done */
	char today[16];
	clock_today(today);
	bool due = !w->evaluated_at && strcmp(w->held_on, today) <= 0;
	html(h, "<details class=\"kring-details kring-noprint\"%s><summary>%s</summary>",
	     (sent && sent->after) || due ? " open" : "", T(WS_AFTER_INTRO));
	struct field_spec s[N_AFTER_FIELDS];
	struct form own;
	struct form *f = sent && sent->after ? sent->after : &own;
	if (f == &own) {
		after_specs(s);
		form_init(&own, s, N_AFTER_FIELDS);
		form_set(&own, "others", arena_printf(&r->arena, "%lld", w->others));
		form_set(&own, "went_well", w->went_well);
		form_set(&own, "to_change", w->to_change);
		form_set(&own, "score", arena_printf(&r->arena, "%d", w->score));
	}
	f->id_prefix = "na-";
	if (sent && sent->after && sent->conflict)
		page_notice(h, "warning", T(WS_CONFLICT));
	form_error_summary(h, f);
	form_begin(h, r, ui_workshop_url(r, w->id, "/after"));
	form_version_field(h,
	                   f == &own || sent->conflict ? w->version : form_value_id(f, "version"));
	present_field(r, h, staff, n, sent,
	              sent && sent->after && sent->bad_present ? T(WS_ERR_PRESENT) : NULL);
	form_field(h, f, "others");
	form_field(h, f, "went_well");
	form_field(h, f, "to_change");
	form_field(h, f, "score");
	form_end(h, T(WS_AFTER_BUTTON));
	html(h, "</details>");
	/* where the outcome goes next: a meetlat round (opened by a beheerder or adviseur) */
	html(h,
	     "<h3 class=\"utrecht-heading-3 kring-noprint\">%s</h3><ul class=\"kring-noprint "
	     "kring-next-links\"><li>",
	     T(WS_NEXT_TITLE));
	if (r->role & ROLES_ASSESS)
		html(h, "<a class=\"utrecht-link\" href=\"/o/%s/meetlat#h-open\">%s</a> — %s",
		     r->org_slug, T(WS_NEXT_MEETLAT), T(WS_NEXT_MEETLAT_HINT));
	else
		html(h, "%s <a class=\"utrecht-link\" href=\"/o/%s/meetlat\">%s</a>",
		     T(WS_NEXT_MEETLAT_ASK), r->org_slug, T(WS_NEXT_MEETLAT_PAGE));
	html(h, "</li>");
	const char *knowledge = WS_KNOWLEDGE_NEW;
	if (knowledge)
		html(h, "<li><a class=\"utrecht-link\" href=\"/o/%s/%s?workshop=%lld\">%s</a></li>",
		     r->org_slug, knowledge, w->id, T(WS_NEXT_KNOWLEDGE));
	html(h, "</ul></section>");
}

#define MAX_PRESENT 500

int page_workshop_after(struct req *r)
{
	struct field_spec s[N_AFTER_FIELDS];
	after_specs(s);
	struct form f;
	bool ok = form_read(r, &f, s, N_AFTER_FIELDS);
	struct workshop ev = {0};
	ev.id = r->param_id;
	ev.version = form_value_id(&f, "version");
	ev.went_well = form_value(&f, "went_well");
	ev.to_change = form_value(&f, "to_change");
	const char *score = form_value(&f, "score");
	ev.score = atoi(score); /* one of score_values: form_read() checked */
	const char *others = form_value(&f, "others");
	ev.others = 0;
	if (others[0]) {
		long long v = 0;
		bool digits = strlen(others) <= 5;
		for (const char *p = others; digits && *p; p++) {
			digits = *p >= '0' && *p <= '9';
			v = v * 10 + (*p - '0');
		}
		if (!digits || v > WS_MAX_OTHERS) {
			form_error(&f, "others", T(WS_ERR_OTHERS));
			ok = false;
		} else
			ev.others = v;
	}
	long long *present = arena_alloc(&r->arena, MAX_PRESENT * sizeof(long long));
	size_t n_present = 0;
	bool bad_present = false;
	for (size_t i = 0; i < r->form.n_items; i++) {
		if (strcmp(r->form.items[i].name, "present") != 0)
			continue;
		long long id = form_id_or_zero(r->form.items[i].value);
		if (id == 0 || n_present == MAX_PRESENT)
			bad_present = true;
		else
			present[n_present++] = id;
	}
	struct ws_sent sent = {.after = &f, .present = present, .n_present = n_present};
	if (bad_present) {
		sent.bad_present = true; /* the message beside the checkboxes */
		ok = false;
	}
	if (!ok)
		return ws_agenda_page(r, &sent, 422);
	enum save_result rc =
	    workshop_evaluate(r->db, r->org_id, r->person_id, &ev, present, n_present);
	if (rc == SAVE_CONFLICT) {
		sent.conflict = true;
		return ws_agenda_page(r, &sent, 409);
	}
	if (rc == SAVE_NOT_FOUND) {
		struct workshop w;
		int found = workshop_get(r->db, &r->arena, r->org_id, r->param_id, &w);
		if (found < 0)
			return HANDLER_ERROR;
		if (found == 0)
			return respond_not_found(r);
		sent.bad_present = true; /* an id that is not of this organisation's staff */
		return ws_agenda_page(r, &sent, 422);
	}
	return respond_save(r, rc, ui_workshop_url(r, r->param_id, "?klaar=opgeslagen#na-afloop"));
}
