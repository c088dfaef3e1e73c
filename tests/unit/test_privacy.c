/*
 * test_privacy.c - the register of personal data (db/personal.def) against
 * the live schema of both backends, erasure whole or nothing, inzage of
 * 10 000 records, and retention moved by the clock (core/privacy.h,
 * core/retention.h).
 */
#include "core/privacy.h"
#include "core/retention.h"
#include "db/db.h"
#include "testutil.h"

#include "pgtest.h"

struct decl {
	const char *table, *column;
	bool personal;
};

static const struct decl personal_cols[] = {
#define PERSONAL(t, c, label, cat, purpose, keep, who) {t, c, true},
#include "db/personal.def"
};
static const struct {
	const char *table, *columns;
} not_personal[] = {
#define NOT_PERSONAL(t, cols) {t, cols},
#include "db/personal.def"
};
static const struct {
	const char *table, *column;
} person_refs[] = {
#define PERSON_REF(t, c, label, sql) {t, c},
#include "db/personal.def"
};

#define N(x) (sizeof(x) / sizeof((x)[0]))

/* 1 personal, 0 declared not personal, -1 undeclared. */
static int declared(const char *table, const char *column)
{
	for (size_t i = 0; i < N(personal_cols); i++)
		if (strcmp(personal_cols[i].table, table) == 0 &&
		    strcmp(personal_cols[i].column, column) == 0)
			return 1;
	size_t len = strlen(column);
	for (size_t i = 0; i < N(not_personal); i++) {
		if (strcmp(not_personal[i].table, table) != 0)
			continue;
		for (const char *p = not_personal[i].columns; *p;) {
			size_t w = strcspn(p, " ");
			if (w == len && strncmp(p, column, len) == 0)
				return 0;
			p += w;
			p += strspn(p, " ");
		}
	}
	return -1;
}

/* Tables that are copies kept by the search engine itself (FTS5 shadow tables). */
static bool search_engine_table(const char *t)
{
	return strncmp(t, "search_words", 12) == 0 || strncmp(t, "search_parts", 12) == 0 ||
	       strcmp(t, "sqlite_sequence") == 0;
}

/* Fails naming every text or blob column of the schema that personal.def does not decide. */
static void check_text_columns(struct db *db)
{
	struct arena a;
	arena_init(&a);
	struct db_stmt *st;
	int rc =
	    db_backend(db) == DB_POSTGRES
	        ? db_query_(db, &st,
	                    "SELECT c.table_name, c.column_name FROM information_schema.columns c"
	                    " JOIN information_schema.tables t ON t.table_schema = c.table_schema"
	                    " AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'"
	                    " WHERE c.table_schema = current_schema()"
	                    " AND c.data_type IN ('text', 'bytea', 'character varying')"
	                    " ORDER BY 1, 2",
	                    DB_NOARGS)
	        : db_query_(db, &st,
	                    "SELECT m.name, p.name FROM sqlite_master m,"
	                    " pragma_table_info(m.name) p WHERE m.type = 'table'"
	                    " AND (UPPER(p.type) LIKE '%TEXT%' OR UPPER(p.type) LIKE '%BLOB%'"
	                    " OR UPPER(p.type) LIKE '%CHAR%' OR p.type = '') ORDER BY 1, 2",
	                    DB_NOARGS);
	assert_int_equal(rc, DB_OK);
	struct buf missing;
	buf_init(&missing, &a);
	int seen = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *t = db_col_text(st, 0, &a), *c = db_col_text(st, 1, &a);
		if (search_engine_table(t) || strcmp(t, "search_terms") == 0)
			continue;
		seen++;
		if (declared(t, c) < 0)
			buf_printf(&missing, " %s.%s", t, c);
	}
	db_finish(st);
	assert_int_equal(rc, DB_DONE);
	assert_true(seen > 50); /* a real schema, not an empty list */
	if (buf_str(&missing)[0])
		fail_msg("not in src/db/personal.def (declare PERSONAL or NOT_PERSONAL):%s",
		         buf_str(&missing));
	arena_free(&a);
}

