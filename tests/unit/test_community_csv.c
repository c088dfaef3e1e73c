/*
 * test_community_csv.c - CSV for Dutch Excel (web/csv.c) and the community
 * export built on it (rows from core/community_list.c, written by
 * pages/community_csv.c): byte-order mark, ';', CRLF, quoting, and formula
 * injection neutralised.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "community_fixture.h"
#include "pages/community_ui.h"
#include "web/csv.h"

/* The export as the page writes it: rows from the core, CSV from the page. 0 or -1. */
static int export_csv(struct db *db, struct arena *a, long long org,
                      const struct community_filter *flt, struct buf *out)
{
	struct community_export *rows;
	size_t n;
	if (community_export_rows(db, a, org, flt, &rows, &n) != 0)
		return -1;
	community_csv_write(out, a, rows, n);
	return 0;
}

/* One row of cells written with csv_cell, without the BOM. */
static const char *row(struct arena *a, const char *const *cells, size_t n)
{
	struct buf b;
	buf_init(&b, a);
	struct csv c;
	csv_begin(&c, &b);
	for (size_t i = 0; i < n; i++)
		csv_cell(&c, cells[i]);
	csv_row_end(&c);
	assert_memory_equal(b.data, "\xEF\xBB\xBF", 3);
	return b.data + 3;
}

static void test_plain_cells(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	const char *cells[] = {"Taalcafé", "", NULL, "Zandhoven"};
	assert_string_equal(row(&a, cells, 4), "Taalcafé;;;Zandhoven\r\n");
	arena_free(&a);
}

static void test_quoting(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	const char *cells[] = {"a;b", "zei \"hallo\"", "regel 1\nregel 2", "cr\rhier", "1,5"};
	assert_string_equal(
	    row(&a, cells, 5),
	    "\"a;b\";\"zei \"\"hallo\"\"\";\"regel 1\nregel 2\";\"cr\rhier\";1,5\r\n");
	arena_free(&a);
}

static void test_formula_injection_neutralised(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	const char *cells[] = {"=1+1", "+31 6 1234", "-2", "@SUM(A1)", "\tx", "a=b"};
	assert_string_equal(row(&a, cells, 6), "'=1+1;'+31 6 1234;'-2;'@SUM(A1);'\tx;a=b\r\n");
	const char *hyper[] = {"=HYPERLINK(\"http://x\";\"klik\")"};
	assert_string_equal(row(&a, hyper, 1),
	                    "\"'=HYPERLINK(\"\"http://x\"\";\"\"klik\"\")\"\r\n");
	arena_free(&a);
}

static void test_numbers_are_not_neutralised(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct buf b;
	buf_init(&b, &a);
	struct csv c;
	csv_begin(&c, &b);
	csv_cell_int(&c, -5);
	csv_cell_int(&c, 12);
	csv_row_end(&c);
	assert_string_equal(b.data + 3, "-5;12\r\n");
	arena_free(&a);
}

static void test_export_of_communities(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	struct community c;
	assert_int_equal(community_get(f->db, &a, f->org_a, f->community, &c), 1);
	c.description = "Koffie; taal en \"gezelligheid\"\nelke dinsdag";
	c.contact_name = "=cmd|' /C calc'!A0";
	c.archetype = "circumstance";
	assert_int_equal(community_update(f->db, f->org_a, 0, &c), SAVE_OK);
	assert_int_equal(community_item_add(f->db, f->org_a, 0, f->community, "sterkte",
	                                    "Tien talen", NULL, NULL),
	                 SAVE_OK);
	assert_int_equal(community_item_add(f->db, f->org_a, 0, f->community, "voor",
	                                    "Welkomstbord", "gedaan", NULL),
	                 SAVE_OK);
	assert_int_equal(
	    community_staff_add(f->db, f->org_a, 0, f->community, f->staff_a, "bouwer"), SAVE_OK);

	struct community_filter flt = {.sort = SORT_NAME};
	struct buf out;
	buf_init(&out, &a);
	assert_int_equal(export_csv(f->db, &a, f->org_a, &flt, &out), 0);
	const char *csv = buf_str(&out);
	assert_memory_equal(csv,
	                    "\xEF\xBB\xBF"
	                    "Naam;Status;",
	                    3 + 12);
	assert_non_null(strstr(csv, "\"Koffie; taal en \"\"gezelligheid\"\"\nelke dinsdag\""));
	assert_non_null(strstr(csv, ";'=cmd|' /C calc'!A0;"));
	assert_non_null(strstr(csv, "Levensfase (circumstance)"));
	assert_non_null(strstr(csv, ";Tien talen;"));
	assert_non_null(strstr(csv, "Welkomstbord (Gedaan)"));
	assert_non_null(strstr(csv, ";Sam Medewerker;"));
	assert_non_null(strstr(csv, "geen verbinder; geen aanjager"));
	assert_non_null(strstr(csv, "Repair Café"));
	assert_null(strstr(csv, "Leesclub B")); /* the other organisation's */
	/* 3 lines: header and two communities, each ending in CRLF */
	int lines = 0;
	for (const char *p = csv; (p = strstr(p, "\r\n")) != NULL; p += 2)
		lines++;
	assert_int_equal(lines, 3);

	/* an ambassadeur's export holds only their community */
	struct community_filter mine = {.only_attached = f->amb};
	buf_init(&out, &a);
	assert_int_equal(export_csv(f->db, &a, f->org_a, &mine, &out), 0);
	assert_non_null(strstr(buf_str(&out), "Taalcafé"));
	assert_null(strstr(buf_str(&out), "Repair Café"));
	arena_free(&a);
	fx_close(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain_cells),
	    cmocka_unit_test(test_quoting),
	    cmocka_unit_test(test_formula_injection_neutralised),
	    cmocka_unit_test(test_numbers_are_not_neutralised),
	    cmocka_unit_test(test_export_of_communities),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
