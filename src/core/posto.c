/*
 * posto.c - the POST-O of a community with its versions (see posto.h).
 */
#include "posto.h"

#include <string.h>

#include "partner_util.h"

#define WHO_COLS " COALESCE(w.name, ''), CASE WHEN wm.role = 'ambassadeur' THEN 1 ELSE 0 END"
#define WHO_JOIN(col)                                                                              \
	" LEFT JOIN persons w ON w.id = " col " LEFT JOIN memberships wm ON wm.person_id = " col   \
	" AND wm.org_id = ?1"

static void read_posto(struct db_stmt *st, struct arena *a, struct posto *p)
{
	p->id = db_col_int(st, 0);
	p->version = db_col_int(st, 1);
	p->people = db_col_text(st, 2, a);
	p->objectives = db_col_text(st, 3, a);
	p->strategy = db_col_text(st, 4, a);
	p->technology = db_col_text(st, 5, a);
	p->organization = db_col_text(st, 6, a);
	p->who = db_col_text(st, 7, a);
	p->who_is_amb = db_col_int(st, 8) != 0;
	p->at = db_col_int(st, 9);
}

int posto_get(struct db *db, struct arena *a, long long org_id, long long community_id,
              struct posto *out)
{
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT p.id, p.version, p.people, p.objectives, p.strategy, p.technology,"
	             " p.organization," WHO_COLS ", p.updated_at FROM postos p" WHO_JOIN(
	                 "p.person_id") " WHERE p.org_id = ?1 AND p.community_id = ?2",
	             DB_ARGS(DB_INT(org_id), DB_INT(community_id))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW)
		read_posto(st, a, out);
	db_finish(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int posto_versions(struct db *db, struct arena *a, long long org_id, long long community_id,
                   struct posto **out, size_t *n_out)
{
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT v.posto_id, v.version, v.people, v.objectives, v.strategy,"
	             " v.technology, v.organization," WHO_COLS ", v.created_at"
	             " FROM postos p JOIN posto_versions v ON v.posto_id = p.id"
	             " AND v.org_id = p.org_id" WHO_JOIN("v.person_id") " WHERE p.org_id = ?1"
	                                                                " AND p.community_id = ?2"
	                                                                " ORDER BY v.version DESC",
	             DB_ARGS(DB_INT(org_id), DB_INT(community_id))) != DB_OK)
		return -1;
	size_t n = 0, cap = 0;
	struct posto *v = NULL;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, n, &cap, sizeof(*v));
		read_posto(st, a, &v[n++]);
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
}

static bool fits(const char *s)
{
	return strlen(nz(s)) <= POSTO_FIELD_MAX;
}

enum save_result posto_save(struct db *db, long long org_id, long long actor,
                            long long community_id, const struct posto *p, long long *version_out)
{
	if (!fits(p->people) || !fits(p->objectives) || !fits(p->strategy) ||
	    !fits(p->technology) || !fits(p->organization))
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	enum save_result rc = SAVE_OK;
	long long n = 0, id = 0, version = 1, now = now_s();
	struct posto cur;
	int has = 0;
	if (db_query_int(db, "SELECT COUNT(*) FROM communities WHERE id = ? AND org_id = ?",
	                 DB_ARGS(DB_INT(community_id), DB_INT(org_id)), &n) != DB_ROW)
		rc = SAVE_ERROR;
	else if (n == 0)
		rc = SAVE_NOT_FOUND;
	else if ((has = posto_get(db, &a, org_id, community_id, &cur)) < 0)
		rc = SAVE_ERROR;
	else if ((has == 1) != (p->version != 0) || (has == 1 && cur.version != p->version))
		rc = SAVE_CONFLICT; /* written meanwhile, or saved over since */
	if (rc == SAVE_OK && has == 0) {
		if (db_query_int(
		        db,
		        "INSERT INTO postos (org_id, community_id, people, objectives, strategy,"
		        " technology, organization, person_id, version, created_at,"
		        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
		        DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_TEXT(nz(p->people)),
		                DB_TEXT(nz(p->objectives)), DB_TEXT(nz(p->strategy)),
		                DB_TEXT(nz(p->technology)), DB_TEXT(nz(p->organization)),
		                actor ? DB_INT(actor) : DB_NULL, DB_INT(now), DB_INT(now)),
		        &id) != DB_ROW)
			rc = SAVE_ERROR;
	} else if (rc == SAVE_OK) {
		id = cur.id;
		version = cur.version + 1;
		if (db_exec(
		        db,
		        "UPDATE postos SET people = ?, objectives = ?, strategy = ?, technology = "
		        "?,"
		        " organization = ?, person_id = ?, version = version + 1, updated_at = ?"
		        " WHERE id = ? AND org_id = ? AND version = ?",
		        DB_ARGS(DB_TEXT(nz(p->people)), DB_TEXT(nz(p->objectives)),
		                DB_TEXT(nz(p->strategy)), DB_TEXT(nz(p->technology)),
		                DB_TEXT(nz(p->organization)), actor ? DB_INT(actor) : DB_NULL,
		                DB_INT(now), DB_INT(id), DB_INT(org_id), DB_INT(cur.version))) !=
		    DB_OK)
			rc = SAVE_ERROR;
		else if (db_changes(db) == 0)
			rc = SAVE_CONFLICT;
	}
	if (rc == SAVE_OK &&
	    (db_exec(db,
	             "INSERT INTO posto_versions (org_id, posto_id, version, people, objectives,"
	             " strategy, technology, organization, person_id, created_at)"
	             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	             DB_ARGS(DB_INT(org_id), DB_INT(id), DB_INT(version), DB_TEXT(nz(p->people)),
	                     DB_TEXT(nz(p->objectives)), DB_TEXT(nz(p->strategy)),
	                     DB_TEXT(nz(p->technology)), DB_TEXT(nz(p->organization)),
	                     actor ? DB_INT(actor) : DB_NULL, DB_INT(now))) != DB_OK ||
	     audit_write(db, org_id, actor, "posto.save", arena_printf(&a, "%lld", community_id),
	                 arena_printf(&a, "%lld", version)) != 0))
		rc = SAVE_ERROR;
	arena_free(&a);
	rc = save_finish(db, rc);
	if (rc == SAVE_OK && version_out)
		*version_out = version;
	return rc;
}
