/*
 * community.h - communities (M4): the profile of werkblad 2 (characteristics, archetype, connection strength, contact,
 * lifecycle status with its history, sterktes and behoeften), the OF / BY /
 * FOR actions of werkblad 3, staff in the roles bouwer / verbinder /
 * aanjager and the signals about them (M8, lessons 1 and 6 of seed 004),
 * and the ambassadeurs who co-own a community (M9). The scan of step 3 is
 * in scan.h, the vocabularies in vocab.h.
 *
 * As in org.h: the organisation id comes first and comes from the request
 * context, never from form input; every query names it, so an id of another
 * organisation's record is simply not found (SAVE_NOT_FOUND / 0). Changes
 * write their audit entry in the same transaction. Returned strings and
 * arrays live in the given arena.
 */
#ifndef KRING_COMMUNITY_H
#define KRING_COMMUNITY_H

#include <stdbool.h>
#include <stddef.h>

#include "../db/db.h"
#include "org.h"
#include "vocab.h"

#define COMMUNITY_MAX_STAFF 3 /* lesson 6: more is possible, but a signal */

/* The kind of a community's document in the search index. */
#define COMMUNITY_DOC_KIND "community"

/* ---- the community itself ---- */

struct community {
	long long id;
	long long version; /* for conflict detection */
	const char *name;
	const char *description;
	const char *why;       /* why this community (step 3: "en waarom?") */
	const char *geography; /* characteristics: text, "" when it does not apply */
	const char *identity;
	const char *affinity;
	const char *archetype;    /* one of community_archetypes, or "" */
	const char *bond;         /* one of community_bonds, or "" */
	const char *contact_name; /* one person in the community */
	const char *contact_how;  /* how to reach them */
	const char *status;       /* one of community_statuses */
	long long status_since;   /* when the status last changed */
	const char *started_on;   /* "YYYY-MM-DD" or "" */
	long long created_at;
	long long updated_at;
};

/* 1 and *out filled when community id belongs to org; 0 when not; -1 on error. */
int community_get(struct db *db, struct arena *a, long long org_id, long long id,
                  struct community *out);

/*
 * 1 when community id belongs to org and, when attached_person is not 0,
 * that person is attached to it as ambassadeur; 0 when not; -1 on error.
 * The attachment counts only while the person holds the ambassadeur role
 * in org (the membership is joined, not assumed). This is the check behind
 * ACCESS_COMMUNITY in the route table.
 */
int community_visible(struct db *db, long long org_id, long long id, long long attached_person);

/*
 * Creates a community from c (id, version and times are ignored; an empty
 * status means "gewenst") and records its first status. SAVE_OK and
 * *id_out, SAVE_REFUSED for a value outside the vocabularies, or SAVE_ERROR.
 */
enum save_result community_create(struct db *db, long long org_id, long long actor,
                                  const struct community *c, long long *id_out);

/*
 * Saves every field of c over community c->id when the stored version is
 * still c->version; a changed status is added to the history with today's
 * time. SAVE_CONFLICT when someone else saved first (nothing is written),
 * SAVE_NOT_FOUND, SAVE_REFUSED for a value outside the vocabularies.
 */
enum save_result community_update(struct db *db, long long org_id, long long actor,
                                  const struct community *c);

/*
 * As community_create, inside the caller's transaction (the scan makes a
 * profile from an entry in its own transaction). The caller rolls back on
 * anything but SAVE_OK.
 */
enum save_result community_create_in_tx(struct db *db, long long org_id, long long actor,
                                        const struct community *c, long long *id_out);

/*
 * Deletes a community with everything attached to it when its stored
 * version is still version (the one the person saw when asked to confirm);
 * the audit log keeps its name. SAVE_CONFLICT when someone saved since
 * (nothing is deleted), SAVE_NOT_FOUND, SAVE_ERROR.
 */
enum save_result community_delete(struct db *db, long long org_id, long long actor, long long id,
                                  long long version);

/*
 * Puts community id of org in the search index again (its profile and its
 * lists), or takes it out when it is gone. Called inside every transaction
 * that changes what the document holds, and by the reindex. 0 or -1.
 */
int community_index(struct db *db, long long org_id, long long id);

struct community_status_change {
	const char *status;
	long long at;
	const char *who; /* name, or "" */
};

/* The status history, oldest first. 0 or -1. */
int community_history(struct db *db, struct arena *a, long long org_id, long long id,
                      struct community_status_change **out, size_t *n_out);

/* ---- ordered lists: sterktes, behoeften and OF / BY / FOR actions ---- */

struct community_item {
	long long id;
	long long version;
	const char *kind; /* one of community_item_kinds */
	const char *text;
	const char *status; /* actions: one of community_action_statuses; else "" */
	long long position;
};

/* Every item of a community, by kind and position. 0 or -1. */
int community_items(struct db *db, struct arena *a, long long org_id, long long community_id,
                    struct community_item **out, size_t *n_out);

/*
 * Adds an item at the end of its list. Actions (van, door, voor) get status
 * (default "idee"); sterktes and behoeften have none. SAVE_NOT_FOUND when
 * the community is not the org's, SAVE_REFUSED for a bad kind or status.
 */
enum save_result community_item_add(struct db *db, long long org_id, long long actor,
                                    long long community_id, const char *kind, const char *text,
                                    const char *status, long long *id_out);

/* Changes text and status if the stored version is still `version` (SAVE_CONFLICT if not). */
enum save_result community_item_update(struct db *db, long long org_id, long long actor,
                                       long long community_id, long long item_id, const char *text,
                                       const char *status, long long version);

