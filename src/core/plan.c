/*
 * plan.c - the tasks of a community's project plan (see plan.h); parsing of
 * money and hours is in plan_parse.c.
 */
#include "plan.h"

#include <string.h>

#include "../auth/roles.h"
#include "goal.h"
#include "partner_util.h"
#include "signal.h"
#include "vocab.h"

const char *const plan_statuses[] = {"open", "busy", "done", NULL};

#define TASK_SELECT                                                                                \
	"SELECT t.id, t.version, t.title, t.description, COALESCE(t.owner_id, 0),"                 \
	" COALESCE(o.name, ''), CASE WHEN om.role = 'ambassadeur' THEN 1 ELSE 0 END,"              \
	" t.due_on, t.planned_minutes, t.spent_minutes, t.planned_cents, t.spent_cents,"           \
	" t.status, COALESCE(t.goal_id, 0), COALESCE(t.subgoal_id, 0),"                            \
	" COALESCE(s.title, g.text, ''), t.updated_at FROM plan_tasks t"                           \
	" LEFT JOIN persons o ON o.id = t.owner_id"                                                \
	" LEFT JOIN memberships om ON om.person_id = t.owner_id AND om.org_id = t.org_id"          \
	" LEFT JOIN goals g ON g.id = t.goal_id AND g.org_id = t.org_id"                           \
	" LEFT JOIN subgoals s ON s.id = t.subgoal_id AND s.org_id = t.org_id"

static void read_task(struct db_stmt *st, struct arena *a, struct plan_task *t)
{
	t->id = db_col_int(st, 0);
	t->version = db_col_int(st, 1);
	t->title = db_col_text(st, 2, a);
	t->description = db_col_text(st, 3, a);
	t->owner_id = db_col_int(st, 4);
	t->owner = db_col_text(st, 5, a);
	t->owner_is_amb = db_col_int(st, 6) != 0;
	t->due_on = db_col_text(st, 7, a);
	t->planned_minutes = db_col_int(st, 8);
	t->spent_minutes = db_col_int(st, 9);
	t->planned_cents = db_col_int(st, 10);
	t->spent_cents = db_col_int(st, 11);
	t->status = db_col_text(st, 12, a);
	t->goal_id = db_col_int(st, 13);
	t->subgoal_id = db_col_int(st, 14);
	t->serves = db_col_text(st, 15, a);
	t->updated_at = db_col_int(st, 16);
}

int plan_task_list(struct db *db, struct arena *a, long long org_id, long long community_id,
                   struct plan_task **out, size_t *n_out)
{
	struct db_stmt *st;
	if (db_query(db, &st,
	             TASK_SELECT
	             " WHERE t.org_id = ? AND t.community_id = ?"
	             " ORDER BY CASE WHEN t.due_on = '' THEN 1 ELSE 0 END, t.due_on, t.id",
	             DB_ARGS(DB_INT(org_id), DB_INT(community_id))) != DB_OK)
		return -1;
	size_t n = 0, cap = 0;
	struct plan_task *v = NULL;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, n, &cap, sizeof(*v));
		read_task(st, a, &v[n++]);
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
}

