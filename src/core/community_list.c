/*
 * community_list.c - the list of communities with its filters, sorting and
 * paging, the rows an export is made of, and the signals (see community.h).
 */
#include "community.h"

#include <string.h>

#include "../util/buf.h"

/* ---- signals ---- */

void community_signals_compute(const struct community_person *staff, size_t n_staff,
                               size_t n_strengths, size_t n_needs, struct community_signals *out)
{
	memset(out, 0, sizeof(*out));
	bool has[COMMUNITY_N_ROLES] = {false};
	for (size_t i = 0; i < n_staff; i++) {
		int k = vocab_index(community_staff_roles, staff[i].role);
		if (k >= 0)
			has[k] = true;
		bool seen = false; /* count people, not attachments */
		for (size_t j = 0; j < i; j++)
			seen |= staff[j].person_id == staff[i].person_id;
		if (!seen)
			out->n_staff++;
	}
	for (int k = 0; k < COMMUNITY_N_ROLES; k++) {
		out->missing[k] = !has[k];
		out->n_missing += !has[k];
	}
	out->too_many = out->n_staff > COMMUNITY_MAX_STAFF;
	out->more_needs = n_needs > n_strengths;
	out->n_signals = out->n_missing + out->too_many + out->more_needs;
}

/* ---- the list ---- */

/*
 * The filter, as one WHERE clause with numbered parameters (each named
 * wherever it is used, so their order cannot drift): ?1 org, ?2 attached
 * person (0: everyone), ?3 status, ?4 archetype, ?5 staff person, ?6 role.
 * An ambassadeur's communities count only while they hold that role.
 */
#define LIST_WHERE                                                                                 \
	" FROM communities c WHERE c.org_id = ?1"                                                  \
	" AND (?2 = 0 OR EXISTS (SELECT 1 FROM community_ambassadors a"                            \
	" JOIN memberships m ON m.org_id = a.org_id AND m.person_id = a.person_id"                 \
	" AND m.role = 'ambassadeur'"                                                              \
	" WHERE a.community_id = c.id AND a.org_id = c.org_id AND a.person_id = ?2))"              \
	" AND (?3 = '' OR c.status = ?3)"                                                          \
	" AND (?4 = '' OR c.archetype = ?4)"                                                       \
	" AND (?5 = 0 OR EXISTS (SELECT 1 FROM community_staff_current s"                          \
	" WHERE s.community_id = c.id AND s.person_id = ?5"                                        \
	" AND (?6 IN ('', 'ontbreekt') OR s.role = ?6)))"                                          \
	" AND (?6 IN ('', 'ontbreekt') OR ?5 <> 0 OR EXISTS (SELECT 1"                             \
	" FROM community_staff_current s WHERE s.community_id = c.id AND s.role = ?6))"            \
	" AND (?6 <> 'ontbreekt' OR (SELECT COUNT(DISTINCT s.role) FROM community_staff_current s" \
	" WHERE s.community_id = c.id) < 3)"

/*
 * The rows of one page: the filter and the order pick the page's ids
 * first (PAGE_OF), and only those rows get the counts below, so a page
 * costs the same in an organisation with 20 or 2,000 communities.
 */
#define PAGE_OF(order)                                                                             \
	"WITH page AS (SELECT c.id" LIST_WHERE " ORDER BY " order " LIMIT ?7 OFFSET ?8) "

/*
 * The filter without its optional parts (status, archetype, staff person,
 * role): the list as most views ask for it. PostgreSQL plans the full
 * filter anew for every view (its "?N = '' OR ..." parts make a plan for
 * the values at hand look far cheaper than a generic one): about a
 * millisecond each time. This one it plans once per connection.
 * ?1 org, ?2 attached person (0: everyone).
 */
#define PLAIN_WHERE                                                                                \
	" FROM communities c WHERE c.org_id = ?1"                                                  \
	" AND (?2 = 0 OR EXISTS (SELECT 1 FROM community_ambassadors a"                            \
	" JOIN memberships m ON m.org_id = a.org_id AND m.person_id = a.person_id"                 \
	" AND m.role = 'ambassadeur'"                                                              \
	" WHERE a.community_id = c.id AND a.org_id = c.org_id AND a.person_id = ?2))"

#define PLAIN_PAGE_OF(order)                                                                       \
	"WITH page AS (SELECT c.id" PLAIN_WHERE " ORDER BY " order " LIMIT ?3 OFFSET ?4) "

