/*
 * action.c - action points of conversations (see action.h).
 */
#include "action.h"

#include "partner_util.h"

/* ---- action points ---- */

/* The owner is an ambassadeur of the community of the conversation c (issue 9). */
#define OWNER_AMBASSADOR                                                                           \
	" EXISTS (SELECT 1 FROM community_ambassadors ca JOIN memberships am"                      \
	" ON am.org_id = ca.org_id AND am.person_id = ca.person_id AND am.role = 'ambassadeur'"    \
	" WHERE ca.org_id = ap.org_id AND ca.community_id = c.community_id"                        \
	" AND ca.person_id = ap.owner_id)"

#define ACTION_SELECT                                                                              \
	"SELECT ap.id, ap.version, ap.conversation_id, ap.text, COALESCE(ap.owner_id, 0),"         \
	" COALESCE(o.name, op.name, ''), ap.due_on, COALESCE(ap.done_at, 0), c.held_on,"           \
	" c.subject, COALESCE(p.name, ''), (ap.owner_id IS NULL OR EXISTS (SELECT 1"               \
	" FROM memberships m WHERE m.org_id = ap.org_id AND m.person_id = ap.owner_id"             \
	" AND m.role IN ('beheerder', 'medewerker')) OR" OWNER_AMBASSADOR "),"                     \
	" COALESCE(ap.owner_partner_id, 0) FROM action_points ap"                                  \
	" JOIN conversations c ON c.id = ap.conversation_id AND c.org_id = ap.org_id"              \
	" LEFT JOIN partners p ON p.id = c.partner_id AND p.org_id = c.org_id"                     \
	" LEFT JOIN persons o ON o.id = ap.owner_id"                                               \
	" LEFT JOIN partners op ON op.id = ap.owner_partner_id AND op.org_id = ap.org_id"

/* One row of an ACTION_SELECT query. */
static int read_action(struct db_stmt *st, void *elem, struct arena *a)
{
	struct action_point *v = elem;
	v->id = db_col_int(st, 0);
	v->version = db_col_int(st, 1);
	v->conversation_id = db_col_int(st, 2);
	v->text = db_col_text(st, 3, a);
	v->owner_id = db_col_int(st, 4);
	v->owner_name = db_col_text(st, 5, a);
	v->due_on = db_col_text(st, 6, a);
	v->done_at = db_col_int(st, 7);
	v->done = v->done_at != 0;
	v->held_on = db_col_text(st, 8, a);
	v->subject = db_col_text(st, 9, a);
	v->partner_name = db_col_text(st, 10, a);
	v->owner_gone = db_col_int(st, 11) == 0;
	v->owner_partner_id = db_col_int(st, 12);
	return 0;
}

static int action_rows(struct db *db, struct arena *a, struct db_sql sql,
                       const struct db_param *params, struct action_point **out, size_t *n_out)
{
	return db_rows_stmt(db, a, sql, params, sizeof(**out), read_action, out, n_out);
}

int action_list(struct db *db, struct arena *a, long long org_id, long long conversation_id,
                struct action_point **out, size_t *n_out)
{
	return action_rows(db, a,
	                   DB_SQL(ACTION_SELECT " WHERE ap.conversation_id = ? AND ap.org_id = ?"
	                                        " ORDER BY ap.id"),
	                   DB_ARGS(DB_INT(conversation_id), DB_INT(org_id)), out, n_out);
}

int action_open_list(struct db *db, struct arena *a, long long org_id, long long partner_id,
                     long long community_id, struct action_point **out, size_t *n_out)
{
	return action_rows(db, a,
	                   DB_SQL(ACTION_SELECT
	                          " WHERE ap.org_id = ? AND ap.done_at IS NULL"
	                          " AND (? = 0 OR c.partner_id = ?)"
	                          " AND (? = 0 OR c.community_id = ?)"
	                          " ORDER BY CASE WHEN ap.due_on = '' THEN 1 ELSE 0 END,"
	                          " ap.due_on, ap.id LIMIT 200"),
	                   DB_ARGS(DB_INT(org_id), DB_INT(partner_id), DB_INT(partner_id),
	                           DB_INT(community_id), DB_INT(community_id)),
	                   out, n_out);
}

int action_get(struct db *db, struct arena *a, long long org_id, long long conversation_id,
               long long id, struct action_point *out)
{
	struct action_point *v;
	size_t n;
	if (action_rows(db, a,
	                DB_SQL(ACTION_SELECT
	                       " WHERE ap.id = ? AND ap.conversation_id = ? AND ap.org_id = ?"),
	                DB_ARGS(DB_INT(id), DB_INT(conversation_id), DB_INT(org_id)), &v, &n) != 0)
		return -1;
	if (n == 0)
		return 0;
	*out = v[0];
	return 1;
}

