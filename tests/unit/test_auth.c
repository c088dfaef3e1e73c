/*
 * test_auth.c - passwords, the login flow with CSRF tokens, sessions,
 * throttling and e-mail normalisation (auth/, pages/login.c),
 * on a migrated temporary database.
 */
#include "auth/password.h"
#include "auth/session.h"
#include "auth/throttle.h"
#include "testutil.h"

#define EMAIL    "sascha@desleutel.nl"
#define PASSWORD "correct horse battery"

struct fx {
	struct tdb *t;
	long long org;
	long long person;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (f == NULL)
		return -1;
	f->t = tdb_open_migrated();
	*state = f;
	return 0;
}

/* A person with a real password who is beheerder of "de-sleutel". */
static int setup_person(void **state)
{
	if (setup(state) != 0)
		return -1;
	struct fx *f = *state;
	char hash[crypto_pwhash_STRBYTES];
	if (auth_password_hash(PASSWORD, hash) != 0)
		return -1;
	f->org = t_org(f->t->db, "de-sleutel", "Bibliotheek De Sleutel");
	assert_int_equal(person_create(f->t->db, EMAIL, "Sascha de Vries", hash, &f->person), 0);
	assert_int_equal(member_set_role(f->t->db, f->org, 0, f->person, ROLE_BEHEERDER), SAVE_OK);
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	tdb_close(f->t);
	free(f);
	return 0;
}

/* ---- passwords ---- */

static void test_password_hash_verify(void **state)
{
	(void)state;
	char hash[crypto_pwhash_STRBYTES];
	char hash2[crypto_pwhash_STRBYTES];
	assert_int_equal(auth_password_hash("geheim-wachtwoord", hash), 0);
	assert_true(strncmp(hash, "$argon2id$", 10) == 0);
	assert_true(auth_password_verify(hash, "geheim-wachtwoord"));
	assert_false(auth_password_verify(hash, "geheim-wachtwoorD"));
	assert_false(auth_password_verify(hash, "geheim-wachtwoord "));
	assert_false(auth_password_verify(hash, ""));
	/* the same password hashes differently (random salt), both verify */
	assert_int_equal(auth_password_hash("geheim-wachtwoord", hash2), 0);
	assert_string_not_equal(hash, hash2);
	assert_true(auth_password_verify(hash2, "geheim-wachtwoord"));
	/* non-ASCII passwords */
	assert_int_equal(auth_password_hash("wachtwoord-Ærø-東京-🙂", hash), 0);
	assert_true(auth_password_verify(hash, "wachtwoord-Ærø-東京-🙂"));
	assert_false(auth_password_verify(hash, "wachtwoord-Aero-東京-🙂"));
}

static void test_password_verify_without_hash(void **state)
{
	(void)state;
	assert_false(auth_password_verify(NULL, "anything"));
	assert_false(auth_password_verify("", "anything"));
	assert_false(auth_password_verify(NULL, ""));
	/* a garbage hash is a "no", not a crash */
	assert_false(auth_password_verify("$argon2id$garbage", "anything"));
}

/* ---- auth_init ---- */

static void test_init_keeps_server_key(void **state)
{
	struct fx *f = *state;
	struct arena a;
	struct db_stmt *st;
	arena_init(&a);
	assert_int_equal(db_query(f->t->db, &st,
	                          "SELECT value FROM settings WHERE key = 'server_key'", DB_NOARGS),
	                 DB_OK);
	assert_int_equal(db_step(st), DB_ROW);
	const char *k1 = db_col_text(st, 0, &a);
	db_finish(st);
	assert_int_equal(strlen(k1), 2 * crypto_auth_KEYBYTES);
	assert_int_equal(auth_init(f->t->db), 0);
	assert_int_equal(db_query(f->t->db, &st,
	                          "SELECT value FROM settings WHERE key = 'server_key'", DB_NOARGS),
	                 DB_OK);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_col_text(st, 0, &a), k1);
	db_finish(st);
	arena_free(&a);
}

/* ---- the login flow through the router ---- */

struct anon {
	char cookie[128]; /* "kring_anon=..." */
	char csrf[128];
};

