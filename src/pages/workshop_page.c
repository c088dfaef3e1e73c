/*
 * workshop_page.c - one workshop: its agenda with the computed clock times
 * and end, the tools to reorder rows without JavaScript, adding a row,
 * changing the head (title, date, start, place); prints on one A4.
 */
#include <stdlib.h>
#include <string.h>

#include "../auth/roles.h"
#include "../core/vocab.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "pages.h"
#include "respond.h"
#include "workshop_ui.h"

/* ---- the row form ---- */

void ws_row_specs(struct field_spec *s)
{
	s[0] = (struct field_spec){.name = "minutes",
	                           .label = T(WS_F_MINUTES),
	                           .hint = T(WS_F_MINUTES_HINT),
	                           .kind = FIELD_TEXT,
	                           .required = true,
	                           .max_len = 40,
	                           .autocomplete = "off",
	                           .required_msg = T(WS_ERR_MIN_EMPTY)};
	s[1] = (struct field_spec){.name = "topic",
	                           .label = T(WS_F_TOPIC),
	                           .kind = FIELD_TEXT,
	                           .required = true,
	                           .max_len = 300,
	                           .autocomplete = "off",
	                           .required_msg = T(WS_ERR_TOPIC)};
	s[2] = (struct field_spec){.name = "goal",
	                           .label = T(WS_F_GOAL),
	                           .hint = T(WS_F_GOAL_HINT),
	                           .kind = FIELD_TEXTAREA,
	                           .max_len = 2000,
	                           .rows = 2};
	s[3] = (struct field_spec){.name = "work_form",
	                           .label = T(WS_F_FORM),
	                           .kind = FIELD_SELECT,
	                           .required = true,
	                           .options = workshop_work_forms,
	                           .option_labels = T_ROW(WS_FORM_PLENAIR)};
	s[4] = (struct field_spec){.name = "material",
	                           .label = T(WS_F_MATERIAL),
	                           .hint = T(WS_F_MATERIAL_HINT),
	                           .kind = FIELD_TEXT,
	                           .max_len = 300,
	                           .autocomplete = "off"};
	s[5] = (struct field_spec){.name = "facilitator",
	                           .label = T(WS_F_FACILITATOR),
	                           .hint = T(WS_F_FACILITATOR_HINT),
	                           .kind = FIELD_TEXT,
	                           .max_len = 200,
	                           .autocomplete = "off"};
	s[6] = (struct field_spec){.name = "version",
	                           .label_text = FIELD_TEXTS(F_WORKSHOP_PAGE_VERSION_LABEL),
	                           .kind = FIELD_ID};
}

bool ws_row_read(struct req *r, struct form *f, struct field_spec *s, struct workshop_row *row)
{
	ws_row_specs(s);
	bool ok = form_read(r, f, s, WS_N_ROW_FIELDS);
	memset(row, 0, sizeof(*row));
	row->topic = form_value(f, "topic");
	row->goal = form_value(f, "goal");
	row->work_form = form_value(f, "work_form");
	row->material = form_value(f, "material");
	row->facilitator = form_value(f, "facilitator");
	row->version = form_value_id(f, "version");
	const char *m = form_value(f, "minutes");
	static const int msg[] = {0,
	                          TXT_WS_ERR_MIN_EMPTY,
	                          TXT_WS_ERR_MIN_LETTERS,
	                          TXT_WS_ERR_MIN_ZERO,
	                          TXT_WS_ERR_MIN_NEGATIVE,
	                          TXT_WS_ERR_MIN_TOO_LONG};
	enum ws_minutes why = workshop_parse_minutes(m, &row->minutes);
	if (why != WSM_OK && m[0] != '\0' && strlen(m) <= 40) {
		form_error(f, "minutes", TX(msg[why]));
		ok = false;
	}
	return ok;
}

void ws_row_fill(struct req *r, struct form *f, const struct workshop_row *row)
{
	form_set(f, "minutes", arena_printf(&r->arena, "%d", row->minutes));
	form_set(f, "topic", row->topic);
	form_set(f, "goal", row->goal);
	form_set(f, "work_form", row->work_form);
	form_set(f, "material", row->material);
	form_set(f, "facilitator", row->facilitator);
}

