/*
 * demo_activities.c - a year of activities for De Sleutel's communities
 * (step 6): voor, met and door, about two a month per community, the last
 * few planned ahead, with staff and partners that took part. Dates are
 * relative to today, so the demo always has a past year and a near future.
 */
#include "demo_activities.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../core/activity.h"
#include "../util/arena.h"
#include "demo_work.h"

struct demo_kind {
	const char *title, *made, *starts, *ends, *outcome;
};

/* per community (by the start of its name): what it does, over and over */
struct demo_set {
	const char *community;
	const char *branch; /* "" elsewhere */
	const char *place;
	const char *partner; /* a partner that joins some, or NULL */
	struct demo_kind kinds[4];
};

static const struct demo_set demo_sets[] = {
    {"Taalcafé",
     "Hoofdvestiging De Sleutel",
     "",
     "VluchtelingenWerk Zandhoven",
     {{"Taalcafé op dinsdagochtend", "voor", "10:00", "12:00",
       "Veel nieuwe gezichten; twee vrijwilligers extra nodig."},
      {"Oefenen bij de huisarts: rollenspel met het Taalhuis", "met", "10:00", "11:30",
       "Deelnemers vroegen om een vervolg over de apotheek."},
      {"Avond met verhalen en eten uit ons land", "door", "18:30", "21:00",
       "Deelnemers kookten zelf; de zaal zat vol."},
      {"Meertalige voorleesochtend door ouders", "door", "10:30", "11:30",
       "Voorgelezen in vijf talen."}}},
    {"Repair Café",
     "",
     "Dorpshuis Heikant",
     "Dorpsraad Heikant",
     {{"Repair Café Heikant", "door", "10:00", "13:00",
       "Zeventien spullen gerepareerd, vooral lampen en fietsen."},
      {"Uitleg: je eigen fiets onderhouden", "met", "14:00", "16:00",
       "Kinderen uit het dorp deden mee."},
      {"Inloopochtend digitale vragen in de vestiging", "voor", "10:00", "12:00",
       "Vooral vragen over DigiD en de bank-app."},
      {"Ruilmarkt voor gereedschap", "door", "10:00", "12:00", ""}}},
    {"Boekstart",
     "Vestiging Molenbeek",
     "",
     "Consultatiebureau Molenbeek",
     {{"Voorlezen voor dreumesen", "voor", "09:30", "10:15",
       "Ouders bleven na afloop koffie drinken."},
      {"Ouderkamer: samen kiezen wat we lezen", "met", "09:30", "11:00",
       "Een moeder neemt de volgende keer het voorlezen over."},
      {"Boekenruil door jonge ouders", "door", "09:30", "11:00", ""},
      {"Spreekuur consultatiebureau in de bibliotheek", "met", "13:30", "15:00", ""}}},
    {"Samen voor Oosterveld",
     "Vestiging Oosterveld",
     "",
     "Historische Kring Oosterveld",
     {{"Verhalenmiddag: Oosterveld vroeger", "met", "14:00", "16:00",
       "Drie nieuwe verhalen opgenomen voor het dorpsarchief."},
      {"Fotoavond met de Historische Kring", "door", "19:30", "21:30", ""},
      {"Digitaal spreekuur voor ouderen", "voor", "10:00", "12:00",
       "Vooral hulp bij videobellen met de kleinkinderen."},
      {"Wandeling langs oude boerderijen", "door", "10:00", "12:30", ""}}},
};

/* The id of a row found by name in this org, or 0. */
static long long id_by_name(struct db *db, long long org, int what, const char *name)
{
	long long id = 0;
	if (what == 0)
		db_query_int(db,
		             "SELECT id FROM communities WHERE org_id = ? AND name LIKE ? || '%'",
		             DB_ARGS(DB_INT(org), DB_TEXT(name)), &id);
	else if (what == 1)
		db_query_int(db, "SELECT id FROM branches WHERE org_id = ? AND name = ?",
		             DB_ARGS(DB_INT(org), DB_TEXT(name)), &id);
	else if (what == 2)
		db_query_int(db, "SELECT id FROM partners WHERE org_id = ? AND name = ?",
		             DB_ARGS(DB_INT(org), DB_TEXT(name)), &id);
	else
		db_query_int(db, "SELECT id FROM persons WHERE email = ?", DB_ARGS(DB_TEXT(name)),
		             &id);
	return id;
}

