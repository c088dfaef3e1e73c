/*
 * search.h - find anything (issue 3): one search over communities, partners
 * and conversations, full-text, accent- and case-insensitive ("cafe" finds
 * "Café" and "Taalcafé", "CAFÉ" finds "café").
 *
 * The index is the leaf db/search_index.h (a table of documents, one per
 * record: a title and a body of all its text), kept in step by each domain
 * module (community.c, partner.c, conversation.c) in the same transaction as
 * the change that made its document stale. This module searches as the role
 * of the person allows.
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
