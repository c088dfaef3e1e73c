/*
 * test_search.c - find anything (core/search.c): folding, FTS query
 * building that never lets input become FTS syntax, accent- and
 * case-insensitive matching including parts of Dutch compounds, the index
 * kept in step with changes, tenant isolation and what each role may find.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "community_fixture.h"
#include "core/action.h"
#include "core/conversation.h"
#include "core/partner.h"
#include "core/power.h"
#include "core/reindex.h"
#include "core/timeline.h"
#include "core/search.h"
#include "http/decode.h"

static long long count_docs(struct db *db)
{
	long long n = -1;
	assert_int_equal(db_query_int(db, "SELECT COUNT(*) FROM search_docs", DB_NOARGS, &n),
	                 DB_ROW);
	return n;
}

static const char *fold(struct arena *a, const char *s)
{
	return search_fold_str(a, s);
}

static void test_fold(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	assert_string_equal(fold(&a, "CAFÉ"), "cafe");
	assert_string_equal(fold(&a, "Taalcafé"), "taalcafe");
	assert_string_equal(fold(&a, "Oekraïne ÀÁÂÃÄÅ àáâãäå Ç ç Ñ ñ Ø ø ÿ"),
	                    "oekraine aaaaaa aaaaaa c c n n o o y");
	assert_string_equal(fold(&a, "Ĳsselmeer"), "ijsselmeer"); /* the Dutch ĳ ligature */
	assert_string_equal(fold(&a, "Œuvre Æsop"), "oeuvre aesop");
	assert_string_equal(fold(&a, "Łódź Šibenik Ğ"), "lodz sibenik g");
	/* a combining accent (e + U+0301) is dropped */
	assert_string_equal(fold(&a, "cafe\xCC\x81"), "cafe");
	/* ß stays; Greek and Cyrillic capitals become small */
	assert_string_equal(fold(&a, "Straße ΓΕΙΑ Привет"), "straße γεια привет");
	/* other scripts are kept as they are */
	assert_string_equal(fold(&a, "مرحبا 欢迎 👋"), "مرحبا 欢迎 👋");
	assert_string_equal(fold(&a, ""), "");
	assert_string_equal(fold(&a, NULL), "");

	/* the map points every folded byte back to its character in the original */
	const char *s = "Xé!";
	size_t map[16];
	struct buf b;
	buf_init(&b, &a);
	assert_int_equal(search_fold(&b, s, map), 3);
	assert_string_equal(buf_str(&b), "xe!");
	assert_int_equal(map[0], 0);
	assert_int_equal(map[1], 1); /* é starts at byte 1 */
	assert_int_equal(map[2], 3); /* ! after the two bytes of é */
	assert_int_equal(map[3], 4); /* the end */
	arena_free(&a);
}

static void test_quote(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	assert_string_equal(search_quote(&a, "cafe"), "\"cafe\"");
	assert_string_equal(search_quote(&a, "a\"b"), "\"a\"\"b\"");
	assert_string_equal(search_quote(&a, "\"\" OR *"), "\"\"\"\"\" OR *\"");
	assert_string_equal(search_quote(&a, ""), "\"\"");
	arena_free(&a);
}

static void test_query_build(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct search_query q;

	search_query_build(&a, "  Café   Taal ", &q);
	assert_int_equal(q.n_terms, 2);
	assert_string_equal(q.terms[0], "Café");
	assert_string_equal(q.folded[0], "cafe");
	assert_string_equal(q.words, "\"Café\"* \"Taal\"*");
	assert_string_equal(q.parts, "\"cafe\" \"taal\"");

	/* FTS syntax is only ever text: operators, quotes, columns, NEAR, ^ and * */
	search_query_build(&a, "\"cafe\" OR title:x* NEAR(a b) -y ^z AND (w)", &q);
	for (int i = 0; i < q.n_terms; i++)
		for (const char *p = q.terms[i]; *p; p++)
			assert_null(strchr("\"*():^-+ ", *p));
	assert_string_equal(q.words, "\"cafe\"* \"OR\"* \"title\"* \"x\"* \"NEAR\"* \"a\"* \"b\"* "
	                             "\"y\"*");
	/* at most SEARCH_MAX_TERMS terms; short ones only for whole words */
	assert_int_equal(q.n_terms, SEARCH_MAX_TERMS);
	assert_string_equal(q.parts, "\"cafe\" \"title\" \"near\"");

	/* nothing but punctuation: nothing to search */
	search_query_build(&a, "\"*^:()-+", &q);
	assert_int_equal(q.n_terms, 0);
	assert_string_equal(q.words, "");
	search_query_build(&a, NULL, &q);
	assert_int_equal(q.n_terms, 0);

	/* a long word is cut on a character boundary */
	char longw[200];
	memset(longw, 'x', sizeof(longw));
	memcpy(longw + 63, "é", 2); /* bytes 63 and 64: a cut at 64 would split it */
	longw[199] = '\0';
	search_query_build(&a, longw, &q);
	assert_int_equal(q.n_terms, 1);
	assert_int_equal(strlen(q.terms[0]), 63);
	assert_true(utf8_valid(q.terms[0], strlen(q.terms[0])));
	arena_free(&a);
}

