/*
 * meetlat.c - meetlat rounds in the database (see meetlat.h).
 */
#include "meetlat.h"
#include "meetlat_summary.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static long long now_s(void)
{
	return (long long)time(NULL);
}

bool meetlat_token_plausible(const char *s)
{
	if (s == NULL || strlen(s) != 43)
		return false;
	for (const char *p = s; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_')
			return false;
	return true;
}

char *meetlat_new_token(struct arena *a)
{
	unsigned char rnd[32];
	size_t n = sodium_base64_ENCODED_LEN(sizeof(rnd), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *s = arena_alloc(a, n);
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2base64(s, n, rnd, sizeof(rnd), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return s;
}

#define ROUND_COLS                                                                                 \
	"r.id, r.title, r.status, r.instrument, i.version, r.token, r.opened_at,"                  \
	" COALESCE(r.closed_at, 0),"                                                               \
	" (SELECT COUNT(*) FROM meetlat_responses x WHERE x.round_id = r.id)"

static void round_row(struct db_stmt *st, struct arena *a, struct ml_round *o)
{
	o->id = db_col_int(st, 0);
	o->title = db_col_text(st, 1, a);
	o->open = strcmp(db_col_text(st, 2, a), "open") == 0;
	o->instrument = db_col_text(st, 3, a);
	o->instrument_version = db_col_text(st, 4, a);
	o->token = db_col_text(st, 5, a);
	o->opened_at = db_col_int(st, 6);
	o->closed_at = db_col_int(st, 7);
	o->n_responses = db_col_int(st, 8);
}

/* Runs a query of ROUND_COLS expected to give at most one row. 1, 0, -1. */
static int one_round(struct db *db, struct arena *a, struct db_sql sql,
                     const struct db_param *params, struct ml_round *out)
{
	struct db_stmt *st;
	if (db_query_stmt(db, &st, sql, params) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW)
		round_row(st, a, out);
	db_finish(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int meetlat_round_list(struct db *db, struct arena *a, long long org_id, struct ml_round **out,
                       size_t *n_out)
{
	struct db_stmt *st;
	size_t cap = 8, n = 0;
	struct ml_round *v = arena_alloc(a, cap * sizeof(*v));
	if (db_query(db, &st,
	             "SELECT " ROUND_COLS " FROM meetlat_rounds r"
	             " JOIN meetlat_instruments i ON i.hash = r.instrument"
	             " WHERE r.org_id = ? ORDER BY r.opened_at DESC, r.id DESC",
	             DB_ARGS(DB_INT(org_id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (n == cap) {
			struct ml_round *w = arena_alloc(a, 2 * cap * sizeof(*w));
			memcpy(w, v, n * sizeof(*v));
			v = w;
			cap *= 2;
		}
		round_row(st, a, &v[n++]);
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
}

int meetlat_round_get(struct db *db, struct arena *a, long long org_id, long long round_id,
                      struct ml_round *out)
{
	return one_round(db, a,
	                 DB_SQL("SELECT " ROUND_COLS " FROM meetlat_rounds r"
	                        " JOIN meetlat_instruments i ON i.hash = r.instrument"
	                        " WHERE r.org_id = ? AND r.id = ?"),
	                 DB_ARGS(DB_INT(org_id), DB_INT(round_id)), out);
}

int meetlat_round_by_token(struct db *db, struct arena *a, const char *token, struct ml_round *out,
                           struct org *org)
{
	if (!meetlat_token_plausible(token))
		return 0;
	long long org_id = 0;
	int rc = db_query_int(db, "SELECT org_id FROM meetlat_rounds WHERE token = ?",
	                      DB_ARGS(DB_TEXT(token)), &org_id);
	if (rc == DB_DONE)
		return 0;
	if (rc != DB_ROW)
		return -1;
	if (org_get(db, a, org_id, org) != 1)
		return -1;
	return one_round(db, a,
	                 DB_SQL("SELECT " ROUND_COLS " FROM meetlat_rounds r"
	                        " JOIN meetlat_instruments i ON i.hash = r.instrument"
	                        " WHERE r.org_id = ? AND r.token = ?"),
	                 DB_ARGS(DB_INT(org_id), DB_TEXT(token)), out);
}

int meetlat_round_previous(struct db *db, struct arena *a, long long org_id, long long round_id,
                           struct ml_round *out)
{
	return one_round(db, a,
	                 DB_SQL("SELECT " ROUND_COLS " FROM meetlat_rounds r"
	                        " JOIN meetlat_instruments i ON i.hash = r.instrument"
	                        " JOIN meetlat_rounds t ON t.id = ? AND t.org_id = r.org_id"
	                        " WHERE r.org_id = ? AND r.status = 'closed' AND r.id <> t.id"
	                        " AND (r.opened_at < t.opened_at"
	                        " OR (r.opened_at = t.opened_at AND r.id < t.id))"
	                        " ORDER BY r.opened_at DESC, r.id DESC LIMIT 1"),
	                 DB_ARGS(DB_INT(round_id), DB_INT(org_id)), out);
}

int meetlat_round_last_closed(struct db *db, struct arena *a, long long org_id,
                              struct ml_round *out)
{
	return one_round(db, a,
	                 DB_SQL("SELECT " ROUND_COLS " FROM meetlat_rounds r"
	                        " JOIN meetlat_instruments i ON i.hash = r.instrument"
	                        " WHERE r.org_id = ? AND r.status = 'closed'"
	                        " ORDER BY r.opened_at DESC, r.id DESC LIMIT 1"),
	                 DB_ARGS(DB_INT(org_id)), out);
}

int meetlat_round_current_open(struct db *db, struct arena *a, long long org_id,
                               struct ml_round *out)
{
	return one_round(db, a,
	                 DB_SQL("SELECT " ROUND_COLS " FROM meetlat_rounds r"
	                        " JOIN meetlat_instruments i ON i.hash = r.instrument"
	                        " WHERE r.org_id = ? AND r.status = 'open'"
	                        " ORDER BY r.opened_at DESC, r.id DESC LIMIT 1"),
	                 DB_ARGS(DB_INT(org_id)), out);
}

enum save_result meetlat_round_open(struct db *db, long long org_id, long long actor,
                                    const char *title, long long opened_at, long long *id_out)
{
	const struct meetlat_instrument *in = instrument_meetlat();
	const char *body = instrument_meetlat_json();
	if (in == NULL || body == NULL)
		return SAVE_ERROR;
	unsigned char h[16];
	char hex[33];
	crypto_generichash(h, sizeof(h), (const unsigned char *)body, strlen(body), NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	struct arena a;
	arena_init(&a);
	long long at = opened_at ? opened_at : now_s();
	long long id = 0;
	if (db_begin(db) != DB_OK) {
		arena_free(&a);
		return SAVE_ERROR;
	}
	enum save_result rc = SAVE_OK;
	if (db_exec(db,
	            "INSERT INTO meetlat_instruments (hash, version, body, created_at)"
	            " VALUES (?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING",
	            DB_ARGS(DB_TEXT(hex), DB_TEXT(in->version), DB_TEXT(body), DB_INT(at))) !=
	        DB_OK ||
	    db_query_int(db,
	                 "INSERT INTO meetlat_rounds (org_id, title, instrument, token, status,"
	                 " opened_at, opened_by) VALUES (?, ?, ?, ?, 'open', ?, ?) RETURNING id",
	                 DB_ARGS(DB_INT(org_id), DB_TEXT(title), DB_TEXT(hex),
	                         DB_TEXT(meetlat_new_token(&a)), DB_INT(at),
	                         actor ? DB_INT(actor) : DB_NULL),
	                 &id) != DB_ROW ||
	    audit_write(db, org_id, actor, "meetlat.open", title, in->version) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	rc = save_finish(db, rc);
	if (rc == SAVE_OK && id_out)
		*id_out = id;
	return rc;
}

enum save_result meetlat_round_close(struct db *db, long long org_id, long long actor,
                                     long long round_id, long long closed_at)
{
	struct arena a;
	arena_init(&a);
	if (db_begin(db) != DB_OK) {
		arena_free(&a);
		return SAVE_ERROR;
	}
	struct ml_round r;
	enum save_result rc = SAVE_OK;
	int found = meetlat_round_get(db, &a, org_id, round_id, &r);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (!r.open)
		rc = SAVE_REFUSED;
	else if (db_exec(db,
	                 "UPDATE meetlat_rounds SET status = 'closed', closed_at = ?, closed_by = ?"
	                 " WHERE id = ? AND org_id = ? AND status = 'open'",
	                 DB_ARGS(DB_INT(closed_at ? closed_at : now_s()),
	                         actor ? DB_INT(actor) : DB_NULL, DB_INT(round_id),
	                         DB_INT(org_id))) != DB_OK ||
	         audit_write(db, org_id, actor, "meetlat.close", r.title,
	                     arena_printf(&a, "%lld", r.n_responses)) != 0)
		rc = SAVE_ERROR;
	if (rc == SAVE_OK) {
		/* the results as they will be shown, stored with the closing itself */
		struct meetlat_instrument in;
		struct ml_scores s;
		if (meetlat_instrument_of(db, &a, &r, &in) != 0 ||
		    meetlat_round_compute(db, &a, org_id, &r, &in, &s) != 0 ||
		    meetlat_summary_write(db, round_id, &in, &s) != 0)
			rc = SAVE_ERROR;
	}
	arena_free(&a);
	return save_finish(db, rc);
}

int meetlat_instrument_of(struct db *db, struct arena *a, const struct ml_round *round,
                          struct meetlat_instrument *out)
{
	if (instrument_cache_get(round->instrument, out))
		return 0;
	struct db_stmt *st;
	const char *body = NULL;
	if (db_query(db, &st, "SELECT body FROM meetlat_instruments WHERE hash = ?",
	             DB_ARGS(DB_TEXT(round->instrument))) != DB_OK)
		return -1;
	if (db_step(st) == DB_ROW)
		body = db_col_text(st, 0, a);
	db_finish(st);
	if (body == NULL)
		return -1;
	char err[300];
	if (instrument_cache_parse(a, round->instrument, body, strlen(body),
	                           "stored meetlat instrument", out, err, sizeof(err)) != 0) {
		fprintf(stderr, "kring: round %lld: %s\n", round->id, err);
		return -1;
	}
	return 0;
}

static enum ml_submit submit_finish(struct db *db, enum ml_submit rc)
{
	if (rc == ML_SUBMIT_OK) {
		if (db_commit(db) == DB_OK)
			return ML_SUBMIT_OK;
		rc = ML_SUBMIT_ERROR;
	}
	db_rollback(db);
	return rc;
}

enum ml_submit meetlat_submit(struct db *db, long long org_id, long long round_id,
                              const struct meetlat_instrument *in, const struct ml_submission *s)
{
	/* check everything that does not need the database first */
	if (s->group == NULL || ml_find_group(in, s->group) < 0 || s->nonce == NULL ||
	    !meetlat_token_plausible(s->nonce))
		return ML_SUBMIT_INVALID;
	int answered = 0;
	for (size_t b = 0; b < in->n_bouwstenen; b++)
		for (size_t k = 0; k < in->bouwstenen[b].n_statements; k++) {
			int v = s->values[b][k];
			if (v == 0)
				continue;
			if (v < in->scale_min || v > in->scale_max)
				return ML_SUBMIT_INVALID;
			answered++;
		}
	if (answered == 0)
		return ML_SUBMIT_EMPTY;

	struct arena a;
	arena_init(&a);
	if (db_begin(db) != DB_OK) {
		arena_free(&a);
		return ML_SUBMIT_ERROR;
	}
	struct ml_round r;
	int found = meetlat_round_get(db, &a, org_id, round_id, &r);
	enum ml_submit rc = ML_SUBMIT_OK;
	long long resp = 0;
	if (found < 0) {
		rc = ML_SUBMIT_ERROR;
	} else if (found == 0) {
		rc = ML_SUBMIT_NOT_FOUND;
	} else if (!r.open) {
		rc = ML_SUBMIT_CLOSED;
	} else {
		int ins = db_query_int(
		    db,
		    "INSERT INTO meetlat_responses (round_id, org_id, person_id, role_group, nonce,"
		    " submitted_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
		    DB_ARGS(DB_INT(round_id), DB_INT(org_id),
		            s->person_id ? DB_INT(s->person_id) : DB_NULL, DB_TEXT(s->group),
		            DB_TEXT(s->nonce), DB_INT(s->at ? s->at : now_s())),
		    &resp);
		if (ins == DB_CONSTRAINT)
			rc = ML_SUBMIT_TWICE;
		else if (ins != DB_ROW)
			rc = ML_SUBMIT_ERROR;
	}
	for (size_t b = 0; rc == ML_SUBMIT_OK && b < in->n_bouwstenen; b++) {
		const struct ml_bouwsteen *bs = &in->bouwstenen[b];
		for (size_t k = 0; rc == ML_SUBMIT_OK && k < bs->n_statements; k++)
			if (s->values[b][k] != 0 &&
			    db_exec(
			        db,
			        "INSERT INTO meetlat_answers (response_id, bouwsteen, statement,"
			        " value) VALUES (?, ?, ?, ?)",
			        DB_ARGS(DB_INT(resp), DB_TEXT(bs->id),
			                DB_TEXT(bs->statements[k].id), DB_INT(s->values[b][k]))) !=
			        DB_OK)
				rc = ML_SUBMIT_ERROR;
		if (rc == ML_SUBMIT_OK && s->comments[b] && s->comments[b][0] &&
		    db_exec(db,
		            "INSERT INTO meetlat_comments (response_id, bouwsteen, body)"
		            " VALUES (?, ?, ?)",
		            DB_ARGS(DB_INT(resp), DB_TEXT(bs->id), DB_TEXT(s->comments[b]))) !=
		        DB_OK)
			rc = ML_SUBMIT_ERROR;
	}
	if (rc == ML_SUBMIT_OK && audit_write(db, org_id, s->person_id, "meetlat.answer", r.title,
	                                      s->person_id ? "" : "anoniem") != 0)
		rc = ML_SUBMIT_ERROR;
	arena_free(&a);
	return submit_finish(db, rc);
}

int meetlat_has_answered(struct db *db, long long org_id, long long round_id, long long person_id)
{
	long long n = 0;
	if (db_query_int(db,
	                 "SELECT COUNT(*) FROM meetlat_responses"
	                 " WHERE org_id = ? AND round_id = ? AND person_id = ?",
	                 DB_ARGS(DB_INT(org_id), DB_INT(round_id), DB_INT(person_id)),
	                 &n) != DB_ROW)
		return -1;
	return n > 0;
}

int meetlat_answers(struct db *db, struct arena *a, long long org_id, long long round_id,
                    const struct meetlat_instrument *in, struct ml_answer **out, size_t *n_out)
{
	long long total = 0;
	*out = NULL;
	*n_out = 0;
	if (db_query_int(db,
	                 "SELECT COUNT(*) FROM meetlat_answers x"
	                 " JOIN meetlat_responses p ON p.id = x.response_id"
	                 " WHERE p.org_id = ? AND p.round_id = ?",
	                 DB_ARGS(DB_INT(org_id), DB_INT(round_id)), &total) != DB_ROW)
		return -1;
	struct ml_answer *v = arena_alloc(a, ((size_t)total + 1) * sizeof(*v));
	size_t n = 0;
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT p.id, p.role_group, x.bouwsteen, x.statement, x.value"
	             " FROM meetlat_answers x JOIN meetlat_responses p ON p.id = x.response_id"
	             " WHERE p.org_id = ? AND p.round_id = ? ORDER BY p.id",
	             DB_ARGS(DB_INT(org_id), DB_INT(round_id))) != DB_OK)
		return -1;
	int rc;
	struct arena tmp;
	arena_init(&tmp);
	while ((rc = db_step(st)) == DB_ROW && n < (size_t)total) {
		const char *bid = db_col_text(st, 2, &tmp);
		int b = -1;
		for (size_t i = 0; i < in->n_bouwstenen; i++)
			if (strcmp(in->bouwstenen[i].id, bid) == 0)
				b = (int)i;
		if (b < 0 || ml_find_statement(in, (size_t)b, db_col_text(st, 3, &tmp)) < 0)
			continue;
		v[n].respondent = db_col_int(st, 0);
		v[n].group = ml_find_group(in, db_col_text(st, 1, &tmp));
		v[n].bouwsteen = b;
		v[n].value = (int)db_col_int(st, 4);
		n++;
	}
	db_finish(st);
	arena_free(&tmp);
	*out = v;
	*n_out = n;
	return rc == DB_DONE || rc == DB_ROW ? 0 : -1;
}

int meetlat_round_compute(struct db *db, struct arena *a, long long org_id,
                          const struct ml_round *round, const struct meetlat_instrument *in,
                          struct ml_scores *out)
{
	struct ml_answer *ans;
	size_t n;
	if (meetlat_answers(db, a, org_id, round->id, in, &ans, &n) != 0)
		return -1;
	if (ml_score(in, ans, n, out) < 0)
		return -1;
	ml_hide_small_groups(in, out);
	return 0;
}

int meetlat_round_scores(struct db *db, struct arena *a, long long org_id,
                         const struct ml_round *round, struct meetlat_instrument *in,
                         struct ml_scores *out)
{
	if (meetlat_instrument_of(db, a, round, in) != 0)
		return -1;
	if (round->open)
		return meetlat_round_compute(db, a, org_id, round, in, out);
	int stored = meetlat_summary_read(db, round->id, in, out);
	if (stored != 0)
		return stored > 0 ? 0 : -1;
	/* closed before summaries were stored: compute once and keep it */
	if (meetlat_round_compute(db, a, org_id, round, in, out) != 0)
		return -1;
	if (db_begin(db) == DB_OK) {
		if (meetlat_summary_write(db, round->id, in, out) == 0)
			db_commit(db);
		else
			db_rollback(db);
	}
	return 0;
}

int meetlat_comments(struct db *db, struct arena *a, long long org_id, long long round_id,
                     struct ml_comment **out, size_t *n_out)
{
	long long total = 0;
	if (db_query_int(db,
	                 "SELECT COUNT(*) FROM meetlat_comments c"
	                 " JOIN meetlat_responses p ON p.id = c.response_id"
	                 " WHERE p.org_id = ? AND p.round_id = ?",
	                 DB_ARGS(DB_INT(org_id), DB_INT(round_id)), &total) != DB_ROW)
		return -1;
	struct ml_comment *v = arena_alloc(a, ((size_t)total + 1) * sizeof(*v));
	size_t n = 0;
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT c.bouwsteen, p.role_group, c.body FROM meetlat_comments c"
	             " JOIN meetlat_responses p ON p.id = c.response_id"
	             " WHERE p.org_id = ? AND p.round_id = ? ORDER BY c.bouwsteen, p.id",
	             DB_ARGS(DB_INT(org_id), DB_INT(round_id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW && n < (size_t)total) {
		v[n].bouwsteen = db_col_text(st, 0, a);
		v[n].group = db_col_text(st, 1, a);
		v[n].body = db_col_text(st, 2, a);
		n++;
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE || rc == DB_ROW ? 0 : -1;
}
