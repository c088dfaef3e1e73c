/*
 * community.c - communities, their lists, people, signals and the scan
 * (see community.h).
 */
#include "community.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../auth/roles.h"
#include "../i18n/text.h"
#include "../util/date.h"
#include "../web/csv.h"
#include "search.h"

const char *const community_statuses[] = {"gewenst",     "verkennen", "in-contact", "samenwerken",
                                          "zelfdragend", "gestopt",   NULL};
const char *const community_archetypes[] = {"practice", "interest", "action", "circumstance",
                                            "purpose",  "location", NULL};
const char *const community_bonds[] = {"nauwelijks", "zwak", "sterk", "zeer-sterk", NULL};
const char *const community_item_kinds[] = {"sterkte", "behoefte", "van", "door", "voor", NULL};
const char *const community_action_statuses[] = {"idee", "gepland", "gedaan", NULL};
const char *const community_staff_roles[] = {"bouwer", "verbinder", "aanjager", NULL};
const char *const scan_lists[] = {"bestaand", "gewenst", NULL};
const char *const scan_note_kinds[] = {"thema", "omgeving", NULL};

/* The labels of each vocabulary are consecutive texts in nl.def, in this order. */
_Static_assert(TXT_STATUS_GESTOPT - TXT_STATUS_GEWENST == 5, "status labels out of order");
_Static_assert(TXT_STATUS_HINT_GESTOPT - TXT_STATUS_HINT_GEWENST == 5, "status hints out of order");
_Static_assert(TXT_ARCHETYPE_LOCATION - TXT_ARCHETYPE_PRACTICE == 5, "archetypes out of order");
_Static_assert(TXT_ARCHETYPE_HINT_LOCATION - TXT_ARCHETYPE_HINT_PRACTICE == 5,
               "archetype hints out of order");
_Static_assert(TXT_ARCHETYPE_SHORT_LOCATION - TXT_ARCHETYPE_SHORT_PRACTICE == 5,
               "archetype short labels out of order");
_Static_assert(TXT_BOND_ZEER_STERK - TXT_BOND_NAUWELIJKS == 3, "bonds out of order");
_Static_assert(TXT_ITEM_KIND_VOOR - TXT_ITEM_KIND_STERKTE == 4, "item kinds out of order");
_Static_assert(TXT_ACTION_GEDAAN - TXT_ACTION_IDEE == 2, "action statuses out of order");
_Static_assert(TXT_STAFF_AANJAGER - TXT_STAFF_BOUWER == 2, "staff roles out of order");
_Static_assert(TXT_STAFF_HINT_AANJAGER - TXT_STAFF_HINT_BOUWER == 2, "role hints out of order");
_Static_assert(TXT_SIGNAL_MISSING_AANJAGER - TXT_SIGNAL_MISSING_BOUWER == 2,
               "role signals out of order");
_Static_assert(TXT_SIGNAL_SHORT_AANJAGER - TXT_SIGNAL_SHORT_BOUWER == 2,
               "short role signals out of order");
_Static_assert(TXT_SCAN_LIST_GEWENST - TXT_SCAN_LIST_BESTAAND == 1, "scan lists out of order");
_Static_assert(TXT_SCAN_NOTE_OMGEVING - TXT_SCAN_NOTE_THEMA == 1, "scan notes out of order");
_Static_assert(TXT_SORT_BY_UPDATED - TXT_SORT_BY_NAME == 2, "sort labels out of order");

static long long now_s(void)
{
	return (long long)time(NULL);
}

int vocab_index(const char *const *list, const char *name)
{
	if (name == NULL)
		return -1;
	for (int i = 0; list[i] != NULL; i++)
		if (strcmp(list[i], name) == 0)
			return i;
	return -1;
}

const char *vocab_label(const char *const *list, int first_text, const char *name)
{
	int i = vocab_index(list, name);
	return i < 0 ? "" : text_nl[first_text + i];
}

/* ---- the community ---- */

/* True when every vocabulary field of c holds an allowed value. */
static bool community_values_valid(const struct community *c)
{
	return (c->archetype[0] == '\0' || vocab_index(community_archetypes, c->archetype) >= 0) &&
	       (c->bond[0] == '\0' || vocab_index(community_bonds, c->bond) >= 0) &&
	       vocab_index(community_statuses, c->status) >= 0 &&
	       (c->started_on[0] == '\0' || date_valid(c->started_on)) && c->name[0] != '\0';
}

/* A copy of c with NULL text fields made "" and an empty status made "gewenst". */
static struct community normalised(const struct community *c)
{
	struct community n = *c;
	const char **fields[] = {&n.name,         &n.description, &n.why,       &n.geography,
	                         &n.identity,     &n.affinity,    &n.archetype, &n.bond,
	                         &n.contact_name, &n.contact_how, &n.status,    &n.started_on};
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (*fields[i] == NULL)
			*fields[i] = "";
	if (n.status[0] == '\0')
		n.status = "gewenst";
	return n;
}

static void read_community(struct db_stmt *st, struct arena *a, struct community *out)
{
	out->id = db_col_int(st, 0);
	out->version = db_col_int(st, 1);
	out->name = db_col_text(st, 2, a);
	out->description = db_col_text(st, 3, a);
	out->why = db_col_text(st, 4, a);
	out->geography = db_col_text(st, 5, a);
	out->identity = db_col_text(st, 6, a);
	out->affinity = db_col_text(st, 7, a);
	out->archetype = db_col_text(st, 8, a);
	out->bond = db_col_text(st, 9, a);
	out->contact_name = db_col_text(st, 10, a);
	out->contact_how = db_col_text(st, 11, a);
	out->status = db_col_text(st, 12, a);
	out->status_since = db_col_int(st, 13);
	out->started_on = db_col_text(st, 14, a);
	out->created_at = db_col_int(st, 15);
	out->updated_at = db_col_int(st, 16);
}