/* GET /login: the form's csrf value and the anonymous cookie that binds it. */
static void get_login_form(struct db *db, struct anon *out)
{
	struct req r;
	char v[100];
	t_request(&r, db, "GET", "/login", NULL, NULL);
	assert_int_equal(r.status, 200);
	assert_true(t_set_cookie(&r, AUTH_ANON_COOKIE, v, sizeof(v)));
	assert_int_equal(strlen(v), 43);
	snprintf(out->cookie, sizeof(out->cookie), AUTH_ANON_COOKIE "=%s", v);
	assert_true(t_csrf(t_body(&r), out->csrf, sizeof(out->csrf)));
	/* the anonymous cookie is HttpOnly and SameSite */
	const char *sc = NULL;
	for (int i = 0; i < r.n_headers; i++)
		if (strcmp(r.headers[i].name, "Set-Cookie") == 0)
			sc = r.headers[i].value;
	assert_non_null(sc);
	assert_non_null(strstr(sc, "HttpOnly"));
	assert_non_null(strstr(sc, "SameSite=Lax"));
	t_done(&r);
}

static unsigned post_login(struct db *db, const struct anon *an, const char *csrf,
                           const char *email, const char *password, const char *next,
                           char *session_out, char *location_out)
{
	struct req r;
	struct arena a;
	arena_init(&a);
	char *body = arena_printf(&a, "csrf=%s&email=%s&password=%s", url_encode(&a, csrf),
	                          url_encode(&a, email), url_encode(&a, password));
	if (next)
		body = arena_printf(&a, "%s&next=%s", body, url_encode(&a, next));
	t_request(&r, db, "POST", "/login", body, an ? an->cookie : NULL);
	unsigned status = r.status;
	if (session_out) {
		session_out[0] = '\0';
		t_set_cookie(&r, AUTH_SESSION_COOKIE, session_out, 100);
	}
	if (location_out) {
		const char *loc = t_header(&r, "Location");
		snprintf(location_out, 200, "%s", loc ? loc : "");
	}
	t_done(&r);
	arena_free(&a);
	return status;
}

static void test_csrf_token_shape(void **state)
{
	struct fx *f = *state;
	struct anon an;
	get_login_form(f->t->db, &an);
	/* base64url of a 32-byte MAC, no padding */
	assert_int_equal(strlen(an.csrf), 43);
	assert_int_equal(strspn(an.csrf, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	                                 "0123456789-_"),
	                 43);
	/* a second visitor gets another cookie and another token */
	struct anon an2;
	get_login_form(f->t->db, &an2);
	assert_string_not_equal(an.cookie, an2.cookie);
	assert_string_not_equal(an.csrf, an2.csrf);
	/* the same cookie gets the same token again, and no new cookie */
	struct req r;
	char tok[128], v[100];
	t_request(&r, f->t->db, "GET", "/login", NULL, an.cookie);
	assert_int_equal(r.status, 200);
	assert_false(t_set_cookie(&r, AUTH_ANON_COOKIE, v, sizeof(v)));
	assert_true(t_csrf(t_body(&r), tok, sizeof(tok)));
	assert_string_equal(tok, an.csrf);
	t_done(&r);
}

static void test_login_wrong_csrf_is_403(void **state)
{
	struct fx *f = *state;
	struct anon an, other;
	char session[100];
	get_login_form(f->t->db, &an);
	get_login_form(f->t->db, &other);
	/* a made-up token */
	assert_int_equal(post_login(f->t->db, &an, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
	                            EMAIL, PASSWORD, NULL, session, NULL),
	                 403);
	assert_string_equal(session, "");
	/* another visitor's token with this cookie */
	assert_int_equal(
	    post_login(f->t->db, &an, other.csrf, EMAIL, PASSWORD, NULL, session, NULL), 403);
	assert_string_equal(session, "");
	/* the right token without the cookie it is bound to */
	assert_int_equal(post_login(f->t->db, NULL, an.csrf, EMAIL, PASSWORD, NULL, session, NULL),
	                 403);
	/* an empty token */
	assert_int_equal(post_login(f->t->db, &an, "", EMAIL, PASSWORD, NULL, session, NULL), 403);
	/* a truncated token */
	char cut[64];
	snprintf(cut, sizeof(cut), "%.42s", an.csrf);
	assert_int_equal(post_login(f->t->db, &an, cut, EMAIL, PASSWORD, NULL, session, NULL), 403);
	/* no session was made, no failure recorded (CSRF is checked first) */
	assert_int_equal(tdb_int(f->t->db, "SELECT COUNT(*) FROM sessions"), 0);
	assert_int_equal(tdb_int(f->t->db, "SELECT COUNT(*) FROM login_failures"), 0);
}

