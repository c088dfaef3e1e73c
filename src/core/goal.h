/*
 * goal.h - step 5 and the roles of step 6 (M6, M7): the goals of a
 * community (the library's goal, the participants' goal and the shared
 * goals, each with its history of versions), SMART subgoals under a shared
 * goal with their measurements and progress, and the agreed roles of the
 * library and the ambassadeurs.
 *
 * As everywhere in kring: the organisation id comes first and comes from
 * the request context; the community id comes from the URL (the route
 * table checked it, and an ambassadeur's attachment). Every query names
 * both, so a goal, subgoal, measurement or owner of another community or
 * organisation is simply not found (SAVE_NOT_FOUND, 0). Changes write their
 * audit entry (and the search document of a shared goal) in the same
 * transaction. Returned strings and arrays live in the given arena.
 * Calendar dates are "YYYY-MM-DD" text ("" = none).
 */
#ifndef KRING_GOAL_H
#define KRING_GOAL_H

#include <stdbool.h>
#include <stddef.h>

#include "../db/db.h"
#include "../util/arena.h"
#include "org.h"

/* library, participants, shared (as stored, in display order) */
extern const char *const goal_kinds[];
/* members, activities, participants, made_by, custom (as stored) */
extern const char *const goal_measures[];
/* library, ambassadors (as stored) */
extern const char *const agreement_sides[];

/* The largest number a target, baseline or measurement may hold. */
#define GOAL_MAX_VALUE 1000000000LL

/*
 * 1 when a person with role (enum role bits) may write a goal of kind:
 * the library's goal only staff (beheerder, medewerker); the participants'
 * and shared goals staff and ambassadeurs; an adviseur nothing. 0 else.
 */
int goal_may_write(unsigned role, const char *kind);

/* ---- goals and their versions ---- */

struct goal {
	long long id;
	long long version;
	long long community_id;
	const char *kind; /* one of goal_kinds */
	const char *text;
	const char *who; /* last writer's name, "" when unknown (read only) */
	bool who_is_amb; /* the last writer is an ambassadeur of the org (read only) */
	long long updated_at;
	const char *community_name; /* goal_shared_all only, else NULL */
};

struct goal_version {
	long long goal_id;
	long long version;
	const char *text;
	const char *who; /* name, or "" */
	bool who_is_amb;
	long long at;
};

/* The goals of a community: by kind (library, participants, shared), then position. 0 or -1. */
int goal_list(struct db *db, struct arena *a, long long org_id, long long community_id,
              struct goal **out, size_t *n_out);

/* 1 and *out when goal id is of this community of org; 0 when not; -1. */
int goal_get(struct db *db, struct arena *a, long long org_id, long long community_id, long long id,
             struct goal *out);

/*
 * Every version of goal goal_id of the community, newest first; with
 * goal_id 0 those of all its goals (one query for a page), by goal. 0 or -1.
 */
int goal_versions(struct db *db, struct arena *a, long long org_id, long long community_id,
                  long long goal_id, struct goal_version **out, size_t *n_out);

/*
 * Adds a goal of kind with text to the community, as version 1 (kept in
 * goal_versions). The library's and the participants' goal exist once: a
 * second one is SAVE_CONFLICT. SAVE_REFUSED for an empty text, an unknown
 * kind, or a kind role may not write (goal_may_write). SAVE_OK and *id_out.
 */
enum save_result goal_add(struct db *db, long long org_id, long long actor, unsigned role,
                          long long community_id, const char *kind, const char *text,
                          long long *id_out);

/*
 * Saves text over goal id when its version is still version, as a new
 * version. SAVE_CONFLICT when someone saved since (nothing is written),
 * SAVE_NOT_FOUND, SAVE_REFUSED (empty text, or role may not write it).
 */
enum save_result goal_update(struct db *db, long long org_id, long long actor, unsigned role,
                             long long community_id, long long id, const char *text,
                             long long version);

/*
 * Deletes goal id (with its subgoals and measurements) when its version is
 * still version; the audit log keeps its text. Same results as goal_update.
 */
enum save_result goal_delete(struct db *db, long long org_id, long long actor, unsigned role,
                             long long community_id, long long id, long long version);

/*
 * Puts shared goal id of org in the search index (kind "goal": the
 * community's name and the goal as title, its subgoals as body), or takes
 * it out when it is gone or not shared. Inside the caller's transaction;
 * core/reindex.c calls it for every goal. 0 or -1.
 */
