/*
 * inbox.c - residents' submissions, their limits, the staff inbox and the
 * retention pass (see inbox.h).
 */
#include "inbox.h"

#include <stdio.h>
#include <string.h>

#include "../util/clock.h"
#include "conversation.h"
#include "public.h"
#include "vocab.h"

const char *const inbox_statuses[] = {"nieuw", "scan", "contact", "uitnodigen", "beantwoord", NULL};

/* True when s holds a control character (a line break in a name or contact). */
static bool has_control(const char *s)
{
	for (; s && *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

/* UTF-8 characters of s. */
static size_t chars(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

int inbox_limited(struct db *db, long long org_id, const char *addr_hash)
{
	long long now = (long long)clock_now(), n = 0;
	if (db_query_int(db, "SELECT COUNT(*) FROM public_hits WHERE addr = ?1 AND at > ?2",
	                 DB_ARGS(DB_TEXT(addr_hash), DB_INT(now - 3600)), &n) != DB_ROW)
		return -1;
	if (n >= INBOX_LIMIT_ADDR_HOUR)
		return 1;
	if (db_query_int(db, "SELECT COUNT(*) FROM public_hits WHERE org_id = ?1 AND at > ?2",
	                 DB_ARGS(DB_INT(org_id), DB_INT(now - 86400)), &n) != DB_ROW)
		return -1;
	return n >= INBOX_LIMIT_ORG_DAY ? 1 : 0;
}

enum inbox_submit_rc inbox_submit(struct db *db, long long org_id, const char *addr_hash,
                                  const struct inbox_new *in, int retention_days, long long *id_out)
{
	bool doe_mee = in->kind && strcmp(in->kind, "doe-mee") == 0;
	bool idee = in->kind && strcmp(in->kind, "idee") == 0;
	if ((!doe_mee && !idee) || in->message == NULL || in->message[0] == '\0' ||
	    chars(in->message) > INBOX_MESSAGE_MAX || chars(in->name) > INBOX_NAME_MAX ||
	    chars(in->contact) > INBOX_CONTACT_MAX || has_control(in->name) ||
	    has_control(in->contact) || (doe_mee && in->community_id <= 0))
		return INBOX_INVALID;
	if (db_begin(db) != DB_OK)
		return INBOX_ERROR;
	enum inbox_submit_rc rc = INBOX_OK;
	int lim = inbox_limited(db, org_id, addr_hash);
	if (lim != 0)
		rc = lim > 0 ? INBOX_LIMIT : INBOX_ERROR;
	if (rc == INBOX_OK && doe_mee) {
		long long one = 0;
		int q = db_query_int(
		    db,
		    "SELECT 1 FROM public_communities p"
		    " JOIN communities c ON c.id = p.community_id AND c.org_id = p.org_id"
		    " WHERE p.org_id = ?1 AND p.community_id = ?2 AND p.open = 1",
		    DB_ARGS(DB_INT(org_id), DB_INT(in->community_id)), &one);
		rc = q == DB_ROW ? INBOX_OK : q == DB_DONE ? INBOX_NOT_OPEN : INBOX_ERROR;
	}
	long long now = (long long)clock_now();
	char today[16], until[16];
	clock_today(today);
	clock_date_from_today(retention_days, until);
	if (rc == INBOX_OK &&
	    db_exec(db,
	            "INSERT INTO inbox_items (org_id, kind, community_id, message, name, contact,"
	            " consent_version, consent_text, consent_on, received_at, delete_on)"
	            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	            DB_ARGS(DB_INT(org_id), DB_TEXT(in->kind),
	                    doe_mee ? DB_INT(in->community_id) : DB_NULL, DB_TEXT(in->message),
	                    DB_TEXT(in->name ? in->name : ""),
	                    DB_TEXT(in->contact ? in->contact : ""),
	                    DB_TEXT(in->consent_version ? in->consent_version : ""),
	                    DB_TEXT(in->consent_text ? in->consent_text : ""), DB_TEXT(today),
	                    DB_INT(now), DB_TEXT(until))) != DB_OK)
		rc = INBOX_ERROR;
	long long id = 0;
	if (rc == INBOX_OK &&
	    db_query_int(db,
	                 "SELECT MAX(id) FROM inbox_items WHERE org_id = ?1 AND received_at = ?2",
	                 DB_ARGS(DB_INT(org_id), DB_INT(now)), &id) != DB_ROW)
		rc = INBOX_ERROR;
	if (rc == INBOX_OK &&
	    db_exec(db, "INSERT INTO public_hits (org_id, addr, at) VALUES (?1, ?2, ?3)",
	            DB_ARGS(DB_INT(org_id), DB_TEXT(addr_hash), DB_INT(now))) != DB_OK)
		rc = INBOX_ERROR;
	char object[32];
	snprintf(object, sizeof(object), "#%lld", id);
	/* the audit entry names the submission by its number: never the resident */
	if (rc == INBOX_OK && audit_write(db, org_id, 0, "inbox.received", object, in->kind) != 0)
		rc = INBOX_ERROR;
	if (rc != INBOX_OK) {
		db_rollback(db);
		return rc;
	}
	if (db_commit(db) != DB_OK) {
		db_rollback(db);
		return INBOX_ERROR;
	}
	if (id_out)
		*id_out = id;
	return INBOX_OK;
}

/* ---- reading ---- */

static int read_item(struct db_stmt *st, void *elem, struct arena *a)
{
	struct inbox_item *x = elem;
	x->id = db_col_int(st, 0);
	x->version = db_col_int(st, 1);
	x->kind = db_col_text(st, 2, a);
	x->community_id = db_col_is_null(st, 3) ? 0 : db_col_int(st, 3);
	x->community_name = db_col_text(st, 4, a);
	x->message = db_col_text(st, 5, a);
	x->name = db_col_text(st, 6, a);
	x->contact = db_col_text(st, 7, a);
	x->consent_version = db_col_text(st, 8, a);
	x->consent_text = db_col_text(st, 9, a);
	x->consent_on = db_col_text(st, 10, a);
	x->received_at = db_col_int(st, 11);
	x->delete_on = db_col_text(st, 12, a);
	x->status = db_col_text(st, 13, a);
	x->answer = db_col_text(st, 14, a);
	x->handled_by = db_col_text(st, 15, a);
	x->handled_at = db_col_int(st, 16);
	x->made_id = db_col_int(st, 17);
	x->anonymised = db_col_int(st, 18) != 0;
	return 0;
}

int inbox_list(struct db *db, struct arena *a, long long org_id, bool only_new, long long limit,
               long long offset, struct inbox_item **out, size_t *n, long long *total)
{
	const struct db_param *args =
	    DB_ARGS(DB_INT(org_id), DB_INT(only_new ? 1 : 0), DB_INT(limit), DB_INT(offset));
	if (db_query_int(db,
	                 "SELECT COUNT(*) FROM inbox_items WHERE org_id = ?1"
	                 " AND ((?2 = 1) = (status = 'nieuw'))",
	                 DB_ARGS(DB_INT(org_id), DB_INT(only_new ? 1 : 0)), total) != DB_ROW)
		return -1;
	return db_rows(db, a,
	               "SELECT i.id, i.version, i.kind, i.community_id, COALESCE(c.name, ''),"
	               " i.message, i.name, i.contact, i.consent_version, i.consent_text,"
	               " i.consent_on, i.received_at, i.delete_on, i.status, i.answer,"
	               " COALESCE(p.name, ''), i.handled_at, i.made_id, i.anonymised"
	               " FROM inbox_items i"
	               " LEFT JOIN communities c ON c.id = i.community_id AND c.org_id = i.org_id"
	               " LEFT JOIN persons p ON p.id = i.handled_by"
	               " WHERE i.org_id = ?1 AND ((?2 = 1) = (i.status = 'nieuw'))"
	               " ORDER BY i.received_at DESC, i.id DESC LIMIT ?3 OFFSET ?4",
	               args, sizeof(**out), read_item, out, n);
}

long long inbox_count_new(struct db *db, long long org_id)
{
	long long n = 0;
	if (db_query_int(db,
	                 "SELECT COUNT(*) FROM inbox_items WHERE org_id = ?1 AND status = 'nieuw'",
	                 DB_ARGS(DB_INT(org_id)), &n) != DB_ROW)
		return -1;
	return n;
}

int inbox_get(struct db *db, struct arena *a, long long org_id, long long id,
              struct inbox_item *out)
{
	struct inbox_item *rows;
	size_t n;
	if (db_rows(db, a,
	            "SELECT i.id, i.version, i.kind, i.community_id, COALESCE(c.name, ''),"
	            " i.message, i.name, i.contact, i.consent_version, i.consent_text,"
	            " i.consent_on, i.received_at, i.delete_on, i.status, i.answer,"
	            " COALESCE(p.name, ''), i.handled_at, i.made_id, i.anonymised"
	            " FROM inbox_items i"
	            " LEFT JOIN communities c ON c.id = i.community_id AND c.org_id = i.org_id"
	            " LEFT JOIN persons p ON p.id = i.handled_by"
	            " WHERE i.org_id = ?1 AND i.id = ?2",
	            DB_ARGS(DB_INT(org_id), DB_INT(id)), sizeof(*rows), read_item, &rows, &n) != 0)
		return -1;
	if (n == 0)
		return 0;
	*out = rows[0];
	return 1;
}

/* ---- handling ---- */

/*
 * Inside a write transaction: SAVE_OK when submission id of org is new and
 * still at version; else SAVE_NOT_FOUND, SAVE_CONFLICT, SAVE_REFUSED
 * (handled already) or SAVE_ERROR.
 */
static enum save_result check_new(struct db *db, long long org_id, long long id, long long version)
{
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT version, CASE WHEN status = 'nieuw' THEN 1 ELSE 0 END"
	             " FROM inbox_items WHERE org_id = ?1 AND id = ?2",
	             DB_ARGS(DB_INT(org_id), DB_INT(id))) != DB_OK)
		return SAVE_ERROR;
	int rc = db_step(st);
	enum save_result out = SAVE_OK;
	if (rc == DB_DONE)
		out = SAVE_NOT_FOUND;
	else if (rc != DB_ROW)
		out = SAVE_ERROR;
	else if (db_col_int(st, 1) == 0)
		out = SAVE_REFUSED;
	else if (db_col_int(st, 0) != version)
		out = SAVE_CONFLICT;
	db_finish(st);
	return out;
}

/* Inside a write transaction: marks id handled (status, by whom, what was made). */
static enum save_result mark(struct db *db, long long org_id, long long actor, long long id,
                             const char *status, long long community_id, long long made_id,
                             const char *answer)
{
	if (db_exec(db,
	            "UPDATE inbox_items SET status = ?1, handled_by = ?2, handled_at = ?3,"
	            " made_id = ?4, answer = ?5, version = version + 1,"
	            " community_id = CASE WHEN ?6 = 0 THEN community_id ELSE ?6 END"
	            " WHERE org_id = ?7 AND id = ?8",
	            DB_ARGS(DB_TEXT(status), actor ? DB_INT(actor) : DB_NULL,
	                    DB_INT((long long)clock_now()), DB_INT(made_id),
	                    DB_TEXT(answer ? answer : ""), DB_INT(community_id), DB_INT(org_id),
	                    DB_INT(id))) != DB_OK)
		return SAVE_ERROR;
	char object[32];
	snprintf(object, sizeof(object), "#%lld", id);
	if (audit_write(db, org_id, actor, "inbox.handled", object, status) != 0)
		return SAVE_ERROR;
	return SAVE_OK;
}

enum save_result inbox_to_scan(struct db *db, long long org_id, long long actor, long long id,
                               long long version, const char *list, const char *name,
                               const char *why, long long *made_id)
{
	if (vocab_index(scan_lists, list) < 0 || name == NULL || name[0] == '\0')
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	enum save_result rc = check_new(db, org_id, id, version);
	long long now = (long long)clock_now(), made = 0;
	/* the message goes along as the description: never the name or contact */
	if (rc == SAVE_OK &&
	    (db_exec(db,
	             "INSERT INTO scan_entries (org_id, list, name, description, why, created_at)"
	             " SELECT org_id, ?1, ?2, message, ?3, ?4 FROM inbox_items"
	             " WHERE org_id = ?5 AND id = ?6",
	             DB_ARGS(DB_TEXT(list), DB_TEXT(name), DB_TEXT(why ? why : ""), DB_INT(now),
	                     DB_INT(org_id), DB_INT(id))) != DB_OK ||
	     db_query_int(db,
	                  "SELECT MAX(id) FROM scan_entries WHERE org_id = ?1 AND created_at = ?2",
	                  DB_ARGS(DB_INT(org_id), DB_INT(now)), &made) != DB_ROW ||
	     audit_write(db, org_id, actor, "scan.add", name, list) != 0))
		rc = SAVE_ERROR;
	if (rc == SAVE_OK)
		rc = mark(db, org_id, actor, id, "scan", 0, made, "");
	rc = save_finish(db, rc);
	if (rc == SAVE_OK && made_id)
		*made_id = made;
	return rc;
}

enum save_result inbox_to_contact(struct db *db, long long org_id, long long actor, long long id,
                                  long long version, long long community_id, const char *subject,
                                  long long *made_id)
{
	if (subject == NULL || subject[0] == '\0')
		return SAVE_REFUSED;
	struct arena a;
	arena_init(&a);
	struct inbox_item item;
	int found = inbox_get(db, &a, org_id, id, &item);
	enum save_result rc = found < 0                           ? SAVE_ERROR
	                      : found == 0                        ? SAVE_NOT_FOUND
	                      : strcmp(item.status, "nieuw") != 0 ? SAVE_REFUSED
	                      : item.version != version           ? SAVE_CONFLICT
	                                                          : SAVE_OK;
	long long conv = 0;
	if (rc == SAVE_OK) {
		char today[16];
		clock_today(today);
		struct conversation c = {.held_on = today,
		                         .kind = "kennismaking",
		                         .community_id = community_id,
		                         .subject = subject,
		                         .participants = "",
		                         .report = item.message,
		                         .next_on = "",
		                         .next_note = ""};
		rc = conversation_create(db, org_id, actor, &c, NULL, 0, &conv);
	}
	if (rc == SAVE_OK) {
		if (db_begin(db) != DB_OK) {
			rc = SAVE_ERROR;
		} else {
			rc = check_new(db, org_id, id, version);
			if (rc == SAVE_OK)
				rc = mark(db, org_id, actor, id, "contact", community_id, conv, "");
			rc = save_finish(db, rc);
		}
	}
	arena_free(&a);
	if (rc == SAVE_OK && made_id)
		*made_id = conv;
	return rc;
}

enum save_result inbox_mark_invite(struct db *db, long long org_id, long long actor, long long id,
                                   long long version, long long community_id)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	long long one = 0;
	int q = db_query_int(db, "SELECT 1 FROM communities WHERE org_id = ?1 AND id = ?2",
	                     DB_ARGS(DB_INT(org_id), DB_INT(community_id)), &one);
	enum save_result rc = q == DB_ROW ? SAVE_OK : q == DB_DONE ? SAVE_NOT_FOUND : SAVE_ERROR;
	if (rc == SAVE_OK)
		rc = check_new(db, org_id, id, version);
	if (rc == SAVE_OK)
		rc = mark(db, org_id, actor, id, "uitnodigen", community_id, 0, "");
	return save_finish(db, rc);
}

