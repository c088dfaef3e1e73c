/*
 * posto.c - the POST-O of a community (M7, Routekaart step 5, issue 11b):
 * People, Objectives, Strategy, Technology and Organization as a short
 * document for the conversation with management, printable on A4, with the
 * Routekaart's guiding text beside each field. Objectives shows the
 * community's goals from step 5 instead of asking again. No field is
 * required. Staff write it (versioned, conflicts shown side by side);
 * everyone who may see the community reads it.
 */
#include <string.h>

#include "../auth/roles.h"
#include "../core/community.h"
#include "../core/goal.h"
#include "../core/posto.h"
#include "../core/vocab.h"
#include "../i18n/text.h"
#include "../util/clock.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "pages.h"
#include "partner_ui.h"
#include "plan_ui.h"
#include "respond.h"

#define N_POSTO_FIELDS 6

/* The five parts in order: field name, label, guiding text. */
static const struct {
	const char *name;
	int label, hint;
} parts[] = {
    {"people", TXT_PO_PEOPLE, TXT_PO_PEOPLE_HINT},
    {"objectives", TXT_PO_OBJECTIVES, TXT_PO_OBJECTIVES_HINT},
    {"strategy", TXT_PO_STRATEGY, TXT_PO_STRATEGY_HINT},
    {"technology", TXT_PO_TECHNOLOGY, TXT_PO_TECHNOLOGY_HINT},
    {"organization", TXT_PO_ORGANIZATION, TXT_PO_ORGANIZATION_HINT},
};
#define N_PARTS 5

static void posto_specs(struct field_spec *s)
{
	for (int i = 0; i < N_PARTS; i++)
		s[i] = (struct field_spec){.name = parts[i].name,
		                           .label =
		                               i == 1 ? T(PO_OBJECTIVES_FIELD) : TX(parts[i].label),
		                           .kind = FIELD_TEXTAREA,
		                           .max_len = POSTO_FIELD_MAX,
		                           .rows = 5};
	s[5] = (struct field_spec){
	    .name = "version", .label_text = FIELD_TEXTS(F_POSTO_VERSION_LABEL), .kind = FIELD_ID};
}

static const char *part_text(const struct posto *p, int i)
{
	const char *v[] = {p->people, p->objectives, p->strategy, p->technology, p->organization};
	return v[i];
}

static void posto_to_form(struct form *f, const struct posto *p)
{
	for (int i = 0; i < N_PARTS; i++)
		form_set(f, parts[i].name, part_text(p, i));
}

/* The community's goals of step 5, as the Objectives part shows them. */
static void goals_list(struct req *r, struct html *h, long long community_id)
{
	struct goal *g;
	size_t n;
	if (goal_list(r->db, &r->arena, r->org_id, community_id, &g, &n) != 0) {
		respond_section_failed(r, h, "post-o goals");
		return;
	}
	html(h, "<h4 class=\"kring-posto__sub\">%s</h4>", T(PO_GOALS));
	if (n == 0) {
		html(h,
		     "<p class=\"utrecht-paragraph kring-muted\">%s <a class=\"utrecht-link "
		     "kring-noprint\" href=\"%s\">%s</a></p>",
		     T(PO_NO_GOALS), plan_community_url(r, community_id, "/goals"), T(PO_TO_GOALS));
		return;
	}
	html(h, "<dl class=\"kring-posto__goals\">");
	for (size_t i = 0; i < n; i++) {
		int k = vocab_index(goal_kinds, g[i].kind);
		html(h, "<dt>%s</dt><dd class=\"kring-pre\">%s</dd>",
		     k >= 0 ? TX(TXT_GOAL_TEXT_LIBRARY + k) : "", g[i].text);
	}
	html(h, "</dl>");
}

/*
 * The page: the document, then (for staff) the form f as typed (NULL: from
 * the stored POST-O); theirs is what someone saved meanwhile (a conflict).
 */
