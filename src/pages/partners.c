/*
 * partners.c - partners (M5): the list (filter, sort, pages, CSV), a new
 * partner and its form, the partner's page with its communities, partner
 * power (werkblad 4, with werkblad 5's questions beside each field) and
 * conversations, deleting a partner after a confirmation step (refused while
 * conversations name it), and the blank partner-power form to print.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../auth/roles.h"
#include "../core/community.h"
#include "../core/partner.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "pages.h"
#include "partner_ui.h"

#define LIST_PAGE 25

/* ---- the list ---- */

static const char *const sort_names[] = {"naam", "soort", "contact", "bijgewerkt", NULL};

/* The filter from the query string; unknown values are ignored. */
static void read_filter(struct req *r, struct partner_filter *f, const struct community_ref *cs,
                        size_t n_cs)
{
	memset(f, 0, sizeof(*f));
	const char *v = req_query(r, "soort");
	f->kind = vocab_index(partner_kinds, v) >= 0 ? v : "";
	v = req_query(r, "community");
	long long c = v ? atoll(v) : 0;
	for (size_t i = 0; i < n_cs; i++)
		if (cs[i].id == c)
			f->community = c; /* only a community of this organisation */
	int s = vocab_index(sort_names, req_query(r, "sorteer"));
	f->sort = s < 0 ? PSORT_NAME : (enum partner_sort)s;
}

static const char *filter_query(struct req *r, const struct partner_filter *f)
{
	struct buf b;
	buf_init(&b, &r->arena);
	if (f->kind[0])
		buf_printf(&b, "&soort=%s", url_encode(&r->arena, f->kind));
	if (f->community)
		buf_printf(&b, "&community=%lld", f->community);
	if (f->sort != PSORT_NAME)
		buf_printf(&b, "&sorteer=%s", sort_names[f->sort]);
	const char *s = buf_str(&b);
	return s[0] == '&' ? s + 1 : s;
}

static void select_open(struct html *h, const char *name, const char *label)
{
	html(h,
	     "<div class=\"kring-filter\"><label class=\"utrecht-form-label\" for=\"filter-%s\">%s"
	     "</label><select class=\"utrecht-select\" id=\"filter-%s\" name=\"%s\">",
	     name, label, name, name);
}

static void filter_form(struct req *r, struct html *h, const struct partner_filter *f,
                        const struct community_ref *cs, size_t n_cs)
{
	html(h,
	     "<form class=\"kring-filters\" method=\"get\" action=\"/o/%s/partners\" "
	     "aria-labelledby=\"h-filter\"><h2 class=\"kring-sr\" id=\"h-filter\">%s</h2>",
	     r->org_slug, T(COMMUNITIES_FILTER_TITLE));
	select_open(h, "soort", T(PFILTER_KIND));
	html(h, "<option value=\"\">%s</option>", T(FILTER_ALL));
	for (int i = 0; partner_kinds[i]; i++)
		html(h, "<option value=\"%s\"%s>%s</option>", partner_kinds[i],
		     strcmp(partner_kinds[i], f->kind) == 0 ? " selected" : "",
		     text_nl[TXT_PARTNER_KIND_VERENIGING + i]);
	html(h, "</select></div>");
	select_open(h, "community", T(PFILTER_COMMUNITY));
	html(h, "<option value=\"\">%s</option>", T(FILTER_ALL));
	for (size_t i = 0; i < n_cs; i++)
		html(h, "<option value=\"%lld\"%s>%s</option>", cs[i].id,
		     cs[i].id == f->community ? " selected" : "",
		     ui_short(&r->arena, cs[i].name, 60));
	html(h, "</select></div>");
	select_open(h, "sorteer", T(FILTER_SORT));
	for (int i = 0; sort_names[i]; i++)
		html(h, "<option value=\"%s\"%s>%s</option>", sort_names[i],
		     (int)f->sort == i ? " selected" : "", text_nl[TXT_PSORT_NAME + i]);
	html(
	    h,
	    "</select></div><div class=\"kring-filter kring-filter--buttons\"><button "
	    "class=\"utrecht-button utrecht-button--secondary-action\" type=\"submit\">%s</button>",
	    T(FILTER_APPLY));
	if (filter_query(r, f)[0])
		html(h, " <a class=\"utrecht-link\" href=\"/o/%s/partners\">%s</a>", r->org_slug,
		     T(FILTER_RESET));
	html(h, "</div></form>");
}

