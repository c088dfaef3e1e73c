/*
 * test_community_holes.c - the holes of issue 7 in the communities, each
 * proven closed: an ambassadeur who is removed or re-roled gets nothing
 * back when re-added (hole 2); a failed read is a 500, never an empty
 * section (hole 3); a delete names the version it saw and a stale one
 * deletes nothing (hole 7); the form needs only a name (hole 8). Also the
 * list's numbered filter parameters (every filter at once) and its pager.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "community_fixture.h"
#include "core/search.h"

/* What person (an ambassadeur) sees of org A: (visible?, rows on the list, search hits). */
static void seen_by(struct fx *f, long long person, long long community, int *visible, size_t *rows,
                    size_t *hits)
{
	struct arena a;
	arena_init(&a);
	*visible = community_visible(f->db, f->org_a, community, person);
	struct community_filter flt = {.only_attached = person};
	struct community_row *v;
	long long total = 0;
	assert_int_equal(community_list(f->db, &a, f->org_a, &flt, 0, 0, &v, rows, &total), 0);
	assert_int_equal((long long)*rows, total);
	struct search_result res;
	assert_int_equal(search_run(f->db, &a, f->org_a, person, false, "taalcafe", &res), 0);
	*hits = res.n_hits;
	arena_free(&a);
}

static long long count(struct fx *f, const char *sql, long long person)
{
	long long n = -1;
	assert_int_equal(db_query_int_(f->db, sql, DB_ARGS(DB_INT(person)), &n), DB_ROW);
	return n;
}

static void test_removed_ambassador_gets_nothing_back(void **state)
{
	(void)state;
	struct fx *f = fx_open(); /* amb is attached to Taalcafé */
	int visible;
	size_t rows, hits;
	seen_by(f, f->amb, f->community, &visible, &rows, &hits);
	assert_int_equal(visible, 1);
	assert_int_equal(rows, 1);
	assert_int_equal(hits, 1);

	/* removed and added again: a new ambassadeur, attached to nothing */
	assert_int_equal(member_remove(f->db, f->org_a, f->admin_a, f->amb), SAVE_OK);
	assert_int_equal(
	    count(f, "SELECT COUNT(*) FROM community_ambassadors WHERE person_id = ?", f->amb), 0);
	fx_member(f->db, f->org_a, f->amb, ROLE_AMBASSADEUR);
	seen_by(f, f->amb, f->community, &visible, &rows, &hits);
	assert_int_equal(visible, 0);
	assert_int_equal(rows, 0);
	assert_int_equal(hits, 0);

	/* re-roled and back: the same */
	assert_int_equal(community_ambassador_add(f->db, f->org_a, 0, f->community, f->amb),
	                 SAVE_OK);
	fx_member(f->db, f->org_a, f->amb, ROLE_MEDEWERKER);
	assert_int_equal(
	    count(f, "SELECT COUNT(*) FROM community_ambassadors WHERE person_id = ?", f->amb), 0);
	fx_member(f->db, f->org_a, f->amb, ROLE_AMBASSADEUR);
	seen_by(f, f->amb, f->community, &visible, &rows, &hits);
	assert_int_equal(visible, 0);
	assert_int_equal(rows, 0);
	assert_int_equal(hits, 0);

	/* a medewerker who leaves the staff roles leaves the staff of communities too */
	assert_int_equal(
	    community_staff_add(f->db, f->org_a, 0, f->community, f->staff_a, "bouwer"), SAVE_OK);
	fx_member(f->db, f->org_a, f->staff_a, ROLE_ADVISEUR);
	assert_int_equal(
	    count(f, "SELECT COUNT(*) FROM community_staff WHERE person_id = ?", f->staff_a), 0);
	fx_close(f);
}

static void test_visibility_joins_the_membership(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	/* an attachment left behind (as in a database from before the fix) of a
	 * person who is no ambassadeur now counts for nothing */
	assert_int_equal(
	    db_exec(f->db,
	            "INSERT INTO community_ambassadors (org_id, community_id,"
	            " person_id, created_at) VALUES (?, ?, ?, 0)",
	            DB_ARGS(DB_INT(f->org_a), DB_INT(f->community), DB_INT(f->staff_a2))),
	    DB_OK);
	int visible;
	size_t rows, hits;
	seen_by(f, f->staff_a2, f->community, &visible, &rows, &hits);
	assert_int_equal(visible, 0);
	assert_int_equal(rows, 0);
	assert_int_equal(hits, 0);
	fx_close(f);
}

