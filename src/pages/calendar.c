/*
 * calendar.c - the month calendar of activities (/o/<slug>/calendar) and
 * the beheerder's page of calendar feeds (/o/<slug>/calendar/feeds). The
 * feeds themselves are in calendar_ics.c.
 *
 * The month is a <table>, Monday first, that works without JavaScript; on
 * a narrow screen the same activities show as a list by day (the other
 * view is hidden with CSS). Printing uses the table.
 *
 * Who sees a feed link: a key is stored only as its hash, so a link can be
 * shown once, right after the beheerder made it. The beheerder hands it to
 * colleagues; staff see on the calendar that they can ask for it. A link
 * kept readable in the database would be a standing password there.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../auth/roles.h"
#include "../core/calendar.h"
#include "../http/decode.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "calendar_ui.h"
#include "pages.h"
#include "respond.h"

/* Today as year, month, day (local time). */
static void today(int *y, int *m, int *d)
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	*y = tm.tm_year + 1900;
	*m = tm.tm_mon + 1;
	*d = tm.tm_mday;
}

/* "YYYY-MM" of a month, in a. */
static const char *month_key(struct arena *a, int y, int m)
{
	return arena_printf(a, "%04d-%02d", y, m);
}

/* "?month=YYYY-MM&community=ID" of a month page, "" parts left out. */
static const char *month_query(struct arena *a, int y, int m, long long community)
{
	if (community)
		return arena_printf(a, "?month=%04d-%02d&community=%lld", y, m, community);
	return arena_printf(a, "?month=%04d-%02d", y, m);
}

/* A bad month: a Dutch 400 page with the way back to this month. */
static int bad_month(struct req *r)
{
	struct html h;
	page_begin(r, &h, T(CAL_BAD_MONTH_TITLE));
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph\">%s</p>"
	     "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/o/%s/calendar\">%s"
	     "</a></p>",
	     T(CAL_BAD_MONTH_TITLE), T(CAL_BAD_MONTH), r->org_slug, T(CAL_BAD_MONTH_LINK));
	page_end(r, &h, 400);
	return HANDLER_OK;
}

/* One activity as a line of the grid or the list. */
static void activity_line(struct req *r, struct html *h, const struct cal_activity *v)
{
	bool cancelled = strcmp(v->status, "cancelled") == 0;
	html(h, "<li class=\"kring-cal-act%s\">", cancelled ? " kring-cal-act--cancelled" : "");
	html(h, "<a class=\"utrecht-link\" href=\"/o/%s/activities/%lld\">", r->org_slug, v->id);
	if (v->starts_at[0])
		html(h, "<span class=\"kring-cal-time\">%s</span> ", v->starts_at);
	html(h, "%s</a> <span class=\"kring-cal-made kring-cal-made--%s\">%s</span>", v->title,
	     v->made, cal_made_label(v->made));
	if (cancelled)
		html(h, " <span class=\"kring-cal-cancelled\">(%s)</span>", T(CAL_CANCELLED));
	html(h, "</li>");
}

/* The filter: one community, or all of them. */
static void filter_form(struct req *r, struct html *h, const char *month,
                        const struct cal_community *cs, size_t n, long long current)
{
	html(h,
	     "<form class=\"kring-filters kring-noprint\" method=\"get\" action=\"/o/%s/calendar\" "
	     "aria-labelledby=\"h-cal-filter\"><h2 class=\"kring-sr\" id=\"h-cal-filter\">%s</h2>"
	     "<input type=\"hidden\" name=\"month\" value=\"%s\">"
	     "<div class=\"kring-filter\"><label class=\"utrecht-form-label\" "
	     "for=\"filter-community\">%s</label><select class=\"utrecht-select\" "
	     "id=\"filter-community\" name=\"community\"><option value=\"\">%s</option>",
	     r->org_slug, T(CAL_FILTER_TITLE), month, T(CAL_FILTER_COMMUNITY), T(CAL_FILTER_ALL));
	for (size_t i = 0; i < n; i++)
		html(h, "<option value=\"%lld\"%s>%s</option>", cs[i].id,
		     cs[i].id == current ? " selected" : "", cs[i].name);
	html(h,
	     "</select></div><div class=\"kring-filter kring-filter--buttons\"><button "
	     "class=\"utrecht-button utrecht-button--secondary-action\" type=\"submit\">%s</button>"
	     "</div></form>",
	     T(CAL_FILTER_APPLY));
}

