/*
 * calendar.c - the month calendar's and the feeds' reading of activities,
 * and the feed keys (see calendar.h).
 */
#include "calendar.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../util/buf.h"

bool calendar_month_parse(const char *s, int *year, int *month)
{
	if (s == NULL || strlen(s) != 7 || s[4] != '-')
		return false;
	int y = 0, m = 0;
	for (int i = 0; i < 7; i++) {
		if (i == 4)
			continue;
		if (s[i] < '0' || s[i] > '9')
			return false;
		if (i < 4)
			y = y * 10 + (s[i] - '0');
		else
			m = m * 10 + (s[i] - '0');
	}
	if (y < 1900 || y > 2999 || m < 1 || m > 12)
		return false;
	*year = y;
	*month = m;
	return true;
}

int calendar_days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		return 29;
	return days[(month - 1) % 12];
}

int calendar_weekday(int year, int month, int day)
{
	/* Sakamoto's method: 0 = Sunday; shifted so that 0 = Monday */
	static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
	int y = month < 3 ? year - 1 : year;
	int sun0 = (y + y / 4 - y / 100 + y / 400 + t[month - 1] + day) % 7;
	return (sun0 + 6) % 7;
}

static int read_community(struct db_stmt *st, void *elem, struct arena *a)
{
	struct cal_community *c = elem;
	c->id = db_col_int(st, 0);
	c->name = db_col_text(st, 1, a);
	return 0;
}

int calendar_communities(struct db *db, struct arena *a, long long org_id,
                         long long attached_person, struct cal_community **out, size_t *n)
{
	return db_rows(
	    db, a,
	    "SELECT c.id, c.name FROM communities c WHERE c.org_id = ?1"
	    " AND (?2 = 0 OR EXISTS (SELECT 1 FROM community_ambassadors ca"
	    " JOIN memberships m ON m.org_id = ca.org_id AND m.person_id = ca.person_id"
	    " AND m.role = 'ambassadeur'"
	    " WHERE ca.community_id = c.id AND ca.org_id = c.org_id AND ca.person_id = ?2))"
	    " ORDER BY c.name, c.id",
	    DB_ARGS(DB_INT(org_id), DB_INT(attached_person)), sizeof(**out), read_community, out,
	    n);
}

int cal_read_activity(struct db_stmt *st, void *elem, struct arena *a)
{
	struct cal_activity *v = elem;
	v->id = db_col_int(st, 0);
	v->title = db_col_text(st, 1, a);
	v->held_on = db_col_text(st, 2, a);
	v->starts_at = db_col_text(st, 3, a);
	v->ends_at = db_col_text(st, 4, a);
	v->made = db_col_text(st, 5, a);
	v->status = db_col_text(st, 6, a);
	v->branch = db_col_text(st, 7, a);
	v->place = db_col_text(st, 8, a);
	v->version = db_col_int(st, 9);
	v->updated_at = db_col_int(st, 10);
	v->communities = "";
	return 0;
}

int cal_read_name(struct db_stmt *st, void *elem, struct arena *a)
{
	struct cal_name *v = elem;
	v->activity_id = db_col_int(st, 0);
	v->name = db_col_text(st, 1, a);
	return 0;
}

static int by_id(const void *x, const void *y)
{
	const struct cal_activity *const *p = x, *const *q = y;
	return (*p)->id < (*q)->id ? -1 : (*p)->id > (*q)->id;
}

/*
 * Sets each activity's communities from names (sorted by activity id, then
 * name), walking both in id order. 0 or -1.
 */
int cal_attach_names(struct arena *a, struct cal_activity *acts, size_t n,
                     const struct cal_name *names, size_t n_names)
{
	if (n == 0 || n_names == 0)
		return 0;
	struct cal_activity **idx = arena_alloc(a, n * sizeof(*idx));
	for (size_t i = 0; i < n; i++)
		idx[i] = &acts[i];
	qsort(idx, n, sizeof(*idx), by_id);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		while (k < n_names && names[k].activity_id < idx[i]->id)
			k++;
		struct buf b;
		buf_init(&b, a);
		for (; k < n_names && names[k].activity_id == idx[i]->id; k++) {
			if (b.len > 0)
				buf_puts(&b, ", ");
			buf_puts(&b, names[k].name);
		}
		if (b.len > 0)
			idx[i]->communities = buf_str(&b);
	}
	return 0;
}

