/*
 * activity.c - recording, changing, confirming and deleting activities,
 * with their summaries kept in the same transaction (see activity.h).
 */
#include "activity.h"

#include <string.h>

#include "community.h"
#include "conversation.h"
#include "partner.h"
#include "partner_util.h"
#include "signal.h"
#include "vocab.h"

const char *const activity_mades[] = {"voor", "met", "door", NULL};
const char *const activity_statuses[] = {"planned", "held", "cancelled", NULL};

bool activity_time_valid(const char *s)
{
	if (s == NULL || s[0] == '\0')
		return true;
	if (strlen(s) != 5 || s[2] != ':')
		return false;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (s[i] < '0' || s[i] > '9'))
			return false;
	int hh = (s[0] - '0') * 10 + (s[1] - '0'), mm = (s[3] - '0') * 10 + (s[4] - '0');
	return hh < 24 && mm < 60;
}

/* Characters (not bytes) in the UTF-8 text s. */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* The values of act that need no database: ACT_OK or the first problem. */
static enum activity_problem activity_shape(const struct activity *act)
{
	if (act->title == NULL || act->title[0] == '\0' ||
	    utf8_chars(act->title) > ACTIVITY_TITLE_MAX)
		return ACT_BAD_TITLE;
	if (act->held_on == NULL || !date_valid(act->held_on))
		return ACT_BAD_DATE;
	if (!activity_time_valid(act->starts_at) || !activity_time_valid(act->ends_at) ||
	    (act->ends_at && act->ends_at[0] &&
	     (!act->starts_at || !act->starts_at[0] || strcmp(act->ends_at, act->starts_at) < 0)))
		return ACT_BAD_TIME;
	if (vocab_index(activity_mades, act->made) < 0)
		return ACT_BAD_MADE;
	if (act->participants < -1 || act->participants > ACTIVITY_MAX_PARTICIPANTS)
		return ACT_BAD_COUNT;
	if (act->status && act->status[0] && vocab_index(activity_statuses, act->status) < 0)
		return ACT_BAD_MADE;
	if (act->n_communities == 0)
		return ACT_NO_COMMUNITY;
	if (act->n_communities > ACTIVITY_MAX_REFS || act->n_staff > ACTIVITY_MAX_REFS ||
	    act->n_partners > ACTIVITY_MAX_REFS)
		return ACT_FOREIGN_COMMUNITY;
	return ACT_OK;
}

/* 1 when branch id is the org's, 0, -1. */
static int branch_of_org(struct db *db, long long org_id, long long id)
{
	long long n = 0;
	if (db_query_int(db, "SELECT COUNT(*) FROM branches WHERE id = ? AND org_id = ?",
	                 DB_ARGS(DB_INT(id), DB_INT(org_id)), &n) != DB_ROW)
		return -1;
	return n > 0;
}

/* 1 when item id is a DOOR action of one of act's communities, 0, -1. */
static int door_item_of(struct db *db, long long org_id, long long id, const struct activity *act)
{
	for (size_t i = 0; i < act->n_communities; i++) {
		long long n = 0;
		if (db_query_int(
		        db,
		        "SELECT COUNT(*) FROM community_items WHERE id = ? AND org_id = ?"
		        " AND community_id = ? AND kind = 'door'",
		        DB_ARGS(DB_INT(id), DB_INT(org_id), DB_INT(act->communities[i].id)),
		        &n) != DB_ROW)
			return -1;
		if (n > 0)
			return 1;
	}
	return 0;
}

/*
 * Every id act names is the org's (communities also the ambassadeur's):
 * SAVE_OK, SAVE_NOT_FOUND with *why, or SAVE_ERROR. In the transaction.
 */
