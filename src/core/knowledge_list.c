/*
 * knowledge_list.c - reading knowledge items: one item, the kennisbank's
 * pages, tags in use, the advisers' shared items, and the search documents
 * (see knowledge.h).
 */
#include <string.h>

#include "../db/search_index.h"
#include "knowledge.h"

/* Columns read by read_item(); the body column is given by the caller. */
#define KN_COLS(body)                                                                              \
	"SELECT k.id, k.version, k.community_id, c.name, k.kind, k.title, " body ", k.url,"        \
	" COALESCE(k.activity_id, 0), COALESCE(k.conversation_id, 0), k.shared, k.created_at,"     \
	" k.updated_at, COALESCE(f.id, 0), COALESCE(f.content_type, ''), COALESCE(f.alt, ''),"     \
	" o.slug, o.name FROM knowledge_items k"                                                   \
	" JOIN communities c ON c.id = k.community_id AND c.org_id = k.org_id"                     \
	" JOIN orgs o ON o.id = k.org_id"                                                          \
	" LEFT JOIN knowledge_files f ON f.item_id = k.id AND f.org_id = k.org_id"
/* An ambassadeur (parameter n, 0 for everyone else) sees their communities' items only. */
#define KN_ATTACHED(n)                                                                             \
	" AND (" n " = 0 OR EXISTS (SELECT 1 FROM community_ambassadors ca"                        \
	" JOIN memberships m ON m.org_id = ca.org_id AND m.person_id = ca.person_id"               \
	" AND m.role = 'ambassadeur' WHERE ca.community_id = k.community_id"                       \
	" AND ca.org_id = k.org_id AND ca.person_id = " n "))"

static int read_item(struct db_stmt *st, void *elem, struct arena *a)
{
	struct knowledge *k = elem;
	k->id = db_col_int(st, 0);
	k->version = db_col_int(st, 1);
	k->community_id = db_col_int(st, 2);
	k->community_name = db_col_text(st, 3, a);
	k->kind = db_col_text(st, 4, a);
	k->title = db_col_text(st, 5, a);
	k->body = db_col_text(st, 6, a);
	k->url = db_col_text(st, 7, a);
	k->activity_id = db_col_int(st, 8);
	k->conversation_id = db_col_int(st, 9);
	k->shared = db_col_int(st, 10) != 0;
	k->created_at = db_col_int(st, 11);
	k->updated_at = db_col_int(st, 12);
	k->file_id = db_col_int(st, 13);
	k->file_type = db_col_text(st, 14, a);
	k->file_alt = db_col_text(st, 15, a);
	k->org_slug = db_col_text(st, 16, a);
	k->org_name = db_col_text(st, 17, a);
	k->activity_title = "";
	k->conversation_subject = "";
	return 0;
}

static int read_text(struct db_stmt *st, void *elem, struct arena *a)
{
	*(const char **)elem = db_col_text(st, 0, a);
	return 0;
}

/* One row of the tags of a page of items. */
struct item_tag {
	long long item_id;
	const char *tag;
};

static int read_item_tag(struct db_stmt *st, void *elem, struct arena *a)
{
	struct item_tag *t = elem;
	t->item_id = db_col_int(st, 0);
	t->tag = db_col_text(st, 1, a);
	return 0;
}

static int read_person(struct db_stmt *st, void *elem, struct arena *a)
{
	struct knowledge_person *p = elem;
	p->id = db_col_int(st, 0);
	p->name = db_col_text(st, 1, a);
	return 0;
}

/* The tags of item k, by name. 0 or -1. */
static int load_tags(struct db *db, struct arena *a, long long org_id, struct knowledge *k)
{
	return db_rows(
	    db, a, "SELECT tag FROM knowledge_tags WHERE item_id = ? AND org_id = ? ORDER BY tag",
	    DB_ARGS(DB_INT(k->id), DB_INT(org_id)), sizeof(const char *), read_text, &k->tags,
	    &k->n_tags);
}

/* The title of row 0 col 0 of a one-row query, or "" (for source names). */
static const char *one_text(struct db *db, struct arena *a, struct db_sql sql, long long id,
                            long long org_id)
{
	const char **v;
	size_t n;
	if (db_rows_stmt(db, a, sql, DB_ARGS(DB_INT(id), DB_INT(org_id)), sizeof(*v), read_text, &v,
	                 &n) != 0 ||
	    n == 0)
		return "";
	return v[0];
}

