/*
 * me_impact.c - the Persoonlijk Impact Plan (M10, Routekaart step 2): the
 * person's own plan at /me/impact (every save a version, with the history
 * and the conflict view), printable on A4 for the conversation with the
 * manager; shared with one chosen beheerder and revoked again
 * (core/share.h); and the shared plan as that beheerder reads it at
 * people/:id/impact. Nobody else ever reads a plan: every handler here
 * reads r->person_id's plan, or another's only through share_can_view().
 */
#include <string.h>

#include "../auth/roles.h"
#include "../core/impact.h"
#include "../core/share.h"
#include "../i18n/text.h"
#include "../web/form.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "pages.h"
#include "partner_ui.h"
#include "respond.h"

#define N_PLAN_FIELDS (IMPACT_N_TEXTS + 2) /* the texts, the date, the version */
#define HISTORY_MAX   50

static const char *const text_names[IMPACT_N_TEXTS] = {"rol",     "situaties", "mensen",
                                                       "groepen", "leren",     "gesprekken"};
static const int text_labels[IMPACT_N_TEXTS] = {TXT_IP_ROLE,   TXT_IP_SITUATIONS, TXT_IP_PEOPLE,
                                                TXT_IP_GROUPS, TXT_IP_LEARN,      TXT_IP_TALK};
static const int text_hints[IMPACT_N_TEXTS] = {TXT_IP_ROLE_HINT,   TXT_IP_SITUATIONS_HINT,
                                               TXT_IP_PEOPLE_HINT, TXT_IP_GROUPS_HINT,
                                               TXT_IP_LEARN_HINT,  TXT_IP_TALK_HINT};

static void plan_specs(struct field_spec *s)
{
	for (int i = 0; i < IMPACT_N_TEXTS; i++)
		s[i] = (struct field_spec){.name = text_names[i],
		                           .label = TX(text_labels[i]),
		                           .hint = TX(text_hints[i]),
		                           .kind = FIELD_TEXTAREA,
		                           .max_len = 5000,
		                           .rows = 3};
	s[IMPACT_N_TEXTS] = (struct field_spec){.name = "wanneer",
	                                        .label = T(IP_DUE),
	                                        .hint = T(IP_DUE_HINT),
	                                        .kind = FIELD_DATE,
	                                        .max_len = 10};
	s[IMPACT_N_TEXTS + 1] =
	    (struct field_spec){.name = "version",
	                        .label_text = FIELD_TEXTS(F_ME_IMPACT_VERSION_LABEL),
	                        .kind = FIELD_ID};
}

static void plan_to_form(struct form *f, const struct impact_plan *p)
{
	for (int i = 0; i < IMPACT_N_TEXTS; i++)
		form_set(f, text_names[i], p->text[i]);
	form_set(f, "wanneer", p->due_on);
}

/* The plan as read: every part with its label; also the A4 print of it. */
static void plan_sheet(struct req *r, struct html *h, const struct impact_plan *p,
                       const char *owner, const char *cls)
{
	html(h,
	     "<section class=\"kring-card kring-impact-sheet %s\" aria-labelledby=\"h-plan\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-plan\">%s</h2>",
	     cls, T_printf(&r->arena, IP_OF, owner));
	if (p->version)
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>",
		     T_printf(&r->arena, IP_VERSION, p->version, fmt_date(&r->arena, p->saved_at)));
	html(h, "<dl class=\"kring-impact\">");
	for (int i = 0; i < IMPACT_N_TEXTS; i++)
		html(h, "<dt>%s</dt><dd class=\"kring-pre\">%s</dd>", TX(text_labels[i]),
		     p->text[i][0] ? p->text[i] : T(IP_EMPTY));
	html(h, "<dt>%s</dt><dd>%s</dd></dl></section>", T(IP_DUE),
	     p->due_on[0] ? ui_date(&r->arena, p->due_on) : T(IP_EMPTY));
}

