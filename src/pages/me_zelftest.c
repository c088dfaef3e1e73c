/*
 * me_zelftest.c - the zelftest (M10, issue 12): each staff member's own
 * private self-assessment at /o/<slug>/me/zelftest, its history as a chart
 * with a table, sharing it with one chosen beheerder (and revoking that),
 * and that beheerder's read-only view at /o/<slug>/people/<id>/zelftest.
 * Nobody else reaches a moment: the own page reads only r->person_id, the
 * other view answers 404 unless the owner shares with this very person.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../auth/roles.h"
#include "../core/zelftest.h"
#include "../i18n/text.h"
#include "../util/buf.h"
#include "../web/chart.h"
#include "../web/layout.h"
#include "energy_ui.h"
#include "pages.h"
#include "respond.h"

#define ZT_TABLE_MOMENTS 6 /* the newest moments shown as table columns */

/* One value of the scale as text, "–" for none. */
static const char *score_text(struct arena *a, int v)
{
	return v > 0 ? arena_printf(a, "%d", v) : "–";
}

/* The chart (latest moment against the one before) and the table of moments. */
static void history(struct req *r, struct html *h, const struct zelftest_instrument *in,
                    const struct zt_moment *ms, size_t n, const char *who)
{
	struct arena *a = &r->arena;
	html(h,
	     "<section class=\"kring-card\" aria-labelledby=\"h-zt-history\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-zt-history\">%s</h2>",
	     who ? T_printf(a, ZT_HISTORY_OF, who) : T(ZT_HISTORY_TITLE));
	if (n == 0) {
		html(h, "<p class=\"utrecht-paragraph\">%s</p></section>",
		     who ? T(ZT_NONE_OTHER) : T(ZT_NONE));
		return;
	}
	const struct zt_moment *last = &ms[n - 1], *prev = n > 1 ? &ms[n - 2] : NULL;
	double *now_v = arena_alloc(a, sizeof(double) * in->n_items);
	double *prev_v = arena_alloc(a, sizeof(double) * in->n_items);
	const char **axes = arena_alloc(a, sizeof(char *) * in->n_items);
	struct buf desc;
	buf_init(&desc, a);
	size_t k = 0;
	for (size_t s = 0; s < in->n_sections; s++)
		for (size_t i = 0; i < in->sections[s].n_items; i++, k++) {
			axes[k] = in->sections[s].items[i].short_name;
			now_v[k] = last->scores[k] ? last->scores[k] : NAN;
			prev_v[k] = prev && prev->scores[k] ? prev->scores[k] : NAN;
			buf_puts(&desc, T_printf(a, ZT_CHART_DESC_ITEM, axes[k],
			                         score_text(a, last->scores[k]),
			                         prev ? score_text(a, prev->scores[k]) : "–"));
		}
	struct chart_series series[2] = {
	    {T(ZT_SERIES_NOW), now_v, "now"},
	    {prev ? T(ZT_SERIES_BEFORE) : "", prev_v, "before"},
	};
	html(h, "<div class=\"kring-chart-grid\"><figure class=\"kring-card kring-chart "
	        "kring-chart--labels\">");
	chart_radar(h, a, "zelftest", T(ZT_CHART_TITLE), buf_str(&desc), axes, in->n_items,
	            in->scale_min, in->scale_max, series, prev ? 2 : 1);
	const char *caption =
	    T_printf(a, ZT_TABLE_CAPTION, in->scale_min, in->scale_labels[0], in->scale_max,
	             in->scale_labels[in->scale_max - in->scale_min]);
	html(h,
	     "</figure><div class=\"kring-chart-table\" tabindex=\"0\" role=\"region\" "
	     "aria-label=\"%s\"><table class=\"utrecht-table kring-table kring-num\">"
	     "<caption class=\"utrecht-table__caption\">%s</caption>"
	     "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>",
	     caption, caption, T(ZT_COL_ITEM));
	size_t from = n > ZT_TABLE_MOMENTS ? n - ZT_TABLE_MOMENTS : 0;
	for (size_t m = from; m < n; m++)
		html(h, "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>",
		     instr_day(a, ms[m].taken_on));
	html(h, "</tr></thead><tbody class=\"utrecht-table__body\">");
	k = 0;
	for (size_t s = 0; s < in->n_sections; s++) {
		html(h,
		     "<tr class=\"utrecht-table__row kring-table-group\"><th "
		     "class=\"utrecht-table__header-cell\" scope=\"colgroup\" "
		     "colspan=\"%zu\">%s</th>"
		     "</tr>",
		     n - from + 1, in->sections[s].name);
		for (size_t i = 0; i < in->sections[s].n_items; i++, k++) {
			html(h,
			     "<tr class=\"utrecht-table__row\"><th "
			     "class=\"utrecht-table__header-cell\" "
			     "scope=\"row\">%s</th>",
			     in->sections[s].items[i].short_name);
			for (size_t m = from; m < n; m++)
				html(h, "<td class=\"utrecht-table__cell\">%s</td>",
				     score_text(a, ms[m].scores[k]));
			html(h, "</tr>");
		}
	}
	html(h, "</tbody></table></div></div>");
	if (n > ZT_TABLE_MOMENTS)
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>",
		     T_printf(a, ZT_TABLE_NEWEST, ZT_TABLE_MOMENTS, n));
	html(h, "</section>");
}

