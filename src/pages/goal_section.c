/*
 * goal_section.c - what the goal pages share (see goal_ui.h), the "Doelen"
 * section of a community's profile, and the organisation's overview of
 * every community's shared goals (/o/<slug>/goals).
 */
#include <stdlib.h>
#include <string.h>

#include "../auth/roles.h"
#include "../core/partner.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "goal_ui.h"
#include "pages.h"
#include "respond.h"

const char *goal_url(struct req *r, long long community_id, const char *suffix)
{
	return arena_printf(&r->arena, "/o/%s/communities/%lld/goals%s", r->org_slug, community_id,
	                    suffix);
}

const char *goal_who(struct req *r, const char *who, bool is_amb)
{
	if (who == NULL || who[0] == '\0')
		return "";
	return is_amb ? T_printf(&r->arena, GOAL_BY_AMB, who) : T_printf(&r->arena, GOAL_BY, who);
}

const char *goal_measure_label(const struct subgoal *s)
{
	if (strcmp(s->measure, "custom") == 0 && s->measure_name[0])
		return s->measure_name;
	int k = vocab_index(goal_measures, s->measure);
	return k >= 0 ? TX(TXT_MEASURE_MEMBERS + k) : s->measure;
}

const char *goal_state_label(enum goal_state st)
{
	switch (st) {
	case GOAL_ON_SCHEDULE:
		return T(STATE_ON);
	case GOAL_BEHIND:
		return T(STATE_BEHIND);
	case GOAL_REACHED:
		return T(STATE_REACHED);
	default:
		return T(STATE_UNKNOWN);
	}
}

static const char *state_class(enum goal_state st)
{
	switch (st) {
	case GOAL_ON_SCHEDULE:
		return "on";
	case GOAL_BEHIND:
		return "behind";
	case GOAL_REACHED:
		return "reached";
	default:
		return "unknown";
	}
}

/* A number, or a dash when there is none. */
static const char *num(struct req *r, bool has, long long v, bool pct)
{
	if (!has)
		return "–";
	return pct ? arena_printf(&r->arena, "%lld%%", v) : arena_printf(&r->arena, "%lld", v);
}

/* 1 when the community started (YYYY-MM-DD) less than a year before today. */
static bool younger_than_a_year(const char *started, const char *today)
{
	if (started == NULL || strlen(started) < 10 || strlen(today) < 10)
		return false;
	char year_later[11];
	memcpy(year_later, started, 10);
	year_later[10] = '\0';
	int y = atoi(started) + 1;
	year_later[0] = (char)('0' + y / 1000 % 10);
	year_later[1] = (char)('0' + y / 100 % 10);
	year_later[2] = (char)('0' + y / 10 % 10);
	year_later[3] = (char)('0' + y % 10);
	return strcmp(today, year_later) < 0;
}

void goal_progress_view(struct req *r, struct html *h, const struct subgoal *s, const char *today,
                        bool compact)
{
	struct goal_progress p = subgoal_progress(s, today);
	bool pct = strcmp(s->measure, "made_by") == 0;
	html(h,
	     "<div class=\"kring-progress\"><p class=\"kring-progress__state\"><span "
	     "class=\"kring-goal-state kring-goal-state--%s\">%s</span> <span "
	     "class=\"kring-progress__numbers\">%s</span></p>",
	     state_class(p.state), goal_state_label(p.state),
	     T_printf(&r->arena, PROGRESS_NUMBERS, num(r, s->has_value, s->value, pct),
	              num(r, s->has_baseline, s->has_baseline ? s->baseline : 0, pct),
	              num(r, s->has_target, s->target, pct)));
	if (s->has_target && s->has_value) {
		html(h,
		     "<div class=\"kring-progress__row\"><span class=\"kring-progress__what\" "
		     "aria-hidden=\"true\">%s</span><progress max=\"100\" value=\"%d\" "
		     "aria-label=\"%s\">%d%%</progress><span class=\"kring-progress__pct\" "
		     "aria-hidden=\"true\">%d%%</span></div>",
		     T(PROGRESS_WAY), p.done_pct,
		     T_printf(&r->arena, PROGRESS_WAY_LABEL, p.done_pct), p.done_pct, p.done_pct);
		if (p.elapsed_pct >= 0)
			html(h,
			     "<div class=\"kring-progress__row\"><span "
			     "class=\"kring-progress__what\" "
			     "aria-hidden=\"true\">%s</span><progress "
			     "class=\"kring-progress--time\" "
			     "max=\"100\" value=\"%d\" aria-label=\"%s\">%d%%</progress><span "
			     "class=\"kring-progress__pct\" aria-hidden=\"true\">%d%%</span></div>",
			     T(PROGRESS_TIME), p.elapsed_pct,
			     T_printf(&r->arena, PROGRESS_TIME_LABEL, p.elapsed_pct), p.elapsed_pct,
			     p.elapsed_pct);
	}
	html(h, "<p class=\"kring-small kring-muted\">");
	if (strcmp(s->measure, "members") == 0 || strcmp(s->measure, "custom") == 0)
		html(h, "%s",
		     s->has_value ? T_printf(&r->arena, VALUE_HAND, ui_date(&r->arena, s->value_on))
		                  : T(VALUE_NONE));
	else if (s->baseline_on[0])
		html(h, "%s",
		     T_printf(&r->arena, VALUE_COUNTED, ui_date(&r->arena, s->baseline_on)));
	else
		html(h, "%s", T(VALUE_COUNTED_ALL));
	if (s->deadline[0])
		html(h, " · %s", T_printf(&r->arena, DEADLINE_ON, ui_date(&r->arena, s->deadline)));
	if (!compact && s->owner[0])
		html(h, " · %s", T_printf(&r->arena, OWNER_IS, s->owner));
	html(h, "</p>");
	if ((p.state == GOAL_BEHIND || p.state == GOAL_UNKNOWN) &&
	    younger_than_a_year(s->community_started, today))
		html(h, "<p class=\"kring-young\">%s</p>",
		     T_printf(&r->arena, YOUNG, ui_date(&r->arena, s->community_started)));
	html(h, "</div>");
	if (!compact)
		goal_smart_notes(r, h, s, today);
}