static int posto_page(struct req *r, struct form *f, const struct form *theirs, long long version,
                      unsigned status)
{
	struct community c;
	int found = community_get(r->db, &r->arena, r->org_id, r->param_id, &c);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	struct posto p;
	int has = posto_get(r->db, &r->arena, r->org_id, c.id, &p);
	struct posto *vs;
	size_t n_vs;
	if (has < 0 || posto_versions(r->db, &r->arena, r->org_id, c.id, &vs, &n_vs) != 0)
		return HANDLER_ERROR;
	if (has == 0)
		p = (struct posto){.people = "",
		                   .objectives = "",
		                   .strategy = "",
		                   .technology = "",
		                   .organization = "",
		                   .who = ""};
	bool can_write = (r->role & ROLES_STAFF) != 0;
	char today[16];
	clock_today(today);
	struct html h;
	page_begin(r, &h, arena_printf(&r->arena, "%s: %s", T(PO_TITLE), c.name));
	html(&h,
	     "<nav class=\"kring-crumbs\" aria-label=\"%s\"><a class=\"utrecht-link\" "
	     "href=\"%s\">%s</a></nav><h1 class=\"utrecht-heading-1\">%s</h1>"
	     "<p class=\"utrecht-paragraph kring-lead\">%s</p>"
	     "<p class=\"utrecht-paragraph kring-small kring-muted kring-noprint\">%s</p>",
	     T(CRUMBS_LABEL), plan_community_url(r, c.id, ""), ui_short(&r->arena, c.name, 80),
	     T_printf(&r->arena, PO_HEADING, c.name), T(PO_LEAD), T(PO_PRINT_HINT));
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "opgeslagen") == 0)
		page_notice(&h, "ok", T(PO_SAVED));

	/* the document */
	html(&h,
	     "<article class=\"kring-card kring-posto\" aria-labelledby=\"h-posto\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-posto\">%s</h2>",
	     T(PO_TITLE));
	if (has == 1)
		html(&h, "<p class=\"utrecht-paragraph kring-small kring-muted\">%s %s</p>",
		     T_printf(&r->arena, PO_VERSION, p.version, fmt_date(&r->arena, p.at)),
		     p.who[0] ? T_printf(&r->arena, PO_BY, p.who) : "");
	else
		html(&h, "<p class=\"utrecht-paragraph\">%s</p>", T(PO_NONE_YET));
	for (int i = 0; i < N_PARTS; i++) {
		const char *text = part_text(&p, i);
		html(&h,
		     "<section class=\"kring-posto__part\"><h3 class=\"utrecht-heading-3\">%s</h3>"
		     "<p class=\"utrecht-paragraph kring-small kring-muted kring-noprint\">%s</p>",
		     TX(parts[i].label), TX(parts[i].hint));
		if (i == 1) {
			goals_list(r, &h, c.id);
			if (text[0])
				html(&h, "<h4 class=\"kring-posto__sub\">%s</h4>",
				     T(PO_OBJECTIVES_FIELD));
		}
		if (text[0])
			html(&h, "<p class=\"utrecht-paragraph kring-pre\">%s</p>", text);
		else if (i != 1)
			html(&h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(PO_EMPTY));
		html(&h, "</section>");
	}
	html(&h, "</article>");

	/* the form, with the guiding text beside each field */
	if (can_write) {
		struct field_spec specs[N_POSTO_FIELDS];
		struct form f0;
		if (f == NULL) {
			posto_specs(specs);
			form_init(&f0, specs, N_POSTO_FIELDS);
			posto_to_form(&f0, &p);
			f = &f0;
			version = has == 1 ? p.version : 0;
		}
		bool open = has == 0 || status != 200;
		html(&h,
		     "<details class=\"kring-details kring-card kring-noprint\" id=\"bewerken\"%s>"
		     "<summary>%s</summary>",
		     open ? " open" : "", has == 1 ? T(PO_EDIT) : T(PO_WRITE));
		if (theirs) {
			page_notice(&h, "warning", T(PO_CONFLICT));
			ui_conflict_table(&h, f, theirs);
		}
		form_error_summary(&h, f);
		form_begin(&h, r, plan_community_url(r, c.id, "/post-o"));
		form_version_field(&h, version);
		for (int i = 0; i < N_PARTS; i++) {
			html(&h, "<div class=\"kring-posto-field\"><div>");
			form_field(&h, f, parts[i].name);
			html(&h,
			     "</div><div class=\"kring-guide\"><p "
			     "class=\"utrecht-paragraph\"><strong>%s"
			     "</strong></p><p class=\"utrecht-paragraph "
			     "kring-small\">%s</p></div></div>",
			     TX(parts[i].label), TX(parts[i].hint));
		}
		form_end(&h, T(PO_SAVE));
		html(&h, "</details>");
	}

	/* earlier versions */
	if (n_vs > 1) {
		html(&h,
		     "<details class=\"kring-details kring-noprint\"><summary>%s</summary><ol "
		     "class=\"kring-plain-list\">",
		     T(PO_HISTORY));
		for (size_t i = 1; i < n_vs; i++) {
			html(&h,
			     "<li><p class=\"utrecht-paragraph kring-small kring-muted\">%s "
			     "%s</p><dl>",
			     T_printf(&r->arena, PO_VERSION, vs[i].version,
			              fmt_date(&r->arena, vs[i].at)),
			     vs[i].who[0] ? T_printf(&r->arena, PO_BY, vs[i].who) : "");
			for (int k = 0; k < N_PARTS; k++)
				if (part_text(&vs[i], k)[0])
					html(&h, "<dt>%s</dt><dd class=\"kring-pre\">%s</dd>",
					     TX(parts[k].label), part_text(&vs[i], k));
			html(&h, "</dl></li>");
		}
		html(&h, "</ol></details>");
	}
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_posto(struct req *r)
{
	return posto_page(r, NULL, NULL, 0, 200);
}

int page_posto_save(struct req *r)
{
	struct field_spec specs[N_POSTO_FIELDS];
	posto_specs(specs);
	struct form f;
	bool ok = form_read(r, &f, specs, N_POSTO_FIELDS);
	long long version = form_value_id(&f, "version");
	if (!ok)
		return posto_page(r, &f, NULL, version, 422);
	struct posto p = {.version = version,
	                  .people = form_value(&f, "people"),
	                  .objectives = form_value(&f, "objectives"),
	                  .strategy = form_value(&f, "strategy"),
	                  .technology = form_value(&f, "technology"),
	                  .organization = form_value(&f, "organization")};
	enum save_result rc = posto_save(r->db, r->org_id, r->person_id, r->param_id, &p, NULL);
	if (rc == SAVE_CONFLICT) {
		struct posto now;
		int has = posto_get(r->db, &r->arena, r->org_id, r->param_id, &now);
		if (has < 0)
			return HANDLER_ERROR;
		struct field_spec tspecs[N_POSTO_FIELDS];
		posto_specs(tspecs);
		struct form t;
		form_init(&t, tspecs, N_POSTO_FIELDS);
		if (has == 1)
			posto_to_form(&t, &now);
		return posto_page(r, &f, &t, has == 1 ? now.version : 0, 409);
	}
	return respond_save(r, rc, plan_community_url(r, r->param_id, "/post-o?klaar=opgeslagen"));
}
