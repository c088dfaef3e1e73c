/*
 * demo_activities.h - the demo's activities (step 6) for De Sleutel's
 * communities. Internal to src/cli.
 */
#ifndef KRING_DEMO_ACTIVITIES_H
#define KRING_DEMO_ACTIVITIES_H

#include "../db/db.h"

/* Adds a year of activities (and a few planned) when De Sleutel has none yet. 0 or -1. */
int demo_activities_load(struct db *db);

#endif
