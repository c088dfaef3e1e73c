/*
 * db_sqlite.c - the SQLite driver behind db.h.
 */
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <time.h>

#include "../util/embed.h"
#include "db_driver.h"

#define STMT_CACHE_SIZE 256 /* power of two */

struct sq_stmt {
	struct db_stmt head; /* owner connection */
	sqlite3_stmt *s;     /* prepared statement */
	const char *sql;     /* cache key: address of the statement text */
	bool in_use;         /* between db_query() and db_finish() */
	bool cached;         /* lives in db->cache; else freed by db_finish() */
};

struct sq {
	struct db head;
	sqlite3 *conn;
	struct sq_stmt cache[STMT_CACHE_SIZE]; /* open addressing by sql address */
	char errbuf[256];                      /* last driver-level message */
	long long changes_at_begin;            /* total changes when db_begin() ran */
	unsigned long long serial;             /* which connection of the process */
	bool reading;                          /* in db_begin_read()'s transaction */
};

/* Numbers the connections: a version counter is only ever compared with
 * one of the same connection (sq_generation()). */
static atomic_ullong sq_serial;

/* A write transaction that changed more rows than this is checkpointed at
 * once, so one big batch does not leave a WAL of its size behind. */
#define BIG_BATCH_ROWS 10000

static int sq_global_init(void)
{
	/* Debian's SQLite keeps a global lock on every allocation for memory
	 * statistics; turning them off let two threads run in parallel. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
	return sqlite3_initialize() == SQLITE_OK ? DB_OK : DB_ERROR;
}

static struct sq *sq_of(struct db *db)
{
	return (struct sq *)db;
}

static int map_rc(struct sq *db, int rc)
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
	case SQLITE_FULL:
	case SQLITE_READONLY:
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		snprintf(db->errbuf, sizeof(db->errbuf), "%s", sqlite3_errmsg(db->conn));
		db->head.fault = DB_FULL; /* the server answers 503 "niet opgeslagen" */
		return DB_FULL;
	default:
		snprintf(db->errbuf, sizeof(db->errbuf), "%s", sqlite3_errmsg(db->conn));
		return DB_ERROR;
	}
}

static int sq_open(struct db **out, const char *url, char *err, size_t errlen)
{
	struct sq *db = calloc(1, sizeof(*db));
	*out = NULL;
	if (db == NULL) {
		snprintf(err, errlen, "out of memory");
		return DB_ERROR;
	}
	db->head.drv = &db_driver_sqlite;
	db->head.backend = DB_SQLITE;
	db->serial = atomic_fetch_add(&sq_serial, 1) + 1;
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
	/* The WAL is checkpointed every 1000 pages (~4 MB) and cut back to
	 * 64 MiB after a checkpoint: it cannot grow until the disk is full
	 * and stay that size. Each connection keeps 1 MiB of pages (SQLite's
	 * default is 2): the kernel caches the file for all of them, and a
	 * page read again is copied from there (P3). */
	static const char *const pragmas = "PRAGMA journal_mode=WAL;"
	                                   "PRAGMA synchronous=FULL;"
	                                   "PRAGMA wal_autocheckpoint=1000;"
	                                   "PRAGMA journal_size_limit=67108864;"
	                                   "PRAGMA cache_size=-1024;"
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
	*out = &db->head;
	return DB_OK;
}

static void sq_close(struct db *h)
{
	struct sq *db = sq_of(h);
	for (size_t i = 0; i < STMT_CACHE_SIZE; i++)
		if (db->cache[i].s != NULL)
			sqlite3_finalize(db->cache[i].s);
	sqlite3_close(db->conn);
	free(db);
}

static int bind_params(struct sq *db, sqlite3_stmt *s, const struct db_param *params)
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

static void sq_finish(struct db_stmt *h);

