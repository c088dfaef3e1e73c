/*
 * signal.h - signals from the lessons learned (M8, issue 10): one plain
 * sentence about a community, a person or the organisation, with the numbers
 * behind it. Signals never block work.
 *
 * kring keeps the current signals in a table. They are refreshed in the same
 * transaction as the change that moves them (the write paths of community,
 * items, staff, conversations and action points call
 * signals_refresh_community()) and once a day by a periodic pass for the
 * kinds that depend on the date (signals_refresh_due(): the server's hourly
 * job and `kring signals`). Pages only read the table; nothing is computed
 * on page view. signals_check() recomputes everything and counts the
 * differences with what was kept.
 *
 * Each kind is a small rule (signal_kinds.c); an organisation's beheerder
 * switches kinds off (they are then not kept at all) and chooses the most
 * communities one staff member should carry. A signal can be set aside
 * ("later") with a reason until a date; it shows again the day after that
 * date while it still holds.
 *
 * As everywhere: the organisation id comes first and comes from the request
 * context; every query names it. "today" is "YYYY-MM-DD" (UTC).
 */
#ifndef KRING_SIGNAL_H
#define KRING_SIGNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "../db/db.h"
#include "../util/arena.h"
#include "org.h"

enum signal_kind {
	SIG_ROLE_MISSING = 0, /* a community without bouwer, verbinder or aanjager (lesson 1) */
	SIG_TOO_MANY_STAFF,   /* more than three staff in a community (lesson 6) */
	SIG_NO_CONTACT,       /* in contact or working together, no contact for six weeks */
	SIG_ACTIONS_LATE,     /* open action points past their date */
	SIG_REPORT_NOT_SENT,  /* a conversation report not sent back within 14 days */
	SIG_NO_SHARED_GOAL,   /* samenwerken without a shared goal (lesson 4) */
	SIG_NO_MEASURABLE,    /* samenwerken: a shared goal but no measurable subgoal (lesson 4) */
	SIG_SUBGOAL_BEHIND,   /* a subgoal behind its schedule */
	SIG_MADE_BY_LOW,      /* under a quarter of six months' activities made met or door */
	SIG_STOPPED_EARLY,    /* stopped less than a year after it started (lesson 9) */
	SIG_DOOR_EMPTY,       /* nothing in the door column of werkblad 3 */
	SIG_MORE_NEEDS,       /* more behoeften than sterktes */
	SIG_STAFF_IDLE,       /* a medewerker in no community */
	SIG_STAFF_OVERLOADED, /* a staff member in more communities than the chosen maximum */
	/* the project plan (issue 11b, core/signal_plan.c) */
	SIG_PLAN_OVERDUE,    /* tasks of the plan past their due date, not done */
	SIG_PLAN_HOURS_OVER, /* the plan's spent hours pass its planned hours */
	SIG_PLAN_MONEY_OVER, /* the plan's spent money passes its planned money */
	SIG_N
};

/* Stored names of the kinds, by enum value ("role_missing", ...). */
extern const char *const signal_kind_names[SIG_N];
/* The kind of a stored name, or -1. */
int signal_kind_from_name(const char *name);

#define SIGNAL_NO_CONTACT_DAYS 42  /* six weeks (Routekaart step 8) */
#define SIGNAL_REPORT_DAYS     14  /* a report goes back within two weeks */
#define SIGNAL_STOPPED_DAYS    365 /* lesson 9: stopped within a year */
#define SIGNAL_MADE_BY_MONTHS  6
#define SIGNAL_MAX_COMMUNITIES 3 /* the default maximum per staff member */
#define SIGNAL_REASON_MAX      500
#define SIGNAL_ROLE_BOUWER     1 /* bits of n1 of SIG_ROLE_MISSING */
#define SIGNAL_ROLE_VERBINDER  2
#define SIGNAL_ROLE_AANJAGER   4

/* One signal as computed (what the table keeps besides its set-aside state). */
struct signal_fact {
	int kind;
	long long community_id; /* 0: not about one community */
	long long person_id;    /* 0: not about one person */
	long long n1, n2, n3;   /* the numbers behind it (see signal_kinds.c per kind) */
	const char *note;       /* a date or a title behind it, or "" */
};

