/*
 * test_accounts.c - two-step login codes (RFC 6238 vectors), recovery
 * codes, one-time link tokens, and the core of invitations and reset
 * links on a migrated temporary database: single use, expiry, bound to
 * one organisation, and the same work for a known and an unknown address.
 */
#include <ctype.h>

#include "auth/roles.h"
#include "auth/token.h"
#include "auth/totp.h"
#include "core/account.h"
#include "core/community.h"
#include "core/invite.h"
#include "testutil.h"

/* "12345678901234567890", the RFC 6238 SHA-1 key */
static const char *const RFC_KEY = "3132333435363738393031323334353637383930";

static void totp_rfc_vectors(void **state)
{
	(void)state;
	static const struct {
		long long t;
		const char *code; /* the last six of the RFC's eight digits */
	} v[] = {{59, "287082"},         {1111111109, "081804"}, {1111111111, "050471"},
	         {1234567890, "005924"}, {2000000000, "279037"}, {20000000000, "353130"}};
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		char out[TOTP_DIGITS + 1];
		assert_int_equal(totp_code(RFC_KEY, (time_t)v[i].t, out), 0);
		assert_string_equal(out, v[i].code);
		long long step = 0;
		assert_true(totp_check(RFC_KEY, v[i].code, (time_t)v[i].t, 0, &step));
		assert_int_equal(step, v[i].t / 30);
	}
}

