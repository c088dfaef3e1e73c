/*
 * test_schema.c - the SQLite and PostgreSQL migrations make the same
 * schema: the same tables with the same columns, except the search tables
 * that only one backend has (named below). Runs the comparison when
 * KRING_TEST_PG names a cluster (scripts/test sets it); without it, only
 * SQLite's list is checked against itself.
 */
#include "db/db.h"
#include "testutil.h"

#include "pgtest.h"

/* Tables only one backend has: full-text search is built differently. */
static const char *const sqlite_only[] = {
    "search_words",         "search_words_config", "search_words_content", "search_words_data",
    "search_words_docsize", "search_words_idx",    "search_parts",         "search_parts_config",
    "search_parts_content", "search_parts_data",   "search_parts_docsize", "search_parts_idx",
    "sqlite_sequence",
};
static const char *const postgres_only[] = {"search_terms"};

static bool listed(const char *table, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(table, names[i]) == 0)
			return true;
	return false;
}

/* "table.column" lines, sorted, of every table of db but the excepted ones. */
static char *schema_of(struct db *db)
{
	struct arena a;
	arena_init(&a);
	struct db_stmt *st;
	int rc =
	    db_backend(db) == DB_POSTGRES
	        ? db_query(db, &st,
	                   "SELECT c.table_name, c.column_name FROM information_schema.columns c"
	                   " JOIN information_schema.tables t ON t.table_schema = c.table_schema"
	                   " AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'"
	                   " WHERE c.table_schema = current_schema()"
	                   " ORDER BY c.table_name COLLATE \"C\", c.column_name COLLATE \"C\"",
	                   DB_NOARGS)
	        : db_query(db, &st,
	                   "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p"
	                   " WHERE m.type = 'table' ORDER BY m.name, p.name",
	                   DB_NOARGS);
	assert_int_equal(rc, DB_OK);
	struct buf out;
	buf_init(&out, &a);
	bool pg = db_backend(db) == DB_POSTGRES;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *table = db_col_text(st, 0, &a);
		if (pg ? listed(table, postgres_only,
		                sizeof(postgres_only) / sizeof(*postgres_only))
		       : listed(table, sqlite_only, sizeof(sqlite_only) / sizeof(*sqlite_only)))
			continue;
		buf_printf(&out, "%s.%s\n", table, db_col_text(st, 1, &a));
	}
	db_finish(st);
	assert_int_equal(rc, DB_DONE);
	char *copy = strdup(buf_str(&out));
	arena_free(&a);
	return copy;
}

static void test_sqlite_schema_has_the_tables(void **state)
{
	(void)state;
	struct tdb *t = tdb_open();
	char err[256] = "";
	assert_int_equal(db_migrate(t->db, err, sizeof(err)), DB_OK);
	char *s = schema_of(t->db);
	/* the excepted search tables are left out, the shared ones are in */
	assert_non_null(strstr(s, "\nsearch_docs.body\n"));
	assert_null(strstr(s, "search_words"));
	assert_non_null(strstr(s, "persons."));
	assert_non_null(strstr(s, "schema_migrations.name\n"));
	free(s);
	tdb_close(t);
}

static void test_both_backends_have_the_same_schema(void **state)
{
	(void)state;
	const char *base = pgtest_base();
	if (base == NULL) {
		fprintf(stderr, "KRING_TEST_PG is not set: PostgreSQL schema not compared here\n");
		skip();
	}
	struct tdb *t = tdb_open();
	char err[256] = "";
	assert_int_equal(db_migrate(t->db, err, sizeof(err)), DB_OK);
	char *lite = schema_of(t->db);
	tdb_close(t);

	struct db *db = NULL;
	char name[64];
	pgtest_create(base, "schema", name, sizeof(name), &db);
	if (db_migrate(db, err, sizeof(err)) != DB_OK)
		fail_msg("db_migrate: %s", err);
	char *pg = schema_of(db);
	pgtest_drop(base, name, db);
	assert_non_null(strstr(pg, "\nsearch_docs.body\n")); /* a real list, not two empty ones */

	if (strcmp(lite, pg) != 0) {
		/* name the first line that differs */
		const char *a = lite, *b = pg;
		while (*a && *a == *b) {
			const char *na = strchr(a, '\n'), *nb = strchr(b, '\n');
			if (!na || !nb || na - a != nb - b || strncmp(a, b, (size_t)(na - a)) != 0)
				break;
			a = na + 1;
			b = nb + 1;
		}
		fail_msg("schemas differ: SQLite has '%.*s', PostgreSQL has '%.*s'",
		         (int)strcspn(a, "\n"), a, (int)strcspn(b, "\n"), b);
	}
	free(lite);
	free(pg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sqlite_schema_has_the_tables),
	    cmocka_unit_test(test_both_backends_have_the_same_schema),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
