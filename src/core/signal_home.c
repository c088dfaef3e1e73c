/*
 * signal_home.c - the narrow reads behind the start page (see signal.h):
 * each names the organisation and the person and uses an index, so the
 * start page stays fast on a large organisation.
 */
#include "signal.h"

static int read_item(struct db_stmt *st, void *elem, struct arena *a)
{
	struct home_item *v = elem;
	v->id = db_col_int(st, 0);
	v->other_id = db_col_int(st, 1);
	v->date = db_col_text(st, 2, a);
	v->title = db_col_text(st, 3, a);
	v->detail = db_col_text(st, 4, a);
	return 0;
}

int home_my_actions(struct db *db, struct arena *a, long long org_id, long long person_id,
                    long long limit, struct home_item **out, size_t *n_out)
{
	return db_rows(db, a,
	               "SELECT ap.id, ap.conversation_id, ap.due_on, ap.text, c.subject"
	               " FROM action_points ap JOIN conversations c ON c.id = ap.conversation_id"
	               " AND c.org_id = ap.org_id"
	               " WHERE ap.org_id = ?1 AND ap.owner_id = ?2 AND ap.done_at IS NULL"
	               " ORDER BY CASE WHEN ap.due_on = '' THEN 1 ELSE 0 END, ap.due_on, ap.id"
	               " LIMIT ?3",
	               DB_ARGS(DB_INT(org_id), DB_INT(person_id), DB_INT(limit)), sizeof(**out),
	               read_item, out, n_out);
}

int home_my_contacts(struct db *db, struct arena *a, long long org_id, long long person_id,
                     const char *today, long long limit, struct home_item **out, size_t *n_out)
{
	return db_rows(db, a,
	               "SELECT c.id, COALESCE(c.community_id, 0), c.next_on, c.subject,"
	               " COALESCE(m.name, p.name, '') FROM conversations c"
	               " LEFT JOIN communities m ON m.id = c.community_id AND m.org_id = c.org_id"
	               " LEFT JOIN partners p ON p.id = c.partner_id AND p.org_id = c.org_id"
	               " WHERE c.org_id = ?1 AND c.person_id = ?2 AND c.next_on >= ?3"
	               " ORDER BY c.next_on, c.id LIMIT ?4",
	               DB_ARGS(DB_INT(org_id), DB_INT(person_id), DB_TEXT(today), DB_INT(limit)),
	               sizeof(**out), read_item, out, n_out);
}

int home_next_activities(struct db *db, struct arena *a, long long org_id, long long person_id,
                         bool ambassador, const char *today, long long limit,
                         struct home_item **out, size_t *n_out)
{
	/* Driven by the organisation's planned activities in date order
	   (activities_org_planned), stopping at the limit; the link to one of the
	   person's communities is a primary-key probe. Tenancy: the activity is
	   the organisation's, the communities are the person's in it. */
	if (ambassador)
		return db_rows(
		    db, a,
		    "SELECT t.id, ac.community_id, t.held_on, t.title, m.name"
		    " FROM activities t JOIN activity_communities ac ON ac.activity_id = t.id"
		    " JOIN communities m ON m.id = ac.community_id AND m.org_id = t.org_id"
		    " WHERE t.org_id = ?1 AND t.status = 'planned' AND t.held_on >= ?3"
		    " AND ac.community_id IN (SELECT ca.community_id FROM community_ambassadors ca"
		    " WHERE ca.org_id = ?1 AND ca.person_id = ?2)"
		    " ORDER BY t.held_on, t.starts_at, t.id LIMIT ?4",
		    DB_ARGS(DB_INT(org_id), DB_INT(person_id), DB_TEXT(today), DB_INT(limit)),
		    sizeof(**out), read_item, out, n_out);
	return db_rows(db, a,
	               "SELECT t.id, ac.community_id, t.held_on, t.title, m.name"
	               " FROM activities t JOIN activity_communities ac ON ac.activity_id = t.id"
	               " JOIN communities m ON m.id = ac.community_id AND m.org_id = t.org_id"
	               " WHERE t.org_id = ?1 AND t.status = 'planned' AND t.held_on >= ?3"
	               " AND ac.community_id IN (SELECT s.community_id"
	               " FROM community_staff s WHERE s.org_id = ?1 AND s.person_id = ?2)"
	               " ORDER BY t.held_on, t.starts_at, t.id LIMIT ?4",
	               DB_ARGS(DB_INT(org_id), DB_INT(person_id), DB_TEXT(today), DB_INT(limit)),
	               sizeof(**out), read_item, out, n_out);
}

int home_goals(struct db *db, struct arena *a, long long org_id, long long person_id,
               long long limit, struct home_item **out, size_t *n_out)
{
	return db_rows(db, a,
	               "SELECT g.id, g.community_id, '', g.text, m.name"
	               " FROM community_ambassadors ca"
	               " JOIN goals g ON g.org_id = ca.org_id AND g.community_id = ca.community_id"
	               " JOIN communities m ON m.id = g.community_id AND m.org_id = g.org_id"
	               " WHERE ca.org_id = ?1 AND ca.person_id = ?2 AND g.kind = 'shared'"
	               " ORDER BY m.name, g.position, g.id LIMIT ?3",
	               DB_ARGS(DB_INT(org_id), DB_INT(person_id), DB_INT(limit)), sizeof(**out),
	               read_item, out, n_out);
}

int home_summary(struct db *db, long long org_id, const char *today, struct home_summary *out)
{
	/* five counts, one round trip; the signals as signals_count() counts them
	   for staff (nothing set aside today) */
	*out = (struct home_summary){0};
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT (SELECT COUNT(*) FROM communities WHERE org_id = ?1),"
	             " (SELECT COUNT(*) FROM communities WHERE org_id = ?1"
	             " AND status IN ('samenwerken', 'zelfdragend')),"
	             " (SELECT COUNT(*) FROM action_points WHERE org_id = ?1 AND done_at IS NULL),"
	             " (SELECT COUNT(*) FROM action_points WHERE org_id = ?1 AND done_at IS NULL"
	             " AND due_on <> '' AND due_on < ?2),"
	             " (SELECT COUNT(*) FROM signals s WHERE s.org_id = ?1"
	             " AND (s.aside_until = '' OR s.aside_until < ?2))",
	             DB_ARGS(DB_INT(org_id), DB_TEXT(today))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		out->communities = db_col_int(st, 0);
		out->working = db_col_int(st, 1);
		out->open_actions = db_col_int(st, 2);
		out->late_actions = db_col_int(st, 3);
		out->signals = db_col_int(st, 4);
	}
	db_finish(st);
	return rc == DB_ROW ? 0 : -1;
}
