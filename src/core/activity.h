/*
 * activity.h - activities (step 6, M7): what a community made with the
 * library, voor (the library organises), met (together) or door (the
 * community organises, the library facilitates); one or more communities,
 * a place (a branch or elsewhere), the number of participants (a count,
 * never names), who from the library and which partners took part, the
 * outcome and a follow-up. A planned activity is confirmed afterwards with
 * the real count.
 *
 * The summaries activity_months and community_activity_months (migration
 * 008) hold the held activities and their participants per month and way
 * of making; every change here keeps them in the same transaction, and
 * activity_summaries_check() recomputes them from the raw rows.
 *
 * As everywhere in kring: the organisation id comes first and comes from
 * the request context, never from form input; every query names it. An
 * ambassadeur passes their person id as `attached` (0 for everyone else):
 * they see and change only activities of a community they are attached
 * to, and may name only those communities. Changes write their audit entry
 * and update the search index in the same transaction. Returned strings
 * and arrays live in the given arena.
 */
#ifndef KRING_ACTIVITY_H
#define KRING_ACTIVITY_H

#include <stdbool.h>
#include <stddef.h>

#include "../db/db.h"
#include "../util/arena.h"
#include "org.h"

/* voor, met, door (as stored, in display order) */
extern const char *const activity_mades[];
/* planned, held, cancelled */
extern const char *const activity_statuses[];

#define ACTIVITY_MAX_REFS         32     /* communities, staff or partners of one activity */
#define ACTIVITY_MAX_PARTICIPANTS 100000 /* a larger count is a typing error */
#define ACTIVITY_TITLE_MAX        200    /* characters */

/* A community, person or partner an activity names. */
struct activity_ref {
	long long id;
	const char *name;
};

struct activity {
	long long id;
	long long version;
	const char *title;
	const char *held_on;     /* "YYYY-MM-DD" */
	const char *starts_at;   /* "HH:MM" or "" */
	const char *ends_at;     /* "HH:MM" or "" */
	long long branch_id;     /* 0: elsewhere (place) */
	const char *branch_name; /* read only */
	const char *place;       /* where, when not a branch */
	const char *made;        /* one of activity_mades */
	const char *status;      /* one of activity_statuses */
	long long participants;  /* -1 when not counted (yet) */
	const char *outcome;
	const char *follow_up;
	long long source_item_id; /* the DOOR action of werkblad 3 it came from, or 0 */
	const char *who;          /* who wrote it down (read only) */
	long long created_at;
	long long updated_at;
	struct activity_ref *communities;
	size_t n_communities;
	struct activity_ref *staff; /* who from the library took part */
	size_t n_staff;
	struct activity_ref *partners;
	size_t n_partners;
};

/*
 * 1 and *out (with its communities, staff and partners) when activity id
 * is the org's and, for an ambassadeur (attached not 0), names one of
 * their communities; 0 when not; -1 on error.
 */
int activity_get(struct db *db, struct arena *a, long long org_id, long long attached, long long id,
                 struct activity *out);

/* What is wrong with an activity, per field (SAVE_REFUSED / SAVE_NOT_FOUND). */
enum activity_problem {
	ACT_OK = 0,
	ACT_BAD_TITLE,         /* empty or longer than ACTIVITY_TITLE_MAX */
	ACT_BAD_DATE,          /* not a date that exists */
	ACT_BAD_TIME,          /* a start or end that is no HH:MM, or an end before the start */
	ACT_BAD_MADE,          /* not voor, met or door */
	ACT_BAD_COUNT,         /* negative or larger than ACTIVITY_MAX_PARTICIPANTS */
	ACT_NO_COMMUNITY,      /* no community */
	ACT_FOREIGN_COMMUNITY, /* a community not of the org (or not the ambassadeur's) */
	ACT_FOREIGN_BRANCH,    /* a branch not of the org */
	ACT_FOREIGN_STAFF,     /* a person who is no beheerder or medewerker of the org */
	ACT_FOREIGN_PARTNER,   /* a partner not of the org */
	ACT_FOREIGN_ITEM,      /* a source item not a DOOR action of one of the communities */
};

