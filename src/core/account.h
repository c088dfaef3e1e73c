/*
 * account.h - what people manage of their own account (issue 14): their
 * password, reset links, their sessions, two-step login and recovery
 * codes; and the organisation's rule that staff use two-step login.
 * Hashes come from auth/ (passwords, link tokens, recovery codes): this
 * module only keeps them.
 */
#ifndef KRING_ACCOUNT_H
#define KRING_ACCOUNT_H

#include <stdbool.h>
#include <stddef.h>

#include "../db/db.h"
#include "../util/arena.h"
#include "invite.h"
#include "org.h"

/* ---- reset links ---- */

struct reset_link {
	long long person_id;
	long long org_id;
	const char *name;
	const char *email;
	long long expires_at;
};

/*
 * A beheerder of org_id makes a reset link for person_id, who must hold a
 * role in org_id (SAVE_NOT_FOUND if not). Earlier open reset links of that
 * person stop working.
 */
enum save_result reset_create(struct db *db, long long org_id, long long actor, long long person_id,
                              const char *token_hash, long long now, long long expires_at);

/*
 * "Wachtwoord vergeten": stores a reset link for the person with this
 * e-mail address (in the first organisation where they hold a role), or
 * nothing when there is none. One statement either way, so both paths do
 * the same work. Returns 1 when a link was stored, 0 when not, -1 error.
 */
int reset_request(struct db *db, const char *email, const char *token_hash, long long now,
                  long long expires_at);

/* What a reset link is worth at now; LINK_OK fills *out. */
enum link_state reset_lookup(struct db *db, struct arena *a, const char *token_hash, long long now,
                             struct reset_link *out);

/*
 * Uses the reset link and sets the new password hash in one transaction;
 * every session of the person ends. LINK_OK and *person_out, or why not.
 */
enum link_state reset_use(struct db *db, const char *token_hash, long long now, const char *pw_hash,
                          long long *person_out);

/* ---- own password ---- */

/* The person's password hash into *hash. 1, 0 when no such person, -1 error. */
int account_password_hash(struct db *db, struct arena *a, long long person_id, const char **hash);

/* Sets a new password hash; every other session of the person ends (keep_session: its hash). */
enum save_result account_password_set(struct db *db, long long person_id, const char *pw_hash,
                                      const char *keep_session);

/* ---- own language (issue 14) ---- */

/* Sets the person's language: "" (follow the browser), "nl" or "en". */
enum save_result account_lang_set(struct db *db, long long person_id, const char *lang);

/* ---- sessions ---- */

struct session_info {
	const char *id_hash;
	long long created_at;
	long long seen_at;
	const char *user_agent;
};

/* The person's sessions, most recently seen first (pending ones left out). 0 or -1. */
int account_sessions(struct db *db, struct arena *a, long long person_id, struct session_info **out,
                     size_t *n);
/* Ends one session of the person. 1 ended, 0 no such session of theirs, -1 error. */
int account_session_end(struct db *db, long long person_id, const char *id_hash);
/* Ends every session of the person except keep (NULL: all). Returns how many, or -1. */
long long account_sessions_end(struct db *db, long long person_id, const char *keep);
/* A beheerder ends all sessions of a person of org_id: SAVE_NOT_FOUND when not theirs. */
enum save_result account_sessions_end_member(struct db *db, long long org_id, long long actor,
                                             long long person_id);

/* ---- two-step login ---- */

struct totp_state {
	const char *secret; /* as stored: sealed (auth/totp.h), "" when never started */
	bool on;            /* confirmed: asked at every login */
	long long step;     /* the last step whose code was used */
	long long recovery_left;
	const char *email; /* the login throttle's key */
	bool moved;        /* off since the organisation moved to this kring: set it up again */
};

/* The person's two-step state. 1, 0 when no such person, -1 error. */
int account_totp_get(struct db *db, struct arena *a, long long person_id, struct totp_state *out);
/* Stores a new secret not yet confirmed (refused while two-step login is on). */
enum save_result account_totp_begin(struct db *db, long long person_id, const char *secret);
/*
 * Confirms: two-step login on, the confirming step used, and exactly these
 * recovery code hashes (n of them) replacing any earlier ones.
 */
enum save_result account_totp_enable(struct db *db, long long person_id, long long step,
                                     char (*const hashes)[65], size_t n);
/* Turns two-step login off and forgets the secret and recovery codes. */
enum save_result account_totp_disable(struct db *db, long long person_id);
/* Records that the code of step was used, if no later one was: 1, 0 (replayed), -1. */
int account_totp_use_step(struct db *db, long long person_id, long long step);
/* Uses up the recovery code with this hash: 1, 0 (no such unused code), -1. */
int account_recovery_use(struct db *db, long long person_id, const char *hash);

/* True (1) when the person is staff of an organisation that requires two-step login and has it off. */
int account_totp_needed(struct db *db, long long person_id);
/* The organisation's rule: 1 required, 0 not, -1 error. */
int org_totp_required(struct db *db, long long org_id);
/* Sets the rule (audited). */
enum save_result org_totp_require(struct db *db, long long org_id, long long actor, bool on);

#endif