static void test_login_success(void **state)
{
	struct fx *f = *state;
	struct anon an;
	char session[100], loc[200];
	get_login_form(f->t->db, &an);
	/* upper case and blanks in the address are forgiven */
	assert_int_equal(post_login(f->t->db, &an, an.csrf, "  Sascha@DeSleutel.NL ", PASSWORD,
	                            NULL, session, loc),
	                 303);
	assert_int_equal(strlen(session), 43);
	assert_string_equal(loc, "/");
	assert_int_equal(tdb_int(f->t->db, "SELECT COUNT(*) FROM sessions"), 1);

	/* the session cookie works: "/" sends the only organisation's home */
	struct req r;
	char cookie[160];
	snprintf(cookie, sizeof(cookie), AUTH_SESSION_COOKIE "=%s", session);
	t_request(&r, f->t->db, "GET", "/", NULL, cookie);
	assert_int_equal(r.status, 303);
	assert_string_equal(t_header(&r, "Location"), "/o/de-sleutel/");
	t_done(&r);
	t_request(&r, f->t->db, "GET", "/o/de-sleutel/", NULL, cookie);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(t_body(&r), "Sascha de Vries"));
	char csrf[128];
	assert_true(t_csrf(t_body(&r), csrf, sizeof(csrf)));
	assert_string_not_equal(csrf, an.csrf); /* now bound to the session */
	t_done(&r);

	/* log out with the session's token; the cookie stops working */
	char *body = NULL;
	struct arena a;
	arena_init(&a);
	body = arena_printf(&a, "csrf=%s", csrf);
	t_request(&r, f->t->db, "POST", "/logout", body, cookie);
	assert_int_equal(r.status, 303);
	t_done(&r);
	arena_free(&a);
	assert_int_equal(tdb_int(f->t->db, "SELECT COUNT(*) FROM sessions"), 0);
	t_request(&r, f->t->db, "GET", "/o/de-sleutel/", NULL, cookie);
	assert_int_equal(r.status, 303);
	assert_string_equal(t_header(&r, "Location"), "/login?next=%2Fo%2Fde-sleutel%2F");
	t_done(&r);
}

static void test_login_follows_local_next_only(void **state)
{
	struct fx *f = *state;
	struct anon an;
	char session[100], loc[200];
	get_login_form(f->t->db, &an);
	assert_int_equal(post_login(f->t->db, &an, an.csrf, EMAIL, PASSWORD, "/o/de-sleutel/people",
	                            session, loc),
	                 303);
	assert_string_equal(loc, "/o/de-sleutel/people");
	static const char *const evil[] = {"//evil.example/", "https://evil.example/",
	                                   "/\\evil.example/", "evil.example",
	                                   "/\r\nSet-Cookie: x=y"};
	for (size_t i = 0; i < sizeof(evil) / sizeof(evil[0]); i++) {
		assert_int_equal(
		    post_login(f->t->db, &an, an.csrf, EMAIL, PASSWORD, evil[i], session, loc),
		    303);
		if (strcmp(loc, "/") != 0)
			fail_msg("next=\"%s\" redirected to \"%s\"", evil[i], loc);
	}
}

/*
 * Browsers remove every TAB, CR and LF from a URL before parsing it (WHATWG
 * URL standard), so "/\t/evil.example" in a Location header is followed as
 * "//evil.example": an open redirect after login.
 */
static void test_login_next_with_tab_is_not_an_open_redirect(void **state)
{
	struct fx *f = *state;
	struct anon an;
	char session[100], loc[200];
	get_login_form(f->t->db, &an);
	assert_int_equal(
	    post_login(f->t->db, &an, an.csrf, EMAIL, PASSWORD, "/\t/evil.example/", session, loc),
	    303);
	/* what a browser makes of the Location */
	char seen[200];
	size_t k = 0;
	for (const char *p = loc; *p && k + 1 < sizeof(seen); p++)
		if (*p != '\t' && *p != '\r' && *p != '\n')
			seen[k++] = *p;
	seen[k] = '\0';
	if (seen[0] != '/' || seen[1] == '/' || seen[1] == '\\')
		fail_msg(
		    "next=\"/\\t/evil.example/\" gave Location \"%s\", which a browser follows "
		    "off-site",
		    loc);
}