int page_partners(struct req *r)
{
	struct community_ref *cs;
	size_t n_cs;
	if (partner_community_choices(r->db, &r->arena, r->org_id, &cs, &n_cs) != 0)
		return HANDLER_ERROR;
	struct partner_filter f;
	read_filter(r, &f, cs, n_cs);
	long long page = 1;
	const char *p = req_query(r, "pagina");
	if (p) {
		page = atoll(p);
		if (page < 1 || page > 100000)
			page = 1;
	}
	const char *today = partner_today(&r->arena);
	struct partner_row *rows;
	size_t n;
	long long total;
	if (partner_list(r->db, &r->arena, r->org_id, &f, today, LIST_PAGE, (page - 1) * LIST_PAGE,
	                 &rows, &n, &total) != 0)
		return HANDLER_ERROR;
	bool staff = (r->role & ROLES_STAFF) != 0;
	const char *q = filter_query(r, &f);

	struct html h;
	page_begin(r, &h, T(PARTNERS_TITLE));
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     T(PARTNERS_TITLE), T(PARTNERS_INTRO));
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "verwijderd") == 0)
		page_notice(&h, "ok", T(PARTNER_DELETED));
	html(&h, "<p class=\"kring-toolbar\">");
	if (staff)
		html(&h,
		     "<a class=\"utrecht-button utrecht-button--primary-action kring-button-link\" "
		     "href=\"/o/%s/partners/new\">%s</a>",
		     r->org_slug, T(PARTNERS_NEW));
	html(&h,
	     "<a class=\"utrecht-link\" href=\"/o/%s/conversations\">%s</a>"
	     "<a class=\"utrecht-link\" href=\"/o/%s/partners/print\">%s</a>"
	     "<a class=\"utrecht-link\" href=\"/o/%s/partners.csv%s%s\" download>%s</a></p>",
	     r->org_slug, T(PARTNERS_TALKS_LINK), r->org_slug, T(PARTNERS_PRINT_BLANK), r->org_slug,
	     q[0] ? "?" : "", q, T(PARTNERS_CSV));

	bool any_filter = f.kind[0] || f.community;
	if (total > 0 || any_filter)
		filter_form(r, &h, &f, cs, n_cs);
	if (n == 0) {
		html(&h, "<p class=\"utrecht-paragraph kring-empty\">%s</p>",
		     any_filter ? T(PARTNERS_NONE_FILTER) : T(PARTNERS_NONE));
	} else {
		html(
		    &h,
		    "<div class=\"kring-table-wrap\"><table class=\"utrecht-table kring-table "
		    "kring-table--partners\"><caption class=\"utrecht-table__caption\">%s</caption>"
		    "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
		    "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		    "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		    "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		    "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		    "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
		    "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th></tr></thead>"
		    "<tbody class=\"utrecht-table__body\">",
		    arena_printf(&r->arena, T(PARTNERS_CAPTION), total), T(COL_NAME), T(PCOL_KIND),
		    T(PCOL_COMMUNITIES), T(PCOL_LAST), T(PCOL_NEXT), T(PCOL_ACTIONS));
		for (size_t i = 0; i < n; i++) {
			struct community_ref *pc;
			size_t n_pc;
			if (partner_communities(r->db, &r->arena, r->org_id, rows[i].id, &pc,
			                        &n_pc) != 0)
				return HANDLER_ERROR;
			html(&h,
			     "<tr class=\"utrecht-table__row\"><th class=\"utrecht-table__cell\" "
			     "scope=\"row\"><a class=\"utrecht-link kring-strong-link\" "
			     "href=\"%s\">%s</a>",
			     ui_partner_url(r, rows[i].id, ""),
			     ui_short(&r->arena, rows[i].name, 120));
			if (rows[i].part_of[0])
				html(&h, "<br><span class=\"kring-muted kring-small\">%s</span>",
				     ui_short(&r->arena, rows[i].part_of, 80));
			html(&h, "</th><td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td>",
			     T(PCOL_KIND), ui_partner_kind_label(rows[i].kind));
			html(&h, "<td class=\"utrecht-table__cell\" data-label=\"%s\">",
			     T(PCOL_COMMUNITIES));
			if (n_pc == 0)
				html(&h, "<span class=\"kring-muted\">–</span>");
			else {
				html(&h, "<ul class=\"kring-plain-list\">");
				for (size_t k = 0; k < n_pc; k++)
					html(&h, "<li>%s</li>",
					     ui_short(&r->arena, pc[k].name, 60));
				html(&h, "</ul>");
			}
			html(&h, "</td><td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td>",
			     T(PCOL_LAST),
			     rows[i].last_contact[0] ? ui_date(&r->arena, rows[i].last_contact)
			                             : T(PARTNER_NEVER_MET));
			html(&h, "<td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td>",
			     T(PCOL_NEXT),
			     rows[i].next_contact[0] ? ui_date(&r->arena, rows[i].next_contact)
			                             : "–");
			html(&h, "<td class=\"utrecht-table__cell\" data-label=\"%s\">",
			     T(PCOL_ACTIONS));
			if (rows[i].n_open_actions == 0)
				html(&h, "<span class=\"kring-muted\">%s</span>",
				     T(PARTNER_NO_OPEN));
			else
				html(&h, "%s",
				     arena_printf(&r->arena, T(PARTNER_N_OPEN),
				                  rows[i].n_open_actions));
			if (rows[i].n_overdue > 0)
				html(&h, " <span class=\"kring-badge kring-badge--late\">%s</span>",
				     arena_printf(&r->arena, T(PARTNER_N_LATE), rows[i].n_overdue));
			html(&h, "</td></tr>");
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

int page_partners_csv(struct req *r)
{
	struct community_ref *cs;
	size_t n_cs;
	if (partner_community_choices(r->db, &r->arena, r->org_id, &cs, &n_cs) != 0)
		return HANDLER_ERROR;
	struct partner_filter f;
	read_filter(r, &f, cs, n_cs);
	const char *today = partner_today(&r->arena);
	struct buf out;
	buf_init(&out, &r->arena);
	if (partner_export_csv(r->db, &r->arena, r->org_id, &f, today, &out) != 0)
		return HANDLER_ERROR;
	r->status = 200;
	r->content_type = "text/csv; charset=utf-8";
	r->resp = out;
	resp_header(r, "Content-Disposition",
	            arena_printf(&r->arena, "attachment; filename=\"partners-%s-%s.csv\"",
	                         r->org_slug, today));
	return HANDLER_OK;
}

/* ---- the partner form ---- */

#define N_PARTNER_FIELDS 7

static void partner_specs(struct field_spec *s)
{
	s[0] = (struct field_spec){.name = "name",
	                           .label = T(PF_NAME),
	                           .hint = T(PF_NAME_HINT),
	                           .kind = FIELD_TEXT,
	                           .required = true,
	                           .max_len = 200,
	                           .autocomplete = "off"};
	s[1] = (struct field_spec){.name = "kind",
	                           .label = T(PF_KIND),
	                           .hint = T(PF_KIND_HINT),
	                           .kind = FIELD_SELECT,
	                           .required = true,
	                           .options = partner_kinds,
	                           .option_labels = &text_nl[TXT_PARTNER_KIND_VERENIGING]};
	s[2] = (struct field_spec){.name = "part_of",
	                           .label = T(PF_PART_OF),
	                           .hint = T(PF_PART_OF_HINT),
	                           .kind = FIELD_TEXT,
	                           .max_len = 200,
	                           .autocomplete = "off"};
	s[3] = (struct field_spec){.name = "description",
	                           .label = T(PF_DESCRIPTION),
	                           .hint = T(PF_DESCRIPTION_HINT),
	                           .kind = FIELD_TEXTAREA,
	                           .max_len = 100000,
	                           .rows = 4};
	s[4] = (struct field_spec){.name = "contact_name",
	                           .label = T(PF_CONTACT),
	                           .hint = T(PF_CONTACT_HINT),
	                           .kind = FIELD_TEXT,
	                           .max_len = 200,
	                           .autocomplete = "off"};
	s[5] = (struct field_spec){.name = "contact_how",
	                           .label = T(PF_CONTACT_HOW),
	                           .hint = T(PF_CONTACT_HOW_HINT),
	                           .kind = FIELD_TEXT,
	                           .max_len = 500,
	                           .autocomplete = "off"};
	s[6] = (struct field_spec){
	    .name = "version", .label = "versie", .kind = FIELD_TEXT, .max_len = 20};
}

static struct partner partner_from_form(const struct form *f)
{
	struct partner p = {0};
	p.name = form_value(f, "name");
	p.kind = form_value(f, "kind");
	p.part_of = form_value(f, "part_of");
	p.description = form_value(f, "description");
	p.contact_name = form_value(f, "contact_name");
	p.contact_how = form_value(f, "contact_how");
	p.version = atoll(form_value(f, "version"));
	return p;
}

static void partner_to_form(struct form *f, const struct partner *p)
{
	form_set(f, "name", p->name);
	form_set(f, "kind", p->kind);
	form_set(f, "part_of", p->part_of);
	form_set(f, "description", p->description);
	form_set(f, "contact_name", p->contact_name);
	form_set(f, "contact_how", p->contact_how);
}

/* Every value of form field name that is a positive id, up to max. */
static size_t form_ids(struct req *r, const char *name, long long *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < r->form.n_items && n < max; i++)
		if (strcmp(r->form.items[i].name, name) == 0) {
			long long v = atoll(r->form.items[i].value);
			if (v > 0)
				out[n++] = v;
		}
	return n;
}

#define MAX_LINKS 200

/*
 * The new/edit page. id 0 is a new partner (with community check boxes,
 * checked as in `checked`); theirs (may be NULL) is what someone else saved
 * meanwhile; gone says the partner was deleted meanwhile.
 */
static int partner_form_page(struct req *r, struct form *f, long long id, long long version,
                             const struct partner *theirs, bool gone, const long long *checked,
                             size_t n_checked, const char *links_error, unsigned status)
{
	struct html h;
	const char *title = id ? T(PEDIT_TITLE) : T(PNEW_TITLE);
	const char *name = form_value(f, "name");
	page_begin(r, &h,
	           id && name[0]
	               ? arena_printf(&r->arena, "%s: %s", title, ui_short(&r->arena, name, 80))
	               : title);
	html(&h,
	     "<nav class=\"kring-crumbs\" aria-label=\"%s\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/partners\">%s</a>",
	     T(CRUMBS_LABEL), r->org_slug, T(PARTNER_BACK));
	if (id && !gone)
		html(&h, " › <a class=\"utrecht-link\" href=\"%s\">%s</a>",
		     ui_partner_url(r, id, ""),
		     ui_short(&r->arena, theirs ? theirs->name : name, 80));
	html(&h,
	     "</nav><h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     title, id ? T(PEDIT_INTRO) : T(PNEW_INTRO));
	if (gone)
		page_notice(&h, "error", T(PARTNER_GONE));
	if (theirs) {
		struct field_spec specs[N_PARTNER_FIELDS];
		partner_specs(specs);
		struct form t;
		form_init(&t, specs, N_PARTNER_FIELDS);
		partner_to_form(&t, theirs);
		page_notice(&h, "warning", T(PARTNER_CONFLICT));
		ui_conflict_table(&h, f, &t);
	}
	html(&h, "<div class=\"kring-form-with-guide\"><div class=\"kring-form-main\">");
	form_error_summary(&h, f);
	if (links_error)
		page_notice(&h, "error", links_error);
	form_begin(&h, r,
	           id ? ui_partner_url(r, id, "/edit")
	              : arena_printf(&r->arena, "/o/%s/partners/new", r->org_slug));
	html(&h, "<input type=\"hidden\" name=\"version\" value=\"%lld\">", version);
	form_field(&h, f, "name");
	form_field(&h, f, "kind");
	form_field(&h, f, "part_of");
	form_field(&h, f, "description");
	form_field(&h, f, "contact_name");
	form_field(&h, f, "contact_how");
	if (id == 0) {
		struct community_ref *cs;
		size_t n_cs;
		if (partner_community_choices(r->db, &r->arena, r->org_id, &cs, &n_cs) != 0)
			return HANDLER_ERROR;
		if (n_cs > 0) {
			html(&h,
			     "<div class=\"utrecht-form-field kring-field\"><fieldset "
			     "class=\"utrecht-form-fieldset kring-fieldset\" "
			     "aria-describedby=\"f-communities-hint\"><legend "
			     "class=\"utrecht-form-label "
			     "kring-legend\">%s <span class=\"kring-optional\">%s</span></legend>"
			     "<p class=\"utrecht-form-field-description\" "
			     "id=\"f-communities-hint\">%s"
			     "</p><div class=\"kring-options kring-options--columns\">",
			     T(PF_COMMUNITIES), T(FORM_OPTIONAL), T(PF_COMMUNITIES_HINT));
			for (size_t i = 0; i < n_cs; i++) {
				bool on = false;
				for (size_t k = 0; k < n_checked; k++)
					on |= checked[k] == cs[i].id;
				html(&h,
				     "<div class=\"kring-option\"><input class=\"utrecht-checkbox "
				     "utrecht-checkbox--html-input\" "
				     "type=\"checkbox\" id=\"f-community-%lld\" name=\"community\" "
				     "value=\"%lld\"%s><label class=\"kring-option__label\" "
				     "for=\"f-community-%lld\">%s</label></div>",
				     cs[i].id, cs[i].id, on ? " checked" : "", cs[i].id,
				     ui_short(&r->arena, cs[i].name, 100));
			}
			html(&h, "</div></fieldset></div>");
		}
	}
	form_end(&h, id ? T(SAVE) : T(PCREATE_BUTTON));
	html(&h,
	     "</div><aside class=\"kring-guide\" aria-labelledby=\"h-guide\">"
	     "<h2 class=\"utrecht-heading-3\" id=\"h-guide\">%s</h2>"
	     "<p class=\"utrecht-paragraph\">%s</p><p class=\"utrecht-paragraph\">%s</p>"
	     "<p class=\"utrecht-paragraph kring-muted\">%s</p></aside></div>",
	     T(PGUIDE_TITLE), T(PGUIDE_1), T(PGUIDE_2), T(PGUIDE_3));
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_partner_new(struct req *r)
{
	struct field_spec specs[N_PARTNER_FIELDS];
	partner_specs(specs);
	struct form f;
	form_init(&f, specs, N_PARTNER_FIELDS);
	/* from a community's page: that community is ticked already */
	const char *c = req_query(r, "community");
	long long checked = c ? atoll(c) : 0;
	return partner_form_page(r, &f, 0, 0, NULL, false, &checked, checked > 0 ? 1 : 0, NULL,
	                         200);
}

int page_partner_create(struct req *r)
{
	struct field_spec specs[N_PARTNER_FIELDS];
	partner_specs(specs);
	struct form f;
	long long links[MAX_LINKS];
	size_t n_links = form_ids(r, "community", links, MAX_LINKS);
	if (!form_read(r, &f, specs, N_PARTNER_FIELDS))
		return partner_form_page(r, &f, 0, 0, NULL, false, links, n_links, NULL, 422);
	struct partner p = partner_from_form(&f);
	long long id = 0;
	enum save_result rc =
	    partner_create(r->db, r->org_id, r->person_id, &p, links, n_links, &id);
	if (rc == SAVE_NOT_FOUND) /* a community id of another organisation */
		return partner_form_page(r, &f, 0, 0, NULL, false, NULL, 0, T(PF_COMMUNITIES_BAD),
		                         422);
	if (rc == SAVE_REFUSED)
		return partner_form_page(r, &f, 0, 0, NULL, false, links, n_links, NULL, 422);
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	resp_redirect(r, ui_partner_url(r, id, "?klaar=nieuw"));
	return HANDLER_OK;
}

int page_partner_edit(struct req *r)
{
	struct partner p;
	int found = partner_get(r->db, &r->arena, r->org_id, r->param_id, &p);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	struct field_spec specs[N_PARTNER_FIELDS];
	partner_specs(specs);
	struct form f;
	form_init(&f, specs, N_PARTNER_FIELDS);
	partner_to_form(&f, &p);
	return partner_form_page(r, &f, p.id, p.version, NULL, false, NULL, 0, NULL, 200);
}

int page_partner_save(struct req *r)
{
	struct field_spec specs[N_PARTNER_FIELDS];
	partner_specs(specs);
	struct form f;
	bool ok = form_read(r, &f, specs, N_PARTNER_FIELDS);
	struct partner p = partner_from_form(&f);
	p.id = r->param_id;
	struct partner now;
	int found = partner_get(r->db, &r->arena, r->org_id, p.id, &now);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0) {
		/* another org's id is simply not found; a deleted one keeps the text in view */
		if (form_value(&f, "name")[0] == '\0') {
			resp_error(r, 404);
			return HANDLER_OK;
		}
		return partner_form_page(r, &f, p.id, p.version, NULL, true, NULL, 0, NULL, 404);
	}
	if (!ok)
		return partner_form_page(r, &f, p.id, p.version, NULL, false, NULL, 0, NULL, 422);
	enum save_result rc = partner_update(r->db, r->org_id, r->person_id, &p);
	if (rc == SAVE_CONFLICT) {
		if (partner_get(r->db, &r->arena, r->org_id, p.id, &now) != 1)
			return HANDLER_ERROR;
		/* keep what this person typed; the next save starts from the new version */
		return partner_form_page(r, &f, p.id, now.version, &now, false, NULL, 0, NULL, 409);
	}
	if (rc == SAVE_NOT_FOUND)
		return partner_form_page(r, &f, p.id, p.version, NULL, true, NULL, 0, NULL, 404);
	if (rc == SAVE_REFUSED)
		return partner_form_page(r, &f, p.id, p.version, NULL, false, NULL, 0, NULL, 422);
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	resp_redirect(r, ui_partner_url(r, p.id, "?klaar=opgeslagen"));
	return HANDLER_OK;
}

/* ---- the partner's page ---- */

/* A fact: label and text, or "nog niet ingevuld". */
static void fact(struct html *h, const char *label, const char *value)
{
	html(h, "<div class=\"kring-fact\"><dt>%s</dt>", label);
	if (value && value[0])
		html(h, "<dd class=\"kring-pre\">%s</dd></div>", value);
	else
		html(h, "<dd class=\"kring-muted\">%s</dd></div>", T(EMPTY_VALUE));
}

/* The five fields of werkblad 4, in its order. */
struct power_part {
	const char *name;           /* form field */
	int label, hint, questions; /* texts */
	int n_questions;
};

static const struct power_part power_parts[] = {
    {"challenges", TXT_POWER_CHALLENGES, TXT_POWER_CHALLENGES_HINT, TXT_Q_CHALLENGES_1, 4},
    {"core_values", TXT_POWER_VALUES, TXT_POWER_VALUES_HINT, TXT_Q_VALUES_1, 2},
    {"goals", TXT_POWER_GOALS, TXT_POWER_GOALS_HINT, TXT_Q_GOALS_1, 4},
    {"commitments", TXT_POWER_COMMITMENTS, TXT_POWER_COMMITMENTS_HINT, TXT_Q_COMMITMENTS_1, 3},
    {"success", TXT_POWER_SUCCESS, TXT_POWER_SUCCESS_HINT, TXT_Q_SUCCESS_1, 3},
};
#define N_POWER_PARTS 5

static const char *power_value(const struct partner_power *p, size_t i)
{
	const char *v[] = {p->challenges, p->core_values, p->goals, p->commitments, p->success};
	return v[i];
}

/* One record as werkblad 4 lays it out: four boxes and success below. */
static void power_boxes(struct req *r, struct html *h, const struct partner_power *p)
{
	(void)r;
	html(h, "<dl class=\"kring-power\">");
	for (size_t i = 0; i < N_POWER_PARTS; i++) {
		const char *v = power_value(p, i);
		html(h, "<div class=\"kring-power__box%s\"><dt>%s</dt>",
		     i == 4 ? " kring-power__box--wide" : "", text_nl[power_parts[i].label]);
		if (v[0])
			html(h, "<dd class=\"kring-pre\">%s</dd></div>", v);
		else
			html(h, "<dd class=\"kring-muted\">%s</dd></div>", T(EMPTY_VALUE));
	}
	html(h, "</dl>");
}

static void power_section(struct req *r, struct html *h, const struct partner *p, bool staff)
{
	struct partner_power *pw;
	size_t n;
	if (power_list(r->db, &r->arena, r->org_id, p->id, &pw, &n) != 0)
		n = 0;
	html(h,
	     "<section class=\"kring-card\" id=\"partner-power\" aria-labelledby=\"h-power\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-power\" tabindex=\"-1\">%s</h2>"
	     "<p class=\"utrecht-paragraph kring-small kring-muted\">%s</p>",
	     T(POWER_TITLE), T(POWER_INTRO));
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "power-nieuw") == 0)
		page_notice(h, "ok", T(POWER_CREATED));
	else if (done && strcmp(done, "power-opgeslagen") == 0)
		page_notice(h, "ok", T(POWER_SAVED));
	else if (done && strcmp(done, "power-weg") == 0)
		page_notice(h, "ok", T(POWER_DELETED));
	html(h, "<p class=\"kring-toolbar\">");
	if (staff)
		html(h,
		     "<a class=\"utrecht-button utrecht-button--primary-action kring-button-link\" "
		     "href=\"%s\">%s</a>",
		     ui_partner_url(r, p->id, "/power/new"), T(POWER_NEW));
	html(h, "<a class=\"utrecht-link\" href=\"/o/%s/partners/print?partner=%lld\">%s</a></p>",
	     r->org_slug, p->id, T(POWER_PRINT_FOR));
	if (n == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-empty\">%s</p>", T(POWER_NONE));
	} else {
		html(h, "<h3 class=\"utrecht-heading-3\">%s</h3>",
		     arena_printf(&r->arena, T(POWER_OF_DATE), ui_date(&r->arena, pw[0].met_on)));
		if (pw[0].who[0])
			html(h, "<p class=\"utrecht-paragraph kring-small kring-muted\">%s</p>",
			     arena_printf(&r->arena, T(POWER_WRITTEN_BY), pw[0].who));
		power_boxes(r, h, &pw[0]);
		if (staff)
			html(h,
			     "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
			     "href=\"%s\">%s</a></p>",
			     ui_partner_url(r, p->id,
			                    arena_printf(&r->arena, "/power/%lld", pw[0].id)),
			     arena_printf(&r->arena, T(POWER_EDIT_OF),
			                  ui_date(&r->arena, pw[0].met_on)));
		if (n > 1) {
			html(h, "<h3 class=\"utrecht-heading-3\">%s</h3>", T(POWER_EARLIER));
			for (size_t i = 1; i < n; i++) {
				html(h,
				     "<details class=\"kring-details "
				     "kring-power-earlier\"><summary>%s</summary>",
				     arena_printf(&r->arena, T(POWER_OF_DATE),
				                  ui_date(&r->arena, pw[i].met_on)));
				power_boxes(r, h, &pw[i]);
				if (staff)
					html(h,
					     "<p class=\"utrecht-paragraph\"><a "
					     "class=\"utrecht-link\" "
					     "href=\"%s\">%s</a></p>",
					     ui_partner_url(
					         r, p->id,
					         arena_printf(&r->arena, "/power/%lld", pw[i].id)),
					     arena_printf(&r->arena, T(POWER_EDIT_OF),
					                  ui_date(&r->arena, pw[i].met_on)));
				html(h, "</details>");
			}
		}
	}
	html(h, "</section>");
}

