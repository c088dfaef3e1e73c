/*
 * test_db.c - the SQLite driver behind db.h, on a temporary file.
 */
#include "db/db.h"
#include "testutil.h"

static int setup(void **state)
{
	struct tdb *t = tdb_open();
	char err[256] = "";
	if (db_migrate(t->db, err, sizeof(err)) != DB_OK) {
		fprintf(stderr, "db_migrate: %s\n", err);
		return -1;
	}
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	tdb_close(*state);
	return 0;
}

static struct db *DB(void **state)
{
	return ((struct tdb *)*state)->db;
}

static void test_open_bad_path_fails(void **state)
{
	(void)state;
	struct db *db = (struct db *)1;
	char err[256] = "";
	db_global_init();
	assert_int_equal(db_open(&db, "/nonexistent-dir-kring/x/y.db", err, sizeof(err)), DB_ERROR);
	assert_null(db);
	assert_non_null(strstr(err, "/nonexistent-dir-kring/x/y.db"));
	db_close(NULL); /* NULL is fine */
}

static void test_migrate_idempotent(void **state)
{
	struct db *db = DB(state);
	char err[256] = "";
	long long migrations = tdb_int(db, "SELECT COUNT(*) FROM schema_migrations");
	assert_true(migrations >= 1);
	assert_int_equal(db_migrate(db, err, sizeof(err)), DB_OK);
	assert_int_equal(db_migrate(db, err, sizeof(err)), DB_OK);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM schema_migrations"), migrations);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM schema_migrations"
	                             " WHERE name LIKE '%001_foundation%'"),
	                 1);
	/* the tables of 001 exist */
	static const char *const tables[] = {"settings",       "orgs",        "branches",
	                                     "persons",        "memberships", "sessions",
	                                     "login_failures", "audit_log"};
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		long long n = 0;
		assert_int_equal(
		    db_query_int(db,
		                 "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"
		                 " AND name = ?",
		                 DB_ARGS(DB_TEXT(tables[i])), &n),
		    DB_ROW);
		if (n != 1)
			fail_msg("table %s missing", tables[i]);
	}
	/* no transaction left open */
	assert_int_equal(db_begin(db), DB_OK);
	assert_int_equal(db_commit(db), DB_OK);
}

static void test_migrate_on_fresh_second_file(void **state)
{
	(void)state;
	struct tdb *t = tdb_open();
	char err[256] = "";
	assert_int_equal(db_migrate(t->db, err, sizeof(err)), DB_OK);
	/* reopen: migrations are remembered in the file */
	db_close(t->db);
	assert_int_equal(db_open(&t->db, t->path, err, sizeof(err)), DB_OK);
	long long before = tdb_int(t->db, "SELECT COUNT(*) FROM schema_migrations");
	assert_int_equal(db_migrate(t->db, err, sizeof(err)), DB_OK);
	assert_int_equal(tdb_int(t->db, "SELECT COUNT(*) FROM schema_migrations"), before);
	tdb_close(t);
}

static void test_pragmas(void **state)
{
	struct db *db = DB(state);
	struct arena a;
	struct db_stmt *st;
	arena_init(&a);
	assert_int_equal(db_query(db, &st, "PRAGMA journal_mode", DB_NOARGS), DB_OK);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_col_text(st, 0, &a), "wal");
	db_finish(st);
	assert_int_equal(tdb_int(db, "PRAGMA synchronous"), 2); /* FULL */
	assert_int_equal(tdb_int(db, "PRAGMA foreign_keys"), 1);
	assert_int_equal(tdb_int(db, "PRAGMA secure_delete"), 1);
	assert_true(tdb_int(db, "PRAGMA busy_timeout") >= 1000);
	arena_free(&a);
}

