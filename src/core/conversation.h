/*
 * conversation.h - conversations (gesprekken, M5): the contact moments with
 * a partner or a community, their report and the next planned contact, and
 * the first action points typed with a new conversation (the action points
 * themselves are in action.h).
 *
 * As everywhere in kring: the organisation id comes first and comes from
 * the request context, never from form input; every query names it, so an
 * id of another organisation's record is simply not found (SAVE_NOT_FOUND,
 * 0). Changes write their audit entry and update the search index
 * (search.h) in the same transaction. Returned strings and arrays live in
 * the given arena. Calendar dates are "YYYY-MM-DD" text ("" = none).
 */
#ifndef KRING_CONVERSATION_H
#define KRING_CONVERSATION_H

#include <stdbool.h>
#include <stddef.h>

#include "../db/db.h"
#include "../util/arena.h"
#include "org.h"

/* kennismaking, partner-power, groepsgesprek, brainstorm (as stored, in display order) */
extern const char *const conversation_kinds[];

#define CONVERSATION_N_KINDS 4

struct conversation {
	long long id;
	long long version;
	const char *held_on;        /* date of the talk */
	const char *kind;           /* one of conversation_kinds */
	long long partner_id;       /* 0 when none */
	const char *partner_name;   /* "" when none (read only) */
	long long community_id;     /* 0 when none */
	const char *community_name; /* "" when none (read only) */
	const char *subject;        /* a short title */
	const char *participants;   /* who were there */
	const char *report;         /* the short report */
	bool report_sent;           /* the report went back to the partner */
	const char *next_on;        /* the next planned contact, or "" */
	const char *next_note;      /* what that contact is for */
	const char *who;            /* who wrote it down (read only) */
	long long created_at;
	long long updated_at;
};

/* 1 and *out when conversation id belongs to org; 0 when not; -1 on error. */
int conversation_get(struct db *db, struct arena *a, long long org_id, long long id,
                     struct conversation *out);

/* A new action point, as typed with a new conversation. */
struct action_new {
	const char *text;
	long long owner_id; /* 0: nobody yet */
	const char *due_on; /* "" or a date */
	/* issue 9: a partner owns it instead of a person ("de wijkvereniging regelt de zaal"); 0: none */
	long long owner_partner_id;
};

/*
 * Records a conversation with its first action points (entries with an
 * empty text are skipped). SAVE_REFUSED when neither partner nor community
 * is given, for an empty subject, an unknown kind or an impossible date;
 * SAVE_NOT_FOUND when the partner, the community or an owner is not of the
 * org (nothing is written). SAVE_OK and *id_out.
 */
enum save_result conversation_create(struct db *db, long long org_id, long long actor,
                                     const struct conversation *c, const struct action_new *actions,
                                     size_t n_actions, long long *id_out);
/* Saves c over conversation c->id when its version is still c->version. */
enum save_result conversation_update(struct db *db, long long org_id, long long actor,
                                     const struct conversation *c);
/* Deletes a conversation and its action points; the audit log keeps its subject. */
/*
 * Deletes a conversation and its action points when its version is still
 * `version` (the one the person saw); the audit log keeps its subject.
 * SAVE_CONFLICT when someone saved since (nothing is deleted), SAVE_NOT_FOUND.
 */
enum save_result conversation_delete(struct db *db, long long org_id, long long actor, long long id,
                                     long long version);

struct conversation_filter {
	const char *kind;    /* "" for all */
	long long partner;   /* 0 for all */
	long long community; /* 0 for all */
};

/* One page of conversations matching f, newest first, and the total. 0 or -1. */
int conversation_list(struct db *db, struct arena *a, long long org_id,
                      const struct conversation_filter *f, long long limit, long long offset,
                      struct conversation **out, size_t *n_out, long long *total);

/* Conversations whose next planned contact is today or later, soonest first. 0 or -1. */
int conversation_upcoming(struct db *db, struct arena *a, long long org_id, const char *today,
                          struct conversation **out, size_t *n_out);

/* 1 when person is beheerder or medewerker of the org (an owner of action points), 0, -1. */
int partner_owner_valid(struct db *db, long long org_id, long long person_id);

/*
 * Checks a new or changed action point of a conversation with community_id
 * (0: none): SAVE_REFUSED for an empty text, an impossible date or both a
 * person and a partner as owner; SAVE_NOT_FOUND when the owner is neither
 * a beheerder or medewerker of the org nor an ambassadeur of that
 * community, or the partner is not the org's; SAVE_ERROR, else SAVE_OK.
 * Used by action.c.
 */
enum save_result action_new_check(struct db *db, long long org_id, long long community_id,
                                  const struct action_new *ap);

/*
 * Inserts an action point of a conversation; only inside the caller's
 * write transaction, after action_new_check. SAVE_OK and *id_out (may be
 * NULL), or SAVE_ERROR.
 */
enum save_result action_new_insert(struct db *db, long long org_id, long long conversation_id,
                                   const struct action_new *ap, long long *id_out);

/*
 * Puts conversation id of org in the search index again
 * (db/search_index.h): its subject as title; kind, participants, report,
 * the next contact's note and the text of its action points as body; or
 * removes it when it is gone. Only inside the caller's write transaction
 * (every change of a conversation or its action points calls it). 0 or -1.
 */
int search_sync_conversation(struct db *db, long long org_id, long long id);

/*
 * Marks the conversation as changed now and indexes it again. Only inside
 * the caller's write transaction (action.c uses it). 0 or -1.
 */
int conversation_touch(struct db *db, long long org_id, long long id);

#endif
