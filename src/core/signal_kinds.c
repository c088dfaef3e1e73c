/*
 * signal_kinds.c - the rules behind each kind of signal (see signal.h): one
 * narrow query per rule, for one community or all of an organisation, and
 * the judgement in C. The numbers kept per kind:
 *
 *   role_missing      n1 bits of the missing roles (SIGNAL_ROLE_*), n2 how many
 *   too_many_staff    n1 staff (distinct people)
 *   no_contact        note the last contact date ("" = none since the status)
 *   actions_late      n1 open points past their date, note the oldest date
 *   report_not_sent   n1 reports not sent back, note the oldest conversation date
 *   no_shared_goal    -
 *   no_measurable     n1 shared goals
 *   subgoal_behind    n1 subgoals behind (goal.h), n2 with a deadline, note a title
 *   made_by_low       n1 activities made met or door, n2 all activities (six months)
 *   stopped_early     n1 days between start and stop, note the start date
 *   door_empty        n1 van actions, n2 voor actions
 *   more_needs        n1 behoeften, n2 sterktes
 *   staff_idle        (person)
 *   staff_overloaded  n1 communities, n2 the maximum (person)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../util/date.h"
#include "goal.h"
#include "signal.h"
#include "../util/clock.h"

const char *const signal_kind_names[SIG_N] = {
    "role_missing",    "too_many_staff",  "no_contact",     "actions_late",     "report_not_sent",
    "no_shared_goal",  "no_measurable",   "subgoal_behind", "made_by_low",      "stopped_early",
    "door_empty",      "more_needs",      "staff_idle",     "staff_overloaded", "plan_overdue",
    "plan_hours_over", "plan_money_over",
};

int signal_kind_from_name(const char *name)
{
	for (int k = 0; name && k < SIG_N; k++)
		if (strcmp(name, signal_kind_names[k]) == 0)
			return k;
	return -1;
}

int signal_facts_add(struct signal_facts *f, int kind, long long community_id, long long person_id,
                     long long n1, long long n2, long long n3, const char *note)
{
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 32;
		struct signal_fact *v = arena_alloc(f->a, cap * sizeof(*v));
		if (v == NULL)
			return -1;
		if (f->n)
			memcpy(v, f->v, f->n * sizeof(*v));
		f->v = v;
		f->cap = cap;
	}
	f->v[f->n++] = (struct signal_fact){
	    kind, community_id, person_id, n1, n2, n3, arena_strdup(f->a, note ? note : "")};
	return 0;
}

/* ---- dates ---- */

/* Days since 1970-01-01 of a civil date (H. Hinnant's algorithm). */
static long long days_from_civil(long long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

static long long date_days(const char *s)
{
	if (!date_valid(s))
		return 0;
	return days_from_civil(atoi(s), (unsigned)atoi(s + 5), (unsigned)atoi(s + 8));
}

static void date_of_days(long long days, char out[16])
{
	time_t t = (time_t)(days * 86400);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

long long signal_days_between(const char *a, const char *b)
{
	return date_days(b) - date_days(a);
}

void signal_date_add(const char *date, long long days, char out[16])
{
	date_of_days(date_days(date) + days, out);
}

void signal_today(char out[16])
{
	clock_today(out); /* the library's day, as partner_today() */
}

/* ---- staff roles (lessons 1 and 6) ---- */

int signal_rule_staff(struct db *db, long long org_id, long long community_id,
                      struct signal_facts *out)
{
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT c.id,"
	             " COUNT(DISTINCT CASE WHEN s.role = 'bouwer' THEN s.person_id END),"
	             " COUNT(DISTINCT CASE WHEN s.role = 'verbinder' THEN s.person_id END),"
	             " COUNT(DISTINCT CASE WHEN s.role = 'aanjager' THEN s.person_id END),"
	             " COUNT(DISTINCT s.person_id)"
	             " FROM communities c LEFT JOIN community_staff_current s"
	             " ON s.community_id = c.id AND s.org_id = c.org_id"
	             " WHERE c.org_id = ?1 AND (?2 = 0 OR c.id = ?2) AND c.status <> 'gestopt'"
	             " GROUP BY c.id",
	             DB_ARGS(DB_INT(org_id), DB_INT(community_id))) != DB_OK)
		return -1;
	int rc, err = 0;
	while ((rc = db_step(st)) == DB_ROW && !err) {
		long long id = db_col_int(st, 0);
		long long bits = 0, missing = 0;
		for (int k = 0; k < 3; k++)
			if (db_col_int(st, 1 + k) == 0) {
				bits |= 1LL << k;
				missing++;
			}
		long long staff = db_col_int(st, 4);
		if (missing && signal_facts_add(out, SIG_ROLE_MISSING, id, 0, bits, missing, 0, ""))
			err = 1;
		if (staff > 3 && signal_facts_add(out, SIG_TOO_MANY_STAFF, id, 0, staff, 0, 0, ""))
			err = 1;
	}
	db_finish(st);
	return (rc == DB_DONE || rc == DB_ROW) && !err ? 0 : -1;
}

