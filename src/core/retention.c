/*
 * retention.c - retention periods and their daily enforcement
 * (core/retention.h).
 */
#include "retention.h"

#include <stdio.h>
#include <string.h>

#include "../util/clock.h"

#define DAY 86400LL

static const char *const names[RET_N] = {"contact", "links", "access_log"};
static const int defaults[RET_N] = {365, 90, 365};

const char *retention_name(enum retention_category c)
{
	return c < RET_N ? names[c] : "";
}

int retention_default(enum retention_category c)
{
	return c < RET_N ? defaults[c] : 0;
}

int retention_days(struct db *db, long long org_id, int days[RET_N])
{
	for (int c = 0; c < RET_N; c++)
		days[c] = defaults[c];
	struct db_stmt *st;
	if (db_query(db, &st, "SELECT category, days FROM retention_settings WHERE org_id = ?",
	             DB_ARGS(DB_INT(org_id))) != DB_OK)
		return -1;
	struct arena a;
	arena_init(&a);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *cat = db_col_text(st, 0, &a);
		for (int c = 0; c < RET_N; c++)
			if (strcmp(cat, names[c]) == 0)
				days[c] = (int)db_col_int(st, 1);
	}
	db_finish(st);
	arena_free(&a);
	return rc == DB_DONE ? 0 : -1;
}

enum save_result retention_set(struct db *db, long long org_id, long long actor,
                               const int days[RET_N])
{
	for (int c = 0; c < RET_N; c++)
		if (days[c] < 1 || days[c] > 3650)
			return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	enum save_result rc = SAVE_OK;
	char detail[64];
	snprintf(detail, sizeof(detail), "%d/%d/%d", days[0], days[1], days[2]);
	for (int c = 0; c < RET_N && rc == SAVE_OK; c++)
		if (db_exec(db,
		            "INSERT INTO retention_settings (org_id, category, days) VALUES (?1, "
		            "?2, ?3)"
		            " ON CONFLICT (org_id, category) DO UPDATE SET days = excluded.days",
		            DB_ARGS(DB_INT(org_id), DB_TEXT(names[c]), DB_INT(days[c]))) != DB_OK)
			rc = SAVE_ERROR;
	if (rc == SAVE_OK && audit_write(db, org_id, actor, "retention.settings", "", detail) != 0)
		rc = SAVE_ERROR;
	return save_finish(db, rc);
}

/* Counts of one category's items older than cut (now) and older than cut + 30 days (soon). */
static int count_due(struct db *db, enum retention_category c, long long org_id, long long cut,
                     long long *out)
{
	const struct db_param *args = DB_ARGS(DB_INT(org_id), DB_INT(cut));
	long long a = 0, b = 0, d = 0;
	int rc = DB_ROW;
	switch (c) {
	case RET_CONTACT:
		if ((rc = db_query_int(
		         db,
		         "SELECT COUNT(*) FROM privacy_departures d WHERE d.org_id = ?1"
		         " AND d.left_at < ?2 AND NOT EXISTS (SELECT 1 FROM memberships m"
		         " WHERE m.person_id = d.person_id)",
		         args, &a)) != DB_ROW)
			break;
		if ((rc = db_query_int(db,
		                       "SELECT COUNT(*) FROM communities WHERE org_id = ?1"
		                       " AND status = 'gestopt' AND status_since < ?2"
		                       " AND (contact_name <> '' OR contact_how <> '')",
		                       args, &b)) != DB_ROW)
			break;
		rc = db_query_int(
		    db,
		    "SELECT COUNT(*) FROM partners p WHERE p.org_id = ?1"
		    " AND p.updated_at < ?2 AND (p.contact_name <> '' OR p.contact_how <> '')"
		    " AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.org_id = ?1"
		    " AND c.partner_id = p.id AND c.updated_at >= ?2)",
		    args, &d);
		break;
	case RET_LINKS:
		if ((rc = db_query_int(db,
		                       "SELECT COUNT(*) FROM meetlat_rounds WHERE org_id = ?1"
		                       " AND status = 'closed' AND closed_at < ?2"
		                       " AND token NOT LIKE 'verlopen-%'",
		                       args, &a)) != DB_ROW)
			break;
		rc = db_query_int(db,
		                  "SELECT COUNT(*) FROM calendar_keys k WHERE k.org_id = ?1"
		                  " AND k.created_at < ?2 AND k.person_id IS NOT NULL"
		                  " AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = ?1"
		                  " AND m.person_id = k.person_id)",
		                  args, &b);
		break;
	default:
		rc = db_query_int(
		    db, "SELECT COUNT(*) FROM access_log WHERE org_id = ?1 AND at < ?2", args, &a);
		break;
	}
	*out = a + b + d;
	return rc == DB_ROW ? 0 : -1;
}

