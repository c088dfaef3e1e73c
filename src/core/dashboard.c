/*
 * dashboard.c - the figures of the dashboard, the year report and the
 * whole-organisation export (see dashboard.h).
 */
#include "dashboard.h"

#include <stdio.h>
#include <string.h>

#include "../util/buf.h"
#include "partner.h"
#include "vocab.h"

const char *const dash_made[] = {"voor", "met", "door", NULL};

/* The communities only_person is attached to as ambassadeur (?N is the person). */
#define ATTACHED(c, p)                                                                             \
	" EXISTS (SELECT 1 FROM community_ambassadors a JOIN memberships m"                        \
	" ON m.org_id = a.org_id AND m.person_id = a.person_id AND m.role = 'ambassadeur'"         \
	" WHERE a.community_id = " c " AND a.org_id = ?1 AND a.person_id = " p ")"

int dash_communities(struct db *db, long long org_id, long long only_person,
                     struct dash_communities *out)
{
	memset(out, 0, sizeof(*out));
	struct db_stmt *st;
	int rc = db_query(db, &st,
	                  "SELECT c.status, c.archetype, COUNT(*) FROM communities c"
	                  " WHERE c.org_id = ?1 AND (?2 = 0 OR" ATTACHED(
	                      "c.id", "?2") ")"
	                                    " GROUP BY c.status, c.archetype",
	                  DB_ARGS(DB_INT(org_id), DB_INT(only_person)));
	if (rc != DB_OK)
		return -1;
	struct arena tmp;
	arena_init(&tmp);
	while ((rc = db_step(st)) == DB_ROW) {
		const char *status = db_col_text(st, 0, &tmp), *arch = db_col_text(st, 1, &tmp);
		long long n = db_col_int(st, 2);
		int s = vocab_index(community_statuses, status);
		int k = arch[0] ? vocab_index(community_archetypes, arch) : DASH_N_ARCHETYPE - 1;
		if (s < 0 || k < 0)
			continue; /* the schema's CHECK keeps these out */
		out->by[s][k] += n;
		out->status[s] += n;
		out->archetype[k] += n;
		out->total += n;
	}
	arena_free(&tmp);
	db_finish(st);
	return rc == DB_DONE ? 0 : -1;
}

