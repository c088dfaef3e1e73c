/*
 * demo_public.c - De Sleutel's public page, open communities, public
 * activities and inbox (see demo_public.h).
 */
#include "demo_public.h"

#include <stdio.h>
#include <string.h>

#include "../core/activity.h"
#include "../core/inbox.h"
#include "../core/public.h"
#include "../util/clock.h"
#include "demo_work.h"

struct demo_open {
	const char *community; /* the start of its name */
	const char *description;
};

static const struct demo_open demo_open[] = {
    {"Taalcafé",
     "Elke week oefenen we 's ochtends samen Nederlands aan de leestafel in "
     "de hoofdvestiging. Met koffie, thee en vrijwilligers van het Taalhuis. Iedereen die "
     "Nederlands wil oefenen is welkom, ook als je net begint. Aanmelden hoeft niet."},
    {"Repair Café",
     "Eens per maand repareren we samen lampen, fietsen, kleding en "
     "apparaten in Dorpshuis Heikant. Neem je kapotte spullen mee, of kom helpen als je "
     "handig bent. Koffie staat klaar."},
};

struct demo_message {
	const char *kind;      /* doe-mee or idee */
	const char *community; /* doe-mee: the start of its name */
	const char *message, *name, *contact;
	bool answered;
};

static const struct demo_message demo_messages[] = {
    {"doe-mee", "Taalcafé",
     "Ik woon sinds een half jaar in Zandhoven en wil graag beter Nederlands spreken. Kan ik "
     "zomaar komen op dinsdag?",
     "Olena", "olena@voorbeeld.nl", false},
    {"idee", NULL,
     "Een ruilkast voor kinderboeken bij de ingang van de vestiging in Molenbeek. Veel ouders "
     "hebben boeken over.",
     "", "", false},
    {"doe-mee", "Repair Café", "Ik ben gepensioneerd elektricien en help graag mee met repareren.",
     "Gerrit", "06 12345678", false},
    {"idee", NULL, "Een schaakmiddag voor jong en oud in de zomervakantie.", "", "", true},
};

/* Id of org's community whose name starts with prefix, or 0. */
static long long community_like(struct db *db, long long org, const char *prefix)
{
	struct arena a;
	arena_init(&a);
	const char *like = arena_printf(&a, "%s%%", prefix);
	long long id = 0;
	if (db_query_int(db, "SELECT MIN(id) FROM communities WHERE org_id = ?1 AND name LIKE ?2",
	                 DB_ARGS(DB_INT(org), DB_TEXT(like)), &id) != DB_ROW)
		id = 0;
	arena_free(&a);
	return id;
}

/* Upcoming activities for the public page: days from today, and public or
 * not (a week or more ahead: the activities' own tests add one next week). */
struct demo_upcoming {
	const char *community, *title, *branch, *place, *made, *starts, *ends;
	int days;
	bool public;
};

static const struct demo_upcoming demo_upcoming[] = {
    {"Taalcafé", "Taalcafé: samen Nederlands oefenen", "Hoofdvestiging De Sleutel", "", "met",
     "10:00", "12:00", 9, true},
    {"Taalcafé", "Taalcafé: samen Nederlands oefenen", "Hoofdvestiging De Sleutel", "", "met",
     "10:00", "12:00", 16, true},
    {"Taalcafé", "Avond met verhalen en eten uit ons land", "Hoofdvestiging De Sleutel", "", "door",
     "18:30", "21:00", 20, true},
    {"Taalcafé", "Overleg vrijwilligers Taalhuis", "Hoofdvestiging De Sleutel", "", "met", "13:00",
     "14:00", 10, false},
    {"Repair Café", "Repair Café Heikant", "", "Dorpshuis Heikant", "door", "10:00", "13:00", 9,
     true},
    {"Repair Café", "Uitleg: je eigen fiets onderhouden", "", "Dorpshuis Heikant", "met", "14:00",
     "16:00", 23, true},
};

/* Adds the upcoming activities of demo_upcoming. 0 or -1. */
static int upcoming_load(struct db *db, long long org)
{
	for (size_t i = 0; i < sizeof(demo_upcoming) / sizeof(demo_upcoming[0]); i++) {
		const struct demo_upcoming *d = &demo_upcoming[i];
		struct activity_ref comm = {.id = community_like(db, org, d->community)};
		if (comm.id == 0)
			continue;
		long long branch = 0;
		if (d->branch[0] &&
		    db_query_int(db, "SELECT MIN(id) FROM branches WHERE org_id = ?1 AND name = ?2",
		                 DB_ARGS(DB_INT(org), DB_TEXT(d->branch)), &branch) != DB_ROW)
			branch = 0;
		char day[16];
		clock_date_from_today(d->days, day);
		struct activity a = {.title = d->title,
		                     .held_on = day,
		                     .starts_at = d->starts,
		                     .ends_at = d->ends,
		                     .branch_id = branch,
		                     .place = d->place,
		                     .made = d->made,
		                     .status = "planned",
		                     .participants = -1,
		                     .outcome = "",
		                     .follow_up = "",
		                     .communities = &comm,
		                     .n_communities = 1};
		long long id = 0;
		enum activity_problem why = ACT_OK;
		if (activity_create(db, org, 0, 0, &a, &id, &why) != SAVE_OK ||
		    public_activity_set(db, org, id, d->public) != SAVE_OK)
			return -1;
	}
	return 0;
}

