/*
 * goal.c - the goals of a community with their versions, their search
 * documents, and the agreed roles of step 6 (see goal.h). Subgoals,
 * measurements and progress are in goal_sub.c.
 */
#include "goal.h"

#include <string.h>

#include "../auth/roles.h"
#include "../db/search_index.h"
#include "partner_util.h"
#include "vocab.h"

const char *const goal_kinds[] = {"library", "participants", "shared", NULL};
const char *const goal_measures[] = {"members", "activities", "participants",
                                     "made_by", "custom",     NULL};
const char *const agreement_sides[] = {"library", "ambassadors", NULL};

int goal_may_write(unsigned role, const char *kind)
{
	int k = vocab_index(goal_kinds, kind);
	if (k < 0)
		return 0;
	if (role & ROLES_STAFF)
		return 1;
	return (role & ROLE_AMBASSADEUR) && strcmp(kind, "library") != 0;
}

/* The name of a writer and whether they are an ambassadeur: columns of a LEFT JOIN. */
#define WHO_COLS " COALESCE(w.name, ''), CASE WHEN wm.role = 'ambassadeur' THEN 1 ELSE 0 END"
#define WHO_JOIN(col)                                                                              \
	" LEFT JOIN persons w ON w.id = " col " LEFT JOIN memberships wm ON wm.person_id = " col   \
	" AND wm.org_id = ?1"

#define GOAL_SELECT                                                                                \
	"SELECT g.id, g.version, g.community_id, g.kind, g.text," WHO_COLS ", g.updated_at"        \
	" FROM goals g" WHO_JOIN("g.person_id")

static void read_goal(struct db_stmt *st, struct arena *a, struct goal *g)
{
	g->id = db_col_int(st, 0);
	g->version = db_col_int(st, 1);
	g->community_id = db_col_int(st, 2);
	g->kind = db_col_text(st, 3, a);
	g->text = db_col_text(st, 4, a);
	g->who = db_col_text(st, 5, a);
	g->who_is_amb = db_col_int(st, 6) != 0;
	g->updated_at = db_col_int(st, 7);
	g->community_name = NULL;
}

int goal_list(struct db *db, struct arena *a, long long org_id, long long community_id,
              struct goal **out, size_t *n_out)
{
	struct db_stmt *st;
	if (db_query(db, &st,
	             GOAL_SELECT " WHERE g.org_id = ?1 AND g.community_id = ?2 ORDER BY"
	                         " CASE g.kind WHEN 'library' THEN 0 WHEN 'participants' THEN 1"
	                         " ELSE 2 END, g.position, g.id",
	             DB_ARGS(DB_INT(org_id), DB_INT(community_id))) != DB_OK)
		return -1;
	size_t n = 0, cap = 0;
	struct goal *v = NULL;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, n, &cap, sizeof(*v));
		read_goal(st, a, &v[n++]);
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
}

int goal_shared_all(struct db *db, struct arena *a, long long org_id, long long only_attached,
                    struct goal **out, size_t *n_out)
{
	struct db_stmt *st;
	if (db_query(
	        db, &st,
	        "SELECT g.id, g.version, g.community_id, g.kind, g.text," WHO_COLS
	        ", g.updated_at, c.name FROM goals g JOIN communities c ON c.id = g.community_id"
	        " AND c.org_id = g.org_id" WHO_JOIN(
	            "g.person_id") " WHERE g.org_id = ?1 AND g.kind = 'shared' AND (?2 = 0 OR "
	                           "EXISTS (SELECT 1"
	                           " FROM community_ambassadors x WHERE x.org_id = g.org_id"
	                           " AND x.community_id = g.community_id AND x.person_id = ?2))"
	                           " ORDER BY c.name, c.id, g.position, g.id",
	        DB_ARGS(DB_INT(org_id), DB_INT(only_attached))) != DB_OK)
		return -1;
	size_t n = 0, cap = 0;
	struct goal *v = NULL;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, n, &cap, sizeof(*v));
		read_goal(st, a, &v[n]);
		v[n++].community_name = db_col_text(st, 8, a);
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
}

