/*
 * energy_ui.c - the energy mark on forms and the community's trend (see
 * energy_ui.h).
 */
#include "energy_ui.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../auth/roles.h"
#include "../i18n/text.h"
#include "../util/buf.h"
#include "../web/chart.h"
#include "../web/layout.h"
#include "respond.h"

#define TREND_MONTHS 12

struct field_spec energy_field_spec(void)
{
	return (struct field_spec){.name = "energy",
	                           .label = T(EN_LABEL),
	                           .hint = T(EN_HINT),
	                           .kind = FIELD_RADIO,
	                           .max_len = 1,
	                           .options = energy_values,
	                           .option_labels = T_ROW(EN_1)};
}

int energy_from_form(const struct form *f)
{
	const char *v = form_value(f, "energy");
	return v[0] >= '1' && v[0] <= '5' && v[1] == '\0' ? v[0] - '0' : 0;
}

void energy_to_form(struct req *r, struct form *f, int value)
{
	form_set(f, "energy", value ? arena_printf(&r->arena, "%d", value) : "");
}

enum save_result energy_after_save(struct req *r, enum save_result rc, enum energy_of kind,
                                   long long id, const struct form *f)
{
	if (rc != SAVE_OK)
		return rc;
	return energy_set(r->db, r->org_id, kind, id, energy_from_form(f));
}

/* A small line over the months (1 at the bottom, 5 at the top), role="img". */
static void sparkline(struct html *h, struct arena *a, const struct energy_month *ms, size_t n,
                      const char *desc)
{
	const int w = 240, hgt = 60, pad = 6;
	html(h,
	     "<svg class=\"kring-sparkline\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
	     "role=\"img\" aria-labelledby=\"en-title en-desc\"><title id=\"en-title\">%s</title>"
	     "<desc id=\"en-desc\">%s</desc>"
	     "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#b1b4b6\" "
	     "stroke-width=\"1\"/>",
	     w, hgt, w, hgt, T(EN_TREND_TITLE), desc, pad, hgt / 2, w - pad, hgt / 2);
	struct buf pts;
	buf_init(&pts, a);
	for (size_t i = 0; i < n; i++) {
		double x =
		    n == 1 ? w / 2.0 : pad + (double)(w - 2 * pad) * (double)i / (double)(n - 1);
		double y = pad + (double)(hgt - 2 * pad) * (ENERGY_MAX - ms[i].mean) /
		                     (ENERGY_MAX - ENERGY_MIN);
		const char *xs = chart_num1(a, x, '.'), *ys = chart_num1(a, y, '.');
		buf_puts(&pts, arena_printf(a, "%s%s,%s", i ? " " : "", xs, ys));
		/* html() formats no doubles: the numbers are made text first */
		html(h, "<circle cx=\"%s\" cy=\"%s\" r=\"3\" fill=\"#154273\"/>", xs, ys);
	}
	if (n > 1)
		html(
		    h,
		    "<polyline points=\"%s\" fill=\"none\" stroke=\"#154273\" stroke-width=\"2\"/>",
		    buf_str(&pts));
	html(h, "</svg>");
}

void energy_trend_section(struct req *r, struct html *h, long long community_id)
{
	struct arena *a = &r->arena;
	struct energy_month *ms;
	size_t n;
	html(h,
	     "<section class=\"kring-card\" aria-labelledby=\"h-energy\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-energy\">%s</h2>",
	     T(EN_TREND_TITLE));
	if (energy_trend(r->db, a, r->org_id, community_id, TREND_MONTHS, &ms, &n) != 0) {
		respond_section_failed(r, h, "energy trend");
		html(h, "</section>");
		return;
	}
	if (n == 0) {
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p></section>",
		     T(EN_TREND_NONE));
		return;
	}
	html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(EN_TREND_INTRO));
	struct buf desc;
	buf_init(&desc, a);
	for (size_t i = 0; i < n; i++)
		buf_puts(&desc, arena_printf(a, "%s%s", i ? "; " : "",
		                             T_printf(a, EN_TREND_ITEM, ms[i].month,
		                                      chart_num1(a, ms[i].mean, ','), ms[i].n)));
	sparkline(h, a, ms, n, buf_str(&desc));
	html(h,
	     "<details class=\"kring-details\"><summary "
	     "class=\"kring-details__summary\">%s</summary>"
	     "<table class=\"utrecht-table kring-table kring-num\"><caption "
	     "class=\"utrecht-table__caption\">%s</caption><thead class=\"utrecht-table__header\">"
	     "<tr class=\"utrecht-table__row\"><th class=\"utrecht-table__header-cell\" "
	     "scope=\"col\">%s</th><th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th></tr></thead>"
	     "<tbody class=\"utrecht-table__body\">",
	     T(EN_TREND_CAPTION), T(EN_TREND_CAPTION), T(EN_COL_MONTH), T(EN_COL_MEAN),
	     T(EN_COL_N));
	for (size_t i = 0; i < n; i++)
		html(h,
		     "<tr class=\"utrecht-table__row\"><th class=\"utrecht-table__header-cell\" "
		     "scope=\"row\">%s</th><td class=\"utrecht-table__cell\">%s</td>"
		     "<td class=\"utrecht-table__cell\">%lld</td></tr>",
		     ms[i].month, chart_num1(a, ms[i].mean, ','), ms[i].n);
	html(h, "</tbody></table></details></section>");
}

void instruments_community_sections(struct req *r, struct html *h, long long community_id)
{
	energy_trend_section(r, h, community_id);
	if (!(r->role & (ROLES_STAFF | ROLE_AMBASSADEUR)))
		return; /* the pulse is for staff and the community's ambassadeurs (routes.def) */
	html(h,
	     "<section class=\"kring-card kring-noprint\" aria-labelledby=\"h-pulse-link\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-pulse-link\">%s</h2>"
	     "<p class=\"utrecht-paragraph\">%s</p><p class=\"utrecht-paragraph\"><a "
	     "class=\"utrecht-link\" href=\"/o/%s/communities/%lld/pulse\">%s</a></p></section>",
	     T(PU_COMMUNITY_LINK), T(PU_COMMUNITY_HINT), r->org_slug, community_id,
	     T(PU_COMMUNITY_GO));
}

const char *instr_day(struct arena *a, const char *iso)
{
	int y, m, d;
	char end;
	if (iso == NULL || sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3)
		return iso ? iso : "";
	struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = 12};
	return fmt_date(a, (long long)timegm(&tm));
}
