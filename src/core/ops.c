/*
 * ops.c - figures for the operator (see ops.h).
 */
#include "ops.h"

#include <string.h>

#include "../util/arena.h"

int ops_gauges(struct db *db, long long now_s, struct ops_gauges *out)
{
	memset(out, 0, sizeof(*out));
	if (db_query_int(db, "SELECT COUNT(*) FROM orgs", DB_NOARGS, &out->orgs) != DB_ROW ||
	    db_query_int(db, "SELECT COUNT(*) FROM sessions", DB_NOARGS, &out->sessions) !=
	        DB_ROW ||
	    db_query_int(db, "SELECT COUNT(*) FROM sessions WHERE seen_at >= ?1",
	                 DB_ARGS(DB_INT(now_s - 3600)), &out->sessions_recent) != DB_ROW)
		return -1;
	struct db_stmt *st;
	if (db_query(db, &st, "SELECT kind, COUNT(*) FROM signals GROUP BY kind", DB_NOARGS) !=
	    DB_OK)
		return -1;
	struct arena a;
	arena_init(&a);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		int k = signal_kind_from_name(db_col_text(st, 0, &a));
		if (k >= 0 && k < SIG_N)
			out->signals[k] += db_col_int(st, 1);
	}
	db_finish(st);
	arena_free(&a);
	return rc == DB_DONE ? 0 : -1;
}
