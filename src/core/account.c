/*
 * account.c - own password, reset links, sessions, two-step login (see account.h).
 */
#include "account.h"

#include <string.h>
#include <time.h>

/* ---- reset links ---- */

enum save_result reset_create(struct db *db, long long org_id, long long actor, long long person_id,
                              const char *token_hash, long long now, long long expires_at)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	if (invite_purge(db, now) != 0) /* old links go first */
		return save_finish(db, SAVE_ERROR);
	struct arena a;
	arena_init(&a);
	enum save_result rc = SAVE_OK;
	struct db_stmt *st;
	const char *name = NULL;
	/* only a person with a role in this organisation */
	if (db_query(db, &st,
	             "SELECT p.name FROM persons p JOIN memberships m ON m.person_id = p.id"
	             " WHERE p.id = ? AND m.org_id = ?",
	             DB_ARGS(DB_INT(person_id), DB_INT(org_id))) != DB_OK) {
		rc = SAVE_ERROR;
	} else {
		int s = db_step(st);
		if (s == DB_ROW)
			name = db_col_text(st, 0, &a);
		else if (s != DB_DONE)
			rc = SAVE_ERROR;
		db_finish(st);
	}
	if (rc == SAVE_OK && name == NULL)
		rc = SAVE_NOT_FOUND;
	else if (rc == SAVE_OK &&
	         (db_exec(db,
	                  "UPDATE link_tokens SET used_at = ? WHERE person_id = ?"
	                  " AND purpose = 'reset' AND used_at IS NULL",
	                  DB_ARGS(DB_INT(now), DB_INT(person_id))) != DB_OK ||
	          db_exec(db,
	                  "INSERT INTO link_tokens (token_hash, purpose, org_id, person_id,"
	                  " created_by, created_at, expires_at) VALUES (?, 'reset', ?, ?, ?, ?, ?)",
	                  DB_ARGS(DB_TEXT(token_hash), DB_INT(org_id), DB_INT(person_id),
	                          actor ? DB_INT(actor) : DB_NULL, DB_INT(now),
	                          DB_INT(expires_at))) != DB_OK ||
	          audit_write(db, org_id, actor, "account.reset_link", name, "") != 0))
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

int reset_request(struct db *db, const char *email, const char *token_hash, long long now,
                  long long expires_at)
{
	if (db_begin(db) != DB_OK)
		return -1;
	/* the same statements for a known and an unknown address: old links go, then 0 or 1 row */
	if (invite_purge(db, now) != 0 ||
	    db_exec(db,
	            "INSERT INTO link_tokens (token_hash, purpose, org_id, person_id, created_at,"
	            " expires_at) SELECT ?1, 'reset', m.org_id, p.id, ?2, ?3"
	            " FROM persons p JOIN memberships m ON m.person_id = p.id"
	            " WHERE p.email = ?4 AND p.locked = 0 ORDER BY m.org_id LIMIT 1",
	            DB_ARGS(DB_TEXT(token_hash), DB_INT(now), DB_INT(expires_at),
	                    DB_TEXT(email))) != DB_OK) {
		db_rollback(db);
		return -1;
	}
	long long stored = db_changes(db);
	if (db_commit(db) != DB_OK) {
		db_rollback(db);
		return -1;
	}
	return stored > 0 ? 1 : 0;
}