static void communities_section(struct req *r, struct html *h, const struct partner *p, bool staff)
{
	struct community_ref *cs, *all;
	size_t n, n_all;
	if (partner_communities(r->db, &r->arena, r->org_id, p->id, &cs, &n) != 0)
		n = 0;
	html(h,
	     "<section class=\"kring-card\" id=\"communities\" aria-labelledby=\"h-communities\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-communities\" tabindex=\"-1\">%s</h2>"
	     "<p class=\"utrecht-paragraph kring-small kring-muted\">%s</p>",
	     T(PCOMMUNITIES_TITLE), T(PCOMMUNITIES_INTRO));
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "gekoppeld") == 0)
		page_notice(h, "ok", T(PARTNER_LINKED));
	else if (done && strcmp(done, "ontkoppeld") == 0)
		page_notice(h, "ok", T(PARTNER_UNLINKED));
	if (n == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(PCOMMUNITIES_NONE));
	} else {
		html(h, "<ul class=\"kring-people\">");
		for (size_t i = 0; i < n; i++) {
			html(h, "<li><a class=\"utrecht-link\" href=\"%s\">%s</a> ",
			     ui_community_url(r, cs[i].id, ""),
			     ui_short(&r->arena, cs[i].name, 100));
			ui_status_badge(h, cs[i].status);
			if (staff) {
				ui_form(h, r,
				        ui_partner_url(r, p->id,
				                       arena_printf(&r->arena, "/links/%lld/remove",
				                                    cs[i].id)),
				        "kring-tool-form");
				html(h,
				     "<button class=\"kring-tool\" type=\"submit\">%s<span "
				     "class=\"kring-sr\">: %s</span></button></form>",
				     T(STAFF_REMOVE), ui_short(&r->arena, cs[i].name, 60));
			}
			html(h, "</li>");
		}
		html(h, "</ul>");
	}
	if (staff && partner_community_choices(r->db, &r->arena, r->org_id, &all, &n_all) == 0) {
		size_t n_free = 0;
		for (size_t i = 0; i < n_all; i++) {
			bool linked = false;
			for (size_t k = 0; k < n; k++)
				linked |= cs[k].id == all[i].id;
			if (!linked)
				all[n_free++] = all[i];
		}
		if (n_free > 0) {
			ui_form(h, r, ui_partner_url(r, p->id, "/links"), "kring-add");
			html(h,
			     "<div class=\"kring-add__field\"><label class=\"utrecht-form-label\" "
			     "for=\"koppel-community\">%s</label><select class=\"utrecht-select\" "
			     "id=\"koppel-community\" name=\"community\">",
			     T(PCOMMUNITIES_ADD_LABEL));
			for (size_t i = 0; i < n_free; i++)
				html(h, "<option value=\"%lld\">%s</option>", all[i].id,
				     ui_short(&r->arena, all[i].name, 80));
			html(
			    h,
			    "</select></div><button class=\"utrecht-button "
			    "utrecht-button--secondary-action\" type=\"submit\">%s</button></form>",
			    T(PCOMMUNITIES_ADD));
		}
	}
	html(h, "</section>");
}

