/*
 * testutil.h - shared helpers for the cmocka unit tests: a migrated
 * database in a temporary directory, requests through server_handle_test(),
 * sessions, response inspection, and "this call aborts" checks.
 *
 * Header-only (static inline) so that CMake's test_*.c glob needs nothing
 * else; include it after the kring headers.
 */
#ifndef KRING_TESTUTIL_H
#define KRING_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "auth/password.h"
#include "auth/roles.h"
#include "auth/session.h"
#include "auth/throttle.h"
#include "core/org.h"
#include "db/db.h"
#include "http/router.h"
#include "http/server.h"
#include "web/layout.h"

/* ---- a fresh database per test ---- */

struct tdb {
	char dir[64];
	char path[96];
	struct db *db;
};

/* Creates a temporary directory with an opened (not migrated) database. */
static inline struct tdb *tdb_open(void)
{
	static int global_done;
	if (!global_done) {
		db_global_init();
		global_done = 1;
	}
	struct tdb *t = calloc(1, sizeof(*t));
	assert_non_null(t);
	snprintf(t->dir, sizeof(t->dir), "/tmp/kring-test-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	snprintf(t->path, sizeof(t->path), "%s/test.db", t->dir);
	char err[256] = "";
	int rc = db_open(&t->db, t->path, err, sizeof(err));
	if (rc != DB_OK)
		fail_msg("db_open: %s", err);
	return t;
}

/* Opens, migrates and runs auth_init. */
static inline struct tdb *tdb_open_migrated(void)
{
	struct tdb *t = tdb_open();
	char err[256] = "";
	if (db_migrate(t->db, err, sizeof(err)) != DB_OK)
		fail_msg("db_migrate: %s", err);
	assert_int_equal(auth_init(t->db), 0);
	return t;
}

/* Closes the database and removes the directory. */
static inline void tdb_close(struct tdb *t)
{
	if (t == NULL)
		return;
	db_close(t->db);
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	char p[128];
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", t->path, suffixes[i]);
		unlink(p);
	}
	rmdir(t->dir);
	free(t);
}

/* One integer from a query without parameters (fails the test on error). */
static inline long long tdb_int(struct db *db, const char *sql)
{
	long long v = -12345;
	int rc = db_query_int_(db, sql, DB_NOARGS, &v); /* callers pass literals */
	if (rc != DB_ROW)
		fail_msg("query '%s' gave %d: %s", sql, rc, db_errmsg(db));
	return v;
}

/* ---- people, organisations, sessions ---- */

static inline long long t_person(struct db *db, const char *email, const char *name)
{
	long long id = 0;
	assert_int_equal(person_create(db, email, name, "not-a-real-hash", &id), 0);
	assert_true(id > 0);
	return id;
}

static inline long long t_org(struct db *db, const char *slug, const char *name)
{
	long long id = 0;
	assert_int_equal(org_create(db, slug, name, &id), 0);
	assert_true(id > 0);
	return id;
}

/*
 * Inserts a session for person and returns the cookie value (43 base64url
 * characters, as auth.c issues them) in out[44]. Mirrors what
 * auth_session_create() stores: hex BLAKE2b-256 of the cookie.
 */
static inline void t_session(struct db *db, long long person, char out[44])
{
	unsigned char rnd[32], h[32];
	char hex[65];
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2base64(out, 44, rnd, sizeof(rnd), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	assert_int_equal(strlen(out), 43);
	crypto_generichash(h, sizeof(h), (const unsigned char *)out, 43, NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	long long now = (long long)time(NULL);
	assert_int_equal(db_exec(db,
	                         "INSERT INTO sessions (id_hash, person_id, created_at, seen_at)"
	                         " VALUES (?, ?, ?, ?)",
	                         DB_ARGS(DB_TEXT(hex), DB_INT(person), DB_INT(now), DB_INT(now))),
	                 DB_OK);
}

/* ---- requests ---- */

static inline const struct server_config *t_cfg(void)
{
	static struct server_config cfg = {
	    .listen = "127.0.0.1:0",
	    .db_path = "(test)",
	    .max_body = 64 * 1024,
	    .threads = 1,
	    .conn_limit = 10,
	    .per_ip_limit = 10,
	    .timeout_s = 10,
	};
	return &cfg;
}

/*
 * Runs one request; the caller frees r->arena (t_done). cookie is the whole
 * Cookie header or NULL.
 */
static inline void t_request(struct req *r, struct db *db, const char *method, const char *uri,
                             const char *body, const char *cookie)
{
	static const struct server_app app = {.dispatch = router_dispatch,
	                                      .error_page = resp_error};
	server_handle_test(r, t_cfg(), &app, db, method, uri, body, cookie);
}

static inline void t_done(struct req *r)
{
	arena_free(&r->arena);
}

static inline const char *t_body(struct req *r)
{
	return buf_str(&r->resp);
}

/* Value of the first response header named name, or NULL. */
static inline const char *t_header(const struct req *r, const char *name)
{
	for (int i = 0; i < r->n_headers; i++)
		if (strcasecmp(r->headers[i].name, name) == 0)
			return r->headers[i].value;
	return NULL;
}

/*
 * Value of the cookie name set by a Set-Cookie header of the response,
 * copied into out (size n); false when there is none.
 */
static inline bool t_set_cookie(const struct req *r, const char *name, char *out, size_t n)
{
	size_t nl = strlen(name);
	for (int i = 0; i < r->n_headers; i++) {
		if (strcasecmp(r->headers[i].name, "Set-Cookie") != 0)
			continue;
		const char *v = r->headers[i].value;
		if (strncmp(v, name, nl) != 0 || v[nl] != '=')
			continue;
		const char *s = v + nl + 1;
		size_t len = strcspn(s, ";");
		if (len + 1 > n)
			return false;
		memcpy(out, s, len);
		out[len] = '\0';
		return true;
	}
	return false;
}

/* The value of the first hidden csrf field in html, copied into out. */
static inline bool t_csrf(const char *html, char *out, size_t n)
{
	const char *key = "name=\"csrf\" value=\"";
	const char *p = strstr(html, key);
	if (p == NULL)
		return false;
	p += strlen(key);
	size_t len = strcspn(p, "\"");
	if (len == 0 || len + 1 > n)
		return false;
	memcpy(out, p, len);
	out[len] = '\0';
	return true;
}

/* ---- "this aborts" ---- */

/*
 * Runs fn(arg) in a child process and returns its wait status, so a test
 * can check that a programming error really ends in abort().
 */
static inline int t_run_child(void (*fn)(void *), void *arg)
{
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* keep the child's sanitizer and abort chatter out of the test log */
		FILE *devnull = freopen("/dev/null", "w", stderr);
		(void)devnull;
		signal(SIGABRT, SIG_DFL);
		fn(arg);
		_exit(0);
	}
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return status;
}

static inline bool t_aborted(int status)
{
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

#endif
