/*
 * communities.c - the list of communities (filter, sort, pages, CSV), a new
 * community and its profile form (werkblad 2), deleting one after a
 * confirmation step, and the blank worksheet to print and take along.
 * The profile page itself, with its lists and people, is in community.c.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../auth/roles.h"
#include "../core/community.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "pages.h"

#define LIST_PAGE 25

/* ---- the list ---- */

static const char *const sort_names[] = {"naam", "status", "bijgewerkt", NULL};
static const char *const role_filters[] = {"bouwer", "verbinder", "aanjager", "ontbreekt", NULL};

/* The filter of the list from the query string; unknown values are ignored. */
static void read_filter(struct req *r, struct community_filter *f, const struct member *staff,
                        size_t n_staff)
{
	memset(f, 0, sizeof(*f));
	const char *v = req_query(r, "status");
	f->status = vocab_index(community_statuses, v) >= 0 ? v : "";
	v = req_query(r, "type");
	f->archetype = vocab_index(community_archetypes, v) >= 0 ? v : "";
	v = req_query(r, "rol");
	f->role = vocab_index(role_filters, v) >= 0 ? v : "";
	v = req_query(r, "wie");
	long long who = v ? atoll(v) : 0;
	for (size_t i = 0; i < n_staff; i++)
		if (staff[i].person_id == who)
			f->person = who;
	int s = vocab_index(sort_names, req_query(r, "sorteer"));
	f->sort = s < 0 ? SORT_NAME : (enum community_sort)s;
	f->only_attached = r->only_attached; /* decided by the route table */
}

/* The filter as a query string ("status=...&..."), without the page. */
static const char *filter_query(struct req *r, const struct community_filter *f)
{
	struct buf b;
	buf_init(&b, &r->arena);
	if (f->status[0])
		buf_printf(&b, "&status=%s", url_encode(&r->arena, f->status));
	if (f->archetype[0])
		buf_printf(&b, "&type=%s", url_encode(&r->arena, f->archetype));
	if (f->role[0])
		buf_printf(&b, "&rol=%s", url_encode(&r->arena, f->role));
	if (f->person)
		buf_printf(&b, "&wie=%lld", f->person);
	if (f->sort != SORT_NAME)
		buf_printf(&b, "&sorteer=%s", sort_names[f->sort]);
	const char *s = buf_str(&b);
	return s[0] == '&' ? s + 1 : s;
}

/* A <select> of the filter form. values/labels NULL-terminated; first option "" = all. */
static void filter_select(struct html *h, const char *name, const char *label,
                          const char *all_label, const char *const *values,
                          const char *const *labels, const char *current)
{
	html(h,
	     "<div class=\"kring-filter\"><label class=\"utrecht-form-label\" for=\"filter-%s\">%s"
	     "</label><select class=\"utrecht-select\" id=\"filter-%s\" name=\"%s\">",
	     name, label, name, name);
	if (all_label)
		html(h, "<option value=\"\">%s</option>", all_label);
	for (size_t i = 0; values[i]; i++)
		html(h, "<option value=\"%s\"%s>%s</option>", values[i],
		     strcmp(values[i], current) == 0 ? " selected" : "", labels[i]);
	html(h, "</select></div>");
}

static void filter_form(struct req *r, struct html *h, const struct community_filter *f,
                        const struct member *staff, size_t n_staff)
{
	html(h,
	     "<form class=\"kring-filters\" method=\"get\" action=\"/o/%s/communities\" "
	     "aria-labelledby=\"h-filter\"><h2 class=\"kring-sr\" id=\"h-filter\">%s</h2>",
	     r->org_slug, T(COMMUNITIES_FILTER_TITLE));
	filter_select(h, "status", T(FILTER_STATUS), T(FILTER_ALL), community_statuses,
	              &text_nl[TXT_STATUS_GEWENST], f->status);
	filter_select(h, "type", T(FILTER_ARCHETYPE), T(FILTER_ALL), community_archetypes,
	              &text_nl[TXT_ARCHETYPE_SHORT_PRACTICE], f->archetype);
	/* staff people: values are ids */
	const char **ids = arena_alloc(&r->arena, (n_staff + 1) * sizeof(*ids));
	const char **names = arena_alloc(&r->arena, (n_staff + 1) * sizeof(*names));
	for (size_t i = 0; i < n_staff; i++) {
		ids[i] = arena_printf(&r->arena, "%lld", staff[i].person_id);
		names[i] = staff[i].name;
	}
	filter_select(h, "wie", T(FILTER_PERSON), T(FILTER_ANYONE), ids, names,
	              f->person ? arena_printf(&r->arena, "%lld", f->person) : "");
	const char *rl[5] = {T(STAFF_BOUWER), T(STAFF_VERBINDER), T(STAFF_AANJAGER),
	                     T(FILTER_ROLE_MISSING), NULL};
	filter_select(h, "rol", T(FILTER_ROLE), T(FILTER_ROLE_ANY), role_filters, rl, f->role);
	filter_select(h, "sorteer", T(FILTER_SORT), NULL, sort_names, &text_nl[TXT_SORT_BY_NAME],
	              sort_names[f->sort]);
	html(h,
	     "<div class=\"kring-filter kring-filter--buttons\"><button class=\"utrecht-button "
	     "utrecht-button--secondary-action\" type=\"submit\">%s</button>",
	     T(FILTER_APPLY));
	if (filter_query(r, f)[0])
		html(h, " <a class=\"utrecht-link\" href=\"/o/%s/communities\">%s</a>", r->org_slug,
		     T(FILTER_RESET));
	html(h, "</div></form>");
}

