/*
 * test_partner.c - the partner domain (core/partner.c): partners and their
 * communities, partner power, conversations and action points, version
 * conflicts, the delete rule, tenant isolation of every reference, the
 * list with its counts, the timeline and the CSV (written by pages/partners.c);
 * deletes that name the version they saw; owners without a role and the
 * hand-over of their open action points.
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
#include "core/timeline.h"
#include "pages/partner_ui.h"

static long long partner(struct fx *f, long long org, const char *name, const char *kind)
{
	struct partner p = {.name = name, .kind = kind};
	long long id = 0;
	assert_int_equal(partner_create(f->db, org, f->staff_a, &p, NULL, 0, &id), SAVE_OK);
	return id;
}

static long long count(struct fx *f, const char *sql)
{
	long long n = -1;
	assert_int_equal(db_query_int_(f->db, sql, DB_NOARGS, &n), DB_ROW);
	return n;
}

static void test_partner_create_update_conflict(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	/* refused: no name, unknown kind */
	struct partner bad = {.name = "", .kind = "welzijn"};
	assert_int_equal(partner_create(f->db, f->org_a, 0, &bad, NULL, 0, NULL), SAVE_REFUSED);
	bad = (struct partner){.name = "X", .kind = "sekte"};
	assert_int_equal(partner_create(f->db, f->org_a, 0, &bad, NULL, 0, NULL), SAVE_REFUSED);

	/* created with its communities, in one go */
	long long links[] = {f->community, f->other_community};
	struct partner p = {.name = "Welzijn De Brug",
	                    .kind = "welzijn",
	                    .description = "Ouderenwerk",
	                    .contact_name = "Ruud"};
	long long id = 0;
	assert_int_equal(partner_create(f->db, f->org_a, f->staff_a, &p, links, 2, &id), SAVE_OK);
	struct community_ref *cs;
	size_t n;
	assert_int_equal(partner_communities(f->db, &a, f->org_a, id, &cs, &n), 0);
	assert_int_equal(n, 2);
	/* a community of another organisation: nothing is written at all */
	long long before = count(f, "SELECT COUNT(*) FROM partners");
	long long foreign[] = {f->community, f->community_b};
	assert_int_equal(partner_create(f->db, f->org_a, 0, &p, foreign, 2, NULL), SAVE_NOT_FOUND);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM partners"), before);

	/* two people edit: the second, from the old version, gets a conflict */
	struct partner mine, theirs, now;
	assert_int_equal(partner_get(f->db, &a, f->org_a, id, &mine), 1);
	theirs = mine;
	theirs.description = "Ouderenwerk en mantelzorg";
	assert_int_equal(partner_update(f->db, f->org_a, f->staff_a2, &theirs), SAVE_OK);
	mine.description = "Opbouwwerk";
	assert_int_equal(partner_update(f->db, f->org_a, f->staff_a, &mine), SAVE_CONFLICT);
	assert_int_equal(partner_get(f->db, &a, f->org_a, id, &now), 1);
	assert_string_equal(now.description, "Ouderenwerk en mantelzorg");
	assert_int_equal(now.version, 2);
	mine.version = now.version; /* saving again, from the new version, works */
	assert_int_equal(partner_update(f->db, f->org_a, f->staff_a, &mine), SAVE_OK);
	assert_int_equal(partner_get(f->db, &a, f->org_a, id, &now), 1);
	assert_string_equal(now.description, "Opbouwwerk");

	/* another organisation cannot see or change it */
	assert_int_equal(partner_get(f->db, &a, f->org_b, id, &now), 0);
	now.version = 3;
	now.name = "Overgenomen";
	assert_int_equal(partner_update(f->db, f->org_b, f->admin_b, &now), SAVE_NOT_FOUND);
	assert_int_equal(partner_delete(f->db, f->org_b, f->admin_b, id, 3), SAVE_NOT_FOUND);
	assert_int_equal(partner_link(f->db, f->org_b, f->admin_b, id, f->community_b),
	                 SAVE_NOT_FOUND);
	assert_int_equal(partner_get(f->db, &a, f->org_a, id, &now), 1);
	assert_string_equal(now.name, "Welzijn De Brug");
	arena_free(&a);
	fx_close(f);
}

