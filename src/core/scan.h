/*
 * scan.h - the community scan of step 3 (M4): the two lists of bestaande
 * and gewenste communities, each entry of which can become a community
 * profile in one step, and the notes of the themascan and omgevingsscan.
 *
 * As in org.h: the organisation id comes first and comes from the request
 * context; every query names it. Changes write their audit entry in the
 * same transaction. Returned strings and arrays live in the given arena.
 */
#ifndef KRING_SCAN_H
#define KRING_SCAN_H

#include <stddef.h>

#include "../db/db.h"
#include "org.h"
#include "vocab.h"

struct scan_entry {
	long long id;
	long long version; /* for conflict detection */
	const char *list;  /* bestaand or gewenst */
	const char *name;
	const char *description;
	const char *why;
	long long community_id;     /* the profile made from it, or 0 */
	const char *community_name; /* its current name, or "" */
	long long created_at;
};

/* Entries of both lists, each in the order they were added. 0 or -1. */
int scan_entry_list(struct db *db, struct arena *a, long long org_id, struct scan_entry **out,
                    size_t *n_out);
/* Adds an entry to list (bestaand or gewenst); SAVE_REFUSED without a name or list. */
enum save_result scan_entry_add(struct db *db, long long org_id, long long actor, const char *list,
                                const char *name, const char *description, const char *why);
/* Changes an entry (its version goes up); SAVE_NOT_FOUND, SAVE_REFUSED as for add. */
enum save_result scan_entry_update(struct db *db, long long org_id, long long actor, long long id,
                                   const char *list, const char *name, const char *description,
                                   const char *why);
/*
 * Deletes entry id when its stored version is still version (the one the
 * person saw). SAVE_CONFLICT when it changed since (nothing is deleted),
 * SAVE_NOT_FOUND, SAVE_ERROR. A profile made from it stays.
 */
enum save_result scan_entry_delete(struct db *db, long long org_id, long long actor, long long id,
                                   long long version);
/*
 * Turns a scan entry into a community profile in one step: name,
 * description and why are carried over; a desired community starts as
 * "gewenst", an existing one as "verkennen". When the entry already has a
 * profile, that one is returned. SAVE_OK and *community_id.
 */
enum save_result scan_entry_to_community(struct db *db, long long org_id, long long actor,
                                         long long id, long long *community_id);

struct scan_note {
	long long id;
	long long version; /* for conflict detection */
	const char *kind;  /* thema or omgeving */
	const char *title;
	const char *body;
	const char *who;
	long long created_at;
};

/* Notes of both scans, newest first. 0 or -1. */
int scan_note_list(struct db *db, struct arena *a, long long org_id, struct scan_note **out,
                   size_t *n_out);
/* Adds a note of kind (thema or omgeving); SAVE_REFUSED without a title or kind. */
enum save_result scan_note_add(struct db *db, long long org_id, long long actor, const char *kind,
                               const char *title, const char *body);
/* Changes a note (its version goes up); SAVE_NOT_FOUND, SAVE_REFUSED as for add. */
enum save_result scan_note_update(struct db *db, long long org_id, long long actor, long long id,
                                  const char *title, const char *body);
/* As scan_entry_delete, for a note. */
enum save_result scan_note_delete(struct db *db, long long org_id, long long actor, long long id,
                                  long long version);

#endif