int knowledge_get(struct db *db, struct arena *a, long long org_id, long long attached,
                  long long id, struct knowledge *out)
{
	struct knowledge *v;
	size_t n;
	if (db_rows(db, a, KN_COLS("k.body") " WHERE k.id = ?1 AND k.org_id = ?2" KN_ATTACHED("?3"),
	            DB_ARGS(DB_INT(id), DB_INT(org_id), DB_INT(attached)), sizeof(*v), read_item,
	            &v, &n) != 0)
		return -1;
	if (n == 0)
		return 0;
	*out = v[0];
	if (load_tags(db, a, org_id, out) != 0 ||
	    db_rows(db, a,
	            "SELECT p.id, p.name FROM knowledge_contributors kc JOIN persons p"
	            " ON p.id = kc.person_id WHERE kc.item_id = ? AND kc.org_id = ?"
	            " ORDER BY p.name, p.id",
	            DB_ARGS(DB_INT(id), DB_INT(org_id)), sizeof(struct knowledge_person),
	            read_person, &out->contributors, &out->n_contributors) != 0)
		return -1;
	if (out->activity_id)
		out->activity_title = one_text(
		    db, a, DB_SQL("SELECT title FROM activities WHERE id = ? AND org_id = ?"),
		    out->activity_id, org_id);
	if (out->conversation_id)
		out->conversation_subject = one_text(
		    db, a, DB_SQL("SELECT subject FROM conversations WHERE id = ? AND org_id = ?"),
		    out->conversation_id, org_id);
	return 1;
}

/* Parameters: org, attached, community, kind, tag (then limit, offset). */
#define KLIST_WHERE                                                                                \
	" WHERE k.org_id = ?1" KN_ATTACHED(                                                        \
	    "?2") " AND (?3 = 0 OR k.community_id = ?3)"                                           \
	          " AND (?4 = '' OR k.kind = ?4) AND (?5 = '' OR EXISTS (SELECT 1 FROM "           \
	          "knowledge_tags t"                                                               \
	          " WHERE t.item_id = k.id AND t.org_id = k.org_id AND t.tag = ?5))"

int knowledge_list(struct db *db, struct arena *a, long long org_id, long long attached,
                   const struct knowledge_filter *f, long long limit, long long offset,
                   struct knowledge **out, size_t *n_out, long long *total)
{
	*out = NULL;
	*n_out = 0;
	*total = 0;
	const char *kind = f->kind ? f->kind : "", *tag = f->tag ? f->tag : "";
	if (db_query_int(db, "SELECT COUNT(*) FROM knowledge_items k" KLIST_WHERE,
	                 DB_ARGS(DB_INT(org_id), DB_INT(attached), DB_INT(f->community),
	                         DB_TEXT(kind), DB_TEXT(tag)),
	                 total) != DB_ROW)
		return -1;
	if (db_rows(db, a,
	            KN_COLS("SUBSTR(k.body, 1, 400)") KLIST_WHERE
	            " ORDER BY k.created_at DESC, k.id DESC LIMIT ?6 OFFSET ?7",
	            DB_ARGS(DB_INT(org_id), DB_INT(attached), DB_INT(f->community), DB_TEXT(kind),
	                    DB_TEXT(tag), DB_INT(limit > 0 ? limit : 1000000), DB_INT(offset)),
	            sizeof(**out), read_item, out, n_out) != 0)
		return -1;
	if (*n_out == 0)
		return 0;
	/* the tags of the whole page in one read, not one per item */
	struct item_tag *t;
	size_t n_t;
	if (db_rows(db, a,
	            "SELECT t.item_id, t.tag FROM knowledge_tags t WHERE t.org_id = ?1"
	            " AND t.item_id IN (SELECT k.id FROM knowledge_items k" KLIST_WHERE
	            " ORDER BY k.created_at DESC, k.id DESC LIMIT ?6 OFFSET ?7)"
	            " ORDER BY t.item_id, t.tag",
	            DB_ARGS(DB_INT(org_id), DB_INT(attached), DB_INT(f->community), DB_TEXT(kind),
	                    DB_TEXT(tag), DB_INT(limit > 0 ? limit : 1000000), DB_INT(offset)),
	            sizeof(*t), read_item_tag, &t, &n_t) != 0)
		return -1;
	for (size_t i = 0; i < *n_out; i++) {
		struct knowledge *k = &(*out)[i];
		size_t n = 0;
		for (size_t j = 0; j < n_t; j++)
			n += t[j].item_id == k->id;
		k->tags = arena_alloc(a, (n + 1) * sizeof(*k->tags));
		k->n_tags = 0;
		for (size_t j = 0; j < n_t; j++)
			if (t[j].item_id == k->id)
				k->tags[k->n_tags++] = t[j].tag;
	}
	return 0;
}

int knowledge_tags_in_use(struct db *db, struct arena *a, long long org_id, long long attached,
                          const char ***out, size_t *n_out)
{
	return db_rows(
	    db, a,
	    "SELECT DISTINCT t.tag FROM knowledge_tags t JOIN knowledge_items k"
	    " ON k.id = t.item_id AND k.org_id = t.org_id WHERE t.org_id = ?1" KN_ATTACHED(
	        "?2") " ORDER BY t.tag LIMIT 200",
	    DB_ARGS(DB_INT(org_id), DB_INT(attached)), sizeof(const char *), read_text, out, n_out);
}

