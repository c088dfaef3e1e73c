/*
 * db_pg.c - the PostgreSQL driver behind db.h (libpq).
 *
 * One connection per thread, like SQLite's. Statements are prepared once per
 * connection, keyed by the address of their text (a literal, see db.h), with
 * kring's '?' / '?N' placeholders rewritten to '$N' when first prepared.
 * A query runs at once and keeps its whole result; db_step() walks it.
 *
 * Transactions mean what they mean on SQLite:
 * - db_begin(): a write transaction that first takes one advisory lock, so
 *   that writers follow each other as SQLite's BEGIN IMMEDIATE makes them do,
 *   across every kring instance on the database. Version checks and the
 *   login throttle (read, then write) stay correct under concurrency, and no
 *   serialization failure can happen.
 * - db_begin_read(): REPEATABLE READ, READ ONLY: one snapshot for a page.
 *   Its BEGIN goes out in one round trip with the page's first statement
 *   (pipeline mode), and its COMMIT is not waited for: the answer is read
 *   before the connection's next command. A page that reads nothing sends
 *   neither.
 * A lost connection is reset before the next statement outside a
 * transaction (BEGIN is tried again once on a fresh connection); the
 * statement that met it, and every later one of its transaction, fails with
 * DB_UNAVAILABLE, so nothing is half-written.
 */
#include <libpq-fe.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/embed.h"
#include "db_driver.h"

#define PG_CACHE_SIZE 512 /* power of two */

/* The prepared statement that reads a read's snapshot: the data generation
 * (db_generation()), sent beside the read's first statement. */
#define PG_SNAPSHOT "ksnap"

struct pg_stmt {
	struct db_stmt head;
	const char *sql; /* cache key: address of the statement text */
	char name[16];   /* prepared statement name on this connection */
	int n_params;
	bool prepared;
	bool in_use;
	bool cached;
	PGresult *res; /* result of the running query */
	int row;       /* current row; -1 before the first step */
	int n_rows;
	bool stream;   /* single-row mode: res holds one row, the next comes on step */
	bool draining; /* stream: results still to be read from the connection */
};

struct pg {
	struct db head;
	PGconn *conn;
	struct pg_stmt cache[PG_CACHE_SIZE];
	unsigned next_name;
	long long changes;
	bool in_tx;
	bool pending_begin;  /* a read transaction begun, its BEGIN not yet sent */
	bool reading;        /* inside db_begin_read()'s transaction, nothing written */
	bool read_first;     /* its first statement is still to come */
	char *snapshot;      /* its snapshot, when its BEGIN read it (malloc'ed) */
	bool pending_commit; /* a read transaction's COMMIT sent, its answer not yet read */
	char errbuf[512];
};

static struct pg *pg_of(struct db *db)
{
	return (struct pg *)db;
}

static int pg_global_init(void)
{
	return DB_OK;
}

/* Maps a failed result's SQLSTATE to a db_rc, keeping its message. */
static int pg_fail(struct pg *p, const PGresult *res)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(p->conn);
	snprintf(p->errbuf, sizeof(p->errbuf), "%s", msg && msg[0] ? msg : "error");
	size_t n = strlen(p->errbuf);
	while (n > 0 && (p->errbuf[n - 1] == '\n' || p->errbuf[n - 1] == ' '))
		p->errbuf[--n] = '\0';
	if (PQstatus(p->conn) != CONNECTION_OK)
		return DB_UNAVAILABLE;
	if (state == NULL)
		return DB_ERROR;
	if (strncmp(state, "23", 2) == 0) /* integrity constraint violation */
		return DB_CONSTRAINT;
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
	    strcmp(state, "55P03") == 0) /* serialization, deadlock, lock not available */
		return DB_BUSY;
	if (strncmp(state, "08", 2) == 0 || strcmp(state, "57P01") == 0 ||
	    strcmp(state, "57P02") == 0 || strcmp(state, "57P03") == 0)
		return DB_UNAVAILABLE; /* connection lost, server shutting down */
	if (strcmp(state, "53100") == 0 || strcmp(state, "58030") == 0 ||
	    strcmp(state, "25006") == 0) /* disk full, I/O error, read-only */
		return DB_FULL;
	return DB_ERROR;
}

