/*
 * pulse.c - pulse rounds and their anonymous answers in the database (see
 * pulse.h). The minimum group size is enforced here, in pulse_result(),
 * so that no page can show what it was never given.
 */
#include "pulse.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../util/clock.h"
#include "meetlat.h"

#define ROUND_COLS                                                                                 \
	"r.id, r.community_id, c.name, r.token, r.opened_on, r.closed_on, r.instrument_version,"   \
	" (SELECT COUNT(*) FROM pulse_responses x WHERE x.round_id = r.id)"

static int round_row(struct db_stmt *st, void *elem, struct arena *a)
{
	struct pulse_round *o = elem;
	o->id = db_col_int(st, 0);
	o->community_id = db_col_int(st, 1);
	o->community_name = db_col_text(st, 2, a);
	o->token = db_col_text(st, 3, a);
	o->opened_on = db_col_text(st, 4, a);
	o->closed_on = db_col_text(st, 5, a);
	o->version = db_col_text(st, 6, a);
	o->open = o->closed_on[0] == '\0';
	o->n_answers = db_col_int(st, 7);
	return 0;
}

int pulse_round_list(struct db *db, struct arena *a, long long org_id, long long community_id,
                     struct pulse_round **out, size_t *n_out)
{
	return db_rows(db, a,
	               "SELECT " ROUND_COLS " FROM pulse_rounds r JOIN communities c"
	               " ON c.id = r.community_id AND c.org_id = r.org_id"
	               " WHERE r.org_id = ? AND r.community_id = ?"
	               " ORDER BY r.opened_on DESC, r.id DESC",
	               DB_ARGS(DB_INT(org_id), DB_INT(community_id)), sizeof(**out), round_row, out,
	               n_out);
}

/* The one row of a db_rows() result: 1, 0 or -1. */
static int one(int rc, struct pulse_round *rows, size_t n, struct pulse_round *out)
{
	if (rc != 0)
		return -1;
	if (n == 0)
		return 0;
	*out = rows[0];
	return 1;
}

int pulse_round_get(struct db *db, struct arena *a, long long org_id, long long community_id,
                    long long round_id, struct pulse_round *out)
{
	struct pulse_round *rows;
	size_t n;
	int rc = db_rows(db, a,
	                 "SELECT " ROUND_COLS " FROM pulse_rounds r JOIN communities c"
	                 " ON c.id = r.community_id AND c.org_id = r.org_id"
	                 " WHERE r.org_id = ? AND r.community_id = ? AND r.id = ?",
	                 DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_INT(round_id)),
	                 sizeof(*rows), round_row, &rows, &n);
	return one(rc, rows, n, out);
}

int pulse_round_by_token(struct db *db, struct arena *a, const char *token, struct pulse_round *out,
                         struct org *org)
{
	if (!meetlat_token_plausible(token))
		return 0;
	struct pulse_round *rows;
	size_t n;
	int rc = db_rows(db, a,
	                 "SELECT " ROUND_COLS " FROM pulse_rounds r JOIN communities c"
	                 " ON c.id = r.community_id AND c.org_id = r.org_id WHERE r.token = ?",
	                 DB_ARGS(DB_TEXT(token)), sizeof(*rows), round_row, &rows, &n);
	int found = one(rc, rows, n, out);
	if (found != 1 || org == NULL)
		return found;
	long long org_id = 0;
	if (db_query_int(db, "SELECT org_id FROM pulse_rounds WHERE id = ?",
	                 DB_ARGS(DB_INT(out->id)), &org_id) != DB_ROW ||
	    org_get(db, a, org_id, org) != 1)
		return -1;
	return 1;
}

