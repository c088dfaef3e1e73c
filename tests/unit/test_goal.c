/*
 * test_goal.c - step 5: the progress of a subgoal against its target and
 * against time (hand-made numbers), the SMART checks, who may write which
 * goal, and the core's refusals of ids of another community or
 * organisation; the values kring counts from a community's activities and
 * the dashboard's schedule counts. With KRING_TEST_PG set, all of it runs
 * on PostgreSQL as well.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include "community_fixture.h"
#include "core/goal.h"
#include "core/reindex.h"

/* ---- the pure parts ---- */

static struct goal_progress prog(long long base, long long target, long long value,
                                 const char *deadline, const char *today)
{
	return goal_progress_compute(true, base, true, target, true, value, "2026-01-01", deadline,
	                             today);
}

static void test_progress_up(void **state)
{
	(void)state;
	/* 20 -> 35 over 2026; on 1 July 29: 60% of the way, 49% of the time */
	struct goal_progress p = prog(20, 35, 29, "2026-12-31", "2026-07-01");
	assert_int_equal(p.state, GOAL_ON_SCHEDULE);
	assert_int_equal(p.done_pct, 60);
	assert_int_equal(p.elapsed_pct, 49);
	/* 0 -> 40, on 1 November 11: 27% of the way, 83% of the time */
	p = prog(0, 40, 11, "2026-12-31", "2026-11-01");
	assert_int_equal(p.state, GOAL_BEHIND);
	assert_int_equal(p.done_pct, 27);
	assert_int_equal(p.elapsed_pct, 83);
	/* within 10 points of the time is still on schedule: 40% done at 49% */
	assert_int_equal(prog(0, 10, 4, "2026-12-31", "2026-07-01").state, GOAL_ON_SCHEDULE);
	assert_int_equal(prog(0, 10, 3, "2026-12-31", "2026-07-01").state, GOAL_BEHIND);
	/* reached, also past the target and past the deadline */
	p = prog(0, 40, 40, "2026-12-31", "2026-03-01");
	assert_int_equal(p.state, GOAL_REACHED);
	assert_int_equal(p.done_pct, 100);
	assert_int_equal(prog(0, 40, 52, "2026-06-30", "2027-01-01").state, GOAL_REACHED);
	/* the deadline passed unreached */
	p = prog(0, 40, 39, "2026-06-30", "2026-07-01");
	assert_int_equal(p.state, GOAL_BEHIND);
	assert_int_equal(p.elapsed_pct, 100);
}

static void test_progress_down(void **state)
{
	(void)state;
	/* fewer no-shows: 50 -> 20; at 30 two thirds of the way at half the time */
	struct goal_progress p = prog(50, 20, 30, "2026-12-31", "2026-07-01");
	assert_int_equal(p.state, GOAL_ON_SCHEDULE);
	assert_int_equal(p.done_pct, 66);
	assert_int_equal(prog(50, 20, 20, "2026-12-31", "2026-07-01").state, GOAL_REACHED);
	assert_int_equal(prog(50, 20, 10, "2026-12-31", "2026-07-01").state, GOAL_REACHED);
	/* the wrong way: nothing done */
	p = prog(50, 20, 55, "2026-12-31", "2026-07-01");
	assert_int_equal(p.state, GOAL_BEHIND);
	assert_int_equal(p.done_pct, 0);
}

