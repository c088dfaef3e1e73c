/*
 * demo_work.h - the part of the demo that shows the work with communities:
 * De Sleutel's communities with their history, lists and people, its scan,
 * and its partners and conversations (step 4). Internal to src/cli.
 */
#ifndef KRING_DEMO_WORK_H
#define KRING_DEMO_WORK_H

#include "../db/db.h"

/* Id of the organisation with slug, or 0 when there is none (or on error). */
long long demo_org_id(struct db *db, const char *slug);

/* Adds De Sleutel's communities and scan that are missing. 0 or -1. */
int demo_communities_load(struct db *db);

/* Adds De Sleutel's partners and conversations that are missing. 0 or -1. */
int demo_partners_load(struct db *db, struct arena *a);

#endif
