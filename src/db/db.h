/*
 * db.h - the only door to the database.
 *
 * SQL is written in the portable subset that SQLite and PostgreSQL both
 * accept, with typed parameters; a driver (db_sqlite.c now, db_pg.c later)
 * does the rest.
 *
 * Placeholders: either all '?' (bound in order), or all numbered '?1'..'?N'
 * (params[0] binds ?1, params[1] binds ?2 ...), which may repeat and come
 * in any order: "WHERE org_id = ?1 AND (owner = ?2 OR ?2 = 0)". Use the
 * numbered form for long lists (access filters) so the order cannot drift.
 * Do not mix the two in one statement. A PostgreSQL driver translates ?N to
 * $N.
 *
 * Statement text must be a string literal: drivers cache prepared
 * statements by the address of their text. db_exec(), db_query(),
 * db_query_int() and db_rows() are macros that accept only a literal (a
 * variable does not compile) and register the text in the "kring_sql"
 * section, so test_sql prepares every statement of the program against a
 * freshly migrated database. Choose between statements with one literal per
 * branch (or DB_SQL() values, below), never by building text. The functions ending in '_' are the
 * doors behind the macros: only tests call them directly (with generated
 * text); a CTest check refuses them in src/.
 *
 * A struct db is one connection and is used by one thread at a time.
 */
#ifndef KRING_DB_H
#define KRING_DB_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/arena.h"

enum db_rc {
	DB_OK = 0,           /* statement done (no rows expected) */
	DB_ROW = 1,          /* a row is available */
	DB_DONE = 2,         /* no (more) rows */
	DB_CONSTRAINT = -1,  /* unique, foreign-key or check constraint failed */
	DB_BUSY = -2,        /* the database stayed locked past the busy timeout */
	DB_ERROR = -3,       /* anything else; see db_errmsg() */
	DB_UNAVAILABLE = -4, /* the database server cannot be reached (PostgreSQL) */
	DB_FULL = -5,        /* disk full, read-only or I/O error: nothing was written */
	DB_BADURL = -6,      /* db_open(): a URL this build cannot open */
};

enum db_backend {
	DB_SQLITE,   /* a file path */
	DB_POSTGRES, /* postgres://... or postgresql://... */
	DB_UNKNOWN,  /* another scheme://: never taken as a file name */
};

enum db_ptype {
	DBP_END = 0, /* terminates a parameter array */
	DBP_INT,
	DBP_TEXT,
	DBP_NULL,
};

struct db_param {
	enum db_ptype type;
	long long i;   /* DBP_INT */
	const char *s; /* DBP_TEXT, NUL-terminated, NULL binds NULL */
};

#define DB_INT(v)  ((struct db_param){.type = DBP_INT, .i = (v)})
#define DB_TEXT(v) ((struct db_param){.type = DBP_TEXT, .s = (v)})
#define DB_NULL    ((struct db_param){.type = DBP_NULL})
/* A parameter list: DB_ARGS(DB_INT(1), DB_TEXT(s)). DB_NOARGS for none. */
#define DB_ARGS(...) ((const struct db_param[]){__VA_ARGS__, {.type = DBP_END}})
#define DB_NOARGS    ((const struct db_param[]){{.type = DBP_END}})

struct db;
struct db_stmt;

/*
 * Process-wide set-up; call once before any db_open(), before threads start.
 * Returns DB_OK or DB_ERROR.
 */
int db_global_init(void);

/*
 * Opens (creating if needed) the database named by url: a file path for
 * SQLite, postgres://user:password@host:port/name (any libpq URL) for
 * PostgreSQL. Applies the connection settings (SQLite: WAL,
 * synchronous=FULL, foreign keys, busy timeout). On failure writes a plain
 * message to err (never a password) and returns DB_BADURL (an unknown
 * scheme, or PostgreSQL in a build without libpq), DB_UNAVAILABLE (server
 * not reachable) or DB_ERROR. The caller owns *out and releases it with
 * db_close().
 */
int db_open(struct db **out, const char *url, char *err, size_t errlen);

/* Which backend a database URL names (nothing is opened). */
enum db_backend db_url_backend(const char *url);

/* The backend of an open connection, for the few dialect-specific queries. */
enum db_backend db_backend(const struct db *db);