/* "YYYY-MM-DD" of today plus days. */
static void day_from_today(char out[11], int days)
{
	time_t t = time(NULL) + (time_t)days * 86400;
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int demo_activities_load(struct db *db)
{
	long long org = demo_org_id(db, "de-sleutel");
	if (org == 0)
		return -1;
	long long have = 0;
	if (db_query_int(db, "SELECT COUNT(*) FROM activities WHERE org_id = ?",
	                 DB_ARGS(DB_INT(org)), &have) != DB_ROW)
		return -1;
	if (have > 0)
		return 0;
	long long sascha = id_by_name(db, org, 3, "sascha@desleutel.nl");
	long long jeroen = id_by_name(db, org, 3, "jeroen@desleutel.nl");
	for (size_t s = 0; s < sizeof(demo_sets) / sizeof(demo_sets[0]); s++) {
		const struct demo_set *d = &demo_sets[s];
		long long cid = id_by_name(db, org, 0, d->community);
		if (cid == 0)
			continue;
		long long bid = d->branch[0] ? id_by_name(db, org, 1, d->branch) : 0;
		long long pid = d->partner ? id_by_name(db, org, 2, d->partner) : 0;
		/* every ~two weeks from a year ago, and three planned ahead */
		for (int k = 0; k < 27; k++) {
			int days = -365 + k * 14 + (int)s * 3;
			const struct demo_kind *kind = &d->kinds[(k * 3 + (int)s) % 4];
			char day[11];
			day_from_today(day, days);
			struct activity_ref comm = {.id = cid}, staff[2], partner = {.id = pid};
			size_t n_staff = 0;
			if (k % 2 == 0 && sascha)
				staff[n_staff++] = (struct activity_ref){.id = sascha};
			if (k % 3 == 0 && jeroen)
				staff[n_staff++] = (struct activity_ref){.id = jeroen};
			bool ahead = days > 0, unconfirmed = days <= 0 && days > -14;
			struct activity a = {
			    .title = kind->title,
			    .held_on = day,
			    .starts_at = kind->starts,
			    .ends_at = kind->ends,
			    .branch_id = bid,
			    .place = d->place,
			    .made = kind->made,
			    .status =
			        ahead || unconfirmed ? "planned" : (k == 11 ? "cancelled" : "held"),
			    .participants = ahead || unconfirmed || k == 11
			                        ? -1
			                        : 8 + (k * 7 + (int)s * 5) % 23,
			    .outcome = ahead ? "" : kind->outcome,
			    .follow_up = "",
			    .communities = &comm,
			    .n_communities = 1,
			    .staff = staff,
			    .n_staff = n_staff,
			    .partners = &partner,
			    .n_partners = pid && k % 4 == 1 ? 1 : 0,
			};
			enum activity_problem why;
			long long id;
			if (activity_create(db, org, k % 2 ? jeroen : sascha, 0, &a, &id, &why) !=
			    SAVE_OK) {
				fprintf(stderr, "demo: activity %s on %s not saved (%d)\n", a.title,
				        day, (int)why);
				return -1;
			}
			/* written down on the day (a planned one three weeks before): the
			 * audit log of the demo reads like a year of work */
			long long now = (long long)time(NULL);
			long long at = now + (long long)(ahead ? days - 21 : days) * 86400;
			if (at > now - 3600)
				at = now - 3600;
			if (db_exec(db,
			            "UPDATE activities SET created_at = ?1, updated_at = ?1"
			            " WHERE id = ?2 AND org_id = ?3",
			            DB_ARGS(DB_INT(at), DB_INT(id), DB_INT(org))) != DB_OK ||
			    db_exec(
			        db,
			        "UPDATE audit_log SET at = ?1 WHERE id = (SELECT MAX(id)"
			        " FROM audit_log WHERE org_id = ?2 AND action = 'activity.create')",
			        DB_ARGS(DB_INT(at), DB_INT(org))) != DB_OK)
				return -1;
		}
	}
	return 0;
}
