/*
 * workshop.c - team workshops and the rows of their agenda (see
 * workshop.h). Every change checks in its own transaction that the agenda
 * still ends by midnight, so two people adding rows at once cannot push it
 * past.
 */
#include <string.h>

#include "../util/clock.h"
#include "partner_util.h"
#include "vocab.h"
#include "workshop.h"

#define WS_SELECT                                                                                  \
	"SELECT w.id, w.version, w.title, w.held_on, w.start_min, w.place, w.others,"              \
	" w.went_well, w.to_change, w.score, w.evaluated_at,"                                      \
	" (SELECT COUNT(*) FROM workshop_rows r WHERE r.workshop_id = w.id),"                      \
	" (SELECT COALESCE(SUM(r.minutes), 0) FROM workshop_rows r WHERE r.workshop_id = w.id),"   \
	" (SELECT COUNT(*) FROM workshop_attendance t WHERE t.workshop_id = w.id)"                 \
	" FROM workshops w"

/* One row of a WS_SELECT query. */
static int read_workshop(struct db_stmt *st, void *elem, struct arena *a)
{
	struct workshop *w = elem;
	w->id = db_col_int(st, 0);
	w->version = db_col_int(st, 1);
	w->title = db_col_text(st, 2, a);
	w->held_on = db_col_text(st, 3, a);
	w->start_min = (int)db_col_int(st, 4);
	w->place = db_col_text(st, 5, a);
	w->others = db_col_int(st, 6);
	w->went_well = db_col_text(st, 7, a);
	w->to_change = db_col_text(st, 8, a);
	w->score = (int)db_col_int(st, 9);
	w->evaluated_at = db_col_int(st, 10);
	w->n_rows = db_col_int(st, 11);
	w->total_min = db_col_int(st, 12);
	w->n_present = db_col_int(st, 13);
	return 0;
}

int workshop_list(struct db *db, struct arena *a, long long org_id, const char *today, bool held,
                  long long limit, long long offset, struct workshop **out, size_t *n_out)
{
	return db_rows_stmt(db, a,
	                    held ? DB_SQL(WS_SELECT " WHERE w.org_id = ? AND w.held_on < ?"
	                                            " ORDER BY w.held_on DESC, w.start_min DESC,"
	                                            " w.id DESC LIMIT ? OFFSET ?")
	                         : DB_SQL(WS_SELECT " WHERE w.org_id = ? AND w.held_on >= ?"
	                                            " ORDER BY w.held_on, w.start_min, w.id"
	                                            " LIMIT ? OFFSET ?"),
	                    DB_ARGS(DB_INT(org_id), DB_TEXT(today), DB_INT(limit), DB_INT(offset)),
	                    sizeof(**out), read_workshop, out, n_out);
}

long long workshop_count(struct db *db, long long org_id, const char *today, bool held)
{
	long long n = -1;
	if (db_query_int_stmt(db,
	                      held ? DB_SQL("SELECT COUNT(*) FROM workshops"
	                                    " WHERE org_id = ? AND held_on < ?")
	                           : DB_SQL("SELECT COUNT(*) FROM workshops"
	                                    " WHERE org_id = ? AND held_on >= ?"),
	                      DB_ARGS(DB_INT(org_id), DB_TEXT(today)), &n) != DB_ROW)
		return -1;
	return n;
}

int workshop_get(struct db *db, struct arena *a, long long org_id, long long id,
                 struct workshop *out)
{
	struct workshop *v;
	size_t n;
	if (db_rows(db, a, WS_SELECT " WHERE w.id = ? AND w.org_id = ?",
	            DB_ARGS(DB_INT(id), DB_INT(org_id)), sizeof(*v), read_workshop, &v, &n) != 0)
		return -1;
	if (n == 0)
		return 0;
	*out = v[0];
	return 1;
}

#define ROW_SELECT                                                                                 \
	"SELECT id, version, position, minutes, topic, goal, work_form, material, facilitator"     \
	" FROM workshop_rows"

