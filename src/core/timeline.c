/*
 * timeline.c - a community's timeline (see timeline.h).
 */
#include "timeline.h"

#include <stdlib.h>
#include <string.h>

#include "partner_util.h"

/* ---- a community's timeline ---- */

static struct timeline_entry *tl_add(struct arena *a, struct timeline_entry *v, size_t *n,
                                     size_t *cap, const char *date, enum timeline_kind kind,
                                     const char *text, const char *detail, long long ref,
                                     long long at)
{
	v = arena_grow(a, v, *n, cap, sizeof(*v));
	v[*n] = (struct timeline_entry){date, kind, text, detail, ref, at};
	(*n)++;
	return v;
}

static int tl_cmp(const void *x, const void *y)
{
	const struct timeline_entry *a = x, *b = y;
	int c = strcmp(b->date, a->date); /* newest first */
	if (c != 0)
		return c;
	if (a->at != b->at) /* the same day: the latest recorded first */
		return a->at < b->at ? 1 : -1;
	if (a->ref_id != b->ref_id)
		return a->ref_id < b->ref_id ? 1 : -1;
	return (int)a->kind - (int)b->kind;
}

int community_timeline(struct db *db, struct arena *a, long long org_id, long long community_id,
                       struct timeline_entry **out, size_t *n_out)
{
	size_t n = 0, cap = 0;
	struct timeline_entry *v = NULL;
	struct db_stmt *st;
	int rc;

	if (db_query(db, &st,
	             "SELECT status, at FROM community_status_changes"
	             " WHERE community_id = ? AND org_id = ? ORDER BY at, id",
	             DB_ARGS(DB_INT(community_id), DB_INT(org_id))) != DB_OK)
		return -1;
	while ((rc = db_step(st)) == DB_ROW)
		v = tl_add(a, v, &n, &cap, epoch_date(a, db_col_int(st, 1)), TL_STATUS,
		           db_col_text(st, 0, a), "", 0, db_col_int(st, 1));
	db_finish(st);
	if (rc != DB_DONE)
		return -1;

