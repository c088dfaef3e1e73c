/*
 * adviser.c - the adviser's overview: the organisations where the person
 * is adviseur, side by side (last closed meetlat round per bouwsteen,
 * fase, trend). Only organisations where the person holds the adviseur
 * role appear; the route is open to anyone logged in. An adviser of a POI
 * may coach dozens of libraries: they come AD_PER_PAGE at a time, so the
 * cost of the page does not grow with their number.
 */
#include <math.h>
#include <string.h>

#include "../auth/roles.h"
#include "../core/instrument.h"
#include "../core/meetlat.h"
#include "../core/org.h"
#include "../core/signal.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "pager.h"
#include "pages.h"

#define AD_PER_PAGE 10 /* libraries side by side on one page */

/* What the overview shows of one organisation. */
struct coached {
	struct org_access org;
	int has_last, has_prev;
	struct ml_round last, prev;
	struct meetlat_instrument last_in, prev_in;
	struct ml_scores last_s, prev_s;
	struct ml_phase phase;
	long long open_responses; /* -1 when no round is open */
	const char *open_title;
	long long signals; /* current signals (issue 10) */
};

/* The stat of bouwsteen id in a scored round, or NULL. */
static const struct ml_stat *stat_of(const struct meetlat_instrument *in, const struct ml_scores *s,
                                     const char *id)
{
	for (size_t b = 0; b < in->n_bouwstenen; b++)
		if (strcmp(in->bouwstenen[b].id, id) == 0)
			return &s->all[b];
	return NULL;
}

static int load(struct req *r, struct coached *c)
{
	struct arena *a = &r->arena;
	long long org = c->org.org_id;
	c->has_last = meetlat_round_last_closed(r->db, a, org, &c->last);
	if (c->has_last < 0)
		return -1;
	if (c->has_last) {
		if (meetlat_round_scores(r->db, a, org, &c->last, &c->last_in, &c->last_s) != 0)
			return -1;
		ml_phase(&c->last_in, &c->last_s, &c->phase);
		c->has_prev = meetlat_round_previous(r->db, a, org, c->last.id, &c->prev);
		if (c->has_prev < 0 ||
		    (c->has_prev &&
		     meetlat_round_scores(r->db, a, org, &c->prev, &c->prev_in, &c->prev_s) != 0))
			return -1;
	}
	struct ml_round open;
	int has_open = meetlat_round_current_open(r->db, a, org, &open);
	if (has_open < 0)
		return -1;
	c->open_responses = has_open ? open.n_responses : -1;
	c->open_title = has_open ? open.title : NULL;
	char today[16];
	signal_today(today);
	c->signals = signals_count(r->db, org, 0, today); /* kept by core/signal.c */
	return c->signals < 0 ? -1 : 0;
}

