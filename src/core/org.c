/*
 * org.c - organisations, branches, people, roles and the audit log (see org.h).
 */
#include "org.h"

#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "../auth/roles.h"
#include "signal.h"

static long long now_s(void)
{
	return (long long)time(NULL);
}

int org_slug_valid(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n > 64 || s[0] == '-')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

int org_access_lookup(struct db *db, struct arena *a, const char *slug, long long person_id,
                      struct org_access *out)
{
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT o.id, o.slug, o.name, m.role FROM orgs o"
	             " JOIN memberships m ON m.org_id = o.id"
	             " WHERE o.slug = ? AND m.person_id = ?",
	             DB_ARGS(DB_TEXT(slug), DB_INT(person_id))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		out->org_id = db_col_int(st, 0);
		out->slug = db_col_text(st, 1, a);
		out->name = db_col_text(st, 2, a);
		out->role = role_from_name(db_col_text(st, 3, a));
	}
	db_finish(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* One row of org_list_for_person(). */
static int read_org_list_for_person(struct db_stmt *st, void *elem, struct arena *a)
{
	struct org_access *v = elem;
	v->org_id = db_col_int(st, 0);
	v->slug = db_col_text(st, 1, a);
	v->name = db_col_text(st, 2, a);
	v->role = role_from_name(db_col_text(st, 3, a));
	return 0;
}

int org_list_for_person(struct db *db, struct arena *a, long long person_id,
                        struct org_access **out, size_t *n_out)
{
	return db_rows(db, a,
	               "SELECT o.id, o.slug, o.name, m.role FROM orgs o"
	               " JOIN memberships m ON m.org_id = o.id WHERE m.person_id = ?"
	               " ORDER BY o.name",
	               DB_ARGS(DB_INT(person_id)), sizeof(**out), read_org_list_for_person, out,
	               n_out);
}

int org_get(struct db *db, struct arena *a, long long org_id, struct org *out)
{
	struct db_stmt *st;
	if (db_query(db, &st, "SELECT id, slug, name, description, version FROM orgs WHERE id = ?",
	             DB_ARGS(DB_INT(org_id))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		out->id = db_col_int(st, 0);
		out->slug = db_col_text(st, 1, a);
		out->name = db_col_text(st, 2, a);
		out->description = db_col_text(st, 3, a);
		out->version = db_col_int(st, 4);
	}
	db_finish(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int org_create(struct db *db, const char *slug, const char *name, long long *id_out)
{
	long long id = 0;
	if (db_begin(db) != DB_OK)
		return -1;
	int rc = db_query_int(
	    db, "INSERT INTO orgs (slug, name, created_at) VALUES (?, ?, ?) RETURNING id",
	    DB_ARGS(DB_TEXT(slug), DB_TEXT(name), DB_INT(now_s())), &id);
	if (rc == DB_CONSTRAINT) {
		db_rollback(db);
		return 1;
	}
	if (rc != DB_ROW || audit_write(db, id, 0, "org.create", name, "") != 0 ||
	    db_commit(db) != DB_OK) {
		db_rollback(db);
		return -1;
	}
	if (id_out)
		*id_out = id;
	return 0;
}

enum save_result save_finish(struct db *db, enum save_result rc)
{
	if (rc == SAVE_OK) {
		if (db_commit(db) == DB_OK)
			return SAVE_OK;
		rc = SAVE_ERROR;
	}
	db_rollback(db);
	return rc;
}

enum save_result org_update(struct db *db, long long org_id, long long actor, const char *name,
                            const char *description, long long version)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	if (db_exec(db,
	            "UPDATE orgs SET name = ?, description = ?, version = version + 1"
	            " WHERE id = ? AND version = ?",
	            DB_ARGS(DB_TEXT(name), DB_TEXT(description), DB_INT(org_id),
	                    DB_INT(version))) != DB_OK)
		return save_finish(db, SAVE_ERROR);
	if (db_changes(db) == 0)
		return save_finish(db, SAVE_CONFLICT);
	if (audit_write(db, org_id, actor, "org.update", name, "") != 0)
		return save_finish(db, SAVE_ERROR);
	return save_finish(db, SAVE_OK);
}

/* One row of branch_list(). */
static int read_branch_list(struct db_stmt *st, void *elem, struct arena *a)
{
	struct branch *v = elem;
	v->id = db_col_int(st, 0);
	v->name = db_col_text(st, 1, a);
	v->place = db_col_text(st, 2, a);
	return 0;
}

int branch_list(struct db *db, struct arena *a, long long org_id, struct branch **out,
                size_t *n_out)
{
	return db_rows(db, a,
	               "SELECT id, name, place FROM branches WHERE org_id = ? ORDER BY name, id",
	               DB_ARGS(DB_INT(org_id)), sizeof(**out), read_branch_list, out, n_out);
}

int branch_get(struct db *db, struct arena *a, long long org_id, long long id, struct branch *out)
{
	struct db_stmt *st;
	if (db_query(db, &st, "SELECT id, name, place FROM branches WHERE id = ? AND org_id = ?",
	             DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		out->id = db_col_int(st, 0);
		out->name = db_col_text(st, 1, a);
		out->place = db_col_text(st, 2, a);
	}
	db_finish(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

enum save_result branch_add(struct db *db, long long org_id, long long actor, const char *name,
                            const char *place)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	if (db_exec(
	        db, "INSERT INTO branches (org_id, name, place, created_at) VALUES (?, ?, ?, ?)",
	        DB_ARGS(DB_INT(org_id), DB_TEXT(name), DB_TEXT(place), DB_INT(now_s()))) != DB_OK ||
	    audit_write(db, org_id, actor, "branch.add", name, place) != 0)
		return save_finish(db, SAVE_ERROR);
	return save_finish(db, SAVE_OK);
}

enum save_result branch_rename(struct db *db, long long org_id, long long actor, long long id,
                               const char *name, const char *place)
{
	struct arena a;
	struct branch old;
	arena_init(&a);
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	enum save_result rc = SAVE_OK;
	int found = branch_get(db, &a, org_id, id, &old);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (db_exec(db, "UPDATE branches SET name = ?, place = ? WHERE id = ? AND org_id = ?",
	                 DB_ARGS(DB_TEXT(name), DB_TEXT(place), DB_INT(id), DB_INT(org_id))) !=
	             DB_OK ||
	         audit_write(db, org_id, actor, "branch.rename", name,
	                     old.place[0] ? arena_printf(&a, "%s (%s)", old.name, old.place)
	                                  : old.name) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result branch_delete(struct db *db, long long org_id, long long actor, long long id)
{
	struct arena a;
	arena_init(&a);
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct db_stmt *st;
	const char *old = NULL;
	if (db_query(db, &st, "SELECT name FROM branches WHERE id = ? AND org_id = ?",
	             DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK) {
		arena_free(&a);
		return save_finish(db, SAVE_ERROR);
	}
	if (db_step(st) == DB_ROW)
		old = db_col_text(st, 0, &a);
	db_finish(st);
	enum save_result rc = SAVE_OK;
	if (old == NULL)
		rc = SAVE_NOT_FOUND;
	else if (db_exec(db, "DELETE FROM branches WHERE id = ? AND org_id = ?",
	                 DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK ||
	         audit_write(db, org_id, actor, "branch.delete", old, "") != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

/* One row of member_list(). */
static int read_member_list(struct db_stmt *st, void *elem, struct arena *a)
{
	struct member *v = elem;
	v->person_id = db_col_int(st, 0);
	v->name = db_col_text(st, 1, a);
	v->email = db_col_text(st, 2, a);
	v->role = role_from_name(db_col_text(st, 3, a));
	v->since = db_col_int(st, 4);
	return 0;
}

int member_list(struct db *db, struct arena *a, long long org_id, struct member **out,
                size_t *n_out)
{
	return db_rows(db, a,
	               "SELECT p.id, p.name, p.email, m.role, m.created_at FROM memberships m"
	               " JOIN persons p ON p.id = m.person_id WHERE m.org_id = ?"
	               " ORDER BY p.name, p.id",
	               DB_ARGS(DB_INT(org_id)), sizeof(**out), read_member_list, out, n_out);
}

int member_counts(struct db *db, long long org_id, long long counts[4])
{
	struct db_stmt *st;
	memset(counts, 0, 4 * sizeof(counts[0]));
	if (db_query(db, &st,
	             "SELECT COALESCE(SUM(CASE WHEN role = 'beheerder' THEN 1 ELSE 0 END), 0),"
	             " COALESCE(SUM(CASE WHEN role = 'medewerker' THEN 1 ELSE 0 END), 0),"
	             " COALESCE(SUM(CASE WHEN role = 'adviseur' THEN 1 ELSE 0 END), 0),"
	             " COALESCE(SUM(CASE WHEN role = 'ambassadeur' THEN 1 ELSE 0 END), 0)"
	             " FROM memberships WHERE org_id = ?",
	             DB_ARGS(DB_INT(org_id))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW)
		for (int i = 0; i < 4; i++)
			counts[i] = db_col_int(st, i);
	db_finish(st);
	return rc == DB_ROW ? 0 : -1;
}

/* Beheerders of the org other than person. -1 on error. */
static long long other_admins(struct db *db, long long org_id, long long person_id)
{
	long long n = 0;
	if (db_query_int(db,
	                 "SELECT COUNT(*) FROM memberships WHERE org_id = ? AND role = 'beheerder'"
	                 " AND person_id <> ?",
	                 DB_ARGS(DB_INT(org_id), DB_INT(person_id)), &n) != DB_ROW)
		return -1;
	return n;
}

/*
 * The stored role of person in org ("" when none) into *out, copied into a.
 * 0, or -1 when the read failed: the last-beheerder guard then refuses
 * with an error instead of guessing "not a beheerder".
 */
static int current_role(struct db *db, struct arena *a, long long org_id, long long person_id,
                        const char **out)
{
	struct db_stmt *st;
	*out = "";
	if (db_query(db, &st, "SELECT role FROM memberships WHERE org_id = ? AND person_id = ?",
	             DB_ARGS(DB_INT(org_id), DB_INT(person_id))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW)
		*out = db_col_text(st, 0, a);
	db_finish(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : -1;
}

/* Name of a person, copied into a (or NULL). */
static const char *person_name(struct db *db, struct arena *a, long long person_id)
{
	struct db_stmt *st;
	const char *name = NULL;
	if (db_query(db, &st, "SELECT name FROM persons WHERE id = ?",
	             DB_ARGS(DB_INT(person_id))) != DB_OK)
		return NULL;
	if (db_step(st) == DB_ROW)
		name = db_col_text(st, 0, a);
	db_finish(st);
	return name;
}

/* A role change moves staff counts of every community: refresh the org's signals. */
static int member_signals(struct db *db, long long org_id)
{
	return signals_touch_org(db, org_id);
}

/*
 * Removes what was shared with person_id as beheerder of org_id (impact
 * plans, zelftests): called when they stop being beheerder. 0 or -1.
 */
static int drop_shares_seen_by(struct db *db, long long org_id, long long person_id)
{
	const struct db_param *args = DB_ARGS(DB_INT(org_id), DB_INT(person_id));
	return db_exec(db, "DELETE FROM personal_shares WHERE org_id = ?1 AND viewer_id = ?2",
	               args) != DB_OK ||
	               db_exec(db,
	                       "DELETE FROM zelftest_shares WHERE org_id = ?1 AND manager_id = ?2",
	                       args) != DB_OK
	           ? -1
	           : 0;
}

enum save_result member_set_role(struct db *db, long long org_id, long long actor,
                                 long long person_id, unsigned role)
{
	const char *rn = role_name(role);
	if (rn[0] == '\0')
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	enum save_result rc = SAVE_OK;
	const char *name = person_name(db, &a, person_id);
	long long others = other_admins(db, org_id, person_id);
	const char *old_role;
	bool read_ok = current_role(db, &a, org_id, person_id, &old_role) == 0;
	bool was_admin = strcmp(old_role, "beheerder") == 0;
	if (name == NULL)
		rc = SAVE_NOT_FOUND;
	else if (others < 0 || !read_ok)
		rc = SAVE_ERROR;
	else if (was_admin && role != ROLE_BEHEERDER && others == 0)
		rc = SAVE_REFUSED;
	else if (db_exec(db,
	                 "INSERT INTO memberships (org_id, person_id, role, created_at)"
	                 " VALUES (?, ?, ?, ?)"
	                 " ON CONFLICT (org_id, person_id) DO UPDATE SET role = excluded.role",
	                 DB_ARGS(DB_INT(org_id), DB_INT(person_id), DB_TEXT(rn),
	                         DB_INT(now_s()))) != DB_OK ||
	         /* attachments that the new role does not carry go, so that they do not
	          * come back when the old role is given again (issue 7, hole 2) */
	         (role != ROLE_AMBASSADEUR &&
	          db_exec(db,
	                  "DELETE FROM community_ambassadors WHERE org_id = ? AND person_id = ?",
	                  DB_ARGS(DB_INT(org_id), DB_INT(person_id))) != DB_OK) ||
	         (role != ROLE_BEHEERDER && role != ROLE_MEDEWERKER &&
	          db_exec(db, "DELETE FROM community_staff WHERE org_id = ? AND person_id = ?",
	                  DB_ARGS(DB_INT(org_id), DB_INT(person_id))) != DB_OK) ||
	         /* plans and zelftests shared with them as beheerder are no longer theirs to see */
	         (role != ROLE_BEHEERDER && drop_shares_seen_by(db, org_id, person_id) != 0) ||
	         /* detail "old>new" in stored role names; old is empty for a new member */
	         audit_write(db, org_id, actor, "member.role", name,
	                     arena_printf(&a, "%s>%s", old_role, rn)) != 0 ||
	         member_signals(db, org_id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result member_remove(struct db *db, long long org_id, long long actor,
                               long long person_id)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	enum save_result rc = SAVE_OK;
	const char *name = person_name(db, &a, person_id);
	long long others = other_admins(db, org_id, person_id);
	const char *role;
	bool read_ok = current_role(db, &a, org_id, person_id, &role) == 0;
	bool is_member = role[0] != '\0', is_admin = strcmp(role, "beheerder") == 0;
	if (others < 0 || !read_ok)
		rc = SAVE_ERROR;
	else if (name == NULL || !is_member)
		rc = SAVE_NOT_FOUND;
	else if (is_admin && others == 0)
		rc = SAVE_REFUSED;
	else if (db_exec(db, "DELETE FROM memberships WHERE org_id = ? AND person_id = ?",
	                 DB_ARGS(DB_INT(org_id), DB_INT(person_id))) != DB_OK ||
	         /* their community attachments go with the membership (issue 7, hole 2) */
	         db_exec(db, "DELETE FROM community_ambassadors WHERE org_id = ? AND person_id = ?",
	                 DB_ARGS(DB_INT(org_id), DB_INT(person_id))) != DB_OK ||
	         db_exec(db, "DELETE FROM community_staff WHERE org_id = ? AND person_id = ?",
	                 DB_ARGS(DB_INT(org_id), DB_INT(person_id))) != DB_OK ||
	         drop_shares_seen_by(db, org_id, person_id) != 0 ||
	         db_exec(db,
	                 "DELETE FROM sessions WHERE person_id = ? AND NOT EXISTS"
	                 " (SELECT 1 FROM memberships WHERE person_id = ?)",
	                 DB_ARGS(DB_INT(person_id), DB_INT(person_id))) != DB_OK ||
	         audit_write(db, org_id, actor, "member.remove", name, "") != 0 ||
	         member_signals(db, org_id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

int person_find(struct db *db, struct arena *a, const char *email, long long *id, const char **name,
                const char **pw_hash, int *locked)
{
	struct db_stmt *st;
	if (db_query(db, &st, "SELECT id, name, pw_hash, locked FROM persons WHERE email = ?",
	             DB_ARGS(DB_TEXT(email))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		if (id)
			*id = db_col_int(st, 0);
		if (name)
			*name = db_col_text(st, 1, a);
		if (pw_hash)
			*pw_hash = db_col_text(st, 2, a);
		if (locked)
			*locked = (int)db_col_int(st, 3);
	}
	db_finish(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int person_create_member(struct db *db, long long org_id, long long actor, const char *email,
                         const char *name, const char *pw_hash, unsigned role, long long *id_out)
{
	const char *rn = role_name(role);
	if (rn[0] == '\0')
		return -1;
	if (db_begin(db) != DB_OK)
		return -1;
	long long id = 0;
	int rc = person_create(db, email, name, pw_hash, &id);
	if (rc != 0) {
		db_rollback(db);
		return rc;
	}
	struct arena a;
	arena_init(&a);
	if (db_exec(db,
	            "INSERT INTO memberships (org_id, person_id, role, created_at)"
	            " VALUES (?, ?, ?, ?)",
	            DB_ARGS(DB_INT(org_id), DB_INT(id), DB_TEXT(rn), DB_INT(now_s()))) != DB_OK ||
	    /* the same entry as member_set_role() writes for a new member */
	    audit_write(db, org_id, actor, "member.role", name, arena_printf(&a, ">%s", rn)) != 0 ||
	    db_commit(db) != DB_OK) {
		arena_free(&a);
		db_rollback(db);
		return -1;
	}
	arena_free(&a);
	if (id_out)
		*id_out = id;
	return 0;
}

int person_create(struct db *db, const char *email, const char *name, const char *pw_hash,
                  long long *id_out)
{
	long long id = 0;
	int rc = db_query_int(
	    db,
	    "INSERT INTO persons (email, name, pw_hash, created_at)"
	    " VALUES (?, ?, ?, ?) RETURNING id",
	    DB_ARGS(DB_TEXT(email), DB_TEXT(name), DB_TEXT(pw_hash), DB_INT(now_s())), &id);
	if (rc == DB_CONSTRAINT)
		return 1;
	if (rc != DB_ROW)
		return -1;
	if (id_out)
		*id_out = id;
	return 0;
}

int audit_write(struct db *db, long long org_id, long long actor, const char *action,
                const char *object, const char *detail)
{
	return db_exec(db,
	               "INSERT INTO audit_log (org_id, person_id, at, action, object, detail)"
	               " VALUES (?, ?, ?, ?, ?, ?)",
	               DB_ARGS(org_id ? DB_INT(org_id) : DB_NULL, actor ? DB_INT(actor) : DB_NULL,
	                       DB_INT(now_s()), DB_TEXT(action), DB_TEXT(object ? object : ""),
	                       DB_TEXT(detail ? detail : ""))) == DB_OK
	           ? 0
	           : -1;
}

int audit_list(struct db *db, struct arena *a, long long org_id, long long limit, long long offset,
               struct audit_entry **out, size_t *n_out)
{
	struct db_stmt *st;
	size_t n = 0;
	*out = NULL;
	*n_out = 0;
	if (limit <= 0 || offset < 0)
		return 0;
	struct audit_entry *v = arena_alloc(a, (size_t)limit * sizeof(*v));
	if (db_query(db, &st,
	             "SELECT l.at, COALESCE(p.name, ''), l.action, l.object, l.detail"
	             " FROM audit_log l LEFT JOIN persons p ON p.id = l.person_id"
	             " WHERE l.org_id = ? ORDER BY l.at DESC, l.id DESC LIMIT ? OFFSET ?",
	             DB_ARGS(DB_INT(org_id), DB_INT(limit), DB_INT(offset))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW && n < (size_t)limit) {
		v[n].at = db_col_int(st, 0);
		v[n].who = db_col_text(st, 1, a);
		v[n].action = db_col_text(st, 2, a);
		v[n].object = db_col_text(st, 3, a);
		v[n].detail = db_col_text(st, 4, a);
		n++;
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE || rc == DB_ROW ? 0 : -1;
}

long long audit_count(struct db *db, long long org_id)
{
	long long n = 0;
	if (db_query_int(db, "SELECT COUNT(*) FROM audit_log WHERE org_id = ?",
	                 DB_ARGS(DB_INT(org_id)), &n) != DB_ROW)
		return -1;
	return n;
}
