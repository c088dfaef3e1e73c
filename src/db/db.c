/*
 * db.c - db.h's functions: picks the driver by the database URL and
 * forwards every call to it; migrations, db_exec and db_query_int are built
 * on the driver's primitives, once for both backends.
 */
#include "db.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../util/embed.h"
#include "db_driver.h"

int db_global_init(void)
{
	if (db_driver_sqlite.global_init() != DB_OK)
		return DB_ERROR;
#ifdef KRING_WITH_PG
	if (db_driver_pg.global_init() != DB_OK)
		return DB_ERROR;
#endif
	return DB_OK;
}

enum db_backend db_url_backend(const char *url)
{
	if (strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0)
		return DB_POSTGRES;
	const char *colon = strstr(url, "://");
	if (colon != NULL) /* some other scheme: never a file name */
		return DB_UNKNOWN;
	return DB_SQLITE;
}

int db_open(struct db **out, const char *url, char *err, size_t errlen)
{
	*out = NULL;
	switch (db_url_backend(url)) {
	case DB_SQLITE:
		return db_driver_sqlite.open(out, url, err, errlen);
	case DB_POSTGRES:
#ifdef KRING_WITH_PG
		return db_driver_pg.open(out, url, err, errlen);
#else
		snprintf(err, errlen,
		         "this kring was built without PostgreSQL (libpq): use a file path "
		         "for SQLite, or build with libpq-dev installed");
		return DB_BADURL;
#endif
	case DB_UNKNOWN:
		break;
	}
	const char *colon = strstr(url, "://");
	snprintf(err, errlen,
	         "unknown database URL scheme '%.*s://': use postgres://... or a file path",
	         (int)(colon - url > 20 ? 20 : colon - url), url);
	return DB_BADURL;
}

/* Records a fault for db_fault() whatever the driver (the PostgreSQL
 * driver's DB_UNAVAILABLE too); returns rc. */
static int noted(struct db *db, int rc)
{
	if (rc == DB_UNAVAILABLE || rc == DB_FULL)
		db->fault = rc;
	return rc;
}

/* ---- time spent in the database, for /metrics ---- */

static atomic_bool g_timing;
static _Thread_local long long tls_db_ns;

void db_timing(bool on)
{
	atomic_store(&g_timing, on);
}

long long db_thread_ns(void)
{
	return tls_db_ns;
}

