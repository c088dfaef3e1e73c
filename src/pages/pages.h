/*
 * pages.h - every handler named in routes.def.
 */
#ifndef KRING_PAGES_H
#define KRING_PAGES_H

#include "../http/server.h"

#define ROUTE(method, pattern, handler, access, roles) int handler(struct req *r);
#include "../http/routes.def"
#undef ROUTE

/* Serves /assets/<name> from the embedded assets (not in the route table:
 * public, static, answered before sessions are looked at). */
int page_asset(struct req *r, const char *name);

#endif