static int sq_query(struct db *h, struct db_stmt **out, const char *sql,
                    const struct db_param *params)
{
	struct sq *db = sq_of(h);
	struct sq_stmt *st = NULL;
	size_t slot = db_stmt_slot(sql, STMT_CACHE_SIZE);
	*out = NULL;
	db->errbuf[0] = '\0';
	for (size_t k = 0; k < 8; k++) {
		struct sq_stmt *c = &db->cache[(slot + k) & (STMT_CACHE_SIZE - 1)];
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
			c->head.db = h;
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
		st->head.db = h;
	}
	st->in_use = true;
	int rc = bind_params(db, st->s, params);
	if (rc != DB_OK) {
		sq_finish(&st->head);
		return rc;
	}
	*out = &st->head;
	return DB_OK;
}

static int sq_step(struct db_stmt *h)
{
	struct sq_stmt *st = (struct sq_stmt *)h;
	return map_rc(sq_of(h->db), sqlite3_step(st->s));
}

static long long sq_col_int(struct db_stmt *h, int col)
{
	return sqlite3_column_int64(((struct sq_stmt *)h)->s, col);
}

static bool sq_col_is_null(struct db_stmt *h, int col)
{
	return sqlite3_column_type(((struct sq_stmt *)h)->s, col) == SQLITE_NULL;
}

static const char *sq_col_text(struct db_stmt *h, int col, struct arena *a)
{
	sqlite3_stmt *s = ((struct sq_stmt *)h)->s;
	const unsigned char *t = sqlite3_column_text(s, col);
	int n = sqlite3_column_bytes(s, col);
	if (t == NULL)
		return "";
	return arena_strndup(a, (const char *)t, (size_t)n);
}

static void sq_finish(struct db_stmt *h)
{
	struct sq_stmt *st = (struct sq_stmt *)h;
	if (st->cached) {
		sqlite3_reset(st->s);
		sqlite3_clear_bindings(st->s);
		st->in_use = false;
	} else {
		sqlite3_finalize(st->s);
		free(st);
	}
}

