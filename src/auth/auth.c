/*
 * auth.c - passwords, sessions, CSRF and throttling (see auth.h).
 */
#include "auth.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long auth_session_idle = 4 * 3600; /* a working afternoon without a click */
long auth_session_max = 12 * 3600; /* one working day */

static unsigned char server_key[crypto_auth_KEYBYTES]; /* read-only after auth_init() */
static char dummy_hash[crypto_pwhash_STRBYTES];

int auth_init(struct db *db)
{
	if (sodium_init() < 0)
		return -1;
	struct arena a;
	arena_init(&a);
	struct db_stmt *st;
	const char *hex = NULL;
	if (db_query(db, &st, "SELECT value FROM settings WHERE key = 'server_key'", DB_NOARGS) !=
	    DB_OK)
		goto fail;
	if (db_step(st) == DB_ROW)
		hex = db_col_text(st, 0, &a);
	db_finish(st);
	size_t bin_len = 0;
	if (hex == NULL ||
	    sodium_hex2bin(server_key, sizeof(server_key), hex, strlen(hex), NULL, &bin_len,
	                   NULL) != 0 ||
	    bin_len != sizeof(server_key)) {
		char buf[crypto_auth_KEYBYTES * 2 + 1];
		crypto_auth_keygen(server_key);
		sodium_bin2hex(buf, sizeof(buf), server_key, sizeof(server_key));
		if (db_exec(db,
		            "INSERT INTO settings (key, value) VALUES ('server_key', ?)"
		            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
		            DB_ARGS(DB_TEXT(buf))) != DB_OK)
			goto fail;
	}
	if (dummy_hash[0] == '\0') {
		unsigned char rnd[16];
		char pw[33];
		randombytes_buf(rnd, sizeof(rnd));
		sodium_bin2hex(pw, sizeof(pw), rnd, sizeof(rnd));
		if (auth_password_hash(pw, dummy_hash) != 0)
			goto fail;
	}
	const char *idle = getenv("KRING_SESSION_IDLE");
	const char *max = getenv("KRING_SESSION_MAX");
	if (idle && atol(idle) > 0)
		auth_session_idle = atol(idle);
	if (max && atol(max) > 0)
		auth_session_max = atol(max);
	arena_free(&a);
	return 0;
fail:
	arena_free(&a);
	return -1;
}