/* "YYYY-MM" of the month delta months after ym ("YYYY-MM"); 0 or -1 when ym is not one. */
static int month_add(const char *ym, int delta, char out[8])
{
	int y, m;
	if (strlen(ym) != 7 || sscanf(ym, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12 || y < 1000)
		return -1;
	unsigned idx = (unsigned)(y * 12 + (m - 1) + delta);
	char tmp[32];
	snprintf(tmp, sizeof(tmp), "%04u-%02u", (idx / 12) % 10000, idx % 12 + 1);
	memcpy(out, tmp, 7);
	out[7] = '\0';
	return 0;
}

int dash_months(struct db *db, long long org_id, long long only_person, long long branch,
                const char *last, int n_months, struct dash_month *out)
{
	if (n_months < 1 || n_months > DASH_MAX_MONTHS)
		return -1;
	memset(out, 0, (size_t)n_months * sizeof(*out));
	for (int i = 0; i < n_months; i++)
		if (month_add(last, i - (n_months - 1), out[i].month) != 0)
			return -1;
	const char *from = out[0].month, *to = out[n_months - 1].month;
	struct db_stmt *st;
	int rc;
	if (only_person)
		rc = db_query(
		    db, &st,
		    "SELECT s.month, s.made, s.activities, s.participants"
		    " FROM community_activity_months s"
		    " WHERE s.org_id = ?1 AND s.month >= ?2 AND s.month <= ?3"
		    " AND" ATTACHED("s.community_id", "?4"),
		    DB_ARGS(DB_INT(org_id), DB_TEXT(from), DB_TEXT(to), DB_INT(only_person)));
	else
		/* the whole organisation: summed over its branches in the covering
		   index activity_months_org_month; one branch: its primary key range */
		rc = db_query_stmt(
		    db, &st,
		    branch < 0 ? DB_SQL("SELECT s.month, s.made, SUM(s.activities),"
		                        " SUM(s.participants) FROM activity_months s"
		                        " WHERE s.org_id = ?1 AND ?4 < 0"
		                        " AND s.month >= ?2 AND s.month <= ?3"
		                        " GROUP BY s.month, s.made")
		               : DB_SQL("SELECT s.month, s.made, s.activities, s.participants"
		                        " FROM activity_months s"
		                        " WHERE s.org_id = ?1 AND s.branch_id = ?4"
		                        " AND s.month >= ?2 AND s.month <= ?3"),
		    DB_ARGS(DB_INT(org_id), DB_TEXT(from), DB_TEXT(to), DB_INT(branch)));
	if (rc != DB_OK)
		return -1;
	struct arena tmp;
	arena_init(&tmp);
	while ((rc = db_step(st)) == DB_ROW) {
		const char *month = db_col_text(st, 0, &tmp);
		int k = vocab_index(dash_made, db_col_text(st, 1, &tmp));
		for (int i = 0; k >= 0 && i < n_months; i++)
			if (strcmp(out[i].month, month) == 0) {
				out[i].activities[k] += db_col_int(st, 2);
				out[i].participants[k] += db_col_int(st, 3);
			}
	}
	arena_free(&tmp);
	db_finish(st);
	return rc == DB_DONE ? 0 : -1;
}

int dash_actions(struct db *db, long long org_id, const char *today, long long *open,
                 long long *overdue)
{
	*open = *overdue = 0;
	if (db_query_int(db,
	                 "SELECT COUNT(*) FROM action_points WHERE org_id = ?1 AND done_at IS NULL",
	                 DB_ARGS(DB_INT(org_id)), open) != DB_ROW)
		return -1;
	if (db_query_int(db,
	                 "SELECT COUNT(*) FROM action_points WHERE org_id = ?1 AND done_at IS NULL"
	                 " AND due_on <> '' AND due_on < ?2",
	                 DB_ARGS(DB_INT(org_id), DB_TEXT(today)), overdue) != DB_ROW)
		return -1;
	return 0;
}

int dash_branch_exists(struct db *db, long long org_id, long long id)
{
	long long n;
	if (db_query_int(db, "SELECT COUNT(*) FROM branches WHERE org_id = ?1 AND id = ?2",
	                 DB_ARGS(DB_INT(org_id), DB_INT(id)), &n) != DB_ROW)
		return -1;
	return n > 0;
}

int dash_community_period(struct db *db, struct arena *a, long long org_id, const char *from,
                          const char *to, struct dash_community_year **out, size_t *n_out)
{
	*out = NULL;
	*n_out = 0;
	long long n_all;
	if (db_query_int(db, "SELECT COUNT(*) FROM communities WHERE org_id = ?1",
	                 DB_ARGS(DB_INT(org_id)), &n_all) != DB_ROW)
		return -1;
	struct dash_community_year *rows = arena_alloc(a, (size_t)(n_all + 1) * sizeof(*rows));
	size_t n = 0;
	struct db_stmt *st;
	int rc = db_query(db, &st,
	                  "SELECT c.id, c.name, c.status, s.made, s.activities, s.participants"
	                  " FROM communities c LEFT JOIN community_activity_months s"
	                  " ON s.org_id = c.org_id AND s.community_id = c.id"
	                  " AND s.month >= ?2 AND s.month <= ?3"
	                  " WHERE c.org_id = ?1 ORDER BY c.name, c.id",
	                  DB_ARGS(DB_INT(org_id), DB_TEXT(from), DB_TEXT(to)));
	if (rc != DB_OK)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		long long id = db_col_int(st, 0);
		if (n == 0 || rows[n - 1].id != id) {
			if (n >= (size_t)n_all + 1)
				break; /* a community added since the count: next time */
			memset(&rows[n], 0, sizeof(rows[n]));
			rows[n].id = id;
			rows[n].name = db_col_text(st, 1, a);
			rows[n].status = db_col_text(st, 2, a);
			n++;
		}
		if (db_col_is_null(st, 3))
			continue;
		int k = vocab_index(dash_made, db_col_text(st, 3, a));
		if (k < 0)
			continue;
		rows[n - 1].activities[k] += db_col_int(st, 4);
		rows[n - 1].participants += db_col_int(st, 5);
	}
	db_finish(st);
	if (rc != DB_DONE && rc != DB_ROW)
		return -1;
	*out = rows;
	*n_out = n;
	return 0;
}

