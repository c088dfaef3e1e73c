/*
 * partner_ui.c - shared pieces of the partner and conversation screens
 * (see partner_ui.h); the sections of a community's page are in
 * partner_sections.c.
 */
#include "partner_ui.h"

#include <stdlib.h>
#include <string.h>

#include "../auth/roles.h"
#include "../core/community.h"
#include "../i18n/text.h"
#include "../web/layout.h"
#include "community_ui.h"
#include "respond.h"

/* The labels of each vocabulary are consecutive texts in nl.def, in this order. */
_Static_assert(TXT_PARTNER_KIND_ANDERS - TXT_PARTNER_KIND_VERENIGING == PARTNER_N_KINDS - 1,
               "partner kinds out of order");
_Static_assert(TXT_CONVERSATION_KIND_BRAINSTORM - TXT_CONVERSATION_KIND_KENNISMAKING ==
                   CONVERSATION_N_KINDS - 1,
               "conversation kinds out of order");

/* Texts read by position: each group is consecutive in nl.def, in this order. */
_Static_assert(TXT_TALK_KIND_HINT_BRAINSTORM - TXT_TALK_KIND_HINT_KENNISMAKING == 3,
               "conversation kind hints out of order");
_Static_assert(TXT_SENT_YES - TXT_SENT_NO == 1, "report sent labels out of order");
_Static_assert(TXT_PSORT_UPDATED - TXT_PSORT_NAME == 3, "partner sort labels out of order");
_Static_assert(TXT_WB4_SUCCESS - TXT_WB4_CHALLENGES == 4, "werkblad 4 boxes out of order");
_Static_assert(TXT_WB5_ABOUT_SUCCESS - TXT_WB5_ABOUT_CHALLENGES == 4,
               "werkblad 5 headings out of order");
_Static_assert(TXT_Q_CHALLENGES_4 - TXT_Q_CHALLENGES_1 == 3 &&
                   TXT_Q_VALUES_2 - TXT_Q_VALUES_1 == 1 && TXT_Q_GOALS_4 - TXT_Q_GOALS_1 == 3 &&
                   TXT_Q_COMMITMENTS_3 - TXT_Q_COMMITMENTS_1 == 2 &&
                   TXT_Q_SUCCESS_3 - TXT_Q_SUCCESS_1 == 2,
               "werkblad 5 questions out of order");

const char *ui_partner_kind_label(const char *kind)
{
	return vocab_label(partner_kinds, TXT_PARTNER_KIND_VERENIGING, kind);
}

const char *ui_conversation_kind_label(const char *kind)
{
	return vocab_label(conversation_kinds, TXT_CONVERSATION_KIND_KENNISMAKING, kind);
}

const char *ui_partner_url(struct req *r, long long id, const char *suffix)
{
	return arena_printf(&r->arena, "/o/%s/partners/%lld%s", r->org_slug, id, suffix);
}

const char *ui_conversation_url(struct req *r, long long id, const char *suffix)
{
	return arena_printf(&r->arena, "/o/%s/conversations/%lld%s", r->org_slug, id, suffix);
}

bool ui_form_version(struct req *r, long long *out)
{
	return form_parse_id(req_form(r, "version"), out);
}

const char *ui_owner_name(struct req *r, const struct action_point *ap)
{
	if (ap->owner_partner_id && ap->owner_name[0]) /* a partner owns it (issue 9) */
		return ap->owner_name;
	if (ap->owner_id == 0 || ap->owner_name[0] == '\0')
		return T(ACTION_NOBODY);
	if (ap->owner_gone)
		return T_printf(&r->arena, ACTION_OWNER_GONE, ap->owner_name);
	return ap->owner_name;
}

void ui_failed_section(struct req *r, struct html *h, const char *id, const char *title)
{
	html(h,
	     "<section class=\"kring-card\" id=\"%s\" aria-labelledby=\"h-%s\"><h2 "
	     "class=\"utrecht-heading-2\" id=\"h-%s\">%s</h2>",
	     id, id, id, title);
	respond_section_failed(r, h, id);
	html(h, "</section>");
}

void ui_conversation_badge(struct html *h, const char *kind)
{
	html(h, "<span class=\"kring-badge kring-badge--talk-%s\">%s</span>", kind,
	     ui_conversation_kind_label(kind));
}

void ui_due(struct req *r, struct html *h, const char *due_on, bool done, const char *today)
{
	if (due_on == NULL || due_on[0] == '\0') {
		html(h, "<span class=\"kring-muted\">%s</span>", T(ACTION_NO_DUE));
		return;
	}
	html(h, "<span class=\"kring-due\">%s</span>",
	     T_printf(&r->arena, ACTION_DUE_ON, ui_date(&r->arena, due_on)));
	if (!done && strcmp(due_on, today) < 0)
		html(h, " <span class=\"kring-badge kring-badge--late\">%s</span>", T(ACTION_LATE));
}

