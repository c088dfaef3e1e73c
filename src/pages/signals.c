/*
 * signals.c - Aandacht nodig (/o/<slug>/signals): every current signal of
 * the organisation grouped by community, filtered by kind and "mine"; set a
 * signal aside until a date with a reason, or restore it. And the signals
 * section of the settings page (which kinds are on, the most communities per
 * staff member). An ambassadeur sees their own communities only (the route
 * sets r->only_attached); an adviser reads.
 */
#include <string.h>

#include "../auth/roles.h"
#include "../i18n/text.h"
#include "../web/form.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "pages.h"
#include "respond.h"
#include "signal_ui.h"

static const struct field_spec aside_fields[] = {
    {.name = "until",
     .label_text = FIELD_TEXTS(F_SIGNALS_UNTIL_LABEL),
     .hint_text = FIELD_TEXTS(F_SIGNALS_UNTIL_HINT),
     .kind = FIELD_DATE,
     .required = true,
     .required_text = FIELD_TEXTS(F_SIGNALS_UNTIL_REQUIRED)},
    {.name = "reason",
     .label_text = FIELD_TEXTS(F_SIGNALS_REASON_LABEL),
     .kind = FIELD_TEXTAREA,
     .required = true,
     .required_text = FIELD_TEXTS(F_SIGNALS_REASON_REQUIRED),
     .max_len = SIGNAL_REASON_MAX,
     .rows = 2},
};
#define N_ASIDE_FIELDS (sizeof(aside_fields) / sizeof(aside_fields[0]))

/* A set-aside form that came back with errors, to show beside its signal. */
struct aside_retry {
	long long id;
	struct form *f;
};

/* The filter of the page from the query: ?soort=<kind>&mijn=1. */
static void read_filter(struct req *r, struct signal_filter *f)
{
	*f = (struct signal_filter){.kind = signal_kind_from_name(req_query(r, "soort"))};
	const char *mine = req_query(r, "mijn");
	if (mine && strcmp(mine, "1") == 0 && (r->role & ROLES_STAFF))
		f->mine = r->person_id;
	f->only_attached = r->only_attached;
}

static void filter_form(struct req *r, struct html *h, const struct signal_filter *f)
{
	html(
	    h,
	    "<form class=\"kring-filters kring-noprint\" method=\"get\" action=\"/o/%s/signals\">"
	    "<h2 class=\"kring-sr\">%s</h2>"
	    "<p class=\"kring-filter\"><label class=\"utrecht-form-label\" "
	    "for=\"soort\">%s</label> <select class=\"utrecht-select\" id=\"soort\" name=\"soort\">"
	    "<option value=\"\">%s</option>",
	    r->org_slug, T(SIG_FILTER_LEGEND), T(SIG_FILTER_KIND), T(SIG_FILTER_ALL));
	for (int k = 0; k < SIG_N; k++)
		html(h, "<option value=\"%s\"%s>%s</option>", signal_kind_names[k],
		     f->kind == k ? " selected" : "", sig_kind_label(k));
	html(h, "</select></p>");
	if (r->role & ROLES_STAFF)
		html(h,
		     "<p class=\"kring-filter kring-filter--buttons kring-check\"><input "
		     "class=\"utrecht-checkbox\" "
		     "type=\"checkbox\" id=\"mijn\" name=\"mijn\" value=\"1\"%s> "
		     "<label class=\"utrecht-form-label\" for=\"mijn\">%s</label></p>",
		     f->mine ? " checked" : "", T(SIG_FILTER_MINE));
	html(h,
	     "<p class=\"kring-filter kring-filter--buttons\"><button class=\"utrecht-button "
	     "utrecht-button--secondary-action\" type=\"submit\">%s</button></p></form>",
	     T(SIG_FILTER_BUTTON));
}

/* The "later" form of one signal (open, with errors, when it came back). */
static void aside_form(struct req *r, struct html *h, const struct signal *s,
                       const struct aside_retry *retry)
{
	struct form f;
	bool again = retry && retry->id == s->id;
	if (again) {
		f = *retry->f;
	} else {
		form_init(&f, aside_fields, N_ASIDE_FIELDS);
	}
	f.id_prefix = arena_printf(&r->arena, "s%lld-", s->id);
	html(h,
	     "<details class=\"kring-later kring-noprint\"%s><summary>%s<span class=\"kring-sr\">: "
	     "%s</span></summary>",
	     again ? " open" : "", T(SIG_LATER_SUMMARY), sig_kind_label(s->kind));
	form_begin(h, r, arena_printf(&r->arena, "/o/%s/signals/%lld/aside", r->org_slug, s->id));
	form_field(h, &f, "until");
	form_field(h, &f, "reason");
	form_end(h, T(SIG_LATER_BUTTON));
	html(h, "</details>");
}