static enum save_result activity_refs_ok(struct db *db, long long org_id, long long attached,
                                         const struct activity *act, enum activity_problem *why)
{
	for (size_t i = 0; i < act->n_communities; i++) {
		int v = community_visible(db, org_id, act->communities[i].id, attached);
		if (v <= 0) {
			*why = ACT_FOREIGN_COMMUNITY;
			return v < 0 ? SAVE_ERROR : SAVE_NOT_FOUND;
		}
	}
	if (act->branch_id) {
		int v = branch_of_org(db, org_id, act->branch_id);
		if (v <= 0) {
			*why = ACT_FOREIGN_BRANCH;
			return v < 0 ? SAVE_ERROR : SAVE_NOT_FOUND;
		}
	}
	for (size_t i = 0; i < act->n_staff; i++) {
		int v = partner_owner_valid(db, org_id, act->staff[i].id);
		if (v <= 0) {
			*why = ACT_FOREIGN_STAFF;
			return v < 0 ? SAVE_ERROR : SAVE_NOT_FOUND;
		}
	}
	for (size_t i = 0; i < act->n_partners; i++) {
		int v = partner_exists(db, org_id, act->partners[i].id);
		if (v <= 0) {
			*why = ACT_FOREIGN_PARTNER;
			return v < 0 ? SAVE_ERROR : SAVE_NOT_FOUND;
		}
	}
	if (act->source_item_id) {
		int v = door_item_of(db, org_id, act->source_item_id, act);
		if (v <= 0) {
			*why = ACT_FOREIGN_ITEM;
			return v < 0 ? SAVE_ERROR : SAVE_NOT_FOUND;
		}
	}
	return SAVE_OK;
}

/* ---- the summaries ---- */