/* Names of the communities of org A matching flt, "a,b," in list order. */
static const char *names(struct fx *f, struct arena *a, const struct community_filter *flt)
{
	struct community_row *v;
	size_t n;
	long long total;
	assert_int_equal(community_list(f->db, a, f->org_a, flt, 0, 0, &v, &n, &total), 0);
	struct buf b;
	buf_init(&b, a);
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s,", v[i].name);
	return buf_str(&b);
}

static void test_list_filters_all_at_once(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	/* four communities that differ in one filter each from "Doel" */
	long long ids[4];
	const char *const nm[] = {"Doel", "Andere status", "Ander type", "Andere rol"};
	for (int i = 0; i < 4; i++) {
		struct community c = {.name = nm[i],
		                      .status = i == 1 ? "verkennen" : "samenwerken",
		                      .archetype = i == 2 ? "action" : "purpose"};
		assert_int_equal(community_create(f->db, f->org_a, 0, &c, &ids[i]), SAVE_OK);
		assert_int_equal(community_ambassador_add(f->db, f->org_a, 0, ids[i], f->amb2),
		                 SAVE_OK);
		assert_int_equal(community_staff_add(f->db, f->org_a, 0, ids[i], f->staff_a2,
		                                     i == 3 ? "verbinder" : "aanjager"),
		                 SAVE_OK);
	}
	struct community_filter flt = {.status = "samenwerken",
	                               .archetype = "purpose",
	                               .role = "aanjager",
	                               .person = f->staff_a2,
	                               .sort = SORT_NAME,
	                               .only_attached = f->amb2};
	assert_string_equal(names(f, &a, &flt), "Doel,");
	flt.role = "ontbreekt"; /* every one of them misses roles */
	assert_string_equal(names(f, &a, &flt), "Andere rol,Doel,");
	flt.only_attached = f->amb; /* attached to none of them */
	assert_string_equal(names(f, &a, &flt), "");
	flt = (struct community_filter){.role = "verbinder", .sort = SORT_STATUS};
	assert_string_equal(names(f, &a, &flt), "Andere rol,");
	flt = (struct community_filter){.status = "verkennen", .person = f->staff_a2};
	assert_string_equal(names(f, &a, &flt), "Andere status,");
	flt = (struct community_filter){.archetype = "action", .only_attached = f->amb2};
	assert_string_equal(names(f, &a, &flt), "Ander type,");
	/* paging counts the same filter */
	struct community_row *v;
	size_t n;
	long long total;
	flt = (struct community_filter){.person = f->staff_a2, .sort = SORT_NAME};
	assert_int_equal(community_list(f->db, &a, f->org_a, &flt, 2, 2, &v, &n, &total), 0);
	assert_int_equal(total, 4);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].name, "Andere status");
	assert_string_equal(v[1].name, "Doel");
	arena_free(&a);
	fx_close(f);
}

static void test_read_error_is_an_error(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	char cookie[80];
	fx_session(f, f->staff_a, cookie);
	struct req r;
	const char *uri = arena_printf(&a, "/o/bieb-a/communities/%lld", f->community);
	assert_int_equal(fx_request(f, &r, "GET", uri, NULL, cookie), 200);
	assert_non_null(strstr(buf_str(&r.resp), "id=\"h-verloop\""));
	arena_free(&r.arena);
	/* the status history cannot be read: the page is a 500, not an empty history */
	assert_int_equal(db_exec(f->db, "DROP TABLE community_status_changes", DB_NOARGS), DB_OK);
	assert_int_equal(fx_request(f, &r, "GET", uri, NULL, cookie), 500);
	assert_null(strstr(buf_str(&r.resp), "id=\"h-verloop\""));
	arena_free(&r.arena);
	/* the same for the scan's notes */
	assert_int_equal(fx_request(f, &r, "GET", "/o/bieb-a/scan", NULL, cookie), 200);
	arena_free(&r.arena);
	assert_int_equal(db_exec(f->db, "DROP TABLE scan_notes", DB_NOARGS), DB_OK);
	assert_int_equal(fx_request(f, &r, "GET", "/o/bieb-a/scan", NULL, cookie), 500);
	arena_free(&r.arena);
	arena_free(&a);
	fx_close(f);
}