static int sq_check_sql(struct db *h, const char *sql)
{
	struct sq *db = sq_of(h);
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

static int sq_begin_read(struct db *h)
{
	int rc = db_exec(h, "/* sqlite */ BEGIN DEFERRED", DB_NOARGS);
	sq_of(h)->reading = rc == DB_OK;
	return rc;
}

static void sq_end_read(struct db *h)
{
	struct sq *db = sq_of(h);
	db->reading = false;
	if (!sqlite3_get_autocommit(db->conn))
		db_exec(h, "COMMIT", DB_NOARGS); /* prepared once, like the BEGIN */
}

/*
 * The connection's data version once its read has begun: the pager counts
 * every change to the file, this connection's commits and those of any
 * other connection or process, and looks for the others when a read
 * transaction takes its snapshot. The same connection and the same count:
 * the same data. A connection that has not read yet has no snapshot: NULL.
 */
static const char *sq_generation(struct db *h, struct arena *a)
{
	struct sq *db = sq_of(h);
	unsigned int v = 0;
	if (!db->reading || sqlite3_txn_state(db->conn, "main") != SQLITE_TXN_READ ||
	    sqlite3_file_control(db->conn, "main", SQLITE_FCNTL_DATA_VERSION, &v) != SQLITE_OK)
		return NULL;
	return arena_printf(a, "s%llu.%u", db->serial, v);
}

static int sq_begin(struct db *h)
{
	sq_of(h)->changes_at_begin = sqlite3_total_changes64(sq_of(h)->conn);
	sq_of(h)->reading = false; /* a write ends what was read */
	return db_exec(h, "/* sqlite */ BEGIN IMMEDIATE", DB_NOARGS);
}

static int sq_commit(struct db *h)
{
	struct sq *db = sq_of(h);
	int rc = db_exec(h, "COMMIT", DB_NOARGS);
	if (rc == DB_OK &&
	    sqlite3_total_changes64(db->conn) - db->changes_at_begin > BIG_BATCH_ROWS)
		sqlite3_wal_checkpoint_v2(db->conn, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	return rc;
}

/* The header's application id, 'krin': written by the health probe. */
#define PROBE_APPLICATION_ID "1802660206"

/* Less free space than this on the database's file system counts as full:
 * a small write may still fit where a failed one left room, the next
 * bigger one will not. */
#define PROBE_MIN_FREE (1024 * 1024)

/* Why the database's file system cannot take writes, or NULL when it can
 * (read-only, or less than PROBE_MIN_FREE left). */
static const char *disk_trouble(struct sq *db)
{
	const char *file = sqlite3_db_filename(db->conn, "main");
	struct statvfs fs;
	if (file == NULL || file[0] == '\0' || statvfs(file, &fs) != 0)
		return NULL;
	if (fs.f_flag & ST_RDONLY)
		return "the file system is read-only";
	if ((unsigned long long)fs.f_bavail * fs.f_frsize < PROBE_MIN_FREE)
		return "less than 1 MiB free on the file system";
	return NULL;
}

static int sq_probe_write(struct db *h)
{
	struct sq *db = sq_of(h);
	db->errbuf[0] = '\0';
	const char *trouble = disk_trouble(db);
	int rc = SQLITE_FULL;
	if (trouble == NULL) {
		/* another writer holding the lock (the signals pass just after
		 * the start, a long batch) is answered at once: DB_BUSY, which
		 * the server reads as "others are writing" (P4: /healthz does not
		 * wait up to the busy timeout for it) */
		sqlite3_busy_timeout(db->conn, 0);
		rc = sqlite3_exec(db->conn, "PRAGMA application_id=" PROBE_APPLICATION_ID, NULL,
		                  NULL, NULL);
		sqlite3_busy_timeout(db->conn, 5000);
	}
	if ((rc & 0xff) == SQLITE_FULL || (rc & 0xff) == SQLITE_IOERR) {
		/* perhaps the WAL filled the disk (a reader kept it from being
		 * checkpointed): copy it into the database and cut it to nothing
		 * (waits for readers up to the busy timeout), then look again */
		sqlite3_wal_checkpoint_v2(db->conn, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
		trouble = disk_trouble(db);
		if (trouble == NULL)
			rc = sqlite3_exec(db->conn, "PRAGMA application_id=" PROBE_APPLICATION_ID,
			                  NULL, NULL, NULL);
	}
	if (trouble != NULL) {
		snprintf(db->errbuf, sizeof(db->errbuf), "%s", trouble);
		h->fault = DB_FULL;
		return DB_FULL;
	}
	return rc == SQLITE_OK ? DB_OK : map_rc(db, rc);
}

static void sq_rollback(struct db *h)
{
	struct sq *db = sq_of(h);
	if (!sqlite3_get_autocommit(db->conn))
		sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
}

static long long sq_changes(struct db *h)
{
	return sqlite3_changes64(sq_of(h)->conn);
}

static const char *sq_errmsg(struct db *h)
{
	struct sq *db = sq_of(h);
	return db->errbuf[0] ? db->errbuf : sqlite3_errmsg(db->conn);
}

static int sq_exec_script(struct db *h, const char *sql)
{
	struct sq *db = sq_of(h);
	char *msg = NULL;
	db->errbuf[0] = '\0';
	int rc = sqlite3_exec(db->conn, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		int mapped = map_rc(db, rc);
		snprintf(db->errbuf, sizeof(db->errbuf), "%s", msg ? msg : "error");
		sqlite3_free(msg);
		return mapped == DB_OK ? DB_ERROR : mapped;
	}
	return DB_OK;
}

const struct db_driver db_driver_sqlite = {
    .name = "sqlite",
    .global_init = sq_global_init,
    .open = sq_open,
    .close = sq_close,
    .query = sq_query,
    .step = sq_step,
    .col_int = sq_col_int,
    .col_is_null = sq_col_is_null,
    .col_text = sq_col_text,
    .finish = sq_finish,
    .begin_read = sq_begin_read,
    .end_read = sq_end_read,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .changes = sq_changes,
    .errmsg = sq_errmsg,
    .exec_script = sq_exec_script,
    .check_sql = sq_check_sql,
    .probe_write = sq_probe_write,
    .generation = sq_generation,
    .migrations = embedded_migrations_sqlite,
    .n_migrations = &n_embedded_migrations_sqlite,
};