int retention_overview(struct db *db, long long org_id, struct retention_due out[RET_N])
{
	int days[RET_N];
	if (retention_days(db, org_id, days) != 0)
		return -1;
	long long now = (long long)clock_now();
	for (int c = 0; c < RET_N; c++) {
		long long cut = now - days[c] * DAY;
		long long soon_total = 0;
		memset(&out[c], 0, sizeof(out[c]));
		if (count_due(db, c, org_id, cut, &out[c].now) != 0 ||
		    count_due(db, c, org_id, cut + 30 * DAY, &soon_total) != 0)
			return -1;
		out[c].soon = soon_total - out[c].now;
	}
	/* the next date: the oldest item not yet due, per category */
	long long t = 0;
	const struct db_param *a0 = DB_ARGS(DB_INT(org_id), DB_INT(now - days[RET_CONTACT] * DAY));
	if (db_query_int(db,
	                 "SELECT COALESCE(MIN(d.left_at), 0) FROM privacy_departures d"
	                 " WHERE d.org_id = ?1 AND d.left_at >= ?2 AND NOT EXISTS"
	                 " (SELECT 1 FROM memberships m WHERE m.person_id = d.person_id)",
	                 a0, &t) != DB_ROW)
		return -1;
	out[RET_CONTACT].next = t ? t + days[RET_CONTACT] * DAY : 0;
	const struct db_param *a2 =
	    DB_ARGS(DB_INT(org_id), DB_INT(now - days[RET_ACCESS_LOG] * DAY));
	if (db_query_int(
	        db, "SELECT COALESCE(MIN(at), 0) FROM access_log WHERE org_id = ?1 AND at >= ?2",
	        a2, &t) != DB_ROW)
		return -1;
	out[RET_ACCESS_LOG].next = t ? t + days[RET_ACCESS_LOG] * DAY : 0;
	const struct db_param *a1 = DB_ARGS(DB_INT(org_id), DB_INT(now - days[RET_LINKS] * DAY));
	if (db_query_int(
	        db,
	        "SELECT COALESCE(MIN(closed_at), 0) FROM meetlat_rounds WHERE org_id = ?1"
	        " AND status = 'closed' AND closed_at >= ?2 AND token NOT LIKE 'verlopen-%'",
	        a1, &t) != DB_ROW)
		return -1;
	out[RET_LINKS].next = t ? t + days[RET_LINKS] * DAY : 0;
	return 0;
}

static int read_id(struct db_stmt *st, void *elem, struct arena *a)
{
	(void)a;
	*(long long *)elem = db_col_int(st, 0);
	return 0;
}

struct departed {
	long long person;
	const char *role;
};

static int read_departed(struct db_stmt *st, void *elem, struct arena *a)
{
	struct departed *d = elem;
	d->person = db_col_int(st, 0);
	d->role = db_col_text(st, 1, a);
	return 0;
}

/* The contact category inside the open transaction. 0 or -1. */
static int enforce_contact(struct db *db, struct arena *a, long long org_id, long long cut,
                           const struct privacy_labels *labels, long long *removed)
{
	struct departed *gone;
	long long *partners, *communities;
	size_t n1, n2, n3;
	const struct db_param *args = DB_ARGS(DB_INT(org_id), DB_INT(cut));
	if (db_rows(db, a,
	            "SELECT d.person_id, d.role FROM privacy_departures d WHERE d.org_id = ?1"
	            " AND d.left_at < ?2 AND NOT EXISTS (SELECT 1 FROM memberships m"
	            " WHERE m.person_id = d.person_id) ORDER BY d.person_id",
	            args, sizeof(struct departed), read_departed, &gone, &n1) != 0 ||
	    db_rows(db, a,
	            "SELECT id FROM communities WHERE org_id = ?1 AND status = 'gestopt'"
	            " AND status_since < ?2 AND (contact_name <> '' OR contact_how <> '')"
	            " ORDER BY id",
	            args, sizeof(long long), read_id, &communities, &n2) != 0 ||
	    db_rows(db, a,
	            "SELECT p.id FROM partners p WHERE p.org_id = ?1 AND p.updated_at < ?2"
	            " AND (p.contact_name <> '' OR p.contact_how <> '')"
	            " AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.org_id = ?1"
	            " AND c.partner_id = p.id AND c.updated_at >= ?2) ORDER BY p.id",
	            args, sizeof(long long), read_id, &partners, &n3) != 0)
		return -1;
	for (size_t i = 0; i < n1; i++) {
		const char *label =
		    strcmp(gone[i].role, "ambassadeur") == 0 ? labels->ambassador : labels->staff;
		if (privacy_erase_login_tx(db, org_id, 0, gone[i].person, label) != 0)
			return -1;
	}
	for (size_t i = 0; i < n2; i++)
		if (privacy_erase_contact_tx(db, org_id, 0, "community", communities[i],
		                             labels->contact) != 0)
			return -1;
	for (size_t i = 0; i < n3; i++)
		if (privacy_erase_contact_tx(db, org_id, 0, "partner", partners[i],
		                             labels->contact) != 0)
			return -1;
	*removed = (long long)(n1 + n2 + n3);
	return 0;
}