int goal_get(struct db *db, struct arena *a, long long org_id, long long community_id, long long id,
             struct goal *out)
{
	struct db_stmt *st;
	if (db_query(db, &st,
	             GOAL_SELECT " WHERE g.org_id = ?1 AND g.community_id = ?2 AND g.id = ?3",
	             DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_INT(id))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW)
		read_goal(st, a, out);
	db_finish(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int goal_versions(struct db *db, struct arena *a, long long org_id, long long community_id,
                  long long goal_id, struct goal_version **out, size_t *n_out)
{
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT v.goal_id, v.version, v.text," WHO_COLS
	             ", v.created_at FROM goal_versions v JOIN goals g ON g.id = v.goal_id"
	             " AND g.org_id = v.org_id" WHO_JOIN(
	                 "v.person_id") " WHERE v.org_id = ?1 AND g.community_id = ?2 AND (?3 = 0 "
	                                "OR v.goal_id = ?3)"
	                                " ORDER BY v.goal_id, v.version DESC",
	             DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_INT(goal_id))) != DB_OK)
		return -1;
	size_t n = 0, cap = 0;
	struct goal_version *v = NULL;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, n, &cap, sizeof(*v));
		v[n].goal_id = db_col_int(st, 0);
		v[n].version = db_col_int(st, 1);
		v[n].text = db_col_text(st, 2, a);
		v[n].who = db_col_text(st, 3, a);
		v[n].who_is_amb = db_col_int(st, 4) != 0;
		v[n].at = db_col_int(st, 5);
		n++;
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
}

static int version_insert(struct db *db, long long org_id, long long goal_id, long long version,
                          const char *text, long long actor)
{
	return db_exec(db,
	               "INSERT INTO goal_versions (org_id, goal_id, version, text, person_id,"
	               " created_at) VALUES (?, ?, ?, ?, ?, ?)",
	               DB_ARGS(DB_INT(org_id), DB_INT(goal_id), DB_INT(version), DB_TEXT(text),
	                       actor ? DB_INT(actor) : DB_NULL, DB_INT(now_s()))) == DB_OK
	           ? 0
	           : -1;
}

enum save_result goal_add(struct db *db, long long org_id, long long actor, unsigned role,
                          long long community_id, const char *kind, const char *text,
                          long long *id_out)
{
	if (text == NULL || text[0] == '\0' || !goal_may_write(role, kind))
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	long long n = 0, id = 0, now = now_s();
	enum save_result rc = SAVE_OK;
	if (db_query_int(db, "SELECT COUNT(*) FROM communities WHERE id = ? AND org_id = ?",
	                 DB_ARGS(DB_INT(community_id), DB_INT(org_id)), &n) != DB_ROW)
		rc = SAVE_ERROR;
	else if (n == 0)
		rc = SAVE_NOT_FOUND;
	else if (db_query_int(db,
	                      "SELECT COUNT(*) FROM goals WHERE org_id = ? AND community_id = ?"
	                      " AND kind = ?",
	                      DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_TEXT(kind)),
	                      &n) != DB_ROW)
		rc = SAVE_ERROR;
	else if (n > 0 && strcmp(kind, "shared") != 0)
		rc = SAVE_CONFLICT; /* the library's and the participants' goal exist once */
	if (rc == SAVE_OK &&
	    (db_query_int(
	         db,
	         "INSERT INTO goals (org_id, community_id, kind, text, position, person_id,"
	         " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	         DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_TEXT(kind), DB_TEXT(text),
	                 DB_INT(n), actor ? DB_INT(actor) : DB_NULL, DB_INT(now), DB_INT(now)),
	         &id) != DB_ROW ||
	     version_insert(db, org_id, id, 1, text, actor) != 0 ||
	     audit_write(db, org_id, actor, "goal.add", audit_text(&a, text), kind) != 0 ||
	     search_sync_goal(db, org_id, id) != 0))
		rc = SAVE_ERROR;
	arena_free(&a);
	rc = save_finish(db, rc);
	if (rc == SAVE_OK && id_out)
		*id_out = id;
	return rc;
}

