/*
 * privacy.c - the people kring holds data about, inzage record by record,
 * and the access log (core/privacy.h).
 */
#include "privacy.h"

#include <string.h>

#include "../util/clock.h"

const char *privacy_kind(const char *name)
{
	if (name == NULL)
		return NULL;
	if (strcmp(name, "person") == 0)
		return "person";
	if (strcmp(name, "partner") == 0)
		return "partner";
	if (strcmp(name, "community") == 0)
		return "community";
	return NULL;
}

static int read_login(struct db_stmt *st, void *elem, struct arena *a)
{
	struct privacy_person *p = elem;
	p->kind = "person";
	p->id = db_col_int(st, 0);
	p->name = db_col_text(st, 1, a);
	p->detail = db_col_text(st, 2, a);
	p->role = db_col_text(st, 3, a);
	p->former = db_col_int(st, 4) != 0;
	return 0;
}

static int read_partner_contact(struct db_stmt *st, void *elem, struct arena *a)
{
	struct privacy_person *p = elem;
	p->kind = "partner";
	p->id = db_col_int(st, 0);
	p->name = db_col_text(st, 1, a);
	p->detail = db_col_text(st, 2, a);
	p->role = "";
	return 0;
}

static int read_community_contact(struct db_stmt *st, void *elem, struct arena *a)
{
	read_partner_contact(st, elem, a);
	((struct privacy_person *)elem)->kind = "community";
	return 0;
}

int privacy_people(struct db *db, struct arena *a, long long org_id, struct privacy_person **out,
                   size_t *n_out)
{
	struct privacy_person *logins, *partners, *communities;
	size_t n1, n2, n3;
	*out = NULL;
	*n_out = 0;
	if (db_rows(db, a,
	            "SELECT p.id, p.name, p.email, COALESCE(m.role, d.role),"
	            " CASE WHEN m.person_id IS NULL THEN 1 ELSE 0 END"
	            " FROM persons p"
	            " LEFT JOIN memberships m ON m.person_id = p.id AND m.org_id = ?1"
	            " LEFT JOIN privacy_departures d ON d.person_id = p.id AND d.org_id = ?1"
	            /* the organisation's people by id, not every person of the instance */
	            " WHERE p.id IN (SELECT x.person_id FROM memberships x WHERE x.org_id = ?1"
	            " UNION SELECT y.person_id FROM privacy_departures y WHERE y.org_id = ?1)"
	            " AND (m.person_id IS NOT NULL OR d.person_id IS NOT NULL)"
	            " ORDER BY LOWER(p.name), p.id",
	            DB_ARGS(DB_INT(org_id)), sizeof(struct privacy_person), read_login, &logins,
	            &n1) != 0 ||
	    db_rows(db, a,
	            "SELECT id, contact_name, name FROM partners"
	            " WHERE org_id = ?1 AND (contact_name <> '' OR contact_how <> '')"
	            " ORDER BY LOWER(contact_name), id",
	            DB_ARGS(DB_INT(org_id)), sizeof(struct privacy_person), read_partner_contact,
	            &partners, &n2) != 0 ||
	    db_rows(db, a,
	            "SELECT id, contact_name, name FROM communities"
	            " WHERE org_id = ?1 AND (contact_name <> '' OR contact_how <> '')"
	            " ORDER BY LOWER(contact_name), id",
	            DB_ARGS(DB_INT(org_id)), sizeof(struct privacy_person), read_community_contact,
	            &communities, &n3) != 0)
		return -1;
	size_t n = n1 + n2 + n3;
	if (n == 0)
		return 0;
	struct privacy_person *all = arena_alloc(a, n * sizeof(*all));
	if (n1)
		memcpy(all, logins, n1 * sizeof(*all));
	if (n2)
		memcpy(all + n1, partners, n2 * sizeof(*all));
	if (n3)
		memcpy(all + n1 + n2, communities, n3 * sizeof(*all));
	*out = all;
	*n_out = n;
	return 0;
}