static void test_progress_missing_parts(void **state)
{
	(void)state;
	/* no deadline: on schedule while it moved the right way, else unknown */
	struct goal_progress p = prog(20, 35, 25, "", "2026-07-01");
	assert_int_equal(p.state, GOAL_ON_SCHEDULE);
	assert_int_equal(p.elapsed_pct, -1);
	assert_int_equal(prog(20, 35, 20, "", "2026-07-01").state, GOAL_UNKNOWN);
	assert_int_equal(prog(20, 35, 35, "", "2026-07-01").state, GOAL_REACHED);
	/* an impossible deadline counts as none */
	assert_int_equal(prog(20, 35, 25, "2026-02-31", "2026-07-01").elapsed_pct, -1);
	/* no target, no value */
	p = goal_progress_compute(true, 20, false, 0, true, 25, "2026-01-01", "2026-12-31",
	                          "2026-07-01");
	assert_int_equal(p.state, GOAL_UNKNOWN);
	assert_int_equal(p.elapsed_pct, 49); /* time still shows */
	p = goal_progress_compute(true, 20, true, 35, false, 0, "2026-01-01", "2026-12-31",
	                          "2026-07-01");
	assert_int_equal(p.state, GOAL_UNKNOWN);
	/* no baseline: from 0 */
	p = goal_progress_compute(false, 0, true, 10, true, 5, "2026-01-01", "2026-12-31",
	                          "2026-07-01");
	assert_int_equal(p.done_pct, 50);
	assert_int_equal(p.state, GOAL_ON_SCHEDULE);
	/* no start: from today, so no time has gone yet */
	p = goal_progress_compute(true, 0, true, 10, true, 0, "", "2026-12-31", "2026-07-01");
	assert_int_equal(p.elapsed_pct, 0);
	assert_int_equal(p.state, GOAL_ON_SCHEDULE);
}

static void test_smart_checks(void **state)
{
	(void)state;
	struct subgoal s = {.has_baseline = true,
	                    .baseline = 5,
	                    .baseline_on = "2026-01-01",
	                    .has_target = true,
	                    .target = 20,
	                    .deadline = "2026-12-31"};
	assert_int_equal(subgoal_smart_check(&s, "2026-06-01"), 0);
	assert_int_equal(subgoal_smart_check(&s, "2027-01-01"), SMART_DEADLINE_PAST);
	s.deadline = "2025-12-31";
	assert_int_equal(subgoal_smart_check(&s, "2025-06-01"), SMART_DEADLINE_BEFORE_BASE);
	s.deadline = "";
	s.has_target = false;
	s.has_baseline = false;
	assert_int_equal(subgoal_smart_check(&s, "2026-06-01"),
	                 SMART_NO_DEADLINE | SMART_NO_TARGET | SMART_NO_BASELINE);
}

static void test_who_may_write(void **state)
{
	(void)state;
	const char *kinds[] = {"library", "participants", "shared"};
	for (int k = 0; k < 3; k++) {
		assert_true(goal_may_write(ROLE_BEHEERDER, kinds[k]));
		assert_true(goal_may_write(ROLE_MEDEWERKER, kinds[k]));
		assert_false(goal_may_write(ROLE_ADVISEUR, kinds[k]));
		assert_int_equal(goal_may_write(ROLE_AMBASSADEUR, kinds[k]), k > 0);
	}
	assert_false(goal_may_write(ROLE_MEDEWERKER, "other"));
	assert_false(goal_may_write(ROLE_MEDEWERKER, NULL));
}

/* The route table's rules for goals: everyone reads, staff and ambassadeurs write. */
static void test_route_rules(void **state)
{
	(void)state;
	int n = 0;
	for (size_t i = 0; i < n_routes; i++) {
		const struct route *rt = &routes[i];
		const char *p = rt->pattern;
		if (!strstr(p, "/goals") && !strstr(p, "/subgoals") &&
		    !strstr(p, "/measurements") && !strstr(p, "/agreements"))
			continue;
		n++;
		bool post = strcmp(rt->method, "POST") == 0;
		bool read = !post && (strcmp(p, "/o/:org/goals") == 0 ||
		                      strcmp(p, "/o/:org/communities/:id/goals") == 0);
		assert_int_equal(rt->access,
		                 strcmp(p, "/o/:org/goals") == 0 ? ACCESS_ORG : ACCESS_COMMUNITY);
		assert_int_equal(rt->roles, read ? ROLES_ALL : ROLES_EDIT);
		assert_int_equal(rt->roles & ROLE_ADVISEUR, read ? ROLE_ADVISEUR : 0);
	}
	assert_int_equal(n, 17);
}

/* ---- the core, against a database ---- */

static long long audit_n(struct fx *f, const char *action)
{
	long long n = 0;
	db_query_int(f->db, "SELECT COUNT(*) FROM audit_log WHERE action = ?",
	             DB_ARGS(DB_TEXT(action)), &n);
	return n;
}

