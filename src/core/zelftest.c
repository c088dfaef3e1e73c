/*
 * zelftest.c - zelftest moments and their share in the database (see
 * zelftest.h). Nothing here reads another person's moments: every query
 * names the organisation and the owner.
 */
#include "zelftest.h"

#include <stdio.h>
#include <string.h>

#include "../util/clock.h"

enum save_result zelftest_save(struct db *db, long long org_id, long long person_id,
                               const struct zelftest_instrument *in, const int *values,
                               const char *taken_on, long long *id_out)
{
	for (size_t i = 0; i < in->n_items; i++)
		if (values[i] < in->scale_min || values[i] > in->scale_max)
			return SAVE_REFUSED;
	char today[16];
	clock_today(today);
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	long long id = 0;
	enum save_result rc = SAVE_OK;
	if (db_query_int(db,
	                 "INSERT INTO zelftest_moments (org_id, person_id, taken_on,"
	                 " instrument_version, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
	                 DB_ARGS(DB_INT(org_id), DB_INT(person_id),
	                         DB_TEXT(taken_on ? taken_on : today), DB_TEXT(in->version),
	                         DB_INT((long long)clock_now())),
	                 &id) != DB_ROW)
		rc = SAVE_ERROR;
	size_t k = 0;
	for (size_t s = 0; rc == SAVE_OK && s < in->n_sections; s++)
		for (size_t i = 0; rc == SAVE_OK && i < in->sections[s].n_items; i++, k++)
			if (db_exec(db,
			            "INSERT INTO zelftest_scores (moment_id, item, value)"
			            " VALUES (?, ?, ?)",
			            DB_ARGS(DB_INT(id), DB_TEXT(in->sections[s].items[i].id),
			                    DB_INT(values[k]))) != DB_OK)
				rc = SAVE_ERROR;
	/* no audit entry: the log is read by beheerders, and taking it is private */
	rc = save_finish(db, rc);
	if (rc == SAVE_OK && id_out)
		*id_out = id;
	return rc;
}

/* The index of item id among all items of in, or -1. */
static int item_index(const struct zelftest_instrument *in, const char *id)
{
	int k = 0;
	for (size_t s = 0; s < in->n_sections; s++)
		for (size_t i = 0; i < in->sections[s].n_items; i++, k++)
			if (strcmp(in->sections[s].items[i].id, id) == 0)
				return k;
	return -1;
}

static int moment_row(struct db_stmt *st, void *elem, struct arena *a)
{
	struct zt_moment *m = elem;
	m->id = db_col_int(st, 0);
	m->taken_on = db_col_text(st, 1, a);
	m->version = db_col_text(st, 2, a);
	return 0;
}

int zelftest_moments(struct db *db, struct arena *a, long long org_id, long long person_id,
                     const struct zelftest_instrument *in, struct zt_moment **out, size_t *n_out)
{
	struct zt_moment *ms;
	size_t n;
	if (db_rows(db, a,
	            "SELECT id, taken_on, instrument_version FROM zelftest_moments"
	            " WHERE org_id = ? AND person_id = ? ORDER BY taken_on, id",
	            DB_ARGS(DB_INT(org_id), DB_INT(person_id)), sizeof(*ms), moment_row, &ms,
	            &n) != 0)
		return -1;
	struct db_stmt *st;
	if (n > 0) {
		if (db_query(db, &st,
		             "SELECT s.moment_id, s.item, s.value FROM zelftest_scores s"
		             " JOIN zelftest_moments m ON m.id = s.moment_id"
		             " WHERE m.org_id = ? AND m.person_id = ?",
		             DB_ARGS(DB_INT(org_id), DB_INT(person_id))) != DB_OK)
			return -1;
		int rc;
		while ((rc = db_step(st)) == DB_ROW) {
			long long mid = db_col_int(st, 0);
			int k = item_index(in, db_col_text(st, 1, a));
			for (size_t j = 0; k >= 0 && j < n; j++)
				if (ms[j].id == mid)
					ms[j].scores[k] = (int)db_col_int(st, 2);
		}
		db_finish(st);
		if (rc != DB_DONE)
			return -1;
	}
	*out = ms;
	*n_out = n;
	return 0;
}

int zelftest_share_of(struct db *db, long long org_id, long long person_id, long long *manager_id)
{
	int rc = db_query_int(db,
	                      "SELECT manager_id FROM zelftest_shares WHERE org_id = ? AND"
	                      " person_id = ?",
	                      DB_ARGS(DB_INT(org_id), DB_INT(person_id)), manager_id);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int zelftest_shared_with(struct db *db, long long org_id, long long person_id, long long viewer)
{
	long long n = 0;
	/* the share counts only while the viewer is still a beheerder there */
	if (db_query_int(db,
	                 "SELECT COUNT(*) FROM zelftest_shares s JOIN memberships m"
	                 " ON m.org_id = s.org_id AND m.person_id = s.manager_id"
	                 " WHERE s.org_id = ? AND s.person_id = ? AND s.manager_id = ?"
	                 " AND m.role = 'beheerder'",
	                 DB_ARGS(DB_INT(org_id), DB_INT(person_id), DB_INT(viewer)), &n) != DB_ROW)
		return -1;
	return n > 0;
}

enum save_result zelftest_share(struct db *db, long long org_id, long long person_id,
                                long long manager_id)
{
	if (manager_id == person_id)
		return SAVE_NOT_FOUND;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	enum save_result rc = SAVE_OK;
	long long n = 0;
	if (manager_id != 0 &&
	    db_query_int(db,
	                 "SELECT COUNT(*) FROM memberships WHERE org_id = ? AND person_id = ?"
	                 " AND role = 'beheerder'",
	                 DB_ARGS(DB_INT(org_id), DB_INT(manager_id)), &n) != DB_ROW)
		rc = SAVE_ERROR;
	else if (manager_id != 0 && n == 0)
		rc = SAVE_NOT_FOUND;
	if (rc == SAVE_OK &&
	    db_exec(db, "DELETE FROM zelftest_shares WHERE org_id = ? AND person_id = ?",
	            DB_ARGS(DB_INT(org_id), DB_INT(person_id))) != DB_OK)
		rc = SAVE_ERROR;
	if (rc == SAVE_OK && manager_id != 0 &&
	    db_exec(db,
	            "INSERT INTO zelftest_shares (org_id, person_id, manager_id, shared_at)"
	            " VALUES (?, ?, ?, ?)",
	            DB_ARGS(DB_INT(org_id), DB_INT(person_id), DB_INT(manager_id),
	                    DB_INT((long long)clock_now()))) != DB_OK)
		rc = SAVE_ERROR;
	if (rc == SAVE_OK &&
	    audit_write(db, org_id, person_id, manager_id ? "zelftest.share" : "zelftest.unshare",
	                "", "") != 0)
		rc = SAVE_ERROR;
	return save_finish(db, rc);
}
