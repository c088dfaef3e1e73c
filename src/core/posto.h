/*
 * posto.h - the POST-O of a community (M7, Routekaart step 5): People,
 * Objectives, Strategy, Technology and Organization, each free text and
 * none required ("het moet geen invuloefening worden"). The objectives
 * themselves are the community's goals (core/goal.h); the objectives field
 * keeps what goes with them (expectations, roles). Every saved version is
 * kept; a save names the version it started from (conflicts as for goals).
 *
 * The organisation id comes from the request context, the community id
 * from the URL; every query names both. Strings live in the given arena.
 */
#ifndef KRING_POSTO_H
#define KRING_POSTO_H

#include <stdbool.h>
#include <stddef.h>

#include "../db/db.h"
#include "../util/arena.h"
#include "org.h"

#define POSTO_FIELD_MAX 8000 /* bytes of one field */

struct posto {
	long long id; /* 0: none written yet */
	long long version;
	const char *people;
	const char *objectives;
	const char *strategy;
	const char *technology;
	const char *organization;
	const char *who; /* the writer of this version, "" (read only) */
	bool who_is_amb;
	long long at; /* when this version was saved (read only) */
};

/* 1 and *out with the community's POST-O; 0 when none is written; -1. */
int posto_get(struct db *db, struct arena *a, long long org_id, long long community_id,
              struct posto *out);

/* Every version of the community's POST-O, newest first (id is the POST-O's). 0 or -1. */
int posto_versions(struct db *db, struct arena *a, long long org_id, long long community_id,
                   struct posto **out, size_t *n_out);

/*
 * Saves p as the community's POST-O: p->version 0 writes the first one
 * (SAVE_CONFLICT when someone wrote one meanwhile), otherwise it saves
 * over version p->version (SAVE_CONFLICT when that moved on; nothing is
 * written). SAVE_REFUSED for a field over POSTO_FIELD_MAX, SAVE_NOT_FOUND
 * for another organisation's community. Audited. *version_out (may be
 * NULL) gets the new version.
 */
enum save_result posto_save(struct db *db, long long org_id, long long actor,
                            long long community_id, const struct posto *p, long long *version_out);

#endif