int calendar_month_activities(struct db *db, struct arena *a, long long org_id,
                              long long attached_person, long long community_id, const char *from,
                              const char *to, struct cal_activity **out, size_t *n)
{
	const struct db_param *args = DB_ARGS(DB_INT(org_id), DB_TEXT(from), DB_TEXT(to),
	                                      DB_INT(attached_person), DB_INT(community_id));
	if (db_rows(db, a,
	            "SELECT a.id, a.title, a.held_on, a.starts_at, a.ends_at, a.made, a.status,"
	            " COALESCE(b.name, ''), a.place, a.version, a.updated_at"
	            " FROM activities a LEFT JOIN branches b ON b.id = a.branch_id"
	            " AND b.org_id = a.org_id"
	            " WHERE a.org_id = ?1 AND a.held_on >= ?2 AND a.held_on < ?3"
	            " AND (?4 = 0 OR EXISTS (SELECT 1 FROM activity_communities x"
	            " JOIN community_ambassadors ca ON ca.community_id = x.community_id"
	            " AND ca.org_id = x.org_id"
	            " JOIN memberships m ON m.org_id = ca.org_id AND m.person_id = ca.person_id"
	            " AND m.role = 'ambassadeur'"
	            " WHERE x.activity_id = a.id AND x.org_id = a.org_id AND ca.person_id = ?4))"
	            " AND (?5 = 0 OR EXISTS (SELECT 1 FROM activity_communities y"
	            " WHERE y.activity_id = a.id AND y.org_id = a.org_id AND y.community_id = ?5))"
	            " ORDER BY a.held_on, a.starts_at, a.id",
	            args, sizeof(**out), cal_read_activity, out, n) != 0)
		return -1;
	if (*n == 0)
		return 0;
	struct cal_name *names;
	size_t n_names;
	if (db_rows(db, a,
	            "SELECT ac.activity_id, c.name FROM activity_communities ac"
	            " JOIN activities a ON a.id = ac.activity_id AND a.org_id = ac.org_id"
	            " JOIN communities c ON c.id = ac.community_id AND c.org_id = ac.org_id"
	            " WHERE ac.org_id = ?1 AND a.held_on >= ?2 AND a.held_on < ?3"
	            " AND (?4 = 0 OR EXISTS (SELECT 1 FROM community_ambassadors ca"
	            " JOIN memberships m ON m.org_id = ca.org_id AND m.person_id = ca.person_id"
	            " AND m.role = 'ambassadeur'"
	            " WHERE ca.community_id = c.id AND ca.org_id = c.org_id AND ca.person_id = ?4))"
	            " AND ?5 = ?5"
	            " ORDER BY ac.activity_id, c.name, c.id",
	            args, sizeof(*names), cal_read_name, &names, &n_names) != 0) {
		*out = NULL;
		*n = 0;
		return -1;
	}
	return cal_attach_names(a, *out, *n, names, n_names);
}

int calendar_feed_activities(struct db *db, struct arena *a, long long org_id,
                             long long community_id, const char *since, struct cal_activity **out,
                             size_t *n)
{
	const struct db_param *args = DB_ARGS(DB_INT(org_id), DB_INT(community_id), DB_TEXT(since),
	                                      DB_INT(CALENDAR_FEED_MAX));
	if (db_rows(db, a,
	            "SELECT a.id, a.title, a.held_on, a.starts_at, a.ends_at, a.made, a.status,"
	            " COALESCE(b.name, ''), a.place, a.version, a.updated_at"
	            " FROM activities a LEFT JOIN branches b ON b.id = a.branch_id"
	            " AND b.org_id = a.org_id"
	            " WHERE a.org_id = ?1 AND a.held_on >= ?3"
	            " AND (?2 = 0 OR EXISTS (SELECT 1 FROM activity_communities y"
	            " WHERE y.activity_id = a.id AND y.org_id = a.org_id AND y.community_id = ?2))"
	            " ORDER BY a.held_on DESC, a.id DESC LIMIT ?4",
	            args, sizeof(**out), cal_read_activity, out, n) != 0)
		return -1;
	if (*n == 0)
		return 0;
	struct cal_name *names;
	size_t n_names;
	if (db_rows(db, a,
	            "SELECT ac.activity_id, c.name FROM activity_communities ac"
	            " JOIN activities a ON a.id = ac.activity_id AND a.org_id = ac.org_id"
	            " JOIN communities c ON c.id = ac.community_id AND c.org_id = ac.org_id"
	            " WHERE ac.org_id = ?1 AND a.held_on >= ?3 AND ?2 = ?2 AND ?4 = ?4"
	            " ORDER BY ac.activity_id, c.name, c.id",
	            args, sizeof(*names), cal_read_name, &names, &n_names) != 0) {
		*out = NULL;
		*n = 0;
		return -1;
	}
	return cal_attach_names(a, *out, *n, names, n_names);
}

/* The stored form of a key: hex of its 32-byte BLAKE2b hash (65 bytes with NUL). */
static void key_hash(const char *key, char hex[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)key, strlen(key), NULL, 0);
	sodium_bin2hex(hex, 65, h, sizeof(h));
}

/* True when s looks like a key kring issued: 43 base64url characters. */
static bool key_plausible(const char *s)
{
	if (s == NULL || strlen(s) != 43)
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			return false;
	return true;
}

