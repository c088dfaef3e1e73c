/*
 * scan.c - the community scan of step 3 (see scan.h).
 */
#include "scan.h"

#include <string.h>
#include <time.h>

#include "community.h"

static long long now_s(void)
{
	return (long long)time(NULL);
}

/* One row of scan_entry_list(). */
static int read_scan_entry_list(struct db_stmt *st, void *elem, struct arena *a)
{
	struct scan_entry *v = elem;
	v->id = db_col_int(st, 0);
	v->list = db_col_text(st, 1, a);
	v->name = db_col_text(st, 2, a);
	v->description = db_col_text(st, 3, a);
	v->why = db_col_text(st, 4, a);
	v->community_id = db_col_int(st, 5);
	v->community_name = db_col_text(st, 6, a);
	v->created_at = db_col_int(st, 7);
	v->version = db_col_int(st, 8);
	return 0;
}

int scan_entry_list(struct db *db, struct arena *a, long long org_id, struct scan_entry **out,
                    size_t *n_out)
{
	return db_rows(db, a,
	               "SELECT e.id, e.list, e.name, e.description, e.why,"
	               " COALESCE(c.id, 0), COALESCE(c.name, ''), e.created_at, e.version"
	               " FROM scan_entries e LEFT JOIN communities c"
	               " ON c.id = e.community_id AND c.org_id = e.org_id"
	               " WHERE e.org_id = ? ORDER BY e.list, e.created_at, e.id",
	               DB_ARGS(DB_INT(org_id)), sizeof(**out), read_scan_entry_list, out, n_out);
}

enum save_result scan_entry_add(struct db *db, long long org_id, long long actor, const char *list,
                                const char *name, const char *description, const char *why)
{
	if (vocab_index(scan_lists, list) < 0 || name == NULL || name[0] == '\0')
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	if (db_exec(db,
	            "INSERT INTO scan_entries (org_id, list, name, description, why, created_at)"
	            " VALUES (?, ?, ?, ?, ?, ?)",
	            DB_ARGS(DB_INT(org_id), DB_TEXT(list), DB_TEXT(name),
	                    DB_TEXT(description ? description : ""), DB_TEXT(why ? why : ""),
	                    DB_INT(now_s()))) != DB_OK ||
	    audit_write(db, org_id, actor, "scan.add", name, list) != 0)
		return save_finish(db, SAVE_ERROR);
	return save_finish(db, SAVE_OK);
}

enum save_result scan_entry_update(struct db *db, long long org_id, long long actor, long long id,
                                   const char *list, const char *name, const char *description,
                                   const char *why)
{
	if (vocab_index(scan_lists, list) < 0 || name == NULL || name[0] == '\0')
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	enum save_result rc = SAVE_OK;
	if (db_exec(db,
	            "UPDATE scan_entries SET list = ?, name = ?, description = ?, why = ?,"
	            " version = version + 1 WHERE id = ? AND org_id = ?",
	            DB_ARGS(DB_TEXT(list), DB_TEXT(name), DB_TEXT(description ? description : ""),
	                    DB_TEXT(why ? why : ""), DB_INT(id), DB_INT(org_id))) != DB_OK)
		rc = SAVE_ERROR;
	else if (db_changes(db) == 0)
		rc = SAVE_NOT_FOUND;
	else if (audit_write(db, org_id, actor, "scan.update", name, list) != 0)
		rc = SAVE_ERROR;
	return save_finish(db, rc);
}