static void totp_window_and_replay(void **state)
{
	(void)state;
	char out[TOTP_DIGITS + 1];
	long long step = 0, t = 1111111109;
	assert_int_equal(totp_code(RFC_KEY, (time_t)(t - 30), out), 0);
	assert_true(totp_check(RFC_KEY, out, (time_t)t, 0, &step)); /* one step behind: fine */
	assert_false(
	    totp_check(RFC_KEY, out, (time_t)t, step, &step)); /* the same step again: no */
	assert_int_equal(totp_code(RFC_KEY, (time_t)(t - 90), out), 0);
	assert_false(totp_check(RFC_KEY, out, (time_t)t, 0, &step)); /* three steps: too old */
	assert_false(totp_check(RFC_KEY, "12345", (time_t)t, 0, &step));
	assert_false(totp_check(RFC_KEY, "12345a", (time_t)t, 0, &step));
	assert_false(totp_check("not-a-secret", "287082", 59, 0, &step));
	struct arena a;
	arena_init(&a);
	assert_string_equal(totp_secret_base32(&a, RFC_KEY), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	assert_non_null(strstr(totp_uri(&a, "kring", "a b@c.nl", RFC_KEY),
	                       "otpauth://totp/kring:a%20b%40c.nl?secret=GEZDGNBV"));
	arena_free(&a);
	char secret[TOTP_SECRET_HEX + 1];
	totp_secret_new(secret);
	assert_int_equal(strlen(secret), TOTP_SECRET_HEX);
	assert_int_equal(totp_code(secret, 1000, out), 0);
	assert_true(totp_check(secret, out, 1000, 0, &step));
}

static void recovery_codes(void **state)
{
	(void)state;
	char c1[RECOVERY_CODE_LEN + 1], c2[RECOVERY_CODE_LEN + 1], h1[65], h2[65];
	recovery_code_new(c1);
	recovery_code_new(c2);
	assert_int_equal(strlen(c1), RECOVERY_CODE_LEN);
	assert_int_equal(c1[5], '-');
	assert_string_not_equal(c1, c2);
	recovery_code_hash(c1, h1);
	char typed[32];
	snprintf(typed, sizeof(typed), " %.5s %s ", c1, c1 + 6); /* blanks, no dash, upper case */
	for (char *p = typed; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	recovery_code_hash(typed, h2);
	assert_string_equal(h1, h2);
}

static void tokens(void **state)
{
	(void)state;
	char t1[TOKEN_LEN + 1], t2[TOKEN_LEN + 1], h1[TOKEN_HASH_LEN + 1], h2[TOKEN_HASH_LEN + 1];
	unsigned long before = token_hashes_done();
	token_new(t1, h1);
	token_new(t2, h2);
	assert_int_equal(token_hashes_done() - before, 2);
	assert_int_equal(strlen(t1), TOKEN_LEN);
	assert_int_equal(strlen(h1), TOKEN_HASH_LEN);
	assert_string_not_equal(t1, t2);
	char again[TOKEN_HASH_LEN + 1];
	token_hash(t1, again);
	assert_string_equal(again, h1);
	assert_null(strstr(h1, t1)); /* only the hash is stored */
}

/* ---- invitations and reset links on a database ---- */

struct fx {
	struct tdb *t;
	struct db *db;
	struct arena a;
	long long org_a, org_b, anna, bram, comm_a, comm_b;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->t = tdb_open_migrated();
	f->db = f->t->db;
	arena_init(&f->a);
	f->org_a = t_org(f->db, "bieb-a", "Bibliotheek A");
	f->org_b = t_org(f->db, "bieb-b", "Bibliotheek B");
	f->anna = t_person(f->db, "anna@a.nl", "Anna");
	f->bram = t_person(f->db, "bram@b.nl", "Bram");
	assert_int_equal(member_set_role(f->db, f->org_a, 0, f->anna, ROLE_BEHEERDER), SAVE_OK);
	assert_int_equal(member_set_role(f->db, f->org_b, 0, f->bram, ROLE_BEHEERDER), SAVE_OK);
	struct community ca = {.name = "Lezen A", .status = "gewenst"};
	struct community cb = {.name = "Lezen B", .status = "gewenst"};
	assert_int_equal(community_create(f->db, f->org_a, 0, &ca, &f->comm_a), SAVE_OK);
	assert_int_equal(community_create(f->db, f->org_b, 0, &cb, &f->comm_b), SAVE_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	arena_free(&f->a);
	tdb_close(f->t);
	free(f);
	return 0;
}

static void invitation_single_use_and_expiry(void **state)
{
	struct fx *f = *state;
	char tok[TOKEN_LEN + 1], hash[TOKEN_HASH_LEN + 1];
	token_new(tok, hash);
	long long id = 0;
	/* another organisation's community is refused; a role without its community too */
	assert_int_equal(invite_create(f->db, f->org_a, f->anna, ROLE_AMBASSADEUR, f->comm_b, "",
	                               "", hash, 1000, 2000, &id),
	                 SAVE_NOT_FOUND);
	assert_int_equal(invite_create(f->db, f->org_a, f->anna, ROLE_AMBASSADEUR, 0, "", "", hash,
	                               1000, 2000, &id),
	                 SAVE_REFUSED);
	assert_int_equal(invite_create(f->db, f->org_a, f->anna, ROLE_AMBASSADEUR, f->comm_a,
	                               "Yara", "", hash, 1000, 2000, &id),
	                 SAVE_OK);
	struct invitation inv;
	assert_int_equal(invite_lookup(f->db, &f->a, hash, 1500, &inv), LINK_OK);
	assert_int_equal(inv.org_id, f->org_a);
	assert_int_equal(inv.community_id, f->comm_a);
	assert_int_equal(invite_lookup(f->db, &f->a, hash, 2000, &inv), LINK_EXPIRED);
	char guess[TOKEN_HASH_LEN + 1];
	token_hash("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", guess);
	assert_int_equal(invite_lookup(f->db, &f->a, guess, 1500, &inv), LINK_UNKNOWN);

	long long before = tdb_int(f->db, "SELECT COUNT(*) FROM persons");
	long long person = 0;
	enum link_state st;
	/* expired: nothing made */
	assert_int_equal(
	    invite_accept(f->db, hash, 2500, 0, "yara@x.nl", "Yara", "h", &person, &st),
	    ACCEPT_LINK);
	assert_int_equal(st, LINK_EXPIRED);
	assert_int_equal(tdb_int(f->db, "SELECT COUNT(*) FROM persons"), before);
	/* an address with an account: nothing made, the link still good */
	assert_int_equal(invite_accept(f->db, hash, 1500, 0, "bram@b.nl", "Y", "h", &person, &st),
	                 ACCEPT_EMAIL_TAKEN);
	assert_int_equal(invite_lookup(f->db, &f->a, hash, 1500, &inv), LINK_OK);
	assert_int_equal(
	    invite_accept(f->db, hash, 1500, 0, "yara@x.nl", "Yara", "h", &person, &st), ACCEPT_OK);
	assert_int_equal(tdb_int(f->db, "SELECT COUNT(*) FROM community_ambassadors"), 1);
	assert_int_equal(
	    tdb_int(f->db, "SELECT COUNT(*) FROM memberships WHERE role = 'ambassadeur'"), 1);
	/* twice: used, nothing more made */
	assert_int_equal(invite_accept(f->db, hash, 1600, 0, "z@x.nl", "Z", "h", &person, &st),
	                 ACCEPT_LINK);
	assert_int_equal(st, LINK_USED);
	assert_int_equal(tdb_int(f->db, "SELECT COUNT(*) FROM persons"), before + 1);
	/* nothing in the database opens it but the token itself */
	assert_int_equal(
	    tdb_int(f->db, "SELECT COUNT(*) FROM link_tokens WHERE length(token_hash) = 64"), 1);
}

static void reset_links(void **state)
{
	struct fx *f = *state;
	char tok[TOKEN_LEN + 1], hash[TOKEN_HASH_LEN + 1];
	token_new(tok, hash);
	/* Bram is not Anna's: another organisation's person */
	assert_int_equal(reset_create(f->db, f->org_a, f->anna, f->bram, hash, 1000, 2000),
	                 SAVE_NOT_FOUND);
	assert_int_equal(reset_create(f->db, f->org_b, f->bram, f->bram, hash, 1000, 2000),
	                 SAVE_OK);
	long long person = 0;
	assert_int_equal(reset_use(f->db, hash, 2001, "new", &person), LINK_EXPIRED);
	assert_int_equal(reset_use(f->db, hash, 1500, "new", &person), LINK_OK);
	assert_int_equal(person, f->bram);
	assert_int_equal(reset_use(f->db, hash, 1600, "newer", &person), LINK_USED);
	const char *pw;
	assert_int_equal(account_password_hash(f->db, &f->a, f->bram, &pw), 1);
	assert_string_equal(pw, "new");
}

static void forgot_same_work(void **state)
{
	struct fx *f = *state;
	/* the handler's work for either address: one token (one hash) and reset_request() */
	char tok[TOKEN_LEN + 1], h1[TOKEN_HASH_LEN + 1], h2[TOKEN_HASH_LEN + 1];
	unsigned long before = token_hashes_done();
	token_new(tok, h1);
	int known = reset_request(f->db, "anna@a.nl", h1, 1000, 2000);
	unsigned long known_work = token_hashes_done() - before;
	before = token_hashes_done();
	token_new(tok, h2);
	int unknown = reset_request(f->db, "niemand@a.nl", h2, 1000, 2000);
	unsigned long unknown_work = token_hashes_done() - before;
	assert_int_equal(known, 1);
	assert_int_equal(unknown, 0);
	assert_int_equal(known_work, unknown_work);
	struct reset_link l;
	assert_int_equal(reset_lookup(f->db, &f->a, h1, 1500, &l), LINK_OK);
	assert_int_equal(l.org_id, f->org_a);
	assert_int_equal(reset_lookup(f->db, &f->a, h2, 1500, &l), LINK_UNKNOWN);
}

static void old_links_are_purged(void **state)
{
	struct fx *f = *state;
	char tok[TOKEN_LEN + 1], hash[TOKEN_HASH_LEN + 1];
	token_new(tok, hash);
	assert_int_equal(invite_create(f->db, f->org_a, f->anna, ROLE_MEDEWERKER, 0, "Kees",
	                               "kees@a.nl", hash, 1000, 2000, NULL),
	                 SAVE_OK);
	assert_int_equal(invite_purge(f->db, 2000 + INVITE_KEEP_SECONDS - 1), 0);
	assert_int_equal(tdb_int(f->db, "SELECT COUNT(*) FROM invitations"), 1);
	assert_int_equal(invite_purge(f->db, 2001 + INVITE_KEEP_SECONDS), 0);
	assert_int_equal(tdb_int(f->db, "SELECT COUNT(*) FROM invitations"), 0);
	assert_int_equal(tdb_int(f->db, "SELECT COUNT(*) FROM link_tokens"), 0);
	/* an accepted invitation keeps no copy of the name and address */
	token_new(tok, hash);
	assert_int_equal(invite_create(f->db, f->org_a, f->anna, ROLE_MEDEWERKER, 0, "Lot",
	                               "lot@a.nl", hash, 1000, 2000, NULL),
	                 SAVE_OK);
	long long person = 0;
	enum link_state st;
	assert_int_equal(invite_accept(f->db, hash, 1500, 0, "lot@a.nl", "Lot", "h", &person, &st),
	                 ACCEPT_OK);
	assert_int_equal(tdb_int(f->db, "SELECT COUNT(*) FROM invitations WHERE label = ''"
	                                " AND email = '' AND accepted_by IS NOT NULL"),
	                 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(totp_rfc_vectors),
	    cmocka_unit_test(totp_window_and_replay),
	    cmocka_unit_test(recovery_codes),
	    cmocka_unit_test(tokens),
	    cmocka_unit_test_setup_teardown(invitation_single_use_and_expiry, setup, teardown),
	    cmocka_unit_test_setup_teardown(reset_links, setup, teardown),
	    cmocka_unit_test_setup_teardown(forgot_same_work, setup, teardown),
	    cmocka_unit_test_setup_teardown(old_links_are_purged, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
