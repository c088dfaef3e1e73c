/*
 * privacy_erase.c - erasing one person, whole or nothing (core/privacy.h).
 *
 * A name is removed everywhere the organisation keeps it: the person's own
 * row (a login: name, e-mail, password) or the contact fields (a contact
 * person), and the free texts that name them get the neutral label.
 * Contributions (conversations written down, activities, goals) keep their
 * person_id and so read as the label. SQLite runs with secure_delete, so
 * the old bytes are overwritten in the file; see docs/privacy.md for what
 * that means for backups.
 */
#include "privacy.h"

#include <stdio.h>
#include <string.h>

#include "community.h"
#include "conversation.h"
#include "knowledge.h"
#include "partner.h"

static int read_id(struct db_stmt *st, void *elem, struct arena *a)
{
	(void)a;
	*(long long *)elem = db_col_int(st, 0);
	return 0;
}

/*
 * Replaces name by label in the organisation's free texts (db/personal.def:
 * FREE_TEXT and NAME columns outside the person's own row) and rebuilds the
 * search documents of the conversations that held it. 0 or -1.
 */
static int replace_name(struct db *db, long long org_id, const char *name, const char *label)
{
	if (name == NULL || strlen(name) < 2)
		return 0; /* too short to replace safely: nothing is matched by a letter */
	struct arena a;
	arena_init(&a);
	long long *ids = NULL;
	size_t n = 0;
	const struct db_param *args = DB_ARGS(DB_INT(org_id), DB_TEXT(name), DB_TEXT(label));
	int rc =
	    db_rows(db, &a,
	            "SELECT id FROM conversations WHERE org_id = ?1"
	            " AND (participants LIKE '%' || ?2 || '%' OR report LIKE '%' || ?2 || '%'"
	            " OR next_note LIKE '%' || ?2 || '%')",
	            DB_ARGS(DB_INT(org_id), DB_TEXT(name)), sizeof(long long), read_id, &ids, &n);
	if (rc == 0 &&
	    (db_exec(db,
	             "UPDATE conversations SET participants = REPLACE(participants, ?2, ?3),"
	             " report = REPLACE(report, ?2, ?3), next_note = REPLACE(next_note, ?2, ?3)"
	             " WHERE org_id = ?1 AND (participants LIKE '%' || ?2 || '%'"
	             " OR report LIKE '%' || ?2 || '%' OR next_note LIKE '%' || ?2 || '%')",
	             args) != DB_OK ||
	     db_exec(db,
	             "UPDATE action_points SET text = REPLACE(text, ?2, ?3)"
	             " WHERE org_id = ?1 AND text LIKE '%' || ?2 || '%'",
	             args) != DB_OK ||
	     db_exec(db,
	             "UPDATE activities SET outcome = REPLACE(outcome, ?2, ?3),"
	             " follow_up = REPLACE(follow_up, ?2, ?3)"
	             " WHERE org_id = ?1 AND (outcome LIKE '%' || ?2 || '%'"
	             " OR follow_up LIKE '%' || ?2 || '%')",
	             args) != DB_OK ||
	     db_exec(
	         db,
	         "UPDATE visions SET author = REPLACE(author, ?2, ?3), body = REPLACE(body, ?2, ?3)"
	         " WHERE org_id = ?1 AND (author LIKE '%' || ?2 || '%'"
	         " OR body LIKE '%' || ?2 || '%')",
	         args) != DB_OK ||
	     db_exec(db,
	             "UPDATE shared_visions SET authors = REPLACE(authors, ?2, ?3)"
	             " WHERE org_id = ?1 AND authors LIKE '%' || ?2 || '%'",
	             args) != DB_OK ||
	     db_exec(db,
	             "UPDATE community_agreements SET agreed_with = REPLACE(agreed_with, ?2, ?3)"
	             " WHERE org_id = ?1 AND agreed_with LIKE '%' || ?2 || '%'",
	             args) != DB_OK ||
	     db_exec(db,
	             "UPDATE signals SET aside_reason = REPLACE(aside_reason, ?2, ?3)"
	             " WHERE org_id = ?1 AND aside_reason LIKE '%' || ?2 || '%'",
	             args) != DB_OK ||
	     db_exec(db,
	             "UPDATE audit_log SET object = REPLACE(object, ?2, ?3),"
	             " detail = REPLACE(detail, ?2, ?3)"
	             " WHERE org_id = ?1 AND (object LIKE '%' || ?2 || '%'"
	             " OR detail LIKE '%' || ?2 || '%')",
	             args) != DB_OK))
		rc = -1;
	for (size_t i = 0; rc == 0 && i < n; i++)
		if (search_sync_conversation(db, org_id, ids[i]) != 0)
			rc = -1;
	/* the free texts of knowledge, cycle, POST-O, plan, workshops and invitations */
	long long *kids = NULL;
	size_t nk = 0;
	if (rc == 0 &&
	    (db_rows(db, &a,
	             "SELECT id FROM knowledge_items WHERE org_id = ?1"
	             " AND (title LIKE '%' || ?2 || '%' OR body LIKE '%' || ?2 || '%')",
	             DB_ARGS(DB_INT(org_id), DB_TEXT(name)), sizeof(long long), read_id, &kids,
	             &nk) != 0 ||
	     db_exec(db,
	             "UPDATE knowledge_items SET title = REPLACE(title, ?2, ?3),"
	             " body = REPLACE(body, ?2, ?3)"
	             " WHERE org_id = ?1 AND (title LIKE '%' || ?2 || '%'"
	             " OR body LIKE '%' || ?2 || '%')",
	             args) != DB_OK ||
	     db_exec(db,
	             "UPDATE knowledge_files SET name = REPLACE(name, ?2, ?3),"
	             " alt = REPLACE(alt, ?2, ?3)"
	             " WHERE org_id = ?1 AND (name LIKE '%' || ?2 || '%'"
	             " OR alt LIKE '%' || ?2 || '%')",
	             args) != DB_OK ||
	     db_exec(db,
	             "UPDATE cycle_stages SET note = REPLACE(note, ?2, ?3)"
	             " WHERE org_id = ?1 AND note LIKE '%' || ?2 || '%'",
	             args) != DB_OK ||
	     db_exec(db,
	             "UPDATE cycle_conditions SET note = REPLACE(note, ?2, ?3)"
	             " WHERE org_id = ?1 AND note LIKE '%' || ?2 || '%'",
	             args) != DB_OK ||
	     db_exec(db,
	             "UPDATE postos SET people = REPLACE(people, ?2, ?3)"
	             " WHERE org_id = ?1 AND people LIKE '%' || ?2 || '%'",
	             args) != DB_OK ||
	     db_exec(db,
	             "UPDATE posto_versions SET people = REPLACE(people, ?2, ?3)"
	             " WHERE org_id = ?1 AND people LIKE '%' || ?2 || '%'",
	             args) != DB_OK ||
	     db_exec(db,
	             "UPDATE plan_tasks SET description = REPLACE(description, ?2, ?3)"
	             " WHERE org_id = ?1 AND description LIKE '%' || ?2 || '%'",
	             args) != DB_OK ||
	     db_exec(db,
	             "UPDATE workshops SET went_well = REPLACE(went_well, ?2, ?3),"
	             " to_change = REPLACE(to_change, ?2, ?3)"
	             " WHERE org_id = ?1 AND (went_well LIKE '%' || ?2 || '%'"
	             " OR to_change LIKE '%' || ?2 || '%')",
	             args) != DB_OK ||
	     db_exec(db,
	             "UPDATE workshop_rows SET facilitator = REPLACE(facilitator, ?2, ?3)"
	             " WHERE org_id = ?1 AND facilitator LIKE '%' || ?2 || '%'",
	             args) != DB_OK ||
	     db_exec(db,
	             "UPDATE invitations SET label = REPLACE(label, ?2, ?3)"
	             " WHERE org_id = ?1 AND label LIKE '%' || ?2 || '%'",
	             args) != DB_OK))
		rc = -1;
	for (size_t i = 0; rc == 0 && i < nk; i++)
		if (search_sync_knowledge(db, org_id, kids[i]) != 0)
			rc = -1;
	/* a login who was also named as a community's or partner's contact person */
	long long *cids = NULL, *pids = NULL;
	size_t nc = 0, np = 0;
	if (rc == 0 &&
	    (db_rows(db, &a,
	             "SELECT id FROM communities WHERE org_id = ?1"
	             " AND contact_name LIKE '%' || ?2 || '%'",
	             DB_ARGS(DB_INT(org_id), DB_TEXT(name)), sizeof(long long), read_id, &cids,
	             &nc) != 0 ||
	     db_rows(
	         db, &a,
	         "SELECT id FROM partners WHERE org_id = ?1 AND contact_name LIKE '%' || ?2 || '%'",
	         DB_ARGS(DB_INT(org_id), DB_TEXT(name)), sizeof(long long), read_id, &pids,
	         &np) != 0 ||
	     db_exec(
	         db,
	         "UPDATE communities SET contact_name = '', contact_how = '', version = version + 1"
	         " WHERE org_id = ?1 AND contact_name LIKE '%' || ?2 || '%'",
	         DB_ARGS(DB_INT(org_id), DB_TEXT(name))) != DB_OK ||
	     db_exec(
	         db,
	         "UPDATE partners SET contact_name = '', contact_how = '', version = version + 1"
	         " WHERE org_id = ?1 AND contact_name LIKE '%' || ?2 || '%'",
	         DB_ARGS(DB_INT(org_id), DB_TEXT(name))) != DB_OK))
		rc = -1;
	for (size_t i = 0; rc == 0 && i < nc; i++)
		if (community_index(db, org_id, cids[i]) != 0)
			rc = -1;
	for (size_t i = 0; rc == 0 && i < np; i++)
		if (search_sync_partner(db, org_id, pids[i]) != 0)
			rc = -1;
	arena_free(&a);
	return rc;
}

