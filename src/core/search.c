/*
 * search.c - what communities, partners and conversations put in the
 * search index, and the search as a person may do it (see search.h). The
 * index itself is the leaf db/search_index.c.
 */
#include "search.h"

#include <string.h>

#include "../i18n/text.h"
#include "community.h"
#include "conversation.h"
#include "partner.h"

static int add_rows(struct db *db, struct arena *a, struct buf *b, const char *sql, long long id,
                    long long org_id)
{
	struct db_stmt *st;
	if (db_query(db, &st, sql, DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		search_text_add(b, db_col_text(st, 0, a));
	db_finish(st);
	return rc == DB_DONE ? 0 : -1;
}

int search_sync_community(struct db *db, long long org_id, long long id)
{
	struct arena a;
	arena_init(&a);
	struct community c;
	int rc = -1;
	int found = community_get(db, &a, org_id, id, &c);
	if (found == 0) {
		rc = search_index_remove(db, org_id, "community", id);
	} else if (found == 1) {
		struct buf b;
		buf_init(&b, &a);
		const char *fields[] = {c.description, c.why,          c.geography,  c.identity,
		                        c.affinity,    c.contact_name, c.contact_how};
		for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
			search_text_add(&b, fields[i]);
		if (add_rows(
		        db, &a, &b,
		        "SELECT text FROM community_items WHERE community_id = ? AND org_id = ?"
		        " ORDER BY kind, position, id",
		        id, org_id) == 0)
			rc = search_index_put(db, org_id, "community", id, c.name, buf_str(&b));
	}
	arena_free(&a);
	return rc;
}

/* Ids and orgs of every row of table (a literal SQL text). */
static int all_ids(struct db *db, struct arena *a, const char *sql, long long **ids,
                   long long **orgs, size_t *n_out)
{
	struct db_stmt *st;
	size_t n = 0, cap = 0;
	long long *v = NULL, *o = NULL;
	if (db_query(db, &st, sql, DB_NOARGS) != DB_OK)
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
	static const char *const tables[] = {"SELECT id, org_id FROM communities",
	                                     "SELECT id, org_id FROM partners",
	                                     "SELECT id, org_id FROM conversations"};
	int (*sync[])(struct db *, long long, long long) = {
	    search_sync_community, search_sync_partner, search_sync_conversation};
	for (size_t t = 0; rc == 0 && t < 3; t++) {
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

static const char *const all_kinds[] = {"community", "partner", "conversation"};

int search_run(struct db *db, struct arena *a, long long org_id, long long only_attached,
               bool staff_kinds, const char *input, struct search_result *out)
{
	struct search_scope scope = {.kinds = all_kinds, .n_kinds = 3};
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
