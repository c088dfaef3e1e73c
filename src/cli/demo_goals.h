/*
 * demo_goals.h - step 5 and 6 in the demo (goals, SMART subgoals,
 * measurements, who does what). Internal to src/cli.
 */
#ifndef KRING_DEMO_GOALS_H
#define KRING_DEMO_GOALS_H

#include "../db/db.h"

/* Adds De Sleutel's goals when it has none yet (after its communities). 0 or -1. */
int demo_goals_load(struct db *db);

#endif