void ws_problem_error(struct form *f, enum ws_problem why, const char *field)
{
	if (why == WSP_PAST_MIDNIGHT)
		form_error(f, field,
		           strcmp(field, "start") == 0 ? T(WS_ERR_HEAD_MIDNIGHT)
		                                       : T(WS_ERR_MIDNIGHT));
	else if (why == WSP_TOO_MANY_ROWS)
		form_error(f, field, T(WS_ERR_TOO_MANY));
	else
		form_error(f, field, T(WS_ERR_MIN_LETTERS));
}

void ws_row_fields(struct html *h, const struct form *f)
{
	html(h, "<div class=\"kring-form-row\">");
	form_field(h, f, "minutes");
	form_field(h, f, "work_form");
	html(h, "</div>");
	form_field(h, f, "topic");
	form_field(h, f, "goal");
	html(h, "<div class=\"kring-form-row\">");
	form_field(h, f, "material");
	form_field(h, f, "facilitator");
	html(h, "</div>");
}

/* ---- the agenda ---- */

/* A small form with one button that moves row `row` up or down. */
static void move_button(struct req *r, struct html *h, long long ws, const struct workshop_row *row,
                        bool up)
{
	ui_form(h, r, ui_workshop_url(r, ws, arena_printf(&r->arena, "/rows/%lld/move", row->id)),
	        "kring-tool-form");
	html(h,
	     "<input type=\"hidden\" name=\"richting\" value=\"%s\"><input type=\"hidden\" "
	     "name=\"version\" value=\"%lld\"><button class=\"kring-tool\" type=\"submit\">"
	     "<span aria-hidden=\"true\">%s</span> %s<span class=\"kring-sr\">: %s</span>"
	     "</button></form>",
	     up ? "op" : "neer", row->version, up ? "↑" : "↓", up ? T(WS_UP) : T(WS_DOWN),
	     ui_short(&r->arena, row->topic, 60));
}

/* The agenda table: clock time, duration, topic and goal, form, material, facilitator. */
static void agenda_table(struct req *r, struct html *h, const struct workshop *w,
                         const struct workshop_row *rows, size_t n, bool staff)
{
	int *minutes = arena_alloc(&r->arena, (n + 1) * sizeof(int));
	int *starts = arena_alloc(&r->arena, (n + 1) * sizeof(int));
	for (size_t i = 0; i < n; i++)
		minutes[i] = rows[i].minutes;
	int end = 0;
	workshop_schedule(w->start_min, minutes, n, starts, &end);
	html(h,
	     "<section class=\"kring-agenda\" aria-labelledby=\"h-agenda\"><h2 "
	     "class=\"utrecht-heading-2\" id=\"h-agenda\">%s</h2>",
	     T(WS_AGENDA));
	if (n == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p></section>",
		     T(WS_NO_ROWS));
		return;
	}
	html(h,
	     "<div class=\"kring-table-wrap\"><table class=\"utrecht-table kring-table "
	     "kring-agenda__table\"><caption class=\"kring-sr\">%s</caption>"
	     "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>",
	     T(WS_AGENDA_CAPTION), T(WS_COL_CLOCK), T(WS_COL_MINUTES), T(WS_COL_TOPIC),
	     T(WS_COL_FORM), T(WS_COL_MATERIAL), T(WS_COL_FACILITATOR));
	if (staff)
		html(h,
		     "<th class=\"utrecht-table__header-cell kring-col-action\" scope=\"col\">%s"
		     "</th>",
		     T(WS_COL_TOOLS));
	html(h, "</tr></thead><tbody class=\"utrecht-table__body\">");
	for (size_t i = 0; i < n; i++) {
		const struct workshop_row *row = &rows[i];
		html(h,
		     "<tr class=\"utrecht-table__row\" id=\"onderdeel-%lld\"><td "
		     "class=\"utrecht-table__cell kring-agenda__clock\">%s</td><td "
		     "class=\"utrecht-table__cell kring-agenda__min\">%s</td><th "
		     "class=\"utrecht-table__cell kring-agenda__topic\" scope=\"row\">"
		     "<span class=\"kring-agenda__title\">%s</span>",
		     row->id, ui_clock(&r->arena, starts[i]),
		     T_printf(&r->arena, WS_MIN, row->minutes), row->topic);
		/* on a phone each row is a card: the cells name their column */
		if (row->goal[0])
			html(h, "<span class=\"kring-agenda__goal kring-pre\">%s</span>",
			     row->goal);
		html(h,
		     "</th><td class=\"utrecht-table__cell\" data-label=\"%s\">%s</td><td "
		     "class=\"utrecht-table__cell%s\" data-label=\"%s\">%s</td><td "
		     "class=\"utrecht-table__cell%s\" data-label=\"%s\">%s</td>",
		     T(WS_COL_FORM), ui_work_form_label(row->work_form),
		     row->material[0] ? "" : " kring-agenda__empty", T(WS_COL_MATERIAL),
		     row->material, row->facilitator[0] ? "" : " kring-agenda__empty",
		     T(WS_COL_FACILITATOR), row->facilitator);
		if (staff) {
			html(h, "<td class=\"utrecht-table__cell kring-col-action\"><div "
			        "class=\"kring-agenda__tools\">");
			if (i > 0)
				move_button(r, h, w->id, row, true);
			if (i + 1 < n)
				move_button(r, h, w->id, row, false);
			html(h,
			     "<a class=\"kring-tool kring-tool--link\" href=\"%s\">%s<span "
			     "class=\"kring-sr\">: %s</span></a></div></td>",
			     ui_workshop_url(r, w->id,
			                     arena_printf(&r->arena, "/rows/%lld", row->id)),
			     T(WS_EDIT_ROW), ui_short(&r->arena, row->topic, 60));
		}
		html(h, "</tr>");
	}
	html(h,
	     "</tbody><tfoot><tr class=\"utrecht-table__row kring-agenda__end\"><td "
	     "class=\"utrecht-table__cell kring-agenda__clock\">%s</td><th "
	     "class=\"utrecht-table__cell\" scope=\"row\" colspan=\"%d\">%s · %s</th></tr>"
	     "</tfoot></table></div></section>",
	     ui_clock(&r->arena, end), staff ? 6 : 5, T(WS_END),
	     T_printf(&r->arena, WS_TOTAL, ui_duration(&r->arena, end - w->start_min)));
}