static void test_register_decides_every_sqlite_text_column(void **state)
{
	(void)state;
	struct tdb *t = tdb_open_migrated();
	check_text_columns(t->db);
	/* and every declared column exists: the register holds no stale names */
	for (size_t i = 0; i < N(personal_cols); i++) {
		long long n = -1;
		char sql[256];
		snprintf(sql, sizeof(sql),
		         "SELECT COUNT(*) FROM pragma_table_info('%s') WHERE name = '%s'",
		         personal_cols[i].table, personal_cols[i].column);
		assert_int_equal(db_query_int_(t->db, sql, DB_NOARGS, &n), DB_ROW);
		if (n != 1)
			fail_msg("personal.def names %s.%s, which the schema does not have",
			         personal_cols[i].table, personal_cols[i].column);
		if (declared(personal_cols[i].table, personal_cols[i].column) != 1)
			fail_msg("%s.%s is declared twice", personal_cols[i].table,
			         personal_cols[i].column);
	}
	tdb_close(t);
}

static void test_register_names_every_reference_to_a_person(void **state)
{
	(void)state;
	struct tdb *t = tdb_open_migrated();
	struct arena a;
	arena_init(&a);
	struct db_stmt *st;
	assert_int_equal(
	    db_query_(t->db, &st,
	              "SELECT m.name, f.\"from\" FROM sqlite_master m,"
	              " pragma_foreign_key_list(m.name) f"
	              " WHERE m.type = 'table' AND f.\"table\" = 'persons' ORDER BY 1, 2",
	              DB_NOARGS),
	    DB_OK);
	int rc, seen = 0;
	struct buf missing;
	buf_init(&missing, &a);
	while ((rc = db_step(st)) == DB_ROW) {
		const char *tb = db_col_text(st, 0, &a), *c = db_col_text(st, 1, &a);
		bool found = false;
		for (size_t i = 0; i < N(person_refs); i++)
			found |= strcmp(person_refs[i].table, tb) == 0 &&
			         strcmp(person_refs[i].column, c) == 0;
		if (!found)
			buf_printf(&missing, " %s.%s", tb, c);
		seen++;
	}
	db_finish(st);
	assert_int_equal(rc, DB_DONE);
	assert_true(seen > 20);
	if (buf_str(&missing)[0])
		fail_msg("references to persons not in personal.def (PERSON_REF):%s",
		         buf_str(&missing));
	arena_free(&a);
	tdb_close(t);
}

static void test_register_decides_every_postgres_text_column(void **state)
{
	(void)state;
	const char *base = pgtest_base();
	if (base == NULL) {
		fprintf(stderr, "KRING_TEST_PG is not set: PostgreSQL register not checked here\n");
		skip();
	}
	struct db *db = NULL;
	char name[64], err[256] = "";
	pgtest_create(base, "privacy", name, sizeof(name), &db);
	if (db_migrate(db, err, sizeof(err)) != DB_OK)
		fail_msg("db_migrate: %s", err);
	check_text_columns(db);
	pgtest_drop(base, name, db);
}

static const struct privacy_labels labels = {"oud-medewerker", "oud-ambassadeur", "contactpersoon"};

struct world {
	struct tdb *t;
	long long org, other, admin, staff, amb;
};

static void world_open(struct world *w)
{
	w->t = tdb_open_migrated();
	struct db *db = w->t->db;
	w->org = t_org(db, "bieb", "Bieb");
	w->other = t_org(db, "ander", "Ander");
	w->admin = t_person(db, "beheer@bieb.nl", "Bea Beheer");
	w->staff = t_person(db, "sanne@bieb.nl", "Sanne Zwaluw");
	w->amb = t_person(db, "fatima@voorbeeld.nl", "Fatima Yilmaz");
	assert_int_equal(member_set_role(db, w->org, 0, w->admin, ROLE_BEHEERDER), SAVE_OK);
	assert_int_equal(member_set_role(db, w->org, 0, w->staff, ROLE_MEDEWERKER), SAVE_OK);
	assert_int_equal(member_set_role(db, w->org, 0, w->amb, ROLE_AMBASSADEUR), SAVE_OK);
	assert_int_equal(
	    db_exec(
	        db,
	        "INSERT INTO conversations (org_id, held_on, kind, subject, participants,"
	        " person_id, created_at, updated_at)"
	        " VALUES (?1, '2026-01-05', 'kennismaking', 'Kennismaking', 'Sanne Zwaluw en Piet',"
	        " ?2, 1, 1)",
	        DB_ARGS(DB_INT(w->org), DB_INT(w->staff))),
	    DB_OK);
	char cookie[44];
	t_session(db, w->staff, cookie);
}