/* "Name (rol), Name (rol)" of a community's staff. */
static void staff_cell(struct req *r, struct html *h, long long id)
{
	struct community_person *p;
	size_t n;
	if (community_staff_list(r->db, &r->arena, r->org_id, id, &p, &n) != 0 || n == 0) {
		html(h, "<span class=\"kring-muted\">%s</span>", T(NOBODY));
		return;
	}
	html(h, "<ul class=\"kring-plain-list\">");
	for (size_t i = 0; i < n; i++)
		html(h, "<li>%s <span class=\"kring-muted\">(%s)</span></li>", p[i].name,
		     ui_staff_role_label(p[i].role));
	html(h, "</ul>");
}

static void signals_cell(struct html *h, const struct community_signals *s)
{
	if (s->n_signals == 0) {
		html(h, "<span class=\"kring-muted\">%s</span>", T(NO_SIGNALS));
		return;
	}
	html(h, "<ul class=\"kring-plain-list kring-signal-short\">");
	for (int k = 0; k < COMMUNITY_N_ROLES; k++)
		if (s->missing[k])
			html(h, "<li>%s</li>", text_nl[TXT_SIGNAL_SHORT_BOUWER + k]);
	if (s->too_many)
		html(h, "<li>%s</li>", T(SIGNAL_SHORT_TOO_MANY));
	if (s->more_needs)
		html(h, "<li>%s</li>", T(SIGNAL_SHORT_NEEDS));
	html(h, "</ul>");
}