/* The share block: with whom it is shared, and the form to change that. */
static int share_block(struct req *r, struct html *h, const char *error)
{
	struct arena *a = &r->arena;
	long long manager = 0;
	struct member *ms;
	size_t n;
	int shared = zelftest_share_of(r->db, r->org_id, r->person_id, &manager);
	if (shared < 0 || member_list(r->db, a, r->org_id, &ms, &n) != 0)
		return -1;
	html(h,
	     "<section class=\"kring-card kring-narrow-card kring-noprint\" "
	     "aria-labelledby=\"h-zt-share\"><h2 class=\"utrecht-heading-2\" "
	     "id=\"h-zt-share\">%s</h2>",
	     T(ZT_SHARE_TITLE));
	const char *name = NULL;
	for (size_t i = 0; i < n; i++)
		if (shared == 1 && ms[i].person_id == manager)
			name = ms[i].name;
	if (name) {
		html(h, "<p class=\"utrecht-paragraph\">%s</p>", T_printf(a, ZT_SHARED_WITH, name));
		form_begin(h, r, arena_printf(a, "/o/%s/me/zelftest/unshare", r->org_slug));
		form_end(h, T(ZT_UNSHARE_SUBMIT));
		html(h, "</section>");
		return 0;
	}
	html(h, "<p class=\"utrecht-paragraph\">%s</p>", T(ZT_NOT_SHARED));
	const char **values = arena_alloc(a, sizeof(char *) * (n + 2));
	const char **labels = arena_alloc(a, sizeof(char *) * (n + 2));
	size_t k = 0;
	values[k] = "";
	labels[k++] = T(ZT_SHARE_CHOOSE);
	for (size_t i = 0; i < n; i++)
		if ((ms[i].role & ROLE_BEHEERDER) && ms[i].person_id != r->person_id) {
			values[k] = arena_printf(a, "%lld", ms[i].person_id);
			labels[k++] = ms[i].name;
		}
	values[k] = NULL;
	if (k == 1) {
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p></section>",
		     T(ZT_NO_MANAGERS));
		return 0;
	}
	struct field_spec spec = {.name = "manager",
	                          .label = T(ZT_SHARE_LABEL),
	                          .hint = T(ZT_SHARE_HINT),
	                          .kind = FIELD_SELECT,
	                          .required = true,
	                          .max_len = 20,
	                          .options = values,
	                          .option_labels = labels};
	struct form f;
	form_init(&f, &spec, 1);
	if (error)
		form_error(&f, "manager", error);
	form_begin(h, r, arena_printf(a, "/o/%s/me/zelftest/share", r->org_slug));
	form_field(h, &f, "manager");
	form_end(h, T(ZT_SHARE_SUBMIT));
	html(h, "</section>");
	return 0;
}

