/*
 * route.c - Mijn route: what kring sees of each step, and hand marks (see
 * route.h). One small function per step, each one cheap indexed query,
 * so a later subject adds its table to the step it belongs to.
 */
#include "route.h"

#include <string.h>

#include "../util/clock.h"

/* 1 when the query found a row, 0 when not, -1 on error. */
static int found(int rc)
{
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* Step 1, beginnen: the organisation answered the readiness questions. */
static int seen_start(struct db *db, long long org_id, long long person_id)
{
	(void)person_id;
	long long one;
	return found(db_query_int(db, "SELECT 1 FROM readiness_checks WHERE org_id = ?1 LIMIT 1",
	                          DB_ARGS(DB_INT(org_id)), &one));
}

/* Step 2, de organisatie en ik: a shared vision exists, or my own impact plan. */
static int seen_organisation(struct db *db, long long org_id, long long person_id)
{
	long long one;
	int rc = found(db_query_int(db, "SELECT 1 FROM shared_visions WHERE org_id = ?1 LIMIT 1",
	                            DB_ARGS(DB_INT(org_id)), &one));
	if (rc != 0)
		return rc;
	return found(db_query_int(db,
	                          "SELECT 1 FROM impact_plans WHERE org_id = ?1 AND person_id = ?2"
	                          " LIMIT 1",
	                          DB_ARGS(DB_INT(org_id), DB_INT(person_id)), &one));
}

/* Step 3, wat is er al: the community scan has an entry. */
static int seen_scan(struct db *db, long long org_id, long long person_id)
{
	(void)person_id;
	long long one;
	return found(db_query_int(db, "SELECT 1 FROM scan_entries WHERE org_id = ?1 LIMIT 1",
	                          DB_ARGS(DB_INT(org_id)), &one));
}

/* Step 4, ga kennismaken: I wrote down a conversation. */
static int seen_meet(struct db *db, long long org_id, long long person_id)
{
	long long one;
	return found(db_query_int(db,
	                          "SELECT 1 FROM conversations WHERE org_id = ?1 AND person_id = ?2"
	                          " LIMIT 1",
	                          DB_ARGS(DB_INT(org_id), DB_INT(person_id)), &one));
}

/* Step 5, POST-O: a community I work for has its POST-O written down. */
static int seen_posto(struct db *db, long long org_id, long long person_id)
{
	long long one;
	return found(db_query_int(db,
	                          "SELECT 1 FROM community_staff s JOIN postos p"
	                          " ON p.org_id = s.org_id AND p.community_id = s.community_id"
	                          " WHERE s.org_id = ?1 AND s.person_id = ?2 LIMIT 1",
	                          DB_ARGS(DB_INT(org_id), DB_INT(person_id)), &one));
}

/* Step 6, kenniscreatie: a knowledge item exists in a community I work for. */
static int seen_knowledge(struct db *db, long long org_id, long long person_id)
{
	long long one;
	return found(db_query_int(db,
	                          "SELECT 1 FROM community_staff s JOIN knowledge_items k"
	                          " ON k.org_id = s.org_id AND k.community_id = s.community_id"
	                          " WHERE s.org_id = ?1 AND s.person_id = ?2 LIMIT 1",
	                          DB_ARGS(DB_INT(org_id), DB_INT(person_id)), &one));
}

/* Step 7, projectplan: a community I work for has project plan tasks. */
static int seen_plan(struct db *db, long long org_id, long long person_id)
{
	long long one;
	return found(db_query_int(db,
	                          "SELECT 1 FROM community_staff s JOIN plan_tasks t"
	                          " ON t.org_id = s.org_id AND t.community_id = s.community_id"
	                          " WHERE s.org_id = ?1 AND s.person_id = ?2 LIMIT 1",
	                          DB_ARGS(DB_INT(org_id), DB_INT(person_id)), &one));
}

/*
 * Step 8, continueren: a community I work for works together or carries
 * itself, and held an activity.
 */
static int seen_continue(struct db *db, long long org_id, long long person_id)
{
	long long one;
	return found(db_query_int(
	    db,
	    "SELECT 1 FROM community_staff s"
	    " JOIN communities c ON c.id = s.community_id AND c.org_id = s.org_id"
	    " JOIN activity_communities ac ON ac.org_id = s.org_id"
	    "  AND ac.community_id = s.community_id"
	    " JOIN activities a ON a.id = ac.activity_id AND a.org_id = s.org_id"
	    " WHERE s.org_id = ?1 AND s.person_id = ?2"
	    " AND c.status IN ('samenwerken', 'zelfdragend') AND a.status = 'held' LIMIT 1",
	    DB_ARGS(DB_INT(org_id), DB_INT(person_id)), &one));
}

typedef int (*seen_fn)(struct db *db, long long org_id, long long person_id);

static const seen_fn seen[ROUTE_STEPS] = {
    seen_start, seen_organisation, seen_scan, seen_meet,
    seen_posto, seen_knowledge,    seen_plan, seen_continue,
};

int route_get(struct db *db, long long org_id, long long person_id, struct route_state *out)
{
	memset(out, 0, sizeof(*out));
	for (int i = 0; i < ROUTE_STEPS; i++) {
		int rc = seen[i](db, org_id, person_id);
		if (rc < 0)
			return -1;
		out->step[i].seen = rc == 1;
		out->step[i].mark = -1;
	}
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT step, done FROM route_marks WHERE org_id = ?1 AND person_id = ?2",
	             DB_ARGS(DB_INT(org_id), DB_INT(person_id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		long long step = db_col_int(st, 0);
		if (step >= 1 && step <= ROUTE_STEPS)
			out->step[step - 1].mark = db_col_int(st, 1) ? 1 : 0;
	}
	db_finish(st);
	if (rc != DB_DONE)
		return -1;
	for (int i = 0; i < ROUTE_STEPS; i++) {
		struct route_step *s = &out->step[i];
		s->done = s->mark >= 0 ? s->mark == 1 : s->seen;
		out->n_done += s->done;
		if (!s->done && out->current == 0)
			out->current = i + 1;
	}
	return 0;
}

enum save_result route_mark(struct db *db, long long org_id, long long person_id, int step,
                            bool done)
{
	if (step < 1 || step > ROUTE_STEPS)
		return SAVE_NOT_FOUND;
	int rc = seen[step - 1](db, org_id, person_id);
	if (rc < 0)
		return SAVE_ERROR;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	if (db_exec(db,
	            "DELETE FROM route_marks WHERE org_id = ?1 AND person_id = ?2 AND step = ?3",
	            DB_ARGS(DB_INT(org_id), DB_INT(person_id), DB_INT(step))) != DB_OK)
		return save_finish(db, SAVE_ERROR);
	/* a hand mark only where it differs from what kring sees */
	if ((rc == 1) != done &&
	    db_exec(db,
	            "INSERT INTO route_marks (org_id, person_id, step, done, at)"
	            " VALUES (?1, ?2, ?3, ?4, ?5)",
	            DB_ARGS(DB_INT(org_id), DB_INT(person_id), DB_INT(step), DB_INT(done ? 1 : 0),
	                    DB_INT((long long)clock_now()))) != DB_OK)
		return save_finish(db, SAVE_ERROR);
	return save_finish(db, SAVE_OK);
}

int route_is_new(struct db *db, long long org_id, long long person_id)
{
	long long one;
	const struct db_param *args = DB_ARGS(DB_INT(org_id), DB_INT(person_id));
	int rc;
	if ((rc =
	         found(db_query_int(db,
	                            "SELECT 1 FROM route_marks WHERE org_id = ?1 AND person_id = ?2"
	                            " LIMIT 1",
	                            args, &one))) != 0)
		return rc < 0 ? -1 : 0;
	if ((rc = found(
	         db_query_int(db,
	                      "SELECT 1 FROM impact_plans WHERE org_id = ?1 AND person_id = ?2"
	                      " LIMIT 1",
	                      args, &one))) != 0)
		return rc < 0 ? -1 : 0;
	if ((rc = seen_meet(db, org_id, person_id)) != 0)
		return rc < 0 ? -1 : 0;
	if ((rc = found(db_query_int(db,
	                             "SELECT 1 FROM community_staff WHERE org_id = ?1"
	                             " AND person_id = ?2 LIMIT 1",
	                             args, &one))) != 0)
		return rc < 0 ? -1 : 0;
	if ((rc = found(
	         db_query_int(db,
	                      "SELECT 1 FROM action_points WHERE org_id = ?1 AND owner_id = ?2"
	                      " LIMIT 1",
	                      args, &one))) != 0)
		return rc < 0 ? -1 : 0;
	return 1;
}

long long route_first_community(struct db *db, long long org_id, long long person_id)
{
	long long id = 0;
	int rc = db_query_int(db,
	                      "SELECT community_id FROM community_staff"
	                      " WHERE org_id = ?1 AND person_id = ?2 ORDER BY community_id LIMIT 1",
	                      DB_ARGS(DB_INT(org_id), DB_INT(person_id)), &id);
	return rc == DB_ROW ? id : rc == DB_DONE ? 0 : -1;
}
