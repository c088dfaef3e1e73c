/*
 * session.c - cookies, sessions and CSRF tokens (see session.h).
 */
#define _GNU_SOURCE
#include "session.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "password.h"
#include "session_cache.h"
#include "totp.h"

long auth_session_idle = 4 * 3600; /* a working afternoon without a click */
long auth_session_max = 12 * 3600; /* one working day */

static unsigned char server_key[crypto_auth_KEYBYTES]; /* read-only after auth_init() */

/*
 * The key from KRING_SECRET_FILE: a BLAKE2b hash of the file's bytes (at
 * least 32 of them), so every instance given the same file has the same key.
 * 1 when the variable is not set, 0 when the key was read, -1 on error.
 */
static int key_from_file(void)
{
	const char *path = getenv("KRING_SECRET_FILE");
	if (path == NULL || path[0] == '\0')
		return 1;
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		fprintf(stderr, "kring: cannot read KRING_SECRET_FILE %s\n", path);
		return -1;
	}
	unsigned char secret[4096];
	size_t n = fread(secret, 1, sizeof(secret), f);
	fclose(f);
	if (n < 32) {
		fprintf(stderr, "kring: KRING_SECRET_FILE %s holds fewer than 32 bytes\n", path);
		return -1;
	}
	crypto_generichash(server_key, sizeof(server_key), secret, n, NULL, 0);
	sodium_memzero(secret, sizeof(secret));
	return 0;
}

/* Reads settings.server_key into server_key: DB_ROW when it was there and valid. */
static int read_stored_key(struct db *db)
{
	struct arena a;
	arena_init(&a);
	struct db_stmt *st;
	int rc =
	    db_query(db, &st, "SELECT value FROM settings WHERE key = 'server_key'", DB_NOARGS);
	if (rc != DB_OK) {
		arena_free(&a);
		return rc;
	}
	rc = db_step(st);
	const char *hex = rc == DB_ROW ? db_col_text(st, 0, &a) : NULL;
	db_finish(st);
	size_t bin_len = 0;
	if (rc == DB_ROW && (sodium_hex2bin(server_key, sizeof(server_key), hex, strlen(hex), NULL,
	                                    &bin_len, NULL) != 0 ||
	                     bin_len != sizeof(server_key)))
		rc = DB_DONE; /* not a key: replaced below */
	arena_free(&a);
	return rc;
}

/*
 * The key kept in the database for every instance: read it; when absent,
 * insert a new one unless another instance did first, and read back what
 * won (so two instances starting at once agree).
 */
static int key_from_db(struct db *db)
{
	int rc = read_stored_key(db);
	if (rc == DB_ROW)
		return 0;
	if (rc != DB_DONE)
		return -1;
	unsigned char fresh[crypto_auth_KEYBYTES];
	char buf[crypto_auth_KEYBYTES * 2 + 1];
	crypto_auth_keygen(fresh);
	sodium_bin2hex(buf, sizeof(buf), fresh, sizeof(fresh));
	if (db_exec(db,
	            "INSERT INTO settings (key, value) VALUES ('server_key', ?)"
	            " ON CONFLICT (key) DO NOTHING",
	            DB_ARGS(DB_TEXT(buf))) != DB_OK)
		return -1;
	rc = read_stored_key(db);
	if (rc == DB_DONE) { /* a stored value that is no key: replace it */
		if (db_exec(db, "UPDATE settings SET value = ? WHERE key = 'server_key'",
		            DB_ARGS(DB_TEXT(buf))) != DB_OK)
			return -1;
		rc = read_stored_key(db);
	}
	return rc == DB_ROW ? 0 : -1;
}

