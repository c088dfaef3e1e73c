/*
 * test_community.c - the domain rules of communities (core/community.c):
 * signals for staff roles, the status history, version conflicts, ordered
 * lists, tenant checks, the list filters and the scan.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "community_fixture.h"
#include "util/date.h"

/* ---- signals (M8, lessons 1 and 6) ---- */

static void test_signals_no_staff_misses_every_role(void **state)
{
	(void)state;
	struct community_signals s;
	community_signals_compute(NULL, 0, 0, 0, &s);
	assert_true(s.missing[0] && s.missing[1] && s.missing[2]);
	assert_int_equal(s.n_missing, 3);
	assert_int_equal(s.n_staff, 0);
	assert_false(s.too_many);
	assert_false(s.more_needs);
	assert_int_equal(s.n_signals, 3);
}

static void test_signals_one_missing_role(void **state)
{
	(void)state;
	struct community_person staff[] = {
	    {1, 10, "Sam", "bouwer"},
	    {2, 11, "Jo", "aanjager"},
	};
	struct community_signals s;
	community_signals_compute(staff, 2, 3, 1, &s);
	assert_false(s.missing[0]); /* bouwer */
	assert_true(s.missing[1]);  /* verbinder */
	assert_false(s.missing[2]); /* aanjager */
	assert_int_equal(s.n_missing, 1);
	assert_int_equal(s.n_staff, 2);
	assert_int_equal(s.n_signals, 1);
}

static void test_signals_one_person_in_all_roles_counts_once(void **state)
{
	(void)state;
	struct community_person staff[] = {
	    {1, 10, "Sam", "bouwer"},
	    {2, 10, "Sam", "verbinder"},
	    {3, 10, "Sam", "aanjager"},
	};
	struct community_signals s;
	community_signals_compute(staff, 3, 0, 0, &s);
	assert_int_equal(s.n_missing, 0);
	assert_int_equal(s.n_staff, 1);
	assert_int_equal(s.n_signals, 0);
}

static void test_signals_more_than_three_staff(void **state)
{
	(void)state;
	struct community_person three[] = {
	    {1, 10, "A", "bouwer"},
	    {2, 11, "B", "verbinder"},
	    {3, 12, "C", "aanjager"},
	    {4, 13, "D", "bouwer"},
	};
	struct community_signals s;
	community_signals_compute(three, 3, 0, 0, &s);
	assert_false(s.too_many); /* three is fine */
	community_signals_compute(three, 4, 0, 0, &s);
	assert_true(s.too_many);
	assert_int_equal(s.n_staff, 4);
	assert_int_equal(s.n_signals, 1);
}

static void test_signals_more_needs_than_strengths(void **state)
{
	(void)state;
	struct community_person staff[] = {
	    {1, 10, "A", "bouwer"}, {2, 11, "B", "verbinder"}, {3, 12, "C", "aanjager"}};
	struct community_signals s;
	community_signals_compute(staff, 3, 2, 2, &s);
	assert_false(s.more_needs);
	community_signals_compute(staff, 3, 1, 2, &s);
	assert_true(s.more_needs);
	assert_int_equal(s.n_signals, 1);
}

/* ---- vocabularies and dates ---- */

static void test_vocab_and_labels(void **state)
{
	(void)state;
	assert_int_equal(vocab_index(community_statuses, "gewenst"), 0);
	assert_int_equal(vocab_index(community_statuses, "gestopt"), 5);
	assert_int_equal(vocab_index(community_statuses, "Gestopt"), -1);
	assert_int_equal(vocab_index(community_statuses, NULL), -1);
	assert_int_equal(vocab_index(community_archetypes, "circumstance"), 3);
	assert_int_equal(vocab_index(community_bonds, "zeer-sterk"), 3);
}

static void test_date_valid(void **state)
{
	(void)state;
	assert_true(date_valid("2026-03-14"));
	assert_true(date_valid("2024-02-29"));
	assert_false(date_valid("2026-02-29"));
	assert_false(date_valid("2026-13-01"));
	assert_false(date_valid("2026-04-31"));
	assert_false(date_valid("14-03-2026"));
	assert_false(date_valid(""));
	assert_false(date_valid(NULL));
	assert_false(date_valid("2026-3-14"));
	assert_false(date_valid("2026-03-1a"));
}

/* ---- the community, its history and conflicts ---- */

