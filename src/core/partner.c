/*
 * partner.c - partners, partner power, conversations, action points and a
 * community's timeline (see partner.h).
 */
#include "partner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../i18n/text.h"
#include "../util/date.h"
#include "../web/csv.h"
#include "community.h"
#include "search.h"

const char *const partner_kinds[] = {"vereniging", "welzijn", "school",  "gemeente", "zorg",
                                     "cultuur",    "bedrijf", "inwoner", "anders",   NULL};
const char *const conversation_kinds[] = {"kennismaking", "partner-power", "groepsgesprek",
                                          "brainstorm", NULL};

/* The labels of each vocabulary are consecutive texts in nl.def, in this order. */
_Static_assert(TXT_PARTNER_KIND_ANDERS - TXT_PARTNER_KIND_VERENIGING == PARTNER_N_KINDS - 1,
               "partner kinds out of order");
_Static_assert(TXT_CONVERSATION_KIND_BRAINSTORM - TXT_CONVERSATION_KIND_KENNISMAKING ==
                   CONVERSATION_N_KINDS - 1,
               "conversation kinds out of order");

static long long now_s(void)
{
	return (long long)time(NULL);
}

const char *partner_today(struct arena *a)
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	char s[16];
	strftime(s, sizeof(s), "%Y-%m-%d", &tm);
	return arena_strdup(a, s);
}

