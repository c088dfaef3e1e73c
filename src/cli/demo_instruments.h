/*
 * demo_instruments.h - the zelftest, the pulse and energy marks in the
 * demo (issues 12, 13). Internal to src/cli.
 */
#ifndef KRING_DEMO_INSTRUMENTS_H
#define KRING_DEMO_INSTRUMENTS_H

#include "../db/db.h"

/*
 * De Sleutel: Sascha's zelftest with two moments, shared with Marieke; a
 * pulse round of the Taalcafé with results (six answers) and an open one
 * with three (count only); energy marks on conversations and activities.
 * Only what is not there yet. 0 or -1.
 */
int demo_instruments_load(struct db *db);

/*
 * kring demo --scale: energy marks on every conversation and activity of
 * org, and per community a closed pulse round with six answers. 0 or -1.
 */
int demo_instruments_scale(struct db *db, long long org);

#endif
