/*
 * org_dump.c - one organisation as JSON (see org_dump.h).
 *
 * The statements here are built from the catalogue (table and column names,
 * always quoted) and run through the raw doors of db.h, which only src/db/
 * may use; every value is a parameter. The drivers cache prepared statements
 * by the address of their text, so each built text is interned: one address
 * per distinct text, for the life of the process.
 */
#include "org_dump.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../util/arena.h"
#include "../util/buf.h"
#include "../util/embed.h"
#include "org_schema.h"

/* ---- export ---- */

/* SELECT of the rows of t that belong to the organisation ?1, in a fixed order. */
static const char *select_sql(const struct schema *s, const struct table *t)
{
	struct arena a;
	arena_init(&a);
	struct buf b;
	buf_init(&b, &a);
	buf_puts(&b, "SELECT ");
	for (size_t c = 0; c < t->n_cols; c++)
		buf_printf(&b, "%s\"%s\"", c ? ", " : "", t->cols[c]);
	buf_printf(&b, " FROM \"%s\" x WHERE ", t->name);
	switch (t->scope) {
	case S_ROOT:
		buf_puts(&b, "x.id = ?1");
		break;
	case S_ORG:
		buf_puts(&b, "x.org_id = ?1");
		break;
	case S_CHILD: {
		const struct fk *f = &t->fks[t->child_fk];
		buf_printf(&b, "x.\"%s\" IN (SELECT \"%s\" FROM \"%s\" WHERE org_id = ?1)", f->col,
		           f->to, f->table);
		break;
	}
	case S_PERSONS:
	case S_GLOBAL: {
		/* every row an organisation's table refers to */
		bool any = false;
		for (size_t i = 0; i < s->n; i++) {
			const struct table *o = &s->t[i];
			if (o->scope != S_ORG && o->scope != S_CHILD)
				continue;
			for (size_t f = 0; f < o->n_fks; f++)
				if (strcmp(o->fks[f].table, t->name) == 0) {
					buf_printf(
					    &b,
					    "%sx.\"%s\" IN (SELECT y.\"%s\" FROM \"%s\" y WHERE ",
					    any ? " OR " : "", o->fks[f].to, o->fks[f].col,
					    o->name);
					if (o->scope == S_ORG)
						buf_puts(&b, "y.org_id = ?1)");
					else
						buf_printf(&b,
						           "y.\"%s\" IN (SELECT \"%s\" FROM \"%s\""
						           " WHERE org_id = ?1))",
						           o->fks[o->child_fk].col,
						           o->fks[o->child_fk].to,
						           o->fks[o->child_fk].table);
					any = true;
				}
		}
		if (!any)
			buf_puts(&b, "1 = 0 AND ?1 = ?1");
		break;
	}
	case S_SKIP:
		break;
	}
	buf_puts(&b, " ORDER BY ");
	for (size_t k = 0; k < t->n_pk; k++)
		buf_printf(&b, "%s\"%s\"", k ? ", " : "", t->pk[k]);
	if (t->n_pk == 0)
		for (size_t c = 0; c < t->n_cols; c++)
			buf_printf(&b, "%s\"%s\"", c ? ", " : "", t->cols[c]);
	buf_putc(&b, '\0');
	const char *sql = org_intern(b.data);
	arena_free(&a);
	return sql;
}

/*
 * A two-step login secret stays behind: it is sealed with this server's key
 * (auth/totp.h) and opens on no other, and it should not travel in a file
 * in the open either. The person arrives with two-step login off and
 * totp_moved set, and is asked to set it up again. NULL for other values.
 */
static json_t *left_behind(const struct table *t, struct db_stmt *st, size_t c)
{
	if (strcmp(t->name, "persons") != 0)
		return NULL;
	const char *col = t->cols[c];
	if (strcmp(col, "totp_secret") == 0)
		return json_string("");
	if (strcmp(col, "totp_on") == 0 || strcmp(col, "totp_step") == 0)
		return json_integer(0);
	if (strcmp(col, "totp_moved") == 0) {
		int on = org_col_index(t, "totp_on");
		return json_integer(on >= 0 && db_col_int(st, on) != 0 ? 1
		                                                       : db_col_int(st, (int)c));
	}
	return NULL;
}

