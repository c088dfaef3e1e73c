/*
 * test_activity.c - activities (core/activity.c): the summaries
 * activity_months and community_activity_months stay equal to a recompute
 * from raw rows through create, edit, move between communities, confirm
 * and delete; refusals of impossible values and of ids that are not the
 * org's (or not the ambassadeur's); what an ambassadeur sees; conflicts;
 * audit and search. Runs on SQLite, and again on PostgreSQL when
 * KRING_TEST_PG names a cluster.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "community_fixture.h"
#include "core/activity.h"
#include "core/action.h"
#include "core/conversation.h"
#include "core/partner.h"
#include "core/timeline.h"

static long long count(struct fx *f, const char *sql)
{
	long long n = -1;
	assert_int_equal(db_query_int_(f->db, sql, DB_NOARGS, &n), DB_ROW);
	return n;
}

static void assert_summaries_right(struct fx *f)
{
	long long diff = -1;
	assert_int_equal(activity_summaries_check(f->db, 0, &diff), 0);
	assert_int_equal(diff, 0);
}

static long long branch_of(struct fx *f, long long org, const char *name)
{
	assert_int_equal(branch_add(f->db, org, 0, name, "Plaats"), SAVE_OK);
	long long id = 0;
	assert_int_equal(db_query_int_(f->db, "SELECT MAX(id) FROM branches", DB_NOARGS, &id),
	                 DB_ROW);
	return id;
}

/* A held activity of one community on date, made, with n participants. */
static struct activity act_of(struct activity_ref *c, const char *date, const char *made,
                              long long n)
{
	return (struct activity){.title = "Taalcafé",
	                         .held_on = date,
	                         .made = made,
	                         .status = n >= 0 ? "held" : "planned",
	                         .participants = n,
	                         .communities = c,
	                         .n_communities = 1};
}

static long long cmonth(struct fx *f, long long community, const char *month, const char *made,
                        int participants)
{
	long long n = -1;
	int rc = participants
	             ? db_query_int_(f->db,
	                             "SELECT COALESCE(SUM(participants), 0) FROM"
	                             " community_activity_months WHERE community_id = ?1"
	                             " AND month = ?2 AND made = ?3",
	                             DB_ARGS(DB_INT(community), DB_TEXT(month), DB_TEXT(made)), &n)
	             : db_query_int_(f->db,
	                             "SELECT COALESCE(SUM(activities), 0) FROM"
	                             " community_activity_months WHERE community_id = ?1"
	                             " AND month = ?2 AND made = ?3",
	                             DB_ARGS(DB_INT(community), DB_TEXT(month), DB_TEXT(made)), &n);
	assert_int_equal(rc, DB_ROW);
	return n;
}