/* The answering form; given (or NULL) holds what was sent, missing marks gaps. */
static void take_form(struct req *r, struct html *h, const struct zelftest_instrument *in,
                      const int *given, bool again)
{
	html(h,
	     "<section class=\"kring-card kring-noprint\" aria-labelledby=\"h-zt-form\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-zt-form\">%s</h2>"
	     "<p class=\"utrecht-paragraph\">%s</p>",
	     again ? T(ZT_FORM_TITLE_AGAIN) : T(ZT_FORM_TITLE), in->intro);
	bool errors = false;
	for (size_t k = 0; given && k < in->n_items; k++)
		errors |= given[k] == 0;
	if (errors)
		page_notice(h, "error", T(ZT_ERR_SUMMARY));
	form_begin(h, r, arena_printf(&r->arena, "/o/%s/me/zelftest", r->org_slug));
	size_t k = 0;
	for (size_t s = 0; s < in->n_sections; s++) {
		const struct zt_section *sec = &in->sections[s];
		html(h,
		     "<h3 class=\"utrecht-heading-3\">%s</h3>"
		     "<p class=\"utrecht-paragraph kring-muted\">%s</p>",
		     sec->name, sec->description);
		for (size_t i = 0; i < sec->n_items; i++, k++) {
			const struct zt_item *it = &sec->items[i];
			bool missing = given && given[k] == 0;
			html(h,
			     "<fieldset class=\"utrecht-form-fieldset kring-statement%s\" "
			     "id=\"i_%s\"><legend "
			     "class=\"utrecht-form-fieldset__legend\">%s</legend>",
			     missing ? " kring-choice--invalid" : "", it->id, it->text);
			if (missing)
				html(h, "<p class=\"utrecht-form-field-error-message\">%s</p>",
				     T(ZT_MISSING));
			html(h, "<div class=\"kring-scale\">");
			for (int v = in->scale_min; v <= in->scale_max; v++)
				html(h,
				     "<label class=\"kring-scale__option\"><input type=\"radio\" "
				     "name=\"i_%s\" value=\"%d\"%s><span>%s</span></label>",
				     it->id, v, given && given[k] == v ? " checked" : "",
				     in->scale_labels[v - in->scale_min]);
			html(h, "</div></fieldset>");
		}
	}
	form_end(h, T(ZT_SUBMIT));
	html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p></section>", in->source);
}

/* The own page; given/share_error after a refused post. */
static int own_page(struct req *r, const int *given, const char *share_error, unsigned status)
{
	const struct zelftest_instrument *in = instrument_zelftest();
	struct zt_moment *ms;
	size_t n;
	if (zelftest_moments(r->db, &r->arena, r->org_id, r->person_id, in, &ms, &n) != 0)
		return HANDLER_ERROR;
	struct html h;
	page_begin(r, &h, T(ZT_TITLE));
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p><p class=\"utrecht-paragraph\">%s</p>",
	     T(ZT_TITLE), T(ZT_LEAD), T(ZT_PRIVATE));
	const char *done = req_query(r, "klaar");
	if (done && status == 200) {
		if (strcmp(done, "opgeslagen") == 0)
			page_notice(&h, "ok", T(ZT_SAVED));
		else if (strcmp(done, "gedeeld") == 0)
			page_notice(&h, "ok", T(ZT_SHARED_OK));
		else if (strcmp(done, "ingetrokken") == 0)
			page_notice(&h, "ok", T(ZT_UNSHARED_OK));
	}
	history(r, &h, in, ms, n, NULL);
	if (share_block(r, &h, share_error) != 0)
		respond_section_failed(r, &h, "zelftest share");
	take_form(r, &h, in, given, n > 0);
	page_end(r, &h, status);
	return HANDLER_OK;
}

