/*
 * signal_plan.c - the signals of a community's project plan (see signal.h,
 * signal_rule_plan): tasks past their due date, and a plan whose spent
 * hours or money pass what was planned. One query per refresh, summed in
 * the database as whole minutes and cents.
 */
#include "signal.h"

int signal_rule_plan(struct db *db, long long org_id, long long community_id, const char *today,
                     struct signal_facts *out)
{
	struct db_stmt *st;
	if (db_query(
	        db, &st,
	        "SELECT t.community_id,"
	        " CAST(SUM(CASE WHEN t.status <> 'done' AND t.due_on <> '' AND t.due_on < ?3"
	        " THEN 1 ELSE 0 END) AS BIGINT),"
	        " COALESCE(MIN(CASE WHEN t.status <> 'done' AND t.due_on <> ''"
	        " AND t.due_on < ?3 THEN t.due_on END), ''),"
	        " CAST(SUM(t.planned_minutes) AS BIGINT), CAST(SUM(t.spent_minutes) AS BIGINT),"
	        " CAST(SUM(t.planned_cents) AS BIGINT), CAST(SUM(t.spent_cents) AS BIGINT)"
	        " FROM plan_tasks t JOIN communities c ON c.id = t.community_id"
	        " AND c.org_id = t.org_id WHERE t.org_id = ?1 AND (?2 = 0 OR t.community_id = ?2)"
	        " AND c.status <> 'gestopt' GROUP BY t.community_id",
	        DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_TEXT(today))) != DB_OK)
		return -1;
	int rc = DB_DONE, err = 0;
	while (!err && (rc = db_step(st)) == DB_ROW) {
		long long c = db_col_int(st, 0), late = db_col_int(st, 1);
		long long pm = db_col_int(st, 3), sm = db_col_int(st, 4);
		long long pc = db_col_int(st, 5), sc = db_col_int(st, 6);
		if (late > 0 && signal_facts_add(out, SIG_PLAN_OVERDUE, c, 0, late, 0, 0,
		                                 db_col_text(st, 2, out->a)))
			err = 1;
		if (pm > 0 && sm > pm &&
		    signal_facts_add(out, SIG_PLAN_HOURS_OVER, c, 0, sm, pm, 0, ""))
			err = 1;
		if (pc > 0 && sc > pc &&
		    signal_facts_add(out, SIG_PLAN_MONEY_OVER, c, 0, sc, pc, 0, ""))
			err = 1;
	}
	db_finish(st);
	return !err && rc == DB_DONE ? 0 : -1;
}
