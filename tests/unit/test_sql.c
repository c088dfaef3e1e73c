/*
 * test_sql.c - every SQL statement of the program prepares against a
 * freshly migrated database.
 *
 * db.h's macros place a pointer to each statement literal in the
 * "kring_sql" section; this test is linked with the whole kring_core
 * archive (CMakeLists.txt) and with main.c (included below), so the
 * section holds every statement, including ones only a page or the command
 * line runs.
 */
#include "db/db.h"
#include "testutil.h"

/* main.c's statements too: its main() becomes kring_cli_main() here */
int kring_cli_main(int argc, char **argv);
#define main kring_cli_main
#include "../../src/main.c"
#undef main

extern const char *const __start_kring_sql[] __attribute__((weak));
extern const char *const __stop_kring_sql[] __attribute__((weak));

static size_t n_statements(void)
{
	return (size_t)(__stop_kring_sql - __start_kring_sql);
}

/* True when some registered statement contains needle. */
static bool registered(const char *needle)
{
	for (size_t i = 0; i < n_statements(); i++)
		if (strstr(__start_kring_sql[i], needle) != NULL)
			return true;
	return false;
}

static void test_every_statement_prepares(void **state)
{
	(void)state;
	struct tdb *t = tdb_open();
	char err[256] = "";
	if (db_migrate(t->db, err, sizeof(err)) != DB_OK)
		fail_msg("db_migrate: %s", err);
	size_t bad = 0;
	for (size_t i = 0; i < n_statements(); i++) {
		const char *sql = __start_kring_sql[i];
		if (db_check_sql(t->db, sql) != DB_OK) {
			fprintf(stderr, "statement does not prepare: %s\n  -> %s\n", sql,
			        db_errmsg(t->db));
			bad++;
		}
	}
	tdb_close(t);
	if (bad > 0)
		fail_msg("%zu of %zu statements do not prepare (listed above)", bad,
		         n_statements());
}

static void test_section_holds_the_whole_program(void **state)
{
	(void)state;
	/* well over a hundred statements, from the driver, a domain module,
	 * a page module and the command line */
	assert_true(n_statements() > 100);
	assert_true(registered("BEGIN IMMEDIATE"));                    /* db_sqlite.c */
	assert_true(registered("INSERT INTO login_failures"));         /* auth.c */
	assert_true(registered("FROM meetlat_rounds r"));              /* core/meetlat.c */
	assert_true(registered("UPDATE persons SET locked = ?"));      /* main.c */
	assert_false(registered("SELECT no_such_statement_anywhere")); /* a real search */
}

static void test_check_sql_names_the_problem(void **state)
{
	(void)state;
	struct tdb *t = tdb_open();
	char err[256] = "";
	assert_int_equal(db_migrate(t->db, err, sizeof(err)), DB_OK);
	assert_int_equal(db_check_sql(t->db, "SELECT id FROM orgs WHERE slug = ?"), DB_OK);
	assert_true(db_check_sql(t->db, "SELECT nope FROM orgs") < 0);
	assert_non_null(strstr(db_errmsg(t->db), "nope"));
	assert_true(db_check_sql(t->db, "SELECT * FROM no_such_table") < 0);
	assert_non_null(strstr(db_errmsg(t->db), "no_such_table"));
	/* a second statement would be silently ignored by prepare: refused */
	assert_true(db_check_sql(t->db, "SELECT 1; SELECT 2") < 0);
	assert_int_equal(db_check_sql(t->db, "SELECT 1;"), DB_OK);
	tdb_close(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_section_holds_the_whole_program),
	    cmocka_unit_test(test_every_statement_prepares),
	    cmocka_unit_test(test_check_sql_names_the_problem),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