static void talks_section(struct req *r, struct html *h, const struct partner *p, bool staff)
{
	struct conversation_filter f = {.kind = "", .partner = p->id};
	struct conversation *cv;
	size_t n;
	long long total;
	if (conversation_list(r->db, &r->arena, r->org_id, &f, 20, 0, &cv, &n, &total) != 0)
		n = 0;
	struct action_point *ap;
	size_t n_ap;
	if (action_open_list(r->db, &r->arena, r->org_id, p->id, 0, &ap, &n_ap) != 0)
		n_ap = 0;
	const char *today = partner_today(&r->arena);
	html(h,
	     "<section class=\"kring-card\" id=\"gesprekken\" aria-labelledby=\"h-gesprekken\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-gesprekken\">%s</h2><p "
	     "class=\"kring-toolbar\">",
	     T(PTALKS_TITLE));
	if (staff)
		html(h,
		     "<a class=\"utrecht-button utrecht-button--secondary-action kring-button-link "
		     "kring-button-small\" href=\"/o/%s/conversations/new?partner=%lld\">%s</a>",
		     r->org_slug, p->id, T(TALK_NEW));
	html(h,
	     "<a class=\"utrecht-link\" "
	     "href=\"/o/%s/conversations/prepare?partner=%lld\">%s</a></p>",
	     r->org_slug, p->id, T(TALK_PREPARE));
	if (n == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(PTALKS_NONE));
	} else {
		html(h, "<ol class=\"kring-talks\">");
		for (size_t i = 0; i < n; i++) {
			html(h,
			     "<li><span class=\"kring-talks__date\">%s</span> <a "
			     "class=\"utrecht-link\" "
			     "href=\"%s\">%s</a> ",
			     ui_date(&r->arena, cv[i].held_on),
			     ui_conversation_url(r, cv[i].id, ""),
			     ui_short(&r->arena, cv[i].subject, 100));
			ui_conversation_badge(h, cv[i].kind);
			if (cv[i].next_on[0] && strcmp(cv[i].next_on, today) >= 0)
				html(h, "<br><span class=\"kring-small\">%s</span>",
				     arena_printf(&r->arena, T(TALK_NEXT_ON),
				                  ui_date(&r->arena, cv[i].next_on)));
			html(h, "</li>");
		}
		html(h, "</ol>");
	}
	html(h, "<h3 class=\"utrecht-heading-3\">%s</h3>", T(PACTIONS_TITLE));
	if (n_ap == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(PACTIONS_NONE));
	} else {
		html(h, "<ul class=\"kring-actions-list\">");
		for (size_t i = 0; i < n_ap; i++) {
			html(h, "<li class=\"kring-ap\">");
			if (staff)
				ui_action_toggle(r, h, &ap[i], "partner");
			html(h,
			     "<span class=\"kring-ap__text\">%s</span> <span "
			     "class=\"kring-ap__meta\">",
			     ap[i].text);
			if (ap[i].owner_name[0])
				html(h, "%s · ", ap[i].owner_name);
			ui_due(r, h, ap[i].due_on, false, today);
			html(h, "</span></li>");
		}
		html(h, "</ul>");
	}
	html(h, "</section>");
}