int page_communities(struct req *r)
{
	struct member *staff;
	size_t n_staff;
	if (community_candidates(r->db, &r->arena, r->org_id, false, &staff, &n_staff) != 0)
		return HANDLER_ERROR;
	struct community_filter f;
	read_filter(r, &f, staff, n_staff);
	long long page = 1;
	const char *p = req_query(r, "pagina");
	if (p) {
		page = atoll(p);
		if (page < 1 || page > 100000)
			page = 1;
	}
	struct community_row *rows;
	size_t n;
	long long total;
	if (community_list(r->db, &r->arena, r->org_id, &f, LIST_PAGE, (page - 1) * LIST_PAGE,
	                   &rows, &n, &total) != 0)
		return HANDLER_ERROR;
	bool staff_role = (r->role & ROLES_STAFF) != 0;
	bool ambassador = r->only_attached != 0;
	const char *q = filter_query(r, &f);

	struct html h;
	page_begin(r, &h, T(COMMUNITIES_TITLE));
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     T(COMMUNITIES_TITLE),
	     ambassador ? T(COMMUNITIES_INTRO_AMBASSADOR) : T(COMMUNITIES_INTRO));
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "verwijderd") == 0)
		page_notice(&h, "ok", T(COMMUNITY_DELETED));

	html(&h, "<p class=\"kring-toolbar\">");
	if (staff_role)
		html(&h,
		     "<a class=\"utrecht-button utrecht-button--primary-action kring-button-link\" "
		     "href=\"/o/%s/communities/new\">%s</a>",
		     r->org_slug, T(COMMUNITIES_NEW));
	if (r->role & ROLES_READ)
		html(&h, "<a class=\"utrecht-link\" href=\"/o/%s/scan\">%s</a>", r->org_slug,
		     T(COMMUNITIES_SCAN_LINK));
	html(&h,
	     "<a class=\"utrecht-link\" href=\"/o/%s/communities/print\">%s</a>"
	     "<a class=\"utrecht-link\" href=\"/o/%s/communities.csv%s%s\" download>%s</a></p>",
	     r->org_slug, T(COMMUNITIES_PRINT_BLANK), r->org_slug, q[0] ? "?" : "", q,
	     T(COMMUNITIES_CSV));

	bool any_filter = f.status[0] || f.archetype[0] || f.role[0] || f.person;
	if (total > 0 || any_filter)
		filter_form(r, &h, &f, staff, n_staff);

	if (n == 0) {
		html(&h, "<p class=\"utrecht-paragraph kring-empty\">%s</p>",
		     ambassador   ? T(COMMUNITIES_NONE_AMBASSADOR)
		     : any_filter ? T(COMMUNITIES_NONE_FILTER)
		                  : T(COMMUNITIES_NONE));
	} else {
		html(&h,
		     "<div class=\"kring-table-wrap\"><table class=\"utrecht-table kring-table "
		     "kring-table--communities\"><caption "
		     "class=\"utrecht-table__caption\">%s</caption>"
		     "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th></tr></thead>"
		     "<tbody class=\"utrecht-table__body\">",
		     arena_printf(&r->arena, T(COMMUNITIES_CAPTION), total), T(COL_NAME),
		     T(COL_STATUS), T(COL_ARCHETYPE), T(COL_STAFF), T(COL_SIGNALS), T(COL_UPDATED));
		for (size_t i = 0; i < n; i++) {
			struct community_person *sp;
			size_t n_sp;
			if (community_staff_list(r->db, &r->arena, r->org_id, rows[i].id, &sp,
			                         &n_sp) != 0)
				return HANDLER_ERROR;
			struct community_signals sig;
			community_signals_compute(sp, n_sp, (size_t)rows[i].n_strengths,
			                          (size_t)rows[i].n_needs, &sig);
			html(&h,
			     "<tr class=\"utrecht-table__row\"><th class=\"utrecht-table__cell\" "
			     "scope=\"row\"><a class=\"utrecht-link kring-strong-link\" "
			     "href=\"%s\">%s</a></th><td class=\"utrecht-table__cell\" "
			     "data-label=\"%s\">",
			     ui_community_url(r, rows[i].id, ""),
			     ui_short(&r->arena, rows[i].name, 120), T(COL_STATUS));
			ui_status_badge(&h, rows[i].status);
			html(&h,
			     "<br><span class=\"kring-muted kring-small\">%s</span></td>"
			     "<td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td>"
			     "<td class=\"utrecht-table__cell\" data-label=\"%s\">",
			     arena_printf(&r->arena, T(STATUS_SINCE),
			                  fmt_date(&r->arena, rows[i].status_since)),
			     T(COL_ARCHETYPE),
			     rows[i].archetype[0] ? ui_archetype_label(rows[i].archetype) : "–",
			     T(COL_STAFF));
			staff_cell(r, &h, rows[i].id);
			html(&h, "</td><td class=\"utrecht-table__cell\" data-label=\"%s\">",
			     T(COL_SIGNALS));
			signals_cell(&h, &sig);
			html(
			    &h,
			    "</td><td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td></tr>",
			    T(COL_UPDATED), fmt_date(&r->arena, rows[i].updated_at));
		}
		html(&h, "</tbody></table></div>");
	}
	if (total > LIST_PAGE) {
		long long pages = (total + LIST_PAGE - 1) / LIST_PAGE;
		html(&h,
		     "<nav class=\"kring-pager\" aria-label=\"%s\"><p class=\"utrecht-paragraph\">",
		     T(PAGER_LABEL));
		if (page > 1)
			html(&h, "<a class=\"utrecht-link\" href=\"?%s%spagina=%lld\">%s</a> ", q,
			     q[0] ? "&" : "", page - 1, T(PAGER_PREV));
		html(&h, "%s", arena_printf(&r->arena, T(PAGER_OF), page, pages));
		if (page < pages)
			html(&h, " <a class=\"utrecht-link\" href=\"?%s%spagina=%lld\">%s</a>", q,
			     q[0] ? "&" : "", page + 1, T(PAGER_NEXT));
		html(&h, "</p></nav>");
	}
	page_end(r, &h, 200);
	return HANDLER_OK;
}