/* Closes the connection and its cached statements; NULL is fine. */
void db_close(struct db *db);

/*
 * DB_SQL_TEXT("...") is the literal itself, after placing a pointer to it in
 * the "kring_sql" section (__start_kring_sql .. __stop_kring_sql) of the
 * program. Anything but a string literal fails to compile.
 */
#define DB_SQL_TEXT(sql)                                                                           \
	__extension__({                                                                            \
		static const char *const db_sql_text_                                              \
		    __attribute__((section("kring_sql"), used, aligned(sizeof(void *)))) =         \
		        "" sql "";                                                                 \
		db_sql_text_;                                                                      \
	})

/*
 * A registered statement, for a helper that runs one of several statements
 * its callers choose: the helper takes a struct db_sql, callers pass
 * DB_SQL("..."), and the helper runs it with db_query_stmt() and friends.
 * Only DB_SQL() makes one.
 */
struct db_sql {
	const char *text;
};
#define DB_SQL(sql) ((struct db_sql){DB_SQL_TEXT(sql)})

/* Runs a statement that returns no rows. Returns DB_OK or an error code. */
#define db_exec(db, sql, params)       db_exec_((db), DB_SQL_TEXT(sql), (params))
#define db_exec_stmt(db, stmt, params) db_exec_((db), (stmt).text, (params))
int db_exec_(struct db *db, const char *sql, const struct db_param *params);

/*
 * Starts a query; *st is valid until db_finish(). Returns DB_OK or an error.
 * Iterate with db_step() until it returns DB_DONE (or an error).
 */
#define db_query(db, st, sql, params)       db_query_((db), (st), DB_SQL_TEXT(sql), (params))
#define db_query_stmt(db, st, stmt, params) db_query_((db), (st), (stmt).text, (params))
int db_query_(struct db *db, struct db_stmt **st, const char *sql, const struct db_param *params);
/*
 * As db_query_stmt, for a result of any size: its rows are read from the
 * database one at a time (SQLite always does; PostgreSQL in single-row
 * mode), so memory stays flat. No other statement may run on db until st
 * is finished.
 */
#define db_query_stream_stmt(db, st, stmt, params)                                                 \
	db_query_stream_((db), (st), (stmt).text, (params))
int db_query_stream_(struct db *db, struct db_stmt **st, const char *sql,
                     const struct db_param *params);
int db_step(struct db_stmt *st);
/* Column accessors for the current row (0-based). */
long long db_col_int(struct db_stmt *st, int col);
bool db_col_is_null(struct db_stmt *st, int col);
/* Copies the column's text into a (NULL column gives ""). */
const char *db_col_text(struct db_stmt *st, int col, struct arena *a);
/* Ends the query and returns the statement to the cache. NULL is fine. */
void db_finish(struct db_stmt *st);

/*
 * Runs a query expected to return at most one row with one integer column.
 * Returns DB_ROW and sets *out, DB_DONE when there is no row, or an error.
 */
#define db_query_int(db, sql, params, out)       db_query_int_((db), DB_SQL_TEXT(sql), (params), (out))
#define db_query_int_stmt(db, stmt, params, out) db_query_int_((db), (stmt).text, (params), (out))
int db_query_int_(struct db *db, const char *sql, const struct db_param *params, long long *out);

/*
 * Reads one row of a db_rows() query into elem (zeroed, elem_size bytes);
 * strings are copied into a. Returns 0, or -1 to stop with an error.
 */
typedef int (*db_row_fn)(struct db_stmt *st, void *elem, struct arena *a);

/*
 * Runs a query and collects every row into a new arena array: *out points
 * to *n elements of elem_size bytes (NULL and 0 for no rows), each filled
 * by read. Returns 0, or -1 on any error (the query, a step, or read):
 * then *out is NULL and *n is 0, never a short list.
 */
#define db_rows(db, a, sql, params, elem_size, read, out, n)                                       \
	db_rows_((db), (a), DB_SQL_TEXT(sql), (params), (elem_size), (read), (void **)(out), (n))
#define db_rows_stmt(db, a, stmt, params, elem_size, read, out, n)                                 \
	db_rows_((db), (a), (stmt).text, (params), (elem_size), (read), (void **)(out), (n))
int db_rows_(struct db *db, struct arena *a, const char *sql, const struct db_param *params,
             size_t elem_size, db_row_fn read, void **out, size_t *n);

