/*
 * test_plan.c - issue 11b: money and hours read exactly (and nonsense
 * refused), exact totals, the project plan's refusals (owners, goals and
 * subgoals of another community or organisation, an ambassadeur who does
 * not own the task), version conflicts on tasks and the POST-O, the
 * cycle's rounds and history, and the plan's signals firing and staying
 * quiet (and kept in step: a recompute finds no differences). With
 * KRING_TEST_PG set, the database parts run on PostgreSQL as well.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include "community_fixture.h"
#include "core/cycle.h"
#include "core/goal.h"
#include "core/plan.h"
#include "core/posto.h"
#include "core/signal.h"

/* ---- money and hours ---- */

static long long cents(const char *s)
{
	long long v = -1;
	assert_int_equal(plan_parse_cents(s, &v), PLAN_NUM_OK);
	return v;
}

static long long minutes(const char *s)
{
	long long v = -1;
	assert_int_equal(plan_parse_minutes(s, &v), PLAN_NUM_OK);
	return v;
}

static void test_money_parsed_exactly(void **state)
{
	(void)state;
	assert_int_equal(cents("12,50"), 1250);
	assert_int_equal(cents("12.50"), 1250);
	assert_int_equal(cents("12,5"), 1250);
	assert_int_equal(cents("12"), 1200);
	assert_int_equal(cents("0,01"), 1);
	assert_int_equal(cents("€ 1.234,56"), 123456);
	assert_int_equal(cents("€1.234,56"), 123456);
	assert_int_equal(cents("EUR 1234,56"), 123456);
	assert_int_equal(cents("1,234.56"), 123456);
	assert_int_equal(cents("1 234,56"), 123456);
	assert_int_equal(cents("1.234"), 123400); /* a Dutch thousands separator */
	assert_int_equal(cents("1.234.567"), 123456700);
	assert_int_equal(cents(" 7 "), 700);
	assert_int_equal(cents("100000000"), PLAN_MAX_CENTS);
	long long v = 42;
	assert_int_equal(plan_parse_cents("", &v), PLAN_NUM_EMPTY);
	assert_int_equal(plan_parse_cents("  ", &v), PLAN_NUM_EMPTY);
	assert_int_equal(plan_parse_cents("€", &v), PLAN_NUM_EMPTY);
	assert_int_equal(plan_parse_cents("twaalf", &v), PLAN_NUM_BAD);
	assert_int_equal(plan_parse_cents("12a", &v), PLAN_NUM_BAD);
	assert_int_equal(plan_parse_cents("1e3", &v), PLAN_NUM_BAD);
	assert_int_equal(plan_parse_cents("12,505", &v), PLAN_NUM_PRECISION);
	assert_int_equal(plan_parse_cents("12.505", &v), PLAN_NUM_OK); /* Dutch thousands */
	v = 42;
	assert_int_equal(plan_parse_cents("1.23.4", &v), PLAN_NUM_BAD);
	assert_int_equal(plan_parse_cents("1.234.56", &v), PLAN_NUM_BAD);
	assert_int_equal(plan_parse_cents(",50", &v), PLAN_NUM_BAD);
	assert_int_equal(plan_parse_cents("12,", &v), PLAN_NUM_BAD);
	assert_int_equal(plan_parse_cents("+5", &v), PLAN_NUM_BAD);
	assert_int_equal(plan_parse_cents("-5", &v), PLAN_NUM_NEGATIVE);
	assert_int_equal(plan_parse_cents("€ -5,00", &v), PLAN_NUM_NEGATIVE);
	assert_int_equal(plan_parse_cents("1000000000000000", &v), PLAN_NUM_TOO_LARGE);
	assert_int_equal(plan_parse_cents("100000000,01", &v), PLAN_NUM_TOO_LARGE);
	assert_int_equal(plan_parse_cents("99999999999999999999999999", &v), PLAN_NUM_TOO_LARGE);
	assert_int_equal(v, 42); /* a refusal leaves the value alone */
}