static void test_stale_delete_deletes_nothing(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	char cookie[80], csrf[128];
	fx_session(f, f->staff_a, cookie);
	fx_csrf(f, cookie, csrf);
	struct req r;

	/* the confirmation carries the version seen */
	long long seen = fx_version(f, f->org_a, f->community);
	const char *confirm = arena_printf(&a, "/o/bieb-a/communities/%lld/delete", f->community);
	assert_int_equal(fx_request(f, &r, "GET", confirm, NULL, cookie), 200);
	assert_non_null(
	    strstr(buf_str(&r.resp), arena_printf(&a, "name=\"version\" value=\"%lld\"", seen)));
	arena_free(&r.arena);
	/* a colleague saves meanwhile */
	struct community c;
	assert_int_equal(community_get(f->db, &a, f->org_a, f->community, &c), 1);
	c.description = "Net aangevuld door een collega";
	assert_int_equal(community_update(f->db, f->org_a, f->staff_a2, &c), SAVE_OK);
	/* the stale confirmation answers 409, says why in Dutch, and deletes nothing */
	assert_int_equal(fx_request(f, &r, "POST", confirm,
	                            arena_printf(&a, "csrf=%s&version=%lld", csrf, seen), cookie),
	                 409);
	assert_non_null(strstr(buf_str(&r.resp), "Er is niets verwijderd"));
	arena_free(&r.arena);
	assert_int_equal(community_get(f->db, &a, f->org_a, f->community, &c), 1);
	/* without a version nothing is deleted either */
	assert_int_equal(
	    fx_request(f, &r, "POST", confirm, arena_printf(&a, "csrf=%s", csrf), cookie), 409);
	arena_free(&r.arena);
	/* the current version deletes */
	assert_int_equal(fx_request(f, &r, "POST", confirm,
	                            arena_printf(&a, "csrf=%s&version=%lld", csrf,
	                                         fx_version(f, f->org_a, f->community)),
	                            cookie),
	                 303);
	arena_free(&r.arena);
	assert_int_equal(community_get(f->db, &a, f->org_a, f->community, &c), 0);

	/* scan entries and notes: the same */
	assert_int_equal(scan_entry_add(f->db, f->org_a, 0, "gewenst", "Mantelzorgers", "", ""),
	                 SAVE_OK);
	assert_int_equal(scan_note_add(f->db, f->org_a, 0, "thema", "Gezondheid", ""), SAVE_OK);
	struct scan_entry *e;
	struct scan_note *nt;
	size_t n;
	assert_int_equal(scan_entry_list(f->db, &a, f->org_a, &e, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(scan_note_list(f->db, &a, f->org_a, &nt, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(scan_entry_update(f->db, f->org_a, 0, e[0].id, "bestaand",
	                                   "Mantelzorgers Zuid", "", ""),
	                 SAVE_OK);
	assert_int_equal(scan_note_update(f->db, f->org_a, 0, nt[0].id, "Gezondheid en zorg", ""),
	                 SAVE_OK);
	assert_int_equal(scan_entry_delete(f->db, f->org_a, 0, e[0].id, e[0].version),
	                 SAVE_CONFLICT);
	assert_int_equal(fx_request(f, &r, "POST",
	                            arena_printf(&a, "/o/bieb-a/scan/notes/%lld/delete", nt[0].id),
	                            arena_printf(&a, "csrf=%s&version=%lld", csrf, nt[0].version),
	                            cookie),
	                 409);
	assert_non_null(strstr(buf_str(&r.resp), "Er is niets weggehaald"));
	arena_free(&r.arena);
	assert_int_equal(scan_entry_list(f->db, &a, f->org_a, &e, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(scan_note_list(f->db, &a, f->org_a, &nt, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(scan_entry_delete(f->db, f->org_a, 0, e[0].id, e[0].version), SAVE_OK);
	assert_int_equal(scan_note_delete(f->db, f->org_a, 0, nt[0].id, nt[0].version), SAVE_OK);
	arena_free(&a);
	fx_close(f);
}

static void test_only_the_name_is_needed(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	char cookie[80], csrf[128];
	fx_session(f, f->staff_a, cookie);
	fx_csrf(f, cookie, csrf);
	struct req r;
	/* the form says so */
	assert_int_equal(fx_request(f, &r, "GET", "/o/bieb-a/communities/new", NULL, cookie), 200);
	assert_non_null(strstr(buf_str(&r.resp), "Kies je niets, dan wordt een nieuwe community"));
	arena_free(&r.arena);
	/* a form with a name and no status makes a desired community */
	assert_int_equal(fx_request(f, &r, "POST", "/o/bieb-a/communities/new",
	                            arena_printf(&a, "csrf=%s&name=Zonder+status", csrf), cookie),
	                 303);
	arena_free(&r.arena);
	long long id = 0;
	assert_int_equal(db_query_int(f->db, "SELECT id FROM communities WHERE name = ?",
	                              DB_ARGS(DB_TEXT("Zonder status")), &id),
	                 DB_ROW);
	struct community c;
	assert_int_equal(community_get(f->db, &a, f->org_a, id, &c), 1);
	assert_string_equal(c.status, "gewenst");
	/* an edit without a status keeps the status it had */
	c.status = "samenwerken";
	assert_int_equal(community_update(f->db, f->org_a, 0, &c), SAVE_OK);
	assert_int_equal(fx_request(f, &r, "POST",
	                            arena_printf(&a, "/o/bieb-a/communities/%lld/edit", id),
	                            arena_printf(&a, "csrf=%s&name=Zonder+status&version=%lld",
	                                         csrf, fx_version(f, f->org_a, id)),
	                            cookie),
	                 303);
	arena_free(&r.arena);
	assert_int_equal(community_get(f->db, &a, f->org_a, id, &c), 1);
	assert_string_equal(c.status, "samenwerken");
	arena_free(&a);
	fx_close(f);
}

static void test_one_pager_keeps_the_filter(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	for (int i = 0; i < 27; i++) {
		struct community c = {.name = arena_printf(&a, "Groep %02d", i),
		                      .status = "verkennen"};
		assert_int_equal(community_create(f->db, f->org_a, 0, &c, NULL), SAVE_OK);
	}
	char cookie[80];
	fx_session(f, f->staff_a, cookie);
	struct req r;
	/* 27 matching: two pages of 25; the links keep the filter and the sort */
	assert_int_equal(
	    fx_request(f, &r, "GET",
	               "/o/bieb-a/communities?status=verkennen&sorteer=status&pagina=2", NULL,
	               cookie),
	    200);
	const char *body = buf_str(&r.resp);
	assert_non_null(strstr(body, "Pagina 2 van 2"));
	assert_non_null(strstr(body, "href=\"?status=verkennen&amp;sorteer=status&amp;pagina=1\""));
	assert_null(strstr(body, "pagina=3"));
	assert_non_null(strstr(body, "Groep 26"));
	assert_null(strstr(body, "Groep 00"));
	/* the export link carries the same filter */
	assert_non_null(strstr(body, "communities.csv?status=verkennen&amp;sorteer=status\""));
	arena_free(&r.arena);
	/* a page that is no number, or out of range, is the first */
	static const char *const bad[] = {"0", "-1", "abc", "2x", "100001", ""};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(
		    fx_request(f, &r, "GET",
		               arena_printf(&a, "/o/bieb-a/communities?status=verkennen&pagina=%s",
		                            bad[i]),
		               NULL, cookie),
		    200);
		assert_non_null(strstr(buf_str(&r.resp), "Pagina 1 van 2"));
		arena_free(&r.arena);
	}
	arena_free(&a);
	fx_close(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_removed_ambassador_gets_nothing_back),
	    cmocka_unit_test(test_visibility_joins_the_membership),
	    cmocka_unit_test(test_list_filters_all_at_once),
	    cmocka_unit_test(test_one_pager_keeps_the_filter),
	    cmocka_unit_test(test_read_error_is_an_error),
	    cmocka_unit_test(test_stale_delete_deletes_nothing),
	    cmocka_unit_test(test_only_the_name_is_needed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
