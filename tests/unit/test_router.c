/*
 * test_router.c - the route table and the access gate (http/router.c),
 * driven through server_handle_test().
 */
#include "core/instrument.h"
#include "http/router.h"
#include "testutil.h"

struct fx {
	struct tdb *t;
	long long org_a, org_b;
	long long admin_a, staff_a, admin_b, nobody, adviser_a;
	char cookie_admin_a[80], cookie_staff_a[80], cookie_admin_b[80], cookie_nobody[80];
	char cookie_adviser_a[80];
};

static void cookie_for(struct db *db, long long person, char *out, size_t n)
{
	char tok[44];
	t_session(db, person, tok);
	snprintf(out, n, AUTH_SESSION_COOKIE "=%s", tok);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (f == NULL)
		return -1;
	f->t = tdb_open_migrated();
	struct db *db = f->t->db;
	f->org_a = t_org(db, "bieb-a", "Bibliotheek A");
	f->org_b = t_org(db, "bieb-b", "Bibliotheek B");
	f->admin_a = t_person(db, "admin-a@x.nl", "Anna Admin");
	f->staff_a = t_person(db, "staff-a@x.nl", "Sem Staf");
	f->admin_b = t_person(db, "admin-b@x.nl", "Bram Beheer");
	f->nobody = t_person(db, "nobody@x.nl", "Nora Niemand");
	f->adviser_a = t_person(db, "adviser-a@x.nl", "Ada Adviseur");
	assert_int_equal(member_set_role(db, f->org_a, 0, f->admin_a, ROLE_BEHEERDER), SAVE_OK);
	assert_int_equal(member_set_role(db, f->org_a, 0, f->staff_a, ROLE_MEDEWERKER), SAVE_OK);
	assert_int_equal(member_set_role(db, f->org_b, 0, f->admin_b, ROLE_BEHEERDER), SAVE_OK);
	assert_int_equal(member_set_role(db, f->org_a, 0, f->adviser_a, ROLE_ADVISEUR), SAVE_OK);
	cookie_for(db, f->admin_a, f->cookie_admin_a, sizeof(f->cookie_admin_a));
	cookie_for(db, f->staff_a, f->cookie_staff_a, sizeof(f->cookie_staff_a));
	cookie_for(db, f->admin_b, f->cookie_admin_b, sizeof(f->cookie_admin_b));
	cookie_for(db, f->nobody, f->cookie_nobody, sizeof(f->cookie_nobody));
	cookie_for(db, f->adviser_a, f->cookie_adviser_a, sizeof(f->cookie_adviser_a));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	tdb_close(f->t);
	free(f);
	return 0;
}

/* Status of one request (response discarded). */
static unsigned status_of(struct fx *f, const char *method, const char *uri, const char *body,
                          const char *cookie)
{
	struct req r;
	t_request(&r, f->t->db, method, uri, body, cookie);
	unsigned s = r.status;
	t_done(&r);
	return s;
}

static void expect_status(struct fx *f, const char *method, const char *uri, const char *cookie,
                          unsigned want)
{
	unsigned got = status_of(f, method, uri, NULL, cookie);
	if (got != want)
		fail_msg("%s %s (%s) gave %u, want %u", method, uri,
		         cookie ? "with session" : "anon", got, want);
}

/* The csrf token that belongs to a session cookie, read from a page. */
static void csrf_for(struct fx *f, const char *cookie, const char *page, char *out, size_t n)
{
	struct req r;
	t_request(&r, f->t->db, "GET", page, NULL, cookie);
	assert_int_equal(r.status, 200);
	assert_true(t_csrf(t_body(&r), out, n));
	t_done(&r);
}

/* ---- the table itself ---- */

static bool known_param(const char *p, size_t n)
{
	return (n == 4 && strncmp(p, ":org", 4) == 0) || (n == 3 && strncmp(p, ":id", 3) == 0) ||
	       (n == 4 && strncmp(p, ":id2", 4) == 0) || (n == 6 && strncmp(p, ":token", 6) == 0);
}

