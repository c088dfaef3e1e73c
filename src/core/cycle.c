/*
 * cycle.c - Lankes's knowledge cycle and its four conditions per community
 * (see cycle.h).
 */
#include "cycle.h"

#include <string.h>

#include "../util/clock.h"
#include "partner_util.h"
#include "signal.h"
#include "vocab.h"

const char *const cycle_stages[] = {"activity", "knowledge", "ownership", "impact", NULL};
const char *const cycle_conditions[] = {"access", "knowledge", "environment", "motivation", NULL};
const char *const cycle_ratings[] = {"weak", "fair", "strong", NULL};

/* The name of a writer and whether they are an ambassadeur: columns of a LEFT JOIN. */
#define WHO_COLS " COALESCE(w.name, ''), CASE WHEN wm.role = 'ambassadeur' THEN 1 ELSE 0 END"
#define WHO_JOIN(col)                                                                              \
	" LEFT JOIN persons w ON w.id = " col " LEFT JOIN memberships wm ON wm.person_id = " col   \
	" AND wm.org_id = ?1"

static void read_move(struct db_stmt *st, struct arena *a, struct cycle_move *m)
{
	m->id = db_col_int(st, 0);
	m->stage = db_col_text(st, 1, a);
	m->round = db_col_int(st, 2);
	m->since_on = db_col_text(st, 3, a);
	m->note = db_col_text(st, 4, a);
	m->who = db_col_text(st, 5, a);
	m->who_is_amb = db_col_int(st, 6) != 0;
	m->at = db_col_int(st, 7);
}

int cycle_history(struct db *db, struct arena *a, long long org_id, long long community_id,
                  struct cycle_move **out, size_t *n_out)
{
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT s.id, s.stage, s.round, s.since_on, s.note," WHO_COLS ", s.created_at"
	             " FROM cycle_stages s" WHO_JOIN(
	                 "s.person_id") " WHERE s.org_id = ?1"
	                                " AND s.community_id = ?2"
	                                " ORDER BY s.since_on DESC, s.id DESC",
	             DB_ARGS(DB_INT(org_id), DB_INT(community_id))) != DB_OK)
		return -1;
	size_t n = 0, cap = 0;
	struct cycle_move *v = NULL;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, n, &cap, sizeof(*v));
		read_move(st, a, &v[n++]);
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
}

int cycle_current(struct db *db, struct arena *a, long long org_id, long long community_id,
                  struct cycle_move *out)
{
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT s.id, s.stage, s.round, s.since_on, s.note," WHO_COLS ", s.created_at"
	             " FROM cycle_stages s" WHO_JOIN(
	                 "s.person_id") " WHERE s.org_id = ?1"
	                                " AND s.community_id = ?2"
	                                " ORDER BY s.since_on DESC, s.id DESC"
	                                " LIMIT 1",
	             DB_ARGS(DB_INT(org_id), DB_INT(community_id))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW)
		read_move(st, a, out);
	db_finish(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* A date that exists and is not after today. */
static bool date_not_future(const char *d)
{
	char today[16];
	clock_today(today);
	return d && date_valid(d) && strcmp(d, today) <= 0;
}

/* 1 when the community is of org, 0 when not, -1. */
static int community_of(struct db *db, long long org_id, long long community_id)
{
	long long n = 0;
	if (db_query_int(db, "SELECT COUNT(*) FROM communities WHERE id = ? AND org_id = ?",
	                 DB_ARGS(DB_INT(community_id), DB_INT(org_id)), &n) != DB_ROW)
		return -1;
	return n > 0;
}

enum save_result cycle_move_to(struct db *db, long long org_id, long long actor,
                               long long community_id, const char *stage, const char *since_on,
                               const char *note)
{
	note = nz(note);
	if (vocab_index(cycle_stages, stage) < 0 || !date_not_future(since_on) ||
	    strlen(note) > CYCLE_NOTE_MAX)
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	enum save_result rc = SAVE_OK;
	struct cycle_move cur;
	int found = community_of(db, org_id, community_id);
	int has = found == 1 ? cycle_current(db, &a, org_id, community_id, &cur) : 0;
	if (found < 0 || has < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	long long round = 1;
	if (rc == SAVE_OK && has == 1) {
		round = cur.round;
		if (strcmp(cur.stage, "impact") == 0 && strcmp(stage, "activity") == 0)
			round++; /* and round again */
	}
	if (rc == SAVE_OK &&
	    (db_exec(db,
	             "INSERT INTO cycle_stages (org_id, community_id, stage, round, since_on, note,"
	             " person_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	             DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_TEXT(stage), DB_INT(round),
	                     DB_TEXT(since_on), DB_TEXT(note), actor ? DB_INT(actor) : DB_NULL,
	                     DB_INT(now_s()))) != DB_OK ||
	     audit_write(db, org_id, actor, "cycle.move", audit_text(&a, note), stage) != 0 ||
	     signals_touch(db, org_id, community_id) != 0))
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

int cycle_rating_list(struct db *db, struct arena *a, long long org_id, long long community_id,
                      struct cycle_rating **out, size_t *n_out)
{
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT r.id, r.kind, r.rating, r.rated_on, r.note," WHO_COLS ", r.created_at"
	             " FROM cycle_conditions r" WHO_JOIN("r.person_id") " WHERE r.org_id = ?1"
	                                                                " AND r.community_id = ?2"
	                                                                " ORDER BY r.rated_on DESC,"
	                                                                " r.id DESC",
	             DB_ARGS(DB_INT(org_id), DB_INT(community_id))) != DB_OK)
		return -1;
	size_t n = 0, cap = 0;
	struct cycle_rating *v = NULL;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, n, &cap, sizeof(*v));
		v[n].id = db_col_int(st, 0);
		v[n].kind = db_col_text(st, 1, a);
		v[n].rating = db_col_text(st, 2, a);
		v[n].rated_on = db_col_text(st, 3, a);
		v[n].note = db_col_text(st, 4, a);
		v[n].who = db_col_text(st, 5, a);
		v[n].who_is_amb = db_col_int(st, 6) != 0;
		v[n].at = db_col_int(st, 7);
		n++;
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
}

enum save_result cycle_rate(struct db *db, long long org_id, long long actor,
                            long long community_id, const char *kind, const char *rating,
                            const char *rated_on, const char *note)
{
	note = nz(note);
	if (vocab_index(cycle_conditions, kind) < 0 || vocab_index(cycle_ratings, rating) < 0 ||
	    !date_not_future(rated_on) || strlen(note) > CYCLE_NOTE_MAX)
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	enum save_result rc = SAVE_OK;
	int found = community_of(db, org_id, community_id);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (db_exec(
	             db,
	             "INSERT INTO cycle_conditions (org_id, community_id, kind, rating, rated_on,"
	             " note, person_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	             DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_TEXT(kind), DB_TEXT(rating),
	                     DB_TEXT(rated_on), DB_TEXT(note), actor ? DB_INT(actor) : DB_NULL,
	                     DB_INT(now_s()))) != DB_OK ||
	         audit_write(db, org_id, actor, "cycle.rate",
	                     arena_printf(&a, "%s: %s", kind, rating), audit_text(&a, note)) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}
