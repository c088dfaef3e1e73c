/*
 * knowledge.c - recording, changing and deleting knowledge items, with
 * their tags, contributors and file (see knowledge.h; lists and search in
 * knowledge_list.c).
 */
#include "knowledge.h"

#include <string.h>
#include <strings.h>

#include "../db/search_index.h"
#include "../util/clock.h"
#include "community.h"
#include "files.h"
#include "vocab.h"

const char *const knowledge_kinds[] = {"verhaal", "notitie", "link", "document", "foto", NULL};

/* Characters (not bytes) in the UTF-8 text s. */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

/* A text for the audit log: at most 200 bytes, cut on a character boundary. */
static const char *audit_short(struct arena *a, const char *s)
{
	size_t n = strlen(s);
	if (n <= 200)
		return s;
	n = 200;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return arena_printf(a, "%.*s…", (int)n, s);
}

void knowledge_tags_parse(struct arena *a, const char *typed, const char ***out, size_t *n)
{
	const char **v = arena_alloc(a, (KNOWLEDGE_MAX_TAGS + 1) * sizeof(*v));
	size_t k = 0;
	const char *p = typed ? typed : "";
	while (*p && k <= KNOWLEDGE_MAX_TAGS) {
		size_t len = strcspn(p, ",;");
		const char *s = p, *e = p + len;
		while (s < e && (*s == ' ' || *s == '\t' || *s == '#' || *s == '\n' || *s == '\r'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
			e--;
		if (e > s) {
			char *t = arena_strndup(a, s, (size_t)(e - s));
			for (char *c = t; *c; c++)
				if (*c >= 'A' && *c <= 'Z')
					*c = (char)(*c - 'A' + 'a');
			bool seen = false;
			for (size_t i = 0; i < k && !seen; i++)
				seen = strcmp(v[i], t) == 0;
			if (!seen)
				v[k++] = t;
		}
		p += len;
		if (*p)
			p++;
	}
	*out = v;
	*n = k;
}

/* The values of k that need no database: KN_OK or the first problem. */
static enum knowledge_problem shape(const struct knowledge *k)
{
	if (k->title == NULL || k->title[0] == '\0' || utf8_chars(k->title) > KNOWLEDGE_TITLE_MAX)
		return KN_BAD_TITLE;
	if (vocab_index(knowledge_kinds, k->kind) < 0)
		return KN_BAD_KIND;
	if (utf8_chars(nz(k->body)) > KNOWLEDGE_BODY_MAX)
		return KN_BAD_BODY;
	const char *u = nz(k->url);
	if (strlen(u) > KNOWLEDGE_URL_MAX || strpbrk(u, " \t\r\n<>\"") != NULL)
		return KN_BAD_URL;
	bool web = strncasecmp(u, "https://", 8) == 0 || strncasecmp(u, "http://", 7) == 0;
	if ((u[0] && !web) || (strcmp(k->kind, "link") == 0 && !web))
		return KN_BAD_URL;
	if (k->n_tags > KNOWLEDGE_MAX_TAGS)
		return KN_BAD_TAGS;
	for (size_t i = 0; i < k->n_tags; i++)
		if (utf8_chars(k->tags[i]) > KNOWLEDGE_TAG_MAX)
			return KN_BAD_TAGS;
	return KN_OK;
}

/* 1 when person may be named as contributor to items of community cid, 0, -1. */
static int person_ok(struct db *db, long long org_id, long long cid, long long person)
{
	long long n = 0;
	if (db_query_int(
	        db,
	        "SELECT COUNT(*) FROM memberships m WHERE m.org_id = ?1 AND m.person_id = ?2"
	        " AND (m.role IN ('beheerder', 'medewerker') OR (m.role = 'ambassadeur'"
	        " AND EXISTS (SELECT 1 FROM community_ambassadors ca WHERE ca.org_id = ?1"
	        " AND ca.person_id = ?2 AND ca.community_id = ?3)))",
	        DB_ARGS(DB_INT(org_id), DB_INT(person), DB_INT(cid)), &n) != DB_ROW)
		return -1;
	return n > 0;
}

/*
 * Every id k names belongs with its community (and the community to the
 * ambassadeur): SAVE_OK, SAVE_NOT_FOUND with *why, or SAVE_ERROR.
 */
static enum save_result refs_ok(struct db *db, long long org_id, long long attached,
                                const struct knowledge *k, const long long *named, size_t n_named,
                                enum knowledge_problem *why)
{
	int v = community_visible(db, org_id, k->community_id, attached);
	if (v <= 0) {
		*why = KN_FOREIGN_COMMUNITY;
		return v < 0 ? SAVE_ERROR : SAVE_NOT_FOUND;
	}
	long long n = 0;
	if (k->activity_id) {
		if (db_query_int(
		        db,
		        "SELECT COUNT(*) FROM activity_communities WHERE activity_id = ?"
		        " AND org_id = ? AND community_id = ?",
		        DB_ARGS(DB_INT(k->activity_id), DB_INT(org_id), DB_INT(k->community_id)),
		        &n) != DB_ROW)
			return SAVE_ERROR;
		if (n == 0) {
			*why = KN_FOREIGN_ACTIVITY;
			return SAVE_NOT_FOUND;
		}
	}
	if (k->conversation_id) {
		if (db_query_int(db,
		                 "SELECT COUNT(*) FROM conversations WHERE id = ? AND org_id = ?"
		                 " AND community_id = ?",
		                 DB_ARGS(DB_INT(k->conversation_id), DB_INT(org_id),
		                         DB_INT(k->community_id)),
		                 &n) != DB_ROW)
			return SAVE_ERROR;
		if (n == 0) {
			*why = KN_FOREIGN_CONVERSATION;
			return SAVE_NOT_FOUND;
		}
	}
	for (size_t i = 0; i < n_named; i++) {
		v = person_ok(db, org_id, k->community_id, named[i]);
		if (v <= 0) {
			*why = KN_FOREIGN_PERSON;
			return v < 0 ? SAVE_ERROR : SAVE_NOT_FOUND;
		}
	}
	return SAVE_OK;
}

/* Writes the tags of item id again, and adds the contributors (never removes one). */
static int write_refs(struct db *db, long long org_id, long long id, long long actor,
                      const struct knowledge *k, const long long *named, size_t n_named)
{
	if (db_exec(db, "DELETE FROM knowledge_tags WHERE item_id = ? AND org_id = ?",
	            DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK)
		return -1;
	for (size_t i = 0; i < k->n_tags; i++)
		if (db_exec(db,
		            "INSERT INTO knowledge_tags (org_id, item_id, tag) VALUES (?, ?, ?)"
		            " ON CONFLICT DO NOTHING",
		            DB_ARGS(DB_INT(org_id), DB_INT(id), DB_TEXT(k->tags[i]))) != DB_OK)
			return -1;
	for (size_t i = 0; i <= n_named; i++) {
		long long p = i < n_named ? named[i] : actor;
		if (p != 0 &&
		    db_exec(db,
		            "INSERT INTO knowledge_contributors (org_id, item_id, person_id)"
		            " VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
		            DB_ARGS(DB_INT(org_id), DB_INT(id), DB_INT(p))) != DB_OK)
			return -1;
	}
	return 0;
}

/* Checks the file for k; SAVE_OK (file or none needed), SAVE_REFUSED with *file_why. */
static enum save_result file_ok(const struct knowledge *k, const struct knowledge_file_in *file,
                                bool need, const char **type, int *file_why)
{
	*type = NULL;
	bool wants = strcmp(k->kind, "document") == 0 || strcmp(k->kind, "foto") == 0;
	bool story = strcmp(k->kind, "verhaal") == 0; /* a story may have a photo */
	bool given = file != NULL && file->data != NULL;
	if (!wants && !story)
		return SAVE_OK; /* other kinds carry no file: one sent is ignored */
	if (!given && (!need || story))
		return SAVE_OK;
	enum file_problem p = files_check(file, k->kind, type);
	*file_why = p;
	return p == FILE_OK ? SAVE_OK : SAVE_REFUSED;
}

enum save_result knowledge_create(struct db *db, long long org_id, long long actor,
                                  long long attached, const struct knowledge *k,
                                  const long long *named, size_t n_named,
                                  const struct knowledge_file_in *file, long long *id_out,
                                  enum knowledge_problem *why, int *file_why)
{
	*file_why = FILE_OK;
	*why = shape(k);
	if (*why != KN_OK)
		return SAVE_REFUSED;
	const char *type;
	if (file_ok(k, file, true, &type, file_why) != SAVE_OK)
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	long long now = (long long)clock_now(), id = 0;
	enum save_result rc = refs_ok(db, org_id, attached, k, named, n_named, why);
	if (rc == SAVE_OK &&
	    (db_query_int(
	         db,
	         "INSERT INTO knowledge_items (org_id, community_id, kind, title, body, url,"
	         " activity_id, conversation_id, shared, person_id, created_at, updated_at)"
	         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	         DB_ARGS(DB_INT(org_id), DB_INT(k->community_id), DB_TEXT(k->kind),
	                 DB_TEXT(k->title), DB_TEXT(nz(k->body)), DB_TEXT(nz(k->url)),
	                 k->activity_id ? DB_INT(k->activity_id) : DB_NULL,
	                 k->conversation_id ? DB_INT(k->conversation_id) : DB_NULL,
	                 DB_INT(k->shared ? 1 : 0), actor ? DB_INT(actor) : DB_NULL, DB_INT(now),
	                 DB_INT(now)),
	         &id) != DB_ROW ||
	     write_refs(db, org_id, id, actor, k, named, n_named) != 0 ||
	     (type != NULL && files_put(db, org_id, actor, id, file, type) != 0) ||
	     audit_write(db, org_id, actor, "knowledge.create", audit_short(&a, k->title),
	                 k->kind) != 0 ||
	     search_sync_knowledge(db, org_id, id) != 0))
		rc = SAVE_ERROR;
	arena_free(&a);
	rc = save_finish(db, rc);
	if (rc == SAVE_OK && id_out)
		*id_out = id;
	return rc;
}

enum save_result knowledge_update(struct db *db, long long org_id, long long actor,
                                  long long attached, const struct knowledge *k,
                                  const long long *named, size_t n_named,
                                  const struct knowledge_file_in *file, bool set_shared,
                                  enum knowledge_problem *why, int *file_why)
{
	*file_why = FILE_OK;
	*why = shape(k);
	if (*why != KN_OK)
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct knowledge old;
	const char *type = NULL;
	enum save_result rc = SAVE_OK;
	int found = knowledge_get(db, &a, org_id, attached, k->id, &old);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (old.version != k->version)
		rc = SAVE_CONFLICT;
	else
		rc = refs_ok(db, org_id, attached, k, named, n_named, why);
	/* a document or photo keeps the file it has unless a new one comes */
	bool has_file = found == 1 && old.file_id != 0;
	if (rc == SAVE_OK)
		rc = file_ok(k, file, !has_file, &type, file_why);
	/* a photo kept without a new file still needs its description */
	bool pictured = strcmp(k->kind, "foto") == 0 ||
	                (strcmp(k->kind, "verhaal") == 0 && has_file && old.file_type &&
	                 strncmp(old.file_type, "image/", 6) == 0);
	if (rc == SAVE_OK && type == NULL && pictured &&
	    (file == NULL || file->alt == NULL || file->alt[0] == '\0')) {
		*file_why = FILE_NO_ALT;
		rc = SAVE_REFUSED;
	}
	if (rc == SAVE_OK && type == NULL && has_file && strcmp(k->kind, "foto") == 0 &&
	    !(old.file_type && strncmp(old.file_type, "image/", 6) == 0)) {
		*file_why = FILE_NOT_IMAGE;
		rc = SAVE_REFUSED;
	}
	bool shared = set_shared ? k->shared : (found == 1 && old.shared);
	if (rc == SAVE_OK) {
		if (db_exec(db,
		            "UPDATE knowledge_items SET community_id = ?, kind = ?, title = ?, "
		            "body = ?,"
		            " url = ?, activity_id = ?, conversation_id = ?, shared = ?, "
		            "updated_at = ?,"
		            " version = version + 1 WHERE id = ? AND org_id = ? AND version = ?",
		            DB_ARGS(DB_INT(k->community_id), DB_TEXT(k->kind), DB_TEXT(k->title),
		                    DB_TEXT(nz(k->body)), DB_TEXT(nz(k->url)),
		                    k->activity_id ? DB_INT(k->activity_id) : DB_NULL,
		                    k->conversation_id ? DB_INT(k->conversation_id) : DB_NULL,
		                    DB_INT(shared ? 1 : 0), DB_INT((long long)clock_now()),
		                    DB_INT(k->id), DB_INT(org_id), DB_INT(k->version))) != DB_OK)
			rc = SAVE_ERROR;
		else if (db_changes(db) == 0)
			rc = SAVE_CONFLICT;
		else if (write_refs(db, org_id, k->id, actor, k, named, n_named) != 0 ||
		         /* a note or link carries no file: one kept from before goes */
		         ((strcmp(k->kind, "notitie") == 0 || strcmp(k->kind, "link") == 0) &&
		          db_exec(db,
		                  "DELETE FROM knowledge_files WHERE item_id = ? AND org_id = ?",
		                  DB_ARGS(DB_INT(k->id), DB_INT(org_id))) != DB_OK) ||
		         (type != NULL && files_put(db, org_id, actor, k->id, file, type) != 0) ||
		         (type == NULL && has_file && file != NULL &&
		          files_set_alt(db, org_id, k->id, file->alt) != 0) ||
		         audit_write(db, org_id, actor, "knowledge.update",
		                     audit_short(&a, k->title), k->kind) != 0 ||
		         search_sync_knowledge(db, org_id, k->id) != 0)
			rc = SAVE_ERROR;
	}
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result knowledge_delete(struct db *db, long long org_id, long long actor,
                                  long long attached, long long id, long long version)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct knowledge old;
	enum save_result rc = SAVE_OK;
	int found = knowledge_get(db, &a, org_id, attached, id, &old);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (old.version != version)
		rc = SAVE_CONFLICT;
	else if (db_exec(db,
	                 "DELETE FROM knowledge_items WHERE id = ? AND org_id = ? AND version = ?",
	                 DB_ARGS(DB_INT(id), DB_INT(org_id), DB_INT(version))) != DB_OK ||
	         audit_write(db, org_id, actor, "knowledge.delete", audit_short(&a, old.title),
	                     old.kind) != 0 ||
	         search_sync_knowledge(db, org_id, id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result knowledge_set_shared(struct db *db, long long org_id, long long actor,
                                      long long id, long long version, bool shared)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct knowledge old;
	enum save_result rc = SAVE_OK;
	int found = knowledge_get(db, &a, org_id, 0, id, &old);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (old.version != version)
		rc = SAVE_CONFLICT;
	else if (db_exec(db,
	                 "UPDATE knowledge_items SET shared = ?, version = version + 1"
	                 " WHERE id = ? AND org_id = ? AND version = ?",
	                 DB_ARGS(DB_INT(shared ? 1 : 0), DB_INT(id), DB_INT(org_id),
	                         DB_INT(version))) != DB_OK ||
	         audit_write(db, org_id, actor, shared ? "knowledge.share" : "knowledge.unshare",
	                     audit_short(&a, old.title), old.kind) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}
