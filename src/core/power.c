/*
 * power.c - partner power, werkblad 4 (see power.h).
 */
#include "power.h"

#include "partner.h"
#include "partner_util.h"

/* ---- partner power ---- */

static bool power_valid(const struct partner_power *p)
{
	if (!date_valid(p->met_on))
		return false;
	const char *fields[] = {p->challenges, p->core_values, p->goals, p->commitments,
	                        p->success};
	for (size_t i = 0; i < 5; i++)
		if (fields[i] && fields[i][0])
			return true;
	return false; /* an empty record says nothing */
}

static void read_power(struct db_stmt *st, struct arena *a, struct partner_power *out)
{
	out->id = db_col_int(st, 0);
	out->version = db_col_int(st, 1);
	out->partner_id = db_col_int(st, 2);
	out->met_on = db_col_text(st, 3, a);
	out->challenges = db_col_text(st, 4, a);
	out->core_values = db_col_text(st, 5, a);
	out->goals = db_col_text(st, 6, a);
	out->commitments = db_col_text(st, 7, a);
	out->success = db_col_text(st, 8, a);
	out->who = db_col_text(st, 9, a);
	out->updated_at = db_col_int(st, 10);
}

#define POWER_SELECT                                                                               \
	"SELECT w.id, w.version, w.partner_id, w.met_on, w.challenges, w.core_values, w.goals,"    \
	" w.commitments, w.success, COALESCE(p.name, ''), w.updated_at FROM partner_power w"       \
	" LEFT JOIN persons p ON p.id = w.person_id"

int power_list(struct db *db, struct arena *a, long long org_id, long long partner_id,
               struct partner_power **out, size_t *n_out)
{
	struct db_stmt *st;
	size_t n = 0, cap = 0;
	struct partner_power *v = NULL;
	if (db_query(db, &st,
	             POWER_SELECT " WHERE w.partner_id = ? AND w.org_id = ?"
	                          " ORDER BY w.met_on DESC, w.id DESC",
	             DB_ARGS(DB_INT(partner_id), DB_INT(org_id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, n, &cap, sizeof(*v));
		read_power(st, a, &v[n]);
		n++;
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
}

int power_get(struct db *db, struct arena *a, long long org_id, long long partner_id, long long id,
              struct partner_power *out)
{
	struct db_stmt *st;
	if (db_query(db, &st, POWER_SELECT " WHERE w.id = ? AND w.partner_id = ? AND w.org_id = ?",
	             DB_ARGS(DB_INT(id), DB_INT(partner_id), DB_INT(org_id))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW)
		read_power(st, a, out);
	db_finish(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

enum save_result power_create(struct db *db, long long org_id, long long actor,
                              const struct partner_power *p, long long *id_out)
{
	if (!power_valid(p))
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct partner partner;
	enum save_result rc = SAVE_OK;
	long long now = now_s(), id = 0;
	int found = partner_get(db, &a, org_id, p->partner_id, &partner);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (db_query_int(db,
	                      "INSERT INTO partner_power (org_id, partner_id, met_on, challenges,"
	                      " core_values, goals, commitments, success, person_id, created_at,"
	                      " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	                      DB_ARGS(DB_INT(org_id), DB_INT(p->partner_id), DB_TEXT(p->met_on),
	                              DB_TEXT(nz(p->challenges)), DB_TEXT(nz(p->core_values)),
	                              DB_TEXT(nz(p->goals)), DB_TEXT(nz(p->commitments)),
	                              DB_TEXT(nz(p->success)), actor ? DB_INT(actor) : DB_NULL,
	                              DB_INT(now), DB_INT(now)),
	                      &id) != DB_ROW ||
	         audit_write(db, org_id, actor, "power.create", audit_text(&a, partner.name),
	                     p->met_on) != 0 ||
	         partner_touch(db, org_id, p->partner_id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	rc = save_finish(db, rc);
	if (rc == SAVE_OK && id_out)
		*id_out = id;
	return rc;
}

enum save_result power_update(struct db *db, long long org_id, long long actor,
                              const struct partner_power *p)
{
	if (!power_valid(p))
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct partner partner;
	struct partner_power old;
	enum save_result rc = SAVE_OK;
	int found = partner_get(db, &a, org_id, p->partner_id, &partner);
	if (found == 1)
		found = power_get(db, &a, org_id, p->partner_id, p->id, &old);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (db_exec(db,
	                 "UPDATE partner_power SET met_on = ?, challenges = ?, core_values = ?,"
	                 " goals = ?, commitments = ?, success = ?, updated_at = ?,"
	                 " version = version + 1"
	                 " WHERE id = ? AND partner_id = ? AND org_id = ? AND version = ?",
	                 DB_ARGS(DB_TEXT(p->met_on), DB_TEXT(nz(p->challenges)),
	                         DB_TEXT(nz(p->core_values)), DB_TEXT(nz(p->goals)),
	                         DB_TEXT(nz(p->commitments)), DB_TEXT(nz(p->success)),
	                         DB_INT(now_s()), DB_INT(p->id), DB_INT(p->partner_id),
	                         DB_INT(org_id), DB_INT(p->version))) != DB_OK)
		rc = SAVE_ERROR;
	else if (db_changes(db) == 0)
		rc = SAVE_CONFLICT;
	else if (audit_write(db, org_id, actor, "power.update", audit_text(&a, partner.name),
	                     p->met_on) != 0 ||
	         partner_touch(db, org_id, p->partner_id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result power_delete(struct db *db, long long org_id, long long actor,
                              long long partner_id, long long id, long long version)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct partner partner;
	struct partner_power old;
	enum save_result rc = SAVE_OK;
	int found = partner_get(db, &a, org_id, partner_id, &partner);
	if (found == 1)
		found = power_get(db, &a, org_id, partner_id, id, &old);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (old.version != version)
		rc = SAVE_CONFLICT; /* someone saved after this person looked */
	else if (db_exec(db,
	                 "DELETE FROM partner_power WHERE id = ? AND org_id = ? AND version = ?",
	                 DB_ARGS(DB_INT(id), DB_INT(org_id), DB_INT(version))) != DB_OK ||
	         audit_write(db, org_id, actor, "power.delete", audit_text(&a, partner.name),
	                     old.met_on) != 0 ||
	         partner_touch(db, org_id, partner_id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}