/* ---- against a database ---- */

static long long add_partner(struct fx *f, long long org, const char *name, const char *descr)
{
	struct partner p = {.name = name, .kind = "welzijn", .description = descr};
	long long id = 0;
	assert_int_equal(partner_create(f->db, org, 0, &p, NULL, 0, &id), SAVE_OK);
	return id;
}

static long long add_talk(struct fx *f, long long org, long long partner, long long community,
                          const char *subject, const char *report)
{
	struct conversation c = {.held_on = "2026-03-01",
	                         .kind = "kennismaking",
	                         .partner_id = partner,
	                         .community_id = community,
	                         .subject = subject,
	                         .report = report};
	long long id = 0;
	assert_int_equal(conversation_create(f->db, org, 0, &c, NULL, 0, &id), SAVE_OK);
	return id;
}

/* Number of hits of kind for input, searched as staff of org. */
static size_t hits(struct fx *f, long long org, const char *input, const char *kind)
{
	struct arena a;
	arena_init(&a);
	struct search_result res;
	assert_int_equal(search_run(f->db, &a, org, 0, true, input, &res), 0);
	size_t n = 0;
	for (size_t i = 0; i < res.n_hits; i++)
		n += strcmp(res.hits[i].kind, kind) == 0;
	arena_free(&a);
	return n;
}

static void test_accents_case_and_compounds(void **state)
{
	(void)state;
	struct fx *f = fx_open(); /* communities "Taalcafé" and "Repair Café" in org A */
	add_partner(f, f->org_a, "Buurthuis De Kroon", "Organiseert een CAFÉ voor mantelzorgers.");
	add_talk(f, f->org_a, 0, f->community, "Koffie in Oekraïne-stijl", "Over de crèche.");

	assert_int_equal(hits(f, f->org_a, "cafe", "community"), 2); /* Café and Taalcafé */
	assert_int_equal(hits(f, f->org_a, "CAFÉ", "community"), 2); /* and the other way */
	assert_int_equal(hits(f, f->org_a, "taalcafe", "community"), 1);
	assert_int_equal(hits(f, f->org_a, "Café", "partner"), 1); /* "CAFÉ" in the text */
	assert_int_equal(hits(f, f->org_a, "oekraine", "conversation"), 1);
	assert_int_equal(hits(f, f->org_a, "CRECHE", "conversation"), 1);
	assert_int_equal(hits(f, f->org_a, "repair cafe", "community"), 1); /* every term */
	assert_int_equal(hits(f, f->org_a, "cafe mantelzorgers", "partner"), 1);
	assert_int_equal(hits(f, f->org_a, "cafe zwembad", "community"), 0);
	assert_int_equal(hits(f, f->org_a, "re", "community"), 1); /* short: start of a word */

	/* the snippet marks the match in the original text, accents and all */
	struct arena a;
	arena_init(&a);
	struct search_result res;
	assert_int_equal(search_run(f->db, &a, f->org_a, 0, true, "cafe", &res), 0);
	bool marked = false;
	for (size_t i = 0; i < res.n_hits; i++)
		if (strcmp(res.hits[i].kind, "partner") == 0)
			marked = strcmp(res.hits[i].match, "CAFÉ") == 0;
	assert_true(marked);
	arena_free(&a);
	fx_close(f);
}