static void test_params_bound_in_order(void **state)
{
	struct db *db = DB(state);
	struct arena a;
	struct db_stmt *st;
	arena_init(&a);
	assert_int_equal(db_query(db, &st, "SELECT ?, ?", DB_ARGS(DB_TEXT("a"), DB_TEXT("b"))),
	                 DB_OK);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_col_text(st, 0, &a), "a");
	assert_string_equal(db_col_text(st, 1, &a), "b");
	assert_int_equal(db_step(st), DB_DONE);
	db_finish(st);

	assert_int_equal(db_query(db, &st, "SELECT ? - ?, ?, ? IS NULL, ? IS NULL",
	                          DB_ARGS(DB_INT(10), DB_INT(3), DB_INT(-9000000000000LL), DB_NULL,
	                                  DB_TEXT(NULL))),
	                 DB_OK);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 7);
	assert_int_equal(db_col_int(st, 1), -9000000000000LL);
	assert_int_equal(db_col_int(st, 2), 1);
	assert_int_equal(db_col_int(st, 3), 1);
	db_finish(st);

	/* text with quotes and non-ASCII goes in and out unchanged */
	const char *tricky = "O'Brien \"; DROP TABLE orgs; -- Ærø 東京 🙂";
	assert_int_equal(db_query(db, &st, "SELECT ?", DB_ARGS(DB_TEXT(tricky))), DB_OK);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_col_text(st, 0, &a), tricky);
	db_finish(st);
	arena_free(&a);
}

static void test_wrong_parameter_count(void **state)
{
	struct db *db = DB(state);
	struct db_stmt *st = (struct db_stmt *)1;
	assert_int_equal(db_query(db, &st, "SELECT ?, ?", DB_ARGS(DB_TEXT("a"))), DB_ERROR);
	assert_null(st);
	assert_int_equal(
	    db_query(db, &st, "SELECT ?, ?", DB_ARGS(DB_TEXT("a"), DB_TEXT("b"), DB_TEXT("c"))),
	    DB_ERROR);
	assert_int_equal(db_query(db, &st, "SELECT ?, ?", DB_NOARGS), DB_ERROR);
	assert_int_equal(db_exec(db, "DELETE FROM orgs WHERE id = ?", DB_NOARGS), DB_ERROR);
	assert_int_equal(db_exec(db, "DELETE FROM orgs", DB_ARGS(DB_INT(1))), DB_ERROR);
	/* the statements are usable again afterwards */
	long long v = 0;
	assert_int_equal(db_query(db, &st, "SELECT ?, ?", DB_ARGS(DB_INT(4), DB_INT(5))), DB_OK);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 1), 5);
	db_finish(st);
	assert_int_equal(db_query_int(db, "SELECT ? + 1", DB_ARGS(DB_INT(41)), &v), DB_ROW);
	assert_int_equal(v, 42);
}

static void test_syntax_error(void **state)
{
	struct db *db = DB(state);
	struct db_stmt *st = (struct db_stmt *)1;
	assert_int_equal(db_query(db, &st, "SELEKT 1", DB_NOARGS), DB_ERROR);
	assert_null(st);
	assert_non_null(strstr(db_errmsg(db), "syntax"));
	assert_int_equal(db_exec(db, "INSERT INTO no_such_table VALUES (1)", DB_NOARGS), DB_ERROR);
	assert_non_null(strstr(db_errmsg(db), "no_such_table"));
}

#define INSERT_ORG "INSERT INTO orgs (slug, name, created_at) VALUES (?, ?, 0)"

static void test_unique_violation(void **state)
{
	struct db *db = DB(state);
	assert_int_equal(db_exec(db, INSERT_ORG, DB_ARGS(DB_TEXT("a"), DB_TEXT("A"))), DB_OK);
	assert_int_equal(db_exec(db, INSERT_ORG, DB_ARGS(DB_TEXT("a"), DB_TEXT("A2"))),
	                 DB_CONSTRAINT);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM orgs"), 1);
	/* NOT NULL and CHECK are constraints too */
	assert_int_equal(db_exec(db, INSERT_ORG, DB_ARGS(DB_TEXT("b"), DB_NULL)), DB_CONSTRAINT);
	assert_int_equal(db_exec(db,
	                         "INSERT INTO persons (email, name, pw_hash, created_at)"
	                         " VALUES ('p@x', 'P', 'h', 0)",
	                         DB_NOARGS),
	                 DB_OK);
	assert_int_equal(db_exec(db,
	                         "INSERT INTO memberships (org_id, person_id, role, created_at)"
	                         " VALUES (1, 1, 'koning', 0)",
	                         DB_NOARGS),
	                 DB_CONSTRAINT);
}

