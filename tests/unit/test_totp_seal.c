/*
 * test_totp_seal.c - two-step login secrets sealed at rest (auth/totp.h):
 * a sealed value opens with its key and in its own row only, a changed
 * value or another key fails closed (the login with a code is refused,
 * not a 500), plain secrets from before are read and then sealed by an
 * idempotent pass.
 */
#include "auth/totp.h"
#include "util/clock.h"
#include "testutil.h"

static const char *const HEX = "3132333435363738393031323334353637383930";
static const unsigned char KEY_A[32] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
static const unsigned char KEY_B[32] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 11};

static struct tdb *t;

static int setup(void **state)
{
	(void)state;
	t = tdb_open_migrated(); /* auth_init: the database's server key */
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tdb_close(t);
	return 0;
}

static void round_trip(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	totp_seal_key(KEY_A);
	char *box = totp_seal(&a, 7, HEX);
	assert_non_null(box);
	assert_memory_equal(box, "s1:", 3);
	assert_int_equal(strlen(box), 3 + 80); /* nonce 24, tag 16, secret 20: base64url */
	assert_null(strstr(box, HEX));
	assert_string_equal(totp_unseal(&a, 7, box), HEX);
	char *again = totp_seal(&a, 7, HEX);
	assert_string_not_equal(box, again); /* a new nonce each time */
	assert_string_equal(totp_unseal(&a, 7, again), HEX);
	/* plain hex from before sealing reads as it is; "" stays "" */
	assert_string_equal(totp_unseal(&a, 7, HEX), HEX);
	assert_string_equal(totp_unseal(&a, 7, ""), "");
	assert_null(totp_seal(&a, 7, "not hex"));
	arena_free(&a);
}

static void wrong_key_row_or_value_fails(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	totp_seal_key(KEY_A);
	char *box = totp_seal(&a, 7, HEX);
	assert_null(totp_unseal(&a, 8, box)); /* another person's row */
	totp_seal_key(KEY_B);
	assert_null(totp_unseal(&a, 7, box)); /* another server's key */
	totp_seal_key(KEY_A);
	assert_string_equal(totp_unseal(&a, 7, box), HEX);
	for (size_t i = 3; i < strlen(box); i += 8) { /* any character changed */
		char *bad = arena_strdup(&a, box);
		bad[i] = bad[i] == 'A' ? 'B' : 'A';
		assert_null(totp_unseal(&a, 7, bad));
	}
	char *last = arena_strdup(&a, box); /* the last character too */
	last[strlen(last) - 1] = last[strlen(last) - 1] == 'A' ? 'B' : 'A';
	assert_null(totp_unseal(&a, 7, last));
	assert_null(totp_unseal(&a, 7, arena_strndup(&a, box, strlen(box) - 1)));
	assert_null(totp_unseal(&a, 7, arena_printf(&a, "%sAA", box)));
	assert_null(totp_unseal(&a, 7, "s1:"));
	assert_null(totp_unseal(&a, 7, "s1:!!!!"));
	assert_null(totp_unseal(&a, 7, "3132")); /* neither sealed nor a whole secret */
	assert_null(totp_unseal(&a, 7, NULL));
	arena_free(&a);
}

static void seal_all_is_idempotent(void **state)
{
	(void)state;
	long long p1 = t_person(t->db, "een@a.nl", "Een"),
	          p2 = t_person(t->db, "twee@a.nl", "Twee"),
	          p3 = t_person(t->db, "drie@a.nl", "Drie");
	(void)p3; /* no secret: stays "" */
	assert_int_equal(db_exec(t->db, "UPDATE persons SET totp_secret = ? WHERE id = ?",
	                         DB_ARGS(DB_TEXT(HEX), DB_INT(p1))),
	                 DB_OK);
	assert_int_equal(
	    db_exec(t->db, "UPDATE persons SET totp_secret = ? WHERE id = ?",
	            DB_ARGS(DB_TEXT("0123456789abcdef0123456789abcdef01234567"), DB_INT(p2))),
	    DB_OK);
	assert_int_equal(totp_seal_all(t->db), 2);
	assert_int_equal(totp_seal_all(t->db), 0);
	assert_int_equal(
	    tdb_int(t->db, "SELECT COUNT(*) FROM persons WHERE totp_secret LIKE 's1:%'"), 2);
	assert_int_equal(tdb_int(t->db, "SELECT COUNT(*) FROM persons WHERE totp_secret = ''"), 1);
	struct arena a;
	arena_init(&a);
	struct db_stmt *st;
	assert_int_equal(db_query(t->db, &st, "SELECT totp_secret FROM persons WHERE id = ?",
	                          DB_ARGS(DB_INT(p1))),
	                 DB_OK);
	assert_int_equal(db_step(st), DB_ROW);
	const char *stored = db_col_text(st, 0, &a);
	db_finish(st);
	assert_string_equal(totp_unseal(&a, p1, stored), HEX);
	arena_free(&a);
}

