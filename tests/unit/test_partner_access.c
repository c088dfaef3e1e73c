/*
 * test_partner_access.c - the route table's rules for every partner,
 * conversation and search route, run as whole requests
 * (server_handle_test): logged out, another organisation, each role; the
 * records of one organisation typed into another's addresses; and the
 * table itself (ambassadeurs never reach partners or conversations, no
 * POST lets an adviseur change anything).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "community_fixture.h"
#include "core/action.h"
#include "core/conversation.h"
#include "core/partner.h"
#include "core/power.h"
#include "core/timeline.h"
#include "http/router.h"

struct ids {
	long long partner, power, talk, action, community;
};

static bool is_partner_route(const struct route *rt)
{
	return strstr(rt->pattern, "/partners") != NULL ||
	       strstr(rt->pattern, "/conversations") != NULL ||
	       strstr(rt->pattern, "/search") != NULL;
}

/* The route's pattern with the slug and the ids of ids filled in. */
static const char *fill(struct arena *a, const struct route *rt, const char *slug,
                        const struct ids *ids)
{
	struct buf b;
	buf_init(&b, a);
	bool talk = strstr(rt->pattern, "/conversations/") != NULL;
	bool community = strncmp(rt->pattern, "/o/:org/communities/", 20) == 0;
	for (const char *p = rt->pattern; *p;) {
		if (strncmp(p, ":org", 4) == 0) {
			buf_puts(&b, slug);
			p += 4;
		} else if (strncmp(p, ":id2", 4) == 0) {
			long long v = talk                             ? ids->action
			              : strstr(rt->pattern, "/power/") ? ids->power
			              : strstr(rt->pattern, "/links/") ? ids->community
			                                               : 0;
			buf_printf(&b, "%lld", v);
			p += 4;
		} else if (strncmp(p, ":id", 3) == 0) {
			buf_printf(&b, "%lld",
			           talk        ? ids->talk
			           : community ? ids->community
			                       : ids->partner);
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
		if (!is_partner_route(rt))
			continue;
		checked++;
		assert_true(rt->roles != 0);
		if (strstr(rt->pattern, "/search") != NULL) {
			/* everyone searches, within what they may see */
			assert_int_equal(rt->access, ACCESS_ORG);
			assert_int_equal(rt->roles, ROLES_ALL);
			continue;
		}
		/* partners and conversations stay with staff; advisers read along */
		assert_int_equal(rt->roles & ROLE_AMBASSADEUR, 0);
		if (strcmp(rt->method, "POST") == 0 || strstr(rt->pattern, "/edit") ||
		    strstr(rt->pattern, "/new") || strstr(rt->pattern, "/delete") ||
		    strstr(rt->pattern, "/power/"))
			assert_int_equal(rt->roles, ROLES_STAFF);
		else
			assert_int_equal(rt->roles, ROLES_READ);
		if (strncmp(rt->pattern, "/o/:org/communities/:id", 23) == 0)
			assert_int_equal(rt->access, ACCESS_COMMUNITY);
		else
			assert_int_equal(rt->access, ACCESS_ORG);
	}
	assert_true(checked >= 30);
}

/* The status a person with role should get: 404 without a role, 403 when it is not theirs. */
static unsigned expected(const struct route *rt, unsigned role)
{
	if (role == ROLE_NONE)
		return 404;
	if ((rt->roles & role) == 0)
		return 403;
	return 0;
}

static void make_records(struct fx *f, long long org, long long community, struct ids *ids)
{
	struct arena a;
	arena_init(&a);
	struct partner p = {.name = "Welzijn", .kind = "welzijn"};
	assert_int_equal(partner_create(f->db, org, 0, &p, &community, 1, &ids->partner), SAVE_OK);
	struct partner_power pw = {
	    .partner_id = ids->partner, .met_on = "2026-03-01", .goals = "X"};
	assert_int_equal(power_create(f->db, org, 0, &pw, &ids->power), SAVE_OK);
	struct conversation c = {.held_on = "2026-03-01",
	                         .kind = "kennismaking",
	                         .partner_id = ids->partner,
	                         .community_id = community,
	                         .subject = "Koffie"};
	struct action_new ap = {.text = "Bellen"};
	assert_int_equal(conversation_create(f->db, org, 0, &c, &ap, 1, &ids->talk), SAVE_OK);
	struct action_point *list;
	size_t n;
	assert_int_equal(action_list(f->db, &a, org, ids->talk, &list, &n), 0);
	ids->action = list[0].id;
	ids->community = community;
	arena_free(&a);
}

static void test_every_route_enforces_its_rule(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	struct ids ids;
	make_records(f, f->org_a, f->community, &ids);

	struct {
		long long person;
		unsigned role; /* in org A */
	} who[] = {
	    {f->admin_b, ROLE_NONE},       {f->adviser, ROLE_ADVISEUR},  {f->amb, ROLE_AMBASSADEUR},
	    {f->staff_a, ROLE_MEDEWERKER}, {f->admin_a, ROLE_BEHEERDER},
	};
	int denials = 0, allowed_gets = 0;
	for (size_t w = 0; w < sizeof(who) / sizeof(who[0]); w++) {
		char cookie[80], csrf[128];
		fx_session(f, who[w].person, cookie);
		fx_csrf(f, cookie, csrf);
		const char *body = arena_printf(&a, "csrf=%s", csrf);
		for (size_t i = 0; i < n_routes; i++) {
			const struct route *rt = &routes[i];
			if (!is_partner_route(rt))
				continue;
			bool post = strcmp(rt->method, "POST") == 0;
			unsigned want = expected(rt, who[w].role);
			if (want == 0 && post)
				continue; /* allowed changes are tested on their own */
			const char *uri = fill(&a, rt, "bieb-a", &ids);
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
	assert_true(denials > 50);
	assert_true(allowed_gets > 30);

	/* logged out: GET goes to the login page, POST is refused */
	for (size_t i = 0; i < n_routes; i++) {
		const struct route *rt = &routes[i];
		if (!is_partner_route(rt))
			continue;
		struct req r;
		bool post = strcmp(rt->method, "POST") == 0;
		unsigned got = fx_request(f, &r, rt->method, fill(&a, rt, "bieb-a", &ids),
		                          post ? "csrf=x" : NULL, NULL);
		assert_int_equal(got, post ? 403 : 303);
		arena_free(&r.arena);
	}

	/* org A's records under org B's address, by B's own beheerder: 404 on every :id route */
	char cookie_b[80], csrf_b[128];
	fx_session(f, f->admin_b, cookie_b);
	fx_csrf(f, cookie_b, csrf_b);
	struct ids b_ids;
	make_records(f, f->org_b, f->community_b, &b_ids);
	int checked = 0;
	for (size_t i = 0; i < n_routes; i++) {
		const struct route *rt = &routes[i];
		if (!is_partner_route(rt) || strstr(rt->pattern, ":id") == NULL)
			continue;
		struct req r;
		bool post = strcmp(rt->method, "POST") == 0;
		const char *body =
		    post ? arena_printf(&a,
		                        "csrf=%s&text=x&subject=x&name=x&kind=welzijn&done=1"
		                        "&held_on=2026-03-01&report_sent=nee&community=%lld"
		                        "&partner=%lld&met_on=2026-03-01&goals=x&version=1",
		                        csrf_b, b_ids.community, b_ids.partner)
		         : NULL;
		unsigned got =
		    fx_request(f, &r, rt->method, fill(&a, rt, "bieb-b", &ids), body, cookie_b);
		if (got != 404)
			fail_msg("%s %s: got %u, want 404", rt->method, rt->pattern, got);
		arena_free(&r.arena);
		checked++;
	}
	assert_true(checked >= 20);
	/* and nothing of A changed through all of this */
	struct partner p;
	assert_int_equal(partner_get(f->db, &a, f->org_a, ids.partner, &p), 1);
	assert_int_equal(p.version, 1);
	struct conversation c;
	assert_int_equal(conversation_get(f->db, &a, f->org_a, ids.talk, &c), 1);
	assert_int_equal(c.version, 1);
	struct action_point ap;
	assert_int_equal(action_get(f->db, &a, f->org_a, ids.talk, ids.action, &ap), 1);
	assert_false(ap.done);
	long long n = 0;
	db_query_int(f->db, "SELECT COUNT(*) FROM partner_communities WHERE partner_id = ?",
	             DB_ARGS(DB_INT(ids.partner)), &n);
	assert_int_equal(n, 1);
	arena_free(&a);
	fx_close(f);
}

static void test_foreign_ids_in_forms(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	struct ids mine, theirs;
	make_records(f, f->org_a, f->community, &mine);
	make_records(f, f->org_b, f->community_b, &theirs);
	char cookie[80], csrf[128];
	fx_session(f, f->staff_a, cookie);
	fx_csrf(f, cookie, csrf);
	struct req r;
	long long talks_before = 0, talks_after = 0;
	db_query_int(f->db, "SELECT COUNT(*) FROM conversations", DB_NOARGS, &talks_before);

	/* a conversation with org B's partner: a form error, nothing stored */
	unsigned got = fx_request(
	    f, &r, "POST", "/o/bieb-a/conversations/new",
	    arena_printf(&a,
	                 "csrf=%s&held_on=2026-03-01&kind=kennismaking&partner=%lld&subject=x"
	                 "&report_sent=nee",
	                 csrf, theirs.partner),
	    cookie);
	assert_int_equal(got, 422);
	assert_non_null(strstr(buf_str(&r.resp), "Kies een van de mogelijkheden bij Partner"));
	arena_free(&r.arena);
	/* with org B's community, or an owner of org B */
	got = fx_request(f, &r, "POST", "/o/bieb-a/conversations/new",
	                 arena_printf(&a,
	                              "csrf=%s&held_on=2026-03-01&kind=kennismaking&community=%lld"
	                              "&subject=x&report_sent=nee",
	                              csrf, theirs.community),
	                 cookie);
	assert_int_equal(got, 422);
	arena_free(&r.arena);
	got = fx_request(f, &r, "POST", "/o/bieb-a/conversations/new",
	                 arena_printf(&a,
	                              "csrf=%s&held_on=2026-03-01&kind=kennismaking&partner=%lld"
	                              "&subject=x&report_sent=nee&a1_text=Bellen&a1_owner=%lld",
	                              csrf, mine.partner, f->admin_b),
	                 cookie);
	assert_int_equal(got, 422);
	arena_free(&r.arena);
	db_query_int(f->db, "SELECT COUNT(*) FROM conversations", DB_NOARGS, &talks_after);
	assert_int_equal(talks_after, talks_before);

	/* moving our conversation to org B's partner */
	got = fx_request(f, &r, "POST",
	                 arena_printf(&a, "/o/bieb-a/conversations/%lld/edit", mine.talk),
	                 arena_printf(&a,
	                              "csrf=%s&held_on=2026-03-01&kind=kennismaking&partner=%lld"
	                              "&subject=x&report_sent=nee&version=1",
	                              csrf, theirs.partner),
	                 cookie);
	assert_int_equal(got, 422);
	arena_free(&r.arena);
	/* an action point owned by org B's beheerder */
	got = fx_request(
	    f, &r, "POST", arena_printf(&a, "/o/bieb-a/conversations/%lld/actions", mine.talk),
	    arena_printf(&a, "csrf=%s&text=Bellen&owner=%lld", csrf, f->admin_b), cookie);
	assert_int_equal(got, 422);
	assert_non_null(strstr(buf_str(&r.resp), "Kies iemand van jullie eigen bibliotheek"));
	arena_free(&r.arena);
	/* linking org B's community to our partner, or org B's partner to our community */
	got = fx_request(
	    f, &r, "POST", arena_printf(&a, "/o/bieb-a/partners/%lld/links", mine.partner),
	    arena_printf(&a, "csrf=%s&community=%lld", csrf, theirs.community), cookie);
	assert_int_equal(got, 404);
	arena_free(&r.arena);
	got = fx_request(f, &r, "POST",
	                 arena_printf(&a, "/o/bieb-a/communities/%lld/partners", f->community),
	                 arena_printf(&a, "csrf=%s&partner=%lld", csrf, theirs.partner), cookie);
	assert_int_equal(got, 404);
	arena_free(&r.arena);
	/* a new partner with org B's community ticked */
	got = fx_request(f, &r, "POST", "/o/bieb-a/partners/new",
	                 arena_printf(&a, "csrf=%s&name=Nieuw&kind=welzijn&community=%lld", csrf,
	                              theirs.community),
	                 cookie);
	assert_int_equal(got, 422);
	arena_free(&r.arena);
	/* org B's action point under our conversation */
	got = fx_request(f, &r, "POST",
	                 arena_printf(&a, "/o/bieb-a/conversations/%lld/actions/%lld/done",
	                              mine.talk, theirs.action),
	                 arena_printf(&a, "csrf=%s&done=1", csrf), cookie);
	assert_int_equal(got, 404);
	arena_free(&r.arena);
	/* org B's partner in the query of a page */
	got = fx_request(
	    f, &r, "GET",
	    arena_printf(&a, "/o/bieb-a/conversations/prepare?partner=%lld", theirs.partner), NULL,
	    cookie);
	assert_int_equal(got, 404);
	arena_free(&r.arena);
	got = fx_request(f, &r, "GET",
	                 arena_printf(&a, "/o/bieb-a/partners/print?partner=%lld", theirs.partner),
	                 NULL, cookie);
	assert_int_equal(got, 404);
	arena_free(&r.arena);
	/* nothing of B changed */
	struct action_point ap;
	assert_int_equal(action_get(f->db, &a, f->org_b, theirs.talk, theirs.action, &ap), 1);
	assert_false(ap.done);
	long long n = 0;
	db_query_int(f->db, "SELECT COUNT(*) FROM partner_communities", DB_NOARGS, &n);
	assert_int_equal(n, 2);
	arena_free(&a);
	fx_close(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_route_table_declares_the_rules),
	    cmocka_unit_test(test_every_route_enforces_its_rule),
	    cmocka_unit_test(test_foreign_ids_in_forms),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