static void test_summaries_follow_every_change(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	enum activity_problem why;
	long long branch = branch_of(f, f->org_a, "Centrale");
	struct activity_ref c1 = {.id = f->community}, c2 = {.id = f->other_community};
	struct activity_ref both[] = {{.id = f->community}, {.id = f->other_community}};

	/* three held, one planned, one cancelled */
	long long ids[5];
	struct activity x = act_of(&c1, "2026-03-03", "voor", 12);
	x.branch_id = branch;
	assert_int_equal(activity_create(f->db, f->org_a, f->staff_a, 0, &x, &ids[0], &why),
	                 SAVE_OK);
	x = act_of(&c1, "2026-03-17", "door", 20);
	assert_int_equal(activity_create(f->db, f->org_a, f->staff_a, 0, &x, &ids[1], &why),
	                 SAVE_OK);
	x = act_of(both, "2026-04-02", "met", 7);
	x.n_communities = 2;
	assert_int_equal(activity_create(f->db, f->org_a, f->staff_a, 0, &x, &ids[2], &why),
	                 SAVE_OK);
	x = act_of(&c2, "2026-04-20", "door", -1);
	assert_int_equal(activity_create(f->db, f->org_a, f->staff_a, 0, &x, &ids[3], &why),
	                 SAVE_OK);
	x = act_of(&c2, "2026-04-21", "voor", -1);
	x.status = "cancelled";
	assert_int_equal(activity_create(f->db, f->org_a, f->staff_a, 0, &x, &ids[4], &why),
	                 SAVE_OK);
	assert_summaries_right(f);
	assert_int_equal(cmonth(f, f->community, "2026-03", "door", 0), 1);
	assert_int_equal(cmonth(f, f->community, "2026-03", "door", 1), 20);
	assert_int_equal(cmonth(f, f->other_community, "2026-04", "met", 0), 1);
	assert_int_equal(cmonth(f, f->other_community, "2026-04", "door", 0), 0); /* planned */
	long long counts[3];
	assert_int_equal(activity_made_counts(f->db, f->org_a, f->community, "2026-01", counts), 0);
	assert_int_equal(counts[0], 1);
	assert_int_equal(counts[1], 1);
	assert_int_equal(counts[2], 1);

	/* edit: another month, another way of making, another count */
	struct activity e;
	assert_int_equal(activity_get(f->db, &a, f->org_a, 0, ids[1], &e), 1);
	e.held_on = "2026-05-09";
	e.made = "met";
	e.participants = 25;
	assert_int_equal(activity_update(f->db, f->org_a, f->staff_a2, 0, &e, &why), SAVE_OK);
	assert_summaries_right(f);
	assert_int_equal(cmonth(f, f->community, "2026-03", "door", 0), 0);
	assert_int_equal(cmonth(f, f->community, "2026-05", "met", 1), 25);

	/* move between communities: from c1 to c2 */
	assert_int_equal(activity_get(f->db, &a, f->org_a, 0, ids[0], &e), 1);
	e.communities = &c2;
	e.n_communities = 1;
	assert_int_equal(activity_update(f->db, f->org_a, f->staff_a, 0, &e, &why), SAVE_OK);
	assert_summaries_right(f);
	assert_int_equal(cmonth(f, f->community, "2026-03", "voor", 0), 0);
	assert_int_equal(cmonth(f, f->other_community, "2026-03", "voor", 1), 12);

	/* confirm the planned one with the real count; an old version conflicts */
	assert_int_equal(activity_get(f->db, &a, f->org_a, 0, ids[3], &e), 1);
	assert_int_equal(activity_confirm(f->db, f->org_a, f->staff_a, 0, ids[3], e.version, -1),
	                 SAVE_REFUSED);
	assert_int_equal(
	    activity_confirm(f->db, f->org_a, f->staff_a, 0, ids[3], e.version, 1000000000000LL),
	    SAVE_REFUSED);
	assert_int_equal(activity_confirm(f->db, f->org_a, f->staff_a, 0, ids[3], e.version, 9),
	                 SAVE_OK);
	assert_int_equal(activity_confirm(f->db, f->org_a, f->staff_a, 0, ids[3], e.version, 10),
	                 SAVE_CONFLICT);
	assert_summaries_right(f);
	assert_int_equal(cmonth(f, f->other_community, "2026-04", "door", 1), 9);

	/* held to cancelled and back */
	assert_int_equal(activity_get(f->db, &a, f->org_a, 0, ids[2], &e), 1);
	e.status = "cancelled";
	assert_int_equal(activity_update(f->db, f->org_a, f->staff_a, 0, &e, &why), SAVE_OK);
	assert_summaries_right(f);
	assert_int_equal(cmonth(f, f->community, "2026-04", "met", 0), 0);

	/* delete: asks for the version it saw; the counts go down */
	assert_int_equal(activity_get(f->db, &a, f->org_a, 0, ids[0], &e), 1);
	assert_int_equal(activity_delete(f->db, f->org_a, f->staff_a, 0, ids[0], e.version + 1),
	                 SAVE_CONFLICT);
	assert_int_equal(activity_delete(f->db, f->org_a, f->staff_a, 0, ids[0], e.version),
	                 SAVE_OK);
	assert_summaries_right(f);
	assert_int_equal(cmonth(f, f->other_community, "2026-03", "voor", 0), 0);
	assert_int_equal(
	    count(f, "SELECT COUNT(*) FROM audit_log WHERE action = 'activity.delete'"), 1);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM search_docs WHERE kind = 'activity'"), 4);

	/* a summary that was tampered with is found */
	assert_int_equal(db_exec_(f->db,
	                          "UPDATE activity_months SET participants = participants + 1",
	                          DB_NOARGS),
	                 DB_OK);
	long long diff = 0;
	assert_int_equal(activity_summaries_check(f->db, f->org_a, &diff), 0);
	assert_true(diff > 0);
	arena_free(&a);
	fx_close(f);
}