enum save_result goal_update(struct db *db, long long org_id, long long actor, unsigned role,
                             long long community_id, long long id, const char *text,
                             long long version)
{
	if (text == NULL || text[0] == '\0')
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct goal g;
	enum save_result rc = SAVE_OK;
	int found = goal_get(db, &a, org_id, community_id, id, &g);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (!goal_may_write(role, g.kind))
		rc = SAVE_REFUSED;
	else if (g.version != version)
		rc = SAVE_CONFLICT;
	else if (db_exec(db,
	                 "UPDATE goals SET text = ?, person_id = ?, version = version + 1,"
	                 " updated_at = ? WHERE id = ? AND org_id = ? AND community_id = ?"
	                 " AND version = ?",
	                 DB_ARGS(DB_TEXT(text), actor ? DB_INT(actor) : DB_NULL, DB_INT(now_s()),
	                         DB_INT(id), DB_INT(org_id), DB_INT(community_id),
	                         DB_INT(version))) != DB_OK)
		rc = SAVE_ERROR;
	else if (db_changes(db) == 0)
		rc = SAVE_CONFLICT;
	else if (version_insert(db, org_id, id, version + 1, text, actor) != 0 ||
	         audit_write(db, org_id, actor, "goal.update", audit_text(&a, text), g.kind) != 0 ||
	         search_sync_goal(db, org_id, id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result goal_delete(struct db *db, long long org_id, long long actor, unsigned role,
                             long long community_id, long long id, long long version)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct goal g;
	enum save_result rc = SAVE_OK;
	int found = goal_get(db, &a, org_id, community_id, id, &g);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (!goal_may_write(role, g.kind))
		rc = SAVE_REFUSED;
	else if (g.version != version)
		rc = SAVE_CONFLICT;
	else if (db_exec(db,
	                 "DELETE FROM goals WHERE id = ? AND org_id = ? AND community_id = ?"
	                 " AND version = ?",
	                 DB_ARGS(DB_INT(id), DB_INT(org_id), DB_INT(community_id),
	                         DB_INT(version))) != DB_OK ||
	         audit_write(db, org_id, actor, "goal.delete", audit_text(&a, g.text), g.kind) !=
	             0 ||
	         search_sync_goal(db, org_id, id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

int search_sync_goal(struct db *db, long long org_id, long long id)
{
	struct arena a;
	arena_init(&a);
	int rc = -1;
	struct db_stmt *st;
	const char *title = NULL;
	if (db_query(
	        db, &st,
	        "SELECT c.name, g.text FROM goals g JOIN communities c ON c.id = g.community_id"
	        " AND c.org_id = g.org_id WHERE g.id = ? AND g.org_id = ? AND g.kind = 'shared'",
	        DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK)
		goto out;
	int step = db_step(st);
	if (step == DB_ROW) {
		const char *name = db_col_text(st, 0, &a), *text = db_col_text(st, 1, &a);
		title = arena_printf(&a, "%s: %s", name, text);
	}
	db_finish(st);
	if (step == DB_DONE) {
		rc = search_index_remove(db, org_id, "goal", id);
		goto out;
	}
	if (step != DB_ROW)
		goto out;
	struct buf b;
	buf_init(&b, &a);
	if (db_query(db, &st,
	             "SELECT title, measure_name FROM subgoals WHERE goal_id = ? AND org_id = ?"
	             " ORDER BY id",
	             DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK)
		goto out;
	while ((step = db_step(st)) == DB_ROW) {
		search_text_add(&b, db_col_text(st, 0, &a));
		search_text_add(&b, db_col_text(st, 1, &a));
	}
	db_finish(st);
	if (step == DB_DONE)
		rc = search_index_put(db, org_id, "goal", id, title, buf_str(&b));
out:
	arena_free(&a);
	return rc;
}

/* ---- step 6: who does what ---- */

int agreement_list(struct db *db, struct arena *a, long long org_id, long long community_id,
                   struct agreement **out, size_t *n_out)
{
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT g.id, g.side, g.text, g.agreed_with, g.agreed_on," WHO_COLS
	             " FROM community_agreements g" WHO_JOIN(
	                 "g.person_id") " WHERE g.org_id = ?1 AND g.community_id = ?2"
	                                " ORDER BY CASE g.side WHEN 'library' THEN 0 ELSE 1 END, "
	                                "g.position, g.id",
	             DB_ARGS(DB_INT(org_id), DB_INT(community_id))) != DB_OK)
		return -1;
	size_t n = 0, cap = 0;
	struct agreement *v = NULL;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, n, &cap, sizeof(*v));
		v[n].id = db_col_int(st, 0);
		v[n].side = db_col_text(st, 1, a);
		v[n].text = db_col_text(st, 2, a);
		v[n].agreed_with = db_col_text(st, 3, a);
		v[n].agreed_on = db_col_text(st, 4, a);
		v[n].who = db_col_text(st, 5, a);
		v[n].who_is_amb = db_col_int(st, 6) != 0;
		n++;
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
}

enum save_result agreement_add(struct db *db, long long org_id, long long actor,
                               long long community_id, const struct agreement *ag)
{
	if (ag->text == NULL || ag->text[0] == '\0' || vocab_index(agreement_sides, ag->side) < 0 ||
	    !date_or_empty(ag->agreed_on))
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	long long n = 0, pos = 0;
	enum save_result rc = SAVE_OK;
	if (db_query_int(db, "SELECT COUNT(*) FROM communities WHERE id = ? AND org_id = ?",
	                 DB_ARGS(DB_INT(community_id), DB_INT(org_id)), &n) != DB_ROW ||
	    db_query_int(db,
	                 "SELECT COUNT(*) FROM community_agreements WHERE org_id = ?"
	                 " AND community_id = ?",
	                 DB_ARGS(DB_INT(org_id), DB_INT(community_id)), &pos) != DB_ROW)
		rc = SAVE_ERROR;
	else if (n == 0)
		rc = SAVE_NOT_FOUND;
	else if (db_exec(db,
	                 "INSERT INTO community_agreements (org_id, community_id, side, text,"
	                 " agreed_with, agreed_on, position, person_id, created_at)"
	                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	                 DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_TEXT(ag->side),
	                         DB_TEXT(ag->text), DB_TEXT(nz(ag->agreed_with)),
	                         DB_TEXT(nz(ag->agreed_on)), DB_INT(pos),
	                         actor ? DB_INT(actor) : DB_NULL, DB_INT(now_s()))) != DB_OK ||
	         audit_write(db, org_id, actor, "agreement.add", audit_text(&a, ag->text),
	                     ag->side) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result agreement_delete(struct db *db, long long org_id, long long actor,
                                  long long community_id, long long id)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct db_stmt *st;
	enum save_result rc = SAVE_ERROR;
	const char *text = NULL;
	if (db_query(db, &st,
	             "SELECT text FROM community_agreements WHERE id = ? AND org_id = ?"
	             " AND community_id = ?",
	             DB_ARGS(DB_INT(id), DB_INT(org_id), DB_INT(community_id))) == DB_OK) {
		int step = db_step(st);
		if (step == DB_ROW)
			text = db_col_text(st, 0, &a);
		rc = step == DB_ROW ? SAVE_OK : step == DB_DONE ? SAVE_NOT_FOUND : SAVE_ERROR;
		db_finish(st);
	}
	if (rc == SAVE_OK &&
	    (db_exec(db,
	             "DELETE FROM community_agreements WHERE id = ? AND org_id = ?"
	             " AND community_id = ?",
	             DB_ARGS(DB_INT(id), DB_INT(org_id), DB_INT(community_id))) != DB_OK ||
	     audit_write(db, org_id, actor, "agreement.delete", audit_text(&a, text), "") != 0))
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}
