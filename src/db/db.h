/*
 * db.h - the only door to the database.
 *
 * SQL is written in the portable subset that SQLite and PostgreSQL both
 * accept, with '?' placeholders and typed parameters; a driver (db_sqlite.c
 * now, db_pg.c later) does the rest. Statement text must be a string that
 * lives for the whole program (a literal): drivers cache prepared statements
 * by its address.
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

/* Runs a statement that returns no rows. Returns DB_OK or an error code. */
int db_exec(struct db *db, const char *sql, const struct db_param *params);

/*
 * Starts a query; *st is valid until db_finish(). Returns DB_OK or an error.
 * Iterate with db_step() until it returns DB_DONE (or an error).
 */
int db_query(struct db *db, struct db_stmt **st, const char *sql, const struct db_param *params);
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
int db_query_int(struct db *db, const char *sql, const struct db_param *params, long long *out);

/* Read transaction (one snapshot for several queries); no writes inside. */
int db_begin_read(struct db *db);
/* Ends the read transaction; safe to call when none is open. */
void db_end_read(struct db *db);

/* Write transaction: BEGIN IMMEDIATE (waits for the lock up to the busy timeout). */
int db_begin(struct db *db);
int db_commit(struct db *db);
/* Rolls back; safe to call when no transaction is open. */
void db_rollback(struct db *db);

/* Rows changed by the last db_exec(). */
long long db_changes(struct db *db);

/* Last error message of this connection (never NULL). */
const char *db_errmsg(struct db *db);

/* Runs a script of several statements (migrations). Returns DB_OK or an error. */
int db_exec_script(struct db *db, const char *sql);

/* Applies embedded migrations that have not run yet. Returns DB_OK or an error. */
int db_migrate(struct db *db, char *err, size_t errlen);

/* True when the database answers a trivial query (health check). */
bool db_ping(struct db *db);

#endif