#define LIST_SELECT                                                                                \
	"SELECT c.id, c.name, c.status, c.status_since, c.archetype, c.bond, c.started_on,"        \
	" c.updated_at,"                                                                           \
	" (SELECT COUNT(DISTINCT s.person_id) FROM community_staff_current s"                      \
	" WHERE s.community_id = c.id),"                                                           \
	" (SELECT COUNT(*) FROM community_staff_current s WHERE s.community_id = c.id"             \
	" AND s.role = 'bouwer'),"                                                                 \
	" (SELECT COUNT(*) FROM community_staff_current s WHERE s.community_id = c.id"             \
	" AND s.role = 'verbinder'),"                                                              \
	" (SELECT COUNT(*) FROM community_staff_current s WHERE s.community_id = c.id"             \
	" AND s.role = 'aanjager'),"                                                               \
	" (SELECT COUNT(*) FROM community_items i WHERE i.community_id = c.id"                     \
	" AND i.kind = 'sterkte'),"                                                                \
	" (SELECT COUNT(*) FROM community_items i WHERE i.community_id = c.id"                     \
	" AND i.kind = 'behoefte')"                                                                \
	" FROM page JOIN communities c ON c.id = page.id"

#define STATUS_RANK                                                                                \
	"CASE c.status WHEN 'gewenst' THEN 1 WHEN 'verkennen' THEN 2 WHEN 'in-contact' THEN 3"     \
	" WHEN 'samenwerken' THEN 4 WHEN 'zelfdragend' THEN 5 ELSE 6 END"

/* Fills p with the six filter parameters ?1 to ?6 of LIST_WHERE; returns 6. */
static int filter_params(struct db_param *p, long long org_id, const struct community_filter *f)
{
	p[0] = DB_INT(org_id);
	p[1] = DB_INT(f->only_attached);
	p[2] = DB_TEXT(f->status ? f->status : "");
	p[3] = DB_TEXT(f->archetype ? f->archetype : "");
	p[4] = DB_INT(f->person);
	p[5] = DB_TEXT(f->role ? f->role : "");
	return 6;
}

int community_list(struct db *db, struct arena *a, long long org_id,
                   const struct community_filter *f, long long limit, long long offset,
                   struct community_row **out, size_t *n_out, long long *total)
{
	bool plain = (f->status == NULL || f->status[0] == '\0') &&
	             (f->archetype == NULL || f->archetype[0] == '\0') && f->person == 0 &&
	             (f->role == NULL || f->role[0] == '\0');
	struct db_param p[10];
	int np = plain ? 2 : filter_params(p, org_id, f);
	if (plain) {
		p[0] = DB_INT(org_id);
		p[1] = DB_INT(f->only_attached);
	}
	p[np] = (struct db_param){.type = DBP_END};
	const struct db_sql count_sql =
	    plain ? DB_SQL("SELECT COUNT(*)" PLAIN_WHERE) : DB_SQL("SELECT COUNT(*)" LIST_WHERE);
	if (db_query_int_stmt(db, count_sql, p, total) != DB_ROW)
		return -1;
	/* "no limit" as a number both SQLite and PostgreSQL accept */
	p[np] = DB_INT(limit > 0 ? limit : 1000000000000LL);
	p[np + 1] = DB_INT(offset);
	p[np + 2] = (struct db_param){.type = DBP_END};
	int sort = f->sort >= SORT_NAME && f->sort <= SORT_UPDATED ? (int)f->sort : SORT_NAME;
	/* one statement per sort order and filter: statement texts are literals (db.h) */
	const struct db_sql list_sql[] = {
	    [SORT_NAME] =
	        DB_SQL(PAGE_OF("LOWER(c.name), c.id") LIST_SELECT " ORDER BY LOWER(c.name), c.id"),
	    [SORT_STATUS] = DB_SQL(PAGE_OF(STATUS_RANK ", LOWER(c.name), c.id") LIST_SELECT
	                           " ORDER BY " STATUS_RANK ", LOWER(c.name), c.id"),
	    [SORT_UPDATED] = DB_SQL(PAGE_OF("c.updated_at DESC, c.id DESC") LIST_SELECT
	                            " ORDER BY c.updated_at DESC, c.id DESC"),
	};
	const struct db_sql plain_sql[] = {
	    [SORT_NAME] = DB_SQL(PLAIN_PAGE_OF("LOWER(c.name), c.id") LIST_SELECT
	                         " ORDER BY LOWER(c.name), c.id"),
	    [SORT_STATUS] = DB_SQL(PLAIN_PAGE_OF(STATUS_RANK ", LOWER(c.name), c.id") LIST_SELECT
	                           " ORDER BY " STATUS_RANK ", LOWER(c.name), c.id"),
	    [SORT_UPDATED] = DB_SQL(PLAIN_PAGE_OF("c.updated_at DESC, c.id DESC") LIST_SELECT
	                            " ORDER BY c.updated_at DESC, c.id DESC"),
	};
	struct db_stmt *st;
	if (db_query_stmt(db, &st, plain ? plain_sql[sort] : list_sql[sort], p) != DB_OK)
		return -1;
	size_t n = 0, cap = 0;
	struct community_row *v = NULL;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, n, &cap, sizeof(*v));
		v[n].id = db_col_int(st, 0);
		v[n].name = db_col_text(st, 1, a);
		v[n].status = db_col_text(st, 2, a);
		v[n].status_since = db_col_int(st, 3);
		v[n].archetype = db_col_text(st, 4, a);
		v[n].bond = db_col_text(st, 5, a);
		v[n].started_on = db_col_text(st, 6, a);
		v[n].updated_at = db_col_int(st, 7);
		v[n].n_staff = (int)db_col_int(st, 8);
		for (int k = 0; k < COMMUNITY_N_ROLES; k++)
			v[n].n_role[k] = (int)db_col_int(st, 9 + k);
		v[n].n_strengths = (int)db_col_int(st, 12);
		v[n].n_needs = (int)db_col_int(st, 13);
		n++;
	}
	db_finish(st);
	*out = v;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
}