/* ---- contact (Routekaart step 8) ---- */

int signal_rule_no_contact(struct db *db, long long org_id, long long community_id,
                           const char *today, struct signal_facts *out)
{
	struct db_stmt *st;
	struct arena *a = out->a;
	if (db_query(
	        db, &st,
	        "SELECT c.id, c.status_since,"
	        " COALESCE((SELECT MAX(v.held_on) FROM conversations v WHERE v.org_id = c.org_id"
	        " AND v.community_id = c.id AND v.held_on <= ?3), ''),"
	        " COALESCE((SELECT MAX(t.held_on) FROM activity_communities ac"
	        " JOIN activities t ON t.id = ac.activity_id AND t.org_id = ac.org_id"
	        " WHERE ac.org_id = c.org_id AND ac.community_id = c.id AND t.status = 'held'"
	        " AND t.held_on <= ?3), '')"
	        " FROM communities c WHERE c.org_id = ?1 AND (?2 = 0 OR c.id = ?2)"
	        " AND c.status IN ('in-contact', 'samenwerken')",
	        DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_TEXT(today))) != DB_OK)
		return -1;
	char cutoff[16];
	signal_date_add(today, -SIGNAL_NO_CONTACT_DAYS, cutoff);
	int rc, err = 0;
	while ((rc = db_step(st)) == DB_ROW && !err) {
		long long id = db_col_int(st, 0);
		long long since = db_col_int(st, 1);
		const char *talk = db_col_text(st, 2, a), *act = db_col_text(st, 3, a);
		const char *last = strcmp(talk, act) >= 0 ? talk : act;
		char since_day[16];
		date_of_days(since / 86400, since_day);
		/* no contact at all: count from the day the status was reached */
		const char *from = last[0] ? last : since_day;
		if (strcmp(from, cutoff) < 0 &&
		    signal_facts_add(out, SIG_NO_CONTACT, id, 0, 0, 0, 0, last))
			err = 1;
	}
	db_finish(st);
	return (rc == DB_DONE || rc == DB_ROW) && !err ? 0 : -1;
}

/* ---- action points and reports ---- */

int signal_rule_actions_late(struct db *db, long long org_id, long long community_id,
                             const char *today, struct signal_facts *out)
{
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT COALESCE(c.community_id, 0), COUNT(*), MIN(ap.due_on)"
	             " FROM action_points ap"
	             " JOIN conversations c ON c.id = ap.conversation_id AND c.org_id = ap.org_id"
	             " WHERE ap.org_id = ?1 AND ap.done_at IS NULL AND ap.due_on <> ''"
	             " AND ap.due_on < ?3"
	             " AND (?2 = 0 OR c.community_id = ?2 OR c.community_id IS NULL)"
	             " GROUP BY COALESCE(c.community_id, 0)",
	             DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_TEXT(today))) != DB_OK)
		return -1;
	int rc, err = 0;
	while ((rc = db_step(st)) == DB_ROW && !err)
		if (signal_facts_add(out, SIG_ACTIONS_LATE, db_col_int(st, 0), 0, db_col_int(st, 1),
		                     0, 0, db_col_text(st, 2, out->a)))
			err = 1;
	db_finish(st);
	return (rc == DB_DONE || rc == DB_ROW) && !err ? 0 : -1;
}

int signal_rule_report_not_sent(struct db *db, long long org_id, long long community_id,
                                const char *today, struct signal_facts *out)
{
	char cutoff[16];
	signal_date_add(today, -SIGNAL_REPORT_DAYS, cutoff);
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT COALESCE(community_id, 0), COUNT(*), MIN(held_on) FROM conversations"
	             " WHERE org_id = ?1 AND report_sent = 0 AND held_on < ?3"
	             " AND (?2 = 0 OR community_id = ?2 OR community_id IS NULL)"
	             " GROUP BY COALESCE(community_id, 0)",
	             DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_TEXT(cutoff))) != DB_OK)
		return -1;
	int rc, err = 0;
	while ((rc = db_step(st)) == DB_ROW && !err)
		if (signal_facts_add(out, SIG_REPORT_NOT_SENT, db_col_int(st, 0), 0,
		                     db_col_int(st, 1), 0, 0, db_col_text(st, 2, out->a)))
			err = 1;
	db_finish(st);
	return (rc == DB_DONE || rc == DB_ROW) && !err ? 0 : -1;
}