enum save_result pulse_round_open(struct db *db, long long org_id, long long community_id,
                                  long long actor, const char *opened_on, long long *id_out)
{
	const struct pulse_instrument *in = instrument_pulse();
	if (in == NULL)
		return SAVE_ERROR;
	char today[16];
	clock_today(today);
	struct arena a;
	arena_init(&a);
	if (db_begin(db) != DB_OK) {
		arena_free(&a);
		return SAVE_ERROR;
	}
	enum save_result rc = SAVE_OK;
	long long n = 0, id = 0;
	if (db_query_int(db, "SELECT COUNT(*) FROM communities WHERE id = ? AND org_id = ?",
	                 DB_ARGS(DB_INT(community_id), DB_INT(org_id)), &n) != DB_ROW)
		rc = SAVE_ERROR;
	else if (n == 0)
		rc = SAVE_NOT_FOUND;
	else if (db_query_int(
	             db,
	             "INSERT INTO pulse_rounds (org_id, community_id, token, opened_on,"
	             " instrument_version, opened_by, created_at)"
	             " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
	             DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_TEXT(meetlat_new_token(&a)),
	                     DB_TEXT(opened_on ? opened_on : today), DB_TEXT(in->version),
	                     actor ? DB_INT(actor) : DB_NULL, DB_INT((long long)clock_now())),
	             &id) != DB_ROW ||
	         audit_write(db, org_id, actor, "pulse.open", "", "") != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	rc = save_finish(db, rc);
	if (rc == SAVE_OK && id_out)
		*id_out = id;
	return rc;
}

enum save_result pulse_round_close(struct db *db, long long org_id, long long community_id,
                                   long long round_id, long long actor, const char *closed_on)
{
	char today[16];
	clock_today(today);
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	enum save_result rc = SAVE_OK;
	if (db_exec(db,
	            "UPDATE pulse_rounds SET closed_on = ? WHERE id = ? AND org_id = ?"
	            " AND community_id = ? AND closed_on = ''",
	            DB_ARGS(DB_TEXT(closed_on ? closed_on : today), DB_INT(round_id),
	                    DB_INT(org_id), DB_INT(community_id))) != DB_OK)
		rc = SAVE_ERROR;
	else if (db_changes(db) == 0)
		rc = SAVE_NOT_FOUND;
	else if (audit_write(db, org_id, actor, "pulse.close", "", "") != 0)
		rc = SAVE_ERROR;
	return save_finish(db, rc);
}

enum pulse_submit pulse_submit(struct db *db, long long round_id, const struct pulse_instrument *in,
                               const int *values, const char *open_answer, const char *nonce)
{
	size_t k = 0, answered = 0;
	for (size_t g = 0; g < in->n_ingredients; g++)
		for (size_t i = 0; i < in->ingredients[g].n_statements; i++, k++) {
			if (values[k] != 0 &&
			    (values[k] < in->scale_min || values[k] > in->scale_max))
				return PULSE_INVALID;
			answered += values[k] != 0;
		}
	if (answered == 0 || !meetlat_token_plausible(nonce) ||
	    (open_answer && strlen(open_answer) > PULSE_OPEN_MAX * 4))
		return PULSE_INVALID;
	if (db_begin(db) != DB_OK)
		return PULSE_ERROR;
	enum pulse_submit rc = PULSE_OK;
	long long open = 0, seen = 0, id = 0;
	if (db_query_int(db, "SELECT COUNT(*) FROM pulse_rounds WHERE id = ? AND closed_on = ''",
	                 DB_ARGS(DB_INT(round_id)), &open) != DB_ROW ||
	    db_query_int(db,
	                 "SELECT COUNT(*) FROM pulse_responses WHERE round_id = ? AND nonce = ?",
	                 DB_ARGS(DB_INT(round_id), DB_TEXT(nonce)), &seen) != DB_ROW)
		rc = PULSE_ERROR;
	else if (open == 0)
		rc = PULSE_CLOSED;
	else if (seen > 0)
		rc = PULSE_TWICE;
	else if (db_query_int(
	             db,
	             "INSERT INTO pulse_responses (round_id, org_id, nonce, open_answer)"
	             " SELECT id, org_id, ?, ? FROM pulse_rounds WHERE id = ? RETURNING id",
	             DB_ARGS(DB_TEXT(nonce), DB_TEXT(open_answer ? open_answer : ""),
	                     DB_INT(round_id)),
	             &id) != DB_ROW)
		rc = PULSE_ERROR;
	k = 0;
	for (size_t g = 0; rc == PULSE_OK && g < in->n_ingredients; g++)
		for (size_t i = 0; rc == PULSE_OK && i < in->ingredients[g].n_statements; i++, k++)
			if (values[k] != 0 &&
			    db_exec(db,
			            "INSERT INTO pulse_scores (response_id, item, value) VALUES "
			            "(?, ?, ?)",
			            DB_ARGS(DB_INT(id),
			                    DB_TEXT(in->ingredients[g].statements[i].id),
			                    DB_INT(values[k]))) != DB_OK)
				rc = PULSE_ERROR;
	if (rc == PULSE_OK)
		return db_commit(db) == DB_OK ? PULSE_OK : PULSE_ERROR;
	db_rollback(db);
	return rc;
}

