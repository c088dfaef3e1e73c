/*
 * community.c - communities, their lists (sterktes, behoeften, OF / BY /
 * FOR actions), their people and their search document (see community.h).
 * The list with its filters is in community_list.c, the scan in scan.c.
 */
#include "community.h"

#include <string.h>
#include <time.h>

#include "../auth/roles.h"
#include "../db/search_index.h"
#include "signal.h"
#include "../util/date.h"

static long long now_s(void)
{
	return (long long)time(NULL);
}

/* ---- the community ---- */

/* True when every vocabulary field of c holds an allowed value. */
static bool community_values_valid(const struct community *c)
{
	return (c->archetype[0] == '\0' || vocab_index(community_archetypes, c->archetype) >= 0) &&
	       (c->bond[0] == '\0' || vocab_index(community_bonds, c->bond) >= 0) &&
	       vocab_index(community_statuses, c->status) >= 0 &&
	       (c->started_on[0] == '\0' || date_valid(c->started_on)) && c->name[0] != '\0';
}

/* A copy of c with NULL text fields made "" and an empty status made "gewenst". */
static struct community normalised(const struct community *c)
{
	struct community n = *c;
	const char **fields[] = {&n.name,         &n.description, &n.why,       &n.geography,
	                         &n.identity,     &n.affinity,    &n.archetype, &n.bond,
	                         &n.contact_name, &n.contact_how, &n.status,    &n.started_on};
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (*fields[i] == NULL)
			*fields[i] = "";
	if (n.status[0] == '\0')
		n.status = "gewenst";
	return n;
}

static void read_community(struct db_stmt *st, struct arena *a, struct community *out)
{
	out->id = db_col_int(st, 0);
	out->version = db_col_int(st, 1);
	out->name = db_col_text(st, 2, a);
	out->description = db_col_text(st, 3, a);
	out->why = db_col_text(st, 4, a);
	out->geography = db_col_text(st, 5, a);
	out->identity = db_col_text(st, 6, a);
	out->affinity = db_col_text(st, 7, a);
	out->archetype = db_col_text(st, 8, a);
	out->bond = db_col_text(st, 9, a);
	out->contact_name = db_col_text(st, 10, a);
	out->contact_how = db_col_text(st, 11, a);
	out->status = db_col_text(st, 12, a);
	out->status_since = db_col_int(st, 13);
	out->started_on = db_col_text(st, 14, a);
	out->created_at = db_col_int(st, 15);
	out->updated_at = db_col_int(st, 16);
}

