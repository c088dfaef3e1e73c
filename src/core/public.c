/*
 * public.c - the public page's settings and what it shows (see public.h).
 */
#include "public.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../util/buf.h"
#include "../util/clock.h"

/* ---- settings ---- */

int public_settings_get(struct db *db, struct arena *a, long long org_id,
                        struct public_settings *out)
{
	*out = (struct public_settings){.enabled = false,
	                                .intro = "",
	                                .retention_days = PUBLIC_RETENTION_DEFAULT,
	                                .keep_message = false,
	                                .version = 1};
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT enabled, intro, retention_days, keep_message, version"
	             " FROM public_pages WHERE org_id = ?1",
	             DB_ARGS(DB_INT(org_id))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		out->enabled = db_col_int(st, 0) != 0;
		out->intro = db_col_text(st, 1, a);
		out->retention_days = (int)db_col_int(st, 2);
		out->keep_message = db_col_int(st, 3) != 0;
		out->version = db_col_int(st, 4);
	}
	db_finish(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : -1;
}

enum save_result public_settings_save(struct db *db, long long org_id, long long actor,
                                      const struct public_settings *s)
{
	if (s->retention_days < PUBLIC_RETENTION_MIN || s->retention_days > PUBLIC_RETENTION_MAX)
		return SAVE_REFUSED;
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	/* the row of an organisation that never saved starts at version 1 */
	if (db_exec(db,
	            "INSERT INTO public_pages (org_id, updated_at) VALUES (?1, ?2)"
	            " ON CONFLICT (org_id) DO NOTHING",
	            DB_ARGS(DB_INT(org_id), DB_INT((long long)clock_now()))) != DB_OK)
		return save_finish(db, SAVE_ERROR);
	if (db_exec(db,
	            "UPDATE public_pages SET enabled = ?1, intro = ?2, retention_days = ?3,"
	            " keep_message = ?4, version = version + 1, updated_at = ?5"
	            " WHERE org_id = ?6 AND version = ?7",
	            DB_ARGS(DB_INT(s->enabled ? 1 : 0), DB_TEXT(s->intro ? s->intro : ""),
	                    DB_INT(s->retention_days), DB_INT(s->keep_message ? 1 : 0),
	                    DB_INT((long long)clock_now()), DB_INT(org_id), DB_INT(s->version))) !=
	    DB_OK)
		return save_finish(db, SAVE_ERROR);
	if (db_changes(db) == 0)
		return save_finish(db, SAVE_CONFLICT);
	char detail[64];
	snprintf(detail, sizeof(detail), "%s, %d", s->enabled ? "on" : "off", s->retention_days);
	if (audit_write(db, org_id, actor, "public.settings", "", detail) != 0)
		return save_finish(db, SAVE_ERROR);
	return save_finish(db, SAVE_OK);
}