int auth_password_hash(const char *password, char out[crypto_pwhash_STRBYTES])
{
	return crypto_pwhash_str(out, password, strlen(password),
	                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                         crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

bool auth_password_verify(const char *hash, const char *password)
{
	if (hash == NULL || hash[0] == '\0') {
		/* same work as for a real account, so timing tells nothing */
		if (crypto_pwhash_str_verify(dummy_hash, password, strlen(password)) == 0)
			return false; /* nobody knows the dummy's password; still no */
		return false;
	}
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

/* Hex BLAKE2b of a cookie value: what the sessions table stores. */
static char *session_hash(struct arena *a, const char *cookie)
{
	unsigned char h[32];
	char *hex = arena_alloc(a, sizeof(h) * 2 + 1);
	crypto_generichash(h, sizeof(h), (const unsigned char *)cookie, strlen(cookie), NULL, 0);
	sodium_bin2hex(hex, sizeof(h) * 2 + 1, h, sizeof(h));
	return hex;
}

static char *random_token(struct arena *a)
{
	unsigned char rnd[32];
	size_t n = sodium_base64_ENCODED_LEN(sizeof(rnd), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *s = arena_alloc(a, n);
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2base64(s, n, rnd, sizeof(rnd), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return s;
}

/* A cookie value we issued is 43 base64url characters. */
static bool plausible_token(const char *s)
{
	if (s == NULL || strlen(s) != 43)
		return false;
	for (const char *p = s; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_')
			return false;
	return true;
}

static const char *cookie_attrs(struct req *r)
{
	return r->cfg && r->cfg->behind_tls ? "; Path=/; HttpOnly; SameSite=Lax; Secure"
	                                    : "; Path=/; HttpOnly; SameSite=Lax";
}

int auth_load_session(struct req *r)
{
	const char *anon = req_cookie(r, AUTH_ANON_COOKIE);
	if (plausible_token(anon))
		r->anon_cookie = anon;
	const char *c = req_cookie(r, AUTH_SESSION_COOKIE);
	if (!plausible_token(c))
		return 0;
	struct db_stmt *st;
	char *hash = session_hash(&r->arena, c);
	if (db_query(r->db, &st,
	             "SELECT s.person_id, s.created_at, s.seen_at, p.name, p.email, p.locked"
	             " FROM sessions s JOIN persons p ON p.id = s.person_id WHERE s.id_hash = ?",
	             DB_ARGS(DB_TEXT(hash))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc != DB_ROW) {
		db_finish(st);
		return rc == DB_DONE ? 0 : -1;
	}
	long long person = db_col_int(st, 0);
	long long created = db_col_int(st, 1), seen = db_col_int(st, 2);
	const char *name = db_col_text(st, 3, &r->arena);
	const char *email = db_col_text(st, 4, &r->arena);
	bool locked = db_col_int(st, 5) != 0;
	db_finish(st);
	long long now = (long long)time(NULL);
	/* writes wait until the request's read transaction is over (auth_session_touch) */
	r->session_hash = hash;
	if (locked || now - seen > auth_session_idle || now - created > auth_session_max) {
		r->session_dead = true;
		return 0;
	}
	/* refresh once a minute, or more often when the idle limit is short */
	long long every = auth_session_idle / 2 < 60 ? auth_session_idle / 2 : 60;
	r->session_seen_stale = now - seen >= every;
	r->person_id = person;
	r->person_name = name;
	r->person_email = email;
	r->session_cookie = c;
	return 0;
}

void auth_session_touch(struct req *r)
{
	if (r->session_hash == NULL)
		return;
	if (r->session_dead)
		db_exec(r->db, "DELETE FROM sessions WHERE id_hash = ?",
		        DB_ARGS(DB_TEXT(r->session_hash)));
	else if (r->session_seen_stale)
		db_exec(r->db, "UPDATE sessions SET seen_at = ? WHERE id_hash = ?",
		        DB_ARGS(DB_INT((long long)time(NULL)), DB_TEXT(r->session_hash)));
	r->session_seen_stale = false;
	r->session_dead = false;
}

int auth_session_create(struct req *r, long long person_id)
{
	long long now = (long long)time(NULL);
	if (r->session_cookie != NULL)
		db_exec(r->db, "DELETE FROM sessions WHERE id_hash = ?",
		        DB_ARGS(DB_TEXT(session_hash(&r->arena, r->session_cookie))));
	char *tok = random_token(&r->arena);
	if (db_exec(r->db,
	            "INSERT INTO sessions (id_hash, person_id, created_at, seen_at) VALUES (?, ?, "
	            "?, ?)",
	            DB_ARGS(DB_TEXT(session_hash(&r->arena, tok)), DB_INT(person_id), DB_INT(now),
	                    DB_INT(now))) != DB_OK)
		return -1;
	/* old sessions of anyone expire here, so the table does not grow forever */
	db_exec(r->db, "DELETE FROM sessions WHERE seen_at < ? OR created_at < ?",
	        DB_ARGS(DB_INT(now - auth_session_idle), DB_INT(now - auth_session_max)));
	resp_header(r, "Set-Cookie",
	            arena_printf(&r->arena, AUTH_SESSION_COOKIE "=%s%s", tok, cookie_attrs(r)));
	r->session_cookie = tok;
	r->person_id = person_id;
	r->csrf = NULL;
	return 0;
}

void auth_session_destroy(struct req *r)
{
	if (r->session_cookie != NULL)
		db_exec(r->db, "DELETE FROM sessions WHERE id_hash = ?",
		        DB_ARGS(DB_TEXT(session_hash(&r->arena, r->session_cookie))));
	resp_header(r, "Set-Cookie",
	            arena_printf(&r->arena, AUTH_SESSION_COOKIE "=%s; Max-Age=0", cookie_attrs(r)));
	r->session_cookie = NULL;
	r->person_id = 0;
	r->csrf = NULL;
}

static char *csrf_for(struct arena *a, const char *cookie)
{
	/* keyed BLAKE2b is a MAC, and cheaper than HMAC-SHA512 on every page */
	unsigned char mac[32];
	size_t n = sodium_base64_ENCODED_LEN(sizeof(mac), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *s = arena_alloc(a, n);
	crypto_generichash(mac, sizeof(mac), (const unsigned char *)cookie, strlen(cookie),
	                   server_key, sizeof(server_key));
	sodium_bin2base64(s, n, mac, sizeof(mac), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return s;
}

const char *auth_csrf_token(struct req *r)
{
	if (r->csrf != NULL)
		return r->csrf;
	const char *bound = r->session_cookie;
	if (bound == NULL) {
		if (r->anon_cookie == NULL) {
			r->anon_cookie = random_token(&r->arena);
			resp_header(r, "Set-Cookie",
			            arena_printf(&r->arena, AUTH_ANON_COOKIE "=%s%s",
			                         r->anon_cookie, cookie_attrs(r)));
		}
		bound = r->anon_cookie;
	}
	r->csrf = csrf_for(&r->arena, bound);
	return r->csrf;
}

bool auth_csrf_valid(struct req *r, const char *token)
{
	const char *bound = r->session_cookie ? r->session_cookie : r->anon_cookie;
	if (bound == NULL || token == NULL)
		return false;
	const char *want = csrf_for(&r->arena, bound);
	size_t n = strlen(want);
	return strlen(token) == n && sodium_memcmp(want, token, n) == 0;
}

char *auth_normalize_email(struct arena *a, const char *email)
{
	char *e = arena_strdup(a, email ? email : "");
	/* trim surrounding blanks */
	char *p = e;
	while (*p == ' ' || *p == '\t')
		p++;
	size_t n = strlen(p);
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		p[--n] = '\0';
	for (char *q = p; *q; q++)
		*q = (char)tolower((unsigned char)*q);
	return p;
}

bool auth_throttled(struct db *db, const char *email, const char *ip, time_t now)
{
	long long n = 0;
	long long since = (long long)now - AUTH_FAILURE_WINDOW;
	char key_e[600], key_i[128];
	snprintf(key_e, sizeof(key_e), "e:%s", email ? email : "");
	snprintf(key_i, sizeof(key_i), "i:%s", ip ? ip : "");
	if (db_query_int(
	        db,
	        "SELECT COUNT(*) FROM login_failures WHERE key = ? AND at > ?"
	        " UNION ALL SELECT COUNT(*) FROM login_failures WHERE key = ? AND at > ?"
	        " ORDER BY 1 DESC LIMIT 1",
	        DB_ARGS(DB_TEXT(key_e), DB_INT(since), DB_TEXT(key_i), DB_INT(since)),
	        &n) != DB_ROW)
		return true; /* fail closed */
	return n >= AUTH_MAX_FAILURES;
}

void auth_record_failure(struct db *db, const char *email, const char *ip, time_t now)
{
	char key_e[600], key_i[128];
	snprintf(key_e, sizeof(key_e), "e:%s", email ? email : "");
	snprintf(key_i, sizeof(key_i), "i:%s", ip ? ip : "");
	if (db_begin(db) != DB_OK)
		return;
	db_exec(db, "DELETE FROM login_failures WHERE at < ?",
	        DB_ARGS(DB_INT((long long)now - AUTH_FAILURE_WINDOW)));
	db_exec(db, "INSERT INTO login_failures (key, at) VALUES (?, ?), (?, ?)",
	        DB_ARGS(DB_TEXT(key_e), DB_INT((long long)now), DB_TEXT(key_i),
	                DB_INT((long long)now)));
	if (db_commit(db) != DB_OK)
		db_rollback(db);
}

int auth_attempt_begin(struct db *db, const char *email, const char *ip, time_t now,
                       long long ids[2])
{
	char key_e[600], key_i[128];
	snprintf(key_e, sizeof(key_e), "e:%s", email ? email : "");
	snprintf(key_i, sizeof(key_i), "i:%s", ip ? ip : "");
	/* one write transaction: simultaneous attempts are counted one by one */
	if (db_begin(db) != DB_OK)
		return -1;
	if (auth_throttled(db, email, ip, now)) {
		db_rollback(db);
		return 1;
	}
	const char *ins = "INSERT INTO login_failures (key, at) VALUES (?, ?) RETURNING id";
	if (db_exec(db, "DELETE FROM login_failures WHERE at < ?",
	            DB_ARGS(DB_INT((long long)now - AUTH_FAILURE_WINDOW))) != DB_OK ||
	    db_query_int(db, ins, DB_ARGS(DB_TEXT(key_e), DB_INT((long long)now)), &ids[0]) !=
	        DB_ROW ||
	    db_query_int(db, ins, DB_ARGS(DB_TEXT(key_i), DB_INT((long long)now)), &ids[1]) !=
	        DB_ROW ||
	    db_commit(db) != DB_OK) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

void auth_attempt_succeeded(struct db *db, const char *email, const long long ids[2])
{
	db_exec(db, "DELETE FROM login_failures WHERE id = ? OR id = ?",
	        DB_ARGS(DB_INT(ids[0]), DB_INT(ids[1])));
	auth_clear_failures(db, email);
}

void auth_clear_failures(struct db *db, const char *email)
{
	char key_e[600];
	snprintf(key_e, sizeof(key_e), "e:%s", email ? email : "");
	db_exec(db, "DELETE FROM login_failures WHERE key = ?", DB_ARGS(DB_TEXT(key_e)));
}
