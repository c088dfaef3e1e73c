/*
 * workshops.c - the list of team workshops (M11): planned and held, a new
 * one from the pilot's template or empty, and deleting one. Also what the
 * workshop pages share (workshop_ui.h): addresses, times and the head form.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/vocab.h"
#include "../i18n/text.h"
#include "../util/clock.h"
#include "../util/date.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "pager.h"
#include "pages.h"
#include "respond.h"
#include "workshop_ui.h"

const char *ui_workshop_url(struct req *r, long long id, const char *suffix)
{
	return arena_printf(&r->arena, "/o/%s/workshops/%lld%s", r->org_slug, id, suffix);
}

const char *ui_clock(struct arena *a, int minutes)
{
	char s[8];
	workshop_format_time(minutes, s);
	return arena_strdup(a, s);
}

const char *ui_duration(struct arena *a, long long minutes)
{
	int h = (int)(minutes / 60), m = (int)(minutes % 60);
	if (h > 0 && m > 0)
		return T_printf(a, WS_DURATION_HM, h, m);
	if (h > 0)
		return T_printf(a, WS_DURATION_H, h);
	return T_printf(a, WS_DURATION_M, m);
}

const char *ui_work_form_label(const char *name)
{
	return vocab_label(workshop_work_forms, TXT_WS_FORM_PLENAIR, name);
}

/* ---- the head form ---- */

void ws_head_specs(struct field_spec *s)
{
	s[0] = (struct field_spec){.name = "title",
	                           .label = T(WS_F_TITLE),
	                           .hint = T(WS_F_TITLE_HINT),
	                           .kind = FIELD_TEXT,
	                           .required = true,
	                           .max_len = 200,
	                           .autocomplete = "off",
	                           .required_msg = T(WS_ERR_TITLE)};
	s[1] = (struct field_spec){.name = "held_on",
	                           .label = T(WS_F_DATE),
	                           .kind = FIELD_DATE,
	                           .required = true,
	                           .max_len = 10};
	s[2] = (struct field_spec){.name = "start",
	                           .label = T(WS_F_START),
	                           .hint = T(WS_F_START_HINT),
	                           .kind = FIELD_TEXT,
	                           .required = true,
	                           .max_len = 40,
	                           .autocomplete = "off",
	                           .required_msg = T(WS_ERR_START)};
	s[3] = (struct field_spec){.name = "place",
	                           .label = T(WS_F_PLACE),
	                           .hint = T(WS_F_PLACE_HINT),
	                           .kind = FIELD_TEXT,
	                           .max_len = 200,
	                           .autocomplete = "off"};
	s[4] = (struct field_spec){.name = "version",
	                           .label_text = FIELD_TEXTS(F_WORKSHOPS_VERSION_LABEL),
	                           .kind = FIELD_ID};
}

bool ws_head_read(struct req *r, struct form *f, struct field_spec *s, struct workshop *w)
{
	ws_head_specs(s);
	bool ok = form_read(r, f, s, WS_N_HEAD_FIELDS);
	memset(w, 0, sizeof(*w));
	w->title = form_value(f, "title");
	w->held_on = form_value(f, "held_on");
	w->place = form_value(f, "place");
	w->version = form_value_id(f, "version");
	const char *start = form_value(f, "start");
	w->start_min = workshop_parse_time(start);
	if (start[0] != '\0' && w->start_min < 0 && strlen(start) <= 40) {
		form_error(f, "start", T(WS_ERR_START));
		ok = false;
	}
	return ok;
}

void ws_head_fill(struct req *r, struct form *f, const struct workshop *w)
{
	form_set(f, "title", w->title);
	form_set(f, "held_on", w->held_on);
	form_set(f, "start", ui_clock(&r->arena, w->start_min));
	form_set(f, "place", w->place);
	(void)r;
}

/* ---- the list ---- */

#define WS_PER_PAGE 25 /* held workshops on one page of the list */

/*
 * One table of workshops (planned or held): v in the order to show, total
 * how many there are (the planned list shows them all, the held list a
 * page of them with pg).
 */