static void test_fts_syntax_cannot_be_injected(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	add_partner(f, f->org_a, "Stichting OR Anders", "tekst met NEAR en * erin");
	static const char *const inputs[] = {
	    "\"",         "\"\"",      "*",           "cafe*",
	    "title:cafe", "NEAR(a b)", "a OR",        "OR",
	    "NOT",        "(cafe",     "cafe)",       "^cafe",
	    "-cafe",      "+cafe",     "{title}",     "cafe AND NOT",
	    "'; DROP",    "\\",        "café\"OR\"1", "\"cafe\" \"x\"",
	    "·",          "👋",         "—",
	};
	struct arena a;
	arena_init(&a);
	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		struct search_result res;
		if (search_run(f->db, &a, f->org_a, 0, true, inputs[i], &res) != 0)
			fail_msg("search for <%s> failed: %s", inputs[i], db_errmsg(f->db));
	}
	/* operators are words like any other */
	assert_int_equal(hits(f, f->org_a, "OR", "partner"), 1);
	assert_int_equal(hits(f, f->org_a, "NEAR", "partner"), 1);
	assert_int_equal(hits(f, f->org_a, "title:cafe", "partner"), 0);
	/* the tables are still there and in step */
	long long n = 0;
	assert_int_equal(db_query_int(f->db, "SELECT COUNT(*) FROM search_docs", DB_NOARGS, &n),
	                 DB_ROW);
	assert_true(n >= 4);
	arena_free(&a);
	fx_close(f);
}

static void test_index_follows_changes(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	long long p = add_partner(f, f->org_a, "Dorpsraad Heikant", "");
	assert_int_equal(hits(f, f->org_a, "heikant", "partner"), 1);

	/* a change is found at once, and the old text no more */
	struct partner pt;
	assert_int_equal(partner_get(f->db, &a, f->org_a, p, &pt), 1);
	pt.name = "Dorpsraad Molenbeek";
	assert_int_equal(partner_update(f->db, f->org_a, 0, &pt), SAVE_OK);
	assert_int_equal(hits(f, f->org_a, "heikant", "partner"), 0);
	assert_int_equal(hits(f, f->org_a, "molenbeek", "partner"), 1);

	/* partner power is part of the partner's text */
	struct partner_power pw = {.partner_id = p, .met_on = "2026-03-02", .goals = "Zwemles"};
	assert_int_equal(power_create(f->db, f->org_a, 0, &pw, NULL), SAVE_OK);
	assert_int_equal(hits(f, f->org_a, "zwemles", "partner"), 1);

	/* a community's sterktes and behoeften are searchable */
	assert_int_equal(community_item_add(f->db, f->org_a, 0, f->community, "sterkte",
	                                    "Vertellen prachtige verhalen", NULL, NULL),
	                 SAVE_OK);
	assert_int_equal(hits(f, f->org_a, "verhalen", "community"), 1);

	/* action points belong to their conversation */
	long long t = add_talk(f, f->org_a, p, 0, "Kennismaking", "");
	struct action_new ap = {.text = "Sleutel van de werkplaats regelen"};
	assert_int_equal(action_add(f->db, f->org_a, 0, t, &ap, NULL), SAVE_OK);
	assert_int_equal(hits(f, f->org_a, "werkplaats", "conversation"), 1);

	/* deleted records are gone from the index */
	long long tv = 0, pv = 0; /* deleting names the version it saw */
	assert_int_equal(db_query_int(f->db, "SELECT version FROM conversations WHERE id = ?",
	                              DB_ARGS(DB_INT(t)), &tv),
	                 DB_ROW);
	assert_int_equal(conversation_delete(f->db, f->org_a, 0, t, tv), SAVE_OK);
	assert_int_equal(hits(f, f->org_a, "werkplaats", "conversation"), 0);
	assert_int_equal(db_query_int(f->db, "SELECT version FROM partners WHERE id = ?",
	                              DB_ARGS(DB_INT(p)), &pv),
	                 DB_ROW);
	assert_int_equal(partner_delete(f->db, f->org_a, 0, p, pv), SAVE_OK);
	assert_int_equal(hits(f, f->org_a, "molenbeek", "partner"), 0);
	assert_int_equal(community_delete(f->db, f->org_a, 0, f->other_community,
	                                  fx_version(f, f->org_a, f->other_community)),
	                 SAVE_OK);
	assert_int_equal(hits(f, f->org_a, "repair", "community"), 0);

	/* a full rebuild gives the same index as the changes did */
	long long before = 0, after = 0;
	db_query_int(f->db, "SELECT COUNT(*) FROM search_docs", DB_NOARGS, &before);
	assert_int_equal(search_rebuild(f->db), 0);
	db_query_int(f->db, "SELECT COUNT(*) FROM search_docs", DB_NOARGS, &after);
	assert_int_equal(before, after);
	assert_int_equal(hits(f, f->org_a, "verhalen", "community"), 1);
	/* a refused write leaves the index as it was */
	long long q = add_partner(f, f->org_a, "Wijkteam Oost", "");
	assert_int_equal(partner_get(f->db, &a, f->org_a, q, &pt), 1);
	pt.name = "Wijkteam West";
	assert_int_equal(partner_update(f->db, f->org_a, 0, &pt), SAVE_OK);
	pt.name = "Iets heel anders"; /* from the same, now stale, version */
	assert_int_equal(partner_update(f->db, f->org_a, 0, &pt), SAVE_CONFLICT);
	assert_int_equal(hits(f, f->org_a, "anders", "partner"), 0);
	assert_int_equal(hits(f, f->org_a, "west", "partner"), 1);
	arena_free(&a);
	fx_close(f);
}

