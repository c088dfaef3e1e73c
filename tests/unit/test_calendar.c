/*
 * test_calendar.c - the month calendar's parts and the calendar feeds:
 * the month parameter, weekdays, an ambassadeur's scope, the iCalendar text
 * built for hand-made activities and for stored ones and parsed back with
 * libical (UID, DTSTART, SUMMARY, STATUS; no name from an outcome), and the
 * feed keys (renewal kills the old key; another feed's or organisation's
 * key opens nothing). The database tests run on PostgreSQL too when
 * KRING_TEST_PG names a cluster.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <libical/ical.h>

#include "community_fixture.h"
#include "core/calendar.h"
#include "pages/calendar_ui.h"

static void test_month_parse(void **state)
{
	(void)state;
	int y = 0, m = 0;
	assert_true(calendar_month_parse("2026-11", &y, &m));
	assert_int_equal(y, 2026);
	assert_int_equal(m, 11);
	assert_true(calendar_month_parse("1900-01", &y, &m));
	assert_true(calendar_month_parse("2999-12", &y, &m));
	static const char *const bad[] = {
	    "",        "2026-13",  "2026-00",  "2026-1",     "2026-011", "20261-1",
	    "2026/11", "2026-1a",  "abcd-ef",  "1899-12",    "3000-01",  "1000000000000",
	    "-026-11", "2026-11 ", " 2026-11", "2026-02-31", "+026-11",  "2026--1",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		y = m = -7;
		if (calendar_month_parse(bad[i], &y, &m))
			fail_msg("\"%s\" was taken as a month", bad[i]);
		assert_int_equal(y, -7); /* untouched */
	}
	assert_false(calendar_month_parse(NULL, &y, &m));
}

static void test_weekdays_and_lengths(void **state)
{
	(void)state;
	assert_int_equal(calendar_weekday(2026, 11, 30), 0); /* a Monday */
	assert_int_equal(calendar_weekday(2026, 11, 1), 6);  /* a Sunday */
	assert_int_equal(calendar_weekday(2024, 2, 29), 3);  /* a Thursday */
	assert_int_equal(calendar_weekday(2000, 1, 1), 5);   /* a Saturday */
	assert_int_equal(calendar_days_in_month(2024, 2), 29);
	assert_int_equal(calendar_days_in_month(2026, 2), 28);
	assert_int_equal(calendar_days_in_month(2100, 2), 28);
	assert_int_equal(calendar_days_in_month(2000, 2), 29);
	assert_int_equal(calendar_days_in_month(2026, 4), 30);
	assert_int_equal(calendar_days_in_month(2026, 12), 31);
}

/* Parses ics with libical; fails the test when it is not one VCALENDAR. */
static icalcomponent *parse(const char *ics)
{
	icalcomponent *cal = icalparser_parse_string(ics);
	if (cal == NULL || icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT)
		fail_msg("not a calendar:\n%s", ics);
	return cal;
}

/* The VEVENT with this UID, or NULL. */
static icalcomponent *event_by_uid(icalcomponent *cal, const char *uid)
{
	for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
	     ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
		if (strcmp(icalcomponent_get_uid(ev), uid) == 0)
			return ev;
	return NULL;
}

