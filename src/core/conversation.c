/*
 * conversation.c - conversations and the first action points typed with
 * them (see conversation.h).
 */
#include "conversation.h"

#include "community.h"
#include "partner.h"
#include "partner_util.h"
#include "../db/search_index.h"
#include "signal.h"

const char *const conversation_kinds[] = {"kennismaking", "partner-power", "groepsgesprek",
                                          "brainstorm", NULL};

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

enum save_result action_new_check(struct db *db, long long org_id, long long community_id,
                                  const struct action_new *ap)
{
	if (ap->text == NULL || ap->text[0] == '\0' || !date_or_empty(ap->due_on) ||
	    (ap->owner_id && ap->owner_partner_id))
		return SAVE_REFUSED;
	if (ap->owner_partner_id) {
		int v = partner_exists(db, org_id, ap->owner_partner_id);
		return v < 0 ? SAVE_ERROR : v ? SAVE_OK : SAVE_NOT_FOUND;
	}
	if (ap->owner_id == 0)
		return SAVE_OK;
	int v = partner_owner_valid(db, org_id, ap->owner_id);
	if (v == 0 && community_id) /* an ambassadeur of the conversation's community */
		v = community_visible(db, org_id, community_id, ap->owner_id);
	return v < 0 ? SAVE_ERROR : v ? SAVE_OK : SAVE_NOT_FOUND;
}

enum save_result action_new_insert(struct db *db, long long org_id, long long conversation_id,
                                   const struct action_new *ap, long long *id_out)
{
	long long id = 0;
	if (db_query_int(
	        db,
	        "INSERT INTO action_points (org_id, conversation_id, text, owner_id, due_on,"
	        " created_at, owner_partner_id) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
	        DB_ARGS(DB_INT(org_id), DB_INT(conversation_id), DB_TEXT(ap->text),
	                ap->owner_id ? DB_INT(ap->owner_id) : DB_NULL, DB_TEXT(nz(ap->due_on)),
	                DB_INT(now_s()),
	                ap->owner_partner_id ? DB_INT(ap->owner_partner_id) : DB_NULL),
	        &id) != DB_ROW)
		return SAVE_ERROR;
	if (id_out)
		*id_out = id;
	return SAVE_OK;
}

/* Refreshes the signals of the community a conversation is about (0: the org's own). */
static int conversation_signals(struct db *db, long long org_id, long long id)
{
	long long community = 0;
	int rc = db_query_int(db,
	                      "SELECT COALESCE(community_id, 0) FROM conversations"
	                      " WHERE id = ? AND org_id = ?",
	                      DB_ARGS(DB_INT(id), DB_INT(org_id)), &community);
	if (rc != DB_ROW && rc != DB_DONE)
		return -1;
	return signals_touch(db, org_id, community);
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
			rc = action_new_check(db, org_id, c->community_id, &actions[i]);
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
			rc = action_new_insert(db, org_id, id, &actions[i], NULL);
	if (rc == SAVE_OK && (search_sync_conversation(db, org_id, id) != 0 ||
	                      conversation_signals(db, org_id, id) != 0))
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
	long long n = 0, was = 0;
	enum save_result rc = SAVE_OK;
	if (db_query_int(db, "SELECT COUNT(*) FROM conversations WHERE id = ? AND org_id = ?",
	                 DB_ARGS(DB_INT(c->id), DB_INT(org_id)), &n) != DB_ROW)
		rc = SAVE_ERROR;
	else if (n == 0)
		rc = SAVE_NOT_FOUND;
	else if (db_query_int(db,
	                      "SELECT COALESCE(community_id, 0) FROM conversations"
	                      " WHERE id = ? AND org_id = ?",
	                      DB_ARGS(DB_INT(c->id), DB_INT(org_id)), &was) != DB_ROW)
		rc = SAVE_ERROR; /* the community it was about, for its signals after a move */
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
		         search_sync_conversation(db, org_id, c->id) != 0 ||
		         conversation_signals(db, org_id, c->id) != 0 ||
		         (was != c->community_id && signals_touch(db, org_id, was) != 0))
			rc = SAVE_ERROR;
	}
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result conversation_delete(struct db *db, long long org_id, long long actor, long long id,
                                     long long version)
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
	else if (c.version != version)
		rc = SAVE_CONFLICT; /* someone saved after this person looked */
	else if (db_exec(db,
	                 "DELETE FROM conversations WHERE id = ? AND org_id = ? AND version = ?",
	                 DB_ARGS(DB_INT(id), DB_INT(org_id), DB_INT(version))) != DB_OK ||
	         audit_write(db, org_id, actor, "conversation.delete", audit_text(&a, c.subject),
	                     c.held_on) != 0 ||
	         search_sync_conversation(db, org_id, id) != 0 ||
	         signals_touch(db, org_id, c.community_id) != 0)
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

int conversation_touch(struct db *db, long long org_id, long long id)
{
	if (db_exec(db, "UPDATE conversations SET updated_at = ? WHERE id = ? AND org_id = ?",
	            DB_ARGS(DB_INT(now_s()), DB_INT(id), DB_INT(org_id))) != DB_OK)
		return -1;
	return search_sync_conversation(db, org_id, id) || conversation_signals(db, org_id, id) ? -1
	                                                                                        : 0;
}

/* ---- the search document ---- */

int search_sync_conversation(struct db *db, long long org_id, long long id)
{
	struct arena a;
	arena_init(&a);
	struct conversation c;
	int rc = -1;
	int found = conversation_get(db, &a, org_id, id, &c);
	if (found == 0) {
		rc = search_index_remove(db, org_id, "conversation", id);
	} else if (found == 1) {
		struct buf b;
		buf_init(&b, &a);
		const char *fields[] = {c.kind, c.participants, c.report, c.next_note};
		for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
			search_text_add(&b, fields[i]);
		struct db_stmt *st;
		int step = DB_ERROR;
		if (db_query(
		        db, &st,
		        "SELECT text FROM action_points WHERE conversation_id = ? AND org_id = ?"
		        " ORDER BY id",
		        DB_ARGS(DB_INT(id), DB_INT(org_id))) == DB_OK) {
			while ((step = db_step(st)) == DB_ROW)
				search_text_add(&b, db_col_text(st, 0, &a));
			db_finish(st);
		}
		if (step == DB_DONE)
			rc = search_index_put(db, org_id, "conversation", id, c.subject,
			                      buf_str(&b));
	}
	arena_free(&a);
	return rc;
}