/* A moment as a local calendar date "YYYY-MM-DD". */
static const char *epoch_date(struct arena *a, long long epoch)
{
	time_t t = (time_t)epoch;
	struct tm tm;
	localtime_r(&t, &tm);
	char s[16];
	strftime(s, sizeof(s), "%Y-%m-%d", &tm);
	return arena_strdup(a, s);
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

/* A text for the audit log: at most 200 bytes, cut on a character boundary. */
static const char *audit_text(struct arena *a, const char *s)
{
	size_t n = strlen(s);
	if (n <= 200)
		return s;
	n = 200;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return arena_printf(a, "%.*s…", (int)n, s);
}

/* "" or a date that exists. */
static bool date_or_empty(const char *s)
{
	return s == NULL || s[0] == '\0' || date_valid(s);
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

/* 1 when partner id is the org's, 0 when not, -1 on error. */
static int partner_exists(struct db *db, long long org_id, long long id)
{
	long long n = 0;
	if (db_query_int(db, "SELECT COUNT(*) FROM partners WHERE id = ? AND org_id = ?",
	                 DB_ARGS(DB_INT(id), DB_INT(org_id)), &n) != DB_ROW)
		return -1;
	return n > 0;
}

/* Marks the partner as changed now and indexes it again (inside a transaction). */
static int partner_touch(struct db *db, long long org_id, long long id)
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

enum save_result partner_delete(struct db *db, long long org_id, long long actor, long long id)
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
	else if (talks > 0)
		rc = SAVE_REFUSED; /* the conversations are the memory of the cooperation */
	else if (db_exec(db, "DELETE FROM partners WHERE id = ? AND org_id = ?",
	                 DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK ||
	         audit_write(db, org_id, actor, "partner.delete", audit_text(&a, p.name), p.kind) !=
	             0 ||
	         search_sync_partner(db, org_id, id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

static int community_refs(struct db *db, struct arena *a, struct db_sql sql,
                          const struct db_param *params, struct community_ref **out, size_t *n_out)
{
	struct db_stmt *st;
	size_t n = 0, cap = 0;
	struct community_ref *v = NULL;
	if (db_query_stmt(db, &st, sql, params) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, n, &cap, sizeof(*v));
		v[n].id = db_col_int(st, 0);
		v[n].name = db_col_text(st, 1, a);
		v[n].status = db_col_text(st, 2, a);
		n++;
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
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

static int partner_refs(struct db *db, struct arena *a, struct db_sql sql,
                        const struct db_param *params, struct partner_ref **out, size_t *n_out)
{
	struct db_stmt *st;
	size_t n = 0, cap = 0;
	struct partner_ref *v = NULL;
	if (db_query_stmt(db, &st, sql, params) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, n, &cap, sizeof(*v));
		v[n].id = db_col_int(st, 0);
		v[n].name = db_col_text(st, 1, a);
		v[n].kind = db_col_text(st, 2, a);
		n++;
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
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

int partner_export_csv(struct db *db, struct arena *a, long long org_id,
                       const struct partner_filter *f, const char *today, struct buf *out)
{
	struct partner_row *rows;
	size_t n_rows;
	long long total;
	if (partner_list(db, a, org_id, f, today, 0, 0, &rows, &n_rows, &total) != 0)
		return -1;
	struct csv c;
	csv_begin(&c, out);
	static const int header[] = {
	    TXT_PCSV_NAME,         TXT_PCSV_KIND,        TXT_PCSV_PART_OF,     TXT_PCSV_DESCRIPTION,
	    TXT_PCSV_CONTACT,      TXT_PCSV_CONTACT_HOW, TXT_PCSV_COMMUNITIES, TXT_PCSV_POWER_ON,
	    TXT_PCSV_CHALLENGES,   TXT_PCSV_VALUES,      TXT_PCSV_GOALS,       TXT_PCSV_COMMITMENTS,
	    TXT_PCSV_SUCCESS,      TXT_PCSV_TALKS,       TXT_PCSV_LAST_TALK,   TXT_PCSV_NEXT_TALK,
	    TXT_PCSV_OPEN_ACTIONS, TXT_PCSV_OVERDUE,     TXT_PCSV_UPDATED,
	};
	for (size_t i = 0; i < sizeof(header) / sizeof(header[0]); i++)
		csv_cell(&c, text_nl[header[i]]);
	csv_row_end(&c);
	for (size_t r = 0; r < n_rows; r++) {
		struct partner p;
		struct community_ref *cs;
		struct partner_power *pw;
		size_t n_cs, n_pw;
		if (partner_get(db, a, org_id, rows[r].id, &p) != 1 ||
		    partner_communities(db, a, org_id, p.id, &cs, &n_cs) != 0 ||
		    power_list(db, a, org_id, p.id, &pw, &n_pw) != 0)
			return -1;
		struct buf names;
		buf_init(&names, a);
		for (size_t i = 0; i < n_cs; i++)
			buf_printf(&names, "%s%s", i ? ", " : "", cs[i].name);
		csv_cell(&c, p.name);
		csv_cell(&c, vocab_label(partner_kinds, TXT_PARTNER_KIND_VERENIGING, p.kind));
		csv_cell(&c, p.part_of);
		csv_cell(&c, p.description);
		csv_cell(&c, p.contact_name);
		csv_cell(&c, p.contact_how);
		csv_cell(&c, buf_str(&names));
		const struct partner_power *last = n_pw > 0 ? &pw[0] : NULL;
		csv_cell(&c, last ? last->met_on : "");
		csv_cell(&c, last ? last->challenges : "");
		csv_cell(&c, last ? last->core_values : "");
		csv_cell(&c, last ? last->goals : "");
		csv_cell(&c, last ? last->commitments : "");
		csv_cell(&c, last ? last->success : "");
		csv_cell_int(&c, rows[r].n_conversations);
		csv_cell(&c, rows[r].last_contact);
		csv_cell(&c, rows[r].next_contact);
		csv_cell_int(&c, rows[r].n_open_actions);
		csv_cell_int(&c, rows[r].n_overdue);
		csv_cell(&c, epoch_date(a, p.updated_at));
		csv_row_end(&c);
	}
	return 0;
}

/* ---- partner power ---- */

static bool power_valid(const struct partner_power *p)
{
	if (!date_valid(p->met_on))
		return false;
	const char *fields[] = {p->challenges, p->core_values, p->goals, p->commitments,
	                        p->success};
	for (size_t i = 0; i < 5; i++)
		if (fields[i] && fields[i][0])
			return true;
	return false; /* an empty record says nothing */
}

static void read_power(struct db_stmt *st, struct arena *a, struct partner_power *out)
{
	out->id = db_col_int(st, 0);
	out->version = db_col_int(st, 1);
	out->partner_id = db_col_int(st, 2);
	out->met_on = db_col_text(st, 3, a);
	out->challenges = db_col_text(st, 4, a);
	out->core_values = db_col_text(st, 5, a);
	out->goals = db_col_text(st, 6, a);
	out->commitments = db_col_text(st, 7, a);
	out->success = db_col_text(st, 8, a);
	out->who = db_col_text(st, 9, a);
	out->updated_at = db_col_int(st, 10);
}

#define POWER_SELECT                                                                               \
	"SELECT w.id, w.version, w.partner_id, w.met_on, w.challenges, w.core_values, w.goals,"    \
	" w.commitments, w.success, COALESCE(p.name, ''), w.updated_at FROM partner_power w"       \
	" LEFT JOIN persons p ON p.id = w.person_id"

int power_list(struct db *db, struct arena *a, long long org_id, long long partner_id,
               struct partner_power **out, size_t *n_out)
{
	struct db_stmt *st;
	size_t n = 0, cap = 0;
	struct partner_power *v = NULL;
	if (db_query(db, &st,
	             POWER_SELECT " WHERE w.partner_id = ? AND w.org_id = ?"
	                          " ORDER BY w.met_on DESC, w.id DESC",
	             DB_ARGS(DB_INT(partner_id), DB_INT(org_id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, n, &cap, sizeof(*v));
		read_power(st, a, &v[n]);
		n++;
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
}

int power_get(struct db *db, struct arena *a, long long org_id, long long partner_id, long long id,
              struct partner_power *out)
{
	struct db_stmt *st;
	if (db_query(db, &st, POWER_SELECT " WHERE w.id = ? AND w.partner_id = ? AND w.org_id = ?",
	             DB_ARGS(DB_INT(id), DB_INT(partner_id), DB_INT(org_id))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW)
		read_power(st, a, out);
	db_finish(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

enum save_result power_create(struct db *db, long long org_id, long long actor,
                              const struct partner_power *p, long long *id_out)
{
	if (!power_valid(p))
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct partner partner;
	enum save_result rc = SAVE_OK;
	long long now = now_s(), id = 0;
	int found = partner_get(db, &a, org_id, p->partner_id, &partner);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (db_query_int(db,
	                      "INSERT INTO partner_power (org_id, partner_id, met_on, challenges,"
	                      " core_values, goals, commitments, success, person_id, created_at,"
	                      " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	                      DB_ARGS(DB_INT(org_id), DB_INT(p->partner_id), DB_TEXT(p->met_on),
	                              DB_TEXT(nz(p->challenges)), DB_TEXT(nz(p->core_values)),
	                              DB_TEXT(nz(p->goals)), DB_TEXT(nz(p->commitments)),
	                              DB_TEXT(nz(p->success)), actor ? DB_INT(actor) : DB_NULL,
	                              DB_INT(now), DB_INT(now)),
	                      &id) != DB_ROW ||
	         audit_write(db, org_id, actor, "power.create", audit_text(&a, partner.name),
	                     p->met_on) != 0 ||
	         partner_touch(db, org_id, p->partner_id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	rc = save_finish(db, rc);
	if (rc == SAVE_OK && id_out)
		*id_out = id;
	return rc;
}

enum save_result power_update(struct db *db, long long org_id, long long actor,
                              const struct partner_power *p)
{
	if (!power_valid(p))
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct partner partner;
	struct partner_power old;
	enum save_result rc = SAVE_OK;
	int found = partner_get(db, &a, org_id, p->partner_id, &partner);
	if (found == 1)
		found = power_get(db, &a, org_id, p->partner_id, p->id, &old);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (db_exec(db,
	                 "UPDATE partner_power SET met_on = ?, challenges = ?, core_values = ?,"
	                 " goals = ?, commitments = ?, success = ?, updated_at = ?,"
	                 " version = version + 1"
	                 " WHERE id = ? AND partner_id = ? AND org_id = ? AND version = ?",
	                 DB_ARGS(DB_TEXT(p->met_on), DB_TEXT(nz(p->challenges)),
	                         DB_TEXT(nz(p->core_values)), DB_TEXT(nz(p->goals)),
	                         DB_TEXT(nz(p->commitments)), DB_TEXT(nz(p->success)),
	                         DB_INT(now_s()), DB_INT(p->id), DB_INT(p->partner_id),
	                         DB_INT(org_id), DB_INT(p->version))) != DB_OK)
		rc = SAVE_ERROR;
	else if (db_changes(db) == 0)
		rc = SAVE_CONFLICT;
	else if (audit_write(db, org_id, actor, "power.update", audit_text(&a, partner.name),
	                     p->met_on) != 0 ||
	         partner_touch(db, org_id, p->partner_id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result power_delete(struct db *db, long long org_id, long long actor,
                              long long partner_id, long long id)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct partner partner;
	struct partner_power old;
	enum save_result rc = SAVE_OK;
	int found = partner_get(db, &a, org_id, partner_id, &partner);
	if (found == 1)
		found = power_get(db, &a, org_id, partner_id, id, &old);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (db_exec(db, "DELETE FROM partner_power WHERE id = ? AND org_id = ?",
	                 DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK ||
	         audit_write(db, org_id, actor, "power.delete", audit_text(&a, partner.name),
	                     old.met_on) != 0 ||
	         partner_touch(db, org_id, partner_id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

/* ---- conversations ---- */

int partner_owner_valid(struct db *db, long long org_id, long long person_id)
{
	long long n = 0;
	if (db_query_int(db,
	                 "SELECT COUNT(*) FROM memberships WHERE org_id = ? AND person_id = ?"
	                 " AND role IN ('beheerder', 'medewerker')",
	                 DB_ARGS(DB_INT(org_id), DB_INT(person_id)), &n) != DB_ROW)
		return -1;
	return n > 0;
}

#define CONV_SELECT                                                                                \
	"SELECT c.id, c.version, c.held_on, c.kind, COALESCE(c.partner_id, 0),"                    \
	" COALESCE(p.name, ''), COALESCE(c.community_id, 0), COALESCE(m.name, ''), c.subject,"     \
	" c.participants, c.report, c.report_sent, c.next_on, c.next_note,"                        \
	" COALESCE(w.name, ''), c.created_at, c.updated_at FROM conversations c"                   \
	" LEFT JOIN partners p ON p.id = c.partner_id AND p.org_id = c.org_id"                     \
	" LEFT JOIN communities m ON m.id = c.community_id AND m.org_id = c.org_id"                \
	" LEFT JOIN persons w ON w.id = c.person_id"

static void read_conversation(struct db_stmt *st, struct arena *a, struct conversation *out)
{
	out->id = db_col_int(st, 0);
	out->version = db_col_int(st, 1);
	out->held_on = db_col_text(st, 2, a);
	out->kind = db_col_text(st, 3, a);
	out->partner_id = db_col_int(st, 4);
	out->partner_name = db_col_text(st, 5, a);
	out->community_id = db_col_int(st, 6);
	out->community_name = db_col_text(st, 7, a);
	out->subject = db_col_text(st, 8, a);
	out->participants = db_col_text(st, 9, a);
	out->report = db_col_text(st, 10, a);
	out->report_sent = db_col_int(st, 11) != 0;
	out->next_on = db_col_text(st, 12, a);
	out->next_note = db_col_text(st, 13, a);
	out->who = db_col_text(st, 14, a);
	out->created_at = db_col_int(st, 15);
	out->updated_at = db_col_int(st, 16);
}

int conversation_get(struct db *db, struct arena *a, long long org_id, long long id,
                     struct conversation *out)
{
	struct db_stmt *st;
	if (db_query(db, &st, CONV_SELECT " WHERE c.id = ? AND c.org_id = ?",
	             DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW)
		read_conversation(st, a, out);
	db_finish(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

static bool conversation_valid(const struct conversation *c)
{
	return (c->partner_id > 0 || c->community_id > 0) && c->subject && c->subject[0] &&
	       vocab_index(conversation_kinds, c->kind) >= 0 && date_valid(c->held_on) &&
	       date_or_empty(c->next_on);
}

/*
 * SAVE_OK when the partner and community of c (where given) are the org's,
 * SAVE_NOT_FOUND when not, SAVE_ERROR.
 */
static enum save_result conversation_refs_ok(struct db *db, long long org_id,
                                             const struct conversation *c)
{
	int p = c->partner_id ? partner_exists(db, org_id, c->partner_id) : 1;
	int m = c->community_id ? community_visible(db, org_id, c->community_id, 0) : 1;
	if (p < 0 || m < 0)
		return SAVE_ERROR;
	return p && m ? SAVE_OK : SAVE_NOT_FOUND;
}

/* SAVE_OK when the action point can be stored as given; checks owner and date. */
static enum save_result action_ok(struct db *db, long long org_id, const struct action_new *ap)
{
	if (ap->text == NULL || ap->text[0] == '\0' || !date_or_empty(ap->due_on))
		return SAVE_REFUSED;
	if (ap->owner_id == 0)
		return SAVE_OK;
	int v = partner_owner_valid(db, org_id, ap->owner_id);
	return v < 0 ? SAVE_ERROR : v ? SAVE_OK : SAVE_NOT_FOUND;
}

/* Inserts an action point (inside a transaction). */
static enum save_result action_insert(struct db *db, long long org_id, long long conversation_id,
                                      const struct action_new *ap, long long *id_out)
{
	long long id = 0;
	if (db_query_int(
	        db,
	        "INSERT INTO action_points (org_id, conversation_id, text, owner_id, due_on,"
	        " created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
	        DB_ARGS(DB_INT(org_id), DB_INT(conversation_id), DB_TEXT(ap->text),
	                ap->owner_id ? DB_INT(ap->owner_id) : DB_NULL, DB_TEXT(nz(ap->due_on)),
	                DB_INT(now_s())),
	        &id) != DB_ROW)
		return SAVE_ERROR;
	if (id_out)
		*id_out = id;
	return SAVE_OK;
}

enum save_result conversation_create(struct db *db, long long org_id, long long actor,
                                     const struct conversation *c, const struct action_new *actions,
                                     size_t n_actions, long long *id_out)
{
	if (!conversation_valid(c))
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	long long now = now_s(), id = 0;
	enum save_result rc = conversation_refs_ok(db, org_id, c);
	for (size_t i = 0; rc == SAVE_OK && i < n_actions; i++)
		if (actions[i].text && actions[i].text[0])
			rc = action_ok(db, org_id, &actions[i]);
	if (rc == SAVE_OK &&
	    (db_query_int(
	         db,
	         "INSERT INTO conversations (org_id, held_on, kind, partner_id, community_id,"
	         " subject, participants, report, report_sent, next_on, next_note,"
	         " person_id, created_at, updated_at)"
	         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	         DB_ARGS(DB_INT(org_id), DB_TEXT(c->held_on), DB_TEXT(c->kind),
	                 c->partner_id ? DB_INT(c->partner_id) : DB_NULL,
	                 c->community_id ? DB_INT(c->community_id) : DB_NULL, DB_TEXT(c->subject),
	                 DB_TEXT(nz(c->participants)), DB_TEXT(nz(c->report)),
	                 DB_INT(c->report_sent ? 1 : 0), DB_TEXT(nz(c->next_on)),
	                 DB_TEXT(nz(c->next_note)), actor ? DB_INT(actor) : DB_NULL, DB_INT(now),
	                 DB_INT(now)),
	         &id) != DB_ROW ||
	     audit_write(db, org_id, actor, "conversation.create", audit_text(&a, c->subject),
	                 c->held_on) != 0))
		rc = SAVE_ERROR;
	for (size_t i = 0; rc == SAVE_OK && i < n_actions; i++)
		if (actions[i].text && actions[i].text[0])
			rc = action_insert(db, org_id, id, &actions[i], NULL);
	if (rc == SAVE_OK && search_sync_conversation(db, org_id, id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	rc = save_finish(db, rc);
	if (rc == SAVE_OK && id_out)
		*id_out = id;
	return rc;
}

enum save_result conversation_update(struct db *db, long long org_id, long long actor,
                                     const struct conversation *c)
{
	if (!conversation_valid(c))
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	long long n = 0;
	enum save_result rc = SAVE_OK;
	if (db_query_int(db, "SELECT COUNT(*) FROM conversations WHERE id = ? AND org_id = ?",
	                 DB_ARGS(DB_INT(c->id), DB_INT(org_id)), &n) != DB_ROW)
		rc = SAVE_ERROR;
	else if (n == 0)
		rc = SAVE_NOT_FOUND;
	else
		rc = conversation_refs_ok(db, org_id, c);
	if (rc == SAVE_OK) {
		if (db_exec(db,
		            "UPDATE conversations SET held_on = ?, kind = ?, partner_id = ?,"
		            " community_id = ?, subject = ?, participants = ?, report = ?,"
		            " report_sent = ?, next_on = ?, next_note = ?, updated_at = ?,"
		            " version = version + 1 WHERE id = ? AND org_id = ? AND version = ?",
		            DB_ARGS(DB_TEXT(c->held_on), DB_TEXT(c->kind),
		                    c->partner_id ? DB_INT(c->partner_id) : DB_NULL,
		                    c->community_id ? DB_INT(c->community_id) : DB_NULL,
		                    DB_TEXT(c->subject), DB_TEXT(nz(c->participants)),
		                    DB_TEXT(nz(c->report)), DB_INT(c->report_sent ? 1 : 0),
		                    DB_TEXT(nz(c->next_on)), DB_TEXT(nz(c->next_note)),
		                    DB_INT(now_s()), DB_INT(c->id), DB_INT(org_id),
		                    DB_INT(c->version))) != DB_OK)
			rc = SAVE_ERROR;
		else if (db_changes(db) == 0)
			rc = SAVE_CONFLICT;
		else if (audit_write(db, org_id, actor, "conversation.update",
		                     audit_text(&a, c->subject), c->held_on) != 0 ||
		         search_sync_conversation(db, org_id, c->id) != 0)
			rc = SAVE_ERROR;
	}
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result conversation_delete(struct db *db, long long org_id, long long actor, long long id)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct conversation c;
	enum save_result rc = SAVE_OK;
	int found = conversation_get(db, &a, org_id, id, &c);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (db_exec(db, "DELETE FROM conversations WHERE id = ? AND org_id = ?",
	                 DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK ||
	         audit_write(db, org_id, actor, "conversation.delete", audit_text(&a, c.subject),
	                     c.held_on) != 0 ||
	         search_sync_conversation(db, org_id, id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

/* Parameters: org, kind, kind, partner, partner, community, community. */
#define CLIST_WHERE                                                                                \
	" WHERE c.org_id = ? AND (? = '' OR c.kind = ?) AND (? = 0 OR c.partner_id = ?)"           \
	" AND (? = 0 OR c.community_id = ?)"

int conversation_list(struct db *db, struct arena *a, long long org_id,
                      const struct conversation_filter *f, long long limit, long long offset,
                      struct conversation **out, size_t *n_out, long long *total)
{
	const char *kind = nz(f->kind);
	if (db_query_int(db, "SELECT COUNT(*) FROM conversations c" CLIST_WHERE,
	                 DB_ARGS(DB_INT(org_id), DB_TEXT(kind), DB_TEXT(kind), DB_INT(f->partner),
	                         DB_INT(f->partner), DB_INT(f->community), DB_INT(f->community)),
	                 total) != DB_ROW)
		return -1;
	struct db_stmt *st;
	if (db_query(db, &st,
	             CONV_SELECT CLIST_WHERE " ORDER BY c.held_on DESC, c.id DESC LIMIT ? OFFSET ?",
	             DB_ARGS(DB_INT(org_id), DB_TEXT(kind), DB_TEXT(kind), DB_INT(f->partner),
	                     DB_INT(f->partner), DB_INT(f->community), DB_INT(f->community),
	                     DB_INT(limit > 0 ? limit : 1000000000000LL), DB_INT(offset))) != DB_OK)
		return -1;
	size_t n = 0, cap = 0;
	struct conversation *v = NULL;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, n, &cap, sizeof(*v));
		read_conversation(st, a, &v[n]);
		n++;
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
}

int conversation_upcoming(struct db *db, struct arena *a, long long org_id, const char *today,
                          struct conversation **out, size_t *n_out)
{
	struct db_stmt *st;
	if (db_query(db, &st,
	             CONV_SELECT " WHERE c.org_id = ? AND c.next_on <> '' AND c.next_on >= ?"
	                         " ORDER BY c.next_on, c.id LIMIT 50",
	             DB_ARGS(DB_INT(org_id), DB_TEXT(today))) != DB_OK)
		return -1;
	size_t n = 0, cap = 0;
	struct conversation *v = NULL;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, n, &cap, sizeof(*v));
		read_conversation(st, a, &v[n]);
		n++;
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
}

/* ---- action points ---- */

#define ACTION_SELECT                                                                              \
	"SELECT ap.id, ap.version, ap.conversation_id, ap.text, COALESCE(ap.owner_id, 0),"         \
	" COALESCE(o.name, ''), ap.due_on, COALESCE(ap.done_at, 0), c.held_on, c.subject,"         \
	" COALESCE(p.name, '') FROM action_points ap"                                              \
	" JOIN conversations c ON c.id = ap.conversation_id AND c.org_id = ap.org_id"              \
	" LEFT JOIN partners p ON p.id = c.partner_id AND p.org_id = c.org_id"                     \
	" LEFT JOIN persons o ON o.id = ap.owner_id"

static int action_rows(struct db *db, struct arena *a, struct db_sql sql,
                       const struct db_param *params, struct action_point **out, size_t *n_out)
{
	struct db_stmt *st;
	size_t n = 0, cap = 0;
	struct action_point *v = NULL;
	if (db_query_stmt(db, &st, sql, params) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, n, &cap, sizeof(*v));
		v[n].id = db_col_int(st, 0);
		v[n].version = db_col_int(st, 1);
		v[n].conversation_id = db_col_int(st, 2);
		v[n].text = db_col_text(st, 3, a);
		v[n].owner_id = db_col_int(st, 4);
		v[n].owner_name = db_col_text(st, 5, a);
		v[n].due_on = db_col_text(st, 6, a);
		v[n].done_at = db_col_int(st, 7);
		v[n].done = v[n].done_at != 0;
		v[n].held_on = db_col_text(st, 8, a);
		v[n].subject = db_col_text(st, 9, a);
		v[n].partner_name = db_col_text(st, 10, a);
		n++;
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
}

int action_list(struct db *db, struct arena *a, long long org_id, long long conversation_id,
                struct action_point **out, size_t *n_out)
{
	return action_rows(db, a,
	                   DB_SQL(ACTION_SELECT " WHERE ap.conversation_id = ? AND ap.org_id = ?"
	                                        " ORDER BY ap.id"),
	                   DB_ARGS(DB_INT(conversation_id), DB_INT(org_id)), out, n_out);
}

int action_open_list(struct db *db, struct arena *a, long long org_id, long long partner_id,
                     long long community_id, struct action_point **out, size_t *n_out)
{
	return action_rows(db, a,
	                   DB_SQL(ACTION_SELECT
	                          " WHERE ap.org_id = ? AND ap.done_at IS NULL"
	                          " AND (? = 0 OR c.partner_id = ?)"
	                          " AND (? = 0 OR c.community_id = ?)"
	                          " ORDER BY CASE WHEN ap.due_on = '' THEN 1 ELSE 0 END,"
	                          " ap.due_on, ap.id LIMIT 200"),
	                   DB_ARGS(DB_INT(org_id), DB_INT(partner_id), DB_INT(partner_id),
	                           DB_INT(community_id), DB_INT(community_id)),
	                   out, n_out);
}

int action_get(struct db *db, struct arena *a, long long org_id, long long conversation_id,
               long long id, struct action_point *out)
{
	struct action_point *v;
	size_t n;
	if (action_rows(db, a,
	                DB_SQL(ACTION_SELECT
	                       " WHERE ap.id = ? AND ap.conversation_id = ? AND ap.org_id = ?"),
	                DB_ARGS(DB_INT(id), DB_INT(conversation_id), DB_INT(org_id)), &v, &n) != 0)
		return -1;
	if (n == 0)
		return 0;
	*out = v[0];
	return 1;
}

/* Marks the conversation as changed and indexes it again (inside a transaction). */
static int conversation_touch(struct db *db, long long org_id, long long id)
{
	if (db_exec(db, "UPDATE conversations SET updated_at = ? WHERE id = ? AND org_id = ?",
	            DB_ARGS(DB_INT(now_s()), DB_INT(id), DB_INT(org_id))) != DB_OK)
		return -1;
	return search_sync_conversation(db, org_id, id);
}

enum save_result action_add(struct db *db, long long org_id, long long actor,
                            long long conversation_id, const struct action_new *ap,
                            long long *id_out)
{
	if (ap->text == NULL || ap->text[0] == '\0' || !date_or_empty(ap->due_on))
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct conversation c;
	enum save_result rc = SAVE_OK;
	int found = conversation_get(db, &a, org_id, conversation_id, &c);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else
		rc = action_ok(db, org_id, ap);
	if (rc == SAVE_OK)
		rc = action_insert(db, org_id, conversation_id, ap, id_out);
	if (rc == SAVE_OK && (audit_write(db, org_id, actor, "action.add", audit_text(&a, ap->text),
	                                  audit_text(&a, c.subject)) != 0 ||
	                      conversation_touch(db, org_id, conversation_id) != 0))
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result action_update(struct db *db, long long org_id, long long actor,
                               long long conversation_id, long long id, const struct action_new *ap,
                               long long version)
{
	if (ap->text == NULL || ap->text[0] == '\0' || !date_or_empty(ap->due_on))
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct action_point old;
	enum save_result rc = SAVE_OK;
	int found = action_get(db, &a, org_id, conversation_id, id, &old);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else
		rc = action_ok(db, org_id, ap);
	if (rc == SAVE_OK) {
		if (db_exec(db,
		            "UPDATE action_points SET text = ?, owner_id = ?, due_on = ?,"
		            " version = version + 1"
		            " WHERE id = ? AND conversation_id = ? AND org_id = ? AND version = ?",
		            DB_ARGS(DB_TEXT(ap->text),
		                    ap->owner_id ? DB_INT(ap->owner_id) : DB_NULL,
		                    DB_TEXT(nz(ap->due_on)), DB_INT(id), DB_INT(conversation_id),
		                    DB_INT(org_id), DB_INT(version))) != DB_OK)
			rc = SAVE_ERROR;
		else if (db_changes(db) == 0)
			rc = SAVE_CONFLICT;
		else if (audit_write(db, org_id, actor, "action.update", audit_text(&a, ap->text),
		                     audit_text(&a, old.subject)) != 0 ||
		         conversation_touch(db, org_id, conversation_id) != 0)
			rc = SAVE_ERROR;
	}
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result action_set_done(struct db *db, long long org_id, long long actor,
                                 long long conversation_id, long long id, bool done)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct action_point old;
	enum save_result rc = SAVE_OK;
	int found = action_get(db, &a, org_id, conversation_id, id, &old);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (old.done == done)
		rc = SAVE_OK; /* already so: a second click changes nothing */
	else if ((done ? db_exec(db,
	                         "UPDATE action_points SET done_at = ?, done_by = ?,"
	                         " version = version + 1 WHERE id = ? AND org_id = ?",
	                         DB_ARGS(DB_INT(now_s()), actor ? DB_INT(actor) : DB_NULL,
	                                 DB_INT(id), DB_INT(org_id)))
	               : db_exec(db,
	                         "UPDATE action_points SET done_at = NULL, done_by = NULL,"
	                         " version = version + 1 WHERE id = ? AND org_id = ?",
	                         DB_ARGS(DB_INT(id), DB_INT(org_id)))) != DB_OK ||
	         audit_write(db, org_id, actor, done ? "action.done" : "action.reopen",
	                     audit_text(&a, old.text), audit_text(&a, old.subject)) != 0 ||
	         conversation_touch(db, org_id, conversation_id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result action_delete(struct db *db, long long org_id, long long actor,
                               long long conversation_id, long long id)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct action_point old;
	enum save_result rc = SAVE_OK;
	int found = action_get(db, &a, org_id, conversation_id, id, &old);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (db_exec(db, "DELETE FROM action_points WHERE id = ? AND org_id = ?",
	                 DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK ||
	         audit_write(db, org_id, actor, "action.delete", audit_text(&a, old.text),
	                     audit_text(&a, old.subject)) != 0 ||
	         conversation_touch(db, org_id, conversation_id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

/* ---- a community's timeline ---- */

static struct timeline_entry *tl_add(struct arena *a, struct timeline_entry *v, size_t *n,
                                     size_t *cap, const char *date, enum timeline_kind kind,
                                     const char *text, const char *detail, long long ref)
{
	v = arena_grow(a, v, *n, cap, sizeof(*v));
	v[*n] = (struct timeline_entry){date, kind, text, detail, ref};
	(*n)++;
	return v;
}

static int tl_cmp(const void *x, const void *y)
{
	const struct timeline_entry *a = x, *b = y;
	int c = strcmp(b->date, a->date); /* newest first */
	if (c != 0)
		return c;
	return (int)a->kind - (int)b->kind;
}

int community_timeline(struct db *db, struct arena *a, long long org_id, long long community_id,
                       struct timeline_entry **out, size_t *n_out)
{
	size_t n = 0, cap = 0;
	struct timeline_entry *v = NULL;
	struct db_stmt *st;
	int rc;

	if (db_query(db, &st,
	             "SELECT status, at FROM community_status_changes"
	             " WHERE community_id = ? AND org_id = ? ORDER BY at, id",
	             DB_ARGS(DB_INT(community_id), DB_INT(org_id))) != DB_OK)
		return -1;
	while ((rc = db_step(st)) == DB_ROW)
		v = tl_add(a, v, &n, &cap, epoch_date(a, db_col_int(st, 1)), TL_STATUS,
		           db_col_text(st, 0, a), "", 0);
	db_finish(st);
	if (rc != DB_DONE)
		return -1;

	if (db_query(db, &st,
	             "SELECT id, held_on, kind, subject, next_on, next_note FROM conversations"
	             " WHERE community_id = ? AND org_id = ?",
	             DB_ARGS(DB_INT(community_id), DB_INT(org_id))) != DB_OK)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		long long id = db_col_int(st, 0);
		const char *subject = db_col_text(st, 3, a);
		v = tl_add(a, v, &n, &cap, db_col_text(st, 1, a), TL_CONVERSATION, subject,
		           db_col_text(st, 2, a), id);
		const char *next = db_col_text(st, 4, a), *note = db_col_text(st, 5, a);
		if (next[0])
			v = tl_add(a, v, &n, &cap, next, TL_NEXT_CONTACT, note[0] ? note : subject,
			           "", id);
	}
	db_finish(st);
	if (rc != DB_DONE)
		return -1;

	if (db_query(db, &st,
	             "SELECT ap.conversation_id, ap.text, ap.due_on, COALESCE(ap.done_at, 0),"
	             " COALESCE(o.name, '') FROM action_points ap"
	             " JOIN conversations c ON c.id = ap.conversation_id AND c.org_id = ap.org_id"
	             " LEFT JOIN persons o ON o.id = ap.owner_id"
	             " WHERE c.community_id = ? AND ap.org_id = ?",
	             DB_ARGS(DB_INT(community_id), DB_INT(org_id))) != DB_OK)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		long long done_at = db_col_int(st, 3);
		const char *due = db_col_text(st, 2, a);
		if (done_at)
			v = tl_add(a, v, &n, &cap, epoch_date(a, done_at), TL_ACTION_DONE,
			           db_col_text(st, 1, a), db_col_text(st, 4, a), db_col_int(st, 0));
		else if (due[0])
			v = tl_add(a, v, &n, &cap, due, TL_ACTION_DUE, db_col_text(st, 1, a),
			           db_col_text(st, 4, a), db_col_int(st, 0));
	}
	db_finish(st);
	if (rc != DB_DONE)
		return -1;

	if (db_query(db, &st,
	             "SELECT p.id, p.name, pc.created_at FROM partner_communities pc"
	             " JOIN partners p ON p.id = pc.partner_id AND p.org_id = pc.org_id"
	             " WHERE pc.community_id = ? AND pc.org_id = ?",
	             DB_ARGS(DB_INT(community_id), DB_INT(org_id))) != DB_OK)
		return -1;
	while ((rc = db_step(st)) == DB_ROW)
		v = tl_add(a, v, &n, &cap, epoch_date(a, db_col_int(st, 2)), TL_PARTNER,
		           db_col_text(st, 1, a), "", db_col_int(st, 0));
	db_finish(st);
	if (rc != DB_DONE)
		return -1;

	if (n > 1)
		qsort(v, n, sizeof(*v), tl_cmp);
	*out = v;
	*n_out = n;
	return 0;
}
