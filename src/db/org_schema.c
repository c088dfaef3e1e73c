/*
 * org_schema.c - the catalogue of a kring database for org_dump.c (see
 * org_schema.h).
 */
#include "org_schema.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* References the schema does not declare: (table, column) holds ids of table (0: none). */
static const char *const undeclared[][3] = {
    {"activity_months", "branch_id", "branches"},
};

/* ---- interned statement texts ---- */

struct interned {
	struct interned *next;
	char text[];
};
static struct interned *interned_head;
static pthread_mutex_t interned_lock = PTHREAD_MUTEX_INITIALIZER;

const char *org_intern(const char *s)
{
	pthread_mutex_lock(&interned_lock);
	struct interned *i;
	for (i = interned_head; i != NULL; i = i->next)
		if (strcmp(i->text, s) == 0)
			break;
	if (i == NULL) {
		size_t n = strlen(s) + 1;
		i = malloc(sizeof(*i) + n);
		if (i != NULL) {
			memcpy(i->text, s, n);
			i->next = interned_head;
			interned_head = i;
		}
	}
	pthread_mutex_unlock(&interned_lock);
	return i ? i->text : NULL;
}

/* ---- the catalogue ---- */

int org_find_table(const struct schema *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->t[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Whether the type name (any case) contains w (lower case). */
static bool type_has(const char *type, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = type; *p; p++)
		if (strncasecmp(p, w, n) == 0)
			return true;
	return false;
}

static enum kind kind_of(const char *type)
{
	if (type_has(type, "int"))
		return K_INT;
	if (type_has(type, "real") || type_has(type, "double") || type_has(type, "floa"))
		return K_REAL;
	return K_TEXT;
}

/* Reads the columns (name, type, primary-key position, generated) of one table. */
static int load_columns(struct db *db, struct schema *s, struct table *t)
{
	struct db_stmt *st;
	int rc = db_backend(db) == DB_SQLITE
	             ? db_query(db, &st,
	                        "/* sqlite */ SELECT name, type, pk, hidden FROM"
	                        " pragma_table_xinfo(?1) ORDER BY cid",
	                        DB_ARGS(DB_TEXT(t->name)))
	             : db_query(db, &st,
	                        "/* postgres */ SELECT c.column_name, c.data_type,"
	                        " COALESCE(k.ordinal_position, 0),"
	                        " CASE WHEN c.is_generated = 'ALWAYS' THEN 2 ELSE 0 END"
	                        " FROM information_schema.columns c LEFT JOIN"
	                        " (SELECT kcu.column_name, kcu.ordinal_position"
	                        " FROM information_schema.table_constraints tc"
	                        " JOIN information_schema.key_column_usage kcu"
	                        " ON kcu.constraint_name = tc.constraint_name"
	                        " AND kcu.table_schema = tc.table_schema"
	                        " AND kcu.table_name = tc.table_name"
	                        " WHERE tc.table_schema = 'public' AND tc.table_name = ?1"
	                        " AND tc.constraint_type = 'PRIMARY KEY') k"
	                        " ON k.column_name = c.column_name"
	                        " WHERE c.table_schema = 'public' AND c.table_name = ?1"
	                        " ORDER BY c.ordinal_position",
	                        DB_ARGS(DB_TEXT(t->name)));
	if (rc != DB_OK)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		if (db_col_int(st, 3) != 0)
			continue; /* generated: never written */
		if (t->n_cols == MAX_COLS) {
			rc = DB_ERROR;
			break;
		}
		size_t i = t->n_cols++;
		t->cols[i] = db_col_text(st, 0, s->a);
		t->kinds[i] = kind_of(db_col_text(st, 1, s->a));
		t->ref[i] = -1;
		long long pk = db_col_int(st, 2);
		if (pk > 0 && pk <= 4) {
			t->pk[pk - 1] = t->cols[i];
			if ((size_t)pk > t->n_pk)
				t->n_pk = (size_t)pk;
		}
		if (strcmp(t->cols[i], "org_id") == 0)
			t->has_org_id = true;
	}
	db_finish(st);
	t->id_pk = t->n_pk == 1 && t->pk[0] != NULL && strcmp(t->pk[0], "id") == 0;
	return rc == DB_DONE ? 0 : -1;
}

