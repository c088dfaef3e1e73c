/*
 * db_driver.h - what a database driver provides behind db.h. Private to
 * src/db/: db.c picks a driver by the database URL and forwards every call.
 *
 * Every driver's connection struct starts with `struct db` (below), so a
 * struct db * can be handed to the driver's functions and back.
 */
#ifndef KRING_DB_DRIVER_H
#define KRING_DB_DRIVER_H

#include <stdint.h>

#include "db.h"

struct db_driver;

/* The head of every driver's connection. */
struct db {
	const struct db_driver *drv;
	enum db_backend backend;
	int fault; /* DB_FULL or DB_UNAVAILABLE, set by the driver; see db_fault() */
};

/* Where a driver's statement cache (size: a power of two) looks for sql
 * first: statements are keyed by the address of their text (db.h). */
static inline size_t db_stmt_slot(const char *sql, size_t size)
{
	uintptr_t h = (uintptr_t)sql;
	h ^= h >> 17;
	h *= 0x9E3779B97F4A7C15ull;
	return (size_t)(h >> 40) & (size - 1);
}

/* The head of every driver's statement. */
struct db_stmt {
	struct db *db;
};

struct db_driver {
	const char *name; /* "sqlite", "postgres" */
	int (*global_init)(void);
	int (*open)(struct db **out, const char *url, char *err, size_t errlen);
	void (*close)(struct db *db);
	int (*query)(struct db *db, struct db_stmt **st, const char *sql,
	             const struct db_param *params);
	/* as query, its rows read one at a time (NULL: query, which already does) */
	int (*query_stream)(struct db *db, struct db_stmt **st, const char *sql,
	                    const struct db_param *params);
	int (*step)(struct db_stmt *st);
	long long (*col_int)(struct db_stmt *st, int col);
	bool (*col_is_null)(struct db_stmt *st, int col);
	const char *(*col_text)(struct db_stmt *st, int col, struct arena *a);
	void (*finish)(struct db_stmt *st);
	int (*begin_read)(struct db *db);
	void (*end_read)(struct db *db);
	int (*begin)(struct db *db);
	int (*commit)(struct db *db);
	void (*rollback)(struct db *db);
	long long (*changes)(struct db *db);
	const char *(*errmsg)(struct db *db);
	int (*exec_script)(struct db *db, const char *sql);
	/* prepares sql without running it; one statement only */
	int (*check_sql)(struct db *db, const char *sql);
	/* writes and commits a few bytes; NULL: db_probe_write() answers DB_OK */
	int (*probe_write)(struct db *db);
	/* see db_generation(); NULL: no generation, nothing is kept */
	const char *(*generation)(struct db *db, struct arena *a);
	/* the driver's migrations, in order */
	const struct embedded_file *migrations;
	const size_t *n_migrations;
};

extern const struct db_driver db_driver_sqlite;
extern const struct db_driver db_driver_pg;

/*
 * Rewrites the '?' and '?N' placeholders of sql as PostgreSQL's '$N' (a
 * bare '?' takes the number after the largest seen so far, as in SQLite),
 * leaving string literals, quoted identifiers and comments alone. Returns a
 * malloc'ed string (the caller frees it) and the number of parameters in
 * *n_params, or NULL when out of memory or a number is out of range.
 */
char *db_pg_placeholders(const char *sql, int *n_params);
#define PG_MAX_PARAMS 64 /* parameters of one statement */

/*
 * The parameters as PostgreSQL takes them: a text each (an integer written
 * into ints[i]) and its type's oid (int8, text, or 0: let the server
 * decide, for NULL). Returns their number, or -1 past PG_MAX_PARAMS.
 */
#define PG_OID_INT8 20
#define PG_OID_TEXT 25
int db_pg_params(const struct db_param *params, const char **values, unsigned int *types,
                 char (*ints)[24]);

/* A database URL without its password ("postgres://u:***@host/db"), for messages. */
void db_pg_url_for_messages(const char *url, char *out, size_t n);

#endif
