/*
 * test_page_cache.c - finished pages kept for the next identical request
 * (http/page_cache.h) and the data generation they are keyed by
 * (db_generation()):
 * - the generation stays while nothing is written and moves with a write
 *   of this connection or of another one, on SQLite and on PostgreSQL;
 * - the cache gives back exactly what was kept, under exactly its key,
 *   keeps only plain pages, and stays within its room;
 * - through the router: the second view of a page is kept bytes, a change
 *   shows at once, and another person never gets the first one's page.
 */
#include "http/page_cache.h"
#include "testutil.h"

#include "pgtest.h"

/* The generation of a fresh read transaction on db, after one read. */
static char *gen_now(struct db *db, struct arena *a)
{
	assert_int_equal(db_begin_read(db), DB_OK);
	long long n = 0;
	assert_int_equal(db_query_int(db, "SELECT COUNT(*) FROM gen_t", DB_NOARGS, &n), DB_ROW);
	const char *g = db_generation(db, a);
	assert_non_null(g);
	/* the same transaction, asked again: the same answer */
	assert_string_equal(db_generation(db, a), g);
	db_end_read(db);
	assert_null(db_generation(db, a)); /* no read open: nothing to key by */
	return arena_strdup(a, g);
}

static void check_generation(struct db *a, struct db *b)
{
	struct arena ar = {0};
	assert_int_equal(
	    db_exec(a, "CREATE TABLE gen_t (id BIGINT PRIMARY KEY, v TEXT)", DB_NOARGS), DB_OK);
	char *g1 = gen_now(a, &ar), *g2 = gen_now(a, &ar);
	assert_string_equal(g1, g2); /* nothing written */
	/* another connection writes */
	assert_int_equal(db_exec(b, "INSERT INTO gen_t (id, v) VALUES (1, 'b')", DB_NOARGS), DB_OK);
	char *g3 = gen_now(a, &ar);
	assert_string_not_equal(g3, g2);
	assert_string_equal(gen_now(a, &ar), g3);
	/* this connection writes, in a transaction */
	assert_int_equal(db_begin(a), DB_OK);
	assert_int_equal(db_exec(a, "UPDATE gen_t SET v = 'a' WHERE id = 1", DB_NOARGS), DB_OK);
	assert_int_equal(db_commit(a), DB_OK);
	char *g4 = gen_now(a, &ar);
	assert_string_not_equal(g4, g3);
	/* a write that was rolled back changes no data; a new value is allowed,
	 * an old one is not */
	assert_int_equal(db_begin(b), DB_OK);
	assert_int_equal(db_exec(b, "DELETE FROM gen_t", DB_NOARGS), DB_OK);
	db_rollback(b);
	char *g5 = gen_now(a, &ar);
	assert_string_not_equal(g5, g3);
	assert_int_equal(db_exec(b, "DROP TABLE gen_t", DB_NOARGS), DB_OK);
	arena_free(&ar);
}

static void test_sqlite_generation(void **state)
{
	(void)state;
	struct tdb *t = tdb_open();
	struct db *b = NULL;
	char err[256] = "";
	assert_int_equal(db_open(&b, t->path, err, sizeof(err)), DB_OK);
	check_generation(t->db, b);
	/* before the first read of a transaction there is no snapshot yet */
	struct arena ar = {0};
	assert_int_equal(db_begin_read(t->db), DB_OK);
	assert_null(db_generation(t->db, &ar));
	db_end_read(t->db);
	arena_free(&ar);
	db_close(b);
	tdb_close(t);
}

static void test_postgres_generation(void **state)
{
	(void)state;
	const char *base = pgtest_base();
	if (base == NULL) {
		print_message("KRING_TEST_PG not set: the PostgreSQL part is skipped\n");
		skip();
	}
	char name[64], url[512], err[256] = "";
	struct db *a, *b = NULL;
	pgtest_create(base, "gen", name, sizeof(name), &a);
	pgtest_url(url, sizeof(url), base, name);
	assert_int_equal(db_open(&b, url, err, sizeof(err)), DB_OK);
	check_generation(a, b);
	db_close(b);
	pgtest_drop(base, name, a);
}