int privacy_erase_login_tx(struct db *db, long long org_id, long long actor, long long person,
                           const char *label)
{
	struct arena a;
	arena_init(&a);
	const char *name = NULL, *email = NULL;
	struct db_stmt *st;
	int rc = -1;
	if (db_query(db, &st, "SELECT name, email FROM persons WHERE id = ?",
	             DB_ARGS(DB_INT(person))) != DB_OK)
		goto out;
	if (db_step(st) == DB_ROW) {
		name = db_col_text(st, 0, &a);
		email = db_col_text(st, 1, &a);
	}
	db_finish(st);
	if (name == NULL)
		goto out;
	const struct db_param *op = DB_ARGS(DB_INT(org_id), DB_INT(person));
	if (replace_name(db, org_id, name, label) != 0 ||
	    db_exec(db, "DELETE FROM memberships WHERE org_id = ?1 AND person_id = ?2", op) !=
	        DB_OK ||
	    db_exec(db, "DELETE FROM privacy_departures WHERE org_id = ?1 AND person_id = ?2",
	            op) != DB_OK ||
	    db_exec(db, "DELETE FROM community_ambassadors WHERE org_id = ?1 AND person_id = ?2",
	            op) != DB_OK ||
	    db_exec(db, "DELETE FROM community_staff WHERE org_id = ?1 AND person_id = ?2", op) !=
	        DB_OK ||
	    db_exec(db, "DELETE FROM calendar_keys WHERE org_id = ?1 AND person_id = ?2", op) !=
	        DB_OK ||
	    /* route (issue 12a): the impact plan and route are the person's own: they go */
	    db_exec(db, "DELETE FROM impact_plans WHERE org_id = ?1 AND person_id = ?2", op) !=
	        DB_OK ||
	    db_exec(db, "DELETE FROM route_marks WHERE org_id = ?1 AND person_id = ?2", op) !=
	        DB_OK ||
	    db_exec(db,
	            "DELETE FROM personal_shares WHERE org_id = ?1 AND (owner_id = ?2"
	            " OR viewer_id = ?2)",
	            op) != DB_OK ||
	    db_exec(db, "DELETE FROM signals WHERE org_id = ?1 AND person_id = ?2", op) != DB_OK ||
	    /* the zelftest is the person's own too (issue 12): moments, scores, shares */
	    db_exec(db,
	            "DELETE FROM zelftest_scores WHERE moment_id IN (SELECT id FROM"
	            " zelftest_moments WHERE org_id = ?1 AND person_id = ?2)",
	            op) != DB_OK ||
	    db_exec(db, "DELETE FROM zelftest_moments WHERE org_id = ?1 AND person_id = ?2", op) !=
	        DB_OK ||
	    db_exec(db,
	            "DELETE FROM zelftest_shares WHERE org_id = ?1 AND (person_id = ?2"
	            " OR manager_id = ?2)",
	            op) != DB_OK ||
	    /* accounts (issue 14): one-time links, recovery codes; the invitation they
	       accepted stays as a record, without the address it went to */
	    db_exec(db, "DELETE FROM link_tokens WHERE person_id = ?", DB_ARGS(DB_INT(person))) !=
	        DB_OK ||
	    db_exec(db, "DELETE FROM recovery_codes WHERE person_id = ?",
	            DB_ARGS(DB_INT(person))) != DB_OK ||
	    db_exec(db,
	            "UPDATE invitations SET email = '', label = ?3 WHERE org_id = ?1"
	            " AND (accepted_by = ?2 OR (email <> '' AND email = ?4))",
	            DB_ARGS(DB_INT(org_id), DB_INT(person), DB_TEXT(label), DB_TEXT(email))) !=
	        DB_OK ||
	    db_exec(db, "DELETE FROM sessions WHERE person_id = ?", DB_ARGS(DB_INT(person))) !=
	        DB_OK ||
	    db_exec(db, "DELETE FROM login_failures WHERE key LIKE '%' || ? || '%'",
	            DB_ARGS(DB_TEXT(email))) != DB_OK ||
	    /* the row stays, so contributions keep pointing at someone: the label */
	    db_exec(db,
	            "UPDATE persons SET name = ?2, email = 'gewist-' || CAST(id AS TEXT) ||"
	            " '@kring.invalid', pw_hash = '', locked = 1, totp_secret = '', totp_on = 0, "
	            "totp_step = 0"
	            " WHERE id = ?1",
	            DB_ARGS(DB_INT(person), DB_TEXT(label))) != DB_OK ||
	    audit_write(db, org_id, actor, "privacy.erase", label, "") != 0 ||
	    privacy_log_view(db, org_id, actor, "person", person, "erase") != 0)
		goto out;
	rc = 0;
out:
	arena_free(&a);
	return rc;
}