static void test_create_validates_vocabularies(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	long long id = 0;
	struct community c = {.name = "X", .status = "bestaat-niet"};
	assert_int_equal(community_create(f->db, f->org_a, 0, &c, &id), SAVE_REFUSED);
	c.status = "gewenst";
	c.archetype = "hobby";
	assert_int_equal(community_create(f->db, f->org_a, 0, &c, &id), SAVE_REFUSED);
	c.archetype = "interest";
	c.started_on = "2026-02-30";
	assert_int_equal(community_create(f->db, f->org_a, 0, &c, &id), SAVE_REFUSED);
	c.started_on = "2026-02-28";
	c.name = "";
	assert_int_equal(community_create(f->db, f->org_a, 0, &c, &id), SAVE_REFUSED);
	c.name = "Y";
	assert_int_equal(community_create(f->db, f->org_a, 0, &c, &id), SAVE_OK);
	fx_close(f);
}

static void test_status_history_keeps_every_change(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	struct community c;
	assert_int_equal(community_get(f->db, &a, f->org_a, f->community, &c), 1);
	assert_string_equal(c.status, "gewenst");

	c.status = "verkennen";
	assert_int_equal(community_update(f->db, f->org_a, f->staff_a, &c), SAVE_OK);
	assert_int_equal(community_get(f->db, &a, f->org_a, f->community, &c), 1);
	c.description = "Alleen de beschrijving verandert";
	assert_int_equal(community_update(f->db, f->org_a, f->staff_a, &c), SAVE_OK);
	assert_int_equal(community_get(f->db, &a, f->org_a, f->community, &c), 1);
	c.status = "samenwerken";
	assert_int_equal(community_update(f->db, f->org_a, f->staff_a2, &c), SAVE_OK);

	struct community_status_change *h;
	size_t n;
	assert_int_equal(community_history(f->db, &a, f->org_a, f->community, &h, &n), 0);
	assert_int_equal(n, 3); /* creation, verkennen, samenwerken: not the text edit */
	assert_string_equal(h[0].status, "gewenst");
	assert_string_equal(h[1].status, "verkennen");
	assert_string_equal(h[2].status, "samenwerken");
	assert_string_equal(h[1].who, "Sam Medewerker");
	assert_string_equal(h[2].who, "Jo Medewerker");
	assert_true(h[2].at >= h[1].at && h[1].at >= h[0].at && h[0].at > 0);
	assert_int_equal(community_get(f->db, &a, f->org_a, f->community, &c), 1);
	assert_int_equal(c.status_since, h[2].at);
	/* the other organisation cannot read the history */
	assert_int_equal(community_history(f->db, &a, f->org_b, f->community, &h, &n), 0);
	assert_int_equal(n, 0);
	arena_free(&a);
	fx_close(f);
}

static void test_version_conflict_is_refused_and_nothing_changes(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	struct community first, second;
	assert_int_equal(community_get(f->db, &a, f->org_a, f->community, &first), 1);
	assert_int_equal(community_get(f->db, &a, f->org_a, f->community, &second), 1);
	assert_int_equal(first.version, second.version);

	first.description = "Tekst van Sam";
	assert_int_equal(community_update(f->db, f->org_a, f->staff_a, &first), SAVE_OK);
	second.description = "Tekst van Jo";
	second.status = "gestopt";
	assert_int_equal(community_update(f->db, f->org_a, f->staff_a2, &second), SAVE_CONFLICT);

	struct community now;
	assert_int_equal(community_get(f->db, &a, f->org_a, f->community, &now), 1);
	assert_string_equal(now.description, "Tekst van Sam");
	assert_string_equal(now.status, "gewenst"); /* the refused status change left no trace */
	assert_int_equal(now.version, first.version + 1);
	struct community_status_change *h;
	size_t n;
	assert_int_equal(community_history(f->db, &a, f->org_a, f->community, &h, &n), 0);
	assert_int_equal(n, 1);

	/* naming the new version, the second save goes through */
	second.version = now.version;
	assert_int_equal(community_update(f->db, f->org_a, f->staff_a2, &second), SAVE_OK);
	assert_int_equal(community_get(f->db, &a, f->org_a, f->community, &now), 1);
	assert_string_equal(now.description, "Tekst van Jo");
	arena_free(&a);
	fx_close(f);
}