int page_partner(struct req *r)
{
	struct partner p;
	int found = partner_get(r->db, &r->arena, r->org_id, r->param_id, &p);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	bool staff = (r->role & ROLES_STAFF) != 0;
	struct html h;
	page_begin(r, &h, ui_short(&r->arena, p.name, 80));
	html(&h,
	     "<nav class=\"kring-crumbs\" aria-label=\"%s\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/partners\">%s</a></nav>"
	     "<div class=\"kring-profile-head\"><div><h1 class=\"utrecht-heading-1\">%s</h1>"
	     "<p class=\"kring-profile-head__meta\"><span class=\"kring-chip\">%s</span>",
	     T(CRUMBS_LABEL), r->org_slug, T(PARTNER_BACK), p.name, ui_partner_kind_label(p.kind));
	if (p.part_of[0])
		html(&h, " <span class=\"kring-muted\">%s</span>",
		     arena_printf(&r->arena, T(PARTNER_PART_OF), p.part_of));
	html(&h, "</p></div><p class=\"kring-toolbar kring-profile-head__tools\">");
	if (staff)
		html(&h,
		     "<a class=\"utrecht-button utrecht-button--primary-action kring-button-link\" "
		     "href=\"%s\">%s</a>",
		     ui_partner_url(r, p.id, "/edit"), T(PARTNER_EDIT));
	if (staff)
		html(&h, "<a class=\"utrecht-link kring-danger-link\" href=\"%s\">%s</a>",
		     ui_partner_url(r, p.id, "/delete"), T(PROFILE_DELETE));
	html(&h, "</p></div>");
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "nieuw") == 0)
		page_notice(&h, "ok", T(PARTNER_CREATED));
	else if (done && strcmp(done, "opgeslagen") == 0)
		page_notice(&h, "ok", T(PARTNER_SAVED));

	html(&h, "<div class=\"kring-profile\"><div class=\"kring-profile__main\">");
	html(&h,
	     "<section class=\"kring-card kring-about\" aria-labelledby=\"h-over\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-over\">%s</h2><dl class=\"kring-facts\">",
	     T(PARTNER_ABOUT));
	fact(&h, T(PF_DESCRIPTION), p.description);
	html(&h, "</dl><dl class=\"kring-facts kring-facts--two\">");
	fact(&h, T(PF_CONTACT), p.contact_name);
	fact(&h, T(PF_CONTACT_HOW), p.contact_how);
	html(&h, "</dl></section>");
	power_section(r, &h, &p, staff);
	html(&h, "</div><div class=\"kring-profile__side\">");
	communities_section(r, &h, &p, staff);
	talks_section(r, &h, &p, staff);
	html(&h, "</div></div>");
	page_end(r, &h, 200);
	return HANDLER_OK;
}