	if (db_query(db, &st,
	             "SELECT id, held_on, kind, subject, next_on, next_note, created_at FROM "
	             "conversations"
	             " WHERE community_id = ? AND org_id = ?",
	             DB_ARGS(DB_INT(community_id), DB_INT(org_id))) != DB_OK)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		long long id = db_col_int(st, 0), at = db_col_int(st, 6);
		const char *subject = db_col_text(st, 3, a);
		v = tl_add(a, v, &n, &cap, db_col_text(st, 1, a), TL_CONVERSATION, subject,
		           db_col_text(st, 2, a), id, at);
		const char *next = db_col_text(st, 4, a), *note = db_col_text(st, 5, a);
		if (next[0])
			v = tl_add(a, v, &n, &cap, next, TL_NEXT_CONTACT, note[0] ? note : subject,
			           "", id, at);
	}
	db_finish(st);
	if (rc != DB_DONE)
		return -1;

	if (db_query(db, &st,
	             "SELECT ap.conversation_id, ap.text, ap.due_on, COALESCE(ap.done_at, 0),"
	             " COALESCE(o.name, ''), ap.created_at"
	             /* the community's conversations first, then their action points
	              * (CROSS JOIN keeps SQLite from walking every open action point
	              * of the organisation) */
	             " FROM conversations c CROSS JOIN action_points ap"
	             " LEFT JOIN persons o ON o.id = ap.owner_id"
	             " WHERE ap.conversation_id = c.id AND ap.org_id = c.org_id"
	             " AND c.community_id = ? AND c.org_id = ?",
	             DB_ARGS(DB_INT(community_id), DB_INT(org_id))) != DB_OK)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		long long done_at = db_col_int(st, 3);
		const char *due = db_col_text(st, 2, a);
		if (done_at)
			v = tl_add(a, v, &n, &cap, epoch_date(a, done_at), TL_ACTION_DONE,
			           db_col_text(st, 1, a), db_col_text(st, 4, a), db_col_int(st, 0),
			           done_at);
		else if (due[0])
			v = tl_add(a, v, &n, &cap, due, TL_ACTION_DUE, db_col_text(st, 1, a),
			           db_col_text(st, 4, a), db_col_int(st, 0), db_col_int(st, 5));
	}
	db_finish(st);
	if (rc != DB_DONE)
		return -1;

	if (db_query(db, &st,
	             "SELECT p.id, p.name, pc.created_at FROM partner_communities pc"
	             " JOIN partners p ON p.id = pc.partner_id AND p.org_id = pc.org_id"
	             " WHERE pc.community_id = ? AND pc.org_id = ?",
	             DB_ARGS(DB_INT(community_id), DB_INT(org_id))) != DB_OK)
		return -1;
	while ((rc = db_step(st)) == DB_ROW)
		v = tl_add(a, v, &n, &cap, epoch_date(a, db_col_int(st, 2)), TL_PARTNER,
		           db_col_text(st, 1, a), "", db_col_int(st, 0), db_col_int(st, 2));
	db_finish(st);
	if (rc != DB_DONE)
		return -1;

	/* step 6: its activities (issue 9) */
	if (db_query(db, &st,
	             "SELECT a.id, a.held_on, a.title, a.made, a.status, a.created_at"
	             " FROM activity_communities ac JOIN activities a ON a.id = ac.activity_id"
	             " AND a.org_id = ac.org_id WHERE ac.community_id = ? AND ac.org_id = ?",
	             DB_ARGS(DB_INT(community_id), DB_INT(org_id))) != DB_OK)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *status = db_col_text(st, 4, a);
		if (strcmp(status, "cancelled") != 0)
			v = tl_add(a, v, &n, &cap, db_col_text(st, 1, a), TL_ACTIVITY,
			           db_col_text(st, 2, a), db_col_text(st, 3, a), db_col_int(st, 0),
			           db_col_int(st, 5));
	}
	db_finish(st);
	if (rc != DB_DONE)
		return -1;

	/* step 5: measurements of its subgoals */
	if (db_query(db, &st,
	             "SELECT m.subgoal_id, m.measured_on, s.title, m.value, m.created_at"
	             " FROM subgoals s JOIN measurements m ON m.subgoal_id = s.id"
	             " AND m.org_id = s.org_id WHERE s.community_id = ? AND s.org_id = ?",
	             DB_ARGS(DB_INT(community_id), DB_INT(org_id))) != DB_OK)
		return -1;
	while ((rc = db_step(st)) == DB_ROW)
		v = tl_add(a, v, &n, &cap, db_col_text(st, 1, a), TL_MEASUREMENT,
		           db_col_text(st, 2, a), arena_printf(a, "%lld", db_col_int(st, 3)),
		           db_col_int(st, 0), db_col_int(st, 4));
	db_finish(st);
	if (rc != DB_DONE)
		return -1;

	/* step 6: moves through Lankes's cycle (issue 11b) */
	if (db_query(db, &st,
	             "SELECT id, since_on, stage, note, created_at FROM cycle_stages"
	             " WHERE community_id = ? AND org_id = ?",
	             DB_ARGS(DB_INT(community_id), DB_INT(org_id))) != DB_OK)
		return -1;
	while ((rc = db_step(st)) == DB_ROW)
		v = tl_add(a, v, &n, &cap, db_col_text(st, 1, a), TL_CYCLE, db_col_text(st, 2, a),
		           db_col_text(st, 3, a), db_col_int(st, 0), db_col_int(st, 4));
	db_finish(st);
	if (rc != DB_DONE)
		return -1;

	if (n > 1)
		qsort(v, n, sizeof(*v), tl_cmp);
	*out = v;
	*n_out = n;
	return 0;
}