static void test_delete_is_audited_and_takes_lists_along(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	assert_int_equal(
	    community_item_add(f->db, f->org_a, 0, f->community, "sterkte", "Trots", NULL, NULL),
	    SAVE_OK);
	assert_int_equal(
	    community_staff_add(f->db, f->org_a, 0, f->community, f->staff_a, "bouwer"), SAVE_OK);
	assert_int_equal(community_delete(f->db, f->org_b, f->admin_b, f->community,
	                                  fx_version(f, f->org_b, f->community)),
	                 SAVE_NOT_FOUND);
	assert_int_equal(community_delete(f->db, f->org_a, f->staff_a, f->community,
	                                  fx_version(f, f->org_a, f->community)),
	                 SAVE_OK);
	assert_int_equal(community_delete(f->db, f->org_a, f->staff_a, f->community,
	                                  fx_version(f, f->org_a, f->community)),
	                 SAVE_NOT_FOUND);
	long long n = -1;
	db_query_int(f->db, "SELECT COUNT(*) FROM community_items WHERE community_id = ?",
	             DB_ARGS(DB_INT(f->community)), &n);
	assert_int_equal(n, 0);
	db_query_int(
	    f->db,
	    "SELECT COUNT(*) FROM audit_log WHERE org_id = ? AND action = 'community.delete'"
	    " AND object = 'Taalcafé' AND person_id = ?",
	    DB_ARGS(DB_INT(f->org_a), DB_INT(f->staff_a)), &n);
	assert_int_equal(n, 1);
	fx_close(f);
}

/* ---- tenant checks ---- */

