/*
 * privacy_ui.h - what other pages use of privacy (issue 14b): recording
 * that a page showed a person's personal data.
 */
#ifndef KRING_PRIVACY_UI_H
#define KRING_PRIVACY_UI_H

#include "../http/server.h"

/*
 * Writes to the access log that the person asking opened the personal data
 * of (kind, id) ("person", "partner", "community"); what is "detail",
 * "inzage" or "download". A GET page reads inside one read-only
 * transaction (router.c): this ends it, writes the entry on its own and
 * starts a new one, so call it before the page reads its data. 0, or -1 on
 * a database error (the caller answers HANDLER_ERROR).
 */
int privacy_page_logged(struct req *r, const char *kind, long long id, const char *what);

#endif