int page_zelftest(struct req *r)
{
	return own_page(r, NULL, NULL, 200);
}

int page_zelftest_take(struct req *r)
{
	const struct zelftest_instrument *in = instrument_zelftest();
	int *values = arena_alloc(&r->arena, sizeof(int) * (in->n_items ? in->n_items : 1));
	bool ok = true;
	size_t k = 0;
	for (size_t s = 0; s < in->n_sections; s++)
		for (size_t i = 0; i < in->sections[s].n_items; i++, k++) {
			const char *v = req_form(
			    r, arena_printf(&r->arena, "i_%s", in->sections[s].items[i].id));
			values[k] = 0;
			if (v && strlen(v) <= 2 && v[0] >= '0' && v[0] <= '9' &&
			    (v[1] == '\0' || (v[1] >= '0' && v[1] <= '9'))) {
				int x = v[1] ? (v[0] - '0') * 10 + (v[1] - '0') : v[0] - '0';
				if (x >= in->scale_min && x <= in->scale_max)
					values[k] = x;
			}
			ok &= values[k] != 0;
		}
	if (!ok)
		return own_page(r, values, NULL, 422);
	enum save_result rc = zelftest_save(r->db, r->org_id, r->person_id, in, values, NULL, NULL);
	return respond_save(r, rc,
	                    arena_printf(&r->arena,
	                                 "/o/%s/me/zelftest?klaar=opgeslagen#h-zt-history",
	                                 r->org_slug));
}

int page_zelftest_share(struct req *r)
{
	long long manager = req_form_id(r, "manager");
	if (manager == 0)
		return own_page(r, NULL, T(ZT_SHARE_PICK), 422);
	enum save_result rc = zelftest_share(r->db, r->org_id, r->person_id, manager);
	if (rc == SAVE_NOT_FOUND) /* not a beheerder here, or oneself */
		return own_page(r, NULL, T(ZT_SHARE_PICK), 422);
	return respond_save(
	    r, rc, arena_printf(&r->arena, "/o/%s/me/zelftest?klaar=gedeeld", r->org_slug));
}

int page_zelftest_unshare(struct req *r)
{
	enum save_result rc = zelftest_share(r->db, r->org_id, r->person_id, 0);
	return respond_save(
	    r, rc, arena_printf(&r->arena, "/o/%s/me/zelftest?klaar=ingetrokken", r->org_slug));
}

int page_person_zelftest(struct req *r)
{
	/*
	 * 404 for everyone the owner did not choose: the page does not exist
	 * for them. A beheerder's own address shows their own, read-only.
	 */
	int shared = r->param_id == r->person_id
	                 ? 1
	                 : zelftest_shared_with(r->db, r->org_id, r->param_id, r->person_id);
	if (shared < 0)
		return HANDLER_ERROR;
	if (shared == 0)
		return respond_not_found(r);
	struct member *mem;
	size_t n;
	if (member_list(r->db, &r->arena, r->org_id, &mem, &n) != 0)
		return HANDLER_ERROR;
	const char *name = NULL;
	for (size_t i = 0; i < n; i++)
		if (mem[i].person_id == r->param_id)
			name = mem[i].name;
	if (name == NULL)
		return respond_not_found(r);
	const struct zelftest_instrument *in = instrument_zelftest();
	struct zt_moment *ms;
	size_t nm;
	if (zelftest_moments(r->db, &r->arena, r->org_id, r->param_id, in, &ms, &nm) != 0)
		return HANDLER_ERROR;
	struct html h;
	const char *title = T_printf(&r->arena, ZT_OTHER_TITLE, name);
	page_begin(r, &h, title);
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>",
	     title, T_printf(&r->arena, ZT_OTHER_LEAD, name, name));
	history(r, &h, in, ms, nm, name);
	page_end(r, &h, 200);
	return HANDLER_OK;
}