static void test_hours_parsed_exactly(void **state)
{
	(void)state;
	assert_int_equal(minutes("3"), 180);
	assert_int_equal(minutes("1,5"), 90);
	assert_int_equal(minutes("1.25"), 75);
	assert_int_equal(minutes("0,75"), 45);
	assert_int_equal(minutes("1:30"), 90);
	assert_int_equal(minutes("2 uur"), 120);
	assert_int_equal(minutes("2u"), 120);
	assert_int_equal(minutes("0,05"), 3);
	assert_int_equal(minutes("100000"), PLAN_MAX_MINUTES);
	long long v = 42;
	assert_int_equal(plan_parse_minutes("", &v), PLAN_NUM_EMPTY);
	assert_int_equal(plan_parse_minutes("veel", &v), PLAN_NUM_BAD);
	assert_int_equal(plan_parse_minutes("1:75", &v), PLAN_NUM_BAD);
	assert_int_equal(plan_parse_minutes("1:5", &v), PLAN_NUM_BAD);
	assert_int_equal(plan_parse_minutes("1,", &v), PLAN_NUM_BAD);
	assert_int_equal(plan_parse_minutes("-2", &v), PLAN_NUM_NEGATIVE);
	assert_int_equal(plan_parse_minutes("0,333", &v), PLAN_NUM_PRECISION);
	assert_int_equal(plan_parse_minutes("1000000000000000", &v), PLAN_NUM_TOO_LARGE);
	assert_int_equal(plan_parse_minutes("100000,5", &v), PLAN_NUM_TOO_LARGE);
	assert_int_equal(v, 42);
}

static void test_totals_exact(void **state)
{
	(void)state;
	/* a thousand tasks of € 0,10 make exactly € 100,00 (no floating point) */
	struct plan_task v[1000];
	for (int i = 0; i < 1000; i++)
		v[i] = (struct plan_task){.status = i % 3 == 0   ? "done"
		                                    : i % 3 == 1 ? "busy"
		                                                 : "open",
		                          .due_on = i < 10 ? "2026-01-01" : "",
		                          .planned_cents = 10,
		                          .spent_cents = 1,
		                          .planned_minutes = 20,
		                          .spent_minutes = 1};
	struct plan_totals t;
	plan_totals_of(v, 1000, "2026-06-15", &t);
	assert_int_equal(t.planned_cents, 10000);
	assert_int_equal(t.spent_cents, 1000);
	assert_int_equal(t.planned_minutes, 20000);
	assert_int_equal(t.n_done, 334);
	assert_int_equal(t.n_busy, 333);
	assert_int_equal(t.n_open, 333);
	/* of the ten with a past date, four are done (0, 3, 6, 9) */
	assert_int_equal(t.n_overdue, 6);
}

/* ---- who may do what (the route table) ---- */

static void test_route_rules(void **state)
{
	(void)state;
	int n = 0;
	for (size_t i = 0; i < n_routes; i++) {
		const struct route *rt = &routes[i];
		const char *p = rt->pattern;
		if (!strstr(p, "/cycle") && !strstr(p, "/post-o") && !strstr(p, "/plan"))
			continue;
		n++;
		bool post = strcmp(rt->method, "POST") == 0;
		bool task = strstr(p, "/plan/:id2") && !strstr(p, "/delete");
		unsigned want = !post && !strstr(p, "/plan/") ? ROLES_ALL
		                : strstr(p, "/cycle") || task ? ROLES_EDIT
		                                              : ROLES_STAFF;
		assert_int_equal(rt->access, ACCESS_COMMUNITY);
		assert_int_equal(rt->roles, want);
		/* an adviser reads, and changes nothing */
		if (post)
			assert_int_equal(rt->roles & ROLE_ADVISEUR, 0);
	}
	assert_int_equal(n, 12);
}

/* ---- the core, against a database ---- */

static struct plan_task task(const char *title, long long owner)
{
	return (struct plan_task){
	    .title = title, .description = "", .status = "open", .due_on = "", .owner_id = owner};
}

