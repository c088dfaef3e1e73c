/*
 * test_db_stream.c - db_query_stream_stmt on both backends: every row comes,
 * in order, one at a time; a reader that stops early leaves the connection
 * usable; the read transaction's first statement may be a streamed one; an
 * error in the statement is an error, not an empty result.
 */
#include "db/db.h"
#include "testutil.h"
/* after testutil.h (it uses cmocka) */
#include "pgtest.h"

#define ROWS 2500

static void fill(struct db *db)
{
	assert_int_equal(db_exec_script(db, "CREATE TABLE stream_t (id INTEGER PRIMARY KEY,"
	                                    " body TEXT NOT NULL)"),
	                 DB_OK);
	assert_int_equal(db_begin(db), DB_OK);
	for (long long i = 1; i <= ROWS; i++)
		assert_int_equal(db_exec(db, "INSERT INTO stream_t (id, body) VALUES (?1, ?2)",
		                         DB_ARGS(DB_INT(i), DB_TEXT("row"))),
		                 DB_OK);
	assert_int_equal(db_commit(db), DB_OK);
}

/* Streams rows with id > from; reads at most stop rows (0: all); returns the count. */
static long long stream(struct db *db, long long from, long long stop)
{
	struct db_stmt *st;
	assert_int_equal(db_query_stream_stmt(db, &st,
	                                      DB_SQL("SELECT id, body FROM stream_t WHERE id > ?1"
	                                             " ORDER BY id"),
	                                      DB_ARGS(DB_INT(from))),
	                 DB_OK);
	long long n = 0, expect = from + 1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		assert_int_equal(db_col_int(st, 0), expect++);
		struct arena a;
		arena_init(&a);
		assert_string_equal(db_col_text(st, 1, &a), "row");
		arena_free(&a);
		if (++n == stop)
			break;
	}
	if (stop == 0 || n < stop)
		assert_int_equal(rc, DB_DONE);
	db_finish(st);
	return n;
}

static void check(struct db *db)
{
	fill(db);
	assert_int_equal(stream(db, 0, 0), ROWS);
	assert_int_equal(stream(db, ROWS - 2, 0), 2);
	assert_int_equal(stream(db, ROWS, 0), 0); /* no rows at all */
	/* stopped after three rows: the rest is dropped, the connection answers again */
	assert_int_equal(stream(db, 0, 3), 3);
	long long count = 0;
	assert_int_equal(db_query_int(db, "SELECT COUNT(*) FROM stream_t", NULL, &count), DB_ROW);
	assert_int_equal(count, ROWS);
	/* the first statement of a read transaction, then another in it */
	assert_int_equal(db_begin_read(db), DB_OK);
	assert_int_equal(stream(db, 10, 0), ROWS - 10);
	assert_int_equal(
	    db_query_int(db, "SELECT COUNT(*) FROM stream_t WHERE id <= 10", NULL, &count), DB_ROW);
	assert_int_equal(count, 10);
	db_end_read(db);
	/* a statement that fails on the server is an error */
	struct db_stmt *st = NULL;
	int rc = db_query_stream_stmt(db, &st,
	                              DB_SQL("SELECT id FROM stream_t WHERE id > 0"
	                                     " AND 1 / (id - ?1) > 0"),
	                              DB_ARGS(DB_INT(5)));
	if (rc == DB_OK) { /* SQLite divides by zero into NULL; PostgreSQL refuses */
		while ((rc = db_step(st)) == DB_ROW)
			;
		db_finish(st);
	}
	if (db_backend(db) == DB_POSTGRES)
		assert_true(rc != DB_OK && rc != DB_DONE && rc != DB_ROW);
	/* and the connection still answers */
	assert_int_equal(db_query_int(db, "SELECT COUNT(*) FROM stream_t", NULL, &count), DB_ROW);
	assert_int_equal(count, ROWS);
}

static void test_sqlite_streams(void **state)
{
	(void)state;
	struct tdb *t = tdb_open();
	check(t->db);
	tdb_close(t);
}

static void test_postgres_streams(void **state)
{
	(void)state;
	const char *base = pgtest_base();
	if (base == NULL) {
		print_message("KRING_TEST_PG not set: the PostgreSQL part is skipped\n");
		skip();
	}
	char name[64];
	struct db *db;
	pgtest_create(base, "stream", name, sizeof(name), &db);
	check(db);
	pgtest_drop(base, name, db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sqlite_streams),
	    cmocka_unit_test(test_postgres_streams),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
