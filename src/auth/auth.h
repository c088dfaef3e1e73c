/*
 * auth.h - passwords, sessions, CSRF tokens and login throttling.
 */
#ifndef KRING_AUTH_H
#define KRING_AUTH_H

#include <stdbool.h>
#include <sodium.h>
#include <time.h>

#include "../db/db.h"
#include "../http/server.h"

#define AUTH_SESSION_COOKIE "kring_session"
#define AUTH_ANON_COOKIE    "kring_anon"
#define AUTH_CSRF_FIELD     "csrf"
#define AUTH_MAX_FAILURES   5         /* failed logins per key ... */
#define AUTH_FAILURE_WINDOW (15 * 60) /* ... within this many seconds */
#define AUTH_PASSWORD_MIN   10        /* characters (bytes) in a new password */
#define AUTH_PASSWORD_MAX   1024

/* Session lifetimes in seconds (idle and absolute); settable for tests and operators. */
extern long auth_session_idle;
extern long auth_session_max;

/*
 * Loads the server secret (creating it on first use) and prepares the dummy
 * hash used to keep unknown e-mail addresses as slow as known ones.
 * Call once at start, after migrations. Returns 0 or -1.
 */
int auth_init(struct db *db);

/* Hashes a password with argon2id (slow: ~100 ms, 64 MiB). 0 or -1. */
int auth_password_hash(const char *password, char out[crypto_pwhash_STRBYTES]);
/* True when password matches hash. hash may be NULL (then the dummy is used, and false returned). */
bool auth_password_verify(const char *hash, const char *password);

/*
 * Looks up the session named by the request's cookie and fills
 * r->person_*; drops expired sessions. Also reads the anonymous cookie.
 * Returns 0, or -1 on a database error.
 */
int auth_load_session(struct req *r);

/* After the request's reads: records that the session was used now, or
 * removes it when it had expired. */
void auth_session_touch(struct req *r);

/*
 * Creates a new session for person_id (rotating: any session the request
 * carried is removed), sets the cookie on the response and r->csrf.
 * Returns 0 or -1.
 */
int auth_session_create(struct req *r, long long person_id);

/* Removes the request's session and clears the cookie. */
void auth_session_destroy(struct req *r);

/*
 * The CSRF token for forms on this response: bound to the session cookie,
 * or to an anonymous cookie (set now if the visitor has none).
 */
const char *auth_csrf_token(struct req *r);

/* True when token is the valid CSRF token for this request's cookie. */
bool auth_csrf_valid(struct req *r, const char *token);

/* True when email or ip had AUTH_MAX_FAILURES failures within the window. */
bool auth_throttled(struct db *db, const char *email, const char *ip, time_t now);
/* Records one failed login for both keys. */
void auth_record_failure(struct db *db, const char *email, const char *ip, time_t now);
/*
 * Starts a login attempt: unless email or ip is throttled, records the
 * attempt as a failure for both (ids of the two rows in ids) in one write
 * transaction, so simultaneous attempts cannot slip past the limit.
 * Returns 0 (go ahead), 1 (throttled) or -1 (database error).
 */
int auth_attempt_begin(struct db *db, const char *email, const char *ip, time_t now,
                       long long ids[2]);
/* The attempt was good: removes its two rows and the e-mail's earlier failures. */
void auth_attempt_succeeded(struct db *db, const char *email, const long long ids[2]);
/* Forgets the failures of an e-mail address (after a good login). */
void auth_clear_failures(struct db *db, const char *email);

/* Lower-cases ASCII letters of an e-mail address into arena memory. */
char *auth_normalize_email(struct arena *a, const char *email);

#endif