static void test_refusals_and_foreign_ids(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	enum activity_problem why;
	struct activity_ref c1 = {.id = f->community};
	long long before = count(f, "SELECT COUNT(*) FROM activities");

	/* values that cannot be */
	struct activity x = act_of(&c1, "2026-02-31", "met", 5);
	assert_int_equal(activity_create(f->db, f->org_a, f->staff_a, 0, &x, NULL, &why),
	                 SAVE_REFUSED);
	assert_int_equal(why, ACT_BAD_DATE);
	x = act_of(&c1, "2026-02-28", "met", -5);
	assert_int_equal(activity_create(f->db, f->org_a, f->staff_a, 0, &x, NULL, &why),
	                 SAVE_REFUSED);
	assert_int_equal(why, ACT_BAD_COUNT);
	x = act_of(&c1, "2026-02-28", "met", 1000000000000LL);
	assert_int_equal(activity_create(f->db, f->org_a, f->staff_a, 0, &x, NULL, &why),
	                 SAVE_REFUSED);
	assert_int_equal(why, ACT_BAD_COUNT);
	char *long_title = malloc(100001);
	memset(long_title, 'a', 100000);
	long_title[100000] = '\0';
	x = act_of(&c1, "2026-02-28", "met", 5);
	x.title = long_title;
	assert_int_equal(activity_create(f->db, f->org_a, f->staff_a, 0, &x, NULL, &why),
	                 SAVE_REFUSED);
	assert_int_equal(why, ACT_BAD_TITLE);
	free(long_title);
	x = act_of(&c1, "2026-02-28", "samen", 5);
	assert_int_equal(activity_create(f->db, f->org_a, f->staff_a, 0, &x, NULL, &why),
	                 SAVE_REFUSED);
	x = act_of(&c1, "2026-02-28", "met", 5);
	x.starts_at = "20:00";
	x.ends_at = "19:00";
	assert_int_equal(activity_create(f->db, f->org_a, f->staff_a, 0, &x, NULL, &why),
	                 SAVE_REFUSED);
	assert_int_equal(why, ACT_BAD_TIME);
	x = act_of(&c1, "2026-02-28", "met", 5);
	x.n_communities = 0;
	assert_int_equal(activity_create(f->db, f->org_a, f->staff_a, 0, &x, NULL, &why),
	                 SAVE_REFUSED);
	assert_int_equal(why, ACT_NO_COMMUNITY);

	/* ids of another organisation, each refused and nothing written */
	struct activity_ref cb = {.id = f->community_b};
	x = act_of(&cb, "2026-02-28", "met", 5);
	assert_int_equal(activity_create(f->db, f->org_a, f->staff_a, 0, &x, NULL, &why),
	                 SAVE_NOT_FOUND);
	assert_int_equal(why, ACT_FOREIGN_COMMUNITY);
	x = act_of(&c1, "2026-02-28", "met", 5);
	x.branch_id = branch_of(f, f->org_b, "Filiaal B");
	assert_int_equal(activity_create(f->db, f->org_a, f->staff_a, 0, &x, NULL, &why),
	                 SAVE_NOT_FOUND);
	assert_int_equal(why, ACT_FOREIGN_BRANCH);
	struct activity_ref who[] = {{.id = f->admin_b}, {.id = f->amb}, {.id = f->adviser}};
	for (int i = 0; i < 3; i++) { /* staff only, of this org */
		x = act_of(&c1, "2026-02-28", "met", 5);
		x.staff = &who[i];
		x.n_staff = 1;
		assert_int_equal(activity_create(f->db, f->org_a, f->staff_a, 0, &x, NULL, &why),
		                 SAVE_NOT_FOUND);
		assert_int_equal(why, ACT_FOREIGN_STAFF);
	}
	struct partner pb = {.name = "Partner van B", .kind = "welzijn"};
	long long pid = 0;
	assert_int_equal(partner_create(f->db, f->org_b, 0, &pb, NULL, 0, &pid), SAVE_OK);
	struct activity_ref pr = {.id = pid};
	x = act_of(&c1, "2026-02-28", "met", 5);
	x.partners = &pr;
	x.n_partners = 1;
	assert_int_equal(activity_create(f->db, f->org_a, f->staff_a, 0, &x, NULL, &why),
	                 SAVE_NOT_FOUND);
	assert_int_equal(why, ACT_FOREIGN_PARTNER);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM activities"), before);
	arena_free(&a);
	fx_close(f);
}

