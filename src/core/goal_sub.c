/*
 * goal_sub.c - SMART subgoals, their measurements, the value kring counts
 * itself from a community's activities, progress against target and time,
 * and the counts the dashboard shows (see goal.h).
 */
#include "goal.h"

#include <string.h>

#include "../auth/roles.h"
#include "partner_util.h"
#include "signal.h"
#include "vocab.h"

/* ---- pure parts: dates, SMART, progress ---- */

/* Days since 1970-01-01 of a valid "YYYY-MM-DD" (Howard Hinnant's days_from_civil). */
static long long ymd_days(const char *s)
{
	long long y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	unsigned m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
	unsigned d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

static bool is_date(const char *s)
{
	return s && date_valid(s);
}

unsigned subgoal_smart_check(const struct subgoal *s, const char *today)
{
	unsigned f = 0;
	bool dl = is_date(s->deadline);
	if (!dl)
		f |= SMART_NO_DEADLINE;
	if (!s->has_target)
		f |= SMART_NO_TARGET;
	if (!s->has_baseline)
		f |= SMART_NO_BASELINE;
	if (dl && is_date(today) && strcmp(s->deadline, today) < 0)
		f |= SMART_DEADLINE_PAST;
	if (dl && is_date(s->baseline_on) && strcmp(s->deadline, s->baseline_on) < 0)
		f |= SMART_DEADLINE_BEFORE_BASE;
	return f;
}

static int clamp_pct(long long v)
{
	return v < 0 ? 0 : v > 100 ? 100 : (int)v;
}

struct goal_progress goal_progress_compute(bool has_baseline, long long baseline, bool has_target,
                                           long long target, bool has_value, long long value,
                                           const char *start, const char *deadline,
                                           const char *today)
{
	struct goal_progress p = {.state = GOAL_UNKNOWN, .done_pct = 0, .elapsed_pct = -1};
	bool dl = is_date(deadline) && is_date(today);
	if (dl) {
		long long t = ymd_days(today), d = ymd_days(deadline);
		long long st = is_date(start) ? ymd_days(start) : t;
		if (d <= st)
			p.elapsed_pct = t >= d ? 100 : 0;
		else
			p.elapsed_pct = clamp_pct((t - st) * 100 / (d - st));
	}
	if (!has_target || !has_value)
		return p;
	long long base = has_baseline ? baseline : 0;
	bool up = target >= base;
	bool reached = up ? value >= target : value <= target;
	if (reached) {
		p.state = GOAL_REACHED;
		p.done_pct = 100;
		return p;
	}
	long long way = up ? target - base : base - target; /* > 0: not reached */
	long long gone = up ? value - base : base - value;
	p.done_pct = clamp_pct(gone * 100 / way);
	if (!dl)
		p.state = p.done_pct > 0 ? GOAL_ON_SCHEDULE : GOAL_UNKNOWN;
	else if (strcmp(today, deadline) > 0)
		p.state = GOAL_BEHIND;
	else
		p.state = p.done_pct + 10 >= p.elapsed_pct ? GOAL_ON_SCHEDULE : GOAL_BEHIND;
	return p;
}

struct goal_progress subgoal_progress(const struct subgoal *s, const char *today)
{
	const char *start = is_date(s->baseline_on) ? s->baseline_on : "";
	char created[16] = "";
	if (start[0] == '\0' && s->created_at > 0) {
		time_t t = (time_t)s->created_at;
		struct tm tm;
		localtime_r(&t, &tm);
		strftime(created, sizeof(created), "%Y-%m-%d", &tm);
		start = created;
	}
	return goal_progress_compute(s->has_baseline, s->baseline, s->has_target, s->target,
	                             s->has_value, s->value, start, s->deadline, today);
}

/* ---- subgoals ---- */

#define SUB_COLS                                                                                   \
	"SELECT s.id, s.version, s.community_id, s.goal_id, s.title, s.measure, s.measure_name,"   \
	" CASE WHEN s.baseline IS NULL THEN 0 ELSE 1 END, COALESCE(s.baseline, 0), s.baseline_on," \
	" CASE WHEN s.target IS NULL THEN 0 ELSE 1 END, COALESCE(s.target, 0), s.deadline,"        \
	" COALESCE(s.owner_id, 0), COALESCE(o.name, ''), COALESCE(w.name, ''),"                    \
	" CASE WHEN wm.role = 'ambassadeur' THEN 1 ELSE 0 END, s.created_at, c.name,"              \
	" c.started_on, c.created_at"
#define SUB_FROM                                                                                   \
	" FROM subgoals s JOIN communities c ON c.id = s.community_id AND c.org_id = s.org_id"     \
	" LEFT JOIN persons o ON o.id = s.owner_id LEFT JOIN persons w ON w.id = s.person_id"      \
	" LEFT JOIN memberships wm ON wm.person_id = s.person_id AND wm.org_id = s.org_id"

static void read_subgoal(struct db_stmt *st, struct arena *a, struct subgoal *s)
{
	memset(s, 0, sizeof(*s));
	s->id = db_col_int(st, 0);
	s->version = db_col_int(st, 1);
	s->community_id = db_col_int(st, 2);
	s->goal_id = db_col_int(st, 3);
	s->title = db_col_text(st, 4, a);
	s->measure = db_col_text(st, 5, a);
	s->measure_name = db_col_text(st, 6, a);
	s->has_baseline = db_col_int(st, 7) != 0;
	s->baseline = db_col_int(st, 8);
	s->baseline_on = db_col_text(st, 9, a);
	s->has_target = db_col_int(st, 10) != 0;
	s->target = db_col_int(st, 11);
	s->deadline = db_col_text(st, 12, a);
	s->owner_id = db_col_int(st, 13);
	s->owner = db_col_text(st, 14, a);
	s->who = db_col_text(st, 15, a);
	s->who_is_amb = db_col_int(st, 16) != 0;
	s->created_at = db_col_int(st, 17);
	s->community_name = db_col_text(st, 18, a);
	const char *started = db_col_text(st, 19, a);
	s->community_started = started[0] ? started : epoch_date(a, db_col_int(st, 20));
	s->value_on = "";
}

/* 1 for the measures kring counts from activities. */
static bool counted(const char *measure)
{
	return strcmp(measure, "activities") == 0 || strcmp(measure, "participants") == 0 ||
	       strcmp(measure, "made_by") == 0;
}

/*
 * What kring counts for the subgoals of ?1 (one community when ?3 is not 0):
 * the held activities of the subgoal's community from its baseline date up to
 * ?2, their participants, and those made met or door. One grouped join rather
 * than a subquery per subgoal: PostgreSQL's generic plan for the correlated
 * form scanned every activity of the organisation once per link (50-80 ms at
 * a hundred libraries; this is about 1 ms).
 */
/*
 * The held activities per counted subgoal, in two forms: one community
 * (`c_` filters by ?3, so both planners use the community's indexes instead of
 * reading every subgoal and activity of the organisation) and the whole
 * organisation (?3 unused).
 */
#define HELD_PER_SUBGOAL(filter)                                                                                                                                   \
	" LEFT JOIN (SELECT s2.id AS sid, COUNT(*) AS held,"                                                                                                       \
	" COALESCE(SUM(a.participants), 0) AS people,"                                                                                                             \
	" SUM(CASE WHEN a.made IN ('met', 'door') THEN 1 ELSE 0 END) AS made" /* each subgoal's community's links, then those activities (CROSS JOIN keeps       \
	   SQLite from walking all held activities of the organisation by date) */ \
	" FROM subgoals s2 CROSS JOIN activity_communities ac CROSS JOIN activities a"                                                                             \
	" WHERE ac.org_id = s2.org_id AND ac.community_id = s2.community_id"                                                                                       \
	" AND a.id = ac.activity_id AND a.org_id = ac.org_id"                                                                                                      \
	" AND s2.org_id = ?1" filter                                                                                                                               \
	" AND s2.measure IN ('activities', 'participants', 'made_by')"                                                                                             \
	" AND a.status = 'held' AND a.held_on >= s2.baseline_on AND a.held_on <= ?2"                                                                               \
	" GROUP BY s2.id) h ON h.sid = s.id"

#define SUBGOAL_LIST_SQL(filter, outer)                                                            \
	SUB_COLS ", (SELECT m.value FROM measurements m WHERE m.org_id = s.org_id"                 \
	         " AND m.subgoal_id = s.id ORDER BY m.measured_on DESC, m.id DESC LIMIT 1),"       \
	         " COALESCE((SELECT m.measured_on FROM measurements m WHERE"                       \
	         " m.org_id = s.org_id AND m.subgoal_id = s.id"                                    \
	         " ORDER BY m.measured_on DESC, m.id DESC LIMIT 1), ''),"                          \
	         " COALESCE(h.held, 0), COALESCE(h.people, 0), COALESCE(h.made, 0)" SUB_FROM       \
	         HELD_PER_SUBGOAL(                                                                 \
	             filter) " WHERE s.org_id = ?1" outer                                          \
	                     " AND (?4 = 0 OR EXISTS (SELECT 1 FROM community_ambassadors x"       \
	                     " WHERE x.org_id = s.org_id AND x.community_id = s.community_id"      \
	                     " AND x.person_id = ?4))"                                             \
	                     " ORDER BY c.name, s.community_id, s.goal_id, s.id"

int subgoal_list(struct db *db, struct arena *a, long long org_id, long long community_id,
                 long long only_attached, const char *today, struct subgoal **out, size_t *n_out)
{
	struct db_sql one = DB_SQL(SUBGOAL_LIST_SQL(" AND s2.community_id = ?3",
	                                            " AND s.community_id = ?3")),
	              all = DB_SQL(SUBGOAL_LIST_SQL(" AND ?3 = 0", ""));
	struct db_stmt *st;
	if (db_query_stmt(db, &st, community_id != 0 ? one : all,
	                  DB_ARGS(DB_INT(org_id), DB_TEXT(today), DB_INT(community_id),
	                          DB_INT(only_attached))) != DB_OK)
		return -1;
	size_t n = 0, cap = 0;
	struct subgoal *v = NULL;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, n, &cap, sizeof(*v));
		struct subgoal *s = &v[n++];
		read_subgoal(st, a, s);
		long long held = db_col_int(st, 23), people = db_col_int(st, 24),
		          made = db_col_int(st, 25);
		if (!counted(s->measure)) {
			s->has_value = !db_col_is_null(st, 21);
			s->value = db_col_int(st, 21);
			s->value_on = db_col_text(st, 22, a);
		} else if (strcmp(s->measure, "activities") == 0) {
			s->has_value = true;
			s->value = held;
		} else if (strcmp(s->measure, "participants") == 0) {
			s->has_value = true;
			s->value = people;
		} else {
			s->has_value = held > 0; /* no share of nothing */
			s->value = held > 0 ? (made * 100 + held / 2) / held : 0;
		}
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
}