int privacy_erase_contact_tx(struct db *db, long long org_id, long long actor, const char *kind,
                             long long id, const char *label)
{
	struct arena a;
	arena_init(&a);
	bool partner = strcmp(kind, "partner") == 0;
	const char *name = NULL;
	struct db_stmt *st;
	int rc = -1;
	const struct db_param *args = DB_ARGS(DB_INT(org_id), DB_INT(id));
	if ((partner
	         ? db_query(db, &st,
	                    "SELECT contact_name FROM partners WHERE org_id = ?1 AND id = ?2", args)
	         : db_query(db, &st,
	                    "SELECT contact_name FROM communities WHERE org_id = ?1 AND id = ?2",
	                    args)) != DB_OK)
		goto out;
	if (db_step(st) == DB_ROW)
		name = db_col_text(st, 0, &a);
	db_finish(st);
	if (name == NULL)
		goto out;
	if (replace_name(db, org_id, name, label) != 0)
		goto out;
	/* "Samira Haddad (coördinator)": the name alone is what a report names */
	size_t short_len = strcspn(name, "(,;");
	while (short_len > 0 && name[short_len - 1] == ' ')
		short_len--;
	if (short_len > 0 && name[short_len] != '\0' &&
	    replace_name(db, org_id, arena_strndup(&a, name, short_len), label) != 0)
		goto out;
	if (partner) {
		if (db_exec(db,
		            "UPDATE partners SET contact_name = '', contact_how = '',"
		            " version = version + 1 WHERE org_id = ?1 AND id = ?2",
		            args) != DB_OK ||
		    search_sync_partner(db, org_id, id) != 0)
			goto out;
	} else {
		if (db_exec(db,
		            "UPDATE communities SET contact_name = '', contact_how = '',"
		            " version = version + 1 WHERE org_id = ?1 AND id = ?2",
		            args) != DB_OK ||
		    community_index(db, org_id, id) != 0)
			goto out;
	}
	if (audit_write(db, org_id, actor, "privacy.erase", label, "") != 0 ||
	    privacy_log_view(db, org_id, actor, kind, id, "erase") != 0)
		goto out;
	rc = 0;
out:
	arena_free(&a);
	return rc;
}

