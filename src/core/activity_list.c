/*
 * activity_list.c - reading activities: one, a filtered page, a
 * community's next and last, the way-of-making counts from the summary,
 * the summaries recomputed from raw rows, and the search document (see
 * activity.h).
 */
#include "activity.h"

#include <string.h>

#include "partner_util.h"
#include "vocab.h"
#include "../db/search_index.h"

#define ACT_SELECT                                                                                 \
	"SELECT a.id, a.version, a.title, a.held_on, a.starts_at, a.ends_at,"                      \
	" COALESCE(a.branch_id, 0), COALESCE(b.name, ''), a.place, a.made, a.status,"              \
	" COALESCE(a.participants, -1), a.outcome, a.follow_up, COALESCE(a.source_item_id, 0),"    \
	" COALESCE(w.name, ''), a.created_at, a.updated_at FROM activities a"                      \
	" LEFT JOIN branches b ON b.id = a.branch_id AND b.org_id = a.org_id"                      \
	" LEFT JOIN persons w ON w.id = a.person_id"

/* An ambassadeur (?3, or 0 for all) sees activities of a community they are attached to. */
#define ACT_ATTACHED                                                                               \
	" AND (?3 = 0 OR EXISTS (SELECT 1 FROM activity_communities ac"                            \
	" JOIN community_ambassadors ca ON ca.community_id = ac.community_id"                      \
	" AND ca.org_id = ac.org_id JOIN memberships m ON m.org_id = ca.org_id"                    \
	" AND m.person_id = ca.person_id AND m.role = 'ambassadeur'"                               \
	" WHERE ac.activity_id = a.id AND ac.org_id = a.org_id AND ca.person_id = ?3))"

static int read_activity(struct db_stmt *st, void *elem, struct arena *a)
{
	struct activity *out = elem;
	out->id = db_col_int(st, 0);
	out->version = db_col_int(st, 1);
	out->title = db_col_text(st, 2, a);
	out->held_on = db_col_text(st, 3, a);
	out->starts_at = db_col_text(st, 4, a);
	out->ends_at = db_col_text(st, 5, a);
	out->branch_id = db_col_int(st, 6);
	out->branch_name = db_col_text(st, 7, a);
	out->place = db_col_text(st, 8, a);
	out->made = db_col_text(st, 9, a);
	out->status = db_col_text(st, 10, a);
	out->participants = db_col_int(st, 11);
	out->outcome = db_col_text(st, 12, a);
	out->follow_up = db_col_text(st, 13, a);
	out->source_item_id = db_col_int(st, 14);
	out->who = db_col_text(st, 15, a);
	out->created_at = db_col_int(st, 16);
	out->updated_at = db_col_int(st, 17);
	return 0;
}

static int read_ref(struct db_stmt *st, void *elem, struct arena *a)
{
	struct activity_ref *r = elem;
	r->id = db_col_int(st, 0);
	r->name = db_col_text(st, 1, a);
	return 0;
}

/* The communities of act (by name). 0 or -1. */
static int load_communities(struct db *db, struct arena *a, long long org_id, struct activity *act)
{
	return db_rows(db, a,
	               "SELECT c.id, c.name FROM activity_communities ac JOIN communities c"
	               " ON c.id = ac.community_id AND c.org_id = ac.org_id"
	               " WHERE ac.activity_id = ? AND ac.org_id = ? ORDER BY c.name, c.id",
	               DB_ARGS(DB_INT(act->id), DB_INT(org_id)), sizeof(struct activity_ref),
	               read_ref, &act->communities, &act->n_communities);
}

/* One row of the batch below: the activity and one of its communities. */
struct act_community {
	long long activity_id;
	struct activity_ref ref;
};

static int read_act_community(struct db_stmt *st, void *elem, struct arena *a)
{
	struct act_community *r = elem;
	r->activity_id = db_col_int(st, 0);
	r->ref.id = db_col_int(st, 1);
	r->ref.name = db_col_text(st, 2, a);
	return 0;
}

#define BATCH 16 /* activities whose communities one query reads */