static void test_records_of_another_org_are_not_found(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	struct community c;
	assert_int_equal(community_get(f->db, &a, f->org_b, f->community, &c), 0);
	assert_int_equal(community_visible(f->db, f->org_b, f->community, 0), 0);
	assert_int_equal(community_visible(f->db, f->org_a, f->community, 0), 1);

	/* an update naming org B's community under org A changes nothing */
	assert_int_equal(community_get(f->db, &a, f->org_b, f->community_b, &c), 1);
	c.name = "Overgenomen";
	assert_int_equal(community_update(f->db, f->org_a, f->staff_a, &c), SAVE_NOT_FOUND);

	assert_int_equal(
	    community_item_add(f->db, f->org_a, 0, f->community_b, "sterkte", "x", NULL, NULL),
	    SAVE_NOT_FOUND);
	long long item = 0;
	assert_int_equal(
	    community_item_add(f->db, f->org_b, 0, f->community_b, "sterkte", "B", NULL, &item),
	    SAVE_OK);
	/* B's item through A's community, or through A as organisation */
	assert_int_equal(community_item_update(f->db, f->org_a, 0, f->community, item, "x", "", 1),
	                 SAVE_NOT_FOUND);
	assert_int_equal(community_item_move(f->db, f->org_a, f->community_b, item, -1),
	                 SAVE_NOT_FOUND);
	assert_int_equal(community_item_delete(f->db, f->org_a, 0, f->community, item),
	                 SAVE_NOT_FOUND);
	/* an item of another community of the same org */
	long long sibling = 0;
	assert_int_equal(community_item_add(f->db, f->org_a, 0, f->other_community, "voor",
	                                    "Welkom", NULL, &sibling),
	                 SAVE_OK);
	assert_int_equal(community_item_delete(f->db, f->org_a, 0, f->community, sibling),
	                 SAVE_NOT_FOUND);
	assert_int_equal(community_item_move(f->db, f->org_a, f->community, sibling, 1),
	                 SAVE_NOT_FOUND);

	/* people: B's beheerder is no staff of A; a medewerker is no ambassadeur */
	assert_int_equal(
	    community_staff_add(f->db, f->org_a, 0, f->community, f->admin_b, "bouwer"),
	    SAVE_NOT_FOUND);
	assert_int_equal(
	    community_staff_add(f->db, f->org_a, 0, f->community, f->adviser, "bouwer"),
	    SAVE_NOT_FOUND);
	assert_int_equal(community_staff_add(f->db, f->org_a, 0, f->community, f->amb, "bouwer"),
	                 SAVE_NOT_FOUND);
	assert_int_equal(community_ambassador_add(f->db, f->org_a, 0, f->community, f->staff_a),
	                 SAVE_NOT_FOUND);
	assert_int_equal(
	    community_staff_add(f->db, f->org_b, 0, f->community, f->admin_b, "bouwer"),
	    SAVE_NOT_FOUND);
	assert_int_equal(community_staff_add(f->db, f->org_a, 0, f->community, f->staff_a, "baas"),
	                 SAVE_REFUSED);

	/* attachments are removed only through their own community and org */
	assert_int_equal(
	    community_staff_add(f->db, f->org_a, 0, f->community, f->staff_a, "bouwer"), SAVE_OK);
	struct community_person *p;
	size_t n;
	assert_int_equal(community_staff_list(f->db, &a, f->org_a, f->community, &p, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(community_staff_remove(f->db, f->org_b, 0, f->community, p[0].id),
	                 SAVE_NOT_FOUND);
	assert_int_equal(community_staff_remove(f->db, f->org_a, 0, f->other_community, p[0].id),
	                 SAVE_NOT_FOUND);
	assert_int_equal(community_staff_remove(f->db, f->org_a, 0, f->community, p[0].id),
	                 SAVE_OK);
	arena_free(&a);
	fx_close(f);
}

/* The staff of a page of communities in one query: each its own, in
 * community_staff_list's order; another org's community gets nobody. */
static void test_staff_lists_of_a_page(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	assert_int_equal(
	    community_staff_add(f->db, f->org_a, 0, f->community, f->staff_a, "verbinder"),
	    SAVE_OK);
	assert_int_equal(
	    community_staff_add(f->db, f->org_a, 0, f->community, f->staff_a2, "bouwer"), SAVE_OK);
	assert_int_equal(
	    community_staff_add(f->db, f->org_b, 0, f->community_b, f->admin_b, "bouwer"), SAVE_OK);
	const long long ids[] = {f->other_community, f->community, f->community_b};
	struct community_person *lists[3];
	size_t n[3];
	assert_int_equal(community_staff_lists(f->db, &a, f->org_a, ids, 3, lists, n), 0);
	assert_int_equal(n[0], 0);
	assert_int_equal(n[2], 0); /* org B's community, asked for by org A */
	struct community_person *one;
	size_t n_one;
	assert_int_equal(community_staff_list(f->db, &a, f->org_a, f->community, &one, &n_one), 0);
	assert_int_equal(n[1], 2);
	assert_int_equal(n_one, 2);
	for (size_t i = 0; i < 2; i++) {
		assert_int_equal(lists[1][i].id, one[i].id);
		assert_int_equal(lists[1][i].person_id, one[i].person_id);
		assert_string_equal(lists[1][i].name, one[i].name);
		assert_string_equal(lists[1][i].role, one[i].role);
	}
	assert_string_equal(lists[1][0].role, "bouwer");
	/* org B sees its own */
	assert_int_equal(community_staff_lists(f->db, &a, f->org_b, ids, 3, lists, n), 0);
	assert_int_equal(n[0] + n[1], 0);
	assert_int_equal(n[2], 1);
	assert_int_equal(lists[2][0].person_id, f->admin_b);
	arena_free(&a);
	fx_close(f);
}

static void test_ambassadeur_sees_only_attached(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	assert_int_equal(community_visible(f->db, f->org_a, f->community, f->amb), 1);
	assert_int_equal(community_visible(f->db, f->org_a, f->other_community, f->amb), 0);
	assert_int_equal(community_visible(f->db, f->org_a, f->community, f->amb2), 0);
	struct arena a;
	arena_init(&a);
	struct community_filter flt = {.only_attached = f->amb};
	struct community_row *rows;
	size_t n;
	long long total;
	assert_int_equal(community_list(f->db, &a, f->org_a, &flt, 25, 0, &rows, &n, &total), 0);
	assert_int_equal(total, 1);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, f->community);
	flt.only_attached = f->amb2;
	assert_int_equal(community_list(f->db, &a, f->org_a, &flt, 25, 0, &rows, &n, &total), 0);
	assert_int_equal(total, 0);
	flt.only_attached = 0;
	assert_int_equal(community_list(f->db, &a, f->org_a, &flt, 25, 0, &rows, &n, &total), 0);
	assert_int_equal(total, 2);
	arena_free(&a);
	fx_close(f);
}

/* ---- ordered lists ---- */

/* The texts of a kind, in order, joined by '|'. */
static const char *texts(struct fx *f, struct arena *a, const char *kind)
{
	struct community_item *it;
	size_t n;
	assert_int_equal(community_items(f->db, a, f->org_a, f->community, &it, &n), 0);
	struct buf b;
	buf_init(&b, a);
	for (size_t i = 0; i < n; i++)
		if (strcmp(it[i].kind, kind) == 0)
			buf_printf(&b, "%s%s", b.len ? "|" : "", it[i].text);
	return buf_str(&b);
}

static void test_items_keep_order_and_move(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	long long ids[3];
	const char *names[] = {"een", "twee", "drie"};
	for (int i = 0; i < 3; i++)
		assert_int_equal(community_item_add(f->db, f->org_a, 0, f->community, "van",
		                                    names[i], NULL, &ids[i]),
		                 SAVE_OK);
	assert_int_equal(
	    community_item_add(f->db, f->org_a, 0, f->community, "sterkte", "trots", NULL, NULL),
	    SAVE_OK);
	assert_string_equal(texts(f, &a, "van"), "een|twee|drie");
	assert_int_equal(community_item_move(f->db, f->org_a, f->community, ids[2], -1), SAVE_OK);
	assert_string_equal(texts(f, &a, "van"), "een|drie|twee");
	assert_int_equal(community_item_move(f->db, f->org_a, f->community, ids[2], -1), SAVE_OK);
	assert_string_equal(texts(f, &a, "van"), "drie|een|twee");
	/* at the top it stays */
	assert_int_equal(community_item_move(f->db, f->org_a, f->community, ids[2], -1), SAVE_OK);
	assert_string_equal(texts(f, &a, "van"), "drie|een|twee");
	assert_int_equal(community_item_move(f->db, f->org_a, f->community, ids[0], 1), SAVE_OK);
	assert_string_equal(texts(f, &a, "van"), "drie|twee|een");
	/* another list is not touched */
	assert_string_equal(texts(f, &a, "sterkte"), "trots");
	/* a new item goes to the end */
	assert_int_equal(
	    community_item_add(f->db, f->org_a, 0, f->community, "van", "vier", NULL, NULL),
	    SAVE_OK);
	assert_string_equal(texts(f, &a, "van"), "drie|twee|een|vier");
	arena_free(&a);
	fx_close(f);
}

static void test_item_status_rules_and_conflict(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	long long id = 0, s = 0;
	assert_int_equal(
	    community_item_add(f->db, f->org_a, 0, f->community, "door", "Avond", NULL, &id),
	    SAVE_OK);
	assert_int_equal(
	    community_item_add(f->db, f->org_a, 0, f->community, "sterkte", "Talent", "gedaan", &s),
	    SAVE_OK);
	struct community_item it;
	assert_int_equal(community_item_get(f->db, &a, f->org_a, f->community, id, &it), 1);
	assert_string_equal(it.status, "idee"); /* actions start as an idea */
	assert_int_equal(community_item_get(f->db, &a, f->org_a, f->community, s, &it), 1);
	assert_string_equal(it.status, ""); /* strengths have no status */
	assert_int_equal(
	    community_item_add(f->db, f->org_a, 0, f->community, "door", "x", "klaar", NULL),
	    SAVE_REFUSED);
	assert_int_equal(
	    community_item_add(f->db, f->org_a, 0, f->community, "anders", "x", NULL, NULL),
	    SAVE_REFUSED);
	assert_int_equal(
	    community_item_add(f->db, f->org_a, 0, f->community, "door", "", NULL, NULL),
	    SAVE_REFUSED);

	assert_int_equal(community_item_update(f->db, f->org_a, 0, f->community, id,
	                                       "Avond met eten", "gepland", 1),
	                 SAVE_OK);
	assert_int_equal(
	    community_item_update(f->db, f->org_a, 0, f->community, id, "Oude versie", "gedaan", 1),
	    SAVE_CONFLICT);
	assert_int_equal(community_item_get(f->db, &a, f->org_a, f->community, id, &it), 1);
	assert_string_equal(it.text, "Avond met eten");
	assert_string_equal(it.status, "gepland");
	assert_int_equal(it.version, 2);
	arena_free(&a);
	fx_close(f);
}

/* ---- the list ---- */

static void test_list_filters_and_sorts(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	struct community c;
	assert_int_equal(community_get(f->db, &a, f->org_a, f->other_community, &c), 1);
	c.status = "samenwerken";
	c.archetype = "practice";
	assert_int_equal(community_update(f->db, f->org_a, 0, &c), SAVE_OK);
	/* Taalcafé has all three roles; Repair Café only a bouwer */
	assert_int_equal(
	    community_staff_add(f->db, f->org_a, 0, f->community, f->staff_a, "bouwer"), SAVE_OK);
	assert_int_equal(
	    community_staff_add(f->db, f->org_a, 0, f->community, f->staff_a2, "verbinder"),
	    SAVE_OK);
	assert_int_equal(
	    community_staff_add(f->db, f->org_a, 0, f->community, f->admin_a, "aanjager"), SAVE_OK);
	assert_int_equal(
	    community_staff_add(f->db, f->org_a, 0, f->other_community, f->staff_a2, "bouwer"),
	    SAVE_OK);

	struct community_row *rows;
	size_t n;
	long long total;
	struct community_filter flt = {.status = "samenwerken"};
	assert_int_equal(community_list(f->db, &a, f->org_a, &flt, 25, 0, &rows, &n, &total), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].name, "Repair Café");

	struct community_filter by_type = {.archetype = "practice"};
	assert_int_equal(community_list(f->db, &a, f->org_a, &by_type, 25, 0, &rows, &n, &total),
	                 0);
	assert_int_equal(total, 1);

	struct community_filter missing = {.role = "ontbreekt"};
	assert_int_equal(community_list(f->db, &a, f->org_a, &missing, 25, 0, &rows, &n, &total),
	                 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].name, "Repair Café");

	struct community_filter verbinder = {.role = "verbinder"};
	assert_int_equal(community_list(f->db, &a, f->org_a, &verbinder, 25, 0, &rows, &n, &total),
	                 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].name, "Taalcafé");
	assert_int_equal(rows[0].n_staff, 3);
	assert_int_equal(rows[0].n_role[0] + rows[0].n_role[1] + rows[0].n_role[2], 3);

	struct community_filter jo = {.person = f->staff_a2};
	assert_int_equal(community_list(f->db, &a, f->org_a, &jo, 25, 0, &rows, &n, &total), 0);
	assert_int_equal(total, 2);
	jo.role = "bouwer"; /* Jo as bouwer: only the Repair Café */
	assert_int_equal(community_list(f->db, &a, f->org_a, &jo, 25, 0, &rows, &n, &total), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].name, "Repair Café");

	/* sorting: by name (case-insensitive), by status along the lifecycle */
	struct community_filter by_name = {.sort = SORT_NAME};
	assert_int_equal(community_list(f->db, &a, f->org_a, &by_name, 25, 0, &rows, &n, &total),
	                 0);
	assert_string_equal(rows[0].name, "Repair Café");
	assert_string_equal(rows[1].name, "Taalcafé");
	struct community_filter by_status = {.sort = SORT_STATUS};
	assert_int_equal(community_list(f->db, &a, f->org_a, &by_status, 25, 0, &rows, &n, &total),
	                 0);
	assert_string_equal(rows[0].status, "gewenst");
	assert_string_equal(rows[1].status, "samenwerken");

	/* a staff member whose role is taken away no longer counts */
	assert_int_equal(member_set_role(f->db, f->org_a, 0, f->staff_a2, ROLE_AMBASSADEUR),
	                 SAVE_OK);
	assert_int_equal(community_list(f->db, &a, f->org_a, &verbinder, 25, 0, &rows, &n, &total),
	                 0);
	assert_int_equal(total, 0);

	/* paging */
	for (int i = 0; i < 30; i++)
		fx_community(f->db, f->org_a, arena_printf(&a, "Groep %02d", i));
	struct community_filter all = {.sort = SORT_NAME};
	assert_int_equal(community_list(f->db, &a, f->org_a, &all, 25, 25, &rows, &n, &total), 0);
	assert_int_equal(total, 32);
	assert_int_equal(n, 7);
	arena_free(&a);
	fx_close(f);
}