static void test_index_built_for_old_records(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	add_partner(f, f->org_a, "Bibliotheekvrienden", "");
	/* as in a database from before the search: empty index, not marked as built */
	assert_int_equal(db_begin(f->db), DB_OK);
	assert_int_equal(search_index_clear(f->db), 0); /* on either backend */
	assert_int_equal(db_commit(f->db), DB_OK);
	assert_int_equal(count_docs(f->db), 0);
	/* nothing is found until the index is built: kring does that at start */
	assert_int_equal(hits(f, f->org_a, "bibliotheekvrienden", "partner"), 0);
	assert_int_equal(search_ensure_index(f->db), 0);
	assert_int_equal(hits(f, f->org_a, "bibliotheekvrienden", "partner"), 1);
	assert_int_equal(hits(f, f->org_a, "taalcafe", "community"), 1);
	fx_close(f);
}

static void test_tenants_and_roles(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	add_partner(f, f->org_a, "Welzijn Noord", "Taalcafé en meer");
	add_partner(f, f->org_b, "Welzijn Zuid", "Taalcafé ook hier");
	add_talk(f, f->org_a, 0, f->community, "Gesprek over het taalcafé", "");

	/* each organisation finds its own records only */
	assert_int_equal(hits(f, f->org_a, "welzijn", "partner"), 1);
	assert_int_equal(hits(f, f->org_b, "welzijn", "partner"), 1);
	assert_int_equal(hits(f, f->org_b, "noord", "partner"), 0);
	assert_int_equal(hits(f, f->org_a, "zuid", "partner"), 0);
	assert_int_equal(hits(f, f->org_b, "taalcafe", "community"), 0);
	assert_int_equal(hits(f, f->org_b, "leesclub", "community"), 1);

	/* an ambassadeur: only the communities they are attached to, never partners or talks */
	struct search_result res;
	assert_int_equal(search_run(f->db, &a, f->org_a, f->amb, true, "cafe", &res), 0);
	assert_int_equal(res.n_hits, 1);
	assert_string_equal(res.hits[0].kind, "community");
	assert_int_equal(res.hits[0].id, f->community); /* Taalcafé, not Repair Café */
	assert_int_equal(search_run(f->db, &a, f->org_a, f->amb2, true, "cafe", &res), 0);
	assert_int_equal(res.n_hits, 0); /* attached to nothing */
	/* communities only (staff_kinds false) */
	assert_int_equal(search_run(f->db, &a, f->org_a, 0, false, "taalcafe", &res), 0);
	assert_int_equal(res.n_kind[0], 1);
	assert_int_equal(res.n_kind[1] + res.n_kind[2], 0);
	/* staff: all three kinds */
	assert_int_equal(search_run(f->db, &a, f->org_a, 0, true, "taalcafe", &res), 0);
	assert_int_equal(res.n_kind[0], 1);
	assert_int_equal(res.n_kind[1], 1);
	assert_int_equal(res.n_kind[2], 1);
	arena_free(&a);
	fx_close(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fold),
	    cmocka_unit_test(test_quote),
	    cmocka_unit_test(test_query_build),
	    cmocka_unit_test(test_accents_case_and_compounds),
	    cmocka_unit_test(test_fts_syntax_cannot_be_injected),
	    cmocka_unit_test(test_index_follows_changes),
	    cmocka_unit_test(test_index_built_for_old_records),
	    cmocka_unit_test(test_tenants_and_roles),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