static long long count_name(struct db *db, const char *name)
{
	long long n = -1;
	assert_int_equal(db_query_int(db,
	                              "SELECT (SELECT COUNT(*) FROM persons WHERE name = ?1)"
	                              " + (SELECT COUNT(*) FROM conversations"
	                              "    WHERE participants LIKE '%' || ?1 || '%')"
	                              " + (SELECT COUNT(*) FROM audit_log"
	                              "    WHERE object LIKE '%' || ?1 || '%')",
	                              DB_ARGS(DB_TEXT(name)), &n),
	                 DB_ROW);
	return n;
}

static void test_erase_is_whole_or_nothing(void **state)
{
	(void)state;
	struct world w;
	world_open(&w);
	struct db *db = w.t->db;
	long long before = count_name(db, "Sanne Zwaluw");
	assert_true(before >= 2);
	/* a failure at the last step: the person's own row refuses to change */
	assert_int_equal(db_exec_script(db, "CREATE TRIGGER boom BEFORE UPDATE ON persons BEGIN"
	                                    " SELECT RAISE(ABORT, 'boom'); END;"),
	                 DB_OK);
	assert_int_equal(privacy_erase(db, w.org, w.admin, "person", w.staff, &labels, false),
	                 SAVE_ERROR);
	assert_int_equal(count_name(db, "Sanne Zwaluw"), before);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM memberships WHERE role = 'medewerker'"),
	                 1);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM sessions"), 1);
	assert_int_equal(
	    tdb_int(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'privacy.erase'"), 0);
	assert_int_equal(db_exec_script(db, "DROP TRIGGER boom;"), DB_OK);

	/* now it goes through: the name is gone everywhere, the contribution stays */
	assert_int_equal(privacy_erase(db, w.org, w.admin, "person", w.staff, &labels, false),
	                 SAVE_OK);
	assert_int_equal(count_name(db, "Sanne Zwaluw"), 0);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM conversations WHERE participants ="
	                             " 'oud-medewerker en Piet' AND person_id IS NOT NULL"),
	                 1);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM persons WHERE name = 'oud-medewerker'"
	                             " AND email LIKE 'gewist-%' AND pw_hash = '' AND locked = 1"),
	                 1);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM sessions"), 0);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM memberships WHERE role = 'medewerker'"),
	                 0);
	/* the audit log says it happened, not what */
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'privacy.erase'"
	                             " AND object = 'oud-medewerker' AND detail = ''"),
	                 1);
	/* and the erased person is no longer someone of the organisation */
	struct arena a;
	arena_init(&a);
	struct privacy_person p;
	assert_int_equal(privacy_person_get(db, &a, w.org, "person", w.staff, &p), 0);
	arena_free(&a);
	tdb_close(w.t);
}

/* The secrets of the account and the zelftest are the person's own: an erasure removes them. */
static void test_erase_removes_secrets_tokens_and_zelftest(void **state)
{
	(void)state;
	struct world w;
	world_open(&w);
	struct db *db = w.t->db;
	assert_int_equal(db_exec(db,
	                         "UPDATE persons SET totp_secret = 'JBSWY3DPEHPK3PXP', totp_on = 1,"
	                         " totp_step = 7 WHERE id = ?2 AND ?1 > 0",
	                         DB_ARGS(DB_INT(w.org), DB_INT(w.staff))),
	                 DB_OK);
	assert_int_equal(db_exec(db,
	                         "INSERT INTO recovery_codes (person_id, code_hash)"
	                         " VALUES (?2, 'hash-1'), (?2, 'hash-2')",
	                         DB_ARGS(DB_INT(w.org), DB_INT(w.staff))),
	                 DB_OK);
	assert_int_equal(db_exec(db,
	                         "INSERT INTO link_tokens (token_hash, purpose, org_id, person_id,"
	                         " created_by, created_at, expires_at)"
	                         " VALUES ('tok-reset', 'reset', ?1, ?2, ?3, 1, 99999999999)",
	                         DB_ARGS(DB_INT(w.org), DB_INT(w.staff), DB_INT(w.admin))),
	                 DB_OK);
	assert_int_equal(
	    db_exec(db,
	            "INSERT INTO invitations (org_id, role, label, email, created_by,"
	            " created_at, accepted_by, accepted_at)"
	            " VALUES (?1, 'medewerker', 'Sanne Zwaluw', 'sanne@bieb.nl', ?3, 1,"
	            " ?2, 2)",
	            DB_ARGS(DB_INT(w.org), DB_INT(w.staff), DB_INT(w.admin))),
	    DB_OK);
	assert_int_equal(
	    db_exec(db,
	            "INSERT INTO zelftest_moments (org_id, person_id, taken_on,"
	            " instrument_version, created_at) VALUES (?1, ?2, '2026-03-01', '1', 3)",
	            DB_ARGS(DB_INT(w.org), DB_INT(w.staff))),
	    DB_OK);
	assert_int_equal(db_exec(db,
	                         "INSERT INTO zelftest_scores (moment_id, item, value)"
	                         " SELECT id, 'verbinder', 8 FROM zelftest_moments"
	                         " WHERE org_id = ?1 AND person_id = ?2",
	                         DB_ARGS(DB_INT(w.org), DB_INT(w.staff))),
	                 DB_OK);
	assert_int_equal(
	    db_exec(db,
	            "INSERT INTO zelftest_shares (org_id, person_id, manager_id, shared_at)"
	            " VALUES (?1, ?2, ?3, 4)",
	            DB_ARGS(DB_INT(w.org), DB_INT(w.staff), DB_INT(w.admin))),
	    DB_OK);
	/* they are there before */
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM zelftest_scores"), 1);

	assert_int_equal(privacy_erase(db, w.org, w.admin, "person", w.staff, &labels, false),
	                 SAVE_OK);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM persons WHERE totp_secret <> ''"
	                             " OR totp_on <> 0 OR totp_step <> 0"),
	                 0);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM recovery_codes"), 0);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM link_tokens"), 0);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM zelftest_moments"), 0);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM zelftest_scores"), 0);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM zelftest_shares"), 0);
	/* the accepted invitation stays as a record, without name or address */
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM invitations WHERE email = ''"
	                             " AND label = 'oud-medewerker' AND accepted_by IS NOT NULL"),
	                 1);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM invitations WHERE label LIKE '%Sanne%'"
	                             " OR email LIKE '%sanne%'"),
	                 0);
	tdb_close(w.t);
}

