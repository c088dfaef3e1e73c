/*
 * invite.c - invitations behind one-time links (see invite.h).
 */
#include "invite.h"

#include <string.h>

#include "../auth/roles.h"
#include "community.h"
#include "signal.h"

enum save_result invite_create(struct db *db, long long org_id, long long actor, unsigned role,
                               long long community_id, const char *label, const char *email,
                               const char *token_hash, long long now, long long expires_at,
                               long long *id_out)
{
	const char *rn = role_name(role);
	if (rn[0] == '\0' || (role == ROLE_AMBASSADEUR) != (community_id != 0))
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	if (invite_purge(db, now) != 0)
		return save_finish(db, SAVE_ERROR);
	long long id = 0, found = 1;
	enum save_result rc = SAVE_OK;
	/* a community named by the form must be one of this organisation */
	if (community_id != 0 &&
	    db_query_int(db, "SELECT COUNT(*) FROM communities WHERE id = ? AND org_id = ?",
	                 DB_ARGS(DB_INT(community_id), DB_INT(org_id)), &found) != DB_ROW)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (db_query_int(db,
	                      "INSERT INTO invitations (org_id, role, community_id, label, email,"
	                      " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
	                      DB_ARGS(DB_INT(org_id), DB_TEXT(rn),
	                              community_id ? DB_INT(community_id) : DB_NULL,
	                              DB_TEXT(label ? label : ""), DB_TEXT(email ? email : ""),
	                              actor ? DB_INT(actor) : DB_NULL, DB_INT(now)),
	                      &id) != DB_ROW ||
	         db_exec(db,
	                 "INSERT INTO link_tokens (token_hash, purpose, org_id, invitation_id,"
	                 " created_by, created_at, expires_at) VALUES (?, 'invite', ?, ?, ?, ?, ?)",
	                 DB_ARGS(DB_TEXT(token_hash), DB_INT(org_id), DB_INT(id),
	                         actor ? DB_INT(actor) : DB_NULL, DB_INT(now),
	                         DB_INT(expires_at))) != DB_OK ||
	         audit_write(db, org_id, actor, "invite.create", label ? label : "", rn) != 0)
		rc = SAVE_ERROR;
	rc = save_finish(db, rc);
	if (rc == SAVE_OK && id_out)
		*id_out = id;
	return rc;
}

/* Reads an invitation row of the query below into out. */
static void read_invitation(struct db_stmt *st, struct arena *a, struct invitation *out)
{
	memset(out, 0, sizeof(*out));
	out->id = db_col_int(st, 0);
	out->org_id = db_col_int(st, 1);
	out->org_name = db_col_text(st, 2, a);
	out->org_slug = db_col_text(st, 11, a);
	out->role = role_from_name(db_col_text(st, 3, a));
	out->community_id = db_col_int(st, 4);
	out->community = db_col_text(st, 5, a);
	out->label = db_col_text(st, 6, a);
	out->email = db_col_text(st, 7, a);
	out->inviter = db_col_text(st, 8, a);
	out->created_at = db_col_int(st, 9);
	out->expires_at = db_col_int(st, 10);
}

enum link_state invite_lookup(struct db *db, struct arena *a, const char *token_hash, long long now,
                              struct invitation *out)
{
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT i.id, i.org_id, o.name, i.role, COALESCE(i.community_id, 0),"
	             " COALESCE(c.name, ''), i.label, i.email, COALESCE(p.name, ''), i.created_at,"
	             " t.expires_at, o.slug, t.used_at IS NOT NULL, i.accepted_at IS NOT NULL,"
	             " i.community_id IS NOT NULL AND c.id IS NULL"
	             " FROM link_tokens t JOIN invitations i ON i.id = t.invitation_id"
	             " AND i.org_id = t.org_id JOIN orgs o ON o.id = i.org_id"
	             " LEFT JOIN communities c ON c.id = i.community_id AND c.org_id = i.org_id"
	             " LEFT JOIN persons p ON p.id = i.created_by"
	             " WHERE t.token_hash = ? AND t.purpose = 'invite'",
	             DB_ARGS(DB_TEXT(token_hash))) != DB_OK)
		return LINK_ERROR;
	int rc = db_step(st);
	if (rc != DB_ROW) {
		db_finish(st);
		return rc == DB_DONE ? LINK_UNKNOWN : LINK_ERROR;
	}
	read_invitation(st, a, out);
	bool used = db_col_int(st, 12) || db_col_int(st, 13);
	bool gone = db_col_int(st, 14) != 0;
	db_finish(st);
	if (used)
		return LINK_USED;
	if (out->expires_at <= now)
		return LINK_EXPIRED;
	if (gone)
		return LINK_GONE;
	return LINK_OK;
}