/* Reads the answer of a COMMIT sent without waiting (pg_end_read). */
static void pg_settle(struct pg *p)
{
	if (!p->pending_commit)
		return;
	p->pending_commit = false;
	PGresult *res;
	while ((res = PQgetResult(p->conn)) != NULL)
		PQclear(res);
}

/* Runs a command without parameters or rows (BEGIN, COMMIT, SET). */
static int pg_command(struct pg *p, const char *sql)
{
	pg_settle(p);
	PGresult *res = PQexec(p->conn, sql);
	int rc = DB_OK;
	ExecStatusType s = PQresultStatus(res);
	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
		rc = pg_fail(p, res);
	PQclear(res);
	return rc;
}

/*
 * The settings of every connection, fresh or reset: quiet NOTICEs (CREATE ...
 * IF NOT EXISTS), times as SQLite has them, and one plan per prepared
 * statement. PostgreSQL's default (auto) planned kring's statements anew on
 * every execution, because a custom plan looks cheaper while parameters such
 * as "?3 = 0 OR ..." fold away: planning was 93 % of the server's time on a
 * community profile (20.9 ms of bind against 1.6 ms of execution, measured
 * with log_min_duration_statement); with the generic plan kept, 1.2 ms.
 * Every statement is indexed by the organisation first, so the generic plan
 * is the plan kring wants (the bench measures both sizes). And the one
 * statement every connection prepares itself: PG_SNAPSHOT.
 */

static int pg_configure(struct pg *p)
{
	if (pg_command(p, "SET client_min_messages = warning") != DB_OK ||
	    pg_command(p, "SET TIME ZONE 'UTC'") != DB_OK ||
	    pg_command(p, "SET plan_cache_mode = force_generic_plan") != DB_OK)
		return DB_ERROR;
	PGresult *res =
	    PQprepare(p->conn, PG_SNAPSHOT, "SELECT pg_current_snapshot()::text", 0, NULL);
	int rc = PQresultStatus(res) == PGRES_COMMAND_OK ? DB_OK : pg_fail(p, res);
	PQclear(res);
	return rc;
}

static int pg_open(struct db **out, const char *url, char *err, size_t errlen)
{
	*out = NULL;
	struct pg *p = calloc(1, sizeof(*p));
	if (p == NULL) {
		snprintf(err, errlen, "out of memory");
		return DB_ERROR;
	}
	p->head.drv = &db_driver_pg;
	p->head.backend = DB_POSTGRES;
	p->conn = PQconnectdb(url);
	if (PQstatus(p->conn) != CONNECTION_OK) {
		char shown[256];
		db_pg_url_for_messages(url, shown, sizeof(shown));
		snprintf(err, errlen, "cannot connect to %s: %s", shown,
		         p->conn ? PQerrorMessage(p->conn) : "out of memory");
		size_t n = strlen(err);
		while (n > 0 && err[n - 1] == '\n')
			err[--n] = '\0';
		PQfinish(p->conn);
		free(p);
		return DB_UNAVAILABLE;
	}
	if (pg_configure(p) != DB_OK) {
		snprintf(err, errlen, "cannot configure the connection: %s", p->errbuf);
		PQfinish(p->conn);
		free(p);
		return DB_ERROR;
	}
	*out = &p->head;
	return DB_OK;
}

static void pg_close(struct db *db)
{
	struct pg *p = pg_of(db);
	pg_settle(p);
	for (size_t i = 0; i < PG_CACHE_SIZE; i++)
		PQclear(p->cache[i].res);
	PQfinish(p->conn);
	free(p->snapshot);
	free(p);
}

/*
 * After a lost connection: reset it (prepared statements are gone). Never
 * inside a transaction: its first statements went with the old connection,
 * so the rest must fail too (DB_UNAVAILABLE) until the caller rolls back,
 * or the rest would be written on its own. True when the connection is up.
 */