/* The communities activity id belongs to now, read into the arena. 0 or -1. */
static int linked_communities(struct db *db, struct arena *a, long long org_id, long long id,
                              long long **ids, size_t *n)
{
	size_t cap = 0;
	struct db_stmt *st;
	int step;
	*ids = NULL;
	*n = 0;
	if (db_query(db, &st,
	             "SELECT community_id FROM activity_communities WHERE activity_id = ?"
	             " AND org_id = ?",
	             DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK)
		return -1;
	while ((step = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			long long *more = arena_alloc(a, cap * sizeof(*more));
			if (*n)
				memcpy(more, *ids, *n * sizeof(**ids));
			*ids = more;
		}
		(*ids)[(*n)++] = db_col_int(st, 0);
	}
	db_finish(st);
	return step == DB_DONE ? 0 : -1;
}

/*
 * Refreshes the kept signals (core/signal.h) of the communities activity id
 * belonged to before the change (before, n_before) and belongs to now, at
 * the end of the caller's write transaction. 0 or -1.
 */
static int signals_after(struct db *db, struct arena *a, long long org_id, long long id,
                         const long long *before, size_t n_before)
{
	long long *now;
	size_t n_now;
	if (linked_communities(db, a, org_id, id, &now, &n_now) != 0)
		return -1;
	for (size_t i = 0; i < n_before; i++)
		if (signals_touch(db, org_id, before[i]) != 0)
			return -1;
	for (size_t i = 0; i < n_now; i++) {
		bool seen = false;
		for (size_t j = 0; j < n_before && !seen; j++)
			seen = before[j] == now[i];
		if (!seen && signals_touch(db, org_id, now[i]) != 0)
			return -1;
	}
	return 0;
}

/*
 * Adds (sign 1) or takes away (sign -1) what activity id counts in both
 * summaries: nothing unless it is held. In the caller's transaction. 0 or -1.
 */
static int summaries_apply(struct db *db, long long org_id, long long id, int sign)
{

	struct arena a;
	arena_init(&a);
	struct db_stmt *st;
	int rc = -1;
	if (db_query(db, &st,
	             "SELECT status, held_on, made, COALESCE(branch_id, 0),"
	             " COALESCE(participants, 0) FROM activities WHERE id = ? AND org_id = ?",
	             DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK)
		goto out;
	int step = db_step(st);
	if (step != DB_ROW) {
		db_finish(st);
		rc = step == DB_DONE ? 0 : -1;
		goto out;
	}
	const char *status = db_col_text(st, 0, &a);
	const char *held_on = db_col_text(st, 1, &a);
	const char *made = db_col_text(st, 2, &a);
	long long branch = db_col_int(st, 3), people = db_col_int(st, 4);
	db_finish(st);
	if (strcmp(status, "held") != 0) {
		rc = 0;
		goto out;
	}
	const char *month = arena_printf(&a, "%.7s", held_on);
	if (db_exec(db,
	            "INSERT INTO activity_months (org_id, branch_id, month, made, activities,"
	            " participants) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
	            " ON CONFLICT (org_id, branch_id, month, made) DO UPDATE SET"
	            " activities = activity_months.activities + excluded.activities,"
	            " participants = activity_months.participants + excluded.participants",
	            DB_ARGS(DB_INT(org_id), DB_INT(branch), DB_TEXT(month), DB_TEXT(made),
	                    DB_INT(sign), DB_INT(sign * people))) != DB_OK ||
	    db_exec(db,
	            "INSERT INTO community_activity_months (org_id, community_id, month, made,"
	            " activities, participants) SELECT ac.org_id, ac.community_id,"
	            " CAST(?3 AS TEXT), CAST(?4 AS TEXT), CAST(?5 AS BIGINT), CAST(?6 AS BIGINT)"
	            " FROM activity_communities ac WHERE ac.activity_id = ?1 AND ac.org_id = ?2"
	            " ON CONFLICT (org_id, community_id, month, made) DO UPDATE SET"
	            " activities = community_activity_months.activities + excluded.activities,"
	            " participants = community_activity_months.participants"
	            " + excluded.participants",
	            DB_ARGS(DB_INT(id), DB_INT(org_id), DB_TEXT(month), DB_TEXT(made), DB_INT(sign),
	                    DB_INT(sign * people))) != DB_OK ||
	    db_exec(db,
	            "DELETE FROM activity_months WHERE org_id = ? AND activities = 0"
	            " AND participants = 0",
	            DB_ARGS(DB_INT(org_id))) != DB_OK ||
	    db_exec(db,
	            "DELETE FROM community_activity_months WHERE org_id = ? AND activities = 0"
	            " AND participants = 0",
	            DB_ARGS(DB_INT(org_id))) != DB_OK)
		goto out;
	rc = 0;
out:
	arena_free(&a);
	return rc;
}

/* ---- writing ---- */

/* Replaces the communities, staff and partners of activity id (see activity_update()). */
static int refs_write(struct db *db, long long org_id, long long attached, long long id,
                      const struct activity *act)
{
	if (db_exec(db,
	            "DELETE FROM activity_communities WHERE activity_id = ?1 AND org_id = ?2"
	            " AND (?3 = 0 OR community_id IN (SELECT ca.community_id FROM"
	            " community_ambassadors ca WHERE ca.person_id = ?3 AND ca.org_id = ?2))",
	            DB_ARGS(DB_INT(id), DB_INT(org_id), DB_INT(attached))) != DB_OK ||
	    db_exec(db, "DELETE FROM activity_staff WHERE activity_id = ? AND org_id = ?",
	            DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK ||
	    db_exec(db, "DELETE FROM activity_partners WHERE activity_id = ? AND org_id = ?",
	            DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK)
		return -1;
	for (size_t i = 0; i < act->n_communities; i++)
		if (db_exec(db,
		            "INSERT INTO activity_communities (org_id, activity_id, community_id)"
		            " VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
		            DB_ARGS(DB_INT(org_id), DB_INT(id), DB_INT(act->communities[i].id))) !=
		    DB_OK)
			return -1;
	for (size_t i = 0; i < act->n_staff; i++)
		if (db_exec(db,
		            "INSERT INTO activity_staff (org_id, activity_id, person_id)"
		            " VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
		            DB_ARGS(DB_INT(org_id), DB_INT(id), DB_INT(act->staff[i].id))) != DB_OK)
			return -1;
	for (size_t i = 0; i < act->n_partners; i++)
		if (db_exec(db,
		            "INSERT INTO activity_partners (org_id, activity_id, partner_id)"
		            " VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
		            DB_ARGS(DB_INT(org_id), DB_INT(id), DB_INT(act->partners[i].id))) !=
		    DB_OK)
			return -1;
	return 0;
}

/* The status a save stores: planned for a future date without a count, else as given. */
static const char *status_of(const struct activity *act, const char *today)
{
	if (act->status && act->status[0])
		return act->status;
	if (act->participants < 0 && strcmp(act->held_on, today) > 0)
		return "planned";
	return act->participants < 0 && strcmp(act->held_on, today) == 0 ? "planned" : "held";
}

enum save_result activity_create(struct db *db, long long org_id, long long actor,
                                 long long attached, const struct activity *act, long long *id_out,
                                 enum activity_problem *why)
{
	*why = activity_shape(act);
	if (*why != ACT_OK)
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	long long now = now_s(), id = 0;
	const char *status = status_of(act, epoch_date(&a, now));
	enum save_result rc = activity_refs_ok(db, org_id, attached, act, why);
	if (rc == SAVE_OK &&
	    (db_query_int(
	         db,
	         "INSERT INTO activities (org_id, title, held_on, starts_at, ends_at, branch_id,"
	         " place, made, status, participants, outcome, follow_up, source_item_id,"
	         " person_id, created_at, updated_at)"
	         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	         DB_ARGS(DB_INT(org_id), DB_TEXT(act->title), DB_TEXT(act->held_on),
	                 DB_TEXT(nz(act->starts_at)), DB_TEXT(nz(act->ends_at)),
	                 act->branch_id ? DB_INT(act->branch_id) : DB_NULL,
	                 DB_TEXT(act->branch_id ? "" : nz(act->place)), DB_TEXT(act->made),
	                 DB_TEXT(status),
	                 act->participants >= 0 ? DB_INT(act->participants) : DB_NULL,
	                 DB_TEXT(nz(act->outcome)), DB_TEXT(nz(act->follow_up)),
	                 act->source_item_id ? DB_INT(act->source_item_id) : DB_NULL,
	                 actor ? DB_INT(actor) : DB_NULL, DB_INT(now), DB_INT(now)),
	         &id) != DB_ROW ||
	     refs_write(db, org_id, 0, id, act) != 0 || summaries_apply(db, org_id, id, 1) != 0 ||
	     signals_after(db, &a, org_id, id, NULL, 0) != 0 ||
	     audit_write(db, org_id, actor, "activity.create", audit_text(&a, act->title),
	                 act->held_on) != 0 ||
	     search_sync_activity(db, org_id, id) != 0))
		rc = SAVE_ERROR;
	arena_free(&a);
	rc = save_finish(db, rc);
	if (rc == SAVE_OK && id_out)
		*id_out = id;
	return rc;
}

enum save_result activity_update(struct db *db, long long org_id, long long actor,
                                 long long attached, const struct activity *act,
                                 enum activity_problem *why)
{
	*why = activity_shape(act);
	if (*why != ACT_OK)
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct activity old;
	long long *before = NULL;
	size_t n_before = 0;
	enum save_result rc = SAVE_OK;
	int found = activity_get(db, &a, org_id, attached, act->id, &old);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (old.version != act->version)
		rc = SAVE_CONFLICT;
	else
		rc = activity_refs_ok(db, org_id, attached, act, why);
	/* a count given to a planned activity confirms it; a status given wins */
	const char *status = act->status && act->status[0] ? act->status
	                     : act->participants >= 0      ? "held"
	                                                   : old.status;
	if (rc == SAVE_OK) {
		if (linked_communities(db, &a, org_id, act->id, &before, &n_before) != 0 ||
		    summaries_apply(db, org_id, act->id, -1) != 0 ||
		    db_exec(
		        db,
		        "UPDATE activities SET title = ?, held_on = ?, starts_at = ?, ends_at = ?,"
		        " branch_id = ?, place = ?, made = ?, status = ?, participants = ?,"
		        " outcome = ?, follow_up = ?, updated_at = ?, version = version + 1"
		        " WHERE id = ? AND org_id = ? AND version = ?",
		        DB_ARGS(DB_TEXT(act->title), DB_TEXT(act->held_on),
		                DB_TEXT(nz(act->starts_at)), DB_TEXT(nz(act->ends_at)),
		                act->branch_id ? DB_INT(act->branch_id) : DB_NULL,
		                DB_TEXT(act->branch_id ? "" : nz(act->place)), DB_TEXT(act->made),
		                DB_TEXT(status),
		                act->participants >= 0 ? DB_INT(act->participants) : DB_NULL,
		                DB_TEXT(nz(act->outcome)), DB_TEXT(nz(act->follow_up)),
		                DB_INT(now_s()), DB_INT(act->id), DB_INT(org_id),
		                DB_INT(act->version))) != DB_OK)
			rc = SAVE_ERROR;
		else if (db_changes(db) == 0)
			rc = SAVE_CONFLICT;
		else if (refs_write(db, org_id, attached, act->id, act) != 0 ||
		         summaries_apply(db, org_id, act->id, 1) != 0 ||
		         signals_after(db, &a, org_id, act->id, before, n_before) != 0 ||
		         audit_write(db, org_id, actor, "activity.update",
		                     audit_text(&a, act->title), act->held_on) != 0 ||
		         search_sync_activity(db, org_id, act->id) != 0)
			rc = SAVE_ERROR;
	}
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result activity_confirm(struct db *db, long long org_id, long long actor,
                                  long long attached, long long id, long long version,
                                  long long participants)
{
	if (participants < 0 || participants > ACTIVITY_MAX_PARTICIPANTS)
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct activity old;
	enum save_result rc = SAVE_OK;
	int found = activity_get(db, &a, org_id, attached, id, &old);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (old.version != version)
		rc = SAVE_CONFLICT;
	else if (summaries_apply(db, org_id, id, -1) != 0 ||
	         db_exec(db,
	                 "UPDATE activities SET status = 'held', participants = ?, updated_at = ?,"
	                 " version = version + 1 WHERE id = ? AND org_id = ? AND version = ?",
	                 DB_ARGS(DB_INT(participants), DB_INT(now_s()), DB_INT(id), DB_INT(org_id),
	                         DB_INT(version))) != DB_OK)
		rc = SAVE_ERROR;
	else if (db_changes(db) == 0)
		rc = SAVE_CONFLICT;
	else if (summaries_apply(db, org_id, id, 1) != 0 ||
	         signals_after(db, &a, org_id, id, NULL, 0) != 0 ||
	         audit_write(db, org_id, actor, "activity.confirm", audit_text(&a, old.title),
	                     arena_printf(&a, "%lld", participants)) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result activity_delete(struct db *db, long long org_id, long long actor,
                                 long long attached, long long id, long long version)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct activity old;
	long long *before = NULL;
	size_t n_before = 0;
	enum save_result rc = SAVE_OK;
	int found = activity_get(db, &a, org_id, attached, id, &old);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (old.version != version)
		rc = SAVE_CONFLICT; /* someone saved after this person looked */
	else if (linked_communities(db, &a, org_id, id, &before, &n_before) != 0 ||
	         summaries_apply(db, org_id, id, -1) != 0 ||
	         db_exec(db, "DELETE FROM activities WHERE id = ? AND org_id = ? AND version = ?",
	                 DB_ARGS(DB_INT(id), DB_INT(org_id), DB_INT(version))) != DB_OK ||
	         signals_after(db, &a, org_id, id, before, n_before) != 0 ||
	         audit_write(db, org_id, actor, "activity.delete", audit_text(&a, old.title),
	                     old.held_on) != 0 ||
	         search_sync_activity(db, org_id, id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}
