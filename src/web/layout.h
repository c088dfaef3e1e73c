/*
 * layout.h - the one page layout, the Dutch error pages and date
 * formatting. Forms live in form.h (included here for the pages).
 */
#ifndef KRING_LAYOUT_H
#define KRING_LAYOUT_H

#include <stdbool.h>

#include "../http/server.h"
#include "form.h"
#include "html.h"

/*
 * Starts a page: doctype, head, skip link, header with navigation for the
 * person's role in r's organisation, and opens <main>. title is text.
 */
void page_begin(struct req *r, struct html *h, const char *title);
/* The assets' version (a hash of them), for ?v= on an asset link. */
const char *page_asset_version(void);
/* A script from /assets/ (CSP allows only these; pages work without them). */
void page_script(struct html *h, const char *name);
/* Closes <main>, writes the footer, and sets the response (status). */
void page_end(struct req *r, struct html *h, unsigned status);

/*
 * Sets the Dutch error page for status (400, 403, 404, 405, 413, 414, 431,
 * 503; anything else is a 500) as the response. Shows no organisation. Also
 * the server's error-page callback (struct server_app, given by main.c).
 */
void resp_error(struct req *r, unsigned status);

/* A notice box: kind is "ok", "warning" or "error". */
void page_notice(struct html *h, const char *kind, const char *text);

/* ---- formatting ---- */

/* "23 november 2026, 14:05" in Dutch, local time (Europe/Amsterdam). */
const char *fmt_datetime(struct arena *a, long long epoch);
/* "23 november 2026". */
const char *fmt_date(struct arena *a, long long epoch);

#endif