int privacy_person_get(struct db *db, struct arena *a, long long org_id, const char *kind,
                       long long id, struct privacy_person *out)
{
	struct privacy_person *rows = NULL;
	size_t n = 0;
	int rc;
	kind = privacy_kind(kind);
	if (kind == NULL || id <= 0)
		return 0;
	if (strcmp(kind, "person") == 0)
		rc = db_rows(
		    db, a,
		    "SELECT p.id, p.name, p.email, COALESCE(m.role, d.role),"
		    " CASE WHEN m.person_id IS NULL THEN 1 ELSE 0 END"
		    " FROM persons p"
		    " LEFT JOIN memberships m ON m.person_id = p.id AND m.org_id = ?1"
		    " LEFT JOIN privacy_departures d ON d.person_id = p.id AND d.org_id = ?1"
		    " WHERE p.id = ?2 AND (m.person_id IS NOT NULL OR d.person_id IS NOT NULL)",
		    DB_ARGS(DB_INT(org_id), DB_INT(id)), sizeof(*rows), read_login, &rows, &n);
	else if (strcmp(kind, "partner") == 0)
		rc = db_rows(
		    db, a,
		    "SELECT id, contact_name, name FROM partners WHERE org_id = ?1 AND id = ?2",
		    DB_ARGS(DB_INT(org_id), DB_INT(id)), sizeof(*rows), read_partner_contact, &rows,
		    &n);
	else
		rc = db_rows(db, a,
		             "SELECT id, contact_name, name FROM communities"
		             " WHERE org_id = ?1 AND id = ?2",
		             DB_ARGS(DB_INT(org_id), DB_INT(id)), sizeof(*rows),
		             read_community_contact, &rows, &n);
	if (rc != 0)
		return -1;
	if (n == 0)
		return 0;
	*out = rows[0];
	return 1;
}

/* Runs one query of (id, at, text) rows and hands each to fn. 0 or -1. */
static int each_row(struct db *db, struct db_sql sql, const struct db_param *args,
                    const char *table, const char *column, privacy_record_fn fn, void *ctx)
{
	struct db_stmt *st; /* streamed: a person with 10 000 records holds one at a time */
	if (db_query_stream_stmt(db, &st, sql, args) != DB_OK)
		return -1;
	struct arena a;
	arena_init(&a);
	int rc, stop = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		long long id = db_col_int(st, 0), at = db_col_int(st, 1);
		const char *text = db_col_text(st, 2, &a);
		stop = fn(ctx, table, column, id, at, text);
		arena_free(&a); /* one row's strings at a time */
		arena_init(&a);
		if (stop != 0)
			break;
	}
	db_finish(st);
	arena_free(&a);
	return stop != 0 || (rc != DB_DONE && rc != DB_ROW) ? -1 : 0;
}