/* Sharing: with whom now, choose a beheerder, or stop. */
static void share_section(struct req *r, struct html *h, const char *error)
{
	struct share now;
	struct share *viewers;
	size_t n;
	html(h,
	     "<section class=\"kring-card kring-noprint\" aria-labelledby=\"h-delen\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-delen\">%s</h2>",
	     T(IP_SHARE_TITLE));
	int got = share_get(r->db, &r->arena, r->org_id, r->person_id, SHARE_IMPACT, &now);
	if (got < 0 ||
	    share_viewers(r->db, &r->arena, r->org_id, r->person_id, &viewers, &n) != 0) {
		respond_section_failed(r, h, "delen");
		html(h, "</section>");
		return;
	}
	if (error)
		page_notice(h, "error", error);
	html(h, "<p class=\"utrecht-paragraph\">%s</p>",
	     got ? T_printf(&r->arena, IP_SHARE_WITH, now.viewer_name,
	                    fmt_date(&r->arena, now.since))
	         : T(IP_SHARE_NOT));
	if (got) {
		ui_form(h, r, arena_printf(&r->arena, "/o/%s/me/impact/unshare", r->org_slug),
		        "kring-inline-form");
		html(h,
		     "<button class=\"utrecht-button utrecht-button--secondary-action\" "
		     "type=\"submit\">%s</button></form>",
		     T(IP_SHARE_STOP));
	}
	if (n == 0) {
		if (!got)
			html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>",
			     T(IP_SHARE_NOBODY));
		html(h, "</section>");
		return;
	}
	ui_form(h, r, arena_printf(&r->arena, "/o/%s/me/impact/share", r->org_slug),
	        "kring-share-form");
	html(
	    h,
	    "<div class=\"utrecht-form-field\"><label class=\"utrecht-form-label\" "
	    "for=\"viewer\">%s</label><p class=\"utrecht-form-field-description\" "
	    "id=\"viewer-hint\">%s</p><select class=\"utrecht-select utrecht-select--html-select\" "
	    "id=\"viewer\" name=\"viewer\" aria-describedby=\"viewer-hint\">",
	    T(IP_SHARE_WHO), T(IP_SHARE_HINT));
	for (size_t i = 0; i < n; i++)
		html(h, "<option value=\"%lld\"%s>%s</option>", viewers[i].viewer_id,
		     got && now.viewer_id == viewers[i].viewer_id ? " selected" : "",
		     viewers[i].viewer_name);
	html(h,
	     "</select></div><p class=\"kring-actions\"><button class=\"utrecht-button "
	     "utrecht-button--primary-action\" type=\"submit\">%s</button></p></form></section>",
	     T(IP_SHARE_DO));
}

/* The old versions, newest first, each a link to see it. */
static void history(struct req *r, struct html *h, long long shown)
{
	struct impact_version *v;
	size_t n;
	if (impact_history(r->db, &r->arena, r->org_id, r->person_id, HISTORY_MAX, &v, &n) != 0) {
		respond_section_failed(r, h, "versies");
		return;
	}
	if (n == 0)
		return;
	html(h,
	     "<section class=\"kring-noprint\" aria-labelledby=\"h-versies\"><h2 "
	     "class=\"utrecht-heading-2\" id=\"h-versies\">%s</h2>"
	     "<table class=\"utrecht-table kring-table\"><caption "
	     "class=\"utrecht-table__caption\">%s</caption><thead class=\"utrecht-table__header\">"
	     "<tr class=\"utrecht-table__row\"><th class=\"utrecht-table__header-cell\" "
	     "scope=\"col\">%s</th><th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "</tr></thead><tbody class=\"utrecht-table__body\">",
	     T(IP_HISTORY), T(IP_HISTORY_CAPTION), T(IP_HISTORY_VERSION), T(IP_HISTORY_WHEN));
	for (size_t i = 0; i < n; i++) {
		html(h, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\">");
		if (v[i].version == shown)
			html(h, "<strong>%lld</strong>", v[i].version);
		else
			html(h,
			     "<a class=\"utrecht-link\" "
			     "href=\"/o/%s/me/impact?versie=%lld\">%lld</a>",
			     r->org_slug, v[i].version, v[i].version);
		html(h, "</td><td class=\"utrecht-table__cell\">%s</td></tr>",
		     fmt_datetime(&r->arena, v[i].saved_at));
	}
	html(h, "</tbody></table></section>");
}

/*
 * The page. f: the form as typed (NULL: the stored plan); theirs: the
 * stored plan after a conflict; notice: a line on top.
 */