static void test_erase_refuses_what_it_may_not(void **state)
{
	(void)state;
	struct world w;
	world_open(&w);
	struct db *db = w.t->db;
	/* the last beheerder, oneself, someone of another organisation, a foreign id */
	assert_int_equal(privacy_erase(db, w.org, w.staff, "person", w.admin, &labels, false),
	                 SAVE_REFUSED);
	assert_int_equal(privacy_erase(db, w.org, w.admin, "person", w.admin, &labels, false),
	                 SAVE_REFUSED);
	long long b = t_person(db, "b@ander.nl", "Bram Ander");
	assert_int_equal(member_set_role(db, w.other, 0, b, ROLE_BEHEERDER), SAVE_OK);
	assert_int_equal(privacy_erase(db, w.org, w.admin, "person", b, &labels, false),
	                 SAVE_NOT_FOUND);
	/* a person with a role in the other organisation too stays there untouched */
	assert_int_equal(member_set_role(db, w.other, 0, w.amb, ROLE_AMBASSADEUR), SAVE_OK);
	assert_int_equal(privacy_erase(db, w.org, w.amb, "person", w.amb, &labels, true),
	                 SAVE_REFUSED);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM persons WHERE name = 'Fatima Yilmaz'"),
	                 1);
	tdb_close(w.t);
}

static int count_rows(void *ctx, const char *table, const char *column, long long id, long long at,
                      const char *text)
{
	(void)id, (void)at, (void)text;
	if (strcmp(table, "conversations") == 0 && strcmp(column, "person_id") == 0)
		(*(long long *)ctx)++;
	return 0;
}

static void test_inzage_of_10000_records_is_complete(void **state)
{
	(void)state;
	struct world w;
	world_open(&w);
	struct db *db = w.t->db;
	assert_int_equal(db_begin(db), DB_OK);
	for (int i = 0; i < 9999; i++)
		assert_int_equal(
		    db_exec(db,
		            "INSERT INTO conversations (org_id, held_on, kind, subject,"
		            " person_id, created_at, updated_at)"
		            " VALUES (?1, '2026-02-01', 'groepsgesprek', 'Gesprek', ?2, 2, 2)",
		            DB_ARGS(DB_INT(w.org), DB_INT(w.staff))),
		    DB_OK);
	assert_int_equal(db_commit(db), DB_OK);
	long long n = 0;
	assert_int_equal(privacy_each_record(db, w.org, "person", w.staff, count_rows, &n), 0);
	assert_int_equal(n, 10000);
	/* another organisation's inzage of the same person holds none of it */
	n = 0;
	assert_int_equal(privacy_each_record(db, w.other, "person", w.staff, count_rows, &n), 0);
	assert_int_equal(n, 0);
	tdb_close(w.t);
}