void goal_smart_notes(struct req *r, struct html *h, const struct subgoal *s, const char *today)
{
	(void)r;
	unsigned f = subgoal_smart_check(s, today);
	if (subgoal_progress(s, today).state == GOAL_REACHED)
		f &= ~(unsigned)SMART_DEADLINE_PAST;
	if (f == 0)
		return;
	static const struct {
		unsigned flag;
		int text;
	} notes[] = {
	    {SMART_NO_TARGET, TXT_SMART_NO_TARGET},
	    {SMART_NO_DEADLINE, TXT_SMART_NO_DEADLINE},
	    {SMART_DEADLINE_PAST, TXT_SMART_DEADLINE_PAST},
	    {SMART_DEADLINE_BEFORE_BASE, TXT_SMART_DEADLINE_BEFORE_BASE},
	    {SMART_NO_BASELINE, TXT_SMART_NO_BASELINE},
	};
	html(h, "<div class=\"kring-smart\"><p class=\"kring-smart__title\">%s</p><ul>",
	     T(SMART_TITLE));
	for (size_t i = 0; i < sizeof(notes) / sizeof(notes[0]); i++)
		if (f & notes[i].flag)
			html(h, "<li>%s</li>", TX(notes[i].text));
	html(h, "</ul></div>");
}

bool goal_read_number(struct form *f, const char *name, long long max, bool *has, long long *v)
{
	const char *s = form_value(f, name);
	*has = false;
	*v = 0;
	if (s[0] == '\0')
		return true;
	size_t i = s[0] == '-' ? 1 : 0;
	bool digits = s[i] != '\0';
	for (size_t k = i; s[k]; k++)
		digits &= s[k] >= '0' && s[k] <= '9';
	if (!digits) {
		form_error(f, name, TX(TXT_NUM_BAD));
		return false;
	}
	if (i == 1) {
		form_error(f, name, TX(TXT_NUM_NEGATIVE));
		return false;
	}
	if (strlen(s) > 12 || atoll(s) > max) {
		form_error(f, name, max == 100 ? TX(TXT_NUM_PCT_TOO_BIG) : TX(TXT_NUM_TOO_BIG));
		return false;
	}
	*has = true;
	*v = atoll(s);
	return true;
}

/* ---- the "Doelen" section of a community's profile ---- */

