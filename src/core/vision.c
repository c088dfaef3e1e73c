/*
 * vision.c - the frame and the vision exercise (see vision.h).
 */
#include "vision.h"

#include <string.h>
#include <time.h>

static long long now_or(long long at)
{
	return at ? at : (long long)time(NULL);
}

int frame_get(struct db *db, struct arena *a, long long org_id, struct frame *out)
{
	struct db_stmt *st;
	memset(out, 0, sizeof(*out));
	out->strategy = out->policy_goals = out->stands_for = out->updated_by = "";
	if (db_query(db, &st,
	             "SELECT f.strategy, f.policy_goals, f.stands_for, f.version, f.updated_at,"
	             " COALESCE(p.name, '') FROM org_frames f"
	             " LEFT JOIN persons p ON p.id = f.updated_by WHERE f.org_id = ?",
	             DB_ARGS(DB_INT(org_id))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		out->strategy = db_col_text(st, 0, a);
		out->policy_goals = db_col_text(st, 1, a);
		out->stands_for = db_col_text(st, 2, a);
		out->version = db_col_int(st, 3);
		out->updated_at = db_col_int(st, 4);
		out->updated_by = db_col_text(st, 5, a);
	}
	db_finish(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : -1;
}

enum save_result frame_save(struct db *db, long long org_id, long long actor, const char *strategy,
                            const char *policy_goals, const char *stands_for, long long version)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	long long now = now_or(0);
	int rc;
	if (version == 0) {
		rc = db_exec(db,
		             "INSERT INTO org_frames (org_id, strategy, policy_goals, stands_for,"
		             " version, updated_at, updated_by) VALUES (?, ?, ?, ?, 1, ?, ?)",
		             DB_ARGS(DB_INT(org_id), DB_TEXT(strategy), DB_TEXT(policy_goals),
		                     DB_TEXT(stands_for), DB_INT(now),
		                     actor ? DB_INT(actor) : DB_NULL));
		if (rc == DB_CONSTRAINT) /* someone saved the first version just now */
			return save_finish(db, SAVE_CONFLICT);
	} else {
		rc = db_exec(db,
		             "UPDATE org_frames SET strategy = ?, policy_goals = ?, stands_for = ?,"
		             " version = version + 1, updated_at = ?, updated_by = ?"
		             " WHERE org_id = ? AND version = ?",
		             DB_ARGS(DB_TEXT(strategy), DB_TEXT(policy_goals), DB_TEXT(stands_for),
		                     DB_INT(now), actor ? DB_INT(actor) : DB_NULL, DB_INT(org_id),
		                     DB_INT(version)));
		if (rc == DB_OK && db_changes(db) == 0)
			return save_finish(db, SAVE_CONFLICT);
	}
	if (rc != DB_OK || audit_write(db, org_id, actor, "frame.save", "", "") != 0)
		return save_finish(db, SAVE_ERROR);
	return save_finish(db, SAVE_OK);
}

int vision_session_list(struct db *db, struct arena *a, long long org_id,
                        struct vision_session **out, size_t *n_out)
{
	long long total = 0;
	if (db_query_int(db, "SELECT COUNT(*) FROM vision_sessions WHERE org_id = ?",
	                 DB_ARGS(DB_INT(org_id)), &total) != DB_ROW)
		return -1;
	struct vision_session *v = arena_alloc(a, ((size_t)total + 1) * sizeof(*v));
	size_t n = 0;
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT s.id, s.title, s.created_at,"
	             " (SELECT COUNT(*) FROM visions v WHERE v.session_id = s.id)"
	             " FROM vision_sessions s WHERE s.org_id = ?"
	             " ORDER BY s.created_at DESC, s.id DESC",
	             DB_ARGS(DB_INT(org_id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW && n < (size_t)total) {
		v[n].id = db_col_int(st, 0);
		v[n].title = db_col_text(st, 1, a);
		v[n].created_at = db_col_int(st, 2);
		v[n].n_visions = db_col_int(st, 3);
		n++;
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE || rc == DB_ROW ? 0 : -1;
}

int vision_session_get(struct db *db, struct arena *a, long long org_id, long long id,
                       struct vision_session *out)
{
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT s.id, s.title, s.created_at,"
	             " (SELECT COUNT(*) FROM visions v WHERE v.session_id = s.id)"
	             " FROM vision_sessions s WHERE s.org_id = ? AND s.id = ?",
	             DB_ARGS(DB_INT(org_id), DB_INT(id))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		out->id = db_col_int(st, 0);
		out->title = db_col_text(st, 1, a);
		out->created_at = db_col_int(st, 2);
		out->n_visions = db_col_int(st, 3);
	}
	db_finish(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

enum save_result vision_session_add(struct db *db, long long org_id, long long actor,
                                    const char *title, long long at, long long *id_out)
{
	long long id = 0;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	if (db_query_int(db,
	                 "INSERT INTO vision_sessions (org_id, title, created_at, created_by)"
	                 " VALUES (?, ?, ?, ?) RETURNING id",
	                 DB_ARGS(DB_INT(org_id), DB_TEXT(title), DB_INT(now_or(at)),
	                         actor ? DB_INT(actor) : DB_NULL),
	                 &id) != DB_ROW ||
	    audit_write(db, org_id, actor, "vision.session", title, "") != 0)
		return save_finish(db, SAVE_ERROR);
	enum save_result rc = save_finish(db, SAVE_OK);
	if (rc == SAVE_OK && id_out)
		*id_out = id;
	return rc;
}

int vision_list(struct db *db, struct arena *a, long long org_id, long long session_id,
                struct vision **out, size_t *n_out)
{
	long long total = 0;
	if (db_query_int(db, "SELECT COUNT(*) FROM visions WHERE org_id = ? AND session_id = ?",
	                 DB_ARGS(DB_INT(org_id), DB_INT(session_id)), &total) != DB_ROW)
		return -1;
	struct vision *v = arena_alloc(a, ((size_t)total + 1) * sizeof(*v));
	size_t n = 0;
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT id, author, body, created_at FROM visions"
	             " WHERE org_id = ? AND session_id = ? ORDER BY created_at, id",
	             DB_ARGS(DB_INT(org_id), DB_INT(session_id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW && n < (size_t)total) {
		v[n].id = db_col_int(st, 0);
		v[n].author = db_col_text(st, 1, a);
		v[n].body = db_col_text(st, 2, a);
		v[n].created_at = db_col_int(st, 3);
		n++;
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE || rc == DB_ROW ? 0 : -1;
}

/* 1 when the session belongs to the organisation, 0 when not, -1 on error. */
static int session_of_org(struct db *db, long long org_id, long long session_id)
{
	long long n = 0;
	if (db_query_int(db, "SELECT COUNT(*) FROM vision_sessions WHERE org_id = ? AND id = ?",
	                 DB_ARGS(DB_INT(org_id), DB_INT(session_id)), &n) != DB_ROW)
		return -1;
	return n > 0;
}

enum save_result vision_add(struct db *db, long long org_id, long long actor, long long session_id,
                            const char *author, const char *body, long long at)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	int own = session_of_org(db, org_id, session_id);
	if (own < 0)
		return save_finish(db, SAVE_ERROR);
	if (own == 0)
		return save_finish(db, SAVE_NOT_FOUND);
	if (db_exec(db,
	            "INSERT INTO visions (org_id, session_id, author, body, created_at, created_by)"
	            " VALUES (?, ?, ?, ?, ?, ?)",
	            DB_ARGS(DB_INT(org_id), DB_INT(session_id), DB_TEXT(author), DB_TEXT(body),
	                    DB_INT(now_or(at)), actor ? DB_INT(actor) : DB_NULL)) != DB_OK ||
	    audit_write(db, org_id, actor, "vision.add", author, "") != 0)
		return save_finish(db, SAVE_ERROR);
	return save_finish(db, SAVE_OK);
}

enum save_result shared_vision_save(struct db *db, long long org_id, long long actor,
                                    long long session_id, const char *body, const char *authors,
                                    long long at)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	if (session_id != 0) {
		int own = session_of_org(db, org_id, session_id);
		if (own < 0)
			return save_finish(db, SAVE_ERROR);
		if (own == 0)
			return save_finish(db, SAVE_NOT_FOUND);
	}
	if (db_exec(db,
	            "INSERT INTO shared_visions (org_id, session_id, body, authors, created_at,"
	            " created_by) VALUES (?, ?, ?, ?, ?, ?)",
	            DB_ARGS(DB_INT(org_id), session_id ? DB_INT(session_id) : DB_NULL,
	                    DB_TEXT(body), DB_TEXT(authors), DB_INT(now_or(at)),
	                    actor ? DB_INT(actor) : DB_NULL)) != DB_OK ||
	    audit_write(db, org_id, actor, "vision.shared", authors, "") != 0)
		return save_finish(db, SAVE_ERROR);
	return save_finish(db, SAVE_OK);
}

int shared_vision_list(struct db *db, struct arena *a, long long org_id, struct shared_vision **out,
                       size_t *n_out)
{
	long long total = 0;
	if (db_query_int(db, "SELECT COUNT(*) FROM shared_visions WHERE org_id = ?",
	                 DB_ARGS(DB_INT(org_id)), &total) != DB_ROW)
		return -1;
	struct shared_vision *v = arena_alloc(a, ((size_t)total + 1) * sizeof(*v));
	size_t n = 0;
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT s.id, COALESCE(s.session_id, 0), s.body, s.authors, s.created_at,"
	             " COALESCE(p.name, '') FROM shared_visions s"
	             " LEFT JOIN persons p ON p.id = s.created_by WHERE s.org_id = ?"
	             " ORDER BY s.created_at DESC, s.id DESC",
	             DB_ARGS(DB_INT(org_id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW && n < (size_t)total) {
		v[n].id = db_col_int(st, 0);
		v[n].session_id = db_col_int(st, 1);
		v[n].body = db_col_text(st, 2, a);
		v[n].authors = db_col_text(st, 3, a);
		v[n].created_at = db_col_int(st, 4);
		v[n].saved_by = db_col_text(st, 5, a);
		n++;
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE || rc == DB_ROW ? 0 : -1;
}