/* One value of a row as JSON; references renumbered. NULL on a dangling reference. */
static json_t *export_value(const struct schema *s, const struct table *t, struct db_stmt *st,
                            size_t c, struct arena *a, bool *dangling)
{
	json_t *kept_back = left_behind(t, st, c);
	if (kept_back != NULL)
		return kept_back;
	if (db_col_is_null(st, (int)c))
		return json_null();
	if (t->kinds[c] == K_TEXT || t->kinds[c] == K_REAL)
		return json_string(db_col_text(st, (int)c, a));
	long long v = db_col_int(st, (int)c);
	if (t->ref[c] >= 0 && !(t->id_pk && strcmp(t->cols[c], "id") == 0)) {
		long long f = org_file_id(&s->t[t->ref[c]], v);
		if (f == 0 && v != 0) {
			*dangling = true;
			return NULL;
		}
		v = f;
	} else if (t->id_pk && strcmp(t->cols[c], "id") == 0) {
		v = org_file_id(t, v);
	}
	return json_integer(v);
}

/* Writes one table: its name, columns and rows. 0 or -1. */
static int export_table(struct db *db, struct schema *s, struct table *t, long long org_id,
                        FILE *out, bool first, char *err, size_t errlen)
{
	const char *sql = select_sql(s, t);
	if (sql == NULL)
		return -1;
	/* the ids first (in order), so the rows of this table can refer to each other */
	if (t->id_pk) {
		struct db_stmt *st;
		if (db_query_(db, &st, sql, DB_ARGS(DB_INT(org_id))) != DB_OK)
			return -1;
		int rc, id_col = org_col_index(t, "id");
		while ((rc = db_step(st)) == DB_ROW)
			if (org_push_id(t, db_col_int(st, id_col)) != 0) {
				rc = DB_ERROR;
				break;
			}
		db_finish(st);
		if (rc != DB_DONE)
			return -1;
		org_sort_ids(t);
	}
	json_t *cols = json_array();
	for (size_t c = 0; c < t->n_cols; c++)
		json_array_append_new(cols, json_string(t->cols[c]));
	fprintf(out, "%s\n{\"table\":\"%s\",\"columns\":", first ? "" : ",", t->name);
	json_dumpf(cols, out, JSON_COMPACT);
	json_decref(cols);
	fputs(",\"rows\":[", out);
	struct db_stmt *st;
	if (db_query_(db, &st, sql, DB_ARGS(DB_INT(org_id))) != DB_OK)
		return -1;
	int rc;
	size_t n = 0;
	struct arena a;
	arena_init(&a);
	while ((rc = db_step(st)) == DB_ROW) {
		json_t *row = json_array();
		for (size_t c = 0; c < t->n_cols; c++) {
			bool dangling = false;
			json_t *v = export_value(s, t, st, c, &a, &dangling);
			if (dangling) {
				snprintf(err, errlen,
				         "%s.%s refers to a row outside the organisation", t->name,
				         t->cols[c]);
				json_decref(row);
				db_finish(st);
				arena_free(&a);
				return -1;
			}
			json_array_append_new(row, v);
		}
		fputs(n++ ? ",\n" : "\n", out);
		json_dumpf(row, out, JSON_COMPACT);
		json_decref(row);
		arena_free(&a);
		arena_init(&a);
	}
	arena_free(&a);
	db_finish(st);
	fputs("]}", out);
	return rc == DB_DONE ? 0 : -1;
}