static void test_route_table_rows(void **state)
{
	(void)state;
	assert_true(n_routes > 0);
	for (size_t i = 0; i < n_routes; i++) {
		const struct route *rt = &routes[i];
		if (rt->handler == NULL || rt->handler_name == NULL || rt->pattern == NULL ||
		    rt->method == NULL)
			fail_msg("route %zu has a NULL field", i);
		if (rt->pattern[0] != '/')
			fail_msg("route %s does not start with '/'", rt->pattern);
		if (strcmp(rt->method, "GET") != 0 && strcmp(rt->method, "POST") != 0)
			fail_msg("route %s has method %s", rt->pattern, rt->method);
		if (rt->access != ACCESS_PUBLIC && rt->access != ACCESS_LOGIN &&
		    rt->access != ACCESS_ORG && rt->access != ACCESS_COMMUNITY &&
		    rt->access != ACCESS_OPERATOR)
			fail_msg("route %s has access %d", rt->pattern, (int)rt->access);
		if (rt->access == ACCESS_COMMUNITY &&
		    strncmp(rt->pattern, "/o/:org/communities/:id", 23) != 0)
			fail_msg("ACCESS_COMMUNITY route %s does not name a community",
			         rt->pattern);
		if (rt->access == ACCESS_ORG || rt->access == ACCESS_COMMUNITY) {
			if (rt->roles == 0)
				fail_msg("ACCESS_ORG route %s %s lets no role in", rt->method,
				         rt->pattern);
			if ((rt->roles & ~(unsigned)ROLES_ALL) != 0)
				fail_msg("route %s has unknown role bits %#x", rt->pattern,
				         rt->roles);
			if (strncmp(rt->pattern, "/o/:org/", 8) != 0)
				fail_msg("ACCESS_ORG route %s is not below /o/:org/", rt->pattern);
		} else if (rt->access == ACCESS_PUBLIC &&
		           strncmp(rt->pattern, "/o/:org/", 8) == 0 && strlen(rt->pattern) > 4 &&
		           strcmp(rt->pattern + strlen(rt->pattern) - 4, ".ics") == 0) {
			/* calendar: a feed is public on purpose, its key (in the query) is the access */
			if (rt->roles != 0 || strcmp(rt->method, "GET") != 0)
				fail_msg("feed route %s %s: a GET without roles", rt->method,
				         rt->pattern);
		} else if (rt->access == ACCESS_PUBLIC &&
		           strncmp(rt->pattern, "/p/:org/", 8) == 0) {
			/* public (issue 13): the public page of :org, for residents without
			 * a login; it answers 404 while the organisation keeps it off */
			if (rt->roles != 0)
				fail_msg("public page route %s %s: no roles", rt->method,
				         rt->pattern);
		} else {
			if (strstr(rt->pattern, ":org") != NULL)
				fail_msg("route %s has :org but access %s", rt->pattern,
				         access_name(rt->access));
		}
		/* every parameter is one the matcher knows, as a whole segment */
		for (const char *p = strchr(rt->pattern, ':'); p; p = strchr(p + 1, ':')) {
			size_t n = strcspn(p, "/");
			if (p[-1] != '/' || !known_param(p, n))
				fail_msg("route %s has an unknown parameter at \"%s\"", rt->pattern,
				         p);
		}
		for (size_t k = 0; k < i; k++)
			if (strcmp(routes[k].method, rt->method) == 0 &&
			    strcmp(routes[k].pattern, rt->pattern) == 0)
				fail_msg("route %s %s appears twice", rt->method, rt->pattern);
	}
	assert_string_equal(access_name(ACCESS_PUBLIC), "public");
	assert_string_equal(access_name(ACCESS_LOGIN), "login");
	assert_string_equal(access_name(ACCESS_ORG), "org");
}

/* ---- matching ---- */

static void test_unknown_path_404(void **state)
{
	struct fx *f = *state;
	expect_status(f, "GET", "/nope", NULL, 404);
	expect_status(f, "GET", "/o/", NULL, 404);
	expect_status(f, "GET", "/o/bieb-a/nope", f->cookie_admin_a, 404);
	expect_status(f, "GET", "/o/bieb-a/branches/", f->cookie_admin_a, 404);
	expect_status(f, "POST", "/nope", NULL, 404);
	expect_status(f, "GET", "/healthz/extra", NULL, 404);
	expect_status(f, "GET", "", NULL, 404);
	struct req r;
	t_request(&r, f->t->db, "GET", "/nope", NULL, NULL);
	assert_string_equal(r.content_type, "text/html; charset=utf-8");
	assert_non_null(strstr(t_body(&r), "Pagina niet gevonden"));
	t_done(&r);
}

