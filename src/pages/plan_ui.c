/*
 * plan_ui.c - labels, hours and money, and the community page's block for
 * the cycle, POST-O and project plan (see plan_ui.h).
 */
#include "plan_ui.h"

#include <stdio.h>
#include <string.h>

#include "../core/cycle.h"
#include "../core/plan.h"
#include "../core/vocab.h"
#include "../i18n/text.h"
#include "../util/clock.h"
#include "community_ui.h"
#include "respond.h"

static const char *label_of(const char *const *list, int first, const char *name)
{
	int k = vocab_index(list, name);
	return k < 0 ? "" : TX(first + k);
}

const char *cycle_stage_label(const char *stage)
{
	return label_of(cycle_stages, TXT_CY_STAGE_ACTIVITY, stage);
}

const char *cycle_condition_label(const char *kind)
{
	return label_of(cycle_conditions, TXT_CY_COND_ACCESS, kind);
}

const char *cycle_rating_label(const char *rating)
{
	return label_of(cycle_ratings, TXT_CY_RATING_WEAK, rating);
}

const char *plan_status_label(const char *status)
{
	return label_of(plan_statuses, TXT_PL_STATUS_OPEN, status);
}

/* Whole euros with a '.' between groups of three ("1.234"). */
static const char *grouped(struct arena *a, long long v)
{
	char digits[32], out[48];
	int n = snprintf(digits, sizeof(digits), "%lld", v), o = 0;
	for (int i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = '.';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	return arena_strdup(a, out);
}

const char *plan_money(struct arena *a, long long cents)
{
	return arena_printf(a, "€ %s,%02lld", grouped(a, cents / 100), cents % 100);
}

const char *plan_money_input(struct arena *a, long long cents)
{
	if (cents == 0)
		return "";
	return arena_printf(a, "%lld,%02lld", cents / 100, cents % 100);
}

const char *plan_hours(struct arena *a, long long minutes)
{
	long long h = minutes / 60, m = minutes % 60;
	if (m == 0)
		return arena_printf(a, "%lld", h);
	if (m % 3 == 0) { /* exact in hundredths of an hour */
		long long frac = m * 100 / 60;
		return frac % 10 == 0 ? arena_printf(a, "%lld,%lld", h, frac / 10)
		                      : arena_printf(a, "%lld,%02lld", h, frac);
	}
	return arena_printf(a, "%lld:%02lld", h, m);
}

const char *plan_hours_input(struct arena *a, long long minutes)
{
	return minutes == 0 ? "" : plan_hours(a, minutes);
}

bool plan_read_money(struct form *f, const char *name, long long *cents)
{
	*cents = 0;
	switch (plan_parse_cents(form_value(f, name), cents)) {
	case PLAN_NUM_OK:
	case PLAN_NUM_EMPTY:
		return true;
	case PLAN_NUM_NEGATIVE:
		form_error(f, name, T(PL_MONEY_NEGATIVE));
		return false;
	case PLAN_NUM_TOO_LARGE:
		form_error(f, name, T(PL_MONEY_TOO_LARGE));
		return false;
	case PLAN_NUM_PRECISION:
		form_error(f, name, T(PL_MONEY_PRECISION));
		return false;
	default:
		form_error(f, name, T(PL_MONEY_BAD));
		return false;
	}
}

bool plan_read_hours(struct form *f, const char *name, long long *minutes)
{
	*minutes = 0;
	switch (plan_parse_minutes(form_value(f, name), minutes)) {
	case PLAN_NUM_OK:
	case PLAN_NUM_EMPTY:
		return true;
	case PLAN_NUM_NEGATIVE:
		form_error(f, name, T(PL_HOURS_NEGATIVE));
		return false;
	case PLAN_NUM_TOO_LARGE:
		form_error(f, name, T(PL_HOURS_TOO_LARGE));
		return false;
	case PLAN_NUM_PRECISION:
		form_error(f, name, T(PL_HOURS_PRECISION));
		return false;
	default:
		form_error(f, name, T(PL_HOURS_BAD));
		return false;
	}
}

const char *plan_community_url(struct req *r, long long community_id, const char *suffix)
{
	return arena_printf(&r->arena, "/o/%s/communities/%lld%s", r->org_slug, community_id,
	                    suffix);
}

void plan_profile_section(struct req *r, struct html *h, long long community_id)
{
	struct cycle_move cur;
	struct plan_task *tasks;
	size_t n;
	int has = cycle_current(r->db, &r->arena, r->org_id, community_id, &cur);
	if (has < 0 || plan_task_list(r->db, &r->arena, r->org_id, community_id, &tasks, &n) != 0) {
		respond_section_failed(r, h, "plan");
		return;
	}
	char today[16];
	clock_today(today);
	struct plan_totals tot;
	plan_totals_of(tasks, n, today, &tot);
	html(h,
	     "<section class=\"kring-card\" id=\"plan\" aria-labelledby=\"h-plan\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-plan\">%s</h2>"
	     "<p class=\"utrecht-paragraph kring-small kring-muted\">%s</p><p "
	     "class=\"utrecht-paragraph\">",
	     T(CP_TITLE), T(CP_INTRO));
	if (has == 1)
		html(h, "%s",
		     T_printf(&r->arena, CP_STAGE, cycle_stage_label(cur.stage),
		              ui_date(&r->arena, cur.since_on)));
	else
		html(h, "%s", T(CP_NO_STAGE));
	html(h, "<br>%s</p>",
	     TN_printf(&r->arena, CP_PLAN, (long long)n, (long long)n, tot.n_overdue));
	html(h,
	     "<ul class=\"kring-plain-list kring-noprint\"><li><a class=\"utrecht-link\" "
	     "href=\"%s\">%s</a></li><li><a class=\"utrecht-link\" href=\"%s\">%s</a></li>"
	     "<li><a class=\"utrecht-link\" href=\"%s\">%s</a></li></ul></section>",
	     plan_community_url(r, community_id, "/cycle"), T(CY_TITLE),
	     plan_community_url(r, community_id, "/post-o"), T(PO_TITLE),
	     plan_community_url(r, community_id, "/plan"), T(PL_TITLE));
}
