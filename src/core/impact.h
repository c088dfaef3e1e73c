/*
 * impact.h - the Persoonlijk Impact Plan (M10, Routekaart step 2): where a
 * person can have impact (situations, people, groups), how they see their
 * role, what they will learn, with whom they will talk, by when. Every save
 * is a new version; the highest is the current plan. Private: the page
 * decides who reads it through core/share.h. Returned memory lives in the
 * arena.
 */
#ifndef KRING_IMPACT_H
#define KRING_IMPACT_H

#include <stddef.h>

#include "../db/db.h"
#include "org.h"

/* The texts of a plan, in the order of the form. */
enum impact_field {
	IMPACT_ROLE,
	IMPACT_SITUATIONS,
	IMPACT_PEOPLE,
	IMPACT_GROUPS,
	IMPACT_LEARN,
	IMPACT_TALK_WITH,
	IMPACT_N_TEXTS,
};

struct impact_plan {
	long long version; /* 0: nothing saved yet */
	const char *text[IMPACT_N_TEXTS];
	const char *due_on; /* 'YYYY-MM-DD' or "" */
	long long saved_at;
};

/*
 * The plan of person_id in org_id: version `version`, or the current one
 * when version is 0. 1 and *out; 0 when there is none (then *out is an
 * empty plan with version 0); -1 on error.
 */
int impact_get(struct db *db, struct arena *a, long long org_id, long long person_id,
               long long version, struct impact_plan *out);

/*
 * Saves a new version of the plan if the current version is still
 * `base` (0: none saved yet); a NULL text is saved empty. SAVE_CONFLICT when another save came first,
 * SAVE_OK with *version_out, or SAVE_ERROR.
 */
enum save_result impact_save(struct db *db, long long org_id, long long person_id,
                             const struct impact_plan *plan, long long base,
                             long long *version_out);

struct impact_version {
	long long version;
	long long saved_at;
};

/* Every version of the plan, newest first (at most limit). 0 or -1. */
int impact_history(struct db *db, struct arena *a, long long org_id, long long person_id,
                   size_t limit, struct impact_version **out, size_t *n_out);

#endif
