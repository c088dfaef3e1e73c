/*
 * test_community_access.c - the route table's access rules for every
 * community and scan route, run as whole requests (server_handle_test):
 * logged out, another organisation, each role, and an ambassadeur on a
 * community they are or are not attached to. Also checks the table itself:
 * every route below /communities/:id uses ACCESS_COMMUNITY and no POST
 * route lets an adviseur change anything.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "community_fixture.h"
#include "core/goal.h"       /* goals */
#include "core/plan.h"       /* plan (issue 11b) */
#include "core/instrument.h" /* instruments: the pulse page */
#include "http/router.h"

struct ids {
	long long item, staff_att, amb_att, scan, note;
	long long goal, subgoal, measurement, agreement; /* goals: step 5 and 6 */
	long long task; /* plan (issue 11b): a task the attached ambassadeur owns */
};

static bool is_community_route(const struct route *rt)
{
	/* calendar: a community's .ics feed is public, its key is the access (test_calendar.c) */
	if (rt->access == ACCESS_PUBLIC)
		return false;
	return strstr(rt->pattern, "/communities") != NULL || strstr(rt->pattern, "/scan") != NULL;
}

/* The route's pattern with org slug, community id and :id2 filled in. */
static const char *fill(struct arena *a, const struct route *rt, const char *slug,
                        long long community, const struct ids *ids)
{
	struct buf b;
	buf_init(&b, a);
	bool scan = strstr(rt->pattern, "/scan") != NULL;
	bool note = strstr(rt->pattern, "/scan/notes/") != NULL;
	for (const char *p = rt->pattern; *p;) {
		if (strncmp(p, ":org", 4) == 0) {
			buf_puts(&b, slug);
			p += 4;
		} else if (strncmp(p, ":id2", 4) == 0) {
			long long v = strstr(rt->pattern, "/staff/")         ? ids->staff_att
			              : strstr(rt->pattern, "/ambassadors/") ? ids->amb_att
			              /* goals: step 5 and 6 */
			              : strstr(rt->pattern, "/goals/")        ? ids->goal
			              : strstr(rt->pattern, "/subgoals/")     ? ids->subgoal
			              : strstr(rt->pattern, "/measurements/") ? ids->measurement
			              : strstr(rt->pattern, "/agreements/")   ? ids->agreement
			              : strstr(rt->pattern, "/plan/") ? ids->task /* issue 11b */
			                                              : ids->item;
			buf_printf(&b, "%lld", v);
			p += 4;
		} else if (strncmp(p, ":id", 3) == 0) {
			buf_printf(&b, "%lld", note ? ids->note : scan ? ids->scan : community);
			p += 3;
		} else {
			buf_putc(&b, *p++);
		}
	}
	return buf_str(&b);
}

static void test_route_table_declares_the_rules(void **state)
{
	(void)state;
	int checked = 0;
	for (size_t i = 0; i < n_routes; i++) {
		const struct route *rt = &routes[i];
		if (!is_community_route(rt))
			continue;
		checked++;
		if (strstr(rt->pattern, "/communities/:id") != NULL)
			assert_int_equal(rt->access, ACCESS_COMMUNITY);
		else
			assert_int_equal(rt->access, ACCESS_ORG);
		assert_true(rt->roles != 0);
		if (strcmp(rt->method, "POST") == 0) {
			/* an adviseur reads along and changes no community data */
			assert_int_equal(rt->roles & ROLE_ADVISEUR, 0);
		}
		/* the scan is staff work; ambassadeurs see only their own communities */
		if (strstr(rt->pattern, "/scan") != NULL)
			assert_int_equal(rt->roles & ROLE_AMBASSADEUR, 0);
	}
	assert_true(checked >= 20);
}

/*
 * The status a person should get on a route: 404 when the community (or
 * organisation) is not theirs to see, 403 when their role may not do it,
 * 0 when allowed.
 */
static unsigned expected(const struct route *rt, unsigned role, bool attached)
{
	if (role == ROLE_NONE)
		return 404;
	if (rt->access == ACCESS_COMMUNITY && role == ROLE_AMBASSADEUR && !attached)
		return 404;
	if ((rt->roles & role) == 0)
		return 403;
	return 0;
}

