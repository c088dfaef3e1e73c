/*
 * db_sqlite.c - the SQLite driver behind db.h.
 */
#include "db.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../util/embed.h"

#define STMT_CACHE_SIZE 256 /* power of two */

struct db_stmt {
	sqlite3_stmt *s; /* prepared statement */
	const char *sql; /* cache key: address of the statement text */
	struct db *db;   /* owner */
	bool in_use;     /* between db_query() and db_finish() */
	bool cached;     /* lives in db->cache; else freed by db_finish() */
};

struct db {
	sqlite3 *conn;
	struct db_stmt cache[STMT_CACHE_SIZE]; /* open addressing by sql address */
	char errbuf[256];                      /* last driver-level message */
};

int db_global_init(void)
{
	/* Debian's SQLite keeps a global lock on every allocation for memory
	 * statistics; turning them off let two threads run in parallel. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
	return sqlite3_initialize() == SQLITE_OK ? DB_OK : DB_ERROR;
}

static int map_rc(struct db *db, int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
		return DB_OK;
	case SQLITE_ROW:
		return DB_ROW;
	case SQLITE_DONE:
		return DB_DONE;
	case SQLITE_CONSTRAINT:
		return DB_CONSTRAINT;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return DB_BUSY;
	default:
		snprintf(db->errbuf, sizeof(db->errbuf), "%s", sqlite3_errmsg(db->conn));
		return DB_ERROR;
	}
}

int db_open(struct db **out, const char *url, char *err, size_t errlen)
{
	struct db *db = calloc(1, sizeof(*db));
	*out = NULL;
	if (db == NULL) {
		snprintf(err, errlen, "out of memory");
		return DB_ERROR;
	}
	int rc = sqlite3_open_v2(
	    url, &db->conn, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot open database %s: %s", url,
		         db->conn ? sqlite3_errmsg(db->conn) : "out of memory");
		sqlite3_close(db->conn);
		free(db);
		return DB_ERROR;
	}
	sqlite3_busy_timeout(db->conn, 5000);
	sqlite3_extended_result_codes(db->conn, 1);
	/* WAL + synchronous=FULL: once the user reads "opgeslagen", a crash
	 * or power loss keeps the change. */
	static const char *const pragmas = "PRAGMA journal_mode=WAL;"
	                                   "PRAGMA synchronous=FULL;"
	                                   "PRAGMA foreign_keys=ON;"
	                                   "PRAGMA secure_delete=ON;";
	char *msg = NULL;
	if (sqlite3_exec(db->conn, pragmas, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(err, errlen, "cannot configure database %s: %s", url,
		         msg ? msg : sqlite3_errmsg(db->conn));
		sqlite3_free(msg);
		sqlite3_close(db->conn);
		free(db);
		return DB_ERROR;
	}
	*out = db;
	return DB_OK;
}

void db_close(struct db *db)
{
	if (db == NULL)
		return;
	for (size_t i = 0; i < STMT_CACHE_SIZE; i++)
		if (db->cache[i].s != NULL)
			sqlite3_finalize(db->cache[i].s);
	sqlite3_close(db->conn);
	free(db);
}

static size_t slot_of(const char *sql)
{
	uintptr_t h = (uintptr_t)sql;
	h ^= h >> 17;
	h *= 0x9E3779B97F4A7C15ull;
	return (size_t)(h >> 40) & (STMT_CACHE_SIZE - 1);
}

static int bind_params(struct db *db, sqlite3_stmt *s, const struct db_param *params)
{
	int n = sqlite3_bind_parameter_count(s);
	int i = 0;
	for (; params != NULL && params[i].type != DBP_END; i++) {
		int rc;
		if (i >= n) {
			snprintf(db->errbuf, sizeof(db->errbuf), "too many parameters");
			return DB_ERROR;
		}
		switch (params[i].type) {
		case DBP_INT:
			rc = sqlite3_bind_int64(s, i + 1, params[i].i);
			break;
		case DBP_TEXT:
			rc = params[i].s
			         ? sqlite3_bind_text(s, i + 1, params[i].s, -1, SQLITE_STATIC)
			         : sqlite3_bind_null(s, i + 1);
			break;
		default:
			rc = sqlite3_bind_null(s, i + 1);
			break;
		}
		if (rc != SQLITE_OK)
			return map_rc(db, rc);
	}
	if (i != n) {
		snprintf(db->errbuf, sizeof(db->errbuf), "expected %d parameters, got %d", n, i);
		return DB_ERROR;
	}
	return DB_OK;
}

int db_query_(struct db *db, struct db_stmt **out, const char *sql, const struct db_param *params)
{
	struct db_stmt *st = NULL;
	size_t slot = slot_of(sql);
	*out = NULL;
	db->errbuf[0] = '\0';
	for (size_t k = 0; k < 8; k++) {
		struct db_stmt *c = &db->cache[(slot + k) & (STMT_CACHE_SIZE - 1)];
		if (c->sql == sql && !c->in_use) {
			st = c;
			break;
		}
		if (c->sql == NULL) {
			int rc = sqlite3_prepare_v3(db->conn, sql, -1, SQLITE_PREPARE_PERSISTENT,
			                            &c->s, NULL);
			if (rc != SQLITE_OK)
				return map_rc(db, rc);
			c->sql = sql;
			c->db = db;
			c->cached = true;
			st = c;
			break;
		}
	}
	if (st == NULL) { /* cache crowded or statement nested: private copy */
		st = calloc(1, sizeof(*st));
		if (st == NULL)
			return DB_ERROR;
		int rc = sqlite3_prepare_v2(db->conn, sql, -1, &st->s, NULL);
		if (rc != SQLITE_OK) {
			free(st);
			return map_rc(db, rc);
		}
		st->sql = sql;
		st->db = db;
	}
	st->in_use = true;
	int rc = bind_params(db, st->s, params);
	if (rc != DB_OK) {
		db_finish(st);
		return rc;
	}
	*out = st;
	return DB_OK;
}

int db_step(struct db_stmt *st)
{
	return map_rc(st->db, sqlite3_step(st->s));
}

long long db_col_int(struct db_stmt *st, int col)
{
	return sqlite3_column_int64(st->s, col);
}

bool db_col_is_null(struct db_stmt *st, int col)
{
	return sqlite3_column_type(st->s, col) == SQLITE_NULL;
}

const char *db_col_text(struct db_stmt *st, int col, struct arena *a)
{
	const unsigned char *t = sqlite3_column_text(st->s, col);
	int n = sqlite3_column_bytes(st->s, col);
	if (t == NULL)
		return "";
	return arena_strndup(a, (const char *)t, (size_t)n);
}

void db_finish(struct db_stmt *st)
{
	if (st == NULL)
		return;
	if (st->cached) {
		sqlite3_reset(st->s);
		sqlite3_clear_bindings(st->s);
		st->in_use = false;
	} else {
		sqlite3_finalize(st->s);
		free(st);
	}
}

int db_exec_(struct db *db, const char *sql, const struct db_param *params)
{
	struct db_stmt *st;
	int rc = db_query_(db, &st, sql, params);
	if (rc != DB_OK)
		return rc;
	rc = db_step(st);
	while (rc == DB_ROW) /* RETURNING or PRAGMA rows are ignored */
		rc = db_step(st);
	db_finish(st);
	return rc == DB_DONE ? DB_OK : rc;
}

int db_query_int_(struct db *db, const char *sql, const struct db_param *params, long long *out)
{
	struct db_stmt *st;
	int rc = db_query_(db, &st, sql, params);
	if (rc != DB_OK)
		return rc;
	rc = db_step(st);
	if (rc == DB_ROW)
		*out = db_col_int(st, 0);
	db_finish(st);
	return rc;
}

int db_rows_(struct db *db, struct arena *a, const char *sql, const struct db_param *params,
             size_t elem_size, db_row_fn read, void **out, size_t *n)
{
	struct db_stmt *st;
	void *v = NULL;
	size_t len = 0, cap = 0;
	*out = NULL;
	*n = 0;
	int rc = db_query_(db, &st, sql, params);
	if (rc != DB_OK)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, len, &cap, elem_size);
		void *elem = (char *)v + len * elem_size;
		memset(elem, 0, elem_size);
		if (read(st, elem, a) != 0) {
			rc = DB_ERROR;
			break;
		}
		len++;
	}
	db_finish(st);
	if (rc != DB_DONE)
		return -1;
	*out = v;
	*n = len;
	return 0;
}

