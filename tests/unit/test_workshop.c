/*
 * test_workshop.c - team workshops (core/workshop*.c): the clock arithmetic
 * of an agenda (typed times and minutes read strictly, each row's clock
 * time and the end exact, nothing past midnight), the pilot's template,
 * rows added, changed, moved and taken out with their versions, refusals
 * that save nothing, and ids of another organisation or of people who are
 * not its staff. Runs on SQLite, and again on PostgreSQL when KRING_TEST_PG
 * names a cluster.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "community_fixture.h"
#include "core/workshop.h"

/* ---- clock arithmetic ---- */

static void test_parse_time(void **state)
{
	(void)state;
	assert_int_equal(workshop_parse_time("9:45"), 585);
	assert_int_equal(workshop_parse_time("09:45"), 585);
	assert_int_equal(workshop_parse_time("9.45"), 585);
	assert_int_equal(workshop_parse_time("0:00"), 0);
	assert_int_equal(workshop_parse_time("23:59"), 1439);
	assert_int_equal(workshop_parse_time("13:30"), 810);
	const char *bad[] = {"",      "24:00", "9:60",    "abc",   "9:5",   "9:450",
	                     " 9:45", "-1:00", "9:45:00", "9",     "945",   "9h45",
	                     "a9:45", "9:4a",  "99:99",   "９:45", "+9:45", "9 :45"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (workshop_parse_time(bad[i]) != -1)
			fail_msg("\"%s\" read as a time", bad[i]);
	assert_int_equal(workshop_parse_time(NULL), -1);
}

static void test_parse_minutes(void **state)
{
	(void)state;
	int m = -1;
	assert_int_equal(workshop_parse_minutes("30", &m), WSM_OK);
	assert_int_equal(m, 30);
	assert_int_equal(workshop_parse_minutes("1", &m), WSM_OK);
	assert_int_equal(m, 1);
	assert_int_equal(workshop_parse_minutes("720", &m), WSM_OK);
	assert_int_equal(m, WS_ROW_MAX);
	assert_int_equal(workshop_parse_minutes("007", &m), WSM_OK);
	assert_int_equal(m, 7);
	m = -1;
	assert_int_equal(workshop_parse_minutes("0", &m), WSM_ZERO);
	assert_int_equal(workshop_parse_minutes("-0", &m), WSM_ZERO);
	assert_int_equal(workshop_parse_minutes("000", &m), WSM_ZERO);
	assert_int_equal(workshop_parse_minutes("-5", &m), WSM_NEGATIVE);
	assert_int_equal(workshop_parse_minutes("-99999999999999999999999", &m), WSM_NEGATIVE);
	assert_int_equal(workshop_parse_minutes("721", &m), WSM_TOO_LONG);
	assert_int_equal(workshop_parse_minutes("99999999999999999999999", &m), WSM_TOO_LONG);
	assert_int_equal(workshop_parse_minutes("", &m), WSM_EMPTY);
	assert_int_equal(workshop_parse_minutes(NULL, &m), WSM_EMPTY);
	const char *letters[] = {"tien",
	                         "10 min",
	                         "1.5",
	                         "1,5",
	                         "-",
	                         "+5",
	                         " 5",
	                         "5 ",
	                         "0x10",
	                         "1e3",
	                         "99999999999999999999x"};
	for (size_t i = 0; i < sizeof(letters) / sizeof(letters[0]); i++)
		if (workshop_parse_minutes(letters[i], &m) != WSM_LETTERS)
			fail_msg("\"%s\" not refused as letters", letters[i]);
	assert_int_equal(m, -1); /* no refusal wrote a number */
}

static void test_format_time(void **state)
{
	(void)state;
	char s[8];
	workshop_format_time(0, s);
	assert_string_equal(s, "00:00");
	workshop_format_time(585, s);
	assert_string_equal(s, "09:45");
	workshop_format_time(1439, s);
	assert_string_equal(s, "23:59");
	workshop_format_time(1440, s);
	assert_string_equal(s, "24:00");
	workshop_format_time(-1, s);
	assert_string_equal(s, "--:--");
	workshop_format_time(1441, s);
	assert_string_equal(s, "--:--");
}

static void test_schedule(void **state)
{
	(void)state;
	/* the pilot's agenda (seed 004): 9.45, 10.15, 10.40, 11.10, 11.40, 11.55, end 12.05 */
	const int pilot[] = {30, 25, 30, 30, 15, 10};
	int starts[6], end = 0;
	assert_int_equal(workshop_schedule(585, pilot, 6, starts, &end), 0);
	const int want[] = {585, 615, 640, 670, 700, 715};
	for (int i = 0; i < 6; i++)
		assert_int_equal(starts[i], want[i]);
	assert_int_equal(end, 725);
	/* no rows: the end is the start */
	assert_int_equal(workshop_schedule(600, NULL, 0, NULL, &end), 0);
	assert_int_equal(end, 600);
	/* exactly to midnight is allowed; one minute more is not */
	const int hour[] = {60};
	assert_int_equal(workshop_schedule(1380, hour, 1, starts, &end), 0);
	assert_int_equal(end, WS_DAY_MIN);
	const int over[] = {30, 31};
	assert_int_equal(workshop_schedule(1380, over, 2, starts, &end), -1);
	assert_int_equal(starts[0], 1380);
	assert_int_equal(starts[1], 1410);
	assert_int_equal(end, -1);
	/* 2 x 720 from 0:00 ends at 24:00 exactly */
	const int halves[] = {720, 720};
	assert_int_equal(workshop_schedule(0, halves, 2, NULL, &end), 0);
	assert_int_equal(end, 1440);
	/* durations outside 1..720 and starts outside the day are refused */
	const int zero[] = {0}, neg[] = {-5}, huge[] = {2147483647};
	assert_int_equal(workshop_schedule(600, zero, 1, NULL, NULL), -1);
	assert_int_equal(workshop_schedule(600, neg, 1, NULL, NULL), -1);
	assert_int_equal(workshop_schedule(600, huge, 1, NULL, &end), -1);
	assert_int_equal(workshop_schedule(-1, pilot, 6, NULL, NULL), -1);
	assert_int_equal(workshop_schedule(1440, NULL, 0, NULL, NULL), -1);
	/* many rows: exact, no overflow (40 rows of 36 minutes from 0:00 = 24:00) */
	int forty[40];
	for (int i = 0; i < 40; i++)
		forty[i] = 36;
	int s40[40];
	assert_int_equal(workshop_schedule(0, forty, 40, s40, &end), 0);
	assert_int_equal(s40[39], 39 * 36);
	assert_int_equal(end, 1440);
}

/* ---- the route table ---- */

/* Every workshop address is for the library's staff alone: beheerder and medewerker. */
static void test_route_rules(void **state)
{
	(void)state;
	int n = 0;
	for (size_t i = 0; i < n_routes; i++) {
		const struct route *rt = &routes[i];
		if (strncmp(rt->pattern, "/o/:org/workshops", 17) != 0)
			continue;
		n++;
		assert_int_equal(rt->access, ACCESS_ORG);
		assert_int_equal(rt->roles, ROLES_STAFF);
		assert_int_equal(rt->roles & (ROLE_ADVISEUR | ROLE_AMBASSADEUR), 0);
	}
	assert_int_equal(n, 13);
}

/* ---- records ---- */

static long long count_rows(struct fx *f, long long ws)
{
	long long n = -1;
	assert_int_equal(db_query_int(f->db,
	                              "SELECT COUNT(*) FROM workshop_rows WHERE workshop_id = ?",
	                              DB_ARGS(DB_INT(ws)), &n),
	                 DB_ROW);
	return n;
}

static void test_template_and_rows(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	long long id = 0;
	assert_int_equal(workshop_create_from_template(f->db, f->org_a, f->staff_a, WS_TEMPLATE,
	                                               "2026-05-12", &id),
	                 SAVE_OK);
	assert_int_equal(workshop_create_from_template(f->db, f->org_a, f->staff_a, "bestaat-niet",
	                                               "2026-05-12", NULL),
	                 SAVE_NOT_FOUND);
	assert_int_equal(workshop_create_from_template(f->db, f->org_a, f->staff_a, WS_TEMPLATE,
	                                               "2026-02-30", NULL),
	                 SAVE_REFUSED);
	struct workshop w;
	assert_int_equal(workshop_get(f->db, &a, f->org_a, id, &w), 1);
	assert_string_equal(w.title, "Teamworkshop werken in netwerken");
	assert_int_equal(w.start_min, 585);
	assert_int_equal(w.n_rows, 6);
	assert_int_equal(w.total_min, 140);
	struct workshop_row *rows;
	size_t n;
	assert_int_equal(workshop_rows(f->db, &a, f->org_a, id, &rows, &n), 0);
	assert_int_equal(n, 6);
	assert_string_equal(rows[0].topic, "Waarom werken in netwerken?");
	assert_string_equal(rows[1].topic, "Bespreken van aansprekende voorbeelden");
	assert_string_equal(rows[1].work_form, "interactief");
	assert_string_equal(rows[2].work_form, "groepen");
	assert_int_equal(rows[3].minutes, 30);
	assert_string_equal(rows[3].material, "Geeltjes, stiften");

	/* a row that would run past midnight is refused and saves nothing */
	struct workshop_row big = {.minutes = 720, .topic = "Te lang", .work_form = "plenair"};
	enum ws_problem why = WSP_NONE;
	assert_int_equal(workshop_row_add(f->db, f->org_a, f->staff_a, id, &big, &why, NULL),
	                 SAVE_REFUSED);
	assert_int_equal(why, WSP_PAST_MIDNIGHT);
	assert_int_equal(count_rows(f, id), 6);
	/* 9:45 + 140 + 715 = 24:00 exactly: allowed */
	big.minutes = 715;
	long long rid = 0;
	assert_int_equal(workshop_row_add(f->db, f->org_a, f->staff_a, id, &big, &why, &rid),
	                 SAVE_OK);
	assert_int_equal(count_rows(f, id), 7);
	/* a later start would push it past midnight: refused, the start stays */
	assert_int_equal(workshop_get(f->db, &a, f->org_a, id, &w), 1);
	struct workshop later = w;
	later.start_min = 600;
	assert_int_equal(workshop_update(f->db, f->org_a, f->staff_a, &later, &why), SAVE_REFUSED);
	assert_int_equal(why, WSP_PAST_MIDNIGHT);
	assert_int_equal(workshop_get(f->db, &a, f->org_a, id, &w), 1);
	assert_int_equal(w.start_min, 585);
	/* an earlier start is fine */
	later.start_min = 540;
	assert_int_equal(workshop_update(f->db, f->org_a, f->staff_a, &later, &why), SAVE_OK);
	/* the same version again: a conflict */
	assert_int_equal(workshop_update(f->db, f->org_a, f->staff_a, &later, &why), SAVE_CONFLICT);
	/* values outside their ranges are refused in core too */
	struct workshop_row odd = {.minutes = 0, .topic = "Nul", .work_form = "plenair"};
	assert_int_equal(workshop_row_add(f->db, f->org_a, f->staff_a, id, &odd, &why, NULL),
	                 SAVE_REFUSED);
	odd.minutes = 5;
	odd.work_form = "dansen";
	assert_int_equal(workshop_row_add(f->db, f->org_a, f->staff_a, id, &odd, &why, NULL),
	                 SAVE_REFUSED);
	assert_int_equal(count_rows(f, id), 7);

	/* changing a row: the version it saw, and midnight again */
	struct workshop_row r0;
	assert_int_equal(workshop_row_get(f->db, &a, f->org_a, id, rid, &r0), 1);
	r0.minutes = 700;
	assert_int_equal(workshop_row_update(f->db, f->org_a, f->staff_a, id, &r0, &why), SAVE_OK);
	r0.minutes = 10; /* r0.version is now old */
	assert_int_equal(workshop_row_update(f->db, f->org_a, f->staff_a, id, &r0, &why),
	                 SAVE_CONFLICT);
	assert_int_equal(workshop_row_get(f->db, &a, f->org_a, id, rid, &r0), 1);
	r0.minutes = 720; /* 540 + 140 + 720 = 1400: fits */
	assert_int_equal(workshop_row_update(f->db, f->org_a, f->staff_a, id, &r0, &why), SAVE_OK);
	assert_int_equal(workshop_row_get(f->db, &a, f->org_a, id, rid, &r0), 1);
	assert_int_equal(workshop_row_delete(f->db, f->org_a, f->staff_a, id, rid, r0.version - 1),
	                 SAVE_CONFLICT);
	assert_int_equal(workshop_row_delete(f->db, f->org_a, f->staff_a, id, rid, r0.version),
	                 SAVE_OK);
	assert_int_equal(count_rows(f, id), 6);
	arena_free(&a);
	fx_close(f);
}

static void test_move(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	long long id = 0;
	assert_int_equal(workshop_create_from_template(f->db, f->org_a, f->staff_a, WS_TEMPLATE,
	                                               "2026-05-12", &id),
	                 SAVE_OK);
	struct workshop_row *rows;
	size_t n;
	assert_int_equal(workshop_rows(f->db, &a, f->org_a, id, &rows, &n), 0);
	long long first = rows[0].id, second = rows[1].id, last = rows[5].id;
	/* the first down: it swaps with the second */
	assert_int_equal(
	    workshop_row_move(f->db, f->org_a, f->staff_a, id, first, rows[0].version, false),
	    SAVE_OK);
	/* a second click with the old version: a conflict, nothing moves */
	assert_int_equal(
	    workshop_row_move(f->db, f->org_a, f->staff_a, id, first, rows[0].version, false),
	    SAVE_CONFLICT);
	assert_int_equal(workshop_rows(f->db, &a, f->org_a, id, &rows, &n), 0);
	assert_int_equal(rows[0].id, second);
	assert_int_equal(rows[1].id, first);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(rows[i].position, (int)i + 1);
	/* the first up and the last down change nothing */
	assert_int_equal(
	    workshop_row_move(f->db, f->org_a, f->staff_a, id, second, rows[0].version, true),
	    SAVE_OK);
	assert_int_equal(
	    workshop_row_move(f->db, f->org_a, f->staff_a, id, last, rows[5].version, false),
	    SAVE_OK);
	struct workshop_row *again;
	assert_int_equal(workshop_rows(f->db, &a, f->org_a, id, &again, &n), 0);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(again[i].id, rows[i].id);
	/* the last up */
	assert_int_equal(
	    workshop_row_move(f->db, f->org_a, f->staff_a, id, last, rows[5].version, true),
	    SAVE_OK);
	assert_int_equal(workshop_rows(f->db, &a, f->org_a, id, &again, &n), 0);
	assert_int_equal(again[4].id, last);
	/* deleting a row closes the gap */
	assert_int_equal(
	    workshop_row_delete(f->db, f->org_a, f->staff_a, id, again[0].id, again[0].version),
	    SAVE_OK);
	assert_int_equal(workshop_rows(f->db, &a, f->org_a, id, &again, &n), 0);
	assert_int_equal(n, 5);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(again[i].position, (int)i + 1);
	arena_free(&a);
	fx_close(f);
}

static void test_foreign_ids(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	long long id = 0, other = 0;
	assert_int_equal(workshop_create_from_template(f->db, f->org_a, f->staff_a, WS_TEMPLATE,
	                                               "2026-05-12", &id),
	                 SAVE_OK);
	struct workshop wb = {.title = "Van B", .held_on = "2026-05-13", .start_min = 600};
	assert_int_equal(workshop_create(f->db, f->org_b, f->admin_b, &wb, &other), SAVE_OK);
	struct workshop w;
	assert_int_equal(workshop_get(f->db, &a, f->org_b, id, &w), 0);
	struct workshop_row *rows;
	size_t n;
	assert_int_equal(workshop_rows(f->db, &a, f->org_a, id, &rows, &n), 0);
	assert_int_equal(workshop_rows(f->db, &a, f->org_b, id, &rows, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(workshop_rows(f->db, &a, f->org_a, id, &rows, &n), 0);
	enum ws_problem why;
	struct workshop_row row = {.minutes = 5, .topic = "X", .work_form = "plenair"};
	/* org B cannot touch org A's workshop or its rows */
	assert_int_equal(workshop_row_add(f->db, f->org_b, f->admin_b, id, &row, &why, NULL),
	                 SAVE_NOT_FOUND);
	struct workshop_row mine = rows[0];
	mine.minutes = 5;
	assert_int_equal(workshop_row_update(f->db, f->org_b, f->admin_b, id, &mine, &why),
	                 SAVE_NOT_FOUND);
	/* a row of A named under B's workshop */
	assert_int_equal(workshop_row_update(f->db, f->org_b, f->admin_b, other, &mine, &why),
	                 SAVE_NOT_FOUND);
	assert_int_equal(
	    workshop_row_move(f->db, f->org_b, f->admin_b, id, mine.id, mine.version, false),
	    SAVE_NOT_FOUND);
	assert_int_equal(
	    workshop_row_delete(f->db, f->org_b, f->admin_b, id, mine.id, mine.version),
	    SAVE_NOT_FOUND);
	assert_int_equal(workshop_get(f->db, &a, f->org_a, id, &w), 1);
	w.title = "Overgenomen";
	assert_int_equal(workshop_update(f->db, f->org_b, f->admin_b, &w, &why), SAVE_NOT_FOUND);
	assert_int_equal(workshop_delete(f->db, f->org_b, f->admin_b, id, w.version),
	                 SAVE_NOT_FOUND);
	assert_int_equal(count_rows(f, id), 6);

	/* attendance: only the org's staff; nothing saved when one id is not */
	struct workshop ev = w;
	ev.others = 4;
	ev.went_well = "Goed";
	ev.score = 4;
	const long long bad_b[] = {f->staff_a, f->admin_b};
	assert_int_equal(workshop_evaluate(f->db, f->org_a, f->staff_a, &ev, bad_b, 2),
	                 SAVE_NOT_FOUND);
	const long long bad_amb[] = {f->amb};
	assert_int_equal(workshop_evaluate(f->db, f->org_a, f->staff_a, &ev, bad_amb, 1),
	                 SAVE_NOT_FOUND);
	const long long bad_adv[] = {f->adviser};
	assert_int_equal(workshop_evaluate(f->db, f->org_a, f->staff_a, &ev, bad_adv, 1),
	                 SAVE_NOT_FOUND);
	assert_int_equal(workshop_evaluate(f->db, f->org_b, f->admin_b, &ev, NULL, 0),
	                 SAVE_NOT_FOUND);
	assert_int_equal(workshop_get(f->db, &a, f->org_a, id, &w), 1);
	assert_int_equal(w.evaluated_at, 0);
	assert_int_equal(w.n_present, 0);
	/* out of range */
	ev.score = 6;
	assert_int_equal(workshop_evaluate(f->db, f->org_a, f->staff_a, &ev, NULL, 0),
	                 SAVE_REFUSED);
	ev.score = 4;
	ev.others = -1;
	assert_int_equal(workshop_evaluate(f->db, f->org_a, f->staff_a, &ev, NULL, 0),
	                 SAVE_REFUSED);
	ev.others = 4;
	const long long good[] = {f->staff_a, f->admin_a, f->staff_a};
	assert_int_equal(workshop_evaluate(f->db, f->org_a, f->staff_a, &ev, good, 3), SAVE_OK);
	assert_int_equal(workshop_get(f->db, &a, f->org_a, id, &w), 1);
	assert_int_equal(w.n_present, 2);
	assert_int_equal(w.others, 4);
	assert_int_equal(w.score, 4);
	assert_true(w.evaluated_at > 0);
	/* the old version again: a conflict */
	assert_int_equal(workshop_evaluate(f->db, f->org_a, f->staff_a, &ev, good, 3),
	                 SAVE_CONFLICT);
	struct workshop_staff *staff;
	assert_int_equal(workshop_staff(f->db, &a, f->org_a, id, &staff, &n), 0);
	size_t present = 0;
	for (size_t i = 0; i < n; i++) {
		present += staff[i].present;
		assert_true(staff[i].person_id != f->amb && staff[i].person_id != f->adviser &&
		            staff[i].person_id != f->admin_b);
	}
	assert_int_equal(present, 2);
	/* deleting takes the rows and attendance along */
	assert_int_equal(workshop_delete(f->db, f->org_a, f->staff_a, id, w.version), SAVE_OK);
	assert_int_equal(count_rows(f, id), 0);
	long long left = -1;
	assert_int_equal(
	    db_query_int(f->db, "SELECT COUNT(*) FROM workshop_attendance WHERE workshop_id = ?",
	                 DB_ARGS(DB_INT(id)), &left),
	    DB_ROW);
	assert_int_equal(left, 0);
	arena_free(&a);
	fx_close(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_time),  cmocka_unit_test(test_parse_minutes),
	    cmocka_unit_test(test_format_time), cmocka_unit_test(test_schedule),
	    cmocka_unit_test(test_route_rules), cmocka_unit_test(test_template_and_rows),
	    cmocka_unit_test(test_move),        cmocka_unit_test(test_foreign_ids),
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