static int count_named(void *ctx, const char *table, const char *column, long long id, long long at,
                       const char *text)
{
	(void)id, (void)at, (void)text;
	if ((strcmp(table, "postos") == 0 && strcmp(column, "people") == 0) ||
	    (strcmp(table, "workshop_rows") == 0 && strcmp(column, "facilitator") == 0))
		(*(long long *)ctx)++;
	return 0;
}

/* The inzage of a login also finds their name in a POST-O and as a workshop's facilitator. */
static void test_inzage_finds_the_name_in_posto_and_workshop(void **state)
{
	(void)state;
	struct world w;
	world_open(&w);
	struct db *db = w.t->db;
	assert_int_equal(
	    db_exec(db,
	            "INSERT INTO communities (org_id, name, status, status_since,"
	            " created_at, updated_at) VALUES (?1, 'Leesclub', 'verkennen', 1, 1, 1)",
	            DB_ARGS(DB_INT(w.org))),
	    DB_OK);
	assert_int_equal(db_exec(db,
	                         "INSERT INTO postos (org_id, community_id, people, created_at,"
	                         " updated_at) SELECT ?1, id, 'Sanne Zwaluw en de leesclub', 1, 1"
	                         " FROM communities WHERE org_id = ?1",
	                         DB_ARGS(DB_INT(w.org))),
	                 DB_OK);
	assert_int_equal(
	    db_exec(db,
	            "INSERT INTO workshops (org_id, title, held_on, start_min, created_at)"
	            " VALUES (?1, 'Netwerken', '2026-04-01', 585, 1)",
	            DB_ARGS(DB_INT(w.org))),
	    DB_OK);
	assert_int_equal(
	    db_exec(db,
	            "INSERT INTO workshop_rows (org_id, workshop_id, position, minutes,"
	            " topic, facilitator) SELECT ?1, id, 1, 30, 'Waarom',"
	            " 'Sanne Zwaluw' FROM workshops WHERE org_id = ?1",
	            DB_ARGS(DB_INT(w.org))),
	    DB_OK);
	long long n = 0;
	assert_int_equal(privacy_each_record(db, w.org, "person", w.staff, count_named, &n), 0);
	assert_int_equal(n, 2);
	/* and the erasure replaces the name in both */
	assert_int_equal(privacy_erase(db, w.org, w.admin, "person", w.staff, &labels, false),
	                 SAVE_OK);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM postos WHERE people ="
	                             " 'oud-medewerker en de leesclub'"),
	                 1);
	assert_int_equal(
	    tdb_int(db, "SELECT COUNT(*) FROM workshop_rows WHERE facilitator = 'oud-medewerker'"),
	    1);
	tdb_close(w.t);
}