/* One row of a ROW_SELECT query. */
static int read_row(struct db_stmt *st, void *elem, struct arena *a)
{
	struct workshop_row *v = elem;
	v->id = db_col_int(st, 0);
	v->version = db_col_int(st, 1);
	v->position = (int)db_col_int(st, 2);
	v->minutes = (int)db_col_int(st, 3);
	v->topic = db_col_text(st, 4, a);
	v->goal = db_col_text(st, 5, a);
	v->work_form = db_col_text(st, 6, a);
	v->material = db_col_text(st, 7, a);
	v->facilitator = db_col_text(st, 8, a);
	return 0;
}

int workshop_rows(struct db *db, struct arena *a, long long org_id, long long workshop_id,
                  struct workshop_row **out, size_t *n_out)
{
	return db_rows(
	    db, a, ROW_SELECT " WHERE workshop_id = ? AND org_id = ? ORDER BY position, id",
	    DB_ARGS(DB_INT(workshop_id), DB_INT(org_id)), sizeof(**out), read_row, out, n_out);
}

int workshop_row_get(struct db *db, struct arena *a, long long org_id, long long workshop_id,
                     long long id, struct workshop_row *out)
{
	struct workshop_row *v;
	size_t n;
	if (db_rows(db, a, ROW_SELECT " WHERE id = ? AND workshop_id = ? AND org_id = ?",
	            DB_ARGS(DB_INT(id), DB_INT(workshop_id), DB_INT(org_id)), sizeof(*v), read_row,
	            &v, &n) != 0)
		return -1;
	if (n == 0)
		return 0;
	*out = v[0];
	return 1;
}

/* The head of a workshop is within its ranges. */
static bool head_valid(const struct workshop *w)
{
	return w->title && w->title[0] && w->held_on && date_valid(w->held_on) &&
	       w->start_min >= 0 && w->start_min < WS_DAY_MIN;
}

/* A row is within its ranges. */
static bool row_valid(const struct workshop_row *row)
{
	return row->topic && row->topic[0] && row->minutes >= 1 && row->minutes <= WS_ROW_MAX &&
	       vocab_index(workshop_work_forms, row->work_form) >= 0;
}

enum save_result workshop_create(struct db *db, long long org_id, long long actor,
                                 const struct workshop *w, long long *id_out)
{
	if (!head_valid(w))
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	enum save_result rc = SAVE_OK;
	long long id = 0;
	if (db_query_int(db,
	                 "INSERT INTO workshops (org_id, title, held_on, start_min, place,"
	                 " created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
	                 DB_ARGS(DB_INT(org_id), DB_TEXT(w->title), DB_TEXT(w->held_on),
	                         DB_INT(w->start_min), DB_TEXT(nz(w->place)),
	                         DB_INT((long long)clock_now()), actor ? DB_INT(actor) : DB_NULL),
	                 &id) != DB_ROW ||
	    audit_write(db, org_id, actor, "workshop.add", audit_text(&a, w->title), w->held_on) !=
	        0)
		rc = SAVE_ERROR;
	arena_free(&a);
	rc = save_finish(db, rc);
	if (rc == SAVE_OK && id_out)
		*id_out = id;
	return rc;
}

