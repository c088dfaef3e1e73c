/*
 * test_org.c - organisations, branches, members and the audit log
 * (core/org.c), on a migrated temporary database.
 */
#include "core/org.h"
#include "core/share.h"
#include "core/zelftest.h"
#include "testutil.h"

struct fx {
	struct tdb *t;
	struct db *db;
	struct arena a;
	long long org_a, org_b;
	long long anna, bram, cor; /* anna: beheerder of A; bram: beheerder of B; cor: none */
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (f == NULL)
		return -1;
	f->t = tdb_open_migrated();
	f->db = f->t->db;
	arena_init(&f->a);
	f->org_a = t_org(f->db, "bieb-a", "Bibliotheek A");
	f->org_b = t_org(f->db, "bieb-b", "Bibliotheek B");
	f->anna = t_person(f->db, "anna@a.nl", "Anna");
	f->bram = t_person(f->db, "bram@b.nl", "Bram");
	f->cor = t_person(f->db, "cor@x.nl", "Cor");
	assert_int_equal(member_set_role(f->db, f->org_a, 0, f->anna, ROLE_BEHEERDER), SAVE_OK);
	assert_int_equal(member_set_role(f->db, f->org_b, 0, f->bram, ROLE_BEHEERDER), SAVE_OK);
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

static long long audit_rows(struct fx *f)
{
	return tdb_int(f->db, "SELECT COUNT(*) FROM audit_log");
}

static long long audit_rows_action(struct fx *f, const char *action)
{
	long long n = -1;
	assert_int_equal(db_query_int(f->db, "SELECT COUNT(*) FROM audit_log WHERE action = ?",
	                              DB_ARGS(DB_TEXT(action)), &n),
	                 DB_ROW);
	return n;
}

static const char *role_of(struct fx *f, long long org, long long person)
{
	struct db_stmt *st;
	const char *role = "(none)";
	assert_int_equal(db_query(f->db, &st,
	                          "SELECT role FROM memberships WHERE org_id = ? AND person_id = ?",
	                          DB_ARGS(DB_INT(org), DB_INT(person))),
	                 DB_OK);
	if (db_step(st) == DB_ROW)
		role = db_col_text(st, 0, &f->a);
	db_finish(st);
	return role;
}

/* Makes every audit_log insert fail from now on. */
static void break_audit(struct fx *f)
{
	assert_int_equal(db_exec(f->db,
	                         "CREATE TRIGGER audit_fails BEFORE INSERT ON audit_log"
	                         " BEGIN SELECT RAISE(ABORT, 'audit is down'); END",
	                         DB_NOARGS),
	                 DB_OK);
}

/* No transaction may be left open after a core function returns. */
static void assert_no_open_transaction(struct fx *f)
{
	assert_int_equal(db_begin(f->db), DB_OK);
	assert_int_equal(db_commit(f->db), DB_OK);
}

/* ---- organisations ---- */

static void test_slug_valid(void **state)
{
	(void)state;
	assert_true(org_slug_valid("a"));
	assert_true(org_slug_valid("de-sleutel"));
	assert_true(org_slug_valid("bieb-2026"));
	char s64[65], s65[66];
	memset(s64, 'a', 64);
	s64[64] = '\0';
	memset(s65, 'a', 65);
	s65[65] = '\0';
	assert_true(org_slug_valid(s64));
	assert_false(org_slug_valid(s65));
	assert_false(org_slug_valid(""));
	assert_false(org_slug_valid(NULL));
	assert_false(org_slug_valid("-a"));
	assert_false(org_slug_valid("A"));
	assert_false(org_slug_valid("a_b"));
	assert_false(org_slug_valid("a b"));
	assert_false(org_slug_valid("a/b"));
	assert_false(org_slug_valid(".."));
	assert_false(org_slug_valid("bïeb"));
}

static void test_org_create_and_get(void **state)
{
	struct fx *f = *state;
	long long before = audit_rows(f);
	long long id = 0;
	assert_int_equal(org_create(f->db, "nieuw", "Nieuwe Bieb", &id), 0);
	assert_true(id > 0);
	assert_int_equal(audit_rows(f), before + 1);
	assert_int_equal(org_create(f->db, "nieuw", "Dubbel", &id), 1);
	assert_int_equal(audit_rows(f), before + 1);
	struct org o;
	assert_int_equal(org_get(f->db, &f->a, id, &o), 1);
	assert_int_equal(o.id, id);
	assert_string_equal(o.slug, "nieuw");
	assert_string_equal(o.name, "Nieuwe Bieb");
	assert_string_equal(o.description, "");
	assert_int_equal(o.version, 1);
	assert_int_equal(org_get(f->db, &f->a, 999999, &o), 0);
	assert_no_open_transaction(f);
}

static void test_org_update_right_version(void **state)
{
	struct fx *f = *state;
	long long before = audit_rows(f);
	assert_int_equal(org_update(f->db, f->org_a, f->anna, "Bieb A nieuw", "Beschrijving", 1),
	                 SAVE_OK);
	struct org o;
	assert_int_equal(org_get(f->db, &f->a, f->org_a, &o), 1);
	assert_int_equal(o.version, 2);
	assert_string_equal(o.name, "Bieb A nieuw");
	assert_string_equal(o.description, "Beschrijving");
	assert_int_equal(audit_rows(f), before + 1);
	assert_int_equal(audit_rows_action(f, "org.update"), 1);
	assert_int_equal(
	    tdb_int(f->db, "SELECT person_id FROM audit_log WHERE action = 'org.update'"), f->anna);
	/* and again with the new version */
	assert_int_equal(org_update(f->db, f->org_a, f->anna, "Derde", "", 2), SAVE_OK);
	assert_int_equal(org_get(f->db, &f->a, f->org_a, &o), 1);
	assert_int_equal(o.version, 3);
	/* the other organisation is untouched */
	assert_int_equal(org_get(f->db, &f->a, f->org_b, &o), 1);
	assert_int_equal(o.version, 1);
	assert_string_equal(o.name, "Bibliotheek B");
	assert_no_open_transaction(f);
}

static void test_org_update_stale_version(void **state)
{
	struct fx *f = *state;
	assert_int_equal(org_update(f->db, f->org_a, f->anna, "Eerst", "een", 1), SAVE_OK);
	long long before = audit_rows(f);
	/* a second person still has version 1 on screen */
	assert_int_equal(org_update(f->db, f->org_a, f->anna, "Tweede", "twee", 1), SAVE_CONFLICT);
	struct org o;
	assert_int_equal(org_get(f->db, &f->a, f->org_a, &o), 1);
	assert_int_equal(o.version, 2);
	assert_string_equal(o.name, "Eerst");
	assert_string_equal(o.description, "een");
	assert_int_equal(audit_rows(f), before);
	/* a version from the future is a conflict too */
	assert_int_equal(org_update(f->db, f->org_a, f->anna, "X", "", 7), SAVE_CONFLICT);
	assert_no_open_transaction(f);
}

static void test_org_update_other_org_id_does_not_touch_it(void **state)
{
	struct fx *f = *state;
	/* org_update is keyed by id: B stays as it is when A's version is used */
	assert_int_equal(org_update(f->db, 999, f->anna, "X", "", 1), SAVE_CONFLICT);
	struct org o;
	assert_int_equal(org_get(f->db, &f->a, f->org_b, &o), 1);
	assert_string_equal(o.name, "Bibliotheek B");
}

/* ---- branches ---- */

static long long branch_id(struct fx *f, const char *name)
{
	long long id = 0;
	assert_int_equal(db_query_int(f->db, "SELECT id FROM branches WHERE name = ?",
	                              DB_ARGS(DB_TEXT(name)), &id),
	                 DB_ROW);
	return id;
}

static void test_branches_list_add_rename_delete(void **state)
{
	struct fx *f = *state;
	long long before = audit_rows(f);
	assert_int_equal(branch_add(f->db, f->org_a, f->anna, "Zuid", "Zwolle"), SAVE_OK);
	assert_int_equal(branch_add(f->db, f->org_a, f->anna, "Centrum", "Zwolle"), SAVE_OK);
	assert_int_equal(branch_add(f->db, f->org_b, f->bram, "Noord", "Deventer"), SAVE_OK);
	assert_int_equal(audit_rows(f), before + 3);
	struct branch *b;
	size_t n;
	assert_int_equal(branch_list(f->db, &f->a, f->org_a, &b, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(b[0].name, "Centrum"); /* by name */
	assert_string_equal(b[1].name, "Zuid");
	assert_string_equal(b[1].place, "Zwolle");

	long long zuid = branch_id(f, "Zuid");
	assert_int_equal(branch_rename(f->db, f->org_a, f->anna, zuid, "Zuid-Oost", "Zwolle-Zuid"),
	                 SAVE_OK);
	assert_int_equal(audit_rows(f), before + 4);
	assert_int_equal(audit_rows_action(f, "branch.rename"), 1);
	assert_int_equal(branch_list(f->db, &f->a, f->org_a, &b, &n), 0);
	assert_string_equal(b[1].name, "Zuid-Oost");
	assert_string_equal(b[1].place, "Zwolle-Zuid");

	assert_int_equal(branch_delete(f->db, f->org_a, f->anna, zuid), SAVE_OK);
	assert_int_equal(audit_rows(f), before + 5);
	assert_int_equal(audit_rows_action(f, "branch.delete"), 1);
	assert_int_equal(branch_list(f->db, &f->a, f->org_a, &b, &n), 0);
	assert_int_equal(n, 1);
	/* deleting twice: not found, no audit */
	assert_int_equal(branch_delete(f->db, f->org_a, f->anna, zuid), SAVE_NOT_FOUND);
	assert_int_equal(audit_rows(f), before + 5);
	assert_no_open_transaction(f);
}

static void test_branch_of_other_org_not_found(void **state)
{
	struct fx *f = *state;
	assert_int_equal(branch_add(f->db, f->org_b, f->bram, "Noord", "Deventer"), SAVE_OK);
	long long noord = branch_id(f, "Noord");
	long long before = audit_rows(f);
	assert_int_equal(branch_rename(f->db, f->org_a, f->anna, noord, "Gekaapt", "X"),
	                 SAVE_NOT_FOUND);
	assert_int_equal(branch_delete(f->db, f->org_a, f->anna, noord), SAVE_NOT_FOUND);
	assert_int_equal(branch_rename(f->db, f->org_a, f->anna, 987654, "X", "Y"), SAVE_NOT_FOUND);
	assert_int_equal(branch_delete(f->db, f->org_a, f->anna, 987654), SAVE_NOT_FOUND);
	assert_int_equal(audit_rows(f), before);
	struct branch *b;
	size_t n;
	assert_int_equal(branch_list(f->db, &f->a, f->org_b, &b, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(b[0].name, "Noord");
	assert_string_equal(b[0].place, "Deventer");
	assert_no_open_transaction(f);
}

/* ---- members ---- */

static void test_member_roles_and_counts(void **state)
{
	struct fx *f = *state;
	long long before = audit_rows(f);
	assert_int_equal(member_set_role(f->db, f->org_a, f->anna, f->cor, ROLE_MEDEWERKER),
	                 SAVE_OK);
	assert_string_equal(role_of(f, f->org_a, f->cor), "medewerker");
	assert_int_equal(member_set_role(f->db, f->org_a, f->anna, f->cor, ROLE_ADVISEUR), SAVE_OK);
	assert_string_equal(role_of(f, f->org_a, f->cor), "adviseur");
	assert_int_equal(audit_rows(f), before + 2);
	assert_int_equal(audit_rows_action(f, "member.role"), 2 + 2); /* 2 from setup */
	long long counts[4];
	assert_int_equal(member_counts(f->db, f->org_a, counts), 0);
	assert_int_equal(counts[0], 1);
	assert_int_equal(counts[1], 0);
	assert_int_equal(counts[2], 1);
	assert_int_equal(counts[3], 0);
	struct member *m;
	size_t n;
	assert_int_equal(member_list(f->db, &f->a, f->org_a, &m, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(m[0].name, "Anna");
	assert_int_equal(m[0].role, ROLE_BEHEERDER);
	assert_string_equal(m[1].name, "Cor");
	assert_string_equal(m[1].email, "cor@x.nl");
	assert_int_equal(m[1].role, ROLE_ADVISEUR);
	assert_no_open_transaction(f);
}

static void test_member_set_role_bad_input(void **state)
{
	struct fx *f = *state;
	long long before = audit_rows(f);
	assert_int_equal(member_set_role(f->db, f->org_a, f->anna, f->cor, ROLE_NONE),
	                 SAVE_REFUSED);
	assert_int_equal(
	    member_set_role(f->db, f->org_a, f->anna, f->cor, ROLE_BEHEERDER | ROLE_MEDEWERKER),
	    SAVE_REFUSED);
	assert_int_equal(member_set_role(f->db, f->org_a, f->anna, 424242, ROLE_MEDEWERKER),
	                 SAVE_NOT_FOUND);
	assert_string_equal(role_of(f, f->org_a, f->cor), "(none)");
	assert_int_equal(audit_rows(f), before);
	assert_no_open_transaction(f);
}

static void test_last_beheerder_cannot_be_demoted(void **state)
{
	struct fx *f = *state;
	long long before = audit_rows(f);
	static const unsigned others[] = {ROLE_MEDEWERKER, ROLE_ADVISEUR, ROLE_AMBASSADEUR};
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(member_set_role(f->db, f->org_a, f->anna, f->anna, others[i]),
		                 SAVE_REFUSED);
	assert_string_equal(role_of(f, f->org_a, f->anna), "beheerder");
	/* staying beheerder is fine */
	assert_int_equal(member_set_role(f->db, f->org_a, f->anna, f->anna, ROLE_BEHEERDER),
	                 SAVE_OK);
	assert_int_equal(audit_rows(f), before + 1);
	/* with a second beheerder, one may step down, and then the other may not */
	assert_int_equal(member_set_role(f->db, f->org_a, f->anna, f->cor, ROLE_BEHEERDER),
	                 SAVE_OK);
	assert_int_equal(member_set_role(f->db, f->org_a, f->cor, f->anna, ROLE_MEDEWERKER),
	                 SAVE_OK);
	assert_int_equal(member_set_role(f->db, f->org_a, f->cor, f->cor, ROLE_MEDEWERKER),
	                 SAVE_REFUSED);
	assert_string_equal(role_of(f, f->org_a, f->cor), "beheerder");
	/* a beheerder elsewhere does not count */
	assert_int_equal(member_set_role(f->db, f->org_b, f->bram, f->cor, ROLE_BEHEERDER),
	                 SAVE_OK);
	assert_int_equal(member_set_role(f->db, f->org_a, f->cor, f->cor, ROLE_MEDEWERKER),
	                 SAVE_REFUSED);
	assert_no_open_transaction(f);
}

static void test_last_beheerder_cannot_be_removed(void **state)
{
	struct fx *f = *state;
	long long before = audit_rows(f);
	assert_int_equal(member_remove(f->db, f->org_a, f->anna, f->anna), SAVE_REFUSED);
	assert_string_equal(role_of(f, f->org_a, f->anna), "beheerder");
	assert_int_equal(audit_rows(f), before);
	/* not a member: not found */
	assert_int_equal(member_remove(f->db, f->org_a, f->anna, f->cor), SAVE_NOT_FOUND);
	assert_int_equal(member_remove(f->db, f->org_a, f->anna, f->bram), SAVE_NOT_FOUND);
	assert_int_equal(member_remove(f->db, f->org_a, f->anna, 424242), SAVE_NOT_FOUND);
	/* a medewerker can be removed; so can a beheerder who is not the last */
	assert_int_equal(member_set_role(f->db, f->org_a, f->anna, f->cor, ROLE_MEDEWERKER),
	                 SAVE_OK);
	assert_int_equal(member_remove(f->db, f->org_a, f->anna, f->cor), SAVE_OK);
	assert_string_equal(role_of(f, f->org_a, f->cor), "(none)");
	assert_int_equal(member_set_role(f->db, f->org_a, f->anna, f->cor, ROLE_BEHEERDER),
	                 SAVE_OK);
	assert_int_equal(member_remove(f->db, f->org_a, f->cor, f->anna), SAVE_OK);
	assert_int_equal(member_remove(f->db, f->org_a, f->cor, f->cor), SAVE_REFUSED);
	assert_int_equal(audit_rows(f), before + 4);
	assert_int_equal(audit_rows_action(f, "member.remove"), 2);
	assert_no_open_transaction(f);
}

static void test_member_remove_ends_sessions_without_orgs(void **state)
{
	struct fx *f = *state;
	char tok[44];
	/* cor is medewerker in A and B */
	assert_int_equal(member_set_role(f->db, f->org_a, f->anna, f->cor, ROLE_MEDEWERKER),
	                 SAVE_OK);
	assert_int_equal(member_set_role(f->db, f->org_b, f->bram, f->cor, ROLE_MEDEWERKER),
	                 SAVE_OK);
	t_session(f->db, f->cor, tok);
	t_session(f->db, f->anna, tok);
	assert_int_equal(member_remove(f->db, f->org_a, f->anna, f->cor), SAVE_OK);
	/* still in B: the session stays */
	assert_int_equal(tdb_int(f->db, "SELECT COUNT(*) FROM sessions"), 2);
	assert_int_equal(member_remove(f->db, f->org_b, f->bram, f->cor), SAVE_OK);
	/* in no organisation any more: logged out everywhere */
	long long n = -1;
	assert_int_equal(db_query_int(f->db, "SELECT COUNT(*) FROM sessions WHERE person_id = ?",
	                              DB_ARGS(DB_INT(f->cor)), &n),
	                 DB_ROW);
	assert_int_equal(n, 0);
	assert_int_equal(tdb_int(f->db, "SELECT COUNT(*) FROM sessions"), 1);
}

static long long shares_seen_by(struct fx *f, long long viewer)
{
	long long a = -1, b = -1;
	assert_int_equal(db_query_int(f->db,
	                              "SELECT COUNT(*) FROM personal_shares WHERE viewer_id = ?",
	                              DB_ARGS(DB_INT(viewer)), &a),
	                 DB_ROW);
	assert_int_equal(db_query_int(f->db,
	                              "SELECT COUNT(*) FROM zelftest_shares WHERE manager_id = ?",
	                              DB_ARGS(DB_INT(viewer)), &b),
	                 DB_ROW);
	return a + b;
}

/* Dina (medewerker of A) shares her impact plan and zelftest with beheerder cor. */
static void share_with_cor(struct fx *f, long long dina)
{
	assert_int_equal(member_set_role(f->db, f->org_a, f->anna, f->cor, ROLE_BEHEERDER),
	                 SAVE_OK);
	assert_int_equal(share_set(f->db, f->org_a, dina, "impact", f->cor), SAVE_OK);
	assert_int_equal(zelftest_share(f->db, f->org_a, dina, f->cor), SAVE_OK);
	assert_int_equal(shares_seen_by(f, f->cor), 2);
}

static void test_shares_end_with_the_beheerder_role(void **state)
{
	struct fx *f = *state;
	long long dina = t_person(f->db, "dina@a.nl", "Dina");
	assert_int_equal(member_set_role(f->db, f->org_a, f->anna, dina, ROLE_MEDEWERKER), SAVE_OK);
	/* demoted: the rows go, and do not come back with the role */
	share_with_cor(f, dina);
	assert_int_equal(member_set_role(f->db, f->org_a, f->anna, f->cor, ROLE_MEDEWERKER),
	                 SAVE_OK);
	assert_int_equal(shares_seen_by(f, f->cor), 0);
	assert_int_equal(member_set_role(f->db, f->org_a, f->anna, f->cor, ROLE_BEHEERDER),
	                 SAVE_OK);
	assert_int_equal(share_can_view(f->db, f->org_a, dina, "impact", f->cor), 0);
	assert_int_equal(zelftest_shared_with(f->db, f->org_a, dina, f->cor), 0);
	/* beheerder again and shared again: kept while the role stays beheerder */
	share_with_cor(f, dina);
	assert_int_equal(member_set_role(f->db, f->org_a, f->anna, f->cor, ROLE_BEHEERDER),
	                 SAVE_OK);
	assert_int_equal(shares_seen_by(f, f->cor), 2);
	/* removed from the organisation: the rows go too */
	assert_int_equal(member_remove(f->db, f->org_a, f->anna, f->cor), SAVE_OK);
	assert_int_equal(shares_seen_by(f, f->cor), 0);
	assert_no_open_transaction(f);
}

/* ---- the audit entry is part of the change ---- */

static void test_change_rolls_back_when_audit_fails(void **state)
{
	struct fx *f = *state;
	assert_int_equal(branch_add(f->db, f->org_a, f->anna, "Centrum", "Zwolle"), SAVE_OK);
	long long centrum = branch_id(f, "Centrum");
	long long before = audit_rows(f);
	break_audit(f);

	assert_int_equal(org_update(f->db, f->org_a, f->anna, "Nieuw", "d", 1), SAVE_ERROR);
	struct org o;
	assert_int_equal(org_get(f->db, &f->a, f->org_a, &o), 1);
	assert_string_equal(o.name, "Bibliotheek A");
	assert_int_equal(o.version, 1);
	assert_no_open_transaction(f);

	assert_int_equal(branch_add(f->db, f->org_a, f->anna, "Noord", ""), SAVE_ERROR);
	assert_int_equal(tdb_int(f->db, "SELECT COUNT(*) FROM branches"), 1);
	assert_int_equal(branch_rename(f->db, f->org_a, f->anna, centrum, "Anders", ""),
	                 SAVE_ERROR);
	assert_int_equal(branch_id(f, "Centrum"), centrum);
	assert_int_equal(branch_delete(f->db, f->org_a, f->anna, centrum), SAVE_ERROR);
	assert_int_equal(tdb_int(f->db, "SELECT COUNT(*) FROM branches"), 1);
	assert_no_open_transaction(f);

	assert_int_equal(member_set_role(f->db, f->org_a, f->anna, f->cor, ROLE_MEDEWERKER),
	                 SAVE_ERROR);
	assert_string_equal(role_of(f, f->org_a, f->cor), "(none)");
	assert_int_equal(member_set_role(f->db, f->org_b, f->bram, f->anna, ROLE_MEDEWERKER),
	                 SAVE_ERROR);
	assert_string_equal(role_of(f, f->org_b, f->anna), "(none)");
	assert_no_open_transaction(f);

	long long id = 0;
	assert_int_equal(org_create(f->db, "zonder-audit", "Z", &id), -1);
	assert_int_equal(tdb_int(f->db, "SELECT COUNT(*) FROM orgs WHERE slug = 'zonder-audit'"),
	                 0);
	assert_int_equal(audit_rows(f), before);
	assert_no_open_transaction(f);
}

static void test_member_remove_rolls_back_when_audit_fails(void **state)
{
	struct fx *f = *state;
	assert_int_equal(member_set_role(f->db, f->org_a, f->anna, f->cor, ROLE_MEDEWERKER),
	                 SAVE_OK);
	char tok[44];
	t_session(f->db, f->cor, tok);
	break_audit(f);
	assert_int_equal(member_remove(f->db, f->org_a, f->anna, f->cor), SAVE_ERROR);
	assert_string_equal(role_of(f, f->org_a, f->cor), "medewerker");
	assert_int_equal(tdb_int(f->db, "SELECT COUNT(*) FROM sessions"), 1);
	assert_no_open_transaction(f);
}

/* ---- a person and their role: one transaction (hole 5) ---- */

static void test_person_create_member_adds_both(void **state)
{
	struct fx *f = *state;
	long long before = audit_rows_action(f, "member.role");
	long long id = 0;
	assert_int_equal(person_create_member(f->db, f->org_a, f->anna, "dirk@a.nl", "Dirk",
	                                      "not-a-real-hash", ROLE_MEDEWERKER, &id),
	                 0);
	assert_true(id > 0);
	assert_string_equal(role_of(f, f->org_a, id), "medewerker");
	assert_int_equal(audit_rows_action(f, "member.role"), before + 1);
	/* the same e-mail again: 1, and nothing changes */
	assert_int_equal(person_create_member(f->db, f->org_b, f->bram, "dirk@a.nl", "Dirk 2",
	                                      "not-a-real-hash", ROLE_BEHEERDER, NULL),
	                 1);
	assert_string_equal(role_of(f, f->org_b, id), "(none)");
	assert_int_equal(tdb_int(f->db, "SELECT COUNT(*) FROM persons WHERE email = 'dirk@a.nl'"),
	                 1);
	assert_no_open_transaction(f);
}

static void test_person_create_member_leaves_no_orphan(void **state)
{
	struct fx *f = *state;
	long long persons = tdb_int(f->db, "SELECT COUNT(*) FROM persons");
	/* the membership fails on a constraint (no such organisation) */
	assert_int_equal(person_create_member(f->db, 999999, f->anna, "wees@a.nl", "Wees",
	                                      "not-a-real-hash", ROLE_MEDEWERKER, NULL),
	                 -1);
	assert_int_equal(tdb_int(f->db, "SELECT COUNT(*) FROM persons"), persons);
	/* an invalid role: refused before anything is written */
	assert_int_equal(person_create_member(f->db, f->org_a, f->anna, "wees@a.nl", "Wees",
	                                      "not-a-real-hash", 0, NULL),
	                 -1);
	/* the audit entry fails: the person goes too */
	break_audit(f);
	assert_int_equal(person_create_member(f->db, f->org_a, f->anna, "wees@a.nl", "Wees",
	                                      "not-a-real-hash", ROLE_MEDEWERKER, NULL),
	                 -1);
	assert_int_equal(tdb_int(f->db, "SELECT COUNT(*) FROM persons"), persons);
	assert_int_equal(tdb_int(f->db, "SELECT COUNT(*) FROM persons WHERE email = 'wees@a.nl'"),
	                 0);
	assert_no_open_transaction(f);
}

/*
 * Makes reading a membership's role fail at run time: memberships becomes a
 * view over the real table whose role column raises "integer overflow".
 */
static void break_role_reads(struct fx *f)
{
	assert_int_equal(db_exec_script(f->db,
	                                "ALTER TABLE memberships RENAME TO memberships_real;"
	                                "CREATE VIEW memberships AS SELECT org_id, person_id,"
	                                " abs(-9223372036854775807 - 1) AS role,"
	                                " created_at FROM memberships_real;"),
	                 DB_OK);
}

static void test_last_beheerder_guard_fails_closed_on_read_error(void **state)
{
	struct fx *f = *state;
	break_role_reads(f);
	/* anna is the only beheerder of A: a failed read is an error, not "not
	 * the last beheerder" (nor "not a member") */
	assert_int_equal(member_set_role(f->db, f->org_a, f->anna, f->anna, ROLE_MEDEWERKER),
	                 SAVE_ERROR);
	assert_int_equal(member_remove(f->db, f->org_a, f->anna, f->anna), SAVE_ERROR);
	assert_no_open_transaction(f);
	assert_int_equal(tdb_int(f->db, "SELECT COUNT(*) FROM memberships_real m JOIN persons p"
	                                " ON p.id = m.person_id WHERE p.email = 'anna@a.nl'"
	                                " AND m.role = 'beheerder'"),
	                 1);
}

/* ---- access and lists ---- */

static void test_access_lookup(void **state)
{
	struct fx *f = *state;
	struct org_access oa;
	assert_int_equal(org_access_lookup(f->db, &f->a, "bieb-a", f->anna, &oa), 1);
	assert_int_equal(oa.org_id, f->org_a);
	assert_string_equal(oa.slug, "bieb-a");
	assert_string_equal(oa.name, "Bibliotheek A");
	assert_int_equal(oa.role, ROLE_BEHEERDER);
	assert_int_equal(org_access_lookup(f->db, &f->a, "bieb-b", f->anna, &oa), 0);
	assert_int_equal(org_access_lookup(f->db, &f->a, "bestaat-niet", f->anna, &oa), 0);
	assert_int_equal(org_access_lookup(f->db, &f->a, "bieb-a", f->cor, &oa), 0);
	assert_int_equal(org_access_lookup(f->db, &f->a, NULL, f->anna, &oa), 0);
}

static void test_org_list_for_person(void **state)
{
	struct fx *f = *state;
	struct org_access *l;
	size_t n;
	assert_int_equal(org_list_for_person(f->db, &f->a, f->cor, &l, &n), 0);
	assert_int_equal(n, 0);
	/* more than the initial capacity (8), sorted by name */
	for (int i = 0; i < 12; i++) {
		char slug[16], name[32];
		long long id;
		snprintf(slug, sizeof(slug), "o%02d", i);
		snprintf(name, sizeof(name), "Org %02d", 11 - i);
		id = t_org(f->db, slug, name);
		assert_int_equal(member_set_role(f->db, id, 0, f->cor, ROLE_ADVISEUR), SAVE_OK);
	}
	assert_int_equal(org_list_for_person(f->db, &f->a, f->cor, &l, &n), 0);
	assert_int_equal(n, 12);
	for (size_t i = 0; i < n; i++) {
		char want[32];
		snprintf(want, sizeof(want), "Org %02zu", i);
		assert_string_equal(l[i].name, want);
		assert_int_equal(l[i].role, ROLE_ADVISEUR);
	}
}

static void test_person_create_find(void **state)
{
	struct fx *f = *state;
	long long id = 0, found = 0;
	const char *name = NULL, *hash = NULL;
	int locked = -1;
	assert_int_equal(person_create(f->db, "dirk@x.nl", "Dirk", "$hash", &id), 0);
	assert_int_equal(person_create(f->db, "dirk@x.nl", "Dirk 2", "$hash", NULL), 1);
	assert_int_equal(person_find(f->db, &f->a, "dirk@x.nl", &found, &name, &hash, &locked), 1);
	assert_int_equal(found, id);
	assert_string_equal(name, "Dirk");
	assert_string_equal(hash, "$hash");
	assert_int_equal(locked, 0);
	assert_int_equal(person_find(f->db, &f->a, "niemand@x.nl", &found, NULL, NULL, NULL), 0);
}

static void test_audit_list_pages(void **state)
{
	struct fx *f = *state;
	for (int i = 0; i < 5; i++) {
		char name[16];
		snprintf(name, sizeof(name), "B%d", i);
		assert_int_equal(branch_add(f->db, f->org_a, f->anna, name, ""), SAVE_OK);
	}
	/* A has: org.create, member.role, 5 x branch.add */
	assert_int_equal(audit_count(f->db, f->org_a), 7);
	assert_int_equal(audit_count(f->db, f->org_b), 2);
	struct audit_entry *e;
	size_t n;
	assert_int_equal(audit_list(f->db, &f->a, f->org_a, 3, 0, &e, &n), 0);
	assert_int_equal(n, 3);
	assert_string_equal(e[0].action, "branch.add");
	assert_string_equal(e[0].object, "B4"); /* newest first */
	assert_string_equal(e[0].who, "Anna");
	assert_string_equal(e[2].object, "B2");
	assert_int_equal(audit_list(f->db, &f->a, f->org_a, 3, 6, &e, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(e[0].action, "org.create");
	assert_string_equal(e[0].who, ""); /* the system */
	assert_int_equal(audit_list(f->db, &f->a, f->org_a, 3, 100, &e, &n), 0);
	assert_int_equal(n, 0);
}

/* audit_list() sizes its array from limit; a negative limit must not overrun it. */

static void audit_list_negative_limit(void *arg)
{
	const char *path = arg;
	struct db *db;
	struct arena a;
	struct audit_entry *e;
	size_t n = 0;
	char err[256];
	/* a connection of the child's own: SQLite connections do not survive fork() */
	if (db_open(&db, path, err, sizeof(err)) != DB_OK)
		_exit(2);
	arena_init(&a);
	int rc = audit_list(db, &a, 1, -1, 0, &e, &n);
	_exit(rc == -1 || n <= 1 ? 0 : 3);
}

static void test_audit_list_negative_limit(void **state)
{
	struct fx *f = *state;
	for (int i = 0; i < 20; i++)
		assert_int_equal(branch_add(f->db, f->org_a, f->anna, "B", ""), SAVE_OK);
	assert_int_equal(f->org_a, 1);
	int st = t_run_child(audit_list_negative_limit, f->t->path);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		fail_msg("audit_list(limit = -1) overran its one-entry array (child status %#x)",
		         st);
}

int main(void)
{
#define T_(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_slug_valid),
	    T_(test_org_create_and_get),
	    T_(test_org_update_right_version),
	    T_(test_org_update_stale_version),
	    T_(test_org_update_other_org_id_does_not_touch_it),
	    T_(test_branches_list_add_rename_delete),
	    T_(test_branch_of_other_org_not_found),
	    T_(test_member_roles_and_counts),
	    T_(test_member_set_role_bad_input),
	    T_(test_last_beheerder_cannot_be_demoted),
	    T_(test_last_beheerder_cannot_be_removed),
	    T_(test_member_remove_ends_sessions_without_orgs),
	    T_(test_shares_end_with_the_beheerder_role),
	    T_(test_change_rolls_back_when_audit_fails),
	    T_(test_member_remove_rolls_back_when_audit_fails),
	    T_(test_person_create_member_adds_both),
	    T_(test_person_create_member_leaves_no_orphan),
	    T_(test_last_beheerder_guard_fails_closed_on_read_error),
	    T_(test_access_lookup),
	    T_(test_org_list_for_person),
	    T_(test_person_create_find),
	    T_(test_audit_list_pages),
	    T_(test_audit_list_negative_limit),
	};
#undef T_
	return cmocka_run_group_tests_name("org", tests, NULL, NULL);
}
