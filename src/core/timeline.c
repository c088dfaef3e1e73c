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

/*
 * Every event of the community in one statement (one round trip, not seven),
 * one branch per kind: k, ref, a date ('' for a moment given as epoch in at),
 * at, n (done_at of an action point, a measurement's value), four texts.
 */
#define TL_SQL                                                                                                                                            \
	"SELECT 0, 0, '', at, 0, status, '', '', '' FROM community_status_changes"                                                                        \
	" WHERE community_id = ?1 AND org_id = ?2"                                                                                                        \
	" UNION ALL SELECT 1, id, held_on, created_at, 0, subject, kind, next_on, next_note"                                                              \
	" FROM conversations WHERE community_id = ?1 AND org_id = ?2" /* the community's conversations first, then their action points (CROSS JOIN      \
	 * keeps SQLite from walking every open action point of the organisation) */ \
	" UNION ALL SELECT 2, ap.conversation_id, ap.due_on, ap.created_at,"                                                                              \
	" COALESCE(ap.done_at, 0), ap.text, COALESCE(o.name, ''), '', ''"                                                                                 \
	" FROM conversations c CROSS JOIN action_points ap"                                                                                               \
	" LEFT JOIN persons o ON o.id = ap.owner_id"                                                                                                      \
	" WHERE ap.conversation_id = c.id AND ap.org_id = c.org_id"                                                                                       \
	" AND c.community_id = ?1 AND c.org_id = ?2"                                                                                                      \
	" UNION ALL SELECT 3, p.id, '', pc.created_at, 0, p.name, '', '', ''"                                                                             \
	" FROM partner_communities pc"                                                                                                                    \
	" JOIN partners p ON p.id = pc.partner_id AND p.org_id = pc.org_id"                                                                               \
	" WHERE pc.community_id = ?1 AND pc.org_id = ?2" /* step 6: its activities (issue 9) */                                                           \
	" UNION ALL SELECT 4, a.id, a.held_on, a.created_at, 0, a.title, a.made, a.status, ''"                                                            \
	" FROM activity_communities ac JOIN activities a ON a.id = ac.activity_id"                                                                        \
	" AND a.org_id = ac.org_id WHERE ac.community_id = ?1 AND ac.org_id = ?2" /* step 5: measurements of its subgoals */                              \
	" UNION ALL SELECT 5, m.subgoal_id, m.measured_on, m.created_at, m.value, s.title,"                                                               \
	" '', '', '' FROM subgoals s JOIN measurements m ON m.subgoal_id = s.id"                                                                          \
	" AND m.org_id = s.org_id WHERE s.community_id = ?1 AND s.org_id = ?2" /* step 6: moves through Lankes's cycle (issue 11b) */                     \
	" UNION ALL SELECT 6, id, since_on, created_at, 0, stage, note, '', ''"                                                                           \
	" FROM cycle_stages WHERE community_id = ?1 AND org_id = ?2"

int community_timeline(struct db *db, struct arena *a, long long org_id, long long community_id,
                       struct timeline_entry **out, size_t *n_out)
{
	size_t n = 0, cap = 0;
	struct timeline_entry *v = NULL;
	struct db_stmt *st;
	int rc;
	if (db_query(db, &st, TL_SQL, DB_ARGS(DB_INT(community_id), DB_INT(org_id))) != DB_OK)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		long long ref = db_col_int(st, 1), at = db_col_int(st, 3), num = db_col_int(st, 4);
		const char *date = db_col_text(st, 2, a), *t1 = db_col_text(st, 5, a),
		           *t2 = db_col_text(st, 6, a), *t3 = db_col_text(st, 7, a),
		           *t4 = db_col_text(st, 8, a);
		switch (db_col_int(st, 0)) {
		case 0:
			v = tl_add(a, v, &n, &cap, epoch_date(a, at), TL_STATUS, t1, "", 0, at);
			break;
		case 1:
			v = tl_add(a, v, &n, &cap, date, TL_CONVERSATION, t1, t2, ref, at);
			if (t3[0])
				v = tl_add(a, v, &n, &cap, t3, TL_NEXT_CONTACT, t4[0] ? t4 : t1, "",
				           ref, at);
			break;
		case 2:
			if (num)
				v = tl_add(a, v, &n, &cap, epoch_date(a, num), TL_ACTION_DONE, t1,
				           t2, ref, num);
			else if (date[0])
				v = tl_add(a, v, &n, &cap, date, TL_ACTION_DUE, t1, t2, ref, at);
			break;
		case 3:
			v = tl_add(a, v, &n, &cap, epoch_date(a, at), TL_PARTNER, t1, "", ref, at);
			break;
		case 4:
			if (strcmp(t3, "cancelled") != 0)
				v = tl_add(a, v, &n, &cap, date, TL_ACTIVITY, t1, t2, ref, at);
			break;
		case 5:
			v = tl_add(a, v, &n, &cap, date, TL_MEASUREMENT, t1,
			           arena_printf(a, "%lld", num), ref, at);
			break;
		default:
			v = tl_add(a, v, &n, &cap, date, TL_CYCLE, t1, t2, ref, at);
			break;
		}
	}
	db_finish(st);
	if (rc != DB_DONE)
		return -1;
	if (n > 1)
		qsort(v, n, sizeof(*v), tl_cmp);
	*out = v;
	*n_out = n;
	return 0;
}
