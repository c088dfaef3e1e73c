/*
 * community_fixture.h - a small world for the community unit tests: a
 * migrated database in a temporary directory with two organisations and
 * people in every role, sessions, and requests through server_handle_test().
 *
 * Header-only (static functions), included by tests/unit/test_community*.c
 * after cmocka.h.
 */
#ifndef KRING_COMMUNITY_FIXTURE_H
#define KRING_COMMUNITY_FIXTURE_H

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "auth/password.h"
#include "auth/session.h"
#include "auth/roles.h"
#include "core/community.h"
#include "core/scan.h"
#include "core/org.h"
#include "db/db.h"
#include "http/router.h"
#include "http/server.h"
#include "web/layout.h"

#include "pgtest.h"

struct fx {
	char dir[64];
	char path[96];
	char pg_name[64]; /* the PostgreSQL database, when KRING_FX_PG named a cluster */
	struct db *db;
	long long org_a, org_b; /* "bieb-a" and "bieb-b" */
	long long admin_a, staff_a, staff_a2, staff_a3, adviser, amb, amb2; /* roles in org A */
	long long admin_b;         /* beheerder of org B only */
	long long community;       /* a community of org A; amb is attached */
	long long other_community; /* another community of org A, without ambassadeurs */
	long long community_b;     /* a community of org B */
};

static inline long long fx_person(struct db *db, const char *email, const char *name)
{
	long long id = 0;
	assert_int_equal(person_create(db, email, name, "no-password-hash", &id), 0);
	return id;
}

static inline void fx_member(struct db *db, long long org, long long person, unsigned role)
{
	assert_int_equal(member_set_role(db, org, 0, person, role), SAVE_OK);
}

static inline long long fx_community(struct db *db, long long org, const char *name)
{
	struct community c = {.name = name, .status = "gewenst"};
	long long id = 0;
	assert_int_equal(community_create(db, org, 0, &c, &id), SAVE_OK);
	assert_true(id > 0);
	return id;
}

/* The stored version of community id of org (what a confirmation form carries), or 0. */
static inline long long fx_version(struct fx *f, long long org, long long id)
{
	long long v = 0;
	db_query_int(f->db, "SELECT version FROM communities WHERE id = ? AND org_id = ?",
	             DB_ARGS(DB_INT(id), DB_INT(org)), &v);
	return v;
}

/* Creates the world. Free it with fx_close(). */
static struct fx *fx_open(void)
{
	static int global_done;
	if (!global_done) {
		assert_int_equal(db_global_init(), DB_OK);
		assert_true(sodium_init() >= 0);
		global_done = 1;
	}
	struct fx *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	char err[256] = "";
	/* a test that runs itself on PostgreSQL sets KRING_FX_PG (test_search_pg.c) */
	const char *pg = getenv("KRING_FX_PG");
	if (pg != NULL) {
		pgtest_create(pg, "fx", f->pg_name, sizeof(f->pg_name), &f->db);
	} else {
		snprintf(f->dir, sizeof(f->dir), "/tmp/kring-community-XXXXXX");
		assert_non_null(mkdtemp(f->dir));
		snprintf(f->path, sizeof(f->path), "%s/t.db", f->dir);
		if (db_open(&f->db, f->path, err, sizeof(err)) != DB_OK)
			fail_msg("database: %s", err);
	}
	if (db_migrate(f->db, err, sizeof(err)) != DB_OK)
		fail_msg("database: %s", err);
	assert_int_equal(auth_init(f->db), 0);
	assert_int_equal(org_create(f->db, "bieb-a", "Bibliotheek A", &f->org_a), 0);
	assert_int_equal(org_create(f->db, "bieb-b", "Bibliotheek B", &f->org_b), 0);
	f->admin_a = fx_person(f->db, "admin@a.nl", "Anna Beheer");
	f->staff_a = fx_person(f->db, "sam@a.nl", "Sam Medewerker");
	f->staff_a2 = fx_person(f->db, "jo@a.nl", "Jo Medewerker");
	f->staff_a3 = fx_person(f->db, "kim@a.nl", "Kim Medewerker");
	f->adviser = fx_person(f->db, "ad@poi.nl", "Ad Adviseur");
	f->amb = fx_person(f->db, "amira@a.nl", "Amira Ambassadeur");
	f->amb2 = fx_person(f->db, "bo@a.nl", "Bo Ambassadeur");
	f->admin_b = fx_person(f->db, "bert@b.nl", "Bert Beheer");
	fx_member(f->db, f->org_a, f->admin_a, ROLE_BEHEERDER);
	fx_member(f->db, f->org_a, f->staff_a, ROLE_MEDEWERKER);
	fx_member(f->db, f->org_a, f->staff_a2, ROLE_MEDEWERKER);
	fx_member(f->db, f->org_a, f->staff_a3, ROLE_MEDEWERKER);
	fx_member(f->db, f->org_a, f->adviser, ROLE_ADVISEUR);
	fx_member(f->db, f->org_a, f->amb, ROLE_AMBASSADEUR);
	fx_member(f->db, f->org_a, f->amb2, ROLE_AMBASSADEUR);
	fx_member(f->db, f->org_b, f->admin_b, ROLE_BEHEERDER);
	f->community = fx_community(f->db, f->org_a, "Taalcafé");
	f->other_community = fx_community(f->db, f->org_a, "Repair Café");
	f->community_b = fx_community(f->db, f->org_b, "Leesclub B");
	assert_int_equal(community_ambassador_add(f->db, f->org_a, 0, f->community, f->amb),
	                 SAVE_OK);
	return f;
}