/* Gives person the invitation's role and community, inside the open transaction. */
static int grant(struct db *db, const struct invitation *inv, long long person, long long now)
{
	if (db_exec(
	        db,
	        "INSERT INTO memberships (org_id, person_id, role, created_at) VALUES (?, ?, ?, ?)"
	        " ON CONFLICT (org_id, person_id) DO NOTHING",
	        DB_ARGS(DB_INT(inv->org_id), DB_INT(person), DB_TEXT(role_name(inv->role)),
	                DB_INT(now))) != DB_OK)
		return -1;
	if (inv->community_id == 0)
		return 0;
	/* only someone who is an ambassadeur here is attached as one */
	if (db_exec(
	        db,
	        "INSERT INTO community_ambassadors (org_id, community_id, person_id, created_at)"
	        " SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM memberships"
	        " WHERE org_id = ?1 AND person_id = ?3 AND role = 'ambassadeur')"
	        " ON CONFLICT (community_id, person_id) DO NOTHING",
	        DB_ARGS(DB_INT(inv->org_id), DB_INT(inv->community_id), DB_INT(person),
	                DB_INT(now))) != DB_OK ||
	    db_exec(db, "UPDATE communities SET updated_at = ? WHERE id = ? AND org_id = ?",
	            DB_ARGS(DB_INT(now), DB_INT(inv->community_id), DB_INT(inv->org_id))) !=
	        DB_OK ||
	    community_index(db, inv->org_id, inv->community_id) != 0 ||
	    signals_touch(db, inv->org_id, inv->community_id) != 0)
		return -1;
	return 0;
}

enum invite_accept_result invite_accept(struct db *db, const char *token_hash, long long now,
                                        long long person_id, const char *email, const char *name,
                                        const char *pw_hash, long long *person_out,
                                        enum link_state *state)
{
	struct arena a;
	arena_init(&a);
	*state = LINK_ERROR;
	if (db_begin(db) != DB_OK) {
		arena_free(&a);
		return ACCEPT_ERROR;
	}
	enum invite_accept_result res = ACCEPT_ERROR;
	struct invitation inv;
	long long used = 0, person = person_id;
	/* read and use up the link in this one write transaction: a second use waits and fails */
	*state = invite_lookup(db, &a, token_hash, now, &inv);
	if (*state != LINK_OK) {
		res = *state == LINK_ERROR ? ACCEPT_ERROR : ACCEPT_LINK;
		goto out;
	}
	if (db_query_int(db,
	                 "UPDATE link_tokens SET used_at = ?1 WHERE token_hash = ?2"
	                 " AND purpose = 'invite' AND used_at IS NULL AND expires_at > ?1"
	                 " RETURNING id",
	                 DB_ARGS(DB_INT(now), DB_TEXT(token_hash)), &used) != DB_ROW)
		goto out;
	if (person == 0) {
		int rc = person_create(db, email, name, pw_hash, &person);
		if (rc == 1) {
			res = ACCEPT_EMAIL_TAKEN;
			goto out;
		}
		if (rc != 0)
			goto out;
	}
	const char *who = name;
	if (person_id != 0) {
		struct db_stmt *st;
		if (db_query(db, &st, "SELECT name FROM persons WHERE id = ?",
		             DB_ARGS(DB_INT(person_id))) != DB_OK)
			goto out;
		int rc = db_step(st);
		who = rc == DB_ROW ? db_col_text(st, 0, &a) : "";
		db_finish(st);
		if (rc != DB_ROW)
			goto out;
	}
	if (grant(db, &inv, person, now) != 0 ||
	    /* the person now holds their own name and address: the invitation forgets its copy */
	    db_exec(
	        db,
	        "UPDATE invitations SET accepted_by = ?, accepted_at = ?, label = '', email = ''"
	        " WHERE id = ?",
	        DB_ARGS(DB_INT(person), DB_INT(now), DB_INT(inv.id))) != DB_OK ||
	    audit_write(db, inv.org_id, person, "invite.accept", who, role_name(inv.role)) != 0 ||
	    signals_touch_org(db, inv.org_id) != 0)
		goto out;
	if (db_commit(db) != DB_OK)
		goto out;
	arena_free(&a);
	*person_out = person;
	return ACCEPT_OK;
out:
	db_rollback(db);
	arena_free(&a);
	return res;
}