static void ws_table(struct req *r, struct html *h, const struct workshop *v, size_t n, bool held,
                     struct pager *pg)
{
	const char *id = held ? "gehouden" : "gepland";
	html(h,
	     "<section class=\"kring-card\" aria-labelledby=\"h-%s\"><h2 "
	     "class=\"utrecht-heading-2\" "
	     "id=\"h-%s\">%s</h2>",
	     id, id, held ? T(WS_HELD) : T(WS_PLANNED));
	if (n == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p></section>",
		     held ? T(WS_NONE_HELD) : T(WS_NONE_PLANNED));
		return;
	}
	html(h,
	     "<div class=\"kring-table-wrap\"><table class=\"utrecht-table kring-table\">"
	     "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>",
	     T(WS_COL_DATE), T(WS_COL_TITLE), T(WS_COL_TIME), T(WS_COL_ROWS));
	if (held)
		html(h, "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>",
		     T(WS_COL_PRESENT));
	html(h, "</tr></thead><tbody class=\"utrecht-table__body\">");
	for (size_t k = 0; k < n; k++) {
		const struct workshop *w = &v[k];
		html(h,
		     "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\">%s</td>"
		     "<th class=\"utrecht-table__cell\" scope=\"row\"><a class=\"utrecht-link\" "
		     "href=\"%s\">%s</a></th><td class=\"utrecht-table__cell\">%s</td>"
		     "<td class=\"utrecht-table__cell\">%lld</td>",
		     ui_date(&r->arena, w->held_on), ui_workshop_url(r, w->id, ""), w->title,
		     T_printf(&r->arena, WS_TIME_RANGE, ui_clock(&r->arena, w->start_min),
		              ui_clock(&r->arena, (int)(w->start_min + w->total_min))),
		     w->n_rows);
		if (held)
			html(h, "<td class=\"utrecht-table__cell\">%s</td>",
			     w->evaluated_at
			         ? T_printf(&r->arena, WS_PRESENT_COUNT, w->n_present, w->others)
			         : T(WS_NOT_EVALUATED));
		html(h, "</tr>");
	}
	html(h, "</tbody></table></div>");
	if (pg)
		pager_nav(h, pg);
	html(h, "</section>");
}

/* The list page, with the new-workshop form f (and its errors) and status. */
static int list_page(struct req *r, struct form *f, unsigned status)
{
	char today[16];
	clock_today(today);
	struct workshop *planned, *held;
	size_t n_planned, n_held;
	struct pager pg;
	pager_init(&pg, r, WS_PER_PAGE);
	pg.total = workshop_count(r->db, r->org_id, today, true);
	/* every planned one (a library plans a few ahead); the held ones a page at a time */
	if (pg.total < 0 ||
	    workshop_list(r->db, &r->arena, r->org_id, today, false, 1000, 0, &planned,
	                  &n_planned) != 0 ||
	    workshop_list(r->db, &r->arena, r->org_id, today, true, pg.per_page, pager_offset(&pg),
	                  &held, &n_held) != 0)
		return HANDLER_ERROR;
	struct html h;
	page_begin(r, &h, T(WS_TITLE));
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     T(WS_TITLE), T(WS_INTRO));
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "verwijderd") == 0)
		page_notice(&h, "ok", T(WS_DONE_DELETED));
	if (pg.page == 1)
		ws_table(r, &h, planned, n_planned, false, NULL);
	/* the template: the pilot's agenda (seed 004) */
	html(&h,
	     "<section class=\"kring-card kring-noprint\" aria-labelledby=\"h-sjabloon\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-sjabloon\">%s</h2>"
	     "<p class=\"utrecht-paragraph\">%s</p>",
	     T(WS_TEMPLATE_TITLE), T(WS_TEMPLATE_INTRO));
	form_begin(&h, r, arena_printf(&r->arena, "/o/%s/workshops/template", r->org_slug));
	html(&h,
	     "<div class=\"utrecht-form-field\"><label class=\"utrecht-form-label\" "
	     "for=\"sjabloon-datum\">%s</label><input class=\"utrecht-textbox\" "
	     "type=\"date\" id=\"sjabloon-datum\" "
	     "name=\"held_on\" value=\"%s\"></div>",
	     T(WS_F_DATE), today);
	form_end(&h, T(WS_TEMPLATE_BUTTON));
	html(&h, "</section>");
	html(&h,
	     "<section class=\"kring-card kring-noprint\" aria-labelledby=\"h-nieuw\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-nieuw\">%s</h2>",
	     T(WS_NEW_TITLE));
	form_error_summary(&h, f);
	form_begin(&h, r, arena_printf(&r->arena, "/o/%s/workshops", r->org_slug));
	form_field(&h, f, "title");
	html(&h, "<div class=\"kring-form-row\">");
	form_field(&h, f, "held_on");
	form_field(&h, f, "start");
	html(&h, "</div>");
	form_field(&h, f, "place");
	form_end(&h, T(WS_NEW_BUTTON));
	html(&h, "</section>");
	ws_table(r, &h, held, n_held, true, &pg);
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_workshops(struct req *r)
{
	struct field_spec s[WS_N_HEAD_FIELDS];
	ws_head_specs(s);
	struct form f;
	form_init(&f, s, WS_N_HEAD_FIELDS);
	char today[16];
	clock_today(today);
	form_set(&f, "held_on", today);
	form_set(&f, "start", "9:30");
	return list_page(r, &f, 200);
}

