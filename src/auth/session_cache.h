/*
 * session_cache.h - the session's row, kept per data generation (issue 8,
 * P5).
 *
 * Every page reads the session, the person and their role in the path's
 * organisation (auth_load_session()): on PostgreSQL the one statement whose
 * executor start-up costs most of a kept page. When the database names the
 * data a read sees before that statement (db_generation(): PostgreSQL's
 * snapshot; SQLite has none before a read, so it keeps nothing), the row
 * read under the same generation, for the same session and question, is
 * the same row: it is kept under that key and given back. Expiry is worked
 * out from the kept times on every request, as from a fresh row.
 */
#ifndef KRING_SESSION_CACHE_H
#define KRING_SESSION_CACHE_H

#include <stdbool.h>

#include "../util/arena.h"

/* What auth_load_session() reads for a session. */
struct session_row {
	long long person, created, seen;
	const char *name, *email, *lang;
	bool locked, pending, totp_needed;
	long long org_id; /* the role in the path's organisation */
	const char *org_name, *org_role;
	bool community_visible; /* the path's community, when asked */
};

/* On a hit, copies the row kept under key into *out (its texts in a). */
bool session_cache_get(const char *key, struct session_row *out, struct arena *a);

/* Keeps a copy of row under key, replacing what that slot held. */
void session_cache_put(const char *key, const struct session_row *row);

#endif