/* Reads the foreign keys (column, table, referenced column) of one table. */
static int load_fks(struct db *db, struct schema *s, struct table *t)
{
	struct db_stmt *st;
	int rc = db_backend(db) == DB_SQLITE
	             ? db_query(db, &st,
	                        "/* sqlite */ SELECT \"from\", \"table\", COALESCE(\"to\", 'id')"
	                        " FROM pragma_foreign_key_list(?1) ORDER BY id, seq",
	                        DB_ARGS(DB_TEXT(t->name)))
	             : db_query(db, &st,
	                        "/* postgres */ SELECT kcu.column_name, ccu.table_name,"
	                        " ccu.column_name FROM information_schema.table_constraints tc"
	                        " JOIN information_schema.key_column_usage kcu"
	                        " ON kcu.constraint_name = tc.constraint_name"
	                        " AND kcu.table_schema = tc.table_schema"
	                        " JOIN information_schema.constraint_column_usage ccu"
	                        " ON ccu.constraint_name = tc.constraint_name"
	                        " AND ccu.table_schema = tc.table_schema"
	                        " WHERE tc.table_schema = 'public' AND tc.table_name = ?1"
	                        " AND tc.constraint_type = 'FOREIGN KEY'"
	                        " ORDER BY kcu.column_name",
	                        DB_ARGS(DB_TEXT(t->name)));
	if (rc != DB_OK)
		return -1;
	while ((rc = db_step(st)) == DB_ROW && t->n_fks < MAX_FKS)
		t->fks[t->n_fks++] = (struct fk){db_col_text(st, 0, s->a), db_col_text(st, 1, s->a),
		                                 db_col_text(st, 2, s->a)};
	db_finish(st);
	return rc == DB_DONE || rc == DB_ROW ? 0 : -1;
}

static bool skipped_name(const char *n)
{
	return strcmp(n, "schema_migrations") == 0 || strcmp(n, "settings") == 0 ||
	       strcmp(n, "sessions") == 0 || strcmp(n, "login_failures") == 0 ||
	       /* one-time links never move to another host; rate-limit rows are not data */
	       strcmp(n, "link_tokens") == 0 || strcmp(n, "public_hits") == 0 ||
	       strncmp(n, "search_", 7) == 0;
}

int org_col_index(const struct table *t, const char *col)
{
	for (size_t i = 0; i < t->n_cols; i++)
		if (strcmp(t->cols[i], col) == 0)
			return (int)i;
	return -1;
}