int page_workshop_create(struct req *r)
{
	struct field_spec s[WS_N_HEAD_FIELDS];
	struct form f;
	struct workshop w;
	if (!ws_head_read(r, &f, s, &w))
		return list_page(r, &f, 422);
	long long id = 0;
	enum save_result rc = workshop_create(r->db, r->org_id, r->person_id, &w, &id);
	return respond_save(r, rc, ui_workshop_url(r, id, "?klaar=nieuw"));
}

int page_workshop_template(struct req *r)
{
	const char *on = req_form(r, "held_on");
	if (on && on[0] && !date_valid(on)) {
		resp_error(r, 400);
		return HANDLER_OK;
	}
	long long id = 0;
	enum save_result rc = workshop_create_from_template(r->db, r->org_id, r->person_id,
	                                                    WS_TEMPLATE, on ? on : "", &id);
	return respond_save(r, rc, ui_workshop_url(r, id, "?klaar=nieuw"));
}

/* ---- deleting a workshop ---- */

int page_workshop_delete_confirm(struct req *r)
{
	struct workshop w;
	int found = workshop_get(r->db, &r->arena, r->org_id, r->param_id, &w);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	struct html h;
	page_begin(r, &h, T(WS_DELETE_TITLE));
	html(&h,
	     "<nav class=\"kring-crumbs\" aria-label=\"%s\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/workshops\">%s</a> › <a class=\"utrecht-link\" href=\"%s\">%s</a></nav>"
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\"><strong>%s</strong> (%s)</p><p class=\"utrecht-paragraph\">%s</p>",
	     T(CRUMBS_LABEL), r->org_slug, T(WS_BACK), ui_workshop_url(r, w.id, ""), w.title,
	     T(WS_DELETE_TITLE), w.title, ui_date(&r->arena, w.held_on), T(WS_DELETE_INTRO));
	form_delete_confirm(&h, r, ui_workshop_url(r, w.id, "/delete"), w.version,
	                    T(WS_DELETE_CONFIRM), ui_workshop_url(r, w.id, ""),
	                    T(WS_DELETE_CANCEL));
	page_end(r, &h, 200);
	return HANDLER_OK;
}

int page_workshop_delete(struct req *r)
{
	long long version = req_form_id(r, "version");
	if (version == 0) {
		resp_error(r, 400);
		return HANDLER_OK;
	}
	enum save_result rc = workshop_delete(r->db, r->org_id, r->person_id, r->param_id, version);
	return respond_save(
	    r, rc, arena_printf(&r->arena, "/o/%s/workshops?klaar=verwijderd", r->org_slug));
}