int community_export_rows(struct db *db, struct arena *a, long long org_id,
                          const struct community_filter *f, struct community_export **out,
                          size_t *n_out)
{
	struct community_row *rows;
	size_t n_rows;
	long long total;
	*out = NULL;
	*n_out = 0;
	if (community_list(db, a, org_id, f, 0, 0, &rows, &n_rows, &total) != 0)
		return -1;
	struct community_export *v = arena_alloc(a, (n_rows + 1) * sizeof(*v));
	size_t n = 0;
	for (size_t r = 0; r < n_rows; r++) {
		struct community_export *e = &v[n];
		int found = community_get(db, a, org_id, rows[r].id, &e->c);
		if (found < 0 ||
		    (found == 1 &&
		     (community_items(db, a, org_id, e->c.id, &e->items, &e->n_items) != 0 ||
		      community_staff_list(db, a, org_id, e->c.id, &e->staff, &e->n_staff) != 0 ||
		      community_ambassador_list(db, a, org_id, e->c.id, &e->ambassadors,
		                                &e->n_ambassadors) != 0)))
			return -1;
		if (found == 0)
			continue; /* deleted between the list and now */
		community_signals_compute(e->staff, e->n_staff, (size_t)rows[r].n_strengths,
		                          (size_t)rows[r].n_needs, &e->signals);
		n++;
	}
	*out = v;
	*n_out = n;
	return 0;
}

/* ---- the staff of a page of communities ---- */

/*
 * ?1 org, ?2 the communities' ids as a JSON array: the staff of all of
 * them in one statement, each community's in community_staff_list's order.
 */
#define STAFF_LISTS_SELECT                                                                         \
	" SELECT s.id, s.person_id, p.name, s.role, s.community_id"                                \
	" FROM community_staff_current s JOIN persons p ON p.id = s.person_id"                     \
	" WHERE s.org_id = ?1 AND s.community_id IN "
#define STAFF_LISTS_ORDER                                                                          \
	" ORDER BY s.community_id, CASE s.role WHEN 'bouwer' THEN 1 WHEN 'verbinder' THEN 2"       \
	" ELSE 3 END, p.name, s.id"

int community_staff_lists(struct db *db, struct arena *a, long long org_id, const long long *ids,
                          size_t n, struct community_person **lists, size_t *n_lists)
{
	struct buf b;
	buf_init(&b, a);
	buf_putc(&b, '[');
	for (size_t i = 0; i < n; i++) {
		buf_printf(&b, "%s%lld", i ? "," : "", ids[i]);
		lists[i] = NULL;
		n_lists[i] = 0;
	}
	buf_putc(&b, ']');
	if (n == 0)
		return 0;
	const struct db_sql sql =
	    db_backend(db) == DB_POSTGRES
	        ? DB_SQL("/* postgres */" STAFF_LISTS_SELECT
	                 "(SELECT CAST(v AS BIGINT) FROM json_array_elements_text(CAST(?2 AS json))"
	                 " AS v)" STAFF_LISTS_ORDER)
	        : DB_SQL("/* sqlite */" STAFF_LISTS_SELECT
	                 "(SELECT value FROM json_each(?2))" STAFF_LISTS_ORDER);
	struct db_stmt *st;
	if (db_query_stmt(db, &st, sql, DB_ARGS(DB_INT(org_id), DB_TEXT(buf_str(&b)))) != DB_OK)
		return -1;
	size_t *cap = arena_alloc(a, n * sizeof(*cap));
	memset(cap, 0, n * sizeof(*cap));
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		long long community = db_col_int(st, 4);
		size_t i = 0;
		while (i < n && ids[i] != community)
			i++;
		if (i == n)
			continue;
		lists[i] = arena_grow(a, lists[i], n_lists[i], &cap[i], sizeof(**lists));
		struct community_person *e = &lists[i][n_lists[i]++];
		e->id = db_col_int(st, 0);
		e->person_id = db_col_int(st, 1);
		e->name = db_col_text(st, 2, a);
		e->role = db_col_text(st, 3, a);
	}
	db_finish(st);
	return rc == DB_DONE ? 0 : -1;
}
