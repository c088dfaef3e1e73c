/*
 * test_meetlat_pages.c - hole 3 in the pages of steps 1-2, the meetlat and
 * the adviser overview: a database error while loading a section is an
 * error (a logged 500), never the empty state ("nothing here yet").
 * Driven through server_handle_test().
 */
#include "core/instrument.h"
#include "http/router.h"
#include "testutil.h"

struct fx {
	struct tdb *t;
	char cookie_admin[80], cookie_adviser[80];
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (f == NULL)
		return -1;
	char err[300];
	if (instruments_load(NULL, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		free(f);
		return -1;
	}
	f->t = tdb_open_migrated();
	struct db *db = f->t->db;
	long long org = t_org(db, "bieb-a", "Bibliotheek A");
	long long admin = t_person(db, "admin@x.nl", "Anna Admin");
	long long adviser = t_person(db, "adviser@x.nl", "Ada Adviseur");
	assert_int_equal(member_set_role(db, org, 0, admin, ROLE_BEHEERDER), SAVE_OK);
	assert_int_equal(member_set_role(db, org, 0, adviser, ROLE_ADVISEUR), SAVE_OK);
	char tok[44];
	t_session(db, admin, tok);
	snprintf(f->cookie_admin, sizeof(f->cookie_admin), AUTH_SESSION_COOKIE "=%s", tok);
	t_session(db, adviser, tok);
	snprintf(f->cookie_adviser, sizeof(f->cookie_adviser), AUTH_SESSION_COOKIE "=%s", tok);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	tdb_close(f->t);
	instruments_free();
	free(f);
	return 0;
}

/*
 * GET uri shows empty_text while table is there; with table gone (renamed)
 * it answers 500 without the empty state; then the table comes back.
 */
static void error_is_not_empty(struct fx *f, const char *table, const char *uri, const char *cookie,
                               const char *empty_text)
{
	struct db *db = f->t->db;
	struct req r;
	t_request(&r, db, "GET", uri, NULL, cookie);
	if (r.status != 200 || strstr(t_body(&r), empty_text) == NULL)
		fail_msg("GET %s: %u, empty state \"%s\" %s", uri, r.status, empty_text,
		         strstr(t_body(&r), empty_text) ? "shown" : "missing");
	t_done(&r);

	char sql[200];
	snprintf(sql, sizeof(sql), "ALTER TABLE %s RENAME TO %s_gone", table, table);
	assert_int_equal(db_exec_script(db, sql), DB_OK);
	t_request(&r, db, "GET", uri, NULL, cookie);
	unsigned status = r.status;
	bool empty_shown = strstr(t_body(&r), empty_text) != NULL;
	t_done(&r);
	snprintf(sql, sizeof(sql), "ALTER TABLE %s_gone RENAME TO %s", table, table);
	assert_int_equal(db_exec_script(db, sql), DB_OK);
	if (status != 500 || empty_shown)
		fail_msg("GET %s without %s: %u%s (want a 500)", uri, table, status,
		         empty_shown ? ", and the empty state was shown" : "");
}

static void test_meetlat_list(void **state)
{
	struct fx *f = *state;
	error_is_not_empty(f, "meetlat_rounds", "/o/bieb-a/meetlat", f->cookie_admin,
	                   "Er is nog geen meetronde geweest.");
}

static void test_readiness(void **state)
{
	struct fx *f = *state;
	error_is_not_empty(f, "readiness_checks", "/o/bieb-a/readiness", f->cookie_admin,
	                   "Deze vragen zijn nog niet beantwoord.");
}

static void test_vision_sections(void **state)
{
	struct fx *f = *state;
	error_is_not_empty(f, "vision_sessions", "/o/bieb-a/vision", f->cookie_admin,
	                   "Er zijn nog geen visiesessies.");
	error_is_not_empty(f, "shared_visions", "/o/bieb-a/vision", f->cookie_admin,
	                   "Er is nog geen gedeelde visie.");
}

static void test_adviser_overview(void **state)
{
	struct fx *f = *state;
	error_is_not_empty(f, "meetlat_rounds", "/adviser", f->cookie_adviser,
	                   "nog geen gesloten ronde");
}

int main(void)
{
#define T_(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T_(test_meetlat_list),
	    T_(test_readiness),
	    T_(test_vision_sections),
	    T_(test_adviser_overview),
	};
#undef T_
	return cmocka_run_group_tests_name("meetlat pages", tests, NULL, NULL);
}