static void test_foreign_key_violation(void **state)
{
	struct db *db = DB(state);
	assert_int_equal(
	    db_exec(db, "INSERT INTO branches (org_id, name, created_at) VALUES (?, 'x', 0)",
	            DB_ARGS(DB_INT(999))),
	    DB_CONSTRAINT);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM branches"), 0);
	/* ON DELETE CASCADE works because foreign keys are on */
	assert_int_equal(db_exec(db, INSERT_ORG, DB_ARGS(DB_TEXT("c"), DB_TEXT("C"))), DB_OK);
	long long org = tdb_int(db, "SELECT id FROM orgs WHERE slug = 'c'");
	assert_int_equal(
	    db_exec(db, "INSERT INTO branches (org_id, name, created_at) VALUES (?, 'x', 0)",
	            DB_ARGS(DB_INT(org))),
	    DB_OK);
	assert_int_equal(db_exec(db, "DELETE FROM orgs WHERE id = ?", DB_ARGS(DB_INT(org))), DB_OK);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM branches"), 0);
}

static void test_errmsg_follows_the_last_error(void **state)
{
	struct db *db = DB(state);
	/* a driver-level error first ... */
	assert_int_equal(db_query_int(db, "SELECT ?", DB_NOARGS, &(long long){0}), DB_ERROR);
	assert_non_null(strstr(db_errmsg(db), "parameters"));
	/* ... then a constraint error: the message must describe the new one */
	assert_int_equal(db_exec(db, INSERT_ORG, DB_ARGS(DB_TEXT("d"), DB_TEXT("D"))), DB_OK);
	assert_int_equal(db_exec(db, INSERT_ORG, DB_ARGS(DB_TEXT("d"), DB_TEXT("D"))),
	                 DB_CONSTRAINT);
	const char *msg = db_errmsg(db);
	if (strstr(msg, "UNIQUE") == NULL)
		fail_msg("db_errmsg after a UNIQUE violation is stale: \"%s\"", msg);
}

static void test_transactions(void **state)
{
	struct db *db = DB(state);
	/* rollback leaves nothing */
	assert_int_equal(db_begin(db), DB_OK);
	assert_int_equal(db_exec(db, INSERT_ORG, DB_ARGS(DB_TEXT("r1"), DB_TEXT("R1"))), DB_OK);
	assert_int_equal(db_exec(db, INSERT_ORG, DB_ARGS(DB_TEXT("r2"), DB_TEXT("R2"))), DB_OK);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM orgs"), 2);
	db_rollback(db);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM orgs"), 0);
	/* commit keeps */
	assert_int_equal(db_begin(db), DB_OK);
	assert_int_equal(db_exec(db, INSERT_ORG, DB_ARGS(DB_TEXT("k1"), DB_TEXT("K1"))), DB_OK);
	assert_int_equal(db_commit(db), DB_OK);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM orgs"), 1);
	/* rollback without a transaction is harmless */
	db_rollback(db);
	db_rollback(db);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM orgs"), 1);
	/* a constraint error inside a transaction does not end it */
	assert_int_equal(db_begin(db), DB_OK);
	assert_int_equal(db_exec(db, INSERT_ORG, DB_ARGS(DB_TEXT("k2"), DB_TEXT("K2"))), DB_OK);
	assert_int_equal(db_exec(db, INSERT_ORG, DB_ARGS(DB_TEXT("k1"), DB_TEXT("dup"))),
	                 DB_CONSTRAINT);
	db_rollback(db);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM orgs"), 1);
	/* nested begin is an error, not silently accepted */
	assert_int_equal(db_begin(db), DB_OK);
	assert_true(db_begin(db) < 0);
	db_rollback(db);
}

static void test_commit_visible_to_other_connection(void **state)
{
	struct tdb *t = *state;
	struct db *other;
	char err[256];
	assert_int_equal(db_open(&other, t->path, err, sizeof(err)), DB_OK);
	assert_int_equal(db_begin(t->db), DB_OK);
	assert_int_equal(db_exec(t->db, INSERT_ORG, DB_ARGS(DB_TEXT("v"), DB_TEXT("V"))), DB_OK);
	/* not yet committed: the other connection does not see it */
	assert_int_equal(tdb_int(other, "SELECT COUNT(*) FROM orgs"), 0);
	/* and cannot start a write transaction of its own (busy), but that
	 * waits for the 5 s busy timeout: not tested here */
	assert_int_equal(db_commit(t->db), DB_OK);
	assert_int_equal(tdb_int(other, "SELECT COUNT(*) FROM orgs"), 1);
	db_close(other);
}