static void test_links(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	long long p = partner(f, f->org_a, "Dorpsraad", "vereniging");
	assert_int_equal(partner_link(f->db, f->org_a, 0, p, f->community), SAVE_OK);
	assert_int_equal(partner_link(f->db, f->org_a, 0, p, f->community), SAVE_OK); /* twice */
	assert_int_equal(partner_link(f->db, f->org_a, 0, p, f->community_b), SAVE_NOT_FOUND);
	struct partner_ref *ps;
	size_t n;
	assert_int_equal(community_partner_list(f->db, &a, f->org_a, f->community, &ps, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(ps[0].name, "Dorpsraad");
	assert_int_equal(count(f, "SELECT COUNT(*) FROM audit_log WHERE action = 'partner.link'"),
	                 1);
	assert_int_equal(partner_unlink(f->db, f->org_a, 0, p, f->community), SAVE_OK);
	assert_int_equal(partner_unlink(f->db, f->org_a, 0, p, f->community), SAVE_NOT_FOUND);
	assert_int_equal(community_partner_list(f->db, &a, f->org_a, f->community, &ps, &n), 0);
	assert_int_equal(n, 0);
	/* deleting a community takes its links along */
	assert_int_equal(partner_link(f->db, f->org_a, 0, p, f->other_community), SAVE_OK);
	assert_int_equal(community_delete(f->db, f->org_a, 0, f->other_community,
	                                  fx_version(f, f->org_a, f->other_community)),
	                 SAVE_OK);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM partner_communities"), 0);
	arena_free(&a);
	fx_close(f);
}

static void test_power(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	long long p = partner(f, f->org_a, "VluchtelingenWerk", "welzijn");
	struct partner_power pw = {.partner_id = p, .met_on = "2026-03-02"};
	assert_int_equal(power_create(f->db, f->org_a, 0, &pw, NULL), SAVE_REFUSED); /* empty */
	pw.goals = "Tien nieuwe taalmaatjes";
	pw.met_on = "2026-02-30";
	assert_int_equal(power_create(f->db, f->org_a, 0, &pw, NULL), SAVE_REFUSED); /* no date */
	pw.met_on = "2026-03-02";
	long long first = 0, second = 0;
	assert_int_equal(power_create(f->db, f->org_a, f->staff_a, &pw, &first), SAVE_OK);
	struct partner_power later = {.partner_id = p,
	                              .met_on = "2026-05-10",
	                              .challenges = "Te weinig vrijwilligers",
	                              .core_values = "Gelijkwaardigheid",
	                              .commitments = "Twee uur per week",
	                              .success = "Als ze ons niet meer nodig hebben"};
	assert_int_equal(power_create(f->db, f->org_a, f->staff_a, &later, &second), SAVE_OK);
	/* newest first, with who wrote it */
	struct partner_power *list;
	size_t n;
	assert_int_equal(power_list(f->db, &a, f->org_a, p, &list, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].id, second);
	assert_string_equal(list[0].who, "Sam Medewerker");
	assert_string_equal(list[0].success, "Als ze ons niet meer nodig hebben");
	/* a partner of another org, or a record under the wrong partner: not found */
	pw.partner_id = p;
	assert_int_equal(power_create(f->db, f->org_b, f->admin_b, &pw, NULL), SAVE_NOT_FOUND);
	long long other = partner(f, f->org_a, "Ander", "anders");
	struct partner_power got;
	assert_int_equal(power_get(f->db, &a, f->org_a, other, first, &got), 0);
	/* conflict on a stale version */
	assert_int_equal(power_get(f->db, &a, f->org_a, p, first, &got), 1);
	struct partner_power stale = got;
	got.goals = "Vijftien taalmaatjes";
	assert_int_equal(power_update(f->db, f->org_a, f->staff_a2, &got), SAVE_OK);
	stale.goals = "Acht taalmaatjes";
	assert_int_equal(power_update(f->db, f->org_a, f->staff_a, &stale), SAVE_CONFLICT);
	assert_int_equal(power_get(f->db, &a, f->org_a, p, first, &got), 1);
	assert_string_equal(got.goals, "Vijftien taalmaatjes");
	assert_int_equal(power_delete(f->db, f->org_a, 0, other, first, got.version),
	                 SAVE_NOT_FOUND);
	assert_int_equal(power_delete(f->db, f->org_a, 0, p, first, got.version), SAVE_OK);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'power.%'"), 4);
	arena_free(&a);
	fx_close(f);
}

static void test_conversations_and_references(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	long long p = partner(f, f->org_a, "Basisschool", "school");
	long long pb = partner(f, f->org_b, "Strandwacht", "vereniging");
	struct conversation c = {
	    .held_on = "2026-03-01", .kind = "kennismaking", .subject = "Koffie"};
	/* neither partner nor community: refused */
	assert_int_equal(conversation_create(f->db, f->org_a, 0, &c, NULL, 0, NULL), SAVE_REFUSED);
	/* another organisation's partner or community, or owner: not found, nothing written */
	long long talks = count(f, "SELECT COUNT(*) FROM conversations");
	c.partner_id = pb;
	assert_int_equal(conversation_create(f->db, f->org_a, 0, &c, NULL, 0, NULL),
	                 SAVE_NOT_FOUND);
	c.partner_id = p;
	c.community_id = f->community_b;
	assert_int_equal(conversation_create(f->db, f->org_a, 0, &c, NULL, 0, NULL),
	                 SAVE_NOT_FOUND);
	c.community_id = f->community;
	struct action_new foreign_owner[] = {{.text = "Bellen", .owner_id = f->admin_b}};
	assert_int_equal(conversation_create(f->db, f->org_a, 0, &c, foreign_owner, 1, NULL),
	                 SAVE_NOT_FOUND);
	/* issue 9: owners are staff, or an ambassadeur of the conversation's community;
	 * an ambassadeur of no community here, or a partner of another org, is refused */
	struct action_new amb_owner[] = {{.text = "Bellen", .owner_id = f->amb2}};
	assert_int_equal(conversation_create(f->db, f->org_a, 0, &c, amb_owner, 1, NULL),
	                 SAVE_NOT_FOUND);
	struct action_new foreign_partner[] = {{.text = "Zaal regelen", .owner_partner_id = pb}};
	assert_int_equal(conversation_create(f->db, f->org_a, 0, &c, foreign_partner, 1, NULL),
	                 SAVE_NOT_FOUND);
	struct action_new two_owners[] = {
	    {.text = "Zaal regelen", .owner_id = f->staff_a, .owner_partner_id = p}};
	assert_int_equal(conversation_create(f->db, f->org_a, 0, &c, two_owners, 1, NULL),
	                 SAVE_REFUSED);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM conversations"), talks);
	c.kind = "vergadering";
	assert_int_equal(conversation_create(f->db, f->org_a, 0, &c, NULL, 0, NULL), SAVE_REFUSED);
	c.kind = "kennismaking";
	c.next_on = "morgen";
	assert_int_equal(conversation_create(f->db, f->org_a, 0, &c, NULL, 0, NULL), SAVE_REFUSED);

	/* with two action points (an empty third row is skipped) */
	c.next_on = "2026-04-01";
	c.next_note = "Evaluatie";
	struct action_new aps[] = {
	    {.text = "Zaal vastleggen", .owner_id = f->staff_a2, .due_on = "2026-03-10"},
	    {.text = "Verslag terugsturen", .owner_id = f->staff_a, .due_on = ""},
	    {.text = ""},
	};
	long long id = 0;
	assert_int_equal(conversation_create(f->db, f->org_a, f->staff_a, &c, aps, 3, &id),
	                 SAVE_OK);
	struct conversation got;
	assert_int_equal(conversation_get(f->db, &a, f->org_a, id, &got), 1);
	assert_string_equal(got.partner_name, "Basisschool");
	assert_string_equal(got.community_name, "Taalcafé");
	assert_string_equal(got.who, "Sam Medewerker");
	assert_false(got.report_sent);
	assert_int_equal(conversation_get(f->db, &a, f->org_b, id, &got), 0);
	struct action_point *list;
	size_t n;
	assert_int_equal(action_list(f->db, &a, f->org_a, id, &list, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].owner_name, "Jo Medewerker");

	/* ticking off: twice changes nothing, reopening works */
	assert_int_equal(action_set_done(f->db, f->org_a, f->staff_a2, id, list[0].id, true),
	                 SAVE_OK);
	assert_int_equal(action_set_done(f->db, f->org_a, f->staff_a2, id, list[0].id, true),
	                 SAVE_OK);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM audit_log WHERE action = 'action.done'"),
	                 1);
	struct action_point ap;
	assert_int_equal(action_get(f->db, &a, f->org_a, id, list[0].id, &ap), 1);
	assert_true(ap.done);
	assert_int_equal(action_set_done(f->db, f->org_a, 0, id, list[0].id, false), SAVE_OK);
	assert_int_equal(action_get(f->db, &a, f->org_a, id, list[0].id, &ap), 1);
	assert_false(ap.done);
	/* an action point of another conversation, or org, is not found */
	assert_int_equal(action_set_done(f->db, f->org_b, 0, id, list[0].id, true), SAVE_NOT_FOUND);
	assert_int_equal(action_set_done(f->db, f->org_a, 0, id + 1, list[0].id, true),
	                 SAVE_NOT_FOUND);
	/* editing an action point: versions */
	struct action_new edit = {.text = "Grote zaal vastleggen", .owner_id = f->staff_a3};
	assert_int_equal(action_update(f->db, f->org_a, 0, id, ap.id, &edit, ap.version), SAVE_OK);
	edit.text = "Kleine zaal";
	assert_int_equal(action_update(f->db, f->org_a, 0, id, ap.id, &edit, ap.version),
	                 SAVE_CONFLICT);
	edit.owner_id = f->admin_b;
	assert_int_equal(action_update(f->db, f->org_a, 0, id, ap.id, &edit, ap.version + 1),
	                 SAVE_NOT_FOUND);

	/* the conversation itself: conflict on a stale version */
	assert_int_equal(conversation_get(f->db, &a, f->org_a, id, &got), 1);
	struct conversation stale = got;
	got.report_sent = true;
	got.report = "Verslag A";
	assert_int_equal(conversation_update(f->db, f->org_a, 0, &got), SAVE_OK);
	stale.report = "Verslag B";
	assert_int_equal(conversation_update(f->db, f->org_a, 0, &stale), SAVE_CONFLICT);
	assert_int_equal(conversation_get(f->db, &a, f->org_a, id, &got), 1);
	assert_string_equal(got.report, "Verslag A");
	assert_true(got.report_sent);
	/* moving it to another org's partner is refused */
	got.partner_id = pb;
	assert_int_equal(conversation_update(f->db, f->org_a, 0, &got), SAVE_NOT_FOUND);

	/* the upcoming contacts */
	struct conversation *up;
	assert_int_equal(conversation_upcoming(f->db, &a, f->org_a, "2026-03-15", &up, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(conversation_upcoming(f->db, &a, f->org_a, "2026-04-02", &up, &n), 0);
	assert_int_equal(n, 0);
	arena_free(&a);
	fx_close(f);
}

static void test_delete_rule(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	long long p = partner(f, f->org_a, "Bibliotheekvrienden", "vereniging");
	struct conversation c = {
	    .held_on = "2026-03-01", .kind = "brainstorm", .partner_id = p, .subject = "Ideeën"};
	long long t = 0;
	assert_int_equal(conversation_create(f->db, f->org_a, 0, &c, NULL, 0, &t), SAVE_OK);
	/* a partner named by a conversation does not vanish */
	assert_int_equal(partner_conversation_count(f->db, f->org_a, p), 1);
	assert_int_equal(partner_delete(f->db, f->org_a, f->staff_a, p, 1), SAVE_REFUSED);
	struct partner got;
	assert_int_equal(partner_get(f->db, &a, f->org_a, p, &got), 1);
	/* the database refuses it too, should code ever try */
	assert_int_equal(db_exec(f->db, "DELETE FROM partners WHERE id = ?", DB_ARGS(DB_INT(p))),
	                 DB_CONSTRAINT);
	/* once the conversation is about a community instead, the partner can go */
	assert_int_equal(conversation_get(f->db, &a, f->org_a, t, &c), 1);
	c.partner_id = 0;
	c.community_id = f->community;
	assert_int_equal(conversation_update(f->db, f->org_a, 0, &c), SAVE_OK);
	struct partner_power pw = {.partner_id = p, .met_on = "2026-03-01", .goals = "Lezen"};
	assert_int_equal(power_create(f->db, f->org_a, 0, &pw, NULL), SAVE_OK);
	assert_int_equal(partner_delete(f->db, f->org_a, f->staff_a, p, got.version), SAVE_OK);
	assert_int_equal(partner_get(f->db, &a, f->org_a, p, &got), 0);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM partner_power"), 0);
	/* and the audit log keeps its name */
	assert_int_equal(count(f, "SELECT COUNT(*) FROM audit_log WHERE action = 'partner.delete'"
	                          " AND object = 'Bibliotheekvrienden'"),
	                 1);
	/* a deleted community leaves its conversations without it */
	assert_int_equal(community_delete(f->db, f->org_a, 0, f->community,
	                                  fx_version(f, f->org_a, f->community)),
	                 SAVE_OK);
	assert_int_equal(conversation_get(f->db, &a, f->org_a, t, &c), 1);
	assert_int_equal(c.community_id, 0);
	arena_free(&a);
	fx_close(f);
}

static void test_list_counts_and_filters(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	long long p1 = partner(f, f->org_a, "alpha welzijn", "welzijn");
	long long p2 = partner(f, f->org_a, "Beta school", "school");
	partner(f, f->org_b, "Gamma", "school");
	assert_int_equal(partner_link(f->db, f->org_a, 0, p2, f->community), SAVE_OK);
	struct conversation c = {.held_on = "2026-03-01",
	                         .kind = "kennismaking",
	                         .partner_id = p2,
	                         .subject = "Eerste",
	                         .next_on = "2026-04-01"};
	struct action_new aps[] = {{.text = "Te laat", .due_on = "2026-03-05"},
	                           {.text = "Op tijd", .due_on = "2026-05-01"},
	                           {.text = "Geen datum"}};
	assert_int_equal(conversation_create(f->db, f->org_a, 0, &c, aps, 3, NULL), SAVE_OK);
	c.held_on = "2026-03-20";
	c.subject = "Tweede";
	c.next_on = "";
	assert_int_equal(conversation_create(f->db, f->org_a, 0, &c, NULL, 0, NULL), SAVE_OK);

	struct partner_filter flt = {.kind = ""};
	struct partner_row *rows;
	size_t n;
	long long total;
	assert_int_equal(
	    partner_list(f->db, &a, f->org_a, &flt, "2026-03-25", 0, 0, &rows, &n, &total), 0);
	assert_int_equal(total, 2);                         /* not org B's */
	assert_string_equal(rows[0].name, "alpha welzijn"); /* A to Z, whatever the case */
	assert_int_equal(rows[1].id, p2);
	assert_string_equal(rows[1].last_contact, "2026-03-20");
	assert_string_equal(rows[1].next_contact, "2026-04-01");
	assert_int_equal(rows[1].n_conversations, 2);
	assert_int_equal(rows[1].n_open_actions, 3);
	assert_int_equal(rows[1].n_overdue, 1);
	assert_string_equal(rows[0].last_contact, "");
	/* filters */
	flt.kind = "school";
	assert_int_equal(
	    partner_list(f->db, &a, f->org_a, &flt, "2026-03-25", 0, 0, &rows, &n, &total), 0);
	assert_int_equal(total, 1);
	assert_int_equal(rows[0].id, p2);
	flt = (struct partner_filter){.kind = "", .community = f->other_community};
	assert_int_equal(
	    partner_list(f->db, &a, f->org_a, &flt, "2026-03-25", 0, 0, &rows, &n, &total), 0);
	assert_int_equal(total, 0);
	/* sorting by last contact: met partners first */
	flt = (struct partner_filter){.kind = "", .sort = PSORT_CONTACT};
	assert_int_equal(
	    partner_list(f->db, &a, f->org_a, &flt, "2026-03-25", 0, 0, &rows, &n, &total), 0);
	assert_int_equal(rows[0].id, p2);
	assert_int_equal(rows[1].id, p1);
	/* paging */
	flt.sort = PSORT_NAME;
	assert_int_equal(
	    partner_list(f->db, &a, f->org_a, &flt, "2026-03-25", 1, 1, &rows, &n, &total), 0);
	assert_int_equal(n, 1);
	assert_int_equal(total, 2);
	assert_int_equal(rows[0].id, p2);
	/* open action points: earliest due first, no date last */
	struct action_point *ap;
	assert_int_equal(action_open_list(f->db, &a, f->org_a, 0, 0, &ap, &n), 0);
	assert_int_equal(n, 3);
	assert_string_equal(ap[0].text, "Te laat");
	assert_string_equal(ap[2].text, "Geen datum");
	assert_int_equal(action_open_list(f->db, &a, f->org_a, p1, 0, &ap, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(action_open_list(f->db, &a, f->org_b, 0, 0, &ap, &n), 0);
	assert_int_equal(n, 0);
	arena_free(&a);
	fx_close(f);
}

static void test_timeline(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	long long p = partner(f, f->org_a, "Taalhuis", "welzijn");
	assert_int_equal(partner_link(f->db, f->org_a, 0, p, f->community), SAVE_OK);
	struct conversation c = {.held_on = "2026-03-01",
	                         .kind = "partner-power",
	                         .partner_id = p,
	                         .community_id = f->community,
	                         .subject = "Partner power",
	                         .next_on = "2099-01-01",
	                         .next_note = "Evaluatie"};
	struct action_new aps[] = {{.text = "Open punt", .due_on = "2026-03-05"},
	                           {.text = "Gedaan punt", .due_on = "2026-03-04"}};
	long long t = 0;
	assert_int_equal(conversation_create(f->db, f->org_a, 0, &c, aps, 2, &t), SAVE_OK);
	struct action_point *list;
	size_t n;
	assert_int_equal(action_list(f->db, &a, f->org_a, t, &list, &n), 0);
	assert_int_equal(action_set_done(f->db, f->org_a, 0, t, list[1].id, true), SAVE_OK);
	/* another community's conversation does not show */
	c.community_id = f->other_community;
	c.subject = "Elders";
	assert_int_equal(conversation_create(f->db, f->org_a, 0, &c, NULL, 0, NULL), SAVE_OK);

	struct timeline_entry *tl;
	assert_int_equal(community_timeline(f->db, &a, f->org_a, f->community, &tl, &n), 0);
	/* newest first: the planned contact far ahead, then today's entries, then March */
	assert_int_equal(tl[0].kind, TL_NEXT_CONTACT);
	assert_string_equal(tl[0].text, "Evaluatie");
	bool status = false, talk = false, due = false, done = false, joined = false;
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			assert_true(strcmp(tl[i - 1].date, tl[i].date) >= 0);
		status |= tl[i].kind == TL_STATUS;
		talk |= tl[i].kind == TL_CONVERSATION && tl[i].ref_id == t;
		due |= tl[i].kind == TL_ACTION_DUE && strcmp(tl[i].text, "Open punt") == 0;
		done |= tl[i].kind == TL_ACTION_DONE && strcmp(tl[i].text, "Gedaan punt") == 0;
		joined |= tl[i].kind == TL_PARTNER && tl[i].ref_id == p;
		assert_string_not_equal(tl[i].text, "Elders");
	}
	assert_true(status && talk && due && done && joined);
	/* another organisation sees nothing of it */
	assert_int_equal(community_timeline(f->db, &a, f->org_b, f->community, &tl, &n), 0);
	assert_int_equal(n, 0);
	arena_free(&a);
	fx_close(f);
}

static void test_csv(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	struct partner p = {.name = "=HYPERLINK(\"x\")",
	                    .kind = "bedrijf",
	                    .description = "regel 1\nregel 2; \"quotes\"",
	                    .contact_how = "+31 6 1234"};
	long long links[] = {f->community};
	long long id = 0;
	assert_int_equal(partner_create(f->db, f->org_a, 0, &p, links, 1, &id), SAVE_OK);
	struct partner_power pw = {
	    .partner_id = id, .met_on = "2026-03-02", .commitments = "Twee uur per week"};
	assert_int_equal(power_create(f->db, f->org_a, 0, &pw, NULL), SAVE_OK);
	partner(f, f->org_b, "Niet van ons", "school");
	struct partner_filter flt = {.kind = ""};
	struct buf out;
	buf_init(&out, &a);
	assert_int_equal(partner_export_csv(f->db, &a, f->org_a, &flt, "2026-03-25", &out), 0);
	const char *csv = buf_str(&out);
	assert_memory_equal(csv, "\xEF\xBB\xBFNaam;Soort;Van;Wat doen ze;", 23);
	assert_non_null(strstr(csv, "\"'=HYPERLINK(\"\"x\"\")\";Bedrijf of ondernemer;;"
	                            "\"regel 1\nregel 2; \"\"quotes\"\"\";;'+31 6 1234;Taalcafé;"
	                            "2026-03-02;;;;Twee uur per week;;0;;;0;0;"));
	assert_null(strstr(csv, "Niet van ons"));
	/* two lines: header and one partner, each ending in CRLF */
	size_t rows = 0;
	for (const char *s = csv; (s = strstr(s, "\r\n")) != NULL; s += 2)
		rows++;
	assert_int_equal(rows, 2);
	arena_free(&a);
	fx_close(f);
}

/* hole 7: a delete names the version it saw; a stale one deletes nothing */
static void test_delete_names_version(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	long long p = partner(f, f->org_a, "Buurthuis", "welzijn");
	struct partner seen, now;
	assert_int_equal(partner_get(f->db, &a, f->org_a, p, &seen), 1);
	now = seen;
	now.description = "Intussen gewijzigd";
	assert_int_equal(partner_update(f->db, f->org_a, f->staff_a2, &now), SAVE_OK);
	assert_int_equal(partner_delete(f->db, f->org_a, f->staff_a, p, seen.version),
	                 SAVE_CONFLICT);
	assert_int_equal(partner_get(f->db, &a, f->org_a, p, &now), 1);

	struct partner_power pw = {.partner_id = p, .met_on = "2026-03-02", .goals = "Lezen"};
	long long w = 0;
	assert_int_equal(power_create(f->db, f->org_a, 0, &pw, &w), SAVE_OK);
	struct partner_power wseen, wnow;
	assert_int_equal(power_get(f->db, &a, f->org_a, p, w, &wseen), 1);
	wnow = wseen;
	wnow.goals = "Schrijven";
	assert_int_equal(power_update(f->db, f->org_a, 0, &wnow), SAVE_OK);
	assert_int_equal(power_delete(f->db, f->org_a, 0, p, w, wseen.version), SAVE_CONFLICT);
	assert_int_equal(power_get(f->db, &a, f->org_a, p, w, &wnow), 1);
	assert_int_equal(power_delete(f->db, f->org_a, 0, p, w, wnow.version), SAVE_OK);

	struct conversation c = {
	    .held_on = "2026-03-01", .kind = "brainstorm", .partner_id = p, .subject = "Ideeën"};
	struct action_new ap = {.text = "Bellen"};
	long long t = 0;
	assert_int_equal(conversation_create(f->db, f->org_a, 0, &c, &ap, 1, &t), SAVE_OK);
	struct conversation cseen, cnow;
	assert_int_equal(conversation_get(f->db, &a, f->org_a, t, &cseen), 1);
	cnow = cseen;
	cnow.report = "Verslag van de ander";
	assert_int_equal(conversation_update(f->db, f->org_a, 0, &cnow), SAVE_OK);
	assert_int_equal(conversation_delete(f->db, f->org_a, 0, t, cseen.version), SAVE_CONFLICT);
	assert_int_equal(conversation_get(f->db, &a, f->org_a, t, &cnow), 1);

	struct action_point *list;
	size_t n;
	assert_int_equal(action_list(f->db, &a, f->org_a, t, &list, &n), 0);
	assert_int_equal(n, 1);
	long long seen_ap = list[0].version;
	assert_int_equal(action_set_done(f->db, f->org_a, 0, t, list[0].id, true), SAVE_OK);
	assert_int_equal(action_delete(f->db, f->org_a, 0, t, list[0].id, seen_ap), SAVE_CONFLICT);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM action_points"), 1);
	assert_int_equal(action_delete(f->db, f->org_a, 0, t, list[0].id, seen_ap + 1), SAVE_OK);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM action_points"), 0);
	/* with the version it shows now, the delete goes through */
	assert_int_equal(conversation_delete(f->db, f->org_a, 0, t, cnow.version), SAVE_OK);
	assert_int_equal(partner_delete(f->db, f->org_a, f->staff_a, p, now.version), SAVE_OK);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM partners WHERE name = 'Buurthuis'"), 0);
	arena_free(&a);
	fx_close(f);
}

/* hole 2, second half: action points of someone who left say so, and move in one step */
static void test_gone_owner_hand_over(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	long long p = partner(f, f->org_a, "Taalhuis", "welzijn");
	struct conversation c = {
	    .held_on = "2026-03-01", .kind = "kennismaking", .partner_id = p, .subject = "Eerste"};
	struct action_new aps[] = {{.text = "Rooster maken", .owner_id = f->staff_a},
	                           {.text = "Zaal huren", .owner_id = f->staff_a},
	                           {.text = "Flyers", .owner_id = f->staff_a2}};
	long long t = 0;
	assert_int_equal(conversation_create(f->db, f->org_a, 0, &c, aps, 3, &t), SAVE_OK);
	struct action_point *list;
	size_t n;
	assert_int_equal(action_list(f->db, &a, f->org_a, t, &list, &n), 0);
	assert_false(list[0].owner_gone);
	assert_int_equal(action_set_done(f->db, f->org_a, 0, t, list[1].id, true), SAVE_OK);
	struct action_owner *gone;
	assert_int_equal(action_gone_owners(f->db, &a, f->org_a, &gone, &n), 0);
	assert_int_equal(n, 0);

	/* staff_a leaves: the pages can say so */
	assert_int_equal(member_remove(f->db, f->org_a, f->admin_a, f->staff_a), SAVE_OK);
	assert_int_equal(action_list(f->db, &a, f->org_a, t, &list, &n), 0);
	assert_true(list[0].owner_gone && list[1].owner_gone);
	assert_false(list[2].owner_gone);
	assert_int_equal(action_gone_owners(f->db, &a, f->org_a, &gone, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(gone[0].person_id, f->staff_a);
	assert_int_equal(gone[0].n_open, 1); /* the done one stays as it was */

	/* refused: to someone without a staff role here, to themselves, from nobody */
	long long moved = -1;
	assert_int_equal(
	    action_hand_over(f->db, f->org_a, f->admin_a, f->staff_a, f->adviser, &moved),
	    SAVE_NOT_FOUND);
	assert_int_equal(
	    action_hand_over(f->db, f->org_a, f->admin_a, f->staff_a, f->admin_b, &moved),
	    SAVE_NOT_FOUND);
	assert_int_equal(
	    action_hand_over(f->db, f->org_a, f->admin_a, f->staff_a, f->staff_a, &moved),
	    SAVE_REFUSED);
	assert_int_equal(
	    action_hand_over(f->db, f->org_b, f->admin_b, f->staff_a, f->admin_b, &moved),
	    SAVE_NOT_FOUND); /* nothing of org B to hand over */
	assert_int_equal(moved, -1);

	long long before = list[0].version;
	assert_int_equal(
	    action_hand_over(f->db, f->org_a, f->admin_a, f->staff_a, f->staff_a2, &moved),
	    SAVE_OK);
	assert_int_equal(moved, 1);
	assert_int_equal(action_list(f->db, &a, f->org_a, t, &list, &n), 0);
	assert_int_equal(list[0].owner_id, f->staff_a2);
	assert_false(list[0].owner_gone);
	assert_int_equal(list[0].version, before + 1);  /* a form opened before now conflicts */
	assert_int_equal(list[1].owner_id, f->staff_a); /* done: history stays */
	assert_int_equal(action_gone_owners(f->db, &a, f->org_a, &gone, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM audit_log WHERE action = 'action.handover'"
	                          " AND detail = '1'"),
	                 1);
	arena_free(&a);
	fx_close(f);
}

/* "nieuwste eerst": within one day, the latest recorded comes first */
static void test_timeline_same_day(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	struct conversation c = {.held_on = "2026-03-01",
	                         .kind = "groepsgesprek",
	                         .community_id = f->community,
	                         .subject = "Ochtend"};
	long long first = 0, second = 0;
	assert_int_equal(conversation_create(f->db, f->org_a, 0, &c, NULL, 0, &first), SAVE_OK);
	c.subject = "Middag";
	assert_int_equal(conversation_create(f->db, f->org_a, 0, &c, NULL, 0, &second), SAVE_OK);
	/* the first one was recorded earlier that day */
	assert_int_equal(db_exec(f->db,
	                         "UPDATE conversations SET created_at = created_at - 60"
	                         " WHERE id = ?",
	                         DB_ARGS(DB_INT(first))),
	                 DB_OK);
	struct timeline_entry *tl;
	size_t n;
	assert_int_equal(community_timeline(f->db, &a, f->org_a, f->community, &tl, &n), 0);
	size_t at_first = n, at_second = n;
	for (size_t i = 0; i < n; i++) {
		if (tl[i].kind == TL_CONVERSATION && tl[i].ref_id == first)
			at_first = i;
		if (tl[i].kind == TL_CONVERSATION && tl[i].ref_id == second)
			at_second = i;
	}
	assert_true(at_second < at_first && at_first < n);
	arena_free(&a);
	fx_close(f);
}

/* hole 3: a failing query is an error, never an empty timeline */
static void test_timeline_error_is_not_empty(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	assert_int_equal(db_exec(f->db, "DROP TABLE community_status_changes", DB_NOARGS), DB_OK);
	struct timeline_entry *tl;
	size_t n;
	assert_int_equal(community_timeline(f->db, &a, f->org_a, f->community, &tl, &n), -1);
	arena_free(&a);
	fx_close(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_partner_create_update_conflict),
	    cmocka_unit_test(test_links),
	    cmocka_unit_test(test_power),
	    cmocka_unit_test(test_conversations_and_references),
	    cmocka_unit_test(test_delete_rule),
	    cmocka_unit_test(test_list_counts_and_filters),
	    cmocka_unit_test(test_timeline),
	    cmocka_unit_test(test_csv),
	    cmocka_unit_test(test_delete_names_version),
	    cmocka_unit_test(test_gone_owner_hand_over),
	    cmocka_unit_test(test_timeline_same_day),
	    cmocka_unit_test(test_timeline_error_is_not_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