int search_sync_goal(struct db *db, long long org_id, long long id);

/* ---- SMART subgoals and measurements ---- */

struct subgoal {
	long long id;
	long long version;
	long long community_id;
	long long goal_id;
	const char *title;
	const char *measure;      /* one of goal_measures */
	const char *measure_name; /* custom: what is measured */
	bool has_baseline;
	long long baseline;
	const char *baseline_on;
	bool has_target;
	long long target;
	const char *deadline;
	long long owner_id; /* 0: nobody */
	const char *owner;  /* name, "" (read only) */
	const char *who;    /* last writer (read only) */
	bool who_is_amb;
	long long created_at;
	/* read only: the current value (see subgoal_value) */
	bool has_value;
	long long value;
	const char *value_on; /* date of a hand-entered value, "" for a count */
	const char *community_name;
	const char *community_started; /* started_on, else the date it was created */
};

/*
 * The SMART checks of a subgoal, as bits: never blocking, shown in plain
 * words beside it. today is "YYYY-MM-DD".
 */
enum smart_flag {
	SMART_NO_DEADLINE = 1 << 0,          /* no deadline: when is it reached? */
	SMART_NO_TARGET = 1 << 1,            /* no number to reach */
	SMART_DEADLINE_PAST = 1 << 2,        /* the deadline has passed */
	SMART_DEADLINE_BEFORE_BASE = 1 << 3, /* the deadline lies before the baseline date */
	SMART_NO_BASELINE = 1 << 4,          /* no baseline: where did it start? */
};
unsigned subgoal_smart_check(const struct subgoal *s, const char *today);

enum goal_state {
	GOAL_UNKNOWN = 0, /* no target or no value yet, or no deadline to judge by */
	GOAL_ON_SCHEDULE,
	GOAL_BEHIND,
	GOAL_REACHED,
};

struct goal_progress {
	enum goal_state state;
	int done_pct;    /* 0-100: how far from baseline to target the value is */
	int elapsed_pct; /* 0-100: how far from start to deadline today is; -1 without deadline */
};

/*
 * Progress of a value against a target and against time (pure). The way
 * runs from baseline (0 when none) to target: up, or down when the
 * baseline is above the target. Reached when the value is at or past the
 * target. Without a target or a value: unknown. Without a deadline: on
 * schedule while the value moved the right way, else unknown. With one:
 * behind when the deadline passed unreached, or when the share of the way
 * done lags the share of the time elapsed (from start, the baseline date
 * or else created, to the deadline) by more than 10 points; else on
 * schedule. Dates "YYYY-MM-DD"; an invalid date counts as absent.
 */
struct goal_progress goal_progress_compute(bool has_baseline, long long baseline, bool has_target,
                                           long long target, bool has_value, long long value,
                                           const char *start, const char *deadline,
                                           const char *today);

/* Progress of subgoal s with its current value on today. */
struct goal_progress subgoal_progress(const struct subgoal *s, const char *today);

/*
 * The subgoals of a community (community_id > 0) or of every community of
 * org (0; only those attached to only_attached when that is not 0), with
 * their current value: for activities, participants and made_by counted
 * from the community's held activities from the baseline date up to today;
 * for members and custom the latest measurement. By community, goal, id.
 * 0 or -1.
 */
int subgoal_list(struct db *db, struct arena *a, long long org_id, long long community_id,
                 long long only_attached, const char *today, struct subgoal **out, size_t *n_out);

/* 1 and *out when subgoal id is of this community of org (without its value); 0; -1. */
int subgoal_get(struct db *db, struct arena *a, long long org_id, long long community_id,
                long long id, struct subgoal *out);

/* A person who may own a subgoal of a community. */
struct goal_owner {
	long long person_id;
	const char *name;
	bool is_amb; /* an ambassadeur of the community, else staff */
};

/* The people who may own a subgoal of the community (subgoal_owner_valid), by name. 0 or -1. */
int subgoal_owner_choices(struct db *db, struct arena *a, long long org_id, long long community_id,
                          struct goal_owner **out, size_t *n_out);

/*
 * The shared goals of every community of org (only those attached to
 * only_attached when that is not 0), by community name; community_name
 * filled in. 0 or -1.
 */
int goal_shared_all(struct db *db, struct arena *a, long long org_id, long long only_attached,
                    struct goal **out, size_t *n_out);

/*
 * 1 when person may own a subgoal of the community: staff of org, or an
 * ambassadeur attached to it; 0 when not; -1.
 */
