/*
 * test_signals.c - the signals engine (core/signal*.c) on hand-made data:
 * every kind fires when it should and stays quiet when it should not; the
 * kept table follows edits, moves and deletes (a recompute finds zero
 * differences); set aside with its checks, and back after the date; kinds
 * switched off vanish; an ambassadeur reads their own communities only.
 * Dates are fixed ("today" is a parameter), so no test depends on the clock
 * except the write-path ones, which compare with a recompute for today.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "community_fixture.h"
#include "core/conversation.h"
#include "core/action.h"
#include "core/signal.h"

#define TODAY "2026-06-15"

/* Unix time of noon (UTC) on a date. */
static long long at(const char *date)
{
	return (signal_days_between("1970-01-01", date)) * 86400 + 43200;
}

/* The fact of kind about community (or person) in org A as of today, or NULL. */
static const struct signal_fact *fact(struct fx *f, struct arena *a, int kind, long long community,
                                      long long person, const char *today)
{
	struct signal_facts facts;
	assert_int_equal(signals_compute(f->db, a, f->org_a, 0, today, &facts), 0);
	for (size_t i = 0; i < facts.n; i++)
		if (facts.v[i].kind == kind && facts.v[i].community_id == community &&
		    facts.v[i].person_id == person)
			return &facts.v[i];
	return NULL;
}

static bool fires(struct fx *f, int kind, long long community, long long person, const char *today)
{
	struct arena a;
	arena_init(&a);
	bool yes = fact(f, &a, kind, community, person, today) != NULL;
	arena_free(&a);
	return yes;
}

static void set_status(struct fx *f, long long community, const char *status, const char *since)
{
	assert_int_equal(db_exec(f->db,
	                         "UPDATE communities SET status = ?, status_since = ?"
	                         " WHERE id = ? AND org_id = ?",
	                         DB_ARGS(DB_TEXT(status), DB_INT(at(since)), DB_INT(community),
	                                 DB_INT(f->org_a))),
	                 DB_OK);
}

static long long talk(struct fx *f, long long community, const char *held_on, int report_sent)
{
	long long id = 0;
	assert_int_equal(
	    db_query_int(f->db,
	                 "INSERT INTO conversations (org_id, held_on, kind, community_id,"
	                 " subject, report_sent, created_at, updated_at)"
	                 " VALUES (?, ?, 'kennismaking', ?, 'Kennismaken', ?, 1, 1)"
	                 " RETURNING id",
	                 DB_ARGS(DB_INT(f->org_a), DB_TEXT(held_on),
	                         community ? DB_INT(community) : DB_NULL, DB_INT(report_sent)),
	                 &id),
	    DB_ROW);
	return id;
}

static void staff(struct fx *f, long long community, long long person, const char *role)
{
	assert_int_equal(community_staff_add(f->db, f->org_a, 0, community, person, role), SAVE_OK);
}

/* ---- each kind ---- */

static void test_role_missing_and_too_many(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	assert_true(fires(f, SIG_ROLE_MISSING, f->community, 0, TODAY));
	struct arena a;
	arena_init(&a);
	assert_int_equal(fact(f, &a, SIG_ROLE_MISSING, f->community, 0, TODAY)->n1, 7);
	staff(f, f->community, f->staff_a, "bouwer");
	staff(f, f->community, f->staff_a2, "verbinder");
	assert_int_equal(fact(f, &a, SIG_ROLE_MISSING, f->community, 0, TODAY)->n1,
	                 SIGNAL_ROLE_AANJAGER);
	staff(f, f->community, f->staff_a3, "aanjager");
	assert_false(fires(f, SIG_ROLE_MISSING, f->community, 0, TODAY));
	assert_false(fires(f, SIG_TOO_MANY_STAFF, f->community, 0, TODAY));
	staff(f, f->community, f->admin_a, "bouwer");
	assert_true(fires(f, SIG_TOO_MANY_STAFF, f->community, 0, TODAY));
	assert_int_equal(fact(f, &a, SIG_TOO_MANY_STAFF, f->community, 0, TODAY)->n1, 4);
	/* a stopped community needs no roles */
	set_status(f, f->other_community, "gestopt", "2026-01-01");
	assert_false(fires(f, SIG_ROLE_MISSING, f->other_community, 0, TODAY));
	arena_free(&a);
	fx_close(f);
}