/* Moves an item one place up (delta < 0) or down (delta > 0) in its list; at an end it stays. */
enum save_result community_item_move(struct db *db, long long org_id, long long community_id,
                                     long long item_id, int delta);

enum save_result community_item_delete(struct db *db, long long org_id, long long actor,
                                       long long community_id, long long item_id);

/* One item, for showing it back (1, 0 or -1). */
int community_item_get(struct db *db, struct arena *a, long long org_id, long long community_id,
                       long long item_id, struct community_item *out);

/* ---- people: staff in a role, and ambassadeurs ---- */

struct community_person {
	long long id; /* the attachment */
	long long person_id;
	const char *name;
	const char *role; /* staff: one of community_staff_roles; ambassadeurs: "" */
};

/* Staff attached (current beheerders and medewerkers only), by role then name. 0 or -1. */
int community_staff_list(struct db *db, struct arena *a, long long org_id, long long community_id,
                         struct community_person **out, size_t *n_out);
/*
 * The staff of each of the n communities ids (the org's; others get none),
 * as community_staff_list gives them, in one query: lists[i] and
 * n_lists[i] for ids[i]. 0 or -1.
 */
int community_staff_lists(struct db *db, struct arena *a, long long org_id, const long long *ids,
                          size_t n, struct community_person **lists, size_t *n_lists);
/*
 * Attaches person in role. SAVE_NOT_FOUND when the community is not the
 * org's or the person is not beheerder or medewerker there; SAVE_REFUSED
 * for an unknown role; SAVE_OK also when the person already had that role.
 */
enum save_result community_staff_add(struct db *db, long long org_id, long long actor,
                                     long long community_id, long long person_id, const char *role);
enum save_result community_staff_remove(struct db *db, long long org_id, long long actor,
                                        long long community_id, long long attachment_id);

/* Ambassadeurs attached (people who hold the ambassadeur role now), by name. 0 or -1. */
int community_ambassador_list(struct db *db, struct arena *a, long long org_id,
                              long long community_id, struct community_person **out, size_t *n_out);
/* As community_staff_add, for a person with the role ambassadeur in the org. */
enum save_result community_ambassador_add(struct db *db, long long org_id, long long actor,
                                          long long community_id, long long person_id);
enum save_result community_ambassador_remove(struct db *db, long long org_id, long long actor,
                                             long long community_id, long long attachment_id);

/* People of the org who can be attached: staff (ambassadors false) or ambassadeurs. */
int community_candidates(struct db *db, struct arena *a, long long org_id, bool ambassadors,
                         struct member **out, size_t *n_out);
/* Both lists of community_candidates() from one read of the members. */
int community_candidates_both(struct db *db, struct arena *a, long long org_id,
                              struct member **staff, size_t *n_staff, struct member **amb,
                              size_t *n_amb);

/* ---- signals (M8): they speak plainly and never block work ---- */

struct community_signals {
	bool missing[COMMUNITY_N_ROLES]; /* by index of community_staff_roles (lesson 1) */
	int n_missing;
	int n_staff;     /* distinct people */
	bool too_many;   /* more than COMMUNITY_MAX_STAFF people (lesson 6) */
	bool more_needs; /* more behoeften than sterktes recorded: work from talents */
	int n_signals;   /* how many of the above speak */
};

/* Computes the signals from the staff list and the counts of sterktes and behoeften. */
void community_signals_compute(const struct community_person *staff, size_t n_staff,
                               size_t n_strengths, size_t n_needs, struct community_signals *out);

/* ---- the list: filters, sorting, paging, export ---- */

enum community_sort {
	SORT_NAME = 0,    /* A to Z */
	SORT_STATUS = 1,  /* along the lifecycle, then name */
	SORT_UPDATED = 2, /* most recently changed first */
};

struct community_filter {
	const char *status;    /* "" for all */
	const char *archetype; /* "" for all */
	const char *role;      /* "" all, a staff role, or "ontbreekt" (a role is missing) */
	long long person;      /* 0 all, or only communities where this staff member takes part */
	enum community_sort sort;
	long long only_attached; /* 0, or an ambassadeur: only their communities */
};

struct community_row {
	long long id;
	const char *name;
	const char *status;
	long long status_since;
	const char *archetype;
	const char *bond;
	const char *started_on;
	long long updated_at;
	int n_staff;
	int n_role[COMMUNITY_N_ROLES]; /* people per staff role */
	int n_strengths;
	int n_needs;
};

/*
 * One page of communities matching f (limit rows from offset; limit 0
 * means all), and the number matching in total. 0 or -1.
 */
int community_list(struct db *db, struct arena *a, long long org_id,
                   const struct community_filter *f, long long limit, long long offset,
                   struct community_row **out, size_t *n_out, long long *total);

/* One community with everything an export shows of it. */
struct community_export {
	struct community c;
	struct community_item *items;
	size_t n_items;
	struct community_person *staff;
	size_t n_staff;
	struct community_person *ambassadors;
	size_t n_ambassadors;
	struct community_signals signals;
};

/*
 * Every community matching f (in the order of f->sort) with its profile,
 * lists, staff, ambassadeurs and signals: the rows of an export, which the
 * page writes in its format. 0 or -1 (then *out is NULL).
 */
int community_export_rows(struct db *db, struct arena *a, long long org_id,
                          const struct community_filter *f, struct community_export **out,
                          size_t *n_out);

#endif