/* ---- the scan ---- */

static void test_scan_entry_to_community_once(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	assert_int_equal(scan_entry_add(f->db, f->org_a, f->staff_a, "gewenst", "Mantelzorgers",
	                                "Zorgen voor een naaste", "Past bij onze doelen"),
	                 SAVE_OK);
	assert_int_equal(
	    scan_entry_add(f->db, f->org_a, f->staff_a, "bestaand", "Schaakclub", "", ""), SAVE_OK);
	assert_int_equal(scan_entry_add(f->db, f->org_a, f->staff_a, "later", "X", "", ""),
	                 SAVE_REFUSED);
	struct scan_entry *e;
	size_t n;
	assert_int_equal(scan_entry_list(f->db, &a, f->org_a, &e, &n), 0);
	assert_int_equal(n, 2);
	long long desired = strcmp(e[0].list, "gewenst") == 0 ? e[0].id : e[1].id;
	long long existing = strcmp(e[0].list, "gewenst") == 0 ? e[1].id : e[0].id;

	long long cid = 0, again = 0, other = 0;
	assert_int_equal(scan_entry_to_community(f->db, f->org_b, f->admin_b, desired, &cid),
	                 SAVE_NOT_FOUND);
	assert_int_equal(scan_entry_to_community(f->db, f->org_a, f->staff_a, desired, &cid),
	                 SAVE_OK);
	assert_int_equal(scan_entry_to_community(f->db, f->org_a, f->staff_a, desired, &again),
	                 SAVE_OK);
	assert_int_equal(cid, again); /* a second click makes no second community */
	struct community c;
	assert_int_equal(community_get(f->db, &a, f->org_a, cid, &c), 1);
	assert_string_equal(c.name, "Mantelzorgers");
	assert_string_equal(c.description, "Zorgen voor een naaste");
	assert_string_equal(c.why, "Past bij onze doelen");
	assert_string_equal(c.status, "gewenst");
	assert_int_equal(scan_entry_to_community(f->db, f->org_a, f->staff_a, existing, &other),
	                 SAVE_OK);
	assert_int_equal(community_get(f->db, &a, f->org_a, other, &c), 1);
	assert_string_equal(c.status, "verkennen");

	/* the entry stays, linked; deleting the community unlinks it */
	assert_int_equal(
	    community_delete(f->db, f->org_a, f->staff_a, cid, fx_version(f, f->org_a, cid)),
	    SAVE_OK);
	assert_int_equal(scan_entry_list(f->db, &a, f->org_a, &e, &n), 0);
	assert_int_equal(n, 2);
	long long seen = 0;
	for (size_t i = 0; i < n; i++)
		if (e[i].id == desired) {
			assert_int_equal(e[i].community_id, 0);
			seen = e[i].version;
		}
	assert_int_equal(scan_entry_delete(f->db, f->org_b, 0, desired, seen), SAVE_NOT_FOUND);
	assert_int_equal(scan_entry_delete(f->db, f->org_a, 0, desired, seen), SAVE_OK);

	assert_int_equal(scan_note_add(f->db, f->org_a, f->staff_a, "thema", "Gezondheid", "..."),
	                 SAVE_OK);
	struct scan_note *notes;
	assert_int_equal(scan_note_list(f->db, &a, f->org_a, &notes, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(notes[0].who, "Sam Medewerker");
	assert_int_equal(scan_note_update(f->db, f->org_b, 0, notes[0].id, "x", ""),
	                 SAVE_NOT_FOUND);
	assert_int_equal(scan_note_delete(f->db, f->org_b, 0, notes[0].id, notes[0].version),
	                 SAVE_NOT_FOUND);
	assert_int_equal(scan_note_list(f->db, &a, f->org_b, &notes, &n), 0);
	assert_int_equal(n, 0);
	arena_free(&a);
	fx_close(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_signals_no_staff_misses_every_role),
	    cmocka_unit_test(test_signals_one_missing_role),
	    cmocka_unit_test(test_signals_one_person_in_all_roles_counts_once),
	    cmocka_unit_test(test_signals_more_than_three_staff),
	    cmocka_unit_test(test_signals_more_needs_than_strengths),
	    cmocka_unit_test(test_vocab_and_labels),
	    cmocka_unit_test(test_date_valid),
	    cmocka_unit_test(test_create_validates_vocabularies),
	    cmocka_unit_test(test_status_history_keeps_every_change),
	    cmocka_unit_test(test_version_conflict_is_refused_and_nothing_changes),
	    cmocka_unit_test(test_delete_is_audited_and_takes_lists_along),
	    cmocka_unit_test(test_records_of_another_org_are_not_found),
	    cmocka_unit_test(test_staff_lists_of_a_page),
	    cmocka_unit_test(test_ambassadeur_sees_only_attached),
	    cmocka_unit_test(test_items_keep_order_and_move),
	    cmocka_unit_test(test_item_status_rules_and_conflict),
	    cmocka_unit_test(test_list_filters_and_sorts),
	    cmocka_unit_test(test_scan_entry_to_community_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