static bool pg_revive(struct pg *p)
{
	pg_settle(p);
	/* outside a transaction, notice a connection the server already closed
	 * (ended backend, restart) before sending anything on it: libpq reads
	 * without blocking */
	if (!p->in_tx && PQstatus(p->conn) == CONNECTION_OK) {
		/* an ended backend leaves its FATAL message and then the end of
		 * the stream: the first read takes the message, the second finds
		 * the end and marks the connection lost */
		PQconsumeInput(p->conn);
		if (PQstatus(p->conn) == CONNECTION_OK)
			PQconsumeInput(p->conn);
	}
	if (PQstatus(p->conn) == CONNECTION_OK)
		return true;
	if (p->in_tx) {
		snprintf(p->errbuf, sizeof(p->errbuf),
		         "the connection to the database was lost during a transaction");
		return false;
	}
	PQreset(p->conn);
	for (size_t i = 0; i < PG_CACHE_SIZE; i++)
		p->cache[i].prepared = false;
	if (PQstatus(p->conn) != CONNECTION_OK) {
		snprintf(p->errbuf, sizeof(p->errbuf), "cannot reach the database: %s",
		         PQerrorMessage(p->conn));
		return false;
	}
	pg_configure(p);
	return true;
}

/*
 * Starts a transaction with begin (no side effects, so it may be tried
 * again): when the connection turns out to be lost (a server restart, an
 * ended backend), it is reset and BEGIN tried once more.
 */
static int pg_begin_tx(struct pg *p, const char *begin)
{
	p->in_tx = false;
	if (!pg_revive(p))
		return DB_UNAVAILABLE;
	int rc = pg_command(p, begin);
	if (rc == DB_UNAVAILABLE && pg_revive(p))
		rc = pg_command(p, begin);
	return rc;
}

/*
 * Takes a query's result into st (a cached statement, or a new private one
 * when st is NULL), or maps its failure. Consumes res.
 */
static int pg_take_result(struct pg *p, struct pg_stmt *st, PGresult *res, struct db_stmt **out)
{
	ExecStatusType s = PQresultStatus(res);
	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
		int rc = pg_fail(p, res);
		PQclear(res);
		return rc;
	}
	const char *changed = PQcmdTuples(res);
	p->changes = changed && changed[0] ? atoll(changed) : 0;
	if (st == NULL) {
		st = calloc(1, sizeof(*st));
		if (st == NULL) {
			PQclear(res);
			return DB_ERROR;
		}
		st->head.db = &p->head;
	}
	st->res = res;
	st->row = -1;
	st->n_rows = s == PGRES_TUPLES_OK ? PQntuples(res) : 0;
	st->in_use = true;
	*out = &st->head;
	return DB_OK;
}

#define PG_BEGIN_READ "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"

/* Sends a read transaction's BEGIN on its own (the rare paths). */
static int pg_begin_read_now(struct pg *p)
{
	int rc = pg_begin_tx(p, PG_BEGIN_READ);
	p->in_tx = rc == DB_OK;
	return rc;
}

/*
 * In one round trip: BEGIN of the read transaction (when begin), the
 * snapshot (p->snapshot) and a statement (prepared). p->in_tx tells whether
 * BEGIN succeeded. Without begin the two run on their own, in that order:
 * the read's first statement (see pg_query_mode()).
 */