/* A growing list of facts in an arena. */
struct signal_facts {
	struct signal_fact *v;
	size_t n, cap;
	struct arena *a;
};

/* Adds a fact (note copied). 0 or -1. */
int signal_facts_add(struct signal_facts *f, int kind, long long community_id, long long person_id,
                     long long n1, long long n2, long long n3, const char *note);

/*
 * The rules. Each adds the facts of its kind(s) for community_id of org (0:
 * every community) as of today. 0 or -1. The person and organisation kinds
 * (staff idle/overloaded; action points and reports of conversations without
 * a community) are always computed for the whole organisation.
 */
int signal_rule_staff(struct db *db, long long org_id, long long community_id,
                      struct signal_facts *out); /* ROLE_MISSING and TOO_MANY_STAFF */
int signal_rule_no_contact(struct db *db, long long org_id, long long community_id,
                           const char *today, struct signal_facts *out);
int signal_rule_actions_late(struct db *db, long long org_id, long long community_id,
                             const char *today, struct signal_facts *out);
int signal_rule_report_not_sent(struct db *db, long long org_id, long long community_id,
                                const char *today, struct signal_facts *out);
int signal_rule_goals(struct db *db, long long org_id, long long community_id,
                      struct signal_facts *out); /* NO_SHARED_GOAL and NO_MEASURABLE */
int signal_rule_subgoal_behind(struct db *db, long long org_id, long long community_id,
                               const char *today, struct signal_facts *out);
int signal_rule_made_by(struct db *db, long long org_id, long long community_id, const char *today,
                        struct signal_facts *out);
int signal_rule_stopped_early(struct db *db, long long org_id, long long community_id,
                              struct signal_facts *out);
int signal_rule_items(struct db *db, long long org_id, long long community_id,
                      struct signal_facts *out); /* DOOR_EMPTY and MORE_NEEDS */
int signal_rule_people(struct db *db, long long org_id, long long max_communities,
                       struct signal_facts *out); /* STAFF_IDLE and STAFF_OVERLOADED */
/*
 * The project plan (signal_plan.c): PLAN_OVERDUE (n1 tasks not done past
 * their due date, note the oldest date), PLAN_HOURS_OVER (n1 spent, n2
 * planned minutes) and PLAN_MONEY_OVER (n1 spent, n2 planned cents), the
 * last two only when something was planned.
 */
int signal_rule_plan(struct db *db, long long org_id, long long community_id, const char *today,
                     struct signal_facts *out);

/* Days from date a to date b ("YYYY-MM-DD"; b - a). */
long long signal_days_between(const char *a, const char *b);
/* date + days as "YYYY-MM-DD" in out[16]. */
void signal_date_add(const char *date, long long days, char out[16]);
/* Today's date (UTC) in out[16]. */
void signal_today(char out[16]);

/*
 * Every fact of community_id of org (0: all) as of today, leaving out the
 * kinds the org switched off. 0 or -1.
 */
int signals_compute(struct db *db, struct arena *a, long long org_id, long long community_id,
                    const char *today, struct signal_facts *out);

/*
 * Brings the kept signals of one community (and the organisation's person
 * and organisation signals) in line with the data, inside the caller's
 * write transaction. A community that is gone simply has none. 0 or -1.
 */
int signals_refresh_community(struct db *db, long long org_id, long long community_id,
                              const char *today);
/* As signals_refresh_community for every community of the organisation. 0 or -1. */
int signals_refresh_org(struct db *db, long long org_id, const char *today);
/* signals_refresh_community with today's date, for write paths. 0 or -1. */
int signals_touch(struct db *db, long long org_id, long long community_id);
/* signals_refresh_org with today's date, for write paths that move many communities. */
int signals_touch_org(struct db *db, long long org_id);
/*
 * Bulk loading (`kring demo --scale`, one thread, no server): while on, the
 * write paths leave the signals alone; the loader calls
 * signals_refresh_all() when it is done.
 */
void signals_bulk(bool on);

/*
 * The periodic pass: refreshes (each in its own transaction) every
 * organisation not yet refreshed today. *n_done (may be NULL) counts them.
 * 0 or -1.
 */
int signals_refresh_due(struct db *db, const char *today, int *n_done);

/* As signals_refresh_due for every organisation, refreshed today or not (demo, CLI). */
int signals_refresh_all(struct db *db, const char *today, int *n_done);