static void signal_list(struct req *r, struct html *h, const struct signal *v, size_t n,
                        const struct aside_retry *retry, bool aside)
{
	bool staff = (r->role & ROLES_STAFF) != 0;
	long long group = -1;
	for (size_t i = 0; i < n; i++) {
		const struct signal *s = &v[i];
		if (s->community_id != group) {
			if (group != -1)
				html(h, "</ul></section>");
			group = s->community_id;
			html(h,
			     "<section class=\"kring-card kring-signal-group\" "
			     "aria-labelledby=\"g-%s%lld\">",
			     aside ? "a" : "c", group);
			if (group)
				html(h,
				     "<h2 class=\"utrecht-heading-3\" id=\"g-%s%lld\"><a "
				     "class=\"utrecht-link\" "
				     "href=\"%s\">%s</a></h2>",
				     aside ? "a" : "c", group, ui_community_url(r, group, ""),
				     s->community_name);
			else
				html(h, "<h2 class=\"utrecht-heading-3\" id=\"g-%s0\">%s</h2>",
				     aside ? "a" : "c", T(SIG_ORG_GROUP));
			html(h, "<ul class=\"kring-signal-list\">");
		}
		html(h, "<li class=\"kring-signal\" id=\"signaal-%lld\">", s->id);
		sig_item(r, h, s, false);
		html(h, " <span class=\"kring-muted kring-signal__since\">(%s)</span>",
		     T_printf(&r->arena, SIG_SINCE, fmt_date(&r->arena, s->first_seen)));
		if (aside) {
			html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>",
			     T_printf(
			         &r->arena, SIG_ASIDE_UNTIL, ui_date(&r->arena, s->aside_until),
			         s->aside_by_name[0] ? s->aside_by_name : "-", s->aside_reason));
			if (staff) {
				ui_form(h, r,
				        arena_printf(&r->arena, "/o/%s/signals/%lld/restore",
				                     r->org_slug, s->id),
				        "kring-inline-form kring-noprint");
				html(h,
				     "<button class=\"utrecht-button "
				     "utrecht-button--secondary-action\" "
				     "type=\"submit\">%s<span class=\"kring-sr\">: "
				     "%s</span></button></form>",
				     T(SIG_RESTORE_BUTTON), sig_kind_label(s->kind));
			}
		} else if (staff) {
			aside_form(r, h, s, retry);
		}
		html(h, "</li>");
	}
	if (group != -1)
		html(h, "</ul></section>");
}

static int signals_page(struct req *r, const struct aside_retry *retry, unsigned status)
{
	struct signal_filter f;
	read_filter(r, &f);
	char today[16];
	signal_today(today);
	struct signal *v, *av;
	size_t n, an;
	struct signal_filter fa = f;
	fa.aside = true;
	if (signals_list(r->db, &r->arena, r->org_id, &f, today, &v, &n) != 0 ||
	    signals_list(r->db, &r->arena, r->org_id, &fa, today, &av, &an) != 0)
		return HANDLER_ERROR;
	struct html h;
	page_begin(r, &h, T(SIG_TITLE));
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     T(SIG_TITLE), T(SIG_INTRO));
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "opzij") == 0)
		page_notice(&h, "ok", T(SIG_ASIDE_DONE));
	else if (done && strcmp(done, "terug") == 0)
		page_notice(&h, "ok", T(SIG_RESTORED));
	if (retry)
		page_notice(&h, "error", T(SIG_ASIDE_BAD));
	filter_form(r, &h, &f);
	html(&h, "<p class=\"utrecht-paragraph kring-signal-count\">%s</p>",
	     TN_printf(&r->arena, SIG_COUNT, (long long)n, (long long)n));
	if (n == 0)
		html(&h, "<p class=\"utrecht-paragraph\">%s</p>",
		     f.kind >= 0 || f.mine ? T(SIG_NONE_FILTER) : T(SIG_NONE));
	signal_list(r, &h, v, n, retry, false);
	if (an > 0) {
		html(&h,
		     "<section class=\"kring-signal-aside\" aria-labelledby=\"h-opzij\">"
		     "<h2 class=\"utrecht-heading-2\" id=\"h-opzij\">%s</h2>"
		     "<p class=\"utrecht-paragraph kring-muted\">%s</p>",
		     T(SIG_ASIDE_TITLE), T(SIG_ASIDE_INTRO));
		signal_list(r, &h, av, an, NULL, true);
		html(&h, "</section>");
	}
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_signals(struct req *r)
{
	return signals_page(r, NULL, 200);
}