/* Index of the first activity on day d (acts sorted by date), from *k on. */
static size_t day_end(const struct cal_activity *acts, size_t n, size_t k, const char *day)
{
	while (k < n && strcmp(acts[k].held_on, day) == 0)
		k++;
	return k;
}

int page_calendar(struct req *r)
{
	int ty, tm, td, y, m;
	today(&ty, &tm, &td);
	const char *mv = req_query(r, "month");
	if (mv == NULL || mv[0] == '\0') {
		y = ty;
		m = tm;
	} else if (!calendar_month_parse(mv, &y, &m)) {
		return bad_month(r);
	}
	struct cal_community *cs;
	size_t n_cs;
	if (calendar_communities(r->db, &r->arena, r->org_id, r->only_attached, &cs, &n_cs) != 0)
		return HANDLER_ERROR;
	long long community = 0;
	const char *cv = req_query(r, "community");
	if (cv && cv[0]) {
		community = form_id_or_zero(cv);
		bool known = false;
		for (size_t i = 0; i < n_cs; i++)
			known = known || cs[i].id == community;
		if (!known) /* another organisation's, not theirs, or junk: as if it did not exist */
			return respond_not_found(r);
	}
	int py = m == 1 ? y - 1 : y, pm = m == 1 ? 12 : m - 1;
	int ny = m == 12 ? y + 1 : y, nm = m == 12 ? 1 : m + 1;
	const char *from = arena_printf(&r->arena, "%04d-%02d-01", y, m);
	const char *to = arena_printf(&r->arena, "%04d-%02d-01", ny, nm);
	struct cal_activity *acts;
	size_t n;
	if (calendar_month_activities(r->db, &r->arena, r->org_id, r->only_attached, community,
	                              from, to, &acts, &n) != 0)
		return HANDLER_ERROR;

	const char *title = T_printf(&r->arena, CAL_MONTH_YEAR, cal_month_name(m), y);
	struct html h;
	page_begin(r, &h, arena_printf(&r->arena, "%s: %s", T(CAL_TITLE), title));
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s <span class=\"kring-cal-month\">%s</span></h1>"
	     "<p class=\"utrecht-paragraph kring-lead\">%s</p>",
	     T(CAL_TITLE), title, r->only_attached ? T(CAL_INTRO_AMBASSADOR) : T(CAL_INTRO));

	/* months before and after (within the years a month may have), and this one */
	html(&h, "<nav class=\"kring-cal-nav kring-noprint\" aria-label=\"%s\">", T(CAL_MONTH_NAV));
	if (py >= 1900)
		html(&h,
		     "<a class=\"utrecht-link\" href=\"/o/%s/calendar%s\" rel=\"prev\">&larr; %s "
		     "<span class=\"kring-sr\">(%s)</span></a>",
		     r->org_slug, month_query(&r->arena, py, pm, community),
		     T_printf(&r->arena, CAL_MONTH_YEAR, cal_month_name(pm), py), T(CAL_PREV));
	if (y != ty || m != tm)
		html(&h, "<a class=\"utrecht-link\" href=\"/o/%s/calendar%s\">%s</a>", r->org_slug,
		     month_query(&r->arena, ty, tm, community), T(CAL_THIS_MONTH));
	if (ny <= 2999)
		html(&h,
		     "<a class=\"utrecht-link\" href=\"/o/%s/calendar%s\" rel=\"next\">%s "
		     "<span class=\"kring-sr\">(%s)</span> &rarr;</a>",
		     r->org_slug, month_query(&r->arena, ny, nm, community),
		     T_printf(&r->arena, CAL_MONTH_YEAR, cal_month_name(nm), ny), T(CAL_NEXT));
	html(&h, "</nav>");

	if (n_cs > 1 || community)
		filter_form(r, &h, month_key(&r->arena, y, m), cs, n_cs, community);

	html(&h,
	     "<p class=\"utrecht-paragraph kring-cal-legend\">%s "
	     "<span class=\"kring-cal-made kring-cal-made--voor\">%s</span> %s; "
	     "<span class=\"kring-cal-made kring-cal-made--met\">%s</span> %s; "
	     "<span class=\"kring-cal-made kring-cal-made--door\">%s</span> %s.</p>",
	     T(CAL_LEGEND), T(CAL_MADE_VOOR), T(CAL_LEGEND_VOOR), T(CAL_MADE_MET),
	     T(CAL_LEGEND_MET), T(CAL_MADE_DOOR), T(CAL_LEGEND_DOOR));
	if (n == 0)
		html(&h, "<p class=\"utrecht-paragraph kring-empty\">%s</p>", T(CAL_NONE));

	/* the grid: weeks from Monday, blank cells outside the month */
	int days = calendar_days_in_month(y, m);
	int lead = calendar_weekday(y, m, 1);
	html(&h,
	     "<div class=\"kring-cal-grid\"><table class=\"kring-cal\"><caption "
	     "class=\"kring-sr\">%s</caption><thead><tr>",
	     title);
	for (int w = 0; w < 7; w++)
		html(&h, "<th scope=\"col\"><abbr title=\"%s\">%s</abbr></th>", cal_weekday_name(w),
		     TX(TXT_CAL_WEEKDAY_SHORT_1 + w));
	html(&h, "</tr></thead><tbody><tr>");
	for (int b = 0; b < lead; b++)
		html(&h, "<td class=\"kring-cal-out\"></td>");
	size_t k = 0;
	for (int d = 1; d <= days; d++) {
		int wd = (lead + d - 1) % 7;
		if (wd == 0 && d > 1)
			html(&h, "</tr><tr>");
		bool is_today = y == ty && m == tm && d == td;
		const char *day = arena_printf(&r->arena, "%04d-%02d-%02d", y, m, d);
		while (k < n && strcmp(acts[k].held_on, day) < 0)
			k++;
		size_t end = day_end(acts, n, k, day);
		if (is_today)
			html(&h,
			     "<td class=\"kring-cal-day kring-cal-day--today\" "
			     "aria-current=\"date\">"
			     "<div class=\"kring-cal-date\">%d",
			     d);
		else
			html(&h, "<td class=\"kring-cal-day\"><div class=\"kring-cal-date\">%d", d);
		if (is_today)
			html(&h, " <span class=\"kring-cal-today\">%s</span>", T(CAL_TODAY));
		html(&h, "</div>");
		if (end > k) {
			html(&h, "<ul class=\"kring-cal-acts\">");
			for (size_t i = k; i < end; i++)
				activity_line(r, &h, &acts[i]);
			html(&h, "</ul>");
		}
		html(&h, "</td>");
		k = end;
	}
	for (int b = (lead + days) % 7; b != 0 && b < 7; b++)
		html(&h, "<td class=\"kring-cal-out\"></td>");
	html(&h, "</tr></tbody></table></div>");

	/* the same as a list by day, for a phone */
	if (n > 0) {
		html(&h, "<div class=\"kring-cal-list\"><h2 class=\"kring-sr\">%s</h2><ol>",
		     T(CAL_LIST_TITLE));
		for (size_t i = 0; i < n;) {
			size_t end = day_end(acts, n, i, acts[i].held_on);
			int d = atoi(acts[i].held_on + 8);
			bool is_today = y == ty && m == tm && d == td;
			html(
			    &h,
			    "<li class=\"kring-cal-list-day\"><h3 class=\"kring-cal-list-date\">%s",
			    T_printf(&r->arena, CAL_DAY_LONG,
			             cal_weekday_name(calendar_weekday(y, m, d)), d,
			             cal_month_name(m)));
			if (is_today)
				html(&h, " <span class=\"kring-cal-today\">%s</span>",
				     T(CAL_TODAY));
			html(&h, "</h3><ul class=\"kring-cal-acts\">");
			for (size_t j = i; j < end; j++)
				activity_line(r, &h, &acts[j]);
			html(&h, "</ul></li>");
			i = end;
		}
		html(&h, "</ol></div>");
	}

	if (r->role & ROLES_ADMIN)
		html(&h,
		     "<p class=\"utrecht-paragraph kring-noprint\"><a class=\"utrecht-link\" "
		     "href=\"/o/%s/calendar/feeds\">%s</a></p>",
		     r->org_slug, T(CAL_FEEDS_LINK));
	else if (r->role & ROLES_STAFF)
		html(&h, "<p class=\"utrecht-paragraph kring-muted kring-noprint\">%s</p>",
		     T(CAL_FEEDS_ASK));
	page_end(r, &h, 200);
	return HANDLER_OK;
}

