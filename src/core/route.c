/*
 * route.c - Mijn route: what kring sees of each step, and hand marks (see
 * route.h). One condition per step, each a cheap indexed EXISTS, read
 * together; a later subject adds its table to the step it belongs to.
 */
#include "route.h"

#include <string.h>

#include "../util/clock.h"

/*
 * What kring sees of each step, as one condition each (?1 the organisation,
 * ?2 the person); all eight are read in one statement, so the start page
 * pays one round trip for the route, not eight.
 */
/* Step 1, beginnen: the organisation answered the readiness questions. */
#define SEEN_START "EXISTS (SELECT 1 FROM readiness_checks WHERE org_id = ?1)"
/* Step 2, de organisatie en ik: a shared vision exists, or my own impact plan. */
#define SEEN_ORGANISATION                                                                          \
	"(EXISTS (SELECT 1 FROM shared_visions WHERE org_id = ?1)"                                 \
	" OR EXISTS (SELECT 1 FROM impact_plans WHERE org_id = ?1 AND person_id = ?2))"
/* Step 3, communityscan: the organisation's scan has entries. */
#define SEEN_SCAN "EXISTS (SELECT 1 FROM scan_entries WHERE org_id = ?1)"
/* Step 4, ga kennismaken: I wrote down a conversation. */
#define SEEN_MEET "EXISTS (SELECT 1 FROM conversations WHERE org_id = ?1 AND person_id = ?2)"
/* Step 5, POST-O: a community I work for has its POST-O written down. */
#define SEEN_POSTO                                                                                 \
	"EXISTS (SELECT 1 FROM community_staff s JOIN postos p"                                    \
	" ON p.org_id = s.org_id AND p.community_id = s.community_id"                              \
	" WHERE s.org_id = ?1 AND s.person_id = ?2)"
/* Step 6, kenniscreatie: a knowledge item exists in a community I work for. */
#define SEEN_KNOWLEDGE                                                                             \
	"EXISTS (SELECT 1 FROM community_staff s JOIN knowledge_items k"                           \
	" ON k.org_id = s.org_id AND k.community_id = s.community_id"                              \
	" WHERE s.org_id = ?1 AND s.person_id = ?2)"
/* Step 7, projectplan: a community I work for has project plan tasks. */
#define SEEN_PLAN                                                                                  \
	"EXISTS (SELECT 1 FROM community_staff s JOIN plan_tasks t"                                \
	" ON t.org_id = s.org_id AND t.community_id = s.community_id"                              \
	" WHERE s.org_id = ?1 AND s.person_id = ?2)"
/*
 * Step 8, continueren: a community I work for works together or carries
 * itself, and held an activity.
 */
#define SEEN_CONTINUE                                                                              \
	"EXISTS (SELECT 1 FROM community_staff s"                                                  \
	" JOIN communities c ON c.id = s.community_id AND c.org_id = s.org_id"                     \
	" JOIN activity_communities ac ON ac.org_id = s.org_id"                                    \
	"  AND ac.community_id = s.community_id"                                                   \
	" JOIN activities a ON a.id = ac.activity_id AND a.org_id = s.org_id"                      \
	" WHERE s.org_id = ?1 AND s.person_id = ?2"                                                \
	" AND c.status IN ('samenwerken', 'zelfdragend') AND a.status = 'held')"

#define SEEN_COL(cond) " CASE WHEN " cond " THEN 1 ELSE 0 END"
/* the hand mark of one step: 1 done, 0 not done, -1 none */
#define MARK_COL(n)                                                                                \
	" COALESCE((SELECT m.done FROM route_marks m WHERE m.org_id = ?1"                          \
	" AND m.person_id = ?2 AND m.step = " #n "), -1)"

/* seen[i] and mark[i] of every step in one statement; -1 on error. */
static int route_read(struct db *db, long long org_id, long long person_id, int seen[ROUTE_STEPS],
                      int mark[ROUTE_STEPS])
{
	struct db_stmt *st;
	if (db_query(
	        db, &st,
	        "SELECT" SEEN_COL(SEEN_START) "," SEEN_COL(SEEN_ORGANISATION) "," SEEN_COL(SEEN_SCAN) "," SEEN_COL(SEEN_MEET) "," SEEN_COL(SEEN_POSTO) "," SEEN_COL(SEEN_KNOWLEDGE) "," SEEN_COL(SEEN_PLAN) "," SEEN_COL(
	            SEEN_CONTINUE) "," MARK_COL(1) "," MARK_COL(2) "," MARK_COL(3) "," MARK_COL(4) "," MARK_COL(5) "," MARK_COL(6) "," MARK_COL(7) "," MARK_COL(8),
	        DB_ARGS(DB_INT(org_id), DB_INT(person_id))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW)
		for (int i = 0; i < ROUTE_STEPS; i++) {
			seen[i] = db_col_int(st, i) != 0;
			long long m = db_col_int(st, ROUTE_STEPS + i);
			mark[i] = m < 0 ? -1 : m != 0;
		}
	db_finish(st);
	return rc == DB_ROW ? 0 : -1;
}

int route_get(struct db *db, long long org_id, long long person_id, struct route_state *out)
{
	memset(out, 0, sizeof(*out));
	int seen[ROUTE_STEPS], mark[ROUTE_STEPS];
	if (route_read(db, org_id, person_id, seen, mark) != 0)
		return -1;
	for (int i = 0; i < ROUTE_STEPS; i++) {
		struct route_step *s = &out->step[i];
		s->seen = seen[i];
		s->mark = mark[i];
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
	int seen[ROUTE_STEPS], mark[ROUTE_STEPS];
	if (route_read(db, org_id, person_id, seen, mark) != 0)
		return SAVE_ERROR;
	int rc = seen[step - 1];
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
	/* new: no hand mark, no impact plan, no conversation, no community, no action */
	long long is_new = 0;
	int rc = db_query_int(
	    db,
	    "SELECT CASE WHEN EXISTS (SELECT 1 FROM route_marks WHERE org_id = ?1"
	    " AND person_id = ?2) OR EXISTS (SELECT 1 FROM impact_plans WHERE org_id = ?1"
	    " AND person_id = ?2) OR " SEEN_MEET " OR EXISTS (SELECT 1 FROM community_staff"
	    " WHERE org_id = ?1 AND person_id = ?2) OR EXISTS (SELECT 1 FROM action_points"
	    " WHERE org_id = ?1 AND owner_id = ?2) THEN 0 ELSE 1 END",
	    DB_ARGS(DB_INT(org_id), DB_INT(person_id)), &is_new);
	return rc == DB_ROW ? (int)is_new : -1;
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