/*
 * Recomputes the signals of every organisation as of today and compares
 * them with what is kept: *differences is the number of signals missing,
 * superfluous or with other numbers. Writes nothing. 0 or -1.
 */
int signals_check(struct db *db, const char *today, long long *differences);

/* ---- reading ---- */

struct signal {
	long long id;
	int kind;
	long long community_id;
	const char *community_name; /* "" */
	long long person_id;
	const char *person_name; /* "" */
	long long n1, n2, n3;
	const char *note;
	long long first_seen;
	const char *aside_until; /* "" when not set aside */
	const char *aside_reason;
	const char *aside_by_name;
};

struct signal_filter {
	int kind;                /* -1 all */
	long long mine;          /* 0, or a staff member: their communities and themselves */
	long long only_attached; /* 0, or an ambassadeur: their communities only */
	bool aside;              /* false: current ones; true: those set aside now */
};

/*
 * The signals of org matching f as of today, by community name (the
 * organisation's own and the people's last), then kind. 0 or -1.
 */
int signals_list(struct db *db, struct arena *a, long long org_id, const struct signal_filter *f,
                 const char *today, struct signal **out, size_t *n_out);

/* The current (not set aside) signals of one community, by kind. 0 or -1. */
int signals_of_community(struct db *db, struct arena *a, long long org_id, long long community_id,
                         const char *today, struct signal **out, size_t *n_out);

/* How many current signals org has (for an ambassadeur: of their communities). -1 on error. */
long long signals_count(struct db *db, long long org_id, long long only_attached,
                        const char *today);

/*
 * Sets signal id of org aside until `until` (after today) with a reason
 * (1..SIGNAL_REASON_MAX bytes). SAVE_REFUSED for a bad date or reason,
 * SAVE_NOT_FOUND for another organisation's signal.
 */
enum save_result signal_set_aside(struct db *db, long long org_id, long long actor, long long id,
                                  const char *until, const char *reason, const char *today);
/* Shows a set-aside signal again. SAVE_NOT_FOUND for another organisation's. */
enum save_result signal_restore(struct db *db, long long org_id, long long actor, long long id);

/* ---- settings ---- */

struct signal_settings {
	long long max_communities;
	bool on[SIG_N];
};

/* The org's settings (defaults when never saved). 0 or -1. */
int signal_settings_get(struct db *db, long long org_id, struct signal_settings *out);
/*
 * Saves the settings and refreshes the org's signals in the same
 * transaction. SAVE_REFUSED when max_communities is outside 1..50.
 */
enum save_result signal_settings_save(struct db *db, long long org_id, long long actor,
                                      const struct signal_settings *s);

/* ---- the start page: what to do today (signal_home.c) ---- */

/* One line of a start page block. */
struct home_item {
	long long id;       /* the record (action point, conversation, activity, goal) */
	long long other_id; /* its conversation (action point) or community, or 0 */
	const char *date;   /* "YYYY-MM-DD" or "" */
	const char *title;
	const char *detail; /* a community name, a subject, a note, or "" */
};

/* person's open action points of org, earliest date first, at most limit. 0 or -1. */
int home_my_actions(struct db *db, struct arena *a, long long org_id, long long person_id,
                    long long limit, struct home_item **out, size_t *n_out);
/* Planned next contacts (conversations.next_on from today) person wrote down. 0 or -1. */
int home_my_contacts(struct db *db, struct arena *a, long long org_id, long long person_id,
                     const char *today, long long limit, struct home_item **out, size_t *n_out);
/*
 * Planned activities from today of the communities person is staff of
 * (ambassador false) or ambassadeur of (true). 0 or -1.
 */
int home_next_activities(struct db *db, struct arena *a, long long org_id, long long person_id,
                         bool ambassador, const char *today, long long limit,
                         struct home_item **out, size_t *n_out);
/* The shared goals of the communities an ambassadeur is attached to. 0 or -1. */
int home_goals(struct db *db, struct arena *a, long long org_id, long long person_id,
               long long limit, struct home_item **out, size_t *n_out);

struct home_summary {
	long long communities, working, open_actions, late_actions, signals;
};
/* The counts of a beheerder's summary. 0 or -1. */
int home_summary(struct db *db, long long org_id, const char *today, struct home_summary *out);

#endif