static void test_no_contact_for_six_weeks(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	/* gewenst: no contact expected */
	assert_false(fires(f, SIG_NO_CONTACT, f->community, 0, TODAY));
	set_status(f, f->community, "in-contact", "2026-01-10");
	assert_true(fires(f, SIG_NO_CONTACT, f->community, 0, TODAY)); /* never, for months */
	talk(f, f->community, "2026-04-01", 1);
	struct arena a;
	arena_init(&a);
	assert_string_equal(fact(f, &a, SIG_NO_CONTACT, f->community, 0, TODAY)->note,
	                    "2026-04-01");
	talk(f, f->community, "2026-05-20", 1); /* less than six weeks ago */
	assert_false(fires(f, SIG_NO_CONTACT, f->community, 0, TODAY));
	/* a planned conversation in the future is no contact yet */
	set_status(f, f->other_community, "samenwerken", "2026-01-10");
	talk(f, f->other_community, "2026-07-01", 0);
	assert_true(fires(f, SIG_NO_CONTACT, f->other_community, 0, TODAY));
	/* a held activity is contact */
	long long act = 0;
	assert_int_equal(
	    db_query_int(f->db,
	                 "INSERT INTO activities (org_id, title, held_on, made, status,"
	                 " created_at, updated_at) VALUES (?, 'Ruilmiddag', '2026-06-01',"
	                 " 'met', 'held', 1, 1) RETURNING id",
	                 DB_ARGS(DB_INT(f->org_a)), &act),
	    DB_ROW);
	assert_int_equal(
	    db_exec(f->db,
	            "INSERT INTO activity_communities (org_id, activity_id, community_id)"
	            " VALUES (?, ?, ?)",
	            DB_ARGS(DB_INT(f->org_a), DB_INT(act), DB_INT(f->other_community))),
	    DB_OK);
	assert_false(fires(f, SIG_NO_CONTACT, f->other_community, 0, TODAY));
	/* a community that only just got in contact */
	set_status(f, f->community, "in-contact", "2026-06-01");
	assert_int_equal(db_exec(f->db, "DELETE FROM conversations WHERE community_id = ?",
	                         DB_ARGS(DB_INT(f->community))),
	                 DB_OK);
	assert_false(fires(f, SIG_NO_CONTACT, f->community, 0, TODAY));
	arena_free(&a);
	fx_close(f);
}

static void test_actions_late(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	long long c = talk(f, f->community, "2026-05-01", 1);
	long long org_talk = talk(f, 0, "2026-05-01", 1);
	assert_int_equal(db_exec(f->db,
	                         "INSERT INTO action_points (org_id, conversation_id, text, due_on,"
	                         " created_at) VALUES (?1, ?2, 'Zaal regelen', '2026-07-01', 1),"
	                         " (?1, ?3, 'Flyer', '2026-06-01', 1)",
	                         DB_ARGS(DB_INT(f->org_a), DB_INT(c), DB_INT(org_talk))),
	                 DB_OK);
	assert_false(fires(f, SIG_ACTIONS_LATE, f->community, 0, TODAY)); /* not yet due */
	assert_true(fires(f, SIG_ACTIONS_LATE, 0, 0, TODAY)); /* the org's own conversation */
	assert_true(fires(f, SIG_ACTIONS_LATE, f->community, 0, "2026-07-02"));
	assert_int_equal(db_exec(f->db, "UPDATE action_points SET done_at = 5 WHERE org_id = ?",
	                         DB_ARGS(DB_INT(f->org_a))),
	                 DB_OK);
	assert_false(fires(f, SIG_ACTIONS_LATE, f->community, 0, "2026-07-02"));
	assert_false(fires(f, SIG_ACTIONS_LATE, 0, 0, TODAY));
	fx_close(f);
}