int subgoal_get(struct db *db, struct arena *a, long long org_id, long long community_id,
                long long id, struct subgoal *out)
{
	struct db_stmt *st;
	if (db_query(db, &st,
	             SUB_COLS SUB_FROM " WHERE s.org_id = ?1 AND s.community_id = ?2 AND s.id = ?3",
	             DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_INT(id))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW)
		read_subgoal(st, a, out);
	db_finish(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int subgoal_owner_valid(struct db *db, long long org_id, long long community_id,
                        long long person_id)
{
	long long n = 0;
	if (db_query_int(
	        db,
	        "SELECT COUNT(*) FROM memberships m WHERE m.org_id = ?1 AND m.person_id = ?3"
	        " AND (m.role IN ('beheerder', 'medewerker') OR (m.role = 'ambassadeur'"
	        " AND EXISTS (SELECT 1 FROM community_ambassadors x WHERE x.org_id = ?1"
	        " AND x.community_id = ?2 AND x.person_id = ?3)))",
	        DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_INT(person_id)), &n) != DB_ROW)
		return -1;
	return n > 0;
}

int subgoal_owner_choices(struct db *db, struct arena *a, long long org_id, long long community_id,
                          struct goal_owner **out, size_t *n_out)
{
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT p.id, p.name, CASE WHEN m.role = 'ambassadeur' THEN 1 ELSE 0 END"
	             " FROM memberships m JOIN persons p ON p.id = m.person_id WHERE m.org_id = ?1"
	             " AND (m.role IN ('beheerder', 'medewerker') OR (m.role = 'ambassadeur'"
	             " AND EXISTS (SELECT 1 FROM community_ambassadors x WHERE x.org_id = ?1"
	             " AND x.community_id = ?2 AND x.person_id = m.person_id)))"
	             " ORDER BY p.name, p.id",
	             DB_ARGS(DB_INT(org_id), DB_INT(community_id))) != DB_OK)
		return -1;
	size_t n = 0, cap = 0;
	struct goal_owner *v = NULL;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, n, &cap, sizeof(*v));
		v[n].person_id = db_col_int(st, 0);
		v[n].name = db_col_text(st, 1, a);
		v[n].is_amb = db_col_int(st, 2) != 0;
		n++;
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
}