/* ---- communities ---- */

int page_partner_link(struct req *r)
{
	const char *c = req_form(r, "community");
	long long cid = c ? atoll(c) : 0;
	/* a community id of another organisation is simply not found */
	enum save_result rc = partner_link(r->db, r->org_id, r->person_id, r->param_id, cid);
	if (rc == SAVE_NOT_FOUND) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	resp_redirect(r, ui_partner_url(r, r->param_id, "?klaar=gekoppeld#communities"));
	return HANDLER_OK;
}

int page_partner_unlink(struct req *r)
{
	enum save_result rc =
	    partner_unlink(r->db, r->org_id, r->person_id, r->param_id, r->param_id2);
	if (rc == SAVE_NOT_FOUND) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	resp_redirect(r, ui_partner_url(r, r->param_id, "?klaar=ontkoppeld#communities"));
	return HANDLER_OK;
}

int page_community_partner_link(struct req *r)
{
	const char *p = req_form(r, "partner");
	long long pid = p ? atoll(p) : 0;
	/* the route checked the community; a partner of another organisation is not found */
	enum save_result rc = partner_link(r->db, r->org_id, r->person_id, pid, r->param_id);
	if (rc == SAVE_NOT_FOUND) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	resp_redirect(r, ui_community_url(r, r->param_id, "?klaar=partner-gekoppeld#partners"));
	return HANDLER_OK;
}

/* ---- delete, after a confirmation step ---- */