/* A person waiting for their code, with two-step login on and secret stored. */
static void waiting_person(long long *person, char cookie[44], const char *stored)
{
	*person = t_person(t->db, "code@a.nl", "Code");
	assert_int_equal(db_exec(t->db,
	                         "UPDATE persons SET totp_secret = ?, totp_on = 1 WHERE id = ?",
	                         DB_ARGS(DB_TEXT(stored), DB_INT(*person))),
	                 DB_OK);
	t_session(t->db, *person, cookie);
	assert_int_equal(db_exec(t->db, "UPDATE sessions SET pending = 1", DB_NOARGS), DB_OK);
}

/* POST /login/code with code; the response is left in r. */
static void send_code(struct req *r, const char *cookie, const char *code)
{
	char head[128], csrf[128], body[256];
	snprintf(head, sizeof(head), "kring_session=%s", cookie);
	t_request(r, t->db, "GET", "/login/code", NULL, head);
	assert_int_equal(r->status, 200);
	assert_true(t_csrf(t_body(r), csrf, sizeof(csrf)));
	t_done(r);
	snprintf(body, sizeof(body), "code=%s&csrf=%s", code, csrf);
	t_request(r, t->db, "POST", "/login/code", body, head);
}

static void login_with_code_opens_the_seal(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	long long person;
	char cookie[44], code[TOTP_DIGITS + 1];
	/* the seal of the database's own key (auth_init) */
	waiting_person(&person, cookie, "");
	char *box = totp_seal(&a, person, HEX);
	assert_int_equal(db_exec(t->db, "UPDATE persons SET totp_secret = ? WHERE id = ?",
	                         DB_ARGS(DB_TEXT(box), DB_INT(person))),
	                 DB_OK);
	assert_int_equal(totp_code(HEX, clock_now(), code), 0);
	struct req r;
	send_code(&r, cookie, code);
	assert_int_equal(r.status, 303); /* in */
	assert_non_null(t_header(&r, "Set-Cookie"));
	t_done(&r);
	arena_free(&a);
}

static void changed_seal_fails_closed(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	long long person;
	char cookie[44], code[TOTP_DIGITS + 1];
	waiting_person(&person, cookie, "");
	char *box = totp_seal(&a, person, HEX);
	box[20] = box[20] == 'A' ? 'B' : 'A';
	assert_int_equal(db_exec(t->db, "UPDATE persons SET totp_secret = ? WHERE id = ?",
	                         DB_ARGS(DB_TEXT(box), DB_INT(person))),
	                 DB_OK);
	assert_int_equal(totp_code(HEX, clock_now(), code), 0);
	struct req r;
	send_code(&r, cookie, code);
	assert_int_equal(r.status, 401); /* the right code, refused: not a 500 */
	assert_non_null(strstr(t_body(&r), "<form"));
	assert_null(t_header(&r, "Set-Cookie"));
	t_done(&r);
	/* the same with another server's key */
	box = totp_seal(&a, person, HEX);
	assert_int_equal(db_exec(t->db, "UPDATE persons SET totp_secret = ? WHERE id = ?",
	                         DB_ARGS(DB_TEXT(box), DB_INT(person))),
	                 DB_OK);
	totp_seal_key(KEY_B);
	assert_int_equal(totp_code(HEX, clock_now() + TOTP_STEP, code), 0);
	send_code(&r, cookie, code);
	assert_int_equal(r.status, 401);
	t_done(&r);
	assert_int_equal(auth_init(t->db), 0); /* the database's key again */
	send_code(&r, cookie, code);
	assert_int_equal(r.status, 303);
	t_done(&r);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(round_trip),
	    cmocka_unit_test(wrong_key_row_or_value_fails),
	    cmocka_unit_test_setup_teardown(seal_all_is_idempotent, setup, teardown),
	    cmocka_unit_test_setup_teardown(login_with_code_opens_the_seal, setup, teardown),
	    cmocka_unit_test_setup_teardown(changed_seal_fails_closed, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