int db_org_export(struct db *db, const char *slug, FILE *out, char *err, size_t errlen)
{
	long long org_id = 0;
	err[0] = '\0';
	int rc = db_query_int(db, "SELECT id FROM orgs WHERE slug = ?1", DB_ARGS(DB_TEXT(slug)),
	                      &org_id);
	if (rc != DB_ROW) {
		snprintf(err, errlen, rc == DB_DONE ? "no organisation '%s'" : "cannot read '%s'",
		         slug);
		return -1;
	}
	struct arena a;
	arena_init(&a);
	struct schema *s = calloc(1, sizeof(*s));
	if (s == NULL)
		return -1;
	s->a = &a;
	if (db_begin_read(db) != DB_OK) {
		snprintf(err, errlen, "cannot start reading: %s", db_errmsg(db));
		free(s);
		arena_free(&a);
		return -1;
	}
	rc = org_load_schema(db, s, err, errlen);
	if (rc == 0) {
		fputs("{\"kring_export\":1,\"migrations\":[", out);
		for (size_t i = 0; i < n_embedded_migrations_sqlite; i++)
			fprintf(out, "%s\"%s\"", i ? "," : "", embedded_migrations_sqlite[i].name);
		fputs("],\n\"tables\":[", out);
		for (size_t k = 0; rc == 0 && k < s->n_order; k++) {
			rc = export_table(db, s, &s->t[s->order[k]], org_id, out, k == 0, err,
			                  errlen);
			if (rc != 0 && err[0] == '\0')
				snprintf(err, errlen, "cannot read %s: %s", s->t[s->order[k]].name,
				         db_errmsg(db));
		}
		fputs("\n]}\n", out);
	}
	db_end_read(db);
	org_free_ids(s);
	free(s);
	arena_free(&a);
	if (rc == 0 && (fflush(out) != 0 || ferror(out))) {
		snprintf(err, errlen, "cannot write the export");
		rc = -1;
	}
	return rc;
}

/* ---- import ---- */

/* The INSERT of the given columns of t (the id left to the database), with RETURNING id. */
static const char *insert_sql(const struct table *t, const int *cols, size_t n)
{
	struct arena a;
	arena_init(&a);
	struct buf b;
	buf_init(&b, &a);
	buf_printf(&b, "INSERT INTO \"%s\" (", t->name);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!(t->id_pk && strcmp(t->cols[cols[i]], "id") == 0))
			buf_printf(&b, "%s\"%s\"", k++ ? ", " : "", t->cols[cols[i]]);
	buf_puts(&b, ") VALUES (");
	for (size_t i = 0; i < k; i++)
		buf_printf(&b, "%s?%zu", i ? ", " : "", i + 1);
	buf_puts(&b, t->id_pk ? ") RETURNING id" : ")");
	buf_putc(&b, '\0');
	const char *sql = org_intern(b.data);
	arena_free(&a);
	return sql;
}

/* Whether every migration the file names has been applied here. */
static int migrations_here(struct db *db, json_t *list, char *err, size_t errlen)
{
	size_t i;
	json_t *m;
	json_array_foreach(list, i, m)
	{
		long long n = 0;
		if (!json_is_string(m) ||
		    db_query_int(db, "SELECT COUNT(*) FROM schema_migrations WHERE name = ?1",
		                 DB_ARGS(DB_TEXT(json_string_value(m))), &n) != DB_ROW ||
		    n == 0) {
			snprintf(
			    err, errlen,
			    "the export was made by a newer kring (migration %s is unknown here)",
			    json_is_string(m) ? json_string_value(m) : "?");
			return -1;
		}
	}
	return 0;
}

