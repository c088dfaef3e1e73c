/*
 * share.h - personal records shared with one chosen beheerder (M10).
 *
 * A person's private records (the Persoonlijk Impact Plan, the zelftest)
 * are visible to nobody else, beheerder included, until the person shares
 * one kind of record with one beheerder of the organisation; revoking
 * deletes the share. A share counts only while the owner still has a role
 * in the organisation and the viewer is still its beheerder: checked in
 * every query, so a role taken away ends what it granted.
 *
 * `what` names the kind of record: SHARE_IMPACT or SHARE_ZELFTEST (the
 * CHECK of personal_shares.what lists them). Returned memory lives in the
 * arena.
 */
#ifndef KRING_SHARE_H
#define KRING_SHARE_H

#include <stdbool.h>
#include <stddef.h>

#include "../db/db.h"
#include "org.h"

#define SHARE_IMPACT   "impact"
#define SHARE_ZELFTEST "zelftest"

/* True for a kind of record that can be shared (SHARE_IMPACT, SHARE_ZELFTEST). */
bool share_kind_known(const char *what);

struct share {
	long long viewer_id;
	const char *viewer_name;
	long long since;
};

/*
 * The current share of owner's record `what`: 1 and *out, 0 when it is not
 * shared (or the viewer is no longer beheerder), -1 on error.
 */
int share_get(struct db *db, struct arena *a, long long org_id, long long owner_id,
              const char *what, struct share *out);

/*
 * Shares owner's record `what` with viewer_id, replacing an earlier choice.
 * SAVE_NOT_FOUND when viewer_id is not a beheerder of org_id (or is the
 * owner), SAVE_OK, or SAVE_ERROR. No audit entry: the log is read by
 * every beheerder, and who shares what with whom is private too.
 */
enum save_result share_set(struct db *db, long long org_id, long long owner_id, const char *what,
                           long long viewer_id);

/* Ends the share of owner's record `what` (nothing shared is fine). SAVE_OK or SAVE_ERROR. */
enum save_result share_revoke(struct db *db, long long org_id, long long owner_id,
                              const char *what);

/*
 * 1 when viewer_id may read owner's record `what`: the owner is viewer_id,
 * or the owner (still in the organisation) shared it with viewer_id (still
 * its beheerder). 0 when not, -1 on error.
 */
int share_can_view(struct db *db, long long org_id, long long owner_id, const char *what,
                   long long viewer_id);

struct shared_with_me {
	long long owner_id;
	const char *owner_name;
	long long since;
};

/* The records of kind `what` shared with viewer_id, by owner name. 0 or -1. */
int share_list_for_viewer(struct db *db, struct arena *a, long long org_id, long long viewer_id,
                          const char *what, struct shared_with_me **out, size_t *n_out);

/* The beheerders of org_id the owner can choose from (never the owner). 0 or -1. */
int share_viewers(struct db *db, struct arena *a, long long org_id, long long owner_id,
                  struct share **out, size_t *n_out);

#endif