int db_check_sql(struct db *db, const char *sql)
{
	sqlite3_stmt *s = NULL;
	const char *tail = NULL;
	db->errbuf[0] = '\0';
	int rc = sqlite3_prepare_v2(db->conn, sql, -1, &s, &tail);
	if (rc != SQLITE_OK) {
		rc = map_rc(db, rc);
		return rc == DB_OK ? DB_ERROR : rc;
	}
	sqlite3_finalize(s);
	if (s == NULL || (tail != NULL && tail[strspn(tail, " \t\r\n;")] != '\0')) {
		snprintf(db->errbuf, sizeof(db->errbuf), "%s",
		         s == NULL ? "no statement" : "more than one statement");
		return DB_ERROR;
	}
	return DB_OK;
}

int db_begin_read(struct db *db)
{
	return db_exec(db, "BEGIN DEFERRED", DB_NOARGS);
}

void db_end_read(struct db *db)
{
	if (!sqlite3_get_autocommit(db->conn))
		sqlite3_exec(db->conn, "COMMIT", NULL, NULL, NULL);
}

int db_begin(struct db *db)
{
	return db_exec(db, "BEGIN IMMEDIATE", DB_NOARGS);
}

int db_commit(struct db *db)
{
	return db_exec(db, "COMMIT", DB_NOARGS);
}