static int impact_page(struct req *r, struct form *f, const struct impact_plan *theirs,
                       long long base, const char *share_error, unsigned status)
{
	struct impact_plan cur, old;
	if (impact_get(r->db, &r->arena, r->org_id, r->person_id, 0, &cur) < 0)
		return HANDLER_ERROR;
	long long want = req_query_id(r, "versie");
	bool show_old = false;
	if (want && want != cur.version && !f) {
		int got = impact_get(r->db, &r->arena, r->org_id, r->person_id, want, &old);
		if (got < 0)
			return HANDLER_ERROR;
		if (got == 0)
			return respond_not_found(r);
		show_old = true;
	}
	struct field_spec specs[N_PLAN_FIELDS];
	plan_specs(specs);
	struct form stored;
	if (!f) {
		form_init(&stored, specs, N_PLAN_FIELDS);
		plan_to_form(&stored, &cur);
		f = &stored;
		base = cur.version;
	}
	const char *me = r->person_name ? r->person_name : "";
	struct html h;
	page_begin(r, &h, T(IP_TITLE));
	html(&h,
	     "<nav class=\"kring-crumbs\" aria-label=\"%s\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/me\">%s</a></nav><h1 class=\"utrecht-heading-1\">%s</h1>"
	     "<p class=\"utrecht-paragraph kring-lead\">%s</p>"
	     "<p class=\"utrecht-paragraph kring-private kring-noprint\">%s</p>",
	     T(CRUMBS_LABEL), r->org_slug, T(ME_TITLE), T(IP_TITLE), T(IP_INTRO), T(IP_PRIVATE));
	long long saved = req_query_id(r, "opgeslagen");
	if (saved && status == 200)
		page_notice(&h, "ok", T_printf(&r->arena, IP_SAVED, saved));
	if (req_query(r, "gedeeld") && status == 200)
		page_notice(&h, "ok", T(IP_SHARED));
	if (req_query(r, "niet-gedeeld") && status == 200)
		page_notice(&h, "ok", T(IP_UNSHARED));
	if (show_old) {
		page_notice(&h, "info",
		            T_printf(&r->arena, IP_OLD_VERSION, old.version,
		                     fmt_date(&r->arena, old.saved_at)));
		html(&h,
		     "<p class=\"utrecht-paragraph kring-noprint\"><a class=\"utrecht-link\" "
		     "href=\"/o/%s/me/impact\">%s</a></p>",
		     r->org_slug, T(IP_TO_CURRENT));
		plan_sheet(r, &h, &old, me, "");
		history(r, &h, old.version);
		page_end(r, &h, 200);
		return HANDLER_OK;
	}
	if (theirs) {
		page_notice(&h, "warning", T_printf(&r->arena, IP_CONFLICT, theirs->version));
		struct form t;
		form_init(&t, specs, N_PLAN_FIELDS);
		plan_to_form(&t, theirs);
		ui_conflict_table(&h, f, &t);
	}
	if (cur.version == 0 && !theirs)
		html(&h, "<p class=\"utrecht-paragraph\">%s</p>", T(IP_NONE));
	else
		html(
		    &h,
		    "<p class=\"utrecht-paragraph kring-noprint\">%s <span "
		    "class=\"kring-muted\">%s</span></p>",
		    T_printf(&r->arena, IP_VERSION, cur.version, fmt_date(&r->arena, cur.saved_at)),
		    T(IP_PRINT_HINT));
	/* the plan as it prints: the stored plan, shown only on paper */
	if (cur.version)
		plan_sheet(r, &h, &cur, me, "kring-print-only");
	html(&h,
	     "<section class=\"kring-card kring-noprint\" aria-labelledby=\"h-form\">"
	     "<h2 class=\"utrecht-heading-2 kring-sr\" id=\"h-form\">%s</h2>",
	     T(IP_TITLE));
	form_error_summary(&h, f);
	form_begin(&h, r, arena_printf(&r->arena, "/o/%s/me/impact", r->org_slug));
	form_version_field(&h, base);
	for (int i = 0; i < IMPACT_N_TEXTS; i++)
		form_field(&h, f, text_names[i]);
	form_field(&h, f, "wanneer");
	form_end(&h, T(IP_SAVE));
	html(&h, "</section>");
	share_section(r, &h, share_error);
	history(r, &h, cur.version);
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_impact(struct req *r)
{
	return impact_page(r, NULL, NULL, 0, NULL, 200);
}

int page_impact_save(struct req *r)
{
	struct field_spec specs[N_PLAN_FIELDS];
	plan_specs(specs);
	struct form f;
	bool ok = form_read(r, &f, specs, N_PLAN_FIELDS);
	long long base = form_value_id(&f, "version");
	if (!ok)
		return impact_page(r, &f, NULL, base, NULL, 422);
	struct impact_plan p = {0};
	for (int i = 0; i < IMPACT_N_TEXTS; i++)
		p.text[i] = form_value(&f, text_names[i]);
	p.due_on = form_value(&f, "wanneer");
	long long version = 0;
	enum save_result rc = impact_save(r->db, r->org_id, r->person_id, &p, base, &version);
	if (rc == SAVE_CONFLICT) {
		struct impact_plan theirs;
		if (impact_get(r->db, &r->arena, r->org_id, r->person_id, 0, &theirs) != 1)
			return HANDLER_ERROR;
		return impact_page(r, &f, &theirs, theirs.version, NULL, 409);
	}
	return respond_save(
	    r, rc,
	    arena_printf(&r->arena, "/o/%s/me/impact?opgeslagen=%lld", r->org_slug, version));
}

int page_impact_share(struct req *r)
{
	long long viewer = req_form_id(r, "viewer");
	enum save_result rc = viewer
	                          ? share_set(r->db, r->org_id, r->person_id, SHARE_IMPACT, viewer)
	                          : SAVE_NOT_FOUND;
	if (rc == SAVE_NOT_FOUND) /* not a beheerder of this organisation */
		return impact_page(r, NULL, NULL, 0, T(IP_SHARE_BAD), 422);
	return respond_save(r, rc,
	                    arena_printf(&r->arena, "/o/%s/me/impact?gedeeld=1", r->org_slug));
}

int page_impact_unshare(struct req *r)
{
	return respond_save(r, share_revoke(r->db, r->org_id, r->person_id, SHARE_IMPACT),
	                    arena_printf(&r->arena, "/o/%s/me/impact?niet-gedeeld=1", r->org_slug));
}

/* The member person of this organisation: 1, 0 when not a member, -1 on error. */
static int find_member(struct req *r, long long person, struct member *out)
{
	struct member *m;
	size_t n;
	if (member_list(r->db, &r->arena, r->org_id, &m, &n) != 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (m[i].person_id == person) {
			*out = m[i];
			return 1;
		}
	return 0;
}

int page_person_impact(struct req *r)
{
	struct member m;
	int found = find_member(r, r->param_id, &m);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	int may = share_can_view(r->db, r->org_id, m.person_id, SHARE_IMPACT, r->person_id);
	struct impact_plan p;
	if (may < 0 ||
	    (may == 1 && impact_get(r->db, &r->arena, r->org_id, m.person_id, 0, &p) < 0))
		return HANDLER_ERROR;
	struct html h;
	page_begin(r, &h, T_printf(&r->arena, IP_OF, m.name));
	html(&h,
	     "<nav class=\"kring-crumbs\" aria-label=\"%s\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/people/%lld\">%s</a></nav><h1 class=\"utrecht-heading-1\">%s</h1>",
	     T(CRUMBS_LABEL), r->org_slug, m.person_id, m.name, T_printf(&r->arena, IP_OF, m.name));
	if (may != 1) {
		/* the same words whether a plan exists or not: its existence is private too */
		html(&h, "<p class=\"utrecht-paragraph\">%s</p>",
		     T_printf(&r->arena, IP_NOT_SHARED, m.name));
	} else {
		html(&h, "<p class=\"utrecht-paragraph kring-private kring-noprint\">%s</p>",
		     T_printf(&r->arena, IP_SHARED_NOTE, m.name));
		if (p.version == 0)
			html(&h, "<p class=\"utrecht-paragraph\">%s</p>", T(IP_SHARED_EMPTY));
		else
			plan_sheet(r, &h, &p, m.name, "");
	}
	page_end(r, &h, 200);
	return HANDLER_OK;
}
