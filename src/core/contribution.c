/*
 * contribution.c - one person's communities, roles and activities (see
 * contribution.h).
 */
#include "contribution.h"

#include <string.h>

static int read_community(struct db_stmt *st, void *elem, struct arena *a)
{
	struct my_community *c = elem;
	c->id = db_col_int(st, 0);
	c->name = db_col_text(st, 1, a);
	c->status = db_col_text(st, 2, a);
	c->roles = db_col_text(st, 3, a);
	return 0;
}

int contribution_communities(struct db *db, struct arena *a, long long org_id, long long person_id,
                             struct my_community **out, size_t *n_out)
{
	struct my_community *rows;
	size_t n;
	/* one row per role, ordered, then folded per community below */
	if (db_rows(db, a,
	            "SELECT c.id, c.name, c.status, s.role FROM community_staff s"
	            " JOIN communities c ON c.id = s.community_id AND c.org_id = s.org_id"
	            " WHERE s.org_id = ?1 AND s.person_id = ?2"
	            " ORDER BY LOWER(c.name), c.id, s.role",
	            DB_ARGS(DB_INT(org_id), DB_INT(person_id)), sizeof(*rows), read_community,
	            &rows, &n) != 0)
		return -1;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (k > 0 && rows[k - 1].id == rows[i].id) {
			rows[k - 1].roles =
			    arena_printf(a, "%s,%s", rows[k - 1].roles, rows[i].roles);
			continue;
		}
		rows[k++] = rows[i];
	}
	*out = rows;
	*n_out = k;
	return 0;
}

static int read_activity(struct db_stmt *st, void *elem, struct arena *a)
{
	struct my_activity *v = elem;
	v->id = db_col_int(st, 0);
	v->title = db_col_text(st, 1, a);
	v->held_on = db_col_text(st, 2, a);
	v->status = db_col_text(st, 3, a);
	return 0;
}

int contribution_activities(struct db *db, struct arena *a, long long org_id, long long person_id,
                            const char *from, long long limit, struct my_activity **out,
                            size_t *n_out)
{
	return db_rows(db, a,
	               "SELECT a.id, a.title, a.held_on, a.status FROM activity_staff s"
	               " JOIN activities a ON a.id = s.activity_id AND a.org_id = s.org_id"
	               " WHERE s.org_id = ?1 AND s.person_id = ?2 AND a.held_on >= ?3"
	               " AND a.status <> 'cancelled' ORDER BY a.held_on, a.id LIMIT ?4",
	               DB_ARGS(DB_INT(org_id), DB_INT(person_id), DB_TEXT(from), DB_INT(limit)),
	               sizeof(**out), read_activity, out, n_out);
}
