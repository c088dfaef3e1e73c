/*
 * partner.h - partners (M5, step 4 of the route): the people and
 * organisations a library works with, the communities they belong to, and
 * the list of partners with its counts. Partner power is in power.h,
 * conversations in conversation.h, action points in action.h and a
 * community's timeline in timeline.h.
 *
 * As everywhere in kring: the organisation id comes first and comes from
 * the request context, never from form input; every query names it, so an
 * id of another organisation's record is simply not found (SAVE_NOT_FOUND,
 * 0). Changes write their audit entry and update the search index
 * (search.h) in the same transaction. Returned strings and arrays live in
 * the given arena. Calendar dates are "YYYY-MM-DD" text ("" = none).
 */
#ifndef KRING_PARTNER_H
#define KRING_PARTNER_H

#include <stdbool.h>
#include <stddef.h>

#include "../db/db.h"
#include "../util/arena.h"
#include "org.h"

/* vereniging, welzijn, school, gemeente, zorg, cultuur, bedrijf, inwoner, anders
 * (as stored, NULL-terminated, in display order) */
extern const char *const partner_kinds[];

#define PARTNER_N_KINDS 9

/* ---- partners ---- */

struct partner {
	long long id;
	long long version;        /* for conflict detection */
	const char *name;         /* a person or an organisation */
	const char *kind;         /* one of partner_kinds */
	const char *part_of;      /* werkblad 4: "van (community, organisatie, enz.)" */
	const char *description;  /* what they do, who they work with */
	const char *contact_name; /* one person to talk to */
	const char *contact_how;  /* how to reach them */
	long long created_at;
	long long updated_at;
};

/* 1 and *out when partner id belongs to org; 0 when not; -1 on error. */
int partner_get(struct db *db, struct arena *a, long long org_id, long long id,
                struct partner *out);

/*
 * Creates a partner (id, version and times of p are ignored) and links it
 * to the communities in community_ids (may be NULL when n is 0).
 * SAVE_OK and *id_out; SAVE_REFUSED for an empty name or unknown kind;
 * SAVE_NOT_FOUND when a community is not the org's (nothing is written).
 */
enum save_result partner_create(struct db *db, long long org_id, long long actor,
                                const struct partner *p, const long long *community_ids, size_t n,
                                long long *id_out);

/*
 * Saves every field of p over partner p->id when the stored version is
 * still p->version. SAVE_CONFLICT when someone else saved first (nothing is
 * written), SAVE_NOT_FOUND, SAVE_REFUSED as for partner_create.
 */
enum save_result partner_update(struct db *db, long long org_id, long long actor,
                                const struct partner *p);

/*
 * Deletes a partner with its community links and partner power; the audit
 * log keeps its name. version is the one the person saw when they asked to
 * delete: SAVE_CONFLICT (nothing deleted) when someone saved since.
 * SAVE_REFUSED while conversations name the partner: those are the memory
 * of the cooperation and never vanish with it (the page explains and lists
 * them). SAVE_NOT_FOUND.
 */
enum save_result partner_delete(struct db *db, long long org_id, long long actor, long long id,
                                long long version);

/* Number of conversations that name the partner (0 for another org's); -1 on error. */
long long partner_conversation_count(struct db *db, long long org_id, long long partner_id);

/* 1 when partner id is the org's, 0 when not, -1 on error. */
int partner_exists(struct db *db, long long org_id, long long id);

/*
 * Marks the partner as changed now and indexes it again. Only inside the
 * caller's write transaction (power.c uses it). 0 or -1.
 */
int partner_touch(struct db *db, long long org_id, long long id);

/* A community as a partner or conversation refers to it. */
struct community_ref {
	long long id;
	const char *name;
	const char *status;
};

/* The communities a partner works with, by name. 0 or -1. */
int partner_communities(struct db *db, struct arena *a, long long org_id, long long partner_id,
                        struct community_ref **out, size_t *n_out);
/* Every community of the org, by name (for choosing). 0 or -1. */
int partner_community_choices(struct db *db, struct arena *a, long long org_id,
                              struct community_ref **out, size_t *n_out);
/*
 * Links partner and community (SAVE_OK also when they were linked).
 * SAVE_NOT_FOUND when either is not the org's.
 */
enum save_result partner_link(struct db *db, long long org_id, long long actor,
                              long long partner_id, long long community_id);
enum save_result partner_unlink(struct db *db, long long org_id, long long actor,
                                long long partner_id, long long community_id);

/* A partner in a short list (a community's partners, choices in a form). */
struct partner_ref {
	long long id;
	const char *name;
	const char *kind;
};

/* The partners of a community, by name. 0 or -1. */
int community_partner_list(struct db *db, struct arena *a, long long org_id, long long community_id,
                           struct partner_ref **out, size_t *n_out);
/* Every partner of the org, by name (for choosing). 0 or -1. */
int partner_choices(struct db *db, struct arena *a, long long org_id, struct partner_ref **out,
                    size_t *n_out);

/* ---- the list ---- */

enum partner_sort {
	PSORT_NAME = 0,    /* A to Z */
	PSORT_KIND = 1,    /* by kind, then name */
	PSORT_CONTACT = 2, /* most recent conversation first; never-met last */
	PSORT_UPDATED = 3, /* most recently changed first */
};

struct partner_filter {
	const char *kind;    /* "" for all */
	long long community; /* 0 for all, or only partners of this community */
	enum partner_sort sort;
};

struct partner_row {
	long long id;
	const char *name;
	const char *kind;
	const char *part_of;
	long long updated_at;
	const char *last_contact; /* date of the latest conversation, or "" */
	const char *next_contact; /* the earliest planned contact from today, or "" */
	int n_conversations;
	int n_open_actions;
	int n_overdue; /* open action points past their due date */
};

/*
 * One page of partners matching f (limit rows from offset; 0 means all)
 * and the number matching in total. today is "YYYY-MM-DD". 0 or -1.
 */
int partner_list(struct db *db, struct arena *a, long long org_id, const struct partner_filter *f,
                 const char *today, long long limit, long long offset, struct partner_row **out,
                 size_t *n_out, long long *total);

/*
 * Puts partner id of org in the search index again (db/search_index.h):
 * its name as title; kind, details and every partner power record as body;
 * or removes it when it is gone. Only inside the caller's write transaction
 * (every change of a partner or its partner power calls it). 0 or -1.
 */
int search_sync_partner(struct db *db, long long org_id, long long id);

/* Today in Europe/Amsterdam (local time) as "YYYY-MM-DD", in a. */
const char *partner_today(struct arena *a);

#endif
