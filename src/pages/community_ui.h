/*
 * community_ui.h - pieces of the community screens used by more than one
 * handler file (communities.c, community*.c, scan.c).
 */
#ifndef KRING_COMMUNITY_UI_H
#define KRING_COMMUNITY_UI_H

#include <stddef.h>

#include "../core/community.h"
#include "../http/server.h"
#include "../web/html.h"

/* Dutch labels of stored names ("" when unknown). */
const char *ui_status_label(const char *status);
const char *ui_archetype_label(const char *archetype); /* the short label */
const char *ui_bond_label(const char *bond);
const char *ui_action_status_label(const char *status);
const char *ui_staff_role_label(const char *role);

/* A status badge: <span class="kring-badge kring-badge--STATUS">Label</span>. */
void ui_status_badge(struct html *h, const char *status);
/* A badge for the status of an OF / BY / FOR action. */
void ui_action_badge(struct html *h, const char *status);

/*
 * At most max_chars characters of s (cut on a character boundary, "…"
 * added), for accessible names and summaries. Arena-owned.
 */
const char *ui_short(struct arena *a, const char *s, size_t max_chars);

/* "/o/<slug>/communities/<id><suffix>" (suffix may be ""). Arena-owned. */
const char *ui_community_url(struct req *r, long long id, const char *suffix);

/* A calendar date "2026-03-14" as "14 maart 2026" ("" stays ""). Arena-owned. */
const char *ui_date(struct arena *a, const char *ymd);

/*
 * Opens a small <form method="post"> with the CSRF field (for the tool
 * buttons and one-line forms of the community screens). cls is its class.
 */
void ui_form(struct html *h, struct req *r, const char *action, const char *cls);

/* The signals box of a community (writes nothing when no signal speaks). */
void ui_signals(struct req *r, struct html *h, long long community_id,
                const struct community_signals *s, size_t n_strengths, size_t n_needs);

/*
 * Writes rows as CSV for Dutch Excel (see web/csv.h) to out: a header row
 * with the Dutch column names, then one row per community with its
 * profile, staff, ambassadeurs, sterktes, behoeften, actions and signals.
 * Scratch memory comes from a.
 */
void community_csv_write(struct buf *out, struct arena *a, const struct community_export *rows,
                         size_t n);

struct sheet;
/*
 * The same columns and rows as community_csv_write(), to a sheet (CSV or
 * an XLSX worksheet, web/xlsx.h): dates as dates in XLSX. (dashboard)
 */
void community_sheet_write(struct sheet *s, struct arena *a, const struct community_export *rows,
                           size_t n);

/*
 * The Dutch label of a stored name: labels are consecutive texts in nl.def
 * starting at first_text, in the order of list. "" for an unknown name.
 * The string is static.
 */
const char *vocab_label(const char *const *list, int first_text, const char *name);

#endif