/* Inserts (or, for a person by e-mail and a shared row by key, finds) one row. */
static int import_row(struct db *db, struct schema *s, struct table *t, const int *cols, size_t n,
                      json_t *row, struct arena *a, char *err, size_t errlen)
{
	struct db_param *p = arena_alloc(a, (n + 1) * sizeof(*p));
	size_t k = 0;
	long long file = 0;
	const char *email = NULL, *key = NULL;
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_array_get(row, i);
		size_t c = (size_t)cols[i];
		bool is_id = t->id_pk && strcmp(t->cols[c], "id") == 0;
		if (is_id) {
			file = json_integer_value(v);
			continue;
		}
		if (json_is_null(v)) {
			p[k++] = DB_NULL;
		} else if (json_is_integer(v)) {
			long long x = json_integer_value(v);
			if (t->ref[c] >= 0 && x != 0) {
				x = org_new_id(&s->t[t->ref[c]], x);
				if (x == 0) {
					snprintf(err, errlen,
					         "%s.%s refers to a row the file does not hold",
					         t->name, t->cols[c]);
					return -1;
				}
			}
			p[k++] = DB_INT(x);
		} else if (json_is_string(v)) {
			p[k++] = DB_TEXT(json_string_value(v));
			if (t->scope == S_PERSONS && strcmp(t->cols[c], "email") == 0)
				email = json_string_value(v);
			if (t->scope == S_GLOBAL && t->n_pk == 1 &&
			    strcmp(t->cols[c], t->pk[0]) == 0)
				key = json_string_value(v);
		} else if (json_is_real(v)) {
			p[k++] = DB_TEXT(arena_printf(a, "%.17g", json_real_value(v)));
		} else {
			snprintf(err, errlen, "%s.%s holds a value of an unknown kind", t->name,
			         t->cols[c]);
			return -1;
		}
	}
	p[k] = (struct db_param){.type = DBP_END};
	long long id = 0;
	if (email != NULL) { /* someone with an account here keeps it */
		int rc = db_query_int(db, "SELECT id FROM persons WHERE email = ?1",
		                      DB_ARGS(DB_TEXT(email)), &id);
		if (rc != DB_ROW && rc != DB_DONE)
			return -1;
	}
	if (key != NULL) {
		const char *q = org_intern(arena_printf(
		    a, "SELECT COUNT(*) FROM \"%s\" WHERE \"%s\" = ?1", t->name, t->pk[0]));
		long long there = 0;
		if (q == NULL || db_query_int_(db, q, DB_ARGS(DB_TEXT(key)), &there) != DB_ROW)
			return -1;
		if (there > 0)
			return 0;
	}
	if (id == 0) {
		const char *sql = insert_sql(t, cols, n);
		if (sql == NULL)
			return -1;
		if (t->id_pk) {
			if (db_query_int_(db, sql, p, &id) != DB_ROW) {
				snprintf(err, errlen, "cannot add a row to %s: %s", t->name,
				         db_errmsg(db));
				return -1;
			}
		} else if (db_exec_(db, sql, p) != DB_OK) {
			snprintf(err, errlen, "cannot add a row to %s: %s", t->name, db_errmsg(db));
			return -1;
		}
	}
	if (t->id_pk) {
		if (file != (long long)t->n_ids + 1) {
			snprintf(err, errlen, "the ids of %s are not 1, 2, 3, ...", t->name);
			return -1;
		}
		if (org_push_id(t, id) != 0)
			return -1;
	}
	return 0;
}

/* Imports one table of the file. */
static int import_table(struct db *db, struct schema *s, json_t *jt, char *err, size_t errlen)
{
	const char *name = json_string_value(json_object_get(jt, "table"));
	json_t *jcols = json_object_get(jt, "columns"), *rows = json_object_get(jt, "rows");
	int ti = name ? org_find_table(s, name) : -1;
	if (ti < 0 || s->t[ti].scope == S_SKIP || !json_is_array(jcols) || !json_is_array(rows)) {
		snprintf(err, errlen, "the file holds a table kring does not know (%s)",
		         name ? name : "?");
		return -1;
	}
	struct table *t = &s->t[ti];
	if (t->n_ids > 0 || t->ids != NULL) {
		snprintf(err, errlen, "the file holds %s twice", t->name);
		return -1;
	}
	size_t n = json_array_size(jcols);
	int cols[MAX_COLS];
	if (n == 0 || n > MAX_COLS) {
		snprintf(err, errlen, "%s has no columns", t->name);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		const char *c = json_string_value(json_array_get(jcols, i));
		cols[i] = c ? org_col_index(t, c) : -1;
		if (cols[i] < 0) {
			snprintf(err, errlen, "%s has no column %s here", t->name, c ? c : "?");
			return -1;
		}
	}
	for (size_t c = 0; c < t->n_cols; c++)
		if (t->ref[c] >= 0 && !s->t[t->ref[c]].placed && t->ref[c] != ti) {
			snprintf(err, errlen, "%s comes before the table it refers to", t->name);
			return -1;
		}
	t->placed = true; /* now: "imported" */
	size_t i;
	json_t *row;
	struct arena a;
	arena_init(&a);
	int rc = 0;
	json_array_foreach(rows, i, row)
	{
		if (!json_is_array(row) || json_array_size(row) != n) {
			snprintf(err, errlen, "a row of %s has the wrong number of values",
			         t->name);
			rc = -1;
		} else {
			rc = import_row(db, s, t, cols, n, row, &a, err, errlen);
		}
		arena_free(&a);
		arena_init(&a);
		if (rc != 0)
			break;
	}
	arena_free(&a);
	return rc;
}