int calendar_key_check(struct db *db, struct arena *a, const char *slug, long long community_id,
                       const char *key, struct cal_feed *out)
{
	if (!key_plausible(slug ? key : NULL))
		return 0;
	struct db_stmt *st;
	/* the one stored hash of this feed, found by its organisation and community */
	if (db_query(db, &st,
	             "SELECT k.key_hash, o.id, o.slug, o.name, COALESCE(c.name, '')"
	             " FROM orgs o JOIN calendar_keys k ON k.org_id = o.id"
	             " LEFT JOIN communities c ON c.id = k.community_id AND c.org_id = k.org_id"
	             " WHERE o.slug = ?1 AND ((?2 = 0 AND k.community_id IS NULL)"
	             " OR (?2 <> 0 AND k.community_id = ?2 AND c.id IS NOT NULL))"
	             " ORDER BY k.id DESC",
	             DB_ARGS(DB_TEXT(slug), DB_INT(community_id))) != DB_OK)
		return -1;
	char want[65];
	key_hash(key, want);
	int found = 0, rc;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *stored = db_col_text(st, 0, a);
		if (strlen(stored) == 64 && sodium_memcmp(stored, want, 64) == 0 && !found) {
			found = 1;
			out->org_id = db_col_int(st, 1);
			out->org_slug = db_col_text(st, 2, a);
			out->org_name = db_col_text(st, 3, a);
			out->community_id = community_id;
			out->community_name = db_col_text(st, 4, a);
		}
	}
	db_finish(st);
	return rc == DB_DONE ? found : -1;
}

enum save_result calendar_key_renew(struct db *db, struct arena *a, long long org_id,
                                    long long actor, long long community_id, const char **key_out)
{
	unsigned char rnd[32];
	char key[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2base64(key, sizeof(key), rnd, sizeof(rnd),
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(rnd, sizeof(rnd));
	char hex[65];
	key_hash(key, hex);
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	const char *object = "";
	if (community_id != 0) {
		struct db_stmt *st;
		if (db_query(db, &st, "SELECT name FROM communities WHERE id = ?1 AND org_id = ?2",
		             DB_ARGS(DB_INT(community_id), DB_INT(org_id))) != DB_OK)
			return save_finish(db, SAVE_ERROR);
		int rc = db_step(st);
		if (rc == DB_ROW)
			object = db_col_text(st, 0, a);
		db_finish(st);
		if (rc == DB_DONE)
			return save_finish(db, SAVE_NOT_FOUND);
		if (rc != DB_ROW)
			return save_finish(db, SAVE_ERROR);
	}
	long long now = (long long)time(NULL);
	if (db_exec(db,
	            "DELETE FROM calendar_keys WHERE org_id = ?1"
	            " AND ((?2 = 0 AND community_id IS NULL) OR community_id = ?2)",
	            DB_ARGS(DB_INT(org_id), DB_INT(community_id))) != DB_OK ||
	    db_exec(
	        db,
	        "INSERT INTO calendar_keys (org_id, community_id, key_hash, person_id, created_at)"
	        " VALUES (?1, ?2, ?3, ?4, ?5)",
	        DB_ARGS(DB_INT(org_id), community_id ? DB_INT(community_id) : DB_NULL, DB_TEXT(hex),
	                actor ? DB_INT(actor) : DB_NULL, DB_INT(now))) != DB_OK ||
	    audit_write(db, org_id, actor, "calendar.key_renew", object, "") != 0)
		return save_finish(db, SAVE_ERROR);
	enum save_result rc = save_finish(db, SAVE_OK);
	if (rc == SAVE_OK)
		*key_out = arena_strdup(a, key);
	sodium_memzero(key, sizeof(key));
	return rc;
}

static int read_state(struct db_stmt *st, void *elem, struct arena *a)
{
	struct cal_feed_state *v = elem;
	v->community_id = db_col_int(st, 0);
	v->community_name = db_col_text(st, 1, a);
	v->has_key = !db_col_is_null(st, 2);
	v->key_created_at = v->has_key ? db_col_int(st, 2) : 0;
	v->key_by = db_col_text(st, 3, a);
	return 0;
}

int calendar_feed_states(struct db *db, struct arena *a, long long org_id,
                         struct cal_feed_state **out, size_t *n)
{
	return db_rows(db, a,
	               "SELECT 0, '', k.created_at, COALESCE(p.name, ''), 0 AS o, '' AS s"
	               " FROM orgs o LEFT JOIN calendar_keys k ON k.org_id = o.id"
	               " AND k.community_id IS NULL"
	               " LEFT JOIN persons p ON p.id = k.person_id WHERE o.id = ?1"
	               " UNION ALL"
	               " SELECT c.id, c.name, k.created_at, COALESCE(p.name, ''), 1, c.name"
	               " FROM communities c LEFT JOIN calendar_keys k ON k.org_id = c.org_id"
	               " AND k.community_id = c.id"
	               " LEFT JOIN persons p ON p.id = k.person_id WHERE c.org_id = ?1"
	               " ORDER BY 5, 6, 1",
	               DB_ARGS(DB_INT(org_id)), sizeof(**out), read_state, out, n);
}