/* A finished response in r: status, content type, body. */
static void respond(struct req *r, unsigned status, const char *ct, const char *body)
{
	struct buf b;
	buf_init(&b, &r->arena);
	buf_puts(&b, body);
	resp_buf(r, status, ct, &b);
}

static const char *html = "text/html; charset=utf-8";

static void test_keeps_and_gives_back(void **state)
{
	(void)state;
	assert_int_equal(page_cache_init(64 * 1024), 0);
	assert_true(page_cache_on());
	struct req w = {0}, g = {0};
	respond(&w, 200, html, "<p>één pagina</p>");
	page_cache_put(&w, "k1");
	assert_false(page_cache_get(&g, "k2"));
	assert_false(page_cache_get(&g, "k"));
	assert_false(page_cache_get(&g, "k10"));
	assert_true(page_cache_get(&g, "k1"));
	assert_int_equal(g.status, 200);
	assert_string_equal(g.content_type, html);
	assert_int_equal(g.resp.len, strlen("<p>één pagina</p>"));
	assert_string_equal(buf_str(&g.resp), "<p>één pagina</p>");
	/* a copy: the kept bytes do not change when the request's do */
	g.resp.data[1] = 'x';
	struct req g2 = {0};
	assert_true(page_cache_get(&g2, "k1"));
	assert_string_equal(buf_str(&g2.resp), "<p>één pagina</p>");
	/* a new page under the same key replaces the old */
	struct req w2 = {0};
	respond(&w2, 200, html, "<p>nieuw</p>");
	page_cache_put(&w2, "k1");
	struct req g3 = {0};
	assert_true(page_cache_get(&g3, "k1"));
	assert_string_equal(buf_str(&g3.resp), "<p>nieuw</p>");
	struct page_cache_stats s;
	page_cache_stats(&s);
	assert_int_equal(s.entries, 1);
	assert_int_equal(s.hits, 3);
	assert_int_equal(s.misses, 3);
	arena_free(&w.arena);
	arena_free(&g.arena);
	arena_free(&g2.arena);
	arena_free(&w2.arena);
	arena_free(&g3.arena);
}

static void test_keeps_only_plain_pages(void **state)
{
	(void)state;
	assert_int_equal(page_cache_init(64 * 1024), 0);
	struct req r[5] = {0}, g = {0};
	respond(&r[0], 404, html, "niet gevonden");
	respond(&r[1], 200, "text/plain; charset=utf-8", "tekst");
	respond(&r[2], 200, html, "met een header");
	resp_header(&r[2], "Content-Disposition", "attachment");
	respond(&r[3], 303, html, "");
	const char *keys[] = {"a", "b", "c", "d"};
	for (int i = 0; i < 4; i++) {
		page_cache_put(&r[i], keys[i]);
		assert_false(page_cache_get(&g, keys[i]));
	}
	/* larger than an eighth of the room */
	char *big = arena_alloc(&r[4].arena, 9 * 1024);
	memset(big, 'x', 9 * 1024 - 1);
	respond(&r[4], 200, html, big);
	page_cache_put(&r[4], "e");
	assert_false(page_cache_get(&g, "e"));
	/* off: nothing is kept */
	assert_int_equal(page_cache_init(0), 0);
	assert_false(page_cache_on());
	struct req ok = {0};
	respond(&ok, 200, html, "ok");
	page_cache_put(&ok, "f");
	assert_false(page_cache_get(&g, "f"));
	for (int i = 0; i < 5; i++)
		arena_free(&r[i].arena);
	arena_free(&ok.arena);
	arena_free(&g.arena);
}