enum link_state reset_lookup(struct db *db, struct arena *a, const char *token_hash, long long now,
                             struct reset_link *out)
{
	struct db_stmt *st;
	memset(out, 0, sizeof(*out));
	if (db_query(db, &st,
	             "SELECT t.person_id, t.org_id, p.name, p.email, t.expires_at,"
	             " t.used_at IS NOT NULL,"
	             " p.locked = 0 AND EXISTS (SELECT 1 FROM memberships m"
	             " WHERE m.org_id = t.org_id AND m.person_id = t.person_id)"
	             " FROM link_tokens t JOIN persons p ON p.id = t.person_id"
	             " WHERE t.token_hash = ? AND t.purpose = 'reset'",
	             DB_ARGS(DB_TEXT(token_hash))) != DB_OK)
		return LINK_ERROR;
	int rc = db_step(st);
	if (rc != DB_ROW) {
		db_finish(st);
		return rc == DB_DONE ? LINK_UNKNOWN : LINK_ERROR;
	}
	out->person_id = db_col_int(st, 0);
	out->org_id = db_col_int(st, 1);
	out->name = db_col_text(st, 2, a);
	out->email = db_col_text(st, 3, a);
	out->expires_at = db_col_int(st, 4);
	bool used = db_col_int(st, 5) != 0, member = db_col_int(st, 6) != 0;
	db_finish(st);
	if (used)
		return LINK_USED;
	if (out->expires_at <= now)
		return LINK_EXPIRED;
	/* a link of an organisation the person has left opens nothing */
	if (!member)
		return LINK_GONE;
	return LINK_OK;
}

enum link_state reset_use(struct db *db, const char *token_hash, long long now, const char *pw_hash,
                          long long *person_out)
{
	if (db_begin(db) != DB_OK)
		return LINK_ERROR;
	struct arena a;
	arena_init(&a);
	struct reset_link l;
	long long used = 0;
	enum link_state st = reset_lookup(db, &a, token_hash, now, &l);
	if (st == LINK_OK &&
	    (db_query_int(db,
	                  "UPDATE link_tokens SET used_at = ?1 WHERE token_hash = ?2"
	                  " AND purpose = 'reset' AND used_at IS NULL AND expires_at > ?1"
	                  " RETURNING id",
	                  DB_ARGS(DB_INT(now), DB_TEXT(token_hash)), &used) != DB_ROW ||
	     db_exec(db, "UPDATE persons SET pw_hash = ? WHERE id = ?",
	             DB_ARGS(DB_TEXT(pw_hash), DB_INT(l.person_id))) != DB_OK ||
	     db_exec(db, "DELETE FROM sessions WHERE person_id = ?",
	             DB_ARGS(DB_INT(l.person_id))) != DB_OK ||
	     audit_write(db, l.org_id, l.person_id, "account.reset", l.name, "") != 0 ||
	     db_commit(db) != DB_OK))
		st = LINK_ERROR;
	if (st != LINK_OK)
		db_rollback(db);
	else
		*person_out = l.person_id;
	arena_free(&a);
	return st;
}

/* ---- own password ---- */