int ws_agenda_page(struct req *r, const struct ws_sent *sent, unsigned status)
{
	struct workshop w;
	int found = workshop_get(r->db, &r->arena, r->org_id, r->param_id, &w);
	if (found < 0)
		return HANDLER_ERROR;
	if (found == 0)
		return respond_not_found(r);
	struct workshop_row *rows;
	size_t n;
	if (workshop_rows(r->db, &r->arena, r->org_id, w.id, &rows, &n) != 0)
		return HANDLER_ERROR;
	bool staff = (r->role & ROLES_STAFF) != 0;
	struct html h;
	page_begin(r, &h, w.title);
	html(&h,
	     "<nav class=\"kring-crumbs\" aria-label=\"%s\"><a class=\"utrecht-link\" "
	     "href=\"/o/%s/workshops\">%s</a></nav><h1 class=\"utrecht-heading-1\">%s</h1>"
	     "<p class=\"utrecht-paragraph kring-lead\">%s",
	     T(CRUMBS_LABEL), r->org_slug, T(WS_BACK), w.title,
	     T_printf(&r->arena, WS_WHEN, ui_date(&r->arena, w.held_on),
	              ui_clock(&r->arena, w.start_min),
	              ui_clock(&r->arena, (int)(w.start_min + w.total_min))));
	if (w.place[0])
		html(&h, " · %s", w.place);
	html(&h, "</p><p class=\"utrecht-paragraph kring-muted kring-noprint\">%s</p>",
	     T(WS_PRINT_HINT));
	const char *done = req_query(r, "klaar");
	if (done && strcmp(done, "nieuw") == 0)
		page_notice(&h, "ok", T(WS_DONE_NEW));
	else if (done && strcmp(done, "opgeslagen") == 0)
		page_notice(&h, "ok", T(WS_DONE_SAVED));
	agenda_table(r, &h, &w, rows, n, staff);

	/* a new row */
	struct field_spec rs[WS_N_ROW_FIELDS];
	struct form add;
	struct form *af = sent && sent->add ? sent->add : &add;
	if (af == &add) {
		ws_row_specs(rs);
		form_init(&add, rs, WS_N_ROW_FIELDS);
		form_set(&add, "work_form", "plenair");
	}
	af->id_prefix = "nieuw-";
	html(&h,
	     "<section class=\"kring-card kring-noprint\" id=\"toevoegen\" "
	     "aria-labelledby=\"h-toevoegen\"><h2 class=\"utrecht-heading-2\" "
	     "id=\"h-toevoegen\">%s</h2><p class=\"utrecht-paragraph\">%s</p>",
	     T(WS_ADD_TITLE), T(WS_ADD_INTRO));
	form_error_summary(&h, af);
	form_begin(&h, r, ui_workshop_url(r, w.id, "/rows"));
	ws_row_fields(&h, af);
	form_end(&h, T(WS_ADD_BUTTON));
	html(&h, "</section>");

	/* the head */
	struct field_spec hs[WS_N_HEAD_FIELDS];
	struct form head;
	struct form *hf = sent && sent->head ? sent->head : &head;
	if (hf == &head) {
		ws_head_specs(hs);
		form_init(&head, hs, WS_N_HEAD_FIELDS);
		ws_head_fill(r, &head, &w);
	}
	hf->id_prefix = "kop-";
	html(&h,
	     "<section class=\"kring-card kring-noprint\" id=\"gegevens\" "
	     "aria-labelledby=\"h-gegevens\"><h2 class=\"utrecht-heading-2\" "
	     "id=\"h-gegevens\">%s</h2>",
	     T(WS_HEAD_TITLE));
	if (sent && sent->head && sent->conflict)
		page_notice(&h, "warning", T(WS_CONFLICT));
	form_error_summary(&h, hf);
	form_begin(&h, r, ui_workshop_url(r, w.id, ""));
	form_version_field(&h, hf == &head || sent->conflict ? w.version
	                                                     : form_value_id(hf, "version"));
	form_field(&h, hf, "title");
	html(&h, "<div class=\"kring-form-row\">");
	form_field(&h, hf, "held_on");
	form_field(&h, hf, "start");
	html(&h, "</div>");
	form_field(&h, hf, "place");
	form_end(&h, T(SAVE));
	html(&h, "</section>");

	ws_after_section(r, &h, &w, sent);
	html(&h,
	     "<p class=\"kring-actions kring-noprint\"><a class=\"utrecht-link kring-danger\" "
	     "href=\"%s\">%s</a></p>",
	     ui_workshop_url(r, w.id, "/delete"), T(WS_DELETE));
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_workshop(struct req *r)
{
	return ws_agenda_page(r, NULL, 200);
}

int page_workshop_save(struct req *r)
{
	struct field_spec s[WS_N_HEAD_FIELDS];
	struct form f;
	struct workshop w;
	bool ok = ws_head_read(r, &f, s, &w);
	w.id = r->param_id;
	struct ws_sent sent = {.head = &f};
	if (!ok)
		return ws_agenda_page(r, &sent, 422);
	enum ws_problem why = WSP_NONE;
	enum save_result rc = workshop_update(r->db, r->org_id, r->person_id, &w, &why);
	if (rc == SAVE_REFUSED) {
		ws_problem_error(&f, why, "start");
		return ws_agenda_page(r, &sent, 422);
	}
	if (rc == SAVE_CONFLICT) {
		sent.conflict = true;
		return ws_agenda_page(r, &sent, 409);
	}
	return respond_save(r, rc, ui_workshop_url(r, w.id, "?klaar=opgeslagen"));
}

int page_workshop_row_add(struct req *r)
{
	struct field_spec s[WS_N_ROW_FIELDS];
	struct form f;
	struct workshop_row row;
	bool ok = ws_row_read(r, &f, s, &row);
	struct ws_sent sent = {.add = &f};
	if (!ok)
		return ws_agenda_page(r, &sent, 422);
	enum ws_problem why = WSP_NONE;
	long long id = 0;
	enum save_result rc =
	    workshop_row_add(r->db, r->org_id, r->person_id, r->param_id, &row, &why, &id);
	if (rc == SAVE_REFUSED) {
		ws_problem_error(&f, why, "minutes");
		return ws_agenda_page(r, &sent, 422);
	}
	return respond_save(
	    r, rc,
	    ui_workshop_url(r, r->param_id,
	                    arena_printf(&r->arena, "?klaar=opgeslagen#onderdeel-%lld", id)));
}