/* ---- goals (lesson 4) ---- */

int signal_rule_goals(struct db *db, long long org_id, long long community_id,
                      struct signal_facts *out)
{
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT c.id,"
	             " (SELECT COUNT(*) FROM goals g WHERE g.org_id = c.org_id"
	             " AND g.community_id = c.id AND g.kind = 'shared'),"
	             " (SELECT COUNT(*) FROM subgoals s WHERE s.org_id = c.org_id"
	             " AND s.community_id = c.id AND s.target IS NOT NULL AND s.deadline <> '')"
	             " FROM communities c WHERE c.org_id = ?1 AND (?2 = 0 OR c.id = ?2)"
	             " AND c.status = 'samenwerken'",
	             DB_ARGS(DB_INT(org_id), DB_INT(community_id))) != DB_OK)
		return -1;
	int rc, err = 0;
	while ((rc = db_step(st)) == DB_ROW && !err) {
		long long id = db_col_int(st, 0), shared = db_col_int(st, 1);
		long long measurable = db_col_int(st, 2);
		if (shared == 0)
			err = signal_facts_add(out, SIG_NO_SHARED_GOAL, id, 0, 0, 0, 0, "") != 0;
		else if (measurable == 0)
			err =
			    signal_facts_add(out, SIG_NO_MEASURABLE, id, 0, shared, 0, 0, "") != 0;
	}
	db_finish(st);
	return (rc == DB_DONE || rc == DB_ROW) && !err ? 0 : -1;
}

int signal_rule_subgoal_behind(struct db *db, long long org_id, long long community_id,
                               const char *today, struct signal_facts *out)
{
	if (community_id < 0) /* the organisation's own signals only */
		return 0;
	/* the goals page's own judgement (goal.h), so both always agree */
	struct subgoal *v;
	size_t n;
	if (subgoal_list(db, out->a, org_id, community_id, 0, today, &v, &n) != 0)
		return -1;
	for (size_t i = 0; i < n;) {
		long long c = v[i].community_id, behind = 0, scheduled = 0;
		const char *first = "";
		for (; i < n && v[i].community_id == c; i++) {
			struct goal_progress p = subgoal_progress(&v[i], today);
			scheduled += p.elapsed_pct >= 0;
			if (p.state == GOAL_BEHIND && behind++ == 0)
				first = v[i].title;
		}
		if (behind > 0 && signal_facts_add(out, SIG_SUBGOAL_BEHIND, c, 0, behind, scheduled,
		                                   0, first) != 0)
			return -1;
	}
	return 0;
}

/* ---- OF / BY / FOR: activities made met or door ---- */

int signal_rule_made_by(struct db *db, long long org_id, long long community_id, const char *today,
                        struct signal_facts *out)
{
	/* the six months up to and including this one */
	int y = atoi(today), m = atoi(today + 5) - (SIGNAL_MADE_BY_MONTHS - 1);
	while (m < 1) {
		m += 12;
		y--;
	}
	char from[16], to[16];
	snprintf(from, sizeof(from), "%04d-%02d", y % 10000, m % 100);
	snprintf(to, sizeof(to), "%.7s", today);
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT c.id, SUM(CASE WHEN cm.made IN ('met', 'door') THEN cm.activities"
	             " ELSE 0 END), SUM(cm.activities)"
	             " FROM communities c JOIN community_activity_months cm"
	             " ON cm.community_id = c.id AND cm.org_id = c.org_id"
	             " WHERE c.org_id = ?1 AND (?2 = 0 OR c.id = ?2) AND c.status <> 'gestopt'"
	             " AND cm.month >= ?3 AND cm.month <= ?4 GROUP BY c.id",
	             DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_TEXT(from), DB_TEXT(to))) !=
	    DB_OK)
		return -1;
	int rc, err = 0;
	while ((rc = db_step(st)) == DB_ROW && !err) {
		long long made = db_col_int(st, 1), all = db_col_int(st, 2);
		if (all > 0 && made * 4 < all &&
		    signal_facts_add(out, SIG_MADE_BY_LOW, db_col_int(st, 0), 0, made, all, 0, ""))
			err = 1;
	}
	db_finish(st);
	return (rc == DB_DONE || rc == DB_ROW) && !err ? 0 : -1;
}

/* ---- stopped early (lesson 9) ---- */

