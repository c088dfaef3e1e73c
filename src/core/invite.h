/*
 * invite.h - invitations (issue 13 and 14): a role in one organisation,
 * for an ambassadeur also one community, waiting for its person behind a
 * one-time link. The link itself is made by auth/token.h; this module
 * keeps only its hash (link_tokens) next to the invitation. The invited
 * person chooses their own name, e-mail address and password.
 */
#ifndef KRING_INVITE_H
#define KRING_INVITE_H

#include <stdbool.h>
#include <stddef.h>

#include "../db/db.h"
#include "../util/arena.h"
#include "org.h"

/* What a one-time link is worth now (invitations and reset links alike). */
enum link_state {
	LINK_OK = 0,
	LINK_UNKNOWN = 1, /* no such link: guessed, mistyped, or withdrawn */
	LINK_EXPIRED = 2,
	LINK_USED = 3,
	LINK_GONE = 4, /* its organisation, person or community is no longer there */
	LINK_ERROR = -1,
};

struct invitation {
	long long id;
	long long org_id;
	const char *org_name;
	const char *org_slug;
	unsigned role;          /* enum role */
	long long community_id; /* an ambassadeur's community, or 0 */
	const char *community;  /* its name, or "" */
	const char *label;      /* for whom (as the inviter wrote it), or "" */
	const char *email;      /* the address the inviter knew, or "" */
	const char *inviter;    /* who made it, or "" */
	long long created_at;
	long long expires_at;
};

/*
 * Makes an invitation for role in org_id (for an ambassadeur: of
 * community_id, a community of org_id; for staff: community_id 0) and
 * stores its link's hash, valid until expires_at. SAVE_NOT_FOUND when the
 * community is not one of org_id; SAVE_REFUSED for a role/community
 * mismatch. *id_out gets the invitation's id.
 */
enum save_result invite_create(struct db *db, long long org_id, long long actor, unsigned role,
                               long long community_id, const char *label, const char *email,
                               const char *token_hash, long long now, long long expires_at,
                               long long *id_out);

/* What the link with token_hash is worth at now; LINK_OK fills *out. */
enum link_state invite_lookup(struct db *db, struct arena *a, const char *token_hash, long long now,
                              struct invitation *out);

enum invite_accept_result {
	ACCEPT_OK = 0,
	ACCEPT_LINK = 1,        /* the link is not (or no longer) good: see *state */
	ACCEPT_EMAIL_TAKEN = 2, /* a new account was asked for an address that has one */
	ACCEPT_ERROR = -1,
};

/*
 * Accepts the invitation in one transaction: the link is used up, and the
 * person is made (person_id 0: a new account with email, name and pw_hash)
 * or is the logged-in person_id; they get the role (a person who already
 * has a role in the organisation keeps it) and, for an ambassadeur, the
 * community. *person_out gets the person. Nothing changes unless all of
 * it is done.
 */
enum invite_accept_result invite_accept(struct db *db, const char *token_hash, long long now,
                                        long long person_id, const char *email, const char *name,
                                        const char *pw_hash, long long *person_out,
                                        enum link_state *state);

/* Invitations of org_id not yet accepted nor expired, newest first. 0 or -1. */
int invite_list_open(struct db *db, struct arena *a, long long org_id, long long now,
                     struct invitation **out, size_t *n);

/* Withdraws an open invitation of org_id (its link stops working). */
enum save_result invite_withdraw(struct db *db, long long org_id, long long actor, long long id);

/* Spent or expired links (and their unaccepted invitations, with the name and
 * address typed for them) are kept this long, then removed. */
#define INVITE_KEEP_SECONDS (30LL * 24 * 3600)

/*
 * Removes links that expired or were used more than INVITE_KEEP_SECONDS
 * before now, and invitations left without a link and never accepted.
 * Runs inside the caller's write transaction (every new invitation runs
 * it); the daily retention run may call it too. 0 or -1.
 */
int invite_purge(struct db *db, long long now);

#endif
