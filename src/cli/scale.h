/*
 * scale.h - scale data for the bench and for trying kring at the size of a
 * POI or a national service: `kring demo --scale N` adds N organisations of
 * realistic shape (branches, people in every role with a pool of advisers,
 * communities with their history, lists and people, partners with partner
 * power, conversations with action points, two meetlat rounds of which one
 * is closed, the scan and readiness checks) beside the normal demo.
 */
#ifndef KRING_SCALE_H
#define KRING_SCALE_H

#include <stdio.h>

#include "../db/db.h"

/* The largest N `kring demo --scale N` accepts. */
#define SCALE_MAX_ORGS 10000

/*
 * Adds the organisations schaal-001 .. schaal-N that are missing (running it
 * twice changes nothing; a larger N adds the rest), each in its own batch of
 * transactions through the domain functions, so search index, status
 * history and versions stay right. The meetlat instruments must be loaded.
 * Prints what it did and how long it took to out. Returns 0 or -1.
 */
int scale_load(struct db *db, int n, FILE *out);

#endif