static void test_changes(void **state)
{
	struct db *db = DB(state);
	for (int i = 0; i < 3; i++) {
		char slug[8];
		snprintf(slug, sizeof(slug), "s%d", i);
		assert_int_equal(db_exec(db, INSERT_ORG, DB_ARGS(DB_TEXT(slug), DB_TEXT("S"))),
		                 DB_OK);
	}
	assert_int_equal(db_exec(db, "UPDATE orgs SET name = 'T' WHERE slug <> 's0'", DB_NOARGS),
	                 DB_OK);
	assert_int_equal(db_changes(db), 2);
	assert_int_equal(db_exec(db, "UPDATE orgs SET name = 'T' WHERE slug = 'none'", DB_NOARGS),
	                 DB_OK);
	assert_int_equal(db_changes(db), 0);
}

static void test_query_int_no_row_and_ping(void **state)
{
	struct db *db = DB(state);
	long long v = 77;
	assert_int_equal(
	    db_query_int(db, "SELECT id FROM orgs WHERE id = ?", DB_ARGS(DB_INT(5)), &v), DB_DONE);
	assert_int_equal(v, 77); /* untouched */
	assert_true(db_ping(db));
}

static void test_col_text_null(void **state)
{
	struct db *db = DB(state);
	struct arena a;
	struct db_stmt *st;
	arena_init(&a);
	assert_int_equal(db_query(db, &st, "SELECT NULL, '', 'x', 12", DB_NOARGS), DB_OK);
	assert_int_equal(db_step(st), DB_ROW);
	const char *t = db_col_text(st, 0, &a);
	assert_non_null(t);
	assert_string_equal(t, "");
	assert_true(db_col_is_null(st, 0));
	assert_false(db_col_is_null(st, 1));
	assert_string_equal(db_col_text(st, 1, &a), "");
	assert_string_equal(db_col_text(st, 2, &a), "x");
	assert_string_equal(db_col_text(st, 3, &a), "12");
	assert_int_equal(db_col_int(st, 0), 0);
	db_finish(st);
	db_finish(NULL); /* NULL is fine */
	arena_free(&a);
}

/* ---- the statement cache ---- */

#define SQL_SEQ                                                                                    \
	"WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < ?)"              \
	" SELECT x FROM s"

/* Sum over an iteration of SQL_SEQ, nesting depth more levels inside each row. */
static long long nested_sum(struct db *db, int depth, int n)
{
	struct db_stmt *st;
	long long sum = 0;
	assert_int_equal(db_query(db, &st, SQL_SEQ, DB_ARGS(DB_INT(n))), DB_OK);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		long long x = db_col_int(st, 0);
		sum += x;
		if (depth > 0)
			sum += nested_sum(db, depth - 1, n);
		/* the outer row is still intact after the inner query ran */
		assert_int_equal(db_col_int(st, 0), x);
	}
	assert_int_equal(rc, DB_DONE);
	db_finish(st);
	return sum;
}

static void test_cache_nested_same_statement(void **state)
{
	struct db *db = DB(state);
	/* depth 1: 3 rows, each with an inner 1+2+3 */
	assert_int_equal(nested_sum(db, 1, 3), 6 + 3 * 6);
	/* deeper than the cache's probe window (8): private copies */
	long long want = 3; /* n = 2, depth d: s(0) = 1 + 2, s(d) = 3 + 2 s(d - 1) */
	for (int d = 1; d <= 11; d++)
		want = 3 + 2 * want;
	assert_int_equal(nested_sum(db, 11, 2), want);
	/* and the cached statement is still fine on its own */
	assert_int_equal(nested_sum(db, 0, 4), 10);
}

static void test_cache_distinct_parameters_not_leaking(void **state)
{
	struct db *db = DB(state);
	struct db_stmt *a, *b;
	const struct db_sql Q = DB_SQL("SELECT ?");
	/* the same statement open twice, with different bindings */
	assert_int_equal(db_query_stmt(db, &a, Q, DB_ARGS(DB_TEXT("first"))), DB_OK);
	assert_int_equal(db_query_stmt(db, &b, Q, DB_ARGS(DB_TEXT("second"))), DB_OK);
	assert_ptr_not_equal(a, b);
	struct arena ar;
	arena_init(&ar);
	assert_int_equal(db_step(a), DB_ROW);
	assert_int_equal(db_step(b), DB_ROW);
	assert_string_equal(db_col_text(a, 0, &ar), "first");
	assert_string_equal(db_col_text(b, 0, &ar), "second");
	db_finish(b);
	db_finish(a);
	/* after finish, bindings are cleared: a fresh use binds anew */
	assert_int_equal(db_query_stmt(db, &a, Q, DB_ARGS(DB_TEXT("third"))), DB_OK);
	assert_int_equal(db_step(a), DB_ROW);
	assert_string_equal(db_col_text(a, 0, &ar), "third");
	db_finish(a);
	arena_free(&ar);
}