int plan_task_get(struct db *db, struct arena *a, long long org_id, long long community_id,
                  long long id, struct plan_task *out)
{
	struct db_stmt *st;
	if (db_query(db, &st, TASK_SELECT " WHERE t.org_id = ? AND t.community_id = ? AND t.id = ?",
	             DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_INT(id))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW)
		read_task(st, a, out);
	db_finish(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

bool plan_task_overdue(const struct plan_task *t, const char *today)
{
	return strcmp(t->status, "done") != 0 && t->due_on[0] && strcmp(t->due_on, today) < 0;
}

void plan_totals_of(const struct plan_task *v, size_t n, const char *today, struct plan_totals *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < n; i++) {
		out->planned_minutes += v[i].planned_minutes;
		out->spent_minutes += v[i].spent_minutes;
		out->planned_cents += v[i].planned_cents;
		out->spent_cents += v[i].spent_cents;
		if (strcmp(v[i].status, "done") == 0)
			out->n_done++;
		else if (strcmp(v[i].status, "busy") == 0)
			out->n_busy++;
		else
			out->n_open++;
		if (plan_task_overdue(&v[i], today))
			out->n_overdue++;
	}
}

int plan_task_may_edit(unsigned role, long long actor, const struct plan_task *t)
{
	if (role & ROLES_STAFF)
		return 1;
	return (role & ROLE_AMBASSADEUR) && actor != 0 && t->owner_id == actor;
}

static bool task_valid(const struct plan_task *t)
{
	return t->title && t->title[0] && strlen(t->title) <= 200 &&
	       strlen(nz(t->description)) <= PLAN_TEXT_MAX &&
	       vocab_index(plan_statuses, t->status) >= 0 && date_or_empty(t->due_on) &&
	       t->planned_minutes >= 0 && t->planned_minutes <= PLAN_MAX_MINUTES &&
	       t->spent_minutes >= 0 && t->spent_minutes <= PLAN_MAX_MINUTES &&
	       t->planned_cents >= 0 && t->planned_cents <= PLAN_MAX_CENTS && t->spent_cents >= 0 &&
	       t->spent_cents <= PLAN_MAX_CENTS && t->goal_id >= 0 && t->subgoal_id >= 0 &&
	       t->owner_id >= 0;
}

/* SAVE_OK when owner, goal and subgoal of t are of this community (or absent). */
static enum save_result refs_check(struct db *db, long long org_id, long long community_id,
                                   const struct plan_task *t)
{
	long long n = 0;
	if (db_query_int(db, "SELECT COUNT(*) FROM communities WHERE id = ? AND org_id = ?",
	                 DB_ARGS(DB_INT(community_id), DB_INT(org_id)), &n) != DB_ROW)
		return SAVE_ERROR;
	if (n == 0)
		return SAVE_NOT_FOUND;
	if (t->owner_id) {
		int ok = subgoal_owner_valid(db, org_id, community_id, t->owner_id);
		if (ok < 0)
			return SAVE_ERROR;
		if (ok == 0)
			return SAVE_NOT_FOUND;
	}
	if (t->goal_id) {
		if (db_query_int(db,
		                 "SELECT COUNT(*) FROM goals WHERE id = ? AND org_id = ?"
		                 " AND community_id = ?",
		                 DB_ARGS(DB_INT(t->goal_id), DB_INT(org_id), DB_INT(community_id)),
		                 &n) != DB_ROW)
			return SAVE_ERROR;
		if (n == 0)
			return SAVE_NOT_FOUND;
	}
	if (t->subgoal_id) {
		if (db_query_int(
		        db,
		        "SELECT COUNT(*) FROM subgoals WHERE id = ? AND org_id = ?"
		        " AND community_id = ?",
		        DB_ARGS(DB_INT(t->subgoal_id), DB_INT(org_id), DB_INT(community_id)),
		        &n) != DB_ROW)
			return SAVE_ERROR;
		if (n == 0)
			return SAVE_NOT_FOUND;
	}
	return SAVE_OK;
}

enum save_result plan_task_save(struct db *db, long long org_id, long long actor, unsigned role,
                                long long community_id, const struct plan_task *t,
                                long long *id_out)
{
	if (!task_valid(t))
		return SAVE_REFUSED;
	bool staff = (role & ROLES_STAFF) != 0;
	/* an ambassadeur changes only a task they own, and keeps owning it */
	if (!staff && (t->id == 0 || t->owner_id != actor))
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	long long id = t->id, now = now_s();
	struct plan_task cur;
	enum save_result rc = refs_check(db, org_id, community_id, t);
	if (rc == SAVE_OK && id) {
		int found = plan_task_get(db, &a, org_id, community_id, id, &cur);
		if (found < 0)
			rc = SAVE_ERROR;
		else if (found == 0)
			rc = SAVE_NOT_FOUND;
		else if (!plan_task_may_edit(role, actor, &cur))
			rc = SAVE_REFUSED;
		else if (cur.version != t->version)
			rc = SAVE_CONFLICT;
	}
	if (rc == SAVE_OK && id == 0) {
		if (db_query_int(
		        db,
		        "INSERT INTO plan_tasks (org_id, community_id, title, description, "
		        "owner_id,"
		        " due_on, planned_minutes, spent_minutes, planned_cents, spent_cents, "
		        "status,"
		        " goal_id, subgoal_id, person_id, version, created_at, updated_at)"
		        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
		        DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_TEXT(t->title),
		                DB_TEXT(nz(t->description)),
		                t->owner_id ? DB_INT(t->owner_id) : DB_NULL, DB_TEXT(nz(t->due_on)),
		                DB_INT(t->planned_minutes), DB_INT(t->spent_minutes),
		                DB_INT(t->planned_cents), DB_INT(t->spent_cents),
		                DB_TEXT(t->status), t->goal_id ? DB_INT(t->goal_id) : DB_NULL,
		                t->subgoal_id ? DB_INT(t->subgoal_id) : DB_NULL,
		                actor ? DB_INT(actor) : DB_NULL, DB_INT(now), DB_INT(now)),
		        &id) != DB_ROW ||
		    audit_write(db, org_id, actor, "plan.add", audit_text(&a, t->title),
		                t->status) != 0)
			rc = SAVE_ERROR;
	} else if (rc == SAVE_OK) {
		if (db_exec(
		        db,
		        "UPDATE plan_tasks SET title = ?, description = ?, owner_id = ?, due_on = "
		        "?,"
		        " planned_minutes = ?, spent_minutes = ?, planned_cents = ?,"
		        " spent_cents = ?, status = ?, goal_id = ?, subgoal_id = ?, person_id = ?,"
		        " version = version + 1, updated_at = ?"
		        " WHERE id = ? AND org_id = ? AND community_id = ? AND version = ?",
		        DB_ARGS(DB_TEXT(t->title), DB_TEXT(nz(t->description)),
		                t->owner_id ? DB_INT(t->owner_id) : DB_NULL, DB_TEXT(nz(t->due_on)),
		                DB_INT(t->planned_minutes), DB_INT(t->spent_minutes),
		                DB_INT(t->planned_cents), DB_INT(t->spent_cents),
		                DB_TEXT(t->status), t->goal_id ? DB_INT(t->goal_id) : DB_NULL,
		                t->subgoal_id ? DB_INT(t->subgoal_id) : DB_NULL,
		                actor ? DB_INT(actor) : DB_NULL, DB_INT(now), DB_INT(id),
		                DB_INT(org_id), DB_INT(community_id), DB_INT(t->version))) != DB_OK)
			rc = SAVE_ERROR;
		else if (db_changes(db) == 0)
			rc = SAVE_CONFLICT;
		else if (audit_write(db, org_id, actor, "plan.update", audit_text(&a, t->title),
		                     t->status) != 0)
			rc = SAVE_ERROR;
	}
	if (rc == SAVE_OK && signals_touch(db, org_id, community_id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	rc = save_finish(db, rc);
	if (rc == SAVE_OK && id_out)
		*id_out = id;
	return rc;
}

enum save_result plan_task_delete(struct db *db, long long org_id, long long actor,
                                  long long community_id, long long id, long long version)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct plan_task cur;
	enum save_result rc = SAVE_OK;
	int found = plan_task_get(db, &a, org_id, community_id, id, &cur);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (cur.version != version)
		rc = SAVE_CONFLICT;
	else if (db_exec(db,
	                 "DELETE FROM plan_tasks WHERE id = ? AND org_id = ? AND community_id = ?"
	                 " AND version = ?",
	                 DB_ARGS(DB_INT(id), DB_INT(org_id), DB_INT(community_id),
	                         DB_INT(version))) != DB_OK ||
	         audit_write(db, org_id, actor, "plan.delete", audit_text(&a, cur.title), "") !=
	             0 ||
	         signals_touch(db, org_id, community_id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}