int knowledge_shared_list(struct db *db, struct arena *a, long long person, long long limit,
                          long long offset, struct knowledge **out, size_t *n_out, long long *total)
{
	*out = NULL;
	*n_out = 0;
	if (db_query_int(db,
	                 "SELECT COUNT(*) FROM knowledge_items k JOIN memberships m"
	                 " ON m.org_id = k.org_id AND m.person_id = ?1 AND m.role = 'adviseur'"
	                 " WHERE k.shared = 1",
	                 DB_ARGS(DB_INT(person)), total) != DB_ROW)
		return -1;
	if (db_rows(
	        db, a,
	        KN_COLS("SUBSTR(k.body, 1, 400)") " JOIN memberships m ON m.org_id = k.org_id"
	                                          " AND m.person_id = ?1 AND m.role = 'adviseur'"
	                                          " WHERE k.shared = 1"
	                                          " ORDER BY k.created_at DESC, k.id DESC"
	                                          " LIMIT ?2 OFFSET ?3",
	        DB_ARGS(DB_INT(person), DB_INT(limit), DB_INT(offset)), sizeof(**out), read_item,
	        out, n_out) != 0)
		return -1;
	for (size_t i = 0; i < *n_out; i++) {
		struct knowledge *k = &(*out)[i];
		if (db_rows(db, a,
		            "SELECT t.tag FROM knowledge_tags t WHERE t.item_id = ? ORDER BY t.tag",
		            DB_ARGS(DB_INT(k->id)), sizeof(const char *), read_text, &k->tags,
		            &k->n_tags) != 0)
			return -1;
	}
	return 0;
}

static int read_source(struct db_stmt *st, void *elem, struct arena *a)
{
	struct knowledge_source *s = elem;
	s->id = db_col_int(st, 0);
	s->title = db_col_text(st, 1, a);
	s->date = db_col_text(st, 2, a);
	return 0;
}

int knowledge_sources(struct db *db, struct arena *a, long long org_id, long long community_id,
                      size_t max, struct knowledge_source **acts, size_t *n_acts,
                      struct knowledge_source **convs, size_t *n_convs)
{
	if (db_rows(db, a,
	            "SELECT a.id, a.title, a.held_on FROM activities a JOIN activity_communities ac"
	            " ON ac.activity_id = a.id AND ac.org_id = a.org_id WHERE ac.community_id = ?"
	            " AND a.org_id = ? ORDER BY a.held_on DESC, a.id DESC LIMIT ?",
	            DB_ARGS(DB_INT(community_id), DB_INT(org_id), DB_INT((long long)max)),
	            sizeof(**acts), read_source, acts, n_acts) != 0)
		return -1;
	return db_rows(db, a,
	               "SELECT id, subject, held_on FROM conversations WHERE community_id = ?"
	               " AND org_id = ? ORDER BY held_on DESC, id DESC LIMIT ?",
	               DB_ARGS(DB_INT(community_id), DB_INT(org_id), DB_INT((long long)max)),
	               sizeof(**convs), read_source, convs, n_convs);
}

int knowledge_people(struct db *db, struct arena *a, long long org_id, long long community_id,
                     struct knowledge_person **out, size_t *n_out)
{
	return db_rows(db, a,
	               "SELECT p.id, p.name FROM memberships m JOIN persons p ON p.id = m.person_id"
	               " WHERE m.org_id = ?1 AND (m.role IN ('beheerder', 'medewerker')"
	               " OR (m.role = 'ambassadeur' AND EXISTS (SELECT 1 FROM community_ambassadors"
	               " ca WHERE ca.org_id = ?1 AND ca.person_id = m.person_id"
	               " AND ca.community_id = ?2))) ORDER BY p.name, p.id",
	               DB_ARGS(DB_INT(org_id), DB_INT(community_id)), sizeof(**out), read_person,
	               out, n_out);
}

int search_sync_knowledge(struct db *db, long long org_id, long long id)
{
	struct arena a;
	arena_init(&a);
	struct knowledge k;
	int rc = -1;
	int found = knowledge_get(db, &a, org_id, 0, id, &k);
	if (found == 0) {
		rc = search_index_remove(db, org_id, "knowledge", id);
	} else if (found == 1) {
		struct buf b;
		buf_init(&b, &a);
		search_text_add(&b, k.body);
		search_text_add(&b, k.url);
		for (size_t i = 0; i < k.n_tags; i++)
			search_text_add(&b, k.tags[i]);
		search_text_add(&b, k.community_name);
		search_text_add(&b, k.file_alt);
		rc = search_index_put(db, org_id, "knowledge", id, k.title, buf_str(&b));
	}
	arena_free(&a);
	return rc;
}

static int read_id(struct db_stmt *st, void *elem, struct arena *a)
{
	(void)a;
	*(long long *)elem = db_col_int(st, 0);
	return 0;
}

int knowledge_ids_attached(struct db *db, struct arena *a, long long org_id, long long person,
                           long long **out, size_t *n_out)
{
	return db_rows(
	    db, a, "SELECT k.id FROM knowledge_items k WHERE k.org_id = ?1" KN_ATTACHED("?2"),
	    DB_ARGS(DB_INT(org_id), DB_INT(person)), sizeof(long long), read_id, out, n_out);
}