static void test_ics_hand_made(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct cal_feed feed = {.org_id = 1, .org_slug = "de-sleutel", .org_name = "De Sleutel"};
	struct cal_activity acts[] = {
	    {.id = 41,
	     .title = "Taalcafé; samen, koken",
	     .held_on = "2026-07-03",
	     .starts_at = "19:30",
	     .ends_at = "21:00",
	     .made = "door",
	     .status = "held",
	     .branch = "Vestiging Heikant",
	     .place = "",
	     .communities = "Taalcafé",
	     .version = 3,
	     .updated_at = 1780000000},
	    {.id = 42,
	     .title = "Voorleesochtend",
	     .held_on = "2026-12-01",
	     .starts_at = "",
	     .ends_at = "",
	     .made = "voor",
	     .status = "cancelled",
	     .branch = "",
	     .place = "Buurthuis De Linde",
	     .communities = "",
	     .version = 1,
	     .updated_at = 1780000000},
	    {.id = 43,
	     .title = "Geen datum",
	     .held_on = "2026-02-31",
	     .starts_at = "10:00",
	     .ends_at = "",
	     .made = "met",
	     .status = "planned",
	     .branch = "",
	     .place = "",
	     .communities = "",
	     .version = 1,
	     .updated_at = 1780000000},
	};
	struct buf out;
	buf_init(&out, &a);
	assert_int_equal(calendar_ics_write(&out, &a, &feed, acts, 3), 0);
	const char *ics = buf_str(&out);
	icalcomponent *cal = parse(ics);
	assert_int_equal(icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), 2);
	assert_non_null(icalcomponent_get_first_component(cal, ICAL_VTIMEZONE_COMPONENT));

	icalcomponent *ev = event_by_uid(cal, "activity-41@de-sleutel");
	assert_non_null(ev);
	assert_string_equal(icalcomponent_get_summary(ev), "Taalcafé; samen, koken");
	icalproperty *p = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
	struct icaltimetype t = icalproperty_get_dtstart(p);
	assert_int_equal(t.year, 2026);
	assert_int_equal(t.month, 7);
	assert_int_equal(t.day, 3);
	assert_int_equal(t.hour, 19);
	assert_int_equal(t.minute, 30);
	assert_int_equal(t.second, 0);
	icalparameter *tzid = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
	assert_non_null(tzid);
	assert_string_equal(icalparameter_get_tzid(tzid), "Europe/Amsterdam");
	struct icaltimetype e = icalcomponent_get_dtend(ev);
	assert_int_equal(e.hour, 21);
	assert_int_equal(e.minute, 0);
	assert_string_equal(icalcomponent_get_location(ev), "Vestiging Heikant");
	assert_non_null(strstr(icalcomponent_get_description(ev), "Door:"));
	assert_non_null(strstr(icalcomponent_get_description(ev), "Taalcafé"));
	assert_int_equal(icalcomponent_get_status(ev), ICAL_STATUS_CONFIRMED);

	ev = event_by_uid(cal, "activity-42@de-sleutel");
	assert_non_null(ev);
	t = icalcomponent_get_dtstart(ev);
	assert_true(t.is_date);
	assert_int_equal(t.day, 1);
	assert_int_equal(icalcomponent_get_status(ev), ICAL_STATUS_CANCELLED);
	assert_string_equal(icalcomponent_get_location(ev), "Buurthuis De Linde");
	assert_null(event_by_uid(cal, "activity-43@de-sleutel")); /* 31 February: left out */
	icalcomponent_free(cal);
	arena_free(&a);
}

/* One integer of a query without parameters. */
static long long count_of(struct fx *f, struct db_sql sql)
{
	long long v = -1;
	assert_int_equal(db_query_int_stmt(f->db, sql, DB_NOARGS, &v), DB_ROW);
	return v;
}

/* Inserts an activity of org on day with a resident's name in its outcome. */
static long long add_activity(struct fx *f, long long org, long long community, const char *day,
                              const char *status)
{
	assert_int_equal(
	    db_exec(f->db,
	            "INSERT INTO activities (org_id, title, held_on, starts_at, made, status,"
	            " participants, outcome, follow_up, created_at, updated_at)"
	            " VALUES (?1, 'Samen koken', ?2, '18:00', 'met', ?3, 9,"
	            " 'Mevrouw Jansje Pietersen-Oudkerk vertelde over haar jeugd',"
	            " 'Jansje Pietersen-Oudkerk bellen', 1780000000, 1780000000)",
	            DB_ARGS(DB_INT(org), DB_TEXT(day), DB_TEXT(status))),
	    DB_OK);
	long long id = 0;
	db_query_int(f->db, "SELECT MAX(id) FROM activities WHERE org_id = ?1",
	             DB_ARGS(DB_INT(org)), &id);
	if (community)
		assert_int_equal(db_exec(f->db,
		                         "INSERT INTO activity_communities (org_id, activity_id,"
		                         " community_id) VALUES (?1, ?2, ?3)",
		                         DB_ARGS(DB_INT(org), DB_INT(id), DB_INT(community))),
		                 DB_OK);
	return id;
}