int community_get(struct db *db, struct arena *a, long long org_id, long long id,
                  struct community *out)
{
	struct db_stmt *st;
	if (db_query(
	        db, &st,
	        "SELECT id, version, name, description, why, geography, identity, affinity, "
	        "archetype,"
	        " bond, contact_name, contact_how, status, status_since, started_on, created_at,"
	        " updated_at FROM communities WHERE id = ? AND org_id = ?",
	        DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW)
		read_community(st, a, out);
	db_finish(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int community_visible(struct db *db, long long org_id, long long id, long long attached_person)
{
	long long n = 0;
	int rc = db_query_int(
	    db,
	    "SELECT COUNT(*) FROM communities c WHERE c.id = ?1 AND c.org_id = ?2"
	    " AND (?3 = 0 OR EXISTS (SELECT 1 FROM community_ambassadors a"
	    " JOIN memberships m ON m.org_id = a.org_id AND m.person_id = a.person_id"
	    " AND m.role = 'ambassadeur'"
	    " WHERE a.community_id = c.id AND a.org_id = c.org_id AND a.person_id = ?3))",
	    DB_ARGS(DB_INT(id), DB_INT(org_id), DB_INT(attached_person)), &n);
	if (rc != DB_ROW)
		return -1;
	return n > 0;
}

/* "a\nb\n..." of the texts of the community's items, for its search document. */
static int add_item_texts(struct db *db, struct arena *a, struct buf *b, long long org_id,
                          long long id)
{
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT text FROM community_items WHERE community_id = ? AND org_id = ?"
	             " ORDER BY kind, position, id",
	             DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		search_text_add(b, db_col_text(st, 0, a));
	db_finish(st);
	return rc == DB_DONE ? 0 : -1;
}

int community_index(struct db *db, long long org_id, long long id)
{
	struct arena a;
	arena_init(&a);
	struct community c;
	int rc = -1;
	int found = community_get(db, &a, org_id, id, &c);
	if (found == 0) {
		rc = search_index_remove(db, org_id, COMMUNITY_DOC_KIND, id);
	} else if (found == 1) {
		struct buf b;
		buf_init(&b, &a);
		const char *fields[] = {c.description, c.why,          c.geography,  c.identity,
		                        c.affinity,    c.contact_name, c.contact_how};
		for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
			search_text_add(&b, fields[i]);
		if (add_item_texts(db, &a, &b, org_id, id) == 0)
			rc = search_index_put(db, org_id, COMMUNITY_DOC_KIND, id, c.name,
			                      buf_str(&b));
	}
	arena_free(&a);
	return rc;
}

/* Adds a row to the status history (inside the caller's transaction). */
static int record_status(struct db *db, long long org_id, long long id, const char *status,
                         long long actor, long long at)
{
	return db_exec(db,
	               "INSERT INTO community_status_changes (org_id, community_id, status,"
	               " person_id, at) VALUES (?, ?, ?, ?, ?)",
	               DB_ARGS(DB_INT(org_id), DB_INT(id), DB_TEXT(status),
	                       actor ? DB_INT(actor) : DB_NULL, DB_INT(at))) == DB_OK
	           ? 0
	           : -1;
}

enum save_result community_create_in_tx(struct db *db, long long org_id, long long actor,
                                        const struct community *in, long long *id_out)
{
	struct community c = normalised(in);
	if (!community_values_valid(&c))
		return SAVE_REFUSED;
	long long now = now_s(), id = 0;
	int rc = db_query_int(
	    db,
	    "INSERT INTO communities (org_id, name, description, why, geography, identity,"
	    " affinity, archetype, bond, contact_name, contact_how, status, status_since,"
	    " started_on, created_at, updated_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	    DB_ARGS(DB_INT(org_id), DB_TEXT(c.name), DB_TEXT(c.description), DB_TEXT(c.why),
	            DB_TEXT(c.geography), DB_TEXT(c.identity), DB_TEXT(c.affinity),
	            DB_TEXT(c.archetype), DB_TEXT(c.bond), DB_TEXT(c.contact_name),
	            DB_TEXT(c.contact_how), DB_TEXT(c.status), DB_INT(now), DB_TEXT(c.started_on),
	            DB_INT(now), DB_INT(now)),
	    &id);
	if (rc != DB_ROW || record_status(db, org_id, id, c.status, actor, now) != 0 ||
	    audit_write(db, org_id, actor, "community.create", c.name, c.status) != 0 ||
	    community_index(db, org_id, id) != 0 || signals_touch(db, org_id, id) != 0)
		return SAVE_ERROR;
	if (id_out)
		*id_out = id;
	return SAVE_OK;
}

enum save_result community_create(struct db *db, long long org_id, long long actor,
                                  const struct community *in, long long *id_out)
{
	struct community c = normalised(in);
	if (!community_values_valid(&c))
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	long long id = 0;
	enum save_result rc = community_create_in_tx(db, org_id, actor, &c, &id);
	rc = save_finish(db, rc);
	if (rc == SAVE_OK && id_out)
		*id_out = id;
	return rc;
}

enum save_result community_update(struct db *db, long long org_id, long long actor,
                                  const struct community *in)
{
	struct community c = normalised(in);
	if (!community_values_valid(&c))
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct community old;
	int found = community_get(db, &a, org_id, c.id, &old);
	enum save_result rc = SAVE_OK;
	long long now = now_s();
	bool status_changed = found == 1 && strcmp(old.status, c.status) != 0;
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (db_exec(db,
	                 "UPDATE communities SET name = ?, description = ?, why = ?, geography = ?,"
	                 " identity = ?, affinity = ?, archetype = ?, bond = ?, contact_name = ?,"
	                 " contact_how = ?, status = ?, status_since = ?, started_on = ?,"
	                 " updated_at = ?, version = version + 1"
	                 " WHERE id = ? AND org_id = ? AND version = ?",
	                 DB_ARGS(DB_TEXT(c.name), DB_TEXT(c.description), DB_TEXT(c.why),
	                         DB_TEXT(c.geography), DB_TEXT(c.identity), DB_TEXT(c.affinity),
	                         DB_TEXT(c.archetype), DB_TEXT(c.bond), DB_TEXT(c.contact_name),
	                         DB_TEXT(c.contact_how), DB_TEXT(c.status),
	                         DB_INT(status_changed ? now : old.status_since),
	                         DB_TEXT(c.started_on), DB_INT(now), DB_INT(c.id), DB_INT(org_id),
	                         DB_INT(c.version))) != DB_OK)
		rc = SAVE_ERROR;
	else if (db_changes(db) == 0)
		rc = SAVE_CONFLICT;
	else if (status_changed && record_status(db, org_id, c.id, c.status, actor, now) != 0)
		rc = SAVE_ERROR;
	else if (audit_write(db, org_id, actor, "community.update", c.name,
	                     status_changed ? c.status : "") != 0 ||
	         community_index(db, org_id, c.id) != 0 || signals_touch(db, org_id, c.id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result community_delete(struct db *db, long long org_id, long long actor, long long id,
                                  long long version)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct community old;
	int found = community_get(db, &a, org_id, id, &old);
	enum save_result rc = SAVE_OK;
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (db_exec(db, "DELETE FROM communities WHERE id = ? AND org_id = ? AND version = ?",
	                 DB_ARGS(DB_INT(id), DB_INT(org_id), DB_INT(version))) != DB_OK)
		rc = SAVE_ERROR;
	else if (db_changes(db) == 0)
		rc = SAVE_CONFLICT;
	else if (audit_write(db, org_id, actor, "community.delete", old.name, old.status) != 0 ||
	         community_index(db, org_id, id) != 0 || signals_touch(db, org_id, id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

/* One row of community_history(). */
static int read_community_history(struct db_stmt *st, void *elem, struct arena *a)
{
	struct community_status_change *v = elem;
	v->status = db_col_text(st, 0, a);
	v->at = db_col_int(st, 1);
	v->who = db_col_text(st, 2, a);
	return 0;
}

int community_history(struct db *db, struct arena *a, long long org_id, long long id,
                      struct community_status_change **out, size_t *n_out)
{
	return db_rows(db, a,
	               "SELECT h.status, h.at, COALESCE(p.name, '') FROM community_status_changes h"
	               " LEFT JOIN persons p ON p.id = h.person_id"
	               " WHERE h.community_id = ? AND h.org_id = ? ORDER BY h.at, h.id",
	               DB_ARGS(DB_INT(id), DB_INT(org_id)), sizeof(**out), read_community_history,
	               out, n_out);
}

/* ---- items ---- */

static bool is_action(const char *kind)
{
	int k = vocab_index(community_item_kinds, kind);
	return k >= 2;
}

/* 1 when the community belongs to the org, 0 when not, -1 on error. */
static int community_exists(struct db *db, long long org_id, long long id)
{
	return community_visible(db, org_id, id, 0);
}

/* Marks the community as changed now (items count as a change of the profile). */
static int touch(struct db *db, long long org_id, long long id)
{
	if (db_exec(db, "UPDATE communities SET updated_at = ? WHERE id = ? AND org_id = ?",
	            DB_ARGS(DB_INT(now_s()), DB_INT(id), DB_INT(org_id))) != DB_OK)
		return -1;
	/* the lists are searchable too, and move the signals */
	return community_index(db, org_id, id) || signals_touch(db, org_id, id) ? -1 : 0;
}

/* The audit object for an item: "community name: item text" (shortened). */
static const char *item_object(struct db *db, struct arena *a, long long org_id,
                               long long community_id, const char *text)
{
	struct community c;
	const char *name = community_get(db, a, org_id, community_id, &c) == 1 ? c.name : "";
	size_t n = strlen(text);
	if (n > 200) { /* keep the log readable; cut on a UTF-8 boundary */
		n = 200;
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--;
		return arena_printf(a, "%s: %.*s…", name, (int)n, text);
	}
	return arena_printf(a, "%s: %s", name, text);
}

/* One row of community_items(). */
static int read_community_items(struct db_stmt *st, void *elem, struct arena *a)
{
	struct community_item *v = elem;
	v->id = db_col_int(st, 0);
	v->version = db_col_int(st, 1);
	v->kind = db_col_text(st, 2, a);
	v->text = db_col_text(st, 3, a);
	v->status = db_col_text(st, 4, a);
	v->position = db_col_int(st, 5);
	return 0;
}

int community_items(struct db *db, struct arena *a, long long org_id, long long community_id,
                    struct community_item **out, size_t *n_out)
{
	return db_rows(db, a,
	               "SELECT id, version, kind, text, status, position FROM community_items"
	               " WHERE community_id = ? AND org_id = ? ORDER BY kind, position, id",
	               DB_ARGS(DB_INT(community_id), DB_INT(org_id)), sizeof(**out),
	               read_community_items, out, n_out);
}

int community_item_get(struct db *db, struct arena *a, long long org_id, long long community_id,
                       long long item_id, struct community_item *out)
{
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT id, version, kind, text, status, position FROM community_items"
	             " WHERE id = ? AND community_id = ? AND org_id = ?",
	             DB_ARGS(DB_INT(item_id), DB_INT(community_id), DB_INT(org_id))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		out->id = db_col_int(st, 0);
		out->version = db_col_int(st, 1);
		out->kind = db_col_text(st, 2, a);
		out->text = db_col_text(st, 3, a);
		out->status = db_col_text(st, 4, a);
		out->position = db_col_int(st, 5);
	}
	db_finish(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* The status to store for an item of kind: "" for sterktes and behoeften. NULL if invalid. */
static const char *item_status(const char *kind, const char *status)
{
	if (!is_action(kind))
		return "";
	if (status == NULL || status[0] == '\0')
		return "idee";
	return vocab_index(community_action_statuses, status) >= 0 ? status : NULL;
}

enum save_result community_item_add(struct db *db, long long org_id, long long actor,
                                    long long community_id, const char *kind, const char *text,
                                    const char *status, long long *id_out)
{
	if (vocab_index(community_item_kinds, kind) < 0 || text == NULL || text[0] == '\0')
		return SAVE_REFUSED;
	status = item_status(kind, status);
	if (status == NULL)
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	enum save_result rc = SAVE_OK;
	long long id = 0;
	int exists = community_exists(db, org_id, community_id);
	if (exists < 0)
		rc = SAVE_ERROR;
	else if (exists == 0)
		rc = SAVE_NOT_FOUND;
	else if (db_query_int(
	             db,
	             "INSERT INTO community_items (org_id, community_id, kind, text, status,"
	             " position, created_at) VALUES (?, ?, ?, ?, ?,"
	             " (SELECT COALESCE(MAX(position), 0) + 1 FROM community_items"
	             " WHERE community_id = ? AND kind = ?), ?) RETURNING id",
	             DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_TEXT(kind), DB_TEXT(text),
	                     DB_TEXT(status), DB_INT(community_id), DB_TEXT(kind), DB_INT(now_s())),
	             &id) != DB_ROW ||
	         touch(db, org_id, community_id) != 0 ||
	         audit_write(db, org_id, actor, "community.item.add",
	                     item_object(db, &a, org_id, community_id, text), kind) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	rc = save_finish(db, rc);
	if (rc == SAVE_OK && id_out)
		*id_out = id;
	return rc;
}

enum save_result community_item_update(struct db *db, long long org_id, long long actor,
                                       long long community_id, long long item_id, const char *text,
                                       const char *status, long long version)
{
	if (text == NULL || text[0] == '\0')
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct community_item old;
	enum save_result rc = SAVE_OK;
	int found = community_item_get(db, &a, org_id, community_id, item_id, &old);
	const char *st = found == 1 ? item_status(old.kind, status) : "";
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (st == NULL)
		rc = SAVE_REFUSED;
	else if (db_exec(db,
	                 "UPDATE community_items SET text = ?, status = ?, version = version + 1"
	                 " WHERE id = ? AND community_id = ? AND org_id = ? AND version = ?",
	                 DB_ARGS(DB_TEXT(text), DB_TEXT(st), DB_INT(item_id), DB_INT(community_id),
	                         DB_INT(org_id), DB_INT(version))) != DB_OK)
		rc = SAVE_ERROR;
	else if (db_changes(db) == 0)
		rc = SAVE_CONFLICT;
	else if (touch(db, org_id, community_id) != 0 ||
	         audit_write(db, org_id, actor, "community.item.update",
	                     item_object(db, &a, org_id, community_id, text), st) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result community_item_move(struct db *db, long long org_id, long long community_id,
                                     long long item_id, int delta)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct community_item it;
	enum save_result rc = SAVE_OK;
	int found = community_item_get(db, &a, org_id, community_id, item_id, &it);
	if (found < 0) {
		rc = SAVE_ERROR;
	} else if (found == 0) {
		rc = SAVE_NOT_FOUND;
	} else {
		struct db_stmt *st;
		long long other = 0, other_pos = 0;
		int q =
		    delta < 0
		        ? db_query(db, &st,
		                   "SELECT id, position FROM community_items WHERE community_id = ?"
		                   " AND org_id = ? AND kind = ? AND position < ?"
		                   " ORDER BY position DESC LIMIT 1",
		                   DB_ARGS(DB_INT(community_id), DB_INT(org_id), DB_TEXT(it.kind),
		                           DB_INT(it.position)))
		        : db_query(db, &st,
		                   "SELECT id, position FROM community_items WHERE community_id = ?"
		                   " AND org_id = ? AND kind = ? AND position > ?"
		                   " ORDER BY position LIMIT 1",
		                   DB_ARGS(DB_INT(community_id), DB_INT(org_id), DB_TEXT(it.kind),
		                           DB_INT(it.position)));
		if (q != DB_OK) {
			rc = SAVE_ERROR;
		} else {
			int s = db_step(st);
			if (s == DB_ROW) {
				other = db_col_int(st, 0);
				other_pos = db_col_int(st, 1);
			} else if (s != DB_DONE) {
				rc = SAVE_ERROR;
			}
			db_finish(st);
		}
		if (rc == SAVE_OK && other != 0 &&
		    (db_exec(db,
		             "UPDATE community_items SET position = ? WHERE id = ? AND org_id = ?",
		             DB_ARGS(DB_INT(other_pos), DB_INT(it.id), DB_INT(org_id))) != DB_OK ||
		     db_exec(
		         db, "UPDATE community_items SET position = ? WHERE id = ? AND org_id = ?",
		         DB_ARGS(DB_INT(it.position), DB_INT(other), DB_INT(org_id))) != DB_OK ||
		     touch(db, org_id, community_id) != 0))
			rc = SAVE_ERROR;
	}
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result community_item_delete(struct db *db, long long org_id, long long actor,
                                       long long community_id, long long item_id)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct community_item it;
	enum save_result rc = SAVE_OK;
	int found = community_item_get(db, &a, org_id, community_id, item_id, &it);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (db_exec(db, "DELETE FROM community_items WHERE id = ? AND org_id = ?",
	                 DB_ARGS(DB_INT(item_id), DB_INT(org_id))) != DB_OK ||
	         touch(db, org_id, community_id) != 0 ||
	         audit_write(db, org_id, actor, "community.item.delete",
	                     item_object(db, &a, org_id, community_id, it.text), it.kind) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

/* ---- people ---- */

/* One row (id, person, name, role) of a person_list() query. */
static int read_person(struct db_stmt *st, void *elem, struct arena *a)
{
	struct community_person *v = elem;
	v->id = db_col_int(st, 0);
	v->person_id = db_col_int(st, 1);
	v->name = db_col_text(st, 2, a);
	v->role = db_col_text(st, 3, a);
	return 0;
}

static int person_list(struct db *db, struct arena *a, struct db_sql sql, long long org_id,
                       long long community_id, struct community_person **out, size_t *n_out)
{
	return db_rows_stmt(db, a, sql, DB_ARGS(DB_INT(community_id), DB_INT(org_id)),
	                    sizeof(**out), read_person, out, n_out);
}

int community_staff_list(struct db *db, struct arena *a, long long org_id, long long community_id,
                         struct community_person **out, size_t *n_out)
{
	return person_list(
	    db, a,
	    DB_SQL("SELECT s.id, s.person_id, p.name, s.role FROM community_staff_current s"
	           " JOIN persons p ON p.id = s.person_id"
	           " WHERE s.community_id = ? AND s.org_id = ?"
	           " ORDER BY CASE s.role WHEN 'bouwer' THEN 1 WHEN 'verbinder' THEN 2"
	           " ELSE 3 END, p.name, s.id"),
	    org_id, community_id, out, n_out);
}

int community_ambassador_list(struct db *db, struct arena *a, long long org_id,
                              long long community_id, struct community_person **out, size_t *n_out)
{
	return person_list(
	    db, a,
	    DB_SQL("SELECT c.id, c.person_id, p.name, '' FROM community_ambassadors c"
	           " JOIN persons p ON p.id = c.person_id"
	           " JOIN memberships m ON m.org_id = c.org_id AND m.person_id = c.person_id"
	           " AND m.role = 'ambassadeur'"
	           " WHERE c.community_id = ? AND c.org_id = ? ORDER BY p.name, c.id"),
	    org_id, community_id, out, n_out);
}

/* The person's name when they hold one of the roles (a "role IN" list) in the org. */
static const char *member_name(struct db *db, struct arena *a, long long org_id,
                               long long person_id, bool ambassador)
{
	struct db_stmt *st;
	const char *name = NULL;
	if (db_query(
	        db, &st,
	        "SELECT p.name FROM memberships m JOIN persons p ON p.id = m.person_id"
	        " WHERE m.org_id = ?1 AND m.person_id = ?2 AND ((?3 = 1 AND m.role = 'ambassadeur')"
	        " OR (?3 = 0 AND m.role IN ('beheerder', 'medewerker')))",
	        DB_ARGS(DB_INT(org_id), DB_INT(person_id), DB_INT(ambassador ? 1 : 0))) != DB_OK)
		return NULL;
	if (db_step(st) == DB_ROW)
		name = db_col_text(st, 0, a);
	db_finish(st);
	return name;
}

enum save_result community_staff_add(struct db *db, long long org_id, long long actor,
                                     long long community_id, long long person_id, const char *role)
{
	if (vocab_index(community_staff_roles, role) < 0)
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	enum save_result rc = SAVE_OK;
	int exists = community_exists(db, org_id, community_id);
	const char *name = exists == 1 ? member_name(db, &a, org_id, person_id, false) : NULL;
	if (exists < 0)
		rc = SAVE_ERROR;
	else if (exists == 0 || name == NULL)
		rc = SAVE_NOT_FOUND;
	else if (db_exec(db,
	                 "INSERT INTO community_staff (org_id, community_id, person_id, role,"
	                 " created_at) VALUES (?, ?, ?, ?, ?)"
	                 " ON CONFLICT (community_id, person_id, role) DO NOTHING",
	                 DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_INT(person_id),
	                         DB_TEXT(role), DB_INT(now_s()))) != DB_OK)
		rc = SAVE_ERROR;
	else if (db_changes(db) > 0 &&
	         (touch(db, org_id, community_id) != 0 ||
	          audit_write(db, org_id, actor, "community.staff.add",
	                      item_object(db, &a, org_id, community_id, name), role) != 0))
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

/* Removes one attachment row of table (staff or ambassadors) with its audit entry. */
static enum save_result remove_attachment(struct db *db, long long org_id, long long actor,
                                          long long community_id, long long attachment_id,
                                          bool ambassador)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	enum save_result rc = SAVE_OK;
	struct db_stmt *st;
	const char *name = NULL, *role = "";
	int q =
	    ambassador
	        ? db_query(db, &st,
	                   "SELECT p.name, '' FROM community_ambassadors c JOIN persons p"
	                   " ON p.id = c.person_id WHERE c.id = ? AND c.community_id = ?"
	                   " AND c.org_id = ?",
	                   DB_ARGS(DB_INT(attachment_id), DB_INT(community_id), DB_INT(org_id)))
	        : db_query(db, &st,
	                   "SELECT p.name, c.role FROM community_staff c JOIN persons p"
	                   " ON p.id = c.person_id WHERE c.id = ? AND c.community_id = ?"
	                   " AND c.org_id = ?",
	                   DB_ARGS(DB_INT(attachment_id), DB_INT(community_id), DB_INT(org_id)));
	if (q != DB_OK) {
		arena_free(&a);
		return save_finish(db, SAVE_ERROR);
	}
	if (db_step(st) == DB_ROW) {
		name = db_col_text(st, 0, &a);
		role = db_col_text(st, 1, &a);
	}
	db_finish(st);
	if (name == NULL)
		rc = SAVE_NOT_FOUND;
	else if ((ambassador
	              ? db_exec(db, "DELETE FROM community_ambassadors WHERE id = ? AND org_id = ?",
	                        DB_ARGS(DB_INT(attachment_id), DB_INT(org_id)))
	              : db_exec(db, "DELETE FROM community_staff WHERE id = ? AND org_id = ?",
	                        DB_ARGS(DB_INT(attachment_id), DB_INT(org_id)))) != DB_OK ||
	         touch(db, org_id, community_id) != 0 ||
	         audit_write(db, org_id, actor,
	                     ambassador ? "community.ambassador.remove" : "community.staff.remove",
	                     item_object(db, &a, org_id, community_id, name), role) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result community_staff_remove(struct db *db, long long org_id, long long actor,
                                        long long community_id, long long attachment_id)
{
	return remove_attachment(db, org_id, actor, community_id, attachment_id, false);
}

enum save_result community_ambassador_add(struct db *db, long long org_id, long long actor,
                                          long long community_id, long long person_id)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	enum save_result rc = SAVE_OK;
	int exists = community_exists(db, org_id, community_id);
	const char *name = exists == 1 ? member_name(db, &a, org_id, person_id, true) : NULL;
	if (exists < 0)
		rc = SAVE_ERROR;
	else if (exists == 0 || name == NULL)
		rc = SAVE_NOT_FOUND;
	else if (db_exec(db,
	                 "INSERT INTO community_ambassadors (org_id, community_id, person_id,"
	                 " created_at) VALUES (?, ?, ?, ?)"
	                 " ON CONFLICT (community_id, person_id) DO NOTHING",
	                 DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_INT(person_id),
	                         DB_INT(now_s()))) != DB_OK)
		rc = SAVE_ERROR;
	else if (db_changes(db) > 0 &&
	         (touch(db, org_id, community_id) != 0 ||
	          audit_write(db, org_id, actor, "community.ambassador.add",
	                      item_object(db, &a, org_id, community_id, name), "") != 0))
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result community_ambassador_remove(struct db *db, long long org_id, long long actor,
                                             long long community_id, long long attachment_id)
{
	return remove_attachment(db, org_id, actor, community_id, attachment_id, true);
}

/* The members of all (n_all) that are staff, or ambassadeurs, in a. */
static struct member *split_candidates(struct arena *a, const struct member *all, size_t n_all,
                                       bool ambassadors, size_t *n_out)
{
	size_t n = 0;
	struct member *v = arena_alloc(a, (n_all + 1) * sizeof(*v));
	for (size_t i = 0; i < n_all; i++) {
		bool staff = (all[i].role & ROLES_STAFF) != 0;
		bool amb = all[i].role == ROLE_AMBASSADEUR;
		if (ambassadors ? amb : staff)
			v[n++] = all[i];
	}
	*n_out = n;
	return v;
}

int community_candidates(struct db *db, struct arena *a, long long org_id, bool ambassadors,
                         struct member **out, size_t *n_out)
{
	struct member *all;
	size_t n_all;
	if (member_list(db, a, org_id, &all, &n_all) != 0)
		return -1;
	*out = split_candidates(a, all, n_all, ambassadors, n_out);
	return 0;
}

int community_candidates_both(struct db *db, struct arena *a, long long org_id,
                              struct member **staff, size_t *n_staff, struct member **amb,
                              size_t *n_amb)
{
	struct member *all;
	size_t n_all;
	if (member_list(db, a, org_id, &all, &n_all) != 0)
		return -1;
	*staff = split_candidates(a, all, n_all, false, n_staff);
	*amb = split_candidates(a, all, n_all, true, n_amb);
	return 0;
}
