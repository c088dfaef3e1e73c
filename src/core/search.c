/*
 * search.c - what partners and conversations put in the search index, and
 * the search as a person may do it (see search.h). The index itself is the
 * leaf db/search_index.c; communities build their own document
 * (community.c).
 */
#include "search.h"

#include <string.h>

#include "../i18n/text.h"
#include "partner.h"
#include "vocab.h"

static int add_rows(struct db *db, struct arena *a, struct buf *b, const char *sql, long long id,
                    long long org_id)
{
	struct db_stmt *st;
	if (db_query(db, &st, sql, DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		search_text_add(b, db_col_text(st, 0, a));
	db_finish(st);
	return rc == DB_DONE ? 0 : -1;
}

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
		search_text_add(&b,
		                vocab_label(partner_kinds, TXT_PARTNER_KIND_VERENIGING, p.kind));
		const char *fields[] = {p.part_of, p.description, p.contact_name, p.contact_how};
		for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
			search_text_add(&b, fields[i]);
		struct partner_power *pw;
		size_t n_pw;
		if (power_list(db, &a, org_id, id, &pw, &n_pw) == 0) {
			for (size_t i = 0; i < n_pw; i++) {
				search_text_add(&b, pw[i].challenges);
				search_text_add(&b, pw[i].core_values);
				search_text_add(&b, pw[i].goals);
				search_text_add(&b, pw[i].commitments);
				search_text_add(&b, pw[i].success);
			}
			rc = search_index_put(db, org_id, "partner", id, p.name, buf_str(&b));
		}
	}
	arena_free(&a);
	return rc;
}

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
		search_text_add(&b, vocab_label(conversation_kinds,
		                                TXT_CONVERSATION_KIND_KENNISMAKING, c.kind));
		search_text_add(&b, c.participants);
		search_text_add(&b, c.report);
		search_text_add(&b, c.next_note);
		if (add_rows(
		        db, &a, &b,
		        "SELECT text FROM action_points WHERE conversation_id = ? AND org_id = ?"
		        " ORDER BY id",
		        id, org_id) == 0)
			rc = search_index_put(db, org_id, "conversation", id, c.subject,
			                      buf_str(&b));
	}
	arena_free(&a);
	return rc;
}

/* Ids of the communities of org that person may see as ambassadeur. 0 or -1. */
static int attached_communities(struct db *db, struct arena *a, long long org_id, long long person,
                                long long **out, size_t *n_out)
{
	struct db_stmt *st;
	size_t n = 0, cap = 0;
	long long *v = NULL;
	if (db_query(db, &st,
	             "SELECT a.community_id FROM community_ambassadors a"
	             " JOIN memberships m ON m.org_id = a.org_id AND m.person_id = a.person_id"
	             " AND m.role = 'ambassadeur'"
	             " WHERE a.org_id = ?1 AND a.person_id = ?2",
	             DB_ARGS(DB_INT(org_id), DB_INT(person))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, n, &cap, sizeof(*v));
		v[n++] = db_col_int(st, 0);
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
}

static const char *const all_kinds[] = {"community", "partner", "conversation"};

int search_run(struct db *db, struct arena *a, long long org_id, long long only_attached,
               bool staff_kinds, const char *input, struct search_result *out)
{
	struct search_scope scope = {.kinds = all_kinds, .n_kinds = 3};
	if (!staff_kinds || only_attached != 0)
		scope.n_kinds = 1; /* communities only */
	if (only_attached != 0) {
		scope.only_refs = true;
		long long *ids;
		if (attached_communities(db, a, org_id, only_attached, &ids, &scope.n_refs) != 0) {
			memset(out, 0, sizeof(*out));
			return -1;
		}
		scope.refs = ids;
	}
	return search_index_find(db, a, org_id, &scope, input, out);
}
