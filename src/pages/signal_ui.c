/*
 * signal_ui.c - the words of each kind of signal (see signal_ui.h).
 */
#include <string.h>

#include "../i18n/text.h"
#include "community_ui.h"
#include "respond.h"
#include "signal_ui.h"
#include "plan_ui.h" /* issue 11b: hours and money */

/* The texts of each kind are consecutive in nl.def, in the order of enum signal_kind. */
_Static_assert(TXT_SIGK_PLAN_MONEY_OVER - TXT_SIGK_ROLE_MISSING == SIG_N - 1, "kind names");
_Static_assert(TXT_SIGL_PLAN_MONEY_OVER - TXT_SIGL_ROLE_MISSING == SIG_N - 1, "kind lessons");
_Static_assert(TXT_SIGF_PLAN_MONEY_OVER - TXT_SIGF_ROLE_MISSING == SIG_N - 1, "kind fixes");

const char *sig_kind_label(int kind)
{
	return kind >= 0 && kind < SIG_N ? TX(TXT_SIGK_ROLE_MISSING + kind) : "";
}

const char *sig_lesson(int kind)
{
	return kind >= 0 && kind < SIG_N ? TX(TXT_SIGL_ROLE_MISSING + kind) : "";
}

const char *sig_fix_label(int kind)
{
	return kind >= 0 && kind < SIG_N ? TX(TXT_SIGF_ROLE_MISSING + kind) : "";
}

/* The sentence per missing role (lesson 1), from the bits of a role_missing signal. */
static const char *missing_roles(struct arena *a, long long bits)
{
	const char *out = "";
	for (int k = 0; k < 3; k++)
		if ((bits >> k) & 1)
			out = arena_printf(a, "%s%s%s", out, out[0] ? " " : "",
			                   TX(TXT_SIGNAL_MISSING_BOUWER + k));
	return out;
}

const char *sig_sentence(struct req *r, const struct signal *s)
{
	struct arena *a = &r->arena;
	switch (s->kind) {
	case SIG_ROLE_MISSING:
		return missing_roles(a, s->n1);
	case SIG_TOO_MANY_STAFF:
		return T_printf(a, SIGS_TOO_MANY_STAFF, s->n1);
	case SIG_NO_CONTACT:
		return s->note[0] ? T_printf(a, SIGS_NO_CONTACT, ui_date(a, s->note))
		                  : T(SIGS_NO_CONTACT_NEVER);
	case SIG_ACTIONS_LATE:
		return TN_printf(a, SIGS_ACTIONS_LATE, s->n1, s->n1, ui_date(a, s->note));
	case SIG_REPORT_NOT_SENT:
		return TN_printf(a, SIGS_REPORT_NOT_SENT, s->n1, s->n1, ui_date(a, s->note));
	case SIG_NO_SHARED_GOAL:
		return T(SIGS_NO_SHARED_GOAL);
	case SIG_NO_MEASURABLE:
		return T(SIGS_NO_MEASURABLE);
	case SIG_SUBGOAL_BEHIND:
		return s->n1 == 1 ? T_printf(a, SIGS_SUBGOAL_BEHIND_ONE, s->note)
		                  : T_printf(a, SIGS_SUBGOAL_BEHIND_OTHER, s->n1, s->note);
	case SIG_MADE_BY_LOW:
		return T_printf(a, SIGS_MADE_BY_LOW, s->n2, s->n1);
	case SIG_STOPPED_EARLY:
		return T_printf(a, SIGS_STOPPED_EARLY, s->n1, ui_date(a, s->note));
	case SIG_DOOR_EMPTY:
		return T(SIGS_DOOR_EMPTY);
	case SIG_MORE_NEEDS:
		return T_printf(a, SIGS_MORE_NEEDS, s->n1, s->n2);
	case SIG_STAFF_IDLE:
		return T_printf(a, SIGS_STAFF_IDLE, s->person_name);
	case SIG_STAFF_OVERLOADED:
		return T_printf(a, SIGS_STAFF_OVERLOADED, s->person_name, s->n1, s->n2);
	case SIG_PLAN_OVERDUE: /* issue 11b */
		return TN_printf(a, SIGS_PLAN_OVERDUE, s->n1, s->n1, ui_date(a, s->note));
	case SIG_PLAN_HOURS_OVER:
		return T_printf(a, SIGS_PLAN_HOURS_OVER, plan_hours(a, s->n1),
		                plan_hours(a, s->n2));
	case SIG_PLAN_MONEY_OVER:
		return T_printf(a, SIGS_PLAN_MONEY_OVER, plan_money(a, s->n1),
		                plan_money(a, s->n2));
	default:
		return "";
	}
}