static void test_retention_erases_a_departed_person_after_the_period(void **state)
{
	(void)state;
	struct world w;
	world_open(&w);
	struct db *db = w.t->db;
	assert_int_equal(member_remove(db, w.org, w.admin, w.staff), SAVE_OK);
	long long before = count_name(db, "Sanne Zwaluw");
	assert_true(before >= 2);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM privacy_departures"), 1);
	long long removed[RET_N];
	/* today: within the period, nothing goes */
	assert_int_equal(retention_enforce(db, w.org, &labels, removed), 0);
	assert_int_equal(removed[RET_CONTACT], 0);
	assert_int_equal(count_name(db, "Sanne Zwaluw"), before);
	/* two years on, past the default year */
	setenv("KRING_NOW", "2040-01-01", 1);
	struct retention_due due[RET_N];
	assert_int_equal(retention_overview(db, w.org, due), 0);
	assert_int_equal(due[RET_CONTACT].now, 1);
	int n = 0;
	assert_int_equal(retention_run_due(db, &labels, false, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(count_name(db, "Sanne Zwaluw"), 0);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM persons WHERE name = 'oud-medewerker'"),
	                 1);
	/* once a day: a second pass the same day does nothing */
	assert_int_equal(retention_run_due(db, &labels, false, &n), 0);
	assert_int_equal(n, 0);
	unsetenv("KRING_NOW");
	tdb_close(w.t);
}

static void test_retention_clears_each_category_past_its_period(void **state)
{
	(void)state;
	struct world w;
	world_open(&w);
	struct db *db = w.t->db;
	const struct db_param *o = DB_ARGS(DB_INT(w.org));
	/* long past: a stopped community, a quiet partner, a closed round, an old log entry */
	assert_int_equal(
	    db_exec(db,
	            "INSERT INTO communities (org_id, name, contact_name, contact_how, status,"
	            " status_since, created_at, updated_at) VALUES (?1, 'Oud', 'Karel Contact',"
	            " '06-1', 'gestopt', 1, 1, 1), (?1, 'Levend', 'Lies Levend', '06-2',"
	            " 'samenwerken', 1, 1, 1)",
	            o),
	    DB_OK);
	assert_int_equal(
	    db_exec(db,
	            "INSERT INTO partners (org_id, name, kind, contact_name, contact_how,"
	            " created_at, updated_at) VALUES (?1, 'Stil', 'anders', 'Piet Partner',"
	            " 'piet@x.nl', 1, 1)",
	            o),
	    DB_OK);
	assert_int_equal(db_exec(db,
	                         "INSERT INTO meetlat_instruments (hash, version, body, created_at)"
	                         " VALUES ('h', '1', '{}', 1)",
	                         DB_NOARGS),
	                 DB_OK);
	assert_int_equal(
	    db_exec(db,
	            "INSERT INTO meetlat_rounds (org_id, title, instrument, token, status,"
	            " opened_at, closed_at) VALUES (?1, 'Ronde', 'h',"
	            " 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'closed', 1, 1)",
	            o),
	    DB_OK);
	assert_int_equal(
	    db_exec(db,
	            "INSERT INTO access_log (org_id, viewer_id, subject_kind, person_id,"
	            " what, at) VALUES (?1, NULL, 'person', NULL, 'detail', 1)",
	            o),
	    DB_OK);
	assert_int_equal(privacy_log_view(db, w.org, w.admin, "person", w.staff, "detail"), 0);
	struct retention_due due[RET_N];
	assert_int_equal(retention_overview(db, w.org, due), 0);
	assert_int_equal(due[RET_CONTACT].now, 2);
	assert_int_equal(due[RET_LINKS].now, 1);
	assert_int_equal(due[RET_ACCESS_LOG].now, 1);
	assert_true(due[RET_ACCESS_LOG].next > 0); /* today's entry, a year from now */
	long long removed[RET_N];
	assert_int_equal(retention_enforce(db, w.org, &labels, removed), 0);
	assert_int_equal(removed[RET_CONTACT], 2);
	assert_int_equal(removed[RET_LINKS], 1);
	assert_int_equal(removed[RET_ACCESS_LOG], 1);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM communities WHERE contact_name <> ''"),
	                 1);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM communities WHERE contact_name ="
	                             " 'Lies Levend'"),
	                 1);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM partners WHERE contact_name <> ''"), 0);
	assert_int_equal(
	    tdb_int(db, "SELECT COUNT(*) FROM meetlat_rounds WHERE token LIKE 'verlopen-%'"), 1);
	assert_int_equal(tdb_int(db, "SELECT COUNT(*) FROM access_log WHERE at = 1"), 0);
	assert_int_equal(
	    tdb_int(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'retention.run'"), 1);
	/* a period the beheerder set is the one used: three days keeps nothing older */
	int days[RET_N] = {3, 3, 3};
	assert_int_equal(retention_set(db, w.org, w.admin, days), SAVE_OK);
	int got[RET_N];
	assert_int_equal(retention_days(db, w.org, got), 0);
	assert_int_equal(got[RET_LINKS], 3);
	int bad[RET_N] = {0, 3, 3};
	assert_int_equal(retention_set(db, w.org, w.admin, bad), SAVE_REFUSED);
	tdb_close(w.t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_register_decides_every_sqlite_text_column),
	    cmocka_unit_test(test_register_names_every_reference_to_a_person),
	    cmocka_unit_test(test_register_decides_every_postgres_text_column),
	    cmocka_unit_test(test_erase_is_whole_or_nothing),
	    cmocka_unit_test(test_erase_removes_secrets_tokens_and_zelftest),
	    cmocka_unit_test(test_erase_refuses_what_it_may_not),
	    cmocka_unit_test(test_inzage_of_10000_records_is_complete),
	    cmocka_unit_test(test_inzage_finds_the_name_in_posto_and_workshop),
	    cmocka_unit_test(test_retention_erases_a_departed_person_after_the_period),
	    cmocka_unit_test(test_retention_clears_each_category_past_its_period),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
