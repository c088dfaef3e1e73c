/*
 * route.h - Mijn route (M10): the eight steps of the Routekaart for the
 * community librarian, per person. A step is done when kring sees it in
 * the work (one small query per step, route.c) or when the person ticks it
 * by hand; a hand mark also unticks what kring saw. Returned memory lives
 * in the arena.
 */
#ifndef KRING_ROUTE_H
#define KRING_ROUTE_H

#include <stdbool.h>

#include "../db/db.h"
#include "org.h"

#define ROUTE_STEPS 8

struct route_step {
	bool seen; /* kring saw the step in the work */
	int mark;  /* -1 no hand mark, 0 unticked by hand, 1 ticked by hand */
	bool done; /* the outcome: the hand mark, else what kring saw */
};

struct route_state {
	struct route_step step[ROUTE_STEPS]; /* step[0] is step 1 */
	int n_done;
	int current; /* the first step not done (1..8), 0 when all are done */
};

/* The route of person_id in org_id. 0 or -1 (a query failed). */
int route_get(struct db *db, long long org_id, long long person_id, struct route_state *out);

/*
 * Ticks (done true) or unticks step 1..8 by hand. When that is what kring
 * sees anyway, the hand mark is removed, so the step follows the work
 * again. SAVE_NOT_FOUND for a step outside 1..8, SAVE_OK or SAVE_ERROR.
 */
enum save_result route_mark(struct db *db, long long org_id, long long person_id, int step,
                            bool done);

/*
 * 1 when person_id has done nothing of their own in org_id yet (no hand
 * mark, impact plan, conversation written down, community role or action
 * point): the start page then shows the route as the way in. 0 or -1.
 */
int route_is_new(struct db *db, long long org_id, long long person_id);

/*
 * The first community (lowest id) person_id works for in org_id: its id, 0
 * when none, -1 on error. Mijn route links the steps 5 and 7 to it.
 */
long long route_first_community(struct db *db, long long org_id, long long person_id);

#endif