/* The confirmation page, or the explanation why it cannot be deleted yet. */
static int delete_page(struct req *r, const struct partner *p, unsigned status)
{
	long long talks = partner_conversation_count(r->db, r->org_id, p->id);
	if (talks < 0)
		return HANDLER_ERROR;
	struct html h;
	page_begin(r, &h, T(PDELETE_TITLE));
	html(&h,
	     "<div class=\"kring-narrow\"><nav class=\"kring-crumbs\" aria-label=\"%s\">"
	     "<a class=\"utrecht-link\" href=\"/o/%s/partners\">%s</a> › "
	     "<a class=\"utrecht-link\" href=\"%s\">%s</a></nav>"
	     "<h1 class=\"utrecht-heading-1\">%s</h1>",
	     T(CRUMBS_LABEL), r->org_slug, T(PARTNER_BACK), ui_partner_url(r, p->id, ""),
	     ui_short(&r->arena, p->name, 80), T(PDELETE_TITLE));
	if (talks > 0) {
		struct conversation_filter f = {.kind = "", .partner = p->id};
		struct conversation *cv;
		size_t n;
		long long total;
		if (conversation_list(r->db, &r->arena, r->org_id, &f, 0, 0, &cv, &n, &total) != 0)
			return HANDLER_ERROR;
		page_notice(&h, "warning",
		            arena_printf(&r->arena, T(PDELETE_REFUSED),
		                         ui_short(&r->arena, p->name, 200), talks));
		html(&h, "<p class=\"utrecht-paragraph\">%s</p><ul class=\"kring-talks\">",
		     T(PDELETE_REFUSED_HOW));
		for (size_t i = 0; i < n; i++)
			html(&h,
			     "<li><span class=\"kring-talks__date\">%s</span> <a "
			     "class=\"utrecht-link\" "
			     "href=\"%s\">%s</a></li>",
			     ui_date(&r->arena, cv[i].held_on),
			     ui_conversation_url(r, cv[i].id, ""),
			     ui_short(&r->arena, cv[i].subject, 100));
		html(&h,
		     "</ul><p class=\"kring-actions\"><a class=\"utrecht-button "
		     "utrecht-button--primary-action kring-button-link\" "
		     "href=\"%s\">%s</a></p></div>",
		     ui_partner_url(r, p->id, ""), T(PDELETE_BACK));
		page_end(r, &h, status == 200 ? 200 : 409);
		return HANDLER_OK;
	}
	html(
	    &h,
	    "<p class=\"utrecht-paragraph kring-lead\">%s</p><p class=\"utrecht-paragraph\">%s</p>",
	    arena_printf(&r->arena, T(PDELETE_QUESTION), ui_short(&r->arena, p->name, 200)),
	    T(PDELETE_EXPLAIN));
	form_begin(&h, r, ui_partner_url(r, p->id, "/delete"));
	html(&h,
	     "<p class=\"kring-actions\"><button class=\"utrecht-button "
	     "utrecht-button--secondary-action kring-danger\" type=\"submit\">%s</button>"
	     "<a class=\"utrecht-button utrecht-button--primary-action kring-button-link\" "
	     "href=\"%s\">%s</a></p></form></div>",
	     T(PDELETE_CONFIRM), ui_partner_url(r, p->id, ""), T(PDELETE_CANCEL));
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_partner_delete_confirm(struct req *r)
{
	struct partner p;
	int found = partner_get(r->db, &r->arena, r->org_id, r->param_id, &p);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	return delete_page(r, &p, 200);
}

int page_partner_delete(struct req *r)
{
	struct partner p;
	int found = partner_get(r->db, &r->arena, r->org_id, r->param_id, &p);
	if (found < 0)
		return HANDLER_ERROR;
	enum save_result rc = found == 1
	                          ? partner_delete(r->db, r->org_id, r->person_id, r->param_id)
	                          : SAVE_NOT_FOUND;
	if (rc == SAVE_NOT_FOUND) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	if (rc == SAVE_REFUSED) /* conversations name it: explain, delete nothing */
		return delete_page(r, &p, 409);
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	resp_redirect(r, arena_printf(&r->arena, "/o/%s/partners?klaar=verwijderd", r->org_slug));
	return HANDLER_OK;
}

/* ---- partner power ---- */

#define N_POWER_FIELDS 7

static void power_specs(struct field_spec *s)
{
	s[0] = (struct field_spec){.name = "met_on",
	                           .label = T(POWER_DATE),
	                           .hint = T(POWER_DATE_HINT),
	                           .kind = FIELD_DATE,
	                           .required = true,
	                           .max_len = 10};
	for (size_t i = 0; i < N_POWER_PARTS; i++)
		s[1 + i] = (struct field_spec){.name = power_parts[i].name,
		                               .label = text_nl[power_parts[i].label],
		                               .hint = text_nl[power_parts[i].hint],
		                               .kind = FIELD_TEXTAREA,
		                               .max_len = 20000,
		                               .rows = 4};
	s[6] = (struct field_spec){
	    .name = "version", .label = "versie", .kind = FIELD_TEXT, .max_len = 20};
}

static struct partner_power power_from_form(const struct form *f, long long partner_id)
{
	struct partner_power p = {0};
	p.partner_id = partner_id;
	p.met_on = form_value(f, "met_on");
	p.challenges = form_value(f, "challenges");
	p.core_values = form_value(f, "core_values");
	p.goals = form_value(f, "goals");
	p.commitments = form_value(f, "commitments");
	p.success = form_value(f, "success");
	p.version = atoll(form_value(f, "version"));
	return p;
}

static void power_to_form(struct form *f, const struct partner_power *p)
{
	form_set(f, "met_on", p->met_on);
	for (size_t i = 0; i < N_POWER_PARTS; i++)
		form_set(f, power_parts[i].name, power_value(p, i));
}

/*
 * The partner-power form: the date and the five fields of werkblad 4, each
 * with werkblad 5's questions beside it. id 0 is a new record.
 */
static int power_form_page(struct req *r, const struct partner *p, struct form *f, long long id,
                           long long version, const struct form *theirs, const char *error,
                           unsigned status)
{
	struct html h;
	const char *title = id ? T(POWER_EDIT_TITLE) : T(POWER_NEW_TITLE);
	page_begin(r, &h,
	           arena_printf(&r->arena, "%s: %s", title, ui_short(&r->arena, p->name, 80)));
	html(&h,
	     "<nav class=\"kring-crumbs\" aria-label=\"%s\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/partners\">%s</a> › <a class=\"utrecht-link\" href=\"%s\">%s</a></nav>"
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph kring-lead\">%s"
	     "</p>",
	     T(CRUMBS_LABEL), r->org_slug, T(PARTNER_BACK),
	     ui_partner_url(r, p->id, "#partner-power"), ui_short(&r->arena, p->name, 80),
	     arena_printf(&r->arena, T(POWER_FORM_H1), ui_short(&r->arena, p->name, 120)),
	     T(POWER_FORM_INTRO));
	if (error)
		page_notice(&h, "error", error);
	if (theirs) {
		page_notice(&h, "warning", T(POWER_CONFLICT));
		ui_conflict_table(&h, f, theirs);
	}
	form_error_summary(&h, f);
	form_begin(&h, r,
	           id ? ui_partner_url(r, p->id, arena_printf(&r->arena, "/power/%lld", id))
	              : ui_partner_url(r, p->id, "/power/new"));
	html(&h, "<input type=\"hidden\" name=\"version\" value=\"%lld\">", version);
	form_field(&h, f, "met_on");
	for (size_t i = 0; i < N_POWER_PARTS; i++) {
		const struct power_part *pp = &power_parts[i];
		html(&h,
		     "<div class=\"kring-power-field\"><div class=\"kring-power-field__input\">");
		form_field(&h, f, pp->name);
		html(&h,
		     "</div><aside class=\"kring-power-field__questions\" aria-labelledby=\"q-%s\">"
		     "<details open data-kring-fold-on-phone><summary "
		     "class=\"kring-power-field__qtitle\" "
		     "id=\"q-%s\">%s</summary><ul>",
		     pp->name, pp->name, text_nl[TXT_WB5_ABOUT_CHALLENGES + i]);
		for (int k = 0; k < pp->n_questions; k++)
			html(&h, "<li>%s</li>", text_nl[pp->questions + k]);
		html(&h, "</ul></details></aside></div>");
	}
	form_end(&h, T(POWER_SAVE));
	if (id) {
		html(&h,
		     "<details class=\"kring-details kring-delete-details\"><summary>%s</summary>"
		     "<p class=\"utrecht-paragraph\">%s</p>",
		     T(POWER_DELETE), T(POWER_DELETE_EXPLAIN));
		ui_form(&h, r,
		        ui_partner_url(r, p->id, arena_printf(&r->arena, "/power/%lld/delete", id)),
		        "kring-delete-form");
		html(&h,
		     "<p class=\"kring-actions\"><button class=\"utrecht-button "
		     "utrecht-button--secondary-action kring-danger\" "
		     "type=\"submit\">%s</button></p>"
		     "</form></details>",
		     T(POWER_DELETE_CONFIRM));
	}
	page_end(r, &h, status);
	return HANDLER_OK;
}

/* The partner of the URL, or a 404 response (returns 0) or an error (-1). */
static int url_partner(struct req *r, struct partner *p)
{
	int found = partner_get(r->db, &r->arena, r->org_id, r->param_id, p);
	if (found == 0)
		resp_error(r, 404);
	return found;
}

int page_power_new(struct req *r)
{
	struct partner p;
	int found = url_partner(r, &p);
	if (found <= 0)
		return found < 0 ? HANDLER_ERROR : HANDLER_OK;
	struct field_spec specs[N_POWER_FIELDS];
	power_specs(specs);
	struct form f;
	form_init(&f, specs, N_POWER_FIELDS);
	form_set(&f, "met_on", partner_today(&r->arena));
	return power_form_page(r, &p, &f, 0, 0, NULL, NULL, 200);
}

int page_power_create(struct req *r)
{
	struct partner p;
	int found = url_partner(r, &p);
	if (found <= 0)
		return found < 0 ? HANDLER_ERROR : HANDLER_OK;
	struct field_spec specs[N_POWER_FIELDS];
	power_specs(specs);
	struct form f;
	if (!form_read(r, &f, specs, N_POWER_FIELDS))
		return power_form_page(r, &p, &f, 0, 0, NULL, NULL, 422);
	struct partner_power pw = power_from_form(&f, p.id);
	long long id = 0;
	enum save_result rc = power_create(r->db, r->org_id, r->person_id, &pw, &id);
	if (rc == SAVE_REFUSED)
		return power_form_page(r, &p, &f, 0, 0, NULL, T(POWER_EMPTY), 422);
	if (rc == SAVE_NOT_FOUND) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	resp_redirect(r, ui_partner_url(r, p.id, "?klaar=power-nieuw#partner-power"));
	return HANDLER_OK;
}

int page_power_edit(struct req *r)
{
	struct partner p;
	int found = url_partner(r, &p);
	if (found <= 0)
		return found < 0 ? HANDLER_ERROR : HANDLER_OK;
	struct partner_power pw;
	found = power_get(r->db, &r->arena, r->org_id, p.id, r->param_id2, &pw);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	struct field_spec specs[N_POWER_FIELDS];
	power_specs(specs);
	struct form f;
	form_init(&f, specs, N_POWER_FIELDS);
	power_to_form(&f, &pw);
	return power_form_page(r, &p, &f, pw.id, pw.version, NULL, NULL, 200);
}

int page_power_save(struct req *r)
{
	struct partner p;
	int found = url_partner(r, &p);
	if (found <= 0)
		return found < 0 ? HANDLER_ERROR : HANDLER_OK;
	struct field_spec specs[N_POWER_FIELDS];
	power_specs(specs);
	struct form f;
	bool ok = form_read(r, &f, specs, N_POWER_FIELDS);
	struct partner_power pw = power_from_form(&f, p.id);
	pw.id = r->param_id2;
	struct partner_power now;
	found = power_get(r->db, &r->arena, r->org_id, p.id, pw.id, &now);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	if (!ok)
		return power_form_page(r, &p, &f, pw.id, pw.version, NULL, NULL, 422);
	enum save_result rc = power_update(r->db, r->org_id, r->person_id, &pw);
	if (rc == SAVE_CONFLICT) {
		if (power_get(r->db, &r->arena, r->org_id, p.id, pw.id, &now) != 1)
			return HANDLER_ERROR;
		struct field_spec tspecs[N_POWER_FIELDS];
		power_specs(tspecs);
		struct form t;
		form_init(&t, tspecs, N_POWER_FIELDS);
		power_to_form(&t, &now);
		return power_form_page(r, &p, &f, pw.id, now.version, &t, NULL, 409);
	}
	if (rc == SAVE_REFUSED)
		return power_form_page(r, &p, &f, pw.id, pw.version, NULL, T(POWER_EMPTY), 422);
	if (rc == SAVE_NOT_FOUND) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	resp_redirect(r, ui_partner_url(r, p.id, "?klaar=power-opgeslagen#partner-power"));
	return HANDLER_OK;
}

int page_power_delete(struct req *r)
{
	enum save_result rc =
	    power_delete(r->db, r->org_id, r->person_id, r->param_id, r->param_id2);
	if (rc == SAVE_NOT_FOUND) {
		resp_error(r, 404);
		return HANDLER_OK;
	}
	if (rc != SAVE_OK)
		return HANDLER_ERROR;
	resp_redirect(r, ui_partner_url(r, r->param_id, "?klaar=power-weg#partner-power"));
	return HANDLER_OK;
}

/* ---- the blank form to take along ---- */

int page_partner_power_blank(struct req *r)
{
	const char *name = "", *part_of = "";
	const char *v = req_query(r, "partner");
	if (v) { /* a form for one partner: its name printed in */
		struct partner p;
		int found = partner_get(r->db, &r->arena, r->org_id, atoll(v), &p);
		if (found < 0)
			return HANDLER_ERROR;
		if (found == 0) {
			resp_error(r, 404);
			return HANDLER_OK;
		}
		name = p.name;
		part_of = p.part_of;
	}
	struct html h;
	page_begin(r, &h, T(PPRINT_TITLE));
	html(&h,
	     "<div class=\"kring-screen-only\"><h1 class=\"utrecht-heading-1\">%s</h1>"
	     "<p class=\"utrecht-paragraph kring-lead\">%s</p><p class=\"utrecht-paragraph\">%s</p>"
	     "<p class=\"kring-actions\"><button class=\"utrecht-button "
	     "utrecht-button--primary-action\" type=\"button\" data-kring-print hidden>%s</button>"
	     "</p></div>",
	     T(PPRINT_TITLE), T(PPRINT_INTRO), T(PRINT_HOWTO), T(PRINT_BUTTON));
	/* werkblad 4 */
	html(&h,
	     "<section class=\"kring-sheet kring-sheet--power\" aria-labelledby=\"h-wb4\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-wb4\">%s</h2>"
	     "<p class=\"utrecht-paragraph kring-sheet__sub\">%s</p>"
	     "<p class=\"kring-sheet__q\">%s <span class=\"kring-sheet__fill\">%s</span></p>"
	     "<p class=\"kring-sheet__q\">%s <span class=\"kring-sheet__fill\">%s</span></p>"
	     "<p class=\"kring-sheet__q\">%s <span class=\"kring-sheet__fill "
	     "kring-sheet__fill--short\">"
	     "</span></p><div class=\"kring-sheet__grid\">",
	     T(WB4_HEADING), T(WB4_SUB), T(WB4_NAME), name, T(WB4_FROM), part_of, T(WB4_DATE));
	for (size_t i = 0; i < N_POWER_PARTS; i++)
		html(&h,
		     "<div class=\"kring-sheet__box%s\"><p "
		     "class=\"kring-sheet__boxtitle\">%s</p></div>",
		     i == 4 ? " kring-sheet__box--wide" : "", text_nl[TXT_WB4_CHALLENGES + i]);
	html(&h, "</div></section>");
	/* werkblad 5: the questions, and the tips for the talk */
	html(
	    &h,
	    "<section class=\"kring-sheet kring-sheet--questions\" aria-labelledby=\"h-wb5\">"
	    "<h2 class=\"utrecht-heading-2\" id=\"h-wb5\">%s</h2>"
	    "<p class=\"utrecht-paragraph kring-sheet__sub\">%s</p><div class=\"kring-sheet__qs\">",
	    T(WB5_HEADING), T(WB5_SUB));
	/* werkblad 5 asks about values first */
	static const size_t order[] = {1, 0, 2, 3, 4};
	for (size_t j = 0; j < N_POWER_PARTS; j++) {
		const struct power_part *pp = &power_parts[order[j]];
		html(&h, "<div><h3 class=\"utrecht-heading-3\">%s</h3><ul>",
		     text_nl[TXT_WB5_ABOUT_CHALLENGES + order[j]]);
		for (int k = 0; k < pp->n_questions; k++)
			html(&h, "<li>%s</li>", text_nl[pp->questions + k]);
		html(&h, "</ul></div>");
	}
	html(&h,
	     "</div><div class=\"kring-sheet__tips\"><h3 class=\"utrecht-heading-3\">%s</h3>"
	     "<p class=\"utrecht-paragraph\">%s</p></div></section>",
	     T(WB5_TIPS_TITLE), T(WB5_TIPS));
	page_end(r, &h, 200);
	return HANDLER_OK;
}
