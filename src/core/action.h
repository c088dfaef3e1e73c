/*
 * action.h - action points (actiepunten, M5): what was agreed in a
 * conversation, who does it and by when; ticked off when done. Also the
 * owners who no longer have a role in the organisation, and handing their
 * open action points over to someone else.
 *
 * As everywhere in kring: the organisation id comes first and comes from
 * the request context, never from form input; every query names it, so an
 * id of another organisation's record is simply not found (SAVE_NOT_FOUND,
 * 0). Changes write their audit entry and update the search index
 * (search.h) in the same transaction. Returned strings and arrays live in
 * the given arena. Calendar dates are "YYYY-MM-DD" text ("" = none).
 */
#ifndef KRING_ACTION_H
#define KRING_ACTION_H

#include <stdbool.h>
#include <stddef.h>

#include "../db/db.h"
#include "../util/arena.h"
#include "org.h"
#include "conversation.h"

struct action_point {
	long long id;
	long long version;
	long long conversation_id;
	const char *text;
	long long owner_id;     /* 0 when nobody */
	const char *owner_name; /* "" when nobody */
	const char *due_on;     /* "" when no date */
	bool done;
	long long done_at; /* when ticked off, or 0 */
	/* the conversation it came from (read only) */
	const char *held_on;
	const char *subject;
	const char *partner_name;
	bool owner_gone; /* the owner is no beheerder or medewerker of the org any more */
	/* issue 9: a partner owns it (owner_id is then 0, owner_name the partner's) */
	long long owner_partner_id;
};

/* The action points of a conversation, in the order they were added. 0 or -1. */
int action_list(struct db *db, struct arena *a, long long org_id, long long conversation_id,
                struct action_point **out, size_t *n_out);
/*
 * Open action points of the org, those with the earliest due date first and
 * those without a date last; only of one partner or one community when
 * partner_id or community_id is not 0. 0 or -1.
 */
int action_open_list(struct db *db, struct arena *a, long long org_id, long long partner_id,
                     long long community_id, struct action_point **out, size_t *n_out);
/* One action point of a conversation (1, 0 or -1). */
int action_get(struct db *db, struct arena *a, long long org_id, long long conversation_id,
               long long id, struct action_point *out);
/*
 * Adds an action point. SAVE_REFUSED for an empty text or impossible date;
 * SAVE_NOT_FOUND when the conversation or the owner (a beheerder or
 * medewerker) is not of the org.
 */
enum save_result action_add(struct db *db, long long org_id, long long actor,
                            long long conversation_id, const struct action_new *ap,
                            long long *id_out);
/* Changes text, owner and date when the version is still `version` (SAVE_CONFLICT if not). */
enum save_result action_update(struct db *db, long long org_id, long long actor,
                               long long conversation_id, long long id, const struct action_new *ap,
                               long long version);
/* Ticks an action point off (done) or opens it again; saying it twice changes nothing. */
enum save_result action_set_done(struct db *db, long long org_id, long long actor,
                                 long long conversation_id, long long id, bool done);
/*
 * Deletes an action point when its version is still `version` (the one
 * the person saw): SAVE_CONFLICT when someone changed it since (nothing is
 * deleted), SAVE_NOT_FOUND.
 */
enum save_result action_delete(struct db *db, long long org_id, long long actor,
                               long long conversation_id, long long id, long long version);

/* ---- owners without a role ---- */

/* A person who owns open action points but is no beheerder or medewerker of the org any more. */
struct action_owner {
	long long person_id;
	const char *name;
	long long n_open; /* their open action points in this org */
};

/*
 * Everyone who owns open action points of the org without being beheerder
 * or medewerker there (any more): left, or re-roled. By name. 0 or -1.
 */
int action_gone_owners(struct db *db, struct arena *a, long long org_id, struct action_owner **out,
                       size_t *n_out);

/*
 * Hands every open action point of the org owned by person `from` over to
 * person `to` in one transaction (each point's version moves on, so a form
 * opened before answers a conflict), with one audit entry naming both and
 * the number. SAVE_OK and *moved (may be NULL); SAVE_REFUSED when from or to
 * is 0 or they are the same; SAVE_NOT_FOUND when `to` is not a beheerder or
 * medewerker of the org, or `from` has no open points here.
 */
enum save_result action_hand_over(struct db *db, long long org_id, long long actor, long long from,
                                  long long to, long long *moved);

#endif
