/*
 * share.c - personal records shared with one chosen beheerder (see share.h).
 */
#include "share.h"

#include <string.h>

#include "../util/clock.h"

bool share_kind_known(const char *what)
{
	return what && (strcmp(what, SHARE_IMPACT) == 0 || strcmp(what, SHARE_ZELFTEST) == 0);
}

int share_get(struct db *db, struct arena *a, long long org_id, long long owner_id,
              const char *what, struct share *out)
{
	struct db_stmt *st;
	memset(out, 0, sizeof(*out));
	if (!share_kind_known(what))
		return 0;
	if (db_query(db, &st,
	             "SELECT s.viewer_id, p.name, s.since FROM personal_shares s"
	             " JOIN persons p ON p.id = s.viewer_id"
	             " JOIN memberships v ON v.org_id = s.org_id AND v.person_id = s.viewer_id"
	             "  AND v.role = 'beheerder'"
	             " JOIN memberships o ON o.org_id = s.org_id AND o.person_id = s.owner_id"
	             " WHERE s.org_id = ?1 AND s.owner_id = ?2 AND s.what = ?3",
	             DB_ARGS(DB_INT(org_id), DB_INT(owner_id), DB_TEXT(what))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		out->viewer_id = db_col_int(st, 0);
		out->viewer_name = db_col_text(st, 1, a);
		out->since = db_col_int(st, 2);
	}
	db_finish(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

enum save_result share_set(struct db *db, long long org_id, long long owner_id, const char *what,
                           long long viewer_id)
{
	if (!share_kind_known(what) || viewer_id == owner_id)
		return SAVE_NOT_FOUND;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	long long one;
	int rc = db_query_int(db,
	                      "SELECT 1 FROM memberships WHERE org_id = ?1 AND person_id = ?2"
	                      " AND role = 'beheerder'",
	                      DB_ARGS(DB_INT(org_id), DB_INT(viewer_id)), &one);
	if (rc == DB_DONE)
		return save_finish(db, SAVE_NOT_FOUND);
	if (rc != DB_ROW ||
	    db_exec(db,
	            "DELETE FROM personal_shares WHERE org_id = ?1 AND owner_id = ?2 AND what = ?3",
	            DB_ARGS(DB_INT(org_id), DB_INT(owner_id), DB_TEXT(what))) != DB_OK ||
	    db_exec(db,
	            "INSERT INTO personal_shares (org_id, owner_id, what, viewer_id, since)"
	            " VALUES (?1, ?2, ?3, ?4, ?5)",
	            DB_ARGS(DB_INT(org_id), DB_INT(owner_id), DB_TEXT(what), DB_INT(viewer_id),
	                    DB_INT((long long)clock_now()))) != DB_OK)
		return save_finish(db, SAVE_ERROR);
	return save_finish(db, SAVE_OK);
}

enum save_result share_revoke(struct db *db, long long org_id, long long owner_id, const char *what)
{
	if (!share_kind_known(what))
		return SAVE_NOT_FOUND;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	if (db_exec(db,
	            "DELETE FROM personal_shares WHERE org_id = ?1 AND owner_id = ?2 AND what = ?3",
	            DB_ARGS(DB_INT(org_id), DB_INT(owner_id), DB_TEXT(what))) != DB_OK)
		return save_finish(db, SAVE_ERROR);
	return save_finish(db, SAVE_OK);
}

int share_can_view(struct db *db, long long org_id, long long owner_id, const char *what,
                   long long viewer_id)
{
	if (owner_id == viewer_id)
		return 1;
	if (!share_kind_known(what))
		return 0;
	long long one;
	int rc = db_query_int(
	    db,
	    "SELECT 1 FROM personal_shares s"
	    " JOIN memberships v ON v.org_id = s.org_id"
	    "  AND v.person_id = s.viewer_id AND v.role = 'beheerder'"
	    " JOIN memberships o ON o.org_id = s.org_id AND o.person_id = s.owner_id"
	    " WHERE s.org_id = ?1 AND s.owner_id = ?2 AND s.what = ?3"
	    " AND s.viewer_id = ?4",
	    DB_ARGS(DB_INT(org_id), DB_INT(owner_id), DB_TEXT(what), DB_INT(viewer_id)), &one);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

static int read_shared(struct db_stmt *st, void *elem, struct arena *a)
{
	struct shared_with_me *s = elem;
	s->owner_id = db_col_int(st, 0);
	s->owner_name = db_col_text(st, 1, a);
	s->since = db_col_int(st, 2);
	return 0;
}

int share_list_for_viewer(struct db *db, struct arena *a, long long org_id, long long viewer_id,
                          const char *what, struct shared_with_me **out, size_t *n_out)
{
	return db_rows(db, a,
	               "SELECT s.owner_id, p.name, s.since FROM personal_shares s"
	               " JOIN persons p ON p.id = s.owner_id"
	               " JOIN memberships v ON v.org_id = s.org_id AND v.person_id = s.viewer_id"
	               "  AND v.role = 'beheerder'"
	               " JOIN memberships o ON o.org_id = s.org_id AND o.person_id = s.owner_id"
	               " WHERE s.org_id = ?1 AND s.viewer_id = ?2 AND s.what = ?3"
	               " ORDER BY LOWER(p.name), s.owner_id",
	               DB_ARGS(DB_INT(org_id), DB_INT(viewer_id), DB_TEXT(what)), sizeof(**out),
	               read_shared, out, n_out);
}

static int read_viewer(struct db_stmt *st, void *elem, struct arena *a)
{
	struct share *s = elem;
	s->viewer_id = db_col_int(st, 0);
	s->viewer_name = db_col_text(st, 1, a);
	return 0;
}

int share_viewers(struct db *db, struct arena *a, long long org_id, long long owner_id,
                  struct share **out, size_t *n_out)
{
	return db_rows(db, a,
	               "SELECT p.id, p.name FROM memberships m JOIN persons p ON p.id = m.person_id"
	               " WHERE m.org_id = ?1 AND m.role = 'beheerder' AND m.person_id <> ?2"
	               " ORDER BY LOWER(p.name), p.id",
	               DB_ARGS(DB_INT(org_id), DB_INT(owner_id)), sizeof(**out), read_viewer, out,
	               n_out);
}