int dash_partners(struct db *db, struct arena *a, long long org_id, struct dash_partners *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; partner_kinds[i] && i < 16; i++)
		out->kind[out->n_kinds++] = partner_kinds[i];
	struct db_stmt *st;
	int rc =
	    db_query(db, &st, "SELECT kind, COUNT(*) FROM partners WHERE org_id = ?1 GROUP BY kind",
	             DB_ARGS(DB_INT(org_id)));
	if (rc != DB_OK)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		int k = vocab_index(partner_kinds, db_col_text(st, 0, a));
		long long n = db_col_int(st, 1);
		if (k >= 0 && (size_t)k < out->n_kinds)
			out->n[k] += n;
		out->total += n;
	}
	db_finish(st);
	if (rc != DB_DONE)
		return -1;
	if (db_query_int(
	        db, "SELECT COUNT(DISTINCT partner_id) FROM partner_communities WHERE org_id = ?1",
	        DB_ARGS(DB_INT(org_id)), &out->linked) != DB_ROW)
		return -1;
	return 0;
}

int dash_started_in(struct db *db, long long org_id, const char *year, long long *out)
{
	char from[16], to[16];
	snprintf(from, sizeof(from), "%.4s-01-01", year);
	snprintf(to, sizeof(to), "%.4s-12-31", year);
	return db_query_int(db,
	                    "SELECT COUNT(*) FROM communities WHERE org_id = ?1"
	                    " AND started_on >= ?2 AND started_on <= ?3",
	                    DB_ARGS(DB_INT(org_id), DB_TEXT(from), DB_TEXT(to)), out) == DB_ROW
	           ? 0
	           : -1;
}

int dash_conversations_in(struct db *db, long long org_id, const char *year, long long *out)
{
	char from[16], to[16];
	snprintf(from, sizeof(from), "%.4s-01-01", year);
	snprintf(to, sizeof(to), "%.4s-12-31", year);
	return db_query_int(db,
	                    "SELECT COUNT(*) FROM conversations WHERE org_id = ?1"
	                    " AND held_on >= ?2 AND held_on <= ?3",
	                    DB_ARGS(DB_INT(org_id), DB_TEXT(from), DB_TEXT(to)), out) == DB_ROW
	           ? 0
	           : -1;
}

/* ---- export rows ---- */

struct activity_read {
	long long id;
	struct dash_activity_row row;
};

static int read_activity(struct db_stmt *st, void *elem, struct arena *a)
{
	struct activity_read *v = elem;
	v->id = db_col_int(st, 0);
	v->row.title = db_col_text(st, 1, a);
	v->row.held_on = db_col_text(st, 2, a);
	v->row.made = db_col_text(st, 3, a);
	v->row.status = db_col_text(st, 4, a);
	v->row.participants = db_col_is_null(st, 5) ? -1 : db_col_int(st, 5);
	v->row.branch = db_col_text(st, 6, a);
	v->row.place = db_col_text(st, 7, a);
	v->row.outcome = db_col_text(st, 8, a);
	v->row.communities = "";
	return 0;
}

struct link_read {
	long long activity_id;
	const char *name;
};

static int read_link(struct db_stmt *st, void *elem, struct arena *a)
{
	struct link_read *v = elem;
	v->activity_id = db_col_int(st, 0);
	v->name = db_col_text(st, 1, a);
	return 0;
}