/* Loads every table, decides what belongs to an organisation, and orders parents first. */
int org_load_schema(struct db *db, struct schema *s, char *err, size_t errlen)
{
	struct db_stmt *st;
	int rc = db_backend(db) == DB_SQLITE
	             ? db_query(db, &st,
	                        "/* sqlite */ SELECT name FROM sqlite_schema WHERE type = 'table'"
	                        " AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'"
	                        " ORDER BY name",
	                        DB_NOARGS)
	             : db_query(db, &st,
	                        "/* postgres */ SELECT tablename FROM pg_catalog.pg_tables"
	                        " WHERE schemaname = 'public' ORDER BY tablename",
	                        DB_NOARGS);
	if (rc != DB_OK) {
		snprintf(err, errlen, "cannot read the catalogue: %s", db_errmsg(db));
		return -1;
	}
	while ((rc = db_step(st)) == DB_ROW) {
		const char *name = db_col_text(st, 0, s->a);
		if (skipped_name(name))
			continue;
		if (s->n == MAX_TABLES) {
			rc = DB_ERROR;
			break;
		}
		s->t[s->n++].name = name;
	}
	db_finish(st);
	if (rc != DB_DONE) {
		snprintf(err, errlen, "cannot read the catalogue");
		return -1;
	}
	for (size_t i = 0; i < s->n; i++)
		if (load_columns(db, s, &s->t[i]) != 0 || load_fks(db, s, &s->t[i]) != 0) {
			snprintf(err, errlen, "cannot read the columns of %s", s->t[i].name);
			return -1;
		}
	/* which references are ids to renumber */
	for (size_t i = 0; i < s->n; i++) {
		struct table *t = &s->t[i];
		for (size_t f = 0; f < t->n_fks; f++) {
			int p = org_find_table(s, t->fks[f].table),
			    c = org_col_index(t, t->fks[f].col);
			if (p >= 0 && c >= 0 && s->t[p].id_pk && strcmp(t->fks[f].to, "id") == 0)
				t->ref[c] = p;
		}
		for (size_t u = 0; u < sizeof(undeclared) / sizeof(undeclared[0]); u++)
			if (strcmp(undeclared[u][0], t->name) == 0) {
				int c = org_col_index(t, undeclared[u][1]),
				    p = org_find_table(s, undeclared[u][2]);
				if (c >= 0 && p >= 0)
					t->ref[c] = p;
			}
	}
	/* scopes */
	for (size_t i = 0; i < s->n; i++) {
		struct table *t = &s->t[i];
		t->child_fk = -1;
		if (strcmp(t->name, "orgs") == 0)
			t->scope = S_ROOT;
		else if (strcmp(t->name, "persons") == 0)
			t->scope = S_PERSONS;
		else if (t->has_org_id)
			t->scope = S_ORG;
		else
			for (size_t f = 0; f < t->n_fks && t->child_fk < 0; f++) {
				int p = org_find_table(s, t->fks[f].table);
				if (p >= 0 && s->t[p].has_org_id) {
					t->scope = S_CHILD;
					t->child_fk = (int)f;
				}
			}
	}
	/* a table no organisation owns, but that one refers to (an instrument) */
	for (size_t i = 0; i < s->n; i++)
		for (size_t f = 0; f < s->t[i].n_fks; f++) {
			int p = org_find_table(s, s->t[i].fks[f].table);
			if (p >= 0 && s->t[p].scope == S_SKIP && (s->t[i].scope == S_ORG))
				s->t[p].scope = S_GLOBAL;
		}
	/* parents first; ties by name */
	for (;;) {
		bool progress = false;
		for (size_t i = 0; i < s->n; i++) {
			struct table *t = &s->t[i];
			if (t->placed || t->scope == S_SKIP)
				continue;
			bool ready = true;
			for (size_t f = 0; f < t->n_fks && ready; f++) {
				int p = org_find_table(s, t->fks[f].table);
				ready = p < 0 || (size_t)p == i || s->t[p].placed ||
				        s->t[p].scope == S_SKIP;
			}
			for (size_t c = 0; c < t->n_cols && ready; c++)
				ready = t->ref[c] < 0 || s->t[t->ref[c]].placed ||
				        (size_t)t->ref[c] == i;
			if (ready) {
				t->placed = true;
				s->order[s->n_order++] = (int)i;
				progress = true;
			}
		}
		if (!progress)
			break;
	}
	for (size_t i = 0; i < s->n; i++)
		if (s->t[i].scope != S_SKIP && !s->t[i].placed) {
			snprintf(err, errlen, "the tables refer to each other in a circle (%s)",
			         s->t[i].name);
			return -1;
		}
	return 0;
}

/* ---- ids ---- */

int org_push_id(struct table *t, long long id)
{
	if (t->n_ids == t->cap_ids) {
		size_t cap = t->cap_ids ? t->cap_ids * 2 : 64;
		long long *v = realloc(t->ids, cap * sizeof(*v));
		if (v == NULL)
			return -1;
		t->ids = v;
		t->cap_ids = cap;
	}
	t->ids[t->n_ids++] = id;
	return 0;
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

/* Export: the file id (1..n) of an old id of t, or 0 when it is not in the file. */
long long org_file_id(const struct table *t, long long old)
{
	const long long *p = t->ids ? bsearch(&old, t->ids, t->n_ids, sizeof(old), cmp_ll) : NULL;
	return p ? (long long)(p - t->ids) + 1 : 0;
}

void org_free_ids(struct schema *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->t[i].ids);
}

long long org_new_id(const struct table *t, long long f)
{
	return f >= 1 && (size_t)f <= t->n_ids ? t->ids[f - 1] : 0;
}

void org_sort_ids(struct table *t)
{
	if (t->n_ids > 1)
		qsort(t->ids, t->n_ids, sizeof(*t->ids), cmp_ll);
}