static void test_public_routes(void **state)
{
	struct fx *f = *state;
	struct req r;
	t_request(&r, f->t->db, "GET", "/healthz", NULL, NULL);
	assert_int_equal(r.status, 200);
	assert_string_equal(t_body(&r), "ok");
	t_done(&r);
	t_request(&r, f->t->db, "HEAD", "/healthz", NULL, NULL);
	assert_int_equal(r.status, 200);
	t_done(&r);
	expect_status(f, "GET", "/login", NULL, 200);
	expect_status(f, "GET", "/", NULL, 303);
}

static void test_wrong_method_405(void **state)
{
	struct fx *f = *state;
	struct req r;
	t_request(&r, f->t->db, "POST", "/healthz", NULL, NULL);
	assert_int_equal(r.status, 405);
	assert_non_null(t_header(&r, "Allow"));
	t_done(&r);
	expect_status(f, "GET", "/logout", NULL, 405);
	expect_status(f, "DELETE", "/login", NULL, 405);
	expect_status(f, "PUT", "/o/bieb-a/settings", f->cookie_admin_a, 405);
	expect_status(f, "GET", "/o/bieb-a/branches/1/delete", f->cookie_admin_a, 405);
	expect_status(f, "GET", "/o/bieb-a/people/1/role", f->cookie_admin_a, 405);
}

/* RFC 9110 15.5.6: a 405 response lists the methods the resource supports. */
/* Status and Allow header of a request (copied, so a failing check leaks nothing). */
static unsigned allow_of(struct fx *f, const char *method, const char *uri, char *allow, size_t n)
{
	struct req r;
	t_request(&r, f->t->db, method, uri, NULL, NULL);
	unsigned s = r.status;
	const char *a = t_header(&r, "Allow");
	snprintf(allow, n, "%s", a ? a : "(none)");
	t_done(&r);
	return s;
}

static void test_405_allow_lists_real_methods(void **state)
{
	struct fx *f = *state;
	char allow[64];
	assert_int_equal(allow_of(f, "GET", "/logout", allow, sizeof(allow)), 405);
	if (strcmp(allow, "POST") != 0)
		fail_msg("GET /logout is 405 but Allow says \"%s\" (want \"POST\")", allow);
	assert_int_equal(allow_of(f, "POST", "/healthz", allow, sizeof(allow)), 405);
	if (strcmp(allow, "GET, HEAD") != 0 && strcmp(allow, "GET") != 0)
		fail_msg("POST /healthz is 405 but Allow says \"%s\" (want \"GET, HEAD\")", allow);
	/* both methods exist for /login */
	assert_int_equal(allow_of(f, "PUT", "/login", allow, sizeof(allow)), 405);
	if (strstr(allow, "GET") == NULL || strstr(allow, "POST") == NULL)
		fail_msg("PUT /login is 405 but Allow says \"%s\"", allow);
}

static void test_org_without_slash_redirects(void **state)
{
	struct fx *f = *state;
	struct req r;
	t_request(&r, f->t->db, "GET", "/o/x", NULL, NULL);
	assert_int_equal(r.status, 303);
	assert_string_equal(t_header(&r, "Location"), "/o/x/");
	t_done(&r);
	t_request(&r, f->t->db, "GET", "/o/bieb-a", NULL, f->cookie_admin_a);
	assert_int_equal(r.status, 303);
	assert_string_equal(t_header(&r, "Location"), "/o/bieb-a/");
	t_done(&r);
	/* no redirect to a slash form that matches nothing */
	expect_status(f, "GET", "/o/Bieb-A", NULL, 404);
	expect_status(f, "GET", "/nope", NULL, 404);
	/* only for GET */
	expect_status(f, "POST", "/o/x", NULL, 404);
}