static void test_stays_in_its_room(void **state)
{
	(void)state;
	size_t room = 64 * 1024;
	assert_int_equal(page_cache_init(room), 0);
	struct arena a = {0};
	char *body = arena_alloc(&a, 4001);
	memset(body, 'p', 4000);
	char key[32];
	for (int i = 0; i < 100; i++) {
		struct req w = {0};
		respond(&w, 200, html, body);
		snprintf(key, sizeof(key), "page-%d", i);
		page_cache_put(&w, key);
		arena_free(&w.arena);
		if (i == 50) { /* a recent use keeps page 40 in */
			struct req g = {0};
			assert_true(page_cache_get(&g, "page-40"));
			arena_free(&g.arena);
		}
	}
	struct page_cache_stats s;
	page_cache_stats(&s);
	assert_true(s.bytes <= room);
	assert_true(s.entries >= 10 && s.entries < 16);
	assert_int_equal(s.stored, 100);
	assert_int_equal(s.evicted + s.entries, 100);
	struct req g = {0};
	assert_true(page_cache_get(&g, "page-99")); /* the newest stays */
	assert_false(page_cache_get(&g, "page-0")); /* the oldest went */
	arena_free(&g.arena);
	arena_free(&a);
	assert_int_equal(page_cache_configure("abc"), -1);
	assert_int_equal(page_cache_configure("-1"), -1);
	assert_int_equal(page_cache_configure("2048"), -1);
	assert_int_equal(page_cache_configure("0"), 0);
	assert_false(page_cache_on());
	assert_int_equal(page_cache_configure(NULL), 0);
	page_cache_stats(&s);
	assert_int_equal(s.max_bytes, (size_t)PAGE_CACHE_DEFAULT_MB * 1024 * 1024);
	page_cache_init(0);
}

/* GET uri with a session cookie; the body, in a. */
static char *get(struct db *db, const char *uri, const char *session, struct arena *a)
{
	struct req r;
	char cookie[80];
	snprintf(cookie, sizeof(cookie), "kring_session=%s", session);
	t_request(&r, db, "GET", uri, NULL, cookie);
	assert_int_equal(r.status, 200);
	char *body = arena_strdup(a, t_body(&r));
	t_done(&r);
	return body;
}

static unsigned long long hits(void)
{
	struct page_cache_stats s;
	page_cache_stats(&s);
	return s.hits;
}

static void test_through_the_router(void **state)
{
	(void)state;
	struct tdb *t = tdb_open_migrated();
	assert_int_equal(page_cache_init(1024 * 1024), 0);
	long long org = t_org(t->db, "bieb", "De Bieb");
	long long anna = t_person(t->db, "anna@example.nl", "Anna");
	long long bert = t_person(t->db, "bert@example.nl", "Bert");
	assert_int_equal(db_exec(t->db,
	                         "INSERT INTO memberships (org_id, person_id, role, created_at)"
	                         " VALUES (?1, ?2, 'beheerder', 0), (?1, ?3, 'medewerker', 0)",
	                         DB_ARGS(DB_INT(org), DB_INT(anna), DB_INT(bert))),
	                 DB_OK);
	char sa[44], sb[44];
	t_session(t->db, anna, sa);
	t_session(t->db, bert, sb);
	struct arena a = {0};
	const char *uri = "/o/bieb/communities";
	char *first = get(t->db, uri, sa, &a);
	unsigned long long h = hits();
	char *second = get(t->db, uri, sa, &a);
	assert_int_equal(hits(), h + 1); /* kept */
	assert_string_equal(second, first);
	assert_non_null(strstr(first, "Anna"));
	/* Bert, the same URL: his own page, with his name and his forms' token */
	char *his = get(t->db, uri, sb, &a);
	assert_int_equal(hits(), h + 1);
	assert_non_null(strstr(his, "Bert"));
	assert_null(strstr(his, "Anna"));
	/* a change shows at once */
	assert_int_equal(db_exec(t->db,
	                         "INSERT INTO communities (org_id, name, status, status_since,"
	                         " created_at, updated_at)"
	                         " VALUES (?, 'Taalcafé Noord', 'samenwerken', 1, 1, 1)",
	                         DB_ARGS(DB_INT(org))),
	                 DB_OK);
	char *after = get(t->db, uri, sa, &a);
	assert_int_equal(hits(), h + 1);
	assert_non_null(strstr(after, "Taalcafé Noord"));
	assert_null(strstr(first, "Taalcafé Noord"));
	/* another query string is another page */
	get(t->db, "/o/bieb/communities?status=samenwerken", sa, &a);
	assert_int_equal(hits(), h + 1);
	arena_free(&a);
	page_cache_init(0);
	tdb_close(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sqlite_generation),
	    cmocka_unit_test(test_postgres_generation),
	    cmocka_unit_test(test_keeps_and_gives_back),
	    cmocka_unit_test(test_keeps_only_plain_pages),
	    cmocka_unit_test(test_stays_in_its_room),
	    cmocka_unit_test(test_through_the_router),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