static void test_every_route_enforces_its_rule(void **state)
{
	(void)state;
	char ierr[300]; /* instruments: the pulse page reads its instrument file */
	assert_int_equal(instruments_load(NULL, ierr, sizeof(ierr)), 0);
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	struct ids ids = {0};
	assert_int_equal(community_item_add(f->db, f->org_a, 0, f->community, "sterkte", "Trots",
	                                    NULL, &ids.item),
	                 SAVE_OK);
	assert_int_equal(
	    community_staff_add(f->db, f->org_a, 0, f->community, f->staff_a, "bouwer"), SAVE_OK);
	db_query_int(f->db, "SELECT id FROM community_staff WHERE community_id = ?",
	             DB_ARGS(DB_INT(f->community)), &ids.staff_att);
	db_query_int(f->db, "SELECT id FROM community_ambassadors WHERE community_id = ?",
	             DB_ARGS(DB_INT(f->community)), &ids.amb_att);
	assert_int_equal(scan_entry_add(f->db, f->org_a, 0, "gewenst", "Mantelzorgers", "", ""),
	                 SAVE_OK);
	db_query_int(f->db, "SELECT id FROM scan_entries WHERE org_id = ?",
	             DB_ARGS(DB_INT(f->org_a)), &ids.scan);
	assert_int_equal(scan_note_add(f->db, f->org_a, 0, "thema", "Gezondheid", ""), SAVE_OK);
	db_query_int(f->db, "SELECT id FROM scan_notes WHERE org_id = ?", DB_ARGS(DB_INT(f->org_a)),
	             &ids.note);
	/* goals: a shared goal with a subgoal, a measurement and an agreement */
	assert_int_equal(goal_add(f->db, f->org_a, 0, ROLE_MEDEWERKER, f->community, "shared",
	                          "Samen", &ids.goal),
	                 SAVE_OK);
	struct subgoal sg = {.goal_id = ids.goal, .title = "Leden", .measure = "members"};
	assert_int_equal(subgoal_save(f->db, f->org_a, 0, f->community, &sg, &ids.subgoal),
	                 SAVE_OK);
	assert_int_equal(
	    measurement_add(f->db, f->org_a, 0, f->community, ids.subgoal, "2026-01-01", 3, ""),
	    SAVE_OK);
	db_query_int(f->db, "SELECT id FROM measurements WHERE org_id = ?",
	             DB_ARGS(DB_INT(f->org_a)), &ids.measurement);
	struct agreement ag = {.side = "library", .text = "Zaal"};
	assert_int_equal(agreement_add(f->db, f->org_a, 0, f->community, &ag), SAVE_OK);
	db_query_int(f->db, "SELECT id FROM community_agreements WHERE org_id = ?",
	             DB_ARGS(DB_INT(f->org_a)), &ids.agreement);
	/* plan (issue 11b): a task of the community that the attached ambassadeur owns */
	struct plan_task task = {
	    .title = "Zaal", .description = "", .status = "open", .due_on = "", .owner_id = f->amb};
	assert_int_equal(plan_task_save(f->db, f->org_a, f->staff_a, ROLE_MEDEWERKER, f->community,
	                                &task, &ids.task),
	                 SAVE_OK);

	struct {
		long long person;
		unsigned role; /* in org A */
		long long community;
		bool attached;
	} who[] = {
	    {f->admin_b, ROLE_NONE, f->community, false},
	    {f->adviser, ROLE_ADVISEUR, f->community, false},
	    {f->amb, ROLE_AMBASSADEUR, f->other_community, false},
	    {f->amb, ROLE_AMBASSADEUR, f->community, true},
	    {f->staff_a, ROLE_MEDEWERKER, f->community, false},
	};
	int denials = 0, allowed_gets = 0;
	for (size_t w = 0; w < sizeof(who) / sizeof(who[0]); w++) {
		char cookie[80], csrf[128];
		fx_session(f, who[w].person, cookie);
		fx_csrf(f, cookie, csrf);
		const char *body = arena_printf(&a, "csrf=%s", csrf);
		for (size_t i = 0; i < n_routes; i++) {
			const struct route *rt = &routes[i];
			if (!is_community_route(rt))
				continue;
			bool post = strcmp(rt->method, "POST") == 0;
			unsigned want = expected(rt, who[w].role, who[w].attached);
			if (want == 0 && post)
				continue; /* allowed changes are tested on their own */
			const char *uri = fill(&a, rt, "bieb-a", who[w].community, &ids);
			struct req r;
			unsigned got =
			    fx_request(f, &r, rt->method, uri, post ? body : NULL, cookie);
			if (want != 0 && got != want)
				fail_msg("%s %s as role %u: got %u, want %u", rt->method, uri,
				         who[w].role, got, want);
			if (want == 0 && got != 200)
				fail_msg("%s %s as role %u: got %u, want 200", rt->method, uri,
				         who[w].role, got);
			denials += want != 0;
			allowed_gets += want == 0;
			arena_free(&r.arena);
		}
	}
	assert_true(denials > 40);
	assert_true(allowed_gets > 10);

	/* logged out: GET goes to the login page, POST is refused */
	for (size_t i = 0; i < n_routes; i++) {
		const struct route *rt = &routes[i];
		if (!is_community_route(rt))
			continue;
		struct req r;
		bool post = strcmp(rt->method, "POST") == 0;
		unsigned got =
		    fx_request(f, &r, rt->method, fill(&a, rt, "bieb-a", f->community, &ids),
		               post ? "csrf=x" : NULL, NULL);
		assert_int_equal(got, post ? 403 : 303);
		arena_free(&r.arena);
	}

	/* org A's community under org B's address, by B's own beheerder: 404 */
	char cookie_b[80], csrf_b[128];
	fx_session(f, f->admin_b, cookie_b);
	fx_csrf(f, cookie_b, csrf_b);
	for (size_t i = 0; i < n_routes; i++) {
		const struct route *rt = &routes[i];
		if (rt->access != ACCESS_COMMUNITY)
			continue;
		struct req r;
		bool post = strcmp(rt->method, "POST") == 0;
		unsigned got =
		    fx_request(f, &r, rt->method, fill(&a, rt, "bieb-b", f->community, &ids),
		               post ? arena_printf(&a, "csrf=%s", csrf_b) : NULL, cookie_b);
		if (got != 404)
			fail_msg("%s %s: got %u, want 404", rt->method, rt->pattern, got);
		arena_free(&r.arena);
	}
	/* and nothing of A changed through all of this */
	struct community c;
	assert_int_equal(community_get(f->db, &a, f->org_a, f->community, &c), 1);
	assert_int_equal(c.version, 1);
	arena_free(&a);
	instruments_free();
	fx_close(f);
}

