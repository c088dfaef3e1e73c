/*
 * pgtest.h - a fresh PostgreSQL database for a unit test, in the cluster
 * named by KRING_TEST_PG (scripts/pg-cluster's URL), dropped afterwards.
 * Tests that use it run their PostgreSQL part only when KRING_TEST_PG is
 * set (scripts/test sets it); without it they say so and check SQLite.
 * Header-only; include after testutil.h.
 */
#ifndef KRING_PGTEST_H
#define KRING_PGTEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"

/* The cluster URL, or NULL when the PostgreSQL part is to be skipped. */
static inline const char *pgtest_base(void)
{
	const char *url = getenv("KRING_TEST_PG");
	return url && url[0] ? url : NULL;
}

/* base with its database name replaced by name (postgresql://u@/db?host=...). */
static inline void pgtest_url(char *out, size_t n, const char *base, const char *name)
{
	const char *scheme = strstr(base, "://");
	const char *slash = scheme ? strchr(scheme + 3, '/') : NULL;
	if (slash == NULL) {
		snprintf(out, n, "%s", base);
		return;
	}
	const char *rest = slash + strcspn(slash, "?");
	snprintf(out, n, "%.*s/%s%s", (int)(slash - base), base, name, rest);
}

/* Runs one command on the cluster's own database; fails the test on error. */
static inline void pgtest_admin(const char *base, const char *sql)
{
	struct db *db = NULL;
	char err[256] = "";
	if (db_open(&db, base, err, sizeof(err)) != DB_OK)
		fail_msg("cannot open %s: %s", base, err);
	if (db_exec_script(db, sql) != DB_OK)
		fail_msg("%s: %s", sql, db_errmsg(db));
	db_close(db);
}

/*
 * Creates database "kring_unit_<tag>_<pid>" in the cluster and opens it
 * into *db; name receives its name (for pgtest_drop).
 */
static inline void pgtest_create(const char *base, const char *tag, char *name, size_t n,
                                 struct db **db)
{
	snprintf(name, n, "kring_unit_%s_%ld", tag, (long)getpid());
	char sql[160];
	snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s", name);
	pgtest_admin(base, sql);
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s", name);
	pgtest_admin(base, sql);
	char url[512], err[256] = "";
	pgtest_url(url, sizeof(url), base, name);
	if (db_open(db, url, err, sizeof(err)) != DB_OK)
		fail_msg("cannot open %s: %s", url, err);
}

/* Closes db and drops the database made by pgtest_create. */
static inline void pgtest_drop(const char *base, const char *name, struct db *db)
{
	db_close(db);
	char sql[160];
	snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s", name);
	pgtest_admin(base, sql);
}

#endif
