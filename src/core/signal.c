/*
 * signal.c - keeping the signals (see signal.h): compute the facts, bring
 * the table in line with them, compare, read, set aside, settings.
 */
#include <string.h>
#include <time.h>

#include "../util/date.h"
#include "signal.h"
#include "goal.h"

/* ---- settings ---- */

int signal_settings_get(struct db *db, long long org_id, struct signal_settings *out)
{
	out->max_communities = SIGNAL_MAX_COMMUNITIES;
	for (int k = 0; k < SIG_N; k++)
		out->on[k] = true;
	long long max = 0;
	int rc = db_query_int(db, "SELECT max_communities FROM signal_settings WHERE org_id = ?",
	                      DB_ARGS(DB_INT(org_id)), &max);
	if (rc == DB_ROW)
		out->max_communities = max;
	else if (rc != DB_DONE)
		return -1;
	struct arena a;
	arena_init(&a);
	struct db_stmt *st;
	if (db_query(db, &st, "SELECT kind FROM signal_kinds_off WHERE org_id = ?",
	             DB_ARGS(DB_INT(org_id))) != DB_OK) {
		arena_free(&a);
		return -1;
	}
	while ((rc = db_step(st)) == DB_ROW) {
		int k = signal_kind_from_name(db_col_text(st, 0, &a));
		if (k >= 0)
			out->on[k] = false;
	}
	db_finish(st);
	arena_free(&a);
	return rc == DB_DONE ? 0 : -1;
}

enum save_result signal_settings_save(struct db *db, long long org_id, long long actor,
                                      const struct signal_settings *s)
{
	if (s->max_communities < 1 || s->max_communities > 50)
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	enum save_result rc = SAVE_OK;
	if (db_exec(db,
	            "INSERT INTO signal_settings (org_id, max_communities) VALUES (?1, ?2)"
	            " ON CONFLICT (org_id) DO UPDATE SET max_communities = ?2",
	            DB_ARGS(DB_INT(org_id), DB_INT(s->max_communities))) != DB_OK ||
	    db_exec(db, "DELETE FROM signal_kinds_off WHERE org_id = ?", DB_ARGS(DB_INT(org_id))) !=
	        DB_OK)
		rc = SAVE_ERROR;
	for (int k = 0; k < SIG_N && rc == SAVE_OK; k++)
		if (!s->on[k] &&
		    db_exec(db, "INSERT INTO signal_kinds_off (org_id, kind) VALUES (?, ?)",
		            DB_ARGS(DB_INT(org_id), DB_TEXT(signal_kind_names[k]))) != DB_OK)
			rc = SAVE_ERROR;
	char today[16];
	signal_today(today);
	if (rc == SAVE_OK && (signals_refresh_org(db, org_id, today) != 0 ||
	                      audit_write(db, org_id, actor, "signals.settings", "", "") != 0))
		rc = SAVE_ERROR;
	return save_finish(db, rc);
}

/* ---- computing ---- */

int signals_compute(struct db *db, struct arena *a, long long org_id, long long community_id,
                    const char *today, struct signal_facts *out)
{
	struct signal_settings set;
	*out = (struct signal_facts){.a = a};
	if (signal_settings_get(db, org_id, &set) != 0)
		return -1;
	struct signal_facts all = {.a = a};
	if (signal_rule_staff(db, org_id, community_id, &all) != 0 ||
	    signal_rule_no_contact(db, org_id, community_id, today, &all) != 0 ||
	    signal_rule_actions_late(db, org_id, community_id, today, &all) != 0 ||
	    signal_rule_report_not_sent(db, org_id, community_id, today, &all) != 0 ||
	    signal_rule_goals(db, org_id, community_id, &all) != 0 ||
	    signal_rule_subgoal_behind(db, org_id, community_id, today, &all) != 0 ||
	    signal_rule_made_by(db, org_id, community_id, today, &all) != 0 ||
	    signal_rule_stopped_early(db, org_id, community_id, &all) != 0 ||
	    signal_rule_items(db, org_id, community_id, &all) != 0 ||
	    signal_rule_plan(db, org_id, community_id, today, &all) != 0 ||
	    signal_rule_people(db, org_id, set.max_communities, &all) != 0)
		return -1;
	for (size_t i = 0; i < all.n; i++)
		if (set.on[all.v[i].kind]) {
			const struct signal_fact *f = &all.v[i];
			if (signal_facts_add(out, f->kind, f->community_id, f->person_id, f->n1,
			                     f->n2, f->n3, f->note) != 0)
				return -1;
		}
	return 0;
}

