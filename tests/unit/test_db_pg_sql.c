/*
 * test_db_pg_sql.c - the PostgreSQL driver's text work, without a server
 * (db/db_pg_sql.c): '?' placeholders as '$N', parameters as texts with
 * their types, and a URL without its password for messages.
 */
#include "db/db_driver.h"
#include "testutil.h"

/* The rewritten text of sql (freed by the caller) and its parameter count. */
static char *rewrite(const char *sql, int *n)
{
	*n = -1;
	return db_pg_placeholders(sql, n);
}

static void test_placeholders(void **state)
{
	(void)state;
	int n;
	char *s = rewrite("SELECT a FROM t WHERE b = ? AND c = ?", &n);
	assert_string_equal(s, "SELECT a FROM t WHERE b = $1 AND c = $2");
	assert_int_equal(n, 2);
	free(s);
	/* numbered ones, reused, and a bare one after them takes the next number */
	s = rewrite("?2 = 0 OR (x = ?1 AND y = ?2) OR z = ?", &n);
	assert_string_equal(s, "$2 = 0 OR (x = $1 AND y = $2) OR z = $3");
	assert_int_equal(n, 3);
	free(s);
	/* literals, quoted identifiers and line comments keep their '?' */
	s = rewrite("SELECT '?', 'it''s ?', \"a?b\" -- why?\nFROM t WHERE x = ?", &n);
	assert_string_equal(s, "SELECT '?', 'it''s ?', \"a?b\" -- why?\nFROM t WHERE x = $1");
	assert_int_equal(n, 1);
	free(s);
	s = rewrite("SELECT 1", &n);
	assert_string_equal(s, "SELECT 1");
	assert_int_equal(n, 0);
	free(s);
	/* out of range */
	assert_null(rewrite("x = ?0", &n));
	assert_null(rewrite("x = ?65", &n));
	assert_null(rewrite("x = ?99999999999999999999", &n));
	s = rewrite("x = ?64", &n);
	assert_string_equal(s, "x = $64");
	free(s);
	/* an unterminated literal is copied to the end, not read past it */
	s = rewrite("SELECT 'open ?", &n);
	assert_string_equal(s, "SELECT 'open ?");
	free(s);
}

static void test_params(void **state)
{
	(void)state;
	const char *values[PG_MAX_PARAMS];
	unsigned int types[PG_MAX_PARAMS];
	char ints[PG_MAX_PARAMS][24];
	struct db_param p[] = {DB_INT(-9007199254740993LL),
	                       DB_TEXT("tekst"),
	                       DB_TEXT(NULL),
	                       DB_NULL,
	                       {.type = DBP_END}};
	assert_int_equal(db_pg_params(p, values, types, ints), 4);
	assert_string_equal(values[0], "-9007199254740993");
	assert_int_equal(types[0], PG_OID_INT8);
	assert_string_equal(values[1], "tekst");
	assert_int_equal(types[1], PG_OID_TEXT);
	assert_null(values[2]);
	assert_int_equal(types[2], 0);
	assert_null(values[3]);
	assert_int_equal(db_pg_params(NULL, values, types, ints), 0);
	struct db_param many[PG_MAX_PARAMS + 2];
	for (int i = 0; i <= PG_MAX_PARAMS; i++)
		many[i] = DB_INT(i);
	many[PG_MAX_PARAMS + 1] = (struct db_param){.type = DBP_END};
	assert_int_equal(db_pg_params(many, values, types, ints), -1);
	many[PG_MAX_PARAMS] = (struct db_param){.type = DBP_END};
	assert_int_equal(db_pg_params(many, values, types, ints), PG_MAX_PARAMS);
	assert_string_equal(values[PG_MAX_PARAMS - 1], "63");
}

static void test_url_for_messages(void **state)
{
	(void)state;
	char out[128];
	db_pg_url_for_messages("postgresql://kring:geheim@db.example.nl/kring", out, sizeof(out));
	assert_string_equal(out, "postgresql://kring:***@db.example.nl/kring");
	assert_null(strstr(out, "geheim"));
	db_pg_url_for_messages("postgresql://kring@/kring?host=%2Ftmp", out, sizeof(out));
	assert_string_equal(out, "postgresql://kring@/kring?host=%2Ftmp");
	db_pg_url_for_messages("postgres://db:5432/kring", out, sizeof(out));
	assert_string_equal(out, "postgres://db:5432/kring");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_placeholders),
	    cmocka_unit_test(test_params),
	    cmocka_unit_test(test_url_for_messages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