int community_get(struct db *db, struct arena *a, long long org_id, long long id,
                  struct community *out)
{
	const struct db_sql sql = DB_SQL(
	    "SELECT id, version, name, description, why, geography, identity, affinity, archetype,"
	    " bond, contact_name, contact_how, status, status_since, started_on, created_at,"
	    " updated_at FROM communities WHERE id = ? AND org_id = ?");
	struct db_stmt *st;
	if (db_query_stmt(db, &st, sql, DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW)
		read_community(st, a, out);
	db_finish(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int community_visible(struct db *db, long long org_id, long long id, long long attached_person)
{
	long long n = 0;
	int rc = db_query_int(
	    db,
	    "SELECT COUNT(*) FROM communities c WHERE c.id = ? AND c.org_id = ?"
	    " AND (? = 0 OR EXISTS (SELECT 1 FROM community_ambassadors a"
	    " WHERE a.community_id = c.id AND a.org_id = c.org_id"
	    " AND a.person_id = ?))",
	    DB_ARGS(DB_INT(id), DB_INT(org_id), DB_INT(attached_person), DB_INT(attached_person)),
	    &n);
	if (rc != DB_ROW)
		return -1;
	return n > 0;
}

/* Adds a row to the status history (inside the caller's transaction). */
static int record_status(struct db *db, long long org_id, long long id, const char *status,
                         long long actor, long long at)
{
	return db_exec(db,
	               "INSERT INTO community_status_changes (org_id, community_id, status,"
	               " person_id, at) VALUES (?, ?, ?, ?, ?)",
	               DB_ARGS(DB_INT(org_id), DB_INT(id), DB_TEXT(status),
	                       actor ? DB_INT(actor) : DB_NULL, DB_INT(at))) == DB_OK
	           ? 0
	           : -1;
}

/* Inserts the community row and its first status; inside a transaction. */
static enum save_result insert_community(struct db *db, long long org_id, long long actor,
                                         const struct community *c, long long *id_out)
{
	long long now = now_s(), id = 0;
	int rc = db_query_int(
	    db,
	    "INSERT INTO communities (org_id, name, description, why, geography, identity,"
	    " affinity, archetype, bond, contact_name, contact_how, status, status_since,"
	    " started_on, created_at, updated_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	    DB_ARGS(DB_INT(org_id), DB_TEXT(c->name), DB_TEXT(c->description), DB_TEXT(c->why),
	            DB_TEXT(c->geography), DB_TEXT(c->identity), DB_TEXT(c->affinity),
	            DB_TEXT(c->archetype), DB_TEXT(c->bond), DB_TEXT(c->contact_name),
	            DB_TEXT(c->contact_how), DB_TEXT(c->status), DB_INT(now),
	            DB_TEXT(c->started_on), DB_INT(now), DB_INT(now)),
	    &id);
	if (rc != DB_ROW || record_status(db, org_id, id, c->status, actor, now) != 0 ||
	    audit_write(db, org_id, actor, "community.create", c->name, c->status) != 0 ||
	    search_sync_community(db, org_id, id) != 0)
		return SAVE_ERROR;
	*id_out = id;
	return SAVE_OK;
}

enum save_result community_create(struct db *db, long long org_id, long long actor,
                                  const struct community *in, long long *id_out)
{
	struct community c = normalised(in);
	if (!community_values_valid(&c))
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	long long id = 0;
	enum save_result rc = insert_community(db, org_id, actor, &c, &id);
	rc = save_finish(db, rc);
	if (rc == SAVE_OK && id_out)
		*id_out = id;
	return rc;
}

enum save_result community_update(struct db *db, long long org_id, long long actor,
                                  const struct community *in)
{
	struct community c = normalised(in);
	if (!community_values_valid(&c))
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct community old;
	int found = community_get(db, &a, org_id, c.id, &old);
	enum save_result rc = SAVE_OK;
	long long now = now_s();
	bool status_changed = found == 1 && strcmp(old.status, c.status) != 0;
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (db_exec(db,
	                 "UPDATE communities SET name = ?, description = ?, why = ?, geography = ?,"
	                 " identity = ?, affinity = ?, archetype = ?, bond = ?, contact_name = ?,"
	                 " contact_how = ?, status = ?, status_since = ?, started_on = ?,"
	                 " updated_at = ?, version = version + 1"
	                 " WHERE id = ? AND org_id = ? AND version = ?",
	                 DB_ARGS(DB_TEXT(c.name), DB_TEXT(c.description), DB_TEXT(c.why),
	                         DB_TEXT(c.geography), DB_TEXT(c.identity), DB_TEXT(c.affinity),
	                         DB_TEXT(c.archetype), DB_TEXT(c.bond), DB_TEXT(c.contact_name),
	                         DB_TEXT(c.contact_how), DB_TEXT(c.status),
	                         DB_INT(status_changed ? now : old.status_since),
	                         DB_TEXT(c.started_on), DB_INT(now), DB_INT(c.id), DB_INT(org_id),
	                         DB_INT(c.version))) != DB_OK)
		rc = SAVE_ERROR;
	else if (db_changes(db) == 0)
		rc = SAVE_CONFLICT;
	else if (status_changed && record_status(db, org_id, c.id, c.status, actor, now) != 0)
		rc = SAVE_ERROR;
	else if (audit_write(db, org_id, actor, "community.update", c.name,
	                     status_changed ? c.status : "") != 0 ||
	         search_sync_community(db, org_id, c.id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result community_delete(struct db *db, long long org_id, long long actor, long long id)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct community old;
	int found = community_get(db, &a, org_id, id, &old);
	enum save_result rc = SAVE_OK;
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (db_exec(db, "DELETE FROM communities WHERE id = ? AND org_id = ?",
	                 DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK ||
	         audit_write(db, org_id, actor, "community.delete", old.name, old.status) != 0 ||
	         search_sync_community(db, org_id, id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

int community_history(struct db *db, struct arena *a, long long org_id, long long id,
                      struct community_status_change **out, size_t *n_out)
{
	struct db_stmt *st;
	size_t n = 0, cap = 0;
	struct community_status_change *v = NULL;
	if (db_query(db, &st,
	             "SELECT h.status, h.at, COALESCE(p.name, '') FROM community_status_changes h"
	             " LEFT JOIN persons p ON p.id = h.person_id"
	             " WHERE h.community_id = ? AND h.org_id = ? ORDER BY h.at, h.id",
	             DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, n, &cap, sizeof(*v));
		v[n].status = db_col_text(st, 0, a);
		v[n].at = db_col_int(st, 1);
		v[n].who = db_col_text(st, 2, a);
		n++;
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
}

/* ---- items ---- */

static bool is_action(const char *kind)
{
	int k = vocab_index(community_item_kinds, kind);
	return k >= 2;
}

/* 1 when the community belongs to the org, 0 when not, -1 on error. */
static int community_exists(struct db *db, long long org_id, long long id)
{
	return community_visible(db, org_id, id, 0);
}

/* Marks the community as changed now (items count as a change of the profile). */
static int touch(struct db *db, long long org_id, long long id)
{
	if (db_exec(db, "UPDATE communities SET updated_at = ? WHERE id = ? AND org_id = ?",
	            DB_ARGS(DB_INT(now_s()), DB_INT(id), DB_INT(org_id))) != DB_OK)
		return -1;
	return search_sync_community(db, org_id, id); /* the lists are searchable too */
}

/* The audit object for an item: "community name: item text" (shortened). */
static const char *item_object(struct db *db, struct arena *a, long long org_id,
                               long long community_id, const char *text)
{
	struct community c;
	const char *name = community_get(db, a, org_id, community_id, &c) == 1 ? c.name : "";
	size_t n = strlen(text);
	if (n > 200) { /* keep the log readable; cut on a UTF-8 boundary */
		n = 200;
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--;
		return arena_printf(a, "%s: %.*s…", name, (int)n, text);
	}
	return arena_printf(a, "%s: %s", name, text);
}

int community_items(struct db *db, struct arena *a, long long org_id, long long community_id,
                    struct community_item **out, size_t *n_out)
{
	struct db_stmt *st;
	size_t n = 0, cap = 0;
	struct community_item *v = NULL;
	if (db_query(db, &st,
	             "SELECT id, version, kind, text, status, position FROM community_items"
	             " WHERE community_id = ? AND org_id = ? ORDER BY kind, position, id",
	             DB_ARGS(DB_INT(community_id), DB_INT(org_id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, n, &cap, sizeof(*v));
		v[n].id = db_col_int(st, 0);
		v[n].version = db_col_int(st, 1);
		v[n].kind = db_col_text(st, 2, a);
		v[n].text = db_col_text(st, 3, a);
		v[n].status = db_col_text(st, 4, a);
		v[n].position = db_col_int(st, 5);
		n++;
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
}

int community_item_get(struct db *db, struct arena *a, long long org_id, long long community_id,
                       long long item_id, struct community_item *out)
{
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT id, version, kind, text, status, position FROM community_items"
	             " WHERE id = ? AND community_id = ? AND org_id = ?",
	             DB_ARGS(DB_INT(item_id), DB_INT(community_id), DB_INT(org_id))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		out->id = db_col_int(st, 0);
		out->version = db_col_int(st, 1);
		out->kind = db_col_text(st, 2, a);
		out->text = db_col_text(st, 3, a);
		out->status = db_col_text(st, 4, a);
		out->position = db_col_int(st, 5);
	}
	db_finish(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* The status to store for an item of kind: "" for sterktes and behoeften. NULL if invalid. */
static const char *item_status(const char *kind, const char *status)
{
	if (!is_action(kind))
		return "";
	if (status == NULL || status[0] == '\0')
		return "idee";
	return vocab_index(community_action_statuses, status) >= 0 ? status : NULL;
}

enum save_result community_item_add(struct db *db, long long org_id, long long actor,
                                    long long community_id, const char *kind, const char *text,
                                    const char *status, long long *id_out)
{
	if (vocab_index(community_item_kinds, kind) < 0 || text == NULL || text[0] == '\0')
		return SAVE_REFUSED;
	status = item_status(kind, status);
	if (status == NULL)
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	enum save_result rc = SAVE_OK;
	long long id = 0;
	int exists = community_exists(db, org_id, community_id);
	if (exists < 0)
		rc = SAVE_ERROR;
	else if (exists == 0)
		rc = SAVE_NOT_FOUND;
	else if (db_query_int(
	             db,
	             "INSERT INTO community_items (org_id, community_id, kind, text, status,"
	             " position, created_at) VALUES (?, ?, ?, ?, ?,"
	             " (SELECT COALESCE(MAX(position), 0) + 1 FROM community_items"
	             " WHERE community_id = ? AND kind = ?), ?) RETURNING id",
	             DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_TEXT(kind), DB_TEXT(text),
	                     DB_TEXT(status), DB_INT(community_id), DB_TEXT(kind), DB_INT(now_s())),
	             &id) != DB_ROW ||
	         touch(db, org_id, community_id) != 0 ||
	         audit_write(db, org_id, actor, "community.item.add",
	                     item_object(db, &a, org_id, community_id, text), kind) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	rc = save_finish(db, rc);
	if (rc == SAVE_OK && id_out)
		*id_out = id;
	return rc;
}

enum save_result community_item_update(struct db *db, long long org_id, long long actor,
                                       long long community_id, long long item_id, const char *text,
                                       const char *status, long long version)
{
	if (text == NULL || text[0] == '\0')
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct community_item old;
	enum save_result rc = SAVE_OK;
	int found = community_item_get(db, &a, org_id, community_id, item_id, &old);
	const char *st = found == 1 ? item_status(old.kind, status) : "";
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (st == NULL)
		rc = SAVE_REFUSED;
	else if (db_exec(db,
	                 "UPDATE community_items SET text = ?, status = ?, version = version + 1"
	                 " WHERE id = ? AND community_id = ? AND org_id = ? AND version = ?",
	                 DB_ARGS(DB_TEXT(text), DB_TEXT(st), DB_INT(item_id), DB_INT(community_id),
	                         DB_INT(org_id), DB_INT(version))) != DB_OK)
		rc = SAVE_ERROR;
	else if (db_changes(db) == 0)
		rc = SAVE_CONFLICT;
	else if (touch(db, org_id, community_id) != 0 ||
	         audit_write(db, org_id, actor, "community.item.update",
	                     item_object(db, &a, org_id, community_id, text), st) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result community_item_move(struct db *db, long long org_id, long long community_id,
                                     long long item_id, int delta)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct community_item it;
	enum save_result rc = SAVE_OK;
	int found = community_item_get(db, &a, org_id, community_id, item_id, &it);
	if (found < 0) {
		rc = SAVE_ERROR;
	} else if (found == 0) {
		rc = SAVE_NOT_FOUND;
	} else {
		struct db_stmt *st;
		long long other = 0, other_pos = 0;
		int q =
		    delta < 0
		        ? db_query(db, &st,
		                   "SELECT id, position FROM community_items WHERE community_id = ?"
		                   " AND org_id = ? AND kind = ? AND position < ?"
		                   " ORDER BY position DESC LIMIT 1",
		                   DB_ARGS(DB_INT(community_id), DB_INT(org_id), DB_TEXT(it.kind),
		                           DB_INT(it.position)))
		        : db_query(db, &st,
		                   "SELECT id, position FROM community_items WHERE community_id = ?"
		                   " AND org_id = ? AND kind = ? AND position > ?"
		                   " ORDER BY position LIMIT 1",
		                   DB_ARGS(DB_INT(community_id), DB_INT(org_id), DB_TEXT(it.kind),
		                           DB_INT(it.position)));
		if (q != DB_OK) {
			rc = SAVE_ERROR;
		} else {
			int s = db_step(st);
			if (s == DB_ROW) {
				other = db_col_int(st, 0);
				other_pos = db_col_int(st, 1);
			} else if (s != DB_DONE) {
				rc = SAVE_ERROR;
			}
			db_finish(st);
		}
		if (rc == SAVE_OK && other != 0 &&
		    (db_exec(db,
		             "UPDATE community_items SET position = ? WHERE id = ? AND org_id = ?",
		             DB_ARGS(DB_INT(other_pos), DB_INT(it.id), DB_INT(org_id))) != DB_OK ||
		     db_exec(
		         db, "UPDATE community_items SET position = ? WHERE id = ? AND org_id = ?",
		         DB_ARGS(DB_INT(it.position), DB_INT(other), DB_INT(org_id))) != DB_OK ||
		     touch(db, org_id, community_id) != 0))
			rc = SAVE_ERROR;
	}
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result community_item_delete(struct db *db, long long org_id, long long actor,
                                       long long community_id, long long item_id)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct community_item it;
	enum save_result rc = SAVE_OK;
	int found = community_item_get(db, &a, org_id, community_id, item_id, &it);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (db_exec(db, "DELETE FROM community_items WHERE id = ? AND org_id = ?",
	                 DB_ARGS(DB_INT(item_id), DB_INT(org_id))) != DB_OK ||
	         touch(db, org_id, community_id) != 0 ||
	         audit_write(db, org_id, actor, "community.item.delete",
	                     item_object(db, &a, org_id, community_id, it.text), it.kind) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

/* ---- people ---- */

static int person_list(struct db *db, struct arena *a, struct db_sql sql, long long org_id,
                       long long community_id, struct community_person **out, size_t *n_out)
{
	struct db_stmt *st;
	size_t n = 0, cap = 0;
	struct community_person *v = NULL;
	if (db_query_stmt(db, &st, sql, DB_ARGS(DB_INT(community_id), DB_INT(org_id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, n, &cap, sizeof(*v));
		v[n].id = db_col_int(st, 0);
		v[n].person_id = db_col_int(st, 1);
		v[n].name = db_col_text(st, 2, a);
		v[n].role = db_col_text(st, 3, a);
		n++;
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
}

int community_staff_list(struct db *db, struct arena *a, long long org_id, long long community_id,
                         struct community_person **out, size_t *n_out)
{
	return person_list(
	    db, a,
	    DB_SQL("SELECT s.id, s.person_id, p.name, s.role FROM community_staff_current s"
	           " JOIN persons p ON p.id = s.person_id"
	           " WHERE s.community_id = ? AND s.org_id = ?"
	           " ORDER BY CASE s.role WHEN 'bouwer' THEN 1 WHEN 'verbinder' THEN 2"
	           " ELSE 3 END, p.name, s.id"),
	    org_id, community_id, out, n_out);
}

int community_ambassador_list(struct db *db, struct arena *a, long long org_id,
                              long long community_id, struct community_person **out, size_t *n_out)
{
	return person_list(
	    db, a,
	    DB_SQL("SELECT c.id, c.person_id, p.name, '' FROM community_ambassadors c"
	           " JOIN persons p ON p.id = c.person_id"
	           " JOIN memberships m ON m.org_id = c.org_id AND m.person_id = c.person_id"
	           " AND m.role = 'ambassadeur'"
	           " WHERE c.community_id = ? AND c.org_id = ? ORDER BY p.name, c.id"),
	    org_id, community_id, out, n_out);
}

/* The person's name when they hold one of the roles (a "role IN" list) in the org. */
static const char *member_name(struct db *db, struct arena *a, long long org_id,
                               long long person_id, bool ambassador)
{
	struct db_stmt *st;
	const char *name = NULL;
	if (db_query(
	        db, &st,
	        "SELECT p.name FROM memberships m JOIN persons p ON p.id = m.person_id"
	        " WHERE m.org_id = ? AND m.person_id = ? AND ((? = 1 AND m.role = 'ambassadeur')"
	        " OR (? = 0 AND m.role IN ('beheerder', 'medewerker')))",
	        DB_ARGS(DB_INT(org_id), DB_INT(person_id), DB_INT(ambassador ? 1 : 0),
	                DB_INT(ambassador ? 1 : 0))) != DB_OK)
		return NULL;
	if (db_step(st) == DB_ROW)
		name = db_col_text(st, 0, a);
	db_finish(st);
	return name;
}

enum save_result community_staff_add(struct db *db, long long org_id, long long actor,
                                     long long community_id, long long person_id, const char *role)
{
	if (vocab_index(community_staff_roles, role) < 0)
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	enum save_result rc = SAVE_OK;
	int exists = community_exists(db, org_id, community_id);
	const char *name = exists == 1 ? member_name(db, &a, org_id, person_id, false) : NULL;
	if (exists < 0)
		rc = SAVE_ERROR;
	else if (exists == 0 || name == NULL)
		rc = SAVE_NOT_FOUND;
	else if (db_exec(db,
	                 "INSERT INTO community_staff (org_id, community_id, person_id, role,"
	                 " created_at) VALUES (?, ?, ?, ?, ?)"
	                 " ON CONFLICT (community_id, person_id, role) DO NOTHING",
	                 DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_INT(person_id),
	                         DB_TEXT(role), DB_INT(now_s()))) != DB_OK)
		rc = SAVE_ERROR;
	else if (db_changes(db) > 0 &&
	         (touch(db, org_id, community_id) != 0 ||
	          audit_write(db, org_id, actor, "community.staff.add",
	                      item_object(db, &a, org_id, community_id, name), role) != 0))
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

/* Removes one attachment row of table (staff or ambassadors) with its audit entry. */
static enum save_result remove_attachment(struct db *db, long long org_id, long long actor,
                                          long long community_id, long long attachment_id,
                                          bool ambassador)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	enum save_result rc = SAVE_OK;
	struct db_stmt *st;
	const char *name = NULL, *role = "";
	int q =
	    ambassador
	        ? db_query(db, &st,
	                   "SELECT p.name, '' FROM community_ambassadors c JOIN persons p"
	                   " ON p.id = c.person_id WHERE c.id = ? AND c.community_id = ?"
	                   " AND c.org_id = ?",
	                   DB_ARGS(DB_INT(attachment_id), DB_INT(community_id), DB_INT(org_id)))
	        : db_query(db, &st,
	                   "SELECT p.name, c.role FROM community_staff c JOIN persons p"
	                   " ON p.id = c.person_id WHERE c.id = ? AND c.community_id = ?"
	                   " AND c.org_id = ?",
	                   DB_ARGS(DB_INT(attachment_id), DB_INT(community_id), DB_INT(org_id)));
	if (q != DB_OK) {
		arena_free(&a);
		return save_finish(db, SAVE_ERROR);
	}
	if (db_step(st) == DB_ROW) {
		name = db_col_text(st, 0, &a);
		role = db_col_text(st, 1, &a);
	}
	db_finish(st);
	if (name == NULL)
		rc = SAVE_NOT_FOUND;
	else if ((ambassador
	              ? db_exec(db, "DELETE FROM community_ambassadors WHERE id = ? AND org_id = ?",
	                        DB_ARGS(DB_INT(attachment_id), DB_INT(org_id)))
	              : db_exec(db, "DELETE FROM community_staff WHERE id = ? AND org_id = ?",
	                        DB_ARGS(DB_INT(attachment_id), DB_INT(org_id)))) != DB_OK ||
	         touch(db, org_id, community_id) != 0 ||
	         audit_write(db, org_id, actor,
	                     ambassador ? "community.ambassador.remove" : "community.staff.remove",
	                     item_object(db, &a, org_id, community_id, name), role) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result community_staff_remove(struct db *db, long long org_id, long long actor,
                                        long long community_id, long long attachment_id)
{
	return remove_attachment(db, org_id, actor, community_id, attachment_id, false);
}

enum save_result community_ambassador_add(struct db *db, long long org_id, long long actor,
                                          long long community_id, long long person_id)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	enum save_result rc = SAVE_OK;
	int exists = community_exists(db, org_id, community_id);
	const char *name = exists == 1 ? member_name(db, &a, org_id, person_id, true) : NULL;
	if (exists < 0)
		rc = SAVE_ERROR;
	else if (exists == 0 || name == NULL)
		rc = SAVE_NOT_FOUND;
	else if (db_exec(db,
	                 "INSERT INTO community_ambassadors (org_id, community_id, person_id,"
	                 " created_at) VALUES (?, ?, ?, ?)"
	                 " ON CONFLICT (community_id, person_id) DO NOTHING",
	                 DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_INT(person_id),
	                         DB_INT(now_s()))) != DB_OK)
		rc = SAVE_ERROR;
	else if (db_changes(db) > 0 &&
	         (touch(db, org_id, community_id) != 0 ||
	          audit_write(db, org_id, actor, "community.ambassador.add",
	                      item_object(db, &a, org_id, community_id, name), "") != 0))
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result community_ambassador_remove(struct db *db, long long org_id, long long actor,
                                             long long community_id, long long attachment_id)
{
	return remove_attachment(db, org_id, actor, community_id, attachment_id, true);
}

int community_candidates(struct db *db, struct arena *a, long long org_id, bool ambassadors,
                         struct member **out, size_t *n_out)
{
	struct member *all;
	size_t n_all, n = 0;
	if (member_list(db, a, org_id, &all, &n_all) != 0)
		return -1;
	struct member *v = arena_alloc(a, (n_all + 1) * sizeof(*v));
	for (size_t i = 0; i < n_all; i++) {
		bool staff = (all[i].role & ROLES_STAFF) != 0;
		bool amb = all[i].role == ROLE_AMBASSADEUR;
		if (ambassadors ? amb : staff)
			v[n++] = all[i];
	}
	*out = v;
	*n_out = n;
	return 0;
}

/* ---- signals ---- */

void community_signals_compute(const struct community_person *staff, size_t n_staff,
                               size_t n_strengths, size_t n_needs, struct community_signals *out)
{
	memset(out, 0, sizeof(*out));
	bool has[COMMUNITY_N_ROLES] = {false};
	for (size_t i = 0; i < n_staff; i++) {
		int k = vocab_index(community_staff_roles, staff[i].role);
		if (k >= 0)
			has[k] = true;
		bool seen = false; /* count people, not attachments */
		for (size_t j = 0; j < i; j++)
			seen |= staff[j].person_id == staff[i].person_id;
		if (!seen)
			out->n_staff++;
	}
	for (int k = 0; k < COMMUNITY_N_ROLES; k++) {
		out->missing[k] = !has[k];
		out->n_missing += !has[k];
	}
	out->too_many = out->n_staff > COMMUNITY_MAX_STAFF;
	out->more_needs = n_needs > n_strengths;
	out->n_signals = out->n_missing + out->too_many + out->more_needs;
}

/* ---- the list ---- */

/*
 * The filter, as one WHERE clause. Parameters (15), in order: org, attached
 * person (twice), status (twice), archetype (twice), person (twice), role
 * (twice), role, person, role, role.
 */
#define LIST_WHERE                                                                                 \
	" FROM communities c WHERE c.org_id = ?"                                                   \
	" AND (? = 0 OR EXISTS (SELECT 1 FROM community_ambassadors a"                             \
	" WHERE a.community_id = c.id AND a.person_id = ?))"                                       \
	" AND (? = '' OR c.status = ?)"                                                            \
	" AND (? = '' OR c.archetype = ?)"                                                         \
	" AND (? = 0 OR EXISTS (SELECT 1 FROM community_staff_current s"                           \
	" WHERE s.community_id = c.id AND s.person_id = ?"                                         \
	" AND (? IN ('', 'ontbreekt') OR s.role = ?)))"                                            \
	" AND (? IN ('', 'ontbreekt') OR ? <> 0 OR EXISTS (SELECT 1 FROM community_staff_current " \
	"s"                                                                                        \
	" WHERE s.community_id = c.id AND s.role = ?))"                                            \
	" AND (? <> 'ontbreekt' OR (SELECT COUNT(DISTINCT s.role) FROM community_staff_current s"  \
	" WHERE s.community_id = c.id) < 3)"

#define LIST_SELECT                                                                                \
	"SELECT c.id, c.name, c.status, c.status_since, c.archetype, c.bond, c.started_on,"        \
	" c.updated_at,"                                                                           \
	" (SELECT COUNT(DISTINCT s.person_id) FROM community_staff_current s"                      \
	" WHERE s.community_id = c.id),"                                                           \
	" (SELECT COUNT(*) FROM community_staff_current s WHERE s.community_id = c.id"             \
	" AND s.role = 'bouwer'),"                                                                 \
	" (SELECT COUNT(*) FROM community_staff_current s WHERE s.community_id = c.id"             \
	" AND s.role = 'verbinder'),"                                                              \
	" (SELECT COUNT(*) FROM community_staff_current s WHERE s.community_id = c.id"             \
	" AND s.role = 'aanjager'),"                                                               \
	" (SELECT COUNT(*) FROM community_items i WHERE i.community_id = c.id"                     \
	" AND i.kind = 'sterkte'),"                                                                \
	" (SELECT COUNT(*) FROM community_items i WHERE i.community_id = c.id"                     \
	" AND i.kind = 'behoefte')" LIST_WHERE

#define STATUS_RANK                                                                                \
	"CASE c.status WHEN 'gewenst' THEN 1 WHEN 'verkennen' THEN 2 WHEN 'in-contact' THEN 3"     \
	" WHEN 'samenwerken' THEN 4 WHEN 'zelfdragend' THEN 5 ELSE 6 END"

/* Fills p with the 15 filter parameters; returns the number written. */
static int filter_params(struct db_param *p, long long org_id, const struct community_filter *f)
{
	const char *status = f->status ? f->status : "";
	const char *arch = f->archetype ? f->archetype : "";
	const char *role = f->role ? f->role : "";
	int n = 0;
	p[n++] = DB_INT(org_id);
	p[n++] = DB_INT(f->only_attached);
	p[n++] = DB_INT(f->only_attached);
	p[n++] = DB_TEXT(status);
	p[n++] = DB_TEXT(status);
	p[n++] = DB_TEXT(arch);
	p[n++] = DB_TEXT(arch);
	p[n++] = DB_INT(f->person);
	p[n++] = DB_INT(f->person);
	p[n++] = DB_TEXT(role);
	p[n++] = DB_TEXT(role);
	p[n++] = DB_TEXT(role);
	p[n++] = DB_INT(f->person);
	p[n++] = DB_TEXT(role);
	p[n++] = DB_TEXT(role);
	return n;
}

int community_list(struct db *db, struct arena *a, long long org_id,
                   const struct community_filter *f, long long limit, long long offset,
                   struct community_row **out, size_t *n_out, long long *total)
{
	struct db_param p[20];
	int np = filter_params(p, org_id, f);
	p[np] = (struct db_param){.type = DBP_END};
	if (db_query_int(db, "SELECT COUNT(*)" LIST_WHERE, p, total) != DB_ROW)
		return -1;
	/* "no limit" as a number both SQLite and PostgreSQL accept */
	p[np] = DB_INT(limit > 0 ? limit : 1000000000000LL);
	p[np + 1] = DB_INT(offset);
	p[np + 2] = (struct db_param){.type = DBP_END};
	int sort = f->sort >= SORT_NAME && f->sort <= SORT_UPDATED ? (int)f->sort : SORT_NAME;
	/* one statement per sort order: statement texts are literals (db.h) */
	const struct db_sql list_sql[] = {
	    [SORT_NAME] = DB_SQL(LIST_SELECT " ORDER BY LOWER(c.name), c.id LIMIT ? OFFSET ?"),
	    [SORT_STATUS] = DB_SQL(LIST_SELECT " ORDER BY " STATUS_RANK
	                                       ", LOWER(c.name), c.id LIMIT ? OFFSET ?"),
	    [SORT_UPDATED] =
	        DB_SQL(LIST_SELECT " ORDER BY c.updated_at DESC, c.id DESC LIMIT ? OFFSET ?"),
	};
	struct db_stmt *st;
	if (db_query_stmt(db, &st, list_sql[sort], p) != DB_OK)
		return -1;
	size_t n = 0, cap = 0;
	struct community_row *v = NULL;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, n, &cap, sizeof(*v));
		v[n].id = db_col_int(st, 0);
		v[n].name = db_col_text(st, 1, a);
		v[n].status = db_col_text(st, 2, a);
		v[n].status_since = db_col_int(st, 3);
		v[n].archetype = db_col_text(st, 4, a);
		v[n].bond = db_col_text(st, 5, a);
		v[n].started_on = db_col_text(st, 6, a);
		v[n].updated_at = db_col_int(st, 7);
		v[n].n_staff = (int)db_col_int(st, 8);
		for (int k = 0; k < COMMUNITY_N_ROLES; k++)
			v[n].n_role[k] = (int)db_col_int(st, 9 + k);
		v[n].n_strengths = (int)db_col_int(st, 12);
		v[n].n_needs = (int)db_col_int(st, 13);
		n++;
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
}

/* "a\nb" of the texts of items of kind, in order. */
static const char *join_items(struct arena *a, const struct community_item *items, size_t n,
                              const char *kind, bool with_status)
{
	struct buf b;
	buf_init(&b, a);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(items[i].kind, kind) != 0)
			continue;
		if (b.len > 0)
			buf_putc(&b, '\n');
		buf_puts(&b, items[i].text);
		if (with_status && items[i].status[0])
			buf_printf(&b, " (%s)",
			           vocab_label(community_action_statuses, TXT_ACTION_IDEE,
			                       items[i].status));
	}
	return buf_str(&b);
}

/* "Name, Name" of people in role ("" = all). */
static const char *join_people(struct arena *a, const struct community_person *p, size_t n,
                               const char *role)
{
	struct buf b;
	buf_init(&b, a);
	for (size_t i = 0; i < n; i++) {
		if (role[0] && strcmp(p[i].role, role) != 0)
			continue;
		if (b.len > 0)
			buf_puts(&b, ", ");
		buf_puts(&b, p[i].name);
	}
	return buf_str(&b);
}

int community_export_csv(struct db *db, struct arena *a, long long org_id,
                         const struct community_filter *f, struct buf *out)
{
	struct community_row *rows;
	size_t n_rows;
	long long total;
	if (community_list(db, a, org_id, f, 0, 0, &rows, &n_rows, &total) != 0)
		return -1;
	struct csv c;
	csv_begin(&c, out);
	static const int header[] = {
	    TXT_CSV_NAME,        TXT_CSV_STATUS,    TXT_CSV_STATUS_SINCE, TXT_CSV_DESCRIPTION,
	    TXT_CSV_WHY,         TXT_CSV_GEOGRAPHY, TXT_CSV_IDENTITY,     TXT_CSV_AFFINITY,
	    TXT_CSV_ARCHETYPE,   TXT_CSV_BOND,      TXT_CSV_CONTACT,      TXT_CSV_CONTACT_HOW,
	    TXT_CSV_STARTED,     TXT_CSV_BOUWER,    TXT_CSV_VERBINDER,    TXT_CSV_AANJAGER,
	    TXT_CSV_AMBASSADORS, TXT_CSV_STRENGTHS, TXT_CSV_NEEDS,        TXT_CSV_VAN,
	    TXT_CSV_DOOR,        TXT_CSV_VOOR,      TXT_CSV_SIGNALS,      TXT_CSV_UPDATED,
	};
	for (size_t i = 0; i < sizeof(header) / sizeof(header[0]); i++)
		csv_cell(&c, text_nl[header[i]]);
	csv_row_end(&c);
	for (size_t r = 0; r < n_rows; r++) {
		struct community cm;
		struct community_item *items;
		struct community_person *staff, *amb;
		size_t n_items, n_staff, n_amb;
		if (community_get(db, a, org_id, rows[r].id, &cm) != 1 ||
		    community_items(db, a, org_id, cm.id, &items, &n_items) != 0 ||
		    community_staff_list(db, a, org_id, cm.id, &staff, &n_staff) != 0 ||
		    community_ambassador_list(db, a, org_id, cm.id, &amb, &n_amb) != 0)
			return -1;
		struct community_signals sig;
		community_signals_compute(staff, n_staff, (size_t)rows[r].n_strengths,
		                          (size_t)rows[r].n_needs, &sig);
		struct buf sigs;
		buf_init(&sigs, a);
		for (int k = 0; k < COMMUNITY_N_ROLES; k++)
			if (sig.missing[k])
				buf_printf(&sigs, "%s%s", sigs.len ? "; " : "",
				           text_nl[TXT_SIGNAL_SHORT_BOUWER + k]);
		if (sig.too_many)
			buf_printf(&sigs, "%s%s", sigs.len ? "; " : "", T(SIGNAL_SHORT_TOO_MANY));
		if (sig.more_needs)
			buf_printf(&sigs, "%s%s", sigs.len ? "; " : "", T(SIGNAL_SHORT_NEEDS));
		struct tm tm;
		time_t since = (time_t)cm.status_since, upd = (time_t)cm.updated_at;
		char since_s[16], upd_s[16];
		localtime_r(&since, &tm);
		strftime(since_s, sizeof(since_s), "%Y-%m-%d", &tm);
		localtime_r(&upd, &tm);
		strftime(upd_s, sizeof(upd_s), "%Y-%m-%d", &tm);

		csv_cell(&c, cm.name);
		csv_cell(&c, vocab_label(community_statuses, TXT_STATUS_GEWENST, cm.status));
		csv_cell(&c, since_s);
		csv_cell(&c, cm.description);
		csv_cell(&c, cm.why);
		csv_cell(&c, cm.geography);
		csv_cell(&c, cm.identity);
		csv_cell(&c, cm.affinity);
		csv_cell(&c, vocab_label(community_archetypes, TXT_ARCHETYPE_SHORT_PRACTICE,
		                         cm.archetype));
		csv_cell(&c, vocab_label(community_bonds, TXT_BOND_NAUWELIJKS, cm.bond));
		csv_cell(&c, cm.contact_name);
		csv_cell(&c, cm.contact_how);
		csv_cell(&c, cm.started_on);
		for (int k = 0; k < COMMUNITY_N_ROLES; k++)
			csv_cell(&c, join_people(a, staff, n_staff, community_staff_roles[k]));
		csv_cell(&c, join_people(a, amb, n_amb, ""));
		csv_cell(&c, join_items(a, items, n_items, "sterkte", false));
		csv_cell(&c, join_items(a, items, n_items, "behoefte", false));
		csv_cell(&c, join_items(a, items, n_items, "van", true));
		csv_cell(&c, join_items(a, items, n_items, "door", true));
		csv_cell(&c, join_items(a, items, n_items, "voor", true));
		csv_cell(&c, buf_str(&sigs));
		csv_cell(&c, upd_s);
		csv_row_end(&c);
	}
	return 0;
}

/* ---- the scan ---- */

int scan_entry_list(struct db *db, struct arena *a, long long org_id, struct scan_entry **out,
                    size_t *n_out)
{
	struct db_stmt *st;
	size_t n = 0, cap = 0;
	struct scan_entry *v = NULL;
	if (db_query(db, &st,
	             "SELECT e.id, e.list, e.name, e.description, e.why,"
	             " COALESCE(c.id, 0), COALESCE(c.name, ''), e.created_at"
	             " FROM scan_entries e LEFT JOIN communities c"
	             " ON c.id = e.community_id AND c.org_id = e.org_id"
	             " WHERE e.org_id = ? ORDER BY e.list, e.created_at, e.id",
	             DB_ARGS(DB_INT(org_id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, n, &cap, sizeof(*v));
		v[n].id = db_col_int(st, 0);
		v[n].list = db_col_text(st, 1, a);
		v[n].name = db_col_text(st, 2, a);
		v[n].description = db_col_text(st, 3, a);
		v[n].why = db_col_text(st, 4, a);
		v[n].community_id = db_col_int(st, 5);
		v[n].community_name = db_col_text(st, 6, a);
		v[n].created_at = db_col_int(st, 7);
		n++;
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
}

enum save_result scan_entry_add(struct db *db, long long org_id, long long actor, const char *list,
                                const char *name, const char *description, const char *why)
{
	if (vocab_index(scan_lists, list) < 0 || name == NULL || name[0] == '\0')
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	if (db_exec(db,
	            "INSERT INTO scan_entries (org_id, list, name, description, why, created_at)"
	            " VALUES (?, ?, ?, ?, ?, ?)",
	            DB_ARGS(DB_INT(org_id), DB_TEXT(list), DB_TEXT(name),
	                    DB_TEXT(description ? description : ""), DB_TEXT(why ? why : ""),
	                    DB_INT(now_s()))) != DB_OK ||
	    audit_write(db, org_id, actor, "scan.add", name, list) != 0)
		return save_finish(db, SAVE_ERROR);
	return save_finish(db, SAVE_OK);
}

enum save_result scan_entry_update(struct db *db, long long org_id, long long actor, long long id,
                                   const char *list, const char *name, const char *description,
                                   const char *why)
{
	if (vocab_index(scan_lists, list) < 0 || name == NULL || name[0] == '\0')
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	enum save_result rc = SAVE_OK;
	if (db_exec(db,
	            "UPDATE scan_entries SET list = ?, name = ?, description = ?, why = ?"
	            " WHERE id = ? AND org_id = ?",
	            DB_ARGS(DB_TEXT(list), DB_TEXT(name), DB_TEXT(description ? description : ""),
	                    DB_TEXT(why ? why : ""), DB_INT(id), DB_INT(org_id))) != DB_OK)
		rc = SAVE_ERROR;
	else if (db_changes(db) == 0)
		rc = SAVE_NOT_FOUND;
	else if (audit_write(db, org_id, actor, "scan.update", name, list) != 0)
		rc = SAVE_ERROR;
	return save_finish(db, rc);
}

/* Name of a row of a table with (id, org_id, name|title) via sql; NULL when not found. */
static const char *name_of(struct db *db, struct arena *a, struct db_sql sql, long long org_id,
                           long long id)
{
	struct db_stmt *st;
	const char *name = NULL;
	if (db_query_stmt(db, &st, sql, DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK)
		return NULL;
	if (db_step(st) == DB_ROW)
		name = db_col_text(st, 0, a);
	db_finish(st);
	return name;
}

enum save_result scan_entry_delete(struct db *db, long long org_id, long long actor, long long id)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	enum save_result rc = SAVE_OK;
	const char *name =
	    name_of(db, &a, DB_SQL("SELECT name FROM scan_entries WHERE id = ? AND org_id = ?"),
	            org_id, id);
	if (name == NULL)
		rc = SAVE_NOT_FOUND;
	else if (db_exec(db, "DELETE FROM scan_entries WHERE id = ? AND org_id = ?",
	                 DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK ||
	         audit_write(db, org_id, actor, "scan.delete", name, "") != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result scan_entry_to_community(struct db *db, long long org_id, long long actor,
                                         long long id, long long *community_id)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	enum save_result rc = SAVE_OK;
	struct db_stmt *st;
	struct community c = {0};
	long long linked = 0;
	bool found = false;
	if (db_query(db, &st,
	             "SELECT e.list, e.name, e.description, e.why, COALESCE(c.id, 0)"
	             " FROM scan_entries e LEFT JOIN communities c"
	             " ON c.id = e.community_id AND c.org_id = e.org_id"
	             " WHERE e.id = ? AND e.org_id = ?",
	             DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK) {
		arena_free(&a);
		return save_finish(db, SAVE_ERROR);
	}
	if (db_step(st) == DB_ROW) {
		found = true;
		const char *list = db_col_text(st, 0, &a);
		c.name = db_col_text(st, 1, &a);
		c.description = db_col_text(st, 2, &a);
		c.why = db_col_text(st, 3, &a);
		c.status = strcmp(list, "gewenst") == 0 ? "gewenst" : "verkennen";
		linked = db_col_int(st, 4);
	}
	db_finish(st);
	long long cid = linked;
	if (!found) {
		rc = SAVE_NOT_FOUND;
	} else if (linked == 0) {
		struct community n = normalised(&c);
		rc = insert_community(db, org_id, actor, &n, &cid);
		if (rc == SAVE_OK &&
		    db_exec(db,
		            "UPDATE scan_entries SET community_id = ? WHERE id = ? AND org_id = ?",
		            DB_ARGS(DB_INT(cid), DB_INT(id), DB_INT(org_id))) != DB_OK)
			rc = SAVE_ERROR;
	}
	arena_free(&a);
	rc = save_finish(db, rc);
	if (rc == SAVE_OK)
		*community_id = cid;
	return rc;
}

int scan_note_list(struct db *db, struct arena *a, long long org_id, struct scan_note **out,
                   size_t *n_out)
{
	struct db_stmt *st;
	size_t n = 0, cap = 0;
	struct scan_note *v = NULL;
	if (db_query(db, &st,
	             "SELECT n.id, n.kind, n.title, n.body, COALESCE(p.name, ''), n.created_at"
	             " FROM scan_notes n LEFT JOIN persons p ON p.id = n.person_id"
	             " WHERE n.org_id = ? ORDER BY n.created_at DESC, n.id DESC",
	             DB_ARGS(DB_INT(org_id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, n, &cap, sizeof(*v));
		v[n].id = db_col_int(st, 0);
		v[n].kind = db_col_text(st, 1, a);
		v[n].title = db_col_text(st, 2, a);
		v[n].body = db_col_text(st, 3, a);
		v[n].who = db_col_text(st, 4, a);
		v[n].created_at = db_col_int(st, 5);
		n++;
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
}

enum save_result scan_note_add(struct db *db, long long org_id, long long actor, const char *kind,
                               const char *title, const char *body)
{
	if (vocab_index(scan_note_kinds, kind) < 0 || title == NULL || title[0] == '\0')
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	if (db_exec(db,
	            "INSERT INTO scan_notes (org_id, kind, title, body, person_id, created_at)"
	            " VALUES (?, ?, ?, ?, ?, ?)",
	            DB_ARGS(DB_INT(org_id), DB_TEXT(kind), DB_TEXT(title),
	                    DB_TEXT(body ? body : ""), actor ? DB_INT(actor) : DB_NULL,
	                    DB_INT(now_s()))) != DB_OK ||
	    audit_write(db, org_id, actor, "scan.note.add", title, kind) != 0)
		return save_finish(db, SAVE_ERROR);
	return save_finish(db, SAVE_OK);
}

enum save_result scan_note_update(struct db *db, long long org_id, long long actor, long long id,
                                  const char *title, const char *body)
{
	if (title == NULL || title[0] == '\0')
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	enum save_result rc = SAVE_OK;
	if (db_exec(db, "UPDATE scan_notes SET title = ?, body = ? WHERE id = ? AND org_id = ?",
	            DB_ARGS(DB_TEXT(title), DB_TEXT(body ? body : ""), DB_INT(id),
	                    DB_INT(org_id))) != DB_OK)
		rc = SAVE_ERROR;
	else if (db_changes(db) == 0)
		rc = SAVE_NOT_FOUND;
	else if (audit_write(db, org_id, actor, "scan.note.update", title, "") != 0)
		rc = SAVE_ERROR;
	return save_finish(db, rc);
}

enum save_result scan_note_delete(struct db *db, long long org_id, long long actor, long long id)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	enum save_result rc = SAVE_OK;
	const char *title = name_of(
	    db, &a, DB_SQL("SELECT title FROM scan_notes WHERE id = ? AND org_id = ?"), org_id, id);
	if (title == NULL)
		rc = SAVE_NOT_FOUND;
	else if (db_exec(db, "DELETE FROM scan_notes WHERE id = ? AND org_id = ?",
	                 DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK ||
	         audit_write(db, org_id, actor, "scan.note.delete", title, "") != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}