int privacy_purge_search(struct db *db)
{
	if (db_backend(db) != DB_SQLITE)
		return 0; /* PostgreSQL: dead rows go at the next VACUUM (docs/privacy.md) */
	return db_exec(db,
	               "/* sqlite */ INSERT INTO search_words(search_words) VALUES ('optimize')",
	               DB_NOARGS) == DB_OK &&
	               db_exec(db,
	                       "/* sqlite */ INSERT INTO search_parts(search_parts) VALUES "
	                       "('optimize')",
	                       DB_NOARGS) == DB_OK
	           ? 0
	           : -1;
}

/* Why the erasure of a login is refused, or SAVE_OK. */
static enum save_result login_check(struct db *db, long long org_id, long long actor,
                                    long long person, bool self)
{
	long long elsewhere = 0, admins = 0, is_admin = 0;
	if (db_query_int(db,
	                 "SELECT COUNT(*) FROM memberships WHERE person_id = ?2 AND org_id <> ?1",
	                 DB_ARGS(DB_INT(org_id), DB_INT(person)), &elsewhere) != DB_ROW ||
	    db_query_int(db,
	                 "SELECT COUNT(*) FROM memberships WHERE org_id = ?1 AND role = 'beheerder'"
	                 " AND person_id <> ?2",
	                 DB_ARGS(DB_INT(org_id), DB_INT(person)), &admins) != DB_ROW ||
	    db_query_int(db,
	                 "SELECT COUNT(*) FROM memberships WHERE org_id = ?1 AND person_id = ?2"
	                 " AND role = 'beheerder'",
	                 DB_ARGS(DB_INT(org_id), DB_INT(person)), &is_admin) != DB_ROW)
		return SAVE_ERROR;
	if (elsewhere > 0 || (is_admin && admins == 0) || (person == actor && !self))
		return SAVE_REFUSED;
	return SAVE_OK;
}

enum save_result privacy_erase(struct db *db, long long org_id, long long actor, const char *kind,
                               long long id, const struct privacy_labels *labels, bool self)
{
	kind = privacy_kind(kind);
	if (kind == NULL)
		return SAVE_NOT_FOUND;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct privacy_person p;
	enum save_result rc = SAVE_OK;
	int found = privacy_person_get(db, &a, org_id, kind, id, &p);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (strcmp(kind, "person") == 0) {
		rc = login_check(db, org_id, actor, id, self);
		const char *label =
		    strcmp(p.role, "ambassadeur") == 0 ? labels->ambassador : labels->staff;
		if (rc == SAVE_OK && privacy_erase_login_tx(db, org_id, actor, id, label) != 0)
			rc = SAVE_ERROR;
	} else if (privacy_erase_contact_tx(db, org_id, actor, kind, id, labels->contact) != 0) {
		rc = SAVE_ERROR;
	}
	arena_free(&a);
	rc = save_finish(db, rc);
	if (rc == SAVE_OK)
		privacy_purge_search(db); /* best effort: the erasure itself is committed */
	return rc;
}