int page_signal_aside(struct req *r)
{
	struct form f;
	bool ok = form_read(r, &f, aside_fields, N_ASIDE_FIELDS);
	char today[16];
	signal_today(today);
	const char *until = form_value(&f, "until");
	if (ok && strcmp(until, today) <= 0) {
		form_error(&f, "until", T(F_SIGNALS_UNTIL_PAST));
		ok = false;
	}
	if (!ok) {
		struct aside_retry retry = {.id = r->param_id, .f = &f};
		return signals_page(r, &retry, 422);
	}
	enum save_result rc = signal_set_aside(r->db, r->org_id, r->person_id, r->param_id, until,
	                                       form_value(&f, "reason"), today);
	return respond_save(r, rc,
	                    arena_printf(&r->arena, "/o/%s/signals?klaar=opzij", r->org_slug));
}

int page_signal_restore(struct req *r)
{
	enum save_result rc = signal_restore(r->db, r->org_id, r->person_id, r->param_id);
	return respond_save(r, rc,
	                    arena_printf(&r->arena, "/o/%s/signals?klaar=terug", r->org_slug));
}

/* ---- settings ---- */

void sig_settings_section(struct req *r, struct html *h)
{
	struct signal_settings s;
	if (signal_settings_get(r->db, r->org_id, &s) != 0) {
		respond_section_failed(r, h, "signalen");
		return;
	}
	html(h,
	     "<section class=\"kring-card\" id=\"signalen\" aria-labelledby=\"h-signalen\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-signalen\">%s</h2>"
	     "<p class=\"utrecht-paragraph\">%s</p>",
	     T(SIG_SETTINGS_TITLE), T(SIG_SETTINGS_INTRO));
	if (req_query(r, "signalen"))
		page_notice(h, "ok", T(SIG_SETTINGS_SAVED));
	ui_form(h, r, arena_printf(&r->arena, "/o/%s/settings/signals", r->org_slug),
	        "utrecht-form kring-form");
	html(h,
	     "<fieldset class=\"utrecht-form-fieldset kring-fieldset\">"
	     "<legend class=\"utrecht-form-label kring-legend\">%s</legend><div "
	     "class=\"kring-options\">",
	     T(SIG_SETTINGS_KINDS));
	for (int k = 0; k < SIG_N; k++)
		html(
		    h,
		    "<div class=\"kring-option\"><input class=\"utrecht-checkbox\" "
		    "type=\"checkbox\" "
		    "id=\"kind-%s\" name=\"on-%s\" value=\"1\"%s> <label "
		    "class=\"kring-option__label\" "
		    "for=\"kind-%s\">%s</label> <span class=\"kring-option__hint\">%s</span></div>",
		    signal_kind_names[k], signal_kind_names[k], s.on[k] ? " checked" : "",
		    signal_kind_names[k], sig_kind_label(k), sig_lesson(k));
	html(h,
	     "</div></fieldset><div class=\"utrecht-form-field kring-field\">"
	     "<p class=\"utrecht-form-label\"><label class=\"utrecht-form-label\" "
	     "for=\"max\">%s</label></p>"
	     "<p class=\"utrecht-form-field-description\" id=\"max-hint\">%s</p>"
	     "<input class=\"utrecht-textbox kring-narrow-input\" id=\"max\" name=\"max\" "
	     "type=\"number\" min=\"1\" max=\"50\" inputmode=\"numeric\" "
	     "aria-describedby=\"max-hint\" "
	     "value=\"%lld\"></div>"
	     "<p class=\"kring-actions\"><button class=\"utrecht-button "
	     "utrecht-button--primary-action\" type=\"submit\">%s</button></p></form></section>",
	     T(SIG_SETTINGS_MAX), T(SIG_SETTINGS_MAX_HINT), s.max_communities,
	     T(SIG_SETTINGS_BUTTON));
}

int page_signal_settings_save(struct req *r)
{
	struct signal_settings s;
	long long max = form_id_or_zero(req_form(r, "max"));
	s.max_communities = max;
	for (int k = 0; k < SIG_N; k++)
		s.on[k] =
		    req_form(r, arena_printf(&r->arena, "on-%s", signal_kind_names[k])) != NULL;
	if (max < 1 || max > 50) {
		struct html h;
		page_begin(r, &h, T(SIG_SETTINGS_TITLE));
		html(&h, "<div class=\"kring-narrow\"><h1 class=\"utrecht-heading-1\">%s</h1>",
		     T(SETTINGS_TITLE));
		page_notice(&h, "error", T(SIG_SETTINGS_MAX_BAD));
		sig_settings_section(r, &h);
		html(&h, "</div>");
		page_end(r, &h, 422);
		return HANDLER_OK;
	}
	enum save_result rc = signal_settings_save(r->db, r->org_id, r->person_id, &s);
	return respond_save(
	    r, rc, arena_printf(&r->arena, "/o/%s/settings?signalen=1#signalen", r->org_slug));
}