static bool value_ok(bool has, long long v)
{
	return !has || (v >= 0 && v <= GOAL_MAX_VALUE);
}

static bool subgoal_valid(const struct subgoal *s)
{
	if (s->title == NULL || s->title[0] == '\0' || vocab_index(goal_measures, s->measure) < 0)
		return false;
	if (strcmp(s->measure, "custom") == 0 && (s->measure_name == NULL || !s->measure_name[0]))
		return false;
	if (strcmp(s->measure, "made_by") == 0 &&
	    ((s->has_target && s->target > 100) || (s->has_baseline && s->baseline > 100)))
		return false;
	return value_ok(s->has_baseline, s->baseline) && value_ok(s->has_target, s->target) &&
	       date_or_empty(s->baseline_on) && date_or_empty(s->deadline);
}

/* SAVE_OK when goal_id is a shared goal of the community and the owner may own it. */
static enum save_result subgoal_refs_ok(struct db *db, long long org_id, long long community_id,
                                        const struct subgoal *s)
{
	long long n = 0;
	if (db_query_int(
	        db,
	        "SELECT COUNT(*) FROM goals WHERE id = ? AND org_id = ? AND community_id = ?"
	        " AND kind = 'shared'",
	        DB_ARGS(DB_INT(s->goal_id), DB_INT(org_id), DB_INT(community_id)), &n) != DB_ROW)
		return SAVE_ERROR;
	if (n == 0)
		return SAVE_NOT_FOUND;
	if (s->owner_id == 0)
		return SAVE_OK;
	int ok = subgoal_owner_valid(db, org_id, community_id, s->owner_id);
	return ok < 0 ? SAVE_ERROR : ok ? SAVE_OK : SAVE_NOT_FOUND;
}

