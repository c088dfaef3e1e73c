/*
 * energy.c - the energy marks of conversations and activities (see
 * energy.h). The mark is set in its own transaction after the record is
 * saved: it carries no version, being one number its writer just chose.
 */
#include "energy.h"

#include <stdio.h>
#include <string.h>

#include "../util/clock.h"

const char *const energy_values[] = {"1", "2", "3", "4", "5", NULL};

enum save_result energy_set(struct db *db, long long org_id, enum energy_of kind, long long id,
                            int value)
{
	if (value != 0 && (value < ENERGY_MIN || value > ENERGY_MAX))
		return SAVE_REFUSED;
	struct db_param v = value ? DB_INT(value) : DB_NULL;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	int rc =
	    kind == ENERGY_CONVERSATION
	        ? db_exec(db, "UPDATE conversations SET energy = ? WHERE id = ? AND org_id = ?",
	                  DB_ARGS(v, DB_INT(id), DB_INT(org_id)))
	        : db_exec(db, "UPDATE activities SET energy = ? WHERE id = ? AND org_id = ?",
	                  DB_ARGS(v, DB_INT(id), DB_INT(org_id)));
	enum save_result r = rc != DB_OK           ? SAVE_ERROR
	                     : db_changes(db) == 0 ? SAVE_NOT_FOUND
	                                           : SAVE_OK;
	return save_finish(db, r);
}

int energy_get(struct db *db, long long org_id, enum energy_of kind, long long id, int *value)
{
	long long v = 0;
	int rc = kind == ENERGY_CONVERSATION
	             ? db_query_int(db,
	                            "SELECT COALESCE(energy, 0) FROM conversations"
	                            " WHERE id = ? AND org_id = ?",
	                            DB_ARGS(DB_INT(id), DB_INT(org_id)), &v)
	             : db_query_int(db,
	                            "SELECT COALESCE(energy, 0) FROM activities"
	                            " WHERE id = ? AND org_id = ?",
	                            DB_ARGS(DB_INT(id), DB_INT(org_id)), &v);
	if (rc == DB_DONE)
		return 0;
	if (rc != DB_ROW)
		return -1;
	*value = (int)v;
	return 1;
}

static int month_row(struct db_stmt *st, void *elem, struct arena *a)
{
	struct energy_month *m = elem;
	m->month = db_col_text(st, 0, a);
	long long sum = db_col_int(st, 1);
	m->n = db_col_int(st, 2);
	m->mean = m->n > 0 ? (double)sum / (double)m->n : 0;
	return 0;
}

int energy_trend(struct db *db, struct arena *a, long long org_id, long long community_id,
                 int months, struct energy_month **out, size_t *n_out)
{
	char from[16];
	clock_date_from_today(-31LL * months, from);
	from[7] = '\0'; /* whole months: from the first day of that month */
	return db_rows(db, a,
	               "SELECT substr(t.held_on, 1, 7), SUM(t.energy), COUNT(*) FROM ("
	               " SELECT held_on, energy FROM conversations WHERE org_id = ?1"
	               " AND community_id = ?2 AND energy IS NOT NULL"
	               " AND held_on >= ?3"
	               /* the community's links first (CROSS JOIN keeps SQLite's order),
	                  not the organisation's activities by date */
	               " UNION ALL SELECT x.held_on, x.energy FROM activity_communities ac"
	               " CROSS JOIN activities x"
	               " WHERE x.id = ac.activity_id AND x.org_id = ?1 AND ac.org_id = ?1 AND "
	               "ac.community_id = ?2"
	               " AND x.energy IS NOT NULL AND x.status <> 'cancelled'"
	               " AND x.held_on >= ?3) t GROUP BY substr(t.held_on, 1, 7)"
	               " ORDER BY substr(t.held_on, 1, 7)",
	               DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_TEXT(from)), sizeof(**out),
	               month_row, out, n_out);
}