enum save_result workshop_create_from_template(struct db *db, long long org_id, long long actor,
                                               const char *template, const char *held_on,
                                               long long *id_out)
{
	char today[16];
	if (held_on == NULL || held_on[0] == '\0') {
		clock_today(today);
		held_on = today;
	}
	if (!date_valid(held_on))
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	enum save_result rc = SAVE_OK;
	long long id = 0;
	int step =
	    db_query_int(db,
	                 "INSERT INTO workshops (org_id, title, held_on, start_min, place,"
	                 " created_at, created_by) SELECT ?, title, ?, start_min, '', ?, ?"
	                 " FROM workshop_templates WHERE name = ? RETURNING id",
	                 DB_ARGS(DB_INT(org_id), DB_TEXT(held_on), DB_INT((long long)clock_now()),
	                         actor ? DB_INT(actor) : DB_NULL, DB_TEXT(template)),
	                 &id);
	if (step == DB_DONE)
		rc = SAVE_NOT_FOUND;
	else if (step != DB_ROW)
		rc = SAVE_ERROR;
	else if (db_exec(
	             db,
	             "INSERT INTO workshop_rows (org_id, workshop_id, position, minutes, topic,"
	             " goal, work_form, material, facilitator) SELECT ?, ?, position, minutes,"
	             " topic, goal, work_form, material, facilitator FROM workshop_template_rows"
	             " WHERE template = ? ORDER BY position",
	             DB_ARGS(DB_INT(org_id), DB_INT(id), DB_TEXT(template))) != DB_OK ||
	         audit_write(db, org_id, actor, "workshop.template", template, held_on) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	rc = save_finish(db, rc);
	if (rc == SAVE_OK && id_out)
		*id_out = id;
	return rc;
}

/*
 * The minutes of the rows of a workshop of the org, without row `except`
 * (0 = all), and their number; -1 on error.
 */
static int rows_total(struct db *db, long long org_id, long long workshop_id, long long except,
                      long long *total, long long *count)
{
	if (db_query_int(db,
	                 "SELECT COALESCE(SUM(minutes), 0) FROM workshop_rows"
	                 " WHERE workshop_id = ? AND org_id = ? AND id <> ?",
	                 DB_ARGS(DB_INT(workshop_id), DB_INT(org_id), DB_INT(except)),
	                 total) != DB_ROW)
		return -1;
	if (count && db_query_int(db,
	                          "SELECT COUNT(*) FROM workshop_rows"
	                          " WHERE workshop_id = ? AND org_id = ? AND id <> ?",
	                          DB_ARGS(DB_INT(workshop_id), DB_INT(org_id), DB_INT(except)),
	                          count) != DB_ROW)
		return -1;
	return 0;
}

/*
 * Takes the workshop's row lock (PostgreSQL; SQLite's write transaction
 * already holds the database) before its rows are counted, so that two
 * row changes at once check midnight one after the other. 0 or -1.
 */
static int workshop_touch(struct db *db, long long org_id, long long id)
{
	return db_exec(db,
	               "UPDATE workshops SET created_at = created_at WHERE id = ? AND org_id = ?",
	               DB_ARGS(DB_INT(id), DB_INT(org_id))) == DB_OK
	           ? 0
	           : -1;
}

enum save_result workshop_update(struct db *db, long long org_id, long long actor,
                                 const struct workshop *w, enum ws_problem *why)
{
	*why = WSP_NONE;
	if (!head_valid(w)) {
		*why = WSP_INVALID;
		return SAVE_REFUSED;
	}
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct workshop old;
	enum save_result rc = SAVE_OK;
	long long total = 0;
	int found =
	    workshop_touch(db, org_id, w->id) != 0 ? -1 : workshop_get(db, &a, org_id, w->id, &old);
	if (found < 0 || (found == 1 && rows_total(db, org_id, w->id, 0, &total, NULL) != 0))
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (old.version != w->version)
		rc = SAVE_CONFLICT;
	else if (w->start_min + total > WS_DAY_MIN) {
		*why = WSP_PAST_MIDNIGHT;
		rc = SAVE_REFUSED;
	} else if (db_exec(db,
	                   "UPDATE workshops SET title = ?, held_on = ?, start_min = ?, place = ?,"
	                   " version = version + 1 WHERE id = ? AND org_id = ? AND version = ?",
	                   DB_ARGS(DB_TEXT(w->title), DB_TEXT(w->held_on), DB_INT(w->start_min),
	                           DB_TEXT(nz(w->place)), DB_INT(w->id), DB_INT(org_id),
	                           DB_INT(w->version))) != DB_OK)
		rc = SAVE_ERROR;
	else if (db_changes(db) == 0)
		rc = SAVE_CONFLICT;
	else if (audit_write(db, org_id, actor, "workshop.update", audit_text(&a, w->title),
	                     w->held_on) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result workshop_delete(struct db *db, long long org_id, long long actor, long long id,
                                 long long version)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct workshop old;
	enum save_result rc = SAVE_OK;
	int found = workshop_get(db, &a, org_id, id, &old);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (old.version != version)
		rc = SAVE_CONFLICT;
	else if (db_exec(db, "DELETE FROM workshops WHERE id = ? AND org_id = ? AND version = ?",
	                 DB_ARGS(DB_INT(id), DB_INT(org_id), DB_INT(version))) != DB_OK ||
	         audit_write(db, org_id, actor, "workshop.delete", audit_text(&a, old.title),
	                     old.held_on) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

/* ---- rows ---- */

/*
 * Whether a row of `minutes` (replacing row `except`, 0 for a new one)
 * fits the workshop: SAVE_OK, or SAVE_REFUSED with *why, SAVE_NOT_FOUND,
 * SAVE_ERROR. *w gets the workshop.
 */
static enum save_result row_fits(struct db *db, struct arena *a, long long org_id,
                                 long long workshop_id, long long except, int minutes,
                                 struct workshop *w, enum ws_problem *why)
{
	long long total = 0, count = 0;
	if (workshop_touch(db, org_id, workshop_id) != 0)
		return SAVE_ERROR;
	int found = workshop_get(db, a, org_id, workshop_id, w);
	if (found < 0)
		return SAVE_ERROR;
	if (found == 0)
		return SAVE_NOT_FOUND;
	if (rows_total(db, org_id, workshop_id, except, &total, &count) != 0)
		return SAVE_ERROR;
	if (except == 0 && count >= WS_MAX_ROWS) {
		*why = WSP_TOO_MANY_ROWS;
		return SAVE_REFUSED;
	}
	if (w->start_min + total + minutes > WS_DAY_MIN) {
		*why = WSP_PAST_MIDNIGHT;
		return SAVE_REFUSED;
	}
	return SAVE_OK;
}

enum save_result workshop_row_add(struct db *db, long long org_id, long long actor,
                                  long long workshop_id, const struct workshop_row *row,
                                  enum ws_problem *why, long long *id_out)
{
	*why = WSP_NONE;
	if (!row_valid(row)) {
		*why = WSP_INVALID;
		return SAVE_REFUSED;
	}
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct workshop w;
	long long id = 0, pos = 0;
	enum save_result rc = row_fits(db, &a, org_id, workshop_id, 0, row->minutes, &w, why);
	if (rc == SAVE_OK &&
	    (db_query_int(db,
	                  "SELECT COALESCE(MAX(position), 0) FROM workshop_rows"
	                  " WHERE workshop_id = ? AND org_id = ?",
	                  DB_ARGS(DB_INT(workshop_id), DB_INT(org_id)), &pos) != DB_ROW ||
	     db_query_int(
	         db,
	         "INSERT INTO workshop_rows (org_id, workshop_id, position, minutes, topic,"
	         " goal, work_form, material, facilitator)"
	         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	         DB_ARGS(DB_INT(org_id), DB_INT(workshop_id), DB_INT(pos + 1), DB_INT(row->minutes),
	                 DB_TEXT(row->topic), DB_TEXT(nz(row->goal)), DB_TEXT(row->work_form),
	                 DB_TEXT(nz(row->material)), DB_TEXT(nz(row->facilitator))),
	         &id) != DB_ROW ||
	     audit_write(db, org_id, actor, "workshop.row.add", audit_text(&a, row->topic),
	                 audit_text(&a, w.title)) != 0))
		rc = SAVE_ERROR;
	arena_free(&a);
	rc = save_finish(db, rc);
	if (rc == SAVE_OK && id_out)
		*id_out = id;
	return rc;
}

enum save_result workshop_row_update(struct db *db, long long org_id, long long actor,
                                     long long workshop_id, const struct workshop_row *row,
                                     enum ws_problem *why)
{
	*why = WSP_NONE;
	if (!row_valid(row)) {
		*why = WSP_INVALID;
		return SAVE_REFUSED;
	}
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct workshop w;
	struct workshop_row old;
	enum save_result rc = SAVE_OK;
	int found = workshop_row_get(db, &a, org_id, workshop_id, row->id, &old);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (old.version != row->version)
		rc = SAVE_CONFLICT;
	else
		rc = row_fits(db, &a, org_id, workshop_id, row->id, row->minutes, &w, why);
	if (rc == SAVE_OK) {
		if (db_exec(
		        db,
		        "UPDATE workshop_rows SET minutes = ?, topic = ?, goal = ?, work_form = ?,"
		        " material = ?, facilitator = ?, version = version + 1"
		        " WHERE id = ? AND workshop_id = ? AND org_id = ? AND version = ?",
		        DB_ARGS(DB_INT(row->minutes), DB_TEXT(row->topic), DB_TEXT(nz(row->goal)),
		                DB_TEXT(row->work_form), DB_TEXT(nz(row->material)),
		                DB_TEXT(nz(row->facilitator)), DB_INT(row->id), DB_INT(workshop_id),
		                DB_INT(org_id), DB_INT(row->version))) != DB_OK)
			rc = SAVE_ERROR;
		else if (db_changes(db) == 0)
			rc = SAVE_CONFLICT;
		else if (audit_write(db, org_id, actor, "workshop.row.update",
		                     audit_text(&a, row->topic), audit_text(&a, w.title)) != 0)
			rc = SAVE_ERROR;
	}
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result workshop_row_delete(struct db *db, long long org_id, long long actor,
                                     long long workshop_id, long long id, long long version)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct workshop_row old;
	enum save_result rc = SAVE_OK;
	int found = workshop_row_get(db, &a, org_id, workshop_id, id, &old);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (old.version != version)
		rc = SAVE_CONFLICT;
	else if (db_exec(db,
	                 "DELETE FROM workshop_rows WHERE id = ? AND workshop_id = ? AND org_id = ?"
	                 " AND version = ?",
	                 DB_ARGS(DB_INT(id), DB_INT(workshop_id), DB_INT(org_id),
	                         DB_INT(version))) != DB_OK ||
	         db_exec(db,
	                 "UPDATE workshop_rows SET position = position - 1"
	                 " WHERE workshop_id = ? AND org_id = ? AND position > ?",
	                 DB_ARGS(DB_INT(workshop_id), DB_INT(org_id), DB_INT(old.position))) !=
	             DB_OK ||
	         workshop_touch(db, org_id, workshop_id) != 0 ||
	         audit_write(db, org_id, actor, "workshop.row.delete", audit_text(&a, old.topic),
	                     NULL) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result workshop_row_move(struct db *db, long long org_id, long long actor,
                                   long long workshop_id, long long id, long long version, bool up)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct workshop_row *rows = NULL;
	size_t n = 0, at = 0;
	enum save_result rc = SAVE_OK;
	if (workshop_rows(db, &a, org_id, workshop_id, &rows, &n) != 0)
		rc = SAVE_ERROR;
	else {
		rc = SAVE_NOT_FOUND;
		for (size_t i = 0; i < n; i++)
			if (rows[i].id == id) {
				at = i;
				rc = rows[i].version == version ? SAVE_OK : SAVE_CONFLICT;
			}
	}
	if (rc == SAVE_OK && (up ? at > 0 : at + 1 < n)) {
		size_t other = up ? at - 1 : at + 1;
		/* positions are renumbered 1..n in this order, then the two swap */
		for (size_t i = 0; rc == SAVE_OK && i < n; i++) {
			size_t place = i == at ? other : i == other ? at : i;
			bool moved = i == at || i == other;
			if (db_exec_stmt(
			        db,
			        moved ? DB_SQL("UPDATE workshop_rows SET position = ?,"
			                       " version = version + 1 WHERE id = ? AND org_id = ?")
			              : DB_SQL("UPDATE workshop_rows SET position = ?"
			                       " WHERE id = ? AND org_id = ?"),
			        DB_ARGS(DB_INT((long long)place + 1), DB_INT(rows[i].id),
			                DB_INT(org_id))) != DB_OK)
				rc = SAVE_ERROR;
		}
		if (rc == SAVE_OK &&
		    (workshop_touch(db, org_id, workshop_id) != 0 ||
		     audit_write(db, org_id, actor, up ? "workshop.row.up" : "workshop.row.down",
		                 audit_text(&a, rows[at].topic), NULL) != 0))
			rc = SAVE_ERROR;
	}
	arena_free(&a);
	return save_finish(db, rc);
}
