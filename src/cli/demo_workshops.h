/*
 * demo_workshops.h - team workshops in the demo (M11, issue 12). Internal
 * to src/cli.
 */
#ifndef KRING_DEMO_WORKSHOPS_H
#define KRING_DEMO_WORKSHOPS_H

#include "../db/db.h"

/*
 * Adds De Sleutel's workshops when it has none yet: the pilot's agenda
 * (seed 004) as held two months ago, with attendance and an evaluation,
 * and a planned follow-up session. 0 or -1.
 */
int demo_workshops_load(struct db *db);

#endif