/* Name of a row of a table with (id, org_id, name|title) via sql; NULL when not found. */
static const char *name_of(struct db *db, struct arena *a, struct db_sql sql, long long org_id,
                           long long id)
{
	struct db_stmt *st;
	const char *name = NULL;
	if (db_query_stmt(db, &st, sql, DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK)
		return NULL;
	if (db_step(st) == DB_ROW)
		name = db_col_text(st, 0, a);
	db_finish(st);
	return name;
}

enum save_result scan_entry_delete(struct db *db, long long org_id, long long actor, long long id,
                                   long long version)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	enum save_result rc = SAVE_OK;
	const char *name =
	    name_of(db, &a, DB_SQL("SELECT name FROM scan_entries WHERE id = ? AND org_id = ?"),
	            org_id, id);
	if (name == NULL)
		rc = SAVE_NOT_FOUND;
	else if (db_exec(db, "DELETE FROM scan_entries WHERE id = ? AND org_id = ? AND version = ?",
	                 DB_ARGS(DB_INT(id), DB_INT(org_id), DB_INT(version))) != DB_OK)
		rc = SAVE_ERROR;
	else if (db_changes(db) == 0)
		rc = SAVE_CONFLICT;
	else if (audit_write(db, org_id, actor, "scan.delete", name, "") != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result scan_entry_to_community(struct db *db, long long org_id, long long actor,
                                         long long id, long long *community_id)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	enum save_result rc = SAVE_OK;
	struct db_stmt *st;
	struct community c = {0};
	long long linked = 0;
	bool found = false;
	if (db_query(db, &st,
	             "SELECT e.list, e.name, e.description, e.why, COALESCE(c.id, 0)"
	             " FROM scan_entries e LEFT JOIN communities c"
	             " ON c.id = e.community_id AND c.org_id = e.org_id"
	             " WHERE e.id = ? AND e.org_id = ?",
	             DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK) {
		arena_free(&a);
		return save_finish(db, SAVE_ERROR);
	}
	if (db_step(st) == DB_ROW) {
		found = true;
		const char *list = db_col_text(st, 0, &a);
		c.name = db_col_text(st, 1, &a);
		c.description = db_col_text(st, 2, &a);
		c.why = db_col_text(st, 3, &a);
		c.status = strcmp(list, "gewenst") == 0 ? "gewenst" : "verkennen";
		linked = db_col_int(st, 4);
	}
	db_finish(st);
	long long cid = linked;
	if (!found) {
		rc = SAVE_NOT_FOUND;
	} else if (linked == 0) {
		rc = community_create_in_tx(db, org_id, actor, &c, &cid);
		if (rc == SAVE_OK &&
		    db_exec(db,
		            "UPDATE scan_entries SET community_id = ? WHERE id = ? AND org_id = ?",
		            DB_ARGS(DB_INT(cid), DB_INT(id), DB_INT(org_id))) != DB_OK)
			rc = SAVE_ERROR;
	}
	arena_free(&a);
	rc = save_finish(db, rc);
	if (rc == SAVE_OK)
		*community_id = cid;
	return rc;
}

/* One row of scan_note_list(). */
static int read_scan_note_list(struct db_stmt *st, void *elem, struct arena *a)
{
	struct scan_note *v = elem;
	v->id = db_col_int(st, 0);
	v->kind = db_col_text(st, 1, a);
	v->title = db_col_text(st, 2, a);
	v->body = db_col_text(st, 3, a);
	v->who = db_col_text(st, 4, a);
	v->created_at = db_col_int(st, 5);
	v->version = db_col_int(st, 6);
	return 0;
}

int scan_note_list(struct db *db, struct arena *a, long long org_id, struct scan_note **out,
                   size_t *n_out)
{
	return db_rows(db, a,
	               "SELECT n.id, n.kind, n.title, n.body, COALESCE(p.name, ''), n.created_at,"
	               " n.version"
	               " FROM scan_notes n LEFT JOIN persons p ON p.id = n.person_id"
	               " WHERE n.org_id = ? ORDER BY n.created_at DESC, n.id DESC",
	               DB_ARGS(DB_INT(org_id)), sizeof(**out), read_scan_note_list, out, n_out);
}

enum save_result scan_note_add(struct db *db, long long org_id, long long actor, const char *kind,
                               const char *title, const char *body)
{
	if (vocab_index(scan_note_kinds, kind) < 0 || title == NULL || title[0] == '\0')
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	if (db_exec(db,
	            "INSERT INTO scan_notes (org_id, kind, title, body, person_id, created_at)"
	            " VALUES (?, ?, ?, ?, ?, ?)",
	            DB_ARGS(DB_INT(org_id), DB_TEXT(kind), DB_TEXT(title),
	                    DB_TEXT(body ? body : ""), actor ? DB_INT(actor) : DB_NULL,
	                    DB_INT(now_s()))) != DB_OK ||
	    audit_write(db, org_id, actor, "scan.note.add", title, kind) != 0)
		return save_finish(db, SAVE_ERROR);
	return save_finish(db, SAVE_OK);
}

enum save_result scan_note_update(struct db *db, long long org_id, long long actor, long long id,
                                  const char *title, const char *body)
{
	if (title == NULL || title[0] == '\0')
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	enum save_result rc = SAVE_OK;
	if (db_exec(db,
	            "UPDATE scan_notes SET title = ?, body = ?, version = version + 1"
	            " WHERE id = ? AND org_id = ?",
	            DB_ARGS(DB_TEXT(title), DB_TEXT(body ? body : ""), DB_INT(id),
	                    DB_INT(org_id))) != DB_OK)
		rc = SAVE_ERROR;
	else if (db_changes(db) == 0)
		rc = SAVE_NOT_FOUND;
	else if (audit_write(db, org_id, actor, "scan.note.update", title, "") != 0)
		rc = SAVE_ERROR;
	return save_finish(db, rc);
}

enum save_result scan_note_delete(struct db *db, long long org_id, long long actor, long long id,
                                  long long version)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	enum save_result rc = SAVE_OK;
	const char *title = name_of(
	    db, &a, DB_SQL("SELECT title FROM scan_notes WHERE id = ? AND org_id = ?"), org_id, id);
	if (title == NULL)
		rc = SAVE_NOT_FOUND;
	else if (db_exec(db, "DELETE FROM scan_notes WHERE id = ? AND org_id = ? AND version = ?",
	                 DB_ARGS(DB_INT(id), DB_INT(org_id), DB_INT(version))) != DB_OK)
		rc = SAVE_ERROR;
	else if (db_changes(db) == 0)
		rc = SAVE_CONFLICT;
	else if (audit_write(db, org_id, actor, "scan.note.delete", title, "") != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}