int public_org_find(struct db *db, struct arena *a, const char *slug, struct public_org *out)
{
	if (slug == NULL || !org_slug_valid(slug))
		return 0;
	struct db_stmt *st;
	if (db_query(db, &st,
	             "SELECT o.id, o.slug, o.name, p.intro, p.retention_days, p.keep_message"
	             " FROM orgs o JOIN public_pages p ON p.org_id = o.id"
	             " WHERE o.slug = ?1 AND p.enabled = 1",
	             DB_ARGS(DB_TEXT(slug))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		out->id = db_col_int(st, 0);
		out->slug = db_col_text(st, 1, a);
		out->name = db_col_text(st, 2, a);
		out->intro = db_col_text(st, 3, a);
		out->retention_days = (int)db_col_int(st, 4);
		out->keep_message = db_col_int(st, 5) != 0;
	}
	db_finish(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* ---- communities ---- */

static int read_public_community(struct db_stmt *st, void *elem, struct arena *a)
{
	struct public_community *c = elem;
	c->id = db_col_int(st, 0);
	c->name = db_col_text(st, 1, a);
	c->description = db_col_text(st, 2, a);
	return 0;
}

int public_communities(struct db *db, struct arena *a, long long org_id,
                       struct public_community **out, size_t *n)
{
	return db_rows(db, a,
	               "SELECT c.id, c.name, p.description FROM public_communities p"
	               " JOIN communities c ON c.id = p.community_id AND c.org_id = p.org_id"
	               " WHERE p.org_id = ?1 AND p.open = 1 ORDER BY c.name, c.id",
	               DB_ARGS(DB_INT(org_id)), sizeof(**out), read_public_community, out, n);
}

int public_community_is_open(struct db *db, long long org_id, long long community_id)
{
	long long one = 0;
	int rc = db_query_int(db,
	                      "SELECT 1 FROM public_communities p"
	                      " JOIN communities c ON c.id = p.community_id AND c.org_id = p.org_id"
	                      " WHERE p.org_id = ?1 AND p.community_id = ?2 AND p.open = 1",
	                      DB_ARGS(DB_INT(org_id), DB_INT(community_id)), &one);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int public_community_get(struct db *db, struct arena *a, long long org_id, long long community_id,
                         struct public_community_settings *out)
{
	struct db_stmt *st;
	if (db_query(
	        db, &st,
	        "SELECT c.name, COALESCE(p.open, 0), COALESCE(p.description, ''),"
	        " COALESCE(p.version, 0) FROM communities c"
	        " LEFT JOIN public_communities p ON p.community_id = c.id AND p.org_id = c.org_id"
	        " WHERE c.org_id = ?1 AND c.id = ?2",
	        DB_ARGS(DB_INT(org_id), DB_INT(community_id))) != DB_OK)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		out->name = db_col_text(st, 0, a);
		out->open = db_col_int(st, 1) != 0;
		out->description = db_col_text(st, 2, a);
		out->version = db_col_int(st, 3);
	}
	db_finish(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

enum save_result public_community_save(struct db *db, long long org_id, long long actor,
                                       long long community_id, bool open, const char *description,
                                       long long version)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	struct arena a;
	arena_init(&a);
	const char *name = NULL;
	struct db_stmt *st;
	enum save_result rc = SAVE_OK;
	if (db_query(db, &st, "SELECT name FROM communities WHERE org_id = ?1 AND id = ?2",
	             DB_ARGS(DB_INT(org_id), DB_INT(community_id))) != DB_OK) {
		rc = SAVE_ERROR;
	} else {
		int s = db_step(st);
		if (s == DB_ROW)
			name = db_col_text(st, 0, &a);
		else if (s == DB_DONE)
			rc = SAVE_NOT_FOUND;
		else
			rc = SAVE_ERROR;
		db_finish(st);
	}
	if (rc == SAVE_OK &&
	    db_exec(db,
	            "INSERT INTO public_communities (community_id, org_id, version)"
	            " VALUES (?1, ?2, 0) ON CONFLICT (community_id) DO NOTHING",
	            DB_ARGS(DB_INT(community_id), DB_INT(org_id))) != DB_OK)
		rc = SAVE_ERROR;
	if (rc == SAVE_OK &&
	    db_exec(db,
	            "UPDATE public_communities SET open = ?1, description = ?2,"
	            " version = version + 1"
	            " WHERE community_id = ?3 AND org_id = ?4 AND version = ?5",
	            DB_ARGS(DB_INT(open ? 1 : 0), DB_TEXT(description ? description : ""),
	                    DB_INT(community_id), DB_INT(org_id), DB_INT(version))) != DB_OK)
		rc = SAVE_ERROR;
	if (rc == SAVE_OK && db_changes(db) == 0)
		rc = SAVE_CONFLICT;
	if (rc == SAVE_OK &&
	    audit_write(db, org_id, actor, "public.community", name, open ? "open" : "closed") != 0)
		rc = SAVE_ERROR;
	arena_free(&a);
	return save_finish(db, rc);
}

/* ---- activities ---- */

int public_activities(struct db *db, struct arena *a, long long org_id, const char *from,
                      long long limit, struct cal_activity **out, size_t *n)
{
	const struct db_param *args = DB_ARGS(DB_INT(org_id), DB_TEXT(from), DB_INT(limit));
	if (db_rows(db, a,
	            "SELECT a.id, a.title, a.held_on, a.starts_at, a.ends_at, a.made, a.status,"
	            " COALESCE(b.name, ''), a.place, a.version, a.updated_at"
	            " FROM activities a LEFT JOIN branches b ON b.id = a.branch_id"
	            " AND b.org_id = a.org_id"
	            " WHERE a.org_id = ?1 AND a.is_public = 1 AND a.status = 'planned'"
	            " AND a.held_on >= ?2"
	            " ORDER BY a.held_on, a.starts_at, a.id LIMIT ?3",
	            args, sizeof(**out), cal_read_activity, out, n) != 0)
		return -1;
	if (*n == 0)
		return 0;
	/* only the names of open communities: a closed one stays unnamed */
	struct cal_name *names;
	size_t n_names;
	if (db_rows(db, a,
	            "SELECT ac.activity_id, c.name FROM activity_communities ac"
	            " JOIN activities a ON a.id = ac.activity_id AND a.org_id = ac.org_id"
	            " JOIN communities c ON c.id = ac.community_id AND c.org_id = ac.org_id"
	            " JOIN public_communities p ON p.community_id = c.id AND p.org_id = c.org_id"
	            " WHERE ac.org_id = ?1 AND a.is_public = 1 AND a.status = 'planned'"
	            " AND a.held_on >= ?2 AND p.open = 1 AND ?3 = ?3"
	            " ORDER BY ac.activity_id, c.name, c.id",
	            args, sizeof(*names), cal_read_name, &names, &n_names) != 0) {
		*out = NULL;
		*n = 0;
		return -1;
	}
	return cal_attach_names(a, *out, *n, names, n_names);
}

int public_activity_get(struct db *db, long long org_id, long long activity_id)
{
	long long v = 0;
	int rc = db_query_int(db, "SELECT is_public FROM activities WHERE org_id = ?1 AND id = ?2",
	                      DB_ARGS(DB_INT(org_id), DB_INT(activity_id)), &v);
	return rc == DB_ROW ? v != 0 : rc == DB_DONE ? 0 : -1;
}

enum save_result public_activity_set(struct db *db, long long org_id, long long activity_id,
                                     bool on)
{
	if (db_begin(db) != DB_OK)
		return SAVE_ERROR;
	if (db_exec(db, "UPDATE activities SET is_public = ?1 WHERE org_id = ?2 AND id = ?3",
	            DB_ARGS(DB_INT(on ? 1 : 0), DB_INT(org_id), DB_INT(activity_id))) != DB_OK)
		return save_finish(db, SAVE_ERROR);
	return save_finish(db, db_changes(db) ? SAVE_OK : SAVE_NOT_FOUND);
}

/* ---- the forms' time stamp and the address hash ---- */

static pthread_mutex_t key_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned char form_key[crypto_auth_KEYBYTES];
static bool have_key;

/* The key of the stamps, kept in settings (made by migration 016); 0 or -1. */
static int load_key(struct db *db, unsigned char key[crypto_auth_KEYBYTES])
{
	pthread_mutex_lock(&key_lock);
	int rc = 0;
	if (!have_key) {
		struct arena a;
		arena_init(&a);
		struct db_stmt *st;
		if (db_query(db, &st, "SELECT value FROM settings WHERE key = 'public_form_key'",
		             DB_NOARGS) != DB_OK) {
			rc = -1;
		} else {
			const char *v = db_step(st) == DB_ROW ? db_col_text(st, 0, &a) : NULL;
			size_t got = 0;
			if (v == NULL ||
			    sodium_hex2bin(form_key, sizeof(form_key), v, strlen(v), NULL, &got,
			                   NULL) != 0 ||
			    got != sizeof(form_key))
				rc = -1;
			else
				have_key = true;
			db_finish(st);
		}
		arena_free(&a);
	}
	if (rc == 0)
		memcpy(key, form_key, crypto_auth_KEYBYTES);
	pthread_mutex_unlock(&key_lock);
	return rc;
}

/* The signature (hex) of "<seconds>:<org>". */
static void stamp_sign(const unsigned char key[crypto_auth_KEYBYTES], long long t, long long org,
                       char hex[2 * crypto_auth_BYTES + 1])
{
	char msg[64];
	int len = snprintf(msg, sizeof(msg), "%lld:%lld", t, org);
	unsigned char mac[crypto_auth_BYTES];
	crypto_auth(mac, (const unsigned char *)msg, (unsigned long long)len, key);
	sodium_bin2hex(hex, 2 * crypto_auth_BYTES + 1, mac, sizeof(mac));
}

const char *public_stamp_make(struct db *db, struct arena *a, long long org_id)
{
	unsigned char key[crypto_auth_KEYBYTES];
	if (load_key(db, key) != 0)
		return NULL;
	long long t = (long long)time(NULL); /* a stopwatch: the real clock */
	char hex[2 * crypto_auth_BYTES + 1];
	stamp_sign(key, t, org_id, hex);
	sodium_memzero(key, sizeof(key));
	return arena_printf(a, "%lld.%s", t, hex);
}

enum public_stamp public_stamp_check(struct db *db, const char *stamp, long long org_id,
                                     int min_seconds)
{
	if (stamp == NULL || strlen(stamp) > 100)
		return PUBLIC_STAMP_BAD;
	const char *dot = strchr(stamp, '.');
	if (dot == NULL || dot == stamp || dot - stamp > 12)
		return PUBLIC_STAMP_BAD;
	long long t = 0;
	for (const char *p = stamp; p < dot; p++) {
		if (*p < '0' || *p > '9')
			return PUBLIC_STAMP_BAD;
		t = t * 10 + (*p - '0');
	}
	unsigned char key[crypto_auth_KEYBYTES];
	if (load_key(db, key) != 0)
		return PUBLIC_STAMP_ERROR;
	char want[2 * crypto_auth_BYTES + 1];
	stamp_sign(key, t, org_id, want);
	sodium_memzero(key, sizeof(key));
	if (strlen(dot + 1) != strlen(want) || sodium_memcmp(dot + 1, want, strlen(want)) != 0)
		return PUBLIC_STAMP_BAD;
	long long now = (long long)time(NULL);
	if (now - t > 24 * 3600 || t - now > 60)
		return PUBLIC_STAMP_BAD;
	if (now - t < min_seconds)
		return PUBLIC_STAMP_FAST;
	return PUBLIC_STAMP_OK;
}

const char *public_addr_hash(struct db *db, struct arena *a, const char *addr)
{
	unsigned char key[crypto_auth_KEYBYTES];
	if (load_key(db, key) != 0)
		return NULL;
	unsigned char h[32];
	const char *s = addr ? addr : "";
	crypto_generichash(h, sizeof(h), (const unsigned char *)s, strlen(s), key,
	                   crypto_generichash_KEYBYTES);
	sodium_memzero(key, sizeof(key));
	char hex[65];
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	return arena_strdup(a, hex);
}
