/*
 * demo_plan.h - issue 11b in the demo: Lankes's cycle with its conditions,
 * a POST-O and a project plan for De Sleutel's communities. Internal to
 * src/cli.
 */
#ifndef KRING_DEMO_PLAN_H
#define KRING_DEMO_PLAN_H

#include "../db/db.h"

/* Adds them when De Sleutel has no project plan yet (after its goals). 0 or -1. */
int demo_plan_load(struct db *db);

/*
 * `kring demo --scale`: community (of org, with staff member staff as
 * writer and owner) gets a cycle history of c % 4 + 1 moves, the four
 * conditions rated, a POST-O and six tasks. 0 or -1.
 */
int demo_plan_scale(struct db *db, long long org, long long community, long long staff, int c);

#endif