static int pg_pipeline_exec(struct pg *p, struct pg_stmt *st, int n, const char **values,
                            struct db_stmt **out, bool begin)
{
	PGresult *got[3] = {NULL, NULL, NULL}; /* BEGIN's, the snapshot's, the statement's */
	bool snap = p->snapshot == NULL;       /* the first one read is the key's */
	int order[3], k = 0, i = 0;            /* which of got[] each result fills */
	if (begin)
		order[k++] = 0;
	if (snap)
		order[k++] = 1;
	order[k++] = 2;
	bool sent =
	    PQenterPipelineMode(p->conn) == 1 &&
	    (!begin ||
	     PQsendQueryParams(p->conn, PG_BEGIN_READ, 0, NULL, NULL, NULL, NULL, 0) == 1) &&
	    (!snap || PQsendQueryPrepared(p->conn, PG_SNAPSHOT, 0, NULL, NULL, NULL, 0) == 1) &&
	    PQsendQueryPrepared(p->conn, st->name, n, values, NULL, NULL, 0) == 1 &&
	    PQpipelineSync(p->conn) == 1;
	/* each result is followed by a NULL; then the sync */
	for (int tries = 0; sent && tries < 10; tries++) {
		PGresult *r = PQgetResult(p->conn);
		if (r == NULL) {
			if (PQstatus(p->conn) != CONNECTION_OK)
				break;
			continue;
		}
		if (PQresultStatus(r) == PGRES_PIPELINE_SYNC) {
			PQclear(r);
			break;
		}
		if (i < k)
			got[order[i++]] = r;
		else
			PQclear(r);
	}
	if (PQpipelineStatus(p->conn) != PQ_PIPELINE_OFF)
		PQexitPipelineMode(p->conn);
	if (begin && (got[0] == NULL || PQresultStatus(got[0]) != PGRES_COMMAND_OK)) {
		int rc = pg_fail(p, got[0]);
		for (int j = 0; j < 3; j++)
			PQclear(got[j]);
		return rc;
	}
	PQclear(got[0]);
	p->in_tx = begin;
	if (got[1] != NULL && PQresultStatus(got[1]) == PGRES_TUPLES_OK && PQntuples(got[1]) == 1)
		p->snapshot = strdup(PQgetvalue(got[1], 0, 0));
	PQclear(got[1]);
	if (got[2] == NULL)
		return pg_fail(p, NULL);
	return pg_take_result(p, st, got[2], out);
}

/* How a statement goes: plainly, as BEGIN's companion, or as a read's first. */
enum pg_mode { PG_PLAIN, PG_BEGIN, PG_FIRST };

static int pg_query_once(struct pg *p, struct db_stmt **out, const char *sql,
                         const struct db_param *params, enum pg_mode mode, bool stream);

/*
 * A read's first statement (the session, on every page) runs on its own,
 * just after its snapshot is read, and BEGIN goes with the second: a page
 * answered from the page cache then costs one round trip, with no
 * transaction to end. The page's later statements share one snapshot, at
 * least as new as the one its key names, so a kept page is never older
 * than its key (http/page_cache.h).
 */
static int pg_query_mode(struct db *db, struct db_stmt **out, const char *sql,
                         const struct db_param *params, bool stream)
{
	struct pg *p = pg_of(db);
	bool begin = p->pending_begin; /* this statement opens the read transaction */
	enum pg_mode mode = !begin ? PG_PLAIN : p->read_first && !stream ? PG_FIRST : PG_BEGIN;
	p->read_first = false;
	p->pending_begin = mode == PG_FIRST;
	int rc = pg_query_once(p, out, sql, params, mode, stream);
	/* the connection turned out lost before the transaction began (a
	 * server restart, an ended backend): reset, and try once more */
	if (begin && rc == DB_UNAVAILABLE && !p->in_tx && pg_revive(p))
		rc = pg_query_once(p, out, sql, params, mode, stream);
	return rc;
}

static int pg_query(struct db *db, struct db_stmt **out, const char *sql,
                    const struct db_param *params)
{
	return pg_query_mode(db, out, sql, params, false);
}

/*
 * A query whose rows come one at a time (libpq's single-row mode), so a
 * result of any size holds one row in memory: the inzage of a person with
 * thousands of records. Nothing else may use the connection until the
 * statement is finished.
 */
static int pg_query_stream(struct db *db, struct db_stmt **out, const char *sql,
                           const struct db_param *params)
{
	return pg_query_mode(db, out, sql, params, true);
}

/* Reads what is left of a streamed statement's results from the connection. */
static void pg_stream_drain(struct pg_stmt *st)
{
	struct pg *p = pg_of(st->head.db);
	PGresult *r;
	while (st->draining && (r = PQgetResult(p->conn)) != NULL)
		PQclear(r);
	st->draining = false;
}

/*
 * Takes the next result of a streamed statement into st: DB_ROW (one row),
 * DB_DONE (the end) or an error; on anything but a row the connection is
 * drained.
 */