enum save_result subgoal_save(struct db *db, long long org_id, long long actor,
                              long long community_id, const struct subgoal *in, long long *id_out)
{
	if (!subgoal_valid(in))
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct subgoal s = *in, old;
	long long id = s.id, now = now_s();
	enum save_result rc = SAVE_OK;
	if (s.id) { /* the goal it stands under does not change */
		int found = subgoal_get(db, &a, org_id, community_id, s.id, &old);
		rc = found < 0 ? SAVE_ERROR : found == 0 ? SAVE_NOT_FOUND : SAVE_OK;
		if (rc == SAVE_OK)
			s.goal_id = old.goal_id;
	}
	if (rc == SAVE_OK)
		rc = subgoal_refs_ok(db, org_id, community_id, &s);
	struct db_param base = s.has_baseline ? DB_INT(s.baseline) : DB_NULL;
	struct db_param target = s.has_target ? DB_INT(s.target) : DB_NULL;
	struct db_param owner = s.owner_id ? DB_INT(s.owner_id) : DB_NULL;
	struct db_param who = actor ? DB_INT(actor) : DB_NULL;
	const char *mname = strcmp(s.measure, "custom") == 0 ? nz(s.measure_name) : "";
	if (rc == SAVE_OK && s.id == 0) {
		if (db_query_int(
		        db,
		        "INSERT INTO subgoals (org_id, community_id, goal_id, title, measure,"
		        " measure_name, baseline, baseline_on, target, deadline, owner_id,"
		        " person_id, created_at, updated_at)"
		        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
		        DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_INT(s.goal_id),
		                DB_TEXT(s.title), DB_TEXT(s.measure), DB_TEXT(mname), base,
		                DB_TEXT(nz(s.baseline_on)), target, DB_TEXT(nz(s.deadline)), owner,
		                who, DB_INT(now), DB_INT(now)),
		        &id) != DB_ROW ||
		    audit_write(db, org_id, actor, "subgoal.add", audit_text(&a, s.title), "") != 0)
			rc = SAVE_ERROR;
	} else if (rc == SAVE_OK) {
		if (db_exec(
		        db,
		        "UPDATE subgoals SET title = ?, measure = ?, measure_name = ?, baseline = "
		        "?,"
		        " baseline_on = ?, target = ?, deadline = ?, owner_id = ?, person_id = ?,"
		        " updated_at = ?, version = version + 1 WHERE id = ? AND org_id = ?"
		        " AND community_id = ? AND version = ?",
		        DB_ARGS(DB_TEXT(s.title), DB_TEXT(s.measure), DB_TEXT(mname), base,
		                DB_TEXT(nz(s.baseline_on)), target, DB_TEXT(nz(s.deadline)), owner,
		                who, DB_INT(now), DB_INT(s.id), DB_INT(org_id),
		                DB_INT(community_id), DB_INT(s.version))) != DB_OK)
			rc = SAVE_ERROR;
		else if (db_changes(db) == 0)
			rc = SAVE_CONFLICT;
		else if (audit_write(db, org_id, actor, "subgoal.update", audit_text(&a, s.title),
		                     "") != 0)
			rc = SAVE_ERROR;
	}
	if (rc == SAVE_OK && (search_sync_goal(db, org_id, s.goal_id) != 0 ||
	                      signals_touch(db, org_id, community_id) != 0))
		rc = SAVE_ERROR;
	arena_free(&a);
	rc = save_finish(db, rc);
	if (rc == SAVE_OK && id_out)
		*id_out = id;
	return rc;
}