static void test_login_wrong_password(void **state)
{
	struct fx *f = *state;
	struct anon an;
	char session[100];
	get_login_form(f->t->db, &an);
	assert_int_equal(
	    post_login(f->t->db, &an, an.csrf, EMAIL, "wrong password", NULL, session, NULL), 401);
	assert_string_equal(session, "");
	/* an unknown address looks the same */
	assert_int_equal(
	    post_login(f->t->db, &an, an.csrf, "nobody@example.nl", PASSWORD, NULL, session, NULL),
	    401);
	assert_string_equal(session, "");
	assert_int_equal(tdb_int(f->t->db, "SELECT COUNT(*) FROM sessions"), 0);
	/* each failure is recorded for the address and for the ip */
	assert_int_equal(tdb_int(f->t->db, "SELECT COUNT(*) FROM login_failures"), 4);
	/* an invalid form is 422 and not a failure */
	assert_int_equal(
	    post_login(f->t->db, &an, an.csrf, "not-an-address", PASSWORD, NULL, session, NULL),
	    422);
	assert_int_equal(tdb_int(f->t->db, "SELECT COUNT(*) FROM login_failures"), 4);
}

static void test_login_locked_person(void **state)
{
	struct fx *f = *state;
	struct anon an;
	char session[100];
	assert_int_equal(db_exec(f->t->db, "UPDATE persons SET locked = 1 WHERE id = ?",
	                         DB_ARGS(DB_INT(f->person))),
	                 DB_OK);
	get_login_form(f->t->db, &an);
	assert_int_equal(post_login(f->t->db, &an, an.csrf, EMAIL, PASSWORD, NULL, session, NULL),
	                 401);
	assert_string_equal(session, "");
}

static void test_login_throttled_after_five(void **state)
{
	struct fx *f = *state;
	struct anon an;
	char session[100];
	get_login_form(f->t->db, &an);
	for (int i = 0; i < AUTH_MAX_FAILURES; i++)
		assert_int_equal(
		    post_login(f->t->db, &an, an.csrf, EMAIL, "wrong", NULL, session, NULL), 401);
	/* now even the right password is refused for a while */
	assert_int_equal(post_login(f->t->db, &an, an.csrf, EMAIL, PASSWORD, NULL, session, NULL),
	                 429);
	assert_string_equal(session, "");
}

static void test_session_expires_when_idle(void **state)
{
	struct fx *f = *state;
	char cookie[160], tok[44];
	struct req r;
	t_session(f->t->db, f->person, tok);
	snprintf(cookie, sizeof(cookie), AUTH_SESSION_COOKIE "=%s", tok);
	t_request(&r, f->t->db, "GET", "/o/de-sleutel/", NULL, cookie);
	assert_int_equal(r.status, 200);
	t_done(&r);
	/* idle for longer than auth_session_idle */
	assert_int_equal(db_exec(f->t->db, "UPDATE sessions SET seen_at = seen_at - ?",
	                         DB_ARGS(DB_INT(auth_session_idle + 10))),
	                 DB_OK);
	t_request(&r, f->t->db, "GET", "/o/de-sleutel/", NULL, cookie);
	assert_int_equal(r.status, 303);
	t_done(&r);
	assert_int_equal(tdb_int(f->t->db, "SELECT COUNT(*) FROM sessions"), 0);
}

static void test_session_dropped_when_locked(void **state)
{
	struct fx *f = *state;
	char cookie[160], tok[44];
	struct req r;
	t_session(f->t->db, f->person, tok);
	snprintf(cookie, sizeof(cookie), AUTH_SESSION_COOKIE "=%s", tok);
	assert_int_equal(db_exec(f->t->db, "UPDATE persons SET locked = 1", DB_NOARGS), DB_OK);
	t_request(&r, f->t->db, "GET", "/o/de-sleutel/", NULL, cookie);
	assert_int_equal(r.status, 303);
	t_done(&r);
	assert_int_equal(tdb_int(f->t->db, "SELECT COUNT(*) FROM sessions"), 0);
}

static void test_session_cookie_must_look_right(void **state)
{
	struct fx *f = *state;
	char tok[44];
	struct req r;
	t_session(f->t->db, f->person, tok);
	/* one character off, or a different length: logged out */
	char cookie[200];
	tok[0] = tok[0] == 'A' ? 'B' : 'A';
	snprintf(cookie, sizeof(cookie), AUTH_SESSION_COOKIE "=%s", tok);
	t_request(&r, f->t->db, "GET", "/o/de-sleutel/", NULL, cookie);
	assert_int_equal(r.status, 303);
	t_done(&r);
	snprintf(cookie, sizeof(cookie), AUTH_SESSION_COOKIE "=%s'--", tok);
	t_request(&r, f->t->db, "GET", "/o/de-sleutel/", NULL, cookie);
	assert_int_equal(r.status, 303);
	t_done(&r);
	/* the session row survives foreign cookies */
	assert_int_equal(tdb_int(f->t->db, "SELECT COUNT(*) FROM sessions"), 1);
}

