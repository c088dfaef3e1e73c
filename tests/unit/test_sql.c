/*
 * test_sql.c - every SQL statement of the program prepares against a
 * freshly migrated database.
 *
 * db.h's macros place a pointer to each statement literal in the
 * "kring_sql" section; this test is linked with the whole kring_core
 * archive (CMakeLists.txt) and with main.c (included below), so the
 * section holds every statement, including ones only a page or the command
 * line runs.
 *
 * A statement only one backend can prepare starts with a comment naming it
 * ("/" "* sqlite *" "/ ..." or "/" "* postgres *" "/ ..."): each is prepared on
 * its own backend only. With KRING_TEST_PG set (scripts/test sets it), every
 * statement is also prepared against a freshly migrated PostgreSQL database.
 */
#include "db/db.h"
#include "testutil.h"

#include "pgtest.h"

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

/* True when sql is marked for the other backend than the one of db. */
static bool other_backend(struct db *db, const char *sql)
{
	bool pg = db_backend(db) == DB_POSTGRES;
	return strncmp(sql, pg ? "/* sqlite */" : "/* postgres */", pg ? 12 : 14) == 0;
}

/* Prepares every statement for db's backend (db migrated); fails naming the bad ones. */
static void prepare_all(struct db *db, const char *backend)
{
	size_t bad = 0, checked = 0;
	for (size_t i = 0; i < n_statements(); i++) {
		const char *sql = __start_kring_sql[i];
		if (other_backend(db, sql))
			continue;
		checked++;
		if (db_check_sql(db, sql) != DB_OK) {
			fprintf(stderr, "statement does not prepare on %s: %s\n  -> %s\n", backend,
			        sql, db_errmsg(db));
			bad++;
		}
	}
	assert_true(checked > 100);
	if (bad > 0)
		fail_msg("%zu of %zu statements do not prepare on %s (listed above)", bad, checked,
		         backend);
}

static void test_every_statement_prepares(void **state)
{
	(void)state;
	struct tdb *t = tdb_open();
	char err[256] = "";
	if (db_migrate(t->db, err, sizeof(err)) != DB_OK)
		fail_msg("db_migrate: %s", err);
	prepare_all(t->db, "SQLite");
	tdb_close(t);
}

static void test_every_statement_prepares_on_postgres(void **state)
{
	(void)state;
	const char *base = pgtest_base();
	if (base == NULL) {
		fprintf(stderr, "KRING_TEST_PG is not set: PostgreSQL not checked here\n");
		skip();
	}
	struct db *db = NULL;
	char name[64], err[256] = "";
	pgtest_create(base, "sql", name, sizeof(name), &db);
	if (db_migrate(db, err, sizeof(err)) != DB_OK)
		fail_msg("db_migrate: %s", err);
	prepare_all(db, "PostgreSQL");
	pgtest_drop(base, name, db);
}

static void test_statements_marked_for_one_backend(void **state)
{
	(void)state;
	/* the search has one statement per backend */
	assert_true(registered("/* sqlite */ SELECT d.ref_id"));
	assert_true(registered("/* postgres */ SELECT d.ref_id"));
	struct tdb *t = tdb_open();
	assert_true(other_backend(t->db, "/* postgres */ SELECT 1"));
	assert_false(other_backend(t->db, "/* sqlite */ SELECT 1"));
	assert_false(other_backend(t->db, "SELECT 1"));
	tdb_close(t);
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
	    cmocka_unit_test(test_every_statement_prepares_on_postgres),
	    cmocka_unit_test(test_statements_marked_for_one_backend),
	    cmocka_unit_test(test_check_sql_names_the_problem),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