int signal_rule_stopped_early(struct db *db, long long org_id, long long community_id,
                              struct signal_facts *out)
{
	struct db_stmt *st;
	struct arena *a = out->a;
	if (db_query(db, &st,
	             "SELECT id, started_on, created_at, status_since FROM communities"
	             " WHERE org_id = ?1 AND (?2 = 0 OR id = ?2) AND status = 'gestopt'",
	             DB_ARGS(DB_INT(org_id), DB_INT(community_id))) != DB_OK)
		return -1;
	int rc, err = 0;
	while ((rc = db_step(st)) == DB_ROW && !err) {
		const char *started = db_col_text(st, 1, a);
		char start[16], stop[16];
		if (date_valid(started))
			snprintf(start, sizeof(start), "%s", started);
		else
			date_of_days(db_col_int(st, 2) / 86400, start);
		date_of_days(db_col_int(st, 3) / 86400, stop);
		long long days = signal_days_between(start, stop);
		if (days >= 0 && days < SIGNAL_STOPPED_DAYS &&
		    signal_facts_add(out, SIG_STOPPED_EARLY, db_col_int(st, 0), 0, days, 0, 0,
		                     start))
			err = 1;
	}
	db_finish(st);
	return (rc == DB_DONE || rc == DB_ROW) && !err ? 0 : -1;
}

/* ---- werkblad 2 and 3 ---- */

int signal_rule_items(struct db *db, long long org_id, long long community_id,
                      struct signal_facts *out)
{
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT c.id, c.status,"
	             " COUNT(CASE WHEN i.kind = 'van' THEN 1 END),"
	             " COUNT(CASE WHEN i.kind = 'door' THEN 1 END),"
	             " COUNT(CASE WHEN i.kind = 'voor' THEN 1 END),"
	             " COUNT(CASE WHEN i.kind = 'behoefte' THEN 1 END),"
	             " COUNT(CASE WHEN i.kind = 'sterkte' THEN 1 END)"
	             " FROM communities c LEFT JOIN community_items i"
	             " ON i.community_id = c.id AND i.org_id = c.org_id"
	             " WHERE c.org_id = ?1 AND (?2 = 0 OR c.id = ?2) AND c.status <> 'gestopt'"
	             " GROUP BY c.id, c.status",
	             DB_ARGS(DB_INT(org_id), DB_INT(community_id))) != DB_OK)
		return -1;
	int rc, err = 0;
	while ((rc = db_step(st)) == DB_ROW && !err) {
		long long id = db_col_int(st, 0);
		const char *status = db_col_text(st, 1, out->a);
		long long van = db_col_int(st, 2), door = db_col_int(st, 3),
		          voor = db_col_int(st, 4);
		long long needs = db_col_int(st, 5), strengths = db_col_int(st, 6);
		/* werkblad 3 is filled once the library knows the community */
		bool known = strcmp(status, "gewenst") != 0 && strcmp(status, "verkennen") != 0;
		if (door == 0 && (known || van + voor > 0) &&
		    signal_facts_add(out, SIG_DOOR_EMPTY, id, 0, van, voor, 0, ""))
			err = 1;
		if (needs > strengths &&
		    signal_facts_add(out, SIG_MORE_NEEDS, id, 0, needs, strengths, 0, ""))
			err = 1;
	}
	db_finish(st);
	return (rc == DB_DONE || rc == DB_ROW) && !err ? 0 : -1;
}

/* ---- people ---- */

int signal_rule_people(struct db *db, long long org_id, long long max_communities,
                       struct signal_facts *out)
{
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT m.person_id, m.role, COUNT(DISTINCT c.id) FROM memberships m"
	             " LEFT JOIN community_staff s ON s.org_id = m.org_id"
	             " AND s.person_id = m.person_id"
	             " LEFT JOIN communities c ON c.id = s.community_id AND c.org_id = s.org_id"
	             " AND c.status <> 'gestopt'"
	             " WHERE m.org_id = ?1 AND m.role IN ('beheerder', 'medewerker')"
	             " GROUP BY m.person_id, m.role",
	             DB_ARGS(DB_INT(org_id))) != DB_OK)
		return -1;
	int rc, err = 0;
	while ((rc = db_step(st)) == DB_ROW && !err) {
		long long person = db_col_int(st, 0), n = db_col_int(st, 2);
		bool medewerker = strcmp(db_col_text(st, 1, out->a), "medewerker") == 0;
		if (n == 0 && medewerker &&
		    signal_facts_add(out, SIG_STAFF_IDLE, 0, person, 0, 0, 0, ""))
			err = 1;
		if (n > max_communities && signal_facts_add(out, SIG_STAFF_OVERLOADED, 0, person, n,
		                                            max_communities, 0, ""))
			err = 1;
	}
	db_finish(st);
	return (rc == DB_DONE || rc == DB_ROW) && !err ? 0 : -1;
}