int db_org_import(struct db *db, const char *json, size_t len, long long *org_id, char *err,
                  size_t errlen)
{
	err[0] = '\0';
	*org_id = 0;
	json_error_t jerr;
	json_t *root = json_loadb(json, len, 0, &jerr);
	if (root == NULL) {
		snprintf(err, errlen, "not JSON (line %d: %s)", jerr.line, jerr.text);
		return -1;
	}
	json_t *tables = json_object_get(root, "tables");
	if (json_integer_value(json_object_get(root, "kring_export")) != 1 ||
	    !json_is_array(tables) || !json_is_array(json_object_get(root, "migrations"))) {
		snprintf(err, errlen, "not a kring export of an organisation");
		json_decref(root);
		return -1;
	}
	struct arena a;
	arena_init(&a);
	struct schema *s = calloc(1, sizeof(*s));
	int rc = s ? 0 : -1;
	if (s != NULL)
		s->a = &a;
	if (rc == 0 && db_begin(db) != DB_OK) {
		snprintf(err, errlen, "cannot start writing: %s", db_errmsg(db));
		rc = -1;
	}
	bool began = rc == 0;
	if (rc == 0)
		rc = migrations_here(db, json_object_get(root, "migrations"), err, errlen);
	if (rc == 0)
		rc = org_load_schema(db, s, err, errlen);
	if (rc == 0)
		for (size_t i = 0; i < s->n; i++)
			s->t[i].placed = false;
	/* the slug must be free here */
	json_t *first = NULL;
	for (size_t k = 0; k < json_array_size(tables); k++) {
		const char *tn =
		    json_string_value(json_object_get(json_array_get(tables, k), "table"));
		if (tn != NULL && strcmp(tn, "orgs") == 0)
			first = json_array_get(tables, k);
	}
	if (rc == 0) {
		json_t *cols = json_object_get(first, "columns"),
		       *row = json_array_get(json_object_get(first, "rows"), 0);
		const char *slug = NULL;
		for (size_t i = 0; i < json_array_size(cols); i++)
			if (json_is_string(json_array_get(cols, i)) &&
			    strcmp(json_string_value(json_array_get(cols, i)), "slug") == 0)
				slug = json_string_value(json_array_get(row, i));
		long long there = 0;
		const char *tname = json_string_value(json_object_get(first, "table"));
		if (first == NULL || tname == NULL || slug == NULL ||
		    json_array_size(json_object_get(first, "rows")) != 1) {
			snprintf(err, errlen, "the export holds no organisation, or more than one");
			rc = -1;
		} else if (db_query_int(db, "SELECT COUNT(*) FROM orgs WHERE slug = ?1",
		                        DB_ARGS(DB_TEXT(slug)), &there) != DB_ROW) {
			rc = -1;
		} else if (there > 0) {
			snprintf(err, errlen, "an organisation '%s' exists here already", slug);
			rc = -1;
		}
	}
	size_t i;
	json_t *jt;
	if (rc == 0)
		json_array_foreach(tables, i, jt)
		{
			if ((rc = import_table(db, s, jt, err, errlen)) != 0)
				break;
		}
	if (rc == 0) {
		int orgs = org_find_table(s, "orgs");
		*org_id = orgs >= 0 ? org_new_id(&s->t[orgs], 1) : 0;
		if (*org_id == 0 || db_commit(db) != DB_OK) {
			if (err[0] == '\0')
				snprintf(err, errlen, "cannot save the import: %s", db_errmsg(db));
			rc = -1;
		}
	}
	if (rc != 0) {
		if (began)
			db_rollback(db);
		if (err[0] == '\0')
			snprintf(err, errlen, "cannot import: %s", db_errmsg(db));
		*org_id = 0;
	}
	if (s != NULL) {
		org_free_ids(s);
		free(s);
	}
	arena_free(&a);
	json_decref(root);
	return rc;
}