/* The beheerder's page; with a new link shown once when key is not NULL. */
static int feeds_page(struct req *r, const char *key, long long key_community, const char *key_name)
{
	struct cal_feed_state *fs;
	size_t n;
	if (calendar_feed_states(r->db, &r->arena, r->org_id, &fs, &n) != 0)
		return HANDLER_ERROR;
	struct html h;
	page_begin(r, &h, key ? T(CAL_FEED_NEW_TITLE) : T(CAL_FEEDS_TITLE));
	if (key) {
		const char *host = req_header(r, "Host");
		const char *path =
		    key_community ? arena_printf(&r->arena, "/o/%s/communities/%lld/activities.ics",
		                                 r->org_slug, key_community)
		                  : arena_printf(&r->arena, "/o/%s/activities.ics", r->org_slug);
		const char *link =
		    host && host[0] ? arena_printf(&r->arena, "%s://%s%s?key=%s",
		                                   r->cfg && r->cfg->behind_tls ? "https" : "http",
		                                   host, path, key)
		                    : arena_printf(&r->arena, "%s?key=%s", path, key);
		html(&h,
		     "<h1 class=\"utrecht-heading-1\">%s</h1>"
		     "<div class=\"kring-card\" role=\"status\"><p "
		     "class=\"utrecht-paragraph\">%s</p>"
		     "<label class=\"utrecht-form-label\" for=\"feed-link\">%s</label>"
		     "<input class=\"utrecht-textbox utrecht-textbox--html-input kring-feed-link\" "
		     "id=\"feed-link\" type=\"text\" readonly value=\"%s\">"
		     "<p class=\"utrecht-paragraph kring-muted\">%s</p></div>"
		     "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
		     "href=\"/o/%s/calendar/feeds\">%s</a></p>",
		     T(CAL_FEED_NEW_TITLE), T(CAL_FEED_NEW),
		     T_printf(&r->arena, CAL_FEED_NEW_LABEL, key_name), link, T(CAL_FEED_HOWTO),
		     r->org_slug, T(CAL_FEED_BACK));
		page_end(r, &h, 200);
		return HANDLER_OK;
	}
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>"
	     "<p class=\"utrecht-paragraph\">%s</p>",
	     T(CAL_FEEDS_TITLE), T(CAL_FEEDS_INTRO), T(CAL_FEEDS_ONCE));
	html(&h, "<ul class=\"kring-feed-list\" aria-label=\"%s\">", T(CAL_FEEDS_TITLE));
	for (size_t i = 0; i < n; i++) {
		const char *name = fs[i].community_id ? fs[i].community_name : T(CAL_FEED_ORG);
		const char *state =
		    !fs[i].has_key ? T(CAL_FEED_NO_KEY)
		    : fs[i].key_by[0]
		        ? T_printf(&r->arena, CAL_FEED_KEY_BY,
		                   fmt_date(&r->arena, fs[i].key_created_at), fs[i].key_by)
		        : T_printf(&r->arena, CAL_FEED_KEY_AT,
		                   fmt_date(&r->arena, fs[i].key_created_at));
		html(&h,
		     "<li class=\"kring-feed\"><div class=\"kring-feed__what\"><strong>%s</strong>"
		     "<span class=\"kring-muted\">%s</span></div>",
		     name, state);
		form_begin(&h, r, arena_printf(&r->arena, "/o/%s/calendar/feeds", r->org_slug));
		html(&h,
		     "<input type=\"hidden\" name=\"community\" value=\"%lld\">"
		     "<button class=\"utrecht-button utrecht-button--secondary-action\" "
		     "type=\"submit\">%s<span class=\"kring-sr\">: "
		     "%s</span></button></form></li>",
		     fs[i].community_id, fs[i].has_key ? T(CAL_FEED_RENEW) : T(CAL_FEED_MAKE),
		     name);
	}
	html(&h, "</ul>");
	page_end(r, &h, 200);
	return HANDLER_OK;
}

int page_calendar_feeds(struct req *r)
{
	return feeds_page(r, NULL, 0, NULL);
}

int page_calendar_feed_renew(struct req *r)
{
	const char *cv = req_form(r, "community");
	long long community = 0;
	if (cv == NULL || (strcmp(cv, "0") != 0 && (community = form_id_or_zero(cv)) == 0)) {
		resp_error(r, 400);
		return HANDLER_OK;
	}
	const char *key = NULL;
	enum save_result rc =
	    calendar_key_renew(r->db, &r->arena, r->org_id, r->person_id, community, &key);
	if (rc != SAVE_OK)
		return respond_failed(r, rc);
	const char *name = T(CAL_FEED_ORG);
	if (community) {
		struct cal_community *cs;
		size_t n;
		if (calendar_communities(r->db, &r->arena, r->org_id, 0, &cs, &n) != 0)
			return HANDLER_ERROR;
		for (size_t i = 0; i < n; i++)
			if (cs[i].id == community)
				name = cs[i].name;
	}
	return feeds_page(r, key, community, name);
}