/*
 * Prepares sql once without running it (a fresh statement, not cached).
 * Returns DB_OK, or an error with the driver's message in db_errmsg().
 * For the test that prepares every statement of the program.
 */
int db_check_sql(struct db *db, const char *sql);

/* Read transaction (one snapshot for several queries); no writes inside. */
int db_begin_read(struct db *db);
/* Ends the read transaction; safe to call when none is open. */
void db_end_read(struct db *db);

/*
 * The data generation of the open read transaction (db_begin_read()): a
 * short text, in a, that is the same for two read transactions only when
 * they see the same data, on every instance that shares the database.
 * A page made in one may be shown again in the other (http/page_cache.h).
 * SQLite: the connection's data version, once the read has taken its
 * snapshot (before the first statement: NULL); PostgreSQL: the snapshot
 * read with the first statement (or on its own when asked before it),
 * never newer than what the read's statements see. NULL when no read
 * transaction is open or the backend cannot tell (then nothing may be kept).
 */
const char *db_generation(struct db *db, struct arena *a);

/* Write transaction: BEGIN IMMEDIATE (waits for the lock up to the busy timeout). */
int db_begin(struct db *db);
int db_commit(struct db *db);
/* Rolls back; safe to call when no transaction is open. */
void db_rollback(struct db *db);

/*
 * A batch: one write transaction around many calls of functions that run
 * their own (bulk loading: `kring demo --scale`). Until db_batch_commit() or
 * db_batch_rollback(), db_begin() opens a savepoint, db_commit() releases it
 * and db_rollback() undoes only that part, so each function keeps its
 * meaning while the batch costs one commit. Batches do not nest; not for
 * requests. Each returns DB_OK or an error (rollback: nothing).
 */
int db_batch_begin(struct db *db);
int db_batch_commit(struct db *db);
void db_batch_rollback(struct db *db);

/*
 * A batch: one write transaction around many calls of functions that run
 * their own (bulk loading, `kring demo --scale`). Until db_batch_commit() or
 * db_batch_rollback(), db_begin() opens a savepoint, db_commit() releases it
 * and db_rollback() undoes only that part, so each function keeps its
 * meaning while the batch costs one commit. Not for requests.
 */
int db_batch_begin(struct db *db);
int db_batch_commit(struct db *db);
void db_batch_rollback(struct db *db);

/* Rows changed by the last db_exec(). */
long long db_changes(struct db *db);

/* Last error message of this connection (never NULL). */
const char *db_errmsg(struct db *db);

/* Runs a script of several statements (migrations). Returns DB_OK or an error. */
int db_exec_script(struct db *db, const char *sql);

/*
 * After a bulk load (kring demo): PostgreSQL gathers the tables' statistics
 * now, not when autovacuum comes by. Its plans are made once per statement
 * and connection (db_pg.c), and a plan made on tables without statistics
 * was four times slower on the demo's community page. SQLite: nothing.
 */
int db_update_statistics(struct db *db);

/* Applies embedded migrations that have not run yet. Returns DB_OK or an error. */
int db_migrate(struct db *db, char *err, size_t errlen);

/* True when the database answers a trivial query (health check). */
bool db_ping(struct db *db);

/*
 * Time spent in the database, for /metrics: when on (db_timing(true), once
 * at start), every query, step, begin and commit adds its duration to a sum
 * kept per thread; db_thread_ns() reads this thread's sum. Off by default:
 * then no clock is read.
 */
void db_timing(bool on);
long long db_thread_ns(void);

/*
 * The connection's fault: DB_FULL (disk full, read-only or I/O error) or
 * DB_UNAVAILABLE (server unreachable), recorded by the driver whenever a
 * call returned one since the last db_fault_clear(); DB_OK when none. The
 * server clears it before each request and maps it to a Dutch 503.
 */
int db_fault(const struct db *db);
void db_fault_clear(struct db *db);

/*
 * Writes a few bytes and commits them (SQLite: the header's application
 * id; first a checkpoint, so a full WAL gives back its space). DB_OK when
 * the database takes writes, else the error (DB_FULL, DB_BUSY, ...).
 * Outside any transaction. A driver without a probe answers DB_OK.
 */
int db_probe_write(struct db *db);

#endif
