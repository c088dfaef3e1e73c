/*
 * demo_privacy.h - the demo's privacy records (issue 14b): a colleague who
 * left (so the retention overview has something planned) and a few entries
 * of the access log.
 */
#ifndef KRING_DEMO_PRIVACY_H
#define KRING_DEMO_PRIVACY_H

#include "../db/db.h"

/* Adds them to De Sleutel when its access log is still empty. 0 or -1. */
int demo_privacy_load(struct db *db);

#endif