/* Now in ns when timing is on, else 0 (no clock read at all). */
static inline long long t0(void)
{
	if (!atomic_load_explicit(&g_timing, memory_order_relaxed))
		return 0;
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Adds the time since start (from t0()) to this thread's sum; returns rc. */
static inline int timed(long long start, int rc)
{
	if (start != 0) {
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		tls_db_ns += (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec - start;
	}
	return rc;
}

enum db_backend db_backend(const struct db *db)
{
	return db->backend;
}

void db_close(struct db *db)
{
	if (db != NULL)
		db->drv->close(db);
}

int db_query_(struct db *db, struct db_stmt **st, const char *sql, const struct db_param *params)
{
	long long start = t0();
	return timed(start, noted(db, db->drv->query(db, st, sql, params)));
}

int db_query_stream_(struct db *db, struct db_stmt **st, const char *sql,
                     const struct db_param *params)
{
	long long start = t0();
	int (*q)(struct db *, struct db_stmt **, const char *, const struct db_param *) =
	    db->drv->query_stream ? db->drv->query_stream : db->drv->query;
	return timed(start, noted(db, q(db, st, sql, params)));
}

int db_step(struct db_stmt *st)
{
	long long start = t0();
	return timed(start, noted(st->db, st->db->drv->step(st)));
}

long long db_col_int(struct db_stmt *st, int col)
{
	return st->db->drv->col_int(st, col);
}

bool db_col_is_null(struct db_stmt *st, int col)
{
	return st->db->drv->col_is_null(st, col);
}

const char *db_col_text(struct db_stmt *st, int col, struct arena *a)
{
	return st->db->drv->col_text(st, col, a);
}

void db_finish(struct db_stmt *st)
{
	if (st != NULL)
		st->db->drv->finish(st);
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
	return db->drv->check_sql(db, sql);
}

int db_begin_read(struct db *db)
{
	long long start = t0();
	return timed(start, noted(db, db->drv->begin_read(db)));
}

void db_end_read(struct db *db)
{
	db->drv->end_read(db);
}

const char *db_generation(struct db *db, struct arena *a)
{
	return db->drv->generation != NULL ? db->drv->generation(db, a) : NULL;
}

int db_begin(struct db *db)
{
	long long start = t0();
	return timed(start, noted(db, db->drv->begin(db)));
}

int db_commit(struct db *db)
{
	long long start = t0();
	return timed(start, noted(db, db->drv->commit(db)));
}

void db_rollback(struct db *db)
{
	db->drv->rollback(db);
}

long long db_changes(struct db *db)
{
	return db->drv->changes(db);
}

const char *db_errmsg(struct db *db)
{
	return db->drv->errmsg(db);
}

int db_update_statistics(struct db *db)
{
	return db_backend(db) == DB_POSTGRES ? db_exec_script(db, "ANALYZE") : DB_OK;
}

int db_exec_script(struct db *db, const char *sql)
{
	return db->drv->exec_script(db, sql);
}

bool db_ping(struct db *db)
{
	long long one = 0;
	return db_query_int(db, "SELECT 1", DB_NOARGS, &one) == DB_ROW && one == 1;
}

int db_fault(const struct db *db)
{
	return db->fault;
}

void db_fault_clear(struct db *db)
{
	db->fault = DB_OK;
}

int db_probe_write(struct db *db)
{
	return db->drv->probe_write ? db->drv->probe_write(db) : DB_OK;
}

int db_migrate(struct db *db, char *err, size_t errlen)
{
	/* in a write transaction: instances starting at once on one PostgreSQL
	 * take turns (db_begin's lock) instead of racing on CREATE TABLE */
	int rc = db_begin(db);
	if (rc == DB_OK)
		rc = db_exec(db,
		             "CREATE TABLE IF NOT EXISTS schema_migrations ("
		             " name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)",
		             DB_NOARGS);
	if (rc == DB_OK)
		rc = db_commit(db);
	if (rc != DB_OK) {
		db_rollback(db);
		snprintf(err, errlen, "cannot create schema_migrations: %s", db_errmsg(db));
		return rc;
	}
	size_t n = *db->drv->n_migrations;
	for (size_t i = 0; i < n; i++) {
		const struct embedded_file *m = &db->drv->migrations[i];
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

/* ---- batches: the connection's driver swapped for one whose write
 * transactions are savepoints inside the batch's transaction ---- */

struct batch_driver {
	struct db_driver drv; /* a copy of orig with begin/commit/rollback replaced */
	const struct db_driver *orig;
};

static int batch_savepoint(struct db *db)
{
	return db_exec(db, "SAVEPOINT kring_batch", DB_NOARGS);
}

static int batch_release(struct db *db)
{
	return db_exec(db, "RELEASE SAVEPOINT kring_batch", DB_NOARGS);
}

static void batch_undo(struct db *db)
{
	/* fails harmlessly when no savepoint is open */
	if (db_exec(db, "ROLLBACK TO SAVEPOINT kring_batch", DB_NOARGS) == DB_OK)
		db_exec(db, "RELEASE SAVEPOINT kring_batch", DB_NOARGS);
}

int db_batch_begin(struct db *db)
{
	if (db->drv->begin == batch_savepoint)
		return DB_ERROR; /* batches do not nest */
	struct batch_driver *b = calloc(1, sizeof(*b));
	if (b == NULL)
		return DB_ERROR;
	int rc = db->drv->begin(db);
	if (rc != DB_OK) {
		free(b);
		return rc;
	}
	b->orig = db->drv;
	b->drv = *db->drv;
	b->drv.begin = batch_savepoint;
	b->drv.commit = batch_release;
	b->drv.rollback = batch_undo;
	db->drv = &b->drv;
	return DB_OK;
}

/* Puts the connection's own driver back; returns it (NULL outside a batch). */
static const struct db_driver *batch_end(struct db *db)
{
	if (db->drv->begin != batch_savepoint)
		return NULL;
	struct batch_driver *b =
	    (struct batch_driver *)(void *)((char *)db->drv - offsetof(struct batch_driver, drv));
	db->drv = b->orig;
	free(b);
	return db->drv;
}

int db_batch_commit(struct db *db)
{
	const struct db_driver *d = batch_end(db);
	return d ? d->commit(db) : DB_ERROR;
}

void db_batch_rollback(struct db *db)
{
	const struct db_driver *d = batch_end(db);
	if (d)
		d->rollback(db);
}
