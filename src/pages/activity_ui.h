/*
 * activity_ui.h - pieces shared by the activity screens (activities.c,
 * activity_form.c, activity_page.c, activity_section.c): addresses, the
 * Dutch words for voor/met/door and the status, when and where as one
 * line, and the choices a form offers.
 */
#ifndef KRING_ACTIVITY_UI_H
#define KRING_ACTIVITY_UI_H

#include <stdbool.h>

#include "../core/activity.h"
#include "../http/server.h"
#include "../web/html.h"

/* "/o/<slug>/activities/<id><suffix>" (id 0: "/o/<slug>/activities<suffix>"). Arena-owned. */
const char *ui_activity_url(struct req *r, long long id, const char *suffix);
/* Voor, Met, Door ("" when unknown). */
const char *ui_made_label(const char *made);
/* The one-line explanation of voor, met or door. */
const char *ui_made_hint(const char *made);
/* Gepland, Gehouden, Afgelast. */
const char *ui_act_status_label(const char *status);
/* A badge for the way of making (and one for planned or cancelled). */
void ui_made_badge(struct html *h, const struct activity *act);
/* "14 maart 2026, 19:30–21:00". Arena-owned. */
const char *ui_act_when(struct arena *a, const struct activity *act);
/* The branch, or the place elsewhere, or "". */
const char *ui_act_where(const struct activity *act);
/* "12 deelnemers" or "nog niet geteld". Arena-owned. */
const char *ui_act_count(struct arena *a, const struct activity *act);
/* The names of act's communities, joined with ", ". Arena-owned. */
const char *ui_act_communities(struct arena *a, const struct activity *act);
/* True when a planned activity may be confirmed now (its day has come). */
bool ui_act_confirmable(const struct activity *act, const char *today);

/* What an activity form offers to choose from. */
struct act_choices {
	struct activity_ref *communities; /* all of the org, or only the ambassadeur's */
	size_t n_communities;
	const char **branch_values; /* "" (elsewhere) then ids; NULL-terminated */
	const char **branch_labels;
	size_t n_branches;
	struct activity_ref *staff; /* beheerders and medewerkers */
	size_t n_staff;
	struct activity_ref *partners;
	size_t n_partners;
};

/*
 * Loads the choices for r (an ambassadeur: only their communities); staff
 * and partners only for a form (a list filters on communities and branches
 * alone). 0 or -1.
 */
int ui_act_choices(struct req *r, struct act_choices *c, bool form);

/*
 * A fieldset of checkboxes named `name`, one per ref, those in checked[]
 * ticked; legend, hint and error (may be NULL) beside it. Nothing when
 * there are no refs.
 */
void ui_id_checks(struct req *r, struct html *h, const char *name, const char *legend,
                  const char *hint, const char *error, bool optional,
                  const struct activity_ref *refs, size_t n, const long long *checked,
                  size_t n_checked);

/* The values of every posted field `name` that are ids, at most max, in out. */
size_t ui_form_ids(struct req *r, const char *name, long long *out, size_t max);

/*
 * The activities section of a community's page (community.c calls it):
 * next and last activities and the share made met or door over the last
 * six months. A failed query shows a notice in its place.
 */
void activity_community_section(struct req *r, struct html *h, long long community_id);

#endif