/* The communities of every activity of v, BATCH activities a query. 0 or -1. */
static int load_communities_of(struct db *db, struct arena *a, long long org_id, struct activity *v,
                               size_t n)
{
	for (size_t at = 0; at < n; at += BATCH) {
		struct db_param p[BATCH + 2];
		p[0] = DB_INT(org_id);
		for (size_t k = 0; k < BATCH; k++)
			p[k + 1] = DB_INT(at + k < n ? v[at + k].id : 0);
		p[BATCH + 1] = (struct db_param){.type = DBP_END};
		struct act_community *rows;
		size_t n_rows;
		if (db_rows(db, a,
		            "SELECT ac.activity_id, c.id, c.name FROM activity_communities ac"
		            " JOIN communities c ON c.id = ac.community_id AND c.org_id = ac.org_id"
		            /* "+ 0": look the activities up by id, not every row of the org */
		            " WHERE ac.org_id + 0 = ?1 AND ac.activity_id IN (?2, ?3, ?4, ?5, ?6, "
		            "?7, ?8,"
		            " ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17) ORDER BY c.name, c.id",
		            p, sizeof(*rows), read_act_community, &rows, &n_rows) != 0)
			return -1;
		for (size_t k = at; k < n && k < at + BATCH; k++) {
			size_t m = 0;
			for (size_t j = 0; j < n_rows; j++)
				m += rows[j].activity_id == v[k].id;
			v[k].communities = arena_alloc(a, (m + 1) * sizeof(*v[k].communities));
			v[k].n_communities = 0;
			for (size_t j = 0; j < n_rows; j++)
				if (rows[j].activity_id == v[k].id)
					v[k].communities[v[k].n_communities++] = rows[j].ref;
		}
	}
	return 0;
}

int activity_get(struct db *db, struct arena *a, long long org_id, long long attached, long long id,
                 struct activity *out)
{
	struct activity *v;
	size_t n;
	if (db_rows(db, a, ACT_SELECT " WHERE a.id = ?1 AND a.org_id = ?2" ACT_ATTACHED,
	            DB_ARGS(DB_INT(id), DB_INT(org_id), DB_INT(attached)), sizeof(*v),
	            read_activity, &v, &n) != 0)
		return -1;
	if (n == 0)
		return 0;
	*out = v[0];
	if (load_communities(db, a, org_id, out) != 0 ||
	    db_rows(db, a,
	            "SELECT p.id, p.name FROM activity_staff s JOIN persons p ON p.id = s.person_id"
	            " WHERE s.activity_id = ? AND s.org_id = ? ORDER BY p.name, p.id",
	            DB_ARGS(DB_INT(id), DB_INT(org_id)), sizeof(struct activity_ref), read_ref,
	            &out->staff, &out->n_staff) != 0 ||
	    db_rows(db, a,
	            "SELECT p.id, p.name FROM activity_partners s JOIN partners p"
	            " ON p.id = s.partner_id AND p.org_id = s.org_id"
	            " WHERE s.activity_id = ? AND s.org_id = ? ORDER BY p.name, p.id",
	            DB_ARGS(DB_INT(id), DB_INT(org_id)), sizeof(struct activity_ref), read_ref,
	            &out->partners, &out->n_partners) != 0)
		return -1;
	return 1;
}

/*
 * Parameters: org, org, attached, community, branch, made, from, to. Two
 * statements: for everyone (attached is 0; the EXISTS of ACT_ATTACHED costs
 * a lookup per row even then) and for an ambassadeur.
 */
#define ALIST_FILTER                                                                               \
	" AND (?4 = 0 OR EXISTS (SELECT 1 FROM activity_communities f"                             \
	" WHERE f.activity_id = a.id AND f.org_id = a.org_id AND f.community_id = ?4))"            \
	" AND (?5 = 0 OR a.branch_id = ?5) AND (?6 = '' OR a.made = ?6)"                           \
	" AND (?7 = '' OR a.held_on >= ?7) AND (?8 = '' OR a.held_on <= ?8)"
#define ALIST_WHERE     " WHERE a.org_id = ?1 AND a.org_id = ?2 AND ?3 = 0" ALIST_FILTER
#define ALIST_WHERE_AMB " WHERE a.org_id = ?1 AND a.org_id = ?2" ACT_ATTACHED ALIST_FILTER
#define ALIST_SORTS(where)                                                                         \
	DB_SQL(ACT_SELECT where " ORDER BY a.held_on DESC, a.starts_at DESC, a.id DESC"            \
	                        " LIMIT ?9 OFFSET ?10"),                                           \
	    DB_SQL(ACT_SELECT where " ORDER BY a.held_on, a.starts_at, a.id LIMIT ?9 OFFSET ?10"), \
	    DB_SQL(ACT_SELECT where " ORDER BY LOWER(a.title), a.held_on DESC, a.id"               \
	                            " LIMIT ?9 OFFSET ?10"),                                       \
	    DB_SQL(ACT_SELECT where " ORDER BY COALESCE(a.participants, -1) DESC,"                 \
	                            " a.held_on DESC, a.id DESC LIMIT ?9 OFFSET ?10")