void db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->conn))
		sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
}

long long db_changes(struct db *db)
{
	return sqlite3_changes64(db->conn);
}

const char *db_errmsg(struct db *db)
{
	return db->errbuf[0] ? db->errbuf : sqlite3_errmsg(db->conn);
}

int db_exec_script(struct db *db, const char *sql)
{
	char *msg = NULL;
	db->errbuf[0] = '\0';
	int rc = sqlite3_exec(db->conn, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		snprintf(db->errbuf, sizeof(db->errbuf), "%s", msg ? msg : "error");
		sqlite3_free(msg);
		return map_rc(db, rc) == DB_OK ? DB_ERROR : map_rc(db, rc);
	}
	return DB_OK;
}

bool db_ping(struct db *db)
{
	long long one = 0;
	return db_query_int(db, "SELECT 1", DB_NOARGS, &one) == DB_ROW && one == 1;
}

int db_migrate(struct db *db, char *err, size_t errlen)
{
	int rc = db_exec(db,
	                 "CREATE TABLE IF NOT EXISTS schema_migrations ("
	                 " name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)",
	                 DB_NOARGS);
	if (rc != DB_OK) {
		snprintf(err, errlen, "cannot create schema_migrations: %s", db_errmsg(db));
		return rc;
	}
	for (size_t i = 0; i < n_embedded_migrations_sqlite; i++) {
		const struct embedded_file *m = &embedded_migrations_sqlite[i];
		long long seen = 0;
		rc = db_begin(db);
		if (rc != DB_OK) {
			snprintf(err, errlen, "cannot start migration %s: %s", m->name,
			         db_errmsg(db));
			return rc;
		}
		rc = db_query_int(db, "SELECT COUNT(*) FROM schema_migrations WHERE name = ?",
		                  DB_ARGS(DB_TEXT(m->name)), &seen);
		if (rc != DB_ROW) {
			db_rollback(db);
			snprintf(err, errlen, "cannot read schema_migrations: %s", db_errmsg(db));
			return DB_ERROR;
		}
		if (seen) {
			db_rollback(db);
			continue;
		}
		rc = db_exec_script(db, (const char *)m->data);
		if (rc == DB_OK)
			rc = db_exec(
			    db, "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
			    DB_ARGS(DB_TEXT(m->name), DB_INT((long long)time(NULL))));
		if (rc == DB_OK)
			rc = db_commit(db);
		if (rc != DB_OK) {
			snprintf(err, errlen, "migration %s failed: %s", m->name, db_errmsg(db));
			db_rollback(db);
			return rc;
		}
	}
	return DB_OK;
}