int account_password_hash(struct db *db, struct arena *a, long long person_id, const char **hash)
{
	struct db_stmt *st;
	if (db_query(db, &st, "SELECT pw_hash FROM persons WHERE id = ?",
	             DB_ARGS(DB_INT(person_id))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW)
		*hash = db_col_text(st, 0, a);
	db_finish(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

enum save_result account_password_set(struct db *db, long long person_id, const char *pw_hash,
                                      const char *keep_session)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	enum save_result rc = SAVE_OK;
	if (db_exec(db, "UPDATE persons SET pw_hash = ? WHERE id = ?",
	            DB_ARGS(DB_TEXT(pw_hash), DB_INT(person_id))) != DB_OK)
		rc = SAVE_ERROR;
	else if (db_changes(db) == 0)
		rc = SAVE_NOT_FOUND;
	else if (db_exec(db, "DELETE FROM sessions WHERE person_id = ? AND id_hash <> ?",
	                 DB_ARGS(DB_INT(person_id), DB_TEXT(keep_session ? keep_session : ""))) !=
	         DB_OK)
		rc = SAVE_ERROR;
	return save_finish(db, rc);
}

/* ---- sessions ---- */

static int read_session(struct db_stmt *st, void *elem, struct arena *a)
{
	struct session_info *s = elem;
	s->id_hash = db_col_text(st, 0, a);
	s->created_at = db_col_int(st, 1);
	s->seen_at = db_col_int(st, 2);
	s->user_agent = db_col_text(st, 3, a);
	return 0;
}

int account_sessions(struct db *db, struct arena *a, long long person_id, struct session_info **out,
                     size_t *n)
{
	return db_rows(db, a,
	               "SELECT id_hash, created_at, seen_at, user_agent FROM sessions"
	               " WHERE person_id = ? AND pending = 0 ORDER BY seen_at DESC, created_at DESC"
	               " LIMIT 100",
	               DB_ARGS(DB_INT(person_id)), sizeof(struct session_info), read_session, out,
	               n);
}

int account_session_end(struct db *db, long long person_id, const char *id_hash)
{
	if (db_exec(db, "DELETE FROM sessions WHERE person_id = ? AND id_hash = ?",
	            DB_ARGS(DB_INT(person_id), DB_TEXT(id_hash ? id_hash : ""))) != DB_OK)
		return -1;
	return db_changes(db) > 0 ? 1 : 0;
}

long long account_sessions_end(struct db *db, long long person_id, const char *keep)
{
	if (db_exec(db, "DELETE FROM sessions WHERE person_id = ? AND id_hash <> ?",
	            DB_ARGS(DB_INT(person_id), DB_TEXT(keep ? keep : ""))) != DB_OK)
		return -1;
	return db_changes(db);
}

enum save_result account_sessions_end_member(struct db *db, long long org_id, long long actor,
                                             long long person_id)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct db_stmt *st;
	enum save_result rc = SAVE_OK;
	const char *name = NULL;
	if (db_query(db, &st,
	             "SELECT p.name FROM persons p JOIN memberships m ON m.person_id = p.id"
	             " WHERE p.id = ? AND m.org_id = ?",
	             DB_ARGS(DB_INT(person_id), DB_INT(org_id))) != DB_OK) {
		rc = SAVE_ERROR;
	} else {
		int s = db_step(st);
		if (s == DB_ROW)
			name = db_col_text(st, 0, &a);
		else if (s != DB_DONE)
			rc = SAVE_ERROR;
		db_finish(st);
	}
	if (rc == SAVE_OK && name == NULL)
		rc = SAVE_NOT_FOUND;
	else if (rc == SAVE_OK &&
	         (db_exec(db, "DELETE FROM sessions WHERE person_id = ?",
	                  DB_ARGS(DB_INT(person_id))) != DB_OK ||
	          audit_write(db, org_id, actor, "account.sessions_end", name, "") != 0))
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

/* ---- own language ---- */

enum save_result account_lang_set(struct db *db, long long person_id, const char *lang)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	enum save_result rc = SAVE_OK;
	if (db_exec(db, "UPDATE persons SET lang = ? WHERE id = ?",
	            DB_ARGS(DB_TEXT(lang), DB_INT(person_id))) != DB_OK)
		rc = SAVE_ERROR;
	else if (db_changes(db) == 0)
		rc = SAVE_NOT_FOUND;
	return save_finish(db, rc);
}

/* ---- two-step login ---- */

int account_totp_get(struct db *db, struct arena *a, long long person_id, struct totp_state *out)
{
	struct db_stmt *st;
	memset(out, 0, sizeof(*out));
	if (db_query(
	        db, &st,
	        "SELECT totp_secret, totp_on, totp_step, (SELECT COUNT(*) FROM recovery_codes r"
	        " WHERE r.person_id = persons.id AND r.used_at IS NULL), email, totp_moved"
	        " FROM persons WHERE id = ?",
	        DB_ARGS(DB_INT(person_id))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		out->secret = db_col_text(st, 0, a);
		out->on = db_col_int(st, 1) != 0;
		out->step = db_col_int(st, 2);
		out->recovery_left = db_col_int(st, 3);
		out->email = db_col_text(st, 4, a);
		out->moved = db_col_int(st, 5) != 0;
	}
	db_finish(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

enum save_result account_totp_begin(struct db *db, long long person_id, const char *secret)
{
	if (db_exec(db,
	            "UPDATE persons SET totp_secret = ?, totp_step = 0, totp_moved = 0"
	            " WHERE id = ? AND totp_on = 0",
	            DB_ARGS(DB_TEXT(secret), DB_INT(person_id))) != DB_OK)
		return SAVE_ERROR;
	return db_changes(db) > 0 ? SAVE_OK : SAVE_REFUSED;
}

enum save_result account_totp_enable(struct db *db, long long person_id, long long step,
                                     char (*const hashes)[65], size_t n)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	enum save_result rc = SAVE_OK;
	if (db_exec(db,
	            "UPDATE persons SET totp_on = 1, totp_step = ? WHERE id = ? AND totp_on = 0"
	            " AND totp_secret <> ''",
	            DB_ARGS(DB_INT(step), DB_INT(person_id))) != DB_OK)
		rc = SAVE_ERROR;
	else if (db_changes(db) == 0)
		rc = SAVE_REFUSED;
	else if (db_exec(db, "DELETE FROM recovery_codes WHERE person_id = ?",
	                 DB_ARGS(DB_INT(person_id))) != DB_OK)
		rc = SAVE_ERROR;
	for (size_t i = 0; rc == SAVE_OK && i < n; i++)
		if (db_exec(db, "INSERT INTO recovery_codes (person_id, code_hash) VALUES (?, ?)",
		            DB_ARGS(DB_INT(person_id), DB_TEXT(hashes[i]))) != DB_OK)
			rc = SAVE_ERROR;
	return save_finish(db, rc);
}

enum save_result account_totp_disable(struct db *db, long long person_id)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	enum save_result rc = SAVE_OK;
	if (db_exec(db,
	            "UPDATE persons SET totp_on = 0, totp_secret = '', totp_step = 0 WHERE id = ?",
	            DB_ARGS(DB_INT(person_id))) != DB_OK ||
	    db_exec(db, "DELETE FROM recovery_codes WHERE person_id = ?",
	            DB_ARGS(DB_INT(person_id))) != DB_OK)
		rc = SAVE_ERROR;
	return save_finish(db, rc);
}

int account_totp_use_step(struct db *db, long long person_id, long long step)
{
	if (db_exec(db, "UPDATE persons SET totp_step = ? WHERE id = ? AND totp_step < ?",
	            DB_ARGS(DB_INT(step), DB_INT(person_id), DB_INT(step))) != DB_OK)
		return -1;
	return db_changes(db) > 0 ? 1 : 0;
}

int account_recovery_use(struct db *db, long long person_id, const char *hash)
{
	if (db_exec(db,
	            "UPDATE recovery_codes SET used_at = ? WHERE person_id = ? AND code_hash = ?"
	            " AND used_at IS NULL",
	            DB_ARGS(DB_INT((long long)time(NULL)), DB_INT(person_id), DB_TEXT(hash))) !=
	    DB_OK)
		return -1;
	return db_changes(db) > 0 ? 1 : 0;
}

int account_totp_needed(struct db *db, long long person_id)
{
	long long n = 0;
	if (db_query_int(db,
	                 "SELECT COUNT(*) FROM persons p JOIN memberships m ON m.person_id = p.id"
	                 " JOIN orgs o ON o.id = m.org_id WHERE p.id = ? AND p.totp_on = 0"
	                 " AND o.require_totp = 1 AND m.role IN ('beheerder', 'medewerker')",
	                 DB_ARGS(DB_INT(person_id)), &n) != DB_ROW)
		return -1;
	return n > 0 ? 1 : 0;
}

int org_totp_required(struct db *db, long long org_id)
{
	long long on = 0;
	if (db_query_int(db, "SELECT require_totp FROM orgs WHERE id = ?", DB_ARGS(DB_INT(org_id)),
	                 &on) != DB_ROW)
		return -1;
	return on ? 1 : 0;
}

enum save_result org_totp_require(struct db *db, long long org_id, long long actor, bool on)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	enum save_result rc = SAVE_OK;
	if (db_exec(db, "UPDATE orgs SET require_totp = ? WHERE id = ?",
	            DB_ARGS(DB_INT(on ? 1 : 0), DB_INT(org_id))) != DB_OK ||
	    audit_write(db, org_id, actor, on ? "org.totp_on" : "org.totp_off", "", "") != 0)
		rc = SAVE_ERROR;
	return save_finish(db, rc);
}