static void test_task_refuses_foreign_ids(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	long long id = 0, other_goal = 0, goal = 0;
	struct plan_task t = task("Zaal regelen", f->amb);
	/* an owner who is no ambassadeur of this community, or of another organisation */
	t.owner_id = f->amb2;
	assert_int_equal(
	    plan_task_save(f->db, f->org_a, f->staff_a, ROLE_MEDEWERKER, f->community, &t, &id),
	    SAVE_NOT_FOUND);
	t.owner_id = f->admin_b;
	assert_int_equal(
	    plan_task_save(f->db, f->org_a, f->staff_a, ROLE_MEDEWERKER, f->community, &t, &id),
	    SAVE_NOT_FOUND);
	/* a goal of another community */
	assert_int_equal(goal_add(f->db, f->org_a, f->staff_a, ROLE_MEDEWERKER, f->other_community,
	                          "shared", "Elders", &other_goal),
	                 SAVE_OK);
	assert_int_equal(goal_add(f->db, f->org_a, f->staff_a, ROLE_MEDEWERKER, f->community,
	                          "shared", "Samen", &goal),
	                 SAVE_OK);
	t.owner_id = f->amb;
	t.goal_id = other_goal;
	assert_int_equal(
	    plan_task_save(f->db, f->org_a, f->staff_a, ROLE_MEDEWERKER, f->community, &t, &id),
	    SAVE_NOT_FOUND);
	t.goal_id = 0;
	t.subgoal_id = 999999;
	assert_int_equal(
	    plan_task_save(f->db, f->org_a, f->staff_a, ROLE_MEDEWERKER, f->community, &t, &id),
	    SAVE_NOT_FOUND);
	t.subgoal_id = 0;
	/* another organisation's community */
	assert_int_equal(
	    plan_task_save(f->db, f->org_b, f->admin_b, ROLE_BEHEERDER, f->community, &t, &id),
	    SAVE_NOT_FOUND);
	/* numbers and words out of range */
	t.planned_cents = PLAN_MAX_CENTS + 1;
	assert_int_equal(
	    plan_task_save(f->db, f->org_a, f->staff_a, ROLE_MEDEWERKER, f->community, &t, &id),
	    SAVE_REFUSED);
	t.planned_cents = -1;
	assert_int_equal(
	    plan_task_save(f->db, f->org_a, f->staff_a, ROLE_MEDEWERKER, f->community, &t, &id),
	    SAVE_REFUSED);
	t.planned_cents = 0;
	t.status = "later";
	assert_int_equal(
	    plan_task_save(f->db, f->org_a, f->staff_a, ROLE_MEDEWERKER, f->community, &t, &id),
	    SAVE_REFUSED);
	t.status = "open";
	t.due_on = "2026-02-30";
	assert_int_equal(
	    plan_task_save(f->db, f->org_a, f->staff_a, ROLE_MEDEWERKER, f->community, &t, &id),
	    SAVE_REFUSED);
	t.due_on = "2026-05-01";
	/* an ambassadeur adds no task */
	assert_int_equal(
	    plan_task_save(f->db, f->org_a, f->amb, ROLE_AMBASSADEUR, f->community, &t, &id),
	    SAVE_REFUSED);
	t.goal_id = goal;
	t.planned_cents = 1250;
	assert_int_equal(
	    plan_task_save(f->db, f->org_a, f->staff_a, ROLE_MEDEWERKER, f->community, &t, &id),
	    SAVE_OK);
	assert_int_equal(tdb_int(f->db, "SELECT COUNT(*) FROM plan_tasks"), 1);
	struct arena a;
	arena_init(&a);
	struct plan_task got;
	assert_int_equal(plan_task_get(f->db, &a, f->org_a, f->community, id, &got), 1);
	assert_string_equal(got.owner, "Amira Ambassadeur");
	assert_true(got.owner_is_amb);
	assert_string_equal(got.serves, "Samen");
	assert_int_equal(got.planned_cents, 1250);
	assert_int_equal(plan_task_get(f->db, &a, f->org_a, f->other_community, id, &got), 0);
	assert_int_equal(plan_task_get(f->db, &a, f->org_b, f->community, id, &got), 0);
	assert_int_equal(plan_task_delete(f->db, f->org_a, f->staff_a, f->other_community, id, 1),
	                 SAVE_NOT_FOUND);
	assert_int_equal(plan_task_delete(f->db, f->org_b, f->admin_b, f->community, id, 1),
	                 SAVE_NOT_FOUND);
	arena_free(&a);
	fx_close(f);
}

