/*
 * search.c - the search as a person may do it (see search.h). The index
 * itself is the leaf db/search_index.c; every domain module builds its own
 * documents (community.c, partner.c, conversation.c).
 */
#include "search.h"

#include <string.h>

/* Ids of the communities of org that person may see as ambassadeur. 0 or -1. */
static int attached_communities(struct db *db, struct arena *a, long long org_id, long long person,
                                long long **out, size_t *n_out)
{
	struct db_stmt *st;
	size_t n = 0, cap = 0;
	long long *v = NULL;
	if (db_query(db, &st,
	             "SELECT a.community_id FROM community_ambassadors a"
	             " JOIN memberships m ON m.org_id = a.org_id AND m.person_id = a.person_id"
	             " AND m.role = 'ambassadeur'"
	             " WHERE a.org_id = ?1 AND a.person_id = ?2",
	             DB_ARGS(DB_INT(org_id), DB_INT(person))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, n, &cap, sizeof(*v));
		v[n++] = db_col_int(st, 0);
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
}

static const char *const all_kinds[] = {"community", "partner", "conversation",
                                        "goal" /* goals: shared goals */};

int search_run(struct db *db, struct arena *a, long long org_id, long long only_attached,
               bool staff_kinds, const char *input, struct search_result *out)
{
	struct search_scope scope = {.kinds = all_kinds,
	                             .n_kinds = sizeof(all_kinds) / sizeof(all_kinds[0])};
	if (!staff_kinds || only_attached != 0)
		scope.n_kinds = 1; /* communities only */
	if (only_attached != 0) {
		scope.only_refs = true;
		long long *ids;
		if (attached_communities(db, a, org_id, only_attached, &ids, &scope.n_refs) != 0) {
			memset(out, 0, sizeof(*out));
			return -1;
		}
		scope.refs = ids;
	}
	return search_index_find(db, a, org_id, &scope, input, out);
}