void ui_action_toggle(struct req *r, struct html *h, const struct action_point *ap,
                      const char *back)
{
	ui_form(h, r,
	        ui_conversation_url(r, ap->conversation_id,
	                            arena_printf(&r->arena, "/actions/%lld/done", ap->id)),
	        "kring-tool-form kring-tick-form");
	html(h,
	     "<input type=\"hidden\" name=\"done\" value=\"%s\">"
	     "<input type=\"hidden\" name=\"terug\" value=\"%s\">"
	     "<button class=\"kring-tick%s\" type=\"submit\">"
	     "<span class=\"kring-tick__box\" aria-hidden=\"true\">%s</span><span>%s"
	     "<span class=\"kring-sr\">: %s</span></span></button></form>",
	     ap->done ? "0" : "1", back, ap->done ? " kring-tick--done" : "", ap->done ? "✓" : "",
	     ap->done ? T(ACTION_REOPEN) : T(ACTION_TICK), ui_short(&r->arena, ap->text, 60));
}

/* How a field's value reads to a person: the label of a choice. */
static const char *shown(const struct field_spec *s, const char *v)
{
	if (s->kind != FIELD_SELECT && s->kind != FIELD_RADIO)
		return v;
	for (size_t k = 0; s->options && s->options[k]; k++)
		if (strcmp(s->options[k], v) == 0)
			return field_option_label(s, k);
	return v;
}

void ui_conflict_table(struct html *h, const struct form *mine, const struct form *theirs)
{
	html(h,
	     "<section class=\"kring-conflict\" aria-labelledby=\"h-conflict\">"
	     "<h2 class=\"utrecht-heading-3\" id=\"h-conflict\">%s</h2>"
	     "<div class=\"kring-table-wrap\"><table class=\"utrecht-table kring-table\">"
	     "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th>"
	     "<th class=\"utrecht-table__header-cell\" scope=\"col\">%s</th></tr></thead>"
	     "<tbody class=\"utrecht-table__body\">",
	     T(CONFLICT_FIELDS_TITLE), T(CONFLICT_FIELD), T(CONFLICT_YOURS), T(CONFLICT_SAVED));
	for (size_t i = 0; i < mine->n_specs; i++) {
		const struct field_spec *s = &mine->specs[i];
		if (strcmp(s->name, "version") == 0)
			continue;
		const char *a = form_value(mine, s->name), *b = form_value(theirs, s->name);
		if (strcmp(a, b) == 0)
			continue;
		html(h,
		     "<tr class=\"utrecht-table__row\"><th class=\"utrecht-table__cell\" "
		     "scope=\"row\">%s</th><td class=\"utrecht-table__cell kring-pre\">%s</td>"
		     "<td class=\"utrecht-table__cell kring-pre\">%s</td></tr>",
		     field_label(s), shown(s, a), shown(s, b));
	}
	html(h, "</tbody></table></div></section>");
}

void ui_talk_tips(struct html *h, const char *heading_id)
{
	html(h,
	     "<h3 class=\"utrecht-heading-3\" id=\"%s-eerste\">%s</h3>"
	     "<p class=\"utrecht-paragraph\">%s</p><ul class=\"utrecht-unordered-list kring-tips\">"
	     "<li>%s</li><li>%s</li><li>%s</li></ul>",
	     heading_id, T(TIP_FIRST_TITLE), T(TIP_FIRST_INTRO), T(TIP_FIRST_1), T(TIP_FIRST_2),
	     T(TIP_FIRST_3));
	html(h,
	     "<h3 class=\"utrecht-heading-3\" id=\"%s-luisteren\">%s</h3>"
	     "<ul class=\"utrecht-unordered-list kring-tips\">"
	     "<li><strong>%s</strong> %s</li><li><strong>%s</strong> %s</li>"
	     "<li><strong>%s</strong> %s</li><li><strong>%s</strong> %s</li>"
	     "<li><strong>%s</strong> %s</li><li><strong>%s</strong> %s</li>"
	     "<li><strong>%s</strong> %s</li></ul>",
	     heading_id, T(TIP_LISTEN_TITLE), T(TIP_OPEN_TITLE), T(TIP_OPEN), T(TIP_NEUTRAL_TITLE),
	     T(TIP_NEUTRAL), T(TIP_SILENCE_TITLE), T(TIP_SILENCE), T(TIP_NIVEA_TITLE), T(TIP_NIVEA),
	     T(TIP_WANDER_TITLE), T(TIP_WANDER), T(TIP_BODY_TITLE), T(TIP_BODY),
	     T(TIP_OPENUP_TITLE), T(TIP_OPENUP));
}

const struct ui_power_part ui_power_parts[N_POWER_PARTS] = {
    {"challenges", TXT_POWER_CHALLENGES, TXT_POWER_CHALLENGES_HINT, TXT_Q_CHALLENGES_1, 4},
    {"core_values", TXT_POWER_VALUES, TXT_POWER_VALUES_HINT, TXT_Q_VALUES_1, 2},
    {"goals", TXT_POWER_GOALS, TXT_POWER_GOALS_HINT, TXT_Q_GOALS_1, 4},
    {"commitments", TXT_POWER_COMMITMENTS, TXT_POWER_COMMITMENTS_HINT, TXT_Q_COMMITMENTS_1, 3},
    {"success", TXT_POWER_SUCCESS, TXT_POWER_SUCCESS_HINT, TXT_Q_SUCCESS_1, 3},
};

const char *ui_power_value(const struct partner_power *p, size_t i)
{
	const char *v[] = {p->challenges, p->core_values, p->goals, p->commitments, p->success};
	return i < N_POWER_PARTS ? v[i] : "";
}