static void test_ambassador_edits_own_task_and_conflicts(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	long long mine = 0, theirs = 0;
	struct plan_task t = task("Flyers maken", f->amb);
	assert_int_equal(
	    plan_task_save(f->db, f->org_a, f->staff_a, ROLE_MEDEWERKER, f->community, &t, &mine),
	    SAVE_OK);
	t = task("Koffie", f->staff_a);
	assert_int_equal(
	    plan_task_save(f->db, f->org_a, f->staff_a, ROLE_MEDEWERKER, f->community, &t, &theirs),
	    SAVE_OK);
	struct arena a;
	arena_init(&a);
	struct plan_task got;
	assert_int_equal(plan_task_get(f->db, &a, f->org_a, f->community, theirs, &got), 1);
	assert_false(plan_task_may_edit(ROLE_AMBASSADEUR, f->amb, &got));
	assert_true(plan_task_may_edit(ROLE_MEDEWERKER, f->staff_a, &got));
	/* the ambassadeur changes their own task, but not someone else's */
	t = task("Koffie", f->amb);
	t.id = theirs;
	t.version = 1;
	assert_int_equal(
	    plan_task_save(f->db, f->org_a, f->amb, ROLE_AMBASSADEUR, f->community, &t, NULL),
	    SAVE_REFUSED);
	t = task("Flyers maken en rondbrengen", f->amb);
	t.id = mine;
	t.version = 1;
	t.status = "busy";
	t.spent_minutes = 90;
	assert_int_equal(
	    plan_task_save(f->db, f->org_a, f->amb, ROLE_AMBASSADEUR, f->community, &t, NULL),
	    SAVE_OK);
	/* nor gives it away */
	t.version = 2;
	t.owner_id = f->staff_a;
	assert_int_equal(
	    plan_task_save(f->db, f->org_a, f->amb, ROLE_AMBASSADEUR, f->community, &t, NULL),
	    SAVE_REFUSED);
	/* two people start from version 2: the second gets a conflict, nothing is written */
	t.owner_id = f->amb;
	t.status = "done";
	assert_int_equal(
	    plan_task_save(f->db, f->org_a, f->staff_a, ROLE_MEDEWERKER, f->community, &t, NULL),
	    SAVE_OK);
	t.status = "open";
	assert_int_equal(
	    plan_task_save(f->db, f->org_a, f->amb, ROLE_AMBASSADEUR, f->community, &t, NULL),
	    SAVE_CONFLICT);
	assert_int_equal(plan_task_get(f->db, &a, f->org_a, f->community, mine, &got), 1);
	assert_string_equal(got.status, "done");
	assert_int_equal(got.version, 3);
	assert_int_equal(got.spent_minutes, 90);
	/* a delete names the version it saw */
	assert_int_equal(plan_task_delete(f->db, f->org_a, f->staff_a, f->community, mine, 2),
	                 SAVE_CONFLICT);
	assert_int_equal(plan_task_delete(f->db, f->org_a, f->staff_a, f->community, mine, 3),
	                 SAVE_OK);
	assert_int_equal(
	    tdb_int(f->db, "SELECT COUNT(*) FROM audit_log WHERE action = 'plan.delete'"), 1);
	arena_free(&a);
	fx_close(f);
}

