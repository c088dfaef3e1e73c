/*
 * contribution.h - what one person contributes (lesson 3 of Nieuw Delen):
 * the communities they work for with their roles (bouwer, verbinder,
 * aanjager), and the activities they take part in. Their action points
 * come from home_my_actions() (signal.h). Returned memory lives in the arena.
 */
#ifndef KRING_CONTRIBUTION_H
#define KRING_CONTRIBUTION_H

#include <stddef.h>

#include "../db/db.h"

struct my_community {
	long long id;
	const char *name;
	const char *status;
	const char *roles; /* stored role names joined by ",", e.g. "bouwer,verbinder" */
};

/* The communities person_id is staff of in org_id, by name. 0 or -1. */
int contribution_communities(struct db *db, struct arena *a, long long org_id, long long person_id,
                             struct my_community **out, size_t *n_out);

struct my_activity {
	long long id;
	const char *title;
	const char *held_on;
	const char *status; /* planned, held, cancelled */
};

/*
 * The activities person_id takes part in (activity_staff) from `from`
 * ('YYYY-MM-DD') on, earliest first, at most limit. 0 or -1.
 */
int contribution_activities(struct db *db, struct arena *a, long long org_id, long long person_id,
                            const char *from, long long limit, struct my_activity **out,
                            size_t *n_out);

#endif
