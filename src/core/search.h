/*
 * search.h - find anything (issue 3): one search over communities, partners
 * and conversations, full-text, accent- and case-insensitive ("cafe" finds
 * "Café" and "Taalcafé", "CAFÉ" finds "café").
 *
 * The index is the leaf db/search_index.h (a table of documents, one per
 * record: a title and a body of all its text). This module builds the
 * documents of partners and conversations (communities build their own in
 * community.c), kept in step by the domain functions in the
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

/* Indexes partner id (details, partner power) again, or removes it. 0/-1. */
int search_sync_partner(struct db *db, long long org_id, long long id);
/* Indexes conversation id (report, action points) again, or removes it. 0/-1. */
int search_sync_conversation(struct db *db, long long org_id, long long id);

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