static void test_report_not_sent_within_two_weeks(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	long long c = talk(f, f->community, "2026-06-05", 0);
	assert_false(fires(f, SIG_REPORT_NOT_SENT, f->community, 0, TODAY)); /* ten days */
	assert_true(fires(f, SIG_REPORT_NOT_SENT, f->community, 0, "2026-06-20"));
	assert_int_equal(db_exec(f->db, "UPDATE conversations SET report_sent = 1 WHERE id = ?",
	                         DB_ARGS(DB_INT(c))),
	                 DB_OK);
	assert_false(fires(f, SIG_REPORT_NOT_SENT, f->community, 0, "2026-06-20"));
	fx_close(f);
}

static long long goal(struct fx *f, long long community, const char *kind)
{
	long long id = 0;
	assert_int_equal(
	    db_query_int(f->db,
	                 "INSERT INTO goals (org_id, community_id, kind, text, created_at,"
	                 " updated_at) VALUES (?, ?, ?, 'Samen lezen', 1, 1) RETURNING id",
	                 DB_ARGS(DB_INT(f->org_a), DB_INT(community), DB_TEXT(kind)), &id),
	    DB_ROW);
	return id;
}

static long long subgoal(struct fx *f, long long g, const char *measure, long long baseline,
                         long long target, const char *from, const char *deadline)
{
	long long id = 0;
	assert_int_equal(
	    db_query_int(f->db,
	                 "INSERT INTO subgoals (org_id, community_id, goal_id, title,"
	                 " measure, baseline, baseline_on, target, deadline, created_at,"
	                 " updated_at) VALUES (?, ?, ?, 'Twintig lezers', ?, ?, ?, ?, ?,"
	                 " 1, 1) RETURNING id",
	                 DB_ARGS(DB_INT(f->org_a), DB_INT(f->community), DB_INT(g),
	                         DB_TEXT(measure), DB_INT(baseline), DB_TEXT(from), DB_INT(target),
	                         DB_TEXT(deadline)),
	                 &id),
	    DB_ROW);
	return id;
}

static void test_shared_goal_and_measurable_subgoal(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	assert_false(fires(f, SIG_NO_SHARED_GOAL, f->community, 0, TODAY)); /* not samenwerken */
	set_status(f, f->community, "samenwerken", "2026-01-01");
	assert_true(fires(f, SIG_NO_SHARED_GOAL, f->community, 0, TODAY));
	goal(f, f->community, "library"); /* the library's own goal is not shared */
	assert_true(fires(f, SIG_NO_SHARED_GOAL, f->community, 0, TODAY));
	long long g = goal(f, f->community, "shared");
	assert_false(fires(f, SIG_NO_SHARED_GOAL, f->community, 0, TODAY));
	assert_true(fires(f, SIG_NO_MEASURABLE, f->community, 0, TODAY));
	subgoal(f, g, "custom", 0, 20, "2026-01-01", "2026-12-31");
	assert_false(fires(f, SIG_NO_MEASURABLE, f->community, 0, TODAY));
	fx_close(f);
}

/*
 * The goals page judges a subgoal's schedule (goal.h: behind when the share
 * of the way lags the share of the time by more than ten points); the
 * signal says the same.
 */