static void test_ambassadeur_own_communities_only(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	enum activity_problem why;
	struct activity_ref mine = {.id = f->community}, other = {.id = f->other_community};
	struct activity_ref both[] = {{.id = f->community}, {.id = f->other_community}};

	/* she may name her own community, not another of the org */
	long long id = 0, foreign = 0, shared = 0;
	struct activity x = act_of(&mine, "2026-06-01", "door", 30);
	assert_int_equal(activity_create(f->db, f->org_a, f->amb, f->amb, &x, &id, &why), SAVE_OK);
	x = act_of(&other, "2026-06-01", "door", 30);
	assert_int_equal(activity_create(f->db, f->org_a, f->amb, f->amb, &x, NULL, &why),
	                 SAVE_NOT_FOUND);
	assert_int_equal(why, ACT_FOREIGN_COMMUNITY);
	/* what staff records for another community she does not see */
	assert_int_equal(activity_create(f->db, f->org_a, f->staff_a, 0, &x, &foreign, &why),
	                 SAVE_OK);
	struct activity got;
	assert_int_equal(activity_get(f->db, &a, f->org_a, f->amb, foreign, &got), 0);
	assert_int_equal(activity_get(f->db, &a, f->org_a, f->amb2, id, &got), 0);
	assert_int_equal(activity_get(f->db, &a, f->org_a, f->amb, id, &got), 1);
	assert_string_equal(got.who, "Amira Ambassadeur"); /* attributed by name */
	assert_int_equal(activity_delete(f->db, f->org_a, f->amb, f->amb, foreign, 1),
	                 SAVE_NOT_FOUND);
	struct activity_filter fl = {.made = "", .from = "", .to = ""};
	struct activity *v;
	size_t n;
	long long total;
	assert_int_equal(activity_list(f->db, &a, f->org_a, f->amb, &fl, 0, 0, &v, &n, &total), 0);
	assert_int_equal(total, 1);
	assert_int_equal(activity_list(f->db, &a, f->org_a, 0, &fl, 0, 0, &v, &n, &total), 0);
	assert_int_equal(total, 2);
	struct activity_ref *cs;
	assert_int_equal(activity_community_choices(f->db, &a, f->org_a, f->amb, &cs, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(cs[0].id, f->community);

	/* a shared activity: her change keeps the community that is not hers */
	x = act_of(both, "2026-06-02", "met", 10);
	x.n_communities = 2;
	assert_int_equal(activity_create(f->db, f->org_a, f->staff_a, 0, &x, &shared, &why),
	                 SAVE_OK);
	assert_int_equal(activity_get(f->db, &a, f->org_a, f->amb, shared, &got), 1);
	got.communities = &mine;
	got.n_communities = 1;
	got.outcome = "Goed gegaan";
	assert_int_equal(activity_update(f->db, f->org_a, f->amb, f->amb, &got, &why), SAVE_OK);
	assert_int_equal(activity_get(f->db, &a, f->org_a, 0, shared, &got), 1);
	assert_int_equal(got.n_communities, 2);
	assert_summaries_right(f);

	/* two people edit: the second, from the old version, gets a conflict */
	struct activity one, two;
	assert_int_equal(activity_get(f->db, &a, f->org_a, 0, id, &one), 1);
	two = one;
	one.title = "Verhalenavond";
	assert_int_equal(activity_update(f->db, f->org_a, f->staff_a, 0, &one, &why), SAVE_OK);
	two.title = "Kookavond";
	assert_int_equal(activity_update(f->db, f->org_a, f->amb, f->amb, &two, &why),
	                 SAVE_CONFLICT);
	assert_int_equal(activity_get(f->db, &a, f->org_a, 0, id, &got), 1);
	assert_string_equal(got.title, "Verhalenavond");
	arena_free(&a);
	fx_close(f);
}

static void test_timeline_has_activities_and_measurements(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	enum activity_problem why;
	struct activity_ref c1 = {.id = f->community};
	struct activity x = act_of(&c1, "2026-03-03", "door", 12);
	x.title = "Kookavond";
	assert_int_equal(activity_create(f->db, f->org_a, f->staff_a, 0, &x, NULL, &why), SAVE_OK);
	x = act_of(&c1, "2026-03-04", "voor", -1);
	x.title = "Afgelast feest";
	x.status = "cancelled";
	assert_int_equal(activity_create(f->db, f->org_a, f->staff_a, 0, &x, NULL, &why), SAVE_OK);
	long long goal = 0, sub = 0;
	assert_int_equal(db_query_int_(f->db,
	                               "INSERT INTO goals (org_id, community_id, kind, text,"
	                               " created_at, updated_at) VALUES (?1, ?2, 'shared',"
	                               " 'Samen koken', 0, 0) RETURNING id",
	                               DB_ARGS(DB_INT(f->org_a), DB_INT(f->community)), &goal),
	                 DB_ROW);
	assert_int_equal(
	    db_query_int_(f->db,
	                  "INSERT INTO subgoals (org_id, community_id, goal_id, title,"
	                  " measure, created_at, updated_at) VALUES (?1, ?2, ?3,"
	                  " 'Tien kookavonden', 'custom', 0, 0) RETURNING id",
	                  DB_ARGS(DB_INT(f->org_a), DB_INT(f->community), DB_INT(goal)), &sub),
	    DB_ROW);
	assert_int_equal(
	    db_exec_(f->db,
	             "INSERT INTO measurements (org_id, subgoal_id, measured_on, value,"
	             " created_at) VALUES (?1, ?2, '2026-03-10', 4, 0)",
	             DB_ARGS(DB_INT(f->org_a), DB_INT(sub))),
	    DB_OK);
	struct timeline_entry *tl;
	size_t n;
	assert_int_equal(community_timeline(f->db, &a, f->org_a, f->community, &tl, &n), 0);
	int acts = 0, meas = 0;
	for (size_t i = 0; i < n; i++) {
		if (tl[i].kind == TL_ACTIVITY) {
			acts++;
			assert_string_equal(tl[i].text, "Kookavond"); /* not the cancelled one */
			assert_string_equal(tl[i].detail, "door");
		}
		if (tl[i].kind == TL_MEASUREMENT) {
			meas++;
			assert_string_equal(tl[i].text, "Tien kookavonden");
			assert_string_equal(tl[i].detail, "4");
			assert_string_equal(tl[i].date, "2026-03-10");
		}
	}
	assert_int_equal(acts, 1);
	assert_int_equal(meas, 1);
	/* another community's timeline has neither */
	assert_int_equal(community_timeline(f->db, &a, f->org_a, f->other_community, &tl, &n), 0);
	for (size_t i = 0; i < n; i++)
		assert_true(tl[i].kind != TL_ACTIVITY && tl[i].kind != TL_MEASUREMENT);
	arena_free(&a);
	fx_close(f);
}

/* issue 9: an action point owned by an ambassadeur of the community, or by a partner */
static void test_action_point_owners(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	struct partner pa = {.name = "Wijkvereniging", .kind = "vereniging"};
	struct partner pb = {.name = "Partner van B", .kind = "welzijn"};
	long long p = 0, foreign = 0, conv = 0, id = 0;
	assert_int_equal(partner_create(f->db, f->org_a, 0, &pa, NULL, 0, &p), SAVE_OK);
	assert_int_equal(partner_create(f->db, f->org_b, 0, &pb, NULL, 0, &foreign), SAVE_OK);
	struct conversation c = {.held_on = "2026-03-01",
	                         .kind = "groepsgesprek",
	                         .community_id = f->community,
	                         .subject = "Plannen"};
	struct action_new aps[] = {{.text = "Zaal regelen", .owner_partner_id = p},
	                           {.text = "Buren uitnodigen", .owner_id = f->amb}};
	assert_int_equal(conversation_create(f->db, f->org_a, f->staff_a, &c, aps, 2, &conv),
	                 SAVE_OK);
	struct action_point *v;
	size_t n;
	assert_int_equal(action_list(f->db, &a, f->org_a, conv, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].owner_partner_id, p);
	assert_string_equal(v[0].owner_name, "Wijkvereniging");
	assert_false(v[0].owner_gone);
	assert_int_equal(v[1].owner_id, f->amb);
	assert_string_equal(v[1].owner_name, "Amira Ambassadeur");
	assert_false(v[1].owner_gone); /* an ambassadeur of this community is no gone owner */
	/* refused: a partner of another org, an ambassadeur of another community */
	struct action_new bad = {.text = "Bellen", .owner_partner_id = foreign};
	assert_int_equal(action_add(f->db, f->org_a, f->staff_a, conv, &bad, &id), SAVE_NOT_FOUND);
	bad = (struct action_new){.text = "Bellen", .owner_id = f->amb2};
	assert_int_equal(action_add(f->db, f->org_a, f->staff_a, conv, &bad, &id), SAVE_NOT_FOUND);
	/* changed to a partner and back to staff */
	struct action_new to_partner = {.text = "Buren uitnodigen", .owner_partner_id = p};
	assert_int_equal(
	    action_update(f->db, f->org_a, f->staff_a, conv, v[1].id, &to_partner, v[1].version),
	    SAVE_OK);
	struct action_point got;
	assert_int_equal(action_get(f->db, &a, f->org_a, conv, v[1].id, &got), 1);
	assert_int_equal(got.owner_id, 0);
	assert_int_equal(got.owner_partner_id, p);
	/* the ambassadeur detached: her open point has a gone owner, to hand over */
	struct action_new again = {.text = "Buren uitnodigen", .owner_id = f->amb};
	assert_int_equal(
	    action_update(f->db, f->org_a, f->staff_a, conv, v[1].id, &again, got.version),
	    SAVE_OK);
	assert_int_equal(db_exec_(f->db, "DELETE FROM community_ambassadors", DB_NOARGS), DB_OK);
	assert_int_equal(action_get(f->db, &a, f->org_a, conv, v[1].id, &got), 1);
	assert_true(got.owner_gone);
	struct action_owner *gone;
	assert_int_equal(action_gone_owners(f->db, &a, f->org_a, &gone, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(gone[0].person_id, f->amb);
	arena_free(&a);
	fx_close(f);
}

static int run_all(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_summaries_follow_every_change),
	    cmocka_unit_test(test_refusals_and_foreign_ids),
	    cmocka_unit_test(test_ambassadeur_own_communities_only),
	    cmocka_unit_test(test_timeline_has_activities_and_measurements),
	    cmocka_unit_test(test_action_point_owners),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

int main(void)
{
	int rc = run_all();
	const char *base = pgtest_base();
	if (base == NULL) {
		fprintf(stderr,
		        "KRING_TEST_PG is not set: the activity tests ran on SQLite only\n");
		return rc;
	}
	setenv("KRING_FX_PG", base, 1);
	return rc | run_all();
}
