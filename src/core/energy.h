/*
 * energy.h - "waar de energie zit" (issue 13, seed 001): an optional mark
 * from 1 (little energy) to 5 (a lot) on a conversation or an activity, and
 * a community's trend of those marks per month. Every query names the
 * organisation, so another organisation's record is simply not found.
 */
#ifndef KRING_ENERGY_H
#define KRING_ENERGY_H

#include <stddef.h>

#include "../db/db.h"
#include "../util/arena.h"
#include "org.h"

#define ENERGY_MIN 1
#define ENERGY_MAX 5

enum energy_of {
	ENERGY_CONVERSATION,
	ENERGY_ACTIVITY,
};

/* The values of the form's radio group, "1".."5", NULL-terminated. */
extern const char *const energy_values[];

/*
 * Sets (1-5) or clears (0) the mark of record id. SAVE_REFUSED off the
 * scale, SAVE_NOT_FOUND when the record is not of the organisation.
 */
enum save_result energy_set(struct db *db, long long org_id, enum energy_of kind, long long id,
                            int value);

/* The mark of record id: 1 and *value (0 = none), 0 not found, -1 error. */
int energy_get(struct db *db, long long org_id, enum energy_of kind, long long id, int *value);

/* One month of a community's marks. */
struct energy_month {
	const char *month; /* "YYYY-MM" */
	double mean;       /* of the marks that month */
	long long n;       /* how many marks */
};

/*
 * The marks of a community's conversations and activities of the last
 * `months` months (by the clock), per month with at least one mark, oldest
 * first. 0 or -1.
 */
int energy_trend(struct db *db, struct arena *a, long long org_id, long long community_id,
                 int months, struct energy_month **out, size_t *n_out);

#endif