static void test_id_must_be_canonical_positive_integer(void **state)
{
	struct fx *f = *state;
	/* /o/:org/branches/:id/delete exists for POST only: a valid id gives 405 for GET */
	expect_status(f, "GET", "/o/bieb-a/branches/1/delete", f->cookie_admin_a, 405);
	expect_status(f, "GET", "/o/bieb-a/branches/123456789012345/delete", f->cookie_admin_a,
	              405);
	static const char *const bad[] = {"01",
	                                  "0",
	                                  "abc",
	                                  "-1",
	                                  "1.5",
	                                  "+1",
	                                  "1a",
	                                  " 1",
	                                  "%31",
	                                  "1234567890123456",
	                                  "9223372036854775808"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char uri[100];
		snprintf(uri, sizeof(uri), "/o/bieb-a/branches/%s/delete", bad[i]);
		expect_status(f, "GET", uri, f->cookie_admin_a, 404);
		snprintf(uri, sizeof(uri), "/o/bieb-a/people/%s/role", bad[i]);
		expect_status(f, "GET", uri, f->cookie_admin_a, 404);
	}
}

static void test_slug_rules(void **state)
{
	struct fx *f = *state;
	static const char *const bad[] = {"/o/BIEB-A/",    "/o/Bieb-a/",   "/o/../",
	                                  "/o/bieb-a/../", "/o/bieb_a/",   "/o/bieb.a/",
	                                  "/o/bieb%2Da/",  "/o/../people", "/o/%2e%2e/",
	                                  "/o//",          "/o/bïeb/"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		expect_status(f, "GET", bad[i], f->cookie_admin_a, 404);
	/* a 65-character slug is too long even if it were an organisation */
	char uri[100];
	char slug[66];
	memset(slug, 'a', 65);
	slug[65] = '\0';
	snprintf(uri, sizeof(uri), "/o/%s/", slug);
	expect_status(f, "GET", uri, f->cookie_admin_a, 404);
	/* the right one */
	expect_status(f, "GET", "/o/bieb-a/", f->cookie_admin_a, 200);
}

static void test_bad_utf8_path_400(void **state)
{
	struct fx *f = *state;
	expect_status(f, "GET", "/o/\xC3\x28/", NULL, 400);
	expect_status(f, "GET", "/login?next=%C0%AF", NULL, 400);
	expect_status(f, "GET", "/login?next=%", NULL, 400);
}

/* ---- access ---- */

static void test_logged_out_redirects_to_login(void **state)
{
	struct fx *f = *state;
	struct req r;
	t_request(&r, f->t->db, "GET", "/o/bieb-a/branches", NULL, NULL);
	assert_int_equal(r.status, 303);
	assert_string_equal(t_header(&r, "Location"), "/login?next=%2Fo%2Fbieb-a%2Fbranches");
	t_done(&r);
	t_request(&r, f->t->db, "GET", "/o/bieb-a/", NULL, NULL);
	assert_int_equal(r.status, 303);
	assert_string_equal(t_header(&r, "Location"), "/login?next=%2Fo%2Fbieb-a%2F");
	t_done(&r);
	/* also for an organisation that does not exist: nothing is revealed */
	t_request(&r, f->t->db, "GET", "/o/bestaat-niet/", NULL, NULL);
	assert_int_equal(r.status, 303);
	assert_string_equal(t_header(&r, "Location"), "/login?next=%2Fo%2Fbestaat-niet%2F");
	t_done(&r);
}

/* Every ACCESS_ORG and ACCESS_LOGIN route, with parameters filled in. */
static const char *concrete(struct arena *a, const char *pattern, const char *slug)
{
	struct buf b;
	buf_init(&b, a);
	for (const char *p = pattern; *p;) {
		if (*p == ':') {
			size_t n = strcspn(p, "/");
			if (n == 4 && strncmp(p, ":org", 4) == 0)
				buf_puts(&b, slug);
			else
				buf_puts(&b, "1");
			p += n;
		} else {
			buf_putc(&b, *p++);
		}
	}
	return arena_strdup(a, buf_str(&b));
}

static void test_every_protected_route_refuses_logged_out(void **state)
{
	struct fx *f = *state;
	struct arena a;
	arena_init(&a);
	for (size_t i = 0; i < n_routes; i++) {
		if (routes[i].access == ACCESS_PUBLIC)
			continue;
		const char *uri = concrete(&a, routes[i].pattern, "bieb-a");
		unsigned want = strcmp(routes[i].method, "GET") == 0 ? 303 : 403;
		if (routes[i].access == ACCESS_OPERATOR)
			want = 404; /* no address is allowed here: as if nothing were there */
		expect_status(f, routes[i].method, uri, NULL, want);
	}
	arena_free(&a);
}

static void test_other_org_is_404(void **state)
{
	struct fx *f = *state;
	/* a beheerder of A sees nothing of B, as if it did not exist */
	expect_status(f, "GET", "/o/bieb-b/", f->cookie_admin_a, 404);
	expect_status(f, "GET", "/o/bieb-b/settings", f->cookie_admin_a, 404);
	expect_status(f, "GET", "/o/bieb-b/people", f->cookie_admin_a, 404);
	expect_status(f, "GET", "/o/bestaat-niet/", f->cookie_admin_a, 404);
	/* the same body for "exists but not yours" and "does not exist" */
	struct req r1, r2;
	t_request(&r1, f->t->db, "GET", "/o/bieb-b/", NULL, f->cookie_admin_a);
	t_request(&r2, f->t->db, "GET", "/o/bestaat-niet/", NULL, f->cookie_admin_a);
	assert_string_equal(t_body(&r1), t_body(&r2));
	assert_null(strstr(t_body(&r1), "Bibliotheek B"));
	t_done(&r1);
	t_done(&r2);
	/* a person without any role */
	expect_status(f, "GET", "/o/bieb-a/", f->cookie_nobody, 404);
	/* every ACCESS_ORG route, including POSTs with a valid CSRF token */
	char csrf[128];
	csrf_for(f, f->cookie_admin_a, "/o/bieb-a/", csrf, sizeof(csrf));
	struct arena a;
	arena_init(&a);
	const char *body =
	    arena_printf(&a, "csrf=%s&name=X&place=Y&role=beheerder&version=1", csrf);
	for (size_t i = 0; i < n_routes; i++) {
		if (routes[i].access != ACCESS_ORG)
			continue;
		const char *uri = concrete(&a, routes[i].pattern, "bieb-b");
		bool post = strcmp(routes[i].method, "POST") == 0;
		unsigned got =
		    status_of(f, routes[i].method, uri, post ? body : NULL, f->cookie_admin_a);
		if (got != 404)
			fail_msg("%s %s by a beheerder of another org gave %u", routes[i].method,
			         uri, got);
	}
	arena_free(&a);
	/* nothing changed in B */
	assert_int_equal(tdb_int(f->t->db, "SELECT COUNT(*) FROM branches"), 0);
	assert_int_equal(tdb_int(f->t->db, "SELECT version FROM orgs WHERE slug = 'bieb-b'"), 1);
}

static void test_medewerker_403_on_admin_pages(void **state)
{
	struct fx *f = *state;
	expect_status(f, "GET", "/o/bieb-a/people", f->cookie_staff_a, 403);
	expect_status(f, "GET", "/o/bieb-a/settings", f->cookie_staff_a, 403);
	expect_status(f, "GET", "/o/bieb-a/audit", f->cookie_staff_a, 403);
	expect_status(f, "GET", "/o/bieb-a/", f->cookie_staff_a, 200);
	expect_status(f, "GET", "/o/bieb-a/branches", f->cookie_staff_a, 200);
	expect_status(f, "GET", "/o/bieb-a/people", f->cookie_admin_a, 200);
	/* every admin-only route, POSTs with a valid token */
	char csrf[128];
	csrf_for(f, f->cookie_staff_a, "/o/bieb-a/", csrf, sizeof(csrf));
	struct arena a;
	arena_init(&a);
	const char *body =
	    arena_printf(&a, "csrf=%s&name=X&place=Y&role=beheerder&version=1", csrf);
	for (size_t i = 0; i < n_routes; i++) {
		if (routes[i].access != ACCESS_ORG || (routes[i].roles & ROLE_MEDEWERKER))
			continue;
		const char *uri = concrete(&a, routes[i].pattern, "bieb-a");
		bool post = strcmp(routes[i].method, "POST") == 0;
		unsigned got =
		    status_of(f, routes[i].method, uri, post ? body : NULL, f->cookie_staff_a);
		if (got != 403)
			fail_msg("%s %s by a medewerker gave %u", routes[i].method, uri, got);
	}
	arena_free(&a);
	/* the medewerker did not become beheerder, nothing was added */
	assert_int_equal(tdb_int(f->t->db,
	                         "SELECT COUNT(*) FROM memberships WHERE role = 'beheerder'"
	                         " AND person_id = (SELECT id FROM persons"
	                         " WHERE email = 'staff-a@x.nl')"),
	                 0);
	assert_int_equal(tdb_int(f->t->db, "SELECT COUNT(*) FROM branches"), 0);
}

/*
 * Hole 4: the POST routes an adviseur can reach, each listed on purpose with
 * its reason. An adviseur coaches: reads everything of the libraries they
 * advise, opens and closes meetlat rounds, writes advice; but answers
 * nothing as a member of the library's team and changes none of its work.
 * A POST route that lets an adviseur in and is not listed here fails
 * test_adviser_posts_only_on_purpose: decide, then list it or close it.
 */
static const char *const adviser_posts[] = {
    "/login",                    /* anyone: signing in */
    "/logout",                   /* anyone signed in: signing out */
    "/m/:token",                 /* anyone with a round's link: it is public on purpose */
    "/s/:token",                 /* instruments: a pulse round's link, public on purpose */
    "/o/:org/meetlat",           /* opening a meetlat round (ROLES_ASSESS) */
    "/o/:org/meetlat/:id/close", /* closing a meetlat round (ROLES_ASSESS) */
    /* public (issue 13): residents' forms on the public page, public on purpose */
    "/p/:org/doe-mee", "/p/:org/idee",
    /* accounts (issues 13, 14): everyone manages their own account and logs in */
    "/account/lang",                /* choosing one's own language */
    "/account/password",            /* changing one's own password */
    "/account/sessions/end",        /* ending one of one's own sessions */
    "/account/sessions/end-others", /* ending one's other sessions */
    "/account/totp/start",          /* one's own two-step login */
    "/account/totp/confirm", "/account/totp/off", "/login/code", /* the second step of signing in */
    "/login/forgot",  /* a forgotten password, before signing in */
    "/reset/:token",  /* anyone with a reset link: it is the access */
    "/invite/:token", /* anyone with an invitation link: it is the access */
};
#define N_ADVISER_POSTS (sizeof(adviser_posts) / sizeof(adviser_posts[0]))

static bool adviser_reaches(const struct route *rt)
{
	return rt->access == ACCESS_PUBLIC || rt->access == ACCESS_LOGIN ||
	       (rt->roles & ROLE_ADVISEUR) != 0;
}

static bool adviser_post_listed(const char *pattern)
{
	for (size_t k = 0; k < N_ADVISER_POSTS; k++)
		if (strcmp(adviser_posts[k], pattern) == 0)
			return true;
	return false;
}

static void test_adviser_posts_only_on_purpose(void **state)
{
	(void)state;
	for (size_t i = 0; i < n_routes; i++) {
		const struct route *rt = &routes[i];
		if (strcmp(rt->method, "POST") == 0 && adviser_reaches(rt) &&
		    !adviser_post_listed(rt->pattern))
			fail_msg(
			    "POST %s (%s) lets an adviseur in but is not in adviser_posts[]: "
			    "an adviseur coaches and does not answer or change as the library's "
			    "team",
			    rt->pattern, rt->handler_name);
	}
	/* and no stale entry: each listed route exists and lets the adviseur in */
	for (size_t k = 0; k < N_ADVISER_POSTS; k++) {
		bool found = false;
		for (size_t i = 0; i < n_routes; i++)
			found |= strcmp(routes[i].method, "POST") == 0 &&
			         strcmp(routes[i].pattern, adviser_posts[k]) == 0 &&
			         adviser_reaches(&routes[i]);
		if (!found)
			fail_msg("adviser_posts[] lists POST %s, which no adviseur reaches",
			         adviser_posts[k]);
	}
	/* the two that started hole 4 */
	assert_false(adviser_post_listed("/o/:org/readiness"));
	assert_false(adviser_post_listed("/o/:org/meetlat/:id"));
}

/* Every other organisation POST, sent by an adviseur with a valid token, is 403. */
static void test_adviser_403_on_team_posts(void **state)
{
	struct fx *f = *state;
	char err[300]; /* the pages of steps 1-2 and the meetlat need the instruments */
	assert_int_equal(instruments_load(NULL, err, sizeof(err)), 0);
	char csrf[128];
	csrf_for(f, f->cookie_adviser_a, "/o/bieb-a/", csrf, sizeof(csrf));
	struct arena a;
	arena_init(&a);
	const char *body = arena_printf(&a,
	                                "csrf=%s&name=X&place=Y&role=beheerder&version=1&title=T"
	                                "&q_tijd=ja&ronde=1&group=directie",
	                                csrf);
	size_t n_checked = 0;
	for (size_t i = 0; i < n_routes; i++) {
		if (routes[i].access != ACCESS_ORG || strcmp(routes[i].method, "POST") != 0 ||
		    adviser_post_listed(routes[i].pattern))
			continue;
		const char *uri = concrete(&a, routes[i].pattern, "bieb-a");
		unsigned got = status_of(f, "POST", uri, body, f->cookie_adviser_a);
		if (got != 403)
			fail_msg("POST %s by an adviseur gave %u, want 403", uri, got);
		n_checked++;
	}
	arena_free(&a);
	assert_true(n_checked > 10);
	/* reading is what an adviseur does */
	expect_status(f, "GET", "/o/bieb-a/readiness", f->cookie_adviser_a, 200);
	expect_status(f, "GET", "/o/bieb-a/meetlat", f->cookie_adviser_a, 200);
	instruments_free();
	assert_int_equal(tdb_int(f->t->db, "SELECT COUNT(*) FROM readiness_checks"), 0);
	assert_int_equal(tdb_int(f->t->db, "SELECT COUNT(*) FROM branches"), 0);
}

static void test_post_needs_csrf_even_for_admins(void **state)
{
	struct fx *f = *state;
	expect_status(f, "POST", "/o/bieb-a/branches", f->cookie_admin_a, 403);
	unsigned s = status_of(f, "POST", "/o/bieb-a/branches", "name=Centrum&place=Zwolle",
	                       f->cookie_admin_a);
	assert_int_equal(s, 403);
	/* B's token is not A's */
	char csrf_b[128];
	csrf_for(f, f->cookie_admin_b, "/o/bieb-b/", csrf_b, sizeof(csrf_b));
	char body[256];
	snprintf(body, sizeof(body), "csrf=%s&name=Centrum&place=Zwolle", csrf_b);
	assert_int_equal(status_of(f, "POST", "/o/bieb-a/branches", body, f->cookie_admin_a), 403);
	assert_int_equal(tdb_int(f->t->db, "SELECT COUNT(*) FROM branches"), 0);
	/* with the right token it works */
	char csrf[128];
	csrf_for(f, f->cookie_admin_a, "/o/bieb-a/", csrf, sizeof(csrf));
	snprintf(body, sizeof(body), "csrf=%s&name=Centrum&place=Zwolle", csrf);
	struct req r;
	t_request(&r, f->t->db, "POST", "/o/bieb-a/branches", body, f->cookie_admin_a);
	assert_int_equal(r.status, 303);
	assert_string_equal(t_header(&r, "Location"), "/o/bieb-a/branches?klaar=toegevoegd");
	t_done(&r);
	assert_int_equal(tdb_int(f->t->db, "SELECT COUNT(*) FROM branches"), 1);
}

static void test_branch_of_other_org_via_url_is_404(void **state)
{
	struct fx *f = *state;
	struct db *db = f->t->db;
	assert_int_equal(branch_add(db, f->org_b, f->admin_b, "Filiaal B", "Deventer"), SAVE_OK);
	long long bid = tdb_int(db, "SELECT id FROM branches");
	char csrf[128], uri[100], body[256];
	csrf_for(f, f->cookie_admin_a, "/o/bieb-a/", csrf, sizeof(csrf));
	snprintf(uri, sizeof(uri), "/o/bieb-a/branches/%lld", bid);
	snprintf(body, sizeof(body), "csrf=%s&name=Gekaapt&place=X", csrf);
	assert_int_equal(status_of(f, "POST", uri, body, f->cookie_admin_a), 404);
	snprintf(uri, sizeof(uri), "/o/bieb-a/branches/%lld/delete", bid);
	snprintf(body, sizeof(body), "csrf=%s", csrf);
	assert_int_equal(status_of(f, "POST", uri, body, f->cookie_admin_a), 404);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM branches WHERE name = 'Filiaal B'"), 1);
}

static void test_error_page_shows_no_org(void **state)
{
	struct fx *f = *state;
	struct req r;
	t_request(&r, f->t->db, "GET", "/o/bieb-a/people", NULL, f->cookie_staff_a);
	assert_int_equal(r.status, 403);
	assert_null(strstr(t_body(&r), "/o/bieb-a/branches"));
	assert_non_null(strstr(t_body(&r), "Geen toegang"));
	t_done(&r);
}

static void test_security_defaults(void **state)
{
	struct fx *f = *state;
	struct req r;
	t_request(&r, f->t->db, "GET", "/login", NULL, NULL);
	assert_true(r.no_store);
	t_done(&r);
	/* an oversized body is 413 before anything else */
	size_t n = t_cfg()->max_body + 1;
	char *big = malloc(n + 1);
	assert_non_null(big);
	memset(big, 'a', n);
	big[n] = '\0';
	assert_int_equal(status_of(f, "POST", "/login", big, NULL), 413);
	free(big);
	/* a body that does not decode is 400 */
	assert_int_equal(status_of(f, "POST", "/login", "csrf=%zz", NULL), 400);
}

/*
 * route (issue 12a): every address under /me/ is the person's own. Such a
 * route names no record (no :id, :id2 or :token), so its handler can only
 * read r->person_id's data: whoever asks, it answers their own and nobody
 * else's. It is for staff (the plan and the route are theirs) and never
 * public. The routes.test.mjs walk checks the pages themselves.
 */
static void test_me_routes_are_the_owners(void **state)
{
	(void)state;
	size_t n_me = 0;
	for (size_t i = 0; i < n_routes; i++) {
		const struct route *rt = &routes[i];
		const char *me = strstr(rt->pattern, "/me");
		if (!me || (me[3] != '\0' && me[3] != '/'))
			continue; /* not /me nor /me/... (e.g. /meetlat) */
		n_me++;
		if (strchr(rt->pattern, ':') != strrchr(rt->pattern, ':') ||
		    strncmp(rt->pattern, "/o/:org/me", 10) != 0)
			fail_msg("%s %s: an address under /me/ names no record", rt->method,
			         rt->pattern);
		assert_int_equal(rt->access, ACCESS_ORG);
		/* privacy (issue 14b): an ambassadeur leaves by themselves at /me/leave, own data too */
		if (strcmp(rt->pattern, "/o/:org/me/leave") == 0) {
			assert_int_equal(rt->roles, ROLE_AMBASSADEUR);
			continue;
		}
		assert_int_equal(rt->roles & ~(unsigned)ROLES_STAFF, 0);
	}
	assert_true(n_me >= 4);
}

int main(void)
{
#define T_(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_route_table_rows),
	    T_(test_unknown_path_404),
	    T_(test_public_routes),
	    T_(test_wrong_method_405),
	    T_(test_405_allow_lists_real_methods),
	    T_(test_org_without_slash_redirects),
	    T_(test_id_must_be_canonical_positive_integer),
	    T_(test_slug_rules),
	    T_(test_bad_utf8_path_400),
	    T_(test_logged_out_redirects_to_login),
	    T_(test_every_protected_route_refuses_logged_out),
	    T_(test_other_org_is_404),
	    T_(test_medewerker_403_on_admin_pages),
	    cmocka_unit_test(test_adviser_posts_only_on_purpose),
	    cmocka_unit_test(test_me_routes_are_the_owners), /* route (issue 12a) */
	    T_(test_adviser_403_on_team_posts),
	    T_(test_post_needs_csrf_even_for_admins),
	    T_(test_branch_of_other_org_via_url_is_404),
	    T_(test_error_page_shows_no_org),
	    T_(test_security_defaults),
	};
#undef T_
	return cmocka_run_group_tests_name("router", tests, NULL, NULL);
}