static void test_subgoal_behind_as_the_goals_page_says(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	set_status(f, f->community, "samenwerken", "2026-01-01");
	long long g = goal(f, f->community, "shared");
	long long s = subgoal(f, g, "custom", 0, 100, "2026-01-01", "2026-12-31");
	assert_int_equal(db_exec(f->db,
	                         "INSERT INTO measurements (org_id, subgoal_id, measured_on, value,"
	                         " created_at) VALUES (?, ?, '2026-06-01', 20, 1)",
	                         DB_ARGS(DB_INT(f->org_a), DB_INT(s))),
	                 DB_OK);
	struct arena a;
	arena_init(&a);
	const struct signal_fact *x =
	    fact(f, &a, SIG_SUBGOAL_BEHIND, f->community, 0, "2026-07-02");
	assert_non_null(x); /* 20% of the way, half the time */
	assert_int_equal(x->n1, 1);
	assert_string_equal(x->note, "Twintig lezers");
	assert_false(fires(f, SIG_SUBGOAL_BEHIND, f->community, 0, "2026-02-01")); /* early days */
	assert_int_equal(db_exec(f->db,
	                         "INSERT INTO measurements (org_id, subgoal_id, measured_on, value,"
	                         " created_at) VALUES (?, ?, '2026-06-20', 60, 1)",
	                         DB_ARGS(DB_INT(f->org_a), DB_INT(s))),
	                 DB_OK);
	assert_false(fires(f, SIG_SUBGOAL_BEHIND, f->community, 0, "2026-07-02"));
	/* past the deadline, not reached */
	assert_true(fires(f, SIG_SUBGOAL_BEHIND, f->community, 0, "2027-01-05"));
	/* counted by kring: the community's held activities */
	subgoal(f, g, "activities", 0, 4, "2026-01-01", "2026-12-31");
	assert_true(fires(f, SIG_SUBGOAL_BEHIND, f->community, 0, "2026-07-02"));
	for (int i = 0; i < 3; i++) {
		long long act = 0;
		assert_int_equal(
		    db_query_int(f->db,
		                 "INSERT INTO activities (org_id, title, held_on, made, status,"
		                 " created_at, updated_at) VALUES (?, 'Leesmiddag',"
		                 " '2026-03-01', 'door', 'held', 1, 1) RETURNING id",
		                 DB_ARGS(DB_INT(f->org_a)), &act),
		    DB_ROW);
		assert_int_equal(
		    db_exec(f->db,
		            "INSERT INTO activity_communities (org_id, activity_id,"
		            " community_id) VALUES (?, ?, ?)",
		            DB_ARGS(DB_INT(f->org_a), DB_INT(act), DB_INT(f->community))),
		    DB_OK);
	}
	assert_false(fires(f, SIG_SUBGOAL_BEHIND, f->community, 0, "2026-07-02"));
	arena_free(&a);
	fx_close(f);
}

static void month(struct fx *f, const char *m, const char *made, long long n)
{
	assert_int_equal(
	    db_exec(f->db,
	            "INSERT INTO community_activity_months (org_id, community_id, month,"
	            " made, activities, participants) VALUES (?, ?, ?, ?, ?, 0)",
	            DB_ARGS(DB_INT(f->org_a), DB_INT(f->community), DB_TEXT(m), DB_TEXT(made),
	                    DB_INT(n))),
	    DB_OK);
}

static void test_made_met_or_door_below_a_quarter(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	assert_false(fires(f, SIG_MADE_BY_LOW, f->community, 0, TODAY)); /* no activities */
	month(f, "2026-05", "voor", 4);
	month(f, "2026-02", "met", 1);
	month(f, "2025-06", "door", 9); /* more than six months ago: not counted */
	struct arena a;
	arena_init(&a);
	const struct signal_fact *x = fact(f, &a, SIG_MADE_BY_LOW, f->community, 0, TODAY);
	assert_non_null(x);
	assert_int_equal(x->n1, 1);
	assert_int_equal(x->n2, 5);
	month(f, "2026-06", "door", 1); /* 2 of 6: a third */
	assert_false(fires(f, SIG_MADE_BY_LOW, f->community, 0, TODAY));
	arena_free(&a);
	fx_close(f);
}