/* ---- response headers ---- */

static void add_too_many_headers(void *arg)
{
	(void)arg;
	struct req r;
	memset(&r, 0, sizeof(r));
	arena_init(&r.arena);
	for (int i = 0; i <= REQ_MAX_HEADERS; i++)
		resp_header(&r, "X-Test", "1");
}

static void test_resp_header_refuses_loudly(void **state)
{
	(void)state;
	struct req r;
	memset(&r, 0, sizeof(r));
	arena_init(&r.arena);
	for (int i = 0; i < REQ_MAX_HEADERS; i++)
		assert_true(resp_header(&r, "X-Test", "1"));
	assert_int_equal(r.n_headers, REQ_MAX_HEADERS);
	arena_free(&r.arena);
	/* one more (a session cookie, a Location) is never dropped in silence */
	int status = t_run_child(add_too_many_headers, NULL);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGABRT);
}

/* ---- throttling ---- */

static void test_throttle(void **state)
{
	struct fx *f = *state;
	struct db *db = f->t->db;
	time_t now = 1800000000;
	const char *e1 = "a@x.nl", *e2 = "b@x.nl", *ip1 = "10.0.0.1", *ip2 = "10.0.0.2";
	assert_false(auth_throttled(db, e1, ip1, now));
	for (int i = 0; i < AUTH_MAX_FAILURES - 1; i++)
		auth_record_failure(db, e1, ip1, now + i);
	assert_false(auth_throttled(db, e1, ip1, now + 10)); /* 4 of 5 */
	auth_record_failure(db, e1, ip1, now + 4);
	assert_true(auth_throttled(db, e1, ip1, now + 10));
	/* the pair is throttled; the address is not locked for other accounts
	 * (many people share one address behind a proxy), and 5 failures from
	 * one address do not lock the account everywhere */
	assert_false(auth_throttled(db, e2, ip1, now + 10));
	assert_false(auth_throttled(db, e1, ip2, now + 10));
	assert_false(auth_throttled(db, e2, ip2, now + 10));
	/* 16 minutes later the window has passed */
	assert_false(auth_throttled(db, e1, ip1, now + 4 + 16 * 60));
	/* still inside the window at 14 minutes */
	assert_true(auth_throttled(db, e1, ip1, now + 14 * 60));
}

static void test_throttle_per_account_from_many_addresses(void **state)
{
	struct fx *f = *state;
	struct db *db = f->t->db;
	time_t now = 1800000000;
	char ip[32];
	/* a guess from each of many addresses: the account still closes */
	for (int i = 0; i < AUTH_MAX_ACCOUNT_FAILURES - 1; i++) {
		snprintf(ip, sizeof(ip), "10.1.0.%d", i + 1);
		auth_record_failure(db, "a@x.nl", ip, now);
	}
	assert_false(auth_throttled(db, "a@x.nl", "10.2.0.1", now));
	auth_record_failure(db, "a@x.nl", "10.1.1.1", now);
	assert_true(auth_throttled(db, "a@x.nl", "10.2.0.1", now));
	/* other accounts from those addresses are not touched */
	assert_false(auth_throttled(db, "b@x.nl", "10.1.0.1", now));
}

static void test_attempt_begin_counts_the_pair_and_the_account(void **state)
{
	struct fx *f = *state;
	struct db *db = f->t->db;
	time_t now = 1800000000;
	long long ids[2];
	for (int i = 0; i < AUTH_MAX_FAILURES; i++)
		assert_int_equal(auth_attempt_begin(db, "a@x.nl", "10.0.0.1", now, ids), 0);
	assert_int_equal(auth_attempt_begin(db, "a@x.nl", "10.0.0.1", now, ids), 1);
	/* the same address for another account, and the account from elsewhere */
	assert_int_equal(auth_attempt_begin(db, "b@x.nl", "10.0.0.1", now, ids), 0);
	assert_int_equal(auth_attempt_begin(db, "a@x.nl", "10.0.0.2", now, ids), 0);
	/* a good login removes its own rows and the account's failures */
	auth_attempt_succeeded(db, "a@x.nl", ids);
	assert_int_equal(auth_attempt_begin(db, "a@x.nl", "10.0.0.1", now, ids), 0);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM login_failures"), 4);
}