/* More distinct statements than the cache holds. */
static char many_sql[600][48];

static void test_cache_crowded(void **state)
{
	struct db *db = DB(state);
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < 600; i++) {
			if (round == 0)
				snprintf(many_sql[i], sizeof(many_sql[i]), "SELECT %d + ?", i);
			long long v = -1;
			assert_int_equal(db_query_int_(db, many_sql[i], DB_ARGS(DB_INT(round)), &v),
			                 DB_ROW);
			if (v != i + round)
				fail_msg("statement %d round %d gave %lld", i, round, v);
		}
	}
}

static void test_exec_script(void **state)
{
	struct db *db = DB(state);
	assert_int_equal(db_exec_script(db,
	                                "CREATE TABLE t1 (x INTEGER); INSERT INTO t1 VALUES (1);"
	                                " INSERT INTO t1 VALUES (2);"),
	                 DB_OK);
	assert_int_equal(tdb_int(db, "SELECT SUM(x) FROM t1"), 3);
	assert_true(db_exec_script(db, "INSERT INTO t1 VALUES (3); BOGUS;") < 0);
	assert_non_null(strstr(db_errmsg(db), "BOGUS"));
}

/* ---- numbered parameters ---- */

static void test_numbered_params_reorder_and_reuse(void **state)
{
	struct db *db = DB(state);
	struct arena ar;
	arena_init(&ar);
	struct db_stmt *st;
	/* ?2 before ?1, ?1 used twice: params[0] is ?1, params[1] is ?2 */
	assert_int_equal(db_query(db, &st, "SELECT ?2, ?1, ?1 || ?2, ?1 = ?1",
	                          DB_ARGS(DB_TEXT("een"), DB_TEXT("twee"))),
	                 DB_OK);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_col_text(st, 0, &ar), "twee");
	assert_string_equal(db_col_text(st, 1, &ar), "een");
	assert_string_equal(db_col_text(st, 2, &ar), "eentwee");
	assert_int_equal(db_col_int(st, 3), 1);
	db_finish(st);
	/* a filter that names the same parameter several times, as access filters do */
	assert_int_equal(db_exec(db, INSERT_ORG, DB_ARGS(DB_TEXT("a"), DB_TEXT("Alfa"))), DB_OK);
	assert_int_equal(db_exec(db, INSERT_ORG, DB_ARGS(DB_TEXT("b"), DB_TEXT("Bravo"))), DB_OK);
	long long n = -1;
	assert_int_equal(db_query_int(db,
	                              "SELECT COUNT(*) FROM orgs WHERE (?1 = '' OR slug = ?1)"
	                              " AND (?2 = 0 OR LENGTH(name) = ?2)",
	                              DB_ARGS(DB_TEXT("b"), DB_INT(0)), &n),
	                 DB_ROW);
	assert_int_equal(n, 1);
	assert_int_equal(db_query_int(db,
	                              "SELECT COUNT(*) FROM orgs WHERE (?1 = '' OR slug = ?1)"
	                              " AND (?2 = 0 OR LENGTH(name) = ?2)",
	                              DB_ARGS(DB_TEXT(""), DB_INT(4)), &n),
	                 DB_ROW);
	assert_int_equal(n, 1); /* only "Alfa" has four letters */
	/* the count follows the highest number: one parameter short is an error */
	assert_int_equal(db_query_int(db, "SELECT ?1 + ?3", DB_ARGS(DB_INT(1), DB_INT(2)), &n),
	                 DB_ERROR);
	assert_non_null(strstr(db_errmsg(db), "expected 3 parameters, got 2"));
	arena_free(&ar);
}

/* ---- db_rows ---- */

struct org_row {
	long long id;
	const char *slug;
};

static int read_org_row(struct db_stmt *st, void *elem, struct arena *a)
{
	struct org_row *o = elem;
	o->id = db_col_int(st, 0);
	o->slug = db_col_text(st, 1, a);
	return 0;
}

/* Refuses the row whose slug is "stop". */
static int read_org_row_picky(struct db_stmt *st, void *elem, struct arena *a)
{
	read_org_row(st, elem, a);
	return strcmp(((struct org_row *)elem)->slug, "stop") == 0 ? -1 : 0;
}