static int pg_stream_next(struct pg *p, struct pg_stmt *st)
{
	PQclear(st->res);
	st->res = PQgetResult(p->conn);
	ExecStatusType s = st->res ? PQresultStatus(st->res) : PGRES_FATAL_ERROR;
	st->row = -1;
	st->n_rows = 0;
	if (s == PGRES_SINGLE_TUPLE) {
		st->n_rows = 1;
		return DB_ROW;
	}
	int rc = s == PGRES_TUPLES_OK || s == PGRES_COMMAND_OK ? DB_DONE : pg_fail(p, st->res);
	if (st->res == NULL)
		st->draining = false; /* nothing more will come */
	pg_stream_drain(st);
	return rc;
}

/* One try of pg_query, in the given mode (pg_query_mode()). */
static int pg_query_once(struct pg *p, struct db_stmt **out, const char *sql,
                         const struct db_param *params, enum pg_mode mode, bool stream)
{
	bool begin = mode == PG_BEGIN;
	*out = NULL;
	p->errbuf[0] = '\0';
	if (!pg_revive(p))
		return DB_UNAVAILABLE;

	const char *values[PG_MAX_PARAMS];
	Oid types[PG_MAX_PARAMS];
	char ints[PG_MAX_PARAMS][24];
	int n_given = db_pg_params(params, values, types, ints);
	if (n_given < 0) {
		snprintf(p->errbuf, sizeof(p->errbuf), "too many parameters");
		return DB_ERROR;
	}

	struct pg_stmt *st = NULL;
	size_t slot = db_stmt_slot(sql, PG_CACHE_SIZE);
	for (size_t k = 0; k < 8; k++) {
		struct pg_stmt *c = &p->cache[(slot + k) & (PG_CACHE_SIZE - 1)];
		if (c->sql == sql && !c->in_use) {
			st = c;
			break;
		}
		if (c->sql == NULL) {
			st = c;
			break;
		}
	}
	if (st == NULL || !st->prepared) {
		int n_params = 0;
		char *text = db_pg_placeholders(sql, &n_params);
		if (text == NULL) {
			snprintf(p->errbuf, sizeof(p->errbuf), "cannot rewrite placeholders");
			return DB_ERROR;
		}
		if (n_params != n_given) {
			snprintf(p->errbuf, sizeof(p->errbuf), "expected %d parameters, got %d",
			         n_params, n_given);
			free(text);
			return DB_ERROR;
		}
		if (st == NULL) { /* cache crowded or statement nested: run unprepared */
			int rc = begin ? pg_begin_read_now(p) : DB_OK;
			if (rc != DB_OK) {
				free(text);
				return rc;
			}
			PGresult *res =
			    PQexecParams(p->conn, text, n_given, types, values, NULL, NULL, 0);
			free(text);
			return pg_take_result(p, NULL, res, out);
		}
		snprintf(st->name, sizeof(st->name), "k%u", p->next_name++);
		PGresult *res = PQprepare(p->conn, st->name, text, n_given, types);
		free(text);
		if (PQresultStatus(res) != PGRES_COMMAND_OK) {
			int rc = pg_fail(p, res);
			PQclear(res);
			return rc;
		}
		PQclear(res);
		st->sql = sql;
		st->n_params = n_given;
		st->prepared = true;
		st->cached = true;
		st->head.db = &p->head;
	} else if (st->n_params != n_given) {
		snprintf(p->errbuf, sizeof(p->errbuf), "expected %d parameters, got %d",
		         st->n_params, n_given);
		return DB_ERROR;
	}
	if (stream) {
		int rc = begin ? pg_begin_read_now(p) : DB_OK;
		if (rc != DB_OK)
			return rc;
		if (PQsendQueryPrepared(p->conn, st->name, n_given, values, NULL, NULL, 0) != 1 ||
		    PQsetSingleRowMode(p->conn) != 1)
			return pg_fail(p, NULL);
		st->res = NULL;
		st->stream = true;
		st->draining = true;
		st->in_use = true;
		rc = pg_stream_next(p, st);
		if (rc != DB_ROW && rc != DB_DONE) {
			PQclear(st->res);
			st->res = NULL;
			st->stream = false;
			st->in_use = false;
			return rc;
		}
		st->n_rows = rc == DB_ROW ? 1 : 0; /* the first step shows it */
		p->changes = 0;
		*out = &st->head;
		return DB_OK;
	}
	if (mode != PG_PLAIN)
		return pg_pipeline_exec(p, st, n_given, values, out, begin);
	PGresult *res = PQexecPrepared(p->conn, st->name, n_given, values, NULL, NULL, 0);
	return pg_take_result(p, st, res, out);
}