int retention_enforce(struct db *db, long long org_id, const struct privacy_labels *labels,
                      long long removed[RET_N])
{
	int days[RET_N];
	for (int c = 0; c < RET_N; c++)
		removed[c] = 0;
	if (retention_days(db, org_id, days) != 0)
		return -1;
	long long now = (long long)clock_now();
	if (db_begin(db) != DB_OK)
		return -1;
	struct arena a;
	arena_init(&a);
	int rc = enforce_contact(db, &a, org_id, now - days[RET_CONTACT] * DAY, labels,
	                         &removed[RET_CONTACT]);
	const struct db_param *links = DB_ARGS(DB_INT(org_id), DB_INT(now - days[RET_LINKS] * DAY));
	if (rc == 0 && db_exec(db,
	                       "UPDATE meetlat_rounds SET token = 'verlopen-' || CAST(id AS TEXT)"
	                       " WHERE org_id = ?1 AND status = 'closed' AND closed_at < ?2"
	                       " AND token NOT LIKE 'verlopen-%'",
	                       links) != DB_OK)
		rc = -1;
	removed[RET_LINKS] = rc == 0 ? db_changes(db) : 0;
	if (rc == 0 &&
	    db_exec(db,
	            "DELETE FROM calendar_keys WHERE org_id = ?1 AND created_at < ?2"
	            " AND person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM memberships m"
	            " WHERE m.org_id = ?1 AND m.person_id = calendar_keys.person_id)",
	            links) != DB_OK)
		rc = -1;
	removed[RET_LINKS] += rc == 0 ? db_changes(db) : 0;
	/* (the pulse's anonymous links and the idea box: the lead adds their hooks here) */
	if (rc == 0 &&
	    db_exec(db, "DELETE FROM access_log WHERE org_id = ?1 AND at < ?2",
	            DB_ARGS(DB_INT(org_id), DB_INT(now - days[RET_ACCESS_LOG] * DAY))) != DB_OK)
		rc = -1;
	removed[RET_ACCESS_LOG] = rc == 0 ? db_changes(db) : 0;
	arena_free(&a);
	if (rc == 0 && removed[RET_CONTACT] + removed[RET_LINKS] + removed[RET_ACCESS_LOG] > 0) {
		char detail[96];
		snprintf(detail, sizeof(detail), "%lld/%lld/%lld", removed[0], removed[1],
		         removed[2]);
		if (audit_write(db, org_id, 0, "retention.run", "", detail) != 0)
			rc = -1;
	}
	if (rc != 0) {
		db_rollback(db);
		return -1;
	}
	if (db_commit(db) != DB_OK)
		return -1;
	if (removed[RET_CONTACT] > 0)
		privacy_purge_search(db);
	return 0;
}

int retention_run_due(struct db *db, const struct privacy_labels *labels, bool force, int *n_orgs)
{
	char today[16];
	clock_today(today);
	*n_orgs = 0;
	struct arena a;
	arena_init(&a);
	long long *orgs;
	size_t n;
	if (db_rows(db, &a,
	            "SELECT o.id FROM orgs o LEFT JOIN retention_runs r ON r.org_id = o.id"
	            " WHERE ?1 = 1 OR r.ran_on IS NULL OR r.ran_on <> ?2 ORDER BY o.id",
	            DB_ARGS(DB_INT(force ? 1 : 0), DB_TEXT(today)), sizeof(long long), read_id,
	            &orgs, &n) != 0) {
		arena_free(&a);
		return -1;
	}
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		long long removed[RET_N];
		if (retention_enforce(db, orgs[i], labels, removed) != 0 ||
		    db_exec(db,
		            "INSERT INTO retention_runs (org_id, ran_on) VALUES (?1, ?2)"
		            " ON CONFLICT (org_id) DO UPDATE SET ran_on = excluded.ran_on",
		            DB_ARGS(DB_INT(orgs[i]), DB_TEXT(today))) != DB_OK) {
			rc = -1;
			continue;
		}
		(*n_orgs)++;
	}
	arena_free(&a);
	return rc;
}