int page_communities_csv(struct req *r)
{
	struct member *staff;
	size_t n_staff;
	if (community_candidates(r->db, &r->arena, r->org_id, false, &staff, &n_staff) != 0)
		return HANDLER_ERROR;
	struct community_filter f;
	read_filter(r, &f, staff, n_staff);
	struct buf out;
	buf_init(&out, &r->arena);
	if (community_export_csv(r->db, &r->arena, r->org_id, &f, &out) != 0)
		return HANDLER_ERROR;
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	char day[16];
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	r->status = 200;
	r->content_type = "text/csv; charset=utf-8";
	r->resp = out;
	resp_header(r, "Content-Disposition",
	            arena_printf(&r->arena, "attachment; filename=\"communities-%s-%s.csv\"",
	                         r->org_slug, day));
	return HANDLER_OK;
}

/* ---- the profile form (werkblad 2) ---- */

static const struct field_spec community_fields[] = {
    {.name = "name",
     .label = "Naam van de community",
     .hint = "Zo specifiek mogelijk: ‘jonge ouders in Heikant’ zegt meer dan ‘ouders’.",
     .kind = FIELD_TEXT,
     .required = true,
     .max_len = 200,
     .autocomplete = "off"},
    {.name = "description",
     .label = "Beschrijving",
     .hint = "Wie horen erbij? Wat doen ze, en waar en wanneer komen ze samen?",
     .kind = FIELD_TEXTAREA,
     .max_len = 100000,
     .rows = 5},
    {.name = "why",
     .label = "Waarom deze community?",
     .hint = "Waarom wil de bibliotheek met deze groep werken? Hoe past het bij jullie visie en "
             "doelen (stap 2)?",
     .kind = FIELD_TEXTAREA,
     .max_len = 20000,
     .rows = 3},
    {.name = "contact_name",
     .label = "Naam van één persoon in de community",
     .hint = "Iemand die je via via makkelijk kunt vragen voor een kop koffie.",
     .kind = FIELD_TEXT,
     .max_len = 200,
     .autocomplete = "off"},
    {.name = "contact_how",
     .label = "Hoe bereik je deze persoon?",
     .hint = "Bijvoorbeeld via wie jullie elkaar kennen. Leg alleen vast wat nodig is.",
     .kind = FIELD_TEXT,
     .max_len = 500,
     .autocomplete = "off"},
    {.name = "geography",
     .label = "Geografie",
     .hint = "Verbonden door een plek: het dorp, de wijk, de straat, de school, het "
             "verzorgingshuis. Hoe kleiner, hoe specifieker.",
     .kind = FIELD_TEXTAREA,
     .max_len = 20000,
     .rows = 2},
    {.name = "identity",
     .label = "Identiteit",
     .hint = "Verbonden door identiteitskenmerken, zoals afkomst, taal, geloof, leeftijd of "
             "levensfase.",
     .kind = FIELD_TEXTAREA,
     .max_len = 20000,
     .rows = 2},
    {.name = "affinity",
     .label = "Affiniteit",
     .hint = "Verbonden door een onderwerp, hobby, sport of interesse.",
     .kind = FIELD_TEXTAREA,
     .max_len = 20000,
     .rows = 2},
    {.name = "archetype",
     .label = "Type community",
     .hint = "De zes archetypen van Wagenaar en Staal geven richting aan je aanpak.",
     .kind = FIELD_RADIO,
     .options = community_archetypes,
     .option_labels = &text_nl[TXT_ARCHETYPE_PRACTICE],
     .option_hints = &text_nl[TXT_ARCHETYPE_HINT_PRACTICE]},
    {.name = "bond",
     .label = "Hoe sterk zijn de mensen al verbonden?",
     .hint = "Hebben ze sterke relaties, of zijn ze zich nauwelijks bewust van elkaar?",
     .kind = FIELD_RADIO,
     .options = community_bonds,
     .option_labels = &text_nl[TXT_BOND_NAUWELIJKS]},
    {.name = "status",
     .label = "Status",
     .hint = "Waar staat de bibliotheek met deze community? Elke verandering wordt met de "
             "datum bewaard.",
     .kind = FIELD_RADIO,
     .required = true,
     .options = community_statuses,
     .option_labels = &text_nl[TXT_STATUS_GEWENST],
     .option_hints = &text_nl[TXT_STATUS_HINT_GEWENST]},
    {.name = "started_on",
     .label = "Gestart op",
     .hint = "Wanneer begon de bibliotheek met deze community? Trek minstens een jaar uit "
             "voor de beginfase.",
     .kind = FIELD_DATE,
     .max_len = 10},
    {.name = "version", .label = "versie", .kind = FIELD_TEXT, .max_len = 20},
};
#define N_COMMUNITY_FIELDS (sizeof(community_fields) / sizeof(community_fields[0]))

