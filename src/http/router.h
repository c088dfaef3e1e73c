/*
 * router.h - the one route table (routes.def) and the access gate in front
 * of every handler.
 */
#ifndef KRING_ROUTER_H
#define KRING_ROUTER_H

#include <stdbool.h>
#include <stddef.h>

#include "server.h"

enum access {
	ACCESS_PUBLIC,    /* anyone */
	ACCESS_LOGIN,     /* a logged-in person */
	ACCESS_ORG,       /* a person with one of route->roles in the :org of the URL */
	ACCESS_COMMUNITY, /* ACCESS_ORG, and :id is a community of that org that the
	                     person may see (an ambassadeur: one they are attached to) */
	ACCESS_OPERATOR,  /* an address the operator named in KRING_METRICS_ALLOW; no
	                     login; every other address gets 404 */
};

struct route {
	const char *method;            /* "GET" or "POST" */
	const char *pattern;           /* "/o/:org/branches/:id" */
	int (*handler)(struct req *r); /* see server.h for return values */
	enum access access;
	unsigned roles; /* enum role bits, for ACCESS_ORG and ACCESS_COMMUNITY */
	const char *handler_name;
};

extern const struct route routes[];
extern const size_t n_routes;

/*
 * Matches r->method and r->path against the table, checks the session,
 * CSRF token (every POST) and access rule, then runs the handler. Always
 * leaves a response in r, except when the handler deferred (returns
 * HANDLER_DEFER).
 */
int router_dispatch(struct req *r);

/*
 * Sets up /metrics and the request log for the route table (http/metrics.h):
 * allow is KRING_METRICS_ALLOW, log_requests the --log requests switch. The
 * database time is measured only when one of them is on. 0, or -1.
 */
int router_metrics_init(const char *allow, bool log_requests);

/* The number of the route r matched (its index in routes[]), or -1. */
long router_route_index(const struct req *r);
/*
 * knowledge (issue 11): true when r's method and path (read before its
 * body) match a route whose page takes a file (a multipart form with an
 * upload); the server then allows the larger body. Sets r's route
 * parameters as a side effect (dispatch sets them again).
 */
bool router_takes_files(struct req *r);

/* Name of an access rule, for `kring routes`. */
const char *access_name(enum access a);

#endif