enum save_result inbox_answer(struct db *db, long long org_id, long long actor, long long id,
                              long long version, const char *answer)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	enum save_result rc = check_new(db, org_id, id, version);
	if (rc == SAVE_OK)
		rc = mark(db, org_id, actor, id, "beantwoord", 0, 0, answer);
	return save_finish(db, rc);
}

/* ---- retention ---- */

int inbox_retention(struct db *db, const char *today, long long *n_out)
{
	if (n_out)
		*n_out = 0;
	if (db_begin(db) != DB_OK)
		return -1;
	long long kept = 0, gone = 0;
	if (db_exec(db,
	            "UPDATE inbox_items SET name = '', contact = '', answer = '', anonymised = 1,"
	            " version = version + 1"
	            " WHERE anonymised = 0 AND delete_on <= ?1 AND org_id IN"
	            " (SELECT org_id FROM public_pages WHERE keep_message = 1)",
	            DB_ARGS(DB_TEXT(today))) != DB_OK)
		goto fail;
	kept = db_changes(db);
	if (db_exec(db, "DELETE FROM inbox_items WHERE anonymised = 0 AND delete_on <= ?1",
	            DB_ARGS(DB_TEXT(today))) != DB_OK)
		goto fail;
	gone = db_changes(db);
	if (db_exec(db, "DELETE FROM public_hits WHERE at < ?1",
	            DB_ARGS(DB_INT((long long)clock_now() - 86400))) != DB_OK)
		goto fail;
	if (kept + gone > 0 &&
	    audit_write(db, 0, 0, "inbox.retention", today, kept ? "anonymised" : "deleted") != 0)
		goto fail;
	if (db_commit(db) != DB_OK)
		goto fail;
	if (n_out)
		*n_out = kept + gone;
	/* the freed bytes are zeroed in the pages (secure_delete); the old
	 * pages in the write-ahead log go when it is emptied into the file */
	if (kept + gone > 0 && db_backend(db) == DB_SQLITE) {
		struct db_stmt *st;
		if (db_query(db, &st, "/* sqlite */ PRAGMA wal_checkpoint(TRUNCATE)", DB_NOARGS) ==
		    DB_OK) {
			while (db_step(st) == DB_ROW)
				;
			db_finish(st);
		}
	}
	return 0;
fail:
	db_rollback(db);
	return -1;
}

