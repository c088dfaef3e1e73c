/*
 * plan.h - the project plan of a community (M7, Routekaart step 7): tasks
 * with who does them and by when, what they cost in hours and money, their
 * status and the goal or subgoal they serve, with exact totals, so that
 * management "weet wat de community kost en oplevert".
 *
 * Hours are whole minutes and money whole euro cents: integers from the
 * typed text to the totals, never floating point (plan_parse.c). The owner
 * of a task is a staff member of the organisation or an ambassadeur of the
 * community; an ambassadeur may change only the tasks they own, and keeps
 * owning them. As everywhere the organisation id comes from the request
 * context, the community id from the URL, and every query names both.
 */
#ifndef KRING_PLAN_H
#define KRING_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "../db/db.h"
#include "../util/arena.h"
#include "org.h"

/* open, busy, done (as stored) */
extern const char *const plan_statuses[];

#define PLAN_MAX_MINUTES (100000LL * 60) /* 100 000 hours */
#define PLAN_MAX_CENTS   10000000000LL   /* 100 000 000 euros */
#define PLAN_TEXT_MAX    4000            /* bytes of a description */

/* What plan_parse_cents() and plan_parse_minutes() found. */
enum plan_num {
	PLAN_NUM_OK = 0,
	PLAN_NUM_EMPTY,     /* nothing typed (0 is stored) */
	PLAN_NUM_BAD,       /* not a number in a form kring reads */
	PLAN_NUM_NEGATIVE,  /* below zero */
	PLAN_NUM_TOO_LARGE, /* above the maximum */
	PLAN_NUM_PRECISION, /* money below a cent, hours below a minute */
};

/*
 * Reads an amount of euros as cents (pure). Accepts "12", "12,50",
 * "12.50", "12,5", "€ 1.234,56", "1,234.56", "1 234,56": an optional "€"
 * or "EUR", then digits where the last '.' or ',' followed by one or two
 * digits at the end is the decimal mark and every other '.', ',' or space
 * separates groups of three digits; a ',' between groups only with a '.'
 * decimal mark after them ("12,505" is PLAN_NUM_PRECISION: three Dutch
 * decimals, not twelve thousand). Anything else is PLAN_NUM_BAD; a sign
 * '-' PLAN_NUM_NEGATIVE; more than PLAN_MAX_CENTS PLAN_NUM_TOO_LARGE.
 */
enum plan_num plan_parse_cents(const char *s, long long *cents);

/*
 * Reads hours as minutes (pure): "3", "1,5", "1.25", "0,75" (decimal
 * hours that come to whole minutes, else PLAN_NUM_PRECISION) or "1:30"
 * (hours and minutes 00-59), with an optional "uur" or "u" after it.
 * PLAN_NUM_NEGATIVE, PLAN_NUM_TOO_LARGE (over PLAN_MAX_MINUTES),
 * PLAN_NUM_BAD as for money.
 */
enum plan_num plan_parse_minutes(const char *s, long long *minutes);

struct plan_task {
	long long id;
	long long version;
	const char *title;
	const char *description;
	long long owner_id; /* 0: nobody yet */
	const char *owner;  /* name, "" (read only) */
	bool owner_is_amb;  /* read only */
	const char *due_on; /* "" */
	long long planned_minutes, spent_minutes;
	long long planned_cents, spent_cents;
	const char *status;   /* one of plan_statuses */
	long long goal_id;    /* 0 */
	long long subgoal_id; /* 0 */
	const char *serves;   /* the goal's text or the subgoal's title, "" (read only) */
	long long updated_at; /* read only */
};

struct plan_totals {
	long long planned_minutes, spent_minutes;
	long long planned_cents, spent_cents;
	long long n_open, n_busy, n_done, n_overdue;
};

/* The tasks of the community: by due date (none last), then id. 0 or -1. */
int plan_task_list(struct db *db, struct arena *a, long long org_id, long long community_id,
                   struct plan_task **out, size_t *n_out);

/* 1 and *out when task id is of this community of org; 0 when not; -1. */
int plan_task_get(struct db *db, struct arena *a, long long org_id, long long community_id,
                  long long id, struct plan_task *out);

/* 1 when the task is overdue on today: not done and its due date before today. */
bool plan_task_overdue(const struct plan_task *t, const char *today);

/* Adds up n tasks (exact integer sums) and counts them by status and overdue on today. */
void plan_totals_of(const struct plan_task *v, size_t n, const char *today,
                    struct plan_totals *out);

/*
 * 1 when a person with role (enum role bits) and id actor may change task
 * t: staff always, an ambassadeur only a task they own. 0 else.
 */
int plan_task_may_edit(unsigned role, long long actor, const struct plan_task *t);

/*
 * Creates (t->id 0) or saves (when t->version is still the stored one) a
 * task of the community. SAVE_REFUSED for an empty title, an unknown
 * status, an impossible date, a number outside its range, a text too long,
 * or an ambassadeur who does not own the task or gives it to someone else
 * (or creates one); SAVE_NOT_FOUND when the owner is neither staff of the
 * organisation nor an ambassadeur of this community, or the goal or
 * subgoal is not of this community; SAVE_CONFLICT. Audited; the signals of
 * the community are refreshed. SAVE_OK and *id_out (may be NULL).
 */
enum save_result plan_task_save(struct db *db, long long org_id, long long actor, unsigned role,
                                long long community_id, const struct plan_task *t,
                                long long *id_out);

/* Deletes task id of the community at version; audited. SAVE_NOT_FOUND, SAVE_CONFLICT. */
enum save_result plan_task_delete(struct db *db, long long org_id, long long actor,
                                  long long community_id, long long id, long long version);

#endif
