/*
 * session.h - the HTTP-aware part of authentication: session and anonymous
 * cookies, sessions in the database, CSRF tokens. Only the router calls
 * these (a handler asks for a session through r->login_person_id and
 * r->logout; the layout reads r->csrf).
 */
#ifndef KRING_SESSION_H
#define KRING_SESSION_H

#include <stdbool.h>

#include "../db/db.h"
#include "../http/server.h"

#define AUTH_SESSION_COOKIE "kring_session"
#define AUTH_ANON_COOKIE    "kring_anon"
#define AUTH_CSRF_FIELD     "csrf"

/* A session waiting for its two-step code lives this many seconds. */
#define AUTH_PENDING_MAX 600

/* Session lifetimes in seconds (idle and absolute); settable for tests and operators. */
extern long auth_session_idle;
extern long auth_session_max;

/*
 * Loads the server secret: from KRING_SECRET_FILE when set (a file of at
 * least 32 secret bytes shared by every instance), else from the database
 * (created on first use, race-free between instances starting at once).
 * Derives from it the key two-step secrets are sealed with (totp_seal_key).
 * Prepares the password
 * module (auth_password_init) and reads KRING_SESSION_IDLE / _MAX. Call
 * once at start, after migrations. Returns 0 or -1.
 */
int auth_init(struct db *db);

/*
 * Looks up the session named by the request's cookie and fills
 * r->person_*; marks expired sessions for removal. Also reads the
 * anonymous cookie. Returns 0, or -1 on a database error.
 */
int auth_load_session(struct req *r);

/* After the request's reads: records that the session was used now, or
 * removes it when it had expired. */
void auth_session_touch(struct req *r);

/*
 * Creates a new session for person_id (rotating: any session the request
 * carried is removed), sets the cookie on the response and clears r->csrf.
 * With r->login_pending the session only waits for the two-step code
 * (r->pending_person_id), and its user agent is kept in coarse form.
 * Returns 0 or -1.
 */
int auth_session_create(struct req *r, long long person_id);

/* "Firefox, Linux" from a User-Agent header: browser and system only ("" when unknown). */
const char *auth_coarse_agent(const char *ua);

/* Removes the request's session and clears the cookie. 0, or -1 on a database error. */
int auth_session_destroy(struct req *r);

/*
 * Sets r->csrf, the token for forms on this response: bound to the session
 * cookie, or to the anonymous cookie (a new one is made when the visitor
 * has none; auth_csrf_finish() sends it).
 */
void auth_csrf_prepare(struct req *r);

/* After the handler: sends a new anonymous cookie when the response
 * carries the token bound to it (a page with a form). */
void auth_csrf_finish(struct req *r);

/* True when token is the valid CSRF token for this request's cookie. */
bool auth_csrf_valid(struct req *r, const char *token);

#endif