/* The ingredient a statement id belongs to, or -1. */
static int ingredient_of(const struct pulse_instrument *in, const char *item)
{
	for (size_t g = 0; g < in->n_ingredients; g++)
		for (size_t i = 0; i < in->ingredients[g].n_statements; i++)
			if (strcmp(in->ingredients[g].statements[i].id, item) == 0)
				return (int)g;
	return -1;
}

static int text_row(struct db_stmt *st, void *elem, struct arena *a)
{
	*(const char **)elem = db_col_text(st, 0, a);
	return 0;
}

int pulse_result(struct db *db, struct arena *a, long long org_id, long long round_id,
                 const struct pulse_instrument *in, struct pulse_result *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t g = 0; g < PU_MAX_INGREDIENTS; g++)
		out->mean[g] = NAN;
	if (db_query_int(db,
	                 "SELECT COUNT(*) FROM pulse_responses x JOIN pulse_rounds r"
	                 " ON r.id = x.round_id WHERE r.id = ? AND r.org_id = ?",
	                 DB_ARGS(DB_INT(round_id), DB_INT(org_id)), &out->n_answers) != DB_ROW)
		return -1;
	if (out->n_answers < in->min_answers)
		return 0; /* the count alone: nothing else leaves this function */
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT s.item, SUM(s.value), COUNT(*) FROM pulse_scores s"
	             " JOIN pulse_responses x ON x.id = s.response_id"
	             " JOIN pulse_rounds r ON r.id = x.round_id"
	             " WHERE r.id = ? AND r.org_id = ? GROUP BY s.item",
	             DB_ARGS(DB_INT(round_id), DB_INT(org_id))) != DB_OK)
		return -1;
	double sum[PU_MAX_INGREDIENTS] = {0};
	long long cnt[PU_MAX_INGREDIENTS] = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		int g = ingredient_of(in, db_col_text(st, 0, a));
		if (g < 0)
			continue; /* a statement the current file no longer has */
		sum[g] += (double)db_col_int(st, 1);
		cnt[g] += db_col_int(st, 2);
	}
	db_finish(st);
	if (rc != DB_DONE)
		return -1;
	for (size_t g = 0; g < in->n_ingredients; g++)
		if (cnt[g] > 0)
			out->mean[g] = sum[g] / (double)cnt[g];
	if (db_rows(db, a,
	            "SELECT x.open_answer FROM pulse_responses x JOIN pulse_rounds r"
	            " ON r.id = x.round_id WHERE r.id = ? AND r.org_id = ?"
	            " AND x.open_answer <> '' ORDER BY x.open_answer",
	            DB_ARGS(DB_INT(round_id), DB_INT(org_id)), sizeof(const char *), text_row,
	            &out->open_answers, &out->n_open) != 0)
		return -1;
	out->shown = true;
	return 0;
}