static void test_feed_from_the_database(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	long long mine = add_activity(f, f->org_a, f->community, "2026-05-04", "held");
	long long other = add_activity(f, f->org_a, f->other_community, "2026-05-06", "cancelled");
	long long theirs = add_activity(f, f->org_b, f->community_b, "2026-05-05", "held");
	add_activity(f, f->org_a, f->community, "2020-01-01", "held"); /* before the window */

	struct cal_activity *acts;
	size_t n;
	assert_int_equal(calendar_feed_activities(f->db, &a, f->org_a, 0, "2026-01-01", &acts, &n),
	                 0);
	assert_int_equal(n, 2);
	struct cal_feed feed = {.org_id = f->org_a, .org_slug = "bieb-a", .org_name = "A"};
	struct buf out;
	buf_init(&out, &a);
	assert_int_equal(calendar_ics_write(&out, &a, &feed, acts, n), 0);
	const char *ics = buf_str(&out);
	/* the outcome and the follow-up may name residents: never in a feed */
	assert_null(strstr(ics, "Jansje"));
	assert_null(strstr(ics, "Pietersen"));
	assert_null(strstr(ics, "jeugd"));
	icalcomponent *cal = parse(ics);
	assert_non_null(event_by_uid(cal, arena_printf(&a, "activity-%lld@bieb-a", mine)));
	icalcomponent *ev = event_by_uid(cal, arena_printf(&a, "activity-%lld@bieb-a", other));
	assert_non_null(ev);
	assert_int_equal(icalcomponent_get_status(ev), ICAL_STATUS_CANCELLED);
	assert_null(event_by_uid(cal, arena_printf(&a, "activity-%lld@bieb-a", theirs)));
	assert_string_equal(icalcomponent_get_summary(ev), "Samen koken");
	icalcomponent_free(cal);

	/* one community's feed: only its activities */
	assert_int_equal(
	    calendar_feed_activities(f->db, &a, f->org_a, f->community, "2026-01-01", &acts, &n),
	    0);
	assert_int_equal(n, 1);
	assert_int_equal(acts[0].id, mine);
	assert_string_equal(acts[0].communities, "Taalcafé");

	/* the month: an ambassadeur sees their own community's activity only */
	assert_int_equal(calendar_month_activities(f->db, &a, f->org_a, f->amb, 0, "2026-05-01",
	                                           "2026-06-01", &acts, &n),
	                 0);
	assert_int_equal(n, 1);
	assert_int_equal(acts[0].id, mine);
	assert_int_equal(calendar_month_activities(f->db, &a, f->org_a, 0, 0, "2026-05-01",
	                                           "2026-06-01", &acts, &n),
	                 0);
	assert_int_equal(n, 2);
	assert_int_equal(calendar_month_activities(f->db, &a, f->org_a, 0, f->other_community,
	                                           "2026-05-01", "2026-06-01", &acts, &n),
	                 0);
	assert_int_equal(n, 1);
	assert_int_equal(acts[0].id, other);
	/* another organisation's community filters to nothing */
	assert_int_equal(calendar_month_activities(f->db, &a, f->org_a, 0, f->community_b,
	                                           "2026-05-01", "2026-06-01", &acts, &n),
	                 0);
	assert_int_equal(n, 0);
	struct cal_community *cs;
	assert_int_equal(calendar_communities(f->db, &a, f->org_a, f->amb, &cs, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(cs[0].id, f->community);
	arena_free(&a);
	fx_close(f);
}

static void test_feed_keys(void **state)
{
	(void)state;
	struct fx *f = fx_open();
	struct arena a;
	arena_init(&a);
	struct cal_feed feed;
	const char *k1 = NULL, *k2 = NULL, *kc = NULL;
	assert_int_equal(calendar_key_renew(f->db, &a, f->org_a, f->admin_a, 0, &k1), SAVE_OK);
	assert_int_equal(strlen(k1), 43);
	assert_int_equal(calendar_key_check(f->db, &a, "bieb-a", 0, k1, &feed), 1);
	assert_int_equal(feed.org_id, f->org_a);
	assert_int_equal(feed.community_id, 0);
	/* stored hashed: the key itself is nowhere in the table */
	long long plain = -1;
	db_query_int(f->db, "SELECT COUNT(*) FROM calendar_keys WHERE key_hash = ?1",
	             DB_ARGS(DB_TEXT(k1)), &plain);
	assert_int_equal(plain, 0);
	/* another organisation, or a community, with the organisation's key: nothing */
	assert_int_equal(calendar_key_check(f->db, &a, "bieb-b", 0, k1, &feed), 0);
	assert_int_equal(calendar_key_check(f->db, &a, "bieb-a", f->community, k1, &feed), 0);
	/* renewing: the old key stops working, the new one works */
	assert_int_equal(calendar_key_renew(f->db, &a, f->org_a, f->admin_a, 0, &k2), SAVE_OK);
	assert_string_not_equal(k1, k2);
	assert_int_equal(calendar_key_check(f->db, &a, "bieb-a", 0, k1, &feed), 0);
	assert_int_equal(calendar_key_check(f->db, &a, "bieb-a", 0, k2, &feed), 1);
	/* a community's feed */
	assert_int_equal(calendar_key_renew(f->db, &a, f->org_a, f->admin_a, f->community, &kc),
	                 SAVE_OK);
	assert_int_equal(calendar_key_check(f->db, &a, "bieb-a", f->community, kc, &feed), 1);
	assert_string_equal(feed.community_name, "Taalcafé");
	assert_int_equal(calendar_key_check(f->db, &a, "bieb-a", f->other_community, kc, &feed), 0);
	assert_int_equal(calendar_key_check(f->db, &a, "bieb-a", 0, kc, &feed), 0);
	assert_int_equal(calendar_key_check(f->db, &a, "bieb-b", f->community, kc, &feed), 0);
	/* the organisation's key still works beside it */
	assert_int_equal(calendar_key_check(f->db, &a, "bieb-a", 0, k2, &feed), 1);
	/* another organisation's community: refused, nothing stored */
	const char *kx = NULL;
	assert_int_equal(calendar_key_renew(f->db, &a, f->org_a, f->admin_a, f->community_b, &kx),
	                 SAVE_NOT_FOUND);
	assert_null(kx);
	assert_int_equal(count_of(f, DB_SQL("SELECT COUNT(*) FROM calendar_keys")), 2);
	assert_int_equal(
	    count_of(f,
	             DB_SQL("SELECT COUNT(*) FROM audit_log WHERE action = 'calendar.key_renew'")),
	    3);
	/* malformed keys are refused before any query */
	assert_int_equal(calendar_key_check(f->db, &a, "bieb-a", 0, "", &feed), 0);
	assert_int_equal(calendar_key_check(f->db, &a, "bieb-a", 0, NULL, &feed), 0);
	assert_int_equal(
	    calendar_key_check(f->db, &a, "bieb-a", 0, "x'; DROP TABLE orgs;--", &feed), 0);
	/* the states for the beheerder's page: the organisation first */
	struct cal_feed_state *fs;
	size_t n;
	assert_int_equal(calendar_feed_states(f->db, &a, f->org_a, &fs, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(fs[0].community_id, 0);
	assert_true(fs[0].has_key);
	assert_string_equal(fs[0].key_by, "Anna Beheer");
	for (size_t i = 1; i < n; i++)
		assert_true(fs[i].has_key == (fs[i].community_id == f->community));
	arena_free(&a);
	fx_close(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_month_parse),   cmocka_unit_test(test_weekdays_and_lengths),
	    cmocka_unit_test(test_ics_hand_made), cmocka_unit_test(test_feed_from_the_database),
	    cmocka_unit_test(test_feed_keys),
	};
	int failed = cmocka_run_group_tests_name("calendar (SQLite)", tests, NULL, NULL);
	/* the database tests once more on PostgreSQL, when a cluster is named */
	const char *pg = getenv("KRING_TEST_PG");
	if (pg != NULL && pg[0] != '\0') {
		const struct CMUnitTest pg_tests[] = {
		    cmocka_unit_test(test_feed_from_the_database),
		    cmocka_unit_test(test_feed_keys),
		};
		setenv("KRING_FX_PG", pg, 1);
		failed +=
		    cmocka_run_group_tests_name("calendar (PostgreSQL)", pg_tests, NULL, NULL);
	}
	return failed;
}