/* A kept row, for comparing. */
struct kept {
	long long id;
	struct signal_fact f;
	bool matched;
};

static int read_kept(struct db_stmt *st, void *elem, struct arena *a)
{
	struct kept *k = elem;
	k->id = db_col_int(st, 0);
	k->f.kind = signal_kind_from_name(db_col_text(st, 1, a));
	k->f.community_id = db_col_int(st, 2);
	k->f.person_id = db_col_int(st, 3);
	k->f.n1 = db_col_int(st, 4);
	k->f.n2 = db_col_int(st, 5);
	k->f.n3 = db_col_int(st, 6);
	k->f.note = db_col_text(st, 7, a);
	return 0;
}

/* The kept rows in the scope of a refresh of community_id (0: all). */
static int kept_rows(struct db *db, struct arena *a, long long org_id, long long community_id,
                     struct kept **out, size_t *n)
{
	return db_rows(db, a,
	               "SELECT id, kind, COALESCE(community_id, 0), COALESCE(person_id, 0), n1, n2,"
	               " n3, note FROM signals WHERE org_id = ?1"
	               " AND (?2 = 0 OR community_id = ?2 OR community_id IS NULL)",
	               DB_ARGS(DB_INT(org_id), DB_INT(community_id)), sizeof(**out), read_kept, out,
	               n);
}

static bool same_key(const struct signal_fact *x, const struct signal_fact *y)
{
	return x->kind == y->kind && x->community_id == y->community_id &&
	       x->person_id == y->person_id;
}

static bool same_numbers(const struct signal_fact *x, const struct signal_fact *y)
{
	return x->n1 == y->n1 && x->n2 == y->n2 && x->n3 == y->n3 && strcmp(x->note, y->note) == 0;
}

/*
 * Compares the facts with the kept rows; with apply, writes the
 * differences. Returns the number of differences, or -1.
 */
static long long reconcile(struct db *db, long long org_id, const struct signal_facts *facts,
                           struct kept *kept, size_t n_kept, bool apply)
{
	long long diff = 0;
	long long now = (long long)time(NULL);
	for (size_t i = 0; i < facts->n; i++) {
		const struct signal_fact *f = &facts->v[i];
		struct kept *k = NULL;
		for (size_t j = 0; j < n_kept; j++)
			if (!kept[j].matched && same_key(&kept[j].f, f)) {
				k = &kept[j];
				break;
			}
		if (k != NULL) {
			k->matched = true;
			if (same_numbers(&k->f, f))
				continue;
			diff++;
			if (apply && db_exec(db,
			                     "UPDATE signals SET n1 = ?, n2 = ?, n3 = ?, note = ?"
			                     " WHERE id = ? AND org_id = ?",
			                     DB_ARGS(DB_INT(f->n1), DB_INT(f->n2), DB_INT(f->n3),
			                             DB_TEXT(f->note), DB_INT(k->id),
			                             DB_INT(org_id))) != DB_OK)
				return -1;
			continue;
		}
		diff++;
		if (apply &&
		    db_exec(
		        db,
		        "INSERT INTO signals (org_id, kind, community_id, person_id, n1, n2, n3,"
		        " note, first_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		        DB_ARGS(DB_INT(org_id), DB_TEXT(signal_kind_names[f->kind]),
		                f->community_id ? DB_INT(f->community_id) : DB_NULL,
		                f->person_id ? DB_INT(f->person_id) : DB_NULL, DB_INT(f->n1),
		                DB_INT(f->n2), DB_INT(f->n3), DB_TEXT(f->note), DB_INT(now))) !=
		        DB_OK)
			return -1;
	}
	for (size_t j = 0; j < n_kept; j++) {
		if (kept[j].matched)
			continue;
		diff++;
		if (apply && db_exec(db, "DELETE FROM signals WHERE id = ? AND org_id = ?",
		                     DB_ARGS(DB_INT(kept[j].id), DB_INT(org_id))) != DB_OK)
			return -1;
	}
	return diff;
}

