/*
 * search.h - find anything (issue 3): one search over communities, partners
 * and conversations, full-text, accent- and case-insensitive ("cafe" finds
 * "Café" and "Taalcafé", "CAFÉ" finds "café").
 *
 * The index is the leaf db/search_index.h (a table of documents, one per
 * record: a title and a body of all its text). This module builds the
 * documents of the three kinds, kept in step by the domain functions in the
 * same transaction as the change that made them stale, and searches as the
 * role of the person allows.
 *
 * Roles: an ambassadeur finds only the communities they are attached to;
 * partners and conversations are found only by staff and advisers.
 */
#ifndef KRING_SEARCH_H
#define KRING_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "../db/db.h"
#include "../db/search_index.h"

/* ---- keeping the index in step (call inside the caller's transaction) ---- */

/* Indexes community id of org again (its profile and lists), or removes it when gone. 0/-1. */
int search_sync_community(struct db *db, long long org_id, long long id);
/* search_sync_partner is in partner.h, search_sync_conversation in conversation.h. */

/*
 * Builds the whole index from the records when it was never built (a
 * database from before the search existed). Cheap after the first time.
 * Called when the database is opened (kring serve, migrate, demo), never
 * from a page that only reads.
 * Runs its own transaction. 0 or -1.
 */
int search_ensure_index(struct db *db);

/* Rebuilds the whole index of every organisation in its own transaction. 0 or -1. */
int search_rebuild(struct db *db);

/* ---- searching ---- */

/*
 * Searches org for input. only_attached (0, or an ambassadeur's person id)
 * limits it to the communities that person is attached to while they hold
 * the ambassadeur role (the membership is joined, not assumed); with
 * staff_kinds false only communities are searched. Best matches first
 * within each kind, at most SEARCH_MAX_RESULTS per kind. 0 or -1.
 */
int search_run(struct db *db, struct arena *a, long long org_id, long long only_attached,
               bool staff_kinds, const char *input, struct search_result *out);

#endif
