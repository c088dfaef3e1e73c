/*
 * route_ui.h - pieces of Mijn route shown on other pages (the start page,
 * my contribution).
 */
#ifndef KRING_ROUTE_UI_H
#define KRING_ROUTE_UI_H

#include "../core/route.h"
#include "../http/server.h"
#include "../web/html.h"

/* The title of step 1..8 ("Beginnen"); "" outside 1..8. */
const char *route_step_title(int step);

/*
 * The first-use block of the start page: where the person is on the route
 * and the one next thing to do, with its link. st is their route.
 */
void route_first_use(struct req *r, struct html *h, const struct route_state *st);

/* One line "Mijn route: stap N van 8, <title>." linking to the route. */
void route_line(struct req *r, struct html *h, const struct route_state *st);

/* The eight steps, small, each marked done or not, linking to the route page. */
void route_summary(struct req *r, struct html *h, const struct route_state *st);

#endif