int subgoal_owner_valid(struct db *db, long long org_id, long long community_id,
                        long long person_id);

/*
 * Creates (s->id 0) or saves (when s->version is still the stored one) a
 * subgoal of the community under its shared goal s->goal_id.
 * SAVE_REFUSED for an empty title, an unknown measure, a custom measure
 * without a name, a value outside 0..GOAL_MAX_VALUE, an impossible date;
 * SAVE_NOT_FOUND when the goal is not a shared goal of this community, or
 * the owner may not own it (subgoal_owner_valid); SAVE_CONFLICT. SAVE_OK
 * and *id_out (may be NULL).
 */
enum save_result subgoal_save(struct db *db, long long org_id, long long actor,
                              long long community_id, const struct subgoal *s, long long *id_out);

/* Deletes a subgoal (and its measurements) at version; audited. */
enum save_result subgoal_delete(struct db *db, long long org_id, long long actor,
                                long long community_id, long long id, long long version);

struct measurement {
	long long id;
	long long subgoal_id;
	const char *measured_on;
	long long value;
	const char *note;
	const char *who;
	bool who_is_amb;
};

/* The measurements of the community's subgoals, by subgoal, newest first. 0 or -1. */
int measurement_list(struct db *db, struct arena *a, long long org_id, long long community_id,
                     struct measurement **out, size_t *n_out);

/* 1 and *out when measurement id is of a subgoal of this community of org; 0; -1. */
int measurement_get(struct db *db, struct arena *a, long long org_id, long long community_id,
                    long long id, struct measurement *out);

/*
 * Adds a dated value to subgoal subgoal_id of the community. SAVE_REFUSED
 * for an impossible date or a value outside 0..GOAL_MAX_VALUE,
 * SAVE_NOT_FOUND for a subgoal of another community. Audited.
 */
enum save_result measurement_add(struct db *db, long long org_id, long long actor,
                                 long long community_id, long long subgoal_id,
                                 const char *measured_on, long long value, const char *note);

/* Deletes a measurement of the community; audited. SAVE_NOT_FOUND. */
enum save_result measurement_delete(struct db *db, long long org_id, long long actor,
                                    long long community_id, long long id);

/* For the dashboard: the organisation's subgoals by state. */
struct goal_schedule_counts {
	long long on_schedule;
	long long behind;
	long long reached;
	long long unknown;
};

/*
 * Counts the subgoals of org by their state, from the kept states
 * (subgoal_states, refreshed with the signals: see subgoal_states_refresh):
 * one grouped count, however many subgoals and activities there are. today
 * is unused (the states are as of the last refresh, at most a day old for
 * what only time changes). 0 or -1.
 */
int goal_schedule_counts(struct db *db, long long org_id, const char *today,
                         struct goal_schedule_counts *out);

/*
 * Recomputes and keeps the state on today of every subgoal of one community
 * of org (community_id > 0) or of all its communities (0), inside the
 * caller's write transaction. The signals refresh calls it, so the states
 * move with every change that moves the signals, and daily. 0 or -1.
 */
int subgoal_states_refresh(struct db *db, long long org_id, long long community_id,
                           const char *today);

/*
 * Compares the kept states of org's subgoals with a fresh computation on
 * today; *differences is the number of subgoals that differ (kring signals
 * --check). Writes nothing. 0 or -1.
 */
int subgoal_states_check(struct db *db, long long org_id, const char *today,
                         long long *differences);

/* ---- step 6: who does what ---- */

struct agreement {
	long long id;
	const char *side; /* one of agreement_sides */
	const char *text;
	const char *agreed_with; /* who agreed, in words */
	const char *agreed_on;   /* date, or "" */
	const char *who;         /* who wrote it down */
	bool who_is_amb;
};

/* The agreements of a community, library side first, in order. 0 or -1. */
int agreement_list(struct db *db, struct arena *a, long long org_id, long long community_id,
                   struct agreement **out, size_t *n_out);

/*
 * Adds an agreement. SAVE_REFUSED for an empty text, an unknown side or an
 * impossible date. Audited.
 */
enum save_result agreement_add(struct db *db, long long org_id, long long actor,
                               long long community_id, const struct agreement *ag);

/* Deletes an agreement of the community; audited. SAVE_NOT_FOUND. */
enum save_result agreement_delete(struct db *db, long long org_id, long long actor,
                                  long long community_id, long long id);

#endif
