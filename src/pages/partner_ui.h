/*
 * partner_ui.h - pieces of the partner and conversation screens used by
 * more than one handler file (partners.c, conversations.c, search.c), and
 * the sections a community's page shows about its partners and timeline.
 */
#ifndef KRING_PARTNER_UI_H
#define KRING_PARTNER_UI_H

#include <stdbool.h>

#include "../core/action.h"
#include "../core/conversation.h"
#include "../core/partner.h"
#include "../core/power.h"
#include "../core/timeline.h"
#include "../http/server.h"
#include "../web/html.h"

/* Dutch labels of stored names ("" when unknown). */
const char *ui_partner_kind_label(const char *kind);
const char *ui_conversation_kind_label(const char *kind);

/* "/o/<slug>/partners/<id><suffix>" and "/o/<slug>/conversations/<id><suffix>". Arena-owned. */
const char *ui_partner_url(struct req *r, long long id, const char *suffix);
const char *ui_conversation_url(struct req *r, long long id, const char *suffix);

/*
 * The "version" field of the posted form (a delete confirmation names the
 * version it showed): true and *out for 1 to 18 digits, false when missing
 * or anything else.
 */
bool ui_form_version(struct req *r, long long *out);

/*
 * Who owns an action point, as text: the name; "Naam (heeft geen rol
 * meer)" when they are no beheerder or medewerker any more; "nog niemand"
 * when nobody. Escaped by the html writer like any text. Arena-owned.
 */
const char *ui_owner_name(struct req *r, const struct action_point *ap);

/*
 * A card section whose query failed: its heading (id "h-<id>", the card
 * "<id>") and, instead of its list, the logged, visible notice of
 * respond_section_failed(). Never an empty list.
 */
void ui_failed_section(struct req *r, struct html *h, const char *id, const char *title);

/* A badge with the kind of a conversation. */
void ui_conversation_badge(struct html *h, const char *kind);

/*
 * The due date of an action point ("vóór 3 december 2026"), with a "te
 * laat" badge when it is open and past today ("YYYY-MM-DD").
 */
void ui_due(struct req *r, struct html *h, const char *due_on, bool done, const char *today);

/*
 * The tick-off form of an action point: one button that marks it done, or
 * opens it again; back says where to return ("gesprek" or "lijst").
 */
void ui_action_toggle(struct req *r, struct html *h, const struct action_point *ap,
                      const char *back);

/*
 * A table of the fields where mine (what this person typed) differs from
 * theirs (what someone else saved meanwhile), both texts in full; choices
 * are shown by their labels. Both forms have the same fields.
 */
struct form;
void ui_conflict_table(struct html *h, const struct form *mine, const struct form *theirs);

/* The five fields of werkblad 4, in its order: form field name and texts. */
struct ui_power_part {
	const char *name;           /* form field */
	int label, hint, questions; /* texts: label, hint, first of the questions of werkblad 5 */
	int n_questions;
};
#define N_POWER_PARTS 5
extern const struct ui_power_part ui_power_parts[N_POWER_PARTS];

/* Field i (0..4, in the order of ui_power_parts) of a partner power record. */
const char *ui_power_value(const struct partner_power *p, size_t i);

/*
 * Writes every partner matching f as CSV for Dutch Excel (csv.h) into out:
 * a header row with the Dutch column names, then one row per partner with
 * its details, communities, latest partner power and contact moments.
 * today is "YYYY-MM-DD". 0, or -1 when a query fails. (pages/partners.c)
 */
int partner_export_csv(struct db *db, struct arena *a, long long org_id,
                       const struct partner_filter *f, const char *today, struct buf *out);

struct sheet;
/* The same columns and rows as partner_export_csv(), to a sheet (web/xlsx.h). (dashboard) */
int partner_export_sheet(struct db *db, struct arena *a, long long org_id,
                         const struct partner_filter *f, const char *today, struct sheet *s);

/* The tips for a first contact (step 4b) and for empathic listening (step 4d). */
void ui_talk_tips(struct html *h, const char *heading_id);

/*
 * What a community's page shows of partners and conversations: the
 * partners it works with, and its timeline (conversations, status changes,
 * action points, planned contacts). Only for staff and advisers; writes
 * nothing for an ambassadeur, as partners and conversations stay with staff.
 * Called by pages/community.c.
 */
void partner_community_sections(struct req *r, struct html *h, long long community_id);

#endif
