/*
 * demo_privacy.c - the demo's privacy records (cli/demo_privacy.h).
 */
#include "demo_privacy.h"

#include "../auth/roles.h"
#include "../core/org.h"
#include "../core/privacy.h"

/* The id of one row the query finds (0 when none), or -1 on error. */
static long long one_id(struct db *db, struct db_sql sql, const struct db_param *args)
{
	long long id = 0;
	int rc = db_query_int_stmt(db, sql, args, &id);
	return rc == DB_ROW ? id : rc == DB_DONE ? 0 : -1;
}

int demo_privacy_load(struct db *db)
{
	long long org = one_id(db, DB_SQL("SELECT id FROM orgs WHERE slug = ?"),
	                       DB_ARGS(DB_TEXT("de-sleutel")));
	if (org <= 0)
		return org < 0 ? -1 : 0;
	long long logged = one_id(db, DB_SQL("SELECT COUNT(*) FROM access_log WHERE org_id = ?"),
	                          DB_ARGS(DB_INT(org)));
	if (logged != 0)
		return logged < 0 ? -1 : 0; /* loaded before */
	long long marieke = one_id(db, DB_SQL("SELECT id FROM persons WHERE email = ?"),
	                           DB_ARGS(DB_TEXT("marieke@desleutel.nl")));
	long long sascha = one_id(db, DB_SQL("SELECT id FROM persons WHERE email = ?"),
	                          DB_ARGS(DB_TEXT("sascha@desleutel.nl")));
	long long partner = one_id(
	    db, DB_SQL("SELECT MIN(id) FROM partners WHERE org_id = ? AND contact_name <> ''"),
	    DB_ARGS(DB_INT(org)));
	if (marieke <= 0 || sascha <= 0 || partner < 0)
		return -1;
	/* a colleague who left: their details go when the contact period has passed */
	long long kees = 0;
	int made = person_create(db, "kees.devries@desleutel.nl", "Kees de Vries", "", &kees);
	if (made < 0)
		return -1;
	if (made == 0 && (member_set_role(db, org, marieke, kees, ROLE_MEDEWERKER) != SAVE_OK ||
	                  member_remove(db, org, marieke, kees) != SAVE_OK))
		return -1;
	if (privacy_log_view(db, org, marieke, "person", sascha, "detail") != 0 ||
	    (partner > 0 && privacy_log_view(db, org, sascha, "partner", partner, "detail") != 0) ||
	    (partner > 0 && privacy_log_view(db, org, marieke, "partner", partner, "inzage") != 0))
		return -1;
	return 0;
}
