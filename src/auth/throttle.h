/*
 * throttle.h - login throttling in the database. Failed logins are
 * counted per (client address, account) and per account, never per
 * address alone: behind a proxy or a library's shared public address many
 * people share one address, and one person's typos must not lock out the
 * others. Knows no request: the caller passes the client address.
 */
#ifndef KRING_THROTTLE_H
#define KRING_THROTTLE_H

#include <stdbool.h>
#include <time.h>

#include "../db/db.h"

#define AUTH_MAX_FAILURES         5         /* failed logins per (address, account) ... */
#define AUTH_MAX_ACCOUNT_FAILURES 20        /* ... and per account from any address ... */
#define AUTH_FAILURE_WINDOW       (15 * 60) /* ... within this many seconds */

/* True when (ip, email) had AUTH_MAX_FAILURES or email had AUTH_MAX_ACCOUNT_FAILURES
 * failures within the window; true (fail closed) on a database error. */
bool auth_throttled(struct db *db, const char *email, const char *ip, time_t now);
/* Records one failed login for both keys. */
void auth_record_failure(struct db *db, const char *email, const char *ip, time_t now);
/*
 * Starts a login attempt: unless (ip, email) or email is throttled, records
 * the attempt as a failure for both keys (ids of the two rows in ids) in one
 * write transaction, so simultaneous attempts cannot slip past the limit.
 * Returns 0 (go ahead), 1 (throttled) or -1 (database error).
 */
int auth_attempt_begin(struct db *db, const char *email, const char *ip, time_t now,
                       long long ids[2]);
/* The attempt was good: removes its two rows and the account's earlier failures. */
void auth_attempt_succeeded(struct db *db, const char *email, const long long ids[2]);
/* Forgets the failures of an account, from every address (after a good login). */
void auth_clear_failures(struct db *db, const char *email);

#endif
