/*
 * community_ui.c - shared pieces of the community screens (see community_ui.h).
 */
#include "community_ui.h"

#include <stdlib.h>
#include <string.h>

#include "../i18n/text.h"
#include "../web/layout.h"

const char *ui_status_label(const char *status)
{
	return vocab_label(community_statuses, TXT_STATUS_GEWENST, status);
}

const char *ui_archetype_label(const char *archetype)
{
	return vocab_label(community_archetypes, TXT_ARCHETYPE_SHORT_PRACTICE, archetype);
}

const char *ui_bond_label(const char *bond)
{
	return vocab_label(community_bonds, TXT_BOND_NAUWELIJKS, bond);
}

const char *ui_action_status_label(const char *status)
{
	return vocab_label(community_action_statuses, TXT_ACTION_IDEE, status);
}

const char *ui_staff_role_label(const char *role)
{
	return vocab_label(community_staff_roles, TXT_STAFF_BOUWER, role);
}

void ui_status_badge(struct html *h, const char *status)
{
	html(h, "<span class=\"kring-badge kring-badge--%s\">%s</span>", status,
	     ui_status_label(status));
}

void ui_action_badge(struct html *h, const char *status)
{
	html(h, "<span class=\"kring-badge kring-badge--%s\">%s</span>", status,
	     ui_action_status_label(status));
}

const char *ui_short(struct arena *a, const char *s, size_t max_chars)
{
	size_t i = 0, chars = 0;
	while (s[i] && chars < max_chars) {
		i++;
		while (((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		chars++;
	}
	if (s[i] == '\0')
		return s;
	return arena_printf(a, "%.*s…", (int)i, s);
}

const char *ui_community_url(struct req *r, long long id, const char *suffix)
{
	return arena_printf(&r->arena, "/o/%s/communities/%lld%s", r->org_slug, id, suffix);
}

const char *ui_date(struct arena *a, const char *ymd)
{
	if (ymd == NULL || strlen(ymd) != 10)
		return "";
	int m = atoi(ymd + 5);
	if (m < 1 || m > 12)
		return ymd;
	return arena_printf(a, "%d %s %.4s", atoi(ymd + 8), TX(TXT_CAL_MONTH_1 + m - 1), ymd);
}

void ui_signals(struct req *r, struct html *h, long long community_id,
                const struct community_signals *s, size_t n_strengths, size_t n_needs)
{
	if (s->n_signals == 0)
		return;
	html(h,
	     "<section class=\"kring-signals\" aria-labelledby=\"h-signalen\">"
	     "<h2 class=\"utrecht-heading-3\" id=\"h-signalen\">%s</h2>"
	     "<p class=\"utrecht-paragraph kring-muted\">%s</p><ul class=\"kring-signal-list\">",
	     T(SIGNALS_TITLE), T(SIGNALS_INTRO));
	const char *staff_url = ui_community_url(r, community_id, "#medewerkers");
	if (s->n_missing > 0) {
		html(h, "<li class=\"kring-signal\">");
		for (int k = 0; k < COMMUNITY_N_ROLES; k++)
			if (s->missing[k])
				html(h, "<strong class=\"kring-signal__what\">%s</strong> ",
				     TX(TXT_SIGNAL_MISSING_BOUWER + k));
		html(h,
		     "<span class=\"kring-signal__lesson\">%s</span> "
		     "<a class=\"utrecht-link\" href=\"%s\">%s</a></li>",
		     T(SIGNAL_LESSON1), staff_url, T(SIGNAL_FIX_STAFF));
	}
	if (s->too_many)
		html(h,
		     "<li class=\"kring-signal\"><strong class=\"kring-signal__what\">%s</strong> "
		     "<span class=\"kring-signal__lesson\">%s</span> "
		     "<a class=\"utrecht-link\" href=\"%s\">%s</a></li>",
		     T_printf(&r->arena, SIGNAL_TOO_MANY, s->n_staff), T(SIGNAL_LESSON6), staff_url,
		     T(SIGNAL_FIX_STAFF));
	if (s->more_needs)
		html(h,
		     "<li class=\"kring-signal\"><strong class=\"kring-signal__what\">%s</strong> "
		     "<span class=\"kring-signal__lesson\">%s</span> "
		     "<a class=\"utrecht-link\" href=\"%s\">%s</a></li>",
		     T_printf(&r->arena, SIGNAL_NEEDS, (int)n_needs, (int)n_strengths),
		     T(SIGNAL_NEEDS_LESSON), ui_community_url(r, community_id, "#lijst-sterkte"),
		     T(SIGNAL_FIX_STRENGTHS));
	html(h, "</ul></section>");
}

void ui_form(struct html *h, struct req *r, const char *action, const char *cls)
{
	html(h,
	     "<form class=\"%s\" method=\"post\" action=\"%s\">"
	     "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
	     cls, action, r->csrf ? r->csrf : "");
}

/* The labels of each vocabulary are consecutive texts in nl.def, in this order. */
_Static_assert(TXT_STATUS_GESTOPT - TXT_STATUS_GEWENST == 5, "status labels out of order");
_Static_assert(TXT_STATUS_HINT_GESTOPT - TXT_STATUS_HINT_GEWENST == 5, "status hints out of order");
_Static_assert(TXT_ARCHETYPE_LOCATION - TXT_ARCHETYPE_PRACTICE == 5, "archetypes out of order");
_Static_assert(TXT_ARCHETYPE_HINT_LOCATION - TXT_ARCHETYPE_HINT_PRACTICE == 5,
               "archetype hints out of order");
_Static_assert(TXT_ARCHETYPE_SHORT_LOCATION - TXT_ARCHETYPE_SHORT_PRACTICE == 5,
               "archetype short labels out of order");
_Static_assert(TXT_BOND_ZEER_STERK - TXT_BOND_NAUWELIJKS == 3, "bonds out of order");
_Static_assert(TXT_ITEM_KIND_VOOR - TXT_ITEM_KIND_STERKTE == 4, "item kinds out of order");
_Static_assert(TXT_ACTION_GEDAAN - TXT_ACTION_IDEE == 2, "action statuses out of order");
_Static_assert(TXT_STAFF_AANJAGER - TXT_STAFF_BOUWER == 2, "staff roles out of order");
_Static_assert(TXT_STAFF_HINT_AANJAGER - TXT_STAFF_HINT_BOUWER == 2, "role hints out of order");
_Static_assert(TXT_SIGNAL_MISSING_AANJAGER - TXT_SIGNAL_MISSING_BOUWER == 2,
               "role signals out of order");
_Static_assert(TXT_SIGNAL_SHORT_AANJAGER - TXT_SIGNAL_SHORT_BOUWER == 2,
               "short role signals out of order");
_Static_assert(TXT_SCAN_LIST_GEWENST - TXT_SCAN_LIST_BESTAAND == 1, "scan lists out of order");
_Static_assert(TXT_SCAN_NOTE_OMGEVING - TXT_SCAN_NOTE_THEMA == 1, "scan notes out of order");
_Static_assert(TXT_SORT_BY_UPDATED - TXT_SORT_BY_NAME == 2, "sort labels out of order");

const char *vocab_label(const char *const *list, int first_text, const char *name)
{
	int i = vocab_index(list, name);
	return i < 0 ? "" : TX(first_text + i);
}