static int pg_step(struct db_stmt *h)
{
	struct pg_stmt *st = (struct pg_stmt *)h;
	if (st->stream && st->row >= 0) { /* the row was read: the next one */
		if (st->n_rows == 0)
			return DB_DONE;
		int rc = pg_stream_next(pg_of(h->db), st);
		if (rc == DB_ROW)
			st->row = 0;
		return rc;
	}
	if (st->row + 1 >= st->n_rows) {
		st->row = st->n_rows;
		return DB_DONE;
	}
	st->row++;
	return DB_ROW;
}

static long long pg_col_int(struct db_stmt *h, int col)
{
	struct pg_stmt *st = (struct pg_stmt *)h;
	if (st->row < 0 || st->row >= st->n_rows || PQgetisnull(st->res, st->row, col))
		return 0;
	const char *v = PQgetvalue(st->res, st->row, col);
	if (v[0] == 't' && v[1] == '\0') /* a boolean expression */
		return 1;
	if (v[0] == 'f' && v[1] == '\0')
		return 0;
	return strtoll(v, NULL, 10); /* numeric "2.50" reads as 2, as SQLite's integer cast */
}

static bool pg_col_is_null(struct db_stmt *h, int col)
{
	struct pg_stmt *st = (struct pg_stmt *)h;
	return st->row < 0 || st->row >= st->n_rows || PQgetisnull(st->res, st->row, col);
}

static const char *pg_col_text(struct db_stmt *h, int col, struct arena *a)
{
	struct pg_stmt *st = (struct pg_stmt *)h;
	if (pg_col_is_null(h, col))
		return "";
	return arena_strndup(a, PQgetvalue(st->res, st->row, col),
	                     (size_t)PQgetlength(st->res, st->row, col));
}

static void pg_finish(struct db_stmt *h)
{
	struct pg_stmt *st = (struct pg_stmt *)h;
	PQclear(st->res);
	st->res = NULL;
	if (st->stream) { /* stopped early: the rest is read and dropped */
		pg_stream_drain(st);
		st->stream = false;
	}
	st->in_use = false;
	if (!st->cached)
		free(st);
}

static int pg_begin_read(struct db *db)
{
	struct pg *p = pg_of(db);
	pg_settle(p);
	p->in_tx = false;
	p->pending_begin = true; /* sent with the first statement */
	p->reading = true;
	p->read_first = true;
	free(p->snapshot);
	p->snapshot = NULL;
	return DB_OK;
}

static void pg_end_read(struct db *db)
{
	struct pg *p = pg_of(db);
	p->reading = false;
	free(p->snapshot);
	p->snapshot = NULL;
	if (p->pending_begin) { /* no BEGIN was sent: nothing to end */
		p->pending_begin = false;
		return;
	}
	pg_settle(p);
	/* a read-only transaction has nothing to lose: its COMMIT is sent, and
	 * its answer read before the next command on this connection */
	if (PQtransactionStatus(p->conn) != PQTRANS_IDLE) {
		if (PQsendQuery(p->conn, "COMMIT") == 1)
			p->pending_commit = true;
		else
			pg_command(p, "ROLLBACK");
	}
	p->in_tx = false;
}

static int pg_begin(struct db *db)
{
	struct pg *p = pg_of(db);
	p->pending_begin = false; /* a write inside a read: the write's own transaction */
	p->reading = false;
	/* nothing is written before the lock is held: a connection found lost
	 * on the way there (a backend ended just before) is begun again once */
	int rc = DB_UNAVAILABLE;
	for (int attempt = 0; attempt < 2 && rc == DB_UNAVAILABLE; attempt++) {
		rc = pg_begin_tx(p, "BEGIN ISOLATION LEVEL READ COMMITTED");
		if (rc != DB_OK)
			continue;
		/* one lock for every writer of every instance: BEGIN IMMEDIATE's meaning */
		PGresult *res = PQexec(p->conn, "SELECT pg_advisory_xact_lock(5394)");
		if (PQresultStatus(res) != PGRES_TUPLES_OK) {
			rc = pg_fail(p, res);
			PQclear(res);
			pg_command(p, "ROLLBACK");
			continue;
		}
		PQclear(res);
	}
	if (rc != DB_OK)
		return rc;
	p->in_tx = true;
	return DB_OK;
}