int demo_public_load(struct db *db)
{
	long long org = demo_org_id(db, "de-sleutel");
	if (org == 0)
		return -1;
	long long have = 0;
	if (db_query_int(db, "SELECT COUNT(*) FROM public_pages WHERE org_id = ?1",
	                 DB_ARGS(DB_INT(org)), &have) != DB_ROW)
		return -1;
	if (have > 0)
		return 0;
	struct public_settings s = {
	    .enabled = true,
	    .intro =
	        "Bibliotheek De Sleutel is er voor iedereen in Zandhoven, Heikant, Molenbeek en "
	        "Oosterveld. Bij ons kun je lezen en lenen, maar ook samen leren, maken en "
	        "elkaar ontmoeten. Doe mee met een groep, of vertel ons je idee.",
	    .retention_days = 90,
	    .keep_message = true,
	    .version = 1};
	if (public_settings_save(db, org, 0, &s) != SAVE_OK)
		return -1;
	char today[16];
	clock_today(today);
	for (size_t i = 0; i < sizeof(demo_open) / sizeof(demo_open[0]); i++) {
		long long cid = community_like(db, org, demo_open[i].community);
		if (cid == 0)
			continue;
		if (public_community_save(db, org, 0, cid, true, demo_open[i].description, 0) !=
		    SAVE_OK)
			return -1;
	}
	if (upcoming_load(db, org) != 0)
		return -1;
	for (size_t i = 0; i < sizeof(demo_messages) / sizeof(demo_messages[0]); i++) {
		const struct demo_message *m = &demo_messages[i];
		bool personal = m->name[0] || m->contact[0];
		struct inbox_new in = {.kind = m->kind,
		                       .community_id =
		                           m->community ? community_like(db, org, m->community) : 0,
		                       .message = m->message,
		                       .name = m->name,
		                       .contact = m->contact,
		                       .consent_version = personal ? "2026-1" : "",
		                       .consent_text = personal ? "(demo)" : ""};
		char addr[32];
		snprintf(addr, sizeof(addr), "demo-%zu", i);
		long long id = 0;
		if (inbox_submit(db, org, addr, &in, 90, &id) != INBOX_OK)
			return -1;
		if (m->answered &&
		    inbox_answer(db, org, 0, id, 1, "Doorgegeven aan de schaakclub.") != SAVE_OK)
			return -1;
	}
	return 0;
}

int demo_public_scale(struct db *db, long long org, const long long *communities, size_t n)
{
	struct public_settings s = {.enabled = true,
	                            .intro = "De bibliotheek is er voor iedereen: doe mee met een "
	                                     "groep, of vertel ons je idee.",
	                            .retention_days = 90,
	                            .keep_message = true,
	                            .version = 1};
	if (public_settings_save(db, org, 0, &s) != SAVE_OK)
		return -1;
	for (size_t i = 0; i < n; i += 3)
		if (public_community_save(db, org, 0, communities[i], true,
		                          "Elke week komen we samen in de bibliotheek. Iedereen is "
		                          "welkom, aanmelden hoeft niet.",
		                          0) != SAVE_OK)
			return -1;
	char today[16];
	clock_today(today);
	if (db_exec(db,
	            "UPDATE activities SET is_public = 1 WHERE org_id = ?1 AND status = 'planned'"
	            " AND held_on >= ?2 AND id % 2 = 0",
	            DB_ARGS(DB_INT(org), DB_TEXT(today))) != DB_OK)
		return -1;
	for (size_t i = 0; i < 12 && n > 0; i++) {
		bool personal = i % 3 == 0;
		struct inbox_new in = {.kind = i % 2 ? "idee" : "doe-mee",
		                       .community_id = i % 2 ? 0 : communities[(i * 3) % n],
		                       .message =
		                           "Ik wil graag meedoen; wanneer kan ik langskomen?",
		                       .name = personal ? "Inwoner" : "",
		                       .contact = personal ? "inwoner@voorbeeld.nl" : "",
		                       .consent_version = personal ? "2026-1" : "",
		                       .consent_text = personal ? "(demo)" : ""};
		char addr[48];
		snprintf(addr, sizeof(addr), "scale-%lld-%zu", org, i);
		enum inbox_submit_rc rc = inbox_submit(db, org, addr, &in, 90, NULL);
		/* a closed community (every third is open): the idea box instead */
		if (rc == INBOX_NOT_OPEN) {
			in.kind = "idee";
			in.community_id = 0;
			rc = inbox_submit(db, org, addr, &in, 90, NULL);
		}
		if (rc != INBOX_OK)
			return -1;
	}
	return 0;
}