static void test_rows_collects_every_row(void **state)
{
	struct db *db = DB(state);
	struct arena ar;
	arena_init(&ar);
	char slug[32];
	for (int i = 0; i < 40; i++) { /* past a few arena_grow doublings */
		snprintf(slug, sizeof(slug), "o%02d", i);
		assert_int_equal(db_exec(db, INSERT_ORG, DB_ARGS(DB_TEXT(slug), DB_TEXT(slug))),
		                 DB_OK);
	}
	struct org_row *v = NULL;
	size_t n = 99;
	assert_int_equal(db_rows(db, &ar, "SELECT id, slug FROM orgs ORDER BY slug", DB_NOARGS,
	                         sizeof(*v), read_org_row, &v, &n),
	                 0);
	assert_int_equal(n, 40);
	for (size_t i = 0; i < n; i++) {
		snprintf(slug, sizeof(slug), "o%02zu", i);
		assert_string_equal(v[i].slug, slug);
		assert_true(v[i].id > 0);
	}
	/* no rows: an empty list, not an error */
	assert_int_equal(db_rows(db, &ar, "SELECT id, slug FROM orgs WHERE slug = ?1",
	                         DB_ARGS(DB_TEXT("none")), sizeof(*v), read_org_row, &v, &n),
	                 0);
	assert_int_equal(n, 0);
	assert_null(v);
	arena_free(&ar);
}

static void test_rows_error_is_never_a_short_list(void **state)
{
	struct db *db = DB(state);
	struct arena ar;
	arena_init(&ar);
	assert_int_equal(db_exec(db, INSERT_ORG, DB_ARGS(DB_TEXT("a"), DB_TEXT("A"))), DB_OK);
	assert_int_equal(db_exec(db, INSERT_ORG, DB_ARGS(DB_TEXT("stop"), DB_TEXT("S"))), DB_OK);
	assert_int_equal(db_exec(db, INSERT_ORG, DB_ARGS(DB_TEXT("z"), DB_TEXT("Z"))), DB_OK);
	struct org_row *v = (struct org_row *)1;
	size_t n = 99;
	/* the reader refuses the second row */
	assert_int_equal(db_rows(db, &ar, "SELECT id, slug FROM orgs ORDER BY slug", DB_NOARGS,
	                         sizeof(*v), read_org_row_picky, &v, &n),
	                 -1);
	assert_null(v);
	assert_int_equal(n, 0);
	/* the query itself fails (a parameter missing) */
	v = (struct org_row *)1;
	n = 99;
	assert_int_equal(db_rows(db, &ar, "SELECT id, slug FROM orgs WHERE slug <> ?1", DB_NOARGS,
	                         sizeof(*v), read_org_row, &v, &n),
	                 -1);
	assert_null(v);
	assert_int_equal(n, 0);
	/* a step fails after rows were read: the last row cannot be computed */
	v = (struct org_row *)1;
	n = 99;
	assert_int_equal(db_rows(db, &ar,
	                         "SELECT id, CASE WHEN slug = 'z' THEN json_extract('{', '$')"
	                         " ELSE slug END FROM orgs ORDER BY slug",
	                         DB_NOARGS, sizeof(*v), read_org_row, &v, &n),
	                 -1);
	assert_null(v);
	assert_int_equal(n, 0);
	arena_free(&ar);
}

int main(void)
{
#define T_(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_open_bad_path_fails),
	    T_(test_migrate_idempotent),
	    cmocka_unit_test(test_migrate_on_fresh_second_file),
	    T_(test_pragmas),
	    T_(test_params_bound_in_order),
	    T_(test_wrong_parameter_count),
	    T_(test_syntax_error),
	    T_(test_unique_violation),
	    T_(test_foreign_key_violation),
	    T_(test_errmsg_follows_the_last_error),
	    T_(test_transactions),
	    T_(test_commit_visible_to_other_connection),
	    T_(test_changes),
	    T_(test_query_int_no_row_and_ping),
	    T_(test_col_text_null),
	    T_(test_cache_nested_same_statement),
	    T_(test_cache_distinct_parameters_not_leaking),
	    T_(test_cache_crowded),
	    T_(test_exec_script),
	    T_(test_numbered_params_reorder_and_reuse),
	    T_(test_rows_collects_every_row),
	    T_(test_rows_error_is_never_a_short_list),
	};
#undef T_
	return cmocka_run_group_tests_name("db", tests, NULL, NULL);
}