/*
 * Records a new activity from act (its id, version, names and times are
 * ignored; ids of communities, staff and partners are read from the ref
 * arrays). SAVE_REFUSED with *why for a value that cannot be, SAVE_NOT_FOUND
 * with *why for an id that is not the org's (or not the ambassadeur's
 * community); nothing is written then. SAVE_OK and *id_out.
 */
enum save_result activity_create(struct db *db, long long org_id, long long actor,
                                 long long attached, const struct activity *act, long long *id_out,
                                 enum activity_problem *why);
/*
 * Saves act over activity act->id when its version is still act->version
 * (SAVE_CONFLICT if not; nothing is written). An ambassadeur's change keeps
 * the communities of the activity that are not theirs. Same refusals as
 * activity_create().
 */
enum save_result activity_update(struct db *db, long long org_id, long long actor,
                                 long long attached, const struct activity *act,
                                 enum activity_problem *why);
/*
 * Confirms a planned activity afterwards: status held with the real count
 * (0..ACTIVITY_MAX_PARTICIPANTS, else SAVE_REFUSED), when its version is
 * still `version` (SAVE_CONFLICT if not).
 */
enum save_result activity_confirm(struct db *db, long long org_id, long long actor,
                                  long long attached, long long id, long long version,
                                  long long participants);
/*
 * Deletes an activity when its version is still `version` (SAVE_CONFLICT
 * if not, nothing deleted); the audit log keeps its title and date.
 */
enum save_result activity_delete(struct db *db, long long org_id, long long actor,
                                 long long attached, long long id, long long version);

enum activity_sort {
	ACT_SORT_NEWEST = 0, /* latest date first */
	ACT_SORT_OLDEST,
	ACT_SORT_TITLE,
	ACT_SORT_PARTICIPANTS, /* most participants first */
};

struct activity_filter {
	long long community; /* 0 for all */
	long long branch;    /* 0 for all */
	const char *made;    /* "" for all */
	const char *from;    /* "" or a date: held on or after */
	const char *to;      /* "" or a date: held on or before */
	enum activity_sort sort;
};

/*
 * One page of activities matching f (limit 0: all), with their
 * communities, and the total. For an ambassadeur (attached) only those of
 * their communities. 0 or -1.
 */
int activity_list(struct db *db, struct arena *a, long long org_id, long long attached,
                  const struct activity_filter *f, long long limit, long long offset,
                  struct activity **out, size_t *n_out, long long *total);

/*
 * Of one community: up to `max` activities from today on (soonest first,
 * not cancelled) in *next, and up to `max` before today (latest first) in
 * *last. 0 or -1.
 */
int activity_community_recent(struct db *db, struct arena *a, long long org_id,
                              long long community_id, const char *today, size_t max,
                              struct activity **next, size_t *n_next, struct activity **last,
                              size_t *n_last);

/*
 * Held activities of one community per way of making (voor, met, door, in
 * that order) from month `from` ("YYYY-MM") on, read from
 * community_activity_months. 0 or -1.
 */
int activity_made_counts(struct db *db, long long org_id, long long community_id, const char *from,
                         long long counts[3]);

/*
 * Recomputes both summaries from the raw activities (of org, or of every
 * org when org_id is 0) and counts the rows that differ in *n_diff (0: the
 * summaries are right). 0 or -1.
 */
int activity_summaries_check(struct db *db, long long org_id, long long *n_diff);

/*
 * Puts activity id of org in the search index again (title; place, way of
 * making, outcome, follow-up and community names as body), or removes it
 * when it is gone. Only inside the caller's write transaction. 0 or -1.
 */
int search_sync_activity(struct db *db, long long org_id, long long id);

/*
 * The communities an activity may name, by name: every community of the
 * org, or for an ambassadeur (attached) only theirs. 0 or -1.
 */
int activity_community_choices(struct db *db, struct arena *a, long long org_id, long long attached,
                               struct activity_ref **out, size_t *n_out);

/* True for "" or a time of day "HH:MM" (00:00 to 23:59). */
bool activity_time_valid(const char *s);

#endif