/*
 * On PostgreSQL two requests (or two instances) may refresh one
 * organisation at once: the second waits for the first to commit, so they
 * never both add the same signal. SQLite writes one at a time anyway.
 */
static int lock_org(struct db *db, long long org_id)
{
	if (db_backend(db) != DB_POSTGRES)
		return 0;
	long long one = 0;
	return db_query_int(db,
	                    "/* postgres */ SELECT COUNT(*) FROM (SELECT"
	                    " pg_advisory_xact_lock(1803, CAST(?1 AS INTEGER))) AS l",
	                    DB_ARGS(DB_INT(org_id)), &one) == DB_ROW
	           ? 0
	           : -1;
}

static int refresh(struct db *db, long long org_id, long long community_id, const char *today)
{
	if (lock_org(db, org_id) != 0)
		return -1;
	struct arena a;
	arena_init(&a);
	struct signal_facts facts;
	struct kept *kept;
	size_t n_kept;
	int rc = -1;
	if (signals_compute(db, &a, org_id, community_id, today, &facts) == 0 &&
	    kept_rows(db, &a, org_id, community_id, &kept, &n_kept) == 0 &&
	    reconcile(db, org_id, &facts, kept, n_kept, true) >= 0 &&
	    /* the subgoals' states move with the same changes (goal.h) */
	    (community_id < 0 || subgoal_states_refresh(db, org_id, community_id, today) == 0))
		rc = 0;
	arena_free(&a);
	return rc;
}

int signals_refresh_community(struct db *db, long long org_id, long long community_id,
                              const char *today)
{
	/* community 0 would mean "all": a change without a community refreshes
	 * only the organisation's own and the people's signals */
	return refresh(db, org_id, community_id ? community_id : -1, today);
}

int signals_refresh_org(struct db *db, long long org_id, const char *today)
{
	if (refresh(db, org_id, 0, today) != 0)
		return -1;
	return db_exec(db,
	               "INSERT INTO signal_settings (org_id, refreshed_on) VALUES (?1, ?2)"
	               " ON CONFLICT (org_id) DO UPDATE SET refreshed_on = ?2",
	               DB_ARGS(DB_INT(org_id), DB_TEXT(today))) == DB_OK
	           ? 0
	           : -1;
}

/* Set by bulk loading (the CLI's demo), never by the server. */
static bool bulk;

void signals_bulk(bool on)
{
	bulk = on;
}

int signals_touch_org(struct db *db, long long org_id)
{
	if (bulk)
		return 0;
	char today[16];
	signal_today(today);
	return signals_refresh_org(db, org_id, today);
}

int signals_touch(struct db *db, long long org_id, long long community_id)
{
	if (bulk)
		return 0;
	char today[16];
	signal_today(today);
	return signals_refresh_community(db, org_id, community_id, today);
}

static int read_id(struct db_stmt *st, void *elem, struct arena *a)
{
	(void)a;
	*(long long *)elem = db_col_int(st, 0);
	return 0;
}

int signals_refresh_all(struct db *db, const char *today, int *n_done)
{
	if (db_exec(db, "UPDATE signal_settings SET refreshed_on = ''", DB_NOARGS) != DB_OK)
		return -1;
	return signals_refresh_due(db, today, n_done);
}

int signals_refresh_due(struct db *db, const char *today, int *n_done)
{
	struct arena a;
	arena_init(&a);
	long long *orgs;
	size_t n;
	int done = 0, rc = 0;
	if (db_rows(db, &a,
	            "SELECT o.id FROM orgs o LEFT JOIN signal_settings s ON s.org_id = o.id"
	            " WHERE s.refreshed_on IS NULL OR s.refreshed_on <> ? ORDER BY o.id",
	            DB_ARGS(DB_TEXT(today)), sizeof(*orgs), read_id, &orgs, &n) != 0) {
		arena_free(&a);
		return -1;
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (db_begin(db) != DB_OK) {
			rc = -1;
			break;
		}
		if (signals_refresh_org(db, orgs[i], today) != 0 || db_commit(db) != DB_OK) {
			db_rollback(db);
			rc = -1;
		} else {
			done++;
		}
	}
	arena_free(&a);
	if (n_done)
		*n_done = done;
	return rc;
}