static int pg_commit(struct db *db)
{
	struct pg *p = pg_of(db);
	pg_settle(p);
	PGresult *res = PQexec(p->conn, "COMMIT");
	int rc = DB_OK;
	/* COMMIT of a failed transaction answers ROLLBACK with status OK */
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = pg_fail(p, res);
	else if (strcmp(PQcmdStatus(res), "ROLLBACK") == 0) {
		snprintf(p->errbuf, sizeof(p->errbuf), "transaction was rolled back");
		rc = DB_ERROR;
	}
	PQclear(res);
	p->in_tx = false;
	return rc;
}

static void pg_rollback(struct db *db)
{
	struct pg *p = pg_of(db);
	pg_settle(p);
	if (PQstatus(p->conn) == CONNECTION_OK && PQtransactionStatus(p->conn) != PQTRANS_IDLE)
		pg_command(p, "ROLLBACK");
	p->in_tx = false;
}

static long long pg_changes(struct db *db)
{
	return pg_of(db)->changes;
}

static const char *pg_errmsg(struct db *db)
{
	struct pg *p = pg_of(db);
	return p->errbuf[0] ? p->errbuf : PQerrorMessage(p->conn);
}

static int pg_exec_script(struct db *db, const char *sql)
{
	struct pg *p = pg_of(db);
	p->errbuf[0] = '\0';
	return pg_command(p, sql);
}

static int pg_check_sql(struct db *db, const char *sql)
{
	struct pg *p = pg_of(db);
	p->errbuf[0] = '\0';
	int n_params = 0;
	char *text = db_pg_placeholders(sql, &n_params);
	if (text == NULL) {
		snprintf(p->errbuf, sizeof(p->errbuf), "cannot rewrite placeholders");
		return DB_ERROR;
	}
	/* unnamed, untyped: the server infers the types (a prepared statement
	 * holds one command only, so two statements fail here too) */
	pg_settle(p);
	PGresult *res = PQprepare(p->conn, "", text, 0, NULL);
	free(text);
	int rc = DB_OK;
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		/* a type only the bound value tells (at run time kring sends it) */
		if (state == NULL || strcmp(state, "42P18") != 0)
			rc = pg_fail(p, res);
	}
	PQclear(res);
	return rc;
}

/*
 * The read's snapshot, as "xmin:xmax:xip,...": the same text, the same data
 * (the page's later statements may see more, never less). Read with the
 * read's first statement, or, asked before it, on its own (the session
 * asks: auth/session_cache.h). NULL outside a read, or when none was read
 * (a statement that ran unprepared).
 */
static const char *pg_generation(struct db *db, struct arena *a)
{
	struct pg *p = pg_of(db);
	if (p->reading && p->snapshot == NULL && p->read_first && pg_revive(p)) {
		PGresult *res = PQexecPrepared(p->conn, PG_SNAPSHOT, 0, NULL, NULL, NULL, 0);
		if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
			p->snapshot = strdup(PQgetvalue(res, 0, 0));
		PQclear(res);
	}
	return p->reading && p->snapshot != NULL ? arena_printf(a, "p%s", p->snapshot) : NULL;
}

const struct db_driver db_driver_pg = {
    .name = "postgres",
    .global_init = pg_global_init,
    .open = pg_open,
    .close = pg_close,
    .query = pg_query,
    .query_stream = pg_query_stream,
    .step = pg_step,
    .col_int = pg_col_int,
    .col_is_null = pg_col_is_null,
    .col_text = pg_col_text,
    .finish = pg_finish,
    .begin_read = pg_begin_read,
    .end_read = pg_end_read,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .changes = pg_changes,
    .errmsg = pg_errmsg,
    .exec_script = pg_exec_script,
    .check_sql = pg_check_sql,
    .generation = pg_generation,
    .migrations = embedded_migrations_postgres,
    .n_migrations = &n_embedded_migrations_postgres,
};