enum save_result action_add(struct db *db, long long org_id, long long actor,
                            long long conversation_id, const struct action_new *ap,
                            long long *id_out)
{
	if (ap->text == NULL || ap->text[0] == '\0' || !date_or_empty(ap->due_on))
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct conversation c;
	enum save_result rc = SAVE_OK;
	int found = conversation_get(db, &a, org_id, conversation_id, &c);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else
		rc = action_new_check(db, org_id, c.community_id, ap);
	if (rc == SAVE_OK)
		rc = action_new_insert(db, org_id, conversation_id, ap, id_out);
	if (rc == SAVE_OK && (audit_write(db, org_id, actor, "action.add", audit_text(&a, ap->text),
	                                  audit_text(&a, c.subject)) != 0 ||
	                      conversation_touch(db, org_id, conversation_id) != 0))
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result action_update(struct db *db, long long org_id, long long actor,
                               long long conversation_id, long long id, const struct action_new *ap,
                               long long version)
{
	if (ap->text == NULL || ap->text[0] == '\0' || !date_or_empty(ap->due_on))
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct action_point old;
	struct conversation c;
	enum save_result rc = SAVE_OK;
	int found = action_get(db, &a, org_id, conversation_id, id, &old);
	if (found == 1)
		found = conversation_get(db, &a, org_id, conversation_id, &c);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else
		rc = action_new_check(db, org_id, c.community_id, ap);
	if (rc == SAVE_OK) {
		if (db_exec(db,
		            "UPDATE action_points SET text = ?, owner_id = ?, due_on = ?,"
		            " owner_partner_id = ?, version = version + 1"
		            " WHERE id = ? AND conversation_id = ? AND org_id = ? AND version = ?",
		            DB_ARGS(DB_TEXT(ap->text),
		                    ap->owner_id ? DB_INT(ap->owner_id) : DB_NULL,
		                    DB_TEXT(nz(ap->due_on)),
		                    ap->owner_partner_id ? DB_INT(ap->owner_partner_id) : DB_NULL,
		                    DB_INT(id), DB_INT(conversation_id), DB_INT(org_id),
		                    DB_INT(version))) != DB_OK)
			rc = SAVE_ERROR;
		else if (db_changes(db) == 0)
			rc = SAVE_CONFLICT;
		else if (audit_write(db, org_id, actor, "action.update", audit_text(&a, ap->text),
		                     audit_text(&a, old.subject)) != 0 ||
		         conversation_touch(db, org_id, conversation_id) != 0)
			rc = SAVE_ERROR;
	}
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result action_set_done(struct db *db, long long org_id, long long actor,
                                 long long conversation_id, long long id, bool done)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct action_point old;
	enum save_result rc = SAVE_OK;
	int found = action_get(db, &a, org_id, conversation_id, id, &old);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (old.done == done)
		rc = SAVE_OK; /* already so: a second click changes nothing */
	else if ((done ? db_exec(db,
	                         "UPDATE action_points SET done_at = ?, done_by = ?,"
	                         " version = version + 1 WHERE id = ? AND org_id = ?",
	                         DB_ARGS(DB_INT(now_s()), actor ? DB_INT(actor) : DB_NULL,
	                                 DB_INT(id), DB_INT(org_id)))
	               : db_exec(db,
	                         "UPDATE action_points SET done_at = NULL, done_by = NULL,"
	                         " version = version + 1 WHERE id = ? AND org_id = ?",
	                         DB_ARGS(DB_INT(id), DB_INT(org_id)))) != DB_OK ||
	         audit_write(db, org_id, actor, done ? "action.done" : "action.reopen",
	                     audit_text(&a, old.text), audit_text(&a, old.subject)) != 0 ||
	         conversation_touch(db, org_id, conversation_id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result action_delete(struct db *db, long long org_id, long long actor,
                               long long conversation_id, long long id, long long version)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct action_point old;
	enum save_result rc = SAVE_OK;
	int found = action_get(db, &a, org_id, conversation_id, id, &old);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (old.version != version)
		rc = SAVE_CONFLICT; /* changed after this person looked */
	else if (db_exec(db,
	                 "DELETE FROM action_points WHERE id = ? AND org_id = ? AND version = ?",
	                 DB_ARGS(DB_INT(id), DB_INT(org_id), DB_INT(version))) != DB_OK ||
	         audit_write(db, org_id, actor, "action.delete", audit_text(&a, old.text),
	                     audit_text(&a, old.subject)) != 0 ||
	         conversation_touch(db, org_id, conversation_id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

/* ---- owners without a role ---- */

/*
 * An owner is gone when they are neither beheerder nor medewerker of the org
 * any more, nor an ambassadeur of the conversation's community (issue 9).
 */
#define OWNER_GONE                                                                                 \
	" NOT EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = ap.org_id"                      \
	" AND m.person_id = ap.owner_id AND m.role IN ('beheerder', 'medewerker'))"                \
	" AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.id = ap.conversation_id"           \
	" AND c.org_id = ap.org_id AND" OWNER_AMBASSADOR ")"

int action_gone_owners(struct db *db, struct arena *a, long long org_id, struct action_owner **out,
                       size_t *n_out)
{
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT ap.owner_id, COALESCE(o.name, ''), COUNT(*) FROM action_points ap"
	             " LEFT JOIN persons o ON o.id = ap.owner_id"
	             " WHERE ap.org_id = ? AND ap.owner_id IS NOT NULL AND ap.done_at IS NULL"
	             " AND" OWNER_GONE
	             " GROUP BY ap.owner_id, o.name ORDER BY LOWER(o.name), ap.owner_id",
	             DB_ARGS(DB_INT(org_id))) != DB_OK)
		return -1;
	size_t n = 0, cap = 0;
	struct action_owner *v = NULL;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, n, &cap, sizeof(*v));
		v[n].person_id = db_col_int(st, 0);
		v[n].name = db_col_text(st, 1, a);
		v[n].n_open = db_col_int(st, 2);
		n++;
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
}

/* The name of a person ("" when unknown). 0 or -1. */
static int person_name(struct db *db, struct arena *a, long long id, const char **out)
{
	struct db_stmt *st;
	if (db_query(db, &st, "SELECT name FROM persons WHERE id = ?", DB_ARGS(DB_INT(id))) !=
	    DB_OK)
		return -1;
	int rc = db_step(st);
	*out = rc == DB_ROW ? db_col_text(st, 0, a) : "";
	db_finish(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : -1;
}

enum save_result action_hand_over(struct db *db, long long org_id, long long actor, long long from,
                                  long long to, long long *moved)
{
	if (from <= 0 || to <= 0 || from == to)
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	enum save_result rc = SAVE_OK;
	long long n = 0;
	const char *from_name = "", *to_name = "";
	int valid = partner_owner_valid(db, org_id, to);
	if (valid < 0)
		rc = SAVE_ERROR;
	else if (valid == 0)
		rc = SAVE_NOT_FOUND; /* the new owner must be staff of this organisation */
	struct db_stmt *st;
	/* the conversations whose points move: their search text names the owner */
	long long *talks = NULL;
	size_t n_talks = 0, cap = 0;
	if (rc == SAVE_OK) {
		if (db_query(db, &st,
		             "SELECT DISTINCT conversation_id FROM action_points"
		             " WHERE org_id = ? AND owner_id = ? AND done_at IS NULL",
		             DB_ARGS(DB_INT(org_id), DB_INT(from))) != DB_OK)
			rc = SAVE_ERROR;
		else {
			int step;
			while ((step = db_step(st)) == DB_ROW) {
				talks = arena_grow(&a, talks, n_talks, &cap, sizeof(*talks));
				talks[n_talks++] = db_col_int(st, 0);
			}
			db_finish(st);
			if (step != DB_DONE)
				rc = SAVE_ERROR;
		}
	}
	if (rc == SAVE_OK &&
	    (person_name(db, &a, from, &from_name) != 0 || person_name(db, &a, to, &to_name) != 0))
		rc = SAVE_ERROR;
	if (rc == SAVE_OK) {
		if (db_exec(db,
		            "UPDATE action_points SET owner_id = ?, version = version + 1"
		            " WHERE org_id = ? AND owner_id = ? AND done_at IS NULL",
		            DB_ARGS(DB_INT(to), DB_INT(org_id), DB_INT(from))) != DB_OK)
			rc = SAVE_ERROR;
		else
			n = db_changes(db);
	}
	if (rc == SAVE_OK && n == 0)
		rc = SAVE_NOT_FOUND; /* nothing open in this organisation to hand over */
	for (size_t i = 0; rc == SAVE_OK && i < n_talks; i++)
		if (conversation_touch(db, org_id, talks[i]) != 0)
			rc = SAVE_ERROR;
	if (rc == SAVE_OK && audit_write(db, org_id, actor, "action.handover",
	                                 arena_printf(&a, "%s → %s", audit_text(&a, from_name),
	                                              audit_text(&a, to_name)),
	                                 arena_printf(&a, "%lld", n)) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	rc = save_finish(db, rc);
	if (rc == SAVE_OK && moved)
		*moved = n;
	return rc;
}
