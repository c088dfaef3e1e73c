/*
 * demo_route.h - Mijn route and the Persoonlijk Impact Plan in the demo
 * (issue 12a). Internal to src/cli.
 */
#ifndef KRING_DEMO_ROUTE_H
#define KRING_DEMO_ROUTE_H

#include "../db/db.h"

/*
 * Gives Sascha of De Sleutel a route in progress (a step ticked by hand)
 * and a Persoonlijk Impact Plan in two versions, private (not shared), when
 * she has no plan yet. 0 or -1.
 */
int demo_route_load(struct db *db);

#endif
