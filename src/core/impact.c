/*
 * impact.c - the Persoonlijk Impact Plan, versioned (see impact.h).
 */
#include "impact.h"

#include <string.h>

#include "../util/clock.h"

static void empty_plan(struct impact_plan *out)
{
	memset(out, 0, sizeof(*out));
	for (int i = 0; i < IMPACT_N_TEXTS; i++)
		out->text[i] = "";
	out->due_on = "";
}

int impact_get(struct db *db, struct arena *a, long long org_id, long long person_id,
               long long version, struct impact_plan *out)
{
	struct db_stmt *st;
	empty_plan(out);
	if (db_query(db, &st,
	             "SELECT version, role_text, situations, people, groups_text, learn,"
	             " talk_with, due_on, saved_at FROM impact_plans"
	             " WHERE org_id = ?1 AND person_id = ?2 AND (version = ?3 OR ?3 = 0)"
	             " ORDER BY version DESC LIMIT 1",
	             DB_ARGS(DB_INT(org_id), DB_INT(person_id), DB_INT(version))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		out->version = db_col_int(st, 0);
		for (int i = 0; i < IMPACT_N_TEXTS; i++)
			out->text[i] = db_col_text(st, 1 + i, a);
		out->due_on = db_col_text(st, 7, a);
		out->saved_at = db_col_int(st, 8);
	}
	db_finish(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

enum save_result impact_save(struct db *db, long long org_id, long long person_id,
                             const struct impact_plan *p, long long base, long long *version_out)
{
	const char *t[IMPACT_N_TEXTS]; /* a text not given is empty */
	for (int i = 0; i < IMPACT_N_TEXTS; i++)
		t[i] = p->text[i] ? p->text[i] : "";
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	long long current = 0;
	if (db_query_int(db,
	                 "SELECT COALESCE(MAX(version), 0) FROM impact_plans"
	                 " WHERE org_id = ?1 AND person_id = ?2",
	                 DB_ARGS(DB_INT(org_id), DB_INT(person_id)), &current) != DB_ROW)
		return save_finish(db, SAVE_ERROR);
	if (current != base)
		return save_finish(db, SAVE_CONFLICT);
	int rc =
	    db_exec(db,
	            "INSERT INTO impact_plans (org_id, person_id, version, role_text,"
	            " situations, people, groups_text, learn, talk_with, due_on, saved_at)"
	            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	            DB_ARGS(DB_INT(org_id), DB_INT(person_id), DB_INT(base + 1),
	                    DB_TEXT(t[IMPACT_ROLE]), DB_TEXT(t[IMPACT_SITUATIONS]),
	                    DB_TEXT(t[IMPACT_PEOPLE]), DB_TEXT(t[IMPACT_GROUPS]),
	                    DB_TEXT(t[IMPACT_LEARN]), DB_TEXT(t[IMPACT_TALK_WITH]),
	                    DB_TEXT(p->due_on ? p->due_on : ""), DB_INT((long long)clock_now())));
	if (rc == DB_CONSTRAINT) /* the same version saved just now */
		return save_finish(db, SAVE_CONFLICT);
	/*
	 * no audit entry: the log is read by every beheerder, and the plan is
	 * invisible to them, its existence included
	 */
	if (rc != DB_OK)
		return save_finish(db, SAVE_ERROR);
	enum save_result res = save_finish(db, SAVE_OK);
	if (res == SAVE_OK && version_out)
		*version_out = base + 1;
	return res;
}

static int read_version(struct db_stmt *st, void *elem, struct arena *a)
{
	(void)a;
	struct impact_version *v = elem;
	v->version = db_col_int(st, 0);
	v->saved_at = db_col_int(st, 1);
	return 0;
}

int impact_history(struct db *db, struct arena *a, long long org_id, long long person_id,
                   size_t limit, struct impact_version **out, size_t *n_out)
{
	return db_rows(db, a,
	               "SELECT version, saved_at FROM impact_plans"
	               " WHERE org_id = ?1 AND person_id = ?2 ORDER BY version DESC LIMIT ?3",
	               DB_ARGS(DB_INT(org_id), DB_INT(person_id), DB_INT((long long)limit)),
	               sizeof(**out), read_version, out, n_out);
}
