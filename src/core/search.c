/*
 * search.c - the search as a person may do it (see search.h). The index
 * itself is the leaf db/search_index.c; every domain module builds its own
 * documents (community.c, partner.c, conversation.c).
 */
#include "search.h"

#include <string.h>

#include "knowledge.h" /* knowledge (issue 11) */

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

static const char *const all_kinds[] = {"community",
                                        "partner",
                                        "conversation",
                                        "activity" /* issue 9 */,
                                        "goal" /* goals: shared goals */,
                                        "knowledge" /* knowledge (issue 11) */};
#define KNOWLEDGE_GROUP 5 /* the index of "knowledge" in all_kinds */

/*
 * knowledge (issue 11): an ambassadeur also finds the knowledge items of
 * their communities; appended to *out as the knowledge group. 0 or -1.
 */
static int add_attached_knowledge(struct db *db, struct arena *a, long long org_id,
                                  long long person, const char *input, struct search_result *out)
{
	static const char *const kinds[] = {"knowledge"};
	struct search_scope scope = {.kinds = kinds, .n_kinds = 1, .only_refs = true};
	long long *ids;
	if (knowledge_ids_attached(db, a, org_id, person, &ids, &scope.n_refs) != 0)
		return -1;
	if (scope.n_refs == 0)
		return 0;
	scope.refs = ids;
	struct search_result more;
	if (search_index_find(db, a, org_id, &scope, input, &more) != 0)
		return -1;
	if (more.n_hits == 0)
		return 0;
	struct search_hit *all = arena_alloc(a, (out->n_hits + more.n_hits) * sizeof(*all));
	if (out->n_hits)
		memcpy(all, out->hits, out->n_hits * sizeof(*all));
	memcpy(all + out->n_hits, more.hits, more.n_hits * sizeof(*all));
	out->hits = all;
	out->n_hits += more.n_hits;
	out->n_kind[KNOWLEDGE_GROUP] = more.n_hits;
	return 0;
}

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
	int rc = search_index_find(db, a, org_id, &scope, input, out);
	if (rc == 0 && only_attached != 0)
		rc = add_attached_knowledge(db, a, org_id, only_attached, input, out);
	return rc;
}
