/*
 * readiness.c - step 1 answers (see readiness.h).
 */
#include "readiness.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

bool readiness_ready(const struct readiness_instrument *in, int n_yes)
{
	return n_yes >= in->enough_yes;
}

enum save_result readiness_save(struct db *db, long long org_id, long long actor,
                                const struct readiness_instrument *in, const bool *yes,
                                const char *note, long long at)
{
	long long id = 0;
	int n_yes = 0;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	enum save_result rc = SAVE_OK;
	if (db_query_int(db,
	                 "INSERT INTO readiness_checks (org_id, person_id, instrument_version,"
	                 " note, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
	                 DB_ARGS(DB_INT(org_id), actor ? DB_INT(actor) : DB_NULL,
	                         DB_TEXT(in->version), DB_TEXT(note ? note : ""),
	                         DB_INT(at ? at : (long long)time(NULL))),
	                 &id) != DB_ROW)
		rc = SAVE_ERROR;
	for (size_t i = 0; rc == SAVE_OK && i < in->n_questions; i++) {
		n_yes += yes[i];
		if (db_exec(
		        db,
		        "INSERT INTO readiness_answers (check_id, question, position, text, yes)"
		        " VALUES (?, ?, ?, ?, ?)",
		        DB_ARGS(DB_INT(id), DB_TEXT(in->questions[i].id), DB_INT((long long)i),
		                DB_TEXT(in->questions[i].text), DB_INT(yes[i] ? 1 : 0))) != DB_OK)
			rc = SAVE_ERROR;
	}
	char detail[64];
	snprintf(detail, sizeof(detail), "%d/%zu", n_yes, in->n_questions);
	if (rc == SAVE_OK &&
	    audit_write(db, org_id, actor, "readiness.save", in->title, detail) != 0)
		rc = SAVE_ERROR;
	if (rc == SAVE_OK && db_commit(db) == DB_OK)
		return SAVE_OK;
	db_rollback(db);
	return SAVE_ERROR;
}

int readiness_list(struct db *db, struct arena *a, long long org_id, size_t limit,
                   struct rd_check **out, size_t *n_out)
{
	struct db_stmt *st;
	struct rd_check *v = arena_alloc(a, (limit + 1) * sizeof(*v));
	size_t n = 0;
	if (db_query(
	        db, &st,
	        "SELECT c.id, c.created_at, COALESCE(p.name, ''), c.note, c.instrument_version,"
	        " COALESCE(p.id, 0)"
	        " FROM readiness_checks c LEFT JOIN persons p ON p.id = c.person_id"
	        " WHERE c.org_id = ? ORDER BY c.created_at DESC, c.id DESC LIMIT ?",
	        DB_ARGS(DB_INT(org_id), DB_INT((long long)limit))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW && n < limit) {
		v[n].id = db_col_int(st, 0);
		v[n].at = db_col_int(st, 1);
		v[n].who = db_col_text(st, 2, a);
		v[n].note = db_col_text(st, 3, a);
		v[n].instrument_version = db_col_text(st, 4, a);
		v[n].person_id = db_col_int(st, 5);
		n++;
	}
	db_finish(st);
	if (rc != DB_DONE && rc != DB_ROW)
		return -1;
	for (size_t i = 0; i < n; i++) {
		v[i].questions = arena_alloc(a, RD_MAX_QUESTIONS * sizeof(char *));
		v[i].texts = arena_alloc(a, RD_MAX_QUESTIONS * sizeof(char *));
		v[i].yes = arena_alloc(a, RD_MAX_QUESTIONS * sizeof(bool));
		if (db_query(db, &st,
		             "SELECT a.question, a.text, a.yes FROM readiness_answers a"
		             " JOIN readiness_checks c ON c.id = a.check_id"
		             " WHERE c.org_id = ? AND a.check_id = ? ORDER BY a.position",
		             DB_ARGS(DB_INT(org_id), DB_INT(v[i].id))) != DB_OK)
			return -1;
		while ((rc = db_step(st)) == DB_ROW && v[i].n_answers < RD_MAX_QUESTIONS) {
			size_t k = v[i].n_answers++;
			v[i].questions[k] = db_col_text(st, 0, a);
			v[i].texts[k] = db_col_text(st, 1, a);
			v[i].yes[k] = db_col_int(st, 2) != 0;
			v[i].n_yes += v[i].yes[k];
		}
		db_finish(st);
		if (rc != DB_DONE && rc != DB_ROW)
			return -1;
	}
	*out = v;
	*n_out = n;
	return 0;
}