const char *sig_fix_url(struct req *r, const struct signal *s)
{
	const char *slug = r->org_slug;
	long long c = s->community_id;
	switch (s->kind) {
	case SIG_ROLE_MISSING:
	case SIG_TOO_MANY_STAFF:
		return ui_community_url(r, c, "#medewerkers");
	case SIG_NO_CONTACT:
		return arena_printf(&r->arena, "/o/%s/conversations/new?community=%lld", slug, c);
	case SIG_ACTIONS_LATE:
		return arena_printf(&r->arena, "/o/%s/conversations#open-actiepunten", slug);
	case SIG_REPORT_NOT_SENT:
		return c ? arena_printf(&r->arena, "/o/%s/conversations?community=%lld", slug, c)
		         : arena_printf(&r->arena, "/o/%s/conversations", slug);
	case SIG_NO_SHARED_GOAL:
	case SIG_NO_MEASURABLE:
	case SIG_SUBGOAL_BEHIND:
		return arena_printf(&r->arena, "/o/%s/goals?community=%lld", slug, c);
	case SIG_MADE_BY_LOW:
		return arena_printf(&r->arena, "/o/%s/activities?community=%lld", slug, c);
	case SIG_DOOR_EMPTY:
		return ui_community_url(r, c, "#lijst-door");
	case SIG_MORE_NEEDS:
		return ui_community_url(r, c, "#lijst-sterkte");
	case SIG_STAFF_IDLE:
		return arena_printf(&r->arena, "/o/%s/communities", slug);
	case SIG_STAFF_OVERLOADED:
		return arena_printf(&r->arena, "/o/%s/communities?wie=%lld", slug, s->person_id);
	case SIG_PLAN_OVERDUE: /* issue 11b */
	case SIG_PLAN_HOURS_OVER:
	case SIG_PLAN_MONEY_OVER:
		return ui_community_url(r, c, "/plan");
	default:
		return ui_community_url(r, c, "");
	}
}

void sig_item(struct req *r, struct html *h, const struct signal *s, bool community)
{
	if (community && s->community_name[0])
		html(h, "<span class=\"kring-signal__where\">%s</span> ", s->community_name);
	html(h,
	     "<strong class=\"kring-signal__what\">%s</strong> "
	     "<span class=\"kring-signal__lesson\">%s</span> "
	     "<a class=\"utrecht-link kring-noprint\" href=\"%s\">%s</a>",
	     sig_sentence(r, s), sig_lesson(s->kind), sig_fix_url(r, s), sig_fix_label(s->kind));
}

/* The kinds mended on the profile itself (werkblad 2 and 3, the staff); the
 * others are on Aandacht nodig, where their work is. */
static bool profile_kind(int kind)
{
	return kind == SIG_ROLE_MISSING || kind == SIG_TOO_MANY_STAFF || kind == SIG_MORE_NEEDS ||
	       kind == SIG_DOOR_EMPTY || kind == SIG_STOPPED_EARLY;
}

void sig_community_box(struct req *r, struct html *h, long long community_id)
{
	struct signal *v;
	size_t n;
	char today[16];
	signal_today(today);
	if (signals_of_community(r->db, &r->arena, r->org_id, community_id, today, &v, &n) != 0) {
		respond_section_failed(r, h, "signalen");
		return;
	}
	size_t shown = 0;
	for (size_t i = 0; i < n; i++)
		shown += profile_kind(v[i].kind);
	if (shown == 0)
		return;
	html(h,
	     "<section class=\"kring-signals\" aria-labelledby=\"h-signalen\">"
	     "<h2 class=\"utrecht-heading-3\" id=\"h-signalen\">%s</h2>"
	     "<p class=\"utrecht-paragraph kring-muted\">%s</p><ul class=\"kring-signal-list\">",
	     T(SIGNALS_TITLE), T(SIGNALS_INTRO));
	for (size_t i = 0; i < n; i++) {
		if (!profile_kind(v[i].kind))
			continue;
		html(h, "<li class=\"kring-signal\">");
		sig_item(r, h, &v[i], false);
		html(h, "</li>");
	}
	html(h, "</ul></section>");
}

void sig_short_cell(struct req *r, struct html *h, const struct signal *v, size_t n,
                    long long community_id)
{
	(void)r;
	size_t shown = 0;
	for (size_t i = 0; i < n; i++) {
		if (v[i].community_id != community_id)
			continue;
		if (shown++ == 0)
			html(h, "<ul class=\"kring-plain-list kring-signal-short\">");
		if (v[i].kind == SIG_ROLE_MISSING) {
			for (int k = 0; k < 3; k++)
				if ((v[i].n1 >> k) & 1)
					html(h, "<li>%s</li>", TX(TXT_SIGNAL_SHORT_BOUWER + k));
		} else if (v[i].kind == SIG_TOO_MANY_STAFF) {
			html(h, "<li>%s</li>", T(SIGNAL_SHORT_TOO_MANY));
		} else if (v[i].kind == SIG_MORE_NEEDS) {
			html(h, "<li>%s</li>", T(SIGNAL_SHORT_NEEDS));
		} else {
			html(h, "<li>%s</li>", sig_kind_label(v[i].kind));
		}
	}
	if (shown == 0)
		html(h, "<span class=\"kring-muted\">%s</span>", T(NO_SIGNALS));
	else
		html(h, "</ul>");
}