void goal_profile_section(struct req *r, struct html *h, long long community_id)
{
	struct goal *goals;
	struct subgoal *subs;
	size_t n_goals, n_subs;
	const char *today = partner_today(&r->arena);
	html(h,
	     "<section class=\"kring-card\" id=\"doelen\" aria-labelledby=\"h-doelen\">"
	     "<h2 class=\"utrecht-heading-2\" id=\"h-doelen\">%s</h2><p class=\"utrecht-paragraph "
	     "kring-small kring-muted\">%s</p>",
	     T(GSEC_TITLE), T(GSEC_INTRO));
	if (goal_list(r->db, &r->arena, r->org_id, community_id, &goals, &n_goals) != 0 ||
	    subgoal_list(r->db, &r->arena, r->org_id, community_id, 0, today, &subs, &n_subs) !=
	        0) {
		respond_section_failed(r, h, "goals");
		html(h, "</section>");
		return;
	}
	if (n_goals == 0)
		html(h, "<p class=\"utrecht-paragraph kring-muted\">%s</p>", T(GSEC_NONE));
	for (size_t i = 0; i < n_goals; i++) {
		int k = vocab_index(goal_kinds, goals[i].kind);
		html(h,
		     "<div class=\"kring-goal-brief\"><p class=\"kring-goal-brief__kind\">%s</p>"
		     "<p class=\"utrecht-paragraph kring-pre\">%s</p>",
		     TX(TXT_GOAL_TEXT_LIBRARY + (k < 0 ? 0 : k)), goals[i].text);
		bool any = false;
		for (size_t j = 0; j < n_subs; j++) {
			if (subs[j].goal_id != goals[i].id)
				continue;
			if (!any)
				html(h, "<ul class=\"kring-subgoal-brief\">");
			any = true;
			html(h,
			     "<li><p class=\"kring-subgoal-brief__title\">%s <span "
			     "class=\"kring-muted\">(%s)</span></p>",
			     subs[j].title, goal_measure_label(&subs[j]));
			goal_progress_view(r, h, &subs[j], today, true);
			html(h, "</li>");
		}
		if (any)
			html(h, "</ul>");
		html(h, "</div>");
	}
	html(h, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"%s\">%s</a></p>",
	     goal_url(r, community_id, ""), T(GSEC_LINK));
	html(h, "</section>");
}

/* ---- every community's shared goals ---- */

int page_goals_overview(struct req *r)
{
	const char *today = partner_today(&r->arena);
	struct subgoal *subs;
	struct goal *goals;
	size_t n_subs, n_all;
	/* the shared goals of the communities this person sees */
	if (subgoal_list(r->db, &r->arena, r->org_id, 0, r->only_attached, today, &subs, &n_subs) !=
	        0 ||
	    goal_shared_all(r->db, &r->arena, r->org_id, r->only_attached, &goals, &n_all) != 0)
		return HANDLER_ERROR;
	struct goal_schedule_counts cnt = {0};
	for (size_t i = 0; i < n_subs; i++) {
		switch (subgoal_progress(&subs[i], today).state) {
		case GOAL_ON_SCHEDULE:
			cnt.on_schedule++;
			break;
		case GOAL_BEHIND:
			cnt.behind++;
			break;
		case GOAL_REACHED:
			cnt.reached++;
			break;
		default:
			cnt.unknown++;
			break;
		}
	}
	struct html h;
	page_begin(r, &h, T(OV_TITLE));
	html(&h,
	     "<h1 class=\"utrecht-heading-1\">%s</h1><p class=\"utrecht-paragraph "
	     "kring-lead\">%s</p>"
	     "<p class=\"utrecht-paragraph\" role=\"status\">%s</p>",
	     T(OV_TITLE), T(OV_INTRO),
	     T_printf(&r->arena, OV_COUNTS, cnt.on_schedule, cnt.behind, cnt.reached, cnt.unknown));
	long long community = 0;
	for (size_t i = 0; i < n_all; i++) {
		long long gid = goals[i].id, cid = goals[i].community_id;
		if (cid != community) {
			if (community)
				html(&h, "</section>");
			community = cid;
			html(&h,
			     "<section class=\"kring-card\" aria-labelledby=\"h-c%lld\"><h2 "
			     "class=\"utrecht-heading-2\" id=\"h-c%lld\"><a class=\"utrecht-link\" "
			     "href=\"%s\">%s</a></h2>",
			     cid, cid, goal_url(r, cid, ""), goals[i].community_name);
		}
		html(
		    &h,
		    "<div class=\"kring-goal-brief\" id=\"doel-%lld\"><p class=\"utrecht-paragraph "
		    "kring-pre\">%s</p>",
		    gid, goals[i].text);
		bool any = false;
		for (size_t j = 0; j < n_subs; j++) {
			if (subs[j].goal_id != gid)
				continue;
			if (!any)
				html(&h, "<ul class=\"kring-subgoal-brief\">");
			any = true;
			html(&h,
			     "<li><p class=\"kring-subgoal-brief__title\">%s <span "
			     "class=\"kring-muted\">(%s)</span></p>",
			     subs[j].title, goal_measure_label(&subs[j]));
			goal_progress_view(r, &h, &subs[j], today, true);
			html(&h, "</li>");
		}
		if (any)
			html(&h, "</ul>");
		else
			html(&h, "<p class=\"utrecht-paragraph kring-muted kring-small\">%s</p>",
			     T(SUB_NONE_SHORT));
		html(&h, "</div>");
	}
	if (community)
		html(&h, "</section>");
	if (n_all == 0)
		html(&h, "<p class=\"utrecht-paragraph kring-empty\">%s</p>", T(OV_NONE));
	page_end(r, &h, 200);
	return HANDLER_OK;
}