int dash_activity_rows(struct db *db, struct arena *a, long long org_id, long long only_person,
                       struct dash_activity_row **out, size_t *n_out)
{
	*out = NULL;
	*n_out = 0;
	struct activity_read *acts;
	size_t n;
	if (db_rows(
	        db, a,
	        "SELECT t.id, t.title, t.held_on, t.made, t.status, t.participants,"
	        " COALESCE(b.name, ''), t.place, t.outcome"
	        " FROM activities t LEFT JOIN branches b ON b.id = t.branch_id AND b.org_id = "
	        "t.org_id"
	        " WHERE t.org_id = ?1 AND (?2 = 0 OR EXISTS (SELECT 1 FROM activity_communities l"
	        " WHERE l.activity_id = t.id AND l.org_id = ?1 AND" ATTACHED(
	            "l.community_id", "?2") "))"
	                                    " ORDER BY t.held_on DESC, t.id DESC",
	        DB_ARGS(DB_INT(org_id), DB_INT(only_person)), sizeof(*acts), read_activity, &acts,
	        &n) != 0)
		return -1;
	struct link_read *links;
	size_t n_links;
	if (db_rows(db, a,
	            "SELECT l.activity_id, c.name FROM activity_communities l"
	            " JOIN communities c ON c.id = l.community_id AND c.org_id = l.org_id"
	            " WHERE l.org_id = ?1 ORDER BY l.activity_id, c.name",
	            DB_ARGS(DB_INT(org_id)), sizeof(*links), read_link, &links, &n_links) != 0)
		return -1;
	struct dash_activity_row *rows = arena_alloc(a, (n + 1) * sizeof(*rows));
	for (size_t i = 0; i < n; i++) {
		struct buf b;
		buf_init(&b, a);
		/* links are few per activity; a binary search finds the first */
		size_t lo = 0, hi = n_links;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (links[mid].activity_id < acts[i].id)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t j = lo; j < n_links && links[j].activity_id == acts[i].id; j++)
			buf_printf(&b, "%s%s", b.len ? ", " : "", links[j].name);
		rows[i] = acts[i].row;
		rows[i].communities = buf_str(&b);
	}
	*out = rows;
	*n_out = n;
	return 0;
}

static int read_conversation(struct db_stmt *st, void *elem, struct arena *a)
{
	struct dash_conversation_row *v = elem;
	v->held_on = db_col_text(st, 0, a);
	v->kind = db_col_text(st, 1, a);
	v->subject = db_col_text(st, 2, a);
	v->partner = db_col_text(st, 3, a);
	v->community = db_col_text(st, 4, a);
	v->report_sent = db_col_int(st, 5);
	v->next_on = db_col_text(st, 6, a);
	return 0;
}

int dash_conversation_rows(struct db *db, struct arena *a, long long org_id,
                           struct dash_conversation_row **out, size_t *n_out)
{
	return db_rows(db, a,
	               "SELECT v.held_on, v.kind, v.subject, COALESCE(p.name, ''),"
	               " COALESCE(c.name, ''), v.report_sent, v.next_on FROM conversations v"
	               " LEFT JOIN partners p ON p.id = v.partner_id AND p.org_id = v.org_id"
	               " LEFT JOIN communities c ON c.id = v.community_id AND c.org_id = v.org_id"
	               " WHERE v.org_id = ?1 ORDER BY v.held_on DESC, v.id DESC",
	               DB_ARGS(DB_INT(org_id)), sizeof(**out), read_conversation, out, n_out);
}

static int read_action(struct db_stmt *st, void *elem, struct arena *a)
{
	struct dash_action_row *v = elem;
	v->text = db_col_text(st, 0, a);
	v->owner = db_col_text(st, 1, a);
	v->due_on = db_col_text(st, 2, a);
	v->subject = db_col_text(st, 3, a);
	v->held_on = db_col_text(st, 4, a);
	v->done_at = db_col_is_null(st, 5) ? 0 : db_col_int(st, 5);
	return 0;
}

int dash_action_rows(struct db *db, struct arena *a, long long org_id, struct dash_action_row **out,
                     size_t *n_out)
{
	return db_rows(
	    db, a,
	    "SELECT t.text, COALESCE(p.name, q.name, ''), t.due_on, v.subject, v.held_on,"
	    " t.done_at FROM action_points t"
	    " JOIN conversations v ON v.id = t.conversation_id AND v.org_id = t.org_id"
	    " LEFT JOIN persons p ON p.id = t.owner_id"
	    " LEFT JOIN partners q ON q.id = t.owner_partner_id AND q.org_id = t.org_id"
	    " WHERE t.org_id = ?1"
	    " ORDER BY CASE WHEN t.done_at IS NULL THEN 0 ELSE 1 END, t.due_on, t.id",
	    DB_ARGS(DB_INT(org_id)), sizeof(**out), read_action, out, n_out);
}