int activity_list(struct db *db, struct arena *a, long long org_id, long long attached,
                  const struct activity_filter *f, long long limit, long long offset,
                  struct activity **out, size_t *n_out, long long *total)
{
	const char *made = nz(f->made), *from = nz(f->from), *to = nz(f->to);
#define ALIST_ARGS                                                                                 \
	DB_INT(org_id), DB_INT(org_id), DB_INT(attached), DB_INT(f->community), DB_INT(f->branch), \
	    DB_TEXT(made), DB_TEXT(from), DB_TEXT(to)
	const struct db_sql counts[] = {
	    DB_SQL("SELECT COUNT(*) FROM activities a" ALIST_WHERE),
	    DB_SQL("SELECT COUNT(*) FROM activities a" ALIST_WHERE_AMB)};
	if (db_query_int_stmt(db, counts[attached != 0], DB_ARGS(ALIST_ARGS), total) != DB_ROW)
		return -1;
	const struct db_sql all_sorts[] = {ALIST_SORTS(ALIST_WHERE)};
	const struct db_sql amb_sorts[] = {ALIST_SORTS(ALIST_WHERE_AMB)};
	const struct db_sql *sorts = attached ? amb_sorts : all_sorts;
	size_t s = (size_t)f->sort < sizeof(all_sorts) / sizeof(all_sorts[0]) ? (size_t)f->sort : 0;
	if (db_rows_stmt(
	        db, a, sorts[s],
	        DB_ARGS(ALIST_ARGS, DB_INT(limit > 0 ? limit : 1000000000000LL), DB_INT(offset)),
	        sizeof(struct activity), read_activity, out, n_out) != 0)
		return -1;
#undef ALIST_ARGS
	return load_communities_of(db, a, org_id, *out, *n_out);
}

int activity_community_recent(struct db *db, struct arena *a, long long org_id,
                              long long community_id, const char *today, size_t max,
                              struct activity **next, size_t *n_next, struct activity **last,
                              size_t *n_last)
{
	if (db_rows(db, a,
	            ACT_SELECT " JOIN activity_communities c ON c.activity_id = a.id"
	                       " AND c.org_id = a.org_id WHERE a.org_id = ? AND c.community_id = ?"
	                       " AND a.held_on >= ? AND a.status <> 'cancelled'"
	                       " ORDER BY a.held_on, a.starts_at, a.id LIMIT ?",
	            DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_TEXT(today),
	                    DB_INT((long long)max)),
	            sizeof(struct activity), read_activity, next, n_next) != 0 ||
	    db_rows(db, a,
	            ACT_SELECT " JOIN activity_communities c ON c.activity_id = a.id"
	                       " AND c.org_id = a.org_id WHERE a.org_id = ? AND c.community_id = ?"
	                       " AND a.held_on < ? ORDER BY a.held_on DESC, a.starts_at DESC,"
	                       " a.id DESC LIMIT ?",
	            DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_TEXT(today),
	                    DB_INT((long long)max)),
	            sizeof(struct activity), read_activity, last, n_last) != 0)
		return -1;
	return 0;
}

static int read_made_count(struct db_stmt *st, void *elem, struct arena *a)
{
	struct activity_ref *r = elem; /* id: the count, name: the way of making */
	r->name = db_col_text(st, 0, a);
	r->id = db_col_int(st, 1);
	return 0;
}

int activity_made_counts(struct db *db, long long org_id, long long community_id, const char *from,
                         long long counts[3])
{
	struct arena a;
	arena_init(&a);
	struct activity_ref *v;
	size_t n;
	int rc = db_rows(db, &a,
	                 "SELECT made, SUM(activities) FROM community_activity_months"
	                 " WHERE org_id = ? AND community_id = ? AND month >= ? GROUP BY made",
	                 DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_TEXT(from)), sizeof(*v),
	                 read_made_count, &v, &n);
	counts[0] = counts[1] = counts[2] = 0;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		int k = vocab_index(activity_mades, v[i].name);
		if (k >= 0)
			counts[k] = v[i].id;
	}
	arena_free(&a);
	return rc;
}

