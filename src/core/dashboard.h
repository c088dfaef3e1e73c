/*
 * dashboard.h - the figures of the manager's dashboard and of the year
 * report (M12, issue 10): communities by status and archetype, activities
 * and participants per month with the voor / met / door split (read from
 * the summary tables activity_months and community_activity_months that
 * core/activity.c keeps on write, never from raw activity rows), open and
 * overdue action points, partners by kind, and the rows of the XLSX
 * exports that no other module reads yet (activities, conversations,
 * action points).
 *
 * As everywhere in core: the organisation id comes from the request, every
 * query names it; only_person not 0 narrows everything to the communities
 * that person is attached to as ambassadeur (r->only_attached). Returned
 * memory lives in the given arena. Functions return 0, or -1 on a database
 * error (never a partial figure).
 */
#ifndef KRING_DASHBOARD_H
#define KRING_DASHBOARD_H

#include <stddef.h>

#include "../db/db.h"

#define DASH_N_STATUS    6 /* community_statuses, in order */
#define DASH_N_ARCHETYPE 7 /* community_archetypes in order, then "" (not chosen) */
#define DASH_N_MADE      3 /* voor, met, door */
#define DASH_MAX_MONTHS  24

/* The ways of making an activity, in the order of the DASH_N_MADE columns. */
extern const char *const dash_made[];

/* Communities counted by status (rows) and archetype (columns): DASH_N_ARCHETYPE - 1 is "not chosen". */
struct dash_communities {
	long long by[DASH_N_STATUS][DASH_N_ARCHETYPE];
	long long status[DASH_N_STATUS];       /* row totals */
	long long archetype[DASH_N_ARCHETYPE]; /* column totals */
	long long total;
};

/* Counts the org's communities (only_person's own when not 0). */
int dash_communities(struct db *db, long long org_id, long long only_person,
                     struct dash_communities *out);

/* One month of held activities. */
struct dash_month {
	char month[8];                       /* "YYYY-MM" */
	long long activities[DASH_N_MADE];   /* by dash_made */
	long long participants[DASH_N_MADE]; /* counted participants, by dash_made */
};

/*
 * The n_months months ending with month last ("YYYY-MM"), oldest first,
 * into out (n_months entries, 1..DASH_MAX_MONTHS). branch: -1 all
 * branches, 0 activities without a branch, else that branch (ignored for
 * only_person: an ambassadeur's figures come from their communities'
 * summary, community_activity_months). An activity that belongs to two of
 * the ambassadeur's communities counts in each.
 */
int dash_months(struct db *db, long long org_id, long long only_person, long long branch,
                const char *last, int n_months, struct dash_month *out);

/* Open action points and how many of them are past their date (today "YYYY-MM-DD"). */
int dash_actions(struct db *db, long long org_id, const char *today, long long *open,
                 long long *overdue);

/* 1 when branch id is one of org's branches, 0 when not, -1 on an error. */
int dash_branch_exists(struct db *db, long long org_id, long long id);

/* One community's activities in a period (community_activity_months). */
struct dash_community_year {
	long long id;
	const char *name;
	const char *status;
	long long activities[DASH_N_MADE];
	long long participants;
};

/*
 * Every community of org with its held activities and participants in the
 * months from..to ("YYYY-MM", inclusive), by name. 0 or -1.
 */
int dash_community_period(struct db *db, struct arena *a, long long org_id, const char *from,
                          const char *to, struct dash_community_year **out, size_t *n_out);

/* Partners counted by kind (partner kinds in their stored order) and how many work with a community. */
struct dash_partners {
	const char *kind[16];
	long long n[16];
	size_t n_kinds;
	long long total;
	long long linked; /* partners linked to at least one community */
};

/* Counts org's partners by kind (kind[] are partner_kinds, static strings). 0 or -1. */
int dash_partners(struct db *db, struct arena *a, long long org_id, struct dash_partners *out);

/* Communities that started (started_on, or else created) in year ("YYYY"). */
int dash_started_in(struct db *db, long long org_id, const char *year, long long *out);
/* Conversations held in year ("YYYY"). */
int dash_conversations_in(struct db *db, long long org_id, const char *year, long long *out);

/* ---- rows of the whole-organisation export ---- */

struct dash_activity_row {
	const char *title;
	const char *held_on; /* "YYYY-MM-DD" */
	const char *made;
	const char *status;
	long long participants; /* -1 when not counted */
	const char *branch;     /* "" when none */
	const char *place;
	const char *communities; /* "A, B" */
	const char *outcome;
};

/* Every activity of org, newest first (only_person: of their communities). */
int dash_activity_rows(struct db *db, struct arena *a, long long org_id, long long only_person,
                       struct dash_activity_row **out, size_t *n_out);

struct dash_conversation_row {
	const char *held_on;
	const char *kind;
	const char *subject;
	const char *partner;   /* "" when none */
	const char *community; /* "" when none */
	long long report_sent;
	const char *next_on;
};

/* Every conversation of org, newest first. */
int dash_conversation_rows(struct db *db, struct arena *a, long long org_id,
                           struct dash_conversation_row **out, size_t *n_out);

struct dash_action_row {
	const char *text;
	const char *owner; /* a person or a partner, "" when nobody */
	const char *due_on;
	const char *subject; /* of the conversation */
	const char *held_on; /* of the conversation */
	long long done_at;   /* 0 while open */
};

/* Every action point of org, open ones first, by date. */
int dash_action_rows(struct db *db, struct arena *a, long long org_id, struct dash_action_row **out,
                     size_t *n_out);

#endif