static void test_stopped_within_a_year(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	assert_int_equal(db_exec(f->db,
	                         "UPDATE communities SET started_on = '2026-01-01' WHERE id = ?",
	                         DB_ARGS(DB_INT(f->community))),
	                 DB_OK);
	assert_false(fires(f, SIG_STOPPED_EARLY, f->community, 0, TODAY)); /* still going */
	set_status(f, f->community, "gestopt", "2026-03-01");
	struct arena a;
	arena_init(&a);
	const struct signal_fact *x = fact(f, &a, SIG_STOPPED_EARLY, f->community, 0, TODAY);
	assert_non_null(x);
	assert_int_equal(x->n1, 59);
	assert_int_equal(db_exec(f->db,
	                         "UPDATE communities SET started_on = '2024-01-01' WHERE id = ?",
	                         DB_ARGS(DB_INT(f->community))),
	                 DB_OK);
	assert_false(fires(f, SIG_STOPPED_EARLY, f->community, 0, TODAY));
	arena_free(&a);
	fx_close(f);
}

static void test_door_column_and_needs(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	assert_false(fires(f, SIG_DOOR_EMPTY, f->community, 0, TODAY)); /* gewenst, nothing yet */
	long long id;
	assert_int_equal(
	    community_item_add(f->db, f->org_a, 0, f->community, "voor", "Voorlezen", NULL, &id),
	    SAVE_OK);
	assert_true(fires(f, SIG_DOOR_EMPTY, f->community, 0, TODAY));
	assert_int_equal(
	    community_item_add(f->db, f->org_a, 0, f->community, "door", "Ruilkast", NULL, &id),
	    SAVE_OK);
	assert_false(fires(f, SIG_DOOR_EMPTY, f->community, 0, TODAY));
	set_status(f, f->other_community, "in-contact", "2026-01-01"); /* known, werkblad 3 empty */
	assert_true(fires(f, SIG_DOOR_EMPTY, f->other_community, 0, TODAY));

	assert_int_equal(
	    community_item_add(f->db, f->org_a, 0, f->community, "behoefte", "Ruimte", NULL, &id),
	    SAVE_OK);
	assert_true(fires(f, SIG_MORE_NEEDS, f->community, 0, TODAY));
	assert_int_equal(
	    community_item_add(f->db, f->org_a, 0, f->community, "sterkte", "Koken", NULL, &id),
	    SAVE_OK);
	assert_false(fires(f, SIG_MORE_NEEDS, f->community, 0, TODAY));
	fx_close(f);
}

static void test_staff_idle_and_overloaded(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	assert_true(fires(f, SIG_STAFF_IDLE, 0, f->staff_a2, TODAY));
	assert_false(
	    fires(f, SIG_STAFF_IDLE, 0, f->admin_a, TODAY)); /* a beheerder may manage only */
	assert_false(fires(f, SIG_STAFF_IDLE, 0, f->amb, TODAY));
	staff(f, f->community, f->staff_a2, "verbinder");
	assert_false(fires(f, SIG_STAFF_IDLE, 0, f->staff_a2, TODAY));
	staff(f, f->other_community, f->staff_a2, "bouwer");
	assert_false(fires(f, SIG_STAFF_OVERLOADED, 0, f->staff_a2, TODAY)); /* 2 of 3 */
	struct signal_settings s;
	assert_int_equal(signal_settings_get(f->db, f->org_a, &s), 0);
	assert_int_equal(s.max_communities, SIGNAL_MAX_COMMUNITIES);
	s.max_communities = 1;
	assert_int_equal(signal_settings_save(f->db, f->org_a, f->admin_a, &s), SAVE_OK);
	struct arena a;
	arena_init(&a);
	const struct signal_fact *x = fact(f, &a, SIG_STAFF_OVERLOADED, 0, f->staff_a2, TODAY);
	assert_non_null(x);
	assert_int_equal(x->n1, 2);
	assert_int_equal(x->n2, 1);
	s.max_communities = 0;
	assert_int_equal(signal_settings_save(f->db, f->org_a, f->admin_a, &s), SAVE_REFUSED);
	arena_free(&a);
	fx_close(f);
}