int activity_community_choices(struct db *db, struct arena *a, long long org_id, long long attached,
                               struct activity_ref **out, size_t *n_out)
{
	return db_rows(db, a,
	               "SELECT c.id, c.name FROM communities c WHERE c.org_id = ?1"
	               " AND (?2 = 0 OR EXISTS (SELECT 1 FROM community_ambassadors ca"
	               " JOIN memberships m ON m.org_id = ca.org_id AND m.person_id = ca.person_id"
	               " AND m.role = 'ambassadeur' WHERE ca.community_id = c.id"
	               " AND ca.org_id = c.org_id AND ca.person_id = ?2)) ORDER BY c.name, c.id",
	               DB_ARGS(DB_INT(org_id), DB_INT(attached)), sizeof(struct activity_ref),
	               read_ref, out, n_out);
}

/* ---- the summaries recomputed ---- */

/* The held activities per org, branch, month and way of making, from raw rows. */
#define RAW_MONTHS                                                                                 \
	"SELECT org_id, COALESCE(branch_id, 0), SUBSTR(held_on, 1, 7), made, COUNT(*),"            \
	" CAST(SUM(COALESCE(participants, 0)) AS BIGINT) FROM activities"                          \
	" WHERE status = 'held' AND (?1 = 0 OR org_id = ?1)"                                       \
	" GROUP BY org_id, COALESCE(branch_id, 0), SUBSTR(held_on, 1, 7), made"
#define SUM_MONTHS                                                                                 \
	"SELECT org_id, branch_id, month, made, activities, participants FROM activity_months"     \
	" WHERE (?1 = 0 OR org_id = ?1)"
/* The same per community. */
#define RAW_CMONTHS                                                                                \
	"SELECT a.org_id, c.community_id, SUBSTR(a.held_on, 1, 7), a.made, COUNT(*),"              \
	" CAST(SUM(COALESCE(a.participants, 0)) AS BIGINT) FROM activities a"                      \
	" JOIN activity_communities c ON c.activity_id = a.id AND c.org_id = a.org_id"             \
	" WHERE a.status = 'held' AND (?1 = 0 OR a.org_id = ?1)"                                   \
	" GROUP BY a.org_id, c.community_id, SUBSTR(a.held_on, 1, 7), a.made"
#define SUM_CMONTHS                                                                                \
	"SELECT org_id, community_id, month, made, activities, participants"                       \
	" FROM community_activity_months WHERE (?1 = 0 OR org_id = ?1)"

int activity_summaries_check(struct db *db, long long org_id, long long *n_diff)
{
	const struct db_sql checks[] = {
	    DB_SQL("SELECT COUNT(*) FROM (" RAW_MONTHS " EXCEPT " SUM_MONTHS ") d"),
	    DB_SQL("SELECT COUNT(*) FROM (" SUM_MONTHS " EXCEPT " RAW_MONTHS ") d"),
	    DB_SQL("SELECT COUNT(*) FROM (" RAW_CMONTHS " EXCEPT " SUM_CMONTHS ") d"),
	    DB_SQL("SELECT COUNT(*) FROM (" SUM_CMONTHS " EXCEPT " RAW_CMONTHS ") d"),
	};
	*n_diff = 0;
	for (size_t i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
		long long n = 0;
		if (db_query_int_stmt(db, checks[i], DB_ARGS(DB_INT(org_id)), &n) != DB_ROW)
			return -1;
		*n_diff += n;
	}
	return 0;
}

/* ---- the search document ---- */

int search_sync_activity(struct db *db, long long org_id, long long id)
{
	struct arena a;
	arena_init(&a);
	struct activity act;
	int rc = -1;
	int found = activity_get(db, &a, org_id, 0, id, &act);
	if (found == 0) {
		rc = search_index_remove(db, org_id, "activity", id);
	} else if (found == 1) {
		struct buf b;
		buf_init(&b, &a);
		const char *fields[] = {act.made, act.branch_name, act.place, act.outcome,
		                        act.follow_up};
		for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
			search_text_add(&b, fields[i]);
		for (size_t i = 0; i < act.n_communities; i++)
			search_text_add(&b, act.communities[i].name);
		for (size_t i = 0; i < act.n_partners; i++)
			search_text_add(&b, act.partners[i].name);
		rc = search_index_put(db, org_id, "activity", id, act.title, buf_str(&b));
	}
	arena_free(&a);
	return rc;
}
