/*
 * partner.c - partners and their community links, and the partner list
 * (see partner.h).
 */
#include "partner.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "community.h"
#include "partner_util.h"
#include "../util/clock.h"
#include "../db/search_index.h"

const char *const partner_kinds[] = {"vereniging", "welzijn", "school",  "gemeente", "zorg",
                                     "cultuur",    "bedrijf", "inwoner", "anders",   NULL};

const char *partner_today(struct arena *a)
{
	char s[16];
	clock_today(s);
	return arena_strdup(a, s);
}

/* ---- partners ---- */

static bool partner_valid(const struct partner *p)
{
	return p->name != NULL && p->name[0] != '\0' && vocab_index(partner_kinds, p->kind) >= 0;
}

int partner_get(struct db *db, struct arena *a, long long org_id, long long id, struct partner *out)
{
	struct db_stmt *st;
	if (db_query(
	        db, &st,
	        "SELECT id, version, name, kind, part_of, description, contact_name,"
	        " contact_how, created_at, updated_at FROM partners WHERE id = ? AND org_id = ?",
	        DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		out->id = db_col_int(st, 0);
		out->version = db_col_int(st, 1);
		out->name = db_col_text(st, 2, a);
		out->kind = db_col_text(st, 3, a);
		out->part_of = db_col_text(st, 4, a);
		out->description = db_col_text(st, 5, a);
		out->contact_name = db_col_text(st, 6, a);
		out->contact_how = db_col_text(st, 7, a);
		out->created_at = db_col_int(st, 8);
		out->updated_at = db_col_int(st, 9);
	}
	db_finish(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int partner_exists(struct db *db, long long org_id, long long id)
{
	long long n = 0;
	if (db_query_int(db, "SELECT COUNT(*) FROM partners WHERE id = ? AND org_id = ?",
	                 DB_ARGS(DB_INT(id), DB_INT(org_id)), &n) != DB_ROW)
		return -1;
	return n > 0;
}

int partner_touch(struct db *db, long long org_id, long long id)
{
	if (db_exec(db, "UPDATE partners SET updated_at = ? WHERE id = ? AND org_id = ?",
	            DB_ARGS(DB_INT(now_s()), DB_INT(id), DB_INT(org_id))) != DB_OK)
		return -1;
	return search_sync_partner(db, org_id, id);
}

/* Inserts a link (inside a transaction). SAVE_NOT_FOUND for another org's community. */
static enum save_result link_in_tx(struct db *db, long long org_id, long long actor,
                                   long long partner_id, const char *partner_name,
                                   long long community_id)
{
	struct arena a;
	arena_init(&a);
	struct community c;
	enum save_result rc = SAVE_OK;
	int found = community_get(db, &a, org_id, community_id, &c);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (db_exec(db,
	                 "INSERT INTO partner_communities (org_id, partner_id, community_id,"
	                 " created_at) VALUES (?, ?, ?, ?)"
	                 " ON CONFLICT (partner_id, community_id) DO NOTHING",
	                 DB_ARGS(DB_INT(org_id), DB_INT(partner_id), DB_INT(community_id),
	                         DB_INT(now_s()))) != DB_OK)
		rc = SAVE_ERROR;
	else if (db_changes(db) > 0 &&
	         audit_write(db, org_id, actor, "partner.link",
	                     arena_printf(&a, "%s – %s", audit_text(&a, partner_name),
	                                  audit_text(&a, c.name)),
	                     "") != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return rc;
}

enum save_result partner_create(struct db *db, long long org_id, long long actor,
                                const struct partner *p, const long long *community_ids, size_t n,
                                long long *id_out)
{
	if (!partner_valid(p))
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	long long now = now_s(), id = 0;
	enum save_result rc = SAVE_OK;
	struct arena a;
	arena_init(&a);
	if (db_query_int(db,
	                 "INSERT INTO partners (org_id, name, kind, part_of, description,"
	                 " contact_name, contact_how, created_at, updated_at)"
	                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	                 DB_ARGS(DB_INT(org_id), DB_TEXT(p->name), DB_TEXT(p->kind),
	                         DB_TEXT(nz(p->part_of)), DB_TEXT(nz(p->description)),
	                         DB_TEXT(nz(p->contact_name)), DB_TEXT(nz(p->contact_how)),
	                         DB_INT(now), DB_INT(now)),
	                 &id) != DB_ROW ||
	    audit_write(db, org_id, actor, "partner.create", audit_text(&a, p->name), p->kind) != 0)
		rc = SAVE_ERROR;
	for (size_t i = 0; rc == SAVE_OK && i < n; i++)
		rc = link_in_tx(db, org_id, actor, id, p->name, community_ids[i]);
	if (rc == SAVE_OK && search_sync_partner(db, org_id, id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	rc = save_finish(db, rc);
	if (rc == SAVE_OK && id_out)
		*id_out = id;
	return rc;
}

enum save_result partner_update(struct db *db, long long org_id, long long actor,
                                const struct partner *p)
{
	if (!partner_valid(p))
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	enum save_result rc = SAVE_OK;
	int exists = partner_exists(db, org_id, p->id);
	if (exists < 0)
		rc = SAVE_ERROR;
	else if (exists == 0)
		rc = SAVE_NOT_FOUND;
	else if (db_exec(db,
	                 "UPDATE partners SET name = ?, kind = ?, part_of = ?, description = ?,"
	                 " contact_name = ?, contact_how = ?, updated_at = ?, version = version + 1"
	                 " WHERE id = ? AND org_id = ? AND version = ?",
	                 DB_ARGS(DB_TEXT(p->name), DB_TEXT(p->kind), DB_TEXT(nz(p->part_of)),
	                         DB_TEXT(nz(p->description)), DB_TEXT(nz(p->contact_name)),
	                         DB_TEXT(nz(p->contact_how)), DB_INT(now_s()), DB_INT(p->id),
	                         DB_INT(org_id), DB_INT(p->version))) != DB_OK)
		rc = SAVE_ERROR;
	else if (db_changes(db) == 0)
		rc = SAVE_CONFLICT;
	else if (audit_write(db, org_id, actor, "partner.update", audit_text(&a, p->name),
	                     p->kind) != 0 ||
	         search_sync_partner(db, org_id, p->id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

long long partner_conversation_count(struct db *db, long long org_id, long long partner_id)
{
	long long n = 0;
	if (db_query_int(db,
	                 "SELECT COUNT(*) FROM conversations WHERE partner_id = ? AND org_id = ?",
	                 DB_ARGS(DB_INT(partner_id), DB_INT(org_id)), &n) != DB_ROW)
		return -1;
	return n;
}

enum save_result partner_delete(struct db *db, long long org_id, long long actor, long long id,
                                long long version)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct partner p;
	enum save_result rc = SAVE_OK;
	int found = partner_get(db, &a, org_id, id, &p);
	long long talks = found == 1 ? partner_conversation_count(db, org_id, id) : 0;
	if (found < 0 || talks < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (p.version != version)
		rc = SAVE_CONFLICT; /* someone saved after this person looked */
	else if (talks > 0)
		rc = SAVE_REFUSED; /* the conversations are the memory of the cooperation */
	else if (db_exec(db, "DELETE FROM partners WHERE id = ? AND org_id = ? AND version = ?",
	                 DB_ARGS(DB_INT(id), DB_INT(org_id), DB_INT(version))) != DB_OK ||
	         audit_write(db, org_id, actor, "partner.delete", audit_text(&a, p.name), p.kind) !=
	             0 ||
	         search_sync_partner(db, org_id, id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

/* One row (id, name, status) of a community_refs() query. */
static int read_community_ref(struct db_stmt *st, void *elem, struct arena *a)
{
	struct community_ref *v = elem;
	v->id = db_col_int(st, 0);
	v->name = db_col_text(st, 1, a);
	v->status = db_col_text(st, 2, a);
	return 0;
}

static int community_refs(struct db *db, struct arena *a, struct db_sql sql,
                          const struct db_param *params, struct community_ref **out, size_t *n_out)
{
	return db_rows_stmt(db, a, sql, params, sizeof(**out), read_community_ref, out, n_out);
}

int partner_communities(struct db *db, struct arena *a, long long org_id, long long partner_id,
                        struct community_ref **out, size_t *n_out)
{
	return community_refs(
	    db, a,
	    DB_SQL("SELECT c.id, c.name, c.status FROM partner_communities pc"
	           " JOIN communities c ON c.id = pc.community_id AND c.org_id = pc.org_id"
	           " WHERE pc.partner_id = ? AND pc.org_id = ? ORDER BY LOWER(c.name), c.id"),
	    DB_ARGS(DB_INT(partner_id), DB_INT(org_id)), out, n_out);
}

int partner_community_choices(struct db *db, struct arena *a, long long org_id,
                              struct community_ref **out, size_t *n_out)
{
	return community_refs(db, a,
	                      DB_SQL("SELECT id, name, status FROM communities WHERE org_id = ?"
	                             " ORDER BY LOWER(name), id"),
	                      DB_ARGS(DB_INT(org_id)), out, n_out);
}

enum save_result partner_link(struct db *db, long long org_id, long long actor,
                              long long partner_id, long long community_id)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct partner p;
	enum save_result rc = SAVE_OK;
	int found = partner_get(db, &a, org_id, partner_id, &p);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else
		rc = link_in_tx(db, org_id, actor, partner_id, p.name, community_id);
	if (rc == SAVE_OK && partner_touch(db, org_id, partner_id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result partner_unlink(struct db *db, long long org_id, long long actor,
                                long long partner_id, long long community_id)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct partner p;
	struct community c;
	enum save_result rc = SAVE_OK;
	int found = partner_get(db, &a, org_id, partner_id, &p);
	int cfound = found == 1 ? community_get(db, &a, org_id, community_id, &c) : 0;
	if (found < 0 || cfound < 0)
		rc = SAVE_ERROR;
	else if (found == 0 || cfound == 0)
		rc = SAVE_NOT_FOUND;
	else if (db_exec(db,
	                 "DELETE FROM partner_communities WHERE partner_id = ? AND community_id = ?"
	                 " AND org_id = ?",
	                 DB_ARGS(DB_INT(partner_id), DB_INT(community_id), DB_INT(org_id))) !=
	         DB_OK)
		rc = SAVE_ERROR;
	else if (db_changes(db) == 0)
		rc = SAVE_NOT_FOUND;
	else if (audit_write(
	             db, org_id, actor, "partner.unlink",
	             arena_printf(&a, "%s – %s", audit_text(&a, p.name), audit_text(&a, c.name)),
	             "") != 0 ||
	         partner_touch(db, org_id, partner_id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

/* One row (id, name, kind) of a partner_refs() query. */
static int read_partner_ref(struct db_stmt *st, void *elem, struct arena *a)
{
	struct partner_ref *v = elem;
	v->id = db_col_int(st, 0);
	v->name = db_col_text(st, 1, a);
	v->kind = db_col_text(st, 2, a);
	return 0;
}

static int partner_refs(struct db *db, struct arena *a, struct db_sql sql,
                        const struct db_param *params, struct partner_ref **out, size_t *n_out)
{
	return db_rows_stmt(db, a, sql, params, sizeof(**out), read_partner_ref, out, n_out);
}

int community_partner_list(struct db *db, struct arena *a, long long org_id, long long community_id,
                           struct partner_ref **out, size_t *n_out)
{
	return partner_refs(
	    db, a,
	    DB_SQL("SELECT p.id, p.name, p.kind FROM partner_communities pc"
	           " JOIN partners p ON p.id = pc.partner_id AND p.org_id = pc.org_id"
	           " WHERE pc.community_id = ? AND pc.org_id = ? ORDER BY LOWER(p.name), p.id"),
	    DB_ARGS(DB_INT(community_id), DB_INT(org_id)), out, n_out);
}

int partner_choices(struct db *db, struct arena *a, long long org_id, struct partner_ref **out,
                    size_t *n_out)
{
	return partner_refs(db, a,
	                    DB_SQL("SELECT id, name, kind FROM partners WHERE org_id = ?"
	                           " ORDER BY LOWER(name), id"),
	                    DB_ARGS(DB_INT(org_id)), out, n_out);
}

/* ---- the list ---- */

/* Parameters, in order: today, today (select); org, kind, kind, community, community (where). */
#define PLIST_WHERE                                                                                \
	" FROM partners p WHERE p.org_id = ? AND (? = '' OR p.kind = ?)"                           \
	" AND (? = 0 OR EXISTS (SELECT 1 FROM partner_communities pc"                              \
	" WHERE pc.partner_id = p.id AND pc.community_id = ?))"

#define PLIST_SELECT                                                                               \
	"SELECT p.id, p.name, p.kind, p.part_of, p.updated_at,"                                    \
	" COALESCE((SELECT MAX(c.held_on) FROM conversations c WHERE c.partner_id = p.id), '')"    \
	" AS last_contact,"                                                                        \
	" COALESCE((SELECT MIN(c.next_on) FROM conversations c WHERE c.partner_id = p.id"          \
	" AND c.next_on >= ?), ''),"                                                               \
	" (SELECT COUNT(*) FROM conversations c WHERE c.partner_id = p.id),"                       \
	" (SELECT COUNT(*) FROM action_points ap JOIN conversations c"                             \
	" ON c.id = ap.conversation_id WHERE c.partner_id = p.id AND ap.done_at IS NULL),"         \
	" (SELECT COUNT(*) FROM action_points ap JOIN conversations c"                             \
	" ON c.id = ap.conversation_id WHERE c.partner_id = p.id AND ap.done_at IS NULL"           \
	" AND ap.due_on <> '' AND ap.due_on < ?)" PLIST_WHERE

#define PKIND_RANK                                                                                 \
	"CASE p.kind WHEN 'vereniging' THEN 1 WHEN 'welzijn' THEN 2 WHEN 'school' THEN 3"          \
	" WHEN 'gemeente' THEN 4 WHEN 'zorg' THEN 5 WHEN 'cultuur' THEN 6 WHEN 'bedrijf' THEN 7"   \
	" WHEN 'inwoner' THEN 8 ELSE 9 END"

int partner_list(struct db *db, struct arena *a, long long org_id, const struct partner_filter *f,
                 const char *today, long long limit, long long offset, struct partner_row **out,
                 size_t *n_out, long long *total)
{
	const char *kind = nz(f->kind);
	if (db_query_int(db, "SELECT COUNT(*)" PLIST_WHERE,
	                 DB_ARGS(DB_INT(org_id), DB_TEXT(kind), DB_TEXT(kind), DB_INT(f->community),
	                         DB_INT(f->community)),
	                 total) != DB_ROW)
		return -1;
	int sort = f->sort >= PSORT_NAME && f->sort <= PSORT_UPDATED ? (int)f->sort : PSORT_NAME;
	/* one statement per sort order: statement texts are literals (db.h) */
	const struct db_sql plist_sql[] = {
	    [PSORT_NAME] = DB_SQL(PLIST_SELECT " ORDER BY LOWER(p.name), p.id LIMIT ? OFFSET ?"),
	    [PSORT_KIND] = DB_SQL(PLIST_SELECT " ORDER BY " PKIND_RANK
	                                       ", LOWER(p.name), p.id LIMIT ? OFFSET ?"),
	    /* "" (never met) sorts last when descending; a bare alias is portable, an
	     * alias inside an expression is not (PostgreSQL) */
	    [PSORT_CONTACT] = DB_SQL(
	        PLIST_SELECT " ORDER BY last_contact DESC, LOWER(p.name), p.id LIMIT ? OFFSET ?"),
	    [PSORT_UPDATED] =
	        DB_SQL(PLIST_SELECT " ORDER BY p.updated_at DESC, p.id DESC LIMIT ? OFFSET ?"),
	};
	struct db_stmt *st;
	/* "no limit" as a number both SQLite and PostgreSQL accept */
	if (db_query_stmt(db, &st, plist_sql[sort],
	                  DB_ARGS(DB_TEXT(today), DB_TEXT(today), DB_INT(org_id), DB_TEXT(kind),
	                          DB_TEXT(kind), DB_INT(f->community), DB_INT(f->community),
	                          DB_INT(limit > 0 ? limit : 1000000000000LL), DB_INT(offset))) !=
	    DB_OK)
		return -1;
	size_t n = 0, cap = 0;
	struct partner_row *v = NULL;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, n, &cap, sizeof(*v));
		v[n].id = db_col_int(st, 0);
		v[n].name = db_col_text(st, 1, a);
		v[n].kind = db_col_text(st, 2, a);
		v[n].part_of = db_col_text(st, 3, a);
		v[n].updated_at = db_col_int(st, 4);
		v[n].last_contact = db_col_text(st, 5, a);
		v[n].next_contact = db_col_text(st, 6, a);
		v[n].n_conversations = (int)db_col_int(st, 7);
		v[n].n_open_actions = (int)db_col_int(st, 8);
		v[n].n_overdue = (int)db_col_int(st, 9);
		n++;
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
}

/* ---- the search document ---- */

int search_sync_partner(struct db *db, long long org_id, long long id)
{
	struct arena a;
	arena_init(&a);
	struct partner p;
	int rc = -1;
	int found = partner_get(db, &a, org_id, id, &p);
	if (found == 0) {
		rc = search_index_remove(db, org_id, "partner", id);
	} else if (found == 1) {
		struct buf b;
		buf_init(&b, &a);
		const char *fields[] = {p.kind, p.part_of, p.description, p.contact_name,
		                        p.contact_how};
		for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
			search_text_add(&b, fields[i]);
		struct db_stmt *st;
		int step = DB_ERROR;
		if (db_query(db, &st,
		             "SELECT challenges, core_values, goals, commitments, success"
		             " FROM partner_power WHERE partner_id = ? AND org_id = ?"
		             " ORDER BY met_on DESC, id DESC",
		             DB_ARGS(DB_INT(id), DB_INT(org_id))) == DB_OK) {
			while ((step = db_step(st)) == DB_ROW)
				for (int k = 0; k < 5; k++)
					search_text_add(&b, db_col_text(st, k, &a));
			db_finish(st);
		}
		if (step == DB_DONE)
			rc = search_index_put(db, org_id, "partner", id, p.name, buf_str(&b));
	}
	arena_free(&a);
	return rc;
}