/* ---- kept in the table ---- */

static long long differences(struct fx *f)
{
	char today[16];
	signal_today(today);
	long long d = -1;
	assert_int_equal(signals_check(f->db, today, &d), 0);
	return d;
}

static long long kept(struct fx *f, const char *kind, long long community)
{
	long long n = -1;
	assert_int_equal(db_query_int(f->db,
	                              "SELECT COUNT(*) FROM signals WHERE org_id = ? AND kind = ?"
	                              " AND COALESCE(community_id, 0) = ?",
	                              DB_ARGS(DB_INT(f->org_a), DB_TEXT(kind), DB_INT(community)),
	                              &n),
	                 DB_ROW);
	return n;
}

static void test_kept_in_step_with_edits_moves_and_deletes(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	assert_int_equal(differences(f), 0);
	assert_int_equal(kept(f, "role_missing", f->community), 1);
	/* staff */
	staff(f, f->community, f->staff_a, "bouwer");
	staff(f, f->community, f->staff_a2, "verbinder");
	staff(f, f->community, f->staff_a3, "aanjager");
	assert_int_equal(kept(f, "role_missing", f->community), 0);
	assert_int_equal(differences(f), 0);
	/* a role change takes someone out of every community */
	assert_int_equal(
	    member_set_role(f->db, f->org_a, f->admin_a, f->staff_a3, ROLE_AMBASSADEUR), SAVE_OK);
	assert_int_equal(kept(f, "role_missing", f->community), 1);
	assert_int_equal(differences(f), 0);
	/* items */
	long long id;
	assert_int_equal(
	    community_item_add(f->db, f->org_a, 0, f->community, "behoefte", "Ruimte", NULL, &id),
	    SAVE_OK);
	assert_int_equal(kept(f, "more_needs", f->community), 1);
	assert_int_equal(community_item_delete(f->db, f->org_a, 0, f->community, id), SAVE_OK);
	assert_int_equal(kept(f, "more_needs", f->community), 0);
	assert_int_equal(differences(f), 0);
	/* a conversation with a late action point, moved to another community */
	struct conversation c = {.held_on = "2026-01-05",
	                         .kind = "kennismaking",
	                         .community_id = f->community,
	                         .subject = "Eerste kennismaking",
	                         .report_sent = true};
	struct action_new ap = {.text = "Zaal regelen", .due_on = "2026-01-20"};
	long long cid = 0;
	assert_int_equal(conversation_create(f->db, f->org_a, f->staff_a, &c, &ap, 1, &cid),
	                 SAVE_OK);
	assert_int_equal(kept(f, "actions_late", f->community), 1);
	assert_int_equal(differences(f), 0);
	struct arena a;
	arena_init(&a);
	struct conversation got;
	assert_int_equal(conversation_get(f->db, &a, f->org_a, cid, &got), 1);
	got.community_id = f->other_community;
	assert_int_equal(conversation_update(f->db, f->org_a, f->staff_a, &got), SAVE_OK);
	assert_int_equal(kept(f, "actions_late", f->community), 0);
	assert_int_equal(kept(f, "actions_late", f->other_community), 1);
	assert_int_equal(differences(f), 0);
	/* ticked off */
	struct action_point *aps;
	size_t n;
	assert_int_equal(action_list(f->db, &a, f->org_a, cid, &aps, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(action_set_done(f->db, f->org_a, f->staff_a, cid, aps[0].id, true),
	                 SAVE_OK);
	assert_int_equal(kept(f, "actions_late", f->other_community), 0);
	assert_int_equal(differences(f), 0);
	/* status and delete */
	struct community cm;
	assert_int_equal(community_get(f->db, &a, f->org_a, f->other_community, &cm), 1);
	cm.status = "gestopt";
	assert_int_equal(community_update(f->db, f->org_a, 0, &cm), SAVE_OK);
	assert_int_equal(kept(f, "role_missing", f->other_community), 0);
	assert_int_equal(differences(f), 0);
	assert_int_equal(community_delete(f->db, f->org_a, 0, f->community,
	                                  fx_version(f, f->org_a, f->community)),
	                 SAVE_OK);
	assert_int_equal(kept(f, "role_missing", f->community), 0);
	assert_int_equal(differences(f), 0);
	/* the periodic pass refreshes an org once a day */
	char today[16];
	signal_today(today);
	int done = -1;
	assert_int_equal(db_exec(f->db, "UPDATE signal_settings SET refreshed_on = ''", DB_NOARGS),
	                 DB_OK);
	assert_int_equal(signals_refresh_due(f->db, today, &done), 0);
	assert_true(done >= 2);
	assert_int_equal(signals_refresh_due(f->db, today, &done), 0);
	assert_int_equal(done, 0);
	/* a change behind kring's back is found by the check */
	assert_int_equal(
	    db_exec(f->db, "DELETE FROM signals WHERE org_id = ?", DB_ARGS(DB_INT(f->org_a))),
	    DB_OK);
	assert_true(differences(f) > 0);
	arena_free(&a);
	fx_close(f);
}

/* The id of the kept signal of kind about community in org. */
static long long signal_id(struct fx *f, long long org, const char *kind, long long community)
{
	long long id = 0;
	assert_int_equal(db_query_int(f->db,
	                              "SELECT id FROM signals WHERE org_id = ? AND kind = ?"
	                              " AND community_id = ?",
	                              DB_ARGS(DB_INT(org), DB_TEXT(kind), DB_INT(community)), &id),
	                 DB_ROW);
	return id;
}

static size_t listed(struct fx *f, const struct signal_filter *flt, const char *today)
{
	struct arena a;
	arena_init(&a);
	struct signal *v;
	size_t n = 0;
	assert_int_equal(signals_list(f->db, &a, f->org_a, flt, today, &v, &n), 0);
	arena_free(&a);
	return n;
}

static void test_set_aside_and_back_after_the_date(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	long long id = signal_id(f, f->org_a, "role_missing", f->community);
	struct signal_filter all = {.kind = SIG_ROLE_MISSING};
	size_t before = listed(f, &all, TODAY);
	assert_true(before >= 2);
	/* checks: a date after today, a reason of a sensible length, our own signal */
	assert_int_equal(
	    signal_set_aside(f->db, f->org_a, f->staff_a, id, "2026-06-15", "x", TODAY),
	    SAVE_REFUSED);
	assert_int_equal(
	    signal_set_aside(f->db, f->org_a, f->staff_a, id, "2026-02-30", "x", TODAY),
	    SAVE_REFUSED);
	assert_int_equal(signal_set_aside(f->db, f->org_a, f->staff_a, id, "2026-07-01", "", TODAY),
	                 SAVE_REFUSED);
	char *long_reason = malloc(100001);
	memset(long_reason, 'a', 100000);
	long_reason[100000] = '\0';
	assert_int_equal(
	    signal_set_aside(f->db, f->org_a, f->staff_a, id, "2026-07-01", long_reason, TODAY),
	    SAVE_REFUSED);
	free(long_reason);
	long long theirs = signal_id(f, f->org_b, "role_missing", f->community_b);
	assert_int_equal(signal_set_aside(f->db, f->org_a, f->staff_a, theirs, "2026-07-01",
	                                  "Na de zomer", TODAY),
	                 SAVE_NOT_FOUND);
	assert_int_equal(signal_restore(f->db, f->org_a, f->staff_a, theirs), SAVE_NOT_FOUND);
	assert_int_equal(signal_set_aside(f->db, f->org_a, f->staff_a, id, "2026-07-01",
	                                  "Na de zomer zoeken we een verbinder", TODAY),
	                 SAVE_OK);
	assert_int_equal(listed(f, &all, TODAY), before - 1);
	struct signal_filter aside = {.kind = SIG_ROLE_MISSING, .aside = true};
	assert_int_equal(listed(f, &aside, TODAY), 1);
	assert_int_equal(listed(f, &all, "2026-07-01"), before - 1); /* until and with the date */
	assert_int_equal(listed(f, &all, "2026-07-02"), before);     /* back after it */
	/* a refresh keeps it aside while it holds */
	assert_int_equal(signals_refresh_org(f->db, f->org_a, TODAY), 0);
	assert_int_equal(listed(f, &all, TODAY), before - 1);
	assert_int_equal(signal_restore(f->db, f->org_a, f->staff_a, id), SAVE_OK);
	assert_int_equal(listed(f, &all, TODAY), before);
	fx_close(f);
}

static void test_kinds_off_vanish_and_scope(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct signal_filter all = {.kind = -1};
	assert_true(listed(f, &all, TODAY) > 0);
	/* an ambassadeur reads only their own community */
	struct signal_filter amb = {.kind = -1, .only_attached = f->amb};
	struct arena a;
	arena_init(&a);
	struct signal *v;
	size_t n;
	assert_int_equal(signals_list(f->db, &a, f->org_a, &amb, TODAY, &v, &n), 0);
	assert_true(n > 0);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(v[i].community_id, f->community);
	assert_true(signals_count(f->db, f->org_a, f->amb, TODAY) == (long long)n);
	/* "mine": the communities I am staff of, and my own */
	staff(f, f->other_community, f->staff_a, "bouwer");
	struct signal_filter mine = {.kind = -1, .mine = f->staff_a};
	assert_int_equal(signals_list(f->db, &a, f->org_a, &mine, TODAY, &v, &n), 0);
	assert_true(n > 0);
	for (size_t i = 0; i < n; i++)
		assert_true(v[i].community_id == f->other_community ||
		            v[i].person_id == f->staff_a);
	/* switched off: gone */
	struct signal_settings s;
	assert_int_equal(signal_settings_get(f->db, f->org_a, &s), 0);
	s.on[SIG_ROLE_MISSING] = false;
	s.on[SIG_STAFF_IDLE] = false;
	assert_int_equal(signal_settings_save(f->db, f->org_a, f->admin_a, &s), SAVE_OK);
	struct signal_filter roles = {.kind = SIG_ROLE_MISSING};
	assert_int_equal(listed(f, &roles, TODAY), 0);
	assert_int_equal(kept(f, "role_missing", f->community), 0);
	assert_int_equal(differences(f), 0);
	/* another organisation keeps its own */
	long long theirs = 0;
	assert_int_equal(db_query_int(f->db,
	                              "SELECT COUNT(*) FROM signals WHERE org_id = ?"
	                              " AND kind = 'role_missing'",
	                              DB_ARGS(DB_INT(f->org_b)), &theirs),
	                 DB_ROW);
	assert_int_equal(theirs, 1);
	arena_free(&a);
	fx_close(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_role_missing_and_too_many),
	    cmocka_unit_test(test_no_contact_for_six_weeks),
	    cmocka_unit_test(test_actions_late),
	    cmocka_unit_test(test_report_not_sent_within_two_weeks),
	    cmocka_unit_test(test_shared_goal_and_measurable_subgoal),
	    cmocka_unit_test(test_subgoal_behind_as_the_goals_page_says),
	    cmocka_unit_test(test_made_met_or_door_below_a_quarter),
	    cmocka_unit_test(test_stopped_within_a_year),
	    cmocka_unit_test(test_door_column_and_needs),
	    cmocka_unit_test(test_staff_idle_and_overloaded),
	    cmocka_unit_test(test_kept_in_step_with_edits_moves_and_deletes),
	    cmocka_unit_test(test_set_aside_and_back_after_the_date),
	    cmocka_unit_test(test_kinds_off_vanish_and_scope),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