int page_adviser(struct req *r)
{
	struct arena *a = &r->arena;
	struct org_access *orgs;
	size_t n_orgs;
	if (org_list_for_person(r->db, a, r->person_id, &orgs, &n_orgs) != 0)
		return HANDLER_ERROR;
	struct pager pg;
	pager_init(&pg, r, AD_PER_PAGE);
	for (size_t i = 0; i < n_orgs; i++)
		pg.total += orgs[i].role == ROLE_ADVISEUR;
	long long first = pager_offset(&pg), seen = 0;
	if (first >= pg.total) { /* past the last page: the first one */
		pg.page = 1;
		first = 0;
	}
	struct coached *c = arena_alloc(a, AD_PER_PAGE * sizeof(*c));
	size_t n = 0;
	for (size_t i = 0; i < n_orgs && n < AD_PER_PAGE; i++) {
		if (orgs[i].role != ROLE_ADVISEUR)
			continue;
		if (seen++ < first)
			continue;
		c[n].org = orgs[i];
		if (load(r, &c[n]) != 0)
			return HANDLER_ERROR;
		n++;
	}
	const struct meetlat_instrument *cur = instrument_meetlat();
	struct html h;
	page_begin(r, &h, T(AD_TITLE));
	html(&h, "<h1 class=\"utrecht-heading-1\">%s</h1>", T(AD_TITLE));
	if (n == 0) {
		html(&h, "<p class=\"utrecht-paragraph kring-lead\">%s</p>", T(AD_NONE));
		page_end(r, &h, 200);
		return HANDLER_OK;
	}
	html(&h, "<p class=\"utrecht-paragraph kring-lead\">%s</p>", T(AD_INTRO));
	/* knowledge (issue 11): what the libraries share with their advisers */
	html(&h,
	     "<p class=\"utrecht-paragraph kring-noprint\"><a class=\"utrecht-link "
	     "kring-strong-link\" href=\"/adviser/knowledge\">%s</a></p>",
	     T(KN_ADVISER_LINK));
	html(&h,
	     "<div class=\"kring-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"%s\">"
	     "<table class=\"utrecht-table kring-table kring-num "
	     "kring-adviser\"><caption class=\"utrecht-table__caption\">%s</caption>"
	     "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>",
	     T(AD_CAPTION), T(AD_CAPTION), T(ML_BOUWSTEEN));
	for (size_t i = 0; i < n; i++)
		html(&h,
		     "<th class=\"utrecht-table__header-cell\" scope=\"col\"><a "
		     "class=\"utrecht-link\" "
		     "href=\"/o/%s/meetlat\">%s</a></th>",
		     c[i].org.slug, c[i].org.name);
	html(&h, "</tr></thead><tbody class=\"utrecht-table__body\">");

	/* the last round */
	html(&h,
	     "<tr class=\"utrecht-table__row\"><th class=\"utrecht-table__header-cell\" "
	     "scope=\"row\">%s</th>",
	     T(AD_LAST_ROUND));
	for (size_t i = 0; i < n; i++) {
		if (!c[i].has_last)
			html(&h, "<td class=\"utrecht-table__cell\">%s</td>", T(AD_NO_ROUND));
		else
			html(&h,
			     "<td class=\"utrecht-table__cell\"><a class=\"utrecht-link\" "
			     "href=\"/o/%s/meetlat/%lld\">%s</a><br><span class=\"kring-muted "
			     "kring-small\">%s · %s</span></td>",
			     c[i].org.slug, c[i].last.id, c[i].last.title,
			     fmt_date(a, c[i].last.closed_at),
			     TN_printf(a, AD_RESPONSE_COUNT, c[i].last.n_responses,
			               c[i].last.n_responses));
	}
	html(&h, "</tr>");

	/* per bouwsteen: mean and trend */
	for (size_t b = 0; b < cur->n_bouwstenen; b++) {
		const char *id = cur->bouwstenen[b].id;
		html(&h,
		     "<tr class=\"utrecht-table__row\"><th class=\"utrecht-table__header-cell\" "
		     "scope=\"row\">%s</th>",
		     cur->bouwstenen[b].name);
		for (size_t i = 0; i < n; i++) {
			const struct ml_stat *now =
			    c[i].has_last ? stat_of(&c[i].last_in, &c[i].last_s, id) : NULL;
			if (now == NULL || now->n == 0) {
				html(&h, "<td class=\"utrecht-table__cell\">–</td>");
				continue;
			}
			const struct ml_stat *before =
			    c[i].has_prev ? stat_of(&c[i].prev_in, &c[i].prev_s, id) : NULL;
			int t = before ? ml_trend(now, before) : 0;
			char buf[8];
			html(&h,
			     "<td class=\"utrecht-table__cell%s\">%s <span class=\"kring-trend "
			     "kring-trend--%s\" aria-hidden=\"true\">%s</span><span "
			     "class=\"kring-sr\">(%s)</span></td>",
			     ml_weak(&c[i].last_in, now) ? " kring-cell--weak" : "",
			     ml_fmt1(buf, now->mean),
			     t > 0   ? "up"
			     : t < 0 ? "down"
			             : "same",
			     t > 0   ? "▲"
			     : t < 0 ? "▼"
			             : "–",
			     t > 0   ? T(ML_UP)
			     : t < 0 ? T(ML_DOWN)
			             : T(ML_SAME));
		}
		html(&h, "</tr>");
	}

	/* fase */
	html(&h,
	     "<tr class=\"utrecht-table__row kring-row--phase\"><th "
	     "class=\"utrecht-table__header-cell\" scope=\"row\">%s</th>",
	     T(ML_PHASE));
	for (size_t i = 0; i < n; i++) {
		if (!c[i].has_last || c[i].phase.fase == 0)
			html(&h, "<td class=\"utrecht-table__cell\">–</td>");
		else
			html(&h, "<td class=\"utrecht-table__cell\"><strong>%d</strong> %s</td>",
			     c[i].phase.fase, c[i].last_in.phases[c[i].phase.rule].title);
	}
	html(&h, "</tr>");

	/* an open round */
	html(&h,
	     "<tr class=\"utrecht-table__row\"><th class=\"utrecht-table__header-cell\" "
	     "scope=\"row\">%s</th>",
	     T(AD_OPEN_ROUND));
	for (size_t i = 0; i < n; i++) {
		if (c[i].open_responses < 0)
			html(&h, "<td class=\"utrecht-table__cell\">–</td>");
		else
			html(&h,
			     "<td class=\"utrecht-table__cell\">%s<br><span class=\"kring-muted "
			     "kring-small\">%s</span></td>",
			     c[i].open_title,
			     TN_printf(a, AD_RESPONSE_COUNT, c[i].open_responses,
			               c[i].open_responses));
	}
	html(&h, "</tr>");

	/* signals (issue 10): how many, and the way to the library's dashboard */
	html(&h,
	     "<tr class=\"utrecht-table__row\"><th class=\"utrecht-table__header-cell\" "
	     "scope=\"row\">%s</th>",
	     T(ADVISER_SIGNALS));
	for (size_t i = 0; i < n; i++)
		html(&h,
		     "<td class=\"utrecht-table__cell\"><a class=\"utrecht-link\" "
		     "href=\"/o/%s/signals\">%s</a><br><a class=\"utrecht-link kring-small\" "
		     "href=\"/o/%s/dashboard\">%s<span class=\"kring-sr\"> %s</span></a></td>",
		     c[i].org.slug, TN_printf(a, SIG_COUNT, c[i].signals, c[i].signals),
		     c[i].org.slug, T(ADVISER_DASHBOARD), c[i].org.name);
	html(&h, "</tr></tbody></table></div>");
	pager_nav(&h, &pg);
	html(&h, "<p class=\"utrecht-paragraph kring-muted kring-small\">%s</p>", T(AD_TREND_NOTE));
	page_end(r, &h, 200);
	return HANDLER_OK;
}
