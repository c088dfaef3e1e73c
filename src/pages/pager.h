/*
 * pager.h - one pager for every list page: reads the page number from the
 * query string (?pagina=N), gives the offset to query with, keeps the
 * list's filter as a query string (so the page links and the export link
 * keep the filter), and writes the "vorige / pagina x van y / volgende"
 * navigation.
 *
 * Use: pager_init, pager_filter_* for each filter in effect, query with
 * pager_offset and p.per_page, set p.total, then pager_nav.
 */
#ifndef KRING_PAGER_H
#define KRING_PAGER_H

#include "../http/server.h"
#include "../util/buf.h"
#include "../web/html.h"

#define PAGER_MAX_PAGE 100000 /* a larger ?pagina= is read as page 1 */

struct pager {
	long long page;     /* 1-based, from ?pagina= */
	long long per_page; /* rows on one page */
	long long total;    /* rows matching the filter; set by the caller after the count */
	struct buf filter;  /* "key=value&key=value" of the filter in effect, URL-encoded */
};

/*
 * Starts a pager for r with per_page rows a page: the page is ?pagina= when
 * it is a number from 1 to PAGER_MAX_PAGE, else 1. Memory lives in r's arena.
 */
void pager_init(struct pager *p, struct req *r, long long per_page);

/* Adds key=value to the filter query; an empty or NULL value adds nothing. */
void pager_filter_text(struct pager *p, const char *key, const char *value);

/* Adds key=value to the filter query; 0 adds nothing. */
void pager_filter_int(struct pager *p, const char *key, long long value);

/* The filter query ("" when no filter is in effect), without the page. */
const char *pager_filter(struct pager *p);

/* The offset of the first row of the page. */
long long pager_offset(const struct pager *p);

/*
 * Writes the navigation between pages (nothing when everything fits on one
 * page): links keep the filter query.
 */
void pager_nav(struct html *h, struct pager *p);

#endif