int inbox_retention_due(struct db *db, struct arena *a, long long org_id, struct inbox_due *out)
{
	char today[16], month[16];
	clock_today(today);
	clock_date_from_today(30, month);
	memset(out, 0, sizeof(*out));
	out->next = "";
	long long soon_total = 0;
	if (db_query_int(db,
	                 "SELECT COALESCE((SELECT retention_days FROM public_pages"
	                 " WHERE org_id = ?1), ?2)",
	                 DB_ARGS(DB_INT(org_id), DB_INT(PUBLIC_RETENTION_DEFAULT)),
	                 &out->days) != DB_ROW ||
	    db_query_int(db,
	                 "SELECT COUNT(*) FROM inbox_items"
	                 " WHERE org_id = ?1 AND anonymised = 0 AND delete_on <= ?2",
	                 DB_ARGS(DB_INT(org_id), DB_TEXT(today)), &out->now) != DB_ROW ||
	    db_query_int(db,
	                 "SELECT COUNT(*) FROM inbox_items"
	                 " WHERE org_id = ?1 AND anonymised = 0 AND delete_on <= ?2",
	                 DB_ARGS(DB_INT(org_id), DB_TEXT(month)), &soon_total) != DB_ROW)
		return -1;
	out->soon = soon_total - out->now;
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT MIN(delete_on) FROM inbox_items"
	             " WHERE org_id = ?1 AND anonymised = 0 AND delete_on > ?2",
	             DB_ARGS(DB_INT(org_id), DB_TEXT(month))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW && !db_col_is_null(st, 0))
		out->next = db_col_text(st, 0, a);
	db_finish(st);
	return rc == DB_ROW ? 0 : -1;
}