int signals_check(struct db *db, const char *today, long long *differences)
{
	struct arena a;
	arena_init(&a);
	long long *orgs;
	size_t n;
	*differences = 0;
	if (db_begin_read(db) != DB_OK) {
		arena_free(&a);
		return -1;
	}
	int rc = db_rows(db, &a, "SELECT id FROM orgs ORDER BY id", DB_NOARGS, sizeof(*orgs),
	                 read_id, &orgs, &n);
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct signal_facts facts;
		struct kept *kept;
		size_t n_kept;
		long long d = -1;
		long long states = 0;
		if (signals_compute(db, &a, orgs[i], 0, today, &facts) == 0 &&
		    kept_rows(db, &a, orgs[i], 0, &kept, &n_kept) == 0 &&
		    subgoal_states_check(db, orgs[i], today, &states) == 0)
			d = reconcile(db, orgs[i], &facts, kept, n_kept, false);
		if (d >= 0)
			d += states;
		if (d < 0)
			rc = -1;
		else
			*differences += d;
	}
	db_end_read(db);
	arena_free(&a);
	return rc;
}

/* ---- reading ---- */

#define SIGNAL_SELECT                                                                              \
	"SELECT s.id, s.kind, COALESCE(s.community_id, 0), COALESCE(c.name, ''),"                  \
	" COALESCE(s.person_id, 0), COALESCE(p.name, ''), s.n1, s.n2, s.n3, s.note, s.first_seen," \
	" s.aside_until, s.aside_reason, COALESCE(b.name, '') FROM signals s"                      \
	" LEFT JOIN communities c ON c.id = s.community_id AND c.org_id = s.org_id"                \
	" LEFT JOIN persons p ON p.id = s.person_id"                                               \
	" LEFT JOIN persons b ON b.id = s.aside_by"

static int read_signal(struct db_stmt *st, void *elem, struct arena *a)
{
	struct signal *s = elem;
	s->id = db_col_int(st, 0);
	s->kind = signal_kind_from_name(db_col_text(st, 1, a));
	s->community_id = db_col_int(st, 2);
	s->community_name = db_col_text(st, 3, a);
	s->person_id = db_col_int(st, 4);
	s->person_name = db_col_text(st, 5, a);
	s->n1 = db_col_int(st, 6);
	s->n2 = db_col_int(st, 7);
	s->n3 = db_col_int(st, 8);
	s->note = db_col_text(st, 9, a);
	s->first_seen = db_col_int(st, 10);
	s->aside_until = db_col_text(st, 11, a);
	s->aside_reason = db_col_text(st, 12, a);
	s->aside_by_name = db_col_text(st, 13, a);
	return s->kind < 0 ? -1 : 0;
}

int signals_list(struct db *db, struct arena *a, long long org_id, const struct signal_filter *f,
                 const char *today, struct signal **out, size_t *n_out)
{
	const char *kind = f->kind >= 0 && f->kind < SIG_N ? signal_kind_names[f->kind] : "";
	return db_rows(
	    db, a,
	    SIGNAL_SELECT
	    " WHERE s.org_id = ?1 AND (?2 = '' OR s.kind = ?2)"
	    " AND ((?3 = 0 AND (s.aside_until = '' OR s.aside_until < ?4))"
	    " OR (?3 = 1 AND s.aside_until >= ?4))"
	    " AND (?5 = 0 OR s.person_id = ?5 OR s.community_id IN (SELECT cs.community_id"
	    " FROM community_staff_current cs WHERE cs.org_id = ?1 AND cs.person_id = ?5))"
	    " AND (?6 = 0 OR s.community_id IN (SELECT ca.community_id FROM community_ambassadors "
	    "ca"
	    " JOIN memberships m ON m.org_id = ca.org_id AND m.person_id = ca.person_id"
	    " AND m.role = 'ambassadeur' WHERE ca.org_id = ?1 AND ca.person_id = ?6))"
	    " ORDER BY CASE WHEN s.community_id IS NULL THEN 1 ELSE 0 END, c.name,"
	    " s.community_id, s.kind, p.name, s.id LIMIT 1000",
	    DB_ARGS(DB_INT(org_id), DB_TEXT(kind), DB_INT(f->aside ? 1 : 0), DB_TEXT(today),
	            DB_INT(f->mine), DB_INT(f->only_attached)),
	    sizeof(**out), read_signal, out, n_out);
}