enum save_result subgoal_delete(struct db *db, long long org_id, long long actor,
                                long long community_id, long long id, long long version)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct subgoal s;
	enum save_result rc = SAVE_OK;
	int found = subgoal_get(db, &a, org_id, community_id, id, &s);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (s.version != version)
		rc = SAVE_CONFLICT;
	else if (db_exec(db,
	                 "DELETE FROM subgoals WHERE id = ? AND org_id = ? AND community_id = ?"
	                 " AND version = ?",
	                 DB_ARGS(DB_INT(id), DB_INT(org_id), DB_INT(community_id),
	                         DB_INT(version))) != DB_OK ||
	         audit_write(db, org_id, actor, "subgoal.delete", audit_text(&a, s.title), "") !=
	             0 ||
	         search_sync_goal(db, org_id, s.goal_id) != 0 ||
	         signals_touch(db, org_id, community_id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

/* ---- measurements ---- */

#define MEASURE_SELECT                                                                             \
	"SELECT m.id, m.subgoal_id, m.measured_on, m.value, m.note, COALESCE(w.name, ''),"         \
	" CASE WHEN wm.role = 'ambassadeur' THEN 1 ELSE 0 END FROM measurements m"                 \
	" JOIN subgoals s ON s.id = m.subgoal_id AND s.org_id = m.org_id"                          \
	" LEFT JOIN persons w ON w.id = m.person_id"                                               \
	" LEFT JOIN memberships wm ON wm.person_id = m.person_id AND wm.org_id = m.org_id"

static void read_measurement(struct db_stmt *st, struct arena *a, struct measurement *m)
{
	m->id = db_col_int(st, 0);
	m->subgoal_id = db_col_int(st, 1);
	m->measured_on = db_col_text(st, 2, a);
	m->value = db_col_int(st, 3);
	m->note = db_col_text(st, 4, a);
	m->who = db_col_text(st, 5, a);
	m->who_is_amb = db_col_int(st, 6) != 0;
}

int measurement_list(struct db *db, struct arena *a, long long org_id, long long community_id,
                     struct measurement **out, size_t *n_out)
{
	struct db_stmt *st;
	if (db_query(db, &st,
	             MEASURE_SELECT " WHERE m.org_id = ?1 AND s.community_id = ?2"
	                            " ORDER BY m.subgoal_id, m.measured_on DESC, m.id DESC",
	             DB_ARGS(DB_INT(org_id), DB_INT(community_id))) != DB_OK)
		return -1;
	size_t n = 0, cap = 0;
	struct measurement *v = NULL;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, n, &cap, sizeof(*v));
		read_measurement(st, a, &v[n++]);
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
}

int measurement_get(struct db *db, struct arena *a, long long org_id, long long community_id,
                    long long id, struct measurement *out)
{
	struct db_stmt *st;
	if (db_query(db, &st,
	             MEASURE_SELECT " WHERE m.org_id = ?1 AND s.community_id = ?2 AND m.id = ?3",
	             DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_INT(id))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW)
		read_measurement(st, a, out);
	db_finish(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

enum save_result measurement_add(struct db *db, long long org_id, long long actor,
                                 long long community_id, long long subgoal_id,
                                 const char *measured_on, long long value, const char *note)
{
	if (!is_date(measured_on) || !value_ok(true, value))
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct subgoal s;
	enum save_result rc = SAVE_OK;
	int found = subgoal_get(db, &a, org_id, community_id, subgoal_id, &s);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (db_exec(db,
	                 "INSERT INTO measurements (org_id, subgoal_id, measured_on, value, note,"
	                 " person_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
	                 DB_ARGS(DB_INT(org_id), DB_INT(subgoal_id), DB_TEXT(measured_on),
	                         DB_INT(value), DB_TEXT(nz(note)), actor ? DB_INT(actor) : DB_NULL,
	                         DB_INT(now_s()))) != DB_OK ||
	         audit_write(db, org_id, actor, "measurement.add", audit_text(&a, s.title),
	                     arena_printf(&a, "%s: %lld", measured_on, value)) != 0 ||
	         signals_touch(db, org_id, community_id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

enum save_result measurement_delete(struct db *db, long long org_id, long long actor,
                                    long long community_id, long long id)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	struct measurement m;
	enum save_result rc = SAVE_OK;
	int found = measurement_get(db, &a, org_id, community_id, id, &m);
	if (found < 0)
		rc = SAVE_ERROR;
	else if (found == 0)
		rc = SAVE_NOT_FOUND;
	else if (db_exec(db, "DELETE FROM measurements WHERE id = ? AND org_id = ?",
	                 DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK ||
	         audit_write(db, org_id, actor, "measurement.delete",
	                     arena_printf(&a, "%s: %lld", m.measured_on, m.value), "") != 0 ||
	         signals_touch(db, org_id, community_id) != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

static const char *const state_names[] = {
    [GOAL_UNKNOWN] = "unknown",
    [GOAL_ON_SCHEDULE] = "on_schedule",
    [GOAL_BEHIND] = "behind",
    [GOAL_REACHED] = "reached",
};

int goal_schedule_counts(struct db *db, long long org_id, const char *today,
                         struct goal_schedule_counts *out)
{
	(void)today;
	memset(out, 0, sizeof(*out));
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT state, COUNT(*) FROM subgoal_states WHERE org_id = ?1 GROUP BY state",
	             DB_ARGS(DB_INT(org_id))) != DB_OK)
		return -1;
	struct arena a;
	arena_init(&a);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *state = db_col_text(st, 0, &a);
		long long n = db_col_int(st, 1);
		if (strcmp(state, "on_schedule") == 0)
			out->on_schedule += n;
		else if (strcmp(state, "behind") == 0)
			out->behind += n;
		else if (strcmp(state, "reached") == 0)
			out->reached += n;
		else
			out->unknown += n;
	}
	db_finish(st);
	arena_free(&a);
	return rc == DB_DONE ? 0 : -1;
}

int subgoal_states_refresh(struct db *db, long long org_id, long long community_id,
                           const char *today)
{
	struct arena a;
	arena_init(&a);
	struct subgoal *v;
	size_t n;
	int rc = subgoal_list(db, &a, org_id, community_id, 0, today, &v, &n);
	if (rc == 0 && db_exec(db,
	                       "DELETE FROM subgoal_states WHERE org_id = ?1"
	                       " AND (?2 = 0 OR community_id = ?2)",
	                       DB_ARGS(DB_INT(org_id), DB_INT(community_id))) != DB_OK)
		rc = -1;
	for (size_t i = 0; rc == 0 && i < n; i++)
		if (db_exec(db,
		            "INSERT INTO subgoal_states (subgoal_id, org_id, community_id, state)"
		            " VALUES (?1, ?2, ?3, ?4)",
		            DB_ARGS(DB_INT(v[i].id), DB_INT(org_id), DB_INT(v[i].community_id),
		                    DB_TEXT(state_names[subgoal_progress(&v[i], today).state]))) !=
		    DB_OK)
			rc = -1;
	arena_free(&a);
	return rc;
}

int subgoal_states_check(struct db *db, long long org_id, const char *today, long long *differences)
{
	*differences = 0;
	struct arena a;
	arena_init(&a);
	struct subgoal *v;
	size_t n;
	long long kept = 0;
	int rc = subgoal_list(db, &a, org_id, 0, 0, today, &v, &n);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		long long same = 0;
		if (db_query_int(
		        db,
		        "SELECT COUNT(*) FROM subgoal_states WHERE org_id = ?1"
		        " AND subgoal_id = ?2 AND community_id = ?3 AND state = ?4",
		        DB_ARGS(DB_INT(org_id), DB_INT(v[i].id), DB_INT(v[i].community_id),
		                DB_TEXT(state_names[subgoal_progress(&v[i], today).state])),
		        &same) != DB_ROW)
			rc = -1;
		else if (same == 0)
			(*differences)++;
	}
	if (rc == 0 && db_query_int(db, "SELECT COUNT(*) FROM subgoal_states WHERE org_id = ?1",
	                            DB_ARGS(DB_INT(org_id)), &kept) != DB_ROW)
		rc = -1;
	if (rc == 0 && kept > (long long)n)
		*differences += kept - (long long)n; /* kept for subgoals that are gone */
	arena_free(&a);
	return rc;
}