static void test_goals_versions_and_conflict(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	long long lib = 0, shared = 0, id = 0;
	/* the library's goal is staff work */
	assert_int_equal(goal_add(f->db, f->org_a, f->amb, ROLE_AMBASSADEUR, f->community,
	                          "library", "Meer bezoekers", &id),
	                 SAVE_REFUSED);
	assert_int_equal(goal_add(f->db, f->org_a, f->staff_a, ROLE_MEDEWERKER, f->community,
	                          "library", "Meer bezoekers", &lib),
	                 SAVE_OK);
	/* it exists once */
	assert_int_equal(goal_add(f->db, f->org_a, f->staff_a, ROLE_MEDEWERKER, f->community,
	                          "library", "Nog een", &id),
	                 SAVE_CONFLICT);
	assert_int_equal(
	    goal_update(f->db, f->org_a, f->amb, ROLE_AMBASSADEUR, f->community, lib, "Van mij", 1),
	    SAVE_REFUSED);
	assert_int_equal(goal_add(f->db, f->org_a, f->amb, ROLE_AMBASSADEUR, f->community, "shared",
	                          "Samen koken", &shared),
	                 SAVE_OK);
	/* two people start from version 1: the second one gets a conflict, nothing is lost */
	assert_int_equal(goal_update(f->db, f->org_a, f->staff_a, ROLE_MEDEWERKER, f->community,
	                             shared, "Samen koken en eten", 1),
	                 SAVE_OK);
	assert_int_equal(goal_update(f->db, f->org_a, f->amb, ROLE_AMBASSADEUR, f->community,
	                             shared, "Samen koken, elke maand", 1),
	                 SAVE_CONFLICT);
	struct arena a;
	arena_init(&a);
	struct goal g;
	assert_int_equal(goal_get(f->db, &a, f->org_a, f->community, shared, &g), 1);
	assert_string_equal(g.text, "Samen koken en eten");
	assert_int_equal(g.version, 2);
	struct goal_version *vs;
	size_t n;
	assert_int_equal(goal_versions(f->db, &a, f->org_a, f->community, shared, &vs, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(vs[0].text, "Samen koken en eten");
	assert_string_equal(vs[0].who, "Sam Medewerker");
	assert_string_equal(vs[1].who, "Amira Ambassadeur");
	assert_true(vs[1].who_is_amb);
	/* another community's or organisation's view does not find it */
	assert_int_equal(goal_get(f->db, &a, f->org_a, f->other_community, shared, &g), 0);
	assert_int_equal(goal_get(f->db, &a, f->org_b, f->community, shared, &g), 0);
	assert_int_equal(goal_update(f->db, f->org_a, f->staff_a, ROLE_MEDEWERKER,
	                             f->other_community, shared, "X", 2),
	                 SAVE_NOT_FOUND);
	assert_int_equal(
	    goal_add(f->db, f->org_b, f->admin_b, ROLE_BEHEERDER, f->community, "shared", "X", &id),
	    SAVE_NOT_FOUND);
	/* the shared goal is a search document; the library's is not */
	assert_int_equal(tdb_int(f->db, "SELECT COUNT(*) FROM search_docs WHERE kind = 'goal'"), 1);
	/* and the reindex builds it again */
	assert_int_equal(db_exec(f->db, "DELETE FROM search_docs WHERE kind = 'goal'", DB_NOARGS),
	                 DB_OK);
	assert_int_equal(search_rebuild(f->db), 0);
	assert_int_equal(tdb_int(f->db, "SELECT COUNT(*) FROM search_docs WHERE kind = 'goal'"), 1);
	assert_int_equal(audit_n(f, "goal.update"), 1);
	/* a delete names the version it saw */
	assert_int_equal(
	    goal_delete(f->db, f->org_a, f->staff_a, ROLE_MEDEWERKER, f->community, shared, 1),
	    SAVE_CONFLICT);
	assert_int_equal(
	    goal_delete(f->db, f->org_a, f->staff_a, ROLE_MEDEWERKER, f->community, shared, 2),
	    SAVE_OK);
	assert_int_equal(tdb_int(f->db, "SELECT COUNT(*) FROM search_docs WHERE kind = 'goal'"), 0);
	assert_int_equal(audit_n(f, "goal.delete"), 1);
	arena_free(&a);
	fx_close(f);
}

static void test_subgoal_refuses_foreign_ids(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	long long shared = 0, other = 0, lib = 0, sid = 0;
	assert_int_equal(goal_add(f->db, f->org_a, f->staff_a, ROLE_MEDEWERKER, f->community,
	                          "shared", "Samen", &shared),
	                 SAVE_OK);
	assert_int_equal(goal_add(f->db, f->org_a, f->staff_a, ROLE_MEDEWERKER, f->other_community,
	                          "shared", "Elders", &other),
	                 SAVE_OK);
	assert_int_equal(goal_add(f->db, f->org_a, f->staff_a, ROLE_MEDEWERKER, f->community,
	                          "library", "Bieb", &lib),
	                 SAVE_OK);
	struct subgoal s = {.goal_id = shared,
	                    .title = "Meer leden",
	                    .measure = "members",
	                    .has_target = true,
	                    .target = 30,
	                    .owner_id = f->amb};
	/* a goal of another community, or not a shared goal */
	s.goal_id = other;
	assert_int_equal(subgoal_save(f->db, f->org_a, f->amb, f->community, &s, &sid),
	                 SAVE_NOT_FOUND);
	s.goal_id = lib;
	assert_int_equal(subgoal_save(f->db, f->org_a, f->amb, f->community, &s, &sid),
	                 SAVE_NOT_FOUND);
	s.goal_id = shared;
	/* an owner who is no ambassadeur of this community, or of another organisation */
	s.owner_id = f->amb2;
	assert_int_equal(subgoal_save(f->db, f->org_a, f->amb, f->community, &s, &sid),
	                 SAVE_NOT_FOUND);
	s.owner_id = f->admin_b;
	assert_int_equal(subgoal_save(f->db, f->org_a, f->amb, f->community, &s, &sid),
	                 SAVE_NOT_FOUND);
	/* numbers out of range */
	s.owner_id = f->amb;
	s.target = 1000000000000LL;
	assert_int_equal(subgoal_save(f->db, f->org_a, f->amb, f->community, &s, &sid),
	                 SAVE_REFUSED);
	s.target = -1;
	assert_int_equal(subgoal_save(f->db, f->org_a, f->amb, f->community, &s, &sid),
	                 SAVE_REFUSED);
	s.target = 30;
	s.deadline = "2026-02-31";
	assert_int_equal(subgoal_save(f->db, f->org_a, f->amb, f->community, &s, &sid),
	                 SAVE_REFUSED);
	s.deadline = "";
	assert_int_equal(subgoal_save(f->db, f->org_a, f->amb, f->community, &s, &sid), SAVE_OK);
	assert_int_equal(tdb_int(f->db, "SELECT COUNT(*) FROM subgoals"), 1);
	/* measurements: only on a subgoal of the community in the URL */
	assert_int_equal(
	    measurement_add(f->db, f->org_a, f->amb, f->other_community, sid, "2026-03-01", 12, ""),
	    SAVE_NOT_FOUND);
	assert_int_equal(
	    measurement_add(f->db, f->org_b, f->admin_b, f->community, sid, "2026-03-01", 12, ""),
	    SAVE_NOT_FOUND);
	assert_int_equal(
	    measurement_add(f->db, f->org_a, f->amb, f->community, sid, "2026-02-31", 12, ""),
	    SAVE_REFUSED);
	assert_int_equal(
	    measurement_add(f->db, f->org_a, f->amb, f->community, sid, "2026-03-01", 12, ""),
	    SAVE_OK);
	long long mid = tdb_int(f->db, "SELECT id FROM measurements");
	assert_int_equal(measurement_delete(f->db, f->org_a, f->amb, f->other_community, mid),
	                 SAVE_NOT_FOUND);
	assert_int_equal(measurement_delete(f->db, f->org_a, f->amb, f->community, mid), SAVE_OK);
	assert_int_equal(audit_n(f, "measurement.delete"), 1);
	/* a subgoal of another community is not found; its delete names the version */
	assert_int_equal(subgoal_delete(f->db, f->org_a, f->amb, f->other_community, sid, 1),
	                 SAVE_NOT_FOUND);
	assert_int_equal(subgoal_delete(f->db, f->org_a, f->amb, f->community, sid, 2),
	                 SAVE_CONFLICT);
	assert_int_equal(subgoal_delete(f->db, f->org_a, f->amb, f->community, sid, 1), SAVE_OK);
	assert_int_equal(audit_n(f, "subgoal.delete"), 1);
	/* agreements: a foreign id is not found */
	struct agreement ag = {
	    .side = "library", .text = "Zaal", .agreed_with = "", .agreed_on = ""};
	assert_int_equal(agreement_add(f->db, f->org_a, f->amb, f->community, &ag), SAVE_OK);
	long long agid = tdb_int(f->db, "SELECT id FROM community_agreements");
	assert_int_equal(agreement_delete(f->db, f->org_a, f->amb, f->other_community, agid),
	                 SAVE_NOT_FOUND);
	assert_int_equal(agreement_delete(f->db, f->org_b, f->admin_b, f->community, agid),
	                 SAVE_NOT_FOUND);
	ag.side = "partners";
	assert_int_equal(agreement_add(f->db, f->org_a, f->amb, f->community, &ag), SAVE_REFUSED);
	fx_close(f);
}

static void activity(struct fx *f, long long org, long long community, const char *on,
                     const char *made, const char *status, long long people)
{
	long long id = 0;
	assert_int_equal(
	    db_query_int(
	        f->db,
	        "INSERT INTO activities (org_id, title, held_on, made, status,"
	        " participants, created_at, updated_at)"
	        " VALUES (?, 'A', ?, ?, ?, ?, 0, 0) RETURNING id",
	        DB_ARGS(DB_INT(org), DB_TEXT(on), DB_TEXT(made), DB_TEXT(status), DB_INT(people)),
	        &id),
	    DB_ROW);
	assert_int_equal(db_exec(f->db,
	                         "INSERT INTO activity_communities (org_id, activity_id,"
	                         " community_id) VALUES (?, ?, ?)",
	                         DB_ARGS(DB_INT(org), DB_INT(id), DB_INT(community))),
	                 DB_OK);
}

static void test_counted_from_activities(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	long long shared = 0;
	assert_int_equal(goal_add(f->db, f->org_a, f->staff_a, ROLE_MEDEWERKER, f->community,
	                          "shared", "Samen", &shared),
	                 SAVE_OK);
	/* held from the baseline date on: voor (10), met (5), door (7) */
	activity(f, f->org_a, f->community, "2026-02-01", "voor", "held", 10);
	activity(f, f->org_a, f->community, "2026-03-01", "met", "held", 5);
	activity(f, f->org_a, f->community, "2026-04-01", "door", "held", 7);
	/* not counted: before the baseline date, planned, cancelled, another community, after today */
	activity(f, f->org_a, f->community, "2025-12-01", "door", "held", 50);
	activity(f, f->org_a, f->community, "2026-04-02", "door", "planned", 50);
	activity(f, f->org_a, f->community, "2026-04-03", "door", "cancelled", 50);
	activity(f, f->org_a, f->other_community, "2026-04-04", "door", "held", 50);
	activity(f, f->org_a, f->community, "2026-09-01", "door", "held", 50);
	const char *measures[] = {"activities", "participants", "made_by", "members"};
	const long long targets[] = {3, 100, 60, 40};
	for (int i = 0; i < 4; i++) {
		struct subgoal s = {.goal_id = shared,
		                    .title = measures[i],
		                    .measure = measures[i],
		                    .has_baseline = true,
		                    .baseline = 0,
		                    .baseline_on = "2026-01-01",
		                    .has_target = true,
		                    .target = targets[i],
		                    .deadline = "2026-12-31"};
		assert_int_equal(subgoal_save(f->db, f->org_a, f->staff_a, f->community, &s, NULL),
		                 SAVE_OK);
	}
	struct arena a;
	arena_init(&a);
	struct subgoal *v;
	size_t n;
	assert_int_equal(subgoal_list(f->db, &a, f->org_a, f->community, 0, "2026-07-01", &v, &n),
	                 0);
	assert_int_equal(n, 4);
	assert_true(v[0].has_value);
	assert_int_equal(v[0].value, 3);  /* activities */
	assert_int_equal(v[1].value, 22); /* participants */
	assert_int_equal(v[2].value, 67); /* made met or door: 2 of 3 */
	assert_false(v[3].has_value);     /* members: entered by hand, none yet */
	/* the dashboard's counts, from the kept states (refreshed with the signals, here as
	 * the daily pass would on 1 July): reached (activities, made_by), behind
	 * (participants), unknown */
	struct goal_schedule_counts c;
	long long diff = -1;
	assert_int_equal(subgoal_states_refresh(f->db, f->org_a, 0, "2026-07-01"), 0);
	assert_int_equal(subgoal_states_check(f->db, f->org_a, "2026-07-01", &diff), 0);
	assert_int_equal(diff, 0);
	assert_int_equal(goal_schedule_counts(f->db, f->org_a, "2026-07-01", &c), 0);
	assert_int_equal(c.reached, 2);
	assert_int_equal(c.behind, 1);
	assert_int_equal(c.unknown, 1);
	assert_int_equal(c.on_schedule, 0);
	/* a hand-entered measurement counts for members */
	assert_int_equal(measurement_add(f->db, f->org_a, f->staff_a, f->community, v[3].id,
	                                 "2026-06-01", 25, ""),
	                 SAVE_OK);
	/* the measurement refreshes the states as of the real today; the test looks
	 * at 1 July, so it refreshes that day as the daily pass would */
	assert_int_equal(subgoal_states_refresh(f->db, f->org_a, f->community, "2026-07-01"), 0);
	assert_int_equal(subgoal_states_check(f->db, f->org_a, "2026-07-01", &diff), 0);
	assert_int_equal(diff, 0);
	assert_int_equal(goal_schedule_counts(f->db, f->org_a, "2026-07-01", &c), 0);
	assert_int_equal(c.on_schedule, 1);
	assert_int_equal(c.unknown, 0);
	/* a kept state that is wrong (as after a restore) is found by the check */
	assert_int_equal(
	    db_exec(f->db, "UPDATE subgoal_states SET state = 'reached' WHERE subgoal_id = ?1",
	            DB_ARGS(DB_INT(v[1].id))),
	    DB_OK);
	assert_int_equal(subgoal_states_check(f->db, f->org_a, "2026-07-01", &diff), 0);
	assert_int_equal(diff, 1);
	/* another organisation sees none of it */
	assert_int_equal(goal_schedule_counts(f->db, f->org_b, "2026-07-01", &c), 0);
	assert_int_equal(c.on_schedule + c.behind + c.reached + c.unknown, 0);
	/* an ambassadeur's list holds only their communities */
	assert_int_equal(subgoal_list(f->db, &a, f->org_a, 0, f->amb2, "2026-07-01", &v, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(subgoal_list(f->db, &a, f->org_a, 0, f->amb, "2026-07-01", &v, &n), 0);
	assert_int_equal(n, 4);
	arena_free(&a);
	fx_close(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_progress_up),
	    cmocka_unit_test(test_progress_down),
	    cmocka_unit_test(test_progress_missing_parts),
	    cmocka_unit_test(test_smart_checks),
	    cmocka_unit_test(test_who_may_write),
	    cmocka_unit_test(test_route_rules),
	    cmocka_unit_test(test_goals_versions_and_conflict),
	    cmocka_unit_test(test_subgoal_refuses_foreign_ids),
	    cmocka_unit_test(test_counted_from_activities),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	/* and the same on PostgreSQL when a cluster is named (scripts/test sets it) */
	const char *pg = getenv("KRING_TEST_PG");
	if (pg != NULL && pg[0] && getenv("KRING_FX_PG") == NULL) {
		setenv("KRING_FX_PG", pg, 1);
		failed += cmocka_run_group_tests(tests, NULL, NULL);
	}
	return failed;
}
