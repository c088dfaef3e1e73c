/*
 * test_dashboard.c - the figures of the dashboard (core/dashboard.c), the
 * XLSX writer (web/xlsx.c) and the bar charts (web/chart.c): months are
 * counted across a year boundary from the summary table, per branch, and
 * never from another organisation; a workbook is a zip and leaves no file
 * behind, finished or abandoned; a chart is an image with a name, and its
 * labels are escaped.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/dashboard.h"
#include "web/chart.h"
#include "web/xlsx.h"

#include "testutil.h"

static void add_month(struct db *db, long long org, long long branch, const char *month,
                      const char *made, long long n, long long p)
{
	assert_int_equal(db_exec(db,
	                         "INSERT INTO activity_months (org_id, branch_id, month, made,"
	                         " activities, participants) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	                         DB_ARGS(DB_INT(org), DB_INT(branch), DB_TEXT(month), DB_TEXT(made),
	                                 DB_INT(n), DB_INT(p))),
	                 DB_OK);
}

static void months_across_a_year(void **state)
{
	(void)state;
	struct tdb *t = tdb_open_migrated();
	long long org = t_org(t->db, "bieb-a", "Bieb A"), other = t_org(t->db, "bieb-b", "Bieb B");
	add_month(t->db, org, 0, "2025-12", "voor", 2, 20);
	add_month(t->db, org, 3, "2025-12", "voor", 1, 4);
	add_month(t->db, org, 3, "2026-01", "door", 5, 50);
	add_month(t->db, org, 0, "2026-03", "met", 9, 90); /* after the period */
	add_month(t->db, other, 0, "2026-01", "met", 100, 1000);
	struct dash_month m[3];
	assert_int_equal(dash_months(t->db, org, 0, -1, "2026-02", 3, m), 0);
	assert_string_equal(m[0].month, "2025-12");
	assert_string_equal(m[1].month, "2026-01");
	assert_string_equal(m[2].month, "2026-02");
	assert_int_equal(m[0].activities[0], 3);
	assert_int_equal(m[0].participants[0], 24);
	assert_int_equal(m[1].activities[2], 5);
	assert_int_equal(m[1].activities[1], 0); /* the other organisation's 100 */
	assert_int_equal(m[2].activities[0] + m[2].activities[1] + m[2].activities[2], 0);
	/* one branch, and activities without a branch */
	assert_int_equal(dash_months(t->db, org, 0, 3, "2026-02", 3, m), 0);
	assert_int_equal(m[0].activities[0], 1);
	assert_int_equal(dash_months(t->db, org, 0, 0, "2026-02", 3, m), 0);
	assert_int_equal(m[0].activities[0], 2);
	assert_int_equal(m[1].activities[2], 0);
	/* nonsense is refused, not guessed */
	assert_int_equal(dash_months(t->db, org, 0, -1, "2026-13", 3, m), -1);
	assert_int_equal(dash_months(t->db, org, 0, -1, "junk", 3, m), -1);
	assert_int_equal(dash_months(t->db, org, 0, -1, "2026-02", 0, m), -1);
	assert_int_equal(dash_months(t->db, org, 0, -1, "2026-02", DASH_MAX_MONTHS + 1, m), -1);
	tdb_close(t);
}

static void communities_and_actions(void **state)
{
	(void)state;
	struct tdb *t = tdb_open_migrated();
	long long org = t_org(t->db, "bieb-a", "Bieb A"), other = t_org(t->db, "bieb-b", "Bieb B");
	assert_int_equal(
	    db_exec(t->db,
	            "INSERT INTO communities (org_id, name, archetype, status, status_since,"
	            " created_at, updated_at) VALUES (?1, 'A', 'purpose', 'samenwerken',"
	            " 1, 1, 1), (?1, 'B', '', 'samenwerken', 1, 1, 1),"
	            " (?1, 'C', 'location', 'gestopt', 1, 1, 1), (?2, 'D', '', 'gewenst', 1,"
	            " 1, 1)",
	            DB_ARGS(DB_INT(org), DB_INT(other))),
	    DB_OK);
	struct dash_communities c;
	assert_int_equal(dash_communities(t->db, org, 0, &c), 0);
	assert_int_equal(c.total, 3);
	assert_int_equal(c.status[3], 2);                   /* samenwerken */
	assert_int_equal(c.status[5], 1);                   /* gestopt */
	assert_int_equal(c.status[0], 0);                   /* the other organisation's gewenst */
	assert_int_equal(c.by[3][4], 1);                    /* samenwerken, purpose */
	assert_int_equal(c.by[3][DASH_N_ARCHETYPE - 1], 1); /* not chosen */
	long long open, late;
	assert_int_equal(dash_actions(t->db, org, "2026-06-01", &open, &late), 0);
	assert_int_equal(open, 0);
	assert_int_equal(late, 0);
	tdb_close(t);
}

static bool gone(const char *path)
{
	struct stat st;
	return stat(path, &st) != 0;
}

static void workbook_leaves_nothing(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct xlsx x;
	assert_int_equal(xlsx_begin(&x), 0);
	char dir[sizeof(x.dir)];
	memcpy(dir, x.dir, sizeof(dir));
	assert_false(gone(dir));
	struct stat st;
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700); /* private */
	struct sheet s = {.xlsx = &x};
	xlsx_sheet(&x, "Blad");
	const char *head[] = {"Naam", "Datum", "Aantal"};
	sheet_header(&s, head, 3);
	sheet_text(&s, "=1+1");
	sheet_date(&s, "2026-03-14");
	sheet_int(&s, 23);
	sheet_row_end(&s);
	sheet_date(&s, "geen datum"); /* written as text */
	sheet_row_end(&s);
	struct buf out;
	buf_init(&out, &a);
	assert_int_equal(xlsx_end(&x, &out), 0);
	assert_true(out.len > 1000);
	assert_memory_equal(out.data, "PK", 2);
	assert_true(gone(dir));
	/* abandoned halfway: gone too */
	assert_int_equal(xlsx_begin(&x), 0);
	memcpy(dir, x.dir, sizeof(dir));
	xlsx_sheet(&x, "Blad");
	sheet_text(&s, "half");
	xlsx_abort(&x);
	assert_true(gone(dir));
	arena_free(&a);
}

static void chart_is_a_named_image(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct html h;
	html_init(&h, &a);
	const char *labels[] = {"jan", "<b>"};
	const long long s0[] = {1, 2}, s1[] = {0, 3};
	const long long *vals[] = {s0, s1};
	const char *names[] = {"Voor", "Met"};
	chart_stacked(&h, &a, "c1", "Activiteiten", "Twee maanden", labels, 2, vals, names, 2);
	const char *svg = html_str(&h);
	assert_non_null(strstr(svg, "role=\"img\" aria-labelledby=\"c1-t c1-d\""));
	assert_non_null(strstr(svg, "<title id=\"c1-t\">Activiteiten</title>"));
	assert_non_null(strstr(svg, "&lt;b&gt;"));
	assert_null(strstr(svg, "<b>"));
	assert_non_null(strstr(svg, "url(#c1-p1)")); /* the second series has a pattern */
	html_init(&h, &a);
	const long long v[] = {4, 0};
	chart_hbars(&h, &a, "c2", "Fasen", "Twee fasen", labels, v, 2);
	assert_non_null(strstr(html_str(&h), "<title id=\"c2-t\">Fasen</title>"));
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(months_across_a_year),
	    cmocka_unit_test(communities_and_actions),
	    cmocka_unit_test(workbook_leaves_nothing),
	    cmocka_unit_test(chart_is_a_named_image),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