/* The form's values as a community (strings stay owned by the form). */
static struct community from_form(const struct form *f)
{
	struct community c = {0};
	c.name = form_value(f, "name");
	c.description = form_value(f, "description");
	c.why = form_value(f, "why");
	c.contact_name = form_value(f, "contact_name");
	c.contact_how = form_value(f, "contact_how");
	c.geography = form_value(f, "geography");
	c.identity = form_value(f, "identity");
	c.affinity = form_value(f, "affinity");
	c.archetype = form_value(f, "archetype");
	c.bond = form_value(f, "bond");
	c.status = form_value(f, "status");
	c.started_on = form_value(f, "started_on");
	c.version = atoll(form_value(f, "version"));
	return c;
}

static void to_form(struct form *f, const struct community *c)
{
	form_set(f, "name", c->name);
	form_set(f, "description", c->description);
	form_set(f, "why", c->why);
	form_set(f, "contact_name", c->contact_name);
	form_set(f, "contact_how", c->contact_how);
	form_set(f, "geography", c->geography);
	form_set(f, "identity", c->identity);
	form_set(f, "affinity", c->affinity);
	form_set(f, "archetype", c->archetype);
	form_set(f, "bond", c->bond);
	form_set(f, "status", c->status);
	form_set(f, "started_on", c->started_on);
}

/* How a field's value reads to a person (labels for the fixed choices). */
static const char *shown_value(const char *field, const char *v)
{
	if (strcmp(field, "archetype") == 0)
		return vocab_label(community_archetypes, TXT_ARCHETYPE_PRACTICE, v);
	if (strcmp(field, "bond") == 0)
		return ui_bond_label(v);
	if (strcmp(field, "status") == 0)
		return ui_status_label(v);
	return v;
}

/* The fields where what this person typed differs from what was saved meanwhile. */
static void conflict_table(struct html *h, const struct form *f, const struct community *theirs)
{
	struct form t;
	form_init(&t, community_fields, N_COMMUNITY_FIELDS);
	to_form(&t, theirs);
	html(h,
	     "<section class=\"kring-conflict\" aria-labelledby=\"h-conflict\">"
	     "<h2 class=\"utrecht-heading-3\" id=\"h-conflict\">%s</h2>"
	     "<div class=\"kring-table-wrap\"><table class=\"utrecht-table kring-table\">"
	     "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th></tr></thead>"
	     "<tbody class=\"utrecht-table__body\">",
	     T(CONFLICT_FIELDS_TITLE), T(CONFLICT_FIELD), T(CONFLICT_YOURS), T(CONFLICT_SAVED));
	for (size_t i = 0; i + 1 < N_COMMUNITY_FIELDS; i++) {
		const char *name = community_fields[i].name;
		const char *mine = form_value(f, name), *saved = form_value(&t, name);
		if (strcmp(mine, saved) == 0)
			continue;
		html(h,
		     "<tr class=\"utrecht-table__row\"><th class=\"utrecht-table__cell\" "
		     "scope=\"row\">%s</th><td class=\"utrecht-table__cell kring-pre\">%s</td>"
		     "<td class=\"utrecht-table__cell kring-pre\">%s</td></tr>",
		     community_fields[i].label, shown_value(name, mine), shown_value(name, saved));
	}
	html(h, "</tbody></table></div></section>");
}

/* The worksheet's questions beside the form. */
static void guide(struct html *h)
{
	html(h,
	     "<aside class=\"kring-guide\" aria-labelledby=\"h-guide\">"
	     "<h2 class=\"utrecht-heading-3\" id=\"h-guide\">%s</h2>"
	     "<p class=\"utrecht-paragraph\">%s</p><ol class=\"utrecht-ordered-list\">"
	     "<li>%s</li><li>%s</li><li>%s</li><li>%s</li><li>%s</li></ol>"
	     "<p class=\"utrecht-paragraph kring-muted\">%s</p></aside>",
	     T(GUIDE_TITLE), T(GUIDE_INTRO), T(GUIDE_Q1), T(GUIDE_Q2), T(GUIDE_Q3), T(GUIDE_Q4),
	     T(GUIDE_Q5), T(GUIDE_TIP));
}

/*
 * The new/edit page. id 0 is a new community. theirs (may be NULL) is what
 * someone else saved meanwhile; gone says the community was deleted meanwhile.
 */