static void test_ambassadeur_edits_own_community_only(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	char cookie[80], csrf[128];
	fx_session(f, f->amb, cookie);
	fx_csrf(f, cookie, csrf);
	struct req r;

	/* the list shows only the attached community */
	assert_int_equal(fx_request(f, &r, "GET", "/o/bieb-a/communities", NULL, cookie), 200);
	assert_non_null(strstr(buf_str(&r.resp), "Taalcafé"));
	assert_null(strstr(buf_str(&r.resp), "Repair Café"));
	arena_free(&r.arena);
	assert_int_equal(fx_request(f, &r, "GET", "/o/bieb-a/communities.csv", NULL, cookie), 200);
	assert_non_null(strstr(buf_str(&r.resp), "Taalcafé"));
	assert_null(strstr(buf_str(&r.resp), "Repair Café"));
	arena_free(&r.arena);

	/* adding a strength to their own community works */
	const char *uri = arena_printf(&a, "/o/bieb-a/communities/%lld/items", f->community);
	assert_int_equal(fx_request(f, &r, "POST", uri,
	                            arena_printf(&a, "csrf=%s&kind=sterkte&text=Gastvrij", csrf),
	                            cookie),
	                 303);
	arena_free(&r.arena);
	struct community_item *it;
	size_t n;
	assert_int_equal(community_items(f->db, &a, f->org_a, f->community, &it, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(it[0].text, "Gastvrij");

	/* the same on another community is not found, and writes nothing */
	uri = arena_printf(&a, "/o/bieb-a/communities/%lld/items", f->other_community);
	assert_int_equal(fx_request(f, &r, "POST", uri,
	                            arena_printf(&a, "csrf=%s&kind=sterkte&text=Gastvrij", csrf),
	                            cookie),
	                 404);
	arena_free(&r.arena);
	assert_int_equal(community_items(f->db, &a, f->org_a, f->other_community, &it, &n), 0);
	assert_int_equal(n, 0);
	arena_free(&a);
	fx_close(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_route_table_declares_the_rules),
	    cmocka_unit_test(test_every_route_enforces_its_rule),
	    cmocka_unit_test(test_ambassadeur_edits_own_community_only),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