static inline void fx_close(struct fx *f)
{
	if (f->pg_name[0]) {
		pgtest_drop(getenv("KRING_FX_PG"), f->pg_name, f->db);
		free(f);
		return;
	}
	db_close(f->db);
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	char p[128];
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", f->path, suffixes[i]);
		unlink(p);
	}
	rmdir(f->dir);
	free(f);
}

/*
 * A session for person, as auth.c stores it (BLAKE2b-256 of the cookie,
 * hex). Returns the Cookie header "kring_session=..." in out.
 */
static inline void fx_session(struct fx *f, long long person, char out[80])
{
	unsigned char rnd[32], h[32];
	char tok[44], hex[65];
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2base64(tok, sizeof(tok), rnd, sizeof(rnd),
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	crypto_generichash(h, sizeof(h), (const unsigned char *)tok, strlen(tok), NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	long long now = (long long)time(NULL);
	assert_int_equal(db_exec(f->db,
	                         "INSERT INTO sessions (id_hash, person_id, created_at, seen_at)"
	                         " VALUES (?, ?, ?, ?)",
	                         DB_ARGS(DB_TEXT(hex), DB_INT(person), DB_INT(now), DB_INT(now))),
	                 DB_OK);
	snprintf(out, 80, "kring_session=%s", tok);
}

static const struct server_config *fx_cfg(void)
{
	static struct server_config cfg = {
	    .listen = "127.0.0.1:0",
	    .db_path = "(test)",
	    .max_body = 1024 * 1024,
	    .threads = 1,
	    .conn_limit = 10,
	    .per_ip_limit = 10,
	    .timeout_s = 10,
	};
	return &cfg;
}

/* Runs one request; returns the status. The caller frees r->arena. */
static inline unsigned fx_request(struct fx *f, struct req *r, const char *method, const char *uri,
                                  const char *body, const char *cookie)
{
	static const struct server_app app = {.dispatch = router_dispatch,
	                                      .error_page = resp_error};
	server_handle_test(r, fx_cfg(), &app, f->db, method, uri, body, cookie);
	return r->status;
}

/* The CSRF token of cookie's session (read from a page), copied into out. */
static inline void fx_csrf(struct fx *f, const char *cookie, char out[128])
{
	struct req r;
	fx_request(f, &r, "GET", "/o/bieb-a/", NULL, cookie); /* any page with the header */
	const char *body = buf_str(&r.resp);
	const char *key = "name=\"csrf\" value=\"";
	const char *p = strstr(body, key);
	assert_non_null(p);
	p += strlen(key);
	size_t n = strcspn(p, "\"");
	assert_true(n > 0 && n < 128);
	memcpy(out, p, n);
	out[n] = '\0';
	arena_free(&r.arena);
}

#endif