static void profile_form_page(struct req *r, struct form *f, long long id, long long version,
                              const struct community *theirs, bool gone, unsigned status)
{
	struct html h;
	const char *title = id ? T(EDIT_TITLE) : T(NEW_TITLE);
	const char *name = form_value(f, "name");
	page_begin(r, &h, id && name[0] ? arena_printf(&r->arena, "%s: %s", title, name) : title);
	html(&h,
	     "<nav class=\"kring-crumbs\" aria-label=\"%s\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/communities\">%s</a>",
	     T(CRUMBS_LABEL), r->org_slug, T(PROFILE_BACK));
	if (id)
		html(&h, " › <a class=\"utrecht-link\" href=\"%s\">%s</a>",
		     ui_community_url(r, id, ""),
		     ui_short(&r->arena, theirs ? theirs->name : name, 80));
	html(&h,
	     "</nav><h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     title, id ? T(EDIT_INTRO) : T(NEW_INTRO));
	if (gone)
		page_notice(&h, "error", T(CONFLICT_GONE));
	const char *from = req_query(r, "uit");
	if (id && !theirs && !gone && from && strcmp(from, "scan") == 0)
		page_notice(&h, "ok", T(PROFILE_FROM_SCAN));
	if (theirs) {
		page_notice(&h, "warning", T(CONFLICT_COMMUNITY));
		conflict_table(&h, f, theirs);
	}
	html(&h, "<div class=\"kring-form-with-guide\"><div class=\"kring-form-main\">");
	form_error_summary(&h, f);
	form_begin(&h, r,
	           id ? ui_community_url(r, id, "/edit")
	              : arena_printf(&r->arena, "/o/%s/communities/new", r->org_slug));
	html(&h, "<input type=\"hidden\" name=\"version\" value=\"%lld\">", version);
	html(&h, "<h2 class=\"utrecht-heading-2\">%s</h2>", T(FORM_SECTION_WHO));
	form_field(&h, f, "name");
	form_field(&h, f, "description");
	form_field(&h, f, "why");
	form_field(&h, f, "contact_name");
	form_field(&h, f, "contact_how");
	html(&h,
	     "<h2 class=\"utrecht-heading-2\">%s</h2><p class=\"utrecht-paragraph "
	     "kring-muted\">%s</p>",
	     T(FORM_SECTION_CONNECTED), T(FORM_SECTION_CONNECTED_HINT));
	form_field(&h, f, "geography");
	form_field(&h, f, "identity");
	form_field(&h, f, "affinity");
	html(&h, "<h2 class=\"utrecht-heading-2\">%s</h2>", T(FORM_SECTION_KIND));
	form_field(&h, f, "archetype");
	form_field(&h, f, "bond");
	html(&h, "<h2 class=\"utrecht-heading-2\">%s</h2>", T(FORM_SECTION_STATUS));
	form_field(&h, f, "status");
	form_field(&h, f, "started_on");
	form_end(&h, id ? T(SAVE) : T(CREATE_BUTTON));
	html(&h, "</div>");
	guide(&h);
	html(&h, "</div>");
	page_end(r, &h, status);
}

int page_community_new(struct req *r)
{
	struct form f;
	form_init(&f, community_fields, N_COMMUNITY_FIELDS);
	form_set(&f, "status", "gewenst");
	profile_form_page(r, &f, 0, 0, NULL, false, 200);
	return HANDLER_OK;
}

int page_community_create(struct req *r)
{
	struct form f;
	if (!form_read(r, &f, community_fields, N_COMMUNITY_FIELDS)) {
		profile_form_page(r, &f, 0, 0, NULL, false, 422);
		return HANDLER_OK;
	}
	struct community c = from_form(&f);
	long long id = 0;
	enum save_result rc = community_create(r->db, r->org_id, r->person_id, &c, &id);
	if (rc == SAVE_REFUSED) {
		profile_form_page(r, &f, 0, 0, NULL, false, 422);
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	resp_redirect(r, ui_community_url(r, id, "?klaar=nieuw"));
	return HANDLER_OK;
}

int page_community_edit(struct req *r)
{
	struct community c;
	if (community_get(r->db, &r->arena, r->org_id, r->param_id, &c) != 1)
		return HANDLER_ERROR; /* the route checked it exists */
	struct form f;
	form_init(&f, community_fields, N_COMMUNITY_FIELDS);
	to_form(&f, &c);
	profile_form_page(r, &f, c.id, c.version, NULL, false, 200);
	return HANDLER_OK;
}

int page_community_save(struct req *r)
{
	struct form f;
	bool ok = form_read(r, &f, community_fields, N_COMMUNITY_FIELDS);
	struct community c = from_form(&f);
	c.id = r->param_id;
	if (!ok) {
		profile_form_page(r, &f, c.id, c.version, NULL, false, 422);
		return HANDLER_OK;
	}
	enum save_result rc = community_update(r->db, r->org_id, r->person_id, &c);
	if (rc == SAVE_CONFLICT) {
		struct community theirs;
		if (community_get(r->db, &r->arena, r->org_id, c.id, &theirs) != 1)
			return HANDLER_ERROR;
		/* keep what this person typed; the next save starts from the new version */
		profile_form_page(r, &f, c.id, theirs.version, &theirs, false, 409);
		return HANDLER_OK;
	}
	if (rc == SAVE_NOT_FOUND) { /* deleted meanwhile: show the text so it is not lost */
		profile_form_page(r, &f, c.id, c.version, NULL, true, 409);
		return HANDLER_OK;
	}
	if (rc == SAVE_REFUSED) {
		profile_form_page(r, &f, c.id, c.version, NULL, false, 422);
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	resp_redirect(r, ui_community_url(r, c.id, "?klaar=opgeslagen"));
	return HANDLER_OK;
}

/* ---- delete, after a confirmation step ---- */

int page_community_delete_confirm(struct req *r)
{
	struct community c;
	if (community_get(r->db, &r->arena, r->org_id, r->param_id, &c) != 1)
		return HANDLER_ERROR;
	struct html h;
	page_begin(r, &h, T(DELETE_TITLE));
	html(&h,
	     "<div class=\"kring-narrow\"><nav class=\"kring-crumbs\" aria-label=\"%s\">"
	     "<a class=\"utrecht-link\" href=\"/o/%s/communities\">%s</a> › "
	     "<a class=\"utrecht-link\" href=\"%s\">%s</a></nav>"
	     "<h1 class=\"utrecht-heading-1\">%s</h1>"
	     "<p class=\"utrecht-paragraph kring-lead\">%s</p>"
	     "<p class=\"utrecht-paragraph\">%s</p>",
	     T(CRUMBS_LABEL), r->org_slug, T(PROFILE_BACK), ui_community_url(r, c.id, ""),
	     ui_short(&r->arena, c.name, 80), T(DELETE_TITLE),
	     arena_printf(&r->arena, T(DELETE_QUESTION), ui_short(&r->arena, c.name, 200)),
	     T(DELETE_EXPLAIN));
	page_notice(&h, "warning", T(DELETE_TIP));
	form_begin(&h, r, ui_community_url(r, c.id, "/delete"));
	html(&h,
	     "<p class=\"kring-actions\"><button class=\"utrecht-button "
	     "utrecht-button--secondary-action kring-danger\" type=\"submit\">%s</button>"
	     "<a class=\"utrecht-button utrecht-button--primary-action kring-button-link\" "
	     "href=\"%s\">%s</a></p></form></div>",
	     T(DELETE_CONFIRM), ui_community_url(r, c.id, ""), T(DELETE_CANCEL));
	page_end(r, &h, 200);
	return HANDLER_OK;
}

int page_community_delete(struct req *r)
{
	enum save_result rc = community_delete(r->db, r->org_id, r->person_id, r->param_id);
	if (rc == SAVE_NOT_FOUND) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	resp_redirect(r,
	              arena_printf(&r->arena, "/o/%s/communities?klaar=verwijderd", r->org_slug));
	return HANDLER_OK;
}

/* ---- the blank worksheet to take along ---- */

static void write_lines(struct html *h, int n)
{
	for (int i = 0; i < n; i++)
		html(h, "<span class=\"kring-line\"></span>");
}

int page_community_blank(struct req *r)
{
	struct html h;
	page_begin(r, &h, T(PRINT_TITLE));
	html(&h,
	     "<div class=\"kring-screen-only\"><h1 class=\"utrecht-heading-1\">%s</h1>"
	     "<p class=\"utrecht-paragraph kring-lead\">%s</p>"
	     "<p class=\"utrecht-paragraph\">%s</p>"
	     "<p class=\"kring-actions\"><button class=\"utrecht-button "
	     "utrecht-button--primary-action\" type=\"button\" data-kring-print hidden>%s</button>"
	     "</p></div>",
	     T(PRINT_TITLE), T(PRINT_INTRO), T(PRINT_HOWTO), T(PRINT_BUTTON));

	/* werkblad 2 */
	html(&h,
	     "<section class=\"kring-sheet\" aria-labelledby=\"h-wb2\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-wb2\">%s</h2>"
	     "<p class=\"utrecht-paragraph kring-sheet__sub\">%s</p>"
	     "<p class=\"kring-sheet__q\">%s</p>",
	     T(WB2_HEADING), T(WB2_SUB), T(WB2_Q1));
	write_lines(&h, 1);
	html(&h, "<p class=\"kring-sheet__q\">%s</p>", T(WB2_Q2));
	write_lines(&h, 1);
	html(&h, "<p class=\"kring-sheet__q\">%s</p>", T(WB2_Q3));
	html(&h, "<ul class=\"kring-sheet__boxes\">");
	const char *kinds[] = {T(LABEL_GEOGRAPHY), T(LABEL_IDENTITY), T(LABEL_AFFINITY)};
	for (int i = 0; i < 3; i++)
		html(&h,
		     "<li><span class=\"kring-box\" aria-hidden=\"true\"></span> %s: "
		     "<span class=\"kring-line kring-line--inline\"></span></li>",
		     kinds[i]);
	html(&h,
	     "</ul><p class=\"kring-sheet__q\">%s</p><ul class=\"kring-sheet__boxes "
	     "kring-sheet__boxes--wrap\">",
	     T(WB2_Q4));
	for (int i = 0; community_bonds[i]; i++)
		html(&h, "<li><span class=\"kring-box\" aria-hidden=\"true\"></span> %s</li>",
		     text_nl[TXT_BOND_NAUWELIJKS + i]);
	html(&h,
	     "</ul><p class=\"kring-sheet__q\">%s</p><ul class=\"kring-sheet__boxes "
	     "kring-sheet__boxes--wrap\">",
	     T(WB2_TYPE));
	for (int i = 0; community_archetypes[i]; i++)
		html(&h, "<li><span class=\"kring-box\" aria-hidden=\"true\"></span> %s</li>",
		     text_nl[TXT_ARCHETYPE_SHORT_PRACTICE + i]);
	html(&h,
	     "</ul><p class=\"kring-sheet__q\">%s</p>"
	     "<table class=\"kring-sheet__table\"><thead><tr>"
	     "<th scope=\"col\">%s<br><span class=\"kring-sheet__hint\">%s</span></th>"
	     "<th scope=\"col\">%s<br><span class=\"kring-sheet__hint\">%s</span></th>"
	     "</tr></thead><tbody>",
	     T(WB2_Q5), T(LIST_STRENGTHS), T(LIST_STRENGTHS_HINT), T(LIST_NEEDS),
	     T(LIST_NEEDS_HINT));
	for (int i = 0; i < 7; i++)
		html(&h, "<tr><td>&gt;</td><td>&gt;</td></tr>");
	html(&h,
	     "</tbody></table><p class=\"utrecht-paragraph kring-sheet__note\">%s</p></section>",
	     T(WB2_NOTE));

	/* werkblad 3 */
	html(&h,
	     "<section class=\"kring-sheet kring-sheet--landscape\" aria-labelledby=\"h-wb3\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-wb3\">%s</h2>"
	     "<p class=\"kring-sheet__q\">%s</p>"
	     "<table class=\"kring-sheet__table kring-sheet__table--3\"><thead><tr>"
	     "<th scope=\"col\">%s<br><span class=\"kring-sheet__hint\">%s</span></th>"
	     "<th scope=\"col\">%s<br><span class=\"kring-sheet__hint\">%s</span></th>"
	     "<th scope=\"col\">%s<br><span class=\"kring-sheet__hint\">%s</span></th>"
	     "</tr></thead><tbody>",
	     T(WB3_HEADING), T(WB3_SENTENCE), T(COL_VAN_TITLE), T(COL_VAN_TEXT), T(COL_DOOR_TITLE),
	     T(COL_DOOR_TEXT), T(COL_VOOR_TITLE), T(COL_VOOR_TEXT));
	for (int i = 0; i < 8; i++)
		html(&h, "<tr><td>&gt;</td><td>&gt;</td><td>&gt;</td></tr>");
	html(&h,
	     "<tr class=\"kring-sheet__examples\"><td>%s</td><td>%s</td><td>%s</td></tr>"
	     "</tbody></table></section>",
	     T(COL_VAN_EXAMPLE), T(COL_DOOR_EXAMPLE), T(COL_VOOR_EXAMPLE));
	page_end(r, &h, 200);
	return HANDLER_OK;
}