int auth_init(struct db *db)
{
	if (auth_password_init() != 0 || totp_init() != 0)
		return -1;
	int from_file = key_from_file();
	if (from_file < 0 || (from_file == 1 && key_from_db(db) != 0))
		return -1;
	_Static_assert(sizeof(server_key) == 32, "the sealing key is derived from 32 bytes");
	totp_seal_key(server_key);
	const char *idle = getenv("KRING_SESSION_IDLE");
	const char *max = getenv("KRING_SESSION_MAX");
	if (idle && atol(idle) > 0)
		auth_session_idle = atol(idle);
	if (max && atol(max) > 0)
		auth_session_max = atol(max);
	return 0;
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

/*
 * The session's row and the question of the path: its organisation (?2)
 * and community (?3). 1 with *row filled, 0 when there is no such session,
 * -1 on a database error. Kept per data generation (session_cache.h).
 */
static int read_row(struct req *r, const char *hash, struct session_row *row)
{
	const char *org = r->param_org ? r->param_org : "";
	const char *gen = db_generation(r->db, &r->arena);
	const char *key =
	    gen ? arena_printf(&r->arena, "%s %s %lld %s", gen, hash, r->session_community_ask, org)
	        : NULL;
	if (key != NULL && session_cache_get(key, row, &r->arena))
		return 1;
	struct db_stmt *st;
	/* the ninth column: staff of an organisation that requires two-step login, without it */
	if (db_query(r->db, &st,
	             "SELECT s.person_id, s.created_at, s.seen_at, p.name, p.email, p.locked,"
	             " p.lang,"
	             " s.pending, p.totp_on = 0 AND EXISTS (SELECT 1 FROM memberships m"
	             " JOIN orgs o ON o.id = m.org_id WHERE m.person_id = p.id"
	             " AND o.require_totp = 1 AND m.role IN ('beheerder', 'medewerker')),"
	             /* the role in the organisation of the path (?2; '' names none) */
	             " COALESCE(mo.org_id, 0), COALESCE(po.name, ''), COALESCE(mo.role, ''),"
	             /* the community of the path (?3; 0 names none) is there, and
	              * an ambassadeur's own: community_visible()'s question */
	             " ?3 <> 0 AND EXISTS (SELECT 1 FROM communities c WHERE c.id = ?3"
	             " AND c.org_id = mo.org_id AND (mo.role <> 'ambassadeur' OR EXISTS"
	             " (SELECT 1 FROM community_ambassadors a WHERE a.community_id = c.id"
	             " AND a.org_id = c.org_id AND a.person_id = p.id)))"
	             " FROM sessions s JOIN persons p ON p.id = s.person_id"
	             " LEFT JOIN orgs po ON po.slug = ?2"
	             " LEFT JOIN memberships mo ON mo.org_id = po.id AND mo.person_id = p.id"
	             " WHERE s.id_hash = ?1",
	             DB_ARGS(DB_TEXT(hash), DB_TEXT(org), DB_INT(r->session_community_ask))) !=
	    DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc != DB_ROW) {
		db_finish(st);
		return rc == DB_DONE ? 0 : -1;
	}
	*row = (struct session_row){.person = db_col_int(st, 0),
	                            .created = db_col_int(st, 1),
	                            .seen = db_col_int(st, 2),
	                            .name = db_col_text(st, 3, &r->arena),
	                            .email = db_col_text(st, 4, &r->arena),
	                            .locked = db_col_int(st, 5) != 0,
	                            .lang = db_col_text(st, 6, &r->arena),
	                            .pending = db_col_int(st, 7) != 0,
	                            .totp_needed = db_col_int(st, 8) != 0,
	                            .org_id = db_col_int(st, 9),
	                            .org_name = db_col_text(st, 10, &r->arena),
	                            .org_role = db_col_text(st, 11, &r->arena),
	                            .community_visible = db_col_int(st, 12) != 0};
	db_finish(st);
	if (key != NULL)
		session_cache_put(key, row);
	return 1;
}

int auth_load_session(struct req *r)
{
	const char *anon = req_cookie(r, AUTH_ANON_COOKIE);
	if (plausible_token(anon))
		r->anon_cookie = anon;
	const char *c = req_cookie(r, AUTH_SESSION_COOKIE);
	if (!plausible_token(c))
		return 0;
	char *hash = session_hash(&r->arena, c);
	struct session_row row;
	int found = read_row(r, hash, &row);
	if (found <= 0)
		return found;
	long long person = row.person, created = row.created, seen = row.seen;
	const char *name = row.name, *email = row.email, *lang = row.lang;
	bool locked = row.locked, pending = row.pending, totp_needed = row.totp_needed;
	long long org_id = row.org_id;
	const char *org_name = row.org_name, *org_role = row.org_role;
	bool community_visible = row.community_visible;
	long long now = (long long)time(NULL);
	/* writes wait until the request's read transaction is over (auth_session_touch) */
	r->session_hash = hash;
	if (locked || now - seen > auth_session_idle || now - created > auth_session_max ||
	    (pending && now - created > AUTH_PENDING_MAX)) {
		r->session_dead = true;
		return 0;
	}
	if (pending) { /* the password was right; the code is still asked: not logged in yet */
		r->pending_person_id = person;
		r->session_cookie = c; /* forms are bound to it, and a login replaces it */
		return 0;
	}
	r->totp_setup_needed = totp_needed;
	/* refresh once a minute, or more often when the idle limit is short */
	long long every = auth_session_idle / 2 < 60 ? auth_session_idle / 2 : 60;
	r->session_seen_stale = now - seen >= every;
	r->person_id = person;
	r->person_name = name;
	r->person_email = email;
	r->person_lang = lang;
	r->session_cookie = c;
	if (r->param_org != NULL) {
		r->session_org_read = true;
		r->session_org_id = org_id;
		r->session_org_name = org_name;
		r->session_org_role = org_role;
		r->session_community_visible = community_visible;
	}
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
	if (r->session_cookie != NULL &&
	    db_exec(r->db, "DELETE FROM sessions WHERE id_hash = ?",
	            DB_ARGS(DB_TEXT(session_hash(&r->arena, r->session_cookie)))) != DB_OK)
		return -1;
	char *tok = random_token(&r->arena);
	bool pending = r->login_pending;
	r->login_pending = false;
	if (db_exec(r->db,
	            "INSERT INTO sessions (id_hash, person_id, created_at, seen_at, user_agent,"
	            " pending) VALUES (?, ?, ?, ?, ?, ?)",
	            DB_ARGS(DB_TEXT(session_hash(&r->arena, tok)), DB_INT(person_id), DB_INT(now),
	                    DB_INT(now), DB_TEXT(auth_coarse_agent(req_header(r, "User-Agent"))),
	                    DB_INT(pending ? 1 : 0))) != DB_OK)
		return -1;
	/* old sessions of anyone expire here, so the table does not grow forever */
	db_exec(r->db, "DELETE FROM sessions WHERE seen_at < ? OR created_at < ?",
	        DB_ARGS(DB_INT(now - auth_session_idle), DB_INT(now - auth_session_max)));
	resp_header(r, "Set-Cookie",
	            arena_printf(&r->arena, AUTH_SESSION_COOKIE "=%s%s", tok, cookie_attrs(r)));
	r->session_cookie = tok;
	r->person_id = pending ? 0 : person_id;
	r->pending_person_id = pending ? person_id : 0;
	r->csrf = NULL;
	return 0;
}

const char *auth_coarse_agent(const char *ua)
{
	if (ua == NULL)
		return "";
	/* the order matters: Edge and Opera also say Chrome, Chrome also says Safari */
	static const struct {
		const char *needle, *name;
	} browsers[] = {{"Edg/", "Edge"},          {"OPR/", "Opera"},     {"Firefox/", "Firefox"},
	                {"Chromium/", "Chromium"}, {"Chrome/", "Chrome"}, {"Safari/", "Safari"}},
	  systems[] = {{"Android", "Android"}, {"iPhone", "iPhone"},  {"iPad", "iPad"},
	               {"Windows", "Windows"}, {"Mac OS X", "macOS"}, {"CrOS", "ChromeOS"},
	               {"Linux", "Linux"}};
	const char *b = NULL, *o = NULL;
	for (size_t i = 0; b == NULL && i < sizeof(browsers) / sizeof(browsers[0]); i++)
		if (strstr(ua, browsers[i].needle))
			b = browsers[i].name;
	for (size_t i = 0; o == NULL && i < sizeof(systems) / sizeof(systems[0]); i++)
		if (strstr(ua, systems[i].needle))
			o = systems[i].name;
	if (b && o) {
		static __thread char both[40];
		snprintf(both, sizeof(both), "%s, %s", b, o);
		return both;
	}
	return b ? b : o ? o : "";
}

int auth_session_destroy(struct req *r)
{
	int rc = 0;
	if (r->session_cookie != NULL &&
	    db_exec(r->db, "DELETE FROM sessions WHERE id_hash = ?",
	            DB_ARGS(DB_TEXT(session_hash(&r->arena, r->session_cookie)))) != DB_OK)
		rc = -1;
	resp_header(r, "Set-Cookie",
	            arena_printf(&r->arena, AUTH_SESSION_COOKIE "=%s; Max-Age=0", cookie_attrs(r)));
	r->session_cookie = NULL;
	r->person_id = 0;
	r->csrf = NULL;
	return rc;
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

void auth_csrf_prepare(struct req *r)
{
	const char *bound = r->session_cookie;
	if (bound == NULL) {
		if (r->anon_cookie == NULL) {
			r->anon_cookie = random_token(&r->arena);
			r->new_anon_cookie = true;
		}
		bound = r->anon_cookie;
	}
	r->csrf = csrf_for(&r->arena, bound);
}

void auth_csrf_finish(struct req *r)
{
	if (!r->new_anon_cookie || r->session_cookie != NULL)
		return;
	r->new_anon_cookie = false;
	/* only a page that hands out the token needs the cookie it is bound to */
	const char *tok = csrf_for(&r->arena, r->anon_cookie);
	if (r->resp.data == NULL || memmem(r->resp.data, r->resp.len, tok, strlen(tok)) == NULL)
		return;
	resp_header(
	    r, "Set-Cookie",
	    arena_printf(&r->arena, AUTH_ANON_COOKIE "=%s%s", r->anon_cookie, cookie_attrs(r)));
}

bool auth_csrf_valid(struct req *r, const char *token)
{
	const char *bound = r->session_cookie ? r->session_cookie : r->anon_cookie;
	if (bound == NULL || token == NULL || r->new_anon_cookie)
		return false;
	const char *want = csrf_for(&r->arena, bound);
	size_t n = strlen(want);
	return strlen(token) == n && sodium_memcmp(want, token, n) == 0;
}
