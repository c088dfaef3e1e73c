/*
 * reindex.c - rebuilds the search index from the records (see reindex.h).
 */
#include "reindex.h"

#include <string.h>

#include "../db/search_index.h"
#include "activity.h"
#include "community.h"
#include "conversation.h"
#include "goal.h"      /* goals: shared goals */
#include "knowledge.h" /* knowledge (issue 11) */
#include "partner.h"

/* Ids and orgs of every row of table (a literal SQL text). */
static int all_ids(struct db *db, struct arena *a, struct db_sql sql, long long **ids,
                   long long **orgs, size_t *n_out)
{
	struct db_stmt *st;
	size_t n = 0, cap = 0;
	long long *v = NULL, *o = NULL;
	if (db_query_stmt(db, &st, sql, DB_NOARGS) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			long long *nv = arena_alloc(a, ncap * sizeof(*nv));
			long long *no = arena_alloc(a, ncap * sizeof(*no));
			if (n) {
				memcpy(nv, v, n * sizeof(*nv));
				memcpy(no, o, n * sizeof(*no));
			}
			v = nv;
			o = no;
			cap = ncap;
		}
		v[n] = db_col_int(st, 0);
		o[n] = db_col_int(st, 1);
		n++;
	}
	db_finish(st);
	*ids = v;
	*orgs = o;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
}

/* Rebuilds everything inside the caller's transaction. 0 or -1. */
static int rebuild_in_tx(struct db *db)
{
	if (search_index_clear(db) != 0)
		return -1;
	struct arena a;
	arena_init(&a);
	long long *ids, *orgs;
	size_t n;
	int rc = 0;
	const struct db_sql tables[] = {
	    DB_SQL("SELECT id, org_id FROM communities"), DB_SQL("SELECT id, org_id FROM partners"),
	    DB_SQL("SELECT id, org_id FROM conversations"),
	    DB_SQL("SELECT id, org_id FROM activities") /* issue 9 */,
	    /* goals: the shared goals */
	    DB_SQL("SELECT id, org_id FROM goals WHERE kind = 'shared'"),
	    /* knowledge (issue 11) */
	    DB_SQL("SELECT id, org_id FROM knowledge_items")};
	int (*sync[])(struct db *, long long, long long) = {
	    community_index,      search_sync_partner, search_sync_conversation,
	    search_sync_activity, search_sync_goal,    search_sync_knowledge};
	for (size_t t = 0; rc == 0 && t < sizeof(tables) / sizeof(tables[0]); t++) {
		if (all_ids(db, &a, tables[t], &ids, &orgs, &n) != 0) {
			rc = -1;
			break;
		}
		for (size_t i = 0; rc == 0 && i < n; i++)
			rc = sync[t](db, orgs[i], ids[i]);
	}
	if (rc == 0 && search_index_mark_built(db) != 0)
		rc = -1;
	arena_free(&a);
	return rc;
}

int search_rebuild(struct db *db)
{
	if (db_begin(db) != DB_OK)
		return -1;
	if (rebuild_in_tx(db) != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db) == DB_OK ? 0 : -1;
}

int search_ensure_index(struct db *db)
{
	int built = search_index_is_built(db);
	if (built != 0)
		return built > 0 ? 0 : -1;
	if (db_begin(db) != DB_OK)
		return -1;
	/* someone else may have built it while this thread waited for the lock */
	built = search_index_is_built(db);
	if (built < 0 || (!built && rebuild_in_tx(db) != 0)) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db) == DB_OK ? 0 : -1;
}