/* A login: their own fields, every column that names them, and their name in free texts. */
static int login_records(struct db *db, long long org_id, long long person, privacy_record_fn fn,
                         void *ctx)
{
	const struct db_param *args = DB_ARGS(DB_INT(org_id), DB_INT(person));
	if (each_row(db,
	             DB_SQL("SELECT id, created_at, name FROM persons WHERE id = ?2 AND ?1 > 0"),
	             args, "persons", "name", fn, ctx) != 0 ||
	    each_row(db,
	             DB_SQL("SELECT id, created_at, email FROM persons WHERE id = ?2 AND ?1 > 0"),
	             args, "persons", "email", fn, ctx) != 0 ||
	    each_row(db,
	             DB_SQL("SELECT id, created_at, lang FROM persons WHERE id = ?2 AND ?1 > 0"
	                    " AND lang <> ''"),
	             args, "persons", "lang", fn, ctx) != 0)
		return -1;
	int rc = 0;
#define PERSON_REF(table, column, label, sql)                                                      \
	if (rc == 0)                                                                               \
		rc = each_row(db, DB_SQL(sql), args, table, column, fn, ctx);
#include "../db/personal.def"
	if (rc != 0)
		return -1;
	/* free texts that name them: who took part in a conversation, an agreement, a vision */
	struct arena a;
	arena_init(&a);
	const char *name = "";
	struct db_stmt *st;
	if (db_query(db, &st, "SELECT name FROM persons WHERE id = ?", DB_ARGS(DB_INT(person))) !=
	    DB_OK) {
		arena_free(&a);
		return -1;
	}
	if (db_step(st) == DB_ROW)
		name = db_col_text(st, 0, &a);
	db_finish(st);
	if (strlen(name) >= 3) {
		const struct db_param *by_name = DB_ARGS(DB_INT(org_id), DB_TEXT(name));
		rc = each_row(db,
		              DB_SQL("SELECT id, created_at, subject FROM conversations"
		                     " WHERE org_id = ?1 AND participants LIKE '%' || ?2 || '%'"),
		              by_name, "conversations", "participants", fn, ctx);
		if (rc == 0)
			rc = each_row(
			    db,
			    DB_SQL("SELECT id, created_at, text FROM community_agreements"
			           " WHERE org_id = ?1 AND agreed_with LIKE '%' || ?2 || '%'"),
			    by_name, "community_agreements", "agreed_with", fn, ctx);
		if (rc == 0)
			rc = each_row(
			    db,
			    DB_SQL("SELECT id, updated_at, contact_name || ' ' || contact_how"
			           " FROM communities"
			           " WHERE org_id = ?1 AND contact_name LIKE '%' || ?2 || '%'"),
			    by_name, "communities", "contact_name", fn, ctx);
		if (rc == 0)
			rc = each_row(
			    db,
			    DB_SQL("SELECT id, updated_at, contact_name || ' ' || contact_how"
			           " FROM partners"
			           " WHERE org_id = ?1 AND contact_name LIKE '%' || ?2 || '%'"),
			    by_name, "partners", "contact_name", fn, ctx);
		if (rc == 0)
			rc = each_row(db,
			              DB_SQL("SELECT id, created_at, body FROM visions"
			                     " WHERE org_id = ?1 AND author LIKE '%' || ?2 || '%'"),
			              by_name, "visions", "author", fn, ctx);
		/* the people of a POST-O and the facilitator of a workshop (issues 11, 12) */
		if (rc == 0)
			rc = each_row(db,
			              DB_SQL("SELECT id, updated_at, people FROM postos"
			                     " WHERE org_id = ?1 AND people LIKE '%' || ?2 || '%'"),
			              by_name, "postos", "people", fn, ctx);
		if (rc == 0)
			rc = each_row(
			    db,
			    DB_SQL("SELECT w.id, w.created_at, w.title FROM workshop_rows r"
			           " JOIN workshops w ON w.id = r.workshop_id"
			           " WHERE r.org_id = ?1 AND r.facilitator LIKE '%' || ?2 || '%'"),
			    by_name, "workshop_rows", "facilitator", fn, ctx);
	}
	arena_free(&a);
	return rc;
}

int privacy_each_record(struct db *db, long long org_id, const char *kind, long long id,
                        privacy_record_fn fn, void *ctx)
{
	kind = privacy_kind(kind);
	if (kind == NULL)
		return -1;
	int rc;
	const struct db_param *args = DB_ARGS(DB_INT(org_id), DB_INT(id));
	if (strcmp(kind, "person") == 0) {
		rc = login_records(db, org_id, id, fn, ctx);
	} else if (strcmp(kind, "partner") == 0) {
		rc = each_row(db,
		              DB_SQL("SELECT id, updated_at, contact_name FROM partners"
		                     " WHERE org_id = ?1 AND id = ?2"),
		              args, "partners", "contact_name", fn, ctx);
		if (rc == 0)
			rc = each_row(db,
			              DB_SQL("SELECT id, updated_at, contact_how FROM partners"
			                     " WHERE org_id = ?1 AND id = ?2"),
			              args, "partners", "contact_how", fn, ctx);
		if (rc == 0)
			rc = each_row(
			    db,
			    DB_SQL("SELECT id, created_at, subject FROM conversations"
			           " WHERE org_id = ?1 AND partner_id = ?2 ORDER BY held_on, id"),
			    args, "conversations", "partner_id", fn, ctx);
	} else {
		rc = each_row(db,
		              DB_SQL("SELECT id, updated_at, contact_name FROM communities"
		                     " WHERE org_id = ?1 AND id = ?2"),
		              args, "communities", "contact_name", fn, ctx);
		if (rc == 0)
			rc = each_row(db,
			              DB_SQL("SELECT id, updated_at, contact_how FROM communities"
			                     " WHERE org_id = ?1 AND id = ?2"),
			              args, "communities", "contact_how", fn, ctx);
	}
	return rc;
}