static void test_throttle_window_is_sliding(void **state)
{
	struct fx *f = *state;
	struct db *db = f->t->db;
	time_t now = 1800000000;
	/* 3 failures long ago, 2 recent: not 5 within the window */
	for (int i = 0; i < 3; i++)
		auth_record_failure(db, "c@x.nl", "10.0.0.3", now);
	for (int i = 0; i < 2; i++)
		auth_record_failure(db, "c@x.nl", "10.0.0.3", now + 14 * 60);
	assert_true(auth_throttled(db, "c@x.nl", "10.0.0.3", now + 14 * 60));
	assert_false(auth_throttled(db, "c@x.nl", "10.0.0.3", now + 16 * 60));
	/* old rows are cleaned up when new failures come in */
	auth_record_failure(db, "d@x.nl", "10.0.0.4", now + 40 * 60);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM login_failures"), 2);
}

static void test_clear_failures(void **state)
{
	struct fx *f = *state;
	struct db *db = f->t->db;
	time_t now = 1800000000;
	for (int i = 0; i < AUTH_MAX_FAILURES; i++) {
		auth_record_failure(db, "a@x.nl", "10.0.0.1", now);
		auth_record_failure(db, "z@x.nl", "10.0.0.1", now);
	}
	assert_true(auth_throttled(db, "a@x.nl", "10.0.0.1", now));
	auth_clear_failures(db, "a@x.nl");
	assert_false(auth_throttled(db, "a@x.nl", "10.0.0.1", now));
	/* another account's failures stay */
	assert_true(auth_throttled(db, "z@x.nl", "10.0.0.1", now));
}

static void test_normalize_email(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	assert_string_equal(auth_normalize_email(&a, "  Jan.Jansen@Bieb.NL \t"),
	                    "jan.jansen@bieb.nl");
	assert_string_equal(auth_normalize_email(&a, "\tX@Y"), "x@y");
	assert_string_equal(auth_normalize_email(&a, "plain@x.nl"), "plain@x.nl");
	assert_string_equal(auth_normalize_email(&a, ""), "");
	assert_string_equal(auth_normalize_email(&a, "   "), "");
	assert_string_equal(auth_normalize_email(&a, NULL), "");
	/* inner blanks stay; non-ASCII bytes are kept as they are */
	assert_string_equal(auth_normalize_email(&a, "A B@C"), "a b@c");
	assert_string_equal(auth_normalize_email(&a, "ÆRØ@Bieb.nl"), "ÆrØ@bieb.nl");
	/* the input is not modified */
	char in[] = "UP@X";
	auth_normalize_email(&a, in);
	assert_string_equal(in, "UP@X");
	arena_free(&a);
}

int main(void)
{
#define T_(fn)  cmocka_unit_test_setup_teardown(fn, setup, teardown)
#define TP_(fn) cmocka_unit_test_setup_teardown(fn, setup_person, teardown)
	const struct CMUnitTest tests[] = {
	    T_(test_password_hash_verify),
	    T_(test_password_verify_without_hash),
	    T_(test_init_keeps_server_key),
	    TP_(test_csrf_token_shape),
	    TP_(test_login_wrong_csrf_is_403),
	    TP_(test_login_success),
	    TP_(test_login_follows_local_next_only),
	    TP_(test_login_next_with_tab_is_not_an_open_redirect),
	    TP_(test_login_wrong_password),
	    TP_(test_login_locked_person),
	    TP_(test_login_throttled_after_five),
	    TP_(test_session_expires_when_idle),
	    TP_(test_session_dropped_when_locked),
	    TP_(test_session_cookie_must_look_right),
	    cmocka_unit_test(test_resp_header_refuses_loudly),
	    T_(test_throttle),
	    T_(test_throttle_per_account_from_many_addresses),
	    T_(test_attempt_begin_counts_the_pair_and_the_account),
	    T_(test_throttle_window_is_sliding),
	    T_(test_clear_failures),
	    T_(test_normalize_email),
	};
#undef T_
#undef TP_
	return cmocka_run_group_tests_name("auth", tests, NULL, NULL);
}