static int read_open(struct db_stmt *st, void *elem, struct arena *a)
{
	read_invitation(st, a, elem);
	return 0;
}

int invite_list_open(struct db *db, struct arena *a, long long org_id, long long now,
                     struct invitation **out, size_t *n)
{
	return db_rows(db, a,
	               "SELECT i.id, i.org_id, o.name, i.role, COALESCE(i.community_id, 0),"
	               " COALESCE(c.name, ''), i.label, i.email, COALESCE(p.name, ''),"
	               " i.created_at, t.expires_at, o.slug"
	               " FROM invitations i JOIN link_tokens t ON t.invitation_id = i.id"
	               " AND t.org_id = i.org_id JOIN orgs o ON o.id = i.org_id"
	               " LEFT JOIN communities c ON c.id = i.community_id AND c.org_id = i.org_id"
	               " LEFT JOIN persons p ON p.id = i.created_by"
	               " WHERE i.org_id = ? AND i.accepted_at IS NULL AND t.used_at IS NULL"
	               " AND t.expires_at > ? ORDER BY i.created_at DESC, i.id DESC LIMIT 200",
	               DB_ARGS(DB_INT(org_id), DB_INT(now)), sizeof(struct invitation), read_open,
	               out, n);
}

enum save_result invite_withdraw(struct db *db, long long org_id, long long actor, long long id)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct db_stmt *st;
	enum save_result rc = SAVE_OK;
	const char *label = NULL, *role = "";
	if (db_query(db, &st,
	             "SELECT label, role FROM invitations WHERE id = ? AND org_id = ?"
	             " AND accepted_at IS NULL",
	             DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK)
		rc = SAVE_ERROR;
	else {
		int s = db_step(st);
		if (s == DB_ROW) {
			label = db_col_text(st, 0, &a);
			role = db_col_text(st, 1, &a);
		} else if (s != DB_DONE)
			rc = SAVE_ERROR;
		db_finish(st);
	}
	if (rc == SAVE_OK && label == NULL)
		rc = SAVE_NOT_FOUND;
	else if (rc == SAVE_OK &&
	         (db_exec(db, "DELETE FROM invitations WHERE id = ? AND org_id = ?",
	                  DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK ||
	          audit_write(db, org_id, actor, "invite.withdraw", label, role) != 0))
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

int invite_purge(struct db *db, long long now)
{
	long long before = now - INVITE_KEEP_SECONDS;
	if (db_exec(db,
	            "DELETE FROM link_tokens WHERE expires_at < ?1 OR (used_at IS NOT NULL"
	            " AND used_at < ?1)",
	            DB_ARGS(DB_INT(before))) != DB_OK ||
	    db_exec(db,
	            "DELETE FROM invitations WHERE accepted_at IS NULL AND NOT EXISTS"
	            " (SELECT 1 FROM link_tokens t WHERE t.invitation_id = invitations.id)",
	            DB_NOARGS) != DB_OK)
		return -1;
	return 0;
}