static void test_posto_versions_and_conflict(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct posto p = {.people = "Jonge ouders", .strategy = "", .objectives = ""};
	long long v = 0;
	assert_int_equal(posto_save(f->db, f->org_a, f->staff_a, f->community, &p, &v), SAVE_OK);
	assert_int_equal(v, 1);
	/* a second "first" POST-O is a conflict: someone wrote one meanwhile */
	assert_int_equal(posto_save(f->db, f->org_a, f->staff_a2, f->community, &p, &v),
	                 SAVE_CONFLICT);
	p.version = 1;
	p.strategy = "Elke maand een ochtend";
	assert_int_equal(posto_save(f->db, f->org_a, f->staff_a, f->community, &p, &v), SAVE_OK);
	assert_int_equal(v, 2);
	p.strategy = "Iets anders";
	assert_int_equal(posto_save(f->db, f->org_a, f->staff_a2, f->community, &p, &v),
	                 SAVE_CONFLICT);
	struct arena a;
	arena_init(&a);
	struct posto got, *vs;
	size_t n;
	assert_int_equal(posto_get(f->db, &a, f->org_a, f->community, &got), 1);
	assert_string_equal(got.strategy, "Elke maand een ochtend");
	assert_string_equal(got.technology, "");
	assert_int_equal(posto_versions(f->db, &a, f->org_a, f->community, &vs, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(vs[1].strategy, "");
	/* another community's or organisation's view finds nothing */
	assert_int_equal(posto_get(f->db, &a, f->org_a, f->other_community, &got), 0);
	assert_int_equal(posto_get(f->db, &a, f->org_b, f->community, &got), 0);
	p.version = 0;
	assert_int_equal(posto_save(f->db, f->org_b, f->admin_b, f->community, &p, &v),
	                 SAVE_NOT_FOUND);
	arena_free(&a);
	fx_close(f);
}

static void test_cycle_rounds_and_conditions(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	static const char *const path[] = {"activity", "knowledge", "ownership",
	                                   "impact",   "activity",  "knowledge"};
	for (int i = 0; i < 6; i++) {
		char on[16];
		snprintf(on, sizeof(on), "2025-0%d-01", i + 1);
		assert_int_equal(
		    cycle_move_to(f->db, f->org_a, f->amb, f->community, path[i], on, "Bewijs"),
		    SAVE_OK);
	}
	/* a step back keeps the round */
	assert_int_equal(cycle_move_to(f->db, f->org_a, f->staff_a, f->community, "activity",
	                               "2025-07-01", "Terug"),
	                 SAVE_OK);
	struct arena a;
	arena_init(&a);
	struct cycle_move cur, *hist;
	size_t n;
	assert_int_equal(cycle_current(f->db, &a, f->org_a, f->community, &cur), 1);
	assert_string_equal(cur.stage, "activity");
	assert_int_equal(cur.round, 2);
	assert_int_equal(cycle_history(f->db, &a, f->org_a, f->community, &hist, &n), 0);
	assert_int_equal(n, 7);
	assert_int_equal(hist[2].round, 2); /* activity again after impact: round two */
	assert_int_equal(hist[3].round, 1);
	/* refusals: unknown stage, a future or impossible date, another org */
	assert_int_equal(
	    cycle_move_to(f->db, f->org_a, f->amb, f->community, "fun", "2025-01-01", ""),
	    SAVE_REFUSED);
	assert_int_equal(
	    cycle_move_to(f->db, f->org_a, f->amb, f->community, "impact", "2999-01-01", ""),
	    SAVE_REFUSED);
	assert_int_equal(
	    cycle_move_to(f->db, f->org_a, f->amb, f->community, "impact", "2025-02-30", ""),
	    SAVE_REFUSED);
	assert_int_equal(
	    cycle_move_to(f->db, f->org_b, f->admin_b, f->community, "impact", "2025-01-01", ""),
	    SAVE_NOT_FOUND);
	assert_int_equal(cycle_current(f->db, &a, f->org_a, f->other_community, &cur), 0);
	/* conditions: every rating kept, newest first */
	assert_int_equal(cycle_rate(f->db, f->org_a, f->amb, f->community, "access", "weak",
	                            "2025-01-10", "Weinig boeken"),
	                 SAVE_OK);
	assert_int_equal(cycle_rate(f->db, f->org_a, f->amb, f->community, "access", "strong",
	                            "2025-03-10", "Collectie erbij"),
	                 SAVE_OK);
	assert_int_equal(
	    cycle_rate(f->db, f->org_a, f->amb, f->community, "access", "great", "2025-03-10", ""),
	    SAVE_REFUSED);
	assert_int_equal(
	    cycle_rate(f->db, f->org_a, f->amb, f->community, "money", "weak", "2025-03-10", ""),
	    SAVE_REFUSED);
	assert_int_equal(cycle_rate(f->db, f->org_b, f->admin_b, f->community, "access", "weak",
	                            "2025-03-10", ""),
	                 SAVE_NOT_FOUND);
	struct cycle_rating *r;
	assert_int_equal(cycle_rating_list(f->db, &a, f->org_a, f->community, &r, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(r[0].rating, "strong");
	assert_string_equal(r[1].rating, "weak");
	arena_free(&a);
	fx_close(f);
}

/* ---- the plan's signals ---- */

static bool fires(struct fx *f, int kind, long long community, const char *today, long long *n1,
                  long long *n2)
{
	struct arena a;
	arena_init(&a);
	struct signal_facts facts;
	assert_int_equal(signals_compute(f->db, &a, f->org_a, 0, today, &facts), 0);
	bool yes = false;
	for (size_t i = 0; i < facts.n; i++)
		if (facts.v[i].kind == kind && facts.v[i].community_id == community) {
			yes = true;
			if (n1)
				*n1 = facts.v[i].n1;
			if (n2)
				*n2 = facts.v[i].n2;
		}
	arena_free(&a);
	return yes;
}

static long long differences(struct fx *f)
{
	char today[16];
	signal_today(today);
	long long d = -1;
	assert_int_equal(signals_check(f->db, today, &d), 0);
	return d;
}

static void test_plan_signals_fire_and_stay_quiet(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	long long id = 0, n1 = 0, n2 = 0;
	struct plan_task t = task("Zaal regelen", f->staff_a);
	t.due_on = "2026-06-01";
	t.planned_minutes = 120;
	t.spent_minutes = 120;
	t.planned_cents = 5000;
	t.spent_cents = 5000;
	assert_int_equal(
	    plan_task_save(f->db, f->org_a, f->staff_a, ROLE_MEDEWERKER, f->community, &t, &id),
	    SAVE_OK);
	/* on its date and before: quiet; spent exactly what was planned: quiet */
	assert_false(fires(f, SIG_PLAN_OVERDUE, f->community, "2026-06-01", NULL, NULL));
	assert_false(fires(f, SIG_PLAN_HOURS_OVER, f->community, "2026-06-01", NULL, NULL));
	assert_false(fires(f, SIG_PLAN_MONEY_OVER, f->community, "2026-06-01", NULL, NULL));
	/* the day after: overdue */
	assert_true(fires(f, SIG_PLAN_OVERDUE, f->community, "2026-06-02", &n1, NULL));
	assert_int_equal(n1, 1);
	assert_int_equal(differences(f), 0);
	/* one minute and one cent more than planned */
	t.id = id;
	t.version = 1;
	t.spent_minutes = 121;
	t.spent_cents = 5001;
	assert_int_equal(
	    plan_task_save(f->db, f->org_a, f->staff_a, ROLE_MEDEWERKER, f->community, &t, NULL),
	    SAVE_OK);
	assert_true(fires(f, SIG_PLAN_HOURS_OVER, f->community, "2026-06-01", &n1, &n2));
	assert_int_equal(n1, 121);
	assert_int_equal(n2, 120);
	assert_true(fires(f, SIG_PLAN_MONEY_OVER, f->community, "2026-06-01", &n1, &n2));
	assert_int_equal(n1, 5001);
	assert_int_equal(n2, 5000);
	assert_int_equal(differences(f), 0);
	/* done: no longer overdue; nothing planned: no "over plan" */
	t.version = 2;
	t.status = "done";
	t.planned_minutes = 0;
	t.planned_cents = 0;
	assert_int_equal(
	    plan_task_save(f->db, f->org_a, f->staff_a, ROLE_MEDEWERKER, f->community, &t, NULL),
	    SAVE_OK);
	assert_false(fires(f, SIG_PLAN_OVERDUE, f->community, "2026-06-02", NULL, NULL));
	assert_false(fires(f, SIG_PLAN_HOURS_OVER, f->community, "2026-06-02", NULL, NULL));
	assert_false(fires(f, SIG_PLAN_MONEY_OVER, f->community, "2026-06-02", NULL, NULL));
	/* another community's plan is its own */
	assert_false(fires(f, SIG_PLAN_OVERDUE, f->other_community, "2026-06-02", NULL, NULL));
	assert_int_equal(differences(f), 0);
	/* the kept table follows a delete */
	t.version = 3;
	t.status = "open";
	assert_int_equal(
	    plan_task_save(f->db, f->org_a, f->staff_a, ROLE_MEDEWERKER, f->community, &t, NULL),
	    SAVE_OK);
	assert_int_equal(plan_task_delete(f->db, f->org_a, f->staff_a, f->community, id, 4),
	                 SAVE_OK);
	assert_int_equal(tdb_int(f->db, "SELECT COUNT(*) FROM signals WHERE kind LIKE 'plan_%'"),
	                 0);
	assert_int_equal(differences(f), 0);
	fx_close(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_money_parsed_exactly),
	    cmocka_unit_test(test_hours_parsed_exactly),
	    cmocka_unit_test(test_totals_exact),
	    cmocka_unit_test(test_route_rules),
	    cmocka_unit_test(test_task_refuses_foreign_ids),
	    cmocka_unit_test(test_ambassador_edits_own_task_and_conflicts),
	    cmocka_unit_test(test_posto_versions_and_conflict),
	    cmocka_unit_test(test_cycle_rounds_and_conditions),
	    cmocka_unit_test(test_plan_signals_fire_and_stay_quiet),
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
