/*
 * workshop_after.c - after a workshop (see workshop.h): which of the staff
 * were there, how many others, and a short evaluation.
 */
#include <string.h>

#include "../util/clock.h"
#include "partner_util.h"
#include "workshop.h"

/* One row of the staff query. */
static int read_staff(struct db_stmt *st, void *elem, struct arena *a)
{
	struct workshop_staff *v = elem;
	v->person_id = db_col_int(st, 0);
	v->name = db_col_text(st, 1, a);
	v->present = db_col_int(st, 2) != 0;
	return 0;
}

int workshop_staff(struct db *db, struct arena *a, long long org_id, long long workshop_id,
                   struct workshop_staff **out, size_t *n_out)
{
	return db_rows(db, a,
	               /* the organisation's staff and whoever was ticked, looked up by
	                  id: not every person of the instance */
	               "SELECT p.id, p.name, CASE WHEN t.person_id IS NULL THEN 0 ELSE 1 END,"
	               " CASE WHEN m.person_id IS NULL THEN 1 ELSE 0 END AS gone"
	               " FROM persons p"
	               " LEFT JOIN memberships m ON m.person_id = p.id AND m.org_id = ?1"
	               " AND m.role IN ('beheerder', 'medewerker')"
	               " LEFT JOIN workshop_attendance t ON t.person_id = p.id"
	               " AND t.workshop_id = ?2 AND t.org_id = ?1"
	               " WHERE p.id IN (SELECT s.person_id FROM memberships s WHERE s.org_id = ?1"
	               " AND s.role IN ('beheerder', 'medewerker') UNION SELECT a.person_id"
	               " FROM workshop_attendance a WHERE a.workshop_id = ?2 AND a.org_id = ?1)"
	               " AND (m.person_id IS NOT NULL OR t.person_id IS NOT NULL)"
	               " ORDER BY gone, LOWER(p.name), p.id",
	               DB_ARGS(DB_INT(org_id), DB_INT(workshop_id)), sizeof(**out), read_staff, out,
	               n_out);
}

/* 1 when person may be ticked for the workshop (staff, or ticked before), 0, -1. */
static int may_attend(struct db *db, long long org_id, long long workshop_id, long long person)
{
	long long n = 0;
	if (db_query_int(
	        db,
	        "SELECT COUNT(*) FROM persons p WHERE p.id = ? AND (EXISTS (SELECT 1"
	        " FROM memberships m WHERE m.person_id = p.id AND m.org_id = ?"
	        " AND m.role IN ('beheerder', 'medewerker')) OR EXISTS (SELECT 1"
	        " FROM workshop_attendance t WHERE t.person_id = p.id"
	        " AND t.workshop_id = ? AND t.org_id = ?))",
	        DB_ARGS(DB_INT(person), DB_INT(org_id), DB_INT(workshop_id), DB_INT(org_id)),
	        &n) != DB_ROW)
		return -1;
	return n > 0;
}

enum save_result workshop_evaluate(struct db *db, long long org_id, long long actor,
                                   const struct workshop *ev, const long long *present,
                                   size_t n_present)
{
	if (ev->others < 0 || ev->others > WS_MAX_OTHERS || ev->score < 0 || ev->score > 5)
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct workshop old;
	enum save_result rc = SAVE_OK;
	int found = workshop_get(db, &a, org_id, ev->id, &old);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (old.version != ev->version)
		rc = SAVE_CONFLICT;
	for (size_t i = 0; rc == SAVE_OK && i < n_present; i++) {
		int ok = may_attend(db, org_id, ev->id, present[i]);
		rc = ok < 0 ? SAVE_ERROR : ok ? SAVE_OK : SAVE_NOT_FOUND;
	}
	if (rc == SAVE_OK &&
	    db_exec(db, "DELETE FROM workshop_attendance WHERE workshop_id = ? AND org_id = ?",
	            DB_ARGS(DB_INT(ev->id), DB_INT(org_id))) != DB_OK)
		rc = SAVE_ERROR;
	for (size_t i = 0; rc == SAVE_OK && i < n_present; i++) {
		bool twice = false;
		for (size_t k = 0; k < i; k++)
			twice |= present[k] == present[i];
		if (!twice &&
		    db_exec(db,
		            "INSERT INTO workshop_attendance (org_id, workshop_id, person_id)"
		            " VALUES (?, ?, ?)",
		            DB_ARGS(DB_INT(org_id), DB_INT(ev->id), DB_INT(present[i]))) != DB_OK)
			rc = SAVE_ERROR;
	}
	if (rc == SAVE_OK) {
		if (db_exec(
		        db,
		        "UPDATE workshops SET others = ?, went_well = ?, to_change = ?, score = ?,"
		        " evaluated_at = ?, version = version + 1"
		        " WHERE id = ? AND org_id = ? AND version = ?",
		        DB_ARGS(DB_INT(ev->others), DB_TEXT(nz(ev->went_well)),
		                DB_TEXT(nz(ev->to_change)), DB_INT(ev->score),
		                DB_INT((long long)clock_now()), DB_INT(ev->id), DB_INT(org_id),
		                DB_INT(ev->version))) != DB_OK)
			rc = SAVE_ERROR;
		else if (db_changes(db) == 0)
			rc = SAVE_CONFLICT;
		else if (audit_write(db, org_id, actor, "workshop.evaluate",
		                     audit_text(&a, old.title),
		                     arena_printf(&a, "%zu + %lld", n_present, ev->others)) != 0)
			rc = SAVE_ERROR;
	}
	arena_free(&a);
	return save_finish(db, rc);
}