/* ---- access log ---- */

int privacy_log_view(struct db *db, long long org_id, long long viewer, const char *kind,
                     long long id, const char *what)
{
	kind = privacy_kind(kind);
	if (kind == NULL)
		return -1;
	bool person = strcmp(kind, "person") == 0, partner = strcmp(kind, "partner") == 0;
	return db_exec(
	           db,
	           "INSERT INTO access_log (org_id, viewer_id, subject_kind, person_id, partner_id,"
	           " community_id, what, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	           DB_ARGS(DB_INT(org_id), viewer > 0 ? DB_INT(viewer) : DB_NULL, DB_TEXT(kind),
	                   person ? DB_INT(id) : DB_NULL, partner ? DB_INT(id) : DB_NULL,
	                   !person && !partner ? DB_INT(id) : DB_NULL, DB_TEXT(what),
	                   DB_INT((long long)clock_now()))) == DB_OK
	           ? 0
	           : -1;
}

int privacy_log_seen_since(struct db *db, long long org_id, long long viewer, const char *kind,
                           long long id, const char *what, long long since)
{
	long long n = 0;
	if (db_query_int(db,
	                 "SELECT COUNT(*) FROM access_log WHERE org_id = ?1 AND at >= ?2"
	                 " AND viewer_id = ?3 AND subject_kind = ?4"
	                 " AND COALESCE(person_id, partner_id, community_id) = ?5 AND what = ?6",
	                 DB_ARGS(DB_INT(org_id), DB_INT(since), DB_INT(viewer), DB_TEXT(kind),
	                         DB_INT(id), DB_TEXT(what)),
	                 &n) != DB_ROW)
		return -1;
	return n > 0;
}

static int read_access(struct db_stmt *st, void *elem, struct arena *a)
{
	struct access_entry *e = elem;
	e->at = db_col_int(st, 0);
	e->viewer = db_col_text(st, 1, a);
	e->kind = db_col_text(st, 2, a);
	e->subject_id = db_col_int(st, 3);
	e->subject = db_col_text(st, 4, a);
	e->what = db_col_text(st, 5, a);
	return 0;
}

int privacy_log_list(struct db *db, struct arena *a, long long org_id, long long limit,
                     long long offset, struct access_entry **out, size_t *n_out)
{
	return db_rows(db, a,
	               "SELECT l.at, COALESCE(v.name, ''), l.subject_kind,"
	               " COALESCE(l.person_id, l.partner_id, l.community_id, 0),"
	               " COALESCE(p.name, pa.contact_name, c.contact_name, ''), l.what"
	               " FROM access_log l LEFT JOIN persons v ON v.id = l.viewer_id"
	               " LEFT JOIN persons p ON p.id = l.person_id"
	               " LEFT JOIN partners pa ON pa.id = l.partner_id"
	               " LEFT JOIN communities c ON c.id = l.community_id"
	               " WHERE l.org_id = ?1 ORDER BY l.at DESC, l.id DESC LIMIT ?2 OFFSET ?3",
	               DB_ARGS(DB_INT(org_id), DB_INT(limit), DB_INT(offset)),
	               sizeof(struct access_entry), read_access, out, n_out);
}

long long privacy_log_count(struct db *db, long long org_id)
{
	long long n = 0;
	return db_query_int(db, "SELECT COUNT(*) FROM access_log WHERE org_id = ?",
	                    DB_ARGS(DB_INT(org_id)), &n) == DB_ROW
	           ? n
	           : -1;
}
