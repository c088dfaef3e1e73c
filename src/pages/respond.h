/*
 * respond.h - how a handler finishes: the one "finish a save" tail (a save
 * result becomes 303, 404, 409, 422 or 500) and the one answer for a
 * section of a page whose query failed (an error is never an empty list).
 * For every page file; see respond_saved() for pages with their own
 * conflict or refusal page.
 */
#ifndef KRING_RESPOND_H
#define KRING_RESPOND_H

#include "../core/org.h"
#include "../http/server.h"
#include "../web/html.h"

/* Renders a page for one outcome of a save; returns a handler result. */
typedef int (*respond_fn)(struct req *r, void *ctx);

/* What a handler does with each outcome of a save. */
struct respond_save {
	const char *location; /* SAVE_OK: 303 to this local path (must start with '/') */
	respond_fn conflict;  /* SAVE_CONFLICT: this page, or NULL for the plain 409 page */
	respond_fn refused;   /* SAVE_REFUSED: this page, or NULL for the plain 422 page */
	respond_fn not_found; /* SAVE_NOT_FOUND: this page, or NULL for the 404 page */
	void *ctx;            /* given to the three pages */
};

/*
 * Finishes a handler after a save: SAVE_OK redirects (303) to how->location,
 * SAVE_NOT_FOUND answers 404, SAVE_CONFLICT 409, SAVE_REFUSED 422 (each
 * through its page in how when given), SAVE_ERROR returns HANDLER_ERROR (the
 * server logs it and answers 500). Returns the handler result to return.
 */
int respond_saved(struct req *r, enum save_result rc, const struct respond_save *how);

/* respond_saved() with the plain pages: 303 to location, 404, 409, 422 or 500. */
int respond_save(struct req *r, enum save_result rc, const char *location);

/*
 * A save that did not succeed, with the plain pages: 404, 409, 422, or
 * HANDLER_ERROR (500) for SAVE_ERROR. For `if (rc != SAVE_OK) return
 * respond_failed(r, rc);` where success goes on in the handler.
 */
int respond_failed(struct req *r, enum save_result rc);

/* The plain 404 page; returns HANDLER_OK (for `return respond_not_found(r);`). */
int respond_not_found(struct req *r);

/*
 * A section of a page could not be loaded (its query failed): logs it on
 * stderr with the request and the section's name, and writes a visible
 * Dutch notice in its place, so nobody acts on a false empty list. The page
 * itself still answers; use it only where the rest of the page is right.
 */
void respond_section_failed(struct req *r, struct html *h, const char *section);

#endif
