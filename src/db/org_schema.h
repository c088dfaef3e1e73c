/*
 * org_schema.h - the catalogue of a kring database as org_dump.c reads it:
 * which tables belong to an organisation, how they refer to each other, and
 * in what order they can be written. Private to src/db/.
 */
#ifndef KRING_ORG_SCHEMA_H
#define KRING_ORG_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/arena.h"
#include "db.h"

#define MAX_TABLES 160
#define MAX_COLS   48
#define MAX_FKS    12

enum kind { K_INT, K_REAL, K_TEXT };
enum scope { S_SKIP, S_ROOT, S_ORG, S_CHILD, S_PERSONS, S_GLOBAL };

struct fk {
	const char *col, *table, *to;
};

struct table {
	const char *name;
	const char *cols[MAX_COLS];
	enum kind kinds[MAX_COLS];
	int ref[MAX_COLS]; /* index of the referenced table whose ids this column holds, or -1 */
	size_t n_cols;
	const char *pk[4];
	size_t n_pk;
	struct fk fks[MAX_FKS];
	size_t n_fks;
	bool has_org_id, id_pk, placed;
	enum scope scope;
	int child_fk; /* S_CHILD: the foreign key that ties a row to the organisation */
	/* ids: export: old ids in order (file id = index + 1); import: new id by file id */
	long long *ids;
	size_t n_ids, cap_ids;
};

struct schema {
	struct table t[MAX_TABLES];
	size_t n;
	int order[MAX_TABLES];
	size_t n_order;
	struct arena *a;
};

/* References the schema does not declare: (table, column) holds ids of table (0: none). */

/* The statement text s, at one address for the life of the process (the
 * drivers cache prepared statements by address). NULL when out of memory. */
const char *org_intern(const char *s);

/* The index of the table called name, or -1. */
int org_find_table(const struct schema *s, const char *name);

/* The index of column col of t, or -1. */
int org_col_index(const struct table *t, const char *col);

/*
 * Reads every table of db: columns, primary key, references (declared, and
 * the few undeclared ones), what belongs to an organisation (scope), and an
 * order with every table after those it refers to (s->order). Strings live
 * in s->a. 0, or -1 with err.
 */
int org_load_schema(struct db *db, struct schema *s, char *err, size_t errlen);

/* Appends an id to t->ids. 0, or -1 when out of memory. */
int org_push_id(struct table *t, long long id);

/* Export: the file id (1..n) of t's old id (t->ids sorted), or 0 when not in the file. */
long long org_file_id(const struct table *t, long long old);

/* Import: the new id of file id f of t, or 0. */
long long org_new_id(const struct table *t, long long f);

/* Sorts t->ids. */
void org_sort_ids(struct table *t);

/* Frees the id lists of every table. */
void org_free_ids(struct schema *s);

#endif