int signals_of_community(struct db *db, struct arena *a, long long org_id, long long community_id,
                         const char *today, struct signal **out, size_t *n_out)
{
	return db_rows(db, a,
	               SIGNAL_SELECT " WHERE s.org_id = ?1 AND s.community_id = ?2"
	                             " AND (s.aside_until = '' OR s.aside_until < ?3)"
	                             " ORDER BY s.kind, s.id",
	               DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_TEXT(today)), sizeof(**out),
	               read_signal, out, n_out);
}

long long signals_count(struct db *db, long long org_id, long long only_attached, const char *today)
{
	long long n = 0;
	if (db_query_int(db,
	                 "SELECT COUNT(*) FROM signals s WHERE s.org_id = ?1"
	                 " AND (s.aside_until = '' OR s.aside_until < ?2)"
	                 " AND (?3 = 0 OR s.community_id IN (SELECT ca.community_id"
	                 " FROM community_ambassadors ca JOIN memberships m ON m.org_id = ca.org_id"
	                 " AND m.person_id = ca.person_id AND m.role = 'ambassadeur'"
	                 " WHERE ca.org_id = ?1 AND ca.person_id = ?3))",
	                 DB_ARGS(DB_INT(org_id), DB_TEXT(today), DB_INT(only_attached)),
	                 &n) != DB_ROW)
		return -1;
	return n;
}

/* ---- setting aside ---- */

enum save_result signal_set_aside(struct db *db, long long org_id, long long actor, long long id,
                                  const char *until, const char *reason, const char *today)
{
	if (!date_valid(until) || strcmp(until, today) <= 0 || reason == NULL ||
	    reason[0] == '\0' || strlen(reason) > SIGNAL_REASON_MAX)
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	enum save_result rc = SAVE_OK;
	long long found = 0;
	int q = db_query_int(db, "SELECT id FROM signals WHERE id = ? AND org_id = ?",
	                     DB_ARGS(DB_INT(id), DB_INT(org_id)), &found);
	if (q == DB_DONE)
		rc = SAVE_NOT_FOUND;
	else if (q != DB_ROW)
		rc = SAVE_ERROR;
	else if (db_exec(db,
	                 "UPDATE signals SET aside_until = ?, aside_reason = ?, aside_by = ?,"
	                 " aside_at = ? WHERE id = ? AND org_id = ?",
	                 DB_ARGS(DB_TEXT(until), DB_TEXT(reason), actor ? DB_INT(actor) : DB_NULL,
	                         DB_INT((long long)time(NULL)), DB_INT(id), DB_INT(org_id))) !=
	             DB_OK ||
	         audit_write(db, org_id, actor, "signal.aside", until, "") != 0)
		rc = SAVE_ERROR;
	return save_finish(db, rc);
}

enum save_result signal_restore(struct db *db, long long org_id, long long actor, long long id)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	enum save_result rc = SAVE_OK;
	long long found = 0;
	int q = db_query_int(db, "SELECT id FROM signals WHERE id = ? AND org_id = ?",
	                     DB_ARGS(DB_INT(id), DB_INT(org_id)), &found);
	if (q == DB_DONE)
		rc = SAVE_NOT_FOUND;
	else if (q != DB_ROW)
		rc = SAVE_ERROR;
	else if (db_exec(db,
	                 "UPDATE signals SET aside_until = '', aside_reason = '', aside_by = NULL,"
	                 " aside_at = 0 WHERE id = ? AND org_id = ?",
	                 DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK ||
	         audit_write(db, org_id, actor, "signal.restore", "", "") != 0)
		rc = SAVE_ERROR;
	return save_finish(db, rc);
}
